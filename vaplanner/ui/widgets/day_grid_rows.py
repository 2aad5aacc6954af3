"""The day grid's layout and lines: columns, which rows carry labels, and each line's segments.

:class:`~vaplanner.ui.widgets.day_grid.DayGrid` owns the widget side (reactives, the cursor,
scrolling, the line cache, component styles); this module works out, without the widget, its
lines and columns and, for one layout, the Rich segments of its header, now-line and rows.

Columns, left to right: time (``²`` marks the second pass of a repeated hour), the plan
(blocks ``▌``, meetings ``█``, buffers ``░``, breaks ``┊``; ``!`` overlap, ``○`` outside the
client's hours), what was tracked (``▒``), and one strip per client (``▌`` in business hours).
Narrow widths drop the strip spacing, then shrink the tracked column, then drop the strips.
A now-line sits under the row that holds the current time.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from itertools import groupby
from typing import NamedTuple

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.color import Color

from vaplanner.core.models import Client
from vaplanner.core.plan_grid import Row
from vaplanner.core.planner import DayPlan, PlanItem, TrackedItem
from vaplanner.core.times import format_duration, to_local
from vaplanner.ui.widgets.cells import fit
from vaplanner.ui.widgets.client_list import zone_short

TIME_WIDTH = 8  # " 09:00² │"
LEGEND = (
    "▌ block  █ meeting  ░ buffer  ┊ break  ▒ tracked\n"
    "! overlap  ○ outside the client's hours  ▌ client strips: business hours\n"
    "² the repeated hour when clocks go back"
)


_BOLD = Style(bold=True)
_PLAIN = Style()


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


def grid_lines(plan: DayPlan | None, now_row: int | None) -> list[int]:
    """The row index per line of the grid (below its header); -1 is the now-line."""
    lines: list[int] = []
    if plan is not None:
        for index in range(len(plan.rows)):
            lines.append(index)
            if index == now_row:
                lines.append(-1)
    return lines


def start_row(plan: DayPlan, now: datetime | None) -> int:
    """Where the cursor starts on a plan: the row holding ``now`` (default ``plan.now``),
    else the first row of the VA's work hours, else the first row of the configured day."""
    now_row = plan.row_at(now or plan.now)
    if now_row is not None:
        return now_row
    working = [i for i, row in enumerate(plan.rows) if row.working]
    in_day = [i for i, row in enumerate(plan.rows) if not row.extended]
    return (working or in_day or [0])[0]


class LinePainter:
    """The segments of the grid's lines for one layout: the clients shown and their colours,
    the rows that carry labels, the widget's palette. The grid makes a new one after each
    change of plan, clients, colours or theme; the plan itself comes with every call.

    Args:
        plan: the plan whose labels are placed (None: no plan yet).
        clients: the clients shown, in strip order.
        colors: colour per client id.
        palette: the widget's (background, foreground).
        style: a component's style by its short name (``"muted"``), cached by the grid.
        variables: the app's theme variables, read when an item has no client colour.
    """

    def __init__(
        self,
        plan: DayPlan | None,
        clients: tuple[Client, ...],
        colors: dict[int, Color],
        palette: tuple[Color, Color],
        style: Callable[[str], Style],
        variables: Callable[[], Mapping[str, str]],
    ) -> None:
        self.clients = clients
        self.colors = colors
        self.background, self.foreground = palette
        self._style = style
        self._variables = variables
        self._by_id = {client.id: client for client in clients}
        self._fg = {cid: Style(color=color.rich_color) for cid, color in colors.items()}
        self._strip_runs: dict[tuple[frozenset[int], int, Style], list[Segment]] = {}
        # Per column, the rows that carry an item's label (True) or its detail line (False).
        self._labels: dict[str, dict[int, tuple[int, bool]]] = {"plan": {}, "tracked": {}}
        if plan is not None:
            self._labels = {
                "plan": _label_rows(plan, plan.items, details=True),
                "tracked": _label_rows(plan, plan.tracked, details=False),
            }

    def header(self, plan: DayPlan | None, cols: Columns) -> list[Segment]:
        """The sticky first line: the zone, planned and tracked totals, client letters."""
        style = self._style("muted") + _BOLD
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
        for client in self.clients if cols.strip else ():
            letter = set_cell_size(client.short[:1].upper(), 1)
            segments.append(
                Segment(" " * (cols.strip - 1) + letter, style + self._client_style(client.id))
            )
        return segments

    def now_line(self, plan: DayPlan, now: datetime, width: int) -> list[Segment]:
        """The line under the row holding ``now``."""
        local = now.astimezone(plan.rows[0].local.tzinfo)
        label = f"─ {local:%H:%M} now "
        return [Segment(label + "─" * max(0, width - cell_len(label)), self._style("now"))]

    def row(
        self, plan: DayPlan, index: int, cols: Columns, *, cursor: bool, under: Style
    ) -> list[Segment]:
        """Row ``index`` of ``plan``; ``cursor``: the cursor is on it (its time stands out).
        Segments are styled over ``under`` (the grid's colours, or the cursor's highlight)."""
        row = plan.rows[index]
        if row.extended:
            time_style: Style | None = self._style("extended")
        else:
            time_style = None if row.on_the_hour else self._style("muted")
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
        styled = list(Segment.apply_style(segments, under))
        if cols.strip:
            styled += self._strips(row.in_hours, cols.strip, under)
        return styled

    def _strips(self, in_hours: frozenset[int], cells: int, under: Style) -> list[Segment]:
        """The client strips of a row, styled over ``under``: one segment per run of strips
        drawn alike (most clients are outside their hours at any time: a row of muted dots).
        Made once per set of clients in hours: it changes a few times a day."""
        key = (in_hours, cells, under)
        found = self._strip_runs.get(key)
        if found is None:
            pad = " " * (cells - 1)
            muted = self._style("muted")
            marks = (
                (("▌", self._client_style(client.id)) if client.id in in_hours else ("·", muted))
                for client in self.clients
            )
            runs = [
                Segment((pad + mark) * sum(1 for _ in run), style)
                for (mark, style), run in groupby(marks)
            ]
            found = self._strip_runs[key] = list(Segment.apply_style(runs, under))
        return found

    def _client_style(self, client_id: int | None) -> Style:
        """A client's colour as a text style (none for a client without one)."""
        return self._fg.get(client_id, _PLAIN) if client_id is not None else _PLAIN

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
            return [Segment(fit(glyph + text, width), self._style("muted"))]
        color = self._item_color(item)
        tint = self.background.blend(color, 0.22)
        body = Style(color=self.foreground.rich_color, bgcolor=tint.rich_color)
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
        return [stripe, Segment(fit(text, width - 1), style)]

    def _tracked_cell(self, plan: DayPlan, row: int, width: int) -> list[Segment]:
        if not plan.rows[row].tracked:
            return [Segment(" " * width)]
        index, label = self._pick("tracked", plan.rows[row].tracked, row)
        item: TrackedItem = plan.tracked[index]
        color = self._client_style(item.client_id)
        if not label or width < 8:
            return [Segment("▒", color), Segment(" " * (width - 1))]
        duration = format_duration(item.minutes)
        name_width = max(0, width - 3 - len(duration))
        name = fit(self._client_name(item.client_id), name_width)
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
        if item.client_id is not None and item.client_id in self.colors:
            return self.colors[item.client_id]
        variable = "secondary" if item.category in ("admin", "client") else "primary"
        return Color.parse(self._variables().get(variable, "#888888"))


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
