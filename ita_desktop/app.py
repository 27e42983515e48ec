"""Builds the QApplication: fonts, crash dialog, single instance, first start, main window."""
from __future__ import annotations

import contextlib
import hashlib
import os
import struct
import sys
import threading
import time
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

from PySide6.QtCore import QLockFile, QObject, QSettings, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ita_desktop import crash
from ita_desktop.paths import config_dir, documents_dir, font_path, resource_path
from ita_desktop.thai import words

if TYPE_CHECKING:
    from ita_desktop.ui.main_window import MainWindow

DEMO_NAME = "ITA Desktop ตัวอย่าง.ita"


def load_fonts() -> str:
    """Register Sarabun; return its family name (the UI font). application() calls it once."""
    family = "Sarabun"
    for name in ("Sarabun-Regular.ttf", "Sarabun-Bold.ttf", "Sarabun-Italic.ttf",
                 "Sarabun-BoldItalic.ttf"):
        try:
            data = with_deep_descent(font_path(name).read_bytes())
        except (OSError, struct.error):
            continue
        fid = QFontDatabase.addApplicationFontFromData(data)
        if fid >= 0:
            family = QFontDatabase.applicationFontFamilies(fid)[0]
    return family


UI_DESCENT = 340  # font units (of 1000): the tails of ฎ ฏ (-323), ู (-332) and "_" (-289)


def with_deep_descent(font: bytes) -> bytes:
    """Sarabun for the screen, with its descent deepened from 232 to UI_DESCENT units.

    Qt sizes labels and the status bar by the font's descent, and Sarabun's is shallower than
    its own glyphs: underscores in file names vanished and the tails of ฎ ฏ ู were cut. The
    hhea and OS/2 descents are rewritten in memory (the OFL allows it; Sarabun reserves no
    name); the PDFs embed the untouched files."""
    data = bytearray(font)
    tables = struct.unpack_from(">H", data, 4)[0]
    for i in range(tables):
        tag, _checksum, offset, _length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        if tag == b"hhea":
            struct.pack_into(">h", data, offset + 6, -UI_DESCENT)  # descender
        elif tag == b"OS/2":
            struct.pack_into(">h", data, offset + 70, -UI_DESCENT)  # sTypoDescender
            struct.pack_into(">H", data, offset + 76, max(UI_DESCENT, struct.unpack_from(
                ">H", data, offset + 76)[0]))  # usWinDescent, never made shallower
    return bytes(data)


def settings() -> QSettings:
    path = config_dir() / "settings.ini"
    path.parent.mkdir(parents=True, exist_ok=True)
    return QSettings(str(path), QSettings.Format.IniFormat)


def create_demo_file(target_dir: Path) -> Path:
    """First start: a copy of the fictional demo office in the user's documents."""
    from ita_desktop.store import exchange

    target = target_dir / DEMO_NAME
    if not target.exists():
        target_dir.mkdir(parents=True, exist_ok=True)
        exchange.import_json(resource_path("demo", "demo-office.json"), target).close()
    return target


class ErrorDialog(QDialog):
    """An unexpected error: a Thai explanation, where the crash report was written, and the
    report itself (English, for the maintainer) to copy."""

    def __init__(self, report: str, saved_at: Path | None) -> None:
        super().__init__()
        self.setWindowTitle("เกิดข้อผิดพลาดที่ไม่คาดคิด")
        lay = QVBoxLayout(self)
        message = QLabel(crash.thai_message(saved_at) + "\nกรุณาส่งรายงานด้านล่างให้ผู้ดูแลโปรแกรม")
        message.setWordWrap(True)
        lay.addWidget(message)
        text = QPlainTextEdit(report)
        text.setReadOnly(True)
        lay.addWidget(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        copy = buttons.addButton("คัดลอกรายงาน", QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(report))
        buttons.accepted.connect(self.accept)
        lay.addWidget(buttons)
        self.resize(640, 420)


def install_excepthook() -> None:
    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        report = crash.report_text(exc_type, exc, tb)
        saved_at = crash.write_report(report)
        with contextlib.suppress(ValueError, OSError, AttributeError):  # no console when windowed
            sys.stderr.write(report)
        if QApplication.instance() is not None and not os.environ.get("ITA_DESKTOP_NO_DIALOGS"):
            ErrorDialog(report, saved_at).exec()
    sys.excepthook = hook


def server_name() -> str:
    """One running app per user and settings folder (a self-test or a test run has its own)."""
    user = os.environ.get("USERNAME") or os.environ.get("USER") or "user"
    digest = hashlib.sha1(str(config_dir()).encode("utf-8")).hexdigest()[:10]
    return f"ita-desktop-{user}-{digest}"


# The first start holds this lock (in the settings folder) while it serves server_name(); its
# process id is written in it. QLockFile takes over a lock left by a crashed process (its id
# no longer runs). A second start that finds the lock held waits this long for the server.
LOCK_NAME = "running.lock"
LOCK_WAIT = 3.0  # seconds
ASFW_ANY = -1  # AllowSetForegroundWindow: any process


def instance_lock() -> QLockFile:
    lock = QLockFile(str(config_dir() / LOCK_NAME))
    lock.setStaleLockTime(0)  # stale only when its process is gone, never by age
    return lock


def running_pid() -> int:
    """The process id of the running app, from its lock file (0 if it cannot be read)."""
    pid, _host, _app = instance_lock().getLockInfo()
    return int(pid)


def allow_foreground(pid: int) -> None:
    """Windows lets only the foreground process bring a window to the front: the start that
    Explorer launched for a double-clicked file is one, the running app is not and would only
    flash in the taskbar. Pass the right on before handing over (ASFW_ANY when the running
    app's id is unknown: the right lasts until the clerk's next click or key)."""
    if sys.platform != "win32":
        return
    import ctypes

    with contextlib.suppress(AttributeError, OSError):
        ctypes.windll.user32.AllowSetForegroundWindow(pid if pid > 0 else ASFW_ANY)


def hand_over_to_running(argv: list[str]) -> bool:
    """If the app already runs, ask it to come to the front (and open the file); True if the
    request was delivered. One line: the file's absolute path, or empty."""
    sock = QLocalSocket()
    sock.connectToServer(server_name())
    if not sock.waitForConnected(300):
        return False
    allow_foreground(running_pid())
    message = (str(Path(argv[0]).absolute()) if argv else "").encode("utf-8") + b"\n"
    written = sock.write(message) == len(message)
    while written and sock.bytesToWrite() > 0:
        written = sock.waitForBytesWritten(1000)
    sock.disconnectFromServer()
    if sock.state() != QLocalSocket.LocalSocketState.UnconnectedState:
        sock.waitForDisconnected(1000)
    return written


def claim_instance(files: list[str]) -> tuple[bool, QLockFile | None]:
    """(True, None) when a running app took `files` over. Otherwise this start runs its own
    window: with the lock when it is the first (it then serves later starts), without it when
    the lock cannot be had (a settings folder that refuses files; a first start that holds
    the lock but has not answered for LOCK_WAIT seconds)."""
    with contextlib.suppress(OSError):
        config_dir().mkdir(parents=True, exist_ok=True)
    lock = instance_lock()
    deadline = time.monotonic() + LOCK_WAIT
    while True:
        if hand_over_to_running(files):
            return True, None
        if lock.tryLock(0):  # also takes over the lock of a process that crashed
            return False, lock
        if lock.error() != QLockFile.LockError.LockFailedError or time.monotonic() >= deadline:
            return False, None
        time.sleep(0.1)  # the first start is between taking the lock and listening


class InstanceServer(QLocalServer):
    """The first start's server: later starts send it one line (a file to open, or empty) and
    the window comes to the front. It listens before the window is built, so a double-click
    during a slow start is not lost; requests are handled once `attach` gives it the window."""

    def __init__(self, lock: QLockFile | None) -> None:
        super().__init__()
        self.lock = lock
        self.window: MainWindow | None = None

    def serve(self) -> bool:
        """Listen under server_name(); False (lock released) if that fails: the app then
        runs without taking over later starts."""
        for _attempt in range(2):
            QLocalServer.removeServer(server_name())  # a crashed start's socket file (not Windows)
            if self.listen(server_name()):
                return True
        self.stop()
        return False

    def attach(self, window: MainWindow) -> None:
        self.window = window
        self.setParent(window)  # goes with the window: a start after it closed starts anew
        window.closed.connect(self.stop)
        self.newConnection.connect(self._accept)
        self._accept()  # starts that connected while the window was being built

    def stop(self) -> None:
        self.close()
        if self.lock is not None:
            self.lock.unlock()

    def _accept(self) -> None:
        while self.hasPendingConnections():
            self._read_request(self.nextPendingConnection())

    def _read_request(self, sock: QLocalSocket) -> None:
        """Collect the socket's line (it may come in pieces), then act on it once."""
        received = bytearray()

        def read() -> None:
            if sock.property("ita_handled"):
                return
            received.extend(bytes(sock.readAll().data()))
            ended = sock.state() == QLocalSocket.LocalSocketState.UnconnectedState
            if b"\n" not in received and not ended:
                return
            sock.setProperty("ita_handled", True)
            line = bytes(received).split(b"\n", 1)[0].decode("utf-8", "replace").strip()
            sock.disconnectFromServer()
            sock.deleteLater()
            self._take_over(line)
        sock.readyRead.connect(read)
        sock.disconnected.connect(read)
        read()

    def _take_over(self, path: str) -> None:
        window = self.window
        if window is None:
            return
        bring_to_front(window)
        modal = QApplication.activeModalWidget()
        if modal is not None:  # e.g. the print screen: its file must not change under it
            bring_to_front(modal)
            if path:
                QMessageBox.information(
                    modal, modal.tr("เปิดไฟล์"),
                    modal.tr("ปิดหน้าต่าง «") + modal.windowTitle() + modal.tr("» ก่อน แล้วเปิดไฟล์ «")
                    + Path(path).name + modal.tr("» อีกครั้ง"))
            return
        if path:
            window.open_file(Path(path))


def bring_to_front(window: QWidget) -> None:
    """Un-minimise (kept maximised if it was), raise and activate the window."""
    state = window.windowState()
    if state & Qt.WindowState.WindowMinimized:
        window.setWindowState((state & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive)
    window.show()
    window.raise_()
    window.activateWindow()


def application(argv: list[str]) -> QApplication:
    """The QApplication with the app's names, font and Thai standard buttons (once)."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication([sys.argv[0], *[a for a in argv if a.startswith("-")]])
    if app.property("ita_desktop_ready"):
        return app
    app.setApplicationName("ITA Desktop")
    app.setOrganizationName("ITA Desktop")
    app.setFont(QFont(load_fonts(), 10))
    from PySide6.QtGui import QIcon

    app.setWindowIcon(QIcon(str(resource_path("icons", "ita-desktop.ico"))))  # tools/make_icon.py
    from ita_desktop.ui import thai_buttons, wheel_guard

    thai_buttons.install(app)
    wheel_guard.install(app)
    app.setProperty("ita_desktop_ready", True)
    return app


def start(argv: list[str]) -> MainWindow | None:
    """Everything a clerk's start does, up to the shown window with its file: the one path of
    `python dev.py app`, `ita-desktop`, `ita-desktop-window` and the frozen exe, and the one
    the GUI tests and the self-test take. None when a running app was asked to take over."""
    application(argv)
    files = [a for a in argv if not a.startswith("-")]
    handed_over, lock = claim_instance(files)
    if handed_over:
        return None
    install_excepthook()
    server = InstanceServer(lock)
    server.serve()  # if it cannot listen, the window opens all the same
    from ita_desktop.ui.main_window import MainWindow

    window = MainWindow(settings())
    server.attach(window)

    window.show()
    first = first_file(window, files)
    if first is not None:
        window.open_file(first)
    loader = DictionaryLoader(window)
    loader.loaded.connect(window.refresh_display)
    QTimer.singleShot(0, loader.start)  # after the first paint: it competes for the GIL
    if os.environ.get("ITA_DESKTOP_FORCE_ERROR"):  # the error dialog on a real PC (packaging/README.md)
        QTimer.singleShot(1000, forced_error)
    return window


def forced_error() -> None:
    raise RuntimeError("ITA_DESKTOP_FORCE_ERROR is set: an error raised on purpose, to see the "
                       "error dialog and the crash report (not a bug)")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    window = start(argv)
    if window is None:
        return 0
    app = QApplication.instance()
    assert app is not None
    launched = os.environ.get("ITA_DESKTOP_QUIT_WHEN_SHOWN")  # start-up figures (packaging/smoke_test.py)
    if launched:
        def report() -> None:
            from ita_desktop.ui import visible_texts

            blank = visible_texts.problems(window)
            with contextlib.suppress(ValueError, OSError):  # no console in a windowed build
                print(f"window shown {time.time() - float(launched):.2f} s after launch", flush=True)
                print(f"blank or non-Thai texts: {len(blank)}", *blank, sep="\n", flush=True)
            app.quit()
        QTimer.singleShot(0, report)
    return app.exec()


class DictionaryLoader(QObject):
    """Loads the word-break dictionary (~0.5 s) on a thread.

    Signals:
        loaded(): the dictionary is ready (delivered on the GUI thread).
    """

    loaded = Signal()

    def start(self) -> None:
        def run() -> None:
            words.ensure_loaded()
            self.loaded.emit()
        threading.Thread(target=run, name="thai-dictionary", daemon=True).start()


def first_file(window: MainWindow, files: list[str]) -> Path | None:
    """The file named on the command line, else the last file, else (first start) the demo:
    in Documents, else in the app's data folder. If neither can be written (a locked-down
    PC, a OneDrive Documents that refuses), the clerk is told why in Thai and the window opens
    without a file; the next start tries again."""
    from ita_desktop.store.errors import StoreError

    if files:
        return Path(files[0])
    s = window.settings
    last = s.value("last_file", "")
    if last and Path(str(last)).exists():
        return Path(str(last))
    if s.value("demo_created", False) in (True, "true"):
        return None
    documents = documents_dir()
    try:
        path: Path | None = create_demo_file(documents)
    except (OSError, StoreError) as exc:
        path = None
        loc = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
        if loc:  # never Path(""): that would be the current folder
            with contextlib.suppress(OSError, StoreError):
                path = create_demo_file(Path(loc))
        if path is None:
            tell_no_demo(window, documents, exc)
            return None
    s.setValue("demo_created", True)
    return path


def tell_no_demo(window: QWidget, folder: Path, exc: BaseException) -> None:
    from ita_desktop.store.errors import thai_message

    message = thai_message(exc, f"สร้างไฟล์ตัวอย่างในโฟลเดอร์ «{folder}»")
    body = (message.text + "\n\nโปรแกรมเปิดโดยยังไม่มีไฟล์ข้อมูล เปิดไฟล์ที่มีอยู่ได้ที่เมนู แฟ้ม › เปิด… "
            "หรือเริ่มไฟล์ใหม่ได้ที่ แฟ้ม › สร้างไฟล์ใหม่… แล้วเลือกโฟลเดอร์ที่บันทึกได้")
    if message.detail:
        body += "\n\nรายละเอียดสำหรับผู้ดูแลโปรแกรม: " + message.detail
    QMessageBox.warning(window, "เริ่มใช้งานครั้งแรก", body)
