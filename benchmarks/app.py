"""App benchmark: time to the first full screen, and the work per key press.

``python benchmarks/app.py [--runs N] [--presses N]`` (part of ``make bench``). On the reference
data set (5 years, 25 clients) it measures, as medians, in one run:

* **first full screen**: from starting ``python`` to the first frame Textual composes for the
  planner with its data (clients, queue, day grid: the board is read before the widgets are
  made, so the first frame is the full one), headless, beside a bare Textual app (Header, a
  Static and a Footer) started the same way; the frame is caught where ``App._display``
  receives it (a private hook, here only). Beside it, the time to the screen *settled*
  (Textual's pilot: wait until idle), the measure used until session 2: it waits in 20 ms
  rounds until the process is idle, so it moves in 20 ms steps and hides part of the
  difference (the bare app idles longer after its first frame). Taken in turn so the
  machine's noise hits both. The child notes ``time.monotonic()`` (one clock for every
  process); the process's exit is shown beside it as the whole process (start to exit).
  vaplanner is started as the ``vaplanner`` command starts it (``vaplanner.cli.main``,
  which opens the planner through ``vaplanner.ui.run.launch``; that pauses the garbage
  collector until the planner is up), with ``launch`` wrapped to run headless. The planner
  opens on the last working day up to today, at 14:30 (a fixed clock, so a weekend run
  measures a full working day too). Budget (DESIGN.md section 8): <= 1.2x the bare app.
  A third app splits the difference: Textual alone drawing the planner's layout and about as
  much text (no vaplanner code, the collector paused as vaplanner pauses it).
  Run with the package's ``.pyc`` written (PYTHONDONTWRITEBYTECODE is dropped for the
  children, as for an installed copy): otherwise every run recompiles vaplanner.
* **work per key press**, in one process: the handler of a client switch (``2``) and of a grid
  move (``down``), timed alone, and the CPU time of the whole path from the key press to the
  screen updated (Textual's headless pilot: press, then wait until idle, which includes the
  repaint; CPU time, because the pilot's waiting is sleep, not work). A bare app whose key
  updates one Static gives the floor of that path. Budget: <= 16 ms of work.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as dt_time
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (  # noqa: E402
    HOME_TZ,
    fmt_ms,
    markdown_table,
    reference_dir,
    today,
    working_copy,
)

ROOT = Path(__file__).resolve().parent.parent
FIRST_SCREEN_BUDGET = 1.2
KEY_BUDGET_MS = 16.0

BARE_APP = """
import sys
import time
from textual.app import App
from textual.widgets import Footer, Header, Static

def _first_frame_check(app):
    pass

# The first frame composed for the screen: Textual's App._display receives it (headless, it
# is composed but not written). A private hook, in the benchmark only.
from textual.app import App as _App
_display = _App._display
def _first_frame(self, screen, renderable):
    if renderable is not None and not getattr(_first_frame, "seen", False):
        _first_frame.seen = True
        _first_frame_check(self)
        print("FIRST-FRAME", time.monotonic(), flush=True)
    return _display(self, screen, renderable)
_App._display = _first_frame

class Bare(App[None]):
    BINDINGS = [("q", "quit", "quit")]
    def compose(self):
        yield Header()
        yield Static("hello")
        yield Footer()

async def drawn(pilot):
    await pilot.pause()
    print("FIRST-SCREEN", time.monotonic(), flush=True)
    pilot.app.exit()

Bare().run(headless=True, size=(120, 40), auto_pilot=drawn)
"""

# The planner's layout and about as much text, drawn by Textual alone: a header line, three
# bordered panes (the middle one scrolls, with its scrollbar, and has the focus) and a key
# line; no vaplanner code, no data read. The collector is paused before Textual is imported,
# as vaplanner.ui.run.launch pauses it. What this costs over the bare app is Textual's share
# of a screen like the planner's; what vaplanner costs over it is vaplanner's own.
LAYOUT_APP = """
import gc
gc.disable()
import time
from textual.app import App
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

_display = App._display
def _first_frame(self, screen, renderable):
    if renderable is not None and not getattr(_first_frame, "seen", False):
        _first_frame.seen = True
        print("FIRST-FRAME", time.monotonic(), flush=True)
    return _display(self, screen, renderable)
App._display = _first_frame

PANE = "border: round $panel-lighten-2; border-title-color: $text-muted;"
CLIENTS = "\\n".join(f"{n % 9 + 1}   Client {n:<12} NYC 09:30 ●" for n in range(24))
PLAN = "\\n".join(f"{h:02d}:{m:02d} │▌ Acme · Newsletter draft · 1:30    · · · · ▌"
                   for h in range(24) for m in (0, 15, 30, 45))
QUEUE = "\\n".join(f"  Newsletter draft {n:<3}  !★ 1:30\\n  due Tue 18:00 · in 2d 12h"
                    for n in range(18))

class Layout(App[None]):
    CSS = f\"\"\"
    #body {{ height: 1fr; layout: grid; grid-size: 3 1; grid-columns: 30 1fr 34; }}
    #clients-pane {{ height: 100%; {PANE} padding: 0 1 0 0; }}
    #grid {{ {PANE} }}
    #grid:focus {{ border: round $primary; }}
    #queue-pane {{ {PANE} padding: 0 1; }}
    \"\"\"
    def compose(self):
        yield Static(" vaplanner Fri 27 Nov 2026  Ljubljana 14:30 CET   Acme · Newsletter 0:42")
        with Horizontal(id="body"):
            with Vertical(id="clients-pane") as pane:
                pane.border_title = "Clients"
                yield Static(CLIENTS)
            with VerticalScroll(id="grid") as pane:
                pane.border_title = "Plan"
                yield Static(PLAN)
            with Vertical(id="queue-pane") as pane:
                pane.border_title = "Acme · queue (7)"
                yield Static(QUEUE)
        yield Static(" ? help  1-9 client  space timer  [ ] day  a add  p place task  q quit")
    def on_mount(self):
        self.query_one("#grid").focus()

async def drawn(pilot):
    await pilot.pause()
    print("FIRST-SCREEN", time.monotonic(), flush=True)
    pilot.app.exit()

Layout().run(headless=True, size=(120, 40), auto_pilot=drawn)
"""

VAPLANNER_APP = """
import os
import sys
import time
from datetime import datetime

data = sys.argv[1]
opened = datetime.fromisoformat(sys.argv[2])  # a working day, mid-afternoon
os.environ["VAPLANNER_CONFIG_DIR"] = data  # no user config.toml or themes

def _first_frame_check(app):
    # the planner's first frame already holds its data (the board is read in compose)
    assert app.planner is not None and app.planner.board is not None, "frame before the board"

def hook_first_frame():
    # The first frame composed for the screen: Textual's App._display receives it (headless,
    # it is composed but not written). A private hook, in the benchmark only.
    from textual.app import App as _App
    _display = _App._display
    def _first_frame(self, screen, renderable):
        if renderable is not None and not getattr(_first_frame, "seen", False):
            _first_frame.seen = True
            _first_frame_check(self)
            print("FIRST-FRAME", time.monotonic(), flush=True)
        return _display(self, screen, renderable)
    _App._display = _first_frame

async def drawn(pilot):
    # the planner is mounted with its board read and handed to the widgets
    app = pilot.app
    while app.planner is None or app.planner.board is None:
        await pilot.pause()
    await pilot.pause()
    assert app.planner.board.clients, "no clients: not the reference set"
    print("FIRST-SCREEN", time.monotonic(), flush=True)
    app.exit()

# The `vaplanner` command line opens the planner through vaplanner.ui.run.launch; here it
# runs headless, on a fixed clock, with the pilot above. launch pauses the collector before
# it imports Textual; the hook imports Textual, so it pauses it first too (importing Textual
# earlier, with the collector running, would cost this process ~8 ms the command never pays).
import gc
import vaplanner.ui.run
_launch = vaplanner.ui.run.launch
def headless_launch(store, settings, **options):
    gc.disable()
    hook_first_frame()
    options.update(poll_seconds=None, clock=lambda: opened, headless=True, size=(120, 40),
                   auto_pilot=drawn)
    return _launch(store, settings, **options)
vaplanner.ui.run.launch = headless_launch

from vaplanner.cli import main
sys.exit(main(["--data-dir", data]))
"""


def _time_process(code: str, *args: str) -> tuple[float, float, float]:
    """(ms from start to the first frame, to the settled first screen, to exit) of a child."""
    # Installed programs run from compiled .pyc files: let the warm-up runs write them.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["TEXTUAL"] = ""
    began = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=False
    )
    ended = time.monotonic()
    if result.returncode != 0:
        raise SystemExit(f"benchmark process failed:\n{result.stderr[-2000:]}")
    marks = dict(
        line.split()[:2] for line in result.stdout.splitlines() if line.startswith("FIRST-")
    )
    if set(marks) != {"FIRST-FRAME", "FIRST-SCREEN"}:
        raise SystemExit(f"no first frame or screen noted:\n{result.stdout[-2000:]}")
    return (
        (float(marks["FIRST-FRAME"]) - began) * 1000,
        (float(marks["FIRST-SCREEN"]) - began) * 1000,
        (ended - began) * 1000,
    )


@dataclass(frozen=True)
class FirstScreen:
    """Medians in ms: to the first full frame, to the settled screen, and the whole process."""

    bare: float
    ours: float
    bare_settled: float
    ours_settled: float
    bare_whole: float
    ours_whole: float
    layout: float
    layout_settled: float
    layout_whole: float


def working_day() -> tuple[date, datetime]:
    """The last working day up to today, and 14:30 on it in the reference set's home zone.

    The app opens on that day (its clock is fixed), so a run on a Sunday measures the same
    kind of screen as one on a Tuesday: blocks, meetings and tracked time, not an empty day.
    """
    day = today()
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day, datetime.combine(day, dt_time(14, 30), tzinfo=ZoneInfo(HOME_TZ))


def first_screen(data: Path, opened: datetime, runs: int) -> FirstScreen:
    """The three apps started ``runs`` times in turn (after a warm-up run each)."""
    _time_process(BARE_APP)  # warm the file cache and bytecode
    _time_process(LAYOUT_APP)
    _time_process(VAPLANNER_APP, str(data), opened.isoformat())
    bare: list[tuple[float, float, float]] = []
    layout: list[tuple[float, float, float]] = []
    ours: list[tuple[float, float, float]] = []
    for _ in range(runs):
        bare.append(_time_process(BARE_APP))
        layout.append(_time_process(LAYOUT_APP))
        ours.append(_time_process(VAPLANNER_APP, str(data), opened.isoformat()))
    return FirstScreen(
        bare=statistics.median(b[0] for b in bare),
        ours=statistics.median(o[0] for o in ours),
        bare_settled=statistics.median(b[1] for b in bare),
        ours_settled=statistics.median(o[1] for o in ours),
        bare_whole=statistics.median(b[2] for b in bare),
        ours_whole=statistics.median(o[2] for o in ours),
        layout=statistics.median(x[0] for x in layout),
        layout_settled=statistics.median(x[1] for x in layout),
        layout_whole=statistics.median(x[2] for x in layout),
    )


async def _key_work(data: Path, opened: datetime, presses: int) -> dict[str, tuple[float, float]]:
    """Per key: (median handler ms, median press-to-idle ms)."""
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    from vaplanner.config import load_settings
    from vaplanner.store.store import Store
    from vaplanner.ui.app import VaplannerApp

    results: dict[str, tuple[float, float]] = {}

    class Bare(App[None]):
        BINDINGS = [("j", "bump", "bump")]
        count = 0

        def compose(self) -> ComposeResult:
            yield Static("0", id="n")

        def action_bump(self) -> None:
            self.count += 1
            self.query_one("#n", Static).update(str(self.count))

    bare = Bare()
    async with bare.run_test(size=(120, 40)) as pilot:
        handler, whole = [], []
        for _ in range(presses):
            began = time.perf_counter()
            bare.action_bump()
            handler.append((time.perf_counter() - began) * 1000)
            began = time.process_time()
            await pilot.press("j")
            await pilot.pause()
            whole.append((time.process_time() - began) * 1000)
        results["bare Textual: key updates a Static"] = (
            statistics.median(handler),
            statistics.median(whole),
        )

    store = Store(data)
    app = VaplannerApp(
        store,
        load_settings(store, data),
        config_dir=data,
        poll_seconds=None,
        clock=lambda: opened,
    )
    async with app.run_test(size=(120, 40)) as ours_pilot:
        await ours_pilot.pause()
        screen = app.planner
        assert screen is not None and screen.board is not None
        slots = [c.key for c in screen.board.clients if c.key and c.key.isdigit()][:5]
        handler, whole = [], []
        for n in range(presses):
            slot = int(slots[n % len(slots)])
            began = time.perf_counter()
            screen.action_select_slot(slot)
            handler.append((time.perf_counter() - began) * 1000)
            began = time.process_time()
            await ours_pilot.press(slots[(n + 1) % len(slots)])
            await ours_pilot.pause()
            whole.append((time.process_time() - began) * 1000)
        results["vaplanner: switch client (1-9)"] = (
            statistics.median(handler),
            statistics.median(whole),
        )
        grid = screen.grid
        grid.focus()
        handler, whole = [], []
        for n in range(presses):
            down = n % 20 < 10
            began = time.perf_counter()
            grid.action_cursor_down() if down else grid.action_cursor_up()
            handler.append((time.perf_counter() - began) * 1000)
            began = time.process_time()
            await ours_pilot.press("down" if down else "up")
            await ours_pilot.pause()
            whole.append((time.process_time() - began) * 1000)
        results["vaplanner: grid move (down/up)"] = (
            statistics.median(handler),
            statistics.median(whole),
        )
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--runs", type=int, default=9, help="process starts per app (median)")
    parser.add_argument("--presses", type=int, default=60, help="key presses per key (median)")
    args = parser.parse_args(argv)
    day, opened = working_day()
    source = reference_dir(day=day)
    with working_copy(source) as data:
        first = first_screen(data, opened, args.runs)
        ratio = first.ours / first.bare
        print(
            f"First full screen, headless 120x40, opened on {day:%a %Y-%m-%d} 14:30, "
            f"median of {args.runs}:\n"
        )
        verdict = "ok" if ratio <= FIRST_SCREEN_BUDGET else "OVER"
        settled = first.ours_settled / first.bare_settled
        print(
            markdown_table(
                [
                    "app",
                    "start to first full frame",
                    "ratio",
                    "budget",
                    "to settled (pilot idle)",
                    "ratio",
                    "whole process",
                    "ratio",
                ],
                [
                    [
                        "bare Textual (Header, Static, Footer)",
                        fmt_ms(first.bare),
                        "1.00x",
                        "",
                        fmt_ms(first.bare_settled),
                        "1.00x",
                        fmt_ms(first.bare_whole),
                        "1.00x",
                    ],
                    [
                        "Textual alone, the planner's layout and text (collector paused)",
                        fmt_ms(first.layout),
                        f"{first.layout / first.bare:.2f}x",
                        "",
                        fmt_ms(first.layout_settled),
                        f"{first.layout_settled / first.bare_settled:.2f}x",
                        fmt_ms(first.layout_whole),
                        f"{first.layout_whole / first.bare_whole:.2f}x",
                    ],
                    [
                        "vaplanner on the reference set",
                        fmt_ms(first.ours),
                        f"{ratio:.2f}x",
                        f"<= {FIRST_SCREEN_BUDGET:.1f}x {verdict}",
                        fmt_ms(first.ours_settled),
                        f"{settled:.2f}x",
                        fmt_ms(first.ours_whole),
                        f"{first.ours_whole / first.bare_whole:.2f}x",
                    ],
                ],
            )
        )
        print(
            f"\nOver the bare app, to the first frame: Textual drawing the planner's layout "
            f"{fmt_ms(first.layout - first.bare)}, vaplanner's own work (its imports, reading "
            f"the board, the day plan, its widgets) {fmt_ms(first.ours - first.layout)}; the "
            f"budget leaves {fmt_ms(first.bare * FIRST_SCREEN_BUDGET - first.bare)} for both."
        )
        keys = asyncio.run(_key_work(data, opened, args.presses))
    print(f"\nWork per key press, median of {args.presses}:\n")
    rows = []
    for name, (handler, whole) in keys.items():
        verdict = "" if name.startswith("bare") else ("ok" if whole <= KEY_BUDGET_MS else "OVER")
        rows.append([name, fmt_ms(handler), fmt_ms(whole), verdict])
    print(
        markdown_table(
            ["key", "handler", "press to screen updated (CPU)", f"<= {KEY_BUDGET_MS:.0f} ms"],
            rows,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
