"""The app's top-level modes, and how another part of vaplanner adds one.

A mode is a full screen with its own stack (Textual ``MODES``). The planner is always there;
every other mode is declared here with the module that holds its screen. The screen is
imported only when the mode is first opened, and a mode whose module is not installed is
neither bound to a key nor offered in the palette: no key ever leads to a "coming soon".

To add a mode: write ``vaplanner/ui/screens/<module>.py`` with a ``Screen`` subclass that takes
no constructor arguments (read ``self.app`` as :class:`~vaplanner.ui.app.VaplannerApp` for the
store, settings and clock, and watch ``app.now`` / ``app.data_version``), then add one
:class:`ModeSpec` line to :data:`MODES`.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from functools import cache
from typing import NamedTuple

from textual.binding import Binding
from textual.screen import Screen


class ModeSpec(NamedTuple):
    """One mode: its name, the screen behind it, and the key that opens it."""

    name: str
    module: str  # "vaplanner.ui.screens.world_clock"
    screen: str  # class name in that module
    key: str
    description: str
    tooltip: str

    @property
    def binding_id(self) -> str:
        return f"mode-{self.name}"

    def binding(self) -> Binding:
        """The key that opens this mode (remappable by ``binding_id``)."""
        return Binding(
            self.key,
            f"app.open_mode('{self.name}')",
            self.description,
            id=self.binding_id,
            tooltip=self.tooltip,
        )

    def factory(self) -> Callable[[], Screen[object]]:
        """A callable that imports the module and builds the screen (for ``App.add_mode``)."""

        def build() -> Screen[object]:
            module = importlib.import_module(self.module)
            screen: Screen[object] = getattr(module, self.screen)()
            return screen

        return build


#: The planner is the main mode; it is not listed here.
PLANNER = "planner"

MODES: tuple[ModeSpec, ...] = (
    ModeSpec(
        "clock",
        "vaplanner.ui.screens.world_clock",
        "WorldClockScreen",
        "w",
        "clock",
        "World clock: each client's local time, business hours, offset and next DST change.",
    ),
    ModeSpec(
        "reports",
        "vaplanner.ui.screens.reports",
        "ReportsScreen",
        "r",
        "reports",
        "Reports: where the time went, by client, tag, task and day.",
    ),
    ModeSpec(
        "queues",
        "vaplanner.ui.screens.queues",
        "QueuesScreen",
        "x",
        "queues",
        "Every client's queue: Eisenhower quadrants, batches by tag and all deadlines.",
    ),
)


@cache
def is_available(spec: ModeSpec) -> bool:
    """Whether the module behind ``spec`` exists (found, not imported)."""
    try:
        return importlib.util.find_spec(spec.module) is not None
    except ModuleNotFoundError:
        return False


def available_modes() -> list[ModeSpec]:
    """The declared modes whose screens are installed, in declaration order."""
    return [spec for spec in MODES if is_available(spec)]


def mode_spec(name: str) -> ModeSpec | None:
    """The spec of a mode by name."""
    for spec in MODES:
        if spec.name == name:
            return spec
    return None
