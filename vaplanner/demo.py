"""Deterministic sample data at any scale, for ``vaplanner --demo``, tests and benchmarks.

``python -m vaplanner.demo --data-dir DIR --scale sample|reference [--seed N] [--today DATE]``

* ``sample``: five clients in five zones (New York, Sydney, London, Ljubljana, Kathmandu)
  with hotkeys 1-5: a believable week of a VA's work around ``today``, laid out by
  :mod:`vaplanner.demo_sample` (queues, this week's plan and meetings, a month of tracked
  time that follows the plan, promised replies, check-ins, invoices).
* ``reference``: the benchmark set of DESIGN.md section 8: 25 clients and five years of
  history ending on ``today``: about 60,000 entries, 30,000 tasks and 20,000 blocks, written
  through the store's bulk path (one write per file).

The same ``seed``, ``today`` and ``now`` always give the same data (``random.Random(seed)``;
no clock, no global randomness). Times are laid out in the home zone (Europe/Ljubljana) and
stored in UTC; tracked entries never overlap and never reach past ``now``; no timer runs.
Records are numbered here as the store numbers them in an empty folder (1, 2, ...), so
entries can name their tasks and invoices.
"""

from __future__ import annotations

import argparse
import random
import sys
import time as _time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Literal
from zoneinfo import ZoneInfo

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
    Settings,
    Task,
    TaskStatus,
)
from vaplanner.demo_data import HOME_TZ, REFERENCE_TITLES, client_rows
from vaplanner.demo_sample import build_sample

if TYPE_CHECKING:
    from vaplanner.store.store import Store

Scale = Literal["sample", "reference"]
SCALES: tuple[str, ...] = ("sample", "reference")

_TAGS = ("email", "social", "admin", "writing", "research", "calls", "finance")
_NOTES = ("", "", "", "inbox", "calls", "follow-ups", "drafting", "review", "scheduling")
_CHANNELS = ("email", "slack", "whatsapp", "phone")


@dataclass
class Builder:
    """Collects records in memory, then writes them through the store's bulk path."""

    rng: random.Random
    home: ZoneInfo
    now: datetime
    clients: list[Client] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    requests: list[Request] = field(default_factory=list)
    checkins: list[Checkin] = field(default_factory=list)
    invoices: list[Invoice] = field(default_factory=list)

    def at(self, day: date, clock: str) -> datetime:
        """A wall time in the home zone -> UTC."""
        return datetime.combine(day, time.fromisoformat(clock), self.home).astimezone(UTC)

    def day_of_work(
        self,
        day: date,
        client_ids: Sequence[int],
        count: int,
        minutes: tuple[int, int],
        made: dict[int, list[int]],
    ) -> None:
        """Consecutive entries from 08:00 home time, most on a task of ``made`` (the day's
        new tasks per client); none past ``now``."""
        cursor = self.at(day, "08:00")
        for _ in range(count):
            length = timedelta(minutes=self.rng.randint(*minutes))
            end = cursor + length
            if end > self.now:
                break
            client_id = self.rng.choice(client_ids)
            mine = made.get(client_id)
            self.entries.append(
                Entry(
                    client_id=client_id,
                    start=cursor,
                    end=end,
                    task_id=self.rng.choice(mine) if mine and self.rng.random() < 0.6 else None,
                    note=self.rng.choice(_NOTES),
                    billable=self.rng.random() > 0.08,
                    tags=(self.rng.choice(_TAGS),) if self.rng.random() < 0.3 else (),
                )
            )
            cursor = end + timedelta(minutes=self.rng.choice((0, 0, 0, 2, 5, 10)))

    def day_of_blocks(self, day: date, client_ids: Sequence[int], count: int) -> None:
        """A plan for one day: client blocks with buffers, a lunch break, some admin."""
        cursor = self.at(day, "08:00")
        for index in range(count):
            if index == count // 2:
                self.blocks.append(
                    Block(cursor, cursor + timedelta(minutes=45), category="break", title="Lunch")
                )
                cursor += timedelta(minutes=45)
                continue
            length = timedelta(minutes=self.rng.choice((30, 45, 60, 60, 90, 120)))
            if self.rng.random() < 0.12:
                self.blocks.append(Block(cursor, cursor + length, category="admin", title="Admin"))
            else:
                self.blocks.append(
                    Block(cursor, cursor + length, client_id=self.rng.choice(client_ids))
                )
            cursor += length
            if self.rng.random() < 0.5:
                self.blocks.append(
                    Block(cursor, cursor + timedelta(minutes=10), category="buffer", title="Buffer")
                )
                cursor += timedelta(minutes=10)

    def task(
        self, client: Client, title: str, created: datetime, status: TaskStatus, position: int
    ) -> Task:
        """A reference task, due at noon or 17:00 on the client's clock on a weekday."""
        rng = self.rng
        done_at = created + timedelta(days=rng.randint(0, 14), minutes=rng.randint(5, 600))
        if status == "done" and done_at > self.now:
            done_at = self.now - timedelta(minutes=rng.randint(5, 300))
        due: datetime | None = None
        if rng.random() < 0.6:
            day = created.date() + timedelta(days=rng.randint(1, 21))
            day += timedelta(days=max(0, 7 - day.weekday()) if day.weekday() >= 5 else 0)
            clock = time(12) if rng.random() < 0.4 else time(17)
            due = datetime.combine(day, clock, _zone(client.tz)).astimezone(UTC)
        checklist: tuple[ChecklistItem, ...] = ()
        if rng.random() < 0.15:
            checklist = (ChecklistItem("Draft", status == "done"), ChecklistItem("Send for review"))
        return Task(
            client_id=client.id,
            title=title,
            id=len(self.tasks) + 1,
            status=status,
            urgent=rng.random() < 0.25,
            important=rng.random() < 0.5,
            estimate_minutes=rng.choice((None, 15, 30, 45, 60, 90, 120)),
            due=due,
            due_tz=client.tz,
            tags=tuple(sorted({rng.choice(_TAGS) for _ in range(rng.randint(0, 2))})),
            assignee="Sam (subcontractor)" if status == "waiting" and rng.random() < 0.5 else None,
            checklist=checklist,
            position=position,
            created=created,
            done_at=done_at if status == "done" else None,
        )

    def write(self, store: Store, settings: Settings) -> None:
        with store.bulk():
            store.save_settings(settings)
            store.clients.add_many(self.clients)
            store.tasks.add_many(self.tasks)
            store.entries.add_many(self.entries)
            store.blocks.add_many(self.blocks)
            store.meetings.add_many(self.meetings)
            store.requests.add_many(self.requests)
            store.checkins.add_many(self.checkins)
            store.invoices.add_many(self.invoices)


_ZONES: dict[str, ZoneInfo] = {}


def _zone(name: str) -> ZoneInfo:
    zone = _ZONES.get(name)
    if zone is None:
        zone = _ZONES[name] = ZoneInfo(name)
    return zone


def _reference(builder: Builder, today: date, years: int) -> None:
    rng = builder.rng
    start = today - timedelta(days=years * 365)
    created = builder.at(start - timedelta(days=30), "09:00")
    builder.clients = client_rows(25, created)
    working = [c for c in builder.clients if c.status != "lead"]
    day = start
    position = 0
    while day <= today:
        if day.weekday() < 5:
            todays = rng.sample(working, 6)
            made = builder.at(day, "09:00")
            label = f"{day.day} {day:%b}"
            new: dict[int, list[int]] = {}
            # four tasks a client a day, distinct titles: the same work recurs on other days
            for client in todays:
                for title in rng.sample(REFERENCE_TITLES, 4):
                    position += 1
                    recent = (today - day).days < 21
                    status: TaskStatus = "done"
                    if recent and rng.random() < 0.45:
                        status = rng.choice(("todo", "todo", "doing", "waiting", "review"))
                    task = builder.task(client, f"{title}, {label}", made, status, position)
                    builder.tasks.append(task)
                    new.setdefault(client.id, []).append(task.id)
            ids = [c.id for c in todays]
            builder.day_of_work(day, ids, 48, (5, 14), new)
            builder.day_of_blocks(day, ids, 10)
            if rng.random() < 0.5:
                cid = rng.choice(ids)
                received = builder.at(day, "10:00")
                builder.requests.append(
                    Request(
                        cid,
                        "Please look at this",
                        rng.choice(_CHANNELS),
                        received,
                        received + timedelta(hours=8),
                        done_at=received + timedelta(hours=3) if day < today else None,
                    )
                )
        if day.day == 1:
            _month_paperwork(builder, day, today)
        day += timedelta(days=1)
    monday = today - timedelta(days=today.weekday())
    for client in builder.clients:
        opens = client.hours.days[0][0].start
        builder.meetings.append(
            Meeting(
                client.id,
                "Weekly check-in",
                datetime.combine(monday + timedelta(days=client.id % 5), opens)
                + timedelta(hours=1),
                client.tz,
                every="weekly",
                until=today + timedelta(days=365),
            )
        )


def _month_paperwork(builder: Builder, day: date, today: date) -> None:
    """On the 1st: a check-in and last month's invoice for every client."""
    rng = builder.rng
    period_end = day - timedelta(days=1)
    period_start = period_end.replace(day=1)
    settled = (today - day).days > 30
    for client in builder.clients:
        cid = client.id
        builder.checkins.append(Checkin(cid, builder.at(day, "11:00"), score=rng.randint(2, 5)))
        hours = Decimal(rng.randint(10, 60))
        rate = client.billing.rate or Decimal(0)
        builder.invoices.append(
            Invoice(
                cid,
                f"{day.year}-{len(builder.invoices) + 1:04d}",
                day,
                day + timedelta(days=14),
                client.billing.currency,
                period_start=period_start,
                period_end=period_end,
                lines=(InvoiceLine("Assistant services", hours, rate, hours * rate),),
                status="paid" if settled else "sent",
                paid_on=day + timedelta(days=10) if settled else None,
            )
        )


def generate(
    store: Store,
    scale: Scale | str = "sample",
    today: date | None = None,
    *,
    seed: int = 0,
    now: datetime | None = None,
    years: int = 5,
) -> None:
    """Fill ``store`` (normally an empty folder) with demo data.

    Args:
        store: where to write (through one ``store.bulk()``).
        scale: ``"sample"`` or ``"reference"``.
        today: the last day of the data, in the home zone (Europe/Ljubljana). Defaults to
            the day of ``now``, or to the current date.
        seed: the same seed and dates always give the same data.
        now: nothing tracked ends after this instant (default: 12:00 home time on ``today``).
        years: how much history the reference set holds (benchmarks compare 1 and 5).
    """
    if scale not in SCALES:
        raise ValueError(f"unknown scale {scale!r}; use one of {', '.join(SCALES)}")
    home = ZoneInfo(HOME_TZ)
    if today is None:
        today = (now.astimezone(home) if now else datetime.now(home)).date()
    if now is None:
        now = datetime.combine(today, time(12), home).astimezone(UTC)
    builder = Builder(random.Random(seed), home, now)
    if scale == "sample":
        build_sample(builder, today)
    else:
        _reference(builder, today, years)
    settings = Settings(home_tz=HOME_TZ, name="Alex Demo", currency="EUR")
    builder.write(store, settings)


def load_sample(store: Store, *, now: datetime, keep_zone: bool) -> Settings:
    """Write the sample set into a user's (empty) data folder and keep the user's settings.

    The sample's days are planned in :data:`~vaplanner.demo_data.HOME_TZ`: shown in another
    zone, its blocks and meetings land at odd hours (a morning's work at midnight). So the
    home zone becomes the sample's, unless ``keep_zone`` (the user chose a zone).

    Returns:
        The settings stored afterwards (the user's, with the home zone the sample's unless
        ``keep_zone``).
    """
    mine = store.get_settings()
    generate(store, scale="sample", now=now)
    settings = mine if keep_zone else replace(mine, home_tz=HOME_TZ)
    store.save_settings(settings)
    return settings


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m vaplanner.demo``: write demo data into an empty data folder."""
    parser = argparse.ArgumentParser(
        prog="python -m vaplanner.demo", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--data-dir", required=True, metavar="DIR", help="an empty or new folder")
    parser.add_argument("--scale", choices=SCALES, default="sample")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--today",
        type=date.fromisoformat,
        metavar="YYYY-MM-DD",
        help="the last day of the data (default: today)",
    )
    args = parser.parse_args(argv)
    from vaplanner.store.store import Store

    folder = Path(args.data_dir).expanduser()
    if folder.exists() and any(p.suffix == ".json" for p in folder.iterdir()):
        print(f"vaplanner.demo: {folder} already holds data; use an empty folder", file=sys.stderr)
        return 2
    began = _time.perf_counter()
    generate(Store(folder), args.scale, args.today, seed=args.seed)
    print(f"wrote the {args.scale} data set to {folder} in {_time.perf_counter() - began:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
