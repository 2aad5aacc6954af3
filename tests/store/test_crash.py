"""The store under fire: writers killed mid-write, writers racing, files cut in half.

Every test here runs real processes (``tests/store/_writer.py``) against one data folder.
"""

from __future__ import annotations

import os
import random
import select
import signal
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import pytest

from vaplanner.core.models import Task
from vaplanner.store.store import Store

WRITER = Path(__file__).with_name("_writer.py")
KILLS = 54


def spawn(folder: Path, mode: str, seed: int, count: int = 10_000) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, str(WRITER), str(folder), mode, str(seed), str(count)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def acks_of(output: bytes) -> dict[str, set[int]]:
    """Acknowledged ids by kind; a line cut by the kill is not an acknowledgement."""
    acked: dict[str, set[int]] = defaultdict(set)
    for line in output.decode().splitlines(keepends=True):
        parts = line.split()
        if line.endswith("\n") and len(parts) == 3 and parts[0] == "ACK":
            acked[parts[1]].add(int(parts[2]))
    return acked


def wait_for_stall(proc: subprocess.Popen[bytes], timeout: float = 20.0) -> bool:
    """Read the child's stderr until it says it paused inside a file write."""
    assert proc.stderr is not None
    deadline = time.monotonic() + timeout
    seen = b""
    while time.monotonic() < deadline:
        ready, _, _ = select.select([proc.stderr], [], [], 0.05)
        if ready:
            chunk = os.read(proc.stderr.fileno(), 4096)
            if not chunk:
                return False
            seen += chunk
            if b"STALLED" in seen:
                return True
    return False


def kill_and_collect(proc: subprocess.Popen[bytes]) -> dict[str, set[int]]:
    proc.send_signal(signal.SIGKILL)
    out, _ = proc.communicate(timeout=20)
    assert proc.returncode == -signal.SIGKILL, proc.returncode
    return acks_of(out)


def check_folder(folder: Path, acked: dict[str, set[int]]) -> int:
    """The store opens, every file parses, every acknowledged record is there, ids are
    unique. Returns the number of entries."""
    store = Store(folder)
    entries = list(store.entries.all())
    ids = [e.id for e in entries]
    assert len(ids) == len(set(ids)), "an id was used twice"
    assert acked["entries"] <= set(ids), sorted(acked["entries"] - set(ids))[:10]
    task_ids = {t.id for t in store.tasks.all()}
    assert acked["tasks"] <= task_ids
    if acked["timer"]:
        assert store.timer.get() is not None
    store.get_settings()
    return len(ids)


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_no_acknowledged_write(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    rng = random.Random(2026)
    acked: dict[str, set[int]] = defaultdict(set)
    stalled_kills = 0
    for round_ in range(KILLS):
        mode = ("random", "stall-replace", "stall-write")[round_ % 3]
        proc = spawn(folder, mode, seed=round_)
        if mode == "random":
            # somewhere between start-up and a few dozen writes
            time.sleep(rng.uniform(0.15, 0.6))
        else:
            stalled_kills += wait_for_stall(proc)
        for kind, ids in kill_and_collect(proc).items():
            acked[kind] |= ids
        check_folder(folder, acked)
    assert stalled_kills >= KILLS // 3, "the writers were not caught inside a write often"
    assert sum(len(ids) for ids in acked.values()) > KILLS  # the test did write things
    # the dead writers' temp files are swept by the next writer, under the lock
    Store(folder).tasks.add(Task(client_id=1, title="after the storm"))
    leftovers = [p for p in folder.rglob("*.tmp")]
    assert leftovers == []


def test_a_write_killed_before_its_rename_leaves_the_old_file(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    proc = spawn(folder, "stall-replace", seed=1)
    assert wait_for_stall(proc)
    acked = kill_and_collect(proc)
    temps = list(folder.rglob("*.tmp"))
    assert temps, "the killed writer should have left its temp file behind"
    assert all(p.stat().st_mode & 0o777 == 0o600 for p in temps)
    check_folder(folder, acked)
    assert list(folder.rglob("*.tmp")) == temps  # reading never deletes anything


@pytest.mark.slow
def test_concurrent_writers_lose_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    per_writer = 200
    procs = [spawn(folder, "random", seed=100 + i, count=per_writer) for i in range(3)]
    acked: dict[str, set[int]] = defaultdict(set)
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
        for kind, ids in acks_of(out).items():
            if kind != "timer":
                assert not (acked[kind] & ids), "two writers got the same id"
            acked[kind] |= ids
    total = check_folder(folder, acked)
    assert total == len(acked["entries"])
    assert len(acked["entries"]) >= 3 * per_writer * 0.8
    assert Store(folder).meta.counter("entries") == total
