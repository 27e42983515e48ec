"""One running app per clerk: a double-clicked .ita while it runs brings its window to the
front with the file (on Windows the second start passes on its right to take the foreground),
two quick double-clicks give one window, and a server that cannot listen still gives a window."""
from __future__ import annotations

import ctypes
import os
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtNetwork import QLocalServer

from ita_desktop import app as appmod
from tests.gui.test_clerk_start import ROOT, close, start


def fake_windll(calls: list[tuple[str, int]]) -> SimpleNamespace:
    def allow(pid: int) -> int:
        calls.append(("AllowSetForegroundWindow", pid))
        return 1
    return SimpleNamespace(user32=SimpleNamespace(AllowSetForegroundWindow=allow))


def test_a_double_clicked_file_brings_the_running_window_to_the_front(
        qtbot, fresh_home: Path, monkeypatch: pytest.MonkeyPatch, message_boxes: list[str]) -> None:
    window = start(qtbot)
    other = appmod.create_demo_file(fresh_home / "อีกแฟ้ม")
    window.showMaximized()
    window.showMinimized()
    qtbot.waitUntil(window.isMinimized)
    calls: list[tuple[str, int]] = []
    with monkeypatch.context() as windows:  # the second start, as on a Windows PC
        windows.setattr(sys, "platform", "win32")
        windows.setattr(ctypes, "windll", fake_windll(calls), raising=False)
        assert appmod.start([str(other)]) is None
    assert calls == [("AllowSetForegroundWindow", os.getpid())]  # the running app's id, from its lock
    qtbot.waitUntil(lambda: window.doc is not None and window.doc.path == other)
    assert not window.isMinimized() and window.isMaximized()  # restored as it was, not made small
    assert window.isVisible() and message_boxes == []


def test_a_file_handed_over_while_a_dialog_is_open_waits_for_the_dialog(
        qtbot, fresh_home: Path, message_boxes: list[str]) -> None:
    """The print screen open over the window: the file must not be swapped under it, and the
    print screen, not the main window, comes to the front with a word on what to do."""
    window = start(qtbot)
    before = window.doc.path if window.doc else None
    other = appmod.create_demo_file(fresh_home / "อีกแฟ้ม")
    screen = window.print_report()
    assert screen is not None
    qtbot.addWidget(screen)
    assert appmod.start([str(other)]) is None
    qtbot.waitUntil(lambda: bool(message_boxes))
    assert "ปิดหน้าต่าง" in message_boxes[0] and other.name in message_boxes[0]
    assert window.doc is not None and window.doc.path == before
    screen.close()


def test_a_hand_over_without_the_running_apps_id_allows_any(
        qtbot, fresh_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    start(qtbot)
    monkeypatch.setattr(appmod, "running_pid", lambda: 0)
    calls: list[tuple[str, int]] = []
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(ctypes, "windll", fake_windll(calls), raising=False)
    assert appmod.hand_over_to_running([])
    assert calls == [("AllowSetForegroundWindow", appmod.ASFW_ANY)]


def test_a_second_start_waits_for_a_first_that_is_still_starting(
        qtbot, fresh_home: Path, monkeypatch: pytest.MonkeyPatch, message_boxes: list[str]) -> None:
    """The first holds the lock but does not answer yet: the second tries again, then hands over."""
    start(qtbot)
    real = appmod.hand_over_to_running
    tries: list[int] = []

    def not_yet(files: list[str]) -> bool:
        tries.append(1)
        return len(tries) > 3 and real(files)
    monkeypatch.setattr(appmod, "hand_over_to_running", not_yet)
    assert appmod.start([]) is None
    assert len(tries) == 4 and message_boxes == []


def test_a_first_start_that_never_answers_does_not_stop_the_second(
        qtbot, fresh_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A live process holds the lock and never serves: after LOCK_WAIT the window opens."""
    held = appmod.instance_lock()
    appmod.config_dir().mkdir(parents=True, exist_ok=True)
    assert held.tryLock(0)
    monkeypatch.setattr(appmod, "LOCK_WAIT", 0.5)
    began = time.monotonic()
    window = start(qtbot)
    assert time.monotonic() - began >= 0.5
    assert window.isVisible() and window.doc is not None
    held.unlock()


def test_the_lock_of_a_crashed_start_is_taken_over(qtbot, fresh_home: Path,
                                                   message_boxes: list[str]) -> None:
    lock_path = appmod.config_dir() / appmod.LOCK_NAME
    crashed = ("import os, sys\nfrom PySide6.QtCore import QLockFile\nlock = QLockFile(sys.argv[1])\n"
               "assert lock.tryLock(0)\nos._exit(0)  # no unlock: as a crash leaves it\n")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-c", crashed, str(lock_path)], check=True, timeout=60)
    assert lock_path.is_file()
    began = time.monotonic()
    window = start(qtbot)
    assert time.monotonic() - began < appmod.LOCK_WAIT
    assert appmod.running_pid() == os.getpid()
    assert appmod.start([]) is None  # and it serves the next start
    close(qtbot, window)
    assert not lock_path.exists()


def test_a_server_that_cannot_listen_still_gives_a_working_window(
        qtbot, fresh_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QLocalServer, "listen", lambda self, name: False)
    window = start(qtbot)
    assert window.isVisible() and window.doc is not None
    window.office_page.amphoe.setText("เมือง")
    window.office_page.amphoe.commit()
    lock = appmod.instance_lock()
    assert lock.tryLock(0)  # released: the next start may serve
    lock.unlock()


TWO_STARTS = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from ita_desktop import app
from ita_desktop.ui.main_window import MainWindow

opened = []
MainWindow.open_file = lambda self, path: opened.append(path.name) or True
time.sleep(max(0.0, float(sys.argv[2]) - time.time()))  # both start at the same moment
window = app.start([sys.argv[1]])
if window is None:
    print("handed over", flush=True)
    sys.exit(0)
began = time.monotonic()
def check():
    if len(opened) >= 2 or time.monotonic() - began > 15:
        print("server " + " ".join(sorted(opened)), flush=True)
        QApplication.quit()
    else:
        QTimer.singleShot(50, check)
QTimer.singleShot(0, check)
QApplication.instance().exec()
"""


def test_two_quick_double_clicks_give_one_window(tmp_path: Path) -> None:
    env = dict(os.environ, HOME=str(tmp_path), USERPROFILE=str(tmp_path), QT_QPA_PLATFORM="offscreen",
               ITA_DESKTOP_CONFIG=str(tmp_path / "config"), PYTHONPATH=str(ROOT))
    at = str(time.time() + 4)
    runs = [subprocess.Popen([sys.executable, "-c", TWO_STARTS, name, at], env=env, cwd=tmp_path,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
            for name in ("a.ita", "b.ita")]
    said = [run.communicate(timeout=90) for run in runs]
    outs = sorted(out.strip() for out, _err in said)
    assert [run.returncode for run in runs] == [0, 0], said
    assert outs == ["handed over", "server a.ita b.ita"], said
