"""The scores page with a real office's result (seed 004): pasting its indicator table shows
what was read before storing, and a typed indicator score that is not the mean of its
questions is flagged as the typed totals are."""
from __future__ import annotations

from pathlib import Path

from ita_desktop.ui.pages.assessment import PasteScoresDialog
from tests.conftest import FIXTURES
from tests.unit.test_paste_rows import SEED004_INDICATORS


def _open(window, tmp_path: Path):
    assert window.import_json_to(FIXTURES / "seed004.json", tmp_path / "โนนคูณ.ita")
    page = window.assessment_page
    page.refresh()
    return page


def test_paste_table_lists_rows_read_and_lines_not_read(qtbot, window, tmp_path):
    page = _open(window, tmp_path)
    dialog = PasteScoresDialog(page, page.fw)
    qtbot.addWidget(dialog)
    dialog.text.setPlainText(SEED004_INDICATORS)
    assert dialog.table.rowCount() == 10
    notes = [dialog.table.item(r, 4).text().replace("\u200b", "") for r in range(10)]
    assert sum(1 for n in notes if n) == 1 and "การแก้ไขปัญหาการทุจริต" in notes[4]
    assert dialog.table.item(0, 1).text() == "ตัวชี้วัดที่ ๑"
    assert "e๓" in dialog.problems.toPlainText() and "เจ้าหน้าที่ของหน่วยงาน" not in dialog.problems.toPlainText()
    assert "ตัวชี้วัด" in dialog.summary.text()


def test_indicator_typed_against_mean_of_questions_is_flagged(qtbot, window, tmp_path):
    page = _open(window, tmp_path)
    said = page.indicator_mismatch.text()
    assert "ตัวชี้วัดที่ ๑๐" in said and "๔๕.๐๐" in said and "๔๐.๐๐" in said and "ไม่ตรง" in said
    mean = page.indicator_view.model().index(9, 4).data()
    assert "⚠" in mean


def test_a_pasted_total_is_shown_and_stored_as_the_typed_total(qtbot, window, tmp_path):
    from decimal import Decimal

    page = _open(window, tmp_path)
    dialog = PasteScoresDialog(page, page.fw)
    qtbot.addWidget(dialog)
    dialog.text.setPlainText(SEED004_INDICATORS + "\nคะแนนรวม 80.39\n")
    last = dialog.table.rowCount() - 1
    assert dialog.table.item(last, 1).text() == "คะแนนรวม" and dialog.table.item(last, 3).text() == "๘๐.๓๙"
    page.apply_pasted(dialog.pasted)
    assert page.assessment.total == Decimal("80.39")
    window.undo()
    assert page.assessment.total != Decimal("80.39")
