"""The OIT register page as a clerk uses it (issue 16): started through the app's one start,
the demo file open; the register of 2569 made from the catalog, a URL typed, the answer
chosen, the คำอธิบาย drafted, copied for ITAS, exported as CSV, an evidence file attached;
undo takes each step back."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from ita_desktop.ui.main_window import MainWindow
from ita_desktop.ui.pages.register import RegisterPage
from tests.conftest import type_text
from tests.gui.conftest import start_app

SITE = "https://www.thungsukjai.go.th"
STRUCTURE = SITE + "/structure"
PAGE = "https://www.facebook.com/thungsukjai"
REPORT = SITE + "/ita/2568-report"



def _made_register(window: MainWindow, year: int) -> RegisterPage:
    """The register page showing `year`, its register made."""
    _open_register(window)
    page = window.register_page
    page.years.setCurrentIndex(page.years.findData(year))
    page.make_register()
    return page


def _open_register(window: MainWindow) -> None:
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    window.nav.setCurrentRow(titles.index("ทะเบียนการเปิดเผยข้อมูล (OIT)"))
    QApplication.processEvents()


def test_a_clerk_makes_the_2569_register_fills_an_item_and_copies_it_for_itas(
        qtbot, fresh_home: Path, tmp_path: Path, message_boxes: list[str]) -> None:
    window = start_app(qtbot)
    assert window.doc is not None
    window.doc.set_field(window.doc.data.office, "website", SITE)
    _open_register(window)
    page = window.register_page
    page.years.setCurrentIndex(page.years.findData(2569))
    assert "ยังไม่ได้สร้างทะเบียน" in page.summary.text()
    assert not page.editor.inputs.isEnabled()  # nothing to type into before the register exists
    qtbot.mouseClick(page.make_button, Qt.MouseButton.LeftButton)
    assert len(window.doc.data.oit_entries_of(2569)) == 26
    assert page.table.rowCount() == 26 and not page.make_button.isVisible()
    assert "ยังไม่ตรวจ ๒๖" in page.summary.text()

    page.select("o1")
    editor = page.editor
    assert editor.inputs.isEnabled() and editor.heading.text().startswith("O1 ")
    editor.answer.setCurrentIndex(editor.answer.findData("yes"))
    qtbot.mouseClick(next(b for b in editor.findChildren(type(editor.reviewed)) if b.text() == "เพิ่มลิงก์"),
                     Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    assert editor.links.rowCount() == 1
    editor.links.item(0, 0).setText(STRUCTURE)
    editor.links.item(0, 1).setText("โครงสร้างส่วนราชการ")
    editor.location.setFocus()
    type_text(editor.location, "หน้าแรก > ข้อมูลพื้นฐาน > โครงสร้าง")
    editor.location.commit()
    editor.published.setText("15 ต.ค. 2568")
    editor.published.commit()
    entry = window.doc.data.oit_entries_of(2569)["o1"]
    assert entry.answer == "yes" and entry.published_on == "2025-10-15"
    assert entry.links == [{"url": STRUCTURE, "title": "โครงสร้างส่วนราชการ"}]
    assert entry.location == "หน้าแรก > ข้อมูลพื้นฐาน > โครงสร้าง"
    assert "มีพร้อม URL ๑" in page.summary.text()
    # the explanation is drafted (shown faint) until the clerk types one
    assert "โครงสร้าง" in editor.explanation.placeholderText() and entry.explanation == ""

    qtbot.mouseClick(page.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert copied.splitlines()[:3] == ["O1 โครงสร้าง หน้าที่และอำนาจ", "คำตอบ: มี", "URL: " + STRUCTURE]
    assert "เผยแพร่เมื่อวันที่ ๑๕ ต.ค. ๒๕๖๘" in copied

    # a URL off the main website is flagged on the item and in the list
    page.select("o4")
    page.editor.add_link()
    page.editor.links.item(0, 0).setText(PAGE)
    assert window.doc.data.oit_entries_of(2569)["o4"].answer == "yes"  # a URL typed: the item exists
    assert "นอกเว็บหลัก" in page.table.item(3, 4).text()
    assert "ไม่อยู่บนเว็บไซต์หลัก" in page.editor.links.item(0, 2).text()

    # the app's own report answers O26: its URL and date typed here are kept on the document
    page.select("o26")
    (answering, _state, url, day, _note) = page.editor.documents.fields[0]
    assert answering.plan.fiscal_year == 2568 and answering.round == "year"
    url.setText(REPORT)
    url.commit()
    day.setText("5 ต.ค. 2568")
    day.commit()
    issued = next(d for d in window.doc.data.documents if d.document == "implementation" and d.round == "year")
    assert (issued.url, issued.published_on) == (REPORT, "2025-10-05")
    row = next(r for r in page.rows if r.code == "o26")
    assert row.answer == "yes" and row.links[0]["url"] == REPORT and row.published_on == "2025-10-05"

    # CSV for Excel: UTF-8 with its BOM, one row per item
    out = tmp_path / "ทะเบียน.csv"
    assert page.write_csv(out)
    text = out.read_bytes().decode("utf-8")
    assert text.startswith("\ufeffข้อ,รายการ,มี/ไม่มี,URL") and STRUCTURE in text

    # evidence: copied into the file, shown with its size; too big is refused in Thai
    page.select("o1")
    scan = tmp_path / "คำสั่ง.pdf"
    scan.write_bytes(b"%PDF-1.4\n" + b"0" * 5000)
    assert page.editor.attach_evidence(scan)
    entry = window.doc.data.oit_entries_of(2569)["o1"]
    assert window.doc.data.attachment(entry.evidence_id).name == "คำสั่ง.pdf"  # type: ignore[union-attr]
    assert "คำสั่ง.pdf" in page.editor.evidence.text()
    huge = tmp_path / "ใหญ่.pdf"
    with huge.open("wb") as fh:
        fh.truncate(11_000_000)
    assert not page.editor.attach_evidence(huge)
    assert message_boxes and "ใหญ่เกิน" in message_boxes[-1]

    # each step is one undo step, the register included
    for _ in range(40):
        if not window.doc.undo_stack.canUndo():
            break
        window.doc.undo_stack.undo()
    assert window.doc.data.oit_entries_of(2569) == {}
    window.doc.flush()
    window.close_document()


def test_the_register_page_of_a_file_with_no_catalog_year_says_so(qtbot, fresh_home: Path) -> None:
    window = start_app(qtbot)
    _open_register(window)
    page = window.register_page
    assert page.years.count() >= 2  # 2568 and 2569 at least
    assert page.summary.text()
    window.close_document()


def test_the_office_words_its_memo_once_and_only_what_differs_is_kept(qtbot, fresh_home: Path, tmp_path: Path) -> None:
    from ita_desktop.ui.dialogs.wording import WordingDialog

    window = start_app(qtbot)
    doc = window.doc
    assert doc is not None
    dialog = window.register_page.edit_memo_wording()
    assert isinstance(dialog, WordingDialog)
    subject = dialog.levels["analysis"].edits["subject"]
    subject.setText("ขออนุมัติมาตรการ ปีงบประมาณ {ปีงบประมาณ}")
    emblem = tmp_path / "ครุฑ.png"
    emblem.write_bytes(bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                                     "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"))
    assert dialog.load_emblem(emblem)
    dialog.save()
    kept = doc.data.template("memo")
    assert kept["analysis"] == {"subject": "ขออนุมัติมาตรการ ปีงบประมาณ {ปีงบประมาณ}"}
    assert doc.data.attachment(str(kept["emblem"])) is not None
    assert set(kept) == {"analysis", "emblem"}  # the rest stays the bundled default
    again = window.register_page.edit_memo_wording()
    assert isinstance(again, WordingDialog)
    assert again.levels["analysis"].edits["subject"].text().startswith("ขออนุมัติมาตรการ")
    again.restore_defaults()
    again.save()
    assert set(doc.data.template("memo")) == {"emblem"}  # the picture is the office's, not wording
    window.close_document()


def test_the_register_a_form_and_a_memo_are_printed_from_the_print_screen(qtbot, fresh_home: Path,
                                                                           tmp_path: Path) -> None:
    from tests.support.reports import page_texts

    def page_texts_bytes(pdf: bytes, folder: Path) -> list[str]:
        target = folder / "shown.pdf"
        target.write_bytes(pdf)
        return page_texts(target)

    window = start_app(qtbot)
    doc = window.doc
    assert doc is not None
    page = _made_register(window, 2569)
    entry = doc.data.oit_entries_of(2569)["o1"]
    doc.set_field(entry, "answer", "yes")
    doc.set_field(entry, "links", [{"url": STRUCTURE, "title": "โครงสร้างส่วนราชการ"}])
    page.select("o1")

    screen = page.print_register()
    assert screen is not None
    qtbot.addWidget(screen)
    assert screen.year_label is not None and screen.year_label.text() == "ปีประเมิน ITA"
    qtbot.waitUntil(lambda: screen.rendered is not None and screen._requested is not None
                    and screen._requested.document == "oit-register" and not screen.worker.busy, timeout=120_000)
    text = "".join(page_texts_bytes(screen.rendered["pdf"], tmp_path))
    assert "ทะเบียน" in text and STRUCTURE.split("//")[1] in "".join(text.split())
    assert screen.rendered["orientation"] == "landscape"
    # the memo: signatories of the document it asks about, the year of the plan
    with qtbot.waitSignal(screen.preview_ready, timeout=120_000):
        screen.fields["document"].put("memo")
    assert screen.year_label.text() == "ปีงบประมาณ" and screen.year.currentData() == 2568
    assert "บันทึกข้อความ" in "".join(page_texts_bytes(screen.rendered["pdf"], tmp_path))
    screen.reject()
    form = page.print_form()
    assert form is not None
    qtbot.addWidget(form)
    assert form.fields["items"].get() == "o1"
    form.reject()
    window.close_document()


def test_a_measure_names_the_oit_item_it_answers_and_the_register_says_so(qtbot, fresh_home: Path) -> None:
    window = start_app(qtbot)
    doc = window.doc
    assert doc is not None
    window.nav.setCurrentRow(2)
    editor = window.plan_page.editor
    measure = editor.measure
    assert measure is not None
    assert editor.oit_label is not None and "๒๕๖๘" in editor.oit_label.text()  # the ITA year of its items
    editor.oit_items.menu().aboutToShow.emit()  # the menu opened: its items are made
    action = next(a for code, a in editor._oit_actions if code == "o8")
    action.trigger()
    assert measure.oit_items == ["o8"] and editor.oit_items.text() == "O8"
    assert "คู่มือ" in editor.oit_items.toolTip()
    page = _made_register(window, 2568)
    page.select("o8")
    assert "มาตรการที่ตอบข้อนี้" in page.editor.hint.text()
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert measure.oit_items == []
    window.close_document()


def test_checking_the_links_keeps_what_each_check_said_beside_its_url(qtbot, fresh_home: Path) -> None:
    """ตรวจลิงก์ against a web server on this PC (no internet in tests): the result is kept on
    the link, shown in its row, and undone as one step."""
    import http.server
    import threading

    class Pages(http.server.BaseHTTPRequestHandler):
        def do_HEAD(self) -> None:
            self.send_response(200 if self.path == "/ok" else 404)
            self.end_headers()

        do_GET = do_HEAD

        def log_message(self, *_args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        window = start_app(qtbot)
        doc = window.doc
        assert doc is not None
        page = _made_register(window, 2569)
        entry = doc.data.oit_entries_of(2569)["o1"]
        doc.set_field(entry, "links", [{"url": base + "/ok", "title": ""}, {"url": base + "/gone", "title": ""}])
        page.select("o1")
        assert page.check_button.isEnabled()
        page.check_links()
        qtbot.waitUntil(lambda: all("check" in x for x in entry.links), timeout=30_000)
        said = [x["check"] for x in entry.links]
        assert "200" in said[0] and "404" in said[1]
        assert "404" in page.editor.links.item(1, 2).text()
        doc.undo_stack.undo()
        assert all("check" not in x for x in entry.links)
        window.close_document()
    finally:
        server.shutdown()
