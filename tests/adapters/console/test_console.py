"""Whole conversations through the console, from a script on stdin to the printed text."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from protocol.packfile import load_protocol

from adapters.console.repl import run_console
from tests.fakes import make_bot

REPO = Path(__file__).parents[3]
SCRIPT = Path(sys.executable).parent / "protocol-bot"


def converse(script: str) -> str:
    """Run ``script`` through the console on the small test council; return what it printed."""
    out = io.StringIO()
    code = run_console(make_bot(), io.StringIO(textwrap.dedent(script)), out)
    assert code == 0
    return out.getvalue()


def test_lookup_see_and_share() -> None:
    out = converse("""\
        /protocol need-to-know
        :press 2
        :press 1
    """)
    assert out.startswith("Priya Nair in #general> /protocol need-to-know\n[only you] Best match in ")
    assert "  > 10.3 Access to information, Brookfield Town Council\n" in out
    assert "  > A councillor who is not a member of the committee must show a need to know.\n" in out
    assert "  Buttons: [1] See 10.1  [2] See 10.4  [3] Share in channel\n" in out
    # :press 2 saw 10.4 privately; :press 1 then shared it with everyone in #general
    assert "Priya Nair in #general> :press 2\n[only you] Clause 10.4 of " in out
    assert "  Buttons: [1] Share in channel\n" in out
    shared = out.split("Priya Nair in #general> :press 1\n", 1)[1]
    assert shared.startswith("[#general, everyone] Shared by Priya Nair, from Brookfield Town Council's")
    assert "  > 10.4 Access to information, Brookfield Town Council\n" in shared


def test_as_and_in_change_who_and_where() -> None:
    out = converse("""\
        :as nads
        :in private #staff
        /protocol 10.3
        :press 1
        :in dm
        hello
        :in #planning
        :as Rob
        /protocol 10.3
    """)
    assert "-- You are now Nadia Kowalski (Town Clerk).\n" in out
    assert "-- You are now in private #staff.\n" in out
    assert "[private #staff, everyone] Shared by Nadia Kowalski" in out
    assert "-- You are now in a DM with the bot.\n" in out
    assert "Nadia Kowalski in DM> hello\n[only you] I answer questions about the council's protocol." in out
    assert "Robert Hale in #planning> /protocol 10.3\n[only you] Clause 10.3" in out


def test_plain_messages_in_a_channel_get_no_reply() -> None:
    out = converse("""\
        good morning all
        /protocol 10.3
    """)
    assert out.startswith("Priya Nair in #general> good morning all\nPriya Nair in #general> /protocol 10.3\n")


def test_no_match_and_unknown_id() -> None:
    out = converse("""\
        /protocol parking
        :press 2
        /protocol 10.9
    """)
    assert "[only you] I found nothing in" in out
    assert "ask the Clerk, Nadia Kowalski (Town Clerk)" in out
    assert "  Buttons: [1] need-to-know  [2] press  [3] correspondence\n" in out
    assert "  > 12.1 Press and media, Brookfield Town Council\n" in out  # the topic button looked up "press"
    assert "[only you] There is no clause 10.9 in Brookfield Town Council's" in out
    assert "  Buttons: [1] See 10.3  [2] See 10.4\n" in out


def test_console_mistakes_are_explained() -> None:
    out = converse("""\
        :press 1
        :as Nobody
        :in
        :press 7
        :frobnicate
        /protocol 10.3
        :press 7
        :help
    """)
    assert "-- No reply has offered buttons yet.\n" in out
    assert "-- No one called 'Nobody' is on the roster. People: Nadia Kowalski, Robert Hale" in out
    assert "-- Say where: :in #channel, :in private #channel or :in dm.\n" in out
    assert "-- :frobnicate is not a console command. Type :help for the list.\n" in out
    assert "-- Press a button from 1 to 1: :press N.\n" in out
    assert "-- Console commands:\n" in out


def test_quit_stops_reading() -> None:
    out = converse("""\
        :quit
        /protocol 10.3
    """)
    assert "Clause 10.3" not in out


def test_dm_replies_to_a_named_person_are_labelled() -> None:
    from adapters.console.session import Shown
    from bot.events import Where
    from bot.replies import Reply
    from tests.fakes import NADIA, PRIYA

    assert Shown(Reply.dm(NADIA, "x"), Where.public("general"), PRIYA).label == "DM to Nadia Kowalski"
    assert Shown(Reply.to_channel("x"), Where.dm(), PRIYA).label == "DM to Priya Nair"


def test_the_installed_console_on_the_example_council(tmp_path: Path) -> None:
    council = REPO / "examples" / "brookfield.yaml"
    first = load_protocol(REPO / "examples" / "brookfield-protocol.yaml").clauses[0]
    script = f"/protocol help\n/protocol {first.id}\n:press 1\n:as Nadia Kowalski\n:in dm\n/protocol {first.id}\n"
    done = subprocess.run(
        [str(SCRIPT), "console", "--council", str(council), "--db", f"sqlite:///{tmp_path / 'console.db'}"],
        input=script, capture_output=True, text=True, timeout=60, env={**os.environ, "COLUMNS": "200"},
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    out = done.stdout
    assert "\x1b[" not in out  # plain text when piped
    assert "Priya Nair in #general> /protocol help\n[only you] I know Brookfield Town Council's" in out
    assert f"  > {first.id} " in out
    assert "[#general, everyone] Shared by Priya Nair" in out
    dm_part = out.split("Nadia Kowalski in DM> ", 1)[1]
    assert f"[only you] Clause {first.id} of" in dm_part and "Share in channel" not in dm_part


def test_terminal_mode_shows_a_banner_a_prompt_and_panels() -> None:
    out = io.StringIO()
    run_console(make_bot(), io.StringIO("/protocol 10.3\n"), out, interactive=True, styled=True)
    text = out.getvalue()
    assert text.startswith("Protocol bot console: Brookfield Town Council, 5 clauses of its protocol.")
    assert "Priya Nair in #general> " in text
    assert "[only you] Clause 10.3 of" in text
    assert "10.3 Access to information, Brookfield Town Council" in text
    assert "[1] Share in channel   (:press N)" in text
    assert "Priya Nair in #general> /protocol 10.3" not in text  # a person's own typing is not echoed
