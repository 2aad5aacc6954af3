"""Limits on what a person may type, shared by the command line and the app's editors.

Each limit keeps a typing mistake (``99999h``, ``1e999``, year ``9999``) from being stored
and then breaking something later: an overflow past the end of the calendar in an .ics
export, a planner that tries to place a 100,000-hour task, an invoice whose arithmetic runs
out of digits. The values are generous for real work and small enough that every sum,
product and date built from them stays far inside what ``datetime`` and ``Decimal`` hold.

Every ``check_*`` function returns its (valid) value or raises an :class:`InputError`
subclass whose message says what was typed, what the limit is and what to do instead.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from vaplanner.core.errors import InputError, TimeParseError

__all__ = [
    "LINK_SCHEMES",
    "MAX_AMOUNT",
    "MAX_AMOUNT_PLACES",
    "MAX_DUE_DISTANCE",
    "MAX_DURATION_MINUTES",
    "MAX_ENTRY_MINUTES",
    "MAX_ESTIMATE_MINUTES",
    "MAX_LINK_LENGTH",
    "MAX_MEETING_MINUTES",
    "MAX_REPLY_MINUTES",
    "MAX_ROLLOVER_DAYS",
    "MAX_TERMS_DAYS",
    "MAX_YEAR",
    "MIN_YEAR",
    "YEARS_ACCEPTED",
    "YearRangeError",
    "check_amount",
    "check_due",
    "check_estimate",
    "check_link",
    "check_meeting_minutes",
    "check_reply_within",
    "check_year",
    "year_in_range",
]

# ------------------------------------------------------------------------------------ dates

#: The first and last years a date or time may fall in. Far from year 1 and 9999, where
#: ``datetime`` arithmetic overflows, and wide enough for any record a VA keeps.
MIN_YEAR = 1900
MAX_YEAR = 2200
#: How messages say the range.
YEARS_ACCEPTED = f"years {MIN_YEAR} to {MAX_YEAR}"

#: How far from now a task's due date may be.
MAX_DUE_DISTANCE = timedelta(days=100 * 365)


class YearRangeError(TimeParseError):
    """A date or time that was read, but falls outside the accepted years: parsers that try
    several readings let it through instead of trying the next one."""


def year_in_range(value: date | datetime) -> bool:
    """Whether ``value`` (a date or a datetime, read as given) is in the accepted years."""
    return MIN_YEAR <= value.year <= MAX_YEAR


def check_year(value: date | datetime, text: str) -> None:
    """Raise :class:`YearRangeError` when ``value`` (read from ``text``) is outside the years
    vaplanner accepts."""
    if not year_in_range(value):
        raise YearRangeError(
            f"{_q(text)} is in year {value.year}; vaplanner takes dates in the {YEARS_ACCEPTED}"
        )


def check_due(instant: datetime, now: datetime, text: str) -> None:
    """A due date at most :data:`MAX_DUE_DISTANCE` from ``now`` (either way)."""
    if abs(instant - now) > MAX_DUE_DISTANCE:
        # a due in year 9999 is a typo, and its all-day .ics event would end past the calendar
        raise InputError(
            f"due {_q(text)} is more than {MAX_DUE_DISTANCE.days // 365} years away; "
            "give a date such as 2026-12-01"
        )


# -------------------------------------------------------------------------------- durations

#: The longest duration any parser reads (about a century); commands have tighter limits.
MAX_DURATION_MINUTES = 100 * 365 * 24 * 60
#: The longest meeting: a full-day workshop fits; more than a day is a typing mistake.
MAX_MEETING_MINUTES = 24 * 60
#: The longest single time entry (and how far back a timer may be started).
MAX_ENTRY_MINUTES = 72 * 60
#: The largest task estimate: the planner places a task as one block of its estimate.
MAX_ESTIMATE_MINUTES = 1000 * 60
#: The longest reply promise, in business minutes (about three months of 8-hour days).
MAX_REPLY_MINUTES = 500 * 60


def _q(text: str) -> str:
    shown = text.strip()
    return repr(shown if len(shown) <= 60 else shown[:57] + "...")


def _hours(minutes: int) -> str:
    return f"{minutes // 60} hours"


def check_estimate(minutes: int, text: str) -> int:
    """A task estimate of at most :data:`MAX_ESTIMATE_MINUTES`."""
    if minutes > MAX_ESTIMATE_MINUTES:
        raise InputError(
            f"estimate {_q(text)} is more than {_hours(MAX_ESTIMATE_MINUTES)}; split the task"
        )
    return minutes


def check_reply_within(minutes: int, text: str) -> int:
    """A reply promise of at most :data:`MAX_REPLY_MINUTES` business minutes."""
    if minutes > MAX_REPLY_MINUTES:
        # counted in business hours: 99999h would reach past the end of the calendar
        raise InputError(
            f"reply within {_q(text)} is more than {MAX_REPLY_MINUTES // 60} business "
            "hours; promise something sooner"
        )
    return minutes


def check_meeting_minutes(minutes: int, text: str) -> int:
    """A meeting length of at most :data:`MAX_MEETING_MINUTES`."""
    if minutes > MAX_MEETING_MINUTES:
        raise InputError(
            f"meeting length {_q(text)} is more than {_hours(MAX_MEETING_MINUTES)}; "
            "a longer event is a block of work or several meetings"
        )
    return minutes


# ------------------------------------------------------------------------------------ money

#: The largest amount (rate, fee, hours of a retainer) a client or invoice takes.
MAX_AMOUNT = Decimal(1_000_000_000)
#: The most decimal places such an amount may have ("1e-9" is a number, not a price).
MAX_AMOUNT_PLACES = 6
#: Payment terms and retainer rollover, in days.
MAX_TERMS_DAYS = 365
MAX_ROLLOVER_DAYS = 366


def check_amount(
    value: Decimal,
    what: str,
    *,
    high: Decimal = MAX_AMOUNT,
    places: int = MAX_AMOUNT_PLACES,
) -> Decimal:
    """``value`` when it is a finite number from 0 to ``high`` with at most ``places``
    decimals; else :class:`InputError` naming ``what``."""
    exponent = value.as_tuple().exponent
    fine = value.is_finite() and isinstance(exponent, int) and -exponent <= places
    if not fine or value < 0 or value > high:
        raise InputError(
            f"{what} must be a number from 0 to {high:,} with at most {places} decimals, "
            f"not {value}"
        )
    return value


# ------------------------------------------------------------------------------------ links

#: Schemes a meeting link may use: web call links, and ``tel:`` for dial-in numbers.
#: Anything else (``javascript:``, ``file:``, ``data:``) is refused: the app opens links.
LINK_SCHEMES = ("https", "http", "tel")
MAX_LINK_LENGTH = 2000


def check_link(text: str) -> str:
    """A meeting link: empty (none), ``https://…``/``http://…`` with a host, or ``tel:…``.

    Returns the link stripped of surrounding spaces.
    """
    link = text.strip()
    if not link:
        return ""
    forms = "use a call link such as https://meet.example.com/acme or tel:+15551234567"
    if len(link) > MAX_LINK_LENGTH:
        raise InputError(f"the link is longer than {MAX_LINK_LENGTH} characters; {forms}")
    if any(c.isspace() or not c.isprintable() for c in link):
        raise InputError(f"link {_q(link)} has spaces or control characters; {forms}")
    scheme, colon, rest = link.partition(":")
    scheme = scheme.lower()
    if not colon or scheme not in LINK_SCHEMES:
        if "." in scheme and not colon or "/" in scheme:
            raise InputError(f"link {_q(link)} has no scheme; write https://{link[:60]}")
        raise InputError(
            f"link {_q(link)}: only {', '.join(s + ':' for s in LINK_SCHEMES)} links are "
            f"accepted; {forms}"
        )
    if scheme in ("http", "https"):
        host = rest.removeprefix("//").split("/", 1)[0].split("?", 1)[0].rpartition("@")[2]
        if not rest.startswith("//") or not host or host.startswith(":"):
            raise InputError(f"link {_q(link)} has no host; {forms}")
    elif not rest.strip("+"):
        raise InputError(f"link {_q(link)} has no number; {forms}")
    return link
