"""Export and import of calendars from the planner, in workers so the screen never waits.

The header shows what is running ("exporting…") and a notification says how it went.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import work

from vaplanner.core.errors import VaplannerError
from vaplanner.ui.board import home_today
from vaplanner.ui.screens.planner_base import PlannerMixin
from vaplanner.ui.widgets.planner_header import PlannerHeader

if TYPE_CHECKING:
    from vaplanner.ui.transfer import ExportRequest, TransferDone


def _existing_file(text: str) -> Path:
    from vaplanner.core.errors import InputError

    path = Path(text.strip()).expanduser()
    if not text.strip():
        raise InputError("give the path of an .ics file")
    if not path.is_file():
        raise InputError(f"{path} is not a file; give the path of an .ics file")
    return path


class TransferActions(PlannerMixin):
    """e (export) and the palette's import."""

    def set_busy(self, text: str) -> None:
        """Show (or, with "", clear) what a worker is doing, in the header."""
        self.query_one(PlannerHeader).busy = text

    def action_export_ics(self) -> None:
        """Ask where and what, then write the .ics file in a worker."""
        from vaplanner.ui.screens.export_dialog import ExportDialog

        today = home_today(self.vapp.settings, self.now)
        self.app.push_screen(ExportDialog(today=today, folder=Path.home()), self._export_chosen)

    def _export_chosen(self, request: ExportRequest | None) -> None:
        if request is not None:
            self.set_busy("exporting…")
            self._export(request)

    @work(thread=True, exclusive=True, group="transfer")
    def _export(self, request: ExportRequest) -> None:
        from vaplanner.ui.transfer import export_ics

        app = self.vapp
        try:
            with app.store_lock:
                done = export_ics(app.store, app.settings, app.clock(), request)
        except VaplannerError as error:
            app.call_from_thread(self._transfer_failed, "Not exported", str(error))
            return
        app.call_from_thread(self._transfer_done, "Exported", done, False)

    def action_import_ics(self) -> None:
        """Ask for a file, then read its events as meetings in a worker."""
        from vaplanner.ui.screens.prompt import PromptScreen

        self.app.push_screen(
            PromptScreen[Path](
                "Import an .ics file",
                "An invitation or a calendar export; its events become meetings.",
                _existing_file,
                placeholder="~/Downloads/invite.ics",
            ),
            self._import_chosen,
        )

    def _import_chosen(self, path: Path | None) -> None:
        if path is not None:
            self.set_busy("importing…")
            self._import(path)

    @work(thread=True, exclusive=True, group="transfer")
    def _import(self, path: Path) -> None:
        from vaplanner.ui.transfer import import_ics

        app = self.vapp
        try:
            with app.store_lock:
                done = import_ics(app.store, app.settings, app.clock(), path)
        except VaplannerError as error:
            app.call_from_thread(self._transfer_failed, "Not imported", str(error))
            return
        app.call_from_thread(self._transfer_done, "Imported", done, True)

    def _transfer_done(self, title: str, done: TransferDone, changed: bool) -> None:
        self.set_busy("")
        self.notify(done.summary, title=title, timeout=8)
        for warning in done.warnings:
            self.notify(warning, severity="warning", timeout=10)
        if changed:
            self.vapp.data_changed()

    def _transfer_failed(self, title: str, message: str) -> None:
        self.set_busy("")
        self.notify(message, title=title, severity="error", timeout=10)
