"""The views of ``vaplanner report``: time totals, estimates, plan vs actual, time sinks and
revenue, each printed as a table, JSON, CSV or Markdown (see :mod:`vaplanner.commands.reports`
for the JSON keys).

Not a command module of its own (so not in ``MODULES``): :mod:`vaplanner.commands.reports`
registers ``report`` and imports this module inside its handlers, never at start-up.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from vaplanner.commands import Context, table

if TYPE_CHECKING:
    from vaplanner.core.models import Client, Entry, Task


def known_tasks(ctx: Context, ids: set[int]) -> dict[int, Task]:
    """The tasks with these ids that still exist, by id."""
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


# ------------------------------------------------------------------------------- views


def show_totals(
    ctx: Context,
    fmt: str,
    first: date,
    last: date,
    entries: list[Entry],
    clients: dict[int, Client],
    tz: str,
) -> None:
    """Tracked, billable time and amounts per ``--by`` key (the default view)."""
    from vaplanner.core.money import display_amount, format_amount
    from vaplanner.core.reports import build_report
    from vaplanner.core.times import format_duration as hm

    by = ctx.args.by
    needs_tasks = by in ("task", "tag")
    tasks = (
        known_tasks(ctx, {e.task_id for e in entries if e.task_id is not None})
        if needs_tasks
        else {}
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


def show_estimates(
    ctx: Context,
    fmt: str,
    first: date,
    last: date,
    entries: list[Entry],
    clients: dict[int, Client],
) -> None:
    """``--estimates``: estimate vs time tracked in the period, per task."""
    from vaplanner.core.insights import estimate_vs_actual
    from vaplanner.core.times import format_duration as hm

    tasks = known_tasks(ctx, {e.task_id for e in entries if e.task_id is not None})
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


def show_plan(
    ctx: Context,
    fmt: str,
    days: tuple[date, date],
    entries: list[Entry],
    tz: str,
    client: Client | None,
) -> None:
    """``--plan``: minutes planned in work blocks vs tracked, per day."""
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


def show_sinks(
    ctx: Context,
    fmt: str,
    first: date,
    last: date,
    entries: list[Entry],
    clients: dict[int, Client],
    limit: int,
) -> None:
    """``--sinks N``: the ``limit`` biggest consumers of time."""
    from vaplanner.core.errors import InputError
    from vaplanner.core.insights import top_sinks
    from vaplanner.core.times import format_duration as hm

    if limit < 1:
        raise InputError(f"--sinks {limit}: give a number of rows of 1 or more")
    tasks = known_tasks(ctx, {e.task_id for e in entries if e.task_id is not None})
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


def show_revenue(ctx: Context, fmt: str, first: date, last: date, client: Client | None) -> int:
    """``--revenue``: invoices issued in the period, in the home currency; returns 0."""
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
