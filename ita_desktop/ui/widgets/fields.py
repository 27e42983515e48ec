"""Line fields bound to a record field: commit on leaving the field and after a pause."""
from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from ita_desktop.thai.digits import NumberError, format_score, parse_score
from ita_desktop.thai.text import normalize_line, normalize_text

IDLE_MS = 800


class LineField(QLineEdit):
    """A one-line text field.

    Signals:
        committed(str): normalised text, on leaving the field or after an idle pause.
    """

    committed = Signal(str)

    def __init__(self, parent: QWidget | None = None, placeholder: str = "") -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self._last = ""
        self._timer = QTimer(self, singleShot=True, interval=IDLE_MS, timeout=self.commit)
        self.textEdited.connect(lambda _t: self._timer.start())
        self.editingFinished.connect(self.commit)

    def set_value(self, text: str) -> None:
        if self.text() != text and not (self.hasFocus() and self._timer.isActive()):
            self.setText(text)
        self._last = text

    def commit(self) -> None:
        self._timer.stop()
        text = normalize_line(self.text())
        if text != self._last:
            self._last = text
            self.committed.emit(text)


class MultiLineField(QPlainTextEdit):
    """Plain multi-line text (a position of two lines). Signals: committed(str)."""

    committed = Signal(str)

    def __init__(self, parent: QWidget | None = None, lines: int = 2) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setFixedHeight(self.fontMetrics().lineSpacing() * lines + 14)
        self._last = ""
        self._timer = QTimer(self, singleShot=True, interval=IDLE_MS, timeout=self.commit)
        self.textChanged.connect(self._timer.start)

    def set_value(self, text: str) -> None:
        if self.toPlainText() != text and not self.hasFocus():
            self.blockSignals(True)
            self.setPlainText(text)
            self.blockSignals(False)
        self._last = text

    def focusOutEvent(self, event):
        super().focusOutEvent(event)
        self.commit()

    def commit(self) -> None:
        self._timer.stop()
        text = normalize_text(self.toPlainText()).strip()
        if text != self._last:
            self._last = text
            self.committed.emit(text)


class ScoreField(QWidget):
    """A score 0–100: Thai or Arabic digits, or the Thai keyboard's number row.

    A value that is not a score stays in the field, marked red, with the reason under it;
    nothing is stored until it is corrected.

    Signals:
        committed(object): the Decimal score, or None when the field was emptied.
    """

    committed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setMaximumWidth(110)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.error.hide()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.edit)
        lay.addWidget(self.error)
        self._value: Decimal | None = None
        self.edit.editingFinished.connect(self.commit)

    def set_value(self, value: Decimal | None) -> None:
        self._value = value
        if not self.error.isVisible():
            self.edit.setText(format_score(value, thai=False))

    def commit(self) -> None:
        text = self.edit.text().strip()
        if not text:
            value = None
        else:
            try:
                value = parse_score(text)
            except NumberError as exc:
                self.edit.setStyleSheet("border: 2px solid #b00020;")
                self.error.setText(str(exc))
                self.error.show()
                return
        self.edit.setStyleSheet("")
        self.error.hide()
        self.edit.setText(format_score(value, thai=False))
        if value != self._value:
            self._value = value
            self.committed.emit(value)
