"""Merge figures (issue 6): prints them, asserts nothing.

    python benchmarks/bench_merge.py

- two copies of 10 years × 100 measures with 500 differing records: planning + applying the merge
- a ~50 MB foreign file: copied off the "stick", checked and read, ready for review
"""
from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def office(years: int, per_year: int, pad: int = 0) -> dict:
    doc = json.loads((ROOT / "tests" / "fixtures" / "seed002.json").read_text(encoding="utf-8"))
    pool = doc["years"][0]["measures"]
    out = []
    for y in range(years):
        year = dict(doc["years"][0], fiscal_year=2560 + y, framework="2567")
        year["measures"] = [dict(pool[i % len(pool)], seq=i + 1,
                                 steps=(pool[i % len(pool)]["steps"] + " รายละเอียด" * pad))
                            for i in range(per_year)]
        out.append(year)
    doc["years"] = out
    return doc


def main() -> None:
    from ita_desktop.store import merge
    from ita_desktop.store.db import Store
    from ita_desktop.store.exchange import import_data, write_new_file

    tmp = Path(tempfile.mkdtemp())
    a = tmp / "a.ita"
    write_new_file(import_data(office(10, 100)), a).close()
    b = tmp / "b.ita"
    shutil.copyfile(a, b)
    # 500 differing records: 300 changed only there, 150 changed on both sides in different
    # fields (merged), 50 with the same field changed on both sides (conflicts, --prefer theirs)
    for path, edit in ((b, lambda n, x: setattr(x, "period", f"แก้บนอีกเครื่อง {n}")),
                       (a, lambda n, x: setattr(x, "budget" if n < 450 else "period", f"แก้ที่นี่ {n}"))):
        store = Store.open(path)
        data = store.load()
        live = [x for x in data.measures if not x.deleted]
        changed = live[:500] if path == b else live[300:500]
        for n, x in enumerate(changed, 0 if path == b else 300):
            edit(n, x)
        store.save_all(changed)
        store.close()
    store = Store.open(a)
    t = time.perf_counter()
    plan = merge.plan_merge(store, b, tmp / "work")
    planned = time.perf_counter() - t
    merge.apply_merge(store, plan, prefer="theirs")
    total = time.perf_counter() - t
    store.close()
    print(f"10 years × 100 measures, 500 differing records ({len(plan.taken)} taken, "
          f"{len(plan.merged) - len(plan.conflicts)} merged by field, {len(plan.conflicts)} conflicts): "
          f"planned {planned:.2f} s, merged {total:.2f} s (goal < 1 s)")

    big = tmp / "big.ita"
    write_new_file(import_data(office(10, 1000, pad=20)), big).close()
    size = big.stat().st_size / 1e6
    store = Store.open(a)
    t = time.perf_counter()
    plan = merge.plan_merge(store, big, tmp / "work2")
    elapsed = time.perf_counter() - t
    store.close()
    print(f"foreign file of {size:.0f} MB checked and read for review: {elapsed:.2f} s (goal < 2 s); "
          f"{len(plan.added)} records it would add")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
