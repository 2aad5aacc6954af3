"""The Store facade: the only way the command line and the app reach the data folder.

CONTRACT (other modules are written against these names; keep them stable):

    store = Store(path)                 # opens lazily; creates the folder (0700) on first write
    with store.transaction(): ...       # exclusive cross-process lock; reentrant in a process
    with store.bulk(): ...              # many writes, one file write per touched file at exit
    store.revision() -> tuple           # changes when any file changed on disk (app polling)

    store.get_settings() -> Settings    store.save_settings(settings)

    store.clients   .all(include_archived=False) -> list[Client]   (ordered by key, then name)
                    .get(id) -> Client            (NotFoundError)
                    .find(ref) -> Client          (id, hotkey, exact or unique prefix of name,
                                                   case-insensitive; NotFoundError/AmbiguousError)
                    .add(client) -> Client        (assigns id; ConflictError on duplicate
                                                   name or hotkey)
                    .update(client) -> Client     .delete(id)
    store.tasks     .all() .get(id) .add(t)->Task .update(t)->Task .delete(id)
                    .list(client_id=None, statuses=OPEN_TASK_STATUSES) -> list[Task]
                                                  (ordered by position, then id)
    store.entries   .add(e)->Entry .get(id) .update(e)->Entry .delete(id)
                    .between(start, end) -> list[Entry]   (entries overlapping [start, end),
                                                   reads only the months needed; sorted by start)
                    .all() -> Iterator[Entry]      .months() -> list[str]  ("2026-11")
                    .add_many(entries) -> list[Entry]
    store.blocks    same as entries (Block)
    store.meetings  .all() .get(id) .add(m)->Meeting (sets uid "meeting-<id>@vaplanner" when
                    empty) .update(m)->Meeting .delete(id)
    store.timer     .get() -> Timer | None        .set(timer | None)
    store.invoices, store.requests, store.checkins: .all() .get(id) .add(x) .update(x) .delete(id)

Rules for the engine behind it are in DESIGN.md section 5; the implementation lives in
``storage.py`` (AtomicJSONStorage), ``layout.py`` (which file holds what), ``codecs.py``
(dataclass <-> document) and ``repos.py`` (typed repositories).
"""

from __future__ import annotations
