"""The queues mode (``x``): queue keys, Eisenhower, batches, deadlines, check-ins, templates.

Every test presses keys as a person would and then asserts on the store and on what the
tables show. The sample data set is laid out around ``UI_NOW`` (Wed 25 Nov 2026, 14:32 in
Ljubljana); client 1 is Acme (New York).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from textual.pilot import Pilot
from textual.widgets import Input, TabbedContent
from textual.widgets.data_table import ColumnKey

from tests.ui.conftest import UI_NOW, AppFactory
from tests.ui.helpers import notifications
from vaplanner.core.models import Task
from vaplanner.core.task_lists import batch_block_minutes, batches
from vaplanner.store.store import Store
from vaplanner.ui.app import VaplannerApp
from vaplanner.ui.screens.queues import QueuesScreen
from vaplanner.ui.widgets.eisenhower import QUADRANT_INFO, EisenhowerGrid
from vaplanner.ui.widgets.key_bar import KeyBar
from vaplanner.ui.widgets.queue_panel import format_due
from vaplanner.ui.widgets.task_table import KeyTable, TaskTable, task_id_of


async def open_queues(pilot: Pilot[int], view: str = "queue") -> QueuesScreen:
    await pilot.press("x")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, QueuesScreen)
    if view != "queue":
        screen.query_one("#views", TabbedContent).active = view
        await pilot.pause()
    return screen


def row_ids(app: VaplannerApp, table_id: str) -> list[int]:
    table = app.screen.query_one(f"#{table_id}", KeyTable)
    ids = [task_id_of(key.value) for key in table.rows]
    return [i for i in ids if i is not None]


def open_queue(store: Store, client_id: int) -> list[Task]:
    return store.tasks.list(client_id=client_id)


def table_text(app: VaplannerApp, table_id: str) -> str:
    table = app.screen.query_one(f"#{table_id}", KeyTable)
    return "\n".join(
        " ".join(str(getattr(cell, "plain", cell)) for cell in table.get_row(key))
        for key in table.rows
    )


# --- the queue ------------------------------------------------------------------------------


async def test_x_shows_the_selected_clients_queue(
    sample_store: Store, make_app: AppFactory
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_queues(pilot)
        expected = [t.id for t in open_queue(sample_store, 1)]
        assert row_ids(app, "queue-table") == expected
        await pilot.press("2")
        assert row_ids(app, "queue-table") == [t.id for t in open_queue(sample_store, 2)]
        # the planner follows the selection, so x back shows the same client there
        assert app.planner is not None and app.planner.selected_id == 2
        await pilot.press("x")
        assert not isinstance(app.screen, QueuesScreen)


async def test_reorder_with_shift_j_and_undo(sample_store: Store, make_app: AppFactory) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_queues(pilot)
        before = [t.id for t in open_queue(sample_store, 1)]
        await pilot.press("J")
        after = [t.id for t in open_queue(sample_store, 1)]
        assert after == [before[1], before[0], *before[2:]]
        assert row_ids(app, "queue-table") == after
        # the cursor followed the moved task
        assert app.screen.query_one("#queue-table", TaskTable).selected_task_id == before[0]
        await pilot.press("shift+down")
        assert [t.id for t in open_queue(sample_store, 1)][2] == before[0]
        await pilot.press("u", "u")
        assert [t.id for t in open_queue(sample_store, 1)] == before


async def test_status_flow_and_flags(sample_store: Store, make_app: AppFactory) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_queues(pilot)
        first = open_queue(sample_store, 1)[0]
        assert first.status == "todo"
        await pilot.press("greater_than_sign")
        assert sample_store.tasks.get(first.id).status == "doing"
        await pilot.press("greater_than_sign", "less_than_sign", "less_than_sign")
        assert sample_store.tasks.get(first.id).status == "todo"
        await pilot.press("exclamation_mark")
        assert sample_store.tasks.get(first.id).urgent is not first.urgent
        await pilot.press("asterisk")
        assert sample_store.tasks.get(first.id).important is not first.important


async def test_done_makes_the_next_of_a_repeating_task_and_undo_takes_both_back(
    sample_store: Store, make_app: AppFactory
) -> None:
    first = open_queue(sample_store, 1)[0]
    due = datetime(2026, 11, 23, 9, 0, tzinfo=ZoneInfo("America/New_York"))
    with sample_store.transaction():
        sample_store.tasks.update(
            replace(first, every="weekly", due=due.astimezone(UTC), due_tz="America/New_York")
        )
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_queues(pilot)
        await pilot.press("d")
        assert sample_store.tasks.get(first.id).status == "done"
        following = [t for t in open_queue(sample_store, 1) if t.title == first.title and t.every]
        assert len(following) == 1
        # a week on as wall time in New York: 09:00 again, whatever the offset
        local = following[0].due.astimezone(ZoneInfo("America/New_York"))  # type: ignore[union-attr]
        assert (local.date(), local.hour, local.minute) == (datetime(2026, 11, 30).date(), 9, 0)
        assert first.id not in row_ids(app, "queue-table")
        assert any("done" in note for note in notifications(app))
        await pilot.press("u")
        assert sample_store.tasks.get(first.id).status == "todo"
        assert not [t for t in open_queue(sample_store, 1) if t.id == following[0].id]


async def test_filters_by_status_and_tag(sample_store: Store, make_app: AppFactory) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_queues(pilot)
        await pilot.press("f", "f", "f")  # open -> todo -> doing -> waiting
        waiting = [t.id for t in open_queue(sample_store, 1) if t.status == "waiting"]
        assert waiting and row_ids(app, "queue-table") == waiting
        await pilot.press("f", "f", "f", "f", "f")  # ... back to open
        assert len(row_ids(app, "queue-table")) == len(open_queue(sample_store, 1))
        await pilot.press("slash")
        await pilot.press(*"social", "enter")
        social = [t.id for t in open_queue(sample_store, 1) if "social" in t.tags]
        assert social and row_ids(app, "queue-table") == social
        await pilot.press("slash", "ctrl+u", "enter")  # empty: every tag again
        assert len(row_ids(app, "queue-table")) == len(open_queue(sample_store, 1))


async def test_add_a_task_with_a_due_in_the_clients_zone(
    sample_store: Store, make_app: AppFactory
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_queues(pilot)
        before = open_queue(sample_store, 1)
        await pilot.press("a")
        assert type(app.screen).__name__ == "TaskEditor"
        await pilot.press(*"Prep webinar")
        app.screen.query_one("#estimate", Input).value = "1h30m"
        app.screen.query_one("#due", Input).value = "2026-11-27 17:00"
        app.screen.query_one("#tags", Input).value = "Email, calls"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, QueuesScreen)
        added = [t for t in open_queue(sample_store, 1) if t.title == "Prep webinar"]
        assert len(added) == 1
        task = added[0]
        expected = datetime(2026, 11, 27, 17, 0, tzinfo=ZoneInfo("America/New_York"))
        assert task.due == expected
        assert task.due_tz == "America/New_York"
        assert task.estimate_minutes == 90
        assert task.tags == ("email", "calls")
        assert task.position > max(t.position for t in before)
        assert task.id in row_ids(app, "queue-table")


async def test_enter_edits_and_a_bad_field_keeps_the_typing(
    sample_store: Store, make_app: AppFactory
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_queues(pilot)
        first = open_queue(sample_store, 1)[0]
        await pilot.press("enter")
        editor = app.screen
        assert editor.query_one("#title", Input).value == first.title
        editor.query_one("#estimate", Input).value = "ninety"
        await pilot.press("ctrl+s")
        assert app.screen is editor  # still open
        assert editor.focused is editor.query_one("#estimate", Input)
        assert editor.query_one("#estimate", Input).value == "ninety"
        editor.query_one("#estimate", Input).value = "90m"
        editor.query_one("#title", Input).value = "Podcast notes, episode 12"
        await pilot.press("ctrl+s")
        await pilot.pause()
        stored = sample_store.tasks.get(first.id)
        assert (stored.title, stored.estimate_minutes) == ("Podcast notes, episode 12", 90)
        assert stored.position == first.position


async def test_due_zone_key_shows_the_clients_time(
    sample_store: Store, make_app: AppFactory
) -> None:
    app = make_app(sample_store)
    task = next(t for t in open_queue(sample_store, 1) if t.due is not None)
    assert task.due is not None
    mine = format_due(task.due, "Europe/Ljubljana", UI_NOW)
    theirs = format_due(task.due, "America/New_York", UI_NOW)
    assert mine != theirs
    async with app.run_test(size=(120, 40)) as pilot:
        await open_queues(pilot)
        table = app.screen.query_one("#queue-table", TaskTable)
        assert str(table.get_cell(f"task-{task.id}", "due")) == mine
        await pilot.press("z")
        assert str(table.get_cell(f"task-{task.id}", "due")) == theirs
        assert "Due (theirs)" in [str(c.label) for c in table.columns.values()]


# --- Eisenhower -----------------------------------------------------------------------------


async def test_eisenhower_moves_a_task_between_quadrants(
    sample_store: Store, make_app: AppFactory
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_queues(pilot, "eisenhower")
        grid = app.screen.query_one(EisenhowerGrid)
        do = row_ids(app, "quad-do")
        assert do, "the sample has urgent and important work"
        for task_id in do:
            task = sample_store.tasks.get(task_id)
            assert task.urgent and task.important
        grid.focus_quadrant("do", do[0])
        await pilot.press("shift+right")
        moved = sample_store.tasks.get(do[0])
        assert (moved.urgent, moved.important) == (False, True)
        assert do[0] in row_ids(app, "quad-schedule")
        assert grid.current == "schedule"
        await pilot.press("shift+down")
        moved = sample_store.tasks.get(do[0])
        assert (moved.urgent, moved.important) == (False, False)
        assert do[0] in row_ids(app, "quad-eliminate")


async def test_eisenhower_quadrants_share_the_width_evenly(
    sample_store: Store, make_app: AppFactory
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_queues(pilot, "eisenhower")
        grid = app.screen.query_one(EisenhowerGrid)
        boxes = {q: grid.query_one(f"#box-{q}").region for q in QUADRANT_INFO}
        for left, right in (("do", "schedule"), ("delegate", "eliminate")):
            assert boxes[left].width == boxes[right].width == 60
            assert boxes[right].x == boxes[left].right  # no empty gap between the columns
        assert boxes["do"].height == boxes["delegate"].height
        widths = {
            q: [c.get_render_width(grid.table(q)) for c in grid.table(q).columns.values()]
            for q in QUADRANT_INFO
        }
        assert len({tuple(w) for w in widths.values()}) == 1  # the quadrants line up
        table = grid.table("delegate")
        lefts = [str(table.get_cell(key.value, "left")) for key in table.rows]
        assert "overdue 15h 32m" in lefts  # Acme's webinar list: the countdown is whole
        countdown = table.columns[ColumnKey("left")]
        assert countdown.width == max(len(text) for text in lefts)  # no room left unused
        titles = [str(table.get_cell(key.value, "title")) for key in table.rows]
        assert "Webinar guest list" in titles  # a title with room to spare stays whole


# --- batches --------------------------------------------------------------------------------


async def test_place_a_batch_asks_about_the_overlap(
    sample_store: Store, make_app: AppFactory
) -> None:
    app = make_app(sample_store)
    batch = batches(sample_store.tasks.list())[0]
    minutes = batch_block_minutes(batch, buffer_minutes=app.settings.buffer_minutes)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_queues(pilot, "batches")
        await pilot.press("p")
        prompt = app.screen.query_one(Input)
        prompt.value = "tomorrow 9:00"  # the sample plan fills the morning
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmScreen"
        await pilot.press("n")
        start = datetime(2026, 11, 26, 9, 0, tzinfo=ZoneInfo("Europe/Ljubljana"))
        assert not [
            b
            for b in sample_store.blocks.between(start, start + timedelta(hours=1))
            if b.title.startswith(f"#{batch.tag}")
        ]
        await pilot.press("p")
        app.screen.query_one(Input).value = "tomorrow 9:00"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        placed = [
            b
            for b in sample_store.blocks.between(start, start + timedelta(hours=1))
            if b.title.startswith(f"#{batch.tag}")
        ]
        assert len(placed) == 1
        assert placed[0].start == start
        assert placed[0].minutes == minutes
        # the planner's undo takes it back
        assert app.planner is not None and len(app.planner.undo_stack) == 1


async def test_place_a_batch_in_the_next_free_gap(
    sample_store: Store, make_app: AppFactory
) -> None:
    start = datetime(2026, 11, 25, 0, 0, tzinfo=ZoneInfo("Europe/Ljubljana"))
    with sample_store.transaction():  # an empty plan today and tomorrow; meetings stay
        for block in sample_store.blocks.between(start, start + timedelta(days=2)):
            sample_store.blocks.delete(block.id)
    app = make_app(sample_store)
    smallest = batches(sample_store.tasks.list())[-1]
    async with app.run_test(size=(120, 40)) as pilot:
        await open_queues(pilot, "batches")
        app.screen.query_one("#batch-list", KeyTable).select_key(f"batch-{smallest.tag}")
        await pilot.press("p")
        suggested = app.screen.query_one(Input).value
        assert suggested, "a free gap today or tomorrow is offered"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QueuesScreen), "a free gap needs no overlap question"
        placed = [b for b in sample_store.blocks.all() if b.title.startswith(f"#{smallest.tag}")]
        assert len(placed) == 1
        assert placed[0].start >= UI_NOW
        others = sample_store.blocks.between(placed[0].start, placed[0].end)
        assert [b.id for b in others] == [placed[0].id]


# --- deadlines and replies ------------------------------------------------------------------


async def test_deadlines_overdue_first_and_replies_answered(
    sample_store: Store, make_app: AppFactory
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_queues(pilot, "deadlines")
        shown = [sample_store.tasks.get(i) for i in row_ids(app, "deadline-table")]
        with_due = [t for t in sample_store.tasks.list() if t.due is not None]
        assert len(shown) == len(with_due)
        overdue = [t.due is not None and t.due < UI_NOW for t in shown]
        assert overdue == sorted(overdue, reverse=True)
        assert "overdue" in table_text(app, "deadline-table")
        replies = app.screen.query_one("#reply-table", KeyTable)
        owed = sorted(
            (r for r in sample_store.requests.all() if r.done_at is None), key=lambda r: r.reply_by
        )
        open_ids = [r.id for r in owed]
        assert [k.value for k in replies.rows] == [f"request-{i}" for i in open_ids]
        replies.focus()
        await pilot.press("d")
        answered = [r for r in sample_store.requests.all() if r.id in open_ids and r.done_at]
        assert len(answered) == 1
        assert len(replies.rows) == len(open_ids) - 1


# --- check-ins and templates ----------------------------------------------------------------


async def test_record_a_check_in(sample_store: Store, make_app: AppFactory) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_queues(pilot, "checkins")
        assert "never" in table_text(app, "checkin-table")
        await pilot.press("2", "c")
        assert type(app.screen).__name__ == "CheckinModal"
        await pilot.press("7", "ctrl+s")
        assert type(app.screen).__name__ == "CheckinModal"  # 7 is not a score
        await pilot.press("backspace", "5", "enter", *"Loved the media kit", "enter", "enter")
        await pilot.pause()
        stored = [c for c in sample_store.checkins.all() if c.client_id == 2]
        assert len(stored) == 1
        assert (stored[0].score, stored[0].note, stored[0].at) == (5, "Loved the media kit", UI_NOW)
        row = app.screen.query_one("#checkin-table", KeyTable).get_row("client-2")
        assert "today" in " ".join(str(getattr(c, "plain", c)) for c in row)


async def test_the_check_ins_view_shows_its_key_and_c_works_in_every_view(
    sample_store: Store, make_app: AppFactory
) -> None:
    settings = replace(sample_store.get_settings(), keymap=(("checkin-add", "n"),))
    app = make_app(sample_store, settings=settings)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_queues(pilot)
        assert "check-in" not in screen.query_one(KeyBar).text()  # not this view's business
        await pilot.press("2", "n")  # but the key still records one here (remapped to n)
        assert type(app.screen).__name__ == "CheckinModal"
        await pilot.press("escape")
        for view in ("checkins", "queue", "checkins"):
            screen.query_one("#views", TabbedContent).active = view
            await pilot.pause()
            shown = "n check-in" in screen.query_one(KeyBar).text()
            assert shown == (view == "checkins"), view
        await pilot.press("c")  # the default key is remapped away
        assert isinstance(app.screen, QueuesScreen)
        await pilot.press("n")
        assert type(app.screen).__name__ == "CheckinModal"


async def test_apply_a_template_and_undo(sample_store: Store, make_app: AppFactory) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_queues(pilot)
        before = len(open_queue(sample_store, 3))
        await pilot.press("3", "t")
        assert type(app.screen).__name__ == "TemplatePicker"
        await pilot.press("enter")  # the first template: onboarding
        await pilot.pause()
        added = [t for t in open_queue(sample_store, 3) if t.template == "onboarding"]
        assert len(added) >= 5
        assert len(row_ids(app, "queue-table")) == before + len(added)
        await pilot.press("t", "enter")
        assert type(app.screen).__name__ == "ConfirmScreen"  # applied already: asked first
        await pilot.press("n")
        await pilot.press("u")
        assert len(open_queue(sample_store, 3)) == before


async def test_another_process_change_shows(sample_store: Store, make_app: AppFactory) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_queues(pilot)
        with sample_store.transaction():
            added = sample_store.tasks.add(Task(client_id=1, title="From the CLI", position=99))
        assert app.check_for_changes()
        await pilot.pause()
        assert added.id in row_ids(app, "queue-table")


async def test_an_empty_store_shows_hints_not_errors(
    empty_store: Store, make_app: AppFactory
) -> None:
    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.switch_mode("queues")  # the planner shows its welcome; this mode has its own stack
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QueuesScreen)
        assert "no client" in table_text(app, "queue-table")
        await pilot.press("a")
        assert isinstance(app.screen, QueuesScreen)
        assert any("add a client first" in note for note in notifications(app))
        for view in ("eisenhower", "batches", "deadlines", "checkins"):
            screen.query_one("#views", TabbedContent).active = view
            await pilot.pause()
            await pilot.press("d", "greater_than_sign", "p")
        assert isinstance(app.screen, QueuesScreen)


async def test_delegated_filter_and_the_follow_up_nudge(
    sample_store: Store, make_app: AppFactory
) -> None:
    first, second = open_queue(sample_store, 1)[:2]
    with sample_store.transaction():
        for task in open_queue(sample_store, 1):
            sample_store.tasks.update(replace(task, assignee=None))
        sample_store.tasks.update(
            replace(first, assignee="Sam", follow_up=UI_NOW.date() - timedelta(days=1))
        )
        sample_store.tasks.update(
            replace(second, assignee="Ana", follow_up=UI_NOW.date() + timedelta(days=3))
        )
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_queues(pilot)
        await pilot.press(*"fffff")  # open, todo, doing, waiting, review, delegated
        assert row_ids(app, "queue-table") == [first.id, second.id]
        table = app.screen.query_one("#queue-table", TaskTable)
        assert "follow up" in str(table.get_cell(f"task-{first.id}", "title"))
        assert "follow up" not in str(table.get_cell(f"task-{second.id}", "title"))
        assert "→Ana" in str(table.get_cell(f"task-{second.id}", "title"))


async def test_the_key_bar_names_the_way_back_and_x_takes_it(
    sample_store: Store, make_app: AppFactory
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_queues(pilot)
        keys = screen.query_one(KeyBar).text()
        assert "esc planner" in keys and "? help" in keys
        assert "x queues" not in keys  # the mode's own key goes back, it does not open it
        overdue = table_text(app, "queue-table")
        assert "overdue 15h 32m" in overdue  # the countdown column is wide enough, not cut
        await pilot.press("x")
        await pilot.pause()
        assert app.current_mode == "planner"
