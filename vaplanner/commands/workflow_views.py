"""Cross-client listings of the workflow commands (``deadlines``, ``batches``, ``checkin``)
and the small formatting helpers that :mod:`vaplanner.commands.workflow` shares with them.

Not a command module of its own: :mod:`vaplanner.commands.workflow` registers these handlers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from vaplanner.commands import Context, table, utc_z

if TYPE_CHECKING:
    from datetime import datetime

    from vaplanner.core.models import Checkin, Client, Task


# --- helpers --------------------------------------------------------------------------------


def names(ctx: Context) -> dict[int, Client]:
    return {client.id: client for client in ctx.store.clients.all(include_archived=True)}


def name(clients: dict[int, Client], client_id: int) -> str:
    client = clients.get(client_id)
    return client.name if client is not None else f"client {client_id}"


def home(ctx: Context, instant: datetime) -> str:
    from vaplanner.core.timer import local_label

    return local_label(instant, ctx.settings.home_tz, ctx.now)


def local(instant: datetime, tz: str) -> str:
    from zoneinfo import ZoneInfo

    return instant.astimezone(ZoneInfo(tz)).strftime("%a %H:%M")


def task_json(task: Task, client: str) -> dict[str, Any]:
    """The task JSON of ``task list --json``, so every listing shows a task the same way."""
    from vaplanner.commands.tasks import task_json as shared

    return shared(task, client)


# --- check-ins ------------------------------------------------------------------------------


def checkin_add(ctx: Context) -> int:
    from vaplanner.commands.timer import find_client, instant, zone
    from vaplanner.core.errors import InputError
    from vaplanner.core.models import Checkin
    from vaplanner.core.promises import last_checkins, since_text, validate_score

    args = ctx.args
    client = find_client(ctx, args.client)
    tz = zone(ctx)  # a bad --tz is an error even without a time to read
    at = instant(ctx, args.at, tz) if args.at else ctx.now
    if (at - ctx.now).total_seconds() > 60:
        raise InputError(f"--at is in the future ({home(ctx, at)}); record a check-in after it")
    with ctx.store.transaction():
        before = last_checkins(c for c in ctx.store.checkins.all() if c.client_id == client.id)
        checkin = ctx.store.checkins.add(
            Checkin(
                client_id=client.id, at=at, score=validate_score(args.score), note=args.note.strip()
            )
        )
    if args.json:
        ctx.print_json(_checkin_json(checkin, client.name))
        return 0
    previous = before.get(client.id)
    score = f", score {checkin.score}/5" if checkin.score is not None else ""
    ctx.print(
        f"check-in #{checkin.id} with {client.name} recorded ({home(ctx, at)}{score}); "
        f"the one before: {since_text(previous.at if previous else None, at)}"
    )
    return 0


def _checkin_json(checkin: Checkin, client: str) -> dict[str, Any]:
    return {
        "id": checkin.id,
        "client": client,
        "client_id": checkin.client_id,
        "at_utc": utc_z(checkin.at),
        "score": checkin.score,
        "note": checkin.note,
    }


def checkin_list(ctx: Context) -> int:
    from vaplanner.commands.timer import find_client
    from vaplanner.core.promises import since_text

    found = ctx.store.checkins.all()
    if ctx.args.client:
        client_id = find_client(ctx, ctx.args.client).id
        found = [c for c in found if c.client_id == client_id]
    found.sort(key=lambda c: (c.at, c.id), reverse=True)
    clients = names(ctx)
    if ctx.args.json:
        ctx.print_json([_checkin_json(c, name(clients, c.client_id)) for c in found])
        return 0
    if not found:
        ctx.print("no check-ins yet; record one with 'vaplanner checkin add CLIENT --score 1-5'")
        return 0
    rows = [
        (
            c.id,
            name(clients, c.client_id),
            home(ctx, c.at),
            since_text(c.at, ctx.now),
            "" if c.score is None else f"{c.score}/5",
            c.note,
        )
        for c in found
    ]
    ctx.print(table(rows, ("ID", "CLIENT", "WHEN", "AGO", "SCORE", "NOTE")))
    return 0


# --- deadlines and batches ------------------------------------------------------------------


def deadlines_command(ctx: Context) -> int:
    from vaplanner.commands.timer import find_client
    from vaplanner.core.task_lists import deadlines

    tasks = ctx.store.tasks.list()
    if ctx.args.client:
        client_id = find_client(ctx, ctx.args.client).id
        tasks = [t for t in tasks if t.client_id == client_id]
    clients = names(ctx)
    found = deadlines(tasks, clients, ctx.settings.home_tz, ctx.now)
    if ctx.args.json:
        ctx.print_json(
            [
                {
                    **task_json(d.task, d.client_name),
                    "overdue": d.overdue,
                    "countdown": d.countdown,
                }
                for d in found
            ]
        )
        return 0
    if not found:
        ctx.print("no open task has a due date")
        return 0
    rows = [
        (
            "!" if d.overdue else "",
            home(ctx, d.due_home),
            d.countdown,
            d.client_name,
            d.due_client.strftime("%a %H:%M"),
            f"#{d.task.id}",
            d.task.title,
        )
        for d in found
    ]
    ctx.print(table(rows, ("", "DUE", "LEFT", "CLIENT", "THEIR TIME", "ID", "TASK")))
    return 0


def batches_command(ctx: Context) -> int:
    from vaplanner.core.task_lists import batch_block_minutes, batches
    from vaplanner.core.times import format_duration

    clients = names(ctx)
    found = batches(ctx.store.tasks.list())
    buffer = ctx.settings.buffer_minutes
    if ctx.args.json:
        ctx.print_json(
            [
                {
                    "tag": b.tag,
                    "estimate_minutes": b.estimate_minutes,
                    "unestimated": b.unestimated,
                    "block_minutes": batch_block_minutes(b, buffer_minutes=buffer),
                    "clients": [name(clients, cid) for cid in b.client_ids],
                    "tasks": [task_json(t, name(clients, t.client_id)) for t in b.tasks],
                }
                for b in found
            ]
        )
        return 0
    if not found:
        ctx.print("no open task has a tag; tag similar work (--tag email) to batch it")
        return 0
    rows = []
    for b in found:
        guess = f" (+{b.unestimated} unestimated)" if b.unestimated else ""
        rows.append(
            (
                b.tag,
                len(b.tasks),
                format_duration(b.estimate_minutes) + guess,
                format_duration(batch_block_minutes(b, buffer_minutes=buffer)),
                ", ".join(name(clients, cid) for cid in b.client_ids),
            )
        )
    ctx.print(table(rows, ("TAG", "TASKS", "ESTIMATE", "BLOCK", "CLIENTS")))
    return 0
