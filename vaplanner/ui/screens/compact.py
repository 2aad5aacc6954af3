"""One look for every form: compact fields (no borders), so a form fits a 24-line terminal."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Button, Input, Select


def make_compact(screen: Screen[Any]) -> None:
    """Switch the inputs, selects and buttons of ``screen`` to Textual's compact style."""
    for widget in screen.query("Input, Select, Button"):
        if isinstance(widget, Input | Select | Button):
            widget.compact = True
