"""The selected client's queue: open tasks in order, with estimate and due.

Due times show in the VA's home zone with a countdown (``Tue 17:00 · in 2d 3h``); the ``z``
key on the main screen switches them to the client's local time. Tasks waiting on someone
else are listed after the rest, dimmed.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import NamedTuple

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from vaplanner.core.models import Client, Task
from vaplanner.core.queues import countdown
from vaplanner.core.times import format_duration, to_local
from vaplanner.ui.widgets.cells import cut, fit
from vaplanner.ui.widgets.span_style import span_style

#: Statuses listed in the main part of the queue; the rest are "waiting".
ACTIVE_STATUSES = ("doing", "todo", "review")


class QueueView(NamedTuple):
    """What the queue shows: the client, their open tasks in order, and context."""

    client: Client | None
    tasks: tuple[Task, ...] = ()
    home_tz: str = "UTC"
    running_task_id: int | None = None
    placed_task_ids: frozenset[int] = frozenset()


_BOLD = Style(bold=True)

#: One line of the panel: (text, style) parts.
Line = list[tuple[str, Style | None]]


def format_due(due: datetime, tz: str, now: datetime) -> str:
    """``17:00`` today, ``Tue 17:00`` within a week, ``4 Dec 17:00`` further away."""
    local = to_local(due, tz)
    today = to_local(now, tz).date()
    days = (local.date() - today).days
    if days == 0:
        return f"{local:%H:%M}"
    if -6 <= days <= 6:
        return f"{local:%a %H:%M}"
    return f"{local.day} {local:%b %H:%M}"


class QueuePanel(ScrollView, can_focus=False):
    """The task list of one client; renders itself from :class:`QueueView` and ``now``.

    Lines are built once per change of view, minute, width or zone and drawn with the Line
    API, so switching client repaints the panel without a layout pass of the whole screen.
    """

    DEFAULT_CSS = """
    QueuePanel { height: 1fr; overflow-x: hidden; overflow-y: auto; scrollbar-size-vertical: 1; }
    QueuePanel > .queue--muted { color: $text-muted; }
    QueuePanel > .queue--overdue { color: $error; text-style: bold; }
    QueuePanel > .queue--soon { color: $warning; }
    QueuePanel > .queue--running { color: $accent; text-style: bold; }
    QueuePanel > .queue--urgent { color: $error; }
    """
    """Overdue dues use the error colour, dues within a day the warning colour."""

    COMPONENT_CLASSES = {
        "queue--muted",
        "queue--overdue",
        "queue--soon",
        "queue--running",
        "queue--urgent",
    }

    now: reactive[datetime] = reactive(datetime(2000, 1, 1, tzinfo=UTC), repaint=False)
    """The shared clock; countdowns are redrawn once a minute."""
    view: reactive[QueueView] = reactive(QueueView(None), repaint=False)
    """The queue to show."""
    client_zone: reactive[bool] = reactive(False, repaint=False)
    """Show dues in the client's zone instead of the home zone."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._minute: tuple[int, int, int, int, int] | None = None
        self._cache: list[Strip] = []  # one per line, as long as its text
        self._shown: list[Strip] = []  # the same, padded to the panel's width
        self._blank = Strip.blank(0)
        self._built_width: int | None = None  # None: the lines must be built again
        self._styles: dict[str, Style] = {}

    def watch_now(self, now: datetime) -> None:
        minute = (now.year, now.month, now.day, now.hour, now.minute)
        if minute != self._minute:
            self._minute = minute
            self._rebuild()

    def watch_view(self) -> None:
        self.scroll_to(y=0, animate=False)
        self._rebuild()

    def watch_client_zone(self) -> None:
        self._rebuild()

    def on_resize(self) -> None:
        # A Resize arrives after the first frame was drawn at that size: only a new width
        # needs new lines.
        self._fit()
        if self._built_width != self.scrollable_content_region.width:
            self._rebuild()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._rebuild()

    def _rebuild(self) -> None:
        """Forget the lines: they are built when next drawn, once, at the width shown (the
        first frame comes after several changes: view, now, styles, size)."""
        self._built_width = None
        if not self.is_mounted:
            return
        self._fit()
        self.refresh()

    def _fit(self) -> None:
        # Never smaller than the panel: while the queue fits, the virtual size stays put and a
        # client switch is a repaint, not a layout of the whole screen. No horizontal scroll
        # (lines are cut to the width), so the width does not take part.
        shown = self.scrollable_content_region.height
        size = Size(0, max(self._line_count(), shown))
        if size == self.virtual_size:
            return
        if shown and size.height <= shown and self.virtual_size.height <= shown:
            # It fits before and after (the panel's first height arriving): nothing to scroll
            # and no scrollbar to show or hide, so no layout of the screen either.
            self.set_reactive(QueuePanel.virtual_size, size)
        else:
            self.virtual_size = size

    def _build(self, width: int) -> None:
        """The lines for a panel ``width`` cells wide, padded to it: drawing a line is then a
        list lookup (a client switch draws every line of the panel)."""
        lines = self._lines(max(width, 12))
        base = self.rich_style
        # The panel's colours go under each part's own style (the colours of due lines,
        # "waiting" and the hints show); segments are made straight from the parts.
        self._cache = [
            Strip(list(Segment.apply_style([Segment(t, st) for t, st in line], base)))
            for line in lines
        ]
        self._shown = [strip.crop_extend(0, width, base) for strip in self._cache]
        self._blank = Strip.blank(width, base)
        self._built_width = width

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if self._built_width != width:
            self._build(width)
        index = y + self.scroll_offset.y
        if 0 <= index < len(self._shown):
            return self._shown[index]
        return self._blank

    def lines_text(self) -> str:
        """What the panel shows, as plain text (for tests)."""
        width = self.scrollable_content_region.width
        if self._built_width != width:
            self._build(width)
        return "\n".join(strip.text for strip in self._cache)

    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            style = span_style(self, f"queue--{name}")
            self._styles[name] = style
        return style

    def _line_count(self) -> int:
        """How many lines :meth:`_lines` makes, without making them."""
        view = self.view
        if view.client is None:
            return 1
        if not view.tasks:
            return 2
        count = sum(1 + (task.due is not None) for task in view.tasks)
        waiting = any(task.status not in ACTIVE_STATUSES for task in view.tasks)
        return count + waiting

    def _lines(self, width: int) -> list[Line]:
        view = self.view
        muted = self._style("muted")
        if view.client is None:
            return [[("no client selected", muted)]]
        active = [task for task in view.tasks if task.status in ACTIVE_STATUSES]
        waiting = [task for task in view.tasks if task.status not in ACTIVE_STATUSES]
        if not view.tasks:
            return [
                [("nothing open for this client", muted)],
                [("add one: vaplanner task add", muted)],
            ]
        lines: list[Line] = []
        for task in active:
            lines.extend(self._task_lines(task, width, dim=False))
        if waiting:
            lines.append([(f"waiting ({len(waiting)})", self._style("muted") + _BOLD)])
            for task in waiting:
                lines.extend(self._task_lines(task, width, dim=True))
        return lines

    def _task_lines(self, task: Task, width: int, *, dim: bool) -> list[Line]:
        view = self.view
        running = task.id == view.running_task_id
        marker = "▶ " if running else ("· " if task.id in view.placed_task_ids else "  ")
        estimate = format_duration(task.estimate_minutes) if task.estimate_minutes else ""
        flags = ("!" if task.urgent else "") + ("★" if task.important else "")
        tail = f" {flags}{' ' if flags and estimate else ''}{estimate}"
        room = max(4, width - 2 - cell_len(tail))
        title_style = self._style("running") if running else (self._style("muted") if dim else None)
        first: Line = [
            (marker, self._style("running") if running else self._style("muted")),
            (fit(task.title, room), title_style),
            (tail, self._style("urgent") if task.urgent else self._style("muted")),
        ]
        lines = [first]
        if task.due is not None:
            lines.append(self._due_line(task, task.due, width))
        return lines

    def _due_line(self, task: Task, due: datetime, width: int) -> Line:
        view = self.view
        client = view.client
        zone = task.due_tz or (client.tz if client else view.home_tz)
        shown_zone = zone if self.client_zone else view.home_tz
        when = format_due(due, shown_zone, self.now)
        label = "their " if self.client_zone and shown_zone != view.home_tz else ""
        left = countdown(due, self.now)
        style = self._style("muted")
        if due <= self.now:
            style = self._style("overdue")
        elif due - self.now <= timedelta(hours=24):
            style = self._style("soon")
        if due <= self.now:
            line = f"  {left} · {label}{when}"  # "overdue 3h · 11:32": the urgency first
        else:
            line = f"  due {label}{when} · {left}"
        return [(cut(line, width), style)]
