"""The first-run screen, shown instead of an empty grid when there are no clients yet.

It offers the two ways in: load the sample data set (after saying where it will be written)
or add a first client. It closes itself once a client exists.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Button, Static

from vaplanner.ui.widgets.key_bar import KeyBar

LOGO = "vaplanner"
INTRO = (
    "A day planner for virtual assistants with clients in many time zones:\n"
    "your clients' clocks, a day grid in your own time, each client's queue and one timer."
)


class WelcomeScreen(Screen[str]):
    """Dismisses with ``"sample"`` or ``"client"``: what the user chose."""

    DEFAULT_CSS = """
    WelcomeScreen { align: center middle; }
    WelcomeScreen > Vertical { width: 76; max-width: 100%; height: auto; padding: 1 2;
        border: round $primary; background: $surface; }
    WelcomeScreen #logo {
        text-style: bold; color: $primary; width: 100%; content-align: center middle;
    }
    WelcomeScreen #intro { padding: 1 0; color: $foreground; }
    WelcomeScreen #where { color: $text-muted; padding-bottom: 1; }
    WelcomeScreen Center { height: auto; }
    WelcomeScreen Button { width: 44; margin: 0 0 1 0; }
    """
    """A centred card with the two choices as wide buttons."""

    BINDINGS = [
        Binding(
            "s",
            "choose('sample')",
            "sample data",
            id="welcome-sample",
            tooltip="Fill your data folder with a realistic sample set to try things.",
        ),
        Binding(
            "c",
            "choose('client')",
            "add client",
            id="welcome-client",
            tooltip="Add your first client: name, time zone, business hours, hotkey.",
        ),
        Binding("q", "app.quit", "quit", id="welcome-quit", tooltip="Leave vaplanner."),
    ]
    """``s`` sample data, ``c`` first client, ``q`` quit."""

    ALLOW_MODES = False
    """Other modes have nothing to show before the first client."""

    def __init__(self, *, home_tz: str, data_dir: str) -> None:
        super().__init__()
        self.home_tz = home_tz
        self.data_dir = data_dir

    def compose(self) -> ComposeResult:
        where = f"Your data folder: {self.data_dir}" if self.data_dir else ""
        with Vertical():
            yield Static(LOGO, id="logo")
            yield Static(INTRO, id="intro")
            yield Static(
                f"Your home zone is {self.home_tz}: the day grid shows your own time.\n"
                "Not right? vaplanner config set home_tz America/New_York (any IANA zone)\n"
                f"{where}",
                id="where",
                markup=False,
            )
            with Center():
                yield Button("Add my first client  (c)", id="client", variant="primary")
            with Center():
                yield Button("Try it with sample data  (s)", id="sample")
        yield KeyBar()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_choose(str(event.button.id))

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)
