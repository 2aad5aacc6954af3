"""What ``vaplanner status``, ``start`` and ``stop`` import: nothing they do not need.

The start-up budget (DESIGN.md section 8: whole process <= 60 ms) is mostly imports, so a
module that creeps onto these paths is a regression even when no test is slower. Each case
runs the commands in a fresh interpreter (``sys.modules`` of this one is full of everything)
and lists which of the modules below it loaded. Timing is for ``benchmarks/cli.py``, not here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.cli.conftest import Run

#: Never on the timer paths: the app, calendars, date parsing, other commands' modules.
HEAVY = (
    "textual",
    "rich",
    "icalendar",
    "dateutil",
    "vobject",
    "vaplanner.ui",
    "vaplanner.core.ical",
    "vaplanner.core.recur",
    "vaplanner.core.planner",
    "vaplanner.core.reports",
    "vaplanner.core.billing",
    "vaplanner.store.doctor",
    "vaplanner.commands.clients",
    "vaplanner.commands.reports",
    "vaplanner.commands.ics",
    "asyncio",
    "subprocess",
    "logging",
    "email",
    "http",
    "urllib.request",
    "csv",
    "zipfile",
    "difflib",
)

#: Not for a read-only status either: platformdirs (the data folder is given), tomllib (there
#: is no config.toml), shutil (argparse asks it for the terminal width; backups use it only
#: when writing), string (only to check a --format), the time parser.
NOT_FOR_STATUS = ("platformdirs", "tomllib", "shutil", "string", "vaplanner.core.times")

#: Nor on any timer path, writes included: the records are written as documents (no tinydb),
#: small files with the standard json (no orjson), paths as text (no pathlib, which loads
#: urllib.parse and ipaddress), argparse without gettext lookups (no locale).
NOT_FOR_THE_TIMER = ("tinydb", "orjson", "pathlib", "urllib.parse", "ipaddress", "locale")

CHILD = textwrap.dedent(
    """
    import contextlib, io, json, sys
    from vaplanner.cli import main

    watched = json.loads(sys.argv[1])
    loaded = {}
    for argv in json.loads(sys.argv[2]):
        with contextlib.redirect_stdout(io.StringIO()):
            code = main(argv)
        loaded[" ".join(argv)] = [
            name for name in watched
            if any(m == name or m.startswith(name + ".") for m in sys.modules)
        ] + ([] if code == 0 else [f"exit code {code}"])
    print(json.dumps(loaded))
    """
)


def loaded_by(
    data: Path, commands: list[list[str]], watched: tuple[str, ...]
) -> dict[str, list[str]]:
    """For each command, run in turn in one fresh interpreter, the watched modules loaded so far."""
    env = {**os.environ, "VAPLANNER_HOME": str(data)}
    result = subprocess.run(
        [sys.executable, "-c", CHILD, json.dumps(watched), json.dumps(commands)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    loaded: dict[str, list[str]] = json.loads(result.stdout)
    return loaded


@pytest.fixture
def running(run: Run, data_dir: Path) -> Path:
    """A data folder with a home zone, two clients and a timer running for the first."""
    for argv in (
        ("config", "set", "home_tz", "Europe/Ljubljana"),
        ("client", "add", "Acme", "--tz", "America/New_York", "--key", "1"),
        ("client", "add", "Koala", "--tz", "Australia/Sydney", "--key", "2"),
        ("start", "Acme"),
    ):
        assert run(*argv).code == 0, argv
    return data_dir


@pytest.mark.parametrize(
    "argv",
    [["status"], ["status", "--json"]],
    ids=["status", "status --json"],
)
def test_status_imports_only_what_it_needs(running: Path, argv: list[str]) -> None:
    loaded = loaded_by(running, [argv], HEAVY + NOT_FOR_STATUS)
    assert loaded == {" ".join(argv): []}


def test_status_with_a_format_adds_only_string(running: Path) -> None:
    argv = ["status", "--format", "{client} {elapsed}"]
    loaded = loaded_by(running, [argv], HEAVY + NOT_FOR_STATUS)
    assert loaded == {" ".join(argv): ["string"]}


def test_switching_and_stopping_import_nothing_heavy(running: Path) -> None:
    loaded = loaded_by(running, [["start", "Koala"], ["stop"], ["status"]], HEAVY)
    assert loaded == {"start Koala": [], "stop": [], "status": []}


def test_the_timer_paths_import_neither_tinydb_nor_pathlib(running: Path) -> None:
    commands = [["status"], ["start", "Koala"], ["start", "1"], ["stop"], ["status"]]
    loaded = loaded_by(running, commands, NOT_FOR_THE_TIMER)
    assert loaded == {" ".join(argv): [] for argv in commands}


def test_the_watch_list_would_notice_a_heavy_import(running: Path) -> None:
    # The check itself works: a command that does load some of them is reported.
    loaded = loaded_by(running, [["report", "--month"]], HEAVY + NOT_FOR_STATUS)
    assert {"vaplanner.commands.reports", "vaplanner.core.reports"} <= set(loaded["report --month"])
    loaded = loaded_by(running, [["doctor"]], NOT_FOR_THE_TIMER)
    assert "pathlib" in loaded["doctor"]
