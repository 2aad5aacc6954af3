"""Per-client task queues: order, status flow, Eisenhower quadrants, countdowns and recurring
tasks.

Pure functions over :class:`~vaplanner.core.models.Task`; ``now`` is always a parameter.

The lists across a queue or every client (``TaskFilter``/``filter_tasks``, ``eisenhower``,
``Batch``/``batches``/``batch_block_minutes``, ``Deadline``/``deadlines``) live in
:mod:`vaplanner.core.task_lists`: the app's first screen orders one queue and needs none of
them (their named tuples cost ~0.9 ms to create).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from vaplanner.core.errors import NotFoundError
from vaplanner.core.models import ChecklistItem, Quadrant, Recurrence, Task, TaskStatus

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
    import calendar  # only for a monthly task: ~0.3 ms of the app's start otherwise

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


# --- queue order and reordering -------------------------------------------------------------

#: Sorts after every real instant: a task without a due or a creation time goes last.
FAR_FUTURE = datetime.max.replace(tzinfo=UTC)


def queue_key(task: Task) -> tuple[int, datetime, datetime, int]:
    """Sort key of a client's queue: position, then due (none last), then created, then id."""
    return (
        task.position,
        task.due if task.due is not None else FAR_FUTURE,
        task.created if task.created is not None else FAR_FUTURE,
        task.id,
    )


def queue_order(tasks: Iterable[Task]) -> list[Task]:
    """``tasks`` in queue order (see :func:`queue_key`)."""
    return sorted(tasks, key=queue_key)


def next_position(tasks: Iterable[Task]) -> int:
    """The position that puts a new task at the end of a queue holding ``tasks``."""
    return max((task.position for task in tasks), default=-1) + 1


def move(tasks: Iterable[Task], task_id: int, offset: int) -> list[Task]:
    """The queue with task ``task_id`` moved ``offset`` places (negative: up, towards the top).

    Returns the whole queue in its new order with positions renumbered 0, 1, 2, …; callers
    store only the tasks whose position changed (see :func:`changed_positions`). Moving past
    either end stops at that end.

    Raises:
        NotFoundError: ``task_id`` is not in ``tasks``.
    """
    ordered = queue_order(tasks)
    index = next((i for i, task in enumerate(ordered) if task.id == task_id), None)
    if index is None:
        raise NotFoundError(f"task {task_id} is not in this queue")
    target = max(0, min(len(ordered) - 1, index + offset))
    ordered.insert(target, ordered.pop(index))
    return [
        task if task.position == i else replace(task, position=i) for i, task in enumerate(ordered)
    ]


def move_up(tasks: Iterable[Task], task_id: int) -> list[Task]:
    """:func:`move` by one place towards the top."""
    return move(tasks, task_id, -1)


def move_down(tasks: Iterable[Task], task_id: int) -> list[Task]:
    """:func:`move` by one place towards the bottom."""
    return move(tasks, task_id, 1)


def changed_positions(before: Iterable[Task], after: Iterable[Task]) -> list[Task]:
    """The tasks of ``after`` whose position differs from the same id in ``before``."""
    old = {task.id: task.position for task in before}
    return [task for task in after if old.get(task.id) != task.position]


# --- status flow ----------------------------------------------------------------------------

STATUS_FLOW: tuple[TaskStatus, ...] = ("todo", "doing", "waiting", "review", "done")


def next_status(status: TaskStatus) -> TaskStatus:
    """The status after ``status`` in todo -> doing -> waiting -> review -> done (done stays)."""
    index = STATUS_FLOW.index(status)
    return STATUS_FLOW[min(index + 1, len(STATUS_FLOW) - 1)]


def previous_status(status: TaskStatus) -> TaskStatus:
    """The status before ``status`` in the flow (todo stays)."""
    index = STATUS_FLOW.index(status)
    return STATUS_FLOW[max(index - 1, 0)]


def with_status(task: Task, status: TaskStatus, now: datetime) -> Task:
    """``task`` moved to ``status``; ``done_at`` is set on entering done and cleared on leaving."""
    if status == task.status:
        return task
    done_at = (task.done_at or now) if status == "done" else None
    return replace(task, status=status, done_at=done_at)


# --- filters --------------------------------------------------------------------------------


def is_overdue(task: Task, now: datetime) -> bool:
    """An open task whose due instant has passed."""
    return task.is_open and task.due is not None and task.due < now


def is_delegated(task: Task) -> bool:
    """Work handed to someone other than the VA."""
    return task.assignee is not None and task.assignee.strip() != ""


def follow_up_due(task: Task, today: date) -> bool:
    """Delegated, open work whose follow-up date (in the VA's calendar) has come."""
    return (
        task.is_open
        and is_delegated(task)
        and task.follow_up is not None
        and task.follow_up <= today
    )


# --- deadlines across clients ---------------------------------------------------------------


def countdown(due: datetime, now: datetime) -> str:
    """Time left until ``due`` as a person says it: ``in 2d 3h``, ``in 45m``, ``overdue 5h``.

    Days show hours, hours show minutes, the smaller unit is dropped when zero, and anything
    under a minute either side is ``due now``. Partial minutes are cut, never rounded up, so
    a countdown never promises more time than there is.
    """
    seconds = int((due - now).total_seconds())
    overdue = seconds < 0
    minutes = abs(seconds) // 60
    if minutes == 0:
        return "due now"
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        text = f"{days}d {hours}h" if hours else f"{days}d"
    elif hours:
        text = f"{hours}h {mins}m" if mins else f"{hours}h"
    else:
        text = f"{mins}m"
    return f"overdue {text}" if overdue else f"in {text}"
