"""The header line: the day shown, home time and zone, the running timer, the pomodoro
phase, planned vs tracked time for the day and a capacity warning.

It fits itself to the width: at 80 columns words are shortened first, then the least
important parts are left out (capacity detail, then totals, then the pomodoro).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, NamedTuple

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from vaplanner.core.models import Timer
from vaplanner.core.times import format_duration, format_elapsed, to_local, zone_label
from vaplanner.ui.widgets.span_style import span_style

if TYPE_CHECKING:
    from vaplanner.core.pomodoro import Phase


class HeaderInfo(NamedTuple):
    """Everything the header shows apart from the ticking clock."""

    day: date
    home_tz: str = "UTC"
    timer: Timer | None = None
    timer_client: str = ""
    timer_color: str = ""
    timer_task: str = ""
    pomodoro: Phase | None = None
    planned_minutes: int = 0
    tracked_minutes: int = 0
    capacity_minutes: int = 0
    demo: bool = False


class _Part(NamedTuple):
    full: Text
    short: Text
    priority: int  # lower is kept longer
    right: bool = False  # the timer and the day's totals sit at the right end
    keep: bool = False  # shortened but never left out


def city(tz: str) -> str:
    """``Europe/Ljubljana`` -> ``Ljubljana``; ``UTC`` stays."""
    return tz.rsplit("/", 1)[-1].replace("_", " ")


class PlannerHeader(Widget):
    """One line across the top of the planner."""

    DEFAULT_CSS = """
    PlannerHeader { height: 1; background: $panel; color: $foreground; }
    PlannerHeader > .header--brand { color: $primary; text-style: bold; }
    PlannerHeader > .header--muted { color: $text-muted; }
    PlannerHeader > .header--timer { color: $accent; text-style: bold; }
    PlannerHeader > .header--warning { color: $warning; text-style: bold; }
    PlannerHeader > .header--other-day { color: $secondary; text-style: bold; }
    PlannerHeader > .header--pomodoro { color: $success; }
    """
    """A single panel-coloured line; the timer in the accent colour."""

    COMPONENT_CLASSES = {
        "header--brand",
        "header--muted",
        "header--timer",
        "header--warning",
        "header--other-day",
        "header--pomodoro",
    }

    now: reactive[datetime] = reactive(datetime(2000, 1, 1, tzinfo=UTC))
    """The shared clock: the timer's elapsed time ticks every second."""
    info: reactive[HeaderInfo | None] = reactive(None)
    """What to show; None before the first load."""
    busy: reactive[str] = reactive("")
    """Long work running in a worker ("exporting…", "loading Oct 2026…"), shown first."""

    def _style(self, name: str) -> Style:
        return span_style(self, f"header--{name}")

    def render(self) -> Text:
        info = self.info
        if info is None:
            return Text(" vaplanner", style=self._style("brand"))
        parts = self._parts(info)
        if self.busy:
            parts.insert(1, _Part(Text(f"⟳ {self.busy}  ", self._style("warning")), Text("⟳ "), 0))
        return self._fit(parts, max(self.size.width, 20))

    def _parts(self, info: HeaderInfo) -> list[_Part]:
        now = self.now
        home = to_local(now, info.home_tz)
        today = home.date()
        parts: list[_Part] = []
        brand = " vaplanner demo " if info.demo else " vaplanner "
        # In the demo the brand says so, and stays: the data is thrown away on exit.
        short_brand = Text(" demo ", self._style("brand")) if info.demo else Text(" ")
        parts.append(_Part(Text(brand, self._style("brand")), short_brand, 3, keep=info.demo))
        day_style = Style() if info.day == today else self._style("other-day")
        delta = (info.day - today).days
        rel = (
            ""
            if delta == 0
            else (f" (in {delta}d, t: today)" if delta > 0 else f" ({-delta}d ago, t: today)")
        )
        parts.append(
            _Part(
                Text(f"{info.day:%a} {info.day.day} {info.day:%b %Y}{rel}  ", day_style),
                Text(f"{info.day:%a} {info.day.day} {info.day:%b}{rel}  ", day_style),
                0,
            )
        )
        parts.append(
            _Part(
                Text(f"{city(info.home_tz)} {home:%H:%M} {zone_label(home)}  "),
                Text(f"{home:%H:%M}  "),
                0,
            )
        )
        if info.timer is not None:
            elapsed = format_elapsed(info.timer.elapsed_seconds(now))
            label = info.timer_client + (f" · {info.timer_task}" if info.timer_task else "")
            full = Text(f"▶ {label} {elapsed}  ", self._style("timer"))
            if info.timer_color:
                full.stylize(Style.parse(info.timer_color), 2, 2 + len(info.timer_client))
            short = Text(f"▶ {info.timer_client[:12]} {elapsed}  ", self._style("timer"))
            parts.append(_Part(full, short, 0, right=True))
        else:
            parts.append(
                _Part(
                    Text("no timer (space starts one)  ", self._style("muted")),
                    Text("no timer  ", self._style("muted")),
                    2,
                    right=True,
                )
            )
        if info.pomodoro is not None:
            seconds = info.pomodoro.remaining_seconds(now)
            left = f"{seconds // 60}:{seconds % 60:02d}"
            parts.append(
                _Part(
                    Text(f"◷ {info.pomodoro.label} {left} left  ", self._style("pomodoro")),
                    Text(f"◷ {info.pomodoro.kind} {left}  ", self._style("pomodoro")),
                    1,
                    right=True,
                )
            )
        planned = format_duration(info.planned_minutes)
        tracked = format_duration(info.tracked_minutes)
        parts.append(
            _Part(
                Text(f"planned {planned}  tracked {tracked}  ", self._style("muted")),
                Text(f"{planned}/{tracked}  ", self._style("muted")),
                2,
                right=True,
            )
        )
        over = info.planned_minutes - info.capacity_minutes
        if info.planned_minutes and over > 0:
            if info.capacity_minutes == 0:
                warning = f"⚠ {format_duration(over)} planned on a day off  "
            else:
                warning = f"⚠ over capacity by {format_duration(over)}  "
            parts.append(
                _Part(
                    Text(warning, self._style("warning")),
                    Text("⚠ over  ", self._style("warning")),
                    1,
                    right=True,
                )
            )
        return parts

    def _fit(self, parts: list[_Part], width: int) -> Text:
        chosen = [part.full for part in parts]

        def total() -> int:
            return sum(cell_len(text.plain) for text in chosen)

        # Shorten the least important parts first, then drop them.
        order = sorted(range(len(parts)), key=lambda i: -parts[i].priority)
        for index in order:
            if total() <= width:
                break
            chosen[index] = parts[index].short
        for index in order:
            if total() <= width:
                break
            if parts[index].priority > 0 and not parts[index].keep:
                chosen[index] = Text("")
        left = Text.assemble(*(t for t, p in zip(chosen, parts, strict=True) if not p.right))
        right = Text.assemble(*(t for t, p in zip(chosen, parts, strict=True) if p.right))
        right.rstrip()
        right.append(" ")
        gap = width - cell_len(left.plain) - cell_len(right.plain)
        line = Text.assemble(left, " " * max(0, gap), right)
        line.truncate(width, overflow="ellipsis")
        return line
