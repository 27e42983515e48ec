"""`ita-desktop render --document oit-register|memo|publish-form|photos` on an office file."""
from __future__ import annotations

from pathlib import Path

from ita_desktop.store.db import Store
from tests.conftest import FIXTURES
from tests.e2e.test_cli import run
from tests.support.reports import page_texts, pdfcheck
from tests.unit.test_paperwork import _office, _with_photos


def _file(tmp_path: Path) -> Path:
    """seed004 with the register, signatories and photos of tests/unit/test_paperwork.py."""
    ita = tmp_path / "ข้อมูล อบต.ita"
    r = run("import-json", str(FIXTURES / "seed004.json"), "-o", str(ita), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    data = _office()
    _with_photos(data, [(800, 600), (600, 800), (640, 480)])
    store = Store.open(ita)
    try:
        store.save(data.office)
        store.save_all([*data.oit_entries, *data.signatories, *data.attachments, *data.photos])
    finally:
        store.close()
    return ita


def test_render_each_paperwork_document(tmp_path: Path) -> None:
    ita = _file(tmp_path)
    cases = [
        (["--document", "oit-register", "--year", "2569"], "ทะเบียนการเปิดเผยข้อมูลสาธารณะ", "แนวนอน"),
        (["--document", "memo", "--for", "analysis", "--year", "2568"], "บันทึกข้อความ", "แนวตั้ง"),
        (["--document", "memo", "--for", "implementation", "--round", "half", "--year", "2568", "--digits", "arabic"],
         "รอบ 6 เดือน", "แนวตั้ง"),
        (["--document", "publish-form", "--year", "2569", "--items", "o1,o2"], "ผู้อนุมัติรับรอง", "แนวตั้ง"),
        (["--document", "photos", "--year", "2568", "--photos-per-page", "4"], "ภาพกิจกรรม", "แนวตั้ง"),
        (["--year", "2568", "--with-photos", "--draft", "no"], "ภาพกิจกรรม", "แนวนอน"),
    ]
    for n, (args, words, orientation) in enumerate(cases):
        out = tmp_path / f"{n}.pdf"
        r = run("render", str(ita), *args, "-o", str(out), cwd=tmp_path)
        assert r.returncode == 0, (args, r.stderr)
        assert orientation in r.stdout, r.stdout
        defects, report = pdfcheck(out)
        assert defects == 0, (args, report)
        assert words in "".join(page_texts(out)), args


def test_paperwork_flags_are_checked(tmp_path: Path) -> None:
    ita = _file(tmp_path)
    out = tmp_path / "x.pdf"
    for args, words in [(["--document", "memo", "--for", "budget"], "--for"),
                        (["--document", "photos", "--photos-per-page", "5"], "--photos-per-page"),
                        (["--document", "publish-form", "--items", "o99"], "O99"),
                        (["--document", "oit-register", "--year", "2590"], "2590")]:
        full = [*args] if "--year" in args else [*args, "--year", "2569"]
        r = run("render", str(ita), *full, "-o", str(out), cwd=tmp_path)
        assert r.returncode == 2, (args, r.stdout, r.stderr)
        assert words in r.stderr, (args, r.stderr)
    r = run("render", "--help", cwd=tmp_path)
    assert "oit-register" in r.stdout and "ITA year" in r.stdout and "--photos-per-page" in r.stdout
