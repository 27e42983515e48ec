"""The implementation report, measured in the PDF: every word, in place."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from pythainlp.util import normalize

from ita_desktop.domain import edits, markup
from ita_desktop.domain import models as m
from ita_desktop.report import ReportError, ReportOptions, build_pdf
from ita_desktop.report.options import OptionsError, fill_template
from ita_desktop.store.exchange import import_data
from ita_desktop.thai.digits import digits_for_print
from tests.conftest import FIXTURES, load_fixture
from tests.support.reports import page_texts, pdfcheck

FIELDS = ("title", "steps", "period", "responsible", "output", "outcome")
_PAGE_NUMBER = re.compile(r"^\s*(?:- [๐-๙0-9]+ -|หน้า [๐-๙0-9]+ จาก [๐-๙0-9]+)\s*$")


def _data(name: str) -> m.OfficeFile:
    return import_data(load_fixture(name))


def _render(data: m.OfficeFile, tmp: Path, name: str = "r.pdf", **kw) -> tuple[Path, object]:
    kw.setdefault("draft", "no")  # text checks read the final document, without the watermark
    opts = ReportOptions(fiscal_year=data.live_plans()[0].fiscal_year, **kw)
    out = tmp / name
    result = build_pdf(data, opts, out)
    return out, result


def _doc_text(pdf: Path) -> str:
    pages = []
    for text in page_texts(pdf):
        lines = [ln for ln in text.split("\r\n") if not _PAGE_NUMBER.match(ln)]
        pages.append("\r\n".join(lines))
    return normalize("\r\n".join(pages))


def _pattern(source: str) -> re.Pattern[str]:
    """The source as it may come out of the PDF: a line break may stand between any two
    characters or for a space; nothing else may differ (no added spaces, nothing lost)."""
    text = re.sub(r"\s+", " ", normalize(source)).strip()
    parts = []
    for ch in text:
        if ch == " ":
            parts.append(r"(?: |\r\n)")
        else:
            parts.append(re.escape(ch) + r"(?:\r\n)?")
    return re.compile("".join(parts))


@pytest.mark.parametrize("seed", ["seed000.json", "seed002.json"])
@pytest.mark.parametrize("columns", [None, ("seq", *FIELDS)], ids=["6-columns", "7-columns"])
def test_seed_reports_have_no_defects(tmp_path, seed, columns):
    data = _data(seed)
    kw = {"columns": columns} if columns else {}
    kw["draft"] = "auto"  # default settings: not approved yet, so "ฉบับร่าง" is printed too
    pdf, result = _render(data, tmp_path, **kw)
    assert result.orientation == "landscape"
    defects, report = pdfcheck(pdf, FIXTURES / seed, tmp_path)
    assert defects == 0, report
    assert "missing from the PDF: 0" in report


@pytest.mark.parametrize("seed", ["seed000.json", "seed002.json"])
@pytest.mark.parametrize("layout", ["blocks", "table"])
def test_every_field_prints_exactly_with_no_added_space(tmp_path, seed, layout):
    data = _data(seed)
    pdf, _result = _render(data, tmp_path, layout=layout, columns=("seq", *FIELDS))
    defects, report = pdfcheck(pdf, FIXTURES / seed, tmp_path)
    assert defects == 0, report
    if layout == "table":
        # in a table neighbouring cells share baselines; read each column on its own
        return _check_table_columns(pdf, data, _result)
    text = _doc_text(pdf)
    plan = data.live_plans()[0]
    for seq, measure in enumerate(data.measures_of(plan.id), 1):
        result = data.result(measure.id, "year")
        for field in FIELDS:
            value = getattr(result if field in ("output", "outcome") else measure, field)
            if not value:
                continue
            printed = digits_for_print(markup.plain_text(value), True)
            if field == "title" and not markup.starts_with_number(value):
                printed = f"{digits_for_print(str(seq), True)}. {printed}"
            assert _pattern(printed).search(text), f"measure {seq} {field}: {printed[:60]}"


def _check_table_columns(pdf: Path, data: m.OfficeFile, result) -> None:
    from reportlab.lib.units import cm, mm

    from tests.support.reports import bounded_texts

    x = 3.0 * cm
    plan = data.live_plans()[0]
    measures = data.measures_of(plan.id)
    for key, width in result.widths_mm.items():
        left, right = x + 1, x + width * mm - 1
        x += width * mm
        # the page number at the top centre falls in some column: it is no part of a row
        lines = [ln for page in bounded_texts(pdf, left, right) for ln in page.split("\r\n")]
        column = normalize("\r\n".join(ln for ln in lines if not _PAGE_NUMBER.match(ln)))
        for seq, measure in enumerate(measures, 1):
            if key == "seq":
                continue
            res = data.result(measure.id, "year")
            value = getattr(res if key in ("output", "outcome") else measure, key)
            if not value:
                continue
            printed = digits_for_print(markup.plain_text(value), True)
            # a row continued on the next page has the header between its parts: drop headers
            assert _pattern(printed).search(_without_headers(column, key)), f"{key} of measure {seq}"


def _without_headers(column: str, key: str) -> str:
    from ita_desktop.report.options import DEFAULT_HEADINGS

    heading = normalize(DEFAULT_HEADINGS[key])
    words = heading.split()
    # the heading comes out wrapped over several lines: remove it with its line breaks
    pattern = r"(?:\r\n)?".join(re.escape(ch) if ch != " " else r"(?: |\r\n)" for ch in " ".join(words))
    return re.sub(pattern + r" ?\r\n", "", column)


def test_titles_are_numbered_once(tmp_path):
    data = _data("seed002.json")  # its titles already start with "๑." … "๑๗."
    pdf, _r = _render(data, tmp_path, layout="blocks")
    text = _doc_text(pdf)
    assert "๒. ๒." not in text and "๒. ยกย่อง" in text
    data0 = _data("seed000.json")
    plan = data0.live_plans()[0]
    first = data0.measures_of(plan.id)[0]
    first.title = "จัดทำคู่มือการปฏิบัติงาน"
    pdf, _r = _render(data0, tmp_path, "n.pdf", layout="blocks")
    assert "๑. จัดทำคู่มือการปฏิบัติงาน" in _doc_text(pdf)
    pdf, _r = _render(data0, tmp_path, "nn.pdf", layout="blocks", number_titles=False)
    assert "๑. จัดทำคู่มือการปฏิบัติงาน" not in _doc_text(pdf)


def test_indicator_column_prints_the_indicator_name(tmp_path):
    data = _data("seed004.json")
    plan = data.live_plans()[0]
    measures = data.measures_of(plan.id)
    measures[0].indicator = 9
    pdf, _result = _render(data, tmp_path, columns=("seq", "indicator", "title", "steps"))
    assert "การเปิดเผยข้อมูล" in _doc_text(pdf)
    assert pdfcheck(pdf)[0] == 0


def test_arabic_digits_switch_everything_but_protected_codes(tmp_path):
    data = _data("seed002.json")
    plan = data.live_plans()[0]
    data.measures_of(plan.id)[0].steps = "ได้รับรองมาตรฐาน ISO 9001 และใช้ระบบ E-Service 4.0 ครบ ๑๐๐%"
    pdf, _r = _render(data, tmp_path, digits="arabic", page_numbers="of")
    text = _doc_text(pdf)
    assert not re.search("[๐-๙]", text)
    assert "ISO 9001" in text and "E-Service 4.0" in text and "100%" in text
    pdf, _r = _render(data, tmp_path, "t.pdf", digits="thai")
    text = _doc_text(pdf)
    assert "ISO 9001" in text and "E-Service 4.0" in text and "๑๐๐%" in text
    # stored text is never changed by printing
    assert "๑๐๐%" in data.measures_of(plan.id)[0].steps


def test_page_numbers_start_on_page_two(tmp_path):
    data = _data("seed002.json")
    pdf, result = _render(data, tmp_path)
    pages = page_texts(pdf)
    assert result.pages == len(pages) > 2
    assert "- ๑ -" not in pages[0]
    assert pages[1].lstrip().startswith("- ๒ -")
    pdf, result = _render(data, tmp_path, "of.pdf", page_numbers="of")
    assert f"หน้า ๒ จาก {digits_for_print(str(result.pages), True)}" in page_texts(pdf)[1]


@pytest.mark.parametrize("layout", ["table", "blocks"])
def test_signatures_never_start_a_page_alone(tmp_path, layout):
    data = _data("seed002.json")
    plan = data.live_plans()[0]
    for sig_role, name in (("preparer", "นางสาวสมใจ ใจดี"), ("approver", "นายสมศักดิ์ รักถิ่น")):
        edits.signatory_for(data, "office", "", "", sig_role).name = name
    measures = data.measures_of(plan.id)
    for keep in range(1, len(measures) + 1):
        for x in measures[keep:]:
            x.deleted = True
        pdf, _r = _render(data, tmp_path, f"s{keep}.pdf", layout=layout)
        for x in measures[keep:]:
            x.deleted = False
        pages = page_texts(pdf)
        page = next(i for i, t in enumerate(pages) if "ลงชื่อ" in t)
        before = pages[page].split("(ลงชื่อ)")[0]
        body = [ln for ln in before.split("\r\n") if ln.strip() and not _PAGE_NUMBER.match(ln)]
        assert body, f"{keep} measures: the signatures start page {page + 1} alone"
        assert "(สมศักดิ์" not in before
        assert "(นายสมศักดิ์ รักถิ่น)" in normalize(pages[page])


def test_a_column_forced_narrower_than_a_word_splits_it_and_says_so(tmp_path):
    data = _data("seed002.json")
    _pdf, result = _render(data, tmp_path, widths_mm={"responsible": 8.0})
    assert any("ถูกตัดกลางคำ" in w for w in result.warnings)
    assert result.widths_mm["responsible"] == pytest.approx(8.0)


def test_too_many_columns_shrink_type_then_turn_landscape(tmp_path):
    data = _data("seed002.json")
    cols = ("seq", "title", "steps", "period", "responsible", "output", "outcome", "budget",
            "status")
    _pdf, result = _render(data, tmp_path, columns=cols, orientation="portrait", table_size=16)
    assert result.orientation == "landscape"
    assert result.table_size is not None and result.table_size < 16
    assert any("แนวนอน" in w for w in result.warnings)


def test_division_line_and_filter(tmp_path):
    data = _data("seed000.json")
    div = edits.add_division(data, "ฝ่ายปกครอง")
    plan = data.live_plans()[0]
    measures = data.measures_of(plan.id)
    measures[0].responsible_main = [div.id]
    pdf, _r = _render(data, tmp_path, division="ฝ่ายปกครอง", filter_division=True, layout="blocks")
    text = _doc_text(pdf)
    lines = [normalize(ln.strip()) for ln in text.split("\r\n")]
    assert lines.index("ฝ่ายปกครอง") + 1 == lines.index("เทศบาลตำบลโนนสูง")
    assert normalize(measures[1].title[:20]) not in text


def test_templates_fill_placeholders_and_drop_empty_lines():
    lines = fill_template("{ส่วนราชการ}\n{หน่วยงาน}\nปี {ปีงบประมาณ}", {"หน่วยงาน": "อบต.ทดสอบ", "ปีงบประมาณ": "๒๕๖๘"})
    assert lines == ["อบต.ทดสอบ", "ปี ๒๕๖๘"]
    with pytest.raises(OptionsError, match="ไม่รู้จัก"):
        ReportOptions(fiscal_year=2568, title="{ชื่อเล่น}").validate()


def test_round_period_and_score_in_title_and_intro(tmp_path):
    data = _data("seed004.json")
    pdf, _r = _render(data, tmp_path, round="half", layout="blocks")
    text = _doc_text(pdf).replace("\r\n", " ")
    assert "รอบ ๖ เดือน" in text and "๑ ตุลาคม ๒๕๖๗ ถึง ๓๑ มีนาคม ๒๕๖๘" in text
    assert "๗๒.๙๗" in text and "ต้องปรับปรุง" in text


def test_bad_year_and_bad_options_have_thai_messages(tmp_path):
    data = _data("seed002.json")
    with pytest.raises(ReportError, match="ไม่มีมาตรการของปีงบประมาณ"):
        build_pdf(data, ReportOptions(fiscal_year=2599), tmp_path / "x.pdf")
    with pytest.raises(OptionsError, match=r"^คอลัมน์/หัวข้อ: ไม่รู้จัก colour") as err:
        build_pdf(data, ReportOptions(fiscal_year=2568, columns=("title", "colour")), tmp_path / "x.pdf")
    assert err.value.option == "columns"  # the command line says --columns, the print screen the label


def test_seed_002_report_is_small(tmp_path):
    pdf, _r = _render(_data("seed002.json"), tmp_path)
    assert pdf.stat().st_size < 300_000


@pytest.mark.parametrize("seed", ["seed000.json", "seed002.json"])
def test_nothing_crosses_a_column_line_or_the_margins(tmp_path, seed):
    from reportlab.lib.units import cm, mm

    from tests.support.reports import pdfium

    data = _data(seed)
    pdf, result = _render(data, tmp_path, columns=("seq", *FIELDS))
    edges = [3 * cm]
    for width in result.widths_mm.values():
        edges.append(edges[-1] + width * mm)
    doc = pdfium.PdfDocument(str(pdf))
    try:
        for n in range(len(doc)):
            page = doc[n]
            w, h = page.get_size()
            tp = page.get_textpage()
            text = tp.get_text_range()
            header = text.find("ลำดับ")  # the table starts at its (repeated) header row
            table_top = tp.get_charbox(header)[3] + 5 if header >= 0 else 0
            # and ends at its lowest rule: the signatures below it have columns of their own
            rules = [o.get_bounds() for o in page.get_objects(max_depth=4) if o.type == 2]  # paths
            table_bottom = min((b for left, b, right, t in rules if t - b < 2.5 and right - left > 100),
                               default=h)
            for i in range(tp.count_chars()):
                ch = tp.get_text_range(i, 1)
                if not ch.strip():
                    continue
                left, bottom, right, top = tp.get_charbox(i)
                assert left >= 3 * cm - 0.5 and right <= w - 2 * cm + 0.5, (n, ch, left, right)
                assert bottom >= 2 * cm - 0.5, (n, ch, bottom)
                if top > h - 2.5 * cm + 0.5:  # only the page number lives in the top margin
                    assert ch in "-๐๑๒๓๔๕๖๗๘๙", (n, ch, top)
                for edge in edges[1:-1] if table_bottom <= bottom and top <= table_top else []:
                    assert not (left < edge - 0.3 and right > edge + 0.3), (n, ch, edge)
    finally:
        doc.close()


def test_a_row_split_at_a_page_foot_starts_with_its_measures_name(tmp_path: Path):
    """A clerk's year-end report split measure ๑๔ with its steps at the foot of page ๔ and its
    title cell empty (the name only on page ๕). Every page that holds a part of a row starts
    that row with its name: the first part its title, the next part "… (ต่อ)"."""
    data = _data("seed002.json")
    plan = data.live_plans()[0]
    for x in data.measures_of(plan.id):  # tall rows: every row must split somewhere
        x.steps = " ".join([x.steps] * 6)
    pdf, _result = _render(data, tmp_path, layout="table", orientation="landscape")
    titles = {markup.plain_text(x.title).split()[0][:12] for x in data.measures_of(plan.id)}
    pages = page_texts(pdf)
    assert len(pages) > 3
    for text in pages[1:]:
        body = normalize(text)
        first_cell = body.split("(outcome/result)", 1)[-1].lstrip()[:60]
        assert "(ต่อ)" in first_cell or any(first_cell.replace(" ", "").find(t.replace(" ", "")) >= 0
                                            for t in titles) or first_cell[:2].rstrip(".").isdigit(), first_cell
