"""Deadlines of information requests: working days, the stopped clock, and which notices are due."""

from __future__ import annotations

from datetime import UTC, date, datetime

from protocol.request_deadlines import days_left, due_notices, first_deadlines, is_overdue, resumed_due
from protocol.requests import EventKind, InformationRequest, RequestStatus, ResponseTargets, allowed_actions, Action
from protocol.working_days import WorkingCalendar

ENGLAND = WorkingCalendar("england")
TARGETS = ResponseTargets()


def request(**changes: object) -> InformationRequest:
    base = InformationRequest(council="c", requester="A", officer="B", documents="d", purpose="p",
                              created_at=datetime(2026, 12, 7, 10, tzinfo=UTC), acknowledge_by=date(2026, 12, 8),
                              due=date(2026, 12, 21))
    return base.evolve(**changes)


def test_first_deadlines_skip_weekends_and_bank_holidays() -> None:
    assert first_deadlines(date(2026, 12, 7), ENGLAND, TARGETS) == (date(2026, 12, 8), date(2026, 12, 21))
    # Received on Friday 18 December: Christmas Day, the Boxing Day substitute and New Year's Day don't count.
    assert first_deadlines(date(2026, 12, 18), ENGLAND, TARGETS) == (date(2026, 12, 21), date(2027, 1, 6))
    # Scotland also keeps 2 January (a Saturday in 2027, so Monday 4 January is its substitute).
    assert first_deadlines(date(2026, 12, 18), WorkingCalendar("scotland"), TARGETS)[1] == date(2027, 1, 7)


def test_a_stopped_clock_moves_the_deadline_by_the_working_days_stopped() -> None:
    assert resumed_due(date(2026, 12, 21), date(2026, 12, 7), date(2026, 12, 10), ENGLAND) == date(2026, 12, 24)
    assert resumed_due(date(2026, 12, 21), date(2026, 12, 7), date(2026, 12, 7), ENGLAND) == date(2026, 12, 21)


def test_days_left_and_overdue() -> None:
    assert days_left(date(2026, 12, 21), date(2026, 12, 17), ENGLAND) == 2
    assert days_left(date(2026, 12, 21), date(2026, 12, 21), ENGLAND) == 0
    assert days_left(date(2026, 12, 21), date(2026, 12, 23), ENGLAND) == -2
    assert is_overdue(request(), date(2026, 12, 22))
    assert not is_overdue(request(status=RequestStatus.AWAITING_CLARIFICATION), date(2026, 12, 22))
    assert not is_overdue(request(status=RequestStatus.GRANTED), date(2026, 12, 22))


def test_which_notices_are_due() -> None:
    assert due_notices(request(), date(2026, 12, 8), ENGLAND, TARGETS) == []
    assert due_notices(request(), date(2026, 12, 9), ENGLAND, TARGETS) == [EventKind.ACK_REMINDER]
    assert due_notices(request(ack_reminded=True), date(2026, 12, 9), ENGLAND, TARGETS) == []
    acknowledged = request(status=RequestStatus.ACKNOWLEDGED)
    assert due_notices(acknowledged, date(2026, 12, 16), ENGLAND, TARGETS) == []
    assert due_notices(acknowledged, date(2026, 12, 17), ENGLAND, TARGETS) == [EventKind.REMINDED]
    assert due_notices(acknowledged.evolve(extended=True), date(2026, 12, 17), ENGLAND, TARGETS) == []
    assert due_notices(acknowledged, date(2026, 12, 22), ENGLAND, TARGETS) == [EventKind.ESCALATED]
    assert due_notices(acknowledged.evolve(escalated=True), date(2026, 12, 22), ENGLAND, TARGETS) == []
    paused = request(status=RequestStatus.AWAITING_CLARIFICATION)
    assert due_notices(paused, date(2027, 1, 22), ENGLAND, TARGETS) == []


def test_allowed_actions_follow_the_status() -> None:
    assert Action.ACKNOWLEDGE in allowed_actions(RequestStatus.OPEN)
    assert Action.ACKNOWLEDGE not in allowed_actions(RequestStatus.ACKNOWLEDGED)
    assert Action.ANSWER in allowed_actions(RequestStatus.AWAITING_CLARIFICATION)
    assert Action.CLARIFY not in allowed_actions(RequestStatus.AWAITING_CLARIFICATION)
    assert allowed_actions(RequestStatus.REFUSED) == ()
