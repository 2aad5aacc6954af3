"""A one-line question as a modal: go to a date, stop a timer at a time, and the like.

``PromptScreen(title, hint, parse)`` dismisses with whatever ``parse`` returns for the text the
user typed. When ``parse`` raises a :class:`VaplannerError`, its message is shown under the
field and the typing stays, so the user fixes it instead of starting over.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from vaplanner.core.errors import VaplannerError
from vaplanner.ui.screens.compact import make_compact

T = TypeVar("T")


class PromptScreen(ModalScreen[T | None], Generic[T]):
    """Ask for one value; enter accepts, escape cancels (dismisses with None)."""

    DEFAULT_CSS = """
    PromptScreen { align: center middle; }
    PromptScreen > Vertical {
        width: 60; max-width: 100%; height: auto;
        border: round $primary; background: $surface; padding: 0 1;
    }
    PromptScreen .prompt-title { text-style: bold; color: $primary; }
    PromptScreen .prompt-hint { color: $text-muted; }
    PromptScreen .prompt-error { color: $error; height: auto; }
    """
    """A small card: title, field, a hint of accepted forms, the last error."""

    BINDINGS = [Binding("escape", "cancel", "cancel", id="prompt-cancel")]
    """Escape leaves without changing anything."""

    def __init__(
        self,
        title: str,
        hint: str,
        parse: Callable[[str], T],
        *,
        value: str = "",
        placeholder: str = "",
    ) -> None:
        super().__init__()
        self.title_text = title
        self.hint = hint
        self.parse = parse
        self.value = value
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_text, classes="prompt-title")
            yield Input(self.value, placeholder=self.placeholder, id="prompt-input")
            yield Static(self.hint, classes="prompt-hint", markup=False)
            yield Static("", classes="prompt-error", id="prompt-error", markup=False)

    def on_mount(self) -> None:
        make_compact(self)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            result = self.parse(event.value)
        except VaplannerError as error:
            self.query_one("#prompt-error", Static).update(str(error))
            self.app.bell()
            return
        self.dismiss(result)

    def action_cancel(self) -> None:
        self.dismiss(None)
