"""The ``protocol-bot`` command line: import, lookup, check, and the adapters' commands.

Adapters add their own commands (``console`` now, ``run slack`` and ``run discord``
later) through the ``protocol_bot.commands`` entry-point group in pyproject.toml:
each entry is a function ``register(app: typer.Typer) -> None``. That keeps the rule
that ``bot`` never imports ``adapters``.
"""

from __future__ import annotations

import json
import os
import shutil
import textwrap
from importlib.metadata import entry_points
from pathlib import Path
from typing import Annotated, Optional

import typer
from protocol.importer import import_file
from protocol.model import ProtocolPack
from protocol.packfile import dump_pack, load_protocol
from protocol.search import ClauseIndex

from bot.cli_admin import register as register_admin
from bot.cli_db import db_app
from bot.cli_export import export_app
from bot.cli_moderate import register as register_moderate
from bot.cli_support import CouncilOption, fail, user_errors
from bot.council import read_council

PLUGIN_GROUP = "protocol_bot.commands"

app = typer.Typer(
    name="protocol-bot",
    help="A chat bot that knows your council's Member/Officer Relations Protocol.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)


@app.command("import")
def import_command(
    file: Annotated[Path, typer.Argument(help="The protocol document: .txt, .md, .pdf or .docx.", show_default=False)],
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Write the pack to this .yaml file.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print every clause as a JSON array.")] = False,
) -> None:
    """Import a protocol document into a pack (YAML on stdout unless -o or --json)."""
    with user_errors():
        pack = import_file(file)
    if output is not None:
        _write_pack(pack, output)
    if as_json:
        _print_json([clause.to_dict() for clause in pack.clauses])
    elif output is not None:
        council = pack.council or "unknown"
        typer.echo(f"Imported {len(pack)} clauses from {file} (council: {council}) to {output}")
    else:
        typer.echo(dump_pack(pack), nl=False)


@app.command()
def lookup(
    query: Annotated[list[str], typer.Argument(help="A clause id, a topic or a question.", show_default=False)],
    protocol: Annotated[Path, typer.Option("--protocol", help="A pack (.yaml) or a document.", show_default=False)],
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most this many clauses.")] = 5,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON array, best first.")] = False,
) -> None:
    """Find the clauses of a protocol that answer QUERY, best first."""
    text = " ".join(query).strip()
    if not text:
        fail("The query is empty: give a clause id, a topic or a question.", code=2)
    with user_errors():
        pack = load_protocol(protocol)
        result = ClauseIndex(pack).lookup(text, limit=limit)
    if result.kind == "unknown_id":
        nearest = f"; nearest ids: {', '.join(result.suggestions)}" if result.suggestions else ""
        fail(f"There is no clause {text} in this protocol{nearest}.")
    hits = result.hits[:1] if result.kind == "id" else result.hits
    if as_json:
        _print_json([{**hit.clause.to_dict(), "score": hit.score} for hit in hits])
    if not hits:
        topics = ", ".join(result.suggestions) or "a clause id or other words"
        hint = f'No clause matches "{text}". Try a topic: {topics}.'
        typer.echo(hint, err=as_json)
        return
    if not as_json:
        width = max(40, min(shutil.get_terminal_size((100, 24)).columns, 100))
        for hit in hits:
            clause = hit.clause
            typer.echo(f"{clause.id}  {clause.heading}".rstrip() + f"  (score {hit.score:g})")
            for line in clause.text.splitlines():
                typer.echo(textwrap.fill(line, width, initial_indent="    ", subsequent_indent="    "))
            typer.echo()


@app.command()
def check(council: CouncilOption) -> None:
    """Check a council file (or a folder of them) and its protocol; list every problem found."""
    from bot.registry import council_paths, load_councils  # loads storage: only when needed

    paths = council_paths(council) if council.is_dir() or os.pathsep in str(council) else [council]
    if not paths:
        fail(f"There are no .yaml council files in {council}: give a council file or a folder of them.")
    for path in paths:
        _check_one(path)
    if len(paths) > 1:
        with user_errors():
            load_councils(paths)
        typer.echo(f"OK: {len(paths)} councils, each with its own id, Slack team and Discord server.")


def _check_one(council: Path) -> None:
    with user_errors():
        loaded = read_council(council)
    for warning in loaded.warnings:
        typer.echo(f"Warning: {council}: {warning}", err=True)
    found = loaded.council
    with user_errors(prefix=f"{council}: protocol: "):
        pack = load_protocol(found.protocol_path)
    typer.echo(
        f"OK: {found.name}, {len(found.people)} people (clerk: {found.clerk.name}), "
        f"{len(found.committees)} committees; protocol {found.protocol_path.name} with {len(pack)} clauses."
    )


app.add_typer(db_app)
app.add_typer(export_app, name="export")
register_admin(app)  # keys, audit, purge; export person and export concerns
register_moderate(app)


def _write_pack(pack: ProtocolPack, output: Path) -> None:
    hint = "choose another path with -o"
    try:
        output.write_text(dump_pack(pack), encoding="utf-8")
    except PermissionError:
        fail(f"Cannot write {output}: permission denied; {hint}.")
    except IsADirectoryError:
        fail(f"{output} is a folder: give a file name with -o, such as {output / 'pack.yaml'}.")
    except FileNotFoundError:
        fail(f"Cannot write {output}: the folder {output.parent} does not exist; create it or {hint}.")
    except OSError as exc:
        fail(f"Cannot write {output}: {exc.strerror or exc}; {hint}.")


def _print_json(data: object) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _register_plugins(target: typer.Typer) -> None:
    """Let installed adapters add their commands (see the module docstring)."""
    for entry in entry_points(group=PLUGIN_GROUP):
        entry.load()(target)


_register_plugins(app)


def main() -> None:
    """The ``protocol-bot`` console script."""
    app()


if __name__ == "__main__":
    main()
