"""``config get|set|list``, the first-run home zone and the ``config.toml`` overlay."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.conftest import Run
from vaplanner.config import load_settings, machine_zone
from vaplanner.store.store import Store


def test_first_run_stores_the_machine_zone(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Asia/Kathmandu")
    assert run("config", "get", "home_tz") == (0, "Asia/Kathmandu\n", "")
    # Later runs (e.g. over SSH on a server in another zone) keep the stored zone.
    monkeypatch.setenv("TZ", "America/Chicago")
    assert run("config", "get", "home_tz").out == "Asia/Kathmandu\n"


@pytest.mark.parametrize(
    ("tz", "expected"),
    [(":Europe/Paris", "Europe/Paris"), ("Nowhere/Land", None), ("", None), ("/etc/x", None)],
)
def test_machine_zone_reads_tz(
    monkeypatch: pytest.MonkeyPatch, tz: str, expected: str | None
) -> None:
    monkeypatch.delenv("TZ", raising=False)
    fallback = machine_zone()  # /etc/localtime or /etc/timezone, else UTC
    monkeypatch.setenv("TZ", tz)
    assert machine_zone() == (expected or fallback)


def test_set_and_get_home_tz(run: Run) -> None:
    assert run("config", "set", "home_tz", "europe/ljubljana") == (
        0,
        "home_tz = Europe/Ljubljana\n",
        "",
    )
    assert run("config", "get", "home_tz").out == "Europe/Ljubljana\n"


def test_bad_zone_is_refused_with_suggestion(run: Run) -> None:
    result = run("config", "set", "home_tz", "Europe/Lubljana")
    assert result.code == 2
    line = result.one_line_error()
    assert "Europe/Lubljana" in line and "Europe/Ljubljana" in line


@pytest.mark.parametrize(
    ("key", "value", "shown"),
    [
        ("work_hours", "mon-fri 09:00-17:00", "mon-fri 09:00-17:00"),
        ("work_hours", "09:00-12:00,13:00-17:00", "mon-fri 09:00-12:00,13:00-17:00"),
        (
            "work_hours",
            "mon-thu 08:00-16:00; fri 08:00-12:00",
            "mon-thu 08:00-16:00; fri 08:00-12:00",
        ),
        ("buffer_minutes", "15", "15"),
        ("buffer_minutes", "15m", "15"),
        ("buffer_minutes", "0", "0"),
        ("day_start", "6:30", "06:30"),
        ("day_end", "22:00", "22:00"),
        ("week_start", "sunday", "sun"),
        ("currency", "usd", "USD"),
        ("name", "Ana Novak", "Ana Novak"),
        ("theme", "vaplanner-light", "vaplanner-light"),
        ("backups_keep", "30", "30"),
        ("max_timer_hours", "10h", "10"),
        ("pomodoro_focus", "50m", "50"),
    ],
)
def test_set_values(run: Run, key: str, value: str, shown: str) -> None:
    assert run("config", "set", key, value) == (0, f"{key} = {shown}\n", "")
    assert run("config", "get", key).out == f"{shown}\n"


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("work_hours", "17:00-09:00", "ends before it starts"),
        ("work_hours", "someday 09:00-17:00", "cannot read"),
        ("buffer_minutes", "lots", "cannot read duration"),
        ("buffer_minutes", "5h", "out of range"),
        ("day_start", "21:00", "must be before day_end"),
        ("day_end", "25:00", "cannot read time"),
        ("currency", "euro", "ISO 4217"),
        ("theme", "my theme!", "theme name"),
        ("max_timer_hours", "0", "from 1 to 72"),
        ("backups_keep", "-1", "whole number"),
    ],
)
def test_bad_values_are_refused(run: Run, key: str, value: str, message: str) -> None:
    result = run("config", "set", key, value)
    assert result.code == 2
    line = result.one_line_error()
    assert line.startswith(f"vaplanner: {key}: ") and message in line


def test_unknown_key_lists_the_known_ones(run: Run) -> None:
    result = run("config", "get", "home_zt")
    assert result.code == 2
    line = result.one_line_error()
    assert "did you mean home_tz?" in line
    for key in ("home_tz", "work_hours", "buffer_minutes", "max_timer_hours", "keymap"):
        assert key in line
    assert run("config", "set", "colour", "red").code == 2


def test_keymap_is_only_in_config_toml(run: Run) -> None:
    result = run("config", "set", "keymap", "timer=t")
    assert result.code == 2
    assert "config.toml" in result.one_line_error()
    assert run("config", "get", "keymap").out == "(defaults)\n"


def test_config_toml_overrides_theme_and_keymap(run: Run, tmp_path: Path) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "config.toml").write_text(
        'theme = "vaplanner-light"\nunknown_key = 1\n\n[keymap]\ntimer = "space"\n'
        'next_client = ["n", "tab"]\n',
        encoding="utf-8",
    )
    listed = run("config", "list", "--json").json()
    assert listed["theme"] == "vaplanner-light"
    assert listed["keymap"] == {"timer": "space", "next_client": "n,tab"}
    assert run("config", "get", "keymap").out == "timer=space, next_client=n,tab\n"
    result = run("config", "set", "theme", "vaplanner-dark")
    assert result.code == 0 and "config.toml" in result.err and "wins" in result.err
    table = run("config", "list").out
    assert "theme" in table and "config.toml" in table


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("theme = ", "cannot read"),
        ("keymap = 3", "keymap must be a table"),
        ("[keymap]\ntimer = 3", "keymap.timer"),
        ("home_tz = 'Mars/Base'", "home_tz"),
        ("theme = true", "theme must be a string"),
    ],
)
def test_broken_config_toml_is_one_line(run: Run, tmp_path: Path, text: str, message: str) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "config.toml").write_text(text, encoding="utf-8")
    result = run("config", "get", "theme")
    assert result.code == 2
    line = result.one_line_error()
    assert "config.toml" in line and message in line


def test_config_list_shows_every_key(run: Run) -> None:
    run("config", "set", "home_tz", "Europe/Ljubljana")
    listed = run("config", "list", "--json").json()
    assert listed["home_tz"] == "Europe/Ljubljana"
    assert listed["work_hours"] == "mon-fri 09:00-17:00"
    assert listed["buffer_minutes"] == "10"
    out = run("config", "list").out
    assert out.splitlines()[0].split() == ["KEY", "VALUE", "MEANING", "FROM"]


def test_config_needs_an_action(run: Run) -> None:
    result = run("config")
    assert result.code == 2
    assert "ACTION" in result.one_line_error() or "action" in result.err


def test_load_settings_in_process(tmp_path: Path) -> None:
    store = Store(tmp_path / "data")
    config = tmp_path / "cfg"
    config.mkdir()
    (config / "config.toml").write_text("buffer_minutes = 20\n", encoding="utf-8")
    settings = load_settings(store, config)
    assert settings.buffer_minutes == 20
    assert store.get_settings().buffer_minutes == 10  # the file overlays, it does not store
