"""Toggl and Clockify CSV: the shared sample files, bad rows with line numbers, writing."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from vaplanner.core.timecsv import parse_time_csv
from vaplanner.core.timecsv_export import ExportRow, write_toggl_csv
from vaplanner.core.timecsv_format import CsvRowError

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "csv"
HOME = "Europe/Ljubljana"


def read(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def wall(y: int, mo: int, d: int, h: int, mi: int, s: int = 0, tz: str = HOME) -> datetime:
    return datetime(y, mo, d, h, mi, s, tzinfo=ZoneInfo(tz)).astimezone(UTC)


EXPECTED = [
    # client, start, end, billable, description
    ("Acme", wall(2026, 11, 2, 9, 0), wall(2026, 11, 2, 10, 30), True, "Homepage wireframes"),
    (
        "Koala Pty Ltd",
        wall(2026, 11, 2, 13, 15),
        wall(2026, 11, 2, 13, 40, 12),
        False,
        "Fix invoice export, part 2",
    ),
    ("Čebelica d.o.o.", wall(2026, 11, 3, 22, 45), wall(2026, 11, 4, 0, 15), True, None),
]


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("toggl_detailed_sample.csv", "toggl"),
        ("toggl_detailed_sample_new_reports.csv", "toggl"),
        ("clockify_detailed_sample.csv", "clockify"),
    ],
)
def test_samples_read_to_the_same_entries(name: str, kind: str) -> None:
    parsed = parse_time_csv(read(name), kind, tz=HOME)
    got = [(r.client, r.start, r.end, r.billable, r.description) for r in parsed.rows]
    assert len(got) == 3
    for row, (client, start, end, billable, description) in zip(got, EXPECTED, strict=True):
        assert row[:3] == (client, start, end)
        if kind == "toggl" and "new" in name:
            assert row[3] is True  # no Billable column: billable
        else:
            assert row[3] is billable
        if description is not None:
            assert row[4] == description
    assert [r.line for r in parsed.rows] == [2, 3, 4]
    assert all(r.source.startswith(f"{kind}:") for r in parsed.rows)
    assert len({r.source for r in parsed.rows}) == 3


def test_toggl_classic_details() -> None:
    parsed = parse_time_csv(read("toggl_detailed_sample.csv"), "toggl", tz=HOME)
    first, second, third = parsed.rows
    assert parsed.currency == "EUR"
    assert first.project == "Website relaunch" and first.task == "Design"
    assert first.tags == ("Website relaunch", "design", "client-call")
    assert second.tags == ("Support retainer",)
    assert third.description == 'Migracija podatkov – "čiščenje"'
    assert (third.end - third.start).total_seconds() == 90 * 60
    assert first.user == "Maja Novak"


def test_toggl_new_reports_split_client_from_project() -> None:
    parsed = parse_time_csv(read("toggl_detailed_sample_new_reports.csv"), "toggl", tz=HOME)
    assert [(r.client, r.project, r.tags) for r in parsed.rows] == [
        ("Acme", "Website relaunch", ("Website relaunch", "design", "client-call")),
        ("Koala Pty Ltd", "Support", ("Support",)),
        ("Čebelica d.o.o.", "Spletna trgovina", ("Spletna trgovina", "backend")),
    ]
    assert parsed.currency is None


def test_clockify_details() -> None:
    parsed = parse_time_csv(read("clockify_detailed_sample.csv"), "clockify", tz=HOME)
    assert parsed.currency == "USD"
    assert [r.rate for r in parsed.rows] == [Decimal("80.00"), None, Decimal("70.00")]
    assert any("MM/DD/YYYY" in note for note in parsed.notes)


def test_sources_are_stable_and_ignore_the_zone() -> None:
    text = read("toggl_detailed_sample.csv")
    a = parse_time_csv(text, "toggl", tz=HOME)
    b = parse_time_csv(text, "toggl", tz="America/New_York")
    assert [r.source for r in a.rows] == [r.source for r in b.rows]
    assert a.rows[0].start != b.rows[0].start


def test_other_zone() -> None:
    parsed = parse_time_csv(read("toggl_detailed_sample.csv"), "toggl", tz="America/New_York")
    assert parsed.rows[0].start == wall(2026, 11, 2, 9, 0, tz="America/New_York")


CLOCKIFY_HEAD = (
    '"Project","Client","Description","Task","User","Group","Email","Tags","Billable",'
    '"Start Date","Start Time","End Date","End Time","Duration (h)","Duration (decimal)"\n'
)


def clockify_row(start_date: str, start: str, end_date: str, end: str, **kw: str) -> str:
    values = {
        "project": "P",
        "client": "Acme",
        "description": "work",
        "billable": "Yes",
        "duration": "",
    }
    values.update(kw)
    return (
        f'"{values["project"]}","{values["client"]}","{values["description"]}","","Maja","",'
        f'"m@example.com","","{values["billable"]}","{start_date}","{start}","{end_date}",'
        f'"{end}","{values["duration"]}",""\n'
    )


@pytest.mark.parametrize(
    ("rows", "order", "expected_start"),
    [
        ([("29/04/2025", "14:00", "29/04/2025", "15:00")], "auto", wall(2025, 4, 29, 14, 0)),
        (
            [("04/29/2025", "2:00 PM", "04/29/2025", "3:00 PM")],
            "auto",
            wall(2025, 4, 29, 14, 0),
        ),
        ([("03/04/2025", "9:00", "03/04/2025", "10:00")], "dmy", wall(2025, 4, 3, 9, 0)),
        ([("03/04/2025", "9:00", "03/04/2025", "10:00")], "auto", wall(2025, 3, 4, 9, 0)),
        ([("03.04.2025", "09:00:00", "03.04.2025", "10:00:00")], "auto", wall(2025, 4, 3, 9, 0)),
        ([("2025-04-03", "12:00 AM", "2025-04-03", "12:30 AM")], "auto", wall(2025, 4, 3, 0, 0)),
        ([("2025-04-03", "12:05 PM", "2025-04-03", "12:30 PM")], "auto", wall(2025, 4, 3, 12, 5)),
    ],
)
def test_clockify_date_orders_and_clocks(
    rows: list[tuple[str, str, str, str]], order: str, expected_start: datetime
) -> None:
    text = CLOCKIFY_HEAD + "".join(clockify_row(*r) for r in rows)
    parsed = parse_time_csv(text, "clockify", tz=HOME, date_order=order)
    assert parsed.rows[0].start == expected_start


@pytest.mark.parametrize(
    ("duration", "minutes"),
    [("01:30:00", 90), ("1:30", 90), ("18:25 min", 18), ("45 sec", 1), ("1.5 h", 90), ("0.25", 15)],
)
def test_end_from_duration_when_missing(duration: str, minutes: int) -> None:
    text = CLOCKIFY_HEAD + clockify_row("11/02/2026", "09:00", "", "", duration=duration)
    row = parse_time_csv(text, "clockify", tz=HOME).rows[0]
    assert round((row.end - row.start).total_seconds() / 60) == minutes


@pytest.mark.parametrize(
    ("row", "line", "reason"),
    [
        (clockify_row("13/25/2026", "09:00", "13/25/2026", "10:00"), 3, "start date"),
        (clockify_row("11/02/2026", "25:00", "11/02/2026", "10:00"), 3, "start time"),
        (clockify_row("11/02/2026", "09:00", "11/02/2026", "08:00"), 3, "before it starts"),
        (
            clockify_row("11/02/2026", "09:00", "11/02/2026", "10:00", billable="Maybe"),
            3,
            "Yes or No",
        ),
        (
            clockify_row("11/02/2026", "09:00", "11/02/2026", "10:00", client="", project=""),
            3,
            "--client",
        ),
        (clockify_row("11/02/2026", "", "11/02/2026", "10:00"), 3, "start date or start time"),
        (clockify_row("11/02/2026", "09:00", "", "", duration="soon"), 3, "no end time"),
        (
            clockify_row("11/02/2026", "09:00", "11/02/2026", "10:00").replace("\n", ',"x"\n'),
            3,
            "fields",
        ),
    ],
)
def test_bad_row_refuses_the_file_with_its_line(row: str, line: int, reason: str) -> None:
    good = clockify_row("11/02/2026", "09:00", "11/02/2026", "10:00")
    with pytest.raises(CsvRowError) as caught:
        parse_time_csv(CLOCKIFY_HEAD + good + row + good, "clockify", tz=HOME)
    assert caught.value.line == line
    assert reason in caught.value.reason
    assert str(caught.value).startswith(f"line {line}: ")


def test_line_numbers_count_lines_inside_quoted_fields() -> None:
    multi = clockify_row(
        "11/02/2026", "09:00", "11/02/2026", "10:00", description="one\ntwo\nthree"
    )
    bad = clockify_row("11/02/2026", "09:00", "11/02/2026", "08:00")
    with pytest.raises(CsvRowError) as caught:
        parse_time_csv(CLOCKIFY_HEAD + multi + "\n" + bad, "clockify", tz=HOME)
    assert caught.value.line == 6  # header 1, multi-line row 2-4, blank 5, bad 6


def test_default_client_for_rows_without_client_or_project() -> None:
    row = clockify_row("11/02/2026", "09:00", "11/02/2026", "10:00", client="", project="")
    parsed = parse_time_csv(CLOCKIFY_HEAD + row, "clockify", tz=HOME, default_client="Acme")
    assert parsed.rows[0].client == "Acme" and parsed.rows[0].tags == ()


def test_project_names_the_client_when_there_is_no_client() -> None:
    row = clockify_row("11/02/2026", "09:00", "11/02/2026", "10:00", client="", project="Koala")
    assert parse_time_csv(CLOCKIFY_HEAD + row, "clockify", tz=HOME).rows[0].client == "Koala"


@pytest.mark.parametrize(
    ("text", "kind", "reason"),
    [
        ("", "toggl", "empty"),
        ("\ufeff", "toggl", "empty"),
        (CLOCKIFY_HEAD, "toggl", "Clockify export"),
        ("User,Email,Start date,Start time,End date,End time\n", "clockify", "Toggl export"),
        ("Name,Hours\nx,1\n", "toggl", "'Start date'"),
        ("Start date,Start time,Description\n", "toggl", "neither an end time nor a duration"),
    ],
)
def test_bad_header(text: str, kind: str, reason: str) -> None:
    with pytest.raises(CsvRowError) as caught:
        parse_time_csv(text, kind, tz=HOME)
    assert caught.value.line == 1 and reason in caught.value.reason


def test_mixed_date_orders_are_refused() -> None:
    text = CLOCKIFY_HEAD + clockify_row("29/04/2025", "9:00", "29/04/2025", "10:00")
    text += clockify_row("04/29/2025", "9:00", "04/29/2025", "10:00")
    with pytest.raises(CsvRowError, match="only as MM/DD/YYYY, the other only as DD/MM") as caught:
        parse_time_csv(text, "clockify", tz=HOME)
    assert caught.value.line == 3 and "'29/04/2025' on line 2" in caught.value.reason


def test_gap_time_is_noted() -> None:
    # 29 Mar 2026 02:30 does not exist in Ljubljana (clocks jump 02:00 -> 03:00).
    text = CLOCKIFY_HEAD + clockify_row("03/29/2026", "02:30", "03/29/2026", "04:00")
    parsed = parse_time_csv(text, "clockify", tz=HOME)
    assert parsed.rows[0].start == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    assert any(note.startswith("line 2: ") and "does not exist" in note for note in parsed.notes)


def test_zero_length_rows_are_skipped_and_named() -> None:
    text = CLOCKIFY_HEAD + clockify_row("11/02/2026", "09:00", "11/02/2026", "09:00")
    text += clockify_row("11/02/2026", "10:00", "11/02/2026", "11:00")
    parsed = parse_time_csv(text, "clockify", tz=HOME)
    assert len(parsed.rows) == 1 and parsed.skipped_lines == (2,)
    assert any("line 2" in note for note in parsed.notes)


def test_user_filter() -> None:
    parsed = parse_time_csv(
        read("toggl_detailed_sample.csv"), "toggl", tz=HOME, user="luka.horvat@example.com"
    )
    assert [r.client for r in parsed.rows] == ["Čebelica d.o.o."]
    parsed = parse_time_csv(read("toggl_detailed_sample.csv"), "toggl", tz=HOME, user="maja novak")
    assert len(parsed.rows) == 2


def test_written_csv_reads_back_the_same() -> None:
    rows = [
        ExportRow(
            "Acme",
            wall(2026, 11, 2, 9, 0),
            wall(2026, 11, 2, 10, 30),
            description='Wireframes, "v2"',
            task="Design",
            tags=("Website", "design", "call"),
            amount=Decimal("60"),
            currency="USD",
        ),
        ExportRow("Koala", wall(2026, 11, 3, 23, 0), wall(2026, 11, 4, 0, 30), billable=False),
    ]
    text = write_toggl_csv(rows, tz=HOME, user="Maja")
    lines = text.splitlines()
    assert lines[0].endswith("Duration,Tags,Amount (USD)")
    assert lines[1] == (
        'Maja,,Acme,Website,Design,"Wireframes, ""v2""",Yes,2026-11-02,09:00:00,'
        '2026-11-02,10:30:00,01:30:00,"design, call",60.00'
    )
    back = parse_time_csv(text, "toggl", tz=HOME)
    assert [(r.client, r.start, r.end, r.tags, r.description, r.billable) for r in back.rows] == [
        (r.client, r.start, r.end, r.tags, r.description, r.billable) for r in rows
    ]
    assert back.currency == "USD"


def test_written_csv_with_several_currencies_labels_each_amount() -> None:
    rows = [
        ExportRow(
            "A",
            wall(2026, 11, 2, 9, 0),
            wall(2026, 11, 2, 10, 0),
            amount=Decimal(40),
            currency="USD",
        ),
        ExportRow(
            "H",
            wall(2026, 11, 2, 11, 0),
            wall(2026, 11, 2, 12, 0),
            amount=Decimal(4500),
            currency="JPY",
        ),
    ]
    lines = write_toggl_csv(rows, tz=HOME).splitlines()
    assert lines[0].endswith(",Amount (),Currency")
    assert lines[1].endswith(",40.00,USD") and lines[2].endswith(",4500,JPY")
