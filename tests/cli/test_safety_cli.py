"""``vaplanner backup`` and ``vaplanner doctor`` on real data folders."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import orjson
import pytest

from tests.cli.conftest import Run
from tests.conftest import FIXED_NOW
from vaplanner import demo
from vaplanner.core.models import Entry, Timer
from vaplanner.store.store import Store


@pytest.fixture
def sample(data_dir: Path) -> Store:
    store = Store(data_dir, clock=lambda: FIXED_NOW)
    demo.generate(store, "sample", date(2026, 11, 28), now=FIXED_NOW)
    return store


def backed_up(store: Store, run: Run) -> Path:
    result = run("backup", "--json")
    assert result.code == 0, result
    return Path(result.json()["backup"])


def test_a_healthy_folder(sample: Store, run: Run) -> None:
    result = run("doctor")
    assert result.code == 0, result
    assert result.out.strip().endswith("ok")
    assert "checked 12 files" in result.out
    report = run("doctor", "--json").json()
    assert report["ok"] is True and report["problems"] == []
    assert report["records"] > 200


def test_backup_now(sample: Store, run: Run) -> None:
    result = run("backup")
    assert result.code == 0
    folder = sample.path / "backups" / "2026-11-28T143200"  # FIXED_NOW in Ljubljana
    assert f"to {folder}" in result.out
    assert (folder / "entries" / "2026-11.json").read_bytes() == (
        sample.path / "entries" / "2026-11.json"
    ).read_bytes()
    assert folder.stat().st_mode & 0o777 == 0o700


def test_backup_of_an_empty_folder(run: Run) -> None:
    result = run("backup")
    assert result.code == 1
    assert "nothing to back up" in result.one_line_error()


def test_a_broken_file_is_named_with_its_backup_and_restored(sample: Store, run: Run) -> None:
    good = backed_up(sample, run)
    clients = sample.path / "clients.json"
    original = clients.read_bytes()
    clients.write_bytes(original[: len(original) // 2])
    result = run("doctor")
    assert result.code == 1
    assert "ERROR clients.json cannot be read" in result.out
    problems = run("doctor", "--json").json()["problems"]
    (problem,) = problems
    named = Path(problem["backup"])  # the daily backup (real clock) may be newer than ours
    assert named.parent.parent == good.parent and named.read_bytes() == original
    assert f"the newest good backup is {named}" in result.out
    # what does not need the broken file keeps working
    day = datetime(2026, 11, 27, 23, tzinfo=UTC)
    assert Store(sample.path).entries.between(day, day + timedelta(days=1))
    assert run("config", "get", "home_tz").out.strip() == "Europe/Ljubljana"
    refused = run("doctor", "--restore")
    assert refused.code == 2
    assert "--yes" in refused.one_line_error()
    assert clients.read_bytes() == original[: len(original) // 2]
    fixed = run("doctor", "--restore", "--yes")
    assert fixed.code == 0, fixed
    assert f"restored clients.json from {named}" in fixed.err
    assert clients.read_bytes() == original
    kept = [p for p in sample.path.iterdir() if p.name.startswith("clients.json.broken-")]
    assert [p.read_bytes() for p in kept] == [original[: len(original) // 2]]
    assert kept[0].stat().st_mode & 0o777 == 0o600
    assert Store(sample.path).clients.find("acme").name == "Acme"


def test_restore_asks_first(sample: Store, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    backed_up(sample, run)
    tasks = sample.path / "tasks.json"
    tasks.write_bytes(b"{")

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", Tty("n\n"))
    said_no = run("doctor", "--restore")
    assert said_no.code == 1 and "not restored (you said no)" in said_no.err
    assert tasks.read_bytes() == b"{"
    monkeypatch.setattr(sys, "stdin", Tty("y\n"))
    said_yes = run("doctor", "--restore")
    assert said_yes.code == 0, said_yes
    assert "restore tasks.json from" in said_yes.err
    assert Store(sample.path).tasks.list()


def test_no_good_backup_means_the_file_is_left_alone(sample: Store, run: Run) -> None:
    meetings = sample.path / "meetings.json"
    meetings.write_bytes(b"garbage")
    result = run("doctor", "--restore", "--yes")
    assert result.code == 1
    assert "no backup holds a good copy" in result.out
    assert "left untouched" in result.err
    assert meetings.read_bytes() == b"garbage"


def test_a_record_that_does_not_fit(sample: Store, run: Run) -> None:
    path = sample.path / "requests.json"
    data = orjson.loads(path.read_bytes())
    data["_default"]["1"]["reply_by"] = "soon"
    path.write_bytes(orjson.dumps(data))
    path.chmod(0o600)
    result = run("doctor", "--json")
    assert result.code == 1
    (problem,) = result.json()["problems"]
    assert problem["code"] == "bad-record" and problem["file"] == "requests.json"
    assert "Request.reply_by" in problem["message"]


def test_references_overlaps_and_an_old_timer(sample: Store, run: Run) -> None:
    start = datetime(2026, 11, 3, 5, tzinfo=UTC)  # before the sample's working day
    sample.entries.add(Entry(99, start, start + timedelta(hours=1)))
    sample.entries.add(
        Entry(1, start + timedelta(minutes=30), start + timedelta(hours=2), task_id=999)
    )
    sample.timer.set(Timer(client_id=1, started=FIXED_NOW - timedelta(hours=30)))
    result = run("doctor")
    assert result.code == 1
    assert "names client 99, which does not exist" in result.out
    assert "names task 999, which does not exist" in result.out
    assert "overlap (2026-11-03 05:30 to 06:00 UTC)" in result.out
    assert "the timer has been running for 30 hours" in result.out


def test_a_newer_file_is_never_restored(sample: Store, run: Run) -> None:
    backed_up(sample, run)
    path = sample.path / "invoices.json"
    data = orjson.loads(path.read_bytes())
    data["_meta"]["1"]["schema"] = 99
    newer = orjson.dumps(data)
    path.write_bytes(newer)
    result = run("doctor", "--restore", "--yes")
    assert result.code == 1
    assert "written by a newer vaplanner" in result.out
    assert path.read_bytes() == newer


def test_counters_and_permissions_are_repaired(sample: Store, run: Run) -> None:
    highest = max(entry.id for entry in sample.entries.all())
    meta = sample.path / "meta.json"
    data = orjson.loads(meta.read_bytes())
    data["_default"]["1"]["counters"]["entries"] = 3
    meta.write_bytes(orjson.dumps(data))
    (sample.path / "entries").chmod(0o755)
    (sample.path / ".clients.json.1234abcd.tmp").write_bytes(b"{")
    result = run("doctor", "--json")
    codes = sorted({p["code"] for p in result.json()["problems"]})
    assert codes == ["counter-behind", "permissions", "temp-file"]
    assert result.code == 1
    assert run("doctor", "--restore", "--yes").code == 0
    assert Store(sample.path).meta.counter("entries") == highest
    assert (sample.path / "entries").stat().st_mode & 0o777 == 0o700


def test_doctor_in_a_real_process(sample: Store) -> None:
    env = {**os.environ, "VAPLANNER_HOME": str(sample.path)}
    ok = subprocess.run(
        [sys.executable, "-m", "vaplanner", "doctor", "--json"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["ok"] is True
    (sample.path / "settings.json").write_text("{")
    broken = subprocess.run(
        [sys.executable, "-m", "vaplanner", "doctor"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert broken.returncode == 1
    assert "settings.json cannot be read" in broken.stdout
    assert "Traceback" not in broken.stderr
