"""The views of the queues mode, apart from the Eisenhower grid: one client's queue, batches
by tag, every deadline with the promised replies, and check-ins.

Each view is a container of :class:`~vaplanner.ui.widgets.task_table.KeyTable` widgets with a
``show`` method that takes plain data; the screen owns the data and the keys.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from vaplanner.core.models import Checkin, Client, Request, Task
from vaplanner.core.promises import request_state, since_text
from vaplanner.core.queues import countdown, is_delegated
from vaplanner.core.task_lists import Batch, Deadline, batch_block_minutes
from vaplanner.core.times import format_duration, to_local
from vaplanner.ui.widgets.queue_panel import format_due
from vaplanner.ui.widgets.task_table import (
    Column,
    KeyTable,
    RowContext,
    TaskTable,
    client_text,
    due_label,
    due_texts,
    estimate_text,
    flags_text,
    status_text,
    task_key,
    title_text,
)


def queue_columns(ctx: RowContext) -> tuple[Column, ...]:
    return (
        Column("status", "Status", 6, priority=7),
        Column("flags", "", 2, priority=8),
        Column("title", "Task"),
        Column("estimate", "Est", 5, priority=6),
        Column("due", due_label(ctx), 12, priority=5),
        Column("left", "Left", 16, priority=6),
        Column("tags", "Tags", 18, priority=3),
    )


BATCH_COLUMNS = (
    Column("tag", "Tag"),
    Column("count", "Tasks", 5, priority=6),
    Column("clients", "Clients", 7, priority=3),
    Column("estimate", "Est", 6, priority=5),
)
BATCH_TASK_COLUMNS = (
    Column("client", "Client", 14, priority=6),
    Column("title", "Task"),
    Column("estimate", "Est", 5, priority=5),
    Column("left", "Left", 16, priority=4),
)
DEADLINE_COLUMNS = (
    Column("due", "Due (yours)", 12, priority=8),
    Column("left", "Left", 16, priority=7),
    Column("client", "Client", 14, priority=6),
    Column("title", "Task"),
    Column("theirs", "Their time", 10, priority=3),
    Column("status", "Status", 6, priority=4),
)
REPLY_COLUMNS = (
    Column("due", "Reply by", 12, priority=8),
    Column("left", "Left", 16, priority=7),
    Column("client", "Client", 14, priority=6),
    Column("text", "Request"),
    Column("channel", "Channel", 9, priority=3),
)
CHECKIN_COLUMNS = (
    Column("key", "", 1, priority=9),
    Column("client", "Client", 18, priority=9),
    Column("since", "Last", 8, priority=8),
    Column("score", "Score", 5, priority=6),
    Column("count", "All", 4, priority=2),
    Column("note", "Last note"),
)


def tags_text(task: Task, table: KeyTable) -> Text:
    return Text(" ".join(f"#{tag}" for tag in task.tags), style=table.style_of("muted"))


class QueueTab(Vertical):
    """One client's queue: a title line, the task table and the highlighted task's details."""

    DEFAULT_CSS = """
    QueueTab #queue-title { height: 1; padding: 0 1; color: $text-muted; }
    QueueTab #queue-detail {
        height: auto; max-height: 6; padding: 0 1; border-top: solid $panel-lighten-2;
    }
    """
    """A muted title, the table, and a detail card under a thin rule."""

    def compose(self) -> ComposeResult:
        yield Static("", id="queue-title", markup=False)
        yield TaskTable(id="queue-table")
        yield Static("", id="queue-detail", markup=False)

    @property
    def table(self) -> TaskTable:
        return self.query_one("#queue-table", TaskTable)

    def show(self, title: Text, tasks: Sequence[Task], ctx: RowContext, empty: str) -> None:
        self.query_one("#queue-title", Static).update(title)
        table = self.table
        rows = []
        for task in tasks:
            when, left = due_texts(task, ctx, table)
            rows.append(
                (
                    task_key(task),
                    [
                        status_text(task, table),
                        flags_text(task, table),
                        title_text(task, table, ctx),
                        estimate_text(task, table),
                        when,
                        left,
                        tags_text(task, table),
                    ],
                )
            )
        table.show(queue_columns(ctx), rows, empty=empty)

    def show_detail(self, task: Task | None, ctx: RowContext) -> None:
        """The highlighted task in full: due in both zones, delegation, checklist, notes."""
        detail = self.query_one("#queue-detail", Static)
        if task is None:
            detail.update(Text("a: add a task   t: apply a template", style="dim"))
            return
        detail.update(task_detail(task, ctx))


def task_detail(task: Task, ctx: RowContext) -> Text:
    """A few lines about one task for the detail card."""
    client = ctx.clients.get(task.client_id)
    head = Text(task.title, style="bold")
    facts: list[str] = [task.status]
    if task.estimate_minutes:
        facts.append(f"est {format_duration(task.estimate_minutes)}")
    if task.due is not None:
        due = f"due {format_due(task.due, ctx.home_tz, ctx.now)} yours"
        if client is not None and client.tz != ctx.home_tz:
            theirs = format_due(task.due, task.due_tz or client.tz, ctx.now)
            due += f" ({theirs} {client.name})"
        facts.append(f"{due} · {countdown(task.due, ctx.now)}")
    head.append("  " + " · ".join(facts), style="dim")
    lines = [head]
    more: list[str] = []
    if task.tags:
        more.append(" ".join(f"#{tag}" for tag in task.tags))
    if is_delegated(task):
        follow = f", follow up {task.follow_up:%a %d %b}" if task.follow_up else ""
        more.append(f"→ {task.assignee}{follow}")
    if task.every:
        more.append(f"↻ repeats {task.every}")
    if task.out_of_scope:
        more.append("out of scope: bill it as extra")
    if task.template:
        more.append(f"from template {task.template}")
    if more:
        lines.append(Text("  ·  ".join(more), style="dim"))
    if task.checklist:
        items = Text()
        for item in task.checklist:
            items.append("☑ " if item.done else "☐ ", style="dim" if item.done else "")
            items.append(item.text + "   ", style="dim strike" if item.done else "")
        lines.append(items)
    if task.notes:
        lines.append(Text(task.notes.splitlines()[0], style="italic dim"))
    return Text("\n").join(lines)


class BatchesTab(Horizontal):
    """Batches by tag on the left, the tasks of the highlighted batch on the right."""

    DEFAULT_CSS = """
    BatchesTab > Vertical { border: round $panel-lighten-2; border-title-color: $text-muted; }
    BatchesTab > Vertical:focus-within { border: round $primary; border-title-color: $primary; }
    BatchesTab #batch-left { width: 2fr; }
    BatchesTab #batch-right { width: 3fr; }
    BatchesTab #batch-info { height: auto; padding: 0 1; color: $text-muted; }
    """
    """Two bordered columns; the focused one takes the primary colour."""

    def compose(self) -> ComposeResult:
        with Vertical(id="batch-left"):
            yield KeyTable(id="batch-list", min_flex=10)
        with Vertical(id="batch-right"):
            yield TaskTable(id="batch-tasks")
            yield Static("", id="batch-info", markup=False)

    def show_batches(self, found: Sequence[Batch]) -> None:
        table = self.query_one("#batch-list", KeyTable)
        self.query_one("#batch-left").border_title = f"Batches by tag ({len(found)})"
        rows = []
        for batch in found:
            estimate = format_duration(batch.estimate_minutes) if batch.estimate_minutes else "–"
            if batch.unestimated:
                estimate = "≥" + estimate  # some tasks have no estimate yet
            rows.append(
                (
                    f"batch-{batch.tag}",
                    [
                        Text(f"#{batch.tag}"),
                        Text(str(len(batch.tasks))),
                        Text(str(len(batch.client_ids))),
                        Text(estimate),
                    ],
                )
            )
        table.show(BATCH_COLUMNS, rows, empty="no tagged open tasks")

    def show_tasks(self, batch: Batch | None, ctx: RowContext, buffer_minutes: int) -> None:
        table = self.query_one("#batch-tasks", TaskTable)
        info = self.query_one("#batch-info", Static)
        box = self.query_one("#batch-right")
        if batch is None:
            box.border_title = "Tasks"
            table.show(BATCH_TASK_COLUMNS, [], empty="tag tasks to batch them (email, social…)")
            info.update("")
            return
        box.border_title = f"#{batch.tag} · {len(batch.tasks)} tasks"
        rows = []
        for task in batch.tasks:
            _when, left = due_texts(task, ctx, table)
            rows.append(
                (
                    task_key(task),
                    [
                        client_text(task.client_id, ctx),
                        title_text(task, table, ctx),
                        estimate_text(task, table),
                        left,
                    ],
                )
            )
        table.show(BATCH_TASK_COLUMNS, rows)
        minutes = batch_block_minutes(batch, buffer_minutes=buffer_minutes)
        unknown = (
            f"; {batch.unestimated} without an estimate count 15m each" if batch.unestimated else ""
        )
        info.update(
            f"{format_duration(batch.estimate_minutes)} estimated{unknown}. "
            f"p places one {format_duration(minutes)} block (with your buffer) on the plan."
        )


class DeadlinesTab(Vertical):
    """Every deadline (overdue first) above the promised replies still to send."""

    DEFAULT_CSS = """
    DeadlinesTab > Vertical { border: round $panel-lighten-2; border-title-color: $text-muted; }
    DeadlinesTab > Vertical:focus-within { border: round $primary; border-title-color: $primary; }
    DeadlinesTab #deadline-box { height: 3fr; }
    DeadlinesTab #reply-box { height: 2fr; }
    """
    """Two bordered lists, deadlines taking more room."""

    def compose(self) -> ComposeResult:
        with Vertical(id="deadline-box"):
            yield TaskTable(id="deadline-table")
        with Vertical(id="reply-box"):
            yield KeyTable(id="reply-table")

    def show(
        self,
        found: Sequence[Deadline],
        requests: Sequence[Request],
        ctx: RowContext,
    ) -> None:
        table = self.query_one("#deadline-table", TaskTable)
        home = replace(ctx, client_zone=False)
        overdue = sum(1 for d in found if d.overdue)
        box = self.query_one("#deadline-box")
        box.border_title = f"Deadlines ({len(found)}) · overdue first"
        box.border_subtitle = f"{overdue} overdue" if overdue else "none overdue"
        rows = []
        for item in found:
            when, left = due_texts(item.task, home, table)
            theirs = Text(f"{item.due_client:%a %H:%M}", style=table.style_of("muted"))
            rows.append(
                (
                    task_key(item.task),
                    [
                        when,
                        left,
                        client_text(item.task.client_id, ctx),
                        title_text(item.task, table, ctx),
                        theirs,
                        status_text(item.task, table),
                    ],
                )
            )
        table.show(DEADLINE_COLUMNS, rows, empty="no open task has a due date")
        self._show_replies(requests, ctx)

    def _show_replies(self, requests: Sequence[Request], ctx: RowContext) -> None:
        table = self.query_one("#reply-table", KeyTable)
        late = sum(1 for r in requests if request_state(r, ctx.now) == "overdue")
        box = self.query_one("#reply-box")
        box.border_title = f"Promised replies ({len(requests)})"
        box.border_subtitle = f"{late} late" if late else "d marks one answered"
        rows = []
        for request in requests:
            state = request_state(request, ctx.now)
            style = {
                "overdue": table.style_of("overdue"),
                "due_soon": table.style_of("soon"),
            }.get(state, table.style_of("muted"))
            text = Text(request.text)
            if request.out_of_scope:
                text.append("  extra", style=table.style_of("soon"))
            rows.append(
                (
                    f"request-{request.id}",
                    [
                        Text(format_due(request.reply_by, ctx.home_tz, ctx.now), style=style),
                        Text(countdown(request.reply_by, ctx.now), style=style),
                        client_text(request.client_id, ctx),
                        text,
                        Text(request.channel, style=table.style_of("muted")),
                    ],
                )
            )
        table.show(REPLY_COLUMNS, rows, empty="no reply owed: every request is answered")


class CheckinsTab(Vertical):
    """When each client last had a check-in, and the highlighted client's history."""

    DEFAULT_CSS = """
    CheckinsTab > Vertical { border: round $panel-lighten-2; border-title-color: $text-muted; }
    CheckinsTab > Vertical:focus-within { border: round $primary; border-title-color: $primary; }
    CheckinsTab #checkin-box { height: 1fr; }
    CheckinsTab #checkin-history { height: auto; max-height: 9; padding: 0 1; }
    """
    """The client list above a short history."""

    def compose(self) -> ComposeResult:
        with Vertical(id="checkin-box"):
            yield KeyTable(id="checkin-table")
        yield Static("", id="checkin-history", markup=False)

    def show(
        self,
        clients: Sequence[Client],
        last: dict[int, Checkin],
        counts: dict[int, int],
        ctx: RowContext,
    ) -> None:
        table = self.query_one("#checkin-table", KeyTable)
        self.query_one("#checkin-box").border_title = "Check-ins · c records one"
        rows = []
        for client in clients:
            latest = last.get(client.id)
            since = since_text(latest.at if latest else None, ctx.now)
            stale = latest is None or (ctx.now - latest.at).days >= 14
            score = f"{latest.score}/5" if latest and latest.score else ""
            rows.append(
                (
                    f"client-{client.id}",
                    [
                        Text(client.key or "", style=table.style_of("muted")),
                        client_text(client.id, ctx, 18),
                        Text(since, style=table.style_of("soon") if stale else ""),
                        Text(score),
                        Text(str(counts.get(client.id, 0)), style=table.style_of("muted")),
                        Text(latest.note if latest else "", style=table.style_of("muted")),
                    ],
                )
            )
        table.show(CHECKIN_COLUMNS, rows, empty="no clients yet")

    def show_history(self, client: Client | None, history: Sequence[Checkin], tz: str) -> None:
        box = self.query_one("#checkin-history", Static)
        if client is None:
            box.update("")
            return
        if not history:
            box.update(Text(f"{client.name}: no check-ins yet. c records one.", style="dim"))
            return
        lines = [Text(f"{client.name}: last {len(history[:6])} of {len(history)}", style="bold")]
        for item in history[:6]:
            local = to_local(item.at, tz)
            score = f"{item.score}/5" if item.score else "–"
            lines.append(Text(f"{local:%a %d %b %Y}  {score:>4}  {item.note}"))
        box.update(Text("\n").join(lines))
