"""แยกเป็นข้อ ๆ: a list typed inline in one paragraph ("…ให้ชัดเจน ๒. แจกเวียน…"), as text
from real reports comes, shown before and after, for the clerk to say yes or no. Asked at
paste and at JSON import (domain.imported_text decides what a list is)."""
from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ita_desktop.domain import markup
from ita_desktop.thai.digits import to_thai_digits
from ita_desktop.thai.words import display_text
from ita_desktop.ui.dialogs.fit import bounded, fit_to_screen

TITLE = "แยกเป็นข้อ ๆ"


class SplitListsDialog(QDialog):
    """The first text before and after, how many texts would change, ใช่ / ไม่."""

    def __init__(self, parent: QWidget | None, examples: list[tuple[str, str]]) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr(TITLE))
        lay = QVBoxLayout(self)
        count = len(examples)
        where = "ข้อความนี้" if count == 1 else f"ข้อความ {to_thai_digits(str(count))} ช่อง"
        question = QLabel(self.tr(f"{where}มีหลายข้อเขียนต่อกันในย่อหน้าเดียว"
                                  " แยกเป็นข้อ ๆ บรรทัดละข้อ (พิมพ์แบบย่อหน้าแขวน) หรือไม่"))
        question.setWordWrap(True)
        lay.addWidget(question)
        before, after = examples[0]
        grid = QGridLayout()
        self.before = self._preview(before)
        self.after = self._preview(after)
        grid.addWidget(QLabel(self.tr("ก่อนแยก")), 0, 0)
        grid.addWidget(QLabel(self.tr("หลังแยก")), 0, 1)
        grid.addWidget(self.before, 1, 0)
        grid.addWidget(self.after, 1, 1)
        lay.addLayout(grid, 1)
        if count > 1:
            note = QLabel(self.tr("ตัวอย่างนี้คือช่องแรก ช่องอื่นแยกแบบเดียวกัน"))
            note.setStyleSheet("color: #666666;")
            lay.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Yes | QDialogButtonBox.StandardButton.No)
        self.yes = buttons.button(QDialogButtonBox.StandardButton.Yes)
        self.no = buttons.button(QDialogButtonBox.StandardButton.No)
        self.yes.setText(self.tr("ใช่ แยกเป็นข้อ ๆ"))
        self.no.setText(self.tr("ไม่ คงไว้ตามเดิม"))
        self.yes.clicked.connect(self.accept)
        self.no.clicked.connect(self.reject)
        lay.addWidget(buttons)
        fit_to_screen(self, 760, 420)
        self.yes.setFocus()

    @staticmethod
    def _preview(text: str) -> QPlainTextEdit:
        box = QPlainTextEdit()
        box.setReadOnly(True)
        box.setPlainText(display_text(markup.plain_text(text)))
        return box

    def sizeHint(self) -> QSize:
        return bounded(super().sizeHint(), self)


def ask_split_lists(parent: QWidget | None, examples: list[tuple[str, str]]) -> bool:
    """Yes when the clerk wants the lists one item a line; no question when there is none."""
    if not examples:
        return False
    return SplitListsDialog(parent, examples).exec() == QDialog.DialogCode.Accepted
