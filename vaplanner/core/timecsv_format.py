"""The shape of a Toggl or Clockify CSV export (pure): its records, its columns, and the
formats of its cells.

:mod:`vaplanner.core.timecsv` turns each record into a time entry; this module reads what
those rules need: the records with the line each starts on (a BOM dropped, RFC 4180
quoting), the columns found by header name and checked against the kind of export, the
currency named in an ``Amount (EUR)`` header, the date order of a file's slash dates, and
dates, clock times and durations in the forms these exports write. Anything it cannot read
raises :class:`CsvRowError` naming the line (the header is line 1).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from datetime import date, datetime, time

from vaplanner.core.errors import InputError
from vaplanner.core.money import MINOR_UNITS

__all__ = [
    "CsvRowError",
    "blank",
    "currency_of",
    "detect_date_order",
    "find_columns",
    "is_slash_date",
    "parse_duration_seconds",
    "read_records",
    "wall_time",
]


class CsvRowError(InputError):
    """A row (or the header, line 1) that cannot be imported; the whole file is refused."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(f"line {line}: {reason}")
        self.line = line
        self.reason = reason


_TIME_RE = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?$")
_SLASH_DATE_RE = re.compile(r"^(\d{1,2})([/.])(\d{1,2})\2(\d{4})$")
_CURRENCY_RE = re.compile(r"\(([A-Za-z]{3})\)")
_HMS_RE = re.compile(r"^(\d+):(\d{2})(?::(\d{2}))?$")


def blank(value: str | None) -> str:
    """A cell's text; ``-`` and empty mean "no value" (``""``)."""
    text = (value or "").strip()
    return "" if text == "-" else text


def _time(text: str) -> time | None:
    match = _TIME_RE.match(text.strip())
    if not match:
        return None
    hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
    ampm = (match[4] or "").lower()
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return time(hour, minute, second)


def parse_duration_seconds(text: str) -> int | None:
    """``01:30:00``, ``1:30`` (h:mm), ``18:25 min`` (m:ss), ``45 sec``, ``1.5 h``, ``1.50``."""
    value = text.strip().lower()
    try:
        if value.endswith(" min"):
            minutes, _, seconds = value[:-4].partition(":")
            return int(minutes) * 60 + int(seconds or 0)
        if value.endswith(" sec"):
            return int(value[:-4])
        if value.endswith(" h"):
            return round(float(value[:-2]) * 3600)
        match = _HMS_RE.match(value)
        if match:
            return int(match[1]) * 3600 + int(match[2]) * 60 + int(match[3] or 0)
        return round(float(value) * 3600)
    except ValueError:
        return None


def detect_date_order(
    rows: Sequence[tuple[int, dict[str, str]]], columns: Sequence[str]
) -> str | None:
    """``mdy``, ``dmy`` or None (every value fits both) from the slash dates in the file."""
    day_first: tuple[int, str] | None = None  # first line whose date only reads as DD/MM
    month_first: tuple[int, str] | None = None
    for line, row in rows:
        for column in columns:
            value = blank(row.get(column))
            match = _SLASH_DATE_RE.match(value)
            if not match or match[2] == ".":
                continue
            first, second = int(match[1]), int(match[3])
            if first > 12 >= second and day_first is None:
                day_first = (line, value)
            if second > 12 >= first and month_first is None:
                month_first = (line, value)
    if day_first and month_first:
        (line_a, a), (line_b, b) = sorted([day_first, month_first])
        raise CsvRowError(
            line_b,
            f"date {b!r} cannot share a file with {a!r} on line {line_a}: one reads only as "
            "MM/DD/YYYY, the other only as DD/MM/YYYY",
        )
    if day_first:
        return "dmy"
    if month_first:
        return "mdy"
    return None


def is_slash_date(text: str) -> bool:
    """``MM/DD/YYYY``, ``DD/MM/YYYY`` or ``DD.MM.YYYY`` (not ISO)."""
    return _SLASH_DATE_RE.match(text) is not None


def _date(text: str, order: str) -> date | None:
    value = text.strip()
    try:
        return date.fromisoformat(value)
    except ValueError:
        pass
    match = _SLASH_DATE_RE.match(value)
    if not match:
        return None
    first, second, year = int(match[1]), int(match[3]), int(match[4])
    if match[2] == ".":  # 03.11.2026 is always day first
        order = "dmy"
    month, day = (first, second) if order == "mdy" else (second, first)
    try:
        return date(year, month, day)
    except ValueError:
        return None


def read_records(text: str) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """The header and each record with the line it starts on (header = line 1)."""
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    try:
        header = [name.strip() for name in next(reader)]
    except StopIteration:
        raise CsvRowError(1, "the file is empty; expected a header line") from None
    except csv.Error as error:
        raise CsvRowError(1, f"not readable as CSV ({error})") from None
    records: list[tuple[int, dict[str, str]]] = []
    line = reader.line_num + 1
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            raise CsvRowError(line, f"not readable as CSV ({error})") from None
        if fields and any(field.strip() for field in fields):
            if len(fields) > len(header):
                raise CsvRowError(
                    line, f"{len(fields)} fields but the header has {len(header)} columns"
                )
            records.append((line, dict(zip(header, fields, strict=False))))
        line = reader.line_num + 1
    return header, records


def find_columns(header: Sequence[str], kind: str) -> dict[str, str]:
    """Our field name -> the file's column name, checked against ``kind``."""
    names = {name.lower(): name for name in header}
    looks_clockify = "Start Date" in header and "Start date" not in header
    looks_toggl = "Start date" in header
    if kind == "toggl" and looks_clockify:
        raise CsvRowError(1, "this is a Clockify export; use 'vaplanner import clockify FILE'")
    if kind == "clockify" and looks_toggl:
        raise CsvRowError(1, "this is a Toggl export; use 'vaplanner import toggl FILE'")
    wanted = {
        "user": ("user", "member"),
        "email": ("email",),
        "client": ("client",),
        "project": ("project",),
        "task": ("task", "activity"),
        "description": ("description",),
        "billable": ("billable",),
        "start_date": ("start date",),
        "start_time": ("start time",),
        "end_date": ("end date", "stop date"),
        "end_time": ("end time", "stop time"),
        "duration": ("duration", "duration (h)"),
        "tags": ("tags",),
    }
    found = {}
    for key, options in wanted.items():
        for option in options:
            if option in names:
                found[key] = names[option]
                break
    for name in header:
        if name.lower().startswith("billable rate"):
            found["rate"] = name
    missing = [
        label
        for key, label in (("start_date", "Start date"), ("start_time", "Start time"))
        if key not in found
    ]
    if missing:
        raise CsvRowError(
            1,
            f"no {' or '.join(repr(m) for m in missing)} column; is this a {kind} "
            "detailed-report CSV export?",
        )
    if "end_time" not in found and "duration" not in found:
        raise CsvRowError(1, "neither an end time nor a duration column")
    return found


def currency_of(header: Sequence[str]) -> str | None:
    """The currency an ``Amount (EUR)`` or ``Billable Rate (USD)`` header names, if known."""
    for name in header:
        lower = name.lower()
        if lower.startswith(("amount", "billable rate", "billable amount")):
            match = _CURRENCY_RE.search(name)
            if match and match[1].upper() in MINOR_UNITS:
                return match[1].upper()
    return None


def wall_time(day_text: str, time_text: str, order: str, what: str, line: int) -> datetime:
    """A naive wall time from a date cell and a time cell; ``what`` (start/end) and ``line``
    name it in the :class:`CsvRowError`."""
    day = _date(day_text, order)
    if day is None:
        raise CsvRowError(
            line,
            f"{what} date {day_text!r} not understood; expected YYYY-MM-DD, MM/DD/YYYY "
            "or DD/MM/YYYY",
        )
    clock = _time(time_text)
    if clock is None:
        raise CsvRowError(
            line,
            f"{what} time {time_text!r} not understood; expected HH:MM[:SS] or H:MM[:SS] AM/PM",
        )
    return datetime.combine(day, clock)
