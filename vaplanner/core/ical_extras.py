"""What the importer reads beyond a meeting's own fields (pure): the extra dates of an event
(``RDATE``) and who is invited (``ORGANIZER``, ``ATTENDEE``).

:mod:`vaplanner.core.ical_read` turns each extra date into a one-off meeting
(:func:`extra_meetings`) and adds the people to the meeting's notes (:func:`with_people`):
a meeting has no field for them, and the notes are what the VA reads before the call.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from vaplanner.core.limits import MAX_YEAR, MIN_YEAR
from vaplanner.core.models import Meeting
from vaplanner.core.recur import wall_starts

__all__ = [
    "MAX_EXTRA_DATES",
    "MAX_PEOPLE",
    "ExtraDate",
    "extra_dates",
    "extra_meetings",
    "extra_uid",
    "people_text",
    "with_people",
]

#: More extra dates than this in one event are not imported (the note says so).
MAX_EXTRA_DATES = 500
#: More attendees than this are summed up as "and N more".
MAX_PEOPLE = 40
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# what is worth knowing before the call; accepted/tentative change with every reply
_MARKS = {
    ("ROLE", "OPT-PARTICIPANT"): "optional",
    ("ROLE", "NON-PARTICIPANT"): "for information",
    ("PARTSTAT", "DECLINED"): "declined",
    ("PARTSTAT", "DELEGATED"): "delegated",
    ("CUTYPE", "ROOM"): "room",
    ("CUTYPE", "RESOURCE"): "resource",
}


@dataclass(frozen=True, slots=True)
class ExtraDate:
    """One RDATE value: a date, a date-time (aware or floating), with the ``TZID`` it was
    given in, and the minutes of a ``VALUE=PERIOD`` (``None``: the event's own length)."""

    value: date | datetime
    tzid: str = ""
    minutes: int | None = None


def extra_dates(event: Any) -> list[ExtraDate]:
    """Every RDATE value of a VEVENT, in file order (periods with their own length)."""
    raw = event.get("RDATE")
    if raw is None:
        return []
    found = []
    for values in raw if isinstance(raw, list) else [raw]:
        tzid = str(values.params.get("TZID", ""))
        for item in values.dts:
            value = item.dt
            if isinstance(value, tuple):  # PERIOD: (start, end) or (start, duration)
                start, until = value
                length = until if isinstance(until, timedelta) else until - start
                minutes = round(length.total_seconds() / 60)
                found.append(ExtraDate(start, tzid, minutes if minutes > 0 else None))
            elif isinstance(value, date):
                found.append(ExtraDate(value, tzid))
    return found


def _stamp(value: date | datetime) -> datetime:
    return value if isinstance(value, datetime) else datetime.combine(value, time(0))


def extra_uid(uid: str, value: date | datetime) -> str:
    """``<uid>#<YYYYMMDDTHHMM>``: the same UID an overridden occurrence at that time gets
    (its RECURRENCE-ID is the extra date), so an override replaces the extra date."""
    return f"{uid}#{_stamp(value):%Y%m%dT%H%M}"


def extra_meetings(
    series: Sequence[Meeting],
    uid: str,
    extras: Iterable[ExtraDate],
    wall_of: Callable[[ExtraDate], datetime],
    exdates: Iterable[datetime],
) -> tuple[list[Meeting], list[str]]:
    """(one-off meetings for the extra dates, notes for the user).

    ``series``: the meeting(s) made of the event (their first is the model for the one-offs);
    ``wall_of``: an extra date as a naive wall time in the series' zone; ``exdates``: wall
    times the event excludes (RFC 5545: EXDATE removes extra dates too). An extra date that
    the series already has, or that is excluded, is left out; one outside the years vaplanner
    plans in is left out and named.
    """
    base = series[0]
    skipped = set(exdates)
    made: dict[str, Meeting] = {}
    outside: list[str] = []
    extras = list(extras)
    for extra in extras[:MAX_EXTRA_DATES]:
        wall = wall_of(extra)
        if not MIN_YEAR <= wall.year <= MAX_YEAR:
            outside.append(f"{wall:%Y-%m-%d}")
            continue
        if wall in skipped or any(_has(meeting, wall) for meeting in series):
            continue
        own = extra_uid(uid, extra.value)
        made[own] = replace(
            base,
            uid=own,
            start_local=wall,
            duration_minutes=extra.minutes or base.duration_minutes,
            every=None,
            until=None,
            exdates=(),
        )
    notes = []
    if made:
        notes.append(
            f"'{base.title}': {len(made)} extra date(s) (RDATE) became one-off meetings, "
            "each changed or removed on its own"
        )
    if outside:
        notes.append(
            f"'{base.title}': extra date(s) {', '.join(outside[:5])} are outside the years "
            f"vaplanner plans in ({MIN_YEAR}-{MAX_YEAR}); not imported"
        )
    if len(extras) > MAX_EXTRA_DATES:
        notes.append(
            f"'{base.title}': only its first {MAX_EXTRA_DATES} of {len(extras)} extra dates "
            "(RDATE) were imported"
        )
    return list(made.values()), notes


def _has(meeting: Meeting, wall: datetime) -> bool:
    if meeting.every is None:
        return meeting.start_local == wall
    return wall in wall_starts(meeting, wall, wall)


# --------------------------------------------------------------------------------- people


def _clean(text: str, limit: int = 120) -> str:
    flat = " ".join(_CONTROL.sub(" ", text).split()).strip().strip('"').strip()
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _person(address: Any) -> tuple[str, str]:
    """(email in lower case or "", how to show the person or "" when the line names nobody)."""
    params = getattr(address, "params", {})
    value = _clean(str(address), 200)
    email = value[7:] if value.lower().startswith("mailto:") else ""
    email = email if "@" in email else ""
    name = _clean(str(params.get("CN", "")))
    if name and email and name.lower() != email.lower():
        shown = f"{name} <{email}>"
    else:
        shown = email or name
    marks = [
        mark for (key, wanted), mark in _MARKS.items() if str(params.get(key, "")).upper() == wanted
    ]
    if shown and marks:
        shown += f" ({', '.join(marks)})"
    return email.lower(), shown


def _values(event: Any, name: str) -> list[Any]:
    raw = event.get(name)
    if raw is None:
        return []
    return raw if isinstance(raw, list) else [raw]


def people_text(event: Any) -> str:
    """``Organizer: …`` and ``Invited: …`` lines for a VEVENT ("" when it names nobody)."""
    lines = []
    seen: set[str] = set()
    for organizer in _values(event, "ORGANIZER")[:1]:
        email, shown = _person(organizer)
        if shown:
            lines.append(f"Organizer: {shown}")
            seen.add(email or shown)
    invited = []
    for attendee in _values(event, "ATTENDEE"):
        email, shown = _person(attendee)
        key = email or shown
        if shown and key not in seen:
            seen.add(key)
            invited.append(shown)
    if invited:
        more = len(invited) - MAX_PEOPLE
        listed = ", ".join(invited[:MAX_PEOPLE]) + (f" and {more} more" if more > 0 else "")
        lines.append(f"Invited: {listed}")
    return "\n".join(lines)


def with_people(notes: str, event: Any) -> str:
    """The notes with the event's organizer and attendees after them (once: a file whose
    description already ends with them, such as vaplanner's own export, is left alone)."""
    people = people_text(event)
    if not people or notes.endswith(people):
        return notes
    return f"{notes}\n\n{people}" if notes else people
