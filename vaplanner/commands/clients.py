"""``client add|list|show|edit|archive``: who the VA works for, where and when."""

from __future__ import annotations

import argparse
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from vaplanner.commands import Context, table, utc_z
from vaplanner.commands.client_flags import add_client_flags, apply_flags, format_contact

if TYPE_CHECKING:
    from decimal import Decimal

    from vaplanner.core.models import Client


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
        "--rate 45 --currency USD --channel formal=email --reply-within 24h "
        "--contact 'Ann Lee <ann@acme.com>, marketing' --service 'inbox, calendar'",
    )
    add.add_argument("name", metavar="NAME")
    add_client_flags(add, adding=True)
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
        description="Change any of the flags of 'client add'. none clears a value (--key none, "
        "--rate none, --retainer-hours none); --channel, --contact and --service replace the "
        "whole list (none empties it).",
    )
    edit.add_argument("name", metavar="NAME", help="name, hotkey or id")
    edit.add_argument("--name", dest="new_name", metavar="NEW", help="rename the client")
    add_client_flags(edit, adding=False)
    edit.set_defaults(func=edit_command)

    archive = actions.add_parser("archive", parents=[common], help="archive a client")
    archive.add_argument("name", metavar="NAME", help="name, hotkey or id")
    archive.set_defaults(func=archive_command)

    from vaplanner.commands import client_data

    client_data.register(actions, common)


# ------------------------------------------------------------------------------------ helpers


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
        "rounding_minutes": bill.rounding_minutes,
        "rounding_mode": bill.rounding_mode,
        "retainer_cycle": bill.retainer_cycle,
        "rollover_days": bill.rollover_days,
        "overage_rate": money(bill.overage_rate),
        "retainer_since": bill.retainer_since.isoformat() if bill.retainer_since else None,
        "contacts": [{"name": c.name, "email": c.email, "role": c.role} for c in client.contacts],
        "services": list(client.services),
    }


def _local_now(ctx: Context, client: Client) -> tuple[str, bool]:
    from vaplanner.core.hours import in_hours
    from vaplanner.core.times import to_local

    local = to_local(ctx.now, client.tz)
    return local.strftime("%a %H:%M"), in_hours(client.hours, client.tz, ctx.now)


def _retainer_terms(client: Client) -> list[str]:
    """``unused hours roll over 30 days · overage 50 USD/h · since 1 Jan 2026``."""
    from vaplanner.core.times import format_day

    bill = client.billing
    days = bill.rollover_days
    terms = [f"unused hours roll over {days} days" if days else "unused hours lapse"]
    overage = bill.overage_rate if bill.overage_rate is not None else bill.rate
    terms.append(f"overage {overage} {bill.currency}/h" if overage is not None else "no overage")
    if bill.retainer_since is not None:
        terms.append(f"since {format_day(bill.retainer_since)}")
    return terms


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
    client = apply_flags(ctx, blank, args)
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
        "  rounding  "
        + (
            f"{bill.rounding_mode} to {bill.rounding_minutes} minutes per entry"
            if bill.rounding_minutes
            else "none (exact minutes)"
        ),
    ]
    if bill.retainer_hours is not None or bill.retainer_fee is not None:
        lines.append("  retainer  " + " · ".join(_retainer_terms(client)))
    lines.append("  contacts  " + ("; ".join(map(format_contact, client.contacts)) or "-"))
    lines.append("  services  " + (", ".join(client.services) or "-"))
    if client.notes:
        lines.append(f"  notes     {client.notes}")
    ctx.print("\n".join(lines))
    return 0


def edit_command(ctx: Context) -> int:
    from vaplanner.commands.timer import find_client
    from vaplanner.core.errors import InputError

    with ctx.store.transaction():
        client = find_client(ctx, ctx.args.name)
        updated = apply_flags(ctx, client, ctx.args)
        if updated == client:
            raise InputError("nothing to change; give at least one flag, e.g. --rate 50")
        _check_unique(ctx, updated)
        ctx.store.clients.update(updated)
    fields = ("name", "tz", "hours", "key", "status", "channels", "contacts", "services")
    changed = [
        name
        for name in (*fields, "billing", "notes")
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
