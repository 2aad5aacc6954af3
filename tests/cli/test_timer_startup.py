"""What the command line skips to start fast must not change what it does.

argparse's messages go through gettext only when a catalogue could translate them; with
one, they are still translated.
"""

from __future__ import annotations

import argparse
import gettext
import struct
from pathlib import Path

import pytest

from vaplanner.cli import main


def write_mo(path: Path, messages: dict[str, str]) -> None:
    """A GNU gettext catalogue (``.mo``) holding ``messages``."""
    entries = {"": "Content-Type: text/plain; charset=UTF-8\n", **messages}
    keys = sorted(entries)
    ids = b"".join(k.encode() + b"\0" for k in keys)
    strs = b"".join(entries[k].encode() + b"\0" for k in keys)
    count = len(keys)
    start = 7 * 4 + 16 * count  # header, then both tables
    table_ids, table_strs = [], []
    offset = start
    for k in keys:
        table_ids += [len(k.encode()), offset]
        offset += len(k.encode()) + 1
    for k in keys:
        table_strs += [len(entries[k].encode()), offset]
        offset += len(entries[k].encode()) + 1
    header = struct.pack("<7I", 0x950412DE, 0, count, 28, 28 + 8 * count, 0, 0)
    path.parent.mkdir(parents=True)
    path.write_bytes(
        header
        + struct.pack(f"<{2 * count}I", *table_ids)
        + struct.pack(f"<{2 * count}I", *table_strs)
        + ids
        + strs
    )


@pytest.fixture
def restore_argparse(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(argparse, "_", getattr(argparse, "_"))  # noqa: B009
    monkeypatch.setattr(argparse, "ngettext", getattr(argparse, "ngettext"))  # noqa: B009
    monkeypatch.setattr(gettext, "_localedirs", {})


@pytest.mark.usefixtures("restore_argparse")
def test_argparse_messages_are_still_translated_when_a_catalogue_exists(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    locales = tmp_path / "locale"
    write_mo(
        locales / "xx" / "LC_MESSAGES" / "messages.mo",
        {"unrecognized arguments: %s": "argumenti neznani: %s"},
    )
    gettext.bindtextdomain("messages", str(locales))
    monkeypatch.setenv("LANGUAGE", "xx")
    with pytest.raises(SystemExit) as exit_:
        main(["status", "--bogus"])
    assert exit_.value.code == 2
    assert "argumenti neznani: --bogus" in capsys.readouterr().err


@pytest.mark.usefixtures("restore_argparse")
def test_without_a_catalogue_argparse_skips_gettext(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    gettext.bindtextdomain("messages", str(tmp_path / "nowhere"))
    monkeypatch.setenv("LANGUAGE", "xx")

    def no_lookups(*args: object, **kwargs: object) -> object:
        raise AssertionError("gettext was asked")

    monkeypatch.setattr(gettext, "find", no_lookups)
    monkeypatch.setattr(gettext, "dgettext", no_lookups)
    with pytest.raises(SystemExit):
        main(["status", "--bogus"])
    err = capsys.readouterr().err
    assert "unrecognized arguments: --bogus" in err
    assert main(["status"]) == 0
    assert capsys.readouterr().out == "idle\n"
