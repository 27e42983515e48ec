"""The print screen, driven as a clerk drives it: live preview from the render worker, Save as
PDF, printing to a QPrinter, signatories stored in the file."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDoubleSpinBox
from pythainlp.util import normalize

from ita_desktop.store.db import Store
from ita_desktop.thai import words
from ita_desktop.thai.digits import to_thai_digits
from ita_desktop.ui.main_window import MainWindow
from tests.conftest import FIXTURES, type_text
from tests.support.reports import page_texts, pdfcheck, pdfium, watermarked_pages

WAIT = 120_000  # the first render starts the worker process and loads the dictionary


@pytest.fixture
def window(qtbot, tmp_path: Path):
    words.ensure_loaded()
    w = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.show()
    yield w
    w.close_document()


def _open(w: MainWindow, tmp_path: Path, seed: str = "seed002.json") -> None:
    assert w.import_json_to(FIXTURES / seed, tmp_path / "ข้อมูล.ita")


def _screen(qtbot, w: MainWindow):
    screen = w.print_report()
    assert screen is not None
    qtbot.addWidget(screen)
    qtbot.waitUntil(lambda: screen.rendered is not None, timeout=WAIT)
    return screen


def test_preview_save_and_what_was_typed_last(qtbot, window, tmp_path):
    _open(window, tmp_path)
    measure = window.doc.data.measures_of(window.doc.data.live_plans()[0].id)[0]
    window.doc.set_field(measure, "period", "ตลอดปีงบประมาณ พ.ศ. ๒๕๖๘")
    screen = _screen(qtbot, window)
    assert screen.pdf.pageCount() == screen.rendered["pages"] > 1
    with qtbot.waitSignal(screen.preview_ready, timeout=WAIT):
        screen.layout_kind.setCurrentIndex(screen.layout_kind.findData("blocks"))
    screen.headings["output"].setText("สรุปผลการดำเนินการตามมาตรการ")
    with qtbot.waitSignal(screen.preview_ready, timeout=WAIT):
        screen.headings["output"].editingFinished.emit()
    out = tmp_path / "รายงาน.pdf"
    assert screen.save_pdf(out)
    defects, report = pdfcheck(out, FIXTURES / "seed002.json", tmp_path)
    assert defects == 0, report
    text = normalize("".join(page_texts(out)))
    assert "ตลอดปีงบประมาณ พ.ศ. ๒๕๖๘" in text and "สรุปผลการดำเนินการตามมาตรการ" in text
    # a place that cannot be written: a Thai message, no crash
    assert not screen.save_pdf(tmp_path / "ไม่มีโฟลเดอร์" / "x.pdf")
    assert "บันทึก" in screen.status.text() and "ไม่ได้" in screen.status.text()
    # the options are remembered for this file
    screen.close()
    again = window.print_report()
    qtbot.addWidget(again)
    assert again.layout_kind.currentData() == "blocks"
    assert again.headings["output"].text() == "สรุปผลการดำเนินการตามมาตรการ"
    again.close()


def test_two_rapid_requests_give_one_render(qtbot, window, tmp_path):
    _open(window, tmp_path)
    screen = _screen(qtbot, window)
    before = screen.worker.renders
    with qtbot.waitSignal(screen.preview_ready, timeout=WAIT):
        screen.digits.setCurrentIndex(screen.digits.findData("arabic"))
        screen.page_numbers.setCurrentIndex(screen.page_numbers.findData("of"))
    qtbot.wait(500)
    assert screen.worker.renders == before + 1
    assert "หน้า 2 จาก" in "".join(page_texts_bytes(screen.rendered["pdf"], tmp_path))
    screen.close()


def page_texts_bytes(data: bytes, tmp: Path) -> list[str]:
    path = tmp / "preview.pdf"
    path.write_bytes(data)
    return page_texts(path)


def _watermarked(data: bytes, tmp: Path) -> list[bool]:
    """Pages with the "ฉบับร่าง" watermark (outlines, no text)."""
    path = tmp / "preview.pdf"
    path.write_bytes(data)
    return watermarked_pages(path)


def _left_ink_mm(pdf: Path, page: int) -> float:
    """Where the leftmost dark pixel of the page body lies, in mm from the left edge."""
    doc = pdfium.PdfDocument(str(pdf))
    try:
        w_pt, h_pt = doc[page].get_size()
        image = doc[page].render(scale=4).to_pil().convert("L")
    finally:
        doc.close()
    w, h = image.size
    top = int(h * 2.6 / (h_pt / 72 * 2.54))  # below the top margin (the page number lives there)
    px = image.load()
    for x in range(w):
        if any(px[x, y] < 128 for y in range(top, h)):
            return x / w * w_pt / 72 * 25.4
    return -1.0


@pytest.mark.parametrize("layout,orientation", [("blocks", "portrait"), ("table", "landscape")])
def test_printing_puts_the_text_at_the_left_margin(qtbot, window, tmp_path, layout, orientation):
    _open(window, tmp_path)
    screen = _screen(qtbot, window)
    if screen.layout_kind.currentData() != layout:
        with qtbot.waitSignal(screen.preview_ready, timeout=WAIT):
            screen.layout_kind.setCurrentIndex(screen.layout_kind.findData(layout))
    assert screen.rendered["orientation"] == orientation
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setResolution(150)
    out = tmp_path / f"printed-{layout}.pdf"
    printer.setOutputFileName(str(out))
    assert screen.print_to(printer) == screen.rendered["pages"]
    doc = pdfium.PdfDocument(str(out))
    w, h = doc[0].get_size()
    doc.close()
    assert (w > h) == (orientation == "landscape")
    assert abs(_left_ink_mm(out, 1) - 30.0) <= 1.0  # the 3 cm left margin, ±1 mm
    # page range 2–3 gives two pages
    ranged = QPrinter(QPrinter.PrinterMode.HighResolution)
    ranged.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    ranged.setResolution(72)
    ranged.setOutputFileName(str(tmp_path / "range.pdf"))
    ranged.setPrintRange(QPrinter.PrintRange.PageRange)
    ranged.setFromTo(2, 3)
    assert screen.print_to(ranged) == 2
    assert len(page_texts(tmp_path / "range.pdf")) == 2
    screen.close()


def test_analysis_document_and_signatories_in_the_file(qtbot, window, tmp_path):
    _open(window, tmp_path, "seed004.json")
    screen = _screen(qtbot, window)
    with qtbot.waitSignal(screen.preview_ready, timeout=WAIT):
        screen.document.setCurrentIndex(screen.document.findData("analysis"))
    assert screen.selected_columns()[0] == "group"
    field = screen.signer_fields[("approver", "name")]
    field.setText("นายสมศักดิ์ รักถิ่น")
    with qtbot.waitSignal(screen.preview_ready, timeout=WAIT):
        field.editingFinished.emit()
    plan = window.doc.data.live_plans()[0]
    stored = window.doc.data.signatory(plan.id, "analysis", "", "approver")
    assert stored is not None and stored.name == "นายสมศักดิ์ รักถิ่น"
    text = normalize("".join(page_texts_bytes(screen.rendered["pdf"], tmp_path)))
    assert "(นายสมศักดิ์ รักถิ่น)" in text and "ภาพที่ ๒" in text
    # a bad date: a Thai message and nothing to print
    screen.sign_date.setText("๓๑ กุมภาพันธ์ ๒๕๖๘")
    with qtbot.waitSignal(screen.failed, timeout=5000) as signal:
        screen.sign_date.editingFinished.emit()
    assert "วันที่" in signal.args[0]
    assert not screen.print_button.isEnabled()
    screen.sign_date.setText("")
    for i in range(screen.columns.count()):
        screen.columns.item(i).setCheckState(Qt.CheckState.Unchecked)
    assert "อย่างน้อยหนึ่งคอลัมน์" in screen.status.text()
    screen.close()


def test_booklet_approval_and_file_name(qtbot, window, tmp_path):
    _open(window, tmp_path)
    screen = _screen(qtbot, window)
    assert all(_watermarked(screen.rendered["pdf"], tmp_path))
    with qtbot.waitSignal(screen.preview_ready, timeout=WAIT):
        screen.front.setChecked(True)
    texts = [normalize(t) for t in page_texts_bytes(screen.rendered["pdf"], tmp_path)]
    assert "คำนำ" in texts[1] and "สารบัญ" in texts[2]
    screen.sign_date.setText("๓๐ กันยายน ๒๕๖๘")
    for role in ("preparer", "proposer", "approver"):  # approving needs the people who sign
        screen.signer_fields[(role, "name")].setText("นายสมศักดิ์ รักถิ่น")
        screen.signer_fields[(role, "name")].editingFinished.emit()
    with qtbot.waitSignal(screen.preview_ready, timeout=WAIT):
        screen.approved.setChecked(True)
    plan = window.doc.data.live_plans()[0]
    issued = [d for d in window.doc.data.documents if d.plan_id == plan.id and not d.deleted]
    assert len(issued) == 1 and issued[0].approved_on == "2025-09-30"
    assert not any(_watermarked(screen.rendered["pdf"], tmp_path))
    # FY 2568's year-end report is evidence for ITA 2569 (its o26), not for the 2567 result's o35
    assert screen.suggested_name() == "O26_2568_report_year.pdf"
    screen.close()


def _saved(window, document: str, round_: str):
    plan = window.doc.data.live_plans()[-1]
    return window.doc.data.print_settings_of(plan.id, document, round_)


def test_options_are_kept_in_the_file_per_document_and_round(qtbot, window, tmp_path):
    """Saved through the open document (one undo step) when the clerk saves the PDF, for the
    chosen year, document and round; loaded again when that document is chosen; image files
    of this PC are kept on this PC, never in the file."""
    _open(window, tmp_path)
    screen = _screen(qtbot, window)
    image = tmp_path / "ภาคผนวก.png"
    shutil.copyfile(Path(__file__).resolve().parents[2] / "resources" / "icons" / "ita-desktop-256.png", image)
    screen.appendix.addItem(str(image))
    with qtbot.waitSignal(screen.preview_ready, timeout=WAIT):
        screen.digits.setCurrentIndex(screen.digits.findData("arabic"))
    assert _saved(window, "implementation", "year") is None  # not on every change
    assert screen.save_pdf(tmp_path / "a.pdf")
    kept = _saved(window, "implementation", "year")
    assert kept is not None and kept.options == {"digits": "arabic"}
    assert window.doc.undo_stack.undoText() == "ค่าการพิมพ์"
    # another document: nothing saved for it yet, its own habits; then its own settings
    with qtbot.waitSignal(screen.preview_ready, timeout=WAIT):
        screen.document.setCurrentIndex(screen.document.findData("analysis"))
    assert screen.cover.isChecked() and screen.selected_columns()[0] == "group"
    with qtbot.waitSignal(screen.preview_ready, timeout=WAIT):
        screen.digits.setCurrentIndex(screen.digits.findData("thai"))
    assert screen.save_pdf(tmp_path / "b.pdf")
    assert _saved(window, "analysis", "") is None  # the defaults: nothing to keep
    with qtbot.waitSignal(screen.preview_ready, timeout=WAIT):
        screen.document.setCurrentIndex(screen.document.findData("implementation"))
    assert screen.digits.currentData() == "arabic" and not screen.cover.isChecked()
    screen.close()
    window.doc.flush()
    store = Store.open_readonly(window.doc.path)
    try:
        on_disk = store.load().print_settings
    finally:
        store.close()
    assert sorted((s.document, s.round, s.options) for s in on_disk) == [
        ("implementation", "year", {"digits": "arabic"})]
    assert str(image) not in json.dumps([s.options for s in on_disk], ensure_ascii=False)
    # opened again on this PC: the document last printed here, its images of this PC
    again = _screen(qtbot, window)
    assert again.document.currentData() == "implementation" and again.digits.currentData() == "arabic"
    assert [again.appendix.item(i).text() for i in range(again.appendix.count())] == [str(image)]
    assert not [k for k in window.settings.allKeys() if k.startswith("print/")]
    again.close()


def test_a_message_names_the_field_by_its_thai_label(qtbot, window, tmp_path):
    _open(window, tmp_path)
    screen = _screen(qtbot, window)
    screen.title.setPlainText("{ชื่อเล่น}")
    assert screen.status.text().startswith("หัวเรื่อง: ไม่รู้จัก {ชื่อเล่น}")
    assert "--" not in screen.status.text() and not screen.save_button.isEnabled()
    screen.close()


def test_options_remembered_by_an_older_version_are_taken_once(qtbot, window, tmp_path):
    _open(window, tmp_path)
    key = "print/" + str(window.doc.path).replace("/", "|").replace("\\", "|")
    window.settings.setValue(key, json.dumps({"document": "implementation", "round": "half", "layout": "blocks",
                                              "page_numbers": "of", "fiscal_year": 2568, "colour": "red"}))
    screen = _screen(qtbot, window)
    assert (screen.round.currentData(), screen.layout_kind.currentData(), screen.page_numbers.currentData()) == (
        "half", "blocks", "of")
    assert window.settings.value(key)  # kept until they are in the file
    assert screen.save_pdf(tmp_path / "x.pdf")
    assert _saved(window, "implementation", "half").options == {"layout": "blocks", "page_numbers": "of"}
    assert window.settings.value(key) is None
    screen.close()


def test_a_declared_option_gets_its_field_its_check_and_its_place_in_the_file(qtbot, window, tmp_path, monkeypatch):
    """A new simple option needs its declaration (and the builder's use of it): the print screen
    shows it on its tab with its Thai choices, passes it on and saves it in the file."""
    from ita_desktop.report import options as o
    from ita_desktop.ui.dialogs import print_report
    from ita_desktop.ui.render_worker import RenderWorker
    from tests.unit.test_print_options import STAMP, WithStamp

    monkeypatch.setattr(o, "OPTIONS", (*o.OPTIONS, STAMP))
    monkeypatch.setattr(o, "ReportOptions", WithStamp)
    monkeypatch.setattr(print_report, "ReportOptions", WithStamp)
    sent: list[dict] = []
    monkeypatch.setattr(RenderWorker, "request", lambda self, path, options, now=False, soon=False: sent.append(options))
    _open(window, tmp_path)
    screen = window.print_report()
    qtbot.addWidget(screen)
    combo = screen.fields["stamp"].widgets[0]
    assert [combo.itemText(i) for i in range(combo.count())] == ["ไม่มี", "ลับ"]
    form = combo.parentWidget().layout()
    assert form.labelForField(combo).text() == "ตราประทับ"
    assert screen.fields["stamp"].widgets[0] is not screen.orientation  # its own field, on the page tab
    combo.setCurrentIndex(combo.findData("secret"))
    assert sent[-1]["stamp"] == "secret"
    screen.rendered = {"pdf": b"%PDF-1.4", "pages": 1, "orientation": "landscape", "warnings": []}
    screen.keep_options()
    assert _saved(window, "implementation", "year").options == {"stamp": "secret"}
    screen.close()
    again = window.print_report()
    qtbot.addWidget(again)
    assert again.fields["stamp"].widgets[0].currentData() == "secret"
    again.close()


def test_looking_at_the_print_screen_changes_nothing_in_the_file(qtbot, window, tmp_path):
    """A clerk who only looks at the preview (or saves it with the options as they are) has
    made no edit: closing a stick's copy must not ask to write anything back."""
    _open(window, tmp_path)
    window.back_pending = False
    undo_count = window.doc.undo_stack.count()
    screen = _screen(qtbot, window)
    assert screen.save_pdf(tmp_path / "ดูเฉย ๆ.pdf")
    screen.close()
    assert window.doc.undo_stack.count() == undo_count
    assert not window.back_pending


def test_the_print_screens_findings_open_on_top_of_it_and_lead_to_the_field(qtbot, window, tmp_path,
                                                                            monkeypatch):
    """A clerk clicked ตรวจความครบถ้วน on the (modal) print screen: the list opened behind it,
    beside the main window, and took no click, no key, no ปิด. The list belongs to the print
    screen, shows what its button counts, and double-clicking an item goes to the field."""
    _open(window, tmp_path, "seed004.json")
    screen = window.print_report()
    assert screen is not None
    qtbot.addWidget(screen)
    screen.document.setCurrentIndex(screen.document.findData("analysis"))
    dialog = screen.show_findings()
    assert dialog.parent() is screen and dialog.isVisible()
    view = screen.findings_view
    count = screen.completeness.text().split(":")[1].split()[0]
    assert to_thai_digits(str(view.count())) == count
    row = next(i for i in range(view.count()) if view.item(i).data(Qt.ItemDataRole.UserRole)[0])
    wanted = tuple(view.item(row).data(Qt.ItemDataRole.UserRole))
    went: list[tuple[str, str]] = []
    monkeypatch.setattr(window, "go_to", lambda record_id, field="": went.append((record_id, field)) or True)
    view.itemActivated.emit(view.item(row))
    assert not dialog.isVisible() and not screen.isVisible()
    assert went == [wanted]


def test_the_print_screen_opens_on_the_document_due_today(qtbot, window, tmp_path):
    """In December the plan of the year just begun is at its analysis: the print screen opens on
    the analysis, not on a year-end report of a year that has just started."""
    import datetime as dt

    from ita_desktop.domain.checks import stage_on
    from ita_desktop.thai.dates import fiscal_year

    _open(window, tmp_path, "seed004.json")
    a = window.doc.data.live_assessments()[0]
    plan = window.plan_page.create_plan(fiscal_year(dt.date.today()), a.id)
    stage = stage_on(plan, dt.date.today())
    screen = window.print_report()
    assert screen is not None
    qtbot.addWidget(screen)
    assert screen.year.currentData() == plan.fiscal_year
    assert screen.document.currentData() == ("analysis" if stage == "analysis" else "implementation")
    if stage != "analysis":
        assert screen.round.currentData() == stage
    screen.close()


def test_the_year_end_report_chosen_goes_to_the_last_year_that_has_ended(qtbot, window, tmp_path):
    """Switching to the year-end report while the year just begun is shown: the report due is
    the one of the last year that has ended, not an empty one of this year."""
    import datetime as dt

    from ita_desktop.domain.checks import stage_on
    from ita_desktop.thai.dates import fiscal_year

    _open(window, tmp_path, "seed004.json")  # its plan: FY 2568, long ended
    a = window.doc.data.live_assessments()[0]
    current = window.plan_page.create_plan(fiscal_year(dt.date.today()), a.id)
    screen = window.print_report()
    assert screen is not None
    qtbot.addWidget(screen)
    screen.year.setCurrentIndex(screen.year.findData(current.fiscal_year))
    screen.document.setCurrentIndex(screen.document.findData("implementation"))
    screen.round.setCurrentIndex(screen.round.findData("year"))
    if stage_on(current, dt.date.today()) != "year":
        assert screen.year.currentData() == 2568
    screen.year.setCurrentIndex(screen.year.findData(current.fiscal_year))  # the clerk's own choice stays
    assert screen.year.currentData() == current.fiscal_year
    screen.close()


def test_the_check_count_is_for_the_document_being_printed(qtbot, window, tmp_path):
    """Issue 14 item 8: the print screen counts what the chosen document needs at its stage
    (the analysis its scores and signatories, the year-end report its results), not the notes."""
    from ita_desktop.domain.checks import Printing
    from ita_desktop.store.check import findings
    from ita_desktop.thai.digits import to_thai_digits

    _open(window, tmp_path, "seed004.json")
    screen = window.print_report()
    assert screen is not None
    qtbot.addWidget(screen)
    plan = window.doc.data.live_plans()[0]

    def count(document: str, round_: str) -> str:
        found = [f for f in findings(window.doc.data, printing=Printing(plan.id, document, round_))
                 if f.level not in ("error", "note")]
        return f"ตรวจความครบถ้วน: {to_thai_digits(str(len(found)))} รายการ…"

    screen.document.setCurrentIndex(screen.document.findData("analysis"))
    assert screen.completeness.text() == count("analysis", "")
    screen.document.setCurrentIndex(screen.document.findData("implementation"))
    screen.round.setCurrentIndex(screen.round.findData("year"))
    assert screen.completeness.text() == count("implementation", "year")
    assert count("analysis", "") != count("implementation", "year")
    screen.close()


def test_a_choice_renders_at_once_and_typing_waits_for_a_pause(qtbot, window, tmp_path):
    """A list chosen or a box ticked shows its preview without the typing pause (issue 15:
    the 0.3 s pause was most of the time from a choice to its preview)."""
    _open(window, tmp_path)
    screen = _screen(qtbot, window)
    asked: list[tuple[bool, bool]] = []
    request = screen.worker.request

    def spy(source, options, now=False, soon=False):
        asked.append((now, soon))
        request(source, options, now=now, soon=soon)

    screen.worker.request = spy
    with qtbot.waitSignal(screen.preview_ready, timeout=WAIT):
        screen.digits.setCurrentIndex(screen.digits.findData("arabic"))
    assert asked[-1] == (False, True)
    assert screen.worker._timer.interval() == 0
    with qtbot.waitSignal(screen.preview_ready, timeout=WAIT):
        type_text(screen.headings["output"], "ผลที่ได้")  # typed, then a pause: no Tab needed
    assert asked[-1] == (False, False)
    assert "ผลที่ได้" in "".join(page_texts_bytes(screen.rendered["pdf"], tmp_path))
    with qtbot.waitSignal(screen.preview_ready, timeout=WAIT):
        screen.headings["output"].editingFinished.emit()  # a field left: the text is complete
    assert asked[-1] == (False, True)
    spin = next(w for f in screen.fields.values() for w in f.widgets if isinstance(w, QDoubleSpinBox))
    with qtbot.waitSignal(screen.preview_ready, timeout=WAIT):
        spin.setValue(spin.value() + spin.singleStep())  # a number's arrows: wait for the clerk
    assert asked[-1] == (False, False)
    screen.close()
