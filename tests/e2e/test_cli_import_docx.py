"""`ita-desktop import-docx`: last year's report in Word as the measures of a year's plan, run as
a user runs it (a new process, UTF-8 checks on). Never over live data: a plan that has measures
is refused unless --append; what cannot be read is refused in Thai and the file is unchanged."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from ita_desktop.store.db import Store
from tests.conftest import FIXTURES


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-X", "warn_default_encoding", "-W", "error::EncodingWarning",
                           "-m", "ita_desktop", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=120)


def _report(path: Path) -> Path:
    """A plan's table as offices type it: the measure merged down over two activity rows, a
    column the header words do not name (หมายเหตุ)."""
    d = docx.Document()
    d.add_paragraph("มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๘")
    rows = [["ลำดับ", "มาตรการ/โครงการ", "ขั้นตอน/วิธีการ", "ระยะเวลาดำเนินการ", "ผู้รับผิดชอบ",
             "ผลการดำเนินการ", "หมายเหตุ"],
            ["๑.", "มาตรการเผยแพร่ข้อมูลต่อสาธารณะ", "จัดทำประกาศ", "ต.ค. ๒๕๖๗", "สำนักปลัด",
             "เผยแพร่แล้ว ๑๒ เรื่อง", "ก"],
            ["", "", "เผยแพร่ทางเว็บไซต์ ๑. หน้าแรก ๒. ข่าว", "พ.ย. ๒๕๖๗", "", "", ""],
            ["๒.", "มาตรการป้องกันการรับสินบน", "ประกาศนโยบาย No Gift", "ทั้งปี", "กองคลัง", "", "ข"]]
    table = d.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.cell(1, 1).merge(table.cell(2, 1))
    table.cell(1, 0).merge(table.cell(2, 0))
    d.save(str(path))
    return path


@pytest.fixture
def office(tmp_path: Path) -> Path:
    ita = tmp_path / "office.ita"
    r = run("import-json", str(FIXTURES / "seed004.json"), "-o", str(ita), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    return ita


def _measures(ita: Path, year: int) -> list[tuple[str, str, str, str]]:
    store = Store.open_readonly(ita)
    try:
        data = store.load()
    finally:
        store.close()
    plan = data.plan(year)
    if plan is None:
        return []
    out = []
    for x in data.measures_of(plan.id):
        res = data.result(x.id, "year")
        out.append((x.title, x.steps, x.responsible, res.output if res else ""))
    return out


def test_import_into_a_new_year_prints_what_was_read(tmp_path: Path, office: Path) -> None:
    report = _report(tmp_path / "รายงาน ๒๕๖๘.docx")
    r = run("import-docx", str(report), "--into", str(office), "--year", "2569",
            "--map", "หมายเหตุ=responsible", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "นำเข้ามาตรการ ๒ รายการ" in r.stdout and "แผนใหม่ของปีงบประมาณ ๒๕๖๙" in r.stdout
    assert "«ขั้นตอน/วิธีการ» → ขั้นตอน/วิธีการ" in r.stdout
    assert "«หมายเหตุ» → ผู้รับผิดชอบ" in r.stdout
    assert "EncodingWarning" not in r.stderr
    got = _measures(office, 2569)
    assert got == [
        ("มาตรการเผยแพร่ข้อมูลต่อสาธารณะ", "จัดทำประกาศ\nเผยแพร่ทางเว็บไซต์ ๑. หน้าแรก ๒. ข่าว",
         "สำนักปลัด / ก", "เผยแพร่แล้ว ๑๒ เรื่อง"),
        ("มาตรการป้องกันการรับสินบน", "ประกาศนโยบาย No Gift", "กองคลัง / ข", ""),
    ]
    # the file is still whole and its check runs
    assert run("check", str(office), cwd=tmp_path).returncode in (0, 1)


def test_a_plan_with_measures_is_refused_unless_append(tmp_path: Path, office: Path) -> None:
    report = _report(tmp_path / "report.docx")
    before = _measures(office, 2568)
    assert before  # seed 004 has the measures of 2568
    r = run("import-docx", str(report), "--into", str(office), "--year", "๒๕๖๘", cwd=tmp_path)
    assert r.returncode == 2 and "--append" in r.stderr and "มีมาตรการอยู่แล้ว" in r.stderr
    assert _measures(office, 2568) == before
    r = run("import-docx", str(report), "--into", str(office), "--year", "2568", "--append",
            "--split-lists", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    after = _measures(office, 2568)
    assert after[: len(before)] == before and len(after) == len(before) + 2
    assert after[-2][1] == "จัดทำประกาศ\nเผยแพร่ทางเว็บไซต์\n๑. หน้าแรก\n๒. ข่าว"  # --split-lists


def test_heading_style_report(tmp_path: Path, office: Path) -> None:
    d = docx.Document()
    for text, bold in (("มาตรการ โครงการ หรือกิจกรรม", True), ("๑. จัดทำคู่มือการปฏิบัติงาน", False),
                       ("ผู้รับผิดชอบ", True), ("สำนักปลัด", False),
                       ("ผลการดำเนินการ ( output)", True), ("จัดทำคู่มือแล้ว", False)):
        d.add_paragraph().add_run(text).bold = bold
    path = tmp_path / "blocks.docx"
    d.save(str(path))
    r = run("import-docx", str(path), "--into", str(office), "--year", "2570", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "อ่านจากหัวข้อ" in r.stdout
    assert _measures(office, 2570) == [("จัดทำคู่มือการปฏิบัติงาน", "", "สำนักปลัด", "จัดทำคู่มือแล้ว")]


@pytest.mark.parametrize(("content", "said"), [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024), "บันทึกเป็น › เอกสาร Word (*.docx)"),
    (os.urandom(2048), "เอกสาร Word (*.docx)"),
    (b"PK\x03\x04" + os.urandom(2048), "เสียหาย"),
])
def test_what_is_no_docx_is_refused_and_nothing_changes(tmp_path: Path, office: Path, content: bytes,
                                                         said: str) -> None:
    path = tmp_path / "report.doc"
    path.write_bytes(content)
    before = office.read_bytes()
    r = run("import-docx", str(path), "--into", str(office), "--year", "2569", cwd=tmp_path)
    assert r.returncode == 2
    assert said in r.stderr and "Traceback" not in r.stderr
    assert office.read_bytes() == before


def test_bad_options_are_refused_in_thai(tmp_path: Path, office: Path) -> None:
    report = _report(tmp_path / "report.docx")
    r = run("import-docx", str(report), "--into", str(office), "--year", "2569", "--map", "หมายเหตุ=อะไร",
            cwd=tmp_path)
    assert r.returncode == 2 and "--map" in r.stderr and "responsible" in r.stderr
    r = run("import-docx", str(report), "--into", str(office), "--year", "ปีหน้า", cwd=tmp_path)
    assert r.returncode == 2 and "ปี พ.ศ." in r.stderr
    r = run("import-docx", str(report), "--into", str(report), "--year", "2569", cwd=tmp_path)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    r = run("import-docx", str(tmp_path / "missing.docx"), "--into", str(office), "--year", "2569", cwd=tmp_path)
    assert r.returncode == 2 and "ไม่พบไฟล์" in r.stderr
    assert _measures(office, 2569) == []


# --- a bug, a failing disk, an input that is no file -------------------------------------------
def _crash_reports(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "config" / "crash-reports").glob("crash-*.txt"))


def test_a_bug_is_a_thai_message_a_crash_report_and_no_change(
        tmp_path: Path, office: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from ita_desktop import cli

    report = _report(tmp_path / "report.docx")
    before = office.read_bytes()

    def boom(*_args: object, **_kwargs: object) -> None:
        raise KeyError("forced bug")

    monkeypatch.setattr("ita_desktop.domain.table_import.add_imported", boom)
    code = cli.main(["import-docx", str(report), "--into", str(office), "--year", "2569"])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err and "ไม่คาดคิด" in err
    assert len(_crash_reports(tmp_path)) == 1
    assert office.read_bytes() == before


def test_a_write_that_fails_half_way_leaves_the_file_as_it_was(
        tmp_path: Path, office: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """All the measures in one transaction: the disk failing at the third record writes none."""
    import sqlite3

    from ita_desktop import cli
    from ita_desktop.store import db

    report = _report(tmp_path / "report.docx")
    real = db.Store._save
    calls = []

    def failing(self: db.Store, record: object) -> None:
        calls.append(record)
        if len(calls) == 3:
            raise sqlite3.OperationalError("disk I/O error")
        real(self, record)  # type: ignore[arg-type]

    monkeypatch.setattr(db.Store, "_save", failing)
    code = cli.main(["import-docx", str(report), "--into", str(office), "--year", "2569"])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err, err
    monkeypatch.setattr(db.Store, "_save", real)
    assert _measures(office, 2569) == []


@pytest.mark.skipif(os.name != "posix", reason="FIFOs as POSIX has them")
@pytest.mark.parametrize("which", ["docx", "into"])
def test_a_fifo_is_refused_before_it_is_opened(tmp_path: Path, office: Path, which: str) -> None:
    fifo = tmp_path / "odd.docx"
    os.mkfifo(fifo)
    report = _report(tmp_path / "report.docx")
    args = ([str(fifo), "--into", str(office)] if which == "docx" else [str(report), "--into", str(fifo)])
    r = run("import-docx", *args, "--year", "2569", cwd=tmp_path)
    assert r.returncode == 2 and "ไม่ใช่ไฟล์ธรรมดา" in r.stderr


def test_into_a_file_that_is_no_office_file(tmp_path: Path) -> None:
    report = _report(tmp_path / "report.docx")
    other = tmp_path / "notes.ita"
    other.write_text("ไม่ใช่ไฟล์ข้อมูล", encoding="utf-8")
    r = run("import-docx", str(report), "--into", str(other), "--year", "2569", cwd=tmp_path)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert other.read_text(encoding="utf-8") == "ไม่ใช่ไฟล์ข้อมูล"
