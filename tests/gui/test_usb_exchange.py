"""USB exchange as two divisions use it: สำนักปลัด on one PC, กองคลัง on another, one stick
between them. Each PC is a main window with its own settings and Documents folder; the stick
is a folder named removable through ITA_DESKTOP_REMOVABLE. Message boxes answer from a script
and record what they said, so every step reads as the clerk would see it."""
from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from ita_desktop.domain import models as m
from ita_desktop.store import exchange
from ita_desktop.store.db import Store
from ita_desktop.thai import words
from ita_desktop.ui.main_window import MainWindow
from tests.conftest import FIXTURES

Button = QMessageBox.StandardButton


class Boxes:
    """Scripted message boxes: `answers` maps a word of the title to the button clicked
    (missing: the box's default); `said` keeps (kind, title, text) in order."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.said: list[tuple[str, str, str]] = []
        self.answers: dict[str, list[Button]] = {}
        for kind in ("question", "warning", "information", "critical"):
            monkeypatch.setattr(QMessageBox, kind, self._box(kind))

    def _box(self, kind: str) -> Callable[..., Button]:
        def box(_parent: Any, title: str, text: str, buttons: Any = None, default: Any = None) -> Button:
            self.said.append((kind, title, text))
            for word, queue in self.answers.items():
                if word in title and queue:
                    return queue.pop(0)
            if kind == "question":
                return default if isinstance(default, Button) and default != Button.NoButton else Button.Yes
            return Button.Ok if buttons is None else Button.Cancel
        return box

    def answer(self, title_word: str, *buttons: Button) -> None:
        self.answers.setdefault(title_word, []).extend(buttons)

    def texts(self) -> str:
        return "\n".join(f"{k}|{t}|{x}" for k, t, x in self.said)


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    return Boxes(monkeypatch)


@pytest.fixture
def stick(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The stick with the office's file on it (written by a third PC)."""
    usb = tmp_path / "usb"
    usb.mkdir()
    monkeypatch.setenv("ITA_DESKTOP_REMOVABLE", str(usb))
    data = exchange.import_data(__import__("json").loads((FIXTURES / "seed004.json").read_text("utf-8")))
    exchange.write_new_file(data, usb / "โนนคูณ.ita").close()
    return usb / "โนนคูณ.ita"


class PC:
    """One PC: its own settings and Documents; `use()` makes it the one the app sees."""

    def __init__(self, qtbot: Any, root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.root, self.monkeypatch = root, monkeypatch
        (root / "documents").mkdir(parents=True)
        self.use()
        self.window = MainWindow(QSettings(str(root / "settings.ini"), QSettings.Format.IniFormat))
        qtbot.addWidget(self.window)
        self.window.show()

    def use(self) -> MainWindow | None:
        self.monkeypatch.setenv("ITA_DESKTOP_DOCUMENTS", str(self.root / "documents"))
        return getattr(self, "window", None)

    def edit_first_measure(self, field: str, value: str) -> None:
        doc = self.window.doc
        assert doc is not None
        measure = doc.data.measures_of(doc.data.live_plans()[0].id)[0]
        doc.set_field(measure, field, value)


def first_measure(path: Path) -> m.Measure:
    store = Store.open_readonly(path)
    try:
        data = store.load()
    finally:
        store.close()
    return data.measures_of(data.live_plans()[0].id)[0]


@pytest.fixture
def two_pcs(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    words.ensure_loaded()
    a = PC(qtbot, tmp_path / "pc-a", monkeypatch)
    b = PC(qtbot, tmp_path / "pc-b", monkeypatch)
    yield a, b
    for pc in (a, b):  # pytest-qt may have closed the windows already
        if shiboken6.isValid(pc.window):
            pc.use()
            pc.window.back_pending = False
            pc.window.close_document()


def pull(stick: Path) -> Path:
    """The stick is pulled: its folder is gone (put back with `plug`)."""
    away = stick.parent.with_name(stick.parent.name + "-pulled")
    stick.parent.rename(away)
    return away


def plug(away: Path, stick: Path) -> None:
    away.rename(stick.parent)


# --- opening from the stick ----------------------------------------------------------------
def test_the_local_copy_is_named_in_the_question_and_the_title(two_pcs, stick: Path, boxes: Boxes) -> None:
    a, _b = two_pcs
    a.use()
    assert a.window.open_file(stick)
    local = a.root / "documents" / stick.name
    assert a.window.doc.path == local
    question = next(x for k, _t, x in boxes.said if k == "question")
    assert str(local.parent) in question or "Documents" in question or "เอกสาร" in question
    title = a.window.windowTitle()
    assert "สำเนา" in title and "แฟลชไดรฟ์" in title, title
    assert a.window.back_action.isEnabled()


def test_reopening_the_same_stick_file_continues_the_same_local_copy(two_pcs, stick: Path,
                                                                     boxes: Boxes) -> None:
    a, _b = two_pcs
    a.use()
    assert a.window.open_file(stick)
    a.edit_first_measure("period", "งานที่ยังไม่ได้บันทึกกลับ")
    a.window.back_pending = False  # the clerk answered ไม่: kept on this PC only
    a.window.close_document()
    assert a.window.open_file(stick)
    assert a.window.doc.path == a.root / "documents" / stick.name
    assert not list((a.root / "documents").glob("*สำเนาจากแฟลชไดรฟ์*"))
    assert first_measure(a.window.doc.path).period == "งานที่ยังไม่ได้บันทึกกลับ"


def test_write_back_is_off_for_a_file_not_from_a_stick(two_pcs, tmp_path: Path, boxes: Boxes) -> None:
    a, _b = two_pcs
    a.use()
    assert a.window.import_json_to(FIXTURES / "seed004.json", tmp_path / "งาน.ita")
    assert not a.window.back_action.isEnabled()
    assert "สำเนา" not in a.window.windowTitle()


# --- writing back ----------------------------------------------------------------------------
def test_write_back_says_it_is_on_the_stick_and_safe_to_remove(two_pcs, stick: Path, boxes: Boxes) -> None:
    a, _b = two_pcs
    a.use()
    assert a.window.open_file(stick)
    a.edit_first_measure("period", "ต.ค. ๒๕๖๙")
    boxes.said.clear()
    assert a.window.save_back()
    assert first_measure(stick).period == "ต.ค. ๒๕๖๙"
    kinds = [(k, t) for k, t, _x in boxes.said]
    assert len(kinds) == 1 and kinds[0][0] == "information", boxes.texts()
    text = boxes.said[0][2]
    assert "บันทึกกลับ" in boxes.said[0][1] + text and "ถอดแฟลชไดรฟ์ได้อย่างปลอดภัย" in text
    assert "สำเนา" not in boxes.said[0][1]


def test_write_back_with_the_stick_pulled_asks_to_plug_it_in_and_retries(two_pcs, stick: Path,
                                                                         boxes: Boxes) -> None:
    a, _b = two_pcs
    a.use()
    assert a.window.open_file(stick)
    a.edit_first_measure("period", "ก่อนถอด")
    away = pull(stick)
    boxes.said.clear()
    assert not a.window.save_back()  # the box's default: ยกเลิก
    assert len(boxes.said) == 1, boxes.texts()
    _kind, _title, text = boxes.said[0]
    assert "ไม่พบแฟลชไดรฟ์" in text and "เสียบ" in text
    assert not any(w in text for w in ("unable to open", "disk I/O", "Error", "Traceback")), text
    assert a.window.back_pending
    # plugged in again while the box is up: ลองอีกครั้ง writes it
    boxes.said.clear()
    plug(away, stick)
    assert a.window.save_back()
    assert first_measure(stick).period == "ก่อนถอด" and not a.window.back_pending


def test_retry_after_plugging_the_stick_back_in(two_pcs, stick: Path, boxes: Boxes,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    a, _b = two_pcs
    a.use()
    assert a.window.open_file(stick)
    a.edit_first_measure("period", "ลองอีกครั้ง")
    away = pull(stick)
    real = QMessageBox.warning

    def plug_then_retry(*args: Any, **kw: Any) -> Button:
        real(*args, **kw)
        plug(away, stick)
        return Button.Retry
    monkeypatch.setattr(QMessageBox, "warning", plug_then_retry)
    assert a.window.save_back()
    assert first_measure(stick).period == "ลองอีกครั้ง"
    assert sum(1 for k, _t, _x in boxes.said if k == "warning") == 1


def test_a_stick_pulled_during_the_write_keeps_the_old_file_and_says_so_once(
        two_pcs, stick: Path, boxes: Boxes, monkeypatch: pytest.MonkeyPatch) -> None:
    a, _b = two_pcs
    a.use()
    assert a.window.open_file(stick)
    a.edit_first_measure("period", "ระหว่างเขียน")
    before = stick.read_bytes()
    import ita_desktop.store.db as db

    def pulled(self: Store, target: Path) -> None:
        Path(target).write_bytes(b"half")
        raise sqlite3.OperationalError("disk I/O error")
    monkeypatch.setattr(db.Store, "_backup_to", pulled)
    boxes.said.clear()
    assert not a.window.save_back()
    assert stick.read_bytes() == before and not list(stick.parent.glob("*.ita-saving"))
    assert len(boxes.said) == 1, boxes.texts()
    text = boxes.said[0][2]
    assert "แฟลชไดรฟ์" in text and "disk I/O" not in text and "ไฟล์นี้" not in text.split("\n")[0]
    a.window.back_pending = False  # pytest-qt closes the window before monkeypatch is undone


def test_closing_with_the_stick_pulled_keeps_the_window_open(two_pcs, stick: Path, boxes: Boxes) -> None:
    a, _b = two_pcs
    a.use()
    assert a.window.open_file(stick)
    a.edit_first_measure("period", "ก่อนปิด")
    away = pull(stick)
    boxes.answer("บันทึกกลับ", Button.Yes)
    a.window.close()
    assert a.window.isVisible() and a.window.doc is not None  # work not written back: stays
    assert any("ไม่พบแฟลชไดรฟ์" in x for _k, _t, x in boxes.said), boxes.texts()
    plug(away, stick)
    assert a.window.save_back()


# --- a stick another PC wrote to --------------------------------------------------------------
def both_open_then_b_writes_back(two_pcs: tuple[PC, PC], stick: Path) -> PC:
    """Both PCs copy the stick's file; กองคลัง (b) edits and writes back first; สำนักปลัด (a)
    edits its copy after. Returns a, in use."""
    a, b = two_pcs
    a.use()
    assert a.window.open_file(stick)
    b.use()
    assert b.window.open_file(stick)
    b.edit_first_measure("responsible", "กองคลัง")
    assert b.window.save_back()
    a.use()
    a.edit_first_measure("period", "สำนักปลัด")
    return a


def test_write_back_over_another_pcs_newer_work_offers_to_merge_it_first(
        qtbot, two_pcs, stick: Path, boxes: Boxes) -> None:
    a = both_open_then_b_writes_back(two_pcs, stick)
    boxes.said.clear()
    boxes.answer("เครื่องอื่น", Button.Cancel)
    assert not a.window.save_back()
    assert first_measure(stick).responsible == "กองคลัง"  # never dropped
    warned = [x for _k, t, x in boxes.said if "เครื่องอื่น" in t]
    assert warned and "รวม" in warned[0], boxes.texts()
    # รวมก่อน: the review opens; accepting it merges, then writes back
    boxes.answer("เครื่องอื่น", Button.Yes)
    assert not a.window.save_back()  # not yet: the review is open
    from ita_desktop.ui.dialogs.merge_review import MergeReviewDialog
    review = next(w for w in a.window.findChildren(MergeReviewDialog) if w.isVisible())
    review.accept()
    qtbot.waitUntil(lambda: not a.window.back_pending)
    on_stick = first_measure(stick)
    assert on_stick.responsible == "กองคลัง" and on_stick.period == "สำนักปลัด"
    assert a.window.doc is not None and first_measure(a.window.doc.path).responsible == "กองคลัง"


def test_closing_with_a_write_back_that_merges_first_closes_once_it_is_written(
        qtbot, two_pcs, stick: Path, boxes: Boxes) -> None:
    """Quit → บันทึกกลับ? ใช่ → the stick has another PC's work → รวม: after the review is
    accepted the merge is written back and the window closes, without a second quit."""
    a = both_open_then_b_writes_back(two_pcs, stick)
    boxes.answer("บันทึกกลับ", Button.Yes)
    boxes.answer("เครื่องอื่น", Button.Yes)
    assert not a.window.close()  # the review is open: not closed yet
    from ita_desktop.ui.dialogs.merge_review import MergeReviewDialog
    review = next(w for w in a.window.findChildren(MergeReviewDialog) if w.isVisible())
    review.accept()
    qtbot.waitUntil(lambda: not a.window.isVisible())
    on_stick = first_measure(stick)
    assert on_stick.responsible == "กองคลัง" and on_stick.period == "สำนักปลัด"


def test_a_write_back_review_cancelled_while_closing_keeps_the_window(
        qtbot, two_pcs, stick: Path, boxes: Boxes) -> None:
    a = both_open_then_b_writes_back(two_pcs, stick)
    boxes.answer("บันทึกกลับ", Button.Yes)
    boxes.answer("เครื่องอื่น", Button.Yes)
    assert not a.window.close()
    from ita_desktop.ui.dialogs.merge_review import MergeReviewDialog
    review = next(w for w in a.window.findChildren(MergeReviewDialog) if w.isVisible())
    review.reject()
    qtbot.wait(50)
    assert a.window.isVisible() and a.window.back_pending and not a.window.close_after_back


def test_write_back_over_a_stick_file_with_nothing_new_asks_nothing(two_pcs, stick: Path,
                                                                    boxes: Boxes) -> None:
    a, _b = two_pcs
    a.use()
    assert a.window.open_file(stick)
    a.edit_first_measure("period", "หนึ่ง")
    assert a.window.save_back()
    a.edit_first_measure("period", "สอง")
    boxes.said.clear()
    assert a.window.save_back()
    assert [k for k, _t, _x in boxes.said] == ["information"], boxes.texts()


def test_the_stick_file_deleted_meanwhile_is_written_again(two_pcs, stick: Path, boxes: Boxes) -> None:
    a, _b = two_pcs
    a.use()
    assert a.window.open_file(stick)
    a.edit_first_measure("period", "เขียนใหม่")
    stick.unlink()
    assert a.window.save_back()
    assert first_measure(stick).period == "เขียนใหม่"


# --- dialogs open where the clerk works ---------------------------------------------------------
def test_file_dialogs_start_on_the_stick_for_its_local_copy(two_pcs, stick: Path, boxes: Boxes) -> None:
    a, _b = two_pcs
    a.use()
    assert a.window.open_file(stick)
    assert Path(a.window._start_folder()) == stick.parent


def test_file_dialogs_start_in_the_last_used_folder(two_pcs, tmp_path: Path, boxes: Boxes) -> None:
    a, _b = two_pcs
    a.use()
    elsewhere = tmp_path / "งานปี ๖๙"
    elsewhere.mkdir()
    assert a.window.import_json_to(FIXTURES / "seed004.json", tmp_path / "งาน.ita")
    assert a.window.save_copy_to(elsewhere / "สำเนา.ita")
    assert Path(a.window._start_folder()) == elsewhere
    shutil.rmtree(elsewhere)
    assert Path(a.window._start_folder()) == tmp_path  # gone: the open file's folder
