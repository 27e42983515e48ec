"""`ita-desktop render`, run as a clerk or the app's render worker runs it."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import FIXTURES
from tests.e2e.test_cli import run
from tests.support.reports import page_texts, pdfcheck


def _file(tmp_path: Path, seed: str = "seed002.json") -> Path:
    ita = tmp_path / "ข้อมูล อบต #2.ita"
    r = run("import-json", str(FIXTURES / seed), "-o", str(ita), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    return ita


def test_render_table_and_blocks(tmp_path: Path) -> None:
    ita = _file(tmp_path)
    out = tmp_path / "รายงาน ผล.pdf"
    r = run("render", str(ita), "--year", "2568", "--round", "year", "--layout", "table",
            "--columns", "seq,title,steps,period,responsible,output,outcome",
            "--orientation", "landscape", "--digits", "thai", "-o", str(out), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "หน้า" in r.stdout and "EncodingWarning" not in r.stderr
    defects, report = pdfcheck(out, FIXTURES / "seed002.json", tmp_path)
    assert defects == 0, report
    out2 = tmp_path / "blocks.pdf"
    r = run("render", str(ita), "--year", "๒๕๖๘", "--layout", "blocks", "--digits", "arabic",
            "--heading", "output=สรุปผลการดำเนินการตามมาตรการ", "--page-numbers", "of", "-o", str(out2),
            cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    from pythainlp.util import normalize

    text = normalize("".join(page_texts(out2)))
    assert "สรุปผลการดำเนินการตามมาตรการ" in text and "หน้า 2 จาก" in text
    assert not (tmp_path / "blocks.pdf.part").exists()


def test_bad_options_exit_non_zero_with_a_clear_message(tmp_path: Path) -> None:
    ita = _file(tmp_path)
    out = tmp_path / "x.pdf"
    cases = [
        (["--year", "2568", "--columns", "title,colour"], "colour"),
        (["--year", "2568", "--round", "quarter"], "--round"),
        (["--year", "2568", "--layout", "grid"], "--layout"),
        (["--year", "2568", "--orientation", "upside"], "--orientation"),
        (["--year", "2568", "--digits", "roman"], "--digits"),
        (["--year", "68"], "--year"),
        (["--year", "2599"], "ปีงบประมาณ 2599"),
        (["--year", "2568", "--width", "title"], "--width"),
        (["--year", "2568", "--margins", "1,2"], "--margins"),
        (["--year", "2568", "--title", "{ชื่อเล่น}"], "ไม่รู้จัก"),
    ]
    for args, words in cases:
        r = run("render", str(ita), *args, "-o", str(out), cwd=tmp_path)
        assert r.returncode == 2, (args, r.stdout, r.stderr)
        assert words in r.stderr and "Traceback" not in r.stderr, (args, r.stderr)
        assert not out.exists()
    r = run("render", str(tmp_path / "missing.ita"), "--year", "2568", "-o", str(out), cwd=tmp_path)
    assert r.returncode == 2 and "Traceback" not in r.stderr


def test_a_forced_narrow_column_is_reported(tmp_path: Path) -> None:
    ita = _file(tmp_path)
    r = run("render", str(ita), "--year", "2568", "--width", "responsible=8", "-o",
            str(tmp_path / "n.pdf"), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "ถูกตัดกลางคำ" in r.stderr


def test_render_imports_no_qt(tmp_path: Path) -> None:
    ita = _file(tmp_path)
    code = ("import sys; from ita_desktop.cli import main; "
            f"rc = main(['render', {str(ita)!r}, '--year', '2568', '-o', {str(tmp_path / 'q.pdf')!r}]); "
            "qt = [m for m in sys.modules if m.startswith('PySide6')]; "
            "print('QT', qt); sys.exit(rc)")
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    r = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True,
                       text=True, encoding="utf-8", timeout=120)
    assert r.returncode == 0, r.stderr
    assert "QT []" in r.stdout


def test_render_analysis_headless(tmp_path: Path) -> None:
    ita = _file(tmp_path, "seed004.json")
    out = tmp_path / "analysis.pdf"
    r = run("render", str(ita), "--year", "2568", "--document", "analysis", "-o", str(out), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    defects, report = pdfcheck(out, FIXTURES / "seed004.json", tmp_path,
                               fields=["title", "steps", "period", "responsible"])
    assert defects == 0, report
    r = run("render", str(ita), "--year", "2568", "--document", "budget", "-o", str(out), cwd=tmp_path)
    assert r.returncode == 2 and "--document" in r.stderr
