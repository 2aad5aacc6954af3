"""The first-run screen, shown instead of an empty grid when there are no clients yet.

It offers the ways in: add a first client, or load the sample data set (after saying where
it will be written and what happens to the home zone), and lets the user fix the home zone
guessed from the computer before anything is planned in it. It closes itself once a client
exists: dismissed with ``"client"`` (the planner opens the client form) or ``"loaded"`` (the
sample is in the store).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Button, Static

from vaplanner.core.errors import VaplannerError
from vaplanner.ui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from vaplanner.ui.app import VaplannerApp

LOGO = "vaplanner"
INTRO = (
    "A day planner for virtual assistants with clients in many time zones:\n"
    "your clients' clocks, a day grid in your own time, each client's queue and one timer."
)


def zone_configured(app: VaplannerApp) -> bool:
    """Whether the user chose the home zone, rather than it being guessed from the computer.

    ``config.toml`` naming ``home_tz`` is a choice; so is a stored zone other than the
    computer's (``vaplanner config set home_tz``, or ``z`` here). The zone the first run
    stored from the computer is a guess.
    """
    from vaplanner.config import machine_zone, read_toml

    if app.config_dir is not None:
        try:
            if "home_tz" in read_toml(app.config_dir):
                return True
        except VaplannerError:
            return True  # a broken config.toml: better not to touch what it may hold
    return app.store.get_settings().home_tz != machine_zone()


class WelcomeScreen(Screen[str]):
    """Dismisses with ``"client"`` or ``"loaded"``: what the user chose."""

    DEFAULT_CSS = """
    WelcomeScreen { align: center middle; }
    WelcomeScreen > Vertical { width: 76; max-width: 100%; height: auto; max-height: 100%;
        padding: 1 2; border: round $primary; background: $surface; }
    WelcomeScreen #logo {
        text-style: bold; color: $primary; width: 100%; content-align: center middle;
    }
    WelcomeScreen #intro { padding: 1 0; color: $foreground; }
    WelcomeScreen #where { color: $text-muted; padding-bottom: 1; }
    WelcomeScreen Center { height: auto; }
    WelcomeScreen Button { width: 44; margin: 0 0 1 0; }
    """
    """A centred card with the choices as wide buttons."""

    BINDINGS = [
        Binding(
            "c",
            "choose('client')",
            "add client",
            id="welcome-client",
            tooltip="Add your first client: name, time zone, business hours, hotkey.",
        ),
        Binding(
            "s",
            "sample",
            "sample data",
            id="welcome-sample",
            tooltip="Fill your data folder with a realistic sample set to try things.",
        ),
        Binding(
            "z",
            "set_zone",
            "home zone",
            id="welcome-zone",
            tooltip="Set your own time zone: the day grid and every time you type use it.",
        ),
        Binding("q", "app.quit", "quit", id="welcome-quit", tooltip="Leave vaplanner."),
    ]
    """``c`` first client, ``s`` sample data, ``z`` home zone, ``q`` quit."""

    ALLOW_MODES = False
    """Other modes have nothing to show before the first client."""

    def __init__(self, *, home_tz: str, data_dir: str) -> None:
        """
        Args:
            home_tz: the home zone when the screen opened (the app's settings are read live).
            data_dir: the data folder as shown to the user ("" hides the line).
        """
        super().__init__()
        self.home_tz = home_tz
        self.data_dir = data_dir
        self._loading = False

    @property
    def vapp(self) -> VaplannerApp:
        from vaplanner.ui.app import VaplannerApp

        assert isinstance(self.app, VaplannerApp)
        return self.app

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(LOGO, id="logo")
            yield Static(INTRO, id="intro")
            yield Static(self._where_text(), id="where", markup=False)
            with Center():
                yield Button("Add my first client  (c)", id="client", variant="primary")
            with Center():
                yield Button("Try it with sample data  (s)", id="sample")
        yield KeyBar()

    def _where_text(self) -> str:
        self.home_tz = self.vapp.settings.home_tz
        lines = [f"Your home zone: {self.home_tz}. Not right? Press z to set it."]
        if self.data_dir:
            lines.append(f"Your data folder: {self.data_dir}")
        return "\n".join(lines)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        choice = str(event.button.id)
        if choice == "sample":
            self.action_sample()
        else:
            self.action_choose(choice)

    def action_choose(self, choice: str) -> None:
        if not self._loading:
            self.dismiss(choice)

    # --- home zone ---------------------------------------------------------------------------

    def action_set_zone(self) -> None:
        """Ask for the home zone (a city or an IANA name) and store it."""
        from vaplanner.core.times import validate_zone
        from vaplanner.ui.screens.prompt import PromptScreen

        if self._loading:
            return
        self.app.push_screen(
            PromptScreen[str](
                "Your home zone",
                "a city or an IANA zone name: ljubljana, new york, Asia/Manila, "
                "America/Argentina/Buenos_Aires",
                validate_zone,
                value=self.vapp.settings.home_tz,
                placeholder="a city or a zone",
            ),
            self._zone_chosen,
        )

    def _zone_chosen(self, zone: str | None) -> None:
        from vaplanner.config import save_setting

        app = self.vapp
        if zone is None or zone == app.settings.home_tz:
            return
        try:
            with app.store_lock:
                save_setting(app.store, "home_tz", zone)
        except VaplannerError as error:
            self.notify(str(error), title="Home zone not saved", severity="error")
            return
        app.settings = replace(app.settings, home_tz=zone)
        self.query_one("#where", Static).update(self._where_text())
        app.data_changed()
        app.run_on_planner(lambda planner: planner.action_today())
        self.notify(f"Your home zone is now {zone}.", title="Home zone")

    # --- sample data -------------------------------------------------------------------------

    def action_sample(self) -> None:
        """Say what loading the sample writes and does to the home zone, then load it."""
        from vaplanner.demo_data import HOME_TZ
        from vaplanner.ui.screens.confirm import ConfirmScreen

        if self._loading:
            return
        app = self.vapp
        where = f"\n{self.data_dir}" if self.data_dir else ""
        if zone_configured(app) or app.settings.home_tz == HOME_TZ:
            zone = (
                f"Your home zone stays {app.settings.home_tz}; the sample's days were planned "
                f"in {HOME_TZ}, so its blocks may sit at odd hours on your grid."
            )
        else:
            zone = (
                f"The sample is a VA's week in {HOME_TZ}: your home zone becomes "
                f"{HOME_TZ} too, so its days look as planned (vaplanner config set "
                "home_tz ZONE changes it back)."
            )
        self.app.push_screen(
            ConfirmScreen(
                "Load the sample data?",
                "This writes a sample set (clients in several time zones, their tasks, "
                "a few weeks of blocks, meetings and tracked time) into your data folder"
                f"{where}.\n{zone}\n"
                "Use it to try things; archive the sample clients when you are done.",
                yes="Load it",
                no="Back",
            ),
            self._sample_answer,
        )

    def _sample_answer(self, yes: bool | None) -> None:
        if yes:
            self._loading = True
            self.notify("Writing the sample data…", timeout=2)
            self._load_sample(keep_zone=zone_configured(self.vapp))

    @work(thread=True, exclusive=True, group="sample")
    def _load_sample(self, keep_zone: bool) -> None:
        from vaplanner.demo import load_sample

        app = self.vapp
        try:
            with app.store_lock:
                stored = load_sample(app.store, now=app.clock(), keep_zone=keep_zone)
        except VaplannerError as error:
            app.call_from_thread(self._sample_failed, error)
            return
        app.call_from_thread(self._sample_loaded, stored.home_tz)

    def _sample_failed(self, error: VaplannerError) -> None:
        self._loading = False
        self.notify(str(error), title="Sample data not loaded", severity="error")

    def _sample_loaded(self, zone: str) -> None:
        app = self.vapp
        moved = zone != app.settings.home_tz
        app.settings = replace(app.settings, home_tz=zone)
        app.data_changed()
        app.run_on_planner(lambda planner: planner.action_today())
        note = f" Your home zone is now {zone}." if moved else ""
        self.notify(f"Sample data loaded.{note} Press ? for the keys.", title="Sample data")
        self.dismiss("loaded")
