"""Clause search (STUB: interface fixed, ranking to be replaced)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from protocol.model import Clause, ProtocolPack


@dataclass(frozen=True)
class Hit:
    """A clause found for a query, with its score and why it matched."""

    clause: Clause
    score: float
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class LookupResult:
    """The answer to a query.

    ``kind`` is ``"id"`` (the query was a clause id of this pack), ``"unknown_id"``
    (it looked like a clause id the pack does not have; ``suggestions`` holds the
    nearest ids), ``"search"`` (ranked hits, best first) or ``"none"`` (nothing
    matched; ``suggestions`` holds topics to try).
    """

    query: str
    kind: str
    hits: tuple[Hit, ...] = ()
    suggestions: tuple[str, ...] = field(default=())


class ClauseIndex:
    """A search index over one pack, built once and queried many times."""

    def __init__(self, pack: ProtocolPack) -> None:
        self.pack = pack

    def topics(self) -> list[str]:
        """Topic words a user can type (``need-to-know``, ``press`` …) that this pack covers."""
        return ["need-to-know", "press", "correspondence", "complaints"]

    def lookup(self, query: str, limit: int = 3) -> LookupResult:
        """Answer a clause id, a topic or a free-text question."""
        clause = self.pack.get(query.strip())
        if clause:
            return LookupResult(query, "id", (Hit(clause, 1.0, ("clause id",)),))
        hits = self.search(query, limit)
        if not hits:
            return LookupResult(query, "none", (), tuple(self.topics()))
        return LookupResult(query, "search", tuple(hits))

    def search(self, query: str, limit: int = 3) -> list[Hit]:
        """The best clauses for a free-text query, best first."""
        words = set(re.findall(r"\w+", query.lower()))
        scored = []
        for c in self.pack:
            s = len(words & set(re.findall(r"\w+", c.text.lower())))
            if s:
                scored.append(Hit(c, float(s)))
        scored.sort(key=lambda h: -h.score)
        return scored[:limit]
