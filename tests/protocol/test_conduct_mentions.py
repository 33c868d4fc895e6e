"""Who a message names: shared first names, lower-case names, posts said loosely, and the office as people."""

from __future__ import annotations

import pytest

from protocol.chat_text import read
from protocol.conduct import DetectorSettings, RosterEntry
from protocol.conduct_engine import Engine
from protocol.officer_mentions import MentionTable, Party, Person

ROSTER = (
    RosterEntry("Will Harding", "deputy_clerk", "Deputy Clerk"),
    RosterEntry("Will Osei", "councillor"),
    RosterEntry("Dawn Meredith", "clerk", "Town Clerk"),
    RosterEntry("May Henshaw", "rfo", "RFO"),
    RosterEntry("Rob Tully", "officer", "Parks Supervisor"),
    RosterEntry("Iqra Nadeem", "officer", "Communications Officer"),
    RosterEntry("Grant Whitelaw", "officer", "Lengthsman and Assets Officer"),
    RosterEntry("Ray Penhale", "officer", "Harbour and Foreshore Officer"),
    RosterEntry("Priya Nair", "chair", "Chair of the Council"),
)


@pytest.fixture(scope="module")
def table() -> MentionTable:
    return MentionTable([Person(p.name, p.is_officer, p.title, p.role, p.aliases, p.platform_ids) for p in ROSTER])


def named(table: MentionTable, text: str) -> list[tuple[Party, str | None, str]]:
    """(party, name, how) of each reference that is not a pronoun or the writer."""
    return [(m.party, m.name, m.via) for m in table.mentions(read(text))
            if m.via not in ("pronoun", "addressed", "member", "person")]


def test_a_first_name_shared_with_a_councillor_is_marked_shared_and_left_to_the_model(table):
    assert named(table, "Will's minutes left out my amendment.") == [(Party.OFFICER, "Will Harding", "shared name")]
    assert named(table, "Will in the office lost the forms.") == [(Party.OFFICER, "Will Harding", "name at work")]
    assert named(table, "Cllr Will talked for an hour.") == [(Party.MEMBER, None, "councillor")]
    assert named(table, "I will be late tonight.") == []
    engine = Engine(ROSTER, DetectorSettings(), use_model=False)
    seen = engine.read("Will is useless.", "Priya Nair")
    assert seen is not None and seen.shared and "+shared" in seen.features()
    assert not engine.check("Will is useless.", "Priya Nair").flag  # the rules never decide a shared name
    assert engine.check("Will Harding is useless.", "Priya Nair").flag


@pytest.mark.parametrize("text, officer", [
    ("dawn meredith never passes messages on. I've given up", "Dawn Meredith"),
    ("thanks may for forgetting my motion AGAIN", "May Henshaw"),
    ("rob's attitude is awful. Honestly.", "Rob Tully"),
    ("I'll say it here since nobody else will: Rob has ignored me twice", "Rob Tully"),
])
def test_names_written_in_lower_case_or_after_a_clause_are_read(table, text, officer):
    assert (Party.OFFICER, officer) in [(p, n) for p, n, _via in named(table, text)]


@pytest.mark.parametrize("text", ["thanks, will do", "thanks will do", "we set off at dawn. It was Lovely", "may be late"])
def test_ordinary_words_stay_words(table, text):
    assert named(table, text) == []


@pytest.mark.parametrize("text, officer", [
    ("the parks guy never empties the bins", "Rob Tully"),
    ("The comms officer posted the wrong date.", "Iqra Nadeem"),
    ("The lengthsman hasn't been seen for weeks.", "Grant Whitelaw"),
    ("Where's the Town Clerk? The hall is locked.", "Dawn Meredith"),
])
def test_posts_as_people_say_them(table, text, officer):
    assert (Party.OFFICER, officer) in [(p, n) for p, n, _via in named(table, text)]


def test_a_place_in_a_title_is_not_the_officer(table):
    assert named(table, "The harbour is full of seaweed again.") == []
    assert [p for p, _n, _v in named(table, "The Environment Agency's flood officer was unhelpful.")] == [
        Party.OUTSIDE]


@pytest.mark.parametrize("text, staff", [
    ("Does anyone in the office actually read their emails?", True),
    ("Nobody at the town hall answers the phone.", True),
    ("Every request I send to the office disappears.", True),
    ("The printer in the office is broken again.", False),
    ("The scaffolders on the town hall have been a nightmare.", False),
])
def test_the_office_is_its_people_where_the_message_says_so(table, text, staff):
    assert ((Party.STAFF, None, "collective") in named(table, text)) is staff
