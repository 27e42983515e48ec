"""The background-operation helper (ui/background.py): the work runs off the GUI thread, the
window keeps processing events, a progress dialog appears only after 300 ms, the answer or
the error comes back on the GUI thread, and a bug reaches the crash hook."""
from __future__ import annotations

import errno
import sys
import threading
import time
from concurrent.futures import Future

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QProgressDialog, QVBoxLayout, QWidget

from ita_desktop.store.errors import thai_message
from ita_desktop.ui import background


@pytest.fixture
def parent(qtbot) -> QWidget:
    w = QWidget()
    QVBoxLayout(w).addWidget(QLineEdit())
    qtbot.addWidget(w)
    w.show()
    return w


def slow(seconds: float, answer: object = 42):
    def work():
        time.sleep(seconds)
        if isinstance(answer, BaseException):
            raise answer
        return answer, threading.current_thread().name
    return work


def progress_dialogs(parent: QWidget) -> list[QProgressDialog]:
    return [d for d in parent.findChildren(QProgressDialog) if d.isVisible()]


def test_a_quick_operation_shows_no_progress_and_answers_on_the_gui_thread(qtbot, parent) -> None:
    got: list[tuple[object, str, str]] = []
    op = background.run(parent, "กำลังทำงาน…", slow(0.02),
                        on_done=lambda r: got.append((*r, threading.current_thread().name)))
    qtbot.waitUntil(lambda: op.finished, timeout=5000)
    assert got == [(42, got[0][1], threading.main_thread().name)]
    assert got[0][1] != threading.main_thread().name  # the work itself ran elsewhere
    assert not op.progress_shown and not progress_dialogs(parent)


def test_a_slow_operation_keeps_the_window_alive_and_shows_progress_after_300_ms(qtbot, parent) -> None:
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(50)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    seen: list[str] = []
    QTimer.singleShot(200, lambda: seen.append(f"200:{len(progress_dialogs(parent))}"))
    QTimer.singleShot(700, lambda: seen.extend(f"700:{d.labelText()}" for d in progress_dialogs(parent)))
    start = time.monotonic()
    op = background.run(parent, "กำลังตรวจความครบถ้วน…", slow(1.0))
    assert background.call(parent, "x", slow(0.0))[0] == 42  # another one meanwhile: fine
    qtbot.waitUntil(lambda: op.finished, timeout=5000)
    timer.stop()
    assert len([t for t in ticks if t - start < 0.9]) >= 5  # events processed during the work
    assert seen == ["200:0", "700:กำลังตรวจความครบถ้วน…"]
    assert op.progress_shown and not progress_dialogs(parent)  # gone with the work


def test_call_returns_the_answer_while_the_window_keeps_processing_events(qtbot, parent) -> None:
    ticks: list[int] = []
    QTimer.singleShot(100, lambda: ticks.append(1))
    assert background.call(parent, "กำลังทำงาน…", slow(0.5, "ผล"))[0] == "ผล"
    assert ticks == [1]


def test_a_future_of_another_thread_is_waited_for_without_a_timeout(qtbot, parent) -> None:
    future: Future[str] = Future()
    threading.Timer(0.4, lambda: future.set_result("เสร็จ")).start()
    assert background.call(parent, "กำลังบันทึก…", future) == "เสร็จ"


def test_an_error_of_the_environment_comes_back_for_a_thai_message(qtbot, parent) -> None:
    errors: list[BaseException] = []
    op = background.run(parent, "กำลังส่งออก…", slow(0.01, OSError(errno.ENOSPC, "No space left on device")),
                        on_done=lambda r: pytest.fail("no answer expected"), on_error=errors.append)
    qtbot.waitUntil(lambda: op.finished, timeout=5000)
    assert len(errors) == 1 and "เต็ม" in thai_message(errors[0]).text
    with pytest.raises(OSError):
        background.call(parent, "กำลังส่งออก…", slow(0.01, OSError(errno.ENOSPC, "No space left on device")))


def test_a_bug_reaches_the_crash_hook_not_the_error_message(qtbot, parent, monkeypatch) -> None:
    hooked: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda t, e, tb: hooked.append(e))
    errors: list[BaseException] = []
    op = background.run(parent, "กำลังทำงาน…", slow(0.01, KeyError("responsible")), on_error=errors.append)
    qtbot.waitUntil(lambda: op.finished, timeout=5000)
    assert errors == [] and isinstance(hooked[0], KeyError)
    with pytest.raises(KeyError):  # waited for: raised to the caller (whose slot reaches the hook)
        background.call(parent, "กำลังทำงาน…", slow(0.01, KeyError("responsible")))


def test_the_window_takes_no_keys_or_closing_while_the_work_runs(qtbot, parent) -> None:
    edit = parent.findChild(QLineEdit)
    edit.setFocus()

    def type_x() -> None:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(edit, QKeyEvent(kind, Qt.Key.Key_X, Qt.KeyboardModifier.NoModifier, "x"))
    QTimer.singleShot(100, type_x)
    closed: list[bool] = []
    QTimer.singleShot(150, lambda: closed.append(parent.close()))
    background.call(parent, "กำลังรวมข้อมูล…", slow(0.4))
    assert edit.text() == "" and closed == [False] and parent.isVisible()
    type_x()
    assert edit.text() == "x"
