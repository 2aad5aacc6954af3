"""Where the time went: totals by client, tag, task or day (the ``report`` command).

Estimates, plan vs actual, time sinks, weekly totals and revenue are in
:mod:`vaplanner.core.insights`, so that ``report --month`` imports only what it needs.

Rules that make the numbers add up:

* An entry belongs to the local day (home zone) on which it **starts**, as in Toggl and as
  invoices select entries; a report for ``[start, end]`` (both dates inclusive) holds the
  entries that start in it.
* ``minutes`` is tracked time, exact to the minute; ``billable_minutes`` is rounded per
  the client's rule (:func:`vaplanner.core.billing.billable_minutes`); ``amount`` is the
  billable minutes at the client's hourly rate, rounded once per client and row.
* A row never mixes currencies: a key whose entries belong to clients billed in two
  currencies gives two rows. ``totals_by_currency`` sums the rows per currency.
* ``--by tag``: an entry's tags are its own (an imported project, for example), else its
  task's. An entry with two tags counts in both rows, so rows may add up to more than
  ``total_minutes``, which counts each entry once. No tag: ``(no tag)``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Literal

from vaplanner.core.billing import amount_for, billable_minutes
from vaplanner.core.models import Billing, Client, Entry, Task
from vaplanner.core.money import format_amount, quantize, totals_by_currency, validate_currency
from vaplanner.core.times import day_bounds, to_local

ReportBy = Literal["client", "tag", "task", "day"]
REPORT_BY: tuple[str, ...] = ("client", "tag", "task", "day")
NO_TAG = "(no tag)"
NO_TASK = "(no task)"


def period(kind: str, today: date, week_start: int = 0) -> tuple[date, date]:
    """The week or calendar month that contains ``today``, as inclusive dates."""
    if kind == "week":
        first = today - timedelta(days=(today.weekday() - week_start) % 7)
        return first, first + timedelta(days=6)
    if kind == "month":
        first = today.replace(day=1)
        following = (first + timedelta(days=32)).replace(day=1)
        return first, following - timedelta(days=1)
    raise ValueError(f"unknown period {kind!r}")


def range_bounds(start: date, end: date, tz: str) -> tuple[datetime, datetime]:
    """UTC ``[first instant of start, first instant after end)`` for inclusive local dates."""
    return day_bounds(start, tz)[0], day_bounds(end + timedelta(days=1), tz)[0]


def starting_in(entries: Iterable[Entry], start: date, end: date, tz: str) -> list[Entry]:
    """The entries that start on a local day in ``[start, end]``."""
    low, high = range_bounds(start, end, tz)
    return [entry for entry in entries if low <= entry.start < high]


def local_day(instant: datetime, tz: str) -> date:
    """The calendar date of ``instant`` in ``tz``."""
    return to_local(instant, tz).date()


def entry_tags(entry: Entry, task: Task | None) -> tuple[str, ...]:
    """An entry's own tags, else its task's."""
    if entry.tags:
        return entry.tags
    return task.tags if task is not None else ()


@dataclass(frozen=True, slots=True)
class ReportRow:
    key: str
    minutes: int
    billable_minutes: int
    amount: Decimal
    currency: str
    non_billable_minutes: int = 0  # tracked minutes of entries marked not billable


@dataclass(frozen=True, slots=True)
class Report:
    start: date
    end: date
    by: str
    rows: tuple[ReportRow, ...]
    total_minutes: int
    total_billable_minutes: int
    totals_by_currency: Mapping[str, Decimal] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        """The documented JSON shape (amounts as strings in the currency's minor units)."""
        return {
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "rows": [
                {
                    "key": row.key,
                    "minutes": row.minutes,
                    "billable_minutes": row.billable_minutes,
                    "amount": format_amount(row.amount, row.currency),
                    "currency": row.currency,
                }
                for row in self.rows
            ],
            "total_minutes": self.total_minutes,
            "totals_by_currency": {
                code: format_amount(value, code) for code, value in self.totals_by_currency.items()
            },
        }


class _Acc:
    """Running totals of one row (a plain class: cheap to define at import)."""

    __slots__ = ("billable", "by_client", "minutes", "non_billable")

    def __init__(self) -> None:
        self.minutes = 0
        self.billable = 0
        self.non_billable = 0
        self.by_client: dict[int, int] = {}  # client id -> billable minutes


def _client_of(clients: Mapping[int, Client], client_id: int) -> Client:
    found = clients.get(client_id)
    return found if found is not None else Client(name=f"client #{client_id}", tz="UTC")


def _task_keys(
    tasks: Mapping[int, Task], clients: Mapping[int, Client], ids: set[int]
) -> dict[int, str]:
    """Task titles as keys, told apart by client name (then id) when titles repeat."""
    titles: dict[int, str] = {}
    for task_id in ids:
        task = tasks.get(task_id)
        titles[task_id] = task.title if task is not None else f"task #{task_id}"
    seen: dict[str, list[int]] = {}
    for task_id, title in titles.items():
        seen.setdefault(title, []).append(task_id)
    for title, same in seen.items():
        if len(same) < 2:
            continue
        for task_id in same:
            task = tasks.get(task_id)
            owner = _client_of(clients, task.client_id).name if task is not None else "?"
            titles[task_id] = f"{title} ({owner})"
        if len({titles[task_id] for task_id in same}) < len(same):
            for task_id in same:
                titles[task_id] = f"{titles[task_id]} #{task_id}"
    return titles


def _keys(
    entry: Entry,
    by: str,
    clients: Mapping[int, Client],
    tasks: Mapping[int, Task],
    task_keys: Mapping[int, str],
    tz: str,
) -> tuple[str, ...]:
    if by == "client":
        return (_client_of(clients, entry.client_id).name,)
    if by == "day":
        return (local_day(entry.start, tz).isoformat(),)
    if by == "task":
        return (task_keys[entry.task_id] if entry.task_id is not None else NO_TASK,)
    if by == "tag":
        task = tasks.get(entry.task_id) if entry.task_id is not None else None
        return entry_tags(entry, task) or (NO_TAG,)
    raise ValueError(f"unknown report grouping {by!r}; use one of {', '.join(REPORT_BY)}")


def build_report(
    entries: Iterable[Entry],
    clients: Mapping[int, Client],
    *,
    by: str,
    start: date,
    end: date,
    tz: str,
    tasks: Mapping[int, Task] | None = None,
) -> Report:
    """Totals of the entries that start in ``[start, end]`` grouped ``by`` client/tag/task/day.

    ``tasks`` is needed for ``by="task"`` titles and for task tags under ``by="tag"``.
    Rows are ordered by time spent (most first), days in calendar order.
    """
    tasks = tasks or {}
    chosen = starting_in(entries, start, end, tz)
    task_keys = _task_keys(tasks, clients, {e.task_id for e in chosen if e.task_id is not None})
    groups: dict[tuple[str, str], _Acc] = {}
    total = total_billable = 0
    for entry in chosen:
        client = _client_of(clients, entry.client_id)
        currency = validate_currency(client.billing.currency)
        minutes = entry.minutes
        billed = billable_minutes(entry, client.billing)
        total += minutes
        total_billable += billed
        for key in _keys(entry, by, clients, tasks, task_keys, tz):
            acc = groups.setdefault((key, currency), _Acc())
            acc.minutes += minutes
            acc.billable += billed
            acc.non_billable += 0 if entry.billable else minutes
            acc.by_client[entry.client_id] = acc.by_client.get(entry.client_id, 0) + billed
    rows = [
        ReportRow(
            key,
            acc.minutes,
            acc.billable,
            _amount(acc, clients, currency),
            currency,
            acc.non_billable,
        )
        for (key, currency), acc in groups.items()
    ]
    if by == "day":
        rows.sort(key=lambda r: (r.key, r.currency))
    else:
        per_key: dict[str, int] = {}
        for row in rows:
            per_key[row.key] = per_key.get(row.key, 0) + row.minutes
        rows.sort(key=lambda r: (-per_key[r.key], r.key.casefold(), r.currency))
    return Report(
        start=start,
        end=end,
        by=by,
        rows=tuple(rows),
        total_minutes=total,
        total_billable_minutes=total_billable,
        totals_by_currency=totals_by_currency((r.currency, r.amount) for r in rows)
        if by != "tag"
        else _tag_totals(chosen, clients),
    )


def _amount(acc: _Acc, clients: Mapping[int, Client], currency: str) -> Decimal:
    total = Decimal(0)
    for client_id, minutes in acc.by_client.items():
        total += amount_for(minutes, _client_of(clients, client_id).billing.rate, currency)
    return quantize(total, currency)


def _tag_totals(entries: Sequence[Entry], clients: Mapping[int, Client]) -> dict[str, Decimal]:
    """Per-currency totals counting each entry once (tag rows may overlap)."""
    per_client: dict[int, int] = {}
    for entry in entries:
        rule = _client_of(clients, entry.client_id).billing
        per_client[entry.client_id] = per_client.get(entry.client_id, 0) + billable_minutes(
            entry, rule
        )
    pairs = []
    for client_id, minutes in per_client.items():
        billing: Billing = _client_of(clients, client_id).billing
        currency = validate_currency(billing.currency)
        pairs.append((currency, amount_for(minutes, billing.rate, currency)))
    return totals_by_currency(pairs)
