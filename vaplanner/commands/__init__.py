"""Command-line subcommands, one module per group.

Each module in :data:`MODULES` defines ``register(sub, common)``: it adds its subparsers to
``sub`` (``argparse._SubParsersAction``), passing ``parents=[common]`` so that the global
options work after the subcommand too, and sets ``func=handler`` with
``parser.set_defaults(func=...)``. A handler is ``def handler(ctx: Context) -> int``.

Modules import heavy things (icalendar, dateutil, textual) inside handlers, never at the
top: ``vaplanner status`` must start in a few tens of milliseconds.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    import argparse
    from pathlib import Path

    from vaplanner.core.models import Settings
    from vaplanner.store.store import Store

#: Subcommand modules, in the order their commands appear in ``vaplanner --help``.
MODULES: tuple[str, ...] = (
    "config",
    "clients",
    "tasks",
    "timer",
    "entries",
    "blocks",
    "meetings",
    "worldclock",
    "ics",
    "reports",
    "invoices",
    "timecsv",
    "workflow",
    "safety",
)


class Context:
    """What a handler gets: parsed arguments, the data folder, the clock and the streams.

    ``out`` and ``err`` default to the streams of the moment, ``now`` to the system clock.
    (A plain class: creating a dataclass costs ~0.4 ms of every command's start-up.)

    The folders are kept as text and become ``Path`` objects when a handler asks for
    ``data_dir`` or ``config_dir``: the timer commands never import pathlib (~2 ms).
    """

    def __init__(
        self,
        args: argparse.Namespace,
        data_dir: str | os.PathLike[str],
        data_dir_overridden: bool = False,
        out: TextIO | None = None,
        err: TextIO | None = None,
        now: datetime | None = None,
    ) -> None:
        self.args = args
        self.data_root = os.fspath(data_dir)
        self.data_dir_overridden = data_dir_overridden
        self.out: TextIO = sys.stdout if out is None else out
        self.err: TextIO = sys.stderr if err is None else err
        self.now: datetime = datetime.now(UTC) if now is None else now

    def __repr__(self) -> str:
        return f"Context(args={self.args!r}, data_dir={self.data_root!r})"

    @property
    def data_dir(self) -> Path:
        """The data folder."""
        from pathlib import Path

        return Path(self.data_root)

    @cached_property
    def store(self) -> Store:
        from vaplanner.store.store import Store

        return Store(self.data_root)

    @cached_property
    def settings(self) -> Settings:
        from vaplanner.config import load_settings

        return load_settings(self.store, self.config_root)

    @cached_property
    def config_dir(self) -> Path:
        """The configuration folder (``config.toml``, themes, templates)."""
        from pathlib import Path

        return Path(self.config_root)

    @cached_property
    def config_root(self) -> str:
        """:attr:`config_dir` as text."""
        from vaplanner.paths import config_dir_text

        return config_dir_text(self.data_root, overridden=self.data_dir_overridden)

    def print(self, *parts: object) -> None:
        print(*parts, file=self.out)

    def note(self, message: str) -> None:
        """A one-line remark on stderr that does not change the exit code."""
        print(f"vaplanner: {message}", file=self.err)

    def print_json(self, value: Any) -> None:
        self.out.write(json.dumps(value, ensure_ascii=False, indent=2, default=str))
        self.out.write("\n")


def utc_z(instant: datetime | None) -> str | None:
    """``2026-11-28T14:32:00Z``: the JSON form of an instant (to the second)."""
    if instant is None:
        return None
    return instant.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def table(rows: Iterable[Sequence[object]], headers: Sequence[str]) -> str:
    """A plain, aligned text table (no colour: output is often piped)."""
    text_rows = [[("" if cell is None else str(cell)) for cell in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in text_rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], len(cell))
    lines = ["  ".join(h.ljust(widths[i]) for i, h in enumerate(headers)).rstrip()]
    for row in text_rows:
        lines.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
    return "\n".join(lines)


def env_flag(name: str) -> bool:
    return os.environ.get(name, "").lower() in {"1", "true", "yes"}


#: Top-level commands that several modules fill with a FORMAT subcommand each
#: (``export ics`` from ``ics.py``, ``export csv`` / ``import toggl`` from ``timecsv.py``).
COMMAND_GROUPS: dict[str, str] = {
    "export": "write meetings, blocks, deadlines or time entries to a file (ics, csv)",
    "import": "read calendar invitations or time-tracker exports (ics, toggl, clockify)",
}


def command_group(sub: Any, name: str, common: argparse.ArgumentParser) -> Any:
    """The subparsers action of a shared two-level command such as ``export`` or ``import``.

    The first module that asks creates ``vaplanner NAME FORMAT`` (FORMAT required, so a bare
    ``vaplanner export`` is a usage error, never the app); later modules get the same action
    back and add their own FORMAT parser to it, whatever order :data:`MODULES` loads them in::

        formats = command_group(sub, "export", common)
        ics = formats.add_parser("ics", parents=[common], help="...")
    """
    parser = sub.choices.get(name)
    if parser is None:
        parser = sub.add_parser(
            name,
            parents=[common],
            help=COMMAND_GROUPS.get(name),
            description=COMMAND_GROUPS.get(name),
        )
        parser._vaplanner_formats = parser.add_subparsers(
            title="formats",
            metavar="FORMAT",
            dest=f"{name}_format",
            required=True,
            parser_class=type(parser),
        )
    return parser._vaplanner_formats
