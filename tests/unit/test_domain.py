from __future__ import annotations

import random
from decimal import Decimal

from ita_desktop.domain import edits, markup, scoring
from ita_desktop.domain import models as m
from ita_desktop.domain.sortkey import key_between, keys_after
from ita_desktop.resources import bundled_frameworks
from tests.conftest import load_fixture

FW = bundled_frameworks()[2567]


def test_catalog_2567_has_every_question_of_seed_004() -> None:
    codes = [q.code for q in FW.questions]
    assert codes == ([f"i{n}" for n in range(1, 16)] + [f"e{n}" for n in range(1, 10)]
                     + [f"o{n}" for n in range(1, 36)])
    assert [t.weight for t in FW.tools] == [30, 30, 40]
    assert len(FW.indicators) == 10
    assert FW.documents == {"analysis": "o34", "implementation": "o35"}


def test_seed_004_indicator_scores_give_72_97_and_the_level() -> None:
    scores = load_fixture("seed004_scores.json")["indicators"]
    comp = scoring.compute(FW, {int(k): Decimal(v) for k, v in scores.items()})
    assert comp.shown_total == Decimal("72.97")
    assert comp.shown_tool("IIT") == Decimal("92.37")
    assert comp.shown_tool("EIT") == Decimal("87.53")
    assert comp.shown_tool("OIT") == Decimal("47.50")
    assert comp.level == "ต้องปรับปรุง"


def test_half_up_and_levels() -> None:
    assert scoring.round2(Decimal("72.965")) == Decimal("72.97")
    assert scoring.round2(Decimal("72.964")) == Decimal("72.96")
    tools = {"IIT": Decimal(96), "EIT": Decimal(95), "OIT": Decimal("94.99")}
    assert scoring.level_of(FW, Decimal("95.5"), tools) == "ผ่านดี"
    tools["OIT"] = Decimal(95)
    assert scoring.level_of(FW, Decimal("95.5"), tools) == "ผ่านดีเยี่ยม"
    assert scoring.level_of(FW, Decimal(85), {"IIT": Decimal(80), "EIT": Decimal(90), "OIT": Decimal(90)}) == "ผ่าน"
    assert scoring.level_of(FW, Decimal("80.39"), tools) == "ต้องปรับปรุง"
    assert scoring.level_of(FW, Decimal("69.99"), tools) == "ต้องปรับปรุงโดยด่วน"
    assert scoring.differs(Decimal("72.99"), Decimal("72.9697"))
    assert not scoring.differs(Decimal("72.98"), Decimal("72.9697"))


def test_indicator_8_is_the_mean_of_its_questions() -> None:
    qs = {k: Decimal(v) for k, v in load_fixture("seed004_scores.json")["questions"].items()}
    assert scoring.round2(scoring.indicator_from_questions(FW, qs, 8)) == Decimal("75.81")


def test_sort_keys_never_renumber() -> None:
    rnd = random.Random(1)
    keys = keys_after(None, 3)
    for _ in range(500):
        keys.sort()
        i = rnd.randrange(len(keys) + 1)
        a = keys[i - 1] if i else None
        b = keys[i] if i < len(keys) else None
        k = key_between(a, b)
        assert (a is None or a < k) and (b is None or k < b)
        keys.append(k)


def test_deterministic_ids_for_natural_keys() -> None:
    assert m.Assessment.make_id(2567) == m.Assessment.make_id(2567) != m.Assessment.make_id(2568)
    assert m.QuestionScore.make_id(2567, "O7") == m.QuestionScore.make_id(2567, "o7")
    assert m.Plan.make_id(2568) == m.natural_id("plan", 2568)


def test_move_duplicate_and_copy_measures() -> None:
    data = m.OfficeFile()
    old = edits.add_plan(data, 2568, None)
    a = edits.add_measure(data, old, title="ก")
    b = edits.add_measure(data, old, title="ข")
    c = edits.add_measure(data, old, title="ค")
    keys_before = {x.id: x.sort_key for x in (a, b)}
    edits.move_measure(data, c, 0)
    assert [x.title for x in data.measures_of(old.id)] == ["ค", "ก", "ข"]
    assert {x.id: x.sort_key for x in (a, b)} == keys_before  # nothing renumbered
    d = edits.duplicate_measure(data, a)
    assert [x.title for x in data.measures_of(old.id)] == ["ค", "ก", "ก", "ข"] and d.id != a.id
    new = edits.add_plan(data, 2569, None)
    first = edits.copy_measures(data, old, new)
    again = edits.copy_measures(data, old, new)
    assert len(first) == 4 and again == []
    assert {x.source_id for x in data.measures_of(new.id)} == {a.id, b.id, c.id, d.id}


def test_signatories_fall_back_to_the_office_defaults() -> None:
    data = m.OfficeFile()
    boss = edits.signatory_for(data, "office", "", "", "approver")
    boss.name, boss.position = "นายเก่า", "นายก อบต."
    plan = edits.add_plan(data, 2568, None)
    assert data.signatories_for(plan.id, "implementation", "year")[2].name == "นายเก่า"
    own = edits.signatory_for(data, plan.id, "implementation", "year", "approver")
    own.name = "นายใหม่"
    assert data.signatories_for(plan.id, "implementation", "year")[2].name == "นายใหม่"
    assert data.signatories_for(plan.id, "implementation", "half")[2].name == "นายเก่า"


def test_markup_parse_and_serialize() -> None:
    text = "**การประกาศนโยบาย:** ผู้บริหารลงนาม\n๑. ขั้นแรก\n๓. ข้าม ๒ ไว้\n๘.๑ ย่อย\n\n- หัวข้อ\n- ดาว \\* และ \\\\"
    paras = markup.parse(text)
    assert markup.serialize(paras) == text
    first = paras[0]
    assert first[0].runs[0] == markup.Run("การประกาศนโยบาย:", True)
    assert [(ln.kind, ln.label) for ln in first[1:]] == [("number", "๑. "), ("number", "๓. "), ("number", "๘.๑ ")]
    assert paras[1][1].text == "ดาว * และ \\"
    assert markup.plain_text("**ก** ข") == "ก ข"
    # not numbers: amounts and years at a line start
    assert markup.parse("100 คน")[0][0].kind == "text"
    assert markup.parse("2568 ปี")[0][0].kind == "text"


def test_markup_never_loses_text() -> None:
    rnd = random.Random(7)
    alphabet = list("กขคงabc *\\-๑.12\n ")
    for _ in range(500):
        s = "".join(rnd.choice(alphabet) for _ in range(rnd.randrange(30)))
        letters = [ch for ch in s if ch not in " \n*\\"]
        shown = markup.plain_text(s)
        assert [ch for ch in shown if ch not in " \n*\\"] == letters
        once = markup.serialize(markup.parse(s))
        assert markup.serialize(markup.parse(once)) == once


def test_all_records_lists_every_record_kind() -> None:
    import dataclasses

    data = m.OfficeFile()
    lists = [f.name for f in dataclasses.fields(data) if f.name != "office"]
    edits.add_plan(data, 2568, None)
    edits.add_division(data, "กองคลัง")
    assert len(data.all_records()) == 3
    # a new list field must be added to all_records too
    assert set(lists) == {"divisions", "signatories", "frameworks", "assessments", "indicator_scores",
                          "question_scores", "plans", "groups", "measures", "results", "documents",
                          "print_settings", "attachments", "oit_entries", "photos", "templates"}


def test_result_lookup_follows_every_way_the_results_change() -> None:
    data = m.OfficeFile()
    assert data.result("a", "year") is None
    first = m.Result(id=m.Result.make_id("a", "year"), measure_id="a", round="year", output="หนึ่ง")
    data.results.append(first)
    assert data.result("a", "year") is first
    assert data.result("a", "half") is None
    first.deleted = True  # deleted in place
    assert data.result("a", "year") is None
    second = m.Result(id=m.Result.make_id("a", "year"), measure_id="a", round="year", output="สอง")
    data.add(second)
    assert data.result("a", "year") is second
    data.discard(second)
    assert data.result("a", "year") is None
    other = m.Result(id=m.Result.make_id("b", "half"), measure_id="b", round="half")
    data.results = [other]  # the list replaced (a file loaded, a merge)
    assert data.result("b", "half") is other and data.result("a", "year") is None
    data.discard(other)
    data.results.append(second)  # one out, one in: same length, another record last
    second.deleted = False
    assert data.result("a", "year") is second and data.result("b", "half") is None


def test_the_result_index_is_neither_a_list_of_the_file_nor_pickled() -> None:
    import copy
    import pickle

    data = m.OfficeFile()
    data.results.append(m.Result(id=m.Result.make_id("a", "year"), measure_id="a", round="year"))
    assert data.result("a", "year") is not None
    assert b"_result_index" not in pickle.dumps(data)
    clone = copy.deepcopy(data)
    assert clone == data and clone.result("a", "year") is clone.results[0]
