"""World clock mode (``w``): clocks that tick, rulers aligned to home time across DST, DST
alerts, and the slot finder that books a meeting with one key."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from rich.console import Console
from textual.widgets import Static

from tests.ui.conftest import AppFactory, Clock
from tests.ui.helpers import text_of
from vaplanner.core.recur import occurrences_many
from vaplanner.demo import generate
from vaplanner.store.store import Store
from vaplanner.ui.app import VaplannerApp
from vaplanner.ui.screens.meeting_editor import MeetingEditor
from vaplanner.ui.screens.world_clock import WorldClockScreen
from vaplanner.ui.widgets.clock_table import ClockTable
from vaplanner.ui.widgets.slot_list import SlotList

HOME = ZoneInfo("Europe/Ljubljana")
NEW_YORK = ZoneInfo("America/New_York")
LONDON = ZoneInfo("Europe/London")


def clock_screen(app: VaplannerApp) -> WorldClockScreen:
    screen = app.screen
    assert isinstance(screen, WorldClockScreen)
    return screen


def row(app: VaplannerApp, key: str) -> str:
    """The plain text of one clock row (all columns but the ruler)."""
    table = clock_screen(app).query_one(ClockTable)
    cells = table.get_row(key)
    return " ".join(cell.plain for cell in cells[:-1])


def in_hours_cells(app: VaplannerApp, key: str) -> list[int]:
    table = clock_screen(app).query_one(ClockTable)
    entry = next(e for e in table.entries if e.key == key)
    return [index for index, cell in enumerate(entry.cells) if cell.state == "in"]


def static_text(app: VaplannerApp, selector: str) -> str:
    return text_of(clock_screen(app).query_one(selector, Static))


def slot_texts(app: VaplannerApp) -> list[str]:
    slots = clock_screen(app).query_one(SlotList)
    return [str(slots.get_option_at_index(i).prompt) for i in range(slots.option_count)]


async def open_clock(pilot: object) -> None:
    await pilot.press("w")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    await pilot.pause(0.2)  # type: ignore[attr-defined]


async def test_rows_show_local_time_state_offset_and_next_change(
    sample_store: Store, make_app: AppFactory
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_clock(pilot)
        table = clock_screen(app).query_one(ClockTable)
        assert [e.key for e in table.entries][:2] == ["you", "1"]
        assert "You (work)" in row(app, "you") and "14:32 CET" in row(app, "you")
        acme = row(app, "1")
        assert "Acme" in acme and "08:32 EST" in acme and "-6:00" in acme
        assert "◐" in acme  # opens at 09:00, within half an hour
        assert "14 Mar +1h" in acme  # New York springs forward on Sunday 14 Mar 2027
        koala = row(app, "2")
        assert "Thu 00:32 AEDT" in koala  # already Thursday in Sydney
        assert "+10:00" in koala and "4 Apr -1h" in koala
        assert "+4:45" in row(app, "5") and "none" in row(app, "5")  # Kathmandu: no DST
        assert "Wed 25 Nov 14:32 CET" in static_text(app, "#clock-title")


async def test_ruler_is_aligned_to_home_hours_and_names_their_clock(
    sample_store: Store, make_app: AppFactory
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_clock(pilot)
        # New York 09:00-17:00 EST is 15:00-23:00 in Ljubljana; London 09:00-17:30 GMT is
        # 10:00-18:30 (the 18:00 hour only half); your own hours 09:00-17:00.
        assert in_hours_cells(app, "1") == list(range(15, 23))
        assert in_hours_cells(app, "3") == list(range(10, 18))
        assert in_hours_cells(app, "you") == list(range(9, 17))
        table = clock_screen(app).query_one(ClockTable)
        london = next(e for e in table.entries if e.key == "3")
        assert london.cells[18].state == "part"
        await pilot.press("down")  # the cursor starts on your row; Acme is next
        hours = static_text(app, "#their-hours")
        # the label under your 00:00 is Acme's 18:00 (the day before)
        assert "Acme's clock 18" in hours
        # aligned with the ruler column: after every other column and the ruler's padding
        others = [c for key, c in table.columns.items() if key.value != "ruler"]
        ruler_start = sum(c.get_render_width(table) for c in others) + table.cell_padding
        assert hours.index("18") == ruler_start
        assert "their hours 15:00-23:00, shared with yours 15:00-17:00" in static_text(
            app, "#clock-detail"
        )


async def test_clocks_tick_with_the_app_clock(
    sample_store: Store, make_app: AppFactory, clock: Clock
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_clock(pilot)
        clock.advance(minutes=30)
        app._tick()
        await pilot.pause()
        acme = row(app, "1")
        assert "09:02 EST" in acme and "●" in acme
        assert "15:02 CET" in static_text(app, "#clock-title")


async def test_ruler_follows_each_zone_across_dst_weeks(
    tmp_path: Path, make_app: AppFactory
) -> None:
    store = Store(tmp_path / "march")
    friday = datetime(2027, 3, 12, 12, 0, tzinfo=UTC)
    generate(store, scale="sample", now=friday)
    app = make_app(store, clock=Clock(friday))
    async with app.run_test(size=(120, 40)) as pilot:
        await open_clock(pilot)
        # Before 14 Mar New York is 6 hours behind: 09:00-17:00 there is 15:00-23:00 here.
        assert in_hours_cells(app, "1") == list(range(15, 23))
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        # Monday 15 Mar: New York is on EDT, Europe is not yet: 5 hours, 14:00-22:00 here.
        assert "ruler: Mon 15 Mar" in static_text(app, "#clock-title")
        assert in_hours_cells(app, "1") == list(range(14, 22))
        # London moves with Europe on 28 Mar, so it stays one hour behind all month.
        assert in_hours_cells(app, "3") == list(range(10, 18))
        for _ in range(13):
            await pilot.press("right_square_bracket")
        # Sunday 28 Mar: the home day has 23 hours (02:00 is skipped) and every row too.
        table = clock_screen(app).query_one(ClockTable)
        assert {len(entry.cells) for entry in table.entries} == {23}
        hours = [cell.home_local.hour for cell in table.entries[0].cells]
        assert hours[:4] == [0, 1, 3, 4]
        await pilot.press("right_square_bracket")
        # Monday 29 Mar: both on summer time again, 6 hours apart.
        assert in_hours_cells(app, "1") == list(range(15, 23))
        await pilot.press("t")
        assert "ruler:" not in static_text(app, "#clock-title")
        assert in_hours_cells(app, "1") == list(range(15, 23))


async def test_slot_finder_is_right_in_the_weeks_between_the_changes(
    tmp_path: Path, make_app: AppFactory
) -> None:
    store = Store(tmp_path / "march")
    friday = datetime(2027, 3, 12, 12, 0, tzinfo=UTC)
    generate(store, scale="sample", now=friday)
    app = make_app(store, clock=Clock(friday))
    async with app.run_test(size=(120, 40)) as pilot:
        await open_clock(pilot)
        await pilot.press("down")  # Acme
        await pilot.pause(0.4)
        headings = [t for t in slot_texts(app) if not t.startswith(" ")]
        # New York is 6 hours behind until Sunday 14 Mar, then 5 until Europe moves on 28 Mar
        assert any(t.startswith("Fri 12 Mar  shared 15:00-17:00 (2:00)") for t in headings)
        assert any(t.startswith("Mon 15 Mar  shared 14:00-17:00 (3:00)") for t in headings)
        assert any(t.startswith("Thu 25 Mar  shared 14:00-17:00 (3:00)") for t in headings)
        slots = clock_screen(app).query_one(SlotList).slots
        for start, end in slots:
            there = start.astimezone(NEW_YORK)
            assert 9 <= there.hour and end.astimezone(NEW_YORK) <= there.replace(hour=17, minute=0)
            assert 9 <= start.astimezone(HOME).hour < 17


async def test_dst_alerts_name_the_meeting_and_both_times(
    tmp_path: Path, make_app: AppFactory
) -> None:
    store = Store(tmp_path / "march")
    friday = datetime(2027, 3, 12, 12, 0, tzinfo=UTC)
    generate(store, scale="sample", now=friday)
    app = make_app(store, clock=Clock(friday))
    async with app.run_test(size=(120, 40)) as pilot:
        await open_clock(pilot)
        alerts = static_text(app, "#dst-alerts")
        # Tuesday 10:00 in New York is 16:00 here, 15:00 in the weeks between the changes.
        assert "from 16 Mar the Weekly check-in with Acme is at 15:00, not 16:00" in alerts
        assert "from 30 Mar the Weekly check-in with Acme is at 16:00, not 15:00" in alerts


async def test_no_alerts_is_said_calmly(sample_store: Store, make_app: AppFactory) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_clock(pilot)
        assert "No daylight-saving change moves a meeting" in static_text(app, "#dst-alerts")


def _busy(store: Store, start: datetime, end: datetime) -> list[tuple[datetime, datetime]]:
    found = [(o.start, o.end) for o in occurrences_many(store.meetings.all(), start, end)]
    return found + [(b.start, b.end) for b in store.blocks.between(start, end)]


async def test_space_selects_clients_and_slots_suit_everyone(
    sample_store: Store, make_app: AppFactory
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_clock(pilot)
        await pilot.press("down", "space", "down", "down", "space")
        await pilot.pause(0.3)
        screen = clock_screen(app)
        assert screen.selected == [1, 3]
        assert row(app, "1").startswith("✓1") and row(app, "3").startswith("✓3")
        title = str(screen.query_one("#slot-pane").border_title)
        assert "Acme + Brightside" in title and "within your work hours" in title
        slots = screen.query_one(SlotList).slots
        assert slots
        now = datetime(2026, 11, 25, 13, 32, tzinfo=UTC)
        busy = _busy(sample_store, now - timedelta(days=1), now + timedelta(days=15))
        for start, end in slots:
            assert start >= now and end - start == timedelta(minutes=30)
            for zone, opens, closes in ((NEW_YORK, 9, 17), (LONDON, 9, 17.5), (HOME, 9, 17)):
                local_start, local_end = start.astimezone(zone), end.astimezone(zone)
                assert local_start.weekday() < 5
                assert opens <= local_start.hour + local_start.minute / 60
                assert local_end.hour + local_end.minute / 60 <= closes
            assert all(not (s < end and start < e) for s, e in busy)
        texts = slot_texts(app)
        assert any("Wed 25 Nov" in t and "shared 15:00-17:00" in t for t in texts)
        assert any("Acme 10:00 · Brightside 15:00" in t for t in texts)


async def test_space_on_your_row_looks_beyond_your_hours(
    sample_store: Store, make_app: AppFactory
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_clock(pilot)
        # Acme (New York) and Koala (Sydney) overlap only 22:30-23:00 on your clock.
        await pilot.press("down", "space", "down", "space")
        await pilot.pause(0.3)
        screen = clock_screen(app)
        assert screen.query_one(SlotList).slots == []
        assert any("No shared hours" in t for t in slot_texts(app))
        await pilot.press("up", "up", "space")  # your own row
        await pilot.pause(0.3)
        assert "any time that suits them" in str(screen.query_one("#slot-pane").border_title)
        slots = screen.query_one(SlotList).slots
        assert slots
        assert {s.astimezone(HOME).strftime("%H:%M") for s, _ in slots} == {"22:30"}


async def test_length_and_days_change_the_search(sample_store: Store, make_app: AppFactory) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_clock(pilot)
        await pilot.press("down")  # Acme, highlighted: searched without being chosen
        await pilot.pause(0.3)
        screen = clock_screen(app)
        before = len(screen.query_one(SlotList).slots)
        screen.query_one("#slot-length").focus()
        await pilot.press("ctrl+a", "ctrl+k", *"1h30m", "enter")
        await pilot.pause(0.3)
        slots = screen.query_one(SlotList).slots
        assert slots and len(slots) < before
        assert all(end - start == timedelta(minutes=90) for start, end in slots)
        assert screen.query_one(SlotList).has_focus  # enter went on to the list


async def test_b_books_the_highlighted_slot_through_the_editor(
    sample_store: Store, make_app: AppFactory
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_clock(pilot)
        await pilot.press("down", "space", "down", "down", "space", "tab")
        await pilot.pause(0.3)
        screen = clock_screen(app)
        slot = screen.query_one(SlotList).highlighted_slot
        assert slot is not None
        version = app.data_version
        before = {m.id for m in sample_store.meetings.all()}
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, MeetingEditor)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert app.screen is screen
        new = [m for m in sample_store.meetings.all() if m.id not in before]
        assert len(new) == 1
        meeting = new[0]
        assert meeting.client_id == 1 and meeting.title == "Call with Acme + Brightside"
        assert meeting.tz == "America/New_York"  # stored on the client's clock
        assert meeting.start_local == slot[0].astimezone(NEW_YORK).replace(tzinfo=None)
        assert meeting.duration_minutes == 30 and meeting.every is None
        assert app.data_version > version
        # the booked time is busy now: it is no longer offered
        assert slot not in screen.query_one(SlotList).slots
        assert any("Meeting saved" in (n.title or "") for n in app._notifications)


async def test_escape_in_the_editor_books_nothing(
    sample_store: Store, make_app: AppFactory
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_clock(pilot)
        count = len(sample_store.meetings.all())
        await pilot.press("down", "b")
        await pilot.pause()
        assert isinstance(app.screen, MeetingEditor)
        await pilot.press("escape")
        await pilot.pause()
        assert len(sample_store.meetings.all()) == count


async def test_another_process_booking_removes_the_slot(
    sample_store: Store, make_app: AppFactory
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_clock(pilot)
        await pilot.press("down")
        await pilot.pause(0.3)
        screen = clock_screen(app)
        first = screen.query_one(SlotList).slots[0]
        other = Store(sample_store.path)
        from vaplanner.core.models import Block

        with other.transaction():
            other.blocks.add(Block(first[0], first[1], client_id=2, title="elsewhere"))
        assert app.check_for_changes()
        await pilot.pause(0.3)
        assert first not in screen.query_one(SlotList).slots


@pytest.mark.parametrize("size", [(80, 24), (200, 60)])
async def test_other_sizes_keep_the_ruler(
    sample_store: Store, make_app: AppFactory, size: tuple[int, int]
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=size) as pilot:
        await open_clock(pilot)
        table = clock_screen(app).query_one(ClockTable)
        layout = table.layout_in_use
        assert layout is not None and layout.cell_width >= 1
        assert table.size.width <= size[0]
        assert in_hours_cells(app, "1") == list(range(15, 23))
        if size[0] >= 200:
            assert layout.cell_width == 3 and layout.zone
            assert "America/New_York" in row(app, "1")


async def test_table_export_for_scripts_and_tests(
    sample_store: Store, make_app: AppFactory
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_clock(pilot)
        console = Console(width=140, record=True, color_system=None)
        console.print(clock_screen(app).table)
        text = console.export_text()
        assert "Australia/Sydney" in text and "Thu 00:32 AEDT" in text
        assert "opens soon" in text


async def test_your_hours_show_under_the_cursor_that_starts_on_your_row(
    sample_store: Store, make_app: AppFactory
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_clock(pilot)
        table = clock_screen(app).query_one(ClockTable)
        assert table.cursor_entry is not None and table.cursor_entry.name == "You (work)"
        ruler = table.get_row(table.cursor_entry.key)[-1]
        cursor = table.get_component_styles("datatable--cursor").background
        bars = {
            span.style.bgcolor.get_truecolor().hex.lower()
            for span in ruler.spans
            if not isinstance(span.style, str) and span.style.bgcolor is not None
        }
        assert bars  # the work hours are drawn as a bar...
        assert cursor.hex.lower() not in bars  # ...in a colour the cursor does not hide
