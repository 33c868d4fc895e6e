"""The conduct-in-public detector: what it flags, what it leaves alone, and why."""

from __future__ import annotations

import time

import pytest

from protocol.conduct import ConductDetector, DetectorSettings, Kind, RosterEntry, Sensitivity

ROSTER = (
    RosterEntry("Nadia Kowalski", "clerk", "Town Clerk", (), ("U01NADIA", "820000000000000001")),
    RosterEntry("Owen Price", "deputy_clerk", "Deputy Clerk", (), ("U02OWEN",)),
    RosterEntry("Farah Siddiqui", "rfo", "Responsible Financial Officer", (), ("U03FARAH",)),
    RosterEntry("Robert Hale", "officer", "Estates Manager", ("Rob", "Bob"), ("U04ROB",)),
    RosterEntry("May Lin", "officer", "Events Officer", (), ("U05MAY",)),
    RosterEntry("Will Marsh", "officer", "Facilities Officer", (), ("U10WILL", "820000000000000010")),
    RosterEntry("Grace Adeyemi", "chair", "Chair of the Council", (), ("U06GRACE",)),
    RosterEntry("Colin Wood", "vice_chair", None, (), ("U07COLIN",)),
    RosterEntry("Priya Nair", "councillor", None, (), ("U08PRIYA",)),
)


@pytest.fixture(scope="module")
def detector() -> ConductDetector:
    return ConductDetector(ROSTER)


def flagged(detector: ConductDetector, text: str, place: str = "public", author: str = "Priya Nair"):
    return detector.check(text, place, author)


@pytest.mark.parametrize("text, officer", [
    ("Nadia is hopeless at keeping us informed.", "Nadia Kowalski"),
    ("The clerk has messed up the minutes yet again.", "Nadia Kowalski"),
    ("Our deputy clerk is not fit for the job.", "Owen Price"),
    ("the RFO has lost track of the reserves, shocking stuff", "Farah Siddiqui"),
    ("Bob ignored three of my emails about the car park.", "Robert Hale"),
    ("The estates manager is lazy and everybody knows it.", "Robert Hale"),
    ("May's organisation of the summer fair was a total shambles.", "May Lin"),
    ("<@U01NADIA> you are deliberately keeping information from me.", "Nadia Kowalski"),
    ("<@820000000000000010> you left the pavilion unlocked all weekend. Careless.", "Will Marsh"),
    ("Will's handling of the hall bookings has been a shambles from start to finish.", "Will Marsh"),
    ("Well done Nadia, another deadline missed. Brilliant.", "Nadia Kowalski"),
    ("Nadia has had my question for a month. Is she actually capable of doing the job?", "Nadia Kowalski"),
    ("NADIA IS USELESS!!!", "Nadia Kowalski"),
    ("Nadai is incompetant", "Nadia Kowalski"),
    ("The Town Clerk twisted the facts in her report to suit herself.", "Nadia Kowalski"),
    ("the clerk is playing politics with the agenda again", "Nadia Kowalski"),
    ("Farah should be sacked after this budget fiasco.", "Farah Siddiqui"),
    ("I have no faith left in our clerk.", "Nadia Kowalski"),
    ("Robert Hale left the park gates open all weekend. Careless.", "Robert Hale"),
    ("The facilities officer was really rude to a resident this morning.", "Will Marsh"),
])
def test_flags_criticism_of_a_named_officer(detector, text, officer):
    found = flagged(detector, text)
    assert found.flag, found.reason
    assert found.officer == officer
    assert found.kind in set(Kind)
    assert found.evidence and found.evidence in text or found.evidence == text[found.span[0]:found.span[1]]
    assert officer in found.reason or "council staff" in found.reason


@pytest.mark.parametrize("text", [
    "The staff in the office couldn't organise a raffle.",
    "Council staff here treat councillors like an inconvenience.",
])
def test_collective_criticism_names_no_officer(detector, text):
    found = flagged(detector, text)
    assert found.flag and found.officer is None and found.collective
    assert found.target == "council staff"


@pytest.mark.parametrize("text", [
    "Thank you Nadia for the clear briefing note.",
    "The clerk will send the agenda out on Monday.",
    "Owen, can you remind me when the planning deadline is?",
    "Farah's budget summary was really helpful.",
    "Rob has fixed the roof, brilliant news.",
    "I think the committee got this decision wrong and I'll say so at the meeting.",
    "Cllr Wood's amendment was badly thought through.",
    "Colin's motion was a shambles.",
    "Grace was rude to me at the meeting.",
    "Welcome aboard May!",
    "May is on holiday until the 3rd, please contact Owen.",
    "I will be late, the marsh road is flooded again.",
    "The new bus timetable is useless for the villages.",
    "The district council's waste team were rude to a resident, apparently.",
    "The mowing contractor has been useless this year; Rob is chasing them for a refund.",
    "I was wrong about the figures yesterday, apologies.",
    "Concerns about staff should go to the chair privately, per the protocol.",
    "People keep saying Owen is lazy, but that's unfair: he covered three jobs this winter.",
    "Owen wasn't rude at all, he was very patient with the caller.",
    "The phone line at the office is appalling, BT are coming on Tuesday.",
    "The Marsh Lane resurfacing has been botched by the county contractor.",
    "",
    "👍",
    "```\nNadia is useless\n```",
    "> Nadia is useless\nI don't agree with that at all.",
])
def test_leaves_alone_what_is_not_criticism_of_an_officer(detector, text):
    found = flagged(detector, text)
    assert not found.flag, found.reason
    assert found.officer is None and found.kind is None and found.span is None


@pytest.mark.parametrize("place", ["private", "dm"])
def test_never_flags_outside_public_channels(detector, place):
    found = flagged(detector, "Nadia is hopeless and should be sacked.", place)
    assert not found.flag
    assert "public" in found.reason


def test_an_officer_criticising_themselves_is_not_flagged(detector):
    assert not flagged(detector, "Owen here: I messed up the minutes, sorry all.", author="Owen Price").flag
    assert not flagged(detector, "Owen messed up the minutes again, apologies from me.", author="Owen Price").flag
    assert flagged(detector, "Owen messed up the minutes again.", author="Priya Nair").flag


def test_names_hidden_by_tricks_are_still_read(detector):
    for text in ("N\u200ba\u200bdia is useless", "N\u0430dia is useless", "Nadia is us3less", "NADIA is USELESS"):
        found = flagged(detector, text)
        assert found.flag and found.officer == "Nadia Kowalski", text


def test_links_and_markup_are_read_as_text(detector):
    found = flagged(detector, "*Nadia* is _hopeless_, see <https://example.org/minutes|the minutes> for proof")
    assert found.flag and found.officer == "Nadia Kowalski"
    assert not flagged(detector, "<https://example.org/useless|Nadia's notes> are here").flag


MILD = (
    "Owen hasn't replied again.",
    "Nadia's reply was slow and a bit vague.",
    "Still waiting on Farah for the bank rec.",
    "Rob's bench repair is taking a while.",
    "The clerk's summary left out half of what I said.",
    "May's newsletter had two typos in it.",
    "Owen forgot to book the hall for Tuesday.",
    "I've asked Rob three times about the bench now.",
)


def test_sensitivity_moves_the_line():
    flagged_at = {s: {t for t in MILD if ConductDetector(ROSTER, DetectorSettings(s)).check(t).flag}
                  for s in Sensitivity}
    assert flagged_at[Sensitivity.LOW] <= flagged_at[Sensitivity.NORMAL] <= flagged_at[Sensitivity.HIGH]
    assert flagged_at[Sensitivity.LOW] != flagged_at[Sensitivity.HIGH]
    clear = "Nadia is hopeless and should be sacked."
    assert all(ConductDetector(ROSTER, DetectorSettings(s)).check(clear).flag for s in Sensitivity)


def test_council_words():
    assert not ConductDetector(ROSTER).check("Owen went full numpty today").flag
    own_words = ConductDetector(ROSTER, DetectorSettings(extra_words=("numpty",)))
    assert own_words.check("Owen went full numpty today").flag
    relaxed = ConductDetector(ROSTER, DetectorSettings(ignore_words=("useless",)))
    assert not relaxed.check("Nadia is useless").flag


def test_the_finding_explains_itself(detector):
    text = "Honestly, the clerk twisted the facts in her report."
    found = flagged(detector, text)
    assert found.kind is Kind.HONESTY
    assert text[found.span[0]:found.span[1]] == found.evidence
    assert "clerk" in found.evidence and "twisted" in found.evidence
    assert "twisted" in found.reason and "title" in found.reason
    assert found.score > 0 and found.cues


@pytest.mark.parametrize("unit", ["a", "Nadia ", "useless ", "\u200b", "(", "<@", "```", "'", "!", "Nadia is useless. ",
                                  "<https://x|", "&gt; ", "é", "🙄", "\n> "])
def test_hostile_messages_take_linear_time(detector, unit):
    text = unit * (40_000 // len(unit))
    start = time.perf_counter()
    detector.check(text)
    detector.check(text.upper())
    assert time.perf_counter() - start < 5  # a guard against backtracking, not a speed target (see bench/)
