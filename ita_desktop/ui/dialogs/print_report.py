"""The print screen: a document's options on the left, its live preview on the right.

Every change asks the render worker (one process running the CLI's code) for a new PDF; requests
made close together are coalesced, so typing never queues renders and the window never waits.
The preview shows the very bytes that Save as PDF writes and Print… sends to the printer.
Options last used for a file are remembered (QSettings, per file); signatories are edited in
the file itself.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ita_desktop.domain import edits
from ita_desktop.domain import models as m
from ita_desktop.report.fontfiles import installed_families
from ita_desktop.report.options import (
    ANALYSIS_COLUMNS,
    COLUMN_KEYS,
    COLUMN_NAMES,
    DEFAULT_COLUMNS,
    DEFAULT_HEADINGS,
    DEFAULT_TITLE,
    PLACEHOLDERS,
    PSK_SIZES,
    OptionsError,
    ReportOptions,
)
from ita_desktop.store.check import check_data
from ita_desktop.store.db import replace_with_retry
from ita_desktop.store.errors import thai_message
from ita_desktop.thai.dates import DateError, format_thai_date, parse_thai_date
from ita_desktop.thai.digits import to_thai_digits
from ita_desktop.ui.dialogs.fit import bounded, fit_to_screen, shrinkable
from ita_desktop.ui.document import Document
from ita_desktop.ui.printing import PrintError, is_pdf_printer, print_pdf
from ita_desktop.ui.render_worker import RenderWorker

ASCII_NAMES = {"analysis": "analysis", "implementation": "report"}


class PrintReportDialog(QDialog):
    """The print screen of one open file.

    Signals:
        preview_ready(dict): a render of the current options arrived (pdf bytes, pages, warnings).
        failed(str): the Thai reason the current options cannot be printed.
        saved(str): Save as PDF wrote this path.
    """

    preview_ready = Signal(dict)
    failed = Signal(str)
    saved = Signal(str)

    def __init__(self, parent: QWidget | None, doc: Document, settings: QSettings | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.settings = settings
        self.result: dict[str, Any] | None = None
        self._loading = True
        self.setWindowTitle(self.tr("พิมพ์เอกสาร"))
        # as large as a 100 % laptop screen allows; at 125 % (1093×582) it takes what there is
        size = fit_to_screen(self, 1240, 760)
        lay = QVBoxLayout(self)
        split = QSplitter()
        split.setChildrenCollapsible(False)
        lay.addWidget(split, 1)
        tabs = QTabWidget()
        tabs.addTab(self._scroll(self._document_tab()), self.tr("เอกสาร"))
        tabs.addTab(self._scroll(self._page_tab()), self.tr("หน้ากระดาษ"))
        tabs.addTab(self._scroll(self._text_tab()), self.tr("ข้อความ"))
        tabs.addTab(self._scroll(self._signature_tab()), self.tr("ผู้ลงนาม"))
        split.addWidget(tabs)
        right = QWidget()
        right_lay = QVBoxLayout(right)
        right_lay.setContentsMargins(0, 0, 0, 0)
        self.pdf = QPdfDocument(self)
        self._buffer: QBuffer | None = None
        self.view = QPdfView()
        self.view.setDocument(self.pdf)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        right_lay.addWidget(self.view, 1)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setVisible(False)
        self.progress.setFormat(self.tr("กำลังจัดหน้า…"))
        right_lay.addWidget(self.progress)
        split.addWidget(right)
        left = min(520, max(420, round(size.width() * 0.42)))
        split.setSizes([left, size.width() - left])
        split.setStretchFactor(1, 1)
        lay.addWidget(self._status_area())
        buttons = QHBoxLayout()
        # before printing: what is still missing or looks wrong (the completeness check)
        findings = [f for f in check_data(doc.data) if f.level != "error"]
        self.completeness = QPushButton(self.tr(f"ตรวจความครบถ้วน: {to_thai_digits(str(len(findings)))} รายการ…")
                                        if findings else self.tr("ข้อมูลครบถ้วน"))
        self.completeness.setEnabled(bool(findings) and hasattr(parent, "check_file"))
        self.completeness.clicked.connect(lambda: parent.check_file())  # type: ignore[union-attr]
        buttons.addWidget(self.completeness)
        self.print_button = QPushButton(self.tr("พิมพ์…"))
        self.save_button = QPushButton(self.tr("บันทึกเป็น PDF…"))
        close = QPushButton(self.tr("ปิด"))
        self.print_button.clicked.connect(self.print_dialog)
        self.save_button.clicked.connect(self.save_dialog)
        close.clicked.connect(self.reject)
        buttons.addStretch(1)
        for b in (self.save_button, self.print_button, close):
            buttons.addWidget(b)
        lay.addLayout(buttons)
        self.worker = RenderWorker(self)
        self.worker.started.connect(self._render_started)
        self.worker.finished.connect(self._render_finished)
        self.worker.failed.connect(self._render_failed)
        self._restore()
        self._enable_for_document()
        self._load_signatories()
        self._loading = False
        self._enable(False)
        if self.year.count() == 0:
            self.show_status(self.tr("ยังไม่มีมาตรการของปีงบประมาณใด: เพิ่มมาตรการก่อนพิมพ์เอกสาร"))
        else:
            self.refresh(now=True)

    def sizeHint(self) -> QSize:
        return bounded(super().sizeHint(), self)

    def _status_area(self) -> QScrollArea:
        """The status line: pages, warnings or why it cannot print, in Thai; below it, smaller,
        the technical detail of a failure (for support). At most about four lines high: many
        warnings scroll instead of pushing the dialog off the screen."""
        box = self._status_box = QWidget()
        box_lay = QVBoxLayout(box)
        box_lay.setContentsMargins(0, 0, 0, 0)
        box_lay.setSpacing(2)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box_lay.addWidget(self.status)
        self.status_detail = QLabel()
        self.status_detail.setWordWrap(True)
        self.status_detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_detail.setStyleSheet("color: #666666;")
        small = self.status_detail.font()
        small.setPointSizeF(small.pointSizeF() * 0.85)
        self.status_detail.setFont(small)
        self.status_detail.setVisible(False)
        box_lay.addWidget(self.status_detail)
        self.status_area = self._scroll(box)
        self.status_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self._fit_status()
        return self.status_area

    def show_status(self, text: str, detail: str = "") -> None:
        """A Thai status; `detail` (a failure's technical words) goes on the smaller line."""
        self.status.setText(text)
        self.status_detail.setText(self.tr("รายละเอียดสำหรับผู้ดูแลโปรแกรม: ") + detail if detail else "")
        self.status_detail.setVisible(bool(detail))
        self._fit_status()

    def _fit_status(self) -> None:
        """As high as its text, from one line to four (more scroll)."""
        line = self.fontMetrics().lineSpacing()
        layout = self._status_box.layout()
        width = max(self.status_area.viewport().width(), 200)
        need = (layout.totalHeightForWidth(width) if layout is not None and layout.hasHeightForWidth()
                else self._status_box.sizeHint().height())
        self.status_area.setFixedHeight(max(line + 4, min(need, line * 4 + 6)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_status()

    # --- tabs -------------------------------------------------------------------------
    @staticmethod
    def _scroll(widget: QWidget) -> QScrollArea:
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # the form fits its width
        area.setWidget(widget)
        return area

    @staticmethod
    def _form(widget: QWidget) -> QFormLayout:
        """A form whose fields take the width there is and go under their label when the
        pane is narrow (a long label never pushes a setting out of sight)."""
        form = QFormLayout(widget)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        return form

    def _watch(self, *widgets: QWidget) -> None:
        """Any change of these widgets re-renders the preview."""
        for w in widgets:
            if isinstance(w, QComboBox):
                w.currentIndexChanged.connect(self._changed)
            elif isinstance(w, QCheckBox):
                w.toggled.connect(self._changed)
            elif isinstance(w, QDoubleSpinBox):
                w.valueChanged.connect(self._changed)
            elif isinstance(w, QLineEdit):
                w.editingFinished.connect(self._changed)
            elif isinstance(w, QPlainTextEdit):
                w.textChanged.connect(self._changed)
            elif isinstance(w, QListWidget):
                w.itemChanged.connect(self._changed)
                w.model().rowsMoved.connect(self._changed)

    def _document_tab(self) -> QWidget:
        tab = QWidget()
        form = self._form(tab)
        self.document = self._combo([("implementation", "รายงานผลการดำเนินการ"),
                                     ("analysis", "การวิเคราะห์ผลการประเมินและมาตรการ")])
        form.addRow(self.tr("เอกสาร"), self.document)
        self.year = shrinkable(QComboBox())
        for plan in self.doc.data.live_plans():
            self.year.addItem(to_thai_digits(str(plan.fiscal_year)), plan.fiscal_year)
        self.year.setCurrentIndex(self.year.count() - 1)
        form.addRow(self.tr("ปีงบประมาณ"), self.year)
        self.round = self._combo([("year", "รอบ ๑๒ เดือน"), ("half", "รอบ ๖ เดือน")])
        form.addRow(self.tr("รอบการรายงาน"), self.round)
        self.layout_kind = self._combo([("table", "ตาราง (แนวนอน)"), ("blocks", "หัวข้อเรียงลงมา (แนวตั้ง)")])
        form.addRow(self.tr("รูปแบบ"), self.layout_kind)
        self.digits = self._combo([("thai", "เลขไทย"), ("arabic", "เลขอารบิก")])
        form.addRow(self.tr("ตัวเลข"), self.digits)
        self.number_titles = QCheckBox(self.tr("ใส่ลำดับหน้าชื่อมาตรการ (ถ้ายังไม่มี)"))
        self.number_titles.setChecked(True)
        form.addRow("", self.number_titles)
        self.cover = QCheckBox(self.tr("มีหน้าปก"))
        form.addRow("", self.cover)
        self.front = QCheckBox(self.tr("ทำเป็นรูปเล่ม: ปก คำนำ สารบัญ"))
        self.front.setToolTip(self.tr("หน้าคำนำและสารบัญมีเลขหน้า ก ข ค"))
        form.addRow("", self.front)
        self.approved = QCheckBox(self.tr("ผู้บริหารอนุมัติแล้ว (ไม่พิมพ์คำว่า «ฉบับร่าง»)"))
        self.approved.toggled.connect(self._set_approved)
        form.addRow("", self.approved)
        self.table_orientation = self._combo([("", "แนวเดียวกับเอกสาร"), ("landscape", "แนวนอน")])
        self.table_orientation.setToolTip(self.tr("แนวกระดาษของตารางมาตรการในเอกสารการวิเคราะห์ผลการประเมินและมาตรการ"))
        form.addRow(self.tr("ตารางมาตรการ"), self.table_orientation)
        self.figures: dict[str, QLineEdit] = {}
        for name, label in (("figure1", "ภาพที่ ๑ จากไฟล์"), ("figure2", "ภาพที่ ๒ จากไฟล์")):
            row = QHBoxLayout()
            edit = QLineEdit()
            edit.setPlaceholderText(self.tr("เว้นว่าง = แผนภูมิที่โปรแกรมวาด"))
            pick = QPushButton(self.tr("เลือก…"))
            pick.clicked.connect(lambda _c=False, e=edit: self._pick_figure(e))
            row.addWidget(edit, 1)
            row.addWidget(pick)
            self.figures[name] = edit
            self._watch(edit)
            form.addRow(self.tr(label), row)
        appendix_row = QHBoxLayout()
        self.appendix = QListWidget()
        self.appendix.setFixedHeight(60)
        add = QPushButton(self.tr("เพิ่มภาพ…"))
        remove = QPushButton(self.tr("เอาออก"))
        add.clicked.connect(self._add_appendix)
        remove.clicked.connect(self._remove_appendix)
        buttons_col = QVBoxLayout()
        buttons_col.addWidget(add)
        buttons_col.addWidget(remove)
        appendix_row.addWidget(self.appendix, 1)
        appendix_row.addLayout(buttons_col)
        form.addRow(self.tr("ภาคผนวก"), appendix_row)
        self.division = shrinkable(QComboBox())
        self.division.addItem(self.tr("(ทั้งหน่วยงาน)"), "")
        for d in self.doc.data.live_divisions():
            self.division.addItem(d.name, d.id)
            self.division.setItemData(self.division.count() - 1, d.name, Qt.ItemDataRole.ToolTipRole)
        self.only_division = QCheckBox(self.tr("เฉพาะมาตรการของกอง/ฝ่ายนี้"))
        form.addRow(self.tr("ออกในนามของ"), self.division)
        form.addRow("", self.only_division)
        self.columns = QListWidget()
        self.columns.setDragDropMode(QListWidget.DragDropMode.InternalMove)
        self._fill_columns(list(DEFAULT_COLUMNS))
        form.addRow(self.tr("คอลัมน์/หัวข้อ\n(ติ๊กเลือก ลากเพื่อเรียง)"), self.columns)
        self._watch(self.document, self.year, self.round, self.layout_kind, self.digits, self.number_titles,
                    self.cover, self.front, self.table_orientation, self.division, self.only_division,
                    self.columns)
        self.document.currentIndexChanged.connect(self._document_changed)
        self.year.currentIndexChanged.connect(self._load_signatories)
        self.round.currentIndexChanged.connect(self._load_signatories)
        return tab

    def _pick_figure(self, edit: QLineEdit) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("ภาพแผนภูมิ"), str(self.doc.path.parent),
                                              self.tr("ภาพ (*.png *.jpg *.jpeg)"))
        if path:
            edit.setText(path)
            self.refresh()

    def _add_appendix(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("ภาพสำหรับภาคผนวก"), str(self.doc.path.parent),
                                                self.tr("ภาพ (*.png *.jpg *.jpeg)"))
        for path in paths:
            self.appendix.addItem(path)
        if paths:
            self.refresh()

    def _remove_appendix(self) -> None:
        for item in self.appendix.selectedItems():
            self.appendix.takeItem(self.appendix.row(item))
        self.refresh()

    def _page_tab(self) -> QWidget:
        tab = QWidget()
        form = self._form(tab)
        self.orientation = self._combo([("", "ตามรูปแบบ"), ("landscape", "แนวนอน"), ("portrait", "แนวตั้ง")])
        form.addRow(self.tr("แนวกระดาษ"), self.orientation)
        self.margins: dict[str, QDoubleSpinBox] = {}
        defaults = ReportOptions()
        for name, label in (("margin_top_cm", "ขอบบน"), ("margin_bottom_cm", "ขอบล่าง"),
                            ("margin_left_cm", "ขอบซ้าย"), ("margin_right_cm", "ขอบขวา")):
            spin = QDoubleSpinBox()
            spin.setRange(0.5, 6.0)
            spin.setSingleStep(0.25)
            spin.setSuffix(self.tr(" ซม."))
            spin.setValue(getattr(defaults, name))
            self.margins[name] = spin
            form.addRow(self.tr(label), spin)
        self.page_numbers = self._combo([("dash", "- ๒ - (ตั้งแต่หน้า ๒)"), ("of", "หน้า ๒ จาก ๑๒"),
                                         ("none", "ไม่ใส่เลขหน้า")])
        form.addRow(self.tr("เลขหน้า"), self.page_numbers)
        self.sizes: dict[str, QComboBox] = {}
        for name, label in (("body_size", "ตัวอักษรเนื้อความ"), ("table_size", "ตัวอักษรในตาราง"),
                            ("heading_size", "ตัวอักษรหัวเรื่อง")):
            combo = shrinkable(QComboBox())
            for size in PSK_SIZES:
                combo.addItem(to_thai_digits(f"{size:g}") + self.tr(" (เทียบ TH Sarabun PSK)"), size)
            combo.setCurrentIndex(combo.findData(getattr(defaults, name)))
            self.sizes[name] = combo
            form.addRow(self.tr(label), combo)
        self.font_family = shrinkable(QComboBox())
        self.font_family.addItem(self.tr("Sarabun (ฝังในไฟล์ PDF)"), "")
        for label in installed_families():
            self.font_family.addItem(label, label)
        form.addRow(self.tr("แบบอักษร"), self.font_family)
        self._watch(self.orientation, *self.margins.values(), self.page_numbers, *self.sizes.values(), self.font_family)
        return tab

    def _text_tab(self) -> QWidget:
        body = QWidget()
        form = self._form(body)
        hint = QLabel(self.tr("ใช้ได้: ") + " ".join("{" + p + "}" for p in PLACEHOLDERS))
        hint.setWordWrap(True)
        form.addRow(hint)
        self.title = QPlainTextEdit(DEFAULT_TITLE)
        self.title.setFixedHeight(110)
        form.addRow(self.tr("หัวเรื่อง"), self.title)
        self.intro = QPlainTextEdit()
        self.intro.setPlaceholderText(self.tr("เว้นว่างไว้เพื่อใช้ย่อหน้านำมาตรฐาน"))
        self.intro.setFixedHeight(90)
        form.addRow(self.tr("ย่อหน้านำ"), self.intro)
        self.headings: dict[str, QLineEdit] = {}
        for key in COLUMN_KEYS:
            edit = QLineEdit()
            edit.setPlaceholderText(DEFAULT_HEADINGS[key])
            self.headings[key] = edit
            form.addRow(self.tr("หัวคอลัมน์ ") + self.tr(COLUMN_NAMES[key]), edit)
        self._watch(self.title, self.intro, *self.headings.values())
        return body

    def _signature_tab(self) -> QWidget:
        tab = QWidget()
        form = self._form(tab)
        note = QLabel(self.tr("ชื่อและตำแหน่งบันทึกไว้ในไฟล์ สำหรับเอกสารนี้ของปีและรอบที่เลือก"))
        note.setWordWrap(True)
        form.addRow(note)
        self.signer_fields: dict[tuple[str, str], QLineEdit] = {}
        for role in m.ROLES:
            for field, label in (("name", "ชื่อ"), ("position", "ตำแหน่ง")):
                edit = QLineEdit()
                edit.editingFinished.connect(lambda r=role, f=field, e=edit: self._set_signatory(r, f, e.text()))
                self.signer_fields[(role, field)] = edit
                form.addRow(self.tr(f"{label}{m.ROLE_NAMES[role]}"), edit)
        self.sign_date = QLineEdit()
        self.sign_date.setPlaceholderText(self.tr("เช่น ๓๐ กันยายน ๒๕๖๘ (เว้นว่าง = เส้นประให้เขียน)"))
        self._watch(self.sign_date)
        form.addRow(self.tr("วันที่ลงนาม"), self.sign_date)
        return tab

    def _combo(self, items: list[tuple[str, str]]) -> QComboBox:
        combo = shrinkable(QComboBox())
        for key, label in items:
            combo.addItem(self.tr(label), key)
        return combo

    def _fill_columns(self, chosen: list[str]) -> None:
        blocked = self.columns.blockSignals(True)
        self.columns.clear()
        for key in [*chosen, *(k for k in COLUMN_KEYS if k not in chosen)]:
            item = QListWidgetItem(self.tr(COLUMN_NAMES[key]))
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsDragEnabled)
            item.setCheckState(Qt.CheckState.Checked if key in chosen else Qt.CheckState.Unchecked)
            self.columns.addItem(item)
        self.columns.blockSignals(blocked)

    # --- signatories (stored in the file) ------------------------------------------------
    def _owner(self) -> tuple[m.Plan | None, str, str]:
        plan = self.doc.data.plan(int(self.year.currentData() or 0))
        document = self.document.currentData()
        round_ = self.round.currentData() if document == "implementation" else ""
        return plan, document, round_

    def _issued(self) -> m.IssuedDocument | None:
        plan, document, round_ = self._owner()
        if plan is None:
            return None
        return next((d for d in self.doc.data.documents if d.plan_id == plan.id and not d.deleted
                     and d.document == document and d.round == round_), None)

    def _set_approved(self, on: bool) -> None:
        """Record in the file that the head of the office approved this document (or not)."""
        if self._loading:
            return
        plan, document, round_ = self._owner()
        if plan is None:
            return
        issued = self._issued()
        if issued is None:
            if not on:
                return

            def create() -> list[m.Record]:
                rec = m.IssuedDocument(id=m.natural_id("issued", plan.id, document, round_),
                                       plan_id=plan.id, document=document, round=round_)
                self.doc.data.documents.append(rec)
                return [rec]

            issued = self.doc.edit(self.tr("อนุมัติเอกสาร"), create)[0]  # type: ignore[assignment]
        assert isinstance(issued, m.IssuedDocument)
        day = dt.date.today().isoformat()
        try:
            if self.sign_date.text().strip():
                day = parse_thai_date(self.sign_date.text()).isoformat()
        except DateError:
            pass
        self.doc.set_field(issued, "approved_on", day if on else "")
        self.refresh()

    def _load_signatories(self) -> None:
        issued = self._issued()
        loading, self._loading = self._loading, True
        self.approved.setChecked(bool(issued and issued.approved_on))
        self._loading = loading
        plan, document, round_ = self._owner()
        people = self.doc.data.signatories_for(plan.id, document, round_) if plan else []
        for sig in people:
            for field in ("name", "position"):
                self.signer_fields[(sig.role, field)].setText(getattr(sig, field))

    def _set_signatory(self, role: str, field: str, value: str) -> None:
        plan, document, round_ = self._owner()
        if plan is None:
            return
        current = self.doc.data.signatory(plan.id, document, round_, role)
        effective = self.doc.data.signatories_for(plan.id, document, round_)
        if current is None and getattr(next(s for s in effective if s.role == role), field) == value:
            return  # unchanged: keep following the office's default
        if current is None:
            current = self.doc.edit(self.tr("ผู้ลงนาม"), lambda: [edits.signatory_for(
                self.doc.data, plan.id, document, round_, role)])[0]  # type: ignore[assignment]
        assert isinstance(current, m.Signatory)
        self.doc.set_field(current, field, value.strip())
        self.refresh()

    # --- options --------------------------------------------------------------------------
    def _enable_for_document(self) -> bool:
        """Only the chosen document's options can be changed; True for the analysis."""
        analysis = self.document.currentData() == "analysis"
        self.layout_kind.setEnabled(not analysis)
        self.round.setEnabled(not analysis)
        self.table_orientation.setEnabled(analysis)
        for edit in self.figures.values():
            edit.setEnabled(analysis)
        return analysis

    def _document_changed(self) -> None:
        analysis = self._enable_for_document()
        self.cover.setChecked(analysis)
        self._fill_columns(list(ANALYSIS_COLUMNS if analysis else DEFAULT_COLUMNS))
        self._load_signatories()

    def selected_columns(self) -> list[str]:
        out = []
        for i in range(self.columns.count()):
            item = self.columns.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return out

    def options(self) -> ReportOptions:
        """The options as chosen; raises OptionsError (Thai) for what cannot be printed."""
        division = self.division.currentData() or ""
        analysis = self.document.currentData() == "analysis"
        columns = tuple(self.selected_columns())
        sign_date = ""
        if self.sign_date.text().strip():
            try:
                sign_date = parse_thai_date(self.sign_date.text()).isoformat()
            except DateError as exc:
                raise OptionsError(f"วันที่ลงนาม: {exc}") from None
        extra: dict[str, Any] = {"analysis_columns": columns} if analysis else {"columns": columns}
        opts = ReportOptions(
            fiscal_year=int(self.year.currentData() or 0), document=self.document.currentData(),
            round=self.round.currentData(), layout=self.layout_kind.currentData(),
            headings={k: e.text().strip() for k, e in self.headings.items() if e.text().strip()},
            orientation=self.orientation.currentData(), digits=self.digits.currentData(),
            number_titles=self.number_titles.isChecked(), cover=self.cover.isChecked(),
            front_matter=self.front.isChecked(), table_orientation=self.table_orientation.currentData(),
            appendix=tuple(self.appendix.item(i).text() for i in range(self.appendix.count())),
            figure1=self.figures["figure1"].text().strip(), figure2=self.figures["figure2"].text().strip(),
            division=self.division.currentText() if division else "",
            filter_division=bool(division) and self.only_division.isChecked(),
            title=self.title.toPlainText().strip() or DEFAULT_TITLE, intro=self.intro.toPlainText().strip(),
            font=self.font_family.currentData(), page_numbers=self.page_numbers.currentData(), sign_date=sign_date,
            **extra,
            **{name: spin.value() for name, spin in self.margins.items()},
            **{name: float(combo.currentData()) for name, combo in self.sizes.items()},
        )
        if not columns:
            raise OptionsError("เลือกอย่างน้อยหนึ่งคอลัมน์")
        opts.validate()
        return opts

    def _key(self) -> str:
        return "print/" + str(self.doc.path).replace("/", "|").replace("\\", "|")

    def _remember(self, opts: ReportOptions) -> None:
        if self.settings is not None:
            self.settings.setValue(self._key(), json.dumps(opts.to_dict(), ensure_ascii=False))

    def _restore(self) -> None:
        if self.settings is None:
            return
        raw = self.settings.value(self._key())
        try:
            saved: dict[str, Any] = json.loads(str(raw)) if raw else {}
            opts = ReportOptions.from_dict({k: v for k, v in saved.items() if k != "fiscal_year"})
        except (ValueError, OptionsError):
            return
        for combo, value in ((self.document, opts.document), (self.round, opts.round),
                             (self.layout_kind, opts.layout), (self.digits, opts.digits),
                             (self.orientation, opts.orientation), (self.page_numbers, opts.page_numbers),
                             (self.font_family, opts.font)):
            index = combo.findData(value)
            if index >= 0:
                combo.setCurrentIndex(index)
        self.number_titles.setChecked(opts.number_titles)
        self.cover.setChecked(opts.cover if opts.cover is not None else opts.document == "analysis")
        self.front.setChecked(opts.front_matter)
        index = self.table_orientation.findData(opts.table_orientation)
        if index >= 0:
            self.table_orientation.setCurrentIndex(index)
        for name, edit in self.figures.items():
            path = getattr(opts, name)
            edit.setText(path if path and Path(path).is_file() else "")
        self.appendix.clear()
        for path in opts.appendix:
            if Path(path).is_file():
                self.appendix.addItem(path)
        chosen = opts.analysis_columns if opts.document == "analysis" else opts.columns
        self._fill_columns([c for c in chosen if c in COLUMN_KEYS])
        for key, edit in self.headings.items():
            edit.setText(opts.headings.get(key, ""))
        self.title.setPlainText(opts.title)
        self.intro.setPlainText(opts.intro)
        for name, spin in self.margins.items():
            spin.setValue(float(getattr(opts, name)))
        for name, combo in self.sizes.items():
            index = combo.findData(float(getattr(opts, name)))
            if index >= 0:
                combo.setCurrentIndex(index)
        index = self.division.findText(opts.division) if opts.division else 0
        if index >= 0:
            self.division.setCurrentIndex(index)
        self.only_division.setChecked(opts.filter_division)
        if opts.sign_date:
            self.sign_date.setText(format_thai_date(dt.date.fromisoformat(opts.sign_date)))

    # --- preview --------------------------------------------------------------------------
    def _changed(self, *_args: object) -> None:
        if not self._loading:
            self.refresh()

    def refresh(self, now: bool = False) -> None:
        """Render the current options (coalesced with other changes made close together)."""
        try:
            opts = self.options()
        except OptionsError as exc:
            self.result = None
            self._enable(False)
            message = thai_message(exc)
            self.show_status(message.text, message.detail)
            self.failed.emit(message.text)
            return
        self._remember(opts)
        self.doc.flush()  # the worker reads the file: everything typed must be in it
        self._enable(False)
        self.worker.request(str(self.doc.path), opts.to_dict(), now=now)

    def _render_started(self) -> None:
        self.progress.setVisible(True)

    def _render_finished(self, result: dict[str, Any]) -> None:
        self.progress.setVisible(self.worker.busy)
        self.result = result
        self._show_pdf(result["pdf"])
        pages = to_thai_digits(str(result["pages"]))
        orientation = "แนวนอน" if result["orientation"] == "landscape" else "แนวตั้ง"
        self.show_status("\n".join([self.tr(f"{pages} หน้า กระดาษ{orientation}"), *result["warnings"]]))
        self._enable(True)
        self.preview_ready.emit(result)

    def _render_failed(self, message: str, detail: str = "") -> None:
        self.progress.setVisible(self.worker.busy)
        self.result = None
        self.show_status(message, detail)
        self._enable(False)
        self.failed.emit(message)

    def _show_pdf(self, data: bytes) -> None:
        buffer = QBuffer(self)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.pdf.load(buffer)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer

    def _enable(self, on: bool) -> None:
        self.print_button.setEnabled(on)
        self.save_button.setEnabled(on)

    # --- output ---------------------------------------------------------------------------
    def suggested_name(self) -> str:
        """An ASCII name for the website: O26_2569_report.pdf (the OIT item of the year's catalog)."""
        opts = self.options()
        item = ""
        plan = self.doc.data.plan(opts.fiscal_year)
        a = self.doc.data.assessment_by_id(plan.based_on) if plan and plan.based_on else None
        snap = self.doc.data.framework_of(a) if a else None
        documents = snap.data.get("documents", {}) if snap else {}
        if isinstance(documents, dict) and documents.get(opts.document):
            item = str(documents[opts.document]).upper() + "_"
        suffix = "" if opts.document == "analysis" else f"_{opts.round}"
        return f"{item}{opts.fiscal_year}_{ASCII_NAMES[opts.document]}{suffix}.pdf"

    def save_pdf(self, path: Path) -> bool:
        """Write the previewed PDF; a file held open elsewhere gives a clear message."""
        if self.result is None:
            return False
        tmp = path.with_name(path.name + ".part")
        try:
            tmp.write_bytes(self.result["pdf"])
            replace_with_retry(tmp, path)
        except OSError as exc:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
            found = thai_message(exc, self.tr(f"บันทึก «{path.name}»"))
            message = found.text
            if isinstance(exc, PermissionError) or "โปรแกรมอื่น" in message:
                message = self.tr(f"บันทึก «{path.name}» ไม่ได้: ไฟล์อาจเปิดอยู่ในโปรแกรมอื่น "
                                  "(เช่น โปรแกรมอ่าน PDF) ปิดไฟล์นั้นแล้วลองอีกครั้ง หรือบันทึกเป็นชื่ออื่น")
            self.show_status(message, found.detail)
            if not os.environ.get("ITA_DESKTOP_NO_DIALOGS"):
                QMessageBox.warning(self, self.tr("บันทึกไม่สำเร็จ"), message)
            return False
        self.show_status(self.tr("บันทึกแล้ว: ") + str(path))
        self.saved.emit(str(path))
        return True

    def save_dialog(self) -> None:
        start = str(self.doc.path.with_name(self.suggested_name()))
        path, _ = QFileDialog.getSaveFileName(self, self.tr("บันทึกเป็น PDF"), start, "PDF (*.pdf)")
        if path:
            self.save_pdf(Path(path if path.lower().endswith(".pdf") else path + ".pdf"))

    def print_to(self, printer: QPrinter) -> int:
        """Send the previewed pages to a configured printer; returns sheets sent."""
        if self.result is None:
            return 0
        try:
            return print_pdf(self.result["pdf"], printer)
        except Exception as exc:  # PrintError is Thai already; anything else is said in Thai too
            message = thai_message(exc, "" if isinstance(exc, PrintError) else self.tr("พิมพ์"))
            self.show_status(message.text, message.detail)
            return 0

    def print_dialog(self) -> None:
        if self.result is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setFullPage(True)
        printer.setFromTo(1, int(self.result["pages"]))
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, int(self.result["pages"]))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        if is_pdf_printer(printer):
            answer = QMessageBox.question(
                self, self.tr("เครื่องพิมพ์ PDF"),
                self.tr("เครื่องพิมพ์ที่เลือกสร้างไฟล์ PDF ซึ่งจะได้ภาพของหน้า ไม่ใช่ข้อความ\n"
                        "ใช้ «บันทึกเป็น PDF» แทนดีกว่า (ข้อความคัดลอกและค้นหาได้) ต้องการบันทึกเป็น PDF หรือไม่"))
            if answer == QMessageBox.StandardButton.Yes:
                self.save_dialog()
                return
        sent = self.print_to(printer)
        if sent:
            self.show_status(self.tr(f"ส่งไปพิมพ์แล้ว {to_thai_digits(str(sent))} หน้า"))

    def done(self, code: int) -> None:
        self.worker.shutdown()
        super().done(code)
