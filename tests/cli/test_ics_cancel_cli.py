"""``export ics`` writes events that have gone since the last export once more, cancelled."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import vobject
from icalendar import Calendar

from tests.cli.conftest import Run
from vaplanner.store.store import Store


def add(run: Run, *argv: str) -> None:
    result = run(*argv)
    assert result.code == 0, result


def export(run: Run, path: Path, *flags: str) -> tuple[dict[str, Any], str]:
    result = run("export", "ics", "-o", str(path), *flags)
    assert result.code == 0, result
    data = path.read_bytes()
    vobject.readOne(data.decode())  # the other parser reads it too
    cal = Calendar.from_ical(data)
    assert str(cal["METHOD"]) == "PUBLISH"
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}, result.err


def status(event: Any) -> str:
    return str(event.get("STATUS", ""))


def test_done_and_deleted_events_are_cancelled_once_more(
    world: Run, tmp_path: Path, data_dir: Path
) -> None:
    add(world, "task", "add", "Acme", "Invoice", "--due", "2026-12-04")
    add(world, "task", "add", "Acme", "Deck", "--due", "2026-12-07")
    add(world, "task", "add", "Koala", "Report", "--due", "2026-12-08")
    add(world, "block", "add", "Acme", "--date", "2026-12-02", "--start", "15:00", "--end", "16:00")
    add(world, "block", "add", "Acme", "--date", "2026-12-03", "--start", "15:00", "--end", "16:00")
    add(world, "meeting", "add", "Acme", "Sync", "--at", "2026-12-01 09:00", "--every", "weekly")
    add(world, "meeting", "add", "Acme", "Kickoff", "--at", "2026-12-02 10:00")
    flags = ("--blocks", "--deadlines")
    first, _ = export(world, tmp_path / "1.ics", *flags)
    assert not any(status(e) for e in first.values())
    ledger = json.loads((data_dir / "ics-sequences.json").read_text())
    assert set(ledger["stubs"]) == set(first)

    add(world, "task", "done", "1")
    add(world, "task", "edit", "2", "--due", "none")
    Store(data_dir).tasks.delete(3)  # the app deletes tasks; the command line has no verb
    add(world, "block", "delete", "1")
    store = Store(data_dir)
    block = store.blocks.get(2)
    later = timedelta(days=60)  # moved to February: outside --to below, but not gone
    store.blocks.update(replace(block, start=block.start + later, end=block.end + later))
    add(world, "meeting", "delete", "2")

    second, note = export(world, tmp_path / "2.ics", *flags, "--to", "2026-12-31")
    cancelled = {uid for uid, e in second.items() if status(e) == "CANCELLED"}
    assert cancelled == {
        "deadline-1@vaplanner",  # done
        "deadline-2@vaplanner",  # no due date any more
        "deadline-3@vaplanner",  # deleted
        "block-1@vaplanner",
        "meeting-2@vaplanner",
    }
    assert note.rstrip().endswith("2.ics; 5 gone since the last export sent as cancelled")
    for uid in cancelled:
        assert second[uid]["SEQUENCE"] == first[uid]["SEQUENCE"] + 1
        assert second[uid]["DTSTART"].dt == first[uid]["DTSTART"].dt or uid.startswith("m")
    assert second["deadline-1@vaplanner"]["DTSTART"].dt == date(2026, 12, 4)
    assert "meeting-1@vaplanner" in second and not status(second["meeting-1@vaplanner"])
    assert "block-2@vaplanner" not in second

    # a later export covering those dates says so again, with the same SEQUENCE; an export
    # without blocks leaves the block cancellations for one that has them
    third, _ = export(world, tmp_path / "3.ics", "--deadlines")
    assert {u for u, e in third.items() if status(e)} == cancelled - {"block-1@vaplanner"}
    assert third["deadline-1@vaplanner"]["SEQUENCE"] == second["deadline-1@vaplanner"]["SEQUENCE"]
    # reopened, the deadline comes back above the cancellation
    add(world, "task", "edit", "1", "--status", "todo")
    fourth, note = export(world, tmp_path / "4.ics", *flags)
    assert status(fourth["deadline-1@vaplanner"]) == ""
    assert fourth["deadline-1@vaplanner"]["SEQUENCE"] == 2


def test_a_cancellation_waits_for_an_export_of_its_client(world: Run, tmp_path: Path) -> None:
    add(world, "meeting", "add", "Koala", "Planning", "--at", "2026-12-02 10:00")
    export(world, tmp_path / "1.ics")
    add(world, "meeting", "delete", "1")
    acme, note = export(world, tmp_path / "acme.ics", "--client", "Acme")
    assert acme == {} and "cancelled" not in note
    koala, note = export(world, tmp_path / "koala.ics", "--client", "Koala")
    assert status(koala["meeting-1@vaplanner"]) == "CANCELLED"


def test_reimporting_the_export_removes_a_deleted_meeting_elsewhere(
    world: Run, run: Run, tmp_path: Path
) -> None:
    add(world, "meeting", "add", "Acme", "Kickoff", "--at", "2026-12-02 10:00")
    first = tmp_path / "1.ics"
    export(world, first)
    other = tmp_path / "other"
    add(world, "--data-dir", str(other), "import", "ics", str(first))
    add(world, "meeting", "delete", "1")
    second = tmp_path / "2.ics"
    export(world, second)
    result = world("--data-dir", str(other), "import", "ics", str(second))
    assert result.code == 0 and "1 removed" in result.out, result
