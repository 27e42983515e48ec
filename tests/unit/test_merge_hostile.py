"""The other side of a merge is untrusted: values of the wrong kind are refused naming the
record and the field, copies whose office details were corrected still merge, and a file in
WAL mode is read with what its -wal holds."""
from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from ita_desktop import cli
from ita_desktop.store import merge
from ita_desktop.store.db import Store
from ita_desktop.store.errors import StoreError
from ita_desktop.store.exchange import import_data, write_new_file
from tests.conftest import load_fixture

# one measure of seed004, by rowid: its title, as the clerk knows it
FIRST = "rowid = (SELECT min(rowid) FROM measure)"


def _seed(folder: Path, name: str = "a.ita", seed: str = "seed004.json") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    write_new_file(import_data(load_fixture(seed)), path).close()
    return path


def _copy(src: Path, name: str | Path) -> Path:
    """A copy made in Explorer: `name` beside `src`, or a path elsewhere."""
    dst = name if isinstance(name, Path) else src.with_name(name)
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dst)
    return dst


def _sql(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        for statement in statements:
            conn.execute(statement)
    finally:
        conn.close()


def _one(path: Path, query: str) -> object:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(query).fetchone()[0]
    finally:
        conn.close()


def _frozen(path: Path) -> tuple[str, int, list[str]]:
    """The file's bytes, its mtime (set in the past, so that any write shows) and its folder."""
    os.utime(path, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    return _state(path)


def _state(path: Path) -> tuple[str, int, list[str]]:
    return (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns,
            sorted(p.name for p in path.parent.iterdir()))


def _edit(path: Path, fn) -> None:
    store = Store.open(path)
    try:
        data = store.load()
        store.save_all(fn(data))
    finally:
        store.close()


def _load(path: Path):
    store = Store.open(path)
    try:
        return store.load()
    finally:
        store.close()


def _plan(mine: Path, theirs: Path, work: Path) -> merge.MergePlan:
    store = Store.open(mine)
    try:
        return merge.plan_merge(store, theirs, work)
    finally:
        store.close()


def _merge(mine: Path, theirs: Path, work: Path, prefer: str | None = None) -> merge.MergePlan:
    store = Store.open(mine)
    try:
        plan = merge.plan_merge(store, theirs, work)
        merge.apply_merge(store, plan, prefer)
        return plan
    finally:
        store.close()


# --- 1. values of the wrong kind ---------------------------------------------------------------
MEASURE_TITLE = "SELECT title FROM measure WHERE " + FIRST
MEASURE_ID = "SELECT id FROM measure WHERE " + FIRST

# (what is planted, the statements, the table label, the field label, how the record is named)
WRONG_KINDS = [
    ("bad JSON", [f"UPDATE measure SET responsible_main = '[\"x\"' WHERE {FIRST}"],
     "มาตรการ", "กองที่รับผิดชอบหลัก", MEASURE_TITLE),
    ("JSON of another shape", [f"UPDATE measure SET responsible_support = '{{\"a\": 1}}' WHERE {FIRST}"],
     "มาตรการ", "กองที่สนับสนุน", MEASURE_TITLE),
    ("JSON null", [f"UPDATE measure SET responsible_main = 'null' WHERE {FIRST}"],
     "มาตรการ", "กองที่รับผิดชอบหลัก", MEASURE_TITLE),
    ("JSON list of numbers", [f"UPDATE measure SET responsible_main = '[1, 2]' WHERE {FIRST}"],
     "มาตรการ", "กองที่รับผิดชอบหลัก", MEASURE_TITLE),
    ("JSON nested too deep", ["UPDATE framework SET data = '{\"a\": ' || replace(hex(zeroblob(50000)), '00', '[')"
                              " || replace(hex(zeroblob(50000)), '00', ']') || '}'"],
     "เกณฑ์การประเมิน", "รายการตัวชี้วัดและข้อคำถาม", "SELECT ita_year FROM framework"),
    ("JSON with a lone surrogate", [f"UPDATE measure SET responsible_main = '[\"\\ud800\"]' WHERE {FIRST}"],
     "มาตรการ", "กองที่รับผิดชอบหลัก", MEASURE_TITLE),
    ("JSON NaN", ["UPDATE framework SET data = '{\"x\": NaN}'"],
     "เกณฑ์การประเมิน", "รายการตัวชี้วัดและข้อคำถาม", "SELECT ita_year FROM framework"),
    ("text in a number", [f"UPDATE measure SET indicator = 'ข้อ 3' WHERE {FIRST}"],
     "มาตรการ", "ตัวชี้วัด", MEASURE_TITLE),
    ("text in a decimal", ["UPDATE assessment SET total = 'abc'"],
     "ผลการประเมิน", "คะแนนรวม", "SELECT ita_year FROM assessment"),
    ("a fraction in a whole number", [f"UPDATE measure SET indicator = 2.5 WHERE {FIRST}"],
     "มาตรการ", "ตัวชี้วัด", MEASURE_TITLE),
    ("text in a yes/no", [f"UPDATE measure SET deleted = 'maybe' WHERE {FIRST}"],
     "มาตรการ", "การลบ", MEASURE_TITLE),
    ("a number in a yes/no", [f"UPDATE measure SET deleted = 7 WHERE {FIRST}"],
     "มาตรการ", "การลบ", MEASURE_TITLE),
    ("BLOB where text is", [f"UPDATE measure SET title = X'00ff10' WHERE {FIRST}"],
     "มาตรการ", "ชื่อ", MEASURE_ID),
    ("BLOB in a number", [f"UPDATE measure SET indicator = X'01' WHERE {FIRST}"],
     "มาตรการ", "ตัวชี้วัด", MEASURE_TITLE),
    ("text where the logo is", ["UPDATE office SET logo = 'not a picture'"],
     "ข้อมูลหน่วยงาน", "ตราสัญลักษณ์", "SELECT name FROM office"),
    ("NULL id", [f"UPDATE measure SET id = NULL WHERE {FIRST}"],
     "มาตรการ", "รหัส", MEASURE_TITLE),
    ("empty id", [f"UPDATE measure SET id = '' WHERE {FIRST}"],
     "มาตรการ", "รหัส", MEASURE_TITLE),
    ("huge integer", [f"UPDATE measure SET indicator = 1e300 WHERE {FIRST}"],
     "มาตรการ", "ตัวชี้วัด", MEASURE_TITLE),
    ("huge decimal", ["UPDATE assessment SET total = 1e300"],
     "ผลการประเมิน", "คะแนนรวม", "SELECT ita_year FROM assessment"),
    ("huge text number", ["UPDATE plan SET fiscal_year = '99999999999999999999999'"],
     "ปีงบประมาณ", "ปีงบประมาณ", "SELECT id FROM plan"),
    ("text that is not UTF-8", [f"UPDATE measure SET steps = CAST(X'e0b8ff' AS TEXT) WHERE {FIRST}"],
     "มาตรการ", "ขั้นตอน/วิธีการ", MEASURE_TITLE),
    ("history of a BLOB record", ["INSERT INTO rev_log VALUES ('measure', X'01', 'r1', '')"],
     "มาตรการ", "ประวัติการแก้ไข", None),
]


@pytest.mark.parametrize("case", WRONG_KINDS, ids=[c[0] for c in WRONG_KINDS])
def test_values_of_the_wrong_kind_are_refused_naming_the_record_and_the_field(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], case) -> None:
    _what, statements, table, field, name_query = case
    mine = _seed(tmp_path / "mine")
    theirs = _copy(mine, tmp_path / "stick" / "theirs.ita")
    named = None if name_query is None else str(_one(theirs, name_query))
    _sql(theirs, *statements)
    before, their_before = _frozen(mine), _frozen(theirs)
    with pytest.raises(StoreError) as refused:
        _merge(mine, theirs, tmp_path / "work", prefer="theirs")
    text = str(refused.value)
    assert "theirs.ita" in text and f"{table}" in text and f"ช่อง«{field}»" in text, text
    if named is not None:
        assert named[:30] in text, text
    # the command says the same, in Thai, and writes nothing either
    assert cli.main(["merge", str(mine), str(theirs), "--prefer", "theirs"]) == cli.EXIT_ERROR
    err = capsys.readouterr().err
    assert f"ช่อง«{field}»" in err and "Traceback" not in err
    assert _state(mine) == before  # bytes, mtime, and no .before-merge beside it
    assert _state(theirs) == their_before


def _both_changed(tmp_path: Path) -> tuple[Path, Path]:
    """Two copies that changed the same measure since they last met (its title here, its
    steps there): the revision both know (what it said) tells which fields each side changed."""
    mine = _seed(tmp_path / "mine")
    theirs = _copy(mine, tmp_path / "stick" / "theirs.ita")

    def change(field: str, value: str):
        def fn(data):
            x = data.measures_of(data.live_plans()[0].id)[0]
            setattr(x, field, value)
            return [x]
        return fn

    _edit(mine, change("title", "ของฉัน"))
    _edit(theirs, change("steps", "ขั้นตอนของเขา"))
    return mine, theirs


def test_revisions_that_are_not_records_are_refused(tmp_path: Path) -> None:
    """What a revision said is kept in this file and is the base of later merges (with any
    copy): one that is not a record would break them."""
    mine, theirs = _both_changed(tmp_path)
    _sql(theirs, "UPDATE rev_content SET content = '[1, 2]'")
    before = _frozen(mine)
    with pytest.raises(StoreError, match="ช่อง«ประวัติการแก้ไข»"):
        _merge(mine, theirs, tmp_path / "work", prefer="theirs")
    assert _state(mine) == before


def test_this_files_unreadable_history_asks_instead_of_failing(tmp_path: Path) -> None:
    mine, theirs = _both_changed(tmp_path)
    _sql(mine, "UPDATE rev_content SET content = '[1, 2]'")  # damaged here, not there
    plan = _plan(mine, theirs, tmp_path / "work")
    assert {c.field for c in plan.conflicts} == {"title", "steps"}  # no base: both asked


def test_a_damaged_value_in_this_file_stops_the_merge_before_the_backup(tmp_path: Path) -> None:
    """Every record the merge writes is built before the backup and the transaction: a value
    of this file's own that cannot be written refuses the merge there, naming the record."""
    mine, theirs = _both_changed(tmp_path)
    _sql(mine, "UPDATE measure SET responsible_main = '[\"x\"' WHERE title = 'ของฉัน'")
    before = _frozen(mine)
    with pytest.raises(StoreError, match="มาตรการ «ของฉัน» ช่อง«กองที่รับผิดชอบหลัก»"):
        _merge(mine, theirs, tmp_path / "work", prefer="theirs")
    assert _state(mine) == before  # no .before-merge either


def test_a_valid_file_still_merges_after_the_checks(tmp_path: Path) -> None:
    mine = _seed(tmp_path)
    theirs = _copy(mine, "theirs.ita")
    _sql(theirs, f"UPDATE measure SET indicator = NULL, responsible_main = '[]' WHERE {FIRST}",
         "UPDATE assessment SET total = NULL")
    plan = _plan(mine, theirs, tmp_path / "work")
    assert plan.conflicts  # edited outside the app: asked per field, not refused


# --- 2. office details corrected on one copy -------------------------------------------------------
def _office(**fields: str):
    def fn(data):
        for k, v in fields.items():
            setattr(data.office, k, v)
        return [data.office]
    return fn


def test_a_copy_with_corrected_office_details_is_the_same_office(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mine = _seed(tmp_path)
    _edit(mine, _office(name="โนนคูน", amphoe="ยางชุมน้อยย"))  # typed wrong at first
    theirs = _copy(mine, "theirs.ita")
    _edit(theirs, _office(name="โนนคูณ", amphoe="ยางชุมน้อย"))  # corrected on one copy
    plan = _plan(mine, theirs, tmp_path / "work")
    assert plan.same_office and plan.related and not plan.conflicts
    assert [t for t, _r in plan.taken] == ["office"]  # an ordinary change of the office record
    assert cli.main(["merge", str(mine), str(theirs)]) == cli.EXIT_OK, capsys.readouterr().err
    office = _load(mine).office
    assert (office.name, office.amphoe) == ("โนนคูณ", "ยางชุมน้อย")
    # and the other way round: the corrected copy takes nothing back
    assert _plan(theirs, mine, tmp_path / "work2").empty


def test_office_fields_changed_on_both_copies_merge_per_field(tmp_path: Path) -> None:
    mine = _seed(tmp_path)
    theirs = _copy(mine, "theirs.ita")
    _edit(mine, _office(amphoe="อำเภอของฉัน", tambon="ตำบลของฉัน"))
    _edit(theirs, _office(amphoe="อำเภอของเขา", name="ชื่อที่แก้"))
    plan = _plan(mine, theirs, tmp_path / "work")
    assert plan.same_office
    assert [(c.table, c.field) for c in plan.conflicts] == [("office", "amphoe")]
    assert [fields for t, _m, _t, fields in plan.merged if t == "office"] == [["name"]]
    _merge(mine, theirs, tmp_path / "work2", prefer="theirs")
    office = _load(mine).office
    assert (office.name, office.amphoe, office.tambon) == ("ชื่อที่แก้", "อำเภอของเขา", "ตำบลของฉัน")


def test_files_that_met_stay_the_same_office_after_a_correction(tmp_path: Path) -> None:
    mine = _seed(tmp_path)
    theirs = _seed(tmp_path, "theirs.ita")  # created separately for the same office
    _edit(theirs, _office(tambon="โนนคูณ (ตำบล)"))
    assert not _plan(mine, theirs, tmp_path / "w0").related
    _merge(mine, theirs, tmp_path / "w1", prefer="mine")  # they have met
    _edit(theirs, _office(changwat="ศรีสะเกษ (แก้)"))
    plan = _plan(mine, theirs, tmp_path / "w2")
    assert plan.same_office and plan.related


def test_an_unrelated_file_of_another_office_is_asked_with_what_differs(tmp_path: Path) -> None:
    mine = _seed(tmp_path)
    other = _seed(tmp_path, "other.ita")  # not a copy, never met: its office decides
    _edit(other, _office(amphoe="กันทรารมย์"))  # the same name, another district
    plan = _plan(mine, other, tmp_path / "work")
    assert not plan.same_office and not plan.related
    assert plan.offices[0] != plan.offices[1]
    assert "กันทรารมย์" in plan.offices[1] and "ยางชุมน้อย" in plan.offices[0]
    far = _seed(tmp_path, "far.ita", "seed002.json")
    assert not _plan(mine, far, tmp_path / "work2").same_office


# --- 3. a file in WAL mode with its -wal beside it ------------------------------------------------
def _wal_copy(src: Path, name: str, title: str) -> Path:
    """A copy in WAL mode whose last edit is only in its -wal (not checkpointed), as a stick
    pulled while the other PC had it open leaves it."""
    live = _copy(src, "live-" + name)
    store = Store.open(live)  # edited in the app, which had the file in WAL mode
    conn = store.conn
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA wal_autocheckpoint=0")
        data = store.load()
        x = data.measures_of(data.live_plans()[0].id)[0]
        x.title = title
        store.save(x)
        dst = src.with_name(name)
        shutil.copyfile(live, dst)
        shutil.copyfile(live.with_name(live.name + "-wal"), dst.with_name(name + "-wal"))
        shutil.copyfile(live.with_name(live.name + "-shm"), dst.with_name(name + "-shm"))
    finally:
        store.close()
    # the edit is in the -wal only: the main file alone says what was there before
    assert title.encode() not in dst.read_bytes()
    assert title.encode() in dst.with_name(name + "-wal").read_bytes()
    return dst


def test_a_file_in_wal_mode_is_merged_with_what_its_wal_holds(tmp_path: Path) -> None:
    mine = _seed(tmp_path)
    theirs = _wal_copy(_copy(mine, tmp_path / "stick" / "src.ita"), "theirs.ita", "แก้ไว้ใน WAL")
    before = _state(theirs)
    wal = (theirs.with_name(theirs.name + "-wal")).read_bytes()
    plan = _plan(mine, theirs, tmp_path / "work")
    assert [r["title"] for _t, r in plan.taken] == ["แก้ไว้ใน WAL"]
    assert _state(theirs) == before and theirs.with_name(theirs.name + "-wal").read_bytes() == wal


def test_a_wal_beside_the_file_that_cannot_be_read_is_refused_not_skipped(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """SQLite itself will not open a file whose -wal is a folder: reading the main file alone
    would merge data older than what the other PC saved."""
    mine = _seed(tmp_path / "mine")
    for suffix in ("-wal", "-journal"):
        theirs = _wal_copy(_copy(mine, tmp_path / f"stick{suffix}" / "src.ita"), "theirs.ita", "แก้ไว้ใน WAL")
        side = theirs.with_name(theirs.name + suffix)
        side.unlink(missing_ok=True)
        side.mkdir()
        before = _frozen(mine)
        with pytest.raises(StoreError, match=rf"«theirs\.ita{suffix}».*ไม่ใช่ไฟล์ข้อมูล"):
            _plan(mine, theirs, tmp_path / "work")
        assert cli.main(["merge", str(mine), str(theirs), "--prefer", "theirs"]) == cli.EXIT_ERROR
        assert f"theirs.ita{suffix}" in capsys.readouterr().err
        assert _state(mine) == before


def test_a_wal_too_large_for_a_clerks_file_is_refused_before_it_is_copied(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    mine = _seed(tmp_path / "mine")
    theirs = _wal_copy(_copy(mine, tmp_path / "stick" / "src.ita"), "theirs.ita", "แก้ไว้ใน WAL")
    wal = theirs.with_name(theirs.name + "-wal")
    monkeypatch.setattr(merge, "MAX_BYTES", theirs.stat().st_size + 4096)
    with wal.open("ab") as fh:  # frames that were never committed: SQLite ignores them
        fh.write(b"\0" * (theirs.stat().st_size + 8192))
    copied: list[str] = []
    real = shutil.copyfile
    monkeypatch.setattr(shutil, "copyfile", lambda a, b: copied.append(Path(a).name) or real(a, b))
    with pytest.raises(StoreError, match=r"«theirs\.ita-wal» ใหญ่ผิดปกติ"):
        _plan(mine, theirs, tmp_path / "work")
    assert copied == []
