"""Hand-written test doubles: a small council, a small pack, a clause index with canned
answers, in-memory stores, a conduct detector with canned findings and a clock that
stays where it is put.

The bot's tests use these instead of the real search, whose ranking is not theirs to
test, and instead of a database (storage has its own tests, on both databases).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Iterable, Iterator

from protocol.concerns import Concern, ConcernMessage
from protocol.conduct import Finding
from protocol.flags import Flag, FlagStatus, ReviewerPost
from protocol.model import Clause, ProtocolPack
from protocol.requests import InformationRequest, RequestEvent, RequestStatus
from protocol.search import Hit, LookupResult
from storage.errors import ConflictError, StorageUnavailable

from bot.app import ProtocolBot
from bot.clock import SettableClock
from bot.council import Committee, Council, Delegation, Person, Role
from bot.stores import Stores

NADIA = Person("Nadia Kowalski", Role.CLERK, title="Town Clerk", aliases=("Nads",), slack_id="U01NADIA")
ROBERT = Person("Robert Hale", Role.OFFICER, title="Estates Manager", aliases=("Rob",), slack_id="U04ROB")
GRACE = Person("Grace Adeyemi", Role.CHAIR, committees=("finance",), slack_id="U06GRACE")
PRIYA = Person("Priya Nair", Role.COUNCILLOR, committees=("planning",), slack_id="U08PRIYA",
               discord_id="820000000000000008")
FARAH = Person("Farah Siddiqui", Role.RFO, title="Responsible Financial Officer", slack_id="U03FARAH")
DENNIS = Person("Dennis Wood", Role.COUNCILLOR, committees=("finance",), slack_id="U09DENNIS")

COUNCIL = Council(
    name="Brookfield Town Council",
    protocol_path=Path("unused-protocol.yaml"),
    people=(NADIA, ROBERT, GRACE, PRIYA, FARAH, DENNIS),
    committees=(Committee("planning", "Planning Committee"), Committee("finance", "Finance Committee")),
    key="brookfield",
    delegations=(Delegation("Farah Siddiqui", ("finance",), ("invoice",)),),
)

PACK = ProtocolPack(
    clauses=(
        Clause("10.1", "Councillors have a right to inspect the papers of a committee they sit on.",
               path=("Access to information",), number="10.1"),
        Clause("10.3", "A councillor who is not a member of the committee must show a need to know.",
               path=("Access to information",), number="10.3"),
        Clause("10.4", "Personal data about third parties is released only with a specific justification.",
               path=("Access to information",), number="10.4"),
        Clause("10.5", "Anyone may ask for information under the Freedom of Information Act 2000.",
               path=("Access to information",), number="10.5"),
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


class FakeRequestStore:
    """Requests in a dict, with the repository's contract: numbering per council, versions, history.

    Set ``down = True`` to make every call fail as if the database were unreachable.
    """

    def __init__(self) -> None:
        self.rows: dict[tuple[str, int], InformationRequest] = {}
        self.events: dict[tuple[str, int], list[RequestEvent]] = {}
        self.down = False

    def _check(self) -> None:
        if self.down:
            raise StorageUnavailable("The database is not reachable (fake).")

    def add(self, request: InformationRequest, event: RequestEvent) -> InformationRequest:
        self._check()
        number = 1 + max((n for c, n in self.rows if c == request.council), default=0)
        stored = replace(request, id=len(self.rows) + 1, number=number, version=1)
        self.rows[(request.council, number)] = stored
        self.events[(request.council, number)] = [replace(event, request_id=stored.id)]
        return stored

    def update(self, request: InformationRequest, *events: RequestEvent) -> InformationRequest:
        self._check()
        key = (request.council, request.number or 0)
        if self.rows[key].version != request.version:
            raise ConflictError("changed meanwhile")
        stored = replace(request, version=request.version + 1)
        self.rows[key] = stored
        self.events[key] += list(events)
        return stored

    def get(self, council: str, number: int) -> InformationRequest | None:
        self._check()
        return self.rows.get((council, number))

    def history(self, council: str, number: int) -> list[RequestEvent]:
        self._check()
        return list(self.events.get((council, number), []))

    def find(self, council: str, *, requester: str | None = None, officer: str | None = None,
             statuses: Iterable[RequestStatus] | None = None, open_only: bool = False,
             due_before: date | None = None, limit: int | None = None, offset: int = 0) -> list[InformationRequest]:
        self._check()
        wanted = set(statuses) if statuses is not None else None
        found = [r for (c, _), r in self.rows.items() if c == council
                 and (requester is None or r.requester == requester) and (officer is None or r.officer == officer)
                 and (wanted is None or r.status in wanted) and not (open_only and r.status.is_closed)
                 and (due_before is None or r.due < due_before)]
        found.sort(key=lambda r: (r.due, r.number or 0))
        return found[offset: offset + limit if limit is not None else None]

    def count(self, council: str, **filters: object) -> int:
        return len(self.find(council, **filters))  # type: ignore[arg-type]

    def open_requests(self, council: str) -> list[InformationRequest]:
        return self.find(council, open_only=True)

    def export(self, council: str) -> Iterator[tuple[InformationRequest, list[RequestEvent]]]:
        for (c, n), request in sorted(self.rows.items()):
            if c == council:
                yield request, self.history(c, n)


# Monday 7 December 2026, 10:00 UK time (UTC in winter).
MONDAY = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)


def make_bot(store: FakeRequestStore | None = None, clock: SettableClock | None = None,
             concerns: FakeConcernStore | None = None, flags: FakeFlagStore | None = None,
             detector: FakeDetector | None = None, council: Council = COUNCIL,
             pack: ProtocolPack = PACK) -> ProtocolBot:
    """The bot on the small council and pack, with the fake index, fake stores, fake detector and a fixed clock."""
    concerns = concerns or FakeConcernStore(FakeAudit())
    flags = flags or FakeFlagStore(concerns.audit)
    stores = Stores(store or FakeRequestStore(), concerns, concerns.audit, flags)  # type: ignore[arg-type]
    return ProtocolBot(council, pack, stores, index=FakeIndex(), clock=clock or SettableClock(MONDAY),
                       detector=detector or FakeDetector())


class FakeAudit:
    """The audit trail as a list of (actor, action, item, detail)."""

    def __init__(self) -> None:
        self.entries: list[tuple[str, str, str, str]] = []

    def append(self, council: str, actor: str, action: str, item: str, detail: str = "", **_: object) -> None:
        self.entries.append((actor, action, item, detail))


class FakeConcernStore:
    """Concerns in a dict, with the repository's contract (numbering, versions, handler and raiser queries)."""

    def __init__(self, audit: FakeAudit) -> None:
        self.rows: dict[tuple[str, int], Concern] = {}
        self.messages: dict[tuple[str, int], list[ConcernMessage]] = {}
        self.audit = audit
        self.down = False

    def _check(self) -> None:
        if self.down:
            raise StorageUnavailable("The database is not reachable (fake).")

    def add(self, concern: Concern, actor: str) -> Concern:
        self._check()
        number = 1 + max((n for c, n in self.rows if c == concern.council), default=0)
        stored = replace(concern, id=len(self.rows) + 1, number=number, version=1)
        self.rows[(concern.council, number)] = stored
        self.messages[(concern.council, number)] = []
        self.audit.append(concern.council, actor, "create", stored.ref)
        return stored

    def update(self, concern: Concern, actor: str, action: str, *messages: ConcernMessage) -> Concern:
        self._check()
        key = (concern.council, concern.number or 0)
        if self.rows[key].version != concern.version:
            raise ConflictError("changed meanwhile")
        stored = replace(concern, version=concern.version + 1)
        self.rows[key] = stored
        self.messages[key] += list(messages)
        self.audit.append(concern.council, actor, action, stored.ref)
        return stored

    def get_for_system(self, council: str, number: int) -> Concern | None:
        self._check()
        return self.rows.get((council, number))

    def messages_for_system(self, council: str, number: int) -> list[ConcernMessage]:
        self._check()
        return list(self.messages.get((council, number), []))

    def find_for_handler(self, council: str, handler: str, *, open_only: bool = False, limit: int | None = None,
                         offset: int = 0) -> list[Concern]:
        self._check()
        found = [c for (k, _), c in sorted(self.rows.items()) if k == council and handler in c.handlers
                 and not (open_only and c.status.is_closed)]
        return found[offset: offset + limit if limit is not None else None]

    def find_for_raiser(self, council: str, raiser: str, *, open_only: bool = False, limit: int | None = None,
                        offset: int = 0) -> list[Concern]:
        self._check()
        found = [c for (k, _), c in sorted(self.rows.items()) if k == council and c.raiser == raiser
                 and not (open_only and c.status.is_closed)]
        return found[offset: offset + limit if limit is not None else None]


class FakeDetector:
    """Canned findings by message text; every other message is not flagged. Records what it was asked."""

    def __init__(self, findings: dict[str, Finding] | None = None) -> None:
        self.findings = dict(findings or {})
        self.calls: list[tuple[str, str, str | None]] = []

    def check(self, text: str, place: str = "public", author: str | None = None) -> Finding:
        self.calls.append((text, place, author))
        return self.findings.get(text, Finding(False, "no criticism aimed at an officer"))


class FakeFlagStore:
    """Flags in a dict, with the repository's contract: one per message id, the burst rule, reviewer lists.

    Set ``down = True`` to make every call fail as if the database were unreachable.
    """

    def __init__(self, audit: FakeAudit) -> None:
        self.rows: dict[tuple[str, int], Flag] = {}
        self.audit = audit
        self.down = False

    def _check(self) -> None:
        if self.down:
            raise StorageUnavailable("The database is not reachable (fake).")

    def add(self, flag: Flag, *, nudge_unless_nudged_since: datetime | None) -> tuple[Flag, bool]:
        self._check()
        for stored in self.rows.values():
            if (stored.council, stored.message_id) == (flag.council, flag.message_id):
                return stored.evolve(excerpt=None, reason=None), False
        since = nudge_unless_nudged_since
        last = max((f.nudged_at for f in self.rows.values() if (f.council, f.author) == (flag.council, flag.author)
                    and f.nudged_at is not None), default=None)
        nudged = flag.created_at if since is None or last is None or last <= since else None
        number = 1 + max((n for c, n in self.rows if c == flag.council), default=0)
        stored = flag.evolve(id=len(self.rows) + 1, number=number, nudged_at=nudged)
        self.rows[(flag.council, number)] = stored
        self.audit.append(flag.council, "protocol-bot", "create", stored.ref)
        return stored, True

    def get(self, council: str, number: int, reader: str) -> Flag | None:
        self._check()
        found = self.rows.get((council, number))
        if found is not None:
            self.audit.append(council, reader, "read", found.ref, "excerpt")
        return found

    def get_for_system(self, council: str, number: int) -> Flag | None:
        self._check()
        found = self.rows.get((council, number))
        return found.evolve(excerpt=None, reason=None) if found is not None else None

    def set_status(self, council: str, number: int, actor: str, status: FlagStatus, *,
                   feedback: FlagStatus | None = None, handled_by: str | None = None) -> Flag | None:
        self._check()
        found = self.rows.get((council, number))
        if found is None:
            return None
        changed = found.evolve(status=status, feedback=feedback or found.feedback,
                               handled_by=handled_by or found.handled_by)
        self.rows[(council, number)] = changed
        self.audit.append(council, actor, "status", changed.ref, f"status={status.value}")
        return changed.evolve(excerpt=None, reason=None)

    def find_for_reviewer(self, council: str, reviewer: ReviewerPost, viewer: str, *, open_only: bool = False,
                          limit: int | None = None, offset: int = 0) -> list[Flag]:
        self._check()
        found = [f.evolve(excerpt=None, reason=None) for (c, _), f in sorted(self.rows.items(), reverse=True)
                 if c == council and f.reviewer is reviewer and f.officer != viewer
                 and not (open_only and not f.status.is_open)]
        self.audit.append(council, viewer, "list", "flags", f"count={len(found)}")
        return found[offset: offset + limit if limit is not None else None]
