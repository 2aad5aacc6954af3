"""Queue rules: Eisenhower quadrants and recurring tasks across zones and DST changes.

Expected instants are written as wall time in a zone and converted by ``zoneinfo`` here, never
by the code under test.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from vaplanner.core.errors import NotFoundError
from vaplanner.core.models import ChecklistItem, Client, Quadrant, Recurrence, Task
from vaplanner.core.queues import (
    QUADRANTS,
    changed_positions,
    countdown,
    follow_up_due,
    move,
    move_down,
    move_up,
    next_position,
    next_recurrence,
    next_status,
    previous_status,
    quadrant,
    queue_order,
    set_quadrant,
    with_status,
)
from vaplanner.core.task_lists import (
    TaskFilter,
    batch_block_minutes,
    batches,
    deadlines,
    eisenhower,
    filter_tasks,
)

NOW = datetime(2026, 11, 28, 13, 32, tzinfo=UTC)


def wall(tz: str, year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    """A wall time in ``tz`` as a UTC instant (first occurrence on a fold)."""
    return datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(tz)).astimezone(UTC)


@pytest.mark.parametrize(
    ("urgent", "important", "expected"),
    [
        (True, True, "do"),
        (False, True, "schedule"),
        (True, False, "delegate"),
        (False, False, "eliminate"),
    ],
)
def test_quadrant(urgent: bool, important: bool, expected: Quadrant) -> None:
    task = Task(client_id=1, title="x", urgent=urgent, important=important)
    assert quadrant(task) == expected


@pytest.mark.parametrize("target", QUADRANTS)
@pytest.mark.parametrize("start", QUADRANTS)
def test_set_quadrant_round_trips(start: Quadrant, target: Quadrant) -> None:
    task = set_quadrant(Task(client_id=1, title="x", tags=("email",)), start)
    moved = set_quadrant(task, target)
    assert quadrant(moved) == target
    assert moved.tags == ("email",)


RECURRENCE_CASES: list[tuple[str, str, Recurrence, datetime, datetime]] = [
    # (label, zone, every, previous due, expected next due)
    (
        "weekly across US spring forward keeps 09:00",
        "America/New_York",
        "weekly",
        wall("America/New_York", 2026, 3, 2, 9, 0),
        datetime(2026, 3, 9, 13, 0, tzinfo=UTC),
    ),
    (
        "weekly across US fall back keeps 09:00",
        "America/New_York",
        "weekly",
        wall("America/New_York", 2026, 10, 26, 9, 0),
        datetime(2026, 11, 2, 14, 0, tzinfo=UTC),
    ),
    (
        "daily across EU spring forward",
        "Europe/Ljubljana",
        "daily",
        wall("Europe/Ljubljana", 2026, 3, 28, 9, 0),
        datetime(2026, 3, 29, 7, 0, tzinfo=UTC),
    ),
    (
        "daily across EU fall back",
        "Europe/London",
        "daily",
        wall("Europe/London", 2026, 10, 24, 17, 0),
        datetime(2026, 10, 25, 17, 0, tzinfo=UTC),
    ),
    (
        "biweekly across Sydney DST end",
        "Australia/Sydney",
        "biweekly",
        wall("Australia/Sydney", 2026, 3, 30, 9, 0),
        datetime(2026, 4, 12, 23, 0, tzinfo=UTC),
    ),
    (
        "weekly across Lord Howe half-hour DST start",
        "Australia/Lord_Howe",
        "weekly",
        wall("Australia/Lord_Howe", 2026, 9, 28, 9, 0),
        datetime(2026, 10, 4, 22, 0, tzinfo=UTC),
    ),
    (
        "monthly clamps 31 Jan to 28 Feb in Kathmandu",
        "Asia/Kathmandu",
        "monthly",
        wall("Asia/Kathmandu", 2026, 1, 31, 10, 0),
        datetime(2026, 2, 28, 4, 15, tzinfo=UTC),
    ),
    (
        "monthly clamps to 29 Feb in a leap year",
        "Asia/Tokyo",
        "monthly",
        wall("Asia/Tokyo", 2028, 1, 31, 18, 0),
        datetime(2028, 2, 29, 9, 0, tzinfo=UTC),
    ),
    (
        "monthly across the year end",
        "Pacific/Auckland",
        "monthly",
        wall("Pacific/Auckland", 2026, 12, 15, 9, 0),
        datetime(2027, 1, 14, 20, 0, tzinfo=UTC),
    ),
    (
        "monthly across US fall back",
        "America/Los_Angeles",
        "monthly",
        wall("America/Los_Angeles", 2026, 10, 15, 9, 0),
        datetime(2026, 11, 15, 17, 0, tzinfo=UTC),
    ),
    (
        "monthly where the local date differs from the UTC date",
        "Pacific/Auckland",
        "monthly",
        # 1 Mar 08:00 NZDT is 28 Feb 19:00 UTC: the step is on the local calendar.
        wall("Pacific/Auckland", 2026, 3, 1, 8, 0),
        datetime(2026, 3, 31, 19, 0, tzinfo=UTC),
    ),
    (
        "spring-forward gap takes the offset before the jump",
        "America/New_York",
        "daily",
        wall("America/New_York", 2026, 3, 7, 2, 30),
        # 02:30 does not exist on 8 Mar; EST (-5) gives 07:30 UTC, shown as 03:30 EDT.
        datetime(2026, 3, 8, 7, 30, tzinfo=UTC),
    ),
    (
        "fall-back fold takes the first occurrence",
        "America/New_York",
        "daily",
        wall("America/New_York", 2026, 10, 31, 1, 30),
        datetime(2026, 11, 1, 5, 30, tzinfo=UTC),
    ),
    (
        "southern hemisphere gap (Santiago)",
        "America/Santiago",
        "weekly",
        wall("America/Santiago", 2026, 8, 30, 0, 30),
        # Chile springs forward at 00:00 on 6 Sep 2026: 00:30 is in the gap, -04 applies.
        datetime(2026, 9, 6, 4, 30, tzinfo=UTC),
    ),
]


@pytest.mark.parametrize(
    ("zone", "every", "due", "expected"),
    [case[1:] for case in RECURRENCE_CASES],
    ids=[case[0] for case in RECURRENCE_CASES],
)
def test_next_recurrence_due(
    zone: str, every: Recurrence, due: datetime, expected: datetime
) -> None:
    task = Task(client_id=3, title="Report", due=due, due_tz=zone, every=every, status="done")
    following = next_recurrence(task, NOW)
    assert following is not None
    assert following.due == expected
    assert following.due_tz == zone


def test_next_recurrence_without_zone_steps_in_utc() -> None:
    task = Task(client_id=1, title="x", due=datetime(2026, 3, 28, 9, tzinfo=UTC), every="daily")
    following = next_recurrence(task, NOW)
    assert following is not None
    assert following.due == datetime(2026, 3, 29, 9, tzinfo=UTC)


def test_next_recurrence_done_late_moves_exactly_one_interval() -> None:
    due = wall("America/New_York", 2026, 11, 2, 9, 0)
    task = Task(
        client_id=1,
        title="Weekly report",
        due=due,
        due_tz="America/New_York",
        every="weekly",
        status="done",
        done_at=NOW,  # 26 days late
    )
    following = next_recurrence(task, NOW)
    assert following is not None
    assert following.due == wall("America/New_York", 2026, 11, 9, 9, 0)
    assert following.due is not None and following.due < NOW  # already overdue, on purpose


def test_next_recurrence_resets_and_keeps_fields() -> None:
    task = Task(
        client_id=4,
        title="Inbox zero",
        id=17,
        notes="archive newsletters",
        status="done",
        urgent=True,
        important=True,
        estimate_minutes=45,
        due=wall("Europe/Ljubljana", 2026, 11, 27, 17, 0),
        due_tz="Europe/Ljubljana",
        tags=("email",),
        assignee="Maja",
        follow_up=date(2026, 11, 26),
        checklist=(ChecklistItem("triage", True), ChecklistItem("reply", False)),
        position=3,
        every="weekly",
        template="inbox",
        created=datetime(2026, 1, 1, tzinfo=UTC),
        done_at=NOW,
    )
    following = next_recurrence(task, NOW)
    assert following is not None
    assert following == replace(
        task,
        id=0,
        status="todo",
        due=wall("Europe/Ljubljana", 2026, 12, 4, 17, 0),
        follow_up=date(2026, 12, 3),
        checklist=(ChecklistItem("triage", False), ChecklistItem("reply", False)),
        created=NOW,
        done_at=None,
    )


def test_next_recurrence_without_due_has_no_due() -> None:
    task = Task(client_id=1, title="x", every="monthly", status="done")
    following = next_recurrence(task, NOW)
    assert following is not None
    assert following.due is None
    assert following.status == "todo"


def test_not_recurring_gives_none() -> None:
    assert next_recurrence(Task(client_id=1, title="x", status="done"), NOW) is None


# --- order, reorder, status flow -------------------------------------------------------------


def _queue() -> list[Task]:
    created = datetime(2026, 11, 1, tzinfo=UTC)
    return [
        Task(client_id=1, title="c", id=3, position=2, created=created),
        Task(client_id=1, title="a", id=1, position=0, created=created),
        Task(client_id=1, title="b-late", id=2, position=1, due=NOW, created=created),
        Task(client_id=1, title="b-early", id=4, position=1, due=NOW.replace(hour=9)),
        Task(client_id=1, title="b-nodue-old", id=6, position=1, created=created),
        Task(client_id=1, title="b-nodue-new", id=5, position=1, created=NOW),
    ]


def test_queue_order_position_then_due_then_created() -> None:
    titles = [task.title for task in queue_order(_queue())]
    assert titles == ["a", "b-early", "b-late", "b-nodue-old", "b-nodue-new", "c"]


@pytest.mark.parametrize(
    ("task_id", "offset", "expected"),
    [
        (3, -1, ["a", "b-early", "b-late", "b-nodue-old", "c", "b-nodue-new"]),
        (1, -1, ["a", "b-early", "b-late", "b-nodue-old", "b-nodue-new", "c"]),  # top stays
        (1, 1, ["b-early", "a", "b-late", "b-nodue-old", "b-nodue-new", "c"]),
        (3, 5, ["a", "b-early", "b-late", "b-nodue-old", "b-nodue-new", "c"]),  # bottom stays
        (2, -10, ["b-late", "a", "b-early", "b-nodue-old", "b-nodue-new", "c"]),
    ],
)
def test_move_renumbers(task_id: int, offset: int, expected: list[str]) -> None:
    moved = move(_queue(), task_id, offset)
    assert [task.title for task in moved] == expected
    assert [task.position for task in moved] == list(range(len(expected)))
    # The stored order after saving the new positions is the same order.
    assert [task.title for task in queue_order(moved)] == expected


def test_move_up_down_and_changed_positions() -> None:
    queue = [Task(client_id=1, title=t, id=i, position=i) for i, t in enumerate("abc", 1)]
    after = move_up(queue, 3)
    assert [t.title for t in after] == ["a", "c", "b"]
    # Positions 1,2,3 become a=0, c=1, b=2: b keeps its number, so it need not be saved.
    assert {t.id for t in changed_positions(queue, after)} == {1, 3}
    again = move_down(after, 3)
    assert [t.title for t in again] == ["a", "b", "c"]
    assert {t.id for t in changed_positions(after, again)} == {2, 3}


def test_move_unknown_task_is_an_error() -> None:
    with pytest.raises(NotFoundError, match="task 99"):
        move(_queue(), 99, 1)


def test_next_position() -> None:
    assert next_position([]) == 0
    assert next_position(_queue()) == 3


@pytest.mark.parametrize(
    ("status", "forward", "backward"),
    [
        ("todo", "doing", "todo"),
        ("doing", "waiting", "todo"),
        ("waiting", "review", "doing"),
        ("review", "done", "waiting"),
        ("done", "done", "review"),
    ],
)
def test_status_flow(status: str, forward: str, backward: str) -> None:
    assert next_status(status) == forward  # type: ignore[arg-type]
    assert previous_status(status) == backward  # type: ignore[arg-type]


def test_with_status_sets_and_clears_done_at() -> None:
    task = Task(client_id=1, title="x", status="review")
    done = with_status(task, "done", NOW)
    assert done.status == "done" and done.done_at == NOW
    reopened = with_status(done, "review", NOW)
    assert reopened.status == "review" and reopened.done_at is None
    assert with_status(done, "done", datetime(2030, 1, 1, tzinfo=UTC)).done_at == NOW


# --- filters ---------------------------------------------------------------------------------

FILTER_TASKS = [
    Task(client_id=1, title="open", id=1, tags=("Email",)),
    Task(client_id=1, title="late", id=2, due=datetime(2026, 11, 28, 13, 31, tzinfo=UTC)),
    Task(client_id=2, title="on time", id=3, due=NOW),
    Task(client_id=2, title="delegated", id=4, assignee="Maja", status="waiting"),
    Task(client_id=2, title="blank assignee", id=5, assignee="  "),
    Task(client_id=1, title="extra", id=6, out_of_scope=True, tags=("social",)),
    Task(client_id=1, title="finished", id=7, status="done", due=datetime(2026, 1, 1, tzinfo=UTC)),
]


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({}, [1, 2, 3, 4, 5, 6]),
        ({"statuses": ("done",)}, [7]),
        ({"statuses": ("waiting", "done")}, [4, 7]),
        ({"tag": "email"}, [1]),
        ({"tag": "SOCIAL"}, [6]),
        ({"delegated": True}, [4]),
        ({"delegated": False}, [1, 2, 3, 5, 6]),
        ({"overdue": True}, [2]),  # due exactly now is not overdue yet; done is never
        ({"out_of_scope": True}, [6]),
        ({"client_id": 2}, [3, 4, 5]),
        ({"client_id": 1, "overdue": False}, [1, 6]),
    ],
)
def test_filters(kwargs: dict[str, object], expected: list[int]) -> None:
    found = filter_tasks(FILTER_TASKS, TaskFilter(**kwargs), NOW)  # type: ignore[arg-type]
    assert sorted(task.id for task in found) == expected


# --- Eisenhower, batches ---------------------------------------------------------------------


def test_eisenhower_groups_open_tasks_across_clients() -> None:
    tasks = [
        Task(client_id=1, title="a", id=1, urgent=True, important=True),
        Task(client_id=2, title="b", id=2, urgent=True, important=True, due=NOW),
        Task(client_id=3, title="c", id=3, important=True),
        Task(client_id=1, title="d", id=4, urgent=True),
        Task(client_id=2, title="e", id=5, urgent=True, important=True, status="done"),
    ]
    grid = eisenhower(tasks)
    assert list(grid) == ["do", "schedule", "delegate", "eliminate"]
    assert [t.id for t in grid["do"]] == [2, 1]  # dated first
    assert [t.id for t in grid["schedule"]] == [3]
    assert [t.id for t in grid["delegate"]] == [4]
    assert grid["eliminate"] == []


def test_batches_by_tag_across_clients() -> None:
    tasks = [
        Task(client_id=1, title="inbox A", id=1, tags=("email",), estimate_minutes=20),
        Task(client_id=2, title="inbox B", id=2, tags=("Email", "admin"), estimate_minutes=25),
        Task(client_id=3, title="inbox C", id=3, tags=("email",)),
        Task(client_id=1, title="post", id=4, tags=("social",), estimate_minutes=90),
        Task(client_id=1, title="old", id=5, tags=("social",), estimate_minutes=60, status="done"),
        Task(client_id=2, title="untagged", id=6, estimate_minutes=600),
    ]
    found = batches(tasks)
    assert [(b.tag, b.estimate_minutes, len(b.tasks)) for b in found] == [
        ("social", 90, 1),
        ("email", 45, 3),
        ("admin", 25, 1),
    ]
    email = found[1]
    assert email.unestimated == 1
    assert email.client_ids == (1, 2, 3)
    # 20 + 25 + 15 (default for the unestimated one) + 10 buffer = 70 -> 75 on a 15 min grid.
    assert batch_block_minutes(email, buffer_minutes=10) == 75
    assert batch_block_minutes(email, default_minutes=0, grid_minutes=1) == 45


# --- deadlines -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("delta_minutes", "expected"),
    [
        (0, "due now"),
        (0.5, "due now"),
        (-0.5, "due now"),
        (1, "in 1m"),
        (45, "in 45m"),
        (60, "in 1h"),
        (61, "in 1h 1m"),
        (24 * 60, "in 1d"),
        (2 * 24 * 60 + 3 * 60 + 59, "in 2d 3h"),
        (-5 * 60, "overdue 5h"),
        (-5 * 60 - 59.9, "overdue 5h 59m"),
        (-3 * 24 * 60, "overdue 3d"),
        (-1, "overdue 1m"),
    ],
)
def test_countdown(delta_minutes: float, expected: str) -> None:
    assert countdown(NOW + timedelta(minutes=delta_minutes), NOW) == expected


def test_deadlines_across_clients_in_home_time() -> None:
    acme = Client(name="Acme", tz="America/New_York", id=1)
    koala = Client(name="Koala", tz="Australia/Sydney", id=2)
    tasks = [
        Task(
            client_id=1,
            title="newsletter",
            id=1,
            due=wall("America/New_York", 2026, 12, 1, 17, 0),
            due_tz="America/New_York",
        ),
        Task(
            client_id=2,
            title="invoice",
            id=2,
            due=wall("Australia/Sydney", 2026, 11, 28, 17, 0),  # 06:00 UTC: overdue
            due_tz="Australia/Sydney",
        ),
        Task(client_id=9, title="orphan", id=3, due=NOW + timedelta(hours=1)),
        Task(client_id=1, title="no due", id=4),
        Task(client_id=1, title="done", id=5, status="done", due=NOW.replace(day=1)),
    ]
    found = deadlines(tasks, {1: acme, 2: koala}, "Europe/Ljubljana", NOW)
    assert [d.task.id for d in found] == [2, 3, 1]
    first = found[0]
    assert first.overdue and first.countdown == "overdue 7h 32m"
    assert first.due_home.utcoffset() == ZoneInfo("Europe/Ljubljana").utcoffset(first.due_home)
    assert (first.due_home.hour, first.due_home.minute) == (7, 0)  # 06:00 UTC in CET
    assert (first.due_client.hour, first.due_client.minute) == (17, 0)
    assert found[1].client is None and found[1].client_name == "client 9"
    last = found[2]
    assert not last.overdue
    assert last.due_home.strftime("%Y-%m-%d %H:%M") == "2026-12-01 23:00"
    assert last.countdown == "in 3d 8h"


@pytest.mark.parametrize(
    ("assignee", "follow_up", "status", "expected"),
    [
        ("Maja", date(2026, 11, 28), "waiting", True),
        ("Maja", date(2026, 11, 20), "todo", True),
        ("Maja", date(2026, 11, 29), "waiting", False),
        ("Maja", None, "waiting", False),
        (None, date(2026, 11, 20), "todo", False),
        ("Maja", date(2026, 11, 20), "done", False),
    ],
)
def test_follow_up_due(
    assignee: str | None, follow_up: date | None, status: str, expected: bool
) -> None:
    task = Task(client_id=1, title="x", assignee=assignee, follow_up=follow_up, status=status)  # type: ignore[arg-type]
    assert follow_up_due(task, date(2026, 11, 28)) is expected
