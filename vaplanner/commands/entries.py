"""``log`` (a finished stretch of work) and ``entries`` (tracked time, by day)."""

from __future__ import annotations

import argparse
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from vaplanner.commands import Context, table, utc_z
from vaplanner.commands.timer import add_tz, find_client, instant, task_ref, zone

if TYPE_CHECKING:
    from vaplanner.core.models import Entry

#: Days ``entries`` shows when neither --from nor --to is given (today and the 6 before).
DEFAULT_DAYS = 7


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """Add ``log`` and ``entries``."""
    log = sub.add_parser(
        "log",
        parents=[common],
        help="record time already worked",
        description="Record a finished entry, e.g. log Acme --from 09:00 --to 10:30. "
        "--to may be a clock time on the day of --from. Overlaps are refused.",
    )
    log.add_argument("client", metavar="CLIENT", help="client name, hotkey or id")
    log.add_argument("--from", dest="start", required=True, metavar="WHEN")
    log.add_argument("--to", dest="end", required=True, metavar="WHEN")
    log.add_argument("--task", type=task_ref, metavar="ID")
    log.add_argument("--note", default="", metavar="TEXT")
    log.add_argument(
        "--non-billable", dest="billable", action="store_false", help="not to be invoiced"
    )
    add_tz(log)
    log.set_defaults(func=log_command)

    entries = sub.add_parser(
        "entries",
        parents=[common],
        help="list time entries",
        description="List entries that start between --from and --to (inclusive dates in your "
        f"home zone); by default the last {DEFAULT_DAYS} days.",
    )
    entries.add_argument("--from", dest="start", metavar="DATE", help="first day (inclusive)")
    entries.add_argument("--to", dest="end", metavar="DATE", help="last day (inclusive)")
    entries.add_argument("--client", metavar="C", help="only this client")
    entries.add_argument("--json", action="store_true", help="print JSON")
    add_tz(entries, "dates and times")
    entries.set_defaults(func=entries_command)


def entry_json(entry: Entry, client: str) -> dict[str, Any]:
    """The JSON object of an entry (``entries --json``)."""
    return {
        "id": entry.id,
        "client": client,
        "client_id": entry.client_id,
        "task_id": entry.task_id,
        "note": entry.note,
        "start_utc": utc_z(entry.start),
        "end_utc": utc_z(entry.end),
        "minutes": entry.minutes,
        "billable": entry.billable,
        "tags": list(entry.tags),
        "invoice_id": entry.invoice_id,
    }


def _end(ctx: Context, text: str, start: datetime, tz: str) -> datetime:
    """``--to``: a clock time alone is on the local day of ``--from``."""
    from vaplanner.core.errors import TimeParseError
    from vaplanner.core.times import parse_clock, resolve_wall, to_local

    try:
        clock = parse_clock(text)
    except TimeParseError:
        return instant(ctx, text, tz)
    day = to_local(start, tz).date()
    value, note = resolve_wall(datetime.combine(day, clock), tz)
    if note:
        ctx.note(note)
    return value


def log_command(ctx: Context) -> int:
    from vaplanner.actions import log_entry
    from vaplanner.commands.timer import label, when
    from vaplanner.core.times import format_duration

    args = ctx.args
    client = find_client(ctx, args.client)
    tz = zone(ctx)
    start = instant(ctx, args.start, tz)
    end = _end(ctx, args.end, start, tz)
    entry = log_entry(
        ctx.store,
        client.id,
        start,
        end,
        task_id=args.task,
        note=args.note,
        billable=args.billable,
        now=ctx.now,
        settings=ctx.settings,
    )
    what = label(ctx, entry.client_id, entry.task_id, entry.note)
    extra = "" if entry.billable else ", not billable"
    ctx.print(
        f"Logged {what} {when(entry.start, tz, ctx.now)}-{when(entry.end, tz, entry.start)} "
        f"({format_duration(entry.minutes)}{extra}; entry #{entry.id})"
    )
    return 0


def _range(ctx: Context, tz: str) -> tuple[date, date]:
    from vaplanner.core.errors import InputError
    from vaplanner.core.times import parse_date, to_local

    today = to_local(ctx.now, tz).date()
    args = ctx.args
    first = parse_date(args.start, today=today) if args.start else None
    last = parse_date(args.end, today=today) if args.end else None
    if first is None:
        first = (last or today) - timedelta(days=DEFAULT_DAYS - 1)
    if last is None:
        last = max(today, first)
    if last < first:
        raise InputError(f"--to ({last}) is before --from ({first}); --from is the first day")
    return first, last


def entries_command(ctx: Context) -> int:
    from vaplanner.core.times import day_bounds

    args = ctx.args
    tz = zone(ctx)
    first, last = _range(ctx, tz)
    low, _ = day_bounds(first, tz)
    _, high = day_bounds(last, tz)
    client = find_client(ctx, args.client) if args.client else None
    found = [
        e
        for e in ctx.store.entries.between(low, high)
        if low <= e.start < high and (client is None or e.client_id == client.id)
    ]
    found.sort(key=lambda e: (e.start, e.id))
    names = {c.id: c.name for c in ctx.store.clients.all(include_archived=True)}
    if args.json:
        ctx.print_json([entry_json(e, names.get(e.client_id, "")) for e in found])
        return 0
    span = f"{first:%a %d %b}" + (f" to {last:%a %d %b %Y}" if last != first else f" {first.year}")
    if not found:
        whose = f" for {client.name}" if client else ""
        ctx.print(f"No entries{whose} from {span}")
        return 0
    ctx.print(_table(ctx, found, names, tz))
    total = sum(e.minutes for e in found)
    billable = sum(e.minutes for e in found if e.billable)
    from vaplanner.core.times import format_duration

    ctx.print(
        f"{len(found)} {'entry' if len(found) == 1 else 'entries'}, {format_duration(total)} "
        f"({format_duration(billable)} billable), {span}"
    )
    return 0


def _table(ctx: Context, found: list[Entry], names: dict[int, str], tz: str) -> str:
    from vaplanner.commands.timer import task_title
    from vaplanner.core.times import format_duration, to_local

    titles = {tid: task_title(ctx, tid) for tid in {e.task_id for e in found} if tid is not None}
    rows = []
    for e in found:
        start, end = to_local(e.start, tz), to_local(e.end, tz)
        end_text = f"{end:%H:%M}" if end.date() == start.date() else f"{end:%a %H:%M}"
        rows.append(
            (
                e.id,
                f"{start:%a %d %b}",
                f"{start:%H:%M}",
                end_text,
                format_duration(e.minutes),
                names.get(e.client_id, "?"),
                titles.get(e.task_id, "") if e.task_id is not None else "",
                e.note + ("" if e.billable else " (not billable)"),
            )
        )
    return table(rows, ("ID", "DAY", "START", "END", "TIME", "CLIENT", "TASK", "NOTE"))
