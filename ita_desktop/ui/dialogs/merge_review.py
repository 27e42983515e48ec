"""รวมข้อมูลจากไฟล์อื่น: what another copy brings, and the clerk's choice for each conflict."""
from __future__ import annotations

import difflib
import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, Qt
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

from ita_desktop.store.merge import Conflict, MergePlan, field_label, shown_value
from ita_desktop.thai.digits import to_thai_digits
from ita_desktop.thai.words import words
from ita_desktop.ui.dialogs.fit import bounded, fit_to_screen


def word_diff(old: str, new: str) -> str:
    """HTML of two texts with the words that differ marked (Thai cut into words)."""
    a, b = words(old or ""), words(new or "")
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(html.escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(f'<span style="background:#fdd;text-decoration:line-through">{html.escape("".join(a[i1:i2]))}</span>')
        if j2 > j1:
            out.append(f'<span style="background:#dfd">{html.escape("".join(b[j1:j2]))}</span>')
    return "".join(out).replace("\n", "<br>")


class MergeReviewDialog(QDialog):
    """The merge's summary, what is merged without asking, the list of conflicts and, for the
    one selected, both texts with the differing words marked and a choice of this file's or
    the other file's value (for that field, for the whole record, or for every conflict)."""

    def __init__(self, parent: QWidget | None, plan: MergePlan) -> None:
        super().__init__(parent)
        self.plan = plan
        self.setWindowTitle(self.tr("รวมข้อมูลจากไฟล์อื่น"))
        fit_to_screen(self, 900, 600)
        lay = QVBoxLayout(self)
        source = QLabel(self.tr("จากไฟล์ «") + Path(plan.source).name + "»")
        source.setToolTip(plan.source)
        lay.addWidget(source)
        summary = QLabel(to_thai_digits(plan.summary()) + (
            self.tr("\nรายการที่แก้เพียงฝั่งเดียวและช่องที่แก้ต่างช่องกันจะรวมให้เอง; "
                    "ช่องที่แก้ทั้งสองฝั่งต้องเลือกว่าจะใช้ของไฟล์ใด") if plan.conflicts else ""))
        summary.setWordWrap(True)
        lay.addWidget(summary)
        self.auto = QListWidget()
        self.changes = plan.changes()
        for kind, label, _mine, _theirs, fields in self.changes:
            text = f"{kind}: {label}" + (f" ({', '.join(field_label(f) for f in fields)})" if fields else "")
            item = QListWidgetItem(text)
            item.setToolTip(text)
            self.auto.addItem(item)
        self.auto.currentRowChanged.connect(self._show_change)
        self.auto.setMaximumHeight(120)
        lay.addWidget(QLabel(self.tr("รวมให้เอง (คลิกเพื่อดูสิ่งที่เปลี่ยน)")))
        lay.addWidget(self.auto)
        lay.addWidget(QLabel(self.tr("ช่องที่ขัดแย้ง (ต้องเลือก)")))
        row = QHBoxLayout()
        self.list = QListWidget()
        for c in plan.conflicts:
            item = QListWidgetItem(self._conflict_text(c))
            item.setToolTip(c.label)
            self.list.addItem(item)
        self.list.currentRowChanged.connect(self._show)
        for view in (self.auto, self.list):  # long titles end in "…" (whole in the tooltip)
            view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        row.addWidget(self.list, 2)
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
        row.addLayout(right, 3)
        lay.addLayout(row, 1)
        every = QHBoxLayout()
        for text, side in (("ใช้ของไฟล์นี้ทุกช่องที่ขัดแย้ง", "mine"), ("ใช้ของอีกไฟล์ทุกช่องที่ขัดแย้ง", "theirs")):
            b = QPushButton(self.tr(text))
            b.clicked.connect(lambda _c=False, s=side: self.choose_all(s))
            b.setEnabled(bool(plan.conflicts))
            every.addWidget(b)
        every.addStretch(1)
        lay.addLayout(every)
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
        elif self.auto.count():
            self.auto.setCurrentRow(0)
        self._update()

    def sizeHint(self) -> QSize:
        return bounded(super().sizeHint(), self)

    # --- showing ------------------------------------------------------------------------
    def _conflict_text(self, c: Conflict) -> str:
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
        kind, label, mine, theirs, fields = self.changes[row]
        parts = [f"<b>{html.escape(kind)}: {html.escape(label)}</b>"]
        if mine is None:
            shown = [k for k in ("title", "name", "steps", "period", "responsible", "output", "outcome",
                                 "status") if theirs.get(k)]
            parts += [f"<b>{field_label(k)}:</b> " + html.escape(str(theirs[k])[:600]).replace("\n", "<br>")
                      for k in shown]
        else:
            parts += [f"<b>{field_label(f)}:</b> " + word_diff(shown_value(f, mine.get(f)),
                                                                 shown_value(f, theirs.get(f)))
                      for f in fields]
        self.diff.setHtml("<br>".join(parts))

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
        mine, theirs = shown_value(c.field, c.mine), shown_value(c.field, c.theirs)
        self.diff.setHtml(
            f"<b>{html.escape(c.label)}</b><br>"
            + self.tr("ช่อง") + f" <b>{field_label(c.field)}</b> "
            + self.tr("(ขีดฆ่า = มีเฉพาะในไฟล์นี้, พื้นเขียว = มีเฉพาะในอีกไฟล์)") + "<br><br>"
            + word_diff(mine, theirs))
        for button, side in ((self.mine, "mine"), (self.theirs, "theirs")):
            button.blockSignals(True)
            button.setChecked(c.choice == side)
            button.blockSignals(False)

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
