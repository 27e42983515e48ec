"""The completeness check as a clerk uses it: every line goes to its place, and the list stays
open beside the window while the clerk types the missing things."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from ita_desktop.resources import bundled_frameworks
from ita_desktop.ui.main_window import MainWindow
from tests.conftest import type_text


def test_every_line_of_the_check_goes_somewhere(qtbot, tmp_path: Path) -> None:
    w = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.show()
    assert w.new_file_at(tmp_path / "ใหม่.ita")
    w.nav.setCurrentRow(1)
    w.assessment_page.create_assessment(2569, bundled_frameworks()[2569])
    dialog = w.check_file()
    assert dialog is not None and not dialog.isModal()
    view = w.check_view
    lines = [view.item(i) for i in range(view.count())]
    assert lines
    for item in lines:
        record_id, _field = item.data(Qt.ItemDataRole.UserRole)
        assert record_id, f"«{item.text()}» goes nowhere"

    def go(text: str) -> None:
        item = next(i for i in lines if text in i.text())
        w.go_to(*item.data(Qt.ItemDataRole.UserRole))
        QApplication.processEvents()

    go("ยังไม่ได้กรอกอำเภอ")
    assert w.nav.currentRow() == 0 and w.office_page.amphoe.hasFocus()
    go("ยังไม่ได้กรอกชื่อผู้จัดทำ")
    assert w.nav.currentRow() == 0 and w.office_page.sig_fields["preparer"][0].hasFocus()
    go("ยังไม่ได้กรอกคะแนนตัวชี้วัด")
    assert w.nav.currentRow() == 1 and w.assessment_page.indicator_view.hasFocus()
    # the check stays open and the clerk types where it went
    go("ยังไม่ได้กรอกอำเภอ")
    type_text(w.office_page.amphoe, "เมือง")
    w.office_page.amphoe.commit()
    assert w.doc.data.office.amphoe == "เมือง"
    assert dialog.isVisible()
    dialog.close()


def test_a_new_file_shows_its_pages_from_the_top(qtbot, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QScrollArea

    w = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.resize(900, 400)
    w.show()
    assert w.new_file_at(tmp_path / "ก.ita")
    area = w.office_page
    assert isinstance(area, QScrollArea)
    area.verticalScrollBar().setValue(area.verticalScrollBar().maximum())
    assert area.verticalScrollBar().value() > 0
    assert w.new_file_at(tmp_path / "ข.ita")
    assert area.verticalScrollBar().value() == 0


def test_division_buttons_follow_the_list(qtbot, tmp_path: Path) -> None:
    w = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.show()
    assert w.new_file_at(tmp_path / "ก.ita")
    page = w.office_page
    assert page.division_buttons["add"].isEnabled()
    assert not page.division_buttons["rename"].isEnabled() and not page.division_buttons["remove"].isEnabled()
    assert page.division_buttons["remove"].toolTip()
    from ita_desktop.domain import edits

    w.doc.edit("กอง", lambda: [edits.add_division(w.doc.data, "กองคลัง")])
    page.refresh()
    page.divisions.setCurrentRow(0)
    assert page.division_buttons["rename"].isEnabled() and page.division_buttons["remove"].isEnabled()


def test_a_reviewers_findings_go_to_their_field(qtbot, tmp_path: Path) -> None:
    """Issue 14 item 9: a measure linked to nothing goes to its indicator choice, a period
    outside the fiscal year to the period, an unanswered weak point to the plan's measures."""
    from tests.conftest import FIXTURES

    w = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.show()
    assert w.import_json_to(FIXTURES / "seed002.json", tmp_path / "s2.ita")
    plan = w.doc.data.live_plans()[0]
    first = w.doc.data.measures_of(plan.id)[0]
    w.doc.set_field(first, "period", "ตุลาคม ๒๕๖๗ – ธันวาคม ๒๕๖๘")
    w.check_file()
    lines = [w.check_view.item(i) for i in range(w.check_view.count())]

    def go(text: str) -> None:
        item = next(i for i in lines if text in i.text())
        assert w.go_to(*item.data(Qt.ItemDataRole.UserRole))
        QApplication.processEvents()

    go("ยังไม่ได้ระบุตัวชี้วัด")
    assert w.nav.currentRow() == 2 and w.plan_page.editor.indicator.hasFocus()
    go("ไม่อยู่ในปีงบประมาณ")
    assert w.plan_page.editor.fields["period"].hasFocus()
