"""Progress notes for a client, in Markdown ready to paste into an email.

* :func:`weekly_progress`: tasks done, the work tracked (entry notes grouped by tag), hours
  worked (and against the retainer), out-of-scope work, the next deadlines and meetings in
  the client's own time, retainer hours used and left.
* :func:`day_note`: an end-of-day note: done, next, and what the VA needs from the client
  (tasks waiting on them).

The period is counted in the VA's home zone (as reports and invoices are); every time the
client reads is written in the client's zone, named once in the heading of the section.
Each entry is listed under its first tag only, so that no work appears twice in an email.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from vaplanner.core.billing import billable_minutes
from vaplanner.core.models import Client, Entry, Request, Task
from vaplanner.core.recur import Occurrence
from vaplanner.core.reports import NO_TAG, entry_tags
from vaplanner.core.retainer import RetainerStatus
from vaplanner.core.times import format_duration, to_local

UPCOMING_DAYS = 14
NEXT_TASKS = 5


def _day(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


def _span(start: date, end: date) -> str:
    if start.year != end.year:
        return f"{start.day} {start:%b %Y} - {end.day} {end:%b %Y}"
    if start.month != end.month:
        return f"{start.day} {start:%b} - {end.day} {end:%b %Y}"
    return f"{start.day}-{end.day} {end:%b %Y}"


def _when(instant: datetime, tz: str) -> str:
    local = to_local(instant, tz)
    return f"{_day(local.date())} {local:%H:%M}"


def _hours(minutes: int) -> str:
    return f"{format_duration(minutes)} h"


@dataclass(frozen=True)
class ProgressData:
    """What a progress note draws on; the caller reads it from the store."""

    client: Client
    entries: Sequence[Entry]  # the client's entries in the period
    tasks: Mapping[int, Task]  # tasks the entries point at (for titles, tags, scope)
    done: Sequence[Task]  # tasks done in the period
    open_tasks: Sequence[Task] = ()  # the client's open tasks, in queue order
    meetings: Sequence[Occurrence] = ()  # upcoming occurrences
    requests: Sequence[Request] = ()  # out-of-scope requests received in the period
    retainer: RetainerStatus | None = None


def _work_by_tag(data: ProgressData) -> list[str]:
    groups: dict[str, tuple[list[int], list[str]]] = {}
    for entry in sorted(data.entries, key=lambda e: e.start):
        task = data.tasks.get(entry.task_id) if entry.task_id is not None else None
        tag = (entry_tags(entry, task) or (NO_TAG,))[0]
        minutes, notes = groups.setdefault(tag, ([0], []))
        minutes[0] += entry.minutes
        text = entry.note.strip() or (task.title if task is not None else "")
        if text and text not in notes:
            notes.append(text)
    lines: list[str] = []
    ordered = sorted(groups.items(), key=lambda item: (item[0] == NO_TAG, -item[1][0][0]))
    for tag, (minutes, notes) in ordered:
        label = "Other" if tag == NO_TAG else tag
        lines.append(f"**{label}** ({_hours(minutes[0])})")
        lines.extend(f"- {note}" for note in notes)
        lines.append("")
    return lines


def _out_of_scope(data: ProgressData) -> list[str]:
    minutes: dict[int, int] = {}
    for entry in data.entries:
        task = data.tasks.get(entry.task_id) if entry.task_id is not None else None
        if task is not None and task.out_of_scope:
            minutes[task.id] = minutes.get(task.id, 0) + entry.minutes
    lines = [f"- {data.tasks[tid].title} ({_hours(m)})" for tid, m in minutes.items()]
    tz = data.client.tz
    lines += [
        f"- Request received {_when(r.received, tz)}: {r.text.strip()}"
        for r in data.requests
        if r.out_of_scope
    ]
    return lines


def _retainer_lines(status: RetainerStatus) -> list[str]:
    lines = [
        f"- Used: {_hours(status.used_minutes)} of {_hours(status.available_minutes)} "
        f"({status.percent_used}%)",
        f"- Left: {_hours(status.left_minutes)}, resets on {_day(status.resets_on)}",
    ]
    if status.rollover_minutes:
        lines.append(f"- Includes {_hours(status.rollover_minutes)} carried over")
    if status.overage_minutes:
        lines.append(f"- Over the retainer: {_hours(status.overage_minutes)}")
    return lines


def _upcoming(data: ProgressData, now: datetime) -> list[str]:
    tz = data.client.tz
    items: list[tuple[datetime, str]] = []
    for occurrence in data.meetings:
        if occurrence.start >= now:
            items.append((occurrence.start, f"{occurrence.meeting.title} (meeting)"))
    for task in data.open_tasks:
        if task.due is not None and task.due >= now:
            items.append((task.due, f"{task.title} due"))
    items.sort(key=lambda item: item[0])
    return [f"- {_when(at, tz)}: {text}" for at, text in items]


def weekly_progress(
    data: ProgressData, *, start: date, end: date, now: datetime, signature: str = ""
) -> str:
    """The week's Markdown summary for ``data.client`` over ``[start, end]`` (home dates)."""
    client = data.client
    worked = sum(e.minutes for e in data.entries)
    billed = sum(billable_minutes(e, client.billing) for e in data.entries)
    out = [f"## Weekly update: {client.name}, {_span(start, end)}", ""]
    hours_line = f"**Hours worked:** {_hours(worked)}"
    if billed != worked:
        hours_line += f" ({_hours(billed)} billable)"
    if data.retainer is not None:
        status = data.retainer
        hours_line += (
            f" · retainer {_hours(status.used_minutes)} of {_hours(status.available_minutes)} "
            f"used this {'month' if status.cycle == 'monthly' else 'week'}"
        )
    out += [hours_line, "", "### Done"]
    done = [f"- {task.title}" for task in data.done]
    out += (done or ["- Nothing marked done this week."]) + [""]
    out += ["### Work tracked"]
    out += _work_by_tag(data) or ["- No time tracked this week.", ""]
    scope = _out_of_scope(data)
    if scope:
        out += ["### Outside the agreed scope", *scope, ""]
    upcoming = _upcoming(data, now)
    out += [f"### Coming up (your time, {client.tz})"]
    out += (upcoming or ["- No deadlines or meetings in the next two weeks."]) + [""]
    if data.retainer is not None:
        out += ["### Retainer", *_retainer_lines(data.retainer), ""]
    if signature:
        out += [signature, ""]
    return "\n".join(out).rstrip() + "\n"


def day_note(data: ProgressData, *, day: date, now: datetime, signature: str = "") -> str:
    """An end-of-day note for ``data.client``: done today, next, what I need from you."""
    client = data.client
    worked = sum(e.minutes for e in data.entries)
    out = [f"## End of day: {client.name}, {_day(day)} {day.year}", "", "### Done today"]
    done = [f"- {task.title}" for task in data.done]
    seen = {task.id for task in data.done}
    for entry in sorted(data.entries, key=lambda e: e.start):
        task = data.tasks.get(entry.task_id) if entry.task_id is not None else None
        text = entry.note.strip() or (task.title if task is not None else "")
        line = f"- Worked on: {text}"
        if text and line not in done and (task is None or task.id not in seen):
            done.append(line)
    out += done or ["- No work recorded today."]
    out += [f"- Time today: {_hours(worked)}", "", f"### Next (your time, {client.tz})"]
    queue = [t for t in data.open_tasks if t.status != "waiting"][:NEXT_TASKS]
    nxt = [
        f"- {t.title}" + (f" (due {_when(t.due, client.tz)})" if t.due is not None else "")
        for t in queue
    ]
    out += (nxt or ["- Nothing queued."]) + ["", "### What I need from you"]
    waiting = [t for t in data.open_tasks if t.status == "waiting" and t.assignee is None]
    need = [
        f"- {t.title}" + (f": {t.notes.strip().splitlines()[0]}" if t.notes.strip() else "")
        for t in waiting
    ]
    out += (need or ["- Nothing right now, thank you."]) + [""]
    if signature:
        out += [signature, ""]
    return "\n".join(out).rstrip() + "\n"
