"""Scores pasted from a spreadsheet, the ITAS web page or an OCR'd report.

Each line may hold a question code and a score ("i1  95.19", "ข้อ o7 แผนยุทธศาสตร์ 0.00",
"O25 ... 100", OCR's "ข้อ ๐๗ …" for o7) or an indicator ("ตัวชี้วัดที่ ๔ … ๘๔.๒๐",
"IIT  ๔  การใช้ทรัพย์สินของราชการ  ๘๔.๒๐"), separated by tabs or spaces, in Thai or Arabic
digits. The score is the last number on the line. Lines that cannot be read are listed with
the reason; nothing is guessed. An indicator row is read when its number and its tool (written
on the row, or on a row above it, as report tables leave the cell empty) match the catalog,
even when its wording differs from the catalog's: the difference is noted on the row.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ita_desktop.domain.framework import Framework
from ita_desktop.thai.digits import NumberError, parse_score, to_arabic_digits, to_thai_digits

_CODE = re.compile(r"(?:^|[\s\t(]|ข้อ)\s*([iIeEoO])\s*\.?\s*(\d{1,2})(?!\d|\.\d)")
_OCR_CODE = re.compile(r"(?:^|\s)ข้อ\s*0(\d{1,2})(?!\d|\.\d)")  # "ข้อ ๐๗" is o7, "ข้อ ๐๑๐" is o10
_INDICATOR = re.compile(r"^\s*(?:(?:IIT|EIT|OIT)\s+)?(?:ตัวชี้วัดที่\s*)?(\d{1,2})\s+(\S.*?)\s+(\d{1,3}(?:\.\d+)?)\s*$")
_SCORE = re.compile(r"(\d{1,3}(?:\.\d{1,2})?)\s*$")
# the result's total, as reports and the ITAS page write it: "คะแนนรวม 72.97", "ผลคะแนน ITA 72.97"
_TOTAL = re.compile(r"^\s*(?:คะแนนรวม|คะแนนเฉลี่ยรวม|ผลคะแนนรวม|ผลคะแนน\s*ITA|คะแนน\s*ITA|รวม)\b[^\d]*"
                    r"(\d{1,3}(?:\.\d+)?)\s*(?:คะแนน)?\s*$")
TOTAL = "total"  # the key of the total among the rows read
_TOOL = re.compile(r"^\s*(IIT|EIT|OIT)\b")


@dataclass(frozen=True)
class Row:
    """One score read: a question code or an indicator number, as the catalog names it."""

    line: int
    key: str | int
    name: str
    score: Decimal
    note: str = ""  # how the pasted row differs from the catalog (its wording)


@dataclass
class Pasted:
    questions: dict[str, Decimal] = field(default_factory=dict)
    indicators: dict[int, Decimal] = field(default_factory=dict)
    total: dict[str, Decimal] = field(default_factory=dict)  # {TOTAL: score} when a total line was read
    problems: list[str] = field(default_factory=list)  # "บรรทัด ๓: … (reason)"
    rows: list[Row] = field(default_factory=list)  # what was read, in the order pasted
    # the problems of lines that look like scores (a code, or a number at the end), not prose
    unread_scores: list[str] = field(default_factory=list)


def _problem(out: Pasted, n: int, line: str, reason: str, score_like: bool = True) -> None:
    said = f"บรรทัด {to_thai_digits(str(n))}: «{line.strip()[:60]}» {reason}"
    out.problems.append(said)
    if score_like:
        out.unread_scores.append(said)


def _take(out: Pasted, n: int, raw: str, into: dict[Any, Decimal], key: str | int, number: str,
          name: str, note: str = "") -> None:
    """Store a score read from line n, or list why it is not one."""
    try:
        into[key] = parse_score(number)
    except NumberError as exc:
        _problem(out, n, raw, str(exc))
        return
    out.rows = [r for r in out.rows if r.key != key]  # a key pasted twice: the last one counts
    out.rows.append(Row(n, key, name, into[key], note))


def parse_scores(text: str, fw: Framework) -> Pasted:
    out = Pasted()
    codes = {q.code.lower() for q in fw.questions}
    names = {i.no: re.sub(r"\s+", "", i.name) for i in fw.indicators}
    tool = ""  # the tool of the table's rows so far (its cell is written once, then left empty)
    for n, raw in enumerate((text or "").splitlines(), 1):
        if not raw.strip():
            continue
        line = to_arabic_digits(raw.replace("\u200b", "")).replace("\t", " ")
        written = _TOOL.match(line)
        tool = written.group(1) if written else tool
        m = _CODE.search(line)
        code = f"{m.group(1).lower()}{int(m.group(2))}" if m else ""
        if not m:
            ocr = _OCR_CODE.search(line)
            code = f"o{int(ocr.group(1))}" if ocr else ""
        if code:
            s = _SCORE.search(line)
            if s is None or (m and s.start() <= m.end() and not line[m.end():].strip()):
                _problem(out, n, raw, "ไม่มีคะแนนท้ายบรรทัด")
                continue
            if code not in codes:
                _problem(out, n, raw, f"ไม่มีข้อ {code.upper()} ในเกณฑ์ปี {fw.ita_year}")
                continue
            q = fw.question(code)
            _take(out, n, raw, out.questions, code, s.group(1), q.text if q else code)
            continue
        total = _TOTAL.match(line)
        if total:
            _take(out, n, raw, out.total, TOTAL, total.group(1), "คะแนนรวม")
            continue
        ind = _INDICATOR.match(line)
        if ind:
            no = int(ind.group(1))
            catalog = fw.indicator(no) if no in names else None
            if catalog is None or (written and written.group(1) != catalog.tool):
                _problem(out, n, raw, f"ไม่ตรงกับตัวชี้วัดที่ {no} ของเกณฑ์ปี {fw.ita_year}")
                continue
            name = re.sub(r"\s+", "", ind.group(2))
            same = names[no] in name or name in names[no]
            if not same and tool != catalog.tool:
                _problem(out, n, raw, f"ชื่อและเครื่องมือไม่ตรงกับตัวชี้วัดที่ {no} ของเกณฑ์ปี {fw.ita_year}")
                continue
            note = "" if same else f"ในตารางเขียนว่า «{ind.group(2).strip()}» เกณฑ์เขียนว่า «{catalog.name}»"
            _take(out, n, raw, out.indicators, no, ind.group(3), catalog.name, note)
            continue
        # a line with no code and no score at its end is prose (a heading, an analysis text)
        _problem(out, n, raw, "ไม่พบรหัสข้อคำถามหรือตัวชี้วัด", score_like=bool(_SCORE.search(line)))
    return out
