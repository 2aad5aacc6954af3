"""The planner's action mixins are plain classes; what Textual reads from a class is on the screen.

Textual collects bindings, CSS and ``@on`` handlers only from DOM classes, so one of them put
on a mixin would be silently ignored: they belong on MainScreen.
"""

from __future__ import annotations

import pytest
from textual.dom import DOMNode

from vaplanner.ui.screens.main import MainScreen
from vaplanner.ui.screens.planner_blocks import BlockActions
from vaplanner.ui.screens.planner_meetings import MeetingActions
from vaplanner.ui.screens.planner_timer import TimerActions
from vaplanner.ui.screens.planner_transfer import TransferActions

MIXINS = (BlockActions, MeetingActions, TimerActions, TransferActions)
TEXTUAL_CLASS_ATTRIBUTES = ("BINDINGS", "DEFAULT_CSS", "CSS", "COMPONENT_CLASSES", "AUTO_FOCUS")


@pytest.mark.parametrize("mixin", MIXINS, ids=lambda mixin: mixin.__name__)
def test_mixin_holds_nothing_textual_reads_from_a_dom_class(mixin: type) -> None:
    assert not issubclass(mixin, DOMNode)
    assert mixin in MainScreen.__mro__
    assert not set(TEXTUAL_CLASS_ATTRIBUTES) & set(vars(mixin))
    decorated = [name for name, value in vars(mixin).items() if hasattr(value, "_textual_on")]
    assert decorated == []
