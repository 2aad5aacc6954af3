"""Business and work hours in a zone: windows, state, business-time arithmetic, intervals.

Every interval is a half-open ``(start, end)`` pair of aware UTC instants. Weekly hours are
wall-clock ranges read in the zone of their owner, so "09:00-17:00 in New York" stays 09:00
New York through DST changes and moves on everybody else's clock. Wall times that fall in a
gap or a fold are resolved as :func:`vaplanner.core.times.resolve_wall` does, so a window,
:func:`in_hours` and :func:`add_business_minutes` always agree.

A range may run past midnight (a night shift ``22:00-02:00``): it belongs to the weekday it
starts on and ends on the next morning, so Friday's shift runs into Saturday. Its length is
real elapsed time: 22:00-04:00 in New York is 5 hours on the spring-forward night and 7 on
the fall-back night.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from vaplanner.core.errors import InputError
from vaplanner.core.limits import MAX_YEAR, YEARS_ACCEPTED, year_in_range
from vaplanner.core.models import WeekHours
from vaplanner.core.times import get_zone

__all__ = [
    "HoursState",
    "Interval",
    "add_business_minutes",
    "hours_state",
    "in_hours",
    "intersect",
    "merge",
    "next_transition",
    "subtract",
    "total_minutes",
    "windows_between",
    "windows_on",
]

Interval = tuple[datetime, datetime]
HoursState = Literal["in", "soon", "ending", "out", "weekend"]


def merge(intervals: Iterable[Interval]) -> list[Interval]:
    """Sorted, non-overlapping intervals; overlapping or touching ones are joined."""
    result: list[Interval] = []
    for start, end in sorted(intervals):
        if end <= start:
            continue
        if result and start <= result[-1][1]:
            if end > result[-1][1]:
                result[-1] = (result[-1][0], end)
        else:
            result.append((start, end))
    return result


def _day_windows(hours: WeekHours, zone: ZoneInfo, day: date) -> list[Interval]:
    # Wall arithmetic on an aware datetime keeps its zone and fold=0, so converting to UTC
    # resolves a gap or fold exactly as resolve_wall does (its instant, without the note,
    # which a window never shows: this runs for every client's day on every plan).
    midnight = datetime.combine(day, time(0), zone)
    windows: list[Interval] = []
    for window in hours.for_weekday(day.weekday()):
        start = (midnight + timedelta(minutes=window.start_minute)).astimezone(UTC)
        end = (midnight + timedelta(minutes=window.end_minute)).astimezone(UTC)
        if end > start:
            windows.append((start, end))
    return windows


def windows_on(hours: WeekHours, tz: str, day: date) -> list[Interval]:
    """The windows of the local day ``day`` in ``tz`` (UTC, merged)."""
    return merge(_day_windows(hours, get_zone(tz), day))


def windows_between(hours: WeekHours, tz: str, start: datetime, end: datetime) -> list[Interval]:
    """The hours inside ``[start, end)`` as merged UTC intervals, clipped to the range.

    A window that runs to 24:00 and one that starts at 00:00 the next day become one.
    """
    if end <= start:
        return []
    zone = get_zone(tz)
    # One day of margin on each side: a local day can start up to ~26 h before its UTC date.
    first = start.astimezone(zone).date() - timedelta(days=1)
    last = end.astimezone(zone).date() + timedelta(days=1)
    raw: list[Interval] = []
    day = first
    while day <= last:
        raw.extend(_day_windows(hours, zone, day))
        day += timedelta(days=1)
    clipped = ((max(s, start), min(e, end)) for s, e in merge(raw))
    return [(s, e) for s, e in clipped if e > s]


def in_hours(hours: WeekHours, tz: str, instant: datetime) -> bool:
    """Whether ``instant`` falls inside the hours (read in ``tz``)."""
    for start, end in windows_between(hours, tz, instant, instant + timedelta(microseconds=1)):
        if start <= instant < end:
            return True
    return False


def hours_state(hours: WeekHours, tz: str, now: datetime, soon_minutes: int = 30) -> HoursState:
    """Where ``now`` stands in the hours.

    ``"in"``; ``"ending"`` (in hours, closing within ``soon_minutes``); ``"soon"`` (opening
    within ``soon_minutes``); ``"weekend"`` (no hours *start* on the local day); ``"out"``.

    A night shift belongs to the day it starts on: on Saturday at 01:00, Friday's
    ``22:00-02:00`` is still ``"in"`` (``"ending"`` from 01:30), but from 02:00 on a
    Saturday without hours of its own is ``"weekend"``; Sunday afternoon before a Sunday
    night shift is ``"out"``.
    """
    soon = timedelta(minutes=max(soon_minutes, 0))
    # One look from now to the end of the "soon" span answers both questions: clipped to
    # start at now, a window that holds now starts exactly at now (merged, so a night shift
    # and the next morning are one window), and any other one opens within the span.
    ahead = windows_between(hours, tz, now, now + soon + timedelta(microseconds=1))
    if ahead and ahead[0][0] == now:
        return "ending" if ahead[0][1] <= now + soon else "in"
    if ahead:
        return "soon"
    local_day = now.astimezone(get_zone(tz)).date()
    if not hours.for_weekday(local_day.weekday()):
        return "weekend"
    return "out"


def add_business_minutes(hours: WeekHours, tz: str, start: datetime, minutes: int) -> datetime:
    """The instant ``minutes`` of business time after ``start``.

    Only time inside the hours counts (real elapsed minutes, so right across DST changes);
    nights, weekends and days without hours are skipped. Starting outside hours, the count
    begins when the next window opens. A result that lands on a window's end is that end.

    Raises :class:`InputError` for negative minutes, hours without any window, a start
    outside the accepted years, and a result that would land after them.
    """
    if minutes < 0:
        raise InputError(f"business minutes must not be negative (got {minutes})")
    if not year_in_range(start):
        raise InputError(f"start {start:%Y-%m-%d} is outside the {YEARS_ACCEPTED}")
    if minutes == 0:
        return start
    if hours.weekly_minutes == 0:
        raise InputError("there are no business hours to count in; set hours such as 09:00-17:00")
    # Each week holds weekly_minutes (an hour more or less on a DST week): refuse at once a
    # count that cannot finish inside the calendar, instead of walking there four weeks a step.
    weeks = minutes // hours.weekly_minutes
    if weeks > (MAX_YEAR + 1 - start.year) * 53:
        raise _past_the_calendar(minutes)
    left = timedelta(minutes=minutes)
    cursor = start
    # Four weeks per step: enough for the usual deadlines, bounded for absurd ones.
    step = timedelta(days=28)
    while True:
        if cursor.year > MAX_YEAR:
            raise _past_the_calendar(minutes)
        for window_start, window_end in windows_between(hours, tz, cursor, cursor + step):
            available = window_end - window_start
            if left <= available:
                return window_start + left
            left -= available
        cursor += step


def _past_the_calendar(minutes: int) -> InputError:
    return InputError(
        f"{minutes // 60} business hours from now end after the {YEARS_ACCEPTED}; "
        "count a shorter time"
    )


def intersect(a: list[Interval], b: list[Interval]) -> list[Interval]:
    """The intervals covered by both ``a`` and ``b`` (inputs need not be sorted)."""
    left, right = merge(a), merge(b)
    result: list[Interval] = []
    i = j = 0
    while i < len(left) and j < len(right):
        start = max(left[i][0], right[j][0])
        end = min(left[i][1], right[j][1])
        if start < end:
            result.append((start, end))
        if left[i][1] <= right[j][1]:
            i += 1
        else:
            j += 1
    return result


def subtract(a: list[Interval], busy: list[Interval]) -> list[Interval]:
    """The parts of ``a`` not covered by ``busy``."""
    result: list[Interval] = []
    blocked = merge(busy)
    for start, end in merge(a):
        cursor = start
        for busy_start, busy_end in blocked:
            if busy_end <= cursor:
                continue
            if busy_start >= end:
                break
            if busy_start > cursor:
                result.append((cursor, busy_start))
            cursor = max(cursor, busy_end)
            if cursor >= end:
                break
        if cursor < end:
            result.append((cursor, end))
    return result


def total_minutes(intervals: Iterable[Interval]) -> int:
    """Whole minutes covered by the (merged) intervals."""
    return sum(int((end - start).total_seconds()) // 60 for start, end in merge(intervals))


def next_transition(tz: str, after: datetime, *, horizon_days: int = 800) -> datetime | None:
    """The first instant strictly after ``after`` where ``tz``'s UTC offset changes.

    ``None`` when the zone keeps its offset for ``horizon_days``. Exact: the changes come
    from the zone's own tz database file (:mod:`vaplanner.core.tzif`), so two changes a few
    days apart, or a change and its reversal within a week, are both found. Transitions are
    on whole seconds.
    """
    # Only the world clock asks: the reader stays out of the start-up of everything else.
    from vaplanner.core.tzif import next_offset_change, zone_changes

    zone = get_zone(tz)
    low = math.floor(after.timestamp())
    limit = low + horizon_days * 86400
    changes = zone_changes(zone.key)
    found = None if changes is None else next_offset_change(changes, low)
    if found is not None and not _moves_clock(zone, found):
        # zoneinfo read another file than ours (TZPATH changed while running): walk instead.
        found = _walk_to_change(zone, low, limit)
    elif changes is None:
        found = _walk_to_change(zone, low, limit)
    if found is None or found > limit:
        return None
    return datetime.fromtimestamp(found, UTC)


def _offset_at(zone: ZoneInfo, seconds: int) -> timedelta | None:
    return datetime.fromtimestamp(seconds, UTC).astimezone(zone).utcoffset()


def _moves_clock(zone: ZoneInfo, seconds: int) -> bool:
    return _offset_at(zone, seconds - 1) != _offset_at(zone, seconds)


#: The fallback walk's step: shorter than the shortest time between two offset changes in
#: tzdata (3.99 days, Africa/Freetown 1939; then 6.96 days, America/Recife 2000).
_WALK_STEP = 2 * 86400


def _walk_to_change(zone: ZoneInfo, low: int, limit: int) -> int | None:
    """The first offset change in ``(low, limit]`` by stepping, then bisecting to the second
    (only for a zone whose file cannot be read)."""
    base = _offset_at(zone, low)
    while low < limit:
        high = min(low + _WALK_STEP, limit)
        if _offset_at(zone, high) != base:
            while high - low > 1:
                middle = (low + high) // 2
                if _offset_at(zone, middle) == base:
                    low = middle
                else:
                    high = middle
            return high
        low = high
    return None
