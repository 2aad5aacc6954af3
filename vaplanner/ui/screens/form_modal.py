"""One base for every form modal: a card with a title, the fields, the last error and
Cancel / Save.

A form subclasses :class:`FormModal` with its result type, yields its fields from
:meth:`FormModal.compose_form` and turns them into the result in :meth:`FormModal.read_form`.
The base gives every form the same shape and keys: escape cancels (dismisses with ``None``),
``ctrl+s`` or the Save button saves, enter moves to the next field (or saves, in the fields a
form names in ``SUBMIT_SAVES``). When ``read_form`` raises a
:class:`~vaplanner.core.errors.VaplannerError`, its message is shown under the fields, the
terminal bell rings, a :class:`~vaplanner.ui.screens.task_fields.FieldError`'s field gets the
focus, and everything typed stays.
"""

from __future__ import annotations

from typing import ClassVar, Generic, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Static

from vaplanner.core.errors import VaplannerError
from vaplanner.ui.screens.compact import make_compact
from vaplanner.ui.screens.task_fields import FieldError

T = TypeVar("T")

#: Below this many rows the fields close up, so the error line and the buttons still show.
SHORT_ROWS = 30


class FormModal(ModalScreen[T | None], Generic[T]):
    """A form card that dismisses with what :meth:`read_form` returns, or ``None``."""

    DEFAULT_CSS = """
    FormModal { align: center middle; }
    FormModal #form-card {
        width: 72; max-width: 100%; height: auto; max-height: 100%;
        border: round $primary; background: $surface; padding: 0 1;
        border-title-color: $primary; border-title-style: bold;
        border-subtitle-color: $text-muted;
    }
    FormModal .fields {
        grid-size: 2; grid-columns: 10 1fr; grid-rows: 1; grid-gutter: 1 1; height: auto;
        margin: 1 0;
    }
    FormModal.-short .fields { grid-gutter: 0 1; margin: 0; }
    FormModal Label { color: $text-muted; }
    FormModal Input.-textual-compact { background: $boost; }
    FormModal Input.-textual-compact:focus { background: $primary 20%; }
    FormModal Input.-textual-compact:disabled { background: $surface; }
    FormModal .hint { color: $text-muted; height: auto; }
    FormModal .hint.-ok { color: $success; }
    FormModal .hint.-bad { color: $warning; }
    FormModal #form-footer { dock: bottom; height: auto; }
    FormModal #form-error { color: $error; height: auto; display: none; }
    FormModal #form-buttons { height: auto; align-horizontal: right; margin-top: 1; }
    FormModal #form-buttons Button { margin-left: 1; }
    """
    """The card (72 wide unless a form says otherwise), a two-column ``.fields`` grid, muted
    labels and ``.hint`` lines (``-ok`` green, ``-bad`` amber), the error line, the buttons."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "cancel", id="form-cancel", tooltip="Close without saving."),
        Binding("ctrl+s", "save", "save", id="form-save", tooltip="Check the form and save it."),
    ]
    """The same two keys in every form, so one keymap entry moves them everywhere."""

    SAVE_LABEL: ClassVar[str] = "Save"
    """The primary button's label."""

    SUBMIT_SAVES: ClassVar[frozenset[str] | None] = frozenset()
    """Ids of the inputs where enter saves (elsewhere it moves on); ``None``: every input."""

    def form_title(self) -> str:
        """The card's title."""
        raise NotImplementedError

    def form_keys(self) -> str:
        """The keys named under the card."""
        enter = "enter or " if self.SUBMIT_SAVES is None else ""
        return f"{enter}ctrl+s {self.SAVE_LABEL.lower()} · esc cancel"

    def compose_form(self) -> ComposeResult:
        """The fields (and hints) of the form."""
        raise NotImplementedError

    def compose_buttons(self) -> ComposeResult:
        """Buttons before Cancel and Save (none unless a form adds some)."""
        yield from ()

    def read_form(self) -> T:
        """The form as its checked result.

        Raises:
            VaplannerError: something cannot be read; the message says what is accepted.
        """
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        card = Vertical(id="form-card")
        card.border_title = self.form_title()
        card.border_subtitle = self.form_keys()
        with card:
            yield from self.compose_form()
            with Vertical(id="form-footer"):
                yield Static("", id="form-error", markup=False)
                with Horizontal(id="form-buttons"):
                    yield from self.compose_buttons()
                    yield Button("Cancel", id="cancel")
                    yield Button(self.SAVE_LABEL, id="save", variant="primary")

    def on_mount(self) -> None:
        make_compact(self)

    def on_resize(self) -> None:
        self.set_class(self.size.height < SHORT_ROWS, "-short")

    # --- errors ------------------------------------------------------------------------------

    def set_error(self, message: str) -> None:
        """Show ``message`` under the fields ("" clears it), quietly (for live checks)."""
        line = self.query_one("#form-error", Static)
        line.update(message)
        line.display = bool(message)  # no empty row under the fields

    def show_error(self, error: VaplannerError) -> None:
        """A save that failed: the message, the bell, and the focus on the field to fix."""
        self.set_error(str(error))
        self.app.bell()
        if isinstance(error, FieldError):
            found = self.query(f"#{error.field}")
            if found:
                widget: Widget = found.first()
                widget.focus()

    # --- keys and buttons --------------------------------------------------------------------

    def field_submitted(self, field: Input) -> None:
        """Enter in ``field``: save (see ``SUBMIT_SAVES``) or move to the next field."""
        if self.SUBMIT_SAVES is None or field.id in self.SUBMIT_SAVES:
            self.action_save()
        else:
            self.focus_next()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.field_submitted(event.input)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        elif event.button.id == "cancel":
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        try:
            result = self.read_form()
        except VaplannerError as error:
            self.show_error(error)
            return
        self.dismiss(result)
