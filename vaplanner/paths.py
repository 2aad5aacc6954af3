"""Where data and configuration live.

Nothing here touches the disk at import time; folders are created by the functions that
need them, with private permissions.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "vaplanner"
HOME_ENV = "VAPLANNER_HOME"
CONFIG_ENV = "VAPLANNER_CONFIG_DIR"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: ``override`` (``--data-dir``), else ``$VAPLANNER_HOME``, else the
    platform's user data folder (``~/.local/share/vaplanner`` on Linux)."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get(HOME_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def config_dir(data: Path | None = None, *, overridden: bool = False) -> Path:
    """The configuration folder (``config.toml``, user themes and templates).

    ``$VAPLANNER_CONFIG_DIR`` wins; when the data folder was chosen explicitly (``--data-dir`` or
    ``$VAPLANNER_HOME``) the configuration lives beside the data so that one folder holds
    everything; otherwise the platform's user config folder (``~/.config/vaplanner``).
    """
    env = os.environ.get(CONFIG_ENV)
    if env:
        return Path(env).expanduser()
    if data is not None and (overridden or os.environ.get(HOME_ENV)):
        return data
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False))


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) with mode 0700 if missing; tighten it if it exists."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        if path.stat().st_mode & 0o077:
            path.chmod(0o700)
    except OSError:
        pass
    return path
