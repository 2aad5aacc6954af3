"""The demo generator: deterministic, believable as a VA's week, and fast enough for the
reference set. Times are checked with ``zoneinfo`` here, not with the code under test."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from vaplanner import demo
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
        assert plan.items == () and plan.planned_minutes == 0
        assert plan.capacity_warning is None
        assert sum(e.minutes for e in sample.entries.between(day_start(day), NOW)) <= 20
    monday = plan_of(sample, date(2026, 11, 30), NOW)
    assert len([i for i in monday.items if i.category == "client"]) >= 4
    assert monday.capacity_warning is None and monday.conflicts == ()
    for offset in range(5):  # this week's weekdays were planned too
        assert plan_of(sample, date(2026, 11, 23) + timedelta(days=offset), NOW).items


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
