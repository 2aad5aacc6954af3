"""``vaplanner`` alone opens the app without building the commands' parsers.

The command line that opens the app (nothing but ``--demo`` and ``--data-dir DIR``) is parsed
by a parser without the commands; it must read exactly what the whole tree reads, and any
other command line must still get the whole tree.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vaplanner.cli import _opens_app, build_parser

APP_LINES = [
    [],
    ["--demo"],
    ["--data-dir", "/tmp/x"],
    ["--data-dir=/tmp/x", "--demo"],
    ["--demo", "--data-dir", "a folder"],
    ["--data-dir", "status"],
    ["--data-dir", "-x"],
    ["--data-dir", ""],
    ["--data-dir", "a", "--data-dir", "b"],
]

OTHER_LINES = [
    ["status"],
    ["--help"],
    ["-h"],
    ["--version"],
    ["--dem"],
    ["--data-dir"],
    ["--demo", "--data-dir"],
    ["--", "status"],
    ["--data-dir", "x", "status"],
    ["--demo", "start", "Acme"],
    ["-x"],
]


def _parse(parser: argparse.ArgumentParser, argv: list[str]) -> tuple[object, ...]:
    """What parsing ``argv`` gives: the namespace, or the exit code and the message."""
    message = io.StringIO()
    try:
        with contextlib.redirect_stderr(message):
            return ("ok", vars(parser.parse_args(argv)))
    except SystemExit as error:
        return ("exit", error.code, message.getvalue())


@pytest.mark.parametrize("argv", APP_LINES)
def test_app_lines_parse_as_with_every_command(argv: list[str]) -> None:
    assert _opens_app(argv)
    assert _parse(build_parser(app_only=True), argv) == _parse(build_parser(), argv)


@pytest.mark.parametrize("argv", OTHER_LINES)
def test_other_lines_build_the_commands(argv: list[str]) -> None:
    assert not _opens_app(argv)


@given(
    st.lists(
        st.one_of(
            st.sampled_from(["--demo", "--data-dir", "--data-dir=d", "-h", "--", "status"]),
            st.text(max_size=4),
        ),
        max_size=5,
    )
)
def test_any_line_the_app_parser_takes_parses_as_with_every_command(argv: list[str]) -> None:
    if _opens_app(argv):
        assert _parse(build_parser(app_only=True), argv) == _parse(build_parser(), argv)


def test_opening_the_app_loads_no_command_module(tmp_path: Path) -> None:
    code = textwrap.dedent(
        f"""
        import sys
        import vaplanner.ui.run
        def run_app(ctx, demo):
            print(",".join(sorted(m for m in sys.modules if m.startswith("vaplanner.commands."))))
            print(ctx.data_dir, demo)
            return 0
        vaplanner.ui.run.run_app = run_app
        from vaplanner.cli import main
        sys.exit(main(["--demo", "--data-dir", {str(tmp_path)!r}]))
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out == ["", f"{tmp_path} True"]
