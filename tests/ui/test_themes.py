"""Themes from files: bundled, user themes, broken files, client colours, remembered choice."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.color import Color

from tests.ui.conftest import AppFactory
from tests.ui.helpers import notifications
from vaplanner.core.errors import InputError
from vaplanner.store.store import Store
from vaplanner.ui.themes import (
    ThemeFileError,
    bundled_themes,
    client_colors,
    client_palette,
    contrast_ratio,
    load_themes,
    parse_theme,
    readable_color,
)

BUNDLED = ("vaplanner-dark", "vaplanner-light", "vaplanner-high-contrast")


def test_bundled_themes_load_without_problems() -> None:
    loaded = load_themes(None)
    assert loaded.problems == ()
    assert set(BUNDLED) <= {theme.name for theme in loaded.themes}


def test_bundled_theme_files_are_named_after_their_theme() -> None:
    # the app reads only the file of the theme it starts with, found by its name
    files = bundled_themes()
    assert set(files) == set(BUNDLED)
    for name, file in files.items():
        assert parse_theme(file.read_text(encoding="utf-8")).name == name


async def test_only_the_starting_theme_is_read_before_the_first_screen(
    sample_store: Store, make_app: AppFactory
) -> None:
    app = make_app(sample_store)
    assert set(app.available_themes) == {"vaplanner-dark"}
    async with app.run_test(size=(120, 40)) as pilot:
        assert set(app.available_themes) == set(BUNDLED)
        app.theme = "vaplanner-light"
        await pilot.pause()
        assert app.current_theme.name == "vaplanner-light"


@pytest.mark.parametrize("name", BUNDLED)
async def test_fields_and_borders_stand_out_in_every_bundled_theme(
    name: str, sample_store: Store, make_app: AppFactory
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(80, 24)):
        app.theme = name
        variables = app.get_css_variables()
    surface, background = variables["surface"], variables["background"]
    # Form fields sit on $boost (Textual leaves it transparent when a theme names its panel).
    assert Color.parse(variables["boost"]).a == 1, variables["boost"]
    assert contrast_ratio(variables["boost"], surface) >= 1.1, variables["boost"]
    # Panel borders are drawn in $panel-lighten-2 (white on white in the light theme once).
    for shade in ("panel-lighten-2", "panel-lighten-3"):
        assert contrast_ratio(variables[shade], background) >= 1.8, (shade, variables[shade])


@pytest.mark.parametrize("name", BUNDLED)
def test_client_colours_are_readable_in_every_bundled_theme(name: str) -> None:
    theme = next(t for t in load_themes(None).themes if t.name == name)
    assert theme.background
    palette = client_palette(theme)
    assert len(palette) >= 8
    for color in palette:
        assert contrast_ratio(color, theme.background) >= 4.5, (name, color)
    # a client's own colour is adjusted too: dark navy on a dark theme, yellow on a light one
    own = client_colors(theme, [(1, "#101040"), (2, "#ffff66")])
    for color in own.values():
        assert contrast_ratio(color, theme.background) >= 4.5, (name, color)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("name = ", "not valid TOML"),
        ('dark = true\n[colors]\nprimary = "#112233"', "needs a name"),
        ('name = "x"\n[colors]\nsecondary = "#112233"', "needs colors.primary"),
        ('name = "x"\n[colors]\nprimary = "blurple"', "is not a colour"),
        ('name = "x"\n[colors]\nprimary = "#123456"\nsparkle = "#fff"', "unknown colour 'sparkle'"),
        ('name = "x"\n[colors]\nprimary = "#123456"\n[clients]\npalette = "red"', "palette"),
    ],
)
def test_broken_theme_text_says_what_is_wrong(text: str, fragment: str) -> None:
    with pytest.raises(ThemeFileError) as caught:
        parse_theme(text, source_name="mine.toml")
    assert fragment in str(caught.value)
    assert "mine.toml" in str(caught.value)
    assert isinstance(caught.value, InputError)


def test_readable_color_keeps_a_good_colour() -> None:
    assert readable_color("#ffffff", "#000000") == "#FFFFFF"
    assert contrast_ratio(readable_color("#222222", "#000000"), "#000000") >= 4.5


def _write_user_theme(config: Path, name: str, text: str) -> None:
    folder = config / "themes"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


async def test_a_user_theme_is_offered_and_a_broken_one_is_reported(
    sample_store: Store, make_app: AppFactory, tmp_path: Path
) -> None:
    config = tmp_path / "config"
    _write_user_theme(config, "solar.toml", 'name = "solar"\n[colors]\nprimary = "#b58900"\n')
    _write_user_theme(config, "broken.toml", "name = [")
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "solar" in app.available_themes
        assert app.theme == "vaplanner-dark"
        # only ours and the user's are offered (their client colours are the checked ones)
        assert set(app.available_themes) == {
            "vaplanner-dark",
            "vaplanner-light",
            "vaplanner-high-contrast",
            "solar",
        }
        assert any("broken.toml" in m for m in notifications(app))


@pytest.mark.parametrize("remembered", ["vaplanner-light", "vaplanner-dark"])
async def test_a_user_theme_replaces_the_bundled_one_of_its_name(
    sample_store: Store, make_app: AppFactory, tmp_path: Path, remembered: str
) -> None:
    from dataclasses import replace

    text = 'name = "vaplanner-light"\ndark = false\n[colors]\nprimary = "#b58900"\n'
    _write_user_theme(tmp_path / "config", "mine.toml", text)
    settings = replace(sample_store.get_settings(), theme=remembered)
    app = make_app(sample_store, settings=settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.theme == remembered
        assert set(app.available_themes) == set(BUNDLED)
        assert app.available_themes["vaplanner-light"].primary == "#B58900"
        assert notifications(app) == []


async def test_unknown_theme_in_settings_falls_back_to_the_default(
    sample_store: Store, make_app: AppFactory
) -> None:
    from dataclasses import replace

    settings = replace(sample_store.get_settings(), theme="no-such-theme")
    app = make_app(sample_store, settings=settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.theme == "vaplanner-dark"
        assert any("no-such-theme" in m for m in notifications(app))


async def test_theme_choice_is_remembered(sample_store: Store, make_app: AppFactory) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        app.theme = "vaplanner-light"
        await pilot.pause()
        assert sample_store.get_settings().theme == "vaplanner-light"
    again = make_app(sample_store)
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert again.theme == "vaplanner-light"


async def test_theme_from_the_palette(sample_store: Store, make_app: AppFactory) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"theme")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        await pilot.press(*"vaplanner-high")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "vaplanner-high-contrast"
        assert sample_store.get_settings().theme == "vaplanner-high-contrast"
