"""The writers' lock: one process (and one thread) at a time changes the data folder."""

from __future__ import annotations

import _thread
import os
import sys
import time
from typing import Any

from vaplanner.core.errors import LockedError
from vaplanner.store.storage import FILE_MODE, ensure_dir


class FolderLock:
    """An exclusive, cross-process lock on ``<data>/.lock``, reentrant within a thread.

    On POSIX it is a ``flock`` on a 0600 lock file (which is never deleted, so there is no
    race between unlinking and locking); elsewhere it falls back to :mod:`filelock`. The
    ``fcntl`` path matters for start-up time: importing ``filelock`` 4 costs ~25 ms, a third
    of the command line's budget.
    """

    def __init__(self, path: str | os.PathLike[str], timeout: float = 10.0) -> None:
        self.path = os.fspath(path)  # text: pathlib is not imported on the command line's paths
        self.timeout = timeout
        # threads of this process queue here first (threading.RLock is this very lock; the
        # threading module itself is not needed on the command line's paths)
        self._mutex = _thread.RLock()
        self._depth = 0
        self._fd: int | None = None
        self._fallback: Any = None

    @property
    def held(self) -> bool:
        """True while this process holds the lock."""
        return self._depth > 0

    @property
    def depth(self) -> int:
        """How many nested acquisitions are open."""
        return self._depth

    def acquire(self) -> None:
        if not self._mutex.acquire(timeout=self.timeout):
            raise self._locked_error()
        try:
            if self._depth == 0:
                self._acquire_os_lock()
            self._depth += 1
        except BaseException:
            self._mutex.release()
            raise

    def release(self) -> None:
        self._depth -= 1
        try:
            if self._depth == 0:
                self._release_os_lock()
        finally:
            self._mutex.release()

    def generation(self) -> int | None:
        """The writers' counter kept in the lock file (read while holding the lock).

        Every writer raises it before letting go (:meth:`bump`), so a process that finds the
        value it left behind knows nobody else wrote in between and may trust its caches
        completely; otherwise it must not trust a file's (mtime, size, inode) when the mtime
        is recent (a rewrite within the same timestamp tick could reuse the inode number).
        ``None`` when unknown (no native lock, or an unreadable counter).
        """
        if self._fd is None:
            return None
        try:
            return int(os.pread(self._fd, 32, 0).strip() or b"0")
        except (OSError, ValueError):
            return None

    def bump(self) -> int | None:
        """Raise the writers' counter; returns the new value (``None`` when unknown)."""
        if self._fd is None:
            return None
        value = (self.generation() or 0) + 1
        try:
            os.pwrite(self._fd, f"{value:020d}\n".encode(), 0)
        except OSError:
            return None
        return value

    def __enter__(self) -> FolderLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    def _locked_error(self) -> LockedError:
        return LockedError(
            f"the data folder {os.path.dirname(self.path)} is busy: another vaplanner process "
            f"has held {self.path} for more than {self.timeout:g} s; try again, or close the other "
            "vaplanner if it is stuck"
        )

    def _acquire_os_lock(self) -> None:
        ensure_dir(os.path.dirname(os.path.abspath(self.path)))
        if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
            import filelock

            if self._fallback is None:
                self._fallback = filelock.FileLock(self.path, timeout=self.timeout, mode=FILE_MODE)
            try:
                self._fallback.acquire()
            except filelock.Timeout:
                raise self._locked_error() from None
            return
        import fcntl

        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, FILE_MODE)
        try:
            os.fchmod(fd, FILE_MODE)
        except OSError:
            pass  # someone else's lock file in a shared folder: locking still works
        deadline = time.monotonic() + self.timeout
        delay = 0.001
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise self._locked_error() from None
                time.sleep(delay)
                delay = min(delay * 2, 0.02)
            except BaseException:
                os.close(fd)
                raise
        self._fd = fd

    def _release_os_lock(self) -> None:
        if self._fallback is not None:  # pragma: no cover - Windows
            self._fallback.release()
            return
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)  # closing the descriptor drops the flock
