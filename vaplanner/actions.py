"""Timer and time-entry actions shared by the command line and the app.

Each action is one ``store.transaction()``: it reads the running timer and the entries it
needs, applies the pure rules of :mod:`vaplanner.core.timer`, and writes the result, all under
the store's cross-process lock. Two processes starting and stopping at once therefore see each
other's timer and never lose or duplicate an entry.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from vaplanner.core.errors import ConflictError, NotFoundError, NothingRunningError
from vaplanner.core.models import Client, Entry, Settings, Timer
from vaplanner.core.timer import (
    FUTURE_SLACK,
    SNAP,
    Value,
    plan_log,
    plan_start,
    plan_stop,
    stopped_warning,
    timer_warnings,
    to_second,
)

if TYPE_CHECKING:
    from vaplanner.store.store import Store

__all__ = [
    "TimerChange",
    "cancel_timer",
    "log_entry",
    "start_timer",
    "stop_timer",
    "timer_warnings",
]


class TimerChange(Value):  # not a dataclass: see core.timer.Value (start-up time)
    """The outcome of a start or stop.

    Attributes:
        timer: the timer now running (``None`` after a stop).
        stopped: the stored entry the previous timer became (a stop or a switch), or ``None``.
        notes: remarks for the user (a forgotten timer was stopped, ...).
        already: the same client and task were running already; nothing changed.
    """

    __slots__ = ("timer", "stopped", "notes", "already")
    timer: Timer | None
    stopped: Entry | None
    notes: tuple[str, ...]
    already: bool

    def __init__(
        self,
        timer: Timer | None,
        stopped: Entry | None,
        notes: tuple[str, ...] = (),
        already: bool = False,
    ) -> None:
        self._set(timer=timer, stopped=stopped, notes=notes, already=already)


def _name_of(store: Store) -> Callable[[int], str]:
    """Client names for messages, read only when a message needs one."""

    def name_of(client_id: int) -> str:
        try:
            return str(store.clients.get(client_id).name)
        except NotFoundError:
            return f"client {client_id}"

    return name_of


def _settle(now: datetime, current: Timer | None, entries: list[Entry]) -> datetime:
    """``now`` moved past what another process recorded a moment ago.

    The caller read the clock before waiting for the lock; a process that held the lock
    meanwhile may have stored instants a little later than that reading. This action runs
    after theirs, so its "now" is not earlier than anything they wrote.
    """
    marks = [e.end for e in entries if now < e.end <= now + FUTURE_SLACK]
    if current is not None and now < current.started <= now + FUTURE_SLACK:
        marks.append(current.started)
    return max([now, *marks])


def _startable(store: Store, client_id: int, task_id: int | None) -> Client:
    client = store.clients.get(client_id)
    if client.archived:
        raise ConflictError(
            f"{client.name} is archived; reactivate it first with "
            f"'vaplanner client edit \"{client.name}\" --status active'"
        )
    if task_id is not None:
        task = store.tasks.get(task_id)
        if task.client_id != client.id:
            owner = store.clients.get(task.client_id).name
            raise ConflictError(
                f"task #{task_id} ({task.title}) belongs to {owner}, not {client.name}"
            )
    return client


def start_timer(
    store: Store,
    settings: Settings,
    client_id: int,
    *,
    now: datetime,
    at: datetime | None = None,
    task_id: int | None = None,
    note: str = "",
) -> TimerChange:
    """Start a timer for ``client_id`` at ``at`` (default ``now``); a running timer is stopped
    at that instant and stored as an entry (a switch).

    Raises:
        NotFoundError: the client or task does not exist.
        ConflictError: the client is archived, the task is another client's, or the start
            would overlap a stored entry (the message names it).
        InputError: ``at`` is in the future or before the running timer's start.
    """
    now = to_second(now)
    with store.transaction():
        _startable(store, client_id, task_id)
        current = store.timer.get()
        if (
            current is not None
            and at is None
            and (current.client_id, current.task_id) == (client_id, task_id)
            and note in ("", current.note)
        ):
            return TimerChange(current, None, (), already=True)
        start = now if at is None else to_second(at)
        low = min(start, current.started if current else start) - SNAP
        high = max(start, now) + SNAP
        nearby = store.entries.between(low, high)
        if at is None:
            now = _settle(now, current, nearby)
        name_of = _name_of(store)
        plan = plan_start(
            current,
            client_id,
            now=now,
            entries=nearby,
            at=at,
            task_id=task_id,
            note=note,
            tz=settings.home_tz,
            name_of=name_of,
        )
        stored: Entry | None = None
        notes: list[str] = []
        if plan.stopped is not None and current is not None:
            stored = store.entries.add(plan.stopped)
            notes += stopped_warning(stored, current, settings, now)
        if plan.replaced is not None:
            notes.append(
                f"{name_of(plan.replaced.client_id)} had been started this same second "
                "(another window?); it was replaced and nothing was tracked for it"
            )
        store.timer.set(plan.timer)
    return TimerChange(plan.timer, stored, tuple(notes))


def stop_timer(
    store: Store, settings: Settings, *, now: datetime, at: datetime | None = None
) -> TimerChange:
    """Stop the running timer at ``at`` (default ``now``) and store it as an entry.

    Raises:
        NothingRunningError: no timer runs.
        InputError: ``at`` is in the future or before the timer's start.
        ConflictError: the entry would overlap a stored one.
    """
    now = to_second(now)
    with store.transaction():
        current = store.timer.get()
        if current is None:
            raise NothingRunningError(
                "no timer is running; start one with 'vaplanner start CLIENT'"
            )
        end = now if at is None else to_second(at)
        nearby = store.entries.between(current.started - SNAP, max(end, now) + SNAP)
        if at is None:
            now = _settle(now, current, nearby)
        entry = plan_stop(
            current,
            now=now,
            entries=nearby,
            at=at,
            tz=settings.home_tz,
            name_of=_name_of(store),
        )
        stored = store.entries.add(entry)
        store.timer.set(None)
    return TimerChange(None, stored, tuple(stopped_warning(stored, current, settings, now)))


def cancel_timer(store: Store) -> Timer:
    """Drop the running timer without recording anything; returns it.

    Raises:
        NothingRunningError: no timer runs.
    """
    with store.transaction():
        current = store.timer.get()
        if current is None:
            raise NothingRunningError("no timer is running; nothing to cancel")
        store.timer.set(None)
    return current


def log_entry(
    store: Store,
    client_id: int,
    start: datetime,
    end: datetime,
    *,
    task_id: int | None = None,
    note: str = "",
    billable: bool = True,
    now: datetime | None = None,
    settings: Settings | None = None,
) -> Entry:
    """Store a finished entry ``[start, end)`` for ``client_id``.

    With ``now`` an end in the future is refused; ``settings`` gives the zone used in messages.

    Raises:
        NotFoundError: the client or task does not exist.
        InputError: the end is not after the start (or is in the future).
        ConflictError: it overlaps a stored entry or the running timer (named in the message).
    """
    tz = settings.home_tz if settings is not None else "UTC"
    with store.transaction():
        _startable(store, client_id, task_id)
        nearby = store.entries.between(to_second(start) - SNAP, to_second(end) + SNAP)
        entry = plan_log(
            client_id,
            start,
            end,
            entries=nearby,
            running=store.timer.get(),
            now=now,
            task_id=task_id,
            note=note,
            billable=billable,
            tz=tz,
            name_of=_name_of(store),
        )
        return store.entries.add(entry)
