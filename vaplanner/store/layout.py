"""Which file holds what: the data folder is several small TinyDB files, not one big one.

::

    <data>/
      .lock                  the writers' lock (0600, never deleted)
      meta.json              id counters per kind, where each id range lives, longest spans
      settings.json          the VA's settings (one document)
      clients.json  meetings.json  invoices.json  requests.json  checkins.json
      tasks.json             open tasks (every status but done)
      tasks/archive-2026.json  done tasks, by the UTC year of ``done_at`` (``created`` when
                             unset; ``archive-undated.json`` when neither is known)
      entries/2026-11.json   time entries, by the UTC month of ``start``
      blocks/2026-11.json    planned blocks, by the UTC month of ``start``
      timer.json             the running timer alone, so start/stop rewrites ~200 bytes
      backups/2026-11-28/    daily copies (see :mod:`vaplanner.store.backups`)

Partitions are keyed by the **UTC** month of ``start``: an instant has exactly one UTC
month, whatever the home zone is or becomes later. A record that starts in one month and
ends in the next lives in the month it starts; range queries therefore also read earlier
months, as far back as the longest record ever stored (``meta.json`` keeps that span).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

META = "meta.json"
SETTINGS = "settings.json"
CLIENTS = "clients.json"
MEETINGS = "meetings.json"
INVOICES = "invoices.json"
REQUESTS = "requests.json"
CHECKINS = "checkins.json"
TASKS_OPEN = "tasks.json"
TASKS_DIR = "tasks"
ENTRIES_DIR = "entries"
BLOCKS_DIR = "blocks"
TIMER = "timer.json"
LOCK = ".lock"
BACKUPS_DIR = "backups"

_TICK = timedelta(microseconds=1)

#: Sub-folders that hold partitions (the rest live at the top of the data folder).
PARTITION_DIRS: tuple[str, ...] = (TASKS_DIR, ENTRIES_DIR, BLOCKS_DIR)

#: Kind recorded in each file's ``_meta`` (migrations dispatch on it).
KIND_BY_FILE: dict[str, str] = {
    META: "meta",
    SETTINGS: "settings",
    CLIENTS: "clients",
    MEETINGS: "meetings",
    INVOICES: "invoices",
    REQUESTS: "requests",
    CHECKINS: "checkins",
    TASKS_OPEN: "tasks",
    TIMER: "timer",
}


def kind_of(relpath: str) -> str:
    """The kind of data a file holds, from its path relative to the data folder."""
    if relpath in KIND_BY_FILE:
        return KIND_BY_FILE[relpath]
    folder = relpath.split("/", 1)[0]
    if folder == TASKS_DIR:
        return "tasks-archive"
    return folder


def month_key(instant: datetime) -> str:
    """``"2026-11"``: the UTC month of an aware instant."""
    utc = instant.astimezone(UTC)
    return f"{utc.year:04d}-{utc.month:02d}"


def month_file(folder: str, month: str) -> str:
    return f"{folder}/{month}.json"


def month_of_file(relpath: str) -> str:
    """``"entries/2026-11.json"`` -> ``"2026-11"``."""
    return relpath.rsplit("/", 1)[-1].removesuffix(".json")


def is_month(name: str) -> bool:
    """True for ``"2026-11"``."""
    return len(name) == 7 and name[4] == "-" and name[:4].isdigit() and name[5:].isdigit()


def months_overlapping(start: datetime, end: datetime, longest: timedelta) -> list[str]:
    """Month keys whose records may overlap ``[start, end)``: from the month of
    ``start - longest`` to the month of the last instant before ``end`` (a record that
    overlaps starts before ``end``: a range that ends at midnight on the 1st reads nothing
    of the next month)."""
    first = (start - longest).astimezone(UTC)
    last = (end - _TICK if end.year > 1 else end).astimezone(UTC)
    year, month = first.year, first.month
    keys: list[str] = []
    while (year, month) <= (last.year, last.month):
        keys.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return keys


def task_archive_file(done_at: datetime | None, created: datetime | None) -> str:
    """Where a done task lives."""
    when = done_at or created
    label = "undated" if when is None else f"{when.astimezone(UTC).year:04d}"
    return f"{TASKS_DIR}/archive-{label}.json"
