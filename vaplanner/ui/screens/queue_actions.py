"""Keys of the queues mode that change tasks: add, edit, done, status, flags, reorder, quadrant,
filters, the due zone, undo, and switching client or view.

Every write goes through :meth:`~vaplanner.ui.screens.queues_base.QueuesBase.write` (one
store transaction, undo with ``u``). Keys that mean nothing in the active view are hidden
from the footer and disabled (:meth:`QueueActions.check_action`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from vaplanner.core.models import Quadrant, Task
from vaplanner.core.queues import next_status, previous_status, quadrant, set_quadrant
from vaplanner.core.times import to_local
from vaplanner.ui.screens.prompt import PromptScreen
from vaplanner.ui.screens.queue_bindings import ACTION_VIEWS
from vaplanner.ui.screens.queues_base import FILTERS, QueueFilter, QueuesBase
from vaplanner.ui.screens.task_editor import TaskEditor
from vaplanner.ui.screens.task_fields import parse_tags
from vaplanner.ui.task_edits import Finished, finish_task, reorder, save_task, set_status
from vaplanner.ui.widgets.eisenhower import QUADRANT_INFO, EisenhowerGrid
from vaplanner.ui.widgets.task_table import TaskTable


class QueueActions(QueuesBase):
    """Task keys of the queues screen."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        views = ACTION_VIEWS.get(action)
        if views is not None and self.view not in views:
            return False
        return True

    # --- selection ---------------------------------------------------------------------------

    def current_task(self) -> Task | None:
        """The highlighted task of the active view."""
        data = self.data
        if data is None or not self.view_ready:
            return None
        view = self.view
        task_id: int | None = None
        if view == "queue":
            task_id = self.query_one("#queue-table", TaskTable).selected_task_id
        elif view == "eisenhower":
            task_id = self.query_one(EisenhowerGrid).selected_task_id
        elif view == "batches":
            task_id = self.query_one("#batch-tasks", TaskTable).selected_task_id
        elif view == "deadlines":
            task_id = self.query_one("#deadline-table", TaskTable).selected_task_id
        return data.task(task_id)

    def _need_task(self, verb: str) -> Task | None:
        task = self.current_task()
        if task is None:
            self.notify(f"no task highlighted to {verb}", severity="warning", timeout=3)
        return task

    def select_client(self, client_id: int) -> None:
        """Make ``client_id`` the selected client here and on the planner."""
        if self.data is None or self.data.client(client_id) is None:
            return
        self.selected_id = client_id
        planner = self.vapp.planner
        if planner is not None:
            planner.select_client(client_id)
        self.refresh_views()

    def action_select_slot(self, slot: int) -> None:
        """The client with hotkey ``slot`` (or the slot-th client when hotkeys are unset)."""
        data = self.data
        if data is None:
            return
        client = data.by_key(str(slot))
        if client is None and 0 < slot <= len(data.clients):
            candidate = data.clients[slot - 1]
            client = candidate if candidate.key is None else None
        if client is None:
            self.notify(f"no client has hotkey {slot}", severity="warning", timeout=2)
            return
        self.select_client(client.id)

    # --- add and edit ------------------------------------------------------------------------

    def action_add_task(self) -> None:
        """A new task for the selected client (flags from the Eisenhower quadrant, tag from
        the batch)."""
        data, client = self.data, self.selected_client
        if data is None or client is None:
            self.notify("add a client first (c on the planner)", severity="warning")
            return
        preset = Task(client_id=client.id, title="")
        ready = self.view_ready
        if ready and self.view == "eisenhower":
            preset = set_quadrant(preset, self.query_one(EisenhowerGrid).current)
        elif ready and self.view == "batches":
            batch = self.current_batch()
            if batch is not None:
                preset = replace(preset, tags=(batch.tag,))
        self.app.push_screen(
            TaskEditor(
                clients=data.clients,
                client_id=client.id,
                home_tz=self.home_tz,
                now=self.clock(),
                preset=preset,
            ),
            self._save_task,
        )

    def edit_task(self, task_id: int | None) -> None:
        """The task editor for an open task."""
        data = self.data
        task = data.task(task_id) if data is not None else None
        if data is None or task is None:
            return
        self.app.push_screen(
            TaskEditor(
                clients=data.clients,
                client_id=task.client_id,
                home_tz=self.home_tz,
                now=self.clock(),
                task=task,
            ),
            self._save_task,
        )

    def _save_task(self, task: Task | None) -> None:
        if task is None:
            return
        verb = "changed" if task.id else "added"
        finished = self.write(
            "Task not saved",
            f"{verb} '{task.title}'",
            lambda rec: save_task(rec, task, self.clock()),
        )
        if finished is None:
            return
        if finished.task.status == "done":
            self._tell_done(finished)
        else:
            self.notify(f"{verb} '{finished.task.title}'", timeout=3)
            self._keep_cursor(finished.task.id)

    def _keep_cursor(self, task_id: int) -> None:
        if self.view == "queue":
            self.query_one("#queue-table", TaskTable).select_key(f"task-{task_id}")

    # --- status and flags --------------------------------------------------------------------

    def action_done(self) -> None:
        """The highlighted task done, or the highlighted promised reply answered."""
        if (
            self.view == "deadlines"
            and self.view_ready
            and self.query_one("#reply-table").has_focus
        ):
            self.answer_highlighted()
            return
        task = self._need_task("mark done")
        if task is None:
            return
        finished = self.write(
            "Not marked done",
            f"done '{task.title}'",
            lambda rec: finish_task(rec, task.id, self.clock()),
        )
        if finished is not None:
            self._tell_done(finished)

    def _tell_done(self, finished: Finished) -> None:
        message = f"done: {finished.task.title} (u undoes)"
        following = finished.following
        if following is not None and following.due is not None:
            local = to_local(following.due, self.home_tz)
            message += f"\nnext one due {local:%a %d %b %H:%M}"
        self.notify(message, timeout=4)

    def action_status(self, step: int) -> None:
        """Move the highlighted task along the status flow."""
        task = self._need_task("move")
        if task is None:
            return
        target = next_status(task.status) if step > 0 else previous_status(task.status)
        if target == task.status:
            edge = "last" if step > 0 else "first"
            self.notify(f"'{task.title}' is already at the {edge} status", timeout=2)
            return
        finished = self.write(
            "Status not changed",
            f"'{task.title}' {task.status} -> {target}",
            lambda rec: set_status(rec, task.id, target, self.clock()),
        )
        if finished is None:
            return
        if target == "done":
            self._tell_done(finished)
        else:
            self.notify(f"'{task.title}': {target}", timeout=2)

    def action_toggle_flag(self, flag: str) -> None:
        """Toggle urgent or important on the highlighted task."""
        task = self._need_task(f"mark {flag}")
        if task is None:
            return
        value = not getattr(task, flag)
        changes: dict[str, Any] = {flag: value}
        done = self.write(
            "Not changed",
            f"'{task.title}' {'' if value else 'not '}{flag}",
            lambda rec: rec.update("tasks", task.id, lambda t: replace(t, **changes)),
        )
        if done is not None:
            self._after_flags(done)

    def move_to_quadrant(self, task_id: int, target: Quadrant) -> None:
        """Set urgent/important so the task sits in ``target``."""
        task = self.data.task(task_id) if self.data is not None else None
        if task is None:
            return
        title = QUADRANT_INFO[target][0]
        moved = self.write(
            "Not moved",
            f"'{task.title}' to {title}",
            lambda rec: rec.update("tasks", task_id, lambda t: set_quadrant(t, target)),
        )
        if moved is not None:
            self._after_flags(moved)

    def _after_flags(self, task: Task) -> None:
        if self.view == "eisenhower":
            self.query_one(EisenhowerGrid).focus_quadrant(quadrant(task), task.id)
        title = QUADRANT_INFO[quadrant(task)][0]
        flags = [f for f in ("urgent", "important") if getattr(task, f)] or ["neither"]
        self.notify(f"'{task.title}': {' + '.join(flags)} → {title}", timeout=2)

    # --- queue order and filters -------------------------------------------------------------

    def action_move_task(self, offset: int) -> None:
        """Move the highlighted task up or down the client's queue."""
        task = self._need_task("move")
        if task is None:
            return
        if self.queue_filter.active:
            self.notify("reorder shows the whole queue: press f until 'open'", timeout=3)
            return
        self.write(
            "Not moved",
            f"move '{task.title}'",
            lambda rec: reorder(rec, task.id, offset),
        )
        self._keep_cursor(task.id)

    def action_cycle_filter(self, step: int) -> None:
        """The next (or previous) queue filter."""
        preset = (self.queue_filter.preset + step) % len(FILTERS)
        self.queue_filter = replace(self.queue_filter, preset=preset)
        self.refresh_views()

    def action_tag_filter(self) -> None:
        """Ask for a tag to filter the queue by (empty: every tag)."""
        data, client = self.data, self.selected_client
        tags = data.tags(client.id if client else None) if data is not None else []
        hint = ("tags here: " + " ".join(f"#{t}" for t in tags)) if tags else "no tags here yet"

        def parse(text: str) -> str:
            found = parse_tags(text)
            return found[0] if found else ""

        def chosen(tag: str | None) -> None:
            if tag is None:
                return
            self.queue_filter = QueueFilter(self.queue_filter.preset, tag or None)
            self.refresh_views()

        self.app.push_screen(
            PromptScreen[str](
                "Filter by tag",
                hint + "  ·  empty shows every tag",
                parse,
                value=self.queue_filter.tag or "",
                placeholder="a tag, e.g. email",
            ),
            chosen,
        )

    def action_toggle_due_zone(self) -> None:
        """Dues in the client's zone or in home time."""
        self.client_zone = not self.client_zone
        self.refresh_views()
        where = "the client's time" if self.client_zone else "your time"
        self.notify(f"due times in {where}", timeout=2)

    # --- undo and back -----------------------------------------------------------------------

    def action_undo(self) -> None:
        """Take back the last change made in this mode."""
        if not len(self.undo_stack):
            self.notify("nothing to undo here", timeout=2)
            return
        app = self.vapp
        with app.store_lock:
            change = self.undo_stack.undo(app.store)
        app.data_changed()
        if change is not None:
            self.notify(f"undone: {change.label}", timeout=3)

    def action_back(self) -> None:
        """Back to the planner."""
        self.app.switch_mode("planner")
