"""DayGrid: one day as a time grid in the home zone (DESIGN §6, the middle of the main screen).

Public API (attributes down, messages up)::

    grid = DayGrid(id="grid")
    grid.plan = day_plan          # vaplanner.core.planner.DayPlan, or None ("no plan yet")
    grid.clients = (acme, koala)  # optional: clients in display order (names, strips); when
                                  # empty, the clients the plan was built with are used
    grid.client_colors = {1: "#7aa2f7"}
                                  # optional: colour per client id (as the clients column,
                                  # e.g. from vaplanner.ui.themes.client_colors)
    grid.now = now                # optional: the app clock (data_bind); moves the now-line
                                  # between plan rebuilds; default: plan.now
    grid.cursor = 12              # row index into plan.rows (clamped); keys move it too
    grid.cursor_time              # -> datetime | None: UTC start of the cursor row
    grid.move_cursor_to(instant)  # cursor on the row holding instant (clamped to the grid)
    grid.item_at_cursor()         # -> PlanItem | None: the block there, else the meeting
    grid.items_at_cursor()        # -> list[PlanItem]   grid.block_at_cursor() -> Block | None
    grid.go_to_now()              # cursor on the now row (today), scrolled into view

    DayGrid.CursorMoved(day_grid, row, start)   posted after every cursor change

Setting ``plan`` for another date puts the cursor on the now row (today) or on the first work
row; a new plan for the same date keeps the cursor. Without ``client_colors``, colours come
from :func:`vaplanner.ui.themes.client_colors` in the order of the clients.

The columns (time, plan, tracked, client strips), the now-line under the row holding the
current time, and how each line is drawn are in :mod:`vaplanner.ui.widgets.day_grid_rows`.

Rendering uses the Line API: each line is built once per change of plan, clients, size or
theme and cached, so a cursor move repaints two cached lines.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from rich.cells import set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.color import Color
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from vaplanner.core.models import Block, Client
from vaplanner.core.planner import DayPlan, PlanItem
from vaplanner.ui.themes import client_colors as palette_colors
from vaplanner.ui.widgets.day_grid_rows import (
    LEGEND,
    Columns,
    LinePainter,
    grid_lines,
    start_row,
)


def _minute(instant: datetime | None) -> datetime | None:
    return instant.replace(second=0, microsecond=0) if instant else None


class DayGrid(ScrollView, can_focus=True):
    """The day plan as a scrolling grid of 15-minute rows, with a sticky header line."""

    DEFAULT_CSS = """
    DayGrid {
        background: $surface;
        color: $foreground;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
    }
    DayGrid > .day-grid--extended { color: $text-disabled; text-style: italic; }
    DayGrid > .day-grid--cursor { background: $primary 18%; }
    DayGrid > .day-grid--cursor-time { background: $primary; color: $text; text-style: bold; }
    DayGrid > .day-grid--now { color: $accent; text-style: bold; }
    DayGrid > .day-grid--muted { color: $text-muted; }
    DayGrid > .day-grid--conflict { color: $error; text-style: bold; }
    DayGrid > .day-grid--outside { color: $warning; text-style: bold; }
    """
    """Component classes: the time labels of extended rows, the cursor row and its time label,
    the now-line, muted text (the header line, quarter-hour labels, buffers, breaks, off-hours
    strips) and the two flags. Hour labels are in the grid's own colour. Each component class
    costs Textual a styling pass at mount and on every focus change, so there is one per
    colour, not one per use."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "day-grid--extended",
        "day-grid--cursor",
        "day-grid--cursor-time",
        "day-grid--now",
        "day-grid--muted",
        "day-grid--conflict",
        "day-grid--outside",
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor_up", "earlier", id="grid-up", show=False,
                tooltip="Move the grid cursor 15 minutes earlier."),
        Binding("down,j", "cursor_down", "later", id="grid-down", show=False,
                tooltip="Move the grid cursor 15 minutes later."),
        Binding("pageup", "cursor_page(-1)", "page up", id="grid-page-up", show=False,
                tooltip="Move the grid cursor up by a screenful."),
        Binding("pagedown", "cursor_page(1)", "page down", id="grid-page-down", show=False,
                tooltip="Move the grid cursor down by a screenful."),
        Binding("home", "cursor_to(0)", "first row", id="grid-first", show=False,
                tooltip="Move the grid cursor to the first row of the day."),
        Binding("end", "cursor_to(-1)", "last row", id="grid-last", show=False,
                tooltip="Move the grid cursor to the last row of the day."),
    ]  # fmt: skip
    """Cursor keys; ids start with ``grid-`` so the help screen files them under Day grid."""

    plan: reactive[DayPlan | None] = reactive(None, always_update=True)
    """The day to show (rebuilt by the screen when data or the minute changes)."""
    clients: reactive[tuple[Client, ...]] = reactive((), always_update=True)
    """Clients in display order; empty: the plan's own clients."""
    client_colors: reactive[Mapping[int, str]] = reactive(dict, always_update=True)
    """Colour per client id; clients missing here get the theme palette's."""
    now: reactive[datetime | None] = reactive(None, repaint=False)
    """The app clock; the now-line follows it between plan rebuilds."""
    cursor: reactive[int] = reactive(0, repaint=False)
    """Row index of the cursor in ``plan.rows``."""

    @dataclass
    class CursorMoved(Message):
        """The cursor moved to another row (by a key, a click or the app)."""

        day_grid: DayGrid
        row: int
        start: datetime  # UTC instant of the row

        @property
        def control(self) -> DayGrid:
            return self.day_grid

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.tooltip = LEGEND
        self._lines: list[int] = []  # row index per line; -1 is the now-line
        self._cache: dict[tuple[int, bool], Strip] = {}
        self._header: Strip | None = None
        self._now_row: int | None = None
        self._styles: dict[str, Style] = {}
        self._shown: tuple[Client, ...] = ()
        self._painter: LinePainter | None = None  # None: to be made when next drawn
        self._drawn_width: int | None = None
        self._fitted: tuple[tuple[int, int, bool], Columns] | None = None
        self._base: Style | None = None

    # --- public helpers --------------------------------------------------------------------

    @property
    def cursor_time(self) -> datetime | None:
        """UTC start of the cursor row, or None without a plan."""
        plan = self.plan
        return plan.rows[self.cursor].start if plan and plan.rows else None

    def move_cursor_to(self, instant: datetime) -> None:
        """Cursor on the row holding ``instant``; before or after the grid: its first or last."""
        plan = self.plan
        if plan is None or not plan.rows:
            return
        row = plan.row_at(instant)
        if row is None:
            row = 0 if instant < plan.start else len(plan.rows) - 1
        self.cursor = row
        self._scroll_to_cursor(center=True)

    def item_at_cursor(self) -> PlanItem | None:
        """The block under the cursor (the latest-starting one), else the first meeting."""
        items = self.items_at_cursor()
        blocks = [item for item in items if item.block is not None]
        if blocks:
            return max(blocks, key=lambda item: item.start)
        return items[0] if items else None

    def items_at_cursor(self) -> list[PlanItem]:
        """Blocks and meetings under the cursor, earliest first."""
        return self.plan.items_at(self.cursor) if self.plan and self.plan.rows else []

    def block_at_cursor(self) -> Block | None:
        """The block under the cursor (the one starting latest when they overlap)."""
        item = self.item_at_cursor()
        return item.block if item is not None else None

    def go_to_now(self) -> None:
        """Cursor on the row holding the current time, when the plan is today's."""
        if self._now_row is not None:
            self.cursor = self._now_row
            self._scroll_to_cursor(center=True)

    # --- reactives --------------------------------------------------------------------------

    def validate_cursor(self, value: int) -> int:
        rows = len(self.plan.rows) if self.plan else 0
        return max(0, min(value, rows - 1)) if rows else 0

    def watch_plan(self, old: DayPlan | None, new: DayPlan | None) -> None:
        if new is not None and (old is None or old.day != new.day or old.tz != new.tz):
            self.set_reactive(DayGrid.cursor, start_row(new, self.now))
            self._relayout()
            self.call_after_refresh(self._scroll_to_cursor, True)
            self._post_cursor()
        else:
            self.cursor = self.cursor  # clamp to the new rows
            self._relayout()
            self._scroll_to_cursor()  # the now-line may have moved

    def watch_clients(self) -> None:
        self._relayout()

    def watch_client_colors(self) -> None:
        self._relayout()

    def watch_now(self, old: datetime | None, new: datetime | None) -> None:
        if _minute(old) != _minute(new):
            self._relayout()
            self._scroll_to_cursor()

    def watch_cursor(self, old: int, new: int) -> None:
        for row in (old, new):  # cached strips are keyed by (line, is cursor)
            self.refresh_line(self._line_of(row) + 1)
        self._scroll_to_cursor()
        if old != new:
            self._post_cursor()

    def on_resize(self, event: events.Resize) -> None:
        # The first frame is drawn before its Resize arrives; a new width is noticed when
        # drawing. What a first height changes is where the cursor can be seen.
        self._scroll_to_cursor()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._relayout()  # the theme changed: colours and component styles

    # --- actions ----------------------------------------------------------------------------

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_page(self, direction: int) -> None:
        self.cursor += direction * max(1, self.scrollable_content_region.height - 2)

    def action_cursor_to(self, row: int) -> None:
        self.cursor = row if row >= 0 else (len(self.plan.rows) - 1 if self.plan else 0)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y == 0:
            return
        line = round(self.scroll_y) + offset.y - 1
        if 0 <= line < len(self._lines) and self._lines[line] >= 0:
            self.cursor = self._lines[line]

    # --- layout and scrolling ---------------------------------------------------------------

    def _relayout(self) -> None:
        """Forget the drawn lines after a change of plan, clients, colours or theme.

        Only the line list (what scrolling and clicks need) is made here; labels and colours
        are worked out by :meth:`_prepare` when the grid is next drawn: the screen sets the
        plan, the clients and their colours one after another, and the theme is applied at
        start-up, each of which lands here before the first frame.
        """
        self._cache.clear()
        self._styles.clear()
        self._base = None
        self._header = None
        self._painter = None
        plan = self.plan
        self._now_row = plan.row_at(self.now or plan.now) if plan is not None else None
        self._lines = grid_lines(plan, self._now_row)
        # No horizontal scrolling (columns fit the width): a width of 0 keeps a resize of the
        # terminal from changing the virtual size, which would lay out the whole screen again.
        self.virtual_size = Size(0, len(self._lines) + 1)
        self.refresh()

    def _prepare(self) -> LinePainter:
        """Labels per row, client colours and the palette, once per :meth:`_relayout`."""
        plan = self.plan
        self._shown = self.clients or (plan.clients if plan is not None else ())
        colors = self._client_colors()
        _, _, background, foreground = self.colors
        self._painter = LinePainter(
            plan,
            self._shown,
            colors,
            (background, foreground),
            self._style,
            lambda: self.app.theme_variables,
        )
        return self._painter

    def _client_colors(self) -> dict[int, Color]:
        colors = self.client_colors
        if any(client.id not in colors for client in self._shown):  # the palette fills in
            pairs = [(client.id, client.color) for client in self._shown]
            colors = {**palette_colors(self.app.current_theme, pairs), **colors}
        return {cid: Color.parse(value) for cid, value in colors.items() if value}

    def _line_of(self, row: int) -> int:
        now_row = self._now_row
        return row + (1 if now_row is not None and row > now_row else 0)

    def _scroll_to_cursor(self, center: bool = False) -> None:
        height = self.scrollable_content_region.height - 1
        if height <= 0 or self.plan is None:
            return
        line = self._line_of(self.cursor)
        top = round(self.scroll_y)
        low = high = line
        now_row = self._now_row
        if now_row is not None and abs(now_row + 1 - line) < height:
            low, high = min(line, now_row + 1), max(line, now_row + 1)
        if center:
            top = line - height // 3
        elif low < top:
            top = low
        elif high >= top + height:
            top = high - height + 1
        self.scroll_to(y=max(0, top), animate=False, immediate=True)

    def _post_cursor(self) -> None:
        start = self.cursor_time
        if start is not None:
            self.post_message(self.CursorMoved(self, self.cursor, start))

    # --- rendering --------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        painter = self._painter or self._prepare()
        if width != self._drawn_width:  # cached lines are as wide as the grid was
            self._cache.clear()
            self._header = None
            self._drawn_width = width
        base = self._base_style()
        if y == 0:
            if self._header is None:
                segments = painter.header(self.plan, self._columns(width))
                self._header = Strip(segments).adjust_cell_length(width).apply_style(base)
            return self._header
        line = round(self.scroll_y) + y - 1
        if self.plan is None or not 0 <= line < len(self._lines):
            text = "no plan yet" if self.plan is None and y == 1 else ""
            return Strip([Segment(set_cell_size(f" {text}", width), self._style("muted"))])
        row = self._lines[line]
        cursor = row == self.cursor
        key = (line, cursor)
        strip = self._cache.get(key)
        if strip is None:
            # Segments without a background take the widget's (Line API strips are final),
            # or the cursor's highlight on its row; runs of one style merged.
            under = base + self._style("cursor") if cursor else base
            styled: Iterable[Segment]
            if row < 0:
                now = self.now or self.plan.now
                styled = Segment.apply_style(painter.now_line(self.plan, now, width), under)
            else:
                columns = self._columns(width)
                styled = painter.row(self.plan, row, columns, cursor=cursor, under=under)
            strip = Strip(Segment.simplify(styled)).adjust_cell_length(width, under)
            self._cache[key] = strip
        return strip

    def _columns(self, width: int) -> Columns:
        tracked = self.plan is not None and bool(self.plan.tracked)
        key = (width, len(self._shown), tracked)
        if self._fitted is None or self._fitted[0] != key:
            self._fitted = (key, Columns.fit(width, len(self._shown), tracked_items=tracked))
        return self._fitted[1]

    def _base_style(self) -> Style:
        """The grid's own colours (Textual works them out from every ancestor on each use)."""
        if self._base is None:
            self._base = self.rich_style
        return self._base

    def _style(self, name: str) -> Style:
        """A component's colours and text style; the background only where it sets one, so the
        cursor row's highlight shows through the rest."""
        style = self._styles.get(name)
        if style is None:
            full = self.get_component_rich_style(f"day-grid--{name}")
            if name.startswith("cursor"):
                style = full
            else:  # the full style has the text colour blended with the background: keep it
                style = Style(color=full.color, bold=full.bold, italic=full.italic, dim=full.dim)
            self._styles[name] = style
        return style
