"""``/protocol review requests [open|overdue|all]``: each person sees what is theirs.

The Clerk sees every request of the council; another officer the requests assigned
to them; a councillor their own. Counts stand at the top, overdue first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Iterable, Protocol

from protocol.requests import InformationRequest, RequestStatus
from protocol.working_days import WorkingCalendar
from storage.errors import StorageUnavailable

from bot.clock import Clock, uk_date
from bot.council import Council, Person
from bot.replies import Button, Reply
from bot.request_desk import SHOW
from bot.request_text import review_line

SCOPES = ("open", "overdue", "all")
PAGE = 20
BUTTONS = 5
RUNNING = (RequestStatus.OPEN, RequestStatus.ACKNOWLEDGED)  # the clock is running


class RequestFinder(Protocol):
    """What the review needs of storage."""

    def find(self, council: str, *, requester: str | None = None, officer: str | None = None,
             statuses: Iterable[RequestStatus] | None = None, open_only: bool = False,
             due_before: date | None = None, limit: int | None = None, offset: int = 0) -> list[InformationRequest]: ...

    def count(self, council: str, *, requester: str | None = None, officer: str | None = None,
              statuses: Iterable[RequestStatus] | None = None, open_only: bool = False,
              due_before: date | None = None) -> int: ...


@dataclass
class RequestReview:
    """Lists of requests for the person asking."""

    council: Council
    store: RequestFinder
    calendar: WorkingCalendar
    clock: Clock

    def review(self, who: Person, scope: str = "open") -> list[Reply]:
        """The requests ``who`` may see, ``open`` (default), ``overdue`` or ``all``."""
        if scope not in SCOPES:
            return [Reply.to_asker(f"'{scope}' is not a list I keep: use open, overdue or all, as in "
                                   "/protocol review requests overdue.")]
        requester, officer, whose = self._whose(who)
        today = uk_date(self.clock())
        key = self.council.key
        open_only = scope == "open"
        statuses = RUNNING if scope == "overdue" else None
        due_before = today if scope == "overdue" else None
        try:
            n_open = self.store.count(key, requester=requester, officer=officer, open_only=True)
            n_overdue = self.store.count(key, requester=requester, officer=officer, statuses=RUNNING,
                                         due_before=today)
            if scope == "all":
                total = self.store.count(key, requester=requester, officer=officer)
            else:
                total = n_open if scope == "open" else n_overdue
            found = self.store.find(key, requester=requester, officer=officer, statuses=statuses,
                                    open_only=open_only, due_before=due_before, limit=PAGE)
        except StorageUnavailable:
            return [Reply.to_asker("The bot's database is not available just now: try the review again "
                                   "in a few minutes.")]
        head = f"Information requests {whose}: {n_open} open, {n_overdue} overdue."
        if not found:
            empty = {"open": "Nothing is open.", "overdue": "Nothing is overdue.", "all": "There are none yet."}
            return [Reply.to_asker(f"{head}\n{empty[scope]}")]
        lines = [head, f"{scope.capitalize()} ({total}):"]
        lines += [f"- {review_line(r, self.council, today, self.calendar)}" for r in found]
        if total > len(found):
            lines.append(f"…and {total - len(found)} more. The Clerk can export them all with "
                         "'protocol-bot export requests'.")
        buttons = tuple(Button(f"Open {r.ref}", SHOW, str(r.number)) for r in found[:BUTTONS])
        return [Reply.to_asker("\n".join(lines), buttons=buttons)]

    def _whose(self, who: Person) -> tuple[str | None, str | None, str]:
        """(requester, officer) filters for ``who``, and how the list is titled."""
        if who == self.council.clerk:
            return None, None, f"of {self.council.name}"
        if who.is_officer:
            return None, who.name, "assigned to you"
        return who.name, None, "you have made"
