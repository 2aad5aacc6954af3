"""The client editor's fields as text, and the checks that turn them into a :class:`Client`.

Pure (no Textual): :func:`read_client_fields` returns the client or raises
:class:`~vaplanner.ui.screens.task_fields.FieldError` naming the field to focus, with a
message that says what was wrong and what is accepted. The editor keeps what was typed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Literal, cast

from textual.color import Color, ColorParseError

from vaplanner.core.errors import InputError
from vaplanner.core.limits import MAX_ROLLOVER_DAYS, MAX_TERMS_DAYS, check_reply_within
from vaplanner.core.models import (
    CLIENT_STATUSES,
    WEEKDAYS,
    Billing,
    Client,
    ClientStatus,
    Contact,
    TimeRange,
    WeekHours,
)
from vaplanner.core.money import parse_amount, validate_currency
from vaplanner.core.times import (
    format_time_range,
    parse_date,
    parse_duration,
    parse_time_range,
    validate_zone,
)
from vaplanner.ui.screens.task_fields import CLEAR_WORDS, FieldError, duration_text

ROUNDING_CHOICES: tuple[int, ...] = (0, 5, 6, 15)
_SECRET = re.compile(r"\b(password|passwd|passcode|pwd|pin|2fa|otp)\b\s*[:=]\s*\S", re.I)


@dataclass(frozen=True)
class ClientFields:
    """Everything the client editor shows, as typed (``hours``: Monday first)."""

    name: str = ""
    key: str = ""
    color: str = ""
    tz: str = ""
    hours: tuple[str, ...] = ("09:00-17:00",) * 5 + ("", "")
    status: str = "active"
    channels: str = ""
    reply_within: str = "24h"
    contacts: str = ""
    services: str = ""
    notes: str = ""
    rate: str = ""
    currency: str = "EUR"
    terms: str = "14"
    upfront: str = "0"
    retainer_hours: str = ""
    retainer_fee: str = ""
    retainer_cycle: str = "monthly"
    rollover: str = "0"
    overage: str = ""
    retainer_since: str = ""
    rounding: str = "0"
    rounding_mode: str = "up"


def _amount_text(value: Decimal | None) -> str:
    return "" if value is None else f"{value:f}"


def day_hours_text(windows: tuple[TimeRange, ...]) -> str:
    """``09:00-12:00, 13:00-17:00`` (empty: closed); read back by :func:`parse_time_range`."""
    return ", ".join(format_time_range(window) for window in windows)


def client_fields(client: Client | None, *, currency: str = "EUR") -> ClientFields:
    """The editor's fields for ``client`` (defaults for a new client in ``currency``)."""
    if client is None:
        return ClientFields(currency=currency)
    bill = client.billing
    return ClientFields(
        name=client.name,
        key=client.key or "",
        color=client.color,
        tz=client.tz,
        hours=tuple(day_hours_text(day) for day in client.hours.days),
        status=client.status,
        channels=", ".join(f"{kind}={how}" for kind, how in client.channels),
        reply_within=duration_text(client.reply_within_minutes),
        contacts="\n".join(
            ", ".join(part for part in (c.name, c.email, c.role) if part) for c in client.contacts
        ),
        services=", ".join(client.services),
        notes=client.notes,
        rate=_amount_text(bill.rate),
        currency=bill.currency,
        terms=str(bill.terms_days),
        upfront=_amount_text(bill.upfront_percent),
        retainer_hours=_amount_text(bill.retainer_hours),
        retainer_fee=_amount_text(bill.retainer_fee),
        retainer_cycle=bill.retainer_cycle,
        rollover=str(bill.rollover_days),
        overage=_amount_text(bill.overage_rate),
        retainer_since=bill.retainer_since.isoformat() if bill.retainer_since else "",
        rounding=str(bill.rounding_minutes),
        rounding_mode=bill.rounding_mode,
    )


def free_hotkey(clients: Sequence[Client]) -> str:
    """The first digit 1-9 no client uses, or "" when all are taken (a new client's hotkey)."""
    used = {client.key for client in clients}
    return next((str(n) for n in range(1, 10) if str(n) not in used), "")


def notes_warning(notes: str) -> str | None:
    """A reminder when the notes seem to hold a password or code (they are stored in plain
    text and copied into backups)."""
    if _SECRET.search(notes):
        return (
            "these notes look like they hold a password or code: keep credentials in a "
            "password manager and write only where to find them"
        )
    return None


def _day(text: str, index: int) -> tuple[TimeRange, ...]:
    name = WEEKDAYS[index]
    value = text.strip()
    if value.lower() in CLEAR_WORDS | {"closed", "off"}:
        return ()
    try:
        ranges = sorted(
            (parse_time_range(part) for part in re.split(r"[,;]", value) if part.strip()),
            key=lambda r: r.start_minute,
        )
    except InputError as error:
        raise FieldError(f"hours-{name}", f"{name.capitalize()} hours: {error}") from None
    for first, second in zip(ranges, ranges[1:], strict=False):
        if second.start_minute < first.end_minute:
            raise FieldError(
                f"hours-{name}",
                f"{name.capitalize()} hours overlap ({value}); list separate windows such as "
                "09:00-12:00, 13:00-17:00",
            )
    return tuple(ranges)


def _channels(text: str) -> tuple[tuple[str, str], ...]:
    found: list[tuple[str, str]] = []
    for part in filter(None, (p.strip() for p in re.split(r"[,;\n]", text))):
        kind, sep, how = part.partition("=")
        if not sep or not kind.strip() or not how.strip():
            raise FieldError(
                "channels",
                f"channel {part!r}: write KIND=HOW such as formal=email, quick=slack, "
                "meetings=zoom",
            )
        found.append((kind.strip().lower(), how.strip()))
    kinds = [kind for kind, _ in found]
    for kind in kinds:
        if kinds.count(kind) > 1:
            raise FieldError("channels", f"channel kind {kind!r} is given twice; keep one")
    return tuple(found)


def _contacts(text: str) -> tuple[Contact, ...]:
    contacts: list[Contact] = []
    for number, line in enumerate(text.splitlines(), 1):
        parts = [p.strip() for p in line.split(",")]
        if not any(parts):
            continue
        if len(parts) > 3 or not parts[0]:
            raise FieldError(
                "contacts",
                f"contact line {number}: write 'Name, email, role' (email and role optional)",
            )
        name, email, role = (parts + ["", ""])[:3]
        if email and ("@" not in email or " " in email):
            raise FieldError("contacts", f"contact line {number}: {email!r} is not an email")
        contacts.append(Contact(name, email, role))
    return tuple(contacts)


def _money(text: str, field_id: str, what: str) -> Decimal | None:
    if text.strip().lower() in CLEAR_WORDS:
        return None
    try:
        return parse_amount(text, what=what)
    except InputError as error:
        raise FieldError(field_id, str(error)) from None


def _whole(text: str, field_id: str, what: str, *, low: int, high: int) -> int:
    value = text.strip() or "0"
    if not value.isdigit() or not low <= int(value) <= high:
        raise FieldError(field_id, f"{what} is a whole number from {low} to {high}, not {text!r}")
    return int(value)


def read_client_fields(fields: ClientFields, *, today: date, base: Client | None = None) -> Client:
    """The client the fields describe (``base`` keeps id, created and what is not shown).

    Raises:
        FieldError: the first field that cannot be read, with what is accepted.
    """
    name = " ".join(fields.name.split())
    if not name:
        raise FieldError("name", "the client needs a name, such as 'Acme Ltd'")
    key = fields.key.strip()
    if key and not (len(key) == 1 and (key in "123456789" or (key.isalpha() and key.isascii()))):
        raise FieldError("key", f"hotkey {key!r}: use one digit 1-9 or one letter a-z, or none")
    color = fields.color.strip()
    if color:
        try:
            Color.parse(color)
        except ColorParseError:
            raise FieldError(
                "color", f"colour {fields.color!r}: use #rrggbb (such as #e4572e) or a name"
            ) from None
    try:
        tz = validate_zone(fields.tz)
    except InputError as error:
        raise FieldError("tz", str(error)) from None
    hours = WeekHours(tuple(_day(text, index) for index, text in enumerate(fields.hours)))
    if fields.status not in CLIENT_STATUSES:
        raise FieldError("status", f"status is one of {', '.join(CLIENT_STATUSES)}")
    try:
        text = fields.reply_within or "24h"
        reply = check_reply_within(parse_duration(text), text)  # as `client add --reply-within`
    except InputError as error:
        raise FieldError("reply-within", f"reply within: {error}") from None
    billing = _billing(fields, today)
    draft = base if base is not None else Client(name=name, tz=tz)
    return replace(
        draft,
        name=name,
        key=key or None,
        color=color,
        tz=tz,
        hours=hours,
        status=cast(ClientStatus, fields.status),
        channels=_channels(fields.channels),
        reply_within_minutes=reply,
        contacts=_contacts(fields.contacts),
        services=tuple(s.strip() for s in re.split(r"[,;\n]", fields.services) if s.strip()),
        notes=fields.notes.strip(),
        billing=billing,
    )


def _billing(fields: ClientFields, today: date) -> Billing:
    rate = _money(fields.rate, "rate", "hourly rate")
    try:
        currency = validate_currency(fields.currency)
    except InputError as error:
        raise FieldError("currency", str(error)) from None
    terms = _whole(fields.terms, "terms", "payment terms (days)", low=0, high=MAX_TERMS_DAYS)
    upfront = _money(fields.upfront, "upfront", "upfront percent") or Decimal(0)
    if upfront > 100:
        raise FieldError("upfront", f"upfront is a percent from 0 to 100, not {fields.upfront!r}")
    retainer_hours = _money(fields.retainer_hours, "retainer-hours", "retainer hours")
    retainer_fee = _money(fields.retainer_fee, "retainer-fee", "retainer fee")
    if retainer_fee is not None and not retainer_hours:
        raise FieldError(
            "retainer-hours", "a retainer fee needs the hours it buys per cycle (e.g. 20)"
        )
    if fields.retainer_cycle not in ("monthly", "weekly"):
        raise FieldError("retainer-cycle", "the retainer cycle is monthly or weekly")
    rollover = _whole(fields.rollover, "rollover", "rollover (days)", low=0, high=MAX_ROLLOVER_DAYS)
    overage = _money(fields.overage, "overage", "overage rate")
    since: date | None = None
    if fields.retainer_since.strip().lower() not in CLEAR_WORDS:
        try:
            since = parse_date(fields.retainer_since, today=today)
        except InputError as error:
            raise FieldError("retainer-since", f"retainer since: {error}") from None
    if not fields.rounding.isdigit() or int(fields.rounding) not in ROUNDING_CHOICES:
        raise FieldError("rounding", "rounding is none, 5, 6 or 15 minutes")
    if fields.rounding_mode not in ("up", "nearest"):
        raise FieldError("rounding-mode", "rounding goes up or to the nearest step")
    return Billing(
        rate=rate,
        currency=currency,
        terms_days=terms,
        upfront_percent=upfront,
        rounding_minutes=int(fields.rounding),
        rounding_mode=cast(Literal["up", "nearest"], fields.rounding_mode),
        retainer_hours=retainer_hours,
        retainer_fee=retainer_fee,
        retainer_cycle=cast(Literal["monthly", "weekly"], fields.retainer_cycle),
        rollover_days=rollover,
        overage_rate=overage,
        retainer_since=since,
    )
