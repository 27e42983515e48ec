"""The print screen: a document's options on the left, its live preview on the right.

Every change asks the render worker (one process running the CLI's code) for a new PDF; requests
made close together are coalesced, so typing never queues renders and the window never waits.
The preview shows the very bytes that Save as PDF writes and Print… sends to the printer.
The simple fields are made from the options' declarations (report/options.py OPTIONS: kind,
Thai label, choices, range, tab, the documents it applies to); the year, the division, the
font and the columns have editors of their own. The options printed are saved in the file,
per year, document and round (PrintSettings, through the open document: one undo step), when
the clerk prints or saves the PDF; options naming files of this PC (figures, appendix) and the
document shown last are kept per PC in QSettings. Signatories are edited in the file itself.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

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

from ita_desktop import render_process, snapshot
from ita_desktop.domain import edits, oit
from ita_desktop.domain import models as m
from ita_desktop.domain.checks import Finding, Printing, stage_on
from ita_desktop.domain.framework import evidence_file_name
from ita_desktop.report import options as declared  # the declarations, read when used
from ita_desktop.report.fontfiles import installed_families
from ita_desktop.report.options import (
    ANALYSIS_COLUMNS,
    COLUMN_KEYS,
    COLUMN_NAMES,
    DEFAULT_COLUMNS,
    DEFAULT_HEADINGS,
    PLACEHOLDERS,
    Option,
    OptionsError,
    ReportOptions,
)
from ita_desktop.resources import all_frameworks
from ita_desktop.safe_files import SHORT_RETRY_DELAYS, write_bytes_atomically
from ita_desktop.store.check import findings as check_findings
from ita_desktop.store.errors import thai_message
from ita_desktop.thai.dates import DateError, format_thai_date, parse_thai_date
from ita_desktop.thai.digits import to_arabic_digits, to_thai_digits
from ita_desktop.ui import background
from ita_desktop.ui.background import EXPECTED
from ita_desktop.ui.dialogs.findings import findings_dialog
from ita_desktop.ui.dialogs.fit import bounded, fit_to_screen, shrinkable
from ita_desktop.ui.document import Document
from ita_desktop.ui.printing import PrintError, is_pdf_printer, print_pdf
from ita_desktop.ui.render_worker import RenderWorker, Source

W = TypeVar("W", bound=QWidget)
REGISTER_DOCUMENTS = ("oit-register", "publish-form")
PAPERWORK_ONLY = {"memo", "publish-form", "oit-register", "photos"}  # options of these alone hide elsewhere  # printed for an ITA year's register
_TEMPLATE_HEIGHT = {"title": 110}  # pixels of a template's box (others: 90)


class OptionField:
    """One option's field on the print screen: its widgets (enabled together), how to read
    its value (`get`, may raise OptionsError naming the option) and show one (`put`); `parts`:
    a field of several line edits (the headings), by column."""

    def __init__(self, option: Option, widgets: list[QWidget], get: Callable[[], Any],
                 put: Callable[[Any], None], parts: dict[str, QLineEdit] | None = None) -> None:
        self.option, self.widgets, self.get, self.put = option, widgets, get, put
        self.parts = parts or {}


def _select(combo: QComboBox, value: Any) -> None:
    """Choose the item holding `value`; one the combo does not offer leaves it as it is."""
    index = combo.findData(value)
    if index >= 0:
        combo.setCurrentIndex(index)


def _json_object(raw: object) -> dict[str, Any]:
    """A JSON object kept in QSettings, or {} (nothing, or not what this program wrote)."""
    try:
        value = json.loads(str(raw)) if raw else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


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
        self.rendered: dict[str, Any] | None = None
        self._loading = True
        self.fields: dict[str, OptionField] = {}
        # saved options this screen has no field for (set elsewhere, or by a newer version):
        # passed on as they are, and saved again
        self._kept: dict[str, Any] = {}
        self._requested: ReportOptions | None = None  # the options of the preview being made
        self._habits_of = ""  # the document whose habits (cover, columns) the fields show
        self._migrating = False  # showing options an older version kept in QSettings
        self.setWindowTitle(self.tr("พิมพ์เอกสาร"))
        # as large as a 100 % laptop screen allows; at 125 % (1093×582) it takes what there is
        size = fit_to_screen(self, 1240, 760)
        lay = QVBoxLayout(self)
        split = QSplitter()
        split.setChildrenCollapsible(False)
        lay.addWidget(split, 1)
        tabs = QTabWidget()
        tabs.addTab(self._scroll(self._tab("document", after={"front_matter": self._approved_row})),
                    self.tr("เอกสาร"))
        tabs.addTab(self._scroll(self._tab("page")), self.tr("หน้ากระดาษ"))
        tabs.addTab(self._scroll(self._tab("text", before=self._placeholders_row)), self.tr("ข้อความ"))
        tabs.addTab(self._scroll(self._tab("signature", before=self._signer_rows)), self.tr("ผู้ลงนาม"))
        self._name_fields()
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
        # what the chosen document needs at its stage (_count_findings), less the notes
        self.completeness = QPushButton()
        self._can_check = hasattr(parent, "go_to")
        # the check runs for the document shown, again only when that or the file changes: not
        # at every option change (1,000 measures take half a second)
        self._counted_for: tuple[str, str, str] | None = None
        doc.changed.connect(self._forget_count)
        self.completeness.clicked.connect(self.show_findings)
        buttons.addWidget(self.completeness)
        # บันทึกเป็น PDF… offers a Thai name; ticked, the ASCII name the website wants
        self.web_name = QCheckBox(self.tr("ชื่อไฟล์สำหรับเว็บไซต์"))
        self.web_name.setChecked(bool(settings is not None and settings.value("print-web-name", False, bool)))
        self.web_name.toggled.connect(self._keep_web_name)
        buttons.addWidget(self.web_name)
        self.print_button = QPushButton(self.tr("พิมพ์…"))
        self.save_button = QPushButton(self.tr("บันทึกเป็น PDF…"))
        self.word_button = QPushButton(self.tr("บันทึกเป็น Word…"))
        self.word_button.setToolTip(self.tr("เอกสารเดียวกันเป็นไฟล์ .docx ให้แก้ต่อใน Word "
                                            "(ใช้แบบอักษร TH SarabunPSK ที่ติดตั้งในเครื่องที่เปิด)"))
        close = QPushButton(self.tr("ปิด"))
        self.print_button.clicked.connect(self.print_dialog)
        self.save_button.clicked.connect(self.save_dialog)
        self.word_button.clicked.connect(self.save_word_dialog)
        close.clicked.connect(self.reject)
        buttons.addStretch(1)
        for b in (self.word_button, self.save_button, self.print_button, close):
            buttons.addWidget(b)
        lay.addLayout(buttons)
        self.worker = RenderWorker(self)
        self.worker.started.connect(self._render_started)
        self.worker.finished.connect(self._render_finished)
        self.worker.failed.connect(self._render_failed)
        self._restore()
        self._fill_years()
        self._enable_for_document()
        self._load_signatories()
        self._count_findings()
        self._loading = False
        self._enable(False)
        if self.year.count() == 0:
            self.show_status(self._no_year())
        else:
            self.refresh(now=True)

    def _no_year(self) -> str:
        if self.document.currentData() in REGISTER_DOCUMENTS:
            return self.tr("ยังไม่มีทะเบียนการเปิดเผยข้อมูล: สร้างที่หน้า «ทะเบียนการเปิดเผยข้อมูล (OIT)» ก่อนพิมพ์")
        return self.tr("ยังไม่มีมาตรการของปีงบประมาณใด: เพิ่มมาตรการก่อนพิมพ์เอกสาร")

    def show_document(self, document: str, year: int) -> None:
        """Open on `document` of `year` (the register page's print buttons)."""
        self.fields["document"].put(document)
        index = self.year.findData(year)
        if index >= 0:
            self.year.setCurrentIndex(index)

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

    # --- tabs: the fields of the declared options (report/options.py OPTIONS) -----------
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
        """Any change of these widgets re-renders the preview: at once for a choice made,
        after a pause for typing (a number's arrows, a text being written)."""
        for w in widgets:
            if isinstance(w, QComboBox):
                w.currentIndexChanged.connect(self._chosen)
            elif isinstance(w, QCheckBox):
                w.toggled.connect(self._chosen)
            elif isinstance(w, QDoubleSpinBox):
                w.valueChanged.connect(self._changed)
            elif isinstance(w, QLineEdit):
                w.textEdited.connect(self._changed)  # a clerk who types and waits sees it
                w.editingFinished.connect(self._chosen)
            elif isinstance(w, QPlainTextEdit):
                w.textChanged.connect(self._changed)
            elif isinstance(w, QListWidget):
                w.itemChanged.connect(self._chosen)
                w.model().rowsMoved.connect(self._chosen)

    def _tab(self, tab: str, before: Callable[[QFormLayout], None] | None = None,
             after: dict[str, Callable[[QFormLayout], None]] | None = None) -> QWidget:
        """The fields of the options declared for `tab`, in their order; `before` and `after`
        (an option's name) add rows that are not options (approval, signatories)."""
        widget = QWidget()
        form = self._form(widget)
        if before is not None:
            before(form)
        for opt in declared.OPTIONS:
            if opt.tab != tab:
                continue
            special = {"fiscal_year": self._year_field, "division": self._division_field,
                       "font": self._font_field, "columns": self._columns_field}.get(opt.name)
            field = (special or self._field)(form, opt)
            self.fields[opt.name] = field
            if opt.name not in declared.KEY_OPTIONS:
                self._watch(*field.widgets)
            if after and opt.name in after:
                after[opt.name](form)
        return widget

    def _field(self, form: QFormLayout, opt: Option) -> OptionField:
        """The field of a simple option, made from its declaration, added to `form`."""
        kind, label, hint = opt.kind, self.tr(opt.label), self.tr(opt.hint) if opt.hint else ""
        if kind == "choice" or (kind == "number" and opt.choices):
            combo = self._combo(opt.choices)
            combo.setToolTip(hint)
            form.addRow(label, combo)
            number = kind == "number"
            field = OptionField(opt, [combo], lambda: float(combo.currentData()) if number else combo.currentData(),
                                lambda v: _select(combo, float(v) if number else v))
        elif kind == "bool":
            box = QCheckBox(label)
            box.setToolTip(hint)
            form.addRow("", box)
            field = OptionField(opt, [box], box.isChecked, lambda v: box.setChecked(bool(v)))
        elif kind == "number":
            assert opt.range is not None
            spin = QDoubleSpinBox()
            spin.setRange(*opt.range)
            spin.setSingleStep(opt.step or 1.0)
            spin.setSuffix(" " + self.tr(opt.unit) if opt.unit else "")
            form.addRow(label, spin)
            field = OptionField(opt, [spin], spin.value, lambda v: spin.setValue(float(v)))
        elif kind == "template":
            text = QPlainTextEdit(opt.default)
            text.setPlaceholderText(hint)
            text.setFixedHeight(_TEMPLATE_HEIGHT.get(opt.name, 90))
            form.addRow(label, text)
            field = OptionField(opt, [text], lambda: text.toPlainText().strip() or opt.default, text.setPlainText)
        elif kind == "date":
            field = self._date_field(form, opt, label, hint)
        elif kind == "file":
            field = self._file_field(form, opt, label, hint)
        elif kind == "files":
            field = self._files_field(form, opt, label)
        elif kind == "headings":
            edits_: dict[str, QLineEdit] = {}
            for key in COLUMN_KEYS:
                edit = QLineEdit()
                edit.setPlaceholderText(DEFAULT_HEADINGS[key])
                edits_[key] = edit
                form.addRow(label + " " + self.tr(COLUMN_NAMES[key]), edit)

            def put_headings(value: dict[str, str]) -> None:
                for key, edit in edits_.items():
                    edit.setText(str(value.get(key, "")))
            field = OptionField(opt, list(edits_.values()),
                                lambda: {k: e.text().strip() for k, e in edits_.items() if e.text().strip()},
                                put_headings, edits_)
        else:  # text, and any kind without a field of its own: a line
            edit = QLineEdit(str(opt.default or ""))
            edit.setPlaceholderText(hint)
            form.addRow(label, edit)
            field = OptionField(opt, [edit], lambda: edit.text().strip(), lambda v: edit.setText(str(v)))
        field.put(opt.default)
        return field

    def _date_field(self, form: QFormLayout, opt: Option, label: str, hint: str) -> OptionField:
        edit = QLineEdit()
        edit.setPlaceholderText(hint)
        form.addRow(label, edit)

        def get() -> str:
            if not edit.text().strip():
                return ""
            try:
                return parse_thai_date(edit.text()).isoformat()
            except DateError as exc:
                raise OptionsError(str(exc), opt.name) from None

        def put(value: str) -> None:
            edit.setText(format_thai_date(dt.date.fromisoformat(value)) if value else "")
        return OptionField(opt, [edit], get, put)

    def _file_field(self, form: QFormLayout, opt: Option, label: str, hint: str) -> OptionField:
        row = QHBoxLayout()
        edit = QLineEdit()
        edit.setPlaceholderText(hint)
        pick = QPushButton(self.tr("เลือก…"))
        pick.clicked.connect(lambda _c=False: self._pick_file(edit, label))
        row.addWidget(edit, 1)
        row.addWidget(pick)
        form.addRow(label, row)
        return OptionField(opt, [edit, pick], lambda: edit.text().strip(),
                           lambda v: edit.setText(v if v and Path(v).is_file() else ""))

    def _files_field(self, form: QFormLayout, opt: Option, label: str) -> OptionField:
        row = QHBoxLayout()
        files = QListWidget()
        files.setFixedHeight(60)
        add = QPushButton(self.tr("เพิ่มภาพ…"))
        remove = QPushButton(self.tr("เอาออก"))
        add.clicked.connect(lambda _c=False: self._add_files(files, label))
        remove.clicked.connect(lambda _c=False: self._remove_files(files))
        buttons_col = QVBoxLayout()
        buttons_col.addWidget(add)
        buttons_col.addWidget(remove)
        row.addWidget(files, 1)
        row.addLayout(buttons_col)
        form.addRow(label, row)

        def put(paths: tuple[str, ...]) -> None:
            files.clear()
            for path in paths:
                if Path(path).is_file():
                    files.addItem(path)
        return OptionField(opt, [files, add, remove],
                           lambda: tuple(files.item(i).text() for i in range(files.count())), put)

    def _pick_file(self, edit: QLineEdit, title: str) -> None:
        path, _ = QFileDialog.getOpenFileName(self, title, str(self.doc.path.parent),
                                              self.tr("ภาพ (*.png *.jpg *.jpeg)"))
        if path:
            edit.setText(path)
            self.refresh()

    def _add_files(self, files: QListWidget, title: str) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, title, str(self.doc.path.parent),
                                                self.tr("ภาพ (*.png *.jpg *.jpeg)"))
        for path in paths:
            files.addItem(path)
        if paths:
            self.refresh()

    def _remove_files(self, files: QListWidget) -> None:
        for item in files.selectedItems():
            files.takeItem(files.row(item))
        self.refresh()

    # the fields of the options with editors of their own
    def _year_field(self, form: QFormLayout, opt: Option) -> OptionField:
        year = shrinkable(QComboBox())
        for plan in self.doc.data.live_plans():
            year.addItem(to_thai_digits(str(plan.fiscal_year)), plan.fiscal_year)
        year.setCurrentIndex(year.count() - 1)
        form.addRow(self.tr(opt.label), year)
        label = form.labelForField(year)
        self.year_label = label if isinstance(label, QLabel) else None  # ปีประเมิน ITA for the register
        return OptionField(opt, [year], lambda: int(year.currentData() or 0), lambda v: _select(year, v))

    def _division_field(self, form: QFormLayout, opt: Option) -> OptionField:
        division = shrinkable(QComboBox())
        division.addItem(self.tr("(ทั้งหน่วยงาน)"), "")
        for d in self.doc.data.live_divisions():
            division.addItem(d.name, d.id)
            division.setItemData(division.count() - 1, d.name, Qt.ItemDataRole.ToolTipRole)
        form.addRow(self.tr(opt.label), division)

        def put(name: str) -> None:
            index = division.findText(name) if name else 0
            if index >= 0:
                division.setCurrentIndex(index)
        return OptionField(opt, [division], lambda: division.currentText() if division.currentData() else "", put)

    def _font_field(self, form: QFormLayout, opt: Option) -> OptionField:
        font = shrinkable(QComboBox())
        font.addItem(self.tr("Sarabun (ฝังในไฟล์ PDF)"), "")
        for label in installed_families():
            font.addItem(label, label)
        form.addRow(self.tr(opt.label), font)
        return OptionField(opt, [font], font.currentData, lambda v: _select(font, v))

    def _columns_field(self, form: QFormLayout, opt: Option) -> OptionField:
        """The columns of the chosen document (its `columns`, or the analysis' own)."""
        self.columns = QListWidget()
        self.columns.setDragDropMode(QListWidget.DragDropMode.InternalMove)
        self._fill_columns(list(DEFAULT_COLUMNS))
        form.addRow(self.tr(opt.label) + "\n(" + self.tr(opt.hint) + ")", self.columns)
        return OptionField(opt, [self.columns], lambda: tuple(self.selected_columns()),
                           lambda v: self._fill_columns([c for c in v if c in COLUMN_KEYS]))

    # rows that are not options
    def _approved_row(self, form: QFormLayout) -> None:
        self.approved = QCheckBox(self.tr("ผู้บริหารอนุมัติแล้ว (ไม่พิมพ์คำว่า «ฉบับร่าง»)"))
        self.approved.toggled.connect(self._set_approved)
        form.addRow("", self.approved)
        self.approval_reason = QLabel()  # why approving was refused, right under the box
        self.approval_reason.setWordWrap(True)
        self.approval_reason.setStyleSheet("color: #b00020;")
        form.addRow("", self.approval_reason)

    def _placeholders_row(self, form: QFormLayout) -> None:
        hint = QLabel(self.tr("ใช้ได้: ") + " ".join("{" + p + "}" for p in PLACEHOLDERS))
        hint.setWordWrap(True)
        form.addRow(hint)

    def _signer_rows(self, form: QFormLayout) -> None:
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

    def _name_fields(self) -> None:
        """The fields by the names the rest of the screen (and its tests) know them by."""
        self.document = self._widget("document", QComboBox)
        self.year = self._widget("fiscal_year", QComboBox)
        self.round = self._widget("round", QComboBox)
        self.layout_kind = self._widget("layout", QComboBox)
        self.digits = self._widget("digits", QComboBox)
        self.orientation = self._widget("orientation", QComboBox)
        self.page_numbers = self._widget("page_numbers", QComboBox)
        self.table_orientation = self._widget("table_orientation", QComboBox)
        self.division = self._widget("division", QComboBox)
        self.font_family = self._widget("font", QComboBox)
        self.number_titles = self._widget("number_titles", QCheckBox)
        self.cover = self._widget("cover", QCheckBox)
        self.front = self._widget("front_matter", QCheckBox)
        self.only_division = self._widget("filter_division", QCheckBox)
        self.title = self._widget("title", QPlainTextEdit)
        self.intro = self._widget("intro", QPlainTextEdit)
        self.sign_date = self._widget("sign_date", QLineEdit)
        self.appendix = self._widget("appendix", QListWidget)
        self.figures = {name: self._widget(name, QLineEdit) for name in ("figure1", "figure2")}
        self.headings = self.fields["headings"].parts
        self.document.currentIndexChanged.connect(self._owner_changed)
        self.year.currentIndexChanged.connect(self._owner_changed)
        self.round.currentIndexChanged.connect(self._owner_changed)

    def _widget(self, name: str, kind: type[W]) -> W:
        widget = self.fields[name].widgets[0]
        assert isinstance(widget, kind), name
        return widget

    def _combo(self, items: tuple[tuple[Any, str], ...] | list[tuple[Any, str]]) -> QComboBox:
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
        round_ = self.round.currentData() if document in ("implementation", "memo", "photos") else ""
        return plan, document, round_

    def _signed(self) -> tuple[m.Plan | None, str, str]:
        """The document whose signatories and approval the screen shows: the memo's are those
        of the document it asks the head to approve, the photo pages' those of the report; the
        register and the publishing forms have none here (the office's approver signs a form)."""
        plan, document, round_ = self._owner()
        if document == "memo":
            target = str(self.fields["memo_for"].get())
            return plan, target, round_ if target == "implementation" else ""
        if document == "photos":
            return plan, "implementation", round_
        if document in ("analysis", "implementation"):
            return plan, document, round_
        return None, document, ""

    def _issued(self) -> m.IssuedDocument | None:
        plan, document, round_ = self._signed()
        if plan is None:
            return None
        return next((d for d in self.doc.data.documents if d.plan_id == plan.id and not d.deleted
                     and d.document == document and d.round == round_), None)

    def _set_approved(self, on: bool) -> None:
        """Record in the file that the head of the office approved this document (or not)."""
        if self._loading:
            return
        plan, document, round_ = self._signed()
        if plan is None:
            return
        missing = self._missing_for_approval() if on else []
        self.approval_reason.setText(self.tr("ยังอนุมัติไม่ได้: กรอก ") + ", ".join(missing)
                                     + self.tr(" ก่อน (เอกสารที่อนุมัติแล้วต้องมีผู้ลงนามและวันที่)")
                                     if missing else "")
        if missing:  # a document without the names that sign it is still a draft
            loading, self._loading = self._loading, True
            self.approved.setChecked(False)
            self._loading = loading
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

    def _missing_for_approval(self) -> list[str]:
        """What the document still lacks to be approved: the names of its signatories and the
        signing date (as the clerk reads them)."""
        missing = [self.tr(f"ชื่อ{m.ROLE_NAMES[role]}") for role in m.ROLES
                   if not self.signer_fields[(role, "name")].text().strip()]
        date_text = self.sign_date.text().strip()
        try:
            if date_text:
                parse_thai_date(date_text)
        except DateError:
            date_text = ""
        if not date_text:
            missing.append(self.tr("วันที่ลงนาม"))
        return missing

    def _load_signatories(self) -> None:
        issued = self._issued()
        self.approval_reason.setText("")
        loading, self._loading = self._loading, True
        self.approved.setChecked(bool(issued and issued.approved_on))
        self._loading = loading
        plan, document, round_ = self._signed()
        people = self.doc.data.signatories_for(plan.id, document, round_) if plan else []
        for edit in self.signer_fields.values():
            edit.setEnabled(plan is not None)
            if plan is None:
                edit.setText("")
        self.approved.setEnabled(plan is not None)
        for sig in people:
            for field in ("name", "position"):
                self.signer_fields[(sig.role, field)].setText(getattr(sig, field))

    def _set_signatory(self, role: str, field: str, value: str) -> None:
        plan, document, round_ = self._signed()
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
        """Only what the chosen document uses can be changed (as each option declares); True
        for the analysis."""
        document = self.document.currentData()
        for name, field in self.fields.items():
            # the columns list edits the analysis' own columns when the analysis is chosen
            on = name == "columns" or declared.applies(field.option, document)
            # an option of the paperwork alone is not shown at all for another document
            shown = on or not set(field.option.documents) <= PAPERWORK_ONLY
            for widget in field.widgets:
                widget.setEnabled(on)
                widget.setVisible(shown)
                holder = widget.parentWidget()
                form = holder.layout() if holder is not None else None
                label = form.labelForField(widget) if isinstance(form, QFormLayout) else None
                if label is not None:
                    label.setVisible(shown)
        return bool(document == "analysis")

    def _fill_years(self) -> None:
        """The years the chosen document can be printed for: the fiscal years of the plans, or
        for the OIT register and its forms the ITA years that have a register."""
        document = self.document.currentData()
        register = document in REGISTER_DOCUMENTS
        if register:
            years = oit.register_years(self.doc.data)
        else:
            years = [p.fiscal_year for p in self.doc.data.live_plans()]
        shown = [self.year.itemData(i) for i in range(self.year.count())]
        label = self.year_label
        if label is not None:
            label.setText(self.tr("ปีประเมิน ITA") if register else self.tr("ปีงบประมาณ"))
        if shown == years:
            return
        current = self.year.currentData()
        blocked = self.year.blockSignals(True)
        self.year.clear()
        for y in years:
            self.year.addItem(to_thai_digits(str(y)), y)
        index = self.year.findData(current)
        self.year.setCurrentIndex(index if index >= 0 else self.year.count() - 1)
        self.year.blockSignals(blocked)

    def _owner_changed(self) -> None:
        """Another year, document or round: its saved options (or, for a document none were
        saved for, its habits), its signatories and approval."""
        if self._loading:
            return
        if self.sender() is self.document:
            self._fill_years()
            if self.year.count() == 0:
                self._enable_for_document()
                self._load_signatories()
                self._enable(False)
                self.show_status(self._no_year())
                return
        if self.sender() in (self.document, self.round) and self._year_due():
            return  # the year changed too: its own signal shows it
        self._enable_for_document()
        self._load_options()
        self._load_signatories()
        self.refresh(soon=True)

    def _year_due(self) -> bool:
        """The year-end report chosen for a fiscal year not ended yet: the latest year that has
        ended is the one due (a clerk in December printed an empty report of the year just
        begun). True when the year was changed."""
        plan, document, round_ = self._owner()
        if plan is None or (document, round_) != ("implementation", "year"):
            return False
        today = dt.date.today()
        ended = [p for p in self.doc.data.live_plans() if stage_on(p, today) == "year"]
        if stage_on(plan, today) == "year" or not ended:
            return False
        index = self.year.findData(max(p.fiscal_year for p in ended))
        if index < 0 or index == self.year.currentIndex():
            return False
        self.year.setCurrentIndex(index)
        return True

    def _findings(self) -> list[Finding]:
        """The completeness check as the chosen document needs it (its stage of the year:
        analysis, 6-month or year-end report), less the notes for other documents."""
        plan, document, round_ = self._signed()
        printing = Printing(plan.id, document, round_) if plan is not None else None
        return [f for f in check_findings(self.doc.data, printing=printing) if f.level not in ("error", "note")]

    def show_findings(self) -> QDialog:
        """The findings the button counts, in a list on top of this screen (the main window's
        own list would sit behind it, out of reach: this screen is modal). Double-clicking one
        closes the print screen and goes to the field."""
        dialog, view = findings_dialog(self, self._findings(),
                                       self.tr("ดับเบิลคลิกรายการเพื่อปิดหน้าจอพิมพ์และไปยังช่องที่ต้องแก้"),
                                       lambda item: self._go_to_finding(dialog, item))
        fit_to_screen(dialog, 680, 420)
        self.findings_view = view
        dialog.open()
        return dialog

    def _go_to_finding(self, dialog: QDialog, item: QListWidgetItem) -> None:
        record_id, field = item.data(Qt.ItemDataRole.UserRole)
        dialog.accept()
        self.reject()
        go_to = getattr(self.parent(), "go_to", None)
        if record_id and go_to is not None:
            go_to(record_id, field)

    def _forget_count(self, _records: object = None) -> None:
        self._counted_for = None

    def _count_findings(self) -> None:
        plan, document, round_ = self._owner()
        shown = (plan.id if plan is not None else "", document, round_)
        if shown == self._counted_for:
            return
        self._counted_for = shown
        findings = self._findings()
        self.completeness.setText(self.tr(f"ตรวจความครบถ้วน: {to_thai_digits(str(len(findings)))} รายการ…")
                                  if findings else self.tr("ข้อมูลครบถ้วน"))
        self.completeness.setEnabled(bool(findings) and self._can_check)

    def _load_options(self) -> bool:
        """Show the options the file keeps for the chosen year, document and round; True when
        it keeps some. Else what is shown stays, but a document shown for the first time gets
        its habits (its cover, its columns)."""
        plan, document, round_ = self._owner()
        kept = self.doc.data.print_settings_of(plan.id, document, round_) if plan else None
        if kept is not None:
            self._apply(declared.options_from_saved(kept.options))
        elif document != self._habits_of:
            loading, self._loading = self._loading, True
            self.cover.setChecked(document == "analysis")
            self._fill_columns(list(ANALYSIS_COLUMNS if document == "analysis" else DEFAULT_COLUMNS))
            self._loading = loading
        self._habits_of = document
        return kept is not None

    def _apply(self, values: dict[str, Any]) -> None:
        """Show `values` (ReportOptions values, as options_from_saved gives them), the
        defaults for the rest; the year, document and round and the files of this PC stay."""
        document = self.document.currentData()
        shown = {opt.name: opt.default for opt in declared.OPTIONS} | values
        loading, self._loading = self._loading, True
        try:
            for name, field in self.fields.items():
                opt = field.option
                if name in declared.KEY_OPTIONS or opt.per_pc:
                    continue
                if name == "cover":
                    field.put(shown["cover"] if shown["cover"] is not None else document == "analysis")
                elif name == "columns":
                    field.put(shown["analysis_columns" if document == "analysis" else "columns"])
                else:
                    field.put(shown[name])
        finally:
            self._loading = loading
        self._kept = {k: v for k, v in values.items() if k not in self.fields and k != "analysis_columns"}

    def selected_columns(self) -> list[str]:
        out = []
        for i in range(self.columns.count()):
            item = self.columns.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return out

    def options(self) -> ReportOptions:
        """The options as chosen; raises OptionsError (Thai, naming the field) for what
        cannot be printed."""
        values = dict(self._kept)
        for name, field in self.fields.items():
            values[name] = field.get()
        if values["document"] == "analysis":
            values["analysis_columns"] = values.pop("columns")
        if not values["division"]:
            values["filter_division"] = False
        opts = ReportOptions.from_dict(values)
        try:
            opts.validate()
        except OptionsError as exc:
            if exc.option == "analysis_columns":  # edited in the columns list
                raise OptionsError(exc.text, "columns") from None
            raise
        return opts

    # --- the options kept: in the file, and (files of this PC) in QSettings -------------
    def _path_key(self) -> str:
        return str(self.doc.path).replace("/", "|").replace("\\", "|")

    def _this_pc(self) -> dict[str, Any]:
        """What this PC keeps for the file: the document and round shown last, and the options
        that name files of this PC (figures, appendix)."""
        return _json_object(self.settings.value("print-this-pc/" + self._path_key()) if self.settings else None)

    def _old_options(self) -> dict[str, Any]:
        """The options an older version kept in QSettings for the file (all of them), or {}."""
        return _json_object(self.settings.value("print/" + self._path_key()) if self.settings else None)

    def _restore(self) -> None:
        """The document and round shown last on this PC, the files of this PC, and the options
        the file keeps for them. Options an older version kept in QSettings are shown when the
        file keeps none for that document yet, and saved in the file with the next print (then
        forgotten by QSettings)."""
        pc, old = self._this_pc(), self._old_options()
        chosen = pc or old
        for name in ("document", "round"):
            if name in chosen:
                self.fields[name].put(chosen[name])
        plan = self.doc.data.plan(int(self.year.currentData() or 0))
        if "document" not in chosen and plan is not None:  # first time here: the document due today
            stage = stage_on(plan, dt.date.today())
            self.fields["document"].put("analysis" if stage == "analysis" else "implementation")
            if stage in m.ROUNDS:
                self.fields["round"].put(stage)
        for opt in declared.OPTIONS:
            if opt.per_pc and opt.name in self.fields and (opt.name in pc or opt.name in old):
                value = pc.get(opt.name, old.get(opt.name))
                with contextlib.suppress(OptionsError, TypeError, ValueError):
                    self.fields[opt.name].put(declared.checked_value(opt, value))
        if not self._load_options() and old:
            self._apply(declared.options_from_saved(old))
            self._migrating = True
        elif old and self.settings is not None:  # the file keeps its own options now
            self.settings.remove("print/" + self._path_key())

    def keep_options(self) -> None:
        """Save the options of the preview in the file (one undo step, only when they differ
        from what it keeps), and this PC's choices in QSettings; after printing or saving it."""
        opts = self._requested
        if opts is None:
            return
        plan = self.doc.data.plan(opts.fiscal_year)
        if plan is not None:
            round_ = opts.round if opts.document in ("implementation", "memo", "photos") else ""
            values = declared.saved_options(opts)
            current = self.doc.data.print_settings_of(plan.id, opts.document, round_)
            kept = current.options if current is not None else {}  # none kept = the defaults
            if kept != values:
                self.doc.edit(self.tr("ค่าการพิมพ์"), lambda: [edits.print_settings_for(
                    self.doc.data, plan.id, opts.document, round_, values)])
        self._keep_this_pc()
        if self._migrating and self.settings is not None:
            self.settings.remove("print/" + self._path_key())
            self._migrating = False

    def _keep_this_pc(self) -> None:
        if self.settings is None:
            return
        pc: dict[str, Any] = {"document": self.document.currentData(), "round": self.round.currentData()}
        for name, field in self.fields.items():
            if field.option.per_pc:
                pc[name] = declared.to_json(field.option, field.get())
        self.settings.setValue("print-this-pc/" + self._path_key(), json.dumps(pc, ensure_ascii=False))

    # --- preview --------------------------------------------------------------------------
    def _changed(self, *_args: object) -> None:
        if not self._loading:
            self.refresh()

    def _chosen(self, *_args: object) -> None:
        if not self._loading:
            self.refresh(soon=True)

    def refresh(self, now: bool = False, soon: bool = False) -> None:
        """Render the current options (coalesced with other changes made close together)."""
        self._count_findings()  # signatories and approval typed here change it too
        try:
            opts = self.options()
        except OptionsError as exc:
            self.rendered = None
            self._enable(False)
            message = thai_message(exc)
            self.show_status(message.text, message.detail)
            self._mark(exc.option, message.text)
            self.failed.emit(message.text)
            return
        self._mark("", "")
        self.web_name.setToolTip(self.tr("ชื่อไฟล์ตัวอักษรอังกฤษตามข้อ OIT สำหรับเผยแพร่บนเว็บไซต์: ")
                                 + self.suggested_name())
        self._requested = opts
        self._enable(False)
        self.worker.request(self._source(), opts.to_dict(), now=now, soon=soon)

    def _source(self) -> Source:
        """What the worker renders: the window's records as they are (a snapshot, made when
        the render starts); the file is not read, so the preview never waits for the writer."""
        data = self.doc.data
        return lambda: snapshot.dumps(data)

    def _mark(self, name: str, message: str) -> None:
        """Show `message` ("label: what is wrong") at the text field of option `name` too: a red
        frame and its tooltip (only typed text can be wrong: choices and numbers cannot)."""
        for field_name, field in self.fields.items():
            for widget in field.widgets:
                if isinstance(widget, (QLineEdit, QPlainTextEdit)):
                    wrong = field_name == name
                    widget.setStyleSheet("border: 1px solid #c0392b;" if wrong else "")
                    widget.setToolTip(message if wrong else "")

    def _render_started(self) -> None:
        self.progress.setVisible(True)

    def _render_finished(self, result: dict[str, Any]) -> None:
        self.progress.setVisible(self.worker.busy)
        self.rendered = result
        self._show_pdf(result["pdf"])
        pages = to_thai_digits(str(result["pages"]))
        orientation = "แนวนอน" if result["orientation"] == "landscape" else "แนวตั้ง"
        self.show_status("\n".join([self.tr(f"{pages} หน้า กระดาษ{orientation}"), *result["warnings"]]))
        self._enable(True)
        self.preview_ready.emit(result)

    def _render_failed(self, message: str, detail: str = "") -> None:
        self.progress.setVisible(self.worker.busy)
        self.rendered = None
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
        # every document but the photos has a Word file (report.build_docx)
        word = self.document.currentData() in ("analysis", "implementation", "memo", "publish-form", "oit-register")
        explain_word = "" if on and word else (self.tr("เอกสารนี้บันทึกเป็น PDF ได้อย่างเดียว") if not word else
                                               self.tr("รอให้ตัวอย่างเอกสารพร้อมก่อน"))
        self.word_button.setEnabled(not explain_word)
        self.word_button.setToolTip(explain_word or self.tr(
            "เอกสารเดียวกันเป็นไฟล์ .docx ให้แก้ต่อใน Word (ใช้แบบอักษร TH SarabunPSK ที่ติดตั้งในเครื่องที่เปิด)"))

    # --- output ---------------------------------------------------------------------------
    def suggested_name(self) -> str:
        """An ASCII name for the website: O26_2569_report_half.pdf, the OIT item of the ITA year
        the document is published for (not the catalog of the result the plan analyses)."""
        opts = self.options()
        round_ = "" if opts.document == "analysis" else opts.round
        return evidence_file_name(all_frameworks(), opts.document, opts.fiscal_year, round_)

    def thai_name(self) -> str:
        """The name a clerk reads: «รายงานผลการดำเนินการ รอบ ๑๒ เดือน ปีงบประมาณ ๒๕๖๘.pdf», in the
        digits the document prints with."""
        opts = self.options()
        report = "รายงานผลการดำเนินการ " + m.ROUND_NAMES.get(opts.round, "")
        name = {
            "analysis": "การวิเคราะห์ผลการประเมินและมาตรการ",
            "memo": "บันทึกข้อความขออนุมัติ" + ("การวิเคราะห์ผลการประเมินและมาตรการ" if opts.memo_for == "analysis"
                                                 else report),
            "oit-register": "ทะเบียนการเปิดเผยข้อมูล OIT",
            "publish-form": "แบบขออนุญาตเผยแพร่ข้อมูลผ่านเว็บไซต์",
            "photos": "ภาพกิจกรรม " + m.ROUND_NAMES.get(opts.round, ""),
        }.get(opts.document, report)
        year = "ปีประเมิน ITA" if opts.document in REGISTER_DOCUMENTS else "ปีงบประมาณ"
        name += f" {year} {opts.fiscal_year}"
        return (to_thai_digits(name) if opts.digits == "thai" else to_arabic_digits(name)) + ".pdf"

    def file_name(self) -> str:
        """The name บันทึกเป็น PDF… offers: Thai, or the website's ASCII name when ticked."""
        return self.suggested_name() if self.web_name.isChecked() else self.thai_name()

    def _keep_web_name(self, on: bool) -> None:
        if self.settings is not None:
            self.settings.setValue("print-web-name", on)

    def save_pdf(self, path: Path) -> bool:
        """Write the previewed PDF; a file held open elsewhere gives a clear message."""
        if self.rendered is None:
            return False
        return self._write_out(path, self.rendered["pdf"], self.tr("โปรแกรมอ่าน PDF"))

    def _write_out(self, path: Path, data: bytes, reader: str) -> bool:
        """Write a saved document whole, or leave the old file and say why in Thai (a file held
        open by `reader`: a short wait, then a clear message)."""
        try:
            write_bytes_atomically(path, data, SHORT_RETRY_DELAYS)
        except OSError as exc:
            found = thai_message(exc, self.tr(f"บันทึก «{path.name}»"))
            message = found.text
            if isinstance(exc, PermissionError) or "โปรแกรมอื่น" in message:
                message = self.tr(f"บันทึก «{path.name}» ไม่ได้: ไฟล์อาจเปิดอยู่ในโปรแกรมอื่น "
                                  f"(เช่น {reader}) ปิดไฟล์นั้นแล้วลองอีกครั้ง หรือบันทึกเป็นชื่ออื่น")
            self.show_status(message, found.detail)
            if not os.environ.get("ITA_DESKTOP_NO_DIALOGS"):
                QMessageBox.warning(self, self.tr("บันทึกไม่สำเร็จ"), message)
            return False
        self.show_status(self.tr("บันทึกแล้ว: ") + str(path))
        self.keep_options()
        self.saved.emit(str(path))
        return True

    def save_word_dialog(self) -> None:
        start = str(self.doc.path.with_name(Path(self.file_name()).with_suffix(".docx").name))
        path, _ = QFileDialog.getSaveFileName(self, self.tr("บันทึกเป็นไฟล์ Word"), start, "Word (*.docx)")
        if path:
            self.save_word(Path(path if path.lower().endswith(".docx") else path + ".docx"))

    def save_word(self, path: Path) -> bool:
        """The previewed document as a .docx (made by the render worker from the same options
        and records), written whole or not at all."""
        try:
            opts = self.options()
        except OptionsError as exc:
            self.show_status(thai_message(exc).text)
            return False
        if opts.document not in ("analysis", "implementation", "memo", "publish-form", "oit-register"):
            self.show_status(self.tr("เอกสารนี้บันทึกเป็น PDF ได้อย่างเดียว"))
            return False
        blob = snapshot.dumps(self.doc.data)
        try:
            result = background.call(self, self.tr("กำลังสร้างไฟล์ Word…"),
                                     self.worker.pool().submit(render_process.docx_snapshot, blob, opts.to_dict()))
        except EXPECTED as exc:
            self.show_status(thai_message(exc, self.tr("สร้างไฟล์ Word")).text)
            return False
        if "error" in result:
            self.show_status(str(result["error"]), str(result.get("detail", "")))
            return False
        return self._write_out(path, result["docx"], "Word")

    def save_dialog(self) -> None:
        start = str(self.doc.path.with_name(self.file_name()))
        path, _ = QFileDialog.getSaveFileName(self, self.tr("บันทึกเป็น PDF"), start, "PDF (*.pdf)")
        if path:
            self.save_pdf(Path(path if path.lower().endswith(".pdf") else path + ".pdf"))

    def print_to(self, printer: QPrinter) -> int:
        """Send the previewed pages to a configured printer; returns sheets sent."""
        if self.rendered is None:
            return 0
        try:
            sent = print_pdf(self.rendered["pdf"], printer)
        except Exception as exc:  # PrintError is Thai already; anything else is said in Thai too
            message = thai_message(exc, "" if isinstance(exc, PrintError) else self.tr("พิมพ์"))
            self.show_status(message.text, message.detail)
            return 0
        if sent:
            self.keep_options()
        return sent

    def print_dialog(self) -> None:
        if self.rendered is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setFullPage(True)
        printer.setFromTo(1, int(self.rendered["pages"]))
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, int(self.rendered["pages"]))
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
        self._keep_this_pc()  # the document shown last and the files of this PC (not the file)
        super().done(code)
