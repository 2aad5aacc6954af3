"""``client export`` and ``client purge``: all of one client's data out, or all of it gone.

The expectations are read from the store independently (every repository, filtered by
client id) and compared with what the command wrote or left behind.
"""

from __future__ import annotations

import hashlib
import io
import json
import stat
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import Run
from tests.conftest import FIXED_NOW
from vaplanner.core.errors import StoreError
from vaplanner.core.models import Block, Checkin, Entry, Invoice, Meeting, Request, Task, Timer
from vaplanner.demo import generate
from vaplanner.store import codecs
from vaplanner.store.store import Store

KINDS = ("tasks", "entries", "blocks", "meetings", "requests", "checkins", "invoices")


@pytest.fixture
def sample(run: Run, data_dir: Path) -> Run:
    """The demo sample set (five clients; Brightside is #3), plus records of Brightside's
    own so the tests do not hang on what the demo holds: an open task with a due date, a
    done task, an invoice, a check-in, a request, a recurring meeting, a running timer, and
    an unassigned block that points at one of Brightside's tasks."""
    store = Store(data_dir)
    generate(store, "sample", date(2026, 11, 28), now=FIXED_NOW)
    assert store.clients.get(3).name == "Brightside"
    due = FIXED_NOW + timedelta(days=3)
    task = store.tasks.add(Task(3, "Own task", due=due, due_tz="Europe/London"))
    store.tasks.add(Task(3, "Own done task", status="done", done_at=FIXED_NOW))
    store.blocks.add(
        Block(FIXED_NOW + timedelta(hours=2), FIXED_NOW + timedelta(hours=3), task_id=task.id)
    )
    issued = date(2026, 11, 2)
    store.invoices.add(Invoice(3, "2026-777", issued, issued + timedelta(days=14), "GBP"))
    store.checkins.add(Checkin(3, FIXED_NOW - timedelta(days=2), score=4))
    store.requests.add(
        Request(
            3, "Own ask", "email", FIXED_NOW - timedelta(hours=3), FIXED_NOW + timedelta(hours=5)
        )
    )
    store.meetings.add(
        Meeting(3, "Own sync", datetime(2026, 12, 2, 10), "Europe/London", every="weekly")
    )
    store.timer.set(Timer(client_id=3, started=FIXED_NOW - timedelta(minutes=20)))
    store.close()
    return run


def records_of(data_dir: Path, client_id: int) -> dict[str, list[Any]]:
    """Every record of one client, read straight from the repositories."""
    store = Store(data_dir)
    tasks = [t for t in store.tasks.all() if t.client_id == client_id]
    ids = {t.id for t in tasks}
    return {
        "tasks": tasks,
        "entries": [e for e in store.entries.all() if e.client_id == client_id],
        "blocks": [b for b in store.blocks.all() if b.client_id == client_id or b.task_id in ids],
        "meetings": [m for m in store.meetings.all() if m.client_id == client_id],
        "requests": [r for r in store.requests.all() if r.client_id == client_id],
        "checkins": [c for c in store.checkins.all() if c.client_id == client_id],
        "invoices": [i for i in store.invoices.all() if i.client_id == client_id],
    }


def fingerprint(folder: Path) -> dict[str, str]:
    """sha256 of every data file (backups and the lock file left out)."""
    found: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_file() and not rel.startswith("backups/") and path.name != ".lock":
            found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


MODELS: dict[str, type] = {
    "tasks": Task,
    "entries": Entry,
    "blocks": Block,
    "meetings": Meeting,
    "invoices": Invoice,
}


# ------------------------------------------------------------------------------------- export


def test_export_folder_holds_every_record_of_the_client_and_nothing_else(
    sample: Run, data_dir: Path, tmp_path: Path
) -> None:
    expected = records_of(data_dir, 3)
    assert any(not t.is_open for t in expected["tasks"]), "the set needs a done task"
    assert expected["invoices"] and expected["checkins"] and expected["meetings"]
    target = tmp_path / "out" / "brightside"
    result = sample("client", "export", "Brightside", "-o", str(target))
    assert result.code == 0, result
    assert str(target) in result.out
    document = json.loads((target / "client.json").read_text(encoding="utf-8"))
    assert document["format"] == "vaplanner-client-export"
    assert document["exported_utc"] == "2026-11-28T13:32:00Z"
    assert document["client"]["name"] == "Brightside" and document["client"]["id"] == 3
    for kind in KINDS:
        assert sorted(r["id"] for r in document[kind]) == sorted(r.id for r in expected[kind]), kind
    # the store's own codec reads every record back unchanged
    for kind, cls in MODELS.items():
        decoded: list[Any] = sorted(
            (codecs.decode(cls, doc) for doc in document[kind]), key=lambda r: r.id
        )
        assert decoded == sorted(expected[kind], key=lambda r: r.id), kind
    assert document["timer"]["client_id"] == 3
    assert document["timer"]["started"] == "2026-11-28T13:12:00Z"
    # private: folder 0700, files 0600
    assert mode(target) == 0o700
    assert mode(target / "client.json") == 0o600
    assert mode(target / "calendar.ics") == 0o600


def test_export_calendar_holds_the_meetings_and_open_deadlines(
    sample: Run, data_dir: Path, tmp_path: Path
) -> None:
    from icalendar import Calendar

    expected = records_of(data_dir, 3)
    target = tmp_path / "brightside"
    assert sample("client", "export", "3", "-o", str(target)).code == 0
    calendar = Calendar.from_ical((target / "calendar.ics").read_bytes())
    uids = sorted(str(event["UID"]) for event in calendar.walk("VEVENT"))
    want = [m.uid for m in expected["meetings"]] + [
        f"deadline-{t.id}@vaplanner" for t in expected["tasks"] if t.is_open and t.due
    ]
    assert uids == sorted(want)
    assert str(calendar["X-WR-CALNAME"]) == "vaplanner · Brightside"


def test_export_zip_is_private_and_holds_both_files(
    sample: Run, data_dir: Path, tmp_path: Path
) -> None:
    target = tmp_path / "brightside.zip"
    assert sample("client", "export", "Brightside", "-o", str(target)).code == 0
    assert mode(target) == 0o600
    with zipfile.ZipFile(target) as archive:
        assert sorted(archive.namelist()) == ["calendar.ics", "client.json"]
        for info in archive.infolist():
            assert stat.S_IMODE(info.external_attr >> 16) == 0o600
        document = json.loads(archive.read("client.json"))
        assert archive.read("calendar.ics").startswith(b"BEGIN:VCALENDAR\r\n")
    assert len(document["entries"]) == len(records_of(data_dir, 3)["entries"]) > 0


def test_export_default_is_a_zip_named_after_the_client_and_day(
    sample: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    assert sample("client", "export", "Koala").code == 0
    # 14:32 in Ljubljana on 28 November
    assert [p.name for p in work.iterdir()] == ["vaplanner-koala-digital-2026-11-28.zip"]


def test_export_to_standard_output_writes_no_file(
    sample: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    result = sample("client", "export", "Acme", "-o", "-")
    assert result.code == 0, result
    assert result.json()["client"]["name"] == "Acme"
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_export_changes_nothing_in_the_store(sample: Run, data_dir: Path, tmp_path: Path) -> None:
    before = fingerprint(data_dir)
    assert sample("client", "export", "Acme", "-o", str(tmp_path / "a.zip")).code == 0
    assert fingerprint(data_dir) == before


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (("client", "export", "Nobody"), "no client 'Nobody'"),
        (("client", "export", "Acme", "-o", ""), "not a usable path"),
    ],
)
def test_export_errors_are_one_line(sample: Run, argv: tuple[str, ...], fragment: str) -> None:
    assert fragment in sample(*argv).one_line_error()


def test_export_into_a_file_that_is_not_a_folder_is_refused(sample: Run, tmp_path: Path) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("mine")
    error = sample("client", "export", "Acme", "-o", str(blocker)).one_line_error()
    assert "it is a file, not a folder" in error
    assert blocker.read_text() == "mine"


# -------------------------------------------------------------------------------------- purge


def test_purge_deletes_everything_of_the_client_and_only_that(sample: Run, data_dir: Path) -> None:
    others = {cid: records_of(data_dir, cid) for cid in (1, 2, 4, 5)}
    doomed = records_of(data_dir, 3)
    result = sample("client", "purge", "Brightside", "--yes")
    assert result.code == 0, result
    assert "Purged Brightside (#3)" in result.out
    store = Store(data_dir)
    assert [c.name for c in store.clients.all(include_archived=True)] == [
        "Acme",
        "Koala Digital",
        "Čebelica",
        "Himal Treks",
    ]
    assert records_of(data_dir, 3) == {kind: [] for kind in KINDS}
    assert {cid: records_of(data_dir, cid) for cid in others} == others
    assert store.timer.get() is None  # Brightside's running timer went with it
    # the block that pointed at a Brightside task is gone too (it belonged to no client)
    doomed_block_ids = {b.id for b in doomed["blocks"]}
    assert not doomed_block_ids & {b.id for b in store.blocks.all()}
    # nothing points at the purged client: doctor agrees
    doctor = sample("doctor", "--json")
    assert doctor.code == 0, doctor
    assert doctor.json()["ok"] is True


def test_purge_takes_a_backup_that_still_holds_the_client(sample: Run, data_dir: Path) -> None:
    before = records_of(data_dir, 3)
    result = sample("client", "purge", "3", "--yes")
    assert result.code == 0, result
    backups = [p for p in (data_dir / "backups").iterdir() if "T" in p.name]
    assert len(backups) == 1 and str(backups[0]) in result.out
    assert mode(backups[0]) == 0o700
    assert all(mode(p) == 0o600 for p in backups[0].rglob("*.json"))
    copy = Store(backups[0])
    assert copy.clients.get(3).name == "Brightside"
    assert records_of(backups[0], 3) == before


def test_purge_keeps_another_clients_timer(sample: Run, data_dir: Path) -> None:
    store = Store(data_dir)
    store.timer.set(Timer(client_id=1, started=FIXED_NOW - timedelta(minutes=5)))
    assert sample("client", "purge", "Brightside", "--yes").code == 0
    assert Store(data_dir).timer.get() == Timer(
        client_id=1, started=FIXED_NOW - timedelta(minutes=5)
    )


def test_purge_without_yes_when_nobody_can_answer_changes_nothing(
    sample: Run, data_dir: Path
) -> None:
    before = fingerprint(data_dir)
    error = sample("client", "purge", "Brightside").one_line_error()
    assert "add --yes" in error and "entries" in error
    assert fingerprint(data_dir) == before
    assert not any("T" in p.name for p in (data_dir / "backups").iterdir())


class _Terminal(io.StringIO):
    """Standard input that claims to be a terminal, with a typed answer."""

    def isatty(self) -> bool:
        return True


def test_purge_asks_for_the_name_and_accepts_it(
    sample: Run, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", _Terminal("brightside\n"))
    result = sample("client", "purge", "Brightside")
    assert result.code == 0, result
    assert "Type the client's name to confirm" in result.err
    assert records_of(data_dir, 3)["entries"] == []


def test_purge_with_the_wrong_name_typed_deletes_nothing(
    sample: Run, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = fingerprint(data_dir)
    monkeypatch.setattr("sys.stdin", _Terminal("Acme\n"))
    result = sample("client", "purge", "Brightside")
    assert result.code == 2
    assert "nothing was deleted" in result.err.splitlines()[-1]
    assert fingerprint(data_dir) == before


def test_purge_dry_run_says_what_and_deletes_nothing(sample: Run, data_dir: Path) -> None:
    before = fingerprint(data_dir)
    result = sample("client", "purge", "Brightside", "--dry-run")
    assert result.code == 0, result
    counts = records_of(data_dir, 3)
    assert f"{len(counts['entries'])} entries" in result.out
    assert f"{len(counts['invoices'])} invoice" in result.out
    assert "1 running timer" in result.out
    assert fingerprint(data_dir) == before


def test_a_purge_that_fails_half_way_deletes_nothing(
    sample: Run, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """All or nothing: the tasks are deleted first; a failure on the entries must leave the
    tasks (and every other file) as they were."""
    from vaplanner.store.partitions import MonthRepo

    before = fingerprint(data_dir)
    calls = {"n": 0}
    real = MonthRepo.delete

    def flaky(self: MonthRepo[Any], record_id: int) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise StoreError("disk went away")
        real(self, record_id)

    monkeypatch.setattr(MonthRepo, "delete", flaky)
    result = sample("client", "purge", "Brightside", "--yes")
    assert result.code == 1
    assert result.one_line_error() == "vaplanner: disk went away"
    assert calls["n"] == 3
    assert fingerprint(data_dir) == before
    assert Store(data_dir).clients.get(3).name == "Brightside"


def test_purge_unknown_client_is_one_line(sample: Run) -> None:
    assert (
        "no client 'Brightsid3'"
        in sample("client", "purge", "Brightsid3", "--yes").one_line_error()
    )


def test_export_then_purge_round_trip_keeps_the_invoice_in_the_export(
    sample: Run, data_dir: Path, tmp_path: Path
) -> None:
    invoices = records_of(data_dir, 3)["invoices"]
    assert any(i.number == "2026-777" for i in invoices)
    assert sample("client", "export", "Brightside", "-o", str(tmp_path / "b")).code == 0
    assert sample("client", "purge", "Brightside", "--yes").code == 0
    document = json.loads((tmp_path / "b" / "client.json").read_text(encoding="utf-8"))
    assert [codecs.decode(Invoice, doc) for doc in document["invoices"]] == invoices
    assert [i for i in Store(data_dir).invoices.all() if i.client_id == 3] == []


def test_an_archived_client_can_be_exported_and_purged(sample: Run, data_dir: Path) -> None:
    assert sample("client", "archive", "Himal Treks").code == 0
    exported = sample("client", "export", "Himal", "-o", "-")
    assert exported.code == 0, exported
    assert exported.json()["client"]["status"] == "archived"
    assert len(exported.json()["entries"]) == len(records_of(data_dir, 5)["entries"]) > 0
    assert sample("client", "purge", "Himal", "--yes").code == 0
    assert records_of(data_dir, 5) == {kind: [] for kind in KINDS}
