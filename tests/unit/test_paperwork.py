"""The paperwork of issue 16 printed by the report engine: the OIT register, the memo, the
publishing form and the activity photos, read back from the PDF."""
from __future__ import annotations

import hashlib
import re
from io import BytesIO
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw
import pytest
from PIL import Image, ImageDraw
from pythainlp.util import normalize

from ita_desktop.domain import models as m
from ita_desktop.report import ReportError, ReportOptions, build_pdf
from ita_desktop.store.exchange import import_data
from tests.conftest import load_fixture
from tests.support.reports import page_texts, pdfcheck

LONG_URL = ("https://www.nonkhun.go.th/index.php?option=com_content&view=article&id=12345&catid=67"
            "&Itemid=890&lang=th&report_type=oit_disclosure_2569")
NO_BREAK_URL = "https://www.nonkhun.go.th/" + "abcdefghijklmnopqrstuvwxyz0123456789" * 3
CM = 72 / 2.54


def _picture(w: int, h: int, shade: int = 120, fmt: str = "JPEG") -> bytes:
    img = Image.new("RGB", (w, h), (200, shade, 80))
    ImageDraw.Draw(img).rectangle([w // 8, h // 8, w * 7 // 8, h * 7 // 8], outline=(0, 0, 0), width=4)
    out = BytesIO()
    img.save(out, fmt)
    return out.getvalue()


def _attach(data: m.OfficeFile, content: bytes, name: str) -> str:
    aid = m.Attachment.make_id(hashlib.sha256(content).hexdigest())
    data.attachments.append(m.Attachment(id=aid, name=name, mime="image/jpeg", data=content))
    return aid


def _office() -> m.OfficeFile:
    data = import_data(load_fixture("seed004.json"))
    data.office.website = "https://www.nonkhun.go.th"
    data.office.phone = "0 4561 2345"
    data.oit_entries += [
        m.OitEntry(id=m.OitEntry.make_id(2569, "o1"), ita_year=2569, code="o1", answer="yes",
                   links=[{"url": "https://www.nonkhun.go.th/structure", "title": "โครงสร้างหน่วยงาน"}],
                   location="หน้าแรก > ข้อมูลพื้นฐาน > โครงสร้าง", published_on="2025-10-15",
                   person="นางสาวสมศรี ใจงาม", position="นักวิเคราะห์นโยบายและแผน",
                   uploader="นายสมชาย รักงาน", uploader_position="นักวิชาการคอมพิวเตอร์", note="ปรับปรุงทุกปี"),
        m.OitEntry(id=m.OitEntry.make_id(2569, "o2"), ita_year=2569, code="o2", answer="yes",
                   links=[{"url": LONG_URL, "title": "ข้อมูลผู้บริหาร"}, {"url": NO_BREAK_URL, "title": ""}],
                   period="ต.ค. ๒๕๖๘ – มี.ค. ๒๕๖๙", published_on="2025-11-01"),
        m.OitEntry(id=m.OitEntry.make_id(2569, "o3"), ita_year=2569, code="o3", answer="no",
                   explanation="ยังไม่ได้จัดทำช่องทางการติดต่อ"),
    ]
    for role, name, position in (("preparer", "นางสาวสมศรี ใจงาม", "นักวิเคราะห์นโยบายและแผน"),
                                 ("approver", "นายบุญมี ศรีสุข", "นายกองค์การบริหารส่วนตำบลโนนคูณ")):
        data.signatories.append(m.Signatory(id=m.Signatory.make_id("office", "", "", role), owner="office",
                                            role=role, name=name, position=position))
    return data


def _render(data: m.OfficeFile, tmp: Path, name: str, **kw: object) -> tuple[Path, object]:
    kw.setdefault("fiscal_year", 2568)
    opts = ReportOptions(**kw)  # type: ignore[arg-type]
    out = tmp / name
    return out, build_pdf(data, opts, out)


def _clean(pdf: Path, tmp: Path) -> list[str]:
    defects, report = pdfcheck(pdf)
    assert defects == 0, report
    return [normalize(t) for t in page_texts(pdf)]


def _chars(pdf: Path, page: int) -> list[tuple[str, tuple[float, float, float, float]]]:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        tp = doc[page].get_textpage()
        return [(tp.get_text_range(i, 1), tp.get_charbox(i)) for i in range(tp.count_chars())]
    finally:
        doc.close()


def _images(pdf: Path) -> list[list[tuple[float, float, float, float]]]:
    """The bounds of the images drawn on each page."""
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return [[o.get_bounds() for o in doc[i].get_objects(max_depth=4) if o.type == raw.FPDF_PAGEOBJ_IMAGE]
                for i in range(len(doc))]
    finally:
        doc.close()


# --- the OIT register ------------------------------------------------------------------------
def test_the_register_is_a_landscape_table_of_every_item_with_its_header_on_every_page(tmp_path):
    data = _office()
    pdf, result = _render(data, tmp_path, "register.pdf", document="oit-register", fiscal_year=2569)
    texts = _clean(pdf, tmp_path)
    assert result.orientation == "landscape" and result.pages >= 2
    assert "ทะเบียนการเปิดเผยข้อมูลสาธารณะ (OIT) ประจำปี พ.ศ. ๒๕๖๙" in texts[0]
    assert "องค์การบริหารส่วนตำบลโนนคูณ" in texts[0]
    # the readiness counts: O1 and O2 have URLs, O3 is ไม่มี, the other 23 are not checked
    line = re.sub(r"\s+", " ", texts[0])
    assert "มีและมี URL แล้ว ๒ ข้อ" in line and "ไม่มี ๑ ข้อ" in line and "ยังไม่ตรวจ ๒๓ ข้อ" in line
    for page in texts:
        assert all(h in page for h in ("ข้อ", "รายการ", "มี/ไม่มี", "URL", "คำอธิบาย", "ผู้รับผิดชอบ")), page[:200]
    whole = "".join(texts)
    for code in ("O1", "O2", "O3", "O10", "O26"):
        assert re.search(rf"(?m)^{code}\b", whole), code
    assert "ยังไม่ตรวจ" not in whole.replace("ยังไม่ตรวจ ๒๓ ข้อ", "")  # an unchecked item: an empty answer
    assert "ไม่มี" in whole and "ยังไม่ได้จัดทำช่องทางการติดต่อ" in whole
    assert set(result.widths_mm) == {"code", "title", "answer", "url", "explanation", "responsible"}


def test_a_long_url_wraps_at_its_break_points_or_between_letters_inside_its_cell(tmp_path):
    data = _office()
    pdf, result = _render(data, tmp_path, "register.pdf", document="oit-register", fiscal_year=2569)
    _clean(pdf, tmp_path)
    flat = re.sub(r"\s", "", "".join(page_texts(pdf)))
    assert LONG_URL in flat and NO_BREAK_URL in flat  # every character, no hyphen added
    # the URL column's bounds: after ข้อ, รายการ, มี/ไม่มี (the left margin is 3 cm)
    w = result.widths_mm
    left = 3 * CM + (w["code"] + w["title"] + w["answer"]) / 25.4 * 72
    right = left + w["url"] / 25.4 * 72
    url_chars = [box for ch, box in _chars(pdf, 0) if ch in "abcdefghijklmnopqrstuvwxyz0123456789"
                 and left - 1 < box[0] < right + 20]
    assert url_chars and all(box[2] <= right + 0.5 for box in url_chars)


def test_the_register_needs_a_catalog_of_its_year(tmp_path):
    with pytest.raises(ReportError, match="ไม่มีเกณฑ์การประเมินของปี 2590"):
        _render(_office(), tmp_path, "x.pdf", document="oit-register", fiscal_year=2590)


# --- the memo --------------------------------------------------------------------------------
def test_the_memo_asks_the_head_to_approve_and_publish_the_report(tmp_path):
    data = _office()
    pdf, result = _render(data, tmp_path, "memo.pdf", document="memo", memo_for="implementation", round="half")
    texts = _clean(pdf, tmp_path)
    text = re.sub(r"\s+", " ", texts[0])
    assert result.pages == 1 and result.orientation == "portrait"
    for words in ("บันทึกข้อความ", "ส่วนราชการ", "ที่", "วันที่", "เรื่อง", "เรียน นายกองค์การบริหารส่วนตำบลโนนคูณ",
                  "โทร. ๐ ๔๕๖๑ ๒๓๔๕", "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรม", "รอบ ๖ เดือน",
                  "https://www.nonkhun.go.th", "(นางสาวสมศรี ใจงาม)", "(นายบุญมี ศรีสุข)", "ทราบ", "อนุมัติ", "อื่น ๆ"):
        assert words in text, words
    assert _images(pdf) == [[]]  # no emblem unless the office supplies one
    chars = _chars(pdf, 0)
    page_h = 29.7 * CM
    # the heading is the top line, under a 1.5 cm top margin; the text starts 3 cm from the left
    top = max(box[3] for ch, box in chars if ch.strip())
    assert 1.5 * CM < page_h - top < 2.2 * CM
    assert min(box[0] for ch, box in chars if ch.strip()) >= 3 * CM - 1
    assert max(box[2] for ch, box in chars if ch.strip()) <= 21 * CM - 2 * CM + 1
    # the preparer's name is centred about 10.5 cm from the paper's left edge
    doc = pdfium.PdfDocument(str(pdf))
    try:
        tp = doc[0].get_textpage()
        found = tp.search("นางสาวสมศรี ใจงาม").get_next()
        assert found is not None
        boxes = [tp.get_charbox(i) for i in range(found[0], found[0] + found[1])]
    finally:
        doc.close()
    centre = (boxes[0][0] + boxes[-1][2]) / 2 / CM
    assert 9.5 < centre < 11.5, centre


def test_the_memo_body_is_justified_to_both_margins(tmp_path):
    data = _office()
    pdf, _result = _render(data, tmp_path, "memo.pdf", document="memo", memo_for="analysis")
    _clean(pdf, tmp_path)
    lines: dict[int, list[tuple[str, float]]] = {}
    for ch, box in _chars(pdf, 0):
        if ch.strip():
            lines.setdefault(round(box[1] / 4), []).append((ch, box[2]))
    right = 19 * CM
    # the paragraphs' lines: under เรียน, not the dotted blanks of the approval area
    to = next(k for k, chars in lines.items() if "".join(c for c, _x in chars).startswith(("เรียน", "เรยน")))
    full = [max(x for _c, x in chars) for k, chars in lines.items()
            if k < to and len(chars) > 40 and sum(c == "." for c, _x in chars) < 5
            and max(x for _c, x in chars) > right - 60]
    # paragraphs of 3 and 5 lines and a one-line closing: every line but a paragraph's last
    # reaches the right margin (the last ones end short of it: 2 of them within 60 pt)
    ends = [round(right - x, 1) for x in full]
    assert len([x for x in ends if abs(x) < 3]) == 6 and len(ends) == 8, ends


def test_the_memo_takes_the_offices_wording_and_emblem_and_numbers_its_second_page(tmp_path):
    data = _office()
    emblem = _attach(data, _picture(300, 320, fmt="PNG"), "garuda.png")
    long = "ข้อความทดสอบการขึ้นหน้าใหม่ของบันทึกข้อความเพื่อขออนุมัติ " * 12
    data.templates.append(m.Template(id=m.Template.make_id("memo"), key="memo", texts={
        "emblem": emblem, "number": "ศก ๗๓๑๐๑/",
        "implementation": {"subject": "ขอเสนอรายงานของ{หน่วยงาน}", "paragraphs": [long, long, long, long]}}))
    pdf, result = _render(data, tmp_path, "memo.pdf", document="memo", sign_date="2025-10-20")
    texts = _clean(pdf, tmp_path)
    assert result.pages >= 2
    first = re.sub(r"\s+", " ", texts[0])
    assert "ขอเสนอรายงานขององค์การบริหารส่วนตำบลโนนคูณ" in first and "ศก ๗๓๑๐๑/" in first
    assert "๒๐ ตุลาคม ๒๕๖๘" in first
    assert "- ๒ -" in texts[1] and "- ๑ -" not in texts[0]
    images = _images(pdf)
    assert len(images[0]) == 1 and all(not page for page in images[1:])
    left, bottom, _right, top = images[0][0]
    assert abs((top - bottom) - 1.5 * CM) < 1 and abs(left - 3 * CM) < 1  # 1.5 cm high, at the margin


# --- the publishing form ---------------------------------------------------------------------
def test_a_publishing_form_per_filled_entry_with_its_three_signatures(tmp_path):
    data = _office()
    pdf, result = _render(data, tmp_path, "form.pdf", document="publish-form", fiscal_year=2569)
    texts = _clean(pdf, tmp_path)
    assert result.pages == 3  # o1, o2 (มี) and o3 (ไม่มี); the unchecked items have no form
    for page in texts:
        flat = re.sub(r"\s+", " ", page)
        for label in ("แบบฟอร์มการขออนุญาตการเผยแพร่ข้อมูลผ่านเว็บไซต์ของหน่วยงาน", "ชื่อหน่วยงาน", "วัน/เดือน/ปี",
                      "หัวข้อ", "รายละเอียดข้อมูล", "Link ภายนอก", "หมายเหตุ", "ผู้รับผิดชอบการให้ข้อมูล",
                      "ผู้อนุมัติรับรอง", "ผู้รับผิดชอบการนำข้อมูลขึ้นเผยแพร่", "(นายบุญมี ศรีสุข)"):
            assert label in flat, label
        assert not re.search(r"- [๐-๙]+ -", page)  # each form a sheet of its own
    first = re.sub(r"\s+", " ", texts[0])
    assert "๑๕ ตุลาคม ๒๕๖๘" in first and "(นางสาวสมศรี ใจงาม)" in first and "(นายสมชาย รักงาน)" in first
    assert "ตำแหน่ง นักวิชาการคอมพิวเตอร์" in first and "ปรับปรุงทุกปี" in first
    assert LONG_URL in re.sub(r"\s", "", texts[1])


def test_the_form_prints_the_items_asked_for_with_the_offices_labels(tmp_path):
    data = _office()
    data.templates.append(m.Template(id=m.Template.make_id("publish-form"), key="publish-form",
                                     texts={"note": "ข้อสังเกต"}))
    pdf, result = _render(data, tmp_path, "form.pdf", document="publish-form", fiscal_year=2569, items="O7, o1")
    texts = _clean(pdf, tmp_path)
    assert result.pages == 2
    assert "O7" in texts[0] and "O1" in texts[1]
    assert "ข้อสังเกต" in texts[0] and "หมายเหตุ" not in texts[0]
    with pytest.raises(ReportError, match="ไม่มีข้อ O99"):
        _render(data, tmp_path, "x.pdf", document="publish-form", fiscal_year=2569, items="o99")


# --- the photo pages -------------------------------------------------------------------------
def _with_photos(data: m.OfficeFile, sizes: list[tuple[int, int]], measure: int = 0) -> None:
    measures = data.measures_of(data.live_plans()[0].id)
    for i, (w, h) in enumerate(sizes):
        aid = _attach(data, _picture(w, h, 60 + 20 * i), f"p{i}.jpg")
        data.photos.append(m.Photo(id=m.new_id(), measure_id=measures[measure].id, round="year",
                                   sort_key=f"{i:03d}", caption=f"ภาพที่ {i + 1} ประชุมคณะทำงานจัดทำมาตรการ",
                                   attachment_id=aid))


@pytest.mark.parametrize(("per_page", "pages"), [("6", 2), ("4", 2)])
def test_photos_fill_a_grid_whole_and_continue_with_the_title_repeated(tmp_path, per_page, pages):
    data = _office()
    sizes = [(800, 600), (600, 800), (1200, 400), (640, 480), (480, 640), (800, 600), (800, 600)][: 7 if per_page == "6" else 5]
    _with_photos(data, sizes)
    pdf, result = _render(data, tmp_path, "photos.pdf", document="photos", photos_per_page=per_page)
    texts = _clean(pdf, tmp_path)
    assert result.pages == pages
    images = _images(pdf)
    per = int(per_page)
    assert [len(p) for p in images] == [per, len(sizes) - per]
    assert "ภาพกิจกรรม" in texts[0] and "(ต่อ)" in texts[1] and "(ต่อ)" not in texts[0]
    assert "ภาพที่ ๑ ประชุมคณะทำงาน" in re.sub(r"\s+", " ", texts[0])
    width = 21 * CM - 5 * CM
    for page in images:
        for (left, bottom, right, top), (w, h) in zip(page, sizes[: len(page)] if page is images[0] else sizes[per:]):
            assert abs((right - left) / (top - bottom) - w / h) < 0.02  # never cropped or stretched
            assert right - left <= (width - 0.4 * CM) / 2 + 0.5 and left >= 3 * CM - 0.5


def test_the_report_can_end_with_its_photos(tmp_path):
    data = _office()
    _with_photos(data, [(800, 600), (600, 800)], measure=1)
    _pdf, plain = _render(data, tmp_path, "report.pdf", draft="no")
    pdf2, result = _render(data, tmp_path, "report-photos.pdf", draft="no", with_photos=True)
    texts = _clean(pdf2, tmp_path)
    assert result.pages == plain.pages + 1
    assert "ภาพกิจกรรม" in texts[-1] and [len(p) for p in _images(pdf2)][-1] == 2
    doc = pdfium.PdfDocument(str(pdf2))
    try:
        w, h = doc[len(doc) - 1].get_size()
    finally:
        doc.close()
    assert h > w  # the photos on portrait pages after the landscape table


def _flat(texts: list[str]) -> str:
    return re.sub(r"\s+", " ", " ".join(texts))


def _photo_measures(data: m.OfficeFile) -> dict[int, list[tuple[int, int]]]:
    """Photos of three measures (index: sizes): 3 of the first (the third row a wide one), 5 of
    the third and 2 of the last, captions naming their measure."""
    measures = data.measures_of(data.live_plans()[0].id)
    spec = {0: [(800, 600), (600, 800), (1200, 400)], 2: [(640, 480)] * 5, len(measures) - 1: [(800, 600), (480, 640)]}
    for index, sizes in spec.items():
        for i, (w, h) in enumerate(sizes):
            aid = _attach(data, _picture(w, h, 40 + 30 * i + index), f"m{index}p{i}.jpg")
            data.photos.append(m.Photo(id=m.new_id(), measure_id=measures[index].id, round="year",
                                       sort_key=f"{i:03d}", caption=f"มาตรการ {index + 1} ภาพที่ {i + 1} ประชุมคณะทำงาน",
                                       attachment_id=aid))
    return spec


def test_the_blocks_report_puts_each_measures_photos_after_its_text_in_whole_rows(tmp_path):
    from ita_desktop.thai.digits import to_thai_digits

    data = _office()
    spec = _photo_measures(data)
    measures = data.measures_of(data.live_plans()[0].id)
    _pdf, plain = _render(data, tmp_path, "blocks.pdf", draft="no", layout="blocks", round="year")
    pdf, result = _render(data, tmp_path, "blocks-photos.pdf", draft="no", layout="blocks", round="year",
                          with_photos=True)
    texts = _clean(pdf, tmp_path)
    assert result.pages > plain.pages and result.orientation == "portrait"
    flat = _flat(texts)
    # no photo pages at the end: "ภาพกิจกรรม" heads each measure's grid (3 grids), nothing else
    assert flat.count("ภาพกิจกรรม") == len(spec) and "(ต่อ)" not in flat
    assert "(ลงชื่อ)" in texts[-1]

    solid = re.sub(r"\s+", "", flat)  # the order of the texts, lines broken anywhere

    def at(text: str, start: int = 0) -> int:
        found = solid.find(re.sub(r"\s+", "", to_thai_digits(text)), start)
        assert found >= 0, text
        return found

    # where each measure's text starts (its title) and ends (its last field, ผลลัพธ์…), in order
    starts: list[int] = []
    ends: list[int] = []
    for x in measures:
        starts.append(at(normalize(re.sub(r"^[\s๐-๙0-9.\-]+", "", x.title))[:30], ends[-1] if ends else 0))
        ends.append(at("(outcome/result)", starts[-1]))
    for index, sizes in spec.items():
        end = starts[index + 1] if index + 1 < len(measures) else at("(ลงชื่อ)")
        # the grid after the measure's last field, before the next measure or the signatures
        captions = [at(f"มาตรการ {index + 1} ภาพที่ {i + 1} ") for i in range(len(sizes))]
        assert ends[index] < solid.rfind("ภาพกิจกรรม", 0, captions[0]) < captions[0], index
        assert captions == sorted(captions) and captions[-1] < end, index
    # each photo whole (never cropped or stretched) in a cell of the 2 × 3 pages' width, its
    # caption on its page, and the two photos of a row on one page with their feet level
    images = [(n, box) for n, page in enumerate(_images(pdf)) for box in page]
    shots = [(index, i, w, h) for index, sizes in spec.items() for i, (w, h) in enumerate(sizes)]
    assert len(images) == len(shots)
    cell = (21 * CM - 5 * CM - 0.4 * CM) / 2
    for (page, (left, bottom, right, top)), (index, i, w, h) in zip(images, shots):
        assert abs((right - left) / (top - bottom) - w / h) < 0.02
        assert right - left <= cell + 0.5 and top - bottom <= cell * 0.75 + 0.5 and left >= 3 * CM - 0.5
        assert to_thai_digits(f"มาตรการ {index + 1} ภาพที่ {i + 1} ") in re.sub(r"\s+", " ", texts[page])
    for k in range(0, len(shots) - 1):
        (page_a, box_a), (page_b, box_b) = images[k], images[k + 1]
        if shots[k][0] == shots[k + 1][0] and shots[k][1] % 2 == 0:  # a row's two photos
            assert page_a == page_b and abs(box_a[1] - box_b[1]) < 0.5, shots[k]
    # the first measure's second row (its wide third photo) had no room under the first and
    # went whole to the next page, at the top of it
    rows = {(index, i // 2): (page, box) for (page, box), (index, i, _w, _h) in zip(images, shots)}
    (first, _box), (second, box) = rows[(0, 0)], rows[(0, 1)]
    assert second == first + 1 and box[3] > 29.7 * CM - 4 * CM, (first, second, box)


def test_the_table_report_keeps_its_photo_pages_at_the_end_as_many_a_page_as_asked(tmp_path):
    data = _office()
    spec = _photo_measures(data)
    for per_page, pages in (("6", [3, 5, 2]), ("4", [3, 4, 1, 2])):
        pdf, _result = _render(data, tmp_path, f"table-{per_page}.pdf", draft="no", round="year",
                               with_photos=True, photos_per_page=per_page)
        texts = _clean(pdf, tmp_path)
        counts = [len(p) for p in _images(pdf)]
        assert counts[-len(pages):] == pages and sum(counts) == sum(len(s) for s in spec.values())
        assert all("ภาพกิจกรรม" in t for t in texts[-len(pages):])
        # the same letterboxed cells as the photos document
        for page in _images(pdf)[-len(pages):]:
            for left, _bottom, right, _top in page:
                assert right - left <= (21 * CM - 5 * CM - 0.4 * CM) / 2 + 0.5


def test_no_photos_is_said(tmp_path):
    with pytest.raises(ReportError, match="ยังไม่มีภาพกิจกรรม"):
        _render(_office(), tmp_path, "x.pdf", document="photos")


def test_a_url_cut_between_letters_takes_no_hyphen_an_english_word_does():
    from ita_desktop.report import fonts
    from ita_desktop.report.text import LogicalLine, Span, TextStyle, layout

    family = fonts.family("")
    style = TextStyle(family, family.points(14))
    for text, hyphen in ((NO_BREAK_URL, False), ("x" * 5 + "@" + "abcdefghij" * 6 + ".go.th", False),
                         ("Supercalifragilisticexpialidocious" * 2, True), ("(Public Communication):", True)):
        lines = [ln.text for ln in layout([[LogicalLine([Span(text)])]], style, 60).lines]
        assert len(lines) > 1, text
        assert any(ln.endswith("-") for ln in lines[:-1]) == hyphen, lines
        if not hyphen:
            assert "".join(lines) == text


def test_the_printed_register_lists_the_items_the_register_page_shows(tmp_path):
    """A year whose result the file holds: its items are those of the catalog it was scored with
    (oit.catalog_for), on paper as on the page, even where this PC's catalog of that year differs."""
    from ita_desktop.domain import oit
    from ita_desktop.resources import all_frameworks

    data = _office()
    assessment = data.assessment(2567)
    snap = data.framework_of(assessment) if assessment is not None else None
    assert snap is not None
    question = next(q for q in snap.data["questions"] if str(q["code"]).lower() == "o1")
    question["text"] = "โครงสร้างตามเกณฑ์ที่ใช้ให้คะแนน"  # differs from the bundled 2567 catalog
    shown = oit.rows(data, oit.catalog_for(data, 2567, all_frameworks()), all_frameworks())
    assert shown[0].title == "โครงสร้างตามเกณฑ์ที่ใช้ให้คะแนน"
    pdf, _result = _render(data, tmp_path, "register2567.pdf", document="oit-register", fiscal_year=2567)
    assert "โครงสร้างตามเกณฑ์ที่ใช้ให้คะแนน" in normalize("".join(page_texts(pdf))).replace("\n", "")
