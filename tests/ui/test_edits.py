"""Block writes and undo, on a store (no app)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from vaplanner.core.errors import ConflictError, NothingRunningError
from vaplanner.core.models import Block, Timer
from vaplanner.store.store import Store
from vaplanner.ui.edits import UndoStack, save_blocks, toggle_pomodoro

T9 = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)


def block(start: datetime, minutes: int, title: str) -> Block:
    return Block(start=start, end=start + timedelta(minutes=minutes), client_id=1, title=title)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "home")


def titles(store: Store) -> list[str]:
    return sorted(
        b.title for b in store.blocks.between(T9 - timedelta(days=1), T9 + timedelta(days=1))
    )


def test_an_overlap_written_elsewhere_refuses_the_change(store: Store) -> None:
    with store.transaction():
        store.blocks.add(block(T9, 60, "from the CLI"))
    with pytest.raises(ConflictError) as caught:
        save_blocks(store, "add", add=[block(T9 + timedelta(minutes=30), 60, "mine")])
    assert "from the CLI" in str(caught.value) and "nothing was changed" in str(caught.value)
    assert titles(store) == ["from the CLI"]
    save_blocks(
        store, "add", add=[block(T9 + timedelta(minutes=30), 60, "mine")], allow_overlap=True
    )
    assert titles(store) == ["from the CLI", "mine"]


def test_moving_a_block_does_not_clash_with_itself(store: Store) -> None:
    change = save_blocks(store, "add", add=[block(T9, 60, "a")])
    moved = replace(
        change.after[0], start=T9 + timedelta(minutes=15), end=T9 + timedelta(minutes=75)
    )
    save_blocks(store, "move", update=[moved])
    assert store.blocks.get(moved.id).start == T9 + timedelta(minutes=15)


def test_undo_walks_back_through_add_move_and_delete(store: Store) -> None:
    undo = UndoStack()
    added = save_blocks(store, "add", add=[block(T9, 60, "a")])
    undo.push(added)
    first = added.after[0]
    moved = replace(first, start=T9 + timedelta(hours=1), end=T9 + timedelta(hours=2))
    undo.push(save_blocks(store, "move", update=[moved]))
    undo.push(save_blocks(store, "delete", delete=[moved]))
    assert titles(store) == []
    assert undo.undo(store) is not None  # the delete: back, with a new id
    back = store.blocks.between(T9, T9 + timedelta(hours=3))
    assert [(b.title, b.start) for b in back] == [("a", T9 + timedelta(hours=1))]
    assert undo.undo(store) is not None  # the move, on the renamed block
    again = store.blocks.between(T9 - timedelta(hours=1), T9 + timedelta(hours=3))
    assert [(b.title, b.start) for b in again] == [("a", T9)]
    assert undo.undo(store) is not None  # the add
    assert titles(store) == []
    assert undo.undo(store) is None


def test_undo_depth_is_bounded() -> None:
    undo = UndoStack(depth=3)
    for n in range(5):
        undo.push(save_change(n))
    assert len(undo) == 3
    assert undo.peek() is not None and undo.peek().label == "4"  # type: ignore[union-attr]


def save_change(n: int):  # type: ignore[no-untyped-def]
    from vaplanner.ui.edits import Change

    return Change(str(n), (), ())


def test_pomodoro_toggle_needs_a_timer(store: Store) -> None:
    with pytest.raises(NothingRunningError):
        toggle_pomodoro(store, T9)
    with store.transaction():
        store.timer.set(Timer(client_id=1, started=T9))
    assert toggle_pomodoro(store, T9 + timedelta(minutes=1)).pomodoro_started == T9 + timedelta(
        minutes=1
    )
    assert toggle_pomodoro(store, T9 + timedelta(minutes=2)).pomodoro_started is None
