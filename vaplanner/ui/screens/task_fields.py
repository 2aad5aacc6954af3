"""The task editor's fields as text, and the checks that turn them into a :class:`Task`.

Pure (no Textual): the editor collects what was typed into :class:`TaskFields`, and
:func:`read_task` either returns the task or raises :class:`FieldError` naming the field to
focus, with a message that says what is accepted. The due time is typed in the *client's*
zone, as on the command line (``task add --due``); a date alone means the end of the
client's business day.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import cast

from vaplanner.core.errors import InputError, TimeParseError
from vaplanner.core.limits import check_due, check_estimate
from vaplanner.core.models import (
    TASK_RECURRENCES,
    TASK_STATUSES,
    ChecklistItem,
    Client,
    Recurrence,
    Task,
    TaskStatus,
)
from vaplanner.core.queues import countdown
from vaplanner.core.times import (
    parse_date,
    parse_duration,
    parse_when_noted,
    resolve_wall,
    to_local,
)

#: Words that clear an optional field.
CLEAR_WORDS = frozenset({"", "none", "-", "no"})


class FieldError(InputError):
    """A field that cannot be read; ``field`` is the id of the input to focus."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class TaskFields:
    """Everything the editor shows, as the user typed it."""

    client_id: int
    title: str = ""
    status: str = "todo"
    urgent: bool = False
    important: bool = False
    out_of_scope: bool = False
    estimate: str = ""
    due: str = ""
    every: str = ""
    tags: str = ""
    assignee: str = ""
    follow_up: str = ""
    checklist: tuple[ChecklistItem, ...] = ()
    notes: str = ""


def duration_text(minutes: int | None) -> str:
    """``45m``, ``2h``, ``1h30m``: the short form people type (``parse_duration`` reads it)."""
    if not minutes:
        return ""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest}m"
    return f"{hours}h{rest}m" if rest else f"{hours}h"


def fields_of(task: Task, client: Client) -> TaskFields:
    """The editor's fields for an existing (or prefilled new) task."""
    due = f"{to_local(task.due, client.tz):%Y-%m-%d %H:%M}" if task.due is not None else ""
    return TaskFields(
        client_id=task.client_id,
        title=task.title,
        status=task.status,
        urgent=task.urgent,
        important=task.important,
        out_of_scope=task.out_of_scope,
        estimate=duration_text(task.estimate_minutes),
        due=due,
        every=task.every or "",
        tags=", ".join(task.tags),
        assignee=task.assignee or "",
        follow_up=task.follow_up.isoformat() if task.follow_up else "",
        checklist=task.checklist,
        notes=task.notes,
    )


def parse_due(text: str, client: Client, now: datetime) -> tuple[datetime | None, str | None]:
    """A due typed in the client's zone -> (UTC instant or None, a DST note or None).

    ``2026-12-01 17:00``, ``fri 17:00``, ``tomorrow 9am``, ``in 3h``; a date alone (``fri``,
    ``2026-12-01``, ``+3d``) is the end of the client's business day then (23:59 on a day
    without hours), as ``vaplanner task add --due`` reads it. Empty or ``none``: no due.
    At most :data:`~vaplanner.core.limits.MAX_DUE_DISTANCE` from ``now``, as there.

    Raises:
        FieldError: on ``due``, with the accepted forms (or the limit).
    """
    value = text.strip()
    if value.lower() in CLEAR_WORDS:
        return None, None
    today = to_local(now, client.tz).date()
    try:
        try:
            day = parse_date(value, today=today)
        except TimeParseError:
            instant, note = parse_when_noted(value, tz=client.tz, now=now)
        else:
            instant, note = end_of_day(client, day)
        check_due(instant, now, value)  # the command line's limit (core.limits)
    except InputError as error:
        raise FieldError("due", f"due: {error}") from None
    return instant, note


def end_of_day(client: Client, day: date) -> tuple[datetime, str | None]:
    """The end of the client's business day ``day`` (23:59 without hours), in UTC."""
    windows = client.hours.for_weekday(day.weekday())
    minute = max((w.end_minute for w in windows), default=23 * 60 + 59)
    return resolve_wall(datetime.combine(day, time(0)) + timedelta(minutes=minute), client.tz)


def describe_due(due: datetime, client: Client, home_tz: str, now: datetime) -> str:
    """``Sat 28 Nov 17:00 New York = 23:00 yours · in 1d 9h`` for the line under the field."""
    theirs = to_local(due, client.tz)
    mine = to_local(due, home_tz)
    city = client.tz.rsplit("/", 1)[-1].replace("_", " ")
    same_day = theirs.date() == mine.date()
    yours = f"{mine:%H:%M}" if same_day else f"{mine:%a %H:%M}"
    if client.tz == home_tz:
        return f"{theirs:%a} {theirs.day} {theirs:%b %H:%M} · {countdown(due, now)}"
    return (
        f"{theirs:%a} {theirs.day} {theirs:%b %H:%M} {city} = {yours} yours · {countdown(due, now)}"
    )


def parse_tags(text: str) -> tuple[str, ...]:
    """``email, Social  admin`` -> ``("email", "social", "admin")``: lower case, no repeats."""
    seen: dict[str, None] = {}
    for part in text.replace(",", " ").split():
        tag = part.strip().lstrip("#").lower()
        if tag:
            seen[tag] = None
    return tuple(seen)


def read_task(fields: TaskFields, client: Client, now: datetime, base: Task | None = None) -> Task:
    """The task the fields describe (``base`` keeps what the editor does not show).

    Raises:
        FieldError: the first field that cannot be read, with what is accepted.
    """
    title = " ".join(fields.title.split())
    if not title:
        raise FieldError("title", "the task needs a title, such as 'Newsletter draft'")
    if fields.status not in TASK_STATUSES:
        raise FieldError("status", f"status is one of {', '.join(TASK_STATUSES)}")
    estimate: int | None = None
    if fields.estimate.strip().lower() not in CLEAR_WORDS:
        try:
            # the command line's limit (core.limits): the planner places it as one block
            estimate = check_estimate(parse_duration(fields.estimate), fields.estimate)
        except InputError as error:
            raise FieldError("estimate", f"estimate: {error}") from None
    due_tz: str | None = client.tz
    unchanged = base is not None and base.client_id == fields.client_id
    if unchanged and base is not None and fields.due == fields_of(base, client).due:
        due, due_tz = base.due, base.due_tz  # untouched: keep the exact instant and zone
    else:
        due, _note = parse_due(fields.due, client, now)
    every = fields.every.strip().lower()
    if every and every not in TASK_RECURRENCES:
        raise FieldError("every", f"repeat is one of {', '.join(TASK_RECURRENCES)} or never")
    assignee = " ".join(fields.assignee.split()) or None
    if assignee is not None and assignee.lower() in {"me", "self", "you", "none"}:
        assignee = None
    follow_up: date | None = None
    if fields.follow_up.strip().lower() not in CLEAR_WORDS:
        try:
            follow_up = parse_date(fields.follow_up, today=to_local(now, client.tz).date())
        except InputError as error:
            raise FieldError("follow-up", f"follow-up: {error}") from None
    checklist = tuple(
        ChecklistItem(" ".join(item.text.split()), item.done)
        for item in fields.checklist
        if item.text.strip()
    )
    draft = base if base is not None else Task(client_id=fields.client_id, title=title)
    return replace(
        draft,
        client_id=fields.client_id,
        title=title,
        notes=fields.notes.strip(),
        status=cast(TaskStatus, fields.status),
        urgent=fields.urgent,
        important=fields.important,
        out_of_scope=fields.out_of_scope,
        estimate_minutes=estimate,
        due=due,
        due_tz=(due_tz or client.tz) if due is not None else None,
        every=cast(Recurrence, every) if every else None,
        tags=parse_tags(fields.tags),
        assignee=assignee,
        follow_up=follow_up,
        checklist=checklist,
    )
