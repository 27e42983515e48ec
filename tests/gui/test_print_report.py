"""Printing the implementation report from the window: the dialog starts the render worker and
the PDF passes the checker; an edit typed just before printing is in it."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt

from ita_desktop.thai import words
from ita_desktop.ui.main_window import MainWindow
from tests.conftest import FIXTURES
from tests.support.reports import page_texts, pdfcheck


def test_print_dialog_renders_the_report(qtbot, tmp_path: Path) -> None:
    words.ensure_loaded()
    w = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.show()
    assert w.import_json_to(FIXTURES / "seed002.json", tmp_path / "บ้านผือ.ita")
    # an edit made a moment before printing must be printed
    measure = w.doc.data.measures_of(w.doc.data.live_plans()[0].id)[0]
    w.doc.set_field(measure, "period", "ตลอดปีงบประมาณ พ.ศ. ๒๕๖๘")
    dialog = w.print_report()
    assert dialog is not None and dialog.year.currentData() == 2568
    out = tmp_path / "รายงาน.pdf"
    dialog.output.setText(str(out))
    # blocks layout, and the sequence column switched on
    dialog.layout_kind.setCurrentIndex(dialog.layout_kind.findData("blocks"))
    with qtbot.waitSignal(dialog.rendered, timeout=90_000) as signal:
        dialog.print_button.click()
    assert signal.args[0] == str(out)
    assert out.exists()
    assert pdfcheck(out, FIXTURES / "seed002.json", tmp_path)[0] == 0
    from pythainlp.util import normalize

    assert "ตลอดปีงบประมาณ พ.ศ. ๒๕๖๘" in normalize("".join(page_texts(out)))
    # no columns chosen: a message, no worker
    for i in range(dialog.columns.count()):
        dialog.columns.item(i).setCheckState(Qt.CheckState.Unchecked)
    dialog.print_button.click()
    assert "อย่างน้อยหนึ่งคอลัมน์" in dialog.status.text()
    dialog.close()
    w.close_document()
