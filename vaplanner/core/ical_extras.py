"""What the importer reads beyond a meeting's own fields (pure): the extra dates of an event
(``RDATE``) and who is invited (``ORGANIZER``, ``ATTENDEE``).

:mod:`vaplanner.core.ical_read` turns each extra date into a one-off meeting
(:func:`extra_meetings`) and adds the people to the meeting's notes (:func:`people_text`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from vaplanner.core.limits import MAX_YEAR, MIN_YEAR
from vaplanner.core.models import Meeting
from vaplanner.core.recur import wall_starts

__all__ = [
    "MAX_EXTRA_DATES",
    "ExtraDate",
    "extra_dates",
    "extra_meetings",
    "extra_uid",
]

#: More extra dates than this in one event are not imported (the note says so).
MAX_EXTRA_DATES = 500


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
