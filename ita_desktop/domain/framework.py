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

from ita_desktop.thai.digits import to_thai_digits

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
    reports_on_provenance: str = ""  # how sure `reports_on` is (a PROVENANCE key)
    note: str = ""  # a remark printed beside the title, never part of it ("สำหรับ อปท. คือ…")


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
    status: str = ""  # "copy": copied from an earlier year, not yet edited (see STATUS)
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
                                   str(q.get("provenance", "sourced")), str(q.get("reports_on", "")),
                                   str(q.get("reports_on_provenance", "")), str(q.get("note", "")))
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
        status=str(data.get("status", "")),
        raw=data,
    )


def catalog_text(data: dict[str, Any]) -> str:
    """A catalog as its JSON file holds it."""
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def copy_framework(fw: Framework, year: int, issues: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """A new year's catalog from an existing one, every item marked as copied (unverified) and
    the whole marked "status": "copy" until the clerk edits it. The issue template goes along
    (the catalog's own, or `issues` when the template of `fw`'s year lives elsewhere)."""
    data: dict[str, Any] = json.loads(json.dumps(fw.raw, ensure_ascii=False))
    data["ita_year"] = year
    data["title"] = (f"ITA ปี {to_thai_digits(str(year))} "
                     f"(คัดลอกจากปี {to_thai_digits(str(fw.ita_year))} ยังไม่ยืนยัน)")
    data["source"] = f"คัดลอกจากเกณฑ์ปี {to_thai_digits(str(fw.ita_year))}"
    data["provenance"] = "copied"
    data["status"] = "copy"
    data["copied_from"] = fw.ita_year
    for q in data["questions"]:
        q["provenance"] = "copied"
    # a copy asks the same questions: each code maps to itself until the clerk changes it
    data["mapping_from"] = {str(fw.ita_year): {str(q["code"]): str(q["code"]) for q in data["questions"]}}
    groups = (data.get("issues") or {}).get("groups") or issues
    if groups:
        data["issues"] = {
            "source": f"คัดลอกจากแม่แบบประเด็นปี {to_thai_digits(str(fw.ita_year))}",
            "groups": [{"title": str(g["title"]), "questions": [str(c) for c in g["questions"]],
                        "provenance": {str(c): "copied" for c in g["questions"]}}
                       for g in json.loads(json.dumps(groups, ensure_ascii=False))],
        }
    else:
        data.pop("issues", None)
    return data


def status_text(fw: Framework) -> str:
    """What the clerk must know about a catalog before trusting it (empty when nothing)."""
    if fw.status == "copy":
        source = fw.raw.get("copied_from")
        origin = f"ปี {to_thai_digits(str(source))}" if source else "ปีก่อน"
        return (f"เกณฑ์ปี {to_thai_digits(str(fw.ita_year))} เป็นสำเนาของเกณฑ์{origin} "
                f"สำนักงาน ป.ป.ช. ยังไม่ได้ประกาศเกณฑ์ปีนี้ (ตามที่โปรแกรมทราบ) "
                "ข้อคำถามและข้อ OIT จึงเป็นของปีเดิมจนกว่าจะแก้ไขตามคู่มือที่ประกาศ")
    if fw.status == "edited":
        return (f"เกณฑ์ปี {to_thai_digits(str(fw.ita_year))} คัดลอกจากปีก่อนแล้วแก้ไขในเครื่องนี้ "
                "ยังไม่ได้ยืนยันกับคู่มือของสำนักงาน ป.ป.ช.")
    return ""


# --- which OIT item a document is evidence for -----------------------------------------------
DOCUMENT_KINDS = ("analysis", "implementation")


def evidence_year(document_kind: str, fiscal_year: int, round: str = "") -> int:
    """The ITA year a document is published for. The analysis and measures of FY N and the
    6-month report of FY N answer ITA N; the year-end report of FY N is finished after ITA N
    closed and answers ITA N+1's item about the previous fiscal year (docs: DOMAIN.md §1)."""
    if document_kind == "implementation" and round == "year":
        return fiscal_year + 1
    return fiscal_year


def evidence_item(catalogs: dict[int, Framework], document_kind: str, fiscal_year: int,
                  round: str = "") -> tuple[int, str] | None:
    """(ITA year, OIT code) a document of FY `fiscal_year` answers, from the catalog of the
    ITA year it is published for, never from the catalog of the result it analyses; None when
    that year has no catalog, only an unedited copy of an earlier one, or its catalog does not
    name the item (2568: unresolved).
    `round`: "" for the analysis, "half" or "year" for the implementation report."""
    if document_kind not in DOCUMENT_KINDS:
        return None
    year = evidence_year(document_kind, fiscal_year, round)
    fw = catalogs.get(year)
    if fw is not None and fw.status == "copy":  # last year's items, not yet this year's: no guess
        return None
    code = fw.documents.get(document_kind, "") if fw is not None else ""
    if fw is None or not code or fw.question(code) is None:
        return None
    return year, code


EVIDENCE_FILE_NAMES = {"analysis": "analysis", "implementation": "report"}


def evidence_file_name(catalogs: dict[int, Framework], document_kind: str, fiscal_year: int,
                       round: str = "") -> str:
    """An ASCII file name for the website: O26_2569_report_half.pdf, the OIT item of the ITA
    year the document is published for (evidence_item); no item when that year names none."""
    found = evidence_item(catalogs, document_kind, fiscal_year, round)
    item = f"{code_text(found[1])}_" if found is not None else ""
    suffix = f"_{round}" if document_kind == "implementation" and round else ""
    return f"{item}{fiscal_year}_{EVIDENCE_FILE_NAMES.get(document_kind, document_kind)}{suffix}.pdf"
