"""Every dialog of the app opened the way a clerk opens it, measured on a screen of a given
size (a subprocess per screen: Qt's scale factor is fixed when the application starts).

    python -m tests.support.dialog_fit OUT.json

Run it with QT_QPA_PLATFORM=offscreen:configfile=SCREEN.json (the screen's size in device
pixels: a 1366×768 laptop less its taskbar) and QT_SCALE_FACTOR (1 or 1.25). It writes, per
dialog: the screen's available size, the dialog's size, sizeHint and minimumSizeHint (logical
pixels) and the problems a person would see — settings squeezed below their minimum width,
labels cut, a horizontal scroll bar, a title wider than the title bar leaves room for.
"""
from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

# The largest window frame Windows 10/11 draws around a dialog, in logical pixels: the
# title bar (31) and the borders. A dialog's client area must leave room for it.
FRAME_W, FRAME_H = 16, 40
# Room a title bar needs besides the title: the icon, and the three caption buttons.
TITLE_CHROME = 170

LONG_DIVISION = "กองส่งเสริมคุณภาพชีวิต สวัสดิการสังคม ผู้สูงอายุ และคนพิการ"
LONG_WARNINGS = [
    "มาตรการที่ ๓ «ส่งเสริมการเปิดเผยข้อมูลข่าวสารของหน่วยงานผ่านเว็บไซต์» คอลัมน์ «ผู้รับผิดชอบ»: "
    "คำว่า «ประชาสัมพันธ์» ถูกตัดกลางคำเพราะคอลัมน์แคบ",
] * 6


def _size(s: Any) -> list[int]:
    return [s.width(), s.height()]


def problems_of(dialog: Any) -> list[str]:
    """What a person sees cut off in the dialog as it is shown now."""
    from PySide6.QtGui import QFontMetrics
    from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QLabel, QScrollArea, QWidget

    from ita_desktop.ui import visible_texts

    out: list[str] = []

    def name(w: QWidget) -> str:
        text = w.text() if hasattr(w, "text") and callable(w.text) else ""
        return f"{type(w).__name__} «{str(text)[:40]}»" if text else type(w).__name__

    for area in dialog.findChildren(QScrollArea):
        if not area.isVisible() or area.widget() is None:
            continue
        if area.horizontalScrollBar().isVisible():
            out.append(f"horizontal scroll bar in {name(area.widget())}")
        need = area.widget().minimumSizeHint().width()
        if need > area.viewport().width() + 1:
            out.append(f"content of a scroll area needs {need} px, sees {area.viewport().width()}")
    scrolled = [a.viewport() for a in dialog.findChildren(QAbstractScrollArea)]
    for w in dialog.findChildren(QWidget):
        if not w.isVisible() or w.isWindow():
            continue
        hint = w.minimumSizeHint()
        if w.width() + 1 < hint.width() and not any(v.isAncestorOf(w) and v is not w for v in scrolled):
            out.append(f"{name(w)} squeezed to {w.width()} px, needs {hint.width()}")
        if isinstance(w, QLabel) and not w.wordWrap() and w.text() and w.width() + 1 < w.sizeHint().width():
            out.append(f"{name(w)} cut: {w.width()} px of {w.sizeHint().width()}")
    out += [f"text: {p}" for p in visible_texts.problems(dialog)]
    title = QFontMetrics(QApplication.font()).horizontalAdvance(dialog.windowTitle())
    if dialog.width() < title + TITLE_CHROME:
        out.append(f"title «{dialog.windowTitle()}» needs a dialog {title + TITLE_CHROME} px wide, is {dialog.width()}")
    return out


def measure(dialog: Any) -> dict[str, Any]:
    from PySide6.QtWidgets import QApplication, QTabWidget

    QApplication.processEvents()
    avail = dialog.screen().availableGeometry()
    found: list[str] = []
    tab_widgets = [t for t in dialog.findChildren(QTabWidget) if t.isVisible()]
    if not tab_widgets:
        found += problems_of(dialog)
    for tabs in tab_widgets:
        for i in range(tabs.count()):
            tabs.setCurrentIndex(i)
            QApplication.processEvents()
            found += [f"[{tabs.tabText(i)}] {p}" for p in problems_of(dialog)]
        tabs.setCurrentIndex(0)
    size, hint, minimum = dialog.size(), dialog.sizeHint(), dialog.minimumSizeHint()
    for what, s in (("size", size), ("minimumSizeHint", minimum)):
        if s.width() + FRAME_W > avail.width() or s.height() + FRAME_H > avail.height():
            found.append(f"{what} {s.width()}×{s.height()} with its frame is larger than the screen's "
                         f"{avail.width()}×{avail.height()}")
    if hint.width() > avail.width() or hint.height() > avail.height():
        found.append(f"sizeHint {hint.width()}×{hint.height()} is larger than the screen")
    return {"title": dialog.windowTitle(), "available": _size(avail), "size": _size(size),
            "sizeHint": _size(hint), "minimumSizeHint": _size(minimum), "problems": found}


def modal_of(trigger: Callable[[], object]) -> dict[str, Any]:
    """Measure the modal dialog `trigger` opens, then cancel it."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QDialog

    seen: dict[str, Any] = {}

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog):
            QTimer.singleShot(20, look)
            return
        seen.update(measure(dialog))
        dialog.reject()

    QTimer.singleShot(0, look)
    trigger()
    deadline = time.monotonic() + 5
    while not seen and time.monotonic() < deadline:  # a dialog opened with open(), not exec()
        QApplication.processEvents()
    return seen or {"problems": ["no dialog opened"]}


def shown(dialog: Any) -> dict[str, Any]:
    from PySide6.QtWidgets import QApplication

    dialog.show()
    QApplication.processEvents()
    found = measure(dialog)
    dialog.reject()
    return found


def main(out: Path) -> int:
    os.environ["ITA_DESKTOP_NO_DIALOGS"] = "1"
    from PySide6.QtCore import QSettings

    from ita_desktop import app as appmod
    from ita_desktop.domain import edits
    from ita_desktop.paths import resource_path
    from ita_desktop.store.db import Store
    from ita_desktop.ui.render_worker import RenderWorker

    appmod.application([])
    RenderWorker.request = lambda *a, **k: None  # type: ignore[method-assign]  # layout only: no renders
    from ita_desktop.ui.main_window import MainWindow

    tmp = Path(tempfile.mkdtemp(prefix="dialog-fit-"))
    try:
        w = MainWindow(QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat))
        w.show()
        assert w.import_json_to(resource_path("demo", "demo-office.json"), tmp / "สำนักงาน.ita")
        doc = w.doc
        assert doc is not None
        doc.edit("กองยาว", lambda: [edits.add_division(doc.data, LONG_DIVISION)])
        doc.flush()
        results: dict[str, Any] = {}
        results["paste_scores"] = modal_of(w.assessment_page.paste_dialog)

        screen = w.print_report()
        assert screen is not None
        screen.worker.finished.emit({"pdf": b"", "pages": 12, "orientation": "landscape",
                                     "warnings": LONG_WARNINGS})
        results["print_report"] = shown(screen)
        screen = w.print_report()
        assert screen is not None
        screen.document.setCurrentIndex(screen.document.findData("analysis"))
        screen.worker.failed.emit("จัดหน้าเอกสารไม่ได้: พื้นที่ในดิสก์เต็ม", "OSError: [Errno 28] No space left on device")
        results["print_report_analysis"] = shown(screen)
        results["catalog_editor"] = shown(w.edit_catalogs())
        results["catalog_copy_year"] = modal_of(lambda: w.edit_catalogs().copy_dialog())
        marked = w.edit_removable_folders()
        marked.add_folder(tmp / "แฟลชไดรฟ์" / LONG_DIVISION)
        results["removable_folders"] = shown(marked)

        other = tmp / "อีกเครื่อง.ita"
        doc.flush()
        shutil.copyfile(doc.path, other)
        store = Store.open(other)
        try:
            data = store.load()
            measures = data.measures_of(data.live_plans()[-1].id)
            for x in measures[:3]:
                x.title = x.title + " (แก้ไขที่กองคลัง ให้ชื่อยาวพอที่จะไม่พอดีกับรายการ)"
            store.save_all(measures[:3])
        finally:
            store.close()
        plan_of = w.doc.data.live_plans()[-1]
        for x in w.doc.data.measures_of(plan_of.id)[:3]:
            w.doc.set_field(x, "title", x.title + " (แก้ไขที่สำนักปลัด)")
        w.doc.flush()
        results["merge_review"] = shown(w.merge_from(other))

        w.plan_page.plan = plan_of
        results["suggest_measures"] = shown(w.plan_page.suggest_measures())
        results["add_division"] = modal_of(w.office_page.add_division)
        w.office_page.divisions.setCurrentRow(0)
        results["rename_division"] = modal_of(w.office_page.rename_division)
        # the pages' own dialogs (ui/pages/assessment.py, plan.py)
        results["add_assessment"] = modal_of(w.assessment_page.add_assessment)
        results["add_plan"] = modal_of(w.plan_page.add_plan)
        results["help"] = shown(w.show_help())
        out.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
        w.close_document()
        w.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
