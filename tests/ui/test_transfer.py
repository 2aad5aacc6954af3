"""e exports an .ics file in a worker; the palette imports one."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from tests.ui.conftest import AppFactory
from tests.ui.helpers import notifications, planner
from vaplanner.store.store import Store


async def test_export_writes_a_calendar_file(
    sample_store: Store, make_app: AppFactory, tmp_path: Path
) -> None:
    target = tmp_path / "out" / "mine.ics"
    target.parent.mkdir()
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        dialog = app.screen
        assert type(dialog).__name__ == "ExportDialog"
        dialog.query_one("#path", Input).value = str(target)
        dialog.query_one("#from", Input).value = "2026-11-23"
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        data = target.read_bytes()
        assert data.startswith(b"BEGIN:VCALENDAR\r\n")
        assert b"Weekly check-in" in data
        assert any(str(target) in m and "meeting(s)" in m for m in notifications(app))
        assert app.screen is planner(app)


async def test_a_second_export_says_what_went_as_cancelled(
    sample_store: Store, make_app: AppFactory, tmp_path: Path
) -> None:
    target = tmp_path / "mine.ics"
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:

        async def export() -> str:
            await pilot.press("e")
            app.screen.query_one("#path", Input).value = str(target)
            app.screen.query_one("#from", Input).value = "2026-11-23"
            await pilot.press("ctrl+s")
            await app.workers.wait_for_complete()
            await pilot.pause()
            return next(m for m in reversed(notifications(app)) if "wrote" in m)

        first = await export()
        assert "cancelled" not in first
        due = [t for t in sample_store.tasks.list() if t.due is not None][:2]
        assert len(due) == 2
        with sample_store.transaction():
            for task in due:
                sample_store.tasks.delete(task.id)
        second = await export()
        assert "; 2 gone since the last export sent as cancelled" in second
        assert target.read_bytes().count(b"STATUS:CANCELLED") == 2  # the file agrees


async def test_export_to_a_folder_is_refused_with_a_reason(
    sample_store: Store, make_app: AppFactory, tmp_path: Path
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        app.screen.query_one("#path", Input).value = str(tmp_path)
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any("is a folder" in m for m in notifications(app))


async def test_import_from_the_palette(
    sample_store: Store, make_app: AppFactory, tmp_path: Path
) -> None:
    invite = tmp_path / "invite.ics"
    invite.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\n"
        b"UID:launch-call@example.com\r\nDTSTAMP:20261120T100000Z\r\n"
        b"DTSTART:20261127T150000Z\r\nDTEND:20261127T153000Z\r\nSUMMARY:Launch call\r\n"
        b"END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    before = len(sample_store.meetings.all())
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"import .ics")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        app.screen.query_one(Input).value = str(tmp_path / "missing.ics")
        await pilot.press("enter")
        await pilot.pause()
        assert "is not a file" in str(app.screen.query_one("#form-error").render())
        app.screen.query_one(Input).value = str(invite)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        titles = [m.title for m in sample_store.meetings.all()]
        assert len(titles) == before + 1 and "Launch call" in titles
        assert any("1 new" in m for m in notifications(app))
