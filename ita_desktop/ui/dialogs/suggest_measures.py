"""แนะนำมาตรการ: library measures ranked for the plan's weak points, added with one click."""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QInputDialog,
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
from ita_desktop.thai.words import display_text
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
            # the indicator it is saved under, then the weak questions that made the suggestion
            answers = [self.tr("ตัวชี้วัดที่ ") + to_thai_digits(str(s.indicator))] if s.indicator is not None else []
            if s.questions:
                answers.append(self.tr("ข้อ ") + ", ".join(c.upper() for c in s.questions))
            title = display_text(library.fill(s.measure.title, self.doc.data.office, self.plan.fiscal_year))
            item = QListWidgetItem(f"{title}\n"  # broken between words, as the editor breaks them
                                   f"    ตอบ: {' · '.join(answers)}")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, s.measure.key)
            self.list.addItem(item)

    def chosen(self) -> list[str]:
        return [str(self.list.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]

    def add_chosen(self) -> None:
        """Add the checked suggestions under the indicator shown, each in the ประเด็น whose weak
        questions it answers (the clerk picks when several do); one undo step."""
        keys = set(self.chosen())
        chosen = [(s, self.issue_for(s)) for s in self.suggestions if s.measure.key in keys]
        if chosen:
            self.doc.edit(self.tr("เพิ่มมาตรการที่แนะนำ"),
                          lambda: [library.add_from_library(self.doc.data, self.plan, s.measure, s.indicator, group)
                                   for s, group in sorted(chosen, key=lambda c: c[0].measure.key)])
        self.accept()

    def issue_for(self, s: library.Suggestion) -> str:
        """The id of the ประเด็น the suggested measure goes in ("" for none)."""
        groups = library.issues_answered(self.doc.data, self.plan, s.questions)
        if len(groups) <= 1:
            return groups[0].id if groups else ""
        return self.ask_issue(library.fill(s.measure.title, self.doc.data.office, self.plan.fiscal_year), groups)

    def ask_issue(self, title: str, groups: list[m.AnalysisGroup]) -> str:
        none = self.tr("ไม่ระบุประเด็น")
        names = [f"{to_thai_digits(str(n))}. {g.title}" for n, g in enumerate(groups, 1)] + [none]
        name, ok = QInputDialog.getItem(self, self.tr("เลือกประเด็นของมาตรการ"),
                                        self.tr(f"มาตรการ «{title}» ตอบข้อที่อยู่ในหลายประเด็น: เลือกประเด็นที่จะจัดไว้"),
                                        names, 0, False)
        return groups[names.index(name)].id if ok and name != none else ""
