"""The sample data set: five clients and a believable month of a VA's work around ``today``.

What it holds (see :mod:`vaplanner.demo_data` for the words):

* each client's open queue: distinct tasks for its business, due at noon or at the end of
  the client's business day on the client's own calendar (one or two overdue by a day, some
  today and tomorrow, a few next week);
* the plan of this week's weekdays and of the next weekday after ``today``: an inbox triage,
  client blocks laid inside each client's business hours where the zones allow (a client
  whose day never meets the VA's, like Sydney, gets async work), a buffer or two, lunch,
  the week's meetings on the clients' clocks; weekends stay empty;
* tracked time for the last 30 days that follows each day's plan, late starts and overruns
  included, a good share linked to tasks (with estimates), with notes and tags, and short
  unplanned replies between blocks; nothing after ``now`` and no timer running;
* replies promised (some due soon, one overdue), check-ins with scores, a retainer client,
  and invoices: one overdue, one draft, one paid.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from vaplanner.core.hours import add_business_minutes, windows_between
from vaplanner.core.models import (
    Block,
    Checkin,
    ChecklistItem,
    Client,
    Entry,
    Invoice,
    InvoiceLine,
    Meeting,
    Request,
    Task,
    WeekHours,
)
from vaplanner.core.recur import occurrences_many
from vaplanner.core.times import resolve_wall
from vaplanner.demo_data import (
    MONTHS_SL,
    NOTES_EN,
    NOTES_SL,
    OPEN_TASKS,
    QUICK_WORK,
    TREKS,
    WEEK_PLAN,
    WEEKLY_WORK,
    OpenTask,
    client_rows,
)

if TYPE_CHECKING:
    from vaplanner.demo import Builder

DAY_OPENS = time(9)  # the VA's own hours (the Settings default, 09:00-17:00)
DAY_CLOSES = time(17)
LUNCH = (time(12, 30), 45)
HISTORY_DAYS = 30
HOME_TZ = "Europe/Ljubljana"
Wish = tuple[int | None, int, str]  # client id (None: the VA's admin), minutes, admin title


def _month(day: date, ahead: int) -> str:
    index = day.month - 1 + ahead
    return date(day.year + index // 12, index % 12 + 1, 1).strftime("%B")


def _label(day: date) -> str:
    return f"{day.day} {day:%b}"


@dataclass
class _Sample:
    """The sample's state while it is laid out; records go into ``out`` as they are made."""

    out: Builder
    today: date
    clients: dict[int, Client] = field(default_factory=dict)
    meetings: list[Meeting] = field(default_factory=list)
    open_ids: dict[int, list[int]] = field(default_factory=dict)  # client -> tasks to work on
    turn: dict[tuple[int, date], int] = field(default_factory=dict)  # rotation per client/week

    @property
    def monday(self) -> date:
        return self.today - timedelta(days=self.today.weekday())

    # --- instants ------------------------------------------------------------------------------

    def at(self, day: date, clock: time) -> datetime:
        return datetime.combine(day, clock, self.out.home).astimezone(UTC)

    def in_hours(self, client_id: int | None, start: datetime, end: datetime) -> bool:
        """Whether a block fits the client's hours (the VA's admin and async clients always do)."""
        if client_id is None:
            return True
        client = self.clients[client_id]
        day = start.astimezone(self.out.home).date()
        if not windows_between(
            client.hours, client.tz, self.at(day, DAY_OPENS), self.at(day, DAY_CLOSES)
        ):
            return True  # their day never meets the VA's (Sydney): work for them async
        covered = sum(
            (e - s for s, e in windows_between(client.hours, client.tz, start, end)), timedelta()
        )
        return covered >= end - start

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
            "month": _month(self.today, 0),
            "next": _month(self.today, 1),
            "nx": _month(self.today, 1)[:3],
            "after": _month(self.today, 2),
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
            notes=spec.notes,
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

    # --- one day ---------------------------------------------------------------------------------

    def plan_day(self, day: date, wishes: list[Wish], work: dict[int, list[int]]) -> list[Block]:
        """Lay ``wishes`` out from 09:00 around lunch and the day's meetings.

        At each point the first wish that fits before the next fixed item and inside its
        client's hours is placed; when none fits whole, one is cut to the room left; when
        none can start here at all, the point moves on a quarter of an hour.
        """
        lunch = Block(self.at(day, LUNCH[0]), self.at(day, LUNCH[0]) + timedelta(minutes=LUNCH[1]),
                      category="break", title="Lunch")  # fmt: skip
        day_start, day_end = self.at(day, DAY_OPENS), self.at(day, DAY_CLOSES)
        fixed = [(o.start, o.end) for o in occurrences_many(self.meetings, day_start, day_end)]
        fixed.append((lunch.start, lunch.end))
        blocks = [lunch]
        pending = list(wishes)
        cursor, buffers = day_start, 0
        while pending and cursor < day_end:
            inside = [end for start, end in fixed if start <= cursor < end]
            if inside:
                cursor = max(inside)
                continue
            limit = min([start for start, _ in fixed if start > cursor] + [day_end])
            room = int((limit - cursor).total_seconds() // 60)
            index, length = self._choose(pending, cursor, room)
            if index < 0:
                cursor += timedelta(minutes=15)
                continue
            client_id, wanted, title = pending.pop(index)
            if wanted - length >= 30:
                pending.insert(index, (client_id, wanted - length, title))
            end = cursor + timedelta(minutes=length)
            if client_id is None:
                blocks.append(Block(cursor, end, category="admin", title=title))
            else:
                task = self._next_task(client_id, day, work)
                blocks.append(
                    Block(cursor, end, client_id=client_id, task_id=task.id, title=task.title)
                )
            cursor = end
            # a buffer after a long block, or the last minutes before a meeting
            room_after = int((limit - cursor).total_seconds() // 60)
            before_meeting = limit != day_end and limit != lunch.start and room_after <= 15
            if client_id is not None and buffers < 2 and pending and room_after > 0:
                later = cursor + timedelta(minutes=15)
                index, fits = self._choose(pending, later, room_after - 15)
                whole = index >= 0 and fits == pending[index][1]
                if (length >= 60 and whole) or before_meeting:
                    pause = timedelta(minutes=min(15, room_after))
                    blocks.append(Block(cursor, cursor + pause, category="buffer", title="Buffer"))
                    cursor += pause
                    buffers += 1
        return sorted(blocks, key=lambda b: b.start)

    def _choose(self, pending: list[Wish], cursor: datetime, room: int) -> tuple[int, int]:
        for index, (client_id, minutes, _) in enumerate(pending):
            if minutes <= room and self.in_hours(
                client_id, cursor, cursor + timedelta(minutes=minutes)
            ):
                return index, minutes
        if room >= 30:
            for index, (client_id, _, _) in enumerate(pending):
                if self.in_hours(client_id, cursor, cursor + timedelta(minutes=room)):
                    return index, room
        return -1, 0

    def _next_task(self, client_id: int, day: date, work: dict[int, list[int]]) -> Task:
        # next week's first days go on from this week's rotation
        week = min(day - timedelta(days=day.weekday()), self.monday)
        turn = self.turn.get((client_id, week), 0)
        self.turn[(client_id, week)] = turn + 1
        ids = work[client_id]
        return self.out.tasks[ids[turn % len(ids)] - 1]

    def track_day(self, day: date, blocks: list[Block]) -> None:
        """Entries that follow the day's client blocks and meetings, up to ``now``."""
        rng, now = self.out.rng, self.out.now
        start_of_day = datetime.combine(day, time(0), self.out.home)
        meetings = occurrences_many(
            self.meetings,
            start_of_day.astimezone(UTC),
            (start_of_day + timedelta(days=1)).astimezone(UTC),
        )
        items: list[tuple[datetime, datetime, int, Task | None, str, tuple[str, ...]]] = [
            (b.start, b.end, b.client_id, self.out.tasks[b.task_id - 1] if b.task_id else None,
             "", ())
            for b in blocks
            if b.client_id is not None
        ]  # fmt: skip
        # a video call is tagged "calls"; a phone or chat call goes untagged
        items += [
            (o.start, o.end, o.meeting.client_id, None, o.meeting.title,
             ("calls",) if o.meeting.link else ())
            for o in meetings
            if o.meeting.client_id is not None
        ]  # fmt: skip
        items.sort(key=lambda item: item[0])
        breaks = [(b.start, b.end) for b in blocks if b.category == "break"]
        last_end = items[0][0] if items else now
        for index, (start, end, client_id, task, title, tags) in enumerate(items):
            following = items[index + 1][0] if index + 1 < len(items) else None
            begin = max(start + timedelta(minutes=rng.choice((0, 0, 1, 2, 3, 5))), last_end)
            planned = int((end - start).total_seconds() // 60)
            if title:  # a meeting: on time, sometimes a little over
                length = planned + rng.choice((0, 0, 0, 3, 5))
            else:
                length = max(10, round(planned * rng.uniform(0.8, 1.15)))
            finish = begin + timedelta(minutes=length)
            if following is not None:
                finish = min(finish, following)
            if begin >= now or finish - begin < timedelta(minutes=10):
                if begin >= now:
                    return
                continue
            if finish > now:  # stopped a few minutes ago; the user starts the next timer
                finish = now.replace(second=0, microsecond=0)
                finish -= timedelta(minutes=finish.minute % 5)
                if finish - begin >= timedelta(minutes=10):
                    self._entry(client_id, begin, finish, task, title, tags)
                return
            self._entry(client_id, begin, finish, task, title, tags)
            last_end = finish
            if following is not None and rng.random() < 0.35:
                last_end = self._quick_work(client_id, finish, following, breaks)

    def _entry(
        self,
        client_id: int,
        start: datetime,
        end: datetime,
        task: Task | None,
        title: str,
        tags: tuple[str, ...],
    ) -> None:
        rng = self.out.rng
        linked = task is not None and rng.random() < 0.9
        note = title
        if task is not None:
            notes = NOTES_SL if self.clients[client_id].tz == HOME_TZ else NOTES_EN
            said = notes.get(task.tags[0] if task.tags else "", ())
            note = rng.choice(said) if said and rng.random() < 0.75 else ""
            if not linked:  # tracked without picking the task: the note says what it was
                note = task.title
        self.out.entries.append(
            Entry(
                client_id=client_id,
                start=start,
                end=end,
                id=len(self.out.entries) + 1,
                task_id=task.id if task is not None and linked else None,
                note=note,
                tags=tags if title else task.tags if task and rng.random() < 0.7 else (),
            )
        )

    def _quick_work(
        self,
        after: int,
        start: datetime,
        following: datetime,
        breaks: list[tuple[datetime, datetime]],
    ) -> datetime:
        """A short unplanned reply for another client whose hours are on, if there is room
        (never over lunch)."""
        rng = self.out.rng
        begin = start + timedelta(minutes=rng.choice((1, 2, 4)))
        end = begin + timedelta(minutes=rng.choice((6, 8, 10, 12, 15)))
        others = [cid for cid in self.clients if cid != after and self._open_at(cid, begin, end)]
        over_lunch = any(s < end and begin < e for s, e in breaks)
        if not others or over_lunch or end > following or end > self.out.now:
            return start
        note, tags = rng.choice(QUICK_WORK)
        billable = rng.random() > 0.15
        self.out.entries.append(
            Entry(
                client_id=rng.choice(others),
                start=begin,
                end=end,
                id=len(self.out.entries) + 1,
                note=note if billable else "fixed my own slip (not billed)",
                billable=billable,
                tags=tags,
            )
        )
        return end

    def _open_at(self, client_id: int, start: datetime, end: datetime) -> bool:
        client = self.clients[client_id]
        windows = windows_between(client.hours, client.tz, start, end)
        return bool(windows) and windows[0][0] <= start and windows[-1][1] >= end

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
                blocks = self.plan_day(day, self.wishes(day, vary=not current), work)
                if current:
                    self.out.blocks.extend(blocks)
                if day >= first and day <= self.today:
                    self.track_day(day, blocks)
            day += timedelta(days=1)
        if self.today.weekday() >= 5:  # a day off: at most a quick look at the inbox
            self._weekend_check()
        self._finish_past_tasks()

    def _weekend_check(self) -> None:
        client_id = 3 if self.today.weekday() == 5 else 5  # Himal works on Sundays
        start = self.at(self.today, time(10))
        end = start + timedelta(minutes=20)
        if end <= self.out.now:
            self.out.entries.append(
                Entry(client_id, start, end, id=len(self.out.entries) + 1,
                      note="weekend check: one urgent message", tags=("email",))
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
    sample = _Sample(out, today)
    sample.add_clients()
    sample.add_open_tasks()
    sample.add_meetings(today - timedelta(days=today.weekday()))
    sample.lay_out()
    add_promises(sample)
    add_invoices(sample)


def add_promises(sample: _Sample) -> None:
    """Replies owed (one overdue, others due soon), one answered, and check-ins."""
    out, clients = sample.out, sample.clients
    work = WeekHours()  # the VA's own hours (the Settings default): when replies go out

    def ask(
        cid: int, text: str, channel: str, back: int, clock: time, within: int | None = None
    ) -> Request:
        """A message received ``back`` business days ago at ``clock`` on the client's clock
        (a day earlier if that is still to come); the reply promised within their hours."""
        client = clients[cid]
        day = out.now.astimezone(ZoneInfo(client.tz)).date()
        for step in range(back + 2):
            while not client.hours.for_weekday(day.weekday()):
                day -= timedelta(days=1)
            received = resolve_wall(datetime.combine(day, clock), client.tz)[0]
            if step >= back and received <= out.now:
                break
            day -= timedelta(days=1)
        minutes = client.reply_within_minutes if within is None else within
        reply_by = add_business_minutes(client.hours, client.tz, received, minutes)
        return Request(cid, text, channel, received, reply_by)

    def answered(request: Request, minutes: int, *, out_of_scope: bool = False) -> Request:
        done = add_business_minutes(work, HOME_TZ, request.received, minutes)
        return replace(request, done_at=min(done, out.now), out_of_scope=out_of_scope)

    out.requests = [
        ask(2, "Send the revised media kit", "email", 0, time(15, 40), 4 * 60),
        ask(1, f"Confirm the webinar date in {_month(sample.today, 1)}", "slack", 0, time(11, 20)),
        ask(5, "Quote for a private Langtang trek (4 people)", "email", 0, time(13, 10)),
        ask(3, "Can we move Thursday's call to Friday?", "whatsapp", 2, time(16, 5), 60),
        answered(ask(4, "Prevod novice za spletno stran", "viber", 3, time(10, 40)), 140),
        answered(
            ask(2, "Could you redesign our website too?", "slack", 4, time(11, 15)),
            50,
            out_of_scope=True,
        ),
    ]

    def weekday_before(days: int, clock: time) -> datetime:
        day = sample.today - timedelta(days=days)
        while day.weekday() >= 5:
            day -= timedelta(days=1)
        return sample.at(day, clock)

    out.checkins = [
        Checkin(1, weekday_before(8, time(16, 40)), score=4,
                note="Happy with the newsletter; wants the social calendar a week earlier"),
        Checkin(3, weekday_before(12, time(11, 5)), score=3,
                note="Wants faster replies on WhatsApp"),
        Checkin(4, weekday_before(5, time(10, 15)), score=5,
                note="Maja je zelo zadovoljna z novimi objavami"),
        Checkin(5, weekday_before(20, time(9, 50)), score=4,
                note="Peak season is hectic; bookings are under control"),
    ]  # fmt: skip


def add_invoices(sample: _Sample) -> None:
    """2026-001 sent and overdue, 2026-002 a draft made last week (not due yet: a draft past
    its due date counts as overdue), 2026-003 paid. Numbers run in the first one's year."""
    from vaplanner.core.billing import amount_for, hourly_lines, hours_quantity

    out, today = sample.out, sample.today
    month = today.replace(day=1)
    first = month if today.day > 15 else (month - timedelta(days=1)).replace(day=1)
    recent = min(
        max(first + timedelta(days=1), today - timedelta(days=6)), date(first.year, 12, 31)
    )
    number = f"{first.year}-{{:03d}}"

    def month_before(day: date) -> tuple[date, date]:
        end = day.replace(day=1) - timedelta(days=1)
        return end.replace(day=1), end

    def month_of(day: date) -> tuple[date, date]:
        return day.replace(day=1), month_before(day.replace(day=28) + timedelta(days=4))[1]

    def marked(cid: int, invoice_id: int, period: tuple[date, date]) -> list[Entry]:
        low = sample.at(period[0], time(0))
        high = sample.at(period[1] + timedelta(days=1), time(0))
        chosen = [e for e in out.entries if e.client_id == cid and e.billable
                  and low <= e.start < high]  # fmt: skip
        ids = {e.id for e in chosen}
        out.entries = [replace(e, invoice_id=invoice_id) if e.id in ids else e
                       for e in out.entries]  # fmt: skip
        return chosen

    billed = month_before(first)
    marked(3, 1, billed)
    drafted = month_before(recent)
    himal = marked(5, 2, drafted)
    titles = {t.id: t.title for t in out.tasks}
    # the days of the period before the sample's history: about 50 minutes a working day
    history = today - timedelta(days=HISTORY_DAYS)
    before = [
        drafted[0] + timedelta(days=n)
        for n in range((min(history, drafted[1] + timedelta(days=1)) - drafted[0]).days)
        if (drafted[0] + timedelta(days=n)).weekday() < 5
    ]
    rate = sample.clients[5].billing.rate or Decimal(0)
    earlier = [
        InvoiceLine(
            f"Bookings and reviews, {before[0].day}-{before[-1].day} {before[0]:%b}",
            hours_quantity(50 * len(before)),
            rate,
            amount_for(50 * len(before), rate, "USD"),
            50 * len(before),
        )
        for _ in before[:1]
    ]
    lines = tuple(earlier + hourly_lines(sample.clients[5], himal, titles))
    fee = sample.clients[2].billing.retainer_fee or Decimal(0)
    ahead = month_of(month_before(recent)[1] + timedelta(days=40))  # retainer paid in advance
    out.invoices = [
        Invoice(3, number.format(1), first, first + timedelta(days=14), "GBP",
                period_start=billed[0], period_end=billed[1],
                lines=(InvoiceLine("Assistant services", Decimal("12.5"), Decimal(32),
                                   Decimal("400.00"), 750),),
                exchange_rate=Decimal("1.15"), status="sent"),
        Invoice(5, number.format(2), recent, recent + timedelta(days=14), "USD",
                period_start=drafted[0], period_end=drafted[1], lines=lines),
        Invoice(2, number.format(3), recent, recent + timedelta(days=14), "AUD",
                period_start=ahead[0], period_end=ahead[1],
                lines=(InvoiceLine(f"Retainer, {ahead[0]:%B %Y} (20:00 h)", Decimal(1), fee, fee),),
                exchange_rate=Decimal("0.61"), status="paid",
                paid_on=min(recent + timedelta(days=3), today)),
    ]  # fmt: skip
