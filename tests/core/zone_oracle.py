"""An independent oracle for wall times, written with nothing but ``zoneinfo``.

Property tests compare vaplanner's time code against these functions, so they must not call
it: no ``vaplanner.core`` import here. The rules are those of DESIGN.md section 3 and
RFC 5545: a wall time that exists once maps to its instant; one that exists twice (a fold)
maps to the earlier instant; one that does not exist (a gap) is read with the UTC offset in
force before the jump.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from typing import Literal
from zoneinfo import ZoneInfo

Kind = Literal["normal", "fold", "gap"]

#: Zones with unusual rules: half-hour and 45-minute offsets, DST of 30 minutes or 2 hours,
#: negative DST, changes at midnight, a skipped calendar day, southern hemispheres.
TRICKY_ZONES: tuple[str, ...] = (
    "UTC",
    "America/New_York",
    "America/Los_Angeles",
    "America/St_Johns",
    "America/Havana",
    "America/Santiago",
    "America/Asuncion",
    "America/Sao_Paulo",
    "America/Godthab",
    "Europe/London",
    "Europe/Dublin",
    "Europe/Ljubljana",
    "Europe/Moscow",
    "Africa/Casablanca",
    "Asia/Gaza",
    "Asia/Tehran",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Australia/Sydney",
    "Australia/Lord_Howe",
    "Australia/Adelaide",
    "Pacific/Chatham",
    "Pacific/Auckland",
    "Pacific/Apia",
    "Pacific/Kiritimati",
    "Antarctica/Troll",
)


def local_wall(instant: datetime, zone: str) -> datetime:
    """The naive wall time of an aware instant in ``zone``."""
    return instant.astimezone(ZoneInfo(zone)).replace(tzinfo=None)


def _offsets_near(wall: datetime, zone: str) -> set[timedelta]:
    """Every UTC offset ``zone`` uses within about 40 hours of ``wall``."""
    tz = ZoneInfo(zone)
    around = wall.replace(tzinfo=UTC)
    found: set[timedelta] = set()
    for half_hours in range(-80, 81):
        offset = (around + timedelta(minutes=30 * half_hours)).astimezone(tz).utcoffset()
        assert offset is not None
        found.add(offset)
    return found


def resolve(wall: datetime, zone: str) -> tuple[datetime, Kind]:
    """(UTC instant, kind) of a naive wall time in ``zone``, by the rules above."""
    valid = sorted(
        candidate
        for offset in _offsets_near(wall, zone)
        if local_wall(candidate := (wall - offset).replace(tzinfo=UTC), zone) == wall
    )
    if valid:
        return valid[0], "fold" if len(valid) > 1 else "normal"
    # A gap: find the jump (the first second whose wall time is past ``wall``) by bisection;
    # near a gap the wall clock only moves forward.
    low = int((wall - timedelta(hours=30)).replace(tzinfo=UTC).timestamp())
    high = int((wall + timedelta(hours=30)).replace(tzinfo=UTC).timestamp())
    while high - low > 1:
        middle = (low + high) // 2
        if local_wall(datetime.fromtimestamp(middle, UTC), zone) < wall:
            low = middle
        else:
            high = middle
    before = datetime.fromtimestamp(low, UTC).astimezone(ZoneInfo(zone)).utcoffset()
    assert before is not None
    return (wall - before).replace(tzinfo=UTC), "gap"


@cache
def transitions(zone: str, first_year: int = 2000, last_year: int = 2036) -> tuple[datetime, ...]:
    """UTC instants where ``zone`` changes its offset (to the second), found by stepping
    two days at a time and bisecting."""
    tz = ZoneInfo(zone)

    def offset(seconds: int) -> timedelta | None:
        return datetime.fromtimestamp(seconds, UTC).astimezone(tz).utcoffset()

    found: list[datetime] = []
    step = 2 * 86400
    cursor = int(datetime(first_year, 1, 1, tzinfo=UTC).timestamp())
    stop = int(datetime(last_year, 1, 1, tzinfo=UTC).timestamp())
    current = offset(cursor)
    while cursor < stop:
        following = offset(cursor + step)
        if following != current:
            low, high = cursor, cursor + step
            while high - low > 1:
                middle = (low + high) // 2
                if offset(middle) == current:
                    low = middle
                else:
                    high = middle
            found.append(datetime.fromtimestamp(high, UTC))
            current = offset(high)
            cursor = high
            continue
        cursor += step
    return tuple(found)


def day_start(day: date, zone: str) -> datetime:
    """The first instant of the local day (its midnight, resolved as above)."""
    return resolve(datetime.combine(day, time(0)), zone)[0]
