"""The completeness check's findings as a list the clerk reads and follows: one item a finding,
double-click (or Enter) calls `go` with the finding's record and field."""
from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ita_desktop.domain.checks import Finding


def _tr(text: str) -> str:
    return QCoreApplication.translate("FindingsDialog", text)


def findings_dialog(parent: QWidget, findings: Sequence[Finding], hint: str,
                    go: Callable[[QListWidgetItem], object]) -> tuple[QDialog, QListWidget]:
    """The dialog (not shown yet) and its list; `hint` heads a non-empty list."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(_tr("ความครบถ้วนของข้อมูล"))
    lay = QVBoxLayout(dialog)
    lay.addWidget(QLabel(hint if findings else _tr("ไฟล์สมบูรณ์ ข้อมูลครบถ้วน")))
    view = QListWidget()
    view.setWordWrap(True)
    for f in findings:
        item = QListWidgetItem(str(f))
        item.setData(Qt.ItemDataRole.UserRole, (f.record_id, f.field))
        view.addItem(item)
    view.itemActivated.connect(go)
    lay.addWidget(view)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.button(QDialogButtonBox.StandardButton.Close).setText(_tr("ปิด"))
    buttons.rejected.connect(dialog.reject)
    lay.addWidget(buttons)
    dialog.resize(680, 420)
    return dialog, view
