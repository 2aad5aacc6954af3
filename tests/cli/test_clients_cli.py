"""``client add|list|show|edit|archive``: every flag, JSON shapes and error paths."""

from __future__ import annotations

import pytest

from tests.cli.conftest import Run

FULL = (
    "client",
    "add",
    "Himal Treks",
    "--tz",
    "Asia/Kathmandu",
    "--hours",
    "10:00-18:00",
    "--days",
    "sun-thu",
    "--key",
    "h",
    "--rate",
    "37.50",
    "--currency",
    "usd",
    "--terms",
    "30",
    "--upfront",
    "50",
    "--retainer-hours",
    "10",
    "--retainer-fee",
    "400",
    "--channel",
    "formal=email",
    "--channel",
    "quick=WhatsApp",
    "--reply-within",
    "24h",
    "--status",
    "onboarding",
    "--color",
    "#ff8800",
    "--notes",
    "prefers mornings",
    "--rounding",
    "15",
    "--rounding-mode",
    "nearest",
    "--retainer-cycle",
    "weekly",
    "--rollover-days",
    "30",
    "--overage-rate",
    "45",
    "--retainer-since",
    "2026-11-02",
    "--contact",
    "Pemba Sherpa <pemba@himaltreks.np>, bookings",
    "--contact",
    "Maya",
    "--service",
    "inbox, bookings",
    "--service",
    "social media",
)


def test_add_with_every_flag(world: Run) -> None:
    result = world(*FULL)
    assert result.code == 0, result
    # 19:17 in Kathmandu on a Saturday: outside sun-thu hours.
    assert result.out == (
        "Added Himal Treks (#4, key h) in Asia/Kathmandu: it is Sat 19:17 there, "
        "outside business hours\n"
    )
    shown = world("client", "show", "Himal", "--json").json()
    assert shown == {
        "id": 4,
        "name": "Himal Treks",
        "tz": "Asia/Kathmandu",
        "key": "h",
        "hours": "mon-thu,sun 10:00-18:00",
        "rate": "37.50",
        "currency": "USD",
        "status": "onboarding",
        "color": "#ff8800",
        "channels": {"formal": "email", "quick": "WhatsApp"},
        "reply_within_minutes": 1440,
        "terms_days": 30,
        "upfront_percent": "50",
        "retainer_hours": "10",
        "retainer_fee": "400",
        "notes": "prefers mornings",
        "created_utc": "2026-11-28T13:32:00Z",
        "rounding_minutes": 15,
        "rounding_mode": "nearest",
        "retainer_cycle": "weekly",
        "rollover_days": 30,
        "overage_rate": "45",
        "retainer_since": "2026-11-02",
        "contacts": [
            {"name": "Pemba Sherpa", "email": "pemba@himaltreks.np", "role": "bookings"},
            {"name": "Maya", "email": "", "role": ""},
        ],
        "services": ["inbox", "bookings", "social media"],
    }


def test_list_json_shape_and_order(world: Run) -> None:
    listed = world("client", "list", "--json").json()
    assert [c["name"] for c in listed] == ["Acme", "Koala", "Brightside"]
    required = {"id", "name", "tz", "key", "hours", "rate", "currency", "status"}
    assert all(required <= set(c) for c in listed)
    acme = listed[0]
    assert (acme["id"], acme["tz"], acme["key"], acme["rate"], acme["currency"]) == (
        1,
        "America/New_York",
        "1",
        "45",
        "EUR",
    )
    assert acme["hours"] == "mon-fri 09:00-17:00" and acme["status"] == "active"


def test_list_table(world: Run) -> None:
    lines = world("client", "list").out.splitlines()
    assert lines[0].split() == ["KEY", "NAME", "ZONE", "LOCAL", "HOURS", "RATE", "STATUS"]
    assert "Sat 08:32 ○" in lines[1] and "45 EUR/h" in lines[1]
    assert "Sat 13:32 ○" in lines[3]  # London


def test_list_when_empty(run: Run) -> None:
    assert "client add" in run("client", "list").out
    assert run("client", "list", "--json").json() == []


def test_show_text(world: Run) -> None:
    world(*FULL)
    out = world("client", "show", "h").out
    assert out.splitlines()[0] == "Himal Treks (#4, key h, onboarding)"
    assert "Asia/Kathmandu: Sat 19:17 there, outside business hours" in out
    assert "mon-thu,sun 10:00-18:00" in out
    assert "within 24:00 business hours" in out
    assert "formal=email, quick=WhatsApp" in out
    assert "37.50 USD/h · terms 30 days · 50% upfront · retainer 10 h for 400 USD/week" in out
    assert "  rounding  nearest to 15 minutes per entry\n" in out
    assert "  retainer  unused hours roll over 30 days · overage 45 USD/h · since 2 Nov 2026" in out
    assert "  contacts  Pemba Sherpa <pemba@himaltreks.np>, bookings; Maya\n" in out
    assert "  services  inbox, bookings, social media\n" in out


def test_show_text_without_the_extras(world: Run) -> None:
    out = world("client", "show", "Koala").out
    assert "  rounding  none (exact minutes)\n" in out
    assert "retainer" not in out
    assert "  contacts  -\n" in out and "  services  -\n" in out


def test_unknown_zone_is_refused_with_suggestions(world: Run) -> None:
    result = world("client", "add", "Zed", "--tz", "America/New_Yrok")
    assert result.code == 2
    line = result.one_line_error()
    assert "America/New_Yrok" in line and "America/New_York" in line
    assert "Zed" not in world("client", "list").out


def test_zone_is_required(world: Run) -> None:
    result = world("client", "add", "Zed")
    assert result.code == 2
    assert "--tz" in result.one_line_error()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("ACME", "--tz", "UTC"), "already"),
        (("Zed", "--tz", "UTC", "--key", "1"), "hotkey 1 is already Acme's"),
        (("Zed", "--tz", "UTC", "--key", "0"), "1-9 or a single letter"),
        (("Zed", "--tz", "UTC", "--key", "ab"), "1-9 or a single letter"),
        (("Zed", "--tz", "UTC", "--rate", "lots"), "rate must be a number"),
        (("Zed", "--tz", "UTC", "--rate", "-5"), "rate must be a number"),
        (("Zed", "--tz", "UTC", "--upfront", "150"), "upfront must be a number from 0 to 100"),
        (("Zed", "--tz", "UTC", "--terms", "two weeks"), "whole days"),
        (("Zed", "--tz", "UTC", "--currency", "dollars"), "ISO 4217"),
        (("Zed", "--tz", "UTC", "--channel", "slack"), "KIND=HOW"),
        (("Zed", "--tz", "UTC", "--hours", "17:00-09:00"), "ends before it starts"),
        (("Zed", "--tz", "UTC", "--days", "someday"), "cannot read days"),
        (("Zed", "--tz", "UTC", "--reply-within", "soon"), "cannot read duration"),
        (("Zed", "--tz", "UTC", "--status", "gone"), "invalid choice"),
        (("Zed", "--tz", "UTC", "--rounding", "10"), "rounding must be none, 5, 6 or 15"),
        (("Zed", "--tz", "UTC", "--rounding-mode", "down"), "invalid choice"),
        (("Zed", "--tz", "UTC", "--retainer-cycle", "daily"), "invalid choice"),
        (("Zed", "--tz", "UTC", "--rollover-days", "367"), "rollover must be whole days"),
        (("Zed", "--tz", "UTC", "--rollover-days", "-1"), "rollover must be whole days"),
        (("Zed", "--tz", "UTC", "--terms", "366"), "terms must be whole days from 0 to 365"),
        (("Zed", "--tz", "UTC", "--overage-rate", "1e12"), "overage rate must be a number"),
        (("Zed", "--tz", "UTC", "--rate", "1000000000.5"), "rate must be a number from 0 to"),
        (("Zed", "--tz", "UTC", "--retainer-since", "someday"), "cannot read date"),
        (("Zed", "--tz", "UTC", "--retainer-since", "9999-01-01"), "1900 to 2200"),
        (("Zed", "--tz", "UTC", "--contact", "ann@acme.com"), "cannot read contact"),
        (("Zed", "--tz", "UTC", "--contact", "Ann <ann-at-acme>"), "is not an email"),
        (("Zed", "--tz", "UTC", "--contact", "<ann@acme.com>"), "has no name"),
        (("Zed", "--tz", "UTC", "--contact", "Ann <ann@acme.com>, a, b"), "one name and one"),
        (("Zed", "--tz", "UTC", "--reply-within", "501h"), "more than 500 business hours"),
        (("  ", "--tz", "UTC"), "cannot be empty"),
    ],
)
def test_add_errors(world: Run, argv: tuple[str, ...], message: str) -> None:
    result = world("client", "add", *argv)
    assert result.code == 2
    assert message in result.one_line_error()
    assert len(world("client", "list", "--json").json()) == 3


def test_edit_flags(world: Run) -> None:
    result = world("client", "edit", "Acme", "--rate", "50", "--currency", "USD", "--key", "a")
    assert result == (0, "Updated Acme: key, billing\n", "")
    acme = world("client", "show", "a", "--json").json()
    assert (acme["rate"], acme["currency"], acme["key"]) == ("50", "USD", "a")
    # --hours keeps the days, --days keeps the hours.
    world("client", "edit", "Acme", "--hours", "08:00-12:00")
    assert world("client", "show", "Acme", "--json").json()["hours"] == "mon-fri 08:00-12:00"
    world("client", "edit", "Acme", "--days", "tue-sat")
    assert world("client", "show", "Acme", "--json").json()["hours"] == "tue-sat 08:00-12:00"
    world("client", "edit", "Acme", "--name", "Acme Corp", "--key", "none", "--tz", "Europe/Rome")
    renamed = world("client", "show", "Acme Corp", "--json").json()
    assert (renamed["name"], renamed["key"], renamed["tz"]) == ("Acme Corp", None, "Europe/Rome")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("Acme",), "nothing to change"),
        (("Acme", "--name", "koala"), "already"),
        (("Acme", "--key", "2"), "hotkey 2 is already Koala's"),
        (("Acme", "--tz", "Mars/Base"), "Mars/Base"),
        (("Nobody", "--rate", "5"), "no client 'Nobody'"),
        (("Akme", "--rate", "5"), "did you mean Acme?"),
    ],
)
def test_edit_errors(world: Run, argv: tuple[str, ...], message: str) -> None:
    result = world("client", "edit", *argv)
    assert result.code == 2
    assert message in result.one_line_error()


def test_ambiguous_prefix(world: Run) -> None:
    world("client", "add", "Acorn", "--tz", "UTC")
    result = world("client", "show", "Ac")
    assert result.code == 2
    assert "several clients" in result.one_line_error()


def test_archive_hides_and_can_be_undone(world: Run) -> None:
    result = world("client", "archive", "Koala")
    assert result.code == 0 and result.out.startswith("Archived Koala")
    assert [c["name"] for c in world("client", "list", "--json").json()] == ["Acme", "Brightside"]
    everyone = world("client", "list", "--all", "--json").json()
    assert [c["status"] for c in everyone if c["name"] == "Koala"] == ["archived"]
    assert world("client", "archive", "Koala").out == "Koala is already archived\n"
    world("client", "edit", "Koala", "--status", "active")
    assert len(world("client", "list", "--json").json()) == 3


def test_client_needs_an_action(world: Run) -> None:
    assert world("client").code == 2


def test_edit_billing_retainer_contacts_and_services(world: Run) -> None:
    result = world(
        "client", "edit", "Acme", "--rounding", "6", "--retainer-hours", "20",
        "--retainer-fee", "900", "--rollover-days", "60", "--retainer-since", "2026-11-01",
        "--contact", "Ann Lee <ann@acme.com>, marketing", "--service", "inbox; calendar",
    )  # fmt: skip
    assert result == (0, "Updated Acme: contacts, services, billing\n", "")
    acme = world("client", "show", "Acme", "--json").json()
    assert (acme["rounding_minutes"], acme["rounding_mode"]) == (6, "up")
    assert (acme["retainer_hours"], acme["retainer_fee"]) == ("20", "900")
    assert (acme["rollover_days"], acme["retainer_since"]) == (60, "2026-11-01")
    assert acme["contacts"] == [{"name": "Ann Lee", "email": "ann@acme.com", "role": "marketing"}]
    assert acme["services"] == ["inbox", "calendar"]
    # repeated flags replace the list; none empties it, and clears optional values
    world("client", "edit", "Acme", "--contact", "Bo <bo@acme.com>", "--contact", "Cy <cy@x.io>")
    acme = world("client", "show", "Acme", "--json").json()
    assert [c["name"] for c in acme["contacts"]] == ["Bo", "Cy"]
    result = world(
        "client", "edit", "Acme", "--contact", "none", "--service", "none", "--rounding", "none",
        "--retainer-hours", "none", "--retainer-fee", "none", "--retainer-since", "none",
        "--rate", "none",
    )  # fmt: skip
    assert result.code == 0, result
    acme = world("client", "show", "Acme", "--json").json()
    assert (acme["contacts"], acme["services"], acme["rounding_minutes"]) == ([], [], 0)
    assert (acme["retainer_hours"], acme["retainer_fee"], acme["retainer_since"]) == (None,) * 3
    assert acme["rate"] is None


def test_services_are_deduplicated_keeping_the_first_spelling(world: Run) -> None:
    world("client", "edit", "Koala", "--service", "Inbox, calendar", "--service", "inbox")
    assert world("client", "show", "Koala", "--json").json()["services"] == ["Inbox", "calendar"]


def test_a_contact_added_here_matches_an_invitation_on_import(world: Run) -> None:
    """'import ics' finds the client from the organizer's email (core.ical_merge.match_client
    reads Client.contacts): the --contact flag is how a person sets that up."""
    from pathlib import Path

    invite = Path(__file__).resolve().parents[1] / "fixtures" / "ics" / "google_invite.ics"
    added = world(
        "client", "add", "Brightside Ltd", "--tz", "Europe/London",
        "--contact", "Priya Shah <priya@brightside.co.uk>, director",
    )  # fmt: skip
    assert added.code == 0, added
    result = world("import", "ics", str(invite))
    assert result.code == 0, result
    listed = world("meeting", "list", "--from", "2026-01-01", "--to", "2027-12-31", "--json")
    assert {m["client"] for m in listed.json()} == {"Brightside Ltd"}
