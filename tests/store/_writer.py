"""A writer process for the crash and concurrency tests (run as a script, not collected).

``python _writer.py DATA_DIR MODE SEED COUNT``

Adds entries (and now and then a task, a timer change or a small bulk of entries) and
prints ``ACK <kind> <id>`` on stdout, flushed, only after the write returned: those are the
acknowledged writes the parent checks after killing this process.

MODE ``random``: just write. MODE ``stall-replace`` / ``stall-write``: after a few writes,
pause inside a file write (after the temp file is fsync'd but before the rename, or with
half of the bytes written) and print ``STALLED`` on stderr so the parent can kill it there.
"""

from __future__ import annotations

import os
import random
import sys
import time
from datetime import UTC, datetime, timedelta

from vaplanner.core.models import Entry, Task, Timer
from vaplanner.store.store import Store


def stall_here() -> None:
    sys.stderr.write("STALLED\n")
    sys.stderr.flush()
    time.sleep(30)


def main() -> None:
    folder, mode, seed, count = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    rng = random.Random(seed)
    stall_after = rng.randint(3, 25)
    writes = 0
    real_replace, real_write = os.replace, os.write

    def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        if mode == "stall-replace" and writes >= stall_after:
            stall_here()
        real_replace(src, dst)

    def write(fd: int, data: bytes | memoryview) -> int:
        if mode == "stall-write" and writes >= stall_after and len(data) > 64:
            real_write(fd, bytes(data[: len(data) // 2]))
            stall_here()
        return real_write(fd, data)

    os.replace = replace  # type: ignore[assignment]
    os.write = write  # type: ignore[assignment]
    store = Store(folder)
    base = datetime(2026, 9, 1, tzinfo=UTC)
    out = sys.stdout
    for _ in range(count):
        start = base + timedelta(minutes=rng.randrange(0, 90 * 24 * 60))
        roll = rng.random()
        if roll < 0.1:
            task = store.tasks.add(Task(client_id=1, title=f"task {seed}"))
            out.write(f"ACK tasks {task.id}\n")
        elif roll < 0.15:
            store.timer.set(Timer(client_id=1, started=start))
            out.write("ACK timer 0\n")
        elif roll < 0.2:
            made = store.entries.add_many(
                Entry(1, start + timedelta(hours=h), start + timedelta(hours=h, minutes=30))
                for h in range(5)
            )
            out.write("".join(f"ACK entries {e.id}\n" for e in made))
        else:
            entry = store.entries.add(Entry(1, start, start + timedelta(minutes=45)))
            out.write(f"ACK entries {entry.id}\n")
        out.flush()
        writes += 1


if __name__ == "__main__":
    main()
