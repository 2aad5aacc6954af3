"""One day of the sample: its plan laid out around lunch and meetings, and the time tracked
beside it (:mod:`vaplanner.demo_sample` decides which days and which tasks)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

from vaplanner.core.hours import windows_between
from vaplanner.core.models import Block, Client, Entry, Meeting, Task
from vaplanner.core.recur import occurrences_many
from vaplanner.demo_data import HOME_TZ, NOTES_EN, NOTES_SL, QUICK_WORK

if TYPE_CHECKING:
    from vaplanner.demo import Builder

DAY_OPENS = time(9)  # the VA's own hours (the Settings default, 09:00-17:00)
DAY_CLOSES = time(17)
LUNCH = (time(12, 30), 45)
Wish = tuple[int | None, int, str]  # client id (None: the VA's admin), minutes, admin title


@dataclass
class Days:
    """Plans and tracks days for ``out``; blocks name tasks in turn, per client and week."""

    out: Builder
    clients: dict[int, Client]
    meetings: list[Meeting]
    monday: date  # this week's: next week's first days go on from its rotation
    turn: dict[tuple[int, date], int] = field(default_factory=dict)

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

    def plan(self, day: date, wishes: list[Wish], work: dict[int, list[int]]) -> list[Block]:
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

    def track(self, day: date, blocks: list[Block]) -> None:
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
