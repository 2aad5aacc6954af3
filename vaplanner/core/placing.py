"""Editing the day plan: where a task, a moved or a resized block would go, and what it hits.

Pure, like :mod:`vaplanner.core.planner`. The helpers (:func:`place_task`, :func:`move_block`,
:func:`resize_block`) never write anything: they return a :class:`Placement`, the blocks to
save and the conflicts they would create, so the caller can ask before an overlap is made.
:func:`find_conflicts` is the same check for any new items against a plan's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

from vaplanner.core.models import Block, Settings, Task
from vaplanner.core.plan_grid import ROW, ROW_MINUTES
from vaplanner.core.planner import Conflict, DayPlan, PlanItem, block_item

DEFAULT_ESTIMATE_MINUTES = 30


class Placement(NamedTuple):
    """Blocks a change would save, and the conflicts it would create (empty: safe)."""

    blocks: tuple[Block, ...]
    conflicts: tuple[Conflict, ...] = ()

    @property
    def block(self) -> Block:
        """The main block (the task's block; the moved or resized block)."""
        return self.blocks[0]

    @property
    def ok(self) -> bool:
        return not self.conflicts


def find_conflicts(candidates: Iterable[PlanItem], items: Iterable[PlanItem]) -> list[Conflict]:
    """Overlaps between each candidate and the items; a block never conflicts with itself."""
    existing = list(items)
    found: list[Conflict] = []
    for cand in candidates:
        own = cand.block.id if cand.block is not None and cand.block.id else None
        for item in existing:
            if own is not None and item.block is not None and item.block.id == own:
                continue
            if item.overlaps(cand.start, cand.end):
                found.append(Conflict(cand, item))
    return found


def place_task(task: Task, at: datetime, plan: DayPlan, settings: Settings) -> Placement:
    """A block for ``task`` starting at ``at``, sized by its estimate (default 30 minutes),
    followed by a buffer block of ``settings.buffer_minutes`` (none when 0).

    Nothing is saved; ``Placement.conflicts`` lists every overlap with the plan, so the caller
    can ask before making it.
    """
    start = _utc(at)
    minutes = (
        task.estimate_minutes
        if task.estimate_minutes and task.estimate_minutes > 0
        else DEFAULT_ESTIMATE_MINUTES
    )
    work = Block(
        start=start,
        end=start + timedelta(minutes=minutes),
        client_id=task.client_id,
        category="client",
        task_id=task.id or None,
        title=task.title,
    )
    blocks = [work]
    if settings.buffer_minutes > 0:
        blocks.append(
            Block(
                start=work.end,
                end=work.end + timedelta(minutes=settings.buffer_minutes),
                category="buffer",
                title="buffer",
            )
        )
    return _placement(blocks, plan)


def move_block(block: Block, plan: DayPlan, minutes: int = ROW_MINUTES) -> Placement:
    """``block`` moved by ``minutes`` of real time (negative: earlier), with its conflicts."""
    delta = timedelta(minutes=minutes)
    return _placement([replace(block, start=block.start + delta, end=block.end + delta)], plan)


def resize_block(block: Block, plan: DayPlan, minutes: int = ROW_MINUTES) -> Placement:
    """``block`` with its end moved by ``minutes`` (never shorter than 15), with conflicts."""
    end = max(block.end + timedelta(minutes=minutes), block.start + ROW)
    return _placement([replace(block, end=end)], plan)


def _utc(instant: datetime) -> datetime:
    if instant.tzinfo is None:
        raise ValueError("an aware datetime is required")
    return instant.astimezone(UTC)


def _placement(blocks: list[Block], plan: DayPlan) -> Placement:
    return Placement(tuple(blocks), tuple(find_conflicts(map(block_item, blocks), plan.items)))
