"""Fixtures for the app's Pilot tests: a sample store on ``tmp_path``, a settable clock, and
an app factory. The autouse fixture stops the cursor blink so screens are stable."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from textual.widgets import Input

from vaplanner.config import load_settings
from vaplanner.demo import generate
from vaplanner.store.store import Store
from vaplanner.ui.app import VaplannerApp

#: Wednesday 25 Nov 2026, 14:32 in Ljubljana: New York 08:32, Sydney 00:32 (Thu), London
#: 13:32, Kathmandu 19:17. A working day for every client, so every mark shows.
UI_NOW = datetime(2026, 11, 25, 13, 32, tzinfo=UTC)


class Clock:
    """A clock tests can move: ``clock.advance(minutes=5)``."""

    def __init__(self, now: datetime = UI_NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@pytest.fixture(autouse=True)
def _no_blink(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(Input, "cursor_blink", False)
    yield


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def sample_store(tmp_path: Path) -> Store:
    """The sample data set, laid out around :data:`UI_NOW`."""
    store = Store(tmp_path / "home")
    generate(store, scale="sample", now=UI_NOW)
    return store


@pytest.fixture
def empty_store(tmp_path: Path) -> Store:
    return Store(tmp_path / "home")


AppFactory = Callable[..., VaplannerApp]


@pytest.fixture
def make_app(tmp_path: Path, clock: Clock) -> AppFactory:
    """``make_app(store, **kwargs)``: the app with the test clock, no ticking, no polling."""

    def make(store: Store, **kwargs: object) -> VaplannerApp:
        config = tmp_path / "config"
        settings = kwargs.pop("settings", None) or load_settings(store, config)
        options: dict[str, object] = {
            "config_dir": config,
            "clock": clock,
            "tick_seconds": None,
            "poll_seconds": None,
        }
        options.update(kwargs)
        return VaplannerApp(store, settings, **options)  # type: ignore[arg-type]

    return make
