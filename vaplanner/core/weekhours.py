"""Clock times, weekday names and weekly hours as people type them.

``9:30``, ``2:30pm``, ``mon-fri``, ``09:00-17:00``, ``mon-thu 09:00-12:00,13:00-17:00; fri
09:00-13:00``. A range whose end is at or before its start runs past midnight into the next
day (a night shift ``22:00-02:00``); ``24:00`` ends a range at midnight. The weekday a range
belongs to is the day it *starts* on.

Everything here is re-exported by :mod:`vaplanner.core.times`; import it from there.
"""

from __future__ import annotations

import re
from datetime import time

from vaplanner.core.errors import TimeParseError
from vaplanner.core.models import WEEKDAYS, TimeRange, WeekHours
from vaplanner.core.zones import quote_input as _q

CLOCK_FORMS = "HH:MM (24-hour) such as 09:30 or 14:00, or 9am / 2:30pm"

# The patterns of this module are plain strings: ``re`` compiles each on first use and
# caches it, so importing the module compiles none of them.
_CLOCK_RE = r"^(?P<h>[0-9]{1,2})(?:[:.h](?P<m>[0-9]{2}))?\s*(?P<ampm>[ap]\.?m\.?)?$"
_COMPACT_RE = r"^(?P<h>[0-9]{2})(?P<m>[0-9]{2})$"


def clock_minutes(text: str) -> int | None:
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
    minutes = clock_minutes(text)
    if minutes is None or minutes == 1440:
        raise TimeParseError(f"cannot read time {_q(text)}; use {CLOCK_FORMS}")
    return time(minutes // 60, minutes % 60)


WEEKDAY_NAMES: dict[str, int] = {}
for _index, _short in enumerate(WEEKDAYS):
    WEEKDAY_NAMES[_short] = _index
for _index, _long in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
):
    WEEKDAY_NAMES[_long] = _index
WEEKDAY_NAMES.update({"tues": 1, "wednes": 2, "thur": 3, "thurs": 3})


# ------------------------------------------------------------------------------- weekly hours

_RANGE_SPLIT_RE = r"\s*(?:-|–|—|\bto\b)\s*"


def parse_time_range(text: str) -> TimeRange:
    """``09:00-17:00`` (also ``9-17``, ``9am-5pm``); the end may be ``24:00``.

    An end at or before the start is on the next day: ``22:00-02:00`` is a night shift from
    22:00 to 02:00 the morning after (four hours, belonging to the day it starts on). A
    range must not start and end at the same time (``00:00-24:00`` is the whole day). A
    range past midnight of more than 12 hours must say am/pm (``5pm-9am``): in 24-hour form
    it is far more often a slip (``9-5``, ``17:00-09:00``), refused with a suggestion.
    """
    parts = re.split(_RANGE_SPLIT_RE, text.strip())
    forms = (
        "use HH:MM-HH:MM such as 09:00-17:00 (the end may be 24:00, or after midnight: 22:00-02:00)"
    )
    if len(parts) != 2:
        raise TimeParseError(f"cannot read time range {_q(text)}; {forms}")
    start, end = clock_minutes(parts[0]), clock_minutes(parts[1])
    if start is None or end is None or start == 1440:
        raise TimeParseError(f"cannot read time range {_q(text)}; {forms}")
    if end % 1440 == start and (start, end) != (0, 1440):
        raise TimeParseError(
            f"time range {_q(text)} starts and ends at the same time; give the hours open, "
            "e.g. 09:00-17:00, 22:00-02:00 or 00:00-24:00 for the whole day"
        )
    if end < start and end + 1440 - start > _LONGEST_NIGHT and not _said_am_pm(parts):
        raise TimeParseError(
            f"time range {_q(text)} ends before it starts; did you mean "
            f"{_likely_day(start, end)}? Hours past midnight longer than 12 hours need "
            "am/pm (e.g. 5pm-9am); shorter ones can be 24-hour (e.g. 22:00-02:00)"
        )
    return TimeRange(time(start // 60, start % 60), time((end // 60) % 24, end % 60))


#: Longest range past midnight taken in 24-hour form. A reversed day range (``17:00-09:00``)
#: or a 12-hour one without am/pm (``9-5``) reads as a night of 14 to 23 hours; real night
#: shifts are 12 hours or less. Longer ones are taken when said with am/pm (``5pm-9am``).
_LONGEST_NIGHT = 12 * 60


def _said_am_pm(parts: list[str]) -> bool:
    """Whether either end says am, pm, noon or midnight."""
    return any(re.search(r"[ap]\.?m\.?$|noon|midday|midnight", p.strip().lower()) for p in parts)


def _likely_day(start: int, end: int) -> str:
    """What a range that ends before it starts probably meant: the afternoon (``9-5`` ->
    09:00-17:00) or the same hours the other way round (``17:00-09:00`` -> 09:00-17:00)."""
    afternoon = 60 <= start < 780 and start < end + 720 <= 1440
    first, last = (start, end + 720) if afternoon else (end, start)
    return f"{first // 60:02d}:{first % 60:02d}-{last // 60:02d}:{last % 60:02d}"


def _weekday(name: str, text: str) -> int:
    key = name.strip().lower()
    if key in WEEKDAY_NAMES:
        return WEEKDAY_NAMES[key]
    if len(key) >= 2:
        for full, index in WEEKDAY_NAMES.items():
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
    """One day's ranges, sorted, overlapping or touching ones joined.

    A joined range may not reach 24 hours (other than ``00:00-24:00``): a range starting
    and ending at the same clock time would read back as an error.
    """
    merged: list[tuple[int, int]] = []
    for item in sorted(ranges, key=lambda r: r.start_minute):
        if merged and item.start_minute <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], item.end_minute))
        else:
            merged.append((item.start_minute, item.end_minute))
    for start, end in merged:
        if end - start >= 1440 and (start, end) != (0, 1440):
            shown = ", ".join(format_time_range(r) for r in ranges)
            raise TimeParseError(
                f"hours {_q(shown)} join into one window of 24 hours or more; give hours "
                "that leave a gap, or 00:00-24:00 for the whole day"
            )
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


def format_time_range(item: TimeRange) -> str:
    """``09:00-17:00``, ``22:00-24:00``, ``22:00-02:00``; a range past midnight of more than
    12 hours as ``5pm-9am`` (:func:`parse_time_range` refuses it in 24-hour form)."""
    if item.end_minute > 1440 and item.minutes > _LONGEST_NIGHT:
        return f"{_twelve_hour(item.start)}-{_twelve_hour(item.end)}"
    end = "24:00" if item.end_minute == 1440 else f"{item.end:%H:%M}"
    return f"{item.start:%H:%M}-{end}"


def _twelve_hour(value: time) -> str:
    hour = value.hour % 12 or 12
    minutes = f":{value.minute:02d}" if value.minute else ""
    return f"{hour}{minutes}{'am' if value.hour < 12 else 'pm'}"


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
        f"{_format_days(days)} {','.join(format_time_range(w) for w in windows)}"
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
