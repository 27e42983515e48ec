"""What is still missing or disagrees in an office's data, in Thai: the completeness check.

Each rule is a small function over the data (one office, one assessment or one plan) with its
own test (tests/unit/test_check_rules.py); check_data runs them in the order the clerk reads
the findings: the office, each assessment, each plan (its measures, its ประเด็น, the
documents it issues), then the words of the texts. A new
rule is one function and its place in one of the tuples below.

The check knows the stage of the year (Stage): a plan is at its analysis until the first half
year ends (31 March), then at the 6-month report, after its fiscal year at the year-end report;
the document about to be printed sets the stage of its plan instead. What that stage needs is
"missing"; what another document needs is a "note" listed after everything else.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from decimal import Decimal

from ita_desktop.domain import models as m
from ita_desktop.domain import oit, scoring
from ita_desktop.domain.framework import Framework, FrameworkError, code_text, framework_from_dict
from ita_desktop.domain.grouping import UNLINKED, stale_fields
from ita_desktop.domain.library import LibraryMeasure, unanswered
from ita_desktop.domain.weakpoints import weak_points
from ita_desktop.domain.wording import check_wording, title_problem
from ita_desktop.thai.dates import MONTHS, MONTHS_SHORT, fiscal_year_range, round_period
from ita_desktop.thai.digits import digits_for_print, format_score, to_arabic_digits, to_thai_digits


@dataclass(frozen=True)
class Finding:
    # "error" (the file is damaged), "warning" (a typed value disagrees or a reviewer would
    # object), "missing" (the document due now needs it), "note" (another document needs it)
    level: str
    where: str
    message: str
    record_id: str = ""  # what to show when the clerk asks to go there
    field: str = ""

    def __str__(self) -> str:
        tag = {"error": "ผิดพลาด", "warning": "ตรวจสอบ", "missing": "ยังไม่ครบ", "note": "หมายเหตุ"}[self.level]
        return f"[{tag}] {self.where}: {self.message}"


Findings = Iterator[Finding]


# --- the stage of the year -------------------------------------------------------------------
STAGES = ("analysis", "half", "year")
STAGE_DOCUMENTS = {"analysis": "เอกสารการวิเคราะห์", "half": "รายงานผลรอบ ๖ เดือน", "year": "รายงานผลรอบ ๑๒ เดือน"}


def stage_on(plan: m.Plan, today: dt.date) -> str:
    """The document of the plan due on `today`: the analysis until the first half year ends,
    then the 6-month report, after the fiscal year the year-end report."""
    if today <= round_period(plan.fiscal_year, "half")[1]:
        return "analysis"
    if today <= fiscal_year_range(plan.fiscal_year)[1]:
        return "half"
    return "year"


@dataclass(frozen=True)
class Printing:
    """The document about to be printed: it sets the stage of its plan."""

    plan_id: str
    document: str  # analysis | implementation
    round: str = ""  # half | year for the implementation report

    @property
    def stage(self) -> str:
        return "analysis" if self.document == "analysis" else ("half" if self.round == "half" else "year")


def _needed(needed: bool, level: str = "missing") -> str:
    return level if needed else "note"


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
        elif not sig.position.strip():
            yield Finding("missing", "ผู้ลงนาม", f"ยังไม่ได้กรอกตำแหน่งของ{m.ROLE_NAMES[role]} ({sig.name.strip()})",
                          data.office.id, f"signatory:{role}")


# --- an assessment ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Scored:
    """An assessment with its catalog and its typed indicator scores."""

    assessment: m.Assessment
    framework: Framework
    indicators: dict[int, Decimal]
    where: str
    needed: bool = True  # the document due prints these scores (the analysis of a plan based on it)


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
        yield Finding(_needed(s.needed), s.where, "ยังไม่ได้กรอกคะแนนตัวชี้วัดที่ "
                      + to_thai_digits(", ".join(map(str, missing))) + _for_analysis(s), s.assessment.id, "indicators")


def question_scores_missing(data: m.OfficeFile, s: Scored) -> Findings:
    qs = data.question_scores_of(s.assessment.id)
    missing = [q.code for q in s.framework.questions if q.code not in qs or qs[q.code].score is None]
    if missing:
        codes = ", ".join(code_text(c) for c in missing[:6])
        yield Finding(_needed(s.needed), s.where, f"ยังไม่ได้กรอกคะแนนรายข้อ {to_thai_digits(str(len(missing)))} ข้อ "
                      f"({codes}{' …' if len(missing) > 6 else ''}){_for_analysis(s)}", s.assessment.id, "questions")


def _for_analysis(s: Scored) -> str:
    return "" if s.needed else " (ใช้ในเอกสารการวิเคราะห์ ไม่ใช้ในรายงานผล)"


def indicator_scores_agree_with_questions(data: m.OfficeFile, s: Scored) -> Findings:
    """A typed indicator score against the mean of its typed question scores (NACC's report
    gives both; a difference is a typing slip in one of them)."""
    questions = {k.lower(): x.score for k, x in data.question_scores_of(s.assessment.id).items() if x.score is not None}
    for ind in s.framework.indicators:
        typed = s.indicators.get(ind.no)
        mean = scoring.indicator_from_questions(s.framework, questions, ind.no)
        if mean is not None and scoring.differs(typed, mean):
            codes = [code_text(q.code) for q in s.framework.questions_of(ind.no)]
            yield Finding("warning", s.where,
                          f"คะแนนตัวชี้วัดที่ {to_thai_digits(str(ind.no))} ที่กรอกไว้ {format_score(typed)} "
                          f"ไม่ตรงกับค่าเฉลี่ยของคะแนนรายข้อที่กรอกไว้ {format_score(scoring.round2(mean))} "
                          f"(ข้อ {codes[0]}–{codes[-1]}): ตรวจกับรายงานผลการประเมินของ ป.ป.ช. ว่าช่องใดกรอกผิด",
                          s.assessment.id, "indicators")


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


@dataclass(frozen=True)
class Staged:
    """A plan at its stage of the year, with the measure library (for the weak points left)."""

    plan: m.Plan
    stage: str = "year"
    library: tuple[LibraryMeasure, ...] = ()

    @property
    def where(self) -> str:
        return _where_plan(self.plan)


def plan_has_measures(data: m.OfficeFile, p: Staged) -> Findings:
    if not data.measures_of(p.plan.id):
        yield Finding("missing", p.where, "ยังไม่มีมาตรการ", p.plan.id)


def results_not_due(data: m.OfficeFile, p: Staged) -> Findings:
    """The year-end results not yet due: one note for the plan, not one finding per measure
    (the round due is checked per measure; a round already past is no longer asked for)."""
    if p.stage == "year":
        return
    empty = [x for x in data.measures_of(p.plan.id) if not _has_result(data, x, "year")]
    if empty:
        yield Finding("note", p.where, f"ยังไม่ได้กรอกผลการดำเนินการ{m.ROUND_NAMES['year']} "
                      f"{to_thai_digits(str(len(empty)))} มาตรการ (ยังไม่ถึงกำหนดรายงาน)", empty[0].id, "output")


def _has_result(data: m.OfficeFile, x: m.Measure, round_: str) -> bool:
    res = data.result(x.id, round_)
    return res is not None and bool(res.output.strip() or res.outcome.strip())


def weak_points_answered(data: m.OfficeFile, p: Staged) -> Findings:
    """Questions scored below the threshold that no measure of the plan answers (by its
    library origin, its indicator or the questions of its ประเด็น)."""
    a = data.assessment_by_id(p.plan.based_on) if p.plan.based_on else None
    snap = data.framework_of(a) if a is not None else None
    if a is None or snap is None or not data.measures_of(p.plan.id):
        return
    try:
        fw = framework_from_dict(snap.data)
    except FrameworkError:
        return  # the assessment's own finding says so
    weak = weak_points(fw, {k: x.score for k, x in data.indicator_scores_of(a.id).items()},
                       {k: x.score for k, x in data.question_scores_of(a.id).items()})
    left = unanswered(data, p.plan, fw, weak, p.library)
    if left:
        limit = to_thai_digits(f"{weak.threshold:g}")
        yield Finding(_needed(p.stage == "analysis", "warning"), p.where,
                      f"ข้อที่ได้คะแนนต่ำกว่า {limit} แต่ยังไม่มีมาตรการรองรับ {to_thai_digits(str(len(left)))} ข้อ: "
                      + ", ".join(code_text(c) for c in left), p.plan.id, "measures")


@dataclass(frozen=True)
class Numbered:
    """A measure of a plan with the number it prints with."""

    plan: m.Plan
    seq: int
    measure: m.Measure
    stage: str = "year"

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
    """The measure's plan fields and its result of the round due (none at the analysis)."""
    missing = [(f, label) for f, label in (("steps", "ขั้นตอน"), ("period", "ระยะเวลา"),
                                           ("responsible", "ผู้รับผิดชอบ"))
               if not getattr(x.measure, f).strip()]
    if x.stage in m.ROUNDS:
        res = data.result(x.measure.id, x.stage)
        for f, label in (("output", "ผลการดำเนินการ"), ("outcome", "ผลลัพธ์")):
            if res is None or not getattr(res, f).strip():
                missing.append((f, f"{label}{m.ROUND_NAMES[x.stage]}"))
    if missing:
        yield Finding("missing", x.where, "ยังไม่ได้กรอก" + " ".join(label for _f, label in missing),
                      x.measure.id, missing[0][0])


def _loose(data: m.OfficeFile, p: Staged, loose: Callable[[m.Measure], bool]) -> tuple[str, str, str]:
    """(how many, their printed numbers, the first one's id) of the plan's measures that are
    `loose`; ("", "", "") when none is."""
    found = [(n, x) for n, x in enumerate(data.measures_of(p.plan.id), 1) if loose(x)]
    if not found:
        return "", "", ""
    return (to_thai_digits(str(len(found))), to_thai_digits(", ".join(str(n) for n, _x in found)),
            found[0][1].id)


def measures_linked(data: m.OfficeFile, p: Staged) -> Findings:
    """Measures tied to no indicator and no ประเด็น answer nothing the reviewer can see: one
    finding for the plan that names them and goes to the first."""
    if data.groups_of(p.plan.id):
        return  # a plan with issues: measures_in_no_issue names them
    count, numbers, first = _loose(data, p, lambda x: x.indicator is None)
    if count:
        yield Finding("warning", p.where, f"มาตรการ {count} ข้อยังไม่ได้ระบุตัวชี้วัด"
                      f"หรือประเด็นที่มาตรการตอบ (ข้อ {numbers})", first, "indicator")


def measures_in_no_issue(data: m.OfficeFile, p: Staged) -> Findings:
    """In a plan with ประเด็น, the measures linked to none: the analysis prints them in a last
    group after every issue. One finding that names them and goes to the first."""
    groups = {g.id for g in data.groups_of(p.plan.id)}
    if not groups:
        return  # a plan without issues: measures_linked names the measures linked to nothing
    count, numbers, first = _loose(data, p, lambda x: x.group_id not in groups)
    if count:
        yield Finding(_needed(p.stage == "analysis", "warning"), p.where,
                      f"มาตรการ {count} ข้อยังไม่ได้ระบุประเด็น (ข้อ {numbers}) เอกสารการวิเคราะห์จะพิมพ์ไว้"
                      f"ท้ายตารางในกลุ่ม «{UNLINKED}»", first, "group")


def group_scores_quoted(data: m.OfficeFile, p: Staged) -> Findings:
    """Texts of a ประเด็น that quote a question's score which is no longer the one in the file."""
    a = data.assessment_by_id(p.plan.based_on) if p.plan.based_on else None
    if a is None:
        return
    scores = {k.lower(): s.score for k, s in data.question_scores_of(a.id).items()}
    scored = assessment_catalog(data, a)
    fw = scored.framework if isinstance(scored, Scored) else None
    for g in data.groups_of(p.plan.id):
        stale = stale_fields(g, scores, fw)
        if stale:
            yield Finding(_needed(p.stage == "analysis", "warning"), f"{p.where} ประเด็น «{g.title[:40]}»",
                          "ข้อความอ้างคะแนนที่เปลี่ยนไปแล้ว: " + ", ".join(FIELD_NAMES[f] for f in stale)
                          + " (กด «แนะนำใหม่» ของช่องนั้น หรือแก้คะแนนในข้อความ)", g.id, stale[0])


_MONTH_YEAR = re.compile("(" + "|".join(re.escape(n) for n in MONTHS + MONTHS_SHORT) + r")\s*(?:พ\.ศ\.\s*)?([0-9๐-๙]{4})")


def measure_period(data: m.OfficeFile, x: Numbered) -> Findings:
    """Months named in the period that fall outside the plan's fiscal year."""
    start, end = fiscal_year_range(x.plan.fiscal_year)
    outside = []
    for match in _MONTH_YEAR.finditer(x.measure.period):
        name = match.group(1)
        month = (MONTHS.index(name) if name in MONTHS else MONTHS_SHORT.index(name)) + 1
        first = dt.date(int(to_arabic_digits(match.group(2))) - 543, month, 1)
        if not start <= first <= end:
            outside.append(match.group(0))
    if outside:
        fy, before = to_thai_digits(str(x.plan.fiscal_year)), to_thai_digits(str(x.plan.fiscal_year - 1))
        yield Finding("warning", x.where, f"ระยะเวลา «{x.measure.period.strip()[:80]}» ไม่อยู่ในปีงบประมาณ {fy} "
                      f"(๑ ตุลาคม {before} ถึง ๓๐ กันยายน {fy}): «{', '.join(outside)}»", x.measure.id, "period")


REPEATS = 0.9  # share of the output found word for word in the steps
_EVIDENCE = ("ภาพ", "รูป", "หลักฐาน", "เอกสาร", "รายงาน", "ประกาศ", "คำสั่ง", "บันทึก", "ทะเบียน",
             "หนังสือ", "เว็บไซต์", "http", "www", "ลิงก์", "แนบ", "ฉบับ")


def repeated_share(steps: str, output: str) -> float:
    """How much of the output (spaces aside) is copied from the steps, 0–1."""
    a, b = re.sub(r"\s+", "", steps), re.sub(r"\s+", "", output)
    if not a or not b:
        return 0.0
    blocks = difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    return sum(k.size for k in blocks if k.size >= 4) / len(b)


def result_output(data: m.OfficeFile, x: Numbered) -> Findings:
    """An output (round due) that repeats the steps, or that says nothing a reviewer can check."""
    res = data.result(x.measure.id, x.stage) if x.stage in m.ROUNDS else None
    if res is None or not res.output.strip():
        return
    share = repeated_share(x.measure.steps, res.output)
    if share >= REPEATS:
        yield Finding("warning", x.where, f"ผลการดำเนินการ{m.ROUND_NAMES[x.stage]}ซ้ำกับขั้นตอน "
                      f"{to_thai_digits(str(round(share * 100)))} % ควรเขียนสิ่งที่ทำได้จริง (วันที่ จำนวน หลักฐาน)",
                      x.measure.id, "output")
    elif not re.search(r"[0-9๐-๙]", res.output) and not any(w in res.output for w in _EVIDENCE):
        yield Finding("warning", x.where, f"ผลการดำเนินการ{m.ROUND_NAMES[x.stage]}ไม่มีวันที่ จำนวน หรือหลักฐาน "
                      "ที่ผู้ตรวจตรวจสอบได้", x.measure.id, "output")


def group_texts(data: m.OfficeFile, p: Staged) -> Findings:
    for g in data.groups_of(p.plan.id):
        if not any(str(getattr(g, f)).strip() for f in ("to_fix", "to_improve", "to_keep", "approach")):
            yield Finding(_needed(p.stage == "analysis"), f"{p.where} ประเด็น «{g.title[:40]}»",
                          "ยังไม่มีข้อความวิเคราะห์ (ข้อที่ต้องพัฒนา/รักษาระดับ)", g.id, "to_improve")


@dataclass(frozen=True)
class Issued:
    """A document a plan must issue: the analysis, or the year-end report."""

    plan: m.Plan
    document: str
    round: str
    name: str
    needed: bool = True  # the document due (or being printed)

    @property
    def where(self) -> str:
        return f"{_where_plan(self.plan)} {self.name}"


def issued_documents(plan: m.Plan, stage: str = "year") -> list[Issued]:
    """The documents of the plan: the analysis and the year-end report always, the 6-month
    report while it is the one due."""
    docs = [Issued(plan, "analysis", "", STAGE_DOCUMENTS["analysis"], stage == "analysis")]
    if stage == "half":
        docs.append(Issued(plan, "implementation", "half", STAGE_DOCUMENTS["half"]))
    return [*docs, Issued(plan, "implementation", "year", STAGE_DOCUMENTS["year"], stage == "year")]


def document_signatories(data: m.OfficeFile, d: Issued) -> Findings:
    people = data.signatories_for(d.plan.id, d.document, d.round)
    nameless = [s for s in people if not s.name.strip()]
    if nameless:
        yield Finding(_needed(d.needed), d.where, "ยังไม่ได้กรอกชื่อ" + " ".join(m.ROLE_NAMES[s.role] for s in nameless),
                      d.plan.id, "signatories")
    placeless = [s for s in people if s.name.strip() and not s.position.strip()]
    if placeless:
        yield Finding(_needed(d.needed), d.where, "ยังไม่ได้กรอกตำแหน่งของ"
                      + " ".join(f"{m.ROLE_NAMES[s.role]} ({s.name.strip()})" for s in placeless),
                      d.plan.id, "signatories")


def document_approved(data: m.OfficeFile, d: Issued) -> Findings:
    if not any(x.plan_id == d.plan.id and not x.deleted and x.document == d.document and x.round == d.round
               and x.approved_on for x in data.documents):
        yield Finding(_needed(d.needed), d.where, "ยังไม่ได้บันทึกวันที่อนุมัติ (พิมพ์เป็น «ฉบับร่าง»)",
                      d.plan.id, "approval")


# --- the words of the texts ------------------------------------------------------------------
FIELD_NAMES = {"title": "ชื่อ", "steps": "ขั้นตอน", "responsible": "ผู้รับผิดชอบ", "target": "เป้าหมาย",
               "monitoring": "การติดตามผล", "output": "ผลการดำเนินการ", "outcome": "ผลลัพธ์",
               "problems": "ปัญหา", "suggestions": "ข้อเสนอแนะ", "to_fix": "ข้อบกพร่อง",
               "to_improve": "ข้อที่ต้องพัฒนา", "to_keep": "รักษาระดับ", "approach": "แนวทาง"}


MeasureNumbers = dict[str, tuple[m.Plan, int]]


def _measure_numbers(data: m.OfficeFile) -> MeasureNumbers:
    """measure id -> (its plan, its printed number): made once per rule, not per finding."""
    return {x.id: (plan, n) for plan in data.live_plans() for n, x in enumerate(data.measures_of(plan.id), 1)}


def _where_text(data: m.OfficeFile, seq: MeasureNumbers, rec: m.Record, field_: str) -> tuple[str, str]:
    """(where, record id to go to) of a text field of a measure, a result or a ประเด็น."""
    measure_id = rec.measure_id if isinstance(rec, m.Result) else rec.id
    if isinstance(rec, m.AnalysisGroup):
        plan = next((p for p in data.live_plans() if p.id == rec.plan_id), None)
        where = (f"{_where_plan(plan)} " if plan else "") + f"ประเด็น «{rec.title[:30]}»"
    elif measure_id in seq:  # named as the other findings of a measure name it (with its year)
        plan, n = seq[measure_id]
        where = f"{_where_plan(plan)} ข้อ {to_thai_digits(str(n))}"
    else:
        where = "มาตรการ"
    return f"{where} ({FIELD_NAMES.get(field_, field_)})", measure_id


OWN_NAME_LIKENESS = 0.8  # "โนนคุณ" for "โนนคูณ" is 0.83; another office ("โนนสูง") is 0.67


def misspelt_own_name(words: str, office: m.Office) -> bool:
    """Whether an office name found in a text is this office's own name misspelt."""
    own = office.name.strip()
    prefixes = [f for _k, f, _s in m.OFFICE_KINDS] + [s_ for _k, _f, s_ in m.OFFICE_KINDS]
    name = words
    for prefix in sorted(prefixes, key=len, reverse=True):
        if name.startswith(prefix):
            name = name[len(prefix):].strip()
            break
    if not own or not name:
        return False
    likeness = difflib.SequenceMatcher(None, own, name[:len(own)]).ratio()
    return likeness >= OWN_NAME_LIKENESS


def wording(data: m.OfficeFile) -> Findings:
    """Words of the other kind of office, other offices' names and the office's own name
    misspelt, left in the texts."""
    seq = _measure_numbers(data)
    for slip in check_wording(data):
        where, record_id = _where_text(data, seq, slip.record, slip.field)
        reason = slip.reason
        if reason == "ชื่อหน่วยงานอื่น" and misspelt_own_name(slip.words, data.office):
            reason = f"ชื่อหน่วยงานสะกดไม่ตรงกับชื่อในข้อมูลหน่วยงาน «{data.office.full_name}»"
        yield Finding("warning", where, f"พบ «{slip.words}»: {reason}", record_id, slip.field)


_SUB_INDICATOR = re.compile(r"ตัวชี้วัดที่\s*([0-9๐-๙]+)\s*\.\s*([0-9๐-๙]+)|ตัวชี้วัดที่\s*([0-9๐-๙]+)")
TEXT_FIELDS: tuple[tuple[type[m.Record], tuple[str, ...]], ...] = (
    (m.Measure, ("title", "steps", "target", "monitoring")),
    (m.Result, ("output", "outcome", "problems", "suggestions")),
    (m.AnalysisGroup, ("title", "to_fix", "to_improve", "to_keep", "approach")))


def _texts(data: m.OfficeFile, plan: m.Plan) -> Iterator[tuple[m.Record, str, str]]:
    records: list[m.Record] = []
    for x in data.measures_of(plan.id):
        records.append(x)
        records += [r for r in (data.result(x.id, round_) for round_ in m.ROUNDS) if r is not None]
    records += data.groups_of(plan.id)
    for rec in records:
        for kind, fields in TEXT_FIELDS:
            if isinstance(rec, kind):
                yield from ((rec, f, str(getattr(rec, f) or "")) for f in fields)


def old_framework(data: m.OfficeFile) -> Findings:
    """References to indicators the plan's catalog does not have: sub-indicators such as
    "ตัวชี้วัดที่ ๙.๓" (an older framework) or a number past its last indicator."""
    seq = _measure_numbers(data)
    for plan in data.live_plans():
        a = data.assessment_by_id(plan.based_on) if plan.based_on else None
        snap = data.framework_of(a) if a is not None else None
        if a is None or snap is None:
            continue
        try:
            count = len(framework_from_dict(snap.data).indicators)
        except FrameworkError:
            continue
        for rec, field_, text in _texts(data, plan):
            for match in _SUB_INDICATOR.finditer(text):
                number = int(to_arabic_digits(match.group(1) or match.group(3)))
                if match.group(2) or number > count:
                    where, record_id = _where_text(data, seq, rec, field_)
                    yield Finding("warning", where, f"พบ «{match.group(0)}»: ไม่มีในเกณฑ์ ITA ปี "
                                  f"{to_thai_digits(str(a.ita_year))} (ตัวชี้วัดที่ ๑–{to_thai_digits(str(count))} "
                                  "ไม่มีตัวชี้วัดย่อย) อาจคัดลอกมาจากเกณฑ์ปีก่อน", record_id, field_)


# --- the OIT register ------------------------------------------------------------------------
_BEHIND = {"": "ยังไม่ตรวจว่ามีหรือไม่", "no": "ตอบ «ไม่มี»", "yes": "ตอบ «มี» แต่ยังไม่ใส่ URL"}


def oit_register(data: m.OfficeFile, catalogs: dict[int, Framework]) -> Findings:
    """The latest year's register: the items ITAS will not find yet, those scored lowest last
    year first (notes: no document needs them), and what needs a look (warnings): URLs off the
    main website, entries carried from last year whose item changed."""
    years = oit.register_years(data)
    fw = oit.catalog_for(data, years[-1], catalogs) if years else None
    if fw is None:
        return
    where = f"ทะเบียน OIT ปี {fw.ita_year}"
    rows = oit.rows(data, fw, catalogs)
    last = oit.last_year_catalog(data, fw.ita_year, catalogs)
    for row in rows:
        label = f"ข้อ {code_text(row.code)} {row.title}"
        if row.foreign_links:
            yield Finding("warning", where, f"{label}: URL ไม่อยู่บนเว็บไซต์หลักของหน่วยงาน ITAS ตรวจเฉพาะ"
                                            f"เว็บไซต์หลัก ({', '.join(row.foreign_links)})", row.entry.id, "links")
        if row.entry.review and data.holds(row.entry):
            yield Finding("warning", where, f"{label}: {row.entry.review}", row.entry.id, "review")
    ready = oit.readiness(rows, oit.last_year_scores(data, fw, last))
    for row in ready.behind:
        state = "URL ทุกรายการอยู่นอกเว็บไซต์หลัก" if row.answer == "yes" and row.has_url else _BEHIND[row.answer]
        yield Finding("note", where, f"ข้อ {code_text(row.code)} {row.title}: {state}", row.entry.id, "answer")


# --- the rules, in the order the clerk reads their findings ----------------------------------
OFFICE_RULES: tuple[Callable[[m.OfficeFile], Findings], ...] = (office_details, office_signatories)
ASSESSMENT_RULES: tuple[Callable[[m.OfficeFile, Scored], Findings], ...] = (
    indicator_scores_missing, question_scores_missing, typed_scores_agree, indicator_scores_agree_with_questions)
PLAN_RULES: tuple[Callable[[m.OfficeFile, Staged], Findings], ...] = (
    plan_has_measures, measures_linked, measures_in_no_issue, weak_points_answered, results_not_due)
MEASURE_RULES: tuple[Callable[[m.OfficeFile, Numbered], Findings], ...] = (
    measure_title, measure_fields, measure_period, result_output)
GROUP_RULES: tuple[Callable[[m.OfficeFile, Staged], Findings], ...] = (group_texts, group_scores_quoted)
DOCUMENT_RULES: tuple[Callable[[m.OfficeFile, Issued], Findings], ...] = (
    document_signatories, document_approved)
TEXT_RULES: tuple[Callable[[m.OfficeFile], Findings], ...] = (wording, old_framework)


def plan_stages(data: m.OfficeFile, today: dt.date, printing: Printing | None = None) -> dict[str, str]:
    """plan id -> its stage: by the date, or by the document about to be printed."""
    return {p.id: printing.stage if printing is not None and printing.plan_id == p.id else stage_on(p, today)
            for p in data.live_plans()}


def _elsewhere(data: m.OfficeFile, printing: Printing) -> Callable[[Finding], bool]:
    """Which findings are about another plan (its measures, results, ประเด็น, documents) or
    about an ITA result the printed plan is not based on (the records' owners read once)."""
    plan = next((p for p in data.live_plans() if p.id == printing.plan_id), None)
    owners = {p.id: p.id for p in data.live_plans()}
    owners.update({x.id: x.plan_id for x in data.measures})
    owners.update({g.id: g.plan_id for g in data.groups})
    results = {a.id for a in data.assessments}

    def elsewhere(f: Finding) -> bool:
        if plan is None or not f.record_id:
            return False
        owner = owners.get(f.record_id)
        if owner is not None:
            return owner != plan.id
        return f.record_id in results and f.record_id != plan.based_on
    return elsewhere


def _signed_by_name(data: m.OfficeFile, printing: Printing) -> bool:
    """Does the document about to be printed name all its own signatories?"""
    people = data.signatories_for(printing.plan_id, printing.document, printing.round)
    return len(people) == len(m.ROLES) and all(p.name.strip() and p.owner != "office" for p in people)


def check_data(data: m.OfficeFile, today: dt.date | None = None, printing: Printing | None = None,
               library: tuple[LibraryMeasure, ...] = (), thai_digits: bool = True,
               catalogs: dict[int, Framework] | None = None) -> list[Finding]:
    """Every rule's findings in reading order, the notes (needed by another document than the
    one due) last; numbers in the digits the documents print with. `catalogs`: the app's
    catalogs by ITA year, for the OIT register (the file's own are used first)."""
    stages = plan_stages(data, today or dt.date.today(), printing)
    out = [f for rule in OFFICE_RULES for f in rule(data)]
    if printing is not None and _signed_by_name(data, printing):  # the defaults are not used
        out = [replace(f, level="note") if f.field.startswith("signatory:") else f for f in out]
    for a in data.live_assessments():
        scored = assessment_catalog(data, a)
        if isinstance(scored, Finding):
            out.append(scored)
            continue
        users = [stages[p.id] for p in data.live_plans() if p.based_on == a.id]
        scored = replace(scored, needed=not users or "analysis" in users)
        out += [f for rule in ASSESSMENT_RULES for f in rule(data, scored)]
    for plan in data.live_plans():
        staged = Staged(plan, stages[plan.id], library)
        found = [f for rule in PLAN_RULES for f in rule(data, staged)]
        for n, measure in enumerate(data.measures_of(plan.id), 1):
            found += [f for rule in MEASURE_RULES for f in rule(data, Numbered(plan, n, measure, staged.stage))]
        found += [f for rule in GROUP_RULES for f in rule(data, staged)]
        for document in issued_documents(plan, staged.stage):
            found += [f for rule in DOCUMENT_RULES for f in rule(data, document)]
        out += found
    out += [f for rule in TEXT_RULES for f in rule(data)]
    out += list(oit_register(data, catalogs or {}))
    if printing is not None:  # what only other plans' documents (or results) need is a note
        elsewhere = _elsewhere(data, printing)
        out = [replace(f, level="note") if f.level != "error" and elsewhere(f) else f for f in out]
    out = [f for f in out if f.level != "note"] + [f for f in out if f.level == "note"]
    return [replace(f, where=digits_for_print(f.where, thai_digits), message=digits_for_print(f.message, thai_digits))
            for f in out]
