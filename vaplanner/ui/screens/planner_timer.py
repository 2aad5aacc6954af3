"""Timer keys of the planner: start/stop (space), pomodoro, and the forgotten-timer question.

Starting and stopping go through :mod:`vaplanner.actions`, the same code the command line
uses, inside one store transaction.
"""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING

from vaplanner.core.times import format_duration
from vaplanner.ui.edits import toggle_pomodoro
from vaplanner.ui.screens.planner_base import PlannerMixin

if TYPE_CHECKING:
    from vaplanner.core.pomodoro import Phase
    from vaplanner.ui.screens.forgotten_timer import TimerFix

# vaplanner.actions (with the timer rules) and the pomodoro arithmetic are imported where a
# timer is started, stopped or running: the first screen without a timer needs neither.

PHASE_MESSAGES = {
    "focus": "Focus: {minutes} minutes",
    "break": "Break: {minutes} minutes. Stand up, look away from the screen.",
    "long break": "Long break: {minutes} minutes. Well done.",
}


class TimerActions(PlannerMixin):
    """space, the pomodoro key and the forgotten-timer check."""

    def __init__(self) -> None:
        super().__init__()
        self._phase_seen: tuple[str, int, object] | None = None
        self._asked_forgotten: object = None

    def action_toggle_timer(self) -> None:
        """Stop the running timer for the target, or start one (switching from another)."""
        board = self.board
        if board is None:
            return
        item = self.grid.item_at_cursor()
        if item is not None and item.client_id is not None and item.category == "client":
            client_id: int | None = item.client_id
            task_id = item.block.task_id if item.block is not None else None
        else:
            client_id = self.selected_id
            task = board.next_task(client_id) if client_id is not None else None
            task_id = task.id if task is not None else None
        if client_id is None:
            self.notify("add a client first (c), then press space to start", severity="warning")
            return
        timer = board.timer
        if (
            timer is not None
            and timer.client_id == client_id
            and (item is None or item.client_id != client_id or timer.task_id == task_id)
        ):
            self.stop_timer()
            return
        self.start_timer(client_id, task_id)

    def start_timer(self, client_id: int, task_id: int | None = None) -> None:
        """Start (or switch) the timer for a client now."""
        settings = self.vapp.settings
        now = self.vapp.clock()
        change = self.write(
            "Timer not started",
            lambda: _actions().start_timer(
                self.vapp.store, settings, client_id, now=now, task_id=task_id
            ),
        )
        if change is None:
            return
        task = self.board.task(task_id) if self.board else None
        label = self.client_name(client_id) + (f" · {task.title}" if task else "")
        stopped = ""
        if change.stopped is not None:
            stopped = (
                f" (kept {format_duration(change.stopped.minutes)} for "
                f"{self.client_name(change.stopped.client_id)})"
            )
        self.notify(f"▶ {label}{stopped}", title="Timer")
        for note in change.notes:
            self.notify(note, severity="warning", timeout=10)

    def stop_timer(self) -> None:
        """Stop the running timer now and keep it as an entry."""
        settings = self.vapp.settings
        now = self.vapp.clock()
        change = self.write(
            "Timer not stopped",
            lambda: _actions().stop_timer(self.vapp.store, settings, now=now),
        )
        if change is None or change.stopped is None:
            return
        entry = change.stopped
        self.notify(
            f"■ {self.client_name(entry.client_id)}: {format_duration(entry.minutes)} kept",
            title="Timer stopped",
        )
        for note in change.notes:
            self.notify(note, severity="warning", timeout=10)

    def action_toggle_pomodoro(self) -> None:
        """Focus cycles on or off for the running timer."""
        now = self.vapp.clock()
        timer = self.write("Pomodoro", lambda: toggle_pomodoro(self.vapp.store, now))
        if timer is None:
            return
        if timer.pomodoro_started is None:
            self._phase_seen = None
            self.notify("Pomodoro off. The timer keeps running.", title="Pomodoro")
        else:
            self.check_pomodoro()  # remember the first phase so its end is announced
            minutes = self.vapp.settings.pomodoro_focus
            self.notify(f"Focus: {minutes} minutes. f again turns it off.", title="Pomodoro")

    def current_phase(self) -> Phase | None:
        """The pomodoro phase of the running timer at ``now``, or None."""
        board = self.board
        if board is None or board.timer is None or board.timer.pomodoro_started is None:
            return None
        from vaplanner.core.pomodoro import phase_at

        return phase_at(board.timer.pomodoro_started, self.now, self.vapp.settings)

    def check_pomodoro(self) -> None:
        """Notify when the pomodoro phase changed since the last tick."""
        phase = self.current_phase()
        if phase is None:
            self._phase_seen = None
            return
        key = (phase.kind, phase.number, phase.started)
        if self._phase_seen is not None and key != self._phase_seen:
            minutes = int((phase.ends - phase.started).total_seconds() // 60)
            self.notify(
                PHASE_MESSAGES[phase.kind].format(minutes=minutes),
                title=f"Pomodoro · {phase.label}",
            )
            self.app.bell()
        self._phase_seen = key

    def check_forgotten(self) -> None:
        """Ask once per timer when the running timer looks forgotten."""
        board = self.board
        if board is None or board.timer is None or self.app.screen is not self:
            return
        timer = board.timer
        from vaplanner.core.timer import forgotten

        found = forgotten(timer, self.vapp.settings, self.now)
        if found is None or self._asked_forgotten == timer.started:
            return
        from vaplanner.ui.screens.forgotten_timer import ForgottenTimerScreen

        self._asked_forgotten = timer.started
        self.app.push_screen(
            ForgottenTimerScreen(
                reason=found.reason,
                client_name=self.client_name(timer.client_id),
                suggested_end=found.suggested_end,
                clients=board.clients,
                running_client_id=timer.client_id,
                home_tz=self.home_tz,
                now=self.now,
            ),
            self._fix_forgotten,
        )

    def _fix_forgotten(self, fix: TimerFix | None) -> None:
        if fix is None or fix.action == "keep":
            return
        settings = self.vapp.settings
        now = self.vapp.clock()
        store = self.vapp.store
        if fix.action == "stop":
            change = self.write(
                "Timer not stopped",
                lambda: _actions().stop_timer(store, settings, now=now, at=fix.at),
            )
            if change is not None and change.stopped is not None:
                kept = format_duration(change.stopped.minutes)
                self.notify(f"■ stopped; {kept} kept", title="Timer")
        elif fix.client_id is not None:
            client_id = fix.client_id
            change = self.write(
                "Timer not switched",
                lambda: _actions().start_timer(store, settings, client_id, now=now, at=fix.at),
            )
            if change is not None:
                self.notify(f"▶ {self.client_name(client_id)} since then", title="Timer")


def _actions() -> ModuleType:
    import vaplanner.actions

    return vaplanner.actions
