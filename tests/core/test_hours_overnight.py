"""Business hours that run past midnight (a night shift ``22:00-02:00``).

Every expected instant is the wall time resolved by :mod:`tests.core.zone_oracle` (plain
``zoneinfo``, RFC 5545 gap/fold rules), never by the code under test; the real lengths of
the windows over DST nights are also written out by hand.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.core import zone_oracle
from vaplanner.core.hours import (
    Interval,
    add_business_minutes,
    hours_state,
    in_hours,
    intersect,
    subtract,
    total_minutes,
    windows_between,
    windows_on,
)
from vaplanner.core.models import TimeRange, WeekHours
from vaplanner.core.times import format_week_hours, parse_week_hours, week_hours


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def wall(zone: str, year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    """The UTC instant of a wall time, by the oracle."""
    return zone_oracle.resolve(datetime(year, month, day, hour, minute), zone)[0]


NIGHTS = week_hours("22:00-02:00", "mon-fri")  # Friday's shift ends Saturday 02:00
DAILY_NIGHTS = week_hours("22:00-02:00", "daily")


# ------------------------------------------------------------------------------------ windows


@pytest.mark.parametrize(
    ("zone", "hours", "day", "end_day", "real_minutes"),
    [
        ("UTC", "22:00-02:00", date(2026, 11, 30), date(2026, 12, 1), 240),
        ("Asia/Kathmandu", "22:00-02:00", date(2026, 11, 30), date(2026, 12, 1), 240),
        ("America/St_Johns", "23:30-00:15", date(2026, 11, 30), date(2026, 12, 1), 45),
        # New York, spring forward (02:00 -> 03:00, Sun 8 Mar): the jump is inside the shift
        ("America/New_York", "22:00-04:00", date(2026, 3, 7), date(2026, 3, 8), 300),
        # the end 02:00 does not exist: read with the offset before the jump (03:00 EDT)
        ("America/New_York", "22:00-02:00", date(2026, 3, 7), date(2026, 3, 8), 240),
        ("America/New_York", "22:00-02:30", date(2026, 3, 7), date(2026, 3, 8), 270),
        # New York, fall back (02:00 -> 01:00, Sun 1 Nov)
        ("America/New_York", "22:00-04:00", date(2026, 10, 31), date(2026, 11, 1), 420),
        ("America/New_York", "22:00-02:00", date(2026, 10, 31), date(2026, 11, 1), 300),
        # the end 01:30 happens twice: the first one
        ("America/New_York", "22:00-01:30", date(2026, 10, 31), date(2026, 11, 1), 210),
        # Ljubljana, fall back (03:00 -> 02:00, Sun 25 Oct): 02:30 happens twice
        ("Europe/Ljubljana", "22:00-02:30", date(2026, 10, 24), date(2026, 10, 25), 270),
        ("Europe/Ljubljana", "23:00-03:00", date(2026, 10, 24), date(2026, 10, 25), 300),
        # Ljubljana, spring forward (02:00 -> 03:00, Sun 29 Mar)
        ("Europe/Ljubljana", "23:00-03:30", date(2026, 3, 28), date(2026, 3, 29), 210),
        # Sydney, southern fall back (03:00 -> 02:00, Sun 5 Apr)
        ("Australia/Sydney", "22:00-04:00", date(2026, 4, 4), date(2026, 4, 5), 420),
        # Lord Howe: 30 minutes back (02:00 -> 01:30, Sun 5 Apr) and forward (02:00 -> 02:30)
        ("Australia/Lord_Howe", "22:00-04:00", date(2026, 4, 4), date(2026, 4, 5), 390),
        ("Australia/Lord_Howe", "22:00-04:00", date(2026, 10, 3), date(2026, 10, 4), 330),
        # Auckland, spring forward (02:00 -> 03:00, Sun 27 Sep)
        ("Pacific/Auckland", "20:00-06:00", date(2026, 9, 26), date(2026, 9, 27), 540),
    ],
)
def test_night_windows_are_real_elapsed_time(
    zone: str, hours: str, day: date, end_day: date, real_minutes: int
) -> None:
    start_text, end_text = hours.split("-")
    start_clock, end_clock = time.fromisoformat(start_text), time.fromisoformat(end_text)
    start = wall(zone, day.year, day.month, day.day, start_clock.hour, start_clock.minute)
    end = wall(zone, end_day.year, end_day.month, end_day.day, end_clock.hour, end_clock.minute)
    assert end - start == timedelta(minutes=real_minutes)  # the hand count agrees with zoneinfo
    result = windows_on(week_hours(hours, "daily"), zone, day)
    assert result == [(start, end)]
    # The same window seen from a range around it (the next day's shift is further on).
    between = windows_between(
        week_hours(hours, "daily"), zone, start - timedelta(hours=6), end + timedelta(hours=6)
    )
    assert (start, end) in between


def test_friday_night_runs_into_saturday_and_the_weekend_has_no_shift() -> None:
    zone = "America/Los_Angeles"
    # Mon 30 Nov .. Mon 7 Dec 2026 (PST all week)
    found = windows_between(NIGHTS, zone, utc(2026, 11, 30, 8), utc(2026, 12, 7, 8))
    monday = date(2026, 11, 30)
    expected = []
    for offset in range(5):  # Monday to Friday nights
        day, morning = monday + timedelta(days=offset), monday + timedelta(days=offset + 1)
        expected.append(
            (
                wall(zone, day.year, day.month, day.day, 22),
                wall(zone, morning.year, morning.month, morning.day, 2),
            )
        )
    assert found == expected
    assert found[-1][1] == utc(2026, 12, 5, 10)  # Saturday 02:00 PST


def test_a_night_shift_joins_the_next_day_s_morning_hours() -> None:
    # Mon 18:00-02:00 and Tue 00:00-10:00 make one window Mon 18:00 -> Tue 10:00.
    hours = WeekHours(
        ((TimeRange(time(18), time(2)),), (TimeRange(time(0), time(10)),), (), (), (), (), ())
    )
    zone = "Europe/Ljubljana"
    found = windows_between(hours, zone, utc(2026, 11, 29), utc(2026, 12, 3))
    assert found == [(wall(zone, 2026, 11, 30, 18), wall(zone, 2026, 12, 1, 10))]


def test_range_start_inside_a_night_window_is_clipped() -> None:
    zone = "UTC"
    found = windows_between(NIGHTS, zone, utc(2026, 12, 1, 1), utc(2026, 12, 1, 23))
    assert found == [
        (utc(2026, 12, 1, 1), utc(2026, 12, 1, 2)),
        (utc(2026, 12, 1, 22), utc(2026, 12, 1, 23)),
    ]


# ------------------------------------------------------------------------------ state and in


@pytest.mark.parametrize(
    ("local", "inside", "state"),
    [
        ((2026, 12, 4, 21, 40), False, "soon"),  # Friday before the shift
        ((2026, 12, 4, 22, 0), True, "in"),
        ((2026, 12, 4, 23, 59), True, "in"),
        ((2026, 12, 5, 0, 0), True, "in"),  # Saturday, Friday's shift carried over
        ((2026, 12, 5, 1, 0), True, "in"),
        ((2026, 12, 5, 1, 45), True, "ending"),
        ((2026, 12, 5, 2, 0), False, "weekend"),  # no shift starts on Saturday
        ((2026, 12, 5, 23, 0), False, "weekend"),
        ((2026, 12, 6, 23, 0), False, "weekend"),  # nor on Sunday
        ((2026, 12, 7, 12, 0), False, "out"),  # Monday: its shift starts at 22:00
        ((2026, 12, 8, 0, 30), True, "in"),  # Tuesday, Monday's shift
        ((2026, 12, 8, 2, 0), False, "out"),  # Tuesday has its own shift tonight
    ],
)
@pytest.mark.parametrize(
    "zone", ["UTC", "America/Los_Angeles", "Asia/Kathmandu", "Australia/Lord_Howe"]
)
def test_in_hours_and_state_around_midnight(
    zone: str, local: tuple[int, int, int, int, int], inside: bool, state: str
) -> None:
    instant = wall(zone, *local)
    assert in_hours(NIGHTS, zone, instant) is inside
    assert hours_state(NIGHTS, zone, instant) == state


def test_state_on_a_fall_back_night() -> None:
    # New York, Sat 31 Oct 2026 22:00 EDT (02:00 UTC) to Sun 1 Nov 02:00 EST (07:00 UTC).
    zone = "America/New_York"
    assert hours_state(DAILY_NIGHTS, zone, utc(2026, 11, 1, 5, 30)) == "in"  # first 01:30
    assert hours_state(DAILY_NIGHTS, zone, utc(2026, 11, 1, 5, 59)) == "in"  # 01:59 EDT
    assert hours_state(DAILY_NIGHTS, zone, utc(2026, 11, 1, 6, 30)) == "ending"  # second 01:30
    assert hours_state(DAILY_NIGHTS, zone, utc(2026, 11, 1, 7)) == "out"  # 02:00 EST
    assert wall(zone, 2026, 11, 1, 2) == utc(2026, 11, 1, 7)


# --------------------------------------------------------------------------- business minutes


@pytest.mark.parametrize(
    ("zone", "hours", "start", "minutes", "expected"),
    [
        # Fri 23:00 + 2 h: Saturday 01:00 (still Friday's shift)
        ("UTC", NIGHTS, utc(2026, 12, 4, 23), 120, utc(2026, 12, 5, 1)),
        # Fri 23:00 + 4 h: 3 h left on Friday's shift, then Monday 22:00 + 1 h
        ("UTC", NIGHTS, utc(2026, 12, 4, 23), 240, utc(2026, 12, 7, 23)),
        # starting on Saturday afternoon: the count begins on Monday night
        ("UTC", NIGHTS, utc(2026, 12, 5, 15), 30, utc(2026, 12, 7, 22, 30)),
        # exactly a shift lands on its end (Saturday 02:00), not Monday's start
        ("UTC", NIGHTS, utc(2026, 12, 4, 22), 240, utc(2026, 12, 5, 2)),
        # New York fall-back night: 22:00 EDT + 5 h is the shift's end, 02:00 EST
        ("America/New_York", DAILY_NIGHTS, utc(2026, 11, 1, 2), 300, utc(2026, 11, 1, 7)),
        # one minute more: into Sunday night's shift (22:00 EST = 03:00 UTC Monday)
        ("America/New_York", DAILY_NIGHTS, utc(2026, 11, 1, 2), 301, utc(2026, 11, 2, 3, 1)),
        # spring-forward night: 22:00 EST to 02:00 (read 03:00 EDT) is 4 h
        ("America/New_York", DAILY_NIGHTS, utc(2026, 3, 8, 3), 240, utc(2026, 3, 8, 7)),
        ("America/New_York", DAILY_NIGHTS, utc(2026, 3, 8, 3), 241, utc(2026, 3, 9, 2, 1)),
    ],
)
def test_add_business_minutes_over_nights(
    zone: str, hours: WeekHours, start: datetime, minutes: int, expected: datetime
) -> None:
    assert add_business_minutes(hours, zone, start, minutes) == expected


def test_business_minute_literals_agree_with_zoneinfo() -> None:
    ny = "America/New_York"
    assert utc(2026, 11, 1, 2) == wall(ny, 2026, 10, 31, 22)
    assert utc(2026, 11, 1, 7) == wall(ny, 2026, 11, 1, 2)
    assert utc(2026, 11, 2, 3) == wall(ny, 2026, 11, 1, 22)
    assert utc(2026, 3, 8, 3) == wall(ny, 2026, 3, 7, 22)
    assert utc(2026, 3, 8, 7) == wall(ny, 2026, 3, 8, 2)
    assert utc(2026, 3, 9, 2) == wall(ny, 2026, 3, 8, 22)


def test_weekly_minutes_count_the_night_shift() -> None:
    assert NIGHTS.weekly_minutes == 5 * 240
    # A UTC week holds exactly those minutes.
    week = windows_between(NIGHTS, "UTC", utc(2026, 11, 30), utc(2026, 12, 7))
    assert total_minutes(week) == 5 * 240


# ------------------------------------------------------------------------ intersect, subtract


def test_a_night_client_overlaps_a_european_morning() -> None:
    # Los Angeles 22:00-02:00 (06:00-10:00 UTC) and Ljubljana 08:00-12:00 (07:00-11:00 UTC)
    client = windows_between(NIGHTS, "America/Los_Angeles", utc(2026, 12, 1), utc(2026, 12, 2))
    mine = windows_between(
        week_hours("08:00-12:00", "mon-fri"), "Europe/Ljubljana", utc(2026, 12, 1), utc(2026, 12, 2)
    )
    shared = intersect(client, mine)
    assert shared == [
        (wall("Europe/Ljubljana", 2026, 12, 1, 8), wall("America/Los_Angeles", 2026, 12, 1, 2))
    ]
    busy: list[Interval] = [(utc(2026, 12, 1, 8), utc(2026, 12, 1, 9))]
    assert subtract(shared, busy) == [
        (utc(2026, 12, 1, 7), utc(2026, 12, 1, 8)),
        (utc(2026, 12, 1, 9), utc(2026, 12, 1, 10)),
    ]


# ---------------------------------------------------------------------------------- round trip


@pytest.mark.parametrize(
    "text",
    [
        "mon-fri 22:00-02:00",
        "sun-thu 23:30-07:30",
        "mon-fri 09:00-12:00,20:00-01:00; sat 10:00-14:00",
        "fri 18:00-24:00; sat 00:00-04:00",
    ],
)
def test_night_hours_round_trip_through_text(text: str) -> None:
    hours = parse_week_hours(text)
    assert format_week_hours(hours) == text.replace("sun-thu", "mon-thu,sun")
    assert parse_week_hours(format_week_hours(hours)) == hours


# ---------------------------------------------------------------------------------- properties

ZONES = [
    "America/New_York",
    "Europe/Ljubljana",
    "Australia/Sydney",
    "Australia/Lord_Howe",
    "Asia/Kathmandu",
    "America/St_Johns",
    "UTC",
]


@st.composite
def night_hours(draw: st.DrawFn) -> WeekHours:
    """Up to two ranges a day, each possibly past midnight."""
    days = []
    for _ in range(7):
        ranges = []
        for _ in range(draw(st.integers(0, 2))):
            start = draw(st.integers(0, 95)) * 15
            length = draw(st.integers(1, 95)) * 15
            end = (start + length) % 1440
            ranges.append(TimeRange(time(start // 60, start % 60), time(end // 60, end % 60)))
        days.append(tuple(ranges))
    return WeekHours(tuple(days))


instants = st.integers(min_value=0, max_value=365 * 24 * 60).map(
    lambda minute: utc(2026, 1, 1) + timedelta(minutes=minute)
)


@settings(max_examples=150, deadline=None)
@given(night_hours(), st.sampled_from(ZONES), instants)
def test_in_hours_agrees_with_the_oracle_windows(
    hours: WeekHours, zone: str, instant: datetime
) -> None:
    # The oracle's windows: every range of the two days before and the day of ``instant``,
    # resolved wall time by wall time.
    local_day = instant.astimezone(ZoneInfo(zone)).date()
    inside = False
    for back in range(3):
        day = local_day - timedelta(days=back)
        midnight = datetime.combine(day, time(0))
        for window in hours.for_weekday(day.weekday()):
            start = zone_oracle.resolve(midnight + timedelta(minutes=window.start_minute), zone)[0]
            end = zone_oracle.resolve(midnight + timedelta(minutes=window.end_minute), zone)[0]
            inside = inside or start <= instant < end
    assert in_hours(hours, zone, instant) is inside


@settings(max_examples=100, deadline=None)
@given(night_hours(), st.sampled_from(ZONES), instants, st.integers(1, 3000))
def test_add_business_minutes_counts_night_hours(
    hours: WeekHours, zone: str, start: datetime, minutes: int
) -> None:
    if hours.weekly_minutes == 0:
        return
    end = add_business_minutes(hours, zone, start, minutes)
    assert total_minutes(windows_between(hours, zone, start, end)) == minutes
    assert in_hours(hours, zone, end - timedelta(minutes=1))
