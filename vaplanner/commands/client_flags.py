"""The flags of ``client add`` and ``client edit``, and how they change a client.

Limits come from :mod:`vaplanner.core.limits`, so the command line and the app's client
editor accept the same values. On ``edit``, a repeatable flag (``--channel``, ``--contact``,
``--service``) replaces the whole list; ``none`` clears it, as it clears an optional value
(``--rate none``, ``--retainer-hours none``, ``--retainer-since none``, ``--key none``).
"""

from __future__ import annotations

import argparse
import re
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from vaplanner.core.models import CLIENT_STATUSES

if TYPE_CHECKING:
    from vaplanner.commands import Context
    from vaplanner.core.models import Client, Contact, WeekHours

CLEAR = {"none", "-", ""}
#: What a cleared optional value parses to (``None`` means the flag was not given).
CLEARED = "none"
ROUNDING_CHOICES = ("none", "5", "6", "15")
CONTACT_FORMS = "'Name <email>', 'Name <email>, role' or 'Name' (no email)"
_EMAIL_RE = re.compile(r"[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;.]+")


# ------------------------------------------------------------------------ argparse types


def _decimal(what: str, high: Decimal | None = None, *, clearable: bool = False) -> Any:
    """An argparse type: a number from 0 to ``high`` (the shared money limit by default)."""

    def parse(text: str) -> Decimal | str:
        from vaplanner.core.errors import InputError
        from vaplanner.core.limits import MAX_AMOUNT, MAX_AMOUNT_PLACES, check_amount

        if clearable and text.strip().lower() in CLEAR:
            return CLEARED
        limit = MAX_AMOUNT if high is None else high
        try:
            return check_amount(Decimal(text.strip().replace(",", ".")), what, high=limit)
        except (InvalidOperation, InputError):
            clear = "; none removes it" if clearable else ""
            raise argparse.ArgumentTypeError(
                f"{what} must be a number from 0 to {limit:,} with at most {MAX_AMOUNT_PLACES} "
                f"decimals, not {text!r}{clear}"
            ) from None

    return parse


def _whole_days(what: str, high: int) -> Any:
    """An argparse type: whole days from 0 to ``high``."""

    def parse(text: str) -> int:
        value = text.strip()
        if not re.fullmatch(r"[0-9]{1,4}", value) or int(value) > high:
            raise argparse.ArgumentTypeError(
                f"{what} must be whole days from 0 to {high} such as 14, not {text!r}"
            )
        return int(value)

    return parse


def _channel(text: str) -> tuple[str, str]:
    kind, sep, how = text.partition("=")
    if not sep or not kind.strip() or not how.strip():
        raise argparse.ArgumentTypeError(
            f"channel must be KIND=HOW such as formal=email or quick=slack, not {text!r}"
        )
    return kind.strip().lower(), how.strip()


def _rounding(text: str) -> int:
    value = text.strip().lower().removesuffix("m").removesuffix(" min")
    minutes = {"none": 0, "0": 0, "5": 5, "6": 6, "15": 15}.get(value)
    if minutes is None:
        raise argparse.ArgumentTypeError(
            f"rounding must be none, 5, 6 or 15 (minutes per entry), not {text!r}"
        )
    return minutes


def parse_contact(text: str) -> Contact:
    """``Ann Lee <ann@acme.com>, marketing`` -> ``Contact("Ann Lee", "ann@acme.com",
    "marketing")``; the email and the role are optional (``Ann Lee``, ``Ann Lee, marketing``).

    The email is what ``import ics`` matches an invitation's organizer and attendees on.
    """
    from vaplanner.core.errors import InputError
    from vaplanner.core.models import Contact

    value = " ".join(text.split())
    match = re.fullmatch(r"(?P<name>[^<>]*?)\s*<(?P<email>[^<>]*)>\s*(?:,\s*(?P<role>.*))?", value)
    if match:
        name, email, role = match["name"], match["email"].strip(), (match["role"] or "")
        if not _EMAIL_RE.fullmatch(email):
            raise InputError(f"contact {text!r}: {email!r} is not an email; use {CONTACT_FORMS}")
    elif "<" in value or ">" in value or "@" in value:
        raise InputError(f"cannot read contact {text!r}; use {CONTACT_FORMS}")
    else:
        name, _, role = value.partition(",")
        email = ""
    name, role = name.strip().strip(","), role.strip()
    if not name:
        raise InputError(f"contact {text!r} has no name; use {CONTACT_FORMS}")
    if "," in name or "," in role:
        raise InputError(f"contact {text!r}: one name and one role; use {CONTACT_FORMS}")
    return Contact(name, email, role)


def format_contact(contact: Contact) -> str:
    """A contact as ``--contact`` reads it: ``Ann Lee <ann@acme.com>, marketing``."""
    text = contact.name + (f" <{contact.email}>" if contact.email else "")
    return text + (f", {contact.role}" if contact.role else "")


# ---------------------------------------------------------------------------------- flags


def add_client_flags(parser: argparse.ArgumentParser, *, adding: bool) -> None:
    """Every flag that describes a client (``client add`` and ``client edit``)."""
    from vaplanner.core.limits import MAX_ROLLOVER_DAYS, MAX_TERMS_DAYS

    parser.add_argument(
        "--tz",
        required=adding,
        metavar="ZONE",
        help="the client's IANA zone, e.g. America/New_York",
    )
    parser.add_argument(
        "--hours", metavar="HH:MM-HH:MM", help="business hours (default 09:00-17:00)"
    )
    parser.add_argument("--days", metavar="DAYS", help="business days, e.g. mon-fri (the default)")
    parser.add_argument("--key", metavar="K", help="hotkey in the app: 1-9 or a letter")
    parser.add_argument(
        "--rate", type=_decimal("rate", clearable=True), metavar="N", help="hourly rate"
    )
    parser.add_argument("--currency", metavar="ISO", help="ISO 4217 code, e.g. EUR or USD")
    parser.add_argument(
        "--terms",
        type=_whole_days("terms", MAX_TERMS_DAYS),
        metavar="DAYS",
        help="payment terms in days",
    )
    parser.add_argument(
        "--upfront",
        type=_decimal("upfront", Decimal(100)),
        metavar="PCT",
        help="percent paid upfront",
    )
    parser.add_argument(
        "--rounding",
        type=_rounding,
        metavar="|".join(ROUNDING_CHOICES),
        help="round each billed entry to 5, 6 or 15 minutes (none: exact)",
    )
    parser.add_argument(
        "--rounding-mode", choices=("up", "nearest"), help="round up (default) or to the nearest"
    )
    parser.add_argument(
        "--retainer-hours",
        type=_decimal("retainer hours", clearable=True),
        metavar="H",
        help="hours per cycle (none: no retainer)",
    )
    parser.add_argument(
        "--retainer-fee",
        type=_decimal("retainer fee", clearable=True),
        metavar="N",
        help="fee per cycle",
    )
    parser.add_argument(
        "--retainer-cycle", choices=("monthly", "weekly"), help="the retainer's cycle (monthly)"
    )
    parser.add_argument(
        "--rollover-days",
        type=_whole_days("rollover", MAX_ROLLOVER_DAYS),
        metavar="N",
        help="unused retainer hours stay usable for N days (0: they lapse)",
    )
    parser.add_argument(
        "--overage-rate",
        type=_decimal("overage rate", clearable=True),
        metavar="N",
        help="hourly rate past the retainer's hours (default: --rate)",
    )
    parser.add_argument(
        "--retainer-since", metavar="DATE", help="first day of the retainer (default: added on)"
    )
    parser.add_argument(
        "--channel",
        type=_channel,
        action="append",
        metavar="KIND=HOW",
        help="how to reach them, e.g. formal=email (repeat for more)",
    )
    parser.add_argument(
        "--contact",
        action="append",
        metavar="'NAME <EMAIL>[, ROLE]'",
        help="a person there (repeat for more); 'import ics' matches invitations on the email",
    )
    parser.add_argument(
        "--service",
        action="append",
        metavar="TEXT",
        help="agreed services, e.g. 'inbox, calendar' (repeat or separate with commas)",
    )
    parser.add_argument(
        "--reply-within", metavar="DURATION", help="promised reply time in business hours, e.g. 24h"
    )
    parser.add_argument("--status", choices=CLIENT_STATUSES, help="lead, active, paused, ...")
    parser.add_argument("--color", metavar="COLOUR", help="a colour name or #rrggbb")
    parser.add_argument("--notes", metavar="TEXT", help="free notes (never passwords)")


# ---------------------------------------------------------------------------- applying them


def _key(text: str) -> str | None:
    from vaplanner.core.errors import InputError

    value = text.strip().lower()
    if value in CLEAR:
        return None
    if not re.fullmatch(r"[1-9a-z]", value):
        raise InputError(f"hotkey {text!r} must be one of 1-9 or a single letter")
    return value


_COLOR_RE = re.compile(
    r"#(?:[0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})|[a-z][a-z0-9_]{0,30}"
    r"|(?:rgb|hsl)a?\(\s*[0-9., %]{1,40}\)",
    re.IGNORECASE,
)


def _color(text: str) -> str:
    """A colour the app can parse: ``#rrggbb``, ``#rgb``, a name or ``rgb(...)``; anything
    else (an escape sequence, say) would reach the terminal as it is."""
    from vaplanner.core.errors import InputError

    if text.lower() in CLEAR:
        return ""
    if not _COLOR_RE.fullmatch(text):
        raise InputError(
            f"colour {text!r}: use #rrggbb (such as #e4572e), a name such as orange, "
            "or none for the theme's"
        )
    return text


def _currency(text: str) -> str:
    from vaplanner.config import parse_value
    from vaplanner.core.models import Settings

    value = parse_value("currency", text, Settings())
    assert isinstance(value, str)
    return value


def _range_text(hours: WeekHours) -> tuple[list[str], str]:
    """The ranges and days of ``hours`` as typed (the first day with hours gives the ranges)."""
    from vaplanner.core.models import WEEKDAYS
    from vaplanner.core.times import format_time_range

    days = [i for i, windows in enumerate(hours.days) if windows]
    if not days:
        return ["09:00-17:00"], "mon-fri"
    ranges = [format_time_range(w) for w in hours.days[days[0]]]
    return ranges, ",".join(WEEKDAYS[i] for i in days)


def _hours(args: argparse.Namespace, current: WeekHours | None) -> WeekHours | None:
    from vaplanner.core.times import week_hours

    if args.hours is None and args.days is None:
        return None
    old_ranges, old_days = _range_text(current) if current else (["09:00-17:00"], "mon-fri")
    ranges = args.hours if args.hours is not None else old_ranges
    return week_hours(ranges, args.days if args.days is not None else old_days)


def _listed(values: list[str] | None) -> list[str] | None:
    """The items of a repeatable flag split on commas; ``[]`` for ``none``; ``None`` when the
    flag was not given."""
    if values is None:
        return None
    if len(values) == 1 and values[0].strip().lower() in CLEAR:
        return []
    return [item for value in values for item in values_of(value)]


def values_of(text: str) -> list[str]:
    """``inbox, calendar; social`` -> the three services (as the app's editor splits them)."""
    return [item.strip() for item in re.split(r"[,;\n]", text) if item.strip()]


def _services(values: list[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for item in values:
        seen.setdefault(item.casefold(), item)
    return tuple(seen.values())


def _contacts(values: list[str]) -> tuple[Contact, ...]:
    if len(values) == 1 and values[0].strip().lower() in CLEAR:
        return ()
    return tuple(parse_contact(value) for value in values)


def _optional(value: Decimal | str) -> Decimal | None:
    return None if value == CLEARED else Decimal(value)


def apply_flags(ctx: Context, client: Client, args: argparse.Namespace) -> Client:
    """``client`` with every flag that was given applied (and validated)."""
    from vaplanner.core.errors import InputError
    from vaplanner.core.limits import check_reply_within
    from vaplanner.core.times import parse_duration, validate_zone

    changes: dict[str, Any] = {}
    if getattr(args, "new_name", None) is not None:
        if not args.new_name.strip():
            raise InputError("a client name cannot be empty")
        changes["name"] = args.new_name.strip()
    if args.tz is not None:
        changes["tz"] = validate_zone(args.tz)
    hours = _hours(args, client.hours if client.id else None)
    if hours is not None:
        changes["hours"] = hours
    if args.key is not None:
        changes["key"] = _key(args.key)
    if args.channel:
        changes["channels"] = tuple(args.channel)
    if args.contact is not None:
        changes["contacts"] = _contacts(args.contact)
    services = _listed(args.service)
    if services is not None:
        changes["services"] = _services(services)
    if args.reply_within is not None:
        minutes = parse_duration(args.reply_within)
        changes["reply_within_minutes"] = check_reply_within(minutes, args.reply_within)
    for flag in ("status", "color", "notes"):
        if getattr(args, flag) is not None:
            changes[flag] = getattr(args, flag).strip() if flag != "status" else args.status
    if changes.get("color"):
        changes["color"] = _color(changes["color"])
    billing = _billing(ctx, args)
    if billing:
        changes["billing"] = replace(client.billing, **billing)
    return replace(client, **changes)


def _billing(ctx: Context, args: argparse.Namespace) -> dict[str, Any]:
    billing: dict[str, Any] = {}
    for flag in ("rate", "retainer_hours", "retainer_fee", "overage_rate"):
        if getattr(args, flag) is not None:
            billing[flag] = _optional(getattr(args, flag))
    if args.currency is not None:
        billing["currency"] = _currency(args.currency)
    if args.terms is not None:
        billing["terms_days"] = args.terms
    if args.upfront is not None:
        billing["upfront_percent"] = args.upfront
    if args.rounding is not None:
        billing["rounding_minutes"] = args.rounding
    if args.rounding_mode is not None:
        billing["rounding_mode"] = args.rounding_mode
    if args.retainer_cycle is not None:
        billing["retainer_cycle"] = args.retainer_cycle
    if args.rollover_days is not None:
        billing["rollover_days"] = args.rollover_days
    if args.retainer_since is not None:
        billing["retainer_since"] = _since(ctx, args.retainer_since)
    return billing


def _since(ctx: Context, text: str) -> Any:
    from vaplanner.core.times import parse_date, to_local

    if text.strip().lower() in CLEAR:
        return None
    return parse_date(text, today=to_local(ctx.now, ctx.settings.home_tz).date())
