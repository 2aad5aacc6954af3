"""Record a check-in (or a piece of feedback) with one client: a 1-5 score, a note, when.

``CheckinModal(client, home_tz=…, now=…)`` dismisses with the :class:`Checkin` to store (the
screen writes it) or None. The score is optional; "when" is read in your home zone and
defaults to now.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import ClassVar

from textual.app import ComposeResult
from textual.containers import Grid
from textual.widgets import Input, Label, Static

from vaplanner.core.errors import InputError
from vaplanner.core.models import Checkin, Client
from vaplanner.core.promises import validate_score
from vaplanner.core.times import parse_when_noted
from vaplanner.ui.screens.form_modal import FormModal
from vaplanner.ui.screens.task_fields import FieldError


def read_checkin(
    client: Client, score: str, note: str, when: str, *, home_tz: str, now: datetime
) -> Checkin:
    """A check-in from what was typed.

    Raises:
        FieldError: a score that is not 1-5, a time that cannot be read or lies ahead.
    """
    text = score.strip()
    if text and not text.isdigit():
        raise FieldError("score", f"the score is a whole number from 1 to 5, not {score!r}")
    try:
        value = validate_score(int(text)) if text else None
    except InputError as error:
        raise FieldError("score", str(error)) from None
    at = now
    if when.strip() and when.strip().lower() != "now":
        try:
            at, _note = parse_when_noted(when, tz=home_tz, now=now)
        except InputError as error:
            raise FieldError("when", str(error)) from None
        if at - now > timedelta(minutes=1):
            raise FieldError("when", "that time is still ahead; record a check-in once it happened")
    return Checkin(client_id=client.id, at=at, score=value, note=" ".join(note.split()))


class CheckinModal(FormModal[Checkin]):
    """Score, note and time of one check-in."""

    DEFAULT_CSS = """
    CheckinModal #form-card { width: 64; }
    CheckinModal .fields { grid-columns: 7 1fr; }
    CheckinModal .hint { margin-top: 1; }
    """
    """A small card with three one-line fields."""

    SUBMIT_SAVES: ClassVar[frozenset[str] | None] = frozenset({"when"})

    def __init__(self, client: Client, *, home_tz: str, now: datetime) -> None:
        super().__init__()
        self.client = client
        self.home_tz = home_tz
        self.now = now

    def form_title(self) -> str:
        return f"Check-in with {self.client.name}"

    def compose_form(self) -> ComposeResult:
        with Grid(classes="fields"):
            yield Label("Score")
            yield Input(placeholder="1 (poor) to 5 (great), or empty", id="score", max_length=1)
            yield Label("Note")
            yield Input(placeholder="what they said", id="note")
            yield Label("When")
            yield Input("now", placeholder="now, 10:30, yesterday 16:00", id="when")
        yield Static(
            "Feedback counts too: a quick 'happy with X' keeps the cadence visible.",
            classes="hint",
        )

    def on_mount(self) -> None:
        self.query_one("#score", Input).focus()

    def read_form(self) -> Checkin:
        return read_checkin(
            self.client,
            self.query_one("#score", Input).value,
            self.query_one("#note", Input).value,
            self.query_one("#when", Input).value,
            home_tz=self.home_tz,
            now=self.now,
        )
