"""Where data and configuration live.

Nothing here touches the disk at import time; folders are created by the functions that
need them, with private permissions.

On Linux the default folders follow the XDG base-directory spec, worked out here in a few
lines: ``$XDG_DATA_HOME/vaplanner`` (else ``~/.local/share/vaplanner``) and
``$XDG_CONFIG_HOME/vaplanner`` (else ``~/.config/vaplanner``); a relative ``$XDG_*`` value
is ignored, as the spec says. That is what platformdirs answers there (a test compares
the two), without its import (~5 ms of every command a person runs without
``$VAPLANNER_HOME``). Anything unusual (no absolute ``$HOME``, an Android app, other
systems) is left to platformdirs.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

APP_NAME = "vaplanner"
HOME_ENV = "VAPLANNER_HOME"
CONFIG_ENV = "VAPLANNER_CONFIG_DIR"

#: ``(environment variable, default under the home folder)`` per kind of folder.
_XDG = {"data": ("XDG_DATA_HOME", ".local/share"), "config": ("XDG_CONFIG_HOME", ".config")}


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: ``override`` (``--data-dir``), else ``$VAPLANNER_HOME``, else the
    platform's user data folder (``~/.local/share/vaplanner`` on Linux)."""
    from pathlib import Path

    return Path(data_dir_text(override))


def data_dir_text(override: str | os.PathLike[str] | None = None) -> str:
    """:func:`data_dir` as text, found without pathlib (~2 ms of a command line's start-up:
    the command line works with ``os.path`` and makes ``Path`` objects only on demand)."""
    if override:
        return _expand(override)
    env = os.environ.get(HOME_ENV)
    if env:
        return _expand(env)
    fast = _xdg_text("data")
    if fast is not None:
        return fast
    from platformdirs import user_data_dir

    return user_data_dir(APP_NAME, appauthor=False)


def config_dir(data: str | os.PathLike[str] | None = None, *, overridden: bool = False) -> Path:
    """The configuration folder (``config.toml``, user themes and templates).

    ``$VAPLANNER_CONFIG_DIR`` wins; when the data folder was chosen explicitly (``--data-dir`` or
    ``$VAPLANNER_HOME``) the configuration lives beside the data so that one folder holds
    everything; otherwise the platform's user config folder (``~/.config/vaplanner``).
    """
    from pathlib import Path

    return Path(config_dir_text(data, overridden=overridden))


def config_dir_text(data: str | os.PathLike[str] | None = None, *, overridden: bool = False) -> str:
    """:func:`config_dir` as text, found without pathlib."""
    env = os.environ.get(CONFIG_ENV)
    if env:
        return _expand(env)
    if data is not None and (overridden or os.environ.get(HOME_ENV)):
        return os.fspath(data)
    fast = _xdg_text("config")
    if fast is not None:
        return fast
    from platformdirs import user_config_dir

    return user_config_dir(APP_NAME, appauthor=False)


def _expand(path: str | os.PathLike[str]) -> str:
    """``~`` expanded, as ``Path(path).expanduser()`` (``Path`` tidies the rest when made)."""
    return os.path.expanduser(os.fspath(path))


def xdg_dir(kind: str) -> Path | None:
    """The XDG user folder of ``kind`` (``"data"`` or ``"config"``) for vaplanner on Linux,
    or ``None`` where platformdirs must decide (not Linux, an Android app, no absolute
    ``$HOME`` to fall back on)."""
    from pathlib import Path

    text = _xdg_text(kind)
    return None if text is None else Path(text)


def _xdg_text(kind: str) -> str | None:
    if sys.platform != "linux" or _android_app():
        return None
    variable, default = _XDG[kind]
    base = os.environ.get(variable, "")
    if not base.startswith("/"):  # unset, empty or relative: invalid, use the default
        home = os.environ.get("HOME", "")
        if not home.startswith("/"):
            return None
        base = home.rstrip("/") + "/" + default  # as os.path.expanduser joins them
    return os.path.join(base, APP_NAME)


def _android_app() -> bool:
    """Perhaps inside an Android app, where platformdirs asks Android for its folders
    (Termux, a shell on Android, is plain Linux to it): platformdirs' own test."""
    android = hasattr(sys, "getandroidapilevel") or (
        os.environ.get("ANDROID_DATA") == "/data" and os.environ.get("ANDROID_ROOT") == "/system"
    )
    return android and not (os.environ.get("SHELL") or os.environ.get("PREFIX"))


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) with mode 0700 if missing; tighten it if it exists."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        if path.stat().st_mode & 0o077:
            path.chmod(0o700)
    except OSError:
        pass
    return path
