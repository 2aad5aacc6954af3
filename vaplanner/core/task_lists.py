"""Task lists across a queue or every client: filtered queues, Eisenhower quadrants, batches
by tag and deadlines.

Pure functions over :class:`~vaplanner.core.models.Task`; ``now`` is always a parameter.

Apart from :mod:`vaplanner.core.queues` so that the app's first screen (one client's queue in
order) never creates their three named tuples (~0.9 ms).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import NamedTuple
from zoneinfo import ZoneInfo

from vaplanner.core.models import Client, Quadrant, Task, TaskStatus
from vaplanner.core.queues import (
    FAR_FUTURE,
    QUADRANTS,
    countdown,
    is_delegated,
    is_overdue,
    quadrant,
    queue_order,
)

__all__ = [
    "Batch",
    "Deadline",
    "TaskFilter",
    "batch_block_minutes",
    "batches",
    "deadlines",
    "eisenhower",
    "filter_tasks",
]

# --- filters --------------------------------------------------------------------------------


class TaskFilter(NamedTuple):
    """What a queue shows. Fields left at None (or empty) do not filter.

    ``statuses`` empty means open tasks only; ``tag`` matches case-insensitively.
    """

    statuses: tuple[TaskStatus, ...] = ()
    tag: str | None = None
    delegated: bool | None = None
    overdue: bool | None = None
    out_of_scope: bool | None = None
    client_id: int | None = None

    def matches(self, task: Task, now: datetime) -> bool:
        """Whether ``task`` passes every filter that is set."""
        if self.statuses:
            if task.status not in self.statuses:
                return False
        elif not task.is_open:
            return False
        if self.client_id is not None and task.client_id != self.client_id:
            return False
        if self.tag is not None and self.tag.casefold() not in {t.casefold() for t in task.tags}:
            return False
        if self.delegated is not None and is_delegated(task) != self.delegated:
            return False
        if self.overdue is not None and is_overdue(task, now) != self.overdue:
            return False
        return self.out_of_scope is None or task.out_of_scope == self.out_of_scope


def filter_tasks(tasks: Iterable[Task], task_filter: TaskFilter, now: datetime) -> list[Task]:
    """The tasks that pass ``task_filter``, in queue order."""
    return queue_order(task for task in tasks if task_filter.matches(task, now))


# --- Eisenhower across clients --------------------------------------------------------------


def _urgency_key(task: Task) -> tuple[datetime, int, int, int]:
    due = task.due if task.due is not None else FAR_FUTURE
    return (due, task.position, task.client_id, task.id)


def eisenhower(tasks: Iterable[Task]) -> dict[Quadrant, list[Task]]:
    """Open tasks of every client in the four quadrants, each sorted by due, then position.

    Every quadrant is present (maybe empty), in the order ``do, schedule, delegate, eliminate``.
    """
    grid: dict[Quadrant, list[Task]] = {q: [] for q in QUADRANTS}
    for task in tasks:
        if task.is_open:
            grid[quadrant(task)].append(task)
    for bucket in grid.values():
        bucket.sort(key=_urgency_key)
    return grid


# --- batches by tag -------------------------------------------------------------------------


class Batch(NamedTuple):
    """Open tasks of every client that share one tag, to be done in one sitting."""

    tag: str
    tasks: tuple[Task, ...]

    @property
    def estimate_minutes(self) -> int:
        """The sum of the estimates that are known."""
        return sum(task.estimate_minutes or 0 for task in self.tasks)

    @property
    def unestimated(self) -> int:
        """How many tasks have no estimate."""
        return sum(1 for task in self.tasks if task.estimate_minutes is None)

    @property
    def client_ids(self) -> tuple[int, ...]:
        """The clients in this batch, in order of first appearance."""
        return tuple(dict.fromkeys(task.client_id for task in self.tasks))


def batches(tasks: Iterable[Task]) -> list[Batch]:
    """Open tasks grouped by tag across clients, largest total estimate first.

    A task with two tags is in both batches; untagged tasks are in none. Tags are grouped
    case-insensitively under the spelling seen first. Within a batch: due first, then queue.
    """
    groups: dict[str, list[Task]] = {}
    names: dict[str, str] = {}
    for task in tasks:
        if not task.is_open:
            continue
        for tag in dict.fromkeys(t.strip() for t in task.tags if t.strip()):
            key = tag.casefold()
            names.setdefault(key, tag)
            groups.setdefault(key, []).append(task)
    result = [
        Batch(names[key], tuple(sorted(group, key=_urgency_key))) for key, group in groups.items()
    ]
    result.sort(
        key=lambda batch: (-batch.estimate_minutes, -len(batch.tasks), batch.tag.casefold())
    )
    return result


def batch_block_minutes(
    batch: Batch, *, default_minutes: int = 15, buffer_minutes: int = 0, grid_minutes: int = 15
) -> int:
    """How long one block must be to do the whole ``batch``.

    Tasks without an estimate count ``default_minutes``; ``buffer_minutes`` is added once (one
    context switch for the batch, which is the point of batching); the result is rounded up to
    the plan grid's ``grid_minutes``.
    """
    total = sum(
        task.estimate_minutes if task.estimate_minutes is not None else default_minutes
        for task in batch.tasks
    )
    total += buffer_minutes
    if grid_minutes > 1:
        total = math.ceil(total / grid_minutes) * grid_minutes
    return total


# --- deadlines across clients ---------------------------------------------------------------


class Deadline(NamedTuple):
    """One open task with a due instant, ready to show in the VA's home zone."""

    task: Task
    client: Client | None
    due_home: datetime  # aware, in the home zone
    due_client: datetime  # aware, in the zone the due was given in (the client's)
    overdue: bool
    countdown: str

    @property
    def client_name(self) -> str:
        return self.client.name if self.client is not None else f"client {self.task.client_id}"


def deadlines(
    tasks: Iterable[Task],
    clients: Mapping[int, Client],
    home_tz: str,
    now: datetime,
) -> list[Deadline]:
    """Every open task with a due, across clients, overdue first then soonest first.

    ``clients`` maps id to client. A task whose client is missing from it is still listed
    (with ``client`` None): a deadline must never vanish from the one list of deadlines.
    """
    home = ZoneInfo(home_tz)
    result: list[Deadline] = []
    for task in tasks:
        if not task.is_open or task.due is None:
            continue
        client = clients.get(task.client_id)
        zone_name = task.due_tz or (client.tz if client is not None else home_tz)
        result.append(
            Deadline(
                task=task,
                client=client,
                due_home=task.due.astimezone(home),
                due_client=task.due.astimezone(ZoneInfo(zone_name)),
                overdue=is_overdue(task, now),
                countdown=countdown(task.due, now),
            )
        )
    # Sorting by the instant alone puts overdue first; the flag keeps it explicit.
    result.sort(key=lambda d: (not d.overdue, d.task.due or FAR_FUTURE, d.task.client_id))
    return result
