"""``vaplanner.core.models`` creates the classes of ``models_lazy`` only when asked for one:
they are the same classes wherever they are reached from, and the timer commands never
create them."""

from __future__ import annotations

import dataclasses
import json
import pickle
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from vaplanner.core import models, models_lazy, models_paperwork


def test_every_lazy_name_is_the_class_in_models_lazy() -> None:
    for name in models.LAZY_MODELS:
        cls = getattr(models, name)
        home = models_lazy if name in models_lazy.__all__ else models_paperwork
        assert cls is getattr(home, name)
        assert cls.__name__ == name and dataclasses.is_dataclass(cls)
    assert set(models.LAZY_MODELS) == set(models_lazy.__all__) | set(models_paperwork.__all__)
    assert not set(models_lazy.__all__) & set(models_paperwork.__all__)
    assert set(models.LAZY_MODELS) <= set(dir(models))


def test_an_unknown_name_is_still_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="Tsak"):
        models.Tsak  # type: ignore[attr-defined]  # noqa: B018
    with pytest.raises(ImportError):
        from vaplanner.core.models import Tsak  # type: ignore[attr-defined]  # noqa: F401


def test_lazy_models_behave_like_the_others() -> None:
    from vaplanner.core.models import ChecklistItem, Task

    task = Task(client_id=1, title="Newsletter", checklist=(ChecklistItem("draft"),))
    assert pickle.loads(pickle.dumps(task)) == task
    assert repr(task).startswith("Task(client_id=1, title='Newsletter'")
    with pytest.raises(dataclasses.FrozenInstanceError):
        task.title = "other"  # type: ignore[misc]
    assert hash(task) == hash(dataclasses.replace(task))
    assert not hasattr(task, "__dict__")  # slotted like every model


CHILD = textwrap.dedent(
    """
    import contextlib, io, json, sys
    from vaplanner.cli import main

    seen = {}
    for argv in json.loads(sys.argv[1]):
        with contextlib.redirect_stdout(io.StringIO()):
            code = main(argv)
        seen[" ".join(argv)] = [code, "vaplanner.core.models_lazy" in sys.modules]
    print(json.dumps(seen))
    """
)


def test_the_timer_commands_never_create_the_lazy_classes(data_dir: Path) -> None:
    from vaplanner.core.models import Client
    from vaplanner.store.store import Store

    store = Store(data_dir)
    store.save_settings(models.Settings(home_tz="Europe/Ljubljana"))
    store.clients.add(Client(name="Acme", tz="America/New_York", key="1"))
    store.clients.add(Client(name="Koala", tz="Australia/Sydney", key="2"))
    commands = [["status"], ["start", "Acme"], ["start", "Koala"], ["status"], ["stop"]]
    result = subprocess.run(
        [sys.executable, "-c", CHILD, json.dumps(commands)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout)
    assert seen == {" ".join(argv): [0, False] for argv in commands}
    # ... while anything that asks for one gets it
    assert Store(data_dir).tasks.list() == []
