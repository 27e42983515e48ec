"""Printing figures (issue 4): prints them, asserts nothing.

    python benchmarks/bench_print.py [MAX_DPI] [--booklet] [--grey]

A report of about 90 pages (98 measures as a table: 91 landscape pages; --booklet adds the cover,
คำนำ and สารบัญ: 3 portrait pages, so the job goes on portrait sheets with 91 pages turned) is
printed through the print screen's code (ui/printing.py) to a 600 dpi QPrinter in PDF mode, the
raster capped at MAX_DPI (ui/printing.MAX_DPI, 300, by default; 600 gives the old figures): time,
the process's peak memory, and sizes:

- output_mb: the PDF Qt wrote. The closest measurable stand-in for a spool, but Qt's PDF engine
  compresses the images (JPEG in colour mode, Flate in grey mode, --grey), a Windows spool does not
- raster_mb: the images as print_pdf hands them to the painter (1 byte a pixel grey, 3 colour)
- windows_spool_mb_estimate: what Qt's Windows print engine puts in an EMF spool: every image
  copied into 32-bit tiles (QWin32PrintEngine::drawPixmap), 4 bytes a pixel, uncompressed

A QPrinter in NativeFormat needs a CUPS printer (a "file" or PDF queue); without one (no CUPS in
the sandbox) that is said and not measured.
"""
from __future__ import annotations

import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    from benchmarks.bench_report import big_doc
    from ita_desktop.ui import printing

    max_dpi = int(args[0]) if args else printing.MAX_DPI
    from ita_desktop.report import ReportOptions, build_pdf
    from ita_desktop.store.exchange import import_data

    tmp = Path(tempfile.mkdtemp())
    data = import_data(big_doc(110))
    pdf = tmp / "big.pdf"
    result = build_pdf(data, ReportOptions(fiscal_year=2568, table_size=17.5, draft="no",
                                           front_matter="--booklet" in sys.argv), pdf)
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setResolution(600)
    if "--grey" in sys.argv:
        printer.setColorMode(QPrinter.ColorMode.GrayScale)
    printer.setOutputFileName(str(tmp / "printed.pdf"))
    dpi = printing.raster_dpi(printer, max_dpi)
    t = time.perf_counter()
    sent = printing.print_pdf(pdf.read_bytes(), printer, max_dpi=max_dpi)
    elapsed = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    doc, _buffer = printing.load_pdf(pdf.read_bytes())
    pixels = raster = 0
    for i in range(doc.pageCount()):
        size = doc.pagePointSize(i)
        n = round(size.width() / 72 * dpi) * round(size.height() / 72 * dpi)
        pixels += n
        raster += n * (3 if printing.has_colour(doc, i) else 1)
    queues = [p.printerName() for p in QPrinterInfo.availablePrinters()]
    print(json.dumps({"pages": result.pages, "sent": sent, "printer_dpi": printer.resolution(),
                      "raster_dpi": dpi, "grey_mode": "--grey" in sys.argv,
                      "portrait_sheets": printing.sheet_orientation(doc, list(range(doc.pageCount())))
                      == printing.QPageLayout.Orientation.Portrait,
                      "seconds": round(elapsed, 1),
                      "peak_mb_before_printing": round(base), "peak_mb": round(peak),
                      "output_mb": round((tmp / "printed.pdf").stat().st_size / 1e6, 1),
                      "raster_mb": round(raster / 1e6), "windows_spool_mb_estimate": round(pixels * 4 / 1e6),
                      "native_format": "CUPS queues: " + ", ".join(queues) + " (not printed to)" if queues
                      else "no CUPS printer here: NativeFormat not measured"}, ensure_ascii=False))
    del app


if __name__ == "__main__":
    main()
