"""An older copy of an invitation never overwrites a newer stored one (RFC 5546 2.1.5):
lower SEQUENCE, or the same SEQUENCE with an older LAST-MODIFIED or DTSTAMP."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from tests.conftest import FIXED_NOW
from vaplanner.core.ical import export_calendar
from vaplanner.core.ical_merge import ImportPlan, Version, plan_import
from vaplanner.core.ical_read import ReadResult, read_calendar
from vaplanner.core.models import Meeting

HOME = "Europe/Ljubljana"
UID = "abc123@acme-corp.com"


def ics(
    *,
    sequence: int | None = 0,
    stamp: str = "20261120T100000Z",
    modified: str | None = None,
    start: str = "20261201T090000",
    title: str = "Check-in",
    rule: str | None = None,
    cancelled: bool = False,
    uid: str = UID,
) -> bytes:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//test//EN",
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;TZID=America/New_York:{start}",
        "DURATION:PT30M",
        f"SUMMARY:{title}",
    ]
    if sequence is not None:
        lines.append(f"SEQUENCE:{sequence}")
    if modified is not None:
        lines.append(f"LAST-MODIFIED:{modified}")
    if rule is not None:
        lines.append(f"RRULE:{rule}")
    if cancelled:
        lines.append("STATUS:CANCELLED")
    lines += ["END:VEVENT", "END:VCALENDAR", ""]
    return "\r\n".join(lines).encode()


def read(data: bytes) -> ReadResult:
    return read_calendar(data, home_tz=HOME)


def store(result: ReadResult) -> list[Meeting]:
    """What the store holds after importing ``result`` into an empty store."""
    plan = plan_import(result, [], FIXED_NOW)
    return [replace(m, id=n) for n, m in enumerate(plan.add, 1)]


def apply(plan: ImportPlan, stored: list[Meeting]) -> list[Meeting]:
    gone = {m.id for m in plan.delete}
    new = {n.id: n for _o, n in plan.update} | {m.id: m for m in plan.refresh}
    return [new.get(m.id, m) for m in stored if m.id not in gone]


def test_the_first_import_remembers_the_files_version() -> None:
    (meeting,) = store(read(ics(sequence=3, stamp="20261120T101500Z", modified="20261119T080000Z")))
    assert meeting.ical_sequence == 3
    assert meeting.ical_stamp == datetime(2026, 11, 20, 10, 15, tzinfo=UTC)
    assert meeting.ical_modified == datetime(2026, 11, 19, 8, tzinfo=UTC)


OLDER = [
    pytest.param(dict(sequence=1), "SEQUENCE 1, the stored copy 2", id="lower-sequence"),
    pytest.param(
        dict(sequence=2, stamp="20261120T095959Z"), "2026-11-20 09:59Z", id="same-seq-older-stamp"
    ),
    pytest.param(
        # a feed exported later (newer DTSTAMP) that still holds an older version of the event
        dict(sequence=2, stamp="20261125T000000Z", modified="20261110T000000Z"),
        "last modified 2026-11-10 00:00Z",
        id="same-seq-older-last-modified",
    ),
]


@pytest.mark.parametrize(("older", "words"), OLDER)
def test_an_older_copy_is_kept_out_and_says_why(older: dict[str, object], words: str) -> None:
    stored = store(read(ics(sequence=2, modified="20261115T000000Z", start="20261201T100000")))
    plan = plan_import(read(ics(title="Old title", **older)), stored, FIXED_NOW)  # type: ignore[arg-type]
    assert (plan.add, plan.update, plan.delete, plan.refresh) == ((), (), (), ())
    ((meeting, why),) = plan.kept
    assert meeting == stored[0]
    assert words in why


@pytest.mark.parametrize(
    "newer",
    [
        dict(sequence=3),
        dict(sequence=2, stamp="20261120T100001Z"),
        dict(sequence=2, modified="20261115T000001Z", stamp="20261101T000000Z"),
        dict(sequence=None),  # no SEQUENCE: 0, but the stored copy came without one either
    ],
)
def test_a_newer_or_equal_copy_updates(newer: dict[str, object]) -> None:
    first = dict(sequence=2, modified="20261115T000000Z")
    if newer.get("sequence", 0) is None:
        first = dict(sequence=None)
    stored = store(read(ics(**first)))  # type: ignore[arg-type]
    plan = plan_import(read(ics(title="New title", **newer)), stored, FIXED_NOW)  # type: ignore[arg-type]
    assert plan.kept == ()
    ((_old, new),) = plan.update
    assert new.title == "New title"
    assert new.ical_sequence == (newer["sequence"] or 0)


def test_same_sequence_and_content_is_unchanged_not_an_update() -> None:
    stored = store(read(ics(sequence=2)))
    later = ics(sequence=2, stamp="20261126T000000Z")  # a feed downloaded again
    plan = plan_import(read(later), stored, FIXED_NOW)
    assert plan.update == () and plan.kept == () and plan.unchanged == tuple(stored)


def test_a_higher_sequence_with_the_same_content_is_remembered_quietly() -> None:
    stored = store(read(ics(sequence=2)))
    plan = plan_import(read(ics(sequence=5)), stored, FIXED_NOW)
    assert plan.update == () and plan.unchanged == tuple(stored)
    (refreshed,) = plan.refresh
    assert refreshed.ical_sequence == 5 and refreshed.sequence == stored[0].sequence
    # so an invitation between the two is now older
    plan = plan_import(read(ics(sequence=4, title="x")), apply(plan, stored), FIXED_NOW)
    assert len(plan.kept) == 1 and plan.update == ()


def test_a_stale_series_keeps_every_weekday_and_the_cancel_of_an_older_copy_is_ignored() -> None:
    two_days = "FREQ=WEEKLY;BYDAY=TU,TH"
    stored = store(read(ics(sequence=4, rule=two_days)))
    assert sorted(m.uid for m in stored) == [f"{UID}#TH", f"{UID}#TU"]
    # an older copy on Tuesdays only would drop the Thursday meeting if it were applied
    plan = plan_import(read(ics(sequence=3, rule="FREQ=WEEKLY")), stored, FIXED_NOW)
    assert (plan.add, plan.update, plan.delete) == ((), (), ())
    assert {m.uid for m, _ in plan.kept} == {f"{UID}#TH", f"{UID}#TU"}
    old_cancel = plan_import(read(ics(sequence=3, cancelled=True)), stored, FIXED_NOW)
    assert old_cancel.delete == () and len(old_cancel.kept) == 2
    new_cancel = plan_import(read(ics(sequence=4, cancelled=True)), stored, FIXED_NOW)
    assert len(new_cancel.delete) == 2 and new_cancel.kept == ()


def test_a_meeting_imported_by_an_older_version_takes_any_copy() -> None:
    legacy = [replace(m, ical_sequence=None, sequence=7) for m in store(read(ics(sequence=5)))]
    plan = plan_import(read(ics(sequence=1, title="Moved")), legacy, FIXED_NOW)
    assert plan.kept == () and len(plan.update) == 1


def test_an_old_export_read_back_never_undoes_a_later_edit() -> None:
    ours = Meeting(None, "Sync", datetime(2026, 12, 1, 9), "America/New_York", id=4,
                   uid="meeting-4@vaplanner", updated=FIXED_NOW - timedelta(days=1))  # fmt: skip
    export = export_calendar(meetings=[ours], home_tz=HOME, now=FIXED_NOW, version="0").data
    # edited after the export: the link only (SEQUENCE stays), then the time (it rises)
    link = replace(ours, link="https://zoom.us/j/9", updated=FIXED_NOW + timedelta(seconds=1))
    moved = replace(link, start_local=datetime(2026, 12, 1, 10), sequence=1)
    for edited in (link, moved):
        plan = plan_import(read(export), [edited], FIXED_NOW + timedelta(hours=1))
        assert plan.update == () and [m for m, _ in plan.kept] == [edited]
    # an export made after the edit is no older: unchanged, and nothing stored about it
    again = export_calendar(meetings=[link], home_tz=HOME, now=link.updated, version="0").data
    plan = plan_import(read(again), [link], FIXED_NOW + timedelta(hours=1))
    assert plan.unchanged == (link,) and plan.kept == () and plan.refresh == ()


def test_versions_are_read_from_every_event() -> None:
    result = read(ics(sequence=2, stamp="20261120T100000Z", modified="20261119T000000"))
    assert result.versions[UID] == Version(
        2, datetime(2026, 11, 19, tzinfo=UTC), datetime(2026, 11, 20, 10, tzinfo=UTC)
    )
    cancelled = read(ics(sequence=9, cancelled=True))
    assert cancelled.versions[UID].sequence == 9
