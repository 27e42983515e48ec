"""ผลการประเมิน ITA: one ITA year's result, typed scores beside computed ones."""
from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ita_desktop.domain import edits, scoring
from ita_desktop.domain import models as m
from ita_desktop.domain.framework import Framework, code_text, framework_from_dict, status_text
from ita_desktop.domain.paste import TOTAL, Pasted, parse_scores
from ita_desktop.domain.weakpoints import Change, compare, weak_points
from ita_desktop.resources import all_frameworks
from ita_desktop.thai.digits import format_score, to_thai_digits
from ita_desktop.thai.words import display_text
from ita_desktop.ui.dialogs.fit import fit_to_screen
from ita_desktop.ui.document import Document
from ita_desktop.ui.models.scores import IndicatorScoreModel, QuestionScoreModel
from ita_desktop.ui.widgets.fields import LineField, ScoreField, explain_disabled


def make_table(model: object) -> QTableView:
    view = QTableView()
    view.setModel(model)  # type: ignore[arg-type]
    view.setWordWrap(True)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.setAlternatingRowColors(True)
    return view


class AddAssessmentDialog(QDialog):
    """Choose the ITA year and the catalog it was scored with."""

    def __init__(self, parent: QWidget | None, taken: set[int]) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("เพิ่มผลการประเมิน ITA"))
        self.catalogs = all_frameworks()
        form = QFormLayout(self)
        self.year = QSpinBox()
        self.year.setRange(2560, 2700)
        latest = max(self.catalogs) if self.catalogs else 2567
        free = next((y for y in range(latest, 2700) if y not in taken), latest)
        self.year.setValue(free)
        self.catalog = QComboBox()
        for year, fw in sorted(self.catalogs.items()):
            self.catalog.addItem(fw.title, year)
        self.note = QLabel()
        self.note.setWordWrap(True)
        form.addRow(self.tr("ปีที่ประเมิน (พ.ศ.)"), self.year)
        form.addRow(self.tr("เกณฑ์ (ข้อคำถาม)"), self.catalog)
        form.addRow(self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.taken = taken
        self.year.valueChanged.connect(self._check)
        self._check()

    def _check(self) -> None:
        year = self.year.value()
        exists = year in self.taken
        self.note.setText(self.tr("มีผลการประเมินปีนี้อยู่แล้ว: จะเปิดรายการเดิม") if exists else "")
        # the catalog of that year; without one, the newest before it (questions carry over)
        years = sorted(self.catalogs)
        if years:
            chosen = max((y for y in years if y <= year), default=years[0])
            self.catalog.setCurrentIndex(self.catalog.findData(chosen))

    def framework(self) -> Framework:
        return self.catalogs[self.catalog.currentData()]


class PasteScoresDialog(QDialog):
    """A box to paste score rows into; shows, before anything is stored, a table of what was
    read (with how a row's wording differs from the catalog) and the score-like lines that
    could not be read (prose is only counted)."""

    COLUMNS = ("บรรทัด", "ข้อ/ตัวชี้วัด", "ชื่อตามเกณฑ์", "คะแนน", "หมายเหตุ")

    def __init__(self, parent: QWidget | None, fw: Framework) -> None:
        super().__init__(parent)
        self.fw = fw
        self.pasted: Pasted | None = None
        self.setWindowTitle(self.tr("วางคะแนนจากตาราง"))
        lay = QVBoxLayout(self)
        hint = QLabel(self.tr("คัดลอกแถวจาก Excel หรือหน้าเว็บ ITAS แล้ววางที่นี่ "
                              "(แถวละหนึ่งข้อ เช่น «I1  95.19» หรือ «ตัวชี้วัดที่ ๔ … ๘๔.๒๐»)"))
        hint.setWordWrap(True)
        lay.addWidget(hint)
        split = QSplitter(Qt.Orientation.Vertical)
        self.text = QPlainTextEdit()
        self.text.textChanged.connect(self._read)
        split.addWidget(self.text)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in self.COLUMNS])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        split.addWidget(self.table)
        self.problems = QPlainTextEdit()
        self.problems.setReadOnly(True)
        split.addWidget(self.problems)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setStretchFactor(2, 1)
        lay.addWidget(split, 1)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        lay.addWidget(self.summary)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("บันทึกคะแนนที่อ่านได้"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("ยกเลิก"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        fit_to_screen(self, 960, 680)
        self._read()

    def _read(self) -> None:
        self.pasted = pasted = parse_scores(self.text.toPlainText(), self.fw)
        q, i = len(pasted.questions), len(pasted.indicators)
        prose = len(pasted.problems) - len(pasted.unread_scores)
        self.summary.setText(self.tr(
            f"อ่านได้ {to_thai_digits(str(i))} ตัวชี้วัด {to_thai_digits(str(q))} ข้อ; "
            f"บรรทัดที่ดูเหมือนคะแนนแต่อ่านไม่ได้ {to_thai_digits(str(len(pasted.unread_scores)))} บรรทัด; "
            f"ข้อความอื่นที่ข้ามไป {to_thai_digits(str(prose))} บรรทัด"))
        self.table.setRowCount(len(pasted.rows))
        for row, r in enumerate(pasted.rows):
            key = (self.tr("ตัวชี้วัดที่ ") + to_thai_digits(str(r.key)) if isinstance(r.key, int)
                   else self.tr("คะแนนรวม") if r.key == TOTAL else code_text(r.key))
            cells = (to_thai_digits(str(r.line)), key, display_text(r.name), format_score(r.score),
                     ("⚠ " + display_text(r.note)) if r.note else "")
            for col, text in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self.table.resizeRowsToContents()
        self.problems.setPlainText(
            self.tr("บรรทัดที่อ่านไม่ได้:\n") + "\n".join(pasted.unread_scores) if pasted.unread_scores else "")
        self.problems.setVisible(bool(pasted.unread_scores))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(q or i or pasted.total))


class AssessmentPage(QWidget):
    """Year selector, typed total/tools/level vs computed, indicator and question tables."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc: Document | None = None
        self.assessment: m.Assessment | None = None
        self.fw: Framework | None = None
        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        self.years = QComboBox()
        self.years.setMinimumWidth(260)
        self.years.setPlaceholderText(self.tr("(ยังไม่มี)"))
        self.years.currentIndexChanged.connect(self._year_chosen)
        add = QPushButton(self.tr("เพิ่มผลการประเมิน…"))
        add.clicked.connect(self.add_assessment)
        self.paste_button = QPushButton(self.tr("วางคะแนนจากตาราง…"))
        self.paste_button.clicked.connect(self.paste_dialog)
        top.addWidget(QLabel(self.tr("ผลการประเมิน")))
        top.addWidget(self.years)
        top.addWidget(add)
        top.addWidget(self.paste_button)
        top.addStretch(1)
        outer.addLayout(top)
        self.empty = QLabel()  # why nothing can be typed yet
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: #8a5a00; font-weight: bold;")
        outer.addWidget(self.empty)
        self.source = QLabel()
        self.source.setWordWrap(True)
        self.source.setStyleSheet("color: #555;")
        outer.addWidget(self.source)
        self.weak = QLabel()
        self.weak.setWordWrap(True)
        outer.addWidget(self.weak)
        self.trend = QLabel()
        self.trend.setWordWrap(True)
        outer.addWidget(self.trend)

        box = self.score_box = QGroupBox(self.tr("คะแนนที่ ป.ป.ช. ประกาศ"))
        grid = QGridLayout(box)
        grid.addWidget(QLabel(self.tr("ที่กรอก")), 0, 1)
        grid.addWidget(QLabel(self.tr("โปรแกรมคำนวณ")), 0, 2)
        self.typed: dict[str, ScoreField] = {}
        self.computed: dict[str, QLabel] = {}
        for row, (key, label) in enumerate((("total", "คะแนนรวม"), ("iit", "IIT"),
                                            ("eit", "EIT"), ("oit", "OIT")), start=1):
            grid.addWidget(QLabel(label), row, 0)
            field = ScoreField()
            field.committed.connect(lambda v, k=key: self._set_typed(k, v))
            grid.addWidget(field, row, 1)
            out = QLabel()
            grid.addWidget(out, row, 2)
            self.typed[key], self.computed[key] = field, out
        grid.addWidget(QLabel(self.tr("ระดับ")), 5, 0)
        self.level = LineField(placeholder=self.tr("เช่น ต้องปรับปรุง"))
        self.level.committed.connect(lambda t: self._set_typed("level", t))
        grid.addWidget(self.level, 5, 1)
        self.level_computed = QLabel()
        grid.addWidget(self.level_computed, 5, 2)
        grid.setRowStretch(6, 1)

        split = QSplitter(Qt.Orientation.Vertical)
        self.indicator_view = make_table(None)
        self.question_view = make_table(None)
        ind_box = self.ind_box = QGroupBox(self.tr("คะแนนรายตัวชี้วัด"))
        ind_lay = QVBoxLayout(ind_box)
        ind_lay.addWidget(self.indicator_view)
        # typed indicator scores that are not the mean of their questions, flagged as the
        # typed totals are (a typo, or a question score missed)
        self.indicator_mismatch = QLabel()
        self.indicator_mismatch.setWordWrap(True)
        self.indicator_mismatch.setStyleSheet("color: #b00020; font-weight: bold;")
        ind_lay.addWidget(self.indicator_mismatch)
        upper = QWidget()
        upper_lay = QHBoxLayout(upper)
        upper_lay.setContentsMargins(0, 0, 0, 0)
        upper_lay.addWidget(box)
        upper_lay.addWidget(ind_box, 1)
        q_box = self.q_box = QGroupBox(self.tr("คะแนนรายข้อ (พิมพ์เลขไทยหรืออารบิกได้)"))
        QVBoxLayout(q_box).addWidget(self.question_view)
        split.addWidget(upper)
        split.addWidget(q_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        outer.addWidget(split, 1)

    def set_document(self, doc: Document) -> None:
        self.doc = doc
        doc.changed.connect(lambda _r: self.refresh())
        self.assessment, self.fw = None, None  # nothing of the file shown before
        self.refresh()

    def refresh(self) -> None:
        if self.doc is None:
            return
        data = self.doc.data
        live = data.live_assessments()
        current = self.assessment.id if self.assessment else (live[-1].id if live else None)
        self.years.blockSignals(True)
        self.years.clear()
        for a in live:
            self.years.addItem(self.tr("ผลการประเมิน ITA ปี ") + to_thai_digits(str(a.ita_year)), a.id)
        idx = self.years.findData(current)
        self.years.setCurrentIndex(idx if idx >= 0 else self.years.count() - 1)
        self.years.setEnabled(bool(live))
        self.years.blockSignals(False)
        self._show(data.assessment_by_id(self.years.currentData()) if live else None)

    def _year_chosen(self) -> None:
        if self.doc:
            self._show(self.doc.data.assessment_by_id(self.years.currentData()))

    def _show(self, a: m.Assessment | None) -> None:
        assert self.doc is not None
        snap = self.doc.data.framework_of(a) if a is not None else None
        if a is None or snap is None:
            self._show_nothing(self.tr("ยังไม่มีผลการประเมิน ITA ในไฟล์นี้ — กด «เพิ่มผลการประเมิน…» เพื่อเริ่ม")
                               if a is None else
                               self.tr("ไม่พบเกณฑ์การประเมินของปีนี้ในไฟล์ จึงกรอกคะแนนไม่ได้"))
            return
        self._block("")
        switched = self.assessment is not a or self.fw is None
        if switched:
            self.assessment, self.fw = a, framework_from_dict(snap.data)
            self.indicator_view.setModel(IndicatorScoreModel(self.doc, a, self.fw))
            self.question_view.setModel(QuestionScoreModel(self.doc, a, self.fw))
            for view, stretch in ((self.indicator_view, 1), (self.question_view, 1)):
                header = view.horizontalHeader()
                header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
                header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        else:
            for view in (self.indicator_view, self.question_view):
                model = view.model()
                model.dataChanged.emit(model.index(0, 0),
                                       model.index(model.rowCount() - 1, model.columnCount() - 1))
        fw = self.fw
        assert fw is not None  # set above when switched, kept otherwise
        unpublished = status_text(fw)  # a copy of last year's catalog: NACC has not published this one
        self.source.setText(self.tr("เกณฑ์: ") + fw.title + " · " + snap.source
                            + (f"\n⚠ {unpublished}" if unpublished else ""))
        inds = {k: s.score for k, s in self.doc.data.indicator_scores_of(a.id).items()
                if s.score is not None}
        comp = scoring.compute(fw, inds)
        shown: dict[str, Decimal | None] = {"total": comp.shown_total, "iit": comp.shown_tool("IIT"),
                                            "eit": comp.shown_tool("EIT"), "oit": comp.shown_tool("OIT")}
        raw = {"total": comp.total, "iit": comp.tools.get("IIT"), "eit": comp.tools.get("EIT"),
               "oit": comp.tools.get("OIT")}
        for key, field in self.typed.items():
            typed = getattr(a, key)
            if switched:
                field.reset(typed)  # a wrong value typed for another year is not this year's
            else:
                field.set_value(typed)
            value = shown[key]
            if value is None:
                self.computed[key].setText(self.tr("(รอคะแนนตัวชี้วัด)"))
                self.computed[key].setStyleSheet("color: #777;")
            elif scoring.differs(typed, raw[key]):
                self.computed[key].setText(format_score(value) + self.tr(" ⚠ ไม่ตรง"))
                self.computed[key].setStyleSheet("color: #b00020; font-weight: bold;")
            else:
                self.computed[key].setText(format_score(value))
                self.computed[key].setStyleSheet("")
        self.show_weak_points()
        self.show_trend()
        self.show_indicator_mismatches()
        self.level.set_value(a.level)
        if comp.level is None:
            self.level_computed.setText("")
        elif a.level and a.level != comp.level:
            self.level_computed.setText(comp.level + self.tr(" ⚠ ไม่ตรง"))
            self.level_computed.setStyleSheet("color: #b00020; font-weight: bold;")
        else:
            self.level_computed.setText(comp.level)
            self.level_computed.setStyleSheet("")

    def _block(self, reason: str) -> None:
        """Everything that takes input is disabled while there is `reason` (shown above it)."""
        self.empty.setText(reason)
        self.empty.setVisible(bool(reason))
        for w in (self.score_box, self.paste_button, self.ind_box, self.q_box):
            explain_disabled(w, reason)

    def _show_nothing(self, reason: str) -> None:
        """No result (or no catalog) to show: no trace of another file or year stays."""
        self._block(reason)
        self.assessment, self.fw = None, None
        self.indicator_view.setModel(None)
        self.question_view.setModel(None)
        for key, field in self.typed.items():
            field.reset(None)
            self.computed[key].setText("")
        self.level.set_value("")
        for label in (self.level_computed, self.source, self.weak, self.trend, self.indicator_mismatch):
            label.setText("")

    def refresh_catalogs(self) -> None:
        """Catalogs changed in the editor: nothing stored changes (each assessment keeps its
        snapshot); only new assessments will offer the new catalogs."""
        self.refresh()

    def show_weak_points(self) -> None:
        """The indicators and questions below the catalog's threshold (จุดที่ต้องพัฒนา)."""
        if self.doc is None or self.assessment is None or self.fw is None:
            self.weak.setText("")
            return
        data, a = self.doc.data, self.assessment
        weak = weak_points(self.fw, {k: s.score for k, s in data.indicator_scores_of(a.id).items()},
                           {k: s.score for k, s in data.question_scores_of(a.id).items()})
        if not weak.indicators and not weak.questions:
            self.weak.setText("")
            return
        limit = to_thai_digits(f"{weak.threshold:g}")
        parts = []
        if weak.indicators:
            parts.append(self.tr("ตัวชี้วัดที่ ") + to_thai_digits(", ".join(str(i.no) for i, _s in weak.indicators)))
        if weak.questions:
            codes = ", ".join(code_text(q.code) for q, _s in weak.questions)
            parts.append(self.tr(f"{to_thai_digits(str(len(weak.questions)))} ข้อ: ") + codes)
        self.weak.setText(self.tr(f"ต่ำกว่า {limit} (ต้องพัฒนา): ") + " · ".join(parts))

    def show_indicator_mismatches(self) -> None:
        """Each typed indicator score that differs from the mean of its questions' scores."""
        if self.doc is None or self.assessment is None or self.fw is None:
            self.indicator_mismatch.setText("")
            return
        data, a = self.doc.data, self.assessment
        typed = data.indicator_scores_of(a.id)
        questions = {k: s.score for k, s in data.question_scores_of(a.id).items() if s.score is not None}
        said = []
        for ind in self.fw.indicators:
            score = typed[ind.no].score if ind.no in typed else None
            mean = scoring.indicator_from_questions(self.fw, questions, ind.no)
            if mean is not None and scoring.differs(score, mean):
                assert score is not None  # differs() is False without a typed score
                said.append(self.tr(f"ตัวชี้วัดที่ {to_thai_digits(str(ind.no))}: กรอก {format_score(score)}"
                                    f" เฉลี่ยจากรายข้อ {format_score(scoring.round2(mean))}"))
        self.indicator_mismatch.setText(self.tr("⚠ ไม่ตรง — ") + "; ".join(said) if said else "")
        self.indicator_mismatch.setVisible(bool(said))

    def show_trend(self) -> None:
        """How this result moved since the previous year in the file (indicators always;
        questions where the catalogs say they are the same question)."""
        self.trend.setText("")
        if self.doc is None or self.assessment is None or self.fw is None:
            return
        data, a = self.doc.data, self.assessment
        older = [x for x in data.live_assessments() if x.ita_year < a.ita_year]
        snap = data.framework_of(older[-1]) if older else None
        if not older or snap is None:
            return
        prev = older[-1]
        ind, qs = compare(framework_from_dict(snap.data),
                          {k: s.score for k, s in data.indicator_scores_of(prev.id).items()},
                          {k: s.score for k, s in data.question_scores_of(prev.id).items()}, self.fw,
                          {k: s.score for k, s in data.indicator_scores_of(a.id).items()},
                          {k: s.score for k, s in data.question_scores_of(a.id).items()})
        def count(changes: list[Change], kind: str) -> str:
            return to_thai_digits(str(sum(1 for c in changes if c.kind == kind)))
        down = [c.key for c in ind if c.kind == "down"]
        self.trend.setText(self.tr(
            f"เทียบกับปี {to_thai_digits(str(prev.ita_year))}: ตัวชี้วัดขึ้น {count(ind, 'up')} ลง {count(ind, 'down')}"
            f"{' (' + to_thai_digits(', '.join(down)) + ')' if down else ''}; "
            f"ข้อคำถามที่เทียบได้ {to_thai_digits(str(len(qs)))} ข้อ ขึ้น {count(qs, 'up')} ลง {count(qs, 'down')} "
            f"ใหม่ {count(qs, 'new')}"))

    def paste_dialog(self) -> None:
        """Paste rows copied from a spreadsheet, the ITAS page or a report."""
        if self.doc is None or self.assessment is None or self.fw is None:
            return
        dialog = PasteScoresDialog(self, self.fw)
        dialog.open()
        dialog.accepted.connect(lambda: self.apply_pasted(dialog.pasted))

    def apply_pasted(self, pasted: Pasted | None) -> None:
        """Store what was read, as one undo step; nothing else changes."""
        if pasted is None or self.doc is None or self.assessment is None:
            return
        doc, a = self.doc, self.assessment

        def apply() -> list[m.Record]:
            recs: list[m.Record] = []
            for no, score in pasted.indicators.items():
                recs.append(edits.set_indicator_score(doc.data, a, no, score))
            for code, score in pasted.questions.items():
                recs.append(edits.set_question_score(doc.data, a, code, score))
            if TOTAL in pasted.total:  # the typed total, beside the one the program computes
                a.total = pasted.total[TOTAL]
                recs.append(a)
            return recs
        doc.edit(self.tr("วางคะแนน"), apply)

    def _set_typed(self, key: str, value: object) -> None:
        if self.doc and self.assessment:
            self.doc.set_field(self.assessment, key, value, self.tr("แก้ไขคะแนน"))

    def add_assessment(self) -> None:
        if self.doc is None:
            return
        taken = {a.ita_year for a in self.doc.data.live_assessments()}
        dialog = AddAssessmentDialog(self, taken)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.create_assessment(dialog.year.value(), dialog.framework())

    def create_assessment(self, year: int, fw: Framework) -> m.Assessment:
        assert self.doc is not None
        doc = self.doc
        existing = doc.data.assessment(year)
        if existing is None:
            result: list[m.Assessment] = []

            def add() -> list[m.Record]:
                a, recs = edits.add_assessment(doc.data, year, fw, f"ita-{fw.ita_year}.json (มากับโปรแกรม)")
                result.append(a)
                return recs
            doc.edit(self.tr("เพิ่มผลการประเมิน"), add)
            existing = result[0]
        self.assessment = existing
        self.fw = None
        self.refresh()
        return existing
