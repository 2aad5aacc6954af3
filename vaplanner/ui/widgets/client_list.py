"""The clients column: hotkey, timer mark, name, the client's zone and local time, and a mark
for where the client stands in their business hours.

Marks: ``●`` in hours, ``◐`` opening soon or closing soon, ``○`` outside hours, ``◌`` a day
without hours (weekend); ``▶`` the running timer; ``!N`` overdue promised replies.

Where the column is wide enough (a 120-column terminal) and tall enough for two rows per
client, a dim second row says how many retainer hours are left and how long ago the last
check-in was (:mod:`vaplanner.ui.client_notes`). Those are read in a worker when the data
changes, never while a key is handled.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, NamedTuple

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from vaplanner.core.hours import hours_state
from vaplanner.core.models import Client
from vaplanner.core.times import to_local
from vaplanner.ui.widgets.cells import fit
from vaplanner.ui.widgets.span_style import span_style

if TYPE_CHECKING:
    from vaplanner.ui.app import VaplannerApp
    from vaplanner.ui.client_notes import ClientNote

#: The narrowest column that gets the second row (the clients column at 120 terminal columns).
NOTE_MIN_WIDTH = 26
#: The second row starts under the name.
NOTE_INDENT = 4

STATE_MARKS: dict[str, str] = {"in": "●", "soon": "◐", "ending": "◐", "out": "○", "weekend": "◌"}
STATE_WORDS: dict[str, str] = {
    "in": "in business hours",
    "soon": "opens soon",
    "ending": "closes soon",
    "out": "outside business hours",
    "weekend": "no hours today",
}


_BOLD = Style(bold=True)


def _plain(parts: list[tuple[str, Style | None]]) -> str:
    return "".join(text for text, _ in parts)


def zone_short(tz: str) -> str:
    """A 2-3 letter city label: ``America/New_York`` -> ``NY``, ``Australia/Sydney`` -> ``SYD``."""
    city = tz.rsplit("/", 1)[-1]
    words = [word for word in city.replace("-", "_").split("_") if word]
    if len(words) > 1:
        return "".join(word[0] for word in words[:3]).upper()
    return (words[0][:3] if words else tz[:3]).upper()


class ClientLine(NamedTuple):
    """What the column shows about one client (the clock part is computed from ``now``)."""

    client: Client
    color: str
    running: bool = False
    alerts: int = 0


class ClientList(Widget):
    """One row per client; the selected one is highlighted. Click a row to select it."""

    DEFAULT_CSS = """
    ClientList { height: auto; width: 1fr; }
    ClientList > .client-list--selected { background: $primary 22%; text-style: bold; }
    ClientList > .client-list--in { color: $success; }
    ClientList > .client-list--soon { color: $warning; }
    ClientList > .client-list--alert { color: $error; text-style: bold; }
    ClientList > .client-list--running { color: $accent; text-style: bold; }
    ClientList > .client-list--muted { color: $text-muted; }
    """
    """Row styles: the hours marks use the theme's success / warning / muted colours."""

    COMPONENT_CLASSES = {
        "client-list--selected",
        "client-list--in",
        "client-list--soon",
        "client-list--alert",
        "client-list--running",
        "client-list--muted",
    }

    now: reactive[datetime] = reactive(datetime(2000, 1, 1, tzinfo=UTC), repaint=False)
    """The shared clock (bound from the screen); repaints only when the minute changes."""
    lines: reactive[tuple[ClientLine, ...]] = reactive((), layout=True)
    """The clients to show, in order."""
    selected: reactive[int | None] = reactive(None, repaint=False)
    """Id of the selected client (watch_selected redraws the two rows that change)."""
    notes: reactive[Mapping[int, ClientNote]] = reactive(dict, repaint=False)
    """Retainer and check-in per client id (loaded by the widget when the data changes)."""

    @dataclass
    class ClientClicked(Message):
        """A row was clicked; the screen decides what selecting means."""

        client_id: int

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._minute: tuple[int, int, int, int, int] | None = None
        self._clocks: dict[int, tuple[str, str]] = {}
        self._strips: dict[int, Strip] = {}
        self._styles: dict[str, Style] = {}
        self._base: Style | None = None
        self._rows_per_client = 1
        self._day: tuple[int, int, int] | None = None  # the day the notes were read for
        self._notes_read = False  # read since the data last changed (or being read)
        self._drawn_width: int | None = None
        self.tooltip = (
            "● in business hours  ◐ opens or closes soon  ○ outside  ◌ no hours today\n"
            "▶ timer running  !N overdue promised replies\n"
            "second row: retainer hours left (or over) · last check-in (✓ 3d ago)"
        )

    def on_mount(self) -> None:
        if hasattr(self.app, "store"):  # in the app, not in a bare test harness
            self.watch(self.app, "data_version", self._data_changed, init=False)
            self.call_after_refresh(self._notes_wanted)

    def _data_changed(self, _version: int) -> None:
        self._notes_read = False
        self._notes_wanted()

    def _notes_wanted(self) -> None:
        """Read the notes if the column shows them and they are not read yet: with more
        clients than fit twice in the column's height (or a narrow column), there is no
        second row, and reading every retainer's entries would only cost time."""
        if self._rows_per_client == 2 and not self._notes_read and self.is_mounted:
            self.reload_notes()

    def reload_notes(self) -> None:
        """Read the retainers and check-ins again, in a worker (the newest call wins)."""
        self._notes_read = True
        self._day = (self.now.year, self.now.month, self.now.day)
        self.run_worker(self._read_notes, thread=True, exclusive=True, group="client-notes")

    def _read_notes(self) -> None:
        # Imported here: retainers and billing are only needed once the notes are shown.
        from vaplanner.ui.client_notes import load_client_notes

        app: VaplannerApp = self.app  # type: ignore[assignment]
        now = self.now
        with app.store_lock:
            notes = load_client_notes(app.store, app.settings, now)
        app.call_from_thread(self.set_notes, notes)

    def set_notes(self, notes: Mapping[int, ClientNote]) -> None:
        """Show ``notes`` (the worker calls this on the UI thread)."""
        self.notes = notes

    def watch_notes(self) -> None:
        if self._rows_per_client == 2:
            self._forget()

    def watch_now(self, now: datetime) -> None:
        minute = (now.year, now.month, now.day, now.hour, now.minute)
        if minute != self._minute:
            self._minute = minute
            self._clocks.clear()
            self._forget()
            # Only once the notes were read for a day (not when the bound clock replaces the
            # placeholder at mount: on_mount reads them after the first frame).
            if self._day is not None and minute[:3] != self._day:
                self._notes_read = False  # a new day: retainer cycles may have reset
                self._notes_wanted()

    def watch_lines(self) -> None:
        self._clocks.clear()
        self._forget()

    def watch_selected(self, old: int | None, new: int | None) -> None:
        # Only the rows of the two clients whose highlight changed are drawn again.
        per = self._rows_per_client
        for index, line in enumerate(self.lines):
            if line.client.id in (old, new):
                for row in range(index * per, index * per + per):
                    self._strips.pop(row, None)
                self.refresh(Region(0, index * per, self.size.width, per))

    def on_resize(self) -> None:
        # The first frame is drawn before its Resize arrives: same width, same rows.
        if self.size.width != self._drawn_width:
            self._forget()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._base = None
        self._forget()

    def _base_style(self) -> Style:
        """The column's own colours (Textual works them out from every ancestor on each use)."""
        if self._base is None:
            self._base = self.rich_style
        return self._base

    def _forget(self) -> None:
        self._strips.clear()
        self.refresh()

    def _clock(self, client: Client) -> tuple[str, str]:
        """(local HH:MM, hours state) of a client, computed once a minute: working out the
        business-hours state is the costly part of a row, and a selection change repaints
        every row."""
        found = self._clocks.get(client.id)
        if found is None:
            state = hours_state(client.hours, client.tz, self.now)
            found = (f"{to_local(self.now, client.tz):%H:%M}", state)
            self._clocks[client.id] = found
        return found

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        count = len(self.lines)
        per = 2 if width >= NOTE_MIN_WIDTH and container.height >= 2 * count else 1
        if per != self._rows_per_client:
            self._rows_per_client = per
            self._strips.clear()
            if per == 2 and hasattr(self.app, "store"):
                self.call_after_refresh(self._notes_wanted)  # the column grew: now shown
        return max(1, count * per)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        self._drawn_width = width
        strip = self._strips.get(y)
        if strip is None:
            index, sub = divmod(y, self._rows_per_client)
            if not self.lines:
                parts: list[tuple[str, Style | None]] = [
                    ("no clients yet: press c to add one", self._style("muted"))
                ]
                selected = False
            elif index < len(self.lines):
                line = self.lines[index]
                parts = self._note_row(line, width) if sub else self._row(line, max(width, 12))
                selected = line.client.id == self.selected
            else:
                return Strip.blank(width, self._base_style())
            # Segments straight from the parts (Rich Text's spans, wrapping and console
            # rendering were most of the column's drawing time); the widget's colours go
            # under every part, a selected row's highlight over the whole width.
            used = sum(cell_len(text) for text, _ in parts)
            segments = [Segment(text, style) for text, style in parts]
            if used < width:
                segments.append(Segment(" " * (width - used)))
            post = self._style("selected") if selected else None
            styled = list(Segment.apply_style(segments, self._base_style(), post))
            strip = Strip(styled, max(used, width)).crop(0, width)
            self._strips[y] = strip
        return strip

    def text(self) -> str:
        """The clients' main rows as plain text, one per client (for tests)."""
        if not self.lines:
            return "no clients yet: press c to add one"
        width = max(self.size.width, 12)
        return "\n".join(_plain(self._row(line, width)) for line in self.lines)

    def notes_text(self) -> list[str]:
        """The second rows as plain text, one per client; empty when they are not shown."""
        if self._rows_per_client == 1:
            return []
        return [_plain(self._note_row(line, self.size.width)).strip() for line in self.lines]

    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            style = span_style(self, f"client-list--{name}", background=name == "selected")
            self._styles[name] = style
        return style

    def _row(self, line: ClientLine, width: int) -> list[tuple[str, Style | None]]:
        client = line.client
        local, state = self._clock(client)
        key = (client.key or " ")[:1]
        mark_style = {"in": "in", "soon": "soon", "ending": "soon"}.get(state, "muted")
        alerts = f" !{line.alerts}" if line.alerts else ""
        # "1 ▶ " + name + " " + "SYD " + "12:45 " + mark + alerts: the city label goes first
        # when the name would be cut (the name says whose clock it is).
        fixed = 4 + 1 + len(local) + 2 + len(alerts)
        zone = f"{zone_short(client.tz):>3} "
        if width < 26 or cell_len(client.name) > width - fixed - len(zone):
            zone = ""
        name_width = max(1, width - fixed - len(zone))
        return [
            (f"{key} ", _BOLD),
            ("▶ " if line.running else "  ", self._style("running")),
            (fit(client.name, name_width), self._color(line.color)),
            (" ", None),
            (zone, self._style("muted")),
            (f"{local} ", None),
            (STATE_MARKS[state], self._style(mark_style)),
            (alerts, self._style("alert")),
        ]

    def _note_row(self, line: ClientLine, width: int) -> list[tuple[str, Style | None]]:
        from vaplanner.ui.client_notes import note_parts

        row: list[tuple[str, Style | None]] = [(" " * NOTE_INDENT, None)]
        note = self.notes.get(line.client.id)
        if note is not None:
            for number, (text, tone) in enumerate(note_parts(note, self.now, width - NOTE_INDENT)):
                if number:
                    row.append((" · ", self._style("muted")))
                row.append((text, self._style(tone)))
        return row

    def _color(self, color: str) -> Style | None:
        """A client's colour as a style (parsed once per colour)."""
        if not color:
            return None
        style = self._styles.get(color)
        if style is None:
            style = self._styles[color] = Style.parse(color)
        return style

    def on_click(self, event: events.Click) -> None:
        index = event.y // self._rows_per_client
        if 0 <= index < len(self.lines):
            self.post_message(self.ClientClicked(self.lines[index].client.id))
