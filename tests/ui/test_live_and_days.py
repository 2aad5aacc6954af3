"""Another terminal's changes show up; days move in workers; the palette drives the planner;
the world clock mode; the layout at 80x24."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

from textual.widgets import Input

from tests.ui.conftest import UI_NOW, AppFactory
from tests.ui.helpers import clients_text, header_text, planner, text_of
from vaplanner.core.models import Entry
from vaplanner.store.store import Store
from vaplanner.ui.widgets.key_bar import KeyBar


async def test_a_cli_start_in_another_process_shows_up(
    sample_store: Store, make_app: AppFactory, tmp_path: Path
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        assert "no timer" in header_text(app)
        assert app.check_for_changes() is False
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "vaplanner",
                "--data-dir",
                str(sample_store.path),
                "start",
                "Koala",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert app.check_for_changes() is True
        await pilot.pause()
        assert "▶ Koala" in header_text(app)
        assert "▶" in clients_text(app).splitlines()[1]


async def test_polling_notices_a_write_by_another_store(
    sample_store: Store, make_app: AppFactory
) -> None:
    app = make_app(sample_store, poll_seconds=0.05)
    other = Store(sample_store.path)  # another process's view of the same folder
    async with app.run_test(size=(120, 40)) as pilot:
        before = planner(app).plan
        assert before is not None
        with other.transaction():
            other.entries.add(
                Entry(client_id=3, start=UI_NOW - timedelta(minutes=5), end=UI_NOW, note="call")
            )
        for _ in range(40):
            await pilot.pause(0.05)
            plan = planner(app).plan
            if plan is not None and plan.tracked_minutes != before.tracked_minutes:
                break
        plan = planner(app).plan
        assert plan is not None and plan.tracked_minutes > before.tracked_minutes


async def test_our_own_write_is_not_undone_by_a_reload(
    sample_store: Store, make_app: AppFactory
) -> None:
    app = make_app(sample_store)
    other = Store(sample_store.path)
    async with app.run_test(size=(120, 40)) as pilot:
        with other.transaction():
            other.entries.add(
                Entry(client_id=5, start=UI_NOW - timedelta(minutes=3), end=UI_NOW, note="x")
            )
        await pilot.press("4")
        screen = planner(app)
        plan = screen.plan
        assert plan is not None
        empty = next(i for i in range(len(plan.rows)) if not plan.items_at(i))
        screen.grid.move_cursor_to(plan.rows[empty].start)
        await pilot.press("p")
        await pilot.pause()
        notes = [
            e.note for e in sample_store.entries.between(UI_NOW - timedelta(minutes=4), UI_NOW)
        ]
        assert "x" in notes  # the other process's entry survived our write


async def test_days_back_forward_today_and_go_to(sample_store: Store, make_app: AppFactory) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = planner(app)
        await pilot.press("right_square_bracket")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.day == date(2026, 11, 26)
        assert "Thu 26 Nov 2026" in header_text(app) and "in 1d, t: today" in header_text(app)
        await pilot.press("left_square_bracket", "left_square_bracket")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.day == date(2026, 11, 24)
        await pilot.press("t")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.day == date(2026, 11, 25)
        assert screen.grid.cursor_time is not None
        assert screen.grid.cursor_time <= UI_NOW < screen.grid.cursor_time + timedelta(minutes=15)
        await pilot.press("g")
        app.screen.query_one(Input).value = "2026-10-02"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.day == date(2026, 10, 2)
        assert "Fri 2 Oct 2026" in header_text(app)
        await pilot.press("g")
        app.screen.query_one(Input).value = "someday"
        await pilot.press("enter")
        await pilot.pause()
        assert "someday" in text_of(app.screen.query_one("#form-error"))
        assert app.screen.query_one(Input).value == "someday"


async def test_palette_starts_a_timer_for_a_client(
    sample_store: Store, make_app: AppFactory
) -> None:
    with sample_store.transaction():
        for entry in sample_store.entries.between(UI_NOW - timedelta(minutes=1), UI_NOW):
            sample_store.entries.delete(entry.id)
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"start timer him")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        timer = sample_store.timer.get()
        assert timer is not None and timer.client_id == 5
        assert planner(app).selected_id == 5


async def test_palette_switches_client_from_another_mode(
    sample_store: Store, make_app: AppFactory
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("w")
        await pilot.pause()
        assert app.current_mode == "clock"
        await pilot.press("ctrl+p")
        await pilot.press(*"switch to bright")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_mode == "planner"
        assert planner(app).selected_id == 3


async def test_w_opens_the_world_clock_mode_and_escape_returns(
    sample_store: Store, make_app: AppFactory
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("w")
        await pilot.pause()
        assert app.current_mode == "clock"
        assert type(app.screen).__name__ == "WorldClockScreen"
        await pilot.press("escape")
        await pilot.pause()
        assert app.current_mode == "planner"
        assert app.screen is planner(app)


async def test_small_terminal_puts_the_queue_under_the_clients(
    sample_store: Store, make_app: AppFactory
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = planner(app)
        clients = screen.query_one("#clients-pane").region
        queue = screen.query_one("#queue-pane").region
        grid = screen.query_one("#grid").region
        assert queue.x == clients.x and queue.y >= clients.bottom  # under the clients
        assert grid.x >= clients.right and grid.width >= 50  # the grid keeps its room
        assert queue.height >= 8
        assert "14:32" in header_text(app)
        # every client row fits on one line with its local time and mark
        lines = clients_text(app).splitlines()
        marks = [re.sub(r" !\d+$", "", line.rstrip())[-1] for line in lines]  # "!1": a reply owed
        assert len(lines) == 5 and all(mark in "●◐○◌" for mark in marks)
        keys = screen.query_one(KeyBar).text()
        assert keys.startswith(" ? help") and keys.rstrip().endswith("^p palette")
        await pilot.press("2")
        assert screen.selected_id == 2
