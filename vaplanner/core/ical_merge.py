"""Which client an invitation belongs to, and what an import changes in the store (pure).

:func:`plan_import` compares what a file holds (:class:`~vaplanner.core.ical_read.ReadResult`)
with the stored meetings. The same UID updates the stored meeting (its ``SEQUENCE`` rises),
never a second copy; a series in the file replaces what was imported of it before (weekday
splits ``<uid>#MO``, extra dates and overridden occurrences ``<uid>#<date>`` that it no longer
has are removed); a cancelled UID removes its meetings.

An event older than the stored copy is not applied (RFC 5546 2.1.5): a lower ``SEQUENCE``, or
the same ``SEQUENCE`` with an older ``LAST-MODIFIED`` or, when that says nothing, an older
``DTSTAMP``. What the organizer's file said is kept on the meeting (``ical_sequence``,
``ical_modified``, ``ical_stamp``); a meeting vaplanner made itself (``meeting-<id>@vaplanner``)
is compared by its own ``sequence`` and ``updated`` instead, so an old export read back never
undoes a later edit.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from vaplanner.core.models import Client, Meeting
from vaplanner.core.times import to_local

if TYPE_CHECKING:
    from vaplanner.core.ical_read import ReadResult

__all__ = ["ImportPlan", "Version", "match_client", "older_reason", "plan_import"]

_OWN_MEETING = re.compile(r"^meeting-\d+@vaplanner$")
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


class Version(NamedTuple):
    """Which copy of an event a file holds: its SEQUENCE, LAST-MODIFIED and DTSTAMP (UTC)."""

    sequence: int
    modified: datetime | None = None
    stamp: datetime | None = None


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """What to write, all at once (one store transaction)."""

    add: tuple[Meeting, ...] = ()
    update: tuple[tuple[Meeting, Meeting], ...] = ()  # (stored, new)
    delete: tuple[Meeting, ...] = ()
    unchanged: tuple[Meeting, ...] = ()
    # stored meetings the file holds an older copy of, and why they were kept
    kept: tuple[tuple[Meeting, str], ...] = ()
    # unchanged meetings whose remembered version rises (written, not reported as updates)
    refresh: tuple[Meeting, ...] = ()

    @property
    def changes(self) -> int:
        return len(self.add) + len(self.update) + len(self.delete)


def _family(uid: str, meetings: Sequence[Meeting]) -> list[Meeting]:
    return [m for m in meetings if m.uid == uid or m.uid.startswith(f"{uid}#")]


def _stored_version(meeting: Meeting) -> Version | None:
    if _OWN_MEETING.match(meeting.uid):
        return Version(meeting.sequence, None, meeting.updated)
    if meeting.ical_sequence is None:
        return None  # imported by an older version: nothing to compare with
    return Version(meeting.ical_sequence, meeting.ical_modified, meeting.ical_stamp)


def _order(new: Version, old: Version) -> int:
    """-1 when ``new`` is an older copy than ``old``, 1 when newer, 0 when neither shows."""
    if new.sequence != old.sequence:
        return -1 if new.sequence < old.sequence else 1
    for mine, theirs in ((new.modified, old.modified), (new.stamp, old.stamp)):
        if mine is None or theirs is None:
            continue
        # DTSTAMP is written to the second; ``updated`` may hold microseconds
        mine, theirs = mine.replace(microsecond=0), theirs.replace(microsecond=0)
        if mine != theirs:
            return -1 if mine < theirs else 1
    return 0


def older_reason(new: Version | None, stored: Meeting) -> str | None:
    """Why the file's copy ``new`` is older than ``stored`` (``None`` when it is not)."""
    old = _stored_version(stored)
    if new is None or old is None or _order(new, old) >= 0:
        return None
    if new.sequence < old.sequence:
        return f"the file has SEQUENCE {new.sequence}, the stored copy {old.sequence}"
    if new.modified and old.modified and new.modified < old.modified:
        return (
            f"the file's copy was last modified {new.modified:%Y-%m-%d %H:%M}Z, the stored "
            f"one {old.modified:%Y-%m-%d %H:%M}Z"
        )
    assert new.stamp is not None and old.stamp is not None
    return (
        f"the file's copy is from {new.stamp:%Y-%m-%d %H:%M}Z, the stored one from "
        f"{old.stamp:%Y-%m-%d %H:%M}Z"
    )


def _copies(key: str, by_uid: Mapping[str, Meeting]) -> list[Meeting]:
    """The stored meetings made from the event ``key`` itself (the event and its weekday
    splits; not its overridden occurrences, which carry their own SEQUENCE)."""
    uids = [key, *(f"{key}#{day}" for day in _WEEKDAYS)]
    return [by_uid[uid] for uid in uids if uid in by_uid]


def _key(uid: str, versions: Mapping[str, Version]) -> str:
    """The event an incoming meeting came from: itself, or the master of a weekday split or
    an extra date (``<uid>#...``)."""
    if uid in versions or "#" not in uid:
        return uid
    return uid.rpartition("#")[0]


def _with_version(meeting: Meeting, version: Version | None) -> Meeting:
    if version is None or _OWN_MEETING.match(meeting.uid):
        return meeting
    return replace(
        meeting,
        ical_sequence=version.sequence,
        ical_modified=version.modified,
        ical_stamp=version.stamp,
    )


def plan_import(read: ReadResult, existing: Sequence[Meeting], now: datetime) -> ImportPlan:
    """Decide adds, updates and deletes for an import (see the module docstring).

    A changed meeting gets ``sequence = max(stored + 1, the file's SEQUENCE)``; an imported
    meeting without a client keeps the client it was given before. An event whose stored
    copy is newer changes nothing (:attr:`ImportPlan.kept`), not even its series' other parts.
    """
    by_uid = {meeting.uid: meeting for meeting in existing}
    versions = read.versions
    stale: set[str] = set()
    kept: dict[int, tuple[Meeting, str]] = {}
    for key in dict.fromkeys([*read.series, *read.cancelled]):
        for copy in _copies(key, by_uid):
            reason = older_reason(versions.get(key), copy)
            if reason is not None:
                stale.add(key)
                kept[copy.id] = (copy, reason)
    incoming = {meeting.uid for meeting in read.meetings}
    changed: dict[str, Meeting] = {}  # uid -> new version of a stored meeting
    add: list[Meeting] = []
    unchanged: list[Meeting] = []
    refresh: list[Meeting] = []
    for meeting in read.meetings:
        key = _key(meeting.uid, versions)
        if key in stale:
            continue
        version = versions.get(key)
        old = by_uid.get(meeting.uid)
        if old is None:
            add.append(replace(_with_version(meeting, version), updated=now))
            continue
        merged = replace(
            meeting,
            id=old.id,
            client_id=meeting.client_id if meeting.client_id is not None else old.client_id,
            sequence=old.sequence,
            updated=old.updated,
            ical_sequence=old.ical_sequence,
            ical_modified=old.ical_modified,
            ical_stamp=old.ical_stamp,
        )
        if merged == old:
            unchanged.append(old)
            newer = _with_version(old, version)
            if newer != old and _is_newer(version, old):
                refresh.append(newer)
        else:
            sequence = max(old.sequence + 1, meeting.sequence)
            new = replace(_with_version(merged, version), sequence=sequence, updated=now)
            changed[old.uid] = new
    doomed: dict[int, Meeting] = {}
    for uid in read.series:
        if uid in stale:
            continue
        for old in _family(uid, existing):
            if old.uid not in incoming and _key(old.uid, versions) not in stale:
                doomed[old.id] = old
    for uid in read.cancelled:
        if uid in stale:
            continue
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
        kept=tuple(kept.values()),
        refresh=tuple(m for m in refresh if m.id not in doomed),
    )


def _is_newer(version: Version | None, stored: Meeting) -> bool:
    old = _stored_version(stored)
    return version is not None and (old is None or _order(version, old) > 0)


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
