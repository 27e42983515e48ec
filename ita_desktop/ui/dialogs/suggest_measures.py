"""แนะนำมาตรการ: library measures ranked for the plan's weak points, added with one click."""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ita_desktop.domain import library
from ita_desktop.domain import models as m
from ita_desktop.domain.weakpoints import plan_weak_points
from ita_desktop.resources import measure_library
from ita_desktop.thai.digits import to_thai_digits
from ita_desktop.ui.dialogs.fit import bounded, fit_to_screen
from ita_desktop.ui.document import Document


class SuggestMeasuresDialog(QDialog):
    """Ranked suggestions with check boxes; the chosen ones are added as one undo step."""

    def __init__(self, parent: QWidget | None, doc: Document, plan: m.Plan) -> None:
        super().__init__(parent)
        self.doc = doc
        self.plan = plan
        self.setWindowTitle(self.tr("แนะนำมาตรการจากจุดที่ต้องพัฒนา"))
        lay = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        lay.addWidget(self.summary)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        lay.addWidget(self.list, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("เพิ่มมาตรการที่เลือก"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("ปิด"))
        buttons.accepted.connect(self.add_chosen)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        fit_to_screen(self, 720, 520)
        self.suggestions: list[library.Suggestion] = []
        self.refresh()

    def sizeHint(self) -> QSize:
        return bounded(super().sizeHint(), self)

    def refresh(self) -> None:
        found = plan_weak_points(self.doc.data, self.plan)
        self.list.clear()
        if found is None:
            self.summary.setText(self.tr("มาตรการปีนี้ยังไม่ได้อ้างอิงผลการประเมิน ITA ที่มีคะแนน จึงยังแนะนำไม่ได้"))
            return
        fw, weak = found
        measures = measure_library()
        self.suggestions = library.suggest(fw, weak, measures, library.in_plan(self.doc.data, self.plan))
        left = library.unanswered(self.doc.data, self.plan, fw, weak, measures)
        self.summary.setText(self.tr(
            f"ข้อที่ต่ำกว่า {to_thai_digits(f'{weak.threshold:g}')} และยังไม่มีมาตรการรองรับ: "
            f"{', '.join(c.upper() for c in left) or 'ไม่มี'}"))
        for s in self.suggestions:
            answers = [self.tr("ตัวชี้วัดที่ ") + to_thai_digits(", ".join(map(str, s.indicators)))] if s.indicators else []
            if s.questions:
                answers.append(self.tr("ข้อ ") + ", ".join(c.upper() for c in s.questions))
            item = QListWidgetItem(f"{library.fill(s.measure.title, self.doc.data.office, self.plan.fiscal_year)}\n"
                                   f"    ตอบ: {' · '.join(answers)}")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, s.measure.key)
            self.list.addItem(item)

    def chosen(self) -> list[str]:
        return [str(self.list.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]

    def add_chosen(self) -> None:
        keys = set(self.chosen())
        if keys:
            by_key = {lm.key: lm for lm in measure_library()}
            self.doc.edit(self.tr("เพิ่มมาตรการที่แนะนำ"),
                          lambda: [library.add_from_library(self.doc.data, self.plan, by_key[k]) for k in sorted(keys)])
        self.accept()
