"""Thai line breaking as a careful Thai typesetter would do it (issue 21): long runs with no
space (URLs, e-mail addresses) break at their own break points, a column's minimum width is
its widest Thai word or short token, no empty holes inside a cell, a forced cut falls between
syllables, what a reader keeps together stays on one line, centred titles break at phrase
boundaries, and the words newmm cuts wrongly in this domain stay whole."""
from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from reportlab.lib.units import mm

from ita_desktop.report import ReportOptions, build_pdf, fonts
from ita_desktop.report import text as T
from ita_desktop.report.flowables import ReportTable
from ita_desktop.report.pages import PageSetup, build
from ita_desktop.resources import thai_extra_words
from ita_desktop.store.exchange import import_data
from ita_desktop.thai import words as thai_words
from tests.conftest import load_fixture
from tests.support.reports import page_texts
from tests.support.strict_check import strict_pdfcheck

URL = ("https://www.banphue.go.th/index.php?option=com_content&view=article&id=1234&catid=56"
       "&Itemid=789&lang=th&format=html&tmpl=component&print=1&page=ita-2568-o12&ref="
       + "documents/reports_of_the_office-2568/" * 5)[:300]
EMAIL = "saraban.banphue-office@dla.go.th"


def _style(psk: float = 16, **kw: object) -> T.TextStyle:
    fam = fonts.sarabun()
    return T.TextStyle(fam, fam.points(psk), **kw)  # type: ignore[arg-type]


def _lines(text: str, width_mm: float, style: T.TextStyle | None = None) -> list[str]:
    return [line.text for line in T.layout(T.paras_of_plain(text), style or _style(), width_mm * mm).lines]


def _flat(text: str) -> str:
    return re.sub(r"\s", "", text)


# --- 1. long runs with no space ------------------------------------------------------------
def test_a_300_character_url_breaks_at_its_own_break_points_in_a_30mm_column():
    assert len(URL) == 300
    lay = T.layout(T.paras_of_plain(URL), _style(14), 30 * mm)
    assert not lay.forced_splits  # no word cut: the URL has break points of its own
    assert all(line.width <= 30 * mm + 0.01 for line in lay.lines)
    assert "".join(line.text for line in lay.lines) == URL
    for upper, lower in itertools.pairwise(lay.lines):
        assert upper.text[-1] in "/._?&=" or lower.text[0] in "-@", (upper.text, lower.text)


def test_an_e_mail_address_in_a_thai_sentence_breaks_before_the_at_sign():
    lines = _lines(f"ติดต่อได้ที่{EMAIL}ทุกวัน", 25, _style(16))
    assert "".join(lines) == f"ติดต่อได้ที่{EMAIL}ทุกวัน"
    latin = re.compile(r"[A-Za-z0-9]")
    for upper, lower in itertools.pairwise(lines):
        assert not (latin.match(upper[-1]) and latin.match(lower[0])) or lower[0] == "@", (upper, lower)


def test_breaks_never_split_a_number_or_the_scheme_of_a_url():
    text = "https://www.example.go.th/report-2568/ver1.25.pdf"
    offsets = T._run_breaks(text)
    pieces = [text[a:b] for a, b in zip([0, *offsets], [*offsets, len(text)])]
    assert pieces == ["https://", "www.", "example.", "go.", "th/", "report", "-2568/", "ver1.25.", "pdf"]


@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
@pytest.mark.parametrize("layout", ["table", "blocks"])
def test_a_report_with_long_urls_in_cells_prints_every_character(tmp_path: Path, layout: str,
                                                                 orientation: str):
    data = import_data(load_fixture("seed002.json"))
    plan = data.live_plans()[0]
    measures = data.measures_of(plan.id)
    measures[0].steps = f"เผยแพร่ทางเว็บไซต์{URL}ภายในวันที่ ๑ ตุลาคม ๒๕๖๗"
    measures[1].responsible = f"กองคลัง {EMAIL}"
    measures[2].output = "ดูได้ที่ " + URL[:150]
    pdf = tmp_path / "urls.pdf"
    build_pdf(data, ReportOptions(fiscal_year=plan.fiscal_year, layout=layout, orientation=orientation,
                                  draft="no"), pdf)
    printed = _flat("".join(page_texts(pdf)))
    for run in (URL, EMAIL, URL[:150]):
        assert run in printed


# --- 2. a column's minimum width -----------------------------------------------------------
def test_the_widest_word_of_a_url_is_its_widest_piece_not_the_whole_url():
    style = _style(14)
    url80 = URL[:80]
    widest = T.widest_word(T.paras_of_plain(url80), style)
    assert widest < 30 * mm  # the whole URL is about 130 mm
    thai = "องค์การบริหารส่วนตำบล"
    assert T.widest_word(T.paras_of_plain(f"{thai} {url80}"), style) == pytest.approx(
        style.family.regular.width(thai, style.size))


def test_a_long_latin_token_counts_as_a_short_token():
    style = _style(14)
    widest = T.widest_word(T.paras_of_plain("ดู " + "A" * 120), style)
    assert widest == pytest.approx(style.family.regular.width("A" * T.SHORT_TOKEN, style.size))


def test_a_date_counts_by_its_day_and_month():
    style = _style(14)
    widest = T.widest_word(T.paras_of_plain("๓๐ กันยายน ๒๕๖๘"), style)
    assert widest == pytest.approx(style.family.regular.width("๓๐ กันยายน", style.size))


# --- 3. no holes, forced cuts between syllables ------------------------------------------------
SEED_TEXTS = [
    "แจกเวียนให้บุคลากรภายในเทศบาลตำบลโนนสูง ให้รับทราบ",
    "การอำนวยความสะดวกและการตอบสนองความต้องการของประชาชน",
    "เผยแพร่ทางบอร์ดประชาสัมพันธ์ ณ จุดบริการ",
    "ปฏิบัติตามประมวลจริยธรรมขององค์การบริหารส่วนตำบลบ้านผือ",
    "บุคลากรปฏิบัติงานอย่างมีประสิทธิภาพ",
    "มาตรการป้องกันการทุจริต ผลการวิเคราะห์ ITA",
]


@pytest.mark.parametrize("width_mm", [14, 18, 22, 25, 30, 39])
def test_lines_of_one_text_have_no_space_between_them(width_mm: float):
    for text in SEED_TEXTS:
        lay = T.layout(T.paras_of_plain(text), _style(18, bold=True), width_mm * mm)
        assert all(line.gap_before == 0 for line in lay.lines), text


@pytest.mark.parametrize("width_mm", [14, 18, 22, 25, 30])
def test_a_forced_cut_falls_between_syllables(width_mm: float):
    from pythainlp.tokenize import syllable_tokenize

    for text in SEED_TEXTS:
        lines = _lines(text, width_mm, _style(18, bold=True))
        pos = 0
        for line in lines[:-1]:
            pos += len(line)
            if text[pos - 1: pos + 1].strip() != text[pos - 1: pos + 1] or text[pos] == " ":
                pos += 1  # a break at a space
                continue
            # the cut lies on a syllable boundary of the text around it
            start = max(text.rfind(" ", 0, pos) + 1, 0)
            end = text.find(" ", pos)
            chunk = text[start: end if end > 0 else len(text)]
            bounds, at = set(), 0
            for syllable in syllable_tokenize(chunk, engine="dict"):
                at += len(syllable)
                bounds.add(at)
            assert pos - start in bounds, (text, line)


def test_a_compound_too_wide_for_its_column_is_cut_where_a_reader_accepts_it():
    style = _style(16)
    name = "องค์การบริหารส่วนตำบล"
    width = style.family.regular.width(name, style.size)
    lines = _lines(name, (width - 1) / mm, style)
    assert lines == ["องค์การบริหารส่วน", "ตำบล"]
    word = "ประชาสัมพันธ์"
    width = style.family.regular.width(word, style.size)
    assert _lines(word, (width - 1) / mm, style) == ["ประชา", "สัมพันธ์"]


def test_a_latin_word_breaks_after_its_hyphen_and_at_letters_only_as_a_last_resort():
    style = _style(16)
    lines = _lines("Anti-Corruption", 20, style)
    assert lines == ["Anti-", "Corruption"]
    lines = _lines("A" * 40, 20, style)
    assert len(lines) > 1 and all(line.endswith("-") for line in lines[:-1])
    assert "".join(line.rstrip("-") for line in lines) == "A" * 40


def test_a_narrow_table_of_seed_texts_has_no_holes_and_no_word_cut(tmp_path: Path):
    fam = fonts.sarabun()
    style = T.TextStyle(fam, fam.points(18), bold=True)
    head = T.TextStyle(fam, fam.points(18), bold=True, align="center")
    rows = [[T.paras_of_plain(text) for text in SEED_TEXTS[i:i + 3]] for i in (0, 3)]
    header = [T.paras_of_plain("หัวตาราง") for _ in range(3)]
    setup = PageSetup("portrait", 2.5, 2.0, 3.0, 2.0, "dash", T.TextStyle(fam, fam.points(16)))
    pdf = tmp_path / "narrow.pdf"
    build(lambda _s: [ReportTable([25 * mm, 30 * mm, 39 * mm], header, rows, style, head)], setup, str(pdf))
    source = {"years": [{"measures": [{"seq": i, "title": t} for i, t in enumerate(SEED_TEXTS)]}]}
    _defects, report, figures = strict_pdfcheck(pdf, source, tmp_path, fields=["title"])
    assert figures["holes"] == 0 and figures["midword"] == 0, report


# --- 4. kept together ----------------------------------------------------------------------
KEPT = [
    ("ประจำปีงบประมาณ พ.ศ. ๒๕๖๘ ตามแผน", "พ.ศ. ๒๕๖๘"),
    ("ดำเนินการตั้งแต่วันที่ ๑ ตุลาคม ๒๕๖๗ เป็นต้นไป", "๑ ตุลาคม"),
    ("ดำเนินการตั้งแต่วันที่ ๑ ตุลาคม ๒๕๖๗ เป็นต้นไป", "๑ ตุลาคม ๒๕๖๗"),
    ("ภายในระยะเวลา ๑๕ วัน นับแต่วันที่ได้รับแจ้ง", "๑๕ วัน"),
    ("ผู้เข้าร่วมโครงการไม่น้อยกว่า ๑๐๐ คน ทุกหมู่บ้าน", "๑๐๐ คน"),
    ("จัดประชุมคณะทำงานปีละ ๒ ครั้ง อย่างต่อเนื่อง", "๒ ครั้ง"),
    ("ผลการดำเนินงานตามตัวชี้วัด ข้อ O7 ของแบบ OIT", "ข้อ O7"),
    ("ดำเนินการโดยสำนักปลัด อบต. และกองคลัง อบต.", "อบต."),
    ("รายงานผลทุกไตรมาส ภายในเดือน ต.ค. ของทุกปี", "ต.ค."),
]


@pytest.mark.parametrize("text, kept", KEPT)
def test_what_a_reader_keeps_together_stays_on_one_line(text: str, kept: str):
    style = _style(16)
    need = style.family.regular.width(kept, style.size)
    for width_mm in range(int(need / mm) + 1, 90):
        lines = _lines(text, width_mm, style)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        assert any(kept in line for line in lines), (width_mm, lines)


def test_no_line_starts_with_a_colon():
    style = _style(16)
    text = "ชื่อโครงการ : ส่งเสริมคุณธรรม ผู้รับผิดชอบ : สำนักปลัด ระยะเวลา : ๑ ปี"
    for width_mm in range(20, 90):
        lines = _lines(text, width_mm, style)
        assert not any(line.lstrip().startswith(":") for line in lines), (width_mm, lines)


def test_a_date_wider_than_its_column_parts_between_month_and_year():
    style = _style(16)
    need = style.family.regular.width("๓๐ กันยายน", style.size)
    lines = _lines("๓๐ กันยายน ๒๕๖๘", need / mm + 1, style)
    assert lines == ["๓๐ กันยายน", "๒๕๖๘"]


# --- 5. centred titles -----------------------------------------------------------------------
def test_a_centred_title_breaks_at_a_phrase_boundary():
    style = _style(18, bold=True, align="center")
    title = "แผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. ๒๕๖๘"
    whole = style.family.bold.width(title, style.size)
    for width_mm in range(int(whole / mm * 0.6), int(whole / mm)):
        lines = _lines(title, width_mm, style)
        assert lines == ["แผนปฏิบัติการป้องกันการทุจริต", "ประจำปีงบประมาณ พ.ศ. ๒๕๖๘"], width_mm


def test_a_centred_text_is_split_into_even_lines():
    style = _style(16, align="center")
    text = "ผลการประเมิน คุณธรรม และ ความโปร่งใส ใน การดำเนินงาน ของ หน่วยงาน ภาครัฐ ประจำ ปี"
    lay = T.layout(T.paras_of_plain(text), style, 60 * mm)
    left = T.layout(T.paras_of_plain(text), _style(16), 60 * mm)
    assert len(lay.lines) == len(left.lines) >= 2
    spread = max(line.width for line in lay.lines) - min(line.width for line in lay.lines)
    greedy = max(line.width for line in left.lines) - min(line.width for line in left.lines)
    assert spread < greedy
    assert spread < 0.25 * 60 * mm


# --- 6. the extra words --------------------------------------------------------------------
EXTRA = thai_extra_words()


@pytest.mark.parametrize("marked", EXTRA)
def test_each_extra_word_is_kept_whole_and_cut_only_where_marked(marked: str):
    from pythainlp.tokenize import syllable_tokenize

    word = marked.replace("|", "")
    for context in (f"ให้{word}การ", f"{word}การออก", f"ตาม{word}ของ", f"จัด{word}ดำเนิน"):
        assert word in thai_words.words(context), (context, thai_words.words(context))
    accepted, _other = thai_words.break_points(word)
    marks = [len(part) for part in marked.split("|")[:-1]]
    assert list(accepted) == [sum(marks[:i + 1]) for i in range(len(marks))]
    bounds, at = set(), 0
    for syllable in syllable_tokenize(word, engine="dict"):
        at += len(syllable)
        bounds.add(at)
    assert set(accepted) <= bounds  # a reader's break is a syllable boundary too


@pytest.mark.parametrize("text, word", [
    ("๑๔. มาตรการออกคำสั่งมอบหมายงาน", "มาตรการ"),
    ("คณะกรรมการดำเนินการคัดเลือกบุคลากร", "ดำเนินการ"),
    ("รายงานการวิเคราะห์ผลการประเมิน", "รายงาน"),
    ("ช่องทางการติดตามเรื่องร้องเรียน", "ติดตาม"),
    ("การใช้จ่ายงบประมาณการจัดซื้อจัดจ้าง", "งบประมาณ"),
])
def test_words_newmm_cuts_in_the_seeds_context_stay_whole(text: str, word: str):
    assert word in thai_words.words(text)


def test_a_break_the_reader_would_not_accept_is_avoided_in_a_filled_line():
    # newmm alone cuts มาตร|การออกคำสั่ง: never a line ending in มาตร
    style = _style()
    for width_mm in range(int(style.family.regular.width("มาตรการ", style.size) / mm) + 1, 60):
        lines = _lines("๑๔. มาตรการออกคำสั่งมอบหมายงานให้เจ้าหน้าที่", width_mm)
        assert not any(line.endswith("มาตร") for line in lines), (width_mm, lines)


def test_an_ordinal_stays_with_its_word_and_parts_from_its_number_first():
    style = _style(14)
    for width_mm in range(14, 40):
        lines = _lines("ดำเนินการไตรมาสที่ ๑ - ๔ ของปี", width_mm, style)
        assert not any(line.endswith("ไตรมาส") for line in lines), (width_mm, lines)
        assert not any(line.startswith("- ") or line.endswith(" -") for line in lines), (width_mm, lines)


@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
def test_a_300_character_url_in_a_30mm_table_column_prints_whole(tmp_path: Path, orientation: str):
    fam = fonts.sarabun()
    style = T.TextStyle(fam, fam.points(14))
    head = T.TextStyle(fam, fam.points(14), bold=True, align="center")
    cells = [f"เผยแพร่ทางเว็บไซต์{URL}ภายในวันที่ ๑ ตุลาคม ๒๕๖๗", "ผลการดำเนินงาน " + EMAIL]
    setup = PageSetup(orientation, 2.5, 2.0, 3.0, 2.0, "dash", T.TextStyle(fam, fam.points(16)))
    pdf = tmp_path / "url30.pdf"
    table = ReportTable([30 * mm, 60 * mm], [T.paras_of_plain("ลิงก์"), T.paras_of_plain("ผล")],
                        [[T.paras_of_plain(text) for text in cells]], style, head)
    build(lambda _s: [table], setup, str(pdf))
    assert not table.forced_splits()
    printed = _flat("".join(page_texts(pdf)))
    assert URL in printed and EMAIL in printed
    source = {"years": [{"measures": [{"seq": i, "title": t} for i, t in enumerate(cells)]}]}
    defects, report, _figures = strict_pdfcheck(pdf, source, tmp_path, fields=["title"])
    assert defects == 0, report


def test_the_office_place_names_stay_whole_when_its_report_is_printed(tmp_path: Path):
    """บ้านผือ and โนนสูง are in no dictionary: newmm cuts them (บ้าน|ผือ), and a line broke
    there in a real report ("อบต.บ้าน / ผือ"). The report keeps the office's place names whole."""
    data = import_data(load_fixture("seed000.json"))
    data.office.name, data.office.amphoe = "บ้านผือ", "โนนสูง"
    sentence = "องค์การบริหารส่วนตำบลบ้านผือ อำเภอโนนสูง ประกาศเจตนารมณ์"
    thai_words.keep_whole([])
    assert "บ้านผือ" not in thai_words.words(sentence)
    plan = data.live_plans()[0]
    build_pdf(data, ReportOptions(fiscal_year=plan.fiscal_year), tmp_path / "r.pdf")
    try:
        cut = thai_words.words(sentence)
        assert "บ้านผือ" in cut and "โนนสูง" in cut
    finally:
        thai_words.keep_whole([])
