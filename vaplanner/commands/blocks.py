"""``vaplanner block add|list|delete`` and ``vaplanner plan``: time blocks and the day plan.

Times are read in the home zone (``--tz`` overrides it for ``block add``). ``CLIENT`` is a
client (name, id or hotkey) or, for a block that belongs to nobody, one of the category words
``admin``, ``break``, ``buffer``, ``focus``. ``--category`` sets the kind explicitly: ``block
add Acme --category focus`` is focus time for Acme, and ``block add admin --category client``
means the client called "admin".

Heavy imports (dateutil through the core, the store) happen inside the handlers. How plans
and blocks are printed (text and JSON) is in :mod:`vaplanner.commands.block_views`.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any, cast

from vaplanner.commands import Context, table
from vaplanner.commands.block_views import (
    block_json,
    clock_span,
    describe_block,
    length,
    local_time,
    plan_json,
    plan_text,
    who_text,
)

if TYPE_CHECKING:
    from datetime import date, datetime

    from vaplanner.core.models import BlockCategory, Client
    from vaplanner.core.planner import DayPlan

CATEGORIES = ("client", "admin", "break", "buffer", "focus")
#: Words that stand for "no client" in the CLIENT position.
CATEGORY_WORDS = ("admin", "break", "buffer", "focus")


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``block`` (with ``add``, ``list``, ``delete``) and ``plan`` to the command tree."""
    block = sub.add_parser(
        "block",
        parents=[common],
        help="plan time blocks on the day grid",
        description="Add, list and delete time blocks (times in your home zone).",
    )
    actions = block.add_subparsers(
        title="actions", metavar="ACTION", dest="action", required=True, parser_class=type(block)
    )

    add = actions.add_parser(
        "add",
        parents=[common],
        help="add a block",
        description="Add a block. An overlap with a block or meeting is refused unless --force.",
    )
    add.add_argument(
        "client",
        metavar="CLIENT",
        help="client name, id or hotkey; or admin, break, buffer, focus for a block without one",
    )
    add.add_argument("--date", default="today", help="the day (default: today)")
    add.add_argument("--start", required=True, metavar="HH:MM", help="start (wall time)")
    add.add_argument("--end", required=True, metavar="HH:MM", help="end (wall time; 24:00 ok)")
    add.add_argument("--title", default=None, help="what the block is for")
    add.add_argument("--task", type=int, default=None, metavar="ID", help="the task it is for")
    add.add_argument("--tz", default=None, metavar="ZONE", help="read times in ZONE, not home")
    add.add_argument("--category", choices=CATEGORIES, default=None, help="kind of block")
    add.add_argument("--force", action="store_true", help="add it even if it overlaps")
    add.add_argument("--json", action="store_true", help="print the new block as JSON")
    add.set_defaults(func=add_block)

    listing = actions.add_parser(
        "list", parents=[common], help="list blocks", description="List blocks by day."
    )
    listing.add_argument("--from", dest="date_from", default="today", metavar="DATE")
    listing.add_argument(
        "--to", dest="date_to", default=None, metavar="DATE", help="(default: a week)"
    )
    listing.add_argument("--json", action="store_true", help="JSON with UTC instants")
    listing.set_defaults(func=list_blocks)

    delete = actions.add_parser("delete", parents=[common], help="delete a block")
    delete.add_argument("id", type=int, metavar="ID")
    delete.set_defaults(func=delete_block)

    plan = sub.add_parser(
        "plan",
        parents=[common],
        help="the day's blocks, meetings and tracked time",
        description="The day's plan in your home zone: blocks, meetings, tracked entries, "
        "conflicts and planned vs tracked totals.",
    )
    plan.add_argument("date", nargs="?", default="today", metavar="DATE")
    plan.add_argument("--json", action="store_true", help="JSON with UTC instants")
    plan.set_defaults(func=show_plan)


# --- handlers ------------------------------------------------------------------------------


def add_block(ctx: Context) -> int:
    """``block add``: refuse an end before the start and (without --force) any overlap."""
    from vaplanner.core.errors import ConflictError, InputError
    from vaplanner.core.models import Block
    from vaplanner.core.placing import find_conflicts
    from vaplanner.core.planner import block_item, describe_item, outside_hours, plan_items
    from vaplanner.core.recur import occurrences_many
    from vaplanner.core.times import format_week_hours, validate_zone

    args = ctx.args
    tz = validate_zone(args.tz) if args.tz else ctx.settings.home_tz
    day = _date(ctx, args.date, tz)
    start = _wall(ctx, day, args.start, tz, is_end=False)
    end = _wall(ctx, day, args.end, tz, is_end=True)
    if end <= start:
        raise InputError(
            f"the end {args.end} is not after the start {args.start}; a block ends later the "
            "same day (use --end 24:00 for midnight)"
        )
    store = ctx.store
    with store.transaction():
        client, category = _who(ctx, args.client, args.category)
        task = store.tasks.get(args.task) if args.task is not None else None
        if task is not None:
            if client is not None and task.client_id != client.id:
                owner = store.clients.get(task.client_id).name
                raise InputError(f"task {task.id} belongs to {owner}, not {client.name}")
            if client is None and category not in ("break", "buffer"):
                client = store.clients.get(task.client_id)
        title = args.title if args.title is not None else (task.title if task else "")
        block = Block(
            start=start,
            end=end,
            client_id=client.id if client else None,
            category=category,
            task_id=task.id if task else None,
            title=title,
        )
        items = plan_items(
            store.blocks.between(start, end), occurrences_many(store.meetings.all(), start, end)
        )
        conflicts = find_conflicts([block_item(block)], items)
        names = _names(ctx)
        clash = "; ".join(describe_item(c.second, tz, names) for c in conflicts)
        if conflicts and not args.force:
            raise ConflictError(
                f"{clock_span(start, end, tz)} overlaps {clash}; choose another time, or add "
                "--force to keep both"
            )
        saved = store.blocks.add(block)
    if conflicts:
        ctx.note(f"block {saved.id} overlaps {clash} (added because of --force)")
    if client is not None and category != "break" and outside_hours(start, end, client):
        ctx.note(
            f"block {saved.id} is {clock_span(start, end, client.tz)} in {client.tz}, outside "
            f"{client.name}'s business hours ({format_week_hours(client.hours)})"
        )
    if args.json:
        ctx.print_json(block_json(saved, ctx.settings.home_tz, names))
    else:
        ctx.print(f"added block {saved.id}: {describe_block(saved, ctx.settings.home_tz, names)}")
    return 0


def list_blocks(ctx: Context) -> int:
    """``block list``: blocks from --from to --to (inclusive dates, home zone)."""
    from datetime import timedelta

    from vaplanner.core.errors import InputError
    from vaplanner.core.times import day_bounds

    tz = ctx.settings.home_tz
    first = _date(ctx, ctx.args.date_from, tz)
    last = _date(ctx, ctx.args.date_to, tz) if ctx.args.date_to else first + timedelta(days=6)
    if last < first:
        raise InputError(f"--to {last} is before --from {first}; give the earlier date first")
    start, end = day_bounds(first, tz)[0], day_bounds(last, tz)[1]
    blocks = ctx.store.blocks.between(start, end)
    names = _names(ctx)
    if ctx.args.json:
        ctx.print_json([block_json(b, tz, names) for b in blocks])
        return 0
    if not blocks:
        ctx.print(f"no blocks from {first:%a %d %b} to {last:%a %d %b %Y}")
        return 0
    rows = [
        (b.id, local_time(b.start, tz).strftime("%a %d %b"), clock_span(b.start, b.end, tz),
         length(b.minutes), who_text(b.client_id, b.category, names), b.title)
        for b in blocks
    ]  # fmt: skip
    ctx.print(table(rows, ["ID", "DATE", "TIME", "LEN", "FOR", "TITLE"]))
    return 0


def delete_block(ctx: Context) -> int:
    """``block delete ID``."""
    store = ctx.store
    with store.transaction():
        block = store.blocks.get(ctx.args.id)
        store.blocks.delete(block.id)
    ctx.print(
        f"deleted block {block.id}: {describe_block(block, ctx.settings.home_tz, _names(ctx))}"
    )
    return 0


def show_plan(ctx: Context) -> int:
    """``plan [DATE]``: blocks, meetings and tracked time of a home day."""
    plan, names = load_plan(ctx, _date(ctx, ctx.args.date, ctx.settings.home_tz))
    if ctx.args.json:
        ctx.print_json(plan_json(plan, names))
    else:
        ctx.print(plan_text(plan, names))
    return 0


def load_plan(ctx: Context, day: date) -> tuple[DayPlan, dict[int, str]]:
    """The :class:`DayPlan` of ``day`` from the store, and client names by id."""
    from vaplanner.core.planner import build_day_plan
    from vaplanner.core.times import day_bounds

    store, settings = ctx.store, ctx.settings
    start, end = day_bounds(day, settings.home_tz)
    clients = store.clients.all(include_archived=True)
    plan = build_day_plan(
        day,
        settings=settings,
        now=ctx.now,
        blocks=store.blocks.between(start, end),
        meetings=store.meetings.all(),
        entries=store.entries.between(start, end),
        timer=store.timer.get(),
        clients=clients,
    )
    return plan, {c.id: c.name for c in clients}


# --- helpers ------------------------------------------------------------------------------


def _who(ctx: Context, ref: str, category: str | None) -> tuple[Client | None, BlockCategory]:
    """CLIENT and --category -> (client or None, category); see the module docstring."""
    from vaplanner.core.errors import InputError

    word = ref.strip().lower()
    if category is None:
        if word in CATEGORY_WORDS:
            return None, cast("BlockCategory", word)
        return ctx.store.clients.find(ref), "client"
    if category != "client" and word == category:
        return None, cast("BlockCategory", category)
    if category != "client" and word in CATEGORY_WORDS:
        raise InputError(
            f"'{ref}' is a category but --category says {category}; give a client, or the "
            f"same word twice (e.g. 'block add {category} --category {category}')"
        )
    return ctx.store.clients.find(ref), cast("BlockCategory", category)


def _date(ctx: Context, text: str, tz: str) -> date:
    from vaplanner.core.times import parse_date

    today = local_time(ctx.now, tz).date()
    result: date = parse_date(text, today=today)
    return result


def _wall(ctx: Context, day: date, text: str, tz: str, *, is_end: bool) -> datetime:
    """A wall clock on ``day`` as a UTC instant; ``24:00`` (end only) is the next midnight."""
    from datetime import datetime, time, timedelta

    from vaplanner.core.times import parse_clock, resolve_wall

    if is_end and text.strip() in {"24:00", "24"}:
        wall = datetime.combine(day + timedelta(days=1), time(0))
    else:
        wall = datetime.combine(day, parse_clock(text))
    instant, note = resolve_wall(wall, tz)
    if note:
        ctx.note(note)
    return instant


def _names(ctx: Context) -> dict[int, str]:
    return {c.id: c.name for c in ctx.store.clients.all(include_archived=True)}
