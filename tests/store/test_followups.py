"""``store.requests.unanswered()`` and ``store.checkins.latest_per_client()``: the same records
as filtering every decoded one, with only those decoded."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from vaplanner.core.errors import CorruptFileError
from vaplanner.core.models import Checkin, Request
from vaplanner.core.promises import last_checkins
from vaplanner.store.repos import SimpleRepo
from vaplanner.store.store import Store

BASE = datetime(2026, 11, 2, 9, tzinfo=UTC)


class Decodes:
    """Counts the records the repositories decode."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        real = SimpleRepo._decode

        def counting(repo: SimpleRepo[Any], doc_id: str, doc: dict[str, Any]) -> Any:
            self.count += 1
            return real(repo, doc_id, doc)

        monkeypatch.setattr(SimpleRepo, "_decode", counting)


def fill(store: Store, seed: int) -> None:
    rng = random.Random(seed)
    requests, checkins = [], []
    for i in range(120):
        received = BASE + timedelta(hours=rng.randrange(0, 2000))
        done = received + timedelta(hours=2) if rng.random() < 0.8 else None
        requests.append(
            Request(rng.randrange(1, 6), f"ask {i}", "email", received, received, done_at=done)
        )
        # few distinct instants, so that ties (decided by id) happen
        at = BASE + timedelta(days=rng.randrange(0, 12), microseconds=rng.choice([0, 0, 5]))
        checkins.append(Checkin(rng.randrange(1, 8), at, score=rng.randrange(1, 6)))
    store.requests.add_many(requests)
    store.checkins.add_many(checkins)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_same_records_as_filtering_all_of_them(
    data_dir: Path, seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(Store(data_dir), seed)
    expected_requests = [r for r in Store(data_dir).requests.all() if r.done_at is None]
    expected_checkins = last_checkins(Store(data_dir).checkins.all())
    assert expected_requests and len(expected_checkins) > 3
    decodes = Decodes(monkeypatch)
    store = Store(data_dir)
    assert store.requests.unanswered() == expected_requests
    assert decodes.count == len(expected_requests)
    decodes.count = 0
    assert store.checkins.latest_per_client() == expected_checkins
    assert decodes.count == len(expected_checkins)


def test_empty_and_missing_files(data_dir: Path) -> None:
    store = Store(data_dir)
    assert store.requests.unanswered() == []
    assert store.checkins.latest_per_client() == {}


def write_table(path: Path, kind: str, docs: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    meta = {"1": {"schema": 1, "kind": kind}}
    path.write_text(json.dumps({"_default": docs, "_meta": meta}))


def test_instants_with_an_offset_are_compared_as_instants(data_dir: Path) -> None:
    write_table(
        data_dir / "checkins.json",
        "checkins",
        {
            "1": {"client_id": 1, "at": "2026-11-02T10:30:00+02:00"},  # 08:30 UTC
            "2": {"client_id": 1, "at": "2026-11-02T09:00:00Z"},
            "3": {"client_id": 2, "at": "2026-11-02T09:00:00.500000Z"},
            "4": {"client_id": 2, "at": "2026-11-02T09:00:00Z"},
        },
    )
    latest = Store(data_dir).checkins.latest_per_client()
    assert {client: c.id for client, c in latest.items()} == {1: 2, 2: 3}
    assert latest == last_checkins(Store(data_dir).checkins.all())


@pytest.mark.parametrize(
    "doc",
    [
        {"client_id": "1", "at": "2026-11-02T09:00:00Z"},
        {"client_id": 1, "at": 5},
        {"client_id": 1, "at": "yesterday"},
        {"client_id": 1},
    ],
)
def test_a_check_in_that_does_not_fit_is_named(data_dir: Path, doc: dict[str, Any]) -> None:
    write_table(data_dir / "checkins.json", "checkins", {"7": doc})
    with pytest.raises(CorruptFileError, match=r"checkins.json.*record 7"):
        Store(data_dir).checkins.latest_per_client()


@pytest.mark.parametrize(
    "doc",
    [
        {"client_id": "1", "text": "x", "channel": "email"},  # open, and broken
        {"client_id": 1, "text": "x", "channel": "email", "received": 3, "done_at": None},
        {"client_id": 1, "text": "x", "channel": "email", "done_at": 12},
    ],
)
def test_an_open_request_that_does_not_fit_is_named(data_dir: Path, doc: dict[str, Any]) -> None:
    write_table(data_dir / "requests.json", "requests", {"3": doc})
    with pytest.raises(CorruptFileError, match=r"requests.json.*record 3"):
        Store(data_dir).requests.unanswered()
