"""Long work off the GUI thread: the one helper for every operation longer than a moment
(merge, save a copy, export, the completeness check, import, Ctrl+S).

    background.run(parent, "กำลังตรวจ…", work, on_done, on_error)   # returns at once
    findings = background.call(parent, "กำลังตรวจ…", work)          # returns the answer

`work` is a callable (run on a worker thread of this module) or a Future another thread will
settle (Document.submit: the store's calls run on its writer thread, which owns the SQLite
connection). While it runs the window takes no clicks or keys (what the clerk did next could
act on data the operation is changing) but keeps painting and running its timers; after
SHOW_AFTER_MS a progress dialog with a Thai label appears (never for a quick operation). It
has no Cancel: none of these operations can stop half-way safely. There is no timeout: the
answer, or the error, always comes, on the GUI thread.

The errors of the environment (EXPECTED: a full disk, a pulled stick, a locked or damaged file,
a refused exchange file) go to `on_error`, or are raised by `call`, for the caller to say in
Thai (MainWindow's say_failure). Anything else is a bug: it reaches sys.excepthook (the crash
dialog with its report, app.py), never a "could not save" message.

Python's garbage collector runs in whichever thread happens to allocate: run by a worker, it
could destroy a dialog's Qt object off the GUI thread (a crash). While an operation runs the
automatic collection is off; it is back, in the GUI thread, when the last one ends.

Modelled on Anki's QueryOp (qt/aqt/operations): the idea, not its code.
"""
from __future__ import annotations

import gc
import sqlite3
import sys
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Generic, TypeVar, cast

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QWindow
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from ita_desktop.report.options import ReportError
from ita_desktop.store.errors import StoreError, thai_message

T = TypeVar("T")

# the failures of the environment, said kindly; everything else is a bug with a crash report
EXPECTED: tuple[type[BaseException], ...] = (OSError, sqlite3.Error, StoreError, ReportError, MemoryError)
SHOW_AFTER_MS = 300

_INPUT = frozenset({
    QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick,
    QEvent.Type.NonClientAreaMouseButtonPress, QEvent.Type.NonClientAreaMouseButtonDblClick,
    QEvent.Type.Wheel, QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride,
    QEvent.Type.ContextMenu, QEvent.Type.TouchBegin, QEvent.Type.TabletPress, QEvent.Type.DragEnter,
    QEvent.Type.DragMove, QEvent.Type.Drop, QEvent.Type.Close,
})
_pool: ThreadPoolExecutor | None = None
_running: list[Operation[object]] = []


def _threads() -> ThreadPoolExecutor:
    global _pool
    if _pool is None:
        _pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="ita-background")
    return _pool


class _Progress(QProgressDialog):
    """A busy indicator that neither Escape nor the window's close button takes away: the
    operation ends when its work does."""

    def reject(self) -> None:
        pass

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()


class _InputBlock(QObject):
    """Installed on the application while an operation runs: clicks, keys, drops and closing
    reach only the progress dialogs."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() not in _INPUT or self._allowed(watched):
            return False
        if event.type() == QEvent.Type.ShortcutOverride:
            event.accept()  # taken by the filter: no menu shortcut fires either
        elif event.type() == QEvent.Type.Close:
            event.ignore()  # the window stays open until the operation ends
        return True

    @staticmethod
    def _allowed(watched: QObject) -> bool:
        dialogs = [op._dialog for op in _running if op._dialog is not None]
        if isinstance(watched, QWidget):
            return watched.window() in dialogs
        if isinstance(watched, QWindow):
            return any(watched is d.windowHandle() for d in dialogs)
        return False


_block: _InputBlock | None = None
_collecting = True  # the automatic garbage collection was on before the operations began


def _quiet(on: bool) -> None:
    """While operations run: the window's input to the progress dialogs only, and no automatic
    garbage collection (see the module's doc)."""
    global _block, _collecting
    if on:
        _collecting = gc.isenabled()
        gc.disable()
    elif _collecting:
        gc.enable()
    app = QCoreApplication.instance()
    if app is None:
        return
    if _block is None:
        _block = _InputBlock()
    if on:
        app.installEventFilter(_block)
    else:
        app.removeEventFilter(_block)


class _Bridge(QObject):
    """Carries 'the work ended' from whatever thread ended it to the GUI thread.

    Signals:
        arrived(): the Future is settled.
    """

    arrived = Signal()


class Operation(Generic[T]):
    """One piece of work running off the GUI thread (made by `run`).

    `finished` turns True, and `on_done` or `on_error` is called, on the GUI thread;
    `progress_shown` says whether the progress dialog appeared (the work took longer than
    SHOW_AFTER_MS)."""

    def __init__(self, parent: QWidget | None, label: str, work: Callable[[], T] | Future[T],
                 on_done: Callable[[T], object] | None = None,
                 on_error: Callable[[BaseException], object] | None = None, waited: bool = False) -> None:
        self.label = label
        self.finished = False
        self.progress_shown = False
        self._parent, self._on_done, self._on_error, self._waited = parent, on_done, on_error, waited
        self._result: T | None = None
        self._error: BaseException | None = None
        self._loop: QEventLoop | None = None
        self._dialog: _Progress | None = None
        self._future: Future[T] = work if isinstance(work, Future) else _threads().submit(work)
        self._bridge = _Bridge()
        self._bridge.arrived.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._timer = QTimer()
        self._timer.setSingleShot(True)
        self._timer.setInterval(SHOW_AFTER_MS)
        self._timer.timeout.connect(self._show_progress)
        if not _running:
            _quiet(True)
        _running.append(cast("Operation[object]", self))
        self._timer.start()
        # on the thread that settles the Future (at once if it already is): only a signal
        self._future.add_done_callback(lambda _f: self._bridge.arrived.emit())

    def _show_progress(self) -> None:
        if self.finished:
            return
        parent = self._parent.window() if self._parent is not None else None
        dialog = _Progress(self.label, "", 0, 0, parent)
        dialog.setCancelButton(None)  # no Cancel: see the module's doc
        dialog.setWindowTitle("กรุณารอสักครู่")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumWidth(360)
        self._dialog = dialog
        self.progress_shown = True
        dialog.show()

    def _deliver(self) -> None:
        if self.finished:
            return
        self.finished = True
        self._timer.stop()
        if self._dialog is not None:
            self._dialog.hide()
            self._dialog.deleteLater()
            self._dialog = None
        _running.remove(cast("Operation[object]", self))
        if not _running:
            _quiet(False)
        try:
            self._settle()
        finally:
            if self._loop is not None:
                self._loop.quit()

    def _settle(self) -> None:
        try:
            result = self._future.result()
        except EXPECTED as exc:
            self._error = exc
            if self._on_error is not None:
                self._on_error(exc)
            elif not self._waited:
                message = thai_message(exc)
                QMessageBox.warning(self._parent, "ทำงานไม่สำเร็จ", message.text + (
                    "\n\nรายละเอียดสำหรับผู้ดูแลโปรแกรม: " + message.detail if message.detail else ""))
            return
        except BaseException as exc:  # a bug: the crash dialog with its report
            self._error = exc
            if not self._waited:
                sys.excepthook(type(exc), exc, exc.__traceback__)
            return
        self._result = result
        if self._on_done is not None:
            self._on_done(result)

    def wait(self) -> T:
        """Keep the window painting until the work ends; its result, or its error raised."""
        if not self.finished:
            self._loop = QEventLoop()
            self._loop.exec()
            self._loop = None
        if self._error is not None:
            raise self._error
        return cast(T, self._result)


def run(parent: QWidget | None, label: str, work: Callable[[], T] | Future[T],
        on_done: Callable[[T], object] | None = None,
        on_error: Callable[[BaseException], object] | None = None) -> Operation[T]:
    """Start `work` and return at once; `on_done(result)` or `on_error(expected error)` follow
    on the GUI thread (without `on_error`, the error is shown in Thai in a message box).
    `label` is the Thai text of the progress dialog ("กำลังรวมข้อมูล…")."""
    return Operation(parent, label, work, on_done, on_error)


def call(parent: QWidget | None, label: str, work: Callable[[], T] | Future[T]) -> T:
    """`work`'s result, the window painting meanwhile (a local event loop, as a modal dialog
    runs one); raises its error: an EXPECTED one for the caller to say in Thai, a bug for the
    crash dialog. For the steps whose caller needs the answer to go on (closing, save back)."""
    return Operation(parent, label, work, waited=True).wait()


def busy() -> bool:
    """An operation is running (closing the window waits for it)."""
    return bool(_running)
