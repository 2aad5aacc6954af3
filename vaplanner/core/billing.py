"""Billing rules: rounding of billable time, amounts, invoice numbers, terms and overdue.

Definitions an accountant can check:

* **Billable minutes** of an entry are its tracked length in whole minutes
  (:attr:`Entry.minutes`), rounded per the client's rule (none, 5, 6 or 15 minutes; up or
  to the nearest step, a tie goes up). Rounding is applied to each entry, as Toggl and
  Harvest do, and only on invoices and billable totals; tracked time stays exact.
* **Amount** for ``m`` minutes at an hourly ``rate`` is ``m * rate / 60`` computed exactly
  and then rounded half-up once to the currency's minor unit. An invoice line shows its
  time as ``h:mm`` so that quantity x price = amount can be checked without fractions of
  an hour such as 0.0833.
* **Invoice numbers** run per year of the issue date: ``2026-001``, ``2026-002``, ... A
  voided invoice keeps its number; numbers are never reused.
* **Overdue**: an invoice that is neither paid nor void, when today (home zone) is after its
  due date.

Retainers live in :mod:`vaplanner.core.retainer`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from vaplanner.core.errors import ConflictError, InputError
from vaplanner.core.limits import MAX_AMOUNT
from vaplanner.core.models import Billing, Client, Entry, Invoice, InvoiceLine
from vaplanner.core.money import ZERO, quantize, totals_by_currency, validate_currency

ROUNDING_STEPS: tuple[int, ...] = (0, 5, 6, 15)
ROUNDING_MODES: tuple[str, ...] = ("up", "nearest")
OTHER_WORK = "Other work"

_NUMBER_RE = re.compile(r"^(?P<year>\d{4})-(?P<seq>\d+)$")


def round_minutes(minutes: int, step: int, mode: str = "up") -> int:
    """``minutes`` rounded to a multiple of ``step`` (0 or 1: unchanged).

    ``up`` rounds any part of a step up (7 -> 15 at 15-minute steps); ``nearest`` rounds to
    the closest multiple, a tie going up (3 -> 6 and 2 -> 0 at 6-minute steps).
    """
    if step not in ROUNDING_STEPS and step != 1:
        raise InputError(f"rounding step {step} not allowed; use 0 (none), 5, 6 or 15 minutes")
    if mode not in ROUNDING_MODES:
        raise InputError(f"rounding mode {mode!r} not allowed; use 'up' or 'nearest'")
    if minutes < 0:
        raise ValueError("minutes must not be negative")
    if step <= 1:
        return minutes
    whole, rest = divmod(minutes, step)
    if rest == 0:
        return minutes
    if mode == "up" or rest * 2 >= step:
        return (whole + 1) * step
    return whole * step


def billable_minutes(entry: Entry, billing: Billing) -> int:
    """The minutes of ``entry`` that are billed: 0 when not billable, else rounded."""
    if not entry.billable:
        return 0
    return round_minutes(entry.minutes, billing.rounding_minutes, billing.rounding_mode)


def hours_quantity(minutes: int) -> Decimal:
    """Hours as stored on an invoice line (4 places: display uses ``h:mm``)."""
    return (Decimal(minutes) / 60).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


#: The most minutes one amount is computed for (about 19 centuries of work): with a rate of
#: at most MAX_AMOUNT the result keeps well inside Decimal's 28 digits.
MAX_BILLED_MINUTES = 10**12


def amount_for(minutes: int, rate: Decimal | None, currency: str) -> Decimal:
    """``minutes`` at an hourly ``rate``, rounded once to the currency (0 without a rate).

    Raises :class:`InputError` for a rate that is negative, not a number or above
    :data:`~vaplanner.core.limits.MAX_AMOUNT` (a typing mistake that would otherwise run
    ``Decimal`` out of digits), and for negative or absurd minutes.
    """
    if rate is None:
        return quantize(ZERO, currency)
    if not rate.is_finite() or rate < 0 or rate > MAX_AMOUNT:
        raise InputError(
            f"hourly rate {rate} cannot be billed; use a number from 0 to {MAX_AMOUNT:,}"
        )
    if not 0 <= minutes <= MAX_BILLED_MINUTES:
        raise InputError(f"{minutes} minutes cannot be billed; use 0 to {MAX_BILLED_MINUTES:,}")
    return quantize(Decimal(minutes) * rate / 60, currency)


# ------------------------------------------------------------------------------- numbering


def next_invoice_number(numbers: Iterable[str], year: int) -> str:
    """The next number in ``year``: one more than the highest of that year, from ``001``.

    Numbers of other years and foreign forms are ignored, so numbering restarts each year.
    """
    highest = 0
    for number in numbers:
        match = _NUMBER_RE.match(number)
        if match and int(match["year"]) == year:
            highest = max(highest, int(match["seq"]))
    return f"{year}-{highest + 1:03d}"


def due_date(issued: date, terms_days: int) -> date:
    """The due date for payment terms of ``terms_days`` (0: due on issue)."""
    if terms_days < 0:
        raise InputError(f"payment terms of {terms_days} days; use 0 or more days")
    return issued + timedelta(days=terms_days)


# ---------------------------------------------------------------------------------- status


def is_open(invoice: Invoice) -> bool:
    """Not paid and not void: money is still expected."""
    return invoice.status in ("draft", "sent")


def is_overdue(invoice: Invoice, today: date) -> bool:
    """Open and past its due date (a draft counts: it should have gone out already)."""
    return is_open(invoice) and today > invoice.due


def days_overdue(invoice: Invoice, today: date) -> int:
    """Days past the due date (0 when not overdue)."""
    return (today - invoice.due).days if is_overdue(invoice, today) else 0


def display_status(invoice: Invoice, today: date) -> str:
    """The stored status, or ``overdue`` when an open invoice is past due."""
    return "overdue" if is_overdue(invoice, today) else invoice.status


def mark_sent(invoice: Invoice) -> Invoice:
    """Draft -> sent; anything else is refused with the reason."""
    if invoice.status != "draft":
        raise ConflictError(
            f"invoice {invoice.number} is {invoice.status}; only a draft can be marked sent"
        )
    return replace(invoice, status="sent")


def mark_paid(invoice: Invoice, on: date) -> Invoice:
    """Draft or sent -> paid on ``on`` (not before the issue date)."""
    if invoice.status not in ("draft", "sent"):
        raise ConflictError(
            f"invoice {invoice.number} is {invoice.status}; only a draft or sent invoice can be "
            "marked paid"
        )
    if on < invoice.issued:
        raise InputError(
            f"payment date {on.isoformat()} is before invoice {invoice.number} was issued "
            f"({invoice.issued.isoformat()})"
        )
    return replace(invoice, status="paid", paid_on=on)


def mark_void(invoice: Invoice) -> Invoice:
    """Draft or sent -> void. A paid invoice is refused: refund it outside vaplanner."""
    if invoice.status not in ("draft", "sent"):
        raise ConflictError(
            f"invoice {invoice.number} is {invoice.status}; only a draft or sent invoice can be "
            "voided"
        )
    return replace(invoice, status="void")


# ---------------------------------------------------------------------------- money shares


@dataclass(frozen=True, slots=True)
class Installment:
    """One payment of an invoice's schedule."""

    label: str
    amount: Decimal
    due: date


def payment_schedule(invoice: Invoice) -> list[Installment]:
    """The upfront share (due on issue) and the balance (due on the due date).

    The balance is the total minus the rounded upfront share, so the two always add up to
    the total exactly. Without an upfront share: one installment, the total.
    """
    total = quantize(invoice.total, invoice.currency)
    percent = invoice.upfront_percent
    if percent <= 0:
        return [Installment("Total due", total, invoice.due)]
    upfront = quantize(total * percent / 100, invoice.currency)
    pct = f"{percent.normalize():f}%"
    return [
        Installment(f"Upfront {pct}, due on signing", upfront, invoice.issued),
        Installment(f"Balance {100 - percent.normalize():f}%", total - upfront, invoice.due),
    ]


def invoice_totals(invoices: Iterable[Invoice]) -> dict[str, Decimal]:
    """One total per currency (void invoices left out)."""
    return totals_by_currency(
        (invoice.currency, invoice.total) for invoice in invoices if invoice.status != "void"
    )


def home_amount(invoice: Invoice, home_currency: str) -> Decimal | None:
    """The invoice total in the home currency using its stored rate (None: no rate)."""
    home = validate_currency(home_currency)
    if invoice.currency == home:
        return quantize(invoice.total, home)
    if invoice.exchange_rate is None:
        return None
    return quantize(invoice.total * invoice.exchange_rate, home)


# ------------------------------------------------------------------------- hourly invoices


def hourly_lines(
    client: Client, entries: Sequence[Entry], task_titles: Mapping[int, str]
) -> list[InvoiceLine]:
    """One line per task (entries without a task share one line), in order of first work.

    Each line's minutes are the sum of the entries' rounded billable minutes; its amount is
    computed from those minutes once.
    """
    billing = client.billing
    if billing.rate is None:
        raise InputError(
            f"{client.name} has no hourly rate; set one with "
            f"'vaplanner client edit \"{client.name}\" --rate N', or use --retainer"
        )
    currency = validate_currency(billing.currency)
    minutes_by_line: dict[str, int] = {}
    for entry in sorted(entries, key=lambda e: e.start):
        if not entry.billable:
            continue
        title = task_titles.get(entry.task_id, "") if entry.task_id is not None else ""
        label = title or OTHER_WORK
        minutes_by_line[label] = minutes_by_line.get(label, 0) + billable_minutes(entry, billing)
    return [
        InvoiceLine(
            description=label,
            quantity=hours_quantity(minutes),
            unit_price=billing.rate,
            amount=amount_for(minutes, billing.rate, currency),
            minutes=minutes,
        )
        for label, minutes in minutes_by_line.items()
    ]


def new_invoice(
    client: Client,
    lines: Sequence[InvoiceLine],
    *,
    number: str,
    issued: date,
    period: tuple[date, date],
    exchange_rate: Decimal | None,
    home_currency: str,
) -> Invoice:
    """A draft invoice for ``client`` with due date and upfront share from the client's terms.

    ``exchange_rate`` (1 unit of the invoice currency in the home currency) is stored as
    given; for an invoice in the home currency it is 1.
    """
    currency = validate_currency(client.billing.currency)
    home = validate_currency(home_currency)
    if exchange_rate is not None and exchange_rate <= 0:
        raise InputError(f"exchange rate {exchange_rate} must be more than 0")
    if currency == home:
        if exchange_rate is not None and exchange_rate != 1:
            raise InputError(
                f"the invoice is in {currency}, your home currency; an exchange rate other than "
                "1 makes no sense here"
            )
        exchange_rate = Decimal(1)
    if not lines:
        raise InputError("an invoice needs at least one line")
    return Invoice(
        client_id=client.id,
        number=number,
        issued=issued,
        due=due_date(issued, client.billing.terms_days),
        currency=currency,
        period_start=period[0],
        period_end=period[1],
        lines=tuple(lines),
        upfront_percent=client.billing.upfront_percent,
        exchange_rate=exchange_rate,
    )
