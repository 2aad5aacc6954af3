"""Daily backups, migrations of older folders, and id counters rebuilt after a loss."""

from __future__ import annotations

import dataclasses
import os
import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest

from vaplanner.core import models
from vaplanner.core.errors import CorruptFileError, StoreError
from vaplanner.core.models import Client, Entry, Settings
from vaplanner.store import migrations
from vaplanner.store.store import Store

FIXTURE = Path(__file__).with_name("fixtures") / "schema1"


class Clock:
    """A settable 'now' for the store."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 11, 28, 13, 32, tzinfo=UTC))


@pytest.fixture
def store(data_dir: Path, clock: Clock) -> Store:
    store = Store(data_dir, clock=clock)
    store.save_settings(Settings(home_tz="Pacific/Auckland", backups_keep=3))
    store.clients.add(Client(name="Acme", tz="UTC"))
    start = datetime(2026, 10, 5, 9, tzinfo=UTC)
    store.entries.add_many([Entry(1, start, start + timedelta(hours=1))])
    return store


def backups(store: Store) -> list[str]:
    folder = store.path / "backups"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def new_day(store: Store, clock: Clock, days: int = 1) -> Store:
    """The same folder opened by a process on a later day."""
    clock.now += timedelta(days=days)
    return Store(store.path, clock=clock)


def add_entry(store: Store, day: int = 2) -> None:
    start = datetime(2026, 11, day, 9, tzinfo=UTC)
    store.entries.add(Entry(1, start, start + timedelta(hours=1)))


def test_the_first_write_of_each_day_backs_up_the_folder(store: Store, clock: Clock) -> None:
    # the fixture's first write found an empty folder; its second write was the first of
    # 29 Nov in Auckland (the home zone), and that backup holds the settings only
    assert backups(store) == ["2026-11-29"]
    assert [p.name for p in (store.path / "backups" / "2026-11-29").iterdir()] == ["settings.json"]
    later = new_day(store, clock)
    add_entry(later)
    assert backups(store) == ["2026-11-29", "2026-11-30"]  # 29 Nov 13:32 UTC: the 30th there
    copy = store.path / "backups" / "2026-11-30"
    assert (copy / "clients.json").read_bytes() == (store.path / "clients.json").read_bytes()
    assert (copy / "entries" / "2026-10.json").exists()
    assert not (copy / "entries" / "2026-11.json").exists()  # written after the backup
    add_entry(later, 3)
    Store(store.path, clock=clock).clients.add(Client(name="Koala", tz="UTC"))
    assert backups(store) == ["2026-11-29", "2026-11-30"]  # once a day


def test_backups_are_private_and_share_unchanged_files(store: Store, clock: Clock) -> None:
    add_entry(new_day(store, clock))
    add_entry(new_day(store, clock), 3)
    first, second = (store.path / "backups" / name for name in backups(store)[-2:])
    october = "entries/2026-10.json"
    assert (first / october).stat().st_ino == (second / october).stat().st_ino
    november = "entries/2026-11.json"
    assert not (first / november).exists() and (second / november).exists()
    live = {(store.path / rel).stat().st_ino for rel in (october, november, "clients.json")}
    for path in store.path.joinpath("backups").rglob("*"):
        assert path.stat().st_ino not in live, "a backup must never share the live file"
        mode = path.stat().st_mode & 0o777
        assert mode == (0o700 if path.is_dir() else 0o600), path
    assert (store.path / "backups").stat().st_mode & 0o777 == 0o700


def test_only_the_newest_backups_are_kept(store: Store, clock: Clock) -> None:
    for day in range(5):
        add_entry(new_day(store, clock), day + 2)
    assert backups(store) == ["2026-12-02", "2026-12-03", "2026-12-04"]


def test_backups_can_be_turned_off(store: Store, clock: Clock) -> None:
    store.save_settings(dataclasses.replace(store.get_settings(), backups_keep=0))
    add_entry(new_day(store, clock))
    assert backups(store) == ["2026-11-29"]


def test_backup_now(store: Store, clock: Clock) -> None:
    made = store.backup_now()
    assert made.name == "2026-11-29T023200"  # Auckland time
    assert (made / "settings.json").exists()
    with pytest.raises(StoreError, match="nothing to back up"):
        Store(store.path / "empty", clock=clock).backup_now()


def test_a_corrupt_file_names_the_newest_good_backup(store: Store, clock: Clock) -> None:
    new_day(store, clock).clients.add(Client(name="Koala", tz="UTC"))
    add_entry(new_day(store, clock), 3)  # clients.json changed: a fresh copy, not a link
    newest = store.path / "backups" / "2026-12-01" / "clients.json"
    newest.write_bytes(b"{ broken")  # the newest copy is bad too: name the one before
    (store.path / "clients.json").write_bytes(b"")
    with pytest.raises(CorruptFileError) as caught:
        Store(store.path).clients.all()
    expected = store.path / "backups" / "2026-11-30" / "clients.json"
    assert caught.value.newest_backup == str(expected)
    assert str(expected) in str(caught.value) and "doctor --restore" in str(caught.value)


def test_a_failed_backup_stops_the_write_with_a_clear_error(
    store: Store, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_space(*args: Any, **kwargs: Any) -> None:
        raise OSError(28, "No space left on device")

    later = new_day(store, clock)
    monkeypatch.setattr("vaplanner.store.backups._copy_private", no_space)
    with pytest.raises(StoreError, match="could not back up.*backups_keep 0"):
        add_entry(later)
    monkeypatch.undo()
    assert backups(store) == ["2026-11-29"]  # no half-made backup
    add_entry(later)
    assert backups(store) == ["2026-11-29", "2026-11-30"]


def copy_fixture(target: Path) -> Path:
    shutil.copytree(FIXTURE, target)
    return target


def test_a_schema_1_folder_opens(tmp_path: Path) -> None:
    store = Store(copy_fixture(tmp_path / "old"))
    assert [c.name for c in store.clients.all()][:2] == ["Acme", "Koala Digital"]
    assert store.clients.find("ceb").tz == "Europe/Ljubljana"
    assert len(list(store.entries.all())) == 171
    assert store.get_settings().home_tz == "Europe/Ljubljana"
    assert {t.status for t in store.tasks.all()} == set(models.TASK_STATUSES)
    assert len(store.checkins.all()) == 2  # a file without a _meta table (stock TinyDB)
    assert store.meetings.get(1).uid == "meeting-1@vaplanner"
    added = store.entries.add(
        Entry(1, datetime(2026, 11, 28, tzinfo=UTC), datetime(2026, 11, 28, 1, tzinfo=UTC))
    )
    assert added.id == 172


def test_migrations_run_at_open_after_a_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = copy_fixture(tmp_path / "old")
    before = {p: p.read_bytes() for p in folder.rglob("*.json")}

    def v1_to_v2(kind: str, data: dict[str, Any]) -> dict[str, Any]:
        if kind == "entries":
            for doc in data.get("_default", {}).values():
                doc["note"] = f"[v2] {doc.get('note', '')}"
        return data

    monkeypatch.setattr(models, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(migrations.MIGRATIONS, 1, v1_to_v2)
    clock = Clock(datetime(2026, 11, 28, 13, 32, tzinfo=UTC))
    store = Store(folder, clock=clock)
    # reading upgrades in memory and writes nothing
    assert all(e.note.startswith("[v2]") for e in store.entries.all())
    assert {p: p.read_bytes() for p in folder.rglob("*.json")} == before
    # the first write migrates the folder, after a backup of the old files
    store.clients.add(Client(name="New", tz="UTC"))
    saved = folder / "backups" / "2026-11-28-before-schema-2"
    for path, payload in before.items():
        assert (saved / path.relative_to(folder)).read_bytes() == payload
    for path in folder.glob("*.json"):
        assert orjson.loads(path.read_bytes())["_meta"]["1"]["schema"] == 2, path
    raw = orjson.loads((folder / "entries" / "2026-11.json").read_bytes())["_default"]
    assert all(doc["note"].startswith("[v2]") for doc in raw.values())
    assert not any(doc["note"].startswith("[v2] [v2]") for doc in raw.values())
    assert all(e.note.startswith("[v2]") for e in Store(folder).entries.all())


def test_a_missing_migration_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = copy_fixture(tmp_path / "old")
    monkeypatch.setattr(models, "SCHEMA_VERSION", 3)
    with pytest.raises(StoreError, match="no migration from data schema 1 to 2"):
        Store(folder).clients.all()


def test_lost_id_counters_are_rebuilt_so_ids_are_never_reused(store: Store) -> None:
    add_entry(store)
    (store.path / "meta.json").unlink()
    fresh = Store(store.path)
    assert (
        fresh.entries.add(
            Entry(1, datetime(2026, 12, 1, tzinfo=UTC), datetime(2026, 12, 1, 1, tzinfo=UTC))
        ).id
        == 3
    )
    assert fresh.clients.add(Client(name="Koala", tz="UTC")).id == 2
    start = datetime(2026, 10, 5, 9, tzinfo=UTC)
    assert [e.id for e in fresh.entries.between(start, start + timedelta(hours=1))] == [1]


def test_today_is_the_home_zone_day(store: Store, clock: Clock) -> None:
    clock.now = datetime(2026, 11, 29, 10, 59, tzinfo=UTC)  # 23:59 in Auckland
    add_entry(Store(store.path, clock=clock))
    clock.now = datetime(2026, 11, 29, 11, 1, tzinfo=UTC)  # 00:01 next day there
    add_entry(Store(store.path, clock=clock), 3)
    assert backups(store) == ["2026-11-29", "2026-11-30"]
    assert date(2026, 11, 30).isoformat() in os.listdir(store.path / "backups")


def test_a_half_built_backup_is_never_used_and_is_swept(store: Store, clock: Clock) -> None:
    """A writer killed while copying leaves a hidden .building- folder: not a backup."""
    half = store.path / "backups" / ".building-2026-11-30-deadbeef"
    half.mkdir(parents=True)
    (half / "clients.json").write_bytes((store.path / "clients.json").read_bytes())
    (store.path / "clients.json").write_bytes(b"")
    with pytest.raises(CorruptFileError) as caught:
        Store(store.path).clients.all()
    assert caught.value.newest_backup is None  # the only copy is in the half-built one
    (store.path / "clients.json").write_bytes((half / "clients.json").read_bytes())
    add_entry(new_day(store, clock))
    assert not half.exists()
    assert backups(store) == ["2026-11-29", "2026-11-30"]
