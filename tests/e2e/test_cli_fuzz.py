"""`render --settings` fuzzed: structured mutations of a valid settings file (kinds, sizes,
depth, Unicode, numbers), a fixed seed and a fixed count. Every run ends in a PDF (exit 0) or a
Thai refusal with nothing written (exit 2); never a traceback, never a crash report."""
from __future__ import annotations

import json
import random
import shutil
import stat
import time
import traceback
from pathlib import Path
from typing import Any

import pytest

from ita_desktop import cli
from ita_desktop.report.options import COLUMN_KEYS, PLACEHOLDERS
from tests.conftest import FIXTURES

SEED = 20250611
COUNT = 320
HUGE_FLOAT = "__HUGE_FLOAT__"  # replaced in the JSON text by a number no float holds
HUGE_INT = "__HUGE_INT__"

VALID: dict[str, Any] = {
    "document": "implementation", "round": "year", "layout": "table",
    "columns": ["seq", "title", "steps", "period", "responsible", "output"],
    "headings": {"title": "มาตรการ", "output": "ผลการดำเนินการ"},
    "widths_mm": {"title": 60, "steps": 70.5},
    "orientation": "landscape", "digits": "thai", "number_titles": True,
    "division": "สำนักปลัด", "filter_division": False,
    "title": "รายงานผล\nประจำปีงบประมาณ พ.ศ. {ปีงบประมาณ}\n{หน่วยงาน}",
    "intro": "ตามที่{หน่วยงาน}ได้กำหนดมาตรการ",
    "body_size": 16, "table_size": 14.0, "heading_size": 18,
    "margin_top_cm": 2.5, "margin_bottom_cm": 2, "margin_left_cm": 3, "margin_right_cm": 2,
    "page_numbers": "dash", "signatures": True, "sign_date": "2025-09-30",
    "analysis_columns": ["group", "title", "steps", "responsible", "period"],
    "cover": None, "front_matter": False, "draft": "auto", "table_orientation": "",
}
CHOICES: dict[str, list[Any]] = {
    "document": ["implementation", "analysis", "Analysis", "", "implementation "],
    "round": ["half", "year", "quarter"], "layout": ["table", "blocks", "grid"],
    "orientation": ["", "portrait", "landscape", "diagonal"], "digits": ["thai", "arabic", "roman"],
    "page_numbers": ["dash", "of", "none", "roman"], "draft": ["auto", "yes", "no", "maybe"],
    "table_orientation": ["", "portrait", "landscape", "up"], "cover": [None, True, False],
}
NUMBERS = ("body_size", "table_size", "heading_size", "margin_top_cm", "margin_bottom_cm",
           "margin_left_cm", "margin_right_cm")
TEXTS = ("title", "intro", "division", "sign_date", "font", "figure1", "figure2", "cover_text", "preface")


def _text(rng: random.Random) -> str:
    pieces = ["ก", "ข้", "ำ", "\u0e31\u0e48", "{หน่วยงาน}", "{ปีงบประมาณ}", "{", "}", "{ไม่มี}", "<b>", "&amp;",
              "&", "<", "\n", "\t", " ", "\x00", "\x1b", "\u200b", "\ufeff", "\u202e", "😀", "\U0010ffff",
              "\ud800", "\udfff", "e\u0301", "\u0e4f" * 3, "a" * 300, "ก" * 2000, "%s", "\\", '"', "\r\n"]
    return "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))


def _number(rng: random.Random) -> Any:
    return rng.choice([0, -1, 1, 10, 16, 28, 29, 0.5, 6, 6.01, 1e-300, -0.0, 1e308, -1e308, 2 ** 63, 10 ** 30,
                       float("nan"), float("inf"), float("-inf"), HUGE_FLOAT, HUGE_INT, rng.uniform(-50, 50),
                       rng.uniform(9, 29), rng.randint(-10 ** 6, 10 ** 6)])


def _nested(rng: random.Random, depth: int) -> Any:
    value: Any = rng.choice([1, "x", None, [], {}])
    for _ in range(depth):
        value = [value] if rng.random() < 0.5 else {"k": value}
    return value


def _anything(rng: random.Random) -> Any:
    kind = rng.randrange(10)
    if kind == 0:
        return None
    if kind == 1:
        return rng.choice([True, False])
    if kind == 2:
        return _number(rng)
    if kind == 3:
        return _text(rng)
    if kind == 4:
        return [_anything(rng) for _ in range(rng.randint(0, 4))] if rng.random() < 0.5 else []
    if kind == 5:
        return {_text(rng): _text(rng) for _ in range(rng.randint(0, 3))}
    if kind == 6:
        return _nested(rng, rng.choice([2, 10, 60, 400]))
    if kind == 7:
        return rng.choice(list(COLUMN_KEYS))
    if kind == 8:
        return [rng.choice(list(COLUMN_KEYS)) for _ in range(rng.randint(0, 20))]
    return {rng.choice(list(COLUMN_KEYS)): _anything(rng) for _ in range(rng.randint(1, 3))}


def _mutate(doc: dict[str, Any], rng: random.Random) -> str:
    """One structured mutation of `doc`, in place; returns what it did."""
    key = rng.choice(sorted(VALID))
    kind = rng.randrange(12)
    if kind == 0:
        doc[key] = _anything(rng)
        return f"{key}=anything"
    if kind == 1:
        doc.pop(key, None)
        return f"del {key}"
    if kind == 2:
        doc[rng.choice(["colour", "Title", "fiscal_year", "", "ค่าตั้ง", "__class__", "columns "])] = _anything(rng)
        return "unknown key"
    if kind == 3:
        name = rng.choice(NUMBERS)
        doc[name] = _number(rng)
        return f"{name}=number"
    if kind == 4:
        name = rng.choice(sorted(CHOICES))
        doc[name] = rng.choice(CHOICES[name])
        return f"{name}=choice"
    if kind == 5:
        name = rng.choice(["columns", "analysis_columns"])
        cols = list(doc.get(name) or [])
        op = rng.randrange(4)
        if op == 0 and cols:
            cols.pop(rng.randrange(len(cols)))
        elif op == 1:
            cols.append(rng.choice(list(COLUMN_KEYS)))
        elif op == 2:
            cols = rng.sample(list(COLUMN_KEYS), rng.randint(0, len(COLUMN_KEYS)))
        else:
            cols.insert(0, _anything(rng))
        doc[name] = cols
        return f"{name} list"
    if kind == 6:
        name = rng.choice(["headings", "widths_mm"])
        table = dict(doc.get(name) or {}) if isinstance(doc.get(name), dict) else {}
        column = rng.choice([*COLUMN_KEYS, "nope", ""])
        table[column] = _text(rng) if name == "headings" and rng.random() < 0.6 else _number(rng)
        doc[name] = table
        return f"{name}[{column}]"
    if kind == 7:
        name = rng.choice(TEXTS)
        doc[name] = _text(rng)
        return f"{name}=text"
    if kind == 8:
        name = rng.choice(["title", "intro", "cover_text", "preface"])
        doc[name] = "".join("{" + rng.choice([*PLACEHOLDERS, "x", ""]) + "}" for _ in range(rng.randint(1, 5)))
        return f"{name}=placeholders"
    if kind == 9:
        doc[key] = _nested(rng, rng.choice([1, 5, 50, 900]))
        return f"{key}=nested"
    if kind == 10:
        name = rng.choice(TEXTS)
        doc[name] = rng.choice(["x" * 5000, "ก" * 50_000, "\n" * 3000, "{หน่วยงาน}" * 2000])
        return f"{name}=long"
    name = rng.choice(["number_titles", "filter_division", "signatures", "front_matter", "cover"])
    doc[name] = rng.choice([True, False, None, 0, 1, "true", "yes", [], {}])
    return f"{name}=bool?"


def _raw(doc: dict[str, Any], rng: random.Random) -> bytes:
    text = json.dumps(doc, ensure_ascii=rng.random() < 0.5, allow_nan=True)
    text = text.replace(f'"{HUGE_FLOAT}"', "1e400").replace(f'"{HUGE_INT}"', "9" * rng.choice([30, 400, 5000]))
    raw = text.encode("utf-8", "surrogatepass")  # a lone surrogate written raw is not UTF-8
    roll = rng.random()
    if roll < 0.03:
        raw = raw[: rng.randrange(len(raw) + 1)]  # cut short
    elif roll < 0.05:
        at = rng.randrange(len(raw) + 1)
        raw = raw[:at] + bytes([rng.choice([0xFF, 0xC0, 0x80, 0x00])]) + raw[at:]
    elif roll < 0.07:
        raw = b"\xef\xbb\xbf" + raw  # saved by Notepad
    return raw


@pytest.fixture(scope="module")
def small_office(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed office with two measures: every render is quick."""
    folder = tmp_path_factory.mktemp("fuzz-office")
    doc = json.loads((FIXTURES / "seed004.json").read_text(encoding="utf-8"))
    doc["years"][0]["measures"] = doc["years"][0]["measures"][:2]
    src = folder / "small.json"
    src.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    ita = folder / "small.ita"
    assert cli.main(["import-json", str(src), "-o", str(ita)]) == 0
    return ita


def _listing(folder: Path) -> dict[str, tuple[int, int, int]]:
    return {p.name: (stat.S_IFMT(p.lstat().st_mode), p.lstat().st_size, p.lstat().st_mtime_ns)
            for p in folder.iterdir()}


def test_render_settings_fuzz(small_office: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                              capsys: pytest.CaptureFixture[str]) -> None:
    work = tmp_path / "work"
    work.mkdir()
    office = work / "office.ita"
    shutil.copyfile(small_office, office)
    systemp = tmp_path / "systemp"
    systemp.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(systemp))
    settings, out = work / "settings.json", work / "out.pdf"
    rng = random.Random(SEED)
    figures = {"cases": 0, "printed": 0, "refused": 0, "tracebacks": 0}
    failures: list[str] = []
    started = time.monotonic()
    for case in range(COUNT):
        doc = json.loads(json.dumps(VALID))
        done = [_mutate(doc, rng) for _ in range(rng.choice([1, 1, 2, 3]))]
        document = rng.choice(["implementation", "analysis"])
        settings.write_bytes(_raw(doc, rng))
        before = _listing(work)
        argv = ["render", str(office), "--year", "2568", "--document", document, "--settings", str(settings),
                "-o", str(out)]
        try:
            code = cli.main(argv)
        except Exception:  # what the fuzz looks for: an exception out of cli.main
            figures["tracebacks"] += 1
            failures.append(f"#{case} {done}: {traceback.format_exc(limit=3)}")
            continue
        finally:
            figures["cases"] += 1
        _out, err = capsys.readouterr()
        if "Traceback" in err or code not in (0, 2):
            figures["tracebacks"] += code not in (0, 2)
            failures.append(f"#{case} {done} {document}: exit {code}: {err[-400:]}")
        elif code == 0:
            figures["printed"] += 1
            if not out.read_bytes().startswith(b"%PDF"):
                failures.append(f"#{case} {done}: exit 0 without a PDF")
            out.unlink()
        else:
            figures["refused"] += 1
            if not any("\u0e01" <= ch <= "\u0e5b" for ch in err):
                failures.append(f"#{case} {done}: a refusal that is not Thai: {err[-300:]}")
            if _listing(work) != before:
                failures.append(f"#{case} {done}: a refusal that wrote: {sorted(_listing(work))}")
        if list(systemp.iterdir()):
            failures.append(f"#{case} {done}: left {[p.name for p in systemp.iterdir()]} in the temp folder")
            for p in systemp.iterdir():
                shutil.rmtree(p) if p.is_dir() else p.unlink()
    elapsed = time.monotonic() - started
    crash_dir = tmp_path / "config" / "crash-reports"
    crashes = sorted(crash_dir.iterdir()) if crash_dir.exists() else []
    summary = (f"fuzz: {figures['cases']} mutations, {figures['printed']} printed, {figures['refused']} refused,"
               f" {figures['tracebacks']} tracebacks, {len(crashes)} crash reports, {elapsed:.1f} s")
    with capsys.disabled():
        print("\n" + summary)
    assert not failures and not crashes, summary + "\n" + "\n".join(failures[:10])
    assert figures["printed"] > COUNT // 10 and figures["refused"] > COUNT // 4  # both roads were taken
    assert figures["cases"] == COUNT and not out.exists()
