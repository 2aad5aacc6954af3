"""Deterministic sample data at any scale, for ``vaplanner --demo``, tests and benchmarks.

``python -m vaplanner.demo --data-dir DIR --scale sample|reference [--seed N] [--today DATE]``

* ``sample``: five clients in five zones (New York, Sydney, London, Ljubljana, Kathmandu)
  with hotkeys 1-5, this week's blocks and meetings (a weekly check-in among them), a
  month of tracked time, tasks in every state, a few promised replies and check-ins.
* ``reference``: the benchmark set of DESIGN.md section 8: 25 clients and five years of
  history ending on ``today``: about 60,000 entries, 30,000 tasks and 20,000 blocks, written
  through the store's bulk path (one write per file).

The same ``seed`` and ``today`` always give the same data (``random.Random(seed)``; no clock,
no global randomness). Times are laid out in the home zone (Europe/Ljubljana) and stored in
UTC; tracked entries never overlap and never reach past ``now``.
"""

from __future__ import annotations

import argparse
import random
import sys
import time as _time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Literal
from zoneinfo import ZoneInfo

from vaplanner.core.models import (
    Billing,
    Block,
    Checkin,
    ChecklistItem,
    Client,
    Contact,
    Entry,
    Invoice,
    InvoiceLine,
    Meeting,
    Request,
    Settings,
    Task,
    TaskStatus,
    TimeRange,
    WeekHours,
)

if TYPE_CHECKING:
    from vaplanner.store.store import Store

Scale = Literal["sample", "reference"]
SCALES: tuple[str, ...] = ("sample", "reference")
HOME_TZ = "Europe/Ljubljana"


# name | zone | colour | hours | days | rate | quick channel | status | retainer h/fee | contact
_CLIENT_TABLE = """
Acme               | America/New_York               | #e4572e | 09:00-17:00 | 0-4   | 45 USD   | slack    | active     |         | Dana Whitfield
Koala Digital      | Australia/Sydney               | #17bebb | 08:30-16:30 | 0-4   | 70 AUD   | slack    | active     | 20/1300 | Mia Nguyen
Brightside         | Europe/London                  | #ffc914 | 09:00-17:30 | 0-4   | 32 GBP   | whatsapp | active     |         | Tom Ellery
Čebelica           | Europe/Ljubljana               | #76b041 | 08:00-16:00 | 0-4   | 30 EUR   | viber    | active     |         | Maja Kovač
Himal Treks        | Asia/Kathmandu                 | #9b5de5 | 10:00-17:00 | 0-4,6 | 25 USD   | whatsapp | active     |         | Pemba Sherpa
Maple Leaf Realty  | America/Toronto                | #f15bb5 | 09:00-17:00 | 0-4   | 50 CAD   | slack    | active     |         |
Sakura Studio      | Asia/Tokyo                     | #fee440 | 10:00-18:00 | 0-4   | 6000 JPY | line     | active     |         |
Kiwi Wellness      | Pacific/Auckland               | #00bbf9 | 08:00-16:00 | 0-4   | 55 NZD   | slack    | active     | 10/500  |
Sol Travel         | America/Sao_Paulo              | #00f5d4 | 09:00-18:00 | 0-4   | 120 BRL  | whatsapp | active     |         |
Chai & Co          | Asia/Kolkata                   | #ff6f59 | 10:00-18:30 | 0-4   | 1800 INR | whatsapp | active     |         |
Fjord Design       | Europe/Oslo                    | #43aa8b | 08:00-16:00 | 0-4   | 400 NOK  | slack    | active     |         |
Desert Rose Events | Asia/Dubai                     | #b5838d | 09:00-18:00 | 0-3,6 | 150 AED  | whatsapp | active     |         |
Lone Star Legal    | America/Chicago                | #577590 | 08:00-17:00 | 0-4   | 60 USD   | teams    | active     |         |
Pacific Bakery     | America/Los_Angeles            | #f9844a | 07:00-15:00 | 0-4   | 40 USD   | sms      | active     |         |
Newfound Media     | America/St_Johns               | #90be6d | 09:00-17:00 | 0-4   | 48 CAD   | slack    | active     |         |
Baobab Tours       | Africa/Nairobi                 | #f8961e | 08:30-17:00 | 0-4   | 3500 KES | whatsapp | active     |         |
Tango Events       | America/Argentina/Buenos_Aires | #4d908e | 10:00-19:00 | 0-4   | 30 USD   | whatsapp | active     |         |
Lotus Yoga         | Asia/Singapore                 | #277da1 | 09:00-18:00 | 0-4   | 60 SGD   | telegram | paused     |         |
Alpenglow          | Europe/Zurich                  | #c44536 | 08:00-17:00 | 0-4   | 65 CHF   | teams    | active     |         |
Harbour Books      | Europe/Dublin                  | #6d597a | 09:30-17:30 | 0-4   | 35 EUR   | slack    | active     |         |
Aroha Crafts       | Pacific/Auckland               | #e56b6f | 09:00-15:00 | 0-4   | 45 NZD   | slack    | onboarding |         |
Cedar Coaching     | America/Denver                 | #3a86ff | 08:00-16:00 | 0-4   | 55 USD   | slack    | active     |         |
Pampas Wines       | America/Santiago               | #8338ec | 09:00-18:00 | 0-4   | 35 USD   | whatsapp | lead       |         |
Saffron Kitchen    | Asia/Karachi                   | #fb5607 | 11:00-19:00 | 0-4   | 4000 PKR | whatsapp | active     |         |
Nordlys            | Europe/Stockholm               | #2ec4b6 | 08:00-16:30 | 0-4   | 450 SEK  | slack    | archived   |         |
"""  # noqa: E501 - a table reads better than 25 wrapped calls


def _days(text: str) -> set[int]:
    """``"0-4,6"`` -> ``{0, 1, 2, 3, 4, 6}`` (Monday = 0)."""
    days: set[int] = set()
    for part in text.split(","):
        first, _, last = part.partition("-")
        days.update(range(int(first), int(last or first) + 1))
    return days


def _client_rows(count: int, created: datetime) -> list[Client]:
    """The first ``count`` clients of the table; the first nine get hotkeys 1-9."""
    clients: list[Client] = []
    for index, line in enumerate(_CLIENT_TABLE.strip().splitlines()[:count]):
        name, tz, color, hours, days, rate, quick, status, retainer, contact = (
            cell.strip() for cell in line.split("|")
        )
        opens, closes = (time.fromisoformat(t) for t in hours.split("-"))
        on = _days(days)
        amount, currency = rate.split()
        retainer_hours, _, retainer_fee = retainer.partition("/")
        first = contact.split()[0].lower() if contact else "hello"
        domain = "".join(c for c in name.lower() if c.isascii() and c.isalnum())
        clients.append(
            Client(
                name=name,
                tz=tz,
                key=str(index + 1) if index < 9 else None,
                color=color,
                hours=WeekHours(
                    days=tuple((TimeRange(opens, closes),) if d in on else () for d in range(7))
                ),
                status=status,  # type: ignore[arg-type]  # the table holds valid statuses
                channels=(("formal", "email"), ("quick", quick), ("meetings", "zoom")),
                reply_within_minutes=8 * 60,
                contacts=(Contact(contact or "Office", f"{first}@{domain}.example", "owner"),),
                services=("inbox", "calendar", "social media"),
                notes="Credentials live in the password manager, never here.",
                billing=Billing(
                    rate=Decimal(amount),
                    currency=currency,
                    terms_days=14,
                    retainer_hours=Decimal(retainer_hours) if retainer_hours else None,
                    retainer_fee=Decimal(retainer_fee) if retainer_fee else None,
                ),
                created=created,
            )
        )
    return clients


_TASK_TITLES = (
    "Inbox zero",
    "Newsletter draft",
    "Schedule social posts",
    "Monthly invoice",
    "Book travel",
    "Update CRM",
    "Proofread blog post",
    "Landing page copy",
    "Podcast show notes",
    "Calendar clean-up",
    "Customer support queue",
    "Research venues",
    "Expense report",
    "Onboard new hire",
    "Update SOP",
    "Prepare meeting agenda",
    "Follow up with leads",
    "Order supplies",
    "Website backup check",
    "Quarterly report slides",
)
_TAGS = ("email", "social", "admin", "writing", "research", "calls", "finance")
_NOTES = ("", "", "", "inbox", "calls", "follow-ups", "drafting", "review", "scheduling")
_CHANNELS = ("email", "slack", "whatsapp", "phone")


@dataclass
class _Builder:
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
        self, day: date, client_ids: Sequence[int], count: int, minutes: tuple[int, int]
    ) -> None:
        """Consecutive entries from 08:00 home time; none past ``now``."""
        cursor = self.at(day, "08:00")
        for _ in range(count):
            length = timedelta(minutes=self.rng.randint(*minutes))
            end = cursor + length
            if end > self.now:
                break
            self.entries.append(
                Entry(
                    client_id=self.rng.choice(client_ids),
                    start=cursor,
                    end=end,
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

    def task(self, client_id: int, created: datetime, status: TaskStatus, position: int) -> Task:
        rng = self.rng
        due = created + timedelta(days=rng.randint(1, 21), hours=rng.randint(0, 8))
        done_at = created + timedelta(days=rng.randint(0, 14), minutes=rng.randint(5, 600))
        if status == "done" and done_at > self.now:
            done_at = self.now - timedelta(minutes=rng.randint(5, 300))
        checklist: tuple[ChecklistItem, ...] = ()
        if rng.random() < 0.15:
            checklist = (ChecklistItem("Draft", status == "done"), ChecklistItem("Send for review"))
        return Task(
            client_id=client_id,
            title=rng.choice(_TASK_TITLES),
            status=status,
            urgent=rng.random() < 0.25,
            important=rng.random() < 0.5,
            estimate_minutes=rng.choice((None, 15, 30, 45, 60, 90, 120)),
            due=due if rng.random() < 0.6 else None,
            due_tz=self.clients[client_id - 1].tz,
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


def _week_start(today: date) -> date:
    return today - timedelta(days=today.weekday())


def _sample(builder: _Builder, today: date) -> None:
    rng = builder.rng
    created = builder.at(today - timedelta(days=120), "09:00")
    builder.clients = _client_rows(5, created)
    ids = [1, 2, 3, 4, 5]
    # this week's plan, lighter at the weekend so every day has something to show
    monday = _week_start(today)
    for offset in range(7):
        day = monday + timedelta(days=offset)
        builder.day_of_blocks(day, ids, 7 if offset < 5 else 2)
    # a month of tracked time on working days, plus today until now
    for back in range(30, -1, -1):
        day = today - timedelta(days=back)
        if day.weekday() < 5 or day == today:
            builder.day_of_work(day, ids, rng.randint(6, 10), (20, 75))
    statuses: tuple[TaskStatus, ...] = ("todo", "todo", "doing", "waiting", "review", "done")
    for client_id in ids:
        for position in range(6):
            made = builder.now - timedelta(days=rng.randint(1, 25), hours=rng.randint(0, 10))
            builder.tasks.append(builder.task(client_id, made, statuses[position], position))
    builder.meetings = [
        Meeting(
            1,
            "Weekly check-in",
            datetime.combine(monday + timedelta(days=1), time(10)),
            "America/New_York",
            duration_minutes=30,
            every="weekly",
            link="https://zoom.example/j/acme",
        ),
        Meeting(
            2,
            "Campaign review",
            datetime.combine(monday + timedelta(days=3), time(9)),
            "Australia/Sydney",
            duration_minutes=45,
            link="https://meet.example/koala",
        ),
        Meeting(
            3,
            "Fortnightly planning",
            datetime.combine(monday + timedelta(days=2), time(14)),
            "Europe/London",
            duration_minutes=60,
            every="biweekly",
        ),
        Meeting(
            5,
            "Season kick-off",
            datetime.combine(monday + timedelta(days=4), time(16)),
            "Asia/Kathmandu",
            duration_minutes=30,
            every="monthly",
        ),
    ]
    now = builder.now
    builder.requests = [
        Request(
            2,
            "Send the revised media kit",
            "email",
            now - timedelta(hours=5),
            now + timedelta(hours=3),
        ),
        Request(
            1,
            "Confirm the December webinar date",
            "slack",
            now - timedelta(hours=20),
            now + timedelta(hours=20),
        ),
        Request(
            4,
            "Prevod novice",
            "email",
            now - timedelta(days=3),
            now - timedelta(days=1),
            done_at=now - timedelta(days=2),
        ),
    ]
    builder.checkins = [
        Checkin(1, now - timedelta(days=7), score=4, note="Happy with the newsletter"),
        Checkin(3, now - timedelta(days=12), score=3, note="Wants faster replies on WhatsApp"),
    ]
    first_of_month = today.replace(day=1)
    last_month = (first_of_month - timedelta(days=1)).replace(day=1)
    builder.invoices = [
        Invoice(
            3,
            f"{last_month.year}-001",
            first_of_month,
            first_of_month + timedelta(days=14),
            "GBP",
            period_start=last_month,
            period_end=first_of_month - timedelta(days=1),
            lines=(
                InvoiceLine(
                    "Assistant services", Decimal("12.5"), Decimal("32"), Decimal("400.00")
                ),
            ),
            status="sent",
        ),
    ]


def _reference(builder: _Builder, today: date, years: int) -> None:
    rng = builder.rng
    start = today - timedelta(days=years * 365)
    created = builder.at(start - timedelta(days=30), "09:00")
    builder.clients = _client_rows(25, created)
    working = [i + 1 for i, c in enumerate(builder.clients) if c.status != "lead"]
    day = start
    position = 0
    while day <= today:
        if day.weekday() < 5:
            todays = rng.sample(working, 6)
            builder.day_of_work(day, todays, 48, (5, 14))
            builder.day_of_blocks(day, todays, 10)
            made = builder.at(day, "09:00")
            for _ in range(24):
                position += 1
                recent = (today - day).days < 21
                status: TaskStatus = "done"
                if recent and rng.random() < 0.45:
                    status = rng.choice(("todo", "todo", "doing", "waiting", "review"))
                builder.tasks.append(builder.task(rng.choice(todays), made, status, position))
            if rng.random() < 0.5:
                cid = rng.choice(todays)
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
    monday = _week_start(today)
    for cid, client in enumerate(builder.clients, start=1):
        opens = client.hours.days[0][0].start
        builder.meetings.append(
            Meeting(
                cid,
                "Weekly check-in",
                datetime.combine(monday + timedelta(days=cid % 5), opens) + timedelta(hours=1),
                client.tz,
                every="weekly",
                until=today + timedelta(days=365),
            )
        )


def _month_paperwork(builder: _Builder, day: date, today: date) -> None:
    """On the 1st: a check-in and last month's invoice for every client."""
    rng = builder.rng
    period_end = day - timedelta(days=1)
    period_start = period_end.replace(day=1)
    settled = (today - day).days > 30
    for cid, client in enumerate(builder.clients, start=1):
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
    builder = _Builder(random.Random(seed), home, now)
    if scale == "sample":
        _sample(builder, today)
    else:
        _reference(builder, today, years)
    settings = Settings(home_tz=HOME_TZ, name="Alex Demo", currency="EUR")
    builder.write(store, settings)


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
