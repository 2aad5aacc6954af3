"""A timer that looks forgotten: keep it, stop it where it should have ended, or give the tail
to another client.

Shown by the planner when :func:`vaplanner.core.timer.forgotten` finds the running timer past
the end of the work day or over the hour limit. Dismisses with a :class:`TimerFix`; the planner
applies it through ``vaplanner.actions``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from vaplanner.core.errors import VaplannerError
from vaplanner.core.models import Client
from vaplanner.core.times import parse_when, to_local
from vaplanner.ui.screens.compact import make_compact


@dataclass(frozen=True)
class TimerFix:
    """What to do with the forgotten timer."""

    action: Literal["keep", "stop", "switch"]
    at: datetime | None = None  # UTC: where it stops, or where the other client takes over
    client_id: int | None = None  # for "switch"


class ForgottenTimerScreen(ModalScreen[TimerFix]):
    """Three choices; escape keeps the timer as it is."""

    DEFAULT_CSS = """
    ForgottenTimerScreen { align: center middle; }
    ForgottenTimerScreen > Vertical {
        width: 76; max-width: 100%; height: auto;
        border: round $warning; background: $surface; padding: 0 1;
        border-title-color: $warning; border-title-style: bold;
        border-subtitle-color: $text-muted;
    }
    ForgottenTimerScreen .why { padding: 1 0; }
    ForgottenTimerScreen #forgotten-error { color: $error; height: auto; padding-top: 1; }
    ForgottenTimerScreen Grid {
        grid-size: 2; grid-columns: 16 1fr; grid-rows: auto; grid-gutter: 1 1; height: auto;
    }
    ForgottenTimerScreen Label { color: $text-muted; }
    ForgottenTimerScreen Horizontal { height: auto; align-horizontal: right; padding-top: 1; }
    ForgottenTimerScreen Button { margin-left: 1; }
    """
    """A warning card: why, the time field, the other client, three buttons."""

    BINDINGS = [
        Binding("escape", "keep", "keep running", id="forgotten-keep"),
    ]
    """Escape keeps the timer running."""

    def __init__(
        self,
        *,
        reason: str,
        client_name: str,
        suggested_end: datetime,
        clients: Sequence[Client],
        running_client_id: int,
        home_tz: str,
        now: datetime,
    ) -> None:
        super().__init__()
        self.reason = reason
        self.client_name = client_name
        self.suggested_end = suggested_end
        self.clients = [c for c in clients if c.id != running_client_id]
        self.home_tz = home_tz
        self.now = now

    def compose(self) -> ComposeResult:
        local = to_local(self.suggested_end, self.home_tz)
        today = to_local(self.now, self.home_tz).date()
        at_text = f"{local:%H:%M}" if local.date() == today else f"{local:%Y-%m-%d %H:%M}"
        card = Vertical()
        card.border_title = f"Still working for {self.client_name}?"
        card.border_subtitle = "esc keeps it running"
        with card:
            yield Static(
                f"The timer is {self.reason}. Keep it, stop it at the time below, or give the "
                "time from then on to another client.",
                classes="why",
                markup=False,
            )
            with Grid():
                yield Label("Stop / switch at")
                yield Input(at_text, id="at", placeholder="17:00, -2h, 2026-11-27 18:00")
                yield Label("Other client")
                yield Select(
                    [(c.name, c.id) for c in self.clients],
                    prompt="pick a client",
                    id="other",
                )
            yield Static("", id="forgotten-error", markup=False)
            with Horizontal():
                yield Button("Keep running", id="keep")
                yield Button("Give the rest to…", id="switch")
                yield Button("Stop then", id="stop", variant="warning")

    def on_mount(self) -> None:
        make_compact(self)
        self.query_one("#forgotten-error").display = False

    def _at(self) -> datetime:
        return parse_when(self.query_one("#at", Input).value, tz=self.home_tz, now=self.now)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        choice = event.button.id
        if choice == "keep":
            self.action_keep()
            return
        try:
            at = self._at()
        except VaplannerError as error:
            self._problem(str(error), "#at")
            return
        if choice == "stop":
            self.dismiss(TimerFix("stop", at))
            return
        other = self.query_one("#other", Select).value
        if not isinstance(other, int):
            self._problem("pick the client who gets the rest of the time", "#other")
            return
        self.dismiss(TimerFix("switch", at, other))

    def _problem(self, message: str, field: str) -> None:
        """Say what to fix under the fields (the typing stays) and focus that field."""
        line = self.query_one("#forgotten-error", Static)
        line.update(message)
        line.display = True
        self.app.bell()
        self.query_one(field).focus()

    def action_keep(self) -> None:
        self.dismiss(TimerFix("keep"))


def day_of(instant: datetime, tz: str) -> date:
    """The home date of an instant (for messages)."""
    return to_local(instant, tz).date()
