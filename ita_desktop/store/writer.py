"""One background thread that owns the Store: edits are committed off the GUI thread.

submit() queues a call and returns a Future; flush() waits until everything queued is on
disk. No Qt here: the UI turns the error callback into a message.
"""
from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

from ita_desktop.store.db import Store

T = TypeVar("T")


class Writer:
    """Runs calls on the store in one thread, in the order submitted."""

    def __init__(self, store: Store, on_error: Callable[[BaseException], None] | None = None) -> None:
        self.store = store
        self.on_error = on_error
        self._queue: queue.Queue[tuple[Callable[..., Any], tuple[Any, ...], Future[Any]] | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="ita-writer", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                self.store.close()
                return
            fn, args, future = item
            try:
                future.set_result(fn(self.store, *args))
            except BaseException as exc:  # reported, never lost silently
                future.set_exception(exc)
                if self.on_error:
                    self.on_error(exc)

    def submit(self, fn: Callable[..., T], *args: Any) -> Future[T]:
        future: Future[T] = Future()
        self._queue.put((fn, args, future))
        return future

    def call(self, fn: Callable[..., T], *args: Any, timeout: float = 30) -> T:
        """Run on the writer thread and wait for the answer."""
        return self.submit(fn, *args).result(timeout)

    def flush(self, timeout: float = 30) -> None:
        self.call(lambda store: None, timeout=timeout)

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join(10)
