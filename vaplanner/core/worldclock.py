"""The world clock and the slot finder: every client's time, seen from the VA's home zone.

Pure functions the command line (``clock``, ``slots``, ``meeting list``) and the app's world
clock mode render. Everything is computed from instants; wall clocks are only read at the
edges, so results stay right in the weeks when zones change DST on different dates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Literal

from vaplanner.core.hours import (
    HoursState,
    Interval,
    hours_state,
    intersect,
    next_transition,
    subtract,
    windows_between,
)
from vaplanner.core.models import Client, Meeting, WeekHours
from vaplanner.core.recur import occurrences
from vaplanner.core.times import day_bounds, format_offset, get_zone

__all__ = [
    "ClockRow",
    "DstAlert",
    "RulerCell",
    "SlotSearch",
    "clock_row",
    "clock_rows",
    "dst_alerts",
    "find_slots",
    "hour_ruler",
    "offset_between",
    "ruler_cells",
    "slot_step",
]

RulerState = Literal["in", "part", "out", "off"]


# ---------------------------------------------------------------------------------- the clock


@dataclass(frozen=True, slots=True)
class ClockRow:
    """One client on the world clock at one instant."""

    client: Client
    local: datetime  # aware, in the client's zone
    utc_offset: str  # "+05:45"
    from_home: str  # client minus home: "+4:45", "-6", "0"
    in_hours: bool
    state: HoursState
    other_date: date | None  # the client's date when it is not the home date
    next_change: datetime | None  # UTC instant of the zone's next offset change
    next_offset: str | None  # the UTC offset after that change


def offset_between(tz: str, home_tz: str, instant: datetime) -> str:
    """How far ``tz`` is ahead of ``home_tz`` at ``instant``: ``+4:45``, ``-6``, ``0``."""
    theirs = instant.astimezone(get_zone(tz)).utcoffset() or timedelta(0)
    ours = instant.astimezone(get_zone(home_tz)).utcoffset() or timedelta(0)
    minutes = int((theirs - ours).total_seconds()) // 60
    if minutes == 0:
        return "0"
    sign = "+" if minutes > 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"{sign}{hours}" + (f":{rest:02d}" if rest else "")


def clock_row(client: Client, home_tz: str, now: datetime, soon_minutes: int = 30) -> ClockRow:
    """The world-clock row of ``client`` at ``now``."""
    zone = get_zone(client.tz)
    local = now.astimezone(zone)
    home_date = now.astimezone(get_zone(home_tz)).date()
    change = next_transition(client.tz, now)
    state = hours_state(client.hours, client.tz, now, soon_minutes)
    return ClockRow(
        client=client,
        local=local,
        utc_offset=format_offset(local.utcoffset()),
        from_home=offset_between(client.tz, home_tz, now),
        in_hours=state in ("in", "ending"),
        state=state,
        other_date=local.date() if local.date() != home_date else None,
        next_change=change,
        next_offset=format_offset(change.astimezone(zone).utcoffset()) if change else None,
    )


def clock_rows(clients: Iterable[Client], home_tz: str, now: datetime) -> list[ClockRow]:
    """World-clock rows for ``clients`` in the order given."""
    return [clock_row(client, home_tz, now) for client in clients]


# ---------------------------------------------------------------------------------- the ruler


@dataclass(frozen=True, slots=True)
class RulerCell:
    """One real hour of the VA's day, as the client sees it."""

    start: datetime  # UTC
    home_local: datetime  # aware, home zone
    client_local: datetime  # aware, client's zone
    state: RulerState  # "in" all hour, "part" of it, "out", "off" (no hours that local day)


def ruler_cells(hours: WeekHours, client_tz: str, home_tz: str, day: date) -> list[RulerCell]:
    """The VA's local ``day`` hour by hour (23 or 25 cells on DST days), each marked with the
    client's business-hours state during that real hour."""
    start, end = day_bounds(day, home_tz)
    windows = windows_between(hours, client_tz, start, end)
    home, client = get_zone(home_tz), get_zone(client_tz)
    cells: list[RulerCell] = []
    cursor = start
    while cursor < end:
        following = min(end, cursor + timedelta(hours=1))
        covered = sum(
            (
                min(e, following) - max(s, cursor)
                for s, e in windows
                if s < following and e > cursor
            ),
            timedelta(0),
        )
        local = cursor.astimezone(client)
        state: RulerState
        if covered >= following - cursor:
            state = "in"
        elif covered > timedelta(0):
            state = "part"
        elif not hours.for_weekday(local.weekday()):
            state = "off"
        else:
            state = "out"
        cells.append(RulerCell(cursor, cursor.astimezone(home), local, state))
        cursor = following
    return cells


def hour_ruler(hours: WeekHours, client_tz: str, home_tz: str, day: date) -> list[str]:
    """The states of :func:`ruler_cells` only: one string per real hour of the home day."""
    return [cell.state for cell in ruler_cells(hours, client_tz, home_tz, day)]


# --------------------------------------------------------------------------- the slot finder


@dataclass(frozen=True, slots=True)
class SlotSearch:
    """What :func:`find_slots` found: the shared ``windows`` and the bookable ``slots``."""

    windows: list[Interval]
    slots: list[Interval]
    start: datetime
    end: datetime
    step_minutes: int


def slot_step(duration_minutes: int) -> int:
    """Candidate starts every 15 minutes; every 30 for meetings of two hours or more."""
    return 30 if duration_minutes >= 120 else 15


def _align(instant: datetime, step: int, home_tz: str) -> datetime:
    """The first instant at or after ``instant`` on the ``step``-minute grid of the home wall
    clock (every offset in use is a multiple of 15 minutes, so this is also on the grid of
    the clients' clocks for 15-minute steps)."""
    local = instant.astimezone(get_zone(home_tz))
    exact = local.replace(second=0, microsecond=0)
    if exact < local:
        exact += timedelta(minutes=1)
    past = exact.minute % step
    aligned = exact + timedelta(minutes=(step - past) % step)
    return aligned.astimezone(UTC)


def find_slots(
    clients: Sequence[tuple[WeekHours, str]],
    *,
    work_hours: WeekHours,
    home_tz: str,
    first_day: date,
    days: int,
    duration_minutes: int,
    busy: Iterable[Interval] = (),
    only_clients: bool = False,
    not_before: datetime | None = None,
    step_minutes: int | None = None,
) -> SlotSearch:
    """Times that suit the VA and every client, over ``days`` home days from ``first_day``.

    ``windows`` are the maximal intervals where the VA's work hours (left out with
    ``only_clients``) and every client's business hours overlap; ``busy`` (meeting
    occurrences, blocks) is not taken out of them. ``slots`` are the ``duration_minutes``
    stretches, starting on the home clock's ``step_minutes`` grid, that fit inside a window
    and overlap nothing busy; none starts before ``not_before``.
    """
    if days < 1:
        raise ValueError("days must be at least 1")
    start, _ = day_bounds(first_day, home_tz)
    _, end = day_bounds(first_day + timedelta(days=days - 1), home_tz)
    shared: list[Interval] = [(start, end)]
    if not only_clients:
        shared = intersect(shared, windows_between(work_hours, home_tz, start, end))
    for hours, tz in clients:
        shared = intersect(shared, windows_between(hours, tz, start, end))
    step = step_minutes or slot_step(duration_minutes)
    length = timedelta(minutes=duration_minutes)
    slots: list[Interval] = []
    for free_start, free_end in subtract(shared, list(busy)):
        begin = free_start if not_before is None else max(free_start, not_before)
        cursor = _align(begin, step, home_tz)
        while cursor + length <= free_end:
            slots.append((cursor, cursor + length))
            cursor += timedelta(minutes=step)
    return SlotSearch(shared, slots, start, end, step)


# --------------------------------------------------------------------------------- DST alerts


@dataclass(frozen=True, slots=True)
class DstAlert:
    """A recurring meeting whose time on the VA's clock changes soon."""

    meeting: Meeting
    start: datetime  # UTC start of the first occurrence at the new home time
    day: date  # its date on the home clock
    old_time: str  # "15:00" (home clock)
    new_time: str  # "14:00"
    message: str  # "from 10 Mar the Acme call is at 14:00, not 15:00"


def dst_alerts(
    meetings: Iterable[Meeting],
    home_tz: str,
    now: datetime,
    days: int = 21,
    label: Callable[[Meeting], str] | Mapping[int, str] | None = None,
) -> list[DstAlert]:
    """Recurring meetings whose start on the home clock shifts within ``days`` of ``now``
    because either zone changes its offset; sorted by when the shift happens.

    ``label`` names a meeting in the message (default: its title), as in "the Acme call".
    """
    home = get_zone(home_tz)
    horizon = now + timedelta(days=days)
    alerts: list[DstAlert] = []
    for meeting in meetings:
        if meeting.every is None:
            continue
        # Look back past one whole period, so the first occurrence ahead has one to compare to.
        found = occurrences(meeting, now - timedelta(days=40), horizon)
        for before, after in zip(found, found[1:], strict=False):
            if not now <= after.start < horizon:
                continue
            old = before.start.astimezone(home)
            new = after.start.astimezone(home)
            if (old.hour, old.minute) == (new.hour, new.minute):
                continue
            name = _label(meeting, label)
            old_text, new_text = f"{old:%H:%M}", f"{new:%H:%M}"
            when = f"{new.day} {new:%b}"
            message = f"from {when} the {name} is at {new_text}, not {old_text}"
            alerts.append(DstAlert(meeting, after.start, new.date(), old_text, new_text, message))
    alerts.sort(key=lambda alert: (alert.start, alert.meeting.id))
    return alerts


def _label(meeting: Meeting, label: Callable[[Meeting], str] | Mapping[int, str] | None) -> str:
    if label is None:
        return meeting.title
    if callable(label):
        return label(meeting)
    return label.get(meeting.id, meeting.title)
