"""The Word export (issue 17, docs WORD.md §F1): the XML Word needs for Thai, read back from
the unzipped .docx of seeds 000, 002 and 004, and what LibreOffice makes of it."""
from __future__ import annotations

import itertools
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from ita_desktop.cli import main as cli_main
from ita_desktop.domain import models as m
from ita_desktop.report import ReportOptions, build_docx, build_pdf
from ita_desktop.report.docx_xml import script_runs
from ita_desktop.report.options import OPTIONS, saved_options
from ita_desktop.store.exchange import import_data
from tests.conftest import load_fixture
from tests.support.docx_parts import NS, THAI, check_scripts, check_twins_and_order
from tests.support.docx_parts import parts as _parts
from tests.support.docx_parts import q as _q
from tests.support.docx_parts import text as _text
from tests.support.libreoffice import SOFFICE, convert_to_pdf
from tests.support.reports import pdfcheck

SEEDS = ("000", "002", "004")


def _data(seed: str) -> m.OfficeFile:
    return import_data(load_fixture(f"seed{seed}.json"))


def _docx(tmp: Path, seed: str, name: str = "", **kw: Any) -> Path:
    out = tmp / (name or f"seed{seed}.docx")
    build_docx(_data(seed), ReportOptions(fiscal_year=2568, **kw), out)
    return out


# the documents every XML rule is checked on
CASES = [
    *[(seed, {"draft": "yes"}) for seed in SEEDS],
    ("002", {"layout": "blocks", "front_matter": True}),
    ("000", {"columns": ("seq", "title", "status", "output", "budget"), "digits": "arabic",
             "page_numbers": "of", "orientation": "portrait"}),
    ("004", {"document": "analysis", "table_orientation": "landscape", "draft": "yes"}),
    ("004", {"document": "analysis", "front_matter": True, "measure_numbers": "issue"}),
]


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, dict[str, Any], Path]]:
    tmp = tmp_path_factory.mktemp("docx")
    return [(seed, kw, _docx(tmp, seed, f"case{n}-seed{seed}.docx", **kw)) for n, (seed, kw) in enumerate(CASES)]


def test_thai_runs_carry_cs_and_latin_runs_do_not(exported: list[tuple[str, dict[str, Any], Path]]) -> None:
    for _seed, _kw, path in exported:
        for name, root in _parts(path).items():
            for run in root.iter(_q("r")):
                check_scripts(run, path.name, name)


def test_complex_script_twins_and_schema_order(exported: list[tuple[str, dict[str, Any], Path]]) -> None:
    for _seed, _kw, path in exported:
        for name, root in _parts(path).items():
            check_twins_and_order(root, ("sz", "b", "i"), path.name, name)
            for fonts in root.iter(_q("rFonts")):
                assert not any(a.endswith("Theme") or a.endswith("theme") for a in fonts.attrib), fonts.attrib
                if fonts.getparent().getparent().tag == _q("r"):
                    assert {fonts.get(_q(s)) for s in ("ascii", "hAnsi", "eastAsia", "cs")} == {"TH SarabunPSK"}
            assert not list(root.iter(_q("noProof"))), (path.name, name)


def test_no_thai_word_split_across_runs(exported: list[tuple[str, dict[str, Any], Path]]) -> None:
    """Runs are cut where the script changes (or the clerk's bold does), never between two Thai
    runs that look the same."""
    for _seed, _kw, path in exported:
        body = _parts(path)["word/document.xml"]
        for p in body.iter(_q("p")):
            runs = [r for r in p.findall("w:r", NS) if _text(r)]
            for a, b in itertools.pairwise(runs):
                if THAI.search(_text(a)[-1:]) and THAI.search(_text(b)[:1]):
                    assert etree.tostring(a.find("w:rPr", NS)) != etree.tostring(b.find("w:rPr", NS)), \
                        (_text(a), _text(b))


def test_tables_pages_and_settings(exported: list[tuple[str, dict[str, Any], Path]]) -> None:
    for _seed, kw, path in exported:
        parts = _parts(path)
        body = parts["word/document.xml"]
        tables = list(body.iter(_q("tbl")))
        assert tables
        for tbl in tables:
            rows = tbl.findall("w:tr", NS)
            flags = [r.find("w:trPr/w:tblHeader", NS) is not None for r in rows]
            assert flags == sorted(flags, reverse=True), "tblHeader only on the leading rows"
            assert tbl.find("w:tblPr/w:tblLayout", NS).get(_q("type")) == "fixed"
            grid = [int(c.get(_q("w"))) for c in tbl.findall("w:tblGrid/w:gridCol", NS)]
            assert all(w > 0 for w in grid)
            for row in rows:
                cells = row.findall("w:tc", NS)
                assert len(cells) == len(grid)
                for cell, width in zip(cells, grid):
                    tcw = cell.find("w:tcPr/w:tcW", NS)
                    assert tcw is not None and int(tcw.get(_q("w"))) == width
        sections = list(body.iter(_q("sectPr")))
        for sect in sections:
            size = sect.find("w:pgSz", NS)
            w, h = int(size.get(_q("w"))), int(size.get(_q("h")))
            if size.get(_q("orient")) == "landscape":
                assert (w, h) == (16838, 11906)
            else:
                assert (w, h) == (11906, 16838)
            mar = sect.find("w:pgMar", NS)
            assert (mar.get(_q("top")), mar.get(_q("left"))) == ("1417", "1701")  # 2.5 cm, 3 cm
        settings = parts["word/settings.xml"]
        modes = settings.xpath("w:compat/w:compatSetting[@w:name='compatibilityMode']/@w:val", namespaces=NS)
        assert modes == ["15"]
        assert settings.xpath("w:themeFontLang/@w:bidi", namespaces=NS) == ["th-TH"]
        assert not settings.findall("w:proofState", NS)
        styles = parts["word/styles.xml"]
        default = styles.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
        assert default.find("w:lang", NS).get(_q("bidi")) == "th-TH"
        assert default.find("w:sz", NS).get(_q("val")) == default.find("w:szCs", NS).get(_q("val")) == "32"
        if kw.get("document", "implementation") == "implementation" and kw.get("layout", "table") == "table":
            assert tables[0].find("w:tr/w:trPr/w:tblHeader", NS) is not None


def test_same_content_as_the_pdf(tmp_path: Path) -> None:
    """Headings in the chosen order, every measure's title, the signatures, the draft mark
    as header text, the digits chosen."""
    columns = ("seq", "title", "responsible", "output")
    path = _docx(tmp_path, "002", columns=columns, headings={"output": "ผลงาน (output)"},
                 draft="yes", digits="arabic", title="รายงาน {หน่วยงาน}\nปี {ปีงบประมาณ}")
    parts = _parts(path)
    body = parts["word/document.xml"]
    first = next(body.iter(_q("tbl")))
    heads = [_text(tc) for tc in first.find("w:tr", NS).findall("w:tc", NS)]
    assert heads == ["ลำดับ", "มาตรการ โครงการ หรือกิจกรรมที่ดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
                     "ผู้รับผิดชอบ", "ผลงาน (output)"]
    rows = first.findall("w:tr", NS)[1:]
    assert [_text(r.find("w:tc", NS)) for r in rows] == [str(n) for n in range(1, len(rows) + 1)]
    text = "".join(_text(p) for p in body.iter(_q("p")))
    assert "ปี 2568" in text and "(ลงชื่อ)" in text
    assert not re.search(r"[๐-๙]", text), "digits: arabic"
    flat = re.sub(r"\s+", "", text)
    for measure in load_fixture("seed002.json")["years"][0]["measures"]:
        title = measure["title"].replace("**", "").translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789"))
        assert re.sub(r"\s+", "", title)[:40] in flat
    headers = [root for name, root in parts.items() if name.startswith("word/header")]
    assert any("ฉบับร่าง" in _text(h) for h in headers)
    # not a draft: no mark
    clean = _parts(_docx(tmp_path, "002", "clean.docx", draft="no"))
    assert not any("ฉบับร่าง" in _text(root) for name, root in clean.items() if name.startswith("word/header"))


def test_analysis_charts_merges_and_landscape_table(tmp_path: Path) -> None:
    path = _docx(tmp_path, "004", document="analysis", table_orientation="landscape")
    with zipfile.ZipFile(path) as z:
        pictures = [n for n in z.namelist() if n.startswith("word/media/")]
    assert len(pictures) >= 2  # ภาพที่ ๑ and ๒, drawn by the PDF's chart code
    body = _parts(path)["word/document.xml"]
    sections = list(body.iter(_q("sectPr")))
    assert [s.find("w:pgSz", NS).get(_q("orient")) for s in sections] == [None, "landscape"]
    measures = next(t for t in body.iter(_q("tbl")) if t.find("w:tr/w:trPr/w:tblHeader", NS) is not None
                    and "มาตรการ" in _text(t.find("w:tr", NS)))
    merges = measures.xpath("w:tr/w:tc[1]/w:tcPr/w:vMerge", namespaces=NS)
    starts = [v for v in merges if v.get(_q("val")) == "restart"]
    assert starts and len(merges) > len(starts)  # an issue spans the rows of its measures
    # the text is in its first row only
    for tc in measures.xpath("w:tr/w:tc[1][w:tcPr/w:vMerge[not(@w:val)]]", namespaces=NS):
        assert not _text(tc).strip()


def test_script_runs() -> None:
    assert script_runs("ข้อ o7 ได้ 92.37 คะแนน") == [("ข้อ ", True), ("o7 ", False), ("ได้ ", True),
                                                    ("92.37 ", False), ("คะแนน", True)]
    assert script_runs(" (ต่อ)") == [(" (", False), ("ต่อ", True), (")", False)]
    assert script_runs("๑๒ เดือน") == [("๑๒ เดือน", True)]


def test_format_option_and_command_line(tmp_path: Path) -> None:
    declared = {o.name: o for o in OPTIONS}
    assert declared["format"].flag == "--format"
    assert [v for v, _ in declared["format"].choices] == ["pdf", "docx"]
    assert declared["word_font"].default == "TH SarabunPSK"
    assert "format" not in saved_options(ReportOptions(fiscal_year=2568, format="docx"))
    ita = tmp_path / "o.ita"
    assert cli_main(["import-json", str(Path(__file__).parents[1] / "fixtures" / "seed004.json"),
                     "-o", str(ita)]) == 0
    out = tmp_path / "รายงาน.docx"
    assert cli_main(["render", str(ita), "--year", "2568", "-o", str(out), "--word-font", "TH Sarabun New"]) == 0
    assert zipfile.is_zipfile(out)
    fonts = _parts(out)["word/styles.xml"].find("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", NS)
    assert fonts.get(_q("cs")) == "TH Sarabun New"
    other = tmp_path / "report.bin"
    assert cli_main(["render", str(ita), "--year", "2568", "-o", str(other), "--format", "docx"]) == 0
    assert zipfile.is_zipfile(other)
    pdf = tmp_path / "report.pdf"
    assert cli_main(["render", str(ita), "--year", "2568", "-o", str(pdf)]) == 0
    assert pdf.read_bytes()[:5] == b"%PDF-"
    assert cli_main(["render", str(ita), "--year", "2568", "-o", str(tmp_path / "m.docx"),
                     "--document", "memo", "--for", "analysis"]) == 0  # the paperwork too (test_docx_paperwork)
    assert cli_main(["render", str(ita), "--year", "2568", "-o", str(tmp_path / "p.docx"),
                     "--document", "photos"]) == 2  # the photos print as PDF only


# --- LibreOffice ---------------------------------------------------------------------------------


@pytest.mark.timeout(300)
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_loses_no_letter(tmp_path: Path) -> None:
    """Each .docx converted by LibreOffice loses no letter our own PDF keeps (pdfcheck's lost
    letters of the measures' fields: seeds 002 and 004 lose 24 and 3 in our PDFs too)."""
    assert SOFFICE is not None
    docs, pdfs = [], {}
    for seed in SEEDS:
        docs.append(_docx(tmp_path, seed))
        ours = tmp_path / f"seed{seed}.pdf"
        build_pdf(_data(seed), ReportOptions(fiscal_year=2568), ours)
        pdfs[seed] = ours
    docs.append(_docx(tmp_path, "004", "analysis004.docx", document="analysis"))
    out = convert_to_pdf(docs, tmp_path)
    for doc in docs:
        converted = out / (doc.stem + ".pdf")
        assert converted.is_file(), doc.name
        seed = re.findall(r"\d{3}", doc.stem)[-1]
        _defects, report = pdfcheck(converted, load_fixture(f"seed{seed}.json"), tmp_path)
        lost = int(re.search(r"missing=(\d+)/", report).group(1))  # type: ignore[union-attr]
        _d, ours = pdfcheck(pdfs[seed], load_fixture(f"seed{seed}.json"), tmp_path)
        assert lost <= int(re.search(r"missing=(\d+)/", ours).group(1)), (doc.name, report)  # type: ignore[union-attr]
        assert "private-use/garbage glyphs: 0" in report


def _jpeg(w: int, h: int) -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (w, h), (200, 120, 80)).save(out, "JPEG")
    return out.getvalue()


@pytest.mark.parametrize("layout", ["table", "blocks"])
def test_photos_logo_and_appendix(tmp_path: Path, layout: str) -> None:
    """The measures' photos (pages after the table, rows under each measure in blocks), the
    office's emblem on the cover and an appendix image go in as pictures, captions as text."""
    import hashlib

    data = _data("004")
    measures = data.measures_of(data.live_plans()[0].id)
    for i, size in enumerate([(800, 600), (600, 800), (1000, 500)]):
        content = _jpeg(*size)
        aid = m.Attachment.make_id(hashlib.sha256(content).hexdigest())
        data.attachments.append(m.Attachment(id=aid, name=f"p{i}.jpg", mime="image/jpeg", data=content))
        data.photos.append(m.Photo(id=m.new_id(), measure_id=measures[0].id, round="year", sort_key=f"{i:03d}",
                                   caption=f"ภาพที่ {i + 1} ประชุมคณะทำงาน", attachment_id=aid))
    data.office.logo = _jpeg(300, 300)
    appendix = tmp_path / "appendix.png"
    from PIL import Image

    Image.new("RGB", (400, 560), (255, 255, 255)).save(appendix)
    out = tmp_path / f"photos-{layout}.docx"
    build_docx(data, ReportOptions(fiscal_year=2568, layout=layout, with_photos=True, cover=True,
                                   appendix=(str(appendix),)), out)
    with zipfile.ZipFile(out) as z:
        media = [n for n in z.namelist() if n.startswith("word/media/")]
    assert len(media) >= 5  # 3 photos, the emblem, the appendix page
    text = "".join(_text(p) for p in _parts(out)["word/document.xml"].iter(_q("p")))
    assert "ภาพที่ ๓ ประชุมคณะทำงาน" in text and "ภาคผนวก" in text


def test_the_frozen_app_takes_python_docx_templates() -> None:
    """python-docx opens its default template (docx/templates/) at run time: the spec collects it."""
    spec = (Path(__file__).parents[2] / "packaging" / "ita-desktop.spec").read_text(encoding="utf-8")
    assert 'collect_data_files("docx")' in spec
    assert '"ita_desktop.report.word"' in spec
