"""``start``, ``stop``, ``cancel`` and ``status``: the timer from a shell or a tmux status line.

Also the small helpers the other time commands share (``--tz``, ``--at``, finding a client).
"""

from __future__ import annotations

import argparse
import re
from datetime import datetime
from typing import TYPE_CHECKING

from vaplanner.commands import Context, utc_z

if TYPE_CHECKING:
    from vaplanner.core.models import Client, Timer
    from vaplanner.core.retainer import RetainerStatus

FORMAT_FIELDS = ("client", "task", "note", "elapsed", "elapsed_s", "started", "retainer_left")
#: Values of the same types as the real ones, to try a --format before it is needed.
_FORMAT_SAMPLE: dict[str, object] = {
    "client": "Acme",
    "task": "Newsletter",
    "note": "",
    "elapsed": "1:05",
    "elapsed_s": 3900,
    "started": "09:30",
    "retainer_left": "3:20",
}


# ----------------------------------------------------------------------------- shared helpers


def task_ref(text: str) -> int:
    """argparse type for a task ID (``12`` or ``#12``)."""
    value = text.strip().removeprefix("#")
    # ASCII digits only: str.isdigit() takes "²", which int() refuses
    if not (value.isascii() and value.isdigit()) or len(value) > 12 or int(value) == 0:
        raise argparse.ArgumentTypeError(f"task ID must be a number such as 12, not {text!r}")
    return int(value)


def add_tz(parser: argparse.ArgumentParser, what: str = "times") -> None:
    parser.add_argument(
        "--tz",
        metavar="ZONE",
        help=f"read and show {what} in this IANA zone instead of your home zone",
    )


def zone(ctx: Context) -> str:
    """The zone typed times are read in: ``--tz`` (validated), else the home zone."""
    typed = getattr(ctx.args, "tz", None)
    if typed:
        from vaplanner.core.times import validate_zone

        return validate_zone(typed)
    return ctx.settings.home_tz


def instant(ctx: Context, text: str, tz: str) -> datetime:
    """A typed time (``09:10``, ``2026-11-20 09:10``, ``-15m``, ``15m ago``) as a UTC instant;
    a wall time that is skipped or repeated by a clock change is explained on stderr."""
    from vaplanner.core.times import parse_when_noted

    value, note = parse_when_noted(text, tz=tz, now=ctx.now)
    if note:
        ctx.note(note)
    return value


def find_client(ctx: Context, ref: str) -> Client:
    """A client by id, hotkey or name (unique prefix); an unknown one suggests close names."""
    from vaplanner.core.errors import NotFoundError

    try:
        return ctx.store.clients.find(ref)
    except NotFoundError:
        import difflib

        names = [c.name for c in ctx.store.clients.all(include_archived=True)]
        if not names:
            raise NotFoundError(
                f"no client {ref!r}: there are no clients yet; add one with "
                "'vaplanner client add NAME --tz ZONE'"
            ) from None
        lowered = {name.lower(): name for name in names}
        close = [lowered[n] for n in difflib.get_close_matches(ref.lower(), list(lowered), n=3)]
        hint = f"did you mean {' or '.join(close)}?" if close else f"clients: {', '.join(names)}"
        raise NotFoundError(f"no client {ref!r}; {hint}") from None


def task_title(ctx: Context, task_id: int | None) -> str:
    if task_id is None:
        return ""
    from vaplanner.core.errors import NotFoundError

    try:
        return ctx.store.tasks.get(task_id).title
    except NotFoundError:
        return f"task #{task_id}"


def client_name(ctx: Context, client_id: int) -> str:
    client = _client_or_none(ctx, client_id)
    return client.name if client is not None else f"client {client_id}"


def _client_or_none(ctx: Context, client_id: int) -> Client | None:
    from vaplanner.core.errors import NotFoundError

    try:
        return ctx.store.clients.get(client_id)
    except NotFoundError:
        return None


def label(ctx: Context, client_id: int, task_id: int | None, note: str = "") -> str:
    """``Acme · Newsletter draft — call prep``."""
    text = client_name(ctx, client_id)
    if task_id is not None:
        text += f" · {task_title(ctx, task_id)}"
    if note:
        text += f" — {note}"
    return text


def when(instant_: datetime, tz: str, now: datetime) -> str:
    from vaplanner.core.timer import local_label

    return local_label(instant_, tz, now)


# ----------------------------------------------------------------------------------- commands


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """Add ``start``, ``stop``, ``cancel`` and ``status``."""
    at_help = "when: 09:10, '2026-11-20 09:10', -15m (write --at=-15m) or '15m ago'; default now"
    start = sub.add_parser(
        "start",
        parents=[common],
        help="start a timer for a client (a running timer stops then)",
        description="Start a timer. A running timer is stopped at the new start (a switch); "
        "with --at in the past it ends at that instant.",
    )
    start.add_argument("client", metavar="CLIENT", help="client name, hotkey or id")
    start.add_argument("--task", type=task_ref, metavar="ID", help="the task worked on")
    start.add_argument("--note", default="", metavar="TEXT", help="a note for the entry")
    start.add_argument("--at", metavar="WHEN", help=at_help)
    add_tz(start)
    start.set_defaults(func=start_command)

    stop = sub.add_parser(
        "stop",
        parents=[common],
        help="stop the timer and record the entry",
        description="Stop the running timer and record it as a time entry.",
    )
    stop.add_argument("--at", metavar="WHEN", help=at_help)
    add_tz(stop)
    stop.set_defaults(func=stop_command)

    cancel = sub.add_parser(
        "cancel", parents=[common], help="drop the running timer without recording it"
    )
    cancel.set_defaults(func=cancel_command)

    status = sub.add_parser(
        "status",
        parents=[common],
        help="what the timer is doing (for scripts and tmux status lines)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Show the running timer.\n\n"
        "--format placeholders: {client} {task} {note} {elapsed} (h:mm) {elapsed_s} (seconds)\n"
        "{started} (HH:MM in your home zone) {retainer_left} (the client's retainer hours\n"
        "left, h:mm, the running time counted; empty without a retainer).\n"
        "When idle: 'idle', {\"running\": false} with --json, and nothing at all with --format.",
        epilog="A tmux status line (~/.tmux.conf):\n"
        "  set -g status-interval 15\n"
        "  set -g status-right '#(vaplanner status --format \"▶ {client} {elapsed}\")'",
    )
    shape = status.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help="print a JSON object")
    shape.add_argument("--format", metavar="FMT", help="e.g. '{client} {elapsed}'")
    status.set_defaults(func=status_command)


def _check_format(fmt: str) -> None:
    import string  # only for --format: start, stop and plain status skip it (~0.4 ms)

    from vaplanner.core.errors import InputError

    try:
        fields = [
            (name, spec) for _, name, spec, _ in string.Formatter().parse(fmt) if name is not None
        ]
    except ValueError as error:
        raise InputError(f"cannot read --format {fmt!r}: {error}; write {{{{ for a brace") from None
    allowed = ", ".join("{" + f + "}" for f in FORMAT_FIELDS)
    for name, spec in fields:
        if name not in FORMAT_FIELDS:
            shown = "{" + name + "}" if name else "{}"
            raise InputError(f"unknown placeholder {shown} in --format; use {allowed}")
        # A width such as {client:>99999999999} would build a string of that size.
        if spec and ("{" in spec or any(len(run) > 3 for run in re.findall(r"\d+", spec))):
            raise InputError(
                f"--format spec {spec!r} is too wide or nested; use widths up to 999, "
                "e.g. {client:>12}"
            )
    try:  # a spec that does not fit its value ({client:d}) fails here, not when it runs
        fmt.format_map(_FORMAT_SAMPLE)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError) as error:
        raise InputError(f"cannot use --format {fmt!r}: {error}") from None


def status_command(ctx: Context) -> int:
    args = ctx.args
    if args.format is not None:
        _check_format(args.format)
    timer = ctx.store.timer.get()
    if timer is None:
        if args.json:
            ctx.print_json({"running": False})
        elif args.format is None:
            ctx.print("idle")
        return 0
    from vaplanner.core.timer import hmm, timer_warnings

    client = _client_or_none(ctx, timer.client_id)
    name = client.name if client is not None else f"client {timer.client_id}"
    elapsed = timer.elapsed_seconds(ctx.now)
    tz = ctx.settings.home_tz
    wanted = args.format is None or "{retainer_left" in args.format
    # only a client with a retainer costs a read of its entries (and the retainer module)
    retainer = _retainer(ctx, client, timer) if wanted and _has_retainer(client) else None
    if args.json:
        shown: dict[str, object] = {
            "running": True,
            "client": name,
            "client_id": timer.client_id,
            "task_id": timer.task_id,
            "task": task_title(ctx, timer.task_id) or None,
            "note": timer.note,
            "started_utc": utc_z(timer.started),
            "elapsed_seconds": elapsed,
        }
        if retainer is not None:
            shown["retainer_left_hours"] = round(retainer.left_minutes / 60, 2)
            shown["retainer"] = _retainer_json(retainer)
        ctx.print_json(shown)
    elif args.format is not None:
        values = {
            "client": name,
            "task": task_title(ctx, timer.task_id) if "{task" in args.format else "",
            "note": timer.note,
            "elapsed": hmm(elapsed),
            "elapsed_s": elapsed,
            "started": when(timer.started, tz, ctx.now),
            "retainer_left": hmm(retainer.left_minutes * 60) if retainer is not None else "",
        }
        ctx.print(args.format.format_map(values))
    else:
        text = label(ctx, timer.client_id, timer.task_id, timer.note)
        line = f"▶ {text}  {hmm(elapsed)}  since {when(timer.started, tz, ctx.now)}"
        if retainer is not None:
            line += f"  · {_retainer_text(retainer)}"
        ctx.print(line)
    for warning in timer_warnings(timer, ctx.settings, ctx.now, client_name=name):
        ctx.note(warning)
    return 0


def _has_retainer(client: Client | None) -> bool:
    """As core.retainer.has_retainer, without importing it (status stays light)."""
    hours = client.billing.retainer_hours if client is not None else None
    return hours is not None and hours > 0


def _retainer(ctx: Context, client: Client | None, timer: Timer) -> RetainerStatus | None:
    """The retainer of the running client at now, the running time counted as used."""
    from vaplanner.core.models import Entry
    from vaplanner.core.retainer import retainer_status, retainer_window

    if client is None:
        return None
    tz, week_start = ctx.settings.home_tz, ctx.settings.week_start
    since = retainer_window(client, ctx.now, tz=tz, week_start=week_start)
    entries = [e for e in ctx.store.entries.between(since, ctx.now) if e.client_id == client.id]
    if timer.started < ctx.now:
        entries.append(Entry(client.id, timer.started, ctx.now))
    return retainer_status(client, entries, ctx.now, tz=tz, week_start=week_start)


def _retainer_text(status: RetainerStatus) -> str:
    """``retainer 3:20 left`` or ``retainer used up, 0:45 over``."""
    from vaplanner.core.timer import hmm

    if status.left_minutes == 0 and status.overage_minutes > 0:
        return f"retainer used up, {hmm(status.overage_minutes * 60)} over"
    return f"retainer {hmm(status.left_minutes * 60)} left"


def _retainer_json(status: RetainerStatus) -> dict[str, object]:
    return {
        "cycle": status.cycle,
        "cycle_start": status.cycle_start.isoformat(),
        "resets_on": status.resets_on.isoformat(),
        "included_minutes": status.included_minutes,
        "rollover_minutes": status.rollover_minutes,
        "used_minutes": status.used_minutes,
        "left_minutes": status.left_minutes,
        "overage_minutes": status.overage_minutes,
        "percent_used": status.percent_used,
        "level": status.level,
    }


def start_command(ctx: Context) -> int:
    from vaplanner.actions import start_timer
    from vaplanner.core.timer import hmm

    args = ctx.args
    client = find_client(ctx, args.client)
    tz = zone(ctx)
    at = instant(ctx, args.at, tz) if args.at else None
    change = start_timer(
        ctx.store, ctx.settings, client.id, now=ctx.now, at=at, task_id=args.task, note=args.note
    )
    timer = change.timer
    assert timer is not None
    what = label(ctx, timer.client_id, timer.task_id, timer.note)
    if change.already:
        elapsed = hmm(timer.elapsed_seconds(ctx.now))
        ctx.print(f"{what} is already running ({elapsed} since {when(timer.started, tz, ctx.now)})")
        return 0
    text = f"Started {what} at {when(timer.started, tz, ctx.now)}"
    stopped = change.stopped
    if stopped is not None:
        previous = label(ctx, stopped.client_id, stopped.task_id)
        text += f" (stopped {previous} after {hmm(stopped.seconds)})"
    ctx.print(text)
    for note in change.notes:
        ctx.note(note)
    return 0


def stop_command(ctx: Context) -> int:
    from vaplanner.actions import stop_timer
    from vaplanner.core.timer import hmm

    tz = zone(ctx)
    at = instant(ctx, ctx.args.at, tz) if ctx.args.at else None
    change = stop_timer(ctx.store, ctx.settings, now=ctx.now, at=at)
    entry = change.stopped
    assert entry is not None
    what = label(ctx, entry.client_id, entry.task_id, entry.note)
    ctx.print(
        f"Stopped {what} at {when(entry.end, tz, ctx.now)} after {hmm(entry.seconds)} "
        f"(entry #{entry.id})"
    )
    for note in change.notes:
        ctx.note(note)
    return 0


def cancel_command(ctx: Context) -> int:
    from vaplanner.actions import cancel_timer
    from vaplanner.core.timer import hmm

    timer = cancel_timer(ctx.store)
    what = label(ctx, timer.client_id, timer.task_id, timer.note)
    ctx.print(f"Cancelled {what} (ran {hmm(timer.elapsed_seconds(ctx.now))}; nothing was recorded)")
    return 0
