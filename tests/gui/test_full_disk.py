"""A real full disk (a small tmpfs, as root; skipped otherwise) under the app's two writing
paths: an edit, and Save a copy to a full stick. Nothing is lost, the old file stays whole,
no temporary file is left, and the clerk reads "เต็ม" in Thai."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from ita_desktop.store import recovery
from ita_desktop.ui.main_window import MainWindow
from tests.support import tmpfs


@pytest.fixture
def small_disk(tmp_path: Path):
    with tmpfs.mounted(tmp_path / "small", "256k") as folder:
        yield folder


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    said: list[str] = []
    for name in ("critical", "warning", "information"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, **k: said.append(str(a[2])))
    return said


def window(qtbot, tmp_path: Path) -> MainWindow:
    w = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.show()
    return w


def test_an_edit_on_a_full_disk_is_kept_and_said(qtbot, tmp_path: Path, small_disk: Path, shown) -> None:
    path = small_disk / "สำนักปลัด.ita"
    w = window(qtbot, tmp_path)
    assert w.new_file_at(path)
    tmpfs.fill(small_disk)
    w.doc.set_field(w.doc.data.office, "name", "ก" * 60_000)  # more than the disk has left
    qtbot.waitUntil(lambda: bool(shown))
    assert "เต็ม" in shown[0] and "cannot rollback" not in shown[0]
    assert w.doc.unsaved() and recovery.kept(path)
    target = tmp_path / "สำเนา.ita"  # Save as to a disk with room: the edit goes along
    assert w.save_as_path(target)
    assert w.doc.data.office.name == "ก" * 60_000
    w.close_document()


def test_save_a_copy_to_a_full_stick_keeps_the_old_copy_whole(qtbot, tmp_path: Path, small_disk: Path,
                                                              shown) -> None:
    w = window(qtbot, tmp_path)
    assert w.new_file_at(tmp_path / "สำนักปลัด.ita")
    old_copy = small_disk / "สำเนา.ita"
    assert w.save_copy_to(old_copy)
    before = old_copy.read_bytes()
    w.doc.set_field(w.doc.data.office, "amphoe", "ข" * 200_000)
    w.doc.flush()
    tmpfs.fill(small_disk)
    assert not w.save_copy_to(old_copy)
    assert "เต็ม" in shown[-1]
    assert old_copy.read_bytes() == before
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler", "สำเนา.ita"]
    w.close_document()
