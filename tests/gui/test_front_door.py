"""The open document as the one front door to the file (ui/document.py) and the window's long
operations through ui/background.py: an edit copies only what it touches, a merge and its
undo leave memory exactly as the file holds it, and merge, save a copy, export and the
completeness check keep the window alive, say failures in Thai only once the writer is done,
and let a bug reach the crash hook."""
from __future__ import annotations

import copy
import errno
import shutil
import sqlite3
import sys
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QMessageBox, QProgressDialog

from ita_desktop.domain import edits
from ita_desktop.domain import models as m
from ita_desktop.store import check, exchange, merge
from ita_desktop.store.db import Store
from ita_desktop.store.rows import to_row
from ita_desktop.ui import document as document_module
from ita_desktop.ui.main_window import MainWindow
from tests.conftest import FIXTURES


@pytest.fixture
def said(monkeypatch: pytest.MonkeyPatch) -> list[tuple[float, str]]:
    """What message boxes would have said, and when."""
    shown: list[tuple[float, str]] = []
    for name in ("warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, **k: shown.append((time.monotonic(), str(a[2]))))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    return shown


@pytest.fixture
def window(qtbot, tmp_path: Path, said) -> MainWindow:
    w = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.show()
    assert w.import_json_to(FIXTURES / "seed004.json", tmp_path / "mine.ita")
    yield w
    w.close_document()


def on_disk(path: Path) -> m.OfficeFile:
    store = Store.open_readonly(path)
    try:
        return store.load()
    finally:
        store.close()


def rows(data: m.OfficeFile, with_revs: bool = True) -> dict[tuple[str, str], dict]:
    out = {}
    for kind in m.KINDS:
        for r in data.records(kind):
            row = to_row(r)
            if not with_revs:
                row.pop("rev"), row.pop("updated_at")
            out[(kind.table, r.id)] = row
    return out


def slowed(monkeypatch: pytest.MonkeyPatch, target: object, name: str, seconds: float = 1.0,
           then: BaseException | None = None) -> dict[str, float]:
    """target.name made `seconds` slower (on whatever thread runs it); `then` raised after."""
    real = getattr(target, name)
    times: dict[str, float] = {}

    def slow(*args, **kwargs):
        times["thread"] = threading.current_thread() is threading.main_thread()
        time.sleep(seconds)
        try:
            if then is not None:
                raise then
            return real(*args, **kwargs)
        finally:
            times["ended"] = time.monotonic()
    monkeypatch.setattr(target, name, slow)
    return times


def watch_window(window: MainWindow) -> dict[str, list]:
    """Ticks of a timer (the GUI thread processed events) and progress dialogs seen."""
    seen: dict[str, list] = {"ticks": [], "progress": []}
    timer = QTimer(window)
    timer.setInterval(50)

    def tick() -> None:
        seen["ticks"].append(time.monotonic())
        seen["progress"] += [d.labelText() for d in window.findChildren(QProgressDialog)
                             if d.isVisible() and d.labelText() not in seen["progress"]]
    timer.timeout.connect(tick)
    timer.start()
    seen["timer"] = [timer]
    return seen


# --- the edit's before-state -------------------------------------------------------------
def test_an_edit_copies_the_records_it_touches_not_the_whole_file(qtbot, window, monkeypatch) -> None:
    doc = window.doc
    plan = doc.data.live_plans()[0]
    measures = doc.data.measures_of(plan.id)
    assert len(doc.data.all_records()) > 40
    copied: list[object] = []
    real, real_shallow = copy.deepcopy, copy.copy

    class Counting:
        @staticmethod
        def deepcopy(obj, memo=None):
            copied.append(obj)
            return real(obj, memo)

        @staticmethod
        def copy(obj):  # a record's before-state (document.state_copy)
            copied.append(obj)
            return real_shallow(obj)
    monkeypatch.setattr(document_module, "copy", Counting)
    moved = measures[0]
    old_key, old_title = moved.sort_key, moved.title
    doc.set_field(moved, "title", "ชื่อใหม่")
    doc.edit("ย้าย", lambda: [edits.move_measure(doc.data, moved, 3)])
    added = doc.edit("เพิ่ม", lambda: [edits.add_measure(doc.data, plan)])[0]
    records = [o for o in copied if isinstance(o, m.Record)]  # (and the typed value itself)
    assert all(isinstance(o, m.Measure) for o in records) and len(records) <= 12
    doc.undo_stack.undo()  # the addition: marked deleted
    assert added.deleted
    doc.undo_stack.undo()  # the move: the key it had, the title typed before it kept
    assert (moved.sort_key, moved.title) == (old_key, "ชื่อใหม่")
    doc.undo_stack.undo()
    assert moved.title == old_title
    doc.undo_stack.redo()
    doc.undo_stack.redo()
    doc.undo_stack.redo()
    assert not added.deleted and moved.title == "ชื่อใหม่" and moved.sort_key != old_key
    doc.flush()
    assert rows(on_disk(doc.path), with_revs=False) == rows(doc.data, with_revs=False)


# --- merge: the store step, then memory as the file holds it --------------------------------
def _other_copy(window: MainWindow, tmp_path: Path) -> tuple[Path, str]:
    """theirs.ita: a copy of the open file with a measure edited and one added."""
    window.doc.flush()
    theirs = tmp_path / "theirs.ita"
    shutil.copyfile(window.doc.path, theirs)
    other = Store.open(theirs)
    data = other.load()
    plan = data.live_plans()[0]
    x = data.measures_of(plan.id)[0]
    x.period = "ตลอดปีงบประมาณ"
    added = edits.add_measure(data, plan, title="มาตรการจากอีกไฟล์")
    other.save_all([x, added])
    other.close()
    return theirs, added.id


def test_memory_is_the_file_after_a_merge_its_undo_and_its_redo(qtbot, window, tmp_path) -> None:
    theirs, added_id = _other_copy(window, tmp_path)
    dialog = window.merge_from(theirs)
    assert dialog is not None and not dialog.plan.conflicts
    dialog.accept()
    doc = window.doc
    added = next(x for x in doc.data.measures if x.id == added_id)
    for step in ("merged", "undone", "redone"):
        doc.flush()
        assert rows(doc.data) == rows(on_disk(doc.path)), step  # revisions included
        if step == "merged":
            window.undo()
            assert all(x.id != added_id for x in doc.data.measures)
        elif step == "undone":
            window.redo()
            assert [x for x in doc.data.measures if x.id == added_id] == [added]  # the same object
    doc.set_field(added, "title", "แก้หลังรวม")  # the merged record edited as any other
    doc.flush()
    assert next(x for x in on_disk(doc.path).measures if x.id == added_id).title == "แก้หลังรวม"


def test_a_slow_merge_keeps_the_window_alive_and_says_nothing_before_it_ends(
        qtbot, window, tmp_path, said, monkeypatch) -> None:
    theirs, added_id = _other_copy(window, tmp_path)
    planned = slowed(monkeypatch, merge, "plan_merge")
    seen = watch_window(window)
    dialog = window.merge_from(theirs)
    assert dialog is not None and planned["thread"] is False
    assert "กำลังอ่านไฟล์ที่จะรวม…" in seen["progress"]
    applied = slowed(monkeypatch, merge, "apply_merge")
    start = time.monotonic()
    dialog.accept()
    assert len([t for t in seen["ticks"] if start < t < applied["ended"]]) >= 5
    assert "กำลังรวมข้อมูล…" in seen["progress"]
    assert said == [] and any(x.id == added_id for x in window.doc.data.measures)


def test_a_failed_merge_is_said_only_once_the_writer_is_done(qtbot, window, tmp_path, said, monkeypatch) -> None:
    theirs, _added = _other_copy(window, tmp_path)
    dialog = window.merge_from(theirs)
    assert dialog is not None
    before = rows(window.doc.data)
    steps = window.doc.undo_stack.count()
    failed = slowed(monkeypatch, merge, "apply_merge", then=sqlite3.OperationalError("database or disk is full"))
    dialog.accept()
    assert len(said) == 1
    when, text = said[0]
    assert when >= failed["ended"]  # never "unchanged" while the writer may still be committing
    assert text.startswith("ไฟล์นี้ยังเหมือนก่อนรวม: ") and "เต็ม" in text
    assert rows(window.doc.data) == before and window.doc.undo_stack.count() == steps


# --- the other long operations ---------------------------------------------------------
def test_the_completeness_check_runs_beside_the_window(qtbot, window, monkeypatch) -> None:
    times = slowed(monkeypatch, check, "check_store")
    seen = watch_window(window)
    start = time.monotonic()
    dialog = window.check_file()
    assert dialog is not None and times["thread"] is False
    assert len([t for t in seen["ticks"] if start < t < times["ended"]]) >= 5
    assert seen["progress"] == ["กำลังตรวจความครบถ้วนของข้อมูล…"]
    dialog.close()


def test_a_quick_check_shows_no_progress(qtbot, window) -> None:
    seen = watch_window(window)
    dialog = window.check_file()
    assert dialog is not None
    qtbot.wait(400)
    assert seen["progress"] == []
    dialog.close()


def test_save_a_copy_runs_beside_the_window(qtbot, window, tmp_path, monkeypatch) -> None:
    times = slowed(monkeypatch, Store, "copy_to")
    seen = watch_window(window)
    (tmp_path / "stick").mkdir()
    start = time.monotonic()
    assert window.save_copy_to(tmp_path / "stick" / "สำเนา.ita")
    assert len([t for t in seen["ticks"] if start < t < times["ended"]]) >= 5
    assert seen["progress"] == ["กำลังบันทึก…"]
    assert (tmp_path / "stick" / "สำเนา.ita").exists()


def test_export_runs_beside_the_window_and_says_a_full_disk_in_thai(qtbot, window, tmp_path, said,
                                                                     monkeypatch) -> None:
    times = slowed(monkeypatch, exchange, "export_json")
    op = window.export_json_to(tmp_path / "ข้อมูล.json")
    assert op is not None and not op.finished  # returned at once
    qtbot.waitUntil(lambda: op.finished, timeout=10_000)
    assert times["thread"] is False and (tmp_path / "ข้อมูล.json").exists()
    assert window.statusBar().currentMessage().startswith("ส่งออกแล้ว")
    slowed(monkeypatch, exchange, "export_json", 0.0, then=OSError(errno.ENOSPC, "No space left on device"))
    op = window.export_json_to(tmp_path / "อีก.json")
    qtbot.waitUntil(lambda: op.finished, timeout=10_000)
    assert said[-1][1].startswith("พื้นที่ในดิสก์") and "No space left" in said[-1][1].split("\n\n")[-1]


# --- bugs are not "could not save" ---------------------------------------------------------
def test_a_bug_in_a_save_reaches_the_crash_hook_and_the_edit_is_kept(qtbot, window, said, monkeypatch) -> None:
    hooked: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda t, e, tb: hooked.append(e))

    def broken(self, records):
        raise KeyError("responsible")
    monkeypatch.setattr(Store, "save_all", broken)
    window.doc.set_field(window.doc.data.office, "amphoe", "บ้านใหม่")
    qtbot.waitUntil(lambda: bool(hooked), timeout=5000)
    assert isinstance(hooked[0], KeyError) and said == []
    assert [r.amphoe for r in window.doc.unsaved() if isinstance(r, m.Office)] == ["บ้านใหม่"]
    monkeypatch.undo()
    window.doc.flush()


def test_a_bug_in_the_check_is_not_said_as_an_error_of_the_file(qtbot, window, said, monkeypatch) -> None:
    def broken(store):
        raise TypeError("a bug")
    monkeypatch.setattr(check, "check_store", broken)
    with pytest.raises(TypeError):
        window.check_file()
    assert said == []


def test_a_remembered_state_shares_no_list_or_dict_with_the_live_record() -> None:
    live = m.Measure(id="x", title="ก", responsible_main=["d1"])
    state = document_module.state_copy(live)
    live.responsible_main.append("d2")
    live.title = "ข"
    assert state.responsible_main == ["d1"] and state.title == "ก"
    settings = m.PrintSettings(id="p", options={"columns": ["title"], "size": 14})
    kept = document_module.state_copy(settings)
    settings.options["columns"].append("steps")  # type: ignore[attr-defined]
    assert kept.options == {"columns": ["title"], "size": 14}
