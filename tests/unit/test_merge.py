"""Merging copies of the same office's file (issue 6, the engine and the command)."""
from __future__ import annotations

import shutil
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest

from ita_desktop.domain import edits
from ita_desktop.domain import models as m
from ita_desktop.resources import bundled_frameworks
from ita_desktop.store import merge
from ita_desktop.store.db import Store
from ita_desktop.store.errors import StoreError
from ita_desktop.store.exchange import export_data, import_data, write_new_file
from tests.conftest import load_fixture
from tests.support.older import back_to


def _file(tmp: Path, name: str = "a.ita") -> Path:
    path = tmp / name
    write_new_file(import_data(load_fixture("seed004.json")), path).close()
    return path


def _copy(src: Path, name: str) -> Path:
    dst = src.with_name(name)
    shutil.copyfile(src, dst)  # a copy made in Explorer
    return dst


def _edit(path: Path, fn) -> None:
    store = Store.open(path)
    try:
        data = store.load()
        store.save_all(fn(data))
    finally:
        store.close()


def _load(path: Path) -> m.OfficeFile:
    store = Store.open(path)
    try:
        return store.load()
    finally:
        store.close()


def _measure(data: m.OfficeFile, n: int) -> m.Measure:
    return data.measures_of(data.live_plans()[0].id)[n]


def _merge(mine: Path, theirs: Path, prefer: str | None = None) -> merge.MergePlan:
    store = Store.open(mine)
    try:
        plan = merge.plan_merge(store, theirs)
        if not plan.conflicts or prefer:
            merge.apply_merge(store, plan, prefer)
        return plan
    finally:
        store.close()


def _set(n: int, field: str, value: object):
    def fn(data: m.OfficeFile) -> list[m.Record]:
        x = _measure(data, n)
        setattr(x, field, value)
        return [x]
    return fn


def test_changes_on_one_side_are_taken_without_asking(tmp_path):
    a = _file(tmp_path)
    b = _copy(a, "b.ita")
    _edit(b, _set(0, "period", "ตลอดปีงบประมาณ"))
    plan = _merge(a, b)
    assert len(plan.taken) == 1 and not plan.conflicts
    assert _measure(_load(a), 0).period == "ตลอดปีงบประมาณ"
    again = _merge(a, b)
    assert again.empty  # the same merge twice changes nothing


def test_different_fields_merge_and_the_same_field_conflicts(tmp_path):
    a = _file(tmp_path)
    b = _copy(a, "b.ita")
    _edit(a, _set(0, "period", "ไตรมาสที่ ๑"))
    _edit(b, _set(0, "responsible", "กองคลัง"))
    plan = _merge(a, b)
    assert not plan.conflicts and len(plan.merged) == 1
    merged = _measure(_load(a), 0)
    assert merged.period == "ไตรมาสที่ ๑" and merged.responsible == "กองคลัง"
    _edit(a, _set(1, "title", "ชื่อของฉัน"))
    _edit(b, _set(1, "title", "ชื่อของเขา"))
    plan = _merge(a, b)
    assert [c.field for c in plan.conflicts] == ["title"]
    assert _measure(_load(a), 1).title == "ชื่อของฉัน"  # nothing applied while undecided
    _merge(a, b, prefer="theirs")
    assert _measure(_load(a), 1).title == "ชื่อของเขา"
    assert _merge(a, b).empty


def test_a_partial_merge_applies_the_rest_and_asks_again(tmp_path):
    a = _file(tmp_path)
    b = _copy(a, "b.ita")
    _edit(a, _set(1, "title", "ชื่อของฉัน"))
    _edit(b, _set(1, "title", "ชื่อของเขา"))
    _edit(b, _set(1, "budget", "๒๐,๐๐๐ บาท"))  # same record, a field only they changed
    _edit(b, _set(4, "period", "ตุลาคม ๒๕๖๘"))  # another record
    _edit(a, _set(2, "deleted", True))
    _edit(b, _set(2, "steps", "ขั้นตอนใหม่"))
    for _ in range(2):
        store = Store.open(a)
        try:
            plan = merge.plan_merge(store, b)
            counts = merge.apply_merge(store, plan, partial=True)
        finally:
            store.close()
        assert counts["left"] == 2 and {c.field for c in plan.conflicts} == {"title", "deleted"}
        data = _load(a)
        x = _measure(data, 1)
        assert (x.title, x.budget) == ("ชื่อของฉัน", "๒๐,๐๐๐ บาท")
        assert _measure(data, 3).period == "ตุลาคม ๒๕๖๘"  # index 3: measure 2 is deleted here
        assert all(not y.steps.startswith("ขั้นตอนใหม่") for y in data.measures if not y.deleted)
    _merge(a, b, prefer="theirs")
    data = _load(a)
    assert _measure(data, 1).title == "ชื่อของเขา"
    assert any(y.steps == "ขั้นตอนใหม่" and not y.deleted for y in data.measures)
    assert _merge(a, b).empty


def _dump(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table but the merge log: the file's whole state."""
    conn = sqlite3.connect(path)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {n: sorted(map(tuple, conn.execute(f'SELECT * FROM "{n}"')), key=repr)
                for n in names if n != "merge_log"}
    finally:
        conn.close()


def test_an_undone_merge_leaves_the_file_as_before_and_can_be_made_again(tmp_path):
    a = _file(tmp_path)
    b = _copy(a, "b.ita")
    _edit(b, _set(0, "period", "ตลอดปี"))  # taken
    _edit(a, _set(1, "budget", "๕๐๐ บาท"))
    _edit(b, _set(1, "target", "ประชาชน"))  # merged by field
    _edit(a, _set(2, "title", "ของฉัน"))
    _edit(b, _set(2, "title", "ของเขา"))  # a conflict

    def add(data: m.OfficeFile) -> list[m.Record]:
        x = edits.add_measure(data, data.live_plans()[0])
        x.title = "ใหม่จากกอง"
        return [x]
    _edit(b, add)
    before = _dump(a)
    store = Store.open(a)
    try:
        plan = merge.plan_merge(store, b)
        counts = (len(plan.added), len(plan.taken), len(plan.merged), len(plan.conflicts))
        assert counts == (1, 1, 2, 1)
        merge.apply_merge(store, plan, prefer="theirs")
        assert _dump(a) != before
        merge.undo_merge(store, plan)
        assert _dump(a) == before
        again = merge.plan_merge(store, b)  # the same merge is offered again
        assert (len(again.added), len(again.taken), len(again.merged), len(again.conflicts)) == counts
        merge.apply_merge(store, plan, prefer="theirs")  # redo
    finally:
        store.close()
    assert _merge(a, b).empty
    assert _measure(_load(a), 2).title == "ของเขา"


def test_delete_against_edit_is_a_conflict_and_reorder_against_edit_is_not(tmp_path):
    a = _file(tmp_path)
    b = _copy(a, "b.ita")
    _edit(a, _set(2, "deleted", True))
    _edit(b, _set(2, "steps", "ขั้นตอนใหม่"))
    plan = _merge(a, b)
    assert any(c.field == "deleted" for c in plan.conflicts)
    c = _file(tmp_path, "c.ita")
    d = _copy(c, "d.ita")
    _edit(c, _set(3, "sort_key", "zz"))
    _edit(d, _set(3, "title", "ชื่อใหม่"))
    plan = _merge(c, d)
    assert not plan.conflicts
    moved = next(x for x in _load(c).measures if x.id == _measure(_load(d), 3).id)
    assert moved.sort_key == "zz" and moved.title == "ชื่อใหม่"


def _print_settings(document: str, round_: str, options: dict):
    def fn(data: m.OfficeFile) -> list[m.Record]:
        return [edits.print_settings_for(data, data.live_plans()[0].id, document, round_, options)]
    return fn


def test_print_settings_of_one_document_merge_like_other_records(tmp_path):
    """The options chosen for one (year, document, round) on two PCs are one record (a natural
    id), merged like any other: a change on one side is taken; the options field changed on
    both sides is asked."""
    a = _file(tmp_path)
    _edit(a, _print_settings("implementation", "year", {"digits": "arabic"}))
    b = _copy(a, "b.ita")
    _edit(b, _print_settings("implementation", "year", {"digits": "arabic", "layout": "blocks"}))
    plan = _merge(a, b)
    assert not plan.conflicts and len(plan.taken) == 1
    (kept,) = _load(a).print_settings
    assert kept.options == {"digits": "arabic", "layout": "blocks"}
    # made on two PCs separately: one record, its options asked
    c = _file(tmp_path, "c.ita")
    d = _copy(c, "d.ita")
    _edit(c, _print_settings("implementation", "year", {"digits": "arabic"}))
    _edit(d, _print_settings("implementation", "year", {"layout": "blocks"}))
    plan = _merge(c, d)
    assert [conflict.field for conflict in plan.conflicts] == ["options"]
    assert merge.field_label("options") == "ค่าการพิมพ์"
    assert merge.shown_value("options", plan.conflicts[0].theirs) == '{"layout": "blocks"}'
    _merge(c, d, prefer="theirs")
    (kept,) = _load(c).print_settings
    assert kept.options == {"layout": "blocks"}
    assert _merge(c, d).empty
    # another document's settings are another record
    _edit(d, _print_settings("analysis", "", {"digits": "arabic"}))
    assert len(_merge(c, d).added) == 1
    assert sorted(x.document for x in _load(c).print_settings) == ["analysis", "implementation"]


def test_both_add_the_same_year_and_copy_the_same_measures(tmp_path):
    a = _file(tmp_path)
    b = _copy(a, "b.ita")
    fw = bundled_frameworks()[2568]

    def add_year(data: m.OfficeFile) -> list[m.Record]:
        a68, recs = edits.add_assessment(data, 2568, fw, "ita-2568.json")
        recs.append(edits.set_indicator_score(data, a68, 1, Decimal(90)))
        plan = edits.add_plan(data, 2569, a68)
        recs.append(plan)
        recs += edits.copy_measures(data, data.plan(2568), plan)
        return recs
    _edit(a, add_year)
    _edit(b, add_year)
    plan = _merge(a, b)
    assert not plan.conflicts
    data = _load(a)
    assert len([x for x in data.live_assessments() if x.ita_year == 2568]) == 1
    plan69 = data.plan(2569)
    assert len(data.measures_of(plan69.id)) == len(data.measures_of(data.plan(2568).id))


def test_clocks_do_not_matter(tmp_path):
    a = _file(tmp_path)
    b = _copy(a, "b.ita")
    _edit(b, _set(0, "title", "แก้บนเครื่องที่นาฬิกาผิด"))
    conn = sqlite3.connect(b)
    conn.execute("UPDATE measure SET updated_at='2016-01-01T00:00:00'")  # ten years behind
    conn.commit()
    conn.close()
    _merge(a, b)
    assert _measure(_load(a), 0).title == "แก้บนเครื่องที่นาฬิกาผิด"


def test_json_round_trip_then_merge_changes_nothing(tmp_path):
    a = _file(tmp_path)
    b = tmp_path / "from-json.ita"
    write_new_file(import_data(export_data(_load(a))), b).close()
    assert _merge(a, b).empty


def test_three_copies_in_any_order_give_the_same_result(tmp_path):
    base = _file(tmp_path, "base.ita")
    copies = [_copy(base, f"c{i}.ita") for i in range(3)]
    _edit(copies[0], _set(0, "title", "หนึ่ง"))
    _edit(copies[1], _set(0, "title", "สอง"))
    _edit(copies[2], _set(1, "period", "สาม"))

    def state(path: Path) -> list[tuple[str, str, str]]:
        data = _load(path)
        return sorted((x.id, x.title, x.period) for x in data.measures_of(data.live_plans()[0].id))

    for t in range(3):
        others = [i for i in range(3) if i != t]
        outcomes = []
        for order in (others, others[::-1]):
            target = _copy(copies[t], f"t{t}{order[0]}{order[1]}.ita")
            for i in order:
                _merge(target, copies[i], prefer="mine")
            outcomes.append(state(target))
        assert outcomes[0] == outcomes[1], t
        data = _load(tmp_path / f"t{t}{others[0]}{others[1]}.ita")
        assert _measure(data, 1).period == "สาม"  # changed on one copy only: everyone gets it
        if t in (0, 1):  # the target changed the contested field itself: its own value stays
            assert _measure(data, 0).title == ("หนึ่ง" if t == 0 else "สอง")


def test_foreign_files_are_refused_and_left_unchanged(tmp_path):
    import hashlib

    a = _file(tmp_path)
    bad = tmp_path / "bad.ita"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE x(a)")
    conn.commit()
    conn.close()
    newer = _copy(a, "newer.ita")
    conn = sqlite3.connect(newer)
    conn.execute("PRAGMA user_version=2001")
    conn.commit()
    conn.close()
    view = _copy(a, "view.ita")
    conn = sqlite3.connect(view)
    conn.execute("ALTER TABLE measure RENAME TO measure_real")
    conn.execute("CREATE VIEW measure AS SELECT * FROM measure_real")
    conn.commit()
    conn.close()
    before = hashlib.sha256(a.read_bytes()).hexdigest()
    for path, words in ((bad, "เสียหาย|ITA Desktop"), (other, "ITA Desktop"), (newer, "รุ่นใหม่กว่า"), (view, "โครงสร้าง")):
        with pytest.raises(StoreError, match=words):
            _merge(a, path)
    assert hashlib.sha256(a.read_bytes()).hexdigest() == before


def test_a_newer_minor_version_opens_merges_and_keeps_its_additions(tmp_path):
    from ita_desktop.store.schema import CURRENT_VERSION

    a = _file(tmp_path)
    b = _copy(a, "b.ita")
    conn = sqlite3.connect(b)  # what a later 1.x might add: a column and a table
    conn.execute(f"PRAGMA user_version={CURRENT_VERSION + 1}")
    conn.execute("ALTER TABLE measure ADD COLUMN kpi TEXT")
    conn.execute("UPDATE measure SET kpi='ร้อยละ ๘๐'")
    conn.execute("CREATE TABLE sticker(id TEXT PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO sticker VALUES ('x', 'ภาพกิจกรรม.jpg')")
    conn.commit()
    conn.close()
    _edit(b, _set(0, "period", "มกราคม ๒๕๖๘"))  # opened and edited by this version
    _edit(a, _set(1, "title", "ชื่อใหม่"))
    _merge(b, a)  # the newer file merges an older copy: its additions stay
    _merge(a, b)  # and the older file merges the newer one
    assert _measure(_load(a), 0).period == "มกราคม ๒๕๖๘"
    assert _measure(_load(b), 1).title == "ชื่อใหม่"
    conn = sqlite3.connect(b)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == CURRENT_VERSION + 1
        assert {r[0] for r in conn.execute("SELECT kpi FROM measure")} == {"ร้อยละ ๘๐"}
        assert conn.execute("SELECT name FROM sticker").fetchone()[0] == "ภาพกิจกรรม.jpg"
    finally:
        conn.close()


def test_an_older_copy_is_upgraded_in_a_temporary_copy_then_merged(tmp_path):
    from ita_desktop.store.schema import CURRENT_VERSION

    a = _file(tmp_path)
    old = _copy(a, "old.ita")
    conn = sqlite3.connect(old)  # as a file of format 1.1 from an older app: no revision contents
    for sql in back_to(1001):
        conn.execute(sql)
    conn.execute("UPDATE measure SET period = 'จากไฟล์รุ่นเก่า' WHERE rowid = 1")
    conn.commit()
    version_before = conn.execute("PRAGMA user_version").fetchone()[0]
    conn.close()
    plan = _merge(a, old, prefer="theirs")
    assert version_before == 1001 < CURRENT_VERSION
    conn = sqlite3.connect(old)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1001  # never upgraded in place
    conn.close()
    assert plan.same_office and not plan.empty
    assert "จากไฟล์รุ่นเก่า" in {x.period for x in _load(a).measures}


def test_a_truncated_copy_is_refused(tmp_path):
    a = _file(tmp_path)
    half = tmp_path / "half.ita"
    half.write_bytes(a.read_bytes()[: a.stat().st_size // 2])
    with pytest.raises(StoreError):
        _merge(a, half)


def test_separately_created_files_are_told_apart(tmp_path):
    a = _file(tmp_path)
    b = _file(tmp_path, "b.ita")  # the same office, created again from the same JSON
    c = _copy(a, "c.ita")
    _edit(c, _set(0, "title", "แก้"))
    assert _merge(a, c).related
    store = Store.open(a)
    try:
        plan = merge.plan_merge(store, b)
    finally:
        store.close()
    # same office, same imported records, but not a copy: the clerk is asked first
    assert plan.same_office and not plan.related
    _edit(b, _set(1, "period", "ทั้งปี"))
    assert not _merge(a, b, prefer="mine").related
    assert _merge(a, b).related  # once merged, they have met
    d = _copy(b, "d.ita")  # and a copy of either one is known too
    _edit(d, _set(2, "period", "ครึ่งปี"))
    assert _merge(a, d).related
