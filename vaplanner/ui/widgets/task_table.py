"""Keyboard tables for the queues mode: :class:`KeyTable` (rows, ``j``/``k``, edges) and
:class:`TaskTable` (tasks with status, estimate, due in home time and a countdown).

A table is filled with :meth:`KeyTable.show`: column specs and rows, each row with a key.
Columns have priorities, so a narrow terminal drops the least useful ones instead of cutting
the title to nothing; one column (the title) takes the width that is left. The cursor stays on
the same row key across refreshes. Moving past the top, bottom or sides posts
:class:`KeyTable.EdgeReached`, so a view can hand focus to the table beside it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import ClassVar

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable

from vaplanner.core.models import Client, Task
from vaplanner.core.queues import countdown, follow_up_due, is_delegated
from vaplanner.core.times import format_duration, to_local
from vaplanner.ui.widgets.queue_panel import format_due

EMPTY_KEY = "-empty-"
STATUS_LABEL = {"todo": "todo", "doing": "doing", "waiting": "wait", "review": "review"}


@dataclass(frozen=True)
class Column:
    """One column: ``width`` None is the flexible one; higher ``priority`` stays longer."""

    key: str
    label: str
    width: int | None = None
    priority: int = 5


@dataclass(frozen=True)
class RowContext:
    """What rows need beyond the task: the clock, zones, clients and their colours."""

    now: datetime
    home_tz: str
    clients: Mapping[int, Client]
    colors: Mapping[int, str]
    client_zone: bool = False  # show dues in the client's zone instead of home


class KeyTable(DataTable[Text]):
    """A row-cursor table with ``j``/``k`` and edge messages."""

    DEFAULT_CSS = """
    KeyTable { height: 1fr; scrollbar-size-vertical: 1; background: $surface; }
    KeyTable > .datatable--header { color: $text-muted; text-style: bold; background: $surface; }
    KeyTable:blur > .datatable--cursor { background: $panel; }
    KeyTable > .task-table--muted { color: $text-muted; }
    KeyTable > .task-table--overdue { color: $error; }
    KeyTable > .task-table--soon { color: $warning; }
    KeyTable > .task-table--urgent { color: $error; text-style: bold; }
    KeyTable > .task-table--important { color: $warning; text-style: bold; }
    KeyTable > .task-table--accent { color: $accent; }
    """
    """A quiet header; overdue in the error colour, due within a day in the warning colour."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "task-table--muted",
        "task-table--overdue",
        "task-table--soon",
        "task-table--urgent",
        "task-table--important",
        "task-table--accent",
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "down", show=False, id="row-down", tooltip="Next row."),
        Binding("k", "cursor_up", "up", show=False, id="row-up", tooltip="Previous row."),
    ]
    """Vim keys beside the arrows."""

    @dataclass
    class EdgeReached(Message):
        """The cursor tried to leave the table (``up``, ``down``, ``left`` or ``right``)."""

        table: KeyTable
        direction: str

    def __init__(
        self, *, id: str | None = None, classes: str | None = None, min_flex: int = 18
    ) -> None:
        """
        Args:
            min_flex: the narrowest the flexible column may get before a column is dropped.
        """
        super().__init__(id=id, classes=classes, cursor_type="row", show_row_labels=False)
        self.min_flex = min_flex
        self._columns_spec: tuple[Column, ...] = ()
        self._rows: tuple[tuple[str, tuple[Text, ...]], ...] = ()
        self._empty = ""
        self._shown: tuple[str, ...] = ()

    def style_of(self, name: str) -> Style:
        """A rich style from the table's component classes (``muted``, ``overdue``, …)."""
        return self.get_component_rich_style(f"task-table--{name}", partial=True)

    @property
    def selected_key(self) -> str | None:
        """The key of the row under the cursor (None when the table is empty)."""
        if not self.row_count or not self._rows:
            return None
        row = min(max(self.cursor_row, 0), len(self._rows) - 1)
        return self._rows[row][0]

    def show(
        self,
        columns: Sequence[Column],
        rows: Sequence[tuple[str, Sequence[Text]]],
        *,
        empty: str = "nothing here",
        keep: str | None = None,
    ) -> None:
        """Replace the content; the cursor stays on ``keep`` (default: the current row key)."""
        wanted = keep if keep is not None else self.selected_key
        old_row = self.cursor_row
        self._columns_spec = tuple(columns)
        self._rows = tuple((key, tuple(cells)) for key, cells in rows)
        self._empty = empty
        self._render_rows()
        keys = [key for key, _ in self._rows]
        if wanted in keys:
            self.move_cursor(row=keys.index(wanted), animate=False)
        elif self._rows:
            self.move_cursor(row=min(max(old_row, 0), len(self._rows) - 1), animate=False)

    def select_key(self, key: str) -> bool:
        """Put the cursor on the row ``key``; returns whether it is there."""
        keys = [k for k, _ in self._rows]
        if key not in keys:
            return False
        self.move_cursor(row=keys.index(key), animate=False)
        return True

    def _fit(self, width: int) -> tuple[list[Column], int]:
        """The columns that fit in ``width`` and the width left for the flexible one."""
        shown = list(self._columns_spec)
        while True:
            fixed = sum(c.width + 2 for c in shown if c.width is not None)
            flex = width - fixed - 2 - 1  # the flexible column's padding and the scrollbar
            droppable = [c for c in shown if c.width is not None]
            if flex >= self.min_flex or not droppable:
                return shown, max(flex, 8)
            shown.remove(min(droppable, key=lambda c: c.priority))

    def _render_rows(self) -> None:
        width = self.size.width or 80
        columns, flex = self._fit(width)
        self.clear(columns=True)
        index = {c.key: i for i, c in enumerate(self._columns_spec)}
        for column in columns:
            self.add_column(column.label, width=column.width or flex, key=column.key)
        self._shown = tuple(c.key for c in columns)
        if not self._rows:
            blank = [Text("") for _ in columns]
            flexible = next((i for i, c in enumerate(columns) if c.width is None), 0)
            blank[flexible] = Text(self._empty, style=self.style_of("muted"))
            self.add_row(*blank, key=EMPTY_KEY)
            return
        for key, cells in self._rows:
            picked = []
            for column in columns:
                cell = cells[index[column.key]].copy()
                limit = column.width or flex
                if cell_len(cell.plain) > limit:
                    cell.truncate(limit, overflow="ellipsis")
                picked.append(cell)
            self.add_row(*picked, key=key)

    def on_resize(self, event: events.Resize) -> None:
        if self._columns_spec:
            keep = self.selected_key
            self._render_rows()
            if keep is not None:
                self.select_key(keep)

    def action_cursor_up(self) -> None:
        if self.cursor_row <= 0:
            self.post_message(self.EdgeReached(self, "up"))
        else:
            super().action_cursor_up()

    def action_cursor_down(self) -> None:
        if self.cursor_row >= self.row_count - 1:
            self.post_message(self.EdgeReached(self, "down"))
        else:
            super().action_cursor_down()

    def action_cursor_left(self) -> None:
        self.post_message(self.EdgeReached(self, "left"))

    def action_cursor_right(self) -> None:
        self.post_message(self.EdgeReached(self, "right"))


class TaskTable(KeyTable):
    """Tasks, one per row, keyed by ``task-<id>``; enter edits the highlighted task."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "select_cursor",
            "edit",
            id="task-edit",
            tooltip="Edit the highlighted task: title, due, estimate, checklist, delegation.",
        ),
    ]
    """Enter opens the task editor (the screen handles ``RowSelected``)."""

    @property
    def selected_task_id(self) -> int | None:
        """The id of the task under the cursor, or None."""
        return task_id_of(self.selected_key)


def task_key(task: Task) -> str:
    return f"task-{task.id}"


def task_id_of(key: str | None) -> int | None:
    """The task id in a row key made by :func:`task_key`."""
    if key is None or not key.startswith("task-"):
        return None
    return int(key.removeprefix("task-"))


def flags_text(task: Task, table: KeyTable) -> Text:
    """``!`` urgent, ``★`` important."""
    text = Text()
    if task.urgent:
        text.append("!", style=table.style_of("urgent"))
    if task.important:
        text.append("★", style=table.style_of("important"))
    return text


def title_text(task: Task, table: KeyTable, ctx: RowContext) -> Text:
    """The title with quiet markers: checklist progress, repeats, delegated (with a nudge when
    its follow-up date has come), out of scope."""
    text = Text(task.title)
    extras: list[str] = []
    if task.checklist:
        done = sum(1 for item in task.checklist if item.done)
        extras.append(f"☑{done}/{len(task.checklist)}")
    if task.every:
        extras.append(f"↻{task.every}")
    if is_delegated(task):
        extras.append(f"→{task.assignee}")
    if extras:
        text.append("  " + " ".join(extras), style=table.style_of("muted"))
    if follow_up_due(task, to_local(ctx.now, ctx.home_tz).date()):
        text.append("  follow up", style=table.style_of("soon"))
    if task.out_of_scope:
        text.append("  extra", style=table.style_of("soon"))
    return text


def due_texts(task: Task, ctx: RowContext, table: KeyTable) -> tuple[Text, Text]:
    """(when, countdown) for a task's due, in home time or (``ctx.client_zone``) the zone it
    was given in; the column label says which (:func:`due_label`)."""
    if task.due is None:
        return Text(""), Text("")
    client = ctx.clients.get(task.client_id)
    zone = ctx.home_tz
    if ctx.client_zone and client is not None:
        zone = task.due_tz or client.tz
    when = Text(format_due(task.due, zone, ctx.now))
    left = Text(countdown(task.due, ctx.now))
    if task.due <= ctx.now:
        style = table.style_of("overdue")
    elif task.due - ctx.now <= timedelta(hours=24):
        style = table.style_of("soon")
    else:
        style = table.style_of("muted")
    when.stylize(style)
    left.stylize(style)
    return when, left


def due_label(ctx: RowContext) -> str:
    """The due column's label: whose clock the times are on."""
    return "Due (theirs)" if ctx.client_zone else "Due"


def client_text(client_id: int, ctx: RowContext, width: int = 14) -> Text:
    """The client's short name in its colour."""
    client = ctx.clients.get(client_id)
    name = client.name if client is not None else f"client {client_id}"
    color = ctx.colors.get(client_id, "")
    text = Text(name, style=Style(color=color) if color else Style())
    text.truncate(width, overflow="ellipsis")
    return text


def estimate_text(task: Task, table: KeyTable) -> Text:
    if not task.estimate_minutes:
        return Text("–", style=table.style_of("muted"))
    return Text(format_duration(task.estimate_minutes))


def status_text(task: Task, table: KeyTable) -> Text:
    label = STATUS_LABEL.get(task.status, task.status)
    if task.status == "doing":
        return Text(label, style=table.style_of("accent"))
    if task.status in ("waiting", "review"):
        return Text(label, style=table.style_of("muted"))
    return Text(label)
