"""What the queues mode shows, read from the store in one go (no Textual here).

:func:`load_queues` reads the clients, every open task, the unanswered requests and the
check-ins; the views (queue, Eisenhower, batches, deadlines, check-ins) are computed from
memory with the pure functions of :mod:`vaplanner.core.queues` and
:mod:`vaplanner.core.promises`. Archived clients and their tasks are left out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from vaplanner.core.models import Checkin, Client, Request, Task
from vaplanner.core.promises import last_checkins, open_requests
from vaplanner.core.queues import queue_order
from vaplanner.core.task_lists import Batch, Deadline, TaskFilter, batches, deadlines, filter_tasks
from vaplanner.store.store import Store


@dataclass(frozen=True)
class QueuesData:
    """Clients, open tasks, unanswered requests and check-ins, as plain data."""

    clients: tuple[Client, ...]
    tasks: tuple[Task, ...]  # open tasks of the shown clients
    requests: tuple[Request, ...]  # unanswered, reply due first
    checkins: tuple[Checkin, ...]
    by_id: Mapping[int, Client] = field(default_factory=dict)

    def client(self, client_id: int | None) -> Client | None:
        """A shown client by id, or None."""
        return self.by_id.get(client_id) if client_id is not None else None

    def by_key(self, key: str) -> Client | None:
        """The client whose hotkey is ``key``, or None."""
        return next((c for c in self.clients if c.key == key), None)

    def task(self, task_id: int | None) -> Task | None:
        """An open task by id, or None."""
        return next((t for t in self.tasks if t.id == task_id), None) if task_id else None

    def queue(self, client_id: int, task_filter: TaskFilter, now: datetime) -> list[Task]:
        """One client's open tasks that pass ``task_filter``, in queue order."""
        mine = [t for t in self.tasks if t.client_id == client_id]
        return filter_tasks(mine, task_filter, now)

    def queue_size(self, client_id: int) -> int:
        return sum(1 for t in self.tasks if t.client_id == client_id)

    def tags(self, client_id: int | None = None) -> list[str]:
        """Tags in use on open tasks (of one client), sorted."""
        found = {
            tag
            for t in self.tasks
            if client_id is None or t.client_id == client_id
            for tag in t.tags
        }
        return sorted(found, key=str.casefold)

    def batches(self) -> list[Batch]:
        """Open tasks grouped by tag across clients, largest first."""
        return batches(queue_order(self.tasks))

    def deadlines(self, home_tz: str, now: datetime) -> list[Deadline]:
        """Every open task with a due, overdue first."""
        return deadlines(self.tasks, self.by_id, home_tz, now)

    def last_checkins(self) -> dict[int, Checkin]:
        return last_checkins(self.checkins)

    def checkins_of(self, client_id: int) -> list[Checkin]:
        """A client's check-ins, newest first."""
        mine = [c for c in self.checkins if c.client_id == client_id]
        return sorted(mine, key=lambda c: (c.at, c.id), reverse=True)


def load_queues(store: Store, now: datetime) -> QueuesData:
    """Read what the queues mode shows."""
    clients = tuple(store.clients.all())
    by_id = {client.id: client for client in clients}
    tasks = tuple(t for t in store.tasks.list() if t.client_id in by_id)
    requests = tuple(r for r in open_requests(store.requests.all(), now) if r.client_id in by_id)
    checkins = tuple(c for c in store.checkins.all() if c.client_id in by_id)
    return QueuesData(clients, tasks, requests, checkins, by_id)
