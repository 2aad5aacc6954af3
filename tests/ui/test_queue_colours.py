"""The queue's lines keep their own colours (an overdue due line is red, not body text)."""

from __future__ import annotations

from rich.style import Style

from tests.ui.conftest import AppFactory
from tests.ui.helpers import planner
from vaplanner.store.store import Store
from vaplanner.ui.widgets.queue_panel import QueuePanel
from vaplanner.ui.widgets.span_style import span_style


def _colour_of(queue: QueuePanel, fragment: str) -> Style:
    """The style of the first drawn segment whose text holds ``fragment``."""
    for y in range(queue.size.height):
        for segment in queue.render_line(y):
            if fragment in segment.text and segment.style is not None:
                return segment.style
    raise AssertionError(f"{fragment!r} is not in the queue")


async def test_due_lines_and_sections_are_drawn_in_their_own_colours(
    sample_store: Store, make_app: AppFactory
) -> None:
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        queue = planner(app).query_one(QueuePanel)
        text = queue.lines_text()
        assert "overdue" in text and "waiting (" in text
        body = queue.rich_style.color
        # the "waiting" section heading is the muted colour, in bold
        for fragment, tone in (("overdue", "overdue"), ("waiting (", "muted")):
            drawn = _colour_of(queue, fragment)
            wanted = span_style(queue, f"queue--{tone}")
            assert drawn.color == wanted.color != body, fragment
            assert drawn.bold, fragment
            assert drawn.bgcolor == queue.rich_style.bgcolor  # on the panel's background
