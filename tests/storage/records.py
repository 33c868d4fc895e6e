"""Builders of the plain records the storage tests store."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from protocol.requests import EventKind, InformationRequest, RequestEvent

BROOKFIELD = "brookfield"
ASHBOURNE = "ashbourne"
T0 = datetime(2025, 3, 3, 9, 30, tzinfo=UTC)


def request(council: str = BROOKFIELD, **changes: Any) -> InformationRequest:
    """A new (unstored) request, with ``changes`` applied."""
    values: dict[str, Any] = {
        "council": council,
        "requester": "Priya Nair",
        "officer": "Nadia Kowalski",
        "documents": "The planning committee papers for March",
        "purpose": "I sit on the committee",
        "created_at": T0,
        "acknowledge_by": date(2025, 3, 5),
        "due": date(2025, 3, 17),
    }
    values.update(changes)
    return InformationRequest(**values)


def created(at: datetime = T0, actor: str = "Priya Nair") -> RequestEvent:
    """The CREATED event of a request."""
    return RequestEvent(EventKind.CREATED, at, actor)


def event(kind: EventKind, minutes: int, actor: str = "Nadia Kowalski", **changes: Any) -> RequestEvent:
    """An event ``minutes`` after :data:`T0`."""
    return RequestEvent(kind, T0 + timedelta(minutes=minutes), actor, **changes)
