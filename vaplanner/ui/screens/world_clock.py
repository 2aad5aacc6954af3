"""World clock mode (``w``): every client's local time, where they stand in their business
hours, the offset from home, their date when it differs, the next DST change, and a 24-hour
ruler per client aligned to the VA's own hours (like a meeting planner).

The ruler has one cell per home hour of today: ``█`` the client is in business hours for the
whole hour, ``▌`` for part of it, ``·`` outside; the column of the current hour is marked.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, ClassVar, cast

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Static

from vaplanner.core.hours import hours_state, next_transition, windows_between
from vaplanner.core.models import Client
from vaplanner.core.times import day_bounds, to_local, zone_label
from vaplanner.ui.bindings import BACK_BINDINGS
from vaplanner.ui.themes import client_colors
from vaplanner.ui.widgets.client_list import STATE_MARKS

if TYPE_CHECKING:
    from vaplanner.ui.app import VaplannerApp


def offset_from_home(now: datetime, tz: str, home_tz: str) -> str:
    """``+6:00`` / ``-5:30`` / ``same``: how far the client's clock is from the VA's."""
    theirs = to_local(now, tz).utcoffset() or timedelta(0)
    mine = to_local(now, home_tz).utcoffset() or timedelta(0)
    delta = int((theirs - mine).total_seconds()) // 60
    if delta == 0:
        return "same"
    sign = "+" if delta > 0 else "-"
    hours, minutes = divmod(abs(delta), 60)
    return f"{sign}{hours}:{minutes:02d}"


def hour_ruler(client: Client, home_tz: str, now: datetime) -> list[str]:
    """One mark per home hour of today: full, partial or no business hours."""
    day = to_local(now, home_tz).date()
    start, end = day_bounds(day, home_tz)
    windows = windows_between(client.hours, client.tz, start, end)
    marks: list[str] = []
    cursor = start
    while cursor < end:
        following = cursor + timedelta(hours=1)
        covered = sum(
            (min(b, following) - max(a, cursor)).total_seconds()
            for a, b in windows
            if a < following and cursor < b
        )
        marks.append("█" if covered >= 3600 else ("▌" if covered > 0 else "·"))
        cursor = following
    return marks


def next_change_text(tz: str, now: datetime, home_tz: str) -> str:
    """``14 Mar +1h`` (the date in home time, the year when it is not this one), or ``none``
    for zones without DST."""
    change = next_transition(tz, now)
    if change is None:
        return "none"
    before = to_local(change - timedelta(seconds=1), tz).utcoffset() or timedelta(0)
    after = to_local(change, tz).utcoffset() or timedelta(0)
    minutes = int((after - before).total_seconds()) // 60
    hours, rest = divmod(abs(minutes), 60)
    shift = f"{'+' if minutes > 0 else '-'}{hours}h" + (f"{rest:02d}" if rest else "")
    local = to_local(change, home_tz)
    year = f" {local.year}" if local.year != to_local(now, home_tz).year else ""
    return f"{local.day} {local:%b}{year} {shift}"


STATE_SHORT = {
    "in": "in hours",
    "soon": "opens soon",
    "ending": "closing",
    "out": "outside",
    "weekend": "day off",
}


class WorldClockScreen(Screen[None]):
    """Mode ``clock``: a table of clients and their clocks."""

    DEFAULT_CSS = """
    WorldClockScreen #clock-title { height: 1; background: $panel; color: $primary;
        text-style: bold; padding: 0 1; }
    WorldClockScreen VerticalScroll { padding: 1 1; }
    WorldClockScreen #clock-legend { color: $text-muted; padding: 1 1 0 1; }
    """
    """A title line, the table, and a legend under it."""

    BINDINGS: ClassVar[list[BindingType]] = [*BACK_BINDINGS]
    """Escape (or w again) goes back to the planner."""

    now: reactive[datetime] = reactive(datetime(2000, 1, 1), init=False)

    def __init__(self) -> None:
        super().__init__()
        self.title = "world clock"
        self._minute: datetime | None = None
        #: The table last drawn (tests read it).
        self.table: Table | None = None

    @property
    def vapp(self) -> VaplannerApp:
        return cast("VaplannerApp", self.app)

    def compose(self) -> ComposeResult:
        yield Static("", id="clock-title")
        with VerticalScroll():
            yield Static("", id="clock-table")
            yield Static(
                "● in hours  ◐ opens or closes within 30 min  ○ outside  ◌ no hours today\n"
                "Ruler: your hours 00-23 today; █ in their business hours, ▌ part of the hour.",
                id="clock-legend",
            )
        yield Footer()

    def on_mount(self) -> None:
        self.now = self.vapp.now
        self.watch(self.vapp, "now", self._tick, init=False)
        self.watch(self.vapp, "data_version", lambda _v: self.render_table(), init=False)
        self.render_table()

    def on_screen_resume(self) -> None:
        self.render_table()

    def _tick(self, now: datetime) -> None:
        self.now = now
        minute = now.replace(second=0, microsecond=0)
        if minute != self._minute:
            self.render_table()

    def clients(self) -> list[Client]:
        """The clients the planner shows (read from the store when it has not loaded)."""
        board = self.vapp.planner_board()
        if board is not None:
            return list(board.clients)
        with self.vapp.store_lock:
            return list(self.vapp.store.clients.all())

    def render_table(self) -> None:
        """Draw the title and the table for the current minute."""
        now = self.vapp.now
        self._minute = now.replace(second=0, microsecond=0)
        home_tz = self.vapp.settings.home_tz
        home = to_local(now, home_tz)
        self.query_one("#clock-title", Static).update(
            f"World clock · you: {home_tz} {home:%a %H:%M} {zone_label(home)}"
        )
        clients = self.clients()
        colors = client_colors(self.app.current_theme, [(c.id, c.color) for c in clients])
        width = self.size.width or 120
        wide, ruler_on = width >= 128, width >= 100
        table = Table(box=None, padding=(0, 1), header_style="bold", expand=False)
        columns = ["", "client", *(["zone"] if wide else []), "local", "", "vs you", "DST change"]
        for name in columns:
            table.add_column(name, no_wrap=True, overflow="ellipsis")
        if ruler_on:
            table.add_column(self._ruler_header(), no_wrap=True)
        for client in clients:
            local = to_local(now, client.tz)
            state = hours_state(client.hours, client.tz, now)
            day = "" if local.date() == home.date() else f"{local:%a} "
            ruler = Text("".join(hour_ruler(client, home_tz, now)), style=colors.get(client.id, ""))
            ruler.stylize("reverse", home.hour, home.hour + 1)
            cells: list[str | Text] = [
                client.key or "",
                Text(client.name[:18], style=colors.get(client.id, "")),
                *([client.tz] if wide else []),
                f"{day}{local:%H:%M} {zone_label(local)}",
                Text(f"{STATE_MARKS[state]} {STATE_SHORT[state]}", style=self._state_style(state)),
                offset_from_home(now, client.tz, home_tz),
                next_change_text(client.tz, now, home_tz),
                *([ruler] if ruler_on else []),
            ]
            table.add_row(*cells)
        if not clients:
            table.add_row("", "no clients yet")
        self.table = table
        self.query_one("#clock-table", Static).update(table)

    def _state_style(self, state: str) -> str:
        theme = self.app.current_theme
        if state == "in":
            return theme.success or ""
        if state in ("soon", "ending"):
            return theme.warning or ""
        return "dim"

    def on_resize(self) -> None:
        self.render_table()

    @staticmethod
    def _ruler_header() -> str:
        marks = ["·"] * 24
        for hour in range(0, 24, 6):
            label = f"{hour:02d}"
            marks[hour : hour + 2] = list(label)
        return "".join(marks)
