"""Templates: named checklists (onboarding, SOPs) that become tasks in a client's queue.

A template is a TOML file; its file name (without ``.toml``) is its name::

    description = "Bring a new client on board"

    [[step]]
    title = "Discovery call"
    estimate = "45m"          # or estimate_minutes = 45
    due_days = 0              # days after the day it is applied; leave out for no due
    tags = ["call", "onboarding"]
    checklist = ["Send the agenda", "Agree reply times per channel"]
    notes = "Anything the VA should read first"
    every = "weekly"          # optional: the task recurs (daily, weekly, biweekly, monthly)

Pure: this module parses text and builds tasks; reading files is the caller's job
(:mod:`vaplanner.templates`).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, cast

from vaplanner.core.errors import InputError
from vaplanner.core.models import (
    TASK_RECURRENCES,
    ChecklistItem,
    Client,
    Recurrence,
    Task,
    Template,
    TemplateStep,
)
from vaplanner.core.times import parse_duration, resolve_wall

_TOP_KEYS = ("description", "step")
_STEP_KEYS = (
    "title",
    "estimate",
    "estimate_minutes",
    "due_days",
    "tags",
    "checklist",
    "notes",
    "every",
)
_STEP_HEADER = re.compile(r"^\s*\[\[\s*step\s*\]\]")
_TOML_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")


_Fail = Callable[[str, str | None], "TemplateError"]


class TemplateError(InputError):
    """A template file that cannot be used; the message names the file and the line."""


@dataclass(frozen=True, slots=True)
class _Located:
    source: str
    text: str

    def step_line(self, index: int) -> int | None:
        """The line (1-based) of the ``index``-th ``[[step]]`` header."""
        seen = -1
        for number, line in enumerate(self.text.splitlines(), 1):
            if _STEP_HEADER.match(line):
                seen += 1
                if seen == index:
                    return number
        return None

    def key_line(self, key: str, step: int | None) -> int | None:
        """The line where ``key`` is set, inside step ``step`` (or at the top when None)."""
        lines = self.text.splitlines()
        start = 0 if step is None else (self.step_line(step) or 0)
        pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
        for number in range(start + 1, len(lines) + 1):
            line = lines[number - 1]
            if number > start + 1 and (_STEP_HEADER.match(line) or line.lstrip().startswith("[")):
                break
            if pattern.match(line):
                return number
        return start or None

    def error(self, message: str, line: int | None) -> TemplateError:
        where = f"{self.source} line {line}" if line else self.source
        return TemplateError(f"template {where}: {message}")


def parse_template(text: str, *, name: str, source: str) -> Template:
    """A :class:`Template` from the TOML ``text`` of the file ``source``, named ``name``.

    Raises:
        TemplateError: bad TOML, an unknown key, a wrong type or value, or no steps; the
            message names ``source`` and the line.
    """
    where = _Located(source, text)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        match = _TOML_AT.search(message)
        if match:
            reason = message[: match.start()]
            raise where.error(f"{reason} (column {match[2]})", int(match[1])) from None
        raise where.error(message, None) from None
    for key in data:
        if key not in _TOP_KEYS:
            raise where.error(
                f"unknown key {key!r}; a template has 'description' and [[step]] tables",
                where.key_line(key, None),
            )
    description = data.get("description", "")
    if not isinstance(description, str):
        raise where.error("'description' must be text", where.key_line("description", None))
    raw_steps = data.get("step", [])
    if not isinstance(raw_steps, list) or not all(isinstance(s, dict) for s in raw_steps):
        raise where.error("steps are written as [[step]] tables", where.key_line("step", None))
    if not raw_steps:
        raise where.error("a template needs at least one [[step]] with a title", None)
    steps = tuple(
        _parse_step(cast(dict[str, Any], raw), index, where) for index, raw in enumerate(raw_steps)
    )
    return Template(name=name, steps=steps, description=description.strip())


def _parse_step(raw: dict[str, Any], index: int, where: _Located) -> TemplateStep:
    def fail(message: str, key: str | None = None) -> TemplateError:
        line = where.key_line(key, index) if key else where.step_line(index)
        return where.error(f"step {index + 1}: {message}", line)

    for key in raw:
        if key not in _STEP_KEYS:
            raise fail(f"unknown key {key!r}; use one of {', '.join(_STEP_KEYS)}", key)
    title = raw.get("title")
    if not isinstance(title, str) or not title.strip():
        raise fail('every step needs a title, such as title = "Discovery call"', "title")
    estimate = _estimate(raw, fail)
    due_days = raw.get("due_days")
    if due_days is not None and (
        isinstance(due_days, bool) or not isinstance(due_days, int) or due_days < 0
    ):
        raise fail(f"due_days is a whole number of days, 0 or more (got {due_days!r})", "due_days")
    every = raw.get("every")
    if every is not None and every not in TASK_RECURRENCES:
        raise fail(
            f"every is one of {', '.join(TASK_RECURRENCES)} (got {every!r})",
            "every",
        )
    notes = raw.get("notes", "")
    if not isinstance(notes, str):
        raise fail("notes must be text", "notes")
    return TemplateStep(
        title=title.strip(),
        estimate_minutes=estimate,
        due_days=due_days,
        tags=_strings(raw, "tags", fail),
        checklist=_strings(raw, "checklist", fail),
        notes=notes.strip(),
        every=cast(Recurrence | None, every),
    )


def _estimate(raw: dict[str, Any], fail: _Fail) -> int | None:
    if "estimate" in raw and "estimate_minutes" in raw:
        raise fail("give either estimate or estimate_minutes, not both", "estimate_minutes")
    key = "estimate" if "estimate" in raw else "estimate_minutes"
    value = raw.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise fail(f'{key} is minutes (45) or a duration ("1h30m")', key)
    if isinstance(value, int):
        if value < 0:
            raise fail(f"{key} must not be negative (got {value})", key)
        return value
    try:
        return parse_duration(value)
    except InputError as error:
        raise fail(str(error), key) from None


def _strings(raw: dict[str, Any], key: str, fail: _Fail) -> tuple[str, ...]:
    value = raw.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise fail(f'{key} is a list of text, such as {key} = ["one", "two"]', key)
    return tuple(item.strip() for item in value if item.strip())


# --- applying -------------------------------------------------------------------------------

#: The end of the day used for a client without any business hours.
FALLBACK_END = time(17, 0)


def end_of_business_day(client: Client, day: date) -> datetime:
    """When the client's business day ``day`` ends, as a UTC instant.

    A day without hours (a weekend) rolls forward to the client's next working day, so a due
    never lands on a Saturday; a client without any hours ends at 17:00 on ``day``.
    """
    if client.hours.weekly_minutes == 0:
        instant, _ = resolve_wall(datetime.combine(day, FALLBACK_END), client.tz)
        return instant
    while not client.hours.for_weekday(day.weekday()):
        day += timedelta(days=1)
    end_minute = max(window.end_minute for window in client.hours.for_weekday(day.weekday()))
    instant, _ = resolve_wall(
        datetime.combine(day, time(0)) + timedelta(minutes=end_minute), client.tz
    )
    return instant


def apply_template(
    template: Template,
    client: Client,
    *,
    start: date,
    now: datetime,
    first_position: int = 0,
) -> list[Task]:
    """The tasks ``template`` puts in ``client``'s queue when applied on ``start``.

    ``start`` is a date in the client's zone. A step due ``due_days`` after it is due at the
    end of the client's business day then (see :func:`end_of_business_day`), in the client's
    zone. Tasks keep the template's order, from ``first_position`` on, and carry its name.
    """
    tasks: list[Task] = []
    for offset, step in enumerate(template.steps):
        due = (
            end_of_business_day(client, start + timedelta(days=step.due_days))
            if step.due_days is not None
            else None
        )
        tasks.append(
            Task(
                client_id=client.id,
                title=step.title,
                notes=step.notes,
                estimate_minutes=step.estimate_minutes,
                due=due,
                due_tz=client.tz if due is not None else None,
                tags=step.tags,
                checklist=tuple(ChecklistItem(text) for text in step.checklist),
                position=first_position + offset,
                every=step.every,
                template=template.name,
                created=now,
            )
        )
    return tasks


def total_estimate(template: Template) -> int:
    """The sum of the steps' estimates in minutes (steps without one count zero)."""
    return sum(step.estimate_minutes or 0 for step in template.steps)
