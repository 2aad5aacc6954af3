"""The files themselves: corrupt files, stale temp files, schema versions, the lock."""

from __future__ import annotations

import os
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import orjson
import pytest

from vaplanner.core.errors import CorruptFileError, LockedError, SchemaError
from vaplanner.core.models import Client, Entry
from vaplanner.store.storage import AtomicJSONStorage
from vaplanner.store.store import Store

NOV = datetime(2026, 11, 2, 9, tzinfo=UTC)
DEC = datetime(2026, 12, 2, 9, tzinfo=UTC)


def entry(start: datetime) -> Entry:
    return Entry(client_id=1, start=start, end=start + timedelta(hours=1))


@pytest.fixture
def store(data_dir: Path) -> Store:
    store = Store(data_dir)
    store.clients.add(Client(name="Acme", tz="UTC"))
    store.entries.add_many([entry(NOV + timedelta(days=d)) for d in range(20)])
    store.entries.add(entry(DEC))
    return store


def test_a_file_cut_in_half_is_named_and_never_overwritten(store: Store) -> None:
    path = store.path / "entries" / "2026-11.json"
    whole = path.read_bytes()
    path.write_bytes(whole[: len(whole) // 2])
    cut = path.read_bytes()
    fresh = Store(store.path)
    with pytest.raises(CorruptFileError) as caught:
        fresh.entries.between(NOV, NOV + timedelta(days=1))
    assert str(path) in str(caught.value)
    assert "left untouched" in str(caught.value) and "doctor" in str(caught.value)
    with pytest.raises(CorruptFileError):
        fresh.entries.add(entry(NOV))  # a write to that month must not replace it
    assert path.read_bytes() == cut
    # the rest of the folder keeps working
    assert [e.start for e in fresh.entries.between(DEC, DEC + timedelta(days=1))] == [DEC]
    assert fresh.entries.add(entry(DEC + timedelta(days=1))).id == 22
    assert fresh.clients.find("acme").id == 1
    assert path.read_bytes() == cut


@pytest.mark.parametrize(
    "content",
    [b"", b"[1, 2]", b'{"_default": [1]}', b"\x00\x00\x00", b'{"_default": {"1": {"start": 5}}}'],
)
def test_unreadable_content_is_reported(store: Store, content: bytes) -> None:
    path = store.path / "entries" / "2026-12.json"
    path.write_bytes(content)
    with pytest.raises(CorruptFileError, match=str(path)):
        Store(store.path).entries.between(DEC, DEC + timedelta(days=1))
    assert path.read_bytes() == content


def test_a_record_that_does_not_fit_names_the_file_and_record(store: Store) -> None:
    path = store.path / "clients.json"
    data = orjson.loads(path.read_bytes())
    data["_default"]["1"]["tz"] = 42
    path.write_bytes(orjson.dumps(data))
    with pytest.raises(CorruptFileError, match=r"clients\.json: record 1: Client\.tz"):
        Store(store.path).clients.all()


def test_every_file_carries_its_schema(store: Store) -> None:
    for path in store.path.rglob("*.json"):
        meta = orjson.loads(path.read_bytes())["_meta"]["1"]
        assert meta["schema"] == 1 and meta["kind"], path


def test_a_newer_schema_is_refused(store: Store) -> None:
    path = store.path / "clients.json"
    data = orjson.loads(path.read_bytes())
    data["_meta"]["1"]["schema"] = 99
    path.write_bytes(orjson.dumps(data))
    with pytest.raises(SchemaError, match="newer vaplanner"):
        Store(store.path).clients.all()
    with pytest.raises(SchemaError):
        Store(store.path).clients.add(Client(name="Koala", tz="UTC"))
    assert orjson.loads(path.read_bytes())["_meta"]["1"]["schema"] == 99


def test_stock_tinydb_files_without_meta_are_read_as_schema_1(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "clients.json").write_text('{"_default": {"4": {"name": "Old", "tz": "UTC"}}}')
    store = Store(data_dir)
    assert store.clients.get(4).name == "Old"
    assert store.clients.add(Client(name="New", tz="UTC")).id == 5


def test_stale_temp_files_are_removed_by_the_next_writer(store: Store) -> None:
    stale = [
        store.path / ".clients.json.deadbeef.tmp",
        store.path / "entries" / ".2026-11.json.0badf00d.tmp",
    ]
    for path in stale:
        path.write_bytes(b'{"half')
    other = store.path / "notes.tmp"  # not ours: left alone
    other.write_text("keep")
    fresh = Store(store.path)
    fresh.clients.all()
    assert all(p.exists() for p in stale), "reading must not delete anything"
    fresh.entries.add(entry(DEC))
    assert not any(p.exists() for p in stale)
    assert other.exists()


def test_another_process_holding_the_lock_times_out_clearly(store: Store) -> None:
    holder = Store(store.path)
    waiting = Store(store.path, lock_timeout=0.2)
    with holder.transaction(), pytest.raises(LockedError, match="busy.*0.2 s"):
        waiting.clients.add(Client(name="Koala", tz="UTC"))
    assert waiting.clients.add(Client(name="Koala", tz="UTC")).id == 2


def test_transactions_are_reentrant_and_serialise_threads(store: Store) -> None:
    order: list[str] = []

    def other_thread() -> None:
        with store.transaction():
            order.append("thread")

    with store.transaction(), store.transaction():
        thread = threading.Thread(target=other_thread)
        thread.start()
        thread.join(0.2)
        assert thread.is_alive()  # waiting for us
        order.append("main")
    thread.join(5)
    assert order == ["main", "thread"]


def test_the_cache_is_used_until_the_file_changes(store: Store) -> None:
    storage = AtomicJSONStorage(store.path / "clients.json")
    first = storage.read()
    assert storage.read() is first
    Store(store.path).clients.add(Client(name="Koala", tz="UTC"))
    second = storage.read()
    assert second is not first and second is not None
    assert len(second["_default"]) == 2


def test_a_failed_write_leaves_the_old_file_and_a_clean_cache(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = store.path / "clients.json"
    before = path.read_bytes()

    def full_disk(fd: int, data: object) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "write", full_disk)
    with pytest.raises(OSError, match="No space"):
        store.clients.add(Client(name="Koala", tz="UTC"))
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert [c.name for c in store.clients.all()] == ["Acme"]
    assert list(store.path.glob(".*.tmp")) == []


def test_a_rewrite_hidden_behind_an_equal_stat_key_is_not_lost(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a coarse-timestamp file system a rewrite of the same size can keep the cached
    (mtime, size) and even recycle the inode number; a writer must still never write back
    a stale copy. Simulated with a stat key that sees the size only."""
    import dataclasses

    from vaplanner.store import storage

    frozen = time.time_ns()  # every rewrite keeps this "mtime": a recent, coarse timestamp
    monkeypatch.setattr(storage, "stat_key", lambda st: (frozen, st.st_size, 0))
    mine, theirs = Store(store.path), Store(store.path)
    mine.clients.add(Client(name="Koala", tz="UTC"))  # mine has clients.json cached now
    theirs.clients.update(dataclasses.replace(theirs.clients.get(1), name="Acmf"))
    mine.clients.add(Client(name="Brightside", tz="UTC"))  # a read-modify-write of the file
    names = [c.name for c in Store(store.path).clients.all()]
    assert names == ["Acmf", "Brightside", "Koala"]
