"""``python -m vaplanner``."""

from __future__ import annotations

import sys

from vaplanner.cli import main

if __name__ == "__main__":
    sys.exit(main())
