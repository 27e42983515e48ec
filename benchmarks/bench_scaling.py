"""Cost per measure as the report grows (issue 15, linear cost): prints figures, asserts nothing.

    python benchmarks/bench_scaling.py [N ...]

Seed 002's measures repeated to N measures (default 10, 100, 1000), each with its year-end
result; the year-end report as a landscape table rendered in-process (dictionary loaded
before timing, one warm-up render). Prints seconds, pages and seconds per measure for each N, and the ratio of
the per-measure time from 100 to 1,000 to that from 10 to 100 (the goal: within 1.35×).
"""
from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ita_desktop.domain import models as m  # noqa: E402
from ita_desktop.report import ReportOptions, build_pdf  # noqa: E402
from ita_desktop.store.exchange import import_data  # noqa: E402
from ita_desktop.thai import words  # noqa: E402


def office_with(n: int) -> tuple[m.OfficeFile, int]:
    data = import_data(json.loads((ROOT / "tests/fixtures/seed002.json").read_text("utf-8")))
    plan = data.live_plans()[0]
    base = data.measures_of(plan.id)
    results = {x.id: data.result(x.id, "year") for x in base}
    data.measures = [x for x in data.measures if x.plan_id != plan.id]
    data.results = []
    for i in range(n):
        x = base[i % len(base)]
        copy = replace(x, id=f"m{i}", sort_key=f"{i:06d}")
        data.measures.append(copy)
        r = results[x.id]
        if r is not None:
            data.results.append(replace(r, id=m.Result.make_id(copy.id, "year"), measure_id=copy.id))
    return data, plan.fiscal_year


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [10, 100, 1000]
    words.ensure_loaded()
    times: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        data, fy = office_with(10)  # fonts, shaping caches: paid once, not per measure
        build_pdf(data, ReportOptions(fiscal_year=fy, layout="table", orientation="landscape"), Path(tmp) / "w.pdf")
        for n in sizes:
            data, fy = office_with(n)
            start = time.perf_counter()
            result = build_pdf(data, ReportOptions(fiscal_year=fy, layout="table", orientation="landscape",
                                                   draft="no"), Path(tmp) / f"r{n}.pdf")
            times[n] = time.perf_counter() - start
            print(f"{n:5d} measures: {times[n]:7.2f} s  {result.pages:4d} pages  "
                  f"{1000 * times[n] / n:7.1f} ms per measure", flush=True)
    if {10, 100, 1000} <= set(times):
        low = (times[100] - times[10]) / 90
        high = (times[1000] - times[100]) / 900
        print(f"per measure 100→1000 / 10→100: {high / low:.2f} (goal ≤ 1.35)")
    status_cells()


def ten_years() -> m.OfficeFile:
    """10 fiscal years of 1,000 measures each (seed 002's repeated), each with a year-end
    result (bench_app.py opens it in the window)."""
    data, fy = office_with(1000)
    plan = data.live_plans()[0]
    for year in range(1, 10):  # nine more years of the same measures and results
        other = replace(plan, id=f"plan{year}", fiscal_year=fy + year)
        data.plans.append(other)
        for x in [x for x in data.measures if x.plan_id == plan.id]:
            copy = replace(x, id=f"{x.id}-{year}", plan_id=other.id)
            data.measures.append(copy)
            data.results.append(m.Result(id=m.Result.make_id(copy.id, "year"), measure_id=copy.id,
                                         round="year", status="done", output="ดำเนินการแล้ว"))
    return data


def status_cells() -> None:
    """The measure list's status column of a 10-year file of 1,000 measures a year: the time
    to paint a screenful (30 rows) after an edit, and to read every row once."""
    from PySide6.QtCore import QCoreApplication

    from ita_desktop.store.exchange import write_new_file
    from ita_desktop.ui.document import Document
    from ita_desktop.ui.models.measures import MeasureListModel

    app = QCoreApplication.instance() or QCoreApplication([])
    data = ten_years()
    with tempfile.TemporaryDirectory() as tmp:
        doc = Document(write_new_file(data, Path(tmp) / "big.ita"))
        try:
            model = MeasureListModel(doc, doc.data.live_plans()[-1])
            for label, rows in (("a screenful (30 rows)", 30), ("every row", model.rowCount())):
                model._forget_status()  # as after an edit
                start = time.perf_counter()
                for row in range(rows):
                    model.data(model.index(row, 3))
                print(f"status column, {label}: {1000 * (time.perf_counter() - start):.1f} ms "
                      f"({len(doc.data.results):,} results in the file)")
        finally:
            doc.close()
    del app


if __name__ == "__main__":
    main()
