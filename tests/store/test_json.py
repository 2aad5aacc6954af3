"""The two JSON engines of the store: the standard library's ``json`` (small amounts, so that
a command line never imports orjson) and orjson (once a process has handled
``ORJSON_AFTER`` bytes). Whichever a file meets, it must read the same and be refused the
same."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from vaplanner.core.errors import CorruptFileError
from vaplanner.core.models import Billing, Client, Contact, Entry
from vaplanner.store import storage
from vaplanner.store.storage import parse_document
from vaplanner.store.store import Store


@pytest.fixture(params=["json", "orjson"])
def engine(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Every use of the store in the test goes through one engine."""
    monkeypatch.setattr(storage, "_handled", 0)
    monkeypatch.setattr(storage, "_orjson", None)
    limit = 10**12 if request.param == "json" else 0
    monkeypatch.setattr(storage, "ORJSON_AFTER", limit)
    yield request.param
    assert (storage._orjson is None) == (request.param == "json")


VALID: list[bytes] = [
    b'{"_default": {}}',
    b'{"_default": {"1": {"name": "\xc4\x8cebelica \xf0\x9f\x90\xa8", "n": -12, "x": null}}}',
    b'{"_default": {"1": {"note": "tab\\tnew\\nline \\"q\\" \\\\ \\u00e9 \\ud83d\\udc28"}}}',
    b' {"a": {"b": [1, 2.5, true, false, {}]}} \n',
    b'{"a": {"k": 1, "k": 2}}',  # the last of a repeated key wins in both
]

BROKEN: list[bytes] = [
    b"",
    b"   ",
    b'{"_default": ',
    b"[1, 2]",
    b'{"_default": [1]}',
    b"\x00\x00\x00",
    b'{"a": {"x": NaN}}',
    b'{"a": {"x": Infinity}}',
    b'{"a": {"x": -Infinity}}',
    b'{"a": {"x": 1e400}}',
    b'{"a": {"x": "\\ud800"}}',  # a lone surrogate cannot be written back as UTF-8
    b'{"a": {"x": "\xff\xfe"}}',  # not UTF-8
    b'\xef\xbb\xbf{"a": {}}',  # a byte-order mark
    b'{"a": {"x": 1}} trailing',
    b'{"a": {"x": 1,}}',
    b"{'a': {}}",
    b'{"a": ' * 5000 + b"{}" + b"}" * 5000,  # nested far too deep
]


@pytest.mark.parametrize("payload", VALID)
def test_valid_files_read_alike(engine: str, payload: bytes) -> None:
    import json

    assert parse_document(payload) == json.loads(payload)


@pytest.mark.parametrize("payload", BROKEN)
def test_broken_files_are_refused_alike(engine: str, payload: bytes) -> None:
    with pytest.raises(ValueError):
        parse_document(payload)


@pytest.mark.parametrize("payload", [BROKEN[6], BROKEN[10], BROKEN[12], BROKEN[-1]])
def test_a_broken_file_is_a_corrupt_file_error_naming_it(
    engine: str, data_dir: Path, payload: bytes
) -> None:
    data_dir.mkdir(parents=True)
    path = data_dir / "clients.json"
    path.write_bytes(payload)
    with pytest.raises(CorruptFileError, match="clients.json"):
        Store(data_dir).clients.all()
    assert path.read_bytes() == payload


def sample_docs() -> dict[str, Any]:
    return {
        "_default": {
            str(i): {
                "name": f'Čebelica {i} 🐨 "quoted" \\ back\tslash\n\x01\x7f\u2028',
                "rate": "12.50",
                "ids": [i, -i, 2**62],
                "on": i % 2 == 0,
                "none": None,
                "nested": {"empty": {}, "list": []},
            }
            for i in range(50)
        },
        "_meta": {"1": {"schema": 1, "kind": "clients"}},
    }


def test_both_engines_write_the_same_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    docs = sample_docs()
    monkeypatch.setattr(storage, "_orjson", None)
    monkeypatch.setattr(storage, "ORJSON_AFTER", 10**12)
    with_json = storage.dumps(docs)
    assert storage._orjson is None
    monkeypatch.setattr(storage, "ORJSON_AFTER", 0)
    with_orjson = storage.dumps(docs)
    assert storage._orjson is not None
    assert with_json == with_orjson
    assert parse_document(with_json) == docs


def test_a_store_round_trips_through_either_engine(engine: str, data_dir: Path) -> None:
    store = Store(data_dir)
    client = store.clients.add(
        Client(
            name="Čebelica 🐝",
            tz="Europe/Ljubljana",
            notes='line one\nline "two"',
            contacts=(Contact("Ana Novak", "ana@example.com"),),
            billing=Billing(rate=Decimal("35.50"), currency="EUR"),
        )
    )
    start = datetime(2026, 11, 2, 9, tzinfo=UTC)
    entry = store.entries.add(Entry(client.id, start, start + timedelta(hours=1), note="naïve"))
    fresh = Store(data_dir)
    assert fresh.clients.get(client.id) == client
    assert fresh.entries.get(entry.id) == entry


def test_orjson_takes_over_once_a_process_has_handled_enough(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(storage, "_handled", 0)
    monkeypatch.setattr(storage, "_orjson", None)
    monkeypatch.setattr(storage, "ORJSON_AFTER", 100)
    small = b'{"a": {"x": "' + b"y" * 40 + b'"}}'
    parse_document(small)
    assert storage._orjson is None  # 54 bytes so far: still json
    parse_document(small)
    assert storage._orjson is not None  # 108: orjson from now on, for small files too
    assert storage._fast(1) is storage._orjson


def test_use_orjson_takes_over_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(storage, "_handled", 0)
    monkeypatch.setattr(storage, "_orjson", None)
    monkeypatch.setattr(storage, "ORJSON_AFTER", 10**12)
    storage.use_orjson()
    assert storage._orjson is not None
    assert storage._fast(1) is storage._orjson
    assert parse_document(b'{"a": {"x": 1}}') == {"a": {"x": 1}}
