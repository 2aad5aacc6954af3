"""A zone's UTC-offset changes, read from its TZif file (RFC 8536) instead of guessed.

:func:`next_offset_change` answers "when does this zone's UTC offset next change?" exactly:
the transitions listed in the zone's file, then the POSIX TZ rule at its end (the footer)
for later years. It reads the same file :mod:`zoneinfo` reads (``zoneinfo.TZPATH`` first,
then the ``tzdata`` package), once per zone and process. Only changes of the UTC offset
count: a transition that changes only the abbreviation or the DST flag is skipped.

Why not walk :mod:`zoneinfo` offsets: an offset that changes and changes back between two
steps is invisible to any walk, and tzdata has changes 4 days apart (Africa/Freetown, 1939)
and 7 days apart (America/Recife, 2000; Asia/Gaza's projected Ramadan rules). The walk
remains only as a fallback for a zone whose file cannot be read here.
"""

from __future__ import annotations

import re
import struct
from bisect import bisect_right
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache

__all__ = [
    "PosixRule",
    "Tzif",
    "ZoneChanges",
    "next_offset_change",
    "parse_posix_rule",
    "read_tzif",
    "rule_changes",
    "zone_changes",
]

_HEADER = struct.Struct(">4sc15x6l")


@dataclass(frozen=True, slots=True)
class PosixRule:
    """The yearly DST rule of a POSIX TZ string (offsets in seconds east of UTC)."""

    std: int
    dst: int
    start: tuple[str, int, int, int, int]  # (kind, month/day, week, weekday, seconds)
    end: tuple[str, int, int, int, int]


@dataclass(frozen=True, slots=True)
class ZoneChanges:
    """A zone's offset changes: UTC seconds and the offset (seconds) from then on."""

    times: tuple[int, ...]
    offsets: tuple[int, ...]
    before: int  # the offset before the first change
    rule: PosixRule | None  # changes after the file's table; None: no more changes
    rule_from: int | None  # the last transition of the file's table (the rule applies after)


@dataclass(frozen=True, slots=True)
class Tzif:
    """What a TZif file says: transitions (UTC seconds, index of the local time type), the
    types as (UTC offset in seconds, is DST), and the footer (POSIX TZ string, maybe "")."""

    times: tuple[int, ...]
    indices: tuple[int, ...]
    types: tuple[tuple[int, bool], ...]
    footer: str


def read_tzif(data: bytes) -> Tzif:
    """Read TZif ``data`` (versions 1 to 4); :class:`ValueError` when it is not TZif."""
    if len(data) < _HEADER.size:
        raise ValueError("not a TZif file")
    magic, version, *counts = _HEADER.unpack_from(data, 0)
    if magic != b"TZif":
        raise ValueError("not a TZif file")
    size = 4
    offset = _HEADER.size
    if version != b"\x00":
        # Skip the 32-bit block: the 64-bit block after it has the same data, wider.
        offset += _block_size(counts, 4)
        magic, version, *counts = _HEADER.unpack_from(data, offset)
        if magic != b"TZif":
            raise ValueError("TZif second header missing")
        offset += _HEADER.size
        size = 8
    timecnt, typecnt = counts[3], counts[4]
    times = struct.unpack_from(f">{timecnt}{'q' if size == 8 else 'l'}", data, offset)
    offset += timecnt * size
    indices = tuple(data[offset : offset + timecnt])
    offset += timecnt
    types = tuple(
        (utoff, bool(isdst))
        for utoff, isdst, _ in (
            struct.unpack_from(">lBB", data, offset + 6 * i) for i in range(typecnt)
        )
    )
    if any(index >= typecnt for index in indices):
        raise ValueError("TZif transition names a missing type")
    footer = ""
    if size == 8:
        tail = data[offset - timecnt * (size + 1) + _block_size(counts, 8) :]
        lines = tail.split(b"\n")
        footer = lines[1].decode("ascii") if len(lines) >= 3 else ""
    return Tzif(tuple(times), indices, types, footer)


def _block_size(counts: list[int], size: int) -> int:
    isut, isstd, leap, timecnt, typecnt, chars = counts
    return timecnt * size + timecnt + typecnt * 6 + chars + leap * (size + 4) + isstd + isut


# ------------------------------------------------------------------------------ POSIX TZ rule

_NAME = r"(?:<[^>]*>|[A-Za-z]{3,})"
_OFFSET = r"([+-]?\d{1,3}(?::\d{1,2}){0,2})"
_DATE = r"(J\d{1,3}|\d{1,3}|M\d{1,2}\.\d\.\d)(?:/" + _OFFSET + ")?"
# std name and offset, then optionally: dst name, its offset, start and end of DST
_POSIX_RE = rf"^{_NAME}{_OFFSET}(?:({_NAME}){_OFFSET}?(?:,{_DATE},{_DATE})?)?$"


def _seconds(text: str) -> int:
    sign = -1 if text.startswith("-") else 1
    parts = [int(p) for p in text.lstrip("+-").split(":")] + [0, 0]
    return sign * (parts[0] * 3600 + parts[1] * 60 + parts[2])


def _date_rule(text: str, at: str | None) -> tuple[str, int, int, int, int]:
    seconds = 7200 if at is None else _seconds(at)  # 02:00 when the rule gives no time
    if text.startswith("M"):
        month, week, weekday = (int(p) for p in text[1:].split("."))
        return ("M", month, week, weekday, seconds)
    if text.startswith("J"):
        return ("J", int(text[1:]), 0, 0, seconds)
    return ("n", int(text), 0, 0, seconds)


def parse_posix_rule(text: str) -> PosixRule | None:
    """The DST rule of a POSIX TZ string such as ``EST5EDT,M3.2.0,M11.1.0``.

    ``None`` when the string has no DST part (a fixed offset from then on). Raises
    :class:`ValueError` for a string this reader does not understand.
    """
    match = re.match(_POSIX_RE, text)
    if match is None:
        raise ValueError(f"unreadable POSIX TZ string {text!r}")
    std_text, dst_name, dst_text, start, start_at, end, end_at = match.groups()
    if dst_name is None:
        return None
    std = -_seconds(std_text)  # POSIX offsets are hours *west* of Greenwich
    dst = std + 3600 if dst_text is None else -_seconds(dst_text)
    if start is None or end is None:
        # tzdata always writes the dates; POSIX leaves the default to the system.
        start, start_at, end, end_at = "M3.2.0", None, "M11.1.0", None
    if dst == std:
        return None
    return PosixRule(std, dst, _date_rule(start, start_at), _date_rule(end, end_at))


def _local_seconds(year: int, spec: tuple[str, int, int, int, int]) -> int:
    """Seconds since the epoch of the rule's local wall time in ``year`` (as if UTC)."""
    kind, first, week, weekday, at = spec
    if kind == "M":
        day = date(year, first, 1)
        # POSIX weekday: 0 = Sunday; date.weekday(): 0 = Monday
        shift = (weekday - (day.weekday() + 1) % 7) % 7
        day += timedelta(days=shift + 7 * (week - 1))
        if day.month != first:  # week 5 means the last such weekday
            day -= timedelta(days=7)
    elif kind == "J":  # 1..365, February 29 never counted
        day = date(year, 1, 1) + timedelta(days=first - 1)
        if first >= 60 and _leap(year):
            day += timedelta(days=1)
    else:  # 0..365, February 29 counted
        day = date(year, 1, 1) + timedelta(days=first)
    return (day - date(1970, 1, 1)).days * 86400 + at


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def rule_changes(rule: PosixRule, year: int) -> list[tuple[int, int]]:
    """(UTC seconds, offset from then on) of the rule's two changes in ``year``, sorted.

    The start of DST is written in standard time, its end in daylight time.
    """
    start = _local_seconds(year, rule.start) - rule.std
    end = _local_seconds(year, rule.end) - rule.dst
    return sorted([(start, rule.dst), (end, rule.std)])


# ------------------------------------------------------------------------------------- lookup


@lru_cache(maxsize=256)
def zone_changes(key: str) -> ZoneChanges | None:
    """The offset changes of zone ``key``, or ``None`` when its file cannot be read here."""
    data = _zone_file(key)
    if data is None:
        return None
    try:
        tzif = read_tzif(data)
        rule = parse_posix_rule(tzif.footer) if tzif.footer else None
    except (ValueError, struct.error, UnicodeDecodeError):
        return None
    # zoneinfo takes the offset before the first transition from the first standard-time
    # type (RFC 8536 says type 0; they differ only for odd files): do as zoneinfo does.
    before = next(
        (offset for offset, dst in tzif.types if not dst),
        tzif.types[tzif.indices[0]][0] if tzif.indices else 0,
    )
    times: list[int] = []
    offsets: list[int] = []
    current = before
    for moment, index in zip(tzif.times, tzif.indices, strict=True):
        offset = tzif.types[index][0]
        if offset != current:  # a change of abbreviation or DST flag alone moves no clock
            times.append(moment)
            offsets.append(offset)
            current = offset
    # The rule takes over after the table's last transition, even one that kept the offset
    # (Pacific/Norfolk's table ends in 2019 with one; its last offset change was in 2015).
    rule_from = tzif.times[-1] if tzif.times else None
    return ZoneChanges(tuple(times), tuple(offsets), before, rule, rule_from)


def _zone_file(key: str) -> bytes | None:
    """The bytes of the file :mod:`zoneinfo` reads for ``key`` (None when not found)."""
    import os
    import zoneinfo

    parts = key.split("/")
    if not key or any(part in {"", ".", ".."} for part in parts) or os.path.isabs(key):
        return None
    for folder in zoneinfo.TZPATH:
        path = os.path.join(folder, *parts)
        if os.path.isfile(path):
            try:
                with open(path, "rb") as handle:
                    return handle.read()
            except OSError:
                return None
    try:
        from importlib import resources

        return resources.files("tzdata").joinpath("zoneinfo", *parts).read_bytes()
    except (ImportError, OSError, ValueError):
        return None


def next_offset_change(changes: ZoneChanges, after: int) -> int | None:
    """The first UTC second strictly after ``after`` where the offset changes; ``None`` when
    it never changes again."""
    index = bisect_right(changes.times, after)
    if index < len(changes.times):
        return changes.times[index]
    rule = changes.rule
    if rule is None:
        return None
    last = changes.rule_from
    current = changes.offsets[-1] if changes.offsets else changes.before
    since = after if last is None else max(after, last)
    year = datetime.fromtimestamp(since, UTC).year - 1
    # A rule with DST changes the offset twice a year: three years always hold the answer.
    for candidate in range(year, year + 4):
        for moment, offset in rule_changes(rule, candidate):
            if last is not None and moment <= last:
                continue
            if offset == current:
                continue
            if moment > after:
                return moment
            current = offset
    return None
