"""Who is invited (ORGANIZER, ATTENDEE) goes into the imported meeting's notes."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tests.conftest import FIXED_NOW
from vaplanner.core.ical import export_calendar
from vaplanner.core.ical_extras import MAX_PEOPLE
from vaplanner.core.ical_merge import plan_import
from vaplanner.core.ical_read import read_calendar

HOME = "Europe/Ljubljana"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ics"


def notes_of(*lines: str, description: str = "Agenda: budget") -> str:
    body = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//test//EN",
        "BEGIN:VEVENT",
        "UID:x@example.com",
        "DTSTAMP:20261120T100000Z",
        "SUMMARY:Call",
        "DTSTART:20261201T140000Z",
        "DURATION:PT30M",
        *([f"DESCRIPTION:{description}"] if description else []),
        *lines,
        "END:VEVENT",
        "END:VCALENDAR",
        "",
    ]
    (meeting,) = read_calendar("\r\n".join(body).encode(), home_tz=HOME).meetings
    return meeting.notes


def test_an_outlook_invitation_names_organizer_and_attendees() -> None:
    result = read_calendar((FIXTURES / "outlook_invite.ics").read_bytes(), home_tz=HOME)
    weekly = next(m for m in result.meetings if m.title == "Acme weekly check-in")
    assert weekly.notes.startswith("Weekly check-in on the newsletter")
    assert weekly.notes.endswith(
        "\n\nOrganizer: Miller, Dana <dana.miller@acme-corp.com>\n"
        "Invited: Ana Novak <ana@novak-va.si>, Sam Lee <sam.lee@acme-corp.com> (optional)"
    )


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ((), "Agenda: budget"),
        (('ORGANIZER;CN="Shah, Priya":mailto:Priya@Brightside.co.uk',),
         "Agenda: budget\n\nOrganizer: Shah, Priya <Priya@Brightside.co.uk>"),
        # the organizer listed again as an attendee, and one person twice, appear once
        (("ORGANIZER:mailto:priya@brightside.co.uk",
          "ATTENDEE;CN=Priya:mailto:priya@brightside.co.uk",
          "ATTENDEE;PARTSTAT=DECLINED;CN=Tom:MAILTO:tom@x.com",
          "ATTENDEE;PARTSTAT=ACCEPTED;CN=Tom:mailto:tom@x.com",
          "ATTENDEE;CUTYPE=ROOM;CN=Room 4:mailto:room4@x.com",
          "ATTENDEE;ROLE=NON-PARTICIPANT:mailto:cc@x.com",
          "ATTENDEE;CN=No Email:urn:uuid:1234",
          "ATTENDEE:mailto:"),
         "Agenda: budget\n\nOrganizer: priya@brightside.co.uk\n"
         "Invited: Tom <tom@x.com> (declined), Room 4 <room4@x.com> (room), "
         "cc@x.com (for information), No Email"),
        # a name equal to the email is not repeated; runs of spaces are one
        (("ATTENDEE;CN=A@x.com:mailto:a@x.com", 'ATTENDEE;CN="  Ana   Novak ":mailto:b@x.com'),
         "Agenda: budget\n\nInvited: a@x.com, Ana Novak <b@x.com>"),
    ],
)  # fmt: skip
def test_people_in_the_notes(lines: tuple[str, ...], expected: str) -> None:
    assert notes_of(*lines) == expected


def test_no_description_and_many_attendees() -> None:
    many = [f"ATTENDEE:mailto:p{n}@x.com" for n in range(MAX_PEOPLE + 3)]
    notes = notes_of(*many, description="")
    assert notes.startswith("Invited: p0@x.com, p1@x.com")
    assert notes.endswith(f"p{MAX_PEOPLE - 1}@x.com and 3 more")


def test_people_are_added_once_across_export_and_reimport() -> None:
    first = read_calendar((FIXTURES / "google_invite.ics").read_bytes(), home_tz=HOME)
    stored = [replace(m, id=n) for n, m in enumerate(first.meetings, 1)]
    assert all(m.notes.count("Organizer: Priya Shah") == 1 for m in stored)
    again = plan_import(first, stored, FIXED_NOW)
    assert again.update == () and len(again.unchanged) == len(stored)
    data = export_calendar(meetings=stored, home_tz=HOME, now=FIXED_NOW, version="0").data
    back = read_calendar(data, home_tz=HOME)
    assert [m.notes for m in back.meetings] == [m.notes for m in stored]
