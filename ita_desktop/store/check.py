"""`ita-desktop check`: the file's integrity and what is still missing, in Thai."""
from __future__ import annotations

from dataclasses import dataclass

from ita_desktop.domain import models as m
from ita_desktop.domain import scoring
from ita_desktop.domain.framework import FrameworkError, code_text, framework_from_dict
from ita_desktop.domain.wording import check_wording, title_problem
from ita_desktop.store.db import Store
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


def check_store(store: Store) -> list[Finding]:
    out = [Finding("error", "ไฟล์", e) for e in store.integrity_errors()]
    return out + check_data(store.load())


def check_data(data: m.OfficeFile) -> list[Finding]:
    out: list[Finding] = []
    o = data.office
    for field, label in (("name", "ชื่อหน่วยงาน"), ("tambon", "ตำบล"), ("amphoe", "อำเภอ"),
                         ("changwat", "จังหวัด")):
        if not getattr(o, field):
            out.append(Finding("missing", "ข้อมูลหน่วยงาน", f"ยังไม่ได้กรอก{label}", o.id, field))
    for role in m.ROLES:
        sig = data.signatory("office", "", "", role)
        if sig is None or not sig.name:
            out.append(Finding("missing", "ผู้ลงนาม", f"ยังไม่ได้กรอกชื่อ{m.ROLE_NAMES[role]}",
                               o.id, f"signatory:{role}"))
    for a in data.live_assessments():
        where = f"ผลการประเมิน ITA ปี {to_thai_digits(str(a.ita_year))}"
        snap = data.framework_of(a)
        if snap is None:
            out.append(Finding("error", where, "ไม่พบเกณฑ์การประเมินที่ใช้", a.id))
            continue
        try:
            fw = framework_from_dict(snap.data)
        except FrameworkError as exc:
            out.append(Finding("error", where, str(exc), a.id))
            continue
        inds = {k: s.score for k, s in data.indicator_scores_of(a.id).items() if s.score is not None}
        missing = [i.no for i in fw.indicators if i.no not in inds]
        if missing:
            out.append(Finding("missing", where, "ยังไม่ได้กรอกคะแนนตัวชี้วัดที่ "
                               + to_thai_digits(", ".join(map(str, missing))), a.id, "indicators"))
        qs = data.question_scores_of(a.id)
        q_missing = [q.code for q in fw.questions if q.code not in qs or qs[q.code].score is None]
        if q_missing:
            codes = ", ".join(code_text(c) for c in q_missing[:6])
            out.append(Finding("missing", where, f"ยังไม่ได้กรอกคะแนนรายข้อ {to_thai_digits(str(len(q_missing)))} ข้อ "
                               f"({codes}{' …' if len(q_missing) > 6 else ''})", a.id, "questions"))
        if missing:
            continue
        comp = scoring.compute(fw, inds)
        for code, typed in (("IIT", a.iit), ("EIT", a.eit), ("OIT", a.oit)):
            if scoring.differs(typed, comp.tools.get(code)):
                out.append(Finding("warning", where, f"คะแนน {code} ที่กรอก {format_score(typed)} "
                                   f"ไม่ตรงกับที่คำนวณได้ {format_score(comp.shown_tool(code))}", a.id, code.lower()))
        if scoring.differs(a.total, comp.total):
            out.append(Finding("warning", where, f"คะแนนรวมที่กรอก {format_score(a.total)} "
                               f"ไม่ตรงกับที่คำนวณได้ {format_score(comp.shown_total)}", a.id, "total"))
        if a.level and comp.level and a.level != comp.level:
            out.append(Finding("warning", where, f"ระดับที่กรอก «{a.level}» ไม่ตรงกับที่คำนวณได้ «{comp.level}»",
                               a.id, "level"))
    for plan in data.live_plans():
        where = f"มาตรการ ปีงบประมาณ {to_thai_digits(str(plan.fiscal_year))}"
        measures = data.measures_of(plan.id)
        if not measures:
            out.append(Finding("missing", where, "ยังไม่มีมาตรการ", plan.id))
        for n, x in enumerate(measures, 1):
            seq = to_thai_digits(str(n))
            problem = title_problem(x.title)  # its own line: an untitled measure prints as a bare "๕."
            if problem is not None:
                level, message = problem
                if level == "missing":
                    message += f" (เอกสารจะพิมพ์เป็นแถว «{seq}.» ที่ไม่มีข้อความ)"
                out.append(Finding(level, f"{where} ข้อ {seq}", message, x.id, "title"))
            missing_fields = [(f, label) for f, label in (("steps", "ขั้นตอน"), ("period", "ระยะเวลา"),
                                                          ("responsible", "ผู้รับผิดชอบ"))
                              if not getattr(x, f).strip()]
            res = data.result(x.id, "year")
            for f, label in (("output", "ผลการดำเนินการ"), ("outcome", "ผลลัพธ์")):
                if res is None or not getattr(res, f).strip():
                    missing_fields.append((f, f"{label}รอบ ๑๒ เดือน"))
            if missing_fields:
                out.append(Finding("missing", f"{where} ข้อ {seq}",
                                   "ยังไม่ได้กรอก" + " ".join(label for _f, label in missing_fields),
                                   x.id, missing_fields[0][0]))
        out.extend(Finding("missing", f"{where} ประเด็น «{g.title[:40]}»",
                           "ยังไม่มีข้อความวิเคราะห์ (ข้อที่ต้องพัฒนา/รักษาระดับ)", g.id, "to_improve")
                   for g in data.groups_of(plan.id)
                   if not any(str(getattr(g, f)).strip() for f in ("to_fix", "to_improve", "to_keep", "approach")))
        for document, round_ in (("analysis", ""), ("implementation", "year")):
            name = "เอกสารการวิเคราะห์" if document == "analysis" else "รายงานผลรอบ ๑๒ เดือน"
            people = [s for s in data.signatories_for(plan.id, document, round_) if not s.name.strip()]
            if people:
                out.append(Finding("missing", f"{where} {name}", "ยังไม่ได้กรอกชื่อ"
                                   + " ".join(m.ROLE_NAMES[s.role] for s in people), plan.id, "signatories"))
            approved = any(d.plan_id == plan.id and not d.deleted and d.document == document and d.round == round_
                           and d.approved_on for d in data.documents)
            if not approved:
                out.append(Finding("missing", f"{where} {name}",
                                   "ยังไม่ได้บันทึกวันที่อนุมัติ (พิมพ์เป็น «ฉบับร่าง»)", plan.id, "approval"))
    out += _wording(data)
    return out


FIELD_NAMES = {"title": "ชื่อ", "steps": "ขั้นตอน", "responsible": "ผู้รับผิดชอบ", "target": "เป้าหมาย",
               "monitoring": "การติดตามผล", "output": "ผลการดำเนินการ", "outcome": "ผลลัพธ์",
               "problems": "ปัญหา", "suggestions": "ข้อเสนอแนะ", "to_fix": "ข้อบกพร่อง",
               "to_improve": "ข้อที่ต้องพัฒนา", "to_keep": "รักษาระดับ", "approach": "แนวทาง"}


def _wording(data: m.OfficeFile) -> list[Finding]:
    """Words of the other kind of office and other offices' names left in the texts."""
    out = []
    seq = {x.id: n for plan in data.live_plans() for n, x in enumerate(data.measures_of(plan.id), 1)}
    for slip in check_wording(data):
        rec = slip.record
        measure_id = rec.measure_id if isinstance(rec, m.Result) else rec.id
        if isinstance(rec, m.AnalysisGroup):
            where = f"ประเด็น «{rec.title[:30]}»"
        else:
            where = f"มาตรการที่ {to_thai_digits(str(seq.get(measure_id, 0)))}"
        target = rec.measure_id if isinstance(rec, m.Result) else rec.id
        out.append(Finding("warning", f"{where} ({FIELD_NAMES.get(slip.field, slip.field)})",
                           f"พบ «{slip.words}»: {slip.reason}", target, slip.field))
    return out
