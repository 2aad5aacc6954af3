"""The meeting editor: reading what was typed (zones, DST gaps and folds, repeats), saving
(SEQUENCE raised on real changes), and the modal itself driven by keys."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from textual.widgets import Input, Select, Static

from tests.ui.conftest import AppFactory
from tests.ui.helpers import text_of
from vaplanner.core.errors import VaplannerError, ZoneError
from vaplanner.core.models import Client, Meeting
from vaplanner.store.store import Store
from vaplanner.ui.meeting_edits import MeetingDraft, preview, read_meeting, save_meeting, zone_for
from vaplanner.ui.screens.meeting_editor import MeetingEditor, open_meeting_editor
from vaplanner.ui.screens.task_fields import FieldError

NOW = datetime(2026, 11, 25, 13, 32, tzinfo=UTC)
ACME = Client(name="Acme", tz="America/New_York", id=1)


def _read(meeting_id: int = 0, **overrides: str) -> MeetingDraft:
    fields = {
        "title": "Weekly sync",
        "start": "2026-12-01 09:00",
        "zone": "America/New_York",
        "duration": "30m",
        "every": "none",
        "until": "",
        "link": "",
    }
    fields.update(overrides)
    return read_meeting(client=ACME, today=date(2026, 11, 25), meeting_id=meeting_id, **fields)


def _utc(wall: str, tz: str, fold: int = 0) -> datetime:
    local = datetime.fromisoformat(wall).replace(tzinfo=ZoneInfo(tz), fold=fold)
    return local.astimezone(UTC)


NY, LJ, SYD = "America/New_York", "Europe/Ljubljana", "Australia/Sydney"
GAP, TWICE = "does not exist", "twice"


@pytest.mark.parametrize(
    ("wall", "tz", "expected", "note"),
    [
        # ordinary times, in several zones
        ("2026-12-01 09:00", NY, _utc("2026-12-01 09:00", NY), None),
        ("2026-12-01 09:00", "Asia/Kathmandu", _utc("2026-12-01 09:00", "Asia/Kathmandu"), None),
        (
            "2026-12-01 09:00",
            "America/St_Johns",
            _utc("2026-12-01 09:00", "America/St_Johns"),
            None,
        ),
        # spring forward: 02:30 does not exist; the offset before the jump is used
        ("2027-03-14 02:30", NY, datetime(2027, 3, 14, 7, 30, tzinfo=UTC), GAP),
        ("2027-03-28 02:30", LJ, datetime(2027, 3, 28, 1, 30, tzinfo=UTC), GAP),
        # fall back: the hour happens twice; the first is used
        ("2026-11-01 01:30", NY, _utc("2026-11-01 01:30", NY, fold=0), TWICE),
        ("2027-04-04 02:30", SYD, _utc("2027-04-04 02:30", SYD, fold=0), TWICE),
    ],
)
def test_wall_times_resolve_like_rfc_5545(
    wall: str, tz: str, expected: datetime, note: str | None
) -> None:
    draft = _read(start=wall, zone=tz)
    assert draft.start == expected
    assert draft.start_local == datetime.fromisoformat(wall)
    if note is None:
        assert draft.note is None
    else:
        assert draft.note is not None and note in draft.note


def test_repeats_and_until() -> None:
    draft = _read(every="biweekly", until="2027-01-31")
    assert draft.every == "biweekly" and draft.until == date(2027, 1, 31)
    assert draft.meeting().until == date(2027, 1, 31)
    assert _read(every="none").every is None


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": "  "}, "title is empty"),
        ({"start": "someday"}, "cannot read"),
        ({"duration": "forever"}, "duration"),
        ({"duration": "25h"}, "more than 24 hours"),
        ({"start": "9999-12-31 23:00"}, "years 1900 to 2200"),
        ({"every": "weekly", "until": "9999-01-01"}, "years 1900 to 2200"),
        ({"link": "javascript:alert(1)"}, "only https:, http:, tel:"),
        ({"link": "meet.example.com/acme"}, "no scheme"),
        ({"until": "2027-01-01"}, "needs a repeat"),
        ({"every": "weekly", "until": "2026-11-01"}, "before the first meeting"),
    ],
)
def test_bad_input_says_what_to_do(overrides: dict[str, str], message: str) -> None:
    with pytest.raises(VaplannerError, match=re.escape(message)):
        _read(**overrides)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": " "}, "title"),
        ({"start": "9999-12-31 23:00"}, "start"),
        ({"duration": "1000h"}, "duration"),
        ({"every": "weekly", "until": "9999-01-01"}, "until"),
        ({"link": "file:///etc/passwd"}, "link"),
    ],
)
def test_the_field_to_fix_is_named(overrides: dict[str, str], field: str) -> None:
    with pytest.raises(FieldError) as caught:
        _read(**overrides)
    assert caught.value.field == field


def test_a_link_is_kept_stripped() -> None:
    assert _read(link="  https://meet.example.com/acme ").link == "https://meet.example.com/acme"
    assert _read(link="tel:+15551234567").link == "tel:+15551234567"


def test_zone_choices() -> None:
    assert zone_for("client", "", ACME, "Europe/Ljubljana") == "America/New_York"
    assert zone_for("home", "", ACME, "Europe/Ljubljana") == "Europe/Ljubljana"
    assert zone_for("other", " Asia/Kolkata ", ACME, "Europe/Ljubljana") == "Asia/Kolkata"
    with pytest.raises(ZoneError, match="America/New_York"):
        zone_for("other", "America/New_Yrok", ACME, "Europe/Ljubljana")
    with pytest.raises(VaplannerError, match="needs a client"):
        zone_for("client", "", None, "Europe/Ljubljana")


def test_preview_names_both_clocks_and_warns_outside_hours() -> None:
    lines = preview(_read(start="2026-12-01 09:00"), ACME, "Europe/Ljubljana")
    assert lines[0] == "You: Tue 1 Dec 15:00-15:30 CET · Acme: 09:00-09:30 EST"
    late = preview(_read(start="2026-12-01 20:00"), ACME, "Europe/Ljubljana")
    # already Wednesday for the VA: the client's weekday is named
    assert late[0] == "You: Wed 2 Dec 02:00-02:30 CET · Acme: 20:00-20:30 EST Tue"
    assert "Outside Acme's business hours." in late
    weekly = preview(_read(every="weekly"), ACME, "Europe/Ljubljana")
    assert any(line.startswith("Repeats every Tue 09:00") for line in weekly)


def test_save_adds_then_raises_sequence_only_on_real_changes(tmp_path: Path) -> None:
    store = Store(tmp_path / "home")
    with store.transaction():
        store.clients.add(ACME)
    saved = save_meeting(store, _read(), now=NOW)
    assert saved.id and saved.uid and saved.sequence == 0 and saved.updated == NOW
    same = save_meeting(store, _read(saved.id), now=NOW)
    assert same.sequence == 0
    moved = save_meeting(store, _read(saved.id, start="2026-12-01 10:00"), now=NOW)
    assert moved.sequence == 1 and moved.uid == saved.uid
    link = "https://x.example"
    linked = save_meeting(store, _read(saved.id, start="2026-12-01 10:00", link=link), now=NOW)
    assert linked.sequence == 1 and linked.link == "https://x.example"
    assert store.meetings.get(saved.id) == linked


# --- the modal ---------------------------------------------------------------------------


def _editor_text(app: object, selector: str) -> str:
    return text_of(app.screen.query_one(selector, Static))  # type: ignore[attr-defined]


async def test_new_meeting_in_another_zone_with_live_preview(
    sample_store: Store, make_app: AppFactory
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("w")
        await pilot.pause()
        await pilot.press("down", "m")  # a meeting with Acme
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, MeetingEditor)
        assert editor.query_one("#client", Select).value == 1
        # tomorrow 09:00 on Acme's clock, shown at once on both clocks
        assert editor.query_one("#start", Input).value == "2026-11-26 09:00"
        assert "You: Thu 26 Nov 15:00-15:30 CET · Acme: 09:00-09:30 EST" in _editor_text(
            app, "#preview"
        )
        await pilot.press(*"Kick-off")
        editor.query_one("#zone", Select).value = "other"
        await pilot.pause()
        zone = editor.query_one("#zone-name", Input)
        assert zone.display
        zone.focus()
        await pilot.press(*"Asia/Kolkatta")
        await pilot.pause()
        assert "Asia/Kolkata" in _editor_text(app, "#form-error")  # suggested
        await pilot.press("backspace", "backspace", "a")
        await pilot.pause()
        assert _editor_text(app, "#form-error") == ""
        assert "You: Thu 26 Nov 04:30-05:00 CET" in _editor_text(app, "#preview")
        count = len(sample_store.meetings.all())
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, MeetingEditor)
        meetings = sample_store.meetings.all()
        assert len(meetings) == count + 1
        new = max(meetings, key=lambda m: m.id)
        assert (new.title, new.tz, new.client_id) == ("Kick-off", "Asia/Kolkata", 1)
        assert new.start_local == datetime(2026, 11, 26, 9, 0)


async def test_a_gap_time_is_explained_before_saving(
    sample_store: Store, make_app: AppFactory
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = MeetingEditor(
            clients=sample_store.clients.all(),
            home_tz="Europe/Ljubljana",
            today=date(2026, 11, 25),
            client_id=1,
            title="Spring call",
        )
        open_meeting_editor(app.screen, editor)
        await pilot.pause()
        start = editor.query_one("#start", Input)
        start.value = "2027-03-14 02:30"
        await pilot.pause()
        assert "does not exist in America/New_York" in _editor_text(app, "#preview")
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = max(sample_store.meetings.all(), key=lambda m: m.id)
        assert saved.start_local == datetime(2027, 3, 14, 2, 30)  # the wall time is kept
        assert any("does not exist" in n.message for n in app._notifications)


async def test_editing_a_meeting_keeps_its_rule_and_raises_sequence(
    sample_store: Store, make_app: AppFactory
) -> None:
    weekly = next(m for m in sample_store.meetings.all() if m.every == "weekly")
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        clients = sample_store.clients.all()
        editor = MeetingEditor(
            clients=clients, home_tz="Europe/Ljubljana", today=date(2026, 11, 25), meeting=weekly
        )
        open_meeting_editor(app.screen, editor)
        await pilot.pause()
        assert editor.query_one("#every", Select).value == "weekly"
        assert editor.query_one("#zone", Select).value == "client"
        length = editor.query_one("#duration", Input)
        length.focus()
        await pilot.press("ctrl+a", "ctrl+k", *"45m", "enter")
        await pilot.pause()
        stored = sample_store.meetings.get(weekly.id)
        assert stored.duration_minutes == 45 and stored.every == "weekly"
        assert stored.sequence == weekly.sequence + 1
        assert stored.start_local == weekly.start_local and stored.tz == weekly.tz


async def test_bad_input_keeps_the_form_open(sample_store: Store, make_app: AppFactory) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = MeetingEditor(
            clients=sample_store.clients.all(),
            home_tz="Europe/Ljubljana",
            today=date(2026, 11, 25),
        )
        open_meeting_editor(app.screen, editor)
        await pilot.pause()
        count = len(sample_store.meetings.all())
        await pilot.press("enter")  # no title yet
        await pilot.pause()
        assert app.screen is editor
        assert "title is empty" in _editor_text(app, "#form-error")
        await pilot.press(*"Planning")
        until = editor.query_one("#until", Input)
        assert until.disabled  # an end date only makes sense for a repeat
        editor.query_one("#every", Select).value = "monthly"
        await pilot.pause()
        assert not until.disabled
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved: Meeting = max(sample_store.meetings.all(), key=lambda m: m.id)
        assert len(sample_store.meetings.all()) == count + 1
        assert saved.every == "monthly" and saved.client_id is None
        assert saved.tz == "Europe/Ljubljana"  # no client: read on your own clock


@pytest.mark.parametrize(
    ("field", "typed", "words"),
    [
        ("duration", "99999h", "more than 24 hours"),
        ("start", "9999-12-31 09:00", "years 1900 to 2200"),
        ("link", "javascript:alert(1)", "only https:"),
    ],
)
async def test_a_value_over_the_limit_is_refused_and_nothing_saved(
    sample_store: Store, make_app: AppFactory, field: str, typed: str, words: str
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = MeetingEditor(
            clients=sample_store.clients.all(),
            home_tz="Europe/Ljubljana",
            today=date(2026, 11, 25),
            client_id=1,
            title="Kick-off",
        )
        open_meeting_editor(app.screen, editor)
        await pilot.pause()
        before = sample_store.meetings.all()
        box = editor.query_one(f"#{field}", Input)
        box.value = typed
        await pilot.pause()
        assert words in _editor_text(app, "#form-error")  # shown while typing
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is editor
        assert editor.focused is box and box.value == typed
        assert words in _editor_text(app, "#form-error")
        assert sample_store.meetings.all() == before
