"""The real program in a real terminal: tmux runs ``vaplanner``, we type keys and read the pane.

Skipped when tmux is not installed. A private tmux server (``-L``) keeps it away from the
developer's own sessions.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from vaplanner.demo import generate
from vaplanner.store.store import Store

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


class Pane:
    """One tmux session on a private server."""

    def __init__(self, socket: str, name: str) -> None:
        self.socket = socket
        self.name = name

    def tmux(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=False
        )
        return result.stdout

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.tmux("send-keys", "-t", self.name, key)
            time.sleep(0.15)

    def text(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.name)

    def wait_for(self, check: str | Callable[[str], bool], timeout: float = 15.0) -> str:
        test = (lambda screen: check in screen) if isinstance(check, str) else check
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.text()
            if test(screen):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {check!r}; the pane shows:\n{screen}")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    generate(Store(folder), scale="sample")
    return folder


@pytest.fixture
def pane(tmp_path: Path, data: Path) -> Iterator[Pane]:
    socket = f"vaplanner-e2e-{os.getpid()}"
    command = " ".join(
        [
            "env",
            f"VAPLANNER_HOME={shlex.quote(str(data))}",
            f"VAPLANNER_CONFIG_DIR={shlex.quote(str(tmp_path / 'config'))}",
            "TERM=xterm-256color",
            shlex.quote(sys.executable),
            "-m",
            "vaplanner",
            "; echo VAPLANNER-EXITED $?; sleep 30",
        ]
    )
    subprocess.run(
        ["tmux", "-L", socket, "new-session", "-d", "-s", "app", "-x", "120", "-y", "40", command],
        check=True,
    )
    try:
        yield Pane(socket, "app")
    finally:
        subprocess.run(["tmux", "-L", socket, "kill-server"], check=False, capture_output=True)


def _vaplanner(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "vaplanner", "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_real_program_switches_clients_runs_a_timer_and_sees_the_cli(
    pane: Pane, data: Path
) -> None:
    screen = pane.wait_for("Clients")
    assert "Acme" in screen and "Koala" in screen and "? help" in screen
    pane.keys("3")
    pane.wait_for("Brightside · queue")
    # space on an empty row starts Brightside's top task (the cursor starts on now; the row
    # after the grid's end is never a block, so go to the last row first)
    pane.keys("End", "Space")
    pane.wait_for("▶ Brightside")
    status = _vaplanner(data, "status", "--json")
    assert status.returncode == 0 and "Brightside" in status.stdout
    # another terminal switches the timer: the app shows it within two seconds
    started = _vaplanner(data, "start", "Koala")
    assert started.returncode == 0, started.stderr
    pane.wait_for("▶ Koala", timeout=4)
    pane.keys("?")
    pane.wait_for("Keys · planner")
    pane.keys("Escape", "q")
    pane.wait_for("VAPLANNER-EXITED 0")
