"""The pure domain core: standard library, dateutil and icalendar only (STYLE.md rule 1)."""
