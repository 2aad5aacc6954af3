"""Repositories on a real data folder: ids, finding clients, partitions, caches."""

from __future__ import annotations

import dataclasses
import os
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from vaplanner.core.errors import (
    AmbiguousError,
    ConflictError,
    CorruptFileError,
    InputError,
    NotFoundError,
)
from vaplanner.core.models import (
    Block,
    Checkin,
    Client,
    Entry,
    Invoice,
    InvoiceLine,
    Meeting,
    Request,
    Settings,
    Task,
    Timer,
)
from vaplanner.store.store import Store


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


@pytest.fixture
def store(data_dir: Path) -> Store:
    return Store(data_dir)


def add_clients(store: Store) -> list[Client]:
    return [
        store.clients.add(Client(name="Acme", tz="America/New_York", key="1")),
        store.clients.add(Client(name="Koala Co", tz="Australia/Sydney", key="2")),
        store.clients.add(Client(name="Brightside", tz="Europe/London", key="b")),
        store.clients.add(Client(name="Čebelica", tz="Europe/Ljubljana")),
        store.clients.add(Client(name="Brightwell", tz="Europe/London", status="archived")),
    ]


def test_nothing_is_created_until_the_first_write(data_dir: Path) -> None:
    store = Store(data_dir)
    assert store.clients.all() == []
    assert store.timer.get() is None
    assert store.get_settings() == Settings()
    assert store.entries.between(utc(2026, 1, 1), utc(2027, 1, 1)) == []
    assert not data_dir.exists()


def test_ids_count_up_per_kind_and_are_never_reused(store: Store) -> None:
    a = store.clients.add(Client(name="A", tz="UTC"))
    b = store.clients.add(Client(name="B", tz="UTC"))
    assert (a.id, b.id) == (1, 2)
    store.clients.delete(b.id)
    assert store.clients.add(Client(name="C", tz="UTC")).id == 3
    assert store.tasks.add(Task(client_id=1, title="t")).id == 1


def test_client_order_and_archived(store: Store) -> None:
    add_clients(store)
    assert [c.name for c in store.clients.all()] == ["Acme", "Koala Co", "Brightside", "Čebelica"]
    assert len(store.clients.all(include_archived=True)) == 5


@pytest.mark.parametrize(
    ("ref", "name"),
    [
        ("1", "Acme"),  # id (and hotkey) 1
        ("2", "Koala Co"),
        ("b", "Brightside"),  # hotkey wins over the prefix "b"
        ("B", "Brightside"),
        ("acme", "Acme"),
        ("koala", "Koala Co"),
        ("KOALA CO", "Koala Co"),
        ("ceb", "Čebelica"),  # accents ignored
        ("Čeb", "Čebelica"),
        ("brightw", "Brightwell"),  # archived clients can still be found
        ("bright", "Brightside"),  # ambiguous, but only one of them is active
        ("4", "Čebelica"),
    ],
)
def test_find(store: Store, ref: str, name: str) -> None:
    add_clients(store)
    assert store.clients.find(ref).name == name


def test_find_errors_list_the_options(store: Store) -> None:
    add_clients(store)
    store.clients.add(Client(name="Koalition", tz="UTC"))
    with pytest.raises(AmbiguousError, match=r"Koala Co \(id 2\).*Koalition"):
        store.clients.find("koal")
    with pytest.raises(NotFoundError, match="no client matches 'zed'.*Acme"):
        store.clients.find("zed")
    with pytest.raises(NotFoundError, match="no client matches '  '"):
        store.clients.find("  ")


def test_find_by_id_or_hotkey_is_what_the_full_search_picks(store: Store) -> None:
    import json

    from vaplanner.store.repos import ClientRepo

    add_clients(store)
    store.clients.add(Client(name="Three", tz="UTC", key="3"))  # id 6, hotkey "3"
    path = store.path / "clients.json"
    data = json.loads(path.read_bytes())
    data["_default"]["5"]["key"] = "B"  # a hand edit: two clients with hotkey b
    path.write_text(json.dumps(data))
    repo = Store(store.path).clients
    briefs = repo._briefs()
    picked = {c.id for c in briefs}
    for ref in ["1", "2", "3", "6", " 2 ", "b", "B", "acme"]:
        full = ClientRepo._find(repo, ref, sorted(briefs, key=lambda c: c.id))  # any order
        quick = ClientRepo._by_id_or_hotkey(ref.strip(), briefs)
        assert quick is None or quick.id == full.id, ref
        assert repo.find(ref).id in picked
    assert repo.find("3").name == "Brightside"  # an id wins over a hotkey
    assert repo.find("b").name in ("Brightside", "Brightwell")
    with pytest.raises(NotFoundError, match="no client matches .9."):
        repo.find("9")
    with pytest.raises(NotFoundError, match="no client matches .²."):
        repo.find("²")


def test_find_gives_the_whole_client(store: Store) -> None:
    clients = add_clients(store)
    for client in clients:
        assert Store(store.path).clients.find(client.name.upper()) == client


@pytest.mark.parametrize(
    "change", [{"name": 42}, {"key": 7}, {"status": None}, {"name": None}, {"tz": 5}]
)
def test_find_names_a_broken_client_record(store: Store, change: dict[str, object]) -> None:
    import json

    add_clients(store)
    path = store.path / "clients.json"
    data = json.loads(path.read_bytes())
    data["_default"]["3"].update(change)
    path.write_text(json.dumps(data))
    with pytest.raises(CorruptFileError, match=r"clients\.json: record 3"):
        Store(store.path).clients.find("brightside")


def test_find_in_an_empty_store_says_how_to_add(store: Store) -> None:
    with pytest.raises(NotFoundError, match="client add"):
        store.clients.find("acme")


def test_duplicate_names_and_hotkeys_are_refused(store: Store) -> None:
    acme, koala, *_ = add_clients(store)
    with pytest.raises(ConflictError, match="already exists"):
        store.clients.add(Client(name="ACME", tz="UTC"))
    with pytest.raises(ConflictError, match="taken by Acme"):
        store.clients.add(Client(name="New", tz="UTC", key="1"))
    with pytest.raises(ConflictError, match="taken by Acme"):
        store.clients.update(dataclasses.replace(koala, key="1"))
    with pytest.raises(ConflictError, match="not allowed"):
        store.clients.add(Client(name="New", tz="UTC", key="0"))
    # a client may keep its own name and key
    renamed = store.clients.update(dataclasses.replace(acme, color="#ff0000"))
    assert store.clients.get(acme.id) == renamed
    assert len(store.clients.all(include_archived=True)) == 5


def test_simple_repos_round_trip(store: Store) -> None:
    meeting = store.meetings.add(
        Meeting(client_id=1, title="Weekly", start_local=datetime(2026, 12, 1, 9), tz="UTC")
    )
    assert meeting.uid == "meeting-1@vaplanner"
    kept = store.meetings.add(
        Meeting(client_id=1, title="X", start_local=datetime(2026, 12, 1), tz="UTC", uid="abc")
    )
    assert kept.uid == "abc"
    invoice = store.invoices.add(
        Invoice(
            client_id=1,
            number="2026-001",
            issued=date(2026, 11, 30),
            due=date(2026, 12, 14),
            currency="EUR",
            lines=(InvoiceLine("Support", Decimal("2.5"), Decimal("40"), Decimal("100.00")),),
        )
    )
    request = store.requests.add(
        Request(1, "Call back", "email", utc(2026, 11, 28, 9), utc(2026, 11, 29, 9))
    )
    checkin = store.checkins.add(Checkin(client_id=1, at=utc(2026, 11, 28), score=4))
    fresh = Store(store.path)
    assert fresh.meetings.all() == [meeting, kept]
    assert fresh.invoices.get(invoice.id) == invoice
    assert fresh.requests.get(request.id) == request
    assert fresh.checkins.all() == [checkin]
    paid = fresh.invoices.update(dataclasses.replace(invoice, status="paid"))
    assert store.invoices.get(invoice.id) == paid
    fresh.checkins.delete(checkin.id)
    assert store.checkins.all() == []
    with pytest.raises(NotFoundError, match="no check-in with id 9"):
        store.checkins.delete(9)
    with pytest.raises(NotFoundError, match="no meeting with id 9"):
        store.meetings.get(9)
    with pytest.raises(NotFoundError):
        store.invoices.update(dataclasses.replace(invoice, id=42))


def test_settings_and_timer(store: Store) -> None:
    settings = Settings(home_tz="Europe/Ljubljana", buffer_minutes=5, keymap=(("quit", "q"),))
    store.save_settings(settings)
    assert Store(store.path).get_settings() == settings
    timer = Timer(client_id=1, started=utc(2026, 11, 28, 9), note="inbox")
    store.timer.set(timer)
    assert Store(store.path).timer.get() == timer
    store.timer.set(None)
    assert Store(store.path).timer.get() is None
    assert (store.path / "timer.json").stat().st_size < 200


def entry(start: datetime, minutes: int = 60, client_id: int = 1) -> Entry:
    return Entry(client_id=client_id, start=start, end=start + timedelta(minutes=minutes))


def test_entries_live_in_the_month_of_their_start(store: Store) -> None:
    late = store.entries.add(entry(utc(2026, 10, 31, 23, 30), 90))  # ends in November
    nov = store.entries.add(entry(utc(2026, 11, 2, 9)))
    store.entries.add(entry(utc(2026, 12, 1, 9)))
    assert store.entries.months() == ["2026-10", "2026-11", "2026-12"]
    assert (store.path / "entries" / "2026-10.json").exists()
    november = store.entries.between(utc(2026, 11, 1), utc(2026, 12, 1))
    assert november == [late, nov]
    assert store.entries.between(utc(2026, 11, 1, 1), utc(2026, 11, 2, 9)) == []
    assert [e.id for e in store.entries.all()] == [1, 2, 3]


def test_between_reaches_back_as_far_as_the_longest_record(store: Store) -> None:
    long = store.entries.add(entry(utc(2026, 8, 30), 60 * 24 * 70))  # 70 days
    assert store.entries.between(utc(2026, 11, 1), utc(2026, 11, 2)) == [long]


def test_a_range_ending_at_a_month_start_reads_nothing_of_that_month(store: Store) -> None:
    inside = store.entries.add(entry(utc(2026, 10, 31, 23, 59, 59), 0))  # zero length, inside
    at_end = store.entries.add(entry(utc(2026, 11, 1), 30))  # starts where the range ends
    october = (utc(2026, 10, 1), utc(2026, 11, 1))
    assert store.entries.between(*october) == [inside]
    # November's file is not even read: a broken one does not get in the way
    (store.path / "entries" / "2026-11.json").write_bytes(b"{broken")
    assert Store(store.path).entries.between(*october) == [inside]
    assert at_end.id == 2


def test_between_finds_exactly_the_overlapping_records(store: Store) -> None:
    """Against a plain filter over every record: long and zero-length records, ranges of
    every size and alignment (month starts, empty ranges)."""
    import random

    rng = random.Random(7)
    base = utc(2026, 9, 1)
    lengths = [0, 0, 15, 45, 90, 600, 60 * 24 * 3]
    made = [
        entry(base + timedelta(minutes=rng.randrange(0, 120 * 24 * 60)), rng.choice(lengths))
        for _ in range(300)
    ]
    made += [entry(utc(2026, 10, 1), 0), entry(utc(2026, 10, 31, 23), 120)]
    stored = store.entries.add_many(made)
    edges = [utc(2026, 10, 1), utc(2026, 11, 1), utc(2026, 12, 1)]
    points = edges + [base + timedelta(minutes=rng.randrange(0, 130 * 24 * 60)) for _ in range(40)]
    points += [e.end for e in stored[:15]] + [e.start for e in stored[15:30]]  # edges touch
    fresh = Store(store.path)
    for start in points:
        later = sorted(p for p in points if p > start)[:3]
        for end in (start, *later, start + timedelta(days=40)):
            expected = [
                e
                for e in stored
                if (start <= e.start < end if e.start == e.end else e.start < end and e.end > start)
            ]
            expected.sort(key=lambda e: (e.start, e.id))
            assert fresh.entries.between(start, end) == expected, (start, end)


def test_between_at_second_edges_with_fractions_and_offsets(store: Store) -> None:
    """Records and bounds a second apart, with and without fractions of a second, bounds in
    another zone: what the text comparison skips is exactly what cannot overlap."""
    from zoneinfo import ZoneInfo

    base = utc(2026, 11, 2, 9)
    tick = timedelta(microseconds=250_000)
    made = []
    for i in range(-3, 4):
        start = base + timedelta(seconds=i)
        made += [entry(start, 0), entry(start, 1), Entry(1, start + tick, start + 3 * tick)]
    stored = store.entries.add_many(made)
    fresh = Store(store.path)
    lju = ZoneInfo("Europe/Ljubljana")
    for a in range(-5, 6):
        for b in range(a, 7):
            for fraction in (timedelta(0), tick):
                start = base + timedelta(seconds=a) + fraction
                end = base + timedelta(seconds=b) + fraction
                expected = [
                    e
                    for e in stored
                    if (
                        start <= e.start < end
                        if e.start == e.end
                        else e.start < end and e.end > start
                    )
                ]
                expected.sort(key=lambda e: (e.start, e.id))
                got = fresh.entries.between(start.astimezone(lju), end.astimezone(lju))
                assert got == expected, (a, b, fraction)


def test_entry_update_moves_between_months(store: Store) -> None:
    first = store.entries.add(entry(utc(2026, 11, 2, 9)))
    moved = store.entries.update(
        dataclasses.replace(first, start=utc(2026, 9, 1), end=utc(2026, 9, 1, 1))
    )
    assert store.entries.get(first.id) == moved
    assert store.entries.between(utc(2026, 11, 1), utc(2026, 12, 1)) == []
    assert Store(store.path).entries.get(first.id) == moved
    store.entries.delete(first.id)
    with pytest.raises(NotFoundError, match="no entry with id 1"):
        store.entries.get(first.id)
    with pytest.raises(NotFoundError):
        store.entries.update(moved)


def test_entries_must_be_aware_and_ordered(store: Store) -> None:
    with pytest.raises(InputError, match="aware"):
        store.entries.add(Entry(1, datetime(2026, 1, 1), datetime(2026, 1, 1, 1)))
    with pytest.raises(InputError, match="before it starts"):
        store.blocks.add(Block(utc(2026, 1, 1, 2), utc(2026, 1, 1, 1)))


def test_add_many_and_blocks(store: Store) -> None:
    blocks = [Block(utc(2026, m, 3, 9), utc(2026, m, 3, 10), client_id=1) for m in (10, 11, 12)]
    stored = store.blocks.add_many(blocks)
    assert [b.id for b in stored] == [1, 2, 3]
    assert store.blocks.months() == ["2026-10", "2026-11", "2026-12"]
    assert store.blocks.get(2) == stored[1]
    assert store.blocks.add_many([]) == []


def test_lookup_by_id_survives_a_lost_hint(store: Store) -> None:
    """meta.json's ranges are hints; a record is found even without them."""
    stored = store.entries.add_many([entry(utc(2026, m, 3, 9)) for m in range(1, 13)])
    (store.path / "meta.json").unlink()
    fresh = Store(store.path)
    assert fresh.entries.get(stored[4].id) == stored[4]


def test_tasks_move_to_the_archive_when_done(store: Store) -> None:
    open_task = store.tasks.add(Task(client_id=1, title="Write", position=2))
    first = store.tasks.add(Task(client_id=1, title="Read", position=1))
    other = store.tasks.add(Task(client_id=2, title="Call", status="waiting"))
    done = store.tasks.update(
        dataclasses.replace(open_task, status="done", done_at=utc(2025, 12, 31, 23))
    )
    assert (store.path / "tasks" / "archive-2025.json").exists()
    assert store.tasks.list() == [other, first]  # by position, then id
    assert store.tasks.list(client_id=1) == [first]
    assert store.tasks.list(client_id=1, statuses=("done",)) == [done]
    assert store.tasks.get(open_task.id) == done
    assert store.tasks.all() == [done, first, other]
    reopened = store.tasks.update(dataclasses.replace(done, status="todo", done_at=None))
    assert Store(store.path).tasks.list(client_id=1) == [first, reopened]
    store.tasks.delete(first.id)
    with pytest.raises(NotFoundError, match="task list"):
        store.tasks.get(first.id)
    undated = store.tasks.add(Task(client_id=1, title="Old", status="done"))
    assert (store.path / "tasks" / "archive-undated.json").exists()
    assert store.tasks.get(undated.id) == undated


def test_another_process_write_is_seen(store: Store) -> None:
    """Two Store objects stand for two processes: each re-reads what the other wrote."""
    other = Store(store.path)
    store.clients.add(Client(name="Acme", tz="UTC"))
    assert [c.name for c in other.clients.all()] == ["Acme"]
    other.clients.add(Client(name="Koala", tz="UTC"))
    assert [c.name for c in store.clients.all()] == ["Acme", "Koala"]
    before = store.revision()
    other.timer.set(Timer(client_id=1, started=utc(2026, 11, 28)))
    assert store.revision() != before
    assert store.timer.get() is not None
    assert store.revision() == store.revision()


def test_bulk_writes_each_file_once_at_the_end(store: Store) -> None:
    with store.bulk():
        for day in range(1, 20):
            store.entries.add(entry(utc(2026, 11, day, 9)))
        store.clients.add(Client(name="Acme", tz="UTC"))
        assert not (store.path / "entries" / "2026-11.json").exists()
        assert len(store.entries.between(utc(2026, 11, 1), utc(2026, 12, 1))) == 19
    assert len(Store(store.path).entries.between(utc(2026, 11, 1), utc(2026, 12, 1))) == 19


def test_a_failed_bulk_writes_nothing(store: Store) -> None:
    store.clients.add(Client(name="Acme", tz="UTC"))
    with pytest.raises(RuntimeError), store.bulk():
        store.entries.add(entry(utc(2026, 11, 2, 9)))
        store.clients.add(Client(name="Koala", tz="UTC"))
        raise RuntimeError("boom")
    assert [c.name for c in store.clients.all()] == ["Acme"]
    assert store.entries.months() == []
    assert store.entries.add(entry(utc(2026, 11, 2, 9))).id == 1


def test_private_permissions(store: Store) -> None:
    store.clients.add(Client(name="Acme", tz="UTC"))
    store.entries.add(entry(utc(2026, 11, 2, 9)))
    for root, dirs, files in os.walk(store.path):
        for name in dirs:
            assert os.stat(os.path.join(root, name)).st_mode & 0o777 == 0o700
        for name in files:
            assert os.stat(os.path.join(root, name)).st_mode & 0o777 == 0o600, name
    assert store.path.stat().st_mode & 0o777 == 0o700
    assert (store.path / ".lock").exists()
