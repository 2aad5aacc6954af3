"""Block keys: add, edit, delete, undo, move, resize, place; overlaps are asked about."""

from __future__ import annotations

from datetime import datetime, timedelta

from textual.widgets import Input, Select

from tests.ui.conftest import UI_NOW, AppFactory
from tests.ui.helpers import form_error, notifications, planner
from vaplanner.core.models import Block
from vaplanner.core.times import resolve_wall
from vaplanner.store.store import Store
from vaplanner.ui.app import VaplannerApp

DAY = UI_NOW.date()


def at(hh: int, mm: int = 0) -> datetime:
    """A Ljubljana wall time on the test day, as UTC."""
    return resolve_wall(datetime(DAY.year, DAY.month, DAY.day, hh, mm), "Europe/Ljubljana")[0]


def day_blocks(store: Store) -> list[Block]:
    return store.blocks.between(at(0), at(23, 45))


def clear_day(store: Store) -> None:
    with store.transaction():
        for block in day_blocks(store):
            store.blocks.delete(block.id)


def put(store: Store, start: datetime, minutes: int, title: str, client_id: int = 1) -> Block:
    with store.transaction():
        return store.blocks.add(
            Block(
                start=start,
                end=start + timedelta(minutes=minutes),
                client_id=client_id,
                title=title,
            )
        )


async def cursor_to(app: VaplannerApp, instant: datetime) -> None:
    planner(app).grid.move_cursor_to(instant)


async def test_add_a_block_at_the_cursor(sample_store: Store, make_app: AppFactory) -> None:
    clear_day(sample_store)
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await cursor_to(app, at(10, 30))
        await pilot.press("a")
        editor = app.screen
        assert type(editor).__name__ == "BlockEditor"
        assert editor.query_one("#start", Input).value == "10:30"
        await pilot.press(*"Media kit")
        editor.query_one("#length", Input).value = "45m"
        await pilot.press("ctrl+s")
        await pilot.pause()
        blocks = day_blocks(sample_store)
        assert [(b.title, b.client_id, b.start, b.minutes) for b in blocks] == [
            ("Media kit", 2, at(10, 30), 45)
        ]
        assert planner(app).grid.item_at_cursor() is not None


async def test_bad_length_is_named_in_the_form_and_the_typing_stays(
    sample_store: Store, make_app: AppFactory
) -> None:
    clear_day(sample_store)
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await cursor_to(app, at(10))
        await pilot.press("a")
        editor = app.screen
        await pilot.press(*"Draft")
        editor.query_one("#length", Input).value = "forever"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is editor
        assert editor.query_one("#title", Input).value == "Draft"
        assert "forever" in form_error(app)
        assert editor.focused is editor.query_one("#length", Input)
        assert day_blocks(sample_store) == []
        await pilot.press("escape")
        assert day_blocks(sample_store) == []


async def test_an_overlap_is_asked_about_never_made_silently(
    sample_store: Store, make_app: AppFactory
) -> None:
    clear_day(sample_store)
    put(sample_store, at(11), 60, "Existing")
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await cursor_to(app, at(10, 30))
        await pilot.press("a")
        app.screen.query_one("#length", Input).value = "1h"
        await pilot.press(*"Clash", "ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmScreen"
        await pilot.press("n")
        await pilot.pause()
        assert [b.title for b in day_blocks(sample_store)] == ["Existing"]
        await pilot.press("a")
        app.screen.query_one("#length", Input).value = "1h"
        await pilot.press(*"Clash", "ctrl+s")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert sorted(b.title for b in day_blocks(sample_store)) == ["Clash", "Existing"]
        assert planner(app).plan.conflicts  # type: ignore[union-attr]


async def test_edit_the_block_under_the_cursor(sample_store: Store, make_app: AppFactory) -> None:
    clear_day(sample_store)
    block = put(sample_store, at(9), 60, "Newsletter")
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await cursor_to(app, at(9, 15))
        await pilot.press("enter")
        editor = app.screen
        assert editor.query_one("#title", Input).value == "Newsletter"
        editor.query_one("#title", Input).value = "Newsletter v2"
        editor.query_one("#start", Input).value = "9:30"
        editor.query_one("#client", Select).value = 3
        await pilot.press("ctrl+s")
        await pilot.pause()
        stored = sample_store.blocks.get(block.id)
        assert (stored.title, stored.start, stored.minutes, stored.client_id) == (
            "Newsletter v2",
            at(9, 30),
            60,
            3,
        )


async def test_delete_then_undo_brings_it_back(sample_store: Store, make_app: AppFactory) -> None:
    clear_day(sample_store)
    put(sample_store, at(9), 45, "Inbox zero", client_id=2)
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await cursor_to(app, at(9))
        await pilot.press("d")
        await pilot.pause()
        assert day_blocks(sample_store) == []
        assert planner(app).grid.item_at_cursor() is None
        await pilot.press("u")
        await pilot.pause()
        back = day_blocks(sample_store)
        assert [(b.title, b.start, b.minutes, b.client_id) for b in back] == [
            ("Inbox zero", at(9), 45, 2)
        ]
        await pilot.press("u")
        await pilot.pause()
        assert any("nothing to undo" in m for m in notifications(app))


async def test_move_and_resize_by_fifteen_minutes(
    sample_store: Store, make_app: AppFactory
) -> None:
    clear_day(sample_store)
    block = put(sample_store, at(9), 60, "Report")
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await cursor_to(app, at(9))
        await pilot.press("shift+down")
        await pilot.pause()
        moved = sample_store.blocks.get(block.id)
        assert (moved.start, moved.end) == (at(9, 15), at(10, 15))
        assert planner(app).grid.cursor_time == at(9, 15)  # the cursor follows the block
        await pilot.press("shift+up", "shift+up")
        await pilot.pause()
        assert sample_store.blocks.get(block.id).start == at(8, 45)
        await pilot.press("plus")
        await pilot.pause()
        assert sample_store.blocks.get(block.id).minutes == 75
        await pilot.press("minus", "minus", "minus", "minus")
        await pilot.pause()
        assert sample_store.blocks.get(block.id).minutes == 15
        await pilot.press("minus")
        await pilot.pause()
        assert sample_store.blocks.get(block.id).minutes == 15
        assert any("at least 15 minutes" in m for m in notifications(app))
        await pilot.press("u")
        await pilot.pause()
        assert sample_store.blocks.get(block.id).minutes == 30


async def test_moving_into_another_block_asks_first(
    sample_store: Store, make_app: AppFactory
) -> None:
    clear_day(sample_store)
    first = put(sample_store, at(9), 30, "First")
    put(sample_store, at(9, 30), 30, "Second")
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await cursor_to(app, at(9))
        await pilot.press("shift+down")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmScreen"
        await pilot.press("escape")
        await pilot.pause()
        assert sample_store.blocks.get(first.id).start == at(9)


async def test_place_the_next_task_with_its_estimate_and_buffer(
    sample_store: Store, make_app: AppFactory
) -> None:
    clear_day(sample_store)
    app = make_app(sample_store)
    settings = app.settings
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        board = planner(app).board
        assert board is not None
        task = board.next_task(3)
        assert task is not None
        await cursor_to(app, at(13))
        await pilot.press("p")
        await pilot.pause()
        blocks = sorted(day_blocks(sample_store), key=lambda b: b.start)
        minutes = task.estimate_minutes or 30
        assert [(b.task_id, b.client_id, b.start, b.minutes) for b in blocks[:1]] == [
            (task.id, 3, at(13), minutes)
        ]
        if settings.buffer_minutes:
            assert blocks[1].category == "buffer" and blocks[1].start == blocks[0].end
        # the cursor waits after the buffer, and p places the following task
        cursor = planner(app).grid.cursor_time
        assert cursor is not None and cursor <= blocks[-1].end < cursor + timedelta(minutes=15)
        await pilot.press("p")
        await pilot.pause()
        after = sorted(day_blocks(sample_store), key=lambda b: b.start)
        assert len({b.task_id for b in after if b.task_id}) == 2
        assert after[len(blocks)].start == blocks[-1].end  # back to back, no overlap


async def test_a_block_outside_the_clients_hours_is_flagged(
    sample_store: Store, make_app: AppFactory
) -> None:
    clear_day(sample_store)
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")  # Koala, Sydney: 11:00 Ljubljana is 21:00 there
        await cursor_to(app, at(11))
        await pilot.press("p")
        await pilot.pause()
        plan = planner(app).plan
        assert plan is not None
        koala = [i for i in plan.items if i.client_id == 2 and i.kind == "block"]
        assert koala and koala[0].outside_hours
        assert any("outside Koala" in m for m in notifications(app))


async def test_keys_on_an_empty_row_say_so(sample_store: Store, make_app: AppFactory) -> None:
    clear_day(sample_store)
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await cursor_to(app, at(9))
        await pilot.press("d", "enter", "shift+down")
        await pilot.pause()
        messages = notifications(app)
        for verb in ("delete", "edit", "move"):
            assert any(f"no block under the cursor to {verb}" in m for m in messages)


async def test_m_opens_a_new_meeting_at_the_cursor(
    sample_store: Store, make_app: AppFactory
) -> None:
    clear_day(sample_store)
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await cursor_to(app, at(16))
        await pilot.press("m")
        await pilot.pause()
        editor = app.screen
        assert type(editor).__name__ == "MeetingEditor"
        # prefilled with the selected client and the cursor's time on their clock (London)
        assert editor.values["start"].endswith("15:00")  # type: ignore[attr-defined]
        await pilot.press("escape")
        assert app.screen is planner(app)


async def test_enter_on_a_meeting_opens_it(sample_store: Store, make_app: AppFactory) -> None:
    clear_day(sample_store)
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        plan = planner(app).plan
        assert plan is not None
        meeting = next(i for i in plan.items if i.kind == "meeting")
        await cursor_to(app, meeting.start)
        await pilot.press("enter")
        await pilot.pause()
        editor = app.screen
        assert type(editor).__name__ == "MeetingEditor"
        assert editor.meeting == meeting.meeting  # type: ignore[attr-defined]
        await pilot.press("escape")
        await pilot.press("d")
        await pilot.pause()
        assert any("is a meeting" in m for m in notifications(app))
