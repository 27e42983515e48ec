"""รวมข้อมูลจากไฟล์อื่น: what another copy brings, and the clerk's choice for each conflict."""
from __future__ import annotations

import difflib
import html

from PySide6.QtCore import Qt
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

from ita_desktop.store.merge import Conflict, MergePlan
from ita_desktop.thai.digits import to_thai_digits
from ita_desktop.thai.words import words


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
    """The merge's summary, the list of conflicts and, for the one selected, both texts with the
    differing words marked and a choice of this file's or the other file's value."""

    def __init__(self, parent: QWidget | None, plan: MergePlan) -> None:
        super().__init__(parent)
        self.plan = plan
        self.setWindowTitle(self.tr("รวมข้อมูลจากไฟล์อื่น"))
        self.resize(860, 520)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self.tr("จาก ") + plan.source))
        summary = QLabel(self.tr(plan.summary()) + (
            self.tr("\nรายการที่แก้เพียงฝั่งเดียวและช่องที่แก้ต่างช่องกันจะรวมให้เอง; "
                    "ช่องที่แก้ทั้งสองฝั่งต้องเลือก") if plan.conflicts else ""))
        summary.setWordWrap(True)
        lay.addWidget(summary)
        self.auto = QListWidget()
        for kind, label, _mine, _theirs, fields in plan.changes():
            self.auto.addItem(f"{kind}: {label}" + (f" ({', '.join(fields)})" if fields else ""))
        self.auto.currentRowChanged.connect(self._show_change)
        self.auto.setMaximumHeight(130)
        lay.addWidget(QLabel(self.tr("รวมให้เอง (คลิกเพื่อดูสิ่งที่เปลี่ยน)")))
        lay.addWidget(self.auto)
        lay.addWidget(QLabel(self.tr("ช่องที่ขัดแย้ง (ต้องเลือก)")))
        row = QHBoxLayout()
        self.list = QListWidget()
        for c in plan.conflicts:
            item = QListWidgetItem(f"{c.label} · {c.field}")
            self.list.addItem(item)
        self.list.currentRowChanged.connect(self._show)
        row.addWidget(self.list, 2)
        right = QVBoxLayout()
        self.diff = QTextBrowser()
        right.addWidget(self.diff, 1)
        choice = QHBoxLayout()
        self.mine = QRadioButton(self.tr("ใช้ของไฟล์นี้"))
        self.theirs = QRadioButton(self.tr("ใช้ของอีกไฟล์"))
        self.mine.toggled.connect(lambda on: on and self._choose("mine"))
        self.theirs.toggled.connect(lambda on: on and self._choose("theirs"))
        choice.addWidget(self.mine)
        choice.addWidget(self.theirs)
        right.addLayout(choice)
        row.addLayout(right, 3)
        lay.addLayout(row, 1)
        every = QHBoxLayout()
        for text, side in (("ใช้ของไฟล์นี้ทุกช่องที่ขัดแย้ง", "mine"), ("ใช้ของอีกไฟล์ทุกช่องที่ขัดแย้ง", "theirs")):
            b = QPushButton(self.tr(text))
            b.clicked.connect(lambda _c=False, s=side: self.choose_all(s))
            every.addWidget(b)
        every.addStretch(1)
        lay.addLayout(every)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("รวมข้อมูล"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("ยกเลิก"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        for w in (self.list, self.diff, self.mine, self.theirs):
            w.setEnabled(bool(plan.conflicts))
        if plan.conflicts:
            self.list.setCurrentRow(0)
        self._update()

    def _show_change(self, row: int) -> None:
        changes = self.plan.changes()
        if not 0 <= row < len(changes):
            return
        _kind, label, mine, theirs, fields = changes[row]
        parts = [f"<b>{html.escape(label)}</b>"]
        if mine is None:
            shown = [k for k in ("title", "steps", "period", "responsible", "output", "outcome", "name")
                     if theirs.get(k)]
            parts += [f"{k}: " + html.escape(str(theirs[k]))[:400] for k in shown]
        else:
            parts += [f"{f}: " + word_diff(str(mine.get(f) or ""), str(theirs.get(f) or "")) for f in fields]
        self.diff.setHtml("<br>".join(parts))

    def _current(self) -> Conflict | None:
        row = self.list.currentRow()
        return self.plan.conflicts[row] if 0 <= row < len(self.plan.conflicts) else None

    def _show(self, _row: int) -> None:
        c = self._current()
        if c is None:
            return
        self.diff.setHtml(self.tr("<b>ไฟล์นี้ → อีกไฟล์</b><br>") + word_diff(str(c.mine or ""), str(c.theirs or "")))
        for button, side in ((self.mine, "mine"), (self.theirs, "theirs")):
            button.blockSignals(True)
            button.setChecked(c.choice == side)
            button.blockSignals(False)

    def _choose(self, side: str) -> None:
        c = self._current()
        if c is not None:
            c.choice = side
            item = self.list.item(self.list.currentRow())
            item.setText(f"{c.label} · {c.field} → {'ไฟล์นี้' if side == 'mine' else 'อีกไฟล์'}")
        self._update()

    def choose_all(self, side: str) -> None:
        for i, c in enumerate(self.plan.conflicts):
            c.choice = side
            self.list.item(i).setText(f"{c.label} · {c.field} → {'ไฟล์นี้' if side == 'mine' else 'อีกไฟล์'}")
        self._show(self.list.currentRow())
        self._update()

    def _update(self) -> None:
        left = len(self.plan.unresolved)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(left == 0)
        ok.setText(self.tr("รวมข้อมูล") if left == 0 else self.tr(f"เหลือ {to_thai_digits(str(left))} ช่องที่ต้องเลือก"))
        self.list.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
