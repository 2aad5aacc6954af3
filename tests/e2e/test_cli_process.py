"""``python -m vaplanner`` as real processes: the timer outlives the process, errors are one
line with the right exit code, start-up stays light, and two processes starting and stopping
timers at the same moment never lose or duplicate an entry."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def vaplanner(data: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "VAPLANNER_HOME": str(data), "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "vaplanner", *argv],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    for argv in (
        ("config", "set", "home_tz", "Europe/Ljubljana"),
        ("client", "add", "Acme", "--tz", "America/New_York", "--key", "1"),
        ("client", "add", "Koala", "--tz", "Australia/Sydney", "--key", "2"),
    ):
        assert vaplanner(folder, *argv).returncode == 0
    return folder


def test_status_on_a_fresh_folder_is_idle(tmp_path: Path) -> None:
    result = vaplanner(tmp_path / "fresh", "status")
    assert (result.returncode, result.stdout, result.stderr) == (0, "idle\n", "")


def test_timer_survives_between_processes(data: Path) -> None:
    started = vaplanner(data, "start", "Acme", "--at=-15m", "--note", "inbox")
    assert started.returncode == 0 and started.stdout.startswith("Started Acme — inbox at ")
    status = json.loads(vaplanner(data, "status", "--json").stdout)
    assert status["running"] is True and status["client"] == "Acme"
    assert 15 * 60 <= status["elapsed_seconds"] < 20 * 60
    switched = vaplanner(data, "start", "2")
    assert "(stopped Acme after 0:15)" in switched.stdout
    assert vaplanner(data, "stop").returncode == 0
    listed = json.loads(vaplanner(data, "entries", "--json").stdout)
    assert [e["client"] for e in listed] == ["Acme", "Koala"]


def test_errors_are_one_line_with_exit_codes(data: Path) -> None:
    for argv in (("stop",), ("start", "Nobody"), ("start", "Acme", "--at", "soonish"), ("nope",)):
        result = vaplanner(data, *argv)
        assert result.returncode == 2, (argv, result)
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
        assert result.stderr.startswith("vaplanner: ")
        assert result.stdout == ""


def test_a_corrupt_store_is_exit_1_and_left_untouched(data: Path) -> None:
    vaplanner(data, "start", "Acme")
    timer_file = data / "timer.json"
    assert timer_file.exists()
    timer_file.write_text("{ not json", encoding="utf-8")
    result = vaplanner(data, "status")
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "timer.json" in result.stderr
    assert timer_file.read_text(encoding="utf-8") == "{ not json"


def test_timer_commands_do_not_load_heavy_modules(data: Path) -> None:
    code = textwrap.dedent(
        """
        import sys
        from vaplanner.cli import main
        for argv in (["start", "Acme", "--at", "-5m"], ["status", "--format", "{client}"],
                     ["start", "Koala", "--at", "2 min ago"], ["stop"], ["status", "--json"]):
            assert main(argv) == 0, argv
        heavy = ("textual", "rich", "icalendar", "dateutil", "vobject")
        print(",".join(m for m in heavy if m in sys.modules), file=sys.stderr)
        """
    )
    env = {**os.environ, "VAPLANNER_HOME": str(data), "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == ""


WORKER = textwrap.dedent(
    """
    import contextlib, io, json, sys
    from vaplanner.cli import main

    data, client, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
    log = []
    for i in range(rounds):
        for argv in (["start", client], ["stop"]) if i % 3 else (["start", client],):
            out, err = io.StringIO(), io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                code = main(["--data-dir", data, *argv])
            log.append([argv[0], code, out.getvalue(), err.getvalue()])
    print(json.dumps(log))
    """
)


@pytest.mark.slow
def test_two_processes_starting_and_stopping_never_lose_an_entry(data: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(data), client, "60"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for client in ("Acme", "Koala", "Acme", "Koala")
    ]
    logs = []
    for worker in workers:
        out, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err
        logs.extend(json.loads(out))
    final = vaplanner(data, "stop")
    # Every entry stored was reported exactly once: by a stop or by a switch.
    reported = sum(1 for cmd, code, out, _ in logs if code == 0 and cmd == "stop")
    reported += sum(1 for cmd, code, out, _ in logs if code == 0 and "(stopped " in out)
    reported += final.returncode == 0
    for cmd, code, out, err in logs:
        assert code in (0, 2), (cmd, code, out, err)
        if code == 2:  # only "nothing to stop" is an acceptable refusal here
            assert cmd == "stop" and "no timer is running" in err, err
        assert "Traceback" not in err
    listed = json.loads(vaplanner(data, "entries", "--json").stdout)
    assert len(listed) == reported
    assert len({e["id"] for e in listed}) == len(listed)
    ordered = sorted(listed, key=lambda e: (e["start_utc"], e["end_utc"]))
    for before, after in zip(ordered, ordered[1:], strict=False):
        assert before["end_utc"] <= after["start_utc"], (before, after)
    assert json.loads(vaplanner(data, "status", "--json").stdout) == {"running": False}
