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

Columns, left to right: time (``²`` marks the second pass of a repeated hour), the plan
(blocks ``▌``, meetings ``█``, buffers ``░``, breaks ``┊``; ``!`` overlap, ``○`` outside the
client's hours), what was tracked (``▒``), and one strip per client (``▌`` in business hours).
Narrow widths drop the strip spacing, then shrink the tracked column, then drop the strips.
A now-line sits under the row that holds the current time.

Rendering uses the Line API: each line is built once per change of plan, clients, size or
theme and cached, so a cursor move repaints two cached lines.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar, NamedTuple

from rich.cells import cell_len, set_cell_size
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
from vaplanner.core.plan_grid import Row
from vaplanner.core.planner import DayPlan, PlanItem, TrackedItem
from vaplanner.core.times import format_duration, to_local
from vaplanner.ui.themes import client_colors as palette_colors
from vaplanner.ui.widgets.client_list import zone_short

TIME_WIDTH = 8  # " 09:00² │"
LEGEND = (
    "▌ block  █ meeting  ░ buffer  ┊ break  ▒ tracked\n"
    "! overlap  ○ outside the client's hours  ▌ client strips: business hours\n"
    "² the repeated hour when clocks go back"
)


class Columns(NamedTuple):
    """Widths of the grid's columns for one widget width."""

    plan: int
    tracked: int
    strip: int  # cells per client strip: 2 (" ▌"), 1 ("▌") or 0 (hidden)

    @classmethod
    def fit(cls, width: int, clients: int, *, tracked_items: bool = True) -> Columns:
        """The widest useful layout: the plan column keeps at least ~18 cells. A day with
        nothing tracked (a day ahead, or before the first timer) gives the plan that room."""
        for tracked, strip, least in (
            (16, 2, 32),  # a roomy tracked column only once the plan has room to read
            (12, 2, 20),
            (12, 1, 16),
            (9, 1, 16),
            (3, 1, 14),
            (3, 0, 12),
        ):
            tracked = tracked if tracked_items else 0
            # flag + space before tracked; one space before 1-cell strips
            plan = width - TIME_WIDTH - 2 - tracked - strip * clients - (strip == 1)
            if plan >= least:
                return cls(plan, tracked, strip)
        return cls(max(width - TIME_WIDTH - 2, 4), 0, 0)


def _label_rows(
    plan: DayPlan, items: Sequence[PlanItem | TrackedItem], *, details: bool
) -> dict[int, tuple[int, bool]]:
    """Row -> (item index, is label) for one column. Each item's label goes on its first row
    that has no other label (so items starting in the same row all get one), and its detail
    line under it when that row is free; labels win over details."""
    taken: dict[int, tuple[int, bool]] = {}
    for index, item in enumerate(items):
        rows = plan.item_rows(item)
        if rows is None:
            continue
        free = [r for r in range(rows[0], rows[1] + 1) if not taken.get(r, (0, False))[1]]
        if not free:
            continue
        taken[free[0]] = (index, True)
        if details and free[0] < rows[1] and free[0] + 1 not in taken:
            taken[free[0] + 1] = (index, False)
    return taken


def _fit(text: str, width: int) -> str:
    """``text`` padded or cut to ``width`` cells; a cut ends in "…" so it reads as cut."""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, max(width - 1, 0)) + ("…" if width > 0 else "")


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
    DayGrid > .day-grid--header { color: $text-muted; text-style: bold; }
    DayGrid > .day-grid--hour { color: $foreground; }
    DayGrid > .day-grid--quarter { color: $text-muted; }
    DayGrid > .day-grid--extended { color: $text-disabled; text-style: italic; }
    DayGrid > .day-grid--cursor { background: $primary 18%; }
    DayGrid > .day-grid--cursor-time { background: $primary; color: $text; text-style: bold; }
    DayGrid > .day-grid--now { color: $accent; text-style: bold; }
    DayGrid > .day-grid--muted { color: $text-muted; }
    DayGrid > .day-grid--conflict { color: $error; text-style: bold; }
    DayGrid > .day-grid--outside { color: $warning; text-style: bold; }
    """
    """Component classes: time labels (hour, quarter, extended), the cursor row and its time
    label, the now-line, muted text (buffers, breaks, off-hours strips) and the two flags."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "day-grid--header",
        "day-grid--hour",
        "day-grid--quarter",
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
        self._colors: dict[int, Color] = {}
        self._by_id: dict[int, Client] = {}
        self._palette: tuple[Color, Color] = (Color(0, 0, 0), Color(255, 255, 255))
        # Per column, the rows that carry an item's label (True) or its detail line (False).
        self._labels: dict[str, dict[int, tuple[int, bool]]] = {"plan": {}, "tracked": {}}
        self._now_row: int | None = None
        self._styles: dict[str, Style] = {}
        self._shown: tuple[Client, ...] = ()
        self._prepared = False
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
            self.set_reactive(DayGrid.cursor, self._start_row(new))
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

    def _start_row(self, plan: DayPlan) -> int:
        now_row = plan.row_at(self.now or plan.now)
        if now_row is not None:
            return now_row
        working = [i for i, row in enumerate(plan.rows) if row.working]
        in_day = [i for i, row in enumerate(plan.rows) if not row.extended]
        return (working or in_day or [0])[0]

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
        self._prepared = False
        plan = self.plan
        self._lines = []
        self._now_row = plan.row_at(self.now or plan.now) if plan is not None else None
        if plan is not None:
            for index in range(len(plan.rows)):
                self._lines.append(index)
                if index == self._now_row:
                    self._lines.append(-1)
        # No horizontal scrolling (columns fit the width): a width of 0 keeps a resize of the
        # terminal from changing the virtual size, which would lay out the whole screen again.
        self.virtual_size = Size(0, len(self._lines) + 1)
        self.refresh()

    def _prepare(self) -> None:
        """Labels per row, client colours and the palette, once per :meth:`_relayout`."""
        self._prepared = True
        plan = self.plan
        self._shown = self.clients or (plan.clients if plan is not None else ())
        self._labels = {"plan": {}, "tracked": {}}
        if plan is not None:
            self._labels = {
                "plan": _label_rows(plan, plan.items, details=True),
                "tracked": _label_rows(plan, plan.tracked, details=False),
            }
        self._by_id = {client.id: client for client in self._shown}
        self._colors = self._client_colors()
        _, _, background, foreground = self.colors
        self._palette = (background, foreground)

    def _client_colors(self) -> dict[int, Color]:
        pairs = [(client.id, client.color) for client in self._shown]
        colors = {**palette_colors(self.app.current_theme, pairs), **self.client_colors}
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
        if not self._prepared:
            self._prepare()
        if width != self._drawn_width:  # cached lines are as wide as the grid was
            self._cache.clear()
            self._header = None
            self._drawn_width = width
        base = self._base_style()
        if y == 0:
            if self._header is None:
                self._header = self._render_header(width)
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
            segments = self._render_now(width) if row < 0 else self._render_row(row, width)
            # Segments without a background take the widget's (Line API strips are final),
            # or the cursor's highlight on its row: one pass, runs of one style merged.
            under = base + self._style("cursor") if cursor else base
            styled = Segment.simplify(Segment.apply_style(segments, under))
            strip = Strip(styled).adjust_cell_length(width, under)
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

    def _render_header(self, width: int) -> Strip:
        style, plan = self._style("header"), self.plan
        cols = self._columns(width)
        zone = (plan.rows[0].local.tzname() or "") if plan and plan.rows else ""
        segments = [Segment(set_cell_size(f" {zone}", TIME_WIDTH - 1) + "│", style)]
        planned = f"plan {format_duration(plan.planned_minutes)}" if plan else "plan"
        segments.append(Segment(set_cell_size(f" {planned}", cols.plan - 2), style))
        warn = plan is not None and plan.capacity_warning is not None
        segments.append(Segment(" !" if warn else "  ", self._style("conflict")))
        if cols.tracked:
            total = f"tracked {format_duration(plan.tracked_minutes)}" if plan else "tracked"
            text = next(t for t in (total, "tracked", "trk", "") if cell_len(t) <= cols.tracked)
            segments.append(Segment(" " + set_cell_size(text, cols.tracked), style))
        if cols.strip == 1:
            segments.append(Segment(" "))
        for client in self._shown if cols.strip else ():
            letter = set_cell_size(client.short[:1].upper(), 1)
            color = self._colors.get(client.id)
            segments.append(Segment(" " * (cols.strip - 1) + letter, style + self._fg(color)))
        return Strip(segments).adjust_cell_length(width).apply_style(self._base_style())

    def _render_now(self, width: int) -> list[Segment]:
        assert self.plan is not None
        local = (self.now or self.plan.now).astimezone(self.plan.rows[0].local.tzinfo)
        label = f"─ {local:%H:%M} now "
        return [Segment(label + "─" * max(0, width - cell_len(label)), self._style("now"))]

    def _render_row(self, index: int, width: int) -> list[Segment]:
        assert self.plan is not None
        plan, row = self.plan, self.plan.rows[index]
        cursor = index == self.cursor
        cols = self._columns(width)
        if row.extended:
            time_style = self._style("extended")
        else:
            time_style = self._style("hour" if row.on_the_hour else "quarter")
        if cursor:
            time_style = self._style("cursor-time")
        label = f" {row.label}{'²' if row.repeated else ' '}"
        segments = [Segment(label, time_style), Segment("│", self._style("muted"))]
        segments += self._plan_cell(plan, index, cols.plan)
        segments.append(self._flag(plan, row))
        if cols.tracked:
            segments.append(Segment(" "))
            segments += self._tracked_cell(plan, index, cols.tracked)
        if cols.strip == 1:
            segments.append(Segment(" "))
        for client in self._shown if cols.strip else ():
            inside = client.id in row.in_hours
            mark = "▌" if inside else "·"
            style = self._fg(self._colors.get(client.id)) if inside else self._style("muted")
            segments.append(Segment(" " * (cols.strip - 1) + mark, style))
        return segments

    def _pick(self, kind: str, indexes: tuple[int, ...], row: int) -> tuple[int, bool | None]:
        """(item, True: its label / False: its detail line / None: body only) for a row;
        without a label here, the latest started item (they are sorted by start)."""
        return self._labels[kind].get(row) or (indexes[-1], None)

    def _plan_cell(self, plan: DayPlan, row: int, width: int) -> list[Segment]:
        if not plan.rows[row].planned:
            return [Segment(" " * width)]
        index, label = self._pick("plan", plan.rows[row].planned, row)
        item = plan.items[index]
        if item.category in ("buffer", "break"):
            glyph = "░░" if item.category == "buffer" else " ┊"
            text = f" {item.title or item.category}" if label else ""
            return [Segment(_fit(glyph + text, width), self._style("muted"))]
        color = self._item_color(item)
        tint = self._background().blend(color, 0.22)
        body = Style(color=self._foreground().rich_color, bgcolor=tint.rich_color)
        stripe = Segment(
            "█" if item.kind == "meeting" else "▌",
            Style(color=color.rich_color, bgcolor=tint.rich_color),
        )
        if label:
            text = f" {self._label(item)}"
            style = body + Style(bold=True, italic=item.kind == "meeting")
        elif label is not None:
            text, style = f" {self._detail(item, plan)}", body + Style(dim=True)
        else:
            text, style = "", body
        return [stripe, Segment(_fit(text, width - 1), style)]

    def _tracked_cell(self, plan: DayPlan, row: int, width: int) -> list[Segment]:
        if not plan.rows[row].tracked:
            return [Segment(" " * width)]
        index, label = self._pick("tracked", plan.rows[row].tracked, row)
        item: TrackedItem = plan.tracked[index]
        color = self._fg(self._colors.get(item.client_id))
        if not label or width < 8:
            return [Segment("▒", color), Segment(" " * (width - 1))]
        duration = format_duration(item.minutes)
        name_width = max(0, width - 3 - len(duration))
        name = _fit(self._client_name(item.client_id), name_width)
        bold = Style(bold=item.running)
        return [Segment("▒ ", color), Segment(name, color + bold), Segment(f" {duration}", bold)]

    def _flag(self, plan: DayPlan, row: Row) -> Segment:
        if row.conflict:
            return Segment("!", self._style("conflict"))
        if any(plan.items[i].outside_hours for i in row.planned):
            return Segment("○", self._style("outside"))
        return Segment(" ")

    def _label(self, item: PlanItem) -> str:
        who = self._client_name(item.client_id) if item.client_id is not None else item.category
        if not item.title or item.title.lower() == who.lower():
            return item.title or who
        return f"{who} · {item.title}"

    def _detail(self, item: PlanItem, plan: DayPlan) -> str:
        """Second line of an item: its span, and the client's own clock when it differs."""
        zone = plan.rows[0].local.tzinfo
        span = f"{item.start.astimezone(zone):%H:%M}-{item.end.astimezone(zone):%H:%M}"
        client = self._by_id.get(item.client_id) if item.client_id is not None else None
        if client is None or client.tz == plan.tz:
            return span
        local = to_local(item.start, client.tz)
        return f"{span} · {zone_short(client.tz)} {local:%H:%M}"

    def _client_name(self, client_id: int | None) -> str:
        client = self._by_id.get(client_id) if client_id is not None else None
        return client.name if client else "?"

    def _item_color(self, item: PlanItem) -> Color:
        if item.client_id is not None and item.client_id in self._colors:
            return self._colors[item.client_id]
        variable = "secondary" if item.category in ("admin", "client") else "primary"
        return Color.parse(self.app.theme_variables.get(variable, "#888888"))

    def _background(self) -> Color:
        return self._palette[0]

    def _foreground(self) -> Color:
        return self._palette[1]

    @staticmethod
    def _fg(color: Color | None) -> Style:
        return Style(color=color.rich_color) if color is not None else Style()
