"""``import ics``: older copies of an invitation, extra dates (RDATE) and attendees, end to end."""

from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import Run
from tests.cli.test_ics_cli import meetings

UID = "abc123@acme-corp.com"


def invitation(path: Path, *, sequence: int, title: str, extra: str = "") -> str:
    path.write_bytes(
        "\r\n".join(
            [
                "BEGIN:VCALENDAR",
                "VERSION:2.0",
                "PRODID:-//test//EN",
                "METHOD:REQUEST",
                "BEGIN:VEVENT",
                f"UID:{UID}",
                "DTSTAMP:20261120T100000Z",
                f"SEQUENCE:{sequence}",
                "DTSTART;TZID=America/New_York:20261201T090000",
                "DTEND;TZID=America/New_York:20261201T093000",
                f"SUMMARY:{title}",
                *([extra] if extra else []),
                "END:VEVENT",
                "END:VCALENDAR",
                "",
            ]
        ).encode()
    )
    return str(path)


def test_an_older_invitation_imported_later_is_kept_out(world: Run, tmp_path: Path) -> None:
    new = invitation(tmp_path / "v2.ics", sequence=2, title="Check-in (moved)")
    old = invitation(tmp_path / "v1.ics", sequence=1, title="Check-in")
    assert world("import", "ics", new, "--client", "Acme").code == 0
    before = meetings(world)
    for dry in ((), ("--dry-run",)):
        result = world("import", "ics", old, "--client", "Acme", *dry)
        assert result.code == 0, result
        assert "0 new, 0 updated, 0 unchanged, 0 removed, 0 skipped, kept 1 newer" in result.out
        assert "kept the newer stored 'Check-in (moved)'" in result.err
        assert "SEQUENCE 1, the stored copy 2" in result.err
        assert meetings(world) == before
    same = world("import", "ics", new, "--client", "Acme")
    assert "0 updated, 1 unchanged" in same.out and "kept" not in same.out


def test_extra_dates_are_imported_as_one_off_meetings(world: Run, tmp_path: Path) -> None:
    extra = "RDATE;TZID=America/New_York:20261203T140000,20261204T140000"
    path = invitation(tmp_path / "rdate.ics", sequence=0, title="Check-in", extra=extra)
    result = world("import", "ics", path, "--client", "Acme")
    assert result.code == 0 and "3 new" in result.out, result
    assert "2 extra date(s) (RDATE) became one-off meetings" in result.err
    starts = sorted(str(m["start_utc"]) for m in meetings(world))
    assert starts == ["2026-12-01T14:00:00Z", "2026-12-03T19:00:00Z", "2026-12-04T19:00:00Z"]
    again = world("import", "ics", path, "--client", "Acme")
    assert "0 new, 0 updated, 3 unchanged" in again.out
