"""? shows the live bindings; config keymap remaps keys everywhere they are shown."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from dataclasses import replace

import pytest
from textual.binding import Binding
from textual.dom import DOMNode

import vaplanner.ui
import vaplanner.ui.screens
import vaplanner.ui.widgets
from tests.ui.conftest import AppFactory
from tests.ui.helpers import planner
from vaplanner.store.store import Store
from vaplanner.ui.bindings import MAIN_BINDINGS, SECTION_BY_ID, section_of
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
        assert {"Clients", "Timer", "Day grid", "Blocks and meetings", "App"} <= groups
        assert all(row.binding_id for row in screen.rows)  # no Textual focus/copy keys
        await pilot.press("escape")
        assert app.screen is planner(app)


def test_every_binding_has_an_id_a_description_and_a_tooltip() -> None:
    for binding in MAIN_BINDINGS:
        assert binding.id and binding.description and binding.tooltip, binding


def _app_bindings() -> list[tuple[str, Binding]]:
    """Every binding a vaplanner screen or widget declares, with where it is declared."""
    found: list[tuple[str, Binding]] = []
    for package in (vaplanner.ui, vaplanner.ui.screens, vaplanner.ui.widgets):
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            for name, obj in vars(module).items():
                if not (inspect.isclass(obj) and issubclass(obj, DOMNode)):
                    continue
                if obj.__module__ != module.__name__:
                    continue
                for binding in obj.__dict__.get("BINDINGS", []):
                    assert isinstance(binding, Binding), f"{name}: {binding!r}"
                    found.append((f"{info.name}.{name}", binding))
    return found


def test_every_key_of_every_view_is_filed_in_a_help_section() -> None:
    bindings = _app_bindings()
    assert len(bindings) > 60  # the scan found the modes and modals, not nothing
    for where, binding in bindings:
        assert binding.id, f"{where}: {binding.key} has no id (the help screen skips it)"
        assert any(binding.id.startswith(start) for start in SECTION_BY_ID), (where, binding.id)


@pytest.mark.parametrize(
    ("binding_id", "section"),
    [
        ("client-3", "Clients"),
        ("client-edit", "Clients"),
        ("task-editor-remove-item", "This window"),
        ("task-done", "Tasks"),
        ("clock-book", "World clock"),
        ("report-range", "Reports"),
        ("grid-up", "Day grid"),
        ("help", "App"),
        ("help-close", "This window"),
        ("something-new", "App"),
    ],
)
def test_section_of_takes_the_longest_matching_start(binding_id: str, section: str) -> None:
    assert section_of(binding_id) == section


@pytest.mark.parametrize(
    ("mode_key", "expected"),
    [
        ("x", {"task-add": "Tasks", "queue-filter": "Tasks", "checkin-add": "Clients"}),
        ("w", {"clock-book": "World clock", "clock-day-next": "World clock", "back": "Views"}),
        ("r", {"report-prev": "Reports", "report-group": "Reports", "back": "Views"}),
    ],
)
async def test_help_of_each_mode_files_its_keys_in_their_own_sections(
    sample_store: Store, make_app: AppFactory, mode_key: str, expected: dict[str, str]
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(mode_key)
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        sections = {row.binding_id: row.group for row in screen.rows}
        assert {key: sections.get(key) for key in expected} == expected
        app_rows = {row.binding_id for row in screen.rows if row.group == "App"}
        assert app_rows <= {"help", "quit", "palette", "undo"}


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
