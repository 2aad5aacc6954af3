"""The fast paths of :mod:`vaplanner.core.hours` give what the former code gave.

Windows are resolved with zone-aware wall arithmetic instead of :func:`resolve_wall` (the
instant without its note), and :func:`hours_state` looks only as far as it must. The former
code, kept below as written before, is the reference: both must agree on every week of hours,
zone and instant, most of all next to DST changes, at midnight and on night shifts.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.core import zone_oracle as oracle
from vaplanner.core.hours import HoursState, Interval, hours_state, merge, windows_between
from vaplanner.core.models import TimeRange, WeekHours
from vaplanner.core.times import get_zone, resolve_wall

FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# ------------------------------------------------------------------ the former implementation


def _former_day_windows(hours: WeekHours, tz: str, day: date) -> list[Interval]:
    midnight = datetime.combine(day, time(0))
    windows: list[Interval] = []
    for window in hours.for_weekday(day.weekday()):
        start, _ = resolve_wall(midnight + timedelta(minutes=window.start_minute), tz)
        end, _ = resolve_wall(midnight + timedelta(minutes=window.end_minute), tz)
        if end > start:
            windows.append((start, end))
    return windows


def _former_windows_between(
    hours: WeekHours, tz: str, start: datetime, end: datetime
) -> list[Interval]:
    if end <= start:
        return []
    zone = get_zone(tz)
    first = start.astimezone(zone).date() - timedelta(days=1)
    last = end.astimezone(zone).date() + timedelta(days=1)
    raw: list[Interval] = []
    day = first
    while day <= last:
        raw.extend(_former_day_windows(hours, tz, day))
        day += timedelta(days=1)
    clipped = ((max(s, start), min(e, end)) for s, e in merge(raw))
    return [(s, e) for s, e in clipped if e > s]


def _former_hours_state(
    hours: WeekHours, tz: str, now: datetime, soon_minutes: int = 30
) -> HoursState:
    soon = timedelta(minutes=soon_minutes)
    around = _former_windows_between(hours, tz, now - timedelta(days=2), now + timedelta(days=2))
    window = next(((s, e) for s, e in around if s <= now < e), None)
    if window is not None:
        return "ending" if window[1] - now <= soon else "in"
    if _former_windows_between(hours, tz, now, now + soon + timedelta(microseconds=1)):
        return "soon"
    if not hours.for_weekday(now.astimezone(get_zone(tz)).date().weekday()):
        return "weekend"
    return "out"


# ----------------------------------------------------------------------------------- inputs


@st.composite
def week(draw: st.DrawFn) -> WeekHours:
    """Up to two ranges a day on a 15-minute grid: past midnight, to 24:00, or the whole day."""
    days = []
    for _ in range(7):
        ranges = []
        for _ in range(draw(st.integers(0, 2))):
            start = draw(st.integers(0, 95)) * 15
            end = (start + draw(st.integers(1, 96)) * 15) % 1440
            ranges.append(TimeRange(time(start // 60, start % 60), time(end // 60, end % 60)))
        days.append(tuple(ranges))
    return WeekHours(tuple(days))


@st.composite
def zone_and_instant(draw: st.DrawFn) -> tuple[str, datetime]:
    """A tricky zone and an instant, mostly within a day of one of its offset changes."""
    zone = draw(st.sampled_from(oracle.TRICKY_ZONES))
    changes = oracle.transitions(zone, 2020, 2030)
    near_a_change = draw(st.integers(0, 3)) > 0
    if changes and near_a_change:
        pivot = draw(st.sampled_from(changes))
        instant = pivot + timedelta(minutes=draw(st.integers(-26 * 60, 26 * 60)))
    else:
        instant = datetime(2020, 1, 1, tzinfo=UTC) + timedelta(
            minutes=draw(st.integers(0, 10 * 366 * 24 * 60))
        )
    # mostly whole quarter hours, where windows open and close, sometimes a second off
    return zone, instant.replace(second=0, minute=instant.minute // 15 * 15) + timedelta(
        seconds=draw(st.sampled_from([0, 0, 0, -1, 1]))
    )


# ------------------------------------------------------------------------------------ tests


@FAST
@given(week(), zone_and_instant(), st.integers(-60, 4 * 24 * 60))
def test_windows_between_agrees_with_the_former_code(
    hours: WeekHours, case: tuple[str, datetime], minutes: int
) -> None:
    zone, start = case
    end = start + timedelta(minutes=minutes)
    assert windows_between(hours, zone, start, end) == _former_windows_between(
        hours, zone, start, end
    )


@FAST
@given(week(), zone_and_instant(), st.integers(-30, 2 * 24 * 60 - 1))
def test_hours_state_agrees_with_the_former_code(
    hours: WeekHours, case: tuple[str, datetime], soon_minutes: int
) -> None:
    zone, now = case
    assert hours_state(hours, zone, now, soon_minutes) == _former_hours_state(
        hours, zone, now, soon_minutes
    )


def test_hours_state_agrees_on_every_quarter_of_a_fall_back_night() -> None:
    # A night shift across the New York fall-back change, and a day shift that ends at 24:00
    # and joins the next morning's: each quarter hour of the three days around the change.
    night = WeekHours(((TimeRange(time(22), time(4)),),) * 7)
    joined = WeekHours(((TimeRange(time(20), time(0)), TimeRange(time(0), time(2))),) * 7)
    start = datetime(2026, 10, 31, 4, tzinfo=UTC)
    states = set()
    for hours in (night, joined):
        for quarter in range(3 * 96):
            now = start + timedelta(minutes=15 * quarter)
            state = hours_state(hours, "America/New_York", now)
            assert state == _former_hours_state(hours, "America/New_York", now)
            states.add(state)
    assert states == {"in", "ending", "soon", "out"}


def test_windows_agree_for_every_quarter_hour_start_next_to_each_change() -> None:
    # A window starting at each quarter hour of the day, every day, over the two days around
    # each offset change of 2026 in the tricky zones: every start and end in a gap or a fold.
    checked = 0
    for zone in oracle.TRICKY_ZONES:
        for change in oracle.transitions(zone, 2026, 2027):
            start, end = change - timedelta(days=1), change + timedelta(days=1)
            for quarter in range(96):
                first = time(quarter // 4, quarter % 4 * 15)
                last = time((quarter + 5) // 4 % 24, (quarter + 5) % 4 * 15)
                hours = WeekHours(((TimeRange(first, last),),) * 7)
                assert windows_between(hours, zone, start, end) == _former_windows_between(
                    hours, zone, start, end
                ), (zone, change, first)
                checked += 1
    assert checked > 96 * 20
