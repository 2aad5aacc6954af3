"""World clock rows, the home-aligned ruler, the slot finder and DST alerts.

Expected instants are UTC literals from the 2026/2027 DST dates, never computed by the code
under test.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from vaplanner.core.hours import Interval
from vaplanner.core.models import Client, Meeting, WeekHours
from vaplanner.core.times import week_hours
from vaplanner.core.worldclock import (
    clock_row,
    dst_alerts,
    find_slots,
    hour_ruler,
    offset_between,
    ruler_cells,
    slot_step,
)

HOME = "Europe/Ljubljana"
NINE_TO_FIVE = WeekHours()
SATURDAY_NOW = datetime(2026, 11, 28, 13, 32, tzinfo=UTC)  # 14:32 in Ljubljana


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def client(name: str, tz: str, hours: WeekHours = NINE_TO_FIVE) -> Client:
    return Client(name=name, tz=tz, hours=hours, id=len(name))


# ---------------------------------------------------------------------------------- clock


@pytest.mark.parametrize(
    ("tz", "local", "offset", "from_home", "other_date", "change", "next_offset"),
    [
        ("America/New_York", "08:32", "-05:00", "-6", None, utc(2027, 3, 14, 7), "-04:00"),
        ("Europe/London", "13:32", "+00:00", "-1", None, utc(2027, 3, 28, 1), "+01:00"),
        (
            "Australia/Sydney",
            "00:32",
            "+11:00",
            "+10",
            date(2026, 11, 29),
            utc(2027, 4, 3, 16),
            "+10:00",
        ),
        ("Asia/Kolkata", "19:02", "+05:30", "+4:30", None, None, None),
        ("Asia/Kathmandu", "19:17", "+05:45", "+4:45", None, None, None),
        (
            "Pacific/Auckland",
            "02:32",
            "+13:00",
            "+12",
            date(2026, 11, 29),
            utc(2027, 4, 3, 14),
            "+12:00",
        ),
        ("America/St_Johns", "10:02", "-03:30", "-4:30", None, utc(2027, 3, 14, 5, 30), "-02:30"),
        ("Europe/Ljubljana", "14:32", "+01:00", "0", None, utc(2027, 3, 28, 1), "+02:00"),
    ],
)
def test_clock_row(
    tz: str,
    local: str,
    offset: str,
    from_home: str,
    other_date: date | None,
    change: datetime | None,
    next_offset: str | None,
) -> None:
    row = clock_row(client("C", tz), HOME, SATURDAY_NOW)
    assert f"{row.local:%H:%M}" == local
    assert row.utc_offset == offset
    assert row.from_home == from_home
    assert row.other_date == other_date
    assert row.next_change == change
    assert row.next_offset == next_offset
    # Saturday in Ljubljana; Sunday already in Sydney and Auckland: nobody is at work.
    assert row.state == "weekend" and not row.in_hours


@pytest.mark.parametrize(
    ("tz", "state"),
    [
        ("America/New_York", "in"),  # Mon 10:00
        ("Europe/London", "in"),  # Mon 15:00
        ("Europe/Ljubljana", "in"),  # Mon 16:00
        ("Australia/Sydney", "out"),  # Tue 02:00
        ("Asia/Kolkata", "out"),  # Mon 20:30
        ("America/St_Johns", "in"),  # Mon 11:30
    ],
)
def test_clock_states_on_a_weekday(tz: str, state: str) -> None:
    row = clock_row(client("C", tz), HOME, utc(2026, 11, 30, 15))
    assert row.state == state
    assert row.in_hours is (state == "in")


def test_clock_state_ending_counts_as_in_hours() -> None:
    row = clock_row(client("C", "Asia/Kathmandu"), HOME, utc(2026, 11, 30, 11))  # 16:45
    assert (row.state, row.in_hours) == ("ending", True)


def test_offset_between_changes_in_the_weeks_between_us_and_eu_changes() -> None:
    assert offset_between("America/New_York", HOME, utc(2026, 3, 1)) == "-6"
    assert offset_between("America/New_York", HOME, utc(2026, 3, 15)) == "-5"
    assert offset_between("America/New_York", HOME, utc(2026, 4, 1)) == "-6"
    assert offset_between(HOME, "America/St_Johns", utc(2026, 4, 1)) == "+4:30"


# ---------------------------------------------------------------------------------- ruler


def test_ruler_new_york_seen_from_ljubljana() -> None:
    ruler = hour_ruler(NINE_TO_FIVE, "America/New_York", HOME, date(2026, 11, 30))
    # Monday: until 06:00 home it is still Sunday in New York (no hours at all that day).
    assert ruler == ["off"] * 6 + ["out"] * 9 + ["in"] * 8 + ["out"]


def test_ruler_kathmandu_marks_partial_hours() -> None:
    ruler = hour_ruler(NINE_TO_FIVE, "Asia/Kathmandu", HOME, date(2026, 11, 30))
    # 09:00-17:00 in Kathmandu is 04:15-12:15 in Ljubljana.
    assert ruler == ["out"] * 4 + ["part"] + ["in"] * 7 + ["part"] + ["out"] * 11


@pytest.mark.parametrize(("day", "cells"), [(date(2026, 3, 29), 23), (date(2026, 10, 25), 25)])
def test_ruler_has_one_cell_per_real_hour_on_change_days(day: date, cells: int) -> None:
    ruler = ruler_cells(week_hours("09:00-17:00", "daily"), "Europe/London", HOME, day)
    assert len(ruler) == cells
    assert ruler[1].start - ruler[0].start == timedelta(hours=1)
    # London keeps one hour behind Ljubljana through the EU change: in from 10:00 to 18:00.
    in_hours = [f"{cell.home_local:%H}" for cell in ruler if cell.state == "in"]
    assert in_hours == [f"{h:02d}" for h in range(10, 18)]


def test_ruler_of_a_night_shift_seen_from_ljubljana() -> None:
    # Los Angeles 22:00-02:00 Monday to Friday is 07:00-11:00 in Ljubljana the next morning.
    nights = week_hours("22:00-02:00", "mon-fri")
    monday = hour_ruler(nights, "America/Los_Angeles", HOME, date(2026, 11, 30))
    # Until 09:00 home it is Sunday in LA (no shift starts that day): off.
    assert monday == ["off"] * 9 + ["out"] * 15
    tuesday = hour_ruler(nights, "America/Los_Angeles", HOME, date(2026, 12, 1))
    assert tuesday == ["out"] * 7 + ["in"] * 4 + ["out"] * 13
    # Saturday morning: Friday's shift, then a Saturday without one.
    saturday = hour_ruler(nights, "America/Los_Angeles", HOME, date(2026, 12, 5))
    assert saturday == ["out"] * 7 + ["in"] * 4 + ["off"] * 13


def test_slots_with_a_night_shift_client_on_a_us_change_night() -> None:
    # New York 22:00-04:00 every night; the VA works 02:00-10:00 UTC. On the night of
    # Sat 7 Mar 2026 the US springs forward: 22:00 EST (03:00 UTC) to 04:00 EDT (08:00 UTC).
    result = find_slots(
        [(week_hours("22:00-04:00", "daily"), "America/New_York")],
        work_hours=week_hours("02:00-10:00", "daily"),
        home_tz="UTC",
        first_day=date(2026, 3, 7),
        days=3,
        duration_minutes=60,
    )
    assert result.windows == [
        (utc(2026, 3, 7, 3), utc(2026, 3, 7, 9)),  # Fri night, EST: 03:00-09:00 UTC
        (utc(2026, 3, 8, 3), utc(2026, 3, 8, 8)),  # the change night: five real hours
        (utc(2026, 3, 9, 2), utc(2026, 3, 9, 8)),  # EDT: 02:00-08:00 UTC
    ]
    assert len(result.slots) == 21 + 17 + 21  # 15-minute steps


# ---------------------------------------------------------------------------------- slots


def days_of(intervals: list[Interval]) -> dict[date, list[Interval]]:
    grouped: dict[date, list[Interval]] = {}
    for start, end in intervals:
        grouped.setdefault(start.date(), []).append((start, end))
    return grouped


def test_windows_follow_the_us_change_before_the_eu_one() -> None:
    result = find_slots(
        [(NINE_TO_FIVE, "America/New_York")],
        work_hours=NINE_TO_FIVE,
        home_tz=HOME,
        first_day=date(2026, 3, 2),
        days=14,
        duration_minutes=60,
    )
    assert result.windows == [(utc(2026, 3, d, 14), utc(2026, 3, d, 16)) for d in range(2, 7)] + [
        (utc(2026, 3, d, 13), utc(2026, 3, d, 16)) for d in range(9, 14)
    ]
    per_day = days_of(result.slots)
    assert len(per_day[date(2026, 3, 2)]) == 5  # 14:00 .. 15:00 UTC
    assert len(per_day[date(2026, 3, 9)]) == 9  # 13:00 .. 15:00 UTC
    assert result.slots[0] == (utc(2026, 3, 2, 14), utc(2026, 3, 2, 15))
    assert result.start == utc(2026, 3, 1, 23) and result.end == utc(2026, 3, 15, 23)


def test_slots_leave_meetings_and_blocks_out_but_windows_do_not() -> None:
    busy = [
        (utc(2026, 3, 3, 14, 30), utc(2026, 3, 3, 15)),  # a meeting
        (utc(2026, 3, 10, 13), utc(2026, 3, 10, 13, 20)),  # a block
    ]
    result = find_slots(
        [(NINE_TO_FIVE, "America/New_York")],
        work_hours=NINE_TO_FIVE,
        home_tz=HOME,
        first_day=date(2026, 3, 2),
        days=14,
        duration_minutes=60,
        busy=busy,
    )
    assert (utc(2026, 3, 3, 14), utc(2026, 3, 3, 16)) in result.windows
    per_day = days_of(result.slots)
    assert [s for s, _ in per_day[date(2026, 3, 3)]] == [utc(2026, 3, 3, 15)]
    assert [s for s, _ in per_day[date(2026, 3, 10)]][0] == utc(2026, 3, 10, 13, 30)
    assert len(per_day[date(2026, 3, 10)]) == 7


@pytest.mark.parametrize(
    ("first_day", "expected"),
    [
        (date(2026, 3, 6), (utc(2026, 3, 6, 14), utc(2026, 3, 6, 16))),
        (date(2026, 3, 27), (utc(2026, 3, 27, 13), utc(2026, 3, 27, 16))),
        (date(2026, 3, 30), (utc(2026, 3, 30, 13), utc(2026, 3, 30, 15))),
    ],
)
def test_three_zones_share_a_window_that_grows_and_shrinks(
    first_day: date, expected: Interval
) -> None:
    result = find_slots(
        [(NINE_TO_FIVE, "America/New_York"), (NINE_TO_FIVE, "Europe/London")],
        work_hours=NINE_TO_FIVE,
        home_tz=HOME,
        first_day=first_day,
        days=1,
        duration_minutes=30,
    )
    assert result.windows == [expected]


def test_no_shared_hours_means_no_slots() -> None:
    result = find_slots(
        [(NINE_TO_FIVE, "America/New_York"), (NINE_TO_FIVE, "Australia/Sydney")],
        work_hours=NINE_TO_FIVE,
        home_tz=HOME,
        first_day=date(2026, 11, 30),
        days=5,
        duration_minutes=30,
    )
    assert result.windows == [] and result.slots == []


def test_only_clients_leaves_the_vas_hours_out() -> None:
    result = find_slots(
        [(NINE_TO_FIVE, "America/New_York")],
        work_hours=NINE_TO_FIVE,
        home_tz=HOME,
        first_day=date(2026, 11, 30),
        days=1,
        duration_minutes=30,
        only_clients=True,
    )
    assert result.windows == [(utc(2026, 11, 30, 14), utc(2026, 11, 30, 22))]


def test_kathmandu_slots_on_the_quarter_hour_and_not_before_now() -> None:
    result = find_slots(
        [(NINE_TO_FIVE, "Asia/Kathmandu")],
        work_hours=NINE_TO_FIVE,
        home_tz=HOME,
        first_day=date(2026, 11, 30),
        days=1,
        duration_minutes=30,
        not_before=utc(2026, 11, 30, 9, 7),
    )
    assert result.windows == [(utc(2026, 11, 30, 8), utc(2026, 11, 30, 11, 15))]
    starts = [s for s, _ in result.slots]
    assert starts[0] == utc(2026, 11, 30, 9, 15)
    assert starts[-1] == utc(2026, 11, 30, 10, 45)
    assert len(starts) == 7


def test_long_meetings_step_every_half_hour() -> None:
    assert (slot_step(30), slot_step(90), slot_step(120)) == (15, 15, 30)
    result = find_slots(
        [],
        work_hours=NINE_TO_FIVE,
        home_tz="Asia/Kathmandu",
        first_day=date(2026, 11, 30),
        days=1,
        duration_minutes=120,
        not_before=utc(2026, 11, 30, 3, 20),  # 09:05 in Kathmandu
    )
    # Half-hour grid on the home (Kathmandu) clock: 09:30 .. 15:00 local.
    starts = [s for s, _ in result.slots]
    assert starts[0] == utc(2026, 11, 30, 3, 45)
    assert starts[-1] == utc(2026, 11, 30, 9, 15)


def test_days_must_be_positive() -> None:
    with pytest.raises(ValueError):
        find_slots(
            [],
            work_hours=NINE_TO_FIVE,
            home_tz=HOME,
            first_day=date(2026, 11, 30),
            days=0,
            duration_minutes=30,
        )


# ------------------------------------------------------------------------------ DST alerts


def weekly(wall: datetime, tz: str, id: int = 1, title: str = "Acme call") -> Meeting:
    return Meeting(client_id=1, title=title, start_local=wall, tz=tz, id=id, every="weekly")


def test_alert_when_the_us_changes_before_europe() -> None:
    call = weekly(datetime(2026, 2, 24, 9), "America/New_York")
    alerts = dst_alerts([call], HOME, utc(2026, 3, 1))
    assert [alert.message for alert in alerts] == [
        "from 10 Mar the Acme call is at 14:00, not 15:00"
    ]
    assert alerts[0].start == utc(2026, 3, 10, 13)
    assert alerts[0].day == date(2026, 3, 10)


def test_alert_when_europe_catches_up() -> None:
    call = weekly(datetime(2026, 2, 24, 9), "America/New_York")
    alerts = dst_alerts([call], HOME, utc(2026, 3, 20), label={1: "Acme call"})
    assert [a.message for a in alerts] == ["from 31 Mar the Acme call is at 15:00, not 14:00"]


def test_alerts_from_both_zones_and_none_outside_the_horizon() -> None:
    sydney = weekly(datetime(2026, 3, 2, 9), "Australia/Sydney", id=2, title="Koala sync")
    alerts = dst_alerts([sydney], HOME, utc(2026, 3, 20), label=lambda m: m.title)
    # Mon 09:00 Sydney: Sun 23:00 CET, then Mon 00:00 CEST (EU change), then 01:00 (AU change).
    assert [(a.day, a.old_time, a.new_time) for a in alerts] == [
        (date(2026, 3, 30), "23:00", "00:00"),
        (date(2026, 4, 6), "00:00", "01:00"),
    ]
    assert dst_alerts([sydney], HOME, utc(2026, 3, 20), days=7) == []


def test_no_alert_for_one_offs_home_zone_or_steady_offsets() -> None:
    one_off = Meeting(1, "Once", datetime(2026, 3, 10, 9), "America/New_York", id=3)
    at_home = weekly(datetime(2026, 3, 3, 9), HOME, id=4)
    assert dst_alerts([one_off, at_home], HOME, utc(2026, 3, 1)) == []
    kolkata = weekly(datetime(2026, 3, 3, 9), "Asia/Kolkata", id=5)
    assert dst_alerts([kolkata], "Asia/Kathmandu", utc(2026, 3, 1), days=60) == []
