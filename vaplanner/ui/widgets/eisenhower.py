"""The Eisenhower matrix across every client: four quadrants of open tasks.

Columns are urgent / not urgent, rows important / not important, so ``do`` is top left,
``schedule`` top right, ``delegate`` bottom left and ``eliminate`` bottom right. The arrow
keys walk through a quadrant and on into the next one; ``shift`` + an arrow moves the
highlighted task into the quadrant that way (the screen writes its urgent/important flags
when it receives :class:`EisenhowerGrid.QuadrantChosen`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical
from textual.message import Message
from textual.widget import Widget

from vaplanner.core.models import Quadrant, Task
from vaplanner.core.queues import QUADRANTS
from vaplanner.ui.widgets.task_table import (
    Column,
    KeyTable,
    RowContext,
    TaskTable,
    client_text,
    due_label,
    due_texts,
    estimate_text,
    task_key,
    title_text,
)

#: quadrant -> (title, what it holds, (row, column) in the grid)
QUADRANT_INFO: dict[Quadrant, tuple[str, str, tuple[int, int]]] = {
    "do": ("Do", "urgent and important", (0, 0)),
    "schedule": ("Schedule", "important, not urgent", (0, 1)),
    "delegate": ("Delegate", "urgent, not important", (1, 0)),
    "eliminate": ("Eliminate", "neither", (1, 1)),
}
_AT: dict[tuple[int, int], Quadrant] = {info[2]: q for q, info in QUADRANT_INFO.items()}
_STEP = {"up": (-1, 0), "down": (1, 0), "left": (0, -1), "right": (0, 1)}


def quadrant_columns(ctx: RowContext, rows: Sequence[Sequence[Text]] = ()) -> tuple[Column, ...]:
    """The quadrants' columns; ``rows`` (every quadrant's cells, in column order) narrow the
    countdown and due columns to their longest text, so the task titles get the room."""

    def fit(index: int, label: str, widest: int) -> int:
        longest = max((cell_len(row[index].plain) for row in rows), default=widest)
        return min(widest, max(cell_len(label), longest))

    due = due_label(ctx)
    return (
        Column("client", "Client", 10, priority=6),
        Column("title", "Task"),
        Column("left", "Left", fit(2, "Left", 16), priority=5),
        Column("due", due, fit(3, due, 12), priority=4),
        Column("estimate", "Est", 5, priority=2),
    )


def neighbour(quadrant: Quadrant, direction: str) -> Quadrant | None:
    """The quadrant beside ``quadrant`` in ``direction``, or None at the edge of the grid."""
    row, column = QUADRANT_INFO[quadrant][2]
    d_row, d_column = _STEP[direction]
    return _AT.get((row + d_row, column + d_column))


class EisenhowerGrid(Widget):
    """Four :class:`TaskTable` quadrants in a 2x2 grid."""

    DEFAULT_CSS = """
    EisenhowerGrid { height: 1fr; }
    EisenhowerGrid > Grid { grid-size: 2 2; grid-gutter: 0; height: 1fr; }
    EisenhowerGrid .quadrant {
        border: round $panel-lighten-2; border-title-color: $text-muted;
        border-subtitle-color: $text-muted; height: 1fr;
    }
    EisenhowerGrid .quadrant:focus-within { border: round $primary; border-title-color: $primary; }
    """
    """Quiet borders; the quadrant with the cursor takes the primary colour. No gutter: the
    borders touch as the planner's panels do, and the two columns get the same width."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "shift+left",
            "move_task('left')",
            "move task",
            key_display="shift+arrows",  # the footer's one entry for all four
            id="quadrant-left",
            tooltip="Move the task one quadrant left: mark it urgent.",
        ),
        Binding(
            "shift+right",
            "move_task('right')",
            "not urgent",
            id="quadrant-right",
            show=False,
            tooltip="Move the task one quadrant right: mark it not urgent.",
        ),
        Binding(
            "shift+up",
            "move_task('up')",
            "important",
            id="quadrant-up",
            show=False,
            tooltip="Move the task one quadrant up: mark it important.",
        ),
        Binding(
            "shift+down",
            "move_task('down')",
            "not important",
            id="quadrant-down",
            show=False,
            tooltip="Move the task one quadrant down: mark it not important.",
        ),
    ]
    """shift + an arrow moves the highlighted task between quadrants."""

    @dataclass
    class QuadrantChosen(Message):
        """The user asked to move ``task_id`` into ``quadrant``."""

        task_id: int
        quadrant: Quadrant

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.current: Quadrant = "do"

    def compose(self) -> ComposeResult:
        with Grid():
            for quadrant in QUADRANTS:
                with Vertical(classes="quadrant", id=f"box-{quadrant}"):
                    yield TaskTable(id=f"quad-{quadrant}")

    def table(self, quadrant: Quadrant) -> TaskTable:
        return self.query_one(f"#quad-{quadrant}", TaskTable)

    def show(self, grid: dict[Quadrant, list[Task]], ctx: RowContext) -> None:
        """Fill the four quadrants (each already sorted, see ``core.queues.eisenhower``).

        The four share their columns' widths, so the quadrants line up side by side.
        """
        filled: dict[Quadrant, list[tuple[str, list[Text]]]] = {}
        for quadrant in QUADRANTS:
            table = self.table(quadrant)
            rows: list[tuple[str, list[Text]]] = []
            for task in grid.get(quadrant, []):
                when, left = due_texts(task, ctx, table)
                rows.append(
                    (
                        task_key(task),
                        [
                            client_text(task.client_id, ctx, 10),
                            title_text(task, table, ctx),
                            left,
                            when,
                            estimate_text(task, table),
                        ],
                    )
                )
            filled[quadrant] = rows
        columns = quadrant_columns(ctx, [cells for rows in filled.values() for _, cells in rows])
        for quadrant, rows in filled.items():
            title, holds, _ = QUADRANT_INFO[quadrant]
            box = self.query_one(f"#box-{quadrant}")
            box.border_title = f"{title} ({len(rows)})"
            box.border_subtitle = holds
            self.table(quadrant).show(columns, rows, empty="nothing here")

    @property
    def selected_task_id(self) -> int | None:
        """The highlighted task of the current quadrant."""
        return self.table(self.current).selected_task_id

    def focus_quadrant(self, quadrant: Quadrant, task_id: int | None = None) -> None:
        """Put focus (and the cursor, on ``task_id`` if given) in ``quadrant``."""
        self.current = quadrant
        table = self.table(quadrant)
        if task_id is not None:
            table.select_key(f"task-{task_id}")
        table.focus()

    def on_descendant_focus(self, event: object) -> None:
        for quadrant in QUADRANTS:
            if self.table(quadrant).has_focus:
                self.current = quadrant

    def on_key_table_edge_reached(self, event: KeyTable.EdgeReached) -> None:
        event.stop()
        target = neighbour(self.current, event.direction)
        if target is None:
            return
        table = self.table(target)
        if event.direction == "up":
            table.move_cursor(row=max(table.row_count - 1, 0), animate=False)
        elif event.direction == "down":
            table.move_cursor(row=0, animate=False)
        self.focus_quadrant(target)

    def action_move_task(self, direction: str) -> None:
        task_id = self.selected_task_id
        if task_id is None:
            self.notify("no task here to move", severity="warning", timeout=2)
            return
        target = neighbour(self.current, direction)
        if target is None:
            title = QUADRANT_INFO[self.current][0]
            self.notify(f"already at the {direction} edge ({title})", timeout=2)
            return
        self.post_message(self.QuadrantChosen(task_id, target))
