"""iCalendar benchmark: export one year of meetings and blocks to .ics.

``python benchmarks/ics.py [--runs N]`` (part of ``make bench``). On the reference data set
(5 years, 25 clients) it times, as medians of N runs taken in turn:

* ``python -c pass`` and ``vaplanner status``: the floor of any command, as a baseline;
* ``vaplanner export ics --from <a year ago> --to <today> --blocks -o FILE``: the whole
  process, reading the store, building the VTIMEZONEs and writing the file;
* the same export in-process (``build_export`` on a fresh ``Store``, VTIMEZONE cache
  cleared), without start-up or the file write.

Budget (DESIGN.md section 8): exporting one year of meetings and blocks <= 1 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import fmt_ms, markdown_table, reference_dir, today, working_copy  # noqa: E402

BUDGET_MS = 1000.0


def run_once(argv: list[str], env: dict[str, str]) -> float:
    """Wall milliseconds of one whole process (which must succeed)."""
    began = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, check=False)
    elapsed = (time.perf_counter() - began) * 1000
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed: {done.stderr.decode(errors='replace')}")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--runs", type=int, default=11, help="runs per case (median)")
    args = parser.parse_args(argv)

    from vaplanner.commands.ics import ExportChoice, build_export
    from vaplanner.core.ical_zones import vtimezone_ical
    from vaplanner.store.store import Store

    source = reference_dir(5)
    last = today()
    first = last - timedelta(days=365)
    py = sys.executable
    base_env = {k: v for k, v in os.environ.items() if not k.startswith("VAPLANNER")}
    with working_copy(source) as data, tempfile.TemporaryDirectory() as tmp:
        env = {
            **base_env,
            "VAPLANNER_HOME": str(data),
            "VAPLANNER_CONFIG_DIR": str(Path(tmp) / "config"),
        }
        out = str(Path(tmp) / "year.ics")
        vp = [py, "-m", "vaplanner"]
        export = [*vp, "export", "ics", "--from", first.isoformat(), "--to", last.isoformat()]
        cases = {
            "`python -c pass`": [py, "-c", "pass"],
            "`vaplanner status`": [*vp, "status"],
            "`vaplanner export ics` (1 year, meetings + blocks)": [*export, "--blocks", "-o", out],
            "`vaplanner export ics` (1 year, meetings only)": [*export, "-o", out],
        }
        for command in cases.values():  # warm the file cache and .pyc files
            run_once(command, env)
        samples: dict[str, list[float]] = {label: [] for label in cases}
        for _ in range(args.runs):
            for label, command in cases.items():
                samples[label].append(run_once(command, env))

        store = Store(data)
        settings = store.get_settings()
        moment = datetime.now(UTC)
        choice = ExportChoice(first, last, None, blocks=True)
        result = build_export(store, settings, moment, choice)
        in_process: list[float] = []
        for _ in range(args.runs):
            fresh = Store(data)  # nothing cached: every month file is read again
            vtimezone_ical.cache_clear()  # and every VTIMEZONE built again
            began = time.perf_counter()
            build_export(fresh, settings, moment, choice)
            in_process.append((time.perf_counter() - began) * 1000)
        size_kb = len(result.data) / 1000

    medians = {label: statistics.median(values) for label, values in samples.items()}
    medians["`build_export` in-process (1 year, meetings + blocks)"] = statistics.median(in_process)
    floor = medians["`vaplanner status`"]
    rows = []
    for label, value in medians.items():
        judged = "export" in label
        verdict = ("ok" if value <= BUDGET_MS else "OVER") if judged else ""
        rows.append([label, fmt_ms(value), fmt_ms(value - floor) if judged else "", verdict])
    print(
        f"Reference set, {first} to {last}: {result.meetings} meetings (series whole), "
        f"{result.blocks:,} blocks, {size_kb:,.0f} kB of .ics; medians of {args.runs} runs.\n"
    )
    print(markdown_table(["case", "median", "minus `vaplanner status`", "<= 1 s"], rows))
    if any(row[3] == "OVER" for row in rows):
        print(f"\nOver budget on this run; load average {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
