"""Schema migrations: functions that upgrade a file's data from one version to the next.

Every data file carries the schema version it was written with (``_meta`` table, see
:mod:`vaplanner.store.storage`). A file older than :data:`~vaplanner.core.models.SCHEMA_VERSION`
is upgraded **in memory** each time it is read (so even a file restored from an old backup
reads correctly); :meth:`Store.migrate <vaplanner.store.store.Store>` rewrites the whole folder
once at open, after a backup, so the upgrade is not repeated.

To change the format: raise ``SCHEMA_VERSION`` in ``core/models.py`` and register the step::

    @migration(1)
    def _v1_to_v2(kind: str, data: Data) -> Data:
        if kind == "entries":
            for doc in data.get("_default", {}).values():
                doc.setdefault("tags", [])
        return data

A step receives the whole TinyDB data of one file (``{"_default": {id: doc}, "_meta": ...}``)
and the file's kind (see :func:`vaplanner.store.layout.kind_of`), and returns the new data.
Steps must be pure and idempotent: a crash during the folder rewrite runs them again on
files that were not rewritten yet.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from vaplanner.core import models

Data = dict[str, dict[str, Any]]
Step = Callable[[str, Data], Data]

#: ``MIGRATIONS[n]`` upgrades data of schema ``n`` to ``n + 1``.
MIGRATIONS: dict[int, Step] = {}


def migration(from_version: int) -> Callable[[Step], Step]:
    """Register a step from ``from_version`` to ``from_version + 1``."""

    def register(step: Step) -> Step:
        MIGRATIONS[from_version] = step
        return step

    return register


def upgrade(kind: str, data: Data, version: int) -> Data:
    """Apply every step from ``version`` up to the current schema."""
    from vaplanner.core.errors import SchemaError

    for current in range(version, models.SCHEMA_VERSION):
        step = MIGRATIONS.get(current)
        if step is None:
            raise SchemaError(
                f"no migration from data schema {current} to {current + 1}; "
                "this folder needs another vaplanner version"
            )
        data = step(kind, data)
    meta = dict(data.get("_meta", {}).get("1", {}))
    meta["schema"] = models.SCHEMA_VERSION
    data["_meta"] = {"1": meta}
    return data
