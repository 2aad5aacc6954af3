"""Meetings expanded in their own zone: DST in one zone only, gaps, folds, elapsed durations.

Expected instants are UTC literals from the 2026 DST dates (US: 8 Mar / 1 Nov; EU: 29 Mar /
25 Oct; Sydney and Auckland: 5 Apr, then 4 Oct / 27 Sep), checked against zoneinfo.
"""

from __future__ import annotations

import calendar
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vaplanner.core.hours import intersect
from vaplanner.core.models import Meeting
from vaplanner.core.recur import (
    Occurrence,
    describe_rule,
    next_occurrence,
    occurrences,
    occurrences_many,
    wall_starts,
)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def meeting(
    wall: datetime,
    tz: str,
    *,
    every: str | None = "weekly",
    minutes: int = 60,
    until: date | None = None,
    exdates: tuple[datetime, ...] = (),
    id: int = 1,
    title: str = "Acme call",
) -> Meeting:
    return Meeting(
        client_id=1,
        title=title,
        start_local=wall,
        tz=tz,
        id=id,
        duration_minutes=minutes,
        every=every,  # type: ignore[arg-type]
        until=until,
        exdates=exdates,
    )


def starts(found: list[Occurrence]) -> list[datetime]:
    return [occ.start for occ in found]


def home(instant: datetime, tz: str = "Europe/Ljubljana") -> str:
    return instant.astimezone(ZoneInfo(tz)).strftime("%H:%M")


def test_weekly_new_york_call_keeps_its_wall_time_through_both_changes() -> None:
    call = meeting(datetime(2026, 2, 24, 9, 0), "America/New_York")  # Tuesdays 09:00
    found = occurrences(call, utc(2026, 2, 20), utc(2026, 4, 10))
    assert starts(found) == [
        utc(2026, 2, 24, 14),
        utc(2026, 3, 3, 14),
        utc(2026, 3, 10, 13),  # the US has changed, Europe not yet
        utc(2026, 3, 17, 13),
        utc(2026, 3, 24, 13),
        utc(2026, 3, 31, 13),  # both changed
        utc(2026, 4, 7, 13),
    ]
    # On the VA's grid in Ljubljana it moves to 14:00 for three weeks, then back to 15:00.
    assert [home(occ.start) for occ in found] == [
        "15:00",
        "15:00",
        "14:00",
        "14:00",
        "14:00",
        "15:00",
        "15:00",
    ]
    for occ in found:
        assert occ.start.astimezone(ZoneInfo("America/New_York")).strftime("%H:%M") == "09:00"
        assert occ.end - occ.start == timedelta(hours=1)
        assert occ.recurring and occ.note is None


@pytest.mark.parametrize(
    ("wall", "tz", "first_utc", "after_change_utc", "weeks_to_change"),
    [
        # Tuesdays, starting well before each zone's change; the occurrence after the change.
        (datetime(2026, 3, 3, 9), "Europe/London", utc(2026, 3, 3, 9), utc(2026, 3, 31, 8), 4),
        (datetime(2026, 3, 3, 9), "Europe/Ljubljana", utc(2026, 3, 3, 8), utc(2026, 3, 31, 7), 4),
        (datetime(2026, 3, 3, 9), "America/St_Johns", utc(2026, 3, 3, 12, 30), None, 1),
        (datetime(2026, 3, 17, 9), "Australia/Sydney", utc(2026, 3, 16, 22), None, 3),
        (datetime(2026, 9, 15, 9), "Pacific/Auckland", utc(2026, 9, 14, 21), None, 2),
        (
            datetime(2026, 3, 3, 9),
            "Asia/Kolkata",
            utc(2026, 3, 3, 3, 30),
            utc(2026, 3, 31, 3, 30),
            4,
        ),
        (
            datetime(2026, 3, 3, 9),
            "Asia/Kathmandu",
            utc(2026, 3, 3, 3, 15),
            utc(2026, 3, 31, 3, 15),
            4,
        ),
    ],
)
def test_weekly_meetings_in_each_zone(
    wall: datetime,
    tz: str,
    first_utc: datetime,
    after_change_utc: datetime | None,
    weeks_to_change: int,
) -> None:
    call = meeting(wall, tz)
    found = occurrences(call, first_utc - timedelta(hours=1), first_utc + timedelta(days=60))
    assert found[0].start == first_utc
    zone = ZoneInfo(tz)
    for occ in found:
        # Every occurrence is 09:00 on the wall there, and the instants agree with zoneinfo.
        local = occ.start.astimezone(zone)
        assert (local.hour, local.minute) == (9, 0)
        assert occ.wall is not None
        assert occ.start == occ.wall.replace(tzinfo=zone).astimezone(UTC)
    if after_change_utc is not None:
        assert found[weeks_to_change].start == after_change_utc
    else:
        offsets = {occ.start.astimezone(zone).utcoffset() for occ in found}
        assert len(offsets) == 2  # the zone changed within the range


def test_overlaps_shrink_vanish_and_grow_when_only_one_zone_changes() -> None:
    ny = meeting(datetime(2026, 3, 3, 9), "America/New_York", minutes=90, id=1)
    lj = meeting(datetime(2026, 3, 3, 15), "Europe/Ljubljana", minutes=60, id=2)
    lj_short = meeting(datetime(2026, 3, 3, 15, 30), "Europe/Ljubljana", minutes=30, id=3)

    def shared(other: Meeting, day: int) -> int:
        span = (utc(2026, 3, day), utc(2026, 3, day) + timedelta(days=1))
        a = [(o.start, o.end) for o in occurrences(ny, *span)]
        b = [(o.start, o.end) for o in occurrences(other, *span)]
        return sum(int((e - s).total_seconds()) // 60 for s, e in intersect(a, b))

    assert [shared(lj, d) for d in (3, 10, 31)] == [60, 30, 60]  # shrinks, then grows
    assert [shared(lj_short, d) for d in (3, 10, 31)] == [30, 0, 30]  # vanishes between


@pytest.mark.parametrize(
    ("wall", "tz", "minutes", "start", "wall_end"),
    [
        # A 3-hour meeting over the New York fall-back: 3 real hours, 2 on the wall.
        (datetime(2026, 11, 1, 0, 0), "America/New_York", 180, utc(2026, 11, 1, 4), "02:00"),
        # Crossing midnight and the change at once (Saturday 23:00 -> Sunday 01:00 EST).
        (datetime(2026, 10, 31, 23, 0), "America/New_York", 180, utc(2026, 11, 1, 3), "01:00"),
        # Sydney fall-back at 03:00 AEDT: 23:30 + 4h ends at 02:30 AEST (the second one).
        (datetime(2026, 4, 4, 23, 30), "Australia/Sydney", 240, utc(2026, 4, 4, 12, 30), "02:30"),
        # Spring forward: a 2-hour meeting from 01:00 ends at 04:00 on the wall.
        (datetime(2026, 3, 8, 1, 0), "America/New_York", 120, utc(2026, 3, 8, 6), "04:00"),
        # St John's falls back at 02:00 NDT: 23:30 + 3h ends 01:30 NST.
        (datetime(2026, 10, 31, 23, 30), "America/St_Johns", 180, utc(2026, 11, 1, 2), "01:30"),
    ],
)
def test_duration_is_elapsed_time(
    wall: datetime, tz: str, minutes: int, start: datetime, wall_end: str
) -> None:
    call = meeting(wall, tz, every=None, minutes=minutes)
    (occ,) = occurrences(call, start - timedelta(days=1), start + timedelta(days=1))
    assert occ.start == start
    assert occ.end == start + timedelta(minutes=minutes)
    assert occ.end.astimezone(ZoneInfo(tz)).strftime("%H:%M") == wall_end


def test_weekly_meeting_in_the_gap_is_resolved_and_noted() -> None:
    call = meeting(datetime(2026, 3, 1, 2, 30), "America/New_York")  # Sundays 02:30
    found = occurrences(call, utc(2026, 2, 28), utc(2026, 3, 16))
    assert starts(found) == [
        utc(2026, 3, 1, 7, 30),
        utc(2026, 3, 8, 7, 30),
        utc(2026, 3, 15, 6, 30),
    ]
    assert [occ.note is not None for occ in found] == [False, True, False]
    assert found[1].note is not None and "does not exist" in found[1].note


def test_weekly_meeting_in_the_fold_takes_the_first() -> None:
    call = meeting(datetime(2026, 10, 25, 1, 30), "America/New_York")  # Sundays 01:30
    found = occurrences(call, utc(2026, 10, 24), utc(2026, 11, 9))
    assert starts(found) == [
        utc(2026, 10, 25, 5, 30),
        utc(2026, 11, 1, 5, 30),  # 01:30 EDT, the first of the two
        utc(2026, 11, 8, 6, 30),
    ]
    assert found[1].note is not None and "happens twice" in found[1].note


def test_biweekly_and_until_inclusive_in_the_meetings_zone() -> None:
    # Auckland Tuesdays 08:00 (Monday evening UTC); until is a date in Auckland.
    call = meeting(
        datetime(2026, 6, 2, 8), "Pacific/Auckland", every="biweekly", until=date(2026, 6, 30)
    )
    found = occurrences(call, utc(2026, 5, 1), utc(2026, 12, 1))
    assert starts(found) == [utc(2026, 6, 1, 20), utc(2026, 6, 15, 20), utc(2026, 6, 29, 20)]


def test_until_is_a_date_in_the_zone_even_when_utc_is_the_next_day() -> None:
    # New York Tuesdays 20:00 EDT are Wednesdays 00:00 UTC; until Tue 16 Jun keeps 16 Jun.
    call = meeting(datetime(2026, 6, 2, 20), "America/New_York", until=date(2026, 6, 16))
    found = occurrences(call, utc(2026, 5, 1), utc(2026, 12, 1))
    assert starts(found) == [utc(2026, 6, 3), utc(2026, 6, 10), utc(2026, 6, 17)]


def test_until_before_start_means_no_occurrences() -> None:
    call = meeting(datetime(2026, 6, 2, 8), "UTC", until=date(2026, 6, 1))
    assert occurrences(call, utc(2026, 1, 1), utc(2027, 1, 1)) == []


def test_monthly_on_the_31st_skips_short_months() -> None:
    call = meeting(datetime(2026, 1, 31, 10), "Europe/London", every="monthly")
    found = occurrences(call, utc(2026, 1, 1), utc(2027, 1, 1))
    assert [occ.start.date() for occ in found] == [
        date(2026, 1, 31),
        date(2026, 3, 31),
        date(2026, 5, 31),
        date(2026, 7, 31),
        date(2026, 8, 31),
        date(2026, 10, 31),
        date(2026, 12, 31),
    ]
    # 10:00 London: GMT in winter, BST in summer.
    assert found[0].start == utc(2026, 1, 31, 10)
    assert found[1].start == utc(2026, 3, 31, 9)


def test_exdates_are_skipped() -> None:
    call = meeting(datetime(2026, 11, 3, 9), "Asia/Kolkata", exdates=(datetime(2026, 11, 10, 9),))
    found = occurrences(call, utc(2026, 11, 1), utc(2026, 11, 20))
    assert starts(found) == [utc(2026, 11, 3, 3, 30), utc(2026, 11, 17, 3, 30)]


def test_an_occurrence_running_into_the_range_is_included() -> None:
    call = meeting(datetime(2026, 11, 27, 23, 30), "UTC", every=None, minutes=60)
    assert len(occurrences(call, utc(2026, 11, 28), utc(2026, 11, 29))) == 1
    assert occurrences(call, utc(2026, 11, 28, 0, 30), utc(2026, 11, 29)) == []
    assert occurrences(call, utc(2026, 11, 28), utc(2026, 11, 28)) == []


def test_one_off_meeting() -> None:
    call = meeting(datetime(2026, 12, 1, 9, 15), "Asia/Kathmandu", every=None)
    (occ,) = occurrences(call, utc(2026, 11, 1), utc(2027, 1, 1))
    assert (occ.start, occ.recurring) == (utc(2026, 12, 1, 3, 30), False)
    assert occurrences(call, utc(2026, 12, 2), utc(2027, 1, 1)) == []


def test_occurrences_many_sorted_by_start() -> None:
    a = meeting(datetime(2026, 11, 30, 9), "America/New_York", id=1, title="NY")
    b = meeting(datetime(2026, 11, 30, 9), "Europe/London", id=2, title="London")
    c = meeting(datetime(2026, 11, 30, 9), "Australia/Sydney", id=3, title="Sydney")
    found = occurrences_many([a, b, c], utc(2026, 11, 29), utc(2026, 12, 1))
    assert [occ.meeting.title for occ in found] == ["Sydney", "London", "NY"]
    assert starts(found) == [utc(2026, 11, 29, 22), utc(2026, 11, 30, 9), utc(2026, 11, 30, 14)]


def test_next_occurrence() -> None:
    call = meeting(datetime(2026, 1, 6, 9), "Europe/Ljubljana")
    occ = next_occurrence(call, utc(2026, 11, 28, 13, 32))
    assert occ is not None and occ.start == utc(2026, 12, 1, 8)
    ended = replace(call, until=date(2026, 2, 1))
    assert next_occurrence(ended, utc(2026, 11, 28)) is None
    one_off = meeting(datetime(2027, 6, 1, 9), "UTC", every=None)
    found = next_occurrence(one_off, utc(2026, 11, 28))
    assert found is not None and found.start == utc(2027, 6, 1, 9)
    assert next_occurrence(one_off, utc(2027, 6, 2)) is None


@pytest.mark.parametrize(
    ("call", "text"),
    [
        (
            meeting(datetime(2026, 3, 3, 9), "America/New_York", until=date(2026, 12, 31)),
            "every Tue 09:00 America/New_York until 31 Dec 2026",
        ),
        (
            meeting(datetime(2026, 3, 4, 9), "UTC", every="biweekly"),
            "every other Wed 09:00 UTC",
        ),
        (
            meeting(datetime(2026, 1, 31, 10), "Europe/London", every="monthly"),
            "monthly on day 31 at 10:00 Europe/London",
        ),
        (
            meeting(datetime(2026, 12, 1, 9, 15), "Asia/Kathmandu", every=None),
            "Tue 1 Dec 2026 09:15 Asia/Kathmandu",
        ),
    ],
)
def test_describe_rule(call: Meeting, text: str) -> None:
    assert describe_rule(call) == text


@settings(max_examples=60, deadline=None)
@given(
    st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2026, 12, 31)),
    st.sampled_from(["weekly", "biweekly", "monthly"]),
    st.integers(min_value=0, max_value=3 * 365),
    st.integers(min_value=1, max_value=70),
)
def test_wall_starts_match_plain_calendar_arithmetic(
    start: datetime, every: str, offset_days: int, span_days: int
) -> None:
    start = start.replace(second=0, microsecond=0)
    call = meeting(start, "UTC", every=every)
    first = start + timedelta(days=offset_days)
    last = first + timedelta(days=span_days)
    expected: list[datetime] = []
    if every == "monthly":
        year, month = start.year, start.month
        while datetime(year, month, 1) <= last:
            if start.day <= calendar.monthrange(year, month)[1]:
                wall = start.replace(year=year, month=month)
                if first <= wall <= last:
                    expected.append(wall)
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    else:
        step = timedelta(weeks=2 if every == "biweekly" else 1)
        wall = start
        while wall <= last:
            if wall >= first:
                expected.append(wall)
            wall += step
    assert wall_starts(call, first, last) == expected


@settings(max_examples=300, deadline=None)
@given(
    start=st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 12, 31)),
    every=st.sampled_from(["weekly", "biweekly"]),
    until_days=st.none() | st.integers(min_value=0, max_value=800),
    window_from=st.integers(min_value=-400, max_value=2000),
    window_days=st.integers(min_value=0, max_value=60),
)
def test_weekly_walls_are_what_dateutil_rrule_yields(
    start: datetime, every: str, until_days: int | None, window_from: int, window_days: int
) -> None:
    """Weekly series are stepped in whole weeks of wall time instead of through rrule (whose
    import and walk the first screen would pay); the result must be rrule's, to the second."""
    from dateutil import rrule as rr

    start = start.replace(microsecond=0)
    until = (start + timedelta(days=until_days)).date() if until_days is not None else None
    meeting = Meeting(1, "Sync", start, "America/New_York", every=every, until=until)  # type: ignore[arg-type]
    first = start + timedelta(days=window_from)
    last = first + timedelta(days=window_days)
    interval = 2 if every == "biweekly" else 1
    rule_until = datetime.combine(until, datetime.max.time()) if until else None
    expected = rr.rrule(rr.WEEKLY, dtstart=start, interval=interval, until=rule_until)
    assert wall_starts(meeting, first, last) == list(expected.between(first, last, inc=True))
