"""200 random layouts of real report texts: column widths 25–100 mm, TH Sarabun PSK sizes 14–18,
regular and bold, cells and paragraphs that continue on the next page, and the runs real
reports hold beside Thai (URLs, e-mail addresses, file paths, long Latin words, Thai dates,
พ.ศ. ๒๕๖๘, numbered lists pasted inline). Every PDF must pass the strict checker (no empty
holes inside a cell, no word cut); compounds broken between syllables where a column is too
narrow are allowed and counted. First pages of some layouts are written as PNG to
build/stress-png for people to look at (set ITA_STRESS_PNG to choose the folder); they are not
asserted. The whole run takes about two minutes on one core."""
from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from reportlab.lib.units import mm

from ita_desktop.domain import markup
from ita_desktop.report import fonts
from ita_desktop.report.flowables import ReportTable, TextBlock
from ita_desktop.report.pages import PageSetup, build
from ita_desktop.report.text import TextStyle, paras_of_markup, paras_of_plain
from tests.conftest import load_fixture
from tests.support.strict_check import strict_pdfcheck

LAYOUTS = 200
PNG_EVERY = 20
# what real reports carry beside the seeds' Thai (see docs/typesetting.md)
RUNS = [
    "เผยแพร่ทางเว็บไซต์ https://www.nonsung.go.th/index.php?option=com_content&view=article"
    "&id=245&catid=12&Itemid=101 ภายในวันที่ ๑ ตุลาคม ๒๕๖๗",
    "ส่งเรื่องร้องเรียนทาง e-mail saraban.nonsung@dla.go.th หรือทางเพจ"
    "https://www.facebook.com/nonsung.municipality/posts/1234567890123456ตลอด ๒๔ ชั่วโมง",
    "รายงานผลการประเมิน ITA (Integrity and Transparency Assessment) ประจำปีงบประมาณ พ.ศ. ๒๕๖๘ "
    "ผ่านระบบ https://itas.nacc.go.th/go/oit/2568/o12?download=report_final_version.pdf",
    "ขั้นตอน ๑.ประกาศเจตจำนงสุจริต ๒.จัดทำคู่มือการปฏิบัติงาน ๓.เผยแพร่ทางเว็บไซต์ "
    "๔.รายงานผลทุกไตรมาส ๕.ทบทวนมาตรการ",
    "ระยะเวลา ๑ ตุลาคม ๒๕๖๗ - ๓๐ กันยายน ๒๕๖๘ รวม ๑๒ เดือน ประชุม ๔ ครั้ง ผู้เข้าร่วม ๑๐๐ คน "
    "ภายใน ๑๕ วัน นับแต่วันที่ ๓๑ มีนาคม พ.ศ. ๒๕๖๘",
    "ไฟล์แนบ: D:\\ITA2568\\O12_Report_FinalVersion_Approved_by_Mayor_2568-10-01.pdf "
    "และ Anti-Corruption Integrity-Promotion Programme (ACIP-2568)",
    "ตามแบบ OIT ข้อ O7 ถึง ข้อ O12 ระหว่าง ต.ค. ๖๗ - ก.ย. ๖๘ โดย อบต.บ้านผือ และ ทต.โนนสูง "
    "ร้อยละ ๘๕ ของผู้ตอบแบบสำรวจ",
]


def _texts() -> list[str]:
    out = []
    for name in ("seed000.json", "seed002.json", "seed004.json"):
        for year in load_fixture(name)["years"]:
            for m in year.get("measures", []):
                for key in ("title", "steps", "period", "responsible", "output", "outcome"):
                    value = m.get(key)
                    if isinstance(value, str) and value.strip():
                        out.append(value)
    return out + RUNS * 6  # about one cell in five


def _png_dir() -> Path:
    root = Path(__file__).resolve().parents[2]
    return Path(os.environ.get("ITA_STRESS_PNG", root / "build" / "stress-png"))


# about a minute alone on a core, several on a shared machine: more than the suite's 120 s
@pytest.mark.timeout(900)
def test_random_layouts_have_no_defects(tmp_path):
    rng = random.Random(20261121)
    texts = _texts()
    fam = fonts.sarabun()
    failures = []
    compound_breaks = 0
    png_dir = _png_dir()
    for n in range(LAYOUTS):
        columns = rng.randint(1, 4)
        widths = [rng.uniform(25, 100) * mm for _ in range(columns)]
        if sum(widths) > 250 * mm:
            widths = [w * 250 * mm / sum(widths) for w in widths]
            widths = [max(w, 25 * mm) for w in widths]
        landscape = sum(widths) > 160 * mm
        psk = rng.choice([14, 14.5, 15, 15.5, 16, 16.5, 17, 17.5, 18])
        bold = rng.random() < 0.3
        style = TextStyle(fam, fam.points(psk), bold=bold)
        head_style = TextStyle(fam, fam.points(psk), bold=True, align="center")
        rows = []
        sources = []
        for _r in range(rng.randint(2, 5)):
            row = []
            for _c in range(columns):
                cell = "\n\n".join(rng.choice(texts) for _ in range(rng.choice([1, 1, 2, 4])))
                row.append(paras_of_markup(cell))
                sources.append(markup.plain_text(cell))
            rows.append(row)
        intro = " ".join(rng.choice(texts).replace("\n", " ") for _ in range(rng.randint(1, 12)))
        sources.append(intro)
        intro_style = TextStyle(fam, fam.points(rng.choice([14, 16, 18])), bold=rng.random() < 0.2)
        header = [paras_of_plain("หัวตาราง ผลการดำเนินการ") for _ in range(columns)]

        def story(_state, intro=intro, intro_style=intro_style, widths=widths, header=header,
                  rows=rows, style=style, head_style=head_style):
            return [TextBlock(paras_of_plain(intro), intro_style, space_after=6),
                    ReportTable(widths, header, rows, style, head_style)]

        setup = PageSetup("landscape" if landscape else "portrait", 2.5, 2.0, 3.0, 2.0, "dash",
                          TextStyle(fam, fam.points(16)))
        pdf = tmp_path / f"layout{n:03d}.pdf"
        build(story, setup, str(pdf))
        source = {"years": [{"measures": [{"seq": i, "title": s} for i, s in enumerate(sources)]}]}
        defects, report, figures = strict_pdfcheck(pdf, source, tmp_path, fields=["title"])
        compound_breaks += figures.get("compound_breaks", 0)
        if defects:
            failures.append(f"layout {n} (widths {[round(w / mm) for w in widths]} mm, PSK {psk}, "
                            f"bold {bold}):\n{report}")
        if n % PNG_EVERY == 0:
            _save_png(pdf, png_dir / f"layout{n:03d}.png")
    print(f"compounds broken between syllables in narrow columns: {compound_breaks}")
    assert not failures, f"{len(failures)} of {LAYOUTS} layouts have defects:\n" + "\n".join(failures[:3])


def _save_png(pdf: Path, out: Path) -> None:
    from tests.support.reports import pdfium

    out.parent.mkdir(parents=True, exist_ok=True)
    doc = pdfium.PdfDocument(str(pdf))
    try:
        doc[0].render(scale=1.0).to_pil().save(out)
    finally:
        doc.close()
