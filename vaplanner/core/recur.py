"""Meetings expanded into occurrences, in the meeting's own zone.

A meeting is stored as a wall time + zone + rule (DESIGN.md section 3). The rule is expanded
on the wall clock of that zone (weekly and fortnightly: whole weeks of wall time; monthly:
``dateutil.rrule``, for its day-of-month rules), and only then is each wall start
turned into an instant (:func:`vaplanner.core.times.resolve_wall`). So a weekly 09:00 New York
call stays at 09:00 New York through the US and the EU changes, and moves on everybody else's
clock in between.

* ``every``: ``weekly``, ``biweekly`` (every second week) or ``monthly`` (same day of the
  month). A monthly meeting on the 29th-31st follows RFC 5545: months without that day are
  skipped (a meeting on 31 Jan recurs on 31 Mar, 31 May, ...), it is not moved to the last day.
* ``until``: an inclusive date in the meeting's zone.
* ``exdates``: wall starts that are left out.
* The duration is real elapsed time (RFC 5545): a 3-hour meeting that spans a fall-back
  change ends 3 hours after it starts, although the wall clock shows 2 hours.
* A meeting that cannot be expanded safely (:func:`expandable`: a start outside the years
  of :mod:`vaplanner.core.limits` or a length over ``MAX_MEETING_MINUTES``, which only an
  earlier version could store) has no occurrences, so it cannot break a day plan, an
  ``.ics`` export or a search for free slots; it can still be listed, edited and deleted.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING, NamedTuple

from vaplanner.core.limits import MAX_MEETING_MINUTES, year_in_range
from vaplanner.core.models import Meeting
from vaplanner.core.times import format_day, get_zone, resolve_wall

if TYPE_CHECKING:
    from dateutil.rrule import rrule

__all__ = [
    "Occurrence",
    "describe_rule",
    "expandable",
    "next_occurrence",
    "occurrences",
    "occurrences_many",
    "wall_starts",
]

_WEEKDAY_LONG = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


class Occurrence(NamedTuple):
    """One instance of a meeting: UTC ``[start, end)``.

    ``wall`` is the naive wall start in the meeting's zone (``None`` only when built by hand);
    ``note`` says how a wall time in a gap or fold was resolved.
    """

    meeting: Meeting
    start: datetime
    end: datetime
    wall: datetime | None = None
    note: str | None = None

    @property
    def recurring(self) -> bool:
        return self.meeting.every is not None

    @property
    def minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)


def expandable(meeting: Meeting) -> bool:
    """Whether ``meeting`` is inside the limits the editors enforce: a start in the accepted
    years and a length of at most ``MAX_MEETING_MINUTES``.

    Older versions stored anything; near year 1 or 9999, or with a length of years, the
    arithmetic below would overflow ``datetime``. Such a meeting is skipped, not an error.
    """
    return year_in_range(meeting.start_local) and meeting.duration_minutes <= MAX_MEETING_MINUTES


def _monthly(meeting: Meeting, until: datetime | None) -> rrule:
    # Imported here: dateutil costs the command line and the app's first screen ~2 ms, and
    # only a monthly series (the day-of-month rules: the 31st skips short months) needs it.
    from dateutil import rrule as rr

    return rr.rrule(rr.MONTHLY, dtstart=meeting.start_local, until=until)


def _weekly(
    meeting: Meeting, first: datetime, last: datetime, until: datetime | None
) -> list[datetime]:
    """A weekly or fortnightly series' wall starts in ``[first, last]``: the first start plus
    whole periods of wall time (what ``rrule(WEEKLY, interval=…)`` yields, without walking
    from a start years ago)."""
    period = timedelta(weeks=2 if meeting.every == "biweekly" else 1)
    start = meeting.start_local
    steps = max(0, (first - start) // period)
    wall = start + period * steps
    if wall < first:
        wall += period
    end = last if until is None else min(last, until)
    walls: list[datetime] = []
    while wall <= end:
        walls.append(wall)
        wall += period
    return walls


def wall_starts(meeting: Meeting, first: datetime, last: datetime) -> list[datetime]:
    """The meeting's naive wall starts in ``[first, last]`` (wall times in its zone).

    Exdates are left out; for a one-off meeting this is its start if it is in the range.
    """
    skipped = set(meeting.exdates)
    if meeting.every is None:
        walls = [meeting.start_local] if first <= meeting.start_local <= last else []
    else:
        if meeting.until is not None and meeting.until < first.date():
            return []
        until = datetime.combine(meeting.until, time.max) if meeting.until else None
        if meeting.every == "monthly":
            walls = list(_monthly(meeting, until).between(first, last, inc=True))
        else:
            walls = _weekly(meeting, first, last, until)
    return [wall for wall in walls if wall not in skipped]


def occurrences(meeting: Meeting, start: datetime, end: datetime) -> list[Occurrence]:
    """The occurrences of ``meeting`` that overlap the UTC range ``[start, end)``, by start.

    An occurrence that started before ``start`` and is still running is included, so a day
    view shows a call that crosses midnight on both days. A meeting that is not
    :func:`expandable` has none.
    """
    if end <= start or not expandable(meeting):
        return []
    zone = get_zone(meeting.tz)
    length = timedelta(minutes=meeting.duration_minutes)
    # Wall-clock bounds with a day of slack on each side: offsets differ by < 26 hours and a
    # gap or fold moves a wall time by at most a few hours.
    first = (start - length).astimezone(zone).replace(tzinfo=None) - timedelta(days=1)
    last = end.astimezone(zone).replace(tzinfo=None) + timedelta(days=1)
    found: list[Occurrence] = []
    for wall in wall_starts(meeting, first, last):
        instant, note = resolve_wall(wall, meeting.tz)
        finish = instant + length
        if finish > start and instant < end:
            found.append(Occurrence(meeting, instant, finish, wall, note))
    return found


def occurrences_many(
    meetings: Iterable[Meeting], start: datetime, end: datetime
) -> list[Occurrence]:
    """Occurrences of all ``meetings`` overlapping ``[start, end)``, sorted by start
    (meetings that are not :func:`expandable` are skipped)."""
    found = [occ for meeting in meetings for occ in occurrences(meeting, start, end)]
    found.sort(key=lambda occ: (occ.start, occ.meeting.id, occ.meeting.title))
    return found


def next_occurrence(meeting: Meeting, after: datetime) -> Occurrence | None:
    """The first occurrence that starts at or after ``after`` (recurring: up to ~2 years);
    ``None`` for a meeting that is not :func:`expandable`."""
    if not expandable(meeting):
        return None
    if meeting.every is None:
        if meeting.start_local in meeting.exdates:
            return None
        instant, note = resolve_wall(meeting.start_local, meeting.tz)
        if instant < after:
            return None
        length = timedelta(minutes=meeting.duration_minutes)
        return Occurrence(meeting, instant, instant + length, meeting.start_local, note)
    window = timedelta(days=62)
    cursor = after
    for _ in range(12):
        for occ in occurrences(meeting, cursor, cursor + window):
            if occ.start >= after:
                return occ
        cursor += window
        if meeting.until is not None and cursor.date() > meeting.until + timedelta(days=1):
            break
    return None


def describe_rule(meeting: Meeting) -> str:
    """``every Tue 09:00 America/New_York until 31 Dec 2026``, or the one-off wall time."""
    wall = meeting.start_local
    if meeting.every is None:
        return (
            f"{_WEEKDAY_LONG[wall.weekday()]} {format_day(wall.date())} {wall:%H:%M} {meeting.tz}"
        )
    if meeting.every == "monthly":
        text = f"monthly on day {wall.day} at {wall:%H:%M} {meeting.tz}"
    else:
        prefix = "every other" if meeting.every == "biweekly" else "every"
        text = f"{prefix} {_WEEKDAY_LONG[wall.weekday()]} {wall:%H:%M} {meeting.tz}"
    if meeting.until is not None:
        text += f" until {format_day(meeting.until)}"
    return text
