"""``vaplanner doctor``: check every file of the data folder, and restore broken ones.

:func:`examine` reads each file straight from disk (not through the store's caches) and
reports :class:`Problem` s: files that do not parse or were written by a newer vaplanner,
records that do not fit their model, references to clients, tasks or invoices that do not
exist, ids used twice or ahead of their counter, records in the wrong month, overlapping
time entries, a timer running for more than a day, files or folders that others may read,
and temp files left by a writer that died.

:func:`restore` puts back the newest backup copy that reads cleanly for each broken file,
after moving the broken file aside (``clients.json.broken-20261128T143200``), then rebuilds
the id counters. It never touches a file written by a newer vaplanner.
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Literal

from vaplanner.core import models
from vaplanner.core.models import Block, Entry, Task, Timer
from vaplanner.store import layout
from vaplanner.store.backups import data_files
from vaplanner.store.codecs import CodecError, decode, field_names
from vaplanner.store.storage import (
    DIR_MODE,
    FILE_MODE,
    atomic_write_bytes,
    backup_folders,
    is_temp_file,
    parse_document,
    schema_of,
)

Severity = Literal["error", "warning", "note"]
MAX_LISTED = 20  # overlaps and dangling references listed one by one; the rest counted

#: The model of the records in each kind of file.
MODEL_OF: dict[str, type] = {
    "clients": models.Client,
    "meetings": models.Meeting,
    "invoices": models.Invoice,
    "requests": models.Request,
    "checkins": models.Checkin,
    "tasks": Task,
    "tasks-archive": Task,
    "entries": Entry,
    "blocks": Block,
    "settings": models.Settings,
    "timer": Timer,
}


@dataclass(frozen=True)
class Problem:
    """One thing doctor found. ``file`` is relative to the data folder."""

    severity: Severity
    code: str
    message: str
    file: str | None = None
    backup: str | None = None  # the newest good copy, for broken files

    def as_json(self) -> dict[str, Any]:
        return {
            "severity": self.severity,
            "code": self.code,
            "file": self.file,
            "message": self.message,
            "backup": self.backup,
        }


@dataclass
class Report:
    """What :func:`examine` found."""

    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    records: int = 0

    @property
    def ok(self) -> bool:
        """No errors and no warnings (notes are fine)."""
        return not any(p.severity != "note" for p in self.problems)

    @property
    def broken_files(self) -> list[Problem]:
        return [p for p in self.problems if p.code in ("unreadable", "bad-record")]


def read_records(path: Path, kind: str) -> dict[str, Any]:
    """Every record of one file decoded, by id; ValueError (or CodecError) when it cannot
    be read completely."""
    data = parse_document(path.read_bytes())
    version = schema_of(data)
    if version > models.SCHEMA_VERSION:
        raise OverflowError(version)
    if version < models.SCHEMA_VERSION:
        from vaplanner.store.migrations import upgrade

        data = upgrade(kind, data, version)
    docs = data.get("_default", {})
    cls = MODEL_OF.get(kind)
    if cls is None:
        return dict(docs)
    with_id = "id" in field_names(cls)
    out: dict[str, Any] = {}
    for key, doc in docs.items():
        if not isinstance(doc, dict):
            raise CodecError(f"record {key}: not an object")
        try:
            out[key] = decode(cls, doc, id=int(key)) if with_id else decode(cls, doc)
        except (CodecError, TypeError, ValueError) as error:
            raise CodecError(f"record {key}: {error}") from None
    return out


def good_backup(root: Path, rel: str) -> Path | None:
    """The newest backup copy of ``rel`` whose every record reads."""
    for folder in backup_folders(root):
        candidate = folder / rel
        if not candidate.is_file():
            continue
        try:
            read_records(candidate, layout.kind_of(rel))
        except (OSError, ValueError, OverflowError):
            continue
        return candidate
    return None


class _Examiner:
    def __init__(self, root: Path, now: datetime) -> None:
        self.root = root
        self.now = now
        self.report = Report()
        self.by_kind: dict[str, dict[str, list[tuple[str, Any]]]] = defaultdict(dict)
        self.unread: set[str] = set()  # kinds with a file that could not be read

    def add(
        self,
        severity: Severity,
        code: str,
        message: str,
        file: str | None = None,
        backup: str | None = None,
    ) -> None:
        self.report.problems.append(Problem(severity, code, message, file, backup))

    def files(self) -> None:
        for rel in data_files(self.root):
            kind = layout.kind_of(rel)
            if kind not in MODEL_OF and kind != "meta":
                continue
            self.report.files += 1
            path = self.root / rel
            try:
                records = read_records(path, kind)
            except OverflowError as newer:
                self.unread.add(kind)
                self.add(
                    "error",
                    "schema",
                    f"{rel} was written by a newer vaplanner (data "
                    f"schema {newer}); upgrade vaplanner, do not restore it",
                    rel,
                )
                continue
            except (OSError, ValueError) as error:
                self.unread.add(kind)
                code = "bad-record" if isinstance(error, CodecError) else "unreadable"
                backup = good_backup(self.root, rel)
                hint = (
                    f"the newest good backup is {backup}"
                    if backup
                    else "no backup holds a good copy"
                )
                self.add(
                    "error",
                    code,
                    f"{rel} cannot be read ({error}); {hint}",
                    rel,
                    str(backup) if backup else None,
                )
                continue
            if kind == "meta":
                self.by_kind["meta"][rel] = list(records.items())
                continue
            self.report.records += len(records)
            self.by_kind[kind][rel] = list(records.items())

    def records(self, *kinds: str) -> list[tuple[str, Any]]:
        return [
            (rel, obj)
            for k in kinds
            for rel, items in self.by_kind[k].items()
            for _key, obj in items
        ]

    def references(self) -> None:
        """Ids that point nowhere. A kind whose file could not be read is not used as the
        list of what exists (everything would look dangling)."""
        known: dict[str, set[int] | None] = {
            "client_id": {c.id for _, c in self.records("clients")},
            "task_id": {t.id for _, t in self.records("tasks", "tasks-archive")},
            "invoice_id": {i.id for _, i in self.records("invoices")},
        }
        for attr, kinds in (
            ("client_id", ("clients",)),
            ("task_id", ("tasks", "tasks-archive")),
            ("invoice_id", ("invoices",)),
        ):
            if self.unread.intersection(kinds):
                known[attr] = None
        dangling: list[str] = []
        for kind in (
            "tasks",
            "tasks-archive",
            "entries",
            "blocks",
            "meetings",
            "invoices",
            "requests",
            "checkins",
            "timer",
        ):
            for rel, obj in self.records(kind):
                label = f"{rel}: {'timer' if kind == 'timer' else f'record {obj.id}'}"
                for attr, ids in known.items():
                    value = getattr(obj, attr, None)
                    if ids is not None and value is not None and value not in ids:
                        what = attr.removesuffix("_id")
                        dangling.append(f"{label} names {what} {value}, which does not exist")
        self._listed("warning", "missing-reference", dangling)

    def identities(self) -> None:
        meta_items = dict(self.by_kind["meta"].get(layout.META, []))
        meta = meta_items.get("1", {})
        counters = meta.get("counters", {}) if isinstance(meta, dict) else {}
        groups = {
            "tasks": ("tasks", "tasks-archive"),
            "entries": ("entries",),
            "blocks": ("blocks",),
            "clients": ("clients",),
            "meetings": ("meetings",),
            "invoices": ("invoices",),
            "requests": ("requests",),
            "checkins": ("checkins",),
        }
        for counter, kinds in groups.items():
            seen: dict[int, str] = {}
            for rel, obj in self.records(*kinds):
                if obj.id in seen:
                    self.add(
                        "error",
                        "duplicate-id",
                        f"{counter} id {obj.id} is in both {seen[obj.id]} and {rel}",
                        rel,
                    )
                seen[obj.id] = rel
            if (
                seen
                and max(seen) > int(counters.get(counter, 0))
                and counter in ("tasks", "entries", "blocks")
            ):
                self.add(
                    "error",
                    "counter-behind",
                    f"the {counter} id counter in meta.json "
                    f"({counters.get(counter, 0)}) is below the highest id ({max(seen)}); "
                    "new records could reuse ids ('vaplanner doctor --restore' fixes it)",
                    layout.META,
                )
        for kind in ("entries", "blocks"):
            for rel, obj in self.records(kind):
                if layout.month_file(kind, layout.month_key(obj.start)) != rel:
                    self.add(
                        "warning",
                        "misplaced",
                        f"{rel}: record {obj.id} starts in "
                        f"{layout.month_key(obj.start)}, so date queries miss it",
                        rel,
                    )

    def overlaps(self) -> None:
        entries = sorted((e for _, e in self.records("entries")), key=lambda e: (e.start, e.id))
        found: list[str] = []
        latest: Entry | None = None
        for entry in entries:
            if latest is not None and entry.start < latest.end:
                found.append(
                    f"entries {latest.id} and {entry.id} overlap "
                    f"({entry.start:%Y-%m-%d %H:%M} to {min(entry.end, latest.end):%H:%M} UTC)"
                )
            if latest is None or entry.end > latest.end:
                latest = entry
        self._listed("warning", "overlap", found)

    def timer(self) -> None:
        for rel, timer in self.records("timer"):
            if self.now - timer.started > timedelta(hours=24):
                hours = int((self.now - timer.started).total_seconds() // 3600)
                self.add(
                    "warning",
                    "old-timer",
                    f"the timer has been running for {hours} hours "
                    f"(since {timer.started:%Y-%m-%d %H:%M} UTC); stop it with "
                    "'vaplanner stop --at WHEN' or 'vaplanner cancel'",
                    rel,
                )

    def privacy(self) -> None:
        for top, dirs, files in os.walk(self.root):
            for name in dirs:
                path = Path(top) / name
                if path.stat().st_mode & 0o777 != DIR_MODE:
                    self.add(
                        "warning",
                        "permissions",
                        f"{path} can be read by others "
                        f"(mode {path.stat().st_mode & 0o777:o}, expected 700)",
                    )
            for name in files:
                path = Path(top) / name
                if is_temp_file(name):
                    self.add(
                        "note",
                        "temp-file",
                        f"{path} was left by a writer that stopped; the next write removes it",
                    )
                elif path.stat().st_mode & 0o777 != FILE_MODE:
                    self.add(
                        "warning",
                        "permissions",
                        f"{path} can be read by others "
                        f"(mode {path.stat().st_mode & 0o777:o}, expected 600)",
                    )
        if self.root.is_dir() and self.root.stat().st_mode & 0o777 != DIR_MODE:
            self.add(
                "warning",
                "permissions",
                f"{self.root} can be read by others "
                f"(mode {self.root.stat().st_mode & 0o777:o}, expected 700)",
            )

    def _listed(self, severity: Severity, code: str, found: list[str]) -> None:
        for message in found[:MAX_LISTED]:
            self.add(severity, code, message)
        if len(found) > MAX_LISTED:
            self.add(severity, code, f"... and {len(found) - MAX_LISTED} more like these")


def examine(root: Path, now: datetime) -> Report:
    """Check the data folder at ``root`` (read-only)."""
    examiner = _Examiner(root, now)
    if not root.exists():
        return examiner.report
    examiner.files()
    examiner.references()
    examiner.identities()
    examiner.overlaps()
    examiner.timer()
    examiner.privacy()
    return examiner.report


@dataclass(frozen=True)
class Restored:
    file: str
    source: str
    kept_as: str


def restore(root: Path, rel: str, source: Path, now: datetime) -> Restored:
    """Move the broken ``rel`` aside and put ``source`` (a backup copy) in its place.
    Call under the store's lock."""
    live = root / rel
    aside = live.with_name(f"{live.name}.broken-{now:%Y%m%dT%H%M%S}")
    if live.exists():
        os.replace(live, aside)
    atomic_write_bytes(live, source.read_bytes())
    return Restored(rel, str(source), str(aside))


def fix_permissions(root: Path) -> int:
    """Make every file 0600 and every folder 0700; returns how many were changed."""
    changed = 0
    for top, dirs, files in os.walk(root):
        for name, mode in [(d, DIR_MODE) for d in dirs] + [(f, FILE_MODE) for f in files]:
            path = Path(top) / name
            if path.stat().st_mode & 0o777 != mode:
                path.chmod(mode)
                changed += 1
    if root.stat().st_mode & 0o777 != DIR_MODE:
        root.chmod(DIR_MODE)
        changed += 1
    return changed
