"""The real window, driven as a clerk drives it."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from ita_desktop import app as appmod
from ita_desktop.domain import markup
from ita_desktop.store.db import Store
from ita_desktop.ui.main_window import MainWindow
from tests.conftest import type_text


@pytest.fixture(autouse=True)
def _no_modal_boxes(message_boxes: list[str]) -> list[str]:
    return message_boxes


def stored(path: Path):
    store = Store.open(path)
    try:
        return store.load()
    finally:
        store.close()


def type_into_cell(qtbot, view, row: int, col: int, text: str) -> None:
    """What the cell editor hands the model when the clerk presses Enter."""
    index = view.model().index(row, col)
    view.setCurrentIndex(index)
    assert view.model().flags(index) & Qt.ItemFlag.ItemIsEditable
    view.model().setData(index, text, Qt.ItemDataRole.EditRole)


def test_first_start_opens_a_copy_of_the_fictional_demo(qtbot, window: MainWindow, tmp_path: Path) -> None:
    path = appmod.first_file(window, [])
    assert path is not None and path.parent == tmp_path / "documents"
    assert window.open_file(path)
    assert window.doc.data.office.name == "ทุ่งสุขใจ"
    assert window.doc.data.live_plans() and window.doc.data.live_assessments()
    window.close_document()
    assert appmod.first_file(window, []) == path  # the last file is reopened


def test_create_office_type_scores_add_measure_undo_and_reopen(qtbot, window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "สำนักงาน ใหม่.ita"
    assert window.new_file_at(path)
    office = window.office_page
    office.name.setFocus()
    type_text(office.name, "โนนคูณ")
    office.name.commit()
    office.amphoe.setText("ยางชุมน้อย")
    office.amphoe.commit()

    # an assessment of 2567, scores typed in Thai digits, on the Thai number row and in Arabic
    window.nav.setCurrentRow(1)
    page = window.assessment_page
    from ita_desktop.resources import bundled_frameworks

    page.create_assessment(2567, bundled_frameworks()[2567])
    typed = ["๙๔.๘๒", "93.83", "๙๕.๖๘", "๘๔.๒๐", "๙๓.๓๓", "๙๕.๒๑", "๙๑.๕๖", "ึถใคๅ", "ถจ", "ภถ"]  # 75.81, 50, 45 on the Thai number row
    for row, text in enumerate(typed):
        type_into_cell(qtbot, page.indicator_view, row, 3, text)
    assert page.computed["total"].text() == "๗๒.๙๗"
    assert page.level_computed.text() == "ต้องปรับปรุง"
    page.typed["total"].edit.setText("72.99")
    page.typed["total"].commit()
    assert "ไม่ตรง" in page.computed["total"].text()

    # a bad score stays red with a Thai reason and is not stored
    type_into_cell(qtbot, page.question_view, 0, 3, "๑๒๐")
    model = page.question_view.model()
    assert model.data(model.index(0, 3), Qt.ItemDataRole.ToolTipRole) == "คะแนนต้องอยู่ระหว่าง ๐ ถึง ๑๐๐"
    type_into_cell(qtbot, page.question_view, 1, 3, "๙๒.๙๖")

    # a plan with a measure whose steps have bold text and a bullet list
    window.nav.setCurrentRow(2)
    plans = window.plan_page
    plans.create_plan(2568, window.doc.data.assessment(2567).id)
    measure = plans.add_measure()
    editor = plans.editor.fields["title"]
    editor.edit.setFocus()
    type_text(editor.edit, "ประกาศนโยบาย No Gift Policy")
    editor.commit()
    steps = plans.editor.fields["steps"]
    steps.edit.setFocus()
    type_text(steps.edit, "การประกาศ:")
    steps.edit.selectAll()
    qtbot.keyClick(steps.edit, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    cursor = steps.edit.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    steps.edit.setTextCursor(cursor)
    steps.edit.setFontWeight(400)
    type_text(steps.edit, " ผู้บริหารลงนาม")
    qtbot.keyClick(steps.edit, Qt.Key.Key_Return)
    qtbot.keyClick(steps.edit, Qt.Key.Key_Return)
    type_text(steps.edit, "เผยแพร่ทางเว็บไซต์")
    plans.editor.fields["steps"]._bullets.click()
    steps.commit()
    assert steps.markup() == "**การประกาศ:** ผู้บริหารลงนาม\n\n- เผยแพร่ทางเว็บไซต์"
    year = plans.editor.result_widgets["year"]
    year["output"].set_markup("")
    year["output"].edit.setFocus()
    type_text(year["output"].edit, "๑. ประกาศแล้ว")
    year["output"].commit()

    # delete, undo, and the measure is back
    plans.delete_measure()
    assert plans.model.rows == []
    window.undo()
    assert [x.id for x in plans.model.rows] == [measure.id]

    window.save()
    window.close_document()
    data = stored(path)
    assert data.office.name == "โนนคูณ" and data.office.amphoe == "ยางชุมน้อย"
    a = data.assessment(2567)
    scores = {k: s.score for k, s in data.indicator_scores_of(a.id).items()}
    assert scores[8] == Decimal("75.81") and scores[10] == Decimal("45.00")
    assert a.total == Decimal("72.99")
    qs = data.question_scores_of(a.id)
    assert "i1" not in qs and qs["i2"].score == Decimal("92.96")
    plan = data.plan(2568)
    [x] = data.measures_of(plan.id)
    assert x.title == "ประกาศนโยบาย No Gift Policy"
    assert x.steps == "**การประกาศ:** ผู้บริหารลงนาม\n\n- เผยแพร่ทางเว็บไซต์"
    assert markup.parse(x.steps)[1][0].kind == "bullet"
    assert data.result(x.id, "year").output == "๑. ประกาศแล้ว"


def test_reorder_and_duplicate(qtbot, window: MainWindow, tmp_path: Path) -> None:
    path = appmod.create_demo_file(tmp_path)
    window.open_file(path)
    plans = window.plan_page
    titles = [x.title for x in plans.model.rows]
    plans.select(plans.model.rows[2])
    plans.move_measure(-1)
    assert [x.title for x in plans.model.rows][1] == titles[2]
    plans.duplicate_measure()
    assert len(plans.model.rows) == len(titles) + 1
    window.undo()
    window.undo()
    assert [x.title for x in plans.model.rows] == titles
    window.redo()
    window.close_document()
    data = stored(path)
    assert [x.title for x in data.measures_of(data.live_plans()[0].id)][1] == titles[2]


def test_paste_from_word_keeps_bold_and_bullets_only(qtbot, window: MainWindow, tmp_path: Path) -> None:
    window.open_file(appmod.create_demo_file(tmp_path))
    steps = window.plan_page.editor.fields["steps"]
    steps.set_markup("")
    mime = QMimeData()
    mime.setHtml('<p style="font-family:TH SarabunPSK;color:red"><b>หัวข้อ:</b> เนื้อความ</p>'
                 "<ul><li>ข้อแรก</li><li>ข้อสอง</li></ul>")
    steps.edit.insertFromMimeData(mime)
    assert steps.markup() == "**หัวข้อ:** เนื้อความ\n- ข้อแรก\n- ข้อสอง"


def test_second_window_on_the_same_file_is_refused(qtbot, window: MainWindow, tmp_path: Path,
                                                  _no_modal_boxes: list[str]) -> None:
    path = appmod.create_demo_file(tmp_path)
    assert window.open_file(path)
    other = MainWindow(QSettings(str(tmp_path / "other.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(other)
    assert not other.open_file(path)
    assert "เปิดอยู่" in _no_modal_boxes[-1]


def test_broken_file_gives_a_thai_message_and_keeps_the_open_one(qtbot, window: MainWindow, tmp_path: Path,
                                                                 _no_modal_boxes: list[str]) -> None:
    good = appmod.create_demo_file(tmp_path)
    window.open_file(good)
    bad = tmp_path / "เสีย.ita"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    assert not window.open_file(bad)
    assert window.doc is not None and window.doc.path == good
    assert "เปิดไฟล์" in _no_modal_boxes[-1] or "ไฟล์" in _no_modal_boxes[-1]


def test_save_as_switches_to_the_copy(qtbot, window: MainWindow, tmp_path: Path) -> None:
    window.open_file(appmod.create_demo_file(tmp_path))
    target = tmp_path / "ไปยัง USB" / "สำเนา"
    target.parent.mkdir()
    assert window.save_as_path(target)
    assert window.doc.path == target.with_name("สำเนา.ita")
    assert window.recent_files()[0] == str(window.doc.path)


def test_paste_scores_and_see_weak_points(qtbot, window: MainWindow, tmp_path: Path) -> None:
    from tests.conftest import FIXTURES

    assert window.import_json_to(FIXTURES / "seed004.json", tmp_path / "โนนคูณ.ita")
    window.nav.setCurrentRow(1)
    page = window.assessment_page
    assert "ตัวชี้วัดที่ ๔, ๘, ๙, ๑๐" in page.weak.text() and "๒๑ ข้อ" in page.weak.text()
    page.paste_dialog()
    dialog = page.findChild(__import__("ita_desktop.ui.pages.assessment", fromlist=["x"]).PasteScoresDialog)
    dialog.text.setPlainText("ข้อ ๐๗ แผนยุทธศาสตร์หรือแผนพัฒนาหน่วยงาน\t๑๐๐\nตัวชี้วัดที่ ๘ การปรับปรุงการทำงาน ๙๐.๐๐\n"
                             "แถวที่อ่านไม่ได้")
    assert "ข้อความอื่นที่ข้ามไป ๑ บรรทัด" in dialog.summary.text()  # prose is only counted
    dialog.accept()
    a = window.doc.data.live_assessments()[0]
    assert window.doc.data.question_scores_of(a.id)["o7"].score == Decimal(100)
    assert window.doc.data.indicator_scores_of(a.id)[8].score == Decimal(90)
    assert "ตัวชี้วัดที่ ๔, ๙, ๑๐" in page.weak.text() and "O7" not in page.weak.text()
    window.undo()  # one undo step takes the whole paste back
    assert window.doc.data.question_scores_of(a.id)["o7"].score == Decimal(0)
    assert window.doc.data.indicator_scores_of(a.id)[8].score == Decimal("75.81")


def test_suggest_measures_adds_the_chosen_ones(qtbot, window: MainWindow, tmp_path: Path) -> None:
    from PySide6.QtCore import Qt

    from tests.conftest import FIXTURES

    assert window.import_json_to(FIXTURES / "seed004.json", tmp_path / "โนนคูณ.ita")
    window.nav.setCurrentRow(2)
    page = window.plan_page
    dialog = page.suggest_measures()
    assert dialog is not None and dialog.list.count() >= 10
    # seed 004's measures are linked to issues that hold every weak question
    assert dialog.summary.text().endswith("ไม่มี")
    for group in window.doc.data.groups_of(page.plan.id):
        window.doc.set_field(group, "questions", [q for q in group.questions if q != "e9"])
    dialog.refresh()
    assert "E9" in dialog.summary.text()  # weak and now answered by no measure of the plan
    before = len(window.doc.data.measures_of(page.plan.id))
    dialog.list.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.list.item(1).setCheckState(Qt.CheckState.Checked)
    dialog.ask_issue = lambda _title, groups: groups[0].id  # where several ประเด็น fit: the first
    dialog.add_chosen()
    assert len(window.doc.data.measures_of(page.plan.id)) == before + 2
    again = page.suggest_measures()
    assert again.list.count() == dialog.list.count() - 2  # the added ones are not offered again
    window.undo()
    assert len(window.doc.data.measures_of(page.plan.id)) == before


def test_analysis_groups_panel(qtbot, window: MainWindow, tmp_path: Path) -> None:
    from tests.conftest import FIXTURES

    assert window.import_json_to(FIXTURES / "seed004.json", tmp_path / "โนนคูณ.ita")
    window.nav.setCurrentRow(2)
    page = window.plan_page
    panel = page.groups
    assert panel.list.count() == 7  # seed 004's own issues
    panel.list.setCurrentRow(0)
    assert "I1" in panel.questions.text()
    kept = panel.group.to_improve
    filled = panel.fill_suggestions()
    assert filled and all(not f.endswith("to_improve") for f in filled if f.startswith(panel.group.title))
    assert window.doc.data.groups_of(page.plan.id)[0].to_improve == kept  # the clerk's text stays
    assert "แผนยุทธศาสตร์หรือแผนพัฒนาหน่วยงาน" in window.doc.data.groups_of(page.plan.id)[0].to_fix  # o7
    window.undo()
    assert window.doc.data.groups_of(page.plan.id)[0].to_fix == ""
    panel.ask_replace_or_add = lambda: "add"  # the question's own tests: test_groups_panel.py
    panel.create_groups("indicator")
    assert panel.list.count() == 17
    window.save()
    stored_groups = [g for g in stored(window.doc.path).groups if not g.deleted]
    assert len(stored_groups) == 17


def test_completeness_check_goes_to_the_field(qtbot, window: MainWindow, tmp_path: Path) -> None:
    from PySide6.QtCore import Qt

    from tests.conftest import FIXTURES

    assert window.import_json_to(FIXTURES / "seed002.json", tmp_path / "บ้านผือ.ita")  # an อบต.
    dialog = window.check_file()
    assert dialog is not None
    items = [window.check_view.item(i) for i in range(window.check_view.count())]
    texts = [i.text() for i in items]
    assert any("นายกเทศมนตรี" in t for t in texts)  # the wording check
    assert any("วันที่อนุมัติ" in t for t in texts)
    slip = next(i for i in items if "นายกเทศมนตรี" in i.text())
    record_id, field = slip.data(Qt.ItemDataRole.UserRole)
    assert window.go_to(record_id, field)
    page = window.plan_page
    assert window.nav.currentRow() == 2 and page.current_measure().id == record_id
    assert "นายกเทศมนตรี" in page.editor.fields["steps"].markup()
    dialog.close()


def test_catalog_editor_copy_edit_import_export_and_mapping(qtbot, window: MainWindow, tmp_path: Path) -> None:
    import json

    from PySide6.QtGui import QStandardItem

    from ita_desktop.resources import all_frameworks, is_user_framework

    editor = window.edit_catalogs()
    qtbot.addWidget(editor)
    assert {2567, 2568, 2569} <= {editor.year.itemData(i) for i in range(editor.year.count())}
    editor.year.setCurrentIndex(editor.year.findData(2569))
    # a new year by copying 2569, every item marked copied
    assert editor.copy_to_year(2570)
    assert is_user_framework(2570) and all_frameworks()[2570].provenance == "copied"
    assert editor.year.currentData() == 2570
    # rename a question, remove one, renumber, set the documents, map codes from 2569
    oit = [r for r in range(editor.questions.rowCount()) if editor.questions.item(r, 0).text().startswith("O")]
    editor.questions.item(oit[0], 2).setText("โครงสร้างและอำนาจหน้าที่ (แก้ไข)")
    editor.question_view.selectRow(oit[1])
    editor.remove_question()
    editor.renumber()
    editor.documents["analysis"].setCurrentIndex(editor.documents["analysis"].findData("o24"))
    editor.documents["implementation"].setCurrentIndex(editor.documents["implementation"].findData("o25"))
    editor.map_year.setText("2569")
    editor.mapping.appendRow([QStandardItem("o25"), QStandardItem("o24")])
    editor.weights["OIT"].setValue(40)
    assert editor.save(), editor.status.text()
    fw = all_frameworks()[2570]
    assert fw.question("o1").text.endswith("(แก้ไข)") and fw.question("o26") is None
    assert fw.documents == {"analysis": "o24", "implementation": "o25"}
    mapping = fw.mapping_from(2569)
    assert mapping["o25"] == "o24" and mapping["i1"] == "i1"  # a copy maps each code to itself
    # codes show as printed (O1, I1), as everywhere else in the app
    assert editor.questions.item(0, 0).text() == editor.questions.item(0, 0).text().upper()
    # a bad catalog is refused with the reason, and nothing is written
    before = (tmp_path / "config" / "frameworks" / "ita-2570.json").read_text(encoding="utf-8")
    editor.weights["OIT"].setValue(50)
    assert not editor.save()
    assert "๑๐๐" in editor.status.text()
    assert (tmp_path / "config" / "frameworks" / "ita-2570.json").read_text(encoding="utf-8") == before
    # export, then import it under another year as a district office would hand it out
    out = tmp_path / "ita-2570.json"
    editor.weights["OIT"].setValue(40)
    assert editor.export_file(out)
    data = json.loads(out.read_text(encoding="utf-8"))
    data["ita_year"] = 2571
    (tmp_path / "from-district.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert editor.import_file(tmp_path / "from-district.json")
    assert 2571 in all_frameworks()
    (tmp_path / "broken.json").write_text('{"ita_year": 2572, "tools": []}', encoding="utf-8")
    assert not editor.import_file(tmp_path / "broken.json")
    assert "นำเข้า broken.json ไม่ได้" in editor.status.text()
    editor.close()


def test_year_over_year_trend_and_snapshots_stay(qtbot, window: MainWindow, tmp_path: Path) -> None:
    from ita_desktop.domain.framework import copy_framework
    from ita_desktop.resources import all_frameworks, save_user_framework
    from tests.conftest import FIXTURES

    assert window.import_json_to(FIXTURES / "seed004.json", tmp_path / "โนนคูณ.ita")
    window.nav.setCurrentRow(1)
    page = window.assessment_page
    snapshot_before = dict(window.doc.data.frameworks[0].data)
    # a clerk's edit of the 2567 catalog never changes the file's snapshot
    edited = copy_framework(all_frameworks()[2567], 2567)
    edited["questions"][0]["text"] = "แก้ไขแล้ว"
    save_user_framework(edited)
    assert window.doc.data.frameworks[0].data == snapshot_before
    a69 = page.create_assessment(2569, all_frameworks()[2569])
    from ita_desktop.domain import edits

    window.doc.edit("score", lambda: [edits.set_indicator_score(window.doc.data, a69, 4, Decimal(90)),
                                      edits.set_question_score(window.doc.data, a69, "o25", Decimal(100))])
    page.refresh()
    assert "เทียบกับปี ๒๕๖๗" in page.trend.text() and "ตัวชี้วัดขึ้น ๑" in page.trend.text()


def _copies_with_a_conflict(window: MainWindow, tmp_path: Path) -> tuple[Path, Path, str]:
    """mine.ita open in the window and theirs.ita, a copy of it: the other copy changed the
    first measure's period (no conflict) and both changed the second one's title."""
    import shutil

    from tests.conftest import FIXTURES

    mine = tmp_path / "mine.ita"
    assert window.import_json_to(FIXTURES / "seed004.json", mine)
    window.close_document()
    theirs = tmp_path / "theirs.ita"
    shutil.copyfile(mine, theirs)
    other = Store.open(theirs)
    data = other.load()
    plan_id = data.live_plans()[0].id
    x0, x1 = data.measures_of(plan_id)[0], data.measures_of(plan_id)[1]
    x0.period, x1.title = "ตลอดปีงบประมาณ", "ชื่อจากกองคลัง"
    other.save_all([x0, x1])
    other.close()
    assert window.open_file(mine)
    window.doc.set_field(window.doc.data.measures_of(plan_id)[1], "title", "ชื่อจากสำนักปลัด")
    return mine, theirs, plan_id


def test_merge_from_another_copy_with_a_conflict(qtbot, window: MainWindow, tmp_path: Path) -> None:
    mine, theirs, plan_id = _copies_with_a_conflict(window, tmp_path)
    dialog = window.merge_from(theirs)
    assert dialog is not None and len(dialog.plan.conflicts) == 1
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert not ok.isEnabled()  # a conflict is still open
    from ita_desktop.ui.dialogs.merge_review import word_diff

    marked = word_diff("ชื่อจากสำนักปลัด", "ชื่อจากกองคลัง")  # only the differing words are marked
    assert marked.startswith("ชื่อจาก") and "line-through\">สำนักปลัด</span>" in marked and ">กองคลัง</span>" in marked
    assert dialog.diff.toPlainText().endswith("ชื่อจากสำนักปลัดกองคลัง")
    assert dialog.list.item(0).text().startswith("ชื่อ — มาตรการ")  # the field in Thai
    dialog.auto.setCurrentRow(0)  # looking at an automatic change: nothing to choose there
    assert not dialog.theirs.isEnabled() and "ตลอดปีงบประมาณ" in dialog.diff.toPlainText()
    dialog.list.setCurrentRow(0)
    assert dialog.theirs.isEnabled()
    dialog.choose_record("mine")
    assert dialog.plan.conflicts[0].choice == "mine" and dialog.mine.isChecked()
    dialog.theirs.setChecked(True)
    assert ok.isEnabled()
    dialog.accept()
    live = window.doc.data.measures_of(plan_id)
    assert live[0].period == "ตลอดปีงบประมาณ" and live[1].title == "ชื่อจากกองคลัง"
    window.save()
    assert stored(mine).measures_of(plan_id)[1].title == "ชื่อจากกองคลัง"
    assert (tmp_path / "mine.ita.before-merge").exists()
    from ita_desktop.store import merge

    check = Store.open(mine)
    try:
        assert merge.plan_merge(check, theirs, tmp_path / "w1").empty  # their history was learned
        assert check.conn.execute("SELECT count(*) FROM merge_log").fetchone()[0] == 1
    finally:
        check.close()
    back = Store.open(theirs)
    try:  # and nothing comes back the other way: same content is not a change
        assert merge.plan_merge(back, mine, tmp_path / "w2").empty
    finally:
        back.close()
    window.undo()  # the whole merge is one undo step
    assert window.doc.data.measures_of(plan_id)[0].period != "ตลอดปีงบประมาณ"
    assert window.doc.data.measures_of(plan_id)[1].title == "ชื่อจากสำนักปลัด"
    window.save()
    check = Store.open(mine)
    try:  # the file is back as before: merging that copy again offers the same
        again = merge.plan_merge(check, theirs, tmp_path / "w3")
        assert len(again.taken) == 1 and [c.field for c in again.conflicts] == ["title"]
        assert check.integrity_errors() == []
    finally:
        check.close()
    window.redo()
    assert window.doc.data.measures_of(plan_id)[1].title == "ชื่อจากกองคลัง"
    window.save()
    assert stored(mine).measures_of(plan_id)[0].period == "ตลอดปีงบประมาณ"
    window.doc.set_field(window.doc.data.measures_of(plan_id)[0], "period", "แก้หลังรวม")
    window.save()
    assert stored(mine).measures_of(plan_id)[0].period == "แก้หลังรวม"


def test_a_separately_created_file_is_merged_only_after_the_clerk_confirms(
        qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.conftest import FIXTURES

    mine, separate = tmp_path / "mine.ita", tmp_path / "separate.ita"
    assert window.import_json_to(FIXTURES / "seed004.json", separate)
    window.close_document()
    assert window.import_json_to(FIXTURES / "seed004.json", mine)  # opens it
    assert window.merge_from(separate) is None  # identical: nothing to ask, nothing to merge
    window.close_document()
    other = Store.open(separate)
    data = other.load()
    x = data.measures_of(data.live_plans()[0].id)[0]
    x.budget = "๑๐,๐๐๐ บาท"
    other.save(x)
    from ita_desktop.domain import edits

    added = edits.add_measure(data, data.live_plans()[0], title="มาตรการจากกองช่าง")
    other.save(added)
    other.close()
    assert window.open_file(mine)
    asked: list[str] = []

    def answer(reply):
        def question(_parent, title, _text, *_a, **_k):
            asked.append(title)
            return reply
        return question

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    assert window.merge_from(separate) is None and asked == ["ไฟล์ที่สร้างแยกกัน"]
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    dialog = window.merge_from(separate)
    assert dialog is not None and len(asked) == 2
    dialog.accept()

    def titles() -> list[str]:
        return [y.title for y in window.doc.data.measures_of(x.plan_id)]
    assert window.doc.data.measures_of(x.plan_id)[0].budget == "๑๐,๐๐๐ บาท"
    assert "มาตรการจากกองช่าง" in titles()
    window.undo()
    assert "มาตรการจากกองช่าง" not in titles()
    window.save()
    assert all(y.title != "มาตรการจากกองช่าง" for y in stored(mine).measures)
    window.redo()
    window.save()
    assert "มาตรการจากกองช่าง" in titles()
    assert any(y.title == "มาตรการจากกองช่าง" and not y.deleted for y in stored(mine).measures)


def test_usb_stick_local_copy_save_back_and_recovery(qtbot, window: MainWindow, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.conftest import FIXTURES

    usb = tmp_path / "usb"
    usb.mkdir()
    monkeypatch.setenv("ITA_DESKTOP_REMOVABLE", str(usb))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    home = tmp_path / "home.ita"
    assert window.import_json_to(FIXTURES / "seed004.json", home)
    # Save a copy to the stick: the open file stays the local one
    assert window.save_copy_to(usb / "โนนคูณ.ita")
    assert window.doc.path == home and (usb / "โนนคูณ.ita").exists()
    assert not list(usb.glob("*.ita-saving"))
    window.close_document()
    # opened from the stick: worked on as a local copy, written back on request
    assert window.open_file(usb / "โนนคูณ.ita")
    assert window.doc.path.parent == tmp_path / "documents"
    x = window.doc.data.measures_of(window.doc.data.live_plans()[0].id)[0]
    window.doc.set_field(x, "period", "แก้ที่บ้าน")
    assert window.save_back()
    assert stored(usb / "โนนคูณ.ita").measures_of(window.doc.data.live_plans()[0].id)[0].period == "แก้ที่บ้าน"
    # edited again, then closing: offered to write back first (Cancel keeps it open)
    window.doc.set_field(x, "period", "แก้ก่อนปิด")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    assert not window.confirm_save_back()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert window.confirm_save_back() and not window.back_pending
    assert stored(usb / "โนนคูณ.ita").measures_of(window.doc.data.live_plans()[0].id)[0].period == "แก้ก่อนปิด"
    assert window.confirm_save_back()  # nothing new: not asked again
    window.close_document()
    # a complete *.ita-saving left by an interrupted save is offered and used
    leftover = usb / "โนนคูณ.ita.ita-saving"
    leftover.write_bytes((tmp_path / "documents" / "โนนคูณ.ita").read_bytes())
    monkeypatch.delenv("ITA_DESKTOP_REMOVABLE")
    assert window.open_file(usb / "โนนคูณ.ita")
    assert not leftover.exists() and (usb / "โนนคูณ.ita.before-recovery").exists()


def test_standard_buttons_speak_thai(qtbot) -> None:
    from PySide6.QtWidgets import QApplication, QDialogButtonBox

    from ita_desktop.ui import thai_buttons

    app = QApplication.instance()
    translator = thai_buttons.install(app)
    try:
        box = QMessageBox(QMessageBox.Icon.Question, "ถาม", "บันทึกกลับหรือไม่",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
                          | QMessageBox.StandardButton.Cancel)
        assert [box.button(b).text() for b in (QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No,
                                                 QMessageBox.StandardButton.Cancel)] == ["ใช่", "ไม่", "ยกเลิก"]
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        assert buttons.buttons()[0].text() == "ตกลง"
    finally:
        app.removeTranslator(translator)


def test_a_damaged_file_is_refused_and_the_open_file_stays(qtbot, window: MainWindow, tmp_path: Path,
                                                           _no_modal_boxes: list[str]) -> None:
    import sqlite3

    from tests.conftest import FIXTURES

    good = tmp_path / "good.ita"
    assert window.import_json_to(FIXTURES / "seed004.json", good)
    damaged = tmp_path / "damaged.ita"
    damaged.write_bytes(good.read_bytes())
    conn = sqlite3.connect(damaged)  # text that is not UTF-8: quick_check cannot see it
    conn.execute("UPDATE measure SET steps = CAST(x'b6c3ff' AS TEXT) WHERE rowid = 1")
    conn.commit()
    conn.close()
    assert not window.open_file(damaged)
    assert window.doc is not None and window.doc.path == good.absolute()
    assert any("เสียหายบางส่วน" in m and "มาตรการ" in m for m in _no_modal_boxes)


def test_merge_the_rest_and_decide_the_conflict_later(qtbot, window: MainWindow, tmp_path: Path) -> None:
    _mine, theirs, plan_id = _copies_with_a_conflict(window, tmp_path)
    dialog = window.merge_from(theirs)
    assert dialog is not None and not dialog.later.isHidden()
    dialog.merge_rest()
    live = window.doc.data.measures_of(plan_id)
    assert live[0].period == "ตลอดปีงบประมาณ" and live[1].title == "ชื่อจากสำนักปลัด"
    assert "ยังไม่ได้เลือก ๑ ช่อง" in window.statusBar().currentMessage()
    again = window.merge_from(theirs)  # asked again next time
    assert again is not None and [c.field for c in again.plan.conflicts] == ["title"]
    assert not again.plan.taken
    again.theirs.setChecked(True)
    assert again.later.isHidden()
    again.accept()
    assert window.doc.data.measures_of(plan_id)[1].title == "ชื่อจากกองคลัง"
