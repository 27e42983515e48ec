"""The completeness check of the analysis (issue 19 items 2 and 8): measures printed in the last
group «มาตรการที่ยังไม่ได้ระบุประเด็น» because they are linked to no ประเด็น are listed, and
an issue's text that quotes a score changed since is flagged as the groups panel flags it."""
from __future__ import annotations

from ita_desktop.domain import checks
from ita_desktop.domain import models as m
from ita_desktop.store.exchange import import_data
from tests.conftest import load_fixture


def _seed(name: str = "seed004.json") -> m.OfficeFile:
    return import_data(load_fixture(name))


def test_measures_in_no_issue_are_listed_when_the_plan_has_issues() -> None:
    data = _seed()
    plan = data.live_plans()[0]
    staged = checks.Staged(plan, "analysis")
    assert not list(checks.measures_in_no_issue(data, staged))  # seed 004: all under an issue
    measures = data.measures_of(plan.id)
    measures[1].group_id = ""
    measures[3].group_id = "gone"
    measures[3].indicator = 9
    [f] = checks.measures_in_no_issue(data, staged)
    assert f.level == "warning" and f.record_id == measures[1].id and f.field == "group"
    assert "มาตรการ ๒ ข้อ" in f.message and "(ข้อ ๒, ๔)" in f.message
    assert "มาตรการที่ยังไม่ได้ระบุประเด็น" in f.message
    # the year-end report does not print issues: for it this is a note
    [n] = checks.measures_in_no_issue(data, checks.Staged(plan, "year"))
    assert n.level == "note"
    # a plan without issues prints by indicator: nothing to say
    plain = _seed("seed002.json")
    assert not list(checks.measures_in_no_issue(plain, checks.Staged(plain.live_plans()[0])))
    assert any(x.message == f.message for x in checks.check_data(data))


def test_issue_texts_quoting_changed_scores_are_flagged() -> None:
    data = _seed()
    plan = data.live_plans()[0]
    staged = checks.Staged(plan, "analysis")
    assert not list(checks.group_scores_quoted(data, staged))
    group = data.groups_of(plan.id)[0]
    group.to_fix = "- ข้อ O7 แผนยุทธศาสตร์ (ได้ ๑๐.๐๐ คะแนน)"
    [f] = checks.group_scores_quoted(data, staged)
    assert f.record_id == group.id and f.field == "to_fix" and f.level == "warning"
    assert group.title[:20] in f.where and "คะแนนที่เปลี่ยนไปแล้ว" in f.message and "ข้อบกพร่อง" in f.message
    assert any(x.record_id == group.id and x.field == "to_fix" for x in checks.check_data(data))


def test_quoted_scores_are_read_as_the_document_prints_codes() -> None:
    """The analysis prints codes as the catalog writes them with Thai digits ("ข้อ o๗"): a text
    quoting them is read the same way, right or stale."""
    data = _seed()
    plan = data.live_plans()[0]
    staged = checks.Staged(plan, "analysis")
    group = data.groups_of(plan.id)[0]
    o7 = data.question_scores_of(plan.based_on)["o7"].score
    for right in (f"- ข้อ o๗ แผนยุทธศาสตร์ (ได้ {o7} คะแนน)", f"- ข้อ O๗ แผนยุทธศาสตร์ (ได้ {o7} คะแนน)"):
        group.to_fix = right
        assert not list(checks.group_scores_quoted(data, staged)), right
    for stale in ("- ข้อ o๗ แผนยุทธศาสตร์ (ได้ ๑๐.๐๐ คะแนน)", "- ข้อ o7 แผนยุทธศาสตร์ (ได้ 10.00 คะแนน)"):
        group.to_fix = stale
        assert [f.field for f in checks.group_scores_quoted(data, staged)] == ["to_fix"], stale


def test_suggested_prose_is_stale_once_a_score_moves_it_to_another_field() -> None:
    """The suggested texts name questions («…») rather than quote scores: a score corrected
    from 0 to 100 leaves "ยังไม่ได้เปิดเผยข้อมูล «…»" in ข้อบกพร่อง, which is flagged."""
    from ita_desktop.domain import grouping
    from ita_desktop.domain.framework import framework_from_dict

    data = _seed()
    plan = data.live_plans()[0]
    staged = checks.Staged(plan, "analysis")
    a = data.assessment_by_id(plan.based_on)
    snap = data.framework_of(a)
    fw = framework_from_dict(snap.data)
    group = data.groups_of(plan.id)[0]
    scores = {k.lower(): s.score for k, s in data.question_scores_of(a.id).items()}
    for field in grouping.TEXT_FIELDS:
        setattr(group, field, "")
    grouping.fill_empty(group, grouping.suggested_texts(group, fw, scores))
    assert not list(checks.group_scores_quoted(data, staged))
    zero = next(c for c in group.questions if scores.get(c) == 0)
    data.question_scores_of(a.id)[zero].score = type(scores[zero])(100)
    [f] = checks.group_scores_quoted(data, staged)
    assert f.field == "to_fix" and f.record_id == group.id
