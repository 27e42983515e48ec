"""What the clerk reads when something fails is a Thai sentence: known failures (a full disk, a
pulled stick, a file held by another program, a damaged file) say what happened and what to
do; anything else still says, in Thai, that it failed. Python's own English text is kept only
as the secondary detail for whoever supports the office."""
from __future__ import annotations

import errno
import re
import sqlite3
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest

from ita_desktop import render_process as worker
from ita_desktop.report import ReportError
from ita_desktop.report.options import OptionsError
from ita_desktop.store.errors import BrokenFileError, StoreError, ThaiMessage, thai_message
from ita_desktop.store.exchange import import_json
from tests.conftest import FIXTURES

THAI = re.compile("[\u0e01-\u0e5b]")
ENGLISH = re.compile("[A-Za-z]{3,}")


def assert_thai(text: str) -> None:
    assert THAI.search(text), text
    assert not ENGLISH.search(text), f"English in what the clerk reads: {text}"


@pytest.mark.parametrize("exc,says", [
    (OSError(errno.ENOSPC, "No space left on device"), "เต็ม"),
    (sqlite3.OperationalError("database or disk is full"), "เต็ม"),
    (sqlite3.OperationalError("disk I/O error"), "แฟลชไดรฟ์"),
    (OSError(errno.EIO, "Input/output error"), "แฟลชไดรฟ์"),
    (sqlite3.OperationalError("database is locked"), "โปรแกรมอื่น"),
    (PermissionError(errno.EACCES, "Permission denied"), "สิทธิ์"),
    (OSError(errno.EROFS, "Read-only file system"), "ป้องกันการเขียน"),
    (FileNotFoundError(errno.ENOENT, "No such file or directory"), "ไม่พบ"),
    (sqlite3.DatabaseError("file is not a database"), "เสียหาย"),
    (sqlite3.DatabaseError("database disk image is malformed"), "เสียหาย"),
    (MemoryError(), "หน่วยความจำ"),
    (BrokenProcessPool("A process in the process pool was terminated abruptly"), "หยุดทำงาน"),
    (UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"), "ตัวอักษร"),
])
def test_known_failures_are_told_in_thai(exc: BaseException, says: str) -> None:
    message = thai_message(exc)
    assert isinstance(message, ThaiMessage)
    assert_thai(message.text)
    assert says in message.text
    assert type(exc).__name__ in message.detail  # the technical part, for support


@pytest.mark.parametrize("exc", [KeyError("responsible"), ValueError("invalid literal for int()"),
                                 RuntimeError("wrapped C/C++ object has been deleted"), Exception()])
def test_anything_else_is_still_a_thai_sentence(exc: BaseException) -> None:
    message = thai_message(exc)
    assert_thai(message.text)
    assert "ไม่คาดคิด" in message.text
    assert type(exc).__name__ in message.detail
    assert str(message) == message.text


def test_what_was_being_done_comes_first() -> None:
    message = thai_message(OSError(errno.ENOSPC, "No space left on device"), "บันทึกไฟล์ «รายงาน.pdf»")
    assert message.text.startswith("บันทึกไฟล์ «รายงาน.pdf» ไม่ได้: ")
    assert "เต็ม" in message.text
    assert thai_message(MemoryError(), "จัดหน้าเอกสาร").text.startswith("จัดหน้าเอกสารไม่ได้: ")


def test_a_windows_sharing_violation_names_the_other_program() -> None:
    exc = PermissionError(errno.EACCES, "The process cannot access the file because it is being used "
                                        "by another process")
    exc.winerror = 32  # type: ignore[attr-defined]  # ERROR_SHARING_VIOLATION, as on Windows
    message = thai_message(exc)
    assert_thai(message.text)
    assert "โปรแกรมอื่น" in message.text


def test_our_thai_errors_keep_their_words_and_lose_their_english() -> None:
    plain = thai_message(StoreError("มีไฟล์ชื่อนี้อยู่แล้ว"))
    assert plain.text == "มีไฟล์ชื่อนี้อยู่แล้ว" and plain.detail == ""
    damaged = thai_message(BrokenFileError("ไฟล์ «ข้อมูล.ita» เสียหาย (database disk image is malformed)"))
    assert damaged.text == "ไฟล์ «ข้อมูล.ita» เสียหาย"
    assert "database disk image is malformed" in damaged.detail
    image = thai_message(ReportError("อ่านภาพในภาคผนวกไม่ได้: cannot identify image file 'scan.png'"))
    assert image.text == "อ่านภาพในภาคผนวกไม่ได้"
    assert "cannot identify image file" in image.detail
    option = thai_message(OptionsError("คอลัมน์ «ผู้รับผิดชอบ» กว้างเกินหน้ากระดาษ"))
    assert option.text == "คอลัมน์ «ผู้รับผิดชอบ» กว้างเกินหน้ากระดาษ"


@pytest.fixture
def office_file(tmp_path: Path) -> Path:
    path = tmp_path / "ข้อมูล.ita"
    import_json(FIXTURES / "seed002.json", path).close()
    return path


def _options() -> dict:
    return {"fiscal_year": 2568}


@pytest.mark.parametrize("failure,says", [
    (sqlite3.OperationalError("disk I/O error"), "แฟลชไดรฟ์"),
    (OSError(errno.ENOSPC, "No space left on device"), "เต็ม"),
    (KeyError("responsible"), "ไม่คาดคิด"),
])
def test_the_render_worker_answers_in_thai(office_file: Path, monkeypatch: pytest.MonkeyPatch,
                                           failure: BaseException, says: str) -> None:
    import ita_desktop.report as report

    def fail(*_a, **_k):
        raise failure
    monkeypatch.setattr(report, "build_pdf", fail)
    result = worker.render_bytes(str(office_file), _options())
    assert "pdf" not in result
    assert_thai(result["error"])
    assert says in result["error"]
    assert type(failure).__name__ in result["detail"]


def test_the_render_worker_reads_a_file_it_cannot_open_in_thai(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from ita_desktop.store.db import Store

    def broken(*_a, **_k):
        raise sqlite3.OperationalError("disk I/O error")
    monkeypatch.setattr(Store, "open_readonly", broken)  # the preview only reads
    result = worker.render_bytes(str(tmp_path / "ข้อมูล.ita"), _options())
    assert_thai(result["error"])
    assert "disk I/O error" in result["detail"]
    monkeypatch.undo()
    missing = worker.render_bytes(str(tmp_path / "ไม่มี.ita"), _options())
    assert "ไม่พบไฟล์" in missing["error"]


def test_a_thai_report_error_passes_through(office_file: Path) -> None:
    result = worker.render_bytes(str(office_file), {"fiscal_year": 2400})
    assert "2400" in result["error"] or "๒๔๐๐" in result["error"]
    assert THAI.search(result["error"])
    assert result.get("detail", "") == ""
