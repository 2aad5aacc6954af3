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

Tasks, blocks, meetings, requests and check-ins (``Task``, ``ChecklistItem``, ``Block``,
``Meeting``, ``Request``, ``Checkin``) are written in :mod:`vaplanner.core.models_lazy`, and
invoices and templates (``Invoice``, ``InvoiceLine``, ``Template``, ``TemplateStep``) in
:mod:`vaplanner.core.models_paperwork`; each module's classes are created the first time
anything asks this module for one of them (PEP 562 ``__getattr__``); import them from here
all the same. Creating a frozen slotted dataclass
costs ~0.5 ms (``exec`` of each generated method), and the timer commands, which need only
the classes below, have a 60 ms budget for the whole process.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # "X as X": re-exported, so that mypy knows models.X
    from vaplanner.core.models_lazy import Block as Block
    from vaplanner.core.models_lazy import Checkin as Checkin
    from vaplanner.core.models_lazy import ChecklistItem as ChecklistItem
    from vaplanner.core.models_lazy import Meeting as Meeting
    from vaplanner.core.models_lazy import Request as Request
    from vaplanner.core.models_lazy import Task as Task
    from vaplanner.core.models_paperwork import Invoice as Invoice
    from vaplanner.core.models_paperwork import InvoiceLine as InvoiceLine
    from vaplanner.core.models_paperwork import Template as Template
    from vaplanner.core.models_paperwork import TemplateStep as TemplateStep

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
    """A wall-clock window that starts on one day (the weekday it is listed under).

    An ``end`` at or before ``start`` is on the next day: a night shift ``22:00-02:00`` is
    ``TimeRange(time(22), time(2))``, and a window that runs to midnight has
    ``end == time(0)``, read as minute 1440.
    """

    start: time
    end: time

    @property
    def start_minute(self) -> int:
        return self.start.hour * 60 + self.start.minute

    @property
    def end_minute(self) -> int:
        """Minutes after the start day's midnight: 24:00 is 1440, 02:00 after 22:00 is 1560."""
        value = self.end.hour * 60 + self.end.minute
        return value + 1440 if value <= self.start_minute else value

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

#: Classes created on first use, by the module that defines them: the work records in
#: :mod:`vaplanner.core.models_lazy`, invoices and templates in
#: :mod:`vaplanner.core.models_paperwork`.
LAZY_MODULES: dict[str, tuple[str, ...]] = {
    "models_lazy": ("ChecklistItem", "Task", "Block", "Meeting", "Request", "Checkin"),
    "models_paperwork": ("InvoiceLine", "Invoice", "TemplateStep", "Template"),
}
LAZY_MODELS: tuple[str, ...] = tuple(name for names in LAZY_MODULES.values() for name in names)

if not TYPE_CHECKING:  # mypy sees the imports above; a misspelt name stays an error there

    def __getattr__(name: str) -> type:
        """``models.Task`` and friends: import the module that defines the class once and
        keep its classes here, so later look-ups are plain attribute reads."""
        found = [module for module, names in LAZY_MODULES.items() if name in names]
        if not found:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        from importlib import import_module

        module = import_module(f"vaplanner.core.{found[0]}")
        namespace = globals()
        for lazy in LAZY_MODULES[found[0]]:
            namespace[lazy] = getattr(module, lazy)
        return namespace[name]

    def __dir__() -> list[str]:
        return sorted({*globals(), *LAZY_MODELS})
