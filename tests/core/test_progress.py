"""Progress notes: the weekly summary and the end-of-day note, times in the client's zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from vaplanner.core.models import Billing, Client, Entry, Meeting, Request, Task
from vaplanner.core.progress import ProgressData, day_note, weekly_progress
from vaplanner.core.recur import Occurrence
from vaplanner.core.retainer import retainer_status

HOME = ZoneInfo("Europe/Ljubljana")
NY = ZoneInfo("America/New_York")
NOW = datetime(2026, 11, 28, 13, 32, tzinfo=UTC)

ACME = Client(
    "Acme",
    "America/New_York",
    id=1,
    billing=Billing(rate=Decimal(40), retainer_hours=Decimal(20), rounding_minutes=15),
)
TASKS = {
    1: Task(1, "Newsletter draft", id=1, tags=("writing",), status="done"),
    2: Task(1, "Logo tweak", id=2, out_of_scope=True),
    3: Task(
        1,
        "Social calendar",
        id=3,
        due=datetime(2026, 12, 3, 22, 0, tzinfo=UTC),
        due_tz="America/New_York",
    ),
    4: Task(1, "Logo feedback", id=4, status="waiting", notes="Which of the 3 drafts?\nmore"),
    5: Task(1, "Contractor edit", id=5, status="waiting", assignee="Ana"),
}


def at(d: int, h: int, m: int = 0) -> datetime:
    return datetime(2026, 11, d, h, m, tzinfo=HOME).astimezone(UTC)


ENTRIES = [
    Entry(1, at(23, 9), at(23, 10, 30), task_id=1, note="Drafted the newsletter"),
    Entry(1, at(24, 9), at(24, 9, 50), task_id=1, note="Edited the newsletter"),
    Entry(1, at(25, 14), at(25, 14, 45), task_id=2),
    Entry(1, at(26, 8), at(26, 8, 20), note="Inbox", billable=False),
]


def data(**kw: object) -> ProgressData:
    meeting = Meeting(1, "Weekly check-in", datetime(2026, 12, 1, 10, 0), "America/New_York")
    start = datetime(2026, 12, 1, 10, 0, tzinfo=NY).astimezone(UTC)
    fields: dict[str, object] = {
        "client": ACME,
        "entries": ENTRIES,
        "tasks": TASKS,
        "done": [TASKS[1]],
        "open_tasks": [TASKS[3], TASKS[4], TASKS[5], TASKS[2]],
        "meetings": [Occurrence(meeting, start, start + timedelta(minutes=30))],
        "requests": [
            Request(
                1, "Can you redo the website?", "email", at(24, 16), at(25, 16), out_of_scope=True
            )
        ],
        "retainer": retainer_status(ACME, ENTRIES, NOW, tz="Europe/Ljubljana"),
    }
    fields.update(kw)
    return ProgressData(**fields)  # type: ignore[arg-type]


def test_weekly_progress() -> None:
    text = weekly_progress(
        data(), start=date(2026, 11, 23), end=date(2026, 11, 29), now=NOW, signature="Maja"
    )
    assert text.startswith("## Weekly update: Acme, 23-29 Nov 2026\n")
    # 90 + 50 + 45 + 20 = 205 worked; billable rounded to 15: 90 + 60 + 45 = 195
    assert (
        "**Hours worked:** 3:25 h (3:15 h billable) · retainer 3:15 h of 20:00 h used this month"
        in text
    )
    assert "### Done\n- Newsletter draft\n" in text
    assert "**writing** (2:20 h)\n- Drafted the newsletter\n- Edited the newsletter\n" in text
    assert "**Other** (1:05 h)\n- Logo tweak\n- Inbox\n" in text
    assert "### Outside the agreed scope\n- Logo tweak (0:45 h)\n" in text
    # 16:00 in Ljubljana is 10:00 in New York
    assert "- Request received Tue 24 Nov 10:00: Can you redo the website?" in text
    assert "### Coming up (your time, America/New_York)" in text
    upcoming = text.split("### Coming up")[1]
    assert upcoming.index("Tue 1 Dec 10:00: Weekly check-in (meeting)") < upcoming.index(
        "Thu 3 Dec 17:00: Social calendar due"
    )
    assert "- Left: 16:45 h, resets on Tue 1 Dec" in text
    assert text.rstrip().endswith("Maja")


def test_weekly_progress_quiet_week_without_retainer() -> None:
    plain = Client("Koala", "Australia/Sydney", id=2)
    text = weekly_progress(
        data(
            client=plain,
            entries=[],
            done=[],
            open_tasks=[],
            meetings=[],
            requests=[],
            retainer=None,
        ),
        start=date(2026, 11, 30),
        end=date(2026, 12, 6),
        now=NOW,
    )
    assert "30 Nov - 6 Dec 2026" in text
    assert "- Nothing marked done this week." in text
    assert "- No time tracked this week." in text
    assert "Retainer" not in text and "retainer" not in text
    assert "Outside the agreed scope" not in text


def test_day_note() -> None:
    today = [e for e in ENTRIES if e.start >= at(24, 0) and e.start < at(25, 0)]
    text = day_note(data(entries=today), day=date(2026, 11, 24), now=NOW)
    assert text.startswith("## End of day: Acme, Tue 24 Nov 2026\n")
    assert "### Done today\n- Newsletter draft\n- Time today: 0:50 h\n" in text
    next_part = text.split("### Next (your time, America/New_York)")[1].split("###")[0]
    assert "- Social calendar (due Thu 3 Dec 17:00)" in next_part
    assert "Logo feedback" not in next_part and "Logo tweak" in next_part
    need = text.split("### What I need from you")[1]
    assert "- Logo feedback: Which of the 3 drafts?\n" in need
    assert "Contractor edit" not in need  # waiting on a subcontractor, not on the client


def test_day_note_lists_work_without_a_done_task() -> None:
    today = [ENTRIES[3]]
    text = day_note(data(entries=today, done=[], open_tasks=[]), day=date(2026, 11, 26), now=NOW)
    assert "- Worked on: Inbox" in text
    assert "- Nothing queued." in text and "- Nothing right now, thank you." in text
