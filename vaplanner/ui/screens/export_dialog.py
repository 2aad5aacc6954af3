"""The export dialog (``e``): where to write the .ics file and what to put in it."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.containers import Grid
from textual.widgets import Checkbox, Input, Label, Static

from vaplanner.core.errors import InputError
from vaplanner.core.times import parse_date
from vaplanner.ui.screens.form_modal import FormModal
from vaplanner.ui.screens.task_fields import FieldError
from vaplanner.ui.transfer import ExportRequest


class ExportDialog(FormModal[ExportRequest]):
    """File, first day, blocks and deadlines; enter or ctrl+s exports."""

    DEFAULT_CSS = """
    ExportDialog Checkbox { border: none; padding: 0; background: $surface; margin-top: 1; }
    ExportDialog .hint { margin-top: 1; }
    """
    """The form card with two checkboxes under the fields."""

    SAVE_LABEL: ClassVar[str] = "Export"
    SUBMIT_SAVES: ClassVar[frozenset[str] | None] = None

    def __init__(self, *, today: date, folder: Path) -> None:
        super().__init__()
        self.today = today
        self.default_path = folder / f"vaplanner-{today:%Y-%m-%d}.ics"

    def form_title(self) -> str:
        return "Export to your calendar (.ics)"

    def compose_form(self) -> ComposeResult:
        with Grid(classes="fields"):
            yield Label("File")
            yield Input(str(self.default_path), id="path")
            yield Label("From")
            yield Input("today", placeholder="today, 2026-12-01, mon", id="from")
        yield Checkbox("Deadlines of open tasks, as all-day events", True, id="deadlines")
        yield Checkbox("My planned blocks", False, id="blocks")
        yield Static(
            "Meetings from that day on; recurring ones keep their rule and zone. "
            "Import the file into Google Calendar, Outlook or Apple Calendar; a later "
            "export updates the same events.",
            classes="hint",
        )

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    def read_form(self) -> ExportRequest:
        """The dialog as a request; FieldError for an empty file name or a bad date."""
        text = self.query_one("#path", Input).value.strip()
        if not text:
            raise FieldError("path", "give a file name, e.g. ~/vaplanner.ics")
        try:
            first = parse_date(self.query_one("#from", Input).value, today=self.today)
        except InputError as error:
            raise FieldError("from", str(error)) from None
        return ExportRequest(
            path=Path(text).expanduser(),
            first_day=first,
            blocks=self.query_one("#blocks", Checkbox).value,
            deadlines=self.query_one("#deadlines", Checkbox).value,
        )
