"""The demo generator: deterministic, realistic, and fast enough for the reference set."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from vaplanner import demo
from vaplanner.core.models import TASK_STATUSES
from vaplanner.store.store import Store

TODAY = date(2026, 11, 28)
NOW = datetime(2026, 11, 28, 13, 32, tzinfo=UTC)


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.json"))}


@pytest.fixture
def sample(tmp_path: Path) -> Store:
    store = Store(tmp_path / "sample")
    demo.generate(store, "sample", TODAY, seed=0, now=NOW)
    return store


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    for name in ("a", "b"):
        demo.generate(Store(tmp_path / name), "sample", TODAY, seed=7, now=NOW)
    demo.generate(Store(tmp_path / "c"), "sample", TODAY, seed=8, now=NOW)
    assert files_of(tmp_path / "a") == files_of(tmp_path / "b")
    assert files_of(tmp_path / "a") != files_of(tmp_path / "c")


def test_sample_clients(sample: Store) -> None:
    clients = sample.clients.all()
    assert [c.key for c in clients] == ["1", "2", "3", "4", "5"]
    assert {c.tz for c in clients} == {
        "America/New_York",
        "Australia/Sydney",
        "Europe/London",
        "Europe/Ljubljana",
        "Asia/Kathmandu",
    }
    assert sample.clients.find("ceb").name == "Čebelica"
    assert len({c.billing.currency for c in clients}) >= 4
    assert all(c.color and c.hours.weekly_minutes > 0 for c in clients)
    assert sample.get_settings().home_tz == "Europe/Ljubljana"


def test_sample_plan_for_this_week(sample: Store) -> None:
    home = ZoneInfo("Europe/Ljubljana")
    monday = TODAY - timedelta(days=TODAY.weekday())
    for offset in range(7):
        day = monday + timedelta(days=offset)
        start = datetime.combine(day, datetime.min.time(), home)
        blocks = sample.blocks.between(start, start + timedelta(days=1))
        assert blocks, f"no blocks on {day}"
    categories = {b.category for b in sample.blocks.all()}
    assert {"client", "break"} <= categories
    meetings = sample.meetings.all()
    assert any(m.every == "weekly" for m in meetings)
    assert len({m.tz for m in meetings}) >= 3


def test_sample_tracked_time(sample: Store) -> None:
    entries = list(sample.entries.all())
    assert entries
    assert all(e.end <= NOW for e in entries)
    assert min(e.start for e in entries) >= NOW - timedelta(days=32)
    ordered = sorted(entries, key=lambda e: e.start)
    assert all(a.end <= b.start for a, b in zip(ordered, ordered[1:], strict=False))
    today_start = datetime(2026, 11, 27, 23, tzinfo=UTC)  # midnight in Ljubljana
    assert sample.entries.between(today_start, NOW)


def test_sample_tasks_and_promises(sample: Store) -> None:
    tasks = sample.tasks.all()
    assert set(Counter(t.status for t in tasks)) == set(TASK_STATUSES)
    assert any(t.due for t in tasks) and any(t.estimate_minutes for t in tasks)
    assert any(t.tags for t in tasks) and any(t.urgent for t in tasks)
    assert any(t.important for t in tasks)
    assert all(t.done_at and t.done_at <= NOW for t in tasks if t.status == "done")
    assert sample.requests.all() and sample.checkins.all()
    assert any(r.done_at is None and r.reply_by > NOW for r in sample.requests.all())


def test_reference_scale(tmp_path: Path) -> None:
    store = Store(tmp_path / "ref")
    demo.generate(store, "reference", TODAY, seed=0, now=NOW)
    assert len(store.clients.all(include_archived=True)) == 25
    entries = store.entries.months()
    assert entries[0] <= "2021-12" and entries[-1] == "2026-11"
    counts = store.meta  # ids are counted per kind, so the counters are the totals
    assert 55_000 <= counts.counter("entries") <= 65_000
    assert 27_000 <= counts.counter("tasks") <= 33_000
    assert 17_000 <= counts.counter("blocks") <= 23_000
    assert 50 <= len(store.tasks.list()) <= 1_000  # the open queue stays small
    assert len(store.tasks.archives()) >= 5


def test_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "cli"
    assert demo.main(["--data-dir", str(folder), "--today", "2026-11-28", "--seed", "3"]) == 0
    assert "sample" in capsys.readouterr().out
    assert len(Store(folder).clients.all()) == 5
    assert demo.main(["--data-dir", str(folder)]) == 2
    assert "already holds data" in capsys.readouterr().err


def test_unknown_scale(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown scale"):
        demo.generate(Store(tmp_path / "x"), "huge", TODAY)
