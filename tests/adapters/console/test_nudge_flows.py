"""Nudges on public criticism typed into the console: the real detector, the example council, a real database."""

from __future__ import annotations

from tests.adapters.console.test_request_flows import after, run

ABOUT_CLERK = "Nadia is hopeless at keeping us informed."
ABOUT_ROBERT = "Robert is useless, the allotment gates were left open again."


def test_nudge_then_raise_it_privately_goes_to_the_chair(database_url: str) -> None:
    out = run(f"""\
        {ABOUT_CLERK}
        :press 1
        :fill
        :fill
        :as Grace
        /protocol review flags
        """, database_url)
    nudge = after(out, f"Priya Nair in #general> {ABOUT_CLERK}")
    assert nudge.startswith("[only you] A private word about your message in #general")
    assert "Nadia Kowalski has not been told" in nudge and "[#general, everyone]" not in nudge
    assert "> relationship-general.4 The Relationship: General, Brookfield Town Council" in nudge
    assert "Buttons: [1] Raise this privately  [2] This isn't a criticism  [3] Dismiss" in nudge
    assert "DM to" not in nudge  # nobody else hears of it (notify_reviewer is off)
    form = after(out, "Priya Nair in #general> :press 1")
    assert "[only you] If you want to raise this as a private concern" in form
    assert f"summary (required): What happened? Now: {ABOUT_CLERK}" in form and "Now: Nadia Kowalski." in form
    recorded = out.split("Priya Nair in #general> :fill\n")[2]
    assert "[only you] Recorded as C-1." in recorded
    assert "[DM to Grace Adeyemi] New concern C-1 from Priya Nair" in recorded and "DM to Nadia" not in recorded
    review = after(out, "Grace Adeyemi in #general> /protocol review flags")
    assert "F-1" in review and "raised privately by the author" in review


def test_private_channels_get_nothing_and_an_edit_is_checked_again(database_url: str) -> None:
    out = run(f"""\
        :in private #staff
        {ABOUT_ROBERT}
        :in #general
        The allotment gates were open this morning.
        :edit {ABOUT_ROBERT}
        :edit {ABOUT_ROBERT} Again!
        :edit the gates
        """, database_url)
    assert after(out, f"Priya Nair in private #staff> {ABOUT_ROBERT}").strip() == ""
    assert after(out, "Priya Nair in #general> The allotment gates were open this morning.").strip() == ""
    edited = after(out, f"Priya Nair in #general> :edit {ABOUT_ROBERT}")
    assert "-- Edited your last message in #general." in edited
    assert "[only you] A private word about your message in #general" in edited and "F-1" in edited
    again = after(out, f"Priya Nair in #general> :edit {ABOUT_ROBERT} Again!")
    assert again.strip() == "-- Edited your last message in #general."  # one message never nudges twice


def test_a_burst_gives_one_nudge_and_the_clerk_sees_every_flag(database_url: str) -> None:
    out = run(f"""\
        :as Dennis
        {ABOUT_ROBERT}
        The office staff are lazy and never answer the phone.
        Farah has messed up the accounts again
        :time 2026-12-07 10:30
        Farah has messed up the accounts again
        :as Nadia
        /protocol review flags
        """, database_url)
    assert out.count("[only you] A private word about your message") == 2  # one per burst
    assert after(out, "Dennis Wood in #general> The office staff are lazy and never answer the phone.").strip() == ""
    review = after(out, "Nadia Kowalski in #general> /protocol review flags")
    for ref in ("F-1", "F-2", "F-3", "F-4"):
        assert ref in review
    assert review.count("no nudge") == 2


def test_edit_needs_a_message_and_a_channel(database_url: str) -> None:
    out = run("""\
        :edit hello
        :in dm
        :edit hello
        /protocol help
        :in #general
        /protocol press
        :edit hello
        """, database_url)
    assert "-- You have not typed a message in #general yet, so there is nothing to edit." in out
    assert "-- Only messages in a channel can be edited here: :in #channel first." in out
    last = after(out, "Priya Nair in #general> :edit hello")
    assert "nothing to edit" in last  # a slash command is not a message to edit
