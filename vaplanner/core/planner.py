"""The day plan: one date in the home zone as a grid of 15-minute rows.

Pure: ``now`` and the home zone come in as arguments; nothing here reads a clock or a file.

A :class:`DayPlan` holds, for one home date:

* ``items``: blocks and meeting occurrences (:class:`PlanItem`), sorted by start;
* ``tracked``: tracked entries and the running timer as a live entry up to ``now``;
* ``rows``: real instants 15 minutes apart (:class:`~vaplanner.core.plan_grid.Row`), from
  ``settings.day_start`` to ``settings.day_end`` and beyond when something is there; DST days
  have 23 or 25 hours of rows (see :mod:`vaplanner.core.plan_grid`);
* ``conflicts`` (overlapping blocks/meetings), ``gaps`` (free time inside the VA's work hours),
  planned vs tracked minutes in total and per client, and a capacity warning when planned
  client time exceeds the VA's work hours that day.

The result types are named tuples: immutable like the models' frozen dataclasses, but made
several times faster when the module is imported, which the app's first screen waits for.

Editing a plan (placing a task, moving or resizing a block) is in :mod:`vaplanner.core.placing`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Literal, NamedTuple

from vaplanner.core.hours import subtract, windows_between
from vaplanner.core.models import Block, BlockCategory, Client, Entry, Meeting, Settings, Timer
from vaplanner.core.plan_grid import (
    ROW,
    TICK,
    Row,
    grid_rows,
    grid_span,
    minutes_by_client,
    union_minutes,
    union_seconds,
)
from vaplanner.core.recur import Occurrence, occurrences_many
from vaplanner.core.times import day_bounds, format_duration, get_zone

#: Categories that never count as client time, even when a client is attached.
NOT_CLIENT_TIME: tuple[str, ...] = ("break", "buffer")

Interval = tuple[datetime, datetime]
ItemKind = Literal["block", "meeting"]


class PlanItem(NamedTuple):
    """A block or one meeting occurrence, with UTC instants."""

    kind: ItemKind
    start: datetime
    end: datetime
    title: str
    client_id: int | None
    category: BlockCategory
    block: Block | None = None
    meeting: Meeting | None = None
    outside_hours: bool = False  # client time not fully inside the client's business hours

    @property
    def ref(self) -> str:
        """``"block 12"`` or ``"meeting 3"``: how the command line names it."""
        source = self.block if self.block is not None else self.meeting
        return f"{self.kind} {source.id if source is not None else 0}"

    @property
    def minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)

    @property
    def is_client_time(self) -> bool:
        return self.client_id is not None and self.category not in NOT_CLIENT_TIME

    def overlaps(self, start: datetime, end: datetime) -> bool:
        return self.start < end and start < self.end


class TrackedItem(NamedTuple):
    """Tracked time: a stored entry, or the running timer (``entry is None``) up to now."""

    client_id: int
    start: datetime
    end: datetime
    entry: Entry | None = None
    task_id: int | None = None
    note: str = ""

    @property
    def running(self) -> bool:
        return self.entry is None

    @property
    def minutes(self) -> int:
        return (int((self.end - self.start).total_seconds()) + 30) // 60


class Conflict(NamedTuple):
    """Two planned items that overlap; ``start``/``end`` is the overlap."""

    first: PlanItem
    second: PlanItem

    @property
    def start(self) -> datetime:
        return max(self.first.start, self.second.start)

    @property
    def end(self) -> datetime:
        return min(self.first.end, self.second.end)

    @property
    def minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)

    def describe(self, tz: str, names: Mapping[int, str] | None = None) -> str:
        """``block 'Newsletter' 09:00-10:00 overlaps meeting 4 'Sync' (Acme) 09:30-10:00``."""
        return (
            f"{describe_item(self.first, tz, names)} overlaps "
            f"{describe_item(self.second, tz, names)}"
        )


class DayPlan(NamedTuple):
    """Everything the day grid and ``vaplanner plan`` show for one home date."""

    day: date
    tz: str
    now: datetime
    bounds: Interval  # the whole home day, UTC [start, next day's start)
    rows: tuple[Row, ...]
    items: tuple[PlanItem, ...]
    tracked: tuple[TrackedItem, ...]
    conflicts: tuple[Conflict, ...]
    gaps: tuple[Interval, ...]  # free stretches inside the VA's work hours
    work_minutes: int
    planned_minutes: int  # client time, overlaps counted once
    tracked_minutes: int
    planned_by_client: Mapping[int, int]
    tracked_by_client: Mapping[int, int]
    capacity_warning: str | None = None
    clients: tuple[Client, ...] = ()  # the clients the plan was built with, in order

    @property
    def start(self) -> datetime:
        return self.rows[0].start

    @property
    def end(self) -> datetime:
        return self.rows[-1].end

    @property
    def is_today(self) -> bool:
        return self.bounds[0] <= self.now < self.bounds[1]

    @property
    def now_row(self) -> int | None:
        """The row that contains ``now``, or None when now is not on the grid."""
        return self.row_at(self.now)

    @property
    def outside_hours(self) -> tuple[PlanItem, ...]:
        return tuple(item for item in self.items if item.outside_hours)

    def row_at(self, instant: datetime) -> int | None:
        """Index of the row containing ``instant``, or None when it is off the grid."""
        if not self.rows or not self.start <= instant < self.end:
            return None
        return int((instant - self.start) // ROW)

    def item_rows(self, item: PlanItem | TrackedItem) -> tuple[int, int] | None:
        """First and last row (inclusive) that ``item`` covers, or None when off the grid."""
        start, end = max(item.start, self.start), min(item.end, self.end)
        if start >= end:
            return None
        first = int((start - self.start) // ROW)
        last = int((end - self.start - TICK) // ROW)
        return first, last

    def items_at(self, row: int) -> list[PlanItem]:
        return [self.items[i] for i in self.rows[row].planned]

    def tracked_at(self, row: int) -> list[TrackedItem]:
        return [self.tracked[i] for i in self.rows[row].tracked]


# --- building ------------------------------------------------------------------------------


def plan_items(blocks: Iterable[Block], occurrences: Iterable[Occurrence] = ()) -> list[PlanItem]:
    """Blocks and meeting occurrences as plan items, sorted by start."""
    items = [block_item(block) for block in blocks]
    for occ in occurrences:
        meeting = occ.meeting
        category: BlockCategory = "client" if meeting.client_id is not None else "admin"
        items.append(
            PlanItem(
                "meeting",
                occ.start,
                occ.end,
                meeting.title,
                meeting.client_id,
                category,
                meeting=meeting,
            )
        )
    items.sort(key=lambda item: (item.start, item.end, item.kind))
    return items


def block_item(block: Block) -> PlanItem:
    """One block as a plan item."""
    return PlanItem(
        "block", block.start, block.end, block.title, block.client_id, block.category, block=block
    )


def build_day_plan(
    day: date,
    *,
    settings: Settings,
    now: datetime,
    tz: str | None = None,
    blocks: Iterable[Block] = (),
    meetings: Iterable[Meeting] = (),
    entries: Iterable[Entry] = (),
    timer: Timer | None = None,
    clients: Iterable[Client] = (),
) -> DayPlan:
    """The plan for ``day`` in the home zone (``tz``, default ``settings.home_tz``).

    Args:
        day: the home date.
        settings: day_start/day_end give the grid, work_hours the capacity and free gaps.
        now: the app's clock (UTC); the running timer is tracked up to it.
        blocks, entries: may include records from other days; only the day's part is used.
        meetings: expanded here with :func:`vaplanner.core.recur.occurrences_many`.
        timer: the running timer, shown as a live tracked entry.
        clients: for business-hours rows and flags, kept on the plan in this order.
    """
    home = tz or settings.home_tz
    zone = get_zone(home)
    day_start, day_end = day_bounds(day, home)
    shown = tuple(clients)
    client_map = {client.id: client for client in shown}

    items = _flag_outside_hours(
        plan_items(
            (b for b in blocks if b.start < day_end and day_start < b.end),
            occurrences_many(list(meetings), day_start, day_end),
        ),
        client_map,
    )
    tracked = _tracked(entries, timer, now, day_start, day_end)
    conflicts = _conflicts_among(items)
    work = windows_between(settings.work_hours, home, day_start, day_end)

    spans = [(i.start, i.end) for i in items] + [(t.start, t.end) for t in tracked]
    grid = grid_span(day, home, settings, spans, now, day_start, day_end)
    marks: dict[str, list[tuple[int, Interval]]] = {
        "planned": [(i, (item.start, item.end)) for i, item in enumerate(items)],
        "tracked": [(i, (t.start, t.end)) for i, t in enumerate(tracked)],
        "conflict": [(0, (c.start, c.end)) for c in conflicts],
        "working": [(0, window) for window in work],
        "hours": [
            (client.id, window)
            for client in shown
            for window in windows_between(client.hours, client.tz, grid[0], grid[1])
        ],
    }
    rows = grid_rows(grid, zone, marks)

    planned_by = minutes_by_client(
        [(i.client_id, i.start, i.end) for i in items if i.is_client_time],
        day_start,
        day_end,
    )
    tracked_by = minutes_by_client(
        [(t.client_id, t.start, t.end) for t in tracked], day_start, day_end
    )
    planned = union_minutes(
        [(i.start, i.end) for i in items if i.is_client_time], day_start, day_end
    )
    work_minutes = union_minutes(work, day_start, day_end)
    return DayPlan(
        day=day,
        tz=home,
        now=now,
        bounds=(day_start, day_end),
        rows=rows,
        items=tuple(items),
        tracked=tuple(tracked),
        conflicts=tuple(conflicts),
        gaps=tuple(free_gaps(work, [(i.start, i.end) for i in items])),
        work_minutes=work_minutes,
        planned_minutes=planned,
        tracked_minutes=union_minutes([(t.start, t.end) for t in tracked], day_start, day_end),
        planned_by_client=planned_by,
        tracked_by_client=tracked_by,
        capacity_warning=capacity_warning(planned, work_minutes),
        clients=shown,
    )


def outside_hours(start: datetime, end: datetime, client: Client) -> bool:
    """Whether ``[start, end)`` is not wholly inside ``client``'s business hours."""
    if end <= start:
        return False
    inside = union_seconds(windows_between(client.hours, client.tz, start, end))
    return inside < (end - start).total_seconds()


def capacity_warning(planned_minutes: int, work_minutes: int) -> str | None:
    """A one-line warning when planned client time exceeds the day's work hours."""
    if planned_minutes <= work_minutes:
        return None
    if work_minutes == 0:
        return f"{format_duration(planned_minutes)} of client time planned on a day off"
    return (
        f"{format_duration(planned_minutes)} of client time planned, more than your "
        f"{format_duration(work_minutes)} of work hours"
    )


def free_gaps(windows: Sequence[Interval], busy: Iterable[Interval]) -> list[Interval]:
    """Parts of ``windows`` not covered by ``busy`` (both UTC, half-open), in order."""
    return subtract(list(windows), list(busy))


def describe_item(item: PlanItem, tz: str, names: Mapping[int, str] | None = None) -> str:
    """``meeting 4 'Weekly sync' (Acme) 09:30-10:00`` in the zone ``tz``."""
    source = item.block if item.block is not None else item.meeting
    ident = f" {source.id}" if source is not None and source.id else ""
    label = f"{item.kind}{ident}"
    if item.title:
        label += f" '{item.title}'"
    if item.client_id is not None and names and item.client_id in names:
        label += f" ({names[item.client_id]})"
    elif item.client_id is None and item.category != "client":
        label += f" ({item.category})"
    return f"{label} {format_span(item.start, item.end, tz)}"


def format_span(start: datetime, end: datetime, tz: str) -> str:
    """``09:30-10:00`` in ``tz``."""
    zone = get_zone(tz)
    return f"{start.astimezone(zone):%H:%M}-{end.astimezone(zone):%H:%M}"


# --- internals -----------------------------------------------------------------------------


def _flag_outside_hours(items: list[PlanItem], clients: Mapping[int, Client]) -> list[PlanItem]:
    flagged: list[PlanItem] = []
    for item in items:
        client = clients.get(item.client_id) if item.client_id is not None else None
        if (
            client is not None
            and item.is_client_time
            and outside_hours(item.start, item.end, client)
        ):
            item = item._replace(outside_hours=True)
        flagged.append(item)
    return flagged


def _tracked(
    entries: Iterable[Entry], timer: Timer | None, now: datetime, start: datetime, end: datetime
) -> list[TrackedItem]:
    tracked = [
        TrackedItem(e.client_id, e.start, e.end, entry=e, task_id=e.task_id, note=e.note)
        for e in entries
        if e.start < end and start < e.end
    ]
    if timer is not None and timer.started < now and timer.started < end and start < now:
        tracked.append(
            TrackedItem(timer.client_id, timer.started, now, task_id=timer.task_id, note=timer.note)
        )
    tracked.sort(key=lambda t: (t.start, t.end))
    return tracked


def _conflicts_among(items: Sequence[PlanItem]) -> list[Conflict]:
    """Every overlapping pair, by a sweep over items sorted by start."""
    found: list[Conflict] = []
    active: list[PlanItem] = []
    for item in items:
        active = [a for a in active if a.end > item.start]
        found.extend(Conflict(a, item) for a in active if a.start < item.end)
        active.append(item)
    return found
