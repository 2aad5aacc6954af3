"""A plain list of the day's 15-minute rows, used until the real ``DayGrid`` lands.

It has the cursor and the small interface the planner screen uses (``plan``, ``now``,
``client_colors``, ``cursor_row``, ``cursor_time``, ``item_at_cursor``, ``move_cursor_to``) so that
every key of the planner works and can be tested; the real grid replaces it without changes
to the screen.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from vaplanner.core.planner import DayPlan, PlanItem


class GridPlaceholder(Widget, can_focus=True):
    """Rows of the day with the cursor; blocks and meetings by title."""

    DEFAULT_CSS = """
    GridPlaceholder { height: 1fr; }
    GridPlaceholder > .grid--cursor { background: $boost; text-style: bold; }
    GridPlaceholder > .grid--muted { color: $text-muted; }
    GridPlaceholder > .grid--now { color: $accent; }
    """
    """The cursor row uses the boost colour."""

    COMPONENT_CLASSES = {"grid--cursor", "grid--muted", "grid--now"}

    BINDINGS = [
        Binding(
            "up,k", "cursor(-1)", "up", id="grid-up", show=False, tooltip="Cursor up 15 minutes."
        ),
        Binding(
            "down,j",
            "cursor(1)",
            "down",
            id="grid-down",
            show=False,
            tooltip="Cursor down 15 minutes.",
        ),
    ]
    """Cursor keys."""

    plan: reactive[DayPlan | None] = reactive(None)
    now: reactive[datetime] = reactive(datetime(2000, 1, 1, tzinfo=UTC), repaint=False)
    client_colors: reactive[Mapping[int, str]] = reactive(dict)
    cursor_row: reactive[int] = reactive(0)

    @dataclass
    class CursorMoved(Message):
        """The cursor moved to another row."""

        row: int

    @property
    def cursor_time(self) -> datetime | None:
        plan = self.plan
        if plan is None or not plan.rows:
            return None
        return plan.rows[min(self.cursor_row, len(plan.rows) - 1)].start

    def item_at_cursor(self) -> PlanItem | None:
        plan = self.plan
        if plan is None or not plan.rows:
            return None
        items = plan.items_at(min(self.cursor_row, len(plan.rows) - 1))
        blocks = [item for item in items if item.kind == "block"]
        found = blocks or items
        return found[0] if found else None

    def move_cursor_to(self, instant: datetime) -> None:
        plan = self.plan
        if plan is None or not plan.rows:
            return
        row = plan.row_at(instant)
        if row is None:
            row = 0 if instant < plan.start else len(plan.rows) - 1
        self.cursor_row = row

    def action_cursor(self, delta: int) -> None:
        plan = self.plan
        if plan is None or not plan.rows:
            return
        self.cursor_row = max(0, min(len(plan.rows) - 1, self.cursor_row + delta))
        self.post_message(self.CursorMoved(self.cursor_row))

    def render(self) -> Text:
        plan = self.plan
        if plan is None:
            return Text("loading…")
        height = max(1, self.size.height)
        top = max(0, min(self.cursor_row - height // 2, len(plan.rows) - height))
        lines = []
        for index in range(top, min(len(plan.rows), top + height)):
            row = plan.rows[index]
            items = plan.items_at(index)
            label = " · ".join(item.title for item in items)
            line = Text(f"{row.label} │ {label}")
            if items and items[0].client_id is not None:
                color = self.client_colors.get(items[0].client_id)
                if color:
                    line.stylize(Style.parse(color), 8)
            if index == self.cursor_row:
                line.stylize(self.get_component_rich_style("grid--cursor", partial=True))
            lines.append(line)
        return Text("\n").join(lines)
