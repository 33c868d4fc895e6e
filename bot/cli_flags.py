"""``protocol-bot export flags``: the flags one reviewer reviews, as CSV or JSON (the export is audited).

Only the Clerk (and the Chair or Vice-Chair, for flags about the Clerk) review flags;
anyone else on the roster gets an empty export, as an empty review list would show.
storage is imported inside the command, as in ``bot.cli_db``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from bot.cli_db import DbOption
from bot.cli_export import Format
from bot.cli_support import CouncilOption, fail, user_errors
from bot.council import load_council
from bot.export_files import csv_text, emit, json_text
from bot.moderation import post_of

if TYPE_CHECKING:
    from protocol.flags import Flag

CSV_COLUMNS = ("ref", "created_at", "channel", "link", "author", "officer", "collective", "kind", "clause",
               "status", "feedback", "handled_by", "nudged_at", "reason", "excerpt")


def register(export_app: typer.Typer) -> None:
    """Add ``export flags`` to the ``export`` group."""
    export_app.command("flags")(export_flags)


def export_flags(
    council: CouncilOption,
    as_name: Annotated[str, typer.Option("--as", help="The reviewer: only the flags they review are exported.",
                                         show_default=False)],
    fmt: Annotated[Format, typer.Option("--format", help="csv or json.")] = Format.CSV,
    db: DbOption = None,
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Write to this file, not stdout.")] = None,
) -> None:
    """Export the flags one reviewer reviews, with their excerpts (the export is audited)."""
    from storage.audit import AuditLog
    from storage.crypto import load_cipher
    from storage.database import open_database
    from storage.flag_repository import FlagRepository

    with user_errors():
        found = load_council(council)
    person = found.person(as_name)
    if person is None:
        fail(f"{as_name} is not on the roster of {found.name}: give a roster name with --as.")
    post = post_of(person)
    records: list[Flag] = []
    if post is not None:
        with user_errors():
            cipher = load_cipher()
            engine = open_database(db or None)
            try:
                repo = FlagRepository(engine, cipher, AuditLog(engine))
                records = repo.export_for_reviewer(found.key, post, as_name)
            finally:
                engine.dispose()
    text = flags_json(records) if fmt is Format.JSON else flags_csv(records)
    emit(text, output, f"Exported {len(records)} flags reviewed by {as_name}")


def flags_json(records: list[Flag]) -> str:
    """Every flag with its excerpt, as a JSON array."""
    from storage.flag_repository import flag_dict

    return json_text([flag_dict(f) for f in records])


def flags_csv(records: list[Flag]) -> str:
    """One row per flag; text a spreadsheet would run as a formula is made inert."""
    from storage.flag_repository import flag_dict

    return csv_text((flag_dict(f) for f in records), CSV_COLUMNS)
