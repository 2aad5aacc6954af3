"""The main screen at start: header, clients with their clocks, queue, grid, footer."""

from __future__ import annotations

from tests.ui.conftest import AppFactory
from tests.ui.helpers import clients_text, header_text, planner, queue_text
from vaplanner.store.store import Store
from vaplanner.ui.widgets.client_list import ClientList


async def test_first_screen_shows_day_time_clients_and_queue(
    sample_store: Store, make_app: AppFactory
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        header = header_text(app)
        assert "Wed 25 Nov 2026" in header
        assert "Ljubljana 14:32 CET" in header
        assert "planned" in header and "tracked" in header
        lines = clients_text(app).splitlines()
        assert len(lines) == 5
        # hotkey, name, zone, local time and the hours mark of each client
        assert lines[0].startswith("1") and "Acme" in lines[0] and "08:32" in lines[0]
        assert " NY " in lines[0]  # the city label where the whole name fits beside it
        assert "◐" in lines[0]  # New York opens at 09:00: soon
        # the whole name wins over the city label when both do not fit
        assert "Koala Digital" in lines[1] and "SYD" not in lines[1]
        assert "00:32" in lines[1] and "○" in lines[1]
        assert "Brightside" in lines[2] and "13:32" in lines[2] and "●" in lines[2]
        assert "19:17" in lines[4]
        screen = planner(app)
        assert screen.selected_id == 1
        assert screen.query_one("#queue-pane").border_title.startswith("Acme")
        open_acme = [t.title for t in sample_store.tasks.list(client_id=1)]
        assert open_acme and open_acme[0] in queue_text(app)


async def test_client_hotkeys_swap_the_queue(sample_store: Store, make_app: AppFactory) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        for key, client_id in (("3", 3), ("2", 2), ("5", 5), ("1", 1)):
            await pilot.press(key)
            screen = planner(app)
            assert screen.selected_id == client_id
            client = sample_store.clients.get(client_id)
            assert screen.query_one("#queue-pane").border_title.startswith(client.name)
            first = sample_store.tasks.list(client_id=client_id)[0]
            assert first.title[:20] in queue_text(app)


async def test_unknown_hotkey_is_reported_not_ignored(
    sample_store: Store, make_app: AppFactory
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("9")
        await pilot.pause()
        assert planner(app).selected_id == 1
        assert any("hotkey 9" in n.message for n in app._notifications)


async def test_clicking_a_client_row_selects_it(sample_store: Store, make_app: AppFactory) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        column = planner(app).query_one(ClientList)
        rows_per_client = 2 if column.notes_text() else 1  # a second row at 120 columns
        await pilot.click("#clients", offset=(5, 2 * rows_per_client))
        assert planner(app).selected_id == 3


async def test_clock_ticks_through_the_app_reactive(
    sample_store: Store, make_app: AppFactory, clock: object
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        clock.advance(minutes=30)  # type: ignore[attr-defined]
        app._tick()
        await pilot.pause()
        assert "15:02" in header_text(app)
        # New York is now in business hours
        assert "09:02" in clients_text(app).splitlines()[0]
        assert "●" in clients_text(app).splitlines()[0]
