"""Typed repositories: core dataclasses in, core dataclasses out.

TinyDB documents never leave this package. Each record is a TinyDB document whose
document id is the record's ``id`` (so the ``id`` field itself is not repeated inside the
document). Ids are small integers from per-kind counters in ``meta.json`` and are never
reused, even after a delete: ``task done 42`` always means the same task.

Every method that writes takes the store's lock (``store.transaction()``), re-reads what it
changes and writes it back before returning: when ``add`` returns, the record is on disk.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from vaplanner.core.errors import AmbiguousError, ConflictError, CorruptFileError, NotFoundError
from vaplanner.core.models import Client, Settings, Timer
from vaplanner.store import layout
from vaplanner.store.codecs import CodecError, decode, encode

if TYPE_CHECKING:
    from vaplanner.core.models import Meeting
    from vaplanner.store.store import Store

T = TypeVar("T")
Raw = dict[str, dict[str, Any]]

_SINGLE_ID = "1"


class Record(Protocol):
    """A stored dataclass: it has an integer ``id``."""

    @property
    def id(self) -> int: ...


R = TypeVar("R", bound=Record)


def to_doc(obj: Any) -> dict[str, Any]:
    """A dataclass -> its document, without ``id`` (the TinyDB document id holds it)."""
    doc = encode(obj)
    doc.pop("id", None)
    return doc


def docs_of(records: Iterable[Any]) -> dict[str, dict[str, Any]]:
    """The documents of stored records by document id (each record's ``id``)."""
    return {str(record.id): to_doc(record) for record in records}


def from_doc(
    cls: type[T], doc: dict[str, Any], doc_id: str | int | None, path: str, **decoded: Any
) -> T:
    """A document -> a dataclass; a document that does not fit is a corrupt file.
    ``decoded``: fields the caller has decoded already (not decoded again)."""
    try:
        if doc_id is None:
            return decode(cls, doc, **decoded)
        return decode(cls, doc, id=int(doc_id), **decoded)
    except (CodecError, TypeError, ValueError) as error:
        where = f"record {doc_id}" if doc_id is not None else "the record"
        raise CorruptFileError(path, f"{where}: {error}") from None


class Meta:
    """``meta.json``: id counters, where each partition's ids lie, and the longest span.

    ``{"counters": {"entries": 812}, "ranges": {"entries/2026-11.json": [700, 812]},
    "spans": {"entries": 28800}}``. Ranges are hints that only widen: a lookup by id reads
    the partitions whose range holds the id, and falls back to reading them all.
    """

    def __init__(self, store: Store) -> None:
        self._store = store

    def _doc(self) -> dict[str, Any]:
        doc = self._store.raw(layout.META).get(_SINGLE_ID, {})
        return doc if isinstance(doc, dict) else {}

    def _write(self, doc: dict[str, Any]) -> None:
        self._store.write_raw(layout.META, {_SINGLE_ID: doc})

    def span_seconds(self, kind: str) -> int:
        return int(self._doc().get("spans", {}).get(kind, 0))

    def ranges(self) -> dict[str, list[int]]:
        return dict(self._doc().get("ranges", {}))

    def counter(self, kind: str) -> int:
        return int(self._doc().get("counters", {}).get(kind, 0))

    def reserve(self, kind: str, placements: list[tuple[str, int]], floor: int = 0) -> list[int]:
        """New ids for records going to ``placements`` ``[(relpath, span_seconds), ...]``.

        Written (durably) before the records themselves, so a crash in between leaves a
        gap in the ids, never an id used twice. ``floor`` is the highest id known to exist.
        """
        old = self._doc()
        counters = dict(old.get("counters", {}))
        ranges = {k: list(v) for k, v in old.get("ranges", {}).items()}
        spans = dict(old.get("spans", {}))
        first = max(int(counters.get(kind, 0)), floor) + 1
        ids = list(range(first, first + len(placements)))
        counters[kind] = first + len(placements) - 1
        for new_id, (rel, span) in zip(ids, placements, strict=True):
            if rel:  # single-file kinds need no hint
                _widen(ranges, rel, new_id)
            if span > spans.get(kind, 0):
                spans[kind] = span
        self._write({**old, "counters": counters, "ranges": ranges, "spans": spans})
        return ids

    def note(self, kind: str, rel: str, record_id: int, span: int) -> None:
        """Record that ``record_id`` now lives in ``rel`` (after a move); writes only when
        a range or the span has to widen."""
        old = self._doc()
        ranges = {k: list(v) for k, v in old.get("ranges", {}).items()}
        spans = dict(old.get("spans", {}))
        changed = _widen(ranges, rel, record_id)
        if span > spans.get(kind, 0):
            spans[kind] = span
            changed = True
        if changed:
            self._write({**old, "ranges": ranges, "spans": spans})


def _widen(ranges: dict[str, list[int]], rel: str, record_id: int) -> bool:
    current = ranges.get(rel)
    if current is None:
        ranges[rel] = [record_id, record_id]
        return True
    lo, hi = current
    if lo <= record_id <= hi:
        return False
    ranges[rel] = [min(lo, record_id), max(hi, record_id)]
    return True


class SimpleRepo(Generic[R]):
    """Records of one kind in one file (clients, meetings, invoices, requests, checkins)."""

    kind: str = ""
    label: str = "record"
    #: whether :meth:`_check` looks at the other records (reading them costs time)
    checks_conflicts = False

    def __init__(self, store: Store, cls: type[R], relpath: str, kind: str, label: str) -> None:
        self._store = store
        self._cls = cls
        self._rel = relpath
        self.kind = kind
        self.label = label

    def _decode(self, doc_id: str, doc: dict[str, Any]) -> R:
        return from_doc(self._cls, doc, doc_id, self._store.file_path(self._rel))

    def all(self) -> list[R]:
        """Every record, by id."""
        raw = self._store.raw(self._rel)
        return [self._decode(k, raw[k]) for k in sorted(raw, key=int)]

    def get(self, record_id: int) -> R:
        """The record with this id, or :class:`NotFoundError`."""
        doc = self._store.raw(self._rel).get(str(record_id))
        if doc is None:
            raise NotFoundError(f"no {self.label} with id {record_id}")
        return self._decode(str(record_id), doc)

    def _prepare(self, obj: R, record_id: int) -> R:
        """Hook: the record as stored, once its id is known."""
        return obj

    def _check(self, obj: R, existing: list[R]) -> None:
        """Hook: refuse a record that conflicts with ``existing`` (others of its kind)."""

    def add(self, obj: R) -> R:
        """Store a new record; returns it with its id."""
        return self.add_many([obj])[0]

    def add_many(self, objs: Iterable[R]) -> list[R]:
        """Store several new records with one write of the file."""
        items = list(objs)
        if not items:
            return []
        with self._store.transaction():
            if self.checks_conflicts:
                existing = SimpleRepo.all(self)
                for obj in items:
                    self._check(obj, existing)
                    existing.append(obj)
            floor = max(map(int, self._store.raw(self._rel)), default=0)
            ids = self._store.meta.reserve(self.kind, [("", 0)] * len(items), floor)
            stored = [self._prepare(with_id(o, i), i) for o, i in zip(items, ids, strict=True)]
            self._store.insert_raw(self._rel, docs_of(stored))
            return stored

    def update(self, obj: R) -> R:
        """Replace the stored record that has ``obj.id``."""
        record_id = obj.id
        with self._store.transaction():
            if str(record_id) not in self._store.raw(self._rel):
                raise NotFoundError(f"no {self.label} with id {record_id}")
            if self.checks_conflicts:
                self._check(obj, [o for o in SimpleRepo.all(self) if o.id != record_id])
            stored = self._prepare(obj, record_id)
            self._store.update_raw(self._rel, {str(record_id): to_doc(stored)})
            return stored

    def delete(self, record_id: int) -> None:
        """Remove a record (:class:`NotFoundError` when there is none)."""
        with self._store.transaction():
            if str(record_id) not in self._store.raw(self._rel):
                raise NotFoundError(f"no {self.label} with id {record_id}")
            self._store.remove_raw(self._rel, [str(record_id)])


def with_id(obj: R, record_id: int) -> R:
    """A copy of a frozen record with its id set."""
    replaced: R = dataclasses.replace(obj, id=record_id)  # type: ignore[type-var]
    return replaced


def fold(text: str) -> str:
    """Case- and accent-insensitive form: ``"Čebelica"`` -> ``"cebelica"``."""
    if text.isascii():
        return text.casefold().strip()
    import unicodedata  # a C extension: ~0.4 ms that ASCII names (and status) never pay

    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()


class _Brief:
    """What finding a client looks at."""

    __slots__ = ("id", "name", "key", "archived")

    def __init__(self, id: int, name: str, key: str | None, archived: bool) -> None:
        self.id, self.name, self.key, self.archived = id, name, key, archived


def _client_order(client: Client | _Brief) -> tuple[int, bool, str, str]:
    if client.key:
        return (0, not client.key.isdigit(), client.key, fold(client.name))
    return (1, False, "", fold(client.name))


def valid_hotkey(key: str) -> bool:
    return len(key) == 1 and (key in "123456789" or (key.isalpha() and key.isascii()))


class ClientRepo(SimpleRepo[Client]):
    """Clients, found by id, hotkey or name."""

    checks_conflicts = True

    def all(self, include_archived: bool = False) -> list[Client]:
        """Clients ordered by hotkey (digits first), then name; archived ones on request."""
        clients = super().all()
        if not include_archived:
            clients = [c for c in clients if not c.archived]
        return sorted(clients, key=_client_order)

    def find(self, ref: str) -> Client:
        """A client by id, hotkey, exact name or unique name prefix (case and accents
        ignored). Raises :class:`NotFoundError` or :class:`AmbiguousError` listing the
        choices."""
        briefs = self._briefs()
        quick = self._by_id_or_hotkey(ref.strip(), briefs)
        if quick is not None:  # the usual ``start 2``: no sorting (nor folding every name)
            return self.get(quick.id)
        found = self._find(ref, sorted(briefs, key=_client_order))
        return self.get(found.id)

    @staticmethod
    def _by_id_or_hotkey(text: str, clients: list[_Brief]) -> _Brief | None:
        """The client :meth:`_find` would pick by id or hotkey, when that is the only one."""
        if text.isascii() and text.isdigit():
            for client in clients:
                if client.id == int(text):
                    return client
        folded = text.casefold()
        keyed = [c for c in clients if text and c.key is not None and c.key.casefold() == folded]
        return keyed[0] if len(keyed) == 1 else None

    def _briefs(self) -> list[_Brief]:
        """Id, name, hotkey and status of every client, read from the documents: finding
        one decodes only that one (``start CLIENT`` with dozens of clients)."""
        briefs: list[_Brief] = []
        for doc_id, doc in self._store.raw(self._rel).items():
            name, key, status = doc.get("name"), doc.get("key"), doc.get("status", "active")
            if (
                doc_id.isdigit()
                and isinstance(name, str)
                and (key is None or isinstance(key, str))
                and isinstance(status, str)
            ):
                briefs.append(_Brief(int(doc_id), name, key, status == "archived"))
            else:  # decoding it raises the CorruptFileError that names the record
                client = self._decode(doc_id, doc)
                briefs.append(_Brief(client.id, client.name, client.key, client.archived))
        return briefs

    def _find(self, ref: str, clients: list[_Brief]) -> _Brief:
        text = ref.strip()
        if text.isascii() and text.isdigit():  # "²" is a digit that int() refuses
            for client in clients:
                if client.id == int(text):
                    return client
        for client in clients:
            if client.key is not None and client.key.casefold() == text.casefold() and text:
                return client
        wanted = fold(text)
        if not wanted:
            raise NotFoundError(f"no client matches {ref!r}; {self._choices(clients)}")
        exact = [c for c in clients if fold(c.name) == wanted]
        if len(exact) == 1:
            return exact[0]
        matches = exact or [c for c in clients if fold(c.name).startswith(wanted)]
        active = [c for c in matches if not c.archived]
        if len(matches) > 1 and len(active) == 1:
            return active[0]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise NotFoundError(f"no client matches {ref!r}; {self._choices(clients)}")
        names = ", ".join(f"{c.name} (id {c.id})" for c in sorted(matches, key=_client_order))
        raise AmbiguousError(
            f"{ref!r} matches several clients: {names}; type more of the name, or use the id"
        )

    @staticmethod
    def _choices(clients: Sequence[Client | _Brief]) -> str:
        if not clients:
            return "there are no clients yet (add one with 'vaplanner client add NAME --tz ZONE')"
        shown = ", ".join(
            f"{c.key + ' ' if c.key else ''}{c.name} (id {c.id})"
            for c in sorted(clients, key=_client_order)
        )
        return f"use an id, a hotkey or a name: {shown}"

    def _check(self, obj: Client, existing: list[Client]) -> None:
        if not obj.name.strip():
            raise ConflictError("a client needs a name")
        if obj.key is not None and not valid_hotkey(obj.key):
            raise ConflictError(f"hotkey {obj.key!r} is not allowed; use 1-9 or a letter a-z")
        for other in existing:
            if fold(other.name) == fold(obj.name):
                raise ConflictError(
                    f"a client named {other.name!r} already exists (id {other.id}); "
                    "choose another name"
                )
            if obj.key and other.key and other.key.casefold() == obj.key.casefold():
                raise ConflictError(
                    f"hotkey {obj.key!r} is taken by {other.name} (id {other.id}); "
                    "choose another key or change theirs first"
                )


class MeetingRepo(SimpleRepo["Meeting"]):  # a string: Meeting is created on first use
    """Meetings; each gets a stable iCalendar UID from its id."""

    def _prepare(self, obj: Meeting, record_id: int) -> Meeting:
        if not obj.uid:
            return dataclasses.replace(obj, uid=f"meeting-{record_id}@vaplanner")
        return obj


class TimerRepo:
    """The one running timer, alone in ``timer.json`` (start/stop rewrites a tiny file)."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def get(self) -> Timer | None:
        doc = self._store.raw(layout.TIMER).get(_SINGLE_ID)
        if doc is None:
            return None
        return from_doc(Timer, doc, None, self._store.file_path(layout.TIMER))

    def set(self, timer: Timer | None) -> None:
        """Start (or replace) the running timer; ``None`` clears it."""
        with self._store.transaction():
            docs = {} if timer is None else {_SINGLE_ID: encode(timer)}
            self._store.write_raw(layout.TIMER, docs)


class SettingsRepo:
    """``settings.json``: one document; defaults when the file does not exist yet."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def get(self) -> Settings:
        doc = self._store.raw(layout.SETTINGS).get(_SINGLE_ID)
        if doc is None:
            return Settings()
        return from_doc(Settings, doc, None, self._store.file_path(layout.SETTINGS))

    def save(self, settings: Settings) -> None:
        with self._store.transaction():
            self._store.write_raw(layout.SETTINGS, {_SINGLE_ID: encode(settings)})
