"""Reminders and escalations of information requests, worked out from the database.

``run()`` is called by a scheduler (inside the bot process on Slack and Discord; by
``:time`` in the console). Due times come from stored requests, never from memory,
so a restart loses nothing; each notice is marked on the request in the same
transaction as its event, so it is sent once even with several processes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from protocol.request_deadlines import due_notices
from protocol.requests import BOT_ACTOR, EventKind, InformationRequest, RequestEvent
from protocol.working_days import WorkingCalendar
from storage.errors import ConflictError, StorageUnavailable

from bot.clock import Clock, show_date, uk_date
from bot.council import Council, Person
from bot.replies import Button, Reply
from bot.request_desk import SHOW
from bot.request_text import timing

_FLAG = {EventKind.ACK_REMINDER: "ack_reminded", EventKind.REMINDED: "reminded", EventKind.ESCALATED: "escalated"}


class ReminderStore(Protocol):
    """What reminders need of storage."""

    def open_requests(self, council: str) -> list[InformationRequest]: ...

    def update(self, request: InformationRequest, *events: RequestEvent) -> InformationRequest: ...


@dataclass
class RequestReminders:
    """Works out and records the reminders and escalations due now."""

    council: Council
    store: ReminderStore
    calendar: WorkingCalendar
    clock: Clock

    def run(self) -> list[Reply]:
        """The DMs due now; each is recorded before it is returned."""
        now = self.clock()
        today = uk_date(now)
        try:
            requests = self.store.open_requests(self.council.key)
        except StorageUnavailable:
            return []  # the next run tries again; nothing is marked as sent
        replies: list[Reply] = []
        for request in requests:
            kinds = due_notices(request, today, self.calendar, self.council.requests)
            if not kinds:
                continue
            flags = {_FLAG[k]: True for k in kinds}
            events = [RequestEvent(k, now, BOT_ACTOR, self._why(k, request), request_id=request.id) for k in kinds]
            try:
                stored = self.store.update(request.evolve(**flags), *events)
            except (ConflictError, StorageUnavailable):
                continue  # changed meanwhile, or the database is down: the next run decides again
            for kind in kinds:
                replies += self._notices(kind, stored, today)
        return replies

    def escalation_target(self, request: InformationRequest) -> Person | None:
        """Who is told when a request is overdue: the Clerk, or the Chair when the Clerk is overdue."""
        clerk = self.council.clerk
        if request.officer != clerk.name:
            return clerk
        return self.council.chair or self.council.vice_chair

    def _why(self, kind: EventKind, request: InformationRequest) -> str:
        if kind is EventKind.ACK_REMINDER:
            return f"not acknowledged by {show_date(request.acknowledge_by)}"
        if kind is EventKind.REMINDED:
            return f"due {show_date(request.due)}"
        target = self.escalation_target(request)
        return f"overdue since {show_date(request.due)}; told {target.name if target else 'no one (no Chair)'}"

    def _notices(self, kind: EventKind, request: InformationRequest, today: date) -> list[Reply]:
        officer = self.council.person(request.officer)
        requester = self.council.person(request.requester)
        when = timing(request, today, self.calendar)
        open_it = (Button(f"Open {request.ref}", SHOW, str(request.number)),)
        out: list[Reply] = []
        if kind is EventKind.ACK_REMINDER and officer is not None:
            out.append(Reply.dm(officer, f"Reminder: please acknowledge {request.ref} from Cllr {request.requester} "
                                         f"(it was due to be acknowledged by {show_date(request.acknowledge_by)}); "
                                         f"{when}.", buttons=open_it))
        elif kind is EventKind.REMINDED and officer is not None:
            out.append(Reply.dm(officer, f"Reminder: {request.ref} from Cllr {request.requester} is {when}.",
                                buttons=open_it))
        elif kind is EventKind.ESCALATED:
            target = self.escalation_target(request)
            if target is not None:
                out.append(Reply.dm(target, f"Overdue: {request.ref} from Cllr {request.requester}, handled by "
                                            f"{request.officer}, was due {show_date(request.due)} and has not been "
                                            "answered. You are told as the one who oversees it.", buttons=open_it))
            if officer is not None and officer != target:
                out.append(Reply.dm(officer, f"{request.ref} is now overdue (due {show_date(request.due)}); "
                                             f"{target.name if target else 'the Clerk'} has been told.",
                                    buttons=open_it))
            if requester is not None:
                out.append(Reply.dm(requester, f"Your request {request.ref} was due {show_date(request.due)} and "
                                               "has not been answered yet. It has been raised with "
                                               f"{target.name if target else 'the Clerk'}."))
        return out
