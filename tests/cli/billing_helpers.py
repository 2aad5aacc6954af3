"""Shared set-up for the report, invoice and CSV command tests: run the CLI in-process and
seed a data folder through the store (billing fields the ``client`` command does not set)."""

from __future__ import annotations

import contextlib
import io
import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from tests.conftest import FIXED_NOW
from vaplanner.cli import main
from vaplanner.core.models import Billing, Client, Entry, Task
from vaplanner.store.store import Store

HOME = "Europe/Ljubljana"
LJU = ZoneInfo(HOME)


class Out(NamedTuple):
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)

    def error(self) -> str:
        """The one-line error (checked: one line, exit code not 0, no traceback)."""
        assert self.code != 0, self
        assert "Traceback" not in self.err
        assert self.err.count("\n") == 1 and self.err.startswith("vaplanner: "), self.err
        return self.err.strip()


def cli(data: Path, *argv: str, now: datetime = FIXED_NOW, stdin: str | None = None) -> Out:
    """``vaplanner --data-dir DATA ARGV...`` in-process."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(["--data-dir", str(data), *argv], now=now)
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else 1
    return Out(code, out.getvalue(), err.getvalue())


def lju(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> datetime:
    """A wall time in Ljubljana as a UTC instant."""
    return datetime(y, m, d, hh, mm, tzinfo=LJU).astimezone(UTC)


def work(client_id: int, start: datetime, minutes: int, **kw: Any) -> Entry:
    return Entry(client_id, start, start + timedelta(minutes=minutes), **kw)


def seed(data: Path) -> Store:
    """Home zone Ljubljana; Acme (USD 40/h, 15-minute rounding up, 50% upfront, 30 days),
    Koala (EUR 37.50/h, retainer 10 h for EUR 300, overage EUR 45/h), Himal (JPY 4500/h);
    a task for Acme and entries in October and November 2026."""
    store = Store(data)
    assert cli(data, "config", "set", "home_tz", HOME).code == 0
    store.save_settings(replace(store.get_settings(), name="Maja Novak", currency="EUR"))
    store.clients.add(
        Client(
            "Acme",
            "America/New_York",
            key="1",
            billing=Billing(
                rate=Decimal(40),
                currency="USD",
                rounding_minutes=15,
                terms_days=30,
                upfront_percent=Decimal(50),
            ),
        )
    )
    store.clients.add(
        Client(
            "Koala",
            "Australia/Sydney",
            key="2",
            billing=Billing(
                rate=Decimal("37.50"),
                retainer_hours=Decimal(10),
                retainer_fee=Decimal(300),
                overage_rate=Decimal(45),
                retainer_since=datetime(2026, 10, 1).date(),
            ),
        )
    )
    store.clients.add(
        Client("Himal", "Asia/Kathmandu", billing=Billing(rate=Decimal(4500), currency="JPY"))
    )
    store.tasks.add(Task(1, "Newsletter", estimate_minutes=60, tags=("writing",)))
    store.entries.add_many(
        [
            work(1, lju(2026, 10, 20, 9), 60),  # October
            work(1, lju(2026, 11, 2, 9), 50, task_id=1, note="Drafted"),  # billed 60
            work(1, lju(2026, 11, 2, 11), 30, billable=False, note="call"),
            work(2, lju(2026, 11, 3, 8), 11 * 60),  # one hour over the retainer
            work(3, lju(2026, 11, 24, 10), 90, tags=("admin",)),
            # 00:30 on 1 Dec in Ljubljana is still 30 Nov in UTC: December's, not November's
            work(1, lju(2026, 12, 1, 0, 30), 60, note="december"),
        ]
    )
    return store
