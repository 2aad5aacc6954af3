"""Which client an invitation belongs to, and what an import changes in the store (pure).

:func:`plan_import` compares what a file holds (:class:`~vaplanner.core.ical_read.ReadResult`)
with the stored meetings. The same UID updates the stored meeting (its ``SEQUENCE`` rises),
never a second copy; a series in the file replaces what was imported of it before (weekday
splits ``<uid>#MO`` and overridden occurrences ``<uid>#<date>`` that it no longer has are
removed); a cancelled UID removes its meetings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from vaplanner.core.models import Client, Meeting
from vaplanner.core.times import to_local

if TYPE_CHECKING:
    from vaplanner.core.ical_read import ReadResult

__all__ = ["ImportPlan", "match_client", "plan_import"]


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """What to write, all at once (one store transaction)."""

    add: tuple[Meeting, ...] = ()
    update: tuple[tuple[Meeting, Meeting], ...] = ()  # (stored, new)
    delete: tuple[Meeting, ...] = ()
    unchanged: tuple[Meeting, ...] = ()

    @property
    def changes(self) -> int:
        return len(self.add) + len(self.update) + len(self.delete)


def _family(uid: str, meetings: Sequence[Meeting]) -> list[Meeting]:
    return [m for m in meetings if m.uid == uid or m.uid.startswith(f"{uid}#")]


def plan_import(read: ReadResult, existing: Sequence[Meeting], now: datetime) -> ImportPlan:
    """Decide adds, updates and deletes for an import (see the module docstring).

    A changed meeting gets ``sequence = max(stored + 1, the file's SEQUENCE)``; an imported
    meeting without a client keeps the client it was given before.
    """
    by_uid = {meeting.uid: meeting for meeting in existing}
    incoming = {meeting.uid for meeting in read.meetings}
    changed: dict[str, Meeting] = {}  # uid -> new version of a stored meeting
    add: list[Meeting] = []
    unchanged: list[Meeting] = []
    for meeting in read.meetings:
        old = by_uid.get(meeting.uid)
        if old is None:
            add.append(replace(meeting, updated=now))
            continue
        merged = replace(
            meeting,
            id=old.id,
            client_id=meeting.client_id if meeting.client_id is not None else old.client_id,
            sequence=old.sequence,
            updated=old.updated,
        )
        if merged == old:
            unchanged.append(old)
        else:
            sequence = max(old.sequence + 1, meeting.sequence)
            changed[old.uid] = replace(merged, sequence=sequence, updated=now)
    doomed: dict[int, Meeting] = {}
    for uid in read.series:
        for old in _family(uid, existing):
            if old.uid not in incoming:
                doomed[old.id] = old
    for uid in read.cancelled:
        for old in _family(uid, existing):
            doomed[old.id] = old
    for uid, walls in read.extra_exdates.items():
        series = [m for m in _family(uid, existing) if m.every is not None]
        for old in series:
            if old.id in doomed or old.uid in changed:
                continue
            mine = {_wall(w, old.tz) for w in walls}
            if len(series) > 1:  # weekday splits: each takes its weekday
                mine = {w for w in mine if w.weekday() == old.start_local.weekday()}
            if mine - set(old.exdates):
                exdates = tuple(sorted({*old.exdates, *mine}))
                changed[old.uid] = replace(
                    old, exdates=exdates, sequence=old.sequence + 1, updated=now
                )
    unchanged = [m for m in unchanged if m.id not in doomed]
    return ImportPlan(
        add=tuple(add),
        update=tuple((by_uid[uid], new) for uid, new in changed.items() if new.id not in doomed),
        delete=tuple(doomed.values()),
        unchanged=tuple(unchanged),
    )


def _wall(value: datetime, tz: str) -> datetime:
    return value if value.tzinfo is None else to_local(value, tz).replace(tzinfo=None)


# --------------------------------------------------------------------------------- clients

#: Mail providers whose domain says nothing about the client.
_FREE_MAIL = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "hotmail.com",
        "live.com",
        "msn.com",
        "yahoo.com",
        "icloud.com",
        "me.com",
        "mac.com",
        "aol.com",
        "proton.me",
        "protonmail.com",
        "gmx.com",
        "gmx.net",
        "yandex.com",
        "zoho.com",
        "mail.com",
    }
)


def _emails(event: Any, name: str) -> list[str]:
    raw = event.get(name)
    if raw is None:
        return []
    found = []
    for value in raw if isinstance(raw, list) else [raw]:
        text = str(value).strip()
        if text.lower().startswith("mailto:"):
            text = text[7:]
        if "@" in text:
            found.append(text.lower())
    return found


def _categories(event: Any) -> set[str]:
    raw = event.get("CATEGORIES")
    if raw is None:
        return set()
    return {
        str(item).strip().lower()
        for group in (raw if isinstance(raw, list) else [raw])
        for item in group.cats
    }


def match_client(event: Any, clients: Sequence[Client]) -> int | None:
    """The client of a VEVENT, or ``None`` when nothing (or more than one) matches.

    In order: a CATEGORIES value equal to a client's name (vaplanner's own exports); the
    organizer's, then an attendee's, email equal to a client contact's; the same email domain
    (never a free-mail domain such as gmail.com).
    """
    names = _categories(event)
    by_name = {c.id for c in clients if c.name.strip().lower() in names}
    if len(by_name) == 1:
        return by_name.pop()
    contacts = [
        (c.id, contact.email.strip().lower())
        for c in clients
        for contact in c.contacts
        if "@" in contact.email
    ]
    people = (_emails(event, "ORGANIZER"), _emails(event, "ATTENDEE"))
    for emails in people:
        ids = {cid for cid, email in contacts if email in emails}
        if len(ids) == 1:
            return ids.pop()
    for emails in people:
        domains = {email.rsplit("@", 1)[1] for email in emails} - _FREE_MAIL
        ids = {cid for cid, email in contacts if email.rsplit("@", 1)[1] in domains}
        if len(ids) == 1:
            return ids.pop()
    return None
