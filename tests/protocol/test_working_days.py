"""UK working days: bank holidays per nation, substitute days, closures, and fast counting."""

from __future__ import annotations

import random
import time
from datetime import date, datetime, timedelta

import pytest

from protocol.working_days import Nation, WorkingCalendar

ENGLAND = WorkingCalendar(Nation.ENGLAND)
WALES = WorkingCalendar(Nation.WALES)
SCOTLAND = WorkingCalendar(Nation.SCOTLAND)
NI = WorkingCalendar(Nation.NORTHERN_IRELAND)
ALL = (ENGLAND, WALES, SCOTLAND, NI)


def naive_between(cal: WorkingCalendar, start: date, end: date) -> int:
    """Working days in (start, end], counted one day at a time."""
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        count += cal.is_working_day(day)
    return count


def naive_add(cal: WorkingCalendar, start: date, n: int) -> date:
    """The n-th working day after start, found one day at a time."""
    day = start
    if n == 0:
        while not cal.is_working_day(day):
            day += timedelta(days=1)
        return day
    while n:
        day += timedelta(days=1)
        n -= cal.is_working_day(day)
    return day


# --- nations ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "nation"),
    [
        ("england", Nation.ENGLAND),
        ("England", Nation.ENGLAND),
        ("ENG", Nation.ENGLAND),
        (" wales ", Nation.WALES),
        ("WLS", Nation.WALES),
        ("Scotland", Nation.SCOTLAND),
        ("sct", Nation.SCOTLAND),
        ("Northern Ireland", Nation.NORTHERN_IRELAND),
        ("northern-ireland", Nation.NORTHERN_IRELAND),
        ("northern_ireland", Nation.NORTHERN_IRELAND),
        ("NORTHERN  IRELAND", Nation.NORTHERN_IRELAND),
        ("NI", Nation.NORTHERN_IRELAND),
        ("nir", Nation.NORTHERN_IRELAND),
    ],
)
def test_nation_from_text_accepts_variants(text: str, nation: Nation) -> None:
    assert Nation.from_text(text) is nation


@pytest.mark.parametrize("text", ["", "Britain", "england and wales", "UK", "Cornwall"])
def test_nation_from_text_rejects_others_with_the_choices(text: str) -> None:
    with pytest.raises(ValueError) as err:
        Nation.from_text(text)
    message = str(err.value)
    for label in ("England", "Wales", "Scotland", "Northern Ireland"):
        assert label in message
    assert message.endswith(".")


def test_nation_codes_and_labels() -> None:
    assert [n.subdiv for n in Nation] == ["ENG", "WLS", "SCT", "NIR"]
    assert Nation.NORTHERN_IRELAND.label == "Northern Ireland"
    assert WorkingCalendar("Scotland").nation is Nation.SCOTLAND
    assert WorkingCalendar().nation is Nation.ENGLAND
    with pytest.raises(ValueError):
        WorkingCalendar("Narnia")


# --- bank holidays ------------------------------------------------------------------


def test_christmas_2026_with_boxing_day_substitute_in_england() -> None:
    assert not ENGLAND.is_working_day(date(2026, 12, 25))  # Friday
    assert ENGLAND.holiday_name(date(2026, 12, 25)) == "Christmas Day"
    assert not ENGLAND.is_working_day(date(2026, 12, 28))  # Monday, substitute for Boxing Day (Saturday)
    assert ENGLAND.holiday_name(date(2026, 12, 28)) == "Boxing Day (substitute day)"
    assert ENGLAND.is_working_day(date(2026, 12, 29))
    assert ENGLAND.next_working_day(date(2026, 12, 24)) == date(2026, 12, 29)


def test_christmas_2027_both_substitutes() -> None:
    # Christmas Day Saturday, Boxing Day Sunday: Monday 27 and Tuesday 28 are substitute days.
    for cal in ALL:
        assert not cal.is_working_day(date(2027, 12, 27))
        assert not cal.is_working_day(date(2027, 12, 28))
        assert cal.is_working_day(date(2027, 12, 29))
    assert "substitute day" in ENGLAND.holiday_name(date(2027, 12, 27))


def test_easter_monday_england_not_scotland() -> None:
    easter_monday = date(2026, 4, 6)
    assert not ENGLAND.is_working_day(easter_monday)
    assert ENGLAND.holiday_name(easter_monday) == "Easter Monday"
    assert SCOTLAND.is_working_day(easter_monday)
    assert SCOTLAND.holiday_name(easter_monday) is None
    assert not SCOTLAND.is_working_day(date(2026, 4, 3))  # Good Friday everywhere


def test_scotland_has_second_of_january_and_st_andrews_day() -> None:
    assert not SCOTLAND.is_working_day(date(2026, 1, 2))
    assert ENGLAND.is_working_day(date(2026, 1, 2))
    assert not SCOTLAND.is_working_day(date(2026, 11, 30))  # Monday
    assert "Andrew" in SCOTLAND.holiday_name(date(2026, 11, 30))
    assert ENGLAND.is_working_day(date(2026, 11, 30))
    # Scotland's summer bank holiday is the first Monday of August, England's the last.
    assert not SCOTLAND.is_working_day(date(2026, 8, 3)) and ENGLAND.is_working_day(date(2026, 8, 3))
    assert not ENGLAND.is_working_day(date(2026, 8, 31)) and SCOTLAND.is_working_day(date(2026, 8, 31))


def test_northern_ireland_st_patrick_and_twelfth() -> None:
    assert not NI.is_working_day(date(2026, 3, 17))  # Tuesday
    assert "Patrick" in NI.holiday_name(date(2026, 3, 17))
    assert ENGLAND.is_working_day(date(2026, 3, 17))
    assert not NI.is_working_day(date(2027, 7, 12))  # Monday
    assert ENGLAND.is_working_day(date(2027, 7, 12))
    # 12 July 2026 is a Sunday: Monday 13 July is the substitute day.
    assert not NI.is_working_day(date(2026, 7, 13))
    assert "substitute day" in NI.holiday_name(date(2026, 7, 13))


def test_wales_keeps_the_same_days_as_england() -> None:
    day = date(2019, 1, 1)
    while day < date(2031, 1, 1):
        assert WALES.is_working_day(day) == ENGLAND.is_working_day(day), day
        day += timedelta(days=1)


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (date(2023, 5, 8), "Coronation"),  # the King's coronation
        (date(2022, 9, 19), "Funeral"),  # the state funeral of Queen Elizabeth II
        (date(2022, 6, 3), "Jubilee"),  # the Platinum Jubilee bank holiday
    ],
)
def test_one_off_holidays_everywhere(day: date, words: str) -> None:
    for cal in ALL:
        assert not cal.is_working_day(day)
        assert words.lower() in cal.holiday_name(day).lower()


def test_spring_bank_holiday_moved_for_the_jubilee() -> None:
    assert not ENGLAND.is_working_day(date(2022, 6, 2))
    assert ENGLAND.is_working_day(date(2022, 5, 30))  # the usual last Monday of May was a working day


def test_weekends_are_not_working_days() -> None:
    assert not ENGLAND.is_working_day(date(2026, 6, 6))  # Saturday
    assert not ENGLAND.is_working_day(date(2026, 6, 7))  # Sunday
    assert ENGLAND.holiday_name(date(2026, 6, 6)) is None
    assert ENGLAND.is_working_day(date(2026, 6, 8))
    assert ENGLAND.next_working_day(date(2026, 6, 5)) == date(2026, 6, 8)


# --- closures ------------------------------------------------------------------


def test_office_closures_between_christmas_and_new_year() -> None:
    closed = [date(2026, 12, 29), date(2026, 12, 30), date(2026, 12, 31)]
    cal = WorkingCalendar(Nation.ENGLAND, extra_closures=closed)
    assert not cal.is_working_day(date(2026, 12, 30))
    assert cal.holiday_name(date(2026, 12, 30)) == "Office closure"
    # 25 Fri and 28 Mon holidays, 29-31 closed, 1 Jan holiday: next working day is Monday 4 January.
    assert cal.next_working_day(date(2026, 12, 24)) == date(2027, 1, 4)
    assert cal.working_days_between(date(2026, 12, 24), date(2027, 1, 4)) == 1
    assert ENGLAND.working_days_between(date(2026, 12, 24), date(2027, 1, 4)) == 4


def test_closure_on_a_weekend_or_holiday_changes_nothing() -> None:
    cal = WorkingCalendar("england", [date(2026, 12, 26), date(2026, 12, 25), date(2026, 12, 25)])
    assert cal.working_days_between(date(2026, 12, 1), date(2027, 1, 31)) == ENGLAND.working_days_between(
        date(2026, 12, 1), date(2027, 1, 31)
    )
    assert cal.holiday_name(date(2026, 12, 25)) == "Christmas Day"


# --- counting ------------------------------------------------------------------


def test_add_zero_working_days() -> None:
    assert ENGLAND.add_working_days(date(2026, 6, 3), 0) == date(2026, 6, 3)  # a Wednesday
    assert ENGLAND.add_working_days(date(2026, 6, 6), 0) == date(2026, 6, 8)  # Saturday -> Monday
    assert ENGLAND.add_working_days(date(2026, 12, 25), 0) == date(2026, 12, 29)


def test_add_working_days_across_a_weekend_and_holidays() -> None:
    assert ENGLAND.add_working_days(date(2026, 6, 5), 1) == date(2026, 6, 8)  # Friday + 1
    assert ENGLAND.add_working_days(date(2026, 6, 1), 5) == date(2026, 6, 8)  # Monday + 5
    assert ENGLAND.add_working_days(date(2026, 6, 6), 5) == date(2026, 6, 12)  # Saturday + 5
    # 20 working days from 1 April 2026 skip Good Friday (3rd) and Easter Monday (6th).
    assert ENGLAND.add_working_days(date(2026, 4, 1), 20) == date(2026, 5, 1)
    assert SCOTLAND.add_working_days(date(2026, 4, 1), 20) == date(2026, 4, 30)


def test_add_working_days_rejects_negative() -> None:
    with pytest.raises(ValueError):
        ENGLAND.add_working_days(date(2026, 6, 1), -1)


def test_working_days_between() -> None:
    assert ENGLAND.working_days_between(date(2026, 6, 1), date(2026, 6, 5)) == 4  # Mon -> Fri
    assert ENGLAND.working_days_between(date(2026, 6, 5), date(2026, 6, 8)) == 1  # Fri -> Mon
    assert ENGLAND.working_days_between(date(2026, 6, 5), date(2026, 6, 5)) == 0
    assert ENGLAND.working_days_between(date(2026, 6, 8), date(2026, 6, 1)) == 0
    assert ENGLAND.working_days_between(date(2026, 12, 24), date(2026, 12, 31)) == 3
    # 261 weekdays in 2026, less 8 bank holidays on weekdays (1 January among them).
    assert ENGLAND.working_days_between(date(2026, 1, 1), date(2026, 12, 31)) == 253


def test_datetimes_count_as_their_day() -> None:
    assert ENGLAND.working_days_between(datetime(2026, 6, 1, 17, 30), datetime(2026, 6, 5, 9, 0)) == 4
    assert ENGLAND.is_working_day(datetime(2026, 6, 1, 23, 59))
    assert ENGLAND.add_working_days(datetime(2026, 6, 5, 12), 1) == date(2026, 6, 8)


@pytest.mark.parametrize("nation", list(Nation))
def test_counting_matches_a_day_by_day_walk(nation: Nation) -> None:
    rng = random.Random(f"working-days-{nation.value}")
    closures = [date(2024, 12, 27), date(2025, 12, 29), date(2025, 12, 30), date(2026, 5, 26), date(2027, 1, 2)]
    cal = WorkingCalendar(nation, closures)
    for _ in range(400):
        start = date(2019, 1, 1) + timedelta(days=rng.randrange(0, 12 * 365))
        end = start + timedelta(days=rng.randrange(-10, 400))
        n = rng.randrange(0, 80)
        assert cal.working_days_between(start, end) == naive_between(cal, start, end), (start, end)
        assert cal.add_working_days(start, n) == naive_add(cal, start, n), (start, n)
        landed = cal.add_working_days(start, n)
        if n:
            assert cal.working_days_between(start, landed) == n
            assert cal.is_working_day(landed)


def test_long_spans_are_counted_without_walking() -> None:
    assert ENGLAND.working_days_between(date(2000, 1, 1), date(2040, 1, 1)) == naive_between(
        ENGLAND, date(2000, 1, 1), date(2040, 1, 1)
    )
    assert ENGLAND.add_working_days(date(2000, 1, 1), 5000) == naive_add(ENGLAND, date(2000, 1, 1), 5000)


def test_a_review_of_100000_requests_is_quick() -> None:
    cal = WorkingCalendar(Nation.ENGLAND, [date(2025, 12, 29)])
    starts = [date(2022, 1, 1) + timedelta(days=i % 1500) for i in range(100_000)]
    today = date(2026, 6, 1)
    began = time.perf_counter()
    waited = [cal.working_days_between(s, today) for s in starts]
    elapsed = time.perf_counter() - began
    assert waited[0] == naive_between(cal, starts[0], today)
    assert elapsed < 5.0, f"100,000 counts took {elapsed:.2f}s"
