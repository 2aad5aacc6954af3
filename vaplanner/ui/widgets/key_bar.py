"""The key bar: one line at the bottom with the main keys of the current view.

It reads the live bindings (``screen.active_bindings``, keymap applied) like Textual's
``Footer``, but draws them as one line of text instead of one widget per key: the planner's
footer was a third of its start-up time. Clicking a key runs it. ``^p palette`` sits at the
right end.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget

from vaplanner.ui.widgets.span_style import span_style

PALETTE_ACTIONS = ("command_palette", "app.command_palette")


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
    KeyBar > .key-bar--description { color: $foreground; }
    KeyBar > .key-bar--palette { color: $text-muted; }
    """
    """A panel-coloured line; keys in the accent colour."""

    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description", "key-bar--palette"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._keys: list[_Key] = []
        self._drawn: tuple[object, ...] | None = None  # the bindings last drawn

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: Screen[object]) -> None:
        # Focus changes and modes announce new bindings often, mostly the same ones.
        if self._drawn != self._signature(self.shown()):
            self.refresh()

    def _signature(self, shown: list[tuple[Binding, DOMNode]]) -> tuple[object, ...]:
        return tuple((binding.key, binding.action, binding.description) for binding, _ in shown)

    def _style(self, name: str) -> Style:
        return span_style(self, f"key-bar--{name}")

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

    def render(self) -> Text:
        width = self.size.width
        palette = Text("^p palette ", style=self._style("palette"))
        room = width - cell_len(palette.plain) - 2  # never run into the palette hint
        shown = self.shown()
        self._drawn = self._signature(shown)
        keys = [(binding, node, self.app.get_key_display(binding)) for binding, node in shown]
        # Two spaces between keys read best; one space when that lets every key fit.
        needed = sum(cell_len(f"  {key} {b.description}") for b, _, key in keys)
        gap = "  " if width >= 100 and needed <= room else " "
        line = Text(no_wrap=True, overflow="crop")
        self._keys = []
        for binding, node, key in keys:
            piece = Text.assemble(
                (f"{gap if line else ' '}{key} ", self._style("key")),
                (binding.description, self._style("description")),
            )
            if cell_len(line.plain) + cell_len(piece.plain) > room:
                break
            start = cell_len(line.plain)
            line.append_text(piece)
            self._keys.append(_Key(start, cell_len(line.plain), binding.action, node))
        line.pad_right(max(0, room + 2 - cell_len(line.plain)))
        line.append_text(palette)
        return line

    async def on_click(self, event: events.Click) -> None:
        for key in self._keys:
            if key.start <= event.x < key.end:
                await self.app.run_action(key.action, key.node)
                return
        if event.x >= self.size.width - len("^p palette "):
            self.app.action_command_palette()

    def text(self) -> str:
        """The line as plain text (for tests)."""
        return self.render().plain
