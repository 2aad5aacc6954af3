"""The clients column's second row: retainer hours left and the last check-in."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

import pytest

from tests.ui.conftest import UI_NOW, AppFactory
from tests.ui.helpers import planner
from vaplanner.core.models import Billing, Checkin, Client, Entry
from vaplanner.store.store import Store
from vaplanner.ui.client_notes import ClientNote, note_parts
from vaplanner.ui.widgets.client_list import ClientList


@pytest.mark.parametrize(
    ("note", "width", "expected"),
    [
        (ClientNote(), 23, [("no check-in yet", "soon")]),
        (ClientNote(last_checkin=UI_NOW - timedelta(days=3)), 23, [("check-in 3d ago", "muted")]),
        (ClientNote(last_checkin=UI_NOW - timedelta(days=20)), 23, [("check-in 2w ago", "soon")]),
        (
            ClientNote(retainer_left=600, last_checkin=UI_NOW - timedelta(days=1)),
            40,
            [("10h left", "muted"), ("check-in 1d ago", "muted")],
        ),
        (
            ClientNote(retainer_left=90, retainer_level="low", last_checkin=UI_NOW),
            23,  # "1h30m left · check-in today" is 27 wide: the short form
            [("1h30m left", "alert"), ("✓ today", "muted")],
        ),
        (
            ClientNote(retainer_left=0, retainer_over=75, retainer_level="over"),
            24,
            [("1h15m over", "alert"), ("no check-in", "soon")],
        ),
        (
            ClientNote(retainer_left=0, retainer_over=75, retainer_level="over"),
            23,
            [("1h15m over", "alert"), ("✓ never", "soon")],
        ),
        (  # the retainer goes first: without room for both, the check-in waits
            ClientNote(retainer_left=0, retainer_over=75, retainer_level="over"),
            16,
            [("1h15m over", "alert")],
        ),
        (ClientNote(retainer_left=300, retainer_level="warn"), 9, [("5h left", "soon")]),
    ],
)
def test_note_parts_fit_the_width(
    note: ClientNote, width: int, expected: list[tuple[str, str]]
) -> None:
    parts = note_parts(note, UI_NOW, width)
    assert parts == expected
    assert len(" · ".join(text for text, _ in parts)) <= width


def _retainer_store(store: Store) -> None:
    """One client on a 10-hour monthly retainer with 8:30 used this month, checked in on 20 Nov;
    one without a retainer, never checked in."""
    with store.transaction():
        koala = store.clients.add(
            Client(
                name="Koala",
                tz="Australia/Sydney",
                key="1",
                billing=Billing(
                    rate=Decimal("40"), retainer_hours=Decimal("10"), retainer_fee=Decimal("400")
                ),
            )
        )
        store.clients.add(Client(name="Acme", tz="America/New_York", key="2"))
        start = datetime(2026, 11, 10, 8, 0, tzinfo=UI_NOW.tzinfo)
        for day in range(3):  # 3 x 2:50 = 8:30
            first = start + timedelta(days=day)
            store.entries.add(Entry(koala.id, first, first + timedelta(minutes=170)))
        store.checkins.add(Checkin(koala.id, datetime(2026, 11, 20, 9, 0, tzinfo=UI_NOW.tzinfo)))


async def test_second_row_shows_retainer_left_and_last_checkin(
    empty_store: Store, make_app: AppFactory
) -> None:
    _retainer_store(empty_store)
    app = make_app(empty_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        column = planner(app).query_one(ClientList)
        assert column.notes_text() == ["1h30m left · ✓ 5d ago", "no check-in yet"]
        assert "Koala" in column.text().splitlines()[0]  # the main rows stay one per client

        with empty_store.transaction():
            empty_store.checkins.add(Checkin(2, UI_NOW - timedelta(hours=1)))
        app.data_changed()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert column.notes_text()[1] == "check-in today"


async def test_no_second_row_on_a_small_terminal(empty_store: Store, make_app: AppFactory) -> None:
    _retainer_store(empty_store)
    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        column = planner(app).query_one(ClientList)
        assert column.notes_text() == []
        assert len(column.text().splitlines()) == 2
        assert column.virtual_size.height == 2


async def test_a_click_on_a_second_row_selects_its_client(
    empty_store: Store, make_app: AppFactory
) -> None:
    _retainer_store(empty_store)
    app = make_app(empty_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        column = planner(app).query_one(ClientList)
        await pilot.click(ClientList, offset=(6, 3))  # row 3: Acme's second row
        await pilot.pause()
        assert column.selected == 2


async def test_notes_are_read_only_once_the_column_shows_them(
    empty_store: Store, make_app: AppFactory
) -> None:
    """Reading every retainer's entries costs time at start-up: on a terminal where the column
    has one row per client nothing is read; when it grows to two rows the notes come in."""
    _retainer_store(empty_store)
    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        column = planner(app).query_one(ClientList)
        assert not [w for w in app.workers if w.group == "client-notes"]
        assert column.notes == {}

        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert column.notes_text() == ["1h30m left · ✓ 5d ago", "no check-in yet"]
