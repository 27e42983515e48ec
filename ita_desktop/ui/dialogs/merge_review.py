"""รวมข้อมูลจากไฟล์อื่น: what another copy brings, and the clerk's choice for each conflict."""
from __future__ import annotations

import difflib
import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ita_desktop.store.merge import ADDED, DELETED, META, Change, Conflict, MergePlan, field_label
from ita_desktop.thai.digits import to_thai_digits
from ita_desktop.thai.words import words
from ita_desktop.ui.dialogs.fit import bounded, fit_to_screen


def word_diff(old: str, new: str) -> str:
    """HTML of two texts with the words that differ marked (Thai cut into words). A text
    rewritten with little in common reads as the old one struck through, then the new one:
    interleaved, its words would make neither text readable."""
    a, b = words(old or ""), words(new or "")
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    if rewritten(old, new):
        return (f'<span style="{GONE}">{html.escape(old)}</span><br><br>'
                f'<span style="{CAME}">{html.escape(new)}</span>').replace("\n", "<br>")
    out = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(html.escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(f'<span style="{GONE}">{html.escape("".join(a[i1:i2]))}</span>')
        if j2 > j1:
            out.append(f'<span style="{CAME}">{html.escape("".join(b[j1:j2]))}</span>')
    return "".join(out).replace("\n", "<br>")


def rewritten(old: str, new: str) -> bool:
    """The two texts have little in common (word by word)."""
    a, b = words(old or ""), words(new or "")
    return bool(a and b) and difflib.SequenceMatcher(a=a, b=b, autojunk=False).ratio() < REWRITTEN


GONE = "background:#fdd;text-decoration:line-through"
CAME = "background:#dfd"
REWRITTEN = 0.4  # share of words in common below which a text counts as rewritten


LEGEND = "(ขีดฆ่า = ข้อความที่จะหายไป, พื้นเขียว = ข้อความที่จะเข้ามา)"
SHORT = 80  # characters: a value this short reads as "old → new" on one line


def _escaped(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def change_html(plan: MergePlan, change: Change) -> str:
    """What the merge does to one record, as the clerk reads it: an added or deleted record
    with what it holds, a changed one field by field (old → new, long texts word by word)."""
    head = f"<b>{html.escape(change.kind)}: {html.escape(change.label)}</b>"
    if change.kind in (ADDED, DELETED):
        row = change.theirs if change.kind == ADDED else (change.mine or {})
        said = ("รายการนี้ถูกลบที่อีกไฟล์ เมื่อรวมแล้วจะลบออกจากไฟล์นี้ด้วย (เลิกทำได้จากเมนูแก้ไข)"
                if change.kind == DELETED else "รายการใหม่จากอีกไฟล์ ซึ่งไฟล์นี้ยังไม่มี")
        fields = [f for f in row if f not in (*META, "deleted", "sort_key", "logo")
                  and row[f] not in (None, "", "[]", "{}")]
        lines = [f"<b>{field_label(f)}:</b> " + _escaped(_cut(plan.shown(change.table, f, row[f])))
                 for f in fields]
        return "<br>".join([head, said, *lines])
    lines = [field_change(plan, change.table, f, (change.mine or {}).get(f), change.theirs.get(f))
             for f in change.fields]
    legend = [LEGEND] if any("<span" in line for line in lines) else []
    return "<br>".join([head, *legend, *lines])


def field_change(plan: MergePlan, table: str, name: str, old: object, new: object) -> str:
    """"field: old → new"; a long text as the words that differ."""
    label = f"<b>{html.escape(field_label(name))}:</b> "
    if name == "sort_key":
        return label + "ย้ายตำแหน่งในรายการ"
    before, after = plan.shown(table, name, old), plan.shown(table, name, new)
    if max(len(before), len(after)) <= SHORT and "\n" not in before + after:
        return label + html.escape(before) + " → " + html.escape(after)
    return label + "<br>" + word_diff(before, after)


def _cut(text: str, limit: int = 600) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


class MergeReviewDialog(QDialog):
    """The merge's summary, what is merged without asking, the list of conflicts and, for the
    one selected, both texts with the differing words marked and a choice of this file's or
    the other file's value (for that field, for the whole record, or for every conflict)."""

    def __init__(self, parent: QWidget | None, plan: MergePlan) -> None:
        super().__init__(parent)
        self.plan = plan
        self.setWindowTitle(self.tr("รวมข้อมูลจากไฟล์อื่น"))
        fit_to_screen(self, 1040, 640)
        lay = QVBoxLayout(self)
        source = QLabel(self.tr("จากไฟล์ «") + Path(plan.source).name + "»")
        source.setToolTip(plan.source)
        lay.addWidget(source)
        self.summary = summary = QLabel(to_thai_digits(plan.summary()) + (
            self.tr("\nรายการที่แก้เพียงฝั่งเดียวและช่องที่แก้ต่างช่องกันจะรวมให้เอง; "
                    "ช่องที่แก้ทั้งสองฝั่งต้องเลือกว่าจะใช้ของไฟล์ใด") if plan.conflicts else ""))
        summary.setWordWrap(True)
        lay.addWidget(summary)
        self.auto = QListWidget()
        self.changes = plan.changes()
        for change in self.changes:
            text = f"{change.kind}: {change.label}"
            if change.fields:
                text += f" ({', '.join(field_label(f) for f in change.fields)})"
            item = QListWidgetItem(text)
            item.setToolTip(text)
            if change.kind == DELETED:  # what takes a record away stands out
                item.setForeground(QColor("#a00000"))
            self.auto.addItem(item)
        if not self.changes:  # an empty box reads as something missing
            none = QListWidgetItem(self.tr("ไม่มี"))
            none.setFlags(Qt.ItemFlag.NoItemFlags)
            self.auto.addItem(none)
        self.auto.currentRowChanged.connect(self._show_change)
        self.auto.setMaximumHeight(150)
        lay.addWidget(QLabel(self.tr("รวมให้เอง (คลิกเพื่อดูสิ่งที่เปลี่ยน)")))
        lay.addWidget(self.auto)
        conflicts_label = QLabel(self.tr("ช่องที่ขัดแย้ง (ต้องเลือก)") if plan.conflicts
                                 else self.tr("รายละเอียดของรายการที่เลือก"))
        lay.addWidget(conflicts_label)
        row = QHBoxLayout()
        self.list = QListWidget()
        for c in plan.conflicts:
            item = QListWidgetItem(self._conflict_text(c))
            item.setToolTip(f"{field_label(c.field)} — {c.label}")
            self.list.addItem(item)
        self.list.currentRowChanged.connect(self._show)
        for view in (self.auto, self.list):  # a long row wraps: the record's name reads whole
            view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            view.setWordWrap(True)
            view.setTextElideMode(Qt.TextElideMode.ElideNone)
        row.addWidget(self.list, 1)
        right = QVBoxLayout()
        self.diff = QTextBrowser()
        right.addWidget(self.diff, 1)
        choice = QHBoxLayout()
        self.mine = QRadioButton(self.tr("ใช้ของไฟล์นี้"))
        self.theirs = QRadioButton(self.tr("ใช้ของอีกไฟล์"))
        for button, side in ((self.mine, "mine"), (self.theirs, "theirs")):
            button.toggled.connect(lambda on, s=side: self._choose(s) if on else None)
        choice.addWidget(self.mine)
        choice.addWidget(self.theirs)
        right.addLayout(choice)
        whole = QHBoxLayout()
        self.record_buttons = []
        for text, side in (("ทั้งรายการนี้ใช้ของไฟล์นี้", "mine"), ("ทั้งรายการนี้ใช้ของอีกไฟล์", "theirs")):
            b = QPushButton(self.tr(text))
            b.clicked.connect(lambda _c=False, s=side: self.choose_record(s))
            whole.addWidget(b)
            self.record_buttons.append(b)
        whole.addStretch(1)
        right.addLayout(whole)
        row.addLayout(right, 2)
        lay.addLayout(row, 1)
        every = QHBoxLayout()
        self.every_buttons = []
        for text, side in (("ใช้ของไฟล์นี้ทุกช่องที่ขัดแย้ง", "mine"), ("ใช้ของอีกไฟล์ทุกช่องที่ขัดแย้ง", "theirs")):
            b = QPushButton(self.tr(text))
            b.clicked.connect(lambda _c=False, s=side: self.choose_all(s))
            every.addWidget(b)
            self.every_buttons.append(b)
        every.addStretch(1)
        lay.addLayout(every)
        if not plan.conflicts:  # nothing to choose: the details take the room
            for w in (self.list, self.mine, self.theirs, *self.record_buttons, *self.every_buttons):
                w.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("รวมข้อมูล"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("ยกเลิก"))
        # not sure yet (ask the division first): merge the rest, keep this file's value, ask next time
        self.partial = False
        self.later = self.buttons.addButton(self.tr("รวมส่วนที่เหลือ ไว้เลือกช่องที่ขัดแย้งครั้งหน้า"),
                                            QDialogButtonBox.ButtonRole.ActionRole)
        self.later.clicked.connect(self.merge_rest)
        self.later.setVisible(bool(plan.conflicts))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self._set_choice_enabled(False)
        if plan.conflicts:  # what needs the clerk comes first
            self.list.setCurrentRow(0)
            self.list.setFocus()
        elif self.changes:
            self.auto.setCurrentRow(0)
        self._update()

    def sizeHint(self) -> QSize:
        return bounded(super().sizeHint(), self)

    # --- showing ------------------------------------------------------------------------
    def _conflict_text(self, c: Conflict) -> str:
        if c.field == "deleted":  # the choice reads as keep or delete
            text = self.tr("ลบหรือเก็บไว้") + f" — {c.label}"
            if c.choice:
                gone = c.mine if c.choice == "mine" else c.theirs
                text += " → " + (self.tr("ลบ") if gone else self.tr("เก็บไว้"))
            return text
        text = f"{field_label(c.field)} — {c.label}"  # the field first: long titles are elided
        if c.choice:
            text += " → " + (self.tr("ไฟล์นี้") if c.choice == "mine" else self.tr("อีกไฟล์"))
        return text

    def _set_choice_enabled(self, on: bool) -> None:
        for w in (self.mine, self.theirs, *self.record_buttons):
            w.setEnabled(on)

    def _show_change(self, row: int) -> None:
        if not 0 <= row < len(self.changes):
            return
        self.list.blockSignals(True)
        self.list.setCurrentRow(-1)  # the choice buttons belong to conflicts only
        self.list.blockSignals(False)
        self._set_choice_enabled(False)
        self.diff.setHtml(change_html(self.plan, self.changes[row]))

    def _current(self) -> Conflict | None:
        row = self.list.currentRow()
        return self.plan.conflicts[row] if 0 <= row < len(self.plan.conflicts) else None

    def _show(self, _row: int) -> None:
        c = self._current()
        if c is None:
            return
        self.auto.blockSignals(True)
        self.auto.setCurrentRow(-1)
        self.auto.blockSignals(False)
        self._set_choice_enabled(True)
        self._name_choices(c)
        if c.field == "deleted":  # a record deleted on one side and edited on the other
            self.diff.setHtml(self._deletion_html(c))
            return
        mine, theirs = (self.plan.shown(c.table, c.field, v) for v in (c.mine, c.theirs))
        parts = [f"<b>{html.escape(c.label)}</b>",
                 self.tr("ช่อง") + f" <b>{html.escape(field_label(c.field))}</b> "
                 + self.tr("แก้ไว้ต่างกันทั้งสองไฟล์ เลือกว่าจะใช้ของไฟล์ใด"), ""]
        short = max(len(mine), len(theirs)) <= SHORT and "\n" not in mine + theirs
        if short:
            parts += [self.tr("ไฟล์นี้: ") + html.escape(mine), self.tr("อีกไฟล์: ") + html.escape(theirs), ""]
        if not short or not rewritten(mine, theirs):  # the words that differ, when some are alike
            parts += [self.tr("(ขีดฆ่า = มีเฉพาะในไฟล์นี้, พื้นเขียว = มีเฉพาะในอีกไฟล์)"), word_diff(mine, theirs)]
        self.diff.setHtml("<br>".join(parts))
        for button, side in ((self.mine, "mine"), (self.theirs, "theirs")):
            # an undecided conflict shows neither choice: auto-exclusive buttons refuse to be
            # unchecked, so exclusivity is lifted while the state is set
            button.blockSignals(True)
            button.setAutoExclusive(False)
            button.setChecked(c.choice == side)
            button.setAutoExclusive(True)
            button.blockSignals(False)

    def _name_choices(self, c: Conflict) -> None:
        """The two choices say what they do: for a deletion, keep the record or delete it."""
        if c.field != "deleted":
            self.mine.setText(self.tr("ใช้ของไฟล์นี้"))
            self.theirs.setText(self.tr("ใช้ของอีกไฟล์"))
        elif c.mine:
            self.mine.setText(self.tr("ลบ (ตามไฟล์นี้)"))
            self.theirs.setText(self.tr("เก็บไว้ พร้อมการแก้ไขจากอีกไฟล์"))
        else:
            self.mine.setText(self.tr("เก็บไว้ (ตามไฟล์นี้)"))
            self.theirs.setText(self.tr("ลบ (ตามอีกไฟล์)"))

    def _deletion_html(self, c: Conflict) -> str:
        where, other = ((self.tr("ไฟล์นี้"), self.tr("อีกไฟล์")) if c.mine
                        else (self.tr("อีกไฟล์"), self.tr("ไฟล์นี้")))
        edited = [f"<li>{html.escape(line)}</li>" for change in self.changes
                  if change.kind != DELETED and change.label == c.label
                  for line in [f"{change.kind}: " + ", ".join(field_label(f) for f in change.fields)]]
        return "<br>".join([
            f"<b>{html.escape(c.label)}</b>",
            self.tr(f"รายการนี้ถูกลบใน{where} แต่{other}แก้ไขรายการนี้หลังจากนั้น"),
            self.tr("เลือกว่าจะเก็บรายการนี้ไว้ หรือลบ"),
        ]) + (f"<ul>{''.join(edited)}</ul>" if edited else "")

    # --- choosing -----------------------------------------------------------------------
    def _choose(self, side: str) -> None:
        current = self._current()
        self._set_choice(side, lambda c: c is current)

    def choose_record(self, side: str) -> None:
        """The same side for every conflicting field of the selected record."""
        current = self._current()
        if current is not None:
            self._set_choice(side, lambda c: (c.table, c.id) == (current.table, current.id))

    def choose_all(self, side: str) -> None:
        self._set_choice(side, lambda _c: True)

    def _set_choice(self, side: str, which: Callable[[Conflict], bool]) -> None:
        for i, c in enumerate(self.plan.conflicts):
            if which(c):
                c.choice = side
                self.list.item(i).setText(self._conflict_text(c))
        self._show(self.list.currentRow())
        self._update()

    def merge_rest(self) -> None:
        """Merge everything that needs no decision; undecided fields keep this file's value
        and the next merge with that copy asks about them again."""
        self.partial = bool(self.plan.unresolved)
        self.accept()

    def _update(self) -> None:
        left = len(self.plan.unresolved)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(left == 0)
        self.later.setVisible(left > 0)
        ok.setText(self.tr("รวมข้อมูล") if left == 0 else self.tr(f"เหลือ {to_thai_digits(str(left))} ช่องที่ต้องเลือก"))
