"""Rows and headings read as measures (domain.table_import), and the measures put into a plan
(add_imported): pure functions, no file."""
from __future__ import annotations

from typing import Any

from ita_desktop.domain import models as m
from ita_desktop.domain.table_import import (
    Block,
    Grid,
    add_imported,
    field_of,
    guess_field,
    guess_mapping,
    import_blocks,
    label_field,
    read_table,
    split_number,
    status_of,
)
from ita_desktop.store.exchange import import_data


def test_header_words_go_to_their_fields_most_specific_first() -> None:
    assert guess_field("ผลการดำเนินการตามมาตรการ") == "output"
    assert guess_field("ผลลัพธ์หรือผลสัมฤทธิ์ในการดำเนินการ (outcome/result)") == "outcome"
    assert guess_field("ระยะเวลาดำเนินโครงการ") == "period"
    assert guess_field("งบประมาณ (บาท)") == "budget"
    assert guess_field("ตัวชี้วัด/เป้าหมาย") == "target"
    assert guess_field("ที่") == "seq" and guess_field("ลำดับที่") == "seq"
    assert guess_field("ประเด็นการพัฒนา") == "group"
    assert guess_field("หมายเหตุ") == ""
    # a second title-like column is the activities of the measure
    assert guess_mapping(["มาตรการ", "กิจกรรม", "ผู้รับผิดชอบ"]) == {0: "title", 1: "steps", 2: "responsible"}


def test_a_heading_labels_a_field_only_when_it_starts_with_its_word() -> None:
    assert label_field("ขั้นตอนหรือวิธีการปฏิบัติ") == "steps"
    assert label_field("ประชาสัมพันธ์ข้อมูลข่าวสาร การดำเนินงานของหน่วยงาน ให้ครอบคลุมทุกขั้นตอนการดำเนินงาน") == ""
    assert label_field("ความโปร่งใสและลดขั้นตอน", strict=True) == ""


def test_field_names_as_typed_in_map() -> None:
    assert field_of("responsible") == "responsible" and field_of("ผู้รับผิดชอบ") == "responsible"
    assert field_of("-") == "" and field_of("อะไร") is None


def test_numbers_typed_into_titles() -> None:
    assert split_number("1. จัดทำคู่มือ") == ("1", "จัดทำคู่มือ")
    assert split_number("๑)จัดทำคู่มือ") == ("1", "จัดทำคู่มือ")
    assert split_number("1.2 จัดทำคู่มือ") == ("1.2", "จัดทำคู่มือ")
    assert split_number("2568 ปีแห่งความโปร่งใส") == ("", "2568 ปีแห่งความโปร่งใส")


def test_pasted_text_with_the_title_left_empty_under_it_and_dash_marks() -> None:
    """Excel's text of a merged cell: the title on its first row, empty below."""
    grid = Grid.plain([["ลำดับ", "มาตรการ", "กิจกรรม", "ผลการดำเนินการ", "ประเด็น"],
                       ["1", "มาตรการ ก", "ประชุม", "-", "ประเด็นที่ ๑"],
                       ["", "", "อบรม", "อบรมแล้ว", ""],
                       ["2", "มาตรการ ข", "ประกาศ", "", ""]])
    got = read_table(grid)
    [a, b] = got.measures
    assert a.fields == {"title": "มาตรการ ก", "steps": "ประชุม\nอบรม", "output": "อบรมแล้ว", "group": "ประเด็นที่ ๑"}
    assert b.fields["group"] == "ประเด็นที่ ๑"  # the issue written once over its measures


def test_a_row_of_column_numbers_under_the_header_is_header() -> None:
    grid = Grid.plain([["ที่", "มาตรการ", "ผู้รับผิดชอบ", "งบประมาณ"],
                       ["(1)", "(2)", "(3)", "(4)"],
                       ["1", "มาตรการ ก", "กองคลัง", "10,000"],
                       ["(1)", "(2)", "(3)", "(4)"],  # again at the top of the next page
                       ["2", "มาตรการ ข", "กองช่าง", "0"]])
    got = read_table(grid)
    assert got.header_rows == 2 and got.labels == ["ที่", "มาตรการ", "ผู้รับผิดชอบ", "งบประมาณ"]
    assert [(x.seq, x.title, x.fields["budget"]) for x in got.measures] == [
        ("1", "มาตรการ ก", "10,000"), ("2", "มาตรการ ข", "0")]


def test_blocks_stop_at_the_signatures() -> None:
    blocks = [Block("มาตรการ", 1, ["๑. มาตรการ ก"], "bold"), Block("ผู้รับผิดชอบ", 1, ["สำนักปลัด"], "bold"),
              Block("", 0, ["(ลงชื่อ)..............................ผู้รายงาน", "(นายสมชาย ใจดี)"])]
    [a] = import_blocks(blocks)
    assert a.fields == {"title": "มาตรการ ก", "responsible": "สำนักปลัด"}


def test_status_words() -> None:
    assert status_of("ดำเนินการแล้วเสร็จ") == "done"
    assert status_of("อยู่ระหว่างดำเนินการ") == "in_progress"
    assert status_of("ยังไม่ได้ดำเนินการ") == "not_started"
    assert status_of("✓") == ""


def _measures(data: m.OfficeFile, year: int) -> list[m.Measure]:
    plan = data.plan(year)
    assert plan is not None
    return data.measures_of(plan.id)


def test_add_imported_makes_a_plan_groups_and_results(seed004: dict[str, Any]) -> None:
    data = import_data(seed004)
    grid = Grid.plain([["ลำดับ", "ประเด็น", "มาตรการ", "ขั้นตอน", "ผลการดำเนินการ", "สถานะ", "ตัวชี้วัดที่"],
                       ["1", "๑. ประเด็นใหม่", "มาตรการ ก", "๑. ประชุม ๒. อบรม", "ทำแล้ว", "แล้วเสร็จ", "๙"],
                       ["2", "ประเด็นใหม่", "มาตรการ ข", "", "", "", ""]])
    got = read_table(grid, {"ตัวชี้วัดที่": "indicator"})
    records = add_imported(data, 2569, got.measures, round_="half", split_lists=True)
    plan = data.plan(2569)
    assert plan is not None and plan in records
    assert plan.based_on == m.Assessment.make_id(2567)  # the latest ITA result before 2569
    [a, b] = _measures(data, 2569)
    assert (a.title, a.steps, a.indicator) == ("มาตรการ ก", "๑. ประชุม\n๒. อบรม", 9)
    groups = data.groups_of(plan.id)
    assert [g.title for g in groups] == ["ประเด็นใหม่"] and a.group_id == b.group_id == groups[0].id
    result = data.result(a.id, "half")
    assert result is not None and (result.output, result.status) == ("ทำแล้ว", "done")
    assert data.result(b.id, "half") is None
    assert {type(r).__name__ for r in records} == {"Plan", "AnalysisGroup", "Measure", "Result"}
    assert all(r.id for r in records)


def test_add_imported_appends_after_the_plans_measures(seed004: dict[str, Any]) -> None:
    data = import_data(seed004)
    before = _measures(data, 2568)
    grid = Grid.plain([["มาตรการ", "ผู้รับผิดชอบ"], ["1. มาตรการใหม่", "กองคลัง"]])
    records = add_imported(data, 2568, read_table(grid).measures)
    after = _measures(data, 2568)
    assert after[: len(before)] == before and after[-1].title == "มาตรการใหม่"
    assert [type(r).__name__ for r in records] == ["Measure"]
