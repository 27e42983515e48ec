"""A row of push buttons from (text, slot) pairs: one place for the pattern every page uses."""
from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QBoxLayout, QPushButton


def add_buttons(layout: QBoxLayout, items: Sequence[tuple[str, Callable[[], object]]],
                stretch: bool = True) -> list[QPushButton]:
    """Add a button per (already translated text, slot) to `layout`, then a stretch."""
    buttons = []
    for text, slot in items:
        button = QPushButton(text)
        button.clicked.connect(slot)
        layout.addWidget(button)
        buttons.append(button)
    if stretch:
        layout.addStretch(1)
    return buttons
