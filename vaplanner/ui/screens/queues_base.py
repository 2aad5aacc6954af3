"""State shared by the queues screen and its action mixins.

:class:`QueuesBase` holds what the queues mode shows (a :class:`~vaplanner.ui.queues_data.
QueuesData`), the selected client, the queue filter, whether dues show in the client's zone,
and the undo stack of task changes. :meth:`QueuesBase.write` is the one way this mode
changes data: one store transaction, errors shown as notifications, an undo record, then
``app.data_changed()`` so every screen reloads.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, TypeVar, cast

from textual.reactive import reactive
from textual.screen import Screen

from vaplanner.core.errors import VaplannerError
from vaplanner.core.models import Client
from vaplanner.core.task_lists import Batch, TaskFilter
from vaplanner.ui.queues_data import QueuesData
from vaplanner.ui.task_edits import Recorder, TaskUndo, run_change

if TYPE_CHECKING:
    from vaplanner.ui.app import VaplannerApp

T = TypeVar("T")

#: The queue filters ``f`` cycles through, in order.
FILTERS: tuple[tuple[str, TaskFilter], ...] = (
    ("open", TaskFilter()),
    ("todo", TaskFilter(statuses=("todo",))),
    ("doing", TaskFilter(statuses=("doing",))),
    ("waiting", TaskFilter(statuses=("waiting",))),
    ("review", TaskFilter(statuses=("review",))),
    ("delegated", TaskFilter(delegated=True)),
    ("overdue", TaskFilter(overdue=True)),
    ("out of scope", TaskFilter(out_of_scope=True)),
)

#: The views, in tab order: (pane id, tab label).
VIEWS: tuple[tuple[str, str], ...] = (
    ("queue", "Queue"),
    ("eisenhower", "Eisenhower"),
    ("batches", "Batches"),
    ("deadlines", "Deadlines"),
    ("checkins", "Check-ins"),
)


@dataclass(frozen=True)
class QueueFilter:
    """The queue view's filter: a preset (by index into :data:`FILTERS`) and a tag."""

    preset: int = 0
    tag: str | None = None

    @property
    def task_filter(self) -> TaskFilter:
        base = FILTERS[self.preset][1]
        return base if self.tag is None else base._replace(tag=self.tag)

    @property
    def label(self) -> str:
        name = FILTERS[self.preset][0]
        return f"{name} #{self.tag}" if self.tag else name

    @property
    def active(self) -> bool:
        return self.preset != 0 or self.tag is not None


class QueuesBase(Screen[None]):
    """The queues mode's state; see :class:`~vaplanner.ui.screens.queues.QueuesScreen`."""

    now: reactive[datetime] = reactive(datetime(2000, 1, 1, tzinfo=UTC), init=False)
    """The app's clock, handed down from ``VaplannerApp.now``."""

    def __init__(self) -> None:
        super().__init__()
        self.data: QueuesData | None = None
        self.selected_id: int | None = None
        self.queue_filter = QueueFilter()
        self.client_zone = False
        self.undo_stack = TaskUndo()

    @property
    def vapp(self) -> VaplannerApp:
        return cast("VaplannerApp", self.app)

    @property
    def home_tz(self) -> str:
        return self.vapp.settings.home_tz

    @property
    def selected_client(self) -> Client | None:
        return self.data.client(self.selected_id) if self.data is not None else None

    @property
    def view(self) -> str:
        """The active view's id (``queue``, ``eisenhower``, …); set by the screen."""
        return "queue"

    @property
    def view_ready(self) -> bool:
        """Whether the active view's widgets exist (views after the first are built when first
        shown, so for a moment they do not)."""
        return True

    def reload(self) -> None:
        """Read the data again and show it (implemented by the screen)."""

    def refresh_views(self) -> None:
        """Show the data in every view (implemented by the screen)."""

    def current_batch(self) -> Batch | None:
        """The highlighted batch of the batches view (implemented by a mixin)."""
        return None

    def answer_highlighted(self) -> None:
        """Mark the highlighted promised reply answered (implemented by a mixin)."""

    def clock(self) -> datetime:
        """The current instant for a write (the app's clock, not a stale tick)."""
        return self.vapp.clock()

    def write(self, what: str, label: str, body: Callable[[Recorder], T]) -> T | None:
        """Run one change in one transaction; push it on the undo stack and reload.

        Args:
            what: a few words for the error title ("Task not moved").
            label: what the change did, shown when it is undone ("done 'Invoice'").
            body: writes through the recorder (re-reading what it changes first).
        Returns:
            what ``body`` returned, or None when it failed (the error is shown).
        """
        app = self.vapp
        try:
            with app.store_lock:
                change, result = run_change(app.store, label, body)
        except VaplannerError as error:
            self.notify(str(error), title=what, severity="error", timeout=8)
            app.data_changed()  # what failed may have been changed elsewhere: show it
            return None
        self.undo_stack.push(change)
        app.data_changed()
        return result

    def client_name(self, client_id: int | None) -> str:
        client = self.data.client(client_id) if self.data is not None else None
        return client.name if client is not None else f"client {client_id}"
