"""Flags as plain records: references, statuses, and the excerpt kept of a message."""

from __future__ import annotations

from datetime import UTC, datetime

from protocol.flags import EXCERPT_CHARS, Flag, FlagStatus, ReviewerPost, excerpt


def test_a_short_message_is_kept_whole_with_its_spaces_tidied() -> None:
    assert excerpt("Robert  is\nuseless", (10, 17)) == "Robert is useless"
    assert excerpt("", None) == ""


def test_a_long_message_keeps_the_words_around_the_evidence() -> None:
    text = "fine. " * 5000 + "Robert is useless." + " fine." * 5000
    start = text.index("useless")
    kept = excerpt(text, (start, start + 7))
    assert "useless" in kept and kept.startswith("…") and kept.endswith("…")
    assert len(kept) <= EXCERPT_CHARS + 2


def test_evidence_at_either_end_and_no_span() -> None:
    text = "Robert is useless. " + "x " * 20_000
    assert excerpt(text, (10, 17)).startswith("Robert is useless") and excerpt(text, None).endswith("…")
    tail = "x " * 20_000 + "Robert is useless."
    kept = excerpt(tail, (len(tail) - 8, len(tail) - 1))
    assert kept.endswith("Robert is useless.") and kept.startswith("…")
    assert excerpt(tail, (10**9, 10**9 + 5)).endswith("useless.")  # a span past the end is clamped


def test_refs_targets_and_statuses() -> None:
    flag = Flag("brookfield", "m1", "general", "Priya Nair", ReviewerPost.CHAIR, datetime(2026, 1, 5, tzinfo=UTC))
    assert flag.ref == "F-?" and flag.evolve(number=3).ref == "F-3" and flag.target == "council staff"
    assert flag.evolve(officer="Nadia Kowalski").target == "Nadia Kowalski"
    assert [s for s in FlagStatus if not s.is_open] == [FlagStatus.REVIEWED]
    assert ReviewerPost.CHAIR.label == "the Chair" and ReviewerPost.VICE_CHAIR.label == "the Vice-Chair"
