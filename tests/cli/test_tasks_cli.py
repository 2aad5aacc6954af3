"""``task add|list|done|edit``: due times in the client's zone, JSON shape, recurring tasks."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from tests.cli.conftest import Run

TASK_KEYS = {
    "id",
    "title",
    "client",
    "status",
    "urgent",
    "important",
    "quadrant",
    "estimate_minutes",
    "due_utc",
    "assignee",
    "tags",
}


def z(tz: str, *args: int) -> str:
    local = datetime(*args, tzinfo=ZoneInfo(tz))  # type: ignore[misc]
    return local.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def tasks(run: Run, *argv: str) -> list[dict[str, object]]:
    result = run("task", "list", *argv, "--json")
    assert result.code == 0, result
    data: list[dict[str, object]] = result.json()
    return data


def test_add_with_every_flag_and_json_shape(world: Run) -> None:
    result = world(
        "task",
        "add",
        "Acme",
        "Newsletter draft",
        "--due",
        "2026-12-01 10:00",
        "--estimate",
        "1h30m",
        "--urgent",
        "--important",
        "--tag",
        "email",
        "--tag",
        "Writing",
        "--assignee",
        "Maja",
        "--every",
        "weekly",
    )
    assert result.code == 0, result
    assert result.out == (
        "Added #1 Newsletter draft for Acme · due Tue 1 Dec 10:00 New York (16:00 your time) · "
        "~1:30 · do · every week\n"
    )
    (task,) = tasks(world)
    assert TASK_KEYS <= set(task)
    assert task["title"] == "Newsletter draft"
    assert task["client"] == "Acme"
    assert task["status"] == "todo"
    assert (task["urgent"], task["important"], task["quadrant"]) == (True, True, "do")
    assert task["estimate_minutes"] == 90
    # --due is read in the client's zone (New York), not the home zone.
    assert task["due_utc"] == z("America/New_York", 2026, 12, 1, 10, 0)
    assert task["due_tz"] == "America/New_York"
    assert (task["assignee"], task["tags"], task["every"]) == (
        "Maja",
        ["email", "writing"],
        "weekly",
    )


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (
            ("--due", "2026-12-01 10:00", "--tz", "Europe/Ljubljana"),
            z("Europe/Ljubljana", 2026, 12, 1, 10),
        ),
        (("--due", "fri"), z("America/New_York", 2026, 12, 4, 17)),  # end of their business day
        (("--due", "2026-12-05"), z("America/New_York", 2026, 12, 5, 23, 59)),  # a Saturday
        (("--due", "tomorrow 9am"), z("America/New_York", 2026, 11, 29, 9)),
        (("--due", "+2h"), "2026-11-28T15:32:00Z"),
    ],
)
def test_due_forms(world: Run, argv: tuple[str, ...], expected: str) -> None:
    assert world("task", "add", "Acme", "T", *argv).code == 0
    assert tasks(world)[0]["due_utc"] == expected


@pytest.mark.parametrize(
    ("quadrant", "flags"),
    [
        ("do", ("--urgent", "--important")),
        ("schedule", ("--important",)),
        ("delegate", ("--urgent",)),
        ("eliminate", ()),
    ],
)
def test_quadrants(world: Run, quadrant: str, flags: tuple[str, ...]) -> None:
    world("task", "add", "Koala", "T", *flags)
    assert tasks(world)[0]["quadrant"] == quadrant


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("Acme", "T", "--due", "someday"), "cannot read"),
        (("Acme", "T", "--due", "fri", "--tz", "Nowhere/City"), "Nowhere/City"),
        (("Acme", "T", "--estimate", "a while"), "cannot read duration"),
        (("Acme", "T", "--every", "hourly"), "invalid choice"),
        (("Acmee", "T"), "did you mean Acme?"),
        (("Acme", " "), "cannot be empty"),
    ],
)
def test_add_errors(world: Run, argv: tuple[str, ...], message: str) -> None:
    result = world("task", "add", *argv)
    assert result.code == 2
    assert message in result.one_line_error()
    assert tasks(world) == []


def test_list_shows_open_tasks_unless_status_says_otherwise(world: Run) -> None:
    world("task", "add", "Acme", "One")
    world("task", "add", "Koala", "Two")
    world("task", "add", "Acme", "Three")
    world("task", "done", "1")
    world("task", "edit", "3", "--status", "waiting")
    assert [t["title"] for t in tasks(world)] == ["Two", "Three"]
    assert [t["title"] for t in tasks(world, "Acme")] == ["Three"]
    assert [t["title"] for t in tasks(world, "--status", "done")] == ["One"]
    assert [t["title"] for t in tasks(world, "--status", "todo,waiting")] == ["Two", "Three"]
    assert len(tasks(world, "--status", "all")) == 3
    result = world("task", "list", "--status", "finished")
    assert result.code == 2
    assert "unknown status 'finished'" in result.one_line_error()


def test_list_table(world: Run) -> None:
    world(
        "task",
        "add",
        "Acme",
        "Newsletter",
        "--due",
        "2026-11-27 10:00",
        "--estimate",
        "45m",
        "--tag",
        "email",
    )
    lines = world("task", "list").out.splitlines()
    assert lines[0].split() == [
        "ID",
        "CLIENT",
        "TITLE",
        "QUADRANT",
        "DUE",
        "(Ljubljana)",
        "EST",
        "STATUS",
        "TAGS",
    ]
    # Due 10:00 New York = 16:00 Ljubljana, yesterday; overdue is marked.
    assert "Fri 27 Nov 16:00 !" in lines[1] and "0:45" in lines[1] and "email" in lines[1]
    assert world("task", "list", "Koala").out == "No open tasks for Koala\n"


def test_done_on_a_recurring_task_creates_the_next(world: Run) -> None:
    world("task", "add", "Acme", "Weekly report", "--due", "2026-11-30 09:00", "--every", "weekly")
    result = world("task", "done", "1")
    assert result.code == 0
    assert result.out.splitlines() == [
        "Done: #1 Weekly report (Acme)",
        "Next: #2 Weekly report for Acme · due Mon 7 Dec 09:00 New York (15:00 your time) · "
        "eliminate · every week",
    ]
    (following,) = tasks(world)
    assert following["due_utc"] == z("America/New_York", 2026, 12, 7, 9)
    (done,) = tasks(world, "--status", "done")
    assert done["id"] == 1 and done["done_utc"] == "2026-11-28T13:32:00Z"
    assert world("task", "done", "1").out == "#1 Weekly report was already done\n"


def test_done_errors(world: Run) -> None:
    result = world("task", "done", "42")
    assert result.code == 2
    assert "42" in result.one_line_error()
    assert world("task", "done", "abc").code == 2


def test_edit(world: Run) -> None:
    world(
        "task",
        "add",
        "Acme",
        "Draft",
        "--urgent",
        "--due",
        "fri",
        "--estimate",
        "30m",
        "--tag",
        "a",
    )
    result = world(
        "task",
        "edit",
        "1",
        "--title",
        "Final draft",
        "--no-urgent",
        "--important",
        "--estimate",
        "none",
        "--tag",
        "b",
        "--tag",
        "c",
        "--assignee",
        "Maja",
    )
    assert result.code == 0, result
    assert result.out.startswith("Updated #1 Final draft for Acme")
    task = tasks(world)[0]
    assert (task["urgent"], task["important"], task["quadrant"]) == (False, True, "schedule")
    assert (task["estimate_minutes"], task["tags"], task["assignee"]) == (None, ["b", "c"], "Maja")
    world("task", "edit", "1", "--due", "none", "--client", "Koala", "--assignee", "none")
    moved = tasks(world)[0]
    assert (moved["client"], moved["due_utc"], moved["assignee"]) == ("Koala", None, None)
    # A new due is read in the new client's zone.
    world("task", "edit", "1", "--due", "2026-12-02 09:00")
    assert tasks(world)[0]["due_utc"] == z("Australia/Sydney", 2026, 12, 2, 9)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("1",), "nothing to change"),
        (("1", "--title", ""), "cannot be empty"),
        (("1", "--due", "whenever"), "cannot read"),
        (("1", "--client", "Nobody"), "no client 'Nobody'"),
        (("9", "--title", "x"), "9"),
    ],
)
def test_edit_errors(world: Run, argv: tuple[str, ...], message: str) -> None:
    world("task", "add", "Acme", "Draft")
    result = world("task", "edit", *argv)
    assert result.code == 2
    assert message in result.one_line_error()


def test_add_shows_the_home_day_when_it_differs(world: Run) -> None:
    # Monday 09:00 in Sydney is still Sunday evening in Ljubljana.
    result = world("task", "add", "Koala", "Inbox", "--due", "2026-11-30 09:00", "--every", "daily")
    assert result.out == (
        "Added #1 Inbox for Koala · due Mon 30 Nov 09:00 Sydney (Sun 29 Nov 23:00 your time) · "
        "eliminate · every day\n"
    )
    same = world(
        "task", "add", "Acme", "Call", "--due", "2026-11-30 09:00", "--tz", "Europe/Ljubljana"
    )
    assert "due Mon 30 Nov 09:00 ·" in same.out
