"""Toggl Track and Clockify "detailed report" CSV files: reading and writing (pure).

Reading (see ``shared/formats/TIME-TRACKER-CSV.md`` for the formats):

* A leading UTF-8 BOM is dropped; the file is RFC 4180 CSV, columns are found by header
  name, so the classic Toggl export, the newer Toggl Reports export and Clockify's (with
  or without optional columns) all read. ``-`` and empty mean "no value".
* Times carry no zone in these files: they are read in the zone given (the home zone
  unless ``--tz``). Durations come from start and end; the duration column is used only
  when an end is missing.
* **Client**: the Client column; when it is empty or missing, a project written
  ``Client – Project`` (Toggl's newer export) is split at the en dash, otherwise the project
  names the client (freelancers often keep one project per client); rows with neither take
  ``default_client`` or are refused.
* **Project** becomes the entry's first tag, the file's tags follow; the description is the
  note; Task is returned for the caller to match against the client's tasks.
* Clockify dates are MM/DD/YYYY by default and DD/MM/YYYY for some users: the order is
  read from the whole file (a first part above 12 means DD/MM); a file where every day is
  12 or less is read as MM/DD unless told otherwise, and a note says so.
* Any bad row refuses the whole file with :class:`CsvRowError` naming its line (the header
  is line 1; a quoted field over several lines counts them all).
* Every row gets a stable ``source`` (``toggl:`` or ``clockify:`` and a hash of the row's
  user, client, project, task, description and wall-clock start and end), so importing the
  same file twice adds nothing the second time.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation

from vaplanner.core.errors import InputError
from vaplanner.core.money import MINOR_UNITS, format_amount
from vaplanner.core.times import resolve_wall, to_local

KINDS: tuple[str, ...] = ("toggl", "clockify")
DATE_ORDERS: tuple[str, ...] = ("auto", "mdy", "dmy")
PROJECT_SEPARATOR = " – "  # en dash: "Client – Project" in Toggl's newer export

TOGGL_HEADER: tuple[str, ...] = (
    "User",
    "Email",
    "Client",
    "Project",
    "Task",
    "Description",
    "Billable",
    "Start date",
    "Start time",
    "End date",
    "End time",
    "Duration",
    "Tags",
)


class CsvRowError(InputError):
    """A row (or the header, line 1) that cannot be imported; the whole file is refused."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(f"line {line}: {reason}")
        self.line = line
        self.reason = reason


@dataclass(frozen=True, slots=True)
class CsvRow:
    """One time entry read from a file, its instants in UTC."""

    line: int
    client: str
    project: str
    task: str
    description: str
    billable: bool
    start: datetime
    end: datetime
    tags: tuple[str, ...]
    user: str
    source: str
    rate: Decimal | None = None  # hourly rate written in the file (Clockify), if any


@dataclass(frozen=True, slots=True)
class CsvFile:
    kind: str
    rows: tuple[CsvRow, ...]
    currency: str | None  # from "Amount (EUR)" / "Billable Rate (USD)" headers
    notes: tuple[str, ...]  # things the user should know (DST, date order, skipped rows)
    skipped_lines: tuple[int, ...]  # zero-length rows and other users' rows


# --------------------------------------------------------------------------- small readers

_TIME_RE = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?$")
_SLASH_DATE_RE = re.compile(r"^(\d{1,2})([/.])(\d{1,2})\2(\d{4})$")
_CURRENCY_RE = re.compile(r"\(([A-Za-z]{3})\)")
_HMS_RE = re.compile(r"^(\d+):(\d{2})(?::(\d{2}))?$")


def _blank(value: str | None) -> str:
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


def _duration_seconds(text: str) -> int | None:
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


def _date_order(rows: Sequence[tuple[int, dict[str, str]]], columns: Sequence[str]) -> str | None:
    """``mdy``, ``dmy`` or None (every value fits both) from the slash dates in the file."""
    day_first: tuple[int, str] | None = None  # first line whose date only reads as DD/MM
    month_first: tuple[int, str] | None = None
    for line, row in rows:
        for column in columns:
            value = _blank(row.get(column))
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


# ------------------------------------------------------------------------------- reading


def _records(text: str) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
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


def _columns(header: Sequence[str], kind: str) -> dict[str, str]:
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


def _currency(header: Sequence[str]) -> str | None:
    for name in header:
        lower = name.lower()
        if lower.startswith(("amount", "billable rate", "billable amount")):
            match = _CURRENCY_RE.search(name)
            if match and match[1].upper() in MINOR_UNITS:
                return match[1].upper()
    return None


def _split_client(client: str, project: str, default_client: str | None) -> tuple[str, str] | None:
    if client:
        return client, project
    if PROJECT_SEPARATOR in project:
        left, right = project.split(PROJECT_SEPARATOR, 1)
        if left.strip() and right.strip():
            return left.strip(), right.strip()
    if project:
        return project, project
    if default_client:
        return default_client, ""
    return None


def _source(kind: str, parts: Sequence[str]) -> str:
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return f"{kind}:{digest[:20]}"


def parse_time_csv(
    text: str,
    kind: str,
    *,
    tz: str,
    date_order: str = "auto",
    user: str | None = None,
    default_client: str | None = None,
) -> CsvFile:
    """Read a Toggl (``kind="toggl"``) or Clockify detailed-report CSV export.

    Args:
        text: the file's text (a BOM is allowed).
        kind: ``toggl`` or ``clockify``.
        tz: the IANA zone the file's wall times are in.
        date_order: ``auto``, ``mdy`` or ``dmy`` for slash dates (Clockify).
        user: keep only rows whose User/Member or Email matches (case-insensitive).
        default_client: the client for rows that name neither a client nor a project.

    Raises:
        CsvRowError: for the first bad row (or header), with its line number.
    """
    if kind not in KINDS:
        raise InputError(f"unknown export kind {kind!r}; use toggl or clockify")
    if date_order not in DATE_ORDERS:
        raise InputError(f"date order {date_order!r}; use auto, mdy or dmy")
    header, records = _records(text)
    cols = _columns(header, kind)
    notes: list[str] = []
    order = date_order
    if order == "auto":
        found = _date_order(records, [cols["start_date"], cols.get("end_date", "")])
        if found is None:
            order = "mdy"
            if any(_SLASH_DATE_RE.match(_blank(r.get(cols["start_date"]))) for _, r in records):
                notes.append(
                    "dates read as MM/DD/YYYY (Clockify's default); if they are DD/MM/YYYY, "
                    "run again with --date-order dmy"
                )
        else:
            order = found
    rows: list[CsvRow] = []
    skipped: list[int] = []
    wanted_user = (user or "").strip().casefold()
    for line, record in records:

        def get(key: str, record: dict[str, str] = record) -> str:
            return _blank(record.get(cols[key])) if key in cols else ""

        if wanted_user and wanted_user not in (get("user").casefold(), get("email").casefold()):
            skipped.append(line)
            continue
        row = _row(line, kind, get, order, tz, default_client, notes)
        if row is None:
            skipped.append(line)
        else:
            rows.append(row)
    if skipped and not wanted_user:
        notes.append(
            f"skipped {len(skipped)} zero-length row(s): line {', '.join(map(str, skipped))}"
        )
    return CsvFile(kind, tuple(rows), _currency(header), tuple(notes), tuple(skipped))


def _wall(day_text: str, time_text: str, order: str, what: str, line: int) -> datetime:
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


def _row(
    line: int,
    kind: str,
    get: Callable[[str], str],
    order: str,
    tz: str,
    default_client: str | None,
    notes: list[str],
) -> CsvRow | None:
    start_date, start_time = get("start_date"), get("start_time")
    if not start_date or not start_time:
        raise CsvRowError(line, "start date or start time is empty")
    start_wall = _wall(start_date, start_time, order, "start", line)
    end_time = get("end_time")
    if end_time:
        end_wall = _wall(get("end_date") or start_date, end_time, order, "end", line)
    else:
        seconds = _duration_seconds(get("duration")) if get("duration") else None
        if seconds is None:
            raise CsvRowError(line, "no end time and no duration that can be read")
        end_wall = start_wall + timedelta(seconds=seconds)
    start, start_note = resolve_wall(start_wall, tz)
    end, end_note = resolve_wall(end_wall, tz)
    for note in (start_note, end_note):
        if note:
            notes.append(f"line {line}: {note}")
    if end < start:
        raise CsvRowError(
            line,
            f"ends ({end_wall:%Y-%m-%d %H:%M:%S}) before it starts "
            f"({start_wall:%Y-%m-%d %H:%M:%S})",
        )
    if end == start:
        return None
    billable_text = get("billable")
    if billable_text.lower() not in ("", "yes", "no"):
        raise CsvRowError(line, f"Billable is {billable_text!r}; expected Yes or No")
    client_raw, project_raw = get("client"), get("project")
    names = _split_client(client_raw, project_raw, default_client)
    if names is None:
        raise CsvRowError(
            line, "no client and no project; pass --client NAME to file such rows under one client"
        )
    client, project = names
    tags = [project] if project else []
    for tag in get("tags").split(","):
        if tag.strip() and tag.strip() not in tags:
            tags.append(tag.strip())
    rate = None
    if get("rate"):
        try:
            rate = Decimal(get("rate"))
        except InvalidOperation:
            raise CsvRowError(line, f"billable rate {get('rate')!r} is not a number") from None
        rate = rate if rate.is_finite() and rate > 0 else None
    parts = [
        kind,
        get("user"),
        get("email"),
        client_raw,
        project_raw,
        get("task"),
        get("description"),
        start_wall.isoformat(),
        end_wall.isoformat(),
    ]
    return CsvRow(
        line=line,
        client=client,
        project=project,
        task=get("task"),
        description=get("description"),
        billable=billable_text.lower() != "no",
        start=start,
        end=end,
        tags=tuple(tags),
        user=get("user"),
        source=_source(kind, parts),
        rate=rate,
    )


# ------------------------------------------------------------------------------- writing


@dataclass(frozen=True, slots=True)
class ExportRow:
    """One entry as the export writes it (names resolved by the caller)."""

    client: str
    start: datetime  # UTC
    end: datetime
    description: str = ""
    task: str = ""
    tags: tuple[str, ...] = ()
    billable: bool = True
    amount: Decimal | None = None
    currency: str = ""


def _hms(seconds: int) -> str:
    hours, rest = divmod(max(0, seconds), 3600)
    return f"{hours:02d}:{rest // 60:02d}:{rest % 60:02d}"


def write_toggl_csv(rows: Sequence[ExportRow], *, tz: str, user: str = "", email: str = "") -> str:
    """Toggl's classic detailed-report CSV (no BOM: the caller adds one for files).

    The first tag is written as the Project, the rest as Tags, so that importing the file
    again gives the same entries. Amounts go under ``Amount (CUR)`` when every priced row
    is in one currency; with several currencies the header is ``Amount ()`` and a
    ``Currency`` column follows, so that no column mixes currencies unlabelled.
    """
    currencies = {row.currency for row in rows if row.amount is not None and row.currency}
    mixed = len(currencies) > 1
    single = next(iter(currencies)) if len(currencies) == 1 else ""
    header = [*TOGGL_HEADER, f"Amount ({'' if mixed else single})"]
    if mixed:
        header.append("Currency")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        start, end = to_local(row.start, tz), to_local(row.end, tz)
        project = row.tags[0] if row.tags else ""
        amount = format_amount(row.amount, row.currency) if row.amount is not None else ""
        fields = [
            user,
            email,
            row.client,
            project,
            row.task,
            row.description,
            "Yes" if row.billable else "No",
            f"{start:%Y-%m-%d}",
            f"{start:%H:%M:%S}",
            f"{end:%Y-%m-%d}",
            f"{end:%H:%M:%S}",
            _hms(int((row.end - row.start).total_seconds())),
            ", ".join(row.tags[1:]),
            amount,
        ]
        if mixed:
            fields.append(row.currency if row.amount is not None else "")
        writer.writerow(fields)
    return out.getvalue()
