"""What is still missing or disagrees in an office's data, in Thai: the completeness check.

Each rule is a small function over the data (one office, one assessment or one plan) with its
own test (tests/unit/test_check_rules.py); check_data runs them in the order the clerk reads
the findings: the office, each assessment, each plan (its measures, its ประเด็น, the
documents it issues), then the words of the texts. A new
rule is one function and its place in one of the tuples below.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from ita_desktop.domain import models as m
from ita_desktop.domain import scoring
from ita_desktop.domain.framework import Framework, FrameworkError, code_text, framework_from_dict
from ita_desktop.domain.wording import check_wording, title_problem
from ita_desktop.thai.digits import format_score, to_thai_digits


@dataclass(frozen=True)
class Finding:
    level: str  # "error" (the file is damaged), "warning" (a typed value disagrees), "missing"
    where: str
    message: str
    record_id: str = ""  # what to show when the clerk asks to go there
    field: str = ""

    def __str__(self) -> str:
        tag = {"error": "ผิดพลาด", "warning": "ตรวจสอบ", "missing": "ยังไม่ครบ"}[self.level]
        return f"[{tag}] {self.where}: {self.message}"


Findings = Iterator[Finding]


# --- the office ------------------------------------------------------------------------------
def office_details(data: m.OfficeFile) -> Findings:
    o = data.office
    for field, label in (("name", "ชื่อหน่วยงาน"), ("tambon", "ตำบล"), ("amphoe", "อำเภอ"),
                         ("changwat", "จังหวัด")):
        if not getattr(o, field):
            yield Finding("missing", "ข้อมูลหน่วยงาน", f"ยังไม่ได้กรอก{label}", o.id, field)


def office_signatories(data: m.OfficeFile) -> Findings:
    for role in m.ROLES:
        sig = data.signatory("office", "", "", role)
        if sig is None or not sig.name:
            yield Finding("missing", "ผู้ลงนาม", f"ยังไม่ได้กรอกชื่อ{m.ROLE_NAMES[role]}",
                          data.office.id, f"signatory:{role}")


# --- an assessment ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Scored:
    """An assessment with its catalog and its typed indicator scores."""

    assessment: m.Assessment
    framework: Framework
    indicators: dict[int, Decimal]
    where: str


def _where_assessment(a: m.Assessment) -> str:
    return f"ผลการประเมิน ITA ปี {to_thai_digits(str(a.ita_year))}"


def assessment_catalog(data: m.OfficeFile, a: m.Assessment) -> Scored | Finding:
    """The assessment with its catalog read, or the error that its catalog is missing or
    cannot be read (the other assessment rules then say nothing)."""
    where = _where_assessment(a)
    snap = data.framework_of(a)
    if snap is None:
        return Finding("error", where, "ไม่พบเกณฑ์การประเมินที่ใช้", a.id)
    try:
        fw = framework_from_dict(snap.data)
    except FrameworkError as exc:
        return Finding("error", where, str(exc), a.id)
    inds = {k: x.score for k, x in data.indicator_scores_of(a.id).items() if x.score is not None}
    return Scored(a, fw, inds, where)


def indicator_scores_missing(data: m.OfficeFile, s: Scored) -> Findings:
    missing = [i.no for i in s.framework.indicators if i.no not in s.indicators]
    if missing:
        yield Finding("missing", s.where, "ยังไม่ได้กรอกคะแนนตัวชี้วัดที่ "
                      + to_thai_digits(", ".join(map(str, missing))), s.assessment.id, "indicators")


def question_scores_missing(data: m.OfficeFile, s: Scored) -> Findings:
    qs = data.question_scores_of(s.assessment.id)
    missing = [q.code for q in s.framework.questions if q.code not in qs or qs[q.code].score is None]
    if missing:
        codes = ", ".join(code_text(c) for c in missing[:6])
        yield Finding("missing", s.where, f"ยังไม่ได้กรอกคะแนนรายข้อ {to_thai_digits(str(len(missing)))} ข้อ "
                      f"({codes}{' …' if len(missing) > 6 else ''})", s.assessment.id, "questions")


def typed_scores_agree(data: m.OfficeFile, s: Scored) -> Findings:
    """The tools, total and level typed from NACC's report against those computed from the
    indicator scores (only when every indicator has its score)."""
    a = s.assessment
    if any(i.no not in s.indicators for i in s.framework.indicators):
        return
    comp = scoring.compute(s.framework, s.indicators)
    for code, typed in (("IIT", a.iit), ("EIT", a.eit), ("OIT", a.oit)):
        if scoring.differs(typed, comp.tools.get(code)):
            yield Finding("warning", s.where, f"คะแนน {code} ที่กรอก {format_score(typed)} "
                          f"ไม่ตรงกับที่คำนวณได้ {format_score(comp.shown_tool(code))}", a.id, code.lower())
    if scoring.differs(a.total, comp.total):
        yield Finding("warning", s.where, f"คะแนนรวมที่กรอก {format_score(a.total)} "
                      f"ไม่ตรงกับที่คำนวณได้ {format_score(comp.shown_total)}", a.id, "total")
    if a.level and comp.level and a.level != comp.level:
        yield Finding("warning", s.where, f"ระดับที่กรอก «{a.level}» ไม่ตรงกับที่คำนวณได้ «{comp.level}»",
                      a.id, "level")


# --- a plan ----------------------------------------------------------------------------------
def _where_plan(plan: m.Plan) -> str:
    return f"มาตรการ ปีงบประมาณ {to_thai_digits(str(plan.fiscal_year))}"


def plan_has_measures(data: m.OfficeFile, plan: m.Plan) -> Findings:
    if not data.measures_of(plan.id):
        yield Finding("missing", _where_plan(plan), "ยังไม่มีมาตรการ", plan.id)


@dataclass(frozen=True)
class Numbered:
    """A measure of a plan with the number it prints with."""

    plan: m.Plan
    seq: int
    measure: m.Measure

    @property
    def where(self) -> str:
        return f"{_where_plan(self.plan)} ข้อ {to_thai_digits(str(self.seq))}"


def measure_title(data: m.OfficeFile, x: Numbered) -> Findings:
    problem = title_problem(x.measure.title)  # its own line: an untitled measure prints as a bare "๕."
    if problem is not None:
        level, message = problem
        if level == "missing":
            message += f" (เอกสารจะพิมพ์เป็นแถว «{to_thai_digits(str(x.seq))}.» ที่ไม่มีข้อความ)"
        yield Finding(level, x.where, message, x.measure.id, "title")


def measure_fields(data: m.OfficeFile, x: Numbered) -> Findings:
    """The measure's plan fields and its year-end result."""
    missing = [(f, label) for f, label in (("steps", "ขั้นตอน"), ("period", "ระยะเวลา"),
                                           ("responsible", "ผู้รับผิดชอบ"))
               if not getattr(x.measure, f).strip()]
    res = data.result(x.measure.id, "year")
    for f, label in (("output", "ผลการดำเนินการ"), ("outcome", "ผลลัพธ์")):
        if res is None or not getattr(res, f).strip():
            missing.append((f, f"{label}รอบ ๑๒ เดือน"))
    if missing:
        yield Finding("missing", x.where, "ยังไม่ได้กรอก" + " ".join(label for _f, label in missing),
                      x.measure.id, missing[0][0])


def group_texts(data: m.OfficeFile, plan: m.Plan) -> Findings:
    for g in data.groups_of(plan.id):
        if not any(str(getattr(g, f)).strip() for f in ("to_fix", "to_improve", "to_keep", "approach")):
            yield Finding("missing", f"{_where_plan(plan)} ประเด็น «{g.title[:40]}»",
                          "ยังไม่มีข้อความวิเคราะห์ (ข้อที่ต้องพัฒนา/รักษาระดับ)", g.id, "to_improve")


@dataclass(frozen=True)
class Issued:
    """A document a plan must issue: the analysis, or the year-end report."""

    plan: m.Plan
    document: str
    round: str
    name: str

    @property
    def where(self) -> str:
        return f"{_where_plan(self.plan)} {self.name}"


def issued_documents(plan: m.Plan) -> list[Issued]:
    return [Issued(plan, "analysis", "", "เอกสารการวิเคราะห์"),
            Issued(plan, "implementation", "year", "รายงานผลรอบ ๑๒ เดือน")]


def document_signatories(data: m.OfficeFile, d: Issued) -> Findings:
    people = [s for s in data.signatories_for(d.plan.id, d.document, d.round) if not s.name.strip()]
    if people:
        yield Finding("missing", d.where, "ยังไม่ได้กรอกชื่อ" + " ".join(m.ROLE_NAMES[s.role] for s in people),
                      d.plan.id, "signatories")


def document_approved(data: m.OfficeFile, d: Issued) -> Findings:
    if not any(x.plan_id == d.plan.id and not x.deleted and x.document == d.document and x.round == d.round
               and x.approved_on for x in data.documents):
        yield Finding("missing", d.where, "ยังไม่ได้บันทึกวันที่อนุมัติ (พิมพ์เป็น «ฉบับร่าง»)",
                      d.plan.id, "approval")


# --- the words of the texts ------------------------------------------------------------------
FIELD_NAMES = {"title": "ชื่อ", "steps": "ขั้นตอน", "responsible": "ผู้รับผิดชอบ", "target": "เป้าหมาย",
               "monitoring": "การติดตามผล", "output": "ผลการดำเนินการ", "outcome": "ผลลัพธ์",
               "problems": "ปัญหา", "suggestions": "ข้อเสนอแนะ", "to_fix": "ข้อบกพร่อง",
               "to_improve": "ข้อที่ต้องพัฒนา", "to_keep": "รักษาระดับ", "approach": "แนวทาง"}


def wording(data: m.OfficeFile) -> Findings:
    """Words of the other kind of office and other offices' names left in the texts."""
    seq = {x.id: n for plan in data.live_plans() for n, x in enumerate(data.measures_of(plan.id), 1)}
    for slip in check_wording(data):
        rec = slip.record
        measure_id = rec.measure_id if isinstance(rec, m.Result) else rec.id
        if isinstance(rec, m.AnalysisGroup):
            where = f"ประเด็น «{rec.title[:30]}»"
        else:
            where = f"มาตรการที่ {to_thai_digits(str(seq.get(measure_id, 0)))}"
        yield Finding("warning", f"{where} ({FIELD_NAMES.get(slip.field, slip.field)})",
                      f"พบ «{slip.words}»: {slip.reason}", measure_id, slip.field)


# --- the rules, in the order the clerk reads their findings ----------------------------------
OFFICE_RULES: tuple[Callable[[m.OfficeFile], Findings], ...] = (office_details, office_signatories)
ASSESSMENT_RULES: tuple[Callable[[m.OfficeFile, Scored], Findings], ...] = (
    indicator_scores_missing, question_scores_missing, typed_scores_agree)
PLAN_RULES: tuple[Callable[[m.OfficeFile, m.Plan], Findings], ...] = (plan_has_measures,)
MEASURE_RULES: tuple[Callable[[m.OfficeFile, Numbered], Findings], ...] = (measure_title, measure_fields)
GROUP_RULES: tuple[Callable[[m.OfficeFile, m.Plan], Findings], ...] = (group_texts,)
DOCUMENT_RULES: tuple[Callable[[m.OfficeFile, Issued], Findings], ...] = (
    document_signatories, document_approved)
TEXT_RULES: tuple[Callable[[m.OfficeFile], Findings], ...] = (wording,)


def check_data(data: m.OfficeFile) -> list[Finding]:
    out = [f for rule in OFFICE_RULES for f in rule(data)]
    for a in data.live_assessments():
        scored = assessment_catalog(data, a)
        if isinstance(scored, Finding):
            out.append(scored)
            continue
        out += [f for rule in ASSESSMENT_RULES for f in rule(data, scored)]
    for plan in data.live_plans():
        out += [f for rule in PLAN_RULES for f in rule(data, plan)]
        for n, measure in enumerate(data.measures_of(plan.id), 1):
            out += [f for rule in MEASURE_RULES for f in rule(data, Numbered(plan, n, measure))]
        out += [f for rule in GROUP_RULES for f in rule(data, plan)]
        for document in issued_documents(plan):
            out += [f for rule in DOCUMENT_RULES for f in rule(data, document)]
    out += [f for rule in TEXT_RULES for f in rule(data)]
    return out
