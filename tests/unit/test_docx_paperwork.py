"""The memo, the publishing form and the OIT register as Word files (issue 17; PAPERWORK.md
G1–G3, WORD.md §F1): the XML Word needs for Thai, the layout each document asks for, the same
texts as the PDF (the builders' content), and what LibreOffice makes of the files."""
from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest

from ita_desktop.cli import main as cli_main
from ita_desktop.domain import models as m
from ita_desktop.report import ReportError, ReportOptions, build_docx, build_pdf, fonts
from ita_desktop.report.memo import Memo
from ita_desktop.report.publish_form import PublishForm
from ita_desktop.report.register import Register
from ita_desktop.store.exchange import export_data
from tests.support.docx_parts import NS, R, check_scripts, check_twins_and_order, parts
from tests.support.docx_parts import q as _q
from tests.support.docx_parts import text as _text
from tests.support.libreoffice import SOFFICE, convert_to_pdf
from tests.support.reports import pdfcheck
from tests.unit.test_paperwork import LONG_URL, NO_BREAK_URL, _attach, _office, _picture

BOX_FONT = "Segoe UI Symbol"

MEMO = {"document": "memo", "memo_for": "implementation", "round": "half", "fiscal_year": 2568}
FORM = {"document": "publish-form", "fiscal_year": 2569}
REGISTER = {"document": "oit-register", "fiscal_year": 2569}


def _parts(path: Path) -> dict[str, Any]:
    return parts(path, word_only=False)


def _with_emblem(data: m.OfficeFile) -> m.OfficeFile:
    emblem = _attach(data, _picture(300, 320, fmt="PNG"), "garuda.png")
    data.templates.append(m.Template(id=m.Template.make_id("memo"), key="memo",
                                     texts={"emblem": emblem, "number": "ศก ๗๓๑๐๑/"}))
    return data


def _docx(tmp: Path, name: str, data: m.OfficeFile | None = None, **kw: Any) -> Path:
    out = tmp / name
    build_docx(data or _office(), ReportOptions(**kw), out)
    return out


CASES = {
    "memo": MEMO,
    "memo-arabic-draft": {**MEMO, "memo_for": "analysis", "digits": "arabic", "draft": "yes"},
    "form": FORM,
    "register": REGISTER,
    "register-arabic": {**REGISTER, "digits": "arabic", "page_numbers": "of"},
}


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("paperwork-docx")
    out = {name: _docx(tmp, f"{name}.docx", **kw) for name, kw in CASES.items()}
    out["memo-emblem"] = _docx(tmp, "memo-emblem.docx", _with_emblem(_office()), **MEMO)
    return out


def test_words_rules_for_thai_hold_in_every_run(exported: dict[str, Path]) -> None:
    for case, path in exported.items():
        for name, root in _parts(path).items():
            if not name.startswith("word/") or name.endswith(".rels"):
                continue
            for run in root.iter(_q("r")):
                check_scripts(run, case, name)
                text = _text(run)
                if not text.strip():
                    continue
                fonts_ = run.find("w:rPr/w:rFonts", NS)
                assert fonts_ is not None, (case, text)
                faces = {fonts_.get(_q(s)) for s in ("ascii", "hAnsi", "eastAsia", "cs")}
                # ☐ is in a font that has it; everything else in the office's Thai font
                assert faces == ({BOX_FONT} if text == "\u2610" else {"TH SarabunPSK"}), (case, text, faces)
            check_twins_and_order(root, ("sz", "b"), case, name)
            assert not list(root.iter(_q("noProof"))), (case, name)
        settings = _parts(path)["word/settings.xml"]
        assert settings.xpath("w:compat/w:compatSetting[@w:name='compatibilityMode']/@w:val", namespaces=NS) == ["15"]
        assert settings.xpath("w:themeFontLang/@w:bidi", namespaces=NS) == ["th-TH"]


def test_tables_and_pages(exported: dict[str, Path]) -> None:
    for case, path in exported.items():
        body = _parts(path)["word/document.xml"]
        for tbl in body.iter(_q("tbl")):
            rows = tbl.findall("w:tr", NS)
            flags = [r.find("w:trPr/w:tblHeader", NS) is not None for r in rows]
            assert flags == sorted(flags, reverse=True), (case, "tblHeader only on the leading rows")
            assert tbl.find("w:tblPr/w:tblLayout", NS).get(_q("type")) == "fixed"
            grid = [int(c.get(_q("w"))) for c in tbl.findall("w:tblGrid/w:gridCol", NS)]
            for row in rows:
                col = 0
                for cell in row.findall("w:tc", NS):
                    span = cell.find("w:tcPr/w:gridSpan", NS)
                    n = int(span.get(_q("val"))) if span is not None else 1
                    assert int(cell.find("w:tcPr/w:tcW", NS).get(_q("w"))) == sum(grid[col:col + n]), case
                    col += n
                assert col == len(grid), case
        for sect in body.iter(_q("sectPr")):
            size = sect.find("w:pgSz", NS)
            w, h = int(size.get(_q("w"))), int(size.get(_q("h")))
            landscape = size.get(_q("orient")) == "landscape"
            assert (w, h) == ((16838, 11906) if landscape else (11906, 16838)), case
            assert landscape == case.startswith("register"), case


def _tabs(p: Any) -> list[tuple[str, str | None, int]]:
    return [(t.get(_q("val")), t.get(_q("leader")), int(t.get(_q("pos")))) for t in p.iterfind("w:pPr/w:tabs/w:tab", NS)]


def test_the_memo_is_laid_out_as_form_29(exported: dict[str, Path]) -> None:
    parts = _parts(exported["memo"])
    body = parts["word/document.xml"]
    mar = body.find(".//w:sectPr/w:pgMar", NS)
    # top 1.5, left 3, right 2, bottom 2 cm
    assert [int(mar.get(_q(k))) for k in ("top", "left", "right", "bottom")] == [850, 1701, 1134, 1134]
    paras = body.findall("w:body/w:p", NS)
    heading = paras[0]
    assert _text(heading) == "บันทึกข้อความ"
    assert heading.find("w:pPr/w:jc", NS).get(_q("val")) == "center"
    run = heading.find("w:r/w:rPr", NS)
    assert run.find("w:b", NS) is not None and run.find("w:sz", NS).get(_q("val")) == "58"  # 29 pt
    assert heading.find("w:pPr/w:spacing", NS).get(_q("lineRule")) == "exact"
    # the label lines: bold 20 pt labels, the blanks a tab with a dot leader to the right margin
    labelled = {_text(p).split(" ")[0]: p for p in paras[1:4]}
    assert list(labelled) == ["ส่วนราชการ", "ที่", "เรื่อง"]
    text_width = 11906 - 1701 - 1134
    for p in labelled.values():
        assert ("right", "dot", text_width) in _tabs(p), _tabs(p)
        first = p.find("w:r/w:rPr", NS)
        assert first.find("w:b", NS) is not None and first.find("w:sz", NS).get(_q("val")) == "40"
        assert p.find(".//w:tab", NS) is not None or p.find("w:r/w:tab", NS) is not None
    assert ("left", "dot", round(8.5 / 2.54 * 1440)) in _tabs(labelled["ที่"])  # วันที่ at 8.5 cm
    assert "วันที่" in _text(labelled["ที่"])
    assert "โทร. ๐ ๔๕๖๑ ๒๓๔๕" in _text(labelled["ส่วนราชการ"])
    assert "รายงานผลการดำเนินการ" in _text(labelled["เรื่อง"]) and "รอบ ๖ เดือน" in _text(labelled["เรื่อง"])
    to = paras[4]
    assert _text(to) == "เรียน  นายกองค์การบริหารส่วนตำบลโนนคูณ"
    assert to.find("w:pPr/w:spacing", NS).get(_q("before")) == "120"
    # the paragraphs: thaiDistribute, first line 2.5 cm, 6 pt before
    body_paras = [p for p in paras if p.find("w:pPr/w:ind[@w:firstLine]", NS) is not None]
    assert len(body_paras) == 3
    for p in body_paras:
        assert p.find("w:pPr/w:jc", NS).get(_q("val")) == "thaiDistribute"
        assert p.find("w:pPr/w:ind", NS).get(_q("firstLine")) == "1417"
        assert p.find("w:pPr/w:spacing", NS).get(_q("before")) == "120"
    assert "https://www.nonkhun.go.th" in _text(body_paras[1])
    # the signatures on a centre tab 7.5 cm from the margin (10.5 cm from the paper's edge)
    centre = round(7.5 / 2.54 * 1440)
    signed = [_text(p).strip() for p in paras if ("center", None, centre) in _tabs(p)]
    assert signed[:2] == ["(นางสาวสมศรี ใจงาม)", "นักวิเคราะห์นโยบายและแผน"]
    assert "(นายบุญมี ศรีสุข)" in signed and signed[-1].startswith("วันที่")
    # ☐ ทราบ ☐ อนุมัติ ☐ อื่น ๆ, each box in a font that has it
    choices = next(p for p in paras if "\u2610" in _text(p))
    assert re.sub(r"\s+", " ", _text(choices)).strip() == "☐ ทราบ ☐ อนุมัติ ☐ อื่น ๆ"
    boxes = [r for r in choices.iter(_q("r")) if _text(r) == "\u2610"]
    assert len(boxes) == 3 and all(r.find("w:rPr/w:rFonts", NS).get(_q("ascii")) == BOX_FONT for r in boxes)
    assert ("right", "dot", text_width) in _tabs(choices)
    # no emblem unless the office names one; the second page numbered "- ๒ -", not the first
    with zipfile.ZipFile(exported["memo"]) as z:
        assert not [n for n in z.namelist() if n.startswith("word/media/")]
    assert body.find(".//w:sectPr/w:titlePg", NS) is not None
    assert body.find(".//w:sectPr/w:pgNumType", NS).get(_q("fmt")) == "thaiNumbers"
    headers = [root for name, root in parts.items() if re.match(r"word/header\d+\.xml", name)]
    assert any("PAGE" in "".join(x.text or "" for x in h.iter(_q("instrText"))) for h in headers)
    assert not any("ฉบับร่าง" in _text(h) for h in headers)


def test_the_memo_takes_the_emblem_digits_and_draft_asked_for(exported: dict[str, Path]) -> None:
    with zipfile.ZipFile(exported["memo-emblem"]) as z:
        assert len([n for n in z.namelist() if n.startswith("word/media/")]) == 1
    body = _parts(exported["memo-emblem"])["word/document.xml"]
    heading = body.find("w:body/w:p", NS)
    extent = heading.find(".//{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}extent")
    assert abs(int(extent.get("cy")) - 540000) < 2000  # 1.5 cm high, inline before the heading
    assert _text(heading).strip() == "บันทึกข้อความ"
    assert ("center", None, (11906 - 1701 - 1134) // 2) in _tabs(heading)
    assert "ศก ๗๓๑๐๑/" in _text(body)
    parts = _parts(exported["memo-arabic-draft"])
    text = _text(parts["word/document.xml"])
    assert "การวิเคราะห์ผลการประเมิน" in text and not re.search(r"[๐-๙]", text)
    headers = [root for name, root in parts.items() if re.match(r"word/header\d+\.xml", name)]
    assert any("ฉบับร่าง" in _text(h) for h in headers)


def _links(path: Path) -> dict[str, str]:
    """Each hyperlink's relationship id and target (external)."""
    rels = _parts(path)["word/_rels/document.xml.rels"]
    return {r.get("Id"): r.get("Target") for r in rels if r.get("TargetMode") == "External"
            and r.get("Type").endswith("/hyperlink")}


def _hyperlinks(path: Path) -> list[tuple[str, str]]:
    targets = _links(path)
    body = _parts(path)["word/document.xml"]
    return [(targets[h.get(f"{{{R}}}id")], _text(h)) for h in body.iter(_q("hyperlink"))]


def test_a_form_a_page_per_entry_with_its_link_and_three_signatures(exported: dict[str, Path]) -> None:
    path = exported["form"]
    body = _parts(path)["word/document.xml"]
    tables = body.findall("w:body/w:tbl", NS)
    forms = [t for t in tables if t.find("w:tblPr/w:tblStyle", NS) is not None]
    signs = [t for t in tables if t.find("w:tblPr/w:tblBorders/w:top", NS) is not None]
    assert len(forms) == 3 and len(signs) == 3  # o1, o2, o3: the unchecked items have no form
    breaks = body.xpath("w:body/w:p[w:pPr/w:pageBreakBefore]", namespaces=NS)
    assert len(breaks) == 2 and all("แบบฟอร์มการขออนุญาต" in _text(p) for p in breaks)
    for p in body.xpath("w:body/w:p[contains(., 'แบบฟอร์มการขออนุญาต')]", namespaces=NS):
        assert p.find("w:pPr/w:jc", NS).get(_q("val")) == "center"
        rpr = p.find("w:r/w:rPr", NS)
        assert rpr.find("w:b", NS) is not None and rpr.find("w:sz", NS).get(_q("val")) == "36"  # 18 pt
    for form in forms:
        grid = [int(c.get(_q("w"))) for c in form.findall("w:tblGrid/w:gridCol", NS)]
        assert grid[0] == round(4.5 / 2.54 * 1440) and sum(grid) == 11906 - 1701 - 1134
        labels = [_text(r.find("w:tc", NS)) for r in form.findall("w:tr", NS)]
        assert labels == ["ชื่อหน่วยงาน", "วัน/เดือน/ปี", "หัวข้อ", "รายละเอียดข้อมูล (โดยสรุปหรือเอกสารแนบ)",
                          "Link ภายนอก", "หมายเหตุ"]
        for r in form.findall("w:tr", NS):
            assert r.find("w:tc[1]//w:rPr/w:b", NS) is not None  # the labels bold
    assert "๑๕ ตุลาคม ๒๕๖๘" in _text(forms[0]) and "ปรับปรุงทุกปี" in _text(forms[0])
    assert _hyperlinks(path) == [(u, u) for u in ("https://www.nonkhun.go.th/structure", LONG_URL, NO_BREAK_URL)]
    for sign in signs:
        assert all(b.get(_q("val")) == "nil" for b in sign.find("w:tblPr/w:tblBorders", NS))
        text = _text(sign)
        for role in ("ผู้รับผิดชอบการให้ข้อมูล", "ผู้อนุมัติรับรอง", "ผู้รับผิดชอบการนำข้อมูลขึ้นเผยแพร่", "(นายบุญมี ศรีสุข)"):
            assert role in text, role
    assert "(นางสาวสมศรี ใจงาม)" in _text(signs[0]) and "ตำแหน่ง นักวิชาการคอมพิวเตอร์" in _text(signs[0])
    # no page numbers on a form
    assert not any("PAGE" in (x.text or "") for n, root in _parts(path).items() if n.startswith("word/header")
                   for x in root.iter(_q("instrText")))


def test_the_register_is_a_landscape_table_with_its_header_repeated_and_links(exported: dict[str, Path]) -> None:
    path = exported["register"]
    body = _parts(path)["word/document.xml"]
    sections = list(body.iter(_q("sectPr")))
    assert [s.find("w:pgSz", NS).get(_q("orient")) for s in sections] == ["landscape"]
    (table,) = body.findall("w:body/w:tbl", NS)
    rows = table.findall("w:tr", NS)
    assert [_text(c) for c in rows[0].findall("w:tc", NS)] == ["ข้อ", "รายการ", "มี/ไม่มี", "URL", "คำอธิบาย", "ผู้รับผิดชอบ"]
    assert rows[0].find("w:trPr/w:tblHeader", NS) is not None
    assert all(r.find("w:trPr/w:tblHeader", NS) is None for r in rows[1:])
    assert [_text(r.find("w:tc", NS)) for r in rows[1:]] == [f"O{n}" for n in range(1, 27)]
    assert [_text(r.findall("w:tc", NS)[2]) for r in rows[1:4]] == ["มี", "มี", "ไม่มี"]
    assert "ยังไม่ได้จัดทำช่องทางการติดต่อ" in _text(rows[3])
    # the PDF's column plan: ข้อ 12 mm, มี/ไม่มี 15 mm, the whole text width (29.7 - 5 cm)
    grid = [int(c.get(_q("w"))) for c in table.findall("w:tblGrid/w:gridCol", NS)]
    assert abs(grid[0] - 12 / 25.4 * 1440) < 3 and abs(grid[2] - 15 / 25.4 * 1440) < 3
    assert abs(sum(grid) - (16838 - 1701 - 1134)) < 10
    assert _hyperlinks(path) == [(u, u) for u in ("https://www.nonkhun.go.th/structure", LONG_URL, NO_BREAK_URL)]
    links = list(body.iter(_q("hyperlink")))
    assert [rows.index(next(h.iterancestors(_q("tr")))) for h in links] == [1, 2, 2]  # in the URL cells
    assert all(next(h.iterancestors(_q("tc"))) is rows[i].findall("w:tc", NS)[3] for h, i in zip(links, (1, 2, 2)))
    head = [_text(p) for p in body.findall("w:body/w:p", NS)]
    assert head[0] == "ทะเบียนการเปิดเผยข้อมูลสาธารณะ (OIT) ประจำปี พ.ศ. ๒๕๖๙"
    assert "องค์การบริหารส่วนตำบลโนนคูณ" in head[1]
    assert "มีและมี URL แล้ว ๒ ข้อ" in head[-1] and "ยังไม่ตรวจ ๒๓ ข้อ" in head[-1]
    arabic = _text(_parts(exported["register-arabic"])["word/document.xml"])
    assert "ประจำปี พ.ศ. 2569" in arabic and not re.search(r"[๐-๙]", arabic)


def test_the_docx_says_what_the_pdf_says(tmp_path: Path) -> None:
    """Every text of the builders' content (from which the PDF is laid out) is in the Word file."""
    family = fonts.family("")
    for name, kw, cls in (("memo", MEMO, Memo), ("form", FORM, PublishForm), ("register", REGISTER, Register)):
        data = _office()
        path = _docx(tmp_path, f"{name}.docx", data, **kw)
        flat = re.sub(r"\s+", "", _text(_parts(path)["word/document.xml"]))
        for text in _content_texts(cls(data, ReportOptions(**kw), family)):
            assert re.sub(r"\s+", "", text) in flat, (name, text)


def _content_texts(builder: Any) -> list[str]:
    """The texts a paperwork builder computed, as printed."""
    if isinstance(builder, Memo):
        c = builder.content()
        return [c.heading, *(x for f in c.fields for part in f.parts for x in part[:2]), c.to, *c.paragraphs,
                *c.preparer, c.opinion, *c.choices, *c.approver]
    if isinstance(builder, PublishForm):
        return [x for page in builder.pages() for x in (
            page.title, *(t for f in page.fields for t in (f.label, f.text, *f.urls)),
            *(t for s in page.signatures for t in (s.role, *s.lines)))]
    c = builder.content()
    return [*c.title, c.readiness, *c.headings, *(t for r in c.rows for t in (
        r.code, r.title, r.answer, *r.urls, r.explanation, r.responsible))]


def test_render_writes_the_paperwork_as_word_and_refuses_only_the_photos(tmp_path: Path, capsys: Any) -> None:
    ita = tmp_path / "o.ita"
    source = tmp_path / "o.json"
    source.write_text(json.dumps(export_data(_office()), ensure_ascii=False), encoding="utf-8")
    assert cli_main(["import-json", str(source), "-o", str(ita)]) == 0
    for args in (["--document", "memo", "--for", "analysis", "--year", "2568"],
                 ["--document", "publish-form", "--year", "2569", "--items", "o1"],
                 ["--document", "oit-register", "--year", "2569"]):
        out = tmp_path / f"{args[1]}.docx"
        assert cli_main(["render", str(ita), "-o", str(out), *args]) == 0, args
        assert zipfile.is_zipfile(out)
    capsys.readouterr()
    assert cli_main(["render", str(ita), "--year", "2568", "-o", str(tmp_path / "p.docx"),
                     "--document", "photos"]) == 2
    assert "ภาพกิจกรรม" in capsys.readouterr().err
    with pytest.raises(ReportError, match="PDF ได้อย่างเดียว"):
        build_docx(_office(), ReportOptions(fiscal_year=2568, document="photos"), tmp_path / "x.docx")


# --- LibreOffice ---------------------------------------------------------------------------------


@pytest.mark.timeout(300)
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_loses_no_letter_of_the_paperwork(tmp_path: Path) -> None:
    """Each .docx converted by LibreOffice keeps every letter of the texts the builder computed
    (pdfcheck's lost letters, the texts given as its source), as our own PDF does, with no
    garbage glyph."""
    assert SOFFICE is not None
    family = fonts.family("")
    docs, sources, ours = [], {}, {}
    cases = (("memo", MEMO, Memo, False), ("memo-emblem", MEMO, Memo, True), ("form", FORM, PublishForm, False),
             ("register", REGISTER, Register, False))
    for name, kw, cls, emblem in cases:
        data = _with_emblem(_office()) if emblem else _office()
        docs.append(_docx(tmp_path, f"{name}.docx", data, **kw))
        texts = [t for t in _content_texts(cls(data, ReportOptions(**kw), family)) if t.strip()]
        source = tmp_path / f"{name}.source.json"
        source.write_text(json.dumps({"years": [{"measures": [{"seq": n, "title": t} for n, t in enumerate(texts, 1)]}]},
                                     ensure_ascii=False), encoding="utf-8")
        sources[name] = source
        ours[name] = tmp_path / f"{name}-ours.pdf"
        build_pdf(data, ReportOptions(**kw), ours[name])
    out = convert_to_pdf(docs, tmp_path)
    for doc in docs:
        converted = out / (doc.stem + ".pdf")
        assert converted.is_file(), doc.name
        _defects, report = pdfcheck(converted, sources[doc.stem])
        lost = re.search(r"missing=(\d+)/(\d+)", report)
        assert lost is not None and int(lost.group(2)) > 0, report
        assert int(lost.group(1)) == 0, (doc.name, report)
        assert "private-use/garbage glyphs: 0" in report, (doc.name, report)
        _d, mine = pdfcheck(ours[doc.stem], sources[doc.stem])
        assert re.search(r"missing=0/", mine), (doc.stem, mine)
