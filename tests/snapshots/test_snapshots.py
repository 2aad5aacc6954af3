"""SVG snapshots of the main screens, from fixed data and a fixed now (``snap_app.py``).

Update after an intended visual change with ``pytest tests/snapshots --snapshot-update`` and
look at the SVG files before committing them.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.pilot import Pilot

from tests.snapshots.snap_app import build_app

Compare = Callable[..., bool]


async def _settle(pilot: Pilot[object]) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_main_screen(snap_compare: Compare) -> None:
    assert snap_compare(build_app(), terminal_size=(120, 40), run_before=_settle)


def test_main_screen_wide(snap_compare: Compare) -> None:
    assert snap_compare(build_app(), terminal_size=(200, 60), run_before=_settle)


def test_main_screen_80x24(snap_compare: Compare) -> None:
    assert snap_compare(build_app(), terminal_size=(80, 24), run_before=_settle)


def test_light_theme(snap_compare: Compare) -> None:
    app = build_app(theme="vaplanner-light")
    assert snap_compare(app, terminal_size=(120, 40), run_before=_settle)


def test_high_contrast_theme(snap_compare: Compare) -> None:
    app = build_app(theme="vaplanner-high-contrast")
    assert snap_compare(app, terminal_size=(120, 40), run_before=_settle)


def test_welcome(snap_compare: Compare) -> None:
    assert snap_compare(build_app(empty=True), terminal_size=(120, 40), run_before=_settle)


def test_help(snap_compare: Compare) -> None:
    assert snap_compare(build_app(), press=["question_mark"], terminal_size=(120, 40))


def test_block_editor_modal(snap_compare: Compare) -> None:
    assert snap_compare(build_app(), press=["a", *"Media kit"], terminal_size=(120, 40))


def test_client_form_with_a_zone_suggestion(snap_compare: Compare) -> None:
    keys = ["c", *"Koala", "tab", *"sidney"]
    assert snap_compare(build_app(), press=keys, terminal_size=(80, 24))
