"""`ita-desktop catalog copy|import|export`: a new year's catalog from the command line (issue
14.7), in Thai, with the exit codes of the other commands (0 done, 2 refused)."""
from __future__ import annotations

import json
import os
from pathlib import Path

from tests.e2e.test_cli import run


def _config() -> Path:
    return Path(os.environ["ITA_DESKTOP_CONFIG"]) / "frameworks"


def test_copy_2569_as_2570_is_marked_as_a_copy(tmp_path: Path) -> None:
    r = run("catalog", "copy", "2569", "2570", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "คัดลอกเกณฑ์ปี ๒๕๖๙ เป็นเกณฑ์ปี ๒๕๗๐ แล้ว" in r.stdout
    assert "ป.ป.ช. ยังไม่ได้ประกาศ" in r.stdout
    data = json.loads((_config() / "ita-2570.json").read_text(encoding="utf-8"))
    assert data["status"] == "copy" and data["ita_year"] == 2570
    assert data["title"] == "ITA ปี ๒๕๗๐ (คัดลอกจากปี ๒๕๖๙ ยังไม่ยืนยัน)"
    assert len(data["issues"]["groups"]) == 7
    # once there, a second copy is refused and the first stays
    before = (_config() / "ita-2570.json").read_text(encoding="utf-8")
    r = run("catalog", "copy", "2569", "๒๕๗๐", cwd=tmp_path)
    assert r.returncode == 2 and "มีเกณฑ์ปี ๒๕๗๐ อยู่แล้ว" in r.stderr
    assert (_config() / "ita-2570.json").read_text(encoding="utf-8") == before


def test_copy_of_a_year_with_no_catalog_or_a_bad_year_is_refused(tmp_path: Path) -> None:
    r = run("catalog", "copy", "2550", "2570", cwd=tmp_path)
    assert r.returncode == 2 and "ไม่มีเกณฑ์ปี ๒๕๕๐" in r.stderr and "Traceback" not in r.stderr
    r = run("catalog", "copy", "ปีหน้า", "2570", cwd=tmp_path)
    assert r.returncode == 2 and "ไม่ใช่ปี พ.ศ." in r.stderr
    r = run("catalog", cwd=tmp_path)
    assert r.returncode == 2 and "ยังไม่ได้ระบุ" in r.stderr
    assert not _config().exists()


def test_export_then_import_as_a_district_office_hands_it_out(tmp_path: Path) -> None:
    out = tmp_path / "เกณฑ์ 2569.json"
    r = run("catalog", "export", "2569", "-o", str(out), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "ส่งออกเกณฑ์ปี ๒๕๖๙" in r.stdout
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["ita_year"] == 2569 and data["documents"]["analysis"] == "o25"
    # 2567's template lives in the bundled list: its exported file carries it all the same
    r = run("catalog", "export", "2567", "-o", str(tmp_path / "2567.json"), cwd=tmp_path)
    assert r.returncode == 0 and len(json.loads((tmp_path / "2567.json").read_text("utf-8"))["issues"]["groups"]) == 7
    data["ita_year"] = 2570
    data["title"] = "ITA ปี ๒๕๗๐ ตามคู่มือ"
    (tmp_path / "2570.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    r = run("catalog", "import", str(tmp_path / "2570.json"), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "นำเข้าเกณฑ์ปี ๒๕๗๐" in r.stdout
    assert json.loads((_config() / "ita-2570.json").read_text(encoding="utf-8"))["title"] == "ITA ปี ๒๕๗๐ ตามคู่มือ"
    # the year edited on this PC is not replaced unless asked
    r = run("catalog", "import", str(tmp_path / "2570.json"), cwd=tmp_path)
    assert r.returncode == 2 and "--replace" in r.stderr
    assert run("catalog", "import", str(tmp_path / "2570.json"), "--replace", cwd=tmp_path).returncode == 0


def test_bad_catalog_files_and_outputs_are_refused_in_thai(tmp_path: Path) -> None:
    (tmp_path / "broken.json").write_text('{"ita_year": 2572, "tools": []}', encoding="utf-8")
    r = run("catalog", "import", str(tmp_path / "broken.json"), cwd=tmp_path)
    assert r.returncode == 2 and "นำเข้า «broken.json» ไม่ได้" in r.stderr and "Traceback" not in r.stderr
    r = run("catalog", "import", str(tmp_path / "missing.json"), cwd=tmp_path)
    assert r.returncode == 2 and "ไม่พบไฟล์" in r.stderr
    r = run("catalog", "export", "2571", "-o", str(tmp_path / "x.json"), cwd=tmp_path)
    assert r.returncode == 2 and "ไม่มีเกณฑ์ปี ๒๕๗๑" in r.stderr
    r = run("catalog", "export", "2569", "-o", str(tmp_path), cwd=tmp_path)
    assert r.returncode == 2 and "โฟลเดอร์" in r.stderr
    assert not (tmp_path / "x.json").exists() and not _config().exists()
