"""``vaplanner meeting add|edit|delete|list``: one-off and recurring meetings across zones.

A meeting is stored as a wall time + zone + rule and expanded in that zone, so a weekly 09:00
New York call stays at 09:00 New York and moves on the VA's clock when only one of the zones
changes DST. ``--zone`` says which clock ``--at`` is read on: ``home`` (the default, as for
every time typed on the command line), ``client`` (the client's zone) or an IANA name.

A wall time that does not exist (spring forward) or exists twice (fall back) is not refused:
the command resolves it as RFC 5545 says (gap: the offset before the jump; fold: the first
occurrence), says on stderr which instant it used, and goes on.

Everything is checked before anything is saved (:mod:`vaplanner.core.limits`): the start in
the years 1900-2200, a length of at most 24 hours (a longer event is a block of work or
several meetings), and a link that is ``https://``, ``http://`` or ``tel:`` (the app opens
links, so ``javascript:``, ``file:`` and the like are refused).

Heavy imports (dateutil through the core, the store) happen inside the handlers.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from vaplanner.commands import Context, table
from vaplanner.commands.meeting_views import (
    HEADERS,
    describe,
    label,
    meeting_json,
    occurrence_json,
    row,
)

if TYPE_CHECKING:
    from datetime import date, datetime

    from vaplanner.core.models import Client, Meeting

EVERY = ("weekly", "biweekly", "monthly")
#: How many days ``meeting list`` shows when ``--to`` is not given.
DEFAULT_DAYS = 14


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``meeting`` (``add``, ``edit``, ``delete``, ``list``) to the command tree."""
    meeting = sub.add_parser(
        "meeting",
        parents=[common],
        help="meetings in any zone, one-off or recurring",
        description="Add, edit, delete and list meetings. Recurring meetings are expanded in "
        "their own zone, so they keep their wall time there through DST changes.",
    )
    actions = meeting.add_subparsers(
        title="actions", metavar="ACTION", dest="action", required=True, parser_class=type(meeting)
    )

    add = actions.add_parser(
        "add",
        parents=[common],
        help="add a meeting",
        description="Add a meeting. A wall time in a DST gap or fold is resolved (RFC 5545) and "
        "the instant used is said on stderr.",
    )
    add.add_argument("client", metavar="CLIENT", help="client name, id or hotkey; '-' for none")
    add.add_argument("title", metavar="TITLE")
    add.add_argument("--at", required=True, metavar="WHEN", help="'YYYY-MM-DD HH:MM' (wall time)")
    _zone_option(add, default="home")
    add.add_argument(
        "--duration", default="30m", help="length: 30m, 1h, 1h30m, 1:30, at most 24h (30m)"
    )
    add.add_argument("--every", choices=EVERY, default=None, help="repeat the meeting")
    add.add_argument("--until", default=None, metavar="DATE", help="last date (inclusive)")
    add.add_argument(
        "--link",
        default="",
        metavar="URL",
        help="the call link: https://..., http://... or tel:...",
    )
    add.add_argument("--json", action="store_true", help="print the new meeting as JSON")
    add.set_defaults(func=add_meeting)

    edit = actions.add_parser(
        "edit",
        parents=[common],
        help="change a meeting",
        description="Change a meeting. --zone alone keeps the instant and re-anchors the "
        "meeting on that zone's clock; with --at the new time is read in the new zone. "
        "Changes to time, title, duration, zone or rule raise its SEQUENCE for calendars.",
    )
    edit.add_argument("id", type=int, metavar="ID")
    edit.add_argument("--at", default=None, metavar="WHEN", help="new start (wall time)")
    edit.add_argument("--title", default=None)
    edit.add_argument("--duration", default=None, help="new length, at most 24h")
    _zone_option(edit, default=None)
    edit.add_argument("--every", choices=(*EVERY, "none"), default=None, help="new rule")
    edit.add_argument("--until", default=None, metavar="DATE", help="last date, or 'none'")
    edit.add_argument(
        "--link", default=None, metavar="URL", help="https://..., http://..., tel:... or none"
    )
    edit.add_argument("--json", action="store_true", help="print the meeting as JSON")
    edit.set_defaults(func=edit_meeting)

    delete = actions.add_parser("delete", parents=[common], help="delete a meeting (all of it)")
    delete.add_argument("id", type=int, metavar="ID")
    delete.set_defaults(func=delete_meeting)

    listing = actions.add_parser(
        "list",
        parents=[common],
        help="list occurrences",
        description="Occurrences from --from to --to (inclusive dates in your home zone), with "
        "alerts for recurring meetings that move on your clock in the next three weeks.",
    )
    listing.add_argument("--from", dest="date_from", default="today", metavar="DATE")
    listing.add_argument(
        "--to", dest="date_to", default=None, metavar="DATE", help="(default: two weeks)"
    )
    listing.add_argument("--json", action="store_true", help="one object per occurrence")
    listing.set_defaults(func=list_meetings)


def _zone_option(parser: argparse.ArgumentParser, default: str | None) -> None:
    parser.add_argument(
        "--zone",
        default=default,
        metavar="client|home|ZONE",
        help="the clock --at is read on"
        + (" (default: home)" if default == "home" else " (alone: same instant, new clock)"),
    )


# --- handlers ------------------------------------------------------------------------------


def add_meeting(ctx: Context) -> int:
    """``meeting add``: store wall time + zone + rule; note a gap/fold resolution."""
    from vaplanner.core.errors import InputError
    from vaplanner.core.limits import check_link
    from vaplanner.core.models import Meeting

    args = ctx.args
    title = args.title.strip()
    if not title:
        raise InputError("the title is empty; give the meeting a name, e.g. 'Weekly sync'")
    minutes = _duration(args.duration)
    link = check_link(args.link)
    store = ctx.store
    with store.transaction():
        client = _client(ctx, args.client)
        tz = _zone(ctx, args.zone, client)
        wall = _wall(ctx, args.at, tz)
        until = _until(ctx, args.until, tz, wall, args.every)
        meeting = Meeting(
            client_id=client.id if client else None,
            title=title,
            start_local=wall,
            tz=tz,
            duration_minutes=minutes,
            every=args.every,
            until=until,
            link=link,
            updated=ctx.now,
        )
        saved = store.meetings.add(meeting)
    _note_resolution(ctx, saved)
    _note_outside_hours(ctx, saved, client)
    if args.json:
        ctx.print_json(meeting_json(saved, client))
    else:
        ctx.print(f"added meeting {saved.id}: {describe(saved, client, ctx.settings.home_tz)}")
    return 0


def edit_meeting(ctx: Context) -> int:
    """``meeting edit ID``: change fields; raise SEQUENCE when the schedule or title changes."""
    from vaplanner.core.errors import InputError
    from vaplanner.core.limits import check_link
    from vaplanner.core.times import resolve_wall, to_local

    args = ctx.args
    minutes = None if args.duration is None else _duration(args.duration)
    link = None if args.link is None else check_link(_cleared(args.link))
    store = ctx.store
    with store.transaction():
        old = store.meetings.get(args.id)
        client = store.clients.get(old.client_id) if old.client_id is not None else None
        new = old
        if args.zone is not None:
            tz = _zone(ctx, args.zone, client)
            if args.at is None:
                # Same instant, now anchored on the new zone's clock.
                instant, _ = resolve_wall(old.start_local, old.tz)
                wall = to_local(instant, tz).replace(tzinfo=None)
                new = replace(new, tz=tz, start_local=wall)
            else:
                new = replace(new, tz=tz)
        if args.at is not None:
            new = replace(new, start_local=_wall(ctx, args.at, new.tz))
        if args.title is not None:
            if not args.title.strip():
                raise InputError("the title is empty; give the meeting a name")
            new = replace(new, title=args.title.strip())
        if minutes is not None:
            new = replace(new, duration_minutes=minutes)
        if args.every is not None:
            every = None if args.every == "none" else args.every
            new = replace(new, every=every, until=new.until if every else None)
        if args.until is not None:
            if args.until.strip().lower() == "none":
                new = replace(new, until=None)
            else:
                until = _until(ctx, args.until, new.tz, new.start_local, new.every)
                new = replace(new, until=until)
        if link is not None:
            new = replace(new, link=link)
        if new == old:
            raise InputError(
                f"nothing to change for meeting {old.id}; give --at, --title, --duration, "
                "--zone, --every, --until or --link"
            )
        scheduled = ("start_local", "tz", "duration_minutes", "every", "until", "title")
        if any(getattr(new, name) != getattr(old, name) for name in scheduled):
            new = replace(new, sequence=old.sequence + 1)
        saved = store.meetings.update(replace(new, updated=ctx.now))
    if saved.start_local != old.start_local or saved.tz != old.tz:
        _note_resolution(ctx, saved)
    _note_outside_hours(ctx, saved, client)
    if args.json:
        ctx.print_json(meeting_json(saved, client))
    else:
        ctx.print(f"changed meeting {saved.id}: {describe(saved, client, ctx.settings.home_tz)}")
    return 0


def delete_meeting(ctx: Context) -> int:
    """``meeting delete ID``: the meeting and all its occurrences."""
    store = ctx.store
    with store.transaction():
        meeting = store.meetings.get(ctx.args.id)
        client = store.clients.get(meeting.client_id) if meeting.client_id is not None else None
        store.meetings.delete(meeting.id)
    ctx.print(f"deleted meeting {meeting.id}: {describe(meeting, client, ctx.settings.home_tz)}")
    return 0


def list_meetings(ctx: Context) -> int:
    """``meeting list``: occurrences in a home-zone date range, then DST alerts."""
    from datetime import timedelta

    from vaplanner.core.errors import InputError
    from vaplanner.core.recur import occurrences_many
    from vaplanner.core.times import day_bounds, parse_date, to_local
    from vaplanner.core.worldclock import dst_alerts

    home = ctx.settings.home_tz
    today = to_local(ctx.now, home).date()
    first = parse_date(ctx.args.date_from, today=today)
    if ctx.args.date_to:
        last = parse_date(ctx.args.date_to, today=today)
    else:
        last = first + timedelta(days=DEFAULT_DAYS - 1)
    if last < first:
        raise InputError(f"--to {last} is before --from {first}; give the earlier date first")
    start, end = day_bounds(first, home)[0], day_bounds(last, home)[1]
    meetings = _usable(ctx, ctx.store.meetings.all())
    clients = {c.id: c for c in ctx.store.clients.all(include_archived=True)}
    found = occurrences_many(meetings, start, end)
    alerts = dst_alerts(meetings, home, ctx.now, label=lambda m: label(m, clients))
    if ctx.args.json:
        rows = [
            occurrence_json(occ, clients.get(occ.meeting.client_id or 0), home) for occ in found
        ]
        ctx.print_json(rows)
        for alert in alerts:
            ctx.note(alert.message)
        return 0
    if found:
        ctx.print(table([row(occ, clients, home) for occ in found], HEADERS))
    else:
        ctx.print(f"no meetings from {first:%a %d %b} to {last:%a %d %b %Y}")
    if alerts:
        ctx.print("")
        ctx.print("alerts (your clock changes):")
        for alert in alerts:
            ctx.print(f"! {alert.message}")
    return 0


# --- helpers -------------------------------------------------------------------------------


def _client(ctx: Context, ref: str) -> Client | None:
    if ref.strip() in {"-", ""}:
        return None
    return ctx.store.clients.find(ref)


def _duration(text: str) -> int:
    """``--duration``: a length the meeting can have (at most a day)."""
    from vaplanner.core.limits import check_meeting_minutes
    from vaplanner.core.times import parse_duration

    return check_meeting_minutes(parse_duration(text), text)


def _cleared(text: str) -> str:
    """``none`` or ``-`` as an empty link (``meeting edit --link none`` removes it)."""
    return "" if text.strip().lower() in {"none", "-"} else text


def _zone(ctx: Context, text: str, client: Client | None) -> str:
    from vaplanner.core.errors import InputError
    from vaplanner.core.times import validate_zone

    word = text.strip().lower()
    if word == "home":
        return ctx.settings.home_tz
    if word == "client":
        if client is None:
            raise InputError("--zone client needs a client; give one, or use home or a zone name")
        return client.tz
    return validate_zone(text)


def _wall(ctx: Context, text: str, tz: str) -> datetime:
    from vaplanner.core.times import parse_wall, to_local

    today = to_local(ctx.now, tz).date()
    wall: datetime = parse_wall(text, today=today)
    return wall.replace(second=0, microsecond=0)


def _until(
    ctx: Context, text: str | None, tz: str, wall: datetime, every: str | None
) -> date | None:
    from vaplanner.core.errors import InputError
    from vaplanner.core.times import parse_date, to_local

    if text is None:
        return None
    if every is None:
        raise InputError("--until needs --every (weekly, biweekly or monthly)")
    until: date = parse_date(text, today=to_local(ctx.now, tz).date())
    if until < wall.date():
        raise InputError(
            f"--until {until} is before the first meeting on {wall.date()}; give a later date"
        )
    return until


def _usable(ctx: Context, meetings: list[Meeting]) -> list[Meeting]:
    """The meetings that can be expanded. One saved by an older version with a start at the
    ends of the calendar or a length of years is left out with a note, so it cannot break
    the listing, and can still be deleted."""
    from vaplanner.core.limits import MAX_MEETING_MINUTES, YEARS_ACCEPTED, year_in_range

    usable = []
    for meeting in meetings:
        if year_in_range(meeting.start_local) and meeting.duration_minutes <= MAX_MEETING_MINUTES:
            usable.append(meeting)
        else:
            ctx.note(
                f"meeting {meeting.id} ({meeting.title}) starts outside the {YEARS_ACCEPTED} or "
                f"lasts more than a day; it is left out (fix it with 'vaplanner meeting edit "
                f"{meeting.id}' or remove it with 'vaplanner meeting delete {meeting.id}')"
            )
    return usable


def _note_resolution(ctx: Context, meeting: Meeting) -> None:
    from vaplanner.core.times import resolve_wall

    _, note = resolve_wall(meeting.start_local, meeting.tz)
    if note:
        ctx.note(note)


def _note_outside_hours(ctx: Context, meeting: Meeting, client: Client | None) -> None:
    """Say so when the first occurrence falls outside the client's business hours."""
    from datetime import timedelta

    from vaplanner.core.hours import windows_between
    from vaplanner.core.times import resolve_wall

    if client is None or client.hours.weekly_minutes == 0:
        return
    start, _ = resolve_wall(meeting.start_local, meeting.tz)
    end = start + timedelta(minutes=meeting.duration_minutes)
    covered = windows_between(client.hours, client.tz, start, end)
    if sum(((e - s) for s, e in covered), timedelta(0)) < end - start:
        ctx.note(f"meeting {meeting.id} is outside {client.name}'s business hours ({client.tz})")
