"""The arithmetic under the day plan: its grid of 15-minute rows, and minutes of time spans.

Pure, and knows only instants and intervals (UTC, half-open); :mod:`vaplanner.core.planner`
puts blocks, meetings and tracked time on it. The grid runs from ``settings.day_start`` to
``settings.day_end``, extended to anything planned or tracked outside them (and to ``now`` on
today). On a DST day the home day has 23 or 25 hours: the missing wall hour has no rows and the
repeated one has two sets of rows (the second with ``Row.repeated``). Minutes are counted over
the union of spans, so overlapping time counts once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, timedelta, tzinfo
from typing import NamedTuple

from vaplanner.core.hours import Interval, merge
from vaplanner.core.models import Settings
from vaplanner.core.times import resolve_wall

ROW_MINUTES = 15
ROW = timedelta(minutes=ROW_MINUTES)
TICK = timedelta(microseconds=1)  # so that an end on a row boundary stays in the row before

#: The grid's bounds: (grid start, grid end, configured start, configured end), UTC.
Grid = tuple[datetime, datetime, datetime, datetime]


class Row(NamedTuple):
    """One 15-minute row of the grid: real instants, labelled in the home zone."""

    start: datetime  # UTC
    end: datetime  # UTC
    local: datetime  # aware, home zone; fold=1 on the second pass of a repeated hour
    planned: tuple[int, ...] = ()  # indexes into DayPlan.items
    tracked: tuple[int, ...] = ()  # indexes into DayPlan.tracked
    in_hours: frozenset[int] = frozenset()  # ids of clients in business hours in this row
    working: bool = False  # inside the VA's own work hours
    extended: bool = False  # outside day_start..day_end, shown because something is there
    conflict: bool = False  # two planned items overlap in this row

    @property
    def label(self) -> str:
        return self.local.strftime("%H:%M")

    @property
    def repeated(self) -> bool:
        """The second pass of a wall hour that a fall-back transition repeats."""
        return self.local.fold == 1

    @property
    def on_the_hour(self) -> bool:
        return self.local.minute == 0


def grid_span(
    day: date,
    tz: str,
    settings: Settings,
    things: list[Interval],
    now: datetime,
    day_start: datetime,
    day_end: datetime,
) -> Grid:
    """(grid start, grid end, configured start, configured end), all UTC and row-aligned.

    ``things`` are the planned and tracked spans the grid must reach; ``now`` is reached too
    when it falls on ``day`` (``[day_start, day_end)``, the whole home day).
    """
    first_wall = time(settings.day_start.hour, settings.day_start.minute // 15 * 15)
    first = _clamp(resolve_wall(datetime.combine(day, first_wall), tz)[0], day_start, day_end)
    if settings.day_end == time(0) or settings.day_end <= settings.day_start:
        last = day_end  # a day that runs to midnight
    else:
        last = _clamp(
            resolve_wall(datetime.combine(day, settings.day_end), tz)[0], day_start, day_end
        )
    last = first + _ceil_rows(last - first) if last > first else min(first + ROW, day_end)
    clipped = [
        (max(s, day_start), min(e, day_end)) for s, e in things if s < day_end and day_start < e
    ]
    if day_start <= now < day_end:
        clipped.append((now, now + TICK))
    lo = min([first] + [s for s, _ in clipped])
    hi = max([last] + [e for _, e in clipped])
    start = max(first - _ceil_rows(first - lo), day_start)
    end = start + _ceil_rows(hi - start)
    return start, end, first, last


def _ceil_rows(span: timedelta) -> timedelta:
    count = -(-span // ROW)  # ceiling division of timedeltas
    return ROW * max(count, 0)


def grid_rows(
    grid: Grid,
    zone: tzinfo,
    marks: Mapping[str, list[tuple[int, Interval]]],
) -> tuple[Row, ...]:
    """Rows from grid start to end; ``marks`` name, per kind, (value, interval) pairs."""
    start, end, first, last = grid
    count = int((end - start) // ROW)
    found: dict[str, list[list[int]]] = {kind: [[] for _ in range(count)] for kind in marks}
    for kind, pairs in marks.items():
        for value, (a, b) in pairs:
            a, b = max(a, start), min(b, end)
            if a < b:  # the rows that [a, b) touches
                for r in range(int((a - start) // ROW), int((b - start - TICK) // ROW) + 1):
                    found[kind][r].append(value)
    rows: list[Row] = []
    for r in range(count):
        row_start = start + r * ROW
        rows.append(
            Row(
                start=row_start,
                end=row_start + ROW,
                local=row_start.astimezone(zone),
                planned=tuple(found["planned"][r]),
                tracked=tuple(found["tracked"][r]),
                in_hours=frozenset(found["hours"][r]),
                working=bool(found["working"][r]),
                extended=not first <= row_start < last,
                conflict=bool(found["conflict"][r]),
            )
        )
    return tuple(rows)


def _clamp(value: datetime, low: datetime, high: datetime) -> datetime:
    return min(max(value, low), high)


def _clip_all(intervals: Iterable[Interval], start: datetime, end: datetime) -> list[Interval]:
    return [(max(a, start), min(b, end)) for a, b in intervals if a < end and start < b]


def union_seconds(intervals: Iterable[Interval]) -> float:
    """Seconds covered by ``intervals``, overlaps counted once."""
    return sum((b - a).total_seconds() for a, b in merge(intervals))


def union_minutes(intervals: Iterable[Interval], start: datetime, end: datetime) -> int:
    """Whole minutes (rounded) that ``intervals`` cover inside ``[start, end)``."""
    return int(union_seconds(_clip_all(intervals, start, end)) + 30) // 60


def minutes_by_client(
    spans: Iterable[tuple[int | None, datetime, datetime]], start: datetime, end: datetime
) -> dict[int, int]:
    """Per client, the minutes of its ``(client_id, start, end)`` spans inside ``[start, end)``;
    spans without a client and clients with no minutes are left out."""
    grouped: dict[int, list[Interval]] = {}
    for client_id, a, b in spans:
        if client_id is not None:
            grouped.setdefault(client_id, []).append((a, b))
    totals = {cid: union_minutes(spans_, start, end) for cid, spans_ in grouped.items()}
    return {cid: minutes for cid, minutes in totals.items() if minutes}
