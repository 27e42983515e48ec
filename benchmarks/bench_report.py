"""Print engine figures (issue 3): prints them, asserts nothing.

    python benchmarks/bench_report.py [--no-libreoffice]

1. time per page, ours vs stock reportlab shaped Paragraphs, on single-frame paragraphs
   stock reportlab handles (text with spaces between phrases, no page splits)
2. 98 measures as a 6-column landscape table: ours from a cold process (`ita-desktop render`)
   and warm (in-process), peak memory of the cold process; the same content written as a
   Word table (Sarabun 12 pt, Thai size set, header row repeated) converted by LibreOffice
   (`soffice --headless --convert-to pdf`, its own profile, warmed; needs soffice on PATH,
   Sarabun installed for it, and python-docx: `pip install python-docx`), in alternating
   pairs with the ratio of each pair
3. the size of seed 002's report
"""
from __future__ import annotations

import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
FIELDS = ("title", "steps", "period", "responsible", "output", "outcome")
HEADINGS = ("มาตรการ โครงการ หรือกิจกรรม", "ขั้นตอนหรือวิธีการปฏิบัติ", "ช่วงระยะเวลาในการดำเนินการ",
            "ผู้รับผิดชอบ", "ผลการดำเนินการ (output)", "ผลลัพธ์หรือผลสัมฤทธิ์ในการดำเนินการ (outcome)")


def seed_measures() -> list[dict]:
    out = []
    for name in ("seed000.json", "seed002.json"):
        doc = json.loads((ROOT / "tests" / "fixtures" / name).read_text(encoding="utf-8"))
        out += doc["years"][0]["measures"]
    return out


def big_doc(n: int = 98, unique: bool = False) -> dict:
    """Seeds 000 and 002's measures repeated to n; `unique`: each text of a repeat ends with its
    own number, so that nothing measured for one cell serves another."""
    doc = json.loads((ROOT / "tests" / "fixtures" / "seed002.json").read_text(encoding="utf-8"))
    pool = seed_measures()
    doc["years"][0]["measures"] = [dict(pool[i % len(pool)], seq=i + 1) for i in range(n)]
    if unique:
        for i, measure in enumerate(doc["years"][0]["measures"]):
            for f in FIELDS:
                if measure.get(f):
                    measure[f] = f"{measure[f]} ({i + 1})"
    return doc


def paragraphs_per_page() -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from ita_desktop.report import fonts
    from ita_desktop.report.flowables import TextBlock
    from ita_desktop.report.text import TextStyle, paras_of_plain
    from ita_desktop.thai import words

    words.ensure_loaded()
    fam = fonts.sarabun()
    size = fam.points(16)
    # phrases separated by spaces: stock reportlab breaks at spaces and never splits a word
    texts = []
    for m in seed_measures():
        for f in ("steps", "output", "outcome"):
            t = (m.get(f) or "").replace("**", "").replace("\n", " ")
            if t:
                texts.append(" ".join(w for w in words.words(t) if not w.isspace())[:600])
    texts = texts * 3

    def stock() -> int:
        style = ParagraphStyle("b", fontName=fam.regular.name, fontSize=size, leading=size * 1.3,
                               shaping=1, splitLongWords=0)
        fam.regular.ttf.shapable = True  # stock reportlab shaping, for the comparison only
        try:
            with tempfile.TemporaryFile() as out:
                doc = SimpleDocTemplate(out, pagesize=A4)
                doc.build([Paragraph(t, style) for t in texts])
                return int(doc.page)
        finally:
            fam.regular.ttf.shapable = False

    def ours() -> int:
        from ita_desktop.report.pages import PageSetup, build

        style = TextStyle(fam, size)
        setup = PageSetup("portrait", 2.5, 2.5, 2.5, 2.5, "none", style)
        with tempfile.TemporaryFile() as out:
            return build(lambda _state: [TextBlock(paras_of_plain(t), style) for t in texts], setup, out)

    for name, fn in (("stock reportlab (shaped Paragraph)", stock), ("ours (shaped-line primitive)", ours)):
        fn()  # warm caches
        runs = []
        pages = 0
        for _ in range(3):
            t = time.perf_counter()
            pages = fn()
            runs.append(time.perf_counter() - t)
        per_page = statistics.median(runs) / pages * 1000
        print(f"  {name}: {pages} pages, {per_page:.1f} ms per page")


def write_docx(doc: dict, path: Path) -> None:
    import docx  # python-docx, for this comparison only
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    from ita_desktop.domain import markup

    d = docx.Document()
    section = d.sections[0]
    section.orientation = 1
    section.page_width, section.page_height = section.page_height, section.page_width
    style = d.styles["Normal"]
    style.font.name = "Sarabun"
    style.font.size = Pt(12)
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    fonts.set(qn("w:cs"), "Sarabun")
    szcs = OxmlElement("w:szCs")
    szcs.set(qn("w:val"), "24")
    rpr.append(szcs)
    measures = doc["years"][0]["measures"]
    table = d.add_table(rows=1, cols=len(FIELDS))
    table.style = "Table Grid"
    for cell, heading in zip(table.rows[0].cells, HEADINGS):
        cell.text = heading
    trpr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    trpr.append(header)
    for m in measures:
        cells = table.add_row().cells
        for cell, f in zip(cells, FIELDS):
            cell.text = markup.plain_text(m.get(f) or "")
    d.save(str(path))


def _spread(runs: list[float], unit: str = "s") -> str:
    return f"{min(runs):.2f}–{statistics.median(runs):.2f}–{max(runs):.2f} {unit} (min–median–max of {len(runs)})"


def _pages(path: Path) -> int:
    import pypdfium2

    return len(pypdfium2.PdfDocument(str(path)))


def table_report(libreoffice: bool, pairs: int = 5) -> None:
    """Our cold `render` against LibreOffice converting the same table from DOCX, in
    alternating pairs (ours, LibreOffice, ours at LibreOffice's type size), each pair's ratio
    taken, the median of the ratios reported: the machine's speed drifts by tens of percent
    within minutes, and a pair sees the same machine."""
    from ita_desktop.report import ReportOptions, build_pdf
    from ita_desktop.store.exchange import import_data, write_new_file

    # an installed program has its bytecode compiled; a source tree (PYTHONDONTWRITEBYTECODE
    # here) would compile the package at every start
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "ita_desktop")], capture_output=True)
    tmp = Path(tempfile.mkdtemp())
    doc = big_doc()
    ita = tmp / "big.ita"
    write_new_file(import_data(doc), ita).close()
    write_new_file(import_data(big_doc(unique=True)), tmp / "unique.ita").close()

    def ours(*size_args: str, source: Path = ita) -> float:
        t = time.perf_counter()
        r = subprocess.run([sys.executable, "-m", "ita_desktop", "render", str(source), "--year", "2568",
                            *size_args, "-o", str(tmp / "ours.pdf")], capture_output=True, text=True,
                           encoding="utf-8", env=dict(os.environ, PYTHONIOENCODING="utf-8"))
        if r.returncode:
            raise RuntimeError(r.stderr)
        return time.perf_counter() - t

    ours()  # first: RUSAGE_CHILDREN keeps the largest child, and soffice is larger
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    pages = _pages(tmp / "ours.pdf")
    ours("--table-size", "17.5")
    same_size_pages = _pages(tmp / "ours.pdf")
    soffice = shutil.which("soffice") if libreoffice else None
    lo_cmd: list[str] = []
    if soffice:
        try:
            docx_path = tmp / "big.docx"
            write_docx(doc, docx_path)
            profile = (tmp / "lo-profile").as_uri()
            lo_cmd = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                      "--outdir", str(tmp), str(docx_path)]
            for _ in range(2):  # the first start makes the profile; the second warms it
                subprocess.run(lo_cmd, capture_output=True, timeout=300, check=True)
            lo_pages = _pages(tmp / "big.pdf")
        except (ImportError, subprocess.SubprocessError, OSError) as exc:
            print(f"  LibreOffice comparison skipped: {exc}")
            lo_cmd = []
    elif libreoffice:
        print("  LibreOffice comparison skipped: soffice is not on PATH")
    ours(source=tmp / "unique.ita")
    unique_pages = _pages(tmp / "ours.pdf")
    cold, cold_same, cold_unique, lo, ratios, ratios_same, ratios_unique = [], [], [], [], [], [], []
    for _ in range(pairs):
        cold.append(ours())
        cold_unique.append(ours(source=tmp / "unique.ita"))
        if lo_cmd:
            t = time.perf_counter()
            subprocess.run(lo_cmd, capture_output=True, timeout=300, check=True)
            lo.append(time.perf_counter() - t)
            cold_same.append(ours("--table-size", "17.5"))
            ratios.append(cold[-1] / lo[-1])
            ratios_same.append(cold_same[-1] / lo[-1])
            ratios_unique.append(cold_unique[-1] / lo[-1])
    data = import_data(doc)
    opts = ReportOptions(fiscal_year=2568)
    build_pdf(data, opts, tmp / "warm0.pdf")
    warm = []
    for _ in range(3):
        t = time.perf_counter()
        build_pdf(data, opts, tmp / "warm.pdf")
        warm.append(time.perf_counter() - t)
    print(f"  ours, cold process (render command): {pages} pages, {_spread(cold)}, peak memory {peak / 1024:.0f} MB")
    print(f"  ours, warm (in process): {_spread(warm)}")
    print(f"  ours, cold, every text of the 98 measures its own (no cell repeats): {unique_pages} pages, "
          f"{_spread(cold_unique)}")
    if lo:
        print(f"  ours at Sarabun 12 pt (PSK 17.5), cold: {same_size_pages} pages, {_spread(cold_same)}")
        print(f"  LibreOffice, Word table, Sarabun 12 pt: {lo_pages} pages, {_spread(lo)}")
        print(f"  pair ratios ours/LibreOffice: {', '.join(f'{r:.2f}' for r in ratios)}; "
              f"median {statistics.median(ratios):.2f} (goal ≤ 0.60)")
        print(f"  pair ratios at the same type size: {', '.join(f'{r:.2f}' for r in ratios_same)}; "
              f"median {statistics.median(ratios_same):.2f}")
        print(f"  pair ratios with no cell repeated: {', '.join(f'{r:.2f}' for r in ratios_unique)}; "
              f"median {statistics.median(ratios_unique):.2f}")
    shutil.rmtree(tmp, ignore_errors=True)


def seed_size() -> None:
    from ita_desktop.report import ReportOptions, build_pdf
    from ita_desktop.store.exchange import import_data

    doc = json.loads((ROOT / "tests" / "fixtures" / "seed002.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as d:
        out = Path(d) / "seed002.pdf"
        result = build_pdf(import_data(doc), ReportOptions(fiscal_year=2568), out)
        print(f"  seed 002 report: {result.pages} pages, {out.stat().st_size / 1024:.0f} KB (goal < 300 KB)")


def main() -> None:
    print("paragraphs, time per page:")
    paragraphs_per_page()
    print("98 measures, 6-column table:")
    table_report("--no-libreoffice" not in sys.argv)
    print("size:")
    seed_size()


if __name__ == "__main__":
    main()
