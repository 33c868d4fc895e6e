"""Administration of concerns and flags: ``keys``, ``audit verify``, ``purge``, ``export person``,
``export concerns`` and (from ``bot.cli_flags``) ``export flags``.

``keys generate`` makes a Fernet key for ``PROTOCOL_BOT_KEYS``; ``keys rotate``
re-encrypts everything (concerns and flags' excerpts) with its first key. ``audit verify`` checks the audit log's
hash chains. ``purge`` deletes the text of concerns closed longer ago than the
council keeps them. ``export person`` is a subject access export; ``export concerns``
exports what one handler handles. Everything that discloses or changes concerns is
audited by storage. storage is imported inside the commands, as in ``bot.cli_db``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from bot.cli_db import DbOption
from bot.cli_export import Format, export_app
from bot.cli_flags import register as register_flag_export
from bot.cli_support import CouncilOption, fail, user_errors
from bot.council import Council, load_council
from bot.export_files import csv_text, emit, json_text

if TYPE_CHECKING:
    from protocol.concerns import Concern, ConcernMessage
    from storage.concern_repository import ConcernRepository
    from storage.flag_repository import FlagRepository

DEFAULT_RETENTION_YEARS = 6

keys_app = typer.Typer(name="keys", help="Encryption keys for the text of concerns.", no_args_is_help=True)
audit_app = typer.Typer(name="audit", help="The audit log of who read and changed concerns.", no_args_is_help=True)

OutputOption = Annotated[Optional[Path], typer.Option("-o", "--output", help="Write to this file, not stdout.")]
CSV_COLUMNS = (
    "ref", "status", "category", "route", "raiser", "about", "about_other", "handlers", "created_at", "closed_at",
    "purged_at", "summary", "hoped_outcome", "outcome", "messages", "last_message_at",
)


def register(app: typer.Typer) -> None:
    """Add ``keys``, ``audit`` and ``purge`` to the ``protocol-bot`` app (``export`` gets its commands on import)."""
    register_flag_export(export_app)
    app.add_typer(keys_app)
    app.add_typer(audit_app)
    app.command("purge")(purge)


@contextmanager
def _repository(db: str | None, *, keys: bool = True) -> Iterator[ConcernRepository]:
    """The concern repository on ``db``, with the keys of PROTOCOL_BOT_KEYS (or none: ``keys=False``)."""
    from storage.audit import AuditLog
    from storage.concern_repository import ConcernRepository
    from storage.crypto import load_cipher
    from storage.database import open_database

    cipher = load_cipher() if keys else None
    engine = open_database(db or None)
    try:
        yield ConcernRepository(engine, cipher, AuditLog(engine))
    finally:
        engine.dispose()


# ---------------------------------------------------------------- keys


@keys_app.command("generate")
def keys_generate() -> None:
    """Print a new encryption key (on stdout) and how to use it (on stderr)."""
    from storage.crypto import ENV_VAR, TextCipher, generate_key

    key = generate_key()
    typer.echo(key)
    typer.echo(
        f"Fingerprint {TextCipher([key]).fingerprint}. Keep the key secret and backed up: without it the text of "
        f"concerns cannot be read.\nA first key: set {ENV_VAR}={key}\nTo rotate: put it first, "
        f"{ENV_VAR}={key},OLD_KEY, run 'protocol-bot keys rotate', then remove OLD_KEY.",
        err=True,
    )


def _flags(repo: ConcernRepository) -> FlagRepository:
    """The flag repository on the same database, keys and audit log as ``repo`` (which must have keys)."""
    from storage.flag_repository import FlagRepository

    return FlagRepository(repo.engine, repo.cipher, repo.audit)


@keys_app.command("rotate")
def keys_rotate(db: DbOption = None) -> None:
    """Re-encrypt the text of every concern and flag with the first key of PROTOCOL_BOT_KEYS."""
    with user_errors(), _repository(db) as repo:
        flags = _flags(repo)
        counts = {council: repo.rotate_keys(council) for council in repo.councils()}
        for council in flags.councils():
            counts[council] = counts.get(council, 0) + flags.rotate_keys(council)
        fingerprint = repo.cipher.fingerprint
        keys = len(repo.cipher.fingerprints)
    for council, count in counts.items():
        typer.echo(f"{council}: {count} values re-encrypted")
    typer.echo(f"Done: {sum(counts.values())} values re-encrypted with key {fingerprint} in {len(counts)} "
               f"councils (values already under that key are left as they are).")
    if keys > 1:
        typer.echo("Run this on every database that uses these keys; then the old keys can be removed "
                   "from PROTOCOL_BOT_KEYS.")


# ---------------------------------------------------------------- audit


@audit_app.command("verify")
def audit_verify(
    db: DbOption = None,
    council: Annotated[Optional[Path], typer.Option("--council", help="Check only this council's chain.",
                                                    show_default=False)] = None,
) -> None:
    """Recompute the audit log's hash chains; exit 1 naming the first entry that was changed or removed."""
    from storage.audit import AuditLog
    from storage.database import open_database

    with user_errors():
        key = load_council(council).key if council is not None else None
        engine = open_database(db or None)
        try:
            result = AuditLog(engine).verify(key)
        finally:
            engine.dispose()
    if not result.ok:
        fail(f"{result.message} ({result.checked} entries before it are intact).")
    typer.echo(f"OK: {result.checked} entries, chain intact")
    for name, head in result.heads.items():
        typer.echo(f"  {name}: newest entry's hash {head} (keep a copy to detect a rebuilt chain later)")


# ---------------------------------------------------------------- purge


def purge(
    council: CouncilOption,
    db: DbOption = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what would go; change nothing.")] = False,
    years: Annotated[Optional[int], typer.Option(
        "--years", min=1, help="Keep the text this many years after closing (default: the council file's "
                               "concerns.retention_years, else 6).", show_default=False)] = None,
) -> None:
    """Delete the text of concerns closed more than N years ago, and the excerpts of flags older than the
    council's ``moderation.retention_months``, keeping a stub of each."""
    from storage.flag_repository import FlagRepository

    with user_errors():
        found = load_council(council)
    years = years or _retention_years(found)
    now = datetime.now(UTC)
    cutoff = _years_before(now, years)
    months = found.moderation.retention_months
    flag_cutoff = _months_before(now, months)
    with user_errors(), _repository(db, keys=False) as repo:
        items = repo.purge(found.key, cutoff, dry_run=dry_run)
        flags = FlagRepository(repo.engine, None, repo.audit).purge(found.key, flag_cutoff, dry_run=dry_run)
    verb = "Would delete" if dry_run else "Deleted"
    typer.echo(f"{verb} the text of {len(items)} concerns of {found.name} closed before "
               f"{cutoff.date().isoformat()} ({years} years); each keeps a stub:")
    for item in items:
        typer.echo(f"  {item.ref}  raised {item.created_at.date().isoformat()}  closed "
                   f"{item.closed_at.date().isoformat()}  {item.category.value}  {item.route}  {item.status.label}")
    typer.echo(f"{verb} the excerpts of {len(flags)} flags made before {flag_cutoff.date().isoformat()} "
               f"({months} months); each keeps a stub:")
    for flag in flags:
        typer.echo(f"  {flag.ref}  made {flag.created_at.date().isoformat()}  #{flag.channel}  {flag.status.label}")
    if dry_run and (items or flags):
        typer.echo("Nothing was changed: run again without --dry-run to delete it.")


def _retention_years(council: Council) -> int:
    return int(getattr(council, "concern_retention_years", None) or DEFAULT_RETENTION_YEARS)


def _years_before(when: datetime, years: int) -> datetime:
    try:
        return when.replace(year=when.year - years)
    except ValueError:  # 29 February
        return when.replace(year=when.year - years, day=28)


def _months_before(when: datetime, months: int) -> datetime:
    year, month = divmod(when.year * 12 + when.month - 1 - months, 12)
    for day in (when.day, 30, 29, 28):
        try:
            return when.replace(year=year, month=month + 1, day=day)
        except ValueError:
            continue
    raise AssertionError("every month has a 28th")


# ---------------------------------------------------------------- exports


@export_app.command("person")
def export_person(
    name: Annotated[str, typer.Argument(help="The person's name, as on the roster.", show_default=False)],
    council: CouncilOption,
    db: DbOption = None,
    output: OutputOption = None,
) -> None:
    """Subject access export (JSON): NAME's concerns, messages and flagged messages; stubs of those about NAME."""
    with user_errors():
        found = load_council(council)
        with _repository(db) as repo:
            data = repo.export_person(found.key, name)
            data.update(_flags(repo).export_person(found.key, name))
    if found.person(name) is None:
        typer.echo(f"Note: {name} is not on the roster of {found.name}; exported what is stored under that name.",
                   err=True)
    emit(json_text(data), output,
          f"Exported the concerns of {name} ({len(data['raised'])} raised, {len(data['about'])} about them)")


@export_app.command("concerns")
def export_concerns(
    council: CouncilOption,
    as_name: Annotated[str, typer.Option("--as", help="The handler: only what they handle is exported.",
                                         show_default=False)],
    fmt: Annotated[Format, typer.Option("--format", help="csv or json.")] = Format.CSV,
    db: DbOption = None,
    output: OutputOption = None,
) -> None:
    """Export the concerns one handler handles, with their messages (the export is audited)."""
    with user_errors():
        found = load_council(council)
    if found.person(as_name) is None:
        fail(f"{as_name} is not on the roster of {found.name}: give a roster name with --as.")
    with user_errors(), _repository(db) as repo:
        records = repo.export_for(found.key, as_name)
    text = concerns_json(records) if fmt is Format.JSON else concerns_csv(records)
    emit(text, output, f"Exported {len(records)} concerns handled by {as_name}")


def concerns_json(records: list[tuple[Concern, list[ConcernMessage]]]) -> str:
    """Every concern with its messages, as a JSON array."""
    return json_text([{**_concern_dict(c), "messages": [_message_dict(m) for m in ms]} for c, ms in records])


def concerns_csv(records: list[tuple[Concern, list[ConcernMessage]]]) -> str:
    """One row per concern; text a spreadsheet would run as a formula is made inert."""
    rows = [{**_concern_dict(concern), "handlers": "; ".join(concern.handlers), "messages": len(messages),
             "last_message_at": messages[-1].at.isoformat() if messages else ""} for concern, messages in records]
    return csv_text(rows, CSV_COLUMNS)


def _concern_dict(c: Concern) -> dict[str, Any]:
    return {
        "ref": c.ref, "status": c.status.value, "category": c.category.value, "route": c.route, "raiser": c.raiser,
        "about": c.about or "", "about_other": c.about_other or "", "handlers": list(c.handlers),
        "created_at": c.created_at.isoformat(), "closed_at": c.closed_at.isoformat() if c.closed_at else "",
        "purged_at": c.purged_at.isoformat() if c.purged_at else "", "summary": c.summary,
        "hoped_outcome": c.hoped_outcome, "outcome": c.outcome or "",
    }


def _message_dict(m: ConcernMessage) -> dict[str, Any]:
    return {"at": m.at.isoformat(), "kind": m.kind.value, "author": m.author, "body": m.body,
            "status": m.status.value if m.status else ""}
