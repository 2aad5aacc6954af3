"""The app on fixed data and a fixed clock, for SVG snapshots (and for looking at it).

``build_app()`` writes the sample data set laid out around Wednesday 25 Nov 2026, 14:32 in
Ljubljana, into a fresh temporary folder, and returns the app with that instant as its clock,
no ticking and no polling, so every run draws the same screen. ``python
tests/snapshots/snap_app.py [--empty] [--theme NAME]`` opens it in the terminal.
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from vaplanner.core.models import Timer
from vaplanner.demo import generate
from vaplanner.store.store import Store
from vaplanner.ui.app import VaplannerApp

SNAP_NOW = datetime(2026, 11, 25, 13, 32, tzinfo=UTC)


def build_app(
    *, empty: bool = False, theme: str = "vaplanner-dark", timer: bool = True
) -> VaplannerApp:
    """The app over a throwaway store; ``empty`` gives the first-run welcome."""
    folder = Path(tempfile.mkdtemp(prefix="vaplanner-snap-"))
    store = Store(folder / "data")
    if empty:
        settings = replace(store.get_settings(), home_tz="Europe/Ljubljana", theme=theme)
        with store.transaction():
            store.save_settings(settings)
    else:
        generate(store, scale="sample", now=SNAP_NOW)
        with store.transaction():
            last = store.entries.between(SNAP_NOW.replace(hour=0), SNAP_NOW)[-1]
            if timer:
                task = next(t for t in store.tasks.list(client_id=1) if t.status == "doing")
                store.timer.set(Timer(client_id=1, started=last.end, task_id=task.id))
            settings = replace(store.get_settings(), theme=theme)
            store.save_settings(settings)
    app = VaplannerApp(
        store,
        settings,
        config_dir=folder / "config",
        clock=lambda: SNAP_NOW,
        tick_seconds=None,
        poll_seconds=None,
    )
    app.data_label = "~/.local/share/vaplanner"  # the real folder is a random temp one
    return app


if __name__ == "__main__":
    args = sys.argv[1:]
    chosen = args[args.index("--theme") + 1] if "--theme" in args else "vaplanner-dark"
    build_app(empty="--empty" in args, theme=chosen).run()
