"""The command-line frame: every command module loads, start-up stays light, errors are one line."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

from vaplanner.cli import build_parser, main
from vaplanner.commands import MODULES


@pytest.mark.parametrize("name", MODULES)
def test_every_command_module_exists_and_registers(name: str) -> None:
    module = importlib.import_module(f"vaplanner.commands.{name}")
    assert callable(module.register)


def test_parser_builds_with_every_command() -> None:
    help_text = build_parser().format_help()
    for command in ("start", "stop", "status", "client", "task", "meeting", "report"):
        assert command in help_text


def test_cli_start_up_does_not_load_textual_or_icalendar() -> None:
    code = (
        "import sys; from vaplanner.cli import build_parser; build_parser(); "
        "heavy = [m for m in ('textual', 'rich', 'icalendar', 'dateutil', 'vobject') "
        "if m in sys.modules]; print(','.join(heavy))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == ""


def test_unknown_command_is_one_line_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["no-such-command"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "no-such-command" in err
