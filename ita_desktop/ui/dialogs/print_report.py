"""พิมพ์รายงานผลการดำเนินการ: the report's options and a render worker process.

The PDF is made by `ita-desktop render` in a child process (reportlab's font state is global
and not thread-safe, and a long render must never freeze the window); the options go to it as
a settings file, and its stderr carries the Thai warnings and errors shown here. The options
last used for a file are remembered (QSettings, per file).
"""
from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QProcess, QProcessEnvironment, QSettings, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ita_desktop.report.fontfiles import installed_families
from ita_desktop.report.options import (
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
from ita_desktop.thai.digits import to_thai_digits
from ita_desktop.ui.document import Document


def render_command() -> list[str]:
    """How to start the render worker: the frozen app itself, or this Python."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "render"]
    return [sys.executable, "-m", "ita_desktop", "render"]


class PrintReportDialog(QDialog):
    """Options of the implementation report; 'พิมพ์เป็น PDF' runs the render worker.

    Signals:
        rendered(str, list): the PDF's path and the warnings, after a successful render.
        failed(str): the Thai reason a render did not succeed.
    """

    rendered = Signal(str, list)
    failed = Signal(str)

    def __init__(self, parent: QWidget | None, doc: Document, settings: QSettings | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.settings = settings
        self.process: QProcess | None = None
        self.settings_file: Path | None = None
        self.setWindowTitle(self.tr("พิมพ์รายงานผลการดำเนินการ"))
        self.setMinimumWidth(640)
        lay = QVBoxLayout(self)
        tabs = QTabWidget()
        lay.addWidget(tabs)
        tabs.addTab(self._report_tab(), self.tr("รายงาน"))
        tabs.addTab(self._page_tab(), self.tr("หน้ากระดาษ"))
        tabs.addTab(self._text_tab(), self.tr("ข้อความ"))
        out_row = QHBoxLayout()
        self.output = QLineEdit(str(self._default_output()))
        browse = QPushButton(self.tr("เลือก…"))
        browse.clicked.connect(self._browse)
        out_row.addWidget(QLabel(self.tr("บันทึกเป็นไฟล์")))
        out_row.addWidget(self.output, 1)
        out_row.addWidget(browse)
        lay.addLayout(out_row)
        self.status = QLabel()
        self.status.setWordWrap(True)
        lay.addWidget(self.status)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("ปิด"))
        self.print_button = self.buttons.addButton(self.tr("พิมพ์เป็น PDF"),
                                                   QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self._restore()
        if self.year.count() == 0:
            self.print_button.setEnabled(False)
            self.status.setText(self.tr("ยังไม่มีมาตรการของปีงบประมาณใด: เพิ่มมาตรการก่อนพิมพ์รายงาน"))

    # --- tabs -------------------------------------------------------------------------
    def _report_tab(self) -> QWidget:
        tab = QWidget()
        form = QFormLayout(tab)
        self.year = QComboBox()
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
        self.signatures = QCheckBox(self.tr("พิมพ์ช่องลงนาม"))
        self.signatures.setChecked(True)
        form.addRow("", self.signatures)
        self.division = QComboBox()
        self.division.addItem(self.tr("(ทั้งหน่วยงาน)"), "")
        for d in self.doc.data.live_divisions():
            self.division.addItem(d.name, d.id)
        self.only_division = QCheckBox(self.tr("เฉพาะมาตรการของกอง/ฝ่ายนี้"))
        div_row = QHBoxLayout()
        div_row.addWidget(self.division, 1)
        div_row.addWidget(self.only_division)
        form.addRow(self.tr("ออกในนามของ"), div_row)
        self.columns = QListWidget()
        self.columns.setDragDropMode(QListWidget.DragDropMode.InternalMove)
        self._fill_columns(list(DEFAULT_COLUMNS))
        form.addRow(self.tr("คอลัมน์/หัวข้อ\n(ติ๊กเลือก ลากเพื่อเรียง)"), self.columns)
        return tab

    def _page_tab(self) -> QWidget:
        tab = QWidget()
        form = QFormLayout(tab)
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
        for name, label in (("body_size", "ขนาดตัวอักษรเนื้อความ"), ("table_size", "ขนาดตัวอักษรในตาราง"),
                            ("heading_size", "ขนาดตัวอักษรหัวเรื่อง")):
            combo = QComboBox()
            for size in PSK_SIZES:
                combo.addItem(to_thai_digits(f"{size:g}") + self.tr(" (เทียบ TH Sarabun PSK)"), size)
            combo.setCurrentIndex(combo.findData(getattr(defaults, name)))
            self.sizes[name] = combo
            form.addRow(self.tr(label), combo)
        self.font = QComboBox()
        self.font.addItem(self.tr("Sarabun (ฝังในไฟล์ PDF)"), "")
        for label in installed_families():
            self.font.addItem(label, label)
        form.addRow(self.tr("แบบอักษร"), self.font)
        return tab

    def _text_tab(self) -> QWidget:
        body = QWidget()
        form = QFormLayout(body)
        names = " ".join("{" + p + "}" for p in PLACEHOLDERS)
        hint = QLabel(self.tr("ใช้ได้: ") + names)
        hint.setWordWrap(True)
        form.addRow(hint)
        self.title = QPlainTextEdit(DEFAULT_TITLE)
        self.title.setFixedHeight(110)
        form.addRow(self.tr("หัวเรื่อง (บรรทัดละหนึ่งบรรทัด)"), self.title)
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
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        return scroll

    def _combo(self, items: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox()
        for key, label in items:
            combo.addItem(self.tr(label), key)
        return combo

    def _fill_columns(self, chosen: list[str]) -> None:
        self.columns.clear()
        for key in [*chosen, *(k for k in COLUMN_KEYS if k not in chosen)]:
            item = QListWidgetItem(self.tr(COLUMN_NAMES[key]))
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsDragEnabled)
            item.setCheckState(Qt.CheckState.Checked if key in chosen else Qt.CheckState.Unchecked)
            self.columns.addItem(item)

    def _default_output(self) -> Path:
        year = self.year.currentData() or ""
        return self.doc.path.with_name(f"รายงานผลการดำเนินการ {year}.pdf")

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("บันทึกรายงานเป็น"), self.output.text(), "PDF (*.pdf)")
        if path:
            self.output.setText(path if path.lower().endswith(".pdf") else path + ".pdf")

    # --- options ----------------------------------------------------------------------
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
        opts = ReportOptions(
            fiscal_year=int(self.year.currentData() or 0), round=self.round.currentData(),
            layout=self.layout_kind.currentData(), columns=tuple(self.selected_columns()),
            headings={k: e.text().strip() for k, e in self.headings.items() if e.text().strip()},
            orientation=self.orientation.currentData(), digits=self.digits.currentData(),
            number_titles=self.number_titles.isChecked(),
            division=self.division.currentText() if division else "",
            filter_division=bool(division) and self.only_division.isChecked(),
            title=self.title.toPlainText().strip() or DEFAULT_TITLE, intro=self.intro.toPlainText().strip(),
            font=self.font.currentData(), page_numbers=self.page_numbers.currentData(),
            signatures=self.signatures.isChecked(),
            **{name: spin.value() for name, spin in self.margins.items()},
            **{name: float(combo.currentData()) for name, combo in self.sizes.items()},
        )
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
        for combo, value in ((self.round, opts.round), (self.layout_kind, opts.layout),
                             (self.digits, opts.digits), (self.orientation, opts.orientation),
                             (self.page_numbers, opts.page_numbers), (self.font, opts.font)):
            index = combo.findData(value)
            if index >= 0:
                combo.setCurrentIndex(index)
        self.number_titles.setChecked(opts.number_titles)
        self.signatures.setChecked(opts.signatures)
        self._fill_columns([c for c in opts.columns if c in COLUMN_KEYS])
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

    # --- the worker -------------------------------------------------------------------
    def start(self) -> None:
        if not self.selected_columns():
            self.status.setText(self.tr("เลือกอย่างน้อยหนึ่งคอลัมน์"))
            return
        output = self.output.text().strip()
        if not output:
            self.status.setText(self.tr("ระบุชื่อไฟล์ PDF"))
            return
        try:
            opts = self.options()
        except OptionsError as exc:
            self.status.setText(str(exc))
            return
        self._remember(opts)
        fd, name = tempfile.mkstemp(prefix="ita-print-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(opts.to_dict(), f, ensure_ascii=False)
        self.settings_file = Path(name)
        self.doc.flush()  # the worker reads the file: everything typed must be in it
        command = render_command()
        self.process = QProcess(self)
        self.process.setProgram(command[0])
        self.process.setArguments([*command[1:], str(self.doc.path), "--year", str(opts.fiscal_year),
                                   "--settings", name, "-o", output])
        env = QProcessEnvironment.systemEnvironment()
        env.insert("PYTHONIOENCODING", "utf-8")  # Thai messages whatever the console code page
        self.process.setProcessEnvironment(env)
        self.process.finished.connect(self._finished)
        self.print_button.setEnabled(False)
        self.status.setText(self.tr("กำลังจัดหน้ารายงาน…"))
        self.process.start()

    def _finished(self, code: int, _status: QProcess.ExitStatus) -> None:
        assert self.process is not None
        if self.settings_file is not None:
            self.settings_file.unlink(missing_ok=True)
        err = bytes(self.process.readAllStandardError().data()).decode("utf-8", "replace")
        out = bytes(self.process.readAllStandardOutput().data()).decode("utf-8", "replace")
        self.print_button.setEnabled(True)
        if code != 0:
            lines = [ln for ln in err.splitlines() if ln.startswith("ผิดพลาด")] or err.strip().splitlines()[-1:]
            reason = "\n".join(lines) or self.tr("พิมพ์ไม่สำเร็จ")
            self.status.setText(reason)
            self.failed.emit(reason)
            return
        warnings = [ln.removeprefix("คำเตือน: ") for ln in err.splitlines() if ln.startswith("คำเตือน")]
        self.status.setText("\n".join([out.strip(), *warnings]))
        path = self.output.text().strip()
        self.rendered.emit(path, warnings)
        if not os.environ.get("ITA_DESKTOP_NO_DIALOGS"):
            QDesktopServices.openUrl(QUrl.fromLocalFile(path))
