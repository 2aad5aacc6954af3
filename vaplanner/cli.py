"""The ``vaplanner`` command: runs a subcommand, or the full-screen app when there is none.

Start-up time is part of the performance budget, so this module imports only the standard
library; subcommand modules import what they need inside their handlers.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from datetime import datetime
from typing import NoReturn, cast

from vaplanner import __version__
from vaplanner.commands import MODULES, Context, env_flag


def one_line(text: str) -> str:
    """``text`` with line breaks and other control characters written as escapes, so that an
    error quoting what was typed ("unrecognized arguments: a<newline>b") stays one line."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors (exit 2) instead of a usage dump."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"vaplanner: {one_line(message)}; see '{self.prog} --help'\n")

    def _get_formatter(self) -> argparse.HelpFormatter:
        # argparse builds a formatter on every add_argument, and without a width the
        # formatter imports shutil (zlib, bz2, lzma: ~2 ms of the start-up budget) only to
        # ask for the terminal's width.
        formatter_class = cast("type[argparse.HelpFormatter]", self.formatter_class)
        return formatter_class(prog=self.prog, width=_help_width())


#: ``$COLUMNS`` -> the width worked out for it (a parser asks for every argument it adds).
_WIDTHS: dict[str, int] = {}


def _help_width() -> int:
    """The width argparse would use: ``$COLUMNS``, else the terminal's, else 80; minus 2."""
    env = os.environ.get("COLUMNS", "")
    width = _WIDTHS.get(env)
    if width is not None:
        return width
    try:
        columns = int(env)
    except ValueError:
        columns = 0
    if columns <= 0 and sys.__stdout__ is not None:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (ValueError, OSError):
            columns = 0
    width = _WIDTHS[env] = (columns or 80) - 2
    return width


def _untranslated(message: str) -> str:
    return message


def _untranslated_plural(msgid1: str, msgid2: str, n: int) -> str:
    return msgid1 if n == 1 else msgid2


def _skip_missing_translations() -> None:
    """Let argparse skip gettext when there is nothing to translate with.

    argparse passes each of its messages through ``gettext``, which looks for a catalogue on
    disk every time: some twenty messages per command line, each a few ``stat`` calls and,
    the first time, an import of ``locale`` (~1 ms of the start-up budget). When no
    catalogue exists for the current domain and languages, gettext returns every message
    unchanged (and ``ngettext`` picks by ``n == 1``), so argparse is given exactly that.
    """
    import gettext

    domain = gettext.textdomain()
    localedir = gettext.bindtextdomain(domain)
    # no folder: no catalogue in any language, without asking gettext (and importing locale)
    if os.path.isdir(localedir) and gettext.find(domain, localedir) is not None:
        translate, plural = gettext.gettext, gettext.ngettext  # what argparse imported
    else:
        translate, plural = _untranslated, _untranslated_plural
    setattr(argparse, "_", translate)  # noqa: B010 - argparse reads these globals per call
    setattr(argparse, "ngettext", plural)  # noqa: B010


def _common_options() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="data folder (default: $VAPLANNER_HOME or the platform's user data folder)",
    )
    return common


#: Which module registers a command, so that ``vaplanner status`` builds (and imports) only
#: that module's parsers: the whole tree costs tens of milliseconds of the 60 ms start-up
#: budget. Owners may add their commands; any other command, and ``--help``, builds it all.
FAST_COMMANDS: dict[str, str] = {
    "start": "timer",
    "stop": "timer",
    "cancel": "timer",
    "status": "timer",
    "log": "entries",
    "entries": "entries",
    "client": "clients",
    "task": "tasks",
    "config": "config",
    "report": "reports",
    "progress": "reports",
    "invoice": "invoices",
}


def _command_of(argv: Sequence[str]) -> str | None:
    """The subcommand named in ``argv`` (after global options), or None."""
    skip = False
    for token in argv:
        if skip:
            skip = False
        elif token == "--data-dir":
            skip = True
        elif token in ("-h", "--help", "--version", "--"):
            return None
        elif not token.startswith("-"):
            return token
    return None


def _opens_app(argv: Sequence[str]) -> bool:
    """Whether ``argv`` is ``vaplanner`` alone with nothing but the app's options (``--demo``,
    ``--data-dir DIR``): the command line that opens the app needs none of the commands.

    Any other command line (a command, ``--help``, ``--version``, an abbreviated option, a
    ``--data-dir`` without its value) builds the tree as before.
    """
    tokens = iter(argv)
    for token in tokens:
        if token == "--data-dir":
            if next(tokens, None) is None:
                return False
        elif token != "--demo" and not token.startswith("--data-dir="):
            return False
    return True


def build_parser(only: str | None = None, *, app_only: bool = False) -> argparse.ArgumentParser:
    """The whole command tree (cheap: modules import heavy things in their handlers), or with
    ``only`` the commands of that one module, or with ``app_only`` none: the parser of the
    command line that opens the app (building every command's parser costs that ~10 ms)."""
    common = _common_options()
    parser = _Parser(
        prog="vaplanner",
        description="A terminal planner for virtual assistants with clients in many time zones. "
        "Without a command it opens the full-screen planner.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"vaplanner {__version__}")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open the planner on a throwaway copy of the sample data (your data is untouched)",
    )
    sub = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=_Parser)
    for name in () if app_only else (only,) if only else MODULES:
        try:
            module = importlib.import_module(f"vaplanner.commands.{name}")
        except ModuleNotFoundError as error:
            # Only while the tree is being built; tests assert that every module loads.
            if error.name != f"vaplanner.commands.{name}":
                raise
            continue
        module.register(sub, common)
    return parser


#: Options whose value may start with "-" ("--at -15m", "--from -1d"): argparse would take the
#: value for an option, so it is glued on as "--at=-15m" before parsing.
_SIGNED_VALUE_OPTIONS = frozenset({"--at", "--from", "--to", "--due", "--received", "--start"})


def _glue_signed_values(argv: Sequence[str]) -> list[str]:
    tokens = list(argv)
    out: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token == "--":
            out.extend(tokens[i:])
            break
        following = tokens[i + 1] if i + 1 < len(tokens) else ""
        if token in _SIGNED_VALUE_OPTIONS and following[:1] == "-" and following[1:2].isdigit():
            out.append(f"{token}={following}")
            i += 2
            continue
        out.append(token)
        i += 1
    return out


def _not_utf8(tokens: Sequence[str]) -> str | None:
    """The first argument holding bytes that were not UTF-8 (Python keeps them as lone
    surrogates); the store cannot write them, so they are refused before anything runs."""
    for token in tokens:
        try:
            token.encode("utf-8")
        except UnicodeEncodeError:
            return token
    return None


def main(argv: Sequence[str] | None = None, *, now: datetime | None = None) -> int:
    """Entry point of the console script; returns the exit code.

    ``now`` (aware) replaces the clock, for tests and reproducible demos.
    """
    from vaplanner.core.errors import VaplannerError
    from vaplanner.paths import data_dir_text

    tokens = _glue_signed_values(sys.argv[1:] if argv is None else argv)
    undecodable = _not_utf8(tokens)
    if undecodable is not None:
        print(
            f"vaplanner: argument {undecodable!r} is not valid UTF-8 text; set a UTF-8 locale "
            "(e.g. LANG=C.UTF-8) or retype it",
            file=sys.stderr,
        )
        return 2
    _skip_missing_translations()
    if _opens_app(tokens):
        parser = build_parser(app_only=True)
    else:
        parser = build_parser(FAST_COMMANDS.get(_command_of(tokens) or ""))
    args = parser.parse_args(tokens)
    override = getattr(args, "data_dir", None)
    if override is not None and not override.strip():
        # "" would silently fall back to the default folder: the user's real data
        print("vaplanner: --data-dir is empty; give a folder", file=sys.stderr)
        return 2
    ctx = Context(
        args=args,
        data_dir=data_dir_text(override),
        data_dir_overridden=bool(override or os.environ.get("VAPLANNER_HOME")),
    )
    if now is not None:
        ctx.now = now
    try:
        func = getattr(args, "func", None)
        if func is None:
            from vaplanner.ui.run import run_app

            return run_app(ctx, demo=bool(args.demo))
        return int(func(ctx))
    except VaplannerError as error:
        print(f"vaplanner: {one_line(str(error))}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as error:  # noqa: BLE001 - last resort: one line, never a traceback
        if env_flag("VAPLANNER_DEBUG"):
            raise
        print(
            f"vaplanner: internal error: {type(error).__name__}: {one_line(str(error))} "
            "(run with VAPLANNER_DEBUG=1 for details and please report it)",
            file=sys.stderr,
        )
        return 1
