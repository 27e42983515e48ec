"""The parts of a printed report around the table (title numbers, the foreword's date,
signatures, empty fields, the blocks layout, the contents), read from the builder."""
from __future__ import annotations

import re

import pytest

from ita_desktop.domain import models as m
from ita_desktop.report import ReportOptions, fonts
from ita_desktop.report.implementation import Implementation
from ita_desktop.store.exchange import import_data
from tests.conftest import load_fixture


def _builder(seed: str = "seed004.json", data: m.OfficeFile | None = None, **kw) -> Implementation:
    data = data or import_data(load_fixture(seed))
    opts = ReportOptions(fiscal_year=2568, **kw)
    return Implementation(data, opts, fonts.family(opts.font))


def test_a_numbered_title_typed_with_a_dash_prints_without_it():
    b = _builder()
    dashed = [(seq, x) for seq, x in enumerate(b.measures, 1) if x.title.startswith("-")]
    assert dashed
    for seq, x in dashed:
        text = b.cell_text("title", seq, x)
        assert not re.match(r"^\S+\.\s*[-•]", text), text
        assert text.startswith(f"{seq}. {x.title[1:].lstrip()[:10]}")
    # with a ลำดับ column the title is not numbered: it stays as typed
    b = _builder(columns=("seq", "title", "steps"))
    seq, x = dashed[0]
    assert b.cell_text("title", seq, x) == x.title


def test_foreword_month_comes_from_the_round_not_the_clock():
    assert _builder().template_values()["เดือนปี"] == "กันยายน ๒๕๖๘"  # FY2568 ends 30 Sep 2025
    assert _builder(round="half").template_values()["เดือนปี"] == "มีนาคม ๒๕๖๘"
    assert _builder(sign_date="2025-10-20").template_values()["เดือนปี"] == "ตุลาคม ๒๕๖๘"


def test_the_analysis_is_dated_within_its_fiscal_year(monkeypatch: pytest.MonkeyPatch):
    """An analysis printed in December of its fiscal year is dated then, not at the year's end
    ("กันยายน ๒๕๗๐" on an analysis printed on 1 December 2569); printed later, the year's end."""
    import datetime as dt

    from ita_desktop.report.analysis import Analysis

    data = import_data(load_fixture("seed004.json"))
    opts = ReportOptions(fiscal_year=2568, document="analysis")
    builder = Analysis(data, opts, fonts.family(opts.font))
    monkeypatch.setattr(Analysis, "_today", staticmethod(lambda: dt.date(2024, 12, 1)))
    assert builder.template_values()["เดือนปี"] == "ธันวาคม ๒๕๖๗"
    monkeypatch.setattr(Analysis, "_today", staticmethod(lambda: dt.date(2026, 12, 1)))
    assert builder.template_values()["เดือนปี"] == "กันยายน ๒๕๖๘"
    monkeypatch.setattr(Analysis, "_today", staticmethod(lambda: dt.date(2020, 1, 1)))
    assert builder.template_values()["เดือนปี"] == "ตุลาคม ๒๕๖๗"


def test_foreword_month_comes_from_the_approval_when_there_is_one():
    data = import_data(load_fixture("seed004.json"))
    plan = data.live_plans()[0]
    data.documents.append(m.IssuedDocument(id="d1", plan_id=plan.id, document="implementation", round="year",
                                           approved_on="2025-11-03"))
    assert _builder(data=data).template_values()["เดือนปี"] == "พฤศจิกายน ๒๕๖๘"


def test_signature_without_names_leaves_lines_to_write_on():
    b = _builder()
    people = b.data.signatories_for(b.plan.id, "implementation", "year")
    assert all(not s.name and not s.position for s in people)
    lines = b.signature_lines(people[0])
    assert lines[0].startswith("(ลงชื่อ)....")
    assert re.fullmatch(r"\(\.{20,}\)", lines[1])
    assert re.fullmatch(r"ตำแหน่ง \.{20,}", lines[2])
    named = m.Signatory(owner="office", role="approver", name="นายสมชาย ใจดี", position="นายก อบต.\nโนนคูณ")
    assert b.signature_lines(named)[1:] == ["(นายสมชาย ใจดี)", "นายก อบต.", "โนนคูณ"]


@pytest.mark.parametrize("layout", ["table", "blocks"])
def test_empty_fields_print_the_chosen_mark(tmp_path, layout):
    from ita_desktop.report import build_pdf
    from tests.support.reports import page_texts

    dashes = {}
    for mark in ("-", ""):
        data = import_data(load_fixture("seed004.json"))  # no results yet: output and outcome empty
        out = tmp_path / f"{layout}{len(mark)}.pdf"
        build_pdf(data, ReportOptions(fiscal_year=2568, layout=layout, empty_mark=mark, page_numbers="none",
                                      draft="no"), out)
        dashes[mark] = sum(t.count("-") for t in page_texts(out))
    assert dashes["-"] - dashes[""] == 2 * 11  # two empty fields of each of the 11 measures


def test_empty_mark_is_a_print_option_saved_with_the_others():
    from ita_desktop.report import options as o

    opt = o.option("empty_mark")
    assert opt.default == "-" and opt.tab and [v for v, _ in opt.choices] == ["-", ""]
    assert "เว้นว่าง" in dict(opt.choices)[""] and opt.label == "ช่องที่ไม่มีข้อมูล"
    assert ReportOptions().empty_mark == "-"
    assert o.saved_options(ReportOptions(empty_mark="")) == {"empty_mark": ""}


def _blocks_texts(b: Implementation) -> list[str]:
    """Each text block of the blocks layout's story, its lines joined by "|"."""
    from ita_desktop.report.flowables import TextBlock, WithTail
    from ita_desktop.report.pages import BookState

    story = b.blocks_story(450.0, BookState(), (450.0, 700.0))
    blocks = [f.body if isinstance(f, WithTail) else f for f in story]
    return ["|".join(line.label + "".join(s.text for s in line.spans) for para in f.paras for line in para)
            for f in blocks if isinstance(f, TextBlock)]


def test_blocks_name_the_measures_heading_once_and_number_each_title():
    b = _builder("seed000.json")
    texts = _blocks_texts(b)
    heading = b.opts.heading("title")
    assert sum(heading in t for t in texts) == 1
    titles = [t for t in texts if t.startswith(("๑.", "๒.", "๓.", "๔.", "๕."))]
    assert len(titles) >= len(b.measures)
    # every other field still has its heading above it, no field printed without one
    for key in ("steps", "period", "responsible", "output", "outcome"):
        assert sum(t.startswith(b.opts.heading(key)) for t in texts) == len(b.measures)


def test_blocks_print_the_indicator_when_measures_are_linked_to_one():
    data = import_data(load_fixture("seed004.json"))
    data.measures[0].indicator = 4
    b = _builder(data=data, layout="blocks")
    texts = _blocks_texts(b)
    assert any(t.startswith("ตัวชี้วัด|ตัวชี้วัดที่ ๔ ") for t in texts), texts[:8]
    # a measure linked to none says so with the empty mark, under the same heading
    assert sum(t.startswith("ตัวชี้วัด|") for t in texts) == len(b.measures)
    assert not any(t.startswith("ตัวชี้วัด") for t in _blocks_texts(_builder(layout="blocks")))


def _front_pages(tmp_path, document: str = "implementation") -> list[str]:
    from ita_desktop.report import build_pdf
    from tests.support.reports import page_texts

    data = import_data(load_fixture("seed004.json"))
    out = tmp_path / f"{document}.pdf"
    build_pdf(data, ReportOptions(fiscal_year=2568, document=document, front_matter=True, draft="no"), out)
    return [t.replace("\r\n", "\n") for t in page_texts(out)], out


def test_cover_leaves_room_for_the_emblem_and_balances_the_title(tmp_path):
    import pypdfium2 as pdfium

    _texts, out = _front_pages(tmp_path)
    doc = pdfium.PdfDocument(str(out))
    try:
        page = doc[0]
        w, h = page.get_size()
        text = page.get_textpage()
        top = text.get_text_bounded(left=0, bottom=h * 0.72, right=w, top=h).strip()
        middle = text.get_text_bounded(left=0, bottom=h * 0.25, right=w, top=h * 0.72).strip()
        bottom = text.get_text_bounded(left=0, bottom=0, right=w, top=h * 0.25).strip()
    finally:
        doc.close()
    assert top == ""  # the emblem's place, and no title squeezed under the top margin
    assert "รายงานผลการดำเนินการ" in middle and "องค์การบริหารส่วนตำบลโนนคูณ" in middle
    assert bottom == ""


@pytest.mark.parametrize(("document", "entries"), [
    ("implementation", ["คำนำ", "รายงานผลการดำเนินการเพื่อส่งเสริม", "ลงนาม"]),
    ("analysis", ["คำนำ", "๑. ผลการประเมินคุณธรรม", "๒. สรุปผลการประเมินรายตัวชี้วัด",
                  "๓. ผลการวิเคราะห์รายประเด็น", "๔. มาตรการส่งเสริม", "ลงนาม"]),
])
def test_contents_list_every_section_with_its_page(tmp_path, document, entries):
    texts, _out = _front_pages(tmp_path, document)
    contents = next(t for t in texts if t.lstrip().startswith(("- ข -\nสารบัญ", "สารบัญ")) or "\nสารบัญ\n" in t)
    lines = [ln.strip() for ln in contents.split("\n") if ln.strip()]
    for entry in entries:
        line = next((ln for ln in lines if ln.startswith(entry)), None)
        assert line is not None, (entry, lines)
    assert "…" not in contents  # every entry found its page
    assert re.search(r"^คำนำ\s+ก$", contents, re.M) and re.search(r"^สารบัญ\s+ข$", contents, re.M)


@pytest.mark.parametrize("seed", ["seed000.json", "seed002.json", "seed004.json"])
def test_blocks_have_no_unlabelled_gap_between_fields(seed):
    """Each field's text is indented under its heading, so no blank line is needed to keep
    the next heading from reading as that text running on."""
    from ita_desktop.report.flowables import TextBlock, WithTail
    from ita_desktop.report.pages import BookState

    b = _builder(seed, layout="blocks")
    story = b.blocks_story(450.0, BookState(), (450.0, 700.0))
    blocks = [f.body if isinstance(f, WithTail) else f for f in story]
    fields = [f for f in blocks if isinstance(f, TextBlock)][-len(b.measures) * len(b.block_keys()):]
    leading = b.style(b.opts.body_size).leading
    assert max(f.spaceBefore for f in fields) <= 0.8 * leading + 1e-6
    headings = {b.opts.heading(k) for k in b.block_keys()}
    under = [f.layout_for(450.0) for f in fields if f.layout_for(450.0).lines[0].text in headings]
    assert len(under) == len(b.measures) * (len(b.block_keys()) - 1)
    for lay in under:
        assert lay.lines[0].indent == 0.0 and min(ln.indent for ln in lay.lines[1:]) > 4
