"""Pick a task template (bundled or the user's own) to apply to a client.

``TemplatePicker(config_dir, client_name=…)`` lists every template with its steps and total
estimate; the highlighted one's steps show below the list. Enter dismisses with the parsed
:class:`Template`; a template file that cannot be read is listed with its error and cannot
be picked, so one broken file never hides the others.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from vaplanner.core.errors import VaplannerError
from vaplanner.core.models import Template
from vaplanner.core.templates import total_estimate
from vaplanner.core.times import format_duration
from vaplanner.templates import template_files, user_dir


class TemplatePicker(ModalScreen[Template | None]):
    """A list of templates; enter applies the highlighted one."""

    DEFAULT_CSS = """
    TemplatePicker { align: center middle; }
    TemplatePicker > Vertical {
        width: 80; max-width: 100%; height: auto; max-height: 100%;
        border: round $primary; background: $surface; padding: 0 1;
        border-title-color: $primary; border-title-style: bold;
        border-subtitle-color: $text-muted;
    }
    TemplatePicker OptionList { height: auto; max-height: 10; margin-top: 1; }
    TemplatePicker #template-steps { height: auto; max-height: 12; color: $text-muted; }
    TemplatePicker #template-where { color: $text-muted; margin-top: 1; }
    """
    """The list, the highlighted template's steps, and where user templates live."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "cancel", id="template-cancel", tooltip="Close, no change."),
    ]
    """Enter applies the highlighted template; escape closes."""

    def __init__(self, config_dir: Path | None, *, client_name: str) -> None:
        super().__init__()
        self.config_dir = config_dir
        self.client_name = client_name
        self.templates: list[Template] = []
        self.problems: list[str] = []

    def compose(self) -> ComposeResult:
        options: list[Option] = []
        for name, item in template_files(self.config_dir).items():
            try:
                template = item.load()
            except (VaplannerError, OSError) as error:
                self.problems.append(str(error))
                options.append(Option(Text(f"{name}: {error}", style="dim"), disabled=True))
                continue
            self.templates.append(template)
            label = Text(template.name, style="bold")
            label.append(
                f"  {len(template.steps)} steps · {format_duration(total_estimate(template))}",
                style="dim",
            )
            if template.description:
                label.append(f"  {template.description}", style="dim italic")
            options.append(Option(label, id=template.name))
        box = Vertical()
        box.border_title = f"Apply a template to {self.client_name}"
        box.border_subtitle = "enter apply · esc cancel"
        with box:
            yield OptionList(*options, id="template-list")
            yield Static("", id="template-steps", markup=False)
            where = (
                f" Your own templates: {user_dir(self.config_dir)}/NAME.toml"
                if self.config_dir is not None
                else ""
            )
            yield Static(
                "Dues count from today in the client's zone." + where,
                id="template-where",
                markup=False,
            )

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.focus()
        if self.templates:
            first = next(
                i
                for i in range(options.option_count)
                if not options.get_option_at_index(i).disabled
            )
            options.highlighted = first
        else:
            self.query_one("#template-steps", Static).update("no template could be read")

    def _template(self, option_id: str | None) -> Template | None:
        return next((t for t in self.templates if t.name == option_id), None)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        template = self._template(event.option.id)
        steps = self.query_one("#template-steps", Static)
        if template is None:
            steps.update("")
            return
        lines = Text()
        for number, step in enumerate(template.steps, 1):
            parts = [f"{number:>2}. {step.title}"]
            if step.estimate_minutes:
                parts.append(format_duration(step.estimate_minutes))
            if step.due_days is not None:
                parts.append("due today" if step.due_days == 0 else f"due +{step.due_days}d")
            if step.every:
                parts.append(f"↻ {step.every}")
            lines.append("  ".join(parts) + "\n")
        steps.update(lines)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        template = self._template(event.option.id)
        if template is not None:
            self.dismiss(template)

    def action_cancel(self) -> None:
        self.dismiss(None)
