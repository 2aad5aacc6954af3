"""Timer rules: start, switch, stop, log, overlaps, forgotten timers (pure, fixed ``now``)."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from vaplanner.core.errors import ConflictError, InputError, NothingRunningError
from vaplanner.core.models import Entry, Settings, Timer, TimeRange, WeekHours
from vaplanner.core.timer import (
    describe_entry,
    find_overlap,
    fit,
    forgotten,
    hmm,
    local_label,
    plan_log,
    plan_start,
    plan_stop,
    stopped_warning,
    timer_warnings,
    to_second,
    work_day_end,
)

LJU = "Europe/Ljubljana"
NOW = datetime(2026, 11, 28, 13, 32, 7, 450000, tzinfo=UTC)  # Sat 14:32:07 in Ljubljana
NAMES = {1: "Acme", 2: "Koala"}


def name_of(client_id: int) -> str:
    return NAMES[client_id]


def lju(*args: int) -> datetime:
    """A Ljubljana wall time as a UTC instant, computed with zoneinfo (not the code under test)."""
    return datetime(*args, tzinfo=ZoneInfo(LJU)).astimezone(UTC)  # type: ignore[misc]


def entry(id_: int, client: int, start: datetime, end: datetime) -> Entry:
    return Entry(client_id=client, start=start, end=end, id=id_)


def test_to_second_drops_fraction_and_converts_to_utc() -> None:
    assert to_second(NOW) == datetime(2026, 11, 28, 13, 32, 7, tzinfo=UTC)
    local = datetime(2026, 7, 1, 9, 0, 0, 999999, tzinfo=ZoneInfo("America/New_York"))
    assert to_second(local) == datetime(2026, 7, 1, 13, 0, 0, tzinfo=UTC)
    with pytest.raises(ValueError):
        to_second(datetime(2026, 1, 1))


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "0:00"), (59, "0:00"), (60, "0:01"), (2520, "0:42"), (47100, "13:05"), (-5, "0:00")],
)
def test_hmm(seconds: int, text: str) -> None:
    assert hmm(seconds) == text


@pytest.mark.parametrize(
    ("instant", "tz", "text"),
    [
        (lju(2026, 11, 28, 9, 10), LJU, "09:10"),
        (lju(2026, 11, 26, 9, 10), LJU, "Thu 26 Nov 09:10"),
        (lju(2025, 12, 31, 23, 0), LJU, "Wed 31 Dec 2025 23:00"),
        # 23:30 UTC on the 27th is already the 28th in Ljubljana but not in New York.
        (datetime(2026, 11, 27, 23, 30, tzinfo=UTC), LJU, "00:30"),
        (datetime(2026, 11, 28, 3, 30, tzinfo=UTC), "America/New_York", "Fri 27 Nov 22:30"),
        (datetime(2026, 11, 27, 3, 30, tzinfo=UTC), "America/New_York", "Thu 26 Nov 22:30"),
    ],
)
def test_local_label(instant: datetime, tz: str, text: str) -> None:
    assert local_label(instant, tz, NOW) == text


def test_describe_entry_names_client_and_local_times() -> None:
    e = entry(812, 2, lju(2026, 11, 28, 8, 30), lju(2026, 11, 28, 9, 40))
    assert describe_entry(e, name_of, LJU, NOW) == "entry #812 (Koala 08:30-09:40)"
    across = entry(9, 1, lju(2026, 11, 26, 23, 0), lju(2026, 11, 27, 1, 0))
    assert (
        describe_entry(across, name_of, LJU, NOW)
        == "entry #9 (Acme Thu 26 Nov 23:00-Fri 27 Nov 01:00)"
    )


def test_find_overlap_is_half_open_and_returns_earliest() -> None:
    a = entry(1, 1, lju(2026, 11, 28, 8, 0), lju(2026, 11, 28, 9, 0))
    b = entry(2, 2, lju(2026, 11, 28, 9, 0), lju(2026, 11, 28, 10, 0))
    assert find_overlap([a, b], lju(2026, 11, 28, 10, 0), lju(2026, 11, 28, 11, 0)) is None
    assert find_overlap([b, a], lju(2026, 11, 28, 8, 59), lju(2026, 11, 28, 9, 30)) == a
    assert find_overlap([a, b], lju(2026, 11, 28, 7, 0), lju(2026, 11, 28, 8, 0)) is None
    assert find_overlap([a], lju(2026, 11, 28, 8, 0), lju(2026, 11, 28, 9, 0), ignore_id=1) is None


def test_fit_forgives_under_a_minute_only() -> None:
    prior = entry(1, 1, lju(2026, 11, 28, 8, 0), lju(2026, 11, 28, 9, 40, 27))
    start, end = fit([prior], lju(2026, 11, 28, 9, 40), None)
    assert start == lju(2026, 11, 28, 9, 40, 27) and end is None
    start, _ = fit([prior], lju(2026, 11, 28, 9, 39), None)
    assert start == lju(2026, 11, 28, 9, 39)
    later = entry(2, 2, lju(2026, 11, 28, 11, 0, 30), lju(2026, 11, 28, 12, 0))
    _, end = fit([later], lju(2026, 11, 28, 10, 0), lju(2026, 11, 28, 11, 1))
    assert end == lju(2026, 11, 28, 11, 0, 30)


# --- start ----------------------------------------------------------------------------------


def test_start_now_is_kept_to_the_second() -> None:
    plan = plan_start(None, 1, now=NOW, entries=[], task_id=5, note="draft", tz=LJU)
    assert plan.stopped is None
    assert plan.timer == Timer(
        client_id=1, started=datetime(2026, 11, 28, 13, 32, 7, tzinfo=UTC), task_id=5, note="draft"
    )


def test_start_in_the_past() -> None:
    plan = plan_start(None, 1, now=NOW, entries=[], at=lju(2026, 11, 28, 14, 10), tz=LJU)
    assert plan.timer.started == lju(2026, 11, 28, 14, 10)


def test_start_within_a_minute_ahead_is_now_and_further_is_refused() -> None:
    plan = plan_start(None, 1, now=NOW, entries=[], at=NOW + timedelta(seconds=50), tz=LJU)
    assert plan.timer.started == to_second(NOW)
    with pytest.raises(InputError, match=r"14:40 is in the future \(it is 14:32\)"):
        plan_start(None, 1, now=NOW, entries=[], at=lju(2026, 11, 28, 14, 40), tz=LJU)


def test_start_in_the_past_overlapping_an_entry_names_it() -> None:
    koala = entry(812, 2, lju(2026, 11, 28, 13, 30), lju(2026, 11, 28, 14, 20))
    with pytest.raises(ConflictError) as info:
        plan_start(
            None, 1, now=NOW, entries=[koala], at=lju(2026, 11, 28, 14, 0), tz=LJU, name_of=name_of
        )
    message = str(info.value)
    assert "entry #812 (Koala 13:30-14:20)" in message
    assert "start at 14:20 or later" in message


def test_start_right_after_an_entry_snaps_onto_its_end() -> None:
    koala = entry(812, 2, lju(2026, 11, 28, 13, 30), lju(2026, 11, 28, 14, 20, 31))
    plan = plan_start(None, 1, now=NOW, entries=[koala], at=lju(2026, 11, 28, 14, 20), tz=LJU)
    assert plan.timer.started == lju(2026, 11, 28, 14, 20, 31)


def test_switch_stops_running_timer_at_the_new_start() -> None:
    running = Timer(client_id=2, started=lju(2026, 11, 28, 13, 50), task_id=3, note="inbox")
    plan = plan_start(running, 1, now=NOW, entries=[], tz=LJU)
    assert plan.stopped == Entry(
        client_id=2, start=lju(2026, 11, 28, 13, 50), end=to_second(NOW), task_id=3, note="inbox"
    )
    assert plan.timer.started == to_second(NOW)


def test_switch_in_the_past_ends_running_timer_then() -> None:
    running = Timer(client_id=2, started=lju(2026, 11, 28, 13, 50))
    plan = plan_start(running, 1, now=NOW, entries=[], at=lju(2026, 11, 28, 14, 10), tz=LJU)
    assert plan.stopped is not None
    assert plan.stopped.end == lju(2026, 11, 28, 14, 10) == plan.timer.started


def test_switch_before_the_running_start_is_refused() -> None:
    running = Timer(client_id=2, started=lju(2026, 11, 28, 13, 50))
    for at in (lju(2026, 11, 28, 13, 50), lju(2026, 11, 28, 13, 0)):
        with pytest.raises(InputError, match="Koala.*started at 13:50.*must be after"):
            plan_start(running, 1, now=NOW, entries=[], at=at, tz=LJU, name_of=name_of)


# --- stop -----------------------------------------------------------------------------------


def test_stop_when_idle() -> None:
    with pytest.raises(NothingRunningError, match="no timer is running"):
        plan_stop(None, now=NOW, entries=[])


def test_stop_now_and_at() -> None:
    running = Timer(client_id=1, started=lju(2026, 11, 28, 9, 0), note="n")
    done = plan_stop(running, now=NOW, entries=[], tz=LJU)
    assert (done.start, done.end, done.note) == (lju(2026, 11, 28, 9, 0), to_second(NOW), "n")
    early = plan_stop(running, now=NOW, entries=[], at=lju(2026, 11, 28, 12, 0), tz=LJU)
    assert early.end == lju(2026, 11, 28, 12, 0)
    same = plan_stop(running, now=NOW, entries=[], at=lju(2026, 11, 28, 9, 0), tz=LJU)
    assert same.seconds == 0


def test_stop_before_start_or_in_future_is_refused() -> None:
    running = Timer(client_id=1, started=lju(2026, 11, 28, 9, 0))
    with pytest.raises(InputError, match="must not be before"):
        plan_stop(running, now=NOW, entries=[], at=lju(2026, 11, 28, 8, 59), tz=LJU)
    with pytest.raises(InputError, match="in the future"):
        plan_stop(running, now=NOW, entries=[], at=lju(2026, 11, 28, 15, 0), tz=LJU)


def test_stop_over_a_logged_entry_is_refused_and_named() -> None:
    running = Timer(client_id=1, started=lju(2026, 11, 28, 9, 0))
    logged = entry(4, 2, lju(2026, 11, 28, 10, 0), lju(2026, 11, 28, 11, 0))
    with pytest.raises(ConflictError, match=r"entry #4 \(Koala 10:00-11:00\)"):
        plan_stop(running, now=NOW, entries=[logged], tz=LJU, name_of=name_of)


# --- log ------------------------------------------------------------------------------------


def test_log_checks_order_overlap_running_timer_and_future() -> None:
    start, end = lju(2026, 11, 27, 9, 0), lju(2026, 11, 27, 10, 30)
    made = plan_log(1, start, end, entries=[], now=NOW, task_id=2, note="x", billable=False)
    assert made == Entry(1, start, end, task_id=2, note="x", billable=False)
    assert made.minutes == 90
    with pytest.raises(InputError, match="must be after the start"):
        plan_log(1, end, start, entries=[], now=NOW, tz=LJU)
    other = entry(3, 2, lju(2026, 11, 27, 10, 0), lju(2026, 11, 27, 11, 0))
    with pytest.raises(ConflictError, match=r"overlaps entry #3 \(Koala Fri 27 Nov 10:00-11:00\)"):
        plan_log(1, start, end, entries=[other], now=NOW, tz=LJU, name_of=name_of)
    running = Timer(client_id=2, started=lju(2026, 11, 28, 14, 0))
    with pytest.raises(ConflictError, match=r"running timer \(Koala since 14:00\)"):
        plan_log(
            1,
            lju(2026, 11, 28, 13, 0),
            lju(2026, 11, 28, 14, 5),
            entries=[],
            running=running,
            now=NOW,
            tz=LJU,
            name_of=name_of,
        )
    with pytest.raises(InputError, match="in the future"):
        plan_log(1, start, lju(2026, 11, 28, 18, 0), entries=[], now=NOW, tz=LJU)


def test_log_and_start_refuse_spans_of_more_than_three_days() -> None:
    """A year typed wrong ("1900-01-01") must not become one entry spanning a century: it
    would also make every later range query read all those months."""
    end = lju(2026, 11, 27, 9, 0)
    longest = plan_log(1, end - timedelta(hours=72), end, entries=[], now=NOW)
    assert longest.minutes == 72 * 60
    with pytest.raises(InputError, match="longer than 72 hours; log it as several entries"):
        plan_log(1, end - timedelta(hours=72, minutes=1), end, entries=[], now=NOW, tz=LJU)
    with pytest.raises(InputError, match="longer than 72 hours"):
        plan_log(1, lju(1900, 1, 1, 0, 0), end, entries=[], now=NOW, tz=LJU)
    started = plan_start(None, 1, now=NOW, entries=[], at=NOW - timedelta(hours=72))
    assert started.timer.started == to_second(NOW) - timedelta(hours=72)
    with pytest.raises(InputError, match="more than 72 hours ago; record past work with"):
        plan_start(None, 1, now=NOW, entries=[], at=NOW - timedelta(hours=73), tz=LJU)


# --- forgotten timers -----------------------------------------------------------------------

NINE_TO_FIVE = Settings(home_tz=LJU)
#: Friday nights 22:00 to 02:00, or Saturday nights 22:00 to 03:00, the next morning.
NIGHTS = Settings(
    home_tz=LJU, work_hours=WeekHours(((),) * 4 + ((TimeRange(time(22), time(2)),),) + ((),) * 2)
)
SATURDAY_NIGHTS = Settings(
    home_tz=LJU, work_hours=WeekHours(((),) * 5 + ((TimeRange(time(22), time(3)),),) + ((),))
)


@pytest.mark.parametrize(
    ("started", "settings", "expected"),
    [
        # Thu 09:00 with mon-fri 09:00-17:00 -> Thu 17:00
        (lju(2026, 11, 26, 9, 0), NINE_TO_FIVE, lju(2026, 11, 26, 17, 0)),
        # started after work -> the grid's day_end (20:00)
        (lju(2026, 11, 26, 18, 0), NINE_TO_FIVE, lju(2026, 11, 26, 20, 0)),
        # started after day_end: evening work by choice, no work-day end
        (lju(2026, 11, 26, 21, 0), NINE_TO_FIVE, None),
        # Saturday: no work hours -> day_end
        (lju(2026, 11, 28, 10, 0), NINE_TO_FIVE, lju(2026, 11, 28, 20, 0)),
        # split day: the last window's end
        (
            lju(2026, 11, 26, 8, 0),
            Settings(
                home_tz=LJU,
                work_hours=WeekHours(
                    ((TimeRange(time(8), time(12)), TimeRange(time(13), time(15, 30))),) * 7
                ),
            ),
            lju(2026, 11, 26, 15, 30),
        ),
        # a night shift (fri 22:00-02:00) ends the next morning, also for a timer started
        # after midnight inside it; after it, Saturday has no hours: the grid's day_end
        (lju(2026, 11, 27, 23, 0), NIGHTS, lju(2026, 11, 28, 2, 0)),
        (lju(2026, 11, 28, 0, 30), NIGHTS, lju(2026, 11, 28, 2, 0)),
        (lju(2026, 11, 28, 3, 0), NIGHTS, lju(2026, 11, 28, 20, 0)),
        # the spring-forward night (Sat 28 to Sun 29 Mar 2026 in Ljubljana): 02:00 is skipped,
        # a Saturday shift to 03:00 ends at that 03:00 (three hours after 23:00, not four)
        (lju(2026, 3, 28, 23, 0), SATURDAY_NIGHTS, lju(2026, 3, 29, 3, 0)),
        # New York work day seen from UTC, across the DST change (Sun 1 Nov 2026)
        (
            datetime(2026, 11, 2, 14, 0, tzinfo=UTC),
            Settings(home_tz="America/New_York"),
            datetime(2026, 11, 2, 17, 0, tzinfo=ZoneInfo("America/New_York")).astimezone(UTC),
        ),
        (
            datetime(2026, 10, 30, 13, 0, tzinfo=UTC),
            Settings(home_tz="America/New_York"),
            datetime(2026, 10, 30, 17, 0, tzinfo=ZoneInfo("America/New_York")).astimezone(UTC),
        ),
    ],
)
def test_work_day_end(started: datetime, settings: Settings, expected: datetime | None) -> None:
    assert work_day_end(started, settings) == expected


def test_forgotten_past_end_of_work_day() -> None:
    timer = Timer(client_id=1, started=lju(2026, 11, 26, 9, 10))
    found = forgotten(timer, NINE_TO_FIVE, NOW)
    assert found is not None
    assert found.suggested_end == lju(2026, 11, 26, 17, 0)
    assert "work day (Thu 26 Nov 17:00)" in found.reason
    assert forgotten(timer, NINE_TO_FIVE, lju(2026, 11, 26, 16, 59)) is None


def test_evening_work_is_not_flagged_at_midnight() -> None:
    timer = Timer(client_id=1, started=lju(2026, 11, 26, 23, 38))
    assert forgotten(timer, NINE_TO_FIVE, lju(2026, 11, 27, 0, 5)) is None
    found = forgotten(timer, NINE_TO_FIVE, lju(2026, 11, 27, 11, 39))
    assert found is not None and "12-hour limit" in found.reason


def test_forgotten_over_the_hour_limit_within_work_hours() -> None:
    long_day = Settings(
        home_tz=LJU, work_hours=WeekHours(((TimeRange(time(6), time(23, 0)),),) * 7)
    )
    timer = Timer(client_id=1, started=lju(2026, 11, 28, 6, 0))
    assert forgotten(timer, long_day, lju(2026, 11, 28, 17, 59)) is None
    found = forgotten(timer, long_day, lju(2026, 11, 28, 18, 30))
    assert found is not None and "12-hour limit" in found.reason
    assert found.suggested_end == lju(2026, 11, 28, 18, 0)


def test_timer_warnings_offer_three_choices() -> None:
    timer = Timer(client_id=1, started=lju(2026, 11, 26, 9, 10))
    (warning,) = timer_warnings(timer, NINE_TO_FIVE, NOW, client_name="Acme")
    assert warning.startswith("the timer for Acme has run 53:22 since Thu 26 Nov 09:10")
    assert "keep it" in warning
    assert "'vaplanner stop --at \"2026-11-26 17:00\"'" in warning
    assert "'vaplanner start OTHER --at \"2026-11-26 17:00\"'" in warning
    assert "\n" not in warning
    today = Timer(client_id=1, started=lju(2026, 11, 28, 9, 0))
    (warning,) = timer_warnings(today, NINE_TO_FIVE, lju(2026, 11, 28, 20, 30))
    assert "stop --at 20:00'" in warning
    assert timer_warnings(today, NINE_TO_FIVE, lju(2026, 11, 28, 12, 0)) == []


def test_stopped_warning_only_when_stopped_now() -> None:
    timer = Timer(client_id=1, started=lju(2026, 11, 26, 9, 10))
    now = to_second(NOW)
    kept = Entry(1, timer.started, now, id=7)
    (warning,) = stopped_warning(kept, timer, NINE_TO_FIVE, now)
    assert "entry #7 ran 53:22" in warning and "entries --from 2026-11-26" in warning
    chosen = Entry(1, timer.started, lju(2026, 11, 26, 17, 0), id=7)
    assert stopped_warning(chosen, timer, NINE_TO_FIVE, now) == []


def test_start_without_at_in_the_same_second_replaces_the_running_timer() -> None:
    # Another process started Koala a moment ago (its clock read a later second than ours).
    running = Timer(client_id=2, started=to_second(NOW) + timedelta(seconds=1))
    plan = plan_start(running, 1, now=NOW, entries=[], tz=LJU)
    assert plan.stopped is None and plan.replaced == running
    assert plan.timer.started == running.started and plan.timer.client_id == 1
    far = Timer(client_id=2, started=to_second(NOW) + timedelta(minutes=5))
    with pytest.raises(InputError, match="future"):
        plan_start(far, 1, now=NOW, entries=[], tz=LJU)


def test_stop_without_at_just_after_another_process_started() -> None:
    running = Timer(client_id=2, started=to_second(NOW) + timedelta(seconds=1))
    done = plan_stop(running, now=NOW, entries=[], tz=LJU)
    assert done.seconds == 0 and done.start == running.started


def test_plans_are_values_compared_and_shown_by_their_fields() -> None:
    from vaplanner.core.timer import Forgotten, StartPlan

    timer = Timer(client_id=1, started=to_second(NOW))
    plan = StartPlan(timer, None)
    assert plan == StartPlan(timer, None, None) and hash(plan) == hash(StartPlan(timer, None))
    assert plan != StartPlan(timer, None, timer) and plan != (timer, None, None)
    assert repr(plan) == f"StartPlan(timer={timer!r}, stopped=None, replaced=None)"
    with pytest.raises(AttributeError, match="immutable"):
        plan.timer = timer
    with pytest.raises(AttributeError):
        plan.other = 1
    assert Forgotten("late", NOW) != StartPlan(timer, None)
