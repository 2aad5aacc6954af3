"""What the planner does on its way to the first screen: no work thrown away.

Timings are in ``benchmarks/app.py``; these tests pin the behaviour that keeps them down (no
second parse of the stylesheets, the queue built once, long-lived objects kept out of the
garbage collector's way while the app runs) and that the first frame still looks right.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from textual.css.stylesheet import Stylesheet

from tests.ui.conftest import AppFactory
from tests.ui.helpers import planner, queue_text
from vaplanner.store.store import Store
from vaplanner.ui.app import VaplannerApp
from vaplanner.ui.widgets.queue_panel import QueuePanel


@pytest.fixture
def reparses(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Counts full re-parses of the app's stylesheet."""
    calls: list[int] = []
    original = Stylesheet.reparse

    def counted(self: Stylesheet) -> None:
        calls.append(1)
        original(self)

    monkeypatch.setattr(Stylesheet, "reparse", counted)
    yield calls


async def test_the_stylesheet_is_parsed_once_at_start(
    sample_store: Store, make_app: AppFactory, reparses: list[int]
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.theme == "vaplanner-dark"
        assert reparses == []
        # a theme chosen later still restyles everything
        app.theme = "vaplanner-light"
        await pilot.pause()
        assert reparses
        assert app.screen.styles.background.hex.upper() == _background(app, "vaplanner-light")


def _background(app: VaplannerApp, theme: str) -> str:
    found = app.available_themes[theme].background
    assert isinstance(found, str)
    return found.upper()


@pytest.mark.parametrize("theme", ["vaplanner-light", "vaplanner-high-contrast"])
async def test_the_remembered_theme_is_there_from_the_first_frame(
    sample_store: Store, make_app: AppFactory, theme: str
) -> None:
    settings = replace(sample_store.get_settings(), theme=theme)
    app = make_app(sample_store, settings=settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.theme == theme
        dark = app.current_theme.dark
        assert app.has_class("-dark-mode") is dark
        assert app.has_class("-light-mode") is not dark
        assert app.screen.styles.background.hex.upper() == _background(app, theme)
        # the queue's lines, built for the first frame, are not drawn in the background colour
        queue = planner(app).query_one(QueuePanel)
        for y in range(4):
            for segment in queue.render_line(y):
                if segment.text.strip() and segment.style is not None:
                    assert segment.style.color != segment.style.bgcolor, (y, segment)


async def test_the_queue_is_built_once_for_the_first_screen(
    sample_store: Store, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    builds: list[int] = []
    original = QueuePanel._build

    def counted(self: QueuePanel, width: int) -> None:
        builds.append(width)
        original(self, width)

    monkeypatch.setattr(QueuePanel, "_build", counted)
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        width = planner(app).query_one(QueuePanel).scrollable_content_region.width
        assert builds == [width]
        text = queue_text(app)
        assert "due" in text
        # a new width builds the lines again, at that width
        await pilot.resize_terminal(200, 60)
        await pilot.pause()
        wider = planner(app).query_one(QueuePanel).scrollable_content_region.width
        assert wider > width
        assert builds[-1] == wider
        assert queue_text(app) != text  # titles get the room


async def test_long_lived_objects_are_frozen_while_the_app_runs(
    sample_store: Store, make_app: AppFactory
) -> None:
    gc.unfreeze()
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0  # given back to the collector when the app ends


def test_launch_pauses_the_collector_until_the_planner_is_up(
    sample_store: Store, tmp_path: Path
) -> None:
    """``vaplanner`` starts the planner through ``launch``: no collection during start-up,
    then everything start-up made is frozen and the collector runs again. The benchmark
    passes a fixed clock, which the planner opens on."""
    from datetime import UTC, datetime

    from textual.pilot import Pilot

    from vaplanner.config import load_settings
    from vaplanner.ui.run import launch

    seen: dict[str, object] = {}

    async def check(pilot: Pilot[object]) -> None:
        app = pilot.app
        assert isinstance(app, VaplannerApp)
        while app.planner is None or app.planner.board is None:
            await pilot.pause()
        await pilot.pause()
        seen["enabled"] = gc.isenabled()
        seen["frozen"] = gc.get_freeze_count()
        seen["day"] = app.planner.day
        app.exit()

    gc.unfreeze()
    settings = load_settings(sample_store, tmp_path)
    code = launch(
        sample_store,
        settings,
        config_dir=tmp_path,
        poll_seconds=None,
        clock=lambda: datetime(2026, 3, 6, 14, 0, tzinfo=UTC),
        headless=True,
        size=(120, 40),
        auto_pilot=check,
    )
    assert code == 0
    assert str(seen["day"]) == "2026-03-06"
    assert seen["enabled"] is True and isinstance(seen["frozen"], int) and seen["frozen"] > 0
    assert gc.isenabled() and gc.get_freeze_count() == 0


async def test_notifications_still_show_after_the_toast_rack_is_hidden_at_start(
    sample_store: Store, make_app: AppFactory
) -> None:
    """The planner hides Textual's toast rack before its first frame (saving a layout pass);
    a notification must still bring it back."""
    from textual.widgets._toast import Toast, ToastRack

    app = make_app(sample_store)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        rack = app.screen.query_one(ToastRack)
        assert not rack.display
        app.notify("Saved", title="Block")
        await pilot.pause()
        assert rack.display and rack.query(Toast)
