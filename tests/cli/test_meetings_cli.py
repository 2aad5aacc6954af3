"""``meeting add|edit|delete|list`` in-process with a fixed clock, plus one real subprocess.

The ``world`` fixture (tests/cli/conftest.py): home Ljubljana; Acme (New York, key 1), Koala
(Sydney, key 2), Brightside (London, key 3). Expected instants come from zoneinfo or UTC
literals, never from the code under test.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.cli.conftest import Run

MARCH_1 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)  # a Sunday, before the US change


def z(instant: datetime) -> str:
    return instant.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def wall_utc(tz: str, *parts: int) -> str:
    year, month, day, hour, minute = (*parts, 0)[:5]
    return z(datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(tz)))


def add(world: Run, *argv: str, now: datetime = MARCH_1) -> dict[str, Any]:
    result = world("meeting", "add", *argv, "--json", now=now)
    assert result.code == 0, result
    data: dict[str, Any] = result.json()
    return data


def listing(world: Run, *argv: str, now: datetime = MARCH_1) -> list[dict[str, Any]]:
    result = world("meeting", "list", *argv, "--json", now=now)
    assert result.code == 0, result
    rows: list[dict[str, Any]] = result.json()
    return rows


def test_weekly_client_call_keeps_new_york_time_and_moves_on_the_home_clock(world: Run) -> None:
    add(world, "Acme", "Acme call", "--at", "2026-02-24 09:00", "--zone", "client",
        "--every", "weekly", "--duration", "1h")  # fmt: skip
    rows = listing(world, "--from", "2026-03-01", "--to", "2026-04-05")
    assert [r["start_utc"] for r in rows] == [
        "2026-03-03T14:00:00Z",
        "2026-03-10T13:00:00Z",
        "2026-03-17T13:00:00Z",
        "2026-03-24T13:00:00Z",
        "2026-03-31T13:00:00Z",
    ]
    assert [r["start_local"][11:] for r in rows] == ["09:00:00-05:00"] + ["09:00:00-04:00"] * 4
    assert [r["start_home"][11:] for r in rows] == [
        "15:00:00+01:00",
        "14:00:00+01:00",
        "14:00:00+01:00",
        "14:00:00+01:00",
        "15:00:00+02:00",
    ]
    first = rows[0]
    assert set(first) >= {"id", "uid", "title", "client", "zone", "start_utc", "end_utc",
                          "start_local", "start_home", "recurring"}  # fmt: skip
    assert (first["client"], first["zone"], first["recurring"]) == (
        "Acme",
        "America/New_York",
        True,
    )
    assert first["end_utc"] == "2026-03-03T15:00:00Z"
    assert first["uid"] == f"meeting-{first['id']}@vaplanner"


def test_dst_alerts_in_text_and_on_stderr_for_json(world: Run) -> None:
    add(world, "Acme", "Acme call", "--at", "2026-02-24 09:00", "--zone", "client",
        "--every", "weekly")  # fmt: skip
    text = world("meeting", "list", now=MARCH_1)
    assert text.code == 0
    assert "alerts" in text.out
    assert "! from 10 Mar the Acme call is at 14:00, not 15:00" in text.out
    as_json = world("meeting", "list", "--json", now=MARCH_1)
    assert "from 10 Mar the Acme call is at 14:00, not 15:00" in as_json.err
    assert isinstance(as_json.json(), list)  # stdout stays pure JSON
    later = world("meeting", "list", now=datetime(2026, 3, 20, tzinfo=UTC))
    assert "from 31 Mar the Acme call is at 15:00, not 14:00" in later.out


def test_alert_names_title_and_client(world: Run) -> None:
    add(world, "Koala", "Weekly sync", "--at", "2026-03-02 09:00", "--zone", "client",
        "--every", "weekly")  # fmt: skip
    result = world("meeting", "list", now=datetime(2026, 3, 20, tzinfo=UTC))
    assert "from 30 Mar the Weekly sync with Koala is at 00:00, not 23:00" in result.out


@pytest.mark.parametrize(
    ("argv", "start_utc"),
    [
        # Default zone: home (Ljubljana).
        (("--at", "2026-12-01 09:00"), wall_utc("Europe/Ljubljana", 2026, 12, 1, 9)),
        (("--at", "2026-12-01 09:00", "--zone", "home"), "2026-12-01T08:00:00Z"),
        (("--at", "2026-12-01 09:00", "--zone", "client"), "2026-12-01T14:00:00Z"),
        (("--at", "2026-12-01 09:00", "--zone", "Asia/Kathmandu"), "2026-12-01T03:15:00Z"),
        (("--at", "2026-12-01 09:00", "--zone", "America/St_Johns"), "2026-12-01T12:30:00Z"),
        (("--at", "2026-11-30 09:00", "--zone", "kolkata"), "2026-11-30T03:30:00Z"),
    ],
)
def test_zone_choices(world: Run, argv: tuple[str, ...], start_utc: str) -> None:
    saved = add(world, "Acme", "Kick-off", *argv)
    assert saved["start_utc"] == start_utc
    (row,) = listing(world, "--from", "2026-11-29", "--to", "2026-12-02")
    assert row["start_utc"] == start_utc


def test_gap_is_resolved_and_told_not_refused(world: Run) -> None:
    result = world("meeting", "add", "Acme", "Early", "--at", "2026-03-08 02:30", "--zone",
                   "client", "--json", now=MARCH_1)  # fmt: skip
    assert result.code == 0
    assert result.json()["start_utc"] == "2026-03-08T07:30:00Z"  # 03:30 EDT
    first, *others = result.err.splitlines()
    assert "does not exist in America/New_York" in first
    assert first.endswith("used 03:30 EDT (07:30 UTC)")
    assert others == ["vaplanner: meeting 1 is outside Acme's business hours (America/New_York)"]


def test_fold_takes_the_first_and_says_so(world: Run) -> None:
    result = world("meeting", "add", "Acme", "Late", "--at", "2026-11-01 01:30", "--zone",
                   "America/New_York", "--json", now=MARCH_1)  # fmt: skip
    assert result.code == 0
    assert result.json()["start_utc"] == "2026-11-01T05:30:00Z"
    assert "happens twice" in result.err


def test_duration_is_elapsed_across_fall_back(world: Run) -> None:
    add(world, "Acme", "Long", "--at", "2026-11-01 00:00", "--zone", "client", "--duration", "3h")
    (row,) = listing(world, "--from", "2026-11-01", "--to", "2026-11-01")
    assert (row["start_utc"], row["end_utc"]) == ("2026-11-01T04:00:00Z", "2026-11-01T07:00:00Z")


def test_until_is_inclusive_in_the_meetings_zone(world: Run) -> None:
    # Tuesdays 20:00 New York are Wednesdays 01:00/02:00 in Ljubljana.
    add(world, "Acme", "Evening", "--at", "2026-06-02 20:00", "--zone", "client",
        "--every", "weekly", "--until", "2026-06-16")  # fmt: skip
    rows = listing(world, "--from", "2026-06-01", "--to", "2026-07-31")
    assert [r["start_utc"] for r in rows] == [
        "2026-06-03T00:00:00Z",
        "2026-06-10T00:00:00Z",
        "2026-06-17T00:00:00Z",
    ]


def test_biweekly_and_monthly(world: Run) -> None:
    add(world, "Brightside", "Review", "--at", "2026-01-31 10:00", "--zone", "client",
        "--every", "monthly")  # fmt: skip
    add(world, "Koala", "Planning", "--at", "2026-01-05 09:00", "--zone", "client",
        "--every", "biweekly")  # fmt: skip
    rows = listing(world, "--from", "2026-02-01", "--to", "2026-03-31")
    review = [r["start_utc"] for r in rows if r["title"] == "Review"]
    planning = [r["start_utc"] for r in rows if r["title"] == "Planning"]
    assert review == ["2026-03-31T09:00:00Z"]  # no 31 Feb: skipped (RFC 5545)
    # Sydney Mondays 09:00 AEDT are Sundays 22:00 UTC, every other week.
    assert planning == [
        "2026-02-01T22:00:00Z",
        "2026-02-15T22:00:00Z",
        "2026-03-01T22:00:00Z",
        "2026-03-15T22:00:00Z",
        "2026-03-29T22:00:00Z",
    ]


def test_default_range_is_two_weeks_from_today(world: Run) -> None:
    add(world, "Acme", "Weekly", "--at", "2026-11-03 09:00", "--every", "weekly")
    rows = listing(world, now=datetime(2026, 11, 28, 13, 32, tzinfo=UTC))  # Saturday
    assert [r["start_utc"][:10] for r in rows] == ["2026-12-01", "2026-12-08"]


def test_edit_raises_sequence_and_updates(world: Run) -> None:
    saved = add(world, "Acme", "Sync", "--at", "2026-12-01 09:00", "--zone", "client")
    assert saved["sequence"] == 0
    mid = datetime(2026, 11, 29, 10, tzinfo=UTC)
    moved = world("meeting", "edit", str(saved["id"]), "--at", "2026-12-01 10:00", "--json",
                  now=mid)  # fmt: skip
    assert moved.code == 0, moved
    assert moved.json()["sequence"] == 1
    assert moved.json()["start_utc"] == "2026-12-01T15:00:00Z"
    assert moved.json()["updated"] == "2026-11-29T10:00:00Z"
    linked = world("meeting", "edit", str(saved["id"]), "--link", "https://meet.example/x",
                   "--json")  # fmt: skip
    assert linked.json()["sequence"] == 1  # a new link does not reschedule
    assert linked.json()["link"] == "https://meet.example/x"
    renamed = world("meeting", "edit", str(saved["id"]), "--title", "Sync 2", "--duration",
                    "45m", "--json")  # fmt: skip
    assert (renamed.json()["sequence"], renamed.json()["duration_minutes"]) == (2, 45)


def test_edit_zone_alone_keeps_the_instant(world: Run) -> None:
    saved = add(world, "Acme", "Sync", "--at", "2026-12-01 09:00", "--zone", "client")
    result = world("meeting", "edit", str(saved["id"]), "--zone", "home", "--json")
    assert result.code == 0, result
    data = result.json()
    assert data["zone"] == "Europe/Ljubljana"
    assert data["start_local"] == "2026-12-01T15:00"
    assert data["start_utc"] == "2026-12-01T14:00:00Z"


def test_edit_with_nothing_to_change_is_an_error(world: Run) -> None:
    saved = add(world, "Acme", "Sync", "--at", "2026-12-01 09:00")
    line = world("meeting", "edit", str(saved["id"])).one_line_error()
    assert "nothing to change" in line


def test_delete(world: Run) -> None:
    saved = add(world, "Acme", "Sync", "--at", "2026-12-01 09:00")
    result = world("meeting", "delete", str(saved["id"]))
    assert result.code == 0 and "deleted meeting" in result.out
    assert listing(world, "--from", "2026-12-01", "--to", "2026-12-01") == []
    missing = world("meeting", "delete", str(saved["id"]))
    assert missing.code == 2
    missing.one_line_error()


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (("Acme", "X", "--at", "2026-12-01 09:00", "--zone", "Europe/Lubljana"),
         "did you mean Europe/Ljubljana?"),
        (("Acme", "X", "--at", "2026-12-01 09:00", "--duration", "0"), "zero"),
        (("Acme", "X", "--at", "2026-12-01 09:00", "--duration", "soon"), "1h30m"),
        (("Acme", "X", "--at", "2026-12-01 09:00", "--until", "2026-12-31"), "needs --every"),
        (("Acme", "X", "--at", "2026-12-01 09:00", "--every", "weekly", "--until",
          "2026-11-30"), "before the first meeting"),
        (("-", "X", "--at", "2026-12-01 09:00", "--zone", "client"), "needs a client"),
        (("Acme", "  ", "--at", "2026-12-01 09:00"), "title is empty"),
        (("Acme", "X", "--at", "2026-12-01 25:00"), "YYYY-MM-DD HH:MM"),
        (("Nobody", "X", "--at", "2026-12-01 09:00"), "Nobody"),
    ],
)  # fmt: skip
def test_add_errors_are_one_line_exit_2(world: Run, argv: tuple[str, ...], expected: str) -> None:
    result = world("meeting", "add", *argv)
    assert result.code == 2
    assert expected in result.one_line_error()


def test_meeting_without_client(world: Run) -> None:
    saved = add(world, "-", "Dentist", "--at", "2026-12-01 09:00")
    assert saved["client"] is None
    text = world("meeting", "list", "--from", "2026-12-01", "--to", "2026-12-01")
    assert "Dentist" in text.out


def test_text_listing_shows_home_and_client_time(world: Run) -> None:
    add(world, "Koala", "Koala sync", "--at", "2026-12-01 09:00", "--zone", "client")
    result = world("meeting", "list", "--from", "2026-11-30", "--to", "2026-11-30")
    # 09:00 Tue in Sydney is Mon 23:00 in Ljubljana.
    assert "Mon 30 Nov" in result.out
    assert "23:00-23:30" in result.out
    assert "09:00 AEDT Tue" in result.out


def test_real_subprocess_round_trip(tmp_path: Path) -> None:
    folder = tmp_path / "data"

    def vap(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "vaplanner", "--data-dir", str(folder), *argv],
            capture_output=True,
            text=True,
            timeout=60,
        )

    assert vap("config", "set", "home_tz", "Asia/Kathmandu").returncode == 0
    assert vap("client", "add", "Acme", "--tz", "America/New_York").returncode == 0
    added = vap("meeting", "add", "Acme", "Call", "--at", "2030-01-08 09:00", "--zone", "client")
    assert added.returncode == 0, added.stderr
    listed = vap("meeting", "list", "--from", "2030-01-08", "--to", "2030-01-09", "--json")
    assert listed.returncode == 0, listed.stderr
    assert '"start_utc": "2030-01-08T14:00:00Z"' in listed.stdout
    assert '"start_home": "2030-01-08T19:45:00+05:45"' in listed.stdout


# ------------------------------------------------------------- limits, checked before saving

BAD_MEETINGS = [
    (("--at", "2026-12-02 10:00", "--duration", "99999999h"), "longer than 100 years"),
    (("--at", "2026-12-02 10:00", "--duration", "9999h"), "more than 24 hours"),
    (("--at", "2026-12-02 10:00", "--duration", "24h1m"), "more than 24 hours"),
    (("--at", "9999-12-31 23:59", "--zone", "America/New_York"), "1900 to 2200"),
    (("--at", "0001-01-01 00:00", "--zone", "Asia/Tokyo"), "1900 to 2200"),
    (("--at", "2026-12-02 10:00", "--every", "weekly", "--until=-999999d"), "1900 to 2200"),
    (("--at", "2026-12-02 10:00", "--link", "javascript:alert(1)"), "only https:, http:, tel:"),
    (("--at", "2026-12-02 10:00", "--link", "file:///etc/passwd"), "only https:, http:, tel:"),
    (("--at", "2026-12-02 10:00", "--link", "mailto:ann@acme.com"), "only https:, http:, tel:"),
    (("--at", "2026-12-02 10:00", "--link", "https://"), "has no host"),
    (("--at", "2026-12-02 10:00", "--link", "https:meet.example.com"), "has no host"),
    (("--at", "2026-12-02 10:00", "--link", "meet.google.com/abc"), "write https://meet.google"),
    (("--at", "2026-12-02 10:00", "--link", "https://a.b/c d"), "spaces"),
    (("--at", "2026-12-02 10:00", "--link", "tel:"), "has no number"),
]


def _all_meetings(world: Run) -> Any:
    return world("meeting", "list", "--from", "2026-01-01", "--to", "2027-12-31", "--json").json()


@pytest.mark.parametrize(("argv", "expected"), BAD_MEETINGS, ids=[a[-1] for a, _ in BAD_MEETINGS])
def test_add_refuses_what_cannot_be_a_meeting_and_saves_nothing(
    world: Run, argv: tuple[str, ...], expected: str
) -> None:
    """These were saved and then crashed the command (exit 1); the stored meeting broke
    'meeting list', 'plan' and 'export ics' until it was deleted."""
    result = world("meeting", "add", "Acme", "Bad", *argv, now=MARCH_1)
    assert result.code == 2, result
    assert expected in result.one_line_error()
    assert _all_meetings(world) == []


@pytest.mark.parametrize(("argv", "expected"), BAD_MEETINGS, ids=[a[-1] for a, _ in BAD_MEETINGS])
def test_edit_refuses_the_same_and_keeps_the_meeting(
    world: Run, argv: tuple[str, ...], expected: str
) -> None:
    saved = add(world, "Acme", "Sync", "--at", "2026-12-01 09:00", "--every", "weekly")
    before = _all_meetings(world)
    edit = [a for a in argv if a != "--zone" and a not in ("America/New_York", "Asia/Tokyo")]
    result = world("meeting", "edit", str(saved["id"]), *edit, now=MARCH_1)
    assert result.code == 2, result
    assert expected in result.one_line_error()
    assert _all_meetings(world) == before


@pytest.mark.parametrize(
    "link",
    ["https://meet.example.com/acme?pwd=x", "http://zoom.us/j/123", "tel:+15551234567",
     "HTTPS://Teams.Microsoft.com/l/meetup-join/19%3a"],
)  # fmt: skip
def test_call_links_that_are_accepted(world: Run, link: str) -> None:
    saved = add(world, "Acme", "Call", "--at", "2026-12-01 09:00", "--link", f" {link} ")
    assert saved["link"] == link


def test_edit_link_none_removes_it(world: Run) -> None:
    saved = add(world, "Acme", "Call", "--at", "2026-12-01 09:00", "--link", "https://x.io/a")
    result = world("meeting", "edit", str(saved["id"]), "--link", "none", "--json", now=MARCH_1)
    assert result.code == 0, result
    assert result.json()["link"] == ""


def test_a_day_long_meeting_is_accepted(world: Run) -> None:
    saved = add(world, "Acme", "Offsite", "--at", "2026-12-01 09:00", "--duration", "24h")
    assert saved["duration_minutes"] == 24 * 60


def test_a_meeting_stored_at_the_end_of_the_calendar_is_left_out_and_can_be_deleted(
    world: Run, data_dir: Path
) -> None:
    """A meeting saved by an earlier version (year 9999, or a length of years) no longer
    breaks 'meeting list': it is left out with a note, and 'meeting delete' removes it."""
    from vaplanner.core.models import Meeting
    from vaplanner.store.store import Store

    store = Store(data_dir)
    broken = store.meetings.add(
        Meeting(None, "Broken", datetime(9999, 12, 31, 23, 59), "America/New_York")
    )
    long = store.meetings.add(
        Meeting(None, "Endless", datetime(2026, 12, 2, 10), "UTC", duration_minutes=6 * 10**9)
    )
    store.close()
    add(world, "Acme", "Fine", "--at", "2026-12-01 09:00")
    result = world("meeting", "list", "--from", "2026-12-01", "--to", "2026-12-03", now=MARCH_1)
    assert result.code == 0, result
    assert "Fine" in result.out and "Broken" not in result.out
    assert f"meeting {broken.id} (Broken)" in result.err
    assert f"meeting {long.id} (Endless)" in result.err
    for meeting in (broken, long):
        deleted = world("meeting", "delete", str(meeting.id), now=MARCH_1)
        assert deleted.code == 0, deleted
    result = world("meeting", "list", "--from", "2026-12-01", "--to", "2026-12-03", now=MARCH_1)
    assert result.err == ""
