"""The day grid widget in a tiny app: keys, the now-line, titles, messages, sizes, DST."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from itertools import product
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from rich.style import Style
from textual.app import App, ComposeResult
from textual.color import Color

from vaplanner.core.models import Block, Client, Entry, Meeting, Settings, Timer
from vaplanner.core.planner import DayPlan, build_day_plan
from vaplanner.ui.themes import contrast_ratio, load_themes
from vaplanner.ui.widgets.day_grid import DayGrid
from vaplanner.ui.widgets.day_grid_rows import Columns, LinePainter

LJU = "Europe/Ljubljana"
ACME = Client(name="Acme", tz="America/New_York", id=1, key="1")
KOALA = Client(name="Koala", tz="Australia/Sydney", id=2, key="2")
CLIENTS = (ACME, KOALA)


def at(h: int, m: int = 0, d: int = 27, mo: int = 11, tz: str = LJU, fold: int = 0) -> datetime:
    return datetime(2026, mo, d, h, m, tzinfo=ZoneInfo(tz), fold=fold).astimezone(UTC)


NOW = at(14, 32)  # Fri 27 Nov 2026, 14:32 in Ljubljana


def make_plan(now: datetime = NOW, day: date = date(2026, 11, 27), **kw: object) -> DayPlan:
    settings = kw.pop("settings", Settings(home_tz=LJU))
    blocks = [
        Block(at(9, 0), at(10, 0), id=1, client_id=ACME.id, title="Newsletter"),
        Block(at(10, 0), at(10, 10), id=2, category="buffer", title="buffer"),
        Block(at(15, 0), at(16, 0), id=3, client_id=KOALA.id, title="Inbox zero"),
    ]
    meetings = [
        Meeting(ACME.id, "Weekly sync", datetime(2026, 11, 20, 9, 30), "America/New_York",
                id=4, every="weekly")
    ]  # fmt: skip
    entries = [Entry(KOALA.id, at(8, 30), at(8, 55), id=1)]
    return build_day_plan(
        day,
        settings=settings,  # type: ignore[arg-type]
        now=now,
        blocks=kw.pop("blocks", blocks),  # type: ignore[arg-type]
        meetings=meetings,
        entries=entries,
        timer=Timer(ACME.id, at(13, 20)),
        clients=CLIENTS,
    )


class GridApp(App[None]):
    def __init__(self, plan: DayPlan, colors: dict[int, str] | None = None) -> None:
        super().__init__()
        self.day_plan = plan
        self.palette = colors or {}
        self.moved: list[DayGrid.CursorMoved] = []

    def compose(self) -> ComposeResult:
        yield DayGrid(id="grid")

    def on_mount(self) -> None:
        grid = self.query_one(DayGrid)
        grid.client_colors = self.palette
        grid.plan = self.day_plan
        grid.focus()

    def on_day_grid_cursor_moved(self, message: DayGrid.CursorMoved) -> None:
        self.moved.append(message)


def screen_lines(grid: DayGrid) -> list[str]:
    return [grid.render_line(y).text for y in range(grid.scrollable_content_region.height)]


def line_for(grid: DayGrid, label: str) -> str:
    matches = [line for line in screen_lines(grid) if line.startswith(f" {label}")]
    assert matches, f"{label} not on screen: {screen_lines(grid)}"
    return matches[0]


async def test_keys_move_the_cursor_and_post_messages() -> None:
    plan = make_plan()
    app = GridApp(plan)
    async with app.run_test(size=(120, 40)) as pilot:
        grid = app.query_one(DayGrid)
        start = grid.cursor
        assert plan.rows[start].label == "14:30"  # today: the cursor starts on now
        app.moved.clear()
        await pilot.press("down", "j")
        assert grid.cursor == start + 2
        await pilot.press("k")
        assert grid.cursor == start + 1
        await pilot.pause()
        assert [m.row for m in app.moved] == [start + 1, start + 2, start + 1]
        assert app.moved[-1].start == plan.rows[start + 1].start
        assert app.moved[-1].control is grid
        await pilot.press("home", "up")
        assert grid.cursor == 0
        await pilot.press("end", "down")
        assert grid.cursor == len(plan.rows) - 1


async def test_now_line_sits_under_the_row_that_holds_now() -> None:
    app = GridApp(make_plan(now=at(14, 32)))
    async with app.run_test(size=(120, 40)):
        lines = screen_lines(app.query_one(DayGrid))
        index = next(i for i, line in enumerate(lines) if "now" in line)
        assert "14:32" in lines[index]
        assert lines[index - 1].startswith(" 14:30")
        assert lines[index + 1].startswith(" 14:45")


async def test_no_now_line_on_another_day_and_cursor_on_first_work_row() -> None:
    plan = make_plan(now=at(9, 0, d=30))
    app = GridApp(plan)
    async with app.run_test(size=(120, 40)):
        grid = app.query_one(DayGrid)
        assert not any("now" in line for line in screen_lines(grid))
        assert plan.rows[grid.cursor].label == "09:00"


async def test_blocks_meetings_and_tracked_time_show_their_labels() -> None:
    app = GridApp(make_plan())
    async with app.run_test(size=(120, 40)) as pilot:
        grid = app.query_one(DayGrid)
        grid.move_cursor_to(at(9, 0))
        await pilot.pause()
        assert "Acme · Newsletter" in line_for(grid, "09:00")
        assert "09:00-10:00" in line_for(grid, "09:15")  # the second row: span and NY time
        assert "NY 03:00" in line_for(grid, "09:15")
        assert "buffer" in line_for(grid, "10:00")
        assert re.search(r"▒ Koala +0:25", line_for(grid, "08:30"))
        grid.move_cursor_to(at(15, 30))
        await pilot.pause()
        assert "Acme · Weekly sync" in line_for(grid, "15:30")
        # The Koala block and the meeting overlap from 15:30: flagged on those rows only.
        assert "!" in line_for(grid, "15:30") and "!" not in line_for(grid, "15:00")
        assert re.search(r"▒ Acme +1:12", line_for(grid, "13:15"))  # the running timer


async def test_items_starting_in_the_same_row_each_get_a_label() -> None:
    blocks = [
        Block(at(9, 0), at(9, 10), id=1, category="buffer", title="buffer"),
        Block(at(9, 10), at(10, 0), id=2, category="break", title="Lunch"),
        Block(at(9, 5), at(9, 45), id=3, client_id=KOALA.id, title="Call"),
    ]
    app = GridApp(make_plan(blocks=blocks))
    async with app.run_test(size=(120, 40)) as pilot:
        grid = app.query_one(DayGrid)
        grid.move_cursor_to(at(9, 0))
        await pilot.pause()
        labels = [line_for(grid, t) for t in ("09:00", "09:15", "09:30")]
        # In start order, each on the first row without a label: 09:00, 09:05, 09:10.
        assert "buffer" in labels[0]
        assert "Koala · Call" in labels[1]
        assert "Lunch" in labels[2]


async def test_item_at_cursor_prefers_the_block() -> None:
    plan = make_plan()
    app = GridApp(plan)
    async with app.run_test(size=(120, 40)) as pilot:
        grid = app.query_one(DayGrid)
        grid.move_cursor_to(at(15, 45))
        await pilot.pause()
        item = grid.item_at_cursor()
        assert item is not None and item.block is not None and item.block.id == 3
        assert {i.title for i in grid.items_at_cursor()} == {"Inbox zero", "Weekly sync"}
        assert grid.cursor_time == at(15, 45)
        grid.move_cursor_to(at(23, 0))  # after the grid: the last row
        assert grid.cursor == len(plan.rows) - 1
        assert grid.block_at_cursor() is None


async def test_cursor_stays_visible_when_moving_far() -> None:
    plan = make_plan(settings=Settings(home_tz=LJU, day_start=time(0), day_end=time(0)))
    app = GridApp(plan)
    async with app.run_test(size=(100, 20)) as pilot:
        grid = app.query_one(DayGrid)
        await pilot.press("end")
        await pilot.pause()
        assert grid.scroll_y > 0
        assert any(line.startswith(" 23:45") for line in screen_lines(grid))
        await pilot.press("home")
        await pilot.pause()
        assert grid.scroll_y == 0
        assert screen_lines(grid)[1].startswith(" 00:00")


async def test_client_colour_is_used_for_the_block_stripe() -> None:
    app = GridApp(make_plan(), colors={ACME.id: "#ff0000", KOALA.id: "#00ff00"})
    async with app.run_test(size=(120, 40)) as pilot:
        grid = app.query_one(DayGrid)
        grid.move_cursor_to(at(9, 0))
        await pilot.pause()
        y = next(i for i, line in enumerate(screen_lines(grid)) if line.startswith(" 09:00"))
        stripe = next(seg for seg in grid.render_line(y) if seg.text == "▌")
        assert stripe.style is not None and stripe.style.color is not None
        assert Color.from_rich_color(stripe.style.color) == Color.parse("#ff0000")


@pytest.mark.parametrize("theme", ["vaplanner-dark", "vaplanner-light", "vaplanner-high-contrast"])
async def test_block_text_is_readable_in_every_bundled_theme(theme: str) -> None:
    app = GridApp(make_plan())
    async with app.run_test(size=(120, 40)) as pilot:
        for loaded in load_themes(None).themes:
            app.register_theme(loaded)
        app.theme = theme
        grid = app.query_one(DayGrid)
        grid.move_cursor_to(at(9, 0))
        await pilot.pause()
        y = next(i for i, line in enumerate(screen_lines(grid)) if line.startswith(" 09:00"))
        label = next(seg for seg in grid.render_line(y) if "Newsletter" in seg.text)
        assert label.style is not None and label.style.color and label.style.bgcolor
        text = Color.from_rich_color(label.style.color).hex
        background = Color.from_rich_color(label.style.bgcolor).hex
        assert contrast_ratio(text, background) >= 4.5, (theme, text, background)


@pytest.mark.parametrize("width", [40, 60, 80, 200])
async def test_every_width_keeps_time_and_title(width: int) -> None:
    app = GridApp(make_plan())
    async with app.run_test(size=(width, 30)) as pilot:
        grid = app.query_one(DayGrid)
        grid.move_cursor_to(at(9, 0))
        await pilot.pause()
        line = line_for(grid, "09:00")
        assert len(line) == grid.scrollable_content_region.width
        assert "Acme" in line
        header = screen_lines(grid)[0]
        assert "plan" in header
        if width >= 80:
            assert "tracked" in header and "A" in header[-12:]


async def test_repeated_hour_is_shown_twice_on_the_fall_back_day() -> None:
    settings = Settings(home_tz=LJU, day_start=time(0), day_end=time(6))
    plan = make_plan(now=at(9, 0, d=1, mo=12), day=date(2026, 10, 25), settings=settings,
                     blocks=[])  # fmt: skip
    app = GridApp(plan)
    async with app.run_test(size=(100, 40)):
        lines = screen_lines(app.query_one(DayGrid))
        assert sum(line.startswith(" 02:00") for line in lines) == 2
        assert any(line.startswith(" 02:00²") for line in lines)
        assert len(plan.rows) == 6 * 4 + 4


async def test_plan_for_the_same_day_keeps_the_cursor() -> None:
    app = GridApp(make_plan())
    async with app.run_test(size=(120, 40)) as pilot:
        grid = app.query_one(DayGrid)
        await pilot.press("down", "down")
        kept = grid.cursor
        grid.plan = make_plan(now=at(14, 33))
        await pilot.pause()
        assert grid.cursor == kept


async def test_without_a_plan_the_grid_says_so() -> None:
    app = GridApp(make_plan())
    async with app.run_test(size=(80, 20)) as pilot:
        grid = app.query_one(DayGrid)
        grid.plan = None
        await pilot.pause()
        lines = screen_lines(grid)
        assert "plan" in lines[0] and "no plan yet" in lines[1]
        assert grid.cursor_time is None and grid.item_at_cursor() is None
        await pilot.press("down")  # nothing to move on, nothing breaks
        assert grid.cursor == 0


def test_bindings_have_ids_and_tooltips() -> None:
    for binding in DayGrid.BINDINGS:
        assert not isinstance(binding, tuple)
        assert binding.id and binding.id.startswith("grid-")
        assert binding.tooltip


@pytest.mark.parametrize("width", [60, 90, 140])
def test_a_day_with_nothing_tracked_gives_the_plan_the_tracked_room(width: int) -> None:
    with_tracked = Columns.fit(width, 5)
    without = Columns.fit(width, 5, tracked_items=False)
    assert without.tracked == 0 and with_tracked.tracked > 0
    assert without.plan == with_tracked.plan + with_tracked.tracked
    assert without.strip == with_tracked.strip


async def test_a_plan_without_tracked_time_has_no_tracked_column() -> None:
    plan = make_plan(day=date(2026, 11, 30), now=NOW)  # a day ahead: nothing tracked
    assert not plan.tracked
    app = GridApp(plan)
    async with app.run_test(size=(120, 40)) as pilot:
        grid = app.query_one(DayGrid)
        await pilot.pause()
        header = grid.render_line(0).text
        assert "tracked" not in header and "plan" in header


async def test_the_scrollbar_follows_the_rows_and_the_room() -> None:
    """The grid skips Textual's scrollbar update when neither its rows nor its room changed
    (every layout of the screen asked for one); real changes must still reach the bar."""
    app = GridApp(make_plan())
    async with app.run_test(size=(120, 30)) as pilot:
        grid = app.query_one(DayGrid)
        await pilot.pause()
        bar = grid.vertical_scrollbar
        assert bar.window_virtual_size == grid.virtual_size.height
        rows = grid.virtual_size.height
        late = Block(at(22, 0), at(23, 30), id=9, client_id=ACME.id, title="Late call prep")
        grid.plan = make_plan(blocks=[late])  # the day now reaches 23:30: more rows
        await pilot.pause()
        assert grid.virtual_size.height > rows
        assert bar.window_virtual_size == grid.virtual_size.height
        before = bar.window_size
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert bar.window_size > before and grid.show_vertical_scrollbar
        await pilot.resize_terminal(120, 150)  # every row fits: no scrollbar
        await pilot.pause()
        assert grid.virtual_size.height <= grid.scrollable_content_region.height
        assert not grid.show_vertical_scrollbar


@hypothesis_settings(max_examples=60, deadline=None)
@given(
    rows=st.integers(min_value=1, max_value=12).flatmap(
        lambda n: st.lists(st.lists(st.booleans(), min_size=n, max_size=n), min_size=1, max_size=4)
    ),
    coloured=st.integers(min_value=0, max_value=12),
)
def test_each_client_strip_cell_shows_that_clients_hours(
    rows: list[list[bool]], coloured: int
) -> None:
    # The strips of alike clients are drawn as one run, made once per set of clients in
    # hours: cell by cell, on every row, at both strip widths and on the cursor's highlight,
    # each client still gets its own mark and colour (clients beyond ``coloured`` have none).
    clients = tuple(Client(name=f"C{i}", tz=LJU, id=i + 1) for i in range(len(rows[0])))
    colors = {c.id: Color(10 * c.id, 0, 0) for c in clients[:coloured]}
    muted = Style(color="grey50")
    painter = LinePainter(
        None, clients, colors, (Color(0, 0, 0), Color(255, 255, 255)), lambda _: muted, dict
    )
    plan = make_plan()
    hours = [frozenset(c.id for c, yes in zip(clients, row, strict=True) if yes) for row in rows]
    plan = plan._replace(
        rows=tuple(row._replace(in_hours=hours[i % len(hours)]) for i, row in enumerate(plan.rows))
    )
    cursor_row = Style(bgcolor="#203040")
    for index, cells, under in product(range(2 * len(rows)), (2, 1), (Style(), cursor_row)):
        segments = painter.row(plan, index, Columns(20, 0, cells), cursor=False, under=under)
        drawn = [(char, seg.style) for seg in segments for char in seg.text]
        strips = drawn[len(drawn) - cells * len(clients) :]
        inside = rows[index % len(rows)]
        for client, yes in zip(clients, inside, strict=True):
            cell = strips[(client.id - 1) * cells : client.id * cells]
            assert [char for char, _ in cell] == [" "] * (cells - 1) + ["▌" if yes else "·"]
            colour = colors.get(client.id)
            wanted = (Style(color=colour.rich_color) if colour else Style()) if yes else muted
            assert cell[-1][1] == under + wanted
