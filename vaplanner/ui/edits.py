"""Block and timer changes made from the app, each one store transaction, with undo.

Every write holds the store's cross-process lock and re-reads what it depends on, so a
``vaplanner block add`` or ``start`` typed in another terminal is never overwritten. A change
returns a :class:`Change` that :class:`UndoStack` can reverse.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import NamedTuple

from vaplanner.core.errors import ConflictError, NothingRunningError
from vaplanner.core.models import Block, Timer
from vaplanner.core.planner import format_span
from vaplanner.store.store import Store

#: How many changes ``u`` can take back.
UNDO_DEPTH = 50


class Change(NamedTuple):
    """One user action on blocks: what was there before and what is there now."""

    label: str  # "add block 'Newsletter'", shown when it is undone
    before: tuple[Block, ...]  # removed or changed blocks, as they were
    after: tuple[Block, ...]  # added or changed blocks, as they are now (with ids)


def _overlapping(store: Store, blocks: Sequence[Block], ignore: set[int]) -> list[Block]:
    found: list[Block] = []
    for block in blocks:
        for other in store.blocks.between(block.start, block.end):
            if other.id in ignore or other in found:
                continue
            if other.start < block.end and block.start < other.end:
                found.append(other)
    return found


def save_blocks(
    store: Store,
    label: str,
    *,
    add: Sequence[Block] = (),
    update: Sequence[Block] = (),
    delete: Sequence[Block] = (),
    allow_overlap: bool = False,
    tz: str = "UTC",
) -> Change:
    """Add, update and delete blocks in one transaction.

    Args:
        allow_overlap: the user already agreed to the overlaps shown to them. When False, an
            overlap with a stored block (for instance one just added from another terminal)
            refuses the whole change.
        tz: the zone used in messages.

    Raises:
        ConflictError: an overlap that was not agreed to; nothing was written.
        NotFoundError: a block to update or delete is gone (deleted elsewhere).
    """
    with store.transaction():
        before = [store.blocks.get(block.id) for block in (*update, *delete)]
        if not allow_overlap:
            mine = {block.id for block in (*update, *delete) if block.id}
            clash = _overlapping(store, [*add, *update], mine)
            if clash:
                other = clash[0]
                raise ConflictError(
                    f"that would overlap block '{other.title or other.category}' "
                    f"{format_span(other.start, other.end, tz)}; nothing was changed"
                )
        after: list[Block] = []
        for block in delete:
            store.blocks.delete(block.id)
        for block in update:
            after.append(store.blocks.update(block))
        for block in add:
            after.append(store.blocks.add(replace(block, id=0)))
    return Change(label, tuple(before), tuple(after))


class UndoStack:
    """The last changes, newest last; ``undo`` reverses the newest."""

    def __init__(self, depth: int = UNDO_DEPTH) -> None:
        self.depth = depth
        self._changes: list[Change] = []

    def __len__(self) -> int:
        return len(self._changes)

    def push(self, change: Change) -> None:
        self._changes.append(change)
        del self._changes[: -self.depth]

    def peek(self) -> Change | None:
        return self._changes[-1] if self._changes else None

    def undo(self, store: Store) -> Change | None:
        """Reverse the newest change; returns it, or None when there is nothing to undo.

        A block that was deleted comes back with a new id; older changes that name it are
        updated to the new id so they can still be undone.
        """
        if not self._changes:
            return None
        change = self._changes.pop()
        before_ids = {block.id for block in change.before}
        after_ids = {block.id for block in change.after}
        renamed: dict[int, int] = {}
        with store.transaction():
            for block in change.after:
                if block.id not in before_ids:
                    store.blocks.delete(block.id)
            for block in change.before:
                if block.id in after_ids:
                    store.blocks.update(block)
                else:
                    renamed[block.id] = store.blocks.add(replace(block, id=0)).id
        if renamed:
            self._changes = [_renamed(item, renamed) for item in self._changes]
        return change


def _renamed(change: Change, ids: dict[int, int]) -> Change:
    def fix(blocks: Iterable[Block]) -> tuple[Block, ...]:
        return tuple(replace(b, id=ids.get(b.id, b.id)) for b in blocks)

    return change._replace(before=fix(change.before), after=fix(change.after))


def toggle_pomodoro(store: Store, now: datetime) -> Timer:
    """Turn focus cycles on (from ``now``) or off for the running timer; returns the timer.

    Raises:
        NothingRunningError: no timer runs.
    """
    with store.transaction():
        timer = store.timer.get()
        if timer is None:
            raise NothingRunningError(
                "pomodoro needs a running timer; press space to start one first"
            )
        started = None if timer.pomodoro_started is not None else now
        updated = replace(timer, pomodoro_started=started)
        store.timer.set(updated)
    return updated
