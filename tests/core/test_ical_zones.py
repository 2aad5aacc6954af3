"""VTIMEZONEs: compact, and right when read back by dateutil's tzical (what vobject uses) and
by icalendar's own VTIMEZONE reader, compared hour by hour with ``zoneinfo``."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from dateutil import tz as dateutil_tz

from vaplanner.core.ical_zones import transitions, vtimezone

ZONES = [
    "America/New_York",
    "Europe/London",
    "Europe/Ljubljana",
    "Europe/Dublin",  # negative DST in tzdata
    "Australia/Sydney",  # southern hemisphere: DST over New Year
    "Asia/Kolkata",  # +5:30, no DST
    "Asia/Kathmandu",  # +5:45
    "Pacific/Auckland",
    "Pacific/Chatham",  # +12:45 / +13:45
    "America/St_Johns",  # -3:30 / -2:30
    "Australia/Lord_Howe",  # a half-hour DST
    "Africa/Casablanca",  # transitions around Ramadan: no weekday rule
    "America/Santiago",
    "Asia/Gaza",
]


def _readers(tzid: str, first: int, last: int) -> tuple[object, object, str]:
    component = vtimezone(tzid, first, last)
    text = component.to_ical().decode()
    return dateutil_tz.tzical(io.StringIO(text)).get(), component.to_tz(), text


@pytest.mark.parametrize("tzid", ZONES)
def test_every_hour_of_the_years_in_use_reads_back_right(tzid: str) -> None:
    tzical, icaltz, _ = _readers(tzid, 2026, 2027)
    zone = ZoneInfo(tzid)
    here, end = datetime(2026, 1, 1, tzinfo=UTC), datetime(2028, 1, 1, tzinfo=UTC)
    checked = 0
    while here < end:
        wall = here.astimezone(zone).replace(tzinfo=None)
        # gap and fold wall times are never written with a TZID (see core.ical)
        if wall.replace(tzinfo=zone).utcoffset() == wall.replace(tzinfo=zone, fold=1).utcoffset():
            assert wall.replace(tzinfo=tzical).astimezone(UTC) == here, (tzid, wall)  # type: ignore[arg-type]
            assert wall.replace(tzinfo=icaltz).astimezone(UTC) == here, (tzid, wall)  # type: ignore[arg-type]
            checked += 1
        here += timedelta(hours=3)
    assert checked > 5000


@pytest.mark.parametrize(
    ("tzid", "onsets"),
    [
        ("America/New_York", ["20070311T020000", "20071104T020000"]),  # the 2007 US rule
        ("Europe/London", ["19960331T010000", "19961027T020000"]),  # the 1996 EU rule
        ("Australia/Sydney", ["20080406T030000", "20081005T020000"]),
        ("Asia/Kolkata", ["19700101T000000"]),
    ],
)
def test_rules_are_compact_and_dated_from_when_they_began(tzid: str, onsets: list[str]) -> None:
    _, _, text = _readers(tzid, 2026, 2027)
    assert "RDATE" not in text
    assert [line[8:] for line in text.splitlines() if line.startswith("DTSTART:")] == onsets
    assert text.count("RRULE:") == (0 if len(onsets) == 1 else 2)


def test_rules_are_true_for_every_year_they_claim() -> None:
    tzical, _, _ = _readers("Europe/London", 2026, 2026)
    zone = ZoneInfo("Europe/London")
    for year in range(1997, 2026):
        for month, day in ((1, 15), (7, 15)):
            wall = datetime(year, month, day, 12, 0)
            assert wall.replace(tzinfo=tzical).utcoffset() == wall.replace(tzinfo=zone).utcoffset()  # type: ignore[arg-type]


def test_a_rule_that_ends_inside_the_window_gets_an_until_day_after_its_last_onset() -> None:
    # the US rule changed in 2007: the 1987-2006 rule ends, the 2007 rule runs on
    tzical, _, text = _readers("America/New_York", 2005, 2008)
    assert "DTSTART:19870405T020000\r\nRRULE:FREQ=YEARLY;UNTIL=20060403T070000Z;BYDAY=1SU" in text
    assert "DTSTART:20070311T020000\r\nRRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3\r\n" in text
    zone = ZoneInfo("America/New_York")
    for wall in (datetime(2006, 3, 20, 12), datetime(2007, 3, 20, 12), datetime(2006, 10, 31, 12)):
        assert wall.replace(tzinfo=tzical).utcoffset() == wall.replace(tzinfo=zone).utcoffset()  # type: ignore[arg-type]


def test_transitions_are_found_to_the_second() -> None:
    found = transitions(
        "America/New_York", datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC)
    )
    assert [t.at for t in found] == [
        datetime(2026, 3, 8, 7, 0, tzinfo=UTC),
        datetime(2026, 11, 1, 6, 0, tzinfo=UTC),
    ]
    assert [(t.daylight, t.name) for t in found] == [(True, "EDT"), (False, "EST")]
