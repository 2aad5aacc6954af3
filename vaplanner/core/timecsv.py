"""Toggl Track and Clockify "detailed report" CSV files read into time entries (pure).

The file's shape (records, columns, dates, times, durations, :class:`CsvRowError`) is read by
:mod:`vaplanner.core.timecsv_format`; Toggl's format is written by
:mod:`vaplanner.core.timecsv_export`. How a file is read (see
``shared/formats/TIME-TRACKER-CSV.md`` for the formats):

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

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation

from vaplanner.core.errors import InputError
from vaplanner.core.timecsv_format import (
    CsvRowError,
    blank,
    currency_of,
    detect_date_order,
    find_columns,
    is_slash_date,
    parse_duration_seconds,
    read_records,
    wall_time,
)
from vaplanner.core.times import resolve_wall

KINDS: tuple[str, ...] = ("toggl", "clockify")
DATE_ORDERS: tuple[str, ...] = ("auto", "mdy", "dmy")
PROJECT_SEPARATOR = " – "  # en dash: "Client – Project" in Toggl's newer export


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
    header, records = read_records(text)
    cols = find_columns(header, kind)
    notes: list[str] = []
    order = date_order
    if order == "auto":
        found = detect_date_order(records, [cols["start_date"], cols.get("end_date", "")])
        if found is None:
            order = "mdy"
            if any(is_slash_date(blank(r.get(cols["start_date"]))) for _, r in records):
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
            return blank(record.get(cols[key])) if key in cols else ""

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
    return CsvFile(kind, tuple(rows), currency_of(header), tuple(notes), tuple(skipped))


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
    start_wall = wall_time(start_date, start_time, order, "start", line)
    end_time = get("end_time")
    if end_time:
        end_wall = wall_time(get("end_date") or start_date, end_time, order, "end", line)
    else:
        seconds = parse_duration_seconds(get("duration")) if get("duration") else None
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
