"""Information requests as plain records, and the rules of their life cycle.

A councillor's request for information or documents is routed to an officer, who
acts on it; every change is an :class:`RequestEvent`. The records here are what
``storage/`` persists and ``bot/`` shows; :func:`allowed_actions` and the
``RequestStatus`` properties say which actions make sense at each step. People are
named by their roster name (unique within a council file).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum
from typing import Any


class RequestStatus(StrEnum):
    """Where a request stands."""

    OPEN = "open"  # routed to an officer, not yet acknowledged
    ACKNOWLEDGED = "acknowledged"
    AWAITING_CLARIFICATION = "awaiting_clarification"  # the clock is stopped
    GRANTED = "granted"
    PARTLY_GRANTED = "partly_granted"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        """How the status reads in a sentence."""
        return _STATUS_LABELS[self]

    @property
    def is_closed(self) -> bool:
        """True once the request is answered, refused or withdrawn."""
        return self in CLOSED_STATUSES


_STATUS_LABELS = {
    RequestStatus.OPEN: "waiting to be acknowledged",
    RequestStatus.ACKNOWLEDGED: "acknowledged",
    RequestStatus.AWAITING_CLARIFICATION: "waiting for the councillor's clarification",
    RequestStatus.GRANTED: "granted",
    RequestStatus.PARTLY_GRANTED: "granted in part",
    RequestStatus.REFUSED: "refused",
    RequestStatus.WITHDRAWN: "withdrawn",
}
CLOSED_STATUSES = frozenset(
    {RequestStatus.GRANTED, RequestStatus.PARTLY_GRANTED, RequestStatus.REFUSED, RequestStatus.WITHDRAWN}
)


class EventKind(StrEnum):
    """What happened to a request (one stored event each)."""

    CREATED = "created"
    ACKNOWLEDGED = "acknowledged"
    CLARIFICATION_ASKED = "clarification_asked"
    CLARIFIED = "clarified"
    GRANTED = "granted"
    PARTLY_GRANTED = "partly_granted"
    REFUSED = "refused"
    EXTENDED = "extended"
    REASSIGNED = "reassigned"
    WITHDRAWN = "withdrawn"
    ACK_REMINDER = "ack_reminder"  # the officer was reminded to acknowledge
    REMINDED = "reminded"  # the officer was reminded before the deadline
    ESCALATED = "escalated"  # the deadline passed; the Clerk (or Chair) was told


class Action(StrEnum):
    """What a person can do to a request."""

    ACKNOWLEDGE = "acknowledge"
    CLARIFY = "clarify"  # the officer asks the councillor a question
    ANSWER = "answer"  # the councillor answers that question
    GRANT = "grant"
    GRANT_PART = "grant_part"
    REFUSE = "refuse"
    EXTEND = "extend"
    REASSIGN = "reassign"
    WITHDRAW = "withdraw"


# Actions of the officer handling a request (the Clerk may take them too).
OFFICER_ACTIONS = (
    Action.ACKNOWLEDGE, Action.CLARIFY, Action.GRANT, Action.GRANT_PART, Action.REFUSE, Action.EXTEND,
    Action.REASSIGN,
)


def allowed_actions(status: RequestStatus) -> tuple[Action, ...]:
    """The actions that make sense for a request in ``status``, in display order."""
    if status.is_closed:
        return ()
    if status is RequestStatus.AWAITING_CLARIFICATION:
        return (Action.ANSWER, Action.GRANT, Action.GRANT_PART, Action.REFUSE, Action.REASSIGN, Action.WITHDRAW)
    actions = [a for a in OFFICER_ACTIONS if not (a is Action.ACKNOWLEDGE and status is RequestStatus.ACKNOWLEDGED)]
    return (*actions, Action.WITHDRAW)


@dataclass(frozen=True)
class ResponseTargets:
    """A council's response targets for information requests, in working days."""

    acknowledge_days: int = 1  # acknowledge by the end of the next working day
    answer_days: int = 10
    remind_days_before: int = 2  # remind the officer this many working days before the deadline


@dataclass(frozen=True)
class InformationRequest:
    """A councillor's request for information, as stored.

    ``ref`` is the number people quote (``R-12``); ``id`` is the database key,
    None until stored. Times are timezone-aware UTC; dates are the council's.
    """

    council: str  # the council's key (``Council.key``)
    requester: str
    officer: str
    documents: str
    purpose: str
    created_at: datetime
    acknowledge_by: date
    due: date
    committee: str | None = None
    constituent: bool = False
    personal_data: bool = False
    confidential: bool = False
    status: RequestStatus = RequestStatus.OPEN
    verdict: str = ""  # the assessment's verdict (protocol.need_to_know.Verdict value)
    assessment: dict[str, Any] = field(default_factory=dict)  # Assessment.to_dict()
    paused_at: datetime | None = None  # set while awaiting clarification
    extended: bool = False  # an extension was agreed: no reminders before the new due date
    decided_at: datetime | None = None
    outcome: str | None = None  # the officer's answer note or reason for refusal
    ack_reminded: bool = False
    reminded: bool = False
    escalated: bool = False
    updated_at: datetime | None = None
    id: int | None = None
    number: int | None = None  # per-council sequence number, shown as R-<number>
    version: int = 0  # bumped on every stored change (optimistic locking)

    @property
    def ref(self) -> str:
        """The reference people quote, ``R-12``."""
        return f"R-{self.number}" if self.number is not None else "R-?"

    @property
    def is_paused(self) -> bool:
        """True while the clock is stopped for a clarification."""
        return self.status is RequestStatus.AWAITING_CLARIFICATION

    def visible_to(self, name: str, clerk: str) -> bool:
        """Only the requester, the officer handling it and the Clerk may see a request."""
        return name in (self.requester, self.officer, clerk)

    def evolve(self, **changes: Any) -> InformationRequest:
        """A copy with ``changes`` applied."""
        return replace(self, **changes)


@dataclass(frozen=True)
class RequestEvent:
    """One change to a request: who did what, when, and why."""

    kind: EventKind
    at: datetime
    actor: str  # a roster name, or "protocol-bot" for reminders and escalations
    detail: str = ""  # the why: a reason, a question, an answer, a note
    data: dict[str, Any] = field(default_factory=dict)  # e.g. {"from": ..., "to": ...} for a reassignment
    request_id: int | None = None
    id: int | None = None


BOT_ACTOR = "protocol-bot"
