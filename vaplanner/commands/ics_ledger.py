"""The SEQUENCE ledger of ``export ics`` (``ics-sequences.json`` in the data folder), and which
events of earlier exports have gone from the store since.

Per UID the ledger keeps the fingerprint and ``SEQUENCE`` last written (so a changed event gets
a higher SEQUENCE) and a :class:`~vaplanner.core.ical_cancel.Stub` (so an event that has gone
can be written once more, cancelled). It is a hint: a file that cannot be read is an empty
ledger, and an export never fails for it.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vaplanner.core.ical_cancel import Stub
    from vaplanner.core.models import Meeting
    from vaplanner.store.store import Store

__all__ = ["LEDGER_FILE", "gone_events", "read_ledger", "save_ledger"]

LEDGER_FILE = "ics-sequences.json"


def read_ledger(folder: Path) -> tuple[dict[str, tuple[str, int]], dict[str, Stub]]:
    """(UID -> (fingerprint, SEQUENCE), UID -> stub) of earlier exports."""
    from vaplanner.core.ical_cancel import Stub

    try:
        raw = json.loads((folder / LEDGER_FILE).read_text(encoding="utf-8"))
        uids = {uid: (str(fp), int(seq)) for uid, (fp, seq) in raw.get("uids", {}).items()}
    except (OSError, ValueError, TypeError, AttributeError):
        return {}, {}  # only a hint for SEQUENCE; an export never fails for it
    stubs: dict[str, Stub] = {}
    found = raw.get("stubs")
    for uid, item in (found if isinstance(found, dict) else {}).items():
        try:
            stubs[uid] = Stub.from_json(uid, item)
        except (KeyError, ValueError, TypeError, AttributeError):
            continue  # a stub edited by hand: that event is just not cancelled later
    return uids, stubs


def save_ledger(
    folder: Path, entries: dict[str, tuple[str, int]], stubs: dict[str, Stub], now: datetime
) -> None:
    from vaplanner.core.ical_cancel import prune

    if not entries or not folder.is_dir():
        return
    merged, known = read_ledger(folder)
    merged.update(entries)
    kept = prune({**known, **stubs}, now)
    document = {
        "version": 1,
        "uids": merged,
        "stubs": {uid: stub.to_json() for uid, stub in sorted(kept.items())},
    }
    data = json.dumps(document, sort_keys=True).encode()
    from vaplanner.store.storage import atomic_write_bytes

    try:
        # inside the data folder: private (0600) like every other file there
        atomic_write_bytes(folder / LEDGER_FILE, data)
    except Exception:  # noqa: BLE001 - the export itself succeeded; the ledger is a hint
        return


def gone_events(
    store: Store, stubs: list[Stub], meetings: list[Meeting], chosen: list[Meeting]
) -> list[Stub]:
    """The stubs whose event has gone: a task done, deleted or without a due date, a block
    or meeting deleted (one that only moved out of the export's range or scope is not)."""
    stored = {m.uid for m in meetings} | {
        f"meeting-{m.id}@vaplanner" for m in meetings if not m.uid
    }
    exported = {m.uid or f"meeting-{m.id}@vaplanner" for m in chosen}
    blocks = [s for s in stubs if s.kind == "block"]
    alive_blocks: set[int] = set()
    if blocks:
        low = min(s.first for s in blocks) - timedelta(days=1)
        high = max(s.last or s.first for s in blocks) + timedelta(days=1)
        alive_blocks = {b.id for b in store.blocks.between(low, high)}
    open_tasks = (
        {t.id: t for t in store.tasks.list()} if any(s.kind == "deadline" for s in stubs) else {}
    )
    found = []
    for stub in stubs:
        if stub.kind == "meeting":
            base = stub.uid[6:] if stub.uid.startswith("first-") else stub.uid
            # a first occurrence split off on its own is gone once its series is written
            # without it
            is_gone = base not in stored or (base != stub.uid and base in exported)
        elif stub.kind == "block":
            number = _own_id(stub.uid, "block-")
            is_gone = number is not None and number not in alive_blocks and _missing(store, number)
        else:
            number = _own_id(stub.uid, "deadline-")
            task = open_tasks.get(number) if number is not None else None
            is_gone = number is not None and (task is None or task.due is None)
        if is_gone:
            found.append(stub)
    return found


def _own_id(uid: str, prefix: str) -> int | None:
    tail = uid.removeprefix(prefix).removesuffix("@vaplanner")
    return int(tail) if uid.startswith(prefix) and tail.isdigit() else None


def _missing(store: Store, block_id: int) -> bool:
    from vaplanner.core.errors import NotFoundError

    try:
        store.blocks.get(block_id)
    except NotFoundError:
        return True
    return False
