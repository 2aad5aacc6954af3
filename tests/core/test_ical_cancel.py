"""Events that have gone since the last export are written once more as cancelled."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
import vobject
from icalendar import Calendar

from tests.conftest import FIXED_NOW
from vaplanner.core.ical import export_calendar
from vaplanner.core.ical_cancel import (
    CANCELLED,
    Stub,
    meeting_stub,
    pending,
    prune,
)
from vaplanner.core.models import Block, Client, Meeting, Task

HOME = "Europe/Ljubljana"
ACME = Client(name="Acme", tz="America/New_York", id=1)
KOALA = Client(name="Koala", tz="Australia/Sydney", id=2)
DUE = datetime(2026, 12, 4, 22, tzinfo=UTC)  # 4 Dec 17:00 in New York, 5 Dec in Sydney
TASK = Task(1, "Invoice, Q4", id=7, due=DUE)
BLOCK = Block(datetime(2026, 12, 2, 14, tzinfo=UTC), datetime(2026, 12, 2, 15, tzinfo=UTC),
              id=3, client_id=1, title="Newsletter")  # fmt: skip
SERIES = Meeting(2, "Weekly sync", datetime(2026, 12, 1, 9), "Australia/Sydney", id=5,
                 uid="meeting-5@vaplanner", every="weekly", sequence=2)  # fmt: skip


def export(**kwargs: Any) -> Any:
    options: dict[str, Any] = dict(clients=[ACME, KOALA], home_tz=HOME, now=FIXED_NOW)
    return export_calendar(version="0.1.0", **(options | kwargs))


def events(data: bytes) -> dict[str, Any]:
    return {str(e["UID"]): e for e in Calendar.from_ical(data).walk("VEVENT")}


def test_a_deadline_gone_since_the_last_export_is_written_cancelled() -> None:
    first = export(deadlines=[TASK], blocks=[BLOCK], meetings=[SERIES])
    assert set(first.stubs) == {"deadline-7@vaplanner", "block-3@vaplanner", "meeting-5@vaplanner"}
    stub = first.stubs["deadline-7@vaplanner"]
    assert (stub.start, stub.end, stub.client_id) == (date(2026, 12, 4), date(2026, 12, 5), 1)
    later = FIXED_NOW + timedelta(days=1)
    second = export(deadlines=[], previous=first.ledger, cancelled=[stub], now=later)
    assert (second.deadlines, second.cancelled) == (0, 1)
    cal = Calendar.from_ical(second.data)
    assert str(cal["METHOD"]) == "PUBLISH"
    (event,) = cal.walk("VEVENT")
    assert str(event["UID"]) == "deadline-7@vaplanner"
    assert str(event["STATUS"]) == "CANCELLED"
    assert event["SEQUENCE"] == first.ledger["deadline-7@vaplanner"][1] + 1 == 1
    assert event["DTSTART"].dt == date(2026, 12, 4) and event["DTEND"].dt == date(2026, 12, 5)
    assert str(event["SUMMARY"]) == "Acme · Due: Invoice, Q4"
    assert event["DTSTAMP"].dt == later
    assert b"DTSTART;VALUE=DATE:20261204\r\n" in second.data
    # vobject reads it the same
    parsed = vobject.readOne(second.data.decode()).vevent
    assert parsed.status.value == "CANCELLED" and parsed.summary.value == "Acme · Due: Invoice, Q4"
    # written again later: the same SEQUENCE (nothing changed), still cancelled
    third = export(previous=second.ledger, cancelled=[stub])
    assert events(third.data)["deadline-7@vaplanner"]["SEQUENCE"] == 1
    assert third.ledger["deadline-7@vaplanner"] == (CANCELLED, 1)


def test_a_deleted_series_is_cancelled_in_utc_without_its_rule() -> None:
    first = export(meetings=[SERIES])
    stub = first.stubs["meeting-5@vaplanner"]
    assert stub.last is None  # open series
    second = export(previous=first.ledger, cancelled=[stub])
    assert b"BEGIN:VTIMEZONE" not in second.data and b"RRULE" not in second.data
    (event,) = Calendar.from_ical(second.data).walk("VEVENT")
    sydney_9am = datetime(2026, 11, 30, 22, tzinfo=UTC)  # 09:00 AEDT (UTC+11)
    assert event["DTSTART"].dt == sydney_9am
    assert event["DTEND"].dt == sydney_9am + timedelta(minutes=30)
    assert event["SEQUENCE"] == 3  # above the series' own 2
    assert str(event["STATUS"]) == "CANCELLED"
    vobject.readOne(second.data.decode())


def test_an_event_written_again_is_not_cancelled() -> None:
    first = export(deadlines=[TASK])
    stub = first.stubs["deadline-7@vaplanner"]
    again = export(deadlines=[TASK], previous=first.ledger, cancelled=[stub])
    assert again.cancelled == 0 and b"CANCELLED" not in again.data
    # and one that comes back after a cancellation gets a higher SEQUENCE than it
    gone = export(previous=first.ledger, cancelled=[stub])
    back = export(deadlines=[TASK], previous=gone.ledger)
    assert events(back.data)["deadline-7@vaplanner"]["SEQUENCE"] == 2
    assert "STATUS" not in events(back.data)["deadline-7@vaplanner"]


def test_a_done_task_is_never_written_live() -> None:
    done = export(deadlines=[Task(1, "x", id=8, due=DUE, status="done")])
    assert done.deadlines == 0 and done.stubs == {}


START = datetime(2026, 11, 28, tzinfo=UTC)


def stub(uid: str, kind: Any, first: datetime, last: datetime | None, client: int = 1) -> Stub:
    return Stub(uid, kind, "x", first, last or first, first, last, client)


@pytest.mark.parametrize(
    ("made", "ledger", "options", "chosen"),
    [
        # never cancelled yet: considered whatever its dates
        (stub("a", "deadline", START - timedelta(days=30), START - timedelta(days=30)),
         {"a": ("f", 0)}, {}, True),
        # cancelled before: only while its dates meet the range
        (stub("a", "deadline", START - timedelta(days=30), START - timedelta(days=30)),
         {"a": (CANCELLED, 1)}, {}, False),
        (stub("a", "block", START + timedelta(days=3), START + timedelta(days=3, hours=1)),
         {"a": (CANCELLED, 1)}, {}, True),
        (stub("a", "meeting", START - timedelta(days=300), None), {"a": (CANCELLED, 1)}, {}, True),
        (stub("a", "block", START + timedelta(days=3), START + timedelta(days=3, hours=1)),
         {"a": (CANCELLED, 1)}, {"end": START + timedelta(days=2)}, False),
        # kinds the export leaves out, and other clients, wait for an export that has them
        (stub("a", "block", START, START), {}, {"kinds": ["meeting", "deadline"]}, False),
        (stub("a", "deadline", START, START, client=2), {}, {"client_id": 1}, False),
        (stub("a", "deadline", START, START, client=2), {}, {"client_id": None}, True),
    ],
)  # fmt: skip
def test_which_stubs_an_export_considers(
    made: Stub, ledger: dict[str, tuple[str, int]], options: dict[str, Any], chosen: bool
) -> None:
    given: dict[str, Any] = dict(
        kinds=["meeting", "block", "deadline"], client_id=None, start=START, end=None
    )
    found = pending([made], ledger=ledger, **(given | options))
    assert found == ([made] if chosen else [])


def test_stubs_round_trip_through_json_and_old_ones_are_pruned() -> None:
    first = export(deadlines=[TASK], blocks=[BLOCK], meetings=[SERIES])
    for uid, made in first.stubs.items():
        assert Stub.from_json(uid, made.to_json()) == made
    ended = meeting_stub(
        Meeting(1, "Old", datetime(2026, 6, 1, 9), "Europe/London", until=date(2026, 8, 1),
                every="weekly"), "m", "Old"
    )  # fmt: skip
    assert ended.last is not None
    kept = prune({**first.stubs, "m": ended}, FIXED_NOW)
    assert set(kept) == set(first.stubs)  # ended more than 90 days ago
    for bad in ({"kind": "task"}, {**first.stubs["block-3@vaplanner"].to_json(), "first": 5}):
        with pytest.raises((KeyError, ValueError, TypeError)):
            Stub.from_json("x", bad)
