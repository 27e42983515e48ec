"""ช่องที่ไม่มีข้อมูล on the print screen: พิมพ์ - or เว้นว่าง, kept in the file like the other
print options."""
from __future__ import annotations

from pathlib import Path

from ita_desktop.ui.main_window import MainWindow
from tests.gui.test_print_report import WAIT, _open, _saved, _screen, window  # noqa: F401
from tests.support.reports import page_texts


def test_empty_fields_option_prints_and_is_kept(qtbot, window: MainWindow, tmp_path: Path) -> None:  # noqa: F811
    _open(window, tmp_path, "seed004.json")  # no results yet: output and outcome are empty
    screen = _screen(qtbot, window)
    combo = screen.fields["empty_mark"].widgets[0]
    assert [combo.itemText(i) for i in range(combo.count())] == ["พิมพ์ -", "เว้นว่าง"]
    assert combo.currentData() == "-"
    with qtbot.waitSignal(screen.preview_ready, timeout=WAIT):
        combo.setCurrentIndex(combo.findData(""))
    assert screen.options().empty_mark == ""
    out = tmp_path / "ว่าง.pdf"
    assert screen.save_pdf(out)
    kept = _saved(window, "implementation", "year")
    assert kept is not None and kept.options == {"empty_mark": ""}
    assert not any("-\r\n-" in t for t in page_texts(out))  # no column of dashes left
    screen.close()
