"""``report`` (where the time went, revenue) and ``progress`` (client updates in Markdown).

``report`` reads only the months of the period it shows (``store.entries.between``), so a
month's report stays fast on years of history. Periods are inclusive dates in the home zone
(``--tz`` for another); an entry counts on the day it starts.

Views (one at a time; each has table, json, csv and md output):

* default, ``--by client|tag|task|day``: JSON ``{"from", "to", "rows": [{"key", "minutes",
  "billable_minutes", "amount", "currency"}], "total_minutes", "totals_by_currency"}``
* ``--estimates``: estimate vs actual per task; JSON ``{"from", "to", "tasks": [...]}``
* ``--plan``: planned (work blocks) vs tracked per day; JSON ``{"from", "to", "days": [...]}``
* ``--sinks [N]``: the N biggest consumers of time; JSON ``{"from", "to", "sinks": [...]}``
* ``--revenue``: invoices issued in the period, converted to the home currency
  (``config set currency``) with the exchange rate stored on each invoice.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from vaplanner.commands import Context, table
from vaplanner.commands.timer import add_tz, find_client, zone

if TYPE_CHECKING:
    from vaplanner.core.models import Client, Entry, Task

FORMATS = ("table", "json", "csv", "md")


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """Add ``report`` and ``progress``."""
    report = sub.add_parser(
        "report",
        parents=[common],
        help="time by client, tag, task or day; revenue",
        description="Totals of tracked time for a period (this week by default), billable time "
        "rounded per client and amounts per currency. Dates are inclusive, in your home zone.",
        epilog="An entry counts on the day it starts. Tracked time stays exact; billable time "
        "is rounded per client. Amounts never mix currencies: a key with time in two "
        "currencies gives two rows, and totals_by_currency sums per currency. With --by tag an "
        "entry with several tags counts under each (total_minutes counts it once). --revenue "
        "lists invoices issued in the period, converted to your currency ('config set "
        "currency') with the rate stored on each invoice ('invoice create --rate-to-home X').",
    )
    span = report.add_mutually_exclusive_group()
    span.add_argument("--week", action="store_true", help="this week (the default)")
    span.add_argument("--month", action="store_true", help="this calendar month")
    span.add_argument("--from", dest="start", metavar="DATE", help="first day (with --to)")
    report.add_argument("--to", dest="end", metavar="DATE", help="last day (inclusive)")
    view = report.add_mutually_exclusive_group()
    view.add_argument("--by", choices=("client", "tag", "task", "day"), default="client")
    view.add_argument("--estimates", action="store_true", help="estimate vs actual per task")
    view.add_argument("--plan", action="store_true", help="planned vs tracked per day")
    view.add_argument(
        "--sinks", type=int, nargs="?", const=5, metavar="N", help="the N biggest time sinks"
    )
    view.add_argument(
        "--revenue", action="store_true", help="invoices issued, in your home currency"
    )
    report.add_argument("--client", metavar="C", help="only this client")
    report.add_argument("--format", choices=FORMATS, default="table")
    report.add_argument("--json", action="store_true", help="same as --format json")
    add_tz(report, "dates")
    report.set_defaults(func=report_command)

    progress = sub.add_parser(
        "progress",
        parents=[common],
        help="a client's weekly update or end-of-day note in Markdown",
        description="A Markdown summary for a client, ready to paste into an email: the week's "
        "work (default) or, with --day, an end-of-day note. Times are in the client's zone.",
    )
    progress.add_argument("client", metavar="CLIENT", help="client name, hotkey or id")
    which = progress.add_mutually_exclusive_group()
    which.add_argument("--week", metavar="DATE", help="the week that holds DATE (default: now)")
    which.add_argument(
        "--day", metavar="DATE", nargs="?", const="today", help="end-of-day note (default today)"
    )
    progress.set_defaults(func=progress_command)


# ------------------------------------------------------------------------------- helpers


def _period(ctx: Context, tz: str) -> tuple[date, date]:
    from vaplanner.core.errors import InputError
    from vaplanner.core.reports import period
    from vaplanner.core.times import parse_date, to_local

    args = ctx.args
    today = to_local(ctx.now, tz).date()
    week_start = ctx.settings.week_start
    if args.start:
        first = parse_date(args.start, today=today)
        last = parse_date(args.end, today=today) if args.end else today
        if last < first:
            raise InputError(f"--to ({last}) is before --from ({first}); --from is the first day")
        return first, last
    if args.end:
        raise InputError("--to needs --from; or use --week or --month")
    return period("month" if args.month else "week", today, week_start)


def _tasks(ctx: Context, ids: set[int]) -> dict[int, Task]:
    from vaplanner.core.errors import NotFoundError

    found: dict[int, Task] = {}
    for task_id in ids:
        try:
            found[task_id] = ctx.store.tasks.get(task_id)
        except NotFoundError:
            continue
    return found


def _csv(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().rstrip("\n")


def _md(header: Sequence[str], rows: Sequence[Sequence[object]], right: int = 1) -> str:
    """A Markdown table; columns from ``right`` on are right-aligned (numbers)."""

    def cell(value: object) -> str:
        return str(value).replace("|", "\\|").replace("\n", " ")

    aligns = ["---" if i < right else "---:" for i in range(len(header))]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(aligns) + " |"]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def _emit(
    ctx: Context,
    fmt: str,
    data: dict[str, Any],
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    title: str,
    footer: Sequence[str] = (),
    items: str = "",
) -> None:
    """Print one view; CSV writes the JSON objects of ``data[items]`` (raw values, minutes
    as numbers) when ``items`` is given, else ``header`` and ``rows`` as they are."""
    if fmt == "json":
        ctx.print_json(data)
    elif fmt == "csv" and items:
        objects: list[dict[str, Any]] = data[items]
        keys = list(objects[0]) if objects else []
        ctx.print(_csv(keys, [[("" if o[k] is None else o[k]) for k in keys] for o in objects]))
    elif fmt == "csv":
        ctx.print(_csv(header, rows))
    elif fmt == "md":
        parts = [f"## {title}", "", _md(header, rows)]
        if footer:
            parts += ["", *footer]
        ctx.print("\n".join(parts))
    else:
        parts = [title, "", table(rows, header) if rows else "(nothing in this period)"]
        if footer:
            parts += ["", *footer]
        ctx.print("\n".join(parts))


def _span(first: date, last: date) -> str:
    from vaplanner.core.times import format_day

    return format_day(first) if first == last else f"{format_day(first)} - {format_day(last)}"


# ------------------------------------------------------------------------------- report


def report_command(ctx: Context) -> int:
    from vaplanner.core.reports import range_bounds

    args = ctx.args
    fmt = "json" if args.json else args.format
    tz = zone(ctx)
    first, last = _period(ctx, tz)
    client = find_client(ctx, args.client) if args.client else None
    if args.revenue:
        return _revenue(ctx, fmt, first, last, client)
    low, high = range_bounds(first, last, tz)
    entries = [
        e
        for e in ctx.store.entries.between(low, high)
        if low <= e.start and (client is None or e.client_id == client.id)
    ]
    clients = {c.id: c for c in ctx.store.clients.all(include_archived=True)}
    if args.estimates:
        _estimates(ctx, fmt, first, last, entries, clients)
    elif args.plan:
        _plan(ctx, fmt, (first, last), entries, tz, client)
    elif args.sinks is not None:
        _sinks(ctx, fmt, first, last, entries, clients, args.sinks)
    else:
        _totals(ctx, fmt, first, last, entries, clients, tz)
    return 0


def _totals(
    ctx: Context,
    fmt: str,
    first: date,
    last: date,
    entries: list[Entry],
    clients: dict[int, Client],
    tz: str,
) -> None:
    from vaplanner.core.money import display_amount, format_amount
    from vaplanner.core.reports import build_report
    from vaplanner.core.times import format_duration as hm

    by = ctx.args.by
    needs_tasks = by in ("task", "tag")
    tasks = (
        _tasks(ctx, {e.task_id for e in entries if e.task_id is not None}) if needs_tasks else {}
    )
    report = build_report(entries, clients, by=by, start=first, end=last, tz=tz, tasks=tasks)
    if fmt == "csv":
        header: Sequence[str] = ("key", "minutes", "billable_minutes", "amount", "currency")
        rows: list[Sequence[object]] = [
            (r.key, r.minutes, r.billable_minutes, format_amount(r.amount, r.currency), r.currency)
            for r in report.rows
        ]
    else:
        header = (by.upper(), "TIME", "BILLABLE", "NOT BILLABLE", "AMOUNT")
        rows = [
            (
                r.key,
                hm(r.minutes),
                hm(r.billable_minutes),
                hm(r.non_billable_minutes),
                display_amount(r.amount, r.currency),
            )
            for r in report.rows
        ]
    money = " · ".join(display_amount(v, c) for c, v in report.totals_by_currency.items())
    footer = [
        f"Total: {hm(report.total_minutes)} tracked, {hm(report.total_billable_minutes)} "
        f"billable (rounded per client)" + (f"; {money}" if money else "")
    ]
    if by == "tag":
        footer.append("An entry with several tags counts under each; the total counts it once.")
    title = f"Time by {by}, {_span(first, last)} ({tz})"
    _emit(ctx, fmt, report.to_json(), header, rows, title, footer)


def _estimates(
    ctx: Context,
    fmt: str,
    first: date,
    last: date,
    entries: list[Entry],
    clients: dict[int, Client],
) -> None:
    from vaplanner.core.insights import estimate_vs_actual
    from vaplanner.core.times import format_duration as hm

    tasks = _tasks(ctx, {e.task_id for e in entries if e.task_id is not None})
    found = estimate_vs_actual(entries, tasks, clients)
    data = {
        "from": first.isoformat(),
        "to": last.isoformat(),
        "tasks": [
            {
                "task_id": r.task_id,
                "title": r.title,
                "client": r.client,
                "estimate_minutes": r.estimate_minutes,
                "actual_minutes": r.actual_minutes,
                "difference_minutes": r.difference,
                "done": r.done,
            }
            for r in found
        ],
    }
    header = ("TASK", "CLIENT", "ESTIMATE", "ACTUAL", "DIFFERENCE", "DONE")
    rows = [
        (
            r.title,
            r.client,
            "" if r.estimate_minutes is None else hm(r.estimate_minutes),
            hm(r.actual_minutes),
            "" if r.difference is None else ("+" if r.difference > 0 else "") + hm(r.difference),
            "yes" if r.done else "",
        )
        for r in found
    ]
    title = f"Estimates vs actual, {_span(first, last)} (time tracked in the period)"
    _emit(ctx, fmt, data, header, rows, title, items="tasks")


def _plan(
    ctx: Context,
    fmt: str,
    days: tuple[date, date],
    entries: list[Entry],
    tz: str,
    client: Client | None,
) -> None:
    from vaplanner.core.insights import plan_vs_actual
    from vaplanner.core.reports import range_bounds
    from vaplanner.core.times import format_duration as hm

    first, last = days
    low, high = range_bounds(first, last, tz)
    blocks = [
        b
        for b in ctx.store.blocks.between(low, high)
        if low <= b.start and (client is None or b.client_id == client.id)
    ]
    found = plan_vs_actual(blocks, entries, first, last, tz)
    data = {
        "from": first.isoformat(),
        "to": last.isoformat(),
        "days": [
            {
                "date": r.day.isoformat(),
                "planned_minutes": r.planned_minutes,
                "tracked_minutes": r.tracked_minutes,
                "difference_minutes": r.difference,
            }
            for r in found
        ],
    }
    header = ("DAY", "PLANNED", "TRACKED", "DIFFERENCE")
    rows = [
        (
            f"{r.day:%a} {r.day.isoformat()}",
            hm(r.planned_minutes),
            hm(r.tracked_minutes),
            ("+" if r.difference > 0 else "") + hm(r.difference),
        )
        for r in found
    ]
    planned = sum(r.planned_minutes for r in found)
    tracked = sum(r.tracked_minutes for r in found)
    footer = [f"Planned {hm(planned)} in work blocks, tracked {hm(tracked)}"]
    title = f"Plan vs actual, {_span(first, last)} ({tz})"
    _emit(ctx, fmt, data, header, rows, title, footer, items="days")


def _sinks(
    ctx: Context,
    fmt: str,
    first: date,
    last: date,
    entries: list[Entry],
    clients: dict[int, Client],
    limit: int,
) -> None:
    from vaplanner.core.errors import InputError
    from vaplanner.core.insights import top_sinks
    from vaplanner.core.times import format_duration as hm

    if limit < 1:
        raise InputError(f"--sinks {limit}: give a number of rows of 1 or more")
    tasks = _tasks(ctx, {e.task_id for e in entries if e.task_id is not None})
    found = top_sinks(entries, clients, tasks, limit)
    data = {
        "from": first.isoformat(),
        "to": last.isoformat(),
        "sinks": [
            {
                "label": r.label,
                "client": r.client,
                "minutes": r.minutes,
                "non_billable_minutes": r.non_billable_minutes,
                "percent": r.percent,
            }
            for r in found
        ],
    }
    header = ("WHAT", "CLIENT", "TIME", "NOT BILLABLE", "SHARE")
    rows = [
        (r.label, r.client, hm(r.minutes), hm(r.non_billable_minutes), f"{r.percent}%")
        for r in found
    ]
    _emit(ctx, fmt, data, header, rows, f"Top time sinks, {_span(first, last)}", items="sinks")


def _revenue(ctx: Context, fmt: str, first: date, last: date, client: Client | None) -> int:
    from vaplanner.core.insights import revenue
    from vaplanner.core.money import display_amount, format_amount

    home = ctx.settings.currency
    names = {c.id: c.name for c in ctx.store.clients.all(include_archived=True)}
    invoices = [i for i in ctx.store.invoices.all() if client is None or i.client_id == client.id]
    result = revenue(invoices, names, first, last, home)

    def plain(value: Any, code: str) -> str | None:
        return None if value is None else format_amount(value, code)

    data = {
        "from": first.isoformat(),
        "to": last.isoformat(),
        "home_currency": result.home_currency,
        "invoices": [
            {
                "number": r.number,
                "client": r.client,
                "issued": r.issued.isoformat(),
                "status": r.status,
                "currency": r.currency,
                "total": format_amount(r.total, r.currency),
                "exchange_rate": None if r.exchange_rate is None else str(r.exchange_rate),
                "home_total": plain(r.home_total, home),
            }
            for r in result.rows
        ],
        "totals_by_currency": {
            c: format_amount(v, c) for c, v in result.totals_by_currency.items()
        },
        "home_total": format_amount(result.home_total, home),
        "home_paid": format_amount(result.home_paid, home),
        "unconverted": {c: format_amount(v, c) for c, v in result.unconverted.items()},
    }
    header = ("INVOICE", "CLIENT", "ISSUED", "STATUS", "TOTAL", "RATE", f"IN {home}")
    rows = [
        (
            r.number,
            r.client,
            r.issued.isoformat(),
            r.status,
            display_amount(r.total, r.currency),
            "" if r.exchange_rate is None else f"{r.exchange_rate.normalize():f}",
            "no rate" if r.home_total is None else display_amount(r.home_total, home),
        )
        for r in result.rows
    ]
    footer = [
        f"Invoiced: {display_amount(result.home_total, home)} at the stored rates "
        f"({display_amount(result.home_paid, home)} paid)"
    ]
    if result.unconverted:
        missing = " · ".join(display_amount(v, c) for c, v in result.unconverted.items())
        footer.append(f"Not converted (no exchange rate on the invoice): {missing}")
    title = f"Revenue, {_span(first, last)} (invoices issued)"
    _emit(ctx, fmt, data, header, rows, title, footer, items="invoices")
    return 0


# ------------------------------------------------------------------------------ progress


def progress_command(ctx: Context) -> int:
    from vaplanner.core.models import OPEN_TASK_STATUSES
    from vaplanner.core.progress import UPCOMING_DAYS, ProgressData, day_note, weekly_progress
    from vaplanner.core.queues import queue_order
    from vaplanner.core.recur import occurrences_many
    from vaplanner.core.reports import period, range_bounds
    from vaplanner.core.retainer import retainer_status, retainer_window
    from vaplanner.core.times import parse_date, to_local

    args = ctx.args
    settings = ctx.settings
    tz = settings.home_tz
    client = find_client(ctx, args.client)
    today = to_local(ctx.now, tz).date()
    if args.day is not None:
        first = last = parse_date(args.day, today=today)
    else:
        anchor = parse_date(args.week, today=today) if args.week else today
        first, last = period("week", anchor, settings.week_start)
    low, high = range_bounds(first, last, tz)
    at = min(ctx.now, high - timedelta(seconds=1))
    window = min(low, retainer_window(client, at, tz=tz, week_start=settings.week_start))
    history = [e for e in ctx.store.entries.between(window, high) if e.client_id == client.id]
    entries = [e for e in history if low <= e.start < high]
    tasks = _tasks(ctx, {e.task_id for e in entries if e.task_id is not None})
    done = [
        t
        for t in ctx.store.tasks.list(client.id, statuses=("done",))
        if t.done_at is not None and low <= t.done_at < high
    ]
    open_tasks = queue_order(ctx.store.tasks.list(client.id, statuses=OPEN_TASK_STATUSES))
    meetings = [m for m in ctx.store.meetings.all() if m.client_id == client.id]
    upcoming = occurrences_many(meetings, ctx.now, ctx.now + timedelta(days=UPCOMING_DAYS))
    requests = [
        r
        for r in ctx.store.requests.all()
        if r.client_id == client.id and r.out_of_scope and low <= r.received < high
    ]
    data = ProgressData(
        client=client,
        entries=entries,
        tasks=tasks,
        done=done,
        open_tasks=open_tasks,
        meetings=upcoming,
        requests=requests,
        retainer=retainer_status(client, history, at, tz=tz, week_start=settings.week_start),
    )
    if args.day is not None:
        text = day_note(data, day=first, now=ctx.now, signature=settings.name)
    else:
        text = weekly_progress(data, start=first, end=last, now=ctx.now, signature=settings.name)
    ctx.out.write(text)
    return 0
