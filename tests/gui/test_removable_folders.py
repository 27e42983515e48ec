"""แฟ้ม › โฟลเดอร์ที่ถือว่าเป็นแฟลชไดรฟ์…: a folder the clerk marks is kept in the settings, and
a file opened from it is worked on as a local copy, as a stick's is."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ita_desktop.ui.dialogs.removable_folders import (
    SETTINGS_KEY,
    RemovableFoldersDialog,
    marked_folders,
)
from ita_desktop.ui.main_window import MainWindow
from tests.conftest import FIXTURES
from tests.support.dialog_fit import problems_of


def _open_from_menu(qtbot, window: MainWindow) -> RemovableFoldersDialog:
    file_menu = window.menuBar().actions()[0].menu()
    action = next(a for a in file_menu.actions() if a.text() == "โฟลเดอร์ที่ถือว่าเป็นแฟลชไดรฟ์…")
    action.trigger()
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(RemovableFoldersDialog)))
    return next(d for d in window.findChildren(RemovableFoldersDialog) if d.isVisible())


def test_a_marked_folder_is_saved_and_its_files_are_worked_on_as_local_copies(
        qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ITA_DESKTOP_REMOVABLE", raising=False)
    folder = tmp_path / "ไดรฟ์ภายนอก"
    folder.mkdir()
    home = tmp_path / "home.ita"
    assert window.import_json_to(FIXTURES / "seed004.json", home)
    assert window.save_copy_to(folder / "โนนคูณ.ita")
    window.close_document()
    asked: list[str] = []

    def yes(_parent, title: str, *_a, **_k) -> QMessageBox.StandardButton:
        asked.append(title)
        return QMessageBox.StandardButton.Yes
    monkeypatch.setattr(QMessageBox, "question", yes)

    # not marked: a folder on this PC is opened in place
    assert window.open_file(folder / "โนนคูณ.ita")
    assert window.doc.path == folder / "โนนคูณ.ita" and asked == []
    window.close_document()

    dialog = _open_from_menu(qtbot, window)
    assert dialog.empty.isVisible() and not dialog.remove_button.isEnabled()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert [dialog.folders.item(i).text() for i in range(dialog.folders.count())] == [str(folder)]
    assert not dialog.empty.isVisible() and dialog.remove_button.isEnabled()
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)  # the same again: once
    assert dialog.folders.count() == 1
    # kept in the settings file, under its key
    assert marked_folders(window.settings) == [str(folder)]
    on_disk = QSettings(window.settings.fileName(), QSettings.Format.IniFormat)
    assert marked_folders(on_disk) == [str(folder)] and on_disk.contains(SETTINGS_KEY)
    dialog.reject()

    # marked: opened through the app's own check, it is worked on as a local copy
    assert window.open_file(folder / "โนนคูณ.ita")
    assert asked == ["ไฟล์อยู่ในแฟลชไดรฟ์หรือไดรฟ์เครือข่าย"]
    assert window.doc.path.parent == tmp_path / "documents"
    assert window.origin_of(window.doc.path) == folder / "โนนคูณ.ita"
    window.close_document()

    # removed again: opened in place
    dialog = _open_from_menu(qtbot, window)
    dialog.folders.setCurrentRow(0)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.folders.count() == 0 and dialog.empty.isVisible()
    assert marked_folders(window.settings) == []
    dialog.reject()
    asked.clear()
    assert window.open_file(folder / "โนนคูณ.ita")
    assert window.doc.path == folder / "โนนคูณ.ita" and asked == []


def test_the_folder_of_the_local_copies_cannot_be_marked(
        qtbot, window: MainWindow, tmp_path: Path, message_boxes: list[str]) -> None:
    """Documents (where local copies go), or a folder holding it: every local copy would be
    copied again at its next opening."""
    dialog = window.edit_removable_folders()
    assert not dialog.add_folder(tmp_path)  # holds tmp_path/documents
    assert not dialog.add_folder(tmp_path / "documents" / "ITA")
    assert len(message_boxes) == 2 and "ซ้อนกับโฟลเดอร์" in message_boxes[0]
    assert marked_folders(window.settings) == []
    assert dialog.add_folder(tmp_path / "แฟลชไดรฟ์")
    dialog.reject()


def test_one_folder_in_an_ini_file_reads_back_as_a_list(tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    assert marked_folders(settings) == []
    settings.setValue(SETTINGS_KEY, str(tmp_path))  # how an INI file hands back one value
    assert marked_folders(settings) == [str(tmp_path)]


def test_the_dialog_reads_whole_in_thai(qtbot, window: MainWindow, tmp_path: Path) -> None:
    dialog = window.edit_removable_folders()
    qtbot.waitUntil(dialog.isVisible)
    assert problems_of(dialog) == []
    dialog.add_folder(tmp_path / "กองช่าง" / "แฟลชไดรฟ์ของงานแผนและงบประมาณ")
    qtbot.wait(10)
    assert problems_of(dialog) == []
    dialog.reject()


def test_the_folder_picker_never_starts_in_the_programs_own_folder(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtCore import QDir, QSettings
    from PySide6.QtWidgets import QFileDialog

    from ita_desktop.ui.dialogs.removable_folders import RemovableFoldersDialog

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    dialog = RemovableFoldersDialog(None, settings)
    qtbot.addWidget(dialog)
    starts: list[str] = []
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a: starts.append(a[2]) or "")
    dialog.choose_folder()
    stick = tmp_path / "stick" / "งาน ITA"
    stick.mkdir(parents=True)
    dialog.add_folder(str(stick))
    dialog.choose_folder()
    assert starts == [QDir.homePath(), str(stick.parent)]
