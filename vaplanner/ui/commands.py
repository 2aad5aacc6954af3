"""Command palette (``ctrl+p``) providers.

:class:`PlannerCommands` offers, by fuzzy search: switch to a client, start a timer for a
client, stop the timer, go to a date, add a client, open a mode, and what the app's system
commands add (theme, quit). The commands call the planner screen's public methods, switching
to the planner first when the palette was opened in another mode.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from vaplanner.ui.modes import available_modes

if TYPE_CHECKING:
    from vaplanner.ui.app import VaplannerApp
    from vaplanner.ui.screens.main import MainScreen

Command = tuple[str, Callable[[], object], str]


class PlannerCommands(Provider):
    """Clients, timer, dates and modes."""

    @property
    def planner_app(self) -> VaplannerApp:
        return cast("VaplannerApp", self.app)

    def _on_planner(self, call: Callable[[MainScreen], object]) -> None:
        app = self.planner_app
        app.run_on_planner(call)

    def _commands(self) -> Iterator[Command]:
        app = self.planner_app
        board = app.planner_board()
        clients = board.clients if board is not None else ()
        for client in clients:
            key = f" ({client.key})" if client.key else ""
            yield (
                f"Switch to {client.name}{key}",
                partial(self._on_planner, partial(_select, client_id=client.id)),
                f"Show the queue of {client.name} and make them the timer target",
            )
        for client in clients:
            yield (
                f"Start timer: {client.name}",
                partial(self._on_planner, partial(_start, client_id=client.id)),
                "Start tracking time for this client now (stops the running timer)",
            )
        if board is not None and board.timer is not None:
            yield (
                "Stop timer",
                partial(self._on_planner, _stop),
                "Stop the running timer and keep the time as an entry",
            )
        yield (
            "Go to date…",
            partial(self._on_planner, _go_to_date),
            "Jump the day grid to a date: 2026-12-01, tomorrow, fri, +3d",
        )
        yield ("Today", partial(self._on_planner, _today), "Back to today")
        yield (
            "Add client…",
            partial(self._on_planner, _add_client),
            "A new client: name, time zone, business hours, hotkey",
        )
        yield (
            "Pomodoro on/off",
            partial(self._on_planner, _pomodoro),
            "Focus cycles for the running timer",
        )
        yield (
            "Export .ics…",
            partial(self._on_planner, _export),
            "Meetings, deadlines and blocks as a calendar file for Google, Outlook or Apple",
        )
        yield (
            "Import .ics…",
            partial(self._on_planner, _import),
            "An invitation or a calendar export; its events become meetings",
        )
        for spec in available_modes():
            yield (
                f"Open {spec.description}",
                partial(app.action_open_mode, spec.name),
                spec.tooltip,
            )
        yield ("Planner", partial(app.switch_mode, "planner"), "The day planner")

    async def discover(self) -> Hits:
        for text, callback, help_text in self._commands():
            yield DiscoveryHit(text, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, callback, help_text in self._commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), callback, help=help_text)


def _select(screen: MainScreen, *, client_id: int) -> None:
    screen.select_client(client_id)


def _start(screen: MainScreen, *, client_id: int) -> None:
    screen.select_client(client_id)
    screen.start_timer(client_id)


def _stop(screen: MainScreen) -> None:
    screen.stop_timer()


def _go_to_date(screen: MainScreen) -> None:
    screen.action_go_to_date()


def _today(screen: MainScreen) -> None:
    screen.action_today()


def _add_client(screen: MainScreen) -> None:
    screen.action_add_client()


def _export(screen: MainScreen) -> None:
    screen.action_export_ics()


def _import(screen: MainScreen) -> None:
    screen.action_import_ics()


def _pomodoro(screen: MainScreen) -> None:
    screen.action_toggle_pomodoro()
