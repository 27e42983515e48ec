"""The time of one structural edit on a big file (architecture issue, part 3): prints it,
asserts nothing.

    python benchmarks/bench_edit.py [MEASURES]

A file of MEASURES measures (300 by default) is opened as the window opens it (ui/document.py);
then, through Document.edit as the pages call it: a measure added, one moved, one duplicated,
each timed (median of 40, the writer thread's commit not included: it runs beside the GUI).
"""
from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from benchmarks.bench_report import big_doc
    from ita_desktop.domain import edits
    from ita_desktop.store.db import Store
    from ita_desktop.store.exchange import import_data, write_new_file
    from ita_desktop.ui.document import Document

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    app = QApplication.instance() or QApplication([])
    path = Path(tempfile.mkdtemp()) / "big.ita"
    write_new_file(import_data(big_doc(count)), path).close()
    start = time.perf_counter()
    doc = Document(Store.open(path))
    opened = time.perf_counter() - start
    plan = doc.data.live_plans()[0]
    records = len(doc.data.all_records())

    def timed(label: str, fn) -> float:  # type: ignore[no-untyped-def]
        times = []
        for _ in range(40):
            start = time.perf_counter()
            doc.edit(label, fn)
            times.append(time.perf_counter() - start)
            app.processEvents()
        return statistics.median(times) * 1000

    measures = doc.data.measures_of(plan.id)
    add = timed("add", lambda: [edits.add_measure(doc.data, plan)])
    move = timed("move", lambda: [edits.move_measure(doc.data, measures[5], 200)])
    duplicate = timed("duplicate", lambda: [edits.duplicate_measure(doc.data, measures[7])])
    doc.close()
    print(f"{count} measures, {records} records; open {opened * 1000:.0f} ms")
    print(f"Document.edit median: add {add:.2f} ms, move {move:.2f} ms, duplicate {duplicate:.2f} ms")


if __name__ == "__main__":
    main()
