"""The block editor (``a`` adds at the cursor, ``enter`` edits the block under it).

Fields: client (or none, for admin time and breaks), kind, title, start (home time on the day
shown), length, and a task of the client's queue. ``ctrl+s`` or enter in the length saves; a
time or length that cannot be read is named under the fields and the typing stays
(:class:`~vaplanner.ui.screens.form_modal.FormModal`). The modal only reads and checks: it
dismisses with a :class:`BlockDraft` and the planner screen writes it (asking first when it
would overlap something).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Grid
from textual.widgets import Input, Label, Select, Static

from vaplanner.core.errors import InputError
from vaplanner.core.models import BLOCK_CATEGORIES, Block, BlockCategory, Client, Task
from vaplanner.core.times import (
    format_duration,
    parse_clock,
    parse_duration,
    resolve_wall,
    to_local,
)
from vaplanner.ui.screens.form_modal import FormModal
from vaplanner.ui.screens.task_fields import FieldError, duration_text


@dataclass(frozen=True)
class BlockDraft:
    """A block as the user described it, checked and in UTC; ``id`` 0 for a new one."""

    start: datetime
    end: datetime
    client_id: int | None
    category: BlockCategory
    title: str
    task_id: int | None
    note: str | None = None  # e.g. the start fell in a DST gap and was moved
    id: int = 0

    def block(self) -> Block:
        return Block(
            start=self.start,
            end=self.end,
            id=self.id,
            client_id=self.client_id,
            category=self.category,
            task_id=self.task_id,
            title=self.title,
        )


_NO_CLIENT = -1
_NO_TASK = -1


class BlockEditor(FormModal[BlockDraft]):
    """Add or edit one block."""

    SUBMIT_SAVES: ClassVar[frozenset[str] | None] = frozenset({"length"})

    def __init__(
        self,
        *,
        day: date,
        home_tz: str,
        clients: Sequence[Client],
        tasks: Mapping[int, Sequence[Task]],
        start: datetime,
        minutes: int = 60,
        client_id: int | None = None,
        category: BlockCategory = "client",
        title: str = "",
        task_id: int | None = None,
        block_id: int = 0,
    ) -> None:
        super().__init__()
        self.day = day
        self.home_tz = home_tz
        self.clients = list(clients)
        self.tasks = tasks
        self.start_local = to_local(start, home_tz)
        self.minutes = minutes
        self.client_id = client_id
        self.category = category
        self.title_value = title
        self.task_id = task_id
        self.block_id = block_id

    def form_title(self) -> str:
        heading = "Edit block" if self.block_id else "Add a block"
        return f"{heading} · {self.day:%a} {self.day.day} {self.day:%b}"

    def compose_form(self) -> ComposeResult:
        client_options = [(f"{c.name}", c.id) for c in self.clients] + [("(no client)", _NO_CLIENT)]
        with Grid(classes="fields"):
            yield Label("Title")
            yield Input(self.title_value, placeholder="what this time is for", id="title")
            yield Label("Start")
            yield Input(f"{self.start_local:%H:%M}", placeholder="09:30", id="start")
            yield Label("Length")
            yield Input(duration_text(self.minutes), placeholder="45m, 1h30m, 2h", id="length")
            yield Label("Client")
            yield Select(
                client_options,
                value=self.client_id if self.client_id is not None else _NO_CLIENT,
                allow_blank=False,
                id="client",
            )
            yield Label("Task")
            yield Select(
                self._task_options(self.client_id),
                value=self._task_value(),
                allow_blank=False,
                id="task",
            )
            yield Label("Kind")
            yield Select(
                [(name, name) for name in BLOCK_CATEGORIES],
                value=self.category,
                allow_blank=False,
                id="category",
            )
        yield Static(f"Start is your time ({self.home_tz}).", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()

    def _task_options(self, client_id: int | None) -> list[tuple[str, int]]:
        options = [("(no task)", _NO_TASK)]
        if client_id is not None:
            options += [(task.title, task.id) for task in self.tasks.get(client_id, ())]
        return options

    def _task_value(self) -> int:
        known = {task.id for task in self.tasks.get(self.client_id or _NO_CLIENT, ())}
        return self.task_id if self.task_id in known and self.task_id is not None else _NO_TASK

    @on(Select.Changed, "#client")
    def _client_changed(self, event: Select.Changed) -> None:
        value = event.value
        client_id = value if isinstance(value, int) and value != _NO_CLIENT else None
        task_select = self.query_one("#task", Select)
        task_select.set_options(self._task_options(client_id))
        task_select.value = _NO_TASK
        category = self.query_one("#category", Select)
        if client_id is None and category.value == "client":
            category.value = "admin"
        elif client_id is not None and category.value == "admin":
            category.value = "client"

    @on(Select.Changed, "#task")
    def _task_changed(self, event: Select.Changed) -> None:
        title = self.query_one("#title", Input)
        task = self._find_task(event.value)
        if task is not None:
            if not title.value.strip():
                title.value = task.title
            if task.estimate_minutes:
                self.query_one("#length", Input).value = duration_text(task.estimate_minutes)

    def _find_task(self, value: object) -> Task | None:
        for tasks in self.tasks.values():
            for task in tasks:
                if task.id == value:
                    return task
        return None

    def read_form(self) -> BlockDraft:
        """The form as a checked draft.

        Raises:
            FieldError: the start or length cannot be read, or a client block has no client.
        """
        client_value = self.query_one("#client", Select).value
        client_id = (
            client_value if isinstance(client_value, int) and client_value != _NO_CLIENT else None
        )
        category_value = self.query_one("#category", Select).value
        category: BlockCategory = category_value if category_value in BLOCK_CATEGORIES else "client"
        if category == "client" and client_id is None:
            raise FieldError(
                "client", "a client block needs a client; pick one or choose another kind"
            )
        task_value = self.query_one("#task", Select).value
        task_id = task_value if isinstance(task_value, int) and task_value != _NO_TASK else None
        try:
            clock = parse_clock(self.query_one("#start", Input).value)
        except InputError as error:
            raise FieldError("start", str(error)) from None
        try:
            minutes = parse_duration(self.query_one("#length", Input).value)
        except InputError as error:
            raise FieldError("length", str(error)) from None
        if minutes > 24 * 60:
            raise FieldError(
                "length", f"a block can be at most 24:00 long, not {format_duration(minutes)}"
            )
        start, note = resolve_wall(datetime.combine(self.day, clock), self.home_tz)
        title = self.query_one("#title", Input).value.strip()
        if not title:
            task = self._find_task(task_id)
            client = next((c for c in self.clients if c.id == client_id), None)
            title = task.title if task else (client.name if client else category)
        return BlockDraft(
            start=start,
            end=start + timedelta(minutes=minutes),
            client_id=client_id,
            category=category,
            title=title,
            task_id=task_id,
            note=note,
            id=self.block_id,
        )
