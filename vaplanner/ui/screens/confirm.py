"""A yes/no question as a modal: ``ConfirmScreen(title, message)`` dismisses with a bool."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from vaplanner.ui.screens.compact import make_compact


class ConfirmScreen(ModalScreen[bool]):
    """Ask before doing something the user may not expect (an overlap, replacing data)."""

    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    ConfirmScreen > Vertical {
        width: 64; max-width: 100%; height: auto;
        border: round $warning; background: $surface; padding: 0 1;
        border-title-color: $warning; border-title-style: bold;
        border-subtitle-color: $text-muted;
    }
    ConfirmScreen .confirm-message { padding: 1 0; }
    ConfirmScreen Horizontal { height: auto; align-horizontal: right; }
    ConfirmScreen Button { margin-left: 1; min-width: 10; }
    """
    """A small card with a warning border (the question as its title) and two buttons, the safe
    one focused."""

    BINDINGS = [
        Binding("y", "answer(True)", "yes", id="confirm-yes"),
        Binding("n,escape", "answer(False)", "no", id="confirm-no"),
    ]
    """``y`` says yes, ``n`` or escape says no; enter presses the focused button."""

    def __init__(self, title: str, message: str, *, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.title_text = title
        self.message = message
        self.yes_label = yes
        self.no_label = no

    def compose(self) -> ComposeResult:
        card = Vertical()
        card.border_title = self.title_text
        card.border_subtitle = "y yes · n or esc no"
        with card:
            yield Static(self.message, classes="confirm-message", markup=False)
            with Horizontal():
                yield Button(f"{self.no_label} (n)", id="no")
                yield Button(f"{self.yes_label} (y)", id="yes", variant="warning")

    def on_mount(self) -> None:
        make_compact(self)
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
