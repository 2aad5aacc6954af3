"""How ``vaplanner meeting`` shows meetings: the table row, the JSON objects of issue 6, the
one-line description, and the name a DST alert gives a meeting."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from vaplanner.commands import utc_z

if TYPE_CHECKING:
    from vaplanner.core.models import Client, Meeting
    from vaplanner.core.recur import Occurrence

HEADERS = ["ID", "DATE", "HOME", "THERE", "CLIENT", "TITLE", "REPEATS"]


def row(occ: Occurrence, clients: dict[int, Client], home: str) -> list[str]:
    from vaplanner.core.times import to_local, zone_label

    meeting = occ.meeting
    start, end = to_local(occ.start, home), to_local(occ.end, home)
    there = ""
    if meeting.tz != home:
        local = to_local(occ.start, meeting.tz)
        there = f"{local:%H:%M} {zone_label(local)}"
        if local.date() != start.date():
            there += f" {local:%a}"
    client = clients.get(meeting.client_id) if meeting.client_id is not None else None
    return [
        str(meeting.id),
        f"{start:%a %d %b}",
        f"{start:%H:%M}-{end:%H:%M}",
        there,
        client.name if client else "",
        meeting.title,
        meeting.every or "",
    ]


def occurrence_json(occ: Occurrence, client: Client | None, home: str) -> dict[str, Any]:
    """One occurrence for scripts (keys of issue 6)."""
    from vaplanner.core.times import to_local

    meeting = occ.meeting
    return {
        "id": meeting.id,
        "uid": meeting.uid,
        "title": meeting.title,
        "client": client.name if client else None,
        "zone": meeting.tz,
        "start_utc": utc_z(occ.start),
        "end_utc": utc_z(occ.end),
        "start_local": to_local(occ.start, meeting.tz).isoformat(timespec="seconds"),
        "start_home": to_local(occ.start, home).isoformat(timespec="seconds"),
        "recurring": meeting.every is not None,
        "minutes": occ.minutes,
        "link": meeting.link,
    }


def meeting_json(meeting: Meeting, client: Client | None) -> dict[str, Any]:
    """The stored meeting (wall time + zone + rule) for scripts."""
    from vaplanner.core.times import resolve_wall

    instant, _ = resolve_wall(meeting.start_local, meeting.tz)
    return {
        "id": meeting.id,
        "uid": meeting.uid,
        "sequence": meeting.sequence,
        "title": meeting.title,
        "client": client.name if client else None,
        "zone": meeting.tz,
        "start_local": meeting.start_local.isoformat(timespec="minutes"),
        "start_utc": utc_z(instant),
        "duration_minutes": meeting.duration_minutes,
        "every": meeting.every,
        "until": meeting.until.isoformat() if meeting.until else None,
        "link": meeting.link,
        "updated": utc_z(meeting.updated),
    }


def describe(meeting: Meeting, client: Client | None, home: str) -> str:
    """``Acme · Weekly sync · every Tue 09:00 America/New_York (15:00 Europe/Ljubljana), 30m``."""
    from vaplanner.core.limits import year_in_range
    from vaplanner.core.recur import describe_rule
    from vaplanner.core.times import format_duration, resolve_wall, to_local

    parts = [client.name] if client else []
    parts.append(meeting.title)
    when = describe_rule(meeting)
    if meeting.tz != home and year_in_range(meeting.start_local):
        instant, _ = resolve_wall(meeting.start_local, meeting.tz)
        local = to_local(instant, home)
        when += f" ({local:%H:%M} {home}" + (
            f" on {local:%a})" if local.date() != meeting.start_local.date() else ")"
        )
    parts.append(when)
    return " · ".join(parts) + f", {format_duration(meeting.duration_minutes)}"


def label(meeting: Meeting, clients: dict[int, Client]) -> str:
    """How a DST alert names a meeting: "Acme call", or "Weekly sync with Acme"."""
    client = clients.get(meeting.client_id) if meeting.client_id is not None else None
    if client is None or client.name.casefold() in meeting.title.casefold():
        return meeting.title
    return f"{meeting.title} with {client.name}"
