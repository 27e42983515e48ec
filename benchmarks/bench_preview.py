"""What a preview costs before the PDF is laid out (architecture issue, part 3): prints it,
asserts nothing.

    python benchmarks/bench_preview.py [MEASURES]

On the demo file and on a file of MEASURES measures (300 by default), right after an edit:

- before: the print screen waited on the GUI thread for the writer to commit (doc.flush()),
  then the worker process opened the file read-only and loaded it whole (Store.open_readonly +
  load: header, schema and quick check, every table);
- after: the print screen pickles the window's records (snapshot.dumps) and the worker reads
  them back (snapshot.loads), the file untouched.

The round trip is timed through one spawned worker process as the print screen uses it (warm:
the median of 15), and the layout itself (report.build_pdf, in this process) for scale.
"""
from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
RUNS = 15


def read_file(path: str) -> tuple[int, float]:
    """In the worker: the file as render_process.render_bytes reads it."""
    from ita_desktop.store.db import Store

    start = time.perf_counter()
    store = Store.open_readonly(Path(path))
    try:
        data = store.load()
    finally:
        store.close()
    return len(data.all_records()), time.perf_counter() - start


def read_snapshot(blob: bytes) -> tuple[int, float]:
    """In the worker: the window's snapshot."""
    from ita_desktop import snapshot

    start = time.perf_counter()
    data = snapshot.loads(blob)
    return len(data.all_records()), time.perf_counter() - start


def ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.1f} ms"


def measure(label: str, path: Path, pool: ProcessPoolExecutor) -> None:
    from ita_desktop import report, snapshot
    from ita_desktop.ui.document import Document

    doc = Document.open(path)
    plan = doc.data.live_plans()[-1]
    x = doc.data.measures_of(plan.id)[0]
    gui_before, trip_before, worker_before, gui_after, trip_after, worker_after = ([] for _ in range(6))
    for i in range(RUNS):
        doc.set_field(x, "period", f"แก้ครั้งที่ {i}")  # an edit just typed, as the clerk opens the preview
        start = time.perf_counter()
        doc.flush()
        gui_before.append(time.perf_counter() - start)
        start = time.perf_counter()
        _count, inside = pool.submit(read_file, str(path)).result()
        trip_before.append(time.perf_counter() - start)
        worker_before.append(inside)

        doc.set_field(x, "period", f"แก้อีกครั้ง {i}")
        start = time.perf_counter()
        blob = snapshot.dumps(doc.data)
        gui_after.append(time.perf_counter() - start)
        start = time.perf_counter()
        _count, inside = pool.submit(read_snapshot, blob).result()
        trip_after.append(time.perf_counter() - start)
        worker_after.append(inside)
        doc.flush()
    start = time.perf_counter()
    result = report.build_pdf(doc.data, report.ReportOptions(fiscal_year=plan.fiscal_year), Path(os.devnull))
    layout = time.perf_counter() - start
    records = len(doc.data.all_records())
    doc.close()
    print(f"{label}: {records} records, {len(blob) / 1024:.0f} KB snapshot; layout {layout * 1000:.0f} ms"
          f" ({result.pages} pages)")
    print(f"  before: GUI thread {ms(gui_before)} (flush), worker reads {ms(worker_before)},"
          f" request to data in the worker {ms([g + t for g, t in zip(gui_before, trip_before, strict=True)])}")
    print(f"  after:  GUI thread {ms(gui_after)} (snapshot), worker reads {ms(worker_after)},"
          f" request to data in the worker {ms([g + t for g, t in zip(gui_after, trip_after, strict=True)])}")


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from benchmarks.bench_report import big_doc
    from ita_desktop.store.exchange import import_data, write_new_file

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    _app = QApplication.instance() or QApplication([])
    tmp = Path(tempfile.mkdtemp())
    demo = json.loads((ROOT / "resources" / "demo" / "demo-office.json").read_text(encoding="utf-8"))
    files = {"demo": import_data(demo), f"{count} measures": import_data(big_doc(count))}
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        pool.submit(read_snapshot, b"").exception()  # started and warm before timing
        for n, (label, data) in enumerate(files.items()):
            path = tmp / f"{n}.ita"
            write_new_file(data, path).close()
            measure(label, path, pool)


if __name__ == "__main__":
    main()
