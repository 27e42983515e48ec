"""The app's speed and memory (issue 15): prints figures, asserts nothing.

    python benchmarks/bench_app.py [RUNS]

Each run is a new process started as a clerk starts the app (ita_desktop.app.start: the
window, the file, the dictionary after the first paint), on Qt's offscreen platform, with
its own empty settings and Documents folder:

- the window shown, from process start, with the demo file: at the first start (the demo is
  made) and at a later one (the demo is the last file, opened again);
- the same with a file of 10 years × 1,000 measures, each with a year-end result;
- the print screen with seed 002's report, its worker warm: an option changed to the new
  preview painted;
- in the big file's process: the big file opened from the window (open_file) to its first view painted,
  the measures page of the last year painted, a screenful of the measure list painted at ten
  places down the list (scrolling), every page and every year visited, and the peak memory.
"""
from __future__ import annotations

import json
import os
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

CHILD = r"""
import json, os, resource, sys, time
t0 = float(sys.argv[1])
from ita_desktop import app as appmod
window = appmod.start(sys.argv[3:])
qapp = appmod.QApplication.instance()
window.grab()  # its first paint, before the event loop starts the dictionary's thread
out = {"shown": time.time() - t0}
qapp.processEvents()
big = sys.argv[2]
if big:
    from pathlib import Path
    window.close_document()
    qapp.processEvents()
    t = time.perf_counter()
    window.open_file(Path(big))
    qapp.processEvents()
    window.grab()
    out["open_first_view"] = time.perf_counter() - t
    page = window.plan_page
    t = time.perf_counter()
    window.nav.setCurrentRow(2)
    page.plans.setCurrentIndex(page.plans.count() - 1)
    qapp.processEvents()
    window.grab()
    out["measures_page"] = time.perf_counter() - t
    bar = page.table.verticalScrollBar()
    screens = []
    for k in range(1, 11):
        t = time.perf_counter()
        bar.setValue(bar.maximum() * k // 10)
        qapp.processEvents()
        page.table.viewport().grab()
        screens.append(time.perf_counter() - t)
    out["screenful"] = screens
    visits = []
    shows = [(window.nav.setCurrentRow, row) for row in range(window.nav.count())]
    shows += [(page.plans.setCurrentIndex, i) for i in range(page.plans.count())]  # the last page stays
    for show, which in shows:
        t = time.perf_counter()
        show(which)
        qapp.processEvents()
        window.grab()
        visits.append(time.perf_counter() - t)
    out["visits"] = visits
if os.environ.get("BENCH_PREVIEW"):
    from PySide6.QtCore import QEventLoop, QTimer
    screen = window.print_report()

    def wait_preview():
        loop = QEventLoop()
        screen.preview_ready.connect(loop.quit)
        QTimer.singleShot(60000, loop.quit)
        loop.exec()
        screen.preview_ready.disconnect(loop.quit)
        qapp.processEvents()
        screen.view.grab()

    if screen.rendered is None:
        wait_preview()  # the worker started, its dictionary loaded, a first preview
    changes = []
    for k in range(8):
        t = time.perf_counter()
        screen.digits.setCurrentIndex(screen.digits.findData("arabic" if k % 2 == 0 else "thai"))
        wait_preview()
        changes.append(time.perf_counter() - t)
    out["preview"] = changes
    screen.close()
out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out))
sys.stdout.flush()
os._exit(0)
"""


def ten_year_file(path: Path) -> None:
    from benchmarks.bench_scaling import ten_years
    from ita_desktop.store.exchange import write_new_file

    write_new_file(ten_years(), path).close()


def run_child(big: Path | None, files: list[str], home: Path, preview: bool = False) -> dict[str, object]:
    home.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(home), XDG_CONFIG_HOME=str(home / "config"),
               XDG_DATA_HOME=str(home / "data"), PYTHONPATH=str(ROOT), BENCH_PREVIEW="1" if preview else "")
    t0 = time.time()
    r = subprocess.run([sys.executable, "-c", CHILD, repr(t0), str(big or ""), *files], env=env,
                       capture_output=True, text=True, encoding="utf-8", timeout=600)
    if r.returncode:
        raise RuntimeError(r.stderr[-2000:])
    result: dict[str, object] = json.loads(r.stdout.strip().splitlines()[-1])
    return result


def spread(values: list[float], unit: str = "s", scale: float = 1.0) -> str:
    v = [x * scale for x in values]
    return f"{min(v):.2f}–{statistics.median(v):.2f}–{max(v):.2f} {unit}"


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "ita_desktop")], capture_output=True)
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.ita"
        ten_year_file(big)
        first, again = [], []
        for i in range(runs):
            first.append(run_child(None, [], Path(tmp) / f"home-demo{i}"))  # makes the demo file
            again.append(run_child(None, [], Path(tmp) / f"home-demo{i}"))  # opens it as the last file
        print(f"window shown with the demo file, from process start (min–median–max of {runs}):")
        print(f"  first start (the demo file is made): {spread([float(d['shown']) for d in first])}")
        print(f"  every later start: {spread([float(d['shown']) for d in again])} (goal ≤ 1.0 s); "
              f"peak memory {spread([float(d['peak_mb']) for d in again], 'MB')}")
        bigs = [run_child(big, [], Path(tmp) / f"home-big{i}") for i in range(runs)]
        print(f"10 years × 1,000 measures ({big.stat().st_size / 1e6:.1f} MB file):")
        print(f"  opened from the window to its first view painted: "
              f"{spread([float(b['open_first_view']) for b in bigs])} (goal ≤ 1.0 s)")
        print(f"  the measures page of the last year painted: {spread([float(b['measures_page']) for b in bigs])}")
        screens = [s for b in bigs for s in b["screenful"]]  # type: ignore[attr-defined]
        print(f"  a screenful of the measure list, scrolled to ten places: {spread(screens, 'ms', 1000)}")
        visits = [s for b in bigs for s in b["visits"]]  # type: ignore[attr-defined]
        print(f"  each page and each of the 10 years shown: {spread(visits, 'ms', 1000)}")
        print(f"  peak memory with every page and year visited: "
              f"{spread([float(b['peak_mb']) for b in bigs], 'MB')} (goal ≤ 300 MB)")
        from ita_desktop.store.exchange import import_json

        seed = Path(tmp) / "seed002.ita"
        import_json(ROOT / "tests" / "fixtures" / "seed002.json", seed).close()
        previews = run_child(None, [str(seed)], Path(tmp) / "home-preview", preview=True)["preview"]
        print(f"print screen, seed 002's report, warm worker: an option changed (digits) to the new preview "
              f"painted: {spread(previews, 'ms', 1000)} over {len(previews)} changes (goal ≤ 500 ms)")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
