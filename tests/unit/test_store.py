from __future__ import annotations

import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest

from ita_desktop.domain import edits
from ita_desktop.resources import bundled_frameworks
from ita_desktop.store.db import Store
from ita_desktop.store.errors import NewerFileError, NotOurFileError, StoreError
from ita_desktop.store.schema import APPLICATION_ID, CURRENT_VERSION
from ita_desktop.store.writer import Writer

FW = bundled_frameworks()[2567]


def test_new_file_is_marked_as_ours_and_uses_a_rollback_journal(tmp_path: Path) -> None:
    store = Store.create(tmp_path / "a.ita")
    conn = store.conn
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == CURRENT_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "truncate"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    store.close()


def test_records_survive_reopen_exactly(tmp_path: Path) -> None:
    path = tmp_path / "ไฟล์ ทดสอบ #1.ita"
    store = Store.create(path)
    data = store.load()
    data.office.name = "โนนคูณ"
    a, recs = edits.add_assessment(data, 2567, FW, "test")
    a.total = Decimal("72.97")
    recs.append(edits.set_question_score(data, a, "o8", Decimal("50.00")))
    plan = edits.add_plan(data, 2568, a)
    x = edits.add_measure(data, plan, title="**มาตรการ** ทดสอบ", responsible_main=["d1"])
    res = edits.result_for(data, x, "half")
    res.percent = Decimal("37.5")
    store.save_all([data.office, *recs, plan, x, res])
    store.close()
    again = Store.open(path).load()
    assert again.office.name == "โนนคูณ"
    assert again.assessment(2567).total == Decimal("72.97")
    assert again.question_scores_of(a.id)["o8"].score == Decimal("50.00")
    assert again.measures_of(plan.id)[0].title == "**มาตรการ** ทดสอบ"
    assert again.measures_of(plan.id)[0].responsible_main == ["d1"]
    assert again.result(x.id, "half").percent == Decimal("37.5")
    assert again.frameworks[0].data["ita_year"] == 2567  # the catalog is embedded


def test_revisions_follow_content_not_clocks(tmp_path: Path) -> None:
    store = Store.create(tmp_path / "a.ita")
    office = store.load().office
    first = office.rev
    office.name = "ก"
    store.save(office)
    r1 = office.rev
    store.save(office)  # same content: same revision, nothing written
    assert office.rev == r1 != first
    office.name = "ข"
    store.save(office)
    parents = dict(store.conn.execute("SELECT rev, parent FROM rev_log WHERE tbl='office'").fetchall())
    assert parents[office.rev] == r1
    store.close()


def test_deleted_records_are_kept_with_their_marker(tmp_path: Path) -> None:
    store = Store.create(tmp_path / "a.ita")
    data = store.load()
    plan = edits.add_plan(data, 2568, None)
    x = edits.add_measure(data, plan, title="ลบแล้ว")
    store.save_all([plan, x])
    x.deleted = True
    store.save(x)
    data2 = store.load()
    assert data2.measures_of(plan.id) == []
    assert [y.title for y in data2.measures if y.deleted] == ["ลบแล้ว"]
    store.close()


def test_older_file_is_upgraded_after_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "old.ita"
    Store.create(path, upto=1000).close()
    store = Store.open(path)
    assert store.version == CURRENT_VERSION
    assert store.backup is not None and store.backup.exists()
    backup = sqlite3.connect(store.backup)
    assert backup.execute("PRAGMA user_version").fetchone()[0] == 1000
    backup.close()
    assert store.conn.execute("SELECT count(*) FROM issued_document").fetchone()[0] == 0
    store.close()


def test_foreign_newer_and_broken_files_are_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t(x)")
    conn.commit()
    conn.close()
    with pytest.raises(NotOurFileError):
        Store.open(other)
    text = tmp_path / "notes.ita"
    text.write_text("ไม่ใช่ฐานข้อมูล", encoding="utf-8")
    with pytest.raises(NotOurFileError):
        Store.open(text)
    newer = tmp_path / "newer.ita"
    Store.create(newer).close()
    conn = sqlite3.connect(newer)
    conn.execute("PRAGMA user_version=2000")
    conn.commit()
    conn.close()
    with pytest.raises(NewerFileError, match=r"2\.0"):
        Store.open(newer)
    with pytest.raises(StoreError):
        Store.create(newer)  # never overwrites


def test_long_thai_paths(tmp_path: Path) -> None:
    # 250+ characters with Thai, spaces and '#'. SQLite's Unix VFS caps a path at 512 bytes
    # and a Thai letter is 3 bytes in UTF-8, so most of the length is Latin here.
    folder = tmp_path / ("ข้อมูล ITA ของ อบต #1 " + "x" * 70) / ("year 2568 " + "y" * 70)
    folder.mkdir(parents=True)
    path = folder / ("รายงาน " + "ข" * 20 + " final.ita")
    assert len(str(path)) > 250
    Store.create(path).close()
    assert Store.open(path).load().office.id


def test_writer_commits_off_the_calling_thread(tmp_path: Path) -> None:
    import threading

    store = Store.create(tmp_path / "a.ita")
    writer = Writer(store)
    seen: list[str] = []
    office = writer.call(lambda s: s.load().office)
    office.name = "พื้นหลัง"
    writer.submit(lambda s: (seen.append(threading.current_thread().name), s.save(office)))
    writer.flush()
    assert seen == ["ita-writer"]
    writer.close()
    assert Store.open(tmp_path / "a.ita").load().office.name == "พื้นหลัง"


def test_copy_to_is_complete_and_atomic(tmp_path: Path) -> None:
    store = Store.create(tmp_path / "a.ita")
    office = store.load().office
    office.name = "สำเนา"
    store.save(office)
    target = tmp_path / "usb" / "copy.ita"
    target.parent.mkdir()
    store.copy_to(target)
    assert not list(target.parent.glob("*.ita-saving"))
    assert Store.open(target).load().office.name == "สำเนา"


def test_a_file_with_only_an_sqlite_header_is_refused_kindly(tmp_path: Path) -> None:
    bad = tmp_path / "เสีย.ita"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    with pytest.raises(NotOurFileError, match="เสียหาย"):
        Store.open(bad)
