"""Retainers: hours included per cycle, rollover of unused hours, overage, alerts.

The model, step by step:

* A retainer grants ``retainer_hours`` per cycle (a calendar month, or a week starting on
  the VA's week start), read in one zone's calendar (the callers pass the home zone, the
  same calendar invoices use).
* Unused hours of a cycle stay usable for ``rollover_days`` days after the cycle ends
  (0: they lapse when the cycle ends).
* Billable time (rounded per the client's rule, see :mod:`vaplanner.core.billing`) uses up
  the hours that expire first, at the moment each entry starts. Time no grant covers is
  **overage**, billed at ``overage_rate`` (or the hourly rate when none is set).
* Cycles before the retainer began grant nothing: the start is ``Billing.retainer_since``,
  else the day the client was created, else "always".
* Rollover is followed back to the oldest cycle whose hours can still be alive; nothing is
  assumed to carry into that cycle (so hours left are never overstated). Results therefore
  do not depend on how far back the caller read: pass entries from :func:`retainer_window` on.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from vaplanner.core.billing import amount_for, billable_minutes, hours_quantity
from vaplanner.core.errors import InputError
from vaplanner.core.models import Billing, Client, Entry, InvoiceLine
from vaplanner.core.money import quantize, validate_currency
from vaplanner.core.times import day_bounds, format_duration, to_local

ALERT_PERCENT = 80
ALERT_MINUTES_LEFT = 120

Cycle = tuple[date, date]  # [first day, first day of the next cycle)


def has_retainer(client: Client) -> bool:
    """Whether ``client`` pays a retainer (hours set and above zero)."""
    hours = client.billing.retainer_hours
    return hours is not None and hours > 0


def cycle_of(day: date, cycle: str, week_start: int = 0) -> Cycle:
    """The retainer cycle that contains ``day``: its first day and the next cycle's first day."""
    if cycle == "monthly":
        start = day.replace(day=1)
        following = (start + timedelta(days=32)).replace(day=1)
        return start, following
    if cycle == "weekly":
        start = day - timedelta(days=(day.weekday() - week_start) % 7)
        return start, start + timedelta(days=7)
    raise InputError(f"retainer cycle {cycle!r} not known; use 'monthly' or 'weekly'")


def cycle_label(cycle: Cycle, kind: str) -> str:
    """``November 2026`` for a month, ``week of 2026-11-23`` for a week."""
    start = cycle[0]
    if kind == "monthly":
        return f"{start:%B %Y}"
    return f"week of {start.isoformat()}"


def _included_minutes(billing: Billing) -> int:
    hours = billing.retainer_hours or Decimal(0)
    return int((hours * 60).to_integral_value())


def retainer_since(client: Client, tz: str) -> date | None:
    """The first day of the retainer: ``retainer_since``, else the client's creation day."""
    if client.billing.retainer_since is not None:
        return client.billing.retainer_since
    if client.created is not None:
        return to_local(client.created, tz).date()
    return None


def _lookback_start(billing: Billing, first: date, week_start: int) -> date:
    if billing.rollover_days <= 0:
        return first
    oldest = first - timedelta(days=billing.rollover_days)
    return cycle_of(oldest, billing.retainer_cycle, week_start)[0]


def retainer_window(client: Client, now: datetime, *, tz: str, week_start: int = 0) -> datetime:
    """The UTC instant from which :func:`retainer_status` needs the client's entries."""
    billing = client.billing
    current = cycle_of(to_local(now, tz).date(), billing.retainer_cycle, week_start)
    return day_bounds(_lookback_start(billing, current[0], week_start), tz)[0]


@dataclass(frozen=True, slots=True)
class CycleUse:
    """What one cycle used: minutes used, overage, and hours carried in at its start."""

    cycle: Cycle
    included_minutes: int
    rollover_minutes: int
    used_minutes: int
    overage_minutes: int


@dataclass(slots=True)
class _Grant:
    start: datetime
    expiry: datetime
    left: int


def _simulate(
    client: Client, entries: Iterable[Entry], cycles: Sequence[Cycle], tz: str
) -> tuple[list[CycleUse], list[_Grant]]:
    billing = client.billing
    included = _included_minutes(billing)
    since = retainer_since(client, tz)
    grants: list[_Grant] = []
    first_instant = day_bounds(cycles[0][0], tz)[0]
    last_instant = day_bounds(cycles[-1][1], tz)[0]
    own = sorted(
        (e for e in entries if e.client_id == client.id and e.billable),
        key=lambda e: e.start,
    )
    own = [e for e in own if first_instant <= e.start < last_instant]
    uses: list[CycleUse] = []
    index = 0
    for cycle in cycles:
        start = day_bounds(cycle[0], tz)[0]
        end = day_bounds(cycle[1], tz)[0]
        rollover = sum(g.left for g in grants if g.expiry > start)
        expiry = day_bounds(cycle[1] + timedelta(days=max(0, billing.rollover_days)), tz)[0]
        granted = included if since is None or cycle[1] > since else 0
        grants.append(_Grant(start, expiry, granted))
        used = overage = 0
        while index < len(own) and own[index].start < end:
            entry = own[index]
            index += 1
            need = billable_minutes(entry, billing)
            used += need
            for grant in sorted(grants, key=lambda g: g.expiry):
                if need == 0:
                    break
                if grant.start <= entry.start < grant.expiry and grant.left > 0:
                    take = min(grant.left, need)
                    grant.left -= take
                    need -= take
            overage += need
        uses.append(CycleUse(cycle, granted, rollover, used, overage))
    return uses, grants


def _cycles_between(first: date, last: date, kind: str, week_start: int) -> list[Cycle]:
    cycles = [cycle_of(first, kind, week_start)]
    while cycles[-1][1] <= last:
        cycles.append(cycle_of(cycles[-1][1], kind, week_start))
    return cycles


@dataclass(frozen=True, slots=True)
class RetainerStatus:
    """Where a client's retainer stands at ``now`` (minutes throughout)."""

    client_id: int
    cycle: str  # "monthly" or "weekly"
    cycle_start: date
    resets_on: date  # first day of the next cycle
    included_minutes: int
    rollover_minutes: int  # carried in from earlier cycles, valid at the cycle's start
    used_minutes: int
    left_minutes: int  # still usable now, rollover included
    overage_minutes: int
    percent_used: int
    level: str  # "ok", "warn" (80% used), "low" (2 hours or less left), "over" (used up)
    alerts: tuple[str, ...]

    @property
    def available_minutes(self) -> int:
        return self.included_minutes + self.rollover_minutes


def retainer_status(
    client: Client,
    entries: Iterable[Entry],
    now: datetime,
    *,
    tz: str | None = None,
    week_start: int = 0,
) -> RetainerStatus | None:
    """The retainer of ``client`` at ``now``, or None when the client has no retainer.

    Args:
        client: the client (its ``billing`` holds hours, cycle and rollover).
        entries: the client's entries from :func:`retainer_window` on (others are ignored).
        now: the current instant.
        tz: the zone whose calendar defines the cycles; pass the home zone
            (``Settings.home_tz``). ``None`` uses the client's zone.
        week_start: first weekday of a weekly cycle (0 = Monday).
    """
    if not has_retainer(client):
        return None
    zone = tz or client.tz
    billing = client.billing
    today = to_local(now, zone).date()
    current = cycle_of(today, billing.retainer_cycle, week_start)
    first = _lookback_start(billing, current[0], week_start)
    cycles = _cycles_between(first, current[0], billing.retainer_cycle, week_start)
    past = [e for e in entries if e.start <= now]
    uses, grants = _simulate(client, past, cycles, zone)
    use = uses[-1]
    left = sum(g.left for g in grants if g.start <= now < g.expiry)
    available = use.included_minutes + use.rollover_minutes
    percent = (use.used_minutes * 100 // available) if available else 100
    level, alerts = _alerts(client.name, use, left, percent, current[1])
    return RetainerStatus(
        client_id=client.id,
        cycle=billing.retainer_cycle,
        cycle_start=current[0],
        resets_on=current[1],
        included_minutes=use.included_minutes,
        rollover_minutes=use.rollover_minutes,
        used_minutes=use.used_minutes,
        left_minutes=left,
        overage_minutes=use.overage_minutes,
        percent_used=percent,
        level=level,
        alerts=alerts,
    )


def _alerts(
    name: str, use: CycleUse, left: int, percent: int, resets: date
) -> tuple[str, tuple[str, ...]]:
    available = use.included_minutes + use.rollover_minutes
    resets_text = f"resets on {resets.isoformat()}"
    if left == 0 and (use.overage_minutes > 0 or use.used_minutes >= available):
        over = format_duration(use.overage_minutes)
        return "over", (f"{name}: retainer used up, {over} over ({resets_text})",)
    alerts: list[str] = []
    level = "ok"
    if percent >= ALERT_PERCENT:
        level = "warn"
        alerts.append(
            f"{name}: {percent}% of the retainer used ({format_duration(use.used_minutes)} "
            f"of {format_duration(available)}, {resets_text})"
        )
    if left <= ALERT_MINUTES_LEFT:
        level = "low"
        alerts.append(f"{name}: {format_duration(left)} of retainer hours left ({resets_text})")
    return level, tuple(alerts)


def retainer_usage(
    client: Client,
    entries: Iterable[Entry],
    first_day: date,
    last_day: date,
    *,
    tz: str,
    week_start: int = 0,
) -> list[CycleUse]:
    """Use of each cycle that *starts* within ``[first_day, last_day]`` (dates in ``tz``).

    ``entries`` must reach back to :func:`usage_window` for rollover to be counted.
    """
    billing = client.billing
    kind = billing.retainer_cycle
    first = cycle_of(first_day, kind, week_start)
    start = first[0] if first[0] == first_day else first[1]
    if start > last_day:
        raise InputError(
            f"{first_day.isoformat()} to {last_day.isoformat()} holds no start of a {kind} "
            f"retainer cycle; give --from as a cycle's first day (e.g. {first[1].isoformat()})"
        )
    lookback = _lookback_start(billing, start, week_start)
    cycles = _cycles_between(lookback, last_day, kind, week_start)
    cycles = [c for c in cycles if c[0] <= last_day]
    uses, _ = _simulate(client, entries, cycles, tz)
    return [use for use in uses if start <= use.cycle[0] <= last_day]


def usage_window(client: Client, first_day: date, *, tz: str, week_start: int = 0) -> datetime:
    """The UTC instant from which :func:`retainer_usage` needs entries."""
    billing = client.billing
    first = cycle_of(first_day, billing.retainer_cycle, week_start)
    start = first[0] if first[0] == first_day else first[1]
    return day_bounds(_lookback_start(billing, start, week_start), tz)[0]


def retainer_lines(client: Client, uses: Sequence[CycleUse]) -> list[InvoiceLine]:
    """The fee of each cycle, then the overage of each cycle that went over."""
    billing = client.billing
    currency = validate_currency(billing.currency)
    if billing.retainer_fee is None:
        raise InputError(
            f"{client.name} has retainer hours but no retainer fee; set one with "
            f"'vaplanner client edit \"{client.name}\" --retainer-fee N'"
        )
    kind = billing.retainer_cycle
    lines: list[InvoiceLine] = []
    fee = quantize(billing.retainer_fee, currency)
    for use in uses:
        hours = format_duration(use.included_minutes)
        lines.append(
            InvoiceLine(
                f"Retainer, {cycle_label(use.cycle, kind)} ({hours} h)", Decimal(1), fee, fee
            )
        )
    for use in uses:
        if use.overage_minutes <= 0:
            continue
        rate = billing.overage_rate if billing.overage_rate is not None else billing.rate
        if rate is None:
            raise InputError(
                f"{client.name} went {format_duration(use.overage_minutes)} over the retainer in "
                f"{cycle_label(use.cycle, kind)} but has no overage or hourly rate; set one with "
                f"'vaplanner client edit \"{client.name}\" --rate N'"
            )
        lines.append(
            InvoiceLine(
                f"Hours beyond the retainer, {cycle_label(use.cycle, kind)}",
                hours_quantity(use.overage_minutes),
                rate,
                amount_for(use.overage_minutes, rate, currency),
                minutes=use.overage_minutes,
            )
        )
    return lines
