"""The slot finder's results: shared windows per day, and the bookable slots inside them.

Each day with shared hours gets a heading (``Thu 26 Nov  shared 15:00-17:00 (2:00)``, on the
VA's clock) followed by its free slots, each with the start on every chosen client's clock
(``15:00-15:30   Acme 09:00 · Koala 01:00 Fri``). Headings cannot be highlighted, so the
cursor only ever rests on something ``b`` can book.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from vaplanner.core.hours import Interval
from vaplanner.core.models import Client
from vaplanner.core.times import format_duration, get_zone
from vaplanner.core.worldclock import SlotSearch


@dataclass(frozen=True)
class SlotView:
    """What the list shows: a search result and who it was for."""

    search: SlotSearch
    clients: tuple[Client, ...]
    home_tz: str
    colors: Mapping[int, str] = field(default_factory=dict)


def _hm(instant: datetime, tz: str) -> str:
    return f"{instant.astimezone(get_zone(tz)):%H:%M}"


def _span(interval: Interval, tz: str) -> str:
    return f"{_hm(interval[0], tz)}-{_hm(interval[1], tz)}"


def _minutes(interval: Interval) -> int:
    return int((interval[1] - interval[0]).total_seconds()) // 60


def _home_day(instant: datetime, tz: str) -> date:
    return instant.astimezone(get_zone(tz)).date()


def heading(day: date, windows: Sequence[Interval], home_tz: str) -> Text:
    """``Thu 26 Nov  shared 15:00-17:00 (2:00)``: a day and its shared windows."""
    text = Text(f"{day:%a} {day.day:>2} {day:%b}", style="bold")
    spans = ", ".join(f"{_span(w, home_tz)} ({format_duration(_minutes(w))})" for w in windows)
    if spans:
        text.append(f"  shared {spans}", style="dim")
    return text


def slot_line(
    slot: Interval, clients: Sequence[Client], home_tz: str, colors: Mapping[int, str]
) -> Text:
    """``  15:00-15:30   Acme 09:00 · Koala 01:00 Fri``: a slot on every clock."""
    home_day = _home_day(slot[0], home_tz)
    text = Text(f"  {_span(slot, home_tz)}  ")
    for index, client in enumerate(clients):
        local = slot[0].astimezone(get_zone(client.tz))
        if index:
            text.append(" · ", style="dim")
        text.append(client.name, style=colors.get(client.id, ""))
        there = f" {local:%H:%M}"
        if local.date() != home_day:
            there += f" {local:%a}"
        text.append(there)
    return text


def slot_options(view: SlotView) -> tuple[list[Option], list[Interval]]:
    """The options of the list (headings disabled) and the slots in option order.

    A slot's option id is ``slot-<index into the returned slots>``.
    """
    home = view.home_tz
    by_day: dict[date, list[Interval]] = {}
    for window in view.search.windows:
        by_day.setdefault(_home_day(window[0], home), []).append(window)
    slots_by_day: dict[date, list[Interval]] = {}
    for slot in view.search.slots:
        slots_by_day.setdefault(_home_day(slot[0], home), []).append(slot)
    options: list[Option] = []
    slots: list[Interval] = []
    for day in sorted(set(by_day) | set(slots_by_day)):
        options.append(Option(heading(day, by_day.get(day, []), home), disabled=True))
        found = slots_by_day.get(day, [])
        if not found:
            options.append(
                Option(Text("  no free slot: meetings or blocks fill it"), disabled=True)
            )
        for slot in found:
            options.append(
                Option(slot_line(slot, view.clients, home, view.colors), id=f"slot-{len(slots)}")
            )
            slots.append(slot)
    return options, slots


class SlotList(OptionList):
    """Windows and slots; the highlighted slot is the one ``b`` books."""

    DEFAULT_CSS = """
    SlotList, SlotList:focus { height: 1fr; border: none; padding: 0 1; background: $background; }
    SlotList > .option-list--option-disabled { color: $text; }
    """
    """Headings read as text (not greyed out); the list fills its panel."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.slots: list[Interval] = []

    def show(self, view: SlotView | None, message: str = "") -> None:
        """Show ``view``'s days and slots, or ``message`` when there is nothing to list.

        The highlighted slot stays highlighted when it is still free.
        """
        kept = self.highlighted_slot
        options: list[Option] = []
        slots: list[Interval] = []
        if view is not None:
            options, slots = slot_options(view)
        if not slots and message:
            options.append(Option(Text(message, style="italic"), disabled=True))
        self.slots = slots
        self.set_options(options)
        if not slots:
            return
        index = slots.index(kept) if kept in slots else 0
        self.highlighted = self.get_option_index(f"slot-{index}")

    @property
    def highlighted_slot(self) -> Interval | None:
        """The slot under the cursor, or None."""
        if self.highlighted is None or not self.slots:
            return None
        option = self.get_option_at_index(self.highlighted)
        if option.id is None or not option.id.startswith("slot-"):
            return None
        return self.slots[int(option.id.removeprefix("slot-"))]
