"""Toggl's classic detailed-report CSV, written from tracked time (pure).

The reading side, which reads such files back (and Clockify's), is :mod:`vaplanner.core.timecsv`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from vaplanner.core.money import format_amount
from vaplanner.core.times import to_local

__all__ = ["TOGGL_HEADER", "ExportRow", "write_toggl_csv"]

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
