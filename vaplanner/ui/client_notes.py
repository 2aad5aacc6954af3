"""What the clients column shows under each client: retainer hours left and the last check-in.

No Textual here. :func:`load_client_notes` reads the store once per data change, in a worker:
a retainer needs the client's entries since its window opened (the current cycle, plus the
rollover days), which the first screen must not wait for. :func:`note_parts` words a note for
a given width; the column calls it when it draws a row (a string or two, no store access).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from vaplanner.core.models import Settings
from vaplanner.core.promises import since_text
from vaplanner.core.retainer import has_retainer, retainer_status, retainer_window
from vaplanner.store.store import Store
from vaplanner.ui.screens.task_fields import duration_text

#: Days without a check-in after which the column marks the client (a fortnightly cadence).
STALE_DAYS = 14


@dataclass(frozen=True, slots=True)
class ClientNote:
    """One client's retainer and check-in, as of the last data change."""

    retainer_left: int | None = None  # minutes still usable now; None: no retainer
    retainer_over: int = 0  # minutes used beyond the retainer this cycle
    retainer_level: str = "ok"  # "ok", "warn" (80% used), "low" (<= 2 h left), "over"
    last_checkin: datetime | None = None


def load_client_notes(store: Store, settings: Settings, now: datetime) -> dict[int, ClientNote]:
    """The note of every shown client (reads the retainer windows' entries and the check-ins).

    Retainer cycles follow the home zone's calendar, as on ``vaplanner status`` and in reports.
    """
    tz = settings.home_tz
    clients = store.clients.all()
    windows = {
        c.id: retainer_window(c, now, tz=tz, week_start=settings.week_start)
        for c in clients
        if has_retainer(c)
    }
    entries = store.entries.between(min(windows.values()), now) if windows else []
    latest = store.checkins.latest_per_client()
    notes: dict[int, ClientNote] = {}
    for client in clients:
        checkin = latest.get(client.id)
        at = checkin.at if checkin else None
        status = None
        if client.id in windows:
            own = [e for e in entries if e.client_id == client.id]
            status = retainer_status(client, own, now, tz=tz, week_start=settings.week_start)
        if status is None:
            notes[client.id] = ClientNote(last_checkin=at)
        else:
            notes[client.id] = ClientNote(
                retainer_left=status.left_minutes,
                retainer_over=status.overage_minutes,
                retainer_level=status.level,
                last_checkin=at,
            )
    return notes


def note_parts(note: ClientNote, now: datetime, width: int) -> list[tuple[str, str]]:
    """The note as (text, tone) parts that fit ``width`` cells, with " · " between them.

    Tones: ``"muted"``, ``"soon"`` (80% of the retainer used, or no check-in for
    :data:`STALE_DAYS`) and ``"alert"`` (2 hours or less left, or over).
    """
    parts: list[tuple[str, str]] = []
    if note.retainer_left is not None:
        if note.retainer_over:
            parts.append((f"{_span(note.retainer_over)} over", "alert"))
        else:
            tone = {"warn": "soon", "low": "alert", "over": "alert"}.get(
                note.retainer_level, "muted"
            )
            parts.append((f"{_span(note.retainer_left)} left", tone))
    at = note.last_checkin
    stale = at is None or (now - at).days >= STALE_DAYS
    since = since_text(at, now)
    longest_first = (
        ("no check-in yet", "no check-in", "✓ never")
        if at is None
        else (f"check-in {since}", f"✓ {since}")
    )
    for wording in longest_first:
        used = sum(len(text) for text, _ in parts) + 3 * len(parts)
        if used + len(wording) <= width:
            parts.append((wording, "soon" if stale else "muted"))
            break
    return parts


def _span(minutes: int) -> str:
    """``12h``, ``4h30m``, ``45m`` (never ``4:30``, which reads as a clock time)."""
    return duration_text(minutes) or "0m"
