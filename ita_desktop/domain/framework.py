"""ITA year catalogs: tools, indicators, questions, weights and level rules, as data.

A catalog comes from a JSON file (resources/frameworks/*.json, or a file a clerk imports),
read by ita_desktop.resources; no year's list lives in code. An assessment keeps the snapshot
it was scored with.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

PROVENANCE = {
    "sourced": "มีแหล่งอ้างอิง",
    "single": "แหล่งเดียว",
    "inferred": "อนุมาน",
    "copied": "คัดลอกจากปีก่อน ยังไม่ยืนยัน",
}


class FrameworkError(ValueError):
    """A catalog file that cannot be used; the message names the problem in Thai."""


@dataclass(frozen=True)
class Tool:
    code: str  # IIT, EIT, OIT
    name: str
    weight: Decimal  # percent of the total


@dataclass(frozen=True)
class Indicator:
    no: int
    tool: str
    name: str


def code_text(code: str) -> str:
    """A question code as the documents print it ("O7"); stored codes are lower case."""
    return code.strip().upper()


@dataclass(frozen=True)
class Question:
    code: str  # i1, e9, o35 ...
    indicator: int
    text: str
    provenance: str = "sourced"
    reports_on: str = ""  # "previous_fiscal_year" for OIT items about the year before


@dataclass(frozen=True)
class LevelRule:
    name: str
    min_total: Decimal
    min_each_tool: Decimal | None = None


@dataclass(frozen=True)
class Framework:
    ita_year: int
    title: str
    source: str
    tools: tuple[Tool, ...]
    indicators: tuple[Indicator, ...]
    questions: tuple[Question, ...]
    levels: tuple[LevelRule, ...]
    threshold: Decimal = Decimal(85)
    documents: dict[str, str] = field(default_factory=dict)
    provenance: str = "sourced"
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def indicator(self, no: int) -> Indicator | None:
        return next((i for i in self.indicators if i.no == no), None)

    def question(self, code: str) -> Question | None:
        return next((q for q in self.questions if q.code == code), None)

    def indicators_of(self, tool: str) -> list[Indicator]:
        return [i for i in self.indicators if i.tool == tool]

    def questions_of(self, indicator: int) -> list[Question]:
        return [q for q in self.questions if q.indicator == indicator]

    def to_dict(self) -> dict[str, Any]:
        return dict(self.raw)

    def mapping_from(self, year: int) -> dict[str, str]:
        """Codes of ITA year `year` that are this year's questions under another code
        (2567 o34 -> 2569 o25), as the catalog states them."""
        table = (self.raw.get("mapping_from") or {}).get(str(year)) or {}
        return {str(k).lower(): str(v).lower() for k, v in table.items()}


def _dec(value: Any, where: str) -> Decimal:
    try:
        return Decimal(str(value))
    except Exception:
        raise FrameworkError(f"{where}: «{value}» ไม่ใช่ตัวเลข") from None


def framework_from_dict(data: Any) -> Framework:
    """Build and check a catalog; raises FrameworkError naming the bad field."""
    if not isinstance(data, dict):
        raise FrameworkError("ไฟล์เกณฑ์ต้องเป็นออบเจกต์ JSON")
    try:
        year = int(data["ita_year"])
        tools = tuple(Tool(str(t["code"]), str(t["name"]), _dec(t["weight"], f"tools.{t['code']}.weight"))
                      for t in data["tools"])
        indicators = tuple(Indicator(int(i["no"]), str(i["tool"]), str(i["name"]))
                           for i in data["indicators"])
        questions = tuple(Question(str(q["code"]), int(q["indicator"]), str(q["text"]),
                                   str(q.get("provenance", "sourced")), str(q.get("reports_on", "")))
                          for q in data["questions"])
        levels = tuple(LevelRule(str(r["name"]), _dec(r["min_total"], "levels.min_total"),
                                 None if r.get("min_each_tool") is None
                                 else _dec(r["min_each_tool"], "levels.min_each_tool"))
                       for r in data["levels"])
    except KeyError as exc:
        raise FrameworkError(f"ไฟล์เกณฑ์ขาดข้อมูล «{exc.args[0]}»") from None
    except (TypeError, ValueError) as exc:
        if isinstance(exc, FrameworkError):
            raise
        raise FrameworkError(f"ไฟล์เกณฑ์มีข้อมูลผิดรูปแบบ: {exc}") from None
    tool_codes = {t.code for t in tools}
    if sum(t.weight for t in tools) != 100:
        raise FrameworkError("น้ำหนักของเครื่องมือรวมกันต้องเท่ากับ ๑๐๐")
    numbers = [i.no for i in indicators]
    if len(set(numbers)) != len(numbers):
        raise FrameworkError("หมายเลขตัวชี้วัดซ้ำกัน")
    for ind in indicators:
        if ind.tool not in tool_codes:
            raise FrameworkError(f"ตัวชี้วัดที่ {ind.no} อ้างถึงเครื่องมือ «{ind.tool}» ที่ไม่มี")
    codes = [q.code for q in questions]
    if len(set(codes)) != len(codes):
        raise FrameworkError("รหัสข้อคำถามซ้ำกัน")
    for q in questions:
        if q.indicator not in numbers:
            raise FrameworkError(f"ข้อ {q.code} อ้างถึงตัวชี้วัดที่ {q.indicator} ที่ไม่มี")
    if not levels:
        raise FrameworkError("ไฟล์เกณฑ์ไม่มีเกณฑ์ระดับผลการประเมิน")
    return Framework(
        ita_year=year,
        title=str(data.get("title", f"ITA {year}")),
        source=str(data.get("source", "")),
        tools=tools,
        indicators=indicators,
        questions=questions,
        levels=tuple(sorted(levels, key=lambda r: r.min_total, reverse=True)),
        threshold=_dec(data.get("threshold", 85), "threshold"),
        documents={str(k): str(v) for k, v in (data.get("documents") or {}).items()},
        provenance=str(data.get("provenance", "sourced")),
        raw=data,
    )


def catalog_text(data: dict[str, Any]) -> str:
    """A catalog as its JSON file holds it."""
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def copy_framework(fw: Framework, year: int) -> dict[str, Any]:
    """A new year's catalog from an existing one, every item marked as copied (unverified)."""
    data: dict[str, Any] = json.loads(json.dumps(fw.raw, ensure_ascii=False))
    data["ita_year"] = year
    data["title"] = f"ITA ปี {year} (คัดลอกจากปี {fw.ita_year} ยังไม่ยืนยัน)"
    data["source"] = f"คัดลอกจากเกณฑ์ปี {fw.ita_year}"
    data["provenance"] = "copied"
    for q in data["questions"]:
        q["provenance"] = "copied"
    # a copy asks the same questions: each code maps to itself until the clerk changes it
    data["mapping_from"] = {str(fw.ita_year): {str(q["code"]): str(q["code"]) for q in data["questions"]}}
    return data
