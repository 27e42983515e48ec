"""The app as a clerk starts it: through the one start function every start path uses
(`python dev.py app`, `ita-desktop`, `ita-desktop-window`, the frozen exe), with a fresh home
and settings, and read back as a person sees it. A blank or English window fails here."""
from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QLabel, QMessageBox, QWidget

from ita_desktop import app as appmod
from ita_desktop import cli
from ita_desktop.ui import visible_texts
from ita_desktop.ui.main_window import MainWindow
from tests.gui.conftest import start_app

ROOT = Path(__file__).resolve().parents[2]


start = start_app  # the clerk's start (tests/gui/conftest.py)


def close(qtbot, window: MainWindow) -> None:
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible())


def dialogs_opened_by(qtbot, trigger: Callable[[], object]) -> list[tuple[str, list[str]]]:
    """Run `trigger`; read and close every dialog it opens (modal or not), in order.
    File dialogs are closed unread: on Windows they are the system's own, in its language."""
    seen: list[tuple[str, list[str]]] = []
    before = set(QApplication.topLevelWidgets())

    def sweep() -> None:
        for w in QApplication.topLevelWidgets():
            if w in before or not w.isVisible() or not isinstance(w, QDialog):
                continue
            if not isinstance(w, QFileDialog):
                QApplication.processEvents()
                seen.append((w.windowTitle() or type(w).__name__, visible_texts.problems(w)))
            w.reject()
        if any(isinstance(w, QDialog) and w.isVisible() and w not in before
               for w in QApplication.topLevelWidgets()):
            QTimer.singleShot(30, sweep)

    timer = QTimer()
    timer.setInterval(60)
    timer.timeout.connect(sweep)
    timer.start()
    trigger()
    qtbot.wait(200)
    timer.stop()
    sweep()
    return seen


def test_first_start_shows_a_thai_window_with_the_demo(qtbot, fresh_home: Path) -> None:
    window = start(qtbot)
    documents = fresh_home / "Documents"
    assert window.doc is not None and window.doc.path == documents / appmod.DEMO_NAME
    assert appmod.DEMO_NAME in window.windowTitle()
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["แฟ้ม", "แก้ไข", "ผลการประเมิน", "มาตรการ", "ทะเบียน OIT", "ช่วยเหลือ"]
    assert window.menuBar().height() > 15  # a blank menu bar was 3 px high
    pages = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert pages == ["ข้อมูลหน่วยงาน", "ผลการประเมิน ITA", "มาตรการและผลการดำเนินการ",
                     "ทะเบียนการเปิดเผยข้อมูล (OIT)"]
    for row, name in enumerate(pages):
        window.nav.setCurrentRow(row)
        qtbot.wait(20)
        assert visible_texts.problems(window) == [], name
        page = window.pages.currentWidget()
        assert isinstance(page, QWidget)
        assert any(visible_texts.is_thai(t) for _, t in visible_texts.texts(page)), name


def test_every_dialog_the_menus_open_speaks_thai(qtbot, fresh_home: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    window = start(qtbot)
    window.resize(1366, 728)
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.No)  # nothing is changed
    opened: dict[str, list[str]] = {}
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        for action in menu.actions():
            if action.isSeparator() or action.menu() is not None or not action.isEnabled():
                continue
            if action.text() == "ออกจากโปรแกรม":
                continue
            for title, problems in dialogs_opened_by(qtbot, action.trigger):
                opened[f"{action.text()} › {title}"] = problems
    assert window.isVisible() and window.doc is not None
    assert {k: v for k, v in opened.items() if v} == {}
    titles = " ".join(opened)
    for expected in ("ความครบถ้วน", "เกณฑ์การประเมิน", "พิมพ์", "เกี่ยวกับ", "วิธีใช้", "วางคะแนน", "แนะนำมาตรการ"):
        assert expected in titles, f"{expected} not among {sorted(opened)}"


def test_second_start_reopens_the_last_file(qtbot, fresh_home: Path) -> None:
    first = start(qtbot)
    path = first.doc.path
    close(qtbot, first)
    again = start(qtbot)
    assert again.doc is not None and again.doc.path == path
    assert visible_texts.problems(again) == []


def test_closing_leaves_no_journal_beside_the_file(qtbot, fresh_home: Path) -> None:
    window = start(qtbot)
    path = window.doc.path
    window.office_page.amphoe.setText("เมือง")
    window.office_page.amphoe.commit()
    close(qtbot, window)
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


def test_every_start_path_goes_through_the_one_start(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[list[str]] = []
    monkeypatch.setattr(appmod, "start", lambda argv: calls.append(list(argv)))
    assert cli.main([]) == 0  # python -m ita_desktop, dev.py app, the console script, the exe
    assert cli.main(["แฟ้ม.ita"]) == 0
    assert appmod.main([]) == 0  # the windowed script
    assert calls == [[], ["แฟ้ม.ita"], []]
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["scripts"]["ita-desktop"] == "ita_desktop.cli:main"
    assert project["gui-scripts"]["ita-desktop-window"] == "ita_desktop.app:main"
    dev = (ROOT / "dev.py").read_text(encoding="utf-8")
    assert '"-m", "ita_desktop"' in dev
    entry = (ROOT / "packaging" / "ita_desktop_entry.py").read_text(encoding="utf-8")
    assert "from ita_desktop.cli import main" in entry


def test_the_readme_command_shows_a_thai_window(tmp_path: Path) -> None:
    """`python -m ita_desktop` as dev.py runs it, in its own process, until the window shows."""
    env = dict(os.environ, HOME=str(tmp_path), QT_QPA_PLATFORM="offscreen",
               ITA_DESKTOP_QUIT_WHEN_SHOWN="0", ITA_DESKTOP_CONFIG=str(tmp_path / "config"))
    env.pop("ITA_DESKTOP_DOCUMENTS", None)
    done = subprocess.run([sys.executable, "-m", "ita_desktop"], env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=90, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "window shown" in done.stdout
    assert "blank or non-Thai texts: 0" in done.stdout, done.stdout
    assert (tmp_path / "Documents" / appmod.DEMO_NAME).is_file()


def test_the_ui_font_leaves_room_for_underscores_and_thai_tails(qtbot, fresh_home: Path) -> None:
    """Sarabun's own descent is shallower than its glyphs: file names lost their underscores
    in the status bar and the tails of ฎ ฏ ู were cut."""
    from PySide6.QtGui import QFontMetrics

    window = start(qtbot)
    metrics = QFontMetrics(QApplication.font())
    for text in ("ITA_2568_report", "ปฏิบัติ", "ฎีกา", "ครู"):
        assert metrics.tightBoundingRect(text).bottom() <= metrics.descent(), text
    window.statusBar().showMessage("ITA_2568_report_year.ita")
    assert window.statusBar().height() >= metrics.height()


def test_an_unexpected_error_leaves_a_crash_report_and_a_thai_message(qtbot, fresh_home: Path) -> None:
    from ita_desktop import crash
    from ita_desktop.paths import config_dir

    start(qtbot)
    try:
        raise KeyError("a bug")
    except KeyError:
        sys.excepthook(*sys.exc_info())
    reports = list((config_dir() / "crash-reports").glob("crash-*.txt"))
    assert len(reports) == 1 and "KeyError: 'a bug'" in reports[0].read_text(encoding="utf-8")
    message = crash.thai_message(reports[0])
    assert visible_texts.is_thai(message) and str(reports[0]) in message


@pytest.mark.parametrize("scale", [1.0, 1.25])
def test_the_window_fits_a_1366x768_screen(qtbot, fresh_home: Path, scale: float) -> None:
    """1366×768 less a 40 px taskbar and a 30 px title bar, at 100 % and 125 % scaling."""
    window = start(qtbot)
    width, height = int(1366 / scale), int((768 - 40) / scale) - 30
    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)
        qtbot.wait(10)
        need = window.minimumSizeHint()
        assert need.width() <= width and need.height() <= height, (row, need, (width, height))


def test_the_window_opens_within_the_screen_and_where_it_was_left(qtbot, fresh_home: Path) -> None:
    window = start(qtbot)
    room = window.screen().availableGeometry()
    floor = window.minimumSizeHint()
    assert window.width() <= max(room.width(), floor.width())
    assert window.height() <= max(room.height(), floor.height())
    window.resize(window.width(), window.height() - 40)
    left = (window.width(), window.height())
    close(qtbot, window)
    again = start(qtbot)
    assert (again.width(), again.height()) == left


WINDOWED = """
import sys
sys.stdout = sys.stderr = None  # as PyInstaller's windowed exe has them
from pathlib import Path
result = Path(sys.argv[1])
try:
    from PySide6.QtWidgets import QLabel
    from ita_desktop import app
    dialogs = []
    app.ErrorDialog.exec = lambda self: dialogs.append(self) or 0  # built, not waited on
    code = app.main([])  # returns when the shown window's report (to no console) quit it
    try:
        raise KeyError("a bug in the windowed exe")
    except KeyError:
        sys.excepthook(*sys.exc_info())
    said = " ".join(label.text() for d in dialogs for label in d.findChildren(QLabel))
    result.write_text(f"exit {code}, dialogs {len(dialogs)}\\n{said}", encoding="utf-8")
except BaseException:
    import traceback
    result.write_text(traceback.format_exc(), encoding="utf-8")
"""


def test_the_windowed_exe_starts_and_reports_a_crash_with_no_console(tmp_path: Path) -> None:
    """PyInstaller's windowed exe has sys.stdout and sys.stderr None: the whole start (up to
    the start-up figures' report) and the crash hook must not write to them. In a process of
    its own: the app's event loop is run and quit there, which a test process cannot recover."""
    result = tmp_path / "result.txt"
    env = dict(os.environ, HOME=str(tmp_path), USERPROFILE=str(tmp_path), QT_QPA_PLATFORM="offscreen",
               ITA_DESKTOP_QUIT_WHEN_SHOWN="0", ITA_DESKTOP_CONFIG=str(tmp_path / "config"),
               PYTHONPATH=str(ROOT))
    env.pop("ITA_DESKTOP_DOCUMENTS", None)
    env.pop("ITA_DESKTOP_NO_DIALOGS", None)  # the error dialog is built as on a clerk's PC
    done = subprocess.run([sys.executable, "-X", "warn_default_encoding", "-W", "error::EncodingWarning",
                           "-c", WINDOWED, str(result)], env=env, cwd=tmp_path, timeout=90,
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    said = result.read_text(encoding="utf-8")
    assert done.returncode == 0 and said.startswith("exit 0, dialogs 1\n"), said
    assert (tmp_path / "Documents" / appmod.DEMO_NAME).is_file()  # the first start's demo
    reports = list((tmp_path / "config" / "crash-reports").glob("crash-*.txt"))
    assert len(reports) == 1 and "a bug in the windowed exe" in reports[0].read_text(encoding="utf-8")
    assert visible_texts.is_thai(said) and str(reports[0]) in said


def test_a_first_start_that_cannot_make_the_demo_says_so_and_opens_the_window(
        qtbot, fresh_home: Path, monkeypatch: pytest.MonkeyPatch, message_boxes: list[str]) -> None:
    """Documents unwritable (a OneDrive folder offline, a locked-down PC) and no other folder
    either: a Thai message, and the window without a file, not a start that ends in an error."""
    import errno

    real = appmod.create_demo_file

    def refused(folder: Path) -> Path:
        raise PermissionError(errno.EACCES, "Permission denied", str(folder / appmod.DEMO_NAME))

    monkeypatch.setattr(appmod, "create_demo_file", refused)
    window = start(qtbot)
    assert window.isVisible() and window.doc is None
    assert len(message_boxes) == 1, message_boxes
    message = message_boxes[0]
    assert visible_texts.is_thai(message) and "ไม่มีสิทธิ์" in message
    assert str(fresh_home / "Documents") in message and "แฟ้ม" in message
    assert visible_texts.problems(window) == []
    close(qtbot, window)
    monkeypatch.setattr(appmod, "create_demo_file", real)  # the next start tries again
    again = start(qtbot)
    assert again.doc is not None and again.doc.path == fresh_home / "Documents" / appmod.DEMO_NAME


def test_a_forced_error_shows_the_error_dialog_and_leaves_a_report(
        qtbot, fresh_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """ITA_DESKTOP_FORCE_ERROR=1: the checklist's way (packaging/README.md) to see the error
    dialog on a real PC: an error raised in the running window, as a bug would be."""
    from ita_desktop.paths import config_dir

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setenv("ITA_DESKTOP_FORCE_ERROR", "1")
    monkeypatch.delenv("ITA_DESKTOP_NO_DIALOGS", raising=False)
    dialogs: list[QDialog] = []
    monkeypatch.setattr(appmod.ErrorDialog, "exec", lambda self: dialogs.append(self) or 0)
    window = start(qtbot)
    qtbot.waitUntil(lambda: len(dialogs) == 1, timeout=5000)
    reports = list((config_dir() / "crash-reports").glob("crash-*.txt"))
    assert len(reports) == 1 and "ITA_DESKTOP_FORCE_ERROR" in reports[0].read_text(encoding="utf-8")
    assert str(reports[0]) in " ".join(label.text() for label in dialogs[0].findChildren(QLabel))
    assert window.isVisible() and window.doc is not None  # the window goes on
