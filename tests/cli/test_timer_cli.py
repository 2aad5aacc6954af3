"""``start``, ``stop``, ``cancel``, ``status``: switching, starts in the past, overlaps,
forgotten timers, ``--at`` forms, JSON and ``--format`` shapes, and every error path."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.cli.conftest import Run
from tests.conftest import FIXED_NOW

LJU = ZoneInfo("Europe/Ljubljana")


def lju(*args: int) -> datetime:
    return datetime(*args, tzinfo=LJU).astimezone(UTC)  # type: ignore[misc]


def z(instant: datetime) -> str:
    return instant.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def entries(run: Run) -> list[dict[str, object]]:
    result = run("entries", "--from", "2026-11-01", "--to", "2026-11-30", "--json")
    assert result.code == 0, result
    data: list[dict[str, object]] = result.json()
    return data


# --- idle -----------------------------------------------------------------------------------


def test_status_when_idle_in_every_shape(world: Run) -> None:
    assert world("status") == (0, "idle\n", "")
    result = world("status", "--json")
    assert (result.code, result.json(), result.err) == (0, {"running": False}, "")
    assert world("status", "--format", "{client} {elapsed}") == (0, "", "")


def test_stop_and_cancel_when_idle_are_input_errors(world: Run) -> None:
    for argv in (("stop",), ("cancel",)):
        result = world(*argv)
        assert result.code == 2
        assert "no timer is running" in result.one_line_error()


# --- start, status, stop --------------------------------------------------------------------


def test_start_status_stop_round_trip(world: Run) -> None:
    result = world("start", "acme", "--note", "call prep")
    assert result == (0, "Started Acme — call prep at 14:32\n", "")
    later = FIXED_NOW + timedelta(minutes=72, seconds=33)
    status = world("status", "--json", now=later)
    assert status.json() == {
        "running": True,
        "client": "Acme",
        "client_id": 1,
        "task_id": None,
        "task": None,
        "note": "call prep",
        "started_utc": "2026-11-28T13:32:00Z",
        "elapsed_seconds": 4353,
    }
    assert world("status", now=later).out == "▶ Acme — call prep  1:12  since 14:32\n"
    stop = world("stop", now=later)
    assert stop == (0, "Stopped Acme — call prep at 15:44 after 1:12 (entry #1)\n", "")
    (entry,) = entries(world)
    assert entry["start_utc"] == "2026-11-28T13:32:00Z"
    assert entry["end_utc"] == "2026-11-28T14:44:33Z"  # kept to the second
    assert entry["minutes"] == 73  # 72:33 rounds to the nearest minute
    assert world("status", now=later) == (0, "idle\n", "")


def test_status_format_placeholders(world: Run) -> None:
    world("task", "add", "Acme", "Newsletter draft")
    assert world("start", "1", "--task", "1", "--note", "n", "--at", "13:50").code == 0
    fmt = "{client}|{task}|{note}|{elapsed}|{elapsed_s}|{started}"
    result = world("status", "--format", fmt)
    assert result == (0, "Acme|Newsletter draft|n|0:42|2520|13:50\n", "")
    assert world("status", "--format", "{client:>6}").out == "  Acme\n"


@pytest.mark.parametrize("fmt", ["{nope}", "{}", "{client", "{0}"])
def test_status_format_rejects_unknown_placeholders(world: Run, fmt: str) -> None:
    world("start", "Acme")
    result = world("status", "--format", fmt)
    assert result.code == 2
    assert "--format" in result.one_line_error()


def test_status_json_and_format_are_exclusive(world: Run) -> None:
    result = world("status", "--json", "--format", "{client}")
    assert result.code == 2
    assert "not allowed with" in result.one_line_error()


def test_start_with_a_task_shows_its_title(world: Run) -> None:
    world("task", "add", "Acme", "Newsletter draft")
    result = world("start", "Acme", "--task", "#1")
    assert result.out == "Started Acme · Newsletter draft at 14:32\n"
    assert world("status", "--json").json()["task"] == "Newsletter draft"


def test_start_with_another_clients_task_is_refused(world: Run) -> None:
    world("task", "add", "Koala", "Inbox zero")
    result = world("start", "Acme", "--task", "1")
    assert result.code == 2
    assert "task #1 (Inbox zero) belongs to Koala, not Acme" in result.one_line_error()
    assert world("start", "Acme", "--task", "99").code == 2
    assert world("start", "Acme", "--task", "x").code == 2


def test_start_unknown_client_suggests_names(world: Run) -> None:
    result = world("start", "Acmee")
    assert result.code == 2
    assert "did you mean Acme?" in result.one_line_error()


def test_start_same_client_again_changes_nothing(world: Run) -> None:
    world("start", "Acme", "--at", "14:00")
    result = world("start", "Acme")
    assert result == (0, "Acme is already running (0:32 since 14:00)\n", "")
    assert entries(world) == []


def test_the_timer_survives_the_process(world: Run, data_dir: object) -> None:
    world("start", "Koala")
    # A brand-new in-process run reads the timer from the store, not from memory.
    assert world("status", "--format", "{client}").out == "Koala\n"


# --- switching ------------------------------------------------------------------------------


def test_start_while_running_switches(world: Run) -> None:
    world("start", "Koala", "--at", "13:50")
    result = world("start", "Acme")
    assert result == (0, "Started Acme at 14:32 (stopped Koala after 0:42)\n", "")
    (entry,) = entries(world)
    assert (entry["client"], entry["start_utc"], entry["end_utc"]) == (
        "Koala",
        z(lju(2026, 11, 28, 13, 50)),
        z(FIXED_NOW),
    )
    assert world("status", "--format", "{client} {started}").out == "Acme 14:32\n"


def test_switch_in_the_past_ends_the_running_timer_then(world: Run) -> None:
    world("start", "Koala", "--at", "13:00")
    result = world("start", "Acme", "--at", "14:10")
    assert result.out == "Started Acme at 14:10 (stopped Koala after 1:10)\n"
    (entry,) = entries(world)
    assert entry["end_utc"] == z(lju(2026, 11, 28, 14, 10))
    assert world("status", "--json").json()["started_utc"] == z(lju(2026, 11, 28, 14, 10))


def test_switch_before_the_running_start_is_refused(world: Run) -> None:
    world("start", "Koala", "--at", "13:00")
    result = world("start", "Acme", "--at", "12:30")
    assert result.code == 2
    assert "Koala" in result.one_line_error() and "must be after" in result.err
    assert world("status", "--format", "{client}").out == "Koala\n"
    assert entries(world) == []


# --- --at forms and starts in the past ------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (("--at", "09:10"), lju(2026, 11, 28, 9, 10)),
        (("--at", "2026-11-27 09:10"), lju(2026, 11, 27, 9, 10)),
        (("--at=-15m",), FIXED_NOW - timedelta(minutes=15)),
        (("--at", "-15m"), FIXED_NOW - timedelta(minutes=15)),
        (("--at", "15m ago"), FIXED_NOW - timedelta(minutes=15)),
        (("--at", "1h30m ago"), FIXED_NOW - timedelta(minutes=90)),
        (("--at", "now"), FIXED_NOW),
        (("--at", "08:10", "--tz", "Europe/London"), datetime(2026, 11, 28, 8, 10, tzinfo=UTC)),
        (("--at", "03:00", "--tz", "America/New_York"), datetime(2026, 11, 28, 8, 0, tzinfo=UTC)),
    ],
)
def test_start_at_forms(world: Run, argv: tuple[str, ...], expected: datetime) -> None:
    result = world("start", "Acme", *argv)
    assert result.code == 0, result
    assert world("status", "--json").json()["started_utc"] == z(expected)


def test_start_at_shows_the_day_when_not_today(world: Run) -> None:
    result = world("start", "Acme", "--at", "2026-11-27 09:10")
    assert result.out == "Started Acme at Fri 27 Nov 09:10\n"


@pytest.mark.parametrize(
    ("at", "message"),
    [
        ("25:99", "cannot read time"),
        ("yesterdayish", "cannot read time"),
        ("15:00", "is in the future (it is 14:32)"),
        ("+1h", "is in the future"),
    ],
)
def test_bad_or_future_start_times_are_refused(world: Run, at: str, message: str) -> None:
    result = world("start", "Acme", "--at", at)
    assert result.code == 2
    assert message in result.one_line_error()
    assert world("status").out == "idle\n"


def test_unknown_tz_is_refused_with_suggestion(world: Run) -> None:
    result = world("start", "Acme", "--at", "09:00", "--tz", "Europe/Lubljana")
    assert result.code == 2
    assert "Europe/Ljubljana" in result.one_line_error()


def test_start_in_the_past_over_an_entry_is_refused_and_names_it(world: Run) -> None:
    assert world("log", "Koala", "--from", "13:00", "--to", "14:00").code == 0
    result = world("start", "Acme", "--at", "13:30")
    assert result.code == 2
    line = result.one_line_error()
    assert "entry #1 (Koala 13:00-14:00)" in line
    assert "start at 14:00 or later" in line
    assert world("start", "Acme", "--at", "14:00").code == 0


def test_gap_time_is_explained_on_stderr(world: Run) -> None:
    # 02:30 on 29 Mar 2026 does not exist in Ljubljana (clocks go 02:00 -> 03:00).
    spring = datetime(2026, 3, 29, 12, 0, tzinfo=UTC)
    result = world("start", "Acme", "--at", "2026-03-29 02:30", now=spring)
    assert result.code == 0
    assert "does not exist" in result.err
    started = world("status", "--json", now=spring).json()["started_utc"]
    assert started == "2026-03-29T01:30:00Z"  # the offset before the jump (+01:00)


# --- stop -----------------------------------------------------------------------------------


def test_stop_at(world: Run) -> None:
    world("start", "Acme", "--at", "13:00")
    result = world("stop", "--at", "14:00")
    assert result.out == "Stopped Acme at 14:00 after 1:00 (entry #1)\n"
    assert entries(world)[0]["minutes"] == 60


@pytest.mark.parametrize(
    ("at", "message"), [("12:00", "must not be before"), ("16:00", "in the future")]
)
def test_stop_at_bad_times(world: Run, at: str, message: str) -> None:
    world("start", "Acme", "--at", "13:00")
    result = world("stop", "--at", at)
    assert result.code == 2
    assert message in result.one_line_error()
    assert world("status", "--format", "{client}").out == "Acme\n"


def test_cancel_records_nothing(world: Run) -> None:
    world("start", "Acme", "--at", "14:00")
    result = world("cancel")
    assert result == (0, "Cancelled Acme (ran 0:32; nothing was recorded)\n", "")
    assert entries(world) == []
    assert world("status").out == "idle\n"


def test_archived_client_cannot_be_started(world: Run) -> None:
    world("client", "archive", "Koala")
    result = world("start", "Koala")
    assert result.code == 2
    assert "archived" in result.one_line_error()


# --- forgotten timers -----------------------------------------------------------------------

FRIDAY_MORNING = lju(2026, 11, 27, 10, 0)


def test_forgotten_timer_is_flagged_by_status_and_still_succeeds(world: Run) -> None:
    assert world("start", "Acme", "--at", "09:10", now=FRIDAY_MORNING).code == 0
    assert world("status", now=FRIDAY_MORNING).err == ""
    result = world("status")  # Saturday 14:32: past Friday's 17:00 end of work
    assert result.code == 0
    assert result.out == "▶ Acme  29:22  since Fri 27 Nov 09:10\n"
    note = result.err.strip()
    assert result.err.count("\n") == 1
    assert "past the end of your work day (Fri 27 Nov 17:00)" in note
    assert "keep it" in note
    assert "'vaplanner stop --at \"2026-11-27 17:00\"'" in note
    assert "'vaplanner start OTHER --at \"2026-11-27 17:00\"'" in note
    # --json and --format flag it too, on stderr only, so stdout stays machine-readable.
    assert world("status", "--json").json()["elapsed_seconds"] == 29 * 3600 + 22 * 60
    assert "work day" in world("status", "--format", "{elapsed}").err


def test_forgotten_timer_choices_work(world: Run) -> None:
    world("start", "Acme", "--at", "09:10", now=FRIDAY_MORNING)
    # Give the tail to another client from where it should have ended...
    result = world("start", "Koala", "--at", "2026-11-27 17:00")
    assert result.out == "Started Koala at Fri 27 Nov 17:00 (stopped Acme after 7:50)\n"
    assert result.err == ""
    # ...then end that one at the right time too.
    assert world("stop", "--at", "2026-11-27 18:00").code == 0
    assert [(e["client"], e["minutes"]) for e in entries(world)] == [("Acme", 470), ("Koala", 60)]


def test_forgotten_timer_stopped_now_keeps_it_and_says_so(world: Run) -> None:
    world("start", "Acme", "--at", "09:10", now=FRIDAY_MORNING)
    result = world("stop")
    assert result.code == 0
    assert result.out.startswith("Stopped Acme at 14:32 after 29:22 (entry #1)")
    assert "entry #1 ran 29:22" in result.err
    assert "entries --from 2026-11-27" in result.err


def test_timer_over_the_hour_limit_is_flagged(world: Run) -> None:
    world("config", "set", "work_hours", "daily 00:00-24:00")
    world("config", "set", "max_timer_hours", "2")
    world("start", "Acme", "--at", "11:00")
    result = world("status")
    assert "over your 2-hour limit" in result.err
    assert "stop --at 13:00" in result.err


# --- the shared actions (what the app calls) ------------------------------------------------


def test_actions_api_returns_timer_changes(tmp_path: Path) -> None:
    from vaplanner.actions import cancel_timer, log_entry, start_timer, stop_timer
    from vaplanner.core.errors import ConflictError, NothingRunningError
    from vaplanner.core.models import Client, Settings
    from vaplanner.store.store import Store

    store = Store(tmp_path / "data")
    settings = Settings(home_tz="Europe/Ljubljana")
    acme = store.clients.add(Client(name="Acme", tz="America/New_York"))
    koala = store.clients.add(Client(name="Koala", tz="Australia/Sydney"))
    first = start_timer(store, settings, acme.id, now=FIXED_NOW, note="a")
    assert first.stopped is None and first.timer is not None and not first.already
    again = start_timer(store, settings, acme.id, now=FIXED_NOW + timedelta(minutes=5))
    assert again.already and again.timer == first.timer
    later = FIXED_NOW + timedelta(minutes=30)
    switch = start_timer(store, settings, koala.id, now=later)
    assert switch.stopped is not None and switch.stopped.id > 0
    assert (switch.stopped.client_id, switch.stopped.note, switch.stopped.seconds) == (
        acme.id,
        "a",
        1800,
    )
    stop = stop_timer(store, settings, now=later + timedelta(minutes=10))
    assert stop.timer is None and stop.stopped is not None and stop.stopped.seconds == 600
    assert store.timer.get() is None
    with pytest.raises(NothingRunningError):
        stop_timer(store, settings, now=later)
    with pytest.raises(NothingRunningError):
        cancel_timer(store)
    start_timer(store, settings, acme.id, now=later + timedelta(hours=1))
    assert cancel_timer(store).client_id == acme.id
    logged = log_entry(
        store,
        koala.id,
        FIXED_NOW - timedelta(hours=2),
        FIXED_NOW - timedelta(hours=1),
        now=FIXED_NOW,
        settings=settings,
    )
    assert logged.id > 0 and logged.minutes == 60
    with pytest.raises(
        ConflictError, match=r"13:02-13:12 overlaps entry #\d+ \(Koala Sat 28 Nov 12:32-13:32\)"
    ):
        log_entry(
            store,
            acme.id,
            FIXED_NOW - timedelta(minutes=90),
            FIXED_NOW - timedelta(minutes=80),
            settings=settings,
        )
    assert (
        len(store.entries.between(FIXED_NOW - timedelta(days=1), FIXED_NOW + timedelta(days=1)))
        == 3
    )


# --- the running client's retainer ----------------------------------------------------------


def _retainer_world(world: Run, hours: str, logged: tuple[str, str]) -> None:
    """Acme with a monthly retainer since 1 Nov 2026, one entry logged, a timer started."""
    setup = (
        ("client", "edit", "Acme", "--retainer-hours", hours, "--retainer-fee", "500",
         "--retainer-since", "2026-11-01"),
        ("log", "Acme", "--from", logged[0], "--to", logged[1]),
        ("start", "Acme", "--note", "inbox"),
    )  # fmt: skip
    for argv in setup:
        assert world(*argv).code == 0, argv


def test_status_shows_the_retainer_hours_left_counting_the_running_time(world: Run) -> None:
    _retainer_world(world, "10", ("2026-11-02 09:00", "2026-11-02 11:00"))
    later = FIXED_NOW + timedelta(minutes=30)
    # 10 h a month, 2 h logged, 30 minutes running: 7:30 left
    text = world("status", now=later)
    assert text == (0, "▶ Acme — inbox  0:30  since 14:32  · retainer 7:30 left\n", "")
    data = world("status", "--json", now=later).json()
    assert data["retainer_left_hours"] == 7.5
    assert data["retainer"] == {
        "cycle": "monthly",
        "cycle_start": "2026-11-01",
        "resets_on": "2026-12-01",
        "included_minutes": 600,
        "rollover_minutes": 0,
        "used_minutes": 150,
        "left_minutes": 450,
        "overage_minutes": 0,
        "percent_used": 25,
        "level": "ok",
    }
    assert data["elapsed_seconds"] == 1800  # the usual keys are still there
    fmt = world("status", "--format", "{client} {elapsed} ({retainer_left} left)", now=later)
    assert fmt.out == "Acme 0:30 (7:30 left)\n"


def test_status_says_when_the_retainer_is_used_up(world: Run) -> None:
    _retainer_world(world, "1", ("2026-11-02 09:00", "2026-11-02 11:00"))
    later = FIXED_NOW + timedelta(minutes=15)
    assert world("status", now=later).out.endswith("· retainer used up, 1:15 over\n")
    data = world("status", "--json", now=later).json()
    assert (data["retainer_left_hours"], data["retainer"]["level"]) == (0, "over")


def test_status_without_a_retainer_has_no_retainer_keys(world: Run) -> None:
    assert world("start", "Koala").code == 0
    data = world("status", "--json").json()
    assert "retainer" not in data and "retainer_left_hours" not in data
    assert world("status").out == "▶ Koala  0:00  since 14:32\n"
    assert world("status", "--format", "[{retainer_left}]").out == "[]\n"
