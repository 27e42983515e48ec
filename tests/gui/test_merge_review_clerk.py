"""The merge review as two divisions use it: สำนักปลัด on one PC, กองคลัง on another, one .ita
file passed on a USB stick (two copies of one file in tmp_path). What a clerk reads must name
each record as she knows it and say what changes, in Thai."""
from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from ita_desktop.domain import models as m
from ita_desktop.store import exchange
from ita_desktop.store.db import Store
from ita_desktop.thai.digits import to_thai_digits
from ita_desktop.ui.dialogs.merge_review import MergeReviewDialog
from ita_desktop.ui.main_window import MainWindow
from tests.conftest import FIXTURES

No = QMessageBox.StandardButton.No
Yes = QMessageBox.StandardButton.Yes


def make(tmp_path: Path, seed: str, name: str) -> Path:
    path = tmp_path / name
    exchange.import_json(FIXTURES / seed, path).close()
    return path


def two_pcs(tmp_path: Path) -> tuple[Path, Path]:
    """สำนักปลัด's file and the copy กองคลัง took on the stick (seed000: 5 measures, each
    with its result of รอบ ๑๒ เดือน)."""
    mine = make(tmp_path, "seed000.json", "สำนักปลัด.ita")
    theirs = tmp_path / "กองคลัง.ita"
    shutil.copyfile(mine, theirs)
    return mine, theirs


def edit(path: Path, change: Callable[[m.OfficeFile], list[m.Record]]) -> None:
    store = Store.open(path)
    try:
        store.save_all(change(store.load()))
    finally:
        store.close()


def measures(data: m.OfficeFile) -> list[m.Measure]:
    return data.measures_of(data.live_plans()[0].id)


def result_of(data: m.OfficeFile, x: m.Measure) -> m.Result:
    found = data.result(x.id, "year")
    assert found is not None
    return found


def both_report_measure_3(mine: Path, theirs: Path, status: bool = True) -> str:
    """Each PC types its own year-end output (and status) for measure 3: two conflicting
    fields (one without the status). Returns the measure's title."""
    title: list[str] = []

    def typed(text: str) -> Callable[[m.OfficeFile], list[m.Record]]:
        def change(data: m.OfficeFile) -> list[m.Record]:
            x = measures(data)[2]
            title.append(x.title)
            r = result_of(data, x)
            r.output = text
            if status:
                r.status = "done" if "คลัง" in text else "in_progress"
            return [r]
        return change
    edit(theirs, typed("กองคลังเบิกจ่ายครบ"))
    edit(mine, typed("สำนักปลัดจัดอบรมแล้ว"))
    return title[0]


@pytest.fixture
def questions(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """QMessageBox.question answered No, recording its title, text and default button."""
    asked: list[dict[str, Any]] = []

    def question(_parent: Any, title: str, text: str, buttons: Any = None, default: Any = None,
                 **kwargs: Any) -> QMessageBox.StandardButton:
        asked.append({"title": title, "text": text,
                      "default": kwargs.get("defaultButton", default)})
        return No
    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def rows(view: Any) -> list[str]:
    return [view.item(i).text() for i in range(view.count())]


def shown_for_change(dialog: MergeReviewDialog, text_start: str) -> str:
    row = next(i for i, t in enumerate(rows(dialog.auto)) if t.startswith(text_start))
    dialog.auto.setCurrentRow(row)
    return dialog.diff.toPlainText()


# --- 1. another office; a copy never asks ----------------------------------------------------
def test_another_office_is_asked_with_no_as_the_default(qtbot, window: MainWindow, tmp_path: Path,
                                                       message_boxes: list[str],
                                                       questions: list[dict[str, Any]]) -> None:
    mine = make(tmp_path, "seed000.json", "โนนสูง.ita")
    other = make(tmp_path, "seed002.json", "บ้านผือ.ita")
    assert window.open_file(mine)
    assert window.merge_from(other) is None  # No: nothing merged
    assert [q["title"] for q in questions] == ["หน่วยงานไม่ตรงกัน"]
    text = questions[0]["text"]
    assert "ทต.โนนสูง อำเภอโนนสูง จังหวัดนครราชสีมา" in text
    assert "อบต.บ้านผือ อำเภอโพนพิสัย จังหวัดหนองคาย" in text
    assert questions[0]["default"] == No
    assert not window.doc.undo_stack.canUndo()


def test_escape_on_the_real_question_answers_no(qtbot, window: MainWindow, tmp_path: Path) -> None:
    mine = make(tmp_path, "seed000.json", "โนนสูง.ita")
    other = make(tmp_path, "seed002.json", "บ้านผือ.ita")
    assert window.open_file(mine)
    seen: dict[str, Any] = {}
    watch = QTimer()  # the box comes after the file was read (a local event loop meanwhile)

    def press_escape() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            return
        watch.stop()
        seen["title"] = box.windowTitle()
        seen["default is no"] = box.defaultButton() is box.button(No)
        QTest.keyClick(box, Qt.Key.Key_Escape)
    watch.timeout.connect(press_escape)
    watch.start(0)
    assert window.merge_from(other) is None
    assert seen == {"title": "หน่วยงานไม่ตรงกัน", "default is no": True}


def test_a_copy_whose_district_was_corrected_is_never_asked_about(
        qtbot, window: MainWindow, tmp_path: Path, questions: list[dict[str, Any]]) -> None:
    mine, theirs = two_pcs(tmp_path)

    def correct(data: m.OfficeFile) -> list[m.Record]:
        data.office.amphoe = "เมืองนครราชสีมา"
        return [data.office]
    edit(theirs, correct)
    assert window.open_file(mine)
    dialog = window.merge_from(theirs)
    assert questions == [] and dialog is not None
    assert dialog.plan.related
    shown = shown_for_change(dialog, "แก้ไขที่อีกไฟล์: ข้อมูลหน่วยงาน")
    assert "อำเภอ: โนนสูง → เมืองนครราชสีมา" in shown
    dialog.reject()


def test_a_separately_created_file_is_asked_with_no_as_the_default(
        qtbot, window: MainWindow, tmp_path: Path, questions: list[dict[str, Any]]) -> None:
    mine = make(tmp_path, "seed000.json", "a.ita")
    separate = make(tmp_path, "seed000.json", "b.ita")

    def retitle(data: m.OfficeFile) -> list[m.Record]:
        x = measures(data)[0]
        x.budget = "๑๐,๐๐๐ บาท"
        return [x]
    edit(separate, retitle)
    assert window.open_file(mine)
    assert window.merge_from(separate) is None
    assert [(q["title"], q["default"]) for q in questions] == [("ไฟล์ที่สร้างแยกกัน", No)]


# --- 2-4. what each row says ---------------------------------------------------------------
def test_a_deletion_at_the_other_pc_is_shown_as_a_deletion_of_the_record(
        qtbot, window: MainWindow, tmp_path: Path) -> None:
    mine, theirs = two_pcs(tmp_path)
    gone: list[str] = []

    def delete(data: m.OfficeFile) -> list[m.Record]:
        x = measures(data)[1]
        x.deleted = True
        gone.append(x.title)
        return [x]
    edit(theirs, delete)
    assert window.open_file(mine)
    dialog = window.merge_from(theirs)
    assert dialog is not None
    texts = rows(dialog.auto)
    assert len(texts) == 1 and texts[0].startswith("ลบ: มาตรการ «")
    assert "แก้ไขที่อีกไฟล์" not in texts[0]
    assert gone[0][:20] in texts[0]
    shown = shown_for_change(dialog, "ลบ:")
    assert "ลบที่อีกไฟล์" in shown and gone[0] in shown  # the record as this PC knows it
    assert "ลบ ๑ รายการ" in dialog.summary.text()
    dialog.accept()
    assert all(x.title != gone[0] for x in measures(window.doc.data))


def test_every_change_taken_from_the_other_pc_reads_field_old_to_new(
        qtbot, window: MainWindow, tmp_path: Path) -> None:
    mine, theirs = two_pcs(tmp_path)
    before: dict[str, str] = {}

    def report(data: m.OfficeFile) -> list[m.Record]:
        x = measures(data)[0]
        r = result_of(data, x)
        before["title"], before["steps"], before["period"] = x.title, x.steps, x.period
        r.status = "done"
        r.output = "อบรมเจ้าหน้าที่ ๓๐ คน"
        x.steps = "ประชุมชี้แจงเจ้าหน้าที่ทุกกอง\nจัดทำคู่มือฉบับใหม่"  # replaced wholesale
        x.period = "ตุลาคม ๒๕๖๗ – กันยายน ๒๕๖๘"
        return [x, r]
    edit(theirs, report)
    assert window.open_file(mine)
    dialog = window.merge_from(theirs)
    assert dialog is not None
    texts = rows(dialog.auto)
    result_row = next(t for t in texts if "รอบ ๑๒ เดือน" in t)
    assert result_row.startswith("แก้ไขที่อีกไฟล์: รายงานผล รอบ ๑๒ เดือน ของมาตรการ «")
    assert "(สถานะ, ผลการดำเนินการ)" in result_row or "(ผลการดำเนินการ, สถานะ)" in result_row
    shown = shown_for_change(dialog, result_row)
    assert "สถานะ: (ว่าง) → ดำเนินการแล้วเสร็จ" in shown and "done" not in shown
    assert "ผลการดำเนินการ: \n" in shown  # a long text that was there: the words that differ
    measure_row = next(t for t in texts if t.startswith("แก้ไขที่อีกไฟล์: มาตรการ «"))
    shown = shown_for_change(dialog, measure_row)
    assert f"ระยะเวลา: {before['period']} → ตุลาคม ๒๕๖๗ – กันยายน ๒๕๖๘" in shown
    page = dialog.diff.toHtml()  # the steps as a word-level diff, not two plain texts
    assert "line-through" in page and "#ddffdd" in page.lower()
    dialog.reject()


def test_a_conflict_names_the_measure_and_the_round(qtbot, window: MainWindow, tmp_path: Path) -> None:
    mine, theirs = two_pcs(tmp_path)
    title = both_report_measure_3(mine, theirs)
    assert window.open_file(mine)
    dialog = window.merge_from(theirs)
    assert dialog is not None and len(dialog.plan.conflicts) == 2
    texts = rows(dialog.list)
    assert all("รอบ ๑๒ เดือน" in t and title[:15] in t for t in texts), texts
    assert "ผลการดำเนินการ — ผลการดำเนินการ" not in " ".join(texts)
    for row in range(dialog.list.count()):  # the details pane is never empty
        dialog.list.setCurrentRow(row)
        assert "รอบ ๑๒ เดือน" in dialog.diff.toPlainText()
    status = texts.index(next(t for t in texts if t.startswith("สถานะ")))
    dialog.list.setCurrentRow(status)
    shown = dialog.diff.toPlainText()
    assert "ไฟล์นี้: อยู่ระหว่างดำเนินการ" in shown and "อีกไฟล์: ดำเนินการแล้วเสร็จ" in shown
    assert "done" not in shown and "in_progress" not in shown
    dialog.reject()


def test_an_undecided_conflict_shows_no_choice_and_a_click_chooses(
        qtbot, window: MainWindow, tmp_path: Path) -> None:
    """Choosing on one conflict and moving to the next: the next one shows neither choice
    ticked (not the previous one's), and clicking the same choice there takes it."""
    mine, theirs = two_pcs(tmp_path)
    both_report_measure_3(mine, theirs)
    assert window.open_file(mine)
    dialog = window.merge_from(theirs)
    assert dialog is not None and len(dialog.plan.conflicts) == 2
    dialog.list.setCurrentRow(0)
    dialog.theirs.click()
    assert dialog.plan.conflicts[0].choice == "theirs"
    dialog.list.setCurrentRow(1)
    assert not dialog.mine.isChecked() and not dialog.theirs.isChecked()
    dialog.theirs.click()
    assert dialog.plan.conflicts[1].choice == "theirs" and dialog.theirs.isChecked()
    dialog.list.setCurrentRow(0)  # back to the first: its choice is shown again
    assert dialog.theirs.isChecked() and not dialog.mine.isChecked()
    dialog.mine.click()
    assert dialog.plan.conflicts[0].choice == "mine" and not dialog.theirs.isChecked()
    dialog.reject()


def test_a_record_deleted_here_and_edited_there_asks_keep_or_delete(
        qtbot, window: MainWindow, tmp_path: Path) -> None:
    mine, theirs = two_pcs(tmp_path)

    def delete(data: m.OfficeFile) -> list[m.Record]:
        x = measures(data)[1]
        x.deleted = True
        return [x]

    def retitle(data: m.OfficeFile) -> list[m.Record]:
        x = measures(data)[1]
        x.title += " (กองคลังแก้)"
        return [x]
    edit(mine, delete)
    edit(theirs, retitle)
    assert window.open_file(mine)
    dialog = window.merge_from(theirs)
    assert dialog is not None
    row = next(i for i, c in enumerate(dialog.plan.conflicts) if c.field == "deleted")
    dialog.list.setCurrentRow(row)
    assert dialog.list.item(row).text().startswith("ลบหรือเก็บไว้ — ")
    shown = dialog.diff.toPlainText()
    assert "ถูกลบในไฟล์นี้" in shown and "อีกไฟล์แก้ไข" in shown, shown
    assert dialog.mine.text().startswith("ลบ") and dialog.theirs.text().startswith("เก็บไว้")
    dialog.theirs.click()
    assert dialog.list.item(row).text().endswith("→ เก็บไว้")
    dialog.reject()


def test_a_merge_with_only_conflicts_says_nothing_is_merged_by_itself(
        qtbot, window: MainWindow, tmp_path: Path) -> None:
    mine, theirs = two_pcs(tmp_path)
    both_report_measure_3(mine, theirs, status=False)
    assert window.open_file(mine)
    dialog = window.merge_from(theirs)
    assert dialog is not None and dialog.plan.conflicts
    assert not dialog.changes and rows(dialog.auto) == ["ไม่มี"]
    dialog.reject()


# --- 5. nothing new -------------------------------------------------------------------------
def test_identical_copies_say_so(qtbot, window: MainWindow, tmp_path: Path, message_boxes: list[str]) -> None:
    mine, theirs = two_pcs(tmp_path)
    assert window.open_file(mine)
    assert window.merge_from(theirs) is None
    assert message_boxes == ["สองไฟล์มีข้อมูลตรงกันแล้ว ไม่มีอะไรต้องรวม"]


def test_an_older_copy_is_said_to_be_older_with_what_this_file_has_more(
        qtbot, window: MainWindow, tmp_path: Path, message_boxes: list[str]) -> None:
    mine, theirs = two_pcs(tmp_path)

    def work_here(data: m.OfficeFile) -> list[m.Record]:
        x, y = measures(data)[:2]
        x.budget, y.budget = "๕,๐๐๐ บาท", "๘,๐๐๐ บาท"
        return [x, y]
    edit(mine, work_here)
    assert window.open_file(mine)
    assert window.merge_from(theirs) is None
    assert message_boxes == ["อีกไฟล์เก่ากว่า ไม่มีอะไรใหม่ให้รับ — ไฟล์นี้มีการแก้ไขที่อีกไฟล์ยังไม่มี ๒ รายการ"]
    assert not window.doc.undo_stack.canUndo()


# --- 6. counts, undo, history ---------------------------------------------------------------
def test_the_summary_counts_the_rows_listed_and_the_undo_names_the_merge(
        qtbot, window: MainWindow, tmp_path: Path) -> None:
    mine, theirs = two_pcs(tmp_path)

    def theirs_work(data: m.OfficeFile) -> list[m.Record]:
        from ita_desktop.domain import edits

        xs = measures(data)
        xs[0].deleted = True
        xs[1].period = "ทั้งปี"
        xs[3].title, xs[3].budget = "ชื่อจากกองคลัง", "๑,๐๐๐ บาท"
        return [xs[0], xs[1], xs[3], edits.add_measure(data, data.live_plans()[0], title="มาตรการใหม่ของกองคลัง")]

    def mine_work(data: m.OfficeFile) -> list[m.Record]:
        xs = measures(data)
        xs[3].title, xs[3].target = "ชื่อจากสำนักปลัด", "ทุกหมู่บ้าน"
        return [xs[3]]
    edit(theirs, theirs_work)
    edit(mine, mine_work)
    assert window.open_file(mine)
    dialog = window.merge_from(theirs)
    assert dialog is not None
    summary = dialog.summary.text()
    texts = rows(dialog.auto)
    kinds = [t.split(":")[0] for t in texts]
    assert sorted(kinds) == sorted(["ลบ", "แก้ไขที่อีกไฟล์", "เพิ่ม", "รวมช่องที่แก้"]), texts
    for kind in set(kinds):
        assert f"{kind} {to_thai_digits(str(kinds.count(kind)))} รายการ" in summary, (kind, summary)
    assert f"ขัดแย้ง {to_thai_digits(str(dialog.list.count()))} ช่อง" in summary
    dialog.choose_all("theirs")
    dialog.accept()
    assert window.undo_action.text() == "เลิกทำ: รวมข้อมูลจาก กองคลัง.ita"
    window.undo()
    assert window.redo_action.text() == "ทำซ้ำ: รวมข้อมูลจาก กองคลัง.ita"


def history_action(window: MainWindow) -> Any:
    file_menu = window.menuBar().actions()[0].menu()
    return next(a for a in file_menu.actions() if a.text() == "ประวัติการรวมข้อมูล…")


def test_merge_history_lists_each_merge_with_a_thai_date(qtbot, window: MainWindow, tmp_path: Path) -> None:
    from ita_desktop.ui.dialogs.merge_history import MergeHistoryDialog

    mine, theirs = two_pcs(tmp_path)
    assert window.open_file(mine)
    history_action(window).trigger()
    dialog = window.findChild(MergeHistoryDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.table.rowCount() == 0 and "ยังไม่เคยรวมข้อมูล" in dialog.empty.text()
    dialog.close()
    dialog.deleteLater()

    def period(data: m.OfficeFile) -> list[m.Record]:
        x = measures(data)[0]
        x.period = "ทั้งปี"
        return [x]
    edit(theirs, period)
    review = window.merge_from(theirs)
    assert review is not None
    review.accept()
    history_action(window).trigger()
    dialog = next(d for d in window.findChildren(MergeHistoryDialog) if d.isVisible())
    assert dialog.table.rowCount() == 1 and dialog.empty.isHidden()
    when, source, summary = (dialog.table.item(0, c).text() for c in range(3))
    assert any(month in when for month in ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.",
                                           "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."))
    assert "๒๕" in when and "น." in when and not any(c.isdigit() and c.isascii() for c in when)
    assert source == "กองคลัง.ita" and dialog.table.item(0, 1).toolTip() == str(theirs)
    assert summary == "แก้ไขที่อีกไฟล์ ๑ รายการ"


# --- 7. no copies of the other file left in the temporary folder --------------------------
@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def left(scratch: Path) -> list[str]:
    return sorted(p.name for p in scratch.iterdir() if p.name.startswith("ita-merge-"))


def test_a_merge_reviewed_then_cancelled_or_applied_leaves_no_copy(
        qtbot, window: MainWindow, tmp_path: Path, scratch: Path) -> None:
    mine, theirs = two_pcs(tmp_path)

    def period(data: m.OfficeFile) -> list[m.Record]:
        x = measures(data)[0]
        x.period = "ทั้งปี"
        return [x]
    edit(theirs, period)
    assert window.open_file(mine)
    dialog = window.merge_from(theirs)
    assert dialog is not None
    dialog.reject()
    assert left(scratch) == []
    dialog = window.merge_from(theirs)
    assert dialog is not None
    dialog.accept()
    window.undo()
    window.redo()
    assert left(scratch) == []


def test_the_merge_command_refused_leaves_no_output_and_no_copy(tmp_path: Path, scratch: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    from ita_desktop import cli

    mine = make(tmp_path, "seed000.json", "โนนสูง.ita")
    other = make(tmp_path, "seed002.json", "บ้านผือ.ita")
    out = tmp_path / "รวม.ita"
    assert cli.main(["merge", str(mine), str(other), "-o", str(out)]) == 2
    assert "หน่วยงานอื่น" in capsys.readouterr().err
    assert not out.exists() and left(scratch) == []
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith((".ita-", "รวม"))]
