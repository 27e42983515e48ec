"""Each rule of the completeness check on its own (domain/checks.py)."""
from __future__ import annotations

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
    [f] = checks.plan_has_measures(data, data.plans[0])
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
    [f] = checks.group_texts(data, data.plans[0])
    assert f.record_id == "g"
    data.groups[0].to_keep = "รักษาระดับ"
    assert not list(checks.group_texts(data, data.plans[0]))


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
    assert found and found[0].where == "มาตรการที่ ๒ (เป้าหมาย)"


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
