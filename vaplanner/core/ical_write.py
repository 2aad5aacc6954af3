"""Writing iCalendar content lines: TEXT escaping, value formats and folding.

icalendar's component serializer costs about half a millisecond per event, which alone would
take a year of blocks over the 1 s export budget (DESIGN section 8). The events vaplanner
writes use a handful of value types, so they are written here directly, by the same RFC 5545
rules (ICS-NOTES rules 3, 4, 5 and 12); VTIMEZONEs still come from icalendar. The tests read
every export back with icalendar and vobject.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

__all__ = ["LINE_OCTETS", "VEvent", "escape_text", "fold", "format_value"]

#: RFC 5545 3.1: lines SHOULD NOT be longer than 75 octets, excluding the line break.
LINE_OCTETS = 75
_CRLF = b"\r\n"
# TEXT may hold no control characters but HTAB (RFC 5545 3.3.11); line breaks become "\n".
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_NEEDS_QUOTES = re.compile(r"[,;:]")


def escape_text(value: str) -> str:
    """A TEXT value as written: ``\\`` ``;`` ``,`` escaped, any line break as ``\\n``."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _CONTROL.sub("", value)
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> bytes:
    """One content line as UTF-8 with CRLF, folded so that no physical line exceeds 75 octets
    (a continuation starts with one space) and no UTF-8 character is split."""
    data = line.encode("utf-8")
    if len(data) <= LINE_OCTETS:
        return data + _CRLF
    parts: list[bytes] = []
    limit = LINE_OCTETS
    while len(data) > limit:
        cut = limit
        while data[cut] & 0xC0 == 0x80:  # never inside a multi-byte character
            cut -= 1
        parts.append(data[:cut])
        data = data[cut:]
        limit = LINE_OCTETS - 1  # the leading space of a continuation counts
    parts.append(data)
    return b"\r\n ".join(parts) + _CRLF


def _param(value: str) -> str:
    return f'"{value}"' if _NEEDS_QUOTES.search(value) else value


def format_value(value: date | datetime) -> tuple[str, str]:
    """(parameters, value) of a DATE or DATE-TIME: a date is ``;VALUE=DATE``; an instant in
    UTC ends in ``Z``; a time with a ZoneInfo carries ``;TZID=<key>`` and its wall time."""
    if not isinstance(value, datetime):
        return ";VALUE=DATE", f"{value:%Y%m%d}"
    zone = value.tzinfo
    if isinstance(zone, ZoneInfo):
        return f";TZID={_param(zone.key)}", f"{value:%Y%m%dT%H%M%S}"
    if zone is None:
        raise ValueError("floating times are never written")
    return "", f"{value.astimezone(UTC):%Y%m%dT%H%M%SZ}"


class VEvent:
    """The content lines of one VEVENT, in the order they are added."""

    __slots__ = ("lines",)

    def __init__(self) -> None:
        self.lines: list[str] = []

    def text(self, name: str, value: str) -> None:
        """A TEXT property; left out when blank."""
        if value.strip():
            self.lines.append(f"{name}:{escape_text(value)}")

    def texts(self, name: str, values: list[str]) -> None:
        """A multi-valued TEXT property such as CATEGORIES (values separated by commas)."""
        kept = [escape_text(v) for v in values if v.strip()]
        if kept:
            self.lines.append(f"{name}:{','.join(kept)}")

    def raw(self, name: str, value: str) -> None:
        """A property written as given (URI, INTEGER, RECUR, a fixed word)."""
        self.lines.append(f"{name}:{value}")

    def when(self, name: str, value: date | datetime) -> None:
        """DTSTART, DTEND, EXDATE and the like."""
        params, text = format_value(value)
        self.lines.append(f"{name}{params}:{text}")

    def to_ical(self, head: list[str]) -> bytes:
        """The folded VEVENT with ``head`` (UID, DTSTAMP, SEQUENCE) first."""
        body = [*head, *self.lines]
        return b"BEGIN:VEVENT\r\n" + b"".join(fold(line) for line in body) + b"END:VEVENT\r\n"
