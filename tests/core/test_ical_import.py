"""Reading .ics files into meetings, and what an import changes (pure: no store).

Expected instants come from ``zoneinfo`` here, never from the code under test.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from dateutil.tz import tzstr
from icalendar import Event

from tests.conftest import FIXED_NOW
from vaplanner.core.errors import InputError
from vaplanner.core.ical import export_calendar
from vaplanner.core.ical_merge import match_client, plan_import
from vaplanner.core.ical_read import ReadResult, read_calendar
from vaplanner.core.ical_rules import RuleRefused, iana_zone, map_rule
from vaplanner.core.models import Client, Contact, Meeting
from vaplanner.core.times import resolve_wall

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ics"
HOME = "Europe/Ljubljana"
ACME = Client(
    name="Acme",
    tz="America/New_York",
    id=1,
    contacts=(Contact("Dana Miller", "dana.miller@acme-corp.com"),),
)
BRIGHTSIDE = Client(
    name="Brightside",
    tz="Europe/London",
    id=3,
    contacts=(Contact("Priya", "priya@brightside.co.uk"), Contact("Me", "ana.va@gmail.com")),
)
CLIENTS = [ACME, BRIGHTSIDE]


def read(name: str, **kwargs: Any) -> ReadResult:
    options: dict[str, Any] = {"home_tz": HOME, "clients": CLIENTS, "source": name}
    options.update(kwargs)
    return read_calendar((FIXTURES / name).read_bytes(), **options)


def instant(meeting: Meeting) -> datetime:
    return resolve_wall(meeting.start_local, meeting.tz)[0]


def utc(wall: datetime, tz: str) -> datetime:
    return wall.replace(tzinfo=ZoneInfo(tz)).astimezone(UTC)


def by_title(result: ReadResult) -> dict[str, Meeting]:
    return {m.title: m for m in result.meetings}


# ------------------------------------------------------------------------------- Outlook


def test_outlook_invitation_with_windows_zones() -> None:
    result = read("outlook_invite.ics")
    found = by_title(result)
    weekly = found["Acme weekly check-in"]
    assert weekly.tz == "America/New_York"  # "Eastern Standard Time"
    assert instant(weekly) == utc(datetime(2026, 12, 1, 9, 0), "America/New_York")
    assert (weekly.every, weekly.until, weekly.duration_minutes) == (
        "weekly",
        date(2027, 3, 30),
        30,
    )
    assert weekly.client_id == ACME.id  # the organizer is an Acme contact
    assert weekly.sequence == 2
    assert weekly.link.startswith("https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc123")
    assert weekly.location == "Microsoft Teams Meeting"
    assert "Weekly check-in on the newsletter" in weekly.notes
    # EXDATE, and the moved occurrence (RECURRENCE-ID) left out of the series
    assert weekly.exdates == (datetime(2026, 12, 15, 9, 0), datetime(2026, 12, 29, 9, 0))
    moved = found["Acme weekly check-in (moved)"]
    assert moved.every is None and moved.uid == f"{weekly.uid}#20261215T0900"
    assert instant(moved) == utc(datetime(2026, 12, 16, 14, 0), "America/New_York")
    frankfurt = found["Q1 planning with the Frankfurt office"]
    assert frankfurt.tz == "Europe/Berlin"  # "W. Europe Standard Time"
    assert instant(frankfurt) == datetime(2027, 3, 12, 15, 0, tzinfo=UTC)
    assert frankfurt.location == "Frankfurt, Room 4.12"
    assert not result.skipped


def test_google_invitation_on_two_weekdays_becomes_two_weekly_meetings() -> None:
    result = read("google_invite.ics")
    tuesday, thursday = result.meetings
    assert (tuesday.uid, thursday.uid) == (
        "7kukuqrfedlm2f9t68okpm8a0q@google.com#TU",
        "7kukuqrfedlm2f9t68okpm8a0q@google.com#TH",
    )
    assert tuesday.start_local == datetime(2026, 11, 3, 8, 30)
    assert thursday.start_local == datetime(2026, 11, 5, 8, 30)
    assert {m.tz for m in result.meetings} == {"Europe/London"}
    assert {m.every for m in result.meetings} == {"weekly"}
    assert thursday.exdates == (datetime(2026, 12, 24, 8, 30),) and tuesday.exdates == ()
    assert tuesday.client_id == BRIGHTSIDE.id
    assert tuesday.link == "https://meet.google.com/abc-defg-hij"
    assert "Čšž welcome" in tuesday.notes
    assert result.series == ("7kukuqrfedlm2f9t68okpm8a0q@google.com",)


def test_recurrence_rules_map_or_are_refused_with_a_reason() -> None:
    result = read("recurring.ics")
    found = by_title(result)
    ny = found["Weekly NY sync"]
    assert (ny.every, ny.until, ny.duration_minutes) == ("weekly", date(2026, 4, 14), 45)
    assert ny.exdates == (datetime(2026, 3, 17, 9, 0), datetime(2026, 3, 24, 9, 0))
    koala = found["Koala fortnightly"]  # COUNT=6 every other week
    assert (koala.every, koala.until) == ("biweekly", date(2026, 12, 14))
    himal = found["Himal monthly review"]
    assert (himal.every, himal.until, himal.tz) == ("monthly", None, "Asia/Kathmandu")
    reasons = {s.title: s.reason for s in result.skipped}
    assert set(reasons) == {"Annual review", "Board call"}
    assert "yearly" in reasons["Annual review"]
    assert (
        "2nd Tuesday" in reasons["Board call"] and "FREQ=MONTHLY;BYDAY=2TU" in reasons["Board call"]
    )


def test_all_day_floating_and_utc_times() -> None:
    result = read("allday_floating_utc.ics")
    found = by_title(result)
    closed = found["Office closed"]  # 24-25 Dec, DTEND exclusive
    assert (closed.start_local, closed.tz) == (datetime(2026, 12, 24, 0, 0), HOME)
    assert closed.duration_minutes == 2 * 24 * 60
    floating = found["Floating call"]
    assert (floating.start_local, floating.tz, floating.duration_minutes) == (
        datetime(2026, 12, 2, 10, 0),
        HOME,
        30,
    )
    once = found["UTC once"]
    assert once.tz == HOME and instant(once) == datetime(2026, 12, 3, 15, 0, tzinfo=UTC)
    weekly = found["UTC weekly"]  # keeps recurring at 15:00 UTC, through DST anywhere
    assert (weekly.tz, weekly.start_local, weekly.every) == (
        "UTC",
        datetime(2026, 12, 4, 15),
        "weekly",
    )
    assert weekly.until == date(2026, 12, 4) + timedelta(weeks=9)
    notes = " ".join(result.notes)
    assert "floating" in notes and "all-day" in notes and HOME in notes


def test_custom_outlook_zone_is_matched_by_its_offsets() -> None:
    (meeting,) = read("custom_zone.ics").meetings
    assert meeting.tz == "America/Los_Angeles"
    assert instant(meeting) == utc(datetime(2026, 7, 14, 9, 30), "America/Los_Angeles")


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("broken.ics", "DTSTART in 'A broken meeting'"),
        ("truncated.ics", "END:VCALENDAR"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_whole(name: str, words: str) -> None:
    with pytest.raises(InputError) as caught:
        read(name)
    assert words in str(caught.value) and "nothing imported" in str(caught.value)


@pytest.mark.parametrize(
    "data",
    [b"", b"hello", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "\ufeffnot ical".encode()],
)
def test_garbage_and_empty_calendars_are_refused(data: bytes) -> None:
    with pytest.raises(InputError):
        read_calendar(data, home_tz=HOME)


# -------------------------------------------------------------------------- round trips


def _ours() -> list[Meeting]:
    return [
        Meeting(1, "Čebelica: pregled, načrt; Q2", datetime(2026, 12, 3, 10), "Europe/Ljubljana",
                id=1, uid="meeting-1@vaplanner", duration_minutes=60, notes="a\nb, c; d"),
        Meeting(1, "Weekly sync", datetime(2026, 3, 3, 9), "America/New_York", id=2,
                uid="meeting-2@vaplanner", every="weekly", until=date(2026, 12, 29),
                exdates=(datetime(2026, 3, 10, 9),), link="https://zoom.us/j/1",
                location="Room 1"),
        Meeting(3, "Fortnightly", datetime(2026, 10, 5, 8), "Australia/Sydney", id=3,
                uid="meeting-3@vaplanner", every="biweekly"),
        Meeting(None, "Month end", datetime(2026, 1, 31, 17), "Europe/London", id=4,
                uid="meeting-4@vaplanner", every="monthly", until=date(2026, 12, 31)),
        Meeting(None, "UTC call", datetime(2026, 5, 5, 5, 5), "UTC", id=5,
                uid="meeting-5@vaplanner", every="weekly"),
        Meeting(None, "Gap start", datetime(2026, 3, 8, 2, 30), "America/New_York", id=6,
                uid="meeting-6@vaplanner", every="weekly"),
    ]  # fmt: skip


def test_export_then_import_gives_the_same_meetings() -> None:
    clients = [ACME, BRIGHTSIDE, Client(name="Koala", tz="Australia/Sydney", id=3)]
    ours = _ours()
    data = export_calendar(
        meetings=ours, clients=clients, home_tz=HOME, now=FIXED_NOW, version="0.1.0"
    ).data
    back = read_calendar(data, home_tz=HOME, clients=clients)
    assert not back.skipped
    got = {m.uid: m for m in back.meetings}
    assert set(got) == {m.uid for m in ours}
    for meeting in ours:
        assert replace(got[meeting.uid], id=meeting.id) == meeting
    # and importing it over the stored meetings changes nothing
    plan = plan_import(back, ours, FIXED_NOW)
    assert (plan.add, plan.update, plan.delete) == ((), (), ())
    assert len(plan.unchanged) == len(ours)


# ---------------------------------------------------------------------------- the merge


def _stored(result: ReadResult) -> list[Meeting]:
    return [replace(m, id=n, updated=FIXED_NOW) for n, m in enumerate(result.meetings, 1)]


def test_reimport_updates_by_uid_and_raises_sequence_never_duplicates() -> None:
    first = read("google_invite.ics")
    stored = _stored(first)
    again = plan_import(first, stored, FIXED_NOW)
    assert again.add == () and again.update == () and len(again.unchanged) == 2
    moved = replace(
        first, meetings=tuple(replace(m, title="Stand-up (new)") for m in first.meetings)
    )
    later = FIXED_NOW + timedelta(days=1)
    plan = plan_import(moved, stored, later)
    assert plan.add == () and len(plan.update) == 2
    for old, new in plan.update:
        assert (new.id, new.sequence, new.updated) == (old.id, old.sequence + 1, later)


def test_a_series_that_lost_a_weekday_drops_that_meeting() -> None:
    stored = _stored(read("google_invite.ics"))
    tuesday_only = replace(read("google_invite.ics"), meetings=(stored[0],))
    plan = plan_import(tuesday_only, stored, FIXED_NOW)
    assert [m.uid for m in plan.delete] == [stored[1].uid]


def test_cancellation_removes_the_series_and_its_splits() -> None:
    stored = _stored(read("google_invite.ics"))
    cancel = ReadResult(cancelled=("7kukuqrfedlm2f9t68okpm8a0q@google.com",))
    plan = plan_import(cancel, stored, FIXED_NOW)
    assert {m.id for m in plan.delete} == {1, 2}


def test_an_override_alone_adds_an_exdate_to_the_stored_series() -> None:
    stored = _stored(read("outlook_invite.ics"))
    series = next(m for m in stored if m.every)
    rid = utc(datetime(2027, 1, 5, 9, 0), "America/New_York")
    plan = plan_import(ReadResult(extra_exdates={series.uid: (rid,)}), stored, FIXED_NOW)
    ((old, new),) = plan.update
    assert old == series and datetime(2027, 1, 5, 9, 0) in new.exdates
    assert new.sequence == series.sequence + 1


def test_a_client_given_before_is_kept_when_none_matches_now() -> None:
    result = read("custom_zone.ics")
    stored = [replace(result.meetings[0], id=1, client_id=ACME.id)]
    assert plan_import(result, stored, FIXED_NOW).unchanged == tuple(stored)


# ------------------------------------------------------------------------------ clients


def _event(organizer: str = "", *attendees: str, categories: str = "") -> Event:
    event = Event()
    if organizer:
        event.add("ORGANIZER", f"mailto:{organizer}")
    for person in attendees:
        event.add("ATTENDEE", f"MAILTO:{person}")
    if categories:
        event.add("CATEGORIES", [categories])
    return event


@pytest.mark.parametrize(
    ("event", "client"),
    [
        (_event("Dana.Miller@acme-corp.com"), 1),  # exact, case-insensitive
        (_event("boss@acme-corp.com"), 1),  # same domain
        (_event("x@elsewhere.org", "sam@acme-corp.com"), 1),  # an attendee's domain
        (_event("priya@brightside.co.uk", "dana.miller@acme-corp.com"), 3),  # organizer first
        (_event("someone@gmail.com"), None),  # free mail says nothing
        (_event("ana.va@gmail.com"), 3),  # unless it is a contact's exact address
        (_event("a@acme-corp.com", "b@brightside.co.uk", categories="Brightside"), 3),
        (_event("", "a@acme-corp.com", "b@brightside.co.uk"), None),  # a tie: no guess
        (_event(), None),
    ],
)
def test_client_is_matched_from_categories_and_email(event: Event, client: int | None) -> None:
    assert match_client(event, CLIENTS) == client


def test_client_option_wins_over_matching() -> None:
    result = read("outlook_invite.ics", client_id=3)
    assert {m.client_id for m in result.meetings} == {3}


# -------------------------------------------------------------------------------- rules

WALL = datetime(2026, 12, 1, 9, 0)  # a Tuesday


@pytest.mark.parametrize(
    ("rule", "every", "until", "starts"),
    [
        ({"FREQ": ["WEEKLY"]}, "weekly", None, [("", WALL)]),
        ({"FREQ": ["WEEKLY"], "BYDAY": ["TU"], "WKST": ["SU"]}, "weekly", None, [("", WALL)]),
        ({"FREQ": ["WEEKLY"], "INTERVAL": [2]}, "biweekly", None, [("", WALL)]),
        ({"FREQ": ["MONTHLY"], "BYMONTHDAY": [1]}, "monthly", None, [("", WALL)]),
        ({"FREQ": ["WEEKLY"], "COUNT": [3]}, "weekly", date(2026, 12, 15), [("", WALL)]),
        ({"FREQ": ["WEEKLY"], "COUNT": [1]}, None, None, [("", WALL)]),
        (  # UNTIL before the time of day on its date: that day is not in the set
            {"FREQ": ["WEEKLY"], "UNTIL": [datetime(2026, 12, 15, 13, 0, tzinfo=UTC)]},
            "weekly",
            date(2026, 12, 8),
            [("", WALL)],
        ),
        (
            {"FREQ": ["WEEKLY"], "UNTIL": [date(2026, 12, 15)]},
            "weekly",
            date(2026, 12, 15),
            [("", WALL)],
        ),
        (
            {"FREQ": ["WEEKLY"], "BYDAY": ["MO", "TH"]},
            "weekly",
            None,
            [("MO", datetime(2026, 12, 7, 9)), ("TH", datetime(2026, 12, 3, 9))],
        ),
        (  # every other week on Tue and Fri: the weeks follow DTSTART's week
            {"FREQ": ["WEEKLY"], "INTERVAL": [2], "BYDAY": ["TU", "FR"]},
            "biweekly",
            None,
            [("TU", WALL), ("FR", datetime(2026, 12, 4, 9))],
        ),
        (
            {"FREQ": ["DAILY"], "BYDAY": ["MO", "TU", "WE", "TH", "FR"], "COUNT": [10]},
            "weekly",
            date(2026, 12, 14),
            [
                ("MO", datetime(2026, 12, 7, 9)),
                ("TU", WALL),
                ("WE", datetime(2026, 12, 2, 9)),
                ("TH", datetime(2026, 12, 3, 9)),
                ("FR", datetime(2026, 12, 4, 9)),
            ],
        ),
    ],
)
def test_rules_that_map(
    rule: dict[str, list[Any]], every: str | None, until: date | None, starts: list[Any]
) -> None:
    mapped = map_rule(rule, WALL, "America/New_York")
    assert (mapped.every, mapped.until, list(mapped.starts)) == (every, until, starts)


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        ({"FREQ": ["YEARLY"]}, "yearly"),
        ({"FREQ": ["WEEKLY"], "INTERVAL": [3]}, "every 3 weeks"),
        ({"FREQ": ["DAILY"], "INTERVAL": [2]}, "every 2 days"),
        ({"FREQ": ["MONTHLY"], "BYDAY": ["-1FR"]}, "numbered weekday"),
        ({"FREQ": ["MONTHLY"], "BYMONTHDAY": [15]}, "other days"),
        ({"FREQ": ["WEEKLY"], "BYSETPOS": [1]}, "BYSETPOS"),
        ({"FREQ": ["HOURLY"]}, "hourly"),
    ],
)
def test_rules_that_are_refused_say_why(rule: dict[str, list[Any]], words: str) -> None:
    with pytest.raises(RuleRefused) as caught:
        map_rule(rule, WALL, "America/New_York")
    assert words in str(caught.value) and "vaplanner meeting add" in str(caught.value)


@pytest.mark.parametrize(
    ("tzid", "zone"),
    [
        ("America/New_York", "America/New_York"),
        ("Eastern Standard Time", "America/New_York"),
        ("W. Europe Standard Time", "Europe/Berlin"),
        ("AUS Eastern Standard Time", "Australia/Sydney"),
        ("Nepal Standard Time", "Asia/Kathmandu"),
        ("/freeassociation.sourceforge.net/Europe/Ljubljana", "Europe/Ljubljana"),
        ('"Europe/London"', "Europe/London"),
        ("Mars/Olympus", None),
    ],
)
def test_tzid_names_map_to_iana(tzid: str, zone: str | None) -> None:
    assert iana_zone(tzid, None, 2026) == zone


def test_an_unnamed_zone_prefers_home_and_client_zones() -> None:
    # a definition with no name (as from a custom VTIMEZONE): central European rules, which
    # Ljubljana and Berlin share; the home zone wins the tie
    central = tzstr("CET-1CEST,M3.5.0,M10.5.0/3")
    assert iana_zone("Customized Time Zone", central, 2026, [HOME]) == HOME
    assert iana_zone("Customized Time Zone", central, 2026) == "Europe/Berlin"
    assert iana_zone("Custom", tzstr("UTC+5:45"), 2026) == "Asia/Kathmandu"
    assert iana_zone("Custom", tzstr("UTC+13:17"), 2026) is None


# ------------------------------------------------------------------------- hostile files

HOSTILE = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n"
    "BEGIN:VEVENT\r\nUID:esc@x\r\nDTSTAMP:20260101T000000Z\r\n"
    "SUMMARY:Pay\x1b[31m now\x07\r\nDESCRIPTION:line one\\nline\x1b]0;title\x07 two\r\n"
    "DTSTART:20261201T100000Z\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:far@x\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:Far\r\n"
    "DTSTART:30001231T100000Z\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:edge@x\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:Edge\r\n"
    "DTSTART:99991231T235959Z\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:long@x\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:Long\r\n"
    "DTSTART:20261201T100000Z\r\nDURATION:P99999999D\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:endless@x\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:Endless\r\n"
    "DTSTART:20261201T100000Z\r\nRRULE:FREQ=WEEKLY;COUNT=999999999\r\nEND:VEVENT\r\n"
    "END:VCALENDAR\r\n"
)


def test_hostile_values_are_cleaned_or_refused_per_event() -> None:
    result = read_calendar(HOSTILE.encode(), home_tz=HOME)
    found = by_title(result)
    assert set(found) == {"Pay[31m now", "Endless"}
    assert "\x1b" not in found["Pay[31m now"].notes and "\n" in found["Pay[31m now"].notes
    assert found["Endless"].until is None  # a count centuries long means no end
    reasons = {s.title: s.reason for s in result.skipped}
    assert "outside the years vaplanner plans in" in reasons["Far"]
    assert "cannot be used" in reasons["Long"] and "cannot be used" in reasons["Edge"]
