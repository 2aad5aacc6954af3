"""Retainers: cycles in the home calendar, rollover windows, overage, alerts and lines."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from vaplanner.core.errors import InputError
from vaplanner.core.models import Billing, Client, Entry
from vaplanner.core.retainer import (
    cycle_of,
    retainer_lines,
    retainer_status,
    retainer_usage,
    retainer_window,
    usage_window,
)

HOME = "Europe/Ljubljana"
LJ = ZoneInfo(HOME)


def at(y: int, m: int, d: int, hh: int = 10, mm: int = 0, zone: ZoneInfo = LJ) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=zone).astimezone(UTC)


def work(start: datetime, minutes: int, *, client_id: int = 1, billable: bool = True) -> Entry:
    return Entry(client_id, start, start + timedelta(minutes=minutes), billable=billable)


def acme(**billing: object) -> Client:
    fields: dict[str, object] = {"rate": Decimal(40), "retainer_hours": Decimal(10)}
    fields.update(billing)
    return Client(name="Acme", tz="America/New_York", id=1, billing=Billing(**fields))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("day", "kind", "week_start", "expected"),
    [
        (date(2026, 11, 28), "monthly", 0, (date(2026, 11, 1), date(2026, 12, 1))),
        (date(2026, 12, 31), "monthly", 0, (date(2026, 12, 1), date(2027, 1, 1))),
        (date(2028, 2, 29), "monthly", 0, (date(2028, 2, 1), date(2028, 3, 1))),
        (date(2026, 11, 28), "weekly", 0, (date(2026, 11, 23), date(2026, 11, 30))),
        (date(2026, 11, 29), "weekly", 6, (date(2026, 11, 29), date(2026, 12, 6))),
        (date(2026, 11, 28), "weekly", 6, (date(2026, 11, 22), date(2026, 11, 29))),
    ],
)
def test_cycle_of(day: date, kind: str, week_start: int, expected: tuple[date, date]) -> None:
    assert cycle_of(day, kind, week_start) == expected


def test_no_retainer_no_status() -> None:
    plain = Client(name="Koala", tz="UTC", id=2, billing=Billing(rate=Decimal(30)))
    assert retainer_status(plain, [], at(2026, 11, 15), tz=HOME) is None


NOW = at(2026, 11, 15, 12)
OCT_4H = work(at(2026, 10, 10), 240)
NOV_3H = work(at(2026, 11, 5), 180)


@pytest.mark.parametrize(
    ("rollover_days", "rollover", "left", "percent"),
    [
        (0, 0, 420, 30),  # unused October hours lapse
        (30, 360, 780, 18),  # 6 h carried in, the 3 h use them first: 3 h + 10 h left
        (10, 360, 600, 18),  # carried hours expired on 11 Nov: only November's 10 h are left
    ],
)
def test_rollover(rollover_days: int, rollover: int, left: int, percent: int) -> None:
    status = retainer_status(acme(rollover_days=rollover_days), [OCT_4H, NOV_3H], NOW, tz=HOME)
    assert status is not None
    assert status.cycle_start == date(2026, 11, 1)
    assert status.resets_on == date(2026, 12, 1)
    assert status.included_minutes == 600
    assert status.rollover_minutes == rollover
    assert status.used_minutes == 180
    assert status.left_minutes == left
    assert status.percent_used == percent
    assert status.overage_minutes == 0
    assert status.level == "ok" and status.alerts == ()


def test_rollover_is_used_before_it_expires_and_the_rest_goes_over() -> None:
    # 6 h carried into November valid until 11 Nov; 14 h worked on 20 Nov cannot use them.
    entries = [OCT_4H, work(at(2026, 11, 20), 14 * 60)]
    status = retainer_status(acme(rollover_days=10), entries, at(2026, 11, 25), tz=HOME)
    assert status is not None
    assert status.used_minutes == 14 * 60
    assert status.left_minutes == 0
    assert status.overage_minutes == 4 * 60
    assert status.level == "over"
    assert "used up" in status.alerts[0] and "4:00 over" in status.alerts[0]


@pytest.mark.parametrize(
    ("minutes", "level", "fragments"),
    [
        (15 * 60 + 59, "ok", []),
        (16 * 60, "warn", ["80% of the retainer used", "16:00 of 20:00", "resets on 2026-12-01"]),
        (17 * 60 + 59, "warn", ["89%"]),
        (18 * 60, "low", ["90%", "2:00 of retainer hours left"]),
        (19 * 60 + 30, "low", ["97%", "0:30 of retainer hours left"]),
        (20 * 60, "over", ["used up, 0:00 over"]),
        (21 * 60, "over", ["used up, 1:00 over"]),
    ],
)
def test_alerts_at_80_percent_and_two_hours_left(
    minutes: int, level: str, fragments: list[str]
) -> None:
    client = acme(retainer_hours=Decimal(20))
    status = retainer_status(client, [work(at(2026, 11, 2), minutes)], NOW, tz=HOME)
    assert status is not None
    assert status.level == level
    text = " | ".join(status.alerts)
    for fragment in fragments:
        assert fragment in text
    assert bool(status.alerts) == (level != "ok")


def test_small_retainer_raises_both_alerts_at_once() -> None:
    # 8 of 10 hours used: 80% and 2 hours left are the same moment.
    status = retainer_status(acme(), [work(at(2026, 11, 2), 8 * 60)], NOW, tz=HOME)
    assert status is not None and status.level == "low" and len(status.alerts) == 2


def test_no_rollover_from_before_the_retainer_began() -> None:
    created = datetime(2026, 11, 3, 8, 0, tzinfo=UTC)
    new = Client(
        name="New",
        tz="UTC",
        id=1,
        created=created,
        billing=Billing(retainer_hours=Decimal(10), rollover_days=30),
    )
    status = retainer_status(new, [NOV_3H], NOW, tz=HOME)
    assert status is not None
    assert (status.rollover_minutes, status.left_minutes) == (0, 420)
    since = acme(rollover_days=30, retainer_since=date(2026, 10, 1))
    status = retainer_status(since, [NOV_3H], NOW, tz=HOME)
    assert status is not None and status.rollover_minutes == 600


def test_cycle_boundary_follows_the_given_zone() -> None:
    # 00:30 on 1 Nov in Ljubljana is still 31 Oct in UTC: it counts for November here.
    late = work(at(2026, 11, 1, 0, 30), 60)
    early = work(at(2026, 10, 31, 23, 0), 30)
    status = retainer_status(acme(), [late, early], NOW, tz=HOME)
    assert status is not None and status.used_minutes == 60
    in_utc = retainer_status(acme(), [late, early], NOW, tz="UTC")
    assert in_utc is not None and in_utc.used_minutes == 0


def test_default_zone_is_the_clients() -> None:
    # 03:00 UTC on 1 Nov is still 31 Oct in New York.
    entry = work(datetime(2026, 11, 1, 3, 0, tzinfo=UTC), 60)
    status = retainer_status(acme(), [entry], NOW)
    assert status is not None and status.used_minutes == 0


def test_only_the_clients_billable_past_time_counts_with_its_rounding() -> None:
    entries = [
        work(at(2026, 11, 3), 1),
        work(at(2026, 11, 3, 11), 1),
        work(at(2026, 11, 4), 60, billable=False),
        work(at(2026, 11, 4), 60, client_id=2),
        work(at(2026, 11, 20), 60),  # after now
    ]
    status = retainer_status(acme(rounding_minutes=15), entries, NOW, tz=HOME)
    assert status is not None and status.used_minutes == 30


def test_weekly_cycle() -> None:
    client = acme(retainer_cycle="weekly", retainer_hours=Decimal(5))
    entries = [work(at(2026, 11, 9), 60), work(at(2026, 11, 16), 90)]
    status = retainer_status(client, entries, at(2026, 11, 18), tz=HOME)
    assert status is not None
    assert (status.cycle_start, status.resets_on) == (date(2026, 11, 16), date(2026, 11, 23))
    assert (status.used_minutes, status.left_minutes) == (90, 210)


def test_windows_reach_back_over_the_rollover() -> None:
    assert retainer_window(acme(), NOW, tz=HOME) == at(2026, 11, 1, 0)
    # 30 days before 1 Nov is in October; one more cycle back is September.
    # the oldest grant alive on 1 Nov with 30 days of rollover is October's
    assert retainer_window(acme(rollover_days=30), NOW, tz=HOME) == at(2026, 10, 1, 0)
    assert retainer_window(acme(rollover_days=45), NOW, tz=HOME) == at(2026, 9, 1, 0)
    assert usage_window(acme(rollover_days=30), date(2026, 11, 1), tz=HOME) == at(2026, 10, 1, 0)


def test_retainer_lines_with_overage() -> None:
    client = acme(retainer_fee=Decimal("500"), overage_rate=Decimal("50"), currency="USD")
    entries = [work(at(2026, 11, 2), 11 * 60 + 30)]
    uses = retainer_usage(client, entries, date(2026, 11, 1), date(2026, 11, 30), tz=HOME)
    lines = retainer_lines(client, uses)
    assert [line.description for line in lines] == [
        "Retainer, November 2026 (10:00 h)",
        "Hours beyond the retainer, November 2026",
    ]
    assert [str(line.amount) for line in lines] == ["500.00", "75.00"]
    assert [line.minutes for line in lines] == [None, 90]


def test_retainer_lines_overage_falls_back_to_the_hourly_rate() -> None:
    client = acme(retainer_fee=Decimal("500"), rate=Decimal(60))
    uses = retainer_usage(
        client, [work(at(2026, 11, 2), 11 * 60)], date(2026, 11, 1), date(2026, 11, 30), tz=HOME
    )
    assert [str(line.amount) for line in retainer_lines(client, uses)] == ["500.00", "60.00"]


def test_two_weekly_cycles_in_a_month_invoice() -> None:
    client = acme(retainer_cycle="weekly", retainer_hours=Decimal(5), retainer_fee=Decimal(200))
    entries = [work(at(2026, 11, 3), 6 * 60), work(at(2026, 11, 10), 60)]
    uses = retainer_usage(client, entries, date(2026, 11, 2), date(2026, 11, 15), tz=HOME)
    assert [use.cycle[0] for use in uses] == [date(2026, 11, 2), date(2026, 11, 9)]
    assert [use.overage_minutes for use in uses] == [60, 0]


def test_period_without_a_cycle_start_is_refused() -> None:
    with pytest.raises(InputError, match="no start of a monthly"):
        retainer_usage(acme(), [], date(2026, 11, 5), date(2026, 11, 25), tz=HOME)


def test_lines_need_a_fee_and_an_overage_rate() -> None:
    client = acme(retainer_fee=None)
    uses = retainer_usage(client, [], date(2026, 11, 1), date(2026, 11, 30), tz=HOME)
    with pytest.raises(InputError, match="no retainer fee"):
        retainer_lines(client, uses)
    client = acme(retainer_fee=Decimal(100), rate=None)
    uses = retainer_usage(
        client, [work(at(2026, 11, 2), 11 * 60)], date(2026, 11, 1), date(2026, 11, 30), tz=HOME
    )
    with pytest.raises(InputError, match="no overage or hourly rate"):
        retainer_lines(client, uses)


def test_weekly_cycle_across_the_autumn_clock_change() -> None:
    # Clocks go back on Sun 25 Oct 2026 in Ljubljana; the week of 26 Oct starts at 23:00 UTC.
    client = acme(retainer_cycle="weekly", retainer_hours=Decimal(5))
    sunday_late = work(at(2026, 10, 25, 23, 30), 60)  # 22:30 UTC: the week before
    monday_early = work(at(2026, 10, 26, 0, 30), 45)  # 23:30 UTC on the 25th: this week
    assert monday_early.start == datetime(2026, 10, 25, 23, 30, tzinfo=UTC)
    status = retainer_status(client, [sunday_late, monday_early], at(2026, 10, 27), tz=HOME)
    assert status is not None
    assert status.cycle_start == date(2026, 10, 26)
    assert (status.used_minutes, status.left_minutes) == (45, 255)
