"""Structured mutations of valid exchange documents, through `ita-desktop import-json`.

Each mutated file must end either in exit 0 with a whole, readable file (that exports and imports
again) or in exit 2 with a Thai message and nothing beside the input; never a traceback, and
never the importer's last-resort message (a flaw nothing named). Bounded by a count with a fixed
seed, not by time: the same mutations on every run."""
from __future__ import annotations

import copy
import json
import random
import re
import shutil
import traceback
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from ita_desktop import cli
from ita_desktop.paths import config_dir, resource_path
from ita_desktop.store import exchange
from ita_desktop.store.db import Store
from tests.conftest import load_fixture

SEED = 20_250_601
COUNT = 300
THAI = re.compile("[\u0e01-\u0e5b]")

# what a string may hold: lone surrogates, NUL, direction marks, stacked combining marks, …
STRANGE_TEXTS = [
    "\ud800", "ก\udfffข", "\udc00\ud800", "\x00", "ก\x00ข", "\u200f\u202eกลับด้าน\u202c", "\u202a\u2066\u2069",
    "\u0301" * 40, "ก่่่่่่่่", "e\u0301\u0302\u0303", "\ufeff", "\u200b\u200c\u200d\u2060", "😀🇹🇭\U0010ffff",
    "\r\n\r\n", "\t", "   ", "", "๑๒๓.๔๕", "\x1b[31m", "\u0e4d\u0e32เเ", "\\", '"', "'; DROP TABLE measure; --",
    "%s%n{0}", "NaN", "null", "-1", "1e400", "\u0085\u2028\u2029", "\x7f\x9f", "ﷺ" * 10, "\U0001d400",
]
NUMBERS = ["1e400", "-1e400", "NaN", "Infinity", "-Infinity", "9" * 5_000, "-" + "9" * 30, "1e308", "5e-324",
           "-0.0", "2568.5", "-1", "0", "100.001", "101", "1" + "0" * 18, "2568.0", "1E2", "99.999", "72.970"]
OTHER_VALUES: list[Any] = [None, True, False, 0, 1, -1, 1.5, "", "x", [], {}, ["a"], {"a": 1}, [[]], [{}]]
LENGTHS = [201, 1_001, 20_001, 50_001, 120_000]
LETTERS = ["ก", "x", "\u0e48", " ", "\n", "😀"]


def _bases() -> list[dict[str, Any]]:
    """The demo office exported (the full shape: ids, revisions, catalogs, results, people) and
    seed004 (the short shape another program writes)."""
    demo = json.loads(resource_path("demo", "demo-office.json").read_text(encoding="utf-8"))
    full = exchange.export_data(exchange.import_data(demo))
    return [json.loads(json.dumps(full)), load_fixture("seed004.json")]


def _nodes(doc: Any) -> list[tuple[tuple[Any, ...], Any]]:
    out: list[tuple[tuple[Any, ...], Any]] = []
    stack: list[tuple[tuple[Any, ...], Any]] = [((), doc)]
    while stack:
        path, value = stack.pop()
        if path:
            out.append((path, value))
        if isinstance(value, dict):
            stack.extend(((*path, k), v) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend(((*path, i), v) for i, v in enumerate(value))
    return out


def _parent(doc: Any, path: tuple[Any, ...]) -> Any:
    for part in path[:-1]:
        doc = doc[part]
    return doc


def _set(doc: Any, path: tuple[Any, ...], value: Any) -> None:
    _parent(doc, path)[path[-1]] = value


def _marker(kind: str, text: str) -> str:
    """A stand-in replaced in the JSON text: what json.dumps cannot write (5,000 digits, 100,000
    levels) or writes one way only (NaN)."""
    return f"@@{kind}@@{text}@@"


def _serialize(doc: Any, rng: random.Random) -> bytes:
    text = json.dumps(doc, ensure_ascii=rng.random() < 0.5, indent=rng.choice([None, 1]))
    text = re.sub(r'"@@NUM@@(.*?)@@"', lambda mo: mo.group(1), text)
    text = re.sub(r'"@@DEEP@@(\d+)@@"', lambda mo: "[" * int(mo.group(1)) + "]" * int(mo.group(1)), text)
    # a lone surrogate as raw bytes (invalid UTF-8) as well as an escape
    return text.encode("utf-8", "surrogatepass")


def _mutate(doc: dict[str, Any], rng: random.Random) -> str:
    """One structured mutation of `doc` in place; returns its name."""
    nodes = _nodes(doc)
    path, value = rng.choice(nodes)
    strings = [(p, v) for p, v in nodes if isinstance(v, str)]
    op = rng.choice(["type", "text", "text", "number", "number", "size", "list", "depth", "key", "record"])
    if op == "type":
        _set(doc, path, copy.deepcopy(rng.choice([x for x in OTHER_VALUES if x != value])))
    elif op == "text":
        path, value = rng.choice(strings)
        strange = rng.choice(STRANGE_TEXTS)
        if rng.random() < 0.5:
            at = rng.randint(0, len(value))
            strange = value[:at] + strange + value[at:]
        _set(doc, path, strange)
    elif op == "number":
        numeric = [(p, v) for p, v in nodes if isinstance(v, (int, float)) and not isinstance(v, bool)]
        if numeric and rng.random() < 0.7:
            path, value = rng.choice(numeric)
        _set(doc, path, _marker("NUM", rng.choice(NUMBERS)))
    elif op == "size":
        path, value = rng.choice(strings)
        _set(doc, path, rng.choice(LETTERS) * rng.choice(LENGTHS))
    elif op == "list":
        lists = [(p, v) for p, v in nodes if isinstance(v, list) and v] or [((), [])]
        path, value = rng.choice(lists)
        if path:
            how = rng.choice(["duplicate", "empty", "repeat", "reverse"])
            if how == "duplicate":  # the same record twice: the same id, the same name
                value.insert(rng.randint(0, len(value)), copy.deepcopy(rng.choice(value)))
            elif how == "empty":
                value.clear()
            elif how == "repeat":
                value.extend(copy.deepcopy(value[0]) for _ in range(rng.choice([30, 300])))
            else:
                value.reverse()
        op = f"list-{how}" if path else op
    elif op == "depth":
        levels = rng.choice([3, 25, 2_000, 100_000])
        if levels > 50:
            _set(doc, path, _marker("DEEP", str(levels)))
        else:
            for _ in range(levels):
                value = [value] if rng.random() < 0.5 else {"a": value}
            _set(doc, path, value)
    elif op == "key":
        dicts = [(p, v) for p, v in nodes if isinstance(v, dict) and v]
        path, value = rng.choice(dicts)
        key = rng.choice(list(value))
        how = rng.choice(["delete", "rename", "extra"])
        if how == "delete":
            del value[key]
        elif how == "rename":
            value[rng.choice(["\ud800", "o\x00", "k" * 2_000, "\u202e" + key, key.upper(), " " + key])] = value.pop(key)
        else:
            value[rng.choice(["extra", "\udbff", "สนาม"])] = rng.choice([*STRANGE_TEXTS, _marker("NUM", "NaN")])
        op = f"key-{how}"
    else:
        op = _record_mutation(doc, rng)
    return op


def _record_mutation(doc: dict[str, Any], rng: random.Random) -> str:
    """Mutations that keep every value valid but break how records relate."""
    years = doc.get("years") or []
    year = rng.choice(years) if years else {}
    measures = year.get("measures") or []
    how = rng.choice(["same-id", "division-name", "plan-less", "group", "fiscal-year", "framework", "seq",
                      "sort-key", "date"])
    if how == "same-id" and len(measures) > 1:
        measures[1]["id"] = measures[0].get("id") or "5f0e4d0c-1111-4222-8333-944455556666"
        measures[0]["id"] = measures[1]["id"]
    elif how == "division-name":
        divisions = doc["office"].setdefault("divisions", [])
        divisions.extend([{"name": "กองช่าง"}, {"name": rng.choice(["กองช่าง", "กองช่าง ", "กอง\u200bช่าง"])}])
    elif how == "plan-less":
        doc.setdefault("assessments", []).append({"framework": year.get("framework", "2567"),
                                                  "measures": copy.deepcopy(measures[:1])})
    elif how == "group" and measures:
        measures[0]["group"] = rng.choice([0, -1, 99, "ไม่มี", "", None, 1])
    elif how == "fiscal-year" and len(years) > 0:
        years.append(copy.deepcopy(year))
    elif how == "framework":
        year["framework"] = rng.choice(["2599", "", "๒๕๖๗", "２５６７", 2567, "2567 ", "abc"])
    elif how == "seq":
        for x in measures:
            x["seq"] = rng.choice([1, "๑", None, "", -5, "x"])
    elif how == "sort-key" and measures:
        measures[0]["sort_key"] = rng.choice(["!", "0", "zz", "V0", "ก", "a" * 900])
    elif how == "date":
        year["documents"] = [{"document": "implementation",
                              "approved_on": rng.choice(["2025-03-31", "31/3/2568", "", "2025-02-30", "๒๕๖๘"])}]
    return f"record-{how}"


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _check_file(out: Path) -> None:
    """An accepted file is whole: it opens, loads, and its export imports again."""
    store = Store.open_readonly(out)
    try:
        assert not store.integrity_errors()
        again = exchange.export_data(store.load())
    finally:
        store.close()
    exchange.import_data(json.loads(json.dumps(again)))


def test_mutated_exchange_files_are_imported_whole_or_refused_in_thai(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rng = random.Random(SEED)
    bases = _bases()
    crashes = config_dir() / "crash-reports"  # the command's net: a bug told in Thai, its traceback here
    figures: Counter[str] = Counter()
    problems: list[str] = []
    for case in range(COUNT):
        doc = copy.deepcopy(bases[case % len(bases)])
        ops = [_mutate(doc, rng) for _ in range(rng.choice([1, 1, 1, 2, 3]))]
        folder = tmp_path / f"c{case}"
        folder.mkdir()
        src = folder / "in.json"
        src.write_bytes(_serialize(doc, rng))
        out = folder / "out.ita"
        capsys.readouterr()
        try:
            code: Any = cli.main(["import-json", str(src), "-o", str(out)])
        except SystemExit as exc:
            code = exc.code
        except BaseException:  # what the clerk would see as a traceback
            figures["tracebacks"] += 1
            problems.append(f"case {case} {ops}: traceback\n{traceback.format_exc(limit=-4)}")
            continue
        message = capsys.readouterr().err
        where = f"case {case} {ops}: exit {code}"
        reports = sorted(crashes.glob("crash-*.txt")) if crashes.is_dir() else []
        if reports:  # a traceback the command caught
            figures["tracebacks"] += 1
            problems.append(f"{where}: {message[:200]}\n{reports[0].read_text(encoding='utf-8')[-1500:]}")
            for report in reports:
                report.unlink()
            continue
        if code == 0:
            figures["accepted"] += 1
            if _listing(folder) != ["in.json", "out.ita"]:
                problems.append(f"{where}: left {_listing(folder)}")
            try:
                _check_file(out)
            except Exception as exc:  # anything: the file is not whole
                problems.append(f"{where}: the file is not whole: {type(exc).__name__}: {str(exc)[:300]}")
        elif code == 2:
            figures["refused"] += 1
            if not THAI.search(message) or "Traceback" in message:
                problems.append(f"{where}: not a Thai message: {message[:300]}")
            if exchange.UNFORESEEN_MESSAGE in message:
                figures["unforeseen"] += 1
                problems.append(f"{where}: a flaw no check named: {message[:300]}")
            if len(message) > 2_000:
                problems.append(f"{where}: a message of {len(message):,} characters")
            if _listing(folder) != ["in.json"]:
                problems.append(f"{where}: left {_listing(folder)}")
        else:
            problems.append(f"{where}: unexpected exit code, {message[:300]}")
        for op in ops:
            figures[f"op {op.split('-')[0]}"] += 1
        shutil.rmtree(folder)
    figures["mutations"] = COUNT
    with capsys.disabled():
        print(f"\nfuzz: {COUNT} mutated files, {figures['accepted']} accepted, {figures['refused']} refused, "
              f"{figures['tracebacks']} tracebacks, {figures['unforeseen']} unforeseen; "
              + ", ".join(f"{k[3:]} {v}" for k, v in sorted(figures.items()) if k.startswith("op ")))
    assert not problems, "\n".join(problems[:8])
    assert figures["accepted"] > COUNT // 10 and figures["refused"] > COUNT // 4  # both paths ran
