"""Each rule of the completeness check on its own (domain/checks.py)."""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from ita_desktop.domain import checks
from ita_desktop.domain import models as m
from ita_desktop.store.exchange import import_data
from tests.conftest import load_fixture


def _seed() -> m.OfficeFile:
    return import_data(load_fixture("seed004.json"))


def _plan(data: m.OfficeFile) -> m.Plan:
    return data.live_plans()[0]


def test_office_details_names_each_empty_field() -> None:
    data = m.OfficeFile(office=m.Office(id="o", name="โนนคูณ"))
    assert [f.field for f in checks.office_details(data)] == ["tambon", "amphoe", "changwat"]
    data.office.tambon = data.office.amphoe = data.office.changwat = "x"
    assert not list(checks.office_details(data))


def test_office_signatories_asks_for_each_role_without_a_name() -> None:
    data = m.OfficeFile()
    assert [f.field for f in checks.office_signatories(data)] == [f"signatory:{r}" for r in m.ROLES]
    for role in m.ROLES:
        data.signatories.append(m.Signatory(id=m.Signatory.make_id("office", "", "", role), role=role,
                                            name="นายก"))
    # a name without its position prints a signature line nobody can place
    assert ["ตำแหน่ง" in f.message for f in checks.office_signatories(data)] == [True] * len(m.ROLES)
    for sig in data.signatories:
        sig.position = "นายกองค์การบริหารส่วนตำบล"
    assert not list(checks.office_signatories(data))


def test_an_assessment_without_its_catalog_is_an_error() -> None:
    data = m.OfficeFile()
    a = m.Assessment(id="a", ita_year=2568, framework_id="none")
    found = checks.assessment_catalog(data, a)
    assert isinstance(found, checks.Finding) and found.level == "error"


def test_missing_indicator_and_question_scores_are_counted() -> None:
    data = _seed()
    a = data.live_assessments()[0]
    scored = checks.assessment_catalog(data, a)
    assert isinstance(scored, checks.Scored)
    assert not list(checks.indicator_scores_missing(data, scored))
    data.indicator_scores = [s for s in data.indicator_scores if s.indicator != 9]
    scored = checks.assessment_catalog(data, a)
    assert isinstance(scored, checks.Scored)
    [f] = checks.indicator_scores_missing(data, scored)
    assert f.message.endswith("๙")
    data.question_scores = data.question_scores[:-2]
    [q] = checks.question_scores_missing(data, scored)
    assert "๒ ข้อ" in q.message


def test_typed_scores_that_disagree_with_the_computed_ones_are_warned() -> None:
    data = _seed()
    a = data.live_assessments()[0]
    scored = checks.assessment_catalog(data, a)
    assert isinstance(scored, checks.Scored)
    assert not list(checks.typed_scores_agree(data, scored))
    a.total = Decimal("80.00")
    a.level = "ผ่านดีเยี่ยม"
    fields = [f.field for f in checks.typed_scores_agree(data, scored)]
    assert fields == ["total", "level"]


def test_a_plan_without_measures_is_missing_them() -> None:
    data = m.OfficeFile(plans=[m.Plan(id="p", fiscal_year=2569)])
    [f] = checks.plan_has_measures(data, checks.Staged(data.plans[0]))
    assert f.message == "ยังไม่มีมาตรการ"


def test_an_untitled_measure_says_how_it_would_print() -> None:
    plan = m.Plan(id="p", fiscal_year=2569)
    x = m.Measure(id="x", plan_id="p")
    [f] = checks.measure_title(m.OfficeFile(), checks.Numbered(plan, 5, x))
    assert "«๕.»" in f.message and f.where.endswith("ข้อ ๕")


def test_measure_fields_lists_what_is_empty_and_points_at_the_first() -> None:
    plan = m.Plan(id="p", fiscal_year=2569)
    x = m.Measure(id="x", plan_id="p", title="t", steps="s")
    [f] = checks.measure_fields(m.OfficeFile(), checks.Numbered(plan, 1, x))
    assert f.field == "period" and "ผลลัพธ์รอบ ๑๒ เดือน" in f.message


def test_a_group_without_any_text_is_missing_its_analysis() -> None:
    data = m.OfficeFile(plans=[m.Plan(id="p", fiscal_year=2569)],
                        groups=[m.AnalysisGroup(id="g", plan_id="p", title="การเปิดเผยข้อมูล")])
    analysis = checks.Staged(data.plans[0], "analysis")
    [f] = checks.group_texts(data, analysis)
    assert f.record_id == "g" and f.level == "missing"
    [later] = checks.group_texts(data, checks.Staged(data.plans[0], "year"))  # printed in the analysis only
    assert later.level == "note"
    data.groups[0].to_keep = "รักษาระดับ"
    assert not list(checks.group_texts(data, analysis))


def test_each_issued_document_needs_its_signatories_and_its_approval() -> None:
    data = m.OfficeFile(plans=[m.Plan(id="p", fiscal_year=2569)])
    analysis, report = checks.issued_documents(data.plans[0])
    assert [f.field for f in checks.document_signatories(data, analysis)] == ["signatories"]
    assert [f.field for f in checks.document_approved(data, analysis)] == ["approval"]
    data.documents.append(m.IssuedDocument(id="d", plan_id="p", document="analysis", approved_on="2026-01-10"))
    assert not list(checks.document_approved(data, analysis))
    assert list(checks.document_approved(data, report))


def test_wording_names_the_measure_by_its_printed_number() -> None:
    data = import_data(load_fixture("seed002.json"))  # an อบต.
    second = data.measures_of(_plan(data).id)[1]
    second.target += " ตามประกาศของนายกเทศมนตรี"
    found = [f for f in checks.wording(data) if f.record_id == second.id and f.field == "target"]
    # by its printed number and its fiscal year, as the other findings of a measure
    assert found and found[0].where == "มาตรการ ปีงบประมาณ ๒๕๖๘ ข้อ ๒ (เป้าหมาย)"


def test_check_data_runs_every_rule_in_reading_order() -> None:
    data = _seed()
    data.office.changwat = ""
    found = checks.check_data(data)
    wheres = [f.where for f in found]
    assert wheres.index("ข้อมูลหน่วยงาน") < wheres.index("ผู้ลงนาม")
    first_plan = next(i for i, w in enumerate(wheres) if w.startswith("มาตรการ ปีงบประมาณ"))
    assert all(not w.startswith("มาตรการ ปีงบประมาณ") for w in wheres[:first_plan])


def test_the_weak_points_of_a_plan_come_from_the_result_it_is_based_on() -> None:
    from ita_desktop.domain.weakpoints import plan_weak_points

    data = _seed()
    plan = _plan(data)
    found = plan_weak_points(data, plan)
    assert found is not None
    _fw, weak = found
    assert 9 in weak.indicator_numbers  # seed 004: indicator 9 scored 50.00
    plan.based_on = ""
    assert plan_weak_points(data, plan) is None


# --- the stage of the year (issue 14 item 8) -------------------------------------------------
TODAY = dt.date(2026, 12, 1)  # 1 December 2569: fiscal year 2570 began two months ago


def test_the_stage_of_a_plan_follows_its_fiscal_year() -> None:
    fy2570 = m.Plan(id="p", fiscal_year=2570)
    assert checks.stage_on(fy2570, TODAY) == "analysis"
    assert checks.stage_on(fy2570, dt.date(2027, 3, 31)) == "analysis"
    assert checks.stage_on(fy2570, dt.date(2027, 4, 1)) == "half"
    assert checks.stage_on(fy2570, dt.date(2027, 10, 1)) == "year"
    assert checks.stage_on(m.Plan(id="q", fiscal_year=2569), TODAY) == "year"


def test_printing_next_years_analysis_makes_another_plans_needs_notes() -> None:
    """A clerk printing the FY 2570 analysis read thirteen "ยังไม่ครบ" lines about FY 2568's
    year-end results: what another plan's documents need is a note for this document."""
    data = _seed()  # its plan is FY 2568, its year-end results not typed
    old = _plan(data)
    new = m.Plan(id="p2570", fiscal_year=2570, based_on=old.based_on)
    data.plans.append(new)
    found = checks.check_data(data, TODAY, checks.Printing(new.id, "analysis"))
    about_old = [f for f in found if "๒๕๖๘" in f.where]
    assert about_old and all(f.level in ("note", "warning") for f in about_old), \
        [str(f) for f in about_old if f.level == "missing"]
    assert any(f.level == "missing" and "๒๕๗๐" in f.where for f in found)  # it has no measures yet


def test_a_document_signed_by_its_own_names_does_not_demand_the_office_defaults() -> None:
    """Names typed on the print screen for the analysis: the office's default signatories
    (ข้อมูลหน่วยงาน) are not needed by it (a clerk read "ยังไม่ได้กรอกชื่อผู้จัดทำ" after typing it)."""
    data = _seed()
    plan = _plan(data)
    printing = checks.Printing(plan.id, "analysis")
    before = checks.check_data(data, TODAY, printing)
    assert any(f.field.startswith("signatory:") and f.level == "missing" for f in before)
    for role in m.ROLES:
        data.signatories.append(m.Signatory(id=m.Signatory.make_id(plan.id, "analysis", "", role), owner=plan.id,
                                            document="analysis", role=role, name="นายสมชาย ใจดี",
                                            position="ปลัด"))
    after = checks.check_data(data, TODAY, printing)
    assert not any(f.field.startswith("signatory:") and f.level == "missing" for f in after)


def test_printing_one_plans_report_counts_nothing_of_other_plans_or_results() -> None:
    """A clerk's check for the FY 2568 year-end report counted the FY 2570 plan's warnings and
    the missing question scores of ITA 2569 (the FY 2570 plan's result): for this document they
    are notes."""
    data = _seed()
    old = _plan(data)
    a2569 = m.Assessment(id="a2569", ita_year=2569, framework_id=data.assessments[0].framework_id)
    data.assessments.append(a2569)
    new = m.Plan(id="p2570", fiscal_year=2570, based_on=a2569.id)
    data.plans.append(new)
    x = data.measures_of(old.id)[0]
    data.measures.append(m.Measure(id="x2570", plan_id=new.id, sort_key="a", title=x.title,
                                   steps="แจ้งนายกเทศมนตรี", period="ตุลาคม ๒๕๗๐"))
    found = checks.check_data(data, TODAY, checks.Printing(old.id, "implementation", "year"))
    counted = [str(f) for f in found if f.level not in ("error", "note")]
    assert not [f for f in counted if "๒๕๗๐" in f or "๒๕๖๙" in f], counted
    assert any("๒๕๖๘" in f for f in counted)


def test_an_implementation_report_does_not_demand_what_only_the_analysis_prints() -> None:
    data = import_data(load_fixture("seed000.json"))  # no scores typed, no signatories
    plan = _plan(data)
    found = checks.check_data(data, TODAY, checks.Printing(plan.id, "implementation", "year"))
    needed = [str(f) for f in found if f.level == "missing"]
    assert not [f for f in needed if "คะแนน" in f or "เอกสารการวิเคราะห์" in f]
    notes = [f.message for f in found if f.level == "note"]
    assert any("คะแนนรายข้อ ๕๙ ข้อ" in n for n in notes)
    assert any(f.where.endswith("เอกสารการวิเคราะห์") and f.level == "note" for f in found)
    assert found[-1].level == "note"  # notes come after everything the document needs
    assert any(f.where.endswith("รายงานผลรอบ ๑๒ เดือน") and f.level == "missing" for f in found)


def test_a_fresh_analysis_lists_year_end_results_as_one_note_not_yet_due() -> None:
    data = _seed()
    plan = _plan(data)
    plan.fiscal_year = 2570
    found = checks.check_data(data, TODAY)
    assert not [f for f in found if f.level == "missing" and "รอบ ๑๒ เดือน" in str(f)]
    [note] = [f for f in found if "รอบ ๑๒ เดือน" in f.message]
    assert note.level == "note" and "๑๑ มาตรการ (ยังไม่ถึงกำหนดรายงาน)" in note.message
    assert any(f.level == "missing" and f.where.endswith("เอกสารการวิเคราะห์") for f in found)


def test_numbers_in_the_findings_follow_the_digits_setting() -> None:
    data = import_data(load_fixture("seed000.json"))
    thai = checks.check_data(data, TODAY)
    arabic = checks.check_data(data, TODAY, thai_digits=False)
    without_codes = [re.sub(r"\b[A-Za-z]+[0-9]+\b", "", f.where + f.message) for f in thai]
    assert not [t for t in without_codes if re.search("[0-9]", t)]
    assert any("59 ข้อ" in f.message for f in arabic)
    assert not [f for f in arabic if re.search("[๐-๙]", f.where + f.message)]


# --- a reviewer's rules (issue 14 item 9) ----------------------------------------------------
def _numbered(period: str = "", steps: str = "", output: str = "", fiscal_year: int = 2568,
              stage: str = "year") -> tuple[m.OfficeFile, checks.Numbered]:
    plan = m.Plan(id="p", fiscal_year=fiscal_year)
    x = m.Measure(id="x", plan_id="p", title="t", steps=steps, period=period)
    data = m.OfficeFile(plans=[plan], measures=[x])
    if output:
        data.results.append(m.Result(id=m.Result.make_id("x", "year"), measure_id="x", round="year", output=output))
    return data, checks.Numbered(plan, 3, x, stage)


def test_a_period_outside_the_fiscal_year_is_flagged() -> None:
    data, x = _numbered("๑ ตุลาคม ๒๕๖๗ ถึง ๓๐ กันยายน ๒๕๖๘")
    assert not list(checks.measure_period(data, x))
    data, x = _numbered("ตุลาคม ๒๕๖๗ – ธันวาคม ๒๕๖๘")  # a real report ran three months past it
    [f] = checks.measure_period(data, x)
    assert "«ธันวาคม ๒๕๖๘»" in f.message and f.field == "period" and f.level == "warning"
    data, x = _numbered("ไตรมาสที่ ๑ - ๔")
    assert not list(checks.measure_period(data, x))


def test_measures_linked_to_no_indicator_and_no_issue_are_named() -> None:
    data = import_data(load_fixture("seed002.json"))
    plan = _plan(data)
    [f] = checks.measures_linked(data, checks.Staged(plan))
    assert "๑๗ ข้อ" in f.message and f.field == "indicator"
    data.measures_of(plan.id)[0].indicator = 9
    [f] = checks.measures_linked(data, checks.Staged(plan))
    assert "๑๖ ข้อ" in f.message and f.record_id == data.measures_of(plan.id)[1].id
    seed004 = _seed()  # every measure sits in a ประเด็น
    assert not list(checks.measures_linked(seed004, checks.Staged(_plan(seed004))))


def test_weak_points_no_measure_answers_are_listed() -> None:
    from ita_desktop.resources import measure_library

    data = _seed()
    plan = _plan(data)
    staged = checks.Staged(plan, "analysis", measure_library())
    assert not list(checks.weak_points_answered(data, staged))  # seed 004: each weak question has its issue
    for x in data.measures_of(plan.id):
        x.group_id = ""
    x0 = data.measures_of(plan.id)[0]
    x0.indicator = 9
    [f] = checks.weak_points_answered(data, staged)
    assert f.level == "warning" and "E9" in f.message and "O7" not in f.message  # o7 is indicator 9's


def test_an_output_that_repeats_its_steps_or_proves_nothing_is_flagged() -> None:
    steps = "จัดทำประกาศแนวทางปฏิบัติการใช้ทรัพย์สินของราชการ กำหนดขั้นตอนการขออนุญาตยืมที่ชัดเจน"
    data, x = _numbered(steps=steps, output="จัดทำประกาศแนวทางปฏิบัติการใช้ทรัพย์สินของราชการ "
                        "กำหนดขั้นตอนการขออนุญาตยืมที่ชัดเจนแล้ว")
    [f] = checks.result_output(data, x)
    assert "ซ้ำกับขั้นตอน" in f.message and f.field == "output"
    data, x = _numbered(steps=steps, output="มีพนักงานต้นแบบด้านบริการยอดเยี่ยม")
    [f] = checks.result_output(data, x)
    assert "ไม่มีวันที่ จำนวน หรือหลักฐาน" in f.message
    data, x = _numbered(steps=steps, output="ออกประกาศเมื่อ ๑๕ มกราคม ๒๕๖๘ มีผู้ยืม ๑๒ ครั้ง")
    assert not list(checks.result_output(data, x))
    data, x = _numbered(steps=steps, output="มีพนักงานต้นแบบ", stage="analysis")  # no report due
    assert not list(checks.result_output(data, x))


def test_a_typed_indicator_score_is_checked_against_the_mean_of_its_questions() -> None:
    data = _seed()
    scored = checks.assessment_catalog(data, data.live_assessments()[0])
    assert isinstance(scored, checks.Scored)
    [f] = checks.indicator_scores_agree_with_questions(data, scored)
    assert "ตัวชี้วัดที่ ๑๐" in f.message and "๔๕.๐๐" in f.message and "๔๐.๐๐" in f.message
    assert "ป.ป.ช." in f.message and f.level == "warning"


def test_references_to_an_old_framework_are_flagged() -> None:
    data = _seed()
    group = data.groups_of(_plan(data).id)[0]
    group.approach = "ดำเนินการตามตัวชี้วัดที่ ๙ และตัวชี้วัดที่ ๙.๓ การเปิดเผยข้อมูล และตัวชี้วัดที่ ๑๒"
    found = [f.message for f in checks.old_framework(data)]
    assert len(found) == 2 and "«ตัวชี้วัดที่ ๙.๓»" in found[0] and "«ตัวชี้วัดที่ ๑๒»" in found[1]


def test_the_offices_own_name_misspelt_is_reported_as_such() -> None:
    data = _seed()  # องค์การบริหารส่วนตำบลโนนคูณ
    x = data.measures_of(_plan(data).id)[0]
    x.steps = "ประชุมบุคลากรองค์การบริหารส่วนตำบลโนนคุณ และประสานองค์การบริหารส่วนตำบลหนองบัว"
    found = [f.message for f in checks.wording(data) if f.record_id == x.id and f.field == "steps"]
    assert len(found) == 2
    assert "สะกดไม่ตรง" in found[0] and "โนนคุณ" in found[0]
    assert "หนองบัว" in found[1] and "ชื่อหน่วยงานอื่น" in found[1]


def test_the_generic_words_for_an_office_are_no_other_offices_name() -> None:
    """The suggested measures say "รายงานต่อนายกองค์การบริหารส่วนตำบล และเผยแพร่…": the words
    after the kind are no name (a clerk tried it: ten false warnings)."""
    data = _seed()
    x = data.measures_of(_plan(data).id)[0]
    x.steps = ("เสนอรายงานต่อนายกองค์การบริหารส่วนตำบลและเผยแพร่ต่อสาธารณะ "
               "แจ้งสภาองค์การบริหารส่วนตำบล เพื่อทราบ และประกาศในองค์การบริหารส่วนตำบลให้ทั่วถึง")
    assert not [f.message for f in checks.wording(data) if f.record_id == x.id and f.field == "steps"]


def test_a_document_signatory_without_a_position_is_flagged() -> None:
    data = m.OfficeFile(plans=[m.Plan(id="p", fiscal_year=2569)])
    for role in m.ROLES:
        data.signatories.append(m.Signatory(id=m.Signatory.make_id("p", "analysis", "", role), owner="p",
                                            document="analysis", role=role, name="นายสมชาย ใจดี",
                                            position="" if role == "approver" else "ปลัด"))
    analysis = checks.issued_documents(data.plans[0], "analysis")[0]
    [f] = checks.document_signatories(data, analysis)
    assert "ตำแหน่งของผู้อนุมัติ" in f.message and f.level == "missing"


def test_the_check_window_and_the_print_screen_use_the_same_findings() -> None:
    from ita_desktop.resources import measure_library
    from ita_desktop.store import check

    data = _seed()
    for x in data.measures_of(_plan(data).id):
        x.group_id = ""
    assert check.findings(data, TODAY) == checks.check_data(data, TODAY, library=measure_library())
    assert any("ยังไม่มีมาตรการรองรับ" in f.message for f in check.findings(data, TODAY))


def test_every_finding_on_the_seeds_goes_somewhere() -> None:
    for name in ("seed000.json", "seed002.json", "seed004.json"):
        found = checks.check_data(import_data(load_fixture(name)), TODAY)
        assert [str(f) for f in found if not f.record_id] == [], name
