"""A file on a write-protected stick or CD, and a file another program holds: said as such,
and the clerk can work on a local copy (not "damaged", not English errors at every edit)."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from ita_desktop.store import db as dbmod
from ita_desktop.store.db import Store
from ita_desktop.store.errors import CannotWriteHereError, FileLockedError
from ita_desktop.ui.main_window import MainWindow
from tests.support import tmpfs


@pytest.fixture
def read_only_folder(tmp_path: Path):
    with tmpfs.mounted(tmp_path / "stick", "4m") as folder:
        yield folder


def window(qtbot, tmp_path: Path) -> MainWindow:
    w = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.show()
    return w


def test_a_file_on_a_write_protected_stick_is_said_so_and_worked_on_as_a_local_copy(
        qtbot, tmp_path: Path, read_only_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = read_only_folder / "สำนักปลัด.ita"
    Store.create(path).close()
    tmpfs.write_protect(read_only_folder)
    assert not dbmod.can_write_beside(path)
    with pytest.raises(CannotWriteHereError, match="เขียนไม่ได้"):
        Store.open(path)
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(str(a[2])) or QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: pytest.fail(str(a[2])))
    w = window(qtbot, tmp_path)
    assert w.open_file(path)
    assert "ป้องกันการเขียน" in asked[0]
    assert w.doc.path.parent == tmp_path / "documents"  # a local copy, in Documents
    w.doc.set_field(w.doc.data.office, "name", "โนนคูณ")
    w.doc.flush()
    assert w.doc.unsaved() == []
    w.close_document()


def test_an_older_file_on_a_write_protected_stick_is_not_called_damaged(
        qtbot, tmp_path: Path, read_only_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = read_only_folder / "เก่า.ita"
    Store.create(path, upto=1001).close()
    tmpfs.write_protect(read_only_folder)
    with pytest.raises(CannotWriteHereError):
        Store.open(path)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: pytest.fail(str(a[2])))
    w = window(qtbot, tmp_path)
    assert w.open_file(path)
    assert w.doc.path.parent == tmp_path / "documents"
    w.close_document()


def test_declining_the_local_copy_opens_nothing(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.ita"
    Store.create(path).close()
    monkeypatch.setattr("ita_desktop.ui.main_window.can_write_beside", lambda p: False)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    w = window(qtbot, tmp_path)
    assert not w.open_file(path)
    assert w.doc is None


def test_a_file_another_program_holds_is_said_to_be_in_use(tmp_path: Path) -> None:
    path = tmp_path / "a.ita"
    Store.create(path).close()
    holder = sqlite3.connect(path, check_same_thread=False)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(FileLockedError, match="ใช้งานโดยโปรแกรมอื่น"):
            Store.open(path)
    finally:
        holder.rollback()
        holder.close()
    Store.open(path).close()  # free again: opens
