"""The council file's ``moderation:`` section, the detector's roster, and who reviews a flag."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from protocol.conduct import RosterEntry, Sensitivity
from protocol.flags import ReviewerPost
from bot.council import ModerationSettings, load_council, read_council
from bot.moderation import detector_for, detector_settings, holder_of, post_of, reviewer_post, roster_entries
from tests.bot.test_council import GOOD, problems_of, write
from tests.fakes import COUNCIL, DENNIS, GRACE, NADIA, PRIYA, ROBERT

REPO = Path(__file__).parents[2]
MODERATION = GOOD + """\
moderation:
  sensitivity: High
  exempt_channels: ["#Staff-Banter", random]
  extra_words: [jobsworth, "waste  of space"]
  ignore_words: sloppy
  notify_reviewer: yes
  burst_minutes: 5
"""


def test_the_section_loads(tmp_path: Path) -> None:
    moderation = load_council(write(tmp_path, MODERATION)).moderation
    assert moderation == ModerationSettings(
        sensitivity=Sensitivity.HIGH, exempt_channels=("staff-banter", "random"),
        extra_words=("jobsworth", "waste of space"), ignore_words=("sloppy",), notify_reviewer=True,
        burst_minutes=5)
    assert moderation.is_exempt("staff-banter") and moderation.is_exempt("#RANDOM")
    assert not moderation.is_exempt("general") and not moderation.is_exempt(None)


def test_defaults_when_the_section_is_absent(tmp_path: Path) -> None:
    assert load_council(write(tmp_path, GOOD)).moderation == ModerationSettings(
        Sensitivity.NORMAL, (), (), (), False, 10)


def test_bad_values_name_the_key_and_line(tmp_path: Path) -> None:
    text = GOOD + """\
moderation:
  sensitivity: extreme
  exempt_channels: ["#"]
  extra_words: [sloppy]
  ignore_words: [Sloppy, ""]
  notify_reviewer: sometimes
  burst_minutes: -1
  colour: red
"""
    found = problems_of(write(tmp_path, text))
    assert found == [
        "line 21, moderation.sensitivity: 'extreme' is not a sensitivity; use one of low, normal, high",
        "line 22, moderation.exempt_channels[0]: should not be empty; remove it or fill it in",
        "line 24, moderation.ignore_words[1]: should not be empty; remove it or fill it in",
        "line 24, moderation.ignore_words[0]: 'Sloppy' is also in extra_words; keep it in one list",
        "line 25, moderation.notify_reviewer: should be true or false",
        "line 26, moderation.burst_minutes: is too small",
    ]


def test_the_section_must_be_a_mapping_and_unknown_keys_warn(tmp_path: Path) -> None:
    assert problems_of(write(tmp_path, GOOD + "moderation: [low]\n")) == [
        "line 20, moderation: should be a mapping of keys"]
    loaded = read_council(write(tmp_path, GOOD + "moderation:\n  colour: red\n"))
    assert [str(w) for w in loaded.warnings] == ["line 21, moderation.colour: unknown key, ignored"]


def test_the_roster_for_the_detector_has_every_person_and_their_platform_ids() -> None:
    entries = roster_entries(COUNCIL)
    assert [e.name for e in entries] == [p.name for p in COUNCIL.people]
    assert entries[0] == RosterEntry("Nadia Kowalski", "clerk", "Town Clerk", ("Nads",), ("U01NADIA",))
    priya = next(e for e in entries if e.name == "Priya Nair")
    assert priya.platform_ids == ("U08PRIYA", "820000000000000008") and not priya.is_officer
    assert next(e for e in entries if e.name == "Robert Hale").is_officer


def test_the_detector_takes_the_councils_tuning() -> None:
    council = replace(COUNCIL, moderation=ModerationSettings(Sensitivity.LOW, extra_words=("jobsworth",),
                                                             ignore_words=("slow",)))
    settings = detector_settings(council)
    assert (settings.sensitivity, settings.extra_words, settings.ignore_words) == (
        Sensitivity.LOW, ("jobsworth",), ("slow",))
    example = load_council(REPO / "examples" / "brookfield.yaml")
    detector = detector_for(example)
    assert detector.check("Nadia is hopeless at keeping us informed.", "public", "Priya Nair").flag
    assert not detector.check("Thank you Nadia for the clear briefing note.", "public", "Priya Nair").flag


@pytest.mark.parametrize(("officer", "author", "post"), [
    ("Robert Hale", "Priya Nair", ReviewerPost.CLERK),
    (None, "Priya Nair", ReviewerPost.CLERK),  # staff collectively
    ("Nadia Kowalski", "Priya Nair", ReviewerPost.CHAIR),
    ("Nadia Kowalski", "Grace Adeyemi", ReviewerPost.CHAIR),  # no Vice-Chair on this roster: still the Chair
])
def test_who_reviews_a_flag(officer: str | None, author: str, post: ReviewerPost) -> None:
    assert reviewer_post(COUNCIL, officer, author) is post


def test_the_vice_chair_reviews_the_chairs_own_criticism_of_the_clerk() -> None:
    example = load_council(REPO / "examples" / "brookfield.yaml")
    assert reviewer_post(example, "Nadia Kowalski", "Grace Adeyemi") is ReviewerPost.VICE_CHAIR
    assert holder_of(example, ReviewerPost.VICE_CHAIR).name == "Colin Marsh"  # type: ignore[union-attr]


def test_posts_and_their_holders() -> None:
    assert (post_of(NADIA), post_of(GRACE), post_of(PRIYA), post_of(ROBERT), post_of(DENNIS)) == (
        ReviewerPost.CLERK, ReviewerPost.CHAIR, None, None, None)
    assert holder_of(COUNCIL, ReviewerPost.CLERK) == NADIA and holder_of(COUNCIL, ReviewerPost.CHAIR) == GRACE
    assert holder_of(COUNCIL, ReviewerPost.VICE_CHAIR) is None
