"""The task editor: every field of a task in one compact card.

Title, client, status, urgent / important / out of scope, estimate, repeats, due (typed in
the *client's* zone; the line under it shows the same instant in your home time and a
countdown), tags, assignee and follow-up date for delegated work, checklist items (space
ticks one, delete removes it, the field below adds one) and notes.

``ctrl+s`` saves, escape cancels. The modal only reads and checks: it dismisses with the
:class:`~vaplanner.core.models.Task` as described (id 0 for a new one) and the screen that
opened it writes it. A field that cannot be read is named under the form, focused, and
everything typed stays.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.widgets import Checkbox, Input, Label, Select, SelectionList, Static, TextArea

from vaplanner.core.errors import VaplannerError
from vaplanner.core.models import TASK_RECURRENCES, TASK_STATUSES, ChecklistItem, Client, Task
from vaplanner.ui.screens.form_modal import FormModal
from vaplanner.ui.screens.task_fields import (
    FieldError,
    TaskFields,
    describe_due,
    fields_of,
    parse_due,
    read_task,
)

_NEVER = "never"


class TaskEditor(FormModal[Task]):
    """Add or edit one task; dismisses with the task as described (not yet stored)."""

    DEFAULT_CSS = """
    TaskEditor #form-card { width: 84; }
    TaskEditor VerticalScroll { height: auto; max-height: 100%; }
    TaskEditor Grid {
        grid-size: 4; grid-columns: 10 1fr 10 1fr; grid-rows: 1; grid-gutter: 0 1; height: auto;
    }
    TaskEditor Grid > Horizontal { height: 1; }
    TaskEditor Checkbox { margin-right: 2; }
    TaskEditor .wide { column-span: 3; }
    TaskEditor Input, TaskEditor Select { width: 1fr; }
    TaskEditor .hint { padding-left: 11; }
    TaskEditor #checklist { height: auto; max-height: 6; margin-left: 11; background: $surface; }
    TaskEditor #checklist-add { margin-left: 11; width: 1fr; }
    TaskEditor #notes { height: 4; margin-left: 11; background: $boost; }
    TaskEditor .section { color: $text-muted; text-style: bold; margin-top: 1; }
    """
    """A compact card: one line per field, hints under the fields that need them; the fields
    scroll on a short terminal, the error line and the buttons stay."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "delete",
            "remove_item",
            "remove item",
            id="task-editor-remove-item",
            tooltip="Remove the highlighted checklist item.",
        ),
    ]
    """Delete removes a checklist item (escape and ctrl+s come from the form)."""

    def __init__(
        self,
        *,
        clients: Sequence[Client],
        client_id: int,
        home_tz: str,
        now: datetime,
        task: Task | None = None,
        preset: Task | None = None,
    ) -> None:
        """
        Args:
            clients: the clients the task may belong to.
            client_id: the task's client (for a new task, the selected one).
            task: the stored task to edit; None adds a new one.
            preset: a new task's starting values (e.g. flags from an Eisenhower quadrant).
        """
        super().__init__()
        self.clients = list(clients)
        self.editing = task
        self.home_tz = home_tz
        self.now = now
        start = task or preset or Task(client_id=client_id, title="")
        self.client_id = start.client_id if task else client_id
        client = self.client
        self.fields = fields_of(start, client) if client else TaskFields(client_id=client_id)
        self._items: dict[int, str] = {}

    @property
    def client(self) -> Client | None:
        return next((c for c in self.clients if c.id == self.client_id), None)

    def form_title(self) -> str:
        return "Edit task" if self.editing else "New task"

    def compose_form(self) -> ComposeResult:
        f = self.fields
        statuses = [(s, s) for s in TASK_STATUSES]
        repeats = [(_NEVER, _NEVER)] + [(r, r) for r in TASK_RECURRENCES]
        clients = [(c.name, c.id) for c in self.clients]
        with VerticalScroll():
            with Grid():
                yield Label("Title")
                yield Input(
                    f.title, placeholder="what to do", id="title", compact=True, classes="wide"
                )
                yield Label("Client")
                yield Select(
                    clients, value=self.client_id, allow_blank=False, id="client", compact=True
                )
                yield Label("Status")
                yield Select(statuses, value=f.status, allow_blank=False, id="status", compact=True)
                yield Label("Flags")
                with Horizontal(classes="wide"):
                    yield Checkbox("urgent", f.urgent, id="urgent", compact=True)
                    yield Checkbox("important", f.important, id="important", compact=True)
                    yield Checkbox("out of scope", f.out_of_scope, id="out-of-scope", compact=True)
                yield Label("Estimate")
                yield Input(f.estimate, placeholder="e.g. 45m, 1h30m", id="estimate", compact=True)
                yield Label("Repeats")
                yield Select(
                    repeats, value=f.every or _NEVER, allow_blank=False, id="every", compact=True
                )
                yield Label("Due")
                yield Input(
                    f.due,
                    placeholder="e.g. fri 17:00, 2026-12-01, +3d; empty: none",
                    id="due",
                    compact=True,
                    classes="wide",
                )
            yield Static("", id="due-hint", classes="hint", markup=False)
            yield Static("", id="scope-hint", classes="hint", markup=False)
            with Grid():
                yield Label("Tags")
                yield Input(
                    f.tags,
                    placeholder="e.g. email, social",
                    id="tags",
                    compact=True,
                    classes="wide",
                )
                yield Label("Assignee")
                yield Input(f.assignee, placeholder="you; or a name", id="assignee", compact=True)
                yield Label("Follow up")
                yield Input(
                    f.follow_up, placeholder="a date, e.g. thu, +3d", id="follow-up", compact=True
                )
            yield Static("Checklist", classes="section")
            yield SelectionList[int](
                *self._checklist_options(f.checklist), id="checklist", compact=True
            )
            yield Input(placeholder="add an item and press enter", id="checklist-add", compact=True)
            yield Static("Notes", classes="section")
            yield TextArea(f.notes, id="notes", compact=True, soft_wrap=True)

    def _checklist_options(self, items: Sequence[ChecklistItem]) -> list[tuple[str, int, bool]]:
        options = []
        for item in items:
            value = len(self._items)
            self._items[value] = item.text
            options.append((item.text, value, item.done))
        return options

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()
        self._show_due()
        self._show_scope()
        self._show_checklist()

    # --- live hints ---------------------------------------------------------------------------

    @on(Input.Changed, "#due")
    @on(Select.Changed, "#client")
    def _show_due(self) -> None:
        hint = self.query_one("#due-hint", Static)
        client = self._chosen_client()
        text = self.query_one("#due", Input).value
        hint.remove_class("-bad")
        if client is None:
            hint.update("")
            return
        city = client.tz.rsplit("/", 1)[-1].replace("_", " ")
        try:
            due, note = parse_due(text, client, self.now)
        except VaplannerError:
            hint.update(f"? type a due in {client.name}'s time ({city}): fri 17:00, 2026-12-01")
            hint.add_class("-bad")
            return
        if due is None:
            hint.update(
                f"no due · typed in {client.name}'s time ({city}); a date alone is the end "
                "of their business day"
            )
            return
        line = describe_due(due, client, self.home_tz, self.now)
        hint.update(f"{line}" + (f" · {note}" if note else ""))

    @on(Select.Changed, "#client")
    def _show_scope(self) -> None:
        client = self._chosen_client()
        hint = self.query_one("#scope-hint", Static)
        services = ", ".join(client.services) if client and client.services else ""
        hint.update(f"agreed scope: {services}" if services else "")
        hint.display = bool(services)

    def _show_checklist(self) -> None:
        self.query_one("#checklist", SelectionList).display = bool(self._items)

    def _chosen_client(self) -> Client | None:
        value = self.query_one("#client", Select).value
        return next((c for c in self.clients if c.id == value), None)

    # --- checklist ------------------------------------------------------------------------

    @on(Input.Submitted, "#checklist-add")
    def _add_item(self, event: Input.Submitted) -> None:
        event.stop()
        text = " ".join(event.value.split())
        if not text:
            self.focus_next()
            return
        value = max(self._items, default=-1) + 1
        self._items[value] = text
        self.query_one("#checklist", SelectionList).add_option((text, value, False))
        event.input.value = ""
        self._show_checklist()

    def action_remove_item(self) -> None:
        checklist = self.query_one("#checklist", SelectionList)
        if not checklist.has_focus or checklist.highlighted is None:
            return
        index = checklist.highlighted
        value = checklist.get_option_at_index(index).value
        if isinstance(value, int) and value in self._items:
            del self._items[value]
            checklist.remove_option_at_index(index)
        self._show_checklist()
        if not self._items:
            self.query_one("#checklist-add", Input).focus()

    # --- saving ---------------------------------------------------------------------------

    def read_fields(self) -> TaskFields:
        """What the form holds now."""
        checklist = self.query_one("#checklist", SelectionList)
        ticked = set(checklist.selected)
        every = self.query_one("#every", Select).value
        client_id = self.query_one("#client", Select).value
        return TaskFields(
            client_id=client_id if isinstance(client_id, int) else self.client_id,
            title=self.query_one("#title", Input).value,
            status=str(self.query_one("#status", Select).value),
            urgent=self.query_one("#urgent", Checkbox).value,
            important=self.query_one("#important", Checkbox).value,
            out_of_scope=self.query_one("#out-of-scope", Checkbox).value,
            estimate=self.query_one("#estimate", Input).value,
            due=self.query_one("#due", Input).value,
            every="" if every == _NEVER else str(every),
            tags=self.query_one("#tags", Input).value,
            assignee=self.query_one("#assignee", Input).value,
            follow_up=self.query_one("#follow-up", Input).value,
            checklist=tuple(
                ChecklistItem(text, value in ticked) for value, text in self._items.items()
            ),
            notes=self.query_one("#notes", TextArea).text,
        )

    def field_submitted(self, field: Input) -> None:
        if field.id != "checklist-add":  # that one adds its item (see _add_item)
            self.focus_next()

    def read_form(self) -> Task:
        fields = self.read_fields()
        client = next((c for c in self.clients if c.id == fields.client_id), None)
        if client is None:
            raise FieldError("client", "choose a client")
        return read_task(fields, client, self.now, base=self.editing)
