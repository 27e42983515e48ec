"""Last year's report from Word, and a table pasted from Word or Excel (issue 17): the preview
with its guessed columns, a column changed by the clerk and remembered, the measures added
after this year's as one undo step; an old .doc refused in Thai."""
from __future__ import annotations

from pathlib import Path

import docx
from PySide6.QtCore import QMimeData

from ita_desktop.ui.dialogs.table_import import TableImportDialog
from tests.gui.conftest import start_app

HEADER = ("ลำดับ", "มาตรการ/โครงการ", "ขั้นตอนการดำเนินการ", "ระยะเวลา", "ผู้รับผิดชอบ", "หมายเหตุภายใน",
          "ผลการดำเนินการ")
ROWS = (("1", "จัดทำคู่มือการปฏิบัติงานของเจ้าหน้าที่", "แต่งตั้งคณะทำงาน\nจัดทำคู่มือ", "ต.ค. 2568 – ก.ย. 2569", "สำนักปลัด", "-",
         "จัดทำคู่มือแล้ว"),
        ("2", "ประกาศเจตนารมณ์ No Gift Policy", "ประชุมชี้แจงบุคลากร", "ต.ค. 2568", "กองคลัง", "-", "ประกาศแล้ว"))



def _report(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ปีงบประมาณ พ.ศ. ๒๕๖๘")
    table = document.add_table(rows=1 + len(ROWS), cols=len(HEADER))
    for c, text in enumerate(HEADER):
        table.cell(0, c).text = text
    for r, row in enumerate(ROWS, 1):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    document.save(str(path))
    return path


def test_last_years_word_report_goes_into_a_new_plan_as_one_step(qtbot, fresh_home: Path, tmp_path: Path,
                                                                  message_boxes: list[str]) -> None:
    window = start_app(qtbot)
    doc = window.doc
    assert doc is not None
    dialog = window.import_docx_from(_report(tmp_path / "รายงาน 2568.docx"))
    assert isinstance(dialog, TableImportDialog)
    qtbot.addWidget(dialog)
    assert [m.title for m in dialog.measures] == [ROWS[0][1], ROWS[1][1]]
    guessed = {c: combo.currentData() for c, combo in enumerate(dialog.combos)}
    assert guessed[1] == "title" and guessed[2] == "steps" and guessed[4] == "responsible"
    assert not guessed[5]  # a column the clerk keeps to himself is not imported
    assert guessed[6] == "output" and dialog.results.currentData() == ""  # last year's results stay behind
    dialog.combos[3].setCurrentIndex(dialog.combos[3].findData(""))  # the clerk leaves out the period
    dialog.year.setValue(2569)
    assert "จะสร้างใหม่" in dialog.target.text() and "ITA ปี ๒๕๖๗" in dialog.target.text()  # what it is based on
    dialog.do_import()
    plan = doc.data.plan(2569)
    assert plan is not None
    measures = doc.data.measures_of(plan.id)
    assert [x.title for x in measures] == [ROWS[0][1], ROWS[1][1]]
    assert measures[0].period == "" and measures[0].responsible == "สำนักปลัด"
    assert doc.data.result(measures[0].id, "year") is None
    assert window.plan_page.plan is not None and window.plan_page.plan.fiscal_year == 2569  # shown
    # the same report again: the measures the year already has are left out unless asked
    twice = window.import_docx_from(_report(tmp_path / "ซ้ำ.docx"))
    assert isinstance(twice, TableImportDialog)
    qtbot.addWidget(twice)
    twice.year.setValue(2569)
    assert twice.skip_same.isVisibleTo(twice) and twice.chosen() == []
    twice.skip_same.setChecked(False)
    assert len(twice.chosen()) == 2
    twice.reject()
    doc.undo_stack.undo()
    assert doc.data.plan(2569) is None  # one step: the plan and its measures
    # the column left out is remembered for a file of the same header
    again = window.import_docx_from(_report(tmp_path / "อีกฉบับ.docx"))
    assert isinstance(again, TableImportDialog)
    qtbot.addWidget(again)
    assert not again.combos[3].currentData()
    again.reject()
    # an old Word file is refused, saying what to do
    old = tmp_path / "เก่า.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert window.import_docx_from(old) is None
    assert message_boxes and ".docx" in message_boxes[-1]
    window.close_document()


def test_a_table_pasted_from_word_is_added_after_this_years_measures(qtbot, fresh_home: Path) -> None:
    window = start_app(qtbot)
    doc = window.doc
    assert doc is not None
    window.nav.setCurrentRow(2)
    page = window.plan_page
    assert page.plan is not None
    before = [x.id for x in doc.data.measures_of(page.plan.id)]
    mime = QMimeData()
    cells = "".join(f"<td><p class=MsoNormal><span lang=TH>{t}</span></p></td>" for t in HEADER[:3])
    body = "".join("<tr>" + "".join(f"<td><p class=MsoNormal><span lang=TH>{t}</span></p></td>" for t in row[:3])
                   + "</tr>" for row in ROWS)
    mime.setHtml("<html><body><!--StartFragment--><table class=MsoTableGrid><tr>" + cells + "</tr>" + body
                 + "</table><!--EndFragment--></body></html>")
    mime.setText("ข้อความธรรมดา")
    dialog = page.paste_table(mime)
    assert isinstance(dialog, TableImportDialog)
    qtbot.addWidget(dialog)
    assert not dialog.year.isEnabled()  # pasted into the year on screen
    dialog.do_import()
    after = doc.data.measures_of(page.plan.id)
    assert [x.id for x in after[:len(before)]] == before  # nothing already typed moves or changes
    assert [x.title for x in after[len(before):]] == [ROWS[0][1], ROWS[1][1]]
    doc.undo_stack.undo()
    assert [x.id for x in doc.data.measures_of(page.plan.id)] == before
    window.close_document()


def test_the_print_screen_saves_the_same_document_as_a_word_file(qtbot, fresh_home: Path, tmp_path: Path) -> None:
    import zipfile

    window = start_app(qtbot)
    doc = window.doc
    assert doc is not None
    screen = window.print_report()
    assert screen is not None
    qtbot.addWidget(screen)
    qtbot.waitUntil(lambda: screen.rendered is not None and not screen.worker.busy, timeout=120_000)
    assert screen.word_button.isEnabled()
    screen.fields["word_font"].put("TH SarabunIT๙")  # the font the office's Word has
    out = tmp_path / "รายงาน.docx"
    assert screen.save_word(out)
    with zipfile.ZipFile(out) as z:
        body = z.read("word/document.xml").decode("utf-8")
        assert 'w:cs="TH SarabunIT๙"' in z.read("word/styles.xml").decode("utf-8")
    plan = doc.data.live_plans()[-1]
    first = doc.data.measures_of(plan.id)[0]
    from ita_desktop.domain import markup

    assert markup.plain_text(first.title)[:12] in body and "<w:cs/>" in body
    # the memo asking to approve it: a Word file too, once its preview is ready
    screen.fields["document"].put("memo")
    qtbot.waitUntil(lambda: screen.word_button.isEnabled(), timeout=120_000)
    memo = tmp_path / "บันทึกข้อความ.docx"
    assert screen.save_word(memo)
    with zipfile.ZipFile(memo) as z:
        body = z.read("word/document.xml").decode("utf-8")
    assert "บันทึกข้อความ" in body and "เรียน" in body and "<w:cs/>" in body
    assert 'w:leader="dot"' in body and "thaiDistribute" in body
    # the photos print as PDF only
    screen.fields["document"].put("photos")
    qtbot.waitUntil(lambda: not screen.worker.busy, timeout=120_000)
    assert not screen.word_button.isEnabled()
    assert not screen.save_word(tmp_path / "ภาพ.docx") and not (tmp_path / "ภาพ.docx").exists()
    screen.reject()
    window.close_document()


SPREADSHEET = (
    '<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
    'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="Sheet1"><Table>'
    '<Row><Cell><Data ss:Type="String">มาตรการ</Data></Cell><Cell><Data ss:Type="String">ผู้รับผิดชอบ</Data></Cell></Row>'
    '<Row><Cell><Data ss:Type="String">จัดอบรมคุณธรรมจริยธรรม</Data></Cell><Cell><Data ss:Type="String">สำนักปลัด</Data></Cell></Row>'
    '</Table></Worksheet></Workbook>')
EXCEL_FORMAT = 'application/x-qt-windows-mime;value="XML Spreadsheet"'


def test_rows_pasted_from_excel_replace_the_chosen_measures_in_their_place(qtbot, fresh_home: Path) -> None:
    from PySide6.QtCore import QItemSelectionModel

    window = start_app(qtbot)
    doc = window.doc
    assert doc is not None
    window.nav.setCurrentRow(2)
    page = window.plan_page
    assert page.plan is not None and page.model is not None
    before = doc.data.measures_of(page.plan.id)
    model = page.table.model()
    selection = page.table.selectionModel()
    selection.clearSelection()
    for row in (1, 2):
        selection.select(model.index(row, 0), QItemSelectionModel.SelectionFlag.Select
                         | QItemSelectionModel.SelectionFlag.Rows)
    mime = QMimeData()
    mime.setData(EXCEL_FORMAT, SPREADSHEET.encode("utf-8"))
    mime.setText("มาตรการ\tผู้รับผิดชอบ")  # Excel's own format wins over its text
    dialog = page.paste_table(mime)
    assert isinstance(dialog, TableImportDialog)
    qtbot.addWidget(dialog)
    assert dialog.replace.isVisibleTo(dialog) and len(dialog.replaceable) == 2
    dialog.replace.setChecked(True)
    dialog.do_import()
    after = doc.data.measures_of(page.plan.id)
    assert [x.title for x in after[:2]] == [before[0].title, "จัดอบรมคุณธรรมจริยธรรม"]
    assert after[2:] == before[3:] and len(after) == len(before) - 1
    # more rows of the same sheet, copied without their header: mapped as the last paste of two columns
    rows_only = QMimeData()
    rows_only.setData(EXCEL_FORMAT, SPREADSHEET.replace(
        '<Row><Cell><Data ss:Type="String">มาตรการ</Data></Cell><Cell><Data ss:Type="String">ผู้รับผิดชอบ</Data></Cell></Row>',
        "").replace("จัดอบรมคุณธรรมจริยธรรม", "ประชุมประจำเดือนพนักงาน").encode("utf-8"))
    again = page.paste_table(rows_only)
    assert isinstance(again, TableImportDialog)
    qtbot.addWidget(again)
    assert [c.currentData() for c in again.combos] == ["title", "responsible"]
    again.reject()
    doc.undo_stack.undo()
    assert doc.data.measures_of(page.plan.id) == before
    window.close_document()
