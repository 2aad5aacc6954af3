"""Extra dates (RDATE) of an event become one-off meetings with stable, derived UIDs.

Expected instants come from ``zoneinfo`` here, never from the code under test.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import FIXED_NOW
from vaplanner.core.ical import export_calendar
from vaplanner.core.ical_merge import plan_import
from vaplanner.core.ical_read import ReadResult, read_calendar
from vaplanner.core.models import Meeting
from vaplanner.core.times import resolve_wall

HOME = "Europe/Ljubljana"
NY = "America/New_York"
UID = "series-1@example.com"


def ics(*lines: str, more: tuple[str, ...] = ()) -> bytes:
    body = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//test//EN",
        "BEGIN:VEVENT",
        f"UID:{UID}",
        "DTSTAMP:20261120T100000Z",
        "SUMMARY:Sync",
        "DTSTART;TZID=America/New_York:20261201T090000",
        "DTEND;TZID=America/New_York:20261201T093000",
        *lines,
        "END:VEVENT",
        *more,
        "END:VCALENDAR",
        "",
    ]
    return "\r\n".join(body).encode()


def read(data: bytes) -> ReadResult:
    return read_calendar(data, home_tz=HOME)


def by_uid(result: ReadResult) -> dict[str, Meeting]:
    return {m.uid: m for m in result.meetings}


def instant(meeting: Meeting) -> datetime:
    return resolve_wall(meeting.start_local, meeting.tz)[0]


def utc(wall: datetime, tz: str) -> datetime:
    return wall.replace(tzinfo=ZoneInfo(tz)).astimezone(UTC)


def test_extra_dates_of_a_series_become_one_offs() -> None:
    result = read(
        ics(
            "RRULE:FREQ=WEEKLY;COUNT=4",
            # 3 Dec and 20 Mar (after the US change: the wall time stays 14:00 New York)
            "RDATE;TZID=America/New_York:20261203T140000,20270320T140000",
            "RDATE;VALUE=PERIOD:20261205T150000Z/PT2H",
        )
    )
    found = by_uid(result)
    assert set(found) == {
        UID,
        f"{UID}#20261203T1400",
        f"{UID}#20270320T1400",
        f"{UID}#20261205T1500",
    }
    series = found[UID]
    assert (series.every, series.until) == ("weekly", datetime(2026, 12, 22).date())
    march = found[f"{UID}#20270320T1400"]
    assert (march.every, march.tz, march.duration_minutes) == (None, NY, 30)
    assert instant(march) == utc(datetime(2027, 3, 20, 14), NY)  # EDT: 18:00Z
    period = found[f"{UID}#20261205T1500"]
    assert instant(period) == datetime(2026, 12, 5, 15, tzinfo=UTC)
    assert period.duration_minutes == 120 and period.tz == NY
    assert period.title == "Sync" and period.sequence == series.sequence
    assert any("3 extra date(s) (RDATE) became one-off meetings" in n for n in result.notes)
    assert result.series == (UID,)


@pytest.mark.parametrize(
    ("lines", "kept"),
    [
        # an extra date the rule already has is counted once
        (("RRULE:FREQ=WEEKLY;COUNT=4", "RDATE;TZID=America/New_York:20261208T090000"), set()),
        # EXDATE removes extra dates too (RFC 5545 3.8.5.1)
        (("RRULE:FREQ=WEEKLY;COUNT=4", "RDATE;TZID=America/New_York:20261210T090000",
          "EXDATE;TZID=America/New_York:20261210T090000"), set()),
        # without a rule: the event and its extra dates (UTC read in the event's zone)
        (("RDATE:20261210T140000Z,20261201T140000Z",), {f"{UID}#20261210T1400"}),
        # floating extra dates are wall times in the event's zone; a date takes its time
        (("RDATE:20261211T100000",), {f"{UID}#20261211T1000"}),
        (("RDATE;VALUE=DATE:20261212",), {f"{UID}#20261212T0000"}),
    ],
)  # fmt: skip
def test_which_extra_dates_are_kept(lines: tuple[str, ...], kept: set[str]) -> None:
    found = by_uid(read(ics(*lines)))
    assert set(found) - {UID} == kept
    for uid in kept:
        assert found[uid].tz == NY and found[uid].every is None
    if f"{UID}#20261210T1400" in kept:
        assert instant(found[f"{UID}#20261210T1400"]) == datetime(2026, 12, 10, 14, tzinfo=UTC)
    if f"{UID}#20261212T0000" in kept:
        assert found[f"{UID}#20261212T0000"].start_local == datetime(2026, 12, 12, 9)


def test_an_override_of_an_extra_date_wins() -> None:
    moved = (
        "BEGIN:VEVENT",
        f"UID:{UID}",
        "DTSTAMP:20261120T100000Z",
        "RECURRENCE-ID;TZID=America/New_York:20261203T140000",
        "SUMMARY:Sync (moved)",
        "DTSTART;TZID=America/New_York:20261203T160000",
        "DTEND;TZID=America/New_York:20261203T163000",
        "END:VEVENT",
    )
    rdate = "RDATE;TZID=America/New_York:20261203T140000,20261204T140000"
    found = by_uid(read(ics("RRULE:FREQ=WEEKLY;COUNT=4", rdate, more=moved)))
    one = found[f"{UID}#20261203T1400"]
    assert one.title == "Sync (moved)" and one.start_local == datetime(2026, 12, 3, 16)
    assert f"{UID}#20261204T1400" in found
    cancelled = tuple(line for line in moved if not line.startswith("SUMMARY"))[:-1] + (
        "STATUS:CANCELLED",
        "END:VEVENT",
    )
    found = by_uid(read(ics("RRULE:FREQ=WEEKLY;COUNT=4", rdate, more=cancelled)))
    assert f"{UID}#20261203T1400" not in found and f"{UID}#20261204T1400" in found


def test_reimports_update_move_and_remove_extra_dates() -> None:
    first = read(ics("RRULE:FREQ=WEEKLY;COUNT=4", "RDATE;TZID=America/New_York:20261203T140000"))
    stored = [replace(m, id=n) for n, m in enumerate(first.meetings, 1)]
    same = plan_import(first, stored, FIXED_NOW)
    assert (same.add, same.update, same.delete) == ((), (), ())
    moved = read(
        ics(
            "SEQUENCE:1",
            "RRULE:FREQ=WEEKLY;COUNT=4",
            "RDATE;TZID=America/New_York:20261217T140000",
        )
    )
    plan = plan_import(moved, stored, FIXED_NOW)
    assert [m.uid for m in plan.add] == [f"{UID}#20261217T1400"]
    assert [m.uid for m in plan.delete] == [f"{UID}#20261203T1400"]


def test_extra_dates_export_and_read_back_unchanged() -> None:
    first = read(ics("RRULE:FREQ=WEEKLY;COUNT=4", "RDATE;TZID=America/New_York:20270320T140000"))
    stored = [replace(m, id=n) for n, m in enumerate(first.meetings, 1)]
    data = export_calendar(meetings=stored, home_tz=HOME, now=FIXED_NOW, version="0").data
    assert f"UID:{UID}#20270320T1400".encode() in data
    again = plan_import(read(data), stored, FIXED_NOW)
    assert (again.add, again.update, again.delete) == ((), (), ())


def test_extra_dates_outside_the_years_are_named() -> None:
    result = read(ics("RDATE;TZID=America/New_York:23000101T090000,20261210T090000"))
    assert set(by_uid(result)) == {UID, f"{UID}#20261210T0900"}
    assert any("2300-01-01" in note and "outside the years" in note for note in result.notes)
