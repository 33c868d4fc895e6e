"""``protocol-bot export requests``: the Clerk's records, as CSV and JSON."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from bot.app import ProtocolBot
from bot.cli import app
from bot.clock import SettableClock
from bot.config import BotConfig
from bot.council import load_council
from bot.events import Event, Where
from tests.fakes import MONDAY

REPO = Path(__file__).parents[2]
COUNCIL = REPO / "examples" / "brookfield.yaml"


def make_requests(database_url: str) -> None:
    bot = ProtocolBot.from_council(load_council(COUNCIL), BotConfig(database_url=database_url),
                                   clock=SettableClock(MONDAY))
    priya = bot.council.find_person("Priya")
    bot.handle(Event(priya, Where.dm(), '/protocol request documents="=SUM(A1:A9)" '
                                        'purpose="For the planning committee meeting on the Elm Road application" '
                                        'committee=planning confidential=yes'))
    [_, to_clerk] = bot.handle(Event(priya, Where.dm(), '/protocol request documents="Minutes of 3 May" '
                                                        'purpose="I missed the meeting of my committee" '
                                                        'committee=planning'))
    ack = next(b for b in to_clerk.buttons if b.label == "Acknowledge")
    bot.press(ack, bot.council.clerk, Where.dm())


def test_csv_has_a_row_per_request_and_no_live_formulas(database_url: str) -> None:
    make_requests(database_url)
    done = CliRunner().invoke(app, ["export", "requests", "--council", str(COUNCIL), "--db", database_url])
    assert done.exit_code == 0, done.output
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert [r["ref"] for r in rows] == ["R-1", "R-2"]
    assert rows[0]["documents"] == "'=SUM(A1:A9)"  # a spreadsheet shows it as text
    assert rows[0]["confidential"] == "True" and rows[1]["status"] == "acknowledged"
    assert rows[1]["events"] == "2" and rows[1]["last_event"] == "acknowledged"


def test_json_has_every_event(database_url: str, tmp_path: Path) -> None:
    make_requests(database_url)
    out = tmp_path / "requests.json"
    done = CliRunner().invoke(app, ["export", "requests", "--council", str(COUNCIL), "--db", database_url,
                                    "--format", "json", "-o", str(out)])
    assert done.exit_code == 0, done.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [r["ref"] for r in data] == ["R-1", "R-2"]
    assert [e["kind"] for e in data[1]["history"]] == ["created", "acknowledged"]
    assert data[1]["history"][1]["actor"] == "Nadia Kowalski"
    assert data[0]["documents"] == "=SUM(A1:A9)"  # JSON keeps the text as typed


def test_unreachable_database_is_one_line() -> None:
    done = CliRunner().invoke(app, ["export", "requests", "--council", str(COUNCIL),
                                    "--db", "postgresql://nobody@127.0.0.1:1/none"])
    assert done.exit_code == 1
    assert "Cannot connect to the database" in done.output and "Traceback" not in done.output


def test_annual_summary_has_counts_and_no_names_or_text(database_url: str) -> None:
    make_requests(database_url)
    bot = ProtocolBot.from_council(load_council(COUNCIL), BotConfig(database_url=database_url),
                                   clock=SettableClock(MONDAY))
    priya = bot.council.find_person("Priya")
    bot.handle(Event(priya, Where.dm(), '/protocol concern about="Robert Hale" summary="Rude at the allotments"'))
    done = CliRunner().invoke(app, ["export", "summary", "--council", str(COUNCIL), "--db", database_url,
                                    "--year", "2026"])
    assert done.exit_code == 0, done.output
    text = done.stdout
    assert "Made: 2" in text and "Raised: 1" in text and "An officer's conduct or capability: 1" in text
    for private in ("Priya", "Robert", "allotments", "SUM", "Minutes"):
        assert private not in text
    as_json = CliRunner().invoke(app, ["export", "summary", "--council", str(COUNCIL), "--db", database_url,
                                       "--year", "2026", "--json"])
    data = json.loads(as_json.stdout)
    assert data["requests"]["by_outcome"] == {"acknowledged": 1, "open": 1}
    assert data["concerns"]["by_category"] == {"officer_conduct": 1}
