"""``/protocol review concerns [open|overdue|all]``: the concerns a person handles, and those they raised.

Nobody sees a concern they neither raised nor handle: the Clerk's list holds only
what the Clerk handles, so a concern about the Clerk never appears in it, not even
as a count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from protocol.concerns import Concern, ConcernStatus
from protocol.working_days import WorkingCalendar
from storage.errors import StorageUnavailable

from bot.clock import Clock, show_date, uk_date
from bot.concern_desk import SHOW
from bot.council import Council, Person
from bot.replies import Button, Reply

PAGE = 20
BUTTONS = 5


class ConcernLister(Protocol):
    """What the review needs of storage."""

    def find_for_handler(self, council: str, handler: str, *, open_only: bool = False, limit: int | None = None,
                         offset: int = 0) -> list[Concern]: ...

    def find_for_raiser(self, council: str, raiser: str, *, open_only: bool = False, limit: int | None = None,
                        offset: int = 0) -> list[Concern]: ...


@dataclass
class ConcernReview:
    """Lists of concerns for the person asking."""

    council: Council
    store: ConcernLister
    calendar: WorkingCalendar
    clock: Clock

    def review(self, who: Person, scope: str = "open") -> list[Reply]:
        """What ``who`` handles and what they raised: ``open`` (default), ``overdue`` or ``all``."""
        today = uk_date(self.clock())
        try:
            handled = self.store.find_for_handler(self.council.key, who.name, open_only=scope != "all")
            raised = self.store.find_for_raiser(self.council.key, who.name, open_only=scope != "all")
        except StorageUnavailable:
            return [Reply.to_asker("The bot's database is not available just now: try the review again "
                                   "in a few minutes.")]
        if scope == "overdue":
            handled = [c for c in handled if self.overdue(c, today)]
            raised = [c for c in raised if self.overdue(c, today)]
        handled.sort(key=lambda c: c.created_at)
        raised.sort(key=lambda c: c.created_at)
        lines = [self._head("Concerns you handle", handled, scope, today)]
        lines += [f"- {self.line(c, today, handler=True)}" for c in handled[:PAGE]]
        lines += self._more(handled)
        lines.append(self._head("Concerns you raised", raised, scope, today))
        lines += [f"- {self.line(c, today, handler=False)}" for c in raised[:PAGE]]
        lines += self._more(raised)
        shown = (handled[:PAGE] + raised[:PAGE])[:BUTTONS]
        return [Reply.to_asker("\n".join(lines), buttons=tuple(Button(f"Open {c.ref}", SHOW, str(c.number))
                                                               for c in shown))]

    def overdue(self, concern: Concern, today: date) -> bool:
        """A new concern not acknowledged within the council's working days."""
        if concern.status is not ConcernStatus.NEW:
            return False
        due = self.calendar.add_working_days(uk_date(concern.created_at), self.council.concern_acknowledge_days)
        return today > due

    def line(self, concern: Concern, today: date, *, handler: bool) -> str:
        """One line of a list: no text of the concern, only what it is about and where it stands."""
        opened = uk_date(concern.created_at)
        days = self.calendar.working_days_between(opened, today)
        about = concern.about or "someone or something else"
        who = f"from {concern.raiser}" if handler else f"with {', '.join(concern.handlers) or 'no one'}"
        state = concern.status.label
        if self.overdue(concern, today):
            state += ", NOT ACKNOWLEDGED in time"
        age = f"open {days} working day{'s' if days != 1 else ''}" if not concern.status.is_closed else (
            f"closed {show_date(uk_date(concern.closed_at))}" if concern.closed_at else "closed")
        return f"{concern.ref}: {concern.category.label}, about {about}, {who} | {state} | {age}"

    def _head(self, title: str, items: list[Concern], scope: str, today: date) -> str:
        overdue = sum(self.overdue(c, today) for c in items)
        return f"{title} ({scope}): {len(items)}" + (f", {overdue} not acknowledged in time." if overdue else ".")

    @staticmethod
    def _more(items: list[Concern]) -> list[str]:
        return [f"  …and {len(items) - PAGE} more."] if len(items) > PAGE else []
