"""Block keys of the planner: add, edit, delete, undo, move, resize and place the next task.

Every change is computed first (``vaplanner.core.placing``), then written in one store
transaction (:func:`vaplanner.ui.edits.save_blocks`). An overlap with another block or meeting
is never made silently: the user sees it and is asked. A block outside its client's business
hours is saved and flagged.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from vaplanner.core.models import Block
from vaplanner.core.placing import find_conflicts, move_block, place_task, resize_block
from vaplanner.core.planner import Conflict, block_item, describe_item
from vaplanner.core.times import format_duration
from vaplanner.ui.edits import Change, save_blocks
from vaplanner.ui.screens.planner_base import PlannerMixin

if TYPE_CHECKING:
    from vaplanner.ui.screens.block_editor import BlockDraft

DEFAULT_BLOCK_MINUTES = 60


class BlockActions(PlannerMixin):
    """a, enter, d, u, shift+up/down, + / - and p."""

    # --- helpers ---------------------------------------------------------------------------

    def _block_at_cursor(self, verb: str) -> Block | None:
        item = self.grid.item_at_cursor()
        if item is None:
            self.notify(f"no block under the cursor to {verb}", severity="warning", timeout=3)
            return None
        if item.block is None:
            if verb == "edit":
                self.edit_meeting(item)
            else:
                self.notify(
                    f"'{item.title}' is a meeting: enter opens it to change its time or length",
                    severity="warning",
                )
            return None
        return item.block

    def _conflicts(self, blocks: Sequence[Block]) -> list[Conflict]:
        if self.plan is None:
            return []
        return find_conflicts([block_item(b) for b in blocks], self.plan.items)

    def _commit(
        self,
        label: str,
        *,
        add: Sequence[Block] = (),
        update: Sequence[Block] = (),
        delete: Sequence[Block] = (),
        conflicts: Sequence[Conflict] = (),
        then_cursor: datetime | None = None,
    ) -> None:
        """Ask about overlaps (if any), then write, push the undo record and tell the user."""
        from vaplanner.ui.screens.confirm import ConfirmScreen

        def go(agreed: bool | None = True) -> None:
            if not agreed:
                self.notify("nothing changed", timeout=2)
                return
            tz = self.home_tz
            change = self.write(
                f"Not saved: {label}",
                lambda: save_blocks(
                    self.vapp.store,
                    label,
                    add=add,
                    update=update,
                    delete=delete,
                    allow_overlap=bool(conflicts),
                    tz=tz,
                ),
            )
            if change is None:
                return
            self.undo_stack.push(change)
            self._after_change(change, then_cursor)

        if not conflicts:
            go()
            return
        names = self.board.names if self.board else {}
        lines = [describe_item(conflict.second, self.home_tz, names) for conflict in conflicts[:4]]
        more = f"\n… and {len(conflicts) - 4} more" if len(conflicts) > 4 else ""
        self.app.push_screen(
            ConfirmScreen(
                "This overlaps",
                f"{label} would overlap:\n  " + "\n  ".join(lines) + more + "\n\nMake it anyway?",
                yes="Overlap",
                no="Cancel",
            ),
            go,
        )

    def _after_change(self, change: Change, then_cursor: datetime | None) -> None:
        if then_cursor is not None:
            self.grid.move_cursor_to(then_cursor)
        outside = [
            item
            for item in (self.plan.items if self.plan else ())
            if item.outside_hours
            and item.block is not None
            and item.block.id in {b.id for b in change.after}
        ]
        for item in outside:
            self.notify(
                f"'{item.title}' is outside {self.client_name(item.client_id)}'s business hours",
                severity="warning",
            )

    def _free_start(self, row_start: datetime) -> datetime:
        """Where a placement in the cursor row starts: after anything that ends inside the
        row (a buffer ending at :40), so pressing p again chains tasks back to back."""
        if self.plan is None:
            return row_start
        row_end = row_start + timedelta(minutes=15)
        ends = [
            item.end for item in self.plan.items if item.start <= row_start < item.end < row_end
        ]
        return max(ends, default=row_start)

    # --- actions ---------------------------------------------------------------------------

    def action_add_block(self) -> None:
        """A block at the cursor, described in the block editor."""
        from vaplanner.ui.screens.block_editor import BlockEditor

        board, start = self.board, self.grid.cursor_time
        if board is None or start is None:
            return
        self.app.push_screen(
            BlockEditor(
                day=self.day,
                home_tz=self.home_tz,
                clients=board.clients,
                tasks=board.tasks,
                start=start,
                minutes=DEFAULT_BLOCK_MINUTES,
                client_id=self.selected_id,
                category="client" if self.selected_id is not None else "admin",
            ),
            self._saved_draft,
        )

    def action_edit_block(self) -> None:
        """The block under the cursor in the block editor."""
        from vaplanner.ui.screens.block_editor import BlockEditor

        board = self.board
        block = self._block_at_cursor("edit")
        if board is None or block is None:
            return
        self.app.push_screen(
            BlockEditor(
                day=self.day,
                home_tz=self.home_tz,
                clients=board.clients,
                tasks=board.tasks,
                start=block.start,
                minutes=block.minutes,
                client_id=block.client_id,
                category=block.category,
                title=block.title,
                task_id=block.task_id,
                block_id=block.id,
            ),
            self._saved_draft,
        )

    def _saved_draft(self, draft: BlockDraft | None) -> None:
        if draft is None:
            return
        if draft.note:
            self.notify(draft.note, severity="warning", timeout=10)
        block = draft.block()
        conflicts = self._conflicts([block])
        if draft.id:
            self._commit(
                f"block '{block.title}'",
                update=[block],
                conflicts=conflicts,
                then_cursor=block.start,
            )
        else:
            self._commit(
                f"new block '{block.title}'",
                add=[block],
                conflicts=conflicts,
                then_cursor=block.start,
            )

    def action_delete_block(self) -> None:
        """Delete the block under the cursor (u brings it back)."""
        block = self._block_at_cursor("delete")
        if block is None:
            return
        self._commit(f"delete '{block.title or block.category}'", delete=[block])
        self.notify(f"deleted '{block.title or block.category}'; u brings it back", timeout=4)

    def action_undo(self) -> None:
        """Take back the last change to a block."""
        if not len(self.undo_stack):
            self.notify("nothing to undo", timeout=2)
            return
        change = self.write("Undo failed", lambda: self.undo_stack.undo(self.vapp.store))
        if change is not None:
            self.notify(f"undone: {change.label}", timeout=3)

    def action_move_block(self, minutes: int) -> None:
        """Move the block under the cursor by ``minutes`` (the cursor follows it)."""
        block = self._block_at_cursor("move")
        if block is None or self.plan is None:
            return
        placement = move_block(block, self.plan, minutes)
        moved = placement.block
        self._commit(
            f"move '{block.title}'",
            update=[moved],
            conflicts=placement.conflicts,
            then_cursor=self._cursor_shift(block, moved),
        )

    def _cursor_shift(self, old: Block, new: Block) -> datetime:
        cursor = self.grid.cursor_time
        if cursor is None:
            return new.start
        return cursor + (new.start - old.start)

    def action_resize_block(self, minutes: int) -> None:
        """Make the block under the cursor longer or shorter by ``minutes`` (at least 15)."""
        block = self._block_at_cursor("resize")
        if block is None or self.plan is None:
            return
        placement = resize_block(block, self.plan, minutes)
        if placement.block.end == block.end:
            self.notify("a block is at least 15 minutes long", timeout=3)
            return
        self._commit(
            f"resize '{block.title}' to {format_duration(placement.block.minutes)}",
            update=[placement.block],
            conflicts=placement.conflicts,
        )

    def action_place_task(self) -> None:
        """The selected client's next task at the cursor, sized by its estimate, plus buffer."""
        board, plan, start = self.board, self.plan, self.grid.cursor_time
        if board is None or plan is None or start is None:
            return
        if self.selected_id is None:
            self.notify("select a client first (1-9)", severity="warning")
            return
        placed = frozenset(
            item.block.task_id
            for item in plan.items
            if item.block is not None and item.block.task_id is not None
        )
        task = board.next_task(self.selected_id, skip=placed)
        if task is None:
            self.notify(
                f"{self.client_name(self.selected_id)} has no open task left to place today",
                severity="warning",
            )
            return
        placement = place_task(task, self._free_start(start), plan, self.vapp.settings)
        last = placement.blocks[-1]
        self._commit(
            f"place '{task.title}' ({format_duration(placement.block.minutes)})",
            add=placement.blocks,
            conflicts=placement.conflicts,
            then_cursor=last.end,
        )
