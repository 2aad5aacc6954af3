"""What the main screen shows, read from the store in one go (no Textual here).

:func:`load_board` reads the clients, open tasks, the running timer, unanswered requests and
the day's blocks, entries and meetings; :meth:`Board.plan` turns them into the day plan at a
given ``now``. Switching client or moving the cursor needs no store read at all; the plan is
rebuilt from memory once a minute so the running timer and the now-line stay current.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from types import MappingProxyType
from typing import NamedTuple

from vaplanner.core.models import Block, Client, Entry, Meeting, Settings, Task, Timer
from vaplanner.core.planner import DayPlan, build_day_plan
from vaplanner.core.promises import PromiseSummary, promise_summaries
from vaplanner.core.queues import queue_order
from vaplanner.core.times import day_bounds, to_local
from vaplanner.store.store import Store

#: Statuses a timer or a placement picks from ("waiting" and "review" sit with someone else).
WORKABLE_STATUSES = ("doing", "todo")


class DayData(NamedTuple):
    """The stored records of one home day (with a margin for blocks crossing midnight)."""

    day: date
    blocks: tuple[Block, ...] = ()
    entries: tuple[Entry, ...] = ()


class Board(NamedTuple):
    """Everything the main screen needs, as plain data."""

    settings: Settings
    clients: tuple[Client, ...]
    tasks: Mapping[int, tuple[Task, ...]]  # open tasks per client, in queue order
    timer: Timer | None
    meetings: tuple[Meeting, ...]
    promises: Mapping[int, PromiseSummary]
    day: DayData
    loaded_at: datetime
    names: Mapping[int, str] = MappingProxyType({})

    def client(self, client_id: int | None) -> Client | None:
        """The client with ``client_id`` among the shown ones, or None."""
        for client in self.clients:
            if client.id == client_id:
                return client
        return None

    def by_key(self, key: str) -> Client | None:
        """The client whose hotkey is ``key``, or None."""
        for client in self.clients:
            if client.key == key:
                return client
        return None

    def task(self, task_id: int | None) -> Task | None:
        """An open task by id, or None."""
        if task_id is None:
            return None
        for tasks in self.tasks.values():
            for task in tasks:
                if task.id == task_id:
                    return task
        return None

    def plan(self, now: datetime) -> DayPlan:
        """The day plan at ``now`` (pure, from memory)."""
        return build_day_plan(
            self.day.day,
            settings=self.settings,
            now=now,
            blocks=self.day.blocks,
            meetings=self.meetings,
            entries=self.day.entries,
            timer=self.timer,
            clients=self.clients,
        )

    def next_task(self, client_id: int, skip: frozenset[int] = frozenset()) -> Task | None:
        """The first workable task of a client's queue that is not in ``skip``."""
        for task in self.tasks.get(client_id, ()):
            if task.status in WORKABLE_STATUSES and task.id not in skip:
                return task
        return None


def read_day(store: Store, settings: Settings, day: date) -> DayData:
    """The blocks and entries touching ``day`` in the home zone."""
    start, end = day_bounds(day, settings.home_tz)
    # A day's rows may extend to things that start before midnight; read a little around it.
    margin = timedelta(hours=12)
    return DayData(
        day=day,
        blocks=tuple(store.blocks.between(start - margin, end + margin)),
        entries=tuple(store.entries.between(start - margin, end + margin)),
    )


def load_board(
    store: Store, settings: Settings, day: date, now: datetime, *, day_data: DayData | None = None
) -> Board:
    """Read everything the main screen shows for ``day``.

    Args:
        day_data: the day's records when they were already read (in a worker).
    """
    clients = tuple(store.clients.all())
    shown = {client.id for client in clients}
    open_tasks: dict[int, list[Task]] = {}
    for task in store.tasks.list():
        if task.client_id in shown:
            open_tasks.setdefault(task.client_id, []).append(task)
    tasks = {client_id: tuple(queue_order(items)) for client_id, items in open_tasks.items()}
    return Board(
        settings=settings,
        clients=clients,
        tasks=tasks,
        timer=store.timer.get(),
        meetings=tuple(store.meetings.all()),
        promises=promise_summaries(store.requests.unanswered(), now),
        day=day_data if day_data is not None else read_day(store, settings, day),
        loaded_at=now,
        names={client.id: client.name for client in clients},
    )


def home_today(settings: Settings, now: datetime) -> date:
    """Today's date in the home zone."""
    return to_local(now, settings.home_tz).date()
