"""Time for the bot: a clock passed in (so tests and the console can fix it), and UK dates.

Stored times are UTC; deadlines and "today" are dates in the UK (Europe/London), the
councils' own calendar.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Callable
from zoneinfo import ZoneInfo

UK = ZoneInfo("Europe/London")
Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """Now, in UTC."""
    return datetime.now(UTC)


def uk_date(moment: datetime) -> date:
    """The UK calendar date of ``moment`` (a timezone-aware time)."""
    return moment.astimezone(UK).date()


def show_date(day: date) -> str:
    """A date as people read it: ``Mon 7 Dec 2026``."""
    return f"{day:%a} {day.day} {day:%b %Y}"


class SettableClock:
    """A clock that stays where it is set (tests, and the console's ``:time``)."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment.astimezone(UTC)

    def __call__(self) -> datetime:
        return self.moment

    def set(self, moment: datetime) -> None:
        """Move the clock to ``moment``."""
        self.moment = moment.astimezone(UTC)


class MovableClock:
    """Real time, which can be moved to another moment and goes on from there (the console's ``:time``)."""

    def __init__(self, base: Clock = system_clock) -> None:
        self._base = base
        self._offset = timedelta(0)

    def __call__(self) -> datetime:
        return self._base() + self._offset

    def move_to(self, moment: datetime) -> None:
        """From now on, time goes on from ``moment``."""
        self._offset = moment.astimezone(UTC) - self._base()
