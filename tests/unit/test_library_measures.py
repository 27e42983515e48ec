"""The measure library as a reviewer reads it (issue 14 item 11, issue 19 items 5 and 6):
budgets where a measure costs money, wording for the office's kind, keywords that link a
measure only to questions about its own subject, and suggestions saved under the indicator
and the ประเด็น they were shown for."""
from __future__ import annotations

from ita_desktop.domain import library
from ita_desktop.domain import models as m
from ita_desktop.domain.weakpoints import plan_weak_points
from ita_desktop.resources import measure_library
from ita_desktop.store.exchange import import_data
from tests.conftest import load_fixture

# The subject of each of seed 004's weak questions (ITA 2567): a measure linked to the question
# names one of these words in its title.
SUBJECTS = {
    "e9": ("E-Service",), "i10": ("ทรัพย์สินของราชการ",), "o2": ("ข้อมูลผู้บริหาร",),
    "o4": ("ข้อมูลการติดต่อ",), "o5": ("ประชาสัมพันธ์",), "o7": ("แผนพัฒนา", "แผนยุทธศาสตร์"),
    "o8": ("ความก้าวหน้าในการดำเนินงาน", "งบประมาณ"), "o9": ("รายงานผลการดำเนินงานประจำปี",),
    "o12": ("สถิติการให้บริการ",), "o14": ("จัดซื้อจัดจ้าง",), "o15": ("จัดซื้อจัดจ้าง",),
    "o16": ("จัดซื้อจัดจ้าง",), "o17": ("จัดซื้อจัดจ้าง",), "o18": ("ทรัพยากรบุคคล",),
    "o19": ("ทรัพยากรบุคคล",), "o27": ("No Gift", "ไม่รับของขวัญ"), "o30": ("ความเสี่ยงการทุจริต",),
    "o31": ("ความเสี่ยงการทุจริต",), "o33": ("ป้องกันการทุจริต",),
    "o34": ("มาตรการส่งเสริมคุณธรรม",), "o35": ("ส่งเสริมคุณธรรมและความโปร่งใส",),
}


def _seed004() -> tuple[m.OfficeFile, m.Plan]:
    data = import_data(load_fixture("seed004.json"))
    return data, data.live_plans()[0]


def test_each_suggestion_for_seed_004_shares_the_subject_of_the_questions_it_answers() -> None:
    data, plan = _seed004()
    found = plan_weak_points(data, plan)
    assert found is not None
    fw, weak = found
    assert weak.codes <= set(SUBJECTS)
    strays = [(s.measure.key, code) for s in library.suggest(fw, weak, measure_library())
              for code in s.questions if not any(w in s.measure.title for w in SUBJECTS[code])]
    assert strays == []


def test_broad_words_are_no_keywords() -> None:
    for lm in measure_library():
        assert not {"ถาม", "วัฒนธรรม", "ตรวจสอบ", "สินบน"} & set(lm.keywords), lm.key


def test_measures_that_cost_money_carry_a_budget() -> None:
    by_key = {lm.key: lm for lm in measure_library()}
    for key in ("ethics-training", "e-service", "one-stop-service"):
        assert by_key[key].budget.endswith(")") and "บาท" in by_key[key].budget, key
    assert by_key["no-gift"].budget == "ไม่ใช้งบประมาณ"


def test_the_palad_office_is_named_for_the_office_kind() -> None:
    sao = import_data(load_fixture("seed002.json"))  # an อบต.
    tambon = import_data(load_fixture("seed000.json"))  # a เทศบาลตำบล
    lm = next(x for x in measure_library() if x.key == "no-gift")
    assert lm.responsible == "{สำนักปลัด}"
    assert library.add_from_library(sao, sao.live_plans()[0], lm).responsible == "สำนักปลัด อบต."
    assert library.add_from_library(tambon, tambon.live_plans()[0], lm).responsible == "สำนักปลัดเทศบาล"


def test_local_staff_have_their_salary_raised_not_stepped() -> None:
    hr = next(x for x in measure_library() if x.key == "hr-fairness")
    assert "เลื่อนเงินเดือน" in hr.steps and "เลื่อนขั้นเงินเดือน" not in hr.steps


def test_a_suggestion_is_saved_under_the_indicator_of_its_weak_question() -> None:
    data, plan = _seed004()
    found = plan_weak_points(data, plan)
    assert found is not None
    fw, weak = found
    by_key = {s.measure.key: s for s in library.suggest(fw, weak, measure_library())}
    hr = by_key["hr-plan"]  # the library lists indicators 3 and 9; o18/o19 are indicator 9's
    assert hr.measure.indicators[0] == 3 and hr.indicator == 9
    assert by_key["procurement-plan"].indicator == 9
    assert by_key["no-gift"].indicator == 10
    added = library.add_from_library(data, plan, hr.measure, hr.indicator)
    assert added.indicator == 9


def test_a_suggestion_finds_the_issues_whose_questions_it_answers() -> None:
    data, plan = _seed004()
    found = plan_weak_points(data, plan)
    assert found is not None
    fw, weak = found
    by_key = {s.measure.key: s for s in library.suggest(fw, weak, measure_library())}
    [hr_issue] = library.issues_answered(data, plan, by_key["hr-plan"].questions)
    assert "o18" in hr_issue.questions
    several = library.issues_answered(data, plan, by_key["procurement-plan"].questions)  # o15 sits in two
    assert len(several) == 2 and {"o14", "o16"} <= set(several[0].questions)
    assert library.issues_answered(data, plan, ()) == []
    added = library.add_from_library(data, plan, by_key["hr-plan"].measure, 9, hr_issue.id)
    assert added.group_id == hr_issue.id


def test_each_measure_is_followed_up_in_its_own_way() -> None:
    texts = [lm.monitoring for lm in measure_library()]
    assert len(set(texts)) == len(texts)  # not one sentence for all 42
    by_key = {lm.key: lm for lm in measure_library()}
    assert "E-Service" in by_key["e-service"].monitoring or "ออนไลน์" in by_key["e-service"].monitoring
    assert "จัดซื้อจัดจ้าง" in by_key["procurement-plan"].monitoring


def test_plans_belong_to_the_planning_division_where_a_municipality_has_one() -> None:
    from ita_desktop.domain import edits

    tambon = import_data(load_fixture("seed000.json"))  # a เทศบาลตำบล without the division
    plan = tambon.live_plans()[0]
    lm = next(x for x in measure_library() if x.key == "strategic-plan")
    assert library.add_from_library(tambon, plan, lm).responsible == "สำนักปลัดเทศบาล"
    edits.add_division(tambon, "กองวิชาการและแผนงาน")
    lm2 = next(x for x in measure_library() if x.key == "annual-report")
    assert library.add_from_library(tambon, plan, lm2).responsible == "กองวิชาการและแผนงาน"
    sao = import_data(load_fixture("seed002.json"))
    assert library.add_from_library(sao, sao.live_plans()[0], lm).responsible == "สำนักปลัด อบต."


def test_citizens_observe_procurement_rather_than_sit_on_its_committees() -> None:
    by_key = {lm.key: lm for lm in measure_library()}
    steps = by_key["participation"].steps
    assert "ร่วมสังเกตการณ์" in steps and "กรรมการตรวจรับ" not in steps
