"""The domain model: frozen dataclasses shared by core, store, command line and app.

Rules that hold for every class here:

* Instants (``datetime``) are timezone-aware and in UTC. Where wall time matters the
  IANA zone travels beside them (``Task.due_tz``, ``Meeting.tz``).
* Wall times (``Meeting.start_local``) are naive ``datetime`` values read in their zone.
* Durations are whole minutes (``int``); money is ``Decimal``.
* ``id`` is ``0`` until the store assigns one (``dataclasses.replace`` gives the stored copy).
* Collections are tuples so that every instance is immutable and hashable-free of surprises.

Every class has a docstring: ``dataclass`` would otherwise build one from
``inspect.signature`` when this module is imported, which every command does.

The store turns these into documents with one generic codec (``vaplanner.store.codecs``),
driven by the field types below, so a new field needs no storage code: give it a default.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Literal

SCHEMA_VERSION = 1

ClientStatus = Literal["lead", "onboarding", "active", "paused", "archived"]
CLIENT_STATUSES: tuple[str, ...] = ("lead", "onboarding", "active", "paused", "archived")

TaskStatus = Literal["todo", "doing", "waiting", "review", "done"]
TASK_STATUSES: tuple[str, ...] = ("todo", "doing", "waiting", "review", "done")
OPEN_TASK_STATUSES: tuple[str, ...] = ("todo", "doing", "waiting", "review")

Quadrant = Literal["do", "schedule", "delegate", "eliminate"]

Recurrence = Literal["daily", "weekly", "biweekly", "monthly"]
TASK_RECURRENCES: tuple[str, ...] = ("daily", "weekly", "biweekly", "monthly")
MEETING_RECURRENCES: tuple[str, ...] = ("weekly", "biweekly", "monthly")

BlockCategory = Literal["client", "admin", "break", "buffer", "focus"]
BLOCK_CATEGORIES: tuple[str, ...] = ("client", "admin", "break", "buffer", "focus")

InvoiceStatus = Literal["draft", "sent", "paid", "void"]

WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True, slots=True)
class TimeRange:
    """A wall-clock window within one day, ``start`` before ``end``.

    A window that runs to midnight has ``end == time(0)``, read as minute 1440.
    """

    start: time
    end: time

    @property
    def start_minute(self) -> int:
        return self.start.hour * 60 + self.start.minute

    @property
    def end_minute(self) -> int:
        """Minutes after midnight; 24:00 is written as ``time(0)`` and read as 1440."""
        value = self.end.hour * 60 + self.end.minute
        return 1440 if value == 0 else value

    @property
    def minutes(self) -> int:
        return self.end_minute - self.start_minute


def _default_week() -> tuple[tuple[TimeRange, ...], ...]:
    nine_to_five = (TimeRange(time(9, 0), time(17, 0)),)
    return (nine_to_five,) * 5 + ((), ())


@dataclass(frozen=True, slots=True)
class WeekHours:
    """Business or work hours for each weekday, Monday first (``days[0]``)."""

    days: tuple[tuple[TimeRange, ...], ...] = field(default_factory=_default_week)

    def for_weekday(self, weekday: int) -> tuple[TimeRange, ...]:
        """Windows for ``date.weekday()`` (0 = Monday)."""
        return self.days[weekday]

    @property
    def weekly_minutes(self) -> int:
        return sum(window.minutes for day in self.days for window in day)


@dataclass(frozen=True, slots=True)
class Contact:
    """A person at a client's business."""

    name: str
    email: str = ""
    role: str = ""


@dataclass(frozen=True, slots=True)
class Billing:
    """How a client pays. ``rate`` is per hour in ``currency`` (ISO 4217)."""

    rate: Decimal | None = None
    currency: str = "EUR"
    terms_days: int = 14
    upfront_percent: Decimal = Decimal(0)
    rounding_minutes: int = 0  # 0 (none), 5, 6 or 15
    rounding_mode: Literal["up", "nearest"] = "up"
    retainer_hours: Decimal | None = None
    retainer_fee: Decimal | None = None
    retainer_cycle: Literal["monthly", "weekly"] = "monthly"
    rollover_days: int = 0  # 0: unused hours lapse
    overage_rate: Decimal | None = None
    retainer_since: date | None = None  # first day of the retainer; None: Client.created


@dataclass(frozen=True, slots=True)
class Client:
    """A business the VA works for, with its zone, hours, ways to reach it and billing."""

    name: str
    tz: str
    id: int = 0
    key: str | None = None  # hotkey: "1".."9" or a letter
    color: str = ""  # a colour name or #rrggbb; empty: picked from the theme palette
    hours: WeekHours = field(default_factory=WeekHours)
    status: ClientStatus = "active"
    channels: tuple[tuple[str, str], ...] = ()  # (kind, how): ("formal", "email")
    reply_within_minutes: int = 24 * 60  # business minutes
    contacts: tuple[Contact, ...] = ()
    services: tuple[str, ...] = ()  # agreed scope
    notes: str = ""  # never credentials: those belong in a password manager
    billing: Billing = field(default_factory=Billing)
    created: datetime | None = None

    @property
    def archived(self) -> bool:
        return self.status == "archived"

    @property
    def short(self) -> str:
        """A short label for narrow columns."""
        return self.name.split()[0][:10] if self.name.strip() else "?"


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    """One line of a task's checklist."""

    text: str
    done: bool = False


@dataclass(frozen=True, slots=True)
class Task:
    """A piece of work for a client, in the client's queue."""

    client_id: int
    title: str
    id: int = 0
    notes: str = ""
    status: TaskStatus = "todo"
    urgent: bool = False
    important: bool = False
    estimate_minutes: int | None = None
    due: datetime | None = None  # UTC instant
    due_tz: str | None = None  # the zone the due time was given in (the client's)
    tags: tuple[str, ...] = ()
    assignee: str | None = None  # None: the VA
    follow_up: date | None = None  # for delegated work
    checklist: tuple[ChecklistItem, ...] = ()
    position: int = 0  # order in the client's queue, lower first
    every: Recurrence | None = None
    out_of_scope: bool = False
    template: str | None = None
    created: datetime | None = None
    done_at: datetime | None = None

    @property
    def is_open(self) -> bool:
        return self.status != "done"


@dataclass(frozen=True, slots=True)
class Block:
    """A planned stretch of time on the day grid."""

    start: datetime
    end: datetime
    id: int = 0
    client_id: int | None = None
    category: BlockCategory = "client"
    task_id: int | None = None
    title: str = ""

    @property
    def minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)


@dataclass(frozen=True, slots=True)
class Meeting:
    """A meeting stored as wall time + zone + rule, never as repeated UTC instants."""

    client_id: int | None
    title: str
    start_local: datetime  # naive wall time in ``tz``
    tz: str
    id: int = 0
    uid: str = ""  # stable across exports; set by the store from the id when empty
    sequence: int = 0
    duration_minutes: int = 30
    every: Literal["weekly", "biweekly", "monthly"] | None = None
    until: date | None = None  # inclusive, a date in ``tz``
    exdates: tuple[datetime, ...] = ()  # naive wall starts in ``tz`` that are skipped
    link: str = ""
    location: str = ""
    notes: str = ""
    updated: datetime | None = None


@dataclass(frozen=True, slots=True)
class Entry:
    """A stretch of tracked time."""

    client_id: int
    start: datetime
    end: datetime
    id: int = 0
    task_id: int | None = None
    note: str = ""
    billable: bool = True
    tags: tuple[str, ...] = ()
    invoice_id: int | None = None
    source: str = ""  # where an imported entry came from, so a second import is a no-op

    @property
    def seconds(self) -> int:
        return int((self.end - self.start).total_seconds())

    @property
    def minutes(self) -> int:
        """Length rounded to the nearest minute."""
        return (self.seconds + 30) // 60


@dataclass(frozen=True, slots=True)
class Timer:
    """The one running entry."""

    client_id: int
    started: datetime
    task_id: int | None = None
    note: str = ""
    pomodoro_started: datetime | None = None  # None: pomodoro is off

    def elapsed_seconds(self, now: datetime) -> int:
        return max(0, int((now - self.started).total_seconds()))


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
class Request:
    """Something a client asked for, with the reply the VA promised."""

    client_id: int
    text: str
    channel: str
    received: datetime
    reply_by: datetime
    id: int = 0
    out_of_scope: bool = False
    done_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Checkin:
    """How a client relationship felt at a moment (a score of 1-5 and a note)."""

    client_id: int
    at: datetime
    id: int = 0
    score: int | None = None  # 1-5
    note: str = ""


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


@dataclass(frozen=True, slots=True)
class Settings:
    """The VA's own settings (``config.toml`` and the store's settings file)."""

    home_tz: str = "UTC"
    work_hours: WeekHours = field(default_factory=WeekHours)
    buffer_minutes: int = 10
    day_start: time = time(7, 0)  # first row of the grid
    day_end: time = time(20, 0)  # last row of the grid
    week_start: int = 0  # 0 = Monday
    pomodoro_focus: int = 25
    pomodoro_break: int = 5
    pomodoro_long_break: int = 15
    pomodoro_cycle: int = 4
    theme: str = "vaplanner-dark"
    keymap: tuple[tuple[str, str], ...] = ()  # (binding id, keys)
    currency: str = "EUR"
    name: str = ""  # the VA's name and details, for invoices
    business_details: str = ""
    backups_keep: int = 14
    max_timer_hours: int = 12


ONE_DAY = timedelta(days=1)
