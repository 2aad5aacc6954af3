"""Adding records without encoding the whole file again (``AtomicJSONStorage.append``).

An insert splices the new documents into the bytes the file was read from or written as,
when the file has the store's own layout; whatever path it takes, the file must read back
exactly as if it had been encoded whole, stay a TinyDB database, and keep the durability
rules (a failed write leaves the old file and a clean cache).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from vaplanner.core import models
from vaplanner.core.models import Client, Entry
from vaplanner.store import storage
from vaplanner.store.storage import AtomicJSONStorage, layout_tail, parse_document, parse_tables
from vaplanner.store.store import Store

NOV = datetime(2026, 11, 2, 9, tzinfo=UTC)


def entry(i: int, note: str = "") -> Entry:
    start = NOV + timedelta(hours=i)
    return Entry(client_id=1, start=start, end=start + timedelta(minutes=30), note=note)


@pytest.fixture(autouse=True)
def json_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    """The standard json unless a test asks for ``engine``: a process switches to orjson
    (which gives no offsets) once it has parsed enough, as the whole test run has."""
    monkeypatch.setattr(storage, "_handled", 0)
    monkeypatch.setattr(storage, "_orjson", None)
    monkeypatch.setattr(storage, "ORJSON_AFTER", 10**12)


@pytest.fixture(params=["json", "orjson"])
def engine(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Every use of the store in the test goes through one engine."""
    monkeypatch.setattr(storage, "_handled", 0)
    monkeypatch.setattr(storage, "_orjson", None)
    monkeypatch.setattr(storage, "ORJSON_AFTER", 10**12 if request.param == "json" else 0)
    yield request.param


class Encoded:
    """Records what the storage encodes: the kind of each whole file, or "docs"."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.kinds: list[str] = []
        real = storage.dumps

        def spy(data: Any, size_hint: int = 0) -> bytes:
            whole = isinstance(data, dict) and "_meta" in data
            self.kinds.append(data["_meta"]["1"]["kind"] if whole else "docs")
            return real(data, size_hint)

        monkeypatch.setattr(storage, "dumps", spy)


def month_file(store: Store) -> Path:
    return store.path / "entries" / "2026-11.json"


def test_an_added_entry_encodes_only_itself(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(data_dir)
    store.entries.add_many([entry(i) for i in range(300)])
    encoded = Encoded(monkeypatch)
    fresh = Store(data_dir)  # another process: reads the month, then appends one entry
    added = fresh.entries.add(entry(400, note="one more"))
    assert encoded.kinds == ["meta", "docs"]  # the id counter, then the new document alone
    assert Store(data_dir).entries.get(added.id) == added


def test_appended_files_read_as_if_encoded_whole(engine: str, data_dir: Path) -> None:
    store = Store(data_dir)
    notes = ["", "naïve 🐨", 'quote " and \\ back', "line\nbreak\u2028", "x" * 300]
    added = [store.entries.add(entry(i, notes[i % len(notes)])) for i in range(12)]
    added += store.entries.add_many([entry(20 + i, "bulk") for i in range(3)])
    payload = month_file(store).read_bytes()
    data = json.loads(payload)
    assert payload == storage.dumps(data)  # byte for byte what a whole encoding writes
    assert list(data) == ["_default", "_meta"]
    assert list(data["_default"]) == [str(e.id) for e in added]
    assert sorted(Store(data_dir).entries.all(), key=lambda e: e.id) == added


def test_stock_tinydb_opens_what_the_store_wrote(data_dir: Path) -> None:
    from tinydb import TinyDB

    store = Store(data_dir)
    store.clients.add(Client(name="Acme", tz="UTC"))
    added = [store.entries.add(entry(i)) for i in range(3)]
    with TinyDB(month_file(store)) as db:
        docs = db.table("_default").all()
    assert [doc.doc_id for doc in docs] == [e.id for e in added]
    assert [doc["start"] for doc in docs] == [e.start.strftime("%Y-%m-%dT%H:%M:%SZ") for e in added]


def test_a_file_in_another_layout_is_rewritten_whole_then_spliced(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stock TinyDB file (spaces, no _meta) cannot be spliced: the first insert encodes it
    in the store's layout, the next ones splice."""
    path = data_dir / "entries" / "2026-11.json"
    path.parent.mkdir(parents=True)
    first = {"client_id": 1, "start": "2026-11-02T09:00:00Z", "end": "2026-11-02T10:00:00Z"}
    path.write_text(json.dumps({"_default": {"1": first}}))
    store = Store(data_dir)
    storage_ = store.storage("entries/2026-11.json")
    assert storage_.read() is not None and storage_._end is None
    encoded = Encoded(monkeypatch)
    a = store.entries.add(entry(5))
    assert encoded.kinds[-1] == "entries"  # encoded whole, in the store's layout
    assert storage_._end is not None
    encoded.kinds.clear()
    b = store.entries.add(entry(6))
    assert encoded.kinds == ["meta", "docs"]
    assert [e.id for e in Store(data_dir).entries.all()] == [1, a.id, b.id]


def test_an_empty_table_gets_no_leading_comma(data_dir: Path) -> None:
    store = Store(data_dir)
    first = store.entries.add(entry(1))
    store.entries.delete(first.id)
    assert json.loads(month_file(store).read_bytes())["_default"] == {}
    second = store.entries.add(entry(2))
    assert [e.id for e in Store(data_dir).entries.all()] == [second.id]


def test_a_taken_id_is_refused_and_nothing_is_written(data_dir: Path) -> None:
    store = Store(data_dir)
    stored = store.entries.add(entry(1))
    before = month_file(store).read_bytes()
    with store.transaction(), pytest.raises(ValueError, match="already exists"):
        store.insert_raw("entries/2026-11.json", {str(stored.id): {"client_id": 9}})
    assert month_file(store).read_bytes() == before
    assert store.entries.get(stored.id) == stored


def test_a_failed_append_leaves_the_old_file_and_a_clean_cache(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(data_dir)
    kept = [store.entries.add(entry(i)) for i in range(3)]
    path = month_file(store)
    before = path.read_bytes()
    real_write = os.write

    def full_disk(fd: int, data: object) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "write", full_disk)
    with pytest.raises(OSError, match="No space"):
        store.entries.add(entry(10))
    monkeypatch.setattr(os, "write", real_write)
    assert path.read_bytes() == before
    assert list(store.entries.all()) == kept  # the cache did not keep the failed entry
    assert list(store.path.rglob(".*.tmp")) == []
    added = store.entries.add(entry(11))
    assert [e.id for e in Store(data_dir).entries.all()] == [*(e.id for e in kept), added.id]


def test_another_writer_between_two_appends_is_kept(data_dir: Path) -> None:
    mine, theirs = Store(data_dir), Store(data_dir)
    a = mine.entries.add(entry(1))
    b = theirs.entries.add(entry(2))  # replaces the month mine has cached
    c = mine.entries.add(entry(3))
    assert [e.id for e in Store(data_dir).entries.all()] == [a.id, b.id, c.id]


def test_bulk_appends_write_each_file_once(data_dir: Path) -> None:
    store = Store(data_dir)
    store.entries.add(entry(0))
    with store.bulk():
        made = [store.entries.add(entry(i)) for i in range(1, 6)]
        assert json.loads(month_file(store).read_bytes())["_default"].keys() == {"1"}
    assert [e.id for e in Store(data_dir).entries.all()] == [1, *(e.id for e in made)]


# -- parse_tables ---------------------------------------------------------------------------

TAIL = layout_tail("entries")


@pytest.mark.parametrize(
    "payload",
    [
        b'{"_default":{}' + TAIL,
        b'{"_default":{"1":{"note":"\xc4\x8c \\" }"}}' + TAIL,
        b'{"_default":{"1":{"a":1},"1":{"a":2}}' + TAIL,
    ],
)
def test_the_own_layout_is_parsed_in_place(engine: str, payload: bytes) -> None:
    data, end = parse_tables(payload, "entries")
    assert data == json.loads(payload)
    if engine == "json":
        assert end == len(payload) - len(TAIL) - 1 and payload[end : end + 1] == b"}"
    else:
        assert end is None  # orjson reads it whole: no offsets


@pytest.mark.parametrize(
    "payload",
    [
        b'{"_default": {"1": {"a": 1}}}',  # stock TinyDB
        b'{"_default":{"1":{"a":1}},"x":{}' + TAIL,  # another table before _meta
        b'{"_default":{"1":{"a":1}}' + layout_tail("clients"),  # another kind
        b'{"_default":{"1":{"a":"\\ud83d\\udc28"}}' + TAIL,  # left to orjson
        b'{"_default":{"1":{"a":1}}}' + TAIL[:-1] + b"}",  # the table closes early
    ],
)
def test_other_layouts_are_parsed_whole(engine: str, payload: bytes) -> None:
    try:
        expected = parse_document(payload)
    except ValueError:
        with pytest.raises(ValueError):
            parse_tables(payload, "entries")
        return
    data, end = parse_tables(payload, "entries")
    assert data == expected and end is None


@pytest.mark.parametrize(
    "payload",
    [
        b'{"_default":{"1":{"a":NaN}}' + TAIL,
        b'{"_default":{"1":{"a":1e400}}' + TAIL,
        b'{"_default":{"1":{"a":"\xff"}}' + TAIL,
        b'{"_default":{"1":{"a":1,}}' + TAIL,
        b'{"_default":{"1":' * 3000 + b"{}" + b"}" * 3000 + TAIL,
    ],
)
def test_broken_own_layout_files_are_refused(engine: str, payload: bytes) -> None:
    with pytest.raises(ValueError):
        parse_tables(payload, "entries")


def test_an_older_schema_is_not_taken_for_the_own_layout(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    payload = b'{"_default":{"1":{"a":1}}' + layout_tail("entries")
    monkeypatch.setattr(models, "SCHEMA_VERSION", models.SCHEMA_VERSION + 1)
    assert parse_tables(payload, "entries")[1] is None


def test_the_cache_keeps_the_bytes_only_with_their_offset(data_dir: Path) -> None:
    store = Store(data_dir)
    store.entries.add(entry(1))
    fresh = AtomicJSONStorage(month_file(store), kind="entries")
    fresh.read()
    assert fresh._payload == month_file(store).read_bytes() and fresh._end is not None
    fresh.close()
    assert fresh._payload is None and fresh._end is None
