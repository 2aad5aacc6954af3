"""The Store facade: the only way the command line and the app reach the data folder.

CONTRACT (other modules are written against these names; keep them stable):

    store = Store(path)                 # opens lazily; creates the folder (0700) on first write
    with store.transaction(): ...       # exclusive cross-process lock; reentrant in a process
    with store.bulk(): ...              # many writes, one file write per touched file at exit
    store.revision() -> tuple           # changes when any file changed on disk (app polling)

    store.get_settings() -> Settings    store.save_settings(settings)

    store.clients   .all(include_archived=False) -> list[Client]   (ordered by key, then name)
                    .get(id) -> Client            (NotFoundError)
                    .find(ref) -> Client          (id, hotkey, exact or unique prefix of name,
                                                   case-insensitive; NotFoundError/AmbiguousError)
                    .add(client) -> Client        (assigns id; ConflictError on duplicate
                                                   name or hotkey)
                    .update(client) -> Client     .delete(id)
    store.tasks     .all() .get(id) .add(t)->Task .update(t)->Task .delete(id)
                    .list(client_id=None, statuses=OPEN_TASK_STATUSES) -> list[Task]
                                                  (ordered by position, then id)
    store.entries   .add(e)->Entry .get(id) .update(e)->Entry .delete(id)
                    .between(start, end) -> list[Entry]   (entries overlapping [start, end),
                                                   reads only the months needed; sorted by start)
                    .all() -> Iterator[Entry]      .months() -> list[str]  ("2026-11")
                    .add_many(entries) -> list[Entry]
    store.blocks    same as entries (Block)
    store.meetings  .all() .get(id) .add(m)->Meeting (sets uid "meeting-<id>@vaplanner" when
                    empty) .update(m)->Meeting .delete(id)
    store.timer     .get() -> Timer | None        .set(timer | None)
    store.invoices, store.requests, store.checkins: .all() .get(id) .add(x) .update(x) .delete(id)
    store.requests  .unanswered() -> list[Request]   (done_at unset, by id; decodes only those)
    store.checkins  .latest_per_client() -> dict[int, Checkin]  (greatest ``at``, then id;
                                                   decodes only those)

    Extras beyond the contract: ``Store(path, lock_timeout=10.0, clock=None)`` (``clock``
    dates the daily backups); ``.add_many`` on every repository;
    ``store.clients.all(include_archived=True)``; ``store.tasks.archives()``;
    ``store.backup_now(now=None) -> Path``; ``store.meta.counter(kind)``; ``store.close()``.

Guarantees: when a write method returns, the change is on disk (fsync'd file and folder);
a crash leaves every file either as it was or as it became, never half-written; two
processes never lose each other's writes (every read-modify-write holds ``<data>/.lock``;
:class:`~vaplanner.core.errors.LockedError` after ``lock_timeout`` seconds); reads need no
lock and re-read a file only when another process replaced it. Records returned are
frozen dataclasses; ``id`` is assigned by the store and never reused. A file that cannot
be read raises :class:`~vaplanner.core.errors.CorruptFileError` (naming it and its newest
good backup) and is never overwritten; the other files keep working. A file written by a
newer vaplanner raises :class:`~vaplanner.core.errors.SchemaError`.

Upkeep, under the lock: the first write of each day (home zone) backs the folder up into
``backups/YYYY-MM-DD`` (``Settings.backups_keep`` kept; 0 turns it off); the first write of
a Store object removes dead writers' temp files, migrates an older folder (after a backup)
and rebuilds lost id counters.

Rules for the engine behind it are in DESIGN.md section 5; the implementation lives in
``storage.py`` (AtomicJSONStorage), ``lock.py`` (the writers' lock), ``layout.py`` (which
file holds what), ``codecs.py`` (dataclass <-> document), ``repos.py`` (single-file
repositories, id counters), ``partitions.py`` (entries and blocks by month, tasks with
yearly archives), ``backups.py``, ``migrations.py``, ``upkeep.py`` and ``doctor.py``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any

from vaplanner.core import models
from vaplanner.core.errors import StoreError
from vaplanner.core.models import Client, Entry, Settings
from vaplanner.store import layout
from vaplanner.store.lock import FolderLock
from vaplanner.store.partitions import MonthRepo, TaskRepo
from vaplanner.store.repos import (
    ClientRepo,
    MeetingRepo,
    Meta,
    SettingsRepo,
    SimpleRepo,
    TimerRepo,
)
from vaplanner.store.storage import (
    AtomicJSONStorage,
    ensure_dir,
    remove_stale_temp_files,
    tinydb_of,
)

if TYPE_CHECKING:
    from pathlib import Path

    from tinydb import TinyDB
    from tinydb.table import Table

    from vaplanner.core.models import Block, Invoice, Meeting
    from vaplanner.store.followups import CheckinRepo, RequestRepo

_TABLE = "_default"  # TinyDB.default_table_name (tinydb is imported only to write)
Revision = tuple[tuple[str, int, int, int], ...]


class Store:
    """The data folder at ``path`` (see the module docstring for the contract).

    Args:
        path: the data folder; nothing is read or created until it is used.
        lock_timeout: seconds to wait for another process's lock before :class:`LockedError`.
        clock: returns "now" (aware); used to date daily backups. Defaults to the system clock.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        lock_timeout: float = 10.0,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        #: the data folder as text (``path`` makes a ``Path`` of it on demand: importing
        #: pathlib is ~2 ms of a command line's start-up, which needs only ``os.path``)
        self.root = os.fspath(path)
        self.clock = clock
        self._storages: dict[str, AtomicJSONStorage] = {}
        self._dbs: dict[str, TinyDB] = {}  # only for files written through TinyDB tables
        self._lock = FolderLock(os.path.join(self.root, layout.LOCK), lock_timeout)
        self._bulk_depth = 0
        self._prepared = False
        self._backup_day: date | None = None
        self._generation: int | None = None  # the lock file's counter after our last write
        self.meta = Meta(self)
        self._settings = SettingsRepo(self)
        self.clients = ClientRepo(self, Client, layout.CLIENTS, "clients", "client")
        self.entries: MonthRepo[Entry] = MonthRepo(self, Entry, layout.ENTRIES_DIR, "entry")
        self.timer = TimerRepo(self)

    def __repr__(self) -> str:
        return f"Store({self.root!r})"

    @property
    def path(self) -> Path:
        """The data folder."""
        from pathlib import Path

        return Path(self.root)

    # The repositories of the classes in vaplanner.core.models_lazy are made on first use:
    # the timer commands never create those classes (see vaplanner.core.models), nor import
    # the modules of their repositories.

    @cached_property
    def tasks(self) -> TaskRepo:
        return TaskRepo(self)

    @cached_property
    def blocks(self) -> MonthRepo[Block]:
        return MonthRepo(self, models.Block, layout.BLOCKS_DIR, "block")

    @cached_property
    def meetings(self) -> SimpleRepo[Meeting]:
        return MeetingRepo(self, models.Meeting, layout.MEETINGS, "meetings", "meeting")

    @cached_property
    def invoices(self) -> SimpleRepo[Invoice]:
        return SimpleRepo(self, models.Invoice, layout.INVOICES, "invoices", "invoice")

    @cached_property
    def requests(self) -> RequestRepo:
        from vaplanner.store.followups import RequestRepo

        return RequestRepo(self, models.Request, layout.REQUESTS, "requests", "request")

    @cached_property
    def checkins(self) -> CheckinRepo:
        from vaplanner.store.followups import CheckinRepo

        return CheckinRepo(self, models.Checkin, layout.CHECKINS, "checkins", "check-in")

    # -- settings --------------------------------------------------------------------------

    def get_settings(self) -> Settings:
        """The stored settings (defaults when none were saved yet)."""
        return self._settings.get()

    def save_settings(self, settings: Settings) -> None:
        self._settings.save(settings)

    # -- locking ---------------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """Hold the folder's exclusive lock for several operations (reentrant).

        Reads inside see every other process's finished writes; writes are durable as each
        operation returns (use :meth:`bulk` to batch them).
        """
        self._lock.acquire()
        try:
            if self._lock.depth == 1:
                if self._lock.generation() != self._generation or self._generation is None:
                    self._distrust_recent_caches()
                self._upkeep()
            yield self
        except BaseException:
            if self._lock.depth == 1 and self._bulk_depth == 0:
                self._forget_caches()  # a failed operation may have left a cache half-changed
            raise
        finally:
            if self._lock.depth == 1:
                self._generation = self._lock.bump()
            self._lock.release()

    @contextmanager
    def bulk(self) -> Iterator[Store]:
        """Many writes, one file write per touched file at the end, all under the lock.

        If the block raises, nothing of it is written. ``meta.json`` (the id counters) is
        written first, so a crash while flushing can leave unused ids, never reused ones.
        """
        with self.transaction():
            outer = self._bulk_depth == 0
            self._bulk_depth += 1
            if outer:
                for storage in self._storages.values():
                    storage.deferred = True
            try:
                yield self
                if outer:
                    self._flush()
            except BaseException:
                if outer:
                    self._forget_caches()
                raise
            finally:
                self._bulk_depth -= 1
                if outer:
                    for storage in self._storages.values():
                        storage.deferred = False

    def _flush(self) -> None:
        dirty = [rel for rel, storage in self._storages.items() if storage.dirty]
        dirty.sort(key=lambda rel: (rel != layout.META, rel))
        for rel in dirty:
            self._storages[rel].flush()

    def _forget_caches(self) -> None:
        for storage in self._storages.values():
            storage.discard()

    def _distrust_recent_caches(self) -> None:
        """Someone else wrote since our last transaction: a cached file whose mtime is
        recent may have been rewritten within the same timestamp tick with the same size and
        a recycled inode number, so it is read again (like git's "racily clean" check)."""
        for storage in self._storages.values():
            storage.discard_if_recent()

    def _upkeep(self) -> None:
        """Under the lock, before any write: once per Store object, create the folder, drop
        dead writers' temp files, migrate an older folder and rebuild lost id counters;
        once per day, the daily backup."""
        from vaplanner.store import upkeep  # only writers need it (and backups with it)

        if not self._prepared:
            ensure_dir(self.root)
            remove_stale_temp_files(self.root)
            upkeep.migrate(self)
            if upkeep.meta_is_missing(self):
                upkeep.rebuild_meta(self)
            self._prepared = True
        day = upkeep.local_now(self).date()
        if day != self._backup_day:
            upkeep.daily_backup(self)
            self._backup_day = day

    def backup_now(self, now: datetime | None = None) -> Path:
        """Take a backup now (``backups/YYYY-MM-DDTHHMMSS``, home time of ``now``);
        StoreError when the folder holds no data yet."""
        from vaplanner.store import upkeep

        with self.transaction():
            name = upkeep.local_now(self, now).strftime("%Y-%m-%dT%H%M%S")
            keep = self.get_settings().backups_keep
            made = upkeep.backup(self, name, keep=keep if keep > 0 else None)
        if made is None:
            raise StoreError(f"nothing to back up: {self.root} holds no data yet")
        return made

    # -- files -----------------------------------------------------------------------------

    def file_path(self, rel: str) -> str:
        """The full path of a data file, for messages."""
        # asked for each record decoded (for the error it may raise): pathlib is slow
        return os.path.join(self.root, rel)

    def storage(self, rel: str) -> AtomicJSONStorage:
        """The storage of one data file (cached; the file is read lazily)."""
        storage = self._storages.get(rel)
        if storage is None:
            storage = AtomicJSONStorage(
                os.path.join(self.root, rel), kind=layout.kind_of(rel), root=self.root
            )
            storage.deferred = self._bulk_depth > 0
            self._storages[rel] = storage
        return storage

    def db(self, rel: str) -> TinyDB:
        """The TinyDB of one data file, over :meth:`storage` (imports tinydb)."""
        db = self._dbs.get(rel)
        if db is None:
            db = self._dbs[rel] = tinydb_of(self.storage(rel))
        return db

    def table(self, rel: str) -> Table:
        """The records table of one file (write through it only inside a transaction)."""
        return self.db(rel).table(_TABLE)

    def raw(self, rel: str) -> dict[str, dict[str, Any]]:
        """The documents of one file by id, as stored (read-only: do not mutate)."""
        data = self.storage(rel).read()
        if not data:
            return {}
        return data.get(_TABLE, {})

    def write_raw(self, rel: str, docs: dict[str, dict[str, Any]]) -> None:
        """Replace every document of one file (inside a transaction)."""
        self._check_locked("write_raw")
        storage = self.storage(rel)
        current = storage.read() or {}
        storage.write({**current, _TABLE: docs})

    # The record operations below are what TinyDB's Table.insert_multiple, update and remove
    # did for the repositories, on the documents as stored: no tinydb import on the way to
    # a write, and an insert splices the new documents into the file's bytes.

    def insert_raw(self, rel: str, docs: dict[str, dict[str, Any]]) -> None:
        """Add documents under new ids (inside a transaction); ValueError when one exists."""
        self._check_locked("insert_raw")
        self.storage(rel).append(docs)

    def update_raw(self, rel: str, changes: dict[str, dict[str, Any]]) -> None:
        """Merge ``changes`` into existing documents by id (KeyError when one is missing)."""
        self._check_locked("update_raw")
        docs = dict(self.raw(rel))
        for key, fields in changes.items():
            docs[key] = {**docs[key], **fields}
        self.write_raw(rel, docs)

    def remove_raw(self, rel: str, ids: Iterable[str]) -> None:
        """Remove documents by id (KeyError when one is missing)."""
        self._check_locked("remove_raw")
        docs = dict(self.raw(rel))
        for key in ids:
            del docs[key]
        self.write_raw(rel, docs)

    def _check_locked(self, what: str) -> None:
        if not self._lock.held:
            raise RuntimeError(f"{what} outside a transaction")

    def revision(self) -> Revision:
        """A cheap fingerprint of every data file; it changes when any file was written
        (by this or another process). The app polls it about once a second."""
        found: list[tuple[str, int, int, int]] = []
        for sub in ("", *layout.PARTITION_DIRS):
            folder = os.path.join(self.root, sub) if sub else self.root
            try:
                with os.scandir(folder) as entries:
                    for entry in entries:
                        if entry.name.endswith(".json") and not entry.name.startswith("."):
                            st = entry.stat()
                            name = f"{sub}/{entry.name}" if sub else entry.name
                            found.append((name, st.st_mtime_ns, st.st_size, st.st_ino))
            except (FileNotFoundError, NotADirectoryError):
                continue
        found.sort()
        return tuple(found)

    def close(self) -> None:
        """Drop cached data (the store stays usable; it re-reads on demand)."""
        self._forget_caches()
