"""The client editor: every field of a client, in sections that scroll.

One editor adds and edits clients. ``c`` on the planner and the first-run welcome open it
*brief* (name, time zone, hotkey, status, colour and business hours: what the planner needs);
``ctrl+o`` or the "All fields" button opens the rest in place, and ``e`` in the queues view
opens it whole:

* **Client**: name, time zone (checked as typed: a known zone shows its local time, a near
  miss its suggestion), hotkey (a new client gets the first free digit), status, colour (a
  swatch shows it).
* **Business hours**, per weekday in the client's time (``09:00-12:00, 13:00-17:00``; empty is
  closed).
* **Contact**: channels (``formal=email, quick=slack``), reply-within in business hours,
  contacts (``Name, email, role`` per line).
* **Scope and notes**: the agreed services, and notes, with the reminder (and a warning
  when the notes look like they hold one) that credentials belong in a password manager.
* **Billing**: rate, currency (ISO 4217), terms, upfront percent, retainer hours / fee /
  cycle / rollover / overage / start, and rounding.

``ctrl+s`` saves through ``save`` (the store write); anything wrong, from an unknown currency
to a hotkey another client has, is named under the form, its field focused, and everything
typed stays (:class:`~vaplanner.ui.screens.form_modal.FormModal`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.color import Color, ColorParseError
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from vaplanner.core.errors import VaplannerError
from vaplanner.core.models import CLIENT_STATUSES, WEEKDAYS, Client
from vaplanner.core.times import format_offset, to_local, validate_zone
from vaplanner.ui.screens.client_fields import (
    ClientFields,
    client_fields,
    free_hotkey,
    notes_warning,
    read_client_fields,
)
from vaplanner.ui.screens.form_modal import FormModal
from vaplanner.ui.screens.task_fields import FieldError

SaveClient = Callable[[Client], Client]

_ROUNDING = [("none", "0"), ("5 min", "5"), ("6 min", "6"), ("15 min", "15")]
_CREDENTIALS = "Never put passwords here: keep them in a password manager and note where."


class ClientEditor(FormModal[Client]):
    """Add or edit a client; dismisses with the saved client."""

    DEFAULT_CSS = """
    ClientEditor #form-card { width: 90; }
    ClientEditor VerticalScroll { height: auto; max-height: 100%; }
    ClientEditor Grid {
        grid-size: 4; grid-columns: 10 1fr 10 1fr; grid-rows: 1; grid-gutter: 0 1;
        height: auto;
    }
    ClientEditor .wide { column-span: 3; }
    ClientEditor .area-row { height: auto; }
    ClientEditor .area-row Label { width: 11; }
    ClientEditor TextArea { height: 3; width: 1fr; background: $boost; }
    ClientEditor .section { color: $primary; text-style: bold; margin-top: 1; }
    ClientEditor #first-section { margin-top: 0; }
    ClientEditor #more { height: auto; }
    ClientEditor .hint { padding-left: 11; }
    ClientEditor #more-hint { padding-left: 0; margin-top: 1; }
    """
    """Sections in the primary colour, hints under the fields; the fields scroll on a short
    terminal, the error line and the buttons stay."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+o",
            "more",
            "all fields",
            id="form-more",
            tooltip="Show the client's contact, scope, notes and billing fields.",
        ),
    ]
    """``ctrl+o`` opens the brief form's other sections."""

    def __init__(
        self,
        save: SaveClient,
        *,
        clients: Sequence[Client] = (),
        now: datetime,
        home_tz: str = "UTC",
        client: Client | None = None,
        currency: str = "EUR",
        brief: bool = False,
    ) -> None:
        """
        Args:
            save: stores the client and returns it as stored (raises on a duplicate).
            clients: every client, to warn about a hotkey in use before saving.
            client: the client to edit; None adds one.
            currency: a new client's currency (the VA's default).
            brief: show only what the planner needs until ``ctrl+o`` (adding a client).
        """
        super().__init__()
        self.save = save
        self.others = [c for c in clients if client is None or c.id != client.id]
        self.now = now
        self.home_tz = home_tz
        self.client = client
        self.fields = client_fields(client, currency=currency)
        if client is None:
            self.fields = replace(self.fields, key=free_hotkey(self.others))
        self.brief = brief

    def form_title(self) -> str:
        return f"Edit client · {self.client.name}" if self.client else "New client"

    def form_keys(self) -> str:
        more = "ctrl+o all fields · " if self.brief else ""
        return f"ctrl+s save · {more}esc cancel"

    def compose_form(self) -> ComposeResult:
        f = self.fields
        with VerticalScroll():
            yield Static("Client", classes="section", id="first-section")
            with Grid():
                yield Label("Name")
                yield self._input(f.name, "name", "Acme Ltd", wide=True)
                yield Label("Time zone")
                yield self._input(f.tz, "tz", "America/New_York, london, kolkata", wide=True)
            yield Static("", id="zone-check", classes="hint", markup=False)
            with Grid():
                yield Label("Hotkey")
                yield Input(f.key, placeholder="1-9 or a-z", id="key", max_length=1)
                yield Label("Status")
                yield Select(
                    [(s, s) for s in CLIENT_STATUSES],
                    value=f.status,
                    allow_blank=False,
                    id="status",
                )
                yield Label("Colour")
                yield self._input(f.color, "color", "#e4572e or teal; optional")
                yield Label("")
                yield Static("", id="swatch")
            yield Static("Business hours (their time; empty = closed)", classes="section")
            with Grid():
                for index, day in enumerate(WEEKDAYS):
                    yield Label(day.capitalize())
                    yield self._input(f.hours[index], f"hours-{day}", "closed")
            with Vertical(id="more"):
                yield from self._contact(f)
                yield from self._billing(f)
            yield Static(
                "More (contact, scope, notes, billing): ctrl+o, or e in the queues view.",
                id="more-hint",
                classes="hint",
            )

    def compose_buttons(self) -> ComposeResult:
        if self.brief:
            yield Button("All fields", id="more-button")

    def _contact(self, f: ClientFields) -> ComposeResult:
        yield Static("Contact", classes="section")
        with Grid():
            yield Label("Channels")
            yield self._input(f.channels, "channels", "formal=email, quick=slack", wide=True)
            yield Label("Reply in")
            yield self._input(f.reply_within, "reply-within", "e.g. 24h")
            yield Label("")
            yield Label("business hours")
        with Horizontal(classes="area-row"):
            yield Label("Contacts")
            yield TextArea(f.contacts, id="contacts", compact=True)
        yield Static("one per line: Name, email, role", classes="hint")
        yield Static("Scope and notes", classes="section")
        with Grid():
            yield Label("Services")
            yield self._input(f.services, "services", "inbox, calendar, social", wide=True)
        with Horizontal(classes="area-row"):
            yield Label("Notes")
            yield TextArea(f.notes, id="notes", compact=True)
        yield Static(_CREDENTIALS, id="notes-check", classes="hint", markup=False)

    def _billing(self, f: ClientFields) -> ComposeResult:
        yield Static("Billing", classes="section")
        with Grid():
            yield Label("Rate / h")
            yield self._input(f.rate, "rate", "45.00")
            yield Label("Currency")
            yield self._input(f.currency, "currency", "EUR, USD, GBP")
            yield Label("Terms")
            yield self._input(f.terms, "terms", "days to pay, e.g. 14")
            yield Label("Upfront %")
            yield self._input(f.upfront, "upfront", "0-100")
            yield Label("Retainer h")
            yield self._input(f.retainer_hours, "retainer-hours", "hours per cycle")
            yield Label("Fee")
            yield self._input(f.retainer_fee, "retainer-fee", "per cycle")
            yield Label("Cycle")
            yield Select(
                [("monthly", "monthly"), ("weekly", "weekly")],
                value=f.retainer_cycle,
                allow_blank=False,
                id="retainer-cycle",
                compact=True,
            )
            yield Label("Rollover")
            yield self._input(f.rollover, "rollover", "days unused hours last")
            yield Label("Overage/h")
            yield self._input(f.overage, "overage", "empty: the hourly rate")
            yield Label("Since")
            yield self._input(f.retainer_since, "retainer-since", "first day, e.g. 2026-01-01")
            yield Label("Rounding")
            yield Select(
                _ROUNDING, value=f.rounding, allow_blank=False, id="rounding", compact=True
            )
            yield Label("Round")
            yield Select(
                [("up", "up"), ("to nearest", "nearest")],
                value=f.rounding_mode,
                allow_blank=False,
                id="rounding-mode",
                compact=True,
            )

    @staticmethod
    def _input(value: str, id: str, placeholder: str, *, wide: bool = False) -> Input:
        return Input(value, placeholder=placeholder, id=id, classes="wide" if wide else "")

    def on_mount(self) -> None:
        self._show_more(not self.brief)
        self.query_one("#name", Input).focus()
        self._check_zone()
        self._check_color()
        self._check_notes()

    def _show_more(self, show: bool) -> None:
        self.query_one("#more").display = show
        self.query_one("#more-hint").display = not show
        for button in self.query("#more-button"):
            button.display = not show

    @on(Button.Pressed, "#more-button")
    def action_more(self) -> None:
        """Open the sections a brief form hides, and move to the first of them."""
        if not self.brief:
            return
        self.brief = False
        self._show_more(True)
        self.query_one("#form-card").border_subtitle = self.form_keys()
        self.query_one("#channels", Input).focus()

    # --- live checks ---------------------------------------------------------------------

    @on(Input.Changed, "#tz")
    def _check_zone(self) -> None:
        line = self.query_one("#zone-check", Static)
        text = self.query_one("#tz", Input).value
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
        home = to_local(self.now, self.home_tz)
        offset = (local.utcoffset() or timedelta()) - (home.utcoffset() or timedelta())
        hours = offset.total_seconds() / 3600
        ahead = f", {hours:+g}h from you" if hours else ", your time"
        line.update(f"✓ {tz}: now {local:%a %H:%M} (UTC{format_offset(local.utcoffset())}{ahead})")
        line.add_class("-ok")

    @on(Input.Changed, "#color")
    def _check_color(self) -> None:
        swatch = self.query_one("#swatch", Static)
        text = self.query_one("#color", Input).value.strip()
        if not text:
            swatch.update("")
            return
        try:
            color = Color.parse(text)
        except ColorParseError:
            swatch.update("? not a colour")
            return
        swatch.update(f"[{color.hex}]████[/] {color.hex}")

    @on(TextArea.Changed, "#notes")
    def _check_notes(self) -> None:
        line = self.query_one("#notes-check", Static)
        warning = notes_warning(self.query_one("#notes", TextArea).text)
        line.update(warning or _CREDENTIALS)
        line.set_class(warning is not None, "-bad")

    # --- saving ---------------------------------------------------------------------------

    def read_fields(self) -> ClientFields:
        """What the form holds now."""

        def value(id: str) -> str:
            return self.query_one(f"#{id}", Input).value

        def choice(id: str) -> str:
            return str(self.query_one(f"#{id}", Select).value)

        def text(id: str) -> str:
            return self.query_one(f"#{id}", TextArea).text

        return ClientFields(
            name=value("name"),
            key=value("key"),
            color=value("color"),
            tz=value("tz"),
            hours=tuple(value(f"hours-{day}") for day in WEEKDAYS),
            status=choice("status"),
            channels=value("channels"),
            reply_within=value("reply-within"),
            contacts=text("contacts"),
            services=value("services"),
            notes=text("notes"),
            rate=value("rate"),
            currency=value("currency"),
            terms=value("terms"),
            upfront=value("upfront"),
            retainer_hours=value("retainer-hours"),
            retainer_fee=value("retainer-fee"),
            retainer_cycle=choice("retainer-cycle"),
            rollover=value("rollover"),
            overage=value("overage"),
            retainer_since=value("retainer-since"),
            rounding=choice("rounding"),
            rounding_mode=choice("rounding-mode"),
        )

    def read_form(self) -> Client:
        draft = read_client_fields(
            self.read_fields(), today=to_local(self.now, self.home_tz).date(), base=self.client
        )
        key = draft.key
        taken = next(
            (c for c in self.others if key and c.key and c.key.casefold() == key.casefold()),
            None,
        )
        if taken is not None:
            raise FieldError("key", f"hotkey {key!r} is taken by {taken.name}; choose another")
        return self.save(draft)
