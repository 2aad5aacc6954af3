"""The other process of the soak test: ``vaplanner log`` every 100 ms, as a person's script would.

Usage: ``python soak_writer.py DATA_DIR COUNT DAY_START_ISO NOW_ISO``. Entry ``i`` is logged
for client Acme from ``DAY_START + i * spacing`` for two thirds of ``spacing`` (so entries
never touch), through the real command (:func:`vaplanner.cli.main`, the ``log`` handler and
its transaction), one write every 100 ms. Prints the ids written, one per line; any refusal
goes to stderr and ends the run with exit 1.
"""

from __future__ import annotations

import contextlib
import io
import re
import sys
import time
from datetime import datetime, timedelta

#: Spread the entries over this much of the day, whatever their number.
SPREAD = timedelta(hours=20)
INTERVAL = 0.1


def main(argv: list[str]) -> int:
    from vaplanner.cli import main as vaplanner

    folder, count, day_start, now = argv[0], int(argv[1]), argv[2], argv[3]
    first = datetime.fromisoformat(day_start)
    clock = datetime.fromisoformat(now)
    spacing = min(timedelta(seconds=90), SPREAD / max(count, 1))
    length = spacing * 2 / 3
    began = time.monotonic()
    for i in range(count):
        delay = began + i * INTERVAL - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        start = first + i * spacing
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = vaplanner(
                [
                    "--data-dir",
                    folder,
                    "log",
                    "Acme",
                    "--from",
                    start.isoformat(),
                    "--to",
                    (start + length).isoformat(),
                    "--note",
                    f"soak {i}",
                ],
                now=clock,
            )
        found = re.search(r"entry #(\d+)", out.getvalue())
        if code != 0 or found is None:
            print(f"write {i} failed (exit {code}): {err.getvalue().strip()}", file=sys.stderr)
            return 1
        print(found.group(1), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
