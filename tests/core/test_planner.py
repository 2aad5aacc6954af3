"""The day plan: rows across DST, extension, conflicts, totals, capacity, placing and moving.

Expected instants are computed here with ``zoneinfo`` directly, never by the code under test.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from vaplanner.core.models import (
    Block,
    Client,
    Entry,
    Meeting,
    Settings,
    Task,
    Timer,
    TimeRange,
    WeekHours,
)
from vaplanner.core.placing import move_block, place_task, resize_block
from vaplanner.core.planner import DayPlan, build_day_plan

LJU = "Europe/Ljubljana"
NYC = "America/New_York"
NOW = datetime(2026, 11, 28, 13, 32, tzinfo=UTC)  # Sat 28 Nov 2026, 14:32 in Ljubljana


def at(tz: str, y: int, mo: int, d: int, h: int = 0, mi: int = 0, fold: int = 0) -> datetime:
    """A wall time in ``tz`` as a UTC instant (zoneinfo only)."""
    return datetime(y, mo, d, h, mi, tzinfo=ZoneInfo(tz), fold=fold).astimezone(UTC)


def hours(text: str = "09:00-17:00", days: range = range(5)) -> WeekHours:
    start, end = text.split("-")
    window = (
        TimeRange(
            time.fromisoformat(start), time(0) if end == "24:00" else time.fromisoformat(end)
        ),
    )
    return WeekHours(tuple(window if i in days else () for i in range(7)))


def settings(tz: str = LJU, **kw: object) -> Settings:
    return Settings(home_tz=tz, **kw)  # type: ignore[arg-type]


WHOLE_DAY = {"day_start": time(0), "day_end": time(0)}


def plan(day: date, tz: str = LJU, now: datetime = NOW, **kw: object) -> DayPlan:
    options = {
        k: v for k, v in kw.items() if k in {"day_start", "day_end", "work_hours", "buffer_minutes"}
    }
    data = {k: v for k, v in kw.items() if k not in options}
    return build_day_plan(day, settings=settings(tz, **options), now=now, **data)  # type: ignore[arg-type]


# --- rows ----------------------------------------------------------------------------------

ROW_CASES = [
    # (zone, day, hours in the day, wall labels missing, wall labels shown twice)
    (LJU, date(2026, 11, 27), 24, [], []),
    (LJU, date(2026, 3, 29), 23, ["02:00", "02:15", "02:30", "02:45"], []),
    (LJU, date(2026, 10, 25), 25, [], ["02:00", "02:15", "02:30", "02:45"]),
    (NYC, date(2026, 3, 8), 23, ["02:00", "02:15", "02:30", "02:45"], []),
    (NYC, date(2026, 11, 1), 25, [], ["01:00", "01:15", "01:30", "01:45"]),
    ("Australia/Lord_Howe", date(2026, 4, 5), 24.5, [], ["01:30", "01:45"]),
    ("Asia/Kathmandu", date(2026, 11, 27), 24, [], []),
]


@pytest.mark.parametrize(("tz", "day", "length", "missing", "twice"), ROW_CASES)
def test_whole_day_rows_are_real_instants(
    tz: str, day: date, length: float, missing: list[str], twice: list[str]
) -> None:
    result = plan(day, tz, **WHOLE_DAY)
    start = datetime.combine(day, time(0), ZoneInfo(tz)).astimezone(UTC)
    end = datetime.combine(day + timedelta(days=1), time(0), ZoneInfo(tz)).astimezone(UTC)
    assert end - start == timedelta(hours=length)
    assert len(result.rows) == int(length * 4)
    assert [r.start for r in result.rows] == [
        start + timedelta(minutes=15 * i) for i in range(int(length * 4))
    ]
    labels = [r.label for r in result.rows]
    assert labels[0] == "00:00" and labels[-1] == "23:45"
    assert all(label[3:] in {"00", "15", "30", "45"} for label in labels)
    for label in missing:
        assert label not in labels
    for label in twice:
        assert labels.count(label) == 2
        second = [r for r in result.rows if r.label == label][1]
        assert second.repeated
    assert sum(r.repeated for r in result.rows) == len(twice)


def test_default_day_runs_from_day_start_to_day_end() -> None:
    result = plan(date(2026, 11, 27))
    assert len(result.rows) == 13 * 4
    assert result.rows[0].start == at(LJU, 2026, 11, 27, 7)
    assert result.rows[-1].label == "19:45"
    assert not any(r.extended for r in result.rows)


EXTEND_CASES = [
    # (block wall start, block wall end, first label, last label)
    ((21, 0), (22, 0), "07:00", "21:45"),
    ((5, 30), (6, 0), "05:30", "19:45"),
    ((6, 50), (7, 20), "06:45", "19:45"),
    ((19, 50), (20, 5), "07:00", "20:00"),
    ((12, 0), (13, 0), "07:00", "19:45"),
]


@pytest.mark.parametrize(("wall_start", "wall_end", "first", "last"), EXTEND_CASES)
def test_grid_extends_to_blocks_outside_the_day(
    wall_start: tuple[int, int], wall_end: tuple[int, int], first: str, last: str
) -> None:
    block = Block(at(LJU, 2026, 11, 27, *wall_start), at(LJU, 2026, 11, 27, *wall_end), id=1)
    result = plan(date(2026, 11, 27), blocks=[block])
    assert (result.rows[0].label, result.rows[-1].label) == (first, last)
    outside = [r.label for r in result.rows if r.extended]
    assert all(not "07:00" <= label < "20:00" for label in outside)


def test_grid_extension_over_a_repeated_hour_keeps_both_passes() -> None:
    # 01:30 EDT to 01:30 EST: an hour of real time that starts in the first pass.
    block = Block(at(NYC, 2026, 11, 1, 1, 30), at(NYC, 2026, 11, 1, 1, 30, fold=1), id=1)
    result = plan(date(2026, 11, 1), NYC, blocks=[block])
    assert result.rows[0].start == at(NYC, 2026, 11, 1, 1, 30)
    labels = [r.label for r in result.rows[:8]]
    assert labels == ["01:30", "01:45", "01:00", "01:15", "01:30", "01:45", "02:00", "02:15"]
    first, last = result.item_rows(result.items[0]) or (-1, -1)
    assert (first, last) == (0, 3)


def test_items_from_the_previous_evening_start_the_grid_at_midnight() -> None:
    block = Block(at(LJU, 2026, 11, 26, 23), at(LJU, 2026, 11, 27, 1), id=1)
    result = plan(date(2026, 11, 27), blocks=[block])
    assert result.rows[0].start == at(LJU, 2026, 11, 27, 0)
    assert result.planned_minutes == 0  # no client on it
    assert result.items_at(0)[0].block == block


def test_running_timer_is_tracked_up_to_now_and_extends_the_grid() -> None:
    now = at(LJU, 2026, 11, 27, 21, 10)
    timer = Timer(client_id=1, started=at(LJU, 2026, 11, 27, 20, 40))
    result = plan(date(2026, 11, 27), now=now, timer=timer)
    assert result.tracked[0].running and result.tracked[0].end == now
    assert result.tracked_minutes == 30
    assert result.tracked_by_client == {1: 30}
    assert result.rows[-1].label == "21:00"
    assert result.now_row == len(result.rows) - 1
    assert result.rows[result.now_row].tracked == (0,)


@pytest.mark.parametrize(
    ("now", "row_label"),
    [
        (at(LJU, 2026, 11, 27, 14, 32), "14:30"),
        (at(LJU, 2026, 11, 27, 7, 0), "07:00"),
        (at(LJU, 2026, 11, 27, 19, 59), "19:45"),
        (at(LJU, 2026, 11, 28, 9, 0), None),  # another day: no now-line
    ],
)
def test_now_row(now: datetime, row_label: str | None) -> None:
    result = plan(date(2026, 11, 27), now=now)
    row = result.now_row
    assert (None if row is None else result.rows[row].label) == row_label


# --- business hours per row and flags -------------------------------------------------------

ACME = Client(name="Acme", tz=NYC, id=1, hours=hours("09:00-17:00"))
KOALA = Client(name="Koala", tz="Australia/Sydney", id=2, hours=hours("09:00-17:00"))


@pytest.mark.parametrize(
    ("day", "first_in", "last_in"),
    [
        (date(2026, 11, 27), "15:00", "22:45"),  # NY -5, Ljubljana +1: six hours apart
        (date(2026, 3, 16), "14:00", "21:45"),  # US already on summer time, Europe not yet
        (date(2026, 3, 30), "15:00", "22:45"),  # both on summer time
    ],
)
def test_client_business_hours_per_row_follow_both_zones(
    day: date, first_in: str, last_in: str
) -> None:
    result = plan(day, clients=[ACME], **WHOLE_DAY)
    inside = [r.label for r in result.rows if ACME.id in r.in_hours]
    assert (inside[0], inside[-1], len(inside)) == (first_in, last_in, 32)


def test_sydney_friday_is_the_small_hours_in_ljubljana_and_saturday_is_off() -> None:
    friday = plan(date(2026, 11, 27), clients=[ACME, KOALA], **WHOLE_DAY)
    koala = [r.label for r in friday.rows if KOALA.id in r.in_hours]
    # Sydney (UTC+11) Friday 10:00-17:00 is Ljubljana (UTC+1) Friday 00:00-07:00.
    assert (koala[0], koala[-1], len(koala)) == ("00:00", "06:45", 28)
    saturday = plan(date(2026, 11, 28), clients=[ACME, KOALA], **WHOLE_DAY)
    assert not any(r.in_hours for r in saturday.rows)


@pytest.mark.parametrize(
    ("day", "wall_start", "wall_end", "category", "outside"),
    [
        (date(2026, 11, 27), (14, 0), (15, 0), "client", True),  # 08:00-09:00 in New York
        (date(2026, 11, 27), (15, 0), (16, 0), "client", False),
        (date(2026, 11, 27), (22, 30), (23, 30), "client", True),  # runs past 17:00 NY
        (date(2026, 3, 16), (14, 0), (15, 0), "client", False),  # DST weeks: 09:00 NY
        (date(2026, 11, 27), (14, 0), (15, 0), "break", False),  # not client time
        (date(2026, 11, 28), (16, 0), (17, 0), "client", True),  # Saturday
    ],
)
def test_blocks_outside_their_clients_hours_are_flagged(
    day: date,
    wall_start: tuple[int, int],
    wall_end: tuple[int, int],
    category: str,
    outside: bool,
) -> None:
    block = Block(
        at(LJU, day.year, day.month, day.day, *wall_start),
        at(LJU, day.year, day.month, day.day, *wall_end),
        id=5,
        client_id=ACME.id,
        category=category,  # type: ignore[arg-type]
    )
    result = plan(day, blocks=[block], clients=[ACME])
    assert result.items[0].outside_hours is outside
    assert (result.outside_hours != ()) is outside


# --- conflicts, gaps, totals, capacity ------------------------------------------------------


def blk(ident: int, start: tuple[int, int], end: tuple[int, int], **kw: object) -> Block:
    return Block(
        at(LJU, 2026, 11, 27, *start),
        at(LJU, 2026, 11, 27, *end),
        id=ident,
        **kw,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("blocks", "pairs"),
    [
        ([blk(1, (9, 0), (10, 0)), blk(2, (10, 0), (11, 0))], []),  # touching is fine
        ([blk(1, (9, 0), (10, 0)), blk(2, (9, 45), (11, 0))], [(1, 2)]),
        (
            [blk(1, (9, 0), (12, 0)), blk(2, (9, 30), (10, 0)), blk(3, (11, 0), (11, 30))],
            [(1, 2), (1, 3)],
        ),
        (
            [blk(1, (9, 0), (10, 0)), blk(2, (9, 0), (10, 0)), blk(3, (9, 30), (9, 45))],
            [(1, 2), (1, 3), (2, 3)],
        ),
    ],
)
def test_conflicts_between_blocks(blocks: list[Block], pairs: list[tuple[int, int]]) -> None:
    result = plan(date(2026, 11, 27), blocks=blocks)
    found = sorted(
        tuple(sorted((c.first.block.id, c.second.block.id)))  # type: ignore[union-attr]
        for c in result.conflicts
    )
    assert found == pairs
    marked = {r.label for r in result.rows if r.conflict}
    if pairs:
        assert marked
    else:
        assert not marked


def test_meeting_occurrence_conflicts_with_a_block_and_is_named() -> None:
    meeting = Meeting(
        client_id=ACME.id,
        title="Weekly sync",
        start_local=datetime(2026, 11, 13, 9, 30),
        tz=NYC,
        id=4,
        duration_minutes=30,
        every="weekly",
    )
    block = blk(7, (15, 0), (16, 0), client_id=ACME.id, title="Newsletter")
    result = plan(date(2026, 11, 27), blocks=[block], meetings=[meeting], clients=[ACME])
    occ = [i for i in result.items if i.kind == "meeting"]
    assert [(i.start, i.end) for i in occ] == [
        (at(NYC, 2026, 11, 27, 9, 30), at(NYC, 2026, 11, 27, 10, 0))
    ]
    assert len(result.conflicts) == 1
    text = result.conflicts[0].describe(LJU, {ACME.id: "Acme"})
    assert "meeting 4 'Weekly sync' (Acme) 15:30-16:00" in text
    assert "block 7 'Newsletter' (Acme) 15:00-16:00" in text
    assert result.planned_minutes == 60  # the overlap counts once
    assert result.planned_by_client == {ACME.id: 60}


def test_planned_and_tracked_totals_count_client_time_only() -> None:
    blocks = [
        blk(1, (9, 0), (10, 30), client_id=1),
        blk(2, (10, 30), (10, 40), category="buffer"),
        blk(3, (11, 0), (12, 0), client_id=2),
        blk(4, (12, 0), (12, 30), category="break", client_id=2),
        blk(5, (13, 0), (14, 0), category="admin"),
    ]
    entries = [
        Entry(1, at(LJU, 2026, 11, 26, 23, 30), at(LJU, 2026, 11, 27, 0, 15), id=1),
        Entry(
            2,
            at(LJU, 2026, 11, 27, 11, 0),
            at(
                LJU,
                2026,
                11,
                27,
                11,
                40,
            ),
            id=2,
        ),
    ]
    result = plan(date(2026, 11, 27), blocks=blocks, entries=entries)
    assert result.planned_minutes == 150
    assert result.planned_by_client == {1: 90, 2: 60}
    assert result.tracked_minutes == 55  # the entry from yesterday counts from midnight
    assert result.tracked_by_client == {1: 15, 2: 40}


@pytest.mark.parametrize(
    ("day", "block_hours", "work", "warning"),
    [
        (date(2026, 11, 27), 8, "09:00-17:00", None),
        (date(2026, 11, 27), 9, "09:00-17:00", "9:00 of client time planned, more than your 8:00"),
        (date(2026, 11, 28), 1, "09:00-17:00", "1:00 of client time planned on a day off"),
        # 00:00-12:00 on the spring-forward Sunday is 11 hours of work.
        (
            date(2026, 3, 29),
            11.5,
            "00:00-12:00",
            "11:30 of client time planned, more than your 11:00",
        ),
        (date(2026, 3, 29), 11, "00:00-12:00", None),
        # The fall-back day has 25 hours: 24:30 of planned work fits in it.
        (date(2026, 10, 25), 24.5, "00:00-24:00", None),
    ],
)
def test_capacity_warning(day: date, block_hours: float, work: str, warning: str | None) -> None:
    start = at(LJU, day.year, day.month, day.day, 0, 0)
    block = Block(start, start + timedelta(hours=block_hours), id=1, client_id=1)
    days = range(5) if work == "09:00-17:00" else range(7)
    result = plan(day, blocks=[block], work_hours=hours(work, days))
    if warning is None:
        assert result.capacity_warning is None
    else:
        assert result.capacity_warning is not None and warning in result.capacity_warning


def test_work_minutes_follow_dst() -> None:
    allday = hours("00:00-24:00", range(7))
    assert plan(date(2026, 3, 29), work_hours=allday).work_minutes == 23 * 60
    assert plan(date(2026, 10, 25), work_hours=allday).work_minutes == 25 * 60
    assert plan(date(2026, 11, 27)).work_minutes == 8 * 60


def test_free_gaps_inside_work_hours() -> None:
    blocks = [blk(1, (10, 0), (11, 0)), blk(2, (10, 30), (11, 30)), blk(3, (16, 30), (18, 0))]
    result = plan(date(2026, 11, 27), blocks=blocks)
    assert list(result.gaps) == [
        (at(LJU, 2026, 11, 27, 9), at(LJU, 2026, 11, 27, 10)),
        (at(LJU, 2026, 11, 27, 11, 30), at(LJU, 2026, 11, 27, 16, 30)),
    ]
    working = [r.label for r in result.rows if r.working]
    assert (working[0], working[-1], len(working)) == ("09:00", "16:45", 32)


# --- placing, moving, resizing --------------------------------------------------------------


@pytest.mark.parametrize(
    ("estimate", "buffer", "expected"),
    [
        (45, 10, [(10, 0, 10, 45, "client"), (10, 45, 10, 55, "buffer")]),
        (None, 10, [(10, 0, 10, 30, "client"), (10, 30, 10, 40, "buffer")]),
        (90, 0, [(10, 0, 11, 30, "client")]),
    ],
)
def test_place_task_sizes_by_estimate_and_adds_a_buffer(
    estimate: int | None, buffer: int, expected: list[tuple[int, int, int, int, str]]
) -> None:
    task = Task(client_id=1, title="Newsletter", id=9, estimate_minutes=estimate)
    day_plan = plan(date(2026, 11, 27))
    placed = place_task(task, at(LJU, 2026, 11, 27, 10), day_plan, settings(buffer_minutes=buffer))
    got = [(b.start, b.end, b.category) for b in placed.blocks]
    assert got == [
        (at(LJU, 2026, 11, 27, h1, m1), at(LJU, 2026, 11, 27, h2, m2), cat)
        for h1, m1, h2, m2, cat in expected
    ]
    assert placed.block.task_id == 9 and placed.block.title == "Newsletter"
    assert placed.ok


def test_place_task_reports_overlaps_instead_of_making_them() -> None:
    day_plan = plan(date(2026, 11, 27), blocks=[blk(3, (10, 20), (11, 0), title="Call prep")])
    task = Task(client_id=1, title="Invoice", id=2, estimate_minutes=30)
    placed = place_task(task, at(LJU, 2026, 11, 27, 10), day_plan, settings())
    assert not placed.ok
    assert [(c.first.category, c.second.block.id) for c in placed.conflicts] == [  # type: ignore[union-attr]
        ("client", 3),
        ("buffer", 3),
    ]


def test_place_task_needs_an_aware_instant() -> None:
    with pytest.raises(ValueError):
        place_task(Task(1, "x"), datetime(2026, 11, 27, 10), plan(date(2026, 11, 27)), settings())


def test_move_block_by_quarter_hours_across_the_repeated_hour() -> None:
    block = Block(at(NYC, 2026, 11, 1, 1, 45), at(NYC, 2026, 11, 1, 2, 0), id=1)
    day_plan = plan(date(2026, 11, 1), NYC, blocks=[block])
    moved = move_block(block, day_plan, 15).block
    # 15 real minutes after 01:45 EDT is 01:00 EST, the second pass.
    assert moved.start == at(NYC, 2026, 11, 1, 1, 0, fold=1)
    assert moved.minutes == block.minutes
    assert move_block(block, day_plan, 15).ok  # never conflicts with itself


def test_move_and_resize_report_conflicts() -> None:
    first, second = blk(1, (9, 0), (10, 0)), blk(2, (10, 15), (11, 0))
    day_plan = plan(date(2026, 11, 27), blocks=[first, second])
    assert move_block(first, day_plan, 15).ok
    later = move_block(first, day_plan, 30)
    assert [c.second.block for c in later.conflicts] == [second]
    assert resize_block(first, day_plan, 15).ok
    assert not resize_block(first, day_plan, 30).ok
    assert move_block(second, day_plan, -15).ok  # touching is not overlapping
    assert move_block(second, day_plan, -30).conflicts[0].second.block == first


@pytest.mark.parametrize(("delta", "minutes"), [(15, 75), (-15, 45), (-60, 15), (-90, 15)])
def test_resize_never_below_fifteen_minutes(delta: int, minutes: int) -> None:
    block = blk(1, (9, 0), (10, 0))
    resized = resize_block(block, plan(date(2026, 11, 27), blocks=[block]), delta).block
    assert resized.start == block.start and resized.minutes == minutes
