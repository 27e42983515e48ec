"""Screenshots of every page for README and review: python tools/screenshots.py OUTDIR [FILE]

Runs the real window (use xvfb-run for a real X server); opens FILE or a fresh demo copy.
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("ITA_DESKTOP_NO_DIALOGS", "1")


def main() -> int:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp())
    os.environ["ITA_DESKTOP_CONFIG"] = str(tmp / "cfg")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from ita_desktop import app as appmod
    from ita_desktop.thai import words
    from ita_desktop.ui.main_window import MainWindow

    app = QApplication([])
    app.setFont(__import__("PySide6.QtGui", fromlist=["QFont"]).QFont(appmod.load_fonts(), 10))
    words.ensure_loaded()
    path = Path(sys.argv[2]) if len(sys.argv) > 2 else appmod.create_demo_file(tmp)
    window = MainWindow(QSettings(str(tmp / "s.ini"), QSettings.Format.IniFormat))
    # 1366x768 at 125 % leaves about 1093x590 of usable window
    window.resize(1093, 590)
    window.show()
    window.open_file(path)
    for i, name in enumerate(("office", "assessment", "plan")):
        window.nav.setCurrentRow(i)
        for _ in range(5):
            app.processEvents()
        window.grab().save(str(out / f"{name}.png"))
    _merge_review(app, window, path, out)
    window.close()
    return 0


def _merge_review(app, window, path: Path, out: Path) -> None:
    """The merge review: a division's copy with changes taken, merged, and one conflict."""
    import shutil

    from ita_desktop.store.db import Store

    theirs = path.with_name("กองคลัง.ita")
    shutil.copyfile(path, theirs)
    store = Store.open(theirs)
    data = store.load()
    x0, x1 = data.measures_of(data.live_plans()[-1].id)[:2]
    x0.period, x1.title = "ตลอดปีงบประมาณ ๒๕๖๘", x1.title + " ทุกไตรมาส"
    store.save_all([x0, x1])
    store.close()
    assert window.doc is not None
    mine = window.doc.data.measures_of(window.doc.data.live_plans()[-1].id)[1]
    window.doc.set_field(mine, "title", mine.title + " ผ่านเว็บไซต์")
    dialog = window.merge_from(theirs)
    if dialog is None:
        return
    dialog.resize(1000, 560)
    for _ in range(5):
        app.processEvents()
    dialog.grab().save(str(out / "merge-review.png"))
    dialog.reject()


if __name__ == "__main__":
    sys.exit(main())
