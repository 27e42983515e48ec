"""Foundation figures (issue 2): prints them, asserts nothing.

    python benchmarks/bench_foundation.py

- window shown with a file of 5 years x 30 measures, from process start (a child process)
- opening such a file (Store.open + load)
- committing one edit on local disk (on the writer thread)
- the tokeniser's dictionary load (in the background thread)
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def make_big_file(path: Path) -> None:
    from ita_desktop.store import exchange

    doc = exchange.read_json(ROOT / "resources" / "demo" / "demo-office.json")
    base = doc["years"][0]
    years = []
    for n in range(5):
        year = dict(base, fiscal_year=2564 + n, framework="2567")
        year["measures"] = [dict(base["measures"][i % len(base["measures"])], seq=i + 1)
                            for i in range(30)]
        year["analysis"] = base["analysis"]
        years.append(year)
    # one assessment (2567) is the only catalog shipped; each plan refers to it
    for y in years[1:]:
        y.pop("scores", None)
    doc["years"] = years
    data = exchange.import_data(doc)
    exchange.write_new_file(data, path).close()


CHILD = r"""
import os, sys, time
t0 = float(sys.argv[2])
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
from ita_desktop import app as appmod
from ita_desktop.thai import words
app = QApplication([])
app.setFont(__import__("PySide6.QtGui", fromlist=["QFont"]).QFont(appmod.load_fonts(), 10))
from ita_desktop.ui.main_window import MainWindow
import tempfile
w = MainWindow(QSettings(tempfile.mktemp(suffix=".ini"), QSettings.Format.IniFormat))
w.show()
w.open_file(__import__("pathlib").Path(sys.argv[1]))
w.nav.setCurrentRow(2)
app.processEvents()
loader = appmod.DictionaryLoader(app)  # as the app does: after the first paint
loader.start()
print(f"{time.time() - t0:.3f}")
w.close_document()
os._exit(0)
"""


def main() -> None:
    tmp = Path(tempfile.mkdtemp())
    big = tmp / "big.ita"
    make_big_file(big)
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               PYTHONPATH=str(ROOT))
    starts = []
    for _ in range(3):
        t0 = time.time()
        out = subprocess.run([sys.executable, "-c", CHILD, str(big), repr(t0)], env=env,
                             capture_output=True, text=True, encoding="utf-8", check=True)
        starts.append(float(out.stdout.strip().splitlines()[-1]))
    print(f"window shown with 5 years x 30 measures, from process start: "
          f"median {statistics.median(starts):.3f} s (runs {', '.join(f'{s:.3f}' for s in starts)}; goal < 1.5 s)")

    from ita_desktop.store.db import Store
    from ita_desktop.store.writer import Writer

    opens = []
    for _ in range(10):
        t = time.perf_counter()
        store = Store.open(big)
        data = store.load()
        opens.append(time.perf_counter() - t)
        store.close()
    print(f"open + load ({len(data.measures)} measures, {len(data.question_scores)} scores): "
          f"median {statistics.median(opens) * 1000:.1f} ms (goal < 200 ms)")

    store = Store.open(big)
    data = store.load()
    writer = Writer(store)
    measure = data.measures[0]
    commits = []
    for i in range(50):
        measure.title = f"มาตรการทดสอบ {i}"
        snapshot = __import__("copy").deepcopy(measure)
        t = time.perf_counter()
        writer.call(lambda s, r=snapshot: s.save(r))
        commits.append(time.perf_counter() - t)
    writer.close()
    print(f"commit one edit (writer thread, synchronous=FULL): median {statistics.median(commits) * 1000:.2f} ms, "
          f"max {max(commits) * 1000:.2f} ms (goal < 20 ms)")

    t = time.perf_counter()
    from ita_desktop.thai import words

    thread = words.load_in_background()
    started = time.perf_counter() - t
    thread.join()
    print(f"tokeniser dictionary: load_in_background returned in {started * 1000:.2f} ms, "
          f"loaded after {time.perf_counter() - t:.2f} s on its own thread")


if __name__ == "__main__":
    main()
