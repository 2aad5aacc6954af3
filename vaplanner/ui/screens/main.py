"""The planner: clients on the left, the day grid in the middle, the queue on the right.

The screen reads a :class:`~vaplanner.ui.board.Board` from the store when it opens, when the
data changed (``app.data_version``) and when the day changes (in a worker, so an old month
never freezes the screen). Between those, switching client and moving the cursor work from
memory. The clock comes from ``app.now`` and is handed to the widgets with ``data_bind``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import ClassVar

from textual import events, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical

from vaplanner.core.models import Client
from vaplanner.core.times import parse_date
from vaplanner.ui.bindings import MAIN_BINDINGS
from vaplanner.ui.board import DayData, home_today, load_board, read_day
from vaplanner.ui.screens.planner_base import PlannerBase
from vaplanner.ui.screens.planner_blocks import BlockActions
from vaplanner.ui.screens.planner_meetings import MeetingActions
from vaplanner.ui.screens.planner_timer import TimerActions
from vaplanner.ui.screens.planner_transfer import TransferActions
from vaplanner.ui.themes import client_colors
from vaplanner.ui.widgets.client_list import ClientLine, ClientList
from vaplanner.ui.widgets.day_grid import DayGrid
from vaplanner.ui.widgets.key_bar import KeyBar
from vaplanner.ui.widgets.planner_header import HeaderInfo, PlannerHeader
from vaplanner.ui.widgets.queue_panel import QueuePanel, QueueView


class MainScreen(BlockActions, MeetingActions, TimerActions, TransferActions, PlannerBase):
    """The day planner (mode ``planner``)."""

    AUTO_FOCUS = "#grid"
    BINDINGS: ClassVar[list[BindingType]] = [*MAIN_BINDINGS]
    """Client hotkeys, timer, day navigation and block keys; see ``vaplanner.ui.bindings``."""

    def compose(self) -> ComposeResult:
        app = self.vapp
        # The widgets bound to ``now`` start from the app's clock, not from a placeholder that
        # on_mount replaces (each would build its lines twice before the first frame).
        self.set_reactive(MainScreen.now, app.now)
        self.day = home_today(app.settings, self.now)
        # Read before any widget exists: a widget that reads the store at mount (in a worker)
        # would otherwise hold the store's lock while the first screen waits for its data.
        self._read_board()
        # The columns for this terminal before the first layout (on_resize comes after the
        # first frame: at 80 or 200 columns that frame was laid out, styled and drawn twice).
        self._fit_width(app.size.width)
        yield PlannerHeader(id="header").data_bind(MainScreen.now)
        with Horizontal(id="body"):
            with Vertical(id="clients-pane") as clients_pane:
                clients_pane.border_title = "Clients"
                yield ClientList(id="clients").data_bind(MainScreen.now)
            grid = DayGrid(id="grid")
            grid.border_title = "Plan"
            yield grid.data_bind(MainScreen.now)
            yield QueuePanel(id="queue-pane").data_bind(MainScreen.now)
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        # Textual resumes a mode's new screen by styling every widget again, moments after
        # mounting styled them; nothing changed in between (see update_node_styles).
        self._styled_at_mount = True
        # Textual's toast rack is hidden by its CSS, and the notification check that follows
        # the first frame sets the same as an inline style: a change of style, so a layout
        # pass of the whole screen that moves nothing. Set now, that check changes nothing.
        for rack in self.query("ToastRack"):
            rack.display = False
        self.vapp.planner = self
        self.now = self.vapp.now
        self.watch(self.vapp, "now", self._tick, init=False)
        self.watch(self.vapp, "data_version", self._data_changed, init=False)
        self.refresh_view()
        self.grid.move_cursor_to(self._start_instant())
        if self.board is not None and not self.board.clients:
            self.call_after_refresh(self.show_welcome)
        else:
            self.check_pomodoro()
            self.call_after_refresh(self.check_forgotten)

    def update_node_styles(self, animate: bool = True) -> None:
        """Restyle the screen, except the first ScreenResume's pass right after the mount
        (~6 ms of start-up); every later resume (back from another mode) restyles."""
        if self._styled_at_mount and not animate:
            self._styled_at_mount = False
            return
        self._styled_at_mount = False
        super().update_node_styles(animate)

    def on_resize(self, event: events.Resize) -> None:
        self._fit_width(event.size.width)

    def _fit_width(self, width: int) -> None:
        """The layout classes for a terminal ``width`` columns wide (app.tcss)."""
        self.set_class(width >= 160, "-wide")
        self.set_class(width < 120, "-narrow")
        self.set_class(width < 100, "-tiny")

    # --- data --------------------------------------------------------------------------------

    def reload(self, day_data: DayData | None = None) -> None:
        """Read the board for ``self.day`` (the day's records may come from a worker) and show
        it."""
        self._read_board(day_data)
        self.refresh_view()

    def _read_board(self, day_data: DayData | None = None) -> None:
        app = self.vapp
        with app.store_lock:
            self.board = load_board(app.store, app.settings, self.day, self.now, day_data=day_data)
        if self.selected_id is None or self.board.client(self.selected_id) is None:
            first = self.board.clients[0] if self.board.clients else None
            timer = self.board.timer
            self.selected_id = (
                timer.client_id if timer is not None else (first.id if first else None)
            )
        self._plan_minute = None

    def _data_changed(self, _version: int) -> None:
        self.reload()

    def _tick(self, now: datetime) -> None:
        self.now = now
        minute = now.replace(second=0, microsecond=0)
        if minute != self._plan_minute:
            self.refresh_view()
            self.check_forgotten()
        self.check_pomodoro()

    def refresh_view(self) -> None:
        """Hand the board, the plan at this minute and the selection to the widgets."""
        board = self.board
        if board is None:
            return
        self._plan_minute = self.now.replace(second=0, microsecond=0)
        self.plan = board.plan(self.now)
        colors = client_colors(self.app.current_theme, [(c.id, c.color) for c in board.clients])
        grid = self.grid
        grid.clients = board.clients
        grid.client_colors = colors
        grid.plan = self.plan
        timer = board.timer
        self.query_one(ClientList).lines = tuple(
            ClientLine(
                client=client,
                color=colors.get(client.id, ""),
                running=timer is not None and timer.client_id == client.id,
                alerts=board.promises[client.id].overdue if client.id in board.promises else 0,
            )
            for client in board.clients
        )
        self._show_selection()
        self._show_header(colors)

    def _show_selection(self) -> None:
        board = self.board
        if board is None:
            return
        self.query_one(ClientList).selected = self.selected_id
        client = board.client(self.selected_id)
        placed = frozenset(
            item.block.task_id
            for item in (self.plan.items if self.plan else ())
            if item.block is not None and item.block.task_id is not None
        )
        timer = board.timer
        self.query_one(QueuePanel).view = QueueView(
            client=client,
            tasks=board.tasks.get(client.id, ()) if client else (),
            home_tz=self.home_tz,
            running_task_id=timer.task_id if timer is not None else None,
            placed_task_ids=placed,
        )
        pane = self.query_one("#queue-pane")
        count = len(board.tasks.get(client.id, ())) if client else 0
        pane.border_title = f"{client.name} · queue ({count})" if client else "Queue"

    def _show_header(self, colors: dict[int, str]) -> None:
        board, plan = self.board, self.plan
        if board is None or plan is None:
            return
        timer = board.timer
        task = board.task(timer.task_id) if timer is not None else None
        self.query_one(PlannerHeader).info = HeaderInfo(
            day=self.day,
            home_tz=self.home_tz,
            timer=timer,
            timer_client=self.client_name(timer.client_id) if timer else "",
            timer_color=colors.get(timer.client_id, "") if timer else "",
            timer_task=task.title if task else "",
            pomodoro=self.current_phase(),
            planned_minutes=plan.planned_minutes,
            tracked_minutes=plan.tracked_minutes,
            capacity_minutes=plan.work_minutes,
            demo=self.vapp.demo,
        )

    def _start_instant(self) -> datetime:
        """Where the cursor starts on a day: now on today, else the start of work."""
        plan = self.plan
        if plan is None:
            return self.now
        if plan.is_today:
            return self.now
        working = [row for row in plan.rows if row.working]
        return working[0].start if working else plan.start

    # --- clients -----------------------------------------------------------------------------

    def select_client(self, client_id: int) -> None:
        """Make ``client_id`` the selected client (queue and timer target)."""
        if self.board is None or self.board.client(client_id) is None:
            return
        self.selected_id = client_id
        self._show_selection()

    def action_select_slot(self, slot: int) -> None:
        """The client with hotkey ``slot`` (or the slot-th client when hotkeys are unset)."""
        board = self.board
        if board is None:
            return
        client = board.by_key(str(slot))
        if client is None and 0 < slot <= len(board.clients):
            candidate = board.clients[slot - 1]
            client = candidate if candidate.key is None else None
        if client is None:
            self.notify(f"no client has hotkey {slot}", severity="warning", timeout=2)
            return
        self.select_client(client.id)

    def on_client_list_client_clicked(self, event: ClientList.ClientClicked) -> None:
        self.select_client(event.client_id)

    def action_toggle_due_zone(self) -> None:
        """Show dues in the client's zone or in home time."""
        queue = self.query_one(QueuePanel)
        queue.client_zone = not queue.client_zone

    def action_add_client(self) -> None:
        """The client form; the new client is selected."""
        self.add_client()

    def add_client(self, on_cancel: Callable[[], object] | None = None) -> None:
        """Open the client form; ``on_cancel`` runs when it is closed without saving."""
        from vaplanner.ui.screens.client_editor import ClientEditor

        board = self.board
        clients = board.clients if board else ()
        store = self.vapp.store

        def save(client: Client) -> Client:
            with self.vapp.store_lock:
                saved = store.clients.add(replace(client, created=self.vapp.clock()))
            return saved

        def done(client: Client | None) -> None:
            if client is None:
                if on_cancel is not None:
                    on_cancel()
                return
            self.vapp.data_changed()
            self.select_client(client.id)
            key = f"; press {client.key} to select it" if client.key else ""
            self.notify(f"{client.name} added{key}", title="Client")

        editor = ClientEditor(
            save,
            clients=clients,
            now=self.now,
            home_tz=self.home_tz,
            currency=self.vapp.settings.currency,
            brief=True,
        )
        self.app.push_screen(editor, done)

    def show_welcome(self) -> None:
        """The first-run screen; it comes back until a client exists."""
        from vaplanner.ui.screens.welcome import WelcomeScreen

        app = self.vapp
        screen = WelcomeScreen(home_tz=self.home_tz, data_dir=app.data_label)
        self.app.push_screen(screen, self._welcome_choice)

    def _welcome_choice(self, choice: str | None) -> None:
        # "loaded": the welcome screen wrote the sample itself; None: it was closed.
        if choice == "client":
            self.add_client(on_cancel=self.show_welcome)

    # --- days --------------------------------------------------------------------------------

    def action_day(self, delta: int) -> None:
        """Show the day before or after."""
        self.show_day(self.day + timedelta(days=delta))

    def action_today(self) -> None:
        """Back to today, cursor on now."""
        self.show_day(home_today(self.vapp.settings, self.now), cursor_now=True)

    def action_go_to_date(self) -> None:
        """Ask for a date and show it."""
        from vaplanner.ui.screens.prompt import PromptScreen

        today = home_today(self.vapp.settings, self.now)
        self.app.push_screen(
            PromptScreen[date](
                "Go to date",
                "2026-12-01, 1 Dec, tomorrow, fri, +3d, -2w",
                lambda text: parse_date(text, today=today),
                placeholder="a date",
            ),
            lambda day: self.show_day(day) if day is not None else None,
        )

    def show_day(self, day: date, *, cursor_now: bool = False) -> None:
        """Switch the grid to ``day``; its records are read in a worker (an old month may
        take a moment: the header says so if it does)."""
        self.day = day
        self._load_day(day, cursor_now)
        label = f"loading {day:%a} {day.day} {day:%b}…"
        self.set_timer(
            0.15, lambda: self.set_busy(label) if self.day == day and self._loading else None
        )

    @work(thread=True, exclusive=True, group="day")
    def _load_day(self, day: date, cursor_now: bool) -> None:
        self._loading = True
        app = self.vapp
        with app.store_lock:
            data = read_day(app.store, app.settings, day)
        self.app.call_from_thread(self._day_loaded, data, cursor_now)

    def _day_loaded(self, data: DayData, cursor_now: bool) -> None:
        if data.day != self.day:
            return
        self._loading = False
        self.set_busy("")
        cursor = self.grid.cursor_time
        self.reload(day_data=data)
        if cursor_now or cursor is None:
            self.grid.move_cursor_to(self._start_instant())
        else:
            # Keep the cursor on the same wall time on the new day.
            old = cursor.astimezone(self.plan.rows[0].local.tzinfo) if self.plan else cursor
            self.grid.move_cursor_to(self._same_wall_time(old))

    def _same_wall_time(self, old: datetime) -> datetime:
        plan = self.plan
        if plan is None:
            return old
        for row in plan.rows:
            if (row.local.hour, row.local.minute) == (old.hour, old.minute):
                return row.start
        return self._start_instant()
