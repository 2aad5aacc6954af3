"""The sections of the reports mode as rich renderables, built from a
:class:`~vaplanner.ui.report_data.ReportData` (no widgets here, so they are easy to test).

Money is always shown with its currency and never added across currencies: a total per
currency. Durations are ``h:mm``. Billable time is rounded per client; tracked time is exact.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from vaplanner.core.billing import days_overdue
from vaplanner.core.money import display_amount, totals_by_currency
from vaplanner.core.reports import NO_TAG, NO_TASK, ReportRow
from vaplanner.core.times import format_duration
from vaplanner.ui.report_data import ReportData

#: Tasks shown in "estimate vs actual"; the rest are counted.
ESTIMATE_ROWS = 10
GAUGE = 20


@dataclass(frozen=True)
class Palette:
    """Colours the sections use (from the theme), and each client's colour."""

    clients: Mapping[int, str]
    good: str = "green"
    warn: str = "yellow"
    bad: str = "red"
    muted: str = "dim"


def _table(*columns: str, right_from: int = 1) -> Table:
    # One line per row, so a column of numbers reads straight down: a long task or client
    # name is cut with an ellipsis. The first column takes the width that is left; beside a
    # second text column (the client) it keeps enough to be told apart from its neighbours.
    table = Table(box=None, padding=(0, 1), header_style="bold", expand=True, show_edge=False)
    for index, name in enumerate(columns):
        table.add_column(
            name,
            justify="right" if index >= right_from else "left",
            no_wrap=True,
            overflow="ellipsis",
            ratio=1 if index == 0 else None,
            min_width=18 if index == 0 and right_from > 1 else None,
        )
    return table


def _signed(minutes: int) -> str:
    return ("+" if minutes > 0 else "") + format_duration(minutes)


def _day(day: date) -> str:
    return f"{day:%a} {day.day:>2} {day:%b}"


def totals_section(data: ReportData, palette: Palette) -> RenderableType:
    """Time by client / tag / task / day: tracked, billable, not billable, amount."""
    report = data.report
    if not report.rows:
        return Text("Nothing tracked in this period.", style="dim")
    table = _table(data.by, "time", "billable", "not bill.", "amount")
    by_name = {client.name: client.id for client in data.clients.values()}
    # The core gives a key one row per currency; show one line per key, its amounts stacked.
    merged: dict[str, list[ReportRow]] = {}
    for row in report.rows:
        merged.setdefault(row.key, []).append(row)
    for key_text, rows in merged.items():
        key = Text(key_text)
        if data.by == "client" and key_text in by_name:
            key.stylize(palette.clients.get(by_name[key_text], ""))
        elif data.by == "day":
            key = Text(_day(date.fromisoformat(key_text)))
        elif key_text in (NO_TAG, NO_TASK):
            key.stylize("italic dim")
        non_billable = sum(r.non_billable_minutes for r in rows)
        amounts = [display_amount(r.amount, r.currency) for r in rows if r.amount]
        table.add_row(
            key,
            format_duration(sum(r.minutes for r in rows)),
            format_duration(sum(r.billable_minutes for r in rows)),
            Text(format_duration(non_billable), style="dim")
            if non_billable
            else Text("–", style="dim"),
            "\n".join(amounts) if amounts else Text("–", style="dim"),
        )
    money = [display_amount(value, code) for code, value in report.totals_by_currency.items()]
    table.add_row(
        Text("total", style="bold"),
        Text(format_duration(report.total_minutes), style="bold"),
        Text(format_duration(report.total_billable_minutes), style="bold"),
        Text(format_duration(data.non_billable_minutes), style="bold"),
        Text(money[0] if money else "", style="bold"),
    )
    for amount in money[1:]:  # one total per currency, never added together
        table.add_row("", "", "", "", Text(amount, style="bold"))
    parts: list[RenderableType] = [table]
    if data.by == "tag":
        parts.append(
            Text("An entry with two tags counts under both; the total counts it once.", "dim")
        )
    return Group(*parts)


def plan_section(data: ReportData, palette: Palette) -> RenderableType:
    """Planned (work blocks) vs tracked, per day."""
    if not any(r.planned_minutes or r.tracked_minutes for r in data.plan):
        return Text("Nothing planned or tracked in this period.", style="dim")
    table = _table("day", "planned", "tracked", "difference")
    for row in data.plan:
        if not row.planned_minutes and not row.tracked_minutes:
            continue
        ahead = row.day > data.today
        diff = Text("" if ahead else _signed(row.difference))
        if row.planned_minutes and row.difference < -30 and not ahead:
            diff.stylize(palette.warn)
        table.add_row(
            Text(_day(row.day), style="bold" if row.day == data.today else ""),
            format_duration(row.planned_minutes),
            Text("–", style="dim") if ahead else format_duration(row.tracked_minutes),
            diff,
        )
    past = [r for r in data.plan if r.day <= data.today]
    planned = sum(r.planned_minutes for r in past)
    tracked = sum(r.tracked_minutes for r in past)
    label = "to date" if len(past) < len(data.plan) else "total"
    table.add_row(
        Text(label, style="bold"),
        Text(format_duration(planned), style="bold"),
        Text(format_duration(tracked), style="bold"),
        Text(_signed(tracked - planned), style="bold"),
    )
    return table


def estimates_section(data: ReportData, palette: Palette) -> RenderableType:
    """Per task with time in the period: estimate, actual, and the difference."""
    if not data.estimates:
        return Text("No time on tasks in this period.", style="dim")
    table = _table("task", "client", "est.", "actual", "over", right_from=2)
    for row in data.estimates[:ESTIMATE_ROWS]:
        over = Text("no estimate", style="dim")
        if row.difference is not None:
            over = Text(_signed(row.difference))
            if row.difference > 0:
                over.stylize(palette.bad if row.difference > 30 else palette.warn)
        title = Text(row.title + (" ✓" if row.done else ""))
        table.add_row(
            title,
            Text(row.client, style="dim"),
            "" if row.estimate_minutes is None else format_duration(row.estimate_minutes),
            format_duration(row.actual_minutes),
            over,
        )
    more = len(data.estimates) - ESTIMATE_ROWS
    if more > 0:
        return Group(table, Text(f"… and {more} more tasks", style="dim"))
    return table


def sinks_section(data: ReportData, palette: Palette) -> RenderableType:
    """The biggest consumers of time in the period."""
    if not data.sinks:
        return Text("Nothing tracked in this period.", style="dim")
    # "not bill." only when some of this time was not billable: a column of dashes is noise
    # that takes the width the task names need.
    unbilled = any(row.non_billable_minutes for row in data.sinks)
    columns = ("what", "client", "time", *(("not bill.",) if unbilled else ()), "share")
    table = _table(*columns, right_from=2)
    by_name = {client.name: client.id for client in data.clients.values()}
    for row in data.sinks:
        client = Text(row.client, style=palette.clients.get(by_name.get(row.client, -1), ""))
        what = Text(row.label, style="italic dim" if row.label == NO_TASK else "")
        not_billed: list[RenderableType] = []
        if unbilled:
            not_billed.append(
                Text(format_duration(row.non_billable_minutes), style="dim")
                if row.non_billable_minutes
                else Text("–", style="dim")
            )
        table.add_row(what, client, format_duration(row.minutes), *not_billed, f"{row.percent}%")
    return table


def retainers_section(data: ReportData, palette: Palette) -> RenderableType:
    """Hours used and left of each retainer, now, with a gauge."""
    if not data.retainers:
        return Text("No client has a retainer.", style="dim")
    lines: list[RenderableType] = []
    for client, status in data.retainers:
        available = status.available_minutes or 1
        used = min(GAUGE, round(status.used_minutes / available * GAUGE))
        level = {"ok": palette.good, "warn": palette.warn}.get(status.level, palette.bad)
        line = Text()
        line.append(client.name, style=palette.clients.get(client.id, ""))
        line.append(f" · resets {_day(status.resets_on)}\n", style="dim")
        line.append("█" * used, style=level)
        line.append("░" * (GAUGE - used), style="dim")
        line.append(
            f" {format_duration(status.used_minutes)} of "
            f"{format_duration(status.available_minutes)} used · "
            f"{format_duration(status.left_minutes)} left"
        )
        if status.overage_minutes:
            line.append(f" · {format_duration(status.overage_minutes)} over", style=palette.bad)
        lines.append(line)
        for alert in status.alerts:
            lines.append(Text(f"  ! {alert}", style=level))
    return Group(*lines)


def overdue_section(data: ReportData, palette: Palette) -> RenderableType:
    """Open invoices past their due date, oldest first, with totals per currency."""
    if not data.overdue:
        return Text("No overdue invoices.", style="dim")
    table = _table("invoice", "client", "amount", "due", "late", right_from=2)
    for invoice in data.overdue:
        late = days_overdue(invoice, data.today)
        table.add_row(
            invoice.number,
            Text(data.name(invoice.client_id), style=palette.clients.get(invoice.client_id, "")),
            display_amount(invoice.total, invoice.currency),
            _day(invoice.due),
            Text(f"{late} d", style=palette.bad if late > 14 else palette.warn),
        )
    owed = totals_by_currency((i.currency, i.total) for i in data.overdue)
    total = "  ·  ".join(display_amount(value, code) for code, value in owed.items())
    return Group(table, Text(f"owed: {total}", justify="right"))
