"""Repositories whose records are spread over several files.

* :class:`MonthRepo`: time entries and blocks, one file per UTC month of ``start``
  (``entries/2026-11.json``). Adding an entry rewrites one month, whatever the years of
  history; a day view reads one or two months.
* :class:`TaskRepo`: open tasks in ``tasks.json``; done tasks in a yearly archive
  (``tasks/archive-2026.json``), so the queue view never parses years of finished work.

A record is found by id through the ranges kept in ``meta.json`` (see
:class:`~vaplanner.store.repos.Meta`), falling back to reading every partition.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Generic, TypeAlias, TypeVar

from vaplanner.core import models
from vaplanner.core.errors import InputError, NotFoundError
from vaplanner.core.models import OPEN_TASK_STATUSES, Entry
from vaplanner.store import layout
from vaplanner.store.repos import docs_of, from_doc, to_doc, with_id

if TYPE_CHECKING:
    from vaplanner.core.models import Block, Task
    from vaplanner.store.store import Store

# Block and Task by name: they are created on first use (see vaplanner.core.models)
M = TypeVar("M", Entry, "Block")
TaskList: TypeAlias = "list[Task]"  # ``TaskRepo.list`` shadows the builtin inside the class


class _Partitioned:
    """What month and archive repositories share: finding a record's file by id."""

    kind = ""
    label = ""

    def __init__(self, store: Store) -> None:
        self._store = store

    def _partition_files(self) -> list[str]:
        """Every partition file of this kind that exists, newest first."""
        raise NotImplementedError

    def _locate(self, record_id: int, first: Iterable[str] = ()) -> str | None:
        """The file holding ``record_id``: try ``first``, then the files whose id range
        holds it (newest first), then every file."""
        key = str(record_id)
        tried: set[str] = set()
        ranges = self._store.meta.ranges()
        hinted = [rel for rel, (lo, hi) in ranges.items() if lo <= record_id <= hi]
        hinted.sort(reverse=True)
        for group in (list(first), [r for r in hinted if self._owns(r)], self._partition_files()):
            for rel in group:
                if rel in tried:
                    continue
                tried.add(rel)
                if key in self._store.raw(rel):
                    return rel
        return None

    def _owns(self, rel: str) -> bool:
        raise NotImplementedError


#: ``len("2026-11-28T09:30:00Z")``: how the codec writes an instant without a fraction.
_CANONICAL_LEN = 20


def _canonical_bounds(start: datetime, end: datetime) -> tuple[str, str]:
    """Text bounds for skipping records without parsing their instants.

    Instants the codec writes to the second (``2026-11-28T09:30:00Z``) sort as text in time
    order. A record whose start is at or after ``high`` (``end`` plus a second, cut to the
    second: later than ``end``) or whose end is at or before ``low`` (``start`` less a
    second, cut: earlier than ``start``) cannot overlap ``[start, end)``; every other record,
    and every instant written another way, is parsed and compared exactly.
    """
    try:
        return _canonical(start - _SECOND), _canonical(end + _SECOND)
    except OverflowError:  # at the ends of the calendar: parse everything
        return "", "\U0010ffff"


def _canonical(instant: datetime) -> str:
    u = instant.astimezone(UTC)
    return f"{u.year:04d}-{u.month:02d}-{u.day:02d}T{u.hour:02d}:{u.minute:02d}:{u.second:02d}Z"


_SECOND = timedelta(seconds=1)


def _require_aware(value: datetime, what: str) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise InputError(f"{what} must be a time-zone-aware instant (UTC), got {value}")


class MonthRepo(_Partitioned, Generic[M]):
    """Entries or blocks, partitioned by the UTC month of ``start``."""

    def __init__(self, store: Store, cls: type[M], folder: str, label: str) -> None:
        super().__init__(store)
        self._cls: type[M] = cls
        self.folder = folder
        self.kind = folder
        self.label = label

    # -- where things live -----------------------------------------------------------------

    def _rel(self, record: M) -> str:
        return layout.month_file(self.folder, layout.month_key(record.start))

    def _owns(self, rel: str) -> bool:
        return rel.startswith(self.folder + "/")

    def months(self) -> list[str]:
        """Months that have a file, oldest first (``"2026-11"``)."""
        try:
            names = os.listdir(os.path.join(self._store.root, self.folder))
        except FileNotFoundError:
            return []
        keys = [n[:-5] for n in names if n.endswith(".json") and layout.is_month(n[:-5])]
        return sorted(keys)

    def _partition_files(self) -> list[str]:
        return [layout.month_file(self.folder, m) for m in reversed(self.months())]

    def _check(self, record: M) -> int:
        """Validate; returns the span in seconds."""
        _require_aware(record.start, f"the {self.label}'s start")
        _require_aware(record.end, f"the {self.label}'s end")
        if record.end < record.start:
            raise InputError(f"the {self.label} ends ({record.end}) before it starts")
        return int((record.end - record.start).total_seconds())

    def _decode_file(self, rel: str) -> list[M]:
        raw = self._store.raw(rel)
        path = self._store.file_path(rel)
        return [from_doc(self._cls, doc, k, path) for k, doc in raw.items()]

    # -- reading ---------------------------------------------------------------------------

    def get(self, record_id: int) -> M:
        rel = self._locate(record_id)
        if rel is None:
            raise NotFoundError(f"no {self.label} with id {record_id}")
        doc = self._store.raw(rel)[str(record_id)]
        return from_doc(self._cls, doc, record_id, self._store.file_path(rel))

    def between(self, start: datetime, end: datetime) -> list[M]:
        """Records overlapping ``[start, end)``, sorted by start (then id). Reads only the
        months that can hold one."""
        _require_aware(start, "the range start")
        _require_aware(end, "the range end")
        longest = timedelta(seconds=self._store.meta.span_seconds(self.kind))
        found: list[M] = []
        parse = datetime.fromisoformat
        low, high = _canonical_bounds(start, end)
        for month in layout.months_overlapping(start, end, longest):
            rel = layout.month_file(self.folder, month)
            raw = self._store.raw(rel)
            if not raw:
                continue
            path = self._store.file_path(rel)
            for key, doc in raw.items():
                # the two instants first: most records of the months read are skipped, most
                # of them by comparing the stored text (see _canonical_bounds)
                try:
                    s_text, e_text = doc["start"], doc["end"]
                    if (
                        type(s_text) is str
                        and type(e_text) is str
                        and len(s_text) == len(e_text) == _CANONICAL_LEN
                        and s_text[-1] == e_text[-1] == "Z"
                        and (s_text >= high or e_text <= low)
                    ):
                        continue
                    s, e = parse(s_text), parse(e_text)
                    # a zero-length record counts when it lies inside the range
                    hit = start <= s < end if s == e else s < end and e > start
                except (KeyError, TypeError, ValueError):
                    found.append(from_doc(self._cls, doc, key, path))  # names what is wrong
                    continue
                if not hit:
                    continue
                if s.tzinfo is UTC and e.tzinfo is UTC:  # what the codec makes of "...Z"
                    found.append(from_doc(self._cls, doc, key, path, start=s, end=e))
                else:
                    found.append(from_doc(self._cls, doc, key, path))
        found.sort(key=lambda r: (r.start, r.id))
        return found

    def all(self) -> Iterator[M]:
        """Every record, month by month (oldest first), sorted by start within a month."""
        for month in self.months():
            records = self._decode_file(layout.month_file(self.folder, month))
            records.sort(key=lambda r: (r.start, r.id))
            yield from records

    # -- writing ---------------------------------------------------------------------------

    def add(self, record: M) -> M:
        """Store a new record durably; returns it with its id."""
        return self.add_many([record])[0]

    def add_many(self, records: Iterable[M]) -> list[M]:
        """Store many records with one ``meta.json`` write and one write per month file."""
        items = list(records)
        if not items:
            return []
        spans = [self._check(r) for r in items]
        rels = [self._rel(r) for r in items]
        with self._store.transaction():
            for rel in set(rels):
                self._store.raw(rel)  # a corrupt target fails here, before ids are spent
            ids = self._store.meta.reserve(self.kind, list(zip(rels, spans, strict=True)))
            stored = [with_id(r, i) for r, i in zip(items, ids, strict=True)]
            by_file: dict[str, list[M]] = {}
            for rel, rec in zip(rels, stored, strict=True):
                by_file.setdefault(rel, []).append(rec)
            for rel, recs in by_file.items():
                self._store.insert_raw(rel, docs_of(recs))
        return stored

    def update(self, record: M) -> M:
        """Replace the stored record with ``record.id`` (it moves if its month changed)."""
        span = self._check(record)
        new_rel = self._rel(record)
        with self._store.transaction():
            old_rel = self._locate(record.id, first=[new_rel])
            if old_rel is None:
                raise NotFoundError(f"no {self.label} with id {record.id}")
            self._store.meta.note(self.kind, new_rel, record.id, span)
            if old_rel == new_rel:
                self._store.update_raw(new_rel, {str(record.id): to_doc(record)})
            else:
                # insert first: a crash between the two writes leaves a duplicate that
                # doctor reports, never a lost record
                self._store.insert_raw(new_rel, docs_of([record]))
                self._store.remove_raw(old_rel, [str(record.id)])
        return record

    def delete(self, record_id: int) -> None:
        with self._store.transaction():
            rel = self._locate(record_id)
            if rel is None:
                raise NotFoundError(f"no {self.label} with id {record_id}")
            self._store.remove_raw(rel, [str(record_id)])


class TaskRepo(_Partitioned):
    """Open tasks in ``tasks.json``; done tasks in yearly archives."""

    kind = "tasks"
    label = "task"

    def _rel(self, task: Task) -> str:
        if task.status != "done":
            return layout.TASKS_OPEN
        return layout.task_archive_file(task.done_at, task.created)

    def _owns(self, rel: str) -> bool:
        return rel == layout.TASKS_OPEN or rel.startswith(layout.TASKS_DIR + "/")

    def archives(self) -> list[str]:
        """Archive files that exist, newest first."""
        try:
            names = os.listdir(os.path.join(self._store.root, layout.TASKS_DIR))
        except FileNotFoundError:
            return []
        found = [n for n in names if n.startswith("archive-") and n.endswith(".json")]
        return [f"{layout.TASKS_DIR}/{n}" for n in sorted(found, reverse=True)]

    def _partition_files(self) -> list[str]:
        return [layout.TASKS_OPEN, *self.archives()]

    def _decode_file(self, rel: str) -> TaskList:
        raw = self._store.raw(rel)
        path = self._store.file_path(rel)
        return [from_doc(models.Task, doc, k, path) for k, doc in raw.items()]

    def get(self, task_id: int) -> Task:
        rel = self._locate(task_id, first=[layout.TASKS_OPEN])
        if rel is None:
            raise NotFoundError(f"no task with id {task_id}; 'vaplanner task list' shows them")
        path = self._store.file_path(rel)
        return from_doc(models.Task, self._store.raw(rel)[str(task_id)], task_id, path)

    def all(self) -> TaskList:
        """Every task, open and done, by id."""
        tasks = [t for rel in self._partition_files() for t in self._decode_file(rel)]
        tasks.sort(key=lambda t: t.id)
        return tasks

    def list(
        self, client_id: int | None = None, statuses: Iterable[str] = OPEN_TASK_STATUSES
    ) -> TaskList:
        """Tasks with one of ``statuses`` (of one client), by queue position then id.
        Archives are read only when ``"done"`` is asked for."""
        wanted = set(statuses)
        files = self._partition_files() if "done" in wanted else [layout.TASKS_OPEN]
        tasks = [
            t
            for rel in files
            for t in self._decode_file(rel)
            if t.status in wanted and (client_id is None or t.client_id == client_id)
        ]
        tasks.sort(key=lambda t: (t.position, t.id))
        return tasks

    def add(self, task: Task) -> Task:
        return self.add_many([task])[0]

    def add_many(self, tasks: Iterable[Task]) -> TaskList:
        """Store many tasks with one write per touched file."""
        items = list(tasks)
        if not items:
            return []
        rels = [self._rel(t) for t in items]
        with self._store.transaction():
            for rel in set(rels):
                self._store.raw(rel)
            ids = self._store.meta.reserve(self.kind, [(rel, 0) for rel in rels])
            stored = [with_id(t, i) for t, i in zip(items, ids, strict=True)]
            by_file: dict[str, TaskList] = {}
            for rel, task in zip(rels, stored, strict=True):
                by_file.setdefault(rel, []).append(task)
            for rel, tasks_of_file in by_file.items():
                self._store.insert_raw(rel, docs_of(tasks_of_file))
        return stored

    def update(self, task: Task) -> Task:
        """Replace a task; marking it done moves it to its archive, reopening moves it back."""
        new_rel = self._rel(task)
        with self._store.transaction():
            old_rel = self._locate(task.id, first=[layout.TASKS_OPEN, new_rel])
            if old_rel is None:
                raise NotFoundError(f"no task with id {task.id}")
            if old_rel == new_rel:
                self._store.update_raw(new_rel, {str(task.id): to_doc(task)})
            else:
                self._store.meta.note(self.kind, new_rel, task.id, 0)
                self._store.insert_raw(new_rel, docs_of([task]))
                self._store.remove_raw(old_rel, [str(task.id)])
        return task

    def delete(self, task_id: int) -> None:
        with self._store.transaction():
            rel = self._locate(task_id, first=[layout.TASKS_OPEN])
            if rel is None:
                raise NotFoundError(f"no task with id {task_id}")
            self._store.remove_raw(rel, [str(task_id)])
