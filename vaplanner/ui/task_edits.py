"""Task, request and check-in changes made from the app, each one store transaction, with undo.

The queues mode changes tasks (reorder, status, flags, edits, done with the next recurring
one), answers promised replies and records check-ins. Every change runs inside one
``store.transaction()`` and re-reads what it changes first, so a ``vaplanner task edit`` typed
in another terminal a moment earlier is built on, never overwritten. A change returns a
:class:`Change` that :class:`TaskUndo` can reverse (the block edits of the planner have their
own stack in :mod:`vaplanner.ui.edits`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, Literal, TypeVar

from vaplanner.core.errors import NotFoundError
from vaplanner.core.models import Checkin, Request, Task, TaskStatus
from vaplanner.core.queues import (
    changed_positions,
    move,
    next_position,
    next_recurrence,
    with_status,
)
from vaplanner.store.store import Store

#: How many changes ``u`` can take back.
UNDO_DEPTH = 50

RepoName = Literal["tasks", "requests", "checkins"]
T = TypeVar("T")


@dataclass(frozen=True)
class Edit:
    """One record changed: ``before`` None means added, ``after`` None means deleted."""

    repo: RepoName
    before: Any = None
    after: Any = None


@dataclass(frozen=True)
class Change:
    """One user action: a label for messages and the records it touched, in order."""

    label: str
    edits: tuple[Edit, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.edits


@dataclass
class Recorder:
    """Writes records inside a transaction and remembers each as an :class:`Edit`."""

    store: Store
    edits: list[Edit] = field(default_factory=list)

    def _repo(self, name: RepoName) -> Any:
        return getattr(self.store, name)

    def update(self, name: RepoName, record_id: int, change: Callable[[Any], Any]) -> Any:
        """Re-read record ``record_id``, apply ``change`` and store the result (if different)."""
        repo = self._repo(name)
        current = repo.get(record_id)
        updated = change(current)
        if updated == current:
            return current
        stored = repo.update(updated)
        self.edits.append(Edit(name, current, stored))
        return stored

    def add(self, name: RepoName, record: Any) -> Any:
        """Store a new record."""
        stored = self._repo(name).add(replace(record, id=0))
        self.edits.append(Edit(name, None, stored))
        return stored

    def delete(self, name: RepoName, record_id: int) -> Any:
        """Delete a record; returns it as it was."""
        repo = self._repo(name)
        current = repo.get(record_id)
        repo.delete(record_id)
        self.edits.append(Edit(name, current, None))
        return current


def run_change(store: Store, label: str, body: Callable[[Recorder], T]) -> tuple[Change, T]:
    """Run ``body`` in one transaction; returns the :class:`Change` it made and its result.

    Raises whatever ``body`` raises (a :class:`~vaplanner.core.errors.VaplannerError` for
    things a person can act on); records written before the error stay written, which is why
    bodies check first and write last.
    """
    recorder = Recorder(store)
    with store.transaction():
        result = body(recorder)
    return Change(label, tuple(recorder.edits)), result


# --- task operations (each runs inside run_change) -----------------------------------------


@dataclass(frozen=True)
class Finished:
    """What marking a task done made: the done task and the next one of a recurring task."""

    task: Task
    following: Task | None = None


def finish_task(rec: Recorder, task_id: int, now: datetime) -> Finished:
    """Mark a task done; a recurring one gets its next occurrence in the same transaction."""
    fresh: Task = rec.store.tasks.get(task_id)
    if fresh.status == "done":
        return Finished(fresh)
    done: Task = rec.update("tasks", task_id, lambda t: with_status(t, "done", now))
    following = next_recurrence(done, now)
    if following is not None:
        following = rec.add("tasks", following)
    return Finished(done, following)


def set_status(rec: Recorder, task_id: int, status: TaskStatus, now: datetime) -> Finished:
    """Move a task to ``status``; ``done`` goes through :func:`finish_task`."""
    if status == "done":
        return finish_task(rec, task_id, now)
    task: Task = rec.update("tasks", task_id, lambda t: with_status(t, status, now))
    return Finished(task)


def save_task(rec: Recorder, task: Task, now: datetime) -> Finished:
    """Store a task from the editor: add it (id 0, at the end of its queue) or replace it.

    Fields the editor does not show (position, created, template) are kept from the stored
    copy, so a reorder made elsewhere while the editor was open is not undone. Saving a task
    as done runs the recurrence rule like any other way of finishing it.
    """
    if not task.id:
        queue = rec.store.tasks.list(client_id=task.client_id)
        fresh = replace(task, created=task.created or now, position=next_position(queue))
        return Finished(rec.add("tasks", fresh))
    stored: Task = rec.store.tasks.get(task.id)
    position = stored.position
    if task.client_id != stored.client_id:  # moved to another client: the end of their queue
        position = next_position(rec.store.tasks.list(client_id=task.client_id))
    draft = replace(
        task,
        position=position,
        created=stored.created,
        template=stored.template,
        done_at=stored.done_at,
        status=stored.status,
    )
    finishing = task.status == "done" and stored.status != "done"
    moved = draft if finishing else with_status(draft, task.status, now)
    rec.update("tasks", task.id, lambda _current: moved)
    if finishing:
        return finish_task(rec, task.id, now)
    return Finished(rec.store.tasks.get(task.id))


def reorder(rec: Recorder, task_id: int, offset: int) -> Task:
    """Move a task ``offset`` places in its client's open queue (re-read in the transaction)."""
    task: Task = rec.store.tasks.get(task_id)
    queue = rec.store.tasks.list(client_id=task.client_id)
    after = move(queue, task_id, offset)
    for changed in changed_positions(queue, after):
        rec.update("tasks", changed.id, _at_position(changed.position))
    return next(t for t in after if t.id == task_id)


def _at_position(position: int) -> Callable[[Task], Task]:
    return lambda task: replace(task, position=position)


def answer_request(rec: Recorder, request_id: int, now: datetime) -> Request:
    """Mark a promised reply answered (at ``now``); an answered one stays as it was."""
    stored: Request = rec.update(
        "requests",
        request_id,
        lambda r: r if r.done_at is not None else replace(r, done_at=now),
    )
    return stored


def record_checkin(rec: Recorder, checkin: Checkin) -> Checkin:
    """Store a check-in."""
    stored: Checkin = rec.add("checkins", checkin)
    return stored


# --- undo ----------------------------------------------------------------------------------


class TaskUndo:
    """The last changes, newest last; :meth:`undo` reverses the newest."""

    def __init__(self, depth: int = UNDO_DEPTH) -> None:
        self.depth = depth
        self._changes: list[Change] = []

    def __len__(self) -> int:
        return len(self._changes)

    def push(self, change: Change) -> None:
        if change.empty:
            return
        self._changes.append(change)
        del self._changes[: -self.depth]

    def peek(self) -> Change | None:
        return self._changes[-1] if self._changes else None

    def undo(self, store: Store) -> Change | None:
        """Reverse the newest change in one transaction; None when there is nothing to undo.

        A record that was deleted comes back with a new id; older changes that name it are
        updated so they can still be undone. A record already gone is skipped.
        """
        if not self._changes:
            return None
        change = self._changes.pop()
        renamed: dict[tuple[str, int], int] = {}
        with store.transaction():
            for edit in reversed(change.edits):
                repo = getattr(store, edit.repo)
                try:
                    if edit.before is None:
                        repo.delete(edit.after.id)
                    elif edit.after is None:
                        back = repo.add(replace(edit.before, id=0))
                        renamed[(edit.repo, edit.before.id)] = back.id
                    else:
                        repo.update(edit.before)
                except NotFoundError:
                    continue
        if renamed:
            self._changes = [_renamed(item, renamed) for item in self._changes]
        return change


def _renamed(change: Change, ids: dict[tuple[str, int], int]) -> Change:
    def fix(record: Any, repo: str) -> Any:
        if record is None:
            return None
        new = ids.get((repo, record.id))
        return record if new is None else replace(record, id=new)

    edits: Sequence[Edit] = [
        Edit(e.repo, fix(e.before, e.repo), fix(e.after, e.repo)) for e in change.edits
    ]
    return Change(change.label, tuple(edits))
