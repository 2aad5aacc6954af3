"""The key bar: one line at the bottom with the main keys of the current view.

It reads the live bindings (``screen.active_bindings``, keymap applied) like Textual's
``Footer``, but draws them as one line of text instead of one widget per key: the planner's
footer was a third of its start-up time. Clicking a key runs it. ``^p palette`` sits at the
right end.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget

from vaplanner.ui.widgets.span_style import span_style

PALETTE_ACTIONS = ("command_palette", "app.command_palette")
PALETTE_HINT = "^p palette "
#: Descriptions are in the bar's colours, and explicitly not bold: a run apart from the blank
#: before the palette hint (as when Textual drew the line; the SVG snapshots compare runs).
_NOT_BOLD = Style(bold=False)


class _Key(NamedTuple):
    start: int
    end: int
    action: str
    node: DOMNode


class KeyBar(Widget):
    """The shown bindings of the screen, as ``key description`` pairs."""

    DEFAULT_CSS = """
    KeyBar { height: 1; background: $panel; color: $foreground; dock: bottom; }
    KeyBar > .key-bar--key { color: $accent; text-style: bold; }
    KeyBar > .key-bar--palette { color: $text-muted; }
    """
    """A panel-coloured line; keys in the accent colour, descriptions in the bar's own."""

    COMPONENT_CLASSES = {"key-bar--key", "key-bar--palette"}

    ALLOW_SELECT = False  # a row of controls, as Textual's Footer

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._keys: list[_Key] = []
        self._drawn: tuple[object, ...] | None = None  # the bindings last drawn
        self._styles: dict[str, Style] = {}

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: Screen[object]) -> None:
        # Focus changes and modes announce new bindings often, mostly the same ones. Before
        # the first draw there is nothing to compare: that draw reads them.
        if self._drawn is not None and self._drawn != self._signature(self.shown()):
            self.refresh()

    def _signature(self, shown: list[tuple[Binding, DOMNode]]) -> tuple[object, ...]:
        return tuple((binding.key, binding.action, binding.description) for binding, _ in shown)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()

    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            style = self._styles[name] = span_style(self, f"key-bar--{name}")
        return style

    def shown(self) -> list[tuple[Binding, DOMNode]]:
        """The bindings to show, in binding order, one per id (or action)."""
        seen: set[str] = set()
        found: list[tuple[Binding, DOMNode]] = []
        for item in self.screen.active_bindings.values():
            binding = item.binding
            name = binding.id or binding.action
            if not binding.show or not item.enabled or name in seen:
                continue
            if binding.action in PALETTE_ACTIONS:
                continue
            seen.add(name)
            found.append((binding, item.node))
        return found

    def _parts(self, width: int) -> list[tuple[str, Style | None]]:
        """The line as (text, style) parts, ``width`` cells or more; notes where each key is."""
        room = width - cell_len(PALETTE_HINT) - 2  # never run into the palette hint
        shown = self.shown()
        self._drawn = self._signature(shown)
        keys = [(binding, node, self.app.get_key_display(binding)) for binding, node in shown]
        # Two spaces between keys read best; one space when that lets every key fit.
        needed = sum(cell_len(f"  {key} {b.description}") for b, _, key in keys)
        gap = "  " if width >= 100 and needed <= room else " "
        key_style = self._style("key")
        parts: list[tuple[str, Style | None]] = []
        used = 0
        self._keys = []
        for binding, node, key in keys:
            label = f"{gap if parts else ' '}{key} "
            end = used + cell_len(label) + cell_len(binding.description)
            if end > room:
                break
            parts += [(label, key_style), (binding.description, _NOT_BOLD)]
            self._keys.append(_Key(used, end, binding.action, node))
            used = end
        parts.append((" " * max(0, room + 2 - used), None))
        parts.append((PALETTE_HINT, self._style("palette")))
        return parts

    def render_line(self, y: int) -> Strip:
        # Segments straight from the parts, under the bar's own colours (Textual's Text to
        # Content conversion and rendering were most of the bar's drawing time).
        width = self.size.width
        base = self.rich_style
        if y:
            return Strip.blank(width, base)
        parts = [Segment(text, style) for text, style in self._parts(width)]
        return Strip(Segment.apply_style(parts, base)).crop_extend(0, width, base)

    async def on_click(self, event: events.Click) -> None:
        for key in self._keys:
            if key.start <= event.x < key.end:
                await self.app.run_action(key.action, key.node)
                return
        if event.x >= self.size.width - len(PALETTE_HINT):
            self.app.action_command_palette()

    def text(self) -> str:
        """The line as plain text (for tests)."""
        return "".join(text for text, _ in self._parts(self.size.width))
