"""Meeting keys of the planner: ``m`` a new meeting at the cursor, ``enter`` on a meeting edits it.

The editor and its save belong to the meetings part of the app
(:mod:`vaplanner.ui.screens.meeting_editor`); the planner only opens it with the cursor's time
and the selected client, and reloads when it was saved.
"""

from __future__ import annotations

from typing import cast

from textual.screen import Screen

from vaplanner.core.planner import PlanItem
from vaplanner.ui.board import home_today
from vaplanner.ui.screens.planner_base import PlannerMixin


class MeetingActions(PlannerMixin):
    """m, and enter on a meeting."""

    def action_new_meeting(self) -> None:
        """A meeting with the selected client at the cursor (in the client's zone)."""
        from vaplanner.ui.screens.meeting_editor import MeetingEditor, open_meeting_editor

        board, start = self.board, self.grid.cursor_time
        if board is None or start is None:
            return
        editor = MeetingEditor(
            clients=board.clients,
            home_tz=self.home_tz,
            today=home_today(self.vapp.settings, self.now),
            client_id=self.selected_id,
            start=start,
        )
        open_meeting_editor(cast("Screen[object]", self), editor)

    def edit_meeting(self, item: PlanItem) -> None:
        """The meeting of a grid item in the meeting editor (a recurring one: the series)."""
        from vaplanner.ui.screens.meeting_editor import MeetingEditor, open_meeting_editor

        board = self.board
        if board is None or item.meeting is None:
            return
        editor = MeetingEditor(
            clients=board.clients,
            home_tz=self.home_tz,
            today=home_today(self.vapp.settings, self.now),
            meeting=item.meeting,
        )
        open_meeting_editor(cast("Screen[object]", self), editor)
