"""One render worker process for the window, with coalescing of preview requests.

The print screen hands it the open document's snapshot (ita_desktop/snapshot.py): the worker
renders what the window holds, without the writer being waited for or the file read again.
"""
from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import BrokenExecutor, Future, ProcessPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from ita_desktop import render_process as worker
from ita_desktop.store.errors import thai_message

# a path (the CLI's way: the worker reads the file) or what makes the document's snapshot,
# called when the render starts (only the newest of requests close together is made)
Source = str | Callable[[], bytes]
# what can go wrong with the worker's process itself (its own failures come back as a dict)
_PROCESS_ERRORS = (BrokenExecutor, OSError, MemoryError, EOFError)


class RenderWorker(QObject):
    """Renders documents in a single spawned process running the CLI's code.

    request() waits `delay_ms` for more requests and keeps only the newest; while a render
    runs, newer requests replace each other and the newest runs next. Results come back on
    the GUI thread.

    Signals:
        started(): a render began (show progress).
        finished(dict): {"pdf": bytes, "pages", "orientation", "warnings", ...} of the newest request.
        failed(str, str): the Thai reason a render did not succeed, and its technical detail
            (Python's or SQLite's own words, for support; may be empty).
    """

    started = Signal()
    finished = Signal(dict)
    failed = Signal(str, str)
    _done = Signal(object)  # a Future, from the pool's thread to the GUI thread

    def __init__(self, parent: QObject | None = None, delay_ms: int = 300) -> None:
        super().__init__(parent)
        self._pool: ProcessPoolExecutor | None = None
        self._pending: tuple[Source, dict[str, Any]] | None = None
        self._running = False
        self.renders = 0  # how many renders were started (tests count coalescing with it)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._delay_ms = delay_ms
        self._timer.timeout.connect(self._dispatch)
        self._done.connect(self._collect)

    def pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
            self._pool.submit(worker.warm_up)  # load the dictionary while the clerk chooses
        return self._pool

    def request(self, source: Source, options: dict[str, Any], now: bool = False, soon: bool = False) -> None:
        """Ask for a render of `source` (see Source); only the newest of requests made close
        together is rendered. `soon`: a choice made (a list, a box ticked), not typing: render
        once the changes made in the same moment are in, without waiting for more."""
        self._pending = (source, dict(options))
        if now:
            self._timer.stop()
            self._dispatch()
        else:
            self._timer.start(0 if soon else self._delay_ms)

    @property
    def busy(self) -> bool:
        return self._running or self._pending is not None

    def _dispatch(self) -> None:
        if self._running or self._pending is None:
            return
        source, options = self._pending
        self._pending = None
        self._running = True
        self.renders += 1
        self.started.emit()
        try:
            if isinstance(source, str):
                future = self.pool().submit(worker.render_bytes, source, options)
            else:
                future = self.pool().submit(worker.render_snapshot, source(), options)
        except _PROCESS_ERRORS as exc:  # no process could be started (memory, a pool broken meanwhile)
            self._drop_pool()
            future = Future()
            future.set_exception(exc)
        future.add_done_callback(self._done.emit)

    def _collect(self, future: Future[dict[str, Any]]) -> None:
        self._running = False
        if future.cancelled():  # dropped with the pool (the screen closed): nothing to show
            return
        try:
            result = future.result()
        except _PROCESS_ERRORS as exc:  # the process died, or its answer could not be read
            self._drop_pool()  # the next render starts a fresh process
            message = thai_message(exc, "จัดหน้าเอกสาร")
            result = {"error": message.text, "detail": message.detail}
        if self._pending is not None:
            self._dispatch()  # a newer request came in meanwhile: this result is already old
            return
        if "error" in result:
            self.failed.emit(str(result["error"]), str(result.get("detail", "")))
        else:
            self.finished.emit(result)

    def _drop_pool(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def shutdown(self) -> None:
        self._timer.stop()
        self._pending = None
        self._drop_pool()
