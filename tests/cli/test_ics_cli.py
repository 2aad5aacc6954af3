"""``export ics`` and ``import ics`` end to end: files, filters, messages, the store."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import vobject
from icalendar import Calendar

from tests.cli.conftest import Run
from vaplanner.core.models import Client, Contact
from vaplanner.store.store import Store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ics"
REPO = Path(__file__).resolve().parents[2]


def z(wall: datetime, tz: str) -> str:
    return wall.replace(tzinfo=ZoneInfo(tz)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def add_meetings(run: Run) -> None:
    for argv in (
        ("meeting", "add", "Acme", "Weekly sync, Q2; plan", "--at", "2026-12-01 09:00",
         "--zone", "client", "--every", "weekly", "--until", "2027-03-30",
         "--link", "https://zoom.us/j/1"),
        ("meeting", "add", "Koala", "Čebelica: pregled, načrt; Q2", "--at", "2026-12-03 08:00",
         "--zone", "client", "--duration", "1h"),
        ("block", "add", "Acme", "--date", "2026-12-02", "--start", "15:00", "--end", "16:00",
         "--title", "Newsletter"),
        ("task", "add", "Acme", "November invoice", "--due", "2026-12-04"),
    ):  # fmt: skip
        result = run(*argv)
        assert result.code == 0, result


def meetings(run: Run) -> list[dict[str, object]]:
    result = run("meeting", "list", "--from", "2026-11-01", "--to", "2027-04-30", "--json")
    assert result.code == 0, result
    data: list[dict[str, object]] = result.json()
    return data


def events(data: bytes) -> dict[str, object]:
    return {str(e["UID"]): e for e in Calendar.from_ical(data).walk("VEVENT")}


# ---------------------------------------------------------------------------------- export


def test_export_writes_a_dated_file_here_and_says_where(
    world: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_meetings(world)
    here = tmp_path / "exports"
    here.mkdir()
    monkeypatch.chdir(here)
    result = world("export", "ics")
    target = here / "vaplanner-2026-11-28.ics"
    assert result.code == 0 and result.out == ""
    assert result.err == f"vaplanner: wrote 2 meeting(s) to {target}\n"
    data = target.read_bytes()
    assert set(events(data)) == {"meeting-1@vaplanner", "meeting-2@vaplanner"}
    assert [p.name for p in here.iterdir()] == [target.name]  # no temp file left behind
    # both parsers, and the first meeting at 09:00 New York
    sync = vobject.readOne(data.decode()).vevent
    assert sync.dtstart.value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") == z(
        datetime(2026, 12, 1, 9), "America/New_York"
    )


def test_the_sequence_ledger_in_the_data_folder_is_private(
    world: Run, tmp_path: Path, data_dir: Path
) -> None:
    add_meetings(world)
    assert world("export", "ics", "-o", str(tmp_path / "out.ics")).code == 0
    ledgers = list(data_dir.glob("ics-sequences*"))
    assert [p.name for p in ledgers] == ["ics-sequences.json"]
    assert ledgers[0].stat().st_mode & 0o777 == 0o600
    assert world("doctor").code == 0


def test_export_to_standard_output_keeps_crlf(world: Run) -> None:
    add_meetings(world)
    result = world("export", "ics", "-o", "-", "--blocks", "--deadlines")
    assert result.code == 0
    assert result.out.startswith("BEGIN:VCALENDAR\r\n") and result.out.endswith("END:VCALENDAR\r\n")
    assert "\n" not in result.out.replace("\r\n", "")
    found = events(result.out.encode())
    assert set(found) == {
        "meeting-1@vaplanner",
        "meeting-2@vaplanner",
        "block-1@vaplanner",
        "deadline-1@vaplanner",
    }
    assert "wrote 2 meeting(s), 1 block(s), 1 deadline(s) to standard output" in result.err
    assert "SUMMARY:Čebelica: pregled\\, načrt\\; Q2" in result.out


def test_export_filters_by_dates_and_client(world: Run) -> None:
    add_meetings(world)
    koala = world("export", "ics", "-o", "-", "--client", "Koala")
    assert set(events(koala.out.encode())) == {"meeting-2@vaplanner"}
    assert "X-WR-CALNAME:vaplanner · Koala" in koala.out
    later = world("export", "ics", "-o", "-", "--from", "2026-12-04", "--blocks", "--deadlines")
    assert set(events(later.out.encode())) == {"meeting-1@vaplanner", "deadline-1@vaplanner"}
    early = world("export", "ics", "-o", "-", "--to", "2026-11-30")
    assert set(events(early.out.encode())) == set()


def test_export_refuses_a_backwards_range(world: Run) -> None:
    result = world("export", "ics", "--from", "2026-12-10", "--to", "2026-12-01")
    assert result.code == 2 and "before --from" in result.one_line_error()


def test_uids_stay_and_sequence_rises_after_an_edit(world: Run) -> None:
    add_meetings(world)
    first = events(world("export", "ics", "-o", "-").out.encode())
    assert world("meeting", "edit", "1", "--title", "Weekly sync (new time)").code == 0
    second = events(world("export", "ics", "-o", "-").out.encode())
    assert set(first) == set(second)
    before, after = first["meeting-1@vaplanner"], second["meeting-1@vaplanner"]
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])  # type: ignore[index]
    assert int(second["meeting-2@vaplanner"]["SEQUENCE"]) == 0  # type: ignore[index]


def test_bare_export_and_import_are_usage_errors(run: Run) -> None:
    for command in ("export", "import"):
        result = run(command)
        assert result.code == 2 and "FORMAT" in result.err


# ---------------------------------------------------------------------------------- import


def test_import_an_outlook_invitation_then_again_without_duplicates(world: Run) -> None:
    path = str(FIXTURES / "outlook_invite.ics")
    result = world("import", "ics", path, "--client", "Acme")
    assert result.code == 0, result
    assert result.out.startswith(f"imported {path}: 3 new, 0 updated, 0 unchanged, 0 removed")
    listed = meetings(world)
    weekly = [m for m in listed if m["title"] == "Acme weekly check-in"]
    assert weekly[0]["start_utc"] == z(datetime(2026, 12, 1, 9), "America/New_York")
    assert weekly[0]["zone"] == "America/New_York" and weekly[0]["client"] == "Acme"
    starts = {m["start_utc"] for m in weekly}
    assert z(datetime(2026, 12, 15, 9), "America/New_York") not in starts  # moved
    assert z(datetime(2026, 12, 29, 9), "America/New_York") not in starts  # EXDATE
    moved = [m for m in listed if m["title"] == "Acme weekly check-in (moved)"]
    assert [m["start_utc"] for m in moved] == [z(datetime(2026, 12, 16, 14), "America/New_York")]
    again = world("import", "ics", path, "--client", "Acme")
    assert again.code == 0 and "0 new, 0 updated, 3 unchanged" in again.out
    assert meetings(world) == listed


def test_import_finds_the_client_from_the_organizers_email(world: Run, data_dir: Path) -> None:
    store = Store(data_dir)
    store.clients.add(
        Client(
            name="Brightside Ltd",
            tz="Europe/London",
            contacts=(Contact("Priya", "priya@brightside.co.uk"),),
        )
    )
    result = world("import", "ics", str(FIXTURES / "google_invite.ics"))
    assert result.code == 0, result
    clients = {m["client"] for m in meetings(world)}
    assert clients == {"Brightside Ltd"}


def test_a_broken_file_is_refused_and_nothing_is_imported(world: Run) -> None:
    for name in ("broken.ics", "truncated.ics"):
        result = world("import", "ics", str(FIXTURES / name))
        assert result.code == 2 and "nothing imported" in result.one_line_error()
    missing = world("import", "ics", "no-such-file.ics")
    assert missing.code == 2 and "cannot read no-such-file.ics" in missing.one_line_error()
    assert meetings(world) == []


def test_dry_run_writes_nothing(world: Run) -> None:
    result = world("import", "ics", str(FIXTURES / "recurring.ics"), "--dry-run")
    assert result.code == 0 and result.out.startswith("would import")
    assert "nothing was written" in result.err
    assert meetings(world) == []


def test_refused_events_are_named_and_the_rest_imported(world: Run) -> None:
    result = world("import", "ics", str(FIXTURES / "recurring.ics"))
    assert result.code == 0
    assert "3 new" in result.out and "2 skipped" in result.out
    assert "skipped 'Annual review': it repeats yearly" in result.err
    assert "skipped 'Board call'" in result.err
    assert "no client matched" in result.err


def test_a_file_with_only_refused_events_exits_2(world: Run, tmp_path: Path) -> None:
    text = (FIXTURES / "recurring.ics").read_text(encoding="utf-8")
    head, rest = text.split("BEGIN:VEVENT", 1)
    only_yearly = head + "BEGIN:VEVENT" + rest.split("BEGIN:VEVENT")[3]
    if not only_yearly.rstrip().endswith("END:VCALENDAR"):
        only_yearly = only_yearly.rstrip("\r\n") + "\r\nEND:VCALENDAR\r\n"
    path = tmp_path / "yearly.ics"
    path.write_text(only_yearly, encoding="utf-8")
    result = world("import", "ics", str(path))
    assert result.code == 2 and "skipped 'Annual review'" in result.err


# ------------------------------------------------------------------------ real processes


def test_round_trip_between_two_data_folders_in_real_processes(tmp_path: Path) -> None:
    env = {**os.environ, "VAPLANNER_CONFIG_DIR": str(tmp_path / "config")}

    def vaplanner(home: str, *argv: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [sys.executable, "-m", "vaplanner", "--data-dir", str(tmp_path / home), *argv],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            check=False,
            timeout=60,
        )

    for argv in (
        ("config", "set", "home_tz", "Europe/Ljubljana"),
        ("client", "add", "Acme", "--tz", "America/New_York"),
        ("meeting", "add", "Acme", "Sync", "--at", "2027-03-02 09:00", "--zone", "client",
         "--every", "weekly"),
    ):  # fmt: skip
        assert vaplanner("one", *argv).returncode == 0
    exported = vaplanner("one", "export", "ics", "-o", "calendar.ics")
    assert exported.returncode == 0, exported.stderr
    assert (tmp_path / "calendar.ics").read_bytes().count(b"\r\n") > 20
    assert vaplanner("two", "config", "set", "home_tz", "Asia/Kolkata").returncode == 0
    imported = vaplanner("two", "import", "ics", "calendar.ics")
    assert imported.returncode == 0, imported.stderr
    assert b"1 new" in imported.stdout
    listed = vaplanner("two", "meeting", "list", "--from", "2027-03-01", "--to", "2027-03-20")
    assert listed.stdout.count(b"Sync") == 3  # 2, 9 and 16 March, across the US change
