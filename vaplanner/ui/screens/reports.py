"""Reports mode (``r``): where the time went, what it is worth, and what is owed.

Left: time by client / tag / task / day (``g`` cycles) with billable and not billable time
and amounts per currency; plan vs actual per day; estimate vs actual per task. Right: a bar
chart of hours per client per week in client colours; the top time sinks; each retainer's
hours used and left; overdue invoices. The period is a week or a calendar month (``p``
switches), or a custom range (``c``); ``[`` and ``]`` step back and forward, ``t`` returns to
the current one.

The store is read in a worker (only the months the period and the chart need), so an old
month never freezes the screen; switching the grouping recomputes from what was read.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar, cast

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import get_current_worker

from vaplanner.core.errors import VaplannerError
from vaplanner.core.reports import REPORT_BY
from vaplanner.core.times import get_zone
from vaplanner.ui.report_data import (
    Period,
    PeriodKind,
    ReportData,
    ReportInputs,
    compute_report,
    current_period,
    parse_range,
    read_inputs,
)
from vaplanner.ui.screens.prompt import PromptScreen
from vaplanner.ui.themes import client_colors
from vaplanner.ui.widgets.bar_chart import BarChart, WeekChart
from vaplanner.ui.widgets.key_bar import KeyBar
from vaplanner.ui.widgets.report_sections import (
    Palette,
    estimates_section,
    overdue_section,
    plan_section,
    retainers_section,
    sinks_section,
    totals_section,
)

if TYPE_CHECKING:
    from vaplanner.ui.app import VaplannerApp

REPORT_BINDINGS: list[Binding] = [
    # r again goes back too, as w does in the world clock (and the footer has no "r reports")
    Binding(
        "escape,r",
        "app.switch_mode('planner')",
        "planner",
        id="back",
        tooltip="Back to the day planner.",
    ),
    Binding(
        "left_square_bracket",
        "step(-1)",
        "prev",
        id="report-prev",
        tooltip="The period before: the previous week, month or range.",
    ),
    Binding(
        "right_square_bracket",
        "step(1)",
        "next",
        id="report-next",
        tooltip="The period after: the next week, month or range.",
    ),
    Binding(
        "p", "switch_period", "week/month", id="report-period", tooltip="Week or calendar month."
    ),
    Binding(
        "c",
        "custom_range",
        "range",
        id="report-range",
        tooltip="Any range of days: '2026-11-01 to 2026-11-15', '1 nov - 15 nov'.",
    ),
    Binding(
        "g",
        "group",
        "group by",
        id="report-group",
        tooltip="Group the time by client, tag, task or day.",
    ),
    Binding(
        "t", "this_period", "now", id="report-now", show=False, tooltip="Back to this week/month."
    ),
]

#: Section ids, titles and which column they sit in.
SECTIONS: tuple[tuple[str, str, str], ...] = (
    ("totals", "Time by client", "left"),
    ("plan", "Plan vs actual, per day", "left"),
    ("estimates", "Estimate vs actual, per task", "left"),
    ("chart", "Hours per client per week", "right"),
    ("sinks", "Top time sinks", "right"),
    ("retainers", "Retainers, today", "right"),
    ("overdue", "Overdue invoices, today", "right"),
)


class ReportsScreen(Screen[None]):
    """Mode ``reports``."""

    DEFAULT_CSS = """
    ReportsScreen #report-title { height: 1; background: $panel; color: $primary;
        text-style: bold; padding: 0 1; }
    ReportsScreen #report-body { height: 1fr; }
    ReportsScreen #report-columns { height: auto; }
    ReportsScreen .report-column { width: 1fr; height: auto; }
    ReportsScreen .section { height: auto; border: round $panel-lighten-2;
        border-title-color: $text-muted; padding: 0 1; }
    ReportsScreen #report-body:focus .section { border: round $panel-lighten-3; }
    ReportsScreen.-narrow #report-columns { layout: vertical; }
    """
    """A title line, then two columns of sections that scroll together (one column when
    the terminal is narrow)."""

    BINDINGS: ClassVar[list[BindingType]] = [*REPORT_BINDINGS]
    """Period, range, grouping and the way back; arrows and page keys scroll."""

    def __init__(self) -> None:
        super().__init__()
        self.title = "reports"
        self.period: Period | None = None
        self.by = "client"
        self.inputs: ReportInputs | None = None
        self.data: ReportData | None = None
        self.loading = False

    @property
    def vapp(self) -> VaplannerApp:
        return cast("VaplannerApp", self.app)

    def compose(self) -> ComposeResult:
        yield Static("", id="report-title")
        with VerticalScroll(id="report-body"), Horizontal(id="report-columns"):
            for column in ("left", "right"):
                with Vertical(classes="report-column"):
                    for section, title, where in SECTIONS:
                        if where != column:
                            continue
                        widget = BarChart() if section == "chart" else Static()
                        widget.id = f"report-{section}"
                        widget.add_class("section")
                        widget.border_title = title
                        yield widget
        yield KeyBar()

    def on_mount(self) -> None:
        self.period = current_period("week", self._today(), self.vapp.settings.week_start)
        self.watch(self.vapp, "data_version", lambda _v: self.load(), init=False)
        self.query_one("#report-body").focus()
        self.load()

    def on_resize(self) -> None:
        self.set_class(self.size.width < 100, "-narrow")

    def _today(self) -> date:
        return self.vapp.now.astimezone(get_zone(self.vapp.settings.home_tz)).date()

    # --- loading -----------------------------------------------------------------------------

    def load(self) -> None:
        """Read the period's records in a worker, then show them."""
        if self.period is None:
            return
        self.loading = True
        self._show_title()
        self._read(self.period)

    @work(thread=True, exclusive=True, group="report")
    def _read(self, span: Period) -> None:
        app = self.vapp
        try:
            with app.store_lock:
                inputs = read_inputs(app.store, app.settings, span, app.clock())
            data = compute_report(inputs, self.by)
        except VaplannerError as error:
            app.call_from_thread(self.notify, str(error), title="Report", severity="error")
            return
        if not get_current_worker().is_cancelled:
            app.call_from_thread(self._loaded, inputs, data)

    def _loaded(self, inputs: ReportInputs, data: ReportData) -> None:
        if inputs.period != self.period:
            return  # the user moved on while we read
        self.inputs = inputs
        self.loading = False
        if data.by != self.by:
            data = compute_report(inputs, self.by)
        self.show(data)

    # --- showing -----------------------------------------------------------------------------

    def _show_title(self) -> None:
        if self.period is None:
            return
        state = "  ·  reading…" if self.loading else ""
        zone = f" · {self.vapp.settings.home_tz}" if self.size.width >= 100 else ""
        self.query_one("#report-title", Static).update(
            f"Reports · {self.period.label} · by {self.by}{zone}{state}"
        )

    def palette(self, data: ReportData) -> Palette:
        theme = self.app.current_theme
        order = [(i, data.clients[i].color) for i in data.order if i in data.clients]
        return Palette(
            clients=client_colors(theme, order),
            good=theme.success or "green",
            warn=theme.warning or "yellow",
            bad=theme.error or "red",
        )

    def show(self, data: ReportData) -> None:
        """Put ``data`` into every section."""
        self.data = data
        self._show_title()
        palette = self.palette(data)
        self.query_one("#report-totals", Static).border_title = f"Time by {data.by}"
        for section, build in (
            ("totals", totals_section),
            ("plan", plan_section),
            ("estimates", estimates_section),
            ("sinks", sinks_section),
            ("retainers", retainers_section),
            ("overdue", overdue_section),
        ):
            self.query_one(f"#report-{section}", Static).update(build(data, palette))
        self.query_one(BarChart).chart = WeekChart(
            weeks=data.weeks,
            colors=palette.clients,
            names={i: c.short for i, c in data.clients.items()},
            order=data.order,
            period=(data.period.start, data.period.end),
        )

    # --- actions -----------------------------------------------------------------------------

    def action_step(self, step: int) -> None:
        """The period before or after."""
        if self.period is not None:
            self.period = self.period.shifted(step)
            self.load()

    def action_switch_period(self) -> None:
        """Week -> month -> week (a custom range becomes the week it starts in)."""
        if self.period is None:
            return
        kind: PeriodKind = "month" if self.period.kind == "week" else "week"
        today = self._today()
        # Stay around what is on screen: today when it is shown, else the period's start.
        anchor = today if self.period.start <= today <= self.period.end else self.period.start
        self.period = current_period(kind, anchor, self.vapp.settings.week_start)
        self.load()

    def action_this_period(self) -> None:
        """The week or month holding today."""
        kind: PeriodKind = self.period.kind if self.period else "week"
        self.period = current_period(kind, self._today(), self.vapp.settings.week_start)
        self.load()

    def action_custom_range(self) -> None:
        """Ask for a range of days."""
        today = self._today()

        def parse(text: str) -> Period:
            return parse_range(text, today=today)

        def chosen(span: Period | None) -> None:
            if span is not None:
                self.period = span
                self.load()

        current = self.period
        value = f"{current.start} to {current.end}" if current else ""
        self.app.push_screen(
            PromptScreen[Period](
                "Report on a range of days",
                "2026-11-01 to 2026-11-15 · 1 nov - 15 nov · -30d to today (inclusive)",
                parse,
                value=value,
            ),
            chosen,
        )

    def action_group(self) -> None:
        """Client -> tag -> task -> day; recomputed from what was read."""
        self.by = REPORT_BY[(REPORT_BY.index(self.by) + 1) % len(REPORT_BY)]
        if self.inputs is not None and self.inputs.period == self.period and not self.loading:
            self.show(compute_report(self.inputs, self.by))
        else:
            self._show_title()
