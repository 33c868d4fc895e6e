"""RequestRepository: round trips, numbering, locking, queries, export and all-or-nothing writes."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from sqlalchemy import Engine, event, func, select

from protocol.requests import EventKind, RequestStatus
from storage.errors import ConflictError, NotFound, StorageUnavailable
from storage.request_repository import RequestRepository
from storage.tables import CouncilSequence, RequestEventRow, RequestRow
from tests.storage.conftest import Clock
from tests.storage.records import ASHBOURNE, BROOKFIELD, T0, created, request
from tests.storage.records import event as make_event


def test_every_field_round_trips(repo: RequestRepository) -> None:
    bst = timezone(timedelta(hours=1))
    original = request(
        committee="planning",
        constituent=True,
        personal_data=True,
        confidential=True,
        status=RequestStatus.AWAITING_CLARIFICATION,
        verdict="likely_need",
        assessment={"verdict": "likely_need", "clauses": ["4.1", "4.2"], "score": 0.75, "note": "Café – ok", "n": None},
        created_at=datetime(2025, 6, 2, 9, 15, 30, 123456, tzinfo=bst),
        acknowledge_by=date(2025, 6, 4),
        due=date(2025, 6, 16),
        paused_at=datetime(2025, 6, 3, 23, 30, tzinfo=bst),
        extended=True,
        decided_at=datetime(2025, 6, 5, 12, 0, tzinfo=UTC),
        outcome="Sent by email",
        ack_reminded=True,
        reminded=True,
        escalated=True,
    )
    stored = repo.add(original, created(original.created_at))
    assert stored.id is not None and stored.number == 1 and stored.version == 1
    assert stored.updated_at == T0
    fetched = repo.get(BROOKFIELD, 1)
    assert fetched == stored
    assert fetched == original.evolve(id=stored.id, number=1, version=1, updated_at=T0)
    for moment in (fetched.created_at, fetched.paused_at, fetched.decided_at, fetched.updated_at):
        assert moment is not None and moment.tzinfo is UTC
    assert fetched.created_at == datetime(2025, 6, 2, 8, 15, 30, 123456, tzinfo=UTC)
    assert fetched.paused_at == datetime(2025, 6, 3, 22, 30, tzinfo=UTC)  # the UTC date differs from BST's
    assert isinstance(fetched.status, RequestStatus)
    assert repo.get_by_id(BROOKFIELD, stored.id) == stored


def test_defaults_round_trip(repo: RequestRepository) -> None:
    stored = repo.add(request(), created())
    fetched = repo.get(BROOKFIELD, stored.number)
    assert fetched == stored
    assert (fetched.committee, fetched.paused_at, fetched.decided_at, fetched.outcome) == (None, None, None, None)
    assert fetched.assessment == {} and fetched.status is RequestStatus.OPEN


def test_events_round_trip_in_order(repo: RequestRepository, clock: Clock) -> None:
    stored = repo.add(request(), created())
    clock.now = T0 + timedelta(hours=1)
    later = [
        make_event(EventKind.ACKNOWLEDGED, 5),
        make_event(EventKind.CLARIFICATION_ASKED, 10, detail="Which meeting?"),
        make_event(EventKind.REASSIGNED, 10, data={"from": "Nadia Kowalski", "to": "Robert Hale", "n": [1, 2]}),
    ]
    stored = repo.update(stored.evolve(status=RequestStatus.AWAITING_CLARIFICATION), *later[:2])
    repo.update(stored.evolve(officer="Robert Hale"), later[2])
    history = repo.history(BROOKFIELD, stored.number)
    assert [e.kind for e in history] == [EventKind.CREATED, EventKind.ACKNOWLEDGED,
                                         EventKind.CLARIFICATION_ASKED, EventKind.REASSIGNED]
    assert history[1:] == [replace(e, request_id=stored.id, id=h.id) for e, h in zip(later, history[1:], strict=True)]
    assert all(e.request_id == stored.id and e.at.tzinfo is UTC for e in history)
    assert history[3].data == {"from": "Nadia Kowalski", "to": "Robert Hale", "n": [1, 2]}
    assert len({e.id for e in history}) == 4


def test_history_is_in_time_order_even_if_recorded_out_of_order(repo: RequestRepository) -> None:
    stored = repo.add(request(), created())
    stored = repo.update(stored, make_event(EventKind.REMINDED, 30))
    repo.update(stored, make_event(EventKind.ACKNOWLEDGED, 20))
    assert [e.kind for e in repo.history(BROOKFIELD, 1)] == [
        EventKind.CREATED, EventKind.ACKNOWLEDGED, EventKind.REMINDED]


def test_numbers_are_per_council(repo: RequestRepository) -> None:
    numbers = [(c, repo.add(request(c), created()).number) for c in (BROOKFIELD, ASHBOURNE, BROOKFIELD, ASHBOURNE,
                                                                    BROOKFIELD)]
    assert numbers == [(BROOKFIELD, 1), (ASHBOURNE, 1), (BROOKFIELD, 2), (ASHBOURNE, 2), (BROOKFIELD, 3)]
    assert repo.get(ASHBOURNE, 2).council == ASHBOURNE
    assert repo.get(ASHBOURNE, 3) is None


def test_add_refuses_a_stored_request(repo: RequestRepository) -> None:
    stored = repo.add(request(), created())
    with pytest.raises(ValueError, match="already stored"):
        repo.add(stored, created())


def test_concurrent_adds_get_unique_numbers(engine: Engine) -> None:
    repo = RequestRepository(engine)
    numbers: list[int] = []
    errors: list[BaseException] = []
    lock = threading.Lock()
    start = threading.Barrier(2)

    def add_many() -> None:
        try:
            start.wait()
            for _ in range(50):
                stored = repo.add(request(), created())
                with lock:
                    numbers.append(stored.number)
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=add_many) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(numbers) == list(range(1, 101))
    assert repo.count(BROOKFIELD) == 100


def test_update_bumps_version_and_updated_at(repo: RequestRepository, clock: Clock) -> None:
    stored = repo.add(request(), created())
    clock.now = T0 + timedelta(days=1)
    decided = repo.update(
        stored.evolve(status=RequestStatus.GRANTED, decided_at=clock.now, outcome="Sent"),
        make_event(EventKind.GRANTED, 60 * 24, detail="Sent"),
    )
    assert decided.version == 2 and decided.updated_at == clock.now
    assert decided == repo.get(BROOKFIELD, 1)
    assert (decided.status, decided.outcome, decided.decided_at) == (RequestStatus.GRANTED, "Sent", clock.now)
    assert decided.created_at == T0 and decided.number == 1 and decided.id == stored.id


def test_update_of_a_stale_copy_is_a_conflict(repo: RequestRepository) -> None:
    stored = repo.add(request(), created())
    first = repo.update(stored.evolve(status=RequestStatus.ACKNOWLEDGED), make_event(EventKind.ACKNOWLEDGED, 1))
    with pytest.raises(ConflictError, match="R-1 was changed by someone else"):
        repo.update(stored.evolve(status=RequestStatus.REFUSED), make_event(EventKind.REFUSED, 2))
    assert repo.get(BROOKFIELD, 1) == first
    assert [e.kind for e in repo.history(BROOKFIELD, 1)] == [EventKind.CREATED, EventKind.ACKNOWLEDGED]


def test_concurrent_updates_of_one_version_let_one_win(engine: Engine) -> None:
    repo = RequestRepository(engine)
    stored = repo.add(request(), created())
    outcomes: list[str] = []
    start = threading.Barrier(4)

    def decide(status: RequestStatus) -> None:
        start.wait()
        try:
            repo.update(stored.evolve(status=status), make_event(EventKind(status.value), 1))
            outcomes.append("stored")
        except ConflictError:
            outcomes.append("conflict")

    statuses = (RequestStatus.GRANTED, RequestStatus.REFUSED, RequestStatus.PARTLY_GRANTED, RequestStatus.WITHDRAWN)
    threads = [threading.Thread(target=decide, args=(s,)) for s in statuses]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["conflict"] * 3 + ["stored"]
    assert repo.get(BROOKFIELD, 1).version == 2
    assert len(repo.history(BROOKFIELD, 1)) == 2


def test_update_of_an_unknown_request_is_not_found(repo: RequestRepository) -> None:
    stored = repo.add(request(), created())
    with pytest.raises(NotFound):
        repo.update(stored.evolve(id=stored.id + 1000))
    with pytest.raises(ValueError, match="not stored"):
        repo.update(request())


def _row_counts(engine: Engine) -> tuple[int, int, int]:
    with engine.connect() as connection:
        return tuple(  # type: ignore[return-value]
            connection.execute(select(func.count()).select_from(table)).scalar_one()
            for table in (RequestRow, RequestEventRow, CouncilSequence)
        )


def _fail_event_inserts(engine: Engine) -> Callable[..., None]:
    """Make every INSERT into request_events fail as a broken database would; return the listener."""
    error = engine.dialect.loaded_dbapi.OperationalError

    @event.listens_for(engine, "before_cursor_execute")
    def _fail(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith("INSERT INTO REQUEST_EVENTS"):
            raise error("simulated failure: disk I/O error")

    return _fail


def test_add_stores_nothing_when_the_event_insert_fails(engine: Engine) -> None:
    repo = RequestRepository(engine)
    listener = _fail_event_inserts(engine)
    with pytest.raises(StorageUnavailable, match="simulated failure"):
        repo.add(request(), created())
    assert _row_counts(engine) == (0, 0, 0)
    event.remove(engine, "before_cursor_execute", listener)
    assert repo.add(request(), created()).number == 1  # the failed add used no number


def test_update_stores_nothing_when_an_event_insert_fails(engine: Engine) -> None:
    repo = RequestRepository(engine)
    stored = repo.add(request(), created())
    _fail_event_inserts(engine)
    with pytest.raises(StorageUnavailable):
        repo.update(stored.evolve(status=RequestStatus.GRANTED), make_event(EventKind.GRANTED, 5))
    assert repo.get(BROOKFIELD, 1) == stored
    assert _row_counts(engine) == (1, 1, 1)


def test_a_naive_datetime_is_refused(repo: RequestRepository) -> None:
    with pytest.raises(ValueError, match="naive datetime"):
        repo.add(request(created_at=datetime(2025, 3, 3, 9, 30)), created())
    assert repo.count(BROOKFIELD) == 0


@pytest.fixture
def stocked(repo: RequestRepository) -> RequestRepository:
    """Six Brookfield requests (and an Ashbourne twin of each) in assorted states."""
    rows = [
        # requester, officer, status, due
        ("Priya Nair", "Nadia Kowalski", RequestStatus.OPEN, date(2025, 3, 20)),
        ("Priya Nair", "Robert Hale", RequestStatus.ACKNOWLEDGED, date(2025, 3, 10)),
        ("Grace Adeyemi", "Robert Hale", RequestStatus.AWAITING_CLARIFICATION, date(2025, 3, 12)),
        ("Grace Adeyemi", "Nadia Kowalski", RequestStatus.GRANTED, date(2025, 3, 1)),
        ("Priya Nair", "Robert Hale", RequestStatus.REFUSED, date(2025, 3, 10)),
        ("Grace Adeyemi", "Robert Hale", RequestStatus.OPEN, date(2025, 3, 10)),
    ]
    for council in (BROOKFIELD, ASHBOURNE):
        for requester, officer, status, due in rows:
            repo.add(request(council, requester=requester, officer=officer, status=status, due=due), created())
    return repo


def _numbers(found: list) -> list[int]:
    return [r.number for r in found]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, [4, 2, 5, 6, 3, 1]),  # by due date, then number
        ({"requester": "Priya Nair"}, [2, 5, 1]),
        ({"officer": "Robert Hale"}, [2, 5, 6, 3]),
        ({"open_only": True}, [2, 6, 3, 1]),
        ({"open_only": True, "officer": "Robert Hale"}, [2, 6, 3]),
        ({"statuses": [RequestStatus.OPEN]}, [6, 1]),
        ({"statuses": [RequestStatus.GRANTED, RequestStatus.REFUSED]}, [4, 5]),
        ({"statuses": [RequestStatus.GRANTED, RequestStatus.OPEN], "open_only": True}, [6, 1]),
        ({"statuses": []}, []),
        ({"due_before": date(2025, 3, 12)}, [4, 2, 5, 6]),
        ({"due_before": date(2025, 3, 12), "open_only": True}, [2, 6]),
        ({"requester": "Grace Adeyemi", "officer": "Robert Hale", "open_only": True}, [6, 3]),
        ({"requester": "Nobody"}, []),
    ],
)
def test_find_and_count_filter_alike(stocked: RequestRepository, filters: dict, expected: list[int]) -> None:
    assert _numbers(stocked.find(BROOKFIELD, **filters)) == expected
    assert stocked.count(BROOKFIELD, **filters) == len(expected)


def test_find_pages_with_limit_and_offset(stocked: RequestRepository) -> None:
    assert _numbers(stocked.find(BROOKFIELD, limit=2)) == [4, 2]
    assert _numbers(stocked.find(BROOKFIELD, limit=2, offset=2)) == [5, 6]
    assert _numbers(stocked.find(BROOKFIELD, offset=4)) == [3, 1]
    assert stocked.find(BROOKFIELD, limit=5, offset=10) == []


def test_open_requests_leaves_out_closed_ones(stocked: RequestRepository) -> None:
    found = stocked.open_requests(BROOKFIELD)
    assert _numbers(found) == [2, 6, 3, 1]
    assert all(not r.status.is_closed and r.council == BROOKFIELD for r in found)


def test_export_gives_every_request_with_its_history_in_number_order(stocked: RequestRepository) -> None:
    first = stocked.get(BROOKFIELD, 2)
    stocked.update(first.evolve(status=RequestStatus.GRANTED), make_event(EventKind.GRANTED, 5, detail="Sent"))
    exported = list(stocked.export(BROOKFIELD, batch=4))  # two batches: 4 + 2
    assert [r.number for r, _ in exported] == [1, 2, 3, 4, 5, 6]
    assert all(r.council == BROOKFIELD for r, _ in exported)
    assert [[e.kind for e in events] for _, events in exported] == (
        [[EventKind.CREATED]] + [[EventKind.CREATED, EventKind.GRANTED]] + [[EventKind.CREATED]] * 4)
    assert exported[1] == (stocked.get(BROOKFIELD, 2), stocked.history(BROOKFIELD, 2))


def test_export_of_a_council_with_no_requests_is_empty(repo: RequestRepository) -> None:
    assert list(repo.export(BROOKFIELD)) == []


def test_no_council_sees_another_councils_requests(stocked: RequestRepository) -> None:
    mine = stocked.get(BROOKFIELD, 1)
    theirs = stocked.get(ASHBOURNE, 1)
    assert mine.id != theirs.id and mine.council == BROOKFIELD and theirs.council == ASHBOURNE
    other = "wonderland"

    assert stocked.get(other, 1) is None
    assert stocked.get_by_id(ASHBOURNE, mine.id) is None
    assert stocked.get_by_id(BROOKFIELD, theirs.id) is None
    assert stocked.history(other, 1) == []
    assert all(e.request_id == theirs.id for e in stocked.history(ASHBOURNE, 1))
    assert stocked.find(other) == [] and stocked.count(other) == 0
    assert stocked.open_requests(other) == [] and list(stocked.export(other)) == []
    for council in (BROOKFIELD, ASHBOURNE):
        assert {r.council for r in stocked.find(council)} == {council}
        assert {r.council for r in stocked.open_requests(council)} == {council}
        assert {r.council for r, _ in stocked.export(council)} == {council}
        assert stocked.count(council) == 6
        assert {e.request_id for _, events in stocked.export(council) for e in events} == {
            r.id for r in stocked.find(council)}

    # Another council's id cannot be updated, even with the right version.
    with pytest.raises(NotFound):
        stocked.update(theirs.evolve(council=BROOKFIELD, status=RequestStatus.WITHDRAWN))
    assert stocked.get(ASHBOURNE, 1) == theirs
    assert stocked.get(BROOKFIELD, 1) == mine
