"""``protocol-bot export requests``: the Clerk's records of information requests, as CSV or JSON.

JSON holds each request with its full history; CSV has one row per request (with
the number of events and the last change), for a spreadsheet.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from protocol.requests import InformationRequest, RequestEvent

from bot.cli_support import CouncilOption, user_errors
from bot.council import load_council
from bot.export_files import csv_text, emit, json_text

export_app = typer.Typer(help="Export records for the Clerk.", no_args_is_help=True)

CSV_COLUMNS = (
    "ref", "status", "requester", "officer", "committee", "documents", "purpose", "constituent", "personal_data",
    "confidential", "verdict", "created_at", "acknowledge_by", "due", "extended", "decided_at", "outcome",
    "events", "last_event", "last_event_at",
)


class Format(StrEnum):
    """Export formats."""

    CSV = "csv"
    JSON = "json"


@export_app.command("requests")
def export_requests(
    council: CouncilOption,
    fmt: Annotated[Format, typer.Option("--format", help="csv or json.")] = Format.CSV,
    db: Annotated[Optional[str], typer.Option("--db", envvar="DATABASE_URL", metavar="URL",
                                              help="Database URL (default: the SQLite file protocol-bot.db).")] = None,
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Write to this file, not stdout.")] = None,
) -> None:
    """Export every information request of the council, with its history."""
    from storage.database import open_database  # loaded only by the commands that use the database
    from storage.request_repository import RequestRepository

    with user_errors():
        found = load_council(council)
        repo = RequestRepository(open_database(db))
        records = list(repo.export(found.key))
    text = to_json(records) if fmt is Format.JSON else to_csv(records)
    emit(text, output, f"Exported {len(records)} requests of {found.name}")


def to_json(records: list[tuple[InformationRequest, list[RequestEvent]]]) -> str:
    """Every request with its history, as a JSON array."""
    return json_text([{**_request_dict(r), "history": [_event_dict(e) for e in events]} for r, events in records])


def to_csv(records: list[tuple[InformationRequest, list[RequestEvent]]]) -> str:
    """One row per request, with the number of events and the last one; no live formulas."""
    rows = []
    for request, events in records:
        last = events[-1] if events else None
        rows.append({**_request_dict(request), "events": len(events), "last_event": last.kind.value if last else "",
                     "last_event_at": last.at.isoformat() if last else ""})
    return csv_text(rows, CSV_COLUMNS)


def _request_dict(r: InformationRequest) -> dict[str, Any]:
    return {
        "ref": r.ref, "status": r.status.value, "requester": r.requester, "officer": r.officer,
        "committee": r.committee or "", "documents": r.documents, "purpose": r.purpose,
        "constituent": r.constituent, "personal_data": r.personal_data, "confidential": r.confidential,
        "verdict": r.verdict, "created_at": r.created_at.isoformat(), "acknowledge_by": r.acknowledge_by.isoformat(),
        "due": r.due.isoformat(), "extended": r.extended,
        "decided_at": r.decided_at.isoformat() if r.decided_at else "", "outcome": r.outcome or "",
    }


def _event_dict(e: RequestEvent) -> dict[str, Any]:
    return {"at": e.at.isoformat(), "actor": e.actor, "kind": e.kind.value, "detail": e.detail, "data": e.data}


@export_app.command("summary")
def export_summary(
    council: CouncilOption,
    year: Annotated[Optional[int], typer.Option("--year", help="The calendar year (default: last year).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
    db: Annotated[Optional[str], typer.Option("--db", envvar="DATABASE_URL", metavar="URL",
                                              help="Database URL (default: the SQLite file protocol-bot.db).")] = None,
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Write to this file, not stdout.")] = None,
) -> None:
    """The annual summary for the council: counts of requests, concerns and flags, no personal details."""
    from protocol.working_days import WorkingCalendar
    from storage.audit import AuditLog
    from storage.concern_repository import ConcernRepository
    from storage.database import open_database
    from storage.flag_repository import FlagRepository
    from storage.request_repository import RequestRepository

    from bot.annual_summary import requests_summary, summary_text
    from bot.clock import system_clock, uk_date

    year = year or uk_date(system_clock()).year - 1
    with user_errors():
        found = load_council(council)
        engine = open_database(db)
        calendar = WorkingCalendar(found.nation, found.office_closures)
        requests = requests_summary((r for r, _ in RequestRepository(engine).export(found.key)), year, calendar)
        concerns = ConcernRepository(engine, None, AuditLog(engine)).annual_summary(found.key, year)
        flags = FlagRepository(engine, None, AuditLog(engine)).annual_summary(found.key, year)
    concerns = {k: v for k, v in concerns.items() if k not in ("council", "year")}
    if as_json:
        text = json_text({"council": found.name, "year": year, "requests": requests, "concerns": concerns,
                          "flags": flags})
    else:
        text = summary_text(found.name, year, requests, concerns, flags)
    emit(text, output, f"Summary of {year} for {found.name}")
