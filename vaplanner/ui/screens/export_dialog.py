"""The export dialog (``e``): where to write the .ics file and what to put in it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Static

from vaplanner.core.errors import InputError, VaplannerError
from vaplanner.core.times import parse_date
from vaplanner.ui.screens.compact import make_compact
from vaplanner.ui.transfer import ExportRequest


class ExportDialog(ModalScreen[ExportRequest | None]):
    """File, first day, blocks and deadlines; enter or ctrl+s exports."""

    DEFAULT_CSS = """
    ExportDialog { align: center middle; }
    ExportDialog > Vertical {
        width: 72; max-width: 100%; height: auto;
        border: round $primary; background: $surface; padding: 0 1;
    }
    ExportDialog .title { text-style: bold; color: $primary; padding-bottom: 1; }
    ExportDialog Grid {
        grid-size: 2; grid-columns: 10 1fr; grid-rows: auto; grid-gutter: 1 1; height: auto;
    }
    ExportDialog Label { color: $text-muted; }
    ExportDialog .hint { color: $text-muted; padding-top: 1; }
    ExportDialog Checkbox { border: none; padding: 0; background: $surface; }
    ExportDialog Horizontal { height: auto; align-horizontal: right; padding-top: 1; }
    ExportDialog Button { margin-left: 1; }
    """
    """The same form card as the block editor."""

    BINDINGS = [
        Binding("escape", "cancel", "cancel", id="export-cancel"),
        Binding("ctrl+s", "export", "export", id="export-save"),
    ]
    """Escape closes without writing; ctrl+s exports."""

    def __init__(self, *, today: date, folder: Path) -> None:
        super().__init__()
        self.today = today
        self.default_path = folder / f"vaplanner-{today:%Y-%m-%d}.ics"

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Export to your calendar (.ics)", classes="title")
            with Grid():
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
            with Horizontal():
                yield Button("Cancel", id="cancel")
                yield Button("Export", id="export", variant="primary")

    def on_mount(self) -> None:
        make_compact(self)
        self.query_one("#path", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_export()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "export":
            self.action_export()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_export(self) -> None:
        try:
            request = self.read_request()
        except VaplannerError as error:
            self.notify(str(error), title="Not exported", severity="error")
            return
        self.dismiss(request)

    def read_request(self) -> ExportRequest:
        """The dialog as a request; InputError for an empty file name or a bad date."""
        text = self.query_one("#path", Input).value.strip()
        if not text:
            raise InputError("give a file name, e.g. ~/vaplanner.ics")
        first = parse_date(self.query_one("#from", Input).value, today=self.today)
        return ExportRequest(
            path=Path(text).expanduser(),
            first_day=first,
            blocks=self.query_one("#blocks", Checkbox).value,
            deadlines=self.query_one("#deadlines", Checkbox).value,
        )
