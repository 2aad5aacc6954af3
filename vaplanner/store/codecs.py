"""Dataclass <-> JSON document, in one place, driven by the dataclass field types.

One generic codec serves every model in :mod:`vaplanner.core.models`: the field types
(read once per class, as :func:`typing.get_type_hints` would) decide how each value is
written.

============================  ===============================================================
field type                    document value
============================  ===============================================================
``str`` ``int`` ``bool``      as is (``Literal[...]`` too)
``Decimal``                   ``"12.50"`` (a string: exact, no float rounding)
aware ``datetime``            ``"2026-11-28T13:32:00Z"`` (UTC; ``.ffffff`` kept when non-zero)
naive ``datetime``            ``"2026-11-28T09:00:00"`` (a wall time; its zone is a sibling field)
``date``                      ``"2026-11-28"``
``time``                      ``"09:30"`` (``"09:30:15"`` when seconds are set)
dataclass                     a nested object
``tuple[X, ...]``             a list; ``tuple[X, Y]`` a fixed-length list
``X | None``                  ``null`` or the value of ``X``
============================  ===============================================================

A key missing from a document takes the field's default, so files written before a field
was added still read; a field without a default that is missing is an error. Unknown keys
are ignored (the schema version in every file keeps a newer file from being read by an
older program, see :mod:`vaplanner.store.storage`).

Encoding and decoding plans are built once per class and cached: decoding tens of
thousands of entries is a tight loop of prepared functions, not repeated type inspection.
"""

from __future__ import annotations

import dataclasses
import functools
import operator
import sys
import types
import typing
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

T = TypeVar("T")

Json = Any
Encoder = Callable[[Any], Json]
Decoder = Callable[[Json], Any]

_MISSING: Any = dataclasses.MISSING


class CodecError(ValueError):
    """A document that does not fit its dataclass (wrong type, bad value, missing field)."""


# --- scalar codecs ------------------------------------------------------------------------


def encode_datetime(value: datetime) -> str:
    """Aware -> UTC ``...Z``; naive (a wall time) -> ISO without an offset."""
    if value.tzinfo is None:
        return value.isoformat()
    # isoformat (not strftime): it pads years below 1000 and drops zero microseconds
    return value.astimezone(UTC).replace(tzinfo=None).isoformat() + "Z"


def decode_datetime(value: Json) -> datetime:
    """Inverse of :func:`encode_datetime`; an offset other than ``Z`` is converted to UTC."""
    if not isinstance(value, str):
        raise CodecError(f"expected a date-time string, got {value!r}")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as error:
        raise CodecError(f"bad date-time {value!r}") from error
    if parsed.tzinfo is not None and parsed.tzinfo is not UTC:
        parsed = parsed.astimezone(UTC)
    return parsed


def encode_time(value: time) -> str:
    if value.second or value.microsecond:
        return value.isoformat()
    return f"{value.hour:02d}:{value.minute:02d}"


def decode_time(value: Json) -> time:
    if not isinstance(value, str):
        raise CodecError(f"expected a time string, got {value!r}")
    try:
        return time.fromisoformat(value)
    except ValueError as error:
        raise CodecError(f"bad time {value!r}") from error


def decode_date(value: Json) -> date:
    if not isinstance(value, str):
        raise CodecError(f"expected a date string, got {value!r}")
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise CodecError(f"bad date {value!r}") from error


def decode_decimal(value: Json) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise CodecError(f"expected a decimal string, got {value!r}")
    try:
        # str() first: a float written by hand becomes its shortest decimal, not its binary value
        return Decimal(str(value))
    except InvalidOperation as error:
        raise CodecError(f"bad decimal {value!r}") from error


def _check(kind: type, label: str) -> Decoder:
    def decode(value: Json) -> Any:
        if type(value) is kind:
            return value
        if kind is int and isinstance(value, int) and not isinstance(value, bool):
            return value
        raise CodecError(f"expected {label}, got {value!r}")

    return decode


def _identity(value: Json) -> Json:
    return value


class _Never:
    """A type no JSON value has: the fast-path type of fields that always need decoding."""


@functools.cache
def _row_for(tp: Any) -> tuple[type, bool, Decoder]:
    """``(fast type, nullable, decoder)`` of a field's decoding row: a value of exactly the
    fast type (or ``None`` when nullable) is stored as is (most fields of most records);
    any other value goes to the decoder, of ``X`` for ``X | None`` (None was taken)."""
    nullable = False
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        nullable = len(args) < len(typing.get_args(tp))
        if nullable and len(args) == 1:
            tp = args[0]
    fast = tp if tp in (str, int, bool) else _Never
    return fast, nullable, _codec_for(tp)[1]


# --- plans --------------------------------------------------------------------------------


@functools.cache  # the models repeat a few types (``str``, ``datetime | None``...) many times
def _codec_for(tp: Any) -> tuple[Encoder | None, Decoder]:
    """(encoder or None for identity, decoder) for one type annotation."""
    origin = typing.get_origin(tp)
    if origin is typing.Union or origin is types.UnionType:
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) != 1:
            raise TypeError(f"unsupported union {tp!r}")
        inner_enc, inner_dec = _codec_for(args[0])

        def dec_opt(value: Json) -> Any:
            return None if value is None else inner_dec(value)

        if inner_enc is None:
            return None, dec_opt

        def enc_opt(value: Any) -> Json:
            return None if value is None else inner_enc(value)

        return enc_opt, dec_opt
    if origin is typing.Literal:
        allowed = frozenset(typing.get_args(tp))

        def dec_lit(value: Json) -> Any:
            if value in allowed:
                return value
            raise CodecError(f"expected one of {sorted(map(str, allowed))}, got {value!r}")

        return None, dec_lit
    if origin is tuple:
        return _tuple_codec(tp)
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        return encode, _nested_decoder(tp)
    if tp is datetime:
        return encode_datetime, decode_datetime
    if tp is date:
        return date.isoformat, decode_date
    if tp is time:
        return encode_time, decode_time
    if tp is Decimal:
        return str, decode_decimal
    if tp is bool:
        return None, _check(bool, "true or false")
    if tp is int:
        return None, _check(int, "a whole number")
    if tp is str:
        return None, _check(str, "text")
    if tp is Any:
        return None, _identity
    raise TypeError(f"the store cannot encode fields of type {tp!r}")


def _tuple_codec(tp: Any) -> tuple[Encoder | None, Decoder]:
    args = typing.get_args(tp)
    if len(args) == 2 and args[1] is Ellipsis:
        item_enc, item_dec = _codec_for(args[0])

        def dec_var(value: Json) -> tuple[Any, ...]:
            if not isinstance(value, list | tuple):
                raise CodecError(f"expected a list, got {value!r}")
            if not value:
                return ()
            return tuple(map(item_dec, value))

        if item_enc is None:
            return list, dec_var
        enc_item = item_enc

        def enc_var(value: tuple[Any, ...]) -> list[Json]:
            return [enc_item(v) for v in value]

        return enc_var, dec_var
    codecs = [_codec_for(a) for a in args]
    encs = [e or _identity for e, _ in codecs]
    decs = [d for _, d in codecs]

    def dec_fixed(value: Json) -> tuple[Any, ...]:
        if not isinstance(value, list | tuple) or len(value) != len(decs):
            raise CodecError(f"expected a list of {len(decs)} items, got {value!r}")
        return tuple(map(operator.call, decs, value))

    def enc_fixed(value: tuple[Any, ...]) -> list[Json]:
        return [e(v) for e, v in zip(encs, value, strict=True)]

    return enc_fixed, dec_fixed


def _nested_decoder(cls: type[T]) -> Decoder:
    return functools.partial(decode, cls)  # decode refuses a value that is not an object


#: One decoding row: (name, fast type, nullable, decoder, required); see :func:`decode`.
_Row = tuple[str, type, bool, Decoder, bool]


_EVALUATED: dict[tuple[str, str], Any] = {}


def _field_types(cls: type) -> dict[str, Any]:
    """What :func:`typing.get_type_hints` gives for a model's fields, at a fraction of its
    start-up cost: each distinct annotation string of a module is evaluated once (the
    models repeat ``int``, ``str``, ``datetime | None``... many times)."""
    namespace = vars(sys.modules[cls.__module__])
    types_: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        tp = f.type
        if isinstance(tp, str):
            key = (cls.__module__, tp)
            if key not in _EVALUATED:
                try:
                    _EVALUATED[key] = eval(tp, namespace)  # noqa: S307 - our own annotations
                except NameError:
                    return typing.get_type_hints(cls)
            tp = _EVALUATED[key]
        types_[f.name] = tp
    return types_


class _Plan:
    """Prepared (name, encoder, decoder, default, factory) rows for one dataclass, and
    the decoding rows (``all_rows``; without the fields given as overrides, per set of
    overrides: :meth:`rows`)."""

    __slots__ = ("cls", "fields", "required", "_rows", "all_rows")

    def __init__(self, cls: type) -> None:
        hints = _field_types(cls)
        self.cls = cls
        self.fields: list[tuple[str, Encoder | None, Decoder, Any, Any]] = []
        rows: list[_Row] = []
        for f in dataclasses.fields(cls):
            if not f.init:
                continue
            enc, dec = _codec_for(hints[f.name])
            self.fields.append((f.name, enc, dec, f.default, f.default_factory))
            required = f.default is _MISSING and f.default_factory is _MISSING
            rows.append((f.name, *_row_for(hints[f.name]), required))
        self.required = frozenset(row[0] for row in rows if row[4])
        self._rows: dict[tuple[str, ...], list[_Row]] = {(): rows}
        self.all_rows = rows

    def rows(self, skip: tuple[str, ...]) -> list[_Row]:
        """The decoding rows of the fields not in ``skip`` (fields given as overrides)."""
        rows = self._rows.get(skip)
        if rows is None:
            unknown = set(skip) - {row[0] for row in self._rows[()]}
            if unknown:
                raise TypeError(f"{self.cls.__name__} has no field {', '.join(sorted(unknown))}")
            rows = self._rows[skip] = [row for row in self._rows[()] if row[0] not in skip]
        return rows


_PLANS: dict[type, _Plan] = {}


def _plan(cls: type) -> _Plan:
    plan = _PLANS.get(cls)
    if plan is None:
        plan = _PLANS[cls] = _Plan(cls)
    return plan


# --- public API ---------------------------------------------------------------------------


def encode(obj: Any) -> dict[str, Json]:
    """A dataclass instance -> a dict of JSON values (every field, defaults included)."""
    plan = _plan(type(obj))
    doc: dict[str, Json] = {}
    for name, enc, _dec, _d, _f in plan.fields:
        value = getattr(obj, name)
        doc[name] = value if enc is None else enc(value)
    return doc


def decode(cls: type[T], doc: Mapping[str, Json], **overrides: Any) -> T:
    """A document -> an instance of ``cls``.

    Missing keys take the field default; ``overrides`` (e.g. ``id`` taken from the TinyDB
    document id) win over the document. Raises :class:`CodecError` when a value does not
    fit its field or a field without a default is missing.
    """
    plan = _PLANS.get(cls) or _plan(cls)
    kwargs: dict[str, Any] = overrides  # each call's own new dict
    try:
        get = doc.get
    except AttributeError:  # a list, a number...: not a document
        raise CodecError(f"expected an object for {cls.__name__}, got {doc!r}") from None
    # the hot loop of reading thousands of records: a value of the field's plain type (str,
    # int, bool, or None where allowed) is taken as is; anything else goes to its decoder
    # (a nullable field's row decodes its value type: None took the first branch)
    rows = plan.rows(tuple(overrides)) if overrides else plan.all_rows
    for name, fast, nullable, dec, required in rows:
        value = get(name, _MISSING)
        if type(value) is fast or (value is None and nullable):
            kwargs[name] = value
        elif value is not _MISSING:
            try:
                kwargs[name] = dec(value)
            except CodecError as error:
                raise CodecError(f"{cls.__name__}.{name}: {error}") from None
        elif required:
            raise CodecError(f"{cls.__name__}: the required field {name!r} is missing")
    return cls(**kwargs)


def field_names(cls: type) -> tuple[str, ...]:
    """The document keys of ``cls`` (its init fields, in order)."""
    return tuple(row[0] for row in _plan(cls).fields)
