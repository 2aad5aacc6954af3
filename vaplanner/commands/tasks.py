"""``task add|list|done|edit``: what each client is waiting for."""

from __future__ import annotations

import argparse
from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from vaplanner.commands import Context, table, utc_z
from vaplanner.commands.timer import add_tz, find_client, task_ref
from vaplanner.core.models import TASK_RECURRENCES, TASK_STATUSES

if TYPE_CHECKING:
    from vaplanner.core.models import Client, Task

_CLEAR = {"none", "-", ""}


def _estimate(text: str) -> int | None:
    """``--estimate``: minutes, at most ``limits.MAX_ESTIMATE_MINUTES`` (``none`` clears it)."""
    from vaplanner.core.limits import check_estimate
    from vaplanner.core.times import parse_duration

    if text.strip().lower() in _CLEAR:
        return None
    return check_estimate(parse_duration(text), text)


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """Add ``task add|list|done|edit``."""
    task = sub.add_parser("task", parents=[common], help="add, list, finish or edit tasks")
    actions = task.add_subparsers(title="actions", metavar="ACTION", dest="action")
    actions.required = True

    add = actions.add_parser(
        "add",
        parents=[common],
        help="add a task to a client's queue",
        description="--due is read in the client's zone unless --tz says otherwise; a date "
        "alone means the end of the client's business day.",
    )
    add.add_argument("client", metavar="CLIENT", help="client name, hotkey or id")
    add.add_argument("title", metavar="TITLE")
    add.add_argument("--due", metavar="WHEN", help="e.g. fri, 2026-12-01, 'tomorrow 14:00'")
    add.add_argument("--estimate", metavar="DURATION", help="e.g. 90m, 1h30m, 1.5h")
    add.add_argument("--urgent", action="store_true")
    add.add_argument("--important", action="store_true")
    add.add_argument("--tag", action="append", default=[], metavar="T", help="repeatable")
    add.add_argument("--assignee", metavar="NAME", help="a subcontractor (default: you)")
    add.add_argument("--every", choices=TASK_RECURRENCES, help="repeat when done")
    add.add_argument("--notes", metavar="TEXT")
    add_tz(add, "--due")
    add.set_defaults(func=add_command)

    list_ = actions.add_parser("list", parents=[common], help="list open tasks")
    list_.add_argument("client", nargs="?", metavar="CLIENT", help="only this client")
    list_.add_argument(
        "--status",
        metavar="S",
        help=f"one or more of {', '.join(TASK_STATUSES)} (comma-separated), open or all",
    )
    list_.add_argument("--json", action="store_true", help="print JSON")
    add_tz(list_, "due times")
    list_.set_defaults(func=list_command)

    done = actions.add_parser("done", parents=[common], help="mark a task done")
    done.add_argument("id", type=task_ref, metavar="ID")
    done.set_defaults(func=done_command)

    edit = actions.add_parser(
        "edit",
        parents=[common],
        help="change a task",
        description="Give only what changes; 'none' clears --due, --estimate, --assignee "
        "and --every. --tag replaces the tags.",
    )
    edit.add_argument("id", type=task_ref, metavar="ID")
    edit.add_argument("--title")
    edit.add_argument("--client", metavar="CLIENT", help="move it to another client")
    edit.add_argument("--due", metavar="WHEN")
    edit.add_argument("--estimate", metavar="DURATION")
    edit.add_argument("--urgent", action=argparse.BooleanOptionalAction, default=None)
    edit.add_argument("--important", action=argparse.BooleanOptionalAction, default=None)
    edit.add_argument("--tag", action="append", metavar="T", help="repeatable; replaces tags")
    edit.add_argument("--assignee", metavar="NAME")
    edit.add_argument("--every", choices=[*TASK_RECURRENCES, "none"])
    edit.add_argument("--status", choices=TASK_STATUSES)
    edit.add_argument("--notes", metavar="TEXT")
    add_tz(edit, "--due")
    edit.set_defaults(func=edit_command)


# ------------------------------------------------------------------------------------ helpers


def _due(ctx: Context, text: str, client: Client) -> tuple[datetime, str]:
    """``--due`` as (UTC instant, zone): in the client's zone unless ``--tz``; a date alone is
    the end of the client's business day (or 23:59 when it has no hours that day)."""
    from datetime import time

    from vaplanner.core.errors import TimeParseError
    from vaplanner.core.limits import check_due
    from vaplanner.core.times import parse_date, parse_when_noted, resolve_wall, validate_zone

    tz = validate_zone(ctx.args.tz) if ctx.args.tz else client.tz
    from zoneinfo import ZoneInfo

    today = ctx.now.astimezone(ZoneInfo(tz)).date()
    try:
        day = parse_date(text, today=today)
    except TimeParseError:
        instant, note = parse_when_noted(text, tz=tz, now=ctx.now)
    else:
        windows = client.hours.for_weekday(day.weekday())
        minute = max((w.end_minute for w in windows), default=23 * 60 + 59)
        wall = datetime.combine(day, time(0)) + timedelta(minutes=minute)
        instant, note = resolve_wall(wall, tz)
    check_due(instant, ctx.now, text)
    if note:
        ctx.note(note)
    return instant, tz


def _tags(values: list[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for value in values:
        for tag in value.split(","):
            if tag.strip():
                seen[tag.strip().lower()] = None
    return tuple(seen)


def _names(ctx: Context) -> dict[int, str]:
    return {c.id: c.name for c in ctx.store.clients.all(include_archived=True)}


def task_json(task: Task, client: str) -> dict[str, Any]:
    """The JSON object of a task (``task list --json``)."""
    from vaplanner.core.queues import quadrant

    return {
        "id": task.id,
        "title": task.title,
        "client": client,
        "client_id": task.client_id,
        "status": task.status,
        "urgent": task.urgent,
        "important": task.important,
        "quadrant": quadrant(task),
        "estimate_minutes": task.estimate_minutes,
        "due_utc": utc_z(task.due),
        "due_tz": task.due_tz,
        "assignee": task.assignee,
        "tags": list(task.tags),
        "every": task.every,
        "notes": task.notes,
        "position": task.position,
        "out_of_scope": task.out_of_scope,
        "template": task.template,
        "created_utc": utc_z(task.created),
        "done_utc": utc_z(task.done_at),
    }


def _due_text(task: Task, tz: str, now: datetime) -> str:
    from vaplanner.core.timer import local_label

    if task.due is None:
        return ""
    text = local_label(task.due, tz, now)
    return text + (" !" if task.status != "done" and task.due < now else "")


def _statuses(text: str | None) -> tuple[str, ...]:
    from vaplanner.core.errors import InputError
    from vaplanner.core.models import OPEN_TASK_STATUSES

    if text is None or text.strip().lower() == "open":
        return OPEN_TASK_STATUSES
    if text.strip().lower() == "all":
        return TASK_STATUSES
    chosen = tuple(s.strip().lower() for s in text.split(",") if s.strip())
    bad = [s for s in chosen if s not in TASK_STATUSES]
    if bad or not chosen:
        raise InputError(
            f"unknown status {bad[0] if bad else text!r}; use {', '.join(TASK_STATUSES)}, "
            "open or all (several with commas)"
        )
    return chosen


def _city(tz: str) -> str:
    return tz.rsplit("/", 1)[-1].replace("_", " ")


def _summary(task: Task, client: str, home_tz: str, now: datetime) -> str:
    """``#1 Newsletter for Acme · due Fri 4 Dec 17:00 New York (23:00 your time) · ~0:45 · do``."""
    from vaplanner.core.queues import quadrant
    from vaplanner.core.times import format_duration, to_local

    parts = [f"#{task.id} {task.title} for {client}"]
    if task.due is not None:
        zone = task.due_tz or home_tz
        due = f"due {_due_text(task, zone, now)}"
        there, home = to_local(task.due, zone), to_local(task.due, home_tz)
        if there.utcoffset() != home.utcoffset():
            same_day = home.date() == there.date()
            mine = f"{home:%H:%M}" if same_day else f"{home:%a} {home.day} {home:%b %H:%M}"
            due += f" {_city(zone)} ({mine} your time)"
        parts.append(due)
    if task.estimate_minutes:
        parts.append(f"~{format_duration(task.estimate_minutes)}")
    parts.append(quadrant(task))
    if task.every:
        parts.append(
            "every "
            + {"daily": "day", "biweekly": "two weeks"}.get(
                task.every, task.every.removesuffix("ly")
            )
        )
    return " · ".join(parts)


# ----------------------------------------------------------------------------------- commands


def add_command(ctx: Context) -> int:
    from vaplanner.core.errors import InputError
    from vaplanner.core.models import Task
    from vaplanner.core.queues import next_position

    args = ctx.args
    title = args.title.strip()
    if not title:
        raise InputError("a task title cannot be empty")
    with ctx.store.transaction():
        client = find_client(ctx, args.client)
        due, due_tz = _due(ctx, args.due, client) if args.due else (None, None)
        task = Task(
            client_id=client.id,
            title=title,
            urgent=args.urgent,
            important=args.important,
            estimate_minutes=_estimate(args.estimate) if args.estimate else None,
            due=due,
            due_tz=due_tz,
            tags=_tags(args.tag),
            assignee=(args.assignee or "").strip() or None,
            every=args.every,
            notes=(args.notes or "").strip(),
            position=next_position(ctx.store.tasks.list(client_id=client.id)),
            created=ctx.now,
        )
        task = ctx.store.tasks.add(task)
    ctx.print(f"Added {_summary(task, client.name, ctx.settings.home_tz, ctx.now)}")
    return 0


def list_command(ctx: Context) -> int:
    args = ctx.args
    statuses = _statuses(args.status)
    client = find_client(ctx, args.client) if args.client else None
    tasks = ctx.store.tasks.list(client_id=client.id if client else None, statuses=statuses)
    names = _names(ctx)
    if args.json:
        ctx.print_json([task_json(t, names.get(t.client_id, "")) for t in tasks])
        return 0
    if not tasks:
        whose = f" for {client.name}" if client else ""
        ctx.print(f"No {'open ' if args.status is None else ''}tasks{whose}")
        return 0
    from vaplanner.commands.timer import zone
    from vaplanner.core.queues import quadrant
    from vaplanner.core.times import format_duration

    tz = zone(ctx)
    rows = [
        (
            t.id,
            names.get(t.client_id, "?"),
            t.title,
            quadrant(t),
            _due_text(t, tz, ctx.now),
            format_duration(t.estimate_minutes) if t.estimate_minutes else "",
            t.status,
            ",".join(t.tags),
        )
        for t in tasks
    ]
    headers = ("ID", "CLIENT", "TITLE", "QUADRANT", f"DUE ({_city(tz)})", "EST", "STATUS", "TAGS")
    ctx.print(table(rows, headers))
    return 0


def done_command(ctx: Context) -> int:
    from vaplanner.core.queues import next_recurrence, with_status

    with ctx.store.transaction():
        task = ctx.store.tasks.get(ctx.args.id)
        client = ctx.store.clients.get(task.client_id)
        if task.status == "done":
            ctx.print(f"#{task.id} {task.title} was already done")
            return 0
        done = ctx.store.tasks.update(with_status(task, "done", ctx.now))
        following = next_recurrence(done, ctx.now)
        if following is not None:
            following = ctx.store.tasks.add(following)
    ctx.print(f"Done: #{done.id} {done.title} ({client.name})")
    if following is not None:
        ctx.print(f"Next: {_summary(following, client.name, ctx.settings.home_tz, ctx.now)}")
    return 0


def edit_command(ctx: Context) -> int:
    from vaplanner.core.errors import InputError
    from vaplanner.core.queues import with_status

    args = ctx.args
    with ctx.store.transaction():
        task = ctx.store.tasks.get(args.id)
        client = (
            find_client(ctx, args.client) if args.client else ctx.store.clients.get(task.client_id)
        )
        changes: dict[str, Any] = {}
        if args.title is not None:
            if not args.title.strip():
                raise InputError("a task title cannot be empty")
            changes["title"] = args.title.strip()
        if args.client is not None:
            changes["client_id"] = client.id
        if args.due is not None:
            if args.due.strip().lower() in _CLEAR:
                changes.update(due=None, due_tz=None)
            else:
                changes["due"], changes["due_tz"] = _due(ctx, args.due, client)
        if args.estimate is not None:
            changes["estimate_minutes"] = _estimate(args.estimate)
        for flag in ("urgent", "important"):
            if getattr(args, flag) is not None:
                changes[flag] = getattr(args, flag)
        if args.tag is not None:
            changes["tags"] = _tags(args.tag)
        if args.assignee is not None:
            changes["assignee"] = (
                None if args.assignee.strip().lower() in _CLEAR else args.assignee.strip()
            )
        if args.every is not None:
            changes["every"] = None if args.every == "none" else args.every
        if args.notes is not None:
            changes["notes"] = args.notes.strip()
        updated = replace(task, **changes)
        if args.status is not None:
            updated = with_status(updated, args.status, ctx.now)
        if updated == task:
            raise InputError("nothing to change; give at least one flag, e.g. --due fri")
        updated = ctx.store.tasks.update(updated)
    ctx.print(f"Updated {_summary(updated, client.name, ctx.settings.home_tz, ctx.now)}")
    return 0
