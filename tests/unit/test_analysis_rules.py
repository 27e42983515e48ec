"""Issue 5 groundwork: catalogs for 2568/2569, weak points, year-over-year comparison, pasted
scores, and the wording check."""
from __future__ import annotations

from decimal import Decimal

from ita_desktop.domain.checks import check_data
from ita_desktop.domain.framework import framework_from_dict
from ita_desktop.domain.paste import parse_scores
from ita_desktop.domain.weakpoints import compare, weak_points
from ita_desktop.resources import bundled_frameworks, issue_templates, measure_library
from ita_desktop.store.exchange import import_data
from tests.conftest import load_fixture


def _seed004():
    data = import_data(load_fixture("seed004.json"))
    a = data.live_assessments()[0]
    fw = framework_from_dict(data.framework_of(a).data)
    inds = {k: v.score for k, v in data.indicator_scores_of(a.id).items()}
    qs = {k: v.score for k, v in data.question_scores_of(a.id).items()}
    return fw, inds, qs


def test_bundled_catalogs_for_2568_and_2569():
    fws = bundled_frameworks()
    assert {2567, 2568, 2569} <= set(fws)
    for year in (2568, 2569):
        fw = fws[year]
        oit = [q for q in fw.questions if q.code.startswith("o")]
        assert len(oit) == 26
        assert all(q.provenance == "copied" for q in fw.questions if q.code[0] in "ie")
        assert {q.indicator for q in oit} == {9, 10}
    assert fws[2568].documents == {}  # unresolved in the sources: left unset
    assert fws[2569].documents == {"analysis": "o25", "implementation": "o26"}
    assert fws[2569].question("o26").text.startswith("รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรม")
    assert fws[2569].question("o12").reports_on == "previous_fiscal_year"
    mapping = fws[2569].mapping_from(2567)
    assert mapping["o34"] == "o25" and mapping["o35"] == "o26" and mapping["i1"] == "i1"
    assert "o1" not in mapping  # OIT items were renumbered: no pairing by code
    assert {q.provenance for q in fws[2568].questions} >= {"sourced", "single", "inferred", "copied"}


def test_weak_points_of_seed_004():
    fw, inds, qs = _seed004()
    weak = weak_points(fw, inds, qs)
    assert weak.indicator_numbers == {4, 8, 9, 10}
    assert weak.codes == {"e9", "i10", "o8", "o2", "o4", "o5", "o7", "o9", "o12", "o14", "o15", "o16",
                          "o17", "o18", "o19", "o27", "o30", "o31", "o33", "o34", "o35"}
    assert dict((q.code, s) for q, s in weak.questions)["o8"] == Decimal("50.00")
    stricter = weak_points(fw, inds, qs, Decimal(95))
    assert len(stricter.questions) > len(weak.questions)


def test_comparison_uses_the_catalog_mapping():
    fw67, inds, qs = _seed004()
    fw69 = bundled_frameworks()[2569]
    new_q = {"o25": Decimal(100), "o26": Decimal("0.00"), "i1": Decimal(97), "o1": Decimal(100)}
    new_i = {**inds, 9: Decimal(60)}
    ind_changes, q_changes = compare(fw67, inds, qs, fw69, new_i, new_q)
    by_key = {c.key: c for c in q_changes}
    assert by_key["o25"].before == Decimal("0.00") and by_key["o25"].kind == "up"  # 2567 o34
    assert by_key["o26"].kind == "same"  # 2567 o35, 0 both years
    assert by_key["i1"].kind == "up"  # the same question, copied (mapped to itself)
    assert "o1" not in by_key  # 2567 o1 (โครงสร้าง) is another wording: no question-level pairing
    assert {c.key: c.kind for c in ind_changes}["9"] == "up"


def test_messy_paste_reads_what_it_can_and_lists_the_rest():
    fw = bundled_frameworks()[2567]
    text = ("แบบสำรวจ\tตัวชี้วัดที่\tรายละเอียดตัวชี้วัด\tคะแนน\n"
            "IIT\t๑\tการปฏิบัติหน้าที่\t๙๔.๘๒\n"
            "\t๒\tการใช้งบประมาณ\t๙๓.๘๓\n"
            "IIT\tข้อ i๑ การปฏิบัติงานหรือให้บริการของเจ้าหน้าที่เป็นไปตามขั้นตอนและระยะเวลา\t๙๕.๑๙\n"
            "OIT\tข้อ ๐๗ แผนยุทธศาสตร์หรือแผนพัฒนาหน่วยงาน\t๐.๐๐\n"
            "\tข้อ ๐๑๐ คู่มือหรือแนวทางการปฏิบัติงานของเจ้าหน้าที่\t๑๐๐\n"
            "O25   การเปิดโอกาสให้เกิดการมีส่วนร่วม    100\n"
            "e9 48.19\n"
            "i1 105\n"
            "o99 50\n"
            "ข้อ e๓ ท่านเคยถูกเจ้าหน้าที่เรียกรับสินบน\n")
    got = parse_scores(text, fw)
    assert got.questions == {"i1": Decimal("95.19"), "o7": Decimal("0.00"), "o10": Decimal(100),
                             "o25": Decimal(100), "e9": Decimal("48.19")}
    assert got.indicators == {1: Decimal("94.82"), 2: Decimal("93.83")}
    assert len(got.problems) == 4  # the heading, 105, o99, no score
    assert any("O99" in p for p in got.problems) and any("๑๐๐" in p for p in got.problems)


def test_wording_check_flags_the_other_kind_of_office():
    findings = [str(f) for f in check_data(import_data(load_fixture("seed002.json")))]  # an อบต.
    assert any("นายกเทศมนตรี" in f for f in findings)
    tambon = [str(f) for f in check_data(import_data(load_fixture("seed000.json")))]  # a เทศบาลตำบล
    assert any("ปลัด อบต." in f for f in tambon)
    data = import_data(load_fixture("seed004.json"))
    plan = data.live_plans()[0]
    data.measures_of(plan.id)[0].steps = "ประสานงานกับองค์การบริหารส่วนตำบลหนองบัว และเทศบาลตำบลโนนคูณ"
    own = [str(f) for f in check_data(data)]
    assert any("หนองบัว" in f and "ชื่อหน่วยงานอื่น" in f for f in own)
    assert not any("ตำบลโนนคูณ" in f and "ชื่อหน่วยงานอื่น" in f for f in own)


def test_library_has_40_measures_that_answer_real_questions():
    lib = measure_library()
    assert len(lib) >= 40
    fw = bundled_frameworks()[2567]
    for lm in lib:
        assert lm.steps and lm.responsible and lm.period and lm.target and lm.monitoring and lm.indicators
        assert lm.answers(fw), f"{lm.key} answers no 2567 question"
    # the same words find the renumbered questions of 2569 too
    fw69 = bundled_frameworks()[2569]
    by_key = {lm.key: lm for lm in lib}
    assert "o25" in by_key["ita-measures"].answers(fw69) and "o10" in by_key["e-service"].answers(fw69)


def test_suggestions_for_seed_004_cover_indicators_8_9_10():
    from ita_desktop.domain.library import suggest

    fw, inds, qs = _seed004()
    top = suggest(fw, weak_points(fw, inds, qs), measure_library())[:12]
    covered = {i for s in top for i in s.indicators}
    assert {8, 9, 10} <= covered
    assert any("e9" in s.questions for s in top)


def test_library_wording_fits_the_office_and_adding_twice_adds_once():
    from ita_desktop.domain import library

    data = import_data(load_fixture("seed000.json"))  # เทศบาลตำบลโนนสูง
    plan = data.live_plans()[0]
    lm = next(x for x in measure_library() if x.key == "budget-participation")
    before = len(data.measures_of(plan.id))
    first = library.add_from_library(data, plan, lm)
    again = library.add_from_library(data, plan, lm)
    assert first is again and len(data.measures_of(plan.id)) == before + 1
    assert "เทศบัญญัติ" in first.steps and "ข้อบัญญัติ" not in first.steps
    assert first.period == "๑ ตุลาคม ๒๕๖๗ ถึง ๓๐ กันยายน ๒๕๖๘"
    sao = import_data(load_fixture("seed002.json"))
    plan2 = sao.live_plans()[0]
    no_gift = library.add_from_library(sao, plan2, next(x for x in measure_library() if x.key == "no-gift"))
    assert "นายกองค์การบริหารส่วนตำบลประกาศ" in no_gift.steps
    assert "library:no-gift" in {x.source_id for x in sao.measures_of(plan2.id)}


def test_groups_by_issue_template_and_suggested_texts():
    from ita_desktop.domain import grouping

    data = import_data(load_fixture("seed004.json"))
    plan = data.live_plans()[0]
    a = data.live_assessments()[0]
    fw = framework_from_dict(data.framework_of(a).data)
    for g in data.groups_of(plan.id):
        g.deleted = True
    groups = grouping.make_groups(data, plan, fw, "issues", issue_templates())
    assert len(groups) == 7 and sum("o15" in g.questions for g in groups) == 2  # o15 sits in two
    again = grouping.make_groups(data, plan, fw, "issues", issue_templates())
    assert [g.id for g in again] == [g.id for g in groups]  # no duplicates
    scores = {k: v.score for k, v in data.question_scores_of(a.id).items()}
    first = groups[0]  # i1 i2 i3 o7 o8 o9 o10
    texts = grouping.suggested_texts(first, fw, scores, ["จัดทำแผนพัฒนาท้องถิ่น"])
    assert "แผนยุทธศาสตร์" in texts["to_fix"] and "แผนและความก้าวหน้า" not in texts["to_fix"]  # o7 0.00, o8 50.00
    assert "แผนและความก้าวหน้า" in texts["to_improve"] and "ขั้นตอนและระยะเวลา" in texts["to_keep"]
    first.to_keep = "ข้อความที่เจ้าหน้าที่เขียนเอง"
    filled = grouping.fill_empty(first, texts)
    assert "to_keep" not in filled and first.to_keep == "ข้อความที่เจ้าหน้าที่เขียนเอง"
    assert grouping.stale_fields(first, scores) == []
    # a text that quotes a score (as older suggestions and clerks write) goes stale with it
    first.to_fix = "- ข้อ O7 แผนยุทธศาสตร์หรือแผนพัฒนาหน่วยงาน (ได้ ๐.๐๐ คะแนน)"
    assert grouping.stale_fields(first, scores) == []
    scores["o7"] = Decimal(100)
    assert grouping.stale_fields(first, scores) == ["to_fix"]
    by_indicator = grouping.make_groups(data, plan, fw, "indicator", {})
    assert len(by_indicator) == 10 and by_indicator[3].questions == ["i10", "i11", "i12"]


def test_level_rules_at_their_edges():
    from ita_desktop.domain import scoring

    fw = bundled_frameworks()[2567]
    good = {"IIT": Decimal(96), "EIT": Decimal(96), "OIT": Decimal(96)}
    for total, level in (("69.99", "ต้องปรับปรุงโดยด่วน"), ("70", "ต้องปรับปรุง"), ("84.99", "ต้องปรับปรุง"),
                         ("85", "ผ่านดี"), ("94.99", "ผ่านดี"), ("95", "ผ่านดีเยี่ยม")):
        assert scoring.level_of(fw, Decimal(total), good) == level, total
    one_low = {**good, "OIT": Decimal("84.99")}
    assert scoring.level_of(fw, Decimal(95), one_low) == "ผ่าน"
    letters = bundled_frameworks()[2565]  # before 2566: letter grades
    assert [scoring.level_of(letters, Decimal(t), {}) for t in ("95", "94.99", "55", "49.99")] == ["AA", "A", "D", "F"]
