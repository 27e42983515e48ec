"""Scores pasted from a spreadsheet, the ITAS web page or an OCR'd report.

Each line may hold a question code and a score ("i1  95.19", "ข้อ o7 แผนยุทธศาสตร์ 0.00",
"O25 ... 100", OCR's "ข้อ ๐๗ …" for o7) or an indicator ("ตัวชี้วัดที่ ๔ … ๘๔.๒๐",
"IIT  ๔  การใช้ทรัพย์สินของราชการ  ๘๔.๒๐"), separated by tabs or spaces, in Thai or Arabic
digits. The score is the last number on the line. Lines that cannot be read are listed with
the reason; nothing is guessed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ita_desktop.domain.framework import Framework
from ita_desktop.thai.digits import NumberError, parse_score, to_arabic_digits

_CODE = re.compile(r"(?:^|[\s\t(]|ข้อ)\s*([iIeEoO])\s*\.?\s*(\d{1,2})(?!\d|\.\d)")
_OCR_CODE = re.compile(r"(?:^|\s)ข้อ\s*0(\d{1,2})(?!\d|\.\d)")  # "ข้อ ๐๗" is o7, "ข้อ ๐๑๐" is o10
_INDICATOR = re.compile(r"^\s*(?:(?:IIT|EIT|OIT)\s+)?(?:ตัวชี้วัดที่\s*)?(\d{1,2})\s+(\S.*?)\s+(\d{1,3}(?:\.\d+)?)\s*$")
_SCORE = re.compile(r"(\d{1,3}(?:\.\d{1,2})?)\s*$")


@dataclass
class Pasted:
    questions: dict[str, Decimal] = field(default_factory=dict)
    indicators: dict[int, Decimal] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # "บรรทัด ๓: … (reason)"


def _problem(out: Pasted, n: int, line: str, reason: str) -> None:
    out.problems.append(f"บรรทัด {n}: «{line.strip()[:60]}» {reason}")


def _take(out: Pasted, n: int, raw: str, into: dict[Any, Decimal], key: object, number: str) -> None:
    """Store a score read from line n, or list why it is not one."""
    try:
        into[key] = parse_score(number)
    except NumberError as exc:
        _problem(out, n, raw, str(exc))


def parse_scores(text: str, fw: Framework) -> Pasted:
    out = Pasted()
    codes = {q.code.lower() for q in fw.questions}
    names = {i.no: re.sub(r"\s+", "", i.name) for i in fw.indicators}
    for n, raw in enumerate((text or "").splitlines(), 1):
        if not raw.strip():
            continue
        line = to_arabic_digits(raw.replace("\u200b", "")).replace("\t", " ")
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
            _take(out, n, raw, out.questions, code, s.group(1))
            continue
        ind = _INDICATOR.match(line)
        if ind:
            no = int(ind.group(1))
            name = re.sub(r"\s+", "", ind.group(2))
            if no not in names or not (names[no] in name or name in names[no]):
                _problem(out, n, raw, f"ไม่ตรงกับตัวชี้วัดที่ {no} ของเกณฑ์ปี {fw.ita_year}")
                continue
            _take(out, n, raw, out.indicators, no, ind.group(3))
            continue
        _problem(out, n, raw, "ไม่พบรหัสข้อคำถามหรือตัวชี้วัด")
    return out
