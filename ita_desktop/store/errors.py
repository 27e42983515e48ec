"""Typed errors of the store, and the one place any exception becomes what the clerk reads.

The store's own errors say in Thai what happened (their str is Thai). Everything else that can
reach a window — Python's OSError ("[Errno 28] No space left on device"), SQLite's "disk I/O
error", a KeyError of a bug — goes through `thai_message` at the boundary where it is shown:
a Thai sentence first, Python's English kept only as the technical detail."""
from __future__ import annotations

import errno
import re
import sqlite3
from dataclasses import dataclass


class StoreError(Exception):
    """Base class; str(exc) is a Thai sentence for the clerk."""


class NotOurFileError(StoreError):
    """The file is not an ITA Desktop file (or not SQLite at all)."""


class NewerFileError(StoreError):
    """Written by a newer major version of the app."""


class BrokenFileError(StoreError):
    """Damaged: the integrity check failed or the schema is not ours."""


class FileLockedError(StoreError):
    """Another window or program holds the file."""


class ExchangeImportError(StoreError):
    """An exchange (JSON) file that cannot be imported; the message names the field."""


@dataclass(frozen=True)
class ThaiMessage:
    """What to show: `text` is Thai for the clerk; `detail` (may be English) is technical,
    shown only as secondary text for whoever supports the office."""

    text: str
    detail: str = ""

    def __str__(self) -> str:
        return self.text


DISK_FULL = "พื้นที่ในดิสก์หรือแฟลชไดรฟ์เต็ม ลบไฟล์ที่ไม่ใช้แล้วหรือบันทึกไว้ที่อื่น แล้วลองอีกครั้ง"
DEVICE_GONE = ("อ่านหรือเขียนดิสก์ไม่ได้ แฟลชไดรฟ์อาจถูกถอดออกหรือชำรุด "
               "เสียบแฟลชไดรฟ์ให้แน่นแล้วลองอีกครั้ง หรือใช้ไฟล์ที่เก็บไว้ในเครื่อง")
IN_USE = "ไฟล์เปิดอยู่ในโปรแกรมอื่น ปิดโปรแกรมนั้นแล้วลองอีกครั้ง"
NO_RIGHTS = ("ไม่มีสิทธิ์เขียนหรืออ่านไฟล์นี้ หรือไฟล์เปิดอยู่ในโปรแกรมอื่น "
             "ปิดโปรแกรมนั้นหรือเลือกโฟลเดอร์อื่น แล้วลองอีกครั้ง")
READ_ONLY = "ดิสก์หรือแฟลชไดรฟ์นี้ถูกป้องกันการเขียน บันทึกไว้ที่อื่นแทน"
NOT_FOUND = "ไม่พบไฟล์หรือโฟลเดอร์ อาจถูกย้าย ลบ หรือแฟลชไดรฟ์ถูกถอดออก"
DAMAGED = "ไฟล์เสียหายหรือไม่ใช่ไฟล์ข้อมูลของโปรแกรม"
NO_MEMORY = "หน่วยความจำของเครื่องไม่พอ ปิดโปรแกรมอื่นที่ไม่ใช้แล้วลองอีกครั้ง"
WORKER_DIED = "ตัวจัดหน้าเอกสารหยุดทำงานกะทันหัน โปรแกรมจะเริ่มตัวจัดหน้าใหม่เมื่อลองอีกครั้ง"
BAD_LETTERS = "ไฟล์มีตัวอักษรที่โปรแกรมอ่านไม่ได้ ไฟล์อาจเสียหายหรือไม่ได้บันทึกจากโปรแกรมนี้"
TIMEOUT = "รอนานเกินไปจนหมดเวลา ลองอีกครั้ง"
UNEXPECTED = "เกิดข้อผิดพลาดที่ไม่คาดคิด ลองอีกครั้ง ถ้ายังเป็นอยู่ให้แจ้งผู้ดูแลโปรแกรมพร้อมรายละเอียดด้านล่าง"

# Windows error codes (OSError.winerror) that have their own errno-less meaning
_WINERROR = {
    32: IN_USE, 33: IN_USE,  # sharing / lock violation
    112: DISK_FULL, 39: DISK_FULL,  # ERROR_DISK_FULL, ERROR_HANDLE_DISK_FULL
    19: READ_ONLY,  # ERROR_WRITE_PROTECT
    21: DEVICE_GONE, 1167: DEVICE_GONE, 433: DEVICE_GONE, 1117: DEVICE_GONE, 483: DEVICE_GONE,
    2: NOT_FOUND, 3: NOT_FOUND, 53: NOT_FOUND, 67: NOT_FOUND,
    5: NO_RIGHTS,
}
_ERRNO = {
    errno.ENOSPC: DISK_FULL, errno.EDQUOT: DISK_FULL, errno.EIO: DEVICE_GONE, errno.ENXIO: DEVICE_GONE,
    errno.ENODEV: DEVICE_GONE, errno.EROFS: READ_ONLY, errno.EACCES: NO_RIGHTS, errno.EPERM: NO_RIGHTS,
    errno.ENOENT: NOT_FOUND, errno.EBUSY: IN_USE, errno.ETXTBSY: IN_USE,
    errno.ENAMETOOLONG: "ชื่อไฟล์หรือที่อยู่ของไฟล์ยาวเกินไป ย้ายไฟล์ไปไว้ในโฟลเดอร์ที่ชื่อสั้นกว่านี้",
    errno.EEXIST: "มีไฟล์ชื่อนี้อยู่แล้ว",
    errno.EISDIR: "ที่เลือกเป็นโฟลเดอร์ ไม่ใช่ไฟล์",
    errno.ENOTDIR: NOT_FOUND,
    errno.EMFILE: "เปิดไฟล์พร้อมกันมากเกินไป ปิดโปรแกรมอื่นแล้วลองอีกครั้ง",
}
# SQLite's messages (sqlite3.Error has no code before Python 3.11 on every build)
_SQLITE = (
    ("full", DISK_FULL),
    ("disk i/o", DEVICE_GONE),
    ("locked", IN_USE), ("busy", IN_USE),
    ("readonly", READ_ONLY), ("read-only", READ_ONLY),
    ("unable to open", "เปิดไฟล์ไม่ได้ ไฟล์อาจถูกย้ายหรือลบ หรือไม่มีสิทธิ์เปิดโฟลเดอร์นั้น"),
    ("not a database", DAMAGED), ("malformed", DAMAGED), ("corrupt", DAMAGED),
    ("interrupted", TIMEOUT),
)
_THAI = re.compile("[\u0e01-\u0e5b]")
# an English tail of a Thai message: " (database disk image is malformed)" or ": cannot identify…"
_ENGLISH_TAIL = re.compile(r"\s*(?:\(([^()\u0e01-\u0e5b]*[A-Za-z]{2,}[^()\u0e01-\u0e5b]*)\)|:\s+"
                           r"([^\u0e01-\u0e5b]*[A-Za-z]{2,} [A-Za-z]{2,}[^\u0e01-\u0e5b]*))\s*$")


def _technical(exc: BaseException) -> str:
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _reason(exc: BaseException) -> str | None:
    """The Thai reason of a failure we know, or None."""
    from concurrent.futures import BrokenExecutor

    if isinstance(exc, OSError):
        winerror = getattr(exc, "winerror", None)
        if winerror in _WINERROR:
            return _WINERROR[winerror]
        if isinstance(exc, TimeoutError):
            return TIMEOUT
        return _ERRNO.get(exc.errno) if exc.errno is not None else None
    if isinstance(exc, sqlite3.Error):
        lowered = str(exc).lower()
        return next((thai for key, thai in _SQLITE if key in lowered), None)
    if isinstance(exc, MemoryError):
        return NO_MEMORY
    if isinstance(exc, BrokenExecutor):
        return WORKER_DIED
    if isinstance(exc, UnicodeError):
        return BAD_LETTERS
    return None


def _ours(exc: BaseException) -> bool:
    """An exception class of this app (its message is written in Thai), not Python's or a
    library's (whose message may merely quote a Thai file name)."""
    return type(exc).__module__.split(".")[0] == "ita_desktop"


def split_english(text: str) -> tuple[str, str]:
    """A Thai message and the English a lower layer appended to it (in parentheses, or after
    a colon): ("ไฟล์ «a.ita» เสียหาย", "database disk image is malformed")."""
    found = _ENGLISH_TAIL.search(text)
    if found is None or not _THAI.search(text[:found.start()]):
        return text, ""
    return text[:found.start()].rstrip(" :"), (found.group(1) or found.group(2) or "").strip()


def thai_message(exc: BaseException, doing: str = "") -> ThaiMessage:
    """What to show the clerk for `exc`, optionally after what was being done
    ("บันทึกไฟล์ «x.pdf»" gives "บันทึกไฟล์ «x.pdf» ไม่ได้: พื้นที่ในดิสก์…เต็ม …")."""
    text = str(exc)
    known = _reason(exc)
    if known is None and _THAI.search(text) and _ours(exc):
        reason, detail = split_english(text)  # StoreError, ReportError, OptionsError…: already Thai
    else:
        reason, detail = (known or UNEXPECTED), _technical(exc)
    if doing:
        joint = "" if _THAI.match(doing[-1]) else " "  # Thai runs on; after «name» a space
        reason = f"{doing}{joint}ไม่ได้: {reason}"
    return ThaiMessage(reason, detail)


class ForeignSchemaError(BrokenFileError):
    """The file's structure is not what this version (or an older one it upgrades) made: a
    trigger, a view, a table, column or index it does not know. Refused before anything is
    written to the file."""


class FolderGoneError(StoreError):
    """The folder a copy is written to is not there: the stick was pulled (or the folder was
    moved); nothing was written, and the open file is untouched."""

    def __init__(self, folder: object) -> None:
        super().__init__(f"ไม่พบแฟลชไดรฟ์หรือโฟลเดอร์ «{folder}» แฟลชไดรฟ์อาจถูกถอดออก")
        self.folder = folder


class CannotWriteHereError(StoreError):
    """The file is ours and readable, but its place cannot be written (a write-protected stick,
    a CD, a folder without rights): the app offers to work on a local copy instead."""
