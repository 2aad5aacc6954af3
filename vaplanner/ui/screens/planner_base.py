"""State shared by the planner screen and its action mixins.

:class:`PlannerBase` holds what the planner shows (the :class:`~vaplanner.ui.board.Board`, the
day, the selected client, the day plan at the current minute) and the two helpers every
action uses: :meth:`write` (one store change, errors shown as notifications, then a reload)
and :meth:`refresh_view` (hand the data down to the widgets).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, TypeVar, cast

from textual.reactive import reactive
from textual.screen import Screen

from vaplanner.core.errors import VaplannerError
from vaplanner.core.planner import DayPlan, PlanItem
from vaplanner.ui.board import Board
from vaplanner.ui.edits import UndoStack
from vaplanner.ui.widgets.day_grid import DayGrid

if TYPE_CHECKING:
    from vaplanner.ui.app import VaplannerApp

T = TypeVar("T")


class PlannerBase(Screen[None]):
    """The planner's state; see :class:`~vaplanner.ui.screens.main.MainScreen`."""

    now: reactive[datetime] = reactive(datetime(2000, 1, 1, tzinfo=UTC), init=False)
    """The app's clock, handed down from ``VaplannerApp.now``."""

    def __init__(self) -> None:
        super().__init__()
        self.board: Board | None = None
        self.plan: DayPlan | None = None
        self.day: date = date(2000, 1, 1)
        self.selected_id: int | None = None
        self.undo_stack = UndoStack()
        self._plan_minute: datetime | None = None
        self._loading = False
        self._styled_at_mount = False  # see MainScreen.update_node_styles

    @property
    def vapp(self) -> VaplannerApp:
        return cast("VaplannerApp", self.app)

    @property
    def grid(self) -> DayGrid:
        return self.query_one("#grid", DayGrid)

    @property
    def home_tz(self) -> str:
        return self.vapp.settings.home_tz

    def refresh_view(self) -> None:
        """Push the board and plan to the widgets (implemented by the screen)."""

    def reload(self) -> None:
        """Read the board again (implemented by the screen)."""

    def write(self, what: str, change: Callable[[], T]) -> T | None:
        """Run one store change; on an error a person can act on, show it and return None.

        Args:
            what: a few words for the notification title ("Block not moved").
            change: the function that writes (it opens its own transaction).
        """
        try:
            with self.vapp.store_lock:
                result = change()
        except VaplannerError as error:
            self.notify(str(error), title=what, severity="error", timeout=8)
            return None
        self.vapp.data_changed()
        return result

    def edit_meeting(self, item: PlanItem) -> None:
        """Open a meeting of the grid (implemented by the meeting mixin)."""

    def client_name(self, client_id: int | None) -> str:
        board = self.board
        if board is None or client_id is None:
            return ""
        return board.names.get(client_id, f"client {client_id}")


if TYPE_CHECKING:
    PlannerMixin = PlannerBase
else:
    # The action mixins are plain classes at run time: Textual builds its tables (bindings,
    # reactives, handlers, CSS names) for every Screen subclass as it is created (~0.3 ms
    # each at start-up), and the mixins need none of them: MainScreen, a PlannerBase, gets
    # them all. So a mixin holds actions and helpers only; BINDINGS, CSS and ``@on``
    # handlers belong on MainScreen. mypy checks each mixin as the screen it is mixed into.
    PlannerMixin = object
