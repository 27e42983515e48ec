"""The booklet: front matter numbered ก ข ค, contents with real page numbers, mixed
orientation, appendix pages, the draft watermark and the PDF's Thai title."""
from __future__ import annotations

from pathlib import Path

from pythainlp.util import normalize

from ita_desktop.domain import models as m
from ita_desktop.report import ReportOptions, build_pdf
from ita_desktop.store.exchange import import_data
from tests.conftest import FIXTURES, load_fixture
from tests.support.reports import page_texts, pdfcheck, pdfium, watermarked_pages


def _sizes(pdf: Path) -> list[tuple[float, float]]:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return [doc[i].get_size() for i in range(len(doc))]
    finally:
        doc.close()


def _appendix_image(tmp: Path) -> Path:
    from PIL import Image, ImageDraw

    path = tmp / "photo.png"
    image = Image.new("RGB", (600, 400), "white")
    ImageDraw.Draw(image).rectangle((50, 50, 550, 350), outline="black", width=8)
    image.save(path)
    return path


def test_booklet_of_the_table_report(tmp_path):
    data = import_data(load_fixture("seed002.json"))
    out = tmp_path / "book.pdf"
    photo = _appendix_image(tmp_path)
    result = build_pdf(data, ReportOptions(fiscal_year=2568, front_matter=True, appendix=(str(photo),),
                                           sign_date="2025-09-30"), out)
    pages = [normalize(t) for t in page_texts(out)]
    sizes = _sizes(out)
    # cover, คำนำ, สารบัญ: portrait; the table: landscape; the appendix: portrait
    assert [w < h for w, h in sizes[:3]] == [True, True, True]
    assert all(w > h for w, h in sizes[3:-1])
    assert sizes[-1][0] < sizes[-1][1]
    assert "- ก -" not in pages[0] and "คำนำ" in pages[1] and "- ก -" in pages[1]
    assert "สารบัญ" in pages[2] and "- ข -" in pages[2]
    assert "กันยายน ๒๕๖๘" in pages[1]  # the month and year of the document
    # contents: the report starts on body page ๑, the appendix on the body page it really has
    appendix_body_page = len(pages) - 3
    contents = pages[2].replace("\r\n", " ")
    assert "ภาคผนวก" in contents
    assert contents.rstrip().endswith(f"ภาคผนวก {digits(appendix_body_page)}") or \
        f"ภาคผนวก {digits(appendix_body_page)}" in contents
    assert "ภาคผนวก" in pages[-1]
    # body numbering restarts: its second page says - ๒ -
    assert pages[4].lstrip().split("\r\n")[0:2].count("- ๒ -") == 1 or "- ๒ -" in pages[4]
    assert result.draft and all(watermarked_pages(out))
    defects, report = pdfcheck(out, FIXTURES / "seed002.json", tmp_path)
    assert defects == 0, report


def digits(n: int) -> str:
    return str(n).translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))


def test_approved_documents_have_no_watermark_and_a_thai_title(tmp_path):
    data = import_data(load_fixture("seed002.json"))
    plan = data.live_plans()[0]
    data.documents.append(m.IssuedDocument(id="x", plan_id=plan.id, document="implementation", round="year",
                                           approved_on="2025-09-30"))
    out = tmp_path / "final.pdf"
    result = build_pdf(data, ReportOptions(fiscal_year=2568), out)
    assert not result.draft
    assert not any(watermarked_pages(out))
    doc = pdfium.PdfDocument(str(out))
    try:
        title = doc.get_metadata_dict()["Title"]
    finally:
        doc.close()
    assert title.startswith("รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรม") and "องค์การบริหารส่วนตำบลบ้านผือ" in title


def test_analysis_with_a_landscape_measures_table(tmp_path):
    data = import_data(load_fixture("seed004.json"))
    out = tmp_path / "mixed.pdf"
    result = build_pdf(data, ReportOptions(fiscal_year=2568, document="analysis", table_orientation="landscape",
                                           front_matter=True, draft="no"), out)
    assert result.orientation == "landscape"
    sizes = _sizes(out)
    pages = [normalize(t) for t in page_texts(out)]
    first_table = next(i for i, t in enumerate(pages) if "๔. มาตรการส่งเสริม" in t and "ประเด็นที่" in t)
    assert all(w < h for w, h in sizes[:first_table])
    assert all(w > h for w, h in sizes[first_table:])
    contents = pages[2].replace("\r\n", " ")
    for section in ("๑. ผลการประเมิน", "๒. สรุปผลการประเมินรายตัวชี้วัด", "๓. ผลการวิเคราะห์รายประเด็น",
                    "๔. มาตรการส่งเสริม"):
        assert section in contents
    assert f"{digits(first_table - 2)}" in contents.split("๔. มาตรการส่งเสริม")[1]
    defects, report = pdfcheck(out, FIXTURES / "seed004.json", tmp_path,
                               fields=["title", "steps", "period", "responsible"])
    assert defects == 0, report
