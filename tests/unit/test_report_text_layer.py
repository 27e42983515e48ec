"""The PDF's text layer as a clerk's viewer uses it: search (Ctrl+F in Chrome/Edge, which
use PDFium), copied text (poppler's pdftotext), embedded fonts (preflight), and a draft
watermark that is seen but never read as text."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pythainlp.tokenize import word_tokenize
from reportlab.pdfgen.canvas import Canvas

from ita_desktop.report import ReportOptions, build_pdf, fonts
from ita_desktop.report import text as T
from ita_desktop.store.exchange import import_data
from tests.conftest import FIXTURES, load_fixture
from tests.support.reports import page_texts, pdfium

SPLIT_AM = "\u0e4d\u0e32"  # nikhahit + sara aa: how a SARA AM must never come out
SARA_AM = "\u0e33"
BRIEF_WORDS = ("ดำเนินการ", "สำนัก", "จำนวน", "กำหนด")
needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext") or not shutil.which("pdffonts"),
                                   reason="poppler-utils is not installed")


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The documents the app prints, rendered once for this module."""
    tmp = tmp_path_factory.mktemp("reports")
    seed000 = import_data(load_fixture("seed000.json"))
    seed002 = import_data(load_fixture("seed002.json"))
    seed004 = import_data(load_fixture("seed004.json"))
    kinds = {
        "table000": (seed000, {}),
        "table": (seed002, {}),
        "blocks": (seed002, {"layout": "blocks"}),
        "analysis": (seed004, {"document": "analysis"}),
        "booklet": (seed002, {"front_matter": True}),
    }
    out = {}
    for kind, (data, kw) in kinds.items():
        out[kind] = tmp / f"{kind}.pdf"
        build_pdf(data, ReportOptions(fiscal_year=2568, draft="auto", **kw), out[kind])
    return out


def _draw(path: Path, body: str, bold: bool = False) -> None:
    fam = fonts.sarabun()
    lay = T.layout(T.paras_of_plain(body), T.TextStyle(fam, 14, bold=bold), 450)
    canv = Canvas(str(path), initialFontName=fam.regular.name)
    lay.draw(canv, 72, 770)
    canv.showPage()
    canv.save()


def _found(pdf: Path, word: str) -> list[int]:
    """Pages on which PDFium's search (the viewer's Ctrl+F) finds `word`."""
    doc = pdfium.PdfDocument(str(pdf))
    try:
        pages = []
        for i in range(len(doc)):
            search = doc[i].get_textpage().search(word)
            if search.get_next() is not None:
                pages.append(i)
        return pages
    finally:
        doc.close()


def _pdftotext(pdf: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True)
    return out.stdout.decode("utf-8").split("\f")


def _sara_am_words(source: str) -> set[str]:
    thai = " ".join(re.findall(r"[\u0e01-\u0e4e]+", source))
    return {w for w in word_tokenize(thai, engine="newmm") if SARA_AM in w}


# --- 1. SARA AM ---------------------------------------------------------------------------
@pytest.mark.parametrize("bold", [False, True], ids=["regular", "bold"])
def test_sara_am_comes_out_as_one_character(tmp_path, bold):
    # ำ is drawn as nikhahit + sara aa; with a tone mark the nikhahit is a ligature glyph
    words = "ดำเนินการ สำนัก น้ำ ค่ำ ต๋ำ จำนวน กระทำ"
    pdf = tmp_path / "am.pdf"
    _draw(pdf, words, bold)
    assert page_texts(pdf)[0].strip() == words
    for word in words.split():
        assert _found(pdf, word) == [0], word


@needs_poppler
def test_sara_am_copies_out_of_poppler_as_one_character(tmp_path):
    words = "ดำเนินการ สำนัก น้ำ ค่ำ ต๋ำ"
    pdf = tmp_path / "am.pdf"
    _draw(pdf, words)
    assert _pdftotext(pdf)[0].strip() == words


def test_a_typed_nikhahit_and_sara_aa_stay_as_typed(tmp_path):
    # only the ำ that HarfBuzz decomposes is given back as ำ; two typed characters stay two
    pdf = tmp_path / "typed.pdf"
    _draw(pdf, "ก\u0e4d\u0e32 กำ")
    assert page_texts(pdf)[0].strip() == "ก\u0e4d\u0e32 กำ"


@needs_poppler
@pytest.mark.parametrize("kind, seed", [("table000", "seed000.json"), ("table", "seed002.json"),
                                        ("blocks", "seed002.json"), ("analysis", "seed004.json")])
def test_every_sara_am_word_of_a_seed_is_found_where_it_is_printed(reports, kind, seed):
    pdf = reports[kind]
    source = (FIXTURES / seed).read_text(encoding="utf-8")
    words = _sara_am_words(source) | {w for w in BRIEF_WORDS if w in source}
    assert len(words) > 10 and "สำนัก" in words
    pdfium_pages = page_texts(pdf)
    poppler_pages = _pdftotext(pdf)
    for page in [*pdfium_pages, *poppler_pages]:
        assert SPLIT_AM not in page
    printed = 0
    for word in sorted(words):
        on_pages = [i for i, text in enumerate(pdfium_pages) if word in text]
        assert _found(pdf, word) == on_pages, word
        assert on_pages == [i for i, text in enumerate(poppler_pages) if word in text], word
        printed += bool(on_pages)
    assert printed >= 0.9 * len(words)  # the pages hold the words (a few are cut between lines)


# --- 2. embedded fonts --------------------------------------------------------------------
def _fonts(pdf: Path) -> list[tuple[str, str]]:
    """(name, emb) of every font pdffonts lists."""
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, encoding="utf-8", check=True).stdout
    rows = [ln.split() for ln in out.splitlines()[2:] if ln.strip()]
    return [(row[0], row[-5]) for row in rows]


@needs_poppler
@pytest.mark.parametrize("kind", ["table", "blocks", "analysis", "booklet"])
def test_every_font_is_embedded(reports, kind):
    used = _fonts(reports[kind])
    assert used and all(emb == "yes" for _name, emb in used), used
    assert not any("Helvetica" in name for name, _emb in used), used


def test_a_canvas_of_the_engine_names_no_base_font(tmp_path):
    # a page with only a page number: reportlab would still name Helvetica on its own
    pdf = tmp_path / "empty.pdf"
    build_pdf(import_data(load_fixture("seed000.json")),
              ReportOptions(fiscal_year=2568, draft="no", columns=("title",)), pdf)
    assert b"/Helvetica" not in pdf.read_bytes()


# --- 3. the draft watermark ---------------------------------------------------------------
def _page_gray(pdf: Path, page: int = 0):
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return doc[page].render(scale=1).to_pil().convert("L")
    finally:
        doc.close()


@needs_poppler
def test_draft_watermark_is_seen_but_is_no_text(tmp_path):
    data = import_data(load_fixture("seed000.json"))
    draft, final = tmp_path / "draft.pdf", tmp_path / "final.pdf"
    assert build_pdf(data, ReportOptions(fiscal_year=2568, draft="yes"), draft).draft
    build_pdf(data, ReportOptions(fiscal_year=2568, draft="no"), final)
    for text in [*page_texts(draft), *_pdftotext(draft)]:
        assert "ฉบับร่าง" not in text
    assert page_texts(draft) == page_texts(final)
    # the picture still shows it: light gray ink where the final page is white, across the page
    a, b = _page_gray(draft), _page_gray(final)
    w, h = a.size
    marked = [(x, y) for y in range(0, h, 2) for x in range(0, w, 2)
              if b.getpixel((x, y)) == 255 and 200 < a.getpixel((x, y)) < 240]
    assert len(marked) > 500
    centre_x = sum(x for x, _y in marked) / len(marked)
    centre_y = sum(y for _x, y in marked) / len(marked)
    assert abs(centre_x - w / 2) < 0.15 * w and abs(centre_y - h / 2) < 0.15 * h


def test_watermark_pages_are_found_by_their_picture(tmp_path):
    from tests.support.reports import watermarked_pages

    data = import_data(load_fixture("seed000.json"))
    draft, final = tmp_path / "draft.pdf", tmp_path / "final.pdf"
    build_pdf(data, ReportOptions(fiscal_year=2568, draft="yes"), draft)
    build_pdf(data, ReportOptions(fiscal_year=2568, draft="no"), final)
    assert all(watermarked_pages(draft)) and len(watermarked_pages(draft)) == len(page_texts(draft))
    assert not any(watermarked_pages(final))




def _char_boxes(pdf: Path) -> list[tuple[str, tuple[float, float, float, float]]]:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        page = doc[0].get_textpage()
        return [(page.get_text_range(i, 1), page.get_charbox(i)) for i in range(page.count_chars())]
    finally:
        doc.close()


def test_the_nikhahit_drawn_as_an_outline_moves_nothing(tmp_path):
    # ดำ is ด + nikhahit (no advance) + sara aa; ดา is ด + sara aa: what follows sits alike
    with_am, without = tmp_path / "am.pdf", tmp_path / "aa.pdf"
    _draw(with_am, "ดำเนินการ น้ำ")
    _draw(without, "ดาเนินการ นา")
    a, b = _char_boxes(with_am), _char_boxes(without)
    assert [ch for ch, _box in a] == list("ด\u0e33เนินการ น\u0e49\u0e33")
    assert len(a) == len(b) + 1
    a_boxes = [box for ch, box in a if ch != "\u0e49"]
    for box, (_ch, other) in zip(a_boxes, b):
        assert abs(box[0] - other[0]) < 0.01 and abs(box[2] - other[2]) < 0.01


def test_the_nikhahit_outline_is_inked_above_its_consonant(tmp_path):
    am, aa = tmp_path / "am.pdf", tmp_path / "aa.pdf"
    _draw(am, "ดำ")
    _draw(aa, "ดา")
    from PIL import ImageChops

    diff = ImageChops.difference(_page_gray(am), _page_gray(aa))
    box = diff.getbbox()
    assert box is not None
    left, top, right, bottom = box
    # a small ring over the right side of ด (72 pt left margin, 14 pt type, 770 pt from the bottom)
    assert 72 < left < right < 72 + 14 and bottom - top < 8 and top < 842 - 770 + 4
