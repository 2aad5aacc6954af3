"""Property tests (hypothesis) for the time core, checked against an independent oracle.

* Parsing: whatever a person types, ``vaplanner.core.times`` answers with a value or a
  :class:`VaplannerError` (the command line prints it on one line), never another exception.
* Round trips: durations, clock times, dates and wall instants written and read back.
* Wall times: ``resolve_wall``, ``day_bounds`` and ``parse_when`` agree with
  :mod:`tests.core.zone_oracle` (plain ``zoneinfo``) in every zone, near every DST change.
* Business hours: ``add_business_minutes`` counts exactly the minutes inside windows built by
  the oracle, lands inside hours, and is monotonic and additive.
* Recurrence: ``occurrences`` equals a ``dateutil.rrule`` expansion from the meeting's own
  first start, resolved by the oracle; wall times are kept; UTC order holds.

Inputs are drawn from every IANA zone and weighted towards the instants around offset
changes, where the bugs live.
"""

from __future__ import annotations

import os
import zoneinfo
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal

import pytest
from dateutil.rrule import rrule
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from tests.core import zone_oracle as oracle
from vaplanner.core.errors import InputError, VaplannerError
from vaplanner.core.hours import add_business_minutes
from vaplanner.core.limits import MAX_YEAR, MIN_YEAR
from vaplanner.core.models import Meeting, TimeRange, WeekHours
from vaplanner.core.recur import occurrences, occurrences_many
from vaplanner.core.times import (
    day_bounds,
    format_duration,
    parse_clock,
    parse_date,
    parse_days,
    parse_duration,
    parse_time_range,
    parse_wall,
    parse_week_hours,
    parse_when,
    parse_when_noted,
    resolve_wall,
    validate_zone,
    week_hours,
)

#: Examples per property; a deeper hunt: VAPLANNER_PROPERTY_EXAMPLES=5000 pytest this file.
EXAMPLES = int(os.environ.get("VAPLANNER_PROPERTY_EXAMPLES", "150"))
PROPERTY = settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
ALL_ZONES = sorted(zoneinfo.available_timezones())
NOW = datetime(2026, 11, 28, 13, 32, tzinfo=UTC)
TODAY = date(2026, 11, 28)

zones = st.one_of(st.sampled_from(oracle.TRICKY_ZONES), st.sampled_from(ALL_ZONES))


@st.composite
def zone_and_instant(draw: st.DrawFn) -> tuple[str, datetime]:
    """A zone and an instant (whole minutes), often within a day of one of its changes."""
    zone = draw(zones)
    changes = oracle.transitions(zone)
    near_a_change: bool = draw(st.booleans())
    if changes and near_a_change:
        pivot = draw(st.sampled_from(changes))
        instant = pivot + timedelta(minutes=draw(st.integers(-26 * 60, 26 * 60)))
    else:
        instant = datetime(2000, 1, 1, tzinfo=UTC) + timedelta(
            minutes=draw(st.integers(0, 36 * 366 * 24 * 60))
        )
    return zone, instant.replace(second=0)


@st.composite
def zone_and_wall(draw: st.DrawFn) -> tuple[str, datetime]:
    """A zone and a naive wall time there, often inside a gap or a fold."""
    zone, instant = draw(zone_and_instant())
    wall = oracle.local_wall(instant, zone)
    # shifting the wall (not the instant) lands in gaps, which no instant maps to
    return zone, wall + timedelta(minutes=draw(st.sampled_from([0, 0, -30, 30, -60, 60])))


# ---------------------------------------------------------------------- parsing never breaks

# Words and pieces of what people type, glued together at random: far likelier than random
# characters to reach deep into the parsers.
PIECES = (
    *"0123456789",
    *":.-+h m/ ,",
    "am", "pm", "ago", "in ", "now", "today", "tomorrow", "yesterday", "mon", "friday",
    "noon", "midnight", "24:00", "23:59", "9:30", "2026-11-28", "2026-02-30", "1 Dec",
    "1h30m", "1.5h", "90m", "+3d", "-1w", "T", "Z", "+05:30", "hours", "mins", "to",
    "mon-fri", "sat-sun", "weekdays", "daily", "–", "\u00a0", "\t", "٣", "१", "ǅ", "日",
    "99999", "0000", "00", "\x00", "'", '"',
)  # fmt: skip


typed = st.one_of(
    st.text(max_size=30),
    st.lists(st.sampled_from(PIECES), max_size=8).map("".join),
)


def _only_vaplanner_errors(call: object, *args: object, **kwargs: object) -> None:
    try:
        call(*args, **kwargs)  # type: ignore[operator]
    except VaplannerError as error:
        message = str(error)
        assert message and "\n" not in message.strip(), message  # one line for the CLI


@PROPERTY
@given(typed, st.sampled_from(["UTC", "Europe/Ljubljana", "Asia/Kathmandu", "Nowhere/City"]))
def test_parsers_raise_nothing_but_vaplanner_errors(text: str, zone: str) -> None:
    _only_vaplanner_errors(parse_duration, text)
    _only_vaplanner_errors(parse_clock, text)
    _only_vaplanner_errors(parse_date, text, today=TODAY)
    _only_vaplanner_errors(parse_wall, text, today=TODAY)
    _only_vaplanner_errors(parse_when, text, tz=zone, now=NOW)
    _only_vaplanner_errors(parse_time_range, text)
    _only_vaplanner_errors(parse_days, text)
    _only_vaplanner_errors(week_hours, text, text)
    _only_vaplanner_errors(parse_week_hours, text)
    _only_vaplanner_errors(validate_zone, text)


# Inputs that broke the parsers with ValueError/OverflowError when these tests were written:
# superscript digits, numbers too long for int() or float(), and the ends of the calendar.
FORMER_PARSE_BUGS = [
    ("parse_duration", "²", ""),  # str.isdigit() accepts superscripts, int() does not
    ("parse_duration", "9" * 5000, ""),  # int() refuses more than 4300 digits
    ("parse_when", "+99999999999m", "UTC"),  # past year 9999
    ("parse_when", "in 9999999999h", "UTC"),
    ("parse_when", "+1" + "0" * 400 + "h", "UTC"),  # float infinity
    ("parse_when", "0001-01-01 00:00", "Asia/Tokyo"),  # before the first instant
    ("parse_when", "9999-12-31 23:59", "America/New_York"),  # after the last one
    ("parse_when", "0001-01-01T00:00+09:00", "UTC"),
    ("parse_date", "+99999999d", ""),
    ("parse_date", "-999999d", ""),
    ("parse_date", "9" * 5000 + "d", ""),
]


@pytest.mark.parametrize(
    ("function", "text", "zone"),
    FORMER_PARSE_BUGS,
    ids=[f"{f}:{t[:16]!r}" for f, t, _ in FORMER_PARSE_BUGS],
)
def test_former_parse_bugs_are_refused_with_a_message(function: str, text: str, zone: str) -> None:
    with pytest.raises(VaplannerError) as caught:
        if function == "parse_duration":
            parse_duration(text)
        elif function == "parse_when":
            parse_when(text, tz=zone, now=NOW)
        else:
            parse_date(text, today=TODAY)
    message = str(caught.value)
    assert "\n" not in message and len(message) < 200, message
    assert "1900" in message or "100 years" in message or "cannot read" in message, message


# ------------------------------------------------------------------------------ round trips


@PROPERTY
@given(st.integers(1, 10**7))
def test_durations_round_trip(minutes: int) -> None:
    hours, rest = divmod(minutes, 60)
    assert parse_duration(format_duration(minutes)) == minutes
    for text in (str(minutes), f"{minutes}m", f"{hours}h{rest}m", f"{hours}h {rest}min"):
        if text.startswith("0h"):
            text = text[2:].strip()
        assert parse_duration(text) == minutes, text
    assert format_duration(-minutes) == "-" + format_duration(minutes)


@PROPERTY
@given(st.integers(0, 24 * 60 - 1))
def test_clock_times_round_trip(minute: int) -> None:
    clock = time(minute // 60, minute % 60)
    assert parse_clock(f"{clock:%H:%M}") == clock
    assert parse_clock(f"{clock:%H%M}") == clock
    twelve = f"{(clock.hour % 12) or 12}:{clock.minute:02d}{'am' if clock.hour < 12 else 'pm'}"
    assert parse_clock(twelve) == clock


@PROPERTY
@given(st.dates(date(MIN_YEAR, 1, 1), date(MAX_YEAR, 12, 31)), st.integers(-400, 400))
def test_dates_round_trip_and_relative_days(day: date, shift: int) -> None:
    assert parse_date(day.isoformat(), today=TODAY) == day
    shifted = day + timedelta(days=shift)
    if MIN_YEAR <= shifted.year <= MAX_YEAR:
        assert parse_date(f"{shift:+d}d", today=day) == shifted
    else:
        with pytest.raises(InputError, match="1900 to 2200"):
            parse_date(f"{shift:+d}d", today=day)


@PROPERTY
@given(
    st.one_of(
        st.dates(date(1, 1, 1), date(MIN_YEAR - 1, 12, 31)),
        st.dates(date(MAX_YEAR + 1, 1, 1), date(9999, 12, 31)),
    ),
    zones,
)
def test_dates_outside_the_accepted_years_are_refused_everywhere(day: date, zone: str) -> None:
    for call in (
        lambda: parse_date(day.isoformat(), today=TODAY),
        lambda: parse_wall(f"{day.isoformat()} 12:00", today=TODAY),
        lambda: parse_when(f"{day.isoformat()} 23:59", tz=zone, now=NOW),
        lambda: parse_when(f"{day.isoformat()}T00:00+14:00", tz=zone, now=NOW),
        lambda: day_bounds(day, zone),
    ):
        with pytest.raises(InputError, match="1900 to 2200"):
            call()


# ------------------------------------------------------------------- wall times vs zoneinfo


@PROPERTY
@given(zone_and_wall())
@example(("America/New_York", datetime(2026, 3, 8, 2, 30)))  # gap
@example(("America/New_York", datetime(2026, 11, 1, 1, 30)))  # fold
@example(("Australia/Lord_Howe", datetime(2026, 10, 4, 2, 15)))  # 30-minute gap
@example(("America/Havana", datetime(2026, 3, 8, 0, 0)))  # midnight does not exist
@example(("Pacific/Apia", datetime(2011, 12, 30, 12, 0)))  # a day that never happened
def test_resolve_wall_agrees_with_zoneinfo(case: tuple[str, datetime]) -> None:
    zone, wall = case
    expected, kind = oracle.resolve(wall, zone)
    instant, note = resolve_wall(wall, zone)
    assert instant == expected, kind
    assert instant.tzinfo is not None and instant.utcoffset() == timedelta(0)
    assert (note is None) == (kind == "normal"), note
    if kind == "normal":
        assert oracle.local_wall(instant, zone) == wall
    typed_text = f"{wall:%Y-%m-%d %H:%M}"
    assert parse_when(typed_text, tz=zone, now=NOW) == expected
    assert parse_when_noted(typed_text, tz=zone, now=NOW)[1] == note


@PROPERTY
@given(zone_and_instant())
def test_day_bounds_agree_with_zoneinfo(case: tuple[str, datetime]) -> None:
    zone, instant = case
    day = oracle.local_wall(instant, zone).date()
    start, end = day_bounds(day, zone)
    assert start == oracle.day_start(day, zone)
    assert end == oracle.day_start(day + timedelta(days=1), zone)
    assert start <= instant < end
    assert timedelta(hours=20) <= end - start <= timedelta(hours=28) or zone == "Pacific/Apia"


@PROPERTY
@given(zone_and_instant(), st.integers(-100_000, 100_000))
def test_relative_instants_are_exact(case: tuple[str, datetime], minutes: int) -> None:
    zone, now = case
    expected = now + timedelta(minutes=minutes)
    sign = "+" if minutes >= 0 else "-"
    assert parse_when(f"{sign}{abs(minutes)}m", tz=zone, now=now) == expected
    if minutes > 0:
        assert parse_when(f"in {minutes}m", tz=zone, now=now) == expected
        assert parse_when(f"{minutes}m ago", tz=zone, now=now) == now - timedelta(minutes=minutes)
    iso = expected.astimezone(zoneinfo.ZoneInfo(zone)).isoformat()
    assert parse_when(iso, tz="UTC", now=now) == expected


# --------------------------------------------------------------------------- business hours


@st.composite
def week_hours_strategy(draw: st.DrawFn) -> WeekHours:
    """Up to two windows a day on a 15-minute grid; 00:00 starts and 24:00 ends included."""
    days = []
    for _ in range(7):
        marks = sorted(draw(st.sets(st.integers(0, 96), max_size=4)))
        ranges = []
        for first, last in zip(marks[::2], marks[1::2], strict=False):
            ranges.append(TimeRange(_clock(first * 15), _clock(last * 15)))
        days.append(tuple(ranges))
    hours = WeekHours(tuple(days))
    assume(hours.weekly_minutes > 0)
    return hours


def _clock(minute: int) -> time:
    return time((minute // 60) % 24, minute % 60)


def oracle_windows(
    hours: WeekHours, zone: str, start: datetime, end: datetime
) -> list[tuple[datetime, datetime]]:
    """The business windows overlapping [start, end), each wall boundary resolved by the
    oracle, merged where they touch."""
    first = oracle.local_wall(start, zone).date() - timedelta(days=2)
    last = oracle.local_wall(end, zone).date() + timedelta(days=2)
    raw = []
    day = first
    while day <= last:
        midnight = datetime.combine(day, time(0))
        for window in hours.for_weekday(day.weekday()):
            s = oracle.resolve(midnight + timedelta(minutes=window.start_minute), zone)[0]
            e = oracle.resolve(midnight + timedelta(minutes=window.end_minute), zone)[0]
            if e > s:
                raw.append((s, e))
        day += timedelta(days=1)
    merged: list[tuple[datetime, datetime]] = []
    for s, e in sorted(raw):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def business_seconds(windows: list[tuple[datetime, datetime]], a: datetime, b: datetime) -> float:
    return sum(max(0.0, (min(e, b) - max(s, a)).total_seconds()) for s, e in windows)


@PROPERTY
@given(week_hours_strategy(), zone_and_instant(), st.integers(1, 6000))
def test_add_business_minutes_counts_exactly_and_lands_in_hours(
    hours: WeekHours, case: tuple[str, datetime], minutes: int
) -> None:
    zone, start = case
    end = add_business_minutes(hours, zone, start, minutes)
    assert end > start
    windows = oracle_windows(hours, zone, start, end)
    assert business_seconds(windows, start, end) == minutes * 60
    # the earliest such instant: the last moment before it is inside a window
    tick = end - timedelta(microseconds=1)
    assert any(s <= tick < e for s, e in windows), (end, windows)


@PROPERTY
@given(
    week_hours_strategy(),
    zone_and_instant(),
    st.integers(0, 3000),
    st.integers(0, 3000),
    st.integers(0, 72 * 60),
)
def test_add_business_minutes_is_monotonic_and_additive(
    hours: WeekHours, case: tuple[str, datetime], a: int, b: int, later: int
) -> None:
    zone, start = case
    after_a = add_business_minutes(hours, zone, start, a)
    after_ab = add_business_minutes(hours, zone, start, a + b)
    assert after_ab - after_a >= timedelta(minutes=b)  # every business minute is a real one
    assert add_business_minutes(hours, zone, after_a, b) == after_ab
    if a > 0:
        # a later start never gives an earlier result
        moved = start + timedelta(minutes=later)
        assert add_business_minutes(hours, zone, moved, a) >= after_a


@PROPERTY
@given(zones, st.integers(-5000, -1))
def test_add_business_minutes_refuses_nonsense(zone: str, minutes: int) -> None:
    with pytest.raises(InputError):
        add_business_minutes(WeekHours(), zone, NOW, minutes)
    with pytest.raises(InputError):
        add_business_minutes(WeekHours(((),) * 7), zone, NOW, -minutes)


# ------------------------------------------------------------------------------- recurrence


@st.composite
def meetings(draw: st.DrawFn) -> Meeting:
    """A meeting whose first start is often right at a DST change of its zone."""
    zone, wall = draw(zone_and_wall())
    wall = wall.replace(second=0)
    every: Literal["weekly", "biweekly", "monthly"] | None = draw(
        st.sampled_from([None, "weekly", "biweekly", "monthly"])
    )
    until = None
    if every is not None and draw(st.booleans()):
        until = wall.date() + timedelta(days=draw(st.integers(-3, 3 * 365)))
    exdates: tuple[datetime, ...] = ()
    if every is not None:
        early = list(_rule(every, wall).between(wall, wall + timedelta(days=130), inc=True))
        exdates = tuple(draw(st.lists(st.sampled_from(early), max_size=3, unique=True)))
    return Meeting(
        client_id=1,
        title="call",
        start_local=wall,
        tz=zone,
        id=draw(st.integers(1, 5)),
        duration_minutes=draw(st.integers(1, 600)),
        every=every,
        until=until,
        exdates=exdates,
    )


def _rule(every: str, dtstart: datetime, until: date | None = None) -> rrule:
    from dateutil import rrule as rr

    last = datetime.combine(until, time.max) if until else None
    if every == "monthly":
        return rr.rrule(rr.MONTHLY, dtstart=dtstart, until=last)
    return rr.rrule(
        rr.WEEKLY, interval=2 if every == "biweekly" else 1, dtstart=dtstart, until=last
    )


def expected_occurrences(
    meeting: Meeting, start: datetime, end: datetime
) -> list[tuple[datetime, datetime, datetime]]:
    """(start, end, wall) of every occurrence overlapping [start, end), from an rrule that
    starts at the meeting's own first start, resolved by the oracle."""
    length = timedelta(minutes=meeting.duration_minutes)
    low = oracle.local_wall(start - length, meeting.tz) - timedelta(days=2)
    high = oracle.local_wall(end, meeting.tz) + timedelta(days=2)
    if meeting.every is None:
        walls = [meeting.start_local]
    else:
        rule = _rule(meeting.every, meeting.start_local, meeting.until)
        walls = list(rule.between(low, high, inc=True))
    found = []
    for wall in walls:
        if wall in meeting.exdates:
            continue
        instant = oracle.resolve(wall, meeting.tz)[0]
        if instant < end and instant + length > start:
            found.append((instant, instant + length, wall))
    return found


@PROPERTY
@given(meetings(), st.integers(-40, 4 * 365), st.integers(1, 120))
def test_occurrences_match_an_independent_rrule(
    meeting: Meeting, offset_days: int, span_days: int
) -> None:
    first = oracle.resolve(meeting.start_local, meeting.tz)[0]
    start = first + timedelta(days=offset_days)
    end = start + timedelta(days=span_days)
    found = occurrences(meeting, start, end)
    expected = expected_occurrences(meeting, start, end)
    assert [(o.start, o.end, o.wall) for o in found] == expected
    starts = [o.start for o in found]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    for occurrence in found:
        assert occurrence.wall is not None
        kind = oracle.resolve(occurrence.wall, meeting.tz)[1]
        local = oracle.local_wall(occurrence.start, meeting.tz)
        if kind != "gap":
            # the stored wall time holds in the meeting's own zone, whatever DST does
            assert local.time() == meeting.start_local.time()
        else:
            assert local > occurrence.wall and occurrence.note
        if meeting.every == "monthly":
            assert occurrence.wall.day == meeting.start_local.day
        elif meeting.every is not None:
            assert occurrence.wall.weekday() == meeting.start_local.weekday()
            weeks = (occurrence.wall - meeting.start_local).days // 7
            assert weeks % (2 if meeting.every == "biweekly" else 1) == 0
        if meeting.until is not None:
            assert occurrence.wall.date() <= meeting.until


@PROPERTY
@given(st.lists(meetings(), min_size=2, max_size=4), st.integers(0, 400), st.integers(1, 60))
def test_occurrences_many_is_every_meeting_in_utc_order(
    group: list[Meeting], offset_days: int, span_days: int
) -> None:
    start = min(oracle.resolve(m.start_local, m.tz)[0] for m in group) + timedelta(days=offset_days)
    end = start + timedelta(days=span_days)
    merged = occurrences_many(group, start, end)
    assert [o.start for o in merged] == sorted(o.start for o in merged)
    assert len(merged) == sum(len(expected_occurrences(m, start, end)) for m in group)
