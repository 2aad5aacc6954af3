"""Every key binding of the app, in one place.

Each binding has an ``id`` (the name used in ``config.toml``'s ``[keymap]``), a short
description (shown in the footer and the help screen) and a tooltip (a sentence saying what it
does). Nothing about keys is written anywhere else: the footer, the help screen and the keymap
all read these objects, through Textual's live binding map.

To remap, put ``keymap = { "timer" = "s", "day-next" = "n,right_square_bracket" }`` in
``config.toml`` (``vaplanner config set keymap.timer s``).
"""

from __future__ import annotations

from textual.binding import Binding

#: Help-screen sections, in order; a binding id maps to one of these.
GROUPS: tuple[str, ...] = ("Clients and timer", "Day grid", "Blocks and meetings", "Views", "App")

APP_BINDINGS: list[Binding] = [
    Binding("q", "quit", "quit", id="quit", tooltip="Leave vaplanner (your data is saved)."),
    Binding(
        "question_mark",
        "help",
        "help",
        id="help",
        tooltip="Show every key of the current view.",
    ),
    Binding(
        "ctrl+p",
        "command_palette",
        "palette",
        id="palette",
        show=False,  # the footer shows ^p palette at its right end already
        tooltip="Search commands: switch client, go to a date, start a timer, add a client, "
        "change theme.",
    ),
]
"""App-wide keys, active in every mode."""

BACK_BINDINGS: list[Binding] = [
    Binding(
        "escape,w",
        "app.switch_mode('planner')",
        "planner",
        id="back",
        tooltip="Back to the day planner.",
    ),
]
"""The way back from a mode to the planner."""


def _client_binding(slot: int) -> Binding:
    return Binding(
        str(slot),
        f"select_slot({slot})",
        "client",
        id=f"client-{slot}",
        show=slot == 1,  # the footer shows one "1-9 client" entry; see VaplannerApp.get_key_display
        tooltip=f"Select the client with hotkey {slot}: swaps the queue and the timer target.",
    )


MAIN_BINDINGS: list[Binding] = [
    # The app binds ? too; binding it here first puts "? help" at the front of the footer,
    # where it survives an 80-column terminal. Same id, so a remap moves both.
    Binding(
        "question_mark",
        "app.help",
        "help",
        id="help",
        tooltip="Show every key of the current view.",
    ),
    *(_client_binding(slot) for slot in range(1, 10)),
    Binding(
        "space",
        "toggle_timer",
        "timer",
        id="timer",
        tooltip="Start the timer for the selected client (the block under the cursor or the "
        "queue's top task), or stop the running one.",
    ),
    Binding(
        "f",
        "toggle_pomodoro",
        "pomodoro",
        id="pomodoro",
        show=False,
        tooltip="Focus cycles for the running timer (25/5 minutes, a long break every 4th). "
        "Tracked time is not split.",
    ),
    Binding(
        "left_square_bracket",
        "day(-1)",
        "previous day",
        id="day-prev",
        show=False,
        tooltip="Show the previous day.",
    ),
    Binding(
        "right_square_bracket",
        "day(1)",
        "day",  # the footer shows "[ ] day"; see VaplannerApp.get_key_display
        id="day-next",
        tooltip="Show the next day.",
    ),
    Binding(
        "t",
        "today",
        "today",
        id="today",
        show=False,  # the header says "t today" when another day is shown
        tooltip="Back to today, cursor on the current time.",
    ),
    Binding("g", "go_to_date", "go to", id="go-to-date", show=False, tooltip="Jump to a date."),
    Binding("a", "add_block", "add", id="add-block", tooltip="Add a block at the cursor."),
    Binding(
        "enter",
        "edit_block",
        "edit",
        id="edit-block",
        show=False,
        tooltip="Edit the block under the cursor.",
    ),
    Binding(
        "d",
        "delete_block",
        "delete",
        id="delete-block",
        show=False,
        tooltip="Delete the block under the cursor (u brings it back).",
    ),
    Binding("u", "undo", "undo", id="undo", show=False, tooltip="Undo the last change to a block."),
    Binding(
        "shift+up",
        "move_block(-15)",
        "move up",
        id="move-up",
        show=False,
        tooltip="Move the block under the cursor 15 minutes earlier.",
    ),
    Binding(
        "shift+down",
        "move_block(15)",
        "move down",
        id="move-down",
        show=False,
        tooltip="Move the block under the cursor 15 minutes later.",
    ),
    Binding(
        "plus,equals_sign",
        "resize_block(15)",
        "longer",
        id="grow",
        show=False,
        tooltip="Make the block under the cursor 15 minutes longer.",
    ),
    Binding(
        "minus",
        "resize_block(-15)",
        "shorter",
        id="shrink",
        show=False,
        tooltip="Make the block under the cursor 15 minutes shorter.",
    ),
    Binding(
        "p",
        "place_task",
        "place task",
        id="place-task",
        tooltip="Place the next task of the selected client's queue at the cursor, sized by its "
        "estimate, followed by your buffer.",
    ),
    Binding(
        "m",
        "new_meeting",
        "meeting",
        id="new-meeting",
        show=False,
        tooltip="A new meeting with the selected client at the cursor, in their time zone.",
    ),
    Binding(
        "e",
        "export_ics",
        "export",
        id="export-ics",
        tooltip="Export meetings (and deadlines, blocks) as an .ics file for your calendar.",
    ),
    Binding(
        "z",
        "toggle_due_zone",
        "due zone",
        id="due-zone",
        show=False,
        tooltip="Show the queue's due times in the client's zone instead of yours (and back).",
    ),
    Binding(
        "c",
        "add_client",
        "add client",
        id="add-client",
        show=False,
        tooltip="Add a client: name, time zone, business hours, hotkey.",
    ),
]
"""Keys of the main (planner) screen."""

GROUP_OF: dict[str, str] = {
    **{f"client-{slot}": "Clients and timer" for slot in range(1, 10)},
    "timer": "Clients and timer",
    "pomodoro": "Clients and timer",
    "add-client": "Clients and timer",
    "due-zone": "Clients and timer",
    "day-prev": "Day grid",
    "day-next": "Day grid",
    "today": "Day grid",
    "go-to-date": "Day grid",
    "add-block": "Blocks and meetings",
    "edit-block": "Blocks and meetings",
    "delete-block": "Blocks and meetings",
    "undo": "Blocks and meetings",
    "move-up": "Blocks and meetings",
    "move-down": "Blocks and meetings",
    "grow": "Blocks and meetings",
    "shrink": "Blocks and meetings",
    "place-task": "Blocks and meetings",
    "export-ics": "Views",
    "new-meeting": "Blocks and meetings",
    "world-clock": "Views",
    "back": "Views",
    "quit": "App",
    "help": "App",
    "palette": "App",
}


#: Where the help screen needs longer words than the footer.
HELP_DESCRIPTIONS: dict[str, str] = {"day-next": "next day", "client-1": "select client"}


def group_of(binding_id: str | None, action: str) -> str:
    """The help-screen section of a binding; unknown ids (e.g. grid cursor keys) by action."""
    if binding_id and binding_id in GROUP_OF:
        return GROUP_OF[binding_id]
    if binding_id and binding_id.startswith("grid") or action.startswith(("cursor", "scroll")):
        return "Day grid"
    return "Views" if "mode" in action else "App"
