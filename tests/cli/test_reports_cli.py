"""``report`` and ``progress`` end to end: exact JSON, formats, periods, errors, and that a
month's report reads only the months it needs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from tests.cli.billing_helpers import cli, lju, seed, work
from vaplanner.core.models import Block, Invoice, InvoiceLine
from vaplanner.store.store import Store

NOVEMBER = {
    "from": "2026-11-01",
    "to": "2026-11-30",
    "rows": [
        {
            "key": "Koala",
            "minutes": 660,
            "billable_minutes": 660,
            "amount": "412.50",
            "currency": "EUR",
        },
        {
            "key": "Himal",
            "minutes": 90,
            "billable_minutes": 90,
            "amount": "6750",
            "currency": "JPY",
        },
        # 50 billable minutes rounded up to 60 at USD 40/h; the 30-minute call is not billable
        {
            "key": "Acme",
            "minutes": 80,
            "billable_minutes": 60,
            "amount": "40.00",
            "currency": "USD",
        },
    ],
    "total_minutes": 830,
    "totals_by_currency": {"EUR": "412.50", "JPY": "6750", "USD": "40.00"},
}


@pytest.fixture
def data(data_dir: Path) -> Path:
    seed(data_dir)
    return data_dir


def test_month_json_is_exact(data: Path) -> None:
    result = cli(data, "report", "--month", "--format", "json")
    assert result.code == 0, result
    assert result.json() == NOVEMBER
    assert cli(data, "report", "--month", "--json").json() == NOVEMBER
    explicit = cli(data, "report", "--from", "2026-11-01", "--to", "2026-11-30", "--json")
    assert explicit.json() == NOVEMBER


def test_week_is_the_default(data: Path) -> None:
    result = cli(data, "report", "--json")
    assert result.json() == {
        "from": "2026-11-23",
        "to": "2026-11-29",
        "rows": [
            {
                "key": "Himal",
                "minutes": 90,
                "billable_minutes": 90,
                "amount": "6750",
                "currency": "JPY",
            }
        ],
        "total_minutes": 90,
        "totals_by_currency": {"JPY": "6750"},
    }
    assert cli(data, "report", "--week", "--json").json() == result.json()


def test_by_day_csv(data: Path) -> None:
    result = cli(data, "report", "--month", "--by", "day", "--format", "csv")
    assert result.out == (
        "key,minutes,billable_minutes,amount,currency\n"
        "2026-11-02,80,60,40.00,USD\n"
        "2026-11-03,660,660,412.50,EUR\n"
        "2026-11-24,90,90,6750,JPY\n"
    )


def test_december_entry_in_utc_november_is_left_out(data: Path) -> None:
    dec = cli(data, "report", "--from", "2026-12-01", "--to", "2026-12-31", "--json").json()
    assert dec["rows"] == [
        {"key": "Acme", "minutes": 60, "billable_minutes": 60, "amount": "40.00", "currency": "USD"}
    ]


def test_by_tag_and_task(data: Path) -> None:
    tags = cli(data, "report", "--month", "--by", "tag", "--json").json()
    assert [(r["key"], r["currency"], r["minutes"]) for r in tags["rows"]] == [
        ("(no tag)", "EUR", 660),
        ("(no tag)", "USD", 30),
        ("admin", "JPY", 90),
        ("writing", "USD", 50),
    ]
    tasks = cli(data, "report", "--month", "--by", "task", "--json").json()
    assert [(r["key"], r["minutes"]) for r in tasks["rows"]] == [
        ("(no task)", 660),
        ("(no task)", 90),
        ("(no task)", 30),
        ("Newsletter", 50),
    ]


def test_table_and_markdown(data: Path) -> None:
    table = cli(data, "report", "--month")
    assert table.code == 0
    lines = table.out.splitlines()
    assert lines[0] == "Time by client, 1 Nov 2026 - 30 Nov 2026 (Europe/Ljubljana)"
    assert lines[2].split() == ["CLIENT", "TIME", "BILLABLE", "NOT", "BILLABLE", "AMOUNT"]
    assert lines[3].split() == ["Koala", "11:00", "11:00", "0:00", "EUR", "412.50"]
    assert lines[5].split() == ["Acme", "1:20", "1:00", "0:30", "USD", "40.00"]
    assert "Total: 13:50 tracked, 13:30 billable" in table.out
    assert "EUR 412.50 · JPY 6,750 · USD 40.00" in table.out
    md = cli(data, "report", "--month", "--format", "md").out
    assert (
        "| CLIENT | TIME | BILLABLE | NOT BILLABLE | AMOUNT |\n| --- | ---: | ---: | ---: | ---: |"
        in md
    )
    assert "| Himal | 1:30 | 1:30 | 0:00 | JPY 6,750 |" in md


def test_estimates_plan_and_sinks(data: Path) -> None:
    store = Store(data)
    store.blocks.add(Block(lju(2026, 11, 2, 9), lju(2026, 11, 2, 11), client_id=1))
    est = cli(data, "report", "--month", "--estimates", "--json").json()
    assert est == {
        "from": "2026-11-01",
        "to": "2026-11-30",
        "tasks": [
            {
                "task_id": 1,
                "title": "Newsletter",
                "client": "Acme",
                "estimate_minutes": 60,
                "actual_minutes": 50,
                "difference_minutes": -10,
                "done": False,
            }
        ],
    }
    plan = cli(data, "report", "--from", "2026-11-02", "--to", "2026-11-03", "--plan", "--json")
    assert plan.json()["days"] == [
        {
            "date": "2026-11-02",
            "planned_minutes": 120,
            "tracked_minutes": 80,
            "difference_minutes": -40,
        },
        {
            "date": "2026-11-03",
            "planned_minutes": 0,
            "tracked_minutes": 660,
            "difference_minutes": 660,
        },
    ]
    sinks = cli(data, "report", "--month", "--sinks", "2", "--json").json()["sinks"]
    assert [(s["label"], s["client"], s["minutes"], s["percent"]) for s in sinks] == [
        ("(no task)", "Koala", 660, 79),
        ("(no task)", "Himal", 90, 10),
    ]
    csv_out = cli(data, "report", "--month", "--sinks", "--format", "csv").out
    assert csv_out.splitlines()[0] == "label,client,minutes,non_billable_minutes,percent"
    assert "call,Acme,30,30,3" in csv_out


def test_client_filter(data: Path) -> None:
    result = cli(data, "report", "--month", "--client", "acme", "--json").json()
    assert [r["key"] for r in result["rows"]] == ["Acme"]
    assert result["total_minutes"] == 80


def test_revenue_in_home_currency(data: Path) -> None:
    store = Store(data)
    line = InvoiceLine("x", Decimal(1), Decimal("100.00"), Decimal("100.00"))
    for number, currency, rate in (("2026-001", "USD", "0.92"), ("2026-002", "GBP", None)):
        store.invoices.add(
            Invoice(
                1,
                number,
                date(2026, 11, 5),
                date(2026, 11, 19),
                currency,
                lines=(line,),
                exchange_rate=Decimal(rate) if rate else None,
            )
        )
    result = cli(data, "report", "--month", "--revenue", "--json")
    body = result.json()
    assert body["home_currency"] == "EUR"
    assert [(i["number"], i["home_total"]) for i in body["invoices"]] == [
        ("2026-001", "92.00"),
        ("2026-002", None),
    ]
    assert (body["home_total"], body["unconverted"]) == ("92.00", {"GBP": "100.00"})
    assert (
        cli(data, "report", "--month", "--revenue", "--client", "Koala", "--json").json()[
            "invoices"
        ]
        == []
    )
    table = cli(data, "report", "--month", "--revenue").out
    assert "Not converted (no exchange rate on the invoice): GBP 100.00" in table


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (("--from", "2026-11-30", "--to", "2026-11-01"), "before --from"),
        (("--to", "2026-11-01"), "--to needs --from"),
        (("--client", "Nobody"), "no client 'Nobody'"),
        (("--from", "someday"), "cannot read date"),
        (("--month", "--sinks", "0"), "1 or more"),
    ],
)
def test_errors_are_one_line(data: Path, argv: tuple[str, ...], fragment: str) -> None:
    result = cli(data, "report", *argv)
    assert result.code == 2
    assert fragment in result.error()


def test_month_reads_only_the_months_it_needs(data: Path) -> None:
    # A broken file for an old month: a report of November never opens it...
    old = data / "entries" / "2024-01.json"
    old.write_text("{ not json", encoding="utf-8")
    assert cli(data, "report", "--month", "--json").json() == NOVEMBER
    # ...while a report of that month does, and says which file is broken (exit 1).
    broken = cli(data, "report", "--from", "2024-01-01", "--to", "2024-01-31")
    assert broken.code == 1 and "2024-01.json" in broken.error()


def test_progress_week(data: Path) -> None:
    result = cli(data, "progress", "acme", "--week", "2026-11-04")
    assert result.code == 0, result
    text = result.out
    assert text.startswith("## Weekly update: Acme, 2-8 Nov 2026\n")
    assert "**Hours worked:** 1:20 h (1:00 h billable)" in text
    assert "**writing** (0:50 h)\n- Drafted\n" in text
    assert "### Coming up (your time, America/New_York)" in text
    assert "Retainer" not in text


def test_progress_with_retainer_over(data: Path) -> None:
    text = cli(data, "progress", "Koala", "--week", "2026-11-03").out
    assert "retainer 11:00 h of 10:00 h used this month" in text
    assert "- Over the retainer: 1:00 h" in text
    assert "### Coming up (your time, Australia/Sydney)" in text


def test_progress_day(data: Path) -> None:
    text = cli(data, "progress", "1", "--day", "2026-11-02").out
    assert text.startswith("## End of day: Acme, Mon 2 Nov 2026\n")
    assert "- Worked on: Drafted\n- Worked on: call\n- Time today: 1:20 h" in text
    assert "### Next (your time, America/New_York)\n- Newsletter\n" in text
    assert text.rstrip().endswith("Maja Novak")


def test_report_as_a_real_process(data: Path) -> None:
    env = {**os.environ, "VAPLANNER_HOME": str(data), "VAPLANNER_CONFIG_DIR": str(data)}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "vaplanner",
            "report",
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-30",
            "--json",
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == NOVEMBER


def test_extra_entries_in_other_currency_never_mix(data: Path) -> None:
    store = Store(data)
    store.entries.add(work(3, lju(2026, 11, 25, 9), 30, tags=("admin",)))
    rows = cli(data, "report", "--month", "--by", "tag", "--json").json()["rows"]
    admin = [r for r in rows if r["key"] == "admin"]
    assert admin == [
        {
            "key": "admin",
            "minutes": 120,
            "billable_minutes": 120,
            "amount": "9000",
            "currency": "JPY",
        }
    ]
