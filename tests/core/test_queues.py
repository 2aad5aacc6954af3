"""Queue rules: Eisenhower quadrants and recurring tasks across zones and DST changes.

Expected instants are written as wall time in a zone and converted by ``zoneinfo`` here, never
by the code under test.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from vaplanner.core.models import ChecklistItem, Quadrant, Recurrence, Task
from vaplanner.core.queues import QUADRANTS, next_recurrence, quadrant, set_quadrant

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
