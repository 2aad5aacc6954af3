"""``vaplanner export ics`` and ``vaplanner import ics``: calendars in and out.

``export`` and ``import`` are shared top-level commands (:func:`vaplanner.commands.command_group`);
this module adds their ``ics`` format. The iCalendar work itself is pure and lives in
``vaplanner.core.ical*``; here are the files, the store and the messages. icalendar and
dateutil are imported inside the handlers only.

The export remembers, per UID, a fingerprint of what it last wrote (``ics-sequences.json`` in
the data folder), so a block or deadline that changed gets a higher ``SEQUENCE`` the next time
(meetings also have their own ``sequence``), and what a cancellation of it would say, so an
event that has gone since is written once more as cancelled
(:mod:`vaplanner.core.ical_cancel`). Losing that file is harmless: SEQUENCE just starts from
the stored values again, and events gone before the loss are no longer cancelled.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vaplanner.commands import Context, command_group

if TYPE_CHECKING:
    from vaplanner.core.ical import ExportResult
    from vaplanner.core.ical_cancel import Kind
    from vaplanner.core.ical_merge import ImportPlan
    from vaplanner.core.ical_read import ReadResult
    from vaplanner.core.models import Client, Meeting, Settings
    from vaplanner.store.store import Store


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``export ics`` and ``import ics``."""
    export = command_group(sub, "export", common).add_parser(
        "ics",
        parents=[common],
        help="meetings (and blocks, deadlines) as an .ics file for Google, Outlook, Apple",
        description="Write one iCalendar file. Recurring meetings keep their rule and zone; "
        "re-importing a later export updates events instead of duplicating them. Without "
        "--from, meetings from today on (a recurring one that still runs is exported whole).",
    )
    export.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        default=None,
        help="where to write ('-' for standard output; default: vaplanner-YYYY-MM-DD.ics here)",
    )
    export.add_argument("--from", dest="date_from", metavar="DATE", default=None)
    export.add_argument("--to", dest="date_to", metavar="DATE", default=None)
    export.add_argument("--client", metavar="C", default=None, help="only this client")
    export.add_argument("--blocks", action="store_true", help="include planned blocks")
    export.add_argument(
        "--deadlines", action="store_true", help="include open tasks' due dates as all-day events"
    )
    export.set_defaults(func=export_ics)

    imp = command_group(sub, "import", common).add_parser(
        "ics",
        parents=[common],
        help="meetings from an .ics file (an invitation or a calendar export)",
        description="Read the events of an iCalendar file as meetings. The same UID again "
        "updates the meeting. A file that cannot be read is refused whole.",
    )
    imp.add_argument("file", metavar="FILE", help="the .ics file ('-' for standard input)")
    imp.add_argument(
        "--client",
        metavar="C",
        default=None,
        help="the client of every event (default: matched by the organizer's or attendees' "
        "email domain against client contacts)",
    )
    imp.add_argument("--dry-run", action="store_true", help="show what would change; write nothing")
    imp.set_defaults(func=import_ics)


# ---------------------------------------------------------------------------------- export


@dataclass(frozen=True, slots=True)
class ExportChoice:
    """What to export (the command line and the app's ``e`` key both build one)."""

    first_day: date
    last_day: date | None = None  # inclusive; None: no end
    client: Client | None = None
    blocks: bool = False
    deadlines: bool = False


def build_export(
    store: Store, settings: Settings, now: datetime, choice: ExportChoice
) -> ExportResult:
    """The export's bytes for ``choice`` (read from ``store``; the ledger is read, not saved)."""
    from vaplanner import __version__
    from vaplanner.commands.ics_ledger import gone_events, read_ledger
    from vaplanner.core.errors import NotFoundError
    from vaplanner.core.ical import export_calendar, meetings_in_range
    from vaplanner.core.ical_cancel import pending
    from vaplanner.core.times import day_bounds

    home = settings.home_tz
    start = day_bounds(choice.first_day, home)[0]
    end = day_bounds(choice.last_day, home)[1] if choice.last_day else None
    client_id = choice.client.id if choice.client else None
    with store.transaction():
        clients = store.clients.all(include_archived=True)
        meetings = [m for m in store.meetings.all() if client_id in (None, m.client_id)]
        chosen = meetings_in_range(meetings, start, end)
        blocks = []
        if choice.blocks:
            months = store.blocks.months()
            last = end or (_month_after(months[-1]) if months else start)
            blocks = [
                b for b in store.blocks.between(start, last) if client_id in (None, b.client_id)
            ]
        deadlines = []
        if choice.deadlines:
            deadlines = [
                t
                for t in store.tasks.list(client_id=client_id)
                if t.due is not None and t.due >= start and (end is None or t.due < end)
            ]
        titles: dict[int, str] = {}
        for task_id in sorted({b.task_id for b in blocks if b.task_id and not b.title}):
            try:
                titles[task_id] = store.tasks.get(task_id).title
            except NotFoundError:
                continue
        previous, stubs = read_ledger(store.path)
        kinds: list[Kind] = ["meeting"]
        kinds += ["block"] if choice.blocks else []
        kinds += ["deadline"] if choice.deadlines else []
        # what this export writes is not gone (export_calendar checks again; this only
        # spares the store look-ups)
        live = {m.uid for m in chosen} | {f"block-{b.id}@vaplanner" for b in blocks}
        live |= {f"deadline-{t.id}@vaplanner" for t in deadlines}
        considered = pending(
            (stub for uid, stub in stubs.items() if uid not in live),
            kinds=kinds,
            client_id=client_id,
            start=start,
            end=end,
            ledger=previous,
        )
        gone = gone_events(store, considered, meetings, chosen) if considered else []
    name = f"vaplanner · {choice.client.name}" if choice.client else "vaplanner"
    return export_calendar(
        meetings=chosen,
        blocks=blocks,
        deadlines=deadlines,
        clients=clients,
        task_titles=titles,
        home_tz=home,
        now=now,
        version=__version__,
        name=name,
        previous=previous,
        cancelled=gone,
    )


def default_filename(today: date) -> str:
    """``vaplanner-2026-11-28.ics``: the file name used when none is given."""
    return f"vaplanner-{today:%Y-%m-%d}.ics"


def export_to_file(
    store: Store, settings: Settings, now: datetime, choice: ExportChoice, target: Path | None
) -> ExportResult:
    """Build the export and write it to ``target`` atomically (``None``: do not write, the
    caller prints ``result.data``); remember what was written for the next SEQUENCE.

    The app's export key calls this too, so both write files the same way.
    """
    from vaplanner.commands.ics_ledger import save_ledger

    result = build_export(store, settings, now, choice)
    if target is not None:
        write_atomic(target, result.data)
    with store.transaction():
        save_ledger(store.path, result.ledger, result.stubs, now)
    return result


def export_ics(ctx: Context) -> int:
    """``export ics``: write the file (atomically) and say where it went."""
    from vaplanner.core.errors import InputError
    from vaplanner.core.times import parse_date, to_local

    args = ctx.args
    settings, store = ctx.settings, ctx.store
    today = to_local(ctx.now, settings.home_tz).date()
    first = parse_date(args.date_from, today=today) if args.date_from else today
    last = parse_date(args.date_to, today=today) if args.date_to else None
    if last is not None and last < first:
        raise InputError(f"--to {last} is before --from {first}; give the range oldest first")
    client = store.clients.find(args.client) if args.client else None
    choice = ExportChoice(first, last, client, args.blocks, args.deadlines)
    to_stdout = args.output == "-"
    target = None if to_stdout else Path(args.output or default_filename(today))
    result = export_to_file(store, settings, ctx.now, choice, target)
    if to_stdout:
        _write_stdout(ctx, result.data)
    parts = [f"{result.meetings} meeting(s)"]
    if args.blocks:
        parts.append(f"{result.blocks} block(s)")
    if args.deadlines:
        parts.append(f"{result.deadlines} deadline(s)")
    where = "standard output" if target is None else str(target.resolve())
    summary = f"wrote {', '.join(parts)} to {where}"
    if result.cancelled:  # as the app words it
        summary += f"; {result.cancelled} gone since the last export sent as cancelled"
    ctx.note(summary)
    return 0


def _write_stdout(ctx: Context, data: bytes) -> None:
    ctx.out.flush()
    buffer = getattr(ctx.out, "buffer", None)
    if buffer is not None:  # bytes as they are: CRLF must survive (no newline translation)
        buffer.write(data)
        buffer.flush()
    else:
        ctx.out.write(data.decode("utf-8"))


def write_atomic(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` through a temp file in the same folder + ``os.replace``,
    so a crash leaves the old file or the new one, never half of one."""
    from vaplanner.core.errors import InputError

    folder = target.parent if str(target.parent) else Path(".")
    try:
        handle, temp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as error:
        raise InputError(f"cannot write {target}: {error.strerror or error}") from error
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(temp, 0o666 & ~mask)  # an ordinary file, like any other program writes
        os.replace(temp, target)
    except OSError as error:
        Path(temp).unlink(missing_ok=True)
        raise InputError(f"cannot write {target}: {error.strerror or error}") from error
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _month_after(month: str) -> datetime:
    from datetime import UTC

    year, number = (int(part) for part in month.split("-"))
    year, number = (year + 1, 1) if number == 12 else (year, number + 1)
    # a day of slack: blocks are filed by their start's month in UTC or home time
    return datetime(year, number, 2, tzinfo=UTC)


# ---------------------------------------------------------------------------------- import


def import_data(
    store: Store,
    settings: Settings,
    now: datetime,
    data: bytes,
    *,
    source: str,
    client: Client | None = None,
    dry_run: bool = False,
) -> tuple[ReadResult, ImportPlan]:
    """Read ``data`` and apply every change in one store transaction (nothing on error).

    The app's import calls this too. ``client``: every event belongs to it (``--client``);
    ``dry_run``: decide, write nothing.
    """
    from vaplanner.core.ical_merge import plan_import
    from vaplanner.core.ical_read import read_calendar

    with store.transaction():
        read = read_calendar(
            data,
            home_tz=settings.home_tz,
            clients=store.clients.all(include_archived=False),
            client_id=client.id if client else None,
            source=source,
        )
        plan = plan_import(read, store.meetings.all(), now)
        if not dry_run and (plan.changes or plan.refresh):
            with store.bulk():
                for meeting in plan.delete:
                    store.meetings.delete(meeting.id)
                for _old, new in plan.update:
                    store.meetings.update(new)
                for meeting in plan.refresh:
                    store.meetings.update(meeting)
                for meeting in plan.add:
                    store.meetings.add(meeting)
    if plan.kept:  # in the notes too, so the app's import shows them as well
        kept = tuple(f"kept the newer stored '{m.title}': {why}" for m, why in plan.kept)
        read = replace(read, notes=(*read.notes, *kept))
    return read, plan


def import_ics(ctx: Context) -> int:
    """``import ics``: read the file, then apply every change in one store transaction."""
    from vaplanner.core.errors import InputError

    args = ctx.args
    source = "standard input" if args.file == "-" else args.file
    try:
        data = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).read_bytes()
    except OSError as error:
        raise InputError(f"cannot read {source}: {error.strerror or error}") from error
    store = ctx.store
    client = store.clients.find(args.client) if args.client else None
    read, plan = import_data(
        store, ctx.settings, ctx.now, data, source=source, client=client, dry_run=args.dry_run
    )
    names = {c.id: c.name for c in store.clients.all(include_archived=True)}
    _report(ctx, plan, read, names, source, dry_run=args.dry_run)
    if not (plan.changes or plan.unchanged or plan.kept) and read.skipped:
        return 2
    return 0


def _report(
    ctx: Context,
    plan: ImportPlan,
    read: ReadResult,
    names: dict[int, str],
    source: str,
    *,
    dry_run: bool,
) -> None:
    from vaplanner.commands import table
    from vaplanner.core.recur import describe_rule

    rows: list[tuple[str, str, str, str]] = []

    def row(state: str, meeting: Meeting) -> None:
        who = names.get(meeting.client_id, "") if meeting.client_id is not None else "(no client)"
        rows.append((state, meeting.title, who, describe_rule(meeting)))

    for meeting in plan.add:
        row("new", meeting)
    for _old, meeting in plan.update:
        row("updated", meeting)
    for meeting in plan.unchanged:
        row("unchanged", meeting)
    for meeting in plan.delete:
        row("removed", meeting)
    for meeting, _why in plan.kept:
        row("kept", meeting)
    verb = "would import" if dry_run else "imported"
    kept = f", kept {len(plan.kept)} newer" if plan.kept else ""
    ctx.print(
        f"{verb} {source}: {len(plan.add)} new, {len(plan.update)} updated, "
        f"{len(plan.unchanged)} unchanged, {len(plan.delete)} removed, "
        f"{len(read.skipped)} skipped{kept}"
    )
    if rows:
        ctx.print(table(rows, ("", "meeting", "client", "when")))
    for skipped in read.skipped:
        ctx.note(f"skipped '{skipped.title}': {skipped.reason}")
    for note in read.notes:
        ctx.note(note)
    if any(m.client_id is None for m in plan.add) and not ctx.args.client:
        ctx.note("no client matched some meetings; give one with --client NAME")
    if dry_run:
        ctx.note("nothing was written (--dry-run)")
