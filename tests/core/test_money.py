"""Money: ISO 4217 minor units, half-up rounding per currency, parsing and totals."""

from __future__ import annotations

from decimal import Decimal

import pytest

from vaplanner.core.errors import InputError
from vaplanner.core.money import (
    MINOR_UNITS,
    convert,
    display_amount,
    format_amount,
    minor_units,
    parse_amount,
    quantize,
    totals_by_currency,
    validate_currency,
)


@pytest.mark.parametrize(
    ("code", "places"),
    [
        ("EUR", 2),
        ("USD", 2),
        ("GBP", 2),
        ("JPY", 0),
        ("KRW", 0),
        ("ISK", 0),
        ("CLP", 0),
        ("KWD", 3),
        ("BHD", 3),
        ("TND", 3),
        ("CLF", 4),
        ("eur", 2),
        (" jpy ", 0),
    ],
)
def test_minor_units(code: str, places: int) -> None:
    assert minor_units(code) == places


def test_table_holds_only_three_letter_upper_codes() -> None:
    assert len(MINOR_UNITS) > 150
    assert all(len(code) == 3 and code.isupper() for code in MINOR_UNITS)
    assert set(MINOR_UNITS.values()) == {0, 2, 3, 4}
    assert "XXX" not in MINOR_UNITS and "XAU" not in MINOR_UNITS


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        ("2.345", "EUR", "2.35"),  # half-up, not banker's rounding (which gives 2.34)
        ("2.344", "EUR", "2.34"),
        ("2.5", "JPY", "3"),
        ("3.5", "JPY", "4"),
        ("1234.4", "JPY", "1234"),
        ("1.2345", "KWD", "1.235"),
        ("1.2344", "KWD", "1.234"),
        ("70", "USD", "70.00"),
        ("0.125", "GBP", "0.13"),
    ],
)
def test_quantize_half_up(amount: str, currency: str, expected: str) -> None:
    value = quantize(Decimal(amount), currency)
    assert str(value) == expected
    assert format_amount(Decimal(amount), currency) == expected


def test_format_never_shows_negative_zero() -> None:
    assert format_amount(Decimal("-0.001"), "EUR") == "0.00"
    assert format_amount(Decimal("-0.4"), "JPY") == "0"


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        ("1234.5", "EUR", "EUR 1,234.50"),
        ("1234567", "JPY", "JPY 1,234,567"),
        ("12.3456", "KWD", "KWD 12.346"),
        ("0", "usd", "USD 0.00"),
    ],
)
def test_display_amount(amount: str, currency: str, expected: str) -> None:
    assert display_amount(Decimal(amount), currency) == expected


@pytest.mark.parametrize("code", ["EURO", "US", "", "XXX", "E1R", "dollar"])
def test_unknown_currency_is_a_clear_error(code: str) -> None:
    with pytest.raises(InputError, match="ISO 4217"):
        validate_currency(code)


def test_unknown_currency_suggests_close_codes() -> None:
    with pytest.raises(InputError, match="did you mean .*EUR"):
        validate_currency("EUX")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("40", "40"), ("37.50", "37.50"), (" 0.5 ", "0.5"), ("1200.1234", "1200.1234"), ("0", "0")],
)
def test_parse_amount(text: str, expected: str) -> None:
    assert parse_amount(text) == Decimal(expected)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("1,200", "not understood"),
        ("€40", "not understood"),
        ("abc", "not understood"),
        ("1e3", "not understood"),
        ("NaN", "not understood"),
        ("inf", "not understood"),
        ("-5", "negative"),
        ("1.23456", "decimal places"),
        ("1000000000.01", "more than 1,000,000,000"),
        ("9" * 40, "more than 1,000,000,000"),
    ],
)
def test_parse_amount_refuses(text: str, reason: str) -> None:
    with pytest.raises(InputError, match=reason):
        parse_amount(text)


def test_parse_amount_takes_the_limit_and_a_wider_one_when_told() -> None:
    assert parse_amount("1000000000") == Decimal(10**9)
    assert parse_amount("5000000000", high=Decimal(10**10)) == Decimal(5 * 10**9)


def test_totals_are_per_currency_and_never_mixed() -> None:
    totals = totals_by_currency(
        [
            ("EUR", Decimal("10.005")),
            ("usd", Decimal("5")),
            ("EUR", Decimal("0.005")),
            ("JPY", Decimal("100.4")),
            ("JPY", Decimal("100.4")),
        ]
    )
    assert list(totals) == ["EUR", "JPY", "USD"]
    # the sum is rounded once, not each part: 10.005 + 0.005 = 10.01
    assert totals == {"EUR": Decimal("10.01"), "JPY": Decimal("201"), "USD": Decimal("5.00")}


def test_convert_rounds_in_the_target_currency() -> None:
    assert convert(Decimal("1000"), Decimal("0.0061"), "EUR") == Decimal("6.10")
    assert convert(Decimal("99.99"), Decimal("162.345"), "JPY") == Decimal("16233")
