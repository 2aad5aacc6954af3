"""What the store does for itself under the lock: daily backups, migrations, id counters.

* :func:`daily_backup`: before the first write of each day (in the home zone), a backup
  into ``backups/YYYY-MM-DD`` and pruning to ``Settings.backups_keep`` (0 turns it off).
* :func:`migrate`: when the folder was written by an older schema, a backup
  (``backups/YYYY-MM-DD-before-schema-N``, pruned with the daily ones as days pass), then
  every file is rewritten in the current schema, ``meta.json`` last.
* :func:`rebuild_meta`: when ``meta.json`` is missing (or was restored from an older backup)
  the id counters are recomputed from the records, so an id is never handed out twice.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from vaplanner.core import models
from vaplanner.core.errors import StoreError, VaplannerError
from vaplanner.store import layout
from vaplanner.store.backups import data_files, prune, take_backup
from vaplanner.store.storage import parse_document, schema_of

if TYPE_CHECKING:
    from pathlib import Path

    from vaplanner.store.store import Store


def local_now(store: Store, now: datetime | None = None) -> datetime:
    """``now`` (default: the store's clock) in the home zone (UTC when the settings cannot
    be read)."""
    if now is None:
        now = store.clock() if store.clock is not None else datetime.now(UTC)
    try:
        from zoneinfo import ZoneInfo

        return now.astimezone(ZoneInfo(store.get_settings().home_tz))
    except (VaplannerError, ValueError, KeyError, OSError):
        return now.astimezone(UTC)


def _keep(store: Store) -> int:
    try:
        return store.get_settings().backups_keep
    except VaplannerError:
        return models.Settings().backups_keep  # a broken settings file must not stop backups


def backup(store: Store, name: str, *, keep: int | None = None) -> Path | None:
    """Take a backup named ``name`` and prune; errors become a :class:`StoreError`."""
    try:
        made = take_backup(store.path, name)
        if made is not None and keep is not None and keep > 0:
            prune(store.path, keep)
    except OSError as error:
        raise StoreError(
            f"could not back up {store.path} into {store.path / layout.BACKUPS_DIR}: {error}; "
            "free some disk space, or turn daily backups off with "
            "'vaplanner config set backups_keep 0'"
        ) from None
    return made


def daily_backup(store: Store) -> date | None:
    """The day's backup, once per day; returns the day it was checked for."""
    keep = _keep(store)
    day = local_now(store).date()
    if keep > 0 and not _backed_up(store.root, day.isoformat(), keep):
        backup(store, day.isoformat(), keep=keep)
    return day


def _backed_up(root: str, name: str, keep: int) -> bool:
    """The backup ``name`` exists and pruning would delete nothing: what :func:`backup`
    would find, told with ``os`` alone (the backups module works with ``pathlib``, which
    the first write of every command line would otherwise import)."""
    from vaplanner.store.backups import BUILDING_PREFIX

    folder = os.path.join(root, layout.BACKUPS_DIR)
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return False
    kept = [e.name for e in entries if e.is_dir() and not e.name.startswith(".")]
    building = any(e.name.startswith(BUILDING_PREFIX) for e in entries)
    return name in kept and len(kept) <= keep and not building


def _file_schema(path: str | os.PathLike[str]) -> int | None:
    try:
        with open(path, "rb") as handle:
            return schema_of(parse_document(handle.read()))
    except (OSError, ValueError):
        return None  # missing or broken: not ours to migrate (doctor reports it)


def needs_migration(store: Store) -> bool:
    """True when any file (judged by ``meta.json`` when it exists) has an older schema."""
    meta = os.path.join(store.root, layout.META)
    if os.path.exists(meta):
        version = _file_schema(meta)
        return version is not None and version < models.SCHEMA_VERSION
    versions = (_file_schema(store.path / rel) for rel in data_files(store.path))
    return any(v is not None and v < models.SCHEMA_VERSION for v in versions)


def migrate(store: Store) -> list[str]:
    """Upgrade every older file in place (after a backup); returns the files rewritten."""
    if not needs_migration(store):
        return []
    stamp = local_now(store).strftime("%Y-%m-%d")
    backup(store, f"{stamp}-before-schema-{models.SCHEMA_VERSION}")
    rewritten: list[str] = []
    files = sorted(data_files(store.path), key=lambda rel: rel == layout.META)
    for rel in files:
        version = _file_schema(store.path / rel)
        if version is None or version >= models.SCHEMA_VERSION:
            continue
        storage = store.storage(rel)
        data = storage.read()  # upgraded in memory by the storage
        if data is not None:
            storage.write(data)
            rewritten.append(rel)
    if layout.META not in rewritten and (store.path / layout.META).exists():
        storage = store.storage(layout.META)
        data = storage.read()
        if data is not None:
            storage.write(data)
    return rewritten


def rebuild_meta(store: Store) -> dict[str, int]:
    """Recompute id counters and id ranges from the records; returns the counters."""
    counters: dict[str, int] = {}
    ranges: dict[str, list[int]] = {}
    for rel in data_files(store.path):
        kind = layout.kind_of(rel)
        if kind in ("meta", "settings", "timer"):
            continue
        try:
            ids = [int(k) for k in store.raw(rel) if k.isdigit()]
        except VaplannerError:
            continue  # a broken file: doctor reports it; its ids stay reserved by the counter
        if not ids:
            continue
        kind = "tasks" if kind == "tasks-archive" else kind
        counters[kind] = max(counters.get(kind, 0), *ids)
        if "/" in rel or rel == layout.TASKS_OPEN:
            ranges[rel] = [min(ids), max(ids)]
    old: dict[str, Any] = store.raw(layout.META).get("1", {})
    old_counters = old.get("counters", {}) if isinstance(old, dict) else {}
    for kind, value in old_counters.items():
        counters[kind] = max(counters.get(kind, 0), int(value))
    spans = old.get("spans", {}) if isinstance(old, dict) else {}
    for kind in (layout.ENTRIES_DIR, layout.BLOCKS_DIR):
        repo = store.entries if kind == layout.ENTRIES_DIR else store.blocks
        for month in repo.months():
            try:
                records = store.raw(layout.month_file(kind, month)).values()
                longest = max((_span(doc) for doc in records), default=0)
            except VaplannerError:
                continue
            spans[kind] = max(int(spans.get(kind, 0)), longest)
    store.write_raw(layout.META, {"1": {"counters": counters, "ranges": ranges, "spans": spans}})
    return counters


def _span(doc: dict[str, Any]) -> int:
    try:
        start = datetime.fromisoformat(doc["start"])
        end = datetime.fromisoformat(doc["end"])
    except (KeyError, TypeError, ValueError):
        return 0
    return int((end - start).total_seconds())


def meta_is_missing(store: Store) -> bool:
    """``meta.json`` is gone while records that need its counters exist."""
    root = store.root
    if os.path.exists(os.path.join(root, layout.META)):
        return False
    return any(
        os.path.isdir(os.path.join(root, folder))
        or os.path.exists(os.path.join(root, layout.TASKS_OPEN))
        for folder in layout.PARTITION_DIRS
    )
