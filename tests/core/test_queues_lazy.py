"""``vaplanner.core.queues`` loads the task lists (filters, Eisenhower, batches, deadlines) of
``vaplanner.core.task_lists`` only when one is asked for: they are the same objects wherever
they are reached from, and ordering a queue never loads them."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from vaplanner.core import queues, task_lists


def test_every_lazy_name_is_the_one_in_task_lists() -> None:
    assert set(queues.TASK_LISTS) == set(task_lists.__all__)
    for name in queues.TASK_LISTS:
        assert getattr(queues, name) is getattr(task_lists, name)
    assert set(queues.TASK_LISTS) <= set(dir(queues))


def test_an_unknown_name_is_still_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="Bacth"):
        queues.Bacth  # type: ignore[attr-defined]  # noqa: B018
    with pytest.raises(ImportError):
        from vaplanner.core.queues import Bacth  # type: ignore[attr-defined]  # noqa: F401


def test_ordering_a_queue_does_not_load_the_lists() -> None:
    child = textwrap.dedent(
        """
        import sys
        from vaplanner.core.models import Task
        from vaplanner.core.queues import countdown, queue_order

        tasks = [Task(client_id=1, title="b", position=1), Task(client_id=1, title="a")]
        assert [t.title for t in queue_order(tasks)] == ["a", "b"]
        before = "vaplanner.core.task_lists" in sys.modules
        from vaplanner.core.queues import Batch, batches

        found = batches([Task(client_id=1, title="a", tags=("calls",))])
        assert found == [Batch("calls", (found[0].tasks[0],))]
        print(before, "vaplanner.core.task_lists" in sys.modules)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", child], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "True"]
