"""Line fields bound to a record field: commit on leaving the field and after a pause."""
from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QColor, QFocusEvent, QPalette
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QSizePolicy,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

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
        self._timer = QTimer(self, singleShot=True, interval=IDLE_MS)
        self._timer.timeout.connect(self.commit)
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
        self._timer = QTimer(self, singleShot=True, interval=IDLE_MS)
        self._timer.timeout.connect(self.commit)
        self.textChanged.connect(self._timer.start)

    def set_value(self, text: str) -> None:
        if self.toPlainText() != text and not self.hasFocus():
            self.blockSignals(True)
            self.setPlainText(text)
            self.blockSignals(False)
        self._last = text

    def focusOutEvent(self, event: QFocusEvent) -> None:
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

    A value that is not a score stays in the field, marked red, with the reason in its
    tooltip (shown at once) and on the window's status line; nothing below it moves, and
    nothing is stored until it is corrected.

    Signals:
        committed(object): the Decimal score, or None when the field was emptied.
    """

    committed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setMaximumWidth(110)
        self.problem = ""  # the Thai reason the typed text is not a score
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.edit)
        self._value: Decimal | None = None
        self.edit.editingFinished.connect(self.commit)

    def set_value(self, value: Decimal | None) -> None:
        """Show the stored value; a wrong value still being corrected is kept."""
        self._value = value
        if not self.problem:
            self.edit.setText(format_score(value, thai=False))

    def reset(self, value: Decimal | None) -> None:
        """Show the value of another record (another file or year): drop what was typed."""
        self._show_problem("")
        self._value = None
        self.set_value(value)

    def _show_problem(self, reason: str) -> None:
        if self.problem and not reason:
            show_status(self, "", self.problem)  # corrected: the old reason goes too
        self.problem = reason
        # red through the palette: a style-sheet border would change the field's height;
        # an empty QPalette() gives the field its parent's colours back
        palette = QPalette()
        if reason:
            palette.setColor(QPalette.ColorRole.Base, QColor("#fde2e4"))
            palette.setColor(QPalette.ColorRole.Text, QColor("#b00020"))
        self.edit.setPalette(palette)
        self.edit.setToolTip(reason)
        if reason:
            corner = self.edit.mapToGlobal(self.edit.rect().bottomLeft())
            QToolTip.showText(corner, reason, self.edit)
            show_status(self, reason)

    def commit(self) -> None:
        text = self.edit.text().strip()
        if not text:
            value = None
        else:
            try:
                value = parse_score(text)
            except NumberError as exc:
                self._show_problem(str(exc))
                return
        self._show_problem("")
        self.edit.setText(format_score(value, thai=False))
        if value != self._value:
            self._value = value
            self.committed.emit(value)


class FieldNote(QLabel):
    """One line under a field for a problem with it ("missing" red, "warning" brown).

    Its line is always there, empty or not, so a note appearing never pushes the fields
    below it down under the mouse; the full text is also its tooltip."""

    COLOURS: ClassVar[dict[str, str]] = {"missing": "#b00020", "warning": "#8a5a00"}

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedHeight(self.fontMetrics().lineSpacing() + 2)
        # never wider than the field: a long note is cut, its tooltip has all of it
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def show_problem(self, problem: tuple[str, str] | None) -> None:
        level, text = problem or ("", "")
        self.setText(text)
        self.setToolTip(text)
        self.setStyleSheet(f"color: {self.COLOURS.get(level, '#555')};")


def show_status(widget: QWidget, text: str, replacing: str = "") -> None:
    """A message on the status line of the widget's main window; with `replacing`, only
    if that message is still the one shown (an empty text clears it)."""
    window = widget.window()
    if not isinstance(window, QMainWindow):
        return
    bar = window.statusBar()
    if not replacing or bar.currentMessage() == replacing:
        bar.showMessage(text, 8000)


def explain_disabled(widget: QWidget, reason: str) -> None:
    """Disable a widget that cannot take input now and say why in its tooltip
    (tooltips show on disabled widgets too); an empty reason enables it again."""
    widget.setEnabled(not reason)
    widget.setToolTip(reason)
