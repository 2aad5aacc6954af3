"""``vaplanner block add|list|delete`` and ``vaplanner plan``, in-process (plus one subprocess).

The ``world`` fixture: home zone Ljubljana; Acme (New York, key 1), Koala (Sydney, key 2),
Brightside (London, key 3). Now is Saturday 28 Nov 2026, 14:32 in Ljubljana.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.cli.conftest import Run
from tests.conftest import FIXED_NOW
from vaplanner.core.models import Entry, Meeting, Task, Timer
from vaplanner.store.store import Store


def z(wall: str, tz: str = "Europe/Ljubljana", fold: int = 0) -> str:
    """A wall time in ``tz`` as the ``…Z`` string the JSON carries (zoneinfo only)."""
    local = datetime.fromisoformat(wall).replace(tzinfo=ZoneInfo(tz), fold=fold)
    return local.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def add(run: Run, *argv: str) -> int:
    result = run("block", "add", *argv, "--json")
    assert result.code == 0, result
    return int(result.json()["id"])


def listed(run: Run, *argv: str) -> list[dict[str, object]]:
    result = run("block", "list", *argv, "--json")
    assert result.code == 0, result
    blocks: list[dict[str, object]] = result.json()
    return blocks


def test_add_then_list_in_home_time(world: Run) -> None:
    result = world(
        "block", "add", "Acme", "--date", "2026-12-01", "--start", "15:00", "--end", "16:00",
        "--title", "Newsletter",
    )  # fmt: skip
    assert result.code == 0, result
    assert result.out.startswith("added block 1: Tue 01 Dec 2026 15:00-16:00 Acme · Newsletter")
    (block,) = listed(world, "--from", "2026-12-01")
    assert block["start"] == z("2026-12-01 15:00") and block["end"] == z("2026-12-01 16:00")
    assert (block["start_local"], block["end_local"], block["minutes"]) == ("15:00", "16:00", 60)
    assert (block["client"], block["category"], block["title"]) == ("Acme", "client", "Newsletter")
    text = world("block", "list", "--from", "2026-12-01").out
    assert "Newsletter" in text and "15:00-16:00" in text


@pytest.mark.parametrize(
    ("start", "end"), [("16:00", "15:00"), ("15:00", "15:00"), ("23:30", "00:30")]
)
def test_end_not_after_start_is_refused(world: Run, start: str, end: str) -> None:
    result = world("block", "add", "Acme", "--date", "2026-12-01", "--start", start, "--end", end)
    assert result.code == 2
    assert "is not after the start" in result.one_line_error()
    assert listed(world, "--from", "2026-12-01") == []


def test_end_24_00_is_midnight(world: Run) -> None:
    add(world, "Koala", "--date", "2026-12-01", "--start", "23:00", "--end", "24:00")
    (block,) = listed(world, "--from", "2026-12-01")
    assert block["end"] == z("2026-12-02 00:00") and block["minutes"] == 60


def test_overlap_with_a_block_is_refused_unless_forced(world: Run) -> None:
    add(world, "Acme", "--date", "2026-12-01", "--start", "15:00", "--end", "16:00",
        "--title", "Newsletter")  # fmt: skip
    argv = ("block", "add", "Koala", "--date", "2026-12-01", "--start", "15:45", "--end", "17:00")
    refused = world(*argv)
    assert refused.code == 2
    message = refused.one_line_error()
    assert "block 1 'Newsletter' (Acme) 15:00-16:00" in message and "--force" in message
    assert len(listed(world, "--from", "2026-12-01")) == 1
    forced = world(*argv, "--force")
    assert forced.code == 0, forced
    assert "overlaps block 1" in forced.err
    assert len(listed(world, "--from", "2026-12-01")) == 2
    touching = world("block", "add", "Koala", "--date", "2026-12-01", "--start", "14:00",
                     "--end", "15:00")  # fmt: skip
    assert touching.code == 0, touching  # touching is not overlapping


def test_overlap_with_a_meeting_occurrence_is_refused(world: Run, data_dir: Path) -> None:
    # Weekly on Tuesdays at 09:30 New York: 15:30 in Ljubljana on Tue 1 Dec.
    Store(data_dir).meetings.add(
        Meeting(1, "Weekly sync", datetime(2026, 11, 3, 9, 30), "America/New_York",
                every="weekly")
    )  # fmt: skip
    result = world("block", "add", "Brightside", "--date", "2026-12-01", "--start", "15:00",
                   "--end", "15:45")  # fmt: skip
    assert result.code == 2
    assert "meeting 1 'Weekly sync' (Acme) 15:30-16:00" in result.one_line_error()
    assert world("block", "add", "Brightside", "--date", "2026-12-01", "--start", "15:00",
                 "--end", "15:30").code == 0  # fmt: skip


@pytest.mark.parametrize(
    ("argv", "client", "category"),
    [
        (("admin",), None, "admin"),
        (("Break",), None, "break"),
        (("focus",), None, "focus"),
        (("buffer", "--category", "buffer"), None, "buffer"),
        (("Acme", "--category", "focus"), "Acme", "focus"),
        (("2", "--category", "admin"), "Koala", "admin"),
        (("Brightside",), "Brightside", "client"),
    ],
)
def test_client_or_category(
    world: Run, argv: tuple[str, ...], client: str | None, category: str
) -> None:
    add(world, *argv, "--date", "2026-12-01", "--start", "09:00", "--end", "09:30")
    (block,) = listed(world, "--from", "2026-12-01")
    assert (block["client"], block["category"]) == (client, category)


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (("admin", "--category", "client"), "admin"),  # a client called admin: none here
        (("break", "--category", "admin"), "is a category"),
        (("Nobody",), "Nobody"),
    ],
)
def test_bad_client_or_category(world: Run, argv: tuple[str, ...], fragment: str) -> None:
    result = world("block", "add", *argv, "--date", "2026-12-01", "--start", "09:00",
                   "--end", "09:30")  # fmt: skip
    assert result.code == 2
    assert fragment in result.one_line_error()


def test_times_in_another_zone(world: Run) -> None:
    add(world, "Acme", "--date", "2026-12-01", "--start", "09:00", "--end", "10:00",
        "--tz", "America/New_York")  # fmt: skip
    (block,) = listed(world, "--from", "2026-12-01")
    assert block["start"] == z("2026-12-01 09:00", "America/New_York")
    assert block["start_local"] == "15:00"


def test_wall_time_in_the_spring_gap_is_resolved_and_told(world: Run) -> None:
    result = world("block", "add", "Brightside", "--date", "2026-03-29", "--start", "02:30",
                   "--end", "04:00", "--json")  # fmt: skip
    assert result.code == 0, result
    assert "does not exist" in result.err
    block = result.json()
    # The offset before the jump (CET, +1): 02:30 CET is 01:30 UTC, i.e. 03:30 CEST.
    assert block["start"] == "2026-03-29T01:30:00Z"
    assert block["end"] == z("2026-03-29 04:00")
    assert block["minutes"] == 30


def test_block_outside_client_hours_gets_a_note(world: Run) -> None:
    result = world("block", "add", "Acme", "--date", "2026-12-01", "--start", "08:00",
                   "--end", "09:00")  # fmt: skip
    assert result.code == 0
    assert "02:00-03:00 in America/New_York, outside Acme's business hours" in result.err
    inside = world("block", "add", "Acme", "--date", "2026-12-01", "--start", "16:00",
                   "--end", "17:00")  # fmt: skip
    assert inside.err == ""


def test_task_gives_title_and_must_belong_to_the_client(world: Run, data_dir: Path) -> None:
    store = Store(data_dir)
    task = store.tasks.add(Task(client_id=1, title="Landing page copy", estimate_minutes=90))
    add(world, "Acme", "--date", "2026-12-01", "--start", "15:00", "--end", "16:30",
        "--task", str(task.id))  # fmt: skip
    (block,) = listed(world, "--from", "2026-12-01")
    assert (block["title"], block["task_id"]) == ("Landing page copy", task.id)
    wrong = world("block", "add", "Koala", "--date", "2026-12-02", "--start", "09:00",
                  "--end", "10:00", "--task", str(task.id))  # fmt: skip
    assert wrong.code == 2
    assert "belongs to Acme, not Koala" in wrong.one_line_error()
    focus = world("block", "add", "focus", "--date", "2026-12-03", "--start", "09:00",
                  "--end", "10:00", "--task", str(task.id), "--json")  # fmt: skip
    assert focus.json()["client"] == "Acme" and focus.json()["category"] == "focus"


def test_list_defaults_to_a_week_from_today(world: Run) -> None:
    for day in ("2026-11-27", "2026-11-28", "2026-12-04", "2026-12-05"):
        add(world, "admin", "--date", day, "--start", "09:00", "--end", "09:30")
    dates = [b["date"] for b in listed(world)]
    assert dates == ["2026-11-28", "2026-12-04"]
    assert [b["date"] for b in listed(world, "--from", "2026-11-27", "--to", "2026-11-27")] == [
        "2026-11-27"
    ]
    empty = world("block", "list", "--from", "2027-01-01")
    assert empty.code == 0 and "no blocks" in empty.out
    backwards = world("block", "list", "--from", "2026-12-05", "--to", "2026-12-01")
    assert backwards.code == 2 and "before" in backwards.one_line_error()


def test_delete(world: Run) -> None:
    ident = add(world, "admin", "--date", "2026-12-01", "--start", "09:00", "--end", "09:30")
    result = world("block", "delete", str(ident))
    assert result.code == 0 and f"deleted block {ident}" in result.out
    assert listed(world, "--from", "2026-12-01") == []
    again = world("block", "delete", str(ident))
    assert again.code == 2
    again.one_line_error()


def test_plan_json_has_blocks_meetings_tracked_and_totals(world: Run, data_dir: Path) -> None:
    store = Store(data_dir)
    store.meetings.add(
        Meeting(1, "Weekly sync", datetime(2026, 11, 28, 8, 0), "America/New_York")
    )  # 14:00-14:30 in Ljubljana
    store.entries.add(Entry(2, datetime(2026, 11, 28, 8, 0, tzinfo=UTC),
                            datetime(2026, 11, 28, 8, 45, tzinfo=UTC), note="inbox"))  # fmt: skip
    store.timer.set(Timer(1, FIXED_NOW - timedelta(minutes=20)))
    add(world, "Acme", "--date", "today", "--start", "13:00", "--end", "14:00", "--title", "Copy")
    add(world, "break", "--date", "today", "--start", "12:00", "--end", "12:30")
    result = world("plan", "--json")
    assert result.code == 0, result
    plan = result.json()
    assert (plan["date"], plan["tz"]) == ("2026-11-28", "Europe/Ljubljana")
    assert plan["start"] == z("2026-11-28 00:00") and plan["end"] == z("2026-11-29 00:00")
    assert [(b["start_local"], b["title"]) for b in plan["blocks"]] == [
        ("12:00", ""), ("13:00", "Copy")
    ]  # fmt: skip
    (meeting,) = plan["meetings"]
    assert meeting["start"] == z("2026-11-28 08:00", "America/New_York")
    assert (meeting["start_local"], meeting["end_local"]) == ("14:00", "14:30")
    tracked = plan["tracked"]
    assert [(t["client"], t["minutes"], t["running"]) for t in tracked] == [
        ("Koala", 45, False), ("Acme", 20, True)
    ]  # fmt: skip
    assert tracked[1]["end"] == "2026-11-28T13:32:00Z" and tracked[1]["id"] is None
    assert plan["planned_minutes"] == 90  # the break is not client time
    assert plan["tracked_minutes"] == 65
    by_client = {c["name"]: (c["planned_minutes"], c["tracked_minutes"]) for c in plan["clients"]}
    assert by_client == {"Acme": (90, 20), "Koala": (0, 45)}
    assert plan["work_minutes"] == 0 and "day off" in plan["capacity_warning"]


def test_plan_text(world: Run) -> None:
    add(world, "Acme", "--date", "2026-12-01", "--start", "15:00", "--end", "16:00",
        "--title", "Newsletter")  # fmt: skip
    add(world, "Koala", "--date", "2026-12-01", "--start", "15:30", "--end", "16:30", "--force")
    result = world("plan", "2026-12-01")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0] == "Tue 01 Dec 2026 · Europe/Ljubljana"
    assert any("15:00-16:00" in line and "Acme · Newsletter" in line for line in lines)
    assert "planned 1:30  tracked 0:00  work hours 8:00" in result.out
    assert any(line.startswith("! block 1 'Newsletter'") for line in lines)
    assert "nothing planned" in world("plan", "2026-12-02").out


@pytest.mark.parametrize(("day", "hours"), [("2026-10-25", 25), ("2026-03-29", 23)])
def test_plan_day_bounds_on_dst_days(world: Run, day: str, hours: int) -> None:
    plan = world("plan", day, "--json").json()
    start = datetime.fromisoformat(plan["start"].replace("Z", "+00:00"))
    end = datetime.fromisoformat(plan["end"].replace("Z", "+00:00"))
    assert end - start == timedelta(hours=hours)
    assert plan["start"] == z(f"{day} 00:00")


def test_block_needs_an_action(world: Run) -> None:
    result = world("block")
    assert result.code == 2
    result.one_line_error()


def test_plan_as_a_real_process(world: Run, data_dir: Path) -> None:
    add(world, "admin", "--date", "2026-11-28", "--start", "09:00", "--end", "09:30")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "vaplanner",
            "--data-dir",
            str(data_dir),
            "plan",
            "2026-11-28",
            "--json",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    plan = json.loads(done.stdout)
    assert plan["tz"] == "Europe/Ljubljana"
    assert plan["blocks"][0]["category"] == "admin"
