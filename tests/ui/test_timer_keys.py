"""space starts and stops the timer, switches between clients, and pomodoro shows phases."""

from __future__ import annotations

from datetime import datetime, timedelta

from tests.ui.conftest import UI_NOW, AppFactory, Clock
from tests.ui.helpers import clients_text, header_text, notifications, planner, text_of
from vaplanner.core.models import Timer
from vaplanner.store.store import Store


def _clear_timer(store: Store) -> None:
    with store.transaction():
        store.timer.set(None)


def _clear_entries_since(store: Store, since: datetime) -> None:
    """Make room for a timer that started at ``since`` (the sample tracks time until now)."""
    with store.transaction():
        for entry in store.entries.between(since, UI_NOW + timedelta(hours=1)):
            store.entries.delete(entry.id)


def _move_cursor_off_blocks(app: object) -> None:
    """Put the grid cursor on an empty row so space uses the queue, not a block."""
    screen = planner(app)  # type: ignore[arg-type]
    plan = screen.plan
    assert plan is not None
    for index, _row in enumerate(plan.rows):
        if not plan.items_at(index):
            screen.grid.move_cursor_to(plan.rows[index].start)
            return
    raise AssertionError("no empty row")


async def test_space_starts_for_the_selected_client_and_stops(
    sample_store: Store, make_app: AppFactory
) -> None:
    _clear_timer(sample_store)
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        _move_cursor_off_blocks(app)
        await pilot.press("space")
        timer = sample_store.timer.get()
        assert timer is not None and timer.client_id == 3
        top = [t for t in sample_store.tasks.list(client_id=3) if t.status in ("doing", "todo")][0]
        assert timer.task_id == top.id
        assert "▶ Brightside" in header_text(app)
        assert "▶" in clients_text(app).splitlines()[2]
        before = len(
            sample_store.entries.between(UI_NOW - timedelta(hours=1), UI_NOW + timedelta(hours=1))
        )
        await pilot.press("space")
        assert sample_store.timer.get() is None
        assert "no timer" in header_text(app)
        after = sample_store.entries.between(
            UI_NOW - timedelta(hours=1), UI_NOW + timedelta(hours=1)
        )
        assert len(after) == before + 1 or any(e.client_id == 3 for e in after)


async def test_space_on_another_client_switches(
    sample_store: Store, make_app: AppFactory, clock: Clock
) -> None:
    _clear_entries_since(sample_store, UI_NOW - timedelta(minutes=40))
    with sample_store.transaction():
        sample_store.timer.set(Timer(client_id=1, started=UI_NOW - timedelta(minutes=40)))
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        assert planner(app).selected_id == 1  # the running timer's client is selected at start
        await pilot.press("2")
        _move_cursor_off_blocks(app)
        await pilot.press("space")
        timer = sample_store.timer.get()
        assert timer is not None and timer.client_id == 2
        stopped = [
            e
            for e in sample_store.entries.between(UI_NOW - timedelta(hours=1), UI_NOW)
            if e.client_id == 1 and e.end == UI_NOW
        ]
        assert stopped and stopped[0].minutes == 40
        assert any("kept 0:40 for Acme" in m for m in notifications(app))


async def test_space_on_a_block_starts_its_client_and_task(
    sample_store: Store, make_app: AppFactory
) -> None:
    _clear_timer(sample_store)
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = planner(app)
        plan = screen.plan
        assert plan is not None
        item = next(
            i
            for i in plan.items
            if i.kind == "block" and i.client_id is not None and i.category == "client"
        )
        screen.grid.move_cursor_to(item.start)
        await pilot.press("space")
        timer = sample_store.timer.get()
        assert timer is not None and timer.client_id == item.client_id
        assert item.block is not None and timer.task_id == item.block.task_id


async def test_timer_elapsed_ticks_in_the_header(
    sample_store: Store, make_app: AppFactory, clock: Clock
) -> None:
    with sample_store.transaction():
        sample_store.timer.set(Timer(client_id=4, started=UI_NOW - timedelta(seconds=3725)))
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        assert "1:02:05" in header_text(app)
        clock.advance(seconds=2)
        app._tick()
        await pilot.pause()
        assert "1:02:07" in header_text(app)


async def test_pomodoro_toggle_shows_phase_and_notifies_changes(
    sample_store: Store, make_app: AppFactory, clock: Clock
) -> None:
    with sample_store.transaction():
        sample_store.timer.set(Timer(client_id=1, started=UI_NOW - timedelta(minutes=5)))
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f")
        timer = sample_store.timer.get()
        assert timer is not None and timer.pomodoro_started == UI_NOW
        assert "focus 1/4" in header_text(app)
        clock.advance(minutes=25, seconds=1)
        app._tick()
        await pilot.pause()
        assert "break" in header_text(app)
        assert any(m.startswith("Break: 5 minutes") for m in notifications(app))
        # tracked time is not split: still one running timer from the same start
        timer = sample_store.timer.get()
        assert timer is not None and timer.started == UI_NOW - timedelta(minutes=5)
        await pilot.press("f")
        assert sample_store.timer.get().pomodoro_started is None  # type: ignore[union-attr]
        assert "focus" not in header_text(app)


async def test_pomodoro_without_a_timer_says_what_to_do(
    sample_store: Store, make_app: AppFactory
) -> None:
    _clear_timer(sample_store)
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f")
        await pilot.pause()
        assert any("press space" in m for m in notifications(app))


async def test_forgotten_timer_can_be_stopped_at_the_suggested_time(
    sample_store: Store, make_app: AppFactory
) -> None:
    started = UI_NOW - timedelta(hours=20)  # yesterday 18:32 Ljubljana, past the work day
    _clear_entries_since(sample_store, started)
    with sample_store.transaction():
        sample_store.timer.set(Timer(client_id=2, started=started))
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "ForgottenTimerScreen"
        await pilot.click("#stop")
        await pilot.pause()
        assert sample_store.timer.get() is None
        entry = next(e for e in sample_store.entries.between(started, UI_NOW) if e.start == started)
        assert entry.end < UI_NOW - timedelta(hours=12)


async def test_forgotten_timer_tail_goes_to_another_client(
    sample_store: Store, make_app: AppFactory
) -> None:
    started = UI_NOW - timedelta(hours=20)
    _clear_entries_since(sample_store, started)
    with sample_store.transaction():
        sample_store.timer.set(Timer(client_id=2, started=started))
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        at = screen.query_one("#at")
        at.value = "-1h"  # type: ignore[attr-defined]
        screen.query_one("#other").value = 4  # type: ignore[attr-defined]
        await pilot.click("#switch")
        await pilot.pause()
        timer = sample_store.timer.get()
        assert timer is not None and timer.client_id == 4
        assert timer.started == UI_NOW - timedelta(hours=1)


async def test_forgotten_timer_bad_time_keeps_the_typing(
    sample_store: Store, make_app: AppFactory
) -> None:
    with sample_store.transaction():
        sample_store.timer.set(Timer(client_id=2, started=UI_NOW - timedelta(hours=20)))
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.query_one("#at").value = "half past never"  # type: ignore[attr-defined]
        await pilot.click("#stop")
        await pilot.pause()
        assert app.screen is screen
        assert screen.query_one("#at").value == "half past never"  # type: ignore[attr-defined]
        assert "half past never" in text_of(screen.query_one("#forgotten-error"))
        assert screen.focused is screen.query_one("#at")
        assert sample_store.timer.get() is not None
        await pilot.press("escape")
        assert sample_store.timer.get() is not None
