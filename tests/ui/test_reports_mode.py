"""Reports mode (``r``): periods, grouping, money per currency, the weekly chart, retainers and
overdue invoices, all checked against sums computed here from the stored entries."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from rich.console import Console
from textual.widget import Widget
from textual.widgets import Input, Static

from tests.ui.conftest import UI_NOW, AppFactory
from vaplanner.core.errors import InputError
from vaplanner.core.models import Entry, Task
from vaplanner.core.times import format_duration
from vaplanner.store.store import Store
from vaplanner.ui.app import VaplannerApp
from vaplanner.ui.report_data import Period, chart_weeks, parse_range
from vaplanner.ui.screens.prompt import PromptScreen
from vaplanner.ui.screens.reports import ReportsScreen
from vaplanner.ui.widgets.bar_chart import BarChart, chart_lines, stacked_bar
from vaplanner.ui.widgets.key_bar import KeyBar

HOME = ZoneInfo("Europe/Ljubljana")


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time(), HOME).astimezone(UTC)


def tracked(store: Store, first: date, last: date, client_id: int | None = None) -> int:
    """Minutes of the entries that start on home days ``first``..``last`` (computed here)."""
    low, high = _local_midnight(first), _local_midnight(last + timedelta(days=1))
    return sum(
        (e.seconds + 30) // 60
        for e in store.entries.all()
        if low <= e.start < high and (client_id is None or e.client_id == client_id)
    )


def reports(app: VaplannerApp) -> ReportsScreen:
    screen = app.screen
    assert isinstance(screen, ReportsScreen)
    return screen


def section(app: VaplannerApp, name: str, width: int = 100) -> str:
    """The plain text of one section, as it is drawn at ``width`` columns (100)."""
    widget = reports(app).query_one(f"#report-{name}", Static)
    console = Console(width=width, file=io.StringIO(), color_system=None, record=True)
    console.print(widget.content)
    return console.export_text()


def title(app: VaplannerApp) -> str:
    return str(reports(app).query_one("#report-title", Static).content)


async def open_reports(pilot: object) -> None:
    await pilot.press("r")  # type: ignore[attr-defined]
    await settle(pilot)


async def settle(pilot: object) -> None:
    """Let the worker read and the screen draw."""
    app = pilot.app  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]


# --- pure parts ----------------------------------------------------------------------------


def test_periods_step_by_week_month_and_range() -> None:
    week = Period("week", date(2026, 11, 23), date(2026, 11, 29))
    assert week.shifted(-1) == Period("week", date(2026, 11, 16), date(2026, 11, 22))
    month = Period("month", date(2026, 12, 1), date(2026, 12, 31))
    assert month.shifted(1) == Period("month", date(2027, 1, 1), date(2027, 1, 31))
    assert month.shifted(-10) == Period("month", date(2026, 2, 1), date(2026, 2, 28))
    custom = Period("custom", date(2026, 11, 16), date(2026, 11, 18))
    assert custom.shifted(1) == Period("custom", date(2026, 11, 19), date(2026, 11, 21))
    assert week.label == "week of 23 Nov 2026" and month.label == "December 2026"
    assert custom.label == "16 Nov 2026 - 18 Nov 2026"


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2026-11-01 to 2026-11-15", date(2026, 11, 1), date(2026, 11, 15)),
        ("2026-11-01..2026-11-15", date(2026, 11, 1), date(2026, 11, 15)),
        ("1 nov 2026 - 15 nov 2026", date(2026, 11, 1), date(2026, 11, 15)),
        ("-7d to today", date(2026, 11, 18), date(2026, 11, 25)),
    ],
)
def test_custom_ranges(text: str, first: date, last: date) -> None:
    span = parse_range(text, today=date(2026, 11, 25))
    assert (span.start, span.end, span.kind) == (first, last, "custom")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-11-01", "two dates"),
        ("2026-11-15 to 2026-11-01", "before it starts"),
        ("2024-01-01 to 2026-01-01", "a year or less"),
    ],
)
def test_bad_ranges_say_why(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_range(text, today=date(2026, 11, 25))


def test_chart_weeks_reach_back_for_context_and_cap_long_ranges() -> None:
    week = Period("week", date(2026, 11, 23), date(2026, 11, 29))
    assert chart_weeks(week) == (date(2026, 10, 19), 6)
    month = Period("month", date(2026, 11, 1), date(2026, 11, 30))  # Sun 1 .. Mon 30
    assert chart_weeks(month) == (date(2026, 10, 26), 6)
    year = Period("custom", date(2026, 1, 1), date(2026, 12, 31))
    assert chart_weeks(year) == (date(2026, 10, 5), 13)


def test_stacked_bar_is_exact_to_an_eighth() -> None:
    bar = stacked_bar([(60, "red"), (30, "blue")], per_cell=10, width=20)
    assert bar.plain == "█" * 9
    assert [span.style for span in bar.spans][:1] == ["red"]
    assert stacked_bar([(65, "red")], per_cell=10, width=20).plain == "██████▌"
    assert stacked_bar([(1, "red")], per_cell=60, width=20).plain == "▏"  # never invisible
    assert stacked_bar([(500, "red")], per_cell=10, width=20).plain == "█" * 20  # cut at width


# --- the screen ----------------------------------------------------------------------------


async def test_week_totals_match_the_entries_and_keep_currencies_apart(
    sample_store: Store, make_app: AppFactory
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_reports(pilot)
        assert "Reports · week of 23 Nov 2026 · by client" in title(app)
        text = section(app, "totals")
        week = tracked(sample_store, date(2026, 11, 23), date(2026, 11, 29))
        total_line = next(line for line in text.splitlines() if line.strip().startswith("total"))
        assert format_duration(week) in total_line
        acme = tracked(sample_store, date(2026, 11, 23), date(2026, 11, 29), client_id=1)
        acme_line = next(line for line in text.splitlines() if "Acme" in line)
        assert format_duration(acme) in acme_line and "USD" in acme_line
        # one total per currency, each on its own line; never one mixed sum
        for code in ("AUD", "EUR", "GBP", "USD"):
            assert sum(1 for line in text.splitlines() if f"{code} " in line) >= 2
        data = reports(app).data
        assert data is not None
        # two columns side by side at this width
        left = reports(app).query_one("#report-totals")
        right = reports(app).query_one("#report-chart")
        assert left.region.y == right.region.y and right.region.x > left.region.right - 1
        assert set(data.report.totals_by_currency) == {"AUD", "EUR", "GBP", "USD"}


async def test_brackets_step_through_weeks_and_p_switches_to_months(
    sample_store: Store, make_app: AppFactory
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_reports(pilot)
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert "week of 16 Nov 2026" in title(app)
        week = tracked(sample_store, date(2026, 11, 16), date(2026, 11, 22))
        assert format_duration(week) in section(app, "totals")
        await pilot.press("p")
        await settle(pilot)
        assert "November 2026" in title(app)
        month = tracked(sample_store, date(2026, 11, 1), date(2026, 11, 30))
        assert format_duration(month) in section(app, "totals")
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert "December 2026" in title(app)
        assert "Nothing tracked in this period." in section(app, "totals")
        await pilot.press("t")
        await settle(pilot)
        assert "November 2026" in title(app)


async def test_g_groups_by_tag_task_and_day(sample_store: Store, make_app: AppFactory) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_reports(pilot)
        await pilot.press("g")
        await pilot.pause()
        assert "by tag" in title(app)
        assert "(no tag)" in section(app, "totals")
        assert "counts under both" in section(app, "totals")
        await pilot.press("g")
        await pilot.pause()
        assert "by task" in title(app) and "(no task)" in section(app, "totals")
        await pilot.press("g")
        await pilot.pause()
        text = section(app, "totals")
        assert "by day" in title(app)
        monday = tracked(sample_store, date(2026, 11, 23), date(2026, 11, 23))
        monday_line = next(line for line in text.splitlines() if "Mon 23 Nov" in line)
        assert format_duration(monday) in monday_line
        await pilot.press("g")
        await pilot.pause()
        assert "by client" in title(app)


async def test_c_asks_for_a_range_and_keeps_bad_typing(
    sample_store: Store, make_app: AppFactory
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_reports(pilot)
        await pilot.press("c")
        await pilot.pause()
        prompt = app.screen
        assert isinstance(prompt, PromptScreen)
        field = prompt.query_one(Input)
        field.value = "2026-11-18 to 2026-11-16"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is prompt  # refused, the typing stays
        assert "before it starts" in str(prompt.query_one("#form-error", Static).content)
        field.value = "2026-11-16 to 2026-11-18"
        await pilot.press("enter")
        await settle(pilot)
        assert "16 Nov 2026 - 18 Nov 2026" in title(app)
        days = tracked(sample_store, date(2026, 11, 16), date(2026, 11, 18))
        assert format_duration(days) in section(app, "totals")


async def test_plan_vs_actual_and_estimates(sample_store: Store, make_app: AppFactory) -> None:
    with sample_store.transaction():
        task = sample_store.tasks.add(Task(1, "Quarterly deck", estimate_minutes=60))
        start = datetime(2026, 11, 24, 6, 0, tzinfo=UTC)
        sample_store.entries.add(Entry(1, start, start + timedelta(minutes=95), task_id=task.id))
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_reports(pilot)
        estimates = section(app, "estimates")
        deck = next(line for line in estimates.splitlines() if "Quarterly deck" in line)
        assert "1:00" in deck and "1:35" in deck and "+0:35" in deck
        plan = section(app, "plan")
        today = next(line for line in plan.splitlines() if "Wed 25 Nov" in line)
        assert (
            format_duration(tracked(sample_store, date(2026, 11, 25), date(2026, 11, 25))) in today
        )
        friday = next(line for line in plan.splitlines() if "Fri 27 Nov" in line)
        assert "–" in friday  # ahead of today: nothing tracked yet, no difference
        assert "to date" in plan


async def test_long_names_stay_on_one_line_beside_their_numbers(
    sample_store: Store, make_app: AppFactory
) -> None:
    with sample_store.transaction():
        title = "Quarterly investor deck with appendices and speaker notes"
        task = sample_store.tasks.add(Task(1, title, estimate_minutes=60))
        start = datetime(2026, 11, 24, 6, 0, tzinfo=UTC)
        sample_store.entries.add(Entry(1, start, start + timedelta(minutes=300), task_id=task.id))
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_reports(pilot)
        for name in ("estimates", "sinks"):
            text = section(app, name, width=56)
            deck = [line for line in text.splitlines() if "Quarterly" in line]
            assert len(deck) == 1 and "…" in deck[0], text  # cut, not wrapped onto 2 lines
            assert "5:00" in deck[0]  # the numbers stay on the name's line
            assert not any(line.strip().startswith("appendices") for line in text.splitlines())
        sinks = section(app, "sinks", width=56)
        # The sample marks no time as not billable: no column of dashes in the sinks.
        assert "not bill." not in sinks and "–" not in sinks
        with sample_store.transaction():
            sample_store.entries.add(
                Entry(2, start, start + timedelta(minutes=400), billable=False)
            )
        app.data_changed()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "not bill." in section(app, "sinks")


async def test_chart_holds_hours_per_client_per_week(
    sample_store: Store, make_app: AppFactory
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_reports(pilot)
        chart = reports(app).query_one(BarChart).chart
        assert [first for first, _ in chart.weeks][0] == date(2026, 10, 19)
        assert len(chart.weeks) == 6
        first, minutes = chart.weeks[-1]
        assert first == date(2026, 11, 23)
        for client_id in range(1, 6):
            expected = tracked(sample_store, first, first + timedelta(days=6), client_id)
            assert minutes.get(client_id, 0) == expected
        lines = [line.plain for line in chart_lines(chart, 60)]
        assert lines[-1].startswith("■")  # the legend
        assert format_duration(sum(minutes.values())) in lines[5]
        assert "23 Nov" in lines[5]


async def test_retainer_and_overdue_invoices_stand_at_today(
    sample_store: Store, make_app: AppFactory
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_reports(pilot)
        # Koala's 20-hour monthly retainer: billable time since 1 Nov (no rounding rule)
        low = _local_midnight(date(2026, 11, 1))
        used = sum(
            e.minutes
            for e in sample_store.entries.all()
            if e.client_id == 2 and e.billable and low <= e.start <= UI_NOW
        )
        text = section(app, "retainers")
        assert "Koala Digital" in text and "resets Tue  1 Dec" in text
        assert f"{format_duration(used)} of 20:00 used" in text
        assert f"{format_duration(20 * 60 - used)} left" in text
        overdue = section(app, "overdue")
        assert "2026-001" in overdue and "Brightside" in overdue and "GBP 400.00" in overdue
        assert "10 d" in overdue  # due 15 Nov, today is 25 Nov
        # the same today whatever period is shown
        await pilot.press("left_square_bracket", "left_square_bracket")
        await settle(pilot)
        assert "2026-001" in section(app, "overdue")


async def test_a_change_elsewhere_reloads_the_report(
    sample_store: Store, make_app: AppFactory
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_reports(pilot)
        before = tracked(sample_store, date(2026, 11, 23), date(2026, 11, 29))
        other = Store(sample_store.path)
        start = datetime(2026, 11, 23, 5, 0, tzinfo=UTC)  # Monday 06:00 at home
        with other.transaction():
            other.entries.add(Entry(3, start, start + timedelta(minutes=50), note="early"))
        assert app.check_for_changes()
        await settle(pilot)
        assert format_duration(before + 50) in section(app, "totals")


async def test_narrow_terminal_stacks_the_sections(
    sample_store: Store, make_app: AppFactory
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_reports(pilot)
        screen = reports(app)
        assert screen.has_class("-narrow")
        left = screen.query_one("#report-totals")
        right = screen.query_one("#report-chart")
        # one column: the chart comes under the left column's sections, full width
        left_column, right_column = left.parent, right.parent
        assert isinstance(left_column, Widget) and isinstance(right_column, Widget)
        assert right_column.virtual_region.y >= left_column.virtual_region.bottom
        assert left.size.width >= 70 and right.size.width >= 70
        await pilot.press("escape")
        await pilot.pause()
        assert app.current_mode == "planner"


async def test_r_again_goes_back_and_the_key_bar_says_so(
    sample_store: Store, make_app: AppFactory
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_reports(pilot)
        keys = reports(app).query_one(KeyBar).text()
        assert "esc planner" in keys and "r reports" not in keys
        await pilot.press("r")
        await pilot.pause()
        assert app.current_mode == "planner"
