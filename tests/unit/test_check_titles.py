"""Completeness check: a measure without a title, a very long title, question codes as printed."""
from __future__ import annotations

from ita_desktop.domain.checks import check_data
from ita_desktop.domain.wording import TITLE_MAX, title_problem
from ita_desktop.store.exchange import import_data
from tests.conftest import load_fixture


def _measures():
    data = import_data(load_fixture("seed004.json"))
    plan = data.live_plans()[0]
    return data, data.measures_of(plan.id)


def test_a_measure_without_a_title_is_its_own_finding_pointing_at_the_title() -> None:
    data, measures = _measures()
    measures[4].title = ""
    measures[3].title = "**  **"  # only bold markers: prints as an empty row too
    findings = check_data(data)
    untitled = [f for f in findings if f.field == "title" and f.level == "missing"]
    assert {f.record_id for f in untitled} == {measures[4].id, measures[3].id}
    fifth = next(f for f in untitled if f.record_id == measures[4].id)
    assert "ข้อ ๕" in fifth.where and "ยังไม่มีชื่อมาตรการ" in fifth.message
    assert "«๕.»" in fifth.message  # says what would print
    assert not any("ชื่อมาตรการ" in f.message for f in findings if f.field != "title")


def test_a_very_long_title_gets_a_gentle_warning() -> None:
    data, measures = _measures()
    measures[2].title = "ก" * (TITLE_MAX + 20)
    [long] = [f for f in check_data(data) if f.record_id == measures[2].id and f.field == "title"]
    assert long.level == "warning" and "๓๒๐" in long.message and "๓๐๐" in long.message
    measures[2].title = "ก" * TITLE_MAX
    assert not [f for f in check_data(data) if f.record_id == measures[2].id and f.field == "title"]


def test_title_problem() -> None:
    assert title_problem("ประกาศนโยบาย No Gift Policy") is None
    assert title_problem("")[0] == "missing"
    assert title_problem(" **\u200b** ")[0] == "missing"
    assert title_problem("ก" * (TITLE_MAX + 1))[0] == "warning"


def test_missing_question_scores_name_the_codes_as_printed() -> None:
    data, _ = _measures()
    a = data.live_assessments()[-1]
    scores = data.question_scores_of(a.id)
    for s in scores.values():
        s.score = None
    [f] = [f for f in check_data(data) if "คะแนนรายข้อ" in f.message]
    assert "I1" in f.message and "i1" not in f.message
