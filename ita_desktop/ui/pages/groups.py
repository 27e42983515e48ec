"""ประเด็นการวิเคราะห์: the groups of the analysis document of one plan, and their texts."""
from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ita_desktop.domain import grouping, library
from ita_desktop.domain import models as m
from ita_desktop.domain.framework import Framework, code_text
from ita_desktop.domain.sortkey import key_between, keys_after
from ita_desktop.domain.weakpoints import plan_weak_points
from ita_desktop.resources import issue_templates, measure_library
from ita_desktop.thai.digits import format_score, to_thai_digits
from ita_desktop.thai.words import display_text
from ita_desktop.ui.document import Document
from ita_desktop.ui.widgets.buttons import add_buttons
from ita_desktop.ui.widgets.fields import LineField, explain_disabled
from ita_desktop.ui.widgets.rich_text import RichTextEdit

NEW_TITLE = "ประเด็นใหม่"

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
        # a plan made before the file had a result refers to none: one click links it
        self.link_button = QPushButton()
        self.link_button.clicked.connect(self.link_result)
        self.link_button.hide()
        lay.addWidget(self.link_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.split = split = QSplitter()
        left = QWidget()
        left_lay = QVBoxLayout(left)
        left_lay.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget()
        self.list.setWordWrap(True)  # whole names, broken between Thai words (display_text)
        self.list.currentRowChanged.connect(self._chosen)
        left_lay.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.add_button, self.rename_button, self.delete_button = add_buttons(row, [
            (self.tr("เพิ่ม"), self.add_group), (self.tr("เปลี่ยนชื่อ"), self.rename_group),
            (self.tr("ลบ"), self.delete_group)], stretch=False)
        left_lay.addLayout(row)
        row = QHBoxLayout()
        self.up_button, self.down_button = add_buttons(row, [
            (self.tr("▲ ขึ้น"), lambda: self.move_group(-1)), (self.tr("▼ ลง"), lambda: self.move_group(1))],
            stretch=False)
        left_lay.addLayout(row)
        split.addWidget(left)
        body = QWidget()
        form = QFormLayout(body)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # labels above: the pane is narrow
        self.title = LineField()
        self.title.committed.connect(lambda v: self._set("title", v))
        form.addRow(self.tr("ชื่อประเด็น"), self.title)
        self.questions = LineField(placeholder=self.tr("เช่น I1, I2, O7"))
        self.questions.committed.connect(self._set_questions)
        form.addRow(self.tr("ข้อคำถาม"), self.questions)
        self.scores = QLabel()  # each question's score, the weak ones in red
        self.scores.setWordWrap(True)
        self.scores.setTextFormat(Qt.TextFormat.RichText)
        form.addRow(self.tr("คะแนนรายข้อ"), self.scores)
        self.stale = QLabel()
        self.stale.setStyleSheet("color: #b00020;")
        self.stale.setWordWrap(True)
        form.addRow(self.stale)
        self.texts: dict[str, RichTextEdit] = {}
        self.again: dict[str, QPushButton] = {}
        for field, label in FIELDS:
            edit = RichTextEdit(min_lines=3)
            edit.setFocusProxy(edit.edit)  # go_to's setFocus() puts the cursor in the text
            edit.committed.connect(lambda v, f=field: self._set(f, v))
            self.texts[field] = edit
            head = QWidget()
            head_lay = QHBoxLayout(head)
            head_lay.setContentsMargins(0, 0, 0, 0)
            head_lay.addWidget(QLabel(self.tr(label)), 1)
            (self.again[field],) = add_buttons(head_lay, [
                (self.tr("แนะนำใหม่"), self._suggester(field))], stretch=False)
            self.again[field].setToolTip(self.tr("แทนข้อความในช่องนี้ด้วยข้อความแนะนำจากคะแนนปัจจุบัน"))
            form.addRow(head, edit)
        self.text_scroll = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        split.addWidget(scroll)
        split.setStretchFactor(1, 3)
        split.setSizes([230, 420])
        lay.addWidget(split, 1)

    NARROW = 640  # below this width the list goes above the texts (1366×768 at 125 %)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Side by side where there is room; else the list above and the texts below, full
        width (beside the list they were a hand wide)."""
        narrow = event.size().width() < self.NARROW
        orientation = Qt.Orientation.Vertical if narrow else Qt.Orientation.Horizontal
        if self.split.orientation() != orientation:
            self.split.setOrientation(orientation)
            self.split.setSizes([150, 400] if narrow else [230, 420])
        super().resizeEvent(event)

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
        context = self._context()
        self.list.blockSignals(True)
        self.list.clear()
        for g in groups:
            stale = bool(context and grouping.stale_fields(g, context[1], context[0]))
            item = QListWidgetItem(("⚠ " if stale else "") + display_text(g.title))
            item.setToolTip(g.title + (self.tr("\n⚠ มีข้อความที่อ้างคะแนนที่เปลี่ยนไปแล้ว") if stale else ""))
            self.list.addItem(item)
        index = next((i for i, g in enumerate(groups) if g.id == current), 0 if groups else -1)
        self.list.setCurrentRow(index)
        self.list.blockSignals(False)
        result = self._result_to_link()
        if self.plan is None:
            why = self.tr("ยังไม่มีปีงบประมาณ — กด «เพิ่มปีงบประมาณ…» เพื่อเริ่ม")
        elif context is None and result is not None:
            why = self.tr("มาตรการปีนี้ยังไม่ได้อ้างอิงผลการประเมิน ITA — กดปุ่มด้านล่างเพื่ออ้างอิง")
        elif context is None:
            why = self.tr("ต้องมีผลการประเมิน ITA ที่มาตรการปีนี้อ้างอิง จึงจะสร้างประเด็นได้")
        else:
            why = ""
        self.link_button.setText(self.tr("อ้างอิงผลการประเมิน ITA ปี ") + to_thai_digits(str(result.ita_year))
                                 if result is not None and context is None else "")
        self.link_button.setVisible(result is not None and context is None)
        for b in (self.by_indicator, self.by_issues, self.suggest):
            explain_disabled(b, why)
        explain_disabled(self.add_button, self.tr("ยังไม่มีปีงบประมาณ") if self.plan is None else "")
        if why or self.why:
            self.status.setText(why)  # a reason replaces the last report; a report stays
        self.why = why
        self._chosen(index)

    def _result_to_link(self) -> m.Assessment | None:
        """The result a plan that refers to none would take: the latest one before its year."""
        if self.doc is None or self.plan is None or self.doc.data.assessment_by_id(self.plan.based_on):
            return None
        results = self.doc.data.live_assessments()
        before = [a for a in results if a.ita_year < self.plan.fiscal_year]
        chosen = before or results
        return chosen[-1] if chosen else None

    def link_result(self) -> None:
        result = self._result_to_link()
        if self.doc is not None and self.plan is not None and result is not None:
            self.doc.set_field(self.plan, "based_on", result.id, self.tr("อ้างอิงผลการประเมิน"))
            self.refresh()

    def _chosen(self, row: int) -> None:
        groups = self.doc.data.groups_of(self.plan.id) if self.doc and self.plan else []
        self.group = groups[row] if 0 <= row < len(groups) else None
        g = self.group
        no_group = "" if g else self.why or self.tr(
            "ยังไม่มีประเด็น — กด «สร้างตามตัวชี้วัด» หรือ «สร้างตามประเด็น (แม่แบบ)»")
        self.title.set_value(g.title if g else "")
        self.questions.set_value(", ".join(code_text(c) for c in g.questions) if g else "")
        context = self._context()
        for widget in (self.title, self.questions, *self.texts.values(), self.rename_button, self.delete_button):
            explain_disabled(widget, no_group)
        for button in self.again.values():
            explain_disabled(button, no_group or ("" if context else self.why))
        explain_disabled(self.up_button, no_group or (self.tr("อยู่ลำดับแรกแล้ว") if row == 0 else ""))
        explain_disabled(self.down_button, no_group or (self.tr("อยู่ลำดับสุดท้ายแล้ว")
                                                        if row == len(groups) - 1 else ""))
        for field, edit in self.texts.items():
            edit.set_markup(str(getattr(g, field)) if g else "")
        self.scores.setText(self._scores_html(g, context) if g else "")
        stale = grouping.stale_fields(g, context[1], context[0]) if g and context else []
        names = dict(FIELDS)
        self.stale.setText(self.tr("⚠ ข้อความนี้อ้างคะแนนที่เปลี่ยนไปแล้ว: ") + ", ".join(names[f] for f in stale)
                           if stale else "")

    def _scores_html(self, g: m.AnalysisGroup,
                     context: tuple[Framework, dict[str, Decimal | None]] | None) -> str:
        """The group's questions with their scores; those below the catalog's threshold red."""
        if context is None:
            return self.tr("(ยังไม่มีผลการประเมินที่อ้างอิง)")
        fw, scores = context
        parts = []
        for code in g.questions:
            score = scores.get(code.lower())
            text = f"{code_text(code)} {format_score(score) if score is not None else self.tr('(ยังไม่มีคะแนน)')}"
            weak = score is not None and score < fw.threshold
            parts.append(f'<span style="color:#b00020">{escape(text)}</span>' if weak else escape(text))
        return " · ".join(parts) if parts else self.tr("(ยังไม่ได้ระบุข้อคำถาม)")

    # --- edits ----------------------------------------------------------------------
    def _set(self, field: str, value: object) -> None:
        if self.doc and self.group:
            self.doc.set_field(self.group, field, value)

    def _set_questions(self, text: str) -> None:
        codes = [c.strip().lower() for c in text.replace("ข้อ", "").split(",") if c.strip()]
        self._set("questions", codes)

    def ask_replace_or_add(self) -> str | None:
        """Groups exist: replace them, add after them, or do nothing (None)."""
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("สร้างประเด็น"),
                          self.tr("มีประเด็นอยู่แล้ว — แทนที่หรือเพิ่ม?\n\n"
                                  "«แทนที่»: ลบประเด็นเดิมแล้วสร้างใหม่ (มาตรการที่ผูกกับประเด็นเดิมจะไม่มีประเด็น)\n"
                                  "«เพิ่มต่อท้าย»: เก็บประเด็นเดิมไว้ แล้วเพิ่มประเด็นใหม่ต่อท้าย"),
                          QMessageBox.StandardButton.NoButton, self)
        replace = box.addButton(self.tr("แทนที่"), QMessageBox.ButtonRole.DestructiveRole)
        add = box.addButton(self.tr("เพิ่มต่อท้าย"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("ยกเลิก"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return "replace" if box.clickedButton() is replace else "add" if box.clickedButton() is add else None

    def create_groups(self, mode: str) -> None:
        context = self._context()
        if self.doc is None or self.plan is None or context is None:
            return
        fw = context[0]
        doc, plan = self.doc, self.plan
        choice = self.ask_replace_or_add() if doc.data.groups_of(plan.id) else "add"
        if choice is None:
            return

        def apply() -> list[m.Record]:
            before = doc.data.groups_of(plan.id)
            if choice == "replace":
                for g in before:
                    g.deleted = True
            kept = [g for g in before if not g.deleted]
            made = grouping.make_groups(doc.data, plan, fw, mode, templates)
            # a group made again (it was there once) gets a place after the others
            again = [g for g in made if g not in kept]
            for g, key in zip(again, keys_after(kept[-1].sort_key if kept else None, len(again))):
                g.sort_key = key
                g.title = to_thai_digits(g.title)  # "ตัวชี้วัดที่ ๑ …": the rest of the title is Thai
            gone = {g.id for g in before if g.deleted}
            unlinked = self._unlink(gone)
            self.group = made[0] if made else None
            return list({id(r): r for r in [*before, *made, *unlinked]}.values())
        try:
            templates = issue_templates() if mode == "issues" else {}
            doc.edit(self.tr("สร้างประเด็นการวิเคราะห์"), apply)
        except ValueError as exc:
            self.status.setText(str(exc))
            return
        self.refresh()

    def _unlink(self, gone: set[str]) -> list[m.Record]:
        """Measures of the plan linked to a removed group lose the link (undo gives it back)."""
        assert self.doc is not None and self.plan is not None
        out: list[m.Record] = []
        for x in self.doc.data.measures_of(self.plan.id):
            if x.group_id and x.group_id in gone:
                x.group_id = ""
                out.append(x)
        return out

    def add_group(self) -> None:
        """A new, empty issue after the last one; its title field takes the keyboard."""
        if self.doc is None or self.plan is None:
            return
        doc, plan = self.doc, self.plan

        def apply() -> list[m.Record]:
            groups = doc.data.groups_of(plan.id)
            group = m.AnalysisGroup(id=m.new_id(), plan_id=plan.id, title=self.tr(NEW_TITLE),
                                    sort_key=key_between(groups[-1].sort_key if groups else None, None))
            doc.data.groups.append(group)
            self.group = group
            return [group]
        doc.edit(self.tr("เพิ่มประเด็น"), apply)
        self.refresh()
        self.rename_group()

    def rename_group(self) -> None:
        if self.group is not None:
            self.title.setFocus()
            self.title.selectAll()

    def delete_group(self) -> None:
        g = self.group
        if self.doc is None or self.plan is None or g is None:
            return
        groups = self.doc.data.groups_of(self.plan.id)
        row = groups.index(g)
        rest = [x for x in groups if x is not g]

        def apply() -> list[m.Record]:
            g.deleted = True
            self.group = rest[min(row, len(rest) - 1)] if rest else None
            return [g, *self._unlink({g.id})]
        self.doc.edit(self.tr("ลบประเด็น"), apply)
        self.status.setText(self.tr("ลบประเด็น «") + g.title + self.tr("» แล้ว กด Ctrl+Z เพื่อเรียกคืน"))
        self.refresh()

    def move_group(self, step: int) -> None:
        g = self.group
        if self.doc is None or self.plan is None or g is None:
            return
        groups = self.doc.data.groups_of(self.plan.id)
        row = groups.index(g) + step
        if not 0 <= row < len(groups):
            return
        other = groups[row]

        def apply() -> list[m.Record]:
            g.sort_key, other.sort_key = other.sort_key, g.sort_key
            return [g, other]
        self.doc.edit(self.tr("ย้ายประเด็น"), apply)
        self.refresh()

    def _suggestions(self, g: m.AnalysisGroup) -> dict[str, str]:
        """The texts suggested for a group from the current scores (and library measures)."""
        context = self._context()
        assert self.doc is not None and self.plan is not None and context is not None
        fw, scores = context
        found = plan_weak_points(self.doc.data, self.plan)
        assert found is not None
        codes = {c.lower() for c in g.questions}
        titles = [library.fill(s.measure.title, self.doc.data.office, self.plan.fiscal_year)
                  for s in library.suggest(fw, found[1], measure_library()) if codes & set(s.questions)][:3]
        return grouping.suggested_texts(g, fw, scores, titles)

    def _suggester(self, field: str) -> Callable[[], None]:
        return lambda: self.suggest_field(field)

    def suggest_field(self, field: str) -> None:
        """The chosen group's `field` replaced by its suggestion from the current scores."""
        g = self.group
        if self.doc is None or self.plan is None or g is None or self._context() is None:
            return
        text = self._suggestions(g).get(field, "")
        if not text:
            self.status.setText(self.tr("ไม่มีข้อความแนะนำสำหรับช่องนี้ (ไม่มีข้อคำถามที่เข้าเกณฑ์)"))
            return
        self.doc.set_field(g, field, text, self.tr("ข้อความแนะนำใหม่"))
        self.refresh()

    def fill_suggestions(self) -> list[str]:
        """Suggested texts into every group's empty fields; returns the fields filled."""
        if self.doc is None or self.plan is None or self._context() is None:
            return []
        doc, plan = self.doc, self.plan
        filled: list[str] = []

        def apply() -> list[m.Record]:
            changed: list[m.Record] = []
            for g in doc.data.groups_of(plan.id):
                fields = grouping.fill_empty(g, self._suggestions(g))
                if fields:
                    filled.extend(f"{g.title}: {f}" for f in fields)
                    changed.append(g)
            return changed
        doc.edit(self.tr("เติมข้อความแนะนำ"), apply)
        context = self._context()
        scored = context is not None and any(v is not None for v in context[1].values())
        self.status.setText(self.tr(f"เติมข้อความแนะนำแล้ว {to_thai_digits(str(len(filled)))} ช่อง"
                                    " (ช่องที่มีข้อความอยู่แล้วไม่ถูกแก้)") if filled
                            # the texts come from the question scores: without them there is none
                            else self.tr("ยังไม่มีคะแนนรายข้อ จึงยังไม่มีข้อความแนะนำ — กรอกหรือวางคะแนนรายข้อ"
                                         "ที่หน้า «ผลการประเมิน ITA» ก่อน") if not scored
                            else self.tr("ไม่มีช่องว่างให้เติม"))
        self.refresh()
        return filled
