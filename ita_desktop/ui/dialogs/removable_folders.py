"""Folders the clerk marks as a USB stick (แฟ้ม › โฟลเดอร์ที่ถือว่าเป็นแฟลชไดรฟ์…): a file opened
from one is worked on as a local copy in Documents and saved back, as from a stick the app
recognises. For drives Windows does not tell apart (a USB disk behind a hub that says it is
internal, a shared folder reached through a local path).

    folders = marked_folders(settings)          # for store.removable.is_removable(path, folders)
    RemovableFoldersDialog(parent, settings).open()
"""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QDir, QSettings, QSize
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ita_desktop.paths import documents_dir
from ita_desktop.ui.dialogs.fit import bounded, fit_to_screen

SETTINGS_KEY = "removable_folders"


def marked_folders(settings: QSettings) -> list[str]:
    """The folders marked as removable (an INI file gives one value as a plain string)."""
    value = settings.value(SETTINGS_KEY, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)):
        return []
    return [str(v) for v in value if str(v)]


def set_marked_folders(settings: QSettings, folders: list[str]) -> None:
    settings.setValue(SETTINGS_KEY, list(folders))
    settings.sync()


def _same(a: str, b: str) -> bool:
    return os.path.normcase(os.path.normpath(a)) == os.path.normcase(os.path.normpath(b))


def _overlaps(folder: Path, other: Path) -> bool:
    """One of the two folders is the other or holds it."""
    return folder.is_relative_to(other) or other.is_relative_to(folder)


class RemovableFoldersDialog(QDialog):
    """The marked folders in a list; เพิ่มโฟลเดอร์… and นำออกจากรายการ change the settings at once."""

    def __init__(self, parent: QWidget | None, settings: QSettings) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("โฟลเดอร์ที่ถือว่าเป็นแฟลชไดรฟ์"))
        lay = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "ไฟล์ในโฟลเดอร์เหล่านี้จะเปิดแบบเดียวกับไฟล์ในแฟลชไดรฟ์ คือโปรแกรมจะทำงานกับสำเนาในเครื่องนี้ "
            "แล้วบันทึกกลับไปที่ต้นฉบับเมื่อทำเสร็จ ใช้กับแฟลชไดรฟ์หรือฮาร์ดดิสก์ภายนอกที่โปรแกรมไม่รู้ว่าถอดออกได้ "
            "และโฟลเดอร์ที่ใช้ร่วมกันผ่านเครือข่าย"))
        intro.setWordWrap(True)
        lay.addWidget(intro)
        self.folders = QListWidget()
        self.folders.setObjectName("removable_folders")
        self.folders.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        lay.addWidget(self.folders, 1)
        self.empty = QLabel(self.tr("ยังไม่ได้เลือกโฟลเดอร์ใด"))
        self.empty.setStyleSheet("color: #666666;")
        lay.addWidget(self.empty)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("เพิ่มโฟลเดอร์…"))
        self.remove_button = QPushButton(self.tr("นำออกจากรายการ"))
        self.add_button.clicked.connect(self.choose_folder)
        self.remove_button.clicked.connect(self.remove_selected)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        lay.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("ปิด"))
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.folders.itemSelectionChanged.connect(self._update_buttons)
        self._refresh()
        fit_to_screen(self, 620, 380)

    def sizeHint(self) -> QSize:
        return bounded(super().sizeHint(), self)

    def marked(self) -> list[str]:
        return marked_folders(self.settings)

    def choose_folder(self) -> None:
        # never from the working folder (from the Start menu, the program's own folder): beside
        # the folder marked last, else the clerk's home
        marked = self.marked()
        start = str(Path(marked[-1]).parent) if marked else QDir.homePath()
        folder = QFileDialog.getExistingDirectory(self, self.tr("เลือกโฟลเดอร์ที่จะถือว่าเป็นแฟลชไดรฟ์"), start)
        if folder:
            self.add_folder(folder)

    def add_folder(self, folder: str | Path) -> bool:
        """Mark `folder`; refused (and said why) when it holds or is inside Documents, where
        the local copies are made: they would be copied again at every opening."""
        chosen = Path(folder).absolute()
        docs = documents_dir().absolute()
        if _overlaps(chosen, docs):
            QMessageBox.warning(
                self, self.tr("เลือกโฟลเดอร์นี้ไม่ได้"),
                self.tr("โฟลเดอร์ «") + str(chosen) + self.tr("» ซ้อนกับโฟลเดอร์ «") + str(docs)
                + self.tr("» ที่โปรแกรมใช้เก็บสำเนาในเครื่องนี้\nเลือกโฟลเดอร์ในแฟลชไดรฟ์หรือในไดรฟ์อื่นแทน"))
            return False
        folders = self.marked()
        if not any(_same(str(chosen), f) for f in folders):
            set_marked_folders(self.settings, [*folders, str(chosen)])
        self._refresh(select=str(chosen))
        return True

    def remove_selected(self) -> None:
        gone = {item.text() for item in self.folders.selectedItems()}
        if gone:
            set_marked_folders(self.settings, [f for f in self.marked() if f not in gone])
            self._refresh()

    def _refresh(self, select: str = "") -> None:
        self.folders.clear()
        for folder in self.marked():
            self.folders.addItem(folder)
            if select and _same(folder, select):
                self.folders.setCurrentRow(self.folders.count() - 1)
        self.empty.setVisible(self.folders.count() == 0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(bool(self.folders.selectedItems()))
