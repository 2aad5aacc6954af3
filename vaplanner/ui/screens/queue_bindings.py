"""Every key of the queues mode, in one place (see :mod:`vaplanner.ui.bindings` for the
planner's).

Each binding has an ``id`` (the name used in ``config.toml``'s ``[keymap]``), a short
description for the footer and a tooltip for the help screen. The client hotkeys reuse the
planner's ``client-1`` … ``client-9`` ids, so one remap moves them in both places. Keys that
mean nothing in the active view are hidden and disabled (:data:`ACTION_VIEWS`).
"""

from __future__ import annotations

from textual.binding import Binding

from vaplanner.ui.bindings import MAIN_BINDINGS

#: Views where each action means something (absent: every view).
ACTION_VIEWS: dict[str, frozenset[str]] = {
    "move_task": frozenset({"queue"}),
    "cycle_filter": frozenset({"queue"}),
    "tag_filter": frozenset({"queue"}),
    "toggle_due_zone": frozenset({"queue", "eisenhower", "deadlines"}),
    "place_batch": frozenset({"batches"}),
    "done": frozenset({"queue", "eisenhower", "batches", "deadlines"}),
    "status": frozenset({"queue", "eisenhower", "batches", "deadlines"}),
    "toggle_flag": frozenset({"queue", "eisenhower", "batches", "deadlines"}),
    "checkin": frozenset({"checkins"}),
    "checkin_elsewhere": frozenset({"queue", "eisenhower", "batches", "deadlines"}),
}

_CHECKIN_TIP = "Record a check-in with the selected client: a 1-5 score and a note."

QUEUES_BINDINGS: list[Binding] = [
    # x again goes back too, as w does in the world clock (and the footer has no "x queues")
    Binding("escape,x", "back", "planner", id="back", tooltip="Back to the day planner."),
    Binding("tab", "switch_view(1)", "view", id="queues-next-view", tooltip="The next view."),
    Binding(
        "shift+tab",
        "switch_view(-1)",
        "previous view",
        id="queues-previous-view",
        show=False,
        tooltip="The previous view.",
    ),
    *(b for b in MAIN_BINDINGS if b.id is not None and b.id.startswith("client-")),
    Binding("a", "add_task", "add", id="task-add", tooltip="Add a task for the selected client."),
    Binding(
        "d",
        "done",
        "done",
        id="task-done",
        tooltip="Mark the highlighted task done (a repeating one gets its next), or a promised "
        "reply answered.",
    ),
    Binding(
        "greater_than_sign",
        "status(1)",
        "status",
        id="task-status-next",
        tooltip="Move the task on: todo, doing, waiting, review, done.",
    ),
    Binding(
        "less_than_sign",
        "status(-1)",
        "status back",
        id="task-status-previous",
        show=False,
        tooltip="Move the task back one status.",
    ),
    Binding(
        "exclamation_mark",
        "toggle_flag('urgent')",
        "urgent",
        id="task-urgent",
        show=False,
        tooltip="Mark the task urgent, or not.",
    ),
    Binding(
        "asterisk",
        "toggle_flag('important')",
        "important",
        id="task-important",
        show=False,
        tooltip="Mark the task important, or not.",
    ),
    Binding(
        "K,shift+up",
        "move_task(-1)",
        "move up",
        id="task-move-up",
        show=False,
        tooltip="Move the task one place up the client's queue.",
    ),
    Binding(
        "J,shift+down",
        "move_task(1)",
        "move down",
        id="task-move-down",
        show=False,
        tooltip="Move the task one place down the client's queue.",
    ),
    Binding(
        "f",
        "cycle_filter(1)",
        "filter",
        id="queue-filter",
        tooltip="Show open, todo, doing, waiting, review, delegated, overdue or out-of-scope "
        "tasks.",
    ),
    Binding(
        "F",
        "cycle_filter(-1)",
        "filter back",
        id="queue-filter-back",
        show=False,
        tooltip="The previous filter.",
    ),
    Binding(
        "slash",
        "tag_filter",
        "tag",
        id="queue-tag",
        show=False,
        tooltip="Show only tasks with one tag.",
    ),
    Binding(
        "z",
        "toggle_due_zone",
        "their time",
        id="due-zone",
        show=False,
        tooltip="Show due times in the client's zone instead of yours (and back).",
    ),
    Binding(
        "p",
        "place_batch",
        "place batch",
        id="batch-place",
        tooltip="Place the highlighted batch on the plan as one block (asks when and where).",
    ),
    # One key, two bindings: shown in the check-ins view, hidden (but working) in the others,
    # where it is not what the view is about. The same id remaps both.
    Binding("c", "checkin", "check-in", id="checkin-add", tooltip=_CHECKIN_TIP),
    Binding(
        "c", "checkin_elsewhere", "check-in", id="checkin-add", show=False, tooltip=_CHECKIN_TIP
    ),
    Binding(
        "t",
        "apply_template",
        "template",
        id="template-apply",
        tooltip="Add a template's tasks (onboarding, weekly social…) to the client's queue.",
    ),
    Binding(
        "e",
        "edit_client",
        "client",
        id="client-edit",
        show=False,
        tooltip="Edit the selected client: hours, channels, scope, notes, billing.",
    ),
    Binding("u", "undo", "undo", id="undo", show=False, tooltip="Undo the last change here."),
]
"""Keys of the queues mode (the task tables add ``enter`` to edit)."""
