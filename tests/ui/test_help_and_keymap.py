"""? shows the live bindings; config keymap remaps keys everywhere they are shown."""

from __future__ import annotations

from dataclasses import replace

from tests.ui.conftest import AppFactory
from tests.ui.helpers import planner
from vaplanner.store.store import Store
from vaplanner.ui.bindings import GROUP_OF, MAIN_BINDINGS
from vaplanner.ui.screens.help import HelpScreen
from vaplanner.ui.widgets.key_bar import KeyBar


def _rows(app: object) -> dict[str, str]:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, HelpScreen)
    return {row.description: row.keys for row in screen.rows}


async def test_help_lists_every_key_of_the_planner(
    sample_store: Store, make_app: AppFactory
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        rows = _rows(app)
        assert rows["timer"] == "space"
        assert rows["place task"] == "p"
        assert rows["longer"] == "+ ="
        assert "q" in rows["quit"].split()
        assert rows["select client"] == "1-9"
        assert rows["next day"] == "]" and rows["previous day"] == "["
        assert rows["clock"] == "w"
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        groups = {row.group for row in screen.rows}
        assert {"Clients and timer", "Day grid", "Blocks and meetings", "App"} <= groups
        await pilot.press("escape")
        assert app.screen is planner(app)


def test_every_binding_has_an_id_a_description_and_a_tooltip() -> None:
    for binding in MAIN_BINDINGS:
        assert binding.id and binding.description and binding.tooltip, binding
        assert binding.id in GROUP_OF


async def test_keymap_from_settings_remaps_keys(sample_store: Store, make_app: AppFactory) -> None:
    with sample_store.transaction():
        sample_store.timer.set(None)
    settings = replace(sample_store.get_settings(), keymap=(("timer", "s"), ("help", "h")))
    app = make_app(sample_store, settings=settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("space")  # no longer bound
        assert sample_store.timer.get() is None
        await pilot.press("h")
        rows = _rows(app)
        assert rows["timer"] == "s"
        assert rows["help"] == "h"
        await pilot.press("escape")
        screen = planner(app)
        plan = screen.plan
        assert plan is not None
        empty = next(i for i in range(len(plan.rows)) if not plan.items_at(i))
        screen.grid.move_cursor_to(plan.rows[empty].start)
        await pilot.press("s")
        assert sample_store.timer.get() is not None


async def test_footer_shows_the_main_keys(sample_store: Store, make_app: AppFactory) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        shown = app.screen.query_one(KeyBar).text()
        for text in ("1-9", "client", "space", "timer", "[ ]", "day", "add", "place task", "quit"):
            assert text in shown
