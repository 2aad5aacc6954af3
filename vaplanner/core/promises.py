"""Promised replies and check-ins: what each client is waiting to hear back about.

A request logged with a channel and the instant it arrived gets a reply-by instant counted in
the *client's* business hours (nights, weekends and DST changes of the client's zone, not the
VA's). Pure: ``now`` is always a parameter.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Literal, NamedTuple

from vaplanner.core.errors import InputError
from vaplanner.core.hours import add_business_minutes
from vaplanner.core.models import Checkin, Client, Request

RequestState = Literal["done", "overdue", "due_soon", "open"]

#: A reply is "due soon" this many minutes before its reply-by instant.
DUE_SOON_MINUTES = 120


def reply_by(client: Client, received: datetime) -> datetime:
    """When the reply to a request received at ``received`` is due (UTC).

    ``client.reply_within_minutes`` of business time in the client's hours and zone: 24
    business hours from Friday 16:00 in New York, with 09:00-17:00 days, is Wednesday 16:00
    New York. A request that arrives outside the hours starts counting when they open. A
    client without any business hours gets plain elapsed time, so logging never fails.
    """
    minutes = client.reply_within_minutes
    if client.hours.weekly_minutes == 0:
        return received + timedelta(minutes=minutes)
    return add_business_minutes(client.hours, client.tz, received, minutes)


def request_state(
    request: Request, now: datetime, soon_minutes: int = DUE_SOON_MINUTES
) -> RequestState:
    """``done``; ``overdue`` (reply-by passed); ``due_soon`` (within ``soon_minutes``); ``open``."""
    if request.done_at is not None:
        return "done"
    if request.reply_by < now:
        return "overdue"
    if request.reply_by - now <= timedelta(minutes=soon_minutes):
        return "due_soon"
    return "open"


def open_requests(
    requests: Iterable[Request], now: datetime, *, overdue_only: bool = False
) -> list[Request]:
    """Unanswered requests, the reply due first first; only overdue ones if asked."""
    found = [
        request
        for request in requests
        if request.done_at is None and (not overdue_only or request.reply_by < now)
    ]
    found.sort(key=lambda request: (request.reply_by, request.id))
    return found


class PromiseSummary(NamedTuple):
    """What the client row shows about unanswered requests."""

    client_id: int
    open: int
    due_soon: int
    overdue: int
    next_reply_by: datetime | None  # the earliest unanswered reply-by instant

    @property
    def attention(self) -> bool:
        """Whether the row should be marked (a reply is overdue or due soon)."""
        return self.overdue > 0 or self.due_soon > 0


def promise_summaries(
    requests: Iterable[Request], now: datetime, soon_minutes: int = DUE_SOON_MINUTES
) -> dict[int, PromiseSummary]:
    """A :class:`PromiseSummary` per client that has unanswered requests."""
    by_client: dict[int, list[Request]] = {}
    for request in open_requests(requests, now):
        by_client.setdefault(request.client_id, []).append(request)
    result: dict[int, PromiseSummary] = {}
    for client_id, items in by_client.items():
        states = [request_state(item, now, soon_minutes) for item in items]
        result[client_id] = PromiseSummary(
            client_id=client_id,
            open=len(items),
            due_soon=states.count("due_soon"),
            overdue=states.count("overdue"),
            next_reply_by=items[0].reply_by,
        )
    return result


# --- channels -------------------------------------------------------------------------------


def channel_kinds(client: Client) -> tuple[str, ...]:
    """The client's channel kinds (``formal``, ``quick``, …) in the order they were set."""
    return tuple(dict.fromkeys(kind for kind, _ in client.channels))


def channel_how(client: Client, kind: str) -> str | None:
    """How the client is reached on ``kind`` (``email`` for ``formal``), or None."""
    for name, how in client.channels:
        if name == kind:
            return how
    return None


def resolve_channel(client: Client, text: str) -> str:
    """The channel kind a request came in on, from what the user typed.

    Accepts a kind (``formal``) or a way (``email``), case-insensitively, and returns the
    kind. A client without channels accepts any name as given.

    Raises:
        InputError: empty, or not one of the client's channels (the message lists them).
    """
    typed = text.strip()
    if not typed:
        raise InputError("a channel is required, such as email, slack or phone")
    if not client.channels:
        return typed
    wanted = typed.casefold()
    for kind, _ in client.channels:
        if kind.casefold() == wanted:
            return kind
    for kind, how in client.channels:
        if how.casefold() == wanted:
            return kind
    accepted = ", ".join(f"{kind} ({how})" for kind, how in client.channels)
    raise InputError(f"{client.name} has no channel {typed!r}; use one of: {accepted}")


# --- check-ins ------------------------------------------------------------------------------


def validate_score(score: int | None) -> int | None:
    """A check-in score: None or 1 to 5.

    Raises:
        InputError: any other number.
    """
    if score is not None and not 1 <= score <= 5:
        raise InputError(f"a check-in score is 1 to 5 (got {score})")
    return score


def last_checkins(checkins: Iterable[Checkin]) -> dict[int, Checkin]:
    """The most recent check-in per client id."""
    latest: dict[int, Checkin] = {}
    for checkin in checkins:
        current = latest.get(checkin.client_id)
        if current is None or (checkin.at, checkin.id) > (current.at, current.id):
            latest[checkin.client_id] = checkin
    return latest


def since_text(then: datetime | None, now: datetime) -> str:
    """How long ago ``then`` was, for a client row: ``today``, ``1d ago``, ``3w ago``, ``never``.

    Days count 24-hour periods; from 14 days on it is whole weeks, from 60 days whole months
    of 30 days: a check-in cadence is weekly or monthly, not to the hour.
    """
    if then is None:
        return "never"
    days = int((now - then).total_seconds() // 86400)
    if days <= 0:
        return "today"
    if days < 14:
        return f"{days}d ago"
    if days < 60:
        return f"{days // 7}w ago"
    return f"{days // 30}mo ago"
