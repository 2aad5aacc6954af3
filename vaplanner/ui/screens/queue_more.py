"""Keys of the queues mode beyond single tasks: place a batch on the plan, answer a promised
reply, record a check-in, apply a template, edit the client.

A batch becomes one block on the plan, written like the planner's own blocks
(:func:`vaplanner.ui.edits.save_blocks`, undone with ``u`` on the planner); an overlap is shown
and asked about, never made silently.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from vaplanner.core.errors import VaplannerError
from vaplanner.core.models import Block, Checkin, Client, Template
from vaplanner.core.placing import find_conflicts
from vaplanner.core.planner import block_item, describe_item, format_span, outside_hours
from vaplanner.core.queues import next_position
from vaplanner.core.task_lists import Batch, batch_block_minutes
from vaplanner.core.templates import apply_template
from vaplanner.core.times import format_duration, parse_when_noted, to_local
from vaplanner.ui.board import home_today, load_board
from vaplanner.ui.edits import save_blocks
from vaplanner.ui.screens.checkin_modal import CheckinModal
from vaplanner.ui.screens.client_editor import ClientEditor
from vaplanner.ui.screens.confirm import ConfirmScreen
from vaplanner.ui.screens.prompt import PromptScreen
from vaplanner.ui.screens.queues_base import QueuesBase
from vaplanner.ui.screens.template_picker import TemplatePicker
from vaplanner.ui.task_edits import Recorder, answer_request, record_checkin
from vaplanner.ui.widgets.task_table import KeyTable


def _ceil_row(instant: datetime) -> datetime:
    """``instant`` rounded up to the next 15-minute row (UTC rows are home rows too, except in
    zones with odd offsets, where the plan shows the block where it is anyway)."""
    base = instant.replace(second=0, microsecond=0)
    extra = (-base.minute) % 15
    return base + timedelta(minutes=extra)


class MoreActions(QueuesBase):
    """Batches, replies, check-ins, templates and the client editor."""

    # --- batches -----------------------------------------------------------------------------

    def current_batch(self) -> Batch | None:
        data = self.data
        if data is None or self.view != "batches" or not self.view_ready:
            return None
        key = self.query_one("#batch-list", KeyTable).selected_key
        found = data.batches()
        return next((b for b in found if f"batch-{b.tag}" == key), found[0] if found else None)

    def next_free_start(self, minutes: int) -> datetime | None:
        """The first start today (or tomorrow) in your work hours with ``minutes`` free."""
        app = self.vapp
        now = self.clock()
        today = home_today(app.settings, now)
        for day in (today, today + timedelta(days=1)):
            with app.store_lock:
                plan = load_board(app.store, app.settings, day, now).plan(now)
            for start, end in plan.gaps:
                begin = max(start, _ceil_row(now))
                if begin + timedelta(minutes=minutes) <= end:
                    return begin
        return None

    def action_place_batch(self) -> None:
        """Ask when, then place the highlighted batch as one block."""
        batch = self.current_batch()
        if batch is None:
            self.notify("no batch here: tag open tasks to batch them", severity="warning")
            return
        minutes = batch_block_minutes(batch, buffer_minutes=self.vapp.settings.buffer_minutes)
        suggested = self.next_free_start(minutes)
        now = self.clock()
        value = ""
        free = "no free gap of that length today or tomorrow in your work hours"
        if suggested is not None:
            local = to_local(suggested, self.home_tz)
            same_day = local.date() == to_local(now, self.home_tz).date()
            value = f"{local:%H:%M}" if same_day else f"tomorrow {local:%H:%M}"
            free = f"next free gap: {value}"
        self.app.push_screen(
            PromptScreen[datetime](
                f"Place #{batch.tag} ({len(batch.tasks)} tasks, {format_duration(minutes)}) at",
                f"your time: 15:00, tomorrow 9:30, mon 14:00 · {free}",
                lambda text: parse_when_noted(text, tz=self.home_tz, now=now)[0],
                value=value,
                placeholder="when the block starts",
            ),
            lambda start: self._place_at(batch, minutes, start),
        )

    def _place_at(self, batch: Batch, minutes: int, start: datetime | None) -> None:
        if start is None:
            return
        clients = batch.client_ids
        single = clients[0] if len(clients) == 1 else None
        names = ", ".join(self.client_name(c) for c in clients)
        block = Block(
            start=start,
            end=start + timedelta(minutes=minutes),
            client_id=single,
            category="client" if single is not None else "focus",
            title=f"#{batch.tag} batch: {len(batch.tasks)} tasks"
            + ("" if single is not None else f" ({names})"),
        )
        app = self.vapp
        day = home_today(app.settings, start)
        with app.store_lock:
            board = load_board(app.store, app.settings, day, self.clock())
        conflicts = find_conflicts([block_item(block)], board.plan(self.clock()).items)
        if not conflicts:
            self._write_block(block, agreed=False)
            return
        lines = [describe_item(c.second, self.home_tz, board.names) for c in conflicts[:4]]
        more = f"\n… and {len(conflicts) - 4} more" if len(conflicts) > 4 else ""
        span = format_span(block.start, block.end, self.home_tz)
        self.app.push_screen(
            ConfirmScreen(
                "This overlaps",
                f"#{batch.tag} batch {span} would overlap:\n  "
                + "\n  ".join(lines)
                + more
                + "\n\nPlace it anyway?",
                yes="Overlap",
                no="Cancel",
            ),
            lambda yes: self._write_block(block, agreed=True) if yes else self._declined(),
        )

    def _declined(self) -> None:
        self.notify("nothing placed", timeout=2)

    def _write_block(self, block: Block, *, agreed: bool) -> None:
        app = self.vapp
        label = f"place '{block.title}'"
        try:
            with app.store_lock:
                change = save_blocks(
                    app.store, label, add=[block], allow_overlap=agreed, tz=self.home_tz
                )
        except VaplannerError as error:  # e.g. an overlap made meanwhile in another terminal
            self.notify(str(error), title="Batch not placed", severity="error", timeout=8)
            return
        if app.planner is not None:
            app.planner.undo_stack.push(change)
        app.data_changed()
        local = to_local(block.start, self.home_tz)
        span = format_span(block.start, block.end, self.home_tz)
        message = f"placed {block.title} on {local:%a %d %b} {span} (u on the planner undoes)"
        client = self.data.client(block.client_id) if self.data is not None else None
        if client is not None and outside_hours(block.start, block.end, client):
            message += f"\nnote: outside {client.name}'s business hours"
        self.notify(message, timeout=6)

    # --- replies -----------------------------------------------------------------------------

    def answer_highlighted(self) -> None:
        """Mark the highlighted promised reply answered."""
        key = self.query_one("#reply-table", KeyTable).selected_key
        if key is None or not key.startswith("request-"):
            self.notify("no reply highlighted", severity="warning", timeout=2)
            return
        request_id = int(key.removeprefix("request-"))
        done = self.write(
            "Not marked answered",
            f"answered request #{request_id}",
            lambda rec: answer_request(rec, request_id, self.clock()),
        )
        if done is not None:
            late = done.done_at is not None and done.done_at > done.reply_by
            self.notify(f"answered: {done.text}" + (" (late)" if late else ""), timeout=3)

    # --- check-ins ---------------------------------------------------------------------------

    def action_checkin(self) -> None:
        """Record a check-in with the selected client."""
        client = self.selected_client
        if client is None:
            self.notify("select a client first (1-9)", severity="warning")
            return
        self.app.push_screen(
            CheckinModal(client, home_tz=self.home_tz, now=self.clock()), self._save_checkin
        )

    def action_checkin_elsewhere(self) -> None:
        """``c`` in a view other than the check-ins: the same, with the key not shown."""
        self.action_checkin()

    def _save_checkin(self, checkin: Checkin | None) -> None:
        if checkin is None:
            return
        name = self.client_name(checkin.client_id)
        saved = self.write(
            "Check-in not saved",
            f"check-in with {name}",
            lambda rec: record_checkin(rec, checkin),
        )
        if saved is not None:
            score = f" ({saved.score}/5)" if saved.score else ""
            self.notify(f"check-in with {name} recorded{score}", timeout=3)

    # --- templates ---------------------------------------------------------------------------

    def action_apply_template(self) -> None:
        """Pick a template and add its tasks to the selected client's queue."""
        client = self.selected_client
        if client is None:
            self.notify("select a client first (1-9)", severity="warning")
            return
        self.app.push_screen(
            TemplatePicker(self.vapp.config_dir, client_name=client.name),
            lambda template: self._confirm_template(client, template),
        )

    def _confirm_template(self, client: Client, template: Template | None) -> None:
        if template is None or self.data is None:
            return
        already = [t for t in self.data.tasks if t.client_id == client.id]
        already = [t for t in already if t.template == template.name]
        if not already:
            self._apply_template(client, template)
            return
        self.app.push_screen(
            ConfirmScreen(
                "Apply it again?",
                f"{client.name} already has {len(already)} open tasks from "
                f"'{template.name}'. Add its {len(template.steps)} tasks once more?",
                yes="Apply again",
                no="Cancel",
            ),
            lambda yes: self._apply_template(client, template) if yes else None,
        )

    def _apply_template(self, client: Client, template: Template) -> None:
        now = self.clock()
        start = to_local(now, client.tz).date()

        def body(rec: Recorder) -> int:
            queue = rec.store.tasks.list(client_id=client.id)
            planned = apply_template(
                template, client, start=start, now=now, first_position=next_position(queue)
            )
            for task in planned:
                rec.add("tasks", task)
            return len(planned)

        count = self.write("Template not applied", f"template '{template.name}'", body)
        if count is not None:
            self.notify(
                f"added {count} tasks from '{template.name}' to {client.name} (u undoes)",
                timeout=4,
            )

    # --- the client --------------------------------------------------------------------------

    def action_edit_client(self) -> None:
        """The full client editor for the selected client."""
        data, client = self.data, self.selected_client
        if data is None or client is None:
            return
        app = self.vapp

        def save(edited: Client) -> Client:
            with app.store_lock, app.store.transaction():
                return app.store.clients.update(edited)

        def done(saved: Client | None) -> None:
            if saved is not None:
                app.data_changed()
                self.notify(f"{saved.name} saved", timeout=3)

        self.app.push_screen(
            ClientEditor(
                save,
                clients=app.store.clients.all(include_archived=True),
                now=self.clock(),
                home_tz=self.home_tz,
                client=client,
            ),
            done,
        )
