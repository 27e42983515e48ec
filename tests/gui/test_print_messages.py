"""The print screen's status line speaks Thai whatever goes wrong: in the render worker's
process, with the process itself, saving the PDF or printing. Python's English is shown only
as the secondary, technical line."""
from __future__ import annotations

import errno
import os
import re
import sqlite3
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtPrintSupport import QPrinter

from ita_desktop.safe_files import temporary_path
from ita_desktop.ui import render_worker
from ita_desktop.ui.main_window import MainWindow
from tests.conftest import FIXTURES

THAI = re.compile("[\u0e01-\u0e5b]")
ENGLISH = re.compile("[A-Za-z]{3,}")


class InlinePool:
    """The worker process, run in this process: `outcome` is what the call gives."""

    def __init__(self, outcome: BaseException | Callable[..., Any]) -> None:
        self.outcome = outcome

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future:
        future: Future = Future()
        if isinstance(self.outcome, BaseException):
            future.set_exception(self.outcome)
        else:
            future.set_result(self.outcome(fn, *args))
        return future

    def shutdown(self, wait: bool = True, cancel_futures: bool = False) -> None:
        pass


@pytest.fixture
def screen(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    holder: dict[str, Any] = {"outcome": lambda fn, *args: {"error": "ยังไม่ได้ตั้ง"}}
    monkeypatch.setattr(render_worker.RenderWorker, "pool", lambda self: InlinePool(holder["outcome"]))
    w = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.show()
    assert w.import_json_to(FIXTURES / "seed002.json", tmp_path / "ข้อมูล.ita")
    dialog = w.print_report()
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.outcome = holder  # type: ignore[attr-defined]
    yield dialog
    dialog.close()
    w.close_document()


def shown_after(qtbot, screen, outcome) -> tuple[str, str]:
    screen.outcome["outcome"] = outcome
    with qtbot.waitSignal(screen.failed, timeout=5000) as signal:
        screen.refresh(now=True)
    assert signal.args[0] == screen.status.text()
    return screen.status.text(), screen.status_detail.text()


def assert_thai(text: str) -> None:
    assert THAI.search(text), text
    assert not ENGLISH.search(text), f"English on the status line: {text}"


def in_process(failure: BaseException, where: str = "build_pdf"):
    """The worker's own code, run here, meeting `failure`."""
    def run(fn, source, options):
        import ita_desktop.report as report
        from ita_desktop import snapshot
        from ita_desktop.store.db import Store

        def fail(*_a, **_k):
            raise failure
        # reading what to render: the file (a path) or the window's snapshot
        targets = [(report, "build_pdf")] if where == "build_pdf" else [(Store, "open_readonly"),
                                                                         (snapshot, "loads")]
        reals = [(target, name, getattr(target, name)) for target, name in targets]
        for target, name in targets:
            setattr(target, name, fail)
        try:
            return fn(source, options)
        finally:
            for target, name, real in reals:
                setattr(target, name, real)
    return run


@pytest.mark.parametrize("outcome,says,detail", [
    (OSError(errno.ENOSPC, "No space left on device"), "เต็ม", "No space left on device"),
    (BrokenProcessPool("A process in the process pool was terminated abruptly"), "หยุดทำงาน", "terminated"),
    (in_process(sqlite3.OperationalError("disk I/O error"), "open"), "แฟลชไดรฟ์", "disk I/O error"),
    (in_process(OSError(errno.ENOSPC, "No space left on device")), "เต็ม", "No space left on device"),
    (in_process(KeyError("responsible")), "ไม่คาดคิด", "KeyError"),
])
def test_render_failures_reach_the_status_line_in_thai(qtbot, screen, outcome, says, detail) -> None:
    text, technical = shown_after(qtbot, screen, outcome)
    assert_thai(text)
    assert says in text
    assert detail in technical
    assert not screen.print_button.isEnabled() and not screen.save_button.isEnabled()
    # a good render afterwards clears the technical line
    screen.outcome["outcome"] = lambda fn, path, options: {"pdf": b"", "pages": 1, "orientation": "portrait",
                                                           "warnings": []}
    with qtbot.waitSignal(screen.preview_ready, timeout=5000):
        screen.refresh(now=True)
    assert screen.status_detail.text() == "" and not screen.status_detail.isVisibleTo(screen)


def test_a_full_disk_on_save_says_so(qtbot, screen, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    screen.outcome["outcome"] = lambda fn, path, options: {"pdf": b"%PDF-1.4\n", "pages": 1,
                                                           "orientation": "portrait", "warnings": []}
    with qtbot.waitSignal(screen.preview_ready, timeout=5000):
        screen.refresh(now=True)

    def full(fd):  # the disk runs out as the new PDF is flushed
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(os, "fsync", full)
    assert not screen.save_pdf(tmp_path / "รายงาน.pdf")
    assert "รายงาน.pdf" in screen.status.text() and "เต็ม" in screen.status.text()
    assert "No space left" in screen.status_detail.text()
    assert not (tmp_path / "รายงาน.pdf").exists() and not temporary_path(tmp_path / "รายงาน.pdf").exists()


def test_a_pdf_held_open_in_a_reader_is_said_after_a_short_wait(
        qtbot, screen, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A reader keeps its PDF locked for as long as it shows it: waiting 10 s as for a
    scanner's hold would only freeze the window."""
    from ita_desktop import safe_files

    screen.outcome["outcome"] = lambda fn, path, options: {"pdf": b"%PDF-1.4\n", "pages": 1,
                                                           "orientation": "portrait", "warnings": []}
    with qtbot.waitSignal(screen.preview_ready, timeout=5000):
        screen.refresh(now=True)
    waits: list[float] = []
    monkeypatch.setattr(safe_files, "sleep", waits.append)

    def held(src, dst):
        raise PermissionError(13, "The process cannot access the file", str(dst))
    monkeypatch.setattr(os, "replace", held)
    target = tmp_path / "รายงาน.pdf"
    target.write_bytes(b"old")
    assert not screen.save_pdf(target)
    assert sum(waits) < 1.0
    assert "โปรแกรมอื่น" in screen.status.text()
    assert target.read_bytes() == b"old"


def test_a_printer_that_fails_oddly_is_told_in_thai(qtbot, screen, monkeypatch: pytest.MonkeyPatch) -> None:
    from ita_desktop.ui.dialogs import print_report

    screen.outcome["outcome"] = lambda fn, path, options: {"pdf": b"%PDF-1.4\n", "pages": 1,
                                                           "orientation": "portrait", "warnings": []}
    with qtbot.waitSignal(screen.preview_ready, timeout=5000):
        screen.refresh(now=True)

    def broken(data, printer):
        raise RuntimeError("QPainter::begin: Returned false")
    monkeypatch.setattr(print_report, "print_pdf", broken)
    assert screen.print_to(QPrinter()) == 0
    assert_thai(screen.status.text())
    assert "พิมพ์" in screen.status.text()
    assert "QPainter" in screen.status_detail.text()

