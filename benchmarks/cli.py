"""Command-line benchmark: ``vaplanner status`` and ``vaplanner start`` as whole processes.

``python benchmarks/cli.py [--runs N]`` (part of ``make bench``). On the reference data set
(5 years, 25 clients, ~60,000 entries) it times, as medians of N runs taken in turn so that
the machine's noise hits every command alike:

* ``python -c pass``: the floor of any Python command line;
* ``vaplanner status`` (a timer running), ``status --format`` and ``status --json``;
* ``vaplanner status`` as a person runs it, without ``VAPLANNER_HOME`` (the data folder then
  comes from platformdirs; Linux only: ``$XDG_DATA_HOME`` points at the same data);
* ``vaplanner start OTHER``: a switch, which stores the running timer as an entry;
* ``vaplanner stop``;
* the ``watson`` command line (td-watson, installed only for this benchmark into a throwaway
  venv under ``bench-data/``) on a frames file of 60,000 frames written directly, with
  ``WATSON_DIR`` in a temporary folder: ``watson status``, ``watson start OTHER`` (a switch,
  with ``stop_on_start``) and ``watson add``.

Budget (DESIGN.md section 8): ``status`` <= 60 ms and well under ``watson status``; a switch
far under ``watson add`` at that size.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import CACHE, fmt_ms, markdown_table, reference_dir, working_copy  # noqa: E402

FRAMES = 60_000
BUDGET_MS = 60.0
WATSON_VENV = CACHE / "watson-venv"
PROJECTS = ("acme", "koala", "brightside", "cebelica", "himal")


def watson_binary() -> Path | None:
    """The ``watson`` script of the throwaway venv, installed on first use (None on failure)."""
    script = WATSON_VENV / "bin" / "watson"
    if script.exists():
        return script
    CACHE.mkdir(parents=True, exist_ok=True)
    try:
        subprocess.run([sys.executable, "-m", "venv", str(WATSON_VENV)], check=True)
        subprocess.run(
            [str(WATSON_VENV / "bin" / "pip"), "install", "--quiet", "td-watson"], check=True
        )
    except (subprocess.CalledProcessError, OSError) as error:
        print(f"<!-- watson not available: {error} -->")
        return None
    return script if script.exists() else None


def write_watson_dir(folder: Path, frames: int, now: int) -> None:
    """A Watson folder: ``frames`` finished frames (one every ~40 minutes back from ``now``),
    a running frame in ``state``, and a config where ``start`` switches projects."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    start = now - frames * 2400 - 3600
    for i in range(frames):
        begin = start + i * 2400
        rows.append(
            [begin, begin + 1800, PROJECTS[i % len(PROJECTS)], uuid.uuid4().hex, [], begin + 1800]
        )
    (folder / "frames").write_text(json.dumps(rows), encoding="utf-8")
    state = {"project": "acme", "start": now - 600, "tags": []}
    (folder / "state").write_text(json.dumps(state), encoding="utf-8")
    (folder / "config").write_text(
        "[options]\nstop_on_start = true\nconfirm_new_project = false\n", encoding="utf-8"
    )


def run_once(argv: Sequence[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall ms, CPU ms) of one whole process; CPU time (user + system) is far less
    disturbed than wall time when other work shares the machine."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    result = subprocess.run(
        argv, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, check=False
    )
    elapsed = (time.perf_counter() - began) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed: {result.stderr.strip() or result.stdout}")
    cpu = (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000
    return elapsed, cpu


class Case:
    """One command line to time; ``argv`` may change per run (alternating clients)."""

    def __init__(
        self,
        label: str,
        argv: Callable[[int], Sequence[str]],
        env: dict[str, str],
        setup: Callable[[int], None] | None = None,
    ) -> None:
        self.label, self.argv, self.env, self.setup = label, argv, env, setup
        self.samples: list[float] = []
        self.cpu: list[float] = []

    def run(self, i: int) -> None:
        if self.setup is not None:
            self.setup(i)
        wall, cpu = run_once(self.argv(i), self.env)
        self.samples.append(wall)
        self.cpu.append(cpu)

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def median_cpu(self) -> float:
        return statistics.median(self.cpu)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=21, help="runs per command (median)")
    args = parser.parse_args(argv)

    from vaplanner.store.store import Store

    source = reference_dir(5)
    watson = watson_binary()
    py = sys.executable
    # Installed programs run from compiled .pyc files: let the warm-up runs write them.
    skip = ("VAPLANNER", "WATSON", "PYTHONDONTWRITEBYTECODE")
    base_env = {k: v for k, v in os.environ.items() if not k.startswith(skip)}
    with working_copy(source) as data, tempfile.TemporaryDirectory() as tmp:
        store = Store(data)
        clients = [c.id for c in store.clients.all()][:2]
        entries = sum(1 for _ in store.entries.all())
        env = {
            **base_env,
            "VAPLANNER_HOME": str(data),
            "VAPLANNER_CONFIG_DIR": str(Path(tmp) / "config"),
        }
        vp = [py, "-m", "vaplanner"]
        run_once([*vp, "start", str(clients[0]), "--at=-10m"], env)

        def other(i: int) -> list[str]:
            return [*vp, "start", str(clients[(i + 1) % 2])]

        def restart(i: int) -> None:
            run_once([*vp, "start", str(clients[0])], env)

        cases = [
            Case("`python -c pass`", lambda i: [py, "-c", "pass"], base_env),
            Case("`vaplanner status`", lambda i: [*vp, "status"], env),
        ]
        if sys.platform == "linux":
            # What a person runs: no VAPLANNER_HOME, so the data folder comes from platformdirs
            # ($XDG_DATA_HOME/vaplanner here, a link to the same data).
            xdg = Path(tmp) / "xdg"
            (xdg / "data").mkdir(parents=True)
            (xdg / "data" / "vaplanner").symlink_to(data)
            default_env = {
                **base_env,
                "XDG_DATA_HOME": str(xdg / "data"),
                "XDG_CONFIG_HOME": str(xdg / "config"),
            }
            label = "`vaplanner status` (default data folder: no VAPLANNER_HOME)"
            cases.append(Case(label, lambda i: [*vp, "status"], default_env))
        cases += [
            Case(
                "`vaplanner status --format '{client} {elapsed}'`",
                lambda i: [*vp, "status", "--format", "{client} {elapsed}"],
                env,
            ),
            Case("`vaplanner status --json`", lambda i: [*vp, "status", "--json"], env),
            Case("`vaplanner start OTHER` (switch: stores an entry)", other, env),
            Case("`vaplanner stop` (stores an entry)", lambda i: [*vp, "stop"], env, restart),
        ]
        if watson is not None:
            wdir = Path(tmp) / "watson"
            write_watson_dir(wdir, FRAMES, int(time.time()))
            wenv = {**base_env, "WATSON_DIR": str(wdir)}
            w = [str(watson)]
            cases += [
                Case("`watson status`", lambda i: [*w, "status"], wenv),
                Case(
                    "`watson start OTHER` (switch: stores a frame)",
                    lambda i: [*w, "start", PROJECTS[(i + 1) % 2]],
                    wenv,
                ),
                Case(
                    "`watson add -f … -t …`",
                    lambda i: [
                        *w,
                        "add",
                        "-f",
                        "2020-01-01 09:00",
                        "-t",
                        "2020-01-01 10:00",
                        "acme",
                    ],
                    wenv,
                ),
            ]
        for case in cases:  # warm the file cache and .pyc files
            case.run(-1)
            case.samples.clear()
            case.cpu.clear()
        for i in range(args.runs):
            for case in cases:
                case.run(i)

    floor = cases[0].median
    floor_cpu = cases[0].median_cpu
    watson_by_kind = {
        "status": next((c for c in cases if c.label == "`watson status`"), None),
        "write": next((c for c in cases if c.label.startswith("`watson start")), None),
    }
    rows = []
    for case in cases:
        ref = watson_by_kind["status" if "status" in case.label else "write"]
        plain = ref is None or "watson" in case.label or "python" in case.label
        rows.append(
            [
                case.label,
                fmt_ms(case.median),
                fmt_ms(case.median - floor),
                fmt_ms(case.median_cpu),
                fmt_ms(case.median_cpu - floor_cpu),
                "" if plain or ref is None else f"{case.median / ref.median:.2f}x",
                "" if plain or ref is None else f"{case.median_cpu / ref.median_cpu:.2f}x",
                _verdict(case),
            ]
        )
    print(
        f"Reference set: {entries:,} entries, 5 years; watson: {FRAMES:,} frames; "
        f"medians of {args.runs} runs of each whole process, taken in turn; CPU is user + "
        "system time of the process. `vs watson`: against `watson status` for status lines, "
        "against the `watson start` switch for writes.\n"
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
                "CPU vs watson",
                f"<= {BUDGET_MS:.0f} ms",
            ],
            rows,
        )
    )
    over = [row[0] for row in rows if row[-1] == "OVER"]
    if over:
        print(
            f"\nOver the {BUDGET_MS:.0f} ms budget on this run (wall time): {', '.join(over)}; "
            f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
        )
    return 0


def _verdict(case: Case) -> str:
    """``ok`` or ``OVER`` for vaplanner's own commands against the start-up budget."""
    if not case.label.startswith("`vaplanner"):
        return ""
    return "ok" if case.median <= BUDGET_MS else "OVER"


if __name__ == "__main__":
    sys.exit(main())
