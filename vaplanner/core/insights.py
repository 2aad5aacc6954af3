"""More views of tracked time and money: estimates, the plan, time sinks, weekly totals per
client (the app's bar chart) and revenue in the home currency.

Same rules as :mod:`vaplanner.core.reports`: an entry counts on the local day it starts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from vaplanner.core.billing import home_amount
from vaplanner.core.models import Block, Client, Entry, Invoice, Task
from vaplanner.core.money import ZERO, quantize, totals_by_currency, validate_currency
from vaplanner.core.reports import NO_TASK, local_day

WORK_CATEGORIES: tuple[str, ...] = ("client", "admin", "focus")  # blocks that plan work


def _client_name(clients: Mapping[int, Client], client_id: int) -> str:
    found = clients.get(client_id)
    return found.name if found is not None else f"client #{client_id}"


# ------------------------------------------------------------------ estimates and the plan


@dataclass(frozen=True, slots=True)
class EstimateRow:
    """A task with time in the period: its estimate beside the time tracked on it."""

    task_id: int
    title: str
    client: str
    estimate_minutes: int | None
    actual_minutes: int
    done: bool

    @property
    def difference(self) -> int | None:
        """Actual minus estimate (positive: over the estimate)."""
        return (
            None if self.estimate_minutes is None else self.actual_minutes - self.estimate_minutes
        )


def estimate_vs_actual(
    entries: Iterable[Entry], tasks: Mapping[int, Task], clients: Mapping[int, Client]
) -> list[EstimateRow]:
    """Per task, the estimate and the minutes tracked in ``entries``; largest overrun first."""
    actual: dict[int, int] = {}
    for entry in entries:
        if entry.task_id is not None:
            actual[entry.task_id] = actual.get(entry.task_id, 0) + entry.minutes
    rows = []
    for task_id, minutes in actual.items():
        task = tasks.get(task_id)
        if task is None:
            continue
        rows.append(
            EstimateRow(
                task_id,
                task.title,
                _client_name(clients, task.client_id),
                task.estimate_minutes,
                minutes,
                task.status == "done",
            )
        )
    rows.sort(key=lambda r: (r.difference is None, -(r.difference or 0), -r.actual_minutes))
    return rows


@dataclass(frozen=True, slots=True)
class PlanRow:
    """One day: minutes planned in work blocks beside minutes tracked."""

    day: date
    planned_minutes: int
    tracked_minutes: int

    @property
    def difference(self) -> int:
        return self.tracked_minutes - self.planned_minutes


def plan_vs_actual(
    blocks: Iterable[Block], entries: Iterable[Entry], start: date, end: date, tz: str
) -> list[PlanRow]:
    """Every day in ``[start, end]`` with planned work (client, admin and focus blocks, not
    breaks or buffers) and tracked time, each counted on the local day it starts."""
    planned: dict[date, int] = {}
    tracked: dict[date, int] = {}
    for block in blocks:
        if block.category in WORK_CATEGORIES:
            day = local_day(block.start, tz)
            planned[day] = planned.get(day, 0) + block.minutes
    for entry in entries:
        day = local_day(entry.start, tz)
        tracked[day] = tracked.get(day, 0) + entry.minutes
    rows = []
    day = start
    while day <= end:
        rows.append(PlanRow(day, planned.get(day, 0), tracked.get(day, 0)))
        day += timedelta(days=1)
    return rows


@dataclass(frozen=True, slots=True)
class SinkRow:
    """A place time went: a client's task, or a note for time without a task."""

    label: str
    client: str
    minutes: int
    non_billable_minutes: int
    percent: int  # of all time in the period


def top_sinks(
    entries: Sequence[Entry],
    clients: Mapping[int, Client],
    tasks: Mapping[int, Task],
    limit: int = 5,
) -> list[SinkRow]:
    """The ``limit`` biggest consumers of time: by task, else by note, per client."""
    total = sum(e.minutes for e in entries)
    groups: dict[tuple[int, str], list[int]] = {}
    for entry in entries:
        if entry.task_id is not None:
            task = tasks.get(entry.task_id)
            label = task.title if task is not None else f"task #{entry.task_id}"
        else:
            label = entry.note.strip() or NO_TASK
        acc = groups.setdefault((entry.client_id, label), [0, 0])
        acc[0] += entry.minutes
        acc[1] += 0 if entry.billable else entry.minutes
    ranked = sorted(groups.items(), key=lambda item: (-item[1][0], item[0][1]))
    return [
        SinkRow(
            label,
            _client_name(clients, client_id),
            minutes,
            non_billable,
            minutes * 100 // total if total else 0,
        )
        for (client_id, label), (minutes, non_billable) in ranked[:limit]
    ]


def weekly_client_minutes(
    entries: Iterable[Entry], first_week: date, weeks: int, tz: str
) -> list[tuple[date, dict[int, int]]]:
    """Minutes per client for ``weeks`` consecutive weeks from ``first_week`` (a week's first
    day): the data behind the app's bar chart of hours per client per week."""
    starts = [first_week + timedelta(days=7 * i) for i in range(weeks)]
    buckets: list[dict[int, int]] = [{} for _ in starts]
    for entry in entries:
        offset = (local_day(entry.start, tz) - first_week).days
        if 0 <= offset < 7 * weeks:
            bucket = buckets[offset // 7]
            bucket[entry.client_id] = bucket.get(entry.client_id, 0) + entry.minutes
    return list(zip(starts, buckets, strict=True))


# -------------------------------------------------------------------------------- revenue


@dataclass(frozen=True, slots=True)
class RevenueRow:
    number: str
    client: str
    issued: date
    status: str
    currency: str
    total: Decimal
    exchange_rate: Decimal | None
    home_total: Decimal | None  # None: no stored rate


@dataclass(frozen=True, slots=True)
class Revenue:
    """Invoiced revenue over a period, per currency and in the home currency."""

    start: date
    end: date
    home_currency: str
    rows: tuple[RevenueRow, ...]
    totals_by_currency: dict[str, Decimal]
    home_total: Decimal  # rows with a rate only
    home_paid: Decimal  # of which paid
    unconverted: dict[str, Decimal]  # per currency, rows without a stored rate


def revenue(
    invoices: Iterable[Invoice],
    client_names: Mapping[int, str],
    start: date,
    end: date,
    home_currency: str,
) -> Revenue:
    """Invoices issued in ``[start, end]`` (void ones left out), converted with the rate
    stored on each invoice. Invoices without a rate are totalled apart, never guessed."""
    home = validate_currency(home_currency)
    rows: list[RevenueRow] = []
    for invoice in sorted(invoices, key=lambda i: (i.issued, i.number)):
        if invoice.status == "void" or not start <= invoice.issued <= end:
            continue
        rows.append(
            RevenueRow(
                number=invoice.number,
                client=client_names.get(invoice.client_id, f"client #{invoice.client_id}"),
                issued=invoice.issued,
                status=invoice.status,
                currency=invoice.currency,
                total=quantize(invoice.total, invoice.currency),
                exchange_rate=invoice.exchange_rate,
                home_total=home_amount(invoice, home),
            )
        )
    converted = [row.home_total for row in rows if row.home_total is not None]
    paid = [row.home_total for row in rows if row.home_total is not None and row.status == "paid"]
    return Revenue(
        start=start,
        end=end,
        home_currency=home,
        rows=tuple(rows),
        totals_by_currency=totals_by_currency((row.currency, row.total) for row in rows),
        home_total=quantize(sum(converted, ZERO), home),
        home_paid=quantize(sum(paid, ZERO), home),
        unconverted=totals_by_currency(
            (row.currency, row.total) for row in rows if row.home_total is None
        ),
    )
