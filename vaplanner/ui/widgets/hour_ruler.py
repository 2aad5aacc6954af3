"""The 24-hour ruler of the world clock: one cell per real hour of the VA's day.

Every row of the world clock (the VA's own work hours first, then each client) shows the
same home day hour by hour (:func:`vaplanner.core.worldclock.ruler_cells`), so the rows line
up like a meeting planner: a column is one hour on *your* clock, and each row says whether
that client is at work then. On DST days the home day has 23 or 25 cells and every row has
the same number, so the columns stay aligned.

Cells are 1, 2 or 3 characters wide depending on the room. At 3 the cell shows the hour on
that row's clock; narrower rulers show the state only, and a label line (:func:`label_line`)
under the table gives the highlighted client's hours.

Marks: in business hours for the whole hour, a solid cell in the client's colour; part of
the hour, a half-tone cell (``▌`` when one character wide); outside, ``·``; no business
hours at all that local day (their weekend), blank. A thin line marks the current minute.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Literal

from rich.style import Style
from rich.text import Text
from textual.color import Color, ColorParseError

from vaplanner.core.worldclock import RulerCell

#: What a ruler cell means, for the legend.
LEGEND = "█ in hours  ▌ part of the hour  · outside  blank: no hours that day"


def cell_width_for(space: int, count: int) -> int:
    """Characters per hour for ``count`` cells in ``space`` columns: 3, 2, 1, or 0 (no room)."""
    for width in (3, 2, 1):
        if count and space >= width * count:
            return width
    return 0


def now_index(cells: Sequence[RulerCell], now: datetime) -> int | None:
    """The cell holding ``now``, or None when ``now`` is not on this day."""
    for index, cell in enumerate(cells):
        following = cells[index + 1].start if index + 1 < len(cells) else None
        end = following if following is not None else cell.start + timedelta(hours=1)
        if cell.start <= now < end:
            return index
    return None


def _contrast(color: Color) -> str:
    """Black or white, whichever reads on ``color``."""
    return "#000000" if color.brightness > 0.5 else "#ffffff"


def _parse(color: str, fallback: str) -> Color:
    try:
        return Color.parse(color)
    except ColorParseError:
        return Color.parse(fallback)


def ruler_text(
    cells: Sequence[RulerCell],
    *,
    width: int,
    color: str,
    background: str = "#000000",
    now_at: int | None = None,
    now: datetime | None = None,
    now_color: str = "#ffffff",
    clock: Literal["home", "client"] = "client",
) -> Text:
    """One row of the ruler.

    Args:
        cells: the home day's hours with this row's business-hours state.
        width: characters per cell (1, 2 or 3; 0 gives an empty text).
        color: the row's colour (a client's colour, or the theme's for the VA).
        background: the screen's background, for the half-tone of partial hours.
        now_at: index of the current hour, if on this day; ``now`` places the mark in it.
        now_color: the colour of the now mark.
        clock: whose hour numbers a 3-wide cell shows.
    """
    text = Text(no_wrap=True, overflow="crop")
    if width <= 0:
        return text
    solid = _parse(color, "#5f87af")
    back = _parse(background, "#000000")
    half = solid.blend(back, 0.55)
    for index, cell in enumerate(cells):
        local = cell.client_local if clock == "client" else cell.home_local
        number = f"{local.hour:02d}".ljust(width) if width >= 3 else ""
        if cell.state == "in":
            style = Style(color=_contrast(solid), bgcolor=solid.hex)
            body = number or (" " * width)
            if width == 1:
                body, style = "█", Style(color=solid.hex)
        elif cell.state == "part":
            style = Style(color=_contrast(half), bgcolor=half.hex)
            body = number or (" " * width)
            if width == 1:
                body, style = "▌", Style(color=solid.hex)
        elif cell.state == "out":
            style = Style(dim=True)
            body = number or ("·".rjust(width))
        else:  # "off": no business hours on that local day
            style = Style(dim=True)
            body = " " * width
        body = body[:width]
        if index == now_at and now is not None:
            _append_now(text, body, style, width, now.minute, now_color)
        else:
            text.append(body, style)
    return text


def _append_now(text: Text, body: str, style: Style, width: int, minute: int, color: str) -> None:
    """The current hour's cell: a thin line at the minute (kept off a 3-wide cell's hour
    number); a one-wide cell is tinted instead, so its state still shows."""
    if width == 1:
        text.append(body, style + Style(bgcolor=color, color=color if body == "·" else None))
        return
    at = min(minute * width // 60, width - 1)
    if width >= 3:
        at = width - 1
    marked = style + Style(color=color, bold=True)
    text.append(body[:at], style)
    text.append("│", marked)
    text.append(body[at + 1 :], style)


def label_line(
    cells: Sequence[RulerCell],
    *,
    width: int,
    clock: Literal["home", "client"],
    now_at: int | None = None,
    style: str = "",
    now_style: str = "reverse bold",
) -> Text:
    """Hour labels under the cells (``00    03    06`` …), on the home or the row's clock.

    Labels are placed every cell when cells are 3 wide, every 2nd at 2, every 3rd at 1, so
    two-digit hours never touch. The current hour's cell is highlighted.
    """
    total = len(cells) * width
    if width <= 0:
        return Text()
    every = 1 if width >= 3 else (2 if width == 2 else 3)
    chars = [" "] * total
    for index in range(0, len(cells), every):
        cell = cells[index]
        local = cell.client_local if clock == "client" else cell.home_local
        label = f"{local.hour:02d}"
        for offset, char in enumerate(label):
            position = index * width + offset
            if position < total:
                chars[position] = char
    text = Text("".join(chars), style=style, no_wrap=True, overflow="crop")
    if now_at is not None and 0 <= now_at < len(cells):
        text.stylize(now_style, now_at * width, (now_at + 1) * width)
    return text


def minutes_past(cells: Sequence[RulerCell]) -> int:
    """How many minutes past the hour the row's clock is at the cells' starts (Kolkata: 30,
    Kathmandu: 45), so a label line can say its hours are offset."""
    if not cells:
        return 0
    return cells[0].client_local.minute
