"""Reports: grouping, local days, currencies kept apart, rounding, plan and estimates."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from vaplanner.core.insights import (
    estimate_vs_actual,
    plan_vs_actual,
    revenue,
    top_sinks,
    weekly_client_minutes,
)
from vaplanner.core.models import Billing, Block, Client, Entry, Invoice, InvoiceLine, Task
from vaplanner.core.reports import NO_TAG, NO_TASK, build_report, period, range_bounds

HOME = "Europe/Ljubljana"
LJ = ZoneInfo(HOME)

CLIENTS = {
    1: Client("Acme", "America/New_York", id=1, billing=Billing(rate=Decimal(40), currency="USD")),
    2: Client(
        "Koala",
        "Australia/Sydney",
        id=2,
        billing=Billing(rate=Decimal("37.50"), currency="EUR", rounding_minutes=15),
    ),
    3: Client("Himal", "Asia/Kathmandu", id=3, billing=Billing(rate=Decimal(4500), currency="JPY")),
    4: Client("Bright", "Europe/London", id=4, billing=Billing(rate=Decimal(50), currency="USD")),
}
TASKS = {
    10: Task(1, "Newsletter", id=10, tags=("writing",), estimate_minutes=60),
    11: Task(2, "Inbox zero", id=11, tags=("email",), estimate_minutes=30, status="done"),
    12: Task(4, "Newsletter", id=12, estimate_minutes=120),
}


def local(y: int, m: int, d: int, hh: int, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=LJ).astimezone(UTC)


def entry(client_id: int, start: datetime, minutes: int, **kw: object) -> Entry:
    return Entry(client_id, start, start + timedelta(minutes=minutes), **kw)  # type: ignore[arg-type]


ENTRIES = [
    entry(1, local(2026, 11, 2, 9), 90, task_id=10),  # USD 60.00
    entry(1, local(2026, 11, 2, 11), 30, billable=False, note="call"),
    entry(2, local(2026, 11, 3, 8), 20, task_id=11),  # billed 30 min: EUR 18.75
    entry(3, local(2026, 11, 3, 10), 50, tags=("admin",)),  # JPY 3750
    entry(4, local(2026, 11, 4, 23, 30), 60, task_id=12),  # USD 50.00, local day 4 Nov
    entry(1, local(2026, 10, 31, 23, 50), 30),  # starts before the period
    entry(1, local(2026, 12, 1, 0, 10), 30),  # starts after the period
]


def report(by: str) -> dict[str, object]:
    return build_report(
        ENTRIES,
        CLIENTS,
        by=by,
        start=date(2026, 11, 1),
        end=date(2026, 11, 30),
        tz=HOME,
        tasks=TASKS,
    ).to_json()


def test_by_client_json_shape_and_values() -> None:
    assert report("client") == {
        "from": "2026-11-01",
        "to": "2026-11-30",
        "rows": [
            {
                "key": "Acme",
                "minutes": 120,
                "billable_minutes": 90,
                "amount": "60.00",
                "currency": "USD",
            },
            {
                "key": "Bright",
                "minutes": 60,
                "billable_minutes": 60,
                "amount": "50.00",
                "currency": "USD",
            },
            {
                "key": "Himal",
                "minutes": 50,
                "billable_minutes": 50,
                "amount": "3750",
                "currency": "JPY",
            },
            {
                "key": "Koala",
                "minutes": 20,
                "billable_minutes": 30,
                "amount": "18.75",
                "currency": "EUR",
            },
        ],
        "total_minutes": 250,
        "totals_by_currency": {"EUR": "18.75", "JPY": "3750", "USD": "110.00"},
    }


def test_non_billable_minutes_are_tracked_time_not_a_rounding_difference() -> None:
    result = build_report(
        ENTRIES, CLIENTS, by="client", start=date(2026, 11, 1), end=date(2026, 11, 30), tz=HOME
    )
    assert {row.key: row.non_billable_minutes for row in result.rows} == {
        "Acme": 30,
        "Bright": 0,
        "Himal": 0,
        "Koala": 0,  # rounded up from 20 to 30 billable: nothing is non-billable
    }
    assert result.total_billable_minutes == 230


def test_by_task_tells_same_titles_apart() -> None:
    rows = report("task")["rows"]
    assert isinstance(rows, list)
    keys = [(row["key"], row["currency"], row["minutes"]) for row in rows]
    assert keys == [
        ("Newsletter (Acme)", "USD", 90),
        # 30 for Acme (USD) and 50 for Himal (JPY): 80 in all, two currencies, two rows
        (NO_TASK, "JPY", 50),
        (NO_TASK, "USD", 30),
        ("Newsletter (Bright)", "USD", 60),
        ("Inbox zero", "EUR", 20),
    ]


def test_by_tag_uses_entry_then_task_tags_and_counts_each_entry_once_in_totals() -> None:
    result = report("tag")
    rows = {(r["key"], r["currency"]): r["minutes"] for r in result["rows"]}  # type: ignore[union-attr,index]
    assert rows == {
        ("writing", "USD"): 90,
        ("email", "EUR"): 20,
        ("admin", "JPY"): 50,
        (NO_TAG, "USD"): 90,  # the call (30) and Bright's newsletter (60, task has no tags)
    }
    assert result["total_minutes"] == 250
    assert result["totals_by_currency"] == {"EUR": "18.75", "JPY": "3750", "USD": "110.00"}


def test_multi_tag_entry_counts_in_each_tag_row_but_once_in_totals() -> None:
    both = [entry(1, local(2026, 11, 5, 9), 60, tags=("a", "b"))]
    result = build_report(
        both, CLIENTS, by="tag", start=date(2026, 11, 5), end=date(2026, 11, 5), tz=HOME
    ).to_json()
    assert [(r["key"], r["minutes"]) for r in result["rows"]] == [("a", 60), ("b", 60)]  # type: ignore[index,union-attr]
    assert result["total_minutes"] == 60
    assert result["totals_by_currency"] == {"USD": "40.00"}


def test_by_day_uses_the_local_start_day_in_calendar_order() -> None:
    rows = report("day")["rows"]
    days = [(r["key"], r["currency"], r["minutes"]) for r in rows]  # type: ignore[union-attr,index]
    assert days == [
        ("2026-11-02", "USD", 120),
        ("2026-11-03", "EUR", 20),
        ("2026-11-03", "JPY", 50),
        ("2026-11-04", "USD", 60),  # 23:30 local on the 4th is 22:30 UTC
    ]


@pytest.mark.parametrize(
    ("tz", "expected_days"),
    [
        ("Europe/Ljubljana", ["2026-11-04"]),
        ("UTC", ["2026-11-04"]),
        ("Asia/Tokyo", ["2026-11-05"]),  # 22:30 UTC is 07:30 the next morning in Tokyo
        ("America/Los_Angeles", ["2026-11-04"]),
    ],
)
def test_day_key_depends_on_the_zone(tz: str, expected_days: list[str]) -> None:
    late = [entry(4, local(2026, 11, 4, 23, 30), 60)]
    result = build_report(
        late, CLIENTS, by="day", start=date(2026, 11, 1), end=date(2026, 11, 30), tz=tz
    )
    assert [row.key for row in result.rows] == expected_days


def test_dst_day_bounds() -> None:
    # 25 Oct 2026: Ljubljana falls back; the day is 25 hours long.
    low, high = range_bounds(date(2026, 10, 25), date(2026, 10, 25), HOME)
    assert (high - low) == timedelta(hours=25)
    assert low == datetime(2026, 10, 24, 22, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("kind", "today", "week_start", "expected"),
    [
        ("week", date(2026, 11, 28), 0, (date(2026, 11, 23), date(2026, 11, 29))),
        ("week", date(2026, 11, 28), 6, (date(2026, 11, 22), date(2026, 11, 28))),
        ("month", date(2026, 11, 28), 0, (date(2026, 11, 1), date(2026, 11, 30))),
        ("month", date(2028, 2, 10), 0, (date(2028, 2, 1), date(2028, 2, 29))),
        ("month", date(2026, 12, 31), 0, (date(2026, 12, 1), date(2026, 12, 31))),
    ],
)
def test_period(kind: str, today: date, week_start: int, expected: tuple[date, date]) -> None:
    assert period(kind, today, week_start) == expected


def test_empty_report() -> None:
    result = build_report(
        [], CLIENTS, by="client", start=date(2026, 11, 1), end=date(2026, 11, 30), tz=HOME
    )
    assert result.to_json() == {
        "from": "2026-11-01",
        "to": "2026-11-30",
        "rows": [],
        "total_minutes": 0,
        "totals_by_currency": {},
    }


def test_client_without_rate_has_zero_amount_in_its_currency() -> None:
    clients = {9: Client("Free", "UTC", id=9, billing=Billing(currency="KWD"))}
    result = build_report(
        [entry(9, local(2026, 11, 2, 9), 45)],
        clients,
        by="client",
        start=date(2026, 11, 1),
        end=date(2026, 11, 30),
        tz=HOME,
    ).to_json()
    assert result["rows"] == [
        {"key": "Free", "minutes": 45, "billable_minutes": 45, "amount": "0.000", "currency": "KWD"}
    ]


def test_estimate_vs_actual() -> None:
    rows = estimate_vs_actual(ENTRIES, TASKS, CLIENTS)
    assert [
        (r.title, r.client, r.estimate_minutes, r.actual_minutes, r.difference) for r in rows
    ] == [
        ("Newsletter", "Acme", 60, 90, 30),
        ("Inbox zero", "Koala", 30, 20, -10),
        ("Newsletter", "Bright", 120, 60, -60),
    ]
    assert rows[1].done is True


def test_plan_vs_actual_counts_work_blocks_only() -> None:
    blocks = [
        Block(local(2026, 11, 2, 9), local(2026, 11, 2, 11), client_id=1),
        Block(local(2026, 11, 2, 11), local(2026, 11, 2, 11, 30), category="break"),
        Block(local(2026, 11, 3, 8), local(2026, 11, 3, 9), category="admin"),
        Block(local(2026, 11, 3, 9), local(2026, 11, 3, 9, 10), category="buffer"),
    ]
    rows = plan_vs_actual(blocks, ENTRIES, date(2026, 11, 2), date(2026, 11, 4), HOME)
    assert [
        (r.day.isoformat(), r.planned_minutes, r.tracked_minutes, r.difference) for r in rows
    ] == [
        ("2026-11-02", 120, 120, 0),
        ("2026-11-03", 60, 70, 10),
        ("2026-11-04", 0, 60, 60),
    ]


def test_top_sinks() -> None:
    inside = ENTRIES[:5]
    sinks = top_sinks(inside, CLIENTS, TASKS, limit=3)
    assert [(s.label, s.client, s.minutes, s.non_billable_minutes, s.percent) for s in sinks] == [
        ("Newsletter", "Acme", 90, 0, 36),
        ("Newsletter", "Bright", 60, 0, 24),
        (NO_TASK, "Himal", 50, 0, 20),
    ]
    assert top_sinks(inside, CLIENTS, TASKS, limit=9)[-2].label == "call"


def test_weekly_client_minutes() -> None:
    weeks = weekly_client_minutes(ENTRIES, date(2026, 10, 26), 2, HOME)
    assert weeks == [
        (date(2026, 10, 26), {1: 30}),
        (date(2026, 11, 2), {1: 120, 2: 20, 3: 50, 4: 60}),
    ]


def test_revenue_uses_stored_rates_and_never_guesses() -> None:
    def inv(
        number: str, currency: str, total: str, rate: str | None, status: str, day: int
    ) -> Invoice:
        line = InvoiceLine("x", Decimal(1), Decimal(total), Decimal(total))
        return Invoice(
            client_id=1,
            number=number,
            issued=date(2026, 11, day),
            due=date(2026, 11, day) + timedelta(days=14),
            currency=currency,
            lines=(line,),
            exchange_rate=Decimal(rate) if rate else None,
            status=status,  # type: ignore[arg-type]
        )

    invoices = [
        inv("2026-001", "USD", "100.00", "0.92", "paid", 2),
        inv("2026-002", "JPY", "10000", "0.0061", "sent", 3),
        inv("2026-003", "EUR", "50.00", "1", "draft", 4),
        inv("2026-004", "GBP", "80.00", None, "sent", 5),
        inv("2026-005", "USD", "999.00", "0.92", "void", 6),
        inv("2026-006", "USD", "10.00", "0.92", "sent", 30),
    ]
    result = revenue(invoices, {1: "Acme"}, date(2026, 11, 1), date(2026, 11, 29), "EUR")
    assert [row.number for row in result.rows] == ["2026-001", "2026-002", "2026-003", "2026-004"]
    assert [str(row.home_total) for row in result.rows] == ["92.00", "61.00", "50.00", "None"]
    assert result.home_total == Decimal("203.00")
    assert result.home_paid == Decimal("92.00")
    assert result.unconverted == {"GBP": Decimal("80.00")}
    assert result.totals_by_currency == {
        "EUR": Decimal("50.00"),
        "GBP": Decimal("80.00"),
        "JPY": Decimal("10000"),
        "USD": Decimal("100.00"),
    }


@pytest.mark.parametrize(
    ("tz", "day", "hours", "start_utc"),
    [
        ("Europe/Ljubljana", date(2026, 3, 29), 23, datetime(2026, 3, 28, 23, 0, tzinfo=UTC)),
        ("America/New_York", date(2026, 11, 1), 25, datetime(2026, 11, 1, 4, 0, tzinfo=UTC)),
        ("America/New_York", date(2026, 3, 8), 23, datetime(2026, 3, 8, 5, 0, tzinfo=UTC)),
        ("Australia/Sydney", date(2026, 4, 5), 25, datetime(2026, 4, 4, 13, 0, tzinfo=UTC)),
        ("Australia/Lord_Howe", date(2026, 4, 5), 24.5, datetime(2026, 4, 4, 13, 0, tzinfo=UTC)),
        # midnight itself is skipped in Santiago on 6 Sep 2026: the day starts at the jump
        ("America/Santiago", date(2026, 9, 6), 23, datetime(2026, 9, 6, 4, 0, tzinfo=UTC)),
        ("Asia/Kathmandu", date(2026, 11, 2), 24, datetime(2026, 11, 1, 18, 15, tzinfo=UTC)),
    ],
)
def test_day_bounds_across_dst(tz: str, day: date, hours: float, start_utc: datetime) -> None:
    low, high = range_bounds(day, day, tz)
    assert low == start_utc
    assert (high - low) == timedelta(hours=hours)
    # an entry a minute before the local day starts is the previous day's
    before = [entry(1, low - timedelta(minutes=1), 30), entry(1, low, 30)]
    result = build_report(before, CLIENTS, by="day", start=day, end=day, tz=tz)
    assert [(r.key, r.minutes) for r in result.rows] == [(day.isoformat(), 30)]
