"""What the merge plan tells the review: each record as the clerk knows it, deletions as
deletions, the values in Thai, the counts of what is listed, what an older copy lacks, and no
copy of the other file left in the temporary folder."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest

from ita_desktop import safe_files
from ita_desktop.domain import models as m
from ita_desktop.store import exchange, merge
from ita_desktop.store.db import Store
from tests.conftest import FIXTURES


@pytest.fixture
def copies(tmp_path: Path) -> tuple[Path, Path]:
    mine = tmp_path / "mine.ita"
    exchange.import_json(FIXTURES / "seed000.json", mine).close()
    theirs = tmp_path / "theirs.ita"
    shutil.copyfile(mine, theirs)
    return mine, theirs


def change(path: Path, how: Any) -> None:
    store = Store.open(path)
    try:
        data = store.load()
        store.save_all(how(data, data.measures_of(data.live_plans()[0].id)))
    finally:
        store.close()


def plan_of(mine: Path, theirs: Path, work: Path) -> merge.MergePlan:
    store = Store.open(mine)
    try:
        return merge.plan_merge(store, theirs, work)
    finally:
        store.close()


def test_rows_name_records_say_deletions_and_count_what_they_list(copies: tuple[Path, Path],
                                                                  tmp_path: Path) -> None:
    mine, theirs = copies

    def theirs_work(data: m.OfficeFile, xs: list[m.Measure]) -> list[m.Record]:
        xs[0].deleted = True
        r = data.result(xs[1].id, "year")
        assert r is not None
        r.status, r.percent = "done", None
        added = m.Measure(id=m.new_id(), plan_id=xs[0].plan_id, title="ลบแล้วตั้งแต่สร้าง", deleted=True)
        return [xs[0], r, added]
    change(theirs, theirs_work)
    plan = plan_of(mine, theirs, tmp_path / "w")
    rows = plan.changes()
    assert [c.kind for c in rows] == [merge.DELETED, merge.TAKEN]  # the one born deleted: not shown
    deleted, taken = rows
    assert deleted.label.startswith("มาตรการ «") and deleted.mine is not None
    assert taken.label.startswith("รายงานผล รอบ ๑๒ เดือน ของมาตรการ «")
    assert "status" in taken.fields and plan.shown("result", "status", "done") == "ดำเนินการแล้วเสร็จ"
    assert plan.counts() == {merge.DELETED: 1, merge.TAKEN: 1}
    assert plan.summary() == "ลบ 1 รายการ, แก้ไขที่อีกไฟล์ 1 รายการ"


def test_an_older_copy_counts_what_this_file_has_more(copies: tuple[Path, Path], tmp_path: Path) -> None:
    mine, theirs = copies
    assert plan_of(mine, theirs, tmp_path / "w0").mine_ahead == 0

    def work_here(data: m.OfficeFile, xs: list[m.Measure]) -> list[m.Record]:
        xs[0].budget = "๑ บาท"
        new = m.Measure(id=m.new_id(), plan_id=xs[0].plan_id, title="ใหม่ที่สำนักปลัด")
        return [xs[0], new]
    change(mine, work_here)
    plan = plan_of(mine, theirs, tmp_path / "w1")
    assert plan.nothing_new and plan.mine_ahead == 2
    back = plan_of(theirs, mine, tmp_path / "w2")  # and the other way, two things to take
    assert back.mine_ahead == 0 and len(back.changes()) == 2


def test_the_scratch_copy_goes_even_while_a_scanner_holds_it(
        copies: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On Windows an antivirus opens the new copy of the other file: its delete fails for a
    moment. The folder went silently left behind (19 after an afternoon)."""
    mine, theirs = copies
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    monkeypatch.setattr(safe_files, "sleep", lambda _s: None)
    real_unlink = os.unlink
    held = {"times": 1}

    def unlink(path: Any, *args: Any, **kwargs: Any) -> None:
        if str(path).endswith("theirs.ita") and held["times"]:
            held["times"] -= 1
            raise PermissionError(13, "held by another program", str(path))
        real_unlink(path, *args, **kwargs)
    monkeypatch.setattr(os, "unlink", unlink)
    store = Store.open(mine)
    try:
        merge.plan_merge(store, theirs)
    finally:
        store.close()
    assert held["times"] == 0
    assert [p.name for p in scratch.iterdir() if p.name.startswith("ita-merge-")] == []
