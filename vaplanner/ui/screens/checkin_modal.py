"""Record a check-in (or a piece of feedback) with one client: a 1-5 score, a note, when.

``CheckinModal(client, home_tz=…, now=…)`` dismisses with the :class:`Checkin` to store (the
screen writes it) or None. The score is optional; "when" is read in your home zone and
defaults to now.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from vaplanner.core.errors import InputError, VaplannerError
from vaplanner.core.models import Checkin, Client
from vaplanner.core.promises import validate_score
from vaplanner.core.times import parse_when_noted


def read_checkin(
    client: Client, score: str, note: str, when: str, *, home_tz: str, now: datetime
) -> Checkin:
    """A check-in from what was typed.

    Raises:
        InputError: a score that is not 1-5, a time that cannot be read or lies ahead.
    """
    text = score.strip()
    if text and not text.isdigit():
        raise InputError(f"the score is a whole number from 1 to 5, not {score!r}")
    value = validate_score(int(text)) if text else None
    at = now
    if when.strip() and when.strip().lower() != "now":
        at, _note = parse_when_noted(when, tz=home_tz, now=now)
        if at - now > timedelta(minutes=1):
            raise InputError("that time is still ahead; record a check-in once it happened")
    return Checkin(client_id=client.id, at=at, score=value, note=" ".join(note.split()))


class CheckinModal(ModalScreen[Checkin | None]):
    """Score, note and time of one check-in."""

    DEFAULT_CSS = """
    CheckinModal { align: center middle; }
    CheckinModal > Vertical {
        width: 64; max-width: 100%; height: auto;
        border: round $primary; background: $surface; padding: 0 1;
        border-title-color: $primary; border-title-style: bold;
        border-subtitle-color: $text-muted;
    }
    CheckinModal Grid {
        grid-size: 2; grid-columns: 7 1fr; grid-rows: 1; grid-gutter: 1 1; height: auto;
        margin-top: 1;
    }
    CheckinModal Label { color: $text-muted; }
    CheckinModal Input.-textual-compact { background: $boost; }
    CheckinModal Input.-textual-compact:focus { background: $primary 20%; }
    CheckinModal .hint { color: $text-muted; margin-top: 1; }
    CheckinModal #checkin-error { color: $error; height: auto; }
    CheckinModal Horizontal { height: auto; align-horizontal: right; margin-top: 1; }
    CheckinModal Button { margin-left: 1; }
    """
    """A small card with three one-line fields."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "cancel", id="checkin-cancel", tooltip="Close, no change."),
        Binding("ctrl+s", "save", "save", id="checkin-save", tooltip="Record the check-in."),
    ]
    """Escape cancels; ctrl+s (or enter in the last field) records it."""

    def __init__(self, client: Client, *, home_tz: str, now: datetime) -> None:
        super().__init__()
        self.client = client
        self.home_tz = home_tz
        self.now = now

    def compose(self) -> ComposeResult:
        box = Vertical()
        box.border_title = f"Check-in with {self.client.name}"
        box.border_subtitle = "ctrl+s save · esc cancel"
        with box:
            with Grid():
                yield Label("Score")
                yield Input(
                    placeholder="1 (poor) to 5 (great), or empty",
                    id="score",
                    max_length=1,
                    compact=True,
                )
                yield Label("Note")
                yield Input(placeholder="what they said", id="note", compact=True)
                yield Label("When")
                yield Input(
                    "now", placeholder="now, 10:30, yesterday 16:00", id="when", compact=True
                )
            yield Static(
                "Feedback counts too: a quick 'happy with X' keeps the cadence visible.",
                classes="hint",
            )
            yield Static("", id="checkin-error", markup=False)
            with Horizontal():
                yield Button("Cancel", id="cancel", compact=True)
                yield Button("Save", id="save", variant="primary", compact=True)

    def on_mount(self) -> None:
        self.query_one("#score", Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "when":
            self.action_save()
        else:
            self.focus_next()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        try:
            checkin = read_checkin(
                self.client,
                self.query_one("#score", Input).value,
                self.query_one("#note", Input).value,
                self.query_one("#when", Input).value,
                home_tz=self.home_tz,
                now=self.now,
            )
        except VaplannerError as error:
            self.query_one("#checkin-error", Static).update(str(error))
            self.app.bell()
            return
        self.dismiss(checkin)
