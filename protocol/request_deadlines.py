"""Deadlines of information requests, in working days, and what is due when.

All dates are the council's local dates. The clock stops while a request waits for
the councillor's clarification: when they answer, the deadline moves on by the
working days it was stopped. An agreed extension sets a new deadline and silences
the reminder before it (the officer has said when they will answer).
"""

from __future__ import annotations

from datetime import date

from protocol.requests import EventKind, InformationRequest, RequestStatus, ResponseTargets
from protocol.working_days import WorkingCalendar


def first_deadlines(received: date, calendar: WorkingCalendar, targets: ResponseTargets) -> tuple[date, date]:
    """(acknowledge by, answer by) for a request received on ``received``."""
    return (calendar.add_working_days(received, targets.acknowledge_days),
            calendar.add_working_days(received, targets.answer_days))


def resumed_due(due: date, paused_on: date, resumed_on: date, calendar: WorkingCalendar) -> date:
    """The deadline after a pause from ``paused_on`` to ``resumed_on`` (the clock was stopped)."""
    return calendar.add_working_days(due, calendar.working_days_between(paused_on, resumed_on))


def days_waiting(received: date, today: date, calendar: WorkingCalendar) -> int:
    """Working days since the request was received."""
    return calendar.working_days_between(received, today)


def days_left(due: date, today: date, calendar: WorkingCalendar) -> int:
    """Working days until ``due`` (0 on the day; negative once it has passed)."""
    if today <= due:
        return calendar.working_days_between(today, due)
    return -calendar.working_days_between(due, today) or -1


def is_overdue(request: InformationRequest, today: date) -> bool:
    """True if an open request, not waiting for clarification, is past its deadline."""
    return not request.status.is_closed and not request.is_paused and today > request.due


def due_notices(request: InformationRequest, today: date, calendar: WorkingCalendar,
                targets: ResponseTargets) -> list[EventKind]:
    """The reminders and escalations due for ``request`` today that have not been sent.

    At most one of each kind is ever due: ``ACK_REMINDER`` once the acknowledgement
    date has passed without one; ``REMINDED`` within ``remind_days_before`` working
    days of the deadline (not within an agreed extension); ``ESCALATED`` once the
    deadline has passed. Nothing while the clock is stopped or after it is closed.
    """
    if request.status.is_closed or request.is_paused:
        return []
    due: list[EventKind] = []
    if request.status is RequestStatus.OPEN and today > request.acknowledge_by and not request.ack_reminded:
        due.append(EventKind.ACK_REMINDER)
    if today > request.due:
        if not request.escalated:
            due.append(EventKind.ESCALATED)
    elif (not request.extended and not request.reminded
          and days_left(request.due, today, calendar) <= targets.remind_days_before):
        due.append(EventKind.REMINDED)
    return due
