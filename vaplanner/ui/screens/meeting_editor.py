"""The meeting editor: a modal to create or change one meeting.

Fields: client, title, start (a wall time), the zone it is read in (the client's, mine, or
another, validated), length, repeat (weekly, every two weeks, monthly), an end date and the
call link. While the user types, a preview says when that is on the VA's clock and the
client's, whether it falls outside the client's business hours, and how a time in a DST gap
or fold is resolved; a problem is shown under the fields and the typing stays.

The modal only reads and checks (:mod:`vaplanner.ui.meeting_edits`); it dismisses with a
:class:`~vaplanner.ui.meeting_edits.MeetingDraft`. :func:`open_meeting_editor` pushes it
over any screen, writes a saved draft in one store transaction, and bumps
``app.data_version`` through ``app.data_changed()``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, time
from typing import TYPE_CHECKING, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal
from textual.screen import Screen
from textual.widgets import Input, Label, Select, Static

from vaplanner.core.errors import VaplannerError
from vaplanner.core.models import Client, Meeting
from vaplanner.core.times import get_zone, resolve_wall
from vaplanner.ui.meeting_edits import (
    MeetingDraft,
    ZoneChoice,
    preview,
    read_meeting,
    save_meeting,
    zone_for,
)
from vaplanner.ui.screens.form_modal import FormModal
from vaplanner.ui.screens.task_fields import duration_text

if TYPE_CHECKING:
    from vaplanner.ui.app import VaplannerApp

_NO_CLIENT = -1
_EVERY_OPTIONS = [
    ("once", "none"),
    ("every week", "weekly"),
    ("every two weeks", "biweekly"),
    ("every month", "monthly"),
]


class MeetingEditor(FormModal[MeetingDraft]):
    """Create or edit a meeting; enter in any field (or ctrl+s) saves."""

    DEFAULT_CSS = """
    MeetingEditor #form-card { width: 76; }
    MeetingEditor .fields { grid-columns: 9 1fr; }
    MeetingEditor #zone-row { height: 1; }
    MeetingEditor #zone { width: 1fr; }
    MeetingEditor #zone-name { width: 1fr; margin-left: 1; }
    MeetingEditor #preview { color: $text-muted; margin-top: 1; height: auto; }
    """
    """One-line fields, a live preview of the times, the last error, the buttons."""

    SUBMIT_SAVES: ClassVar[frozenset[str] | None] = None

    def __init__(
        self,
        *,
        clients: Sequence[Client],
        home_tz: str,
        today: date,
        meeting: Meeting | None = None,
        client_id: int | None = None,
        start: datetime | None = None,
        zone: ZoneChoice = "client",
        duration_minutes: int = 30,
        title: str = "",
        heading: str = "",
    ) -> None:
        """
        Args:
            clients: the clients to choose from.
            home_tz: the VA's zone.
            today: for dates typed as "tomorrow" or "fri".
            meeting: the stored meeting to edit; None for a new one.
            client_id, start, zone, duration_minutes, title: a new meeting's prefill
                (``start`` is a UTC instant, shown on the chosen zone's clock).
            heading: the card's title (default "New meeting" / "Edit meeting").
        """
        super().__init__()
        self.clients = list(clients)
        self.home_tz = home_tz
        self.today = today
        self.meeting = meeting
        self.heading = heading or ("Edit meeting" if meeting else "New meeting")
        if meeting is not None:
            client_id = meeting.client_id
            client = self._client(client_id)
            zone = "client" if client and client.tz == meeting.tz else "home"
            if meeting.tz not in {home_tz, client.tz if client else ""}:
                zone = "other"
            self.values = {
                "title": meeting.title,
                "start": f"{meeting.start_local:%Y-%m-%d %H:%M}",
                "zone-name": meeting.tz if zone == "other" else "",
                "duration": duration_text(meeting.duration_minutes),
                "until": meeting.until.isoformat() if meeting.until else "",
                "link": meeting.link,
            }
            self.every = meeting.every or "none"
        else:
            client = self._client(client_id)
            if zone == "client" and client is None:
                zone = "home"
            tz = client.tz if zone == "client" and client else home_tz
            if start is None:
                start = resolve_wall(datetime.combine(today, time(9)), tz)[0]
            wall = start.astimezone(get_zone(tz))
            self.values = {
                "title": title,
                "start": f"{wall:%Y-%m-%d %H:%M}",
                "zone-name": "",
                "duration": duration_text(duration_minutes),
                "until": "",
                "link": "",
            }
            self.every = "none"
        self.client_id = client_id
        self.zone: ZoneChoice = zone

    def _client(self, client_id: int | None) -> Client | None:
        return next((c for c in self.clients if c.id == client_id), None)

    def _zone_options(self, client: Client | None) -> list[tuple[str, str]]:
        theirs = f"client's · {client.tz}" if client else "client's (pick a client)"
        return [(theirs, "client"), (f"mine · {self.home_tz}", "home"), ("another zone", "other")]

    def form_title(self) -> str:
        return self.heading

    def compose_form(self) -> ComposeResult:
        client = self._client(self.client_id)
        options = [(c.name, c.id) for c in self.clients] + [("(no client)", _NO_CLIENT)]
        with Grid(classes="fields"):
            yield Label("Client")
            yield Select(
                options,
                value=self.client_id if client else _NO_CLIENT,
                allow_blank=False,
                id="client",
                compact=True,
            )
            yield Label("Title")
            yield Input(self.values["title"], placeholder="Weekly sync", id="title", compact=True)
            yield Label("Starts")
            yield Input(
                self.values["start"], placeholder="2026-12-01 09:30", id="start", compact=True
            )
            yield Label("Zone")
            with Horizontal(id="zone-row"):
                yield Select(
                    self._zone_options(client),
                    value=self.zone,
                    allow_blank=False,
                    id="zone",
                    compact=True,
                )
                yield Input(
                    self.values["zone-name"],
                    placeholder="Asia/Kolkata",
                    id="zone-name",
                    compact=True,
                )
            yield Label("Length")
            yield Input(
                self.values["duration"],
                placeholder="30m, 1h, 1h30m",
                id="duration",
                compact=True,
            )
            yield Label("Repeats")
            yield Select(
                _EVERY_OPTIONS, value=self.every, allow_blank=False, id="every", compact=True
            )
            yield Label("Until")
            yield Input(
                self.values["until"],
                placeholder="last date, in the meeting's zone (optional)",
                id="until",
                compact=True,
            )
            yield Label("Link")
            yield Input(
                self.values["link"], placeholder="https://… (optional)", id="link", compact=True
            )
        yield Static("", id="preview", markup=False)

    def on_mount(self) -> None:
        self._sync()
        title = self.query_one("#title", Input)
        title.focus()
        title.select_all()

    # --- reading the form ------------------------------------------------------------------

    def _value(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", Input).value

    def selected_client(self) -> Client | None:
        value = self.query_one("#client", Select).value
        return self._client(value) if isinstance(value, int) else None

    def read(self, *, untitled_ok: bool = False) -> MeetingDraft:
        """The form as a checked draft (raises :class:`VaplannerError`).

        Args:
            untitled_ok: accept an empty title (the preview shows the time meanwhile).
        """
        client = self.selected_client()
        choice = str(self.query_one("#zone", Select).value)
        zone = zone_for(choice, self._value("zone-name"), client, self.home_tz)
        return read_meeting(
            client=client,
            title=self._value("title") or ("untitled" if untitled_ok else ""),
            start=self._value("start"),
            zone=zone,
            duration=self._value("duration"),
            every=str(self.query_one("#every", Select).value),
            until=self._value("until"),
            link=self._value("link"),
            today=self.today,
            meeting_id=self.meeting.id if self.meeting else 0,
        )

    def _sync(self) -> None:
        """Show or hide what depends on other fields, and refresh the preview."""
        other = self.query_one("#zone", Select).value == "other"
        self.query_one("#zone-name", Input).display = other
        repeats = self.query_one("#every", Select).value != "none"
        self.query_one("#until", Input).disabled = not repeats
        try:
            draft = self.read(untitled_ok=True)
        except VaplannerError as problem:
            self.query_one("#preview", Static).update("")
            self.set_error(str(problem))
            return
        self.set_error("")
        lines = preview(draft, self.selected_client(), self.home_tz)
        self.query_one("#preview", Static).update("\n".join(lines))

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._sync()

    @on(Select.Changed)
    def _select_changed(self, event: Select.Changed) -> None:
        event.stop()
        if event.select.id == "client":
            zone = self.query_one("#zone", Select)
            choice = zone.value
            zone.set_options(self._zone_options(self.selected_client()))
            zone.value = choice
        self._sync()

    def read_form(self) -> MeetingDraft:
        return self.read()


def open_meeting_editor(
    screen: Screen[object],
    editor: MeetingEditor,
    on_saved: Callable[[Meeting], object] | None = None,
) -> None:
    """Push ``editor`` over ``screen``; a saved draft is written, the app told, the user too.

    The write holds ``app.store_lock`` and runs in one store transaction; afterwards
    ``app.data_changed()`` bumps ``data_version`` so every screen reloads.
    """
    app = cast("VaplannerApp", screen.app)

    def done(draft: MeetingDraft | None) -> None:
        if draft is None:
            return
        try:
            with app.store_lock:
                saved = save_meeting(app.store, draft, now=app.clock())
        except VaplannerError as error:
            screen.notify(str(error), title="Meeting not saved", severity="error", timeout=8)
            return
        app.data_changed()
        start = draft.start.astimezone(get_zone(app.settings.home_tz))
        message = f"{saved.title}: {start:%a} {start.day} {start:%b} {start:%H:%M} your time"
        if draft.note:
            message += f"\n{draft.note}"
        verb = "changed" if draft.id else "saved"
        screen.notify(message, title=f"Meeting {verb}", timeout=6)
        if on_saved is not None:
            on_saved(saved)

    app.push_screen(editor, done)
