"""Screenshots of the app as a clerk starts it, for README and review.

    xvfb-run -a -s "-screen 0 1366x768x24" python tools/screenshots.py OUTDIR [FILE]

Takes the pictures twice, each in its own process through the app's real start
(`ita_desktop.app.start`, with a fresh settings folder and Documents): at 100 % and at 125 %
scaling (QT_SCALE_FACTOR), the window filling a 1366×768 screen less a 40 px taskbar.
Writes OUTDIR/100/*.png and OUTDIR/125/*.png: the four pages (the OIT register of the latest
ITA year made and one item filled in), the print screen with its preview, the completeness
check and the merge review. Opens FILE, else the demo office.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SCALES = {"100": "1", "125": "1.25"}
SCREEN = (1366, 768 - 40)  # a Windows taskbar takes the bottom 40 px


def main() -> int:
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    if os.environ.get("ITA_SCREENSHOT_SCALE"):
        return take(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else None)
    for name, factor in SCALES.items():
        env = dict(os.environ, ITA_SCREENSHOT_SCALE=name, QT_SCALE_FACTOR=factor)
        subprocess.run([sys.executable, __file__, str(Path(sys.argv[1]) / name), *sys.argv[2:]],
                       env=env, check=True)
    return 0


def settle(seconds: float = 0.3) -> None:
    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.02)


def take(out: Path, path: Path | None) -> int:
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="ita-shots-"))
    os.environ["ITA_DESKTOP_CONFIG"] = str(tmp / "config")
    os.environ["ITA_DESKTOP_DOCUMENTS"] = str(tmp / "Documents")
    os.environ["ITA_DESKTOP_NO_DIALOGS"] = "1"
    from ita_desktop import app as appmod
    from ita_desktop.thai import words

    args = [str(path)] if path else []
    window = appmod.start(args)
    if window is None:
        sys.exit("another ITA Desktop answered: close it first")
    words.ensure_loaded()
    window.refresh_display()
    scale = float(os.environ.get("QT_SCALE_FACTOR", "1"))
    window.resize(int(SCREEN[0] / scale), int(SCREEN[1] / scale) - 30)  # less the title bar
    settle(1.0)
    for i, name in enumerate(("office", "assessment", "plan")):
        window.nav.setCurrentRow(i)
        settle()
        window.grab().save(str(out / f"{name}.png"))
    _register(window, out)
    screen = window.print_report()
    if screen is not None:
        screen.resize(min(screen.width(), window.width()), min(screen.height(), window.height()))
        deadline = time.monotonic() + 60
        while screen.worker.busy or not screen.view.document() or \
                screen.view.document().pageCount() == 0:
            settle(0.2)
            if time.monotonic() > deadline:
                break
        settle(0.5)
        screen.grab().save(str(out / "print-screen.png"))
        screen.reject()
    check = window.check_file()
    if check is not None:
        settle()
        check.grab().save(str(out / "check.png"))
        check.reject()
    _merge_review(window, tmp, out)
    window.close()
    settle()
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


def _register(window, out: Path) -> None:
    """The register page with the latest year's register made and its first item filled in."""
    doc = window.doc
    window.nav.setCurrentRow(3)
    page = window.register_page
    page.years.setCurrentIndex(0)  # the latest ITA year
    if not doc.data.oit_entries_of(page.year()):
        page.make_register()
    if not doc.data.office.website:
        doc.set_field(doc.data.office, "website", "https://www.example.go.th")
    site = doc.data.office.website.rstrip("/")
    rows = page.rows
    if rows:
        entry = rows[0].entry
        doc.set_field(entry, "answer", "yes")
        doc.set_field(entry, "links", [{"url": site + "/structure", "title": "โครงสร้างส่วนราชการ"}])
        doc.set_field(entry, "location", "หน้าแรก > ข้อมูลพื้นฐาน > โครงสร้าง")
        doc.set_field(entry, "published_on", "2025-10-15")
        page.select(rows[0].code)
    settle()
    window.grab().save(str(out / "register.png"))


def _merge_review(window, tmp: Path, out: Path) -> None:
    """The merge review: a division's copy with changes taken, merged, and one conflict."""
    from ita_desktop.store.db import Store

    assert window.doc is not None
    theirs = tmp / "กองคลัง.ita"
    window.save_copy_to(theirs)
    store = Store.open(theirs)
    try:
        data = store.load()
        x0, x1 = data.measures_of(data.live_plans()[-1].id)[:2]
        x0.period, x1.title = "ตลอดปีงบประมาณ ๒๕๖๘", x1.title + " ทุกไตรมาส"
        store.save_all([x0, x1])
    finally:
        store.close()
    mine = window.doc.data.measures_of(window.doc.data.live_plans()[-1].id)[1]
    window.doc.set_field(mine, "title", mine.title + " ผ่านเว็บไซต์")
    dialog = window.merge_from(theirs)
    if dialog is None:
        return
    settle()
    dialog.grab().save(str(out / "merge-review.png"))
    dialog.reject()


if __name__ == "__main__":
    sys.exit(main())
