"""Fixtures for command-line tests: run ``vaplanner`` in-process against a private data folder.

``run("start", "Acme")`` returns ``(code, out, err)`` (a :class:`Result`, also with attributes);
``now=`` replaces the clock (default: ``FIXED_NOW``, Saturday 28 Nov 2026 14:32 in Ljubljana).
``world`` is ``run`` on a data folder with three clients in three zones and the home zone set.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple, Protocol

import pytest

from tests.conftest import FIXED_NOW
from vaplanner.cli import main


class Result(NamedTuple):
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)

    def one_line_error(self) -> str:
        """The error line, after checking it is exactly one line and no traceback."""
        assert self.code != 0, self
        assert "Traceback" not in self.err, self.err
        assert self.err.count("\n") == 1, self.err
        assert self.err.startswith("vaplanner: "), self.err
        return self.err.strip()


class Run(Protocol):
    def __call__(self, *argv: str, now: datetime = ...) -> Result: ...


@pytest.fixture
def run(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> Run:
    def invoke(*argv: str, now: datetime = FIXED_NOW) -> Result:
        try:
            code = main(["--data-dir", str(data_dir), *argv], now=now)
        except SystemExit as stop:  # argparse errors
            code = stop.code if isinstance(stop.code, int) else 1
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke


@pytest.fixture
def world(run: Run) -> Run:
    """Home zone Ljubljana; Acme (New York, key 1), Koala (Sydney, key 2), Brightside (London)."""
    for argv in (
        ("config", "set", "home_tz", "Europe/Ljubljana"),
        ("client", "add", "Acme", "--tz", "America/New_York", "--key", "1", "--rate", "45"),
        ("client", "add", "Koala", "--tz", "Australia/Sydney", "--key", "2"),
        ("client", "add", "Brightside", "--tz", "Europe/London", "--key", "3"),
    ):
        result = run(*argv)
        assert result.code == 0, result
    return run


Check = Callable[[Result], None]
