"""Small helpers for reading what the app shows."""

from __future__ import annotations

from textual.widget import Widget

from vaplanner.ui.app import VaplannerApp
from vaplanner.ui.screens.main import MainScreen
from vaplanner.ui.widgets.client_list import ClientList
from vaplanner.ui.widgets.planner_header import PlannerHeader
from vaplanner.ui.widgets.queue_panel import QueuePanel


def text_of(widget: Widget) -> str:
    """The plain text a widget renders."""
    rendered = widget.render()
    plain = getattr(rendered, "plain", None)
    return plain if isinstance(plain, str) else str(rendered)


def planner(app: VaplannerApp) -> MainScreen:
    assert app.planner is not None
    return app.planner


def header_text(app: VaplannerApp) -> str:
    return text_of(planner(app).query_one(PlannerHeader))


def clients_text(app: VaplannerApp) -> str:
    return planner(app).query_one(ClientList).text()


def queue_text(app: VaplannerApp) -> str:
    return planner(app).query_one(QueuePanel).lines_text()


def notifications(app: VaplannerApp) -> list[str]:
    return [n.message for n in app._notifications]


def form_error(app: VaplannerApp) -> str:
    """The error line of the form modal on top (empty when there is none)."""
    return text_of(app.screen.query_one("#form-error"))
