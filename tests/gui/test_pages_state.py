"""Every page shows exactly the open file's state; what cannot take input is disabled and
says why; the measure list and its buttons behave as a clerk expects."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from ita_desktop import app as appmod
from ita_desktop.domain import markup
from ita_desktop.resources import bundled_frameworks
from ita_desktop.thai.dates import fiscal_year
from ita_desktop.thai.digits import to_thai_digits
from ita_desktop.ui.main_window import MainWindow
from ita_desktop.ui.pages.assessment import AddAssessmentDialog
from ita_desktop.ui.pages.plan import AddPlanDialog
from ita_desktop.ui.widgets.fields import ScoreField
from tests.conftest import type_text


@pytest.fixture(autouse=True)
def _no_modal_boxes(message_boxes: list[str]) -> list[str]:
    return message_boxes


def shown_texts(root: QWidget) -> list[str]:
    """Every text a person can read in the widget tree (fields, labels, lists, tables)."""
    out: list[str] = []
    for w in [root, *root.findChildren(QWidget)]:
        if isinstance(w, (QLineEdit, QLabel)):
            out.append(w.text())
        elif isinstance(w, QComboBox):
            out += [w.itemText(i) for i in range(w.count())]
        elif isinstance(w, (QTextEdit, QPlainTextEdit)):
            out.append(w.toPlainText())
        elif isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()
            top = QModelIndex()
            try:
                columns = model.columnCount(top)
            except TypeError:  # a list model keeps columnCount private
                columns = 1
            out += [str(model.data(model.index(r, c)) or "")
                    for r in range(model.rowCount(top)) for c in range(columns)]
    return [t.replace("\u200b", "") for t in out]


def why(widget: QWidget) -> str:
    """The tooltip a person sees over the widget (its own, else the nearest parent's)."""
    w: QWidget | None = widget
    while w is not None:
        if w.toolTip():
            return w.toolTip()
        w = w.parentWidget()
    return ""


def demo_markers(window: MainWindow) -> list[str]:
    """Texts that only the demo file can have put on screen."""
    data = window.doc.data
    o = data.office
    out = [o.name, o.tambon, o.amphoe, o.changwat]
    out += [d.name for d in data.live_divisions()]
    out += [s.name for s in data.signatories]
    for plan in data.live_plans():
        out.append("ปีงบประมาณ " + to_thai_digits(str(plan.fiscal_year)))
        out += [markup.plain_text(x.title)[:25] for x in data.measures_of(plan.id)]
        out += [g.title[:25] for g in data.groups_of(plan.id)]
    for a in data.live_assessments():
        out.append("ปี " + to_thai_digits(str(a.ita_year)))
        out += [f"{v:.2f}" for v in (a.total, a.iit, a.eit, a.oit) if v is not None]
        out.append(a.level)
    # the catalogs' item titles are on screen whatever the file (the OIT register lists them)
    catalog = " ".join(q.text for fw in bundled_frameworks().values() for q in fw.questions)
    return [t for t in out if t and len(t) >= 3 and t not in catalog]


def test_a_new_file_after_the_demo_shows_nothing_of_the_demo(qtbot, window: MainWindow, tmp_path: Path) -> None:
    window.open_file(appmod.create_demo_file(tmp_path))
    page = window.assessment_page
    assert page.typed["total"].edit.text() == "86.88"  # the demo is on screen
    page.typed["iit"].edit.setText("๑๒๐")  # a value left red in the demo must not follow
    page.typed["iit"].commit()
    markers = demo_markers(window)
    assert any(m in t for m in markers for t in shown_texts(window))

    assert window.new_file_at(tmp_path / "ใหม่.ita")
    leaks = sorted({m for m in markers for t in shown_texts(window) if m in t})
    assert leaks == []

    # ผลการประเมิน: nothing to type into, and the page says why
    for field in page.typed.values():
        assert field.edit.text() == "" and not field.edit.isEnabled()
        assert "เพิ่มผลการประเมิน" in why(field.edit)
    assert not page.level.isEnabled() and page.level.text() == ""
    assert not page.paste_button.isEnabled() and "เพิ่มผลการประเมิน" in why(page.paste_button)
    assert not page.empty.isHidden() and "เพิ่มผลการประเมิน" in page.empty.text()
    assert page.source.text() == page.weak.text() == page.trend.text() == ""
    assert all(label.text() == "" for label in page.computed.values())

    # มาตรการ: no plan, so no measure, no signatories, no groups, and it says so
    plans = window.plan_page
    assert plans.plans.count() == 0 and plans.table.model() is None
    for key, button in plans.buttons.items():
        assert not button.isEnabled(), key
    assert not plans.suggest_button.isEnabled() and "เพิ่มปีงบประมาณ" in why(plans.suggest_button)
    title = plans.editor.fields["title"]
    assert not title.edit.isEnabled() and "เพิ่มปีงบประมาณ" in why(title.edit)
    for name, position in plans.signatories.fields.values():
        assert name.text() == "" and position.toPlainText() == "" and not name.isEnabled()
    assert "เพิ่มปีงบประมาณ" in why(plans.signatories)
    assert plans.groups.list.count() == 0 and not plans.groups.title.isEnabled()
    for widgets in plans.editor.result_widgets.values():
        assert widgets["output"].markup() == ""  # type: ignore[attr-defined]


def test_scores_typed_after_adding_a_result_to_a_new_file_are_kept(qtbot, window: MainWindow,
                                                                   tmp_path: Path) -> None:
    window.open_file(appmod.create_demo_file(tmp_path))
    window.new_file_at(tmp_path / "ใหม่.ita")
    page = window.assessment_page
    a = page.create_assessment(2567, bundled_frameworks()[2567])
    assert page.empty.isHidden()
    assert all(f.edit.isEnabled() and f.edit.text() == "" for f in page.typed.values())
    model = page.indicator_view.model()
    assert [model.data(model.index(r, 3)) for r in range(model.rowCount())] == [""] * 10
    page.typed["total"].edit.setText("๘๐.๕๐")
    page.typed["total"].commit()
    assert a.total == Decimal("80.50")
    assert window.doc.data.assessment(2567).total == Decimal("80.50")


def test_a_plan_without_an_ita_result_says_what_it_cannot_do(qtbot, window: MainWindow, tmp_path: Path) -> None:
    window.new_file_at(tmp_path / "ใหม่.ita")
    plans = window.plan_page
    plans.create_plan(2569, "")
    assert "ยังไม่ได้อ้างอิงผลการประเมิน" in plans.based_on.text()
    assert not plans.suggest_button.isEnabled() and "ผลการประเมิน" in why(plans.suggest_button)
    plans.add_measure()
    assert plans.editor.fields["title"].edit.isEnabled()
    assert not plans.editor.indicator.isEnabled() and "ผลการประเมิน" in why(plans.editor.indicator)
    assert not plans.groups.by_indicator.isEnabled()


def test_add_assessment_dialog_catalog_follows_the_year(qtbot) -> None:
    dialog = AddAssessmentDialog(None, set())
    qtbot.addWidget(dialog)
    dialog.year.setValue(2567)
    assert dialog.catalog.currentData() == 2567 and dialog.framework().ita_year == 2567
    dialog.year.setValue(2565)
    assert dialog.catalog.currentData() == 2565
    newest = max(bundled_frameworks())
    dialog.year.setValue(newest + 3)  # no catalog yet: the newest one before it
    assert dialog.catalog.currentData() == newest
    dialog.year.setValue(2561)  # older than every catalog: the oldest
    assert dialog.catalog.currentData() == min(bundled_frameworks())


def test_a_new_plan_in_a_file_without_results_defaults_to_todays_fiscal_year(qtbot, window: MainWindow,
                                                                              tmp_path: Path) -> None:
    assert fiscal_year(dt.date(2026, 12, 1)) == 2570 and fiscal_year(dt.date(2026, 9, 30)) == 2569
    window.new_file_at(tmp_path / "ใหม่.ita")
    dialog = AddPlanDialog(window, window.doc, today=dt.date(2026, 12, 1))
    assert dialog.year.value() == 2570
    assert AddPlanDialog(window, window.doc, today=dt.date(2026, 9, 30)).year.value() == 2569
    assert AddPlanDialog(window, window.doc).year.value() == fiscal_year(dt.date.today())
    # a result of an older year in the file: still the year we are in, with a word on the result
    window.assessment_page.create_assessment(2567, bundled_frameworks()[2567])
    dialog = AddPlanDialog(window, window.doc, today=dt.date(2026, 12, 1))
    assert dialog.year.value() == 2570
    assert "ITA ปี ๒๕๖๙" in dialog.based_on_note.text() and "ยังไม่มีในไฟล์นี้" in dialog.based_on_note.text()
    dialog.year.setValue(2568)
    assert dialog.based_on_note.text() == ""
    # the year we are in has its plan: the year after the last one
    window.plan_page.create_plan(2570, window.doc.data.live_assessments()[0].id)
    assert AddPlanDialog(window, window.doc, today=dt.date(2026, 12, 1)).year.value() == 2571


def test_an_added_measure_is_scrolled_to_with_its_title_focused(qtbot, window: MainWindow, tmp_path: Path) -> None:
    window.open_file(appmod.create_demo_file(tmp_path))
    window.nav.setCurrentRow(2)
    plans = window.plan_page
    qtbot.waitExposed(window)
    window.activateWindow()
    plans.select(plans.model.rows[-1])
    plans.table.scrollToTop()
    plans.right.setCurrentIndex(1)  # the clerk was looking at the signatories
    plans.editor.verticalScrollBar().setValue(plans.editor.verticalScrollBar().maximum())
    measure = plans.add_measure()
    qtbot.wait(50)
    assert plans.current_measure() is measure and plans.model.rows[-1] is measure
    rect = plans.table.visualRect(plans.model.index(len(plans.model.rows) - 1, 1))
    assert plans.table.viewport().rect().contains(rect)  # the whole row, not half of it
    assert plans.right.currentWidget() is plans.editor
    title = plans.editor.fields["title"]
    qtbot.waitUntil(lambda: title.edit.hasFocus(), timeout=2000)
    top = title.edit.mapTo(plans.editor.widget(), title.edit.rect().topLeft()).y()
    scrolled = plans.editor.verticalScrollBar().value()
    assert scrolled <= top < scrolled + plans.editor.viewport().height()


def test_an_empty_or_very_long_measure_title_is_shown_at_the_field(qtbot, window: MainWindow, tmp_path: Path) -> None:
    window.open_file(appmod.create_demo_file(tmp_path))
    plans = window.plan_page
    plans.add_measure()
    note = plans.editor.title_note
    assert "ชื่อมาตรการ" in note.text()
    title = plans.editor.fields["title"]
    title.edit.setFocus()
    type_text(title.edit, "ประชุมประจำเดือน")
    title.commit()
    assert note.text() == ""
    title.edit.setPlainText("ก" * 320)
    title.commit()
    assert to_thai_digits("320") in note.text() and to_thai_digits("300") in note.text()
    height = note.height()
    title.edit.setPlainText("ประชุมประจำเดือน")
    title.commit()
    qtbot.wait(20)
    assert note.text() == "" and note.height() == height  # the space stays: nothing below moves


def test_a_bad_score_does_not_move_what_is_below_it(qtbot) -> None:
    box = QWidget()
    qtbot.addWidget(box)
    lay = QVBoxLayout(box)
    field = ScoreField()
    below = QPushButton("ถัดไป")
    lay.addWidget(field)
    lay.addWidget(below)
    lay.addStretch(1)
    box.resize(300, 300)
    box.show()
    qtbot.waitExposed(box)
    y = below.y()
    field.edit.setText("๑๒๐")
    field.commit()
    qtbot.wait(20)
    assert below.y() == y
    assert field.edit.toolTip() == "คะแนนต้องอยู่ระหว่าง ๐ ถึง ๑๐๐"
    field.edit.setText("95")
    field.commit()
    assert field.edit.toolTip() == "" and below.y() == y


def test_list_buttons_follow_the_list(qtbot, window: MainWindow, tmp_path: Path) -> None:
    window.new_file_at(tmp_path / "ใหม่.ita")
    plans = window.plan_page
    plans.create_plan(2569, "")
    b = plans.buttons
    assert b["add"].isEnabled()
    assert not any(b[k].isEnabled() for k in ("duplicate", "delete", "up", "down"))  # an empty list
    first = plans.add_measure()
    assert b["duplicate"].isEnabled() and b["delete"].isEnabled()
    assert not b["up"].isEnabled() and not b["down"].isEnabled()  # the only one
    second = plans.add_measure()
    assert b["up"].isEnabled() and not b["down"].isEnabled()  # the last one
    plans.select(first)
    assert not b["up"].isEnabled() and b["down"].isEnabled()
    plans.table.selectionModel().clear()
    plans.table.setCurrentIndex(plans.model.index(-1, -1))
    assert plans.current_measure() is None
    assert not any(b[k].isEnabled() for k in ("duplicate", "delete", "up", "down"))  # nothing chosen
    plans.select(second)
    plans.delete_measure()
    plans.delete_measure()
    assert plans.model.rows == []
    assert not any(b[k].isEnabled() for k in ("duplicate", "delete", "up", "down"))


def test_the_measure_list_header_is_not_clipped_beside_a_scroll_bar(qtbot, window: MainWindow,
                                                                   tmp_path: Path) -> None:
    window.open_file(appmod.create_demo_file(tmp_path))
    window.nav.setCurrentRow(2)
    plans = window.plan_page
    qtbot.waitExposed(window)
    qtbot.wait(20)
    table = plans.table
    assert table.verticalScrollBar().isVisible()
    header = table.horizontalHeader()
    metrics = header.fontMetrics()
    for col in range(plans.model.columnCount()):
        text = str(plans.model.headerData(col, Qt.Orientation.Horizontal))
        widest = max(metrics.horizontalAdvance(line) for line in text.split("\n"))
        assert widest + 4 <= header.sectionSize(col), text
    assert sum(header.sectionSize(c) for c in range(header.count())) <= table.viewport().width()


def test_question_codes_show_as_they_print(qtbot, window: MainWindow, tmp_path: Path) -> None:
    window.open_file(appmod.create_demo_file(tmp_path))
    page = window.assessment_page
    model = page.question_view.model()
    assert model.data(model.index(0, 0)).startswith("I1")
    assert "I2" in page.weak.text() and "i2" not in page.weak.text()
    groups = window.plan_page.groups
    assert groups.questions.placeholderText() == "เช่น I1, I2, O7"
    groups.ask_replace_or_add = lambda: "add"  # the demo has groups: add the indicator ones
    groups.create_groups("indicator")
    assert groups.questions.text() and groups.questions.text() == groups.questions.text().upper()


def test_the_measure_editor_offers_groups_made_after_it_was_shown(qtbot, window: MainWindow,
                                                                 tmp_path: Path) -> None:
    window.new_file_at(tmp_path / "ใหม่.ita")
    a = window.assessment_page.create_assessment(2567, bundled_frameworks()[2567])
    plans = window.plan_page
    plans.create_plan(2568, a.id)
    plans.add_measure()
    combo = plans.editor.group
    assert not combo.isEnabled() and "ประเด็นการวิเคราะห์" in why(combo)
    plans.groups.create_groups("indicator")
    assert combo.isEnabled() and combo.count() > 1


def test_a_long_measure_list_measures_only_the_rows_in_sight(qtbot, window: MainWindow, tmp_path: Path) -> None:
    """A year of 400 measures: the list is shown without every row's text being read and cut
    into words (Qt's ResizeToContents did that at every change: 9 s for 1,000 measures);
    the rows in sight are as tall as their wrapped titles, and so are rows scrolled to."""
    from ita_desktop.store.exchange import import_data, write_new_file
    from tests.conftest import load_fixture

    doc = load_fixture("seed002.json")
    base = doc["years"][0]["measures"]
    doc["years"][0]["measures"] = [dict(base[i % len(base)], seq=i + 1) for i in range(400)]
    path = tmp_path / "ใหญ่.ita"
    write_new_file(import_data(doc), path).close()
    window.open_file(path)
    window.nav.setCurrentRow(2)
    qtbot.waitExposed(window)
    plans = window.plan_page
    table = plans.table
    asked: set[int] = set()
    data = plans.model.data

    def counting(index, role=Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if index.column() != 0:  # the number column is as wide as its widest number: all are read
            asked.add(index.row())
        return data(index, role)

    plans.model.data = counting  # type: ignore[method-assign]
    plans.model.reload()  # as after an edit
    qtbot.wait(100)
    assert 0 < len(plans.rows_sizer.sized) < 60
    assert max(asked) < 100  # titles are read for the rows in sight only (Qt may ask near them)

    def fits(row: int) -> bool:
        return table.rowHeight(row) >= table.sizeHintForIndex(plans.model.index(row, 1)).height()

    one_line = table.verticalHeader().defaultSectionSize()
    in_sight = sorted(plans.rows_sizer.sized)
    assert all(fits(r) for r in in_sight)
    assert any(table.rowHeight(r) > 1.5 * one_line for r in in_sight)  # wrapped titles get their lines
    bar = table.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)  # the clerk drags the scroll bar
    qtbot.waitUntil(lambda: table.rowAt(0) in plans.rows_sizer.sized, timeout=2000)
    middle = range(table.rowAt(0), table.rowAt(table.viewport().height() - 1) + 1)
    assert all(r in plans.rows_sizer.sized and fits(r) for r in middle)
    last = len(plans.model.rows) - 1
    bar.setValue(bar.maximum())  # dragged to the bottom: the last row is in sight, whole
    qtbot.waitUntil(lambda: last in plans.rows_sizer.sized, timeout=2000)
    qtbot.wait(50)
    assert table.viewport().rect().contains(table.visualRect(plans.model.index(last, 1)))
    qtbot.keyClick(table, Qt.Key.Key_Home)
    assert plans.current_measure() is plans.model.rows[0]
    bar.setValue(0)
    qtbot.wait(50)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_End)  # End: the last measure, scrolled to
    qtbot.wait(50)
    assert plans.current_measure() is plans.model.rows[-1]
    assert last in plans.rows_sizer.sized
    assert table.viewport().rect().contains(table.visualRect(plans.model.index(last, 1)))
    qtbot.keyClick(table, Qt.Key.Key_Home)
    assert plans.current_measure() is plans.model.rows[0]
