"""Meetings, blocks and deadlines -> iCalendar bytes (pure: callers write the files).

What every export holds and why is in ``/work/shared/ICS-NOTES.md`` and DESIGN.md section 7:

* one ``VCALENDAR`` with ``VERSION:2.0``, ``PRODID``, ``CALSCALE:GREGORIAN``,
  ``METHOD:PUBLISH`` and ``X-WR-CALNAME``/``NAME``; CRLF lines folded at 75 octets, never
  inside a UTF-8 character, and TEXT escaped (:mod:`vaplanner.core.ical_write`; VTIMEZONEs
  come from icalendar);
* per event a stable ``UID`` (``meeting.uid``, ``block-<id>@vaplanner``,
  ``deadline-<task id>@vaplanner``), ``DTSTAMP`` in UTC (``now``) and a ``SEQUENCE`` that
  rises whenever the event's content changes (see :func:`next_sequence`);
* meetings with ``DTSTART``/``DTEND;TZID=<IANA>`` and a ``VTIMEZONE`` per TZID narrowed to the
  years in use (:mod:`vaplanner.core.ical_zones`), ``RRULE`` with ``UNTIL`` in UTC and
  ``EXDATE``; meetings in UTC are written in UTC;
* a wall time that does not exist or exists twice is never written with a TZID (parsers
  disagree on them): such a start, end or exdate is written as its UTC instant (DESIGN
  section 3 resolves it). A recurring meeting whose *first* start is such a time has that one
  occurrence written as its own event (``UID`` ``first-<uid>``), and the series starts at the
  next occurrence, so the rest keeps its wall time across DST;
* blocks in UTC; deadlines as all-day ``VALUE=DATE`` events ending the next day, on the due
  date in the task's zone (the client's), marked free (``TRANSP:TRANSPARENT``);
* events that were exported before and have gone since, written once more with
  ``STATUS:CANCELLED`` and a raised ``SEQUENCE`` (:mod:`vaplanner.core.ical_cancel`).

The importer lives in :mod:`vaplanner.core.ical_read`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from vaplanner.core.ical_cancel import (
    CANCELLED,
    Stub,
    block_stub,
    cancel_body,
    deadline_stub,
    meeting_stub,
)
from vaplanner.core.ical_write import VEvent, escape_text, fold
from vaplanner.core.ical_zones import vtimezone_ical
from vaplanner.core.models import Block, Client, Meeting, Task
from vaplanner.core.recur import expandable, occurrences, wall_starts
from vaplanner.core.times import day_bounds, resolve_wall

__all__ = [
    "ExportResult",
    "Ledger",
    "UTC_ZONES",
    "block_uid",
    "deadline_uid",
    "export_calendar",
    "meetings_in_range",
    "next_sequence",
    "prodid",
]

#: Zones written as UTC (``…Z``) rather than with a TZID and a VTIMEZONE.
UTC_ZONES = frozenset({"UTC", "Etc/UTC", "Etc/UCT", "UCT", "Etc/Universal", "Universal", "Zulu"})

_WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

#: What the last export said about each UID: (content fingerprint, SEQUENCE written).
Ledger = Mapping[str, tuple[str, int]]


def prodid(version: str) -> str:
    """``-//vaplanner//vaplanner 0.1.0//EN`` (RFC 5545 3.7.3)."""
    return f"-//vaplanner//vaplanner {version}//EN"


def block_uid(block: Block) -> str:
    return f"block-{block.id}@vaplanner"


def deadline_uid(task: Task) -> str:
    return f"deadline-{task.id}@vaplanner"


@dataclass(frozen=True, slots=True)
class ExportResult:
    """The file's bytes, what went in, and the ledger to keep for the next export."""

    data: bytes
    meetings: int = 0
    blocks: int = 0
    deadlines: int = 0
    ledger: dict[str, tuple[str, int]] = field(default_factory=dict)
    cancelled: int = 0  # gone events written as cancelled
    # per UID written (cancellations included), what a later cancellation must say
    stubs: dict[str, Stub] = field(default_factory=dict)

    @property
    def events(self) -> int:
        return self.meetings + self.blocks + self.deadlines


def next_sequence(uid: str, fingerprint: str, floor: int, previous: Ledger) -> int:
    """The SEQUENCE to write: one more than last time if the content changed, never below
    ``floor`` (a meeting's own ``sequence``, raised by edits and imports).

    Blocks and tasks have no sequence field of their own, so the ledger of the previous export
    is what lets a changed block or deadline carry a higher SEQUENCE (ICS-NOTES rule 7).
    """
    before = previous.get(uid)
    if before is None:
        return floor
    old_fingerprint, old_sequence = before
    return max(floor, old_sequence + (old_fingerprint != fingerprint))


def meetings_in_range(
    meetings: Iterable[Meeting], start: datetime | None, end: datetime | None
) -> list[Meeting]:
    """Meetings with at least one occurrence overlapping the UTC range (open ends allowed).

    A recurring meeting is exported whole (its rule), so this only decides whether it is in.
    One that is not :func:`~vaplanner.core.recur.expandable` (stored by an older version
    outside the limits) is never in.
    """
    low = start or datetime(1900, 1, 1, tzinfo=UTC)
    high = end or datetime(9000, 1, 1, tzinfo=UTC)
    chosen: list[Meeting] = []
    for meeting in meetings:
        if not expandable(meeting):
            continue
        if meeting.every is None or meeting.until is not None or end is not None:
            if occurrences(meeting, low, high):
                chosen.append(meeting)
        else:  # open-ended series: in unless every occurrence is excluded (checked cheaply)
            last = max(low, resolve_wall(meeting.start_local, meeting.tz)[0])
            if occurrences(meeting, last, last + timedelta(days=800)):
                chosen.append(meeting)
    return chosen


# ------------------------------------------------------------------------------ time values


def _is_utc_zone(tz: str) -> bool:
    return tz in UTC_ZONES


def _clean(wall: datetime, tz: str) -> bool:
    """Whether ``wall`` exists exactly once in ``tz`` (not in a gap or a fold)."""
    return resolve_wall(wall, tz)[1] is None


def _value(wall: datetime, tz: str) -> datetime:
    """The datetime to write for a wall time: with its zone (TZID) or, if the wall time is
    ambiguous, non-existent or in UTC, the UTC instant."""
    if not _is_utc_zone(tz) and _clean(wall, tz):
        return wall.replace(tzinfo=ZoneInfo(tz))
    return resolve_wall(wall, tz)[0]


def _instant_value(instant: datetime, tz: str) -> datetime:
    """An instant written in ``tz`` when its wall time there is unambiguous, else in UTC."""
    if _is_utc_zone(tz):
        return instant.astimezone(UTC)
    local = instant.astimezone(ZoneInfo(tz)).replace(tzinfo=None)
    if _clean(local, tz):
        return local.replace(tzinfo=ZoneInfo(tz))
    return instant.astimezone(UTC)


def _until_utc(meeting: Meeting) -> datetime | None:
    """RRULE UNTIL: the last second of the inclusive ``until`` date in the meeting's zone, in
    UTC (RFC 5545 3.3.10: UNTIL is UTC when DTSTART has a TZID); the way Google writes it."""
    if meeting.until is None:
        return None
    return day_bounds(meeting.until, meeting.tz)[1] - timedelta(seconds=1)


# ---------------------------------------------------------------------------------- events

#: A finished VEVENT: its UID, its bytes and its ledger entry.
Written = tuple[str, bytes, tuple[str, int]]


def _finish(
    event: VEvent,
    uid: str,
    now: datetime,
    floor: int,
    previous: Ledger,
    fingerprint: str | None = None,
) -> Written:
    """Add UID, DTSTAMP and SEQUENCE once the content is known (the fingerprint is taken
    from the content only, so a new DTSTAMP alone never raises SEQUENCE)."""
    if fingerprint is None:
        content = "\n".join([uid, *event.lines]).encode("utf-8")
        fingerprint = hashlib.sha1(content, usedforsecurity=False).hexdigest()[:16]
    sequence = next_sequence(uid, fingerprint, floor, previous)
    head = [f"UID:{uid}", f"DTSTAMP:{now.astimezone(UTC):%Y%m%dT%H%M%SZ}", f"SEQUENCE:{sequence}"]
    return uid, event.to_ical(head), (fingerprint, sequence)


def _meeting_body(meeting: Meeting, client: Client | None) -> VEvent:
    event = VEvent()
    event.text("SUMMARY", meeting.title or "(no title)")
    if meeting.link:
        event.raw("URL", meeting.link)
    # Google and Outlook show LOCATION but not URL, so the call link goes there too.
    event.text("LOCATION", meeting.location or meeting.link)
    event.text("DESCRIPTION", meeting.notes)
    if client is not None:
        event.texts("CATEGORIES", [client.name])
    return event


def _add_times(event: VEvent, meeting: Meeting, wall: datetime) -> None:
    start = _value(wall, meeting.tz)
    event.when("DTSTART", start)
    end = resolve_wall(wall, meeting.tz)[0] + timedelta(minutes=meeting.duration_minutes)
    # a start written in UTC takes its end in UTC too: one form per event reads safest
    event.when("DTEND", end if start.tzinfo is UTC else _instant_value(end, meeting.tz))


def _series_start(meeting: Meeting) -> tuple[datetime | None, datetime | None]:
    """(a first occurrence that must be written on its own, the wall start of the series).

    The series starts at its first wall time that exists exactly once; an earlier one (in a
    gap or fold) is returned first unless it is an exdate. ``(x, None)``: nothing is left of
    the series after ``x``.
    """
    start = meeting.start_local
    if _is_utc_zone(meeting.tz) or _clean(start, meeting.tz):
        return None, start
    own = None if start in meeting.exdates else start
    horizon = start + timedelta(days=3 * 366)
    for wall in wall_starts(replace(meeting, exdates=()), start + timedelta(seconds=1), horizon):
        if _clean(wall, meeting.tz):
            return own, wall
    return own, None


def _rrule(meeting: Meeting, series_wall: datetime) -> str:
    if meeting.every == "monthly":
        parts = ["FREQ=MONTHLY"]
    else:
        parts = ["FREQ=WEEKLY"] + (["INTERVAL=2"] if meeting.every == "biweekly" else [])
    until = _until_utc(meeting)
    if until is not None:
        parts.append(f"UNTIL={until:%Y%m%dT%H%M%SZ}")
    if meeting.every == "monthly":
        parts.append(f"BYMONTHDAY={series_wall.day}")
    else:
        parts.append(f"BYDAY={_WEEKDAY_CODES[series_wall.weekday()]}")
    return ";".join(parts)


def meeting_events(
    meeting: Meeting, client: Client | None, now: datetime, previous: Ledger
) -> list[Written]:
    """The VEVENT(s) of one meeting (two when its first start is in a gap or fold)."""
    uid = meeting.uid or f"meeting-{meeting.id}@vaplanner"
    floor = meeting.sequence
    if meeting.every is None:
        event = _meeting_body(meeting, client)
        _add_times(event, meeting, meeting.start_local)
        return [_finish(event, uid, now, floor, previous)]
    own, series_wall = _series_start(meeting)
    found: list[Written] = []
    if own is not None:
        event = _meeting_body(meeting, client)
        _add_times(event, meeting, own)
        found.append(_finish(event, f"first-{uid}", now, floor, previous))
    if series_wall is None:
        return found
    event = _meeting_body(meeting, client)
    _add_times(event, meeting, series_wall)
    event.raw("RRULE", _rrule(meeting, series_wall))
    for wall in sorted(meeting.exdates):
        if wall > series_wall:
            event.when("EXDATE", _value(wall, meeting.tz))
    found.append(_finish(event, uid, now, floor, previous))
    return found


def _label(client: Client | None, text: str) -> str:
    if client is None or client.name.lower() in text.lower():
        return text
    return f"{client.name} · {text}" if text else client.name


def block_event(
    block: Block, client: Client | None, task_title: str, now: datetime, previous: Ledger
) -> Written:
    """A planned block, in UTC (blocks are stored as instants)."""
    event = VEvent()
    title = block.title or task_title or block.category.capitalize()
    event.text("SUMMARY", _label(client, title))
    event.when("DTSTART", block.start.astimezone(UTC))
    event.when("DTEND", block.end.astimezone(UTC))
    event.text("DESCRIPTION", f"Planned in vaplanner ({block.category} block)")
    if client is not None:
        event.texts("CATEGORIES", [client.name])
    return _finish(event, block_uid(block), now, 0, previous)


def _due_zone(task: Task, client: Client | None, home_tz: str) -> str:
    return task.due_tz or (client.tz if client else home_tz)


def deadline_day(task: Task, client: Client | None, home_tz: str) -> date | None:
    """The local due date: the due instant read in the task's zone (the client's)."""
    if task.due is None:
        return None
    return task.due.astimezone(ZoneInfo(_due_zone(task, client, home_tz))).date()


def deadline_event(
    task: Task, client: Client | None, home_tz: str, now: datetime, previous: Ledger
) -> Written | None:
    """An all-day event on the due date: VALUE=DATE, DTEND the next day (exclusive)."""
    if task.due is None:
        return None
    tz = _due_zone(task, client, home_tz)
    due_local = task.due.astimezone(ZoneInfo(tz))
    event = VEvent()
    event.text("SUMMARY", _label(client, f"Due: {task.title}"))
    event.when("DTSTART", due_local.date())
    event.when("DTEND", due_local.date() + timedelta(days=1))
    event.raw("TRANSP", "TRANSPARENT")  # a deadline is not busy time
    lines = [f"Due {due_local:%Y-%m-%d %H:%M} {tz}"]
    if task.notes.strip():
        lines.append(task.notes)
    event.text("DESCRIPTION", "\n\n".join(lines))
    if client is not None:
        event.texts("CATEGORIES", [client.name])
    return _finish(event, deadline_uid(task), now, 0, previous)


# -------------------------------------------------------------------------------- calendar


def _years(meetings: Sequence[Meeting], now: datetime) -> dict[str, tuple[int, int]]:
    """Per zone, the years its VTIMEZONE must describe exactly."""
    spans: dict[str, tuple[int, int]] = {}
    for meeting in meetings:
        if _is_utc_zone(meeting.tz):
            continue
        years = [meeting.start_local.year, *(wall.year for wall in meeting.exdates)]
        if meeting.every is not None:
            # An open series runs on; cover the years around "now" exactly, then the zone's
            # current rule (written without UNTIL) carries on.
            years.append(meeting.until.year if meeting.until else now.year + 1)
        low, high = spans.get(meeting.tz, (min(years), max(years)))
        spans[meeting.tz] = (min(low, *years), max(high, *years))
    return spans


def export_calendar(
    *,
    meetings: Sequence[Meeting] = (),
    blocks: Sequence[Block] = (),
    deadlines: Sequence[Task] = (),
    clients: Sequence[Client] = (),
    task_titles: Mapping[int, str] | None = None,
    home_tz: str,
    now: datetime,
    version: str,
    name: str = "vaplanner",
    previous: Ledger | None = None,
    cancelled: Sequence[Stub] = (),
) -> ExportResult:
    """Build one VCALENDAR from what the caller chose (see the module docstring).

    Args:
        meetings, blocks: exported as they are (choose them with :func:`meetings_in_range`
            and the store's ``blocks.between``); a meeting that is not
            :func:`~vaplanner.core.recur.expandable` is left out.
        deadlines: tasks whose due date (if open) becomes an all-day event.
        clients: for names (CATEGORIES, summaries) and for the zone of a due date.
        task_titles: task id -> title, for blocks without a title of their own.
        home_tz: the zone of a due date when neither the task nor a client gives one.
        now: written as DTSTAMP.
        version: vaplanner's version, for PRODID.
        name: the calendar's display name (X-WR-CALNAME).
        previous: the ledger of the last export (:class:`ExportResult.ledger`), so that
            changed events get a higher SEQUENCE.
        cancelled: events of earlier exports that have gone (the caller checked), written
            as cancelled unless one of the above writes that UID again.
    """
    old = previous or {}
    # a meeting an older version stored outside the limits would overflow the calendar
    meetings = [meeting for meeting in meetings if expandable(meeting)]
    by_id = {client.id: client for client in clients}
    titles = {task.id: task.title for task in deadlines} | dict(task_titles or {})
    head = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{prodid(version)}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"NAME:{escape_text(name)}",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    chunks = [fold(line) for line in head]
    for tz, (low, high) in sorted(_years(meetings, now).items()):
        chunks.append(vtimezone_ical(tz, low, high))
    ledger: dict[str, tuple[str, int]] = {}
    stubs: dict[str, Stub] = {}
    counts = {"meetings": 0, "blocks": 0, "deadlines": 0, "cancelled": 0}

    def add(written: Written, kind: str) -> None:
        uid, data, entry = written
        chunks.append(data)
        ledger[uid] = entry
        counts[kind] += 1

    for meeting in meetings:
        client = by_id.get(meeting.client_id) if meeting.client_id is not None else None
        for written in meeting_events(meeting, client, now, old):
            chunks.append(written[1])
            ledger[written[0]] = written[2]
            stubs[written[0]] = meeting_stub(meeting, written[0], meeting.title)
        counts["meetings"] += 1
    for block in blocks:
        client = by_id.get(block.client_id) if block.client_id is not None else None
        title = titles.get(block.task_id, "") if block.task_id is not None else ""
        add(block_event(block, client, title, now, old), "blocks")
        summary = _label(client, block.title or title or block.category.capitalize())
        stubs[block_uid(block)] = block_stub(block, block_uid(block), summary)
    for task in deadlines:
        client = by_id.get(task.client_id)
        made = deadline_event(task, client, home_tz, now, old)
        day = deadline_day(task, client, home_tz)
        if made is not None and day is not None and task.is_open:
            add(made, "deadlines")
            summary = _label(client, f"Due: {task.title}")
            stubs[made[0]] = deadline_stub(task, made[0], summary, day)
    for stub in cancelled:
        if stub.uid not in ledger:  # written above: it is back
            add(_finish(cancel_body(stub), stub.uid, now, 1, old, CANCELLED), "cancelled")
            stubs[stub.uid] = stub
    chunks.append(b"END:VCALENDAR\r\n")
    return ExportResult(data=b"".join(chunks), ledger=ledger, stubs=stubs, **counts)
