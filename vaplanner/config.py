"""The VA's settings: stored in the data folder, overlaid by ``config.toml``.

``config set KEY VALUE`` validates a value and stores it (so the app in another pane sees it);
``config.toml`` in the configuration folder may override any key for this machine, and is
where the keymap lives::

    theme = "vaplanner-light"

    [keymap]
    timer = "space"           # binding id -> keys (a list joins with commas)
    next_client = ["n", "tab"]

At the very first run the home zone is the machine's own (``$TZ`` or ``/etc/localtime``, else
UTC) and is stored at once, so a later run over SSH on a server in another zone keeps it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import fields, replace
from datetime import time
from typing import TYPE_CHECKING, Any

from vaplanner.core.errors import InputError
from vaplanner.core.models import WEEKDAYS, Settings, WeekHours

if TYPE_CHECKING:
    from vaplanner.store.store import Store

CONFIG_FILE = "config.toml"


class Key:
    """One setting a person can read and change: how to read a typed value and show it.

    (A plain class: creating a dataclass costs ~0.4 ms of every command's start-up.)
    """

    __slots__ = ("name", "help", "parse", "show")

    def __init__(
        self,
        name: str,
        help: str,
        parse: Callable[[str, Settings], object],
        show: Callable[[Any], str] = str,
    ) -> None:
        self.name = name
        self.help = help
        self.parse = parse
        self.show = show

    def __repr__(self) -> str:
        return f"Key({self.name!r})"


def _zone(raw: str, _: Settings) -> str:
    from vaplanner.core.times import validate_zone

    return validate_zone(raw)


def _week_hours(raw: str, _: Settings) -> WeekHours:
    from vaplanner.core.times import parse_week_hours

    return parse_week_hours(raw)


def _show_week_hours(value: WeekHours) -> str:
    from vaplanner.core.times import format_week_hours

    return format_week_hours(value)


def _minutes(low: int, high: int) -> Callable[[str, Settings], int]:
    def parse(raw: str, _: Settings) -> int:
        from vaplanner.core.times import parse_duration

        value = parse_duration(raw, allow_zero=low == 0)
        if not low <= value <= high:
            raise InputError(f"{raw!r} is out of range; use {low} to {high} minutes")
        return value

    return parse


def _integer(low: int, high: int, unit: str) -> Callable[[str, Settings], int]:
    def parse(raw: str, _: Settings) -> int:
        text = raw.strip().lower().removesuffix(unit[0]).strip() if unit else raw.strip()
        if not re.fullmatch(r"\d+", text) or not low <= int(text) <= high:
            raise InputError(f"{raw!r} is not a whole number from {low} to {high} {unit}".rstrip())
        return int(text)

    return parse


def _clock(which: str) -> Callable[[str, Settings], time]:
    def parse(raw: str, current: Settings) -> time:
        from vaplanner.core.times import parse_clock

        value = parse_clock(raw)
        start = value if which == "day_start" else current.day_start
        end = value if which == "day_end" else current.day_end
        if (end.hour * 60 + end.minute or 1440) <= start.hour * 60 + start.minute:
            raise InputError(
                f"day_start ({start:%H:%M}) must be before day_end ({end:%H:%M}); "
                "these are the first and last rows of the day grid"
            )
        return value

    return parse


def _show_clock(value: time) -> str:
    return value.strftime("%H:%M")


def _weekday(raw: str, _: Settings) -> int:
    key = raw.strip().lower()[:3]
    if key not in WEEKDAYS:
        raise InputError(f"cannot read weekday {raw!r}; use mon or sun")
    return WEEKDAYS.index(key)


def _currency(raw: str, _: Settings) -> str:
    code = raw.strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise InputError(f"currency {raw!r} is not an ISO 4217 code; use three letters, e.g. EUR")
    return code


def _text(raw: str, _: Settings) -> str:
    return raw.strip()


def _theme(raw: str, _: Settings) -> str:
    name = raw.strip()
    if not re.fullmatch(r"[A-Za-z0-9_.-]+", name):
        raise InputError(f"theme {raw!r} is not a theme name; use e.g. vaplanner-dark")
    return name


KEYS: dict[str, Key] = {
    key.name: key
    for key in (
        Key("home_tz", "your own time zone (IANA name)", _zone),
        Key(
            "work_hours",
            "your work hours, e.g. 'mon-fri 09:00-17:00'",
            _week_hours,
            _show_week_hours,
        ),
        Key("buffer_minutes", "gap kept after each planned block", _minutes(0, 240)),
        Key("day_start", "first row of the day grid (HH:MM)", _clock("day_start"), _show_clock),
        Key("day_end", "last row of the day grid (HH:MM)", _clock("day_end"), _show_clock),
        Key("week_start", "first day of the week (mon or sun)", _weekday, WEEKDAYS.__getitem__),
        Key("pomodoro_focus", "pomodoro focus length", _minutes(1, 240)),
        Key("pomodoro_break", "pomodoro short break", _minutes(1, 120)),
        Key("pomodoro_long_break", "pomodoro long break", _minutes(1, 240)),
        Key("pomodoro_cycle", "focus rounds before a long break", _integer(1, 12, "")),
        Key("theme", "colour theme name", _theme),
        Key("currency", "your default currency (ISO 4217)", _currency),
        Key("name", "your name, for invoices", _text),
        Key("business_details", "address, tax number etc., for invoices", _text),
        Key("backups_keep", "daily backups to keep", _integer(0, 365, "")),
        Key("max_timer_hours", "a timer running longer is flagged", _integer(1, 72, "hours")),
    )
}

#: Settings only ``config.toml`` can set.
TOML_ONLY = ("keymap",)


def known_keys() -> list[str]:
    return [*KEYS, *TOML_ONLY]


def _unknown(key: str) -> InputError:
    import difflib

    close = difflib.get_close_matches(key, known_keys(), n=1)
    hint = f"did you mean {close[0]}? " if close else ""
    return InputError(f"unknown setting {key!r}; {hint}known settings: {', '.join(known_keys())}")


def show_value(key: str, settings: Settings) -> str:
    """The value of ``key`` as ``config get`` prints it (and ``config set`` reads it back)."""
    if key == "keymap":
        return ", ".join(f"{binding}={keys}" for binding, keys in settings.keymap) or "(defaults)"
    if key not in KEYS:
        raise _unknown(key)
    return KEYS[key].show(getattr(settings, key))


def parse_value(key: str, raw: str, current: Settings) -> Any:
    """``raw`` read and checked for ``key``; :class:`InputError` says what is accepted."""
    if key in TOML_ONLY:
        raise InputError(f"{key} is set in {CONFIG_FILE} (a [{key}] table), not with config set")
    if key not in KEYS:
        raise _unknown(key)
    try:
        return KEYS[key].parse(raw, current)
    except InputError as error:
        raise InputError(f"{key}: {error}") from None


def save_setting(store: Store, key: str, raw: str) -> Settings:
    """Validate ``raw`` for ``key`` and store it; returns the stored settings."""
    with store.transaction():
        current = store.get_settings()
        updated = replace(current, **{key: parse_value(key, raw, current)})
        store.save_settings(updated)
    return updated


def machine_zone() -> str:
    """The machine's IANA zone: ``$TZ``, the ``/etc/localtime`` link, ``/etc/timezone``; UTC."""
    from vaplanner.core.errors import ZoneError
    from vaplanner.core.times import validate_zone

    candidates = [os.environ.get("TZ", "").lstrip(":")]
    try:
        target = os.readlink("/etc/localtime")
        candidates.append(target.split("zoneinfo/", 1)[1] if "zoneinfo/" in target else "")
    except OSError:
        pass
    try:
        with open("/etc/timezone", encoding="utf-8") as handle:
            candidates.append(handle.read().strip())
    except OSError:
        pass
    for name in candidates:
        if not name or name.startswith("/"):
            continue
        try:
            return validate_zone(name)
        except ZoneError:
            continue
    return "UTC"


def read_toml(config_dir: str | os.PathLike[str]) -> dict[str, Any]:
    """``config.toml`` as a dict ({} when there is none); a broken file is an InputError."""
    path = os.path.join(config_dir, CONFIG_FILE)
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        return {}
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror}") from None
    import tomllib

    try:
        return tomllib.loads(data.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read {path}: {error}; fix or remove it") from None


def overlay(settings: Settings, table: dict[str, Any], source: str = CONFIG_FILE) -> Settings:
    """``settings`` with the known keys of a ``config.toml`` table applied (others ignored)."""
    changes: dict[str, Any] = {}
    for key, value in table.items():
        if key == "keymap":
            changes["keymap"] = _keymap(value, source)
        elif key in KEYS:
            if isinstance(value, bool) or not isinstance(value, str | int | float):
                raise InputError(f"{source}: {key} must be a string or a number")
            try:
                changes[key] = KEYS[key].parse(str(value), replace(settings, **changes))
            except InputError as error:
                raise InputError(f"{source}: {key}: {error}") from None
    return replace(settings, **changes) if changes else settings


def _keymap(value: object, source: str) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict):
        raise InputError(f'{source}: keymap must be a table, e.g. [keymap] timer = "space"')
    pairs: list[tuple[str, str]] = []
    for binding, keys in value.items():
        if isinstance(keys, list) and all(isinstance(k, str) for k in keys):
            keys = ",".join(keys)
        if not isinstance(keys, str) or not keys.strip():
            raise InputError(f'{source}: keymap.{binding} must be keys such as "space" or ["n"]')
        pairs.append((str(binding), keys.replace(" ", "")))
    return tuple(pairs)


def load_settings(store: Store, config_dir: str | os.PathLike[str]) -> Settings:
    """The settings in force: the stored ones, then ``config.toml`` on top.

    On the very first run (nothing stored yet) the home zone is the machine's zone and is
    stored right away.
    """
    settings = store.get_settings()
    if not _stored(store):
        settings = replace(settings, home_tz=machine_zone())
        with store.transaction():
            if not _stored(store):
                store.save_settings(settings)
            else:
                settings = store.get_settings()
    path = os.path.join(config_dir, CONFIG_FILE)
    if os.path.exists(path):
        settings = overlay(settings, read_toml(config_dir), path)
    return settings


def _stored(store: Store) -> bool:
    probe = getattr(store, "has_settings", None)
    if callable(probe):
        return bool(probe())
    from vaplanner.store import layout

    return os.path.exists(store.file_path(layout.SETTINGS))


def setting_names() -> list[str]:
    """Every field of :class:`Settings`, for tests that check nothing is forgotten."""
    return [f.name for f in fields(Settings)]
