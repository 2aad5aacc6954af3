"""The VA's workflow from the command line: promised replies, templates, check-ins, and the
cross-client ``deadlines`` and ``batches`` listings.

Times typed here are in the home zone unless ``--tz`` says otherwise; JSON carries UTC
instants (``…Z``). Heavy imports happen inside the handlers.

This module registers all of these commands and holds the ``request`` handlers; the
``template`` handlers are in :mod:`vaplanner.commands.workflow_templates`, the listings
and ``checkin`` in :mod:`vaplanner.commands.workflow_views`.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from vaplanner.commands import Context, table, utc_z
from vaplanner.commands import workflow_views as views
from vaplanner.commands.workflow_templates import template_apply, template_list, template_show

if TYPE_CHECKING:
    from datetime import datetime

    from vaplanner.core.models import Client, Request

Sub = argparse._SubParsersAction


def _id(text: str) -> int:
    value = text.strip().removeprefix("#")
    if not value.isdigit() or int(value) == 0:
        raise argparse.ArgumentTypeError(f"an ID is a number such as 12, not {text!r}")
    return int(value)


def _score(text: str) -> int:
    if not text.strip().isdigit() or not 1 <= int(text) <= 5:
        raise argparse.ArgumentTypeError(f"a score is a whole number from 1 to 5, not {text!r}")
    return int(text)


def _group(
    sub: Sub[argparse.ArgumentParser], common: argparse.ArgumentParser, name: str, help_: str
) -> Sub[argparse.ArgumentParser]:
    parser = sub.add_parser(name, parents=[common], help=help_, description=help_)
    actions = parser.add_subparsers(title="actions", metavar="ACTION", dest="action")
    actions.required = True
    return actions


def register(sub: Sub[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    """Add ``request``, ``template``, ``checkin``, ``deadlines`` and ``batches``."""
    json_help = "print JSON (UTC instants)"
    tz_help = "read typed times in this IANA zone instead of your home zone"

    requests = _group(sub, common, "request", "log client requests and the reply you promised")
    add = requests.add_parser(
        "add",
        parents=[common],
        help="log a request; the reply-by time is counted in the client's business hours",
    )
    add.add_argument("client", metavar="CLIENT", help="client name, hotkey or id")
    add.add_argument("text", metavar="TEXT", help="what the client asked for")
    add.add_argument(
        "--channel",
        required=True,
        metavar="KIND",
        help="where it came in: one of the client's channel kinds or ways",
    )
    add.add_argument(
        "--received",
        metavar="WHEN",
        help="when it arrived (09:10, '2026-11-20 09:10', '2h ago'); default now",
    )
    add.add_argument("--tz", metavar="ZONE", help=tz_help)
    add.add_argument(
        "--out-of-scope",
        action="store_true",
        help="outside the client's agreed services (bill it as extra)",
    )
    add.add_argument("--json", action="store_true", help=json_help)
    add.set_defaults(func=request_add)

    list_ = requests.add_parser("list", parents=[common], help="unanswered requests, due first")
    list_.add_argument("--overdue", action="store_true", help="only those past their reply-by")
    list_.add_argument("--all", action="store_true", help="answered ones too")
    list_.add_argument("--client", metavar="CLIENT", help="only this client")
    list_.add_argument("--json", action="store_true", help=json_help)
    list_.set_defaults(func=request_list)

    done = requests.add_parser("done", parents=[common], help="mark a request answered")
    done.add_argument("id", type=_id, metavar="ID")
    done.set_defaults(func=request_done)

    templates = _group(sub, common, "template", "task templates: onboarding, SOPs, workflows")
    tlist = templates.add_parser("list", parents=[common], help="bundled and your own templates")
    tlist.add_argument("--json", action="store_true", help=json_help)
    tlist.set_defaults(func=template_list)
    show = templates.add_parser("show", parents=[common], help="the steps of a template")
    show.add_argument("name", metavar="NAME")
    show.add_argument("--json", action="store_true", help=json_help)
    show.set_defaults(func=template_show)
    apply = templates.add_parser(
        "apply", parents=[common], help="add a template's tasks to a client's queue"
    )
    apply.add_argument("name", metavar="NAME")
    apply.add_argument("client", metavar="CLIENT", help="client name, hotkey or id")
    apply.add_argument(
        "--start",
        metavar="DATE",
        help="the day dues count from, in the client's zone (default today)",
    )
    apply.add_argument(
        "--again",
        action="store_true",
        help="apply even if the client has open tasks from this template",
    )
    apply.add_argument("--json", action="store_true", help=json_help)
    apply.set_defaults(func=template_apply)

    checkins = _group(sub, common, "checkin", "record and list client check-ins and feedback")
    cadd = checkins.add_parser("add", parents=[common], help="record a check-in")
    cadd.add_argument("client", metavar="CLIENT", help="client name, hotkey or id")
    cadd.add_argument("--score", type=_score, metavar="1-5", help="how the client rated it")
    cadd.add_argument("--note", default="", metavar="TEXT")
    cadd.add_argument("--at", metavar="WHEN", help="when it happened; default now")
    cadd.add_argument("--tz", metavar="ZONE", help=tz_help)
    cadd.add_argument("--json", action="store_true", help=json_help)
    cadd.set_defaults(func=views.checkin_add)
    clist = checkins.add_parser("list", parents=[common], help="check-ins, newest first")
    clist.add_argument("client", nargs="?", metavar="CLIENT", help="only this client")
    clist.add_argument("--json", action="store_true", help=json_help)
    clist.set_defaults(func=views.checkin_list)

    deadlines = sub.add_parser(
        "deadlines", parents=[common], help="every client's deadlines in home time, overdue first"
    )
    deadlines.add_argument("--client", metavar="CLIENT", help="only this client")
    deadlines.add_argument("--json", action="store_true", help=json_help)
    deadlines.set_defaults(func=views.deadlines_command)

    batches = sub.add_parser(
        "batches", parents=[common], help="open tasks grouped by tag across clients"
    )
    batches.add_argument("--json", action="store_true", help=json_help)
    batches.set_defaults(func=views.batches_command)


# --- requests -------------------------------------------------------------------------------


def _request_json(request: Request, clients: dict[int, Client], now: datetime) -> dict[str, Any]:
    from vaplanner.core.promises import request_state

    return {
        "id": request.id,
        "client": views.name(clients, request.client_id),
        "client_id": request.client_id,
        "channel": request.channel,
        "text": request.text,
        "received_utc": utc_z(request.received),
        "reply_by_utc": utc_z(request.reply_by),
        "out_of_scope": request.out_of_scope,
        "done_utc": utc_z(request.done_at),
        "state": request_state(request, now),
    }


def request_add(ctx: Context) -> int:
    from vaplanner.commands.timer import find_client, instant, zone
    from vaplanner.core.errors import InputError
    from vaplanner.core.models import Request
    from vaplanner.core.promises import channel_how, reply_by, resolve_channel
    from vaplanner.core.queues import countdown

    args = ctx.args
    text = " ".join(args.text.split())
    if not text:
        raise InputError("the request text is empty; say what the client asked for")
    client = find_client(ctx, args.client)
    channel = resolve_channel(client, args.channel)
    tz = zone(ctx)  # a bad --tz is an error even without a time to read
    received = instant(ctx, args.received, tz) if args.received else ctx.now
    if (received - ctx.now).total_seconds() > 60:
        raise InputError(
            f"--received is in the future ({views.home(ctx, received)}); give when it arrived"
        )
    due = reply_by(client, received)
    with ctx.store.transaction():
        request = ctx.store.requests.add(
            Request(
                client_id=client.id,
                text=text,
                channel=channel,
                received=received,
                reply_by=due,
                out_of_scope=bool(args.out_of_scope),
            )
        )
    if args.out_of_scope and client.services:
        ctx.note(
            f"out of scope for {client.name} (agreed: {', '.join(client.services)}); "
            "agree it first or bill it as extra"
        )
    if args.json:
        ctx.print_json(
            {
                "id": request.id,
                "client": client.name,
                "channel": request.channel,
                "received_utc": utc_z(request.received),
                "reply_by_utc": utc_z(request.reply_by),
                "out_of_scope": request.out_of_scope,
            }
        )
        return 0
    how = channel_how(client, channel)
    via = f"{channel} ({how})" if how else channel
    flag = " [out of scope]" if request.out_of_scope else ""
    ctx.print(
        f"request #{request.id} from {client.name} via {via}{flag}: reply by "
        f"{views.home(ctx, due)} ({views.local(due, client.tz)} {client.name}), "
        f"{countdown(due, ctx.now)}"
    )
    return 0


def request_list(ctx: Context) -> int:
    from vaplanner.commands.timer import find_client
    from vaplanner.core.promises import open_requests, request_state
    from vaplanner.core.queues import countdown

    args = ctx.args
    everything = ctx.store.requests.all()
    if args.client:
        client_id = find_client(ctx, args.client).id
        everything = [r for r in everything if r.client_id == client_id]
    if args.all and not args.overdue:
        found = sorted(everything, key=lambda r: (r.done_at is not None, r.reply_by, r.id))
    else:
        found = open_requests(everything, ctx.now, overdue_only=args.overdue)
    clients = views.names(ctx)
    if args.json:
        ctx.print_json([_request_json(r, clients, ctx.now) for r in found])
        return 0
    if not found:
        ctx.print("no overdue requests" if args.overdue else "no unanswered requests")
        return 0
    rows = []
    for r in found:
        state = request_state(r, ctx.now)
        left = "answered" if state == "done" else countdown(r.reply_by, ctx.now)
        mark = "!" if state in ("overdue", "due_soon") else ""
        scope = "extra" if r.out_of_scope else ""
        rows.append(
            (
                r.id,
                mark,
                views.name(clients, r.client_id),
                r.channel,
                views.home(ctx, r.reply_by),
                left,
                scope,
                r.text,
            )
        )
    ctx.print(table(rows, ("ID", "", "CLIENT", "CHANNEL", "REPLY BY", "LEFT", "SCOPE", "REQUEST")))
    return 0


def request_done(ctx: Context) -> int:
    from dataclasses import replace

    with ctx.store.transaction():
        request = ctx.store.requests.get(ctx.args.id)
        if request.done_at is not None:
            ctx.note(
                f"request #{request.id} was already answered ({views.home(ctx, request.done_at)})"
            )
            return 0
        request = ctx.store.requests.update(replace(request, done_at=ctx.now))
    late = ctx.now > request.reply_by
    from vaplanner.core.queues import countdown

    timing = countdown(request.reply_by, ctx.now).replace("in ", "")
    verdict = f"{timing} late" if late else f"{timing} before the promise"
    if timing == "due now":
        verdict = "on time"
    name = views.name(views.names(ctx), request.client_id)
    ctx.print(f"request #{request.id} answered ({name}: {request.text}), {verdict}")
    return 0
