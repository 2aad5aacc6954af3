"""Templates: parsing TOML (with errors that name the file and line), applying to a client,
and the bundled and user template files."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from vaplanner.core.errors import NotFoundError
from vaplanner.core.models import (
    ChecklistItem,
    Client,
    Template,
    TemplateStep,
    TimeRange,
    WeekHours,
)
from vaplanner.core.templates import (
    TemplateError,
    apply_template,
    end_of_business_day,
    parse_template,
    total_estimate,
)
from vaplanner.templates import find_template, load_templates, template_files

NOW = datetime(2026, 11, 28, 13, 32, tzinfo=UTC)

GOOD = """\
description = "Month-end close"

[[step]]
title = "Collect receipts"
estimate = "1h30m"
due_days = 0
tags = ["admin", "finance"]
checklist = ["bank", "card"]

[[step]]
title = "Reconcile"
estimate_minutes = 45
due_days = 2
notes = "  use the client's sheet  "
every = "monthly"

[[step]]
title = "Someday"
tags = "ideas"
"""


def wall(tz: str, year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(tz)).astimezone(UTC)


def week(ranges: list[tuple[int, int, int, int]], weekdays: range | tuple[int, ...]) -> WeekHours:
    day = tuple(TimeRange(time(a, b), time(c, d)) for a, b, c, d in ranges)
    return WeekHours(tuple(day if i in weekdays else () for i in range(7)))


def test_parse_good_template() -> None:
    template = parse_template(GOOD, name="close", source="close.toml")
    assert template == Template(
        name="close",
        description="Month-end close",
        steps=(
            TemplateStep(
                title="Collect receipts",
                estimate_minutes=90,
                due_days=0,
                tags=("admin", "finance"),
                checklist=("bank", "card"),
            ),
            TemplateStep(
                title="Reconcile",
                estimate_minutes=45,
                due_days=2,
                notes="use the client's sheet",
                every="monthly",
            ),
            TemplateStep(title="Someday", tags=("ideas",)),
        ),
    )
    assert total_estimate(template) == 135


BROKEN = [
    # (label, text, expected line, words in the message)
    ("bad TOML", 'description = "x"\n\n[[step]]\ntitle = "a\n', 4, "line 4"),
    ("missing equals", '[[step]]\ntitle "a"\n', 2, "line 2"),
    ("unknown top key", 'description = "x"\nname = "y"\n[[step]]\ntitle = "a"\n', 2, "'name'"),
    (
        "unknown step key",
        '[[step]]\ntitle = "a"\n\n[[step]]\ntitle = "b"\nestimat = "1h"\n',
        6,
        "step 2: unknown key 'estimat'",
    ),
    (
        "missing title",
        '[[step]]\ntitle = "a"\n[[step]]\ndue_days = 1\n',
        3,
        "step 2: every step needs a title",
    ),
    ("blank title", '[[step]]\ntitle = "  "\n', 2, "needs a title"),
    ("bad estimate", '[[step]]\ntitle = "a"\nestimate = "soon"\n', 3, "step 1"),
    ("negative estimate", '[[step]]\ntitle = "a"\nestimate_minutes = -5\n', 3, "negative"),
    (
        "both estimates",
        '[[step]]\ntitle = "a"\nestimate = "1h"\nestimate_minutes = 60\n',
        4,
        "not both",
    ),
    ("negative due", '[[step]]\ntitle = "a"\ndue_days = -1\n', 3, "due_days"),
    ("text due", '[[step]]\ntitle = "a"\ndue_days = "2"\n', 3, "due_days"),
    ("bad every", '[[step]]\ntitle = "a"\nevery = "yearly"\n', 3, "daily, weekly"),
    ("bad tags", '[[step]]\ntitle = "a"\ntags = [1, 2]\n', 3, "tags is a list of text"),
    ("no steps", 'description = "x"\n', None, "at least one [[step]]"),
    ("step not a table", 'step = "x"\n', 1, "[[step]] tables"),
]


@pytest.mark.parametrize(
    ("text", "line", "words"), [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN]
)
def test_broken_template_names_file_and_line(text: str, line: int | None, words: str) -> None:
    with pytest.raises(TemplateError) as caught:
        parse_template(text, name="x", source="/cfg/templates/x.toml")
    message = str(caught.value)
    where = "/cfg/templates/x.toml" + (f" line {line}:" if line else ":")
    assert where in message
    assert words in message
    assert "\n" not in message


END_CASES = [
    # (label, zone, hours, day, expected end)
    (
        "New York weekday",
        "America/New_York",
        week([(9, 0, 17, 0)], range(5)),
        date(2026, 11, 27),
        wall("America/New_York", 2026, 11, 27, 17),
    ),
    (
        "Saturday rolls to Monday",
        "America/New_York",
        week([(9, 0, 17, 0)], range(5)),
        date(2026, 11, 28),
        datetime(2026, 11, 30, 22, 0, tzinfo=UTC),
    ),
    (
        "Monday after the EU change",
        "Europe/Ljubljana",
        week([(9, 0, 17, 0)], range(5)),
        date(2026, 3, 29),
        datetime(2026, 3, 30, 15, 0, tzinfo=UTC),
    ),
    (
        "Friday before the EU change",
        "Europe/Ljubljana",
        week([(9, 0, 17, 0)], range(5)),
        date(2026, 3, 27),
        datetime(2026, 3, 27, 16, 0, tzinfo=UTC),
    ),
    (
        "split day ends at the last window",
        "Pacific/Auckland",
        week([(8, 30, 12, 30), (13, 30, 17, 30)], range(5)),
        date(2026, 11, 30),
        wall("Pacific/Auckland", 2026, 11, 30, 17, 30),
    ),
    (
        "window to midnight",
        "Asia/Kolkata",
        week([(14, 0, 0, 0)], range(5)),
        date(2026, 11, 27),
        datetime(2026, 11, 27, 18, 30, tzinfo=UTC),
    ),
    (
        "Friday off in Dubai rolls to Sunday",
        "Asia/Dubai",
        week([(9, 0, 18, 0)], (6, 0, 1, 2, 3)),
        date(2026, 11, 27),
        datetime(2026, 11, 29, 14, 0, tzinfo=UTC),
    ),
    (
        "no hours: 17:00 that day",
        "Asia/Kathmandu",
        WeekHours(((),) * 7),
        date(2026, 11, 28),
        datetime(2026, 11, 28, 11, 15, tzinfo=UTC),
    ),
]


@pytest.mark.parametrize(
    ("zone", "hours", "day", "expected"), [c[1:] for c in END_CASES], ids=[c[0] for c in END_CASES]
)
def test_end_of_business_day(zone: str, hours: WeekHours, day: date, expected: datetime) -> None:
    assert end_of_business_day(Client(name="C", tz=zone, hours=hours), day) == expected


def test_apply_fills_queue_relative_to_start_across_dst() -> None:
    template = parse_template(GOOD, name="close", source="close.toml")
    client = Client(name="Čebelica", tz="Europe/Ljubljana", id=4)
    tasks = apply_template(template, client, start=date(2026, 3, 27), now=NOW, first_position=5)
    assert [t.title for t in tasks] == ["Collect receipts", "Reconcile", "Someday"]
    assert [t.position for t in tasks] == [5, 6, 7]
    assert all(t.client_id == 4 and t.template == "close" and t.created == NOW for t in tasks)
    assert all(t.status == "todo" and t.id == 0 for t in tasks)
    first, second, third = tasks
    assert first.due == datetime(2026, 3, 27, 16, 0, tzinfo=UTC)  # Fri 17:00 CET
    assert second.due == datetime(2026, 3, 30, 15, 0, tzinfo=UTC)  # Sun -> Mon 17:00 CEST
    assert first.due_tz == second.due_tz == "Europe/Ljubljana"
    assert third.due is None and third.due_tz is None
    assert first.estimate_minutes == 90 and first.tags == ("admin", "finance")
    assert first.checklist == (ChecklistItem("bank"), ChecklistItem("card"))
    assert second.every == "monthly" and second.notes == "use the client's sheet"


# --- files -----------------------------------------------------------------------------------


def test_bundled_templates_parse_and_cover_the_workflows() -> None:
    templates = {t.name: t for t in load_templates(None)}
    assert {"onboarding", "social-weekly"} <= set(templates)
    onboarding = [s.title.lower() for s in templates["onboarding"].steps]
    for words in (
        "discovery",
        "contract",
        "intake",
        "welcome",
        "password manager",
        "brand",
        "check-in",
    ):
        assert any(words in title for title in onboarding), words
    social = [s.title.lower() for s in templates["social-weekly"].steps]
    for words in ("brief", "concepts", "create", "approval", "schedule", "track", "monthly report"):
        assert any(words in title for title in social), words
    for template in templates.values():
        assert all(s.estimate_minutes and s.due_days is not None for s in template.steps)
        dues = [s.due_days or 0 for s in template.steps]
        assert dues == sorted(dues)
    access = next(s for s in templates["onboarding"].steps if "password" in s.title)
    assert "never" in access.notes.lower()


def test_user_templates_add_and_override(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "onboarding.toml").write_text('[[step]]\ntitle = "My own onboarding"\n', "utf-8")
    (folder / "inbox.toml").write_text('[[step]]\ntitle = "Inbox zero"\nestimate = 30\n', "utf-8")
    (folder / "notes.txt").write_text("not a template", "utf-8")
    files = template_files(tmp_path)
    assert list(files) == ["inbox", "onboarding", "social-weekly"]
    assert files["social-weekly"].source == "bundled"
    assert find_template("Onboarding", tmp_path).steps[0].title == "My own onboarding"
    assert find_template("inbox.toml", tmp_path).steps[0].estimate_minutes == 30


def test_broken_user_template_is_named_but_others_still_apply(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    broken = folder / "broken.toml"
    broken.write_text('[[step]]\ntitle = "ok"\n\n[[step]]\ntitel = "typo"\n', "utf-8")
    with pytest.raises(TemplateError, match=rf"{broken} line 5: step 2: unknown key 'titel'"):
        load_templates(tmp_path)
    assert find_template("onboarding", tmp_path).name == "onboarding"


def test_unknown_template_lists_the_names(tmp_path: Path) -> None:
    with pytest.raises(
        NotFoundError, match="no template 'onbording'; there are: onboarding, social-weekly"
    ):
        find_template("onbording", tmp_path)
