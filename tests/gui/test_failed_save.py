"""After a failed save (disk full, stick pulled, read-only media) the edit is not lost: Save as
and Save a copy write the window's state, and a recovery file offers it at the next open."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from ita_desktop.store import recovery
from ita_desktop.store.db import Store
from ita_desktop.ui.main_window import MainWindow


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    shown: dict[str, list[str]] = {"critical": [], "warning": [], "question": []}
    answers = {"question": QMessageBox.StandardButton.Yes}
    for name in ("critical", "warning", "information"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, _n=name, **k: shown.setdefault(_n, []).append(str(a[2])))

    def question(*a, **k):
        shown["question"].append(str(a[2]))
        return answers["question"]
    monkeypatch.setattr(QMessageBox, "question", question)
    shown["answers"] = answers  # type: ignore[assignment]
    return shown


def make_window(qtbot, tmp_path: Path) -> MainWindow:
    w = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.show()
    return w


@pytest.fixture
def broken_disk(monkeypatch: pytest.MonkeyPatch):
    """Saves to the named files fail as a full disk makes them fail."""
    broken: set[Path] = set()
    real_save_all = Store.save_all

    def save_all(self: Store, records):
        if self.path in broken:
            raise sqlite3.OperationalError("database or disk is full")
        return real_save_all(self, records)
    monkeypatch.setattr(Store, "save_all", save_all)
    return broken


def stored_office(path: Path):
    store = Store.open(path)
    try:
        return store.load().office
    finally:
        store.close()


def edit_after_failure(qtbot, window: MainWindow, broken: set[Path], messages) -> Path:
    path = window.doc.path
    broken.add(path)
    window.doc.set_field(window.doc.data.office, "amphoe", "บ้านใหม่")
    qtbot.waitUntil(lambda: bool(messages["critical"]))
    assert window.doc.unsaved()
    assert stored_office(path).amphoe != "บ้านใหม่"
    return path


def test_save_as_after_a_failed_save_writes_the_edit(qtbot, tmp_path: Path, broken_disk, messages) -> None:
    window = make_window(qtbot, tmp_path)
    assert window.new_file_at(tmp_path / "สำนักปลัด.ita")
    edit_after_failure(qtbot, window, broken_disk, messages)
    assert "บันทึกเป็น" in messages["critical"][0]
    target = tmp_path / "อีกที่" / "สำเนา.ita"
    target.parent.mkdir()
    assert window.save_as_path(target)
    assert window.doc.path == target
    assert window.doc.data.office.amphoe == "บ้านใหม่"
    window.close_document()
    assert stored_office(target).amphoe == "บ้านใหม่"


def test_save_a_copy_when_the_file_cannot_be_read_any_more(qtbot, tmp_path: Path, broken_disk, messages,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    window = make_window(qtbot, tmp_path)
    assert window.new_file_at(tmp_path / "สำนักปลัด.ita")
    window.doc.set_field(window.doc.data.office, "name", "โนนคูณ")
    window.doc.flush()
    edit_after_failure(qtbot, window, broken_disk, messages)

    def pulled(self, target):
        raise sqlite3.OperationalError("disk I/O error")
    monkeypatch.setattr(Store, "copy_to", pulled)  # the stick is gone: the file cannot be read
    (tmp_path / "สำนักปลัด.ita").rename(tmp_path / "gone.ita")  # nor found (a failing target is said instead)
    target = tmp_path / "สำเนา.ita"
    assert window.save_copy_to(target)
    office = stored_office(target)
    assert (office.name, office.amphoe) == ("โนนคูณ", "บ้านใหม่")
    assert sorted(p.name for p in tmp_path.glob("สำเนา*")) == ["สำเนา.ita"]
    window.close_document()  # before qtbot closes the window: it would ask about the unsaved edit


def test_the_edit_is_offered_back_at_the_next_open(qtbot, tmp_path: Path, broken_disk, messages) -> None:
    window = make_window(qtbot, tmp_path)
    assert window.new_file_at(tmp_path / "สำนักปลัด.ita")
    path = edit_after_failure(qtbot, window, broken_disk, messages)
    assert recovery.kept(path)  # on disk beside the settings, should the PC go off now
    window.close_document()
    broken_disk.clear()  # the next day: the disk has room again

    again = make_window(qtbot, tmp_path)
    assert again.open_file(path)
    assert "บันทึกการแก้ไข" in messages["question"][-1]
    assert again.doc.data.office.amphoe == "บ้านใหม่"
    again.close_document()
    assert stored_office(path).amphoe == "บ้านใหม่"
    assert recovery.kept(path) == []


def test_kept_edits_can_be_thrown_away(qtbot, tmp_path: Path, broken_disk, messages) -> None:
    window = make_window(qtbot, tmp_path)
    assert window.new_file_at(tmp_path / "สำนักปลัด.ita")
    path = edit_after_failure(qtbot, window, broken_disk, messages)
    window.close_document()
    broken_disk.clear()
    messages["answers"]["question"] = QMessageBox.StandardButton.No  # type: ignore[index]
    again = make_window(qtbot, tmp_path)
    assert again.open_file(path)
    assert again.doc.data.office.amphoe != "บ้านใหม่"
    assert recovery.kept(path) == []


def test_a_later_save_writes_what_a_failed_one_left_out(qtbot, tmp_path: Path, broken_disk, messages) -> None:
    window = make_window(qtbot, tmp_path)
    assert window.new_file_at(tmp_path / "สำนักปลัด.ita")
    path = edit_after_failure(qtbot, window, broken_disk, messages)
    broken_disk.clear()  # room again (a file deleted elsewhere)
    window.doc.set_field(window.doc.data.office, "changwat", "ขอนแก่น")
    window.doc.flush()
    office = stored_office(path)
    assert (office.amphoe, office.changwat) == ("บ้านใหม่", "ขอนแก่น")
    assert window.doc.unsaved() == [] and recovery.kept(path) == []


def test_a_stick_pulled_while_saving_a_copy_is_said_in_thai(qtbot, tmp_path: Path, messages,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    window = make_window(qtbot, tmp_path)
    assert window.new_file_at(tmp_path / "สำนักปลัด.ita")

    def pulled(*_a, **_k):
        raise sqlite3.OperationalError("disk I/O error")
    monkeypatch.setattr(Store, "copy_to", pulled)
    monkeypatch.setattr("ita_desktop.store.exchange.write_new_file", pulled)
    (tmp_path / "stick").mkdir()
    assert not window.save_copy_to(tmp_path / "stick" / "สำเนา.ita")
    said = messages["warning"][-1]
    assert said.startswith("เขียนไฟล์") and "ไม่สำเร็จ" in said and "แฟลชไดรฟ์" in said
    assert "disk I/O error" not in said  # SQLite's English never reaches the clerk (issue 20)
    assert not window.save_copy_to(tmp_path / "pulled" / "สำเนา.ita")
    assert messages["warning"][-1].startswith("ไม่พบแฟลชไดรฟ์")


def test_ctrl_s_after_a_failed_save_says_it_is_not_saved_then_writes_it(qtbot, tmp_path: Path,
                                                                        broken_disk, messages) -> None:
    window = make_window(qtbot, tmp_path)
    assert window.new_file_at(tmp_path / "สำนักปลัด.ita")
    path = edit_after_failure(qtbot, window, broken_disk, messages)
    window.save()
    assert "ยังบันทึกการแก้ไขลงไฟล์ไม่ได้" in messages["warning"][-1]
    assert not window.doc.undo_stack.isClean()
    broken_disk.clear()
    window.save()
    assert window.doc.unsaved() == [] and stored_office(path).amphoe == "บ้านใหม่"


def test_save_as_onto_the_open_file_is_refused(qtbot, tmp_path: Path, messages) -> None:
    window = make_window(qtbot, tmp_path)
    path = tmp_path / "สำนักปลัด.ita"
    assert window.new_file_at(path)
    assert not window.save_copy_to(path)
    assert "ไฟล์ที่เปิดอยู่" in messages["information"][-1]
    window.doc.set_field(window.doc.data.office, "name", "โนนคูณ")
    window.close_document()
    assert stored_office(path).name == "โนนคูณ"


def test_a_copy_with_pending_edits_leaves_the_target_whole_when_it_fails(
        qtbot, tmp_path: Path, broken_disk, messages, monkeypatch: pytest.MonkeyPatch) -> None:
    window = make_window(qtbot, tmp_path)
    assert window.new_file_at(tmp_path / "สำนักปลัด.ita")
    target = tmp_path / "stick" / "สำเนา.ita"
    target.parent.mkdir()
    assert window.save_copy_to(target)
    before = target.read_bytes()
    edit_after_failure(qtbot, window, broken_disk, messages)
    broken_disk.add(target.with_name(target.name + ".ita-staged"))  # the stick fills up too
    monkeypatch.setattr("ita_desktop.store.exchange.write_new_file",
                        lambda *a, **k: (_ for _ in ()).throw(OSError(28, "No space left on device")))
    assert not window.save_copy_to(target)
    assert target.read_bytes() == before
    assert sorted(p.name for p in target.parent.iterdir()) == ["สำเนา.ita"]
    window.close_document()


def test_a_failed_merge_is_one_message_not_a_save_failure(qtbot, tmp_path: Path, messages) -> None:
    window = make_window(qtbot, tmp_path)
    assert window.new_file_at(tmp_path / "สำนักปลัด.ita")
    damaged = tmp_path / "เสีย.ita"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    assert window.merge_from(damaged) is None
    qtbot.wait(50)
    assert len(messages["warning"]) == 1 and messages["critical"] == []


def test_closing_with_edits_not_saved_asks_first(qtbot, tmp_path: Path, broken_disk, messages) -> None:
    window = make_window(qtbot, tmp_path)
    assert window.new_file_at(tmp_path / "สำนักปลัด.ita")
    edit_after_failure(qtbot, window, broken_disk, messages)
    messages["answers"]["question"] = QMessageBox.StandardButton.Cancel  # type: ignore[index]
    assert not window.close()
    assert "บันทึกลงไฟล์ไม่ได้" in messages["question"][-1]
    messages["answers"]["question"] = QMessageBox.StandardButton.No  # type: ignore[index]
    assert window.close()


def test_a_damaged_recovery_file_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "a.ita"
    target = recovery.recovery_path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text('{"records": [{"table": "office", "row": [1, 2]}]}', encoding="utf-8")
    assert recovery.kept(path) == []
    target.write_text('{"records": [{"table": "nothing", "row": {}}]', encoding="utf-8")
    assert recovery.kept(path) == []
