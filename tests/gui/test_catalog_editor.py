"""The catalog editor (issue 14): a copied year says it is a copy not yet published by NACC
until edited; the issue template of a year is edited there and goes along with a copy."""
from __future__ import annotations

from pytestqt.qtbot import QtBot

from ita_desktop.resources import all_frameworks, issue_templates
from ita_desktop.ui.dialogs.catalog_editor import Q_COLUMNS, CatalogEditor


def _editor(qtbot: QtBot, year: int) -> CatalogEditor:
    editor = CatalogEditor()
    qtbot.addWidget(editor)
    editor.year.setCurrentIndex(editor.year.findData(year))
    return editor


def test_a_copied_year_says_it_is_a_copy_until_edited(qtbot: QtBot) -> None:
    editor = _editor(qtbot, 2569)
    assert editor.copy_note.isHidden()  # a bundled year: nothing to warn of
    assert editor.copy_to_year(2570), editor.status.text()
    assert all_frameworks()[2570].status == "copy"
    assert not editor.copy_note.isHidden()
    assert "ป.ป.ช. ยังไม่ได้ประกาศ" in editor.copy_note.text() and "๒๕๗๐" in editor.copy_note.text()
    assert editor.title.text() == "ITA ปี ๒๕๗๐ (คัดลอกจากปี ๒๕๖๙ ยังไม่ยืนยัน)"
    # the issue template came along, each code marked copied
    assert editor.issues.rowCount() == 7
    assert "คัดลอกจากปีก่อน" in editor.issues.item(0, 2).text()
    assert issue_templates()[2570] == issue_templates()[2569]
    # saving without a change keeps it a copy; an edit makes it the clerk's
    assert editor.save() and all_frameworks()[2570].status == "copy"
    editor.title.setText("ITA ปี ๒๕๗๐ ตามคู่มือ ป.ป.ช.")
    assert editor.save() and all_frameworks()[2570].status == "edited"
    assert "แก้ไขในเครื่องนี้" in editor.copy_note.text()


def test_the_issue_template_is_edited_in_the_catalog_editor(qtbot: QtBot) -> None:
    editor = _editor(qtbot, 2569)
    assert editor.issues.rowCount() == 7
    assert "อนุมานจากชื่อข้อ" in editor.issues.item(0, 2).text()
    assert "เทียบรหัสตามตารางเทียบรหัส" in editor.issues.item(6, 2).text()
    assert editor.issue_unplaced.text() == ""  # every 2569 item sits in an issue
    title = editor.issues.item(0, 0).text()
    editor.issues.item(0, 1).setText("I1, I2, O5, O1")
    assert editor.save(), editor.status.text()
    assert issue_templates()[2569][0] == (title, ["i1", "i2", "o5", "o1"])
    kept = all_frameworks()[2569].raw["issues"]["groups"][0]["provenance"]
    assert kept == {"i1": "mapping", "i2": "mapping", "o5": "item_text", "o1": "clerk"}
    assert "O6" in editor.issue_unplaced.text()  # o6 and o7 left no issue
    editor.add_issue()
    editor.issues.item(7, 0).setText("ประเด็นใหม่")
    editor.issues.item(7, 1).setText("o6 o7")
    assert editor.save() and len(issue_templates()[2569]) == 8
    assert issue_templates()[2569][7] == ("ประเด็นใหม่", ["o6", "o7"])


def test_2567_shows_its_bundled_template_and_notes_survive_a_save(qtbot: QtBot) -> None:
    editor = _editor(qtbot, 2567)
    assert editor.issues.rowCount() == 7 and "O15" in editor.issues.item(4, 1).text()
    editor = _editor(qtbot, 2568)
    note = Q_COLUMNS.index("note")
    row = next(r for r in range(editor.questions.rowCount()) if editor.questions.item(r, 0).text() == "O5")
    assert editor.questions.item(row, note).text() == "สำหรับ อปท. คือแผนพัฒนาท้องถิ่น"
    assert editor.save(), editor.status.text()
    fw = all_frameworks()[2568]
    assert fw.question("o5").note == "สำหรับ อปท. คือแผนพัฒนาท้องถิ่น"  # type: ignore[union-attr]
    assert fw.question("o13").reports_on_provenance == "inferred"  # type: ignore[union-attr]


def test_the_scores_page_says_when_its_catalog_is_an_unpublished_copy(qtbot: QtBot, tmp_path) -> None:
    """Issue 14 item 7: an ITA 2570 result scored with a copy of 2569 says so where the scores
    are typed, not only in the catalog editor."""
    from PySide6.QtCore import QSettings

    from ita_desktop.domain.framework import copy_framework, framework_from_dict
    from ita_desktop.ui.main_window import MainWindow

    w = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    assert w.new_file_at(tmp_path / "ใหม่.ita")
    w.nav.setCurrentRow(1)
    page = w.assessment_page
    page.create_assessment(2569, all_frameworks()[2569])
    assert "ป.ป.ช. ยังไม่ได้ประกาศ" not in page.source.text()
    page.create_assessment(2570, framework_from_dict(copy_framework(all_frameworks()[2569], 2570)))
    assert "ป.ป.ช. ยังไม่ได้ประกาศ" in page.source.text() and "๒๕๗๐" in page.source.text()
