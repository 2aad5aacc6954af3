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

This module holds the arguments, the period and the ``progress`` handler; the views are
built and printed by :mod:`vaplanner.commands.report_views`.
"""

from __future__ import annotations

import argparse
from datetime import date, timedelta

from vaplanner.commands import Context
from vaplanner.commands.timer import add_tz, find_client, zone

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


# ------------------------------------------------------------------------------- report


def report_command(ctx: Context) -> int:
    from vaplanner.commands import report_views as views
    from vaplanner.core.reports import range_bounds

    args = ctx.args
    fmt = "json" if args.json else args.format
    tz = zone(ctx)
    first, last = _period(ctx, tz)
    client = find_client(ctx, args.client) if args.client else None
    if args.revenue:
        return views.show_revenue(ctx, fmt, first, last, client)
    low, high = range_bounds(first, last, tz)
    entries = [
        e
        for e in ctx.store.entries.between(low, high)
        if low <= e.start and (client is None or e.client_id == client.id)
    ]
    clients = {c.id: c for c in ctx.store.clients.all(include_archived=True)}
    if args.estimates:
        views.show_estimates(ctx, fmt, first, last, entries, clients)
    elif args.plan:
        views.show_plan(ctx, fmt, (first, last), entries, tz, client)
    elif args.sinks is not None:
        views.show_sinks(ctx, fmt, first, last, entries, clients, args.sinks)
    else:
        views.show_totals(ctx, fmt, first, last, entries, clients, tz)
    return 0


# ------------------------------------------------------------------------------ progress


def progress_command(ctx: Context) -> int:
    from vaplanner.commands.report_views import known_tasks
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
    tasks = known_tasks(ctx, {e.task_id for e in entries if e.task_id is not None})
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
