"""UK working days: weekdays that are not bank holidays of the council's nation or office closures.

Deadlines for councillors' information requests count working days. Bank holidays differ
by nation (Scotland has 2 January and St Andrew's Day but no Easter Monday; Northern
Ireland has St Patrick's Day and 12 July), and the ``holidays`` package knows them, with
substitute days and one-off holidays such as the 2023 coronation.

Counting is arithmetic, not a walk day by day: weekdays between two dates come from a
formula, and the non-working weekdays (holidays and closures) are kept as a sorted list
of ordinals searched with :mod:`bisect`. Holidays are loaded a year at a time, on demand.
"""

from __future__ import annotations

import re
from bisect import bisect_right, insort
from collections.abc import Iterable
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache

import holidays


class Nation(StrEnum):
    """The UK nation whose bank holidays a council keeps."""

    ENGLAND = "england"
    WALES = "wales"
    SCOTLAND = "scotland"
    NORTHERN_IRELAND = "northern_ireland"

    @property
    def subdiv(self) -> str:
        """The ``holidays.UK`` subdivision code (``ENG``, ``WLS``, ``SCT``, ``NIR``)."""
        return _SUBDIVS[self]

    @property
    def label(self) -> str:
        """The nation's name as people write it."""
        return self.value.replace("_", " ").title()

    @classmethod
    def from_text(cls, text: str) -> Nation:
        """The nation named by ``text``: any case, spaces, hyphens or underscores, or a short code.

        Raises :class:`ValueError` with a sentence listing the choices when it names none.
        """
        key = re.sub(r"[\s_-]+", " ", str(text)).strip().lower()
        nation = _ALIASES.get(key)
        if nation is None:
            choices = ", ".join(n.label for n in cls)
            raise ValueError(
                f"'{text}' is not a nation this bot knows: choose one of {choices} "
                "(or a short form such as ENG, WLS, SCT or NI)."
            )
        return nation


_SUBDIVS = {
    Nation.ENGLAND: "ENG",
    Nation.WALES: "WLS",
    Nation.SCOTLAND: "SCT",
    Nation.NORTHERN_IRELAND: "NIR",
}
_ALIASES: dict[str, Nation] = {
    "england": Nation.ENGLAND,
    "eng": Nation.ENGLAND,
    "wales": Nation.WALES,
    "wls": Nation.WALES,
    "cymru": Nation.WALES,
    "scotland": Nation.SCOTLAND,
    "sct": Nation.SCOTLAND,
    "sco": Nation.SCOTLAND,
    "northern ireland": Nation.NORTHERN_IRELAND,
    "ni": Nation.NORTHERN_IRELAND,
    "nir": Nation.NORTHERN_IRELAND,
}


@lru_cache(maxsize=1024)
def _bank_holidays(subdiv: str, year: int) -> tuple[tuple[date, str], ...]:
    """The bank holidays of one nation in one year, substitute days included (cached)."""
    found = holidays.UK(subdiv=subdiv, years=year)
    return tuple(sorted((day, _plain_name(name)) for day, name in found.items()))


def _plain_name(name: str) -> str:
    """The package's holiday name in UK wording: a substitute day, not an "observed" one."""
    return name.replace("(observed)", "(substitute day)")


def _weekdays_to(ordinal: int) -> int:
    """How many Mondays to Fridays fall on ordinals 1..``ordinal`` (ordinal 1 is a Monday)."""
    weeks, rest = divmod(ordinal, 7)
    return 5 * weeks + min(rest, 5)


def _add_weekdays(day: date, n: int) -> date:
    """The ``n``-th weekday after ``day`` (n >= 1), holidays ignored."""
    wd = day.weekday()
    if wd >= 5:  # from a weekend, count as from the Friday before
        day -= timedelta(days=wd - 4)
        wd = 4
    weeks, rest = divmod(n, 5)
    days = 7 * weeks + rest
    if wd + rest >= 5:
        days += 2
    return day + timedelta(days=days)


class WorkingCalendar:
    """Working days for a council: Monday to Friday, less its nation's bank holidays and its closures."""

    def __init__(self, nation: Nation | str = Nation.ENGLAND, extra_closures: Iterable[date] = ()) -> None:
        self.nation = nation if isinstance(nation, Nation) else Nation.from_text(nation)
        self._names: dict[int, str] = {}
        self._off: list[int] = []  # sorted ordinals of weekdays that are not working days
        self._off_set: set[int] = set()
        self._years: set[int] = set()
        self.closures = frozenset(_as_date(d) for d in extra_closures)
        for day in self.closures:
            self._mark_off(day)

    def __repr__(self) -> str:
        return f"WorkingCalendar({self.nation.value!r}, closures={len(self.closures)})"

    def _mark_off(self, day: date) -> None:
        ordinal = day.toordinal()
        if day.weekday() < 5 and ordinal not in self._off_set:
            self._off_set.add(ordinal)
            insort(self._off, ordinal)

    def _load(self, first: int, last: int) -> None:
        """Make sure the bank holidays of the years ``first``..``last`` are known."""
        if first in self._years and last in self._years and last - first <= 1:
            return
        for year in range(max(first, 1), min(last, 9999) + 1):
            if year in self._years:
                continue
            self._years.add(year)
            for day, name in _bank_holidays(self.nation.subdiv, year):
                self._names.setdefault(day.toordinal(), name)
                self._mark_off(day)

    def _off_between(self, start: int, end: int) -> int:
        """Non-working weekdays on ordinals in (start, end]."""
        return bisect_right(self._off, end) - bisect_right(self._off, start)

    def holiday_name(self, day: date) -> str | None:
        """The bank holiday's name (``Boxing Day (substitute day)``), ``Office closure``, or None."""
        day = _as_date(day)
        self._load(day.year, day.year)
        name = self._names.get(day.toordinal())
        if name is None and day in self.closures:
            return "Office closure"
        return name

    def is_working_day(self, day: date) -> bool:
        """True for a Monday to Friday that is neither a bank holiday nor an office closure."""
        day = _as_date(day)
        if day.weekday() >= 5:
            return False
        self._load(day.year, day.year)
        return day.toordinal() not in self._off_set

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]: the days waited after ``start`` up to and including ``end``."""
        start, end = _as_date(start), _as_date(end)
        if end <= start:
            return 0
        self._load(start.year, end.year)
        a, b = start.toordinal(), end.toordinal()
        return _weekdays_to(b) - _weekdays_to(a) - self._off_between(a, b)

    def add_working_days(self, start: date, n: int) -> date:
        """The ``n``-th working day after ``start`` (``start`` itself not counted).

        ``n=0`` gives ``start`` if it is a working day, else the next working day.
        """
        start = _as_date(start)
        if n < 0:
            raise ValueError(f"The number of working days must be 0 or more, not {n}.")
        if n == 0:
            return start if self.is_working_day(start) else self.next_working_day(start)
        current, remaining = start, n
        while remaining:
            target = _add_weekdays(current, remaining)
            self._load(current.year, target.year)
            remaining = self._off_between(current.toordinal(), target.toordinal())
            current = target
        return current

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after ``day``."""
        return self.add_working_days(day, 1)


def _as_date(day: date) -> date:
    """A plain date (a datetime counts as its calendar day)."""
    if not isinstance(day, date):
        raise TypeError(f"Expected a date, got {type(day).__name__}.")
    return date(day.year, day.month, day.day) if type(day) is not date else day
