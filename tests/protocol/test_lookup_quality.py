"""Lookup quality on the labelled development questions (tests/fixtures/lookup_questions*.yaml).

A regression floor, not the goal: the issue's target is the right clause first for
85% of questions and within the first three for 95%. `python -m bench.lookup_quality -v`
prints the figures and every miss.
"""

from __future__ import annotations

import pytest

from bench.lookup_quality import FIXTURES, evaluate

pytestmark = pytest.mark.skipif(not (FIXTURES / "seeds").is_dir(), reason="tests/fixtures/seeds is missing")

TOP1_FLOOR = 0.60
TOP3_FLOOR = 0.81


def test_labelled_questions_meet_the_floor():
    outcomes = evaluate()
    assert len(outcomes) >= 350
    top1 = sum(o.top1 for o in outcomes) / len(outcomes)
    top3 = sum(o.top3 for o in outcomes) / len(outcomes)
    assert top1 >= TOP1_FLOOR and top3 >= TOP3_FLOOR, f"top-1 {top1:.1%}, top-3 {top3:.1%}"
