"""Business hours in a client's zone: windows, state, business-time arithmetic, intervals.

Expected instants are UTC literals worked out from the published DST dates of 2026
(and checked against zoneinfo where the table says so), never computed by the code under test.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vaplanner.core.errors import InputError
from vaplanner.core.hours import (
    Interval,
    add_business_minutes,
    hours_state,
    in_hours,
    intersect,
    merge,
    next_transition,
    subtract,
    total_minutes,
    windows_between,
    windows_on,
)
from vaplanner.core.models import TimeRange, WeekHours
from vaplanner.core.times import week_hours


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


NINE_TO_FIVE = WeekHours()  # mon-fri 09:00-17:00
EVERY_DAY = week_hours("09:00-17:00", "daily")


# ------------------------------------------------------------------------------------ windows


def test_new_york_windows_move_on_the_utc_grid_at_the_us_change() -> None:
    # Week before the change (EST, -5) and week after (EDT, -4).
    windows = windows_between(NINE_TO_FIVE, "America/New_York", utc(2026, 3, 2), utc(2026, 3, 14))
    expected = [(utc(2026, 3, d, 14), utc(2026, 3, d, 22)) for d in range(2, 7)] + [
        (utc(2026, 3, d, 13), utc(2026, 3, d, 21)) for d in range(9, 14)
    ]
    assert windows == expected


@pytest.mark.parametrize(
    ("zone", "day", "start", "end"),
    [
        # A Monday to Friday workday in each zone, on dates on both sides of its changes.
        ("Europe/London", (2026, 3, 27), utc(2026, 3, 27, 9), utc(2026, 3, 27, 17)),
        ("Europe/London", (2026, 3, 30), utc(2026, 3, 30, 8), utc(2026, 3, 30, 16)),
        ("Europe/Ljubljana", (2026, 3, 27), utc(2026, 3, 27, 8), utc(2026, 3, 27, 16)),
        ("Europe/Ljubljana", (2026, 3, 30), utc(2026, 3, 30, 7), utc(2026, 3, 30, 15)),
        ("Europe/Ljubljana", (2026, 10, 26), utc(2026, 10, 26, 8), utc(2026, 10, 26, 16)),
        ("Australia/Sydney", (2026, 4, 3), utc(2026, 4, 2, 22), utc(2026, 4, 3, 6)),
        ("Australia/Sydney", (2026, 4, 6), utc(2026, 4, 5, 23), utc(2026, 4, 6, 7)),
        ("Asia/Kolkata", (2026, 3, 9), utc(2026, 3, 9, 3, 30), utc(2026, 3, 9, 11, 30)),
        ("Asia/Kathmandu", (2026, 3, 9), utc(2026, 3, 9, 3, 15), utc(2026, 3, 9, 11, 15)),
        ("Pacific/Auckland", (2026, 9, 25), utc(2026, 9, 24, 21), utc(2026, 9, 25, 5)),
        ("Pacific/Auckland", (2026, 9, 28), utc(2026, 9, 27, 20), utc(2026, 9, 28, 4)),
        ("America/St_Johns", (2026, 3, 6), utc(2026, 3, 6, 12, 30), utc(2026, 3, 6, 20, 30)),
        ("America/St_Johns", (2026, 3, 9), utc(2026, 3, 9, 11, 30), utc(2026, 3, 9, 19, 30)),
    ],
)
def test_workday_windows(
    zone: str, day: tuple[int, int, int], start: datetime, end: datetime
) -> None:
    local_day = datetime(*day).date()
    nine = datetime(*day, 9, tzinfo=ZoneInfo(zone)).astimezone(UTC)
    assert nine == start  # the literal agrees with zoneinfo
    assert windows_on(NINE_TO_FIVE, zone, local_day) == [(start, end)]


@pytest.mark.parametrize(
    ("zone", "day", "hours", "start", "real_hours"),
    [
        # Hours that span the change itself: the wall clock shows 4 hours, real time differs.
        ("Australia/Sydney", (2026, 4, 5), "00:00-04:00", utc(2026, 4, 4, 13), 5),
        ("America/New_York", (2026, 3, 8), "00:00-04:00", utc(2026, 3, 8, 5), 3),
        ("America/New_York", (2026, 11, 1), "00:00-04:00", utc(2026, 11, 1, 4), 5),
        ("Europe/Ljubljana", (2026, 10, 25), "00:00-04:00", utc(2026, 10, 24, 22), 5),
        ("Pacific/Auckland", (2026, 9, 27), "00:00-04:00", utc(2026, 9, 26, 12), 3),
        ("America/St_Johns", (2026, 11, 1), "00:00-04:00", utc(2026, 11, 1, 2, 30), 5),
    ],
)
def test_windows_on_change_days_are_real_elapsed_time(
    zone: str, day: tuple[int, int, int], hours: str, start: datetime, real_hours: int
) -> None:
    result = windows_on(week_hours(hours, "daily"), zone, datetime(*day).date())
    assert result == [(start, start + timedelta(hours=real_hours))]


def test_window_to_midnight_joins_the_next_morning() -> None:
    hours = WeekHours(
        (
            (TimeRange(datetime(2026, 1, 1, 22).time(), datetime(2026, 1, 1, 0).time()),),
            (TimeRange(datetime(2026, 1, 1, 0).time(), datetime(2026, 1, 1, 2).time()),),
            (),
            (),
            (),
            (),
            (),
        )
    )
    # Mon 30 Nov 22:00 to Tue 1 Dec 02:00 in Kathmandu (+05:45).
    windows = windows_between(hours, "Asia/Kathmandu", utc(2026, 11, 29), utc(2026, 12, 3))
    assert windows == [(utc(2026, 11, 30, 16, 15), utc(2026, 11, 30, 20, 15))]


def test_windows_are_clipped_to_the_range() -> None:
    windows = windows_between(
        NINE_TO_FIVE, "Europe/London", utc(2026, 11, 30, 12), utc(2026, 12, 1, 10)
    )
    assert windows == [
        (utc(2026, 11, 30, 12), utc(2026, 11, 30, 17)),
        (utc(2026, 12, 1, 9), utc(2026, 12, 1, 10)),
    ]
    assert windows_between(NINE_TO_FIVE, "UTC", utc(2026, 12, 1), utc(2026, 12, 1)) == []


def test_overlap_of_ljubljana_and_new_york_grows_and_shrinks() -> None:
    # The weeks between the US change (8 Mar) and the EU change (29 Mar) have 3 shared hours.
    def shared(day: int, month: int = 3) -> list[Interval]:
        span = (utc(2026, month, day), utc(2026, month, day + 1))
        return intersect(
            windows_between(NINE_TO_FIVE, "Europe/Ljubljana", *span),
            windows_between(NINE_TO_FIVE, "America/New_York", *span),
        )

    assert shared(6) == [(utc(2026, 3, 6, 14), utc(2026, 3, 6, 16))]
    assert shared(9) == [(utc(2026, 3, 9, 13), utc(2026, 3, 9, 16))]
    assert shared(27) == [(utc(2026, 3, 27, 13), utc(2026, 3, 27, 16))]
    assert shared(30) == [(utc(2026, 3, 30, 13), utc(2026, 3, 30, 15))]


def test_overlap_vanishes_for_sydney_and_new_york() -> None:
    span = (utc(2026, 12, 1), utc(2026, 12, 5))
    assert (
        intersect(
            windows_between(NINE_TO_FIVE, "Australia/Sydney", *span),
            windows_between(NINE_TO_FIVE, "America/New_York", *span),
        )
        == []
    )


# ------------------------------------------------------------------------------ state and in


@pytest.mark.parametrize(
    ("zone", "instant", "inside"),
    [
        ("America/New_York", utc(2026, 3, 6, 14), True),  # Fri 09:00 EST
        ("America/New_York", utc(2026, 3, 6, 13, 59), False),
        ("America/New_York", utc(2026, 3, 9, 13), True),  # Mon 09:00 EDT
        ("America/New_York", utc(2026, 3, 9, 21), False),  # Mon 17:00 EDT: closed
        ("America/New_York", utc(2026, 3, 7, 15), False),  # Saturday
        ("Asia/Kathmandu", utc(2026, 11, 27, 3, 15), True),
        ("Asia/Kathmandu", utc(2026, 11, 27, 3, 14), False),
        ("America/St_Johns", utc(2026, 11, 27, 12, 30), True),  # Fri 09:00 NST
        ("America/St_Johns", utc(2026, 11, 27, 12, 29), False),
        ("Pacific/Auckland", utc(2026, 11, 26, 20), True),  # Fri 27 Nov 09:00 NZDT
        ("Pacific/Auckland", utc(2026, 11, 27, 20), False),  # Sat 28 Nov 09:00 NZDT
    ],
)
def test_in_hours(zone: str, instant: datetime, inside: bool) -> None:
    assert in_hours(NINE_TO_FIVE, zone, instant) is inside


@pytest.mark.parametrize(
    ("zone", "now", "state"),
    [
        ("Europe/London", utc(2026, 11, 30, 8, 40), "soon"),
        ("Europe/London", utc(2026, 11, 30, 8, 29), "out"),
        ("Europe/London", utc(2026, 11, 30, 9), "in"),
        ("Europe/London", utc(2026, 11, 30, 16, 30), "ending"),
        ("Europe/London", utc(2026, 11, 30, 17), "out"),
        ("Europe/London", utc(2026, 11, 28, 12), "weekend"),
        # Sunday 23:45 in London: Monday opens at 09:00, far away, and Sunday has no hours.
        ("Europe/London", utc(2026, 11, 29, 23, 45), "weekend"),
        ("Asia/Kathmandu", utc(2026, 11, 30, 2, 50), "soon"),  # 08:35 local
        ("Asia/Kathmandu", utc(2026, 11, 30, 11, 0), "ending"),  # 16:45 local
    ],
)
def test_hours_state(zone: str, now: datetime, state: str) -> None:
    assert hours_state(NINE_TO_FIVE, zone, now) == state


def test_hours_state_soon_window_is_configurable() -> None:
    assert hours_state(NINE_TO_FIVE, "UTC", utc(2026, 11, 30, 8), soon_minutes=60) == "soon"
    assert hours_state(NINE_TO_FIVE, "UTC", utc(2026, 11, 30, 8), soon_minutes=30) == "out"


# --------------------------------------------------------------------------- business minutes


@pytest.mark.parametrize(
    ("zone", "start", "minutes", "expected"),
    [
        # Fri 16:00 EST + 2h: one hour on Friday, one on Monday after the US change (EDT).
        ("America/New_York", utc(2026, 3, 6, 21), 120, utc(2026, 3, 9, 14)),
        # Fri 16:00 BST + 2h: Monday after the UK change is on GMT.
        ("Europe/London", utc(2026, 10, 23, 15), 120, utc(2026, 10, 26, 10)),
        # Starting on Saturday: counting starts Monday 09:00.
        ("Europe/Ljubljana", utc(2026, 11, 28, 13, 32), 30, utc(2026, 11, 30, 8, 30)),
        # Exactly a full day lands on the day's close, not on the next opening.
        ("Asia/Kathmandu", utc(2026, 11, 30, 3, 15), 480, utc(2026, 11, 30, 11, 15)),
        # Three business days: Mon 09:00 -> Wed 17:00.
        ("Asia/Kolkata", utc(2026, 11, 30, 3, 30), 24 * 60, utc(2026, 12, 2, 11, 30)),
        # Sydney Friday before the April change to Monday after it.
        ("Australia/Sydney", utc(2026, 4, 3, 5), 120, utc(2026, 4, 6, 0)),
        # Auckland around its September change.
        ("Pacific/Auckland", utc(2026, 9, 25, 4), 120, utc(2026, 9, 27, 21)),
        ("America/St_Johns", utc(2026, 3, 6, 19, 30), 120, utc(2026, 3, 9, 12, 30)),
        ("UTC", utc(2026, 11, 30, 10), 0, utc(2026, 11, 30, 10)),
    ],
)
def test_add_business_minutes(zone: str, start: datetime, minutes: int, expected: datetime) -> None:
    assert add_business_minutes(NINE_TO_FIVE, zone, start, minutes) == expected


def test_add_business_minutes_needs_some_hours() -> None:
    with pytest.raises(InputError, match="no business hours"):
        add_business_minutes(WeekHours(((),) * 7), "UTC", utc(2026, 1, 1), 60)
    with pytest.raises(InputError, match="negative"):
        add_business_minutes(NINE_TO_FIVE, "UTC", utc(2026, 1, 1), -1)


def test_add_business_minutes_far_ahead() -> None:
    # 100 business days of 8 hours: 20 weeks, from Monday 09:00 UTC to Friday 17:00.
    result = add_business_minutes(NINE_TO_FIVE, "UTC", utc(2026, 1, 5, 9), 100 * 8 * 60)
    assert result == utc(2026, 5, 22, 17)


@pytest.mark.parametrize(
    ("hours", "start", "minutes"),
    [
        # a century of 40-hour weeks from 2150 would end near 2250
        (NINE_TO_FIVE, utc(2150, 1, 5, 9), 100 * 52 * 40 * 60),
        (NINE_TO_FIVE, utc(2026, 1, 5, 9), 10**12),  # would have walked to year 9999
        # one 15-minute window a week: 10,000 hours take 770 years
        (week_hours("09:00-09:15", "mon"), utc(2026, 1, 5, 9), 10_000 * 60),
    ],
)
def test_add_business_minutes_refuses_counts_past_the_calendar(
    hours: WeekHours, start: datetime, minutes: int
) -> None:
    with pytest.raises(InputError, match="after the years 1900 to 2200"):
        add_business_minutes(hours, "America/New_York", start, minutes)


@pytest.mark.parametrize("start", [datetime(9999, 12, 31, 9, tzinfo=UTC), utc(1800, 1, 6, 9)])
def test_add_business_minutes_refuses_a_start_outside_the_years(start: datetime) -> None:
    with pytest.raises(InputError, match="outside the years 1900 to 2200"):
        add_business_minutes(NINE_TO_FIVE, "Asia/Tokyo", start, 60)


def test_add_business_minutes_reaches_the_end_of_the_range() -> None:
    # 8 business hours from Wednesday 31 Dec 2200 09:00 UTC: that whole day
    assert add_business_minutes(NINE_TO_FIVE, "UTC", utc(2200, 12, 31, 9), 8 * 60) == utc(
        2200, 12, 31, 17
    )


# ---------------------------------------------------------------------------------- intervals


def span(a: int, b: int) -> Interval:
    return (utc(2026, 1, 1, a), utc(2026, 1, 1, b))


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ([span(1, 5)], [span(3, 8)], [span(3, 5)]),
        ([span(1, 5)], [span(5, 8)], []),
        ([span(1, 3), span(4, 9)], [span(2, 5), span(8, 10)], [span(2, 3), span(4, 5), span(8, 9)]),
        ([span(4, 9), span(1, 3)], [span(0, 23)], [span(1, 3), span(4, 9)]),
        ([], [span(0, 23)], []),
    ],
)
def test_intersect(a: list[Interval], b: list[Interval], expected: list[Interval]) -> None:
    assert intersect(a, b) == expected
    assert intersect(b, a) == expected


@pytest.mark.parametrize(
    ("a", "busy", "expected"),
    [
        ([span(1, 9)], [span(3, 4)], [span(1, 3), span(4, 9)]),
        ([span(1, 9)], [span(0, 2), span(8, 12)], [span(2, 8)]),
        ([span(1, 9)], [span(0, 12)], []),
        ([span(1, 3), span(5, 9)], [span(2, 6)], [span(1, 2), span(6, 9)]),
        ([span(1, 9)], [], [span(1, 9)]),
        ([span(1, 9)], [span(3, 5), span(4, 6)], [span(1, 3), span(6, 9)]),
    ],
)
def test_subtract(a: list[Interval], busy: list[Interval], expected: list[Interval]) -> None:
    assert subtract(a, busy) == expected


def test_merge_and_total() -> None:
    assert merge([span(5, 6), span(1, 3), span(3, 4), span(2, 2)]) == [span(1, 4), span(5, 6)]
    assert total_minutes([span(1, 3), span(2, 4)]) == 180


# ------------------------------------------------------------------------------ transitions


@pytest.mark.parametrize(
    ("zone", "after", "expected"),
    [
        ("America/New_York", utc(2026, 11, 28), utc(2027, 3, 14, 7)),
        ("America/New_York", utc(2026, 3, 8, 7), utc(2026, 11, 1, 6)),  # exactly at a change
        ("Europe/London", utc(2026, 1, 1), utc(2026, 3, 29, 1)),
        ("Europe/Ljubljana", utc(2026, 4, 1), utc(2026, 10, 25, 1)),
        ("Australia/Sydney", utc(2026, 1, 1), utc(2026, 4, 4, 16)),
        ("Pacific/Auckland", utc(2026, 5, 1), utc(2026, 9, 26, 14)),
        ("America/St_Johns", utc(2026, 1, 1), utc(2026, 3, 8, 5, 30)),
        ("Asia/Kolkata", utc(2026, 1, 1), None),
        ("Asia/Kathmandu", utc(2026, 1, 1), None),
        ("UTC", utc(2026, 1, 1), None),
    ],
)
def test_next_transition(zone: str, after: datetime, expected: datetime | None) -> None:
    assert next_transition(zone, after) == expected
    if expected is not None:
        tz = ZoneInfo(zone)
        before = (expected - timedelta(seconds=1)).astimezone(tz).utcoffset()
        assert expected.astimezone(tz).utcoffset() != before


# ------------------------------------------------------------------------------- properties

ZONES = [
    "America/New_York",
    "Europe/London",
    "Europe/Ljubljana",
    "Australia/Sydney",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Pacific/Auckland",
    "America/St_Johns",
]


@st.composite
def week_hours_strategy(draw: st.DrawFn) -> WeekHours:
    days = []
    for _ in range(7):
        quarters = sorted(
            draw(st.sets(st.integers(min_value=0, max_value=96), min_size=0, max_size=4))
        )
        ranges = []
        for first, last in zip(quarters[::2], quarters[1::2], strict=False):
            start, end = first * 15, last * 15
            ranges.append(
                TimeRange(
                    datetime(2026, 1, 1, start // 60, start % 60).time(),
                    datetime(2026, 1, 1, (end // 60) % 24, end % 60).time(),
                )
            )
        days.append(tuple(ranges))
    return WeekHours(tuple(days))


# Instants on 2026 with whole minutes, so DST-change days turn up often enough.
instants = st.integers(min_value=0, max_value=365 * 24 * 60).map(
    lambda minute: utc(2026, 1, 1) + timedelta(minutes=minute)
)


@settings(max_examples=150, deadline=None)
@given(week_hours_strategy(), st.sampled_from(ZONES), instants)
def test_in_hours_agrees_with_windows(hours: WeekHours, zone: str, instant: datetime) -> None:
    wide = windows_between(hours, zone, instant - timedelta(days=3), instant + timedelta(days=3))
    assert in_hours(hours, zone, instant) == any(s <= instant < e for s, e in wide)
    for (_, end), (start, _) in zip(wide, wide[1:], strict=False):
        assert end < start  # sorted, disjoint, never touching


@settings(max_examples=100, deadline=None)
@given(week_hours_strategy(), st.sampled_from(ZONES), instants, st.integers(1, 5000))
def test_add_business_minutes_counts_only_hours(
    hours: WeekHours, zone: str, start: datetime, minutes: int
) -> None:
    if hours.weekly_minutes == 0:
        return
    end = add_business_minutes(hours, zone, start, minutes)
    assert total_minutes(windows_between(hours, zone, start, end)) == minutes
    # The result is the earliest such instant: it is the end of counted time.
    assert in_hours(hours, zone, end - timedelta(minutes=1))
