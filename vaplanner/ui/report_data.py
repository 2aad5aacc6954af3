"""What the reports mode shows, read from the store and computed by the core (no Textual).

:func:`load_report` reads only the months it needs (``store.entries.between``), then hands
everything to the pure functions of :mod:`vaplanner.core.reports`,
:mod:`vaplanner.core.insights`, :mod:`vaplanner.core.retainer` and
:mod:`vaplanner.core.billing`. The screen calls it in a worker, so an old month never
freezes the app.

Periods are inclusive dates on the VA's calendar (home zone); an entry counts on the day it
starts, as in ``vaplanner report``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Literal

from vaplanner.core.billing import is_overdue
from vaplanner.core.errors import InputError, NotFoundError
from vaplanner.core.insights import (
    EstimateRow,
    PlanRow,
    SinkRow,
    estimate_vs_actual,
    plan_vs_actual,
    top_sinks,
    weekly_client_minutes,
)
from vaplanner.core.models import Block, Client, Entry, Invoice, Settings, Task
from vaplanner.core.reports import REPORT_BY, Report, build_report, period, range_bounds
from vaplanner.core.retainer import RetainerStatus, has_retainer, retainer_status, retainer_window
from vaplanner.core.times import day_bounds, format_day, parse_date, to_local
from vaplanner.store.store import Store

PeriodKind = Literal["week", "month", "custom"]

#: The bar chart shows at least this many weeks (earlier ones give context) and at most
#: the last ``MAX_CHART_WEEKS`` of a long custom range.
MIN_CHART_WEEKS = 6
MAX_CHART_WEEKS = 13
#: The longest custom range accepted.
MAX_RANGE_DAYS = 366
SINKS = 5


@dataclass(frozen=True)
class Period:
    """An inclusive range of home dates, and how it was chosen."""

    kind: PeriodKind
    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def label(self) -> str:
        """``week of 23 Nov 2026``, ``November 2026``, ``1 Nov 2026 - 15 Nov 2026``."""
        if self.kind == "week":
            return f"week of {format_day(self.start)}"
        if self.kind == "month":
            return f"{self.start:%B %Y}"
        if self.start == self.end:
            return format_day(self.start)
        return f"{format_day(self.start)} - {format_day(self.end)}"

    def shifted(self, step: int) -> Period:
        """The period ``step`` lengths before (negative) or after: a week, a calendar month,
        or as many days as a custom range holds."""
        if self.kind == "week":
            delta = timedelta(days=7 * step)
            return replace(self, start=self.start + delta, end=self.end + delta)
        if self.kind == "month":
            month = self.start.month - 1 + step
            first = date(self.start.year + month // 12, month % 12 + 1, 1)
            start, end = period("month", first)
            return replace(self, start=start, end=end)
        delta = timedelta(days=self.days * step)
        return replace(self, start=self.start + delta, end=self.end + delta)


def current_period(kind: PeriodKind, today: date, week_start: int = 0) -> Period:
    """The week or month holding ``today`` (a custom range becomes the week)."""
    chosen: PeriodKind = "month" if kind == "month" else "week"
    start, end = period(chosen, today, week_start)
    return Period(chosen, start, end)


_RANGE_SPLIT = re.compile(r"\s+to\s+|\s*\.\.\s*|\s+-\s+|\s*–\s*")


def parse_range(text: str, *, today: date) -> Period:
    """A custom range a person typed: ``2026-11-01 to 2026-11-15``, ``1 nov - 15 nov``,
    ``2026-11-01..2026-11-15``, ``-30d to today``.

    Raises:
        InputError: not two dates, the end before the start, or more than a year.
    """
    parts = [part for part in _RANGE_SPLIT.split(text.strip()) if part]
    if len(parts) != 2:
        raise InputError(
            f"cannot read the range {text!r}; give two dates such as "
            "'2026-11-01 to 2026-11-15' or '1 nov - 15 nov'"
        )
    first, last = (parse_date(part, today=today) for part in parts)
    if last < first:
        raise InputError(f"the range ends ({last}) before it starts ({first}); earlier date first")
    if (last - first).days + 1 > MAX_RANGE_DAYS:
        raise InputError(f"that range is {(last - first).days + 1} days; use a year or less")
    return Period("custom", first, last)


def chart_weeks(span: Period, week_start: int = 0) -> tuple[date, int]:
    """The first day of the chart's first week and how many weeks it shows: the weeks of
    the period, reaching back to at least :data:`MIN_CHART_WEEKS`, at most the last
    :data:`MAX_CHART_WEEKS`."""
    last = period("week", span.end, week_start)[0]
    first = period("week", span.start, week_start)[0]
    count = (last - first).days // 7 + 1
    count = min(max(count, MIN_CHART_WEEKS), MAX_CHART_WEEKS)
    return last - timedelta(days=7 * (count - 1)), count


@dataclass(frozen=True)
class ReportData:
    """Everything the reports mode shows for one period and grouping."""

    period: Period
    by: str
    tz: str
    today: date
    report: Report
    estimates: tuple[EstimateRow, ...]
    plan: tuple[PlanRow, ...]
    sinks: tuple[SinkRow, ...]
    weeks: tuple[tuple[date, dict[int, int]], ...]
    retainers: tuple[tuple[Client, RetainerStatus], ...]
    overdue: tuple[Invoice, ...]
    non_billable_minutes: int = 0  # entries marked not billable, each counted once
    clients: Mapping[int, Client] = field(default_factory=dict)
    order: tuple[int, ...] = ()  # client ids in the planner's order (colours follow it)

    def name(self, client_id: int) -> str:
        client = self.clients.get(client_id)
        return client.name if client is not None else f"client #{client_id}"


def _tasks(store: Store, ids: set[int]) -> dict[int, Task]:
    found: dict[int, Task] = {}
    for task_id in ids:
        try:
            found[task_id] = store.tasks.get(task_id)
        except NotFoundError:
            continue  # deleted since: its time still counts, under "task #id"
    return found


@dataclass(frozen=True)
class ReportInputs:
    """The stored records one period needs (read under the store lock, computed after)."""

    period: Period
    tz: str
    week_start: int
    now: datetime
    entries: tuple[Entry, ...]  # the period and the chart's weeks
    recent: tuple[Entry, ...]  # the retainer windows up to now
    blocks: tuple[Block, ...]
    tasks: Mapping[int, Task]
    invoices: tuple[Invoice, ...]
    shown: tuple[Client, ...]  # not archived, in the planner's order
    clients: Mapping[int, Client]  # everyone, archived too (old entries name them)


def read_inputs(store: Store, settings: Settings, span: Period, now: datetime) -> ReportInputs:
    """Read what :func:`compute_report` needs: only the months of the period and the chart,
    and each retainer's own window (never the years in between)."""
    tz = settings.home_tz
    low, high = range_bounds(span.start, span.end, tz)
    first_week, weeks = chart_weeks(span, settings.week_start)
    chart_low = day_bounds(first_week, tz)[0]
    chart_high = day_bounds(first_week + timedelta(days=7 * weeks), tz)[0]
    entries = store.entries.between(min(low, chart_low), max(high, chart_high))
    shown = store.clients.all()
    since = [
        retainer_window(c, now, tz=tz, week_start=settings.week_start)
        for c in shown
        if has_retainer(c)
    ]
    recent = store.entries.between(min(since), now) if since else []
    task_ids = {e.task_id for e in entries if e.task_id is not None and low <= e.start < high}
    return ReportInputs(
        period=span,
        tz=tz,
        week_start=settings.week_start,
        now=now,
        entries=tuple(entries),
        recent=tuple(recent),
        blocks=tuple(b for b in store.blocks.between(low, high) if low <= b.start < high),
        tasks=_tasks(store, task_ids),
        invoices=tuple(store.invoices.all()),
        shown=tuple(shown),
        clients={c.id: c for c in store.clients.all(include_archived=True)},
    )


def compute_report(inputs: ReportInputs, by: str) -> ReportData:
    """Everything the reports mode shows, grouped ``by`` client/tag/task/day (pure).

    Retainers and overdue invoices are shown as they stand at ``inputs.now``.
    """
    if by not in REPORT_BY:
        raise InputError(f"unknown grouping {by!r}; use one of {', '.join(REPORT_BY)}")
    span, tz, now = inputs.period, inputs.tz, inputs.now
    today = to_local(now, tz).date()
    low, high = range_bounds(span.start, span.end, tz)
    in_period = [e for e in inputs.entries if low <= e.start < high]
    everyone, tasks = inputs.clients, inputs.tasks
    report = build_report(
        in_period, everyone, by=by, start=span.start, end=span.end, tz=tz, tasks=tasks
    )
    retainers = []
    for client in inputs.shown:
        own = [e for e in inputs.recent if e.client_id == client.id]
        status = retainer_status(client, own, now, tz=tz, week_start=inputs.week_start)
        if status is not None:
            retainers.append((client, status))
    overdue = sorted(
        (i for i in inputs.invoices if is_overdue(i, today)), key=lambda i: (i.due, i.number)
    )
    first_week, weeks = chart_weeks(span, inputs.week_start)
    visible = [c.id for c in inputs.shown]
    return ReportData(
        period=span,
        by=by,
        tz=tz,
        today=today,
        report=report,
        estimates=tuple(estimate_vs_actual(in_period, tasks, everyone)),
        plan=tuple(plan_vs_actual(inputs.blocks, in_period, span.start, span.end, tz)),
        sinks=tuple(top_sinks(in_period, everyone, tasks, SINKS)),
        weeks=tuple(weekly_client_minutes(inputs.entries, first_week, weeks, tz)),
        retainers=tuple(retainers),
        overdue=tuple(overdue),
        non_billable_minutes=sum(e.minutes for e in in_period if not e.billable),
        clients=everyone,
        order=tuple(visible) + tuple(i for i in everyone if i not in visible),
    )


def load_report(
    store: Store, settings: Settings, span: Period, by: str, now: datetime
) -> ReportData:
    """:func:`read_inputs` then :func:`compute_report`, for callers without a lock to mind."""
    return compute_report(read_inputs(store, settings, span, now), by)
