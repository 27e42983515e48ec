"""The analysis document as a reviewer reads it (issues 14 and 19): the intro's score and level,
a plan with no measures yet, the contents against the real pages, the measures grouped by
issue, split rows that keep their name, the reviewer's wording, year-over-year."""
from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from pythainlp.util import normalize

from ita_desktop.domain import models as m
from ita_desktop.report import ReportOptions, build_pdf
from ita_desktop.store.exchange import import_data
from ita_desktop.thai.digits import to_thai_digits
from tests.conftest import load_fixture
from tests.support.reports import page_texts, pdfcheck


def _data(seed: str = "seed004.json") -> m.OfficeFile:
    return import_data(load_fixture(seed))


def _render(data: m.OfficeFile, tmp: Path, name: str = "a.pdf", document: str = "analysis",
            **kw: object) -> Path:
    out = tmp / name
    kw.setdefault("draft", "no")
    build_pdf(data, ReportOptions(fiscal_year=2568, document=document, **kw), out)  # type: ignore[arg-type]
    return out


def _pages(pdf: Path) -> list[str]:
    return [normalize(t) for t in page_texts(pdf)]


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _assessment(data: m.OfficeFile) -> m.Assessment:
    plan = data.live_plans()[0]
    a = data.assessment_by_id(plan.based_on)
    assert a is not None
    return a


# --- 14.2 the intro's score and level ----------------------------------------------------
def test_intro_gives_the_level_of_a_typed_total_without_a_typed_level(tmp_path):
    data = _data()
    a = _assessment(data)
    a.total, a.level = Decimal("80.39"), ""
    text = " ".join(_pages(_render(data, tmp_path, cover=False))).replace("\r\n", " ")
    assert "๘๐.๓๙ คะแนน อยู่ในระดับต้องปรับปรุง" in text


def test_intro_uses_the_computed_total_when_none_is_typed(tmp_path):
    data = _data()
    a = _assessment(data)
    a.total, a.level, a.iit, a.eit, a.oit = None, "", None, None, None
    text = " ".join(_pages(_render(data, tmp_path, cover=False))).replace("\r\n", " ")
    assert "ยังไม่ได้บันทึกคะแนน" not in text
    assert "๗๒.๙๗ คะแนน อยู่ในระดับต้องปรับปรุง" in text
    assert "IIT ได้ ๙๒.๓๗" in text


# --- 14.3 a plan with no measures yet ----------------------------------------------------------
def test_analysis_of_a_plan_with_no_measures_prints(tmp_path):
    data = _data()
    plan = data.live_plans()[0]
    for x in data.measures_of(plan.id):
        x.deleted = True
    pdf = _render(data, tmp_path, draft="auto")
    text = " ".join(_pages(pdf)).replace("\r\n", " ")
    assert "๔. มาตรการส่งเสริมคุณธรรม" in text
    assert "ยังไม่ได้กำหนดมาตรการ" in text
    assert "ประเด็นที่ ๗" in text  # the analysis itself is all there
    defects, report = pdfcheck(pdf, None, tmp_path)
    assert defects == 0, report


def test_implementation_report_without_measures_is_still_refused(tmp_path):
    from ita_desktop.report.options import ReportError

    data = _data()
    plan = data.live_plans()[0]
    for x in data.measures_of(plan.id):
        x.deleted = True
    with pytest.raises(ReportError, match="ไม่มีมาตรการที่จะพิมพ์"):
        _render(data, tmp_path, document="implementation")


# --- 19.1 the contents against the real pages --------------------------------------------------
_PAGE_LABEL = re.compile(r"^(.*?)\s+([๐-๙]+|[ก-ฮ])$")


def _contents(pages: list[str]) -> tuple[int, list[tuple[str, str]]]:
    """The index of the contents page and its entries (text, page label as printed)."""
    index = next(i for i, t in enumerate(pages) if "สารบัญ" in t.split("\r\n")[:3])
    lines = [ln.strip() for ln in pages[index].split("\r\n")]
    lines = lines[lines.index("หน้า") + 1:]
    entries, pending = [], ""
    for line in lines:
        match = _PAGE_LABEL.match(line)
        if match is None:
            pending += line
            continue
        entries.append((pending + match.group(1), match.group(2)))
        pending = ""
    return index, entries


def _assert_contents_match_pages(pdf: Path) -> int:
    pages = _pages(pdf)
    index, entries = _contents(pages)
    front = index + 1  # cover, คำนำ, สารบัญ
    body = [_flat(t) for t in pages[front:]]
    checked = 0
    for text, label in entries:
        if text in ("คำนำ", "สารบัญ"):
            continue
        if text.startswith("ลงนาม"):
            want = "(ลงชื่อ)"
        elif text == m.DOCUMENT_NAMES["implementation"]:
            want = "รายงานผลการดำเนินการ"
        else:
            want = _flat(text)
        where = next((i for i, t in enumerate(body) if want in t), None)
        assert where is not None, f"{text!r} not in the body"
        assert label == to_thai_digits(str(where + 1)), (text, label, where + 1)
        if where:  # the body's first page carries no number
            assert f"-{to_thai_digits(str(where + 1))}-" in body[where][:12], text
        checked += 1
    return checked


def _appendix_image(tmp: Path) -> str:
    from PIL import Image

    path = tmp / "photo.png"
    Image.new("RGB", (600, 400), "white").save(path)
    return str(path)


@pytest.mark.parametrize("variant", ["plain", "appendix", "landscape", "no-cover", "landscape-appendix"])
def test_analysis_contents_give_the_real_pages(tmp_path, variant):
    kw: dict[str, object] = {"front_matter": True}
    if "appendix" in variant:
        kw["appendix"] = (_appendix_image(tmp_path),)
    if "landscape" in variant:
        kw["table_orientation"] = "landscape"
    if variant == "no-cover":
        kw["cover"] = False
    pdf = _render(_data(), tmp_path, **kw)
    assert _assert_contents_match_pages(pdf) >= 5 + ("appendix" in variant)


@pytest.mark.parametrize("variant", ["table", "blocks", "appendix"])
def test_implementation_contents_give_the_real_pages(tmp_path, variant):
    kw: dict[str, object] = {"front_matter": True, "sign_date": "2025-09-30"}
    if variant == "appendix":
        kw["appendix"] = (_appendix_image(tmp_path),)
    if variant == "blocks":
        kw["layout"] = "blocks"
    pdf = _render(_data("seed002.json"), tmp_path, document="implementation", **kw)
    assert _assert_contents_match_pages(pdf) >= 2


# --- 19.2 the measures table grouped by issue -----------------------------------------------------
UNLINKED = "มาตรการที่ยังไม่ได้ระบุประเด็น"


def _add_measure(data: m.OfficeFile, title: str, sort_key: str, group_id: str = "",
                 indicator: int | None = None) -> None:
    plan = data.live_plans()[0]
    data.measures.append(m.Measure(id=f"test-{sort_key}", plan_id=plan.id, sort_key=sort_key, title=title,
                                   group_id=group_id, indicator=indicator, steps="ดำเนินการตามแผน",
                                   period="ตุลาคม ๒๕๖๗ ถึง กันยายน ๒๕๖๘", responsible="สำนักปลัด"))


def _table_text(pdf: Path) -> str:
    pages = _pages(pdf)
    start = next(i for i, t in enumerate(pages) if "๔.มาตรการส่งเสริมคุณธรรม" in _flat(t)
                 and "สารบัญ" not in t)
    return _flat(" ".join(pages[start:]).split("๔. มาตรการส่งเสริมคุณธรรม", 1)[-1])


def test_measures_table_is_ordered_by_issue_with_the_unlinked_last(tmp_path):
    data = _data()
    plan = data.live_plans()[0]
    groups = data.groups_of(plan.id)
    _add_measure(data, "มาตรการทดสอบของประเด็นแรกที่เพิ่มท้ายรายการ", "zz1", group_id=groups[0].id)
    _add_measure(data, "มาตรการทดสอบของตัวชี้วัดเก้า", "zz2", indicator=9)
    _add_measure(data, "มาตรการทดสอบที่ไม่มีประเด็น", "zz3")
    table = _table_text(_render(data, tmp_path, cover=False))
    assert "ตัวชี้วัดที่" not in table
    first, second, last = (table.index(_flat(to_thai_digits(f"{n}. {groups[n - 1].title}"))) for n in (1, 2, 7))
    added = table.index("มาตรการทดสอบของประเด็นแรก")
    assert first < added < second  # under issue ๑'s spanning cell, not after issue ๗
    unlinked = table.index(UNLINKED)
    assert last < unlinked < table.index("มาตรการทดสอบของตัวชี้วัดเก้า")
    assert unlinked < table.index("มาตรการทดสอบที่ไม่มีประเด็น")
    assert table.count(UNLINKED) - table.count(UNLINKED + "(ต่อ)") == 1


# --- 19.3 a split row keeps its name ------------------------------------------------------------------
def test_a_split_row_starts_with_its_title_and_says_continued():
    from reportlab.lib.units import mm

    from ita_desktop.report import fonts
    from ita_desktop.report.flowables import ReportTable
    from ita_desktop.report.text import TextStyle, paras_of_plain

    family = fonts.family("")
    style = TextStyle(family, family.points(14))
    head = TextStyle(family, family.points(14), bold=True, align="center")
    title = "๕. จัดให้มีการเปิดเผยข้อมูลการใช้จ่ายงบประมาณประจำปีต่อสาธารณะ"
    steps = " ".join(f"{n}. ขั้นตอนการดำเนินงานที่ต้องปฏิบัติตามแผนงานประจำปีของหน่วยงาน" for n in range(1, 16))
    rows = [[paras_of_plain("ประเด็น"), paras_of_plain(title), paras_of_plain(steps)]]
    table = ReportTable([30 * mm, 30 * mm, 60 * mm], [paras_of_plain(h) for h in ("ก", "ข", "ค")], rows,
                        style, head, title_column=1, titles_continued=[paras_of_plain(title + " (ต่อ)")])
    table.wrap(120 * mm, 1000)
    room = table.header_height() + 6 * style.leading + 2 * ReportTable.PAD_Y
    parts = table.split(120 * mm, room)
    assert len(parts) == 2

    def cell_text(cell: object) -> str:
        return _flat("".join(seg.text for line in cell.layout.lines for seg in line.segments))  # type: ignore[attr-defined]

    first_title = cell_text(parts[0].rows[-1][1])
    next_title = cell_text(parts[1].rows[0][1])
    assert first_title.startswith(_flat("๕. จัดให้มี")), first_title
    assert next_title.endswith("(ต่อ)"), next_title


# --- 14.5 the analysis document's details ---------------------------------------------------------
def test_headings_say_fiscal_year_and_the_issues_have_their_lead(tmp_path):
    text = _flat(" ".join(_pages(_render(_data(), tmp_path, cover=False))))
    for heading in ("๑.ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐประจำปีงบประมาณพ.ศ.๒๕๖๗",
                    "๒.สรุปผลการประเมินรายตัวชี้วัดประจำปีงบประมาณพ.ศ.๒๕๖๗",
                    "๓.ผลการวิเคราะห์รายประเด็นประจำปีงบประมาณพ.ศ.๒๕๖๗"):
        assert heading in text
    assert "ประจำปีพ.ศ." not in text
    assert "แยกเป็น๗ประเด็น" in text
    assert "วิธีการนำผลการวิเคราะห์แต่ละประเด็นไปสู่การปฏิบัติ" in text


def test_question_codes_print_as_the_catalog_writes_them_with_the_digits_setting(tmp_path):
    thai = _flat(" ".join(_pages(_render(_data(), tmp_path, cover=False))))
    assert "ข้อo๗" in thai and "ข้อi๑" in thai and "ข้อO7" not in thai and "ข้อI1" not in thai
    arabic = _flat(" ".join(_pages(_render(_data(), tmp_path, "b.pdf", cover=False, digits="arabic"))))
    assert "ข้อo7" in arabic and "ข้อO7" not in arabic


def test_measures_are_numbered_straight_or_within_each_issue(tmp_path):
    straight = _table_text(_render(_data(), tmp_path, cover=False))
    assert "๖.จัดทำช่องทาง" in straight
    within = _table_text(_render(_data(), tmp_path, "b.pdf", cover=False, measure_numbers="issue"))
    assert "๑.จัดทำช่องทาง" in within and "๖.จัดทำช่องทาง" not in within


def test_section_headings_and_leads_are_the_clerks_own(tmp_path):
    sections = ("๑. ผลคะแนน ITA ปีงบประมาณ {ปีประเมิน}\n\n\n\n"
                "๓. วิเคราะห์ผล\nแบ่งการวิเคราะห์ออกเป็น {จำนวนประเด็น} กลุ่ม\n\n"
                "๔. มาตรการปี {ปีงบประมาณ}\n")
    text = _flat(" ".join(_pages(_render(_data(), tmp_path, cover=False, sections=sections))))
    assert "๑.ผลคะแนนITAปีงบประมาณ๒๕๖๗" in text
    assert "๒.สรุปผลการประเมินรายตัวชี้วัดประจำปีงบประมาณพ.ศ.๒๕๖๗" in text  # an empty block: the default
    assert "๓.วิเคราะห์ผลแบ่งการวิเคราะห์ออกเป็น๗กลุ่ม" in text
    assert "แยกเป็น๗ประเด็น" not in text
    assert "๔.มาตรการปี๒๕๖๘" in text and "วิธีการนำผลการวิเคราะห์แต่ละประเด็น" not in text  # no lead given


def test_a_second_lead_paragraph_stays_with_its_section():
    """An unnumbered block after "๓. …" is a further paragraph of section ๓'s lead, not the
    heading of section ๑ (which keeps its standard text)."""
    from ita_desktop.report import fonts
    from ita_desktop.report.analysis import Analysis

    opts = ReportOptions(fiscal_year=2568, document="analysis",
                         sections="๓. วิเคราะห์ผล\nย่อหน้าแรก\n\nย่อหน้าที่สอง\n\n๔. มาตรการ")
    texts = Analysis(_data(), opts, fonts.family(opts.font)).section_texts()
    assert texts[2] == ("๓. วิเคราะห์ผล", "ย่อหน้าแรก\nย่อหน้าที่สอง")
    assert texts[0][0].startswith("๑.") and "ย่อหน้าที่สอง" not in texts[0][0]
    assert texts[3][0] == "๔. มาตรการ"


def test_a_split_row_that_starts_an_issue_prints_the_issue_whole_on_its_first_page():
    """A row cut at a page foot never leaves its issue's name half here and "(ต่อ)" there (the
    rest of the name was lost): the name is whole above the cut, or the row goes on."""
    from reportlab.lib.units import mm

    from ita_desktop.report import fonts
    from ita_desktop.report.flowables import ReportTable
    from ita_desktop.report.text import TextStyle, paras_of_plain

    family = fonts.family("")
    style = TextStyle(family, family.points(14))
    head = TextStyle(family, family.points(14), bold=True, align="center")
    name = "๔. กระบวนการกำกับดูแลการใช้ทรัพย์สินของราชการ"
    steps = " ".join(f"{n}. ขั้นตอนการดำเนินงานที่ต้องปฏิบัติตามแผนงานประจำปีของหน่วยงาน" for n in range(1, 16))
    first = [paras_of_plain("๓. ประเด็นก่อนหน้า"), paras_of_plain("มาตรการแรก"), paras_of_plain("ดำเนินการ")]
    row = [paras_of_plain(name), paras_of_plain("๘. จัดให้มีการเปิดเผยข้อมูล"), paras_of_plain(steps)]
    for lines in range(2, 9):
        table = ReportTable([22 * mm, 30 * mm, 60 * mm], [paras_of_plain(h) for h in ("ก", "ข", "ค")],
                            [first, row], style, head, groups=["g3", "g4"],
                            continued={"g4": paras_of_plain(name + " (ต่อ)")})
        table.wrap(112 * mm, 1000)
        room = table.header_height() + table._row_height(table.rows[0]) + lines * style.leading + 2 * ReportTable.PAD_Y
        parts = table.split(112 * mm, room)

        def text(cell: object) -> str:
            return _flat("".join(seg.text for ln in cell.layout.lines for seg in ln.segments))  # type: ignore[attr-defined]

        names = [text(part.rows[k][0]) for part in parts for k in range(len(part.rows))]
        assert _flat(name) in names, (lines, names)


# --- 14.10 year over year in print -------------------------------------------------------------
def _with_2566(data: m.OfficeFile) -> m.OfficeFile:
    from ita_desktop.domain import edits
    from ita_desktop.resources import bundled_frameworks

    old, _records = edits.add_assessment(data, 2566, bundled_frameworks()[2566], "test")
    old.total = Decimal("68.50")
    for no, score in enumerate(("90.00", "91.00", "92.00", "80.00", "90.00", "93.00", "90.00", "70.00",
                                "40.00", "45.00"), 1):
        edits.set_indicator_score(data, old, no, Decimal(score))
    return data


def test_the_trend_since_last_year_is_printed_when_the_file_has_both(tmp_path):
    plain = _flat(" ".join(_pages(_render(_data(), tmp_path, cover=False))))
    assert "เทียบกับปี" not in plain  # one result only: no table
    text = _flat(" ".join(_pages(_render(_with_2566(_data()), tmp_path, "b.pdf", cover=False))))
    assert "ผลการประเมินเทียบกับปีพ.ศ.๒๕๖๖" in text
    assert "ปี๒๕๖๖ปี๒๕๖๗เพิ่ม/ลด" in text
    assert "คะแนนรวม๖๘.๕๐๗๒.๙๗+๔.๔๗" in text
    assert "๔การใช้ทรัพย์สินของราชการ๘๐.๐๐๘๔.๒๐+๔.๒๐" in text
    assert "๑๐การป้องกันการทุจริต๔๕.๐๐๔๕.๐๐๐.๐๐" in text
    defects, report = pdfcheck(_render(_with_2566(_data()), tmp_path, "c.pdf", draft="auto"), None, tmp_path)
    assert defects == 0, report
