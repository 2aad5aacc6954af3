"""``request``, ``template``, ``checkin``, ``deadlines`` and ``batches`` from the command line,
in-process (``vaplanner.cli.main``) with a fixed clock, plus one real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import FIXED_NOW
from vaplanner.cli import main
from vaplanner.core.models import Client, Settings, Task, TimeRange, WeekHours
from vaplanner.store.store import Store

HOME = "Europe/Ljubljana"


def wall(tz: str, year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(tz)).astimezone(UTC)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A data folder with three clients, a few tasks, and Ljubljana as the home zone."""
    folder = tmp_path / "data"
    store = Store(folder)
    with store.transaction():
        store.save_settings(Settings(home_tz=HOME, buffer_minutes=10))
        store.clients.add(
            Client(
                name="Acme",
                tz="America/New_York",
                key="1",
                channels=(("formal", "email"), ("quick", "slack")),
                services=("inbox", "calendar"),
            )
        )
        store.clients.add(Client(name="Koala", tz="Australia/Sydney", key="2"))
        dubai_week = tuple(
            (TimeRange(time(9), time(18)),) if day in (6, 0, 1, 2, 3) else () for day in range(7)
        )
        store.clients.add(
            Client(
                name="Dune", tz="Asia/Dubai", hours=WeekHours(dubai_week), reply_within_minutes=540
            )
        )
        store.tasks.add(
            Task(
                client_id=1,
                title="Newsletter",
                tags=("email",),
                estimate_minutes=45,
                due=wall("America/New_York", 2026, 12, 1, 17),
                due_tz="America/New_York",
            )
        )
        store.tasks.add(
            Task(
                client_id=2,
                title="Inbox zero",
                tags=("email", "admin"),
                due=wall("Australia/Sydney", 2026, 11, 28, 17),
                due_tz="Australia/Sydney",
                urgent=True,
                important=True,
            )
        )
        store.tasks.add(Task(client_id=2, title="Old", tags=("email",), status="done"))
    return folder


def invoke(data: Path, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main([*argv, "--data-dir", str(data)], now=FIXED_NOW)
    except SystemExit as exit_:  # argparse refuses bad arguments before a handler runs
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def run_json(data: Path, capsys: pytest.CaptureFixture[str], *argv: str) -> object:
    code, out, err = invoke(data, capsys, *argv, "--json")
    assert code == 0, err
    return json.loads(out)


def fails(data: Path, capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code, out, err = invoke(data, capsys, *argv)
    assert code == 2
    assert out == ""
    assert err.startswith("vaplanner: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    return err


# --- request --------------------------------------------------------------------------------


def test_request_add_json_is_exact(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Friday 16:00 New York, 24 business hours (09:00-17:00): Wednesday 16:00 New York.
    result = run_json(
        data,
        capsys,
        "request",
        "add",
        "Acme",
        "Update the board deck",
        "--channel",
        "formal",
        "--received",
        "2026-11-27 16:00",
        "--tz",
        "America/New_York",
    )
    assert result == {
        "id": 1,
        "client": "Acme",
        "channel": "formal",
        "received_utc": "2026-11-27T21:00:00Z",
        "reply_by_utc": "2026-12-02T21:00:00Z",
        "out_of_scope": False,
    }


def test_request_received_is_read_in_home_zone(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 22:00 Ljubljana is 16:00 New York: the same promise as above.
    result = run_json(
        data,
        capsys,
        "request",
        "add",
        "acme",
        "Deck",
        "--channel",
        "email",
        "--received",
        "2026-11-27 22:00",
    )
    assert isinstance(result, dict)
    assert result["channel"] == "formal"  # the way "email" names the kind "formal"
    assert result["received_utc"] == "2026-11-27T21:00:00Z"
    assert result["reply_by_utc"] == "2026-12-02T21:00:00Z"


def test_request_default_received_is_now_and_relative_works(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    now = run_json(data, capsys, "request", "add", "Koala", "Call me", "--channel", "phone")
    assert isinstance(now, dict) and now["received_utc"] == "2026-11-28T13:32:00Z"
    # Saturday in Sydney: counting starts Monday 09:00 AEDT (22:00 UTC Sunday), 24h -> Wed 17:00.
    assert now["reply_by_utc"] == "2026-12-02T06:00:00Z"
    earlier = run_json(
        data, capsys, "request", "add", "Koala", "x", "--channel", "phone", "--received", "-2h"
    )
    assert isinstance(earlier, dict) and earlier["received_utc"] == "2026-11-28T11:32:00Z"


def test_request_add_text_and_out_of_scope(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = invoke(
        data,
        capsys,
        "request",
        "add",
        "Acme",
        "Design a logo",
        "--channel",
        "quick",
        "--out-of-scope",
    )
    assert code == 0
    assert out.startswith("request #1 from Acme via quick (slack) [out of scope]: reply by ")
    assert "out of scope for Acme (agreed: inbox, calendar)" in err
    assert Store(data).requests.get(1).out_of_scope is True


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (("request", "add", "Acme", "x", "--channel", "fax"), "no channel 'fax'; use one of"),
        (("request", "add", "Nobody", "x", "--channel", "email"), "no client 'Nobody'"),
        (("request", "add", "Acme", "x", "--channel", "email", "--received", "+2h"), "future"),
        (("request", "add", "Acme", "x", "--channel", "email", "--received", "soonish"), ""),
        (("request", "add", "Acme", "x", "--channel", "email", "--tz", "Mars/Base"), "Mars/Base"),
        (("request", "add", "Acme", "  ", "--channel", "email"), "empty"),
        (("request", "add", "Acme", "x"), "--channel"),
        (("request", "done", "42"), "42"),
        (("request", "done", "abc"), "ID"),
    ],
)
def test_request_errors(
    data: Path, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], words: str
) -> None:
    assert words in fails(data, capsys, *argv)


def test_request_list_and_done(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Dune (Dubai, Sun-Thu 09:00-18:00, 9 business hours): Thursday 17:00 -> Sunday 17:00.
    invoke(
        data,
        capsys,
        "request",
        "add",
        "Dune",
        "Visa docs",
        "--channel",
        "email",
        "--received",
        "2026-11-26 17:00",
        "--tz",
        "Asia/Dubai",
    )
    # Acme, received last Monday: overdue by now.
    invoke(
        data,
        capsys,
        "request",
        "add",
        "Acme",
        "Flights",
        "--channel",
        "quick",
        "--received",
        "2026-11-23 10:00",
        "--tz",
        "America/New_York",
    )
    invoke(data, capsys, "request", "add", "Koala", "Answered", "--channel", "phone")
    invoke(data, capsys, "request", "done", "3")

    listed = run_json(data, capsys, "request", "list")
    assert isinstance(listed, list)
    assert [item["id"] for item in listed] == [2, 1]  # due first; answered left out
    acme = listed[0]
    assert {"id", "client", "channel", "received_utc", "reply_by_utc", "out_of_scope"} <= set(acme)
    # Mon 10:00 New York: Mon 7h + Tue 8h + Wed 8h + Thu 1h = Thursday 10:00 EST.
    assert acme["reply_by_utc"] == "2026-11-26T15:00:00Z"
    assert acme["state"] == "overdue" and acme["text"] == "Flights"
    assert listed[1]["reply_by_utc"] == "2026-11-29T13:00:00Z"

    overdue = run_json(data, capsys, "request", "list", "--overdue")
    assert [item["id"] for item in overdue] == [2]  # type: ignore[union-attr]
    everything = run_json(data, capsys, "request", "list", "--all")
    assert [item["id"] for item in everything] == [2, 1, 3]  # type: ignore[union-attr]
    assert everything[2]["done_utc"] == "2026-11-28T13:32:00Z"  # type: ignore[index]

    code, out, _ = invoke(data, capsys, "request", "list")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["ID", "CLIENT", "CHANNEL"]
    assert "overdue 1d 22h" in lines[1] and "Flights" in lines[1]

    code, out, err = invoke(data, capsys, "request", "done", "2")
    assert code == 0 and "1d 22h late" in out
    code, out, err = invoke(data, capsys, "request", "done", "2")
    assert code == 0 and "already answered" in err
    assert run_json(data, capsys, "request", "list", "--overdue") == []


# --- template -------------------------------------------------------------------------------


def test_template_list_json(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    listed = run_json(data, capsys, "template", "list")
    assert isinstance(listed, list)
    by_name = {item["name"]: item for item in listed}
    assert {"onboarding", "social-weekly"} <= set(by_name)
    steps = by_name["onboarding"]["steps"]
    assert steps[0]["title"] == "Discovery call"
    assert all(step["estimate_minutes"] and step["due_days"] is not None for step in steps)


def test_template_show(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = invoke(data, capsys, "template", "show", "social-weekly")
    assert code == 0
    assert "1. Weekly brief  0:30  due day +0  every week  #social" in out
    assert "every month" in out
    assert "no template 'nope'; there are: onboarding, social-weekly" in fails(
        data, capsys, "template", "show", "nope"
    )


def test_template_apply_fills_the_queue(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    created = run_json(
        data, capsys, "template", "apply", "onboarding", "Koala", "--start", "2026-11-27"
    )
    assert isinstance(created, list) and len(created) == 7
    # Friday 27 Nov in Sydney: day +0 is Fri 17:00 AEDT; +2 is Sunday -> Monday 17:00.
    assert created[0]["title"] == "Discovery call"
    assert created[0]["due_utc"] == "2026-11-27T06:00:00Z"
    assert created[1]["due_utc"] == "2026-11-30T06:00:00Z"
    assert all(item["due_tz"] == "Australia/Sydney" for item in created)
    store = Store(data)
    queue = store.tasks.list(client_id=2)
    assert [t.title for t in queue][:2] == ["Inbox zero", "Discovery call"]
    applied = [t for t in queue if t.template == "onboarding"]
    assert len(applied) == 7 and all(t.estimate_minutes for t in applied)
    assert applied[0].checklist and not any(item.done for item in applied[0].checklist)
    assert "already has 7 open tasks" in fails(data, capsys, "template", "apply", "onboarding", "2")
    # Without --start: today in Sydney, where it is already Sunday 29 Nov.
    code, out, _ = invoke(data, capsys, "template", "apply", "onboarding", "2", "--again")
    assert code == 0 and out.startswith("applied 'onboarding' to Koala from 2026-11-29: 7 tasks")


def test_template_apply_user_template_and_broken_file(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "config" / "templates"  # VAPLANNER_CONFIG_DIR from conftest
    folder.mkdir(parents=True)
    (folder / "inbox.toml").write_text(
        '[[step]]\ntitle = "Inbox zero"\nestimate = "30m"\ndue_days = 1\ntags = ["email"]\n',
        "utf-8",
    )
    created = run_json(data, capsys, "template", "apply", "inbox", "Acme", "--start", "-1d")
    assert isinstance(created, list)
    # Start Friday 27 Nov (New York), due day +1 is Saturday -> Monday 17:00 EST.
    assert created[0]["due_utc"] == "2026-11-30T22:00:00Z"
    (folder / "broken.toml").write_text('[[step]]\ntitle = "a"\nestimate = "lots"\n', "utf-8")
    err = fails(data, capsys, "template", "list")
    assert f"{folder / 'broken.toml'} line 3: step 1" in err


# --- check-ins ------------------------------------------------------------------------------


def test_checkins(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = run_json(
        data,
        capsys,
        "checkin",
        "add",
        "Acme",
        "--score",
        "4",
        "--note",
        "likes the inbox",
        "--at",
        "2026-11-10 15:00",
    )
    assert first == {
        "id": 1,
        "client": "Acme",
        "client_id": 1,
        "at_utc": "2026-11-10T14:00:00Z",
        "score": 4,
        "note": "likes the inbox",
    }
    code, out, _ = invoke(data, capsys, "checkin", "add", "Acme", "--score", "5")
    assert code == 0 and "score 5/5" in out and "the one before: 2w ago" in out
    invoke(data, capsys, "checkin", "add", "Koala")
    listed = run_json(data, capsys, "checkin", "list")
    assert [item["id"] for item in listed] == [3, 2, 1]  # type: ignore[union-attr]
    only = run_json(data, capsys, "checkin", "list", "acme")
    assert [item["id"] for item in only] == [2, 1]  # type: ignore[union-attr]
    assert listed[0]["score"] is None  # type: ignore[index]
    assert "1 to 5" in fails(data, capsys, "checkin", "add", "Acme", "--score", "6")
    assert "future" in fails(data, capsys, "checkin", "add", "Acme", "--at", "+1d")


# --- deadlines and batches ------------------------------------------------------------------


def test_deadlines(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    listed = run_json(data, capsys, "deadlines")
    assert isinstance(listed, list)
    assert [item["title"] for item in listed] == ["Inbox zero", "Newsletter"]
    first = listed[0]
    assert first["overdue"] is True and first["countdown"] == "overdue 7h 32m"
    assert first["due_utc"] == "2026-11-28T06:00:00Z" and first["client"] == "Koala"
    assert first["quadrant"] == "do"
    assert listed[1]["overdue"] is False and listed[1]["countdown"] == "in 3d 8h"
    code, out, _ = invoke(data, capsys, "deadlines")
    lines = out.splitlines()
    assert code == 0 and lines[1].startswith("!  07:00") and "Sat 17:00" in lines[1]
    assert "Tue 1 Dec 23:00" in lines[2]  # 17:00 New York in Ljubljana time
    only = run_json(data, capsys, "deadlines", "--client", "Acme")
    assert [item["title"] for item in only] == ["Newsletter"]  # type: ignore[union-attr]


def test_batches(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    listed = run_json(data, capsys, "batches")
    assert isinstance(listed, list)
    assert [(b["tag"], len(b["tasks"])) for b in listed] == [("email", 2), ("admin", 1)]
    email = listed[0]
    assert email["estimate_minutes"] == 45 and email["unestimated"] == 1
    # 45 + 15 (unestimated) + 10 buffer = 70 -> 75 on the 15-minute grid.
    assert email["block_minutes"] == 75
    assert email["clients"] == ["Koala", "Acme"]  # the overdue one first


def test_empty_listings_say_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty"
    Store(empty).save_settings(Settings(home_tz=HOME))
    for argv, words in [
        (("request", "list"), "no unanswered requests"),
        (("checkin", "list"), "no check-ins yet"),
        (("deadlines",), "no open task has a due date"),
        (("batches",), "no open task has a tag"),
    ]:
        code, out, _ = invoke(empty, capsys, *argv)
        assert code == 0 and words in out


def test_request_list_in_a_real_process(data: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "vaplanner", "request", "list", "--json", "--data-dir", str(data)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []
