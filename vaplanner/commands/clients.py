"""``client add|list|show|edit|archive``: who the VA works for, where and when."""

from __future__ import annotations

import argparse
import re
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from vaplanner.commands import Context, table, utc_z
from vaplanner.core.models import CLIENT_STATUSES

if TYPE_CHECKING:
    from vaplanner.core.models import Client, WeekHours

_CLEAR = {"none", "-", ""}
#: The longest reply promise a client takes (about three months of 8-hour business days).
MAX_REPLY_MINUTES = 500 * 60


#: The largest amount or number of hours a client flag takes: larger ones ("1e999") are
#: typing mistakes, and they overflow the money arithmetic of invoices.
_DECIMAL_CAP = Decimal(1_000_000_000)


def _decimal(what: str, high: Decimal = _DECIMAL_CAP) -> Any:
    def parse(text: str) -> Decimal:
        try:
            value = Decimal(text.strip().replace(",", "."))
        except InvalidOperation:
            value = Decimal(-1)
        exponent = value.as_tuple().exponent
        # "1e-9" is a number, but not an amount anyone bills
        fine = isinstance(exponent, int) and exponent >= -6
        if not value.is_finite() or value < 0 or value > high or not fine:
            raise argparse.ArgumentTypeError(
                f"{what} must be a number from 0 to {high:,} with at most 6 decimals, not {text!r}"
            )
        return value

    return parse


def _days(text: str) -> int:
    if not re.fullmatch(r"\d{1,3}", text.strip()):
        raise argparse.ArgumentTypeError(f"terms must be whole days such as 14, not {text!r}")
    return int(text)


def _channel(text: str) -> tuple[str, str]:
    kind, sep, how = text.partition("=")
    if not sep or not kind.strip() or not how.strip():
        raise argparse.ArgumentTypeError(
            f"channel must be KIND=HOW such as formal=email or quick=slack, not {text!r}"
        )
    return kind.strip().lower(), how.strip()


def _add_client_flags(parser: argparse.ArgumentParser, *, adding: bool) -> None:
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
    parser.add_argument("--rate", type=_decimal("rate"), metavar="N", help="hourly rate")
    parser.add_argument("--currency", metavar="ISO", help="ISO 4217 code, e.g. EUR or USD")
    parser.add_argument("--terms", type=_days, metavar="DAYS", help="payment terms in days")
    parser.add_argument(
        "--upfront",
        type=_decimal("upfront", Decimal(100)),
        metavar="PCT",
        help="percent paid upfront",
    )
    parser.add_argument(
        "--retainer-hours", type=_decimal("retainer hours"), metavar="H", help="hours per month"
    )
    parser.add_argument(
        "--retainer-fee", type=_decimal("retainer fee"), metavar="N", help="fee per month"
    )
    parser.add_argument(
        "--channel",
        type=_channel,
        action="append",
        metavar="KIND=HOW",
        help="how to reach them, e.g. formal=email (repeat for more)",
    )
    parser.add_argument(
        "--reply-within", metavar="DURATION", help="promised reply time in business hours, e.g. 24h"
    )
    parser.add_argument("--status", choices=CLIENT_STATUSES, help="lead, active, paused, ...")
    parser.add_argument("--color", metavar="COLOUR", help="a colour name or #rrggbb")
    parser.add_argument("--notes", metavar="TEXT", help="free notes (never passwords)")


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """Add ``client add|list|show|edit|archive`` (and ``export|purge``, see client_data)."""
    client = sub.add_parser("client", parents=[common], help="add, list, show or edit clients")
    actions = client.add_subparsers(title="actions", metavar="ACTION", dest="action")
    actions.required = True

    add = actions.add_parser(
        "add",
        parents=[common],
        help="add a client",
        description="e.g. client add Acme --tz America/New_York --hours 09:00-17:00 --key 1 "
        "--rate 45 --currency USD --channel formal=email --reply-within 24h",
    )
    add.add_argument("name", metavar="NAME")
    _add_client_flags(add, adding=True)
    add.set_defaults(func=add_command)

    list_ = actions.add_parser("list", parents=[common], help="list clients")
    list_.add_argument("--all", action="store_true", help="include archived clients")
    list_.add_argument("--json", action="store_true", help="print JSON")
    list_.set_defaults(func=list_command)

    show = actions.add_parser("show", parents=[common], help="show one client")
    show.add_argument("name", metavar="NAME", help="name, hotkey or id")
    show.add_argument("--json", action="store_true", help="print JSON")
    show.set_defaults(func=show_command)

    edit = actions.add_parser(
        "edit",
        parents=[common],
        help="change a client",
        description="Change any of the flags of 'client add'; --key none clears the hotkey.",
    )
    edit.add_argument("name", metavar="NAME", help="name, hotkey or id")
    edit.add_argument("--name", dest="new_name", metavar="NEW", help="rename the client")
    _add_client_flags(edit, adding=False)
    edit.set_defaults(func=edit_command)

    archive = actions.add_parser("archive", parents=[common], help="archive a client")
    archive.add_argument("name", metavar="NAME", help="name, hotkey or id")
    archive.set_defaults(func=archive_command)

    from vaplanner.commands import client_data

    client_data.register(actions, common)


# ------------------------------------------------------------------------------------ helpers


def _key(text: str) -> str | None:
    from vaplanner.core.errors import InputError

    value = text.strip().lower()
    if value in _CLEAR:
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

    if text.lower() in _CLEAR:
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

    days = [i for i, windows in enumerate(hours.days) if windows]
    if not days:
        return ["09:00-17:00"], "mon-fri"
    ranges = [
        f"{w.start:%H:%M}-{'24:00' if w.end_minute == 1440 else f'{w.end:%H:%M}'}"
        for w in hours.days[days[0]]
    ]
    return ranges, ",".join(WEEKDAYS[i] for i in days)


def _hours(args: argparse.Namespace, current: WeekHours | None) -> WeekHours | None:
    from vaplanner.core.times import week_hours

    if args.hours is None and args.days is None:
        return None
    old_ranges, old_days = _range_text(current) if current else (["09:00-17:00"], "mon-fri")
    ranges = args.hours if args.hours is not None else old_ranges
    return week_hours(ranges, args.days if args.days is not None else old_days)


def _check_unique(ctx: Context, client: Client) -> None:
    from vaplanner.core.errors import ConflictError

    for other in ctx.store.clients.all(include_archived=True):
        if other.id == client.id:
            continue
        if other.name.strip().lower() == client.name.strip().lower():
            raise ConflictError(f"there is already a client named {other.name!r} (id {other.id})")
        if client.key is not None and other.key == client.key:
            raise ConflictError(
                f"hotkey {client.key} is already {other.name}'s; pick another, or free it with "
                f"'vaplanner client edit \"{other.name}\" --key none'"
            )


def _apply(ctx: Context, client: Client, args: argparse.Namespace) -> Client:
    """``client`` with every flag that was given applied (and validated)."""
    from vaplanner.core.errors import InputError
    from vaplanner.core.times import parse_duration, validate_zone

    changes: dict[str, Any] = {}
    billing: dict[str, Any] = {}
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
    if args.reply_within is not None:
        minutes = parse_duration(args.reply_within)
        if minutes > MAX_REPLY_MINUTES:
            # counted in business hours: 99999h would reach past the end of the calendar
            raise InputError(
                f"--reply-within {args.reply_within!r} is more than "
                f"{MAX_REPLY_MINUTES // 60} business hours; promise something sooner"
            )
        changes["reply_within_minutes"] = minutes
    for flag in ("status", "color", "notes"):
        if getattr(args, flag) is not None:
            changes[flag] = getattr(args, flag).strip() if flag != "status" else args.status
    if changes.get("color"):
        changes["color"] = _color(changes["color"])
    if args.rate is not None:
        billing["rate"] = args.rate
    if args.currency is not None:
        billing["currency"] = _currency(args.currency)
    if args.terms is not None:
        billing["terms_days"] = args.terms
    if args.upfront is not None:
        billing["upfront_percent"] = args.upfront
    if args.retainer_hours is not None:
        billing["retainer_hours"] = args.retainer_hours
    if args.retainer_fee is not None:
        billing["retainer_fee"] = args.retainer_fee
    if billing:
        changes["billing"] = replace(client.billing, **billing)
    return replace(client, **changes)


def client_json(client: Client) -> dict[str, Any]:
    """The JSON object of a client (``client list --json`` and ``client show --json``)."""
    from vaplanner.core.times import format_week_hours

    bill = client.billing

    def money(value: Decimal | None) -> str | None:
        return None if value is None else str(value)

    return {
        "id": client.id,
        "name": client.name,
        "tz": client.tz,
        "key": client.key,
        "hours": format_week_hours(client.hours),
        "rate": money(bill.rate),
        "currency": bill.currency,
        "status": client.status,
        "color": client.color,
        "channels": dict(client.channels),
        "reply_within_minutes": client.reply_within_minutes,
        "terms_days": bill.terms_days,
        "upfront_percent": str(bill.upfront_percent),
        "retainer_hours": money(bill.retainer_hours),
        "retainer_fee": money(bill.retainer_fee),
        "notes": client.notes,
        "created_utc": utc_z(client.created),
    }


def _local_now(ctx: Context, client: Client) -> tuple[str, bool]:
    from vaplanner.core.hours import in_hours
    from vaplanner.core.times import to_local

    local = to_local(ctx.now, client.tz)
    return local.strftime("%a %H:%M"), in_hours(client.hours, client.tz, ctx.now)


def _rate(client: Client) -> str:
    bill = client.billing
    return f"{bill.rate} {bill.currency}/h" if bill.rate is not None else ""


# ----------------------------------------------------------------------------------- commands


def add_command(ctx: Context) -> int:
    from vaplanner.core.errors import InputError
    from vaplanner.core.models import Billing, Client

    args = ctx.args
    name = args.name.strip()
    if not name:
        raise InputError("a client name cannot be empty")
    default_currency = ctx.settings.currency
    blank = Client(name=name, tz="UTC", billing=Billing(currency=default_currency), created=ctx.now)
    client = _apply(ctx, blank, args)
    with ctx.store.transaction():
        _check_unique(ctx, client)
        client = ctx.store.clients.add(client)
    local, inside = _local_now(ctx, client)
    key = f", key {client.key}" if client.key else ""
    ctx.print(
        f"Added {client.name} (#{client.id}{key}) in {client.tz}: it is {local} there, "
        f"{'within' if inside else 'outside'} business hours"
    )
    return 0


def list_command(ctx: Context) -> int:
    clients = ctx.store.clients.all(include_archived=bool(ctx.args.all))
    if ctx.args.json:
        ctx.print_json([client_json(c) for c in clients])
        return 0
    if not clients:
        ctx.print("No clients yet; add one with 'vaplanner client add NAME --tz ZONE'")
        return 0
    from vaplanner.core.times import format_week_hours

    rows = []
    for c in clients:
        local, inside = _local_now(ctx, c)
        rows.append(
            (
                c.key or "",
                c.name,
                c.tz,
                f"{local} {'●' if inside else '○'}",
                format_week_hours(c.hours),
                _rate(c),
                c.status,
            )
        )
    ctx.print(table(rows, ("KEY", "NAME", "ZONE", "LOCAL", "HOURS", "RATE", "STATUS")))
    return 0


def show_command(ctx: Context) -> int:
    from vaplanner.commands.timer import find_client
    from vaplanner.core.times import format_duration, format_week_hours

    client = find_client(ctx, ctx.args.name)
    if ctx.args.json:
        ctx.print_json(client_json(client))
        return 0
    local, inside = _local_now(ctx, client)
    bill = client.billing
    billing = [_rate(client) or "no rate", f"terms {bill.terms_days} days"]
    if bill.upfront_percent:
        billing.append(f"{bill.upfront_percent}% upfront")
    if bill.retainer_hours is not None or bill.retainer_fee is not None:
        billing.append(
            f"retainer {bill.retainer_hours or 0} h for {bill.retainer_fee or 0} {bill.currency}"
            f"/{'month' if bill.retainer_cycle == 'monthly' else 'week'}"
        )
    key = f"key {client.key}, " if client.key else ""
    lines = [
        f"{client.name} (#{client.id}, {key}{client.status})",
        f"  zone      {client.tz}: {local} there, {'in' if inside else 'outside'} business hours",
        f"  hours     {format_week_hours(client.hours)}",
        f"  reply     within {format_duration(client.reply_within_minutes)} business hours",
        "  channels  " + (", ".join(f"{k}={h}" for k, h in client.channels) or "-"),
        "  billing   " + " · ".join(billing),
    ]
    if client.notes:
        lines.append(f"  notes     {client.notes}")
    ctx.print("\n".join(lines))
    return 0


def edit_command(ctx: Context) -> int:
    from vaplanner.commands.timer import find_client
    from vaplanner.core.errors import InputError

    with ctx.store.transaction():
        client = find_client(ctx, ctx.args.name)
        updated = _apply(ctx, client, ctx.args)
        if updated == client:
            raise InputError("nothing to change; give at least one flag, e.g. --rate 50")
        _check_unique(ctx, updated)
        ctx.store.clients.update(updated)
    changed = [
        name
        for name in ("name", "tz", "hours", "key", "status", "channels", "billing", "notes")
        if getattr(updated, name) != getattr(client, name)
    ]
    if updated.color != client.color:
        changed.append("color")
    if updated.reply_within_minutes != client.reply_within_minutes:
        changed.append("reply_within")
    ctx.print(f"Updated {updated.name}: {', '.join(changed)}")
    return 0


def archive_command(ctx: Context) -> int:
    from vaplanner.commands.timer import find_client

    with ctx.store.transaction():
        client = find_client(ctx, ctx.args.name)
        if client.archived:
            ctx.print(f"{client.name} is already archived")
            return 0
        ctx.store.clients.update(replace(client, status="archived"))
    ctx.print(
        f"Archived {client.name}; its entries and tasks are kept "
        f"('vaplanner client edit \"{client.name}\" --status active' brings it back)"
    )
    return 0
