"""``vaplanner`` without a subcommand: open the full-screen planner.

``--demo`` builds a throwaway copy of the sample data set in a temporary folder and opens the
planner on it; the user's data folder is never touched, and the folder is removed on exit.
"""

from __future__ import annotations

import gc
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vaplanner.commands import Context
    from vaplanner.core.models import Settings
    from vaplanner.store.store import Store


def run_app(ctx: Context, demo: bool) -> int:
    """Run the app on the user's data (or on a throwaway sample set); returns the exit code."""
    if demo:
        with tempfile.TemporaryDirectory(prefix="vaplanner-demo-") as folder:
            return _run_demo(ctx, Path(folder))
    return launch(ctx.store, ctx.settings, config_dir=ctx.config_dir)


def launch(
    store: Store,
    settings: Settings,
    *,
    config_dir: Path | None,
    demo: bool = False,
    poll_seconds: float | None = 1.0,
    clock: Callable[[], datetime] | None = None,
    **run: Any,
) -> int:
    """Import and run the planner; returns the exit code.

    The garbage collector is paused from here until the planner is mounted: start-up
    allocates several hundred thousand objects (Textual, the app, the day's data) that all
    live as long as the app, and the full collections their allocation triggers found
    nothing to free (~4% of the instructions to the first screen). The app freezes them
    and resumes the collector (``gc_paused``). ``clock`` replaces the system clock (the
    benchmark opens a fixed weekday); ``run`` goes to :meth:`App.run` (the benchmarks run it
    headless).
    """
    gc.disable()
    try:
        from vaplanner.ui.app import VaplannerApp, system_clock

        app = VaplannerApp(
            store,
            settings,
            config_dir=config_dir,
            demo=demo,
            poll_seconds=poll_seconds,
            gc_paused=True,
            clock=clock or system_clock,
        )
        app.run(**run)
    finally:
        gc.enable()
    return app.return_code or 0


def _run_demo(ctx: Context, folder: Path) -> int:
    from vaplanner.config import load_settings
    from vaplanner.demo import generate
    from vaplanner.store.store import Store

    store = Store(folder / "data")
    now = datetime.now(UTC)
    generate(store, scale="sample", now=now)
    # The user's config folder still gives themes and keys; settings are written only to the
    # throwaway store.
    settings = load_settings(store, ctx.config_dir)
    return launch(store, settings, config_dir=ctx.config_dir, demo=True)
