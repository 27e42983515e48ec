"""Suggested analysis texts as a reviewer writes them (issue 14 item 4): prose per ประเด็น, OIT
items said as not published or incomplete rather than "0.00 คะแนน", nothing said twice
between ข้อบกพร่อง and ข้อที่ต้องพัฒนา."""
from __future__ import annotations

import re
from decimal import Decimal

from ita_desktop.domain import grouping
from ita_desktop.domain import models as m
from ita_desktop.domain.framework import Framework, framework_from_dict
from ita_desktop.store.exchange import import_data
from tests.conftest import load_fixture


def _seed004() -> tuple[m.OfficeFile, Framework, dict[str, Decimal | None]]:
    data = import_data(load_fixture("seed004.json"))
    a = data.live_assessments()[0]
    snap = data.framework_of(a)
    assert snap is not None
    fw = framework_from_dict(snap.data)
    return data, fw, {k: v.score for k, v in data.question_scores_of(a.id).items()}


def _group(codes: list[str]) -> m.AnalysisGroup:
    return m.AnalysisGroup(id="g", plan_id="p", title="ประเด็นทดสอบ", questions=codes)


def test_oit_items_are_said_as_not_published_or_incomplete() -> None:
    _data, fw, scores = _seed004()
    texts = grouping.suggested_texts(_group(["i1", "i2", "i3", "o7", "o8", "o9", "o10"]), fw, scores)
    fix, improve, keep = texts["to_fix"], texts["to_improve"], texts["to_keep"]
    assert "ยังไม่ได้เปิดเผย" in fix and "แผนยุทธศาสตร์หรือแผนพัฒนาหน่วยงาน" in fix  # o7: 0.00
    assert "รายงานผลการดำเนินงานประจำปี" in fix  # o9: 0.00
    assert "ไม่ครบ" in improve and "แผนและความก้าวหน้าในการดำเนินงาน" in improve  # o8: 50.00
    assert "แผนและความก้าวหน้า" not in fix and "แผนยุทธศาสตร์" not in improve  # each said once
    assert "เป็นไปตามขั้นตอนและระยะเวลา" in keep and "คู่มือหรือแนวทางการปฏิบัติงาน" in keep
    for text in texts.values():
        assert not re.search(r"คะแนน\)|ได้ [0-9]", text), text
        assert "มากน้อยเพียงใด" not in text and "เร่งพัฒนา" not in text
        assert text.count("\n") == 0  # one paragraph, not a list of questions


def test_low_questions_of_the_stakeholders_name_who_scored_them() -> None:
    _data, fw, scores = _seed004()
    texts = grouping.suggested_texts(_group(["i10", "i11", "i12", "e9"]), fw, scores)
    assert "ผู้มีส่วนได้ส่วนเสียภายใน" in texts["to_improve"] and "ขอยืมทรัพย์สินของราชการ" in texts["to_improve"]
    assert "ผู้มีส่วนได้ส่วนเสียภายนอก" in texts["to_fix"] and "E-Service" in texts["to_fix"]  # e9: 48.19
    assert "E-Service" not in texts["to_improve"]
    assert "ขอยืมทรัพย์สิน" not in texts.get("to_keep", "")


def test_a_group_with_nothing_weak_suggests_only_what_to_keep() -> None:
    _data, fw, scores = _seed004()
    texts = grouping.suggested_texts(_group(["i1", "o1"]), fw, scores, ["จัดทำคู่มือ"])
    assert set(texts) == {"to_keep", "approach"}
    assert "รักษา" in texts["to_keep"]
