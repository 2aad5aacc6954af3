"""Per-client task queues: Eisenhower quadrants and recurring tasks.

Pure functions over :class:`~vaplanner.core.models.Task`; ``now`` is always a parameter.
"""

from __future__ import annotations

import calendar
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from vaplanner.core.models import ChecklistItem, Quadrant, Recurrence, Task

QUADRANTS: tuple[Quadrant, ...] = ("do", "schedule", "delegate", "eliminate")

_QUADRANT_FLAGS: dict[Quadrant, tuple[bool, bool]] = {
    # quadrant: (urgent, important)
    "do": (True, True),
    "schedule": (False, True),
    "delegate": (True, False),
    "eliminate": (False, False),
}


def quadrant(task: Task) -> Quadrant:
    """The Eisenhower quadrant of ``task``.

    urgent + important: ``do``; important only: ``schedule``; urgent only: ``delegate``;
    neither: ``eliminate``.
    """
    if task.important:
        return "do" if task.urgent else "schedule"
    return "delegate" if task.urgent else "eliminate"


def set_quadrant(task: Task, target: Quadrant) -> Task:
    """A copy of ``task`` whose urgent/important flags put it in ``target``."""
    urgent, important = _QUADRANT_FLAGS[target]
    return replace(task, urgent=urgent, important=important)


def _add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, clamped to the month's last day (31 Jan -> 28 Feb)."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def step_date(day: date, every: Recurrence) -> date:
    """``day`` moved on by one recurrence interval (calendar arithmetic, no zones)."""
    if every == "daily":
        return day + timedelta(days=1)
    if every == "weekly":
        return day + timedelta(days=7)
    if every == "biweekly":
        return day + timedelta(days=14)
    return _add_months(day, 1)


def step_due(due: datetime, tz: str | None, every: Recurrence) -> datetime:
    """``due`` (a UTC instant) moved on one interval as *wall time* in ``tz``.

    A task due every Monday 09:00 New York stays at 09:00 New York across DST changes, so
    the elapsed time between two dues is not always a whole number of days. A wall time that
    falls in a spring-forward gap takes the offset before the jump, and a repeated
    (fall-back) one its first occurrence, as RFC 5545 says; Python's ``fold=0`` does both.
    """
    zone = ZoneInfo(tz) if tz else UTC
    wall = due.astimezone(zone).replace(tzinfo=None)
    moved_day = step_date(wall.date(), every)
    moved = datetime.combine(moved_day, wall.time()).replace(tzinfo=zone, fold=0)
    return moved.astimezone(UTC)


def next_recurrence(task: Task, now: datetime) -> Task | None:
    """The task that follows a finished recurring ``task``, or None if it does not recur.

    The new due is exactly one interval after the *previous* due (wall time in ``due_tz``),
    even when the task was done late: if a weekly Monday task is ticked off on Thursday, the
    next one is due the following Monday, and a task done several intervals late gives a
    next one that is already overdue, which is what the VA should see rather than silently
    skipped work. A task without a due gives a next one without a due. The copy is ``todo``
    with its checklist unticked, keeps position, tags, estimate, assignee and template, moves
    a follow-up date by the same interval, and has id 0 (the store assigns one).
    """
    if task.every is None:
        return None
    due = step_due(task.due, task.due_tz, task.every) if task.due is not None else None
    follow_up = step_date(task.follow_up, task.every) if task.follow_up is not None else None
    return replace(
        task,
        id=0,
        status="todo",
        due=due,
        follow_up=follow_up,
        checklist=tuple(ChecklistItem(item.text, False) for item in task.checklist),
        created=now,
        done_at=None,
    )
