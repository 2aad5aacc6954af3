"""Import helpers: an RRULE mapped onto ``Meeting.every``, and a TZID mapped to an IANA zone.

Kept apart from :mod:`vaplanner.core.ical_read` so each stays small and can be tested alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from itertools import islice
from typing import Any, Literal
from zoneinfo import ZoneInfo

from vaplanner.core.times import to_local

__all__ = ["MappedRule", "RuleRefused", "iana_zone", "map_rule"]

WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_BYDAY = re.compile(r"^([+-]?\d+)?(MO|TU|WE|TH|FR|SA|SU)$")
_KNOWN_PARTS = {"FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "UNTIL", "COUNT", "WKST"}
_MAX_EXPANDED = 20_000
_LAST_YEAR = 2200  # a COUNT or UNTIL this far out means no end in practice
#: Old names that CLDR's Windows table still uses, and tzdata's current ones.
_RENAMED = {
    "Asia/Calcutta": "Asia/Kolkata",
    "Asia/Katmandu": "Asia/Kathmandu",
    "Asia/Rangoon": "Asia/Yangon",
    "Asia/Saigon": "Asia/Ho_Chi_Minh",
    "Europe/Kiev": "Europe/Kyiv",
    "America/Godthab": "America/Nuuk",
    "America/Buenos_Aires": "America/Argentina/Buenos_Aires",
    "America/Indianapolis": "America/Indiana/Indianapolis",
}  # a COUNT or UNTIL this far out is read as "no end" in practice

Every = Literal["weekly", "biweekly", "monthly"]


class RuleRefused(Exception):
    """The rule has no equivalent in vaplanner; the message says what it is."""


@dataclass(frozen=True, slots=True)
class MappedRule:
    """What an RRULE becomes.

    ``starts``: (UID suffix, first wall start) per meeting to create: one entry with an empty
    suffix normally; one per weekday (suffix ``MO``...) for a rule on several weekdays.
    ``every`` is ``None`` when the rule leaves only the first occurrence.
    """

    every: Every | None
    until: date | None
    starts: tuple[tuple[str, datetime], ...]


def _first(rule: Mapping[str, Any], key: str, default: Any = None) -> Any:
    values = rule.get(key)
    if not values:
        return default
    return values[0] if isinstance(values, list | tuple) else values


def _describe(rule: Mapping[str, Any]) -> str:
    parts = []
    for key, values in rule.items():
        items = values if isinstance(values, list | tuple) else [values]
        parts.append(f"{key}={','.join(str(v) for v in items)}")
    return ";".join(parts)


def _refuse(rule: Mapping[str, Any], why: str) -> RuleRefused:
    return RuleRefused(
        f"it repeats {why} ({_describe(rule)}); vaplanner repeats meetings weekly, every other "
        "week or monthly on the same day, so add it by hand with 'vaplanner meeting add'"
    )


def _until_wall(value: Any, tz: str) -> datetime:
    if not isinstance(value, datetime):
        return datetime.combine(value, time.max)
    if value.tzinfo is None:
        return value
    return to_local(value.astimezone(UTC), tz).replace(tzinfo=None)


def map_rule(rule: Mapping[str, Any], wall: datetime, tz: str) -> MappedRule:
    """Map an icalendar ``vRecur`` (or any mapping of RRULE parts) starting at ``wall`` in ``tz``.

    Raises:
        RuleRefused: the rule cannot be expressed; the message names the rule.
    """
    from dateutil import rrule as rr

    freq = str(_first(rule, "FREQ", "")).upper()
    interval = int(_first(rule, "INTERVAL", 1))
    unknown = sorted(set(rule) - _KNOWN_PARTS)
    if unknown:
        raise _refuse(rule, f"with {', '.join(unknown)}")
    days: list[int] = []
    for item in rule.get("BYDAY", []) or []:
        match = _BYDAY.match(str(item).upper())
        if match is None:
            raise _refuse(rule, f"on '{item}'")
        if match.group(1):
            raise _refuse(rule, "on a numbered weekday of the month (such as the 2nd Tuesday)")
        days.append(WEEKDAY_CODES.index(match.group(2)))
    monthdays = [int(day) for day in rule.get("BYMONTHDAY", []) or []]
    every: Every
    if freq == "WEEKLY" and interval in (1, 2) and not monthdays:
        every = "weekly" if interval == 1 else "biweekly"
        weekdays = sorted(set(days)) or [wall.weekday()]
        base = rr.rrule(rr.WEEKLY, interval=interval, byweekday=weekdays, dtstart=wall)
    elif freq == "DAILY" and interval == 1 and not monthdays:
        every = "weekly"
        weekdays = sorted(set(days)) or list(range(7))
        base = rr.rrule(rr.DAILY, byweekday=weekdays, dtstart=wall)
    elif freq == "MONTHLY" and interval == 1 and not days and monthdays in ([], [wall.day]):
        every = "monthly"
        weekdays = []
        base = rr.rrule(rr.MONTHLY, dtstart=wall)
    elif freq in ("WEEKLY", "DAILY", "MONTHLY") and interval > 1:
        unit = {"WEEKLY": "weeks", "DAILY": "days", "MONTHLY": "months"}[freq]
        raise _refuse(rule, f"every {interval} {unit}")
    elif freq == "MONTHLY":
        raise _refuse(rule, "monthly on other days than the first meeting's")
    else:
        raise _refuse(rule, freq.lower() or "with no frequency")
    wkst = _first(rule, "WKST")
    count = _first(rule, "COUNT")
    until_value = _first(rule, "UNTIL")
    limits: dict[str, Any] = {}
    if wkst:
        limits["wkst"] = WEEKDAY_CODES.index(str(wkst).upper())
    if count is not None:
        limits["count"] = int(count)
    if until_value is not None:
        limits["until"] = _until_wall(until_value, tz)
    rule_set = base.replace(**limits)
    until: date | None = None
    if "count" in limits or "until" in limits:
        expanded = list(islice(rule_set, _MAX_EXPANDED))
        if len(expanded) <= 1:
            return MappedRule(None, None, (("", wall),))
        until = expanded[-1].date()
        if "count" not in limits and limits["until"].time() >= wall.time():
            # The UNTIL day itself, so vaplanner's own exports read back unchanged (they
            # write the end of the until day); otherwise the last occurrence's day.
            until = limits["until"].date()
        if len(expanded) == _MAX_EXPANDED or until.year > _LAST_YEAR:
            until = None  # centuries away: no end in practice
    starts = _starts(islice(rule_set, 7 * 60), weekdays, wall, every)
    return MappedRule(every, until, starts)


def _starts(
    walls: Iterable[datetime], weekdays: Sequence[int], wall: datetime, every: Every
) -> tuple[tuple[str, datetime], ...]:
    if every == "monthly" or weekdays == [wall.weekday()]:
        return (("", wall),)
    first: dict[int, datetime] = {}
    for item in walls:
        first.setdefault(item.weekday(), item)
        if len(first) == len(weekdays):
            break
    if len(weekdays) == 1:
        return (("", first.get(weekdays[0], wall)),)
    return tuple((WEEKDAY_CODES[day], first[day]) for day in sorted(first))


# ---------------------------------------------------------------------------------- zones


def _zoneinfo(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ValueError, OSError, KeyError):
        return None


def _names(tzid: str, tz: tzinfo | None) -> Iterable[str]:
    from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

    clean = tzid.strip().strip('"').strip("/")
    yield clean
    if clean in WINDOWS_TO_OLSON:
        yield WINDOWS_TO_OLSON[clean]
    if tzid.strip().startswith("/"):  # "/freeassociation.sourceforge.net/Europe/Berlin"
        parts = clean.split("/")
        for start in range(1, len(parts)):
            yield "/".join(parts[start:])
    key = getattr(tz, "key", None)
    if isinstance(key, str):
        yield key


def iana_zone(tzid: str, tz: tzinfo | None, year: int, preferred: Sequence[str] = ()) -> str | None:
    """The IANA name for a TZID: the name itself, its Windows mapping, the tail of a
    ``/vendor/…`` id, or else the zone (``preferred`` first) whose UTC offset equals the
    file's definition ``tz`` every day of ``year``. ``None`` when nothing matches."""
    from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

    for name in _names(tzid, tz):
        if name and _zoneinfo(name) is not None:
            return _RENAMED.get(name, name)
    if tz is None:
        return None
    start = datetime(year, 1, 1, 12, tzinfo=UTC)
    samples = [start + timedelta(days=day) for day in range(366)]
    try:
        wanted = [sample.astimezone(tz).utcoffset() for sample in samples]
    except (ValueError, OverflowError, TypeError):
        return None
    for name in dict.fromkeys([*preferred, *sorted(set(WINDOWS_TO_OLSON.values()))]):
        zone = _zoneinfo(name)
        if zone is not None and all(
            s.astimezone(zone).utcoffset() == w for s, w in zip(samples, wanted, strict=True)
        ):
            return _RENAMED.get(name, name)
    return None
