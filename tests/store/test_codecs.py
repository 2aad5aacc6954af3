"""Every model round-trips through the codec and JSON (orjson), for any field values."""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import Decimal
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vaplanner.core import models
from vaplanner.store.codecs import CodecError, decode, encode, encode_datetime

#: Every model class, those created on first use (``models_lazy``) included.
MODELS = [
    obj
    for obj in (getattr(models, name) for name in dir(models))
    if isinstance(obj, type)
    and dataclasses.is_dataclass(obj)
    and obj.__module__
    in (models.__name__, "vaplanner.core.models_lazy", "vaplanner.core.models_paperwork")
]

INSTANTS = st.datetimes(
    min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=st.just(UTC)
)
WALL = st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31))


def strategy_for(tp: Any) -> st.SearchStrategy[Any]:
    """Values of any field type the models use (independent of the codec's own plan)."""
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        return st.none() | st.one_of(*(strategy_for(a) for a in inner))
    if origin is typing.Literal:
        return st.sampled_from(args)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return st.lists(strategy_for(args[0]), max_size=3).map(tuple)
        return st.tuples(*(strategy_for(a) for a in args))
    if dataclasses.is_dataclass(tp):
        return model_strategy(tp)  # type: ignore[arg-type]
    simple: dict[Any, st.SearchStrategy[Any]] = {
        str: st.text(max_size=20),
        int: st.integers(min_value=-(2**53), max_value=2**53),
        bool: st.booleans(),
        Decimal: st.decimals(allow_nan=False, allow_infinity=False, places=4),
        datetime: INSTANTS | WALL,
        date: st.dates(),
        time: st.times(),
    }
    return simple[tp]


def model_strategy(cls: type) -> st.SearchStrategy[Any]:
    hints = typing.get_type_hints(cls)
    fields = {f.name: strategy_for(hints[f.name]) for f in dataclasses.fields(cls) if f.init}
    return st.builds(cls, **fields)


def through_json(obj: Any) -> Any:
    return decode(type(obj), orjson.loads(orjson.dumps(encode(obj))))


@pytest.mark.parametrize("cls", MODELS, ids=lambda c: c.__name__)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_every_model_round_trips(cls: type, data: st.DataObject) -> None:
    original = data.draw(model_strategy(cls))
    assert through_json(original) == original


def test_models_are_all_covered() -> None:
    names = {c.__name__ for c in MODELS}
    assert {"Client", "Task", "Block", "Meeting", "Entry", "Timer", "Invoice"} <= names
    assert {"Request", "Checkin", "Settings", "Template"} <= names


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (datetime(2026, 11, 28, 13, 32, tzinfo=UTC), "2026-11-28T13:32:00Z"),
        (
            datetime(2026, 11, 28, 14, 32, tzinfo=timezone(timedelta(hours=1))),
            "2026-11-28T13:32:00Z",
        ),
        (datetime(2026, 11, 28, 13, 32, 5, 250000, tzinfo=UTC), "2026-11-28T13:32:05.250000Z"),
        (datetime(2026, 3, 29, 2, 30), "2026-03-29T02:30:00"),
        (datetime(5, 1, 1, tzinfo=UTC), "0005-01-01T00:00:00Z"),
    ],
)
def test_datetime_text(value: datetime, text: str) -> None:
    assert encode_datetime(value) == text


def test_document_shape_is_readable() -> None:
    client = models.Client(
        name="Acme",
        tz="America/New_York",
        key="1",
        channels=(("formal", "email"),),
        billing=models.Billing(rate=Decimal("45.50"), currency="USD"),
    )
    doc = encode(client)
    assert doc["billing"]["rate"] == "45.50"
    assert doc["channels"] == [["formal", "email"]]
    assert doc["hours"]["days"][0] == [{"start": "09:00", "end": "17:00"}]
    assert doc["hours"]["days"][5] == []


def test_missing_keys_take_defaults() -> None:
    """A file written before a field existed still reads."""
    entry = decode(
        models.Entry,
        {"client_id": 3, "start": "2026-11-02T09:00:00Z", "end": "2026-11-02T10:00:00Z"},
    )
    assert entry.billable is True and entry.tags == () and entry.note == ""
    assert entry.start == datetime(2026, 11, 2, 9, tzinfo=UTC)
    assert entry.start.tzinfo is UTC


def test_unknown_keys_are_ignored() -> None:
    doc = encode(models.Checkin(client_id=1, at=datetime(2026, 1, 1, tzinfo=UTC)))
    doc["from_the_future"] = 1
    assert decode(models.Checkin, doc).client_id == 1


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        ({"client_id": 1, "start": "yesterday", "end": "2026-11-02T10:00:00Z"}, "start"),
        (
            {"client_id": "1", "start": "2026-11-02T09:00:00Z", "end": "2026-11-02T10:00:00Z"},
            "client_id",
        ),
        (
            {"client_id": True, "start": "2026-11-02T09:00:00Z", "end": "2026-11-02T10:00:00Z"},
            "client_id",
        ),
        ({"start": "2026-11-02T09:00:00Z", "end": "2026-11-02T10:00:00Z"}, "client_id"),
        ({"client_id": 1, "start": "2026-11-02T09:00:00Z", "end": None}, "end"),
        (
            {
                "client_id": 1,
                "start": "2026-11-02T09:00:00Z",
                "end": "2026-11-02T10:00:00Z",
                "tags": "x",
            },
            "tags",
        ),
        # values that are not of a field's plain type never slip through
        ({"client_id": 1.0, "start": "2026-11-02T09:00:00Z", "end": "2026-11-02T10:00Z"}, "client"),
        (
            {
                "client_id": 1,
                "start": "2026-11-02T09:00Z",
                "end": "2026-11-02T10:00Z",
                "note": None,
            },
            "note",
        ),
        (
            {
                "client_id": 1,
                "start": "2026-11-02T09:00Z",
                "end": "2026-11-02T10:00Z",
                "task_id": True,
            },
            "task_id",
        ),
        (
            {"client_id": 1, "start": "2026-11-02T09:00Z", "end": "2026-11-02T10:00Z", "tags": [1]},
            "tags",
        ),
    ],
)
def test_bad_documents_name_the_field(doc: dict[str, Any], message: str) -> None:
    with pytest.raises(CodecError, match=message):
        decode(models.Entry, doc)


def test_bad_literal_is_refused() -> None:
    doc = encode(models.Task(client_id=1, title="x"))
    doc["status"] = "finished"
    with pytest.raises(CodecError, match="status"):
        decode(models.Task, doc)


def test_decimal_accepts_numbers_written_by_hand() -> None:
    doc = encode(models.Billing())
    doc["rate"] = 45.1
    assert decode(models.Billing, doc).rate == Decimal("45.1")


def test_overrides_are_taken_as_given_and_must_be_fields() -> None:
    start = datetime(2026, 11, 2, 9, tzinfo=UTC)
    doc = {"client_id": 1, "start": "not read", "end": "2026-11-02T10:00:00Z"}
    entry = decode(models.Entry, doc, id=7, start=start)
    assert (entry.id, entry.start, entry.end) == (7, start, start + timedelta(hours=1))
    with pytest.raises(TypeError, match="no field colour"):
        decode(models.Entry, doc, start=start, colour="red")


class _IntLike(int):
    pass


def test_int_subclasses_and_none_where_allowed() -> None:
    doc = {"client_id": _IntLike(3), "start": "2026-11-02T09:00:00Z", "end": "2026-11-02T10:00Z"}
    entry = decode(models.Entry, {**doc, "task_id": None, "invoice_id": _IntLike(4)})
    assert (entry.client_id, entry.task_id, entry.invoice_id) == (3, None, 4)


@pytest.mark.parametrize("doc", [[], [["name", "x"]], "name", 3, None])
def test_a_document_that_is_not_an_object_is_refused(doc: Any) -> None:
    with pytest.raises(CodecError, match="expected an object for Settings"):
        decode(models.Settings, doc)  # every field has a default: nothing else would fail
    client = encode(models.Client(name="Acme", tz="UTC"))
    with pytest.raises(CodecError, match="Client.billing: expected an object for Billing"):
        decode(models.Client, {**client, "billing": doc})


@pytest.mark.parametrize("value", [5, "soon", [], True])
def test_a_nullable_field_decodes_any_other_value_as_its_type(value: Any) -> None:
    doc = encode(models.Task(client_id=1, title="x"))
    assert decode(models.Task, doc).due is None
    with pytest.raises(CodecError, match="Task.due"):
        decode(models.Task, {**doc, "due": value})
