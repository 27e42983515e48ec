"""มาตรการ: the measures of a fiscal year, each measure's fields and its results per round."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ita_desktop.domain import edits, oit
from ita_desktop.domain import models as m
from ita_desktop.domain.framework import Framework, code_text, framework_from_dict
from ita_desktop.domain.wording import title_problem
from ita_desktop.thai.dates import fiscal_year, period_text, round_period
from ita_desktop.thai.digits import to_thai_digits
from ita_desktop.ui.dialogs.suggest_measures import SuggestMeasuresDialog
from ita_desktop.ui.document import Document
from ita_desktop.ui.models.measures import COL_RESPONSIBLE, COL_STATUS, COL_TITLE, MeasureListModel
from ita_desktop.ui.pages.groups import GroupsPanel
from ita_desktop.ui.widgets.fields import (
    FieldNote,
    LineField,
    MultiLineField,
    ScoreField,
    explain_disabled,
)
from ita_desktop.ui.widgets.photos import PhotosBox
from ita_desktop.ui.widgets.rich_text import RichTextEdit
from ita_desktop.ui.widgets.rows_in_sight import RowsSizedInSight

MEASURE_FIELDS = (  # field, heading (docs/domain.md §3), rich text?, lines
    ("title", "มาตรการ โครงการ หรือกิจกรรม", True, 2),
    ("steps", "ขั้นตอนหรือวิธีการปฏิบัติ", True, 4),
    ("period", "ช่วงระยะเวลาในการดำเนินการ", False, 1),
    ("responsible", "ผู้รับผิดชอบ", False, 1),
    ("target", "เป้าหมาย / ตัวชี้วัดความสำเร็จ", True, 2),
    ("budget", "งบประมาณ", False, 1),
    ("monitoring", "การกำกับติดตามและรายงานผล", True, 2),
)
RESULT_FIELDS = (
    ("output", "ผลการดำเนินการ (output)", 4),
    ("outcome", "ผลลัพธ์หรือผลสัมฤทธิ์ในการดำเนินการ (outcome)", 3),
    ("problems", "ปัญหา/อุปสรรค", 2),
    ("suggestions", "ข้อเสนอแนะ", 2),
)


class AddPlanDialog(QDialog):
    """Fiscal year of the new plan and the ITA result it is based on."""

    def __init__(self, parent: QWidget | None, doc: Document, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("เพิ่มมาตรการของปีงบประมาณ"))
        form = QFormLayout(self)
        self.year = QSpinBox()
        self.year.setRange(2560, 2700)
        plans = doc.data.live_plans()
        assessments = doc.data.live_assessments()
        # the year we are in, unless it has its plan: then the year after the last one
        current = fiscal_year(today or dt.date.today())
        start = (current if doc.data.plan(current) is None
                 else plans[-1].fiscal_year + 1 if plans
                 else assessments[-1].ita_year + 1 if assessments else current)
        self.year.setValue(start)
        self.based_on = QComboBox()
        self.based_on.addItem(self.tr("(ยังไม่ระบุ)"), "")
        for a in assessments:
            self.based_on.addItem(self.tr("ผลการประเมิน ITA ปี ") + to_thai_digits(str(a.ita_year)), a.id)
        self.based_on.setCurrentIndex(self.based_on.count() - 1)
        self.copy_from = QComboBox()
        self.copy_from.addItem(self.tr("ไม่คัดลอก"), "")
        for p in plans:
            self.copy_from.addItem(self.tr("คัดลอกมาตรการจากปีงบประมาณ ") + to_thai_digits(str(p.fiscal_year)), p.id)
        form.addRow(self.tr("ปีงบประมาณ (พ.ศ.)"), self.year)
        form.addRow(self.tr("อ้างอิงผลการประเมิน"), self.based_on)
        # FY N's measures answer the ITA result of N−1: say so when another one is chosen
        self.based_on_note = QLabel()
        self.based_on_note.setWordWrap(True)
        self.based_on_note.setStyleSheet("color: #8a5a00")
        form.addRow("", self.based_on_note)
        self._ita_years = {a.id: a.ita_year for a in assessments}
        self.year.valueChanged.connect(self._note_based_on)
        self.based_on.currentIndexChanged.connect(self._note_based_on)
        self._note_based_on()
        form.addRow(self.tr("มาตรการตั้งต้น"), self.copy_from)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


    def _note_based_on(self) -> None:
        fy = self.year.value()
        chosen = self._ita_years.get(str(self.based_on.currentData() or ""))
        want = to_thai_digits(str(fy - 1))
        if chosen is None or chosen == fy - 1:
            text = ""
        elif fy - 1 in self._ita_years.values():
            text = self.tr(f"มาตรการปีงบประมาณ {to_thai_digits(str(fy))} ตามปกติอ้างอิงผลการประเมิน ITA ปี {want}")
        else:
            text = self.tr(f"มาตรการปีงบประมาณ {to_thai_digits(str(fy))} ตามปกติอ้างอิงผลการประเมิน ITA ปี {want} "
                           "ซึ่งยังไม่มีในไฟล์นี้ — เพิ่มได้ที่หน้า «ผลการประเมิน ITA»")
        self.based_on_note.setText(text)
        self.based_on_note.setVisible(bool(text))


class MeasureEditor(QScrollArea):
    """Every field of one measure and its results for the 6-month and year-end rounds."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc: Document | None = None
        self.measure: m.Measure | None = None
        self.fw: Framework | None = None
        self.setWidgetResizable(True)
        body = QWidget()
        self.setWidget(body)
        outer = QVBoxLayout(body)
        self.note = QLabel()  # why nothing can be typed (no plan, no measure chosen)
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #8a5a00; font-weight: bold;")
        outer.addWidget(self.note)
        self.inputs = QWidget()  # disabled as a whole while there is no measure
        outer.addWidget(self.inputs)
        lay = QVBoxLayout(self.inputs)
        lay.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.fields: dict[str, RichTextEdit | LineField] = {}
        for name, heading, rich, lines in MEASURE_FIELDS:
            widget: RichTextEdit | LineField = RichTextEdit(min_lines=lines) if rich else LineField()
            if isinstance(widget, RichTextEdit):
                widget.setFocusProxy(widget.edit)  # setFocus() puts the cursor in the text
            widget.committed.connect(lambda v, f=name: self._set(f, v))
            form.addRow(self.tr(heading), widget)
            self.fields[name] = widget
            if name == "title":
                self.title_note = FieldNote()
                form.addRow(self.title_note)
                self.indicator = QComboBox()
                self.indicator.currentIndexChanged.connect(self._indicator_chosen)
                self.group = QComboBox()
                self.group.currentIndexChanged.connect(self._group_chosen)
                link = QHBoxLayout()
                link.addWidget(self.indicator, 1)
                link.addWidget(self.group, 1)
                form.addRow(self.tr("ตัวชี้วัด / ประเด็น"), link)
            if name == "responsible":
                self.main_div = QComboBox()
                self.support_div = QComboBox()
                self.main_div.currentIndexChanged.connect(lambda _i: self._division("responsible_main", self.main_div))
                self.support_div.currentIndexChanged.connect(lambda _i: self._division("responsible_support", self.support_div))
                divs = QHBoxLayout()
                divs.addWidget(QLabel(self.tr("หลัก")))
                divs.addWidget(self.main_div, 1)
                divs.addWidget(QLabel(self.tr("สนับสนุน")))
                divs.addWidget(self.support_div, 1)
                form.addRow(self.tr("หน่วยงานรับผิดชอบ"), divs)
        self._oit_plan = ""  # the plan whose OIT items the menu lists
        self._oit_actions: list[tuple[str, QAction]] = []  # (item code, its entry in the menu)
        self.oit_items = QToolButton()
        self.oit_items.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.oit_items.setMenu(QMenu(self.oit_items))
        # one connection for the menu, none per action: actions made again for another year
        # with a Python slot each crashed PySide6 6.12 when Python finally freed them
        self.oit_items.menu().triggered.connect(lambda _action: self._oit_items_ticked())
        self.oit_items.menu().aboutToShow.connect(self._make_oit_menu)
        self._oit_year = 0
        self._oit_made = False
        form.addRow(self.tr("ข้อ OIT ที่ตอบ"), self.oit_items)
        label = form.labelForField(self.oit_items)
        self.oit_label = label if isinstance(label, QLabel) else None  # names the ITA year of the items
        lay.addLayout(form)
        self.rounds = QTabWidget()
        self.result_widgets: dict[str, dict[str, object]] = {}
        for round_ in m.ROUNDS:
            page = QWidget()
            rform = QFormLayout(page)
            rform.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
            widgets: dict[str, object] = {}
            period = LineField()
            period.committed.connect(lambda v, r=round_: self._set_result(r, "period", v))
            status = QComboBox()
            status.addItem(self.tr("(ยังไม่ระบุ)"), "")
            for key, name in m.STATUS_NAMES.items():
                status.addItem(name, key)
            status.currentIndexChanged.connect(lambda _i, r=round_, s=status: self._set_result(r, "status", s.currentData()))
            percent = ScoreField()
            percent.committed.connect(lambda v, r=round_: self._set_result(r, "percent", v))
            rform.addRow(self.tr("ช่วงเวลาที่รายงาน"), period)
            row = QHBoxLayout()
            row.addWidget(status)
            row.addWidget(QLabel(self.tr("ร้อยละที่ดำเนินการ")))
            row.addWidget(percent)
            row.addStretch(1)
            rform.addRow(self.tr("สถานะ"), row)
            widgets.update(period=period, status=status, percent=percent)
            for name, heading, lines in RESULT_FIELDS:
                editor = RichTextEdit(min_lines=lines)
                editor.setFocusProxy(editor.edit)
                editor.committed.connect(lambda v, r=round_, f=name: self._set_result(r, f, v))
                rform.addRow(self.tr(heading), editor)
                widgets[name] = editor
            photos = PhotosBox(round_)
            rform.addRow(photos)
            widgets["photos"] = photos
            self.result_widgets[round_] = widgets
            self.rounds.addTab(page, m.ROUND_NAMES[round_])
        lay.addWidget(QLabel(self.tr("ผลการดำเนินการ")))
        lay.addWidget(self.rounds)
        lay.addStretch(1)

    def show_measure(self, doc: Document, plan: m.Plan, measure: m.Measure | None, reason: str = "") -> None:
        """Show the measure; without one, empty disabled fields and `reason` (why) above them."""
        self.doc, self.measure = doc, measure
        if measure is None:
            reason = reason or self.tr("ยังไม่ได้เลือกมาตรการ — เลือกจากรายการทางซ้าย หรือกด «เพิ่ม»")
        else:
            reason = ""
        self.note.setText(reason)
        self.note.setVisible(bool(reason))
        explain_disabled(self.inputs, reason)
        a = doc.data.assessment_by_id(plan.based_on)
        snap = doc.data.framework_of(a) if a else None
        self.fw = framework_from_dict(snap.data) if snap else None
        combos = (self.indicator, self.group, self.main_div, self.support_div)
        for c in combos:
            c.blockSignals(True)
        self.indicator.clear()
        self.indicator.addItem(self.tr("(ไม่ระบุตัวชี้วัด)"), None)
        if self.fw:
            for ind in self.fw.indicators:
                self.indicator.addItem(f"{to_thai_digits(str(ind.no))}. {ind.name}", ind.no)
        self.group.clear()
        self.group.addItem(self.tr("(ไม่ระบุประเด็น)"), "")
        for n, g in enumerate(doc.data.groups_of(plan.id), 1):
            self.group.addItem(self.tr("ประเด็นที่ ") + to_thai_digits(str(n)) + " " + g.title, g.id)
        for c in (self.main_div, self.support_div):
            c.clear()
            c.addItem(self.tr("(ไม่ระบุ)"), "")
            for d in doc.data.live_divisions():
                c.addItem(d.name, d.id)
        # a choice with nothing to choose from is disabled and says where the choices come from
        explain_disabled(self.indicator, "" if self.fw else self.tr(
            "มาตรการปีนี้ยังไม่ได้อ้างอิงผลการประเมิน ITA จึงยังเลือกตัวชี้วัดไม่ได้"))
        explain_disabled(self.group, "" if self.group.count() > 1 else self.tr(
            "ยังไม่มีประเด็นการวิเคราะห์ — สร้างได้ที่แท็บ «ประเด็นการวิเคราะห์»"))
        for c in (self.main_div, self.support_div):
            explain_disabled(c, "" if c.count() > 1 else self.tr(
                "ยังไม่มีกอง/ส่วนราชการ — เพิ่มได้ที่หน้า «ข้อมูลหน่วยงาน»"))
        for c in combos:
            c.blockSignals(False)
        self._fill_oit_items(plan)
        for widgets in self.result_widgets.values():
            percent = widgets["percent"]
            assert isinstance(percent, ScoreField)
            percent.reset(None)  # a wrong value typed for another measure is not this one's
        self.refresh(plan)

    def _fill_oit_items(self, plan: m.Plan) -> None:
        """Note the plan whose OIT items the menu offers: the ITA year its documents are
        published for. The catalog is read when the menu is first opened (a window opening, a
        measure chosen, read none)."""
        if plan.id == self._oit_plan:
            return
        self._oit_plan, self._oit_year = plan.id, plan.fiscal_year
        self.oit_items.menu().clear()
        self._oit_actions = []
        self._oit_made = False
        label = self.oit_label
        if label is not None:
            label.setText(self.tr("ข้อ OIT ที่ตอบ (ITA ") + to_thai_digits(str(plan.fiscal_year)) + ")"
                          if plan.fiscal_year else self.tr("ข้อ OIT ที่ตอบ"))
        explain_disabled(self.oit_items, "" if plan.fiscal_year else self.tr("ยังไม่ได้เลือกปีงบประมาณ"))

    def _make_oit_menu(self) -> None:
        """The items to tick, made when the menu is about to open."""
        if self._oit_made or self.doc is None:
            return
        self._oit_made = True
        from ita_desktop.resources import all_frameworks

        fw = oit.catalog_for(self.doc.data, self._oit_year, all_frameworks()) if self._oit_year else None
        menu = self.oit_items.menu()
        for q in oit.items(fw) if fw else []:
            action = menu.addAction(f"{code_text(q.code)} {q.text}")
            action.setCheckable(True)
            self._oit_actions.append((q.code.lower(), action))
        if not self._oit_actions:
            menu.addAction(self.tr("ยังไม่มีรายการข้อ OIT ของปีนี้ (แก้ได้ที่ แฟ้ม › เกณฑ์การประเมิน)")).setEnabled(False)
        self._show_oit_items()

    def catalogs_changed(self) -> None:
        self._oit_plan = ""
        self._oit_made = False

    def _oit_items_ticked(self) -> None:
        codes = [code for code, a in self._oit_actions if a.isChecked()]
        self._set("oit_items", sorted(codes, key=oit.code_order))

    def _show_oit_items(self) -> None:
        chosen = set(self.measure.oit_items) if self.measure is not None else set()
        for code, action in self._oit_actions:
            blocked = action.blockSignals(True)
            action.setChecked(code in chosen)
            action.blockSignals(blocked)
        names = {code: a.text() for code, a in self._oit_actions}  # once the menu was opened
        codes = sorted(chosen, key=oit.code_order)
        self.oit_items.setText(", ".join(code_text(c) for c in codes) or self.tr("เลือกข้อ OIT…"))
        self.oit_items.setToolTip("\n".join(names.get(c, code_text(c)) for c in codes) or self.tr(
            "ข้อ OIT ที่มาตรการนี้ช่วยให้มีข้อมูลเผยแพร่ (แสดงในทะเบียนการเปิดเผยข้อมูลของปีประเมินเดียวกัน)"))

    def _select_choices(self) -> None:
        """The four choices as the measure has them (after an edit, an undo or a merge too:
        an undo once left the old division showing)."""
        x = self.measure
        if x is None:
            return
        for combo, value in ((self.indicator, x.indicator), (self.group, x.group_id),
                             (self.main_div, x.responsible_main[0] if x.responsible_main else ""),
                             (self.support_div, x.responsible_support[0] if x.responsible_support else "")):
            blocked = combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            combo.blockSignals(blocked)

    def refresh(self, plan: m.Plan | None = None) -> None:
        x = self.measure
        self._select_choices()
        self._show_oit_items()
        for name, widget in self.fields.items():
            value = getattr(x, name) if x is not None else ""
            if isinstance(widget, RichTextEdit):
                widget.set_markup(value)
            else:
                widget.set_value(value)
        self.title_note.show_problem(title_problem(x.title) if x is not None else None)
        fy, results = None, {}
        if self.doc is not None and x is not None:
            fy = next((p.fiscal_year for p in self.doc.data.plans if p.id == x.plan_id), None)
            results = {r: self.doc.data.result(x.id, r) for r in m.ROUNDS}
        for round_, widgets in self.result_widgets.items():
            res = results.get(round_)
            period = widgets["period"]
            assert isinstance(period, LineField)
            default = period_text(*round_period(fy, round_)) if fy else ""
            period.setPlaceholderText(default)
            period.set_value(res.period if res else "")
            status = widgets["status"]
            assert isinstance(status, QComboBox)
            status.blockSignals(True)
            status.setCurrentIndex(max(0, status.findData(res.status if res else "")))
            status.blockSignals(False)
            percent = widgets["percent"]
            assert isinstance(percent, ScoreField)
            percent.set_value(res.percent if res else None)
            for name, _h, _l in RESULT_FIELDS:
                editor = widgets[name]
                assert isinstance(editor, RichTextEdit)
                editor.set_markup(getattr(res, name) if res else "")
            photos = widgets["photos"]
            assert isinstance(photos, PhotosBox)
            if self.doc is not None:
                photos.show_measure(self.doc, x)

    # --- edits -----------------------------------------------------------------------------
    def _set(self, field: str, value: object) -> None:
        if self.doc and self.measure:
            self.doc.set_field(self.measure, field, value, self.tr("แก้ไขมาตรการ"))

    def _indicator_chosen(self) -> None:
        self._set("indicator", self.indicator.currentData())

    def _group_chosen(self) -> None:
        self._set("group_id", self.group.currentData() or "")

    def _division(self, field: str, combo: QComboBox) -> None:
        value = combo.currentData()
        self._set(field, [value] if value else [])

    def _set_result(self, round_: str, field: str, value: object) -> None:
        if self.doc is None or self.measure is None:
            return
        doc, measure = self.doc, self.measure
        res = doc.data.result(measure.id, round_)
        if res is not None:
            doc.set_field(res, field, value, self.tr("แก้ไขผลการดำเนินการ"))
            return
        if value in ("", None):
            return

        def create() -> list[m.Record]:
            rec = edits.result_for(doc.data, measure, round_)
            setattr(rec, field, value)
            return [rec]
        doc.edit(self.tr("แก้ไขผลการดำเนินการ"), create)


class SignatoriesBox(QGroupBox):
    """The people who sign one document of this plan (they default from the office)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("ผู้ลงนามในเอกสารของปีนี้"), parent)
        self.doc: Document | None = None
        self.plan: m.Plan | None = None
        form = QFormLayout(self)
        self.which = QComboBox()
        self.which.addItem(self.tr("การวิเคราะห์ผลและมาตรการ"), ("analysis", ""))
        for r in m.ROUNDS:
            self.which.addItem(self.tr("รายงานผลการดำเนินการ ") + m.ROUND_NAMES[r], ("implementation", r))
        self.which.currentIndexChanged.connect(lambda _i: self.refresh())
        form.addRow(self.tr("เอกสาร"), self.which)
        self.fields: dict[str, tuple[LineField, MultiLineField]] = {}
        for role in m.ROLES:
            name = LineField()
            position = MultiLineField(lines=2)
            name.committed.connect(lambda t, r=role: self._set(r, "name", t))
            position.committed.connect(lambda t, r=role: self._set(r, "position", t))
            row = QHBoxLayout()
            row.addWidget(name, 1)
            row.addWidget(position, 2)
            form.addRow(m.ROLE_NAMES[role], row)
            self.fields[role] = (name, position)

    def show_plan(self, doc: Document, plan: m.Plan | None) -> None:
        self.doc, self.plan = doc, plan
        explain_disabled(self, "" if plan is not None else self.tr(
            "ยังไม่มีปีงบประมาณ — กด «เพิ่มปีงบประมาณ…» ก่อน แล้วจึงกรอกผู้ลงนาม"))
        self.refresh()

    def refresh(self) -> None:
        if self.doc is None or self.plan is None:
            for name, position in self.fields.values():  # nothing of another file or year
                name.set_value("")
                position.set_value("")
            return
        document, round_ = self.which.currentData()
        for sig, (name, position) in zip(self.doc.data.signatories_for(self.plan.id, document, round_),
                                         self.fields.values()):
            name.set_value(sig.name)
            position.set_value(sig.position)

    def _set(self, role: str, field: str, value: str) -> None:
        if self.doc is None or self.plan is None:
            return
        doc, plan = self.doc, self.plan
        document, round_ = self.which.currentData()
        own = doc.data.signatory(plan.id, document, round_, role)
        if own is not None:
            doc.set_field(own, field, value, self.tr("แก้ไขผู้ลงนาม"))
            return

        def create() -> list[m.Record]:
            rec = edits.signatory_for(doc.data, plan.id, document, round_, role)
            setattr(rec, field, value)
            return [rec]
        doc.edit(self.tr("แก้ไขผู้ลงนาม"), create)


class PlanPage(QWidget):
    """Plan selector, measures list with its buttons, and the measure editor."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc: Document | None = None
        self.plan: m.Plan | None = None
        self.model: MeasureListModel | None = None
        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        self.plans = QComboBox()
        self.plans.setMinimumWidth(240)
        self.plans.setPlaceholderText(self.tr("(ยังไม่มี)"))
        self.plans.currentIndexChanged.connect(self._plan_chosen)
        add = QPushButton(self.tr("เพิ่มปีงบประมาณ…"))
        add.clicked.connect(self.add_plan)
        self.suggest_button = QPushButton(self.tr("แนะนำมาตรการ…"))
        self.suggest_button.clicked.connect(self.suggest_measures)
        self.based_on = QLabel()
        top.addWidget(self.plans)
        top.addWidget(add)
        top.addWidget(self.suggest_button)
        top.addWidget(self.based_on, 1)
        outer.addLayout(top)
        self.empty = QLabel(self.tr("ยังไม่มีมาตรการของปีงบประมาณใด — กด «เพิ่มปีงบประมาณ…» เพื่อเริ่ม"))
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: #8a5a00; font-weight: bold;")
        outer.addWidget(self.empty)

        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_lay = QVBoxLayout(left)
        left_lay.setContentsMargins(0, 0, 0, 0)
        self.table = QTableView()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)  # rows are tall
        # always there: a scroll bar appearing would narrow the columns, re-wrap the rows and
        # clip the headers just as the list grows
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.table.verticalHeader().setVisible(False)
        self.rows_sizer = RowsSizedInSight(self.table)  # a year of 1,000 measures is never measured whole
        self.table.installEventFilter(self)  # Home and End: the first and the last measure
        left_lay.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot in (("add", "เพิ่ม", self.add_measure),
                                ("duplicate", "ทำสำเนา", self.duplicate_measure),
                                ("delete", "ลบ", self.delete_measure),
                                ("up", "▲ ขึ้น", lambda: self.move_measure(-1)),
                                ("down", "▼ ลง", lambda: self.move_measure(1))):
            b = QPushButton(self.tr(text))
            b.clicked.connect(slot)
            buttons.addWidget(b)
            self.buttons[key] = b
        left_lay.addLayout(buttons)
        self.signatories = SignatoriesBox()
        self.editor = MeasureEditor()
        self.right = QTabWidget()
        self.right.addTab(self.editor, self.tr("มาตรการที่เลือก"))
        sig_page = QWidget()
        sig_lay = QVBoxLayout(sig_page)
        sig_lay.addWidget(self.signatories)
        sig_lay.addStretch(1)
        self.right.addTab(sig_page, self.tr("ผู้ลงนามในเอกสาร"))
        self.groups = GroupsPanel()
        self.right.addTab(self.groups, self.tr("ประเด็นการวิเคราะห์"))
        split.addWidget(left)
        split.addWidget(self.right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        outer.addWidget(split, 1)

    def show_groups(self) -> None:
        """The ประเด็นการวิเคราะห์ tab (มาตรการ › ประเด็นการวิเคราะห์)."""
        self.right.setCurrentWidget(self.groups)

    def show_signatories(self) -> None:
        """The ผู้ลงนามในเอกสาร tab (มาตรการ › ผู้ลงนามในเอกสาร)."""
        self.right.setCurrentIndex(1)

    def suggest_measures(self) -> SuggestMeasuresDialog | None:
        """Library measures for the weak points of the ITA result this plan is based on."""
        if self.doc is None or self.plan is None:
            return None
        dialog = SuggestMeasuresDialog(self, self.doc, self.plan)
        dialog.open()
        return dialog

    def set_document(self, doc: Document) -> None:
        self.doc = doc
        self.plan = None
        doc.changed.connect(self._changed)
        self.refresh()

    def _changed(self, records: list[m.Record]) -> None:
        if not records:  # "redraw everything"
            self.refresh()
            return
        structural = any(isinstance(r, (m.Plan, m.Division, m.AnalysisGroup)) for r in records)
        if structural or any(isinstance(r, m.Measure) and (r.deleted or r not in (self.model.rows if self.model else [])) for r in records):
            self.refresh()
            return
        if any(isinstance(r, (m.Measure, m.Result)) for r in records) and self.model is not None:
            self._reload_keep_selection()
        if any(isinstance(r, m.Assessment) for r in records) and self.plan is not None:
            self._show_based_on(self.plan)  # the result it is based on was added or removed
        self.editor.refresh()
        self.signatories.refresh()
        # a result added, or its scores typed, can make issues possible or texts stale
        if any(isinstance(r, (m.AnalysisGroup, m.QuestionScore, m.Assessment, m.FrameworkSnapshot)) for r in records):
            self.groups.refresh()

    def refresh(self) -> None:
        if self.doc is None:
            return
        data = self.doc.data
        live = data.live_plans()
        current = self.plan.id if self.plan and not self.plan.deleted else (live[-1].id if live else None)
        self.plans.blockSignals(True)
        self.plans.clear()
        for p in live:
            self.plans.addItem(self.tr("มาตรการ ปีงบประมาณ ") + to_thai_digits(str(p.fiscal_year)), p.id)
        idx = self.plans.findData(current)
        self.plans.setCurrentIndex(idx if idx >= 0 else self.plans.count() - 1)
        self.plans.blockSignals(False)
        self._plan_chosen()

    def _plan_chosen(self) -> None:
        assert self.doc is not None
        pid = self.plans.currentData()
        plan = next((p for p in self.doc.data.live_plans() if p.id == pid), None)
        self.empty.setVisible(plan is None)
        self.plans.setEnabled(plan is not None)
        self.signatories.show_plan(self.doc, plan)
        self.groups.show_plan(self.doc, plan)
        if plan is None:
            self.plan, self.model = None, None
            self.table.setModel(None)
            self.rows_sizer.watch(None)
            self.based_on.setText("")
            explain_disabled(self.suggest_button, self.empty.text())
            self.editor.show_measure(self.doc, m.Plan(), None, self.empty.text())
            self._update_buttons()
            return
        selected = self.current_measure()
        self.plan = plan
        self._show_based_on(plan)
        self.model = MeasureListModel(self.doc, plan)
        self.table.setModel(self.model)
        self.rows_sizer.watch(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        # the headers have two lines at most: size the narrow columns to them, not to a guess
        metrics = header.fontMetrics()
        for col in (COL_RESPONSIBLE, COL_STATUS):
            text = str(self.model.headerData(col, Qt.Orientation.Horizontal))
            self.table.setColumnWidth(col, max(metrics.horizontalAdvance(t) for t in text.split("\n")) + 16)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._measure_chosen())
        self.select(selected if selected in self.model.rows else (self.model.rows[0] if self.model.rows else None))
        self._measure_chosen(again=True)  # its choices (groups, divisions, indicators) may be new

    def _show_based_on(self, plan: m.Plan) -> None:
        assert self.doc is not None
        a = self.doc.data.assessment_by_id(plan.based_on)
        self.based_on.setText(self.tr("อ้างอิงผลการประเมิน ITA ปี ") + to_thai_digits(str(a.ita_year))
                              if a else self.tr("ยังไม่ได้อ้างอิงผลการประเมิน ITA"))
        explain_disabled(self.suggest_button, "" if a else self.tr(
            "มาตรการปีนี้ยังไม่ได้อ้างอิงผลการประเมิน ITA จึงยังแนะนำมาตรการจากจุดที่ต้องพัฒนาไม่ได้"))

    def _update_buttons(self) -> None:
        """Copy, delete and move only when a measure is chosen and it can go that way."""
        rows = self.model.rows if self.model is not None else []
        x = self.current_measure()
        row = rows.index(x) if x in rows else -1
        none = (self.tr("ยังไม่มีมาตรการ — กด «เพิ่ม»") if not rows
                else self.tr("ยังไม่ได้เลือกมาตรการ") if x is None else "")
        explain_disabled(self.buttons["add"], "" if self.plan else self.empty.text())
        explain_disabled(self.buttons["duplicate"], none)
        explain_disabled(self.buttons["delete"], none)
        explain_disabled(self.buttons["up"], none or (self.tr("อยู่ลำดับแรกแล้ว") if row == 0 else ""))
        explain_disabled(self.buttons["down"], none or (self.tr("อยู่ลำดับสุดท้ายแล้ว")
                                                        if row == len(rows) - 1 else ""))

    def _reload_keep_selection(self) -> None:
        assert self.model is not None
        selected = self.current_measure()
        self.model.reload()
        self.select(selected)
        self._update_buttons()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Home and End in the measure list go to the first and the last measure, as a clerk
        expects (a table's own Home and End move between the columns of the row)."""
        if (watched is self.table and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Home, Qt.Key.Key_End) and self.model is not None and self.model.rows
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier):
            self.select(self.model.rows[0 if event.key() == Qt.Key.Key_Home else -1])
            return True
        if (watched is self.table and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.matches(QKeySequence.StandardKey.Paste)):
            self.paste_table()
            return True
        return super().eventFilter(watched, event)

    def paste_table(self, mime: object = None) -> QDialog | None:
        """Ctrl+V on the measure list: a table copied from Word or Excel (their own formats
        first: Excel's XML Spreadsheet, then HTML, then tab-separated text) shown in the import
        preview, its rows added after this year's measures as one undo step."""
        if self.doc is None or self.plan is None:
            return None
        from PySide6.QtWidgets import QApplication

        from ita_desktop.domain.clipboard_tables import ClipboardTableError, best_table
        from ita_desktop.ui.dialogs.table_import import TableImportDialog, clipboard_formats

        formats = clipboard_formats(mime if mime is not None else QApplication.clipboard().mimeData())
        try:
            grid = best_table(formats)
        except ClipboardTableError as exc:
            QMessageBox.warning(self, self.tr("วางตารางไม่ได้"), str(exc))
            return None
        if grid is None:
            self.parent_status(self.tr("คลิปบอร์ดไม่มีตาราง: คัดลอกตารางจาก Word หรือ Excel ก่อนกด Ctrl+V"))
            return None
        window = self.window()
        settings = getattr(window, "settings", None)
        rows = self.model.rows if self.model is not None else []
        chosen = sorted({i.row() for i in self.table.selectionModel().selectedRows()} if self.table.selectionModel() else set())
        selected = [rows[i] for i in chosen if i < len(rows)]
        dialog = TableImportDialog(self, self.doc, self.tr("ตารางที่วาง"), [grid], fiscal_year=self.plan.fiscal_year,
                                   fixed_year=True, settings=settings, replaceable=selected)
        dialog.open()
        return dialog

    def current_measure(self) -> m.Measure | None:
        if self.model is None:
            return None
        idx = self.table.currentIndex()
        return self.model.rows[idx.row()] if idx.isValid() and idx.row() < len(self.model.rows) else None

    def select(self, measure: m.Measure | None) -> None:
        if self.model is None or measure is None or measure not in self.model.rows:
            return
        index = self.model.index(self.model.rows.index(measure), 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.rows_sizer.scroll_to(index)

    def _measure_chosen(self, again: bool = False) -> None:
        if self.doc is None or self.plan is None:
            return
        x = self.current_measure()
        if again or x is not self.editor.measure:
            self.editor.show_measure(self.doc, self.plan, x, "" if self.model and self.model.rows else self.tr(
                "ปีงบประมาณนี้ยังไม่มีมาตรการ — กด «เพิ่ม» ใต้รายการ หรือ «แนะนำมาตรการ…»"))
        self._update_buttons()

    # --- commands ------------------------------------------------------------------------
    def add_plan(self) -> None:
        if self.doc is None:
            return
        dialog = AddPlanDialog(self, self.doc)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.create_plan(dialog.year.value(), dialog.based_on.currentData(),
                         dialog.copy_from.currentData())

    def create_plan(self, fiscal_year: int, based_on: str, copy_from: str = "") -> m.Plan:
        assert self.doc is not None
        doc = self.doc
        if doc.data.plan(fiscal_year) is not None:
            QMessageBox.information(self, self.tr("มาตรการ"),
                                    self.tr("มีมาตรการของปีงบประมาณนี้อยู่แล้ว"))
            self.plan = doc.data.plan(fiscal_year)
            self.refresh()
            assert self.plan is not None
            return self.plan
        made: list[m.Plan] = []

        def add() -> list[m.Record]:
            plan = edits.add_plan(doc.data, fiscal_year, doc.data.assessment_by_id(based_on))
            made.append(plan)
            out: list[m.Record] = [plan]
            source = next((p for p in doc.data.live_plans() if p.id == copy_from), None)
            if source is not None:
                out.extend(edits.copy_measures(doc.data, source, plan))
            return out
        doc.edit(self.tr("เพิ่มปีงบประมาณ"), add)
        self.plan = made[0]
        self.refresh()
        return made[0]

    def add_measure(self) -> m.Measure | None:
        if self.doc is None or self.plan is None:
            return None
        doc, plan, after = self.doc, self.plan, self.current_measure()
        made = doc.edit(self.tr("เพิ่มมาตรการ"), lambda: [edits.add_measure(doc.data, plan, after)])
        measure = made[0]
        assert isinstance(measure, m.Measure)
        self.select(measure)
        # the clerk types the title next: show the editor at its top, the cursor in the title
        title = self.editor.fields["title"]
        self.right.setCurrentWidget(self.editor)
        self.editor.ensureWidgetVisible(title)
        title.setFocus()
        return measure

    def duplicate_measure(self) -> None:
        x = self.current_measure()
        if self.doc is None or x is None:
            return
        doc = self.doc
        made = doc.edit(self.tr("ทำสำเนามาตรการ"), lambda: [edits.duplicate_measure(doc.data, x)])
        self.select(made[0])  # type: ignore[arg-type]

    def delete_measure(self) -> None:
        x = self.current_measure()
        if self.doc is None or x is None or self.model is None:
            return
        row = self.model.rows.index(x)
        self.doc.set_field(x, "deleted", True, self.tr("ลบมาตรการ"))
        if self.model.rows:
            self.select(self.model.rows[min(row, len(self.model.rows) - 1)])
        self.parent_status(self.tr("ลบมาตรการแล้ว กด Ctrl+Z เพื่อเรียกคืน"))

    def move_measure(self, step: int) -> None:
        x = self.current_measure()
        if self.doc is None or x is None or self.model is None:
            return
        row = self.model.rows.index(x) + step
        if not 0 <= row < len(self.model.rows):
            return
        doc = self.doc
        doc.edit(self.tr("ย้ายมาตรการ"), lambda: [edits.move_measure(doc.data, x, row)])
        self.select(x)

    def parent_status(self, text: str) -> None:
        window = self.window()
        bar = getattr(window, "statusBar", None)
        if callable(bar):
            bar().showMessage(text, 5000)



