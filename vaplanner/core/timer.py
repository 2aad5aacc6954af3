"""Timer rules: start, switch, stop, cancel, log, start in the past, forgotten timers.

Pure functions: the caller passes ``now``, the running timer and the entries near the
instants involved, and gets back what to store (``vaplanner.actions`` does the storing inside
one transaction). Every instant is UTC and kept to the second.

Messages that name an entry show it in the VA's home zone, as a person would recognise it:
``entry #812 (Koala 08:30-09:40)``, with the weekday and date when it is not today.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from vaplanner.core.errors import ConflictError, InputError, NothingRunningError
from vaplanner.core.limits import MAX_ENTRY_MINUTES
from vaplanner.core.models import Entry, Settings, Timer

#: A start or stop may be typed up to this far ahead of ``now`` (clock skew, "09:10" typed at
#: 09:09:40); it is then taken as ``now``. Further ahead is refused.
FUTURE_SLACK = timedelta(minutes=1)

#: An overlap shorter than this with the edge of an existing entry is forgiven by moving the
#: new edge onto the old one: "--at 09:40" right after a stop at 09:40:27 means 09:40:27.
SNAP = timedelta(seconds=60)

#: The longest entry ``log`` takes, and how far back ``start --at`` reaches: "1900-01-01" is a
#: typo, and one entry spanning years makes every later range query read those years.
MAX_SPAN = timedelta(minutes=MAX_ENTRY_MINUTES)  # one source: core.limits

NameOf = Callable[[int], str]


def _no_name(client_id: int) -> str:
    return f"client {client_id}"


class Value:
    """A small immutable value compared and shown by its slots, as a frozen slotted dataclass
    is, for the result types of the timer paths: creating a dataclass runs ``exec`` for each of its
    methods when the module is imported (~0.4 ms apiece of the start-up budget of ``vaplanner
    status``, ``start`` and ``stop``). Subclasses list ``__slots__``, annotate them, and set
    them in ``__init__`` with :meth:`_set`."""

    __slots__: tuple[str, ...] = ()

    def _set(self, **values: object) -> None:
        for name, value in values.items():
            object.__setattr__(self, name, value)

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable: cannot set {name}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable: cannot delete {name}")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, Value)
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({shown})"


class StartPlan(Value):
    """What a start changes: the new timer, and the entry the running timer becomes."""

    __slots__ = ("timer", "stopped", "replaced")
    timer: Timer
    stopped: Entry | None
    replaced: Timer | None  # a timer started this same second, dropped (nothing tracked)

    def __init__(self, timer: Timer, stopped: Entry | None, replaced: Timer | None = None):
        self._set(timer=timer, stopped=stopped, replaced=replaced)


class Forgotten(Value):
    """Why a running timer looks forgotten, and where it probably should have ended."""

    __slots__ = ("reason", "suggested_end")
    reason: str
    suggested_end: datetime

    def __init__(self, reason: str, suggested_end: datetime) -> None:
        self._set(reason=reason, suggested_end=suggested_end)


def to_second(instant: datetime) -> datetime:
    """``instant`` in UTC without its fraction of a second (entries are kept to the second)."""
    if instant.tzinfo is None:
        raise ValueError("instants must be timezone-aware")
    return instant.astimezone(UTC).replace(microsecond=0)


def hmm(seconds: int) -> str:
    """A length as ``h:mm`` (``0:42``, ``13:05``), rounded down to the minute."""
    minutes = max(0, seconds) // 60
    return f"{minutes // 60}:{minutes % 60:02d}"


def local_label(instant: datetime, tz: str, now: datetime | None = None) -> str:
    """``09:10`` when ``instant`` falls on the same local day as ``now``, else
    ``Thu 26 Nov 09:10`` (with the year when it differs)."""
    zone = ZoneInfo(tz)
    local = instant.astimezone(zone)
    clock = local.strftime("%H:%M")
    if now is not None:
        today = now.astimezone(zone).date()
        if local.date() == today:
            return clock
        if local.year != today.year:
            return f"{local:%a} {local.day} {local:%b %Y} {clock}"
    return f"{local:%a} {local.day} {local:%b} {clock}"


def at_hint(instant: datetime, tz: str, now: datetime) -> str:
    """The ``--at`` argument that names ``instant``: ``17:00`` today, else a quoted full form."""
    zone = ZoneInfo(tz)
    local = instant.astimezone(zone)
    if local.date() == now.astimezone(zone).date():
        return local.strftime("%H:%M")
    return f'"{local:%Y-%m-%d %H:%M}"'


def span_label(start: datetime, end: datetime, tz: str, now: datetime | None = None) -> str:
    """``08:30-09:40`` today, ``Thu 26 Nov 08:30-09:40`` another day, both ends dated when
    the span crosses midnight."""
    zone = ZoneInfo(tz)
    same_day = start.astimezone(zone).date() == end.astimezone(zone).date()
    tail = end.astimezone(zone).strftime("%H:%M") if same_day else local_label(end, tz)
    return f"{local_label(start, tz, now)}-{tail}"


def describe_entry(entry: Entry, name_of: NameOf, tz: str, now: datetime | None = None) -> str:
    """``entry #812 (Koala 08:30-09:40)``: an entry as the user would recognise it."""
    span = span_label(entry.start, entry.end, tz, now)
    return f"entry #{entry.id} ({name_of(entry.client_id)} {span})"


def find_overlap(
    entries: Iterable[Entry], start: datetime, end: datetime, *, ignore_id: int | None = None
) -> Entry | None:
    """The first entry (by start) that shares time with ``[start, end)``; touching is fine."""
    hits = [
        e for e in entries if e.id != ignore_id and e.start < end and e.end > start and start < end
    ]
    return min(hits, key=lambda e: (e.start, e.id)) if hits else None


def fit(
    entries: Iterable[Entry], start: datetime, end: datetime | None
) -> tuple[datetime, datetime | None]:
    """Forgive overlaps of under a minute at either edge by moving the new edge.

    ``end=None`` stands for a running timer (open-ended). Larger overlaps are left for
    :func:`find_overlap` to report.
    """
    for entry in sorted(entries, key=lambda e: e.start):
        if entry.start < start < entry.end and entry.end - start < SNAP:
            start = entry.end
        if end is not None and start < entry.start < end < entry.end and end - entry.start < SNAP:
            end = entry.start
    return start, end


def not_future(instant: datetime, now: datetime, what: str, tz: str) -> datetime:
    """``instant`` to the second, or ``now`` when within a minute ahead; later is refused."""
    instant = to_second(instant)
    now = to_second(now)
    if instant <= now:
        return instant
    if instant - now <= FUTURE_SLACK:
        return now
    raise InputError(
        f"{what} {local_label(instant, tz, now)} is in the future "
        f"(it is {local_label(now, tz, now)}); "
        "use a time up to now, e.g. --at=-15m or --at 09:10"
    )


def plan_start(
    current: Timer | None,
    client_id: int,
    *,
    now: datetime,
    entries: Iterable[Entry],
    at: datetime | None = None,
    task_id: int | None = None,
    note: str = "",
    tz: str = "UTC",
    name_of: NameOf = _no_name,
) -> StartPlan:
    """Start a timer at ``at`` (default ``now``); a running timer ends at that instant.

    Args:
        current: the running timer, if any (a switch).
        entries: stored entries around ``[at, now]`` and the running timer's span.
        tz: the zone used to show times in messages (the home zone).

    Raises:
        InputError: ``at`` is in the future, or not after the running timer's start.
        ConflictError: the new timer or the stopped one would overlap a stored entry.
    """
    now = to_second(now)
    start = now if at is None else not_future(at, now, "a start at", tz)
    if now - start > MAX_SPAN:
        raise InputError(
            f"a start at {local_label(start, tz, now)} is more than "
            f"{MAX_SPAN // timedelta(hours=1)} hours ago; record past work with "
            "'vaplanner log CLIENT --from WHEN --to WHEN'"
        )
    known = list(entries)
    stopped: Entry | None = None
    replaced: Timer | None = None
    if current is not None and at is None and start <= current.started:
        # Another process started the running timer this very second (or the clocks differ a
        # little): nothing was tracked yet, so the new timer simply takes its place.
        if current.started - now > FUTURE_SLACK:
            raise InputError("the running timer starts in the future; check the system clock")
        start = max(start, to_second(current.started))
        replaced = current
        current = None
    if current is not None:
        if start <= current.started:
            raise InputError(
                f"the running timer ({name_of(current.client_id)}) started at "
                f"{local_label(current.started, tz, now)}; a switch at "
                f"{local_label(start, tz, now)} must be after that "
                "(or 'vaplanner cancel' it first)"
            )
        stopped = _as_entry(current, start, known, tz, now, name_of)
    start, _ = fit(known, start, None)
    clash = find_overlap(known, start, now + timedelta(seconds=1))
    if clash is not None:
        raise ConflictError(
            f"a start at {local_label(start, tz, now)} would overlap "
            f"{describe_entry(clash, name_of, tz, now)}; start at "
            f"{local_label(clash.end, tz, now)} or later"
        )
    timer = Timer(client_id=client_id, started=start, task_id=task_id, note=note)
    return StartPlan(timer, stopped, replaced)


def plan_stop(
    current: Timer | None,
    *,
    now: datetime,
    entries: Iterable[Entry],
    at: datetime | None = None,
    tz: str = "UTC",
    name_of: NameOf = _no_name,
) -> Entry:
    """The entry that the running timer becomes when it stops at ``at`` (default ``now``).

    Raises:
        NothingRunningError: no timer runs.
        InputError: ``at`` is in the future or before the timer's start.
        ConflictError: the entry would overlap a stored one.
    """
    if current is None:
        raise NothingRunningError("no timer is running; start one with 'vaplanner start CLIENT'")
    now = to_second(now)
    end = now if at is None else not_future(at, now, "a stop at", tz)
    if at is None and end < current.started <= end + FUTURE_SLACK:
        end = to_second(current.started)  # started by another process a moment ago
    if end < current.started:
        raise InputError(
            f"the timer ({name_of(current.client_id)}) started at "
            f"{local_label(current.started, tz, now)}; a stop at {local_label(end, tz, now)} "
            "must not be before that (use 'vaplanner cancel' to drop it)"
        )
    return _as_entry(current, end, list(entries), tz, now, name_of)


def _as_entry(
    timer: Timer, end: datetime, entries: list[Entry], tz: str, now: datetime, name_of: NameOf
) -> Entry:
    start, fitted_end = fit(entries, to_second(timer.started), end)
    end = fitted_end or end
    clash = find_overlap(entries, start, end)
    if clash is not None:
        raise ConflictError(
            f"the running timer ({name_of(timer.client_id)} since "
            f"{local_label(timer.started, tz, now)}) overlaps "
            f"{describe_entry(clash, name_of, tz, now)}; stop it earlier with --at or cancel it"
        )
    return Entry(
        client_id=timer.client_id, start=start, end=end, task_id=timer.task_id, note=timer.note
    )


def plan_log(
    client_id: int,
    start: datetime,
    end: datetime,
    *,
    entries: Iterable[Entry],
    running: Timer | None = None,
    now: datetime | None = None,
    task_id: int | None = None,
    note: str = "",
    billable: bool = True,
    tz: str = "UTC",
    name_of: NameOf = _no_name,
) -> Entry:
    """A finished entry ``[start, end)``, checked against stored entries and the running timer.

    Raises:
        InputError: the end is not after the start, or (with ``now``) lies in the future.
        ConflictError: it overlaps a stored entry or the running timer.
    """
    start, end = to_second(start), to_second(end)
    if now is not None:
        end = not_future(end, now, "an end at", tz)
        start = not_future(start, now, "a start at", tz)
    known = list(entries)
    start, fitted = fit(known, start, end)
    end = fitted or end
    if end <= start:
        raise InputError(
            f"the end ({local_label(end, tz, now)}) must be after the start "
            f"({local_label(start, tz, now)})"
        )
    if end - start > MAX_SPAN:
        raise InputError(
            f"{span_label(start, end, tz, now)} is longer than "
            f"{MAX_SPAN // timedelta(hours=1)} hours; log it as several entries"
        )
    clash = find_overlap(known, start, end)
    if clash is not None:
        raise ConflictError(
            f"{span_label(start, end, tz, now)} overlaps "
            f"{describe_entry(clash, name_of, tz, now)}; entries cannot overlap"
        )
    if running is not None and end > running.started:
        raise ConflictError(
            f"{span_label(start, end, tz, now)} overlaps the running "
            f"timer ({name_of(running.client_id)} since {local_label(running.started, tz, now)}); "
            "end the entry before that, or stop the timer first"
        )
    return Entry(
        client_id=client_id, start=start, end=end, task_id=task_id, note=note, billable=billable
    )


def work_day_end(started: datetime, settings: Settings) -> datetime | None:
    """Where a timer started at ``started`` would normally have ended, in UTC.

    The end of the VA's last work window that day (home zone); for a timer started after
    that, or on a day without work hours, the end of the day grid (``day_end``). A timer
    started later still is evening work by choice: ``None`` (only the hour limit applies).
    """
    zone = ZoneInfo(settings.home_tz)
    local = started.astimezone(zone)
    day = local.date()
    # A night shift belongs to the day it starts on: a timer started at 00:30 on Saturday
    # is inside Friday's 22:00-02:00 and ends with it.
    yesterday = day - timedelta(days=1)
    carried = [
        (yesterday, window)
        for window in settings.work_hours.for_weekday(yesterday.weekday())
        if window.end_minute > 1440
    ]
    todays = [(day, window) for window in settings.work_hours.for_weekday(day.weekday())]
    work = [
        end
        for on, window in (*carried, *todays)
        if (end := _wall(on, window.end_minute, zone)) > started
    ]
    if work:
        return max(work)
    grid_end = _wall(day, _minute(settings.day_end), zone)
    return grid_end if grid_end > started else None


def _minute(value: time) -> int:
    return value.hour * 60 + value.minute or 1440


def _wall(day: date, minute: int, zone: ZoneInfo) -> datetime:
    """``minute`` minutes of wall time after ``day``'s midnight (1440 and more: the next
    day, as a night shift's end), as a UTC instant."""
    day += timedelta(days=minute // 1440)
    minute %= 1440
    wall = datetime(day.year, day.month, day.day, minute // 60, minute % 60, tzinfo=zone)
    return wall.astimezone(UTC)


def forgotten(timer: Timer, settings: Settings, now: datetime) -> Forgotten | None:
    """Why ``timer`` looks forgotten at ``now`` (over ``max_timer_hours``, or past the end of
    the work day), or ``None``."""
    limit = timedelta(hours=settings.max_timer_hours)
    day_end = work_day_end(timer.started, settings)
    over_limit = settings.max_timer_hours > 0 and now - timer.started > limit
    if day_end is not None and now > day_end:
        label = local_label(day_end, settings.home_tz, now)
        return Forgotten(f"past the end of your work day ({label})", day_end)
    if over_limit:
        return Forgotten(f"over your {settings.max_timer_hours}-hour limit", timer.started + limit)
    return None


def timer_warnings(
    timer: Timer, settings: Settings, now: datetime, *, client_name: str = ""
) -> list[str]:
    """One-line warnings about a running timer that looks forgotten, with the three choices:
    keep it, end it where it should have ended, or give the tail to another client."""
    found = forgotten(timer, settings, now)
    if found is None:
        return []
    tz = settings.home_tz
    who = f"for {client_name} " if client_name else ""
    hint = at_hint(found.suggested_end, tz, now)
    return [
        f"the timer {who}has run {hmm(timer.elapsed_seconds(now))} since "
        f"{local_label(timer.started, tz, now)}, {found.reason}: keep it, end it then with "
        f"'vaplanner stop --at {hint}', or give the rest to another client with "
        f"'vaplanner start OTHER --at {hint}'"
    ]


def stopped_warning(entry: Entry, timer: Timer, settings: Settings, now: datetime) -> list[str]:
    """After a forgotten timer was stopped (or switched away from) without ``--at``: say so."""
    if entry.end < now - timedelta(seconds=1):
        return []  # the user chose the end with --at
    found = forgotten(timer, settings, now)
    if found is None:
        return []
    tz = settings.home_tz
    day = entry.start.astimezone(ZoneInfo(tz)).date().isoformat()
    return [
        f"entry #{entry.id} ran {hmm(entry.seconds)} since "
        f"{local_label(entry.start, tz, now)}, {found.reason}; check it with "
        f"'vaplanner entries --from {day}'"
    ]
