"""พิมพ์รายงานผลการดำเนินการ: the report's options and a render worker process.

The PDF is made by `ita-desktop render` in a child process (reportlab's font state is global
and not thread-safe, and a long render must never freeze the window); its stderr carries the
Thai warnings and errors shown here.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QProcess, QProcessEnvironment, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ita_desktop.report.options import COLUMN_KEYS, COLUMN_NAMES, DEFAULT_COLUMNS
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

    def __init__(self, parent: QWidget | None, doc: Document) -> None:
        super().__init__(parent)
        self.doc = doc
        self.process: QProcess | None = None
        self.setWindowTitle(self.tr("พิมพ์รายงานผลการดำเนินการ"))
        lay = QVBoxLayout(self)
        form = QFormLayout()
        lay.addLayout(form)
        self.year = QComboBox()
        for plan in doc.data.live_plans():
            self.year.addItem(to_thai_digits(str(plan.fiscal_year)), plan.fiscal_year)
        self.year.setCurrentIndex(self.year.count() - 1)
        form.addRow(self.tr("ปีงบประมาณ"), self.year)
        self.round = self._combo([("year", "รอบ ๑๒ เดือน"), ("half", "รอบ ๖ เดือน")])
        form.addRow(self.tr("รอบการรายงาน"), self.round)
        self.layout_kind = self._combo([("table", "ตาราง (แนวนอน)"), ("blocks", "หัวข้อเรียงลงมา (แนวตั้ง)")])
        form.addRow(self.tr("รูปแบบ"), self.layout_kind)
        self.digits = self._combo([("thai", "เลขไทย"), ("arabic", "เลขอารบิก")])
        form.addRow(self.tr("ตัวเลข"), self.digits)
        self.orientation = self._combo([("", "ตามรูปแบบ"), ("landscape", "แนวนอน"), ("portrait", "แนวตั้ง")])
        form.addRow(self.tr("แนวกระดาษ"), self.orientation)
        self.page_numbers = self._combo([("dash", "- ๒ -"), ("of", "หน้า ๒ จาก ๑๒"), ("none", "ไม่ใส่เลขหน้า")])
        form.addRow(self.tr("เลขหน้า"), self.page_numbers)
        self.number_titles = QCheckBox(self.tr("ใส่ลำดับหน้าชื่อมาตรการ (ถ้ายังไม่มี)"))
        self.number_titles.setChecked(True)
        form.addRow("", self.number_titles)
        self.columns = QListWidget()
        for key in [*DEFAULT_COLUMNS, *(k for k in COLUMN_KEYS if k not in DEFAULT_COLUMNS)]:
            item = QListWidgetItem(self.tr(COLUMN_NAMES[key]))
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsDragEnabled)
            item.setCheckState(Qt.CheckState.Checked if key in DEFAULT_COLUMNS else Qt.CheckState.Unchecked)
            self.columns.addItem(item)
        self.columns.setDragDropMode(QListWidget.DragDropMode.InternalMove)
        form.addRow(self.tr("คอลัมน์/หัวข้อ\n(ลากเพื่อเรียง)"), self.columns)
        out_row = QHBoxLayout()
        self.output = QLineEdit(str(self._default_output()))
        browse = QPushButton(self.tr("เลือก…"))
        browse.clicked.connect(self._browse)
        out_row.addWidget(self.output, 1)
        out_row.addWidget(browse)
        form.addRow(self.tr("บันทึกเป็นไฟล์"), out_row)
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
        if self.year.count() == 0:
            self.print_button.setEnabled(False)
            self.status.setText(self.tr("ยังไม่มีมาตรการของปีงบประมาณใด: เพิ่มมาตรการก่อนพิมพ์รายงาน"))

    def _combo(self, items: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox()
        for key, label in items:
            combo.addItem(self.tr(label), key)
        return combo

    def _default_output(self) -> Path:
        year = self.year.currentData() or ""
        return self.doc.path.with_name(f"รายงานผลการดำเนินการ {year}.pdf")

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("บันทึกรายงานเป็น"), self.output.text(), "PDF (*.pdf)")
        if path:
            self.output.setText(path if path.lower().endswith(".pdf") else path + ".pdf")

    def selected_columns(self) -> list[str]:
        out = []
        for i in range(self.columns.count()):
            item = self.columns.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return out

    def arguments(self) -> list[str]:
        args = [str(self.doc.path), "--year", str(self.year.currentData()), "--round", self.round.currentData(),
                "--layout", self.layout_kind.currentData(), "--digits", self.digits.currentData(),
                "--page-numbers", self.page_numbers.currentData(), "--columns", ",".join(self.selected_columns()),
                "-o", self.output.text().strip()]
        if self.orientation.currentData():
            args += ["--orientation", self.orientation.currentData()]
        if not self.number_titles.isChecked():
            args.append("--no-numbers")
        return args

    def start(self) -> None:
        if not self.selected_columns():
            self.status.setText(self.tr("เลือกอย่างน้อยหนึ่งคอลัมน์"))
            return
        if not self.output.text().strip():
            self.status.setText(self.tr("ระบุชื่อไฟล์ PDF"))
            return
        self.doc.flush()  # the worker reads the file: everything typed must be in it
        command = render_command()
        self.process = QProcess(self)
        self.process.setProgram(command[0])
        self.process.setArguments(command[1:] + self.arguments())
        env = QProcessEnvironment.systemEnvironment()
        env.insert("PYTHONIOENCODING", "utf-8")  # Thai messages whatever the console code page
        self.process.setProcessEnvironment(env)
        self.process.finished.connect(self._finished)
        self.print_button.setEnabled(False)
        self.status.setText(self.tr("กำลังจัดหน้ารายงาน…"))
        self.process.start()

    def _finished(self, code: int, _status: QProcess.ExitStatus) -> None:
        assert self.process is not None
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
