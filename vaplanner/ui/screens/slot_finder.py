"""The slot finder of the world clock, and the state the world clock screen keeps.

:class:`ClockBase` holds what the world clock shows (clients, meetings, the ruler's day) and
the slot finder's choices (the chosen clients, whether to stay within the VA's work hours,
the length and the number of days). :class:`SlotFinder` finds the slots
(:func:`vaplanner.core.worldclock.find_slots`, leaving out meeting occurrences and blocks,
which a worker reads off the UI thread once per search range and data change) and books the
highlighted one through the meeting editor.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on, work
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static

from vaplanner.core.errors import VaplannerError
from vaplanner.core.hours import Interval
from vaplanner.core.models import Client, Meeting
from vaplanner.core.recur import occurrences_many
from vaplanner.core.times import day_bounds, get_zone, parse_duration
from vaplanner.core.worldclock import find_slots
from vaplanner.ui.screens.meeting_editor import MeetingEditor, open_meeting_editor
from vaplanner.ui.themes import client_colors
from vaplanner.ui.widgets.clock_table import ClockTable
from vaplanner.ui.widgets.slot_list import SlotList, SlotView

if TYPE_CHECKING:
    from vaplanner.ui.app import VaplannerApp

DEFAULT_SLOT_DAYS = 14
MAX_SLOT_DAYS = 62


class ClockBase(Screen[None]):
    """State shared by the world clock and its slot finder."""

    def __init__(self) -> None:
        super().__init__()
        self.clients: list[Client] = []
        self.meetings: list[Meeting] = []
        self.selected: list[int] = []  # client ids, in the order they were chosen
        self.include_me = True  # stay within the VA's own work hours
        self.length = 30
        self.days = DEFAULT_SLOT_DAYS
        self.day: date | None = None  # the ruler's home day; None: today
        self._busy: dict[tuple[date, int], list[Interval]] = {}
        self._busy_version = 0
        self._search_timer: Timer | None = None

    @property
    def vapp(self) -> VaplannerApp:
        return cast("VaplannerApp", self.app)

    @property
    def home_tz(self) -> str:
        return self.vapp.settings.home_tz

    def today(self) -> date:
        return self.vapp.now.astimezone(get_zone(self.home_tz)).date()

    def ruler_day(self) -> date:
        return self.day or self.today()

    def render_clocks(self) -> None:
        """Draw the clocks (implemented by the screen)."""

    def forget_busy(self) -> None:
        """Busy times are read again when next needed (after a data change)."""
        self._busy.clear()
        self._busy_version += 1


class SlotFinder(ClockBase):
    """Choosing clients, finding shared slots, booking one."""

    # --- slot finder -----------------------------------------------------------------------

    def search_clients(self) -> list[Client]:
        """The chosen clients; none chosen: the highlighted one (if it is a client)."""
        by_id = {c.id: c for c in self.clients}
        if self.selected:
            return [by_id[i] for i in self.selected if i in by_id]
        entry = self.query_one(ClockTable).cursor_entry
        if entry is None or entry.client_id is None:
            return []
        found = by_id.get(entry.client_id)
        return [found] if found else []

    def search_start(self) -> date:
        return max(self.ruler_day(), self.today())

    def run_search(self) -> None:
        """Find slots for the current choice (busy times come from a worker, once)."""
        if not self.is_mounted:
            return
        self.cancel_pending_search()
        slots = self.query_one(SlotList)
        clients = self.search_clients()
        pane = self.query_one("#slot-pane")
        first = self.search_start()
        # Read busy times as soon as the screen shows, so a search never waits for them.
        busy = self._busy.get((first, self.days))
        if busy is None:
            self._load_busy(first, self.days, self._busy_version)
        if not clients:
            pane.border_title = "Slot finder"
            slots.show(
                None,
                "Move the cursor to a client (↓) to see times to meet them; space picks "
                "several clients for one meeting.",
            )
            return
        names = " + ".join(c.name for c in clients)
        mine = "within your work hours" if self.include_me else "any time that suits them"
        pane.border_title = f"Slots with {names} · {mine}"
        if busy is None:
            self.query_one("#slot-status", Static).update("reading meetings and blocks…")
            return
        search = find_slots(
            [(c.hours, c.tz) for c in clients],
            work_hours=self.vapp.settings.work_hours,
            home_tz=self.home_tz,
            first_day=first,
            days=self.days,
            duration_minutes=self.length,
            busy=busy,
            only_clients=not self.include_me,
            not_before=self.vapp.now,
        )
        colors = client_colors(self.app.current_theme, [(c.id, c.color) for c in self.clients])
        view = SlotView(search, tuple(clients), self.home_tz, colors)
        hint = "No shared hours in these days."
        if self.include_me:
            hint += " Press space on your own row to look beyond your work hours."
        slots.show(view, hint)
        found = len(search.slots)
        self.query_one("#slot-status", Static).update(
            f"from {first:%a} {first.day} {first:%b} · {found} free"
            + (" · b books" if found else "")
        )

    @work(thread=True, exclusive=True, group="busy")
    def _load_busy(self, first: date, days: int, version: int) -> None:
        """Meeting occurrences and blocks over the search days (read off the UI thread)."""
        app = self.vapp
        start = day_bounds(first, self.home_tz)[0]
        end = day_bounds(first + timedelta(days=days - 1), self.home_tz)[1]
        with app.store_lock:
            meetings = app.store.meetings.all()
            blocks = app.store.blocks.between(start, end)
        busy = [(o.start, o.end) for o in occurrences_many(meetings, start, end)]
        busy += [(b.start, b.end) for b in blocks]
        app.call_from_thread(self._busy_loaded, (first, days), busy, version)

    def _busy_loaded(self, key: tuple[date, int], busy: list[Interval], version: int) -> None:
        if version != self._busy_version:
            return  # the data changed while we read; a newer read is on its way
        self._busy[key] = busy
        self.run_search()

    @on(Input.Changed, "#slot-length")
    def _length_changed(self, event: Input.Changed) -> None:
        try:
            minutes = parse_duration(event.value)
        except VaplannerError as error:
            self.query_one("#slot-status", Static).update(Text(str(error), style="italic"))
            return
        if minutes != self.length and 0 < minutes <= 12 * 60:
            self.length = minutes
            self.run_search()

    @on(Input.Changed, "#slot-days")
    def _days_changed(self, event: Input.Changed) -> None:
        try:
            days = int(event.value)
        except ValueError:
            return
        if days != self.days and 1 <= days <= MAX_SLOT_DAYS:
            self.days = days
            self.run_search()

    @on(Input.Submitted)
    def _input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one(SlotList).focus()

    @on(OptionList.OptionSelected, "#slots")
    def _slot_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_book()

    # --- actions ---------------------------------------------------------------------------

    def action_toggle_select(self) -> None:
        """Choose or drop the highlighted client; on the VA's row, toggle the work hours."""
        entry = self.query_one(ClockTable).cursor_entry
        if entry is None:
            return
        if entry.client_id is None:
            self.include_me = not self.include_me
        elif entry.client_id in self.selected:
            self.selected.remove(entry.client_id)
        else:
            self.selected.append(entry.client_id)
        self.render_clocks()
        self.run_search()

    def schedule_search(self, delay: float) -> None:
        """Search once the cursor has rested ``delay`` seconds (holding an arrow key down
        never queues a search per row)."""
        self.cancel_pending_search()
        self._search_timer = self.set_timer(delay, self.run_search)

    def cancel_pending_search(self) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
            self._search_timer = None

    def action_book(self) -> None:
        """Open the meeting editor on the highlighted slot."""
        if self._search_timer is not None:
            self.run_search()  # the cursor just moved: book from its client's slots
        slot = self.query_one(SlotList).highlighted_slot
        clients = self.search_clients()
        if slot is None or not clients:
            self.notify("no slot to book; choose clients and highlight a slot", timeout=3)
            return
        names = " + ".join(c.name for c in clients)
        editor = MeetingEditor(
            clients=self.clients,
            home_tz=self.home_tz,
            today=self.today(),
            client_id=clients[0].id,
            start=slot[0],
            zone="client",
            duration_minutes=int((slot[1] - slot[0]).total_seconds()) // 60,
            title=f"Call with {names}",
            heading="Book a meeting",
        )
        open_meeting_editor(cast("Screen[object]", self), editor)
