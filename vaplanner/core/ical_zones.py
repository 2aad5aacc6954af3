"""VTIMEZONE components for exports, narrowed to the years in use.

icalendar's ``Timezone.from_tzid`` writes one ``RDATE`` per transition from 1970 to 2038 by
default. ICS-NOTES rule 10: vobject/dateutil ignore DST in such tables and Outlook misreads
long RDATE lists. So each zone here is described the way calendar vendors write it: one
``STANDARD`` and one ``DAYLIGHT`` observance with a yearly ``RRULE`` (``BYMONTH``/``BYDAY``),
derived from the zone's real transitions (``zoneinfo``) in the years in use. A stretch whose
transitions follow no weekday rule becomes one observance per transition; a rule that ends
inside the window gets an ``UNTIL`` (UTC, RFC 5545 3.6.5).
"""

from __future__ import annotations

import calendar as _calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

_DAY = timedelta(days=1)
# Scanning steps. Offsets in tzdata never change twice within a week in the years
# calendars use; older years only confirm a rule, where a fortnight's or a month's sampling
# is enough to notice that it did not hold.
_SCAN = timedelta(days=7)
_CONFIRM = timedelta(days=14)
_CONFIRM_CONSTANT = timedelta(days=28)
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True, slots=True)
class Transition:
    """One change of a zone's UTC offset (or of its DST flag or abbreviation)."""

    at: datetime  # UTC instant of the change
    offset_from: timedelta
    offset_to: timedelta
    daylight: bool  # the observance that starts here is daylight-saving time
    name: str  # abbreviation after the change, e.g. "CEST"

    @property
    def wall(self) -> datetime:
        """The onset as RFC 5545 writes it: local time before the change (naive)."""
        return (self.at + self.offset_from).replace(tzinfo=None)

    @property
    def key(self) -> tuple[timedelta, timedelta, bool, str]:
        return (self.offset_from, self.offset_to, self.daylight, self.name)


def _state(zone: ZoneInfo, instant: datetime) -> tuple[timedelta, timedelta, str]:
    local = instant.astimezone(zone)
    return (local.utcoffset() or timedelta(), local.dst() or timedelta(), local.tzname() or "")


def transitions(tzid: str, start: datetime, end: datetime) -> list[Transition]:
    """The changes of ``tzid`` in the UTC range [start, end), found by weekly steps and then
    bisection to the second."""
    zone = ZoneInfo(tzid)
    found: list[Transition] = []
    here, state = start, _state(zone, start)
    while here < end:
        step = min(here + _SCAN, end)
        nxt = _state(zone, step)
        if nxt != state:
            low, high = int(here.timestamp()), int(step.timestamp())
            while high - low > 1:  # invariant: state at low, changed at high
                mid = (low + high) // 2
                if _state(zone, datetime.fromtimestamp(mid, UTC)) == state:
                    low = mid
                else:
                    high = mid
            at = datetime.fromtimestamp(high, UTC)
            after = _state(zone, at)
            # Europe/Dublin has negative DST (winter is the "saving" time in tzdata); calendars
            # expect the summer observance to be DAYLIGHT, so a jump from negative DST to zero
            # counts as daylight too.
            daylight = after[1] > timedelta() or (
                state[1] < timedelta() and after[1] == timedelta()
            )
            found.append(Transition(at, state[0], after[0], daylight, after[2]))
            here, state = at, after
            continue
        here = step
    return found


def _rule_candidates(wall: datetime) -> set[int]:
    """BYDAY ordinals that describe ``wall``'s day: its n-th weekday and -1 if the last."""
    nth = (wall.day - 1) // 7 + 1
    days_in_month = _calendar.monthrange(wall.year, wall.month)[1]
    found = {nth}
    if wall.day + 7 > days_in_month:
        found.add(-1)
    return found


def _runs(items: list[Transition]) -> list[tuple[list[Transition], int | None]]:
    """Split one observance's transitions into runs that follow one yearly weekday rule.

    Returns (transitions, BYDAY ordinal or None when the run has a single transition).
    """
    runs: list[tuple[list[Transition], int | None]] = []
    current: list[Transition] = []
    ordinals: set[int] = set()
    for item in items:
        wall = item.wall
        if current:
            last = current[-1].wall
            common = ordinals & _rule_candidates(wall)
            if (
                wall.year == last.year + 1
                and (wall.month, wall.weekday(), wall.time())
                == (last.month, last.weekday(), last.time())
                and common
            ):
                current.append(item)
                ordinals = common
                continue
            runs.append((current, _pick(ordinals, len(current))))
        current, ordinals = [item], _rule_candidates(wall)
    if current:
        runs.append((current, _pick(ordinals, len(current))))
    return runs


def _pick(ordinals: set[int], count: int) -> int | None:
    if count < 2 and not ordinals:
        return None
    # "Last Sunday" is how real rules read (EU, NZ); prefer it when both describe the dates.
    return -1 if -1 in ordinals else min(ordinals)


def _onset(year: int, like: datetime, ordinal: int) -> datetime | None:
    """The wall onset in ``year`` of the yearly rule that ``like`` follows, or ``None``."""
    weekday = like.weekday()
    if ordinal == -1:
        day = _calendar.monthrange(year, like.month)[1]
        last = date(year, like.month, day)
        found = last - timedelta(days=(last.weekday() - weekday) % 7)
    else:
        first = date(year, like.month, 1)
        found = first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (ordinal - 1))
        if found.month != like.month:
            return None
    return datetime.combine(found, like.time())


def _held_since(zone: ZoneInfo, rules: list[tuple[Transition, int]], year: int) -> int:
    """The earliest year (not before 1970) from which ``rules`` (the yearly rules behind every
    transition of ``year``) described the zone exactly, checked onset by onset and every fortnight.
    """
    earliest = year
    for probe in range(year - 1, 1969, -1):
        predicted: list[tuple[datetime, Transition]] = []
        for like, ordinal in rules:
            wall = _onset(probe, like.wall, ordinal)
            if wall is None:
                return earliest
            predicted.append(((wall - like.offset_from).replace(tzinfo=UTC), like))
        predicted.sort(key=lambda pair: pair[0])
        for at, like in predicted:
            before, after = _state(zone, at - timedelta(seconds=1)), _state(zone, at)
            if (before[0], after[0], after[2]) != (like.offset_from, like.offset_to, like.name):
                return earliest
        here, stop, index = (
            datetime(probe, 1, 1, tzinfo=UTC),
            datetime(probe + 1, 1, 1, tzinfo=UTC),
            0,
        )
        while here < stop:
            while index < len(predicted) and predicted[index][0] <= here:
                index += 1
            want = predicted[index - 1][1].offset_to if index else predicted[0][1].offset_from
            if _state(zone, here)[0] != want:
                return earliest
            here += _CONFIRM
        earliest = probe
    return earliest


def _constant_since(zone: ZoneInfo, offset: timedelta, year: int) -> int:
    """The earliest year (not before 1970) from which ``zone`` kept ``offset`` all year."""
    earliest = year
    for probe in range(year - 1, 1969, -1):
        here, stop = datetime(probe, 1, 1, tzinfo=UTC), datetime(probe + 1, 1, 1, tzinfo=UTC)
        while here < stop:
            if _state(zone, here)[0] != offset:
                return earliest
            here += _CONFIRM_CONSTANT
        earliest = probe
    return earliest


def vtimezone(tzid: str, first_year: int, last_year: int) -> Timezone:
    """A VTIMEZONE for ``tzid`` that is exact for every instant in [first_year, last_year].

    Transitions are read from tzdata for ``first_year - 1`` to ``last_year`` (so any time in
    ``first_year`` follows an onset: parsers otherwise fall back to the first STANDARD offset,
    wrong in the southern summer). A yearly rule in force at the start is dated back to the
    year it began (at most 1970), so the definition is true for every year it covers; this
    also keeps vobject from taking Europe/London for UTC (it compares zones over 2000-2020).
    A rule still in force at the end has no ``UNTIL``, as vendors write it, so an open-ended
    recurrence keeps the zone's current rule.
    """
    last_year = max(last_year, first_year + 1)  # at least three transitions per rule
    zone = ZoneInfo(tzid)
    start = datetime(first_year - 1, 1, 1, tzinfo=UTC)
    end = datetime(last_year + 1, 1, 1, tzinfo=UTC)
    found = transitions(tzid, start, end)
    component = Timezone()
    component.add("TZID", tzid)
    if not found:
        offset, dst, name = _state(zone, start)
        sub = TimezoneDaylight() if dst > timedelta() else TimezoneStandard()
        since = _constant_since(zone, offset, first_year - 1)
        _fill(sub, datetime(since, 1, 1), offset, offset, name)
        component.add_component(sub)
        return component
    groups: dict[tuple[timedelta, timedelta, bool, str], list[Transition]] = {}
    for item in found:
        groups.setdefault(item.key, []).append(item)
    runs = [run for items in groups.values() for run in _runs(items)]
    opening = [
        (items[0], ordinal)
        for items, ordinal in runs
        if items[0].wall.year == first_year - 1 and len(items) > 1 and ordinal is not None
    ]
    since = first_year - 1
    if len(opening) == sum(1 for item in found if item.wall.year == first_year - 1):
        since = _held_since(zone, opening, first_year - 1)
    observances: list[tuple[datetime, TimezoneStandard | TimezoneDaylight]] = []
    for items, ordinal in runs:
        head = items[0]
        sub = TimezoneDaylight() if head.daylight else TimezoneStandard()
        onset = head.wall
        if ordinal is not None and (head, ordinal) in opening:
            onset = _onset(since, head.wall, ordinal) or onset
        _fill(sub, onset, head.offset_from, head.offset_to, head.name)
        if len(items) > 1 and ordinal is not None:
            rule: dict[str, object] = {
                "FREQ": "YEARLY",
                "BYMONTH": onset.month,
                "BYDAY": f"{ordinal}{_WEEKDAYS[onset.weekday()]}",
            }
            if items[-1].at.year < last_year:
                # A day after the last onset: the same set whether a parser compares
                # UNTIL as UTC (the RFC) or, like dateutil's tzical, as wall time.
                rule["UNTIL"] = items[-1].at + _DAY
            sub.add("RRULE", rule)
        observances.append((onset, sub))
    for _onset_at, sub in sorted(observances, key=lambda pair: pair[0]):
        component.add_component(sub)
    return component


@lru_cache(maxsize=64)
def vtimezone_ical(tzid: str, first_year: int, last_year: int) -> bytes:
    """:func:`vtimezone` as folded bytes, cached: the app exports more than once a session."""
    return bytes(vtimezone(tzid, first_year, last_year).to_ical())


def _fill(
    sub: TimezoneStandard | TimezoneDaylight,
    onset: datetime,
    offset_from: timedelta,
    offset_to: timedelta,
    name: str,
) -> None:
    sub.add("DTSTART", onset)
    sub.add("TZOFFSETFROM", offset_from)
    sub.add("TZOFFSETTO", offset_to)
    if name:
        sub.add("TZNAME", name)
