"""Reply promises counted in the client's business hours, across zones and DST changes.

Expected instants are wall times in the client's zone converted here with ``zoneinfo``; each
case's comment shows how the business minutes add up.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from vaplanner.core.errors import InputError
from vaplanner.core.models import Checkin, Client, Request, TimeRange, WeekHours
from vaplanner.core.promises import (
    channel_how,
    channel_kinds,
    last_checkins,
    open_requests,
    promise_summaries,
    reply_by,
    request_state,
    resolve_channel,
    since_text,
    validate_score,
)

NOW = datetime(2026, 11, 28, 13, 32, tzinfo=UTC)
H = 60


def wall(tz: str, year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(tz)).astimezone(UTC)


def hours(ranges: list[tuple[int, int, int, int]], weekdays: range | tuple[int, ...]) -> WeekHours:
    day = tuple(TimeRange(time(a, b), time(c, d)) for a, b, c, d in ranges)
    return WeekHours(tuple(day if i in weekdays else () for i in range(7)))


NINE_FIVE = hours([(9, 0, 17, 0)], range(5))
SPLIT_DAY = hours([(8, 30, 12, 30), (13, 30, 17, 30)], range(5))
SUN_THU = hours([(9, 0, 18, 0)], (6, 0, 1, 2, 3))

REPLY_CASES = [
    # (label, zone, hours, reply within minutes, received, expected reply-by)
    (
        # Fri 1h + Mon 8h + Tue 8h + Wed 7h = 24h.
        "Friday 16:00 New York, 24 business hours",
        "America/New_York",
        NINE_FIVE,
        24 * H,
        wall("America/New_York", 2026, 11, 27, 16),
        wall("America/New_York", 2026, 12, 2, 16),
    ),
    (
        # The same count over the US spring-forward weekend (8 Mar 2026): still 16:00 local.
        "New York across spring forward",
        "America/New_York",
        NINE_FIVE,
        24 * H,
        wall("America/New_York", 2026, 3, 6, 16),
        datetime(2026, 3, 11, 20, 0, tzinfo=UTC),
    ),
    (
        "New York across fall back",
        "America/New_York",
        NINE_FIVE,
        24 * H,
        wall("America/New_York", 2026, 10, 30, 16),
        datetime(2026, 11, 4, 21, 0, tzinfo=UTC),
    ),
    (
        # Fri 7h + Mon 8h + Tue 8h + Wed 1h; BST starts on 29 Mar.
        "London across spring forward",
        "Europe/London",
        NINE_FIVE,
        24 * H,
        wall("Europe/London", 2026, 3, 27, 10),
        datetime(2026, 4, 1, 9, 0, tzinfo=UTC),
    ),
    (
        # Saturday: counting starts Monday 09:00; 24h ends exactly at Wednesday's close.
        "received on a Saturday in Ljubljana",
        "Europe/Ljubljana",
        NINE_FIVE,
        24 * H,
        wall("Europe/Ljubljana", 2026, 11, 28, 10),
        datetime(2026, 12, 2, 16, 0, tzinfo=UTC),
    ),
    (
        "received before opening in Sydney",
        "Australia/Sydney",
        NINE_FIVE,
        4 * H,
        wall("Australia/Sydney", 2026, 11, 30, 7),
        wall("Australia/Sydney", 2026, 11, 30, 13),
    ),
    (
        # Fri 5h + Mon 8h + Tue 3h; AEDT ends on Sunday 5 Apr 2026.
        "Sydney across the end of DST",
        "Australia/Sydney",
        NINE_FIVE,
        16 * H,
        wall("Australia/Sydney", 2026, 4, 3, 12),
        datetime(2026, 4, 7, 2, 0, tzinfo=UTC),
    ),
    (
        "received after closing in Kolkata",
        "Asia/Kolkata",
        NINE_FIVE,
        4 * H,
        wall("Asia/Kolkata", 2026, 11, 24, 18, 30),
        datetime(2026, 11, 25, 7, 30, tzinfo=UTC),
    ),
    (
        # Thu 2h + Fri 6h, in a +05:45 zone.
        "Kathmandu quarter-hour offset",
        "Asia/Kathmandu",
        NINE_FIVE,
        8 * H,
        wall("Asia/Kathmandu", 2026, 11, 26, 15),
        datetime(2026, 11, 27, 9, 15, tzinfo=UTC),
    ),
    (
        # 30 min before lunch, then 13:30 + 1h30.
        "Auckland with a lunch break",
        "Pacific/Auckland",
        SPLIT_DAY,
        2 * H,
        wall("Pacific/Auckland", 2026, 11, 30, 12),
        wall("Pacific/Auckland", 2026, 11, 30, 15),
    ),
    (
        # NST -03:30 to NDT -02:30 on 8 Mar 2026.
        "St John's half-hour zone across spring forward",
        "America/St_Johns",
        NINE_FIVE,
        24 * H,
        wall("America/St_Johns", 2026, 3, 6, 16),
        datetime(2026, 3, 11, 18, 30, tzinfo=UTC),
    ),
    (
        # Thu 1h, Fri and Sat off, Sun 8h.
        "Dubai Sunday-to-Thursday week",
        "Asia/Dubai",
        SUN_THU,
        9 * H,
        wall("Asia/Dubai", 2026, 11, 26, 17),
        datetime(2026, 11, 29, 13, 0, tzinfo=UTC),
    ),
    (
        "zero minutes is the instant received",
        "America/New_York",
        NINE_FIVE,
        0,
        wall("America/New_York", 2026, 11, 28, 3),
        wall("America/New_York", 2026, 11, 28, 3),
    ),
]


@pytest.mark.parametrize(
    ("zone", "week", "within", "received", "expected"),
    [case[1:] for case in REPLY_CASES],
    ids=[case[0] for case in REPLY_CASES],
)
def test_reply_by(
    zone: str, week: WeekHours, within: int, received: datetime, expected: datetime
) -> None:
    client = Client(name="C", tz=zone, hours=week, reply_within_minutes=within)
    assert reply_by(client, received) == expected


def test_reply_by_without_business_hours_is_elapsed_time() -> None:
    client = Client(name="C", tz="Asia/Tokyo", hours=WeekHours(((),) * 7), reply_within_minutes=90)
    assert reply_by(client, NOW) == NOW + timedelta(minutes=90)


def _request(id_: int, client_id: int, reply: datetime, done: bool = False) -> Request:
    return Request(
        client_id=client_id,
        text=f"r{id_}",
        channel="email",
        received=reply - timedelta(days=1),
        reply_by=reply,
        id=id_,
        done_at=NOW if done else None,
    )


@pytest.mark.parametrize(
    ("reply_in_minutes", "done", "expected"),
    [
        (-1, False, "overdue"),
        (0, False, "due_soon"),  # due this very minute: not late yet
        (120, False, "due_soon"),
        (121, False, "open"),
        (-600, True, "done"),
    ],
)
def test_request_state(reply_in_minutes: int, done: bool, expected: str) -> None:
    request = _request(1, 1, NOW + timedelta(minutes=reply_in_minutes), done)
    assert request_state(request, NOW) == expected


def test_open_requests_and_summaries() -> None:
    requests = [
        _request(1, 1, NOW + timedelta(hours=5)),
        _request(2, 1, NOW - timedelta(hours=1)),
        _request(3, 2, NOW + timedelta(minutes=30)),
        _request(4, 2, NOW - timedelta(days=2), done=True),
        _request(5, 3, NOW + timedelta(days=3)),
    ]
    assert [r.id for r in open_requests(requests, NOW)] == [2, 3, 1, 5]
    assert [r.id for r in open_requests(requests, NOW, overdue_only=True)] == [2]
    summaries = promise_summaries(requests, NOW)
    assert set(summaries) == {1, 2, 3}
    first = summaries[1]
    assert (first.open, first.overdue, first.due_soon) == (2, 1, 0)
    assert first.next_reply_by == NOW - timedelta(hours=1)
    assert first.attention
    assert (summaries[2].open, summaries[2].due_soon, summaries[2].attention) == (1, 1, True)
    assert not summaries[3].attention


ACME = Client(
    name="Acme", tz="America/New_York", channels=(("formal", "email"), ("quick", "Slack"))
)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("formal", "formal"), ("QUICK", "quick"), ("email", "formal"), ("slack", "quick")],
)
def test_resolve_channel(typed: str, expected: str) -> None:
    assert resolve_channel(ACME, typed) == expected


def test_resolve_channel_errors_list_the_channels() -> None:
    with pytest.raises(InputError, match=r"no channel 'fax'; use one of: formal \(email\)"):
        resolve_channel(ACME, "fax")
    with pytest.raises(InputError, match="channel is required"):
        resolve_channel(ACME, " ")
    assert resolve_channel(Client(name="B", tz="UTC"), "WhatsApp") == "WhatsApp"


def test_channel_kinds_and_how() -> None:
    assert channel_kinds(ACME) == ("formal", "quick")
    assert channel_how(ACME, "quick") == "Slack"
    assert channel_how(ACME, "meetings") is None


@pytest.mark.parametrize("score", [0, 6, -1])
def test_validate_score_rejects(score: int) -> None:
    with pytest.raises(InputError, match="1 to 5"):
        validate_score(score)


@pytest.mark.parametrize("score", [None, 1, 5])
def test_validate_score_accepts(score: int | None) -> None:
    assert validate_score(score) == score


def test_last_checkins() -> None:
    checkins = [
        Checkin(client_id=1, at=NOW - timedelta(days=9), id=1),
        Checkin(client_id=1, at=NOW - timedelta(days=2), id=2, score=4),
        Checkin(client_id=2, at=NOW - timedelta(days=40), id=3),
        Checkin(client_id=1, at=NOW - timedelta(days=5), id=4),
    ]
    latest = last_checkins(checkins)
    assert {k: v.id for k, v in latest.items()} == {1: 2, 2: 3}


@pytest.mark.parametrize(
    ("ago", "expected"),
    [
        (None, "never"),
        (timedelta(hours=23), "today"),
        (timedelta(days=1), "1d ago"),
        (timedelta(days=13, hours=23), "13d ago"),
        (timedelta(days=14), "2w ago"),
        (timedelta(days=59), "8w ago"),
        (timedelta(days=95), "3mo ago"),
        (-timedelta(hours=2), "today"),
    ],
)
def test_since_text(ago: timedelta | None, expected: str) -> None:
    assert since_text(None if ago is None else NOW - ago, NOW) == expected
