"""``import toggl|clockify`` and ``export csv``: the shared samples, all-or-nothing refusals
with line numbers, a second import that adds nothing, and a round trip through a CSV file."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.cli.billing_helpers import HOME, cli, lju, seed
from vaplanner.store.store import Store

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "csv"
TOGGL = FIXTURES / "toggl_detailed_sample.csv"
TOGGL_NEW = FIXTURES / "toggl_detailed_sample_new_reports.csv"
CLOCKIFY = FIXTURES / "clockify_detailed_sample.csv"


@pytest.fixture
def data(data_dir: Path) -> Path:
    assert cli(data_dir, "config", "set", "home_tz", HOME).code == 0
    return data_dir


def entries(data: Path) -> list[tuple[str, datetime, datetime, str, bool, tuple[str, ...]]]:
    store = Store(data)
    names = {c.id: c.name for c in store.clients.all(include_archived=True)}
    return [
        (names[e.client_id], e.start, e.end, e.note, e.billable, e.tags)
        for e in store.entries.all()
    ]


@pytest.mark.parametrize(
    ("kind", "path"), [("toggl", TOGGL), ("toggl", TOGGL_NEW), ("clockify", CLOCKIFY)]
)
def test_import_samples_once(data: Path, kind: str, path: Path) -> None:
    first = cli(data, "import", kind, str(path), "--json")
    assert first.code == 0, first
    summary = first.json()
    assert (summary["imported"], summary["already_imported"], summary["minutes"]) == (3, 0, 205)
    assert summary["clients_created"] == ["Acme", "Koala Pty Ltd", "Čebelica d.o.o."]
    got = entries(data)
    assert [(g[0], g[1], g[2]) for g in got] == [
        ("Acme", lju(2026, 11, 2, 9), lju(2026, 11, 2, 10, 30)),
        ("Koala Pty Ltd", lju(2026, 11, 2, 13, 15), datetime(2026, 11, 2, 12, 40, 12, tzinfo=UTC)),
        ("Čebelica d.o.o.", lju(2026, 11, 3, 22, 45), lju(2026, 11, 4, 0, 15)),
    ]
    assert got[0][3] == "Homepage wireframes" and got[0][5][0] == "Website relaunch"
    # the second import adds nothing
    second = cli(data, "import", kind, str(path), "--json").json()
    assert (second["imported"], second["already_imported"]) == (0, 3)
    assert entries(data) == got
    assert len(Store(data).clients.all()) == 3


def test_import_matches_existing_clients_and_tasks(data_dir: Path) -> None:
    seed(data_dir)  # Acme exists (key 1) with a task "Newsletter"
    store = Store(data_dir)
    from vaplanner.core.models import Task

    store.tasks.add(Task(1, "Design"))
    before = len(store.clients.all())
    result = cli(data_dir, "import", "toggl", str(TOGGL), "--json")
    assert result.json()["clients_created"] == ["Koala Pty Ltd", "Čebelica d.o.o."]
    assert len(Store(data_dir).clients.all()) == before + 2
    imported = [e for e in Store(data_dir).entries.all() if e.source.startswith("toggl:")]
    acme = [e for e in imported if e.client_id == 1]
    assert len(acme) == 1 and acme[0].task_id is not None
    assert acme[0].tags == ("Website relaunch", "design", "client-call")
    names = {c.id: c.name for c in Store(data_dir).clients.all()}
    (cebelica,) = [e for e in imported if names[e.client_id] == "Čebelica d.o.o."]
    # no task "Backend" for this new client: the Task column becomes a tag (once, any case)
    assert cebelica.tags == ("Spletna trgovina", "backend")


def test_new_clients_get_the_files_currency_and_rate(data: Path) -> None:
    cli(data, "import", "clockify", str(CLOCKIFY))
    clients = {c.name: c for c in Store(data).clients.all()}
    assert clients["Acme"].billing.currency == "USD"
    assert str(clients["Acme"].billing.rate) == "80.00"
    assert clients["Koala Pty Ltd"].billing.rate is None  # non-billable rows carry no rate
    assert clients["Acme"].tz == HOME


def test_tz_option(data: Path) -> None:
    cli(data, "import", "toggl", str(TOGGL), "--tz", "America/New_York")
    first = Store(data).entries.all().__next__()
    assert first.start == datetime(2026, 11, 2, 9, 0, tzinfo=ZoneInfo("America/New_York"))
    bad_zone = cli(data, "import", "toggl", str(TOGGL), "--tz", "Nowhere/X")
    assert "Nowhere/X" in bad_zone.error() and len(list(Store(data).entries.all())) == 3


def test_dry_run_writes_nothing(data: Path) -> None:
    result = cli(data, "import", "toggl", str(TOGGL), "--dry-run")
    assert result.code == 0
    assert result.out.startswith("Would import 3 entries (3:25) from ")
    assert "Would create 3 client(s)" in result.out
    assert entries(data) == [] and Store(data).clients.all() == []


BAD_ROW = (
    "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,"
    "End time,Duration,Tags\n"
    "Maja,,Acme,Web,,ok,Yes,2026-11-02,09:00:00,2026-11-02,10:00:00,01:00:00,\n"
    'Maja,,Acme,Web,,"two\nlines",Yes,2026-11-02,11:00:00,2026-11-02,12:00:00,01:00:00,\n'
    "Maja,,Koala,Web,,bad,Yes,2026-11-31,09:00:00,2026-11-31,10:00:00,01:00:00,\n"
)


def test_bad_row_refuses_the_whole_file(data: Path, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(BAD_ROW, encoding="utf-8")
    result = cli(data, "import", "toggl", str(path))
    assert result.code == 2
    message = result.error()
    assert f"{path}: line 5: start date '2026-11-31' not understood" in message
    assert message.endswith("nothing was imported")
    assert entries(data) == [] and Store(data).clients.all() == []


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"\xff\xfeU\x00s\x00", "not UTF-8 text"),
        (b"", "line 1: the file is empty"),
    ],
)
def test_unreadable_files(data: Path, tmp_path: Path, content: bytes, fragment: str) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(content)
    assert fragment in cli(data, "import", "clockify", str(path)).error()


def test_wrong_kind_and_missing_file(data: Path) -> None:
    assert (
        "use 'vaplanner import clockify FILE'"
        in cli(data, "import", "toggl", str(CLOCKIFY)).error()
    )
    assert "cannot read" in cli(data, "import", "toggl", "/nonexistent/file.csv").error()


def test_export_round_trip(data_dir: Path, tmp_path: Path) -> None:
    seed(data_dir)
    target = tmp_path / "out.csv"
    result = cli(
        data_dir, "export", "csv", "--from", "2026-11-01", "--to", "2026-11-30", "-o", str(target)
    )
    assert result.code == 0 and "wrote 4 entries" in result.err
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfUser,Email,Client,Project,Task,Description,Billable,")
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0].endswith(",Amount (),Currency")  # USD, EUR and JPY rows
    assert lines[1] == (
        "Maja Novak,,Acme,,Newsletter,Drafted,Yes,2026-11-02,09:00:00,2026-11-02,09:50:00,"
        "00:50:00,,40.00,USD"
    )
    other = tmp_path / "other"
    shutil.rmtree(other, ignore_errors=True)
    assert cli(other, "config", "set", "home_tz", HOME).code == 0
    assert cli(other, "import", "toggl", str(target)).code == 0
    source = [
        (c, s, e, n, b)
        for c, s, e, n, b, _ in entries(data_dir)
        if lju(2026, 11, 1) <= s < lju(2026, 12, 1)
    ]
    copied = [(c, s, e, n, b) for c, s, e, n, b, _ in entries(other)]
    assert copied == source


def test_export_to_stdout_without_bom(data_dir: Path) -> None:
    seed(data_dir)
    out = cli(data_dir, "export", "csv", "--client", "Himal").out
    assert out.startswith("User,") and out.count("\n") == 2
    assert out.splitlines()[0].endswith(",Amount (JPY)")
    assert out.splitlines()[1].endswith(",01:30:00,,6750")  # the only tag is the Project
