"""``client export`` and ``client purge``: one client's data, handed over or deleted.

A client who leaves, or who asks for their data, gets everything vaplanner holds about them:
``client export`` writes it as JSON (every record, in the store's own document form, so
nothing is lost in translation) plus an ``.ics`` of their meetings and open deadlines.
``client purge`` deletes all of it in one store transaction, after a confirmation and a
backup, so a purge is never half done and never without a way back.

``clients.py`` registers these two actions beside ``add|list|show|edit|archive``.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vaplanner.commands import Context, utc_z

if TYPE_CHECKING:
    from vaplanner.core.models import (
        Block,
        Checkin,
        Client,
        Entry,
        Invoice,
        Meeting,
        Request,
        Task,
        Timer,
    )
    from vaplanner.store.store import Store

#: The names of the two files of an export (in its folder or its zip).
JSON_NAME = "client.json"
ICS_NAME = "calendar.ics"
EXPORT_FORMAT = "vaplanner-client-export"
EXPORT_VERSION = 1

_EXPORT_HELP = (
    "Write everything vaplanner holds about one client: client.json (the client, every task "
    "including done ones, tracked entries, planned blocks, meetings, requests, check-ins, "
    "invoices and a running timer, as stored) and calendar.ics (their meetings and open "
    "deadlines). -o NAME.zip writes one zip file; any other -o writes a folder (created "
    "0700; the two files inside are replaced); -o - prints the JSON alone. Default: "
    "vaplanner-<client>-YYYY-MM-DD.zip in the current folder. Files are private (0600)."
)
_PURGE_HELP = (
    "Delete the client and everything of theirs (tasks, entries, blocks, meetings, requests, "
    "check-ins, invoices, a running timer) in one transaction, after a backup of the whole "
    "data folder. Export first if you must keep invoices. Asks you to type the client's name "
    "unless --yes. The backup still holds their data until backups roll over "
    "('backups_keep' days)."
)


def register(actions: Any, common: argparse.ArgumentParser) -> None:
    """Add ``client export`` and ``client purge`` to the ``client`` actions."""
    export = actions.add_parser(
        "export",
        parents=[common],
        help="write one client's data (JSON + .ics)",
        description=_EXPORT_HELP,
    )
    export.add_argument("name", metavar="NAME", help="name, hotkey or id")
    export.add_argument(
        "-o", "--output", metavar="PATH", default=None, help="FOLDER, FILE.zip or - (see above)"
    )
    export.set_defaults(func=export_command)

    purge = actions.add_parser(
        "purge",
        parents=[common],
        help="delete one client and all their data (after a backup)",
        description=_PURGE_HELP,
    )
    purge.add_argument("name", metavar="NAME", help="name, hotkey or id")
    purge.add_argument("--yes", action="store_true", help="do not ask (scripts)")
    purge.add_argument(
        "--dry-run", action="store_true", help="say what would be deleted; delete nothing"
    )
    purge.set_defaults(func=purge_command)


# --------------------------------------------------------------------------------- gathering


@dataclass
class ClientData:
    """Every record that belongs to one client."""

    client: Client
    tasks: list[Task] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    requests: list[Request] = field(default_factory=list)
    checkins: list[Checkin] = field(default_factory=list)
    invoices: list[Invoice] = field(default_factory=list)
    timer: Timer | None = None

    def counts(self) -> list[tuple[str, int]]:
        """(kind, how many) for every kind that has records."""
        kinds = ("tasks", "entries", "blocks", "meetings", "requests", "checkins", "invoices")
        found = [(kind, len(getattr(self, kind))) for kind in kinds]
        if self.timer is not None:
            found.append(("running timer", 1))
        return [(kind, n) for kind, n in found if n]

    def summary(self) -> str:
        """``6 tasks, 35 entries, 1 meeting`` (or ``no other records``)."""
        parts = [f"{n} {_LABELS.get(kind, (kind, kind))[n != 1]}" for kind, n in self.counts()]
        return ", ".join(parts) if parts else "no other records"


#: (singular, plural) of each kind in messages.
_LABELS = {
    "tasks": ("task", "tasks"),
    "entries": ("entry", "entries"),
    "blocks": ("block", "blocks"),
    "meetings": ("meeting", "meetings"),
    "requests": ("request", "requests"),
    "checkins": ("check-in", "check-ins"),
    "invoices": ("invoice", "invoices"),
}


def gather(store: Store, client: Client) -> ClientData:
    """Read every record of ``client`` (call inside a transaction for a consistent view).

    Blocks and entries count as the client's when their client is, or when they point at one
    of the client's tasks (a purge must not leave them pointing at nothing).
    """
    cid = client.id
    data = ClientData(client=client)
    data.tasks = [t for t in store.tasks.all() if t.client_id == cid]
    task_ids = {t.id for t in data.tasks}
    data.entries = [e for e in store.entries.all() if e.client_id == cid or e.task_id in task_ids]
    data.blocks = [b for b in store.blocks.all() if b.client_id == cid or b.task_id in task_ids]
    data.meetings = [m for m in store.meetings.all() if m.client_id == cid]
    data.requests = [r for r in store.requests.all() if r.client_id == cid]
    data.checkins = [c for c in store.checkins.all() if c.client_id == cid]
    data.invoices = [i for i in store.invoices.all() if i.client_id == cid]
    timer = store.timer.get()
    if timer is not None and (timer.client_id == cid or timer.task_id in task_ids):
        data.timer = timer
    return data


def export_document(data: ClientData, *, now: Any, home_tz: str) -> dict[str, Any]:
    """The JSON export: every record as the store encodes it (UTC ``…Z`` instants, decimals
    as strings, wall times beside their zone)."""
    from vaplanner import __version__
    from vaplanner.store.codecs import encode

    def many(records: list[Any]) -> list[dict[str, Any]]:
        return [encode(record) for record in records]

    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "vaplanner": __version__,
        "exported_utc": utc_z(now),
        "home_tz": home_tz,
        "client": encode(data.client),
        "tasks": many(data.tasks),
        "entries": many(data.entries),
        "blocks": many(data.blocks),
        "meetings": many(data.meetings),
        "requests": many(data.requests),
        "checkins": many(data.checkins),
        "invoices": many(data.invoices),
        "timer": encode(data.timer) if data.timer is not None else None,
    }


def export_ics_bytes(data: ClientData, *, now: Any, home_tz: str) -> bytes:
    """The client's meetings (whole series) and open deadlines as one iCalendar file."""
    from vaplanner import __version__
    from vaplanner.core.ical import export_calendar

    result = export_calendar(
        meetings=data.meetings,
        deadlines=[t for t in data.tasks if t.is_open and t.due is not None],
        clients=[data.client],
        home_tz=home_tz,
        now=now,
        version=__version__,
        name=f"vaplanner · {data.client.name}",
    )
    return result.data


# ---------------------------------------------------------------------------------- writing


def slug(name: str) -> str:
    """A file-name-safe form of a client's name (``Himal Treks`` -> ``himal-treks``)."""
    text = re.sub(r"[^\w]+", "-", name.lower(), flags=re.UNICODE).strip("-_")
    return text[:40] or "client"


def write_private(target: Path, payload: bytes) -> None:
    """Write ``payload`` to ``target`` as a 0600 file, atomically (temp file + replace)."""
    import tempfile

    from vaplanner.core.errors import InputError

    folder = target.parent
    try:
        handle, temp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as error:
        raise InputError(f"cannot write {target}: {error.strerror or error}") from None
    try:
        with os.fdopen(handle, "wb") as out:
            os.fchmod(out.fileno(), 0o600)  # mkstemp makes 0600; say so whatever happens
            out.write(payload)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, target)
    except OSError as error:
        Path(temp).unlink(missing_ok=True)
        raise InputError(f"cannot write {target}: {error.strerror or error}") from None


def _zip_bytes(files: dict[str, bytes]) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, payload in files.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = 0o600 << 16  # unpacked files stay private too
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, payload)
    return buffer.getvalue()


def _make_private_dir(folder: Path) -> None:
    from vaplanner.core.errors import InputError

    if folder.exists() and not folder.is_dir():
        raise InputError(f"cannot write the export into {folder}: it is a file, not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as error:
        raise InputError(f"cannot create {folder}: {error.strerror or error}") from None


def _target(ctx: Context, client: Client) -> Path:
    from vaplanner.core.errors import InputError
    from vaplanner.core.times import to_local

    output = ctx.args.output
    if output is None:
        day = to_local(ctx.now, ctx.settings.home_tz).date()
        return Path(f"vaplanner-{slug(client.name)}-{day:%Y-%m-%d}.zip")
    if not output.strip() or "\x00" in output:
        raise InputError(f"-o {output!r} is not a usable path; give FOLDER, FILE.zip or -")
    return Path(output).expanduser()


# ---------------------------------------------------------------------------------- commands


def export_command(ctx: Context) -> int:
    """``client export NAME [-o PATH]``."""
    import json

    from vaplanner.commands.timer import find_client

    store = ctx.store
    home = ctx.settings.home_tz
    with store.transaction():
        client = find_client(ctx, ctx.args.name)
        data = gather(store, client)
    document = json.dumps(
        export_document(data, now=ctx.now, home_tz=home), ensure_ascii=False, indent=2
    ).encode("utf-8")
    if ctx.args.output == "-":
        ctx.out.write(document.decode("utf-8") + "\n")
        return 0
    target = _target(ctx, client)
    ics = export_ics_bytes(data, now=ctx.now, home_tz=home)
    files = {JSON_NAME: document + b"\n", ICS_NAME: ics}
    if target.suffix.lower() == ".zip":
        if target.parent != Path():
            _make_private_dir(target.parent)
        write_private(target, _zip_bytes(files))
    else:
        _make_private_dir(target)
        for name, payload in files.items():
            write_private(target / name, payload)
    ctx.print(f"Exported {client.name}: {data.summary()} to {target.resolve()}")
    return 0


def _confirm(ctx: Context, client: Client, data: ClientData) -> None:
    """Ask the person to type the client's name; InputError when not confirmed."""
    from vaplanner.core.errors import InputError

    if not sys.stdin.isatty():
        raise InputError(
            f"purging {client.name} deletes {data.summary()}; add --yes to do it without "
            "being asked (a backup is taken first)"
        )
    ctx.err.write(
        f"This deletes {client.name} and {data.summary()} (a backup is taken first).\n"
        f"Type the client's name to confirm: "
    )
    ctx.err.flush()
    typed = sys.stdin.readline().strip()
    if typed.casefold() != client.name.strip().casefold():
        raise InputError(f"you typed {typed!r}, not {client.name!r}; nothing was deleted")


def _delete(store: Store, data: ClientData) -> None:
    for task in data.tasks:
        store.tasks.delete(task.id)
    for entry in data.entries:
        store.entries.delete(entry.id)
    for block in data.blocks:
        store.blocks.delete(block.id)
    for meeting in data.meetings:
        store.meetings.delete(meeting.id)
    for request in data.requests:
        store.requests.delete(request.id)
    for checkin in data.checkins:
        store.checkins.delete(checkin.id)
    for invoice in data.invoices:
        store.invoices.delete(invoice.id)
    if data.timer is not None:
        store.timer.set(None)
    store.clients.delete(data.client.id)


def purge_command(ctx: Context) -> int:
    """``client purge NAME [--yes] [--dry-run]``."""
    from vaplanner.commands.timer import find_client
    from vaplanner.core.errors import ConflictError

    store = ctx.store
    with store.transaction():
        client = find_client(ctx, ctx.args.name)
        data = gather(store, client)
    if ctx.args.dry_run:
        ctx.print(f"Would delete {client.name} (#{client.id}) and {data.summary()}")
        return 0
    if not ctx.args.yes:
        _confirm(ctx, client, data)  # never while holding the lock: a person is typing
    with store.transaction():
        fresh = gather(store, store.clients.get(client.id))
        if fresh.client.name != client.name:
            raise ConflictError(f"client #{client.id} changed while you confirmed; try again")
        backup = store.backup_now(now=ctx.now)
        with store.bulk():  # all or nothing: a failure writes none of it
            _delete(store, fresh)
    keep = store.get_settings().backups_keep
    ctx.print(
        f"Purged {client.name} (#{client.id}): {fresh.summary()}. Backup taken before: "
        f"{backup} (it still holds their data until it rolls over; backups_keep={keep})"
    )
    return 0
