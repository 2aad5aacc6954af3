"""``vaplanner`` without a subcommand: open the full-screen planner.

``--demo`` builds a throwaway copy of the sample data set in a temporary folder and opens the
planner on it; the user's data folder is never touched, and the folder is removed on exit.
"""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vaplanner.commands import Context


def run_app(ctx: Context, demo: bool) -> int:
    """Run the app on the user's data (or on a throwaway sample set); returns the exit code."""
    if demo:
        with tempfile.TemporaryDirectory(prefix="vaplanner-demo-") as folder:
            return _run_demo(ctx, Path(folder))
    from vaplanner.ui.app import VaplannerApp

    app = VaplannerApp(ctx.store, ctx.settings, config_dir=ctx.config_dir)
    app.run()
    return app.return_code or 0


def _run_demo(ctx: Context, folder: Path) -> int:
    from vaplanner.config import load_settings
    from vaplanner.demo import generate
    from vaplanner.store.store import Store
    from vaplanner.ui.app import VaplannerApp

    store = Store(folder / "data")
    now = datetime.now(UTC)
    generate(store, scale="sample", now=now)
    # The user's config folder still gives themes and keys; settings are written only to the
    # throwaway store.
    settings = load_settings(store, ctx.config_dir)
    app = VaplannerApp(store, settings, config_dir=ctx.config_dir, demo=True)
    app.run()
    return app.return_code or 0
