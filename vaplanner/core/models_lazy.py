"""The model classes the timer commands never need: tasks, blocks, meetings, requests and
check-ins (invoices and templates are in :mod:`vaplanner.core.models_paperwork`).

**Import them from** :mod:`vaplanner.core.models` (``from vaplanner.core.models import
Task``), which creates them on first use: building a frozen, slotted dataclass runs
``exec`` for each of its generated methods (~0.5 ms a class), and ``vaplanner status``,
``start`` and ``stop`` would otherwise spend ~5 ms of their 60 ms budget on ten classes they
never touch. The rules in that module's docstring hold here too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

# the codec resolves the annotations below in this module's namespace
from vaplanner.core.models import BlockCategory, Recurrence, TaskStatus

__all__ = ["Block", "Checkin", "ChecklistItem", "Meeting", "Request", "Task"]


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    """One line of a task's checklist."""

    text: str
    done: bool = False


@dataclass(frozen=True, slots=True)
class Task:
    """A piece of work for a client, in the client's queue."""

    client_id: int
    title: str
    id: int = 0
    notes: str = ""
    status: TaskStatus = "todo"
    urgent: bool = False
    important: bool = False
    estimate_minutes: int | None = None
    due: datetime | None = None  # UTC instant
    due_tz: str | None = None  # the zone the due time was given in (the client's)
    tags: tuple[str, ...] = ()
    assignee: str | None = None  # None: the VA
    follow_up: date | None = None  # for delegated work
    checklist: tuple[ChecklistItem, ...] = ()
    position: int = 0  # order in the client's queue, lower first
    every: Recurrence | None = None
    out_of_scope: bool = False
    template: str | None = None
    created: datetime | None = None
    done_at: datetime | None = None

    @property
    def is_open(self) -> bool:
        return self.status != "done"


@dataclass(frozen=True, slots=True)
class Block:
    """A planned stretch of time on the day grid."""

    start: datetime
    end: datetime
    id: int = 0
    client_id: int | None = None
    category: BlockCategory = "client"
    task_id: int | None = None
    title: str = ""

    @property
    def minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)


@dataclass(frozen=True, slots=True)
class Meeting:
    """A meeting stored as wall time + zone + rule, never as repeated UTC instants."""

    client_id: int | None
    title: str
    start_local: datetime  # naive wall time in ``tz``
    tz: str
    id: int = 0
    uid: str = ""  # stable across exports; set by the store from the id when empty
    sequence: int = 0
    duration_minutes: int = 30
    every: Literal["weekly", "biweekly", "monthly"] | None = None
    until: date | None = None  # inclusive, a date in ``tz``
    exdates: tuple[datetime, ...] = ()  # naive wall starts in ``tz`` that are skipped
    link: str = ""
    location: str = ""
    notes: str = ""
    updated: datetime | None = None
    # What the organizer's file said when the meeting was last imported (None: never
    # imported, or by an older version): an older copy of the invitation is not applied.
    ical_sequence: int | None = None
    ical_modified: datetime | None = None  # its LAST-MODIFIED, UTC
    ical_stamp: datetime | None = None  # its DTSTAMP, UTC


@dataclass(frozen=True, slots=True)
class Request:
    """Something a client asked for, with the reply the VA promised."""

    client_id: int
    text: str
    channel: str
    received: datetime
    reply_by: datetime
    id: int = 0
    out_of_scope: bool = False
    done_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Checkin:
    """How a client relationship felt at a moment (a score of 1-5 and a note)."""

    client_id: int
    at: datetime
    id: int = 0
    score: int | None = None  # 1-5
    note: str = ""
