"""The core is pure: importing every module of ``vaplanner.core`` loads no UI or storage code."""

from __future__ import annotations

import json
import subprocess
import sys

FORBIDDEN = ("textual", "tinydb", "orjson", "rich", "filelock")

_PROBE = """
import importlib, json, pkgutil, sys
import vaplanner.core as core
names = []
for info in pkgutil.walk_packages(core.__path__, prefix="vaplanner.core."):
    importlib.import_module(info.name)
    names.append(info.name)
loaded = sorted({name.split(".")[0] for name in sys.modules})
print(json.dumps({"modules": names, "loaded": loaded}))
"""


def test_core_imports_no_ui_or_storage_packages() -> None:
    result = subprocess.run(
        [sys.executable, "-c", _PROBE], capture_output=True, text=True, check=True, timeout=60
    )
    report = json.loads(result.stdout)
    # The probe really walked the package (times and hours at least are there).
    assert "vaplanner.core.times" in report["modules"]
    assert "vaplanner.core.hours" in report["modules"]
    offenders = sorted(set(FORBIDDEN) & set(report["loaded"]))
    assert offenders == [], f"vaplanner.core pulls in {offenders}"
    assert not any(
        name.startswith(("vaplanner.store", "vaplanner.ui")) for name in report["modules"]
    )


def test_core_loads_nothing_of_store_or_ui() -> None:
    probe = _PROBE.replace(
        'loaded = sorted({name.split(".")[0] for name in sys.modules})',
        "loaded = sorted(n for n in sys.modules if n.startswith('vaplanner.'))",
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    loaded = json.loads(result.stdout)["loaded"]
    assert not [n for n in loaded if n.startswith(("vaplanner.store", "vaplanner.ui"))]
