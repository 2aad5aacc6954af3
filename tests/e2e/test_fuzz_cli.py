"""Hostile input for every command: no traceback, a one-line error, exit 2, an unchanged store.

The command tree is read from ``vaplanner.cli.build_parser()``, so a new command is fuzzed
as soon as it is registered. Each example runs one command in-process
(``vaplanner.cli.main(argv, now=FIXED_NOW)``) on a fresh copy of the demo sample set, in a
private working folder (exports land there), and checks:

* no ``Traceback`` and no ``internal error`` on stderr;
* exit 0 or 2 (1 is for a store that cannot be used, and this one is healthy);
* on an error, exactly one stderr line, starting ``vaplanner:``;
* after an error, every data file byte for byte as before (backups and the lock aside).

Three layers: a deterministic sweep that gives every option of every command a bad value,
a hypothesis search over random argument lists, and a table of inputs that must be refused.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import FIXED_NOW
from vaplanner.cli import build_parser, main
from vaplanner.core.models import Block, Entry, Invoice, InvoiceLine, Meeting, Request, Task, Timer

# ----------------------------------------------------------------------------- the command tree


@dataclass(frozen=True)
class Option:
    flags: tuple[str, ...]  # empty for a positional
    dest: str
    takes_value: bool
    nargs: object
    choices: tuple[str, ...]


@dataclass(frozen=True)
class Command:
    path: tuple[str, ...]
    positionals: tuple[Option, ...]
    options: tuple[Option, ...]

    @property
    def name(self) -> str:
        return " ".join(self.path)


def _commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> Iterator[Command]:
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        positionals: list[Option] = []
        options: list[Option] = []
        for action in parser._actions:
            if isinstance(action, argparse._HelpAction) or action.dest == "data_dir":
                continue  # --data-dir is ours: the fuzz never moves the data folder
            option = Option(
                tuple(action.option_strings),
                action.dest,
                action.nargs != 0,
                action.nargs,
                tuple(str(c) for c in action.choices or ()),
            )
            (options if action.option_strings else positionals).append(option)
        yield Command(path, tuple(positionals), tuple(options))
        return
    for sub in subs:
        for name, child in sub.choices.items():
            yield from _commands(child, (*path, name))


COMMANDS: tuple[Command, ...] = tuple(_commands(build_parser()))

# ------------------------------------------------------------------------------------ values

# Valid values, so that commands get past their first check and reach deeper code.
GOOD: dict[str, tuple[str, ...]] = {
    "client": ("Acme", "1", "koala", "Brightside", "Čebelica", "5"),
    "time": ("now", "-15m", "+1h", "09:30", "2026-11-27 10:00", "tomorrow 14:00", "mon 9:00"),
    "date": ("today", "tomorrow", "2026-11-01", "+3d", "-7d", "fri", "1 Dec 2026"),
    "zone": ("UTC", "Europe/Ljubljana", "America/New_York", "client", "home", "Asia/Kathmandu"),
    "duration": ("30m", "1h30m", "1.5h", "1:30", "90", "2h"),
    "number": ("1", "2", "3", "10", "45.50"),
    "text": ("Fuzz", "Newsletter draft", "notes, with; punctuation", "多言語 ✓"),
    "file": ("out.ics", "out", "x.zip", "report.csv", "missing.ics", "-"),
}

# Hostile values for any slot.
NASTY: tuple[str, ...] = (
    "", " ", "-", "--", "---", "0", "-0", "-1", "-5m", "-1:30", "1e309", "NaN", "inf",
    "0x10", "1,5", "٣", "日本語", "Ünïcödé", "🙂", "\x00", "\t", "\n", "a" * 300,
    "' OR 1=1 --", "%s%n", "{0}", "$(id)", ".", "none", "null", "true", "=", "--yes",
    "25:00", "9:61", "13pm", "24:01", "2026-02-30", "2026-13-01", "0000-00-00",
    "2026-03-29 02:30", "2026-10-25 02:30", "Mars/Olympus", "EST5", "America/New_Yrok",
    "Etc/GMT+14", "posix/Europe/Paris", "1:99", "1.5.5h", "-90m", "99999", "2**64",
    str(2**63), "18446744073709551617", "-99999", "99999h", "999d", "+999w", "9" * 6,
    "caf\udce9", "\udcff",  # bytes that were not UTF-8, as Python hands them over
)  # fmt: skip

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
#: Files in every run's working folder, for the import commands.
INPUT_FILES = {
    "invite.ics": FIXTURES / "ics" / "google_invite.ics",
    "broken.ics": FIXTURES / "ics" / "broken.ics",
    "toggl.csv": FIXTURES / "csv" / "toggl_detailed_sample.csv",
    "clockify.csv": FIXTURES / "csv" / "clockify_detailed_sample.csv",
}

# Paths the fuzz may hand to a command: all relative to the private working folder (the tests
# may run as root, so never an absolute path, "~" or a parent folder).
SAFE_PATHS: tuple[str, ...] = (
    *GOOD["file"], *INPUT_FILES, "", ".", "sub/dir/x.zip", "日本.ics", "a b.csv", "-o",
)  # fmt: skip
PATH_DESTS = {"file", "output"}


def _kind(dest: str) -> str:
    if dest in {"client", "clients", "name", "new_name"}:
        return "client"
    if dest in {"at", "received", "start", "end", "date_from", "date_to"}:
        return "time"
    if dest in {"date", "due", "until", "on", "day", "week", "from_", "to", "retainer_since"}:
        return "date"
    if dest in {"tz", "zone"}:
        return "zone"
    if dest in {"duration", "estimate", "reply_within", "days"}:
        return "duration"
    if dest in {"id", "task", "rate", "terms", "score", "number", "sinks", "upfront"} | {
        "rounding",
        "rollover_days",
        "overage_rate",
        "retainer_hours",
        "retainer_fee",
    }:
        return "number"
    if dest in PATH_DESTS:
        return "file"
    return "text"


def value_for(option: Option) -> st.SearchStrategy[str]:
    if option.dest in PATH_DESTS:
        return st.sampled_from(SAFE_PATHS)
    pools = [st.sampled_from(GOOD[_kind(option.dest)]), st.sampled_from(NASTY)]
    if option.choices:
        pools.append(st.sampled_from(option.choices))
    pools.append(st.text(max_size=12))
    return st.one_of(*pools)


@st.composite
def argv_for(draw: st.DrawFn, command: Command) -> list[str]:
    """The command's path, its positionals (sometimes missing or doubled), a random choice of
    its options (sometimes without their value), and now and then a stray token."""
    argv = list(command.path)
    for positional in command.positionals:
        if draw(st.integers(0, 9)) == 0:
            continue  # a missing argument
        count = 2 if positional.nargs in ("+", "*") and draw(st.booleans()) else 1
        argv += [draw(value_for(positional)) for _ in range(count)]
    chosen = draw(st.lists(st.sampled_from(command.options), max_size=4)) if command.options else []
    for option in chosen:
        argv.append(draw(st.sampled_from(option.flags)))
        if option.takes_value and option.nargs != "?" and draw(st.integers(0, 7)) != 0:
            argv.append(draw(value_for(option)))
    if draw(st.integers(0, 5)) == 0:
        stray = draw(st.sampled_from(["--bogus", "-x", "extra", "--json=1", "--", "-"]))
        argv.insert(draw(st.integers(len(command.path), len(argv))), stray)
    return argv


# ------------------------------------------------------------------------------------ running


@pytest.fixture(autouse=True)
def _no_fsync(monkeypatch: pytest.MonkeyPatch) -> None:
    """Durability is tested elsewhere (tests/store/test_crash.py); here fsync only costs
    the minutes of I/O that a thousand writing commands spend waiting for the disk."""
    monkeypatch.setattr(os, "fsync", lambda fd: None)


@dataclass(frozen=True)
class Prepared:
    """The folder every example copies, and what the ``@name`` tokens of the tables stand
    for (ids of records made here, so the tables do not depend on the demo set's ids)."""

    folder: Path
    tokens: dict[str, str]


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Prepared:
    """The demo sample set, a running timer, and records of our own (a task, a block, two
    meetings, a request, a draft and a sent invoice, an unbilled entry in June 2025), made
    once; every example gets a copy."""
    from vaplanner.demo import generate
    from vaplanner.store.store import Store

    folder = tmp_path_factory.mktemp("fuzz") / "data"
    store = Store(folder, clock=lambda: FIXED_NOW)
    generate(store, "sample", date(2026, 11, 28), now=FIXED_NOW)
    # the daily backup copies every file on each run's first write: minutes over a whole fuzz
    # run, and backups are tested on their own (tests/store/test_backups.py)
    store.save_settings(replace(store.get_settings(), backups_keep=0))
    acme = store.clients.find("Acme").id
    store.timer.set(
        Timer(client_id=store.clients.find("Koala").id, started=FIXED_NOW - timedelta(minutes=8))
    )
    day = datetime(2026, 12, 9, 15, 0, tzinfo=UTC)
    store.entries.add(
        Entry(acme, datetime(2025, 6, 2, 8, 0, tzinfo=UTC), datetime(2025, 6, 2, 9, 0, tzinfo=UTC))
    )
    tokens = {
        "@task": store.tasks.add(Task(acme, "Fuzz baseline task")).id,
        "@block": store.blocks.add(Block(day, day + timedelta(hours=1), client_id=acme)).id,
        "@meeting": store.meetings.add(
            Meeting(acme, "Fuzz sync", datetime(2026, 12, 9, 9), "America/New_York", every="weekly")
        ).id,
        "@meeting2": store.meetings.add(
            Meeting(acme, "Fuzz other", datetime(2026, 12, 10, 9), "America/New_York")
        ).id,
        "@request": store.requests.add(
            Request(
                acme,
                "Fuzz ask",
                "email",
                FIXED_NOW - timedelta(hours=1),
                FIXED_NOW + timedelta(hours=1),
            )
        ).id,
    }
    line = InvoiceLine("Assistant services", Decimal(1), Decimal(40), Decimal(40), minutes=60)
    issued = date(2026, 11, 2)
    store.invoices.add(Invoice(acme, "2026-900", issued, issued + timedelta(days=14), "USD"))
    store.invoices.add(
        Invoice(
            acme,
            "2026-901",
            issued,
            issued + timedelta(days=14),
            "USD",
            lines=(line,),
            status="sent",
        )
    )
    store.close()
    return Prepared(
        folder,
        {**{k: str(v) for k, v in tokens.items()}, "@draft": "2026-900", "@sent": "2026-901"},
    )


def fingerprint(folder: Path) -> dict[str, str]:
    """sha256 of every file in the data folder, except backups and the writers' lock."""
    found: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_file() and rel.split("/")[0] != "backups" and path.name != ".lock":
            found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


@dataclass
class Outcome:
    argv: list[str]
    code: int
    out: str
    err: str
    changed: bool


def run(prepared: Prepared, argv: list[str]) -> Outcome:
    """One command on a fresh copy of ``prepared``, in a private working folder (``@name``
    tokens replaced by their ids)."""
    argv = [prepared.tokens.get(token, token) for token in argv]
    work = Path(tempfile.mkdtemp(prefix="vaplanner-fuzz-"))
    try:
        data = work / "data"
        shutil.copytree(prepared.folder, data)
        (work / "cwd").mkdir()
        for name, source in INPUT_FILES.items():
            shutil.copyfile(source, work / "cwd" / name)
        before = fingerprint(data)
        out, err = io.StringIO(), io.StringIO()
        saved = {k: os.environ.get(k) for k in ("VAPLANNER_HOME", "VAPLANNER_CONFIG_DIR")}
        os.environ["VAPLANNER_HOME"] = str(data)
        os.environ["VAPLANNER_CONFIG_DIR"] = str(work / "config")
        try:
            with (
                contextlib.chdir(work / "cwd"),
                contextlib.redirect_stdout(out),
                contextlib.redirect_stderr(err),
            ):
                try:
                    code = main(["--data-dir", str(data), *argv], now=FIXED_NOW)
                except SystemExit as stop:  # argparse
                    code = stop.code if isinstance(stop.code, int) else 1
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
        return Outcome(argv, code, out.getvalue(), err.getvalue(), fingerprint(data) != before)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def check(outcome: Outcome) -> None:
    """The promises every command keeps, whatever it was given."""
    where = f"argv={outcome.argv!r} exit={outcome.code} stderr={outcome.err!r}"
    assert "Traceback" not in outcome.err, where
    assert "internal error" not in outcome.err, where
    assert outcome.code in (0, 2), where
    if outcome.code != 0:
        assert outcome.err.startswith("vaplanner: "), where
        assert outcome.err.count("\n") == 1, where
        assert not outcome.changed, f"the store changed after a failed command: {where}"


# --------------------------------------------------------------------- every command, by hand

#: A valid call of every command on the demo set (the timer runs for Koala Digital).
BASELINE: dict[str, tuple[str, ...]] = {
    "config get": ("config", "get", "home_tz"),
    "config set": ("config", "set", "buffer_minutes", "15"),
    "config list": ("config", "list"),
    "client add": ("client", "add", "Zed Co", "--tz", "Asia/Tokyo", "--rate", "40"),
    "client list": ("client", "list", "--all"),
    "client show": ("client", "show", "Acme"),
    "client edit": ("client", "edit", "Acme", "--rate", "50"),
    "client archive": ("client", "archive", "Himal Treks"),
    "client export": ("client", "export", "Acme", "-o", "acme.zip"),
    "client purge": ("client", "purge", "Brightside", "--yes"),
    "task add": ("task", "add", "Acme", "Fuzz task", "--due", "tomorrow 17:00", "--estimate", "1h"),
    "task list": ("task", "list", "Acme"),
    "task done": ("task", "done", "@task"),
    "task edit": ("task", "edit", "@task", "--title", "Renamed", "--estimate", "45m"),
    "start": ("start", "Acme", "--note", "switch"),
    "stop": ("stop",),
    "cancel": ("cancel",),
    "status": ("status", "--format", "{client} {elapsed}"),
    "log": ("log", "Acme", "--from", "2025-06-03 03:00", "--to", "2025-06-03 03:30"),
    "entries": ("entries", "--from", "2026-11-20", "--client", "Acme"),
    "block add": ("block", "add", "1", "--date", "+5d", "--start", "9", "--end", "10", "--force"),
    "block list": ("block", "list", "--from", "2026-11-28"),
    "block delete": ("block", "delete", "@block"),
    "plan": ("plan", "2026-11-30"),
    "meeting add": ("meeting", "add", "Acme", "Sync", "--at", "2026-12-02 10:00", "--zone", "home"),
    "meeting edit": ("meeting", "edit", "@meeting", "--duration", "45m"),
    "meeting delete": ("meeting", "delete", "@meeting2"),
    "meeting list": ("meeting", "list", "--from", "2026-11-01", "--to", "2026-12-31"),
    "clock": ("clock",),
    "slots": ("slots", "Acme", "Koala", "--duration", "30m"),
    "export ics": ("export", "ics", "-o", "out.ics", "--blocks", "--deadlines"),
    "export csv": ("export", "csv", "-o", "out.csv", "--from", "2026-11-01"),
    "import ics": ("import", "ics", "invite.ics", "--client", "Acme"),
    "import toggl": ("import", "toggl", "toggl.csv", "--client", "Acme", "--dry-run"),
    "import clockify": ("import", "clockify", "clockify.csv", "--client", "Acme", "--dry-run"),
    "report": ("report", "--month", "--by", "tag"),
    "progress": ("progress", "Acme"),
    "invoice create": ("invoice", "create", "Acme", "--from", "2025-06-01", "--to", "2025-06-30"),
    "invoice list": ("invoice", "list", "--overdue"),
    "invoice show": ("invoice", "show", "@sent"),
    "invoice sent": ("invoice", "sent", "@draft"),
    "invoice void": ("invoice", "void", "@sent"),
    "invoice paid": ("invoice", "paid", "@sent", "--on", "2026-11-20"),
    "invoice export": ("invoice", "export", "@sent", "-o", "invoice.md"),
    "request add": ("request", "add", "Acme", "Call me back", "--channel", "email"),
    "request list": ("request", "list", "--all"),
    "request done": ("request", "done", "@request"),
    "template list": ("template", "list"),
    "template show": ("template", "show", "onboarding"),
    "template apply": ("template", "apply", "onboarding", "Acme"),
    "checkin add": ("checkin", "add", "Acme", "--score", "4", "--note", "fine"),
    "checkin list": ("checkin", "list", "Acme"),
    "deadlines": ("deadlines",),
    "batches": ("batches",),
    "backup": ("backup",),
    "doctor": ("doctor",),
}  # fmt: skip

#: Hostile values per kind of slot, for the sweep (the random search draws from NASTY too).
SWEEP: dict[str, tuple[str, ...]] = {
    "client": ("", "Nobody", "\n", "1e9"),
    "time": (
        "", "32:61", "2026-02-30 10:00", "now now", "-", "9999-12-31 23:59", "0001-01-01 00:00",
        "+99999999999m", "-999999h",
    ),
    "date": ("", "2026-02-30", "31/31/31", "soon", "9999-12-31", "0001-01-01", "-999999d"),
    "zone": ("", "Mars/Olympus", "../etc"),
    "duration": ("", "0", "-30m", "1:99", "abc", "99999999h", "²"),
    "number": ("", "-1", "abc", "1e999", "0", "1e999999999", "18446744073709551617"),
    "text": ("", "\x00", "a" * 300, "line\nbreak", "\x1b[2J", "caf\udce9"),
    "file": ("", ".", "missing.ics", "broken.ics"),
}  # fmt: skip


def test_every_command_is_fuzzed() -> None:
    """The baseline table names every command of the tree (a new command must be added)."""
    assert sorted(BASELINE) == sorted(c.name for c in COMMANDS)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.name)
def test_baseline_call_works(prepared: Prepared, command: Command) -> None:
    outcome = run(prepared, list(BASELINE[command.name]))
    check(outcome)
    assert outcome.code == 0, outcome


def _sweep_cases(command: Command) -> Iterator[list[str]]:
    """The baseline with each slot in turn given each hostile value; then each option
    without its value, an unknown flag, and the bare command path."""
    base = list(BASELINE[command.name])
    depth = len(command.path)
    given = base[depth:]
    leading = 0  # the baseline's positional values come first
    while leading < len(given) and not given[leading].startswith("-"):
        leading += 1
    for index, positional in enumerate(command.positionals[:leading]):
        for bad in SWEEP[_kind(positional.dest)]:
            yield [*base[:depth], *given[:index], bad, *given[index + 1 :]]
    for option in command.options:
        flag = option.flags[-1]
        if not option.takes_value:
            yield [*base, flag, flag]  # repeated
            continue
        values = ("bogus-choice",) if option.choices else SWEEP[_kind(option.dest)]
        for bad in values:
            yield [*base, f"{flag}={bad}"]
        if option.nargs != "?":
            yield [*base, flag]  # value missing
    yield [*base, "--bogus"]
    yield list(command.path)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.name)
def test_sweep_every_option_with_bad_values(prepared: Prepared, command: Command) -> None:
    failures = []
    for argv in _sweep_cases(command):
        try:
            check(run(prepared, argv))
        except AssertionError as error:
            failures.append(str(error).split("\n")[0])
    assert not failures, "\n".join(failures)


# ------------------------------------------------------------------------ must be refused

#: Command lines that are wrong in one way each: they must exit 2 with a one-line error and
#: leave the store alone ("exit 0 only for valid input").
MUST_REFUSE: tuple[str, ...] = (
    "client add Zed --tz Mars/Olympus",
    "client add Zed --tz UTC --hours 25:00-26:00",
    "client add Zed --tz UTC --days someday",
    "client add Zed --tz UTC --rate -1",
    "client add Zed --tz UTC --rate 1e999999999",
    "client add Zed --tz UTC --rate 0.0000001",
    "client add Zed --tz UTC --color '\\x1b[31m'",
    "client add Zed --tz UTC --key 1",
    "client add Acme --tz UTC",
    "client add Zed --tz UTC --channel email",
    "client add Zed --tz UTC --reply-within 0",
    "client add Zed --tz UTC --rounding 10",
    "client add Zed --tz UTC --rollover-days 9999",
    "client add Zed --tz UTC --overage-rate 1e30",
    "client add Zed --tz UTC --retainer-since 9999-12-31",
    "client add Zed --tz UTC --contact 'x@y.z'",
    "client add Zed --tz UTC --contact 'Ann <not an email>'",
    "client edit Acme",
    "client show Nobody",
    "task add Acme x --estimate=-30m",
    "task add Acme x --estimate 0",
    "task add Acme x --estimate 99999h",
    "task add Koala x --due '9999-12-31 23:00'",  # stored, it broke 'export ics --deadlines'
    "task edit @task --due 1800-01-01",
    "task edit @task --estimate 1001h",
    "client add Zed --tz UTC --reply-within 99999999h",
    "client edit Acme --reply-within 501h",
    "task add Acme x --due 2026-02-30",
    "task add Nobody x",
    "task add Acme ''",
    "task done 999",
    "task edit 1 --status nope",
    "start Acme --at +5m",
    "start Acme --at 25:00",
    "stop --at '2026-11-28 02:30'",
    "log Acme --from 10:00 --to 09:00",
    "log Acme --from '1900-01-01 00:00' --to '2025-06-01 00:00'",  # a century in one entry
    "log Acme --from '2026-11-28 03:00' --to '2026-11-28 03:00'",
    "entries --from 2026-12-01 --to 2026-11-01",
    "block add Acme --date 2026-02-30 --start 10:00 --end 11:00",
    "block add Acme --date 2026-12-03 --start 11:00 --end 10:00",
    "block add Acme --date 2026-12-03 --start 10:00 --end 10:00",
    "block delete 99999",
    "meeting add Acme x --at '2026-13-01 10:00'",
    "meeting add Acme x --at '2026-12-02 10:00' --duration 0",
    "meeting add Acme x --at '2026-12-02 10:00' --duration=-30m",
    "meeting add Acme x --at '2026-12-02 10:00' --zone Mars/Olympus",
    "meeting add Acme x --at '2026-12-02 10:00' --every weekly --until 2026-12-01",
    # each of these was saved, then crashed the command, then broke list/plan/export
    "meeting add Acme x --at '2026-12-02 10:00' --duration 99999999h",
    "meeting add Acme x --at '2026-12-02 10:00' --duration 9999h",
    "meeting add Acme x --at '2026-12-02 10:00' --duration 25h",
    "meeting add Acme x --at '9999-12-31 23:59' --zone America/New_York",
    "meeting add Acme x --at '0001-01-01 00:00' --zone Asia/Tokyo",
    "meeting edit @meeting --duration 99999999h",
    "meeting edit @meeting --duration 9999h",
    "meeting edit @meeting --at '9999-12-31 23:59'",
    "meeting add Acme x --at '2026-12-02 10:00' --link 'javascript:alert(1)'",
    "meeting add Acme x --at '2026-12-02 10:00' --link 'file:///etc/passwd'",
    "meeting edit @meeting --link 'data:text/html,hi'",
    "meeting edit @meeting --link 'https://'",
    "meeting edit @meeting",
    "meeting delete 99999",
    "meeting list --from 2026-12-31 --to 2026-12-01",
    "slots Acme --days 0",
    "slots Acme --duration 0",
    "export ics --from 2026-12-31 --to 2026-12-01",
    "export csv --from 2026-12-31 --to 2026-12-01",
    "import ics broken.ics",
    "import ics missing.ics",
    "import toggl invite.ics",
    "report --from 2026-12-01 --to 2026-11-01",
    "report --week --month",
    "progress Nobody",
    "invoice create Acme --from 2026-11-30 --to 2026-11-01",
    "invoice show 9999-999",
    "invoice paid @sent --on 2026-02-30",
    "invoice sent @sent",
    "request add Acme hi --channel email --received +5h",
    "request done 999",
    "template show nope",
    "checkin add Acme --score 6",
    "checkin add Acme --score 3 --at +5h",
    "config set home_tz Nowhere",
    "config set nope 1",
    "config get nope",
    "config set backups_keep -1",
    "status --format '{nope}'",
    "status --format '{client:d}'",
    "status --format '{elapsed:>99999999999}'",
    "status --format '{client:{task}}'",
    "cancel --bogus",
    "config get extra '\n'",  # argparse quotes the stray argument: still one line
    "block list '--from=\tx\ny'",
)


@pytest.mark.parametrize("line", MUST_REFUSE)
def test_invalid_input_is_refused(prepared: Prepared, line: str) -> None:
    outcome = run(prepared, shlex.split(line))
    check(outcome)
    assert outcome.code == 2, outcome


def test_bytes_that_are_not_utf8_are_refused_by_the_real_program(tmp_path: Path) -> None:
    """A Latin-1 name typed in a UTF-8 locale reaches Python as lone surrogates, which the
    store cannot write: refused up front, with nothing written (not even an id counter)."""
    data = tmp_path / "data"
    env = {
        **os.environ,
        "VAPLANNER_HOME": str(data),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
    }
    argv = [sys.executable.encode(), b"-m", b"vaplanner", b"client", b"add", b"Caf\xe9"]
    result = subprocess.run(
        [*argv, b"--tz", b"UTC"], capture_output=True, env=env, timeout=60, check=False
    )
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 2, err
    assert err.count("\n") == 1 and "not valid UTF-8" in err and "Traceback" not in err
    assert not data.exists()


@pytest.mark.parametrize("where", ["before", "after"])
def test_an_empty_data_dir_is_refused_not_the_default_folder(
    tmp_path: Path, where: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--data-dir ""`` (an unset shell variable) must not fall back to the real data."""
    default = tmp_path / "home"  # $VAPLANNER_HOME of every test (tests/conftest.py)
    command = ["client", "add", "X", "--tz", "UTC"]
    argv = ["--data-dir", "", *command] if where == "before" else [*command, "--data-dir", ""]
    assert main(argv, now=FIXED_NOW) == 2
    assert capsys.readouterr().err == "vaplanner: --data-dir is empty; give a folder\n"
    assert not default.exists()


# ------------------------------------------------------------------------------ random search

#: Examples of the random search; CI keeps it short, a deeper hunt raises it.
EXAMPLES = int(os.environ.get("VAPLANNER_FUZZ_EXAMPLES", "250"))


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.sampled_from(COMMANDS).flatmap(argv_for))
def test_random_arguments_never_break_a_command(prepared: Prepared, argv: list[str]) -> None:
    check(run(prepared, argv))
