"""Hostile documents: long runs and repeated shapes are imported in linear time.

The bound is a guard against a pattern that backtracks (a 2-million-dot line once
took minutes), not a speed target: `make bench` measures speed.
"""

from __future__ import annotations

import time

import pytest

from protocol.errors import ImportFailed
from protocol.importer import import_text
from protocol.search import ClauseIndex

HEAD = "1.1 Councillors and officers must respect each other.\n"
N = 300_000


@pytest.mark.parametrize(
    "unit",
    [".", "- ", "(", "1.", "a. ", "#", "…", "_", ". ", "Signed ", "Page ", "x5 ", "[a](", "<sup>", "**", "\u200b",
     "; and ", "conc-\n", "\n", "\n\n- a\n", "Contents\n", "I. ", "Part A "],
)
def test_long_runs_do_not_backtrack(unit):
    text = HEAD + unit * (N // len(unit)) + "\n" + HEAD.replace("1.1", "2.1")
    start = time.perf_counter()
    try:
        pack = import_text(text)
        ClauseIndex(pack).lookup("who do I complain to " + unit * 200)
    except ImportFailed:
        pass
    assert time.perf_counter() - start < 10
