"""Exports read back by two independent parsers (icalendar and vobject).

Every expected instant is computed here with ``zoneinfo`` (``wall.replace(tzinfo=zone)``,
which follows RFC 5545 for gaps and folds with ``fold=0``), never by the code under test.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from itertools import islice
from zoneinfo import ZoneInfo

import pytest
import vobject
from dateutil.rrule import rrulestr
from icalendar import Calendar

from tests.conftest import FIXED_NOW
from vaplanner.core.ical import ExportResult, export_calendar, meetings_in_range
from vaplanner.core.ical_write import escape_text, fold
from vaplanner.core.models import Block, Client, Meeting, Task
from vaplanner.core.recur import occurrences

ACME = Client(name="Acme, Inc.", tz="America/New_York", id=1)
CEBELICA = Client(name="Čebelica", tz="Europe/Ljubljana", id=2)
KOALA = Client(name="Koala", tz="Australia/Sydney", id=3)
CLIENTS = [ACME, CEBELICA, KOALA]


def meeting(
    title: str = "Sync",
    start: datetime = datetime(2026, 12, 1, 9, 0),
    tz: str = "America/New_York",
    mid: int = 1,
    **fields: object,
) -> Meeting:
    return Meeting(
        client_id=fields.pop("client_id", 1),  # type: ignore[arg-type]
        title=title,
        start_local=start,
        tz=tz,
        id=mid,
        uid=f"meeting-{mid}@vaplanner",
        **fields,  # type: ignore[arg-type]
    )


def export(*meetings: Meeting, **kwargs: object) -> ExportResult:
    options: dict[str, object] = {
        "clients": CLIENTS,
        "home_tz": "Europe/Ljubljana",
        "now": FIXED_NOW,
        "version": "0.1.0",
    }
    options.update(kwargs)
    return export_calendar(meetings=list(meetings), **options)  # type: ignore[arg-type]


def expected(wall: datetime, tz: str) -> datetime:
    return wall.replace(tzinfo=ZoneInfo(tz)).astimezone(UTC)


def vevents_vobject(data: bytes) -> dict[str, object]:
    cal = vobject.readOne(data.decode("utf-8"))
    return {ev.uid.value: ev for ev in cal.vevent_list}


def vevents_icalendar(data: bytes) -> dict[str, object]:
    cal = Calendar.from_ical(data)
    return {str(ev["UID"]): ev for ev in cal.walk("VEVENT")}


def physical_lines(data: bytes) -> list[bytes]:
    assert data.endswith(b"\r\n")
    return data[:-2].split(b"\r\n")


# ---------------------------------------------------------------------------- the envelope


def test_calendar_envelope_is_what_every_importer_needs() -> None:
    data = export(meeting()).data
    lines = physical_lines(data)
    assert b"\n" not in data.replace(b"\r\n", b""), "bare LF"
    assert not data.startswith(b"\xef\xbb\xbf"), "no BOM"
    assert lines[0] == b"BEGIN:VCALENDAR" and lines[-1] == b"END:VCALENDAR"
    assert lines.count(b"BEGIN:VCALENDAR") == 1
    assert lines.count(b"VERSION:2.0") == 1
    assert lines.count(b"PRODID:-//vaplanner//vaplanner 0.1.0//EN") == 1
    assert b"METHOD:PUBLISH" in lines and b"METHOD:REQUEST" not in lines
    assert b"X-WR-CALNAME:vaplanner" in lines


def test_every_event_has_uid_dtstamp_utc_and_sequence() -> None:
    block = Block(
        start=datetime(2026, 12, 2, 8, tzinfo=UTC), end=datetime(2026, 12, 2, 9, tzinfo=UTC), id=7
    )
    task = Task(client_id=1, title="Invoice", id=4, due=datetime(2026, 12, 3, 22, tzinfo=UTC))
    data = export(meeting(), blocks=[block], deadlines=[task]).data
    for uid, event in vevents_icalendar(data).items():
        assert event["DTSTAMP"].dt == FIXED_NOW, uid  # type: ignore[index]
        assert event.get("SEQUENCE") is not None, uid  # type: ignore[attr-defined]
    assert re.findall(rb"DTSTAMP:(\S+)", data) == [b"20261128T133200Z"] * 3
    assert set(vevents_vobject(data)) == {
        "meeting-1@vaplanner",
        "block-7@vaplanner",
        "deadline-4@vaplanner",
    }


# ---------------------------------------------------------------- folding, escaping, UTF-8

TITLES = [
    "Čebelica: pregled, načrt; Q2",
    "Kickoff: Acme, Inc.; Q2 plan",
    "Back\\slash and a\nline break",
    "čšž ČŠŽ đ " * 12,  # long: folded many times, between multi-byte characters
    "Emoji 🐝 and quotes \"x\" 'y' " * 4,
]


@pytest.mark.parametrize("title", TITLES)
def test_text_survives_folding_and_escaping_in_both_parsers(title: str) -> None:
    notes = f"Agenda for {title}\n- item, one; two\n- item \\ three"
    data = export(meeting(title=title, notes=notes, location="Room 4, floor 2; east")).data
    for line in physical_lines(data):
        assert len(line) <= 75, line
        line.decode("utf-8")  # a line split inside a character would not decode
    ical = vevents_icalendar(data)["meeting-1@vaplanner"]
    vob = vevents_vobject(data)["meeting-1@vaplanner"]
    assert str(ical["SUMMARY"]) == title == vob.summary.value  # type: ignore[index, attr-defined]
    assert str(ical["DESCRIPTION"]) == notes == vob.description.value  # type: ignore[index, attr-defined]
    assert vob.location.value == "Room 4, floor 2; east"  # type: ignore[attr-defined]


def test_commas_and_semicolons_are_escaped_on_the_wire() -> None:
    data = export(meeting(title="Kickoff: Acme, Inc.; Q2 plan")).data
    assert b"SUMMARY:Kickoff: Acme\\, Inc.\\; Q2 plan" in data
    assert b"CATEGORIES:Acme\\, Inc." in data


# ------------------------------------------------------------------------- instants in UTC

CASES = [
    ("America/New_York", datetime(2026, 1, 13, 9, 0)),
    ("America/New_York", datetime(2026, 7, 14, 9, 0)),
    ("Europe/London", datetime(2026, 3, 30, 8, 30)),
    ("Europe/London", datetime(2026, 12, 1, 8, 30)),
    ("Europe/Ljubljana", datetime(2026, 10, 26, 10, 0)),
    ("Australia/Sydney", datetime(2026, 1, 5, 8, 0)),
    ("Australia/Sydney", datetime(2026, 6, 5, 8, 0)),
    ("Asia/Kolkata", datetime(2026, 4, 1, 18, 30)),
    ("Asia/Kathmandu", datetime(2026, 4, 1, 18, 45)),
    ("Pacific/Auckland", datetime(2026, 4, 5, 12, 0)),
    ("Pacific/Auckland", datetime(2026, 9, 27, 12, 0)),
    ("America/St_Johns", datetime(2026, 3, 8, 12, 0)),
    ("America/St_Johns", datetime(2026, 11, 1, 12, 0)),
    ("UTC", datetime(2026, 5, 5, 5, 5)),
]


@pytest.mark.parametrize(("tz", "wall"), CASES)
def test_start_and_end_are_the_right_instants_in_both_parsers(tz: str, wall: datetime) -> None:
    data = export(meeting(start=wall, tz=tz, duration_minutes=90)).data
    start, end = expected(wall, tz), expected(wall, tz) + timedelta(minutes=90)
    ical = vevents_icalendar(data)["meeting-1@vaplanner"]
    vob = vevents_vobject(data)["meeting-1@vaplanner"]
    assert ical["DTSTART"].dt.astimezone(UTC) == start  # type: ignore[index]
    assert ical["DTEND"].dt.astimezone(UTC) == end  # type: ignore[index]
    assert vob.dtstart.value.astimezone(UTC) == start  # type: ignore[attr-defined]
    assert vob.dtend.value.astimezone(UTC) == end  # type: ignore[attr-defined]
    if tz == "UTC":
        assert b"DTSTART:20260505T050500Z" in data and b"VTIMEZONE" not in data
    else:
        assert f"DTSTART;TZID={tz}:".encode() in data


def test_vtimezone_for_every_tzid_and_narrow() -> None:
    data = export(
        meeting(tz="America/New_York"),
        meeting(tz="Australia/Sydney", mid=2, every="weekly"),
        meeting(tz="America/New_York", mid=3, start=datetime(2027, 2, 1, 9, 0)),
    ).data
    cal = Calendar.from_ical(data)
    tzids = [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")]
    used = set(re.findall(rb"TZID=([^:;]+)", data))
    assert (
        sorted(tzids)
        == sorted(u.decode() for u in used)
        == ["America/New_York", "Australia/Sydney"]
    )
    # compact: one STANDARD and one DAYLIGHT rule each, dated from when tzdata's current
    # rule began, not a 1970-2038 table of RDATEs
    assert b"RDATE" not in data
    for vtz in cal.walk("VTIMEZONE"):
        assert len(vtz.subcomponents) == 2
        assert all("RRULE" in sub for sub in vtz.subcomponents)
    onsets = sorted(str(sub["DTSTART"].dt) for sub in cal.walk("VTIMEZONE")[0].subcomponents)
    assert onsets == ["2007-03-11 02:00:00", "2007-11-04 02:00:00"]  # US rule since 2007


# ------------------------------------------------------------------------ recurrence + DST


def _vobject_starts(data: bytes, uid: str, limit: int = 60) -> list[datetime]:
    """The first ``limit`` starts of a series as vobject expands it (its own VTIMEZONE)."""
    event = vevents_vobject(data)[uid]
    found = islice(event.getrruleset(addRDate=True), limit)  # type: ignore[attr-defined]
    return [d.astimezone(UTC) for d in found]


def test_weekly_new_york_meeting_keeps_its_wall_time_through_both_dst_changes() -> None:
    # 24 Feb - 14 Apr 2026: the US changes on 8 Mar, the EU on 29 Mar.
    weekly = meeting(start=datetime(2026, 2, 24, 9, 0), every="weekly", until=date(2026, 4, 14))
    data = export(weekly).data
    walls = [datetime(2026, 2, 24, 9, 0) + timedelta(weeks=n) for n in range(8)]
    want = [expected(w, "America/New_York") for w in walls]
    assert _vobject_starts(data, "meeting-1@vaplanner") == want
    ljubljana = [t.astimezone(ZoneInfo("Europe/Ljubljana")).hour for t in want]
    assert ljubljana == [15, 15, 14, 14, 14, 15, 15, 15]
    # the same series through icalendar's own VTIMEZONE reading (not zoneinfo)
    cal = Calendar.from_ical(data)
    (vtz,) = cal.walk("VTIMEZONE")
    tz = vtz.to_tz()
    assert [w.replace(tzinfo=tz).astimezone(UTC) for w in walls] == want
    assert re.search(rb"RRULE:FREQ=WEEKLY;UNTIL=20260415T035959Z", data)


@pytest.mark.parametrize(
    ("tz", "start", "every", "until"),
    [
        ("America/New_York", datetime(2026, 1, 6, 9, 0), "weekly", date(2026, 12, 29)),
        ("Australia/Sydney", datetime(2026, 3, 2, 8, 0), "biweekly", date(2026, 11, 30)),
        ("Europe/London", datetime(2026, 1, 31, 17, 0), "monthly", date(2027, 1, 31)),
        ("America/St_Johns", datetime(2026, 2, 28, 23, 30), "weekly", date(2026, 11, 30)),
        ("Pacific/Auckland", datetime(2026, 1, 1, 0, 30), "monthly", None),
    ],
)
def test_series_expand_to_the_same_instants_as_the_planner(
    tz: str, start: datetime, every: str, until: date | None
) -> None:
    series = meeting(start=start, tz=tz, every=every, until=until)
    data = export(series).data
    got = _vobject_starts(data, "meeting-1@vaplanner")
    window = (expected(start, tz), expected(start, tz) + timedelta(days=366))
    planned = [occ.start for occ in occurrences(series, *window)]
    assert got[: len(planned)] == planned
    for instant in got[:30]:  # and each is the wall time in its own zone
        local = instant.astimezone(ZoneInfo(tz))
        assert (local.hour, local.minute) == (start.hour, start.minute)


def test_exdates_are_left_out_and_until_is_inclusive() -> None:
    skip = (datetime(2026, 12, 8, 9, 0), datetime(2026, 12, 22, 9, 0))
    series = meeting(every="weekly", until=date(2026, 12, 29), exdates=skip)
    got = _vobject_starts(export(series).data, "meeting-1@vaplanner")
    days = [t.astimezone(ZoneInfo("America/New_York")).date() for t in got]
    assert days == [date(2026, 12, 1), date(2026, 12, 15), date(2026, 12, 29)]


def test_biweekly_and_monthly_rules_are_written_as_rrules() -> None:
    data = export(
        meeting(every="biweekly"),
        meeting(mid=2, every="monthly", start=datetime(2026, 12, 31, 10, 0)),
    ).data
    assert b"RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU" in data
    assert b"RRULE:FREQ=MONTHLY;BYMONTHDAY=31" in data


# ----------------------------------------------------------------------------- gap / fold


def test_a_one_off_in_the_spring_gap_is_written_in_utc() -> None:
    wall = datetime(2026, 3, 8, 2, 30)  # does not exist in New York
    data = export(meeting(start=wall, duration_minutes=60)).data
    assert b"DTSTART:20260308T073000Z" in data  # 02:30 EST, the offset before the jump
    assert b"TZID=America/New_York:20260308T0230" not in data
    vob = vevents_vobject(data)["meeting-1@vaplanner"]
    assert vob.dtstart.value.astimezone(UTC) == expected(wall, "America/New_York")  # type: ignore[attr-defined]


def test_a_one_off_in_the_autumn_fold_is_written_in_utc() -> None:
    wall = datetime(2026, 11, 1, 1, 30)  # happens twice in New York
    data = export(meeting(start=wall)).data
    assert b"DTSTART:20261101T053000Z" in data  # the first: 01:30 EDT
    assert b"DTEND:20261101T060000Z" in data


def test_a_series_that_starts_in_a_gap_keeps_every_occurrence() -> None:
    wall = datetime(2026, 3, 8, 2, 30)
    series = meeting(start=wall, every="weekly", until=date(2026, 4, 5))
    data = export(series).data
    events = vevents_vobject(data)
    assert set(events) == {"first-meeting-1@vaplanner", "meeting-1@vaplanner"}
    first = events["first-meeting-1@vaplanner"].dtstart.value.astimezone(UTC)  # type: ignore[attr-defined]
    rest = _vobject_starts(data, "meeting-1@vaplanner")
    walls = [wall + timedelta(weeks=n) for n in range(5)]
    assert [first, *rest] == [expected(w, "America/New_York") for w in walls]
    assert b"TZID=America/New_York:20260308T023000" not in data


def test_an_exdate_in_a_fold_is_written_in_utc() -> None:
    """The EXDATE is the instant of the occurrence it removes (01:30 EDT, the first).

    Compared as instants: Python (PEP 495) never calls a wall time in a fold equal to an
    instant in another zone, so dateutil's rruleset cannot apply it; calendar apps compare
    instants.
    """
    series = meeting(start=datetime(2026, 10, 4, 1, 30), every="weekly")
    series = replace(series, exdates=(datetime(2026, 11, 1, 1, 30),))
    data = export(series).data
    assert b"EXDATE:20261101T053000Z" in data
    skipped = expected(datetime(2026, 11, 1, 1, 30), "America/New_York")
    vob = vevents_vobject(data)["meeting-1@vaplanner"]
    assert [d.astimezone(UTC) for d in vob.exdate.value] == [skipped]  # type: ignore[attr-defined]
    ical = vevents_icalendar(data)["meeting-1@vaplanner"]
    assert [d.dt for d in ical["EXDATE"].dts] == [skipped]  # type: ignore[index]
    rule = rrulestr(vob.rrule.value, dtstart=vob.dtstart.value)  # type: ignore[attr-defined]
    assert skipped in [d.astimezone(UTC) for d in islice(rule, 8)]


# --------------------------------------------------------------------- UIDs and SEQUENCE


def test_uids_are_stable_across_exports_and_dtstamp_follows_now() -> None:
    block = Block(
        start=datetime(2026, 12, 2, 8, tzinfo=UTC), end=datetime(2026, 12, 2, 9, tzinfo=UTC), id=7
    )
    one = export(meeting(), meeting(mid=2), blocks=[block])
    later = FIXED_NOW + timedelta(days=3)
    two = export(meeting(), meeting(mid=2), blocks=[block], now=later)
    assert list(vevents_icalendar(one.data)) == list(vevents_icalendar(two.data))
    assert b"DTSTAMP:20261201T133200Z" in two.data
    assert one.data.replace(b"20261128T133200Z", b"20261201T133200Z") == two.data


def test_sequence_rises_when_an_event_changes_and_only_then() -> None:
    block = Block(
        start=datetime(2026, 12, 2, 8, tzinfo=UTC), end=datetime(2026, 12, 2, 9, tzinfo=UTC), id=7
    )
    first = export(meeting(sequence=3), blocks=[block])
    assert b"SEQUENCE:3" in first.data and b"SEQUENCE:0" in first.data
    same = export(meeting(sequence=3), blocks=[block], previous=first.ledger)
    assert same.ledger == first.ledger
    moved = replace(block, end=datetime(2026, 12, 2, 10, tzinfo=UTC))
    renamed = meeting(sequence=3, title="Sync (new agenda)")
    second = export(renamed, blocks=[moved], previous=same.ledger)
    assert second.ledger["block-7@vaplanner"][1] == 1
    assert second.ledger["meeting-1@vaplanner"][1] == 4
    third = export(renamed, blocks=[moved], previous=second.ledger)
    assert third.ledger == second.ledger


# ------------------------------------------------------------------- blocks and deadlines


def test_deadlines_are_all_day_on_the_due_date_in_the_clients_zone() -> None:
    # 03:00 UTC on 1 Dec is still 30 Nov in New York
    task = Task(client_id=1, title="Invoice", id=4, due=datetime(2026, 12, 1, 3, 0, tzinfo=UTC))
    done = Task(client_id=1, title="Old", id=5, due=FIXED_NOW, status="done")
    result = export(deadlines=[task, done])
    data = result.data
    assert result.deadlines == 1
    assert b"DTSTART;VALUE=DATE:20261130" in data and b"DTEND;VALUE=DATE:20261201" in data
    assert b"TRANSP:TRANSPARENT" in data
    vob = vevents_vobject(data)["deadline-4@vaplanner"]
    assert vob.dtstart.value == date(2026, 11, 30)  # type: ignore[attr-defined]
    assert vob.dtend.value == date(2026, 12, 1)  # type: ignore[attr-defined]
    assert "deadline-5@vaplanner" not in vevents_vobject(data)


def test_blocks_are_in_utc_with_a_readable_title() -> None:
    block = Block(
        start=datetime(2026, 12, 2, 8, tzinfo=UTC),
        end=datetime(2026, 12, 2, 9, 30, tzinfo=UTC),
        id=7,
        client_id=2,
        task_id=9,
    )
    data = export(blocks=[block], task_titles={9: "Newsletter"}).data
    vob = vevents_vobject(data)["block-7@vaplanner"]
    assert vob.summary.value == "Čebelica · Newsletter"  # type: ignore[attr-defined]
    assert b"DTSTART:20261202T080000Z" in data and b"DTEND:20261202T093000Z" in data


def test_link_goes_to_url_and_location() -> None:
    data = export(meeting(link="https://zoom.us/j/123?pwd=a,b")).data
    vob = vevents_vobject(data)["meeting-1@vaplanner"]
    assert vob.url.value == "https://zoom.us/j/123?pwd=a,b"  # type: ignore[attr-defined]
    assert vob.location.value == "https://zoom.us/j/123?pwd=a,b"  # type: ignore[attr-defined]


# -------------------------------------------------------------------------------- choosing


def test_meetings_in_range_keeps_series_that_still_run() -> None:
    start = datetime(2026, 12, 1, tzinfo=UTC)
    end = datetime(2026, 12, 31, tzinfo=UTC)
    past = meeting(start=datetime(2026, 11, 3, 9, 0), mid=1)
    running = meeting(start=datetime(2026, 1, 6, 9, 0), mid=2, every="weekly")
    ended = meeting(start=datetime(2026, 1, 6, 9, 0), mid=3, every="weekly", until=date(2026, 6, 1))
    later = meeting(start=datetime(2027, 3, 1, 9, 0), mid=4)
    chosen = meetings_in_range([past, running, ended, later], start, end)
    assert [m.id for m in chosen] == [2]
    assert [m.id for m in meetings_in_range([past, running, ended, later], start, None)] == [2, 4]


@pytest.mark.parametrize(
    "line",
    [
        "SUMMARY:" + "a" * 67,  # exactly 75 octets: not folded
        "SUMMARY:" + "a" * 68,  # 76 octets: folded once
        "SUMMARY:" + "a" * 66 + "ž",  # a 2-byte character across the 75th octet
        "SUMMARY:" + "a" * 65 + "🐝" * 40,  # 4-byte characters across every fold
        "DESCRIPTION:" + "čšž" * 200,
    ],
)
def test_fold_by_octets_never_inside_a_character(line: str) -> None:
    folded = fold(line)
    physical = folded[:-2].split(b"\r\n")
    assert all(len(part) <= 75 for part in physical)
    assert all(part.startswith(b" ") for part in physical[1:])
    assert [p.decode("utf-8") for p in physical]  # each piece is whole characters
    assert b"".join(p[1:] if i else p for i, p in enumerate(physical)).decode() == line
    assert (len(physical) == 1) == (len(line.encode()) <= 75)


@pytest.mark.parametrize(
    ("text", "wire"),
    [
        ("a,b;c\\d", "a\\,b\\;c\\\\d"),
        ("one\r\ntwo\rthree\nfour", "one\\ntwo\\nthree\\nfour"),
        ("bell\x07 and tab\t", "bell and tab\t"),
        ("Kickoff: 10:00", "Kickoff: 10:00"),  # colons are not escaped in TEXT
    ],
)
def test_text_escaping(text: str, wire: str) -> None:
    assert escape_text(text) == wire
