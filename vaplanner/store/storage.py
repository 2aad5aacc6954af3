"""AtomicJSONStorage: a TinyDB storage that never leaves a half-written file behind.

Stock TinyDB rewrites its one JSON file in place: a crash mid-write leaves a file that no
longer parses, and two processes writing at once lose records. This storage:

* serialises with the standard library's ``json`` until the process has handled
  :data:`ORJSON_AFTER` bytes or asked for orjson (:func:`use_orjson`), then with orjson
  (see :func:`loads`);
* writes to a temporary file in the same folder, flushes and ``fsync``\\ s it, renames it over
  the old file with :func:`os.replace` (atomic on POSIX) and ``fsync``\\ s the folder, so after
  a crash the file is either the old or the new version, never a mix;
* creates files with mode 0600 and folders with mode 0700;
* keeps a schema version in every file (a ``_meta`` table that TinyDB sees as one more
  table) and refuses files written by a newer vaplanner (:class:`SchemaError`); files of an
  older schema are upgraded in memory on read by :mod:`vaplanner.store.migrations`;
* never overwrites a file it could not parse: :class:`CorruptFileError` names it and the
  newest backup that holds a readable copy;
* caches the parsed data keyed on ``(mtime_ns, size, inode)`` and re-reads the file when
  another process replaced it;
* can defer writes (``deferred = True``) so a bulk load writes each file once;
* adds new records without encoding the whole file again (:meth:`AtomicJSONStorage.append`):
  when it knows where the records table ends in the bytes it read or wrote, the new
  documents are spliced in there, and the file is still replaced whole (temp file, fsync,
  rename, folder fsync), so a month of entries costs a parse, not a parse and an encode.

It implements TinyDB's ``Storage`` interface (``read``, ``write``, ``close``) without
importing tinydb, and every file it writes is a TinyDB database (records in ``_default``,
keyed by document id) that stock TinyDB opens. The repositories read and change the
documents as stored (``Store.raw``, ``insert_raw``, ``update_raw``, ``remove_raw``), so no
command line loads tinydb, not even to write; :func:`tinydb_of` wraps a storage in a
``TinyDB`` for code that wants its queries, and registers the class as a
``tinydb.storages.Storage`` then.

Locking is not done here: the :class:`~vaplanner.store.store.Store` holds one lock around
every read-modify-write (:class:`vaplanner.store.lock.FolderLock`).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, NoReturn

from vaplanner.core import models
from vaplanner.core.errors import CorruptFileError, SchemaError

if TYPE_CHECKING:
    from pathlib import Path
    from types import ModuleType

    from tinydb import TinyDB

META_TABLE = "_meta"
#: The records table of every data file (``TinyDB.default_table_name``).
TABLE = "_default"
FILE_MODE = 0o600
DIR_MODE = 0o700
TEMP_SUFFIX = ".tmp"
#: A file modified less than this long ago may hide a rewrite behind an equal stat key
#: (coarse timestamps: ~4 ms on ext4, 2 s on FAT).
RACY_WINDOW_NS = 3_000_000_000
_TEMP_PREFIX = "."

Data = dict[str, dict[str, Any]]
StatKey = tuple[int, int, int]
# Paths here are handled as text with ``os.path``: importing pathlib (and the urllib.parse and
# ipaddress it loads) is ~2 ms of a command line's start-up. ``Path`` objects are made only
# for whoever asks for one (``AtomicJSONStorage.path``) and on rare paths (errors, backups).


def stat_key(st: os.stat_result) -> StatKey:
    """What tells us a file changed: a replaced file gets a new inode, an edited one a new
    size or mtime."""
    return (st.st_mtime_ns, st.st_size, st.st_ino)


def ensure_dir(path: str | os.PathLike[str]) -> None:
    """Create ``path`` and missing parents with mode 0700."""
    path = os.fspath(path)
    if os.path.isdir(path):
        return
    parent = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(parent):
        ensure_dir(parent)
    try:
        os.mkdir(path, DIR_MODE)
    except FileExistsError:
        return
    os.chmod(path, DIR_MODE)  # mkdir's mode is filtered by the umask; be explicit
    fsync_dir(parent)


def fsync_dir(path: str | os.PathLike[str]) -> None:
    """Make a rename or a new entry in ``path`` durable (a no-op where folders cannot be
    opened, e.g. Windows)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write_bytes(path: str | os.PathLike[str], payload: bytes) -> os.stat_result:
    """Write ``payload`` to ``path`` so that a crash leaves the old or the new file, whole.

    Returns the stat of the new file.
    """
    path = os.fspath(path)
    folder, name = os.path.split(os.path.abspath(path))
    ensure_dir(folder)
    temp = os.path.join(folder, f"{_TEMP_PREFIX}{name}.{os.urandom(4).hex()}{TEMP_SUFFIX}")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), FILE_MODE)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, FILE_MODE)  # whatever the umask said
        view = memoryview(payload)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
        st = os.fstat(fd)
    except BaseException:
        os.close(fd)
        _unlink_quietly(temp)
        raise
    os.close(fd)
    try:
        os.replace(temp, path)
    except BaseException:
        _unlink_quietly(temp)
        raise
    fsync_dir(folder)
    return st


def _unlink_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def is_temp_file(name: str) -> bool:
    return name.startswith(_TEMP_PREFIX) and name.endswith(TEMP_SUFFIX)


def remove_stale_temp_files(root: str | os.PathLike[str]) -> list[str]:
    """Delete temp files left by a writer that died mid-write (call only under the lock:
    a live writer's temp file exists only while it holds the lock); returns their paths."""
    removed: list[str] = []
    for folder in _folders(os.fspath(root)):
        try:
            names = os.listdir(folder)
        except FileNotFoundError:
            continue
        for name in names:
            if is_temp_file(name):
                _unlink_quietly(os.path.join(folder, name))
                removed.append(os.path.join(folder, name))
    return removed


def _folders(root: str) -> Iterator[str]:
    yield root
    try:
        entries = list(os.scandir(root))
    except FileNotFoundError:
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False) and entry.name not in ("backups",):
            yield entry.path


# -- JSON ----------------------------------------------------------------------------------

#: A process parses and writes with the standard library's ``json`` (which every command has
#: loaded anyway) until it has handled this many bytes, then with orjson. Importing orjson
#: costs ~2 ms (it loads ``uuid`` and ``platform``), about what ``json`` loses to it on this
#: much data (~1 ms per 170 KB month parsed, ~1.3 ms per month written), so a command line
#: that reads the timer or stores one entry never pays for it, and a yearly report switches
#: early. The app asks for orjson from its first read (:func:`use_orjson`).
ORJSON_AFTER = 512 * 1024

_handled = 0  # bytes parsed or written with json by this process
_orjson: ModuleType | None = None


def use_orjson() -> None:
    """Parse and write with orjson from now on, whatever this process has handled so far.

    For a process that is about to read much data, or that has loaded what importing orjson
    costs anyway: the app has (Textual imports ``uuid`` and ``platform``), so orjson costs it
    a fraction of a millisecond to import, and parses the files of its first screen in about
    half the instructions ``json`` needs.
    """
    global _orjson
    if _orjson is None:
        import orjson

        _orjson = orjson


def _fast(size: int) -> ModuleType | None:
    """orjson when this payload should use it (importing it the first time), else None."""
    global _handled, _orjson
    if _orjson is None:
        if _handled + size < ORJSON_AFTER:
            _handled += size
            return None
        import orjson

        _orjson = orjson
    return _orjson


def _reject_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not a JSON number")


def _finite(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise ValueError(f"number {text} is too large")
    return value


# json as strict as orjson: no NaN / Infinity, no numbers that overflow to infinity, UTF-8
# only (a byte-order mark is refused by json itself)
_DECODER = json.JSONDecoder(parse_constant=_reject_constant, parse_float=_finite)


def loads(payload: bytes) -> Any:
    """Parse JSON bytes (ValueError when they are not JSON).

    Both parsers read what this store writes alike and refuse the same broken files
    (``tests/store/test_json.py``); a payload that escapes a UTF-16 surrogate (``\\ud83d``)
    always goes to orjson, the stricter of the two there. One difference is left, in what
    only a hand edit could write: an integer beyond 64 bits is a float to orjson.
    """
    return _loads(payload, _fast(len(payload)))


def _escapes_surrogate(payload: bytes) -> bool:
    return b"\\ud" in payload or b"\\uD" in payload


def _loads(payload: bytes, fast: ModuleType | None) -> Any:
    if fast is None and not _escapes_surrogate(payload):
        try:
            return _DECODER.decode(payload.decode("utf-8"))
        except RecursionError:
            raise ValueError("nested too deeply") from None
    if fast is None:
        import orjson

        fast = orjson
    return fast.loads(payload)


def dumps(data: Any, size_hint: int = 0) -> bytes:
    """Compact UTF-8 JSON bytes; ``size_hint`` (the file's last size) picks the encoder."""
    fast = _fast(size_hint)
    if fast is not None:
        payload: bytes = fast.dumps(data)
        return payload
    # check_circular off (~10% faster): the codec's documents are plain trees
    return json.dumps(
        data, ensure_ascii=False, separators=(",", ":"), allow_nan=False, check_circular=False
    ).encode()


def parse_document(payload: bytes) -> Data:
    """Bytes -> TinyDB data; ValueError when it is not a JSON object of tables."""
    return _tables(loads(payload))


def _tables(data: Any) -> Data:
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise ValueError("not a TinyDB document (expected an object of tables)")
    return data


def meta_table(kind: str) -> dict[str, dict[str, Any]]:
    """The ``_meta`` table this program writes into every file of ``kind``."""
    return {"1": {"schema": models.SCHEMA_VERSION, "kind": kind}}


_HEAD = b'{"' + TABLE.encode() + b'":{'
_TAILS: dict[tuple[str, int], bytes] = {}


def layout_tail(kind: str) -> bytes:
    """How a file of ``kind`` in this store's own layout ends, after its records table:
    ``,"_meta":{"1":{"schema":2,"kind":"entries"}}}`` (compact, as both encoders write)."""
    key = (kind, models.SCHEMA_VERSION)
    tail = _TAILS.get(key)
    if tail is None:
        meta = json.dumps(meta_table(kind), ensure_ascii=False, separators=(",", ":"))
        tail = _TAILS[key] = f',"{META_TABLE}":{meta}}}'.encode()
    return tail


def table_end(data: Data, payload: bytes, kind: str) -> int | None:
    """Where the records table closes (the offset of its ``}``) in ``payload``, the bytes
    just encoded from ``data``; None unless ``data`` is exactly ``{records, _meta}``."""
    tail = layout_tail(kind)
    if list(data) == [TABLE, META_TABLE] and payload.endswith(tail):
        return len(payload) - len(tail) - 1
    return None


def parse_tables(payload: bytes, kind: str) -> tuple[Data, int | None]:
    """Bytes -> TinyDB data (as :func:`parse_document`), and where the records table closes
    in ``payload`` when the file has this store's own layout, else None.

    The own layout is ``{"_default":{...}`` followed by exactly :func:`layout_tail` (compact,
    the current schema, this kind). The records table is then parsed on its own, from its
    ``{``, by the same scanner that parses a whole document, and must end right where the
    tail begins: the document reads exactly as if parsed whole, and the offset is known
    without a second pass. Any other file (stock TinyDB, an older schema, a hand edit, a
    payload for orjson) is parsed whole and gets None.
    """
    fast = _fast(len(payload))
    tail = layout_tail(kind)
    if (
        fast is None
        and payload.startswith(_HEAD)
        and payload.endswith(tail)
        and not _escapes_surrogate(payload)
    ):
        text = payload.decode("utf-8")
        try:
            table, end = _DECODER.raw_decode(text, len(_HEAD) - 1)
        except RecursionError:
            raise ValueError("nested too deeply") from None
        # the tail is ASCII: as many characters as bytes
        if end == len(text) - len(tail):
            return {TABLE: table, META_TABLE: meta_table(kind)}, len(payload) - len(tail) - 1
    return _tables(_loads(payload, fast)), None


def schema_of(data: Data) -> int:
    """The schema version a file was written with (1 when the file predates ``_meta``)."""
    meta = data.get(META_TABLE, {}).get("1", {})
    version = meta.get("schema", 1) if isinstance(meta, dict) else 1
    if not isinstance(version, int) or isinstance(version, bool):
        raise ValueError(f"bad schema version {version!r}")
    return version


class AtomicJSONStorage:
    """A crash-safe, cached TinyDB storage (usable as ``TinyDB(path, storage=...)``).

    Args:
        path: the JSON file (it is created on the first write, not on open).
        kind: what the file holds (``"entries"``), recorded in ``_meta`` and used by
            migrations.
        root: the data folder, to name the newest backup in a :class:`CorruptFileError`.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        kind: str = "",
        root: str | os.PathLike[str] | None = None,
    ):
        self.file = os.fspath(path)
        self.kind = kind or os.path.splitext(os.path.basename(self.file))[0]
        self.root = root
        self.deferred = False
        self.dirty = False
        self._data: Data | None = None
        self._key: StatKey | None = None
        # the bytes ``_data`` was read from or written as, and the offset of the ``}`` that
        # closes their records table, when known (see :meth:`append`)
        self._payload: bytes | None = None
        self._end: int | None = None

    @property
    def path(self) -> Path:
        """The JSON file (``file`` is the same path as text)."""
        from pathlib import Path

        return Path(self.file)

    # -- reading ---------------------------------------------------------------------------

    def read(self) -> Data | None:
        """The whole file as TinyDB tables (cached until the file changes on disk)."""
        if self.dirty:
            return self._data  # pending bulk writes are the truth until flushed
        try:
            st = os.stat(self.file)
        except FileNotFoundError:
            self._forget()
            return None
        key = stat_key(st)
        if self._data is not None and key == self._key:
            return self._data
        try:
            with open(self.file, "rb") as handle:
                payload = handle.read()
                key = stat_key(os.fstat(handle.fileno()))
        except FileNotFoundError:
            self._forget()
            return None
        self._forget()
        self._data = self._parse(payload)
        self._key = key
        return self._data

    def _forget(self) -> None:
        self._data, self._key = None, None
        self._payload, self._end = None, None

    def _parse(self, payload: bytes) -> Data:
        try:
            data, end = parse_tables(payload, self.kind)
            if end is not None:  # this store's own layout: the current schema
                self._payload, self._end = payload, end
                return data
            version = schema_of(data)
        except ValueError as error:
            raise CorruptFileError(
                self.file, _short(error), newest_good_backup(self.root, self.file)
            ) from None
        if version > models.SCHEMA_VERSION:
            raise SchemaError(
                f"{self.file} was written by a newer vaplanner (data schema {version}; this "
                f"version reads up to {models.SCHEMA_VERSION}); upgrade vaplanner to use it"
            )
        if version < models.SCHEMA_VERSION:
            from vaplanner.store.migrations import upgrade

            data = upgrade(self.kind, data, version)
        return data

    def needs_upgrade(self) -> bool:
        """True when the file on disk has an older schema than this program writes."""
        try:
            with open(self.file, "rb") as handle:
                payload = handle.read()
        except FileNotFoundError:
            return False
        try:
            return schema_of(parse_document(payload)) < models.SCHEMA_VERSION
        except ValueError:
            return False

    # -- writing ---------------------------------------------------------------------------

    def write(self, data: Data) -> None:
        """Replace the file with ``data`` atomically (or keep it pending when deferred)."""
        data[META_TABLE] = meta_table(self.kind)
        self._data = data
        self._payload, self._end = None, None
        if self.deferred:
            self.dirty = True
            return
        self._write_now(data)

    def append(self, docs: dict[str, dict[str, Any]]) -> None:
        """Add new documents to the records table (``_default``), atomically, as
        :meth:`write` of the data with them added would; ValueError when an id is taken.

        When the bytes of the cached data are known, the new documents are encoded alone
        and spliced in where the records table closes: adding one entry to a month of a
        thousand costs a copy of the bytes, not an encoding of every entry. The file is
        replaced whole either way (temp file, fsync, rename, folder fsync).
        """
        data = self.read()
        table = data.get(TABLE) if data is not None else None
        for key in docs:
            if table is not None and key in table:
                raise ValueError(f"Document with ID {key} already exists")
        if (
            data is None
            or table is None
            or self.deferred
            or self._payload is None
            or self._end is None
        ):
            self.write({**(data or {}), TABLE: {**(table or {}), **docs}})
            return
        members = dumps(docs)[1:-1]  # '"7":{...},"8":{...}'
        if table:
            members = b"," + members
        end = self._end
        payload = b"".join((self._payload[:end], members, self._payload[end:]))
        try:
            st = atomic_write_bytes(self.file, payload)
        except BaseException:
            self.discard()
            raise
        table.update(docs)  # the cached dict matches the new file only now
        self._payload, self._end = payload, end + len(members)
        self._key = stat_key(st)

    def flush(self) -> None:
        """Write pending (deferred) data; a no-op when nothing is pending."""
        if self.dirty and self._data is not None:
            self._write_now(self._data)

    def discard(self) -> None:
        """Forget pending writes and the cache (after a failed bulk or write)."""
        self.dirty = False
        self._forget()

    def discard_if_recent(self, window_ns: int = RACY_WINDOW_NS) -> None:
        """Forget the cache when the file's mtime is within ``window_ns`` of now."""
        if self._key is not None and not self.dirty and time.time_ns() - self._key[0] < window_ns:
            self._forget()

    def _write_now(self, data: Data) -> None:
        try:
            payload = dumps(data, self._key[1] if self._key is not None else 0)
            st = atomic_write_bytes(self.file, payload)
        except BaseException:
            # TinyDB mutated the cached dict before calling us: it no longer matches the disk
            self.discard()
            raise
        self.dirty = False
        # the renamed temp file keeps its inode, so this key matches a later os.stat
        self._key = stat_key(st)
        end = table_end(data, payload, self.kind)
        self._payload, self._end = (payload, end) if end is not None else (None, None)

    def close(self) -> None:
        self._forget()


def tinydb_of(storage: AtomicJSONStorage) -> TinyDB:
    """A ``TinyDB`` over ``storage`` (for writes through its tables); imports tinydb."""
    from tinydb import TinyDB
    from tinydb.storages import Storage

    if not issubclass(AtomicJSONStorage, Storage):
        Storage.register(AtomicJSONStorage)
    return TinyDB(storage=lambda: storage)


def _short(error: BaseException) -> str:
    text = str(error) or type(error).__name__
    return text if len(text) < 120 else text[:117] + "..."


def backup_folders(root: str | os.PathLike[str]) -> list[Path]:
    """Backup folders under ``root/backups``, newest first."""
    from pathlib import Path

    folder = Path(root) / "backups"
    try:
        names = [e.name for e in os.scandir(folder) if e.is_dir() and not e.name.startswith(".")]
    except FileNotFoundError:
        return []
    return [folder / name for name in sorted(names, reverse=True)]


def newest_good_backup(
    root: str | os.PathLike[str] | None, path: str | os.PathLike[str]
) -> str | None:
    """The newest backup copy of ``path`` that parses, or None."""
    from pathlib import Path

    if root is None:
        return None
    try:
        relative = Path(path).relative_to(root)
    except ValueError:
        return None
    for folder in backup_folders(root):
        candidate = folder / relative
        try:
            parse_document(candidate.read_bytes())
        except (OSError, ValueError):
            continue
        return str(candidate)
    return None
