"""Whole information-request flows typed into the console, on the example council and a real database.

Each script starts by fixing the clock (``:time``) on Monday 7 December 2026, so the
deadlines are known: acknowledge by Tue 8 Dec, answer by Mon 21 Dec 2026. The
database is SQLite by default, PostgreSQL when ``TEST_DATABASE_URL`` is set.
"""

from __future__ import annotations

import io
import re
import textwrap
from pathlib import Path

from adapters.console.repl import run_console
from bot.app import ProtocolBot
from bot.clock import MovableClock
from bot.config import BotConfig
from bot.council import load_council

REPO = Path(__file__).parents[3]
START = ":time 2026-12-07 10:00\n"
PROMPT = re.compile(r"^[A-Z][\w-]* [A-Z][\w-]* in (?:DM|#|private #)[^\n]*?> ", re.M)
PLANNING = ('/protocol request documents="Tree survey for Elm Road" '
            'purpose="I sit on the planning committee, which decides the application next week" committee=planning')


def run(script: str, database_url: str) -> str:
    clock = MovableClock()
    council = load_council(REPO / "examples" / "brookfield.yaml")
    bot = ProtocolBot.from_council(council, BotConfig(database_url=database_url), clock=clock)
    out = io.StringIO()
    run_console(bot, io.StringIO(START + textwrap.dedent(script)), out, clock=clock)
    return out.getvalue()


def after(out: str, prompt_and_line: str) -> str:
    """What the console showed after the line typed at that prompt (up to the next prompt)."""
    rest = out.split(prompt_and_line + "\n", 1)[1]
    return PROMPT.split(rest, maxsplit=1)[0]


def test_request_clarification_and_grant(database_url: str) -> None:
    out = run(f"""\
        {PLANNING}
        :as Nadia
        :in dm
        :press 2
        :fill question="The 2024 survey or the 2025 update?"
        :time 2026-12-10 09:00
        :as Priya
        :press 1
        :fill answer="The 2025 update"
        :as Nadia
        :press 2
        :fill note="Emailed to you"
        /protocol request R-1
        """, database_url)
    assert "[only you] Recorded as R-1. It has gone to Nadia Kowalski (Town Clerk)." in out
    assert "answer due by Mon 21 Dec 2026" in out
    assert "[DM to Priya Nair] R-1 (Tree survey for Elm Road): Nadia Kowalski asked for clarification." in out
    assert "The clock is stopped until you answer." in out
    assert "[DM to Nadia Kowalski] R-1: Priya Nair answered the question; the clock has restarted." in out
    assert "due Thu 24 Dec 2026" in out  # three working days stopped: 21 Dec + 3
    assert "[DM to Priya Nair] R-1 (Tree survey for Elm Road): Nadia Kowalski granted the request." in out
    shown = after(out, "Nadia Kowalski in DM> /protocol request R-1")
    assert "R-1: granted, with Nadia Kowalski." in shown
    for step in ("made the request", "asked for clarification: The 2024 survey",
                 "answered the clarification: The 2025 update", "granted it: Emailed to you"):
        assert step in shown


def test_refusal_reaches_the_councillor_with_the_reason_and_clause(database_url: str) -> None:
    out = run(f"""\
        {PLANNING}
        :as Nadia
        :in dm
        :press 5
        :fill reason="The survey is commercially confidential until the decision"
        """, database_url)
    told = after(out, ':fill reason="The survey is commercially confidential until the decision"')
    assert "[DM to Priya Nair] R-1 (Tree survey for Elm Road): Nadia Kowalski refused the request." in told
    assert "Reason: The survey is commercially confidential until the decision" in told
    assert "Freedom of Information Act 2000" in told
    assert "  > councillors-access-information." in told  # the council's clause, quoted


def test_delegated_finance_request_goes_to_the_rfo(database_url: str) -> None:
    out = run("""\
        :as Dennis
        /protocol request documents="Bank reconciliations for Q2" purpose="The finance committee reviews them at its next meeting" committee=finance
        """, database_url)
    assert "It has gone to Farah Siddiqui (Responsible Financial Officer), to whom the Clerk has delegated" in out
    assert "[DM to Farah Siddiqui] Information request R-1 from Cllr Dennis Wood, for you to decide." in out


def test_overdue_escalation_with_a_fixed_clock(database_url: str) -> None:
    out = run("""\
        :as Dennis
        /protocol request documents="Invoices over 500 pounds" purpose="The finance committee checks payments" committee=finance
        :time 2026-12-09 09:00
        :time 2026-12-17 09:00
        :time 2026-12-22 09:00
        :time 2026-12-23 09:00
        :as Nadia
        /protocol review requests overdue
        """, database_url)
    wednesday = after(out, ":time 2026-12-09 09:00")
    assert "[DM to Farah Siddiqui] Reminder: please acknowledge R-1" in wednesday
    thursday = after(out, ":time 2026-12-17 09:00")
    assert "[DM to Farah Siddiqui] Reminder: R-1 from Cllr Dennis Wood is waiting 8 working days; due Mon 21 Dec" in thursday
    tuesday = after(out, ":time 2026-12-22 09:00")
    assert "[DM to Nadia Kowalski] Overdue: R-1 from Cllr Dennis Wood, handled by Farah Siddiqui" in tuesday
    assert "[DM to Dennis Wood] Your request R-1 was due Mon 21 Dec 2026" in tuesday
    assert "[DM to" not in after(out, ":time 2026-12-23 09:00")  # each notice once
    review = after(out, "Nadia Kowalski in #general> /protocol review requests overdue")
    assert "1 open, 1 overdue" in review and "OVERDUE since Mon 21 Dec 2026" in review


def test_a_second_councillor_cannot_see_a_confidential_request(database_url: str) -> None:
    out = run(f"""\
        {PLANNING} confidential=yes
        :as Dennis
        /protocol request R-1
        /protocol review requests all
        :as Colin
        /protocol review requests all
        :as Nadia
        /protocol review requests all
        """, database_url)
    assert "only you, the officer handling it and the Clerk can see it" in out
    assert "There is no request R-1 that you can see" in after(out, "Dennis Wood in #general> /protocol request R-1")
    for who in ("Dennis Wood", "Colin Marsh"):
        shown = after(out, f"{who} in #general> /protocol review requests all")
        assert "0 open" in shown and "Tree survey" not in shown
    clerk = after(out, "Nadia Kowalski in #general> /protocol review requests all")
    assert "R-1 [confidential]: Tree survey for Elm Road" in clerk
