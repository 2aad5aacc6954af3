"""``log`` and ``entries``: finished entries, overlaps named, inclusive dates, JSON shape."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.cli.conftest import Run

ENTRY_KEYS = {"id", "client", "task_id", "note", "start_utc", "end_utc", "minutes", "billable"}


def z(tz: str, *args: int) -> str:
    local = datetime(*args, tzinfo=ZoneInfo(tz))  # type: ignore[misc]
    return local.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def listed(run: Run, *argv: str) -> list[dict[str, object]]:
    result = run("entries", *argv, "--json")
    assert result.code == 0, result
    data: list[dict[str, object]] = result.json()
    return data


def test_log_and_json_shape(world: Run) -> None:
    world("task", "add", "Acme", "Newsletter")
    result = world("log", "Acme", "--from", "09:00", "--to", "10:30", "--task", "1", "--note", "n")
    assert result == (0, "Logged Acme · Newsletter — n 09:00-10:30 (1:30; entry #1)\n", "")
    (entry,) = listed(world)
    assert set(entry) >= ENTRY_KEYS
    assert entry == {
        "id": 1,
        "client": "Acme",
        "client_id": 1,
        "task_id": 1,
        "note": "n",
        "start_utc": z("Europe/Ljubljana", 2026, 11, 28, 9, 0),
        "end_utc": z("Europe/Ljubljana", 2026, 11, 28, 10, 30),
        "minutes": 90,
        "billable": True,
        "tags": [],
        "invoice_id": None,
    }


def test_log_forms(world: Run) -> None:
    # --to as a clock time is on the day of --from.
    world("log", "Koala", "--from", "2026-11-26 22:00", "--to", "23:15", "--non-billable")
    # --tz reads both in another zone.
    world("log", "Acme", "--from", "2026-11-27 08:00", "--to", "09:00", "--tz", "America/New_York")
    # relative forms
    world("log", "Brightside", "--from=-2h", "--to", "30m ago")
    got = [(e["client"], e["start_utc"], e["end_utc"], e["billable"]) for e in listed(world)]
    assert got == [
        (
            "Koala",
            z("Europe/Ljubljana", 2026, 11, 26, 22),
            z("Europe/Ljubljana", 2026, 11, 26, 23, 15),
            False,
        ),
        (
            "Acme",
            z("America/New_York", 2026, 11, 27, 8),
            z("America/New_York", 2026, 11, 27, 9),
            True,
        ),
        ("Brightside", "2026-11-28T11:32:00Z", "2026-11-28T13:02:00Z", True),
    ]


def test_log_overlap_is_refused_and_names_the_entry(world: Run) -> None:
    world("log", "Koala", "--from", "09:00", "--to", "10:00")
    result = world("log", "Acme", "--from", "09:30", "--to", "11:00")
    assert result.code == 2
    line = result.one_line_error()
    assert "09:30-11:00 overlaps entry #1 (Koala 09:00-10:00)" in line
    # Touching is fine.
    assert world("log", "Acme", "--from", "10:00", "--to", "11:00").code == 0


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("--from", "10:00", "--to", "09:00"), "must be after the start"),
        (("--from", "10:00", "--to", "10:00"), "must be after the start"),
        (("--from", "14:00", "--to", "16:00"), "in the future"),
        (("--from", "9 o'clock", "--to", "10:00"), "cannot read time"),
        (("--from", "09:00"), "--to"),
    ],
)
def test_log_errors(world: Run, argv: tuple[str, ...], message: str) -> None:
    result = world("log", "Acme", *argv)
    assert result.code == 2
    assert message in result.one_line_error()
    assert listed(world) == []


def test_log_over_the_running_timer_is_refused(world: Run) -> None:
    world("start", "Koala", "--at", "13:00")
    result = world("log", "Acme", "--from", "12:30", "--to", "13:30")
    assert result.code == 2
    assert "running timer (Koala since 13:00)" in result.one_line_error()
    assert world("log", "Acme", "--from", "12:00", "--to", "13:00").code == 0


def test_entries_dates_are_inclusive_in_the_home_zone(world: Run) -> None:
    world("log", "Acme", "--from", "2026-11-26 23:30", "--to", "2026-11-27 00:10")  # Thu night
    world("log", "Acme", "--from", "2026-11-27 00:30", "--to", "01:00")  # Fri, 23:30 UTC Thu
    world("log", "Koala", "--from", "2026-11-27 23:00", "--to", "23:59")  # Fri late
    world("log", "Acme", "--from", "2026-11-28 00:00", "--to", "00:30")  # Sat
    friday = listed(world, "--from", "2026-11-27", "--to", "2026-11-27")
    assert [e["id"] for e in friday] == [2, 3]
    assert [e["id"] for e in listed(world, "--from", "2026-11-26", "--to", "2026-11-27")] == [
        1,
        2,
        3,
    ]
    assert [e["id"] for e in listed(world, "--from", "yesterday")] == [2, 3, 4]
    assert [e["id"] for e in listed(world, "--to", "2026-11-26")] == [1]
    assert [e["id"] for e in listed(world, "--client", "Koala")] == [3]
    # In New York, Friday starts 6 hours later.
    ny_friday = listed(
        world, "--from", "2026-11-27", "--to", "2026-11-27", "--tz", "America/New_York"
    )
    assert [e["id"] for e in ny_friday] == [3, 4]


def test_entries_default_to_the_last_seven_days(world: Run) -> None:
    world("log", "Acme", "--from", "2026-11-20 09:00", "--to", "10:00")
    world("log", "Acme", "--from", "2026-11-22 09:00", "--to", "10:00")
    assert [e["id"] for e in listed(world)] == [2]


def test_minutes_round_to_the_nearest_minute(world: Run) -> None:
    ten = datetime(2026, 11, 28, 10, 0, tzinfo=ZoneInfo("Europe/Ljubljana"))
    world("start", "Acme", "--at", "10:00")
    world("stop", now=ten + timedelta(minutes=89, seconds=29))
    world("start", "Acme", "--at", "12:00")
    world("stop", now=ten + timedelta(hours=2, minutes=89, seconds=30))
    assert [e["minutes"] for e in listed(world)] == [89, 90]


def test_entries_table(world: Run) -> None:
    world("task", "add", "Acme", "Newsletter")
    world("log", "Acme", "--from", "09:00", "--to", "10:30", "--task", "1", "--note", "draft")
    world("log", "Koala", "--from", "11:00", "--to", "11:20", "--non-billable")
    out = world("entries").out.splitlines()
    assert out[0].split() == ["ID", "DAY", "START", "END", "TIME", "CLIENT", "TASK", "NOTE"]
    assert out[1].split() == [
        "1",
        "Sat",
        "28",
        "Nov",
        "09:00",
        "10:30",
        "1:30",
        "Acme",
        "Newsletter",
        "draft",
    ]
    assert "(not billable)" in out[2]
    assert out[-1] == "2 entries, 1:50 (1:30 billable), Sun 22 Nov to Sat 28 Nov 2026"


def test_entries_empty_and_errors(world: Run) -> None:
    assert world("entries", "--from", "2026-11-27", "--to", "2026-11-27").out == (
        "No entries from Fri 27 Nov 2026\n"
    )
    result = world("entries", "--from", "2026-11-27", "--to", "2026-11-26")
    assert result.code == 2
    assert "before --from" in result.one_line_error()
    assert "cannot read date" in world("entries", "--from", "someday").one_line_error()
    assert "did you mean" in world("entries", "--client", "Kaola").one_line_error()
