"""Fixtures shared by every test layer.

The autouse fixture keeps the developer's own data and config out of every test: each test
gets a private ``VAPLANNER_HOME`` and ``VAPLANNER_CONFIG_DIR`` under ``tmp_path``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

#: The fixed instant tests use as "now": Friday 28 Nov 2026, 14:32 in Ljubljana.
FIXED_NOW = datetime(2026, 11, 28, 13, 32, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("VAPLANNER_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("VAPLANNER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.delenv("VAPLANNER_DEBUG", raising=False)
    yield


@pytest.fixture
def fixed_now() -> datetime:
    return FIXED_NOW


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "home"
