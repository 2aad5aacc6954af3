"""Component-class styles for text spans drawn with Rich.

``get_component_rich_style(partial=True)`` keeps theme colours with alpha unblended
(``$text-muted`` comes out as plain white); the full style is blended with the widget's
background. A span should only carry the foreground and text style of it, so the widget's own
background (or a highlight) shows through.
"""

from __future__ import annotations

from rich.style import Style
from textual.widget import Widget


def span_style(widget: Widget, component: str, *, background: bool = False) -> Style:
    """The blended style of ``component`` on ``widget``: colour, bold and italic (and the
    background too when ``background``, for a highlight such as a selected row)."""
    full = widget.get_component_rich_style(component, partial=False)
    if background:
        return Style(bgcolor=full.bgcolor, bold=full.bold)
    return Style(color=full.color, bold=full.bold, italic=full.italic)
