"""The importer's view of an iCalendar file (pure): the bytes parsed into calendars, and the
plain properties of one VEVENT read into safe values.

:mod:`vaplanner.core.ical_read` applies the rules that turn events into meetings; this module
holds what those rules read: text cut to one safe line (a hostile file's escape sequences
never reach the terminal), the UID (or a stable stand-in), SEQUENCE and the version stamps,
EXDATE values, the meeting link, and an event's length from DTEND or DURATION. A property
that makes an event unusable raises :class:`EventRefused` with the reason for the user.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from vaplanner.core.errors import InputError
from vaplanner.core.ical import UTC_ZONES
from vaplanner.core.ical_merge import Version
from vaplanner.core.times import day_bounds, resolve_wall, to_local

__all__ = [
    "EventRefused",
    "description_of",
    "event_minutes",
    "exdates_of",
    "is_cancelled",
    "is_utc",
    "link_of",
    "one_line",
    "parse_calendars",
    "sequence_of",
    "title_of",
    "uid_of",
    "version_of",
    "wall_of",
]

# Control characters other than line breaks and tabs (ESC included) never leave the reader.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LONGEST = timedelta(days=366)
_LINK_PROPS = (
    "URL",
    "CONFERENCE",
    "X-GOOGLE-CONFERENCE",
    "X-MICROSOFT-SKYPETEAMSMEETINGURL",
    "X-MICROSOFT-ONLINEMEETINGCONFLINK",
)
_MEETING_URL = re.compile(
    r"https://[^\s<>\"']*(zoom\.us|meet\.google\.com|teams\.microsoft\.com|teams\.live\.com|"
    r"webex\.com|whereby\.com|meet\.jit\.si)[^\s<>\"']*"
)


class EventRefused(Exception):
    """One event cannot be imported; the message says why (it goes to the user)."""


def parse_calendars(data: bytes, source: str) -> list[Any]:
    """The calendars of a file's bytes.

    Raises:
        InputError: the file is not iCalendar, is cut off, or holds a broken property;
            nothing of it should be imported.
    """
    from icalendar import Calendar

    text = data.decode("utf-8-sig", errors="replace")
    if "BEGIN:VCALENDAR" not in text.upper():
        raise InputError(
            f"{source} is not an iCalendar file (no BEGIN:VCALENDAR); nothing imported"
        )
    if not re.search(r"^END:VCALENDAR\s*$", text, re.IGNORECASE | re.MULTILINE):
        raise InputError(
            f"cannot read {source}: it ends before END:VCALENDAR (cut off?); nothing imported"
        )
    try:
        calendars: list[Any] = Calendar.from_ical(text, multiple=True)
    except Exception as error:  # icalendar raises ValueError, KeyError, IndexError...
        reason = one_line(str(error))
        raise InputError(f"cannot read {source}: {reason}; nothing imported") from error
    if not calendars:
        raise InputError(f"cannot read {source}: it holds no calendar; nothing imported")
    for cal in calendars:
        for component in cal.walk():
            for prop, message in component.errors:
                where = f"{component.name} property {prop}" if prop else component.name
                title = one_line(str(component.get("SUMMARY", "")))
                named = f" in '{title}'" if title else ""
                raise InputError(
                    f"cannot read {source}: {where}{named}: {one_line(message)}; nothing imported"
                )
    return calendars


def one_line(text: str, limit: int = 200) -> str:
    """Text from a file, safe to print or store on one line: no control characters (an
    escape sequence in a hostile file would otherwise reach the terminal), cut at ``limit``."""
    flat = _CONTROL.sub("", text.replace("\r", " ").replace("\n", " ").replace("\t", " ")).strip()
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def uid_of(event: Any) -> str:
    """The event's UID, or a stable stand-in derived from its SUMMARY and DTSTART."""
    uid = one_line(str(event.get("UID", "")), limit=500)
    if uid:
        return uid
    # RFC 5545 requires a UID; without one, a stable stand-in keeps re-imports from
    # duplicating the event.
    start = event.get("DTSTART")
    seed = f"{event.get('SUMMARY', '')}|{start.to_ical().decode() if start is not None else ''}"
    return f"import-{hashlib.sha1(seed.encode(), usedforsecurity=False).hexdigest()[:16]}@vaplanner"


def title_of(event: Any) -> str:
    """SUMMARY on one line, or ``(no title)``."""
    return one_line(str(event.get("SUMMARY", ""))) or "(no title)"


def description_of(event: Any) -> str:
    """DESCRIPTION without control characters (line breaks and tabs kept)."""
    return _CONTROL.sub("", str(event.get("DESCRIPTION", ""))).strip()


def is_cancelled(event: Any) -> bool:
    """``STATUS:CANCELLED``."""
    return str(event.get("STATUS", "")).upper() == "CANCELLED"


def _int(value: Any) -> int:
    try:
        return max(0, int(value)) if value is not None else 0
    except (TypeError, ValueError):
        return 0


def sequence_of(event: Any) -> int:
    """SEQUENCE; 0 when missing, negative or not a number."""
    return _int(event.get("SEQUENCE"))


def _instant(event: Any, name: str) -> datetime | None:
    """A DATE-TIME property (DTSTAMP, LAST-MODIFIED) in UTC; floating read as UTC (the RFC
    requires UTC there); ``None`` when missing or not a date-time."""
    prop = event.get(name)
    value = getattr(prop, "dt", None)
    if not isinstance(value, datetime):
        return None
    return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)


def version_of(event: Any) -> Version:
    """SEQUENCE, LAST-MODIFIED and DTSTAMP, for the merge to compare with a stored copy."""
    return Version(sequence_of(event), _instant(event, "LAST-MODIFIED"), _instant(event, "DTSTAMP"))


def is_utc(tz: tzinfo | None) -> bool:
    """Whether a parsed value's zone is UTC (``Z`` or a UTC alias as TZID)."""
    return tz is UTC or getattr(tz, "key", None) in UTC_ZONES


def exdates_of(event: Any) -> list[date | datetime]:
    """Every EXDATE value, over all EXDATE lines."""
    raw = event.get("EXDATE")
    if raw is None:
        return []
    lists = raw if isinstance(raw, list) else [raw]
    return [item.dt for values in lists for item in values.dts]


def wall_of(value: date | datetime, tz: str, at: time) -> datetime:
    """An EXDATE/RECURRENCE-ID value as a naive wall time in ``tz``."""
    if not isinstance(value, datetime):
        return datetime.combine(value, at)
    if value.tzinfo is None:
        return value
    return to_local(value.astimezone(UTC), tz).replace(tzinfo=None)


def link_of(event: Any) -> str:
    """The meeting's link: a URL/conference property, a LOCATION that is a URL, or a known
    video-call address in LOCATION or DESCRIPTION; ``""`` when none."""
    for name in _LINK_PROPS:
        value = event.get(name)
        if value is not None and str(value).strip().lower().startswith(("http://", "https://")):
            return str(value).strip()
    location = str(event.get("LOCATION", "")).strip()
    if location.lower().startswith(("http://", "https://")) and " " not in location:
        return location
    found = _MEETING_URL.search(f"{location} {event.get('DESCRIPTION', '')}")
    return found.group(0) if found else ""


def event_minutes(event: Any, start_prop: Any, tz: str, start: datetime, home_tz: str) -> int:
    """Elapsed minutes from DTEND or DURATION (RFC 5545 defaults when neither is given).

    Args:
        event: the VEVENT.
        start_prop: its DTSTART property.
        tz: the zone its start was read in (a floating end is read there too).
        start: the UTC instant it starts.
        home_tz: the zone all-day events take whole days in.

    Raises:
        EventRefused: it ends before it starts, lasts more than a year, or mixes an all-day
            end with a timed start.
    """
    begin = start_prop.dt
    end_prop = event.get("DTEND")
    duration = event.get("DURATION")
    if not isinstance(begin, datetime):  # all-day: whole days in the home zone
        if end_prop is not None and not isinstance(end_prop.dt, datetime):
            last = end_prop.dt - timedelta(days=1)
        elif duration is not None:
            last = begin + timedelta(days=max(1, duration.dt.days) - 1)
        else:
            last = begin
        if last < begin:
            raise EventRefused("it ends before it starts")
        end = day_bounds(last, home_tz)[1]
    elif end_prop is not None:
        value = end_prop.dt
        if not isinstance(value, datetime):
            raise EventRefused("its end is a date but its start has a time")
        # a floating end (or, against the RFC, one mixed with a zoned start) is read in tz
        end = value.astimezone(UTC) if value.tzinfo else resolve_wall(value, tz)[0]
    elif duration is not None:
        end = start + duration.dt
    else:
        end = start  # RFC 5545: a timed event without an end takes no time
    if end < start:
        raise EventRefused("it ends before it starts")
    if end - start > _LONGEST:
        raise EventRefused("it lasts more than a year")
    return round((end - start).total_seconds() / 60)
