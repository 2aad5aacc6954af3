"""A zone's next UTC-offset change, exact: next_transition and the TZif reader behind it.

Expected instants are UTC literals from tzdata's history, each checked against ``zoneinfo``
by an independent walk (``oracle_next``: hour steps, then bisection), never computed by the
code under test. The walk cannot miss a change: tzdata has none closer than ~4 days.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from importlib import resources
from zoneinfo import ZoneInfo, available_timezones

import pytest

from tests.core import zone_oracle
from vaplanner.core import tzif
from vaplanner.core.hours import next_transition


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def oracle_next(zone: ZoneInfo, after: datetime, days: int = 800) -> datetime | None:
    """The first offset change after ``after`` within ``days``, by zoneinfo alone."""

    def offset(seconds: int) -> timedelta | None:
        return datetime.fromtimestamp(seconds, UTC).astimezone(zone).utcoffset()

    low = int(after.timestamp())
    base = offset(low)
    stop = low + days * 86400
    while low < stop:
        high = low + 3600
        if offset(high) != base:
            while high - low > 1:
                middle = (low + high) // 2
                low, high = (middle, high) if offset(middle) == base else (low, middle)
            return datetime.fromtimestamp(high, UTC)
        low = high
    return None


CASES = [
    # the usual: northern DST, both directions, and exactly at a change
    ("America/New_York", utc(2026, 11, 28), utc(2027, 3, 14, 7)),
    ("America/New_York", utc(2026, 3, 8, 7), utc(2026, 11, 1, 6)),
    ("America/New_York", utc(2026, 3, 8, 6, 59), utc(2026, 3, 8, 7)),
    ("Europe/London", utc(2026, 1, 1), utc(2026, 3, 29, 1)),
    ("Europe/Ljubljana", utc(2026, 4, 1), utc(2026, 10, 25, 1)),
    # negative DST (winter is the "daylight" time in the file) and a 2-hour DST
    ("Europe/Dublin", utc(2026, 4, 1), utc(2026, 10, 25, 1)),
    ("Antarctica/Troll", utc(2026, 1, 1), utc(2026, 3, 29, 1)),
    # southern hemisphere
    ("Australia/Sydney", utc(2026, 1, 1), utc(2026, 4, 4, 16)),
    ("Pacific/Auckland", utc(2026, 5, 1), utc(2026, 9, 26, 14)),
    ("America/Santiago", utc(2026, 1, 1), utc(2026, 4, 5, 3)),
    ("America/Asuncion", utc(2024, 1, 1), utc(2024, 3, 24, 3)),
    ("Pacific/Chatham", utc(2026, 5, 1), utc(2026, 9, 26, 14)),
    # Lord Howe: DST of 30 minutes
    ("Australia/Lord_Howe", utc(2026, 1, 1), utc(2026, 4, 4, 15)),
    ("Australia/Lord_Howe", utc(2026, 4, 4, 15), utc(2026, 10, 3, 15, 30)),
    # half-hour offset with DST
    ("America/St_Johns", utc(2026, 1, 1), utc(2026, 3, 8, 5, 30)),
    # Morocco: clocks go back for Ramadan, a month apart
    ("Africa/Casablanca", utc(2026, 1, 1), utc(2026, 2, 15, 2)),
    ("Africa/Casablanca", utc(2026, 2, 15, 2), utc(2026, 3, 22, 2)),
    # Samoa's last change (it dropped DST in 2021), then nothing
    ("Pacific/Apia", utc(2021, 1, 1), utc(2021, 4, 3, 14)),
    # two changes a week apart (changed, then reverted): a weekly walk from just before
    # the first lands exactly on the second and sees the offset it started with
    ("America/Recife", utc(2000, 10, 8, 2), utc(2000, 10, 8, 3)),
    ("America/Recife", utc(2000, 10, 8, 3), utc(2000, 10, 15, 2)),
    ("America/Noronha", utc(2000, 10, 8, 1), utc(2000, 10, 8, 2)),
    ("America/Boa_Vista", utc(2000, 10, 8, 3), utc(2000, 10, 8, 4)),
    ("America/Argentina/Tucuman", utc(2004, 5, 31), utc(2004, 6, 1, 3)),
    ("America/Argentina/Tucuman", utc(2004, 6, 1, 3), utc(2004, 6, 13, 4)),
    # the closest pair in tzdata: 4 days apart
    ("Africa/Freetown", utc(1939, 8, 31), utc(1939, 9, 1, 1)),
    ("Africa/Freetown", utc(1939, 9, 1, 1), utc(1939, 9, 5, 0, 40)),
    # no DST
    ("Asia/Kolkata", utc(2026, 1, 1), None),
    ("Asia/Kathmandu", utc(2026, 1, 1), None),
    ("Asia/Tokyo", utc(2026, 1, 1), None),
    ("UTC", utc(2026, 1, 1), None),
]


@pytest.mark.parametrize(("zone", "after", "expected"), CASES)
def test_literals_agree_with_zoneinfo(
    zone: str, after: datetime, expected: datetime | None
) -> None:
    assert oracle_next(ZoneInfo(zone), after) == expected


@pytest.mark.parametrize(("zone", "after", "expected"), CASES)
def test_next_transition(zone: str, after: datetime, expected: datetime | None) -> None:
    assert next_transition(zone, after) == expected


@pytest.mark.parametrize(("zone", "after", "expected"), CASES)
def test_next_transition_from_within_the_second(
    zone: str, after: datetime, expected: datetime | None
) -> None:
    # Half a second before a change still finds it; half a second after, it is past.
    if expected is None:
        return
    assert next_transition(zone, expected - timedelta(milliseconds=500)) == expected
    assert next_transition(zone, expected + timedelta(milliseconds=500)) != expected


@pytest.mark.parametrize(
    ("zone", "after"),
    [
        # predicted by tzdata (the values change between releases): compare with the walk
        ("Asia/Gaza", utc(2040, 10, 19)),
        ("Asia/Gaza", utc(2040, 10, 20)),
        ("Asia/Hebron", utc(2054, 3, 27)),
        ("Africa/Casablanca", utc(2060, 1, 1)),
        ("America/New_York", utc(2150, 6, 1)),
        ("Australia/Lord_Howe", utc(2199, 12, 1)),
    ],
)
def test_next_transition_in_predicted_years(zone: str, after: datetime) -> None:
    assert next_transition(zone, after) == oracle_next(ZoneInfo(zone), after)


def test_horizon_limits_the_search() -> None:
    assert next_transition("America/New_York", utc(2026, 11, 28), horizon_days=30) is None
    assert next_transition("America/New_York", utc(2026, 11, 28), horizon_days=107) == utc(
        2027, 3, 14, 7
    )


def test_a_zone_whose_file_cannot_be_read_falls_back_to_a_walk(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(tzif, "zone_changes", lambda key: None)
    for zone, after, expected in CASES:
        assert next_transition(zone, after) == expected, zone


@pytest.mark.slow
def test_every_zone_matches_zoneinfo_from_2020_to_2032() -> None:
    for zone in sorted(available_timezones() - {"localtime", "Factory"}):
        expected = zone_oracle.transitions(zone, 2020, 2032)
        found: list[datetime] = []
        cursor = utc(2020, 1, 1)
        while (change := next_transition(zone, cursor, horizon_days=5000)) is not None:
            if change >= utc(2032, 1, 1):
                break
            found.append(change)
            cursor = change
        assert tuple(found) == expected, zone


# ----------------------------------------------------------------------------- the reader


def _package_file(zone: str) -> bytes:
    """The ``tzdata`` package's file: "slim" (few transitions, the rest by the footer rule),
    where the system's files are often "fat" (every transition to 2037 listed)."""
    return resources.files("tzdata").joinpath("zoneinfo", *zone.split("/")).read_bytes()


@pytest.mark.parametrize(
    "zone",
    [
        "America/New_York",
        "Europe/Lisbon",
        "Pacific/Norfolk",  # its table ends with a transition that keeps the offset
        "Australia/Lord_Howe",
        "Europe/Dublin",
        "America/Godthab",
        "Asia/Jerusalem",
        "Pacific/Chatham",
        "America/Asuncion",
        "Asia/Kathmandu",
    ],
)
def test_slim_files_agree_with_zoneinfo(zone: str) -> None:
    data = _package_file(zone)
    reference = ZoneInfo.from_file(io.BytesIO(data), key=zone)
    parsed = tzif.read_tzif(data)
    rule = tzif.parse_posix_rule(parsed.footer) if parsed.footer else None
    offsets: list[int] = []
    times: list[int] = []
    current = next((o for o, dst in parsed.types if not dst), 0)
    before = current
    for moment, index in zip(parsed.times, parsed.indices, strict=True):
        if parsed.types[index][0] != current:
            current = parsed.types[index][0]
            times.append(moment)
            offsets.append(current)
    changes = tzif.ZoneChanges(
        tuple(times), tuple(offsets), before, rule, parsed.times[-1] if parsed.times else None
    )
    for year in (1990, 2005, 2016, 2020, 2026, 2040, 2100):
        after = utc(year, 1, 1)
        found = tzif.next_offset_change(changes, int(after.timestamp()))
        change = None if found is None else datetime.fromtimestamp(found, UTC)
        if change is not None and change > after + timedelta(days=3 * 366):
            change = None  # past the walk's reach
        assert change == oracle_next(reference, after, days=3 * 366)


def test_read_tzif_refuses_other_data() -> None:
    for data in (b"", b"TZif", b"not a zone file at all, no, not at all: 44 bytes+"):
        with pytest.raises(ValueError):
            tzif.read_tzif(data)


@pytest.mark.parametrize(
    ("text", "std", "dst", "transitions_2030"),
    [
        # US rules: second Sunday of March 02:00 EST, first Sunday of November 02:00 EDT
        (
            "EST5EDT,M3.2.0,M11.1.0",
            -5 * 3600,
            -4 * 3600,
            (utc(2030, 3, 10, 7), utc(2030, 11, 3, 6)),
        ),
        # EU: last Sunday of March and October, 01:00 UTC
        ("CET-1CEST,M3.5.0,M10.5.0/3", 3600, 7200, (utc(2030, 3, 31, 1), utc(2030, 10, 27, 1))),
        # Ireland: "standard" IST in summer, negative DST in winter
        ("IST-1GMT0,M10.5.0,M3.5.0/1", 3600, 0, (utc(2030, 3, 31, 1), utc(2030, 10, 27, 1))),
        # Chatham: 45-minute offsets and times
        (
            "<+1245>-12:45<+1345>,M9.5.0/2:45,M4.1.0/3:45",
            12 * 3600 + 45 * 60,
            13 * 3600 + 45 * 60,
            (utc(2030, 4, 6, 14), utc(2030, 9, 28, 14)),
        ),
        # Greenland: times before midnight (-1) and at midnight of the day (0)
        (
            "<-02>2<-01>,M3.5.0/-1,M10.5.0/0",
            -7200,
            -3600,
            (utc(2030, 3, 31, 1), utc(2030, 10, 27, 1)),
        ),
        # Julian days without (J) and with (plain n) February 29th; 2032 is a leap year
        ("XST3XDT,J60,J300", -3 * 3600, -2 * 3600, (utc(2030, 3, 1, 5), utc(2030, 10, 27, 4))),
        ("XST3XDT,59,299", -3 * 3600, -2 * 3600, (utc(2030, 3, 1, 5), utc(2030, 10, 27, 4))),
    ],
)
def test_posix_rules(
    text: str, std: int, dst: int, transitions_2030: tuple[datetime, datetime]
) -> None:
    rule = tzif.parse_posix_rule(text)
    assert rule is not None
    assert (rule.std, rule.dst) == (std, dst)
    found = tuple(datetime.fromtimestamp(t, UTC) for t, _ in tzif.rule_changes(rule, 2030))
    assert found == transitions_2030


def test_julian_day_forms_differ_in_leap_years() -> None:
    j_rule = tzif.parse_posix_rule("XST3XDT,J60,J300")
    n_rule = tzif.parse_posix_rule("XST3XDT,59,299")
    assert j_rule is not None and n_rule is not None
    # J60 is 1 March every year; day 59 (from 0) is 29 February in a leap year
    assert datetime.fromtimestamp(tzif.rule_changes(j_rule, 2032)[0][0], UTC) == utc(2032, 3, 1, 5)
    assert datetime.fromtimestamp(tzif.rule_changes(n_rule, 2032)[0][0], UTC) == utc(2032, 2, 29, 5)


@pytest.mark.parametrize("text", ["<+0545>-5:45", "UTC0", "JST-9", "<-03>3"])
def test_posix_rule_without_dst(text: str) -> None:
    assert tzif.parse_posix_rule(text) is None


@pytest.mark.parametrize("text", ["", "5", "EST", "EST5EDT,M3.2.0", "EST5EDT,Q1,Q2"])
def test_posix_rule_unreadable(text: str) -> None:
    with pytest.raises(ValueError):
        tzif.parse_posix_rule(text)
