"""The help screen (``?``): every key of the view below it, read from the live bindings.

Nothing here lists keys by hand: the rows come from ``Screen.active_bindings`` of the screen
the help was opened on, after the user's keymap was applied, so a remapped key shows as
remapped. Each row's section comes from its binding id (:func:`vaplanner.ui.bindings.section_of`).
Bindings without an id are Textual's own (focus, copy, table cursors, page keys): every
vaplanner key has an id, so those are left out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from rich.cells import cell_len
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from vaplanner.ui.bindings import GROUPS, HELP_DESCRIPTIONS, section_of


@dataclass(frozen=True)
class HelpRow:
    """One line of the help screen: the keys of one binding and what they do."""

    group: str
    keys: str
    description: str
    tooltip: str
    binding_id: str = ""  # the name to use in config.toml's [keymap]


def help_rows(
    active: Mapping[str, ActiveBinding], key_display: Callable[[Binding], str]
) -> list[HelpRow]:
    """Merge the live bindings into one row per binding id, grouped and ordered.

    Args:
        active: ``screen.active_bindings`` of the screen the help describes.
        key_display: how the app shows a key (``App.get_key_display``).
    """
    merged: dict[str, tuple[list[str], Binding]] = {}
    for _key, item in active.items():
        binding = item.binding
        if binding.id is None:
            continue  # Textual's own keys (focus, copy, scrolling): not vaplanner's to explain
        name = binding.id
        if name.startswith("client-") and name[7:].isdigit():
            name = "client-slots"  # the nine hotkeys are one line: "1-9 client"
        shown = key_display(binding)
        keys, first = merged.setdefault(name, ([], binding))
        if shown not in keys:
            keys.append(shown)
        if binding.tooltip and not first.tooltip:
            merged[name] = (keys, binding)
    rows = [
        HelpRow(
            group=section_of(binding.id or ""),
            keys=compress_keys(keys),
            description=HELP_DESCRIPTIONS.get(
                binding.id or "", _lower_first(binding.description or binding.action)
            ),
            tooltip=binding.tooltip.replace("with hotkey 1", "with that hotkey")
            if binding.id == "client-1"
            else binding.tooltip,
            binding_id="client-1…9" if binding.id == "client-1" else binding.id or "",
        )
        for keys, binding in merged.values()
    ]
    order = {group: index for index, group in enumerate(GROUPS)}
    return sorted(rows, key=lambda row: order.get(row.group, len(order)))


def compress_keys(keys: list[str]) -> str:
    """``["1", "2", …, "9"]`` -> ``"1-9"``; other keys joined with spaces."""
    if len(keys) > 2 and all(k.isdigit() and len(k) == 1 for k in keys):
        values = sorted(int(k) for k in keys)
        if values == list(range(values[0], values[-1] + 1)):
            return f"{values[0]}-{values[-1]}"
    return " ".join(keys)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


#: Under the card: the way out, and how to use the names in the right-hand column.
HINT = 'esc closes · remap by name in config.toml: \\[keymap] timer = "s"'


class HelpScreen(ModalScreen[None]):
    """Keys of the current view, grouped; escape, q or ? closes it."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > Vertical {
        width: 110; max-width: 100%; height: auto; max-height: 90%;
        border: round $primary; background: $surface; padding: 0 1;
        border-title-color: $primary; border-title-style: bold;
        border-subtitle-color: $text-muted;
    }
    HelpScreen VerticalScroll { height: auto; max-height: 100%; }
    HelpScreen .help-heading { text-style: bold; color: $secondary; padding-top: 1; }
    HelpScreen .help-heading.-first { padding-top: 0; }
    """
    """A centred card, the view's name as its title and the way out under it; the rows
    scroll when the terminal is short (the card holds nothing else, so the last row shows)."""

    BINDINGS = [
        Binding("escape,q,question_mark", "close", "close", id="help-close", show=False),
        Binding("j,down", "scroll(1)", show=False, id="help-down"),
        Binding("k,up", "scroll(-1)", show=False, id="help-up"),
    ]
    """Close, and scroll the list."""

    def __init__(self, rows: list[HelpRow], title: str = "Keys") -> None:
        super().__init__()
        self.rows = rows
        self.heading = title

    def compose(self) -> ComposeResult:
        card = Vertical()
        card.border_title = self.heading
        card.border_subtitle = HINT
        with card:
            with VerticalScroll(id="help-body"):
                for index, group in enumerate(dict.fromkeys(row.group for row in self.rows)):
                    first = " -first" if index == 0 else ""
                    yield Static(group, classes="help-heading" + first)
                    yield Static(self._table(group), classes="help-group")

    def _table(self, group: str) -> Table:
        accent = self.app.current_theme.accent or "yellow"
        # The same columns in every section, each as wide as its longest entry (the keymap
        # name is copied into config.toml, so it is never cut); the tooltip takes the rest.
        table = Table.grid(padding=(0, 2), expand=True)
        table.add_column(width=self._widest(lambda row: row.keys, 12), no_wrap=True)
        table.add_column(width=self._widest(lambda row: row.description, 16), no_wrap=True)
        table.add_column(ratio=1)
        table.add_column(width=self._widest(lambda row: row.binding_id, 30))
        for row in self.rows:
            if row.group == group:
                table.add_row(
                    Text(row.keys, style=f"bold {accent}"),
                    Text(row.description),
                    Text(row.tooltip, style="dim"),
                    Text(row.binding_id, style="dim italic"),
                )
        return table

    def _widest(self, part: Callable[[HelpRow], str], cap: int) -> int:
        return min(cap, max((cell_len(part(row)) for row in self.rows), default=1))

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll(self, lines: int) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_relative(y=lines, animate=False)
