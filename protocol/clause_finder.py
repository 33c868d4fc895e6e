"""Finding the council's clause for a point by searching its protocol, never by id.

A :class:`Finder` names a point (``need_to_know``, ``about_clerk`` …), several ways a
clerk might phrase it, and "evidence": patterns the clause's own text must carry
before it is cited. Every phrasing is searched; each hit is scored relative to that
phrasing's best hit (so phrasings and documents of different sizes weigh alike) and
the scores are summed. A protocol that does not say it gets no citation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from protocol.search import ClauseIndex

SCORE_FLOOR = 1.0  # hits scoring below this are not cited
PREFER_BONUS = 1.0
SEARCH_DEPTH = 8


@dataclass(frozen=True)
class Finder:
    """How to find the clause for one point: phrasings to search, words the clause must contain."""

    key: str
    queries: tuple[str, ...]
    evidence: tuple[re.Pattern[str], ...]  # every one must match the clause text
    prefer: re.Pattern[str] | None = None  # a clause matching this is a closer fit
    fallback: str | None = None  # cite this point's clause when the protocol has none of its own
    reject: re.Pattern[str] | None = None  # a clause matching this says something else: never cite it


def rx(pattern: str) -> re.Pattern[str]:
    """A case-insensitive pattern."""
    return re.compile(pattern, re.IGNORECASE)


def best_clause(index: ClauseIndex, finder: Finder) -> str | None:
    """The id of the clause that best states this point in the council's protocol, or None."""
    totals: dict[str, float] = {}
    order: dict[str, int] = {c.id: i for i, c in enumerate(index.pack.clauses)}
    for query in finder.queries:
        hits = index.search(query, SEARCH_DEPTH)
        if not hits:
            continue
        top = hits[0].score
        for hit in hits:
            text = hit.clause.text
            if hit.score < SCORE_FLOOR or not _says_it(finder, text):
                continue
            bonus = PREFER_BONUS if finder.prefer and finder.prefer.search(text) else 0.0
            totals[hit.clause.id] = totals.get(hit.clause.id, bonus) + hit.score / top
    if not totals:
        return None
    return max(totals, key=lambda cid: (totals[cid], -order.get(cid, 0)))


def _says_it(finder: Finder, text: str) -> bool:
    """True if the clause's text carries all the evidence and nothing the finder rejects."""
    if finder.reject is not None and finder.reject.search(text):
        return False
    return all(pattern.search(text) for pattern in finder.evidence)


def find_clauses(index: ClauseIndex, finders: Iterable[Finder]) -> dict[str, str | None]:
    """Each finder's clause id (or its fallback's, or None), keyed by the finder's key."""
    finders = tuple(finders)
    found = {f.key: best_clause(index, f) for f in finders}
    return {f.key: found[f.key] or (found.get(f.fallback) if f.fallback else None) for f in finders}
