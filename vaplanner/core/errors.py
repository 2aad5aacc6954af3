"""Errors a person can act on.

Every message says what was wrong and what is accepted. The command line prints
``str(error)`` on one line and exits with ``error.exit_code``; the app shows it as a
notification and keeps what the user typed.
"""

from __future__ import annotations


class VaplannerError(Exception):
    """Base class for every error vaplanner reports to a person."""

    exit_code: int = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InputError(VaplannerError):
    """Something the user typed cannot be understood (exit 2)."""


class TimeParseError(InputError):
    """A time, date or duration that cannot be read."""


class ZoneError(InputError):
    """An unknown IANA time-zone name."""


class NotFoundError(InputError):
    """A client, task, entry, block or meeting that does not exist."""


class AmbiguousError(InputError):
    """A name that matches more than one record."""


class ConflictError(InputError):
    """An overlap, a duplicate name or hotkey, or an action that is not allowed now."""


class NothingRunningError(InputError):
    """A timer action when no timer runs."""


class StoreError(VaplannerError):
    """The data folder cannot be used (exit 1)."""

    exit_code = 1


class CorruptFileError(StoreError):
    """A data file that cannot be read; it is never overwritten."""

    def __init__(self, path: str, reason: str, newest_backup: str | None = None) -> None:
        hint = (
            f"; the newest backup is {newest_backup} (run 'vaplanner doctor --restore')"
            if newest_backup
            else "; run 'vaplanner doctor' for help"
        )
        super().__init__(f"cannot read {path}: {reason}; the file was left untouched{hint}")
        self.path = path
        self.reason = reason
        self.newest_backup = newest_backup


class LockedError(StoreError):
    """Another process held the data folder for too long."""


class SchemaError(StoreError):
    """A data file written by a newer vaplanner."""
