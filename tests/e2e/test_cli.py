"""The headless commands, run as a user runs them (a new process, UTF-8 checks on)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from ita_desktop import __version__
from tests.conftest import FIXTURES


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-X", "warn_default_encoding", "-W", "error::EncodingWarning",
                           "-m", "ita_desktop", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=120)


def test_import_export_check(tmp_path: Path) -> None:
    ita = tmp_path / "ข้อมูล อบต #2.ita"
    r = run("import-json", str(FIXTURES / "seed004.json"), "-o", str(ita), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    out = tmp_path / "out.json"
    r = run("export-json", str(ita), "-o", str(out), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["years"][0]["scores"]["total"] == 72.97
    r = run("check", str(ita), cwd=tmp_path)
    assert r.returncode == 1  # the seed has no signatories and no year-end results
    assert "ยังไม่ได้กรอกชื่อผู้อนุมัติ" in r.stdout
    assert "EncodingWarning" not in r.stderr


def test_bad_input_exits_non_zero_and_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "ita-desktop", "version": 1, "office": {"name": "x"},
                               "years": [{"fiscal_year": 2568, "framework": "2567",
                                          "scores": {"total": 172}}]}), encoding="utf-8")
    r = run("import-json", str(bad), "-o", str(tmp_path / "x.ita"), cwd=tmp_path)
    assert r.returncode == 2
    assert "years[0].scores.total" in r.stderr
    assert not (tmp_path / "x.ita").exists()
    r = run("check", str(bad), cwd=tmp_path)
    assert r.returncode == 2 and "ไม่ใช่ไฟล์ข้อมูล" in r.stderr


def test_new_and_check_of_an_empty_file(tmp_path: Path) -> None:
    ita = tmp_path / "new.ita"
    assert run("new", str(ita), cwd=tmp_path).returncode == 0
    r = run("check", str(ita), cwd=tmp_path)
    assert r.returncode == 1 and "ยังไม่ได้กรอกชื่อหน่วยงาน" in r.stdout


def test_self_test_passes_and_stays_in_its_folder(tmp_path: Path) -> None:
    """Run as on the CI runner: the frozen exe's output to a pipe is in the ANSI code page
    (CP1252 there; PYTHONIOENCODING does not reach a frozen exe), so Thai there is "?". The
    log the self-test writes into --out is UTF-8 and whole."""
    out = tmp_path / "selftest"
    env = dict(os.environ, PYTHONIOENCODING="cp1252")
    r = subprocess.run([sys.executable, "-X", "warn_default_encoding", "-W", "error::EncodingWarning",
                        "-m", "ita_desktop", "--self-test", "--out", str(out)],
                       cwd=tmp_path, env=env, capture_output=True, timeout=180)
    assert r.returncode == 0, (r.stdout + r.stderr).decode("cp1252", "replace")
    assert "ผลการทดสอบตัวเอง".encode() not in r.stdout  # what a log teed from it held
    assert (out / "implementation.pdf").exists() and (out / "analysis.pdf").exists()
    assert (out / "preview.pdf").exists()  # rendered by the print screen's worker process
    log = (out / "self-test.log").read_text(encoding="utf-8")
    assert log.startswith(f"ITA Desktop {__version__} ทดสอบตัวเอง")
    assert log.endswith("ผลการทดสอบตัวเอง: ผ่าน\n")
    assert "✓ หน้าต่างโปรแกรม" in log and "?" not in log


def test_merge_command(tmp_path: Path) -> None:
    import shutil

    a = tmp_path / "ก อบต.ita"
    assert run("import-json", str(FIXTURES / "seed004.json"), "-o", str(a), cwd=tmp_path).returncode == 0
    b = tmp_path / "b.ita"
    shutil.copyfile(a, b)
    from ita_desktop.store.db import Store

    for path, title in ((a, "ของฉัน"), (b, "ของเขา")):
        store = Store.open(path)
        data = store.load()
        x = data.measures_of(data.live_plans()[0].id)[0]
        x.title = title
        store.save(x)
        if path == b:  # a change that needs no decision, in the same record and in another
            x.budget = "๕,๐๐๐ บาท"
            store.save(x)
            y = data.measures_of(data.live_plans()[0].id)[1]
            y.target = "ประชาชนในตำบล"
            store.save(y)
        store.close()

    def first_two(path: Path) -> list:
        store = Store.open(path)
        data = store.load()
        store.close()
        return data.measures_of(data.live_plans()[0].id)[:2]

    for _ in range(2):  # what needs no decision is applied; the conflict stays, asked again
        r = run("merge", str(a), str(b), cwd=tmp_path)
        assert r.returncode == 3 and "ช่องชื่อ: ไฟล์นี้ «ของฉัน» / อีกไฟล์ «ของเขา»" in r.stdout
        assert "--prefer" in r.stderr
        x, y = first_two(a)
        assert (x.title, x.budget, y.target) == ("ของฉัน", "๕,๐๐๐ บาท", "ประชาชนในตำบล")
    out = tmp_path / "รวม.ita"
    r = run("merge", str(a), str(b), "--prefer", "theirs", "-o", str(out), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    store = Store.open(out)
    data = store.load()
    store.close()
    assert data.measures_of(data.live_plans()[0].id)[0].title == "ของเขา"
    r = run("merge", str(out), str(b), cwd=tmp_path)
    assert r.returncode == 0 and "ขัดแย้ง 0" in r.stdout  # nothing left to merge
    separate = tmp_path / "แยก.ita"  # the same office, created again from the same JSON
    assert run("import-json", str(FIXTURES / "seed004.json"), "-o", str(separate), cwd=tmp_path).returncode == 0
    r = run("merge", str(out), str(separate), "--prefer", "mine", cwd=tmp_path)
    assert r.returncode == 0 and "สร้างแยกกัน" in r.stderr
    other = tmp_path / "other.ita"
    assert run("import-json", str(FIXTURES / "seed002.json"), "-o", str(other), cwd=tmp_path).returncode == 0
    r = run("merge", str(a), str(other), cwd=tmp_path)
    assert r.returncode == 2 and "หน่วยงานอื่น" in r.stderr


def test_check_for_the_document_about_to_be_printed(tmp_path: Path) -> None:
    """Issue 14 item 8: `check --document` asks for what that document needs at its stage;
    what only the other documents need is a note."""
    ita = tmp_path / "s2.ita"
    assert run("import-json", str(FIXTURES / "seed002.json"), "-o", str(ita), cwd=tmp_path).returncode == 0
    r = run("check", str(ita), "--document", "implementation", "--round", "year", "--year", "2568", cwd=tmp_path)
    assert r.returncode == 1, r.stderr
    lines = r.stdout.splitlines()
    assert not [ln for ln in lines if ln.startswith("[ยังไม่ครบ]") and "เอกสารการวิเคราะห์" in ln]
    assert any(ln.startswith("[หมายเหตุ]") and "เอกสารการวิเคราะห์" in ln for ln in lines)
    r = run("check", str(ita), "--document", "analysis", "--year", "๒๕๖๘", cwd=tmp_path)
    assert any(ln.startswith("[ยังไม่ครบ]") and "เอกสารการวิเคราะห์" in ln for ln in r.stdout.splitlines())
    r = run("check", str(ita), "--document", "analysis", "--year", "2560", cwd=tmp_path)
    assert r.returncode == 2 and "ไม่มีมาตรการของปีงบประมาณ ๒๕๖๐" in r.stderr
    r = run("check", str(ita), "--year", "2568", cwd=tmp_path)  # a year of no document: said
    assert r.returncode == 2 and "--document" in r.stderr
