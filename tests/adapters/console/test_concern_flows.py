"""Whole concern flows typed into the console, on the example council and a real database."""

from __future__ import annotations

from tests.adapters.console.test_request_flows import after, run


def test_a_concern_raised_by_dm_checked_recorded_and_answered(database_url: str) -> None:
    out = run("""\
        :in dm
        The estates manager was rude to a resident at the allotments on Saturday
        :fill about="Robert Hale"
        :fill outcome="An apology to the resident"
        :as Nadia
        :press 2
        :fill message="Thank you. Who else was there?"
        :as Priya
        :press 1
        :fill message="Only the resident's daughter"
        :as Nadia
        :press 3
        :fill status=resolved_informally note="Robert has apologised to the resident"
        """, database_url)
    assert "If you want to raise this as a private concern" in out
    preview = after(out, 'Priya Nair in DM> :fill about="Robert Hale"')
    assert "Before I record it: your concern about Robert Hale." in preview
    assert "Nadia Kowalski" in preview and "not anonymous" in preview
    assert "Now: The estates manager was rude" in preview  # the form keeps what was typed
    recorded = after(out, 'Priya Nair in DM> :fill outcome="An apology to the resident"')
    assert "[only you] Recorded as C-1." in recorded
    assert "[DM to Nadia Kowalski] New concern C-1 from Priya Nair (councillor), about Robert Hale" in recorded
    assert "[DM to Priya Nair] C-1: Nadia Kowalski sent a message:\n  Thank you. Who else was there?" in out
    assert "[DM to Nadia Kowalski] C-1: Priya Nair sent a message:\n  Only the resident's daughter" in out
    assert "[DM to Priya Nair] C-1 is now resolved informally: Robert has apologised" in out


def test_a_concern_about_the_clerk_never_reaches_the_clerk(database_url: str) -> None:
    out = run("""\
        /protocol concern about="Nadia Kowalski" summary="The clerk has not circulated the minutes for months"
        :as Nadia
        /protocol review concerns all
        /protocol concern C-1
        :as Grace
        /protocol review concerns
        """, database_url)
    recorded = after(out, 'Priya Nair in #general> /protocol concern about="Nadia Kowalski" summary="The clerk '
                          'has not circulated the minutes for months"')
    assert "[DM to Grace Adeyemi] New concern C-1" in recorded and "DM to Nadia" not in recorded
    assert "C-1" not in after(out, "Nadia Kowalski in #general> /protocol review concerns all")
    assert "no concern C-1 that you can see" in after(out, "Nadia Kowalski in #general> /protocol concern C-1")
    assert "C-1: an officer's conduct or capability, about Nadia Kowalski, from Priya Nair" in after(
        out, "Grace Adeyemi in #general> /protocol review concerns")


def test_a_formal_complaint_is_advice_with_the_monitoring_officer(database_url: str) -> None:
    out = run("""\
        /protocol concern about="Dennis Wood" category=code_of_conduct summary="Disclosed exempt minutes" note_for_clerk=yes
        """, database_url)
    assert "monitoring.officer@brookfield-dc.example.gov.uk" in out and "anonymous" in out
    assert "[DM to Nadia Kowalski] A note for you, as Priya Nair asked" in out
