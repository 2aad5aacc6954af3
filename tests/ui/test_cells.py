"""Names and titles fitted to terminal cells: wide characters count twice, a cut shows "…"."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from vaplanner.ui.widgets.cells import cut, fit


@pytest.mark.parametrize(
    ("text", "width", "fitted", "cut_to"),
    [
        ("Acme", 6, "Acme  ", "Acme"),
        ("Koala Digital", 8, "Koala D…", "Koala D…"),
        ("Čebelica", 8, "Čebelica", "Čebelica"),
        ("東京オフィス", 7, "東京オ…", "東京オ…"),  # 12 cells of wide characters into 7
        ("東京オフィス", 6, "東京 …", "東京 …"),  # half a wide character becomes a space
        ("Acme", 0, "", ""),
    ],
)
def test_fit_and_cut_count_cells(text: str, width: int, fitted: str, cut_to: str) -> None:
    assert fit(text, width) == fitted and cell_len(fitted) == width
    assert cut(text, width) == cut_to and cell_len(cut_to) <= width
