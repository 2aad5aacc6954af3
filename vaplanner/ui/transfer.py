"""Calendar export and import for the app (no Textual here: the planner runs these in a worker).

Both reuse the command line's building blocks (``vaplanner.commands.ics`` for the export and
its ledger of SEQUENCE numbers, ``vaplanner.core.ical_read`` / ``ical_merge`` for the import),
so a file written from the app is the same file ``vaplanner export ics`` would write.
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

    choice = ics.ExportChoice(
        request.first_day, None, None, blocks=request.blocks, deadlines=request.deadlines
    )
    result = ics.build_export(store, settings, now, choice)
    target = request.path.expanduser()
    if target.is_dir():
        raise InputError(f"{target} is a folder; give a file name such as {target}/vaplanner.ics")
    ics.write_atomic(target, result.data)
    with store.transaction():
        # The ledger keeps SEQUENCE rising across exports (see vaplanner.commands.ics).
        ics._save_ledger(store.path, result.ledger)
    parts = [f"{result.meetings} meeting(s)"]
    if request.blocks:
        parts.append(f"{result.blocks} block(s)")
    if request.deadlines:
        parts.append(f"{result.deadlines} deadline(s)")
    return TransferDone(f"wrote {', '.join(parts)} to {target.resolve()}")


def import_ics(store: Store, settings: Settings, now: datetime, path: Path) -> TransferDone:
    """Read an .ics file's events as meetings, all changes in one transaction."""
    from vaplanner.core.ical_merge import plan_import
    from vaplanner.core.ical_read import read_calendar

    source = path.expanduser()
    try:
        data = source.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read {source}: {error.strerror or error}") from error
    with store.transaction():
        read = read_calendar(
            data, home_tz=settings.home_tz, clients=store.clients.all(), source=str(source)
        )
        plan = plan_import(read, store.meetings.all(), now)
        if plan.changes:
            with store.bulk():
                for meeting in plan.delete:
                    store.meetings.delete(meeting.id)
                for _old, new in plan.update:
                    store.meetings.update(new)
                for meeting in plan.add:
                    store.meetings.add(meeting)
    warnings = tuple(f"skipped '{s.title}': {s.reason}" for s in read.skipped) + tuple(read.notes)
    return TransferDone(
        f"imported {source.name}: {len(plan.add)} new, {len(plan.update)} updated, "
        f"{len(plan.unchanged)} unchanged, {len(plan.delete)} removed",
        warnings,
    )
