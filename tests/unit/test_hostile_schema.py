"""Files whose structure this program did not make (triggers, views, changed tables) are refused
before anything is written, and a file the clerk only reads is never written."""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from ita_desktop import cli
from ita_desktop.store import merge
from ita_desktop.store.db import Store, leftover_copy
from ita_desktop.store.errors import BrokenFileError, StoreError
from ita_desktop.store.exchange import import_data, write_new_file
from ita_desktop.store.schema import CURRENT_VERSION
from tests.conftest import load_fixture
from tests.support.older import back_to

MEASURES = 11  # in seed004
WIPE_MEASURES = "CREATE TRIGGER t AFTER INSERT ON rev_log BEGIN DELETE FROM measure; END"


def _seed(folder: Path, name: str = "a.ita", seed: str = "seed004.json") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    write_new_file(import_data(load_fixture(seed)), path).close()
    return path


def _sql(path: Path, *statements: str, writable: bool = False) -> None:
    """Change a file as another program (or someone meaning harm) would."""
    conn = sqlite3.connect(path, isolation_level=None)
    if writable:
        conn.execute("PRAGMA writable_schema=ON")
    for statement in statements:
        conn.execute(statement)
    conn.close()


def _older(path: Path) -> None:
    """What version 1.0 of the app wrote: no issued documents, merge log, revision contents or
    print settings."""
    _sql(path, *back_to(1000))


def _freeze(path: Path) -> tuple[str, int, list[str]]:
    """The file's bytes and mtime and what lies beside it (the mtime set in the past, so that
    any write shows)."""
    os.utime(path, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    return _state(path)


def _state(path: Path) -> tuple[str, int, list[str]]:
    return (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns,
            sorted(p.name for p in path.parent.iterdir()))


def _count(path: Path, table: str = "measure") -> int:
    conn = sqlite3.connect(path.as_uri() + "?mode=ro", uri=True)
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


def _refused(path: Path, *words: str) -> str:
    before = _freeze(path)
    with pytest.raises(BrokenFileError) as info:
        Store.open(path).close()
    message = str(info.value)
    assert f"«{path.name}»" in message and "ป้องกันข้อมูลเสียหาย" in message, message
    for word in words:
        assert word in message, message
    assert _state(path) == before  # nothing written, no backup or journal left beside it
    return message


def test_a_planted_trigger_is_refused_before_the_first_edit_can_fire_it(tmp_path: Path) -> None:
    a = _seed(tmp_path)
    _sql(a, WIPE_MEASURES)
    message = _refused(a)
    assert message == ("ไฟล์ «a.ita» มีคำสั่งอัตโนมัติ (trigger) «t» ที่โปรแกรมไม่ได้สร้าง"
                       " จึงไม่เปิดเพื่อป้องกันข้อมูลเสียหาย")
    assert _count(a) == MEASURES


@pytest.mark.parametrize("command", ["check", "export-json", "render"])
def test_reading_a_file_without_an_office_never_fires_a_planted_trigger(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str) -> None:
    a = _seed(tmp_path)
    _sql(a, "DELETE FROM office",
         "CREATE TRIGGER wipe AFTER INSERT ON office BEGIN DELETE FROM measure; DELETE FROM plan; END")
    before = _freeze(a)
    out = tmp_path / "out"
    args = {"check": ["check", str(a)], "export-json": ["export-json", str(a), "-o", str(out)],
            "render": ["render", str(a), "--year", "2568", "-o", str(out)]}[command]
    assert cli.main(args) == cli.EXIT_ERROR
    err = capsys.readouterr().err
    assert "(trigger) «wipe»" in err and "ป้องกันข้อมูลเสียหาย" in err
    assert _state(a) == before
    assert _count(a) == MEASURES and not out.exists()


def test_a_view_in_place_of_a_table_is_refused(tmp_path: Path) -> None:
    a = _seed(tmp_path)
    _sql(a, "DROP TABLE division",
         "CREATE VIEW division AS SELECT id, rev, updated_at, deleted, name, sort_key FROM plan")
    _refused(a, "(view) «division»", "กอง/ฝ่าย")
    mine = _seed(tmp_path / "mine")
    store = Store.open(mine)
    try:
        with pytest.raises(BrokenFileError, match=r"\(view\) «division»"):
            merge.plan_merge(store, a, tmp_path / "work")
    finally:
        store.close()
    b = _seed(tmp_path, "b.ita")  # a view beside the tables is not ours either
    _sql(b, "CREATE VIEW everything AS SELECT * FROM measure")
    assert "(view) «everything»" in _refused(b)


@pytest.mark.parametrize(("change", "words"), [
    (["ALTER TABLE measure DROP COLUMN budget"], ["«measure»", "มาตรการ", "ไม่มีคอลัมน์ «budget»"]),
    (["ALTER TABLE measure DROP COLUMN budget", "ALTER TABLE measure ADD COLUMN budget INTEGER"],
     ["«measure»", "คอลัมน์ «budget»", "ผิดรูปแบบ", "INTEGER"]),
    (["ALTER TABLE result ADD COLUMN note TEXT"], ["«result»", "คอลัมน์ «note»", "ไม่ได้สร้าง"]),
    (["UPDATE sqlite_master SET sql = substr(sql, 1, length(sql) - 1) || ', CHECK (length(title) < 1))'"
      " WHERE name = 'measure'"], ["«measure»", "ข้อกำหนด"]),
    (["CREATE TABLE stolen (x)"], ["ตาราง «stolen»", "ไม่ได้สร้าง"]),
    (["DROP TABLE rev_log"], ["ไม่มีตาราง «rev_log»"]),
    (["CREATE INDEX by_title ON measure(title)"], ["(index) «by_title»"]),
    (["DROP INDEX measure_plan", "CREATE UNIQUE INDEX measure_plan ON measure(plan_id, sort_key)"],
     ["(index) «measure_plan»"]),
    (["DROP INDEX result_measure"], ["ไม่มีดัชนี (index) «result_measure»"]),
])
def test_tables_columns_and_indexes_other_than_ours_are_refused(tmp_path: Path, change: list[str],
                                                                words: list[str]) -> None:
    a = _seed(tmp_path)
    _sql(a, *change, writable=True)
    _refused(a, *words)


def test_an_older_file_with_a_planted_trigger_is_refused_before_it_is_upgraded(tmp_path: Path) -> None:
    a = _seed(tmp_path)
    _older(a)
    _sql(a, WIPE_MEASURES)
    _refused(a, "«t»")
    odd = _seed(tmp_path, "odd.ita")
    _sql(odd, "PRAGMA user_version=999")  # a version no program made
    _refused(odd, "รูปแบบไฟล์ 0.999")


def test_a_newer_minor_version_may_add_tables_and_columns_but_no_triggers_or_views(tmp_path: Path) -> None:
    newer = [f"PRAGMA user_version={CURRENT_VERSION + 1}",
             "CREATE TABLE later (id TEXT PRIMARY KEY, note TEXT NOT NULL DEFAULT '')",
             "CREATE INDEX later_note ON later(note)",
             "INSERT INTO later VALUES ('x', 'เก็บไว้')",
             "ALTER TABLE measure ADD COLUMN colour TEXT NOT NULL DEFAULT 'แดง'",
             "ALTER TABLE measure ADD COLUMN weight INTEGER",
             "UPDATE measure SET colour = 'เขียว'"]
    a = _seed(tmp_path)
    _sql(a, *newer)
    store = Store.open(a)
    try:
        data = store.load()
        x = data.measures_of(data.live_plans()[0].id)[0]
        x.title = "แก้ในรุ่นเก่า"
        store.save(x)
    finally:
        store.close()
    conn = sqlite3.connect(a)
    assert conn.execute("SELECT colour FROM measure WHERE id = ?", (x.id,)).fetchone() == ("เขียว",)
    assert conn.execute("SELECT note FROM later").fetchall() == [("เก็บไว้",)]
    conn.close()
    for n, extra in enumerate([
            [WIPE_MEASURES],
            ["CREATE VIEW later_view AS SELECT * FROM later"],
            ["ALTER TABLE plan ADD COLUMN mood TEXT CHECK (mood <> 'x')"],
            ["CREATE INDEX plan_note ON plan(note)"],
            ["CREATE VIRTUAL TABLE search USING fts5(title)"]]):
        b = _seed(tmp_path, f"b{n}.ita")
        _sql(b, *newer, *extra)
        _refused(b)


def test_merge_refuses_a_hostile_file_on_either_side(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mine = _seed(tmp_path / "mine")
    theirs = _seed(tmp_path / "theirs")
    _sql(theirs, WIPE_MEASURES)
    mine_before, theirs_before = _freeze(mine), _freeze(theirs)
    store = Store.open(mine)
    try:
        with pytest.raises(BrokenFileError, match=r"\(trigger\) «t».*ไม่รวมข้อมูล"):
            merge.plan_merge(store, theirs, tmp_path / "work")
    finally:
        store.close()
    assert cli.main(["merge", str(mine), str(theirs), "--prefer", "theirs"]) == cli.EXIT_ERROR
    assert "(trigger) «t»" in capsys.readouterr().err
    assert cli.main(["merge", str(theirs), str(mine), "-o", str(tmp_path / "out.ita")]) == cli.EXIT_ERROR
    assert "(trigger) «t»" in capsys.readouterr().err
    assert not (tmp_path / "out.ita").exists()
    assert _state(theirs) == theirs_before and _count(theirs) == MEASURES
    assert _state(mine)[0] == mine_before[0]


def _wal(path: Path) -> None:
    _sql(path, "PRAGMA journal_mode=WAL")


def _no_office(path: Path) -> None:
    _sql(path, "DELETE FROM office")


@pytest.mark.parametrize("kind", ["current", "no office", "older", "older without office", "wal"])
def test_reading_commands_never_write_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                              kind: str) -> None:
    a = _seed(tmp_path / "files", "ข้อมูล #1.ita")
    if "office" in kind:
        _no_office(a)
    if "older" in kind:
        _older(a)
    if kind == "wal":
        _wal(a)
    before = _freeze(a)
    out = tmp_path / "out"
    out.mkdir()
    assert cli.main(["check", str(a)]) == cli.EXIT_FINDINGS
    assert cli.main(["export-json", str(a), "-o", str(out / "a.json")]) == cli.EXIT_OK
    exported = json.loads((out / "a.json").read_text(encoding="utf-8"))
    assert len(exported["years"][0]["measures"]) == MEASURES
    assert cli.main(["render", str(a), "--year", "2568", "-o", str(out / "a.pdf")]) == cli.EXIT_OK
    assert (out / "a.pdf").read_bytes().startswith(b"%PDF")
    assert _state(a) == before
    other = _seed(tmp_path / "other")
    expected = cli.EXIT_ERROR if "office" in kind else cli.EXIT_OK  # no office row: "another office"
    assert cli.main(["merge", str(other), str(a), "--prefer", "theirs"]) == expected
    assert cli.main(["merge", str(a), str(other), "--prefer", "mine", "-o", str(out / "m.ita")]) == expected
    capsys.readouterr()
    assert _state(a) == before
    if "older" in kind:
        assert _count(a, "sqlite_master WHERE name = 'rev_content'") == 0  # not upgraded in place


HALF_SAVED = textwrap.dedent("""
    import os, sqlite3, sys
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("PRAGMA journal_mode=TRUNCATE")
    conn.execute("PRAGMA cache_size=10")
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("UPDATE measure SET steps = hex(randomblob(100000)), title = 'ครึ่งทาง'")
    os._exit(0)  # the power went off in the middle of a save
""")


def test_a_file_left_by_an_interrupted_save_is_read_as_it_was_saved_without_writing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = _seed(tmp_path / "files")
    saved = a.read_bytes()
    subprocess.run([sys.executable, "-c", HALF_SAVED, str(a)], check=True)
    journal = a.with_name(a.name + "-journal")
    assert journal.stat().st_size > 0 and a.read_bytes() != saved  # a hot journal, a half-written file
    before = _freeze(a)
    journal_bytes = journal.read_bytes()
    out = tmp_path / "a.json"
    assert cli.main(["export-json", str(a), "-o", str(out)]) == cli.EXIT_OK
    titles = [x["title"] for x in json.loads(out.read_text(encoding="utf-8"))["years"][0]["measures"]]
    assert len(titles) == MEASURES and "ครึ่งทาง" not in titles
    assert cli.main(["check", str(a)]) == cli.EXIT_FINDINGS
    assert "ผิดพลาด" not in capsys.readouterr().out
    assert _state(a) == before and journal.read_bytes() == journal_bytes
    store = Store.open(a)  # the app's own open rolls the interrupted save back
    try:
        assert "ครึ่งทาง" not in [x.title for x in store.load().measures]
    finally:
        store.close()


def test_folders_named_with_hash_percent_and_thai_are_opened_as_named(tmp_path: Path) -> None:
    root = tmp_path / "งาน #2"
    a = _seed(root / "%41", "ก ข#.ita")
    _seed(root / "A", "ก ข#.ita", seed="seed002.json")  # what "%41" would wrongly decode to
    (root / "A" / "work").mkdir()
    _seed(root / "A" / "work", "theirs.ita", seed="seed002.json")
    out = tmp_path / "a.json"
    assert cli.main(["export-json", str(a), "-o", str(out)]) == cli.EXIT_OK
    office = json.loads(out.read_text(encoding="utf-8"))["office"]["name"]
    assert office == load_fixture("seed004.json")["office"]["name"]
    mine = _seed(tmp_path / "mine")
    store = Store.open(mine)
    try:
        plan = merge.plan_merge(store, a, root / "%41" / "work")
    finally:
        store.close()
    assert plan.same_office
    leftover = a.with_name(a.name + ".ita-saving")
    leftover.write_bytes(a.read_bytes())
    assert leftover_copy(a) == leftover



def test_a_file_opened_only_to_read_refuses_edits_with_a_thai_message(tmp_path: Path) -> None:
    a = _seed(tmp_path)
    before = _freeze(a)
    store = Store.open_readonly(a)
    try:
        data = store.load()
        data.office.name = "แก้ไม่ได้"
        with pytest.raises(StoreError, match="อ่านอย่างเดียว"):
            store.save(data.office)
    finally:
        store.close()
    assert _state(a) == before
