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
        tooltip="Edit the block or meeting under the cursor.",
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
        show=False,  # in help and the palette; the key bar keeps room for the daily keys
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

#: Help-screen sections, in the order the help screen shows them.
GROUPS: tuple[str, ...] = (
    "Clients",
    "Timer",
    "Day grid",
    "Blocks and meetings",
    "Tasks",
    "World clock",
    "Reports",
    "Views",
    "This window",
    "App",
)

#: The help-screen section of a binding, by the start of its id: the longest entry that
#: begins the id wins, so one line files a whole family ("clock-" for every world-clock key)
#: and a whole id can still differ from its family ("client-edit" is a client key, "client-1"
#: too, "task-editor-" belongs to the task editor's own window). A new mode prefixes its ids
#: and adds a line here; ``tests/ui/test_help_and_keymap.py`` checks every id lands somewhere.
SECTION_BY_ID: dict[str, str] = {
    "client-": "Clients",
    "add-client": "Clients",
    "due-zone": "Clients",
    "checkin-add": "Clients",
    "template-apply": "Clients",
    "timer": "Timer",
    "pomodoro": "Timer",
    "grid-": "Day grid",
    "day-": "Day grid",
    "today": "Day grid",
    "go-to-date": "Day grid",
    "add-block": "Blocks and meetings",
    "edit-block": "Blocks and meetings",
    "delete-block": "Blocks and meetings",
    "move-": "Blocks and meetings",
    "grow": "Blocks and meetings",
    "shrink": "Blocks and meetings",
    "place-task": "Blocks and meetings",
    "new-meeting": "Blocks and meetings",
    "task-": "Tasks",
    "queue-": "Tasks",
    "row-": "Tasks",
    "batch-": "Tasks",
    "quadrant-": "Tasks",
    "clock-": "World clock",
    "report-": "Reports",
    "mode-": "Views",
    "queues-": "Views",
    "back": "Views",
    "export-ics": "Views",
    "form-": "This window",
    "task-editor-": "This window",
    "confirm-": "This window",
    "prompt-": "This window",
    "template-cancel": "This window",
    "forgotten-": "This window",
    "help-": "This window",
    "welcome-": "This window",
    "undo": "App",
    "quit": "App",
    "help": "App",
    "palette": "App",
}

#: Where the help screen needs longer words than the footer.
HELP_DESCRIPTIONS: dict[str, str] = {
    "day-next": "next day",
    "client-1": "select client",
    "report-prev": "previous period",
    "report-next": "next period",
    "report-now": "this period",
    "report-range": "any range",
}


def section_of(binding_id: str) -> str:
    """The help-screen section of a binding id (see :data:`SECTION_BY_ID`); "App" if none."""
    matches = [start for start in SECTION_BY_ID if binding_id.startswith(start)]
    return SECTION_BY_ID[max(matches, key=len)] if matches else "App"
