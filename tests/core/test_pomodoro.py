"""Pomodoro phases: 25/5 with a long break after every 4th focus, from the settings."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from vaplanner.core.models import Settings
from vaplanner.core.pomodoro import phase_at

START = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("minutes", "kind", "number", "ends_after"),
    [
        (0, "focus", 1, 25),
        (24.99, "focus", 1, 25),
        (25, "break", 1, 30),
        (30, "focus", 2, 55),
        (55, "break", 2, 60),
        (60, "focus", 3, 85),
        (90, "focus", 4, 115),
        (115, "long break", 4, 130),
        (129, "long break", 4, 130),
        (130, "focus", 1, 155),  # the second round
        (130 * 3 + 26, "break", 1, 130 * 3 + 30),
    ],
)
def test_phases_of_the_default_cycle(
    minutes: float, kind: str, number: int, ends_after: int
) -> None:
    phase = phase_at(START, START + timedelta(minutes=minutes), Settings())
    assert (phase.kind, phase.number) == (kind, number)
    assert phase.ends == START + timedelta(minutes=ends_after)


def test_lengths_come_from_the_settings() -> None:
    settings = replace(
        Settings(), pomodoro_focus=50, pomodoro_break=10, pomodoro_long_break=30, pomodoro_cycle=2
    )
    assert phase_at(START, START + timedelta(minutes=49), settings).kind == "focus"
    assert phase_at(START, START + timedelta(minutes=55), settings).kind == "break"
    phase = phase_at(START, START + timedelta(minutes=115), settings)
    assert (phase.kind, phase.label) == ("long break", "long break")
    assert phase.remaining_seconds(START + timedelta(minutes=115)) == 25 * 60
    assert phase_at(START, START + timedelta(minutes=140), settings).label == "focus 1/2"


def test_a_bad_setting_never_stalls_the_cycle() -> None:
    settings = replace(Settings(), pomodoro_focus=0, pomodoro_break=0, pomodoro_cycle=0)
    phase = phase_at(START, START + timedelta(minutes=3, seconds=30), settings)
    assert phase.ends > START + timedelta(minutes=3, seconds=30)


def test_before_the_start_is_the_first_focus() -> None:
    phase = phase_at(START, START - timedelta(minutes=5), Settings())
    assert (phase.kind, phase.number, phase.started) == ("focus", 1, START)
