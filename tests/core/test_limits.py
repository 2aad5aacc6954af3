"""The shared input limits (core/limits.py): values, messages, and that the modules which
enforce a limit of their own agree with the shared one."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from vaplanner.core import limits
from vaplanner.core.errors import InputError, TimeParseError
from vaplanner.core.limits import (
    check_amount,
    check_due,
    check_estimate,
    check_link,
    check_meeting_minutes,
    check_reply_within,
    check_year,
    year_in_range,
)

NOW = datetime(2026, 11, 28, 13, 32, tzinfo=UTC)


def test_the_entry_limit_is_the_one_the_timer_enforces() -> None:
    from vaplanner.core.timer import MAX_SPAN

    assert timedelta(minutes=limits.MAX_ENTRY_MINUTES) == MAX_SPAN


def test_every_exported_name_exists() -> None:
    assert all(hasattr(limits, name) for name in limits.__all__)


@pytest.mark.parametrize(
    ("value", "inside"),
    [
        (date(1900, 1, 1), True),
        (date(2200, 12, 31), True),
        (date(1899, 12, 31), False),
        (date(2201, 1, 1), False),
        (datetime(9999, 12, 31, 23, 59), False),
        (datetime(1, 1, 1, tzinfo=UTC), False),
    ],
)
def test_year_range(value: date, inside: bool) -> None:
    assert year_in_range(value) is inside
    if inside:
        check_year(value, "x")
    else:
        with pytest.raises(TimeParseError, match=rf"year {value.year}; .*years 1900 to 2200"):
            check_year(value, str(value))


@pytest.mark.parametrize(
    ("check", "limit", "message"),
    [
        (check_estimate, 1000 * 60, "more than 1000 hours; split the task"),
        (check_reply_within, 500 * 60, "more than 500 business hours"),
        (check_meeting_minutes, 24 * 60, "more than 24 hours"),
    ],
)
def test_duration_limits(check: object, limit: int, message: str) -> None:
    assert check(limit, "x") == limit  # type: ignore[operator]
    with pytest.raises(InputError, match=message):
        check(limit + 1, "x")  # type: ignore[operator]


def test_due_within_a_century_either_way() -> None:
    check_due(NOW + timedelta(days=100 * 365), NOW, "far")
    check_due(NOW - timedelta(days=100 * 365), NOW, "long ago")
    with pytest.raises(InputError, match="more than 100 years away"):
        check_due(NOW + timedelta(days=100 * 365 + 1), NOW, "too far")


@pytest.mark.parametrize("text", ["0", "1000000000", "37.50", "0.000001", "1E+3"])
def test_amounts_accepted(text: str) -> None:
    assert check_amount(Decimal(text), "rate") == Decimal(text)


@pytest.mark.parametrize(
    "text", ["-1", "1000000000.000001", "0.0000001", "Infinity", "NaN", "sNaN", "1e999999999"]
)
def test_amounts_refused(text: str) -> None:
    with pytest.raises(InputError, match="rate must be a number from 0 to 1,000,000,000"):
        check_amount(Decimal(text), "rate")


def test_amount_with_its_own_bounds() -> None:
    assert check_amount(Decimal(100), "upfront", high=Decimal(100)) == 100
    with pytest.raises(InputError, match="from 0 to 100 with at most 2 decimals"):
        check_amount(Decimal("1.234"), "upfront", high=Decimal(100), places=2)


@pytest.mark.parametrize(
    ("text", "link"),
    [
        ("", ""),
        ("  ", ""),
        (" https://meet.google.com/abc-defg-hij ", "https://meet.google.com/abc-defg-hij"),
        ("http://zoom.us/j/123?pwd=x", "http://zoom.us/j/123?pwd=x"),
        ("https://user@host.example:8443/x", "https://user@host.example:8443/x"),
        ("tel:+1-555-123-4567", "tel:+1-555-123-4567"),
        ("TEL:+15551234567", "TEL:+15551234567"),
    ],
)
def test_links_accepted(text: str, link: str) -> None:
    assert check_link(text) == link


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("javascript:alert(1)", "only https:, http:, tel: links"),
        ("JavaScript:alert(1)", "only https:, http:, tel: links"),
        ("file:///etc/passwd", "only https:, http:, tel: links"),
        ("data:text/html,<b>hi</b>", "only https:, http:, tel: links"),
        ("mailto:ann@acme.com", "only https:, http:, tel: links"),
        ("vbscript:x", "only https:, http:, tel: links"),
        ("meet.google.com/abc", "has no scheme; write https://meet.google.com/abc"),
        ("https://", "has no host"),
        ("https:///path", "has no host"),
        ("https://:80/x", "has no host"),
        ("https:example.com", "has no host"),
        ("tel:", "has no number"),
        ("https://a.b/c d", "spaces or control characters"),
        ("https://a.b/\x1b[2J", "spaces or control characters"),
        ("https://a.b/" + "x" * 2000, "longer than 2000"),
    ],
)
def test_links_refused(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message.replace("?", r"\?")) as caught:
        check_link(text)
    assert len(str(caught.value)) < 200 and "\n" not in str(caught.value)
