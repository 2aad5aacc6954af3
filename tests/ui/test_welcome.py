"""First run: the welcome screen instead of an empty grid; sample data or a first client."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from tests.ui.conftest import AppFactory
from tests.ui.helpers import (
    clients_text,
    form_error,
    header_text,
    notifications,
    planner,
    text_of,
)
from vaplanner.config import load_settings, save_setting
from vaplanner.store.store import Store
from vaplanner.ui.app import VaplannerApp


async def test_empty_store_opens_the_welcome_screen(
    empty_store: Store, make_app: AppFactory
) -> None:
    app = make_app(empty_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "WelcomeScreen"
        labels = [str(b.label) for b in app.screen.query("Button")]
        assert any("first client" in label for label in labels)
        assert any("sample data" in label for label in labels)


async def test_first_client_from_the_welcome(empty_store: Store, make_app: AppFactory) -> None:
    app = make_app(empty_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        form = app.screen
        assert type(form).__name__ == "ClientEditor"
        assert not form.query_one("#more").display  # brief: billing and the rest wait
        await pilot.press(*"Acme")
        form.query_one("#tz", Input).value = "new york"
        await pilot.pause()
        assert "America/New_York" in str(form.query_one("#zone-check").render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        clients = empty_store.clients.all()
        assert [(c.name, c.tz, c.key) for c in clients] == [("Acme", "America/New_York", "1")]
        assert app.screen is planner(app)
        assert "Acme" in clients_text(app)


async def test_bad_zone_suggests_and_keeps_the_form(
    empty_store: Store, make_app: AppFactory
) -> None:
    app = make_app(empty_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        form = app.screen
        await pilot.press(*"Koala")
        form.query_one("#tz", Input).value = "Australia/Sidney"
        await pilot.pause()
        assert "Australia/Sydney" in str(form.query_one("#zone-check").render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert form.query_one("#name", Input).value == "Koala"
        assert "did you mean" in form_error(app)
        assert form.focused is form.query_one("#tz", Input)
        assert empty_store.clients.all() == []


async def test_cancelling_the_form_returns_to_the_welcome(
    empty_store: Store, make_app: AppFactory
) -> None:
    app = make_app(empty_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "WelcomeScreen"


async def test_sample_data_after_confirmation(
    empty_store: Store, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Nothing configured: the zone stored on the first run is the computer's guess.
    monkeypatch.setenv("TZ", "Asia/Manila")
    app = make_app(empty_store)
    assert app.settings.home_tz == "Asia/Manila"
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmScreen"
        assert "becomes Europe/Ljubljana" in _confirm_text(app)
        assert empty_store.clients.all() == []
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(empty_store.clients.all()) == 5
        # The sample's days are planned in Ljubljana: its zone comes with it, so the
        # morning's blocks show in the morning, not in the middle of a Manila evening.
        assert empty_store.get_settings().home_tz == "Europe/Ljubljana"
        assert app.settings.home_tz == "Europe/Ljubljana"
        assert "Ljubljana 14:32" in header_text(app)
        assert "Acme" in clients_text(app)
        assert app.screen is planner(app)
        assert any("home zone is now Europe/Ljubljana" in n for n in notifications(app))


async def test_sample_data_keeps_a_zone_the_user_chose(
    empty_store: Store, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "Asia/Manila")
    load_settings(empty_store, Path("/nonexistent"))  # the first run stores the guess
    save_setting(empty_store, "home_tz", "America/Chicago")  # vaplanner config set home_tz
    app = make_app(empty_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert "stays America/Chicago" in _confirm_text(app)
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(empty_store.clients.all()) == 5
        assert empty_store.get_settings().home_tz == "America/Chicago"
        assert app.settings.home_tz == "America/Chicago"
        assert "Chicago" in header_text(app)


async def test_sample_data_keeps_the_zone_of_config_toml(
    empty_store: Store, make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "Asia/Manila")
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "config.toml").write_text('home_tz = "Asia/Manila"\n')
    app = make_app(empty_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("s", "y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(empty_store.clients.all()) == 5
        assert app.settings.home_tz == "Asia/Manila"
        assert empty_store.get_settings().home_tz == "Asia/Manila"


async def test_home_zone_from_the_welcome(
    empty_store: Store, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "UTC")
    app = make_app(empty_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("z")
        prompt = app.screen
        assert type(prompt).__name__ == "PromptScreen"
        prompt.query_one(Input).value = "manilla"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is prompt  # a typo is named, with a suggestion, and kept
        assert "did you mean Asia/Manila" in form_error(app)
        prompt.query_one(Input).value = "manila"
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "WelcomeScreen"
        assert "Asia/Manila" in text_of(app.screen.query_one("#where"))
        assert empty_store.get_settings().home_tz == "Asia/Manila"
        assert app.settings.home_tz == "Asia/Manila"
        # A zone the user set is theirs: the sample keeps it.
        await pilot.press("s")
        await pilot.pause()
        assert "stays Asia/Manila" in _confirm_text(app)


def _confirm_text(app: VaplannerApp) -> str:
    return text_of(app.screen.query_one(".confirm-message"))


async def test_saying_no_to_sample_data_goes_back(empty_store: Store, make_app: AppFactory) -> None:
    app = make_app(empty_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.press("n")
        await pilot.pause()
        assert type(app.screen).__name__ == "WelcomeScreen"
        assert empty_store.clients.all() == []
