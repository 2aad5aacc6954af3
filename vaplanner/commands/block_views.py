"""How ``vaplanner plan`` and ``vaplanner block`` show things: the day plan as text and JSON,
a block as JSON or one line, and the small time formatters they share.

Not a command module of its own (so not in ``MODULES``): :mod:`vaplanner.commands.blocks`
registers the commands and calls these.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from vaplanner.commands import table, utc_z

if TYPE_CHECKING:
    from datetime import datetime

    from vaplanner.core.models import Block
    from vaplanner.core.planner import DayPlan, PlanItem, TrackedItem


# --- plan ----------------------------------------------------------------------------------


def plan_json(plan: DayPlan, names: dict[int, str]) -> dict[str, Any]:
    """The plan for scripts: UTC ``…Z`` instants beside local ``HH:MM``."""
    tz = plan.tz
    blocks = [_item_json(i, tz, names) for i in plan.items if i.block is not None]
    meetings = [_item_json(i, tz, names) for i in plan.items if i.meeting is not None]
    ids = sorted(set(plan.planned_by_client) | set(plan.tracked_by_client))
    return {
        "date": plan.day.isoformat(),
        "tz": tz,
        "start": utc_z(plan.bounds[0]),
        "end": utc_z(plan.bounds[1]),
        "now": utc_z(plan.now),
        "blocks": blocks,
        "meetings": meetings,
        "tracked": [_tracked_json(t, tz, names) for t in plan.tracked],
        "conflicts": [
            {"first": c.first.ref, "second": c.second.ref, **_times(c.start, c.end, tz)}
            for c in plan.conflicts
        ],
        "gaps": [_times(a, b, tz) for a, b in plan.gaps],
        "planned_minutes": plan.planned_minutes,
        "tracked_minutes": plan.tracked_minutes,
        "work_minutes": plan.work_minutes,
        "clients": [
            {
                "id": cid,
                "name": names.get(cid, ""),
                "planned_minutes": plan.planned_by_client.get(cid, 0),
                "tracked_minutes": plan.tracked_by_client.get(cid, 0),
            }
            for cid in ids
        ],
        "capacity_warning": plan.capacity_warning,
    }


def plan_text(plan: DayPlan, names: dict[int, str]) -> str:
    """The plan for people: two aligned lists, totals and warnings."""
    from vaplanner.core.times import format_duration

    tz = plan.tz
    lines = [f"{plan.day:%a %d %b %Y} · {tz}"]
    if plan.items:
        rows = [
            (clock_span(i.start, i.end, tz), length(i.minutes), _label(i, names), i.ref,
             "outside hours" if i.outside_hours else "")
            for i in plan.items
        ]  # fmt: skip
        lines += ["", table(rows, ["PLANNED", "LEN", "WHAT", "REF", ""])]
    if plan.tracked:
        rows = [
            (clock_span(t.start, t.end, tz), length(t.minutes), names.get(t.client_id, "?"),
             "running" if t.running else f"entry {t.entry.id}" if t.entry else "", t.note)
            for t in plan.tracked
        ]  # fmt: skip
        lines += ["", table(rows, ["TRACKED", "LEN", "CLIENT", "REF", "NOTE"])]
    if not plan.items and not plan.tracked:
        lines += ["", "nothing planned or tracked"]
    lines += [
        "",
        f"planned {format_duration(plan.planned_minutes)}  "
        f"tracked {format_duration(plan.tracked_minutes)}  "
        f"work hours {format_duration(plan.work_minutes)}",
    ]
    lines += [f"! {c.describe(tz, names)}" for c in plan.conflicts]
    if plan.capacity_warning:
        lines.append(f"! {plan.capacity_warning}")
    return "\n".join(lines)


def _item_json(item: PlanItem, tz: str, names: dict[int, str]) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": item.block.id if item.block else item.meeting.id if item.meeting else None,
        **_times(item.start, item.end, tz),
        "client_id": item.client_id,
        "client": names.get(item.client_id) if item.client_id is not None else None,
        "category": item.category,
        "title": item.title,
        "outside_hours": item.outside_hours,
    }
    if item.block is not None:
        base["task_id"] = item.block.task_id
    if item.meeting is not None:
        base.update(uid=item.meeting.uid, zone=item.meeting.tz, link=item.meeting.link)
    return base


def _tracked_json(item: TrackedItem, tz: str, names: dict[int, str]) -> dict[str, Any]:
    return {
        "id": item.entry.id if item.entry else None,
        **_times(item.start, item.end, tz),
        "client_id": item.client_id,
        "client": names.get(item.client_id),
        "task_id": item.task_id,
        "note": item.note,
        "running": item.running,
        "billable": item.entry.billable if item.entry else True,
    }


def block_json(block: Block, tz: str, names: dict[int, str]) -> dict[str, Any]:
    """A block for scripts: UTC ``…Z`` instants beside local ``HH:MM``."""
    return {
        "id": block.id,
        "date": local_time(block.start, tz).date().isoformat(),
        **_times(block.start, block.end, tz),
        "client_id": block.client_id,
        "client": names.get(block.client_id) if block.client_id is not None else None,
        "category": block.category,
        "task_id": block.task_id,
        "title": block.title,
    }


def _times(start: datetime, end: datetime, tz: str) -> dict[str, Any]:
    return {
        "start": utc_z(start),
        "end": utc_z(end),
        "start_local": f"{local_time(start, tz):%H:%M}",
        "end_local": f"{local_time(end, tz):%H:%M}",
        "minutes": int((end - start).total_seconds() // 60),
    }


# --- blocks and helpers -------------------------------------------------------------------


def local_time(instant: datetime, tz: str) -> datetime:
    """``instant`` as an aware time in ``tz``."""
    from vaplanner.core.times import to_local

    result: datetime = to_local(instant, tz)
    return result


def clock_span(start: datetime, end: datetime, tz: str) -> str:
    """``09:00-10:30``: wall times in ``tz``."""
    return f"{local_time(start, tz):%H:%M}-{local_time(end, tz):%H:%M}"


def length(minutes: int) -> str:
    """A length as ``h:mm``."""
    from vaplanner.core.times import format_duration

    text: str = format_duration(minutes)
    return text


def who_text(client_id: int | None, category: str, names: dict[int, str]) -> str:
    """Who a block is for: the client (and its kind when not client work) or the kind."""
    if client_id is None:
        return category
    name = names.get(client_id, f"client {client_id}")
    return name if category == "client" else f"{name} ({category})"


def _label(item: PlanItem, names: dict[int, str]) -> str:
    who = who_text(item.client_id, item.category, names)
    return f"{who} · {item.title}" if item.title else who


def describe_block(block: Block, tz: str, names: dict[int, str]) -> str:
    """One line for a block: day, times, who, title."""
    who = who_text(block.client_id, block.category, names)
    title = f" · {block.title}" if block.title else ""
    day = f"{local_time(block.start, tz):%a %d %b %Y}"
    return f"{day} {clock_span(block.start, block.end, tz)} {who}{title}"
