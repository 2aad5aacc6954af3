"""The words and numbers of the demo data sets (:mod:`vaplanner.demo`): clients, their work,
the VA's usual week. Plain tables, so the look of the sample can be changed without touching
the code that lays it out.

The first five clients are the sample set; each has a queue of distinct, plausible tasks for
its business, the kinds of work a week of its history holds, and a weekday pattern of blocks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from vaplanner.core.models import (
    Billing,
    Client,
    Contact,
    Recurrence,
    TaskStatus,
    TimeRange,
    WeekHours,
)

HOME_TZ = "Europe/Ljubljana"  # the VA's home zone in every demo set
HISTORY_DAYS = 30  # how far back the sample's tracked time reaches


def month_name(day: date, ahead: int = 0) -> str:
    """The English name of the month ``ahead`` months after ``day``'s."""
    index = day.month - 1 + ahead
    return date(day.year + index // 12, index % 12 + 1, 1).strftime("%B")


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


@dataclass(frozen=True, slots=True)
class ClientDetails:
    """What a real client record holds beyond the table: people, scope, notes."""

    contacts: tuple[Contact, ...]
    services: tuple[str, ...]
    notes: str
    reply_within_minutes: int = 8 * 60


_VAULT = "Logins live in the password manager, never here."

#: The five sample clients in full (the first five rows of the table).
DETAILS: dict[str, ClientDetails] = {
    "Acme": ClientDetails(
        (
            Contact("Dana Whitfield", "dana@acme.example", "founder"),
            Contact("Luis Ortega", "luis@acme.example", "account manager"),
        ),
        ("newsletter", "social media", "invoicing", "calendar"),
        "Creative agency in Brooklyn. Dana wants bullet points and one email a day; "
        f"Slack for quick questions. {_VAULT}",
    ),
    "Koala Digital": ClientDetails(
        (
            Contact("Mia Nguyen", "mia@koaladigital.example", "owner"),
            Contact("Josh Carter", "josh@koaladigital.example", "podcast producer"),
        ),
        ("inbox", "CRM", "podcast show notes", "client onboarding"),
        "Sydney marketing studio on a 20-hour monthly retainer. Their day ends before yours "
        f"starts: leave hand-over notes in the shared Notion page. {_VAULT}",
        reply_within_minutes=4 * 60,
    ),
    "Brightside": ClientDetails(
        (
            Contact("Tom Ellery", "tom@brightside.example", "chief executive"),
            Contact("Priya Shah", "priya@brightside.example", "office manager"),
        ),
        ("travel", "board packs", "diary", "bookkeeping"),
        "London charity; trustees meet monthly. Tom prefers WhatsApp for anything urgent, "
        f"Priya approves spending over GBP 500. {_VAULT}",
    ),
    "Čebelica": ClientDetails(
        (
            Contact("Maja Kovač", "maja@cebelica.example", "lastnica"),
            Contact("Žiga Šuštar", "ziga@cebelica.example", "trženje"),
        ),
        ("družbena omrežja", "e-pošta", "spletna trgovina"),
        "Družinsko čebelarstvo iz Kamnika: med, propolis in sveče iz čebeljega voska. "
        f"Maja raje piše na Viber; računi v evrih. {_VAULT}",
    ),
    "Himal Treks": ClientDetails(
        (
            Contact("Pemba Sherpa", "pemba@himaltreks.example", "owner"),
            Contact("Anisha Gurung", "anisha@himaltreks.example", "bookings"),
        ),
        ("bookings", "itineraries", "reviews", "website"),
        "Trekking agency in Thamel, Kathmandu; works Sunday to Friday. Busy seasons are "
        f"March-May and October-November. {_VAULT}",
    ),
}


def _days(text: str) -> set[int]:
    """``"0-4,6"`` -> ``{0, 1, 2, 3, 4, 6}`` (Monday = 0)."""
    days: set[int] = set()
    for part in text.split(","):
        first, _, last = part.partition("-")
        days.update(range(int(first), int(last or first) + 1))
    return days


def client_rows(count: int, created: datetime) -> list[Client]:
    """The first ``count`` clients of the table, ids 1..count; the first nine get hotkeys."""
    clients: list[Client] = []
    for index, line in enumerate(_CLIENT_TABLE.strip().splitlines()[:count]):
        name, tz, color, hours, days, rate, quick, status, retainer, contact = (
            cell.strip() for cell in line.split("|")
        )
        opens, closes = (time.fromisoformat(t) for t in hours.split("-"))
        on = _days(days)
        amount, currency = rate.split()
        retainer_hours, _, retainer_fee = retainer.partition("/")
        domain = "".join(c for c in name.lower() if c.isascii() and c.isalnum())
        first = contact.split()[0].lower() if contact else "hello"
        details = DETAILS.get(name) or ClientDetails(
            (Contact(contact or "Office", f"{first}@{domain}.example", "owner"),),
            ("inbox", "calendar", "social media"),
            _VAULT,
        )
        clients.append(
            Client(
                name=name,
                tz=tz,
                id=index + 1,
                key=str(index + 1) if index < 9 else None,
                color=color,
                hours=WeekHours(
                    days=tuple((TimeRange(opens, closes),) if d in on else () for d in range(7))
                ),
                status=status,  # type: ignore[arg-type]  # the table holds valid statuses
                channels=(("formal", "email"), ("quick", quick), ("meetings", "zoom")),
                reply_within_minutes=details.reply_within_minutes,
                contacts=details.contacts,
                services=details.services,
                notes=details.notes,
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


# --- the sample's open queues ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OpenTask:
    """One open task of a sample client.

    ``due`` is ``(business days from the client's today, "noon" | "close")``: noon or the end
    of the client's business day, on the client's own calendar (negative: overdue). Titles
    may name months: ``{month}`` (this one), ``{next}``, ``{nx}`` (next, short), ``{after}``,
    ``{mesec}`` (Slovenian, this one), ``{year}`` (next year).
    """

    title: str
    status: TaskStatus
    estimate: int | None
    due: tuple[int, str] | None
    tags: tuple[str, ...] = ()
    urgent: bool = False
    important: bool = False
    checklist: tuple[tuple[str, bool], ...] = ()
    notes: str = ""
    assignee: str | None = None
    every: Recurrence | None = None
    out_of_scope: bool = False


_ACME = (
    OpenTask(
        "Newsletter draft",
        "todo",
        90,
        (1, "noon"),
        ("writing", "email"),
        urgent=True,
        important=True,
        checklist=(("Outline", True), ("Draft", False), ("Dana's review", False)),
        notes="The {next} issue: the webinar, two case studies and a client spotlight.",
    ),
    OpenTask("Social calendar: {nx}", "doing", 120, (3, "close"), ("social",), important=True),
    OpenTask(
        "Landing page copy",
        "review",
        60,
        (0, "close"),
        ("writing",),
        important=True,
        notes="Webinar landing page; Dana's comments are in the Google Doc.",
    ),
    OpenTask("{month} invoice", "todo", 30, (4, "close"), ("finance",)),
    OpenTask(
        "Webinar guest list",
        "waiting",
        30,
        (-1, "close"),
        ("email",),
        urgent=True,
        notes="Waiting for Luis to send the final list.",
    ),
    OpenTask(
        "Book Q1 podcast guests",
        "todo",
        45,
        (6, "close"),
        ("research", "email"),
        assignee="Sam (subcontractor)",
    ),
    OpenTask("Expense report", "todo", 30, (7, "noon"), ("finance",), every="monthly"),
)
_KOALA = (
    OpenTask(
        "Inbox zero",
        "todo",
        45,
        (0, "close"),
        ("email",),
        urgent=True,
        important=True,
        every="daily",
    ),
    OpenTask(
        "CRM cleanup",
        "doing",
        120,
        (2, "close"),
        ("admin",),
        important=True,
        checklist=(
            ("Merge duplicate contacts", True),
            ("Tag cold leads", False),
            ("Archive bounced emails", False),
        ),
    ),
    OpenTask("Podcast show notes #48", "todo", 60, (1, "noon"), ("writing",), important=True),
    OpenTask("Client welcome emails", "review", 45, (1, "close"), ("email",)),
    OpenTask(
        "Sponsor shortlist",
        "waiting",
        60,
        (5, "close"),
        ("research",),
        notes="Mia approves the shortlist before any outreach.",
    ),
    OpenTask("Retainer hours report", "todo", 20, (6, "close"), ("admin",), every="monthly"),
    OpenTask(
        "Website redesign brief",
        "todo",
        None,
        None,
        out_of_scope=True,
        notes="Asked on Slack; outside the retainer, so quote it separately.",
    ),
)
_BRIGHTSIDE = (
    OpenTask(
        "Supplier invoices",
        "todo",
        45,
        (-1, "close"),
        ("finance",),
        urgent=True,
        notes="Enter them in Xero; Priya approves anything over GBP 500.",
    ),
    OpenTask(
        "Travel booking: Lisbon",
        "todo",
        45,
        (1, "noon"),
        ("travel",),
        urgent=True,
        important=True,
        checklist=(("Flights", False), ("Hotel near the venue", False), ("Transfers", False)),
    ),
    OpenTask(
        "Board pack: {next}", "doing", 180, (3, "close"), ("writing", "admin"), important=True
    ),
    OpenTask("Minutes: trustees call", "review", 30, (0, "close"), ("writing",)),
    OpenTask("Diary: {after}", "todo", 45, (5, "close"), ("calendar",)),
    OpenTask(
        "Gala venue quotes",
        "waiting",
        30,
        (4, "close"),
        ("research",),
        notes="Spring gala: two of the three venues have replied.",
    ),
)
_CEBELICA = (
    OpenTask(
        "Odgovori strankam",
        "doing",
        45,
        (0, "close"),
        ("email",),
        urgent=True,
        every="daily",
    ),
    OpenTask(
        "Objave za družbena omrežja",
        "todo",
        90,
        (2, "noon"),
        ("social",),
        important=True,
        checklist=(("Fotografije satja", True), ("Besedila", False), ("Urnik objav", False)),
    ),
    OpenTask(
        "Prevod novice",
        "review",
        45,
        (1, "noon"),
        ("writing",),
        notes="Mesečna novica za spletno trgovino, v angleščino.",
    ),
    OpenTask("Ponudba za sejem v Celju", "todo", 60, (4, "close"), ("admin",)),
    OpenTask(
        "Naročilo kozarčkov",
        "waiting",
        15,
        None,
        ("admin",),
        notes="Kozarčki za med (370 ml); dobavitelj potrdi dobavo do petka.",
    ),
    OpenTask("Obračun DDV za {mesec}", "todo", 60, (6, "noon"), ("finance",), important=True),
)
_HIMAL = (
    OpenTask(
        "Bookings to confirm",
        "todo",
        60,
        (1, "noon"),
        ("email",),
        urgent=True,
        important=True,
    ),
    OpenTask("Trek itineraries {year}", "doing", 120, (3, "close"), ("writing",), important=True),
    OpenTask(
        "TIMS permits: {nx}",
        "waiting",
        30,
        (2, "close"),
        ("admin",),
        urgent=True,
        notes="Waiting for passport scans from two trekkers.",
    ),
    OpenTask("TripAdvisor replies", "todo", 30, (1, "close"), ("social",)),
    OpenTask("Guide rota: {after}", "review", 45, (1, "noon"), ("admin",)),
    OpenTask("Website prices {year}", "todo", 60, (7, "close"), ("writing",)),
)

#: Open tasks per sample client id, in queue order.
OPEN_TASKS: dict[int, tuple[OpenTask, ...]] = {
    1: _ACME,
    2: _KOALA,
    3: _BRIGHTSIDE,
    4: _CEBELICA,
    5: _HIMAL,
}

#: Work that fills a past week, per client: (title, estimate, tags). ``{d}`` is a day of that
#: week ("12 Nov"), ``{w}`` its ISO week number, ``{n}`` a podcast episode, ``{trek}`` a route.
WEEKLY_WORK: dict[int, tuple[tuple[str, int, tuple[str, ...]], ...]] = {
    1: (
        ("Newsletter: {d} issue", 90, ("writing", "email")),
        ("Social posts, week {w}", 60, ("social",)),
        ("Inbox and calendar, week {w}", 60, ("email",)),
    ),
    2: (
        ("Inbox zero, week {w}", 90, ("email",)),
        ("Podcast show notes: ep. {n}", 60, ("writing",)),
        ("CRM updates, week {w}", 45, ("admin",)),
    ),
    3: (
        ("Travel bookings, week {w}", 60, ("travel",)),
        ("Minutes: team call {d}", 30, ("writing",)),
        ("Diary and inbox, week {w}", 60, ("calendar", "email")),
    ),
    4: (
        ("Objave, teden {w}", 60, ("social",)),
        ("E-pošta strankam, teden {w}", 45, ("email",)),
        ("Naročila iz spletne trgovine, {d}", 45, ()),
    ),
    5: (
        ("Booking confirmations, week {w}", 60, ("email",)),
        ("Itinerary: {trek}", 90, ("writing",)),
        ("Review replies, week {w}", 30, ("social",)),
    ),
}
TREKS = ("Annapurna Circuit", "Langtang Valley", "Manaslu Circuit", "Mardi Himal", "Upper Mustang")

#: The VA's usual weekdays (home time, Monday first): client id and minutes in the order the
#: VA wants them; ``None`` is the VA's own admin (its title beside it). Meetings and lunch are
#: fixed; the layout keeps each client inside its business hours where it can.
WEEK_PLAN: tuple[tuple[tuple[int | None, int, str], ...], ...] = (
    ((None, 30, "Inbox triage"), (2, 60, ""), (5, 60, ""), (4, 60, ""), (3, 90, ""), (1, 75, "")),
    (
        (None, 30, "Inbox triage"),
        (5, 45, ""),
        (2, 45, ""),
        (4, 90, ""),
        (3, 60, ""),
        (1, 60, ""),
        (3, 30, ""),
    ),
    ((None, 30, "Inbox triage"), (2, 60, ""), (5, 60, ""), (4, 60, ""), (3, 90, ""), (1, 75, "")),
    ((None, 30, "Inbox triage"), (5, 45, ""), (4, 60, ""), (2, 45, ""), (3, 60, ""), (1, 90, "")),
    (
        (None, 30, "Inbox triage"),
        (4, 60, ""),
        (5, 60, ""),
        (2, 45, ""),
        (3, 60, ""),
        (None, 45, "Weekly review and invoices"),
        (1, 60, ""),
    ),
)

#: A weekend day of the sample (Saturday, Sunday), planned only on the weekend the sample is
#: made on: the VA's own short blocks (home time), never client time, so the day reads as a
#: day off. Sunday is a working day in Kathmandu and Sydney's Monday begins on the VA's Sunday
#: evening, hence the inbox look and the evening's notes for Koala.
WEEKEND_PLAN: dict[int, tuple[tuple[time, int, str], ...]] = {
    5: ((time(10), 30, "Weekend inbox check"), (time(11), 60, "Own admin: receipts, tax folder")),
    6: (
        (time(10), 30, "Weekend inbox check"),
        (time(18, 30), 45, "Plan the week; notes for Koala's Monday"),
    ),
}
#: Who the weekend's inbox check was for (and what it was), when it is over by ``now``.
WEEKEND_CHECK: dict[int, tuple[int, str]] = {
    5: (3, "weekend check: one urgent message"),  # Tom writes on WhatsApp when it is urgent
    6: (5, "weekend check: Sunday bookings"),  # Himal Treks works on Sundays
}

#: What an entry's note says, by the first tag of its task (Slovenian for Čebelica).
NOTES_EN: dict[str, tuple[str, ...]] = {
    "writing": ("first draft", "edits after the client's comments", "proofread, sent for review"),
    "email": ("cleared the inbox", "drafted replies", "sent the follow-ups"),
    "social": ("scheduled the posts", "wrote captions", "answered comments"),
    "admin": ("updated the records", "tidied the shared drive", "hand-over notes in Notion"),
    "finance": ("matched receipts", "entered the bills", "checked payments"),
    "travel": ("compared fares", "held two options", "booked, sent the itinerary"),
    "calendar": ("moved two meetings", "sent the invites", "blocked travel time"),
    "research": ("shortlisted options", "compared quotes"),
}
NOTES_SL: dict[str, tuple[str, ...]] = {
    "writing": ("prvi osnutek", "popravki po Majinih pripombah"),
    "email": ("odgovori na vprašanja o dostavi", "počistila nabiralnik"),
    "social": ("pripravila besedila", "naložila fotografije satja"),
    "admin": ("posodobila preglednico", "poklicala dobavitelja"),
    "finance": ("uskladila račune", "pripravila izpis za računovodstvo"),
}
#: Short unplanned work between blocks: (note, tags).
QUICK_WORK: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("quick reply", ("email",)),
    ("call back", ("calls",)),
    ("calendar change", ("calendar", "email")),
    ("urgent question on chat", ()),
    ("forwarded a receipt", ("finance", "admin")),
)

MONTHS_SL = (
    "januar",
    "februar",
    "marec",
    "april",
    "maj",
    "junij",
    "julij",
    "avgust",
    "september",
    "oktober",
    "november",
    "december",
)

#: Everyday VA work for the reference set's queues (a day label is added to each title).
REFERENCE_TITLES = (
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
