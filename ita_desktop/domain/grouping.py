"""Groups of the analysis document (ประเด็น or ตัวชี้วัด) and the texts suggested for them.

Groups come from the ten indicators, or from the seven-issue template of seed 004
(resources/library/issues.json for 2567; later years keep theirs in the year's catalog under
"issues", editable in the catalog editor; read by ita_desktop.resources; a question may sit in
two groups, as 2567 o15 does). A template carried to another year's codes records, per code,
how it got there (ISSUE_PROVENANCE).
Suggested texts are written from the group's weak and strong questions; they go only into
empty fields, so the clerk's words are never overwritten. A text that quotes a score which
has changed since is flagged as stale.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from ita_desktop.domain import models as m
from ita_desktop.domain.framework import Framework
from ita_desktop.domain.sortkey import keys_after
from ita_desktop.thai.digits import to_arabic_digits, to_thai_digits

TEXT_FIELDS = ("to_fix", "to_improve", "to_keep", "approach")
UNLINKED = "มาตรการที่ยังไม่ได้ระบุประเด็น"  # the analysis's last group: measures linked to no ประเด็น
URGENT = Decimal(50)  # below this a weak question is a defect to fix first (ข้อบกพร่อง)
# "ข้อ O7 … (ได้ 0.00", also as the document prints codes: "ข้อ o๗ … (ได้ ๐.๐๐"
_QUOTE = re.compile(r"ข้อ ([IEOieo][0-9๐-๙]+)[^()\n]*\((?:ได้ )?([0-9๐-๙]+\.[0-9๐-๙]{2})")


IssueTemplate = list[tuple[str, list[str]]]  # (title, question codes) per issue

ISSUE_PROVENANCE = {
    "mapping": "เทียบรหัสตามตารางเทียบรหัสของเกณฑ์",
    "item_text": "อนุมานจากชื่อข้อ",
    "copied": "คัดลอกจากปีก่อน",
    "clerk": "เจ้าหน้าที่กำหนดเอง",
}


def templates_from_dict(data: dict[str, Any]) -> dict[int, IssueTemplate]:
    """The issue template of each ITA year that has one, from the templates' JSON document
    ({"templates": {"2567": [{"title", "questions"}, ...]}})."""
    return {int(y): [(str(t["title"]), [str(c) for c in t["questions"]]) for t in v]
            for y, v in data["templates"].items()}


def catalog_template(fw: Framework) -> IssueTemplate | None:
    """The issue template a catalog carries ("issues": {"groups": [...]}), or None."""
    groups = (fw.raw.get("issues") or {}).get("groups") if isinstance(fw.raw.get("issues"), dict) else None
    if not groups:
        return None
    return [(str(g["title"]), [str(c).lower() for c in g["questions"]]) for g in groups]


def carry_issues(template: IssueTemplate, old_year: int, new_fw: Framework,
                 by_text: Mapping[str, str | list[str]]) -> list[dict[str, Any]]:
    """The issues of ITA `old_year` on `new_fw`'s codes, as a catalog's "issues" groups. Each
    old code goes through the new catalog's code mapping (provenance "mapping"), else through
    `by_text` (old code -> new code(s) whose item text says the same thing: "item_text");
    an old code with neither has no counterpart and is left out. Codes keep the new
    catalog's order."""
    mapping = new_fw.mapping_from(old_year)
    order = {q.code: n for n, q in enumerate(new_fw.questions)}
    groups = []
    for title, codes in template:
        kinds: dict[str, str] = {}
        for old in codes:
            old = old.lower()
            if old in mapping and mapping[old] in order:
                kinds.setdefault(mapping[old], "mapping")
                continue
            found = by_text.get(old, [])
            for new in [found] if isinstance(found, str) else found:
                if new in order:
                    kinds.setdefault(new, "item_text")
        ordered = sorted(kinds, key=order.__getitem__)
        groups.append({"title": title, "questions": ordered, "provenance": {c: kinds[c] for c in ordered}})
    return groups


def unplaced(groups: list[dict[str, Any]], fw: Framework) -> list[str]:
    """Codes of `fw` that no issue holds (the editor and the catalog test show them)."""
    placed = {str(c).lower() for g in groups for c in g["questions"]}
    return [q.code for q in fw.questions if q.code not in placed]


def make_groups(data: m.OfficeFile, plan: m.Plan, fw: Framework, mode: str,
                templates: Mapping[int, IssueTemplate]) -> list[m.AnalysisGroup]:
    """Create the plan's groups: mode "indicator" (the ten indicators) or "issues" (the year's
    template among `templates`). Existing groups of the plan are kept; new ones are added
    after them."""
    specs: list[tuple[str, int | None, list[str]]]
    if mode == "issues":
        template = templates.get(fw.ita_year)
        if template is None:
            raise ValueError(f"ยังไม่มีแม่แบบประเด็นของปี {fw.ita_year}: จัดกลุ่มตามตัวชี้วัดแทน")
        specs = [(title, None, codes) for title, codes in template]
    else:
        specs = [(f"ตัวชี้วัดที่ {i.no} {i.name}", i.no, [q.code for q in fw.questions_of(i.no)])
                 for i in fw.indicators]
    existing = data.groups_of(plan.id)
    keys = keys_after(existing[-1].sort_key if existing else None, len(specs))
    out = []
    for key, (title, indicator, codes) in zip(keys, specs):
        gid = m.natural_id("group", plan.id, mode, title)
        group = next((g for g in data.groups if g.id == gid), None)
        if group is None:
            group = m.AnalysisGroup(id=gid, plan_id=plan.id, sort_key=key, title=title, indicator=indicator,
                                    questions=codes)
            data.groups.append(group)
        group.deleted = False
        out.append(group)
    return out


_ASK_START = re.compile(r"^(?:ท่านคิดว่า|ในหน่วยงานของท่าน|หน่วยงานของท่าน)\s*,?\s*")
_ASK_END = re.compile(r"\s*(?:มากน้อยเพียงใด|มากน้อยเพียง|หรือไม่|อย่างไร)\s*[?]?\s*$")
WHO = {"IIT": "ผู้มีส่วนได้ส่วนเสียภายใน (IIT)", "EIT": "ผู้มีส่วนได้ส่วนเสียภายนอก (EIT)"}


def subject(text: str) -> str:
    """A question as the subject of a sentence: «…» without "มากน้อยเพียงใด" and the like."""
    return "«" + _ASK_END.sub("", _ASK_START.sub("", " ".join(text.split()))).strip(" ,") + "»"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else " ".join(items[:-1]) + " และ " + items[-1]


def _sentences(found: dict[str, list[tuple[str, Decimal]]], urgent: bool) -> str:
    """One sentence per tool about its questions (tool -> [(item text, score)])."""
    out = []
    for tool, items in found.items():
        if not items:
            continue
        if tool == "OIT":
            missing = [subject(t) for t, score in items if score == 0]
            partial = [subject(t) for t, score in items if score != 0]
            if missing:
                out.append(f"ยังไม่ได้เปิดเผยข้อมูล {_and(missing)} บนเว็บไซต์ของหน่วยงาน (ไม่มีข้อมูลให้ประเมิน)"
                           + (" ต้องเร่งจัดทำและเผยแพร่ให้ครบถ้วนเป็นปัจจุบัน" if urgent else ""))
            if partial:
                out.append(f"เปิดเผยข้อมูล {_and(partial)} ไม่ครบองค์ประกอบตามเกณฑ์ ควรปรับปรุงให้ครบถ้วน")
        else:
            how = "ต่ำมาก ต้องแก้ไขโดยเร่งด่วน" if urgent else "ต่ำกว่าเกณฑ์ ควรพัฒนาให้ดีขึ้น"
            out.append(f"{WHO.get(tool, tool)} ให้คะแนนข้อคำถามเรื่อง {_and([subject(t) for t, _s in items])} {how}")
    return " ".join(out)


def suggested_texts(group: m.AnalysisGroup, fw: Framework, scores: dict[str, Decimal | None],
                    measures: list[str] | None = None) -> dict[str, str]:
    """Texts for the group's fields from its questions' scores, as a reviewer writes them: a
    paragraph per field, OIT items said as not published or incomplete, each question in one
    field only (below URGENT: ข้อบกพร่อง; below the threshold: ข้อที่ต้องพัฒนา; else รักษาระดับ);
    the approach lists the measures' titles."""
    tools = ("IIT", "EIT", "OIT")
    urgent: dict[str, list[tuple[str, Decimal]]] = {t: [] for t in tools}
    weak: dict[str, list[tuple[str, Decimal]]] = {t: [] for t in tools}
    strong: list[str] = []
    for code in group.questions:
        q = fw.question(code)
        score = scores.get(code.lower())
        if q is None or score is None:
            continue
        ind = fw.indicator(q.indicator)
        tool = ind.tool if ind is not None else q.code[:1].upper() + "IT"
        if score < URGENT:
            urgent.setdefault(tool, []).append((q.text, score))
        elif score < fw.threshold:
            weak.setdefault(tool, []).append((q.text, score))
        else:
            strong.append(subject(q.text))
    limit = to_thai_digits(f"{fw.threshold:g}")
    out = {
        "to_fix": _sentences(urgent, True),
        "to_improve": _sentences(weak, False),
        "to_keep": (f"ผลการประเมินเรื่อง {_and(strong)} อยู่ในเกณฑ์ดี (ตั้งแต่ {limit} คะแนนขึ้นไป) "
                    "ควรรักษามาตรฐานการปฏิบัติงานและการเปิดเผยข้อมูลไว้อย่างต่อเนื่อง") if strong else "",
        "approach": "\n".join(f"- {t}" for t in (measures or [])),
    }
    return {k: v for k, v in out.items() if v}


def fill_empty(group: m.AnalysisGroup, texts: dict[str, str]) -> list[str]:
    """Put suggested texts into the fields the clerk has left empty; returns those fields."""
    filled = []
    for field, text in texts.items():
        if field in TEXT_FIELDS and not str(getattr(group, field)).strip():
            setattr(group, field, text)
            filled.append(field)
    return filled


def stale_fields(group: m.AnalysisGroup, scores: dict[str, Decimal | None],
                 fw: Framework | None = None) -> list[str]:
    """Fields that quote a question's score which is no longer the score in the file; with the
    catalog, also the suggested prose that names a question («…») in the field its score no
    longer belongs to (a score corrected from 0 to 100 after "ยังไม่ได้เปิดเผยข้อมูล «…»")."""
    out = []
    belongs = _field_of_each_question(group, scores, fw) if fw is not None else {}
    for field in TEXT_FIELDS:
        text = str(getattr(group, field))
        for code, quoted in _QUOTE.findall(text):
            now = scores.get(to_arabic_digits(code).lower())
            if now is None or Decimal(to_arabic_digits(quoted)) != now:
                out.append(field)
                break
        else:
            if field in ("to_fix", "to_improve", "to_keep") and any(
                    named in text and home != field for named, home in belongs.items()):
                out.append(field)
    return out


def _field_of_each_question(group: m.AnalysisGroup, scores: dict[str, Decimal | None],
                            fw: Framework) -> dict[str, str]:
    """The subject of each question of the group («…», as the suggestions name it) -> the
    field its score puts it in now."""
    out = {}
    for code in group.questions:
        q = fw.question(code)
        score = scores.get(code.lower())
        if q is None or score is None:
            continue
        out[subject(q.text)] = "to_fix" if score < URGENT else "to_improve" if score < fw.threshold else "to_keep"
    return out
