"""The key bar draws its one line from segments: what it shows, where each key sits and that
a click on a key (or on the palette hint) runs it."""

from __future__ import annotations

import pytest
from textual.command import CommandPalette

from tests.ui.conftest import AppFactory
from vaplanner.store.store import Store
from vaplanner.ui.screens.world_clock import WorldClockScreen
from vaplanner.ui.widgets.key_bar import PALETTE_HINT, KeyBar


@pytest.mark.parametrize("width", [80, 120, 200])
async def test_the_line_fills_the_width_and_ends_in_the_palette_hint(
    sample_store: Store, make_app: AppFactory, width: int
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(width, 30)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        drawn = bar.render_line(0).text
        assert drawn == bar.text()
        assert len(drawn) == width
        assert drawn.endswith(PALETTE_HINT)
        assert drawn.startswith(" ? help")
        # two spaces between keys where every key fits; at 80 columns one, and the keys that
        # do not fit are left out
        assert ("client  space timer" in drawn) == (width >= 100)
        assert ("client space timer" in drawn) == (width < 100)
        assert ("w clock" in drawn) == (width >= 100)


async def test_a_click_on_a_key_runs_it(sample_store: Store, make_app: AppFactory) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        x = bar.text().index(" w clock") + 3
        assert await pilot.click(KeyBar, offset=(x, 0))
        await pilot.pause()
        assert isinstance(app.screen, WorldClockScreen)


async def test_a_click_on_the_palette_hint_opens_the_palette(
    sample_store: Store, make_app: AppFactory
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert await pilot.click(KeyBar, offset=(120 - 4, 0))
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
