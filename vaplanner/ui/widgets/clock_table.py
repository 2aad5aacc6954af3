"""The world clock's table: the VA first, then one row per client, each with its ruler.

A row says the local time there (and the weekday when it is not the VA's date), whether the
client is in business hours, the offset from the VA's clock, the zone's next DST change and
the hour ruler (:mod:`vaplanner.ui.widgets.hour_ruler`). The first column carries the slot
finder's selection mark: ``✓`` on a client means "find times with them"; on the VA's row it
means "within my own work hours".

The rows are computed by :func:`clock_entries` (pure, from core) and shown by
:class:`ClockTable`, a ``DataTable`` whose columns narrow as the terminal does
(:func:`choose_layout`): zone names go first, then state words, then the ruler's width.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from rich.text import Text
from textual.widgets import DataTable

from vaplanner.core.hours import HoursState, hours_state, next_transition
from vaplanner.core.models import Client, Settings
from vaplanner.core.times import get_zone, zone_label
from vaplanner.core.worldclock import RulerCell, clock_row, ruler_cells
from vaplanner.ui.widgets.cells import cut
from vaplanner.ui.widgets.hour_ruler import cell_width_for, label_line, now_index, ruler_text

#: The row key of the VA's own row.
YOU = "you"

STATE_MARKS: dict[str, str] = {"in": "●", "soon": "◐", "ending": "◐", "out": "○", "weekend": "◌"}
STATE_WORDS: dict[str, str] = {
    "in": "in hours",
    "soon": "opens soon",
    "ending": "closing",
    "out": "outside",
    "weekend": "day off",
}


@dataclass(frozen=True)
class ClockEntry:
    """One row of the world clock, as plain data."""

    key: str  # YOU or the client id as text
    hotkey: str
    name: str
    tz: str
    color: str
    selected: bool
    local: datetime  # aware, in ``tz``
    other_day: bool  # the local date is not the VA's
    state: HoursState
    from_home: str  # "-6:00", "+4:45", "same"
    next_change: str  # "14 Mar +1h", "none"
    cells: tuple[RulerCell, ...]

    @property
    def client_id(self) -> int | None:
        return None if self.key == YOU else int(self.key)


def offset_text(local: datetime, home: datetime) -> str:
    """How far the row's clock is from the VA's: ``-6:00``, ``+4:45``, ``same``."""
    theirs = local.utcoffset() or timedelta(0)
    mine = home.utcoffset() or timedelta(0)
    minutes = int((theirs - mine).total_seconds()) // 60
    if minutes == 0:
        return "same"
    hours, rest = divmod(abs(minutes), 60)
    return f"{'+' if minutes > 0 else '-'}{hours}:{rest:02d}"


def change_text(tz: str, now: datetime) -> str:
    """The zone's next offset change on its own calendar: ``14 Mar +1h``; ``none``."""
    change = next_transition(tz, now)
    if change is None:
        return "none"
    zone = get_zone(tz)
    before = (change - timedelta(seconds=1)).astimezone(zone).utcoffset() or timedelta(0)
    after = change.astimezone(zone).utcoffset() or timedelta(0)
    minutes = int((after - before).total_seconds()) // 60
    hours, rest = divmod(abs(minutes), 60)
    amount = f"{hours}h" if not rest else (f"{hours}h{rest:02d}" if hours else f"{rest}m")
    local = change.astimezone(zone)
    return f"{local.day} {local:%b} {'+' if minutes > 0 else '-'}{amount}"


def clock_entries(
    clients: Sequence[Client],
    settings: Settings,
    now: datetime,
    day: date,
    *,
    selected: Collection[int] = (),
    include_me: bool = True,
    colors: Mapping[int, str] | None = None,
    my_color: str = "",
) -> list[ClockEntry]:
    """The VA's row, then a row per client, at ``now``; rulers for the home ``day``."""
    colors = colors or {}
    home_tz = settings.home_tz
    home = now.astimezone(get_zone(home_tz))
    rows = [
        ClockEntry(
            key=YOU,
            hotkey="",
            name="You (work)",
            tz=home_tz,
            color=my_color,
            selected=include_me,
            local=home,
            other_day=False,
            state=hours_state(settings.work_hours, home_tz, now),
            from_home="",
            next_change=change_text(home_tz, now),
            cells=tuple(ruler_cells(settings.work_hours, home_tz, home_tz, day)),
        )
    ]
    for client in clients:
        row = clock_row(client, home_tz, now)
        rows.append(
            ClockEntry(
                key=str(client.id),
                hotkey=client.key or "",
                name=client.name,
                tz=client.tz,
                color=colors.get(client.id, ""),
                selected=client.id in selected,
                local=row.local,
                other_day=row.other_date is not None,
                state=row.state,
                from_home=offset_text(row.local, home),
                next_change=change_text(client.tz, now),
                cells=tuple(ruler_cells(client.hours, client.tz, home_tz, day)),
            )
        )
    return rows


@dataclass(frozen=True)
class ClockLayout:
    """Which columns fit, and how wide the ruler's cells are."""

    name_width: int = 14
    zone: bool = False
    abbreviation: bool = True
    state_words: bool = False
    cell_width: int = 2
    dst: bool = True

    @property
    def columns(self) -> tuple[tuple[str, str, int], ...]:
        """``(key, label, width)`` of every column but the ruler."""
        local = 9 + (6 if self.abbreviation else 0)
        columns = [("mark", "", 2), ("name", "client", self.name_width)]
        if self.zone:
            columns.append(("zone", "zone", 20))
        columns += [
            ("local", "local", local),
            ("state", "hours" if self.state_words else "", 12 if self.state_words else 1),
            ("offset", "vs you", 6),
        ]
        if self.dst:
            columns.append(("change", "DST", 10))
        return tuple(columns)

    def info_width(self, padding: int = 1) -> int:
        """Columns used before the ruler, padding included."""
        return sum(width + 2 * padding for _, _, width in self.columns)


#: Layouts from the richest to the plainest; the first that fits is used.
_LAYOUTS = (
    ClockLayout(18, True, True, True, 3),
    ClockLayout(16, False, True, True, 3),
    ClockLayout(16, True, True, True, 2),
    ClockLayout(14, False, True, True, 2),
    ClockLayout(14, False, True, False, 2),
    ClockLayout(12, False, False, False, 2),
    ClockLayout(14, False, True, False, 1),
    ClockLayout(10, False, False, False, 1),
    ClockLayout(12, False, False, False, 1, dst=False),
    ClockLayout(10, False, False, False, 1, dst=False),
    ClockLayout(10, False, False, False, 0, dst=False),
)


def choose_layout(width: int, cells: int) -> ClockLayout:
    """The richest layout whose columns and ruler fit in ``width`` characters."""
    for layout in _LAYOUTS:
        space = width - layout.info_width() - 2
        if layout.cell_width == 0 or cell_width_for(space, cells) >= layout.cell_width:
            return layout
    return _LAYOUTS[-1]


def entry_cells(
    entry: ClockEntry,
    layout: ClockLayout,
    *,
    now: datetime,
    state_styles: Mapping[str, str],
    background: str,
    now_color: str = "#ffffff",
) -> list[Text]:
    """The cells of one row under ``layout`` (the ruler last, when it has room)."""
    mark = ("✓" if entry.selected else " ") + (entry.hotkey[:1] or " ")
    day = f"{entry.local:%a}" if entry.other_day else "   "
    local = f"{day} {entry.local:%H:%M}"
    if layout.abbreviation:
        label = zone_label(entry.local)
        local += f" {label if not label.startswith('UTC') else ''}"
    state_style = state_styles.get(entry.state, "")
    state = STATE_MARKS[entry.state]
    if layout.state_words:
        state += f" {STATE_WORDS[entry.state]}"
    you = entry.key == YOU
    values: dict[str, Text] = {
        "mark": Text(mark, style="bold"),
        "name": Text(cut(entry.name, layout.name_width), style="bold" if you else entry.color),
        "zone": Text(entry.tz, style="dim"),
        "local": Text(local),
        "state": Text(state, style=state_style),
        "offset": Text(entry.from_home, style="dim" if entry.from_home == "same" else ""),
        "change": Text(entry.next_change, style="dim"),
    }
    cells = [values[key] for key, _, _ in layout.columns]
    if layout.cell_width:
        cells.append(
            ruler_text(
                entry.cells,
                width=layout.cell_width,
                color=entry.color,
                background=background,
                now_at=now_index(entry.cells, now),
                now=now,
                now_color=now_color,
            )
        )
    return cells


class ClockTable(DataTable[Text]):
    """The clock rows; the cursor picks a row, the screen toggles selection marks."""

    DEFAULT_CSS = """
    ClockTable { height: auto; }
    """
    """As tall as its rows (see :meth:`show`), then it scrolls."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(
            id=id,
            cursor_type="row",
            zebra_stripes=False,
            # The cursor row's text takes the cursor colours (readable whatever the client's
            # colour); the ruler keeps its coloured cells.
            cursor_foreground_priority="css",
            cursor_background_priority="renderable",
        )
        self.layout_in_use: ClockLayout | None = None
        self.entries: tuple[ClockEntry, ...] = ()
        self._shape: tuple[object, ...] = ()

    def show(
        self,
        entries: Sequence[ClockEntry],
        layout: ClockLayout,
        *,
        now: datetime,
        state_styles: Mapping[str, str],
        background: str,
        now_color: str = "#ffffff",
        max_height: int | None = None,
    ) -> None:
        """Show ``entries``; cells are updated in place when rows and columns are unchanged."""
        cells_count = len(entries[0].cells) if entries else 0
        keys = tuple(entry.key for entry in entries)
        first = entries[0].cells if cells_count else ()
        # The header marks the current hour, so a new hour (or day) rebuilds the columns.
        shape = (
            layout,
            keys,
            cells_count,
            first[0].start if first else None,
            now_index(first, now),
        )
        rows = [
            entry_cells(
                entry,
                layout,
                now=now,
                state_styles=state_styles,
                background=background,
                now_color=now_color,
            )
            for entry in entries
        ]
        self.entries = tuple(entries)
        self.layout_in_use = layout
        self.styles.height = (
            len(entries) + 1 if max_height is None else min(len(entries) + 1, max_height)
        )
        if shape == self._shape:
            for entry, cells in zip(entries, rows, strict=True):
                for column, cell in zip(self.columns, cells, strict=False):
                    self.update_cell(entry.key, column, cell)
            return
        cursor_key = self.cursor_key
        self._shape = shape
        self.clear(columns=True)
        for key, label, width in layout.columns:
            self.add_column(label, width=width, key=key)
        if layout.cell_width and entries:
            header = label_line(
                entries[0].cells,
                width=layout.cell_width,
                clock="home",
                now_at=now_index(entries[0].cells, now),
            )
            self.add_column(header, width=cells_count * layout.cell_width, key="ruler")
        for entry, cells in zip(entries, rows, strict=True):
            self.add_row(*cells, key=entry.key)
        if cursor_key in keys:
            self.move_cursor(row=keys.index(cursor_key), animate=False)

    @property
    def cursor_key(self) -> str | None:
        """The row key under the cursor (``"you"`` or a client id as text)."""
        if not self.row_count:
            return None
        index = min(self.cursor_row, len(self.entries) - 1)
        return self.entries[index].key if index >= 0 and self.entries else None

    @property
    def cursor_entry(self) -> ClockEntry | None:
        key = self.cursor_key
        return next((entry for entry in self.entries if entry.key == key), None)

    def ruler_offset(self) -> int:
        """Where the ruler column starts, in characters from the table's left edge."""
        layout = self.layout_in_use
        return layout.info_width(self.cell_padding) + self.cell_padding if layout else 0
