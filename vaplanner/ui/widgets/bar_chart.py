"""A bar chart of hours per client per week: one stacked bar per week, in client colours.

Each week is a row: its first day, a horizontal bar made of the clients' hours one after the
other (unicode blocks, eighths at the tip, so the length is exact to an eighth of a cell),
and the week's total. A cell shared by two clients takes the colour of the one that fills
more of it. Weeks inside the report's period are in bold; earlier ones, shown for context,
are dimmed. A legend with each client's total over the shown weeks sits under the bars.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from rich.console import Group, RenderableType
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from vaplanner.core.times import format_duration

#: ``EIGHTHS[n]`` is a left-aligned block n/8 of a cell wide.
EIGHTHS = " ▏▎▍▌▋▊▉█"


def stacked_bar(segments: Sequence[tuple[int, str]], per_cell: float, width: int) -> Text:
    """Segments ``(minutes, colour)`` laid end to end, ``per_cell`` minutes per character,
    cut at ``width`` characters."""
    text = Text(no_wrap=True, overflow="crop")
    total = sum(minutes for minutes, _ in segments)
    if total <= 0 or per_cell <= 0 or width <= 0:
        return text
    bounds: list[tuple[float, float, str]] = []  # in eighths of a cell
    position = 0.0
    for minutes, color in segments:
        if minutes <= 0:
            continue
        length = minutes / per_cell * 8
        bounds.append((position, position + length, color))
        position += length
    end = min(round(position), width * 8)
    end = max(end, 1)  # any time at all shows as at least a sliver
    for cell in range(width):
        low, high = cell * 8, cell * 8 + 8
        if low >= end:
            break
        share: dict[str, float] = {}
        for start, stop, color in bounds:
            overlap = min(stop, high) - max(start, low)
            if overlap > 0:
                share[color] = share.get(color, 0.0) + overlap
        color = max(share, key=lambda c: share[c]) if share else bounds[-1][2]
        filled = min(8, end - low)
        text.append(EIGHTHS[filled], style=color)
    return text


@dataclass(frozen=True)
class WeekChart:
    """The data behind the chart."""

    weeks: tuple[tuple[date, Mapping[int, int]], ...] = ()  # (first day, minutes per client)
    colors: Mapping[int, str] = field(default_factory=dict)
    names: Mapping[int, str] = field(default_factory=dict)
    order: tuple[int, ...] = ()  # client ids: stacking and legend order
    period: tuple[date, date] | None = None  # weeks overlapping it are in bold


def chart_lines(chart: WeekChart, width: int) -> list[Text]:
    """The chart's rows and legend for ``width`` characters."""
    if not chart.weeks:
        return [Text("No weeks to show.", style="dim")]
    known = [c for c in chart.order if any(c in minutes for _, minutes in chart.weeks)]
    others = sorted({c for _, m in chart.weeks for c in m} - set(known))
    order = known + others
    totals = [sum(minutes.values()) for _, minutes in chart.weeks]
    label_width, total_width = 7, 7
    bar_width = max(4, width - label_width - total_width - 2)
    most = max(totals)
    per_cell = most / bar_width if most else 1.0
    lines: list[Text] = []
    for (first, minutes), total in zip(chart.weeks, totals, strict=True):
        inside = chart.period is None or (
            first <= chart.period[1] and chart.period[0] <= first + timedelta(days=6)
        )
        line = Text()
        line.append(f"{first.day:>2} {first:%b} ", style="bold" if inside else "dim")
        segments = [(minutes.get(c, 0), chart.colors.get(c, "")) for c in order]
        bar = stacked_bar(segments, per_cell, bar_width) if total else Text("·", style="dim")
        line.append_text(bar)
        line.append(" " * (bar_width - bar.cell_len + 1))
        line.append(f"{format_duration(total):>{total_width}}", style="" if inside else "dim")
        lines.append(line)
    lines.append(Text())
    lines.extend(_legend(chart, order, width))
    return lines


def _legend(chart: WeekChart, order: list[int], width: int) -> list[Text]:
    """``■ Acme 27:31  ■ Koala 23:24`` …, wrapped between clients, never inside one."""
    lines = [Text()]
    for client_id in order:
        spent = sum(m.get(client_id, 0) for _, m in chart.weeks)
        item = Text()
        item.append("■ ", style=chart.colors.get(client_id, ""))
        item.append(f"{chart.names.get(client_id, f'#{client_id}')} {format_duration(spent)}")
        current = lines[-1]
        if current and current.cell_len + 2 + item.cell_len > width:
            lines.append(Text())
            current = lines[-1]
        if current:
            current.append("  ")
        current.append_text(item)
    return lines


class BarChart(Widget):
    """Hours per client per week; redrawn to the width it is given."""

    DEFAULT_CSS = """
    BarChart { height: auto; }
    """
    """As tall as its weeks and legend."""

    chart: reactive[WeekChart] = reactive(WeekChart, layout=True)

    def render(self) -> RenderableType:
        width = self.content_size.width or 60
        return Group(*chart_lines(self.chart, width))
