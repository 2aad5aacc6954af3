"""Helpers shared by the benchmark scripts: the reference data set and honest timing.

The reference set (DESIGN.md section 8) is built once per day with :func:`vaplanner.demo.generate`
into ``bench-data/`` at the top of the repository (git ignores it) and reused by every script:
``reference_dir()`` returns the folder, ``working_copy()`` a throwaway copy to write into.
Timings are medians of several runs, printed next to a baseline measured in the same run,
because this machine is shared and noisy.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(os.environ.get("VAPLANNER_BENCH_DATA", ROOT / "bench-data"))
HOME_TZ = "Europe/Ljubljana"


def today() -> date:
    """Today in the demo's home zone (the reference set ends on this day)."""
    return datetime.now(ZoneInfo(HOME_TZ)).date()


def reference_dir(years: int = 5, *, seed: int = 0, day: date | None = None) -> Path:
    """The reference data folder ending on ``day`` (default today), built on first use.

    Built into a temporary folder and renamed into place, so an interrupted build is never
    mistaken for a finished one.
    """
    from vaplanner.demo import generate
    from vaplanner.store.store import Store

    day = day or today()
    folder = CACHE / f"reference-{years}y-seed{seed}-{day.isoformat()}"
    manifest = manifest_of(folder)
    if folder.is_dir():
        changed = _changed(folder, manifest)
        if not changed:
            return folder
        # a script wrote into the shared set instead of a working_copy(): numbers taken on
        # it would not be comparable, so it is built again
        print(
            f"<!-- {folder.name} changed since it was built ({', '.join(changed[:3])}); "
            "rebuilding it: write only into working_copy() -->",
            file=sys.stderr,
            flush=True,
        )
        shutil.rmtree(folder)
    CACHE.mkdir(parents=True, exist_ok=True)
    _drop_other_days(day)
    building = Path(tempfile.mkdtemp(prefix=".building-", dir=CACHE))
    began = time.perf_counter()
    generate(Store(building / "data"), "reference", day, seed=seed, years=years)
    (building / "data").rename(folder)
    building.rmdir()
    manifest.write_text(json.dumps(_listing(folder), indent=0))
    print(
        f"<!-- built {folder.name} in {time.perf_counter() - began:.1f} s "
        f"({size_mb(folder):.0f} MB) -->",
        flush=True,
    )
    return folder


def _drop_other_days(day: date) -> None:
    """Reference sets end on the day they were built; yesterday's are not needed again."""
    for path in CACHE.glob("*reference-*"):
        if day.isoformat() not in path.name and not path.name.startswith("."):
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)


def manifest_of(folder: Path) -> Path:
    """Where the listing of a reference set taken right after building it is kept."""
    return folder.with_name(folder.name + ".manifest.json")


def _listing(folder: Path) -> dict[str, list[int]]:
    """Every file with its size and mtime (the lock file aside: readers may create it)."""
    return {
        str(p.relative_to(folder)): [p.stat().st_size, p.stat().st_mtime_ns]
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


def _changed(folder: Path, manifest: Path) -> list[str]:
    """Files added, removed or modified since the set was built (all, if unknown)."""
    try:
        built: dict[str, list[int]] = json.loads(manifest.read_text())
    except (OSError, ValueError):
        return ["no manifest"]
    now = _listing(folder)
    return sorted(name for name in built.keys() | now.keys() if built.get(name) != now.get(name))


def size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


@contextmanager
def working_copy(source: Path) -> Iterator[Path]:
    """A private copy of a data folder (benchmarks write; the cached set stays pristine)."""
    with tempfile.TemporaryDirectory(prefix="vaplanner-bench-") as tmp:
        target = Path(tmp) / "data"
        shutil.copytree(source, target, ignore=shutil.ignore_patterns("backups", ".lock"))
        yield target


def median_ms(
    func: Callable[[], object], runs: int, *, setup: Callable[[], object] | None = None
) -> float:
    """Median wall time of ``func`` in milliseconds over ``runs`` runs (``setup`` untimed)."""
    samples: list[float] = []
    for _ in range(runs):
        if setup is not None:
            setup()
        began = time.perf_counter()
        func()
        samples.append((time.perf_counter() - began) * 1000)
    return statistics.median(samples)


def fmt_ms(value: float) -> str:
    if value >= 100:
        return f"{value:,.0f} ms"
    if value >= 10:
        return f"{value:.1f} ms"
    return f"{value:.2f} ms"


def markdown_table(headers: list[str], rows: list[list[str]]) -> str:
    """A GitHub-flavoured Markdown table."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)
