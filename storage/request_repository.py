"""Information requests and their events, stored; every method is scoped to one council.

Maps :class:`storage.tables.RequestRow` and :class:`storage.tables.RequestEventRow`
to the plain records of :mod:`protocol.requests`. Each method is one transaction;
database failures come out as :class:`storage.errors.StorageError` subclasses.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, Engine, RowMapping, Table, bindparam, func, insert, select, update
from sqlalchemy.sql.elements import ColumnElement

from protocol.requests import CLOSED_STATUSES, EventKind, InformationRequest, RequestEvent, RequestStatus
from storage.database import transaction
from storage.sequences import next_value
from storage.errors import ConflictError, NotFound
from storage.tables import RequestEventRow, RequestRow

SEQUENCE = "request"
EXPORT_BATCH = 500
OPEN_STATUSES = tuple(s.value for s in RequestStatus if s not in CLOSED_STATUSES)

# Core tables: plain statements are several times faster here than the ORM's unit of work.
REQUESTS: Table = RequestRow.__table__  # type: ignore[attr-defined]
EVENTS: Table = RequestEventRow.__table__  # type: ignore[attr-defined]

# Statements built once, values passed as parameters: SQLAlchemy then compiles each
# only once (building a statement around its values costs more than running it).
_INSERT_REQUEST = insert(REQUESTS).returning(REQUESTS.c.id)
_INSERT_EVENT = insert(EVENTS)
_UPDATE_REQUEST = update(REQUESTS).where(
    REQUESTS.c.id == bindparam("where_id"),
    REQUESTS.c.council == bindparam("where_council"),
    REQUESTS.c.version == bindparam("where_version"),
)  # SET: the columns named in the parameters

# Fields that update() never changes: the row's identity and its creation.
_FIXED = frozenset({"id", "council", "number", "created_at", "version", "updated_at"})
_REQUEST_FIELDS = tuple(f.name for f in dataclasses.fields(InformationRequest))
_EVENT_FIELDS = tuple(f.name for f in dataclasses.fields(RequestEvent))


def _utcnow() -> datetime:
    return datetime.now(UTC)


class RequestRepository:
    """Stores :class:`InformationRequest` records and their :class:`RequestEvent` history."""

    def __init__(self, engine: Engine, clock: Callable[[], datetime] = _utcnow) -> None:
        self.engine = engine
        self.clock = clock

    # Writing

    def add(self, request: InformationRequest, event: RequestEvent) -> InformationRequest:
        """Store a new request with its CREATED event; return it with id, per-council number and version 1."""
        if request.id is not None:
            raise ValueError(f"request {request.ref} is already stored (id {request.id}); use update()")
        values = _request_values(request)
        del values["id"]
        with transaction(self.engine, write=True) as connection:
            number = next_value(connection, request.council, SEQUENCE)
            values.update(number=number, version=1, updated_at=self.clock())
            new_id = connection.execute(_INSERT_REQUEST, values).scalar_one()
            connection.execute(_INSERT_EVENT, _event_values(event, new_id))
            stored = _get(connection, request.council, REQUESTS.c.id == new_id)
        assert stored is not None
        return stored

    def update(self, request: InformationRequest, *events: RequestEvent) -> InformationRequest:
        """Store the changed ``request`` and ``events`` if nobody changed it since it was read.

        Raises :class:`ConflictError` when the stored version is not ``request.version``
        and :class:`NotFound` when the council has no request with this id.
        """
        if request.id is None:
            raise ValueError("request is not stored yet; use add()")
        values = {k: v for k, v in _request_values(request).items() if k not in _FIXED}
        values.update(version=request.version + 1, updated_at=self.clock())
        with transaction(self.engine, write=True) as connection:
            where = {"where_id": request.id, "where_council": request.council, "where_version": request.version}
            changed = connection.execute(_UPDATE_REQUEST, {**values, **where}).rowcount
            if changed != 1:
                stored = _get(connection, request.council, REQUESTS.c.id == request.id)
                if stored is None:
                    raise NotFound(f"{request.council} has no request {request.ref} (id {request.id}).")
                raise ConflictError(
                    f"Request {stored.ref} was changed by someone else (version {stored.version}, "
                    f"not {request.version}): read it again and retry."
                )
            if events:
                connection.execute(_INSERT_EVENT, [_event_values(e, request.id) for e in events])
            stored = _get(connection, request.council, REQUESTS.c.id == request.id)
        assert stored is not None
        return stored

    # Reading

    def get(self, council: str, number: int) -> InformationRequest | None:
        """The council's request R-``number``, or None."""
        with transaction(self.engine) as connection:
            return _get(connection, council, REQUESTS.c.number == number)

    def get_by_id(self, council: str, id: int) -> InformationRequest | None:
        """The council's request with database id ``id``, or None (also when it is another council's)."""
        with transaction(self.engine) as connection:
            return _get(connection, council, REQUESTS.c.id == id)

    def history(self, council: str, number: int) -> list[RequestEvent]:
        """The events of the council's request R-``number``, oldest first (empty if there is none)."""
        query = (
            select(EVENTS)
            .join(REQUESTS, REQUESTS.c.id == EVENTS.c.request_id)
            .where(REQUESTS.c.council == council, REQUESTS.c.number == number)
            .order_by(EVENTS.c.at, EVENTS.c.id)
        )
        with transaction(self.engine) as connection:
            return [_to_event(row) for row in connection.execute(query).mappings()]

    def find(
        self,
        council: str,
        *,
        requester: str | None = None,
        officer: str | None = None,
        statuses: Iterable[RequestStatus] | None = None,
        open_only: bool = False,
        due_before: date | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[InformationRequest]:
        """The council's requests that match every filter given, by due date then number.

        ``due_before`` keeps requests due strictly before that date (overdue: today).
        """
        where = _filters(council, requester, officer, statuses, open_only, due_before)
        query = select(REQUESTS).where(*where).order_by(REQUESTS.c.due, REQUESTS.c.number).offset(offset)
        if limit is not None:
            query = query.limit(limit)
        with transaction(self.engine) as connection:
            return [_to_request(row) for row in connection.execute(query).mappings()]

    def count(
        self,
        council: str,
        *,
        requester: str | None = None,
        officer: str | None = None,
        statuses: Iterable[RequestStatus] | None = None,
        open_only: bool = False,
        due_before: date | None = None,
    ) -> int:
        """How many of the council's requests :meth:`find` would return with the same filters."""
        where = _filters(council, requester, officer, statuses, open_only, due_before)
        with transaction(self.engine) as connection:
            return connection.execute(select(func.count()).select_from(REQUESTS).where(*where)).scalar_one()

    def open_requests(self, council: str) -> list[InformationRequest]:
        """The council's requests not yet closed, by due date (for reminders and escalation)."""
        return self.find(council, open_only=True)

    def export(
        self, council: str, batch: int = EXPORT_BATCH
    ) -> Iterator[tuple[InformationRequest, list[RequestEvent]]]:
        """Every request of the council with its history, in number order, read ``batch`` requests at a time."""
        after = 0
        while True:
            with transaction(self.engine) as connection:
                requests = [
                    _to_request(row)
                    for row in connection.execute(
                        select(REQUESTS)
                        .where(REQUESTS.c.council == council, REQUESTS.c.number > after)
                        .order_by(REQUESTS.c.number)
                        .limit(batch)
                    ).mappings()
                ]
                if not requests:
                    return
                events: dict[int | None, list[RequestEvent]] = {r.id: [] for r in requests}
                for row in connection.execute(
                    select(EVENTS).where(EVENTS.c.request_id.in_(events)).order_by(EVENTS.c.at, EVENTS.c.id)
                ).mappings():
                    events[row["request_id"]].append(_to_event(row))
            yield from ((r, events[r.id]) for r in requests)
            after = requests[-1].number or 0


def _filters(
    council: str,
    requester: str | None,
    officer: str | None,
    statuses: Iterable[RequestStatus] | None,
    open_only: bool,
    due_before: date | None,
) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = [REQUESTS.c.council == council]
    if requester is not None:
        where.append(REQUESTS.c.requester == requester)
    if officer is not None:
        where.append(REQUESTS.c.officer == officer)
    wanted: set[str] | None = None
    if statuses is not None:
        wanted = {RequestStatus(s).value for s in statuses}
    if open_only:
        wanted = set(OPEN_STATUSES) if wanted is None else wanted & set(OPEN_STATUSES)
    if wanted is not None:
        # Listing the statuses (not "NOT IN closed") lets the (council, status) indexes serve the query.
        where.append(REQUESTS.c.status.in_(sorted(wanted)))
    if due_before is not None:
        where.append(REQUESTS.c.due < due_before)
    return where


def _get(connection: Connection, council: str, which: ColumnElement[bool]) -> InformationRequest | None:
    row = connection.execute(select(REQUESTS).where(REQUESTS.c.council == council, which)).mappings().first()
    return _to_request(row) if row is not None else None


def _request_values(request: InformationRequest) -> dict[str, Any]:
    values = {name: getattr(request, name) for name in _REQUEST_FIELDS}
    values["status"] = RequestStatus(request.status).value
    return values


def _event_values(event: RequestEvent, request_id: int | None) -> dict[str, Any]:
    values = {name: getattr(event, name) for name in _EVENT_FIELDS if name != "id"}
    values.update(request_id=request_id, kind=EventKind(event.kind).value)
    return values


def _to_request(row: RowMapping) -> InformationRequest:
    values = {name: row[name] for name in _REQUEST_FIELDS}
    values["status"] = RequestStatus(values["status"])
    return InformationRequest(**values)


def _to_event(row: RowMapping) -> RequestEvent:
    values = {name: row[name] for name in _EVENT_FIELDS}
    values["kind"] = EventKind(values["kind"])
    return RequestEvent(**values)
