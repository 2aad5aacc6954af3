"""World clock mode (``w``): every client's clock, a meeting-planner ruler, DST alerts and the
slot finder.

Top: :class:`~vaplanner.ui.widgets.clock_table.ClockTable`, the VA's own work hours first,
then each client: local time (ticking with ``app.now``), business-hours state, offset from
home, the next DST change and a ruler of the home day, hour by hour. Under it, the
highlighted row's hours on its own clock, aligned with the ruler, and a line of detail.

Then the DST alerts: recurring meetings whose time on the VA's clock shifts in the next
three weeks because either zone changes.

Bottom: the slot finder. ``space`` chooses clients (none chosen: the highlighted client),
and on the VA's own row says whether to stay within the VA's work hours. The shared windows
and the free slots over the next days (meetings and blocks left out) are listed; ``b`` (or
enter on a slot) books the highlighted slot: the meeting editor opens filled in, enter saves.
Busy times are read in a worker, so the screen never waits for the store.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING, ClassVar, cast

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Input, Label, Static

from vaplanner.core.hours import Interval, intersect, windows_between
from vaplanner.core.models import Client, Meeting
from vaplanner.core.times import day_bounds, get_zone, resolve_wall, zone_label
from vaplanner.core.worldclock import dst_alerts
from vaplanner.ui.bindings import BACK_BINDINGS
from vaplanner.ui.screens.meeting_editor import MeetingEditor, open_meeting_editor
from vaplanner.ui.screens.slot_finder import SlotFinder
from vaplanner.ui.themes import client_colors
from vaplanner.ui.widgets.clock_table import (
    STATE_WORDS,
    YOU,
    ClockEntry,
    ClockTable,
    choose_layout,
    clock_entries,
)
from vaplanner.ui.widgets.hour_ruler import label_line, minutes_past, now_index
from vaplanner.ui.widgets.key_bar import KeyBar
from vaplanner.ui.widgets.slot_list import SlotList

if TYPE_CHECKING:
    pass

#: DST alerts look this many days ahead (issue 6: three weeks).
ALERT_DAYS = 21
LEGEND = "● in hours  ◐ opens/closes within 30 min  ○ outside  ◌ day off · ruler: your day"
#: Seconds the cursor rests on a client before the slot finder searches for them.
SEARCH_DELAY = 0.12
SHORT_LEGEND = "● in  ◐ soon/closing  ○ out  ◌ day off"

CLOCK_BINDINGS: list[Binding] = [
    Binding(
        "space",
        "toggle_select",
        "select",
        id="clock-select",
        tooltip="Choose the highlighted client for the slot finder (again: leave them out). "
        "On your own row: search within your work hours or not.",
    ),
    Binding(
        "b",
        "book",
        "book",
        id="clock-book",
        tooltip="Book the highlighted slot as a meeting: the editor opens filled in, enter saves.",
    ),
    Binding(
        "m",
        "new_meeting",
        "meeting",
        id="clock-meeting",
        tooltip="A new meeting with the highlighted client.",
    ),
    Binding(
        "left_square_bracket",
        "day(-1)",
        "previous day",
        id="clock-day-prev",
        show=False,
        tooltip="Show the ruler for the day before (the slot finder starts there too).",
    ),
    Binding(
        "right_square_bracket",
        "day(1)",
        "next day",
        id="clock-day-next",
        show=False,
        tooltip="Show the ruler for the next day (the slot finder starts there too).",
    ),
    Binding("t", "today", "today", id="clock-today", show=False, tooltip="Back to today's ruler."),
]


def alert_label(meeting: Meeting, clients: dict[int, Client]) -> str:
    """How an alert names a meeting: its title, with the client's name when it lacks it."""
    client = clients.get(meeting.client_id) if meeting.client_id is not None else None
    if client is None or client.name.casefold() in meeting.title.casefold():
        return meeting.title
    return f"{meeting.title} with {client.name}"


def spans_text(intervals: Sequence[Interval], tz: str) -> str:
    """``09:00-17:00, 22:30-24:00`` on ``tz``'s clock (an end at the next midnight is 24:00)."""
    zone = get_zone(tz)
    parts = []
    for start, end in intervals:
        first, last = start.astimezone(zone), end.astimezone(zone)
        until = "24:00" if last.date() > first.date() and last.hour == last.minute == 0 else None
        parts.append(f"{first:%H:%M}-{until or f'{last:%H:%M}'}")
    return ", ".join(parts)


class WorldClockScreen(SlotFinder):
    """Mode ``clock``: clocks, rulers, DST alerts and the slot finder."""

    DEFAULT_CSS = """
    WorldClockScreen #clock-title { height: 1; background: $panel; color: $primary;
        text-style: bold; padding: 0 1; }
    WorldClockScreen #clock-pane { height: auto; max-height: 70%;
        border: round $panel-lighten-2; border-subtitle-color: $text-muted; padding: 0 1; }
    WorldClockScreen #clock-pane:focus-within { border: round $primary; }
    WorldClockScreen ClockTable { background: $background; }
    WorldClockScreen #their-hours { height: 1; color: $text-muted; }
    WorldClockScreen #clock-detail { height: auto; color: $text-muted; }
    WorldClockScreen #dst-alerts { height: auto; padding: 0 2; }
    WorldClockScreen #slot-pane { height: 1fr; min-height: 5;
        border: round $panel-lighten-2; border-title-color: $text; padding: 0 0; }
    WorldClockScreen #slot-pane:focus-within { border: round $primary; }
    WorldClockScreen #slot-controls { height: 1; padding: 0 1; }
    WorldClockScreen #slot-controls Label { color: $text-muted; margin-right: 1; }
    WorldClockScreen #slot-controls Input { width: 10; margin-right: 2; background: $boost; }
    WorldClockScreen #slot-controls Input:focus { background: $primary 20%; }
    WorldClockScreen #slot-status { color: $text-muted; width: 1fr; }
    """
    """A title line; the clocks pane (table, their hours, detail); DST alerts; the slot
    finder filling the rest (its length and days fields at the bottom)."""

    BINDINGS: ClassVar[list[BindingType]] = [*BACK_BINDINGS, *CLOCK_BINDINGS]
    """Back to the planner, slot selection and booking, the ruler's day."""

    def __init__(self) -> None:
        super().__init__()
        self.title = "world clock"
        self._minute: datetime | None = None
        #: The clock rows last drawn, as a rich table (tests and exports read it).
        self.table: Table | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="clock-title")
        with Vertical(id="clock-pane"):
            yield ClockTable(id="clocks")
            yield Static("", id="their-hours")
            yield Static("", id="clock-detail")
        yield Static("", id="dst-alerts")
        with Vertical(id="slot-pane"):
            yield SlotList(id="slots")
            with Horizontal(id="slot-controls"):
                yield Label("length")
                yield Input("30m", id="slot-length", compact=True)
                yield Label("days")
                yield Input(str(self.days), id="slot-days", compact=True, type="integer")
                yield Static("", id="slot-status")
        yield KeyBar()

    def on_mount(self) -> None:
        self.watch(self.vapp, "now", self._tick, init=False)
        self.watch(self.vapp, "data_version", lambda _v: self.reload(), init=False)
        self.reload()
        self.query_one(ClockTable).focus()

    # --- data ------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read clients and meetings again; busy times are read again when next needed."""
        app = self.vapp
        with app.store_lock:
            self.clients = list(app.store.clients.all())
            self.meetings = list(app.store.meetings.all())
        known = {c.id for c in self.clients}
        self.selected = [client_id for client_id in self.selected if client_id in known]
        self.forget_busy()
        self.refresh_all()

    def _tick(self, now: datetime) -> None:
        minute = now.replace(second=0, microsecond=0)
        if minute != self._minute:
            self.refresh_all()

    def on_resize(self) -> None:
        self.render_clocks()

    def refresh_all(self) -> None:
        """Everything that depends on the minute: clocks, alerts, slots."""
        self._minute = self.vapp.now.replace(second=0, microsecond=0)
        self.render_clocks()
        self.render_alerts()
        self.run_search()

    # --- the clocks ------------------------------------------------------------------------

    def render_clocks(self) -> None:
        """Draw the title, the table and the highlighted row's lines."""
        if not self.is_mounted:
            return
        now, home_tz = self.vapp.now, self.home_tz
        home = now.astimezone(get_zone(home_tz))
        day = self.ruler_day()
        ruler = "" if day == home.date() else f"  ·  ruler: {day:%a} {day.day} {day:%b}"
        self.query_one("#clock-title", Static).update(
            f"World clock · you: {home_tz} {home:%a} {home.day} {home:%b} {home:%H:%M} "
            f"{zone_label(home)}{ruler}"
        )
        theme = self.app.current_theme
        colors = client_colors(theme, [(c.id, c.color) for c in self.clients])
        entries = clock_entries(
            self.clients,
            self.vapp.settings,
            now,
            day,
            selected=self.selected,
            include_me=self.include_me,
            colors=colors,
            # Not the primary colour: that is the cursor's, and the cursor starts on this row
            # (the VA's own hours vanished under it).
            my_color=theme.foreground or "#c0c0c0",
        )
        width = (self.size.width or 120) - 5
        layout = choose_layout(width, len(entries[0].cells))
        styles = {
            "in": theme.success or "green",
            "ending": theme.warning or "yellow",
            "soon": theme.warning or "yellow",
            "out": "dim",
            "weekend": "dim",
        }
        self.query_one("#clock-pane").border_subtitle = LEGEND if width >= 100 else SHORT_LEGEND
        table = self.query_one(ClockTable)
        table.show(
            entries,
            layout,
            now=now,
            state_styles=styles,
            background=theme.background or "",
            now_color=theme.accent or theme.primary,
            max_height=max(4, (self.size.height or 40) // 2),
        )
        self.table = self._rich_table(entries)
        self.render_detail()

    @staticmethod
    def _rich_table(entries: Sequence[ClockEntry]) -> Table:
        table = Table(box=None, padding=(0, 1))
        for name in ("", "client", "zone", "local", "hours", "vs you", "DST"):
            table.add_column(name, no_wrap=True)
        for entry in entries:
            day = f"{entry.local:%a} " if entry.other_day else ""
            table.add_row(
                ("✓" if entry.selected else " ") + entry.hotkey,
                entry.name,
                entry.tz,
                f"{day}{entry.local:%H:%M} {zone_label(entry.local)}",
                STATE_WORDS[entry.state],
                entry.from_home,
                entry.next_change,
            )
        return table

    def render_detail(self) -> None:
        """The highlighted row's hours on its own clock, and a line about it."""
        table = self.query_one(ClockTable)
        entry = table.cursor_entry
        layout = table.layout_in_use
        hours = self.query_one("#their-hours", Static)
        detail = self.query_one("#clock-detail", Static)
        if entry is None or layout is None:
            hours.update("")
            detail.update("")
            return
        offset = table.ruler_offset()
        if layout.cell_width and entry.key != YOU:
            past = minutes_past(entry.cells)
            name = entry.name.split()[0][:12]
            prefix = f"{name}'s clock" + (f" (:{past:02d})" if past else "") + " "
            labels = label_line(
                entry.cells,
                width=layout.cell_width,
                clock="client",
                now_at=now_index(entry.cells, self.vapp.now),
                now_style="bold",
            )
            hours.update(Text(prefix.rjust(offset)[-offset:]) + labels)
        else:
            hours.update("")
        detail.update(self._detail_text(entry))

    def _detail_text(self, entry: ClockEntry) -> str:
        day = self.ruler_day()
        home_tz = self.home_tz
        start, end = day_bounds(day, home_tz)
        mine = windows_between(self.vapp.settings.work_hours, home_tz, start, end)
        when = "today" if day == self.today() else f"{day:%a} {day.day} {day:%b}"
        if entry.key == YOU:
            hours = spans_text(mine, home_tz) or "none"
            return f"Your work hours {when}: {hours}  ·  next DST change {entry.next_change}"
        client = next(c for c in self.clients if str(c.id) == entry.key)
        theirs = windows_between(client.hours, client.tz, start, end)
        shared = intersect(theirs, mine)
        offset = entry.local.strftime("%z")
        parts = [
            f"{client.name} · {client.tz} UTC{offset[:3]}:{offset[3:]} · "
            f"{STATE_WORDS[entry.state]} · DST {entry.next_change}",
            f"{when} on your clock: their hours {spans_text(theirs, home_tz) or 'none'}"
            + (f", shared with yours {spans_text(shared, home_tz)}" if shared else ""),
        ]
        return "\n".join(parts)

    @on(DataTable.RowHighlighted)
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.render_detail()
        if not self.selected:
            self.schedule_search(SEARCH_DELAY)  # the highlighted client is the search

    # --- DST alerts ------------------------------------------------------------------------

    def render_alerts(self) -> None:
        """Recurring meetings that move on the VA's clock in the next three weeks."""
        by_id = {c.id: c for c in self.clients}
        alerts = dst_alerts(
            self.meetings,
            self.home_tz,
            self.vapp.now,
            ALERT_DAYS,
            label=lambda m: alert_label(m, by_id),
        )
        widget = self.query_one("#dst-alerts", Static)
        if not alerts:
            widget.update(
                Text(
                    "No daylight-saving change moves a meeting on your clock in the next "
                    "three weeks.",
                    style="dim",
                )
            )
            return
        warning = self.app.current_theme.warning or "yellow"
        text = Text()
        for index, alert in enumerate(alerts):
            if index:
                text.append("\n")
            text.append("⚠ DST ", style=f"bold {warning}")
            text.append(alert.message)
        widget.update(text)

    # --- actions ---------------------------------------------------------------------------

    def action_new_meeting(self) -> None:
        """A new meeting with the highlighted client (or none), tomorrow at 09:00 there."""
        entry = self.query_one(ClockTable).cursor_entry
        client_id = entry.client_id if entry is not None else None
        tz = entry.tz if entry is not None else self.home_tz
        tomorrow = self.vapp.now.astimezone(get_zone(tz)).date() + timedelta(days=1)
        editor = MeetingEditor(
            clients=self.clients,
            home_tz=self.home_tz,
            today=self.today(),
            client_id=client_id,
            start=resolve_wall(datetime.combine(tomorrow, time(9)), tz)[0],
            zone="client" if client_id is not None else "home",
        )
        open_meeting_editor(cast("Screen[object]", self), editor)

    def action_day(self, delta: int) -> None:
        """Move the ruler (and the slot finder's first day) by ``delta`` days."""
        self.day = self.ruler_day() + timedelta(days=delta)
        if self.day == self.today():
            self.day = None
        self.render_clocks()
        self.run_search()

    def action_today(self) -> None:
        """Back to today."""
        self.day = None
        self.render_clocks()
        self.run_search()
