"""The queues mode (``x``): every client's work in five views, all keyboard-driven.

* **Queue**: the selected client's open tasks (``1``-``9`` switch client), reordered with
  ``K``/``J`` or ``shift+up``/``shift+down``, filtered with ``f`` (status, delegated,
  overdue, out of scope) and ``/`` (a tag); dues in home time, ``z`` for the client's time.
* **Eisenhower**: open tasks of every client in four quadrants; ``shift`` + an arrow moves the
  highlighted task to the next quadrant.
* **Batches**: open tasks grouped by tag across clients; ``p`` places a whole batch on the
  plan as one block.
* **Deadlines**: every due in home time, overdue first, and the promised replies still owed.
* **Check-ins**: how long since each client's last check-in; ``c`` records one.

Everywhere: ``a`` adds a task, ``enter`` edits one, ``d`` marks it done (or a reply answered),
``>``/``<`` moves it along todo -> doing -> waiting -> review -> done, ``!`` and ``*`` toggle
urgent and important, ``t`` applies a template, ``e`` edits the client, ``u`` undoes,
``tab`` switches view. Keys and actions live in :mod:`vaplanner.ui.screens.queue_actions`
and :mod:`vaplanner.ui.screens.queue_more`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widget import Widget
from textual.widgets import DataTable, Static, TabbedContent, TabPane, Tabs

from vaplanner.core.hours import hours_state
from vaplanner.core.task_lists import eisenhower
from vaplanner.core.times import to_local
from vaplanner.ui.queues_data import load_queues
from vaplanner.ui.screens.queue_actions import QueueActions
from vaplanner.ui.screens.queue_bindings import QUEUES_BINDINGS
from vaplanner.ui.screens.queue_more import MoreActions
from vaplanner.ui.screens.queues_base import VIEWS
from vaplanner.ui.themes import client_colors
from vaplanner.ui.widgets.eisenhower import EisenhowerGrid
from vaplanner.ui.widgets.key_bar import KeyBar
from vaplanner.ui.widgets.queue_views import BatchesTab, CheckinsTab, DeadlinesTab, QueueTab
from vaplanner.ui.widgets.task_table import KeyTable, RowContext, TaskTable

#: The widget of each view after the first, built when the view is first shown.
_VIEW_WIDGETS: dict[str, Callable[[], Widget]] = {
    "eisenhower": lambda: EisenhowerGrid(id="eisenhower-grid"),
    "batches": lambda: BatchesTab(id="batches-tab"),
    "deadlines": lambda: DeadlinesTab(id="deadlines-tab"),
    "checkins": lambda: CheckinsTab(id="checkins-tab"),
}

_STATE_MARK = {"in": "● in hours", "soon": "◐ opens soon", "ending": "◐ closing soon"}


class QueuesScreen(QueueActions, MoreActions):
    """Queues, Eisenhower, batches, deadlines and check-ins (mode ``queues``)."""

    DEFAULT_CSS = """
    QueuesScreen #client-strip { height: 1; padding: 0 1; background: $panel; }
    QueuesScreen TabbedContent { height: 1fr; }
    QueuesScreen TabPane { padding: 0; height: 1fr; }
    QueuesScreen ContentSwitcher { height: 1fr; }
    """
    """A one-line client strip above the tabs, the key bar below."""

    BINDINGS: ClassVar[list[BindingType]] = [*QUEUES_BINDINGS]
    """See :data:`vaplanner.ui.screens.queue_bindings.QUEUES_BINDINGS`."""

    TITLE = "queues"

    def __init__(self) -> None:
        super().__init__()
        self._loaded_version = -1
        self._minute: datetime | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="client-strip")
        with TabbedContent(id="views", initial="queue"):
            with TabPane("Queue", id="queue"):
                yield QueueTab(id="queue-tab")
            # the other views are built the first time they are shown (a quicker first open)
            for view, label in VIEWS[1:]:
                yield TabPane(label, id=view)
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = "queues"
        self.query_one(Tabs).can_focus = False  # tab switches views; focus stays on the list
        app = self.vapp
        self.set_reactive(QueuesScreen.now, app.now)
        self.watch(app, "now", self._tick, init=False)
        self.watch(app, "data_version", self._data_changed, init=False)
        self._take_planner_selection()
        self.reload()
        self.call_after_refresh(self.focus_view)

    def on_resize(self, event: events.Resize) -> None:
        if self.data is not None:
            self._show_strip(self.context())

    def on_screen_resume(self) -> None:
        self._take_planner_selection()
        if self._loaded_version != self.vapp.data_version:
            self.reload()
        else:
            self.refresh_views()

    def _take_planner_selection(self) -> None:
        planner = self.vapp.planner
        if planner is not None and planner.selected_id is not None:
            self.selected_id = planner.selected_id

    # --- data --------------------------------------------------------------------------------

    @property
    def view(self) -> str:
        active = self.query_one("#views", TabbedContent).active
        return active or "queue"

    @property
    def view_ready(self) -> bool:
        return bool(self.query_one(f"#{self.view}", TabPane).children)

    def reload(self) -> None:
        app = self.vapp
        with app.store_lock:
            self.data = load_queues(app.store, self.now)
        self._loaded_version = app.data_version
        data = self.data
        if self.selected_client is None:
            self.selected_id = data.clients[0].id if data.clients else None
        self.refresh_views()

    def _data_changed(self, _version: int) -> None:
        if self.is_current:
            self.reload()

    def _tick(self, now: datetime) -> None:
        self.now = now
        minute = now.replace(second=0, microsecond=0)
        if minute != self._minute and self.is_current:
            self._minute = minute
            self.refresh_views()

    def context(self) -> RowContext:
        """What rows need: the clock, the zones, clients and their colours."""
        data = self.data
        clients = data.clients if data is not None else ()
        colors = client_colors(self.app.current_theme, [(c.id, c.color) for c in clients])
        return RowContext(
            now=self.now,
            home_tz=self.home_tz,
            clients=data.by_id if data is not None else {},
            colors=colors,
            client_zone=self.client_zone,
        )

    def refresh_views(self) -> None:
        """Show the data in the client strip and the active view."""
        if self.data is None:
            return
        ctx = self.context()
        self._show_strip(ctx)
        if not self.view_ready:
            return
        view = self.view
        if view == "queue":
            self._show_queue(ctx)
        elif view == "eisenhower":
            self.query_one(EisenhowerGrid).show(eisenhower(self.data.tasks), ctx)
        elif view == "batches":
            self._show_batches(ctx)
        elif view == "deadlines":
            self.query_one(DeadlinesTab).show(
                self.data.deadlines(self.home_tz, self.now), self.data.requests, ctx
            )
        elif view == "checkins":
            self._show_checkins(ctx)

    def _show_strip(self, ctx: RowContext) -> None:
        """Hotkeys and names of the clients, then the selected client's local time; names
        shorten (then vanish, keys staying) when the terminal is narrow."""
        data = self.data
        if data is None:
            return
        long_info, short_info = Text(), Text()
        chosen_client = self.selected_client
        if chosen_client is not None:
            tz = chosen_client.tz
            local = to_local(self.now, tz)
            city = tz.rsplit("/", 1)[-1].replace("_", " ")
            state = hours_state(chosen_client.hours, tz, self.now)
            mark = _STATE_MARK.get(state, "○ outside hours" if state == "out" else "○ day off")
            long_info.append(f" │ {city} {local:%a %H:%M} {mark}", style="dim")
            short_info.append(f" │ {city} {local:%H:%M} {mark[0]}", style="dim")
        width = max(self.size.width - 2, 20)
        for form, info in (
            ("name", long_info),
            ("short", long_info),
            ("short", short_info),
            ("key", short_info),
        ):
            strip = self._strip_names(ctx, form)
            if strip.cell_len + info.cell_len <= width:
                break
        self.query_one("#client-strip", Static).update(strip + info)

    def _strip_names(self, ctx: RowContext, form: str) -> Text:
        strip = Text()
        for client in self.data.clients if self.data is not None else ():
            if client.key is None:
                continue
            chosen = client.id == self.selected_id
            color = ctx.colors.get(client.id, "")
            strip.append(f" {client.key}", style=Style(bold=chosen, dim=not chosen))
            if form == "key" and not chosen:
                continue
            name = client.name if form == "name" else client.short
            strip.append(" ")
            strip.append(name, style=Style(color=color, bold=chosen, reverse=chosen))
            strip.append(" ")
        return strip

    def _show_queue(self, ctx: RowContext) -> None:
        data, client = self.data, self.selected_client
        tab = self.query_one(QueueTab)
        if data is None or client is None:
            tab.show(Text("no client yet: add one on the planner (c)"), [], ctx, "no client")
            tab.show_detail(None, ctx)
            return
        tasks = data.queue(client.id, self.queue_filter.task_filter, self.now)
        total = data.queue_size(client.id)
        title = Text(f"{client.name} · ", style="bold")
        shown = f"{len(tasks)} of {total}" if self.queue_filter.active else f"{total}"
        title.append(f"{shown} open")
        if self.queue_filter.active:
            title.append(f" · filter: {self.queue_filter.label} (f next, / tag)", style="dim")
        if self.client_zone:
            title.append(f" · dues in {client.name}'s time (z)", style="dim")
        empty = "nothing matches this filter" if self.queue_filter.active else "nothing open"
        tab.show(title, tasks, ctx, f"{empty}: a adds a task, t applies a template")
        tab.show_detail(data.task(tab.table.selected_task_id), ctx)

    def _show_batches(self, ctx: RowContext) -> None:
        data = self.data
        if data is None:
            return
        tab = self.query_one(BatchesTab)
        found = data.batches()
        tab.show_batches(found)
        tab.show_tasks(self.current_batch(), ctx, self.vapp.settings.buffer_minutes)

    def _show_checkins(self, ctx: RowContext) -> None:
        data = self.data
        if data is None:
            return
        tab = self.query_one(CheckinsTab)
        counts: dict[int, int] = {}
        for item in data.checkins:
            counts[item.client_id] = counts.get(item.client_id, 0) + 1
        tab.show(data.clients, data.last_checkins(), counts, ctx)
        table = tab.query_one("#checkin-table", KeyTable)
        if self.selected_id is not None and table.selected_key != f"client-{self.selected_id}":
            table.select_key(f"client-{self.selected_id}")
        client = self.selected_client
        tab.show_history(client, data.checkins_of(client.id) if client else [], self.home_tz)

    # --- views and focus ---------------------------------------------------------------------

    def focus_view(self) -> None:
        """Focus the main list of the active view."""
        targets = {
            "queue": "#queue-table",
            "eisenhower": "#quad-do",
            "batches": "#batch-list",
            "deadlines": "#deadline-table",
            "checkins": "#checkin-table",
        }
        view = self.view
        if not self.view_ready:
            return
        if view == "eisenhower":
            grid = self.query_one(EisenhowerGrid)
            grid.focus_quadrant(grid.current)
            return
        self.query_one(targets[view]).focus()

    async def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        pane = event.pane
        if not pane.children and pane.id in _VIEW_WIDGETS:
            await pane.mount(_VIEW_WIDGETS[pane.id]())
        self.refresh_views()
        self.focus_view()
        self.refresh_bindings()

    def action_switch_view(self, step: int) -> None:
        """The next (or previous) view."""
        ids = [view for view, _ in VIEWS]
        index = ids.index(self.view) if self.view in ids else 0
        self.query_one("#views", TabbedContent).active = ids[(index + step) % len(ids)]

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        table = event.data_table
        if self.data is None:
            return
        if table.id == "queue-table" and isinstance(table, TaskTable):
            self.query_one(QueueTab).show_detail(
                self.data.task(table.selected_task_id), self.context()
            )
        elif table.id == "batch-list":
            self.query_one(BatchesTab).show_tasks(
                self.current_batch(), self.context(), self.vapp.settings.buffer_minutes
            )
        elif table.id == "checkin-table" and isinstance(table, KeyTable):
            key = table.selected_key
            if key is not None and key.startswith("client-"):
                self.selected_id = int(key.removeprefix("client-"))
                client = self.selected_client
                self.query_one(CheckinsTab).show_history(
                    client, self.data.checkins_of(self.selected_id), self.home_tz
                )
                self._show_strip(self.context())

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        table = event.data_table
        event.stop()
        if isinstance(table, TaskTable):
            self.edit_task(table.selected_task_id)
        elif table.id == "batch-list":
            self.query_one("#batch-tasks").focus()
        elif table.id == "checkin-table":
            self.action_checkin()

    def on_key_table_edge_reached(self, event: KeyTable.EdgeReached) -> None:
        pairs = {
            ("batch-list", "right"): "#batch-tasks",
            ("batch-tasks", "left"): "#batch-list",
            ("deadline-table", "down"): "#reply-table",
            ("reply-table", "up"): "#deadline-table",
        }
        target = pairs.get((event.table.id or "", event.direction))
        if target is not None:
            event.stop()
            self.query_one(target).focus()

    def on_eisenhower_grid_quadrant_chosen(self, event: EisenhowerGrid.QuadrantChosen) -> None:
        self.move_to_quadrant(event.task_id, event.quadrant)
