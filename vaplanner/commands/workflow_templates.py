"""``vaplanner template list|show|apply``: the bundled task templates and your own
(onboarding, SOPs, recurring workflows), and adding a template's tasks to a client's queue.

Not a command module of its own (so not in ``MODULES``): :mod:`vaplanner.commands.workflow`
registers these handlers. Heavy imports happen inside the handlers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from vaplanner.commands import Context, table
from vaplanner.commands import workflow_views as views

if TYPE_CHECKING:
    from vaplanner.core.models import Template

#: How ``template show`` words a step's repeat rule.
_EVERY = {
    "daily": "every day",
    "weekly": "every week",
    "biweekly": "every 2 weeks",
    "monthly": "every month",
}


def _template_json(template: Template, source: str) -> dict[str, Any]:
    from vaplanner.core.templates import total_estimate

    return {
        "name": template.name,
        "description": template.description,
        "source": source,
        "estimate_minutes": total_estimate(template),
        "steps": [
            {
                "title": step.title,
                "estimate_minutes": step.estimate_minutes,
                "due_days": step.due_days,
                "tags": list(step.tags),
                "checklist": list(step.checklist),
                "notes": step.notes,
                "every": step.every,
            }
            for step in template.steps
        ],
    }


def template_list(ctx: Context) -> int:
    """``template list``: every template, bundled and yours, with steps and estimate."""
    from vaplanner.core.templates import total_estimate
    from vaplanner.core.times import format_duration
    from vaplanner.templates import template_files

    files = template_files(ctx.config_dir)
    loaded = [(item.load(), item.source) for item in files.values()]
    if ctx.args.json:
        ctx.print_json([_template_json(t, source) for t, source in loaded])
        return 0
    rows = [
        (
            t.name,
            len(t.steps),
            format_duration(total_estimate(t)),
            "bundled" if source == "bundled" else "yours",
            t.description,
        )
        for t, source in loaded
    ]
    ctx.print(table(rows, ("NAME", "STEPS", "ESTIMATE", "FROM", "DESCRIPTION")))
    return 0


def template_show(ctx: Context) -> int:
    """``template show NAME``: the steps, checklists and notes of one template."""
    from vaplanner.core.templates import total_estimate
    from vaplanner.core.times import format_duration
    from vaplanner.templates import find_template, template_files

    template = find_template(ctx.args.name, ctx.config_dir)
    if ctx.args.json:
        source = template_files(ctx.config_dir)[template.name].source
        ctx.print_json(_template_json(template, source))
        return 0
    ctx.print(f"{template.name}: {template.description}" if template.description else template.name)
    for number, step in enumerate(template.steps, 1):
        parts = [f"{number}. {step.title}"]
        if step.estimate_minutes is not None:
            parts.append(format_duration(step.estimate_minutes))
        if step.due_days is not None:
            parts.append(f"due day +{step.due_days}")
        if step.every:
            parts.append(_EVERY[step.every])
        if step.tags:
            parts.append(" ".join(f"#{tag}" for tag in step.tags))
        ctx.print("  ".join(parts))
        if step.notes:
            ctx.print(f"     note: {step.notes}")
        for item in step.checklist:
            ctx.print(f"     [ ] {item}")
    ctx.print(f"{len(template.steps)} steps, {format_duration(total_estimate(template))} estimated")
    return 0


def template_apply(ctx: Context) -> int:
    """``template apply NAME CLIENT``: queue the template's tasks, dues from ``--start``."""
    from zoneinfo import ZoneInfo

    from vaplanner.commands.timer import find_client
    from vaplanner.core.errors import ConflictError
    from vaplanner.core.queues import next_position
    from vaplanner.core.templates import apply_template
    from vaplanner.core.times import format_duration, parse_date
    from vaplanner.templates import find_template

    args = ctx.args
    template = find_template(args.name, ctx.config_dir)
    client = find_client(ctx, args.client)
    today = ctx.now.astimezone(ZoneInfo(client.tz)).date()
    start = parse_date(args.start, today=today) if args.start else today
    with ctx.store.transaction():
        queue = ctx.store.tasks.list(client_id=client.id)
        already = [task for task in queue if task.template == template.name]
        if already and not args.again:
            raise ConflictError(
                f"{client.name} already has {len(already)} open tasks from {template.name!r}; "
                "add --again to apply it once more"
            )
        planned = apply_template(
            template, client, start=start, now=ctx.now, first_position=next_position(queue)
        )
        with ctx.store.bulk():
            created = [ctx.store.tasks.add(task) for task in planned]
    if args.json:
        ctx.print_json([views.task_json(task, client.name) for task in created])
        return 0
    total = sum(task.estimate_minutes or 0 for task in created)
    ctx.print(
        f"applied {template.name!r} to {client.name} from {start.isoformat()}: "
        f"{len(created)} tasks, {format_duration(total)} estimated"
    )
    for task in created:
        due = (
            f"due {views.home(ctx, task.due)} ({views.local(task.due, client.tz)} {client.name})"
            if task.due is not None
            else "no due"
        )
        ctx.print(f"  #{task.id}  {task.title}  {due}")
    return 0
