"""A one-line question as a modal: go to a date, stop a timer at a time, and the like.

``PromptScreen(title, hint, parse)`` dismisses with whatever ``parse`` returns for the text the
user typed. It is a :class:`~vaplanner.ui.screens.form_modal.FormModal` with one field: when
``parse`` raises a :class:`VaplannerError`, its message is shown under the field and the typing
stays, so the user fixes it instead of starting over.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar, TypeVar

from textual.app import ComposeResult
from textual.widgets import Input, Static

from vaplanner.ui.screens.form_modal import FormModal

T = TypeVar("T")


class PromptScreen(FormModal[T]):
    """Ask for one value; enter accepts, escape cancels (dismisses with None)."""

    DEFAULT_CSS = """
    PromptScreen #form-card { width: 60; }
    PromptScreen #prompt-input { margin-top: 1; }
    """
    """A small card: the field and a hint of accepted forms under it."""

    SAVE_LABEL: ClassVar[str] = "OK"
    SUBMIT_SAVES: ClassVar[frozenset[str] | None] = None

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

    def form_title(self) -> str:
        return self.title_text

    def form_keys(self) -> str:
        return "enter ok · esc cancel"

    def compose_form(self) -> ComposeResult:
        yield Input(self.value, placeholder=self.placeholder, id="prompt-input")
        yield Static(self.hint, classes="hint", markup=False)

    def read_form(self) -> T:
        return self.parse(self.query_one("#prompt-input", Input).value)
