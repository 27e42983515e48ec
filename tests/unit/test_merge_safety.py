"""Copies and merges under faults, hostile files and a fuzz run (issue 6)."""
from __future__ import annotations

import hashlib
import os
import random
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from ita_desktop import safe_files
from ita_desktop.safe_files import replace_with_retry
from ita_desktop.store import merge
from ita_desktop.store.db import Store, leftover_copy
from ita_desktop.store.errors import StoreError
from ita_desktop.store.exchange import import_data, write_new_file
from tests.conftest import load_fixture


def _file(tmp: Path, name: str = "a.ita") -> Path:
    path = tmp / name
    write_new_file(import_data(load_fixture("seed004.json")), path).close()
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_replace_is_retried_while_the_target_is_held(tmp_path, monkeypatch):
    src, dst = tmp_path / "src", tmp_path / "dst"
    src.write_text("new", encoding="utf-8")
    dst.write_text("old", encoding="utf-8")
    real = os.replace
    calls = {"n": 0}

    def flaky(a, b):
        calls["n"] += 1
        if calls["n"] <= 2:
            raise PermissionError("held by antivirus")
        return real(a, b)

    monkeypatch.setattr(os, "replace", flaky)
    monkeypatch.setattr(safe_files, "sleep", lambda s: None)
    replace_with_retry(src, dst)
    assert calls["n"] == 3 and dst.read_text(encoding="utf-8") == "new"


def test_a_copy_failing_mid_write_leaves_the_old_target(tmp_path, monkeypatch):
    a = _file(tmp_path)
    target = tmp_path / "usb" / "copy.ita"
    target.parent.mkdir()
    store = Store.open(a)
    store.copy_to(target)  # a good first copy
    before = _digest(target)

    def broken_backup(self, dest):
        with open(dest, "wb") as fh:  # half a file, then the stick is pulled
            fh.write(a.read_bytes()[:5000])
        raise OSError("device removed")

    monkeypatch.setattr(Store, "_backup_to", broken_backup)
    with pytest.raises(OSError):
        store.copy_to(target)
    store.close()
    assert _digest(target) == before
    assert not (target.parent / "copy.ita.ita-saving").exists()


def test_a_complete_leftover_is_offered_for_recovery(tmp_path):
    a = _file(tmp_path)
    leftover = tmp_path / "a.ita.ita-saving"
    leftover.write_bytes(a.read_bytes())
    assert leftover_copy(a) == leftover
    leftover.write_bytes(a.read_bytes()[:3000])  # a broken one is not offered
    assert leftover_copy(a) is None


WRITER = textwrap.dedent("""
    import sys
    from ita_desktop.store.db import Store
    store = Store.open(sys.argv[1])
    data = store.load()
    measures = [x for x in data.measures if not x.deleted]
    n = 0
    while True:
        n += 1
        x = measures[n % len(measures)]
        x.period = f"แก้ครั้งที่ {n}"
        store.save(x)
        print(f"{x.id} {n}", flush=True)
""")


def test_a_writer_killed_at_random_moments_loses_nothing_it_reported_saved(tmp_path):
    a = _file(tmp_path)
    rng = random.Random(6)
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    for _ in range(50):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(a)], stdout=subprocess.PIPE, text=True,
                                encoding="utf-8", env=env)
        time.sleep(0.35 + rng.random() * 0.3)
        proc.kill()  # SIGKILL on POSIX, TerminateProcess on Windows: no chance to clean up
        out, _err = proc.communicate()
        saved: dict[str, int] = {}
        for line in out.splitlines():
            mid, n = line.split()
            saved[mid] = int(n)
        conn = sqlite3.connect(a)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = dict(conn.execute("SELECT id, period FROM measure").fetchall())
        conn.close()
        for mid, n in saved.items():
            kept = int(stored[mid].split()[-1]) if stored[mid].startswith("แก้ครั้งที่") else 0
            assert kept >= n, (mid, n, stored[mid])


def _hostile(a: Path, tmp: Path, name: str, sql: list[str]) -> Path:
    path = tmp / name
    path.write_bytes(a.read_bytes())
    conn = sqlite3.connect(path)
    for statement in sql:
        conn.execute(statement)
    conn.commit()
    conn.close()
    return path


def test_hostile_files_are_refused_or_read_safely(tmp_path):
    a = _file(tmp_path)
    mine_digest = _digest(a)
    trigger = _hostile(a, tmp_path, "trigger.ita", [
        "CREATE TABLE stolen(x)",
        "CREATE TRIGGER t AFTER UPDATE ON measure BEGIN INSERT INTO stolen VALUES (1); END"])
    # quotes, '#' and '%41' (SQL and URI syntax) in a name Windows allows too
    sqlish = _hostile(a, tmp_path, "it's 'x' #1 %41.ita", [
        "UPDATE measure SET title = '''; DROP TABLE measure; --' WHERE rowid = 1"])
    for path in (trigger, sqlish):
        their = _digest(path)
        store = Store.open(a)
        try:
            if path == trigger:  # a trigger the program did not make: refused before anything runs
                with pytest.raises(StoreError, match=r"\(trigger\) «t»"):
                    merge.plan_merge(store, path)
            else:
                assert merge.plan_merge(store, path).same_office
        finally:
            store.close()
        assert _digest(path) == their  # never written
    big = _hostile(a, tmp_path, "big.ita", ["UPDATE measure SET steps = zeroblob(500 * 1024 * 1024) WHERE rowid = 1"])
    # a text of NULs: length() would say 0 and the whole value would be fetched
    nuls = _hostile(a, tmp_path, "nuls.ita", [
        "UPDATE measure SET steps = CAST(zeroblob(50 * 1024 * 1024) AS TEXT) WHERE rowid = 1"])
    store = Store.open(a)
    try:
        with pytest.raises(StoreError, match="ใหญ่ผิดปกติ"):
            merge.plan_merge(store, big)
        with pytest.raises(StoreError, match="ยาวผิดปกติ"):
            merge.plan_merge(store, nuls)
    finally:
        store.close()
    big.unlink()
    nuls.unlink()
    assert _digest(a) == mine_digest


def test_work_on_a_foreign_file_is_bounded_by_steps_and_pages_not_by_a_clock(tmp_path, monkeypatch):
    a = _file(tmp_path)
    many = _hostile(a, tmp_path, "many.ita", [  # legitimate shape, a great deal to read
        "INSERT INTO rev_log(tbl, id, rev, parent) WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL"
        " SELECT i + 1 FROM n WHERE i < 200000) SELECT 'measure', 'x' || i, 'r' || i, '' FROM n"])
    mine_digest = _digest(a)
    store = Store.open(a)
    try:
        merge.plan_merge(store, many, tmp_path / "w1")  # within the normal budget
        monkeypatch.setattr(merge, "BUDGET", 2_000_000)
        with pytest.raises(StoreError, match="ซับซ้อนเกินกว่าจะตรวจได้"):
            merge.plan_merge(store, many, tmp_path / "w2")
        monkeypatch.setattr(merge, "BUDGET", 200_000_000)
        monkeypatch.setattr(merge, "MAX_ROWS", 100_000)  # rows read into memory are capped
        with pytest.raises(StoreError, match="มากผิดปกติ"):
            merge.plan_merge(store, many, tmp_path / "w4")
        monkeypatch.setattr(merge, "MAX_BYTES", 100_000)
        with pytest.raises(StoreError, match="ใหญ่ผิดปกติ"):
            merge.plan_merge(store, many, tmp_path / "w3")
    finally:
        store.close()
    assert _digest(a) == mine_digest


def test_a_fuzz_run_never_crashes(tmp_path):
    a = _file(tmp_path)
    data = bytearray(a.read_bytes())
    rng = random.Random(20261121)
    refused = read = 0
    store = Store.open(a)
    before = _digest(a)
    try:
        for n in range(1000):
            mutated = bytearray(data)
            for _ in range(rng.randint(1, 8)):
                pos = rng.randrange(100, len(mutated))  # past the header: the checks must find it
                mutated[pos] = rng.randrange(256)
            path = tmp_path / f"fuzz{n % 5}.ita"
            path.write_bytes(bytes(mutated))
            try:
                merge.plan_merge(store, path, tmp_path / "work")
                read += 1
            except StoreError:
                refused += 1
    finally:
        store.close()
    assert refused + read == 1000 and refused > 0
    assert _digest(a) == before


def test_damaged_files_opened_in_the_app_are_refused_with_a_message(tmp_path):
    """The app's own open path (Store.open + load) on 1,000 mutated files: opened whole or
    refused with a StoreError (a Thai message), never another exception."""
    a = _file(tmp_path)
    data = bytearray(a.read_bytes())
    rng = random.Random(7)
    opened = refused = 0
    for n in range(1000):
        mutated = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            pos = rng.randrange(100, len(mutated))
            mutated[pos] = rng.randrange(256)
        path = tmp_path / f"open{n % 5}.ita"
        path.write_bytes(bytes(mutated))
        try:
            store = Store.open(path)
            try:
                store.load()
                opened += 1
            finally:
                store.close()
        except StoreError as exc:
            assert "ไฟล์" in str(exc)
            refused += 1
    assert opened + refused == 1000 and refused > 0
