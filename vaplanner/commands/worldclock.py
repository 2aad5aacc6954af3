"""``vaplanner clock`` and ``vaplanner slots``: every client's time, and times that suit all.

``clock`` shows each active client's local time, UTC offset, offset from home, business-hours
state and the next DST change of their zone. ``slots`` intersects the VA's work hours with
the clients' business hours over the next days (``windows``) and lists the bookable starts
inside them that leave existing meetings and blocks free (``slots``).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from vaplanner.commands import Context, table, utc_z

if TYPE_CHECKING:
    from datetime import datetime

    from vaplanner.core.hours import Interval
    from vaplanner.core.models import Client
    from vaplanner.core.worldclock import ClockRow

#: Slot starts shown per window in text mode (all of them are in --json).
SHOWN_PER_WINDOW = 8


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``clock`` and ``slots`` to the command tree."""
    clock = sub.add_parser(
        "clock",
        parents=[common],
        help="every client's local time and business hours",
        description="Each client's local time, UTC offset, offset from your home zone, "
        "business-hours state and the next DST change of their zone.",
    )
    clock.add_argument("--json", action="store_true", help="JSON with UTC instants")
    clock.set_defaults(func=show_clock)

    slots = sub.add_parser(
        "slots",
        parents=[common],
        help="meeting times that suit you and the clients",
        description="Shared hours of your work hours and the clients' business hours "
        "(windows), and the meeting starts inside them that leave your meetings and blocks "
        "free (slots). Right across DST changes on different dates.",
    )
    slots.add_argument("clients", nargs="+", metavar="CLIENT", help="name, id or hotkey")
    slots.add_argument("--from", dest="date_from", default="today", metavar="DATE")
    slots.add_argument("--days", type=int, default=14, help="how many days to search (14)")
    slots.add_argument("--duration", default="30m", help="meeting length (30m)")
    slots.add_argument("--only-clients", action="store_true", help="leave your own work hours out")
    slots.add_argument("--json", action="store_true", help="windows and slots with UTC instants")
    slots.set_defaults(func=find_slots_command)


# --- clock ---------------------------------------------------------------------------------


def show_clock(ctx: Context) -> int:
    """``clock``: one row per active client, in the order of ``client list``."""
    from vaplanner.core.worldclock import clock_rows

    home = ctx.settings.home_tz
    clients = [c for c in ctx.store.clients.all() if c.status != "archived"]
    rows = clock_rows(clients, home, ctx.now)
    if ctx.args.json:
        ctx.print_json([clock_json(row) for row in rows])
        return 0
    if not rows:
        ctx.print("no clients yet; add one with 'vaplanner client add NAME --tz ZONE'")
        return 0
    ctx.print(table([_clock_cells(row) for row in rows], _CLOCK_HEADERS))
    return 0


_CLOCK_HEADERS = ["CLIENT", "ZONE", "LOCAL", "UTC", "VS HOME", "HOURS", "NEXT CHANGE"]
_STATE_TEXT = {
    "in": "in hours",
    "ending": "closing soon",
    "soon": "opening soon",
    "out": "out",
    "weekend": "day off",
}


def clock_json(row: ClockRow) -> dict[str, Any]:
    """A client on the clock for scripts (keys of issue 6, then extras)."""
    return {
        "name": row.client.name,
        "tz": row.client.tz,
        "local_time": row.local.isoformat(timespec="seconds"),
        "utc_offset": row.utc_offset,
        "in_hours": row.in_hours,
        "next_change_utc": utc_z(row.next_change),
        "id": row.client.id,
        "state": row.state,
        "offset_from_home": row.from_home,
        "local_date": row.local.date().isoformat(),
        "next_offset": row.next_offset,
    }


def _clock_cells(row: ClockRow) -> list[str]:
    local = f"{row.local:%H:%M}"
    if row.other_date is not None:
        local += f" {row.local:%a %d %b}"
    change = ""
    if row.next_change is not None:
        when = row.next_change.astimezone(row.local.tzinfo)
        change = f"{when.day} {when:%b %Y} -> UTC{row.next_offset}"
    return [
        row.client.name,
        row.client.tz,
        local,
        row.utc_offset,
        row.from_home if row.from_home == "0" else f"{row.from_home}h",
        _STATE_TEXT[row.state],
        change,
    ]


# --- slots ---------------------------------------------------------------------------------


def find_slots_command(ctx: Context) -> int:
    """``slots CLIENT…``: shared windows and free slots over ``--days`` home days."""
    from datetime import timedelta

    from vaplanner.core.errors import InputError
    from vaplanner.core.recur import occurrences_many
    from vaplanner.core.times import day_bounds, parse_date, parse_duration, to_local
    from vaplanner.core.worldclock import find_slots

    args = ctx.args
    if not 1 <= args.days <= 366:
        raise InputError(f"--days {args.days} is out of range; use 1 to 366")
    duration = parse_duration(args.duration)
    settings, store = ctx.settings, ctx.store
    home = settings.home_tz
    clients: list[Client] = []
    for ref in args.clients:
        client = store.clients.find(ref)
        if client.id not in {c.id for c in clients}:
            clients.append(client)
    first = parse_date(args.date_from, today=to_local(ctx.now, home).date())
    start = day_bounds(first, home)[0]
    end = day_bounds(first + timedelta(days=args.days - 1), home)[1]
    busy: list[Interval] = [
        (occ.start, occ.end) for occ in occurrences_many(store.meetings.all(), start, end)
    ]
    busy += [(b.start, b.end) for b in store.blocks.between(start, end)]
    search = find_slots(
        [(c.hours, c.tz) for c in clients],
        work_hours=settings.work_hours,
        home_tz=home,
        first_day=first,
        days=args.days,
        duration_minutes=duration,
        busy=busy,
        only_clients=args.only_clients,
        not_before=ctx.now,
    )
    if args.json:
        ctx.print_json(
            {
                "windows": [
                    {
                        "start_utc": utc_z(s),
                        "end_utc": utc_z(e),
                        "minutes": int((e - s).total_seconds()) // 60,
                    }
                    for s, e in search.windows
                ],
                "slots": [{"start_utc": utc_z(s), "end_utc": utc_z(e)} for s, e in search.slots],
            }
        )
        return 0
    ctx.print(_slots_text(search.windows, search.slots, clients, home, duration, args))
    return 0


def _slots_text(
    windows: list[Interval],
    slots: list[Interval],
    clients: list[Client],
    home: str,
    duration: int,
    args: argparse.Namespace,
) -> str:
    from vaplanner.core.times import format_duration, to_local

    who = ", ".join(f"{c.name} ({c.tz})" for c in clients)
    mine = "" if args.only_clients else "your work hours and "
    head = (
        f"{format_duration(duration)} slots in {mine}the hours of {who}, "
        f"{args.days} days, times in {home}"
    )
    if not windows:
        hint = "" if args.only_clients else "; try --only-clients"
        return f"{head}\nno shared hours in these days{hint} or more --days"
    rows = []
    for start, end in windows:
        inside = [s for s, _ in slots if start <= s < end]
        shown = " ".join(f"{to_local(s, home):%H:%M}" for s in inside[:SHOWN_PER_WINDOW])
        if len(inside) > SHOWN_PER_WINDOW:
            shown += f" … (+{len(inside) - SHOWN_PER_WINDOW})"
        theirs = "  ".join(f"{c.name} {_span(start, end, c.tz)}" for c in clients)
        rows.append(
            [
                f"{to_local(start, home):%a %d %b}",
                _span(start, end, home),
                format_duration(int((end - start).total_seconds()) // 60),
                theirs,
                shown or "booked",
            ]
        )
    found = f"{len(slots)} slot" + ("" if len(slots) == 1 else "s")
    return "\n".join(
        [head, "", table(rows, ["DATE", "HOME", "LEN", "THEIRS", "FREE STARTS"]), "", found]
    )


def _span(start: datetime, end: datetime, tz: str) -> str:
    from vaplanner.core.times import to_local

    return f"{to_local(start, tz):%H:%M}-{to_local(end, tz):%H:%M}"
