"""Money: ISO 4217 currency codes, their minor units, and rounding with ``Decimal``.

Every amount vaplanner shows or stores is a ``Decimal`` rounded to its currency's minor
unit (EUR 2 places, JPY none, KWD 3) with ROUND_HALF_UP, the commercial rounding that
invoices and VAT rules use. Amounts in different currencies are never added together:
:func:`totals_by_currency` keeps one total per code.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from vaplanner.core.errors import InputError
from vaplanner.core.limits import MAX_AMOUNT

#: Active ISO 4217 currencies and the number of digits after the decimal point.
#: Funds such as BOV or CLF are included because invoices in them exist; precious metals
#: and testing codes (XAU, XTS, XXX) are not money a VA invoices in.
_ZERO = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF"
_THREE = "BHD IQD JOD KWD LYD OMR TND"
_FOUR = "CLF UYW"
_TWO = (
    "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN "
    "BWP BYN BZD CAD CDF CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB "
    "EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS "
    "KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN "
    "MXV MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD "
    "SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS "
    "UAH USD USN UYU UZS VED VES WST XCD XCG YER ZAR ZMW ZWG"
)

MINOR_UNITS: dict[str, int] = {
    **{code: 2 for code in _TWO.split()},
    **{code: 0 for code in _ZERO.split()},
    **{code: 3 for code in _THREE.split()},
    **{code: 4 for code in _FOUR.split()},
}

ZERO = Decimal(0)


def validate_currency(code: str) -> str:
    """The canonical (upper-case) ISO 4217 code, or :class:`InputError` naming close codes.

    >>> validate_currency("eur")
    'EUR'
    """
    canonical = code.strip().upper()
    if canonical in MINOR_UNITS:
        return canonical
    import difflib  # only on the error path: it costs start-up time

    close = difflib.get_close_matches(canonical, MINOR_UNITS, n=3, cutoff=0.5)
    hint = f" (did you mean {', '.join(close)}?)" if close else ""
    raise InputError(
        f"unknown currency {code!r}{hint}; use a three-letter ISO 4217 code such as EUR, "
        "USD, GBP or JPY"
    )


def minor_units(code: str) -> int:
    """Digits after the decimal point for ``code`` (EUR 2, JPY 0, KWD 3)."""
    return MINOR_UNITS[validate_currency(code)]


def _exponent(code: str) -> Decimal:
    return Decimal(1).scaleb(-minor_units(code))


def quantize(amount: Decimal, currency: str) -> Decimal:
    """``amount`` rounded half-up to the currency's minor unit (``Decimal('70.00')``)."""
    return amount.quantize(_exponent(currency), rounding=ROUND_HALF_UP)


def format_amount(amount: Decimal, currency: str) -> str:
    """The plain string form used in JSON and CSV: ``"70.00"``, ``"7000"`` (JPY)."""
    value = quantize(amount, currency)
    if value == 0:
        value = abs(value)  # never "-0.00"
    return f"{value:f}"


def display_amount(amount: Decimal, currency: str) -> str:
    """A human form with thousands separators and the code: ``"EUR 1,234.50"``."""
    value = quantize(amount, currency)
    if value == 0:
        value = abs(value)
    places = minor_units(currency)
    return f"{validate_currency(currency)} {value:,.{places}f}"


def parse_amount(
    text: str, *, what: str = "amount", max_places: int = 4, high: Decimal = MAX_AMOUNT
) -> Decimal:
    """Read a non-negative decimal number a person typed (``"40"``, ``"37.50"``), at most
    ``high`` (:data:`~vaplanner.core.limits.MAX_AMOUNT` unless told).

    Thousands separators and currency symbols are refused rather than guessed, because
    ``1,200`` means 1.2 in half of the world.
    """
    cleaned = text.strip()
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or "e" in cleaned.lower():
        raise InputError(
            f"{what} {text!r} not understood; write digits with a '.' decimal point and no "
            "thousands separator or symbol, e.g. 1200.50"
        )
    if value < 0:
        raise InputError(f"{what} {text!r} is negative; use 0 or more")
    if value > high:
        # larger ones are typing mistakes, and they overflow the arithmetic of invoices
        raise InputError(f"{what} {text!r} is more than {high:,}; check the number")
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > max_places:
        raise InputError(f"{what} {text!r} has more than {max_places} decimal places")
    return value


def totals_by_currency(amounts: Iterable[tuple[str, Decimal]]) -> dict[str, Decimal]:
    """Sum ``(currency, amount)`` pairs per currency, each total rounded to its currency.

    The keys come out sorted so that output is stable.
    """
    sums: dict[str, Decimal] = {}
    for currency, amount in amounts:
        code = validate_currency(currency)
        sums[code] = sums.get(code, ZERO) + amount
    return {code: quantize(sums[code], code) for code in sorted(sums)}


def convert(amount: Decimal, rate: Decimal, to_currency: str) -> Decimal:
    """``amount`` times ``rate`` (units of ``to_currency`` per unit), rounded in the target."""
    return quantize(amount * rate, to_currency)
