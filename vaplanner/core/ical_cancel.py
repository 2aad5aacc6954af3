"""Events that left the planner, written once more as cancelled (pure).

A calendar that imported an earlier export keeps an event until a later file says otherwise:
an event that is simply missing from the next file stays there for good. So every export
remembers, per UID, a :class:`Stub` (what a cancellation must hold: ``SUMMARY``, ``DTSTART``
and ``DTEND``, RFC 5546 ``PUBLISH``), and an event that has gone since (a task done, deleted
or without a due date any more, a block or meeting deleted) is written again with
``STATUS:CANCELLED``, the same UID and a raised ``SEQUENCE`` (:func:`cancel_body`).

Which stubs are considered (:func:`pending`): the export includes their kind and client, and
either no cancellation was written for them yet, or their dates overlap the export's range.
Whether the event is really gone is the caller's question (it needs the store). Times are
written in UTC (a cancelled meeting needs no VTIMEZONE) and deadlines as the same all-day
dates; a cancelled series is written without its rule, so no occurrence is left.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, Literal

from vaplanner.core.ical_write import VEvent
from vaplanner.core.models import Block, Meeting, Task
from vaplanner.core.times import day_bounds, resolve_wall

__all__ = [
    "CANCELLED",
    "KEEP_STUBS",
    "Kind",
    "Stub",
    "block_stub",
    "cancel_body",
    "deadline_stub",
    "meeting_stub",
    "pending",
    "prune",
]

#: The fingerprint the SEQUENCE ledger keeps for a UID last written as cancelled.
CANCELLED = "cancelled"
#: How long after its end a stub is kept (an export rarely reaches further back).
KEEP_STUBS = timedelta(days=90)

Kind = Literal["meeting", "block", "deadline"]
_KINDS: tuple[Kind, ...] = ("meeting", "block", "deadline")


@dataclass(frozen=True, slots=True)
class Stub:
    """What a cancellation of one exported event must say, and when the event was."""

    uid: str
    kind: Kind
    summary: str
    start: date | datetime  # DTSTART of the cancellation: a DATE or a UTC instant
    end: date | datetime
    first: datetime  # UTC: when the event begins
    last: datetime | None  # UTC: when its last occurrence ends; None: a series without end
    client_id: int | None = None

    def to_json(self) -> dict[str, Any]:
        """A plain dict for the ledger file (UID not included: it is the key)."""
        return {
            "kind": self.kind,
            "summary": self.summary,
            "start": _ical(self.start),
            "end": _ical(self.end),
            "first": _ical(self.first),
            "last": _ical(self.last) if self.last else None,
            "client": self.client_id,
        }

    @classmethod
    def from_json(cls, uid: str, raw: Mapping[str, Any]) -> Stub:
        """The stub of :meth:`to_json`; ``ValueError`` (or ``KeyError``, ``TypeError``) when
        the ledger was edited into something else."""
        kind = raw["kind"]
        if kind not in _KINDS:
            raise ValueError(f"unknown kind {kind!r}")
        first = _parse(raw["first"])
        last = _parse(raw["last"]) if raw.get("last") else None
        client = raw.get("client")
        if not isinstance(first, datetime) or not (last is None or isinstance(last, datetime)):
            raise ValueError("first/last must be date-times")
        if client is not None and not isinstance(client, int):
            raise TypeError("client must be an id")
        return cls(
            uid=uid,
            kind=kind,
            summary=str(raw["summary"]),
            start=_parse(raw["start"]),
            end=_parse(raw["end"]),
            first=first,
            last=last,
            client_id=client,
        )


def _ical(value: date | datetime) -> str:
    if isinstance(value, datetime):
        return f"{value.astimezone(UTC):%Y%m%dT%H%M%SZ}"
    return f"{value:%Y%m%d}"


def _parse(text: Any) -> date | datetime:
    """``20261204`` or ``20261204T090000Z`` (by hand: strptime is ~30 us a call, and a
    ledger holds a stub per block of the last three months)."""
    if not isinstance(text, str) or not text[:8].isdigit():
        raise ValueError(f"not a date: {text!r}")
    day = date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    if len(text) == 8:
        return day
    if len(text) != 16 or text[8] != "T" or text[15] != "Z" or not text[9:15].isdigit():
        raise ValueError(f"not a UTC date-time: {text!r}")
    hour, minute, second = int(text[9:11]), int(text[11:13]), int(text[13:15])
    return datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=UTC)


# ---------------------------------------------------------------------------------- stubs


def meeting_stub(meeting: Meeting, uid: str, summary: str) -> Stub:
    """A meeting's stub: its first occurrence, and its span up to ``until`` (open: None)."""
    first = resolve_wall(meeting.start_local, meeting.tz)[0]
    length = timedelta(minutes=meeting.duration_minutes)
    last: datetime | None = first + length
    if meeting.every is not None:
        last = None if meeting.until is None else day_bounds(meeting.until, meeting.tz)[1] + length
    return Stub(uid, "meeting", summary, first, first + length, first, last, meeting.client_id)


def block_stub(block: Block, uid: str, summary: str) -> Stub:
    start, end = block.start.astimezone(UTC), block.end.astimezone(UTC)
    return Stub(uid, "block", summary, start, end, start, end, block.client_id)


def deadline_stub(task: Task, uid: str, summary: str, day: date) -> Stub:
    """A deadline's stub: the all-day date written, and the due instant as its span."""
    assert task.due is not None
    due = task.due.astimezone(UTC)
    return Stub(uid, "deadline", summary, day, day + timedelta(days=1), due, due, task.client_id)


# ------------------------------------------------------------------------------- choosing


def overlaps(stub: Stub, start: datetime, end: datetime | None) -> bool:
    """Whether the stub's span meets ``[start, end)`` (UTC; ``end`` None: no end)."""
    if stub.last is not None and stub.last < start:
        return False
    return end is None or stub.first < end


def pending(
    stubs: Iterable[Stub],
    *,
    kinds: Collection[Kind],
    client_id: int | None,
    start: datetime,
    end: datetime | None,
    ledger: Mapping[str, tuple[str, int]],
) -> list[Stub]:
    """The stubs an export must consider cancelling (see the module docstring); the caller
    keeps those whose event is gone."""
    chosen = []
    for stub in stubs:
        if stub.kind not in kinds or client_id not in (None, stub.client_id):
            continue
        never = ledger.get(stub.uid, ("", 0))[0] != CANCELLED
        if never or overlaps(stub, start, end):
            chosen.append(stub)
    return chosen


def prune(stubs: Mapping[str, Stub], now: datetime) -> dict[str, Stub]:
    """Stubs still worth keeping: those that end less than :data:`KEEP_STUBS` before ``now``."""
    limit = now - KEEP_STUBS
    return {uid: s for uid, s in stubs.items() if s.last is None or s.last >= limit}


def cancel_body(stub: Stub) -> VEvent:
    """The VEVENT of a cancellation, without UID, DTSTAMP and SEQUENCE (the export adds
    them, with a SEQUENCE above the last one written)."""
    event = VEvent()
    event.text("SUMMARY", stub.summary or "(no title)")
    event.when("DTSTART", stub.start)
    event.when("DTEND", stub.end)
    event.raw("STATUS", "CANCELLED")
    event.raw("TRANSP", "TRANSPARENT")
    return event
