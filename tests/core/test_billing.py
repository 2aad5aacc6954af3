"""Billing rules: rounding of billable time, amounts, numbering, terms, status, shares."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from vaplanner.core.billing import (
    amount_for,
    billable_minutes,
    days_overdue,
    display_status,
    due_date,
    home_amount,
    hourly_lines,
    invoice_totals,
    is_overdue,
    mark_paid,
    mark_sent,
    mark_void,
    new_invoice,
    next_invoice_number,
    payment_schedule,
    round_minutes,
)
from vaplanner.core.errors import ConflictError, InputError
from vaplanner.core.models import Billing, Client, Entry, Invoice, InvoiceLine

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def entry(
    minutes: float, *, billable: bool = True, task_id: int | None = None, at: int = 0
) -> Entry:
    start = T0 + timedelta(hours=at)
    return Entry(
        client_id=1,
        start=start,
        end=start + timedelta(seconds=round(minutes * 60)),
        billable=billable,
        task_id=task_id,
    )


@pytest.mark.parametrize(
    ("minutes", "step", "mode", "expected"),
    [
        (7, 0, "up", 7),
        (7, 0, "nearest", 7),
        (0, 15, "up", 0),
        (1, 15, "up", 15),
        (15, 15, "up", 15),
        (16, 15, "up", 30),
        (7, 15, "nearest", 0),
        (8, 15, "nearest", 15),
        (22, 15, "nearest", 15),
        (23, 15, "nearest", 30),
        (2, 6, "nearest", 0),
        (3, 6, "nearest", 6),  # a tie goes up
        (9, 6, "nearest", 12),
        (61, 6, "up", 66),
        (61, 5, "up", 65),
        (62, 5, "nearest", 60),
        (63, 5, "nearest", 65),
        (125, 5, "up", 125),
    ],
)
def test_round_minutes(minutes: int, step: int, mode: str, expected: int) -> None:
    assert round_minutes(minutes, step, mode) == expected


@pytest.mark.parametrize(("step", "mode"), [(10, "up"), (30, "up"), (15, "down"), (5, "ceil")])
def test_round_minutes_refuses_unknown_rules(step: int, mode: str) -> None:
    with pytest.raises(InputError, match="use"):
        round_minutes(10, step, mode)


@pytest.mark.parametrize(
    ("length", "billable", "step", "mode", "expected"),
    [
        (52, True, 15, "up", 60),
        (52, False, 15, "up", 0),  # not billable: nothing, whatever the rounding
        (52, True, 0, "up", 52),
        (0.4, True, 0, "up", 0),  # 24 s is 0 whole minutes
        (0.5, True, 0, "up", 1),  # 30 s rounds to 1 minute
        (0.4, True, 15, "up", 0),  # rounding starts from whole minutes
        (44, True, 6, "nearest", 42),
    ],
)
def test_billable_minutes(
    length: float, billable: bool, step: int, mode: str, expected: int
) -> None:
    billing = Billing(rate=Decimal(60), rounding_minutes=step, rounding_mode=mode)  # type: ignore[arg-type]
    assert billable_minutes(entry(length, billable=billable), billing) == expected


@pytest.mark.parametrize(
    ("minutes", "rate", "currency", "expected"),
    [
        (65, "60", "EUR", "65.00"),
        (5, "60", "EUR", "5.00"),  # not 0.08 h x 60 = 4.80
        (20, "33.33", "EUR", "11.11"),
        (7, "100", "USD", "11.67"),
        (1, "100", "JPY", "2"),
        (90, "4500", "JPY", "6750"),
        (10, "10", "KWD", "1.667"),
        (0, "60", "EUR", "0.00"),
    ],
)
def test_amount_for(minutes: int, rate: str, currency: str, expected: str) -> None:
    assert str(amount_for(minutes, Decimal(rate), currency)) == expected


def test_amount_without_a_rate_is_zero_in_the_currency() -> None:
    assert str(amount_for(90, None, "JPY")) == "0"
    assert str(amount_for(90, None, "KWD")) == "0.000"


@pytest.mark.parametrize("rate", ["1e30", "1000000000.01", "Infinity", "NaN", "-1", "1e999999"])
def test_amount_for_refuses_a_rate_that_cannot_be_billed(rate: str) -> None:
    """A huge rate ran Decimal out of digits (decimal.InvalidOperation, a traceback)."""
    with pytest.raises(InputError, match="cannot be billed; use a number from 0 to 1,000,000,000"):
        amount_for(60, Decimal(rate), "EUR")


def test_amount_for_at_the_limits_is_exact() -> None:
    # a billion an hour for a million hours in a four-place currency: 28 digits would not do
    minutes = 60 * 10**6
    assert amount_for(minutes, Decimal(10**9), "CLF") == Decimal("1000000000000000.0000")
    assert str(amount_for(10**12, Decimal("0.000001"), "EUR")) == "16666.67"
    with pytest.raises(InputError, match="minutes cannot be billed"):
        amount_for(10**12 + 1, Decimal(1), "EUR")
    with pytest.raises(InputError, match="minutes cannot be billed"):
        amount_for(-1, Decimal(1), "EUR")


@pytest.mark.parametrize(
    ("numbers", "year", "expected"),
    [
        ([], 2026, "2026-001"),
        (["2026-001", "2026-002", "2025-017"], 2026, "2026-003"),
        (["2026-001", "2026-002", "2025-017"], 2027, "2027-001"),
        (["2025-017"], 2025, "2025-018"),
        (["2026-001", "2026-005"], 2026, "2026-006"),  # gaps are never filled
        (["2026-999"], 2026, "2026-1000"),
        (["INV-7", "2026-abc", "26-004"], 2026, "2026-001"),
    ],
)
def test_next_invoice_number(numbers: list[str], year: int, expected: str) -> None:
    assert next_invoice_number(numbers, year) == expected


@pytest.mark.parametrize(
    ("issued", "terms", "expected"),
    [
        (date(2026, 11, 28), 14, date(2026, 12, 12)),
        (date(2026, 12, 20), 14, date(2027, 1, 3)),
        (date(2028, 2, 15), 15, date(2028, 3, 1)),  # leap year
        (date(2026, 11, 28), 0, date(2026, 11, 28)),
    ],
)
def test_due_date(issued: date, terms: int, expected: date) -> None:
    assert due_date(issued, terms) == expected


def test_negative_terms_refused() -> None:
    with pytest.raises(InputError):
        due_date(date(2026, 1, 1), -1)


def invoice(status: str = "sent", due: date = date(2026, 11, 20), **kw: object) -> Invoice:
    fields: dict[str, object] = {
        "client_id": 1,
        "number": "2026-001",
        "issued": date(2026, 11, 6),
        "due": due,
        "currency": "EUR",
        "lines": (InvoiceLine("Work", Decimal(1), Decimal("100.01"), Decimal("100.01")),),
        "status": status,
    }
    fields.update(kw)
    return Invoice(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("status", "today", "overdue", "days", "shown"),
    [
        ("sent", date(2026, 11, 20), False, 0, "sent"),  # due today is not late
        ("sent", date(2026, 11, 21), True, 1, "overdue"),
        ("draft", date(2026, 12, 20), True, 30, "overdue"),
        ("paid", date(2026, 12, 20), False, 0, "paid"),
        ("void", date(2026, 12, 20), False, 0, "void"),
        ("sent", date(2026, 11, 1), False, 0, "sent"),
    ],
)
def test_overdue(status: str, today: date, overdue: bool, days: int, shown: str) -> None:
    item = invoice(status)
    assert is_overdue(item, today) is overdue
    assert days_overdue(item, today) == days
    assert display_status(item, today) == shown


def test_status_transitions() -> None:
    draft = invoice("draft")
    sent = mark_sent(draft)
    assert sent.status == "sent"
    with pytest.raises(ConflictError, match="only a draft"):
        mark_sent(sent)
    paid = mark_paid(sent, date(2026, 11, 25))
    assert (paid.status, paid.paid_on) == ("paid", date(2026, 11, 25))
    with pytest.raises(ConflictError, match="is paid"):
        mark_void(paid)
    with pytest.raises(ConflictError):
        mark_paid(paid, date(2026, 11, 26))
    with pytest.raises(InputError, match="before"):
        mark_paid(sent, date(2026, 11, 5))
    assert mark_void(draft).status == "void"
    with pytest.raises(ConflictError):
        mark_paid(mark_void(draft), date(2026, 11, 25))


@pytest.mark.parametrize(
    ("total", "currency", "percent", "upfront", "balance"),
    [
        ("100.01", "EUR", "50", "50.01", "50.00"),
        ("1001", "JPY", "50", "501", "500"),
        ("999.999", "KWD", "30", "300.000", "699.999"),
        ("200.00", "USD", "0", None, "200.00"),
        ("200.00", "USD", "100", "200.00", "0.00"),
        ("333.33", "EUR", "33.3", "111.00", "222.33"),
    ],
)
def test_payment_schedule_adds_up_to_the_total(
    total: str, currency: str, percent: str, upfront: str | None, balance: str
) -> None:
    line = InvoiceLine("Work", Decimal(1), Decimal(total), Decimal(total))
    item = invoice(lines=(line,), currency=currency, upfront_percent=Decimal(percent))
    schedule = payment_schedule(item)
    if upfront is None:
        assert [str(i.amount) for i in schedule] == [balance]
        assert schedule[0].due == item.due
    else:
        assert [str(i.amount) for i in schedule] == [upfront, balance]
        assert schedule[0].due == item.issued and schedule[1].due == item.due
    assert sum(i.amount for i in schedule) == Decimal(total).quantize(schedule[-1].amount)


def test_invoice_totals_per_currency_skip_void() -> None:
    items = [
        invoice(),
        invoice(currency="USD"),
        invoice(status="void"),
        invoice(status="paid"),
        invoice(
            currency="JPY", lines=(InvoiceLine("x", Decimal(1), Decimal(5000), Decimal(5000)),)
        ),
    ]
    assert invoice_totals(items) == {
        "EUR": Decimal("200.02"),
        "JPY": Decimal("5000"),
        "USD": Decimal("100.01"),
    }


@pytest.mark.parametrize(
    ("currency", "rate", "home", "expected"),
    [
        ("EUR", None, "EUR", "100.01"),
        ("USD", "0.92", "EUR", "92.01"),
        ("USD", None, "EUR", None),
        ("EUR", "162.5", "JPY", "16252"),
    ],
)
def test_home_amount_uses_the_stored_rate(
    currency: str, rate: str | None, home: str, expected: str | None
) -> None:
    item = invoice(currency=currency, exchange_rate=Decimal(rate) if rate else None)
    value = home_amount(item, home)
    assert (None if value is None else str(value)) == expected


def client(**billing: object) -> Client:
    return Client(name="Acme", tz="America/New_York", id=1, billing=Billing(**billing))  # type: ignore[arg-type]


def test_hourly_lines_group_by_task_and_round_per_entry() -> None:
    acme = client(rate=Decimal("40"), currency="USD", rounding_minutes=15)
    entries = [
        entry(50, task_id=7, at=0),  # 60
        entry(10, at=1),  # 15, no task
        entry(20, task_id=7, at=2),  # 30
        entry(30, billable=False, task_id=8, at=3),  # left out
        entry(1, task_id=9, at=4),  # 15
    ]
    lines = hourly_lines(acme, entries, {7: "Newsletter", 8: "Admin", 9: "Call"})
    assert [line.description for line in lines] == ["Newsletter", "Other work", "Call"]
    assert [line.minutes for line in lines] == [90, 15, 15]
    assert [str(line.amount) for line in lines] == ["60.00", "10.00", "10.00"]
    assert all(line.unit_price == Decimal(40) for line in lines)


def test_hourly_lines_need_a_rate() -> None:
    with pytest.raises(InputError, match="no hourly rate"):
        hourly_lines(client(), [entry(30)], {})


def test_new_invoice_takes_terms_and_upfront_from_the_client() -> None:
    acme = client(rate=Decimal(40), currency="USD", terms_days=30, upfront_percent=Decimal(50))
    line = InvoiceLine("Work", Decimal(1), Decimal(40), Decimal(40))
    item = new_invoice(
        acme,
        [line],
        number="2026-004",
        issued=date(2026, 12, 15),
        period=(date(2026, 11, 1), date(2026, 11, 30)),
        exchange_rate=Decimal("0.92"),
        home_currency="EUR",
    )
    assert item.due == date(2027, 1, 14)
    assert item.upfront_percent == Decimal(50)
    assert item.exchange_rate == Decimal("0.92")
    assert item.status == "draft" and item.currency == "USD"


def test_new_invoice_in_home_currency_stores_rate_one() -> None:
    eur = client(rate=Decimal(40), currency="EUR")
    line = InvoiceLine("Work", Decimal(1), Decimal(40), Decimal(40))
    kwargs = {
        "number": "2026-001",
        "issued": date(2026, 12, 1),
        "period": (date(2026, 11, 1), date(2026, 11, 30)),
        "home_currency": "EUR",
    }
    assert new_invoice(eur, [line], exchange_rate=None, **kwargs).exchange_rate == 1  # type: ignore[arg-type]
    with pytest.raises(InputError, match="home currency"):
        new_invoice(eur, [line], exchange_rate=Decimal(2), **kwargs)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="more than 0"):
        new_invoice(
            client(rate=Decimal(1), currency="USD"), [line], exchange_rate=Decimal(0), **kwargs
        )  # type: ignore[arg-type]
    with pytest.raises(InputError, match="at least one line"):
        new_invoice(eur, [], exchange_rate=None, **kwargs)  # type: ignore[arg-type]


def test_invoice_documents() -> None:
    from vaplanner.core.invoice_doc import Party, to_html, to_markdown
    from vaplanner.core.models import Contact

    acme = Client(
        name="Acme <Corp>",
        tz="America/New_York",
        id=1,
        contacts=(Contact("Ann Lee", "ann@acme.example"),),
        billing=Billing(rate=Decimal(40), currency="USD"),
    )
    lines = (
        InvoiceLine(
            "Newsletter | May", Decimal("1.0833"), Decimal(40), Decimal("43.33"), minutes=65
        ),
        InvoiceLine("Retainer, November 2026 (10:00 h)", Decimal(1), Decimal(500), Decimal(500)),
    )
    item = invoice(lines=lines, currency="USD", upfront_percent=Decimal(50), number="2026-007")
    sender = Party("Maja Novak", "Novak VA s.p.\\nTrubarjeva 1, Ljubljana\\nVAT SI12345678")
    md = to_markdown(item, acme, sender)
    assert md.startswith("# Invoice 2026-007\n")
    assert "Novak VA s.p.  \nTrubarjeva 1, Ljubljana  \n" in md
    assert "Ann Lee · ann@acme.example" in md
    assert "| Newsletter \\| May | 1:05 h | USD 40.00/h | USD 43.33 |" in md
    assert "| Retainer, November 2026 (10:00 h) | 1 | USD 500.00 | USD 500.00 |" in md
    assert "**Total: USD 543.33**" in md
    assert "- Upfront 50%, due on signing: USD 271.67, due 6 Nov 2026" in md
    assert "- Balance 50%: USD 271.66, due 20 Nov 2026" in md
    page = to_html(mark_void(item), acme, sender)
    assert page.startswith("<!DOCTYPE html>")
    assert "Acme &lt;Corp&gt;" in page and "<Corp>" not in page
    assert "This invoice is void." in page
    assert 'class="n">1:05 h<' in page
