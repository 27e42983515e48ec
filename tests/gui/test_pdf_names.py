"""The name บันทึกเป็น PDF… offers (issue 19 item 12): readable Thai by default, with the
document, its round and the fiscal year in the digits the document prints with; the ASCII name
for the website (O26_2568_report_year.pdf) stays one tick away and is remembered."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from tests.conftest import FIXTURES


def _screen(qtbot, window, tmp_path: Path):
    assert window.import_json_to(FIXTURES / "seed002.json", tmp_path / "ข้อมูล.ita")
    screen = window.print_report()
    assert screen is not None
    qtbot.addWidget(screen)
    return screen


def test_save_offers_a_thai_name_and_the_website_name_on_request(qtbot, window, tmp_path, monkeypatch):
    screen = _screen(qtbot, window, tmp_path)
    offered: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda _p, _t, start, _f: (offered.append(start) or "", ""))
    screen.document.setCurrentIndex(screen.document.findData("implementation"))
    screen.round.setCurrentIndex(screen.round.findData("year"))
    assert not screen.web_name.isChecked()
    assert screen.file_name() == "รายงานผลการดำเนินการ รอบ ๑๒ เดือน ปีงบประมาณ ๒๕๖๘.pdf"
    screen.save_dialog()
    assert Path(offered[-1]).name == screen.file_name() and Path(offered[-1]).parent == window.doc.path.parent
    screen.document.setCurrentIndex(screen.document.findData("analysis"))
    assert screen.file_name() == "การวิเคราะห์ผลการประเมินและมาตรการ ปีงบประมาณ ๒๕๖๘.pdf"
    screen.digits.setCurrentIndex(screen.digits.findData("arabic"))
    assert screen.file_name() == "การวิเคราะห์ผลการประเมินและมาตรการ ปีงบประมาณ 2568.pdf"
    # the website's name: ASCII, as before, and kept for the next time
    assert "เว็บไซต์" in screen.web_name.text() and screen.suggested_name() in screen.web_name.toolTip()
    screen.web_name.setChecked(True)
    assert screen.file_name() == screen.suggested_name() and screen.file_name().isascii()
    screen.save_dialog()
    assert Path(offered[-1]).name == screen.suggested_name()
    screen.close()
    again = window.print_report()
    assert again is not None
    qtbot.addWidget(again)
    assert again.web_name.isChecked()
    again.close()
