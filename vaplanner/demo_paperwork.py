"""The sample's paperwork: replies promised to clients, check-ins and invoices.

Laid out after the sample's days (:mod:`vaplanner.demo_sample`), since invoices mark the
tracked entries they bill.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from vaplanner.core.hours import add_business_minutes
from vaplanner.core.models import Checkin, Entry, Invoice, InvoiceLine, Request, WeekHours
from vaplanner.core.times import resolve_wall
from vaplanner.demo_data import HISTORY_DAYS, HOME_TZ, month_name

if TYPE_CHECKING:
    from vaplanner.demo_sample import Sample


def add_promises(sample: Sample) -> None:
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
        ask(
            1,
            f"Confirm the webinar date in {month_name(sample.today, 1)}",
            "slack",
            0,
            time(11, 20),
        ),
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


def add_invoices(sample: Sample) -> None:
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
