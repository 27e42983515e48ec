"""The print engine's primitive: shaping, line breaking, extraction, fonts, and the reportlab
behaviour we rely on (canary)."""
from __future__ import annotations

import inspect
import struct
from pathlib import Path

import pytest
from reportlab.pdfgen.canvas import Canvas

from ita_desktop.paths import font_path
from ita_desktop.report import fonts, tounicode
from ita_desktop.report import text as T
from ita_desktop.thai.digits import digits_for_print
from tests.support.reports import page_texts, pdfcheck

TRICKY = "ที่ ปู่ ชื่อ น้ำ ป่า ฝ้าย ฟ้า"


def _draw(path: Path, body: str, width: float = 400, bold: bool = False, psk: float = 16) -> T.TextLayout:
    fam = fonts.sarabun()
    style = T.TextStyle(fam, fam.points(psk), bold=bold)
    lay = T.layout(T.paras_of_markup(body), style, width)
    canv = Canvas(str(path), initialFontName=fam.regular.name)  # as pages.py: no Helvetica
    lay.draw(canv, 72, 770)
    canv.showPage()
    canv.save()
    return lay


# --- canary: private reportlab behaviour this engine depends on ----------------------
def test_canary_reportlab_private_behaviour_is_what_we_rely_on():
    import reportlab
    from reportlab.pdfbase import ttfonts

    assert reportlab.Version == "5.1.0", "reportlab changed: re-check report/fonts.py and tounicode.py"
    # TTFont.addObjects must still build ToUnicode through the module-level function we replace
    assert "makeToUnicodeCMap(" in inspect.getsource(ttfonts.TTFont.addObjects)
    assert tounicode.installed()
    face = fonts.sarabun().regular.ttf.face
    # the face tables our private glyph codes are written into
    for name in ("charToGlyph", "glyphToChar", "charWidths"):
        assert isinstance(getattr(face, name), dict), name
    assert inspect.signature(ttfonts.TTFont.splitString).parameters.keys() >= {"text", "doc"}


def test_contextual_glyphs_extract_as_real_thai(tmp_path):
    pdf = tmp_path / "t.pdf"
    _draw(pdf, TRICKY + " ญาติ ฐาน สิทธิ์")
    text = page_texts(pdf)[0]
    assert not any(0xE000 <= ord(ch) <= 0xF8FF for ch in text)
    from pythainlp.util import normalize
    assert normalize(text).split() == normalize(TRICKY + " ญาติ ฐาน สิทธิ์").split()


def test_tricky_words_pass_the_checker_and_drawstring_fails_it(tmp_path):
    ours = tmp_path / "ours.pdf"
    _draw(ours, TRICKY)
    assert pdfcheck(ours)[0] == 0
    # control: reportlab's drawString does not shape; the checker must see it
    fam = fonts.sarabun()
    control = tmp_path / "control.pdf"
    canv = Canvas(str(control))
    canv.setFont(fam.regular.name, 16)
    canv.drawString(72, 770, TRICKY)
    canv.showPage()
    canv.save()
    defects, report = pdfcheck(control)
    assert defects > 0 and "sunk" in report


def test_bold_marks_keep_their_order_in_extracted_text(tmp_path):
    # Sarabun Bold moves some marks right of the next letter's origin; PDFium would then
    # extract "ผลสัมฤทธิใ์น". Fixed by drawing such marks at the pen.
    pdf = tmp_path / "b.pdf"
    _draw(pdf, "ผลลัพธ์หรือผลสัมฤทธิ์ในการดำเนินการ", bold=True)
    from pythainlp.util import normalize
    assert "ผลสัมฤทธิ์ในการ" in normalize(page_texts(pdf)[0])


def test_lines_break_between_words_only(tmp_path):
    pdf = tmp_path / "w.pdf"
    body = ("จัดทำคู่มือการให้บริการที่ระบุผู้รับผิดชอบขั้นตอนและระยะเวลาให้ชัดเจนและเผยแพร่คู่มือ"
            "แนวทางดังกล่าวให้ข้าราชการและเจ้าหน้าที่ทราบและยึดถือปฏิบัติอย่างเคร่งครัด")
    lay = _draw(pdf, body, width=120)
    assert len(lay.lines) > 4
    assert not lay.forced_splits
    assert "".join(line.text for line in lay.lines) == body
    defects, report = pdfcheck(pdf)
    assert defects == 0, report
    assert all(line.width <= 120 + 0.01 for line in lay.lines)


def test_a_word_wider_than_the_column_is_split_at_clusters_and_reported():
    fam = fonts.sarabun()
    style = T.TextStyle(fam, fam.points(16))
    lay = T.layout(T.paras_of_plain("ผลสัมฤทธิ์ประชาสัมพันธ์"), style, 25)
    assert lay.forced_splits
    joined = "".join(line.text for line in lay.lines)
    assert joined == "ผลสัมฤทธิ์ประชาสัมพันธ์"
    for line in lay.lines[1:]:
        assert line.text[0] not in "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e33"


def test_markup_bold_lead_in_bullets_and_numbers_hang():
    fam = fonts.sarabun()
    style = T.TextStyle(fam, fam.points(16))
    body = ("**การประกาศนโยบาย:** ประกาศเจตจำนงสุจริตของผู้บริหารให้บุคลากรทุกคนรับทราบและถือปฏิบัติ\n"
            "๑. จัดทำคู่มือการปฏิบัติงานและเผยแพร่ให้ประชาชนทราบทางเว็บไซต์ของหน่วยงาน\n"
            "- ติดตามผลการดำเนินงานทุกไตรมาสและรายงานผู้บริหาร")
    lay = T.layout(T.paras_of_markup(body), style, 180)
    first = lay.lines[0]
    bold = "".join(s.text for s in first.segments if s.face is fam.bold)
    assert bold == "การประกาศนโยบาย:"
    assert first.segments[-1].face is fam.regular and first.text.startswith("การประกาศนโยบาย: ประกาศ")
    numbered = next(i for i, line in enumerate(lay.lines) if line.text.startswith("๑. "))
    label = fam.regular.width("๑. ", style.size)
    assert lay.lines[numbered + 1].indent == pytest.approx(label)


def test_split_moves_lines_without_reshaping():
    fam = fonts.sarabun()
    style = T.TextStyle(fam, fam.points(16))
    lay = T.layout(T.paras_of_plain("การประเมินคุณธรรมและความโปร่งใส " * 20), style, 150)
    head, rest = lay.split(3.5 * style.leading)
    assert len(head.lines) == 3
    assert [line.segments for line in head.lines + rest.lines] == [line.segments for line in lay.lines]


def test_psk_sizes_map_to_sarabun_by_glyph_height():
    fam = fonts.sarabun()
    # TH Sarabun PSK 16 looks like Sarabun 11 (consonants 0.4055 em vs 0.592 em)
    assert fam.points(16) == pytest.approx(10.96, abs=0.05)
    assert fam.points(14) < fam.points(16) < fam.points(18)


def test_a_font_that_forbids_embedding_is_refused_in_thai(tmp_path):
    data = bytearray(font_path("Sarabun-Regular.ttf").read_bytes())
    num_tables = struct.unpack(">H", data[4:6])[0]
    for i in range(num_tables):
        rec = 12 + 16 * i
        if data[rec:rec + 4] == b"OS/2":
            offset = struct.unpack(">L", data[rec + 8:rec + 12])[0]
            data[offset + 8:offset + 10] = struct.pack(">H", 0x0002)  # fsType: restricted licence
    path = tmp_path / "THSarabunNew.ttf"
    path.write_bytes(bytes(data))
    with pytest.raises(fonts.FontError, match="ไม่อนุญาตให้ฝัง"):
        fonts.family(str(path))


def test_installed_family_is_found_by_its_name_table(tmp_path, monkeypatch):
    from tests.support.fontnames import renamed_font

    d = tmp_path / "fonts"
    renamed_font(d / "THSarabunNew.ttf", "TH Sarabun New")
    renamed_font(d / "THSarabunNew Bold.ttf", "TH Sarabun New", "Bold", bold_source=True)
    monkeypatch.setenv("ITA_DESKTOP_FONT_DIRS", str(d))
    assert "TH Sarabun New" in fonts.installed_families()
    fam = fonts.family("TH Sarabun New")
    assert fam.bold.path.name == "THSarabunNew Bold.ttf"
    with pytest.raises(fonts.FontError, match="ไม่พบแบบอักษร"):
        fonts.family("Angsana New")


def test_digits_switch_keeps_protected_spans():
    text = "ISO 9001 และ E-Service 4.0 ปี 2568 ร้อยละ ๔๐ https://www.nonkhun.go.th/a2 info@abc2.go.th"
    thai = digits_for_print(text, True)
    assert thai == ("ISO 9001 และ E-Service 4.0 ปี ๒๕๖๘ ร้อยละ ๔๐ https://www.nonkhun.go.th/a2 "
                    "info@abc2.go.th")
    assert digits_for_print(text, False) == text.replace("๔๐", "40")


def test_glyph_names_give_characters():
    assert tounicode.text_of_glyph_name("uni0E48.small") == "\u0e48"
    assert tounicode.text_of_glyph_name("uni0E4D0E49") == "\u0e49\u0e4d"
    assert tounicode.text_of_glyph_name(".notdef") == ""


def test_our_copy_of_the_checker_is_the_teams():
    # the strict checker: holes in cells, Latin words cut, split ำ, fonts not embedded
    shared = Path(__file__).resolve().parents[3] / "shared" / "tools" / "pdfcheck_strict.py"
    if not shared.exists():
        pytest.skip("../shared is not beside this checkout")
    ours = Path(__file__).resolve().parents[1] / "support" / "pdfcheck.py"
    assert ours.read_bytes() == shared.read_bytes(), "copy ../shared/tools/pdfcheck_strict.py again"
