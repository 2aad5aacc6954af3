"""The demo generator: deterministic, believable as a VA's week, and fast enough for the
reference set. Times are checked with ``zoneinfo`` here, not with the code under test."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from vaplanner import demo, demo_sample
from vaplanner.core.models import TASK_STATUSES, Block, Client, Task
from vaplanner.core.planner import DayPlan, build_day_plan
from vaplanner.core.recur import occurrences_many
from vaplanner.store.store import Store

HOME = ZoneInfo("Europe/Ljubljana")
TODAY = date(2026, 11, 28)  # a Saturday
NOW = datetime(2026, 11, 28, 13, 32, tzinfo=UTC)
WEDNESDAY = datetime(2026, 11, 25, 13, 32, tzinfo=UTC)  # 14:32 in Ljubljana


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.json"))}


def made(tmp_path: Path, now: datetime, name: str = "sample") -> Store:
    store = Store(tmp_path / name)
    demo.generate(store, "sample", now=now)
    return store


@pytest.fixture
def sample(tmp_path: Path) -> Store:
    """The Saturday set (today a day off)."""
    store = Store(tmp_path / "sample")
    demo.generate(store, "sample", TODAY, seed=0, now=NOW)
    return store


@pytest.fixture
def weekday(tmp_path: Path) -> Store:
    """The set the UI tests and snapshots use: Wednesday afternoon."""
    return made(tmp_path, WEDNESDAY, "wednesday")


def day_start(day: date) -> datetime:
    return datetime.combine(day, time(0), HOME).astimezone(UTC)


def plan_of(store: Store, day: date, now: datetime) -> DayPlan:
    start = day_start(day)
    return build_day_plan(
        day,
        settings=store.get_settings(),
        now=now,
        blocks=store.blocks.between(start, start + timedelta(days=1)),
        meetings=store.meetings.all(),
        entries=store.entries.between(start, start + timedelta(days=1)),
        clients=store.clients.all(),
    )


def local(instant: datetime, tz: str) -> datetime:
    return instant.astimezone(ZoneInfo(tz))


def inside_hours(client: Client, block: Block) -> bool:
    """The block lies in one of the client's windows on the client's clock."""
    start, end = local(block.start, client.tz), local(block.end, client.tz)
    return start.date() == end.date() and any(
        window.start <= start.time() and end.time() <= window.end
        for window in client.hours.for_weekday(start.weekday())
    )


def meets_the_va(client: Client, day: date) -> bool:
    """Whether the client's hours overlap 09:00-17:00 home time on ``day``."""
    for hour in range(9, 17):
        there = local(datetime.combine(day, time(hour, 30), HOME), client.tz)
        if any(w.start <= there.time() < w.end for w in client.hours.for_weekday(there.weekday())):
            return True
    return False


# --- determinism and shape ----------------------------------------------------------------


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    for name in ("a", "b"):
        demo.generate(Store(tmp_path / name), "sample", TODAY, seed=7, now=NOW)
    demo.generate(Store(tmp_path / "c"), "sample", TODAY, seed=8, now=NOW)
    assert files_of(tmp_path / "a") == files_of(tmp_path / "b")
    assert files_of(tmp_path / "a") != files_of(tmp_path / "c")


def test_sample_clients(sample: Store) -> None:
    clients = sample.clients.all()
    assert [c.key for c in clients] == ["1", "2", "3", "4", "5"]
    assert {c.tz for c in clients} == {
        "America/New_York",
        "Australia/Sydney",
        "Europe/London",
        "Europe/Ljubljana",
        "Asia/Kathmandu",
    }
    cebelica = sample.clients.find("ceb")
    assert cebelica.name == "Čebelica" and any(ch in cebelica.notes for ch in "čšž")
    assert {c.billing.currency for c in clients} == {"USD", "AUD", "GBP", "EUR"}
    assert all(c.color and c.hours.weekly_minutes > 0 and c.contacts for c in clients)
    assert [c.name for c in clients if c.billing.retainer_hours] == ["Koala Digital"]
    assert sample.get_settings().home_tz == "Europe/Ljubljana"
    assert sample.timer.get() is None  # the user starts the first timer


# --- queues ---------------------------------------------------------------------------------


def test_open_queues_are_distinct_and_fit_each_business(weekday: Store) -> None:
    for client in weekday.clients.all():
        titles = [t.title for t in weekday.tasks.list(client_id=client.id)]
        assert len(titles) >= 5
        assert len(set(titles)) == len(titles), f"{client.name}: {titles}"
    acme = " ".join(t.title for t in weekday.tasks.list(client_id=1)).lower()
    assert "newsletter" in acme and "november invoice" in acme and "landing page" in acme
    cebelica = " ".join(t.title for t in weekday.tasks.list(client_id=4))
    assert any(ch in cebelica for ch in "čšž")
    statuses = Counter(t.status for t in weekday.tasks.all())
    assert set(statuses) == set(TASK_STATUSES)
    assert weekday.tasks.list(client_id=1)[0].status == "todo"


def test_dues_are_noon_or_closing_time_on_the_clients_own_business_days(weekday: Store) -> None:
    clients = {c.id: c for c in weekday.clients.all()}
    due = [t for t in weekday.tasks.list() if t.due is not None]
    assert len(due) >= 20
    for task in due:
        assert task.due is not None
        client = clients[task.client_id]
        there = local(task.due, client.tz)
        windows = client.hours.for_weekday(there.weekday())
        assert windows, f"{task.title} is due on a day {client.name} is closed"
        assert there.time() in {time(12), windows[-1].end}, (task.title, there)
        assert task.due_tz == client.tz
    late = [t for t in due if t.due is not None and t.due < WEDNESDAY]
    soon = [t for t in due if t.due is not None and WEDNESDAY <= t.due < WEDNESDAY + timedelta(2)]
    later = [t for t in due if t.due is not None and t.due >= WEDNESDAY + timedelta(days=5)]
    assert 1 <= len(late) <= 4 and len(soon) >= 4 and len(later) >= 4
    # overdue by about a business day, not by weeks
    assert all(WEDNESDAY - t.due < timedelta(days=4) for t in late if t.due)


def test_dues_do_not_follow_the_minutes_of_now(tmp_path: Path) -> None:
    # dues count business days on each client's calendar, so only the dates of now matter
    early = made(tmp_path, WEDNESDAY.replace(hour=9, minute=3), "early")
    late = made(tmp_path, WEDNESDAY.replace(hour=12, minute=47), "late")
    assert [t.due for t in early.tasks.list()] == [t.due for t in late.tasks.list()]


# --- the plan -------------------------------------------------------------------------------


def test_a_weekday_is_a_believable_day(weekday: Store) -> None:
    today = date(2026, 11, 25)
    clients = {c.id: c for c in weekday.clients.all()}
    plan = plan_of(weekday, today, WEDNESDAY)
    blocks = [i.block for i in plan.items if i.block is not None]
    categories = Counter(b.category for b in blocks)
    assert categories["break"] == 1 and 1 <= categories["buffer"] <= 2
    assert categories["client"] >= 4 and len({b.client_id for b in blocks if b.client_id}) >= 4
    assert [i for i in plan.items if i.kind == "meeting"], "a meeting today"
    assert plan.conflicts == () and plan.capacity_warning is None
    for block in blocks:
        assert block.start.astimezone(HOME).minute % 15 == 0
        if block.client_id is not None:
            client = clients[block.client_id]
            assert block.task_id is not None
            assert weekday.tasks.get(block.task_id).client_id == client.id
            if meets_the_va(client, today):
                assert inside_hours(client, block), (client.name, block)
    # tracked earlier today, beside the plan, and nothing after now
    tracked = weekday.entries.between(day_start(today), WEDNESDAY)
    assert len(tracked) >= 3 and all(e.end <= WEDNESDAY for e in tracked)
    planned = [(b.start, b.end, b.client_id) for b in blocks if b.client_id]
    beside = [
        e for e in tracked if any(c == e.client_id and s < e.end and e.start < f
                                  for s, f, c in planned)
    ]  # fmt: skip
    assert len(beside) >= len(tracked) - 1


def test_weekend_is_a_day_off_and_monday_is_planned(sample: Store) -> None:
    for day in (TODAY, TODAY + timedelta(days=1)):
        plan = plan_of(sample, day, NOW)
        assert plan.planned_minutes == 0  # no client time planned on a day off
        assert plan.capacity_warning is None and plan.conflicts == ()
        assert sum(e.minutes for e in sample.entries.between(day_start(day), NOW)) <= 20
    monday = plan_of(sample, date(2026, 11, 30), NOW)
    assert len([i for i in monday.items if i.category == "client"]) >= 4
    assert monday.capacity_warning is None and monday.conflicts == ()
    for offset in range(5):  # this week's weekdays were planned too
        assert plan_of(sample, date(2026, 11, 23) + timedelta(days=offset), NOW).items


def weekend_blocks(store: Store, day: date) -> list[tuple[str, str, int]]:
    """The day's blocks as (home time, category, minutes), in order."""
    start = day_start(day)
    return [
        (f"{b.start.astimezone(HOME):%H:%M}", b.category, b.minutes)
        for b in sorted(
            store.blocks.between(start, start + timedelta(days=1)), key=lambda b: b.start
        )
    ]


def test_made_on_a_saturday_the_day_has_an_inbox_check_and_own_admin(tmp_path: Path) -> None:
    early = datetime(2026, 11, 28, 7, 5, tzinfo=UTC)  # 08:05 in Ljubljana: nothing done yet
    store = made(tmp_path, early, "saturday")
    saturday = date(2026, 11, 28)
    plan = plan_of(store, saturday, early)
    assert weekend_blocks(store, saturday) == [("10:00", "admin", 30), ("11:00", "admin", 60)]
    assert all(i.client_id is None for i in plan.items)  # the VA's own time, not a client's
    assert plan.planned_minutes == 0 and plan.capacity_warning is None
    assert store.entries.between(day_start(saturday), early) == []
    # later that day the check has been done: 20 minutes for Brightside, beside its block
    later = made(tmp_path, NOW, "saturday-later")
    (check,) = later.entries.between(day_start(saturday), NOW)
    assert (check.client_id, check.minutes) == (3, 20)
    assert check.start.astimezone(HOME).time() == time(10)


def test_made_on_a_sunday_the_day_has_an_inbox_check_and_the_weeks_planning(
    tmp_path: Path,
) -> None:
    sunday_night = datetime(2026, 11, 29, 2, 10, tzinfo=UTC)  # 03:10 in Ljubljana
    store = made(tmp_path, sunday_night, "sunday")
    sunday = date(2026, 11, 29)
    plan = plan_of(store, sunday, sunday_night)
    assert weekend_blocks(store, sunday) == [("10:00", "admin", 30), ("18:30", "admin", 45)]
    assert plan.planned_minutes == 0 and plan.capacity_warning is None and not plan.conflicts
    evening = next(i for i in plan.items if i.start.astimezone(HOME).hour == 18)
    assert "Koala" in evening.title
    # the evening's notes are ready before Koala's Monday opens in Sydney (08:30 there)
    opens = datetime(2026, 11, 30, 8, 30, tzinfo=ZoneInfo("Australia/Sydney"))
    assert evening.end <= opens and opens.astimezone(HOME).date() == sunday
    # yesterday's check is tracked; today's, for Himal Treks (open on Sundays), is still ahead
    (saturday_check,) = store.entries.between(day_start(date(2026, 11, 28)), sunday_night)
    assert saturday_check.client_id == 3
    evening_now = datetime(2026, 11, 29, 19, 0, tzinfo=UTC)
    later = made(tmp_path, evening_now, "sunday-evening")
    (check,) = later.entries.between(day_start(sunday), evening_now)
    himal = later.clients.get(check.client_id)
    assert himal.name == "Himal Treks" and check.minutes == 20
    start, end = local(check.start, himal.tz), local(check.end, himal.tz)
    assert start.weekday() == 6  # Sunday in Kathmandu too, inside its hours
    assert any(w.start <= start.time() and end.time() <= w.end for w in himal.hours.days[6])


@pytest.mark.parametrize("now", [NOW, datetime(2026, 11, 29, 19, 0, tzinfo=UTC)])
def test_the_weekend_leaves_everything_else_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, now: datetime
) -> None:
    with_weekend = made(tmp_path, now, "with")
    monkeypatch.setattr(demo_sample, "WEEKEND_PLAN", {})
    without = made(tmp_path, now, "without")
    saturday = day_start(date(2026, 11, 28))
    weekend = (saturday, saturday + timedelta(days=2))
    for kind in ("blocks", "entries"):
        mine, theirs = list(getattr(with_weekend, kind).all()), list(getattr(without, kind).all())
        assert [r for r in mine if not weekend[0] <= r.start < weekend[1]] == theirs, kind
        assert len(mine) > len(theirs)
    for kind in ("tasks", "meetings", "requests", "checkins", "invoices"):
        assert list(getattr(with_weekend, kind).all()) == list(getattr(without, kind).all()), kind


@pytest.mark.parametrize(
    "now",
    [
        datetime(2027, 3, 17, 10, 0, tzinfo=UTC),  # New York on summer time, Europe not yet
        datetime(2027, 7, 14, 10, 0, tzinfo=UTC),  # northern summer: Sydney is further away
        datetime(2026, 12, 30, 10, 0, tzinfo=UTC),  # the week across the new year
    ],
)
def test_every_season_gives_a_clean_week(tmp_path: Path, now: datetime) -> None:
    store = made(tmp_path, now)
    clients = {c.id: c for c in store.clients.all()}
    today = now.astimezone(HOME).date()
    monday = today - timedelta(days=today.weekday())
    for offset in range(5):
        day = monday + timedelta(days=offset)
        plan = plan_of(store, day, now)
        assert plan.conflicts == () and plan.capacity_warning is None, day
        for item in plan.items:
            block = item.block
            if block is not None and block.client_id is not None:
                client = clients[block.client_id]
                assert not meets_the_va(client, day) or inside_hours(client, block), (day, block)


def test_meetings_sit_on_the_clients_clocks(weekday: Store) -> None:
    meetings = weekday.meetings.all()
    assert len({m.tz for m in meetings}) >= 4
    weekly = next(m for m in meetings if m.title == "Weekly check-in")
    assert (weekly.client_id, weekly.tz, weekly.every) == (1, "America/New_York", "weekly")
    assert weekly.start_local.weekday() == 1 and weekly.start_local.time() == time(10)
    start = day_start(date(2026, 11, 23))
    for occurrence in occurrences_many(meetings, start, start + timedelta(days=14)):
        assert occurrence.start.astimezone(HOME).weekday() < 5


# --- tracked time, promises, money -------------------------------------------------------


def test_tracked_time_follows_the_work(sample: Store) -> None:
    entries = sorted(sample.entries.all(), key=lambda e: e.start)
    assert len(entries) > 100
    assert all(e.end <= NOW for e in entries)
    assert min(e.start for e in entries) >= NOW - timedelta(days=32)
    assert all(a.end <= b.start for a, b in zip(entries, entries[1:], strict=False))
    linked = [e for e in entries if e.task_id is not None]
    assert len(linked) >= len(entries) // 2
    tasks: dict[int, Task] = {t.id: t for t in sample.tasks.all()}
    assert all(tasks[e.task_id].client_id == e.client_id for e in linked if e.task_id)
    assert all(tasks[e.task_id].estimate_minutes for e in linked if e.task_id)
    assert sum(1 for e in entries if e.note) >= len(entries) // 2
    assert any(len(e.tags) >= 2 for e in entries) and any(not e.tags for e in entries)
    assert any(not e.billable for e in entries)
    done = [t for t in tasks.values() if t.status == "done"]
    assert done and all(t.done_at and t.done_at <= NOW for t in done)


def test_promises_and_check_ins(weekday: Store) -> None:
    owed = [r for r in weekday.requests.all() if r.done_at is None]
    assert sum(1 for r in owed if r.reply_by < WEDNESDAY) == 1
    assert sum(1 for r in owed if WEDNESDAY < r.reply_by < WEDNESDAY + timedelta(days=1)) >= 2
    assert any(r.done_at for r in weekday.requests.all())
    checkins = weekday.checkins.all()
    assert len(checkins) >= 3 and all(c.score and 1 <= c.score <= 5 for c in checkins)
    assert 2 not in {c.client_id for c in checkins}  # one client never checked in with


def test_invoices_one_overdue_one_draft_one_paid(weekday: Store) -> None:
    today = date(2026, 11, 25)
    invoices = {i.number: i for i in weekday.invoices.all()}
    overdue, draft, paid = invoices["2026-001"], invoices["2026-002"], invoices["2026-003"]
    assert (overdue.client_id, overdue.status, overdue.currency) == (3, "sent", "GBP")
    assert overdue.due < today and str(overdue.total) == "400.00"
    assert draft.status == "draft" and draft.due >= today and draft.total > 0
    assert paid.status == "paid" and paid.paid_on and paid.issued <= paid.paid_on <= today
    marked = [e for e in weekday.entries.all() if e.invoice_id == draft.id]
    assert marked and all(e.client_id == draft.client_id for e in marked)


# --- the reference scale ---------------------------------------------------------------------


def test_reference_scale(tmp_path: Path) -> None:
    store = Store(tmp_path / "ref")
    demo.generate(store, "reference", TODAY, seed=0, now=NOW)
    assert len(store.clients.all(include_archived=True)) == 25
    entries = store.entries.months()
    assert entries[0] <= "2021-12" and entries[-1] == "2026-11"
    counts = store.meta  # ids are counted per kind, so the counters are the totals
    assert 55_000 <= counts.counter("entries") <= 65_000
    assert 27_000 <= counts.counter("tasks") <= 33_000
    assert 17_000 <= counts.counter("blocks") <= 23_000
    open_tasks = store.tasks.list()
    assert 50 <= len(open_tasks) <= 1_000  # the open queue stays small
    assert len(store.tasks.archives()) >= 5
    for task in open_tasks:
        if task.due is not None and task.due_tz:
            there = local(task.due, task.due_tz)
            assert there.time() in {time(12), time(17)} and there.weekday() < 5
    recent = store.entries.between(NOW - timedelta(days=7), NOW)
    assert sum(1 for e in recent if e.task_id) >= len(recent) // 3


def test_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "cli"
    assert demo.main(["--data-dir", str(folder), "--today", "2026-11-28", "--seed", "3"]) == 0
    assert "sample" in capsys.readouterr().out
    assert len(Store(folder).clients.all()) == 5
    assert demo.main(["--data-dir", str(folder)]) == 2
    assert "already holds data" in capsys.readouterr().err


def test_unknown_scale(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown scale"):
        demo.generate(Store(tmp_path / "x"), "huge", TODAY)
