"""Text fitted to a number of terminal cells (wide characters count as two).

Every column that shows a name or a title cuts it the same way: to the cells it has, ending
in "…" so a cut reads as cut.
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size


def fit(text: str, width: int) -> str:
    """``text`` padded with spaces or cut to exactly ``width`` cells (a cut ends in "…")."""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, max(width - 1, 0)) + ("…" if width > 0 else "")


def cut(text: str, width: int) -> str:
    """``text`` as it is when it fits in ``width`` cells, else cut to them with "…"."""
    return text if cell_len(text) <= width else fit(text, width)
