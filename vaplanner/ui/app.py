"""VaplannerApp: wires the store, the settings, the clock, the themes, the keymap and the modes.

It holds no domain logic. What it owns:

* ``now``: the one clock of the app, ticking every second; screens watch it and hand it down
  to their widgets with ``data_bind``. Tests and snapshots pass a fixed ``clock``.
* ``data_version``: bumped whenever the data folder changed (the app's own writes, or another
  process such as ``vaplanner start`` in another tmux pane, noticed by polling
  ``store.revision()`` every second). Screens watch it and reload.
* the modes (:mod:`vaplanner.ui.modes`), the themes (:mod:`vaplanner.ui.themes`), the keymap
  (``settings.keymap`` applied with ``set_keymap``), and the help screen built from the live
  bindings.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import Provider
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen

from vaplanner.core.errors import VaplannerError
from vaplanner.core.models import Settings
from vaplanner.store.storage import use_orjson
from vaplanner.store.store import Store
from vaplanner.ui.bindings import APP_BINDINGS
from vaplanner.ui.board import Board
from vaplanner.ui.modes import MODES as MODE_SPECS
from vaplanner.ui.modes import PLANNER, available_modes, is_available, mode_spec
from vaplanner.ui.screens.main import MainScreen
from vaplanner.ui.themes import DEFAULT_THEME, bundled_themes, read_themes, user_theme_files

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """The real time, in UTC."""
    return datetime.now(UTC)


def _planner_commands() -> type[Provider]:
    """The palette's planner commands, imported when the palette first opens."""
    from vaplanner.ui.commands import PlannerCommands

    return PlannerCommands


class VaplannerApp(App[int]):
    """The full-screen planner."""

    CSS_PATH = "app.tcss"
    TITLE = "vaplanner"
    ENABLE_COMMAND_PALETTE = True
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {
        *App.COMMANDS,
        _planner_commands,
    }
    DEFAULT_MODE = PLANNER
    """The planner; added in ``__init__`` with the other modes (see :meth:`_new_planner`)."""

    BINDINGS: ClassVar[list[Binding | tuple[str, str] | tuple[str, str, str]]] = [
        *APP_BINDINGS,
        *(spec.binding() for spec in MODE_SPECS),
    ]
    """quit, help, palette and one key per mode (hidden when the mode is not installed)."""

    now: reactive[datetime] = reactive(datetime(2000, 1, 1, tzinfo=UTC), init=False)
    """The shared clock, set from ``clock`` every second."""
    data_version: reactive[int] = reactive(0, init=False)
    """Bumped after every change of the stored data (ours or another process's)."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        *,
        config_dir: Path | None = None,
        clock: Clock = system_clock,
        demo: bool = False,
        tick_seconds: float | None = 1.0,
        poll_seconds: float | None = 1.0,
        gc_paused: bool = False,
    ) -> None:
        """
        Args:
            store: the data folder.
            settings: the settings in force (stored settings overlaid by ``config.toml``).
            config_dir: where user themes live (``<config_dir>/themes/*.toml``).
            clock: returns the current instant (aware); tests pass a fixed one.
            demo: the data is a throwaway sample set (shown in the header).
            tick_seconds: clock tick interval; None keeps ``now`` fixed (snapshots).
            poll_seconds: how often to look for changes by other processes; None: never.
            gc_paused: the process paused the garbage collector for start-up
                (:func:`vaplanner.ui.run.launch`); it is resumed once the planner is mounted.
        """
        super().__init__()
        # The app reads whole months: orjson from the first read (Textual has already loaded
        # what importing orjson costs a short command line).
        use_orjson()
        self.store = store
        self.settings = settings
        self.config_dir = config_dir
        self.clock = clock
        self.demo = demo
        self.tick_seconds = tick_seconds
        self.poll_seconds = poll_seconds
        self._gc_paused = gc_paused
        #: Serialises store access between the UI thread and workers.
        self.store_lock = threading.RLock()
        self._revision: object = None
        #: The data folder as shown to the user (the welcome screen names it).
        self.data_label = str(getattr(store, "path", ""))
        #: The planner screen, once mounted (the palette and other modes call into it).
        self.planner: MainScreen | None = None
        #: Bundled theme files not read yet, by theme name (see ``_register_themes``).
        self._unread_themes: dict[str, Traversable] = {}
        self.set_reactive(VaplannerApp.now, clock())
        self.add_mode(PLANNER, self._new_planner)
        for spec in available_modes():
            self.add_mode(spec.name, spec.factory())

        # --- start-up ---------------------------------------------------------------------------

        # Themes and keys before the first screen is built: switching either later restyles
        # or rebuilds everything on screen (a visible share of the start-up time).
        self._theme_problems = self._register_themes()
        if self.settings.keymap:
            self.set_keymap(dict(self.settings.keymap))

    def _new_planner(self) -> MainScreen:
        """The planner's screen, counted as styled by the stylesheet as it is now.

        Textual counts a screen made for a mode as out of date with the app's CSS and
        re-parses every stylesheet from scratch to bring it up to date (~4 ms of start-up).
        Nothing was styled with an older stylesheet here: what that refresh still did was
        style the app itself before the screen's widgets, which inherit its colours (without
        it the first frame draws text in the background colour), so that is done first.
        """
        self.stylesheet.apply(self)
        screen = MainScreen()
        screen._css_update_count = self._css_update_count
        return screen

    def on_load(self) -> None:
        # What exists now (the imported modules, Textual's classes, the settings) lives as long
        # as the app. Frozen, the collector stops walking it on every full collection: a full
        # collection during start-up (or later, during a key press) otherwise walks some 300,000
        # objects, ~30 ms each time. Undone when the app ends (tests start many apps).
        gc.freeze()

    def on_unmount(self) -> None:
        gc.unfreeze()

    def on_mount(self) -> None:
        if self._gc_paused:
            # Start-up is over (the planner is mounted and drawn): what it made lives as long
            # as the app, so it is frozen before the collector runs again.
            self._gc_paused = False
            gc.freeze()
            gc.enable()
        self._theme_problems += self._register_bundled()
        for problem in self._theme_problems:
            self.notify(problem, title="Theme", severity="warning", timeout=10)
        with self.store_lock:
            self._revision = self.store.revision()
        if self.tick_seconds:
            self.set_interval(self.tick_seconds, self._tick, name="clock")
        if self.poll_seconds:
            self.set_interval(self.poll_seconds, self.check_for_changes, name="poll")
        self.theme_changed_signal.subscribe(self, self._remember_theme)

    def _register_themes(self) -> list[str]:
        """Register the user's themes and choose the remembered one; returns the problems to
        tell the user once the screen is up.

        Of the bundled themes only the one the app starts with is read here; the others are
        read once the app is mounted (:meth:`_register_bundled`, ~0.5 ms each of the time to
        the first screen), before any key can open the theme list.
        """
        user = read_themes(user_theme_files(self.config_dir))
        problems = list(user.problems)
        for theme in user.themes:
            self.register_theme(theme)
        bundled = bundled_themes()
        # a user theme replaces the bundled one of the same name
        self._unread_themes = {
            name: file for name, file in bundled.items() if name not in user.names
        }
        wanted = self.settings.theme or DEFAULT_THEME
        problems += self._register_bundled(wanted)
        if wanted in self.available_themes:
            self._start_with_theme(wanted)
        else:
            if wanted != DEFAULT_THEME:
                problems.append(f"theme {wanted!r} was not found; using {DEFAULT_THEME}")
            problems += self._register_bundled(DEFAULT_THEME)
            if DEFAULT_THEME in self.available_themes:
                self._start_with_theme(DEFAULT_THEME)
        # Only vaplanner's themes and the user's are offered: their client colours are the
        # ones checked for contrast, and the palette's list no longer starts with some twenty
        # of Textual's own. (Textual's default stays if none of ours could be read.)
        ours = {*user.names, *bundled}
        for name in [n for n in self.available_themes if n not in ours and n != self.theme]:
            self.unregister_theme(name)
        return problems

    def _register_bundled(self, *names: str) -> list[str]:
        """Read and register the bundled themes ``names`` (with none, every one) that are not
        read yet; returns the problems."""
        unread = self._unread_themes
        files = [unread.pop(name) for name in names or list(unread) if name in unread]
        loaded = read_themes(files)
        for theme in loaded.themes:
            self.register_theme(theme)
        return list(loaded.problems)

    def _start_with_theme(self, name: str) -> None:
        """Make ``name`` the theme before anything is parsed or styled.

        Assigning ``self.theme`` runs Textual's theme watcher, which queues a re-parse of
        every stylesheet for when the app starts, and marks the CSS out of date so that the
        planner's screen (a mode) triggers a second one: two full parses, ~10 ms of start-up
        spent on a stylesheet no screen had used yet. Here nothing has been parsed, so the
        value, the CSS variables, the classes and the ANSI colour mapping are all it takes
        (what the watcher does, less the re-parse). Later switches go through ``self.theme``.
        """
        self.set_reactive(App.theme, name)
        theme = self.current_theme
        self.stylesheet.set_variables(self.get_css_variables())
        self.set_class(theme.dark, "-dark-mode", update=False)
        self.set_class(not theme.dark, "-light-mode", update=False)
        self.add_class(f"-theme-{theme.name}", update=False)
        # ANSI colours in rich text map to the dark or light terminal palette.
        refresh_ansi = getattr(self, "_refresh_truecolor_filter", None)
        if refresh_ansi is not None:
            refresh_ansi(self.ansi_theme)

    # --- the clock and other processes ------------------------------------------------------

    def _tick(self) -> None:
        self.now = self.clock()

    def check_for_changes(self) -> bool:
        """Reload when the data folder changed since we last looked; returns whether it did."""
        with self.store_lock:
            revision = self.store.revision()
        if revision == self._revision:
            return False
        self._revision = revision
        self.data_version += 1
        return True

    def data_changed(self) -> None:
        """Call after the app wrote to the store: screens reload, and our own write is not
        mistaken for another process's on the next poll."""
        with self.store_lock:
            self._revision = self.store.revision()
        self.data_version += 1

    def planner_board(self) -> Board | None:
        """What the planner shows (clients, timer, …), or None before it loaded."""
        return self.planner.board if self.planner is not None else None

    def run_on_planner(self, call: Callable[[MainScreen], object]) -> None:
        """Run ``call`` on the planner screen, switching to the planner mode first."""
        planner = self.planner
        if planner is None:
            return
        if self.current_mode != PLANNER:
            self.switch_mode(PLANNER)
        self.call_later(call, planner)

    # --- settings ---------------------------------------------------------------------------

    def _remember_theme(self, theme: object) -> None:
        name = getattr(theme, "name", None)
        if not isinstance(name, str) or name == self.settings.theme:
            return
        from dataclasses import replace

        from vaplanner.config import save_setting

        self.settings = replace(self.settings, theme=name)
        try:
            with self.store_lock:
                save_setting(self.store, "theme", name)
        except VaplannerError as error:
            self.notify(str(error), title="Theme not saved", severity="warning")

    # --- actions ----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_mode":
            spec = mode_spec(str(parameters[0])) if parameters else None
            if spec is None or not is_available(spec):
                return False
        if action in {"open_mode", "quit", "help"} and isinstance(self.screen, ModalScreen):
            return False
        if action == "open_mode" and not getattr(self.screen, "ALLOW_MODES", True):
            return False
        return True

    def action_open_mode(self, name: str) -> None:
        """Open mode ``name``; its key pressed again goes back to the planner."""
        target = PLANNER if self.current_mode == name else name
        self.switch_mode(target)

    def action_help(self) -> None:
        """The keys of the current view, from the live bindings."""
        from vaplanner.ui.screens.help import HelpScreen, help_rows

        rows = help_rows(self.screen.active_bindings, super().get_key_display)
        title = f"Keys · {self.screen.title or 'planner'}"
        self.push_screen(HelpScreen(rows, title))

    def get_key_display(self, binding: Binding) -> str:
        # One footer entry stands for the nine client hotkeys and one for both day keys.
        if binding.id == "client-1" and binding.key == "1":
            return "1-9"
        if binding.id == "day-next" and binding.key == "right_square_bracket":
            return "[ ]"
        return super().get_key_display(binding)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:  # type: ignore[type-arg]
        for command in super().get_system_commands(screen):
            if command.title in {"Keys", "Screenshot", "Maximize", "Minimize"}:
                continue
            yield command
        yield SystemCommand("Help", "Every key of this view", self.action_help)
