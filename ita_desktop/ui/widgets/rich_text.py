"""A rich text editor whose content is our markup (domain.markup), never HTML.

Bold (Ctrl+B), bullets (a list the clerk sees as •) and numbered lines (numbers inserted
as text, so a skipped ๔ or a "๘.๑" stays as typed). Paste from Word keeps paragraphs,
bold and bullets only. Display text carries word-break markers (Qt has no libthai on
Windows); they are stripped when the markup is read back.
"""
from __future__ import annotations

import re

from PySide6.QtCore import QMimeData, Qt, QTimer, Signal
from PySide6.QtGui import (
    QFont,
    QKeySequence,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextListFormat,
)
from PySide6.QtWidgets import QHBoxLayout, QTextEdit, QToolButton, QVBoxLayout, QWidget

from ita_desktop.domain import markup
from ita_desktop.thai.digits import to_thai_digits
from ita_desktop.thai.text import normalize_text
from ita_desktop.thai.words import display_text

IDLE_MS = 800
_NUM_PREFIX = re.compile(r"^[0-9๐-๙]{1,3}(?:\.[0-9๐-๙]{1,3})*[.)]\s*")


def document_to_markup(doc: QTextDocument) -> str:
    """Each text block is one line; an empty block separates paragraphs."""
    lines: list[str] = []
    block = doc.begin()
    while block.isValid():
        runs: list[markup.Run] = []
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            if frag.isValid():
                bold = frag.charFormat().fontWeight() >= QFont.Weight.DemiBold
                text = normalize_text(frag.text().replace("\u2028", "\n"))
                runs.append(markup.Run(text, bold))
            it += 1
        body = markup.serialize_runs(runs)
        if block.textList() is not None:
            lines.append("- " + body.lstrip())
        else:
            lines.append(body.rstrip())
        block = block.next()
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


def markup_to_document(text: str, doc: QTextDocument, base: QTextCharFormat | None = None) -> None:
    doc.clear()
    cursor = QTextCursor(doc)
    plain = QTextCharFormat(base) if base else QTextCharFormat()
    plain.setFontWeight(QFont.Weight.Normal)
    bold = QTextCharFormat(plain)
    bold.setFontWeight(QFont.Weight.Bold)
    first = True
    for p_index, paragraph in enumerate(markup.parse(text)):
        if p_index:
            cursor.insertBlock(QTextBlockFormat(), plain)  # the blank line
        for line in paragraph:
            if not first:
                cursor.insertBlock(QTextBlockFormat(), plain)
            first = False
            if line.kind == "bullet":
                fmt = QTextListFormat()
                fmt.setStyle(QTextListFormat.Style.ListDisc)
                cursor.createList(fmt)
            elif line.label:
                cursor.insertText(line.label, plain)
            for run in line.runs:
                cursor.insertText(display_text(run.text), bold if run.bold else plain)


class RichTextEdit(QWidget):
    """Editor of one markup field with its small toolbar.

    Signals:
        committed(str): the markup, when the clerk leaves the field or pauses typing.
    """

    committed = Signal(str)

    def __init__(self, parent: QWidget | None = None, min_lines: int = 3) -> None:
        super().__init__(parent)
        self.edit = _Edit(self)
        self.edit.setAcceptRichText(True)
        self.edit.setTabChangesFocus(True)
        line = self.edit.fontMetrics().lineSpacing()
        self.edit.setMinimumHeight(line * min_lines + 12)
        self._bold = self._button("B", "ตัวหนา (Ctrl+B)", self.toggle_bold)
        f = self._bold.font()
        f.setBold(True)
        self._bold.setFont(f)
        self._bullets = self._button("•", "รายการสัญลักษณ์แสดงหัวข้อย่อย", self.toggle_bullets)
        self._numbers = self._button("๑.", "ใส่เลขลำดับ ๑. ๒. ๓. (แก้ไขตัวเลขได้เอง)", self.number_lines)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.setSpacing(2)
        for b in (self._bold, self._bullets, self._numbers):
            bar.addWidget(b)
        bar.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addLayout(bar)
        lay.addWidget(self.edit)
        self._timer = QTimer(self, singleShot=True, interval=IDLE_MS, timeout=self.commit)
        self.edit.textChanged.connect(self._on_changed)
        self.edit.focus_lost.connect(self.commit)
        self._loading = False
        self._last = ""

    def _button(self, text: str, tip: str, slot: object) -> QToolButton:
        b = QToolButton(self)
        b.setText(text)
        b.setToolTip(tip)
        b.setAutoRaise(True)
        b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        b.clicked.connect(slot)
        return b

    # --- content ------------------------------------------------------------------------
    def markup(self) -> str:
        return document_to_markup(self.edit.document())

    def set_markup(self, text: str) -> None:
        """Show stored markup (does not emit committed)."""
        if text == self._last and self.markup() == text:
            return
        self._loading = True
        markup_to_document(text, self.edit.document(), self.edit.currentCharFormat())
        self._loading = False
        self._last = text

    def _on_changed(self) -> None:
        if not self._loading:
            self._timer.start()

    def commit(self) -> None:
        self._timer.stop()
        text = self.markup()
        if text != self._last:
            self._last = text
            self.committed.emit(text)

    # --- formatting ---------------------------------------------------------------------
    def toggle_bold(self) -> None:
        cursor = self.edit.textCursor()
        if not cursor.hasSelection():
            cursor.select(QTextCursor.SelectionType.WordUnderCursor)
        fmt = QTextCharFormat()
        is_bold = cursor.charFormat().fontWeight() >= QFont.Weight.DemiBold
        fmt.setFontWeight(QFont.Weight.Normal if is_bold else QFont.Weight.Bold)
        cursor.mergeCharFormat(fmt)
        self.edit.mergeCurrentCharFormat(fmt)
        self._timer.start()

    def toggle_bullets(self) -> None:
        cursor = self.edit.textCursor()
        current = cursor.currentList()
        if current is not None:
            for block in _selected_blocks(cursor):
                lst = block.textList()
                if lst is not None:
                    lst.remove(block)
                    fmt = block.blockFormat()
                    fmt.setIndent(0)
                    QTextCursor(block).setBlockFormat(fmt)
        else:
            fmt = QTextListFormat()
            fmt.setStyle(QTextListFormat.Style.ListDisc)
            cursor.createList(fmt)
        self._timer.start()

    def number_lines(self) -> None:
        """Number the selected lines ๑. ๒. … as text the clerk can then edit."""
        cursor = self.edit.textCursor()
        cursor.beginEditBlock()
        n = 0
        for block in _selected_blocks(cursor):
            if not block.text().strip():
                continue
            n += 1
            lst = block.textList()
            if lst is not None:
                lst.remove(block)
            c = QTextCursor(block)
            existing = _NUM_PREFIX.match(block.text())
            if existing:
                c.movePosition(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor,
                               len(existing.group(0)))
            c.insertText(to_thai_digits(f"{n}. "))
        cursor.endEditBlock()
        self._timer.start()


def _selected_blocks(cursor: QTextCursor) -> list:  # type: ignore[type-arg]
    doc = cursor.document()
    start = doc.findBlock(cursor.selectionStart())
    end = doc.findBlock(cursor.selectionEnd())
    out = []
    block = start
    while block.isValid():
        out.append(block)
        if block == end:
            break
        block = block.next()
    return out


class _Edit(QTextEdit):
    focus_lost = Signal()

    def keyPressEvent(self, event):
        if event.matches(QKeySequence.StandardKey.Bold):  # Ctrl+B, handled here, not as a global shortcut
            owner = self.parent()
            if isinstance(owner, RichTextEdit):
                owner.toggle_bold()
                return
        super().keyPressEvent(event)

    def focusOutEvent(self, event):
        super().focusOutEvent(event)
        self.focus_lost.emit()

    def insertFromMimeData(self, source: QMimeData) -> None:
        """Paste keeps paragraphs, bold and bullets; drops fonts, colours, tables' styling."""
        if source.hasHtml():
            tmp = QTextDocument()
            tmp.setHtml(source.html())
            text = document_to_markup(tmp)
        else:
            text = normalize_text(source.text())
        frag_doc = QTextDocument()
        markup_to_document(text, frag_doc, self.currentCharFormat())
        cursor = self.textCursor()
        from PySide6.QtGui import QTextDocumentFragment

        cursor.insertFragment(QTextDocumentFragment(frag_doc))
        self.setTextCursor(cursor)
