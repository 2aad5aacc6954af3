"""Calendar export and import for the app (no Textual here: the planner runs these in a worker).

Both are thin wrappers over the command line's public functions in ``vaplanner.commands.ics``
(``export_to_file``, ``import_data``), so a file written from the app is the file
``vaplanner export ics`` would write, and an import changes the store exactly as
``vaplanner import ics`` does. What is left here is the app's wording of the outcome.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from vaplanner.core.errors import InputError
from vaplanner.core.models import Settings
from vaplanner.store.store import Store


@dataclass(frozen=True)
class ExportRequest:
    """What the export dialog asked for."""

    path: Path
    first_day: date
    blocks: bool = False
    deadlines: bool = True


@dataclass(frozen=True)
class TransferDone:
    """A one-line summary for the notification."""

    summary: str
    warnings: tuple[str, ...] = ()


def export_ics(
    store: Store, settings: Settings, now: datetime, request: ExportRequest
) -> TransferDone:
    """Write the .ics file the request describes (atomically) and remember SEQUENCE numbers."""
    from vaplanner.commands import ics

    target = request.path.expanduser()
    if target.is_dir():
        raise InputError(f"{target} is a folder; give a file name such as {target}/vaplanner.ics")
    choice = ics.ExportChoice(request.first_day, blocks=request.blocks, deadlines=request.deadlines)
    result = ics.export_to_file(store, settings, now, choice, target)
    parts = [f"{result.meetings} meeting(s)"]
    if request.blocks:
        parts.append(f"{result.blocks} block(s)")
    if request.deadlines:
        parts.append(f"{result.deadlines} deadline(s)")
    summary = f"wrote {', '.join(parts)} to {target.resolve()}"
    if result.cancelled:  # the file holds more than the counts above say (the CLI says so too)
        summary += f"; {result.cancelled} gone since the last export sent as cancelled"
    return TransferDone(summary)


def import_ics(store: Store, settings: Settings, now: datetime, path: Path) -> TransferDone:
    """Read an .ics file's events as meetings, all changes in one transaction."""
    from vaplanner.commands.ics import import_data

    source = path.expanduser()
    try:
        data = source.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read {source}: {error.strerror or error}") from error
    read, plan = import_data(store, settings, now, data, source=str(source))
    warnings = tuple(f"skipped '{s.title}': {s.reason}" for s in read.skipped) + tuple(read.notes)
    return TransferDone(
        f"imported {source.name}: {len(plan.add)} new, {len(plan.update)} updated, "
        f"{len(plan.unchanged)} unchanged, {len(plan.delete)} removed",
        warnings,
    )
