"""``invoice``: creating from time and retainers, numbering, status changes, overdue,
voiding (entries unmarked), exports, and that a failed create writes nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from tests.cli.billing_helpers import cli, lju, seed, work
from vaplanner.core.models import Billing, Client
from vaplanner.store.store import Store

JAN_2027 = datetime(2027, 1, 5, 10, 0, tzinfo=UTC)


@pytest.fixture
def data(data_dir: Path) -> Path:
    seed(data_dir)
    return data_dir


def marked(data: Path) -> dict[int, int | None]:
    """Entry id -> invoice id, straight from the store."""
    return {e.id: e.invoice_id for e in Store(data).entries.all()}


def create(data: Path, *argv: str, now: datetime | None = None) -> dict[str, object]:
    kwargs = {"now": now} if now else {}
    result = cli(data, "invoice", "create", *argv, "--json", **kwargs)  # type: ignore[arg-type]
    assert result.code == 0, result
    body: dict[str, object] = result.json()
    return body


def test_hourly_invoice_json_and_marking(data: Path) -> None:
    body = create(
        data, "Acme", "--from", "2026-11-01", "--to", "2026-11-30", "--rate-to-home", "0.92"
    )
    assert body == {
        "number": "2026-001",
        "client": "Acme",
        "currency": "USD",
        "total": "40.00",
        "status": "draft",
        "issued": "2026-11-28",
        "due": "2026-12-28",
        "overdue": False,
        "days_overdue": 0,
        "paid_on": None,
        "id": 1,
        "client_id": 1,
        "period_from": "2026-11-01",
        "period_to": "2026-11-30",
        "lines": [
            {
                "description": "Newsletter",
                "minutes": 60,  # 50 tracked, rounded up to 15-minute steps
                "quantity": "1.0000",
                "unit_price": "40",
                "amount": "40.00",
            }
        ],
        "upfront_percent": "50",
        "schedule": [
            {"label": "Upfront 50%, due on signing", "amount": "20.00", "due": "2026-11-28"},
            {"label": "Balance 50%", "amount": "20.00", "due": "2026-12-28"},
        ],
        "exchange_rate": "0.92",
        "home_currency": "EUR",
        "home_total": "36.80",
    }
    # the billable November entry is marked; October, the call and 1 December are not
    assert marked(data) == {1: None, 2: 1, 3: None, 4: None, 5: None, 6: None}
    again = cli(data, "invoice", "create", "Acme", "--from", "2026-11-01", "--to", "2026-11-30")
    assert "no unbilled billable time" in again.error()


def test_plain_output_and_jpy(data: Path) -> None:
    result = cli(data, "invoice", "create", "Himal", "--from", "2026-11-01", "--to", "2026-11-30")
    assert result.out == (
        "Created invoice 2026-001 for Himal: JPY 6,750, due 12 Dec 2026 (draft; 1 entry marked)\n"
    )
    assert "no exchange rate stored" in result.err
    listed = cli(data, "invoice", "list", "--json").json()
    assert listed[0]["total"] == "6750" and listed[0]["currency"] == "JPY"


def test_retainer_invoice_with_overage(data: Path) -> None:
    body = create(data, "Koala", "--from", "2026-11-01", "--to", "2026-11-30", "--retainer")
    lines = body["lines"]
    assert isinstance(lines, list)
    assert [(line["description"], line["minutes"], line["amount"]) for line in lines] == [
        ("Retainer, November 2026 (10:00 h)", None, "300.00"),
        ("Hours beyond the retainer, November 2026", 60, "45.00"),
    ]
    assert (body["total"], body["currency"], body["exchange_rate"]) == ("345.00", "EUR", "1")
    assert marked(data)[4] == body["id"]
    overlap = cli(
        data,
        "invoice",
        "create",
        "Koala",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-30",
        "--retainer",
    )
    assert "already covers" in overlap.error()
    wrong = cli(
        data,
        "invoice",
        "create",
        "Acme",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-30",
        "--retainer",
    )
    assert "has no retainer" in wrong.error()
    mid = cli(
        data,
        "invoice",
        "create",
        "Koala",
        "--from",
        "2026-12-05",
        "--to",
        "2026-12-20",
        "--retainer",
    )
    assert "no start of a monthly retainer cycle" in mid.error()


def test_numbering_per_year_and_overdue(data: Path) -> None:
    create(data, "Acme", "--from", "2026-11-01", "--to", "2026-11-30")
    create(data, "Koala", "--from", "2026-11-01", "--to", "2026-11-30", "--retainer")
    Store(data).entries.add(work(3, lju(2027, 1, 4, 9), 60))
    body = create(data, "Himal", "--from", "2026-11-01", "--to", "2027-01-04", now=JAN_2027)
    assert (body["number"], body["issued"]) == ("2027-001", "2027-01-05")
    overdue = cli(data, "invoice", "list", "--overdue", "--json", now=JAN_2027).json()
    assert [(i["number"], i["overdue"], i["days_overdue"]) for i in overdue] == [
        ("2026-001", True, 8),
        ("2026-002", True, 24),
    ]
    assert cli(data, "invoice", "list", "--overdue", "--json").json() == []
    assert set(overdue[0]) == {
        "number", "client", "currency", "total", "status", "issued", "due",
        "overdue", "days_overdue", "paid_on", "id",
    }  # fmt: skip
    table = cli(data, "invoice", "list", now=JAN_2027).out
    assert "overdue 8d" in table and "Unpaid: EUR 345.00 · JPY 11,250 · USD 40.00" in table
    # "1" alone is ambiguous once two years have a number 1
    assert "could be 2026-001, 2027-001" in cli(data, "invoice", "show", "1").error()


def test_status_changes(data: Path) -> None:
    create(data, "Acme", "--from", "2026-11-01", "--to", "2026-11-30")
    assert (
        cli(data, "invoice", "sent", "1").out == "Invoice 2026-001 marked sent; due 28 Dec 2026\n"
    )
    assert "only a draft" in cli(data, "invoice", "sent", "2026-001").error()
    assert (
        "before invoice 2026-001 was issued"
        in cli(data, "invoice", "paid", "1", "--on", "2026-11-01").error()
    )
    paid = cli(data, "invoice", "paid", "1", "--on", "2026-12-02")
    assert paid.out == "Invoice 2026-001 marked paid on 2 Dec 2026\n"
    assert cli(data, "invoice", "list", "--overdue", "--json", now=JAN_2027).json() == []
    assert "is paid" in cli(data, "invoice", "void", "1").error()
    shown = cli(data, "invoice", "show", "2026-001", "--json").json()
    assert (shown["status"], shown["paid_on"]) == ("paid", "2026-12-02")
    assert "no invoice '2026-099'" in cli(data, "invoice", "show", "2026-099").error()


def test_void_unmarks_and_never_reuses_the_number(data: Path) -> None:
    create(data, "Acme", "--from", "2026-11-01", "--to", "2026-11-30")
    assert marked(data)[2] == 1
    result = cli(data, "invoice", "void", "2026-001")
    assert result.out.startswith("Invoice 2026-001 is void; 1 entry can be invoiced again")
    assert marked(data)[2] is None
    body = create(data, "Acme", "--from", "2026-11-01", "--to", "2026-11-30")
    assert body["number"] == "2026-002"
    assert marked(data)[2] == body["id"]
    listed = cli(data, "invoice", "list", "--json").json()
    assert [(i["number"], i["status"]) for i in listed] == [
        ("2026-001", "void"),
        ("2026-002", "draft"),
    ]


def test_failed_create_writes_nothing(data: Path) -> None:
    store = Store(data)
    free = store.clients.add(Client("Free", "UTC", billing=Billing(currency="EUR")))
    store.entries.add(work(free.id, lju(2026, 11, 5, 9), 60))
    before = marked(data)
    result = cli(data, "invoice", "create", "Free", "--from", "2026-11-01", "--to", "2026-11-30")
    assert "has no hourly rate" in result.error()
    eur = cli(
        data, "invoice", "create", "Koala", "--from", "2026-11-01", "--to", "2026-11-30",
        "--retainer", "--rate-to-home", "2",
    )  # fmt: skip
    assert "your home currency" in eur.error()
    assert marked(data) == before
    assert Store(data).invoices.all() == []


@pytest.mark.parametrize("rate", ["0", "-1", "abc", "1,2"])
def test_bad_exchange_rate(data: Path, rate: str) -> None:
    result = cli(
        data, "invoice", "create", "Acme", "--from", "2026-11-01", "--to", "2026-11-30",
        "--rate-to-home", rate,
    )  # fmt: skip
    assert result.code == 2
    assert "exchange rate" in result.error()
    assert Store(data).invoices.all() == []


def test_export_markdown_and_html(data: Path, tmp_path: Path) -> None:
    store = Store(data)
    details = "Novak VA s.p.\\nVAT SI123"
    store.save_settings(replace(store.get_settings(), business_details=details))
    create(data, "Acme", "--from", "2026-11-01", "--to", "2026-11-30")
    target = tmp_path / "inv.md"
    result = cli(data, "invoice", "export", "1", "--format", "md", "-o", str(target))
    assert result.out == f"Wrote invoice 2026-001 to {target}\n"
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Invoice 2026-001\n")
    assert "Maja Novak  \nNovak VA s.p.  \nVAT SI123  " in text
    assert "| Newsletter | 1:00 h | USD 40.00/h | USD 40.00 |" in text
    assert "- Upfront 50%, due on signing: USD 20.00, due 28 Nov 2026" in text
    page = cli(data, "invoice", "export", "2026-001", "--format", "html").out
    assert page.startswith("<!DOCTYPE html>") and "USD 40.00" in page


def test_rounding_stays_out_of_tracked_time(data: Path) -> None:
    create(data, "Acme", "--from", "2026-11-01", "--to", "2026-11-30")
    entry = Store(data).entries.get(2)
    assert entry.minutes == 50  # tracked time is exact; only the invoice line says 60
    assert Decimal(cli(data, "invoice", "show", "1", "--json").json()["total"]) == Decimal(40)
