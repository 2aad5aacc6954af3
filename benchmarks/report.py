"""Report benchmark: ``vaplanner report --month`` as a whole process beside ``watson report``.

``python benchmarks/report.py [--runs N]`` (part of ``make bench``). On the reference data set
(5 years, 25 clients, ~60,000 entries in monthly files) it times, as medians of N runs taken
in turn so that the machine's noise hits every command alike:

* ``python -c pass``: the floor of any Python command line;
* ``vaplanner status``: the start-up every command pays;
* ``vaplanner report --month`` (table), ``--json``, ``--by tag`` (reads task tags too) and
  ``--week``;
* ``watson report --month`` on a Watson folder of 60,000 frames (the throwaway td-watson venv
  and frames writer of ``benchmarks/cli.py``).

Budget (DESIGN.md section 8): ``report --month`` <= 150 ms. It holds because the report reads
only the month files it needs; Watson reads every frame it has.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import fmt_ms, markdown_table, reference_dir, working_copy  # noqa: E402
from cli import FRAMES, watson_binary, write_watson_dir  # noqa: E402 (benchmarks/cli.py)

BUDGET_MS = 150.0


def run_once(argv: Sequence[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU (user + system) milliseconds of one whole process.

    CPU time is shown beside wall time because this machine is shared: under load the wall
    time of every process grows, while the work a process does stays about the same.
    """
    with tempfile.TemporaryFile() as errors:
        began = time.perf_counter()
        child = subprocess.Popen(
            argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=errors
        )
        _, status, usage = os.wait4(child.pid, 0)  # reaped here, with its resource usage
        elapsed = (time.perf_counter() - began) * 1000
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            errors.seek(0)
            message = errors.read().decode(errors="replace").strip()
            raise SystemExit(f"{' '.join(argv)} failed: {message}")
    cpu = (usage.ru_utime + usage.ru_stime) * 1000
    return elapsed, cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--runs", type=int, default=21, help="runs per command (median)")
    args = parser.parse_args(argv)

    from vaplanner.store.store import Store

    source = reference_dir(5)
    watson = watson_binary()
    py = sys.executable
    # Installed programs run from compiled .pyc files: let the warm-up runs write them (with
    # PYTHONDONTWRITEBYTECODE every run would recompile vaplanner's modules, ~30 ms more).
    skip = ("VAPLANNER", "WATSON", "PYTHONDONTWRITEBYTECODE")
    base_env = {k: v for k, v in os.environ.items() if not k.startswith(skip)}
    with working_copy(source) as data, tempfile.TemporaryDirectory() as tmp:
        store = Store(data)
        months = store.entries.months()
        entries = sum(1 for _ in store.entries.all())
        env = {
            **base_env,
            "VAPLANNER_HOME": str(data),
            "VAPLANNER_CONFIG_DIR": str(Path(tmp) / "config"),
        }
        vp = [py, "-m", "vaplanner"]
        cases: list[tuple[str, list[str], dict[str, str]]] = [
            ("`python -c pass`", [py, "-c", "pass"], base_env),
            ("`vaplanner status`", [*vp, "status"], env),
            ("`vaplanner report --month`", [*vp, "report", "--month"], env),
            ("`vaplanner report --month --json`", [*vp, "report", "--month", "--json"], env),
            ("`vaplanner report --month --by tag`", [*vp, "report", "--month", "--by", "tag"], env),
            ("`vaplanner report --week`", [*vp, "report", "--week"], env),
        ]
        if watson is not None:
            wdir = Path(tmp) / "watson"
            write_watson_dir(wdir, FRAMES, int(time.time()))
            wenv = {**base_env, "WATSON_DIR": str(wdir)}
            cases.append(("`watson report --month`", [str(watson), "report", "--month"], wenv))
        samples: dict[str, list[float]] = {label: [] for label, _, _ in cases}
        cpu: dict[str, list[float]] = {label: [] for label, _, _ in cases}
        for _label, command, case_env in cases:  # warm the file cache and .pyc files
            run_once(command, case_env)
        for _ in range(args.runs):
            for label, command, case_env in cases:
                wall, used = run_once(command, case_env)
                samples[label].append(wall)
                cpu[label].append(used)

    medians = {label: statistics.median(values) for label, values in samples.items()}
    cpu_medians = {label: statistics.median(values) for label, values in cpu.items()}
    floor = medians["`python -c pass`"]
    floor_cpu = cpu_medians["`python -c pass`"]
    watson_ms = medians.get("`watson report --month`")
    rows = []
    for label, value in medians.items():
        versus = ""
        if watson_ms is not None and not label.startswith(("`watson", "`python")):
            versus = f"{value / watson_ms:.2f}x"
        verdict = ""
        if label.startswith("`vaplanner report --month"):
            verdict = "ok" if value <= BUDGET_MS else "OVER"
        rows.append(
            [
                label,
                fmt_ms(value),
                fmt_ms(value - floor),
                fmt_ms(cpu_medians[label]),
                fmt_ms(cpu_medians[label] - floor_cpu),
                versus,
                verdict,
            ]
        )
    print(
        f"Reference set: {entries:,} entries in {len(months)} monthly files, 5 years; watson: "
        f"{FRAMES:,} frames; medians of {args.runs} runs of each whole process, taken in turn; "
        "CPU is user + system time of the process (steadier than wall time on a busy machine).\n"
    )
    print(
        markdown_table(
            [
                "command",
                "wall",
                "wall over `python -c pass`",
                "CPU",
                "CPU over `python -c pass`",
                "wall vs watson",
                "<= 150 ms",
            ],
            rows,
        )
    )
    over = [r[0] for r in rows if r[-1] == "OVER"]
    if over:
        print(
            f"\nOver the {BUDGET_MS:.0f} ms budget on this run (wall time): {', '.join(over)}; "
            f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
