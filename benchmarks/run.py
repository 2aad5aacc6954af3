"""Run every benchmark script in this folder (``make bench``).

Each script builds or reuses the reference data set (5 years, 25 clients) in ``bench-data/``
and prints a Markdown table of medians beside a baseline measured in the same run.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDER = ("store.py", "cli.py", "report.py", "ics.py", "app.py")


def main() -> int:
    scripts = [HERE / name for name in ORDER if (HERE / name).exists()]
    scripts += sorted(
        p for p in HERE.glob("*.py") if p.name not in ORDER and not p.name.startswith(("_", "run"))
    )
    failed = 0
    for script in scripts:
        print(f"\n## {script.stem}\n", flush=True)
        result = subprocess.run([sys.executable, str(script), *sys.argv[1:]], check=False)
        failed += result.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
