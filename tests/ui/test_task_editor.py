"""The task editor: reading its fields (pure, table-driven, DST cases computed with zoneinfo)
and the modal itself (checklist, errors that keep the typing, the due hint in home time)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Input, SelectionList, Static

from tests.ui.conftest import UI_NOW
from vaplanner.core.models import ChecklistItem, Client, Task, TimeRange, WeekHours
from vaplanner.ui.screens.task_editor import TaskEditor
from vaplanner.ui.screens.task_fields import (
    FieldError,
    TaskFields,
    duration_text,
    fields_of,
    parse_tags,
    read_task,
)

NY = "America/New_York"
NINE_TO_FIVE = (TimeRange(time(9), time(17)),)
ACME = Client(
    name="Acme",
    tz=NY,
    id=1,
    hours=WeekHours((NINE_TO_FIVE,) * 5 + ((), ())),
    services=("inbox", "calendar"),
)
KOALA = Client(name="Koala", tz="Australia/Sydney", id=2)


def ny(year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    """A New York wall time as UTC, worked out by zoneinfo (fold=0: first occurrence / the
    offset before a gap, as RFC 5545 says)."""
    return datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(NY)).astimezone(UTC)


def fields(**changes: object) -> TaskFields:
    return replace(TaskFields(client_id=1, title="Newsletter"), **changes)  # type: ignore[arg-type]


# --- reading the fields ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2026-11-27 17:00", ny(2026, 11, 27, 17, 0)),
        ("fri 9am", ny(2026, 11, 27, 9, 0)),
        ("2026-11-27", ny(2026, 11, 27, 17, 0)),  # a date alone: the end of their day
        ("2026-11-28", ny(2026, 11, 28, 23, 59)),  # Saturday: no hours, end of the day
        ("2026-11-01 01:30", datetime(2026, 11, 1, 5, 30, tzinfo=UTC)),  # fold: first (EDT)
        ("2026-03-08 02:30", datetime(2026, 3, 8, 7, 30, tzinfo=UTC)),  # gap: offset before
        ("in 3h", UI_NOW + timedelta(hours=3)),
        ("", None),
        ("none", None),
    ],
)
def test_due_is_read_in_the_clients_zone(typed: str, expected: datetime | None) -> None:
    task = read_task(fields(due=typed), ACME, UI_NOW)
    assert task.due == expected
    assert task.due_tz == (NY if expected is not None else None)


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"title": "   "}, "title", "needs a title"),
        ({"estimate": "ninety"}, "estimate", "90m"),
        ({"due": "next blue moon"}, "due", "cannot read"),
        ({"every": "hourly"}, "every", "daily"),
        ({"follow_up": "someday"}, "follow-up", "cannot read date"),
        ({"status": "finished"}, "status", "todo"),
        # the command line's limits (core.limits)
        ({"estimate": "99999h"}, "estimate", "split the task"),
        ({"due": "2150-01-01"}, "due", "years away"),
        ({"due": "1920-06-01 09:00"}, "due", "years away"),
    ],
)
def test_a_bad_field_is_named(changes: dict[str, str], field: str, words: str) -> None:
    with pytest.raises(FieldError) as caught:
        read_task(fields(**changes), ACME, UI_NOW)
    assert caught.value.field == field
    assert words in str(caught.value)


def test_the_other_fields() -> None:
    task = read_task(
        fields(
            title="  Send   invoice ",
            estimate="1h30m",
            tags="Finance, #email finance",
            assignee="Sam (sub)",
            follow_up="fri",
            every="monthly",
            urgent=True,
            out_of_scope=True,
            checklist=(ChecklistItem(" Draft ", True), ChecklistItem("  ")),
            notes=" ask for the PO number \n",
        ),
        ACME,
        UI_NOW,
    )
    assert task.title == "Send invoice"
    assert task.estimate_minutes == 90
    assert task.tags == ("finance", "email")
    assert (task.assignee, task.follow_up) == ("Sam (sub)", date(2026, 11, 27))
    assert (task.every, task.urgent, task.important, task.out_of_scope) == (
        "monthly",
        True,
        False,
        True,
    )
    assert task.checklist == (ChecklistItem("Draft", True),)
    assert task.notes == "ask for the PO number"
    assert read_task(fields(assignee="me"), ACME, UI_NOW).assignee is None


def test_an_untouched_due_keeps_its_instant_and_zone() -> None:
    # given in London time with seconds: shown in New York time, it must not move on save
    due = datetime(2026, 12, 1, 16, 0, 30, tzinfo=UTC)
    stored = Task(client_id=1, title="Call", id=7, due=due, due_tz="Europe/London", position=3)
    again = read_task(fields_of(stored, ACME), ACME, UI_NOW, base=stored)
    assert again == stored
    moved = read_task(
        replace(fields_of(stored, ACME), due="2026-12-01 12:00"), ACME, UI_NOW, base=stored
    )
    assert (moved.due, moved.due_tz) == (ny(2026, 12, 1, 12, 0), NY)


@pytest.mark.parametrize(
    ("minutes", "text"),
    [(None, ""), (0, ""), (45, "45m"), (60, "1h"), (90, "1h30m"), (125, "2h5m")],
)
def test_duration_text(minutes: int | None, text: str) -> None:
    assert duration_text(minutes) == text


def test_parse_tags() -> None:
    assert parse_tags("Email, #social  admin,email") == ("email", "social", "admin")
    assert parse_tags(" , ") == ()


# --- the modal ------------------------------------------------------------------------------


class Harness(App[None]):
    """Opens one editor and keeps what it dismissed with."""

    def __init__(self, editor: TaskEditor) -> None:
        super().__init__()
        self.editor = editor
        self.result: object = "open"

    def compose(self) -> ComposeResult:
        yield Static("behind")

    def on_mount(self) -> None:
        self.push_screen(self.editor, self._done)

    def _done(self, result: object) -> None:
        self.result = result


def editor(task: Task | None = None) -> TaskEditor:
    return TaskEditor(
        clients=[ACME, KOALA],
        client_id=1,
        home_tz="Europe/Ljubljana",
        now=UI_NOW,
        task=task,
    )


async def test_checklist_tick_add_and_remove() -> None:
    task = Task(
        client_id=1,
        title="Newsletter",
        id=4,
        checklist=(ChecklistItem("Draft"), ChecklistItem("Send for review")),
    )
    app = Harness(editor(task))
    async with app.run_test(size=(100, 40)) as pilot:
        checklist = app.screen.query_one("#checklist", SelectionList)
        checklist.focus()
        await pilot.press("space")  # tick "Draft"
        await pilot.press("down", "delete")  # remove "Send for review"
        app.screen.query_one("#checklist-add", Input).focus()
        await pilot.press(*"Schedule it", "enter")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert isinstance(app.result, Task)
    assert app.result.checklist == (ChecklistItem("Draft", True), ChecklistItem("Schedule it"))
    assert app.result.id == 4


async def test_a_bad_due_keeps_the_typing_and_says_why() -> None:
    app = Harness(editor())
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press(*"Call Dana")
        due = app.screen.query_one("#due", Input)
        due.value = "friday-ish"
        await pilot.pause()
        assert "?" in str(app.screen.query_one("#due-hint", Static).render())
        await pilot.press("ctrl+s")
        assert app.result == "open"
        assert app.screen.focused is due
        assert due.value == "friday-ish"
        assert "due" in str(app.screen.query_one("#form-error", Static).render())
        due.value = "fri 17:00"
        await pilot.pause()
        hint = str(app.screen.query_one("#due-hint", Static).render())
        assert "New York = 23:00 yours" in hint  # 17:00 New York is 23:00 in Ljubljana
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert isinstance(app.result, Task)
    assert app.result.due == ny(2026, 11, 27, 17, 0)
    assert app.result.id == 0


@pytest.mark.parametrize(
    ("field", "typed", "words"),
    [("estimate", "99999h", "split the task"), ("due", "2150-01-01", "years away")],
)
async def test_a_value_over_the_limit_is_refused_and_nothing_saved(
    field: str, typed: str, words: str
) -> None:
    app = Harness(editor())
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press(*"Call Dana")
        box = app.screen.query_one(f"#{field}", Input)
        box.value = typed
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.result == "open"  # not dismissed: nothing goes to the store
        assert app.screen.focused is box and box.value == typed
        assert words in str(app.screen.query_one("#form-error", Static).render())


async def test_escape_cancels() -> None:
    app = Harness(editor())
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press(*"Something", "escape")
        await pilot.pause()
    assert app.result is None


async def test_fits_a_small_terminal() -> None:
    app = Harness(editor())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        box = app.screen.query_one("TaskEditor > Vertical")
        assert box.region.height <= 24
        assert app.screen.query_one("#save").region.y < 24
