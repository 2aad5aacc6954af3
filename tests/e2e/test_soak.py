"""Soak: the app runs headless with a timer ticking while another process writes all along.

The app (``VaplannerApp.run_test``) polls the data folder as it does in a terminal, its clock
ticking every second, while ``soak_writer.py`` logs an entry every 100 ms through the real
``log`` command for ``VAPLANNER_SOAK_SECONDS`` (60 in CI, 20 otherwise). Afterwards:

* every write is in the store, and the app's plan shows every entry of its day;
* the app reloaded along the way, its clock moved, and it showed no error;
* memory is flat: the resident size over the last fifth of the run is within 20 MB of the
  first fifth's.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from vaplanner.config import load_settings
from vaplanner.core.models import Client, Settings, Timer
from vaplanner.store.store import Store
from vaplanner.ui.app import VaplannerApp

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
WRITER = Path(__file__).with_name("soak_writer.py")
SECONDS = float(os.environ.get("VAPLANNER_SOAK_SECONDS") or (60 if os.environ.get("CI") else 20))
#: The app's day (home zone UTC): the writer fills it from midnight, the timer runs at 21:00.
DAY_START = datetime(2026, 11, 25, 0, 0, tzinfo=UTC)
BASE = DAY_START + timedelta(hours=21)
MAX_GROWTH_KB = 20 * 1024


def rss_kb() -> int:
    """This process's resident set size, from /proc (kB)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS in /proc/self/status")


def _store(folder: Path) -> Store:
    store = Store(folder, clock=lambda: BASE)
    store.save_settings(Settings(home_tz="UTC"))
    store.clients.add(Client("Acme", "America/New_York", key="1"))
    store.clients.add(Client("Koala", "Australia/Sydney", key="2"))
    store.timer.set(Timer(client_id=2, started=BASE - timedelta(minutes=30), note="soak"))
    return store


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc (Linux)")
async def test_app_keeps_up_with_a_writer_for_a_minute(tmp_path: Path) -> None:
    store = _store(tmp_path / "data")
    began = time.monotonic()

    def clock() -> datetime:  # real seconds, on the app's fixed day
        return BASE + timedelta(seconds=time.monotonic() - began)

    count = int(SECONDS / 0.1)
    settings = load_settings(store, tmp_path / "config")
    app = VaplannerApp(store, settings, config_dir=tmp_path / "config", clock=clock)
    samples: list[int] = []
    clock_seen: list[datetime] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.planner is not None
        start_version = app.data_version
        writer = subprocess.Popen(
            [
                sys.executable,
                str(WRITER),
                str(store.path),
                str(count),
                DAY_START.isoformat(),
                (BASE + timedelta(hours=1)).isoformat(),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        try:
            while writer.poll() is None:
                await pilot.pause(0.5)
                samples.append(rss_kb())
                clock_seen.append(app.now)
            out, err = writer.communicate(timeout=30)
        finally:
            if writer.poll() is None:
                writer.kill()
        assert writer.returncode == 0, err
        assert err == ""
        # let the poll see the last write, then let the screen reload
        for _ in range(20):
            await pilot.pause(0.25)
            if app._revision == store.revision():
                break
        await asyncio.sleep(0)
        await pilot.pause()
        plan = app.planner.plan
        reloads = app.data_version - start_version
        errors = [n.message for n in app._notifications if n.severity == "error"]

    written = [int(line) for line in out.split()]
    assert len(written) == count and len(set(written)) == count
    # every write is on disk, read by a fresh store as another process would
    stored = {e.id: e for e in Store(store.path).entries.all()}
    assert set(written) <= set(stored)
    assert sorted(e.note for e in stored.values()) == sorted(f"soak {i}" for i in range(count))
    # the app saw them: its plan for the day holds every entry that starts on that day
    assert plan is not None and plan.day == DAY_START.date()
    on_day = {i for i in written if stored[i].start < DAY_START + timedelta(days=1)}
    shown = {t.entry.id for t in plan.tracked if t.entry is not None}
    assert shown == on_day
    assert any(t.running for t in plan.tracked)  # the timer is still there, running
    assert reloads >= 2, reloads
    assert errors == []
    # the clock ticked all along
    assert clock_seen[-1] - clock_seen[0] >= timedelta(seconds=SECONDS / 2)
    # memory is flat
    fifth = max(1, len(samples) // 5)
    first = sum(samples[:fifth]) / fifth
    last = sum(samples[-fifth:]) / fifth
    assert last - first < MAX_GROWTH_KB, (first, last, samples)
