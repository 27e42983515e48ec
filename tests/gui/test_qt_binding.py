"""The Qt binding itself: PySide6 6.12.0 took a reference from Python's None with every call of a
C++ function returning void (QLabel.setText, QComboBox.addItem, clear…); on Python 3.11 None was
freed after a few thousand calls and the app aborted mid-edit ("Fatal Python error: none_dealloc"),
losing the field being typed. The pinned release must keep None's count."""
from __future__ import annotations

import sys

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit


def test_void_calls_leave_pythons_none_alone(qtbot) -> None:
    label, combo, line = QLabel(), QComboBox(), QLineEdit()
    for widget in (label, combo, line):
        qtbot.addWidget(widget)
    calls = (lambda: label.setText("ก"), lambda: combo.addItem("ข", "id"), combo.clear,
             lambda: line.setText("ค"), lambda: combo.setCurrentIndex(0))
    for call in calls:
        before = sys.getrefcount(None)
        for _ in range(500):
            call()
        assert sys.getrefcount(None) - before > -50, call  # a few may be the interpreter's own
