"""Time zones and wall times: zone names, conversions, gaps and folds, local days.

Rules (DESIGN.md section 3):

* Instants are aware ``datetime`` values in UTC; wall times are naive and read in a zone.
* A wall time in a spring-forward gap takes the offset from *before* the jump (RFC 5545), so
  02:30 on a New York spring-forward day is 03:30 EDT; a wall time that happens twice
  (fall-back) is the first occurrence. :func:`resolve_wall` says which instant it used.
* Zone names are IANA names; :func:`validate_zone` also takes unique forms such as
  ``new york`` and suggests the nearest names for a mistyped one.

Everything here is re-exported by :mod:`vaplanner.core.times`; import it from there.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, available_timezones

from vaplanner.core.errors import ZoneError
from vaplanner.core.limits import check_year

_ZONE_HINT = "use an IANA name such as America/New_York or Europe/London"

#: Names looked up successfully, as given -> (canonical name, zone). The app looks zones up
#: hundreds of times while it starts (every clock row, strip and plan); a hit is one dict
#: lookup. Failures are never stored, so a bad name raises its ZoneError every time.
_FOUND: dict[str, tuple[str, ZoneInfo]] = {}
#: Past this many distinct spellings the cache starts over (names come from people and
#: files: bounded, whatever is typed).
_FOUND_LIMIT = 2048


def quote_input(text: str) -> str:
    """``text`` quoted for a message, cut to 60 characters: an error stays one short line
    whatever was pasted."""
    shown = text.strip()
    return repr(shown if len(shown) <= 60 else shown[:57] + "...")


_q = quote_input


@lru_cache(maxsize=1)
def _zone_names() -> frozenset[str]:
    # Walks the tz database (~30 ms): only on the slow path, once per process.
    return frozenset(available_timezones())


@lru_cache(maxsize=1)
def _zone_index() -> tuple[dict[str, str], dict[str, list[str]]]:
    """(lower-case full name -> name, lower-case last component -> names)."""
    full: dict[str, str] = {}
    last: dict[str, list[str]] = {}
    for name in sorted(_zone_names()):
        full[name.lower()] = name
        last.setdefault(name.rsplit("/", 1)[-1].lower(), []).append(name)
    return full, last


def _looks_canonical(name: str) -> bool:
    # IANA names start every component with a capital ("America/Port-au-Prince"); this keeps
    # "posix/..." and case-folded names (on case-insensitive file systems) off the fast path.
    return all(part[:1].isascii() and part[:1].isupper() for part in name.split("/"))


def _try_zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (KeyError, ValueError, OSError):
        return None


def validate_zone(name: str) -> str:
    """Return the canonical IANA name for ``name``, or raise :class:`ZoneError`.

    Exact names are accepted at once. A name that matches exactly one zone ignoring case,
    or ignoring the region with spaces for underscores ("new york", "kolkata"), is accepted
    too. Anything else raises with the nearest valid names as suggestions.
    """
    found = _FOUND.get(name)
    if found is None:
        found = _remember(name)
    return found[0]


def _remember(name: str) -> tuple[str, ZoneInfo]:
    """Look ``name`` up (raising on failure) and cache the result."""
    canonical = _canonical(name)
    if len(_FOUND) >= _FOUND_LIMIT:
        _FOUND.clear()
    found = _FOUND[name] = (canonical, ZoneInfo(canonical))
    return found


def _canonical(name: str) -> str:
    text = name.strip()
    if text and _looks_canonical(text) and _try_zone(text) is not None:
        return text
    if not text:
        raise ZoneError(f"time zone is empty; {_ZONE_HINT}")
    full, last = _zone_index()
    key = text.lower().replace(" ", "_")
    if key in full:
        return full[key]
    candidates = last.get(key, [])
    if len(candidates) == 1:
        return candidates[0]
    suggestions = candidates[:3] or _suggest(key, full, last)
    if suggestions:
        listed = (
            suggestions[0]
            if len(suggestions) == 1
            else ", ".join(suggestions[:-1]) + " or " + suggestions[-1]
        )
        raise ZoneError(
            f"unknown time zone {_q(text)}; did you mean {listed}? "
            "Use an IANA name such as America/New_York"
        )
    raise ZoneError(f"unknown time zone {_q(text)}; {_ZONE_HINT}")


def _suggest(key: str, full: dict[str, str], last: dict[str, list[str]]) -> list[str]:
    scored: dict[str, float] = {}
    pools: tuple[tuple[list[str], dict[str, list[str]]], ...] = (
        (list(full), {k: [v] for k, v in full.items()}),
        (list(last), last),
    )
    import difflib  # only for a mistyped zone: ~0.8 ms of every command's start-up otherwise

    for keys, names in pools:
        for match in difflib.get_close_matches(key, keys, n=5, cutoff=0.6):
            ratio = difflib.SequenceMatcher(None, key, match).ratio()
            for name in names[match]:
                scored[name] = max(scored.get(name, 0.0), ratio)
    if not scored:
        return []
    best = max(scored.values())
    # Only names nearly as close as the best one: one clear answer beats three guesses.
    close = [name for name, ratio in scored.items() if ratio >= best - 0.08]
    return sorted(close, key=lambda name: (-scored[name], name))[:3]


def get_zone(name: str) -> ZoneInfo:
    """The :class:`ZoneInfo` for ``name`` (see :func:`validate_zone` for what is accepted)."""
    found = _FOUND.get(name)
    if found is None:
        found = _remember(name)
    return found[1]


def to_local(instant: datetime, tz: str) -> datetime:
    """``instant`` (aware) as an aware datetime in zone ``tz``."""
    if instant.tzinfo is None:
        raise ValueError("to_local needs an aware instant")
    return instant.astimezone(get_zone(tz))


def format_offset(offset: timedelta | None) -> str:
    """A UTC offset as ``+05:45`` / ``-03:30`` / ``+00:00``."""
    total = int((offset or timedelta(0)).total_seconds()) // 60
    sign = "-" if total < 0 else "+"
    hours, minutes = divmod(abs(total), 60)
    return f"{sign}{hours:02d}:{minutes:02d}"


def format_day(day: date) -> str:
    """``8 Mar 2026``: a date as people write it in messages."""
    return f"{day.day} {day:%b %Y}"


def zone_label(local: datetime) -> str:
    """The zone abbreviation of an aware local time, or its offset when the zone has none."""
    abbr = local.tzname() or ""
    # tzdata writes "+0545" style names for zones without an abbreviation.
    if not abbr or abbr[0] in "+-":
        return "UTC" + format_offset(local.utcoffset())
    return abbr


def _shift_text(delta: timedelta) -> str:
    minutes = abs(int(delta.total_seconds()) // 60)
    if minutes % 60 == 0:
        hours = minutes // 60
        return f"{hours} hour" + ("" if hours == 1 else "s")
    return f"{minutes} minutes"


def resolve_wall(wall: datetime, tz: str) -> tuple[datetime, str | None]:
    """A naive wall time in ``tz`` -> (UTC instant, a note for the user or ``None``).

    Gap (spring forward): the offset before the jump is used, so the instant lands as far
    after the jump as the wall time is after its start (RFC 5545). Fold (fall back): the first
    occurrence. The note says which instant was used; it is ``None`` for ordinary times.
    """
    if wall.tzinfo is not None:
        raise ValueError("resolve_wall needs a naive wall time")
    zone = get_zone(tz)
    first = wall.replace(tzinfo=zone, fold=0)
    second = wall.replace(tzinfo=zone, fold=1)
    instant = first.astimezone(UTC)
    before, after = first.utcoffset(), second.utcoffset()
    if before == after or before is None or after is None:
        return instant, None
    local = instant.astimezone(zone)
    used = f"{local:%H:%M} {zone_label(local)} ({instant:%H:%M} UTC)"
    when = f"{wall:%H:%M} on {format_day(wall.date())}"
    if local.replace(tzinfo=None) != wall:
        note = (
            f"{when} does not exist in {tz} (clocks go forward {_shift_text(after - before)}); "
            f"used {used}"
        )
    else:
        note = (
            f"{when} happens twice in {tz} (clocks go back {_shift_text(before - after)}); "
            f"used the first, {used}"
        )
    return instant, note


def day_bounds(day: date, tz: str) -> tuple[datetime, datetime]:
    """The UTC instants ``[start, next start)`` of the local day ``day`` in ``tz``.

    The day is 23 or 25 hours long on DST-change days; where midnight itself is skipped, the
    day starts at the jump. A day outside the accepted years raises :class:`TimeParseError`.
    """
    check_year(day, day.isoformat())
    start, _ = resolve_wall(datetime.combine(day, time(0)), tz)
    end, _ = resolve_wall(datetime.combine(day + timedelta(days=1), time(0)), tz)
    return start, end
