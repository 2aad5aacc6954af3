"""The sample data set: five clients and a believable month of a VA's work around ``today``.

What it holds (see :mod:`vaplanner.demo_data` for the words):

* each client's open queue: distinct tasks for its business, due at noon or at the end of
  the client's business day on the client's own calendar (one or two overdue by a day, some
  today and tomorrow, a few next week);
* the plan of this week's weekdays and of the next weekday after ``today``: an inbox triage,
  client blocks laid inside each client's business hours where the zones allow (a client
  whose day never meets the VA's, like Sydney, gets async work), a buffer or two, lunch,
  the week's meetings on the clients' clocks; weekends are days off, but made on one, this
  weekend shows a short inbox check and a block of the VA's own admin each day;
* tracked time for the last 30 days that follows each day's plan, late starts and overruns
  included, a good share linked to tasks (with estimates), with notes and tags, and short
  unplanned replies between blocks; nothing after ``now`` and no timer running;
* replies promised (some due soon, one overdue), check-ins with scores, a retainer client,
  and invoices: one overdue, one draft, one paid.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from vaplanner.core.models import (
    Block,
    ChecklistItem,
    Client,
    Entry,
    Meeting,
    Task,
)
from vaplanner.core.times import resolve_wall
from vaplanner.demo_data import (
    HISTORY_DAYS,
    MONTHS_SL,
    OPEN_TASKS,
    TREKS,
    WEEK_PLAN,
    WEEKEND_CHECK,
    WEEKEND_PLAN,
    WEEKLY_WORK,
    OpenTask,
    client_rows,
    month_name,
)
from vaplanner.demo_days import Days, Wish
from vaplanner.demo_paperwork import add_invoices, add_promises

if TYPE_CHECKING:
    from vaplanner.demo import Builder


def _label(day: date) -> str:
    return f"{day.day} {day:%b}"


@dataclass
class Sample:
    """The sample's state while it is laid out; records go into ``out`` as they are made."""

    out: Builder
    today: date
    clients: dict[int, Client] = field(default_factory=dict)
    meetings: list[Meeting] = field(default_factory=list)
    open_ids: dict[int, list[int]] = field(default_factory=dict)  # client -> tasks to work on

    @property
    def monday(self) -> date:
        return self.today - timedelta(days=self.today.weekday())

    # --- instants ------------------------------------------------------------------------------

    def at(self, day: date, clock: time) -> datetime:
        return datetime.combine(day, clock, self.out.home).astimezone(UTC)

    def business_day(self, client: Client, steps: int) -> date:
        """The client's business day ``steps`` away from their today (0: today or the next)."""
        day = self.out.now.astimezone(ZoneInfo(client.tz)).date()
        step = timedelta(days=1 if steps >= 0 else -1)
        while steps >= 0 and not client.hours.for_weekday(day.weekday()):
            day += step
        for _ in range(abs(steps)):
            day += step
            while not client.hours.for_weekday(day.weekday()):
                day += step
        return day

    def due(self, client: Client, spec: tuple[int, str]) -> datetime:
        """Noon or the end of the client's business day, as a wall time on their clock."""
        day = self.business_day(client, spec[0])
        clock = time(12) if spec[1] == "noon" else client.hours.for_weekday(day.weekday())[-1].end
        return resolve_wall(datetime.combine(day, clock), client.tz)[0]

    # --- clients, tasks, meetings ----------------------------------------------------------------

    def add_clients(self) -> None:
        created = self.at(self.today - timedelta(days=120), time(9))
        self.out.clients = client_rows(5, created)
        self.clients = {c.id: c for c in self.out.clients}

    def add_open_tasks(self) -> None:
        """Every client's queue, first (so task 1 is Acme's first open task)."""
        names = {
            "month": month_name(self.today, 0),
            "next": month_name(self.today, 1),
            "nx": month_name(self.today, 1)[:3],
            "after": month_name(self.today, 2),
            "mesec": MONTHS_SL[self.today.month - 1],
            "year": str(self.today.year + 1),
        }
        for client_id, specs in OPEN_TASKS.items():
            client = self.clients[client_id]
            doing: list[int] = []
            others: list[Task] = []
            for position, spec in enumerate(specs):
                task = self._open_task(client, spec, position, names)
                self.out.tasks.append(task)
                if not spec.estimate or spec.status == "waiting" or spec.assignee:
                    continue
                if spec.status == "doing":
                    doing.append(task.id)
                else:
                    others.append(task)
            # the week's blocks: the task in progress every other time, the rest by due date
            far = self.out.now + timedelta(days=365)
            order: list[int] = []
            for task in sorted(others, key=lambda t: t.due or far):
                order += [task.id, *doing[:1]]
            self.open_ids[client_id] = order or doing

    def _open_task(
        self, client: Client, spec: OpenTask, position: int, names: dict[str, str]
    ) -> Task:
        rng = self.out.rng
        made_on = self.today - timedelta(days=rng.randint(1, 12))
        created = self.at(made_on, time(rng.randint(9, 16), rng.choice((0, 15, 30, 45))))
        return Task(
            client_id=client.id,
            title=spec.title.format(**names),
            id=len(self.out.tasks) + 1,
            notes=spec.notes.format(**names),
            status=spec.status,
            urgent=spec.urgent,
            important=spec.important,
            estimate_minutes=spec.estimate,
            due=self.due(client, spec.due) if spec.due else None,
            due_tz=client.tz,
            tags=spec.tags,
            assignee=spec.assignee,
            follow_up=self.today + timedelta(days=2) if spec.assignee else None,
            checklist=tuple(ChecklistItem(text, done) for text, done in spec.checklist),
            position=position,
            every=spec.every,
            out_of_scope=spec.out_of_scope,
            created=min(created, self.out.now),
        )

    def add_meetings(self, monday: date) -> None:
        """Series that began eight weeks ago (an even number: the fortnightly one is on this
        week), a one-off on Friday and one next week; wall times on the clients' clocks."""
        start = monday - timedelta(weeks=8)

        def on(weekday: int, hh: int, mm: int = 0, first: date = start) -> datetime:
            return datetime.combine(first + timedelta(days=weekday), time(hh, mm))

        self.meetings = [
            Meeting(1, "Weekly check-in", on(1, 10), "America/New_York", every="weekly",
                    link="https://zoom.example/j/acme-weekly"),
            Meeting(3, "Fortnightly planning", on(2, 14), "Europe/London", duration_minutes=45,
                    every="biweekly", link="https://meet.example/brightside"),
            Meeting(4, "Tedenski pregled", on(0, 9), "Europe/Ljubljana", every="weekly",
                    location="Viber klic"),
            Meeting(5, "Booking sync", on(3, 14, 45), "Asia/Kathmandu", every="weekly",
                    location="WhatsApp call"),
            Meeting(2, "Retainer review", on(3, 17, 30), "Australia/Sydney", every="biweekly",
                    link="https://meet.example/koala", notes="After their day: Mia stays on."),
            Meeting(1, "Landing page review", on(4, 9, 30, monday), "America/New_York",
                    link="https://zoom.example/j/acme-lp"),
            Meeting(3, "Board pack walk-through", on(8, 10, 0, monday), "Europe/London",
                    duration_minutes=60, notes="Tom and Priya; the pack goes out that evening."),
        ]  # fmt: skip
        self.out.meetings = [replace(m, id=i) for i, m in enumerate(self.meetings, start=1)]

    def past_tasks(self, monday: date) -> dict[int, list[int]]:
        """Done tasks for one past week, per client: that week's usual work."""
        rng = self.out.rng
        weeks_back = (self.today - monday).days // 7
        thursday = monday + timedelta(days=3)
        fields = {
            "d": _label(thursday),
            "dsl": f"{thursday.day}. {thursday.month}.",
            "w": str(monday.isocalendar().week),
            "n": str(48 - weeks_back),
            "trek": TREKS[weeks_back % len(TREKS)],
        }
        made = {}
        for client_id, kinds in WEEKLY_WORK.items():
            ids = []
            for title, estimate, tags in kinds:
                task = Task(
                    client_id=client_id,
                    title=title.format(**fields),
                    id=len(self.out.tasks) + 1,
                    status="done",
                    important=rng.random() < 0.4,
                    estimate_minutes=estimate,
                    due_tz=self.clients[client_id].tz,
                    tags=tags,
                    created=self.at(monday - timedelta(days=rng.randint(0, 3)), time(8, 30)),
                    done_at=self.at(monday + timedelta(days=4), time(16)),
                )
                self.out.tasks.append(task)
                ids.append(task.id)
            made[client_id] = ids
        return made

    # --- the weeks -------------------------------------------------------------------------------

    def wishes(self, day: date, vary: bool) -> list[Wish]:
        rng = self.out.rng
        plan = list(WEEK_PLAN[day.weekday()])
        if not vary:
            return plan
        return [
            (cid, max(30, minutes + rng.choice((-15, 0, 0, 15))) if cid else minutes, title)
            for cid, minutes, title in plan
        ]

    def lay_out(self) -> None:
        """Plans and tracked time, oldest day first; this week's plan is kept as blocks."""
        monday = self.today - timedelta(days=self.today.weekday())
        next_workday = self.today + timedelta(days=1)
        while next_workday.weekday() >= 5:
            next_workday += timedelta(days=1)
        first = self.today - timedelta(days=HISTORY_DAYS)
        days = Days(self.out, self.clients, self.meetings, monday)
        work: dict[int, list[int]] = {}
        week_of_work: date | None = None
        day = first - timedelta(days=first.weekday())
        while day <= max(next_workday, monday + timedelta(days=4)):
            week = day - timedelta(days=day.weekday())
            if day.weekday() < 5:
                if week != week_of_work:
                    week_of_work = week
                    work = self.open_ids if week >= monday else self.past_tasks(week)
                current = week >= monday
                blocks = days.plan(day, self.wishes(day, vary=not current), work)
                if current:
                    self.out.blocks.extend(blocks)
                if day >= first and day <= self.today:
                    days.track(day, blocks)
            day += timedelta(days=1)
        if self.today.weekday() >= 5:
            self._weekend(monday)
        self._finish_past_tasks()

    def _weekend(self, monday: date) -> None:
        """This weekend (made on a Saturday or Sunday): days off with a look at the inbox and
        a block of the VA's own admin each, and the check tracked once it is over.

        Added after every weekday, with no draw from the random source, so the weekdays are
        the same whatever day of the weekend the sample is made on.
        """
        for weekday, items in WEEKEND_PLAN.items():
            day = monday + timedelta(days=weekday)
            for clock, minutes, title in items:
                start = self.at(day, clock)
                end = start + timedelta(minutes=minutes)
                self.out.blocks.append(Block(start, end, category="admin", title=title))
            client_id, note = WEEKEND_CHECK[weekday]
            start = self.at(day, items[0][0])
            end = start + timedelta(minutes=20)
            if end <= self.out.now:
                self.out.entries.append(
                    Entry(client_id, start, end, id=len(self.out.entries) + 1, note=note,
                          tags=("email",))
                )  # fmt: skip

    def _finish_past_tasks(self) -> None:
        """A done task was done when its last entry ended (its week's Friday without one)."""
        last: dict[int, datetime] = {}
        for entry in self.out.entries:
            if entry.task_id is not None:
                last[entry.task_id] = max(last.get(entry.task_id, entry.end), entry.end)
        self.out.tasks = [
            replace(t, done_at=min(last.get(t.id, t.done_at or self.out.now), self.out.now))
            if t.status == "done"
            else t
            for t in self.out.tasks
        ]


def build_sample(out: Builder, today: date) -> None:
    """Fill ``out`` with the sample set around ``today`` (see the module docstring)."""
    sample = Sample(out, today)
    sample.add_clients()
    sample.add_open_tasks()
    sample.add_meetings(today - timedelta(days=today.weekday()))
    sample.lay_out()
    add_promises(sample)
    add_invoices(sample)
