"""How information requests read: summaries, review lines, histories.

Pure wording, so the desk (``bot.request_desk``) stays about the rules.
"""

from __future__ import annotations

from datetime import date

from protocol.request_deadlines import days_left, days_waiting, is_overdue
from protocol.requests import EventKind, InformationRequest, RequestEvent, RequestStatus
from protocol.working_days import WorkingCalendar

from bot.clock import UK, show_date, uk_date
from bot.council import Council


def yes_no(flag: bool) -> str:
    """``yes`` or ``no``."""
    return "yes" if flag else "no"


def subject(request: InformationRequest, council: Council) -> str:
    """What a request is about: its committee's name, or its matter."""
    if request.committee:
        committee = council.committee(request.committee)
        return committee.name if committee else request.committee
    return str(request.assessment.get("matter") or "")


def details(request: InformationRequest, council: Council) -> str:
    """The request as the councillor made it, one field a line."""
    lines = [f"Documents or information: {request.documents}", f"Purpose: {request.purpose}"]
    about = subject(request, council)
    if about:
        lines.append(f"{'Committee' if request.committee else 'Matter'}: {about}")
    lines.append(f"On behalf of a constituent: {yes_no(request.constituent)}; "
                 f"personal data about others: {yes_no(request.personal_data)}; "
                 f"confidential from other members: {yes_no(request.confidential)}")
    return "\n".join(lines)


def timing(request: InformationRequest, today: date, calendar: WorkingCalendar) -> str:
    """Days waiting and the date due, as every view shows them."""
    waited = days_waiting(uk_date(request.created_at), today, calendar)
    waiting = f"waiting {waited} working day{'s' if waited != 1 else ''}"
    if request.status.is_closed:
        return f"{request.status.label} after {waited} working day{'s' if waited != 1 else ''}"
    if request.is_paused:
        return f"{waiting}; clock stopped for clarification (was due {show_date(request.due)})"
    left = days_left(request.due, today, calendar)
    if is_overdue(request, today):
        return f"{waiting}; OVERDUE since {show_date(request.due)}"
    when = "today" if left == 0 else f"in {left} working day{'s' if left != 1 else ''}"
    return f"{waiting}; due {show_date(request.due)} ({when})"


def review_line(request: InformationRequest, council: Council, today: date, calendar: WorkingCalendar) -> str:
    """One line of a review list."""
    flags = " [confidential]" if request.confidential else ""
    what = _clip(request.documents, 60)
    return (f"{request.ref}{flags}: {what} | from {request.requester}, with {request.officer} | "
            f"{request.status.label} | {timing(request, today, calendar)}")


_EVENT_WORDS = {
    EventKind.CREATED: "made the request",
    EventKind.ACKNOWLEDGED: "acknowledged it",
    EventKind.CLARIFICATION_ASKED: "asked for clarification",
    EventKind.CLARIFIED: "answered the clarification",
    EventKind.GRANTED: "granted it",
    EventKind.PARTLY_GRANTED: "granted it in part",
    EventKind.REFUSED: "refused it",
    EventKind.EXTENDED: "extended the deadline",
    EventKind.REASSIGNED: "reassigned it",
    EventKind.WITHDRAWN: "withdrew it",
    EventKind.ACK_REMINDER: "reminded the officer to acknowledge it",
    EventKind.REMINDED: "reminded the officer of the deadline",
    EventKind.ESCALATED: "escalated it: the deadline passed",
}


def history_line(event: RequestEvent) -> str:
    """``Mon 7 Dec 2026 14:05 Nadia Kowalski acknowledged it``, with the why if any."""
    stamp = event.at.astimezone(UK).strftime("%H:%M")
    line = f"{show_date(uk_date(event.at))} {stamp} {event.actor} {_EVENT_WORDS.get(event.kind, event.kind.value)}"
    return f"{line}: {_clip(event.detail, 200)}" if event.detail else line


def status_sentence(request: InformationRequest) -> str:
    """Where the request stands, for the councillor."""
    if request.status is RequestStatus.AWAITING_CLARIFICATION:
        return f"{request.ref} is waiting for your clarification; the clock is stopped until you answer."
    return f"{request.ref} is {request.status.label}."


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def sentence(text: str) -> str:
    """``text`` with its first letter in capitals (and the rest as it was)."""
    return text[:1].upper() + text[1:]
