"""Backups of the data folder: ``<data>/backups/YYYY-MM-DD/``, private, pruned, cheap.

The store takes one before the first write of each day (in the home zone) and before a
migration; ``vaplanner backup`` takes one on demand. A backup is a full tree of the data
files, but a file whose bytes equal the previous backup's copy is hard-linked to that copy
instead of copied again (old months never change, so fourteen daily backups of five years
cost little more than one). Backup files are never modified after they are written, so
sharing them is safe; the live files are never linked (writers replace them, but a tool
editing one in place must not reach into the backups). The price: an unchanged file has one
copy in the backups however many days hold it, beside the live file.

A backup folder appears under its final name only when complete (it is built under a
hidden name and renamed), so a half-made backup is never mistaken for a good one.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import TYPE_CHECKING

from vaplanner.store import layout
from vaplanner.store.storage import (
    DIR_MODE,
    FILE_MODE,
    backup_folders,
    ensure_dir,
    fsync_dir,
    is_temp_file,
)

if TYPE_CHECKING:
    from pathlib import Path

_BUILDING = ".building-"
#: The name prefix of a backup folder still being built (or left half-built by a crash).
BUILDING_PREFIX = _BUILDING


def data_files(root: str | os.PathLike[str]) -> Iterator[str]:
    """Relative paths of the data files (``*.json``), top level first."""
    for sub in ("", *layout.PARTITION_DIRS):
        folder = os.path.join(root, sub) if sub else os.fspath(root)
        try:
            names = sorted(os.listdir(folder))
        except (FileNotFoundError, NotADirectoryError):
            continue
        for name in names:
            if name.endswith(".json") and not is_temp_file(name) and not name.startswith("."):
                if os.path.isfile(os.path.join(folder, name)):
                    yield f"{sub}/{name}" if sub else name


def _same_bytes(a: Path, b: Path) -> bool:
    try:
        sa, sb = a.stat(), b.stat()
        if sa.st_size != sb.st_size:
            return False
        return a.read_bytes() == b.read_bytes()
    except OSError:
        return False


def _copy_private(source: Path, target: Path) -> None:
    """Copy bytes and mtime into a new 0600 file, fsync'd."""
    payload = source.read_bytes()
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, FILE_MODE)
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)
    st = source.stat()
    os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns))


def take_backup(root: str | os.PathLike[str], name: str) -> Path | None:
    """Copy the data files of ``root`` into ``root/backups/name``.

    Returns the backup folder (an existing one of that name is kept as it is), or ``None``
    when there is nothing to back up yet. Call it under the store's lock.
    """
    from pathlib import Path

    root = Path(root)
    target = root / layout.BACKUPS_DIR / name
    if target.is_dir():
        return target
    files = list(data_files(root))
    if not files:
        return None
    backups = root / layout.BACKUPS_DIR
    ensure_dir(backups)
    previous = next(iter(backup_folders(root)), None)
    building = backups / f"{_BUILDING}{name}-{os.urandom(4).hex()}"
    os.mkdir(building, DIR_MODE)
    try:
        made: set[Path] = {building}
        for rel in files:
            source, copy = root / rel, building / rel
            if copy.parent not in made:
                os.mkdir(copy.parent, DIR_MODE)
                made.add(copy.parent)
            earlier = previous / rel if previous else None
            if earlier is not None and _same_bytes(source, earlier):
                try:
                    os.link(earlier, copy)
                    continue
                except OSError:
                    pass  # no hard links here: copy instead
            _copy_private(source, copy)
        for folder in made:
            fsync_dir(folder)
        os.replace(building, target)
    except BaseException:
        import shutil

        shutil.rmtree(building, ignore_errors=True)
        raise
    fsync_dir(backups)
    return target


def prune(root: str | os.PathLike[str], keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` backups (and any half-built ones); returns what
    was deleted."""
    from pathlib import Path

    root = Path(root)
    backups = root / layout.BACKUPS_DIR
    removed: list[Path] = []
    try:
        leftovers = [backups / n for n in os.listdir(backups) if n.startswith(_BUILDING)]
    except FileNotFoundError:
        return removed
    doomed = [*backup_folders(root)[max(keep, 0) :], *leftovers]
    if doomed:
        import shutil  # only here: shutil costs start-up time on every write otherwise

        for path in doomed:
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed
