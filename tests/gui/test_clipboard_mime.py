"""What Word and Excel put on the clipboard, built as QMimeData (headless), read as a table the
way Ctrl+V on the measure list reads it: Excel's XML Spreadsheet first, then HTML, then text."""
from __future__ import annotations

from PySide6.QtCore import QMimeData

from ita_desktop.domain.clipboard_tables import best_table
from ita_desktop.ui.dialogs.table_import import clipboard_formats

EXCEL_HTML = ('<html xmlns:x="urn:schemas-microsoft-com:office:excel"><body><table>'
              "<!--StartFragment--><tr><td>มาตรการ</td><td>งบประมาณ</td></tr>"
              '<tr><td>จัดอบรม</td><td x:num="15000">15,000</td></tr><!--EndFragment--></table></body></html>')
TSV = 'มาตรการ\tขั้นตอน\r\nจัดทำคู่มือ\t"แต่งตั้งคณะทำงาน\nจัดทำร่าง"\r\n'


def test_excels_html_fragment_inside_its_table_is_read(qtbot) -> None:
    mime = QMimeData()
    mime.setHtml(EXCEL_HTML)
    grid = best_table(clipboard_formats(mime))
    assert grid is not None and grid.rows == [["มาตรการ", "งบประมาณ"], ["จัดอบรม", "15,000"]]


def test_tab_separated_text_keeps_a_cells_own_lines(qtbot) -> None:
    mime = QMimeData()
    mime.setText(TSV)
    grid = best_table(clipboard_formats(mime))
    assert grid is not None and grid.rows[1] == ["จัดทำคู่มือ", "แต่งตั้งคณะทำงาน\nจัดทำร่าง"]


def test_nothing_that_is_a_table_gives_none(qtbot) -> None:
    mime = QMimeData()
    mime.setImageData(None)
    assert best_table(clipboard_formats(mime)) is None
