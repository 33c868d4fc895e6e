"""Request store: write throughput and review-query latency, on SQLite and PostgreSQL.

Run: ``python -m bench.request_store``. On each database, 100,000 requests of one
council (three years of them, 6% still open) are first bulk-loaded (executemany on
SQLite, COPY on PostgreSQL), then timed: requests created per second through
``RequestRepository.add``; created-then-decided (``add`` plus an ``update`` with one
event) per second; and the clerk's review queries, median and p99: an officer's open
requests (first 50), the open count, and the overdue requests (first 50) and count;
and the whole ``/protocol review requests`` reply (its counts, its list of 20 and
the working days of each line) for the Clerk and for an officer. Target: p99 under
50 ms for each.

SQLite runs on a temporary file. PostgreSQL runs in a schema of its own, dropped at
the end, on ``BENCH_DATABASE_URL`` (default: the local test server); it is skipped,
saying why, when the server cannot be reached.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, insert, text

from bench.common import heading, on_each_database, percentile
from bot.council import Council, Person, Role
from bot.request_review import RequestReview
from protocol.working_days import WorkingCalendar
from protocol.requests import CLOSED_STATUSES, EventKind, InformationRequest, RequestEvent, RequestStatus
from storage.database import upgrade
from storage.request_repository import SEQUENCE, RequestRepository
from storage.tables import CouncilSequence, RequestEventRow, RequestRow

WRITES = 300
STORED = 100_000
QUERY_RUNS = 200
TARGET_P99_MS = 50.0
COUNCIL = "bench-town"
OFFICERS = tuple(f"Officer {i}" for i in range(12))
REQUESTERS = tuple(f"Councillor {i}" for i in range(300))
NOW = datetime.now(UTC)
TODAY = NOW.date()

# Requests older than RECENT_DAYS are mostly answered; a few were forgotten (overdue).
RECENT_DAYS = 45
_OLD_WEIGHTS = {
    RequestStatus.GRANTED: 60, RequestStatus.PARTLY_GRANTED: 12, RequestStatus.REFUSED: 14,
    RequestStatus.WITHDRAWN: 8, RequestStatus.OPEN: 2, RequestStatus.ACKNOWLEDGED: 3,
    RequestStatus.AWAITING_CLARIFICATION: 1,
}
_RECENT_WEIGHTS = {
    RequestStatus.GRANTED: 20, RequestStatus.PARTLY_GRANTED: 5, RequestStatus.REFUSED: 5,
    RequestStatus.WITHDRAWN: 3, RequestStatus.OPEN: 30, RequestStatus.ACKNOWLEDGED: 30,
    RequestStatus.AWAITING_CLARIFICATION: 7,
}


def new_request(rng: random.Random, council: str = COUNCIL) -> InformationRequest:
    """A fresh request as the bot would make it."""
    return InformationRequest(
        council=council,
        requester=rng.choice(REQUESTERS),
        officer=rng.choice(OFFICERS),
        documents="The planning committee papers and the consultants' report on the car park",
        purpose="I sit on the planning committee and we decide on this at the next meeting",
        created_at=NOW,
        acknowledge_by=TODAY + timedelta(days=2),
        due=TODAY + timedelta(days=14),
        committee="planning",
        verdict="likely_need",
        assessment={"verdict": "likely_need", "clauses": ["4.1", "4.3"], "reasons": ["committee member"]},
    )


def time_writes(repo: RequestRepository, n: int = WRITES) -> tuple[float, float]:
    """Requests created per second, and created-and-decided per second."""
    rng = random.Random(2)
    start = time.perf_counter()
    for _ in range(n):
        repo.add(new_request(rng, "bench-writes"), RequestEvent(EventKind.CREATED, NOW, "Councillor 1"))
    created = n / (time.perf_counter() - start)
    start = time.perf_counter()
    for _ in range(n):
        stored = repo.add(new_request(rng, "bench-decisions"), RequestEvent(EventKind.CREATED, NOW, "Councillor 1"))
        repo.update(
            stored.evolve(status=RequestStatus.GRANTED, decided_at=NOW, outcome="Sent by email"),
            RequestEvent(EventKind.GRANTED, NOW, stored.officer, "Sent by email"),
        )
    decided = n / (time.perf_counter() - start)
    return created, decided


def stored_rows(n: int = STORED, seed: int = 1) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """``n`` request rows of :data:`COUNCIL` (numbers 1…n) and a CREATED event row for each."""
    rng = random.Random(seed)
    statuses = list(RequestStatus)
    old = [_OLD_WEIGHTS[s] for s in statuses]
    recent = [_RECENT_WEIGHTS[s] for s in statuses]
    for number in range(1, n + 1):
        age = timedelta(days=3 * 365 * (n - number) / n, minutes=rng.randrange(600))
        created = NOW - age
        status = rng.choices(statuses, recent if age.days < RECENT_DAYS else old)[0]
        due = created.date() + timedelta(days=rng.randrange(10, 30))
        request = {
            "id": number, "council": COUNCIL, "number": number, "version": 1,
            "requester": rng.choice(REQUESTERS), "officer": rng.choice(OFFICERS),
            "documents": f"Papers for item {number}", "purpose": "For the committee meeting",
            "committee": rng.choice(("planning", "finance", None)),
            "constituent": rng.random() < 0.2, "personal_data": rng.random() < 0.1, "confidential": False,
            "status": status.value, "verdict": "likely_need", "assessment": {"verdict": "likely_need"},
            "created_at": created, "acknowledge_by": created.date() + timedelta(days=2), "due": due,
            "paused_at": created if status is RequestStatus.AWAITING_CLARIFICATION else None, "extended": False,
            "decided_at": created + timedelta(days=5) if status in CLOSED_STATUSES else None,
            "outcome": "Sent" if status in CLOSED_STATUSES else None,
            "ack_reminded": False, "reminded": False, "escalated": False, "updated_at": created,
        }
        event = {"request_id": number, "kind": "created", "at": created, "actor": request["requester"],
                 "detail": "", "data": {}}
        yield request, event


def bulk_load(engine: Engine, n: int = STORED) -> float:
    """Store ``n`` requests of :data:`COUNCIL` without going through ``add``; return the seconds taken."""
    start = time.perf_counter()
    rows = list(stored_rows(n))
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            _copy(connection, rows)
        else:
            for i in range(0, n, 10_000):
                chunk = rows[i:i + 10_000]
                connection.execute(insert(RequestRow), [r for r, _ in chunk])
                connection.execute(insert(RequestEventRow), [e for _, e in chunk])
        connection.execute(insert(CouncilSequence).values(council=COUNCIL, name=SEQUENCE, next_value=n + 1))
        if engine.dialect.name == "postgresql":
            # What autovacuum does within a minute of a load this size; SQLite gets no statistics, as in use.
            connection.execute(text("ANALYZE information_requests, request_events"))
    return time.perf_counter() - start


def _copy(connection: Connection, rows: list[tuple[dict[str, Any], dict[str, Any]]]) -> None:
    from psycopg.types.json import Json

    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    for table, index in (("information_requests", 0), ("request_events", 1)):
        columns = list(rows[0][index])
        with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for pair in rows:
                copy.write_row([Json(v) if isinstance(v, dict) else v for v in pair[index].values()])
    cursor.execute(
        "SELECT setval(pg_get_serial_sequence('information_requests', 'id'), "
        "(SELECT max(id) FROM information_requests))"
    )
    cursor.close()


def time_query(run: Callable[[], object], runs: int = QUERY_RUNS) -> list[float]:
    """Milliseconds per call of ``run``, sorted, after a few warm-up calls."""
    for _ in range(5):
        run()
    times = []
    for _ in range(runs):
        start = time.perf_counter_ns()
        run()
        times.append((time.perf_counter_ns() - start) / 1e6)
    return sorted(times)


def review_queries(repo: RequestRepository) -> list[tuple[str, Callable[[], object]]]:
    """The clerk's review queries, officers taken in turn; then the whole review as people get it."""
    officers = iter(OFFICERS * (QUERY_RUNS + 10))
    council = Council(name="Bench Town Council", protocol_path=Path("unused"), key=COUNCIL,
                      people=(Person("The Clerk", Role.CLERK), *(Person(o, Role.OFFICER) for o in OFFICERS)))
    review = RequestReview(council, repo, WorkingCalendar("england"), lambda: NOW)
    staff = iter(council.people[1:] * (QUERY_RUNS + 10))
    return [
        ("clerk's review, overdue", lambda: review.review(council.clerk, "overdue")),
        ("clerk's review, open", lambda: review.review(council.clerk, "open")),
        ("officer's review, open", lambda: review.review(next(staff), "open")),
        ("officer's open, first 50", lambda: repo.find(COUNCIL, open_only=True, officer=next(officers), limit=50)),
        ("open count", lambda: repo.count(COUNCIL, open_only=True)),
        ("overdue, first 50", lambda: repo.find(COUNCIL, open_only=True, due_before=TODAY, limit=50)),
        ("overdue count", lambda: repo.count(COUNCIL, open_only=True, due_before=TODAY)),
    ]


def run_on(name: str, engine: Engine) -> bool:
    """Print the figures for one database; True when every query meets the target."""
    upgrade(engine)
    repo = RequestRepository(engine)
    loaded = bulk_load(engine)
    print(f"{name}: {STORED:,} requests (and their CREATED events) bulk-loaded in {loaded:.1f} s")
    created, decided = time_writes(repo)
    print(f"{name}: {created:,.0f} requests created/s, {decided:,.0f} created+decided/s ({WRITES} each)")
    sizes = (repo.count(COUNCIL, open_only=True), repo.count(COUNCIL, open_only=True, due_before=TODAY))
    print(f"{name}: {sizes[0]:,} open, {sizes[1]:,} overdue; {QUERY_RUNS} runs per query, times in ms")
    ok = True
    for label, run in review_queries(repo):
        times = time_query(run)
        p99 = percentile(times, 99)
        ok &= p99 < TARGET_P99_MS
        print(f"  {name:10} {label:26} median {statistics.median(times):7.2f}  p99 {p99:7.2f}  max {times[-1]:7.2f}")
    return ok


def main() -> bool:
    """Print the figures on SQLite and PostgreSQL; True when every query meets the target."""
    ok = all(on_each_database(run_on))
    verdict = "PASS" if ok else "FAIL"
    print(f"\nrequest store: {verdict} (target p99 < {TARGET_P99_MS:g} ms per review query, {STORED:,} requests)")
    return ok


if __name__ == "__main__":
    print(heading("Request store"))
    main()
