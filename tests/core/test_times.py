"""Parsing and resolving times: zones, gaps/folds, durations, clocks, dates and instants.

Expected instants are UTC literals; a separate test checks every literal against
``zoneinfo`` directly, so neither depends on the code under test.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vaplanner.core.errors import TimeParseError, ZoneError
from vaplanner.core.models import TimeRange, WeekHours
from vaplanner.core.times import (
    day_bounds,
    format_duration,
    format_elapsed,
    format_offset,
    format_week_hours,
    get_zone,
    parse_clock,
    parse_date,
    parse_days,
    parse_duration,
    parse_time_range,
    parse_wall,
    parse_week_hours,
    parse_when,
    parse_when_noted,
    resolve_wall,
    to_local,
    validate_zone,
    week_hours,
)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


# ------------------------------------------------------------------------------------- zones


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("America/New_York", "America/New_York"),
        ("Asia/Kathmandu", "Asia/Kathmandu"),
        ("  Europe/Ljubljana ", "Europe/Ljubljana"),
        ("europe/london", "Europe/London"),
        ("new york", "America/New_York"),
        ("kolkata", "Asia/Kolkata"),
        ("St_Johns", "America/St_Johns"),
        ("utc", "UTC"),
    ],
)
def test_validate_zone_accepts_exact_and_unique_forms(typed: str, canonical: str) -> None:
    assert validate_zone(typed) == canonical
    assert get_zone(typed) == ZoneInfo(canonical)


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [
        ("Europe/Lubljana", "Europe/Ljubljana"),
        ("Pacific/Aukland", "Pacific/Auckland"),
        ("America/Newyork", "America/New_York"),
        ("Sidney", "Australia/Sydney"),
        ("EST5", "EST"),
        ("indianapolis", "America/Indianapolis"),
    ],
)
def test_validate_zone_suggests_close_names(typed: str, suggested: str) -> None:
    with pytest.raises(ZoneError) as caught:
        validate_zone(typed)
    message = str(caught.value)
    assert message.startswith(f"unknown time zone {typed!r}; did you mean ")
    assert suggested in message
    assert "America/New_York" in message
    assert "\n" not in message


def test_validate_zone_exact_message_for_a_typo() -> None:
    with pytest.raises(
        ZoneError,
        match=r"^unknown time zone 'Europe/Lubljana'; did you mean "
        r"Europe/Ljubljana\? Use an IANA name such as America/New_York$",
    ):
        validate_zone("Europe/Lubljana")


@pytest.mark.parametrize("typed", ["", "   ", "Mars/Olympus_Mons_Base", "../etc/passwd", "America"])
def test_validate_zone_rejects_nonsense_with_a_hint(typed: str) -> None:
    with pytest.raises(ZoneError, match="IANA name such as America/New_York"):
        validate_zone(typed)


@pytest.mark.parametrize("typed", ["Europe/Lubljana", "", "Mars/Olympus_Mons_Base", "America"])
def test_a_bad_zone_raises_every_time(typed: str) -> None:
    # Lookups are cached; failures must not be: the second and third calls raise the same.
    messages = set()
    for _ in range(3):
        with pytest.raises(ZoneError) as caught:
            get_zone(typed)
        messages.add(str(caught.value))
        with pytest.raises(ZoneError):
            validate_zone(typed)
    assert len(messages) == 1


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [("new york", "America/New_York"), ("America/New_York", "America/New_York"), ("UTC", "UTC")],
)
def test_cached_lookups_give_the_same_answer(typed: str, canonical: str) -> None:
    first = get_zone(typed)
    for _ in range(3):
        assert validate_zone(typed) == canonical
        assert get_zone(typed) is first
    assert first == ZoneInfo(canonical)


def test_zone_cache_stays_bounded() -> None:
    from vaplanner.core import zones

    for index in range(zones._FOUND_LIMIT + 10):
        validate_zone("UTC" + " " * index)  # distinct spellings of one zone
    assert len(zones._FOUND) <= zones._FOUND_LIMIT
    assert validate_zone("Asia/Kathmandu") == "Asia/Kathmandu"


def test_times_reexports_every_public_name_of_its_parts() -> None:
    from vaplanner.core import times, weekhours, zones

    for part in (zones, weekhours):
        for name in dir(part):
            value = getattr(part, name)
            if name.startswith("_") or not callable(value) or isinstance(value, type):
                continue
            if getattr(value, "__module__", None) != part.__name__:
                continue  # imported into the part, not defined there
            if name in {"quote_input", "clock_minutes"}:
                continue  # shared between the parts, not for callers
            assert getattr(times, name, None) is value, name
            assert name in times.__all__, name


# ------------------------------------------------------------------------ walls: gap and fold

ZONES = [
    "America/New_York",
    "Europe/London",
    "Europe/Ljubljana",
    "Australia/Sydney",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Pacific/Auckland",
    "America/St_Johns",
]

# (zone, naive wall time, expected UTC instant, what kind of wall time it is)
WALLS: list[tuple[str, datetime, datetime, str]] = [
    # New York: spring forward 8 Mar 2026 02:00 EST -> 03:00 EDT; back 1 Nov 02:00 -> 01:00.
    ("America/New_York", datetime(2026, 3, 8, 1, 59), utc(2026, 3, 8, 6, 59), "normal"),
    ("America/New_York", datetime(2026, 3, 8, 2, 0), utc(2026, 3, 8, 7, 0), "gap"),
    ("America/New_York", datetime(2026, 3, 8, 2, 30), utc(2026, 3, 8, 7, 30), "gap"),
    ("America/New_York", datetime(2026, 3, 8, 3, 0), utc(2026, 3, 8, 7, 0), "normal"),
    ("America/New_York", datetime(2026, 11, 1, 0, 59), utc(2026, 11, 1, 4, 59), "normal"),
    ("America/New_York", datetime(2026, 11, 1, 1, 0), utc(2026, 11, 1, 5, 0), "fold"),
    ("America/New_York", datetime(2026, 11, 1, 1, 30), utc(2026, 11, 1, 5, 30), "fold"),
    ("America/New_York", datetime(2026, 11, 1, 2, 0), utc(2026, 11, 1, 7, 0), "normal"),
    ("America/New_York", datetime(2026, 7, 1, 12, 0), utc(2026, 7, 1, 16, 0), "normal"),
    # London: 29 Mar 2026 01:00 GMT -> 02:00 BST; 25 Oct 02:00 BST -> 01:00 GMT.
    ("Europe/London", datetime(2026, 3, 29, 1, 30), utc(2026, 3, 29, 1, 30), "gap"),
    ("Europe/London", datetime(2026, 3, 29, 2, 0), utc(2026, 3, 29, 1, 0), "normal"),
    ("Europe/London", datetime(2026, 10, 25, 1, 30), utc(2026, 10, 25, 0, 30), "fold"),
    ("Europe/London", datetime(2026, 10, 25, 2, 0), utc(2026, 10, 25, 2, 0), "normal"),
    ("Europe/London", datetime(2026, 1, 15, 9, 0), utc(2026, 1, 15, 9, 0), "normal"),
    # Ljubljana: 29 Mar 02:00 CET -> 03:00 CEST; 25 Oct 03:00 CEST -> 02:00 CET.
    ("Europe/Ljubljana", datetime(2026, 3, 29, 2, 30), utc(2026, 3, 29, 1, 30), "gap"),
    ("Europe/Ljubljana", datetime(2026, 3, 29, 3, 0), utc(2026, 3, 29, 1, 0), "normal"),
    ("Europe/Ljubljana", datetime(2026, 10, 25, 2, 30), utc(2026, 10, 25, 0, 30), "fold"),
    ("Europe/Ljubljana", datetime(2026, 10, 25, 3, 0), utc(2026, 10, 25, 2, 0), "normal"),
    ("Europe/Ljubljana", datetime(2026, 11, 28, 14, 32), utc(2026, 11, 28, 13, 32), "normal"),
    # Sydney: 5 Apr 2026 03:00 AEDT -> 02:00 AEST; 4 Oct 02:00 AEST -> 03:00 AEDT.
    ("Australia/Sydney", datetime(2026, 4, 5, 2, 30), utc(2026, 4, 4, 15, 30), "fold"),
    ("Australia/Sydney", datetime(2026, 4, 5, 3, 0), utc(2026, 4, 4, 17, 0), "normal"),
    ("Australia/Sydney", datetime(2026, 10, 4, 2, 30), utc(2026, 10, 3, 16, 30), "gap"),
    ("Australia/Sydney", datetime(2026, 10, 4, 3, 0), utc(2026, 10, 3, 16, 0), "normal"),
    # Kolkata +05:30 and Kathmandu +05:45 never change.
    ("Asia/Kolkata", datetime(2026, 3, 8, 9, 0), utc(2026, 3, 8, 3, 30), "normal"),
    ("Asia/Kolkata", datetime(2026, 10, 25, 2, 30), utc(2026, 10, 24, 21, 0), "normal"),
    ("Asia/Kathmandu", datetime(2026, 11, 28, 9, 0), utc(2026, 11, 28, 3, 15), "normal"),
    ("Asia/Kathmandu", datetime(2026, 1, 1, 0, 0), utc(2025, 12, 31, 18, 15), "normal"),
    # Auckland: 5 Apr 2026 03:00 NZDT -> 02:00 NZST; 27 Sep 02:00 NZST -> 03:00 NZDT.
    ("Pacific/Auckland", datetime(2026, 4, 5, 2, 30), utc(2026, 4, 4, 13, 30), "fold"),
    ("Pacific/Auckland", datetime(2026, 4, 5, 3, 0), utc(2026, 4, 4, 15, 0), "normal"),
    ("Pacific/Auckland", datetime(2026, 9, 27, 2, 30), utc(2026, 9, 26, 14, 30), "gap"),
    ("Pacific/Auckland", datetime(2026, 9, 27, 3, 0), utc(2026, 9, 26, 14, 0), "normal"),
    # St John's -03:30 / -02:30: 8 Mar 02:00 NST -> 03:00 NDT; 1 Nov 02:00 NDT -> 01:00 NST.
    ("America/St_Johns", datetime(2026, 3, 8, 2, 30), utc(2026, 3, 8, 6, 0), "gap"),
    ("America/St_Johns", datetime(2026, 3, 8, 3, 0), utc(2026, 3, 8, 5, 30), "normal"),
    ("America/St_Johns", datetime(2026, 11, 1, 1, 30), utc(2026, 11, 1, 4, 0), "fold"),
    ("America/St_Johns", datetime(2026, 11, 1, 2, 0), utc(2026, 11, 1, 5, 30), "normal"),
]


def test_wall_table_covers_every_zone() -> None:
    assert {zone for zone, *_ in WALLS} == set(ZONES)


@pytest.mark.parametrize(("zone", "wall", "expected", "kind"), WALLS)
def test_expected_literals_agree_with_zoneinfo(
    zone: str, wall: datetime, expected: datetime, kind: str
) -> None:
    # Guards the table itself: fold=0 is RFC 5545's choice for both gap and fold.
    assert wall.replace(tzinfo=ZoneInfo(zone), fold=0).astimezone(UTC) == expected
    first = wall.replace(tzinfo=ZoneInfo(zone), fold=0).utcoffset()
    second = wall.replace(tzinfo=ZoneInfo(zone), fold=1).utcoffset()
    assert (kind != "normal") == (first != second)


@pytest.mark.parametrize(("zone", "wall", "expected", "kind"), WALLS)
def test_resolve_wall(zone: str, wall: datetime, expected: datetime, kind: str) -> None:
    instant, note = resolve_wall(wall, zone)
    assert instant == expected
    assert instant.utcoffset() == timedelta(0)
    if kind == "normal":
        assert note is None
    else:
        assert note is not None
        assert zone in note
        assert f"({expected:%H:%M} UTC)" in note
        assert ("does not exist" in note) == (kind == "gap")
        assert ("happens twice" in note) == (kind == "fold")


def test_gap_note_names_the_instant_used() -> None:
    _, note = resolve_wall(datetime(2026, 3, 8, 2, 30), "America/New_York")
    assert note == (
        "02:30 on 8 Mar 2026 does not exist in America/New_York (clocks go forward 1 hour); "
        "used 03:30 EDT (07:30 UTC)"
    )


def test_fold_note_says_first_occurrence() -> None:
    _, note = resolve_wall(datetime(2026, 11, 1, 1, 30), "America/New_York")
    assert note == (
        "01:30 on 1 Nov 2026 happens twice in America/New_York (clocks go back 1 hour); "
        "used the first, 01:30 EDT (05:30 UTC)"
    )


def test_half_hour_shift_is_said_in_minutes() -> None:
    # Lord Howe Island moves its clocks by 30 minutes.
    _, note = resolve_wall(datetime(2026, 10, 4, 2, 10), "Australia/Lord_Howe")
    assert note is not None and "forward 30 minutes" in note


def test_resolve_wall_rejects_aware_input() -> None:
    with pytest.raises(ValueError):
        resolve_wall(utc(2026, 1, 1), "UTC")


@pytest.mark.parametrize(
    ("day", "zone", "start", "hours"),
    [
        (date(2026, 3, 8), "America/New_York", utc(2026, 3, 8, 5, 0), 23),
        (date(2026, 11, 1), "America/New_York", utc(2026, 11, 1, 4, 0), 25),
        (date(2026, 3, 29), "Europe/London", utc(2026, 3, 29, 0, 0), 23),
        (date(2026, 10, 25), "Europe/Ljubljana", utc(2026, 10, 24, 22, 0), 25),
        (date(2026, 4, 5), "Australia/Sydney", utc(2026, 4, 4, 13, 0), 25),
        (date(2026, 9, 27), "Pacific/Auckland", utc(2026, 9, 26, 12, 0), 23),
        (date(2026, 11, 28), "Asia/Kathmandu", utc(2026, 11, 27, 18, 15), 24),
        (date(2026, 11, 1), "America/St_Johns", utc(2026, 11, 1, 2, 30), 25),
        # Havana springs forward at midnight: the day starts at the jump (01:00 CDT).
        (date(2026, 3, 8), "America/Havana", utc(2026, 3, 8, 5, 0), 23),
    ],
)
def test_day_bounds(day: date, zone: str, start: datetime, hours: int) -> None:
    zone_info = ZoneInfo(zone)
    assert datetime.combine(day, time(0), zone_info).astimezone(UTC) == start
    assert day_bounds(day, zone) == (start, start + timedelta(hours=hours))


@pytest.mark.parametrize(
    ("instant", "zone", "wall", "offset"),
    [
        (utc(2026, 11, 28, 13, 32), "Asia/Kathmandu", datetime(2026, 11, 28, 19, 17), "+05:45"),
        (utc(2026, 11, 28, 13, 32), "America/St_Johns", datetime(2026, 11, 28, 10, 2), "-03:30"),
        (utc(2026, 7, 1, 12, 0), "America/St_Johns", datetime(2026, 7, 1, 9, 30), "-02:30"),
        (utc(2026, 11, 28, 13, 32), "Pacific/Auckland", datetime(2026, 11, 29, 2, 32), "+13:00"),
    ],
)
def test_to_local_and_offset(instant: datetime, zone: str, wall: datetime, offset: str) -> None:
    local = to_local(instant, zone)
    assert local.replace(tzinfo=None) == wall
    assert format_offset(local.utcoffset()) == offset


# --------------------------------------------------------------------------------- durations


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("90", 90),
        ("90m", 90),
        ("90 min", 90),
        ("1h30m", 90),
        ("1h 30m", 90),
        ("1.5h", 90),
        (".5h", 30),
        ("1:30", 90),
        ("0:45", 45),
        ("2h", 120),
        ("2 hours", 120),
        ("1H30M", 90),
        ("0.1h", 6),
        ("25m", 25),
    ],
)
def test_parse_duration(text: str, minutes: int) -> None:
    assert parse_duration(text) == minutes


@pytest.mark.parametrize("text", ["", "abc", "-15m", "1:75", "h", "m", "1h30", "1.5.2h", "3d"])
def test_parse_duration_rejects_with_accepted_forms(text: str) -> None:
    with pytest.raises(TimeParseError, match=r"90, 90m, 1h30m, 1\.5h or 1:30"):
        parse_duration(text)


@pytest.mark.parametrize("text", ["0", "0m", "0:00", "0h"])
def test_zero_duration_is_refused_unless_allowed(text: str) -> None:
    with pytest.raises(TimeParseError, match="zero"):
        parse_duration(text)
    assert parse_duration(text, allow_zero=True) == 0


@pytest.mark.parametrize("text", ["²", "³0m", "1h²", "٣", "١:٣٠", "٣٠m", "१h", "1²:30"])
def test_parse_duration_takes_ascii_digits_only(text: str) -> None:
    """Superscripts pass str.isdigit() but not int(); other scripts' digits are refused too,
    so what is accepted is what the message lists."""
    with pytest.raises(TimeParseError, match=r"90, 90m, 1h30m"):
        parse_duration(text)


@pytest.mark.parametrize(
    "text",
    ["9" * 5000, "9" * 5000 + "m", "1" + "0" * 400 + "h", "99999999h", "1:" + "0" * 2,
     f"{100 * 366 * 24}h", "9" * 13 + ":00", "52560001"],
    ids=lambda text: text[:20],
)  # fmt: skip
def test_parse_duration_refuses_more_than_a_century(text: str) -> None:
    if text == "1:00":
        assert parse_duration(text) == 60  # the shortest hour form is fine
        return
    with pytest.raises(TimeParseError, match="longer than 100 years") as caught:
        parse_duration(text)
    assert len(str(caught.value)) < 160  # a pasted number is shown cut short


def test_parse_duration_takes_a_century() -> None:
    assert parse_duration("52560000") == 100 * 365 * 24 * 60
    assert parse_duration("876000h") == 100 * 365 * 24 * 60


@pytest.mark.parametrize(
    ("minutes", "text"), [(0, "0:00"), (5, "0:05"), (65, "1:05"), (600, "10:00"), (-5, "-0:05")]
)
def test_format_duration(minutes: int, text: str) -> None:
    assert format_duration(minutes) == text


@pytest.mark.parametrize(
    ("seconds", "text"), [(0, "0:00:00"), (59, "0:00:59"), (4353, "1:12:33"), (36000, "10:00:00")]
)
def test_format_elapsed(seconds: int, text: str) -> None:
    assert format_elapsed(seconds) == text


@given(st.integers(min_value=1, max_value=100_000))
def test_duration_round_trips_through_every_written_form(minutes: int) -> None:
    hours, rest = divmod(minutes, 60)
    assert parse_duration(format_duration(minutes)) == minutes
    assert parse_duration(f"{minutes}m") == minutes
    assert parse_duration(str(minutes)) == minutes
    assert parse_duration(f"{hours}h{rest}m") == minutes
    assert parse_duration(f"{minutes / 60}h") == minutes


# ------------------------------------------------------------------------------ clock and date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9:30", time(9, 30)),
        ("09:30", time(9, 30)),
        ("14:00", time(14, 0)),
        ("1400", time(14, 0)),
        ("9", time(9, 0)),
        ("9am", time(9, 0)),
        ("9 AM", time(9, 0)),
        ("2:30pm", time(14, 30)),
        ("12am", time(0, 0)),
        ("12pm", time(12, 0)),
        ("12:15am", time(0, 15)),
        ("noon", time(12, 0)),
        ("23:59", time(23, 59)),
    ],
)
def test_parse_clock(text: str, expected: time) -> None:
    assert parse_clock(text) == expected


@pytest.mark.parametrize("text", ["", "25:00", "9:60", "13pm", "0am", "24:00", "nine", "9:5"])
def test_parse_clock_rejects(text: str) -> None:
    with pytest.raises(TimeParseError, match="HH:MM"):
        parse_clock(text)


SATURDAY = date(2026, 11, 28)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-01", date(2026, 12, 1)),
        ("today", SATURDAY),
        ("tomorrow", date(2026, 11, 29)),
        ("yesterday", date(2026, 11, 27)),
        ("sat", SATURDAY),  # today counts
        ("mon", date(2026, 11, 30)),
        ("Friday", date(2026, 12, 4)),
        ("+3d", date(2026, 12, 1)),
        ("-1d", date(2026, 11, 27)),
        ("+2w", date(2026, 12, 12)),
        ("1 Dec 2026", date(2026, 12, 1)),
        ("Dec 24", date(2026, 12, 24)),
    ],
)
def test_parse_date(text: str, expected: date) -> None:
    assert parse_date(text, today=SATURDAY) == expected


@pytest.mark.parametrize("text", ["", "someday", "2026-13-01", "31 Feb 2026", "tomorrow 14:00"])
def test_parse_date_rejects(text: str) -> None:
    with pytest.raises(TimeParseError, match="YYYY-MM-DD"):
        parse_date(text, today=SATURDAY)


@pytest.mark.parametrize(
    "text",
    ["0001-01-01", "9999-12-31", "1899-12-31", "2201-01-01", "-999999d", "+99999999d",
     "+9999999999999w", "1 Jan 1800", "31 Dec 2201"],
)  # fmt: skip
def test_parse_date_refuses_years_outside_1900_to_2200(text: str) -> None:
    with pytest.raises(TimeParseError, match="1900 to 2200"):
        parse_date(text, today=SATURDAY)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1900-01-01", date(1900, 1, 1)), ("2200-12-31", date(2200, 12, 31)),
     ("-46000d", SATURDAY - timedelta(days=46000)), ("+63000d", SATURDAY + timedelta(days=63000))],
)  # fmt: skip
def test_parse_date_takes_the_ends_of_the_range(text: str, expected: date) -> None:
    assert parse_date(text, today=SATURDAY) == expected


NOW = utc(2026, 11, 28, 13, 32)  # 14:32 in Ljubljana


@pytest.mark.parametrize(
    ("text", "tz", "match"),
    [
        ("+99999999999m", "UTC", "longer than 100 years"),
        ("in 9999999999h", "UTC", "longer than 100 years"),
        ("-999999h", "UTC", "longer than 100 years"),
        ("+876000h", "UTC", "1900 to 2200"),  # a century on: 2126, fine; see below
        ("0001-01-01 00:00", "Asia/Tokyo", "1900 to 2200"),
        ("9999-12-31 23:59", "America/New_York", "1900 to 2200"),
        ("0001-01-01T00:00+09:00", "UTC", "1900 to 2200"),
        ("9999-12-31T23:59-05:00", "UTC", "1900 to 2200"),
        ("-999999d 10:00", "UTC", "1900 to 2200"),
        ("1850-06-01", "Europe/London", "1900 to 2200"),
    ],
)
def test_parse_when_refuses_the_ends_of_the_calendar(text: str, tz: str, match: str) -> None:
    if text == "+876000h":
        assert parse_when(text, tz=tz, now=NOW) == NOW + timedelta(hours=876000)
        return
    with pytest.raises(TimeParseError, match=match):
        parse_when(text, tz=tz, now=NOW)
    with pytest.raises(TimeParseError, match=match):
        parse_when_noted(text, tz=tz, now=NOW)


def test_a_relative_time_past_2200_is_refused() -> None:
    far = utc(2190, 1, 1)
    with pytest.raises(TimeParseError, match="1900 to 2200"):
        parse_when("+100000d", tz="UTC", now=far)  # not a duration form: a date that is too far
    with pytest.raises(TimeParseError, match="1900 to 2200"):
        parse_when("in 200000h", tz="UTC", now=far)
    assert parse_when("in 2000h", tz="UTC", now=far) == far + timedelta(hours=2000)


@pytest.mark.parametrize("day", [date(1, 1, 1), date(9999, 12, 31), date(1899, 12, 31)])
def test_day_bounds_refuses_days_outside_the_accepted_years(day: date) -> None:
    with pytest.raises(TimeParseError, match="1900 to 2200"):
        day_bounds(day, "Asia/Tokyo")


def test_day_bounds_at_the_ends_of_the_range() -> None:
    assert day_bounds(date(1900, 1, 1), "UTC") == (utc(1900, 1, 1), utc(1900, 1, 2))
    assert day_bounds(date(2200, 12, 31), "UTC") == (utc(2200, 12, 31), utc(2201, 1, 1))


@pytest.mark.parametrize(
    ("text", "tz", "expected"),
    [
        ("now", "Europe/Ljubljana", NOW),
        ("09:10", "Europe/Ljubljana", utc(2026, 11, 28, 8, 10)),
        ("09:10", "Asia/Kathmandu", utc(2026, 11, 28, 3, 25)),
        ("2026-11-20 09:10", "Europe/Ljubljana", utc(2026, 11, 20, 8, 10)),
        ("2026-07-20 09:10", "Europe/Ljubljana", utc(2026, 7, 20, 7, 10)),
        ("-15m", "Europe/Ljubljana", utc(2026, 11, 28, 13, 17)),
        ("+1h", "Europe/Ljubljana", utc(2026, 11, 28, 14, 32)),
        ("15m ago", "Europe/Ljubljana", utc(2026, 11, 28, 13, 17)),
        ("in 2h", "Europe/Ljubljana", utc(2026, 11, 28, 15, 32)),
        ("+1h30m", "Asia/Kolkata", utc(2026, 11, 28, 15, 2)),
        ("tomorrow 14:00", "Europe/Ljubljana", utc(2026, 11, 29, 13, 0)),
        ("tomorrow 2:30 pm", "Europe/Ljubljana", utc(2026, 11, 29, 13, 30)),
        ("mon 9:00", "America/New_York", utc(2026, 11, 30, 14, 0)),
        ("1 Dec 2026 2pm", "Europe/London", utc(2026, 12, 1, 14, 0)),
        ("2026-12-01", "Europe/Ljubljana", utc(2026, 11, 30, 23, 0)),
        ("2026-11-20T09:10Z", "Asia/Kolkata", utc(2026, 11, 20, 9, 10)),
        ("2026-11-20T09:10+05:45", "UTC", utc(2026, 11, 20, 3, 25)),
        # "today" for a client in Auckland is already Sunday 29 Nov at this instant.
        ("08:00", "Pacific/Auckland", utc(2026, 11, 28, 19, 0)),
        ("2026-03-08 02:30", "America/New_York", utc(2026, 3, 8, 7, 30)),
        ("2026-04-05 02:30", "Australia/Sydney", utc(2026, 4, 4, 15, 30)),
    ],
)
def test_parse_when(text: str, tz: str, expected: datetime) -> None:
    assert parse_when(text, tz=tz, now=NOW) == expected


def test_parse_when_noted_reports_gap() -> None:
    instant, note = parse_when_noted("2026-09-27 02:15", tz="Pacific/Auckland", now=NOW)
    assert instant == utc(2026, 9, 26, 14, 15)
    assert note is not None and "does not exist in Pacific/Auckland" in note


@pytest.mark.parametrize("text", ["", "whenever", "+", "in two hours", "2026-11-40 10:00"])
def test_parse_when_rejects(text: str) -> None:
    with pytest.raises(TimeParseError, match="YYYY-MM-DD HH:MM"):
        parse_when(text, tz="Europe/Ljubljana", now=NOW)


def test_parse_when_checks_the_zone() -> None:
    with pytest.raises(ZoneError):
        parse_when("09:00", tz="Europe/Lubljana", now=NOW)


# ----------------------------------------------------------------------------- weekly hours


@pytest.mark.parametrize(
    ("text", "start", "end_minute"),
    [
        ("09:00-17:00", time(9), 17 * 60),
        ("9-17", time(9), 17 * 60),
        ("9am-5:30pm", time(9), 17 * 60 + 30),
        ("22:00-24:00", time(22), 1440),
        ("00:00 - 02:00", time(0), 120),
        ("08:15–12:45", time(8, 15), 12 * 60 + 45),
        ("00:00-24:00", time(0), 1440),
        # an end at or before the start is the next morning: a night shift
        ("22:00-02:00", time(22), 26 * 60),
        ("10pm-2am", time(22), 26 * 60),
        ("23:30-00:15", time(23, 30), 24 * 60 + 15),
        ("20:00-08:00", time(20), 32 * 60),  # 12 hours: the longest 24-hour night
        ("18:00-05:30", time(18), 29 * 60 + 30),
        # longer nights said with am/pm, noon or midnight
        ("5pm-9am", time(17), 33 * 60),
        ("9am-5am", time(9), 29 * 60),
        ("noon-8am", time(12), 32 * 60),
        ("12:01am-midnight", time(0, 1), 1440),
    ],
)
def test_parse_time_range(text: str, start: time, end_minute: int) -> None:
    parsed = parse_time_range(text)
    assert parsed.start == start
    assert parsed.end_minute == end_minute
    assert parsed.minutes == end_minute - (start.hour * 60 + start.minute)
    assert 0 < parsed.minutes <= 1440


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        # a 12-hour range without am/pm: the afternoon
        ("9-5", "09:00-17:00"),
        ("9:00-5:00", "09:00-17:00"),
        ("09:00-05:00", "09:00-17:00"),
        ("10:30-6", "10:30-18:00"),
        ("12-8", "12:00-20:00"),
        ("11:00-01:00", "11:00-13:00"),
        # a day range the wrong way round
        ("17:00-09:00", "09:00-17:00"),
        ("18:00-08:00", "08:00-18:00"),
        ("13:00-11:59", "11:59-13:00"),
        ("00:01-00:00", "00:00-00:01"),
    ],
)
def test_a_long_24_hour_night_is_refused_with_a_suggestion(text: str, meant: str) -> None:
    # More than 12 hours past midnight in 24-hour form is nearly always a slip: ask.
    with pytest.raises(TimeParseError) as caught:
        parse_time_range(text)
    message = str(caught.value)
    assert f"ends before it starts; did you mean {meant}? " in message
    assert "need am/pm (e.g. 5pm-9am)" in message
    assert parse_time_range(meant).minutes > 0  # the suggestion itself reads


@pytest.mark.parametrize("text", ["09:00-09:00", "00:00-00:00", "22:00-22:00", "12:30-12:30"])
def test_time_range_must_not_start_and_end_together(text: str) -> None:
    with pytest.raises(TimeParseError, match="starts and ends at the same time.*00:00-24:00"):
        parse_time_range(text)


@pytest.mark.parametrize(
    ("ranges", "days", "expected"),
    [
        # the night shift joins a range that ends as it starts, on the same day
        (["18:00-22:00", "22:00-02:00"], "mon", (TimeRange(time(18), time(2)),)),
        (["22:00-02:00", "23:00-01:00"], "mon", (TimeRange(time(22), time(2)),)),
        # a morning range and the night shift of the same day stay apart
        (
            ["00:00-02:00", "22:00-02:00"],
            "fri",
            (TimeRange(time(0), time(2)), TimeRange(time(22), time(2))),
        ),
        (
            ["20:00-08:00", "07:00-09:00"],
            "sun",
            (TimeRange(time(7), time(9)), TimeRange(time(20), time(8))),
        ),
    ],
)
def test_week_hours_joins_overnight_ranges(
    ranges: list[str], days: str, expected: tuple[TimeRange, ...]
) -> None:
    hours = week_hours(ranges, days)
    day = parse_days(days)[0]
    assert hours.days[day] == expected


@pytest.mark.parametrize(
    "ranges",
    [
        ["08:00-12:00", "9am-8:30am"],
        ["07:00-09:00", "8am-7am"],
        ["22:00-06:00", "05:00-23:00"],
    ],
)
def test_joined_ranges_may_not_reach_a_day(ranges: list[str]) -> None:
    with pytest.raises(TimeParseError, match="24 hours or more"):
        week_hours(ranges, "mon")


@pytest.mark.parametrize("text", ["9", "09:00-", "24:00-24:00", "a-b", "09:00-17:00-18:00"])
def test_time_range_unreadable(text: str) -> None:
    with pytest.raises(TimeParseError, match="HH:MM-HH:MM"):
        parse_time_range(text)


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("mon-fri", (0, 1, 2, 3, 4)),
        ("mon,wed,fri", (0, 2, 4)),
        ("sat-sun", (5, 6)),
        ("fri-mon", (0, 4, 5, 6)),
        ("Monday-Thursday", (0, 1, 2, 3)),
        ("tue thu", (1, 3)),
        ("weekdays", (0, 1, 2, 3, 4)),
        ("weekend", (5, 6)),
        ("daily", (0, 1, 2, 3, 4, 5, 6)),
        ("sun", (6,)),
    ],
)
def test_parse_days(text: str, days: tuple[int, ...]) -> None:
    assert parse_days(text) == days


@pytest.mark.parametrize("text", ["", "funday", "mon-xyz", "s"])
def test_parse_days_rejects(text: str) -> None:
    with pytest.raises(TimeParseError, match="mon-fri"):
        parse_days(text)


def test_week_hours_and_format() -> None:
    hours = week_hours("09:00-12:00,13:00-17:00", "mon-thu")
    assert hours.days[0] == (TimeRange(time(9), time(12)), TimeRange(time(13), time(17)))
    assert hours.days[4] == ()
    assert hours.weekly_minutes == 4 * 7 * 60
    assert format_week_hours(hours) == "mon-thu 09:00-12:00,13:00-17:00"
    assert format_week_hours(WeekHours()) == "mon-fri 09:00-17:00"
    assert format_week_hours(week_hours(["22:00-24:00"], "sat")) == "sat 22:00-24:00"
    assert format_week_hours(WeekHours(((),) * 7)) == "none"


def test_week_hours_merges_overlaps() -> None:
    hours = week_hours(["09:00-12:00", "11:00-13:00", "13:00-14:00"], "mon")
    assert hours.days[0] == (TimeRange(time(9), time(14)),)


@pytest.mark.parametrize(
    "text",
    [
        "mon-fri 09:00-17:00",
        "mon-thu 09:00-12:00,13:00-17:00; fri 09:00-13:00",
        "mon,wed,fri 08:00-16:00; sat 10:00-14:00",
        "sun 00:00-02:00,22:00-24:00",
        "fri 22:00-02:00",
        "mon-fri 09:00-12:00,22:00-02:00; sat 23:30-00:15",
        "sun 00:00-24:00",
        "tue 20:00-08:00",
        "sat 5pm-9am; sun 9:30pm-11:45am",
        "wed 12pm-11:30am",
        "none",
    ],
)
def test_week_hours_text_round_trip(text: str) -> None:
    assert format_week_hours(parse_week_hours(text)) == text


def test_parse_week_hours_without_days_means_weekdays() -> None:
    assert parse_week_hours("10:00-18:00") == week_hours("10:00-18:00", "mon-fri")


@pytest.mark.parametrize(
    ("text", "wall"),
    [
        ("2026-12-01 09:00", datetime(2026, 12, 1, 9, 0)),
        ("2026-12-01T09:00", datetime(2026, 12, 1, 9, 0)),
        ("tomorrow 2pm", datetime(2026, 11, 29, 14, 0)),
        ("mon 9:30", datetime(2026, 11, 30, 9, 30)),
        ("14:00", datetime(2026, 11, 28, 14, 0)),
        ("1 Dec 2026 10:15", datetime(2026, 12, 1, 10, 15)),
        ("2026-12-24", datetime(2026, 12, 24, 0, 0)),
        # A wall time in New York's gap stays as typed: resolving it is resolve_wall's job.
        ("2026-03-08 02:30", datetime(2026, 3, 8, 2, 30)),
    ],
)
def test_parse_wall(text: str, wall: datetime) -> None:
    assert parse_wall(text, today=SATURDAY) == wall


@pytest.mark.parametrize("text", ["whenever", "2026-12-01T09:00Z", "-15m"])
def test_parse_wall_rejects(text: str) -> None:
    with pytest.raises(TimeParseError):
        parse_wall(text, today=SATURDAY)
