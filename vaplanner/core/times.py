"""Reading and resolving times: zones, durations, clock times, dates, instants.

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
from functools import lru_cache
from zoneinfo import ZoneInfo, available_timezones

from vaplanner.core.errors import TimeParseError, ZoneError
from vaplanner.core.limits import (
    MAX_DURATION_MINUTES,
    YEARS_ACCEPTED,
    YearRangeError,
    check_year,
    year_in_range,
)
from vaplanner.core.models import WEEKDAYS, TimeRange, WeekHours

__all__ = [
    "day_bounds",
    "format_day",
    "format_duration",
    "format_elapsed",
    "format_offset",
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

_ZONE_HINT = "use an IANA name such as America/New_York or Europe/London"
_DURATION_FORMS = "90, 90m, 1h30m, 1.5h or 1:30"
_CLOCK_FORMS = "HH:MM (24-hour) such as 09:30 or 14:00, or 9am / 2:30pm"
_DATE_FORMS = (
    "YYYY-MM-DD, today, tomorrow, yesterday, a weekday (mon), +3d / -1d or e.g. '1 Dec 2026'"
)
_WALL_FORMS = "'YYYY-MM-DD HH:MM', HH:MM, 'tomorrow 14:00' or 'mon 9:00'"
_WHEN_FORMS = (
    "now, HH:MM, 'YYYY-MM-DD HH:MM', 'tomorrow 14:00', 'mon 9:00', -15m, +1h, '15m ago' or 'in 2h'"
)


def _q(text: str) -> str:
    """``text`` quoted for a message, cut to 60 characters: an error stays one short line
    whatever was pasted."""
    shown = text.strip()
    return repr(shown if len(shown) <= 60 else shown[:57] + "...")


# --------------------------------------------------------------------------------------- zones


@lru_cache(maxsize=1)
def _zone_names() -> frozenset[str]:
    # Walks the tz database (~30 ms): only on the slow path, once per process.
    return frozenset(available_timezones())


@lru_cache(maxsize=1)
def _zone_index() -> tuple[dict[str, str], dict[str, list[str]]]:
    """(lower-case full name -> name, lower-case last component -> names)."""
    full: dict[str, str] = {}
    last: dict[str, list[str]] = {}
    for name in sorted(_zone_names()):
        full[name.lower()] = name
        last.setdefault(name.rsplit("/", 1)[-1].lower(), []).append(name)
    return full, last


def _looks_canonical(name: str) -> bool:
    # IANA names start every component with a capital ("America/Port-au-Prince"); this keeps
    # "posix/..." and case-folded names (on case-insensitive file systems) off the fast path.
    return all(part[:1].isascii() and part[:1].isupper() for part in name.split("/"))


def _try_zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (KeyError, ValueError, OSError):
        return None


def validate_zone(name: str) -> str:
    """Return the canonical IANA name for ``name``, or raise :class:`ZoneError`.

    Exact names are accepted at once. A name that matches exactly one zone ignoring case,
    or ignoring the region with spaces for underscores ("new york", "kolkata"), is accepted
    too. Anything else raises with the nearest valid names as suggestions.
    """
    text = name.strip()
    if text and _looks_canonical(text) and _try_zone(text) is not None:
        return text
    if not text:
        raise ZoneError(f"time zone is empty; {_ZONE_HINT}")
    full, last = _zone_index()
    key = text.lower().replace(" ", "_")
    if key in full:
        return full[key]
    candidates = last.get(key, [])
    if len(candidates) == 1:
        return candidates[0]
    suggestions = candidates[:3] or _suggest(key, full, last)
    if suggestions:
        listed = (
            suggestions[0]
            if len(suggestions) == 1
            else ", ".join(suggestions[:-1]) + " or " + suggestions[-1]
        )
        raise ZoneError(
            f"unknown time zone {_q(text)}; did you mean {listed}? "
            "Use an IANA name such as America/New_York"
        )
    raise ZoneError(f"unknown time zone {_q(text)}; {_ZONE_HINT}")


def _suggest(key: str, full: dict[str, str], last: dict[str, list[str]]) -> list[str]:
    scored: dict[str, float] = {}
    pools: tuple[tuple[list[str], dict[str, list[str]]], ...] = (
        (list(full), {k: [v] for k, v in full.items()}),
        (list(last), last),
    )
    import difflib  # only for a mistyped zone: ~0.8 ms of every command's start-up otherwise

    for keys, names in pools:
        for match in difflib.get_close_matches(key, keys, n=5, cutoff=0.6):
            ratio = difflib.SequenceMatcher(None, key, match).ratio()
            for name in names[match]:
                scored[name] = max(scored.get(name, 0.0), ratio)
    if not scored:
        return []
    best = max(scored.values())
    # Only names nearly as close as the best one: one clear answer beats three guesses.
    close = [name for name, ratio in scored.items() if ratio >= best - 0.08]
    return sorted(close, key=lambda name: (-scored[name], name))[:3]


def get_zone(name: str) -> ZoneInfo:
    """The :class:`ZoneInfo` for ``name`` (see :func:`validate_zone` for what is accepted)."""
    return ZoneInfo(validate_zone(name))


def to_local(instant: datetime, tz: str) -> datetime:
    """``instant`` (aware) as an aware datetime in zone ``tz``."""
    if instant.tzinfo is None:
        raise ValueError("to_local needs an aware instant")
    return instant.astimezone(get_zone(tz))


def format_offset(offset: timedelta | None) -> str:
    """A UTC offset as ``+05:45`` / ``-03:30`` / ``+00:00``."""
    total = int((offset or timedelta(0)).total_seconds()) // 60
    sign = "-" if total < 0 else "+"
    hours, minutes = divmod(abs(total), 60)
    return f"{sign}{hours:02d}:{minutes:02d}"


def format_day(day: date) -> str:
    """``8 Mar 2026``: a date as people write it in messages."""
    return f"{day.day} {day:%b %Y}"


def zone_label(local: datetime) -> str:
    """The zone abbreviation of an aware local time, or its offset when the zone has none."""
    abbr = local.tzname() or ""
    # tzdata writes "+0545" style names for zones without an abbreviation.
    if not abbr or abbr[0] in "+-":
        return "UTC" + format_offset(local.utcoffset())
    return abbr


def _shift_text(delta: timedelta) -> str:
    minutes = abs(int(delta.total_seconds()) // 60)
    if minutes % 60 == 0:
        hours = minutes // 60
        return f"{hours} hour" + ("" if hours == 1 else "s")
    return f"{minutes} minutes"


def resolve_wall(wall: datetime, tz: str) -> tuple[datetime, str | None]:
    """A naive wall time in ``tz`` -> (UTC instant, a note for the user or ``None``).

    Gap (spring forward): the offset before the jump is used, so the instant lands as far
    after the jump as the wall time is after its start (RFC 5545). Fold (fall back): the first
    occurrence. The note says which instant was used; it is ``None`` for ordinary times.
    """
    if wall.tzinfo is not None:
        raise ValueError("resolve_wall needs a naive wall time")
    zone = get_zone(tz)
    first = wall.replace(tzinfo=zone, fold=0)
    second = wall.replace(tzinfo=zone, fold=1)
    instant = first.astimezone(UTC)
    before, after = first.utcoffset(), second.utcoffset()
    if before == after or before is None or after is None:
        return instant, None
    local = instant.astimezone(zone)
    used = f"{local:%H:%M} {zone_label(local)} ({instant:%H:%M} UTC)"
    when = f"{wall:%H:%M} on {format_day(wall.date())}"
    if local.replace(tzinfo=None) != wall:
        note = (
            f"{when} does not exist in {tz} (clocks go forward {_shift_text(after - before)}); "
            f"used {used}"
        )
    else:
        note = (
            f"{when} happens twice in {tz} (clocks go back {_shift_text(before - after)}); "
            f"used the first, {used}"
        )
    return instant, note


def day_bounds(day: date, tz: str) -> tuple[datetime, datetime]:
    """The UTC instants ``[start, next start)`` of the local day ``day`` in ``tz``.

    The day is 23 or 25 hours long on DST-change days; where midnight itself is skipped, the
    day starts at the jump. A day outside the accepted years raises :class:`TimeParseError`.
    """
    check_year(day, day.isoformat())
    start, _ = resolve_wall(datetime.combine(day, time(0)), tz)
    end, _ = resolve_wall(datetime.combine(day + timedelta(days=1), time(0)), tz)
    return start, end


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


# ------------------------------------------------------------------------------ clock and date

_CLOCK_RE = r"^(?P<h>[0-9]{1,2})(?:[:.h](?P<m>[0-9]{2}))?\s*(?P<ampm>[ap]\.?m\.?)?$"
_COMPACT_RE = r"^(?P<h>[0-9]{2})(?P<m>[0-9]{2})$"


def _clock_minutes(text: str) -> int | None:
    """Minutes after midnight (0..1440) or None; 24:00 is 1440."""
    value = text.strip().lower()
    if value in {"noon", "midday"}:
        return 12 * 60
    if value == "midnight":
        return 0
    match = re.match(_COMPACT_RE, value) or re.match(_CLOCK_RE, value)
    if not match:
        return None
    hour = int(match["h"])
    minute = int(match["m"] or 0)
    ampm = match.groupdict().get("ampm")
    if minute > 59:
        return None
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm.startswith("p") else 0)
    if hour == 24 and minute == 0:
        return 1440
    if hour > 23:
        return None
    return hour * 60 + minute


def parse_clock(text: str) -> time:
    """A wall-clock time: ``9:30``, ``09:30``, ``14:00``, ``1400``, ``9am``, ``2:30pm``."""
    minutes = _clock_minutes(text)
    if minutes is None or minutes == 1440:
        raise TimeParseError(f"cannot read time {_q(text)}; use {_CLOCK_FORMS}")
    return time(minutes // 60, minutes % 60)


_WEEKDAY_NAMES: dict[str, int] = {}
for _index, _short in enumerate(WEEKDAYS):
    _WEEKDAY_NAMES[_short] = _index
for _index, _long in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
):
    _WEEKDAY_NAMES[_long] = _index
_WEEKDAY_NAMES.update({"tues": 1, "wednes": 2, "thur": 3, "thurs": 3})

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
    if value in _WEEKDAY_NAMES:
        return today + timedelta(days=(_WEEKDAY_NAMES[value] - today.weekday()) % 7)
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
    today = now_utc.astimezone(ZoneInfo(zone_name)).date()
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
    clock = _clock_minutes(value)
    if clock is not None and clock < 1440:
        return datetime.combine(today, time(0)) + timedelta(minutes=clock)
    head, _, tail = value.rpartition(" ")
    if head:
        clock = _clock_minutes(tail)
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


# ------------------------------------------------------------------------------- weekly hours

_RANGE_SPLIT_RE = r"\s*(?:-|–|—|\bto\b)\s*"


def parse_time_range(text: str) -> TimeRange:
    """``09:00-17:00`` (also ``9-17``, ``9am-5pm``); the end may be ``24:00``.

    A range must end after it starts on the same day; hours past midnight are two ranges
    (``22:00-24:00`` on one day, ``00:00-02:00`` on the next).
    """
    parts = re.split(_RANGE_SPLIT_RE, text.strip())
    forms = "use HH:MM-HH:MM such as 09:00-17:00 (the end may be 24:00)"
    if len(parts) != 2:
        raise TimeParseError(f"cannot read time range {_q(text)}; {forms}")
    start, end = _clock_minutes(parts[0]), _clock_minutes(parts[1])
    if start is None or end is None or start == 1440:
        raise TimeParseError(f"cannot read time range {_q(text)}; {forms}")
    if end <= start:
        raise TimeParseError(
            f"time range {_q(text)} ends before it starts; for hours past midnight use two "
            "ranges, e.g. 22:00-24:00 and 00:00-02:00 on the next day"
        )
    return TimeRange(time(start // 60, start % 60), time((end // 60) % 24, end % 60))


def _weekday(name: str, text: str) -> int:
    key = name.strip().lower()
    if key in _WEEKDAY_NAMES:
        return _WEEKDAY_NAMES[key]
    if len(key) >= 2:
        for full, index in _WEEKDAY_NAMES.items():
            if full.startswith(key) and len(full) > 3:
                return index
    raise TimeParseError(
        f"cannot read days {_q(text)}; use weekdays such as mon-fri, mon,wed,fri, sat-sun, "
        "weekdays, weekend or daily"
    )


def parse_days(text: str) -> tuple[int, ...]:
    """Weekday numbers (0 = Monday), sorted: ``mon-fri``, ``mon,wed,fri``, ``sat-sun``,
    ``fri-mon`` (wraps), ``weekdays``, ``weekend``, ``daily``."""
    value = text.strip().lower()
    special = {
        "weekdays": (0, 1, 2, 3, 4),
        "weekend": (5, 6),
        "weekends": (5, 6),
        "daily": tuple(range(7)),
        "all": tuple(range(7)),
        "every day": tuple(range(7)),
    }
    if value in special:
        return special[value]
    days: set[int] = set()
    for part in filter(None, (p.strip() for p in re.split(r"[,\s]+", value))):
        if "-" in part:
            first_text, _, last_text = part.partition("-")
            first, last = _weekday(first_text, text), _weekday(last_text, text)
            days.update((first + i) % 7 for i in range((last - first) % 7 + 1))
        else:
            days.add(_weekday(part, text))
    if not days:
        _weekday("", text)
    return tuple(sorted(days))


def _merge_ranges(ranges: list[TimeRange]) -> tuple[TimeRange, ...]:
    merged: list[tuple[int, int]] = []
    for item in sorted(ranges, key=lambda r: r.start_minute):
        if merged and item.start_minute <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], item.end_minute))
        else:
            merged.append((item.start_minute, item.end_minute))
    return tuple(TimeRange(time(s // 60, s % 60), time((e // 60) % 24, e % 60)) for s, e in merged)


def week_hours(ranges: str | list[str], days: str = "mon-fri") -> WeekHours:
    """Hours on the given days: ``week_hours("09:00-12:00,13:00-17:00", "mon-fri")``.

    Overlapping or touching ranges are merged; the other days have no hours.
    """
    items = ranges.split(",") if isinstance(ranges, str) else list(ranges)
    parsed = [parse_time_range(item) for item in items if item.strip()]
    if not parsed:
        raise TimeParseError("no hours given; use HH:MM-HH:MM such as 09:00-17:00")
    windows = _merge_ranges(parsed)
    chosen = set(parse_days(days))
    return WeekHours(tuple(windows if day in chosen else () for day in range(7)))


def _format_range(item: TimeRange) -> str:
    end = "24:00" if item.end_minute == 1440 else f"{item.end:%H:%M}"
    return f"{item.start:%H:%M}-{end}"


def _format_days(days: list[int]) -> str:
    runs: list[list[int]] = []
    for day in days:
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return ",".join(
        WEEKDAYS[run[0]] if len(run) == 1 else f"{WEEKDAYS[run[0]]}-{WEEKDAYS[run[-1]]}"
        for run in runs
    )


def format_week_hours(hours: WeekHours) -> str:
    """``mon-fri 09:00-17:00``; several groups with ``; ``, several ranges with ``,``
    (``mon-thu 09:00-12:00,13:00-17:00; fri 09:00-13:00``); ``none`` when there are none.
    :func:`parse_week_hours` reads it back."""
    groups: dict[tuple[TimeRange, ...], list[int]] = {}
    for day, windows in enumerate(hours.days):
        if windows:
            groups.setdefault(tuple(windows), []).append(day)
    if not groups:
        return "none"
    parts = sorted(groups.items(), key=lambda item: item[1][0])
    return "; ".join(
        f"{_format_days(days)} {','.join(_format_range(w) for w in windows)}"
        for windows, days in parts
    )


def parse_week_hours(text: str) -> WeekHours:
    """The inverse of :func:`format_week_hours`: ``mon-fri 09:00-17:00; sat 10:00-14:00``.

    A group without days (``09:00-17:00``) means Monday to Friday; later groups override
    earlier ones for the days they name.
    """
    value = text.strip()
    if value.lower() == "none":
        return WeekHours(((),) * 7)
    days: list[tuple[TimeRange, ...]] = [()] * 7
    for group in filter(None, (g.strip() for g in value.split(";"))):
        head, _, rest = group.partition(" ")
        if rest and not head[:1].isdigit():
            hours = week_hours(rest.replace(" ", ""), head)
        else:
            hours = week_hours(group.replace(" ", ""))
        for day, windows in enumerate(hours.days):
            if windows:
                days[day] = windows
    return WeekHours(tuple(days))
