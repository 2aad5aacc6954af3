"""``invoice create|list|show|sent|paid|void|export``: invoices in each client's currency.

* ``create CLIENT --from DATE --to DATE``: the client's unbilled billable entries that start
  in the period (home-zone dates, inclusive) become one line per task at the client's rate,
  rounded per the client's rule; the entries are marked with the invoice in the same
  transaction. ``--retainer``: the fee of each retainer cycle starting in the period plus
  the hours beyond it (see ``vaplanner.core.retainer``); the period's entries are marked too.
* Numbers run per year of the issue date (``2026-001``); the issue date is today in the
  home zone; the due date follows the client's terms; the client's upfront share is shown
  as a payment schedule. ``--rate-to-home X`` stores the exchange rate (1 unit of the
  invoice currency = X of your home currency) for ``report --revenue``.
* ``void`` keeps the number and unmarks the invoice's entries, so they can be invoiced again.
* ``N`` is an invoice number (``2026-004``), or its sequence (``4``) when only one year has it.

This module registers the commands and holds those that write (``create``, ``sent``, ``paid``,
``void``); ``list``, ``show`` and ``export`` are in :mod:`vaplanner.commands.invoice_views`.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from vaplanner.commands import Context
from vaplanner.commands.invoice_views import (
    count,
    export_command,
    find_invoice,
    home_today,
    invoice_json,
    list_command,
    show_command,
)
from vaplanner.commands.timer import find_client

if TYPE_CHECKING:
    from decimal import Decimal

    from vaplanner.core.models import Client, Entry, Invoice


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """Add ``invoice`` and its subcommands."""
    invoice = sub.add_parser(
        "invoice",
        parents=[common],
        help="create, list and track invoices",
        description="Invoices from tracked time or retainers, in each client's currency.",
    )
    inner = invoice.add_subparsers(title="invoice commands", metavar="ACTION", required=True)

    create = inner.add_parser(
        "create",
        parents=[common],
        help="invoice a client's unbilled time (or retainer) for a period",
        description="Invoice the client's unbilled billable time that starts between --from "
        "and --to (inclusive dates in your home zone), or with --retainer the retainer fee of "
        "each cycle starting in the period plus the hours beyond it.",
    )
    create.add_argument("client", metavar="CLIENT", help="client name, hotkey or id")
    create.add_argument("--from", dest="start", required=True, metavar="DATE")
    create.add_argument("--to", dest="end", required=True, metavar="DATE")
    create.add_argument("--retainer", action="store_true", help="bill the retainer + overage")
    create.add_argument(
        "--rate-to-home",
        metavar="X",
        help="exchange rate: 1 unit of the client's currency = X of your home currency",
    )
    create.add_argument("--json", action="store_true", help="print the invoice as JSON")
    create.set_defaults(func=create_command)

    list_ = inner.add_parser("list", parents=[common], help="list invoices")
    list_.add_argument("--overdue", action="store_true", help="only unpaid invoices past due")
    list_.add_argument("--client", metavar="C", help="only this client")
    list_.add_argument("--json", action="store_true", help="print JSON")
    list_.set_defaults(func=list_command)

    show = inner.add_parser("show", parents=[common], help="one invoice with its lines")
    show.add_argument("number", metavar="N")
    show.add_argument("--json", action="store_true", help="print JSON")
    show.set_defaults(func=show_command)

    for name, text in (("sent", "mark as sent"), ("void", "void it and unmark its entries")):
        action = inner.add_parser(name, parents=[common], help=text)
        action.add_argument("number", metavar="N")
        action.set_defaults(func=status_command, action=name)
    paid = inner.add_parser("paid", parents=[common], help="mark as paid")
    paid.add_argument("number", metavar="N")
    paid.add_argument("--on", metavar="DATE", help="the day the money arrived (default today)")
    paid.set_defaults(func=status_command, action="paid")

    export = inner.add_parser(
        "export",
        parents=[common],
        help="write the invoice as Markdown or HTML",
        description="The invoice as a document with your name and business details "
        "('vaplanner config set name ...', 'config set business_details ...').",
    )
    export.add_argument("number", metavar="N")
    export.add_argument("--format", choices=("md", "html"), default="md")
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout)")
    export.set_defaults(func=export_command)


# ------------------------------------------------------------------------------- create


def _period(ctx: Context) -> tuple[date, date]:
    from vaplanner.core.errors import InputError
    from vaplanner.core.times import parse_date

    today = home_today(ctx)
    first = parse_date(ctx.args.start, today=today)
    last = parse_date(ctx.args.end, today=today)
    if last < first:
        raise InputError(f"--to ({last}) is before --from ({first}); --from is the first day")
    return first, last


def _rate(ctx: Context) -> Decimal | None:
    from vaplanner.core.money import parse_amount

    text = ctx.args.rate_to_home
    return None if text is None else parse_amount(text, what="exchange rate", max_places=10)


def _lines_and_entries(
    ctx: Context, client: Client, first: date, last: date
) -> tuple[list[Any], list[Entry]]:
    from vaplanner.core.billing import hourly_lines
    from vaplanner.core.errors import ConflictError, InputError
    from vaplanner.core.reports import range_bounds
    from vaplanner.core.retainer import (
        has_retainer,
        retainer_lines,
        retainer_usage,
        usage_window,
    )

    tz = ctx.settings.home_tz
    low, high = range_bounds(first, last, tz)
    span = f"from {first.isoformat()} to {last.isoformat()}"
    if not ctx.args.retainer:
        entries = [
            e
            for e in ctx.store.entries.between(low, high)
            if e.client_id == client.id and low <= e.start and e.billable and e.invoice_id is None
        ]
        if not entries:
            raise InputError(f"{client.name} has no unbilled billable time {span}")
        titles: dict[int, str] = {}
        from vaplanner.commands.timer import task_title

        for task_id in {e.task_id for e in entries if e.task_id is not None}:
            titles[task_id] = task_title(ctx, task_id)
        return hourly_lines(client, entries, titles), entries
    if not has_retainer(client):
        raise InputError(
            f"{client.name} has no retainer; set one with 'vaplanner client edit "
            f'"{client.name}" --retainer-hours H --retainer-fee N\', or leave out --retainer'
        )
    for other in ctx.store.invoices.all():
        if (
            other.client_id == client.id
            and other.status != "void"
            and other.period_start is not None
            and other.period_end is not None
            and other.period_start <= last
            and first <= other.period_end
        ):
            raise ConflictError(
                f"invoice {other.number} already covers {other.period_start} to "
                f"{other.period_end} for {client.name}; void it first or pick another period"
            )
    week_start = ctx.settings.week_start
    window = usage_window(client, first, tz=tz, week_start=week_start)
    history = [
        e for e in ctx.store.entries.between(min(window, low), high) if e.client_id == client.id
    ]
    uses = retainer_usage(client, history, first, last, tz=tz, week_start=week_start)
    entries = [e for e in history if low <= e.start and e.billable and e.invoice_id is None]
    return retainer_lines(client, uses), entries


def create_command(ctx: Context) -> int:
    from vaplanner.core.billing import new_invoice, next_invoice_number
    from vaplanner.core.money import display_amount
    from vaplanner.core.times import format_day

    client = find_client(ctx, ctx.args.client)
    first, last = _period(ctx)
    rate = _rate(ctx)
    today = home_today(ctx)
    store = ctx.store
    with store.bulk():
        lines, entries = _lines_and_entries(ctx, client, first, last)
        number = next_invoice_number((i.number for i in store.invoices.all()), today.year)
        draft = new_invoice(
            client,
            lines,
            number=number,
            issued=today,
            period=(first, last),
            exchange_rate=rate,
            home_currency=ctx.settings.currency,
        )
        invoice = store.invoices.add(draft)
        for entry in entries:
            store.entries.update(replace(entry, invoice_id=invoice.id))
    timer = store.timer.get()
    if timer is not None and timer.client_id == client.id:
        ctx.note(f"a timer is running for {client.name}; its time is not on this invoice")
    if ctx.args.json:
        ctx.print_json(invoice_json(invoice, client.name, today, ctx.settings.currency))
        return 0
    marked = f"; {count(len(entries), 'entry', 'entries')} marked" if entries else ""
    ctx.print(
        f"Created invoice {invoice.number} for {client.name}: "
        f"{display_amount(invoice.total, invoice.currency)}, due {format_day(invoice.due)} "
        f"(draft{marked})"
    )
    if invoice.currency != ctx.settings.currency and invoice.exchange_rate is None:
        ctx.note(
            f"no exchange rate stored; report --revenue will list it apart (use --rate-to-home "
            f"X next time: 1 {invoice.currency} = X {ctx.settings.currency})"
        )
    return 0


# ------------------------------------------------------------------ sent, paid, void


def _unmark(ctx: Context, invoice: Invoice) -> int:
    """Clear ``invoice_id`` on the entries of a voided invoice; returns how many."""
    from vaplanner.core.reports import range_bounds

    if invoice.period_start is None or invoice.period_end is None:
        return 0
    # a day of slack each side: the home zone may have changed since the invoice was made
    low, high = range_bounds(
        invoice.period_start - timedelta(days=1),
        invoice.period_end + timedelta(days=1),
        ctx.settings.home_tz,
    )
    count = 0
    for entry in ctx.store.entries.between(low, high):
        if entry.invoice_id == invoice.id:
            ctx.store.entries.update(replace(entry, invoice_id=None))
            count += 1
    return count


def status_command(ctx: Context) -> int:
    from vaplanner.core.billing import mark_paid, mark_sent, mark_void
    from vaplanner.core.times import format_day, parse_date

    action = ctx.args.action
    today = home_today(ctx)
    with ctx.store.bulk():
        invoice = find_invoice(ctx, ctx.args.number)
        if action == "sent":
            changed = mark_sent(invoice)
        elif action == "paid":
            on = parse_date(ctx.args.on, today=today) if ctx.args.on else today
            changed = mark_paid(invoice, on)
        else:
            changed = mark_void(invoice)
        ctx.store.invoices.update(changed)
        unmarked = _unmark(ctx, invoice) if action == "void" else 0
    if action == "paid" and changed.paid_on is not None:
        ctx.print(f"Invoice {changed.number} marked paid on {format_day(changed.paid_on)}")
    elif action == "void":
        ctx.print(
            f"Invoice {changed.number} is void; {count(unmarked, 'entry', 'entries')} can be "
            "invoiced again "
            "(the number is not reused)"
        )
    else:
        ctx.print(f"Invoice {changed.number} marked sent; due {format_day(changed.due)}")
    return 0
