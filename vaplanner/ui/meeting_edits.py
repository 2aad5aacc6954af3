"""Meetings made in the app: the checked draft a form produces, and the one way to store it.

A meeting is kept the way DESIGN section 3 says: the wall time typed, the zone it is read in
(the client's, the VA's own, or any IANA zone), a duration in real minutes, and an optional
weekly / biweekly / monthly rule with an inclusive end date in that zone. :func:`read_meeting`
checks what a person typed; :func:`preview` says when that is on the VA's clock and the
client's (and how a time in a DST gap or fold was resolved: RFC 5545, the offset before the
jump, the first of two); :func:`save_meeting` writes it in one store transaction and raises
the SEQUENCE when the schedule or the title changes, so calendars update.

No Textual here: the meeting editor and the tests use the same functions.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Literal, cast

from vaplanner.core.errors import InputError
from vaplanner.core.limits import check_link, check_meeting_minutes, check_year
from vaplanner.core.models import MEETING_RECURRENCES, Client, Meeting
from vaplanner.core.planner import outside_hours
from vaplanner.core.recur import describe_rule
from vaplanner.core.times import (
    get_zone,
    parse_date,
    parse_duration,
    parse_wall,
    resolve_wall,
    validate_zone,
    zone_label,
)
from vaplanner.store.store import Store
from vaplanner.ui.screens.task_fields import FieldError

Every = Literal["weekly", "biweekly", "monthly"]
ZoneChoice = Literal["client", "home", "other"]


@dataclass(frozen=True)
class MeetingDraft:
    """A meeting as the user described it, checked; ``id`` 0 for a new one."""

    client_id: int | None
    title: str
    start_local: datetime  # naive wall time in ``tz``
    tz: str
    duration_minutes: int
    every: Every | None = None
    until: date | None = None
    link: str = ""
    id: int = 0
    note: str | None = None  # how a wall time in a DST gap or fold was resolved

    def meeting(self) -> Meeting:
        """The draft as a (not yet stored) meeting."""
        return Meeting(
            client_id=self.client_id,
            title=self.title,
            start_local=self.start_local,
            tz=self.tz,
            id=self.id,
            duration_minutes=self.duration_minutes,
            every=self.every,
            until=self.until if self.every else None,
            link=self.link,
        )

    @property
    def start(self) -> datetime:
        """The first occurrence's UTC start."""
        return resolve_wall(self.start_local, self.tz)[0]


def zone_for(choice: str, other: str, client: Client | None, home_tz: str) -> str:
    """The IANA zone a choice of ``client`` / ``home`` / ``other`` stands for.

    Raises:
        InputError: ``client`` without a client.
        ZoneError: an unknown zone name (the message suggests close ones).
    """
    if choice == "home":
        return home_tz
    if choice == "client":
        if client is None:
            raise InputError("the client's zone needs a client; pick one, or use your zone")
        return client.tz
    if not other.strip():
        raise InputError("type a zone name such as America/New_York, or pick client or home")
    return validate_zone(other.strip())


def read_meeting(
    *,
    client: Client | None,
    title: str,
    start: str,
    zone: str,
    duration: str,
    every: str,
    until: str,
    link: str,
    today: date,
    meeting_id: int = 0,
) -> MeetingDraft:
    """Check the form's text and build a draft (``zone`` is already an IANA name).

    The limits are the command line's (:mod:`vaplanner.core.limits`): a start and an end
    date in the accepted years, a length of at most a day, an https/http/tel link.

    Raises:
        FieldError: the field to fix, and what is wrong, in words the user can act on.
        VaplannerError: a zone that cannot be read.
    """
    name = " ".join(title.split())
    if not name:
        raise FieldError("title", "the title is empty; give the meeting a name, e.g. 'Weekly sync'")
    try:
        wall = parse_wall(start, today=today).replace(second=0, microsecond=0)
        check_year(wall, start)  # the same years as `vaplanner meeting add`
    except InputError as error:
        raise FieldError("start", str(error)) from None
    try:
        # the same limit as `vaplanner meeting add --duration` (core.limits)
        minutes = check_meeting_minutes(parse_duration(duration), duration)
    except InputError as error:
        raise FieldError("duration", str(error)) from None
    rule = cast("Every | None", every if every in MEETING_RECURRENCES else None)
    last: date | None = None
    if until.strip():
        if rule is None:
            raise FieldError(
                "until", "an end date needs a repeat; pick weekly, two weeks or monthly"
            )
        try:
            last = parse_date(until, today=today)
            check_year(last, until)
        except InputError as error:
            raise FieldError("until", str(error)) from None
        if last < wall.date():
            raise FieldError(
                "until", f"the end date {last} is before the first meeting on {wall.date()}"
            )
    try:
        link = check_link(link)  # the app opens links: only https/http/tel, as the CLI
    except InputError as error:
        raise FieldError("link", str(error)) from None
    _, note = resolve_wall(wall, zone)
    return MeetingDraft(
        client_id=client.id if client is not None else None,
        title=name,
        start_local=wall,
        tz=zone,
        duration_minutes=minutes,
        every=rule,
        until=last,
        link=link,
        id=meeting_id,
        note=note,
    )


def preview(draft: MeetingDraft, client: Client | None, home_tz: str) -> list[str]:
    """Lines that say when the draft is, on the VA's clock and the client's."""
    start = draft.start
    end = start + timedelta(minutes=draft.duration_minutes)
    mine, mine_end = start.astimezone(get_zone(home_tz)), end.astimezone(get_zone(home_tz))
    lines = [
        f"You: {mine:%a} {mine.day} {mine:%b} {mine:%H:%M}-{mine_end:%H:%M} {zone_label(mine)}"
    ]
    if client is not None and client.tz != home_tz:
        there = start.astimezone(get_zone(client.tz))
        there_end = end.astimezone(get_zone(client.tz))
        day = f" {there:%a}" if there.date() != mine.date() else ""
        lines[0] += f" · {client.name}: {there:%H:%M}-{there_end:%H:%M} {zone_label(there)}{day}"
    if draft.every:
        lines.append("Repeats " + describe_rule(draft.meeting()))
    if draft.note:
        lines.append(draft.note)
    if client is not None and outside_hours(start, end, client):
        lines.append(f"Outside {client.name}'s business hours.")
    return lines


def save_meeting(store: Store, draft: MeetingDraft, *, now: datetime) -> Meeting:
    """Add or update the meeting in one transaction and return the stored one.

    An update re-reads the stored meeting (it may have been changed elsewhere) and raises
    its SEQUENCE when the time, zone, length, rule or title changed.
    """
    with store.transaction():
        if not draft.id:
            return store.meetings.add(replace(draft.meeting(), updated=now))
        old = store.meetings.get(draft.id)
        new = replace(
            old,
            client_id=draft.client_id,
            title=draft.title,
            start_local=draft.start_local,
            tz=draft.tz,
            duration_minutes=draft.duration_minutes,
            every=draft.every,
            until=draft.until if draft.every else None,
            link=draft.link,
        )
        if new == old:
            return old
        scheduled = ("start_local", "tz", "duration_minutes", "every", "until", "title")
        if any(getattr(new, name) != getattr(old, name) for name in scheduled):
            new = replace(new, sequence=old.sequence + 1)
        return store.meetings.update(replace(new, updated=now))
