"""A rich text editor whose content is our markup (domain.markup), never HTML.

It behaves as a Word user expects, within what the markup can hold:
- Bold (Ctrl+B or the B button): a selection turns bold; with no selection, bold turns on
  (or off) for what is typed next.
- Bullets are a Qt list the clerk sees as •; numbered lines carry their number as text, so
  a skipped ๔ or a "๘.๑" stays as typed. Enter continues a list and ends it on an empty
  item; Tab / Shift+Tab move a numbered item a level down or up ("๒." <-> "๑.๑"), the only
  levels the markup has. Wrapped lines of an item hang under its first word, as printed.
- Paste from Word or a web page keeps paragraphs, bold, bullets and numbers; a table
  becomes one line per row with its cells separated by " | ".
Display text carries word-break markers (Qt has no libthai on Windows); they are stripped
when the markup is read back.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QMimeData, Qt, QTimer, Signal
from PySide6.QtGui import (
    QFocusEvent,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QKeySequence,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextDocumentFragment,
    QTextListFormat,
    QTextTable,
)
from PySide6.QtWidgets import QHBoxLayout, QTextEdit, QToolButton, QToolTip, QVBoxLayout, QWidget

from ita_desktop.domain import markup
from ita_desktop.domain.imported_text import clean_html, decode_entities, split_inline_lists
from ita_desktop.thai.digits import THAI_DIGITS, to_thai_digits
from ita_desktop.thai.text import normalize_text
from ita_desktop.thai.words import display_text, strip_break_markers
from ita_desktop.ui.dialogs.split_lists import ask_split_lists

IDLE_MS = 800
_NUM_PREFIX = re.compile(r"^[0-9๐-๙]{1,3}(?:\.[0-9๐-๙]{1,3})*[.)]\s*")
# A line that is only a label ("๒. ", "๑.๑", "-"): the empty item Enter leaves behind.
# A bare "100" or "2568" is a number in the text, not a label, so it needs "." / ")" or a level.
_LABEL_ONLY = re.compile(
    r"^(?:[0-9๐-๙]{1,3}(?:\.[0-9๐-๙]{1,3})*[.)]|[0-9๐-๙]{1,3}(?:\.[0-9๐-๙]{1,3})+|[-•])\s*$")
_LABEL_FIRST = frozenset("0123456789๐๑๒๓๔๕๖๗๘๙-•")
_LABEL_START = re.compile(r"^[0-9๐-๙.)\-•\s]*$")
_NUMBER_LABEL = re.compile(r"^([0-9๐-๙]{1,3}(?:\.[0-9๐-๙]{1,3})*)([.)]?)(\s*)$")
# Word writes a bullet as a Symbol or Wingdings character followed by spaces (· § Ø ü, and
# "o" or "v" for other levels: those only before two spaces, so a word is never taken)
_WORD_BULLET = re.compile(r"^(?:[·•§▪■●◦Øü]|[ov](?=\s{2}))\s+(?=\S)")
_BULLET_STYLES = (QTextListFormat.Style.ListDisc, QTextListFormat.Style.ListCircle,
                  QTextListFormat.Style.ListSquare)
# Cells of a pasted table, on one line: a bar with spaces breaks and prints in any Thai font
CELL_SEPARATOR = " | "


def _runs(block: QTextBlock) -> list[markup.Run]:
    runs: list[markup.Run] = []
    it = block.begin()
    while not it.atEnd():
        frag = it.fragment()
        if frag.isValid():
            bold = frag.charFormat().fontWeight() >= QFont.Weight.DemiBold
            text = normalize_text(frag.text().replace("\u2028", "\n"))
            runs.append(markup.Run(text, bold))
        it += 1
    return runs


def document_to_markup(doc: QTextDocument) -> str:
    """Each text block is one line; an empty block separates paragraphs."""
    lines: list[str] = []
    block = doc.begin()
    while block.isValid():
        table = _outer_table(block)
        if table is not None:
            # a table's cells are blocks of their own: one line per row, not one per cell
            lines.extend(_table_rows(table))
            block = doc.findBlock(table.lastPosition() + 1)
            continue
        body = markup.serialize_runs(_runs(block))
        lst = block.textList()
        if lst is None:
            lines.append(body.rstrip())
        elif lst.format().style() in _BULLET_STYLES:
            lines.append("- " + body.lstrip())
        else:
            # a numbered list (pasted <ol>): the number the reader saw, as text
            lines.append(lst.itemText(block) + " " + body.lstrip())
        block = block.next()
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


def _outer_table(block: QTextBlock) -> QTextTable | None:
    """The outermost table the block is in (a table inside a cell is part of that cell)."""
    table = None
    frame = QTextCursor(block).currentFrame()
    while frame is not None:
        if isinstance(frame, QTextTable):
            table = frame
        frame = frame.parentFrame()
    return table


def _table_rows(table: QTextTable) -> list[str]:
    doc = table.document()
    rows: list[str] = []
    for r in range(table.rows()):
        cells: list[str] = []
        for c in range(table.columns()):
            cell = table.cellAt(r, c)
            if cell.row() != r or cell.column() != c:
                continue  # the rest of a merged cell, already read
            parts = []
            block = doc.findBlock(cell.firstPosition())
            while block.isValid() and block.position() <= cell.lastPosition():
                parts.append(markup.serialize_runs(_runs(block)).replace("\n", " ").strip())
                block = block.next()
            text = " ".join(p for p in parts if p)
            if text:  # an empty cell would print as "|  |"
                cells.append(text)
        if cells:
            rows.append(CELL_SEPARATOR.join(cells))
    return rows


def _tidy_pasted(text: str) -> str:
    """Word writes a list label as text followed by a run of spaces, and a bullet as a
    Symbol character: one space after each label, and bullets as "- "."""
    lines = []
    for raw in text.split("\n"):
        raw = _WORD_BULLET.sub("- ", raw)
        label = markup.parse_line(raw).label
        if label.rstrip() != label:
            raw = label.rstrip() + " " + raw[len(label):]
        lines.append(raw)
    return "\n".join(lines)


def markup_to_document(text: str, doc: QTextDocument, base: QTextCharFormat | None = None) -> None:
    doc.clear()
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()  # one change for the document, not one per line
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
    cursor.endEditBlock()


# --- list items written as text ("๑. ", "๘.๑ ", "- ") -------------------------------------------
@dataclass
class _Number:
    """A number label taken apart: "๘.๑ " is parts [8, 1], Thai digits, no full stop, one
    space. Digits, full stop or bracket and spacing are kept as the clerk typed them."""

    typed: str
    parts: list[int]
    thai: bool
    end: str
    space: str

    @classmethod
    def of(cls, label: str) -> _Number | None:
        m = _NUMBER_LABEL.match(label)
        if not m:
            return None
        digits = m.group(1)
        return cls(label, [int(p) for p in digits.split(".")],  # int() reads Thai digits too
                   any(ch in THAI_DIGITS for ch in digits), m.group(2), m.group(3))

    def with_parts(self, parts: list[int], end: str | None = None) -> str:
        """The label for other numbers, written the same way."""
        digits = ".".join(str(p) for p in parts)
        if self.thai:
            digits = to_thai_digits(digits)
        return digits + (self.end if end is None else end) + self.space


def _item(block: QTextBlock) -> tuple[str, str] | None:
    """(kind, label) of a line written as a list item, or None. Bullets made as a Qt list
    show no label in the text; Qt continues and ends those itself."""
    if not block.isValid() or block.textList() is not None:
        return None
    text = strip_break_markers(block.text())
    if not text or text[0] not in _LABEL_FIRST:
        return None  # most lines: no need to parse them (this runs on every key)
    if _LABEL_ONLY.match(text):
        return ("bullet" if text[0] in "-•" else "number", text)
    line = markup.parse_line(text[:80])  # a label is at the start; the rest need not be read
    return None if line.kind == "text" else (line.kind, line.label)


def _number(block: QTextBlock) -> _Number | None:
    item = _item(block)
    return _Number.of(item[1]) if item and item[0] == "number" else None


def _in_list(block: QTextBlock) -> bool:
    return block.isValid() and (block.textList() is not None or _item(block) is not None)


def _list_of(block: QTextBlock) -> list[QTextBlock]:
    """The lines of the list the block is in: neighbouring items of any kind (bullets under
    numbers are part of the list), up to a blank line or a line of plain text."""
    while _in_list(block.previous()):
        block = block.previous()
    out = []
    while _in_list(block):
        out.append(block)
        block = block.next()
    return out


def _numbers_of(blocks: list[QTextBlock]) -> list[tuple[QTextBlock, _Number]]:
    return [(b, n) for b in blocks if (n := _number(b)) is not None]


def _in_sequence(numbers: list[_Number]) -> list[list[int]]:
    """The numbers of a list numbered in sequence, level by level, from its first number
    (๑. ๑.๑ ๑.๒ ๒. ...)."""
    counters = list(numbers[0].parts)
    out = [list(counters)]
    for n in numbers[1:]:
        depth = len(n.parts)
        if depth <= len(counters):
            counters = counters[:depth]
            counters[-1] += 1
        else:
            counters = counters + [1] * (depth - len(counters))
        out.append(list(counters))
    return out


def _previous_number(block: QTextBlock) -> _Number | None:
    b = block.previous()
    while _in_list(b):
        if (n := _number(b)) is not None:
            return n
        b = b.previous()
    return None


def _level_end(block: QTextBlock, depth: int) -> str:
    """The full stop or bracket that items of this depth have in the list ("." for "๒.",
    none for "๒.๑" as the markup writes it) when an item moves to that depth."""
    for b in _list_of(block):
        n = _number(b)
        if n is not None and len(n.parts) == depth and b != block:
            return n.end
    return "." if depth == 1 else ""


def _put_label(block: QTextBlock, old_length: int, label: str) -> None:
    """Write label over the first old_length characters of the block. Never bold: a bold
    "**๒.**" would not be read back as a number."""
    c = QTextCursor(block)
    c.setPosition(block.position() + old_length, QTextCursor.MoveMode.KeepAnchor)
    fmt = QTextCharFormat(c.charFormat())
    fmt.setFontWeight(QFont.Weight.Normal)
    c.insertText(label, fmt)


def _label_width(block: QTextBlock, label: str) -> float:
    doc = block.document()
    font = doc.defaultFont()
    it = block.begin()
    if not it.atEnd():
        font = it.fragment().charFormat().font().resolve(font)
    return QFontMetricsF(font).horizontalAdvance(label)


def _hang_items(doc: QTextDocument) -> None:
    """Items written as text hang: wrapped lines start under the first word after the
    label, as report.text prints them (a left margin the width of the label, pulled back
    on the first line). Lines that are no longer items lose the margin."""
    changes = []
    block = doc.begin()
    while block.isValid():
        item = _item(block)
        width = _label_width(block, item[1]) if item else 0.0
        fmt = block.blockFormat()
        if abs(fmt.leftMargin() - width) > 0.01 or abs(fmt.textIndent() + width) > 0.01:
            changes.append((block, width))
        block = block.next()
    if not changes:
        return
    cursor = QTextCursor(doc)
    cursor.joinPreviousEditBlock()  # one undo step with the typing that made the item
    for block, width in changes:
        fmt = block.blockFormat()
        fmt.setLeftMargin(width)
        fmt.setTextIndent(-width)
        cursor.setPosition(block.position())
        cursor.setBlockFormat(fmt)
    cursor.endEditBlock()


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
        self.edit.setTabChangesFocus(True)  # outside a list Tab moves on, as in the other fields
        line = self.edit.fontMetrics().lineSpacing()
        self.edit.setMinimumHeight(line * min_lines + 12)
        self._bold = self._button("B", "ตัวหนา (Ctrl+B)", self.toggle_bold)
        self._bold.setCheckable(True)  # shows whether what is typed next is bold, as Word's B
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
        self._timer = QTimer(self, singleShot=True, interval=IDLE_MS)
        self._timer.timeout.connect(self.commit)
        self.edit.textChanged.connect(self._on_changed)
        self.edit.focus_lost.connect(self.commit)
        self.edit.currentCharFormatChanged.connect(self._show_bold)
        self.edit.document().contentsChanged.connect(self._hang)
        self._loading = False
        self._hanging = False
        self._last = ""

    def _button(self, text: str, tip: str, slot: Callable[[], None]) -> QToolButton:
        b = QToolButton(self)
        b.setText(text)
        b.setToolTip(tip)
        b.setAutoRaise(True)
        b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        b.clicked.connect(lambda: slot())
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
        self.edit.document().clearUndoRedoStacks()  # Ctrl+Z must not take the loaded text away
        self._loading = False
        self._last = text

    def _on_changed(self) -> None:
        if not self._loading:
            self._timer.start()

    def _hang(self) -> None:
        # Not after Undo (Redo is then possible): a change now would throw Redo away, and
        # Undo has already put back the margins that went with the text.
        doc = self.edit.document()
        if not self._hanging and not doc.availableRedoSteps():
            self._hanging = True  # _hang_items changes the document, which calls this again
            try:
                _hang_items(doc)
            finally:
                self._hanging = False

    def commit(self) -> None:
        self._timer.stop()
        text = self.markup()
        if text != self._last:
            self._last = text
            self.committed.emit(text)

    # --- formatting ---------------------------------------------------------------------
    def toggle_bold(self) -> None:
        """As in Word: a selection turns bold (or back); with no selection, bold turns on
        (or off) for what is typed next, and the word under the cursor stays as it is."""
        fmt = QTextCharFormat()
        is_bold = self.edit.currentCharFormat().fontWeight() >= QFont.Weight.DemiBold
        fmt.setFontWeight(QFont.Weight.Normal if is_bold else QFont.Weight.Bold)
        self.edit.mergeCurrentCharFormat(fmt)
        self._show_bold(self.edit.currentCharFormat())
        self._timer.start()

    def _show_bold(self, fmt: QTextCharFormat) -> None:
        self._bold.setChecked(fmt.fontWeight() >= QFont.Weight.DemiBold)

    def toggle_bullets(self) -> None:
        cursor = self.edit.textCursor()
        cursor.beginEditBlock()  # one undo step with the margins that follow (_hang_items)
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
        cursor.endEditBlock()
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

    # --- lists --------------------------------------------------------------------------
    def enter_in_list(self) -> bool:
        """Enter in an item written as text: the next item ("๒. " after "๑. ", "- " after
        "- "), or, on an empty item, the end of the list. False when Qt's own Enter is right:
        plain text, Qt's bullets (Qt continues and ends those), a cursor before the label."""
        cursor = self.edit.textCursor()
        block = cursor.block()
        item = _item(block)
        if item is None or cursor.hasSelection() or cursor.positionInBlock() < len(item[1]):
            return False
        number = _number(block)
        if _LABEL_ONLY.match(strip_break_markers(block.text())):
            if not _in_list(block.previous()):
                return False  # "๑." typed alone under a heading is text, not an empty item
            if number is not None and len(number.parts) > 1:
                return self.change_level(-1)  # as Word: an empty sub-item first goes up a level
            cursor.setPosition(block.position())
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()  # the line stays, as plain text: the list has ended
            self.edit.setTextCursor(cursor)
            return True
        if number is not None:
            label = number.with_parts([*number.parts[:-1], number.parts[-1] + 1])
        else:
            label = item[1]
        typing = cursor.charFormat()  # the text goes on as it was (bold stays bold)

        def new_item() -> None:
            cursor.insertBlock()
            label_fmt = QTextCharFormat(typing)
            label_fmt.setFontWeight(QFont.Weight.Normal)
            cursor.insertText(label, label_fmt)

        self._list_change(block, new_item)
        self.edit.setTextCursor(cursor)
        self.edit.setCurrentCharFormat(typing)
        return True

    def change_level(self, step: int) -> bool:
        """Tab (step 1) / Shift+Tab (-1) in a list item: a numbered item becomes a sub-item of
        the one before ("๒." -> "๑.๑") or goes back up ("๑.๒" -> "๒."). The markup has no
        other levels, so bullets stay as they are. False outside a list: Tab moves on."""
        cursor = self.edit.textCursor()
        if not _in_list(cursor.block()):
            return False
        moved = []

        def move() -> None:
            for block in _selected_blocks(cursor):
                number = _number(block)
                if number is None:
                    continue
                if step > 0:
                    parts = self._deeper(block, number)
                elif len(number.parts) > 1:
                    parts = [*number.parts[:-2], number.parts[-2] + 1]
                else:
                    parts = None
                if parts is not None:
                    end = _level_end(block, len(parts)) if len(parts) != len(number.parts) else None
                    _put_label(block, len(number.typed), number.with_parts(parts, end))
                    moved.append(block)

        self._list_change(cursor.block(), move)
        if not moved:
            self._hint(step, cursor.block())
        return True

    @staticmethod
    def _deeper(block: QTextBlock, number: _Number) -> list[int] | None:
        """The number as a sub-item of the item before it, or None when there is none."""
        before = _previous_number(block)
        depth = len(number.parts) + 1
        if before is None or len(before.parts) < depth - 1:
            return None  # a sub-item needs an item above it at its own level
        if len(before.parts) >= depth:
            return [*before.parts[: depth - 1], before.parts[depth - 1] + 1]
        return [*before.parts, 1]

    def _hint(self, step: int, block: QTextBlock) -> None:
        """Tell why Tab did nothing, rather than doing nothing silently."""
        if _number(block) is None:
            text = "รายการแบบจุดมีระดับเดียว ถ้าต้องการข้อย่อย ใช้เลขลำดับ เช่น ๑.๑"
        elif step > 0:
            text = "ข้อนี้เป็นข้อย่อยไม่ได้ เพราะไม่มีข้อก่อนหน้าในระดับเดียวกัน"
        else:
            text = "ข้อนี้อยู่ระดับบนสุดแล้ว"
        rect = self.edit.cursorRect()
        QToolTip.showText(self.edit.viewport().mapToGlobal(rect.bottomLeft()), text, self.edit)

    def _list_change(self, block: QTextBlock, change: Callable[[], None]) -> None:
        """Change the list the block is in, as one undo step. A list numbered in sequence is
        renumbered after the change, as Word does; a list whose numbers the clerk chose
        (a skipped ๔ stands for an item on another page) keeps them."""
        doc = self.edit.document()
        lines = _list_of(block)
        first = lines[0].position()
        numbers = [n for _, n in _numbers_of(lines)]
        in_sequence = bool(numbers) and [n.parts for n in numbers] == _in_sequence(numbers)
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        change()
        if in_sequence:
            after = _numbers_of(_list_of(doc.findBlock(first)))
            for (b, n), parts in zip(after, _in_sequence([n for _, n in after])):
                if parts != n.parts:
                    _put_label(b, len(n.typed), n.with_parts(parts))
        cursor.endEditBlock()
        self._timer.start()


def _selected_blocks(cursor: QTextCursor) -> list[QTextBlock]:
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

    def _owner(self) -> RichTextEdit | None:
        owner = self.parent()
        return owner if isinstance(owner, RichTextEdit) else None

    def event(self, event: QEvent) -> bool:
        # Tab in a list item changes its level, as in Word; QTextEdit would take it for
        # moving to the next field before keyPressEvent sees it
        if (isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
                and not event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)):
            back = event.key() == Qt.Key.Key_Backtab or bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            owner = self._owner()
            if owner is not None and owner.change_level(-1 if back else 1):
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        owner = self._owner()
        if owner is not None:
            if event.matches(QKeySequence.StandardKey.Bold):  # Ctrl+B, handled here, not as a global shortcut
                owner.toggle_bold()
                return
            if event.matches(QKeySequence.StandardKey.InsertParagraphSeparator) and owner.enter_in_list():
                return
        if self._at_line_start() and event.text() and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            # Typing here can make, change or unmake a list label. In an edit block, the
            # hanging indent that follows (_hang_items) is undone with the key, not by an
            # Undo of its own that seems to do nothing.
            cursor = QTextCursor(self.document())
            cursor.beginEditBlock()
            super().keyPressEvent(event)
            cursor.endEditBlock()
            return
        super().keyPressEvent(event)

    def _at_line_start(self) -> bool:
        """Is there nothing but label characters (digits . ) - • spaces) before the cursor?"""
        start = self.textCursor().selectionStart()
        block = self.document().findBlock(start)
        return bool(_LABEL_START.match(strip_break_markers(block.text()[: start - block.position()])))

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.focus_lost.emit()

    def insertFromMimeData(self, source: QMimeData) -> None:
        """Paste keeps paragraphs, bold, bullets and numbers, and a table as one line per
        row; drops fonts, colours and styling."""
        if source.hasHtml():
            tmp = QTextDocument()
            tmp.setHtml(source.html())
            text = _tidy_pasted(decode_entities(document_to_markup(tmp)))
        else:
            text = normalize_text(clean_html(source.text()))
        split = split_inline_lists(text)  # "…ชัดเจน ๒. แจกเวียน…": one item a line if the clerk says so
        if split != text and ask_split_lists(self, [(text, split)]):
            text = split
        frag_doc = QTextDocument()
        markup_to_document(text, frag_doc, self.currentCharFormat())
        cursor = self.textCursor()
        cursor.beginEditBlock()  # one undo step with the hanging indent that follows
        cursor.insertFragment(QTextDocumentFragment(frag_doc))
        cursor.endEditBlock()
        self.setTextCursor(cursor)
