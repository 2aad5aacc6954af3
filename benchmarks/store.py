"""Store benchmark: vaplanner's partitioned store next to stock TinyDB on the same data.

``python benchmarks/store.py [--runs N]`` (part of ``make bench``). On the reference set
(25 clients, 5 years) it measures, as medians in one run:

* adding one durable entry (fsync'd file and folder), with 5 years and with 1 year of
  history: the cost must not grow with the years (budget: <= 5 ms);
* opening what the first screen needs (settings, clients, open tasks, today's blocks and
  entries, meetings, the timer) from a cold Store object;
* starting and stopping the timer;

and the same operations on stock TinyDB (one file, ``JSONStorage``) holding the same
records, written the way stock TinyDB writes them.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time as clock
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (  # noqa: E402
    CACHE,
    HOME_TZ,
    fmt_ms,
    manifest_of,
    markdown_table,
    median_ms,
    reference_dir,
    size_mb,
    today,
    working_copy,
)
from tinydb import Query, TinyDB  # noqa: E402
from tinydb.middlewares import CachingMiddleware  # noqa: E402
from tinydb.storages import JSONStorage  # noqa: E402

from vaplanner.core.models import Entry, Timer  # noqa: E402
from vaplanner.store.storage import atomic_write_bytes  # noqa: E402
from vaplanner.store.store import Store  # noqa: E402

KINDS = ("settings", "clients", "meetings", "invoices", "requests", "checkins", "timer", "meta")


def stock_file(source: Path) -> Path:
    """The same records as one stock TinyDB file (one table per kind), cached beside it."""
    target = CACHE / f"stock-{source.name}.json"
    built = manifest_of(source)
    if target.exists() and built.exists() and target.stat().st_mtime >= built.stat().st_mtime:
        return target
    store = Store(source)
    tables: dict[str, dict[str, Any]] = {}
    for kind in KINDS:
        tables[kind] = dict(store.raw(f"{kind}.json"))
    tables["tasks"] = {
        key: doc for rel in store.tasks._partition_files() for key, doc in store.raw(rel).items()
    }
    for kind in ("entries", "blocks"):
        repo = store.entries if kind == "entries" else store.blocks
        tables[kind] = {
            key: doc
            for month in repo.months()
            for key, doc in store.raw(f"{kind}/{month}.json").items()
        }
    partial = target.with_suffix(".partial")
    partial.write_text(json.dumps(tables))  # exactly what JSONStorage writes
    partial.rename(target)
    return target


def day_bounds(day_offset: int = 0) -> tuple[datetime, datetime]:
    start = datetime.combine(today(), time(0), ZoneInfo(HOME_TZ)) + timedelta(days=day_offset)
    return start.astimezone(UTC), (start + timedelta(days=1)).astimezone(UTC)


def first_screen(folder: Path) -> None:
    """What the main screen reads at start-up, from a cold Store."""
    store = Store(folder)
    start, end = day_bounds()
    store.get_settings()
    store.clients.all()
    store.tasks.list()
    store.entries.between(start, end)
    store.blocks.between(start, end)
    store.meetings.all()
    store.timer.get()


def stock_first_screen(path: Path, *, caching: bool) -> None:
    """The same screen through stock TinyDB's public API."""
    db = TinyDB(path, storage=CachingMiddleware(JSONStorage)) if caching else TinyDB(path)
    start, end = (d.strftime("%Y-%m-%dT%H:%M:%SZ") for d in day_bounds())
    q = Query()
    db.table("settings").all()
    db.table("clients").all()
    db.table("tasks").search(q.status != "done")
    db.table("entries").search((q.start < end) & (q.end > start))
    db.table("blocks").search((q.start < end) & (q.end > start))
    db.table("meetings").all()
    db.table("timer").all()
    db.close()


class Adder:
    """Adds one entry at a new minute of today each call."""

    def __init__(self) -> None:
        self.n = 0

    def entry(self) -> Entry:
        self.n += 1
        start = day_bounds()[0] + timedelta(minutes=self.n % 1400)
        return Entry(client_id=1, start=start, end=start + timedelta(minutes=1), note="bench")

    def store_add(self, store: Store) -> None:
        store.entries.add(self.entry())

    def stock_add(self, db: TinyDB) -> None:
        from vaplanner.store.codecs import encode

        db.table("entries").insert(encode(self.entry()))


def interleaved(folders: dict[str, Path], adder: Adder, rounds: int) -> dict[str, float]:
    """Our operations on every folder in turn, round after round, so that each sees the
    same disk weather (this machine is shared); medians in ms."""
    stores = {label: Store(folder) for label, folder in folders.items()}
    for store in stores.values():
        adder.store_add(store)  # warm-up: imports, caches and the day's first backup
    running = Timer(client_id=1, started=datetime.now(UTC))
    samples: dict[str, list[float]] = defaultdict(list)
    for _ in range(rounds):
        for label, store in stores.items():
            cases: dict[str, Callable[[], object]] = {
                "add": lambda s=store: adder.store_add(s),
                "screen": lambda f=folders[label]: first_screen(f),
                "timer": lambda s=store: (s.timer.set(running), s.timer.set(None)),
                "floor": lambda f=folders[label]: atomic_write_bytes(
                    f / "floor.json", b'{"_default": {}}'
                ),
            }
            for case, func in cases.items():
                began = clock.perf_counter()
                func()
                samples[f"{case} {label}"].append((clock.perf_counter() - began) * 1000)
    return {key: statistics.median(values) for key, values in samples.items()}


def measure(runs: int) -> tuple[list[list[str]], list[str]]:
    notes: list[str] = []
    five, one = reference_dir(5), reference_dir(1)
    rows: list[list[str]] = []
    adder = Adder()
    results: dict[str, float] = {}
    with working_copy(five) as f5, working_copy(one) as f1:
        results.update(interleaved({"5 years": f5, "1 year": f1}, adder, runs * 8))
    for label, source in (("5 years", five), ("1 year", one)):
        stock = stock_file(source)
        files = sum(1 for _ in source.rglob("*.json"))
        notes.append(
            f"{label}: {size_mb(source):.0f} MB in {files} files; "
            f"the stock TinyDB file holds the same records in {stock.stat().st_size / 1e6:.0f} MB"
        )
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / "db.json"
            shutil.copyfile(stock, copy)
            db = TinyDB(copy)
            results[f"stock add {label}"] = median_ms(lambda d=db: adder.stock_add(d), runs)
            results[f"stock screen {label}"] = median_ms(
                lambda c=copy: stock_first_screen(c, caching=False), max(3, runs // 2)
            )
            results[f"stock cached screen {label}"] = median_ms(
                lambda c=copy: stock_first_screen(c, caching=True), runs
            )

            def stock_timer(d: TinyDB = db) -> None:
                d.table("timer").insert({"client_id": 1, "started": "2026-11-28T09:00:00Z"})
                d.table("timer").truncate()

            results[f"stock timer {label}"] = median_ms(stock_timer, runs)
            db.close()
    for what, key in (
        ("add one durable entry, 5 years of history", "add 5 years"),
        ("add one durable entry, 1 year of history", "add 1 year"),
        ("open the first screen, 5 years", "screen 5 years"),
        ("open the first screen, 1 year", "screen 1 year"),
        ("timer start + stop, 5 years", "timer 5 years"),
    ):
        ours, theirs = results[key], results[f"stock {key}"]
        rows.append([what, fmt_ms(ours), fmt_ms(theirs), f"{theirs / ours:,.0f}x"])
    floor = results["floor 5 years"]
    rows.append(
        [
            "floor: one durable replace of a 16-byte file (same disk, same run)",
            fmt_ms(floor),
            "",
            "",
        ]
    )
    cached = results["stock cached screen 5 years"]
    rows.append(
        [
            "open the first screen, 5 years, stock with CachingMiddleware",
            fmt_ms(results["screen 5 years"]),
            fmt_ms(cached),
            f"{cached / results['screen 5 years']:,.0f}x",
        ]
    )
    growth = results["add 5 years"] / results["add 1 year"]
    notes.append(
        f"adding an entry costs {results['add 5 years'] / floor:.1f}x the floor: it replaces two "
        "files (the id counter in meta.json first, then the month), each fsync'd with its folder"
    )
    notes.append(f"add one entry, 5 years / 1 year of history: {growth:.2f}x (flat is 1.0x)")
    return rows, notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="stock runs; ours run 2-4x more")
    args = parser.parse_args(argv)
    rows, notes = measure(args.runs)
    print(
        markdown_table(["what (median)", "vaplanner store", "stock TinyDB", "stock / ours"], rows)
    )
    print()
    for note in notes:
        print(f"- {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
