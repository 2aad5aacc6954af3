"""Reading invoices: ``invoice list``, ``invoice show`` and ``invoice export`` (Markdown or
HTML), with the lookup by number and the JSON objects that ``invoice create --json`` shares.

Not a command module of its own (so not in ``MODULES``): :mod:`vaplanner.commands.invoices`
registers these handlers.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from vaplanner.commands import Context, table
from vaplanner.commands.timer import find_client

if TYPE_CHECKING:
    from vaplanner.core.models import Client, Invoice


# ------------------------------------------------------------------------------- helpers


def home_today(ctx: Context) -> date:
    """Today's date in the home zone (the issue date of a new invoice)."""
    from vaplanner.core.times import to_local

    return to_local(ctx.now, ctx.settings.home_tz).date()


def find_invoice(ctx: Context, ref: str) -> Invoice:
    """An invoice by number (``2026-004``) or by sequence (``4``) when that is unique."""
    from vaplanner.core.errors import AmbiguousError, NotFoundError

    invoices = ctx.store.invoices.all()
    text = ref.strip()
    for invoice in invoices:
        if invoice.number == text:
            return invoice
    if text.isdigit():
        same = [i for i in invoices if i.number.rpartition("-")[2].lstrip("0") == text.lstrip("0")]
        if len(same) == 1:
            return same[0]
        if same:
            numbers = ", ".join(i.number for i in same)
            raise AmbiguousError(f"invoice {text!r} could be {numbers}; give the full number")
    hint = "'vaplanner invoice list' shows them" if invoices else "there are no invoices yet"
    raise NotFoundError(f"no invoice {ref!r}; {hint}")


def count(n: int, one: str, many: str) -> str:
    """``1 entry``, ``3 entries``."""
    return f"{n} {one if n == 1 else many}"


def clients_by_id(ctx: Context) -> dict[int, Client]:
    """Every client, archived ones too, by id."""
    return {c.id: c for c in ctx.store.clients.all(include_archived=True)}


def invoice_summary(invoice: Invoice, client: str, today: date) -> dict[str, Any]:
    """The JSON object of ``invoice list`` (``total`` in the currency's minor units)."""
    from vaplanner.core.billing import days_overdue, is_overdue
    from vaplanner.core.money import format_amount

    return {
        "number": invoice.number,
        "client": client,
        "currency": invoice.currency,
        "total": format_amount(invoice.total, invoice.currency),
        "status": invoice.status,
        "issued": invoice.issued.isoformat(),
        "due": invoice.due.isoformat(),
        "overdue": is_overdue(invoice, today),
        "days_overdue": days_overdue(invoice, today),
        "paid_on": invoice.paid_on.isoformat() if invoice.paid_on else None,
        "id": invoice.id,
    }


def invoice_json(invoice: Invoice, client: str, today: date, home: str) -> dict[str, Any]:
    """The JSON object of ``invoice show`` and ``invoice create --json``."""
    from vaplanner.core.billing import home_amount, payment_schedule
    from vaplanner.core.money import format_amount

    cur = invoice.currency
    value = home_amount(invoice, home)
    return {
        **invoice_summary(invoice, client, today),
        "client_id": invoice.client_id,
        "period_from": invoice.period_start.isoformat() if invoice.period_start else None,
        "period_to": invoice.period_end.isoformat() if invoice.period_end else None,
        "lines": [
            {
                "description": line.description,
                "minutes": line.minutes,
                "quantity": str(line.quantity),
                "unit_price": str(line.unit_price),
                "amount": format_amount(line.amount, cur),
            }
            for line in invoice.lines
        ],
        "upfront_percent": str(invoice.upfront_percent),
        "schedule": [
            {"label": p.label, "amount": format_amount(p.amount, cur), "due": p.due.isoformat()}
            for p in payment_schedule(invoice)
        ],
        "exchange_rate": None if invoice.exchange_rate is None else str(invoice.exchange_rate),
        "home_currency": home,
        "home_total": None if value is None else format_amount(value, home),
    }


# ---------------------------------------------------------------------------- list, show


def list_command(ctx: Context) -> int:
    from vaplanner.core.billing import display_status, invoice_totals, is_open, is_overdue
    from vaplanner.core.money import display_amount
    from vaplanner.core.times import format_day

    today = home_today(ctx)
    clients = clients_by_id(ctx)
    client = find_client(ctx, ctx.args.client) if ctx.args.client else None
    found = [
        i
        for i in ctx.store.invoices.all()
        if (client is None or i.client_id == client.id)
        and (not ctx.args.overdue or is_overdue(i, today))
    ]
    found.sort(key=lambda i: (i.issued, i.number))

    def name(i: Invoice) -> str:
        return clients[i.client_id].name if i.client_id in clients else f"client #{i.client_id}"

    if ctx.args.json:
        ctx.print_json([invoice_summary(i, name(i), today) for i in found])
        return 0
    if not found:
        ctx.print("No overdue invoices" if ctx.args.overdue else "No invoices yet")
        return 0
    rows = [
        (
            i.number,
            name(i),
            format_day(i.issued),
            format_day(i.due),
            display_amount(i.total, i.currency),
            display_status(i, today)
            + (f" {(today - i.due).days}d" if is_overdue(i, today) else ""),
        )
        for i in found
    ]
    ctx.print(table(rows, ("NUMBER", "CLIENT", "ISSUED", "DUE", "TOTAL", "STATUS")))
    unpaid = invoice_totals(i for i in found if is_open(i))
    if unpaid:
        ctx.print("Unpaid: " + " · ".join(display_amount(v, c) for c, v in unpaid.items()))
    return 0


def show_command(ctx: Context) -> int:
    from vaplanner.core.billing import display_status, payment_schedule
    from vaplanner.core.money import display_amount
    from vaplanner.core.times import format_day, format_duration

    invoice = find_invoice(ctx, ctx.args.number)
    clients = clients_by_id(ctx)
    client = clients.get(invoice.client_id)
    name = client.name if client else f"client #{invoice.client_id}"
    today = home_today(ctx)
    home = ctx.settings.currency
    if ctx.args.json:
        ctx.print_json(invoice_json(invoice, name, today, home))
        return 0
    cur = invoice.currency
    ctx.print(f"Invoice {invoice.number} · {name} · {display_status(invoice, today)}")
    period = ""
    if invoice.period_start and invoice.period_end:
        period = f" · period {format_day(invoice.period_start)} - {format_day(invoice.period_end)}"
    ctx.print(f"Issued {format_day(invoice.issued)} · due {format_day(invoice.due)}{period}")
    rows = [
        (
            line.description,
            f"{format_duration(line.minutes)} h" if line.minutes is not None else "1",
            display_amount(line.unit_price, cur),
            display_amount(line.amount, cur),
        )
        for line in invoice.lines
    ]
    ctx.print("")
    ctx.print(table(rows, ("DESCRIPTION", "TIME/QTY", "RATE", "AMOUNT")))
    ctx.print("")
    ctx.print(f"Total {display_amount(invoice.total, cur)}")
    schedule = payment_schedule(invoice)
    if len(schedule) > 1:
        for part in schedule:
            ctx.print(
                f"  {part.label}: {display_amount(part.amount, cur)}, due {format_day(part.due)}"
            )
    if invoice.exchange_rate is not None and cur != home:
        from vaplanner.core.billing import home_amount

        value = home_amount(invoice, home)
        assert value is not None
        ctx.print(
            f"At the stored rate 1 {cur} = {invoice.exchange_rate.normalize():f} {home}: "
            f"{display_amount(value, home)}"
        )
    if invoice.paid_on:
        ctx.print(f"Paid on {format_day(invoice.paid_on)}")
    return 0


# --------------------------------------------------------------------------- export


def export_command(ctx: Context) -> int:
    from pathlib import Path

    from vaplanner.core.errors import NotFoundError
    from vaplanner.core.invoice_doc import Party, to_html, to_markdown
    from vaplanner.core.models import Client

    invoice = find_invoice(ctx, ctx.args.number)
    try:
        client = ctx.store.clients.get(invoice.client_id)
    except NotFoundError:
        client = Client(name=f"client #{invoice.client_id}", tz="UTC")
    settings = ctx.settings
    sender = Party(settings.name, settings.business_details)
    render = to_html if ctx.args.format == "html" else to_markdown
    text = render(invoice, client, sender)
    if not settings.name:
        ctx.note("your name is not set; 'vaplanner config set name \"…\"' puts it on invoices")
    if ctx.args.output:
        path = Path(ctx.args.output).expanduser()
        try:
            path.write_text(text, encoding="utf-8")
        except OSError as error:
            from vaplanner.core.errors import InputError

            raise InputError(f"cannot write {path}: {error.strerror}") from None
        ctx.print(f"Wrote invoice {invoice.number} to {path}")
    else:
        ctx.out.write(text)
    return 0
