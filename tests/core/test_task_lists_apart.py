"""The task lists (filters, Eisenhower, batches, deadlines) live in ``vaplanner.core.task_lists``,
apart from ``vaplanner.core.queues``: ordering a queue, as the app's first screen does, never
creates their named tuples."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_ordering_a_queue_does_not_load_the_task_lists() -> None:
    child = textwrap.dedent(
        """
        import sys
        from vaplanner.core.models import Task
        from vaplanner.core.queues import countdown, queue_order
        import vaplanner.ui.board

        tasks = [Task(client_id=1, title="b", position=1), Task(client_id=1, title="a")]
        assert [t.title for t in queue_order(tasks)] == ["a", "b"]
        before = "vaplanner.core.task_lists" in sys.modules
        from vaplanner.core.task_lists import Batch, batches

        found = batches([Task(client_id=1, title="a", tags=("calls",))])
        assert found == [Batch("calls", (found[0].tasks[0],))]
        print(before, "vaplanner.core.task_lists" in sys.modules)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", child], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "True"]
