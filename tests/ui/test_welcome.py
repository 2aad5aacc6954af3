"""First run: the welcome screen instead of an empty grid; sample data or a first client."""

from __future__ import annotations

from textual.widgets import Input

from tests.ui.conftest import AppFactory
from tests.ui.helpers import clients_text, form_error, planner
from vaplanner.store.store import Store


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


async def test_sample_data_after_confirmation(empty_store: Store, make_app: AppFactory) -> None:
    app = make_app(empty_store)
    home_before = app.settings.home_tz
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmScreen"
        assert empty_store.clients.all() == []
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(empty_store.clients.all()) == 5
        assert empty_store.get_settings().home_tz == home_before  # the user's zone is kept
        assert "Acme" in clients_text(app)
        assert app.screen is planner(app)


async def test_saying_no_to_sample_data_goes_back(empty_store: Store, make_app: AppFactory) -> None:
    app = make_app(empty_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.press("n")
        await pilot.pause()
        assert type(app.screen).__name__ == "WelcomeScreen"
        assert empty_store.clients.all() == []
