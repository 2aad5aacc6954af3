"""The full client editor: every field reads back what it shows, every bad field is named
with what is accepted, and the modal keeps what was typed when something is wrong."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, time
from decimal import Decimal
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Input, Static, TextArea

from tests.ui.conftest import UI_NOW
from vaplanner.core.errors import ConflictError
from vaplanner.core.limits import MAX_ROLLOVER_DAYS, MAX_TERMS_DAYS
from vaplanner.core.models import Billing, Client, Contact, TimeRange, WeekHours
from vaplanner.demo import generate
from vaplanner.store.store import Store
from vaplanner.ui.screens.client_editor import ClientEditor
from vaplanner.ui.screens.client_fields import (
    ClientFields,
    client_fields,
    notes_warning,
    read_client_fields,
)
from vaplanner.ui.screens.task_fields import FieldError

TODAY = date(2026, 11, 25)

FULL = Client(
    name="Koala Digital",
    tz="Australia/Sydney",
    id=2,
    key="k",
    color="#17bebb",
    hours=WeekHours(
        (
            (TimeRange(time(8, 30), time(12, 0)), TimeRange(time(13, 0), time(16, 30))),
            (TimeRange(time(8, 30), time(16, 30)),),
            (),
            (TimeRange(time(22, 0), time(0, 0)),),  # to midnight
            (TimeRange(time(8, 30), time(16, 30)),),
            (TimeRange(time(10, 0), time(12, 0)),),
            (),
        )
    ),
    status="onboarding",
    channels=(("formal", "email"), ("quick", "slack")),
    reply_within_minutes=8 * 60,
    contacts=(Contact("Mia Nguyen", "mia@koala.example", "owner"), Contact("Sam")),
    services=("inbox", "social media"),
    notes="Prefers Slack before 10:00.",
    billing=Billing(
        rate=Decimal("70"),
        currency="AUD",
        terms_days=7,
        upfront_percent=Decimal("50"),
        rounding_minutes=15,
        rounding_mode="nearest",
        retainer_hours=Decimal("20"),
        retainer_fee=Decimal("1300.00"),
        retainer_cycle="weekly",
        rollover_days=30,
        overage_rate=Decimal("80"),
        retainer_since=date(2026, 1, 5),
    ),
)


def test_every_field_reads_back_what_it_shows(tmp_path: Path) -> None:
    store = Store(tmp_path / "data")
    generate(store, scale="sample", now=UI_NOW)
    for client in [*store.clients.all(), FULL]:
        again = read_client_fields(client_fields(client), today=TODAY, base=client)
        assert again == client


def test_a_new_client_gets_the_defaults() -> None:
    typed = replace(client_fields(None, currency="usd"), name=" Acme  Ltd ", tz="new york")
    client = read_client_fields(typed, today=TODAY)
    assert (client.name, client.tz, client.billing.currency) == (
        "Acme Ltd",
        "America/New_York",
        "USD",
    )
    assert client.hours == WeekHours()  # mon-fri 09:00-17:00
    assert client.reply_within_minutes == 24 * 60


def hours(**days: str) -> tuple[str, ...]:
    order = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    base = dict.fromkeys(order, "")
    base.update(days)
    return tuple(base[d] for d in order)


GOOD = ClientFields(name="Acme", tz="America/New_York")


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"name": "  "}, "name", "needs a name"),
        ({"key": "ab"}, "key", "one digit 1-9 or one letter"),
        ({"key": "0"}, "key", "1-9"),
        ({"color": "blurple"}, "color", "#rrggbb"),
        ({"tz": "Europe/Ljubljna"}, "tz", "did you mean Europe/Ljubljana"),
        ({"tz": ""}, "tz", "IANA"),
        ({"hours": hours(mon="9-5")}, "hours-mon", "ends before it starts"),
        ({"hours": hours(tue="09:00-12:00, 11:00-17:00")}, "hours-tue", "overlap"),
        ({"hours": hours(sun="all day")}, "hours-sun", "HH:MM-HH:MM"),
        ({"status": "gone"}, "status", "archived"),
        ({"channels": "email"}, "channels", "KIND=HOW"),
        ({"channels": "quick=slack, quick=sms"}, "channels", "twice"),
        ({"reply_within": "soon"}, "reply-within", "1h30m"),
        ({"contacts": "Dana, dana.example"}, "contacts", "not an email"),
        ({"contacts": "a, b@c.d, e, f"}, "contacts", "Name, email, role"),
        ({"rate": "1,200"}, "rate", "thousands separator"),
        ({"rate": "-5"}, "rate", "negative"),
        ({"currency": "EURO"}, "currency", "did you mean EUR"),
        ({"terms": "-3"}, "terms", "0 to 365"),
        ({"upfront": "150"}, "upfront", "0 to 100"),
        ({"retainer_fee": "500"}, "retainer-hours", "needs the hours"),
        ({"rollover": "a month"}, "rollover", "whole number"),
        ({"retainer_since": "someday"}, "retainer-since", "cannot read date"),
        ({"rounding": "10"}, "rounding", "5, 6 or 15"),
        # the command line's limits (core.limits)
        ({"reply_within": "99999h"}, "reply-within", "500 business hours"),
        ({"terms": "366"}, "terms", f"0 to {MAX_TERMS_DAYS}"),
        ({"rollover": "367"}, "rollover", f"0 to {MAX_ROLLOVER_DAYS}"),
    ],
)
def test_a_bad_field_is_named_with_what_is_accepted(
    changes: dict[str, object], field: str, words: str
) -> None:
    with pytest.raises(FieldError) as caught:
        read_client_fields(replace(GOOD, **changes), today=TODAY)  # type: ignore[arg-type]
    assert caught.value.field == field
    assert words in str(caught.value)


def test_hours_per_weekday() -> None:
    typed = replace(GOOD, hours=hours(mon="9-12; 13:00-17:00", sat="closed", sun="22:00-24:00"))
    week = read_client_fields(typed, today=TODAY).hours
    assert [(w.start_minute, w.end_minute) for w in week.for_weekday(0)] == [
        (540, 720),
        (780, 1020),
    ]
    assert week.for_weekday(1) == ()
    assert week.for_weekday(5) == ()
    assert week.for_weekday(6)[0].end_minute == 1440


@pytest.mark.parametrize(
    ("notes", "warned"),
    [
        ("password: hunter2", True),
        ("WiFi PIN = 4411", True),
        ("Passwords are in 1Password under 'Acme'", False),
        ("Prefers Slack", False),
    ],
)
def test_notes_that_look_like_credentials_are_flagged(notes: str, warned: bool) -> None:
    assert (notes_warning(notes) is not None) is warned


# --- the modal ------------------------------------------------------------------------------


class Harness(App[None]):
    def __init__(self, editor: ClientEditor) -> None:
        super().__init__()
        self.editor = editor
        self.result: object = "open"

    def compose(self) -> ComposeResult:
        yield Static("behind")

    def on_mount(self) -> None:
        self.push_screen(self.editor, self._done)

    def _done(self, result: object) -> None:
        self.result = result


def make_editor(
    save: Callable[[Client], Client], client: Client | None = FULL, **kwargs: object
) -> ClientEditor:
    return ClientEditor(save, now=UI_NOW, home_tz="Europe/Ljubljana", client=client, **kwargs)  # type: ignore[arg-type]


def text(app: App[None], selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_a_bad_zone_is_shown_as_typed_then_saved_when_fixed() -> None:
    saved: list[Client] = []
    app = Harness(make_editor(lambda c: saved.append(c) or c))
    async with app.run_test(size=(100, 40)) as pilot:
        assert "✓ Australia/Sydney" in text(app, "#zone-check")
        zone = app.screen.query_one("#tz", Input)
        zone.value = "Europe/Ljubljna"
        await pilot.pause()
        assert "did you mean Europe/Ljubljana" in text(app, "#zone-check")
        await pilot.press("ctrl+s")
        assert saved == [] and app.result == "open"
        assert app.screen.focused is zone
        assert zone.value == "Europe/Ljubljna"
        assert "did you mean" in text(app, "#form-error")
        zone.value = "ljubljana"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert [c.tz for c in saved] == ["Europe/Ljubljana"]
    assert app.result == saved[0]
    assert saved[0].billing == FULL.billing  # untouched fields stay as they were


@pytest.mark.parametrize(
    ("field", "typed", "words"),
    [
        ("reply-within", "99999h", "reply within"),
        ("terms", "9999", "payment terms"),
        ("rollover", "9999", "rollover"),
    ],
)
async def test_a_value_over_the_limit_is_refused_and_nothing_saved(
    field: str, typed: str, words: str
) -> None:
    saved: list[Client] = []
    app = Harness(make_editor(lambda c: saved.append(c) or c))
    async with app.run_test(size=(100, 40)) as pilot:
        app.screen.query_one(f"#{field}", Input).value = typed
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert words in text(app, "#form-error")
        assert app.screen.query_one(f"#{field}", Input).value == typed
    assert saved == [] and app.result == "open"


async def test_a_hotkey_in_use_or_a_store_refusal_keeps_the_form_open() -> None:
    other = Client(name="Acme", tz="America/New_York", id=1, key="1")

    def refuse(client: Client) -> Client:
        raise ConflictError("a client named 'Acme' already exists (id 1); choose another name")

    app = Harness(make_editor(refuse, clients=[other, FULL]))
    async with app.run_test(size=(100, 40)) as pilot:
        app.screen.query_one("#key", Input).value = "1"
        await pilot.press("ctrl+s")
        assert "taken by Acme" in text(app, "#form-error")
        assert app.screen.focused is app.screen.query_one("#key", Input)
        app.screen.query_one("#key", Input).value = "k"
        app.screen.query_one("#name", Input).value = "Acme"
        await pilot.press("ctrl+s")
        assert "already exists" in text(app, "#form-error")
        assert app.result == "open"
        assert app.screen.query_one("#name", Input).value == "Acme"


async def test_notes_reminder_and_warning() -> None:
    app = Harness(make_editor(lambda c: c))
    async with app.run_test(size=(100, 40)) as pilot:
        assert "password manager" in text(app, "#notes-check")
        app.screen.query_one("#notes", TextArea).text = "login: dana / password: hunter2"
        await pilot.pause()
        assert "look like they hold a password" in text(app, "#notes-check")


async def test_add_a_client_from_an_empty_form() -> None:
    saved: list[Client] = []
    app = Harness(make_editor(lambda c: saved.append(c) or replace(c, id=9), client=None))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Brightside")
        app.screen.query_one("#tz", Input).value = "london"
        app.screen.query_one("#rate", Input).value = "32"
        app.screen.query_one("#currency", Input).value = "gbp"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert len(saved) == 1
    client = saved[0]
    assert (client.name, client.tz, client.billing.rate, client.billing.currency) == (
        "Brightside",
        "Europe/London",
        Decimal("32"),
        "GBP",
    )
    assert isinstance(app.result, Client) and app.result.id == 9


async def test_a_brief_form_opens_the_other_fields_with_ctrl_o() -> None:
    saved: list[Client] = []
    taken = Client(name="Acme", tz="America/New_York", id=1, key="1")
    app = Harness(
        make_editor(lambda c: saved.append(c) or c, client=None, clients=[taken], brief=True)
    )
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert screen.query_one("#key", Input).value == "2"  # the first free hotkey
        assert not screen.query_one("#more").display
        assert screen.query_one("#save").region.y < 24  # fits a small terminal whole
        await pilot.press(*"Koala")
        screen.query_one("#tz", Input).value = "sydney"
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert screen.query_one("#more").display
        assert screen.focused is screen.query_one("#channels", Input)
        assert "ctrl+o" not in str(screen.query_one("#form-card").border_subtitle)
        await pilot.press(*"quick=slack", "ctrl+s")
        await pilot.pause()
    assert [(c.name, c.tz, c.key, c.channels) for c in saved] == [
        ("Koala", "Australia/Sydney", "2", (("quick", "slack"),))
    ]


async def test_the_full_form_scrolls_and_keeps_its_buttons_on_a_small_terminal() -> None:
    app = Harness(make_editor(lambda c: c))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.query_one("#more").display
        save = screen.query_one("#save").region
        assert 0 < save.y < 23 and save.height == 1  # inside the card, above its border
        screen.query_one("#currency", Input).value = "euro"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "currency" in text(app, "#form-error").lower()
        currency = screen.query_one("#currency", Input)
        assert screen.focused is currency
        assert currency.region.height == 1 and currency.region.y < save.y  # scrolled to it
        assert screen.query_one("#save").region.y < 23
