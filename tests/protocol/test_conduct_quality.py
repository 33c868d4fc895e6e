"""Detector quality on the labelled development messages (tests/fixtures/moderation/).

A regression floor, not the goal: the issue's target, on a held-out set, is
precision 0.95, recall 0.90 and the officer named right in 95% of true flags.
`python -m bench.moderation_quality -v` prints the figures and every miss.
"""

from __future__ import annotations

from bench.moderation_quality import Score, development_sets, read_set, score

PRECISION_FLOOR = 0.97
RECALL_FLOOR = 0.85
NAMING_FLOOR = 0.97


def test_development_sets_are_large_and_varied():
    pairs = development_sets()
    rows = [item for _council, tsv in pairs for item in read_set(tsv)]
    assert len(pairs) >= 5 and len(rows) >= 500
    assert sum(r.flag for r in rows) >= 150 and sum(r.place != "public" for r in rows) >= 50


def test_development_sets_meet_the_floor():
    total = Score()
    for council, tsv in development_sets():
        total = total.add(score(council, tsv))
    assert total.precision >= PRECISION_FLOOR, str(total)
    assert total.recall >= RECALL_FLOOR, str(total)
    assert total.naming >= NAMING_FLOOR, str(total)
