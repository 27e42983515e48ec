"""ประเด็นการวิเคราะห์: the groups of the analysis document of one plan, and their texts."""
from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ita_desktop.domain import grouping, library
from ita_desktop.domain import models as m
from ita_desktop.domain.framework import Framework, code_text
from ita_desktop.domain.weakpoints import plan_weak_points
from ita_desktop.resources import issue_templates, measure_library
from ita_desktop.ui.document import Document
from ita_desktop.ui.widgets.buttons import add_buttons
from ita_desktop.ui.widgets.fields import LineField, explain_disabled
from ita_desktop.ui.widgets.rich_text import RichTextEdit

FIELDS = (("to_fix", "ข้อบกพร่อง/จุดอ่อนที่ต้องแก้ไขเร่งด่วน"), ("to_improve", "ข้อที่ต้องพัฒนา"),
          ("to_keep", "รักษาระดับ"), ("approach", "แนวทางการนำไปสู่การปฏิบัติ"))


class GroupsPanel(QWidget):
    """Create groups (by indicator or by the issue template), fill suggested texts into empty
    fields, and edit each group's title, questions and texts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc: Document | None = None
        self.plan: m.Plan | None = None
        self.group: m.AnalysisGroup | None = None
        self.why = ""  # why nothing can be created here (no plan, no ITA result)
        lay = QVBoxLayout(self)
        # two rows: in one, the three buttons made the window wider than a 1366×768 screen
        # at 125 %
        row = QHBoxLayout()
        self.by_indicator, self.by_issues = add_buttons(row, [
            (self.tr("สร้างตามตัวชี้วัด"), lambda: self.create_groups("indicator")),
            (self.tr("สร้างตามประเด็น (แม่แบบ)"), lambda: self.create_groups("issues"))])
        lay.addLayout(row)
        row = QHBoxLayout()
        (self.suggest,) = add_buttons(row, [
            (self.tr("เติมข้อความแนะนำในช่องที่ว่าง"), self.fill_suggestions)])
        lay.addLayout(row)
        self.status = QLabel()
        self.status.setWordWrap(True)
        lay.addWidget(self.status)
        split = QSplitter()
        self.list = QListWidget()
        self.list.currentRowChanged.connect(self._chosen)
        split.addWidget(self.list)
        body = QWidget()
        form = QFormLayout(body)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # labels above: the pane is narrow
        self.title = LineField()
        self.title.committed.connect(lambda v: self._set("title", v))
        form.addRow(self.tr("ชื่อประเด็น"), self.title)
        self.questions = LineField(placeholder=self.tr("เช่น I1, I2, O7"))
        self.questions.committed.connect(self._set_questions)
        form.addRow(self.tr("ข้อคำถาม"), self.questions)
        self.stale = QLabel()
        self.stale.setStyleSheet("color: #b00020;")
        self.stale.setWordWrap(True)
        form.addRow(self.stale)
        self.texts: dict[str, RichTextEdit] = {}
        for field, label in FIELDS:
            edit = RichTextEdit(min_lines=3)
            edit.setFocusProxy(edit.edit)  # go_to's setFocus() puts the cursor in the text
            edit.committed.connect(lambda v, f=field: self._set(f, v))
            self.texts[field] = edit
            form.addRow(self.tr(label), edit)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        split.addWidget(scroll)
        split.setStretchFactor(1, 3)
        split.setSizes([170, 420])
        lay.addWidget(split, 1)

    # --- data -----------------------------------------------------------------------
    def show_plan(self, doc: Document, plan: m.Plan | None) -> None:
        self.doc, self.plan = doc, plan
        self.refresh()

    def _context(self) -> tuple[Framework, dict[str, Decimal | None]] | None:
        if self.doc is None or self.plan is None:
            return None
        found = plan_weak_points(self.doc.data, self.plan)
        if found is None:
            return None
        fw, _weak = found
        a = self.doc.data.assessment_by_id(self.plan.based_on)
        assert a is not None
        scores = {k.lower(): s.score for k, s in self.doc.data.question_scores_of(a.id).items()}
        return fw, scores

    def refresh(self) -> None:
        groups = self.doc.data.groups_of(self.plan.id) if self.doc and self.plan else []
        current = self.group.id if self.group else None
        self.list.blockSignals(True)
        self.list.clear()
        for g in groups:
            self.list.addItem(g.title)
        index = next((i for i, g in enumerate(groups) if g.id == current), 0 if groups else -1)
        self.list.setCurrentRow(index)
        self.list.blockSignals(False)
        if self.plan is None:
            why = self.tr("ยังไม่มีปีงบประมาณ — กด «เพิ่มปีงบประมาณ…» เพื่อเริ่ม")
        elif self._context() is None:
            why = self.tr("ต้องมีผลการประเมิน ITA ที่มาตรการปีนี้อ้างอิง จึงจะสร้างประเด็นได้")
        else:
            why = ""
        for b in (self.by_indicator, self.by_issues, self.suggest):
            explain_disabled(b, why)
        if why or self.why:
            self.status.setText(why)  # a reason replaces the last report; a report stays
        self.why = why
        self._chosen(index)

    def _chosen(self, row: int) -> None:
        groups = self.doc.data.groups_of(self.plan.id) if self.doc and self.plan else []
        self.group = groups[row] if 0 <= row < len(groups) else None
        g = self.group
        no_group = "" if g else self.why or self.tr(
            "ยังไม่มีประเด็น — กด «สร้างตามตัวชี้วัด» หรือ «สร้างตามประเด็น (แม่แบบ)»")
        self.title.set_value(g.title if g else "")
        self.questions.set_value(", ".join(code_text(c) for c in g.questions) if g else "")
        for widget in (self.title, self.questions, *self.texts.values()):
            explain_disabled(widget, no_group)
        for field, edit in self.texts.items():
            edit.set_markup(str(getattr(g, field)) if g else "")
        context = self._context()
        stale = grouping.stale_fields(g, context[1]) if g and context else []
        names = dict(FIELDS)
        self.stale.setText(self.tr("⚠ ข้อความนี้อ้างคะแนนที่เปลี่ยนไปแล้ว: ") + ", ".join(names[f] for f in stale)
                           if stale else "")

    # --- edits ----------------------------------------------------------------------
    def _set(self, field: str, value: object) -> None:
        if self.doc and self.group:
            self.doc.set_field(self.group, field, value)

    def _set_questions(self, text: str) -> None:
        codes = [c.strip().lower() for c in text.replace("ข้อ", "").split(",") if c.strip()]
        self._set("questions", codes)

    def create_groups(self, mode: str) -> None:
        context = self._context()
        if self.doc is None or self.plan is None or context is None:
            return
        fw = context[0]
        doc, plan = self.doc, self.plan
        try:
            templates = issue_templates() if mode == "issues" else {}
            doc.edit(self.tr("สร้างประเด็นการวิเคราะห์"), lambda: grouping.make_groups(doc.data, plan, fw, mode, templates))
        except ValueError as exc:
            self.status.setText(str(exc))
            return
        self.refresh()

    def fill_suggestions(self) -> list[str]:
        """Suggested texts into every group's empty fields; returns the fields filled."""
        context = self._context()
        if self.doc is None or self.plan is None or context is None:
            return []
        fw, scores = context
        found = plan_weak_points(self.doc.data, self.plan)
        assert found is not None
        suggestions = library.suggest(fw, found[1], measure_library())
        doc, plan = self.doc, self.plan
        filled: list[str] = []

        def apply() -> list[m.Record]:
            changed: list[m.Record] = []
            for g in doc.data.groups_of(plan.id):
                codes = {c.lower() for c in g.questions}
                titles = [library.fill(s.measure.title, doc.data.office, plan.fiscal_year)
                          for s in suggestions if codes & set(s.questions)][:3]
                fields = grouping.fill_empty(g, grouping.suggested_texts(g, fw, scores, titles))
                if fields:
                    filled.extend(f"{g.title}: {f}" for f in fields)
                    changed.append(g)
            return changed
        doc.edit(self.tr("เติมข้อความแนะนำ"), apply)
        self.status.setText(self.tr(f"เติมข้อความแนะนำแล้ว {len(filled)} ช่อง (ช่องที่มีข้อความอยู่แล้วไม่ถูกแก้)")
                            if filled else self.tr("ไม่มีช่องว่างให้เติม"))
        self.refresh()
        return filled
