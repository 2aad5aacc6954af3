"""iCalendar bytes -> meetings (pure: no store; :mod:`vaplanner.core.ical_merge` decides what
changes, the command writes it).

How each kind of time is read (``vaplanner import ics`` reports each choice it made):

* ``TZID`` with an IANA name, a Windows name (``Eastern Standard Time``, mapped with
  icalendar's CLDR table) or a ``/vendor/Area/City`` id: that zone. A custom ``VTIMEZONE``
  with any other name (Outlook's ``Customized Time Zone``) is matched to the IANA zone with the
  same offsets all year (home zone and clients' zones first). The wall time is kept; if the
  file's own VTIMEZONE puts a one-off at a different instant than tzdata, the file wins.
* UTC (``…Z``): a one-off is stored in the home zone; a recurring one stays in UTC, so it
  recurs at the same UTC time as the sender meant.
* Floating (no zone): read in the home zone, and the user is told.
* All-day (``VALUE=DATE``): a meeting from 00:00 to 24:00 in the home zone on each day, as
  calendar apps show it, so the day shows as taken; the user is told.
* ``RRULE``: weekly and every-other-week (one weekday) and monthly on the same day map to
  ``Meeting.every``. A weekly or daily rule on several weekdays (a Mon-Fri stand-up) becomes
  one weekly meeting per weekday (UID ``<uid>#MO`` ...). ``COUNT`` and ``UNTIL`` become the
  inclusive last date. Any other rule is refused for that event, with the reason.
* ``ORGANIZER`` and ``ATTENDEE``: their names and emails are added to the notes
  (``Organizer: …``, ``Invited: …``); they also help to find the client.
* ``EXDATE`` -> exdates; an overridden occurrence (``RECURRENCE-ID``) is left out of the
  series and, unless cancelled, imported as a one-off (UID ``<uid>#<YYYYMMDDTHHMM>``).
* ``RDATE`` (extra dates, with or without a rule): each becomes a one-off meeting with the
  UID an override of that date would have (``<uid>#<YYYYMMDDTHHMM>``), so re-imports update
  it and an override or an EXDATE of that date wins (:mod:`vaplanner.core.ical_extras`).
* ``STATUS:CANCELLED`` or ``METHOD:CANCEL``: the series is removed when it was imported.
* ``SEQUENCE``, ``LAST-MODIFIED`` and ``DTSTAMP`` of every event go to ``ReadResult.versions``:
  the merge keeps a stored copy that is newer than the file's.
* A file that does not parse, or holds a broken property, is refused whole.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, time, tzinfo
from typing import Any

from vaplanner.core.errors import InputError
from vaplanner.core.ical_extras import (
    ExtraDate,
    extra_dates,
    extra_meetings,
    extra_uid,
    with_people,
)
from vaplanner.core.ical_merge import Version, match_client
from vaplanner.core.ical_props import (
    EventRefused,
    description_of,
    event_minutes,
    exdates_of,
    is_cancelled,
    is_utc,
    link_of,
    one_line,
    parse_calendars,
    sequence_of,
    title_of,
    uid_of,
    version_of,
    wall_of,
)
from vaplanner.core.ical_rules import RuleRefused, iana_zone, map_rule
from vaplanner.core.limits import MAX_YEAR, MIN_YEAR
from vaplanner.core.models import Client, Meeting
from vaplanner.core.times import resolve_wall, to_local

__all__ = ["ReadResult", "Skipped", "read_calendar"]

# The years every date a person types must fall in (core.limits): the same inclusive range.
_FIRST_YEAR, _LAST_YEAR = MIN_YEAR, MAX_YEAR
_OWN_UID = re.compile(r"^(block|deadline)-\d+@vaplanner$")


@dataclass(frozen=True, slots=True)
class Skipped:
    """An event that was not imported, and why."""

    title: str
    uid: str
    reason: str


@dataclass(frozen=True, slots=True)
class ReadResult:
    """What a file holds, as meetings ready to merge (ids 0, clients resolved)."""

    meetings: tuple[Meeting, ...] = ()
    series: tuple[str, ...] = ()  # master UIDs whose stored copies the file replaces
    cancelled: tuple[str, ...] = ()  # UIDs the file cancels
    # Occurrences the file overrides, for series that are not in the file (UTC instants or
    # floating wall times); applied to a stored series with that UID.
    extra_exdates: dict[str, tuple[datetime, ...]] = field(default_factory=dict)
    skipped: tuple[Skipped, ...] = ()
    notes: tuple[str, ...] = ()
    # SEQUENCE/LAST-MODIFIED/DTSTAMP per event UID (series, overrides, cancellations), so
    # the merge can keep a stored copy that is newer than the file's
    versions: dict[str, Version] = field(default_factory=dict)


def read_calendar(
    data: bytes,
    *,
    home_tz: str,
    clients: Sequence[Client] = (),
    client_id: int | None = None,
    source: str = "the file",
) -> ReadResult:
    """Read every VEVENT of ``data`` (see the module docstring for the rules).

    Args:
        data: the file's bytes.
        home_tz: the zone for floating and all-day times.
        clients: to match the organizer/attendees (and CATEGORIES) to a client.
        client_id: ``--client``: every meeting belongs to this client.
        source: the file's name, for messages.

    Raises:
        InputError: the file cannot be read; nothing of it should be imported.
    """
    calendars = parse_calendars(data, source)
    reader = _Reader(home_tz, clients, client_id)
    for cal in calendars:
        cancel = str(cal.get("METHOD", "")).upper() == "CANCEL"
        reader.read(cal, cancel)
    if not reader.meetings and not reader.cancelled and not reader.extra and not reader.skipped:
        raise InputError(f"{source} holds no events; nothing imported")
    return reader.result()


class _Reader:
    """Collects what one import reads; the rules are in the module docstring."""

    def __init__(self, home_tz: str, clients: Sequence[Client], client_id: int | None) -> None:
        self.home_tz = home_tz
        self.clients = clients
        self.client_id = client_id
        self.meetings: list[Meeting] = []
        self.series: list[str] = []
        self.cancelled: list[str] = []
        self.extra: dict[str, list[datetime]] = {}
        self.skipped: list[Skipped] = []
        self.notes: list[str] = []
        self.versions: dict[str, Version] = {}
        self._extra: dict[str, list[Meeting]] = {}  # master UID -> one-offs of its RDATEs
        self._overridden: set[str] = set()  # UIDs of the occurrences the file overrides
        self.all_day = 0
        self.floating = 0
        self._zones: dict[str, str | None] = {}

    def result(self) -> ReadResult:
        notes = list(dict.fromkeys(self.notes))
        if self.floating:
            notes.append(
                f"{self.floating} event(s) had no time zone (floating times); read in your "
                f"home zone {self.home_tz}"
            )
        if self.all_day:
            notes.append(
                f"{self.all_day} all-day event(s) became meetings from 00:00 to 24:00 in your "
                f"home zone {self.home_tz}"
            )
        return ReadResult(
            meetings=tuple(self.meetings),
            series=tuple(dict.fromkeys(self.series)),
            cancelled=tuple(dict.fromkeys(self.cancelled)),
            extra_exdates={uid: tuple(walls) for uid, walls in self.extra.items()},
            skipped=tuple(self.skipped),
            notes=tuple(notes),
            versions=dict(self.versions),
        )

    # -- one calendar ------------------------------------------------------------------------

    def read(self, cal: Any, cancel: bool) -> None:
        masters: dict[str, list[Meeting]] = {}
        overrides: list[tuple[str, Any]] = []
        for event in cal.walk("VEVENT"):
            uid = uid_of(event)
            if _OWN_UID.match(uid):
                self.notes.append(
                    "vaplanner's own blocks and deadlines in the file were left out "
                    "(they are in the planner already)"
                )
            elif event.get("RECURRENCE-ID") is not None:
                overrides.append((uid, event))
            elif cancel or is_cancelled(event):
                self.cancelled.append(uid)
                self.versions[uid] = version_of(event)
            else:
                try:
                    made = self._event(event, uid)
                except EventRefused as refusal:
                    self.skipped.append(Skipped(title_of(event), uid, str(refusal)))
                    continue
                except (OverflowError, ValueError) as error:  # dates far outside any calendar
                    reason = f"its dates cannot be used ({error})"
                    self.skipped.append(Skipped(title_of(event), uid, reason))
                    continue
                if uid in masters:
                    self.notes.append(
                        f"'{title_of(event)}' appears twice (UID {uid}); used the last"
                    )
                masters[uid] = made
                self.versions[uid] = version_of(event)
        _merge_first_occurrences(masters)
        for uid, event in overrides:
            self._override(uid, event, masters.get(uid), cancel)
        for uid, made in masters.items():
            self.series.append(uid)
            self.meetings.extend(made)
            extra = self._extra.pop(uid, [])
            self.meetings.extend(m for m in extra if m.uid not in self._overridden)

    def _override(self, uid: str, event: Any, master: list[Meeting] | None, cancel: bool) -> None:
        """An overridden occurrence: left out of its series, imported as a one-off."""
        rid = event["RECURRENCE-ID"].dt
        self._overridden.add(extra_uid(uid, rid))
        if master:
            wall = wall_of(rid, master[0].tz, master[0].start_local.time())
            for index, meeting in enumerate(master):
                if len(master) == 1 or meeting.start_local.weekday() == wall.weekday():
                    exdates = tuple(sorted({*meeting.exdates, wall}))
                    master[index] = replace(meeting, exdates=exdates)
        elif isinstance(rid, datetime):
            self.extra.setdefault(uid, []).append(rid.astimezone(UTC) if rid.tzinfo else rid)
        else:
            self.extra.setdefault(uid, []).append(datetime.combine(rid, time(0)))
        if cancel or is_cancelled(event):
            return
        stamp = rid if isinstance(rid, datetime) else datetime.combine(rid, time(0))
        own = f"{uid}#{stamp:%Y%m%dT%H%M}"
        try:
            (single,) = self._event(event, own, single=True)
        except EventRefused as refusal:
            self.skipped.append(Skipped(title_of(event), own, str(refusal)))
            return
        self.meetings.append(single)
        self.series.append(own)
        self.versions[own] = version_of(event)

    # -- one event ---------------------------------------------------------------------------

    def _event(self, event: Any, uid: str, *, single: bool = False) -> list[Meeting]:
        """The meeting(s) of one VEVENT; ``single``: an overridden occurrence (no rule)."""
        start_prop = event.get("DTSTART")
        if start_prop is None:
            raise EventRefused("it has no start (DTSTART)")
        rule = None if single else event.get("RRULE")
        recurring = rule is not None
        title = title_of(event)
        tz, wall, instant = self._start(start_prop, recurring)
        if not _FIRST_YEAR <= wall.year <= _LAST_YEAR:
            raise EventRefused(
                f"it starts on {wall:%Y-%m-%d}, outside the years vaplanner plans in "
                f"({_FIRST_YEAR}-{_LAST_YEAR})"
            )
        link = link_of(event)
        location = one_line(str(event.get("LOCATION", "")))
        base = Meeting(
            client_id=self.client_id
            if self.client_id is not None
            else match_client(event, self.clients),
            title=title,
            start_local=wall,
            tz=tz,
            uid=uid,
            sequence=sequence_of(event),
            duration_minutes=event_minutes(event, start_prop, tz, instant, self.home_tz),
            link=link,
            location="" if location == link else location,
            notes=with_people(description_of(event), event),
        )
        exdates = [wall_of(value, tz, wall.time()) for value in exdates_of(event)]
        if rule is None:
            made = [base]
        else:
            made = self._series(rule, base, exdates)
        if not single:
            self._extra_dates(event, uid, made, exdates, str(start_prop.params.get("TZID", "")))
        return made

    def _series(self, rule: Any, base: Meeting, exdates: list[datetime]) -> list[Meeting]:
        """The meeting(s) of a repeat rule: one, or one per weekday."""
        if isinstance(rule, list):
            raise EventRefused("it has more than one repeat rule (RRULE)")
        uid, wall, tz = base.uid, base.start_local, base.tz
        try:
            mapped = map_rule(rule, wall, tz)
        except RuleRefused as refusal:
            raise EventRefused(str(refusal)) from refusal
        made: list[Meeting] = []
        for suffix, first in mapped.starts:
            mine = [w for w in exdates if len(mapped.starts) == 1 or w.weekday() == first.weekday()]
            made.append(
                replace(
                    base,
                    uid=f"{uid}#{suffix}" if suffix else uid,
                    start_local=first,
                    every=mapped.every,
                    until=mapped.until,
                    exdates=tuple(sorted(set(mine))) if mapped.every else (),
                )
            )
        return made

    def _extra_dates(
        self, event: Any, uid: str, series: list[Meeting], exdates: list[datetime], tzid: str
    ) -> None:
        """RDATEs of an event, kept aside as one-offs until its overrides are known."""
        extras = extra_dates(event)
        if not extras:
            self._extra.pop(uid, None)
            return
        tz, at = series[0].tz, series[0].start_local.time()
        # the same TZID as DTSTART (mapped to this zone) keeps its wall time, as DTSTART does
        same = bool(tzid) and self._zones.get(tzid) == tz

        def extra_wall(extra: ExtraDate) -> datetime:
            value = extra.value
            if same and isinstance(value, datetime) and extra.tzid == tzid and value.tzinfo:
                return value.replace(tzinfo=None)
            return wall_of(value, tz, at)

        made, notes = extra_meetings(series, uid, extras, extra_wall, exdates)
        self._extra[uid] = made
        self.notes.extend(notes)

    def _start(self, prop: Any, recurring: bool) -> tuple[str, datetime, datetime]:
        """(zone, naive wall start, UTC instant) of a DTSTART."""
        value = prop.dt
        if not isinstance(value, datetime):  # all-day
            self.all_day += 1
            wall = datetime.combine(value, time(0))
            return self.home_tz, wall, resolve_wall(wall, self.home_tz)[0]
        tzid = prop.params.get("TZID")
        naive = value.replace(tzinfo=None)
        if value.tzinfo is None:
            if tzid:
                self.notes.append(
                    f"unknown time zone '{tzid}' with no definition in the file: its times "
                    f"were read in your home zone {self.home_tz}"
                )
            else:
                self.floating += 1
            instant, note = resolve_wall(naive, self.home_tz)
            if note:
                self.notes.append(note)
            return self.home_tz, naive, instant
        instant = value.astimezone(UTC)
        if not tzid or is_utc(value.tzinfo):
            if recurring:  # keeps recurring at the same UTC time, as the sender meant
                return "UTC", instant.replace(tzinfo=None), instant
            return self.home_tz, to_local(instant, self.home_tz).replace(tzinfo=None), instant
        zone = self._zone(str(tzid), value.tzinfo, naive.year)
        if zone is None:
            self.notes.append(
                f"time zone '{tzid}' matches no IANA zone; its times were moved to your home "
                f"zone {self.home_tz}"
            )
            return self.home_tz, to_local(instant, self.home_tz).replace(tzinfo=None), instant
        ours = resolve_wall(naive, zone)[0]
        if ours == instant:
            return zone, naive, instant
        if recurring:  # the wall time in the named zone is what recurs
            self.notes.append(
                f"the file's definition of '{tzid}' differs from tzdata's {zone}; kept "
                f"{naive:%H:%M} {zone}"
            )
            return zone, naive, ours
        return zone, to_local(instant, zone).replace(tzinfo=None), instant

    def _zone(self, tzid: str, tz: tzinfo, year: int) -> str | None:
        if tzid not in self._zones:
            preferred = [self.home_tz, *(client.tz for client in self.clients)]
            self._zones[tzid] = iana_zone(tzid, tz, year, preferred)
        return self._zones[tzid]


def _merge_first_occurrences(masters: dict[str, list[Meeting]]) -> None:
    """Undo the export's split of a series whose first start is in a gap or fold
    (``first-<uid>``, see :mod:`vaplanner.core.ical`): the series starts on that date again."""
    for uid in [u for u in masters if u.startswith("first-") and u[6:] in masters]:
        first = masters.pop(uid)[0]
        series = masters[uid[6:]]
        if len(series) == 1 and series[0].every is not None:
            instant = resolve_wall(first.start_local, first.tz)[0]
            day = to_local(instant, series[0].tz).date()
            series[0] = replace(
                series[0], start_local=datetime.combine(day, series[0].start_local.time())
            )
