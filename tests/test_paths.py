"""``vaplanner.paths``: the default folders are exactly the ones platformdirs gives.

On Linux the data and config folders are worked out without importing platformdirs; these
tests set the XDG variables and ``$HOME`` in many ways and compare the answers.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from vaplanner import paths

platformdirs = pytest.importorskip("platformdirs")
linux_only = pytest.mark.skipif(sys.platform != "linux", reason="the fast path is Linux only")

UNSET = None
XDG_VALUES = [
    UNSET,
    "",
    "   ",
    "relative/data",
    "~/data",  # not expanded: relative, so ignored
    "/srv/xdg",
    "/srv/xdg/",
    "//srv/xdg",
    "/srv/with space/ü",
]
HOMES = ["/home/va", "/home/va/", "/", "//", "/home/va//"]


@pytest.fixture
def default_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """No vaplanner overrides and no Android look-alike variables."""
    for name in (paths.HOME_ENV, paths.CONFIG_ENV, "ANDROID_DATA", "ANDROID_ROOT"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def _set(monkeypatch: pytest.MonkeyPatch, name: str, value: str | None) -> None:
    if value is None:
        monkeypatch.delenv(name, raising=False)
    else:
        monkeypatch.setenv(name, value)


@linux_only
@pytest.mark.parametrize("home", HOMES)
@pytest.mark.parametrize("xdg", XDG_VALUES)
def test_data_and_config_folders_match_platformdirs(
    default_env: pytest.MonkeyPatch, xdg: str | None, home: str
) -> None:
    default_env.setenv("HOME", home)
    _set(default_env, "XDG_DATA_HOME", xdg)
    _set(default_env, "XDG_CONFIG_HOME", xdg and xdg.replace("xdg", "cfg"))
    expected_data = Path(platformdirs.user_data_dir("vaplanner", appauthor=False))
    expected_config = Path(platformdirs.user_config_dir("vaplanner", appauthor=False))
    # the fast path answers (platformdirs is not asked) ...
    assert paths.xdg_dir("data") == expected_data
    assert paths.xdg_dir("config") == expected_config
    # ... and the public functions give the same
    assert paths.data_dir() == expected_data
    assert paths.config_dir(paths.data_dir()) == expected_config


@linux_only
def test_the_usual_linux_folders(default_env: pytest.MonkeyPatch) -> None:
    default_env.setenv("HOME", "/home/va")
    default_env.delenv("XDG_DATA_HOME", raising=False)
    default_env.setenv("XDG_CONFIG_HOME", "/etc/va-config")
    assert paths.data_dir() == Path("/home/va/.local/share/vaplanner")
    assert paths.config_dir() == Path("/etc/va-config/vaplanner")


@linux_only
@pytest.mark.parametrize("home", [UNSET, "", "relative/home"])
def test_without_an_absolute_home_platformdirs_decides(
    default_env: pytest.MonkeyPatch, home: str | None
) -> None:
    _set(default_env, "HOME", home)
    default_env.delenv("XDG_DATA_HOME", raising=False)
    assert paths.xdg_dir("data") is None
    assert paths.data_dir() == Path(platformdirs.user_data_dir("vaplanner", appauthor=False))
    # an absolute XDG value needs no home at all
    default_env.setenv("XDG_DATA_HOME", "/srv/xdg")
    assert paths.xdg_dir("data") == Path("/srv/xdg/vaplanner")


@linux_only
def test_an_android_app_is_left_to_platformdirs(default_env: pytest.MonkeyPatch) -> None:
    default_env.setenv("HOME", "/home/va")
    default_env.setenv("ANDROID_DATA", "/data")
    default_env.setenv("ANDROID_ROOT", "/system")
    default_env.delenv("SHELL", raising=False)
    default_env.delenv("PREFIX", raising=False)
    assert paths.xdg_dir("data") is None
    default_env.setenv("PREFIX", "/data/data/com.termux/files/usr")  # Termux: plain Linux
    assert paths.xdg_dir("data") == Path("/home/va/.local/share/vaplanner")


def test_other_systems_ask_platformdirs(default_env: pytest.MonkeyPatch) -> None:
    default_env.setattr(sys, "platform", "darwin")
    assert paths.xdg_dir("data") is None
    assert paths.xdg_dir("config") is None


def test_overrides_win(default_env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    default_env.setenv("XDG_DATA_HOME", "/srv/xdg")
    assert paths.data_dir(tmp_path / "given") == tmp_path / "given"
    default_env.setenv(paths.HOME_ENV, str(tmp_path / "home"))
    assert paths.data_dir() == tmp_path / "home"
    # configuration beside explicitly chosen data, unless VAPLANNER_CONFIG_DIR says otherwise
    assert paths.config_dir(tmp_path / "home") == tmp_path / "home"
    default_env.setenv(paths.CONFIG_ENV, str(tmp_path / "cfg"))
    assert paths.config_dir(tmp_path / "home") == tmp_path / "cfg"
