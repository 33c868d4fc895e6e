"""Hand-written test doubles: a small council, a small pack, and a clause index with canned answers.

The bot's tests use these instead of the real search, whose ranking is not theirs to test.
"""

from __future__ import annotations

from pathlib import Path

from protocol.model import Clause, ProtocolPack
from protocol.search import Hit, LookupResult

from bot.app import ProtocolBot
from bot.council import Council, Person, Role

NADIA = Person("Nadia Kowalski", Role.CLERK, title="Town Clerk", aliases=("Nads",), slack_id="U01NADIA")
ROBERT = Person("Robert Hale", Role.OFFICER, title="Estates Manager", aliases=("Rob",), slack_id="U04ROB")
GRACE = Person("Grace Adeyemi", Role.CHAIR, committees=("finance",), slack_id="U06GRACE")
PRIYA = Person("Priya Nair", Role.COUNCILLOR, committees=("planning",), slack_id="U08PRIYA",
               discord_id="820000000000000008")

COUNCIL = Council(
    name="Brookfield Town Council",
    protocol_path=Path("unused-protocol.yaml"),
    people=(NADIA, ROBERT, GRACE, PRIYA),
)

PACK = ProtocolPack(
    clauses=(
        Clause("10.1", "Councillors may see the papers of a committee they sit on.",
               path=("Access to information",), number="10.1"),
        Clause("10.3", "A councillor who is not a member of the committee must show a need to know.",
               path=("Access to information",), number="10.3"),
        Clause("10.4", "Personal data about third parties is released only with a specific justification.",
               path=("Access to information",), number="10.4"),
        Clause("12.1", "Only the Chair speaks to the press for the council.", path=("Press and media",),
               number="12.1"),
    ),
    council="Brookfield Town Council",
    title="Member/Officer Protocol",
)

TOPICS = ["need-to-know", "press", "correspondence"]


def _hits(*ids: str) -> tuple[Hit, ...]:
    return tuple(Hit(PACK.get(i), 10.0 - n) for n, i in enumerate(ids))  # type: ignore[arg-type]


class FakeIndex:
    """Answers from a table of canned results; anything else finds nothing."""

    def __init__(self) -> None:
        self.queries: list[str] = []
        self.results: dict[str, LookupResult] = {
            "need-to-know": LookupResult("need-to-know", "search", _hits("10.3", "10.1", "10.4")),
            "10.3": LookupResult("10.3", "id", _hits("10.3")),
            "10.9": LookupResult("10.9", "unknown_id", (), ("10.3", "10.4")),
            "press": LookupResult("press", "search", _hits("12.1")),
        }

    def lookup(self, query: str, limit: int = 3) -> LookupResult:
        self.queries.append(query)
        found = self.results.get(query)
        if found is None:
            return LookupResult(query, "none", (), tuple(TOPICS))
        return LookupResult(found.query, found.kind, found.hits[:limit], found.suggestions)

    def topics(self) -> list[str]:
        return list(TOPICS)


def make_bot() -> ProtocolBot:
    """The bot on the small council and pack, with the fake index."""
    return ProtocolBot(COUNCIL, PACK, index=FakeIndex())
