"""Requests and check-ins, with the cheap reads the first screen needs.

The main screen shows, per client, the unanswered requests (promised replies) and the date
of the latest check-in. Years of history hold hundreds of answered requests and thousands
of check-ins; decoding every one into a dataclass to keep a handful costs milliseconds of
the first frame. These repositories look at the stored documents first and decode only the
records they return.

    store.requests.unanswered() -> list[Request]        (done_at unset; by id)
    store.checkins.latest_per_client() -> dict[int, Checkin]
                                      (the most recent per client: by ``at``, then id)
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from vaplanner.store.repos import SimpleRepo

if TYPE_CHECKING:
    from vaplanner.core.models import Checkin, Request


class RequestRepo(SimpleRepo["Request"]):  # strings: the classes are made on first use
    """Requests a client made and the reply the VA promised."""

    def unanswered(self) -> list[Request]:
        """Requests without a reply yet (``done_at`` unset), by id; the same records as
        ``[r for r in all() if r.done_at is None]``, but only those are decoded.

        A document whose ``done_at`` is a string is taken as answered without decoding it;
        any other value (null, missing, or not a date at all) is decoded, so a record that
        does not fit raises the :class:`CorruptFileError` that names it.
        """
        raw = self._store.raw(self._rel)
        keys = [key for key, doc in raw.items() if not _answered(doc)]
        return [self._decode(key, raw[key]) for key in sorted(keys, key=int)]


def _answered(doc: Any) -> bool:
    return isinstance(doc, dict) and isinstance(doc.get("done_at"), str)


class CheckinRepo(SimpleRepo["Checkin"]):
    """Check-ins: how a client relationship felt at a moment."""

    def latest_per_client(self) -> dict[int, Checkin]:
        """The most recent check-in of each client id (greatest ``at``, then greatest id,
        as :func:`vaplanner.core.promises.last_checkins` picks); only those are decoded.

        The instants are compared as parsed from the documents; a document whose client or
        instant cannot be read that way is decoded (a record that does not fit raises the
        :class:`CorruptFileError` that names it).
        """
        raw = self._store.raw(self._rel)
        parse = datetime.fromisoformat
        best: dict[int, tuple[datetime, int, str]] = {}
        for key, doc in raw.items():
            try:
                client_id, at, record_id = doc["client_id"], parse(doc["at"]), int(key)
                if type(client_id) is not int or at.tzinfo is None:
                    raise ValueError(key)
            except (KeyError, TypeError, ValueError):
                record = self._decode(key, doc)
                client_id, at, record_id = record.client_id, record.at, record.id
            current = best.get(client_id)
            if current is None or (at, record_id) > (current[0], current[1]):
                best[client_id] = (at, record_id, key)
        return {client_id: self._decode(key, raw[key]) for client_id, (_, _, key) in best.items()}
