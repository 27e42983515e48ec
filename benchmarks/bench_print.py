"""Printing figures (issue 4): prints them, asserts nothing.

    python benchmarks/bench_print.py [DPI]

A report of about 90 pages is printed through the print screen's code (ui/printing.py) to a
QPrinter in PDF mode at DPI (600 by default, the cap): time and the process's peak memory.
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
    dpi = int(sys.argv[1]) if len(sys.argv) > 1 else 600
    from benchmarks.bench_report import big_doc
    from ita_desktop.report import ReportOptions, build_pdf
    from ita_desktop.store.exchange import import_data

    tmp = Path(tempfile.mkdtemp())
    data = import_data(big_doc(110))
    pdf = tmp / "big.pdf"
    result = build_pdf(data, ReportOptions(fiscal_year=2568, table_size=17.5, draft="no"), pdf)
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QApplication

    from ita_desktop.ui.printing import print_pdf

    app = QApplication.instance() or QApplication([])
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setResolution(dpi)
    printer.setOutputFileName(str(tmp / "printed.pdf"))
    t = time.perf_counter()
    sent = print_pdf(pdf.read_bytes(), printer)
    elapsed = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"pages": result.pages, "sent": sent, "dpi": dpi, "seconds": round(elapsed, 1),
                      "peak_mb_before_printing": round(base), "peak_mb": round(peak),
                      "output_mb": round((tmp / "printed.pdf").stat().st_size / 1e6, 1)}))
    del app


if __name__ == "__main__":
    main()
