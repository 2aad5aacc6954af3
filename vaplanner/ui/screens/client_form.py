"""The client form: name, time zone, business hours and hotkey.

The zone field is checked as it is typed: a known zone shows its local time and offset, a
near miss shows the suggestion (``kolkata`` -> ``Asia/Kolkata``). Saving calls ``save`` (the
store write); an error there (a duplicate name or hotkey) is shown as a notification and the
form stays open with everything typed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from vaplanner.core.errors import InputError, VaplannerError
from vaplanner.core.models import Client
from vaplanner.core.times import (
    format_offset,
    format_week_hours,
    parse_week_hours,
    to_local,
    validate_zone,
)
from vaplanner.ui.screens.compact import make_compact

SaveClient = Callable[[Client], Client]


def free_hotkey(clients: Sequence[Client]) -> str:
    """The first digit 1-9 no client uses, or "" when all are taken."""
    used = {client.key for client in clients}
    return next((str(n) for n in range(1, 10) if str(n) not in used), "")


def read_client(name: str, zone: str, hours: str, key: str, base: Client | None = None) -> Client:
    """A client from the form's text, checked.

    Raises:
        InputError: empty name, unknown zone (with suggestions), unreadable hours, or a hotkey
            that is not one character.
    """
    name = name.strip()
    if not name:
        raise InputError("the client needs a name")
    tz = validate_zone(zone)
    week = parse_week_hours(hours or "mon-fri 09:00-17:00")
    key = key.strip()
    if len(key) > 1 or (key and not key.isalnum()):
        raise InputError(f"hotkey {key!r}: use one digit 1-9 or one letter, or leave it empty")
    if base is None:
        return Client(name=name, tz=tz, hours=week, key=key or None)
    return replace(base, name=name, tz=tz, hours=week, key=key or None)


class ClientForm(ModalScreen[Client | None]):
    """Add (or edit) a client; dismisses with the saved client."""

    DEFAULT_CSS = """
    ClientForm { align: center middle; }
    ClientForm > Vertical {
        width: 72; max-width: 100%; height: auto; max-height: 100%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    ClientForm .form-title { text-style: bold; color: $primary; padding-bottom: 1; }
    ClientForm Grid {
        grid-size: 2; grid-columns: 10 1fr; grid-rows: auto; grid-gutter: 1 1; height: auto;
    }
    ClientForm Label { color: $text-muted; }
    ClientForm #zone-check { color: $text-muted; padding-left: 11; height: auto; }
    ClientForm #zone-check.-ok { color: $success; }
    ClientForm #zone-check.-bad { color: $warning; }
    ClientForm Horizontal { height: auto; align-horizontal: right; padding-top: 1; }
    ClientForm Button { margin-left: 1; }
    """
    """A form card like the block editor, with a live line under the zone field."""

    BINDINGS = [
        Binding("escape", "cancel", "cancel", id="form-cancel"),
        Binding("ctrl+s", "save", "save", id="form-save"),
    ]
    """Escape leaves without saving; ctrl+s saves from any field."""

    def __init__(
        self,
        save: SaveClient,
        *,
        clients: Sequence[Client] = (),
        now: datetime,
        client: Client | None = None,
        zone: str = "",
    ) -> None:
        super().__init__()
        self.save = save
        self.others = [c for c in clients if client is None or c.id != client.id]
        self.now = now
        self.client = client
        self.zone = client.tz if client else zone

    def compose(self) -> ComposeResult:
        client = self.client
        hours = format_week_hours(client.hours) if client else "mon-fri 09:00-17:00"
        key = (client.key or "") if client else free_hotkey(self.others)
        with Vertical():
            yield Static("Edit client" if client else "Add a client", classes="form-title")
            with Grid():
                yield Label("Name")
                yield Input(client.name if client else "", placeholder="Acme Ltd", id="name")
                yield Label("Time zone")
                yield Input(self.zone, placeholder="America/New_York, london, kolkata", id="zone")
            yield Static("", id="zone-check")
            with Grid():
                yield Label("Hours")
                yield Input(hours, placeholder="mon-fri 09:00-17:00; sat 10:00-12:00", id="hours")
                yield Label("Hotkey")
                yield Input(key, placeholder="1-9 or a letter", id="key", max_length=1)
            with Horizontal():
                yield Button("Cancel", id="cancel")
                yield Button("Save", id="save", variant="primary")

    def on_mount(self) -> None:
        make_compact(self)
        self.query_one("#name", Input).focus()
        self._check_zone(self.zone)

    @on(Input.Changed, "#zone")
    def _zone_changed(self, event: Input.Changed) -> None:
        self._check_zone(event.value)

    def _check_zone(self, text: str) -> None:
        line = self.query_one("#zone-check", Static)
        line.remove_class("-ok", "-bad")
        if not text.strip():
            line.update("an IANA zone name, or a city: new york, sydney, kathmandu")
            return
        try:
            tz = validate_zone(text)
        except VaplannerError as error:
            message = str(error)
            hint = (
                message.split("did you mean ", 1)[1].split("?")[0]
                if "did you mean" in message
                else ""
            )
            line.update(f"? did you mean {hint}" if hint else "? unknown zone")
            line.add_class("-bad")
            return
        local = to_local(self.now, tz)
        line.update(f"✓ {tz}: now {local:%a %H:%M} (UTC{format_offset(local.utcoffset())})")
        line.add_class("-ok")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "key":
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
            draft = read_client(
                self.query_one("#name", Input).value,
                self.query_one("#zone", Input).value,
                self.query_one("#hours", Input).value,
                self.query_one("#key", Input).value,
                base=self.client,
            )
            saved = self.save(draft)
        except VaplannerError as error:
            self.notify(str(error), title="Client not saved", severity="error")
            return
        self.dismiss(saved)
