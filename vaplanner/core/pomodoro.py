"""Pomodoro focus cycles over a running timer (pure; ``now`` is a parameter).

A cycle is focus, short break, focus, short break, … and after every ``cycle``-th focus a long
break; then it starts over. Tracked time is never split by it: the phases are only shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from vaplanner.core.models import Settings

PhaseKind = Literal["focus", "break", "long break"]


@dataclass(frozen=True, slots=True)
class Phase:
    """Where a pomodoro run stands at one instant."""

    kind: PhaseKind
    number: int  # which focus of the cycle (1..cycle); a break carries the focus it follows
    cycle: int
    started: datetime
    ends: datetime

    def remaining_seconds(self, now: datetime) -> int:
        return max(0, int((self.ends - now).total_seconds()))

    @property
    def label(self) -> str:
        """``focus 2/4``, ``break``, ``long break``."""
        return f"focus {self.number}/{self.cycle}" if self.kind == "focus" else self.kind


def phase_at(started: datetime, now: datetime, settings: Settings) -> Phase:
    """The phase of a pomodoro run that began at ``started``, at ``now``.

    Lengths come from ``settings`` (``pomodoro_focus``, ``pomodoro_break``,
    ``pomodoro_long_break``, ``pomodoro_cycle``); a zero or negative length counts as one minute
    so that a bad setting cannot stall the cycle.
    """
    focus = timedelta(minutes=max(1, settings.pomodoro_focus))
    short = timedelta(minutes=max(1, settings.pomodoro_break))
    long = timedelta(minutes=max(1, settings.pomodoro_long_break))
    cycle = max(1, settings.pomodoro_cycle)
    round_length = focus * cycle + short * (cycle - 1) + long
    elapsed = max(timedelta(0), now - started)
    rounds = elapsed // round_length
    cursor = started + round_length * rounds
    for number in range(1, cycle + 1):
        if now < cursor + focus:
            return Phase("focus", number, cycle, cursor, cursor + focus)
        cursor += focus
        rest = long if number == cycle else short
        if now < cursor + rest:
            kind: PhaseKind = "long break" if number == cycle else "break"
            return Phase(kind, number, cycle, cursor, cursor + rest)
        cursor += rest
    # Only reached through rounding at the very end of a round: the next round begins.
    return Phase("focus", 1, cycle, cursor, cursor + focus)
