"""The mouse wheel scrolls the page, never a choice the pointer happens to pass over: a
clerk scrolling the measure form changed its division from สำนักปลัด to กองคลัง unseen.
A combo box or number box takes the wheel only when it has the keyboard focus (clicked)."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QApplication, QComboBox


class WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Wheel or not isinstance(watched, (QComboBox, QAbstractSpinBox)):
            return False
        if watched.hasFocus():
            return False
        parent = watched.parentWidget()
        while parent is not None and not isinstance(parent, QAbstractScrollArea):
            parent = parent.parentWidget()
        if parent is not None:  # the page under it scrolls instead
            QApplication.sendEvent(parent.verticalScrollBar(), event)
        return True


def install(app: QApplication) -> WheelGuard:
    guard = WheelGuard(app)
    app.installEventFilter(guard)
    return guard
