"""``export csv``, ``import toggl`` and ``import clockify``: tracked time in and out as CSV.

* ``export csv``: Toggl's classic detailed-report columns (User, Email, Client, Project,
  Task, Description, Billable, Start/End date and time, Duration, Tags, Amount), times in
  the home zone (or ``--tz``). The first tag of an entry is its Project. A file gets a UTF-8
  BOM, as Toggl writes it (Excel needs it); standard output does not.
* ``import toggl|clockify FILE``: see :mod:`vaplanner.core.timecsv` for how rows are read.
  Clients are matched by name (case-insensitive, archived ones too) or created in the
  import zone with the file's currency; a Task column matches a task of that client by
  title, else it becomes a tag. One bad row refuses the whole file, naming its line;
  everything is written in one transaction; rows imported before (same source hash) are
  skipped, so importing a file twice adds nothing the second time.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vaplanner.commands import Context, command_group
from vaplanner.commands.timer import add_tz, find_client, zone

if TYPE_CHECKING:
    from vaplanner.core.models import Client, Entry
    from vaplanner.core.timecsv import CsvFile


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``export csv``, ``import toggl`` and ``import clockify``."""
    export = command_group(sub, "export", common).add_parser(
        "csv",
        parents=[common],
        help="tracked time as a Toggl-compatible CSV file",
        description="Write entries that start between --from and --to (inclusive dates in your "
        "home zone; default: everything) with Toggl's detailed-report columns.",
    )
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout)")
    export.add_argument("--from", dest="start", metavar="DATE", help="first day")
    export.add_argument("--to", dest="end", metavar="DATE", help="last day (inclusive)")
    export.add_argument("--client", metavar="C", help="only this client")
    add_tz(export, "dates and times")
    export.set_defaults(func=export_csv)

    formats = command_group(sub, "import", common)
    for kind, name in (("toggl", "Toggl Track"), ("clockify", "Clockify")):
        imp = formats.add_parser(
            kind,
            parents=[common],
            help=f"time entries from a {name} detailed-report CSV export",
            description=f"Import a {name} detailed report (CSV). Times are read in your home "
            "zone unless --tz; a bad row refuses the whole file with its line number; rows "
            "imported before are skipped.",
        )
        imp.add_argument("file", metavar="FILE", help="the CSV file ('-' for standard input)")
        add_tz(imp, "the file's times")
        imp.add_argument("--dry-run", action="store_true", help="show what would change only")
        imp.add_argument(
            "--client", metavar="C", help="client for rows that name no client and no project"
        )
        imp.add_argument("--user", metavar="NAME", help="only rows of this user (name or email)")
        imp.add_argument(
            "--date-order",
            choices=("auto", "mdy", "dmy"),
            default="auto",
            help="how slash dates read (Clockify): auto (from the file), MM/DD or DD/MM",
        )
        imp.add_argument("--json", action="store_true", help="print a JSON summary")
        imp.set_defaults(func=import_csv, kind=kind)


# -------------------------------------------------------------------------------- export


def export_csv(ctx: Context) -> int:
    from vaplanner.commands.timer import task_title
    from vaplanner.core.billing import amount_for, billable_minutes
    from vaplanner.core.errors import InputError
    from vaplanner.core.reports import range_bounds
    from vaplanner.core.timecsv_export import ExportRow, write_toggl_csv
    from vaplanner.core.times import parse_date, to_local

    args = ctx.args
    tz = zone(ctx)
    today = to_local(ctx.now, tz).date()
    client = find_client(ctx, args.client) if args.client else None
    if args.start or args.end:
        months = ctx.store.entries.months()
        first = parse_date(args.start, today=today) if args.start else None
        last = parse_date(args.end, today=today) if args.end else today
        if first is None:
            first = datetime.strptime(months[0], "%Y-%m").date() if months else last
        if last < first:
            raise InputError(f"--to ({last}) is before --from ({first}); --from is the first day")
        low, high = range_bounds(first, last, tz)
        entries = [e for e in ctx.store.entries.between(low, high) if low <= e.start]
    else:
        entries = list(ctx.store.entries.all())
    entries = [e for e in entries if client is None or e.client_id == client.id]
    entries.sort(key=lambda e: (e.start, e.id))
    clients = {c.id: c for c in ctx.store.clients.all(include_archived=True)}
    titles = {t: task_title(ctx, t) for t in {e.task_id for e in entries if e.task_id is not None}}
    rows = []
    for entry in entries:
        owner = clients.get(entry.client_id)
        amount = currency = None
        if owner is not None and entry.billable and owner.billing.rate is not None:
            currency = owner.billing.currency
            amount = amount_for(
                billable_minutes(entry, owner.billing), owner.billing.rate, currency
            )
        rows.append(
            ExportRow(
                client=owner.name if owner else f"client #{entry.client_id}",
                start=entry.start,
                end=entry.end,
                description=entry.note,
                task=titles.get(entry.task_id, "") if entry.task_id is not None else "",
                tags=entry.tags,
                billable=entry.billable,
                amount=amount,
                currency=currency or "",
            )
        )
    text = write_toggl_csv(rows, tz=tz, user=ctx.settings.name)
    if args.output and args.output != "-":
        path = Path(args.output).expanduser()
        try:
            path.write_text("\ufeff" + text, encoding="utf-8")
        except OSError as error:
            raise InputError(f"cannot write {path}: {error.strerror}") from None
        ctx.note(f"wrote {len(rows)} entries to {path}")
    else:
        ctx.out.write(text)
    return 0


# -------------------------------------------------------------------------------- import


@dataclass
class ImportPlan:
    """What an import would do; nothing is written until :func:`_apply`."""

    new_clients: list[Client] = field(default_factory=list)
    entries: list[tuple[str, Entry]] = field(default_factory=list)  # (client name, entry)
    duplicates: int = 0
    overlaps: int = 0


def _read(ctx: Context, name: str) -> str:
    from vaplanner.core.errors import InputError

    try:
        data = sys.stdin.buffer.read() if name == "-" else Path(name).expanduser().read_bytes()
    except OSError as error:
        raise InputError(f"cannot read {name}: {error.strerror}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{name} is not UTF-8 text (byte {error.start}); export it again from the tracker "
            "or save it as CSV UTF-8"
        ) from None


def _new_client(name: str, tz: str, parsed: CsvFile, home_currency: str) -> Client:
    from vaplanner.core.models import Billing, Client

    rates = {r.rate for r in parsed.rows if r.client == name and r.billable and r.rate}
    rate = rates.pop() if len(rates) == 1 else None
    return Client(
        name=name,
        tz=tz,
        billing=Billing(rate=rate, currency=parsed.currency or home_currency),
    )


def _plan(ctx: Context, parsed: CsvFile, tz: str) -> ImportPlan:
    from vaplanner.core.models import TASK_STATUSES, Entry

    plan = ImportPlan()
    if not parsed.rows:
        return plan
    known = {c.name.casefold(): c for c in ctx.store.clients.all(include_archived=True)}
    for row in parsed.rows:
        key = row.client.casefold()
        if key not in known:
            client = _new_client(row.client, tz, parsed, ctx.settings.currency)
            known[key] = client
            plan.new_clients.append(client)
    low = min(r.start for r in parsed.rows)
    high = max(r.end for r in parsed.rows)
    existing = ctx.store.entries.between(low, high)
    seen = {e.source for e in existing if e.source}
    starts = [e.start for e in existing]
    longest = max((e.end - e.start for e in existing), default=timedelta(0))
    tasks: dict[tuple[int, str], int] = {}
    for client in known.values():
        if client.id and any(r.client.casefold() == client.name.casefold() for r in parsed.rows):
            for task in ctx.store.tasks.list(client.id, statuses=TASK_STATUSES):
                tasks.setdefault((client.id, task.title.casefold()), task.id)
    for row in parsed.rows:
        if row.source in seen:
            plan.duplicates += 1
            continue
        seen.add(row.source)
        client = known[row.client.casefold()]
        task_id = tasks.get((client.id, row.task.casefold())) if row.task and client.id else None
        tags = row.tags if task_id is not None or not row.task else (*row.tags, row.task)
        entry = Entry(
            client_id=client.id,
            start=row.start,
            end=row.end,
            task_id=task_id,
            note=row.description,
            billable=row.billable,
            tags=_unique(tags),
            source=row.source,
        )
        plan.entries.append((client.name, entry))
        plan.overlaps += _overlaps(existing, starts, longest, entry)
    return plan


def _unique(tags: tuple[str, ...]) -> tuple[str, ...]:
    """Tags without repeats, ignoring case (the first spelling wins)."""
    kept: dict[str, str] = {}
    for tag in tags:
        kept.setdefault(tag.casefold(), tag)
    return tuple(kept.values())


def _overlaps(
    existing: list[Entry], starts: list[datetime], longest: timedelta, entry: Entry
) -> int:
    """1 when ``entry`` overlaps an entry already stored (``existing`` sorted by start,
    ``longest`` the longest of them)."""
    import bisect

    first = bisect.bisect_left(starts, entry.start - longest)
    last = bisect.bisect_left(starts, entry.end)
    return int(any(o.end > entry.start for o in existing[first:last]))


def _apply(ctx: Context, plan: ImportPlan) -> None:
    from dataclasses import replace

    store = ctx.store
    ids: dict[str, int] = {}
    for client in plan.new_clients:
        stored = store.clients.add(client)
        ids[stored.name] = stored.id
    entries = [
        replace(entry, client_id=ids[name]) if not entry.client_id else entry
        for name, entry in plan.entries
    ]
    store.entries.add_many(entries)


def import_csv(ctx: Context) -> int:
    from vaplanner.core.errors import InputError
    from vaplanner.core.timecsv import parse_time_csv
    from vaplanner.core.timecsv_format import CsvRowError

    args = ctx.args
    tz = zone(ctx)
    default = find_client(ctx, args.client).name if args.client else None
    text = _read(ctx, args.file)
    try:
        parsed = parse_time_csv(
            text,
            args.kind,
            tz=tz,
            date_order=args.date_order,
            user=args.user,
            default_client=default,
        )
    except CsvRowError as error:
        raise InputError(f"{args.file}: {error}; nothing was imported") from None
    with ctx.store.bulk():
        plan = _plan(ctx, parsed, tz)
        if not args.dry_run:
            _apply(ctx, plan)
    for note in parsed.notes:
        ctx.note(note)
    _summary(ctx, plan, parsed, tz)
    return 0


def _summary(ctx: Context, plan: ImportPlan, parsed: CsvFile, tz: str) -> None:
    from vaplanner.core.times import format_duration

    args = ctx.args
    minutes = sum(entry.minutes for _, entry in plan.entries)
    created = [c.name for c in plan.new_clients]
    if args.json:
        ctx.print_json(
            {
                "file": args.file,
                "dry_run": bool(args.dry_run),
                "imported": len(plan.entries),
                "minutes": minutes,
                "already_imported": plan.duplicates,
                "skipped_lines": list(parsed.skipped_lines),
                "clients_created": created,
                "overlapping": plan.overlaps,
            }
        )
        return
    verb = "Would import" if args.dry_run else "Imported"
    count = len(plan.entries)
    parts = [f"{verb} {count} {'entry' if count == 1 else 'entries'} ({format_duration(minutes)})"]
    if plan.duplicates:
        parts.append(f"{plan.duplicates} already imported before")
    ctx.print(f"{', '.join(parts)} from {args.file}")
    if created:
        what = "Would create" if args.dry_run else "Created"
        ctx.print(f"{what} {len(created)} client(s) in {tz}: {', '.join(created)}")
        ctx.note("set each new client's own zone with 'vaplanner client edit NAME --tz ZONE'")
    if plan.overlaps:
        ctx.note(
            f"{plan.overlaps} imported entries overlap time you had tracked already; "
            "'vaplanner entries' shows them"
        )
