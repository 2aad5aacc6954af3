"""Meetings an earlier version stored outside :mod:`vaplanner.core.limits` (a start near year
1 or 9999, a length of years) are skipped by the expansion, so a day plan, an .ics export and
a slot search keep working instead of failing with an internal error."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from vaplanner.core.ical import export_calendar, meetings_in_range
from vaplanner.core.limits import MAX_MEETING_MINUTES
from vaplanner.core.models import Meeting, Settings
from vaplanner.core.planner import build_day_plan
from vaplanner.core.recur import expandable, next_occurrence, occurrences, occurrences_many

NOW = datetime(2026, 11, 25, 13, 32, tzinfo=UTC)
HOME = "Europe/Ljubljana"
DAY = date(2026, 11, 25)


def _meeting(start: datetime, *, minutes: int = 60, every: str | None = None) -> Meeting:
    return Meeting(
        client_id=None,
        title="old",
        start_local=start,
        tz="Pacific/Kiritimati",
        duration_minutes=minutes,
        every=every,  # type: ignore[arg-type]
        id=7,
    )


BROKEN = [
    pytest.param(_meeting(datetime(9999, 12, 31, 23, 0)), id="year-9999"),
    pytest.param(_meeting(datetime(9999, 12, 1, 9, 0), every="weekly"), id="weekly-9999"),
    pytest.param(_meeting(datetime(1, 1, 1, 0, 30)), id="year-1"),
    pytest.param(_meeting(datetime(1899, 12, 31, 9, 0), every="monthly"), id="monthly-1899"),
    # a length of thousands of years, starting just before the day planned
    pytest.param(_meeting(datetime(2026, 11, 20, 9, 0), minutes=6_000_000_000), id="ages"),
    pytest.param(
        _meeting(datetime(2026, 11, 20, 9, 0), minutes=MAX_MEETING_MINUTES + 1, every="weekly"),
        id="a-day-and-a-minute",
    ),
]


@pytest.mark.parametrize("broken", BROKEN)
def test_a_meeting_outside_the_limits_has_no_occurrences(broken: Meeting) -> None:
    assert not expandable(broken)
    assert occurrences_many([broken], NOW - timedelta(days=2), NOW + timedelta(days=7)) == []
    assert occurrences(broken, NOW - timedelta(days=2), NOW + timedelta(days=7)) == []
    assert next_occurrence(broken, NOW) is None


@pytest.mark.parametrize("broken", BROKEN)
def test_plan_and_export_skip_it_and_keep_the_rest(broken: Meeting) -> None:
    fine = Meeting(
        client_id=None,
        title="sync",
        start_local=datetime(2026, 11, 25, 10, 0),
        tz=HOME,
        duration_minutes=MAX_MEETING_MINUTES,  # the limit itself is fine
        id=8,
    )
    assert expandable(fine)
    meetings = [broken, fine]
    found = occurrences_many(meetings, NOW - timedelta(days=2), NOW + timedelta(days=7))
    assert [occ.meeting.id for occ in found] == [8]
    day = build_day_plan(DAY, settings=Settings(home_tz=HOME), now=NOW, meetings=meetings)
    assert [item.title for item in day.items] == ["sync"]
    assert meetings_in_range(meetings, None, None) == [fine]
    result = export_calendar(meetings=meetings, home_tz=HOME, now=NOW, version="0")
    assert result.meetings == 1 and b"SUMMARY:sync" in result.data
    assert b"SUMMARY:old" not in result.data
