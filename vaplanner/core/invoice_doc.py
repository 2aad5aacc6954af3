"""An invoice as a document a client receives: Markdown or self-contained HTML (pure).

Time lines show their time as ``h:mm`` beside the hourly rate, fixed fees as a quantity of 1,
so that every line can be checked by hand; the payment schedule (an upfront share and the
balance) follows the total. Every text that came from a person is escaped in HTML.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date

from vaplanner.core.billing import payment_schedule
from vaplanner.core.models import Client, Invoice, InvoiceLine
from vaplanner.core.money import display_amount
from vaplanner.core.times import format_day, format_duration


@dataclass(frozen=True, slots=True)
class Party:
    """Who sends the invoice (from settings: name and business details)."""

    name: str
    details: str = ""


def _quantity(line: InvoiceLine) -> str:
    if line.minutes is not None:
        return f"{format_duration(line.minutes)} h"
    return f"{line.quantity.normalize():f}"


def _price(line: InvoiceLine, currency: str) -> str:
    text = display_amount(line.unit_price, currency)
    return text if line.minutes is None else f"{text}/h"


def _client_lines(client: Client) -> list[str]:
    lines = [client.name]
    for contact in client.contacts[:1]:
        lines.append(" · ".join(x for x in (contact.name, contact.email) if x))
    return lines


def _facts(invoice: Invoice) -> list[tuple[str, str]]:
    facts = [("Invoice", invoice.number), ("Issued", format_day(invoice.issued))]
    facts.append(("Due", format_day(invoice.due)))
    if invoice.period_start and invoice.period_end:
        facts.append(
            ("Period", f"{format_day(invoice.period_start)} - {format_day(invoice.period_end)}")
        )
    if invoice.status == "paid" and invoice.paid_on:
        facts.append(("Paid", format_day(invoice.paid_on)))
    elif invoice.status == "void":
        facts.append(("Status", "VOID"))
    return facts


def _schedule(invoice: Invoice) -> list[tuple[str, str, date]]:
    parts = payment_schedule(invoice)
    if len(parts) < 2:
        return []
    return [(p.label, display_amount(p.amount, invoice.currency), p.due) for p in parts]


def to_markdown(invoice: Invoice, client: Client, sender: Party) -> str:
    """The invoice as Markdown."""
    out = [f"# Invoice {invoice.number}", ""]
    if sender.name or sender.details:
        out += ["**From**  ", *(f"{line}  " for line in _sender_lines(sender)), ""]
    out += ["**To**  ", *(f"{line}  " for line in _client_lines(client)), ""]
    out += ["| | |", "|---|---|"]
    out += [f"| {k} | {v} |" for k, v in _facts(invoice)]
    out += ["", "| Description | Time / qty | Rate | Amount |", "|---|---:|---:|---:|"]
    for line in invoice.lines:
        desc = line.description.replace("|", "\\|")
        out.append(
            f"| {desc} | {_quantity(line)} | {_price(line, invoice.currency)} | "
            f"{display_amount(line.amount, invoice.currency)} |"
        )
    out += ["", f"**Total: {display_amount(invoice.total, invoice.currency)}**", ""]
    schedule = _schedule(invoice)
    if schedule:
        out += ["**Payment schedule**", ""]
        out += [f"- {label}: {amount}, due {format_day(due)}" for label, amount, due in schedule]
        out.append("")
    else:
        out += [_closing(invoice), ""]
    return "\n".join(out)


def _closing(invoice: Invoice) -> str:
    if invoice.status == "paid" and invoice.paid_on:
        return f"Paid on {format_day(invoice.paid_on)}. Thank you."
    return f"Please pay by {format_day(invoice.due)}."


def _sender_lines(sender: Party) -> list[str]:
    lines = [sender.name] if sender.name else []
    lines += [line.strip() for line in sender.details.replace("\\n", "\n").splitlines() if line]
    return lines


_CSS = (
    "body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;color:#222}"
    "table{border-collapse:collapse;width:100%;margin:1rem 0}"
    "th,td{padding:.35rem .5rem;border-bottom:1px solid #ddd;text-align:left}"
    "td.n,th.n{text-align:right;white-space:nowrap}"
    ".parties{display:flex;justify-content:space-between;gap:2rem}"
    ".total{font-size:1.2rem;font-weight:bold;text-align:right}"
    ".void{color:#b00;font-weight:bold}"
)


def to_html(invoice: Invoice, client: Client, sender: Party) -> str:
    """The invoice as one self-contained HTML page (inline CSS, no external files)."""
    e = html.escape
    cur = invoice.currency

    def block(title: str, lines: list[str]) -> str:
        body = "<br>".join(e(line) for line in lines)
        return f"<div><strong>{e(title)}</strong><br>{body}</div>"

    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>Invoice {e(invoice.number)}</title><style>{_CSS}</style></head><body>",
        f"<h1>Invoice {e(invoice.number)}</h1>",
        '<div class="parties">',
        block("From", _sender_lines(sender)) if sender.name or sender.details else "",
        block("To", _client_lines(client)),
        "</div>",
        "<table>",
        *(f"<tr><th>{e(k)}</th><td>{e(v)}</td></tr>" for k, v in _facts(invoice)),
        "</table>",
        '<table><tr><th>Description</th><th class="n">Time / qty</th><th class="n">Rate</th>'
        '<th class="n">Amount</th></tr>',
    ]
    for line in invoice.lines:
        parts.append(
            f'<tr><td>{e(line.description)}</td><td class="n">{e(_quantity(line))}</td>'
            f'<td class="n">{e(_price(line, cur))}</td>'
            f'<td class="n">{e(display_amount(line.amount, cur))}</td></tr>'
        )
    parts += ["</table>", f'<p class="total">Total: {e(display_amount(invoice.total, cur))}</p>']
    schedule = _schedule(invoice)
    if schedule:
        items = "".join(
            f"<li>{e(label)}: {e(amount)}, due {e(format_day(due))}</li>"
            for label, amount, due in schedule
        )
        parts.append(f"<p><strong>Payment schedule</strong></p><ul>{items}</ul>")
    else:
        parts.append(f"<p>{e(_closing(invoice))}</p>")
    if invoice.status == "void":
        parts.append('<p class="void">This invoice is void.</p>')
    parts.append("</body></html>")
    return "\n".join(part for part in parts if part) + "\n"
