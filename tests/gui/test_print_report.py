"""Printing the implementation report from the window: the dialog starts the render worker and
the PDF passes the checker; an edit typed just before printing is in it; options are kept."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from pythainlp.util import normalize

from ita_desktop.domain import edits
from ita_desktop.thai import words
from ita_desktop.ui.main_window import MainWindow
from tests.conftest import FIXTURES
from tests.support.reports import page_texts, pdfcheck


def _window(qtbot, tmp_path: Path) -> MainWindow:
    words.ensure_loaded()
    w = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.show()
    assert w.import_json_to(FIXTURES / "seed002.json", tmp_path / "บ้านผือ.ita")
    return w


def test_print_dialog_renders_the_report(qtbot, tmp_path: Path) -> None:
    w = _window(qtbot, tmp_path)
    # an edit made a moment before printing must be printed
    measure = w.doc.data.measures_of(w.doc.data.live_plans()[0].id)[0]
    w.doc.set_field(measure, "period", "ตลอดปีงบประมาณ พ.ศ. ๒๕๖๘")
    dialog = w.print_report()
    assert dialog is not None and dialog.year.currentData() == 2568
    out = tmp_path / "รายงาน.pdf"
    dialog.output.setText(str(out))
    dialog.layout_kind.setCurrentIndex(dialog.layout_kind.findData("blocks"))
    dialog.headings["output"].setText("สรุปผลการดำเนินการตามมาตรการ")
    dialog.margins["margin_left_cm"].setValue(2.5)
    dialog.sizes["body_size"].setCurrentIndex(dialog.sizes["body_size"].findData(15.0))
    with qtbot.waitSignal(dialog.rendered, timeout=90_000) as signal:
        dialog.print_button.click()
    assert signal.args[0] == str(out)
    assert pdfcheck(out, FIXTURES / "seed002.json", tmp_path)[0] == 0
    text = normalize("".join(page_texts(out)))
    assert "ตลอดปีงบประมาณ พ.ศ. ๒๕๖๘" in text and "สรุปผลการดำเนินการตามมาตรการ" in text
    # no columns chosen: a message, no worker
    for i in range(dialog.columns.count()):
        dialog.columns.item(i).setCheckState(Qt.CheckState.Unchecked)
    dialog.print_button.click()
    assert "อย่างน้อยหนึ่งคอลัมน์" in dialog.status.text()
    dialog.close()
    # the options are remembered for this file
    again = w.print_report()
    assert again.layout_kind.currentData() == "blocks"
    assert again.headings["output"].text() == "สรุปผลการดำเนินการตามมาตรการ"
    assert again.margins["margin_left_cm"].value() == 2.5
    again.close()
    w.close_document()


def test_print_dialog_reports_problems_in_thai(qtbot, tmp_path: Path) -> None:
    w = _window(qtbot, tmp_path)
    div = w.doc.edit("division", lambda: [edits.add_division(w.doc.data, "กองช่าง")])
    dialog = w.print_report()
    dialog.output.setText(str(tmp_path / "x.pdf"))
    dialog.title.setPlainText("{ชื่อเล่น}")
    dialog.print_button.click()
    assert "ไม่รู้จัก {ชื่อเล่น}" in dialog.status.text()
    assert not (tmp_path / "x.pdf").exists()
    # a division with no measures of its own: the worker says so
    dialog.title.setPlainText("")
    dialog.division.setCurrentIndex(dialog.division.findText("กองช่าง"))
    dialog.only_division.setChecked(True)
    with qtbot.waitSignal(dialog.failed, timeout=90_000) as signal:
        dialog.print_button.click()
    assert "ไม่มีมาตรการที่จะพิมพ์" in signal.args[0]
    assert div is not None
    dialog.close()
    w.close_document()
