"""The net under every command and the window: an unexpected error is written to a crash
report file (with the traceback, for whoever maintains the program) and the clerk is told in
Thai where it is. No Qt here: the CLI uses it too."""
from __future__ import annotations

import datetime as dt
import traceback
from pathlib import Path
from types import TracebackType

from ita_desktop import __version__
from ita_desktop.paths import config_dir


def report_text(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> str:
    return f"ITA Desktop {__version__}\n" + "".join(traceback.format_exception(exc_type, exc, tb))


def write_report(text: str) -> Path | None:
    """The report in the settings folder's crash-reports/; None if even that cannot be written."""
    folder = config_dir() / "crash-reports"
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"crash-{stamp}.txt"
        path.write_text(text, encoding="utf-8")
    except OSError:
        return None
    return path


def thai_message(path: Path | None) -> str:
    where = f"\nรายละเอียดสำหรับผู้ดูแลโปรแกรมบันทึกไว้ที่ {path}" if path else ""
    return ("โปรแกรมพบข้อผิดพลาดที่ไม่คาดคิด งานนี้ไม่สำเร็จ แต่ไฟล์ข้อมูลไม่ถูกแก้ไข"
            " และข้อมูลที่บันทึกแล้วยังอยู่ครบ" + where)
