"""Reading and resolving times: zones, durations, clock times, dates, instants.

This module is the one place to import time helpers from. It holds durations, dates and
instants; zones and wall times live in :mod:`vaplanner.core.zones`, clock times and weekly
hours in :mod:`vaplanner.core.weekhours`, and every public name of both is re-exported here.

Rules (DESIGN.md section 3):

* Instants are aware ``datetime`` values in UTC; wall times are naive and read in a zone.
* A wall time in a spring-forward gap takes the offset from *before* the jump (RFC 5545), so
  02:30 on a New York spring-forward day is 03:30 EDT; a wall time that happens twice
  (fall-back) is the first occurrence. :func:`resolve_wall` says which instant it used.
* Durations are whole minutes, at most :data:`~vaplanner.core.limits.MAX_DURATION_MINUTES`.
* Digits are ASCII ``0-9`` only (``str.isdigit`` would let superscripts through to ``int``).
* Dates and times a person types fall in the years of :mod:`vaplanner.core.limits`
  (1900-2200): far from the ends of the calendar, where ``datetime`` arithmetic overflows.
* Nothing here reads the clock: ``now`` and ``today`` are arguments.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta

from vaplanner.core.errors import TimeParseError
from vaplanner.core.limits import (
    MAX_DURATION_MINUTES,
    YEARS_ACCEPTED,
    YearRangeError,
    check_year,
    year_in_range,
)
from vaplanner.core.weekhours import (
    WEEKDAY_NAMES,
    clock_minutes,
    format_time_range,
    format_week_hours,
    parse_clock,
    parse_days,
    parse_time_range,
    parse_week_hours,
    week_hours,
)
from vaplanner.core.zones import (
    day_bounds,
    format_day,
    format_offset,
    get_zone,
    resolve_wall,
    to_local,
    validate_zone,
    zone_label,
)
from vaplanner.core.zones import quote_input as _q

__all__ = [
    "day_bounds",
    "format_day",
    "format_duration",
    "format_elapsed",
    "format_offset",
    "format_time_range",
    "format_week_hours",
    "get_zone",
    "parse_clock",
    "parse_date",
    "parse_days",
    "parse_duration",
    "parse_time_range",
    "parse_week_hours",
    "parse_when",
    "parse_wall",
    "parse_when_noted",
    "resolve_wall",
    "to_local",
    "validate_zone",
    "week_hours",
    "zone_label",
]

_DURATION_FORMS = "90, 90m, 1h30m, 1.5h or 1:30"
_DATE_FORMS = (
    "YYYY-MM-DD, today, tomorrow, yesterday, a weekday (mon), +3d / -1d or e.g. '1 Dec 2026'"
)
_WALL_FORMS = "'YYYY-MM-DD HH:MM', HH:MM, 'tomorrow 14:00' or 'mon 9:00'"
_WHEN_FORMS = (
    "now, HH:MM, 'YYYY-MM-DD HH:MM', 'tomorrow 14:00', 'mon 9:00', -15m, +1h, '15m ago' or 'in 2h'"
)


# ----------------------------------------------------------------------------------- durations

# The patterns of this module are plain strings: ``re`` compiles each on first use and
# caches it, so importing the module (every report does) compiles none of them.
_DURATION_RE = (
    r"^(?:(?P<h>[0-9]+(?:\.[0-9]+)?|\.[0-9]+)\s*h(?:ours?|rs?)?)?\s*"
    r"(?:(?P<m>[0-9]+)\s*m(?:in(?:ute)?s?)?)?$"
)
_HMM_RE = r"^(?P<h>[0-9]+):(?P<m>[0-5][0-9])$"
#: More whole digits than this is past any limit: refused before ``int``/``float`` see it
#: (``int`` refuses 4,300+ digits, ``float`` turns 400 into infinity).
_MAX_DIGITS = 12


def _too_long(text: str) -> TimeParseError:
    years = MAX_DURATION_MINUTES // (365 * 24 * 60)
    return TimeParseError(
        f"duration {_q(text)} is longer than {years} years; use {_DURATION_FORMS}"
    )


def _duration_minutes(text: str) -> int | None:
    """Minutes, or None when ``text`` is not a duration; :class:`TimeParseError` when it is
    one, but longer than :data:`MAX_DURATION_MINUTES`."""
    value = text.strip().lower()
    if re.match(r"^[0-9]+$", value):
        if len(value) > _MAX_DIGITS:
            raise _too_long(text)
        minutes = int(value)
    elif match := re.match(_HMM_RE, value):
        if len(match["h"]) > _MAX_DIGITS:
            raise _too_long(text)
        minutes = int(match["h"]) * 60 + int(match["m"])
    elif (match := re.match(_DURATION_RE, value)) and (match["h"] or match["m"]):
        hours, mins = match["h"] or "", match["m"] or ""
        if len(hours.partition(".")[0]) > _MAX_DIGITS or len(mins) > _MAX_DIGITS:
            raise _too_long(text)
        minutes = round(float(hours or 0) * 60) + int(mins or 0)
    else:
        return None
    if minutes > MAX_DURATION_MINUTES:
        raise _too_long(text)
    return minutes


def parse_duration(text: str, *, allow_zero: bool = False) -> int:
    """Whole minutes from ``90``, ``90m``, ``1h30m``, ``1h 30m``, ``1.5h``, ``1:30`` or ``2h``.

    Raises :class:`TimeParseError` for anything else, for more than about a century
    (:data:`~vaplanner.core.limits.MAX_DURATION_MINUTES`), and for zero unless ``allow_zero``.
    Decimal hours are rounded to the nearest minute.
    """
    minutes = _duration_minutes(text)
    if minutes is None:
        raise TimeParseError(f"cannot read duration {_q(text)}; use {_DURATION_FORMS}")
    if minutes == 0 and not allow_zero:
        raise TimeParseError(
            f"duration {_q(text)} is zero; use more than 0, e.g. {_DURATION_FORMS}"
        )
    return minutes


def format_duration(minutes: int) -> str:
    """``h:mm``: 65 -> ``1:05``, 0 -> ``0:00``, -5 -> ``-0:05``."""
    sign = "-" if minutes < 0 else ""
    hours, rest = divmod(abs(minutes), 60)
    return f"{sign}{hours}:{rest:02d}"


def format_elapsed(seconds: int) -> str:
    """``h:mm:ss``: 4353 -> ``1:12:33``."""
    sign = "-" if seconds < 0 else ""
    minutes, secs = divmod(abs(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{sign}{hours}:{minutes:02d}:{secs:02d}"


# ---------------------------------------------------------------------------------------- dates

_RELATIVE_DAYS_RE = r"^(?P<sign>[+-])\s*(?P<n>[0-9]+)\s*(?P<unit>d|w)$"


def parse_date(text: str, *, today: date) -> date:
    """A calendar date a person typed.

    ``2026-12-01``, ``today``, ``tomorrow``, ``yesterday``, a weekday (``mon``, ``friday``: the
    next such day, today counts), ``+3d``, ``-1d``, ``+2w``; anything else through dateutil
    (``1 Dec 2026``, ``Dec 1``; a missing year is this year).
    """
    value = text.strip().lower()
    if not value:
        raise TimeParseError(f"date is empty; use {_DATE_FORMS}")
    named = {"today": 0, "tomorrow": 1, "yesterday": -1}
    if value in named:
        return today + timedelta(days=named[value])
    if value in WEEKDAY_NAMES:
        return today + timedelta(days=(WEEKDAY_NAMES[value] - today.weekday()) % 7)
    match = re.match(_RELATIVE_DAYS_RE, value)
    if match:
        return _shift_days(today, match, text)
    try:
        day = date.fromisoformat(value)
    except ValueError:
        pass
    else:
        check_year(day, text)
        return day
    from dateutil import parser as date_parser

    try:
        parsed = date_parser.parse(value, default=datetime.combine(today, time(0)))
    except (ValueError, OverflowError):
        raise TimeParseError(f"cannot read date {_q(text)}; use {_DATE_FORMS}") from None
    if parsed.time() != time(0) or parsed.tzinfo is not None:
        raise TimeParseError(f"{_q(text)} has a time in it; a date is needed here ({_DATE_FORMS})")
    check_year(parsed, text)
    return parsed.date()


def _shift_days(today: date, match: re.Match[str], text: str) -> date:
    """``+3d`` / ``-2w`` from ``today``, inside the accepted years."""
    count = match["n"]
    days = int(count) * (7 if match["unit"] == "w" else 1) if len(count) <= 7 else None
    try:
        day = (
            None
            if days is None
            else today + timedelta(days=days if match["sign"] == "+" else -days)
        )
    except OverflowError:
        day = None
    if day is None or not year_in_range(day):
        raise YearRangeError(f"{_q(text)} reaches outside the {YEARS_ACCEPTED}; give a nearer date")
    return day


# ------------------------------------------------------------------------------------ instants

_AGO_RE = r"^(?P<d>.+?)\s+ago$"
_IN_RE = r"^in\s+(?P<d>.+)$"
_SIGNED_RE = r"^(?P<sign>[+-])\s*(?P<d>.+)$"
_AMPM_SPACE_RE = r"\s+([ap]\.?m\.?)$"


def parse_when(text: str, *, tz: str, now: datetime) -> datetime:
    """An instant a person typed, as an aware UTC datetime (see :func:`parse_when_noted`)."""
    return parse_when_noted(text, tz=tz, now=now)[0]


def parse_when_noted(text: str, *, tz: str, now: datetime) -> tuple[datetime, str | None]:
    """An instant a person typed -> (UTC instant, a gap/fold note or ``None``).

    Accepts ``now``; a relative offset (``-15m``, ``+1h30m``, ``15m ago``, ``in 2h``); ISO 8601
    with an offset or ``Z`` (taken as given); or any wall time :func:`parse_wall` reads, in
    ``tz`` (today is today there), resolved by :func:`resolve_wall`.
    """
    value = " ".join(text.strip().lower().split())
    now_utc = now.astimezone(UTC)
    if value == "now":
        return now_utc, None
    relative = _relative(value)
    if relative is not None:
        # within a century of now (parse_duration's cap): never near the calendar's ends
        instant = now_utc + timedelta(minutes=relative)
        if not year_in_range(instant):
            raise YearRangeError(
                f"{_q(text)} reaches outside the {YEARS_ACCEPTED}; give a nearer time"
            )
        return instant, None
    zone_name = validate_zone(tz)
    try:
        given = datetime.fromisoformat(text.strip())
    except ValueError:
        given = None
    if given is not None and given.tzinfo is not None:
        check_year(given, text)
        return given.astimezone(UTC), None
    today = now_utc.astimezone(get_zone(zone_name)).date()
    try:
        wall = parse_wall(text, today=today)
    except YearRangeError:
        raise
    except TimeParseError:
        raise TimeParseError(f"cannot read time {_q(text)}; use {_WHEN_FORMS}") from None
    return resolve_wall(wall, zone_name)


def parse_wall(text: str, *, today: date) -> datetime:
    """A wall date and time a person typed, as a naive datetime (no zone applied).

    A clock time (``14:00``, ``2pm``: on ``today``); a date and a clock time
    (``2026-11-20 09:10``, ``2026-11-20T09:10``, ``tomorrow 14:00``, ``mon 9:00``,
    ``1 Dec 2026 2pm``); a date alone (its midnight); other forms through dateutil.
    """
    value = re.sub(_AMPM_SPACE_RE, r"\1", " ".join(text.strip().lower().split()))
    clock = clock_minutes(value)
    if clock is not None and clock < 1440:
        return datetime.combine(today, time(0)) + timedelta(minutes=clock)
    head, _, tail = value.rpartition(" ")
    if head:
        clock = clock_minutes(tail)
        if clock is not None and clock < 1440:
            day = _date_or_none(head, today)
            if day is not None:
                return datetime.combine(day, time(0)) + timedelta(minutes=clock)
    day = _date_or_none(value, today)
    if day is not None:
        return datetime.combine(day, time(0))
    unreadable = TimeParseError(f"cannot read date and time {_q(text)}; use {_WALL_FORMS}")
    if value[:1] in "+-":
        raise unreadable  # dateutil would read "-15m" as 00:15
    try:
        parsed = datetime.fromisoformat(text.strip())
    except ValueError:
        from dateutil import parser as date_parser

        try:
            parsed = date_parser.parse(text, default=datetime.combine(today, time(0)))
        except (ValueError, OverflowError):
            raise unreadable from None
    if parsed.tzinfo is not None:
        raise TimeParseError(
            f"{_q(text)} has a UTC offset; give a wall time such as 'YYYY-MM-DD HH:MM' and the "
            "zone separately"
        )
    check_year(parsed, text)
    return parsed


def _relative(value: str) -> int | None:
    for pattern, sign in ((_AGO_RE, -1), (_IN_RE, 1)):
        match = re.match(pattern, value)
        if match:
            minutes = _duration_minutes(match["d"])
            return None if minutes is None else sign * minutes
    match = re.match(_SIGNED_RE, value)
    if match:
        minutes = _duration_minutes(match["d"])
        if minutes is None:
            return None
        return minutes if match["sign"] == "+" else -minutes
    return None


def _date_or_none(value: str, today: date) -> date | None:
    """The date ``value`` reads as, None when it is not one; a date outside the accepted years
    is an error (not a reason to try another reading)."""
    try:
        return parse_date(value, today=today)
    except YearRangeError:
        raise
    except TimeParseError:
        return None
