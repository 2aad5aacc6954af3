"""The model classes only invoices and templates need: ``Invoice``, ``InvoiceLine``,
``Template`` and ``TemplateStep``.

**Import them from** :mod:`vaplanner.core.models`, which creates them on first use, like
those of :mod:`vaplanner.core.models_lazy`: the planner's first screen needs tasks, blocks
and meetings but no invoice or template, and each frozen slotted dataclass costs ~0.5 ms to
create. The rules in :mod:`vaplanner.core.models`' docstring hold here too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

# the codec resolves the annotations below in this module's namespace
from vaplanner.core.models import InvoiceStatus, Recurrence

__all__ = ["Invoice", "InvoiceLine", "Template", "TemplateStep"]


@dataclass(frozen=True, slots=True)
class InvoiceLine:
    """One line of an invoice: time (``minutes`` set) or a fixed fee."""

    description: str
    quantity: Decimal  # hours, or 1 for a fixed fee
    unit_price: Decimal
    amount: Decimal
    minutes: int | None = None  # the billed minutes of a time line; None for a fixed fee


@dataclass(frozen=True, slots=True)
class Invoice:
    """A bill to one client, in one currency."""

    client_id: int
    number: str  # "2026-001"
    issued: date
    due: date
    currency: str
    id: int = 0
    period_start: date | None = None
    period_end: date | None = None
    lines: tuple[InvoiceLine, ...] = ()
    upfront_percent: Decimal = Decimal(0)
    exchange_rate: Decimal | None = None  # 1 unit of this currency in the home currency
    status: InvoiceStatus = "draft"
    paid_on: date | None = None

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal(0))


@dataclass(frozen=True, slots=True)
class TemplateStep:
    """One task that applying a template creates."""

    title: str
    estimate_minutes: int | None = None
    due_days: int | None = None  # days after the template is applied
    tags: tuple[str, ...] = ()
    checklist: tuple[str, ...] = ()
    notes: str = ""
    every: Recurrence | None = None  # the task it makes recurs (see core.queues)


@dataclass(frozen=True, slots=True)
class Template:
    """A named list of steps that becomes tasks in a client's queue (onboarding, SOPs)."""

    name: str
    steps: tuple[TemplateStep, ...]
    description: str = ""
