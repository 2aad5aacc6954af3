"""``config get|set|list``: the VA's own settings (home zone, work hours, buffer, ...)."""

from __future__ import annotations

import argparse

from vaplanner.commands import Context


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """Add ``config get KEY``, ``config set KEY VALUE`` and ``config list``."""
    config = sub.add_parser(
        "config",
        parents=[common],
        help="read or change a setting (home_tz, work_hours, buffer_minutes, ...)",
        description="Read or change your settings. config.toml in the configuration folder "
        "can override them on this machine and holds the [keymap] table.",
    )
    actions = config.add_subparsers(title="actions", metavar="ACTION", dest="action")
    actions.required = True

    get = actions.add_parser("get", parents=[common], help="print one setting")
    get.add_argument("key", metavar="KEY")
    get.set_defaults(func=get_command)

    set_ = actions.add_parser(
        "set",
        parents=[common],
        help="change one setting",
        description="e.g. config set home_tz Europe/Ljubljana; config set work_hours "
        "'mon-fri 09:00-17:00'; config set buffer_minutes 10",
    )
    set_.add_argument("key", metavar="KEY")
    set_.add_argument("value", metavar="VALUE", nargs="+", help="the new value")
    set_.set_defaults(func=set_command)

    list_ = actions.add_parser("list", parents=[common], help="print every setting")
    list_.add_argument("--json", action="store_true", help="print a JSON object")
    list_.set_defaults(func=list_command)


def get_command(ctx: Context) -> int:
    from vaplanner.config import show_value

    ctx.print(show_value(ctx.args.key.strip().lower(), ctx.settings))
    return 0


def set_command(ctx: Context) -> int:
    from vaplanner.config import CONFIG_FILE, read_toml, save_setting, show_value

    key = ctx.args.key.strip().lower()
    raw = " ".join(ctx.args.value)
    ctx.settings  # noqa: B018 - the first run stores the machine's zone before we change a key
    saved = save_setting(ctx.store, key, raw)
    ctx.print(f"{key} = {show_value(key, saved)}")
    if key in read_toml(ctx.config_dir):
        ctx.note(f"{ctx.config_dir / CONFIG_FILE} also sets {key}; that value wins on this machine")
    return 0


def list_command(ctx: Context) -> int:
    from vaplanner.config import KEYS, known_keys, read_toml, show_value

    settings = ctx.settings
    if ctx.args.json:
        values: dict[str, object] = {key: show_value(key, settings) for key in KEYS}
        values["keymap"] = dict(settings.keymap)
        ctx.print_json(values)
        return 0
    from vaplanner.commands import table

    overridden = read_toml(ctx.config_dir)
    rows = [
        (
            key,
            show_value(key, settings),
            KEYS[key].help if key in KEYS else "binding id -> keys, in config.toml",
            "config.toml" if key in overridden else "",
        )
        for key in known_keys()
    ]
    ctx.print(table(rows, ("KEY", "VALUE", "MEANING", "FROM")))
    return 0
