"""``clock`` and ``slots`` in-process with a fixed clock.

The ``world`` fixture (tests/cli/conftest.py): home Ljubljana, work hours mon-fri 09:00-17:00
(the default); Acme (New York, key 1), Koala (Sydney, key 2), Brightside (London, key 3), all
mon-fri 09:00-17:00 in their zones. Expected instants are UTC literals.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from tests.cli.conftest import Run
from tests.conftest import FIXED_NOW

MONDAY_3PM = datetime(2026, 11, 30, 15, 0, tzinfo=UTC)
MARCH_1 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def clock(world: Run, now: datetime) -> dict[str, dict[str, Any]]:
    result = world("clock", "--json", now=now)
    assert result.code == 0, result
    return {row["name"]: row for row in result.json()}


def test_clock_json_on_a_saturday(world: Run) -> None:
    rows = clock(world, FIXED_NOW)
    assert list(rows) == ["Acme", "Koala", "Brightside"]  # client-list order (by hotkey)
    expected = {
        "Acme": ("America/New_York", "2026-11-28T08:32:00-05:00", "-05:00",
                 "2027-03-14T07:00:00Z"),
        "Koala": ("Australia/Sydney", "2026-11-29T00:32:00+11:00", "+11:00",
                  "2027-04-03T16:00:00Z"),
        "Brightside": ("Europe/London", "2026-11-28T13:32:00+00:00", "+00:00",
                       "2027-03-28T01:00:00Z"),
    }  # fmt: skip
    for name, (tz, local_time, offset, change) in expected.items():
        row = rows[name]
        assert (row["tz"], row["local_time"], row["utc_offset"], row["next_change_utc"]) == (
            tz,
            local_time,
            offset,
            change,
        )
        assert row["in_hours"] is False  # weekend everywhere


def test_clock_in_hours_on_a_monday(world: Run) -> None:
    rows = clock(world, MONDAY_3PM)
    assert {name: row["in_hours"] for name, row in rows.items()} == {
        "Acme": True,  # 10:00
        "Koala": False,  # Tue 02:00
        "Brightside": True,  # 15:00
    }


def test_clock_text(world: Run) -> None:
    result = world("clock", now=FIXED_NOW)
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].split()[:3] == ["CLIENT", "ZONE", "LOCAL"]
    koala = next(line for line in lines if line.startswith("Koala"))
    assert "00:32 Sun 29 Nov" in koala and "+11:00" in koala and "+10h" in koala
    assert "3 Apr 2027" not in koala and "4 Apr 2027 -> UTC+10:00" in koala


def test_clock_without_clients(run: Run) -> None:
    result = run("clock", now=FIXED_NOW)
    assert result.code == 0 and "no clients yet" in result.out
    assert run("clock", "--json", now=FIXED_NOW).json() == []


def slots(world: Run, *argv: str, now: datetime = MARCH_1) -> dict[str, Any]:
    result = world("slots", *argv, "--json", now=now)
    assert result.code == 0, result
    data: dict[str, Any] = result.json()
    return data


def test_windows_across_the_us_change(world: Run) -> None:
    data = slots(world, "Acme", "Brightside", "--from", "2026-03-02", "--days", "14")
    assert data["windows"] == [
        {"start_utc": f"2026-03-{d:02d}T14:00:00Z", "end_utc": f"2026-03-{d:02d}T16:00:00Z",
         "minutes": 120}
        for d in range(2, 7)
    ] + [
        {"start_utc": f"2026-03-{d:02d}T13:00:00Z", "end_utc": f"2026-03-{d:02d}T16:00:00Z",
         "minutes": 180}
        for d in range(9, 14)
    ]  # fmt: skip
    # 30-minute slots every 15 minutes: 7 in a 2-hour window, 11 in a 3-hour one.
    assert len(data["slots"]) == 5 * 7 + 5 * 11
    assert data["slots"][0] == {"start_utc": "2026-03-02T14:00:00Z",
                                "end_utc": "2026-03-02T14:30:00Z"}  # fmt: skip


def test_slots_leave_meetings_and_blocks_out(world: Run) -> None:
    assert world("meeting", "add", "Acme", "Call", "--at", "2026-03-03 09:00", "--zone",
                 "client", "--duration", "1h", now=MARCH_1).code == 0  # fmt: skip
    # 14:00-14:20 Ljubljana on 10 Mar is 13:00-13:20 UTC.
    block = world("block", "add", "Acme", "--date", "2026-03-10", "--start", "14:00",
                  "--end", "14:20", now=MARCH_1)  # fmt: skip
    assert block.code == 0, block
    data = slots(world, "Acme", "--from", "2026-03-02", "--days", "14", "--duration", "1h")
    assert {"start_utc": "2026-03-03T14:00:00Z", "end_utc": "2026-03-03T16:00:00Z",
            "minutes": 120} in data["windows"]  # fmt: skip
    on_3rd = [s["start_utc"] for s in data["slots"] if s["start_utc"].startswith("2026-03-03")]
    assert on_3rd == ["2026-03-03T15:00:00Z"]
    on_10th = [s["start_utc"] for s in data["slots"] if s["start_utc"].startswith("2026-03-10")]
    assert on_10th[0] == "2026-03-10T13:30:00Z"


def test_only_clients_and_not_in_the_past(world: Run) -> None:
    now = datetime(2026, 11, 30, 14, 40, tzinfo=UTC)  # Monday, 09:40 in New York
    data = slots(world, "1", "--days", "1", "--only-clients", now=now)
    # Windows are whole business hours; only the slots start after "now" (on the quarter hour).
    assert data["windows"] == [
        {"start_utc": "2026-11-30T14:00:00Z", "end_utc": "2026-11-30T22:00:00Z", "minutes": 480}
    ]
    assert data["slots"][0]["start_utc"] == "2026-11-30T14:45:00Z"
    assert data["slots"][-1]["start_utc"] == "2026-11-30T21:30:00Z"
    with_me = slots(world, "1", "--days", "1", now=now)
    assert with_me["windows"] == [
        {"start_utc": "2026-11-30T14:00:00Z", "end_utc": "2026-11-30T16:00:00Z", "minutes": 120}
    ]


def test_no_shared_hours(world: Run) -> None:
    result = world("slots", "Acme", "Koala", "--from", "2026-11-30", "--days", "5")
    assert result.code == 0
    assert "no shared hours" in result.out
    assert slots(world, "Acme", "Koala", "--from", "2026-11-30", "--days", "5") == {
        "windows": [],
        "slots": [],
    }


def test_slots_text(world: Run) -> None:
    result = world("slots", "Acme", "Brightside", "--from", "2026-11-30", "--days", "1",
                   now=FIXED_NOW)  # fmt: skip
    assert result.code == 0
    assert "Mon 30 Nov" in result.out
    assert "15:00-17:00" in result.out  # home
    assert "Acme 09:00-11:00" in result.out and "Brightside 14:00-16:00" in result.out
    assert "7 slots" in result.out


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (("Nobody",), "Nobody"),
        (("Acme", "--days", "0"), "--days 0"),
        (("Acme", "--duration", "0"), "zero"),
        (("Acme", "--from", "someday"), "YYYY-MM-DD"),
    ],
)
def test_slots_errors(world: Run, argv: tuple[str, ...], expected: str) -> None:
    result = world("slots", *argv)
    assert result.code == 2
    assert expected in result.one_line_error()
