"""A small question with one answer: a name (a division's), a year. Unlike QInputDialog it is
wide enough for its Thai title (the title bar showed «เพิ่มกอง/ส่…»), says what to type in a
sentence, and has Thai buttons.

    name = ask_text(self, "เพิ่มกองหรือส่วนราชการ", "ชื่อกองหรือส่วนราชการ", placeholder="เช่น กองคลัง")
    year = ask_year(self, "คัดลอกเกณฑ์เป็นปีใหม่", "ปีประเมิน (พ.ศ.)", 2569, 2560, 2700)
"""
from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ita_desktop.thai.text import normalize_line
from ita_desktop.ui.dialogs.fit import bounded, fit_to_screen

WIDTH = 460  # room for a long division name, and for the title bar's Thai title


class AskDialog(QDialog):
    """A title, a sentence saying what to give, the field, ตกลง/ยกเลิก."""

    def __init__(self, parent: QWidget | None, title: str, prompt: str, editor: QWidget,
                 note: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.editor = editor
        lay = QVBoxLayout(self)
        label = QLabel(prompt)
        label.setWordWrap(True)
        label.setBuddy(editor)
        lay.addWidget(label)
        lay.addWidget(editor)
        if note:
            hint = QLabel(note)
            hint.setWordWrap(True)
            hint.setStyleSheet("color: #666666;")
            lay.addWidget(hint)
        lay.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("ตกลง"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("ยกเลิก"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        fit_to_screen(self, WIDTH, self.sizeHint().height())
        editor.setFocus()

    def sizeHint(self) -> QSize:
        return bounded(super().sizeHint(), self)


def ask_text(parent: QWidget | None, title: str, prompt: str, text: str = "",
             placeholder: str = "", note: str = "") -> str | None:
    """The line typed (one line, spaces tidied), or None when cancelled or left empty."""
    edit = QLineEdit(text)
    edit.setPlaceholderText(placeholder)
    edit.selectAll()
    dialog = AskDialog(parent, title, prompt, edit, note)
    dialog.ok.setEnabled(bool(normalize_line(text)))
    edit.textChanged.connect(lambda value: dialog.ok.setEnabled(bool(normalize_line(value))))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return normalize_line(edit.text()) or None


def ask_year(parent: QWidget | None, title: str, prompt: str, value: int, lowest: int,
             highest: int, note: str = "") -> int | None:
    """A Buddhist-era year between lowest and highest, or None when cancelled."""
    spin = QSpinBox()
    spin.setRange(lowest, highest)
    spin.setValue(value)
    spin.selectAll()
    dialog = AskDialog(parent, title, prompt, spin, note)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return spin.value()
