"""ประวัติการรวมข้อมูล: every merge into the open file (its merge_log), newest first."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ita_desktop.store import merge
from ita_desktop.thai.dates import format_thai_date
from ita_desktop.thai.digits import to_thai_digits
from ita_desktop.ui import background
from ita_desktop.ui.dialogs.fit import bounded, fit_to_screen

if TYPE_CHECKING:
    from ita_desktop.ui.main_window import MainWindow


def thai_time(stamp: str) -> str:
    """"๑ ธ.ค. ๒๕๖๙ ๑๔:๐๕ น." from the log's ISO time; a stamp that does not read, as it is."""
    try:
        when = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    return format_thai_date(when.date(), short=True) + " " + to_thai_digits(f"{when:%H:%M}") + " น."


class MergeHistoryDialog(QDialog):
    """The merges into this file: when (Thai date), from which file, what it brought."""

    def __init__(self, parent: QWidget | None, entries: list[tuple[str, str, str]]) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("ประวัติการรวมข้อมูล"))
        fit_to_screen(self, 820, 420)
        lay = QVBoxLayout(self)
        self.empty = QLabel(self.tr("ยังไม่เคยรวมข้อมูลจากไฟล์อื่นเข้ากับไฟล์นี้"))
        self.empty.setWordWrap(True)
        lay.addWidget(self.empty)
        self.table = QTableWidget(len(entries), 3)
        self.table.setHorizontalHeaderLabels([self.tr("วันเวลา"), self.tr("จากไฟล์"), self.tr("สรุป")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for row, (at, source, summary) in enumerate(entries):
            shown = summary if summary != "ยกเลิกการรวม" else self.tr("ยกเลิกการรวม (เลิกทำ)")
            cells = (thai_time(at), Path(source).name or source, to_thai_digits(shown))
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(source if col == 1 else text)
                self.table.setItem(row, col, item)
        self.table.resizeRowsToContents()
        self.empty.setVisible(not entries)
        self.table.setVisible(bool(entries))
        lay.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("ปิด"))
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def sizeHint(self) -> QSize:
        return bounded(super().sizeHint(), self)


def show_merge_history(window: MainWindow) -> MergeHistoryDialog | None:
    """แฟ้ม › ประวัติการรวมข้อมูล…: read the open file's log (on the writer thread) and show it."""
    from ita_desktop.ui.main_window import say_failure

    doc = window.doc
    if doc is None:
        return None
    try:
        entries = background.call(window, window.tr("กำลังอ่านประวัติการรวมข้อมูล…"), doc.submit(merge.merge_log))
    except background.EXPECTED as exc:
        say_failure(window, window.tr("อ่านประวัติการรวมข้อมูลไม่ได้"), exc)
        return None
    dialog = MergeHistoryDialog(window, entries)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    dialog.open()
    return dialog
