"""The ITA catalogs as data (issue 14): issue templates of 2568 and 2569 carried from seed 004's
seven issues with their provenance, copies of a year marked as copies, the tidy-up of 2568/2569
items, and which OIT item a document is evidence for."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from ita_desktop import resources
from ita_desktop.domain import grouping
from ita_desktop.domain.framework import (
    copy_framework,
    evidence_item,
    framework_from_dict,
    status_text,
)
from ita_desktop.paths import resource_path
from ita_desktop.store.exchange import import_data
from tests.conftest import load_fixture

ROOT = Path(__file__).resolve().parents[2]


def _build_catalogs() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_catalogs", ROOT / "tools" / "build_catalogs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _seed004_groups() -> list[tuple[str, list[str]]]:
    """Seed 004's seven issues as its fixture holds them (title, question codes)."""
    groups = load_fixture("seed004.json")["years"][0]["analysis"]
    return [(str(g["title"]), [str(c).lower() for c in g["questions"]]) for g in groups]


# --- 14.6 issue templates ----------------------------------------------------------------------
@pytest.mark.parametrize("year", [2568, 2569])
def test_group_by_issue_works_for_the_years_after_2567(year: int) -> None:
    data = import_data(load_fixture("seed004.json"))
    plan = data.live_plans()[0]
    fw = resources.bundled_frameworks()[year]
    groups = grouping.make_groups(data, plan, fw, "issues", resources.issue_templates())
    seed = _seed004_groups()
    assert [g.title for g in groups] == [title for title, _codes in seed]
    # every question of the year sits in an issue, and only the year's own codes
    placed = {c for g in groups for c in g.questions}
    assert placed == {q.code for q in fw.questions}


def test_seed004_issues_are_the_bundled_2567_template() -> None:
    assert resources.issue_templates()[2567] == _seed004_groups()


def test_carried_codes_say_how_they_were_mapped() -> None:
    fw69 = resources.bundled_frameworks()[2569]
    groups = fw69.raw["issues"]["groups"]
    measures = groups[6]  # กลไกและมาตรการในการแก้ไขและป้องกันการทุจริตภายในหน่วยงาน
    # 2567 o34/o35 -> 2569 o25/o26 through the catalog's own mapping; i13 likewise (same code)
    assert measures["provenance"]["o25"] == "mapping" and measures["provenance"]["o26"] == "mapping"
    assert measures["provenance"]["i13"] == "mapping"
    # 2567 o7 แผนยุทธศาสตร์… -> 2569 o5 by its item text (no mapping entry says so)
    assert groups[0]["provenance"]["o5"] == "item_text"
    assert set(grouping.ISSUE_PROVENANCE) >= {p for g in groups for p in g["provenance"].values()}
    fw68 = resources.bundled_frameworks()[2568]
    assert not {"o34", "o35"} & {c for g in fw68.raw["issues"]["groups"] for c in g["questions"]}
    assert "seed 004" in fw68.raw["issues"]["source"]


def test_the_bundled_catalogs_are_what_the_build_script_writes() -> None:
    build = _build_catalogs()
    seed = grouping.templates_from_dict(json.loads(
        resource_path("library", "issues.json").read_text(encoding="utf-8")))[2567]
    for year, by_text in ((2568, build.BY_TEXT_2568), (2569, build.BY_TEXT_2569)):
        fw = resources.bundled_frameworks()[year]
        assert fw.raw["issues"]["groups"] == grouping.carry_issues(seed, 2567, fw, by_text)
        assert grouping.unplaced(fw.raw["issues"]["groups"], fw) == []


def test_a_clerks_catalog_template_comes_before_the_bundled_one() -> None:
    data = copy_framework(resources.bundled_frameworks()[2569], 2569)
    data["issues"]["groups"][0]["questions"] = ["i1", "o1"]
    resources.save_user_framework(data)
    assert resources.issue_templates()[2569][0][1] == ["i1", "o1"]


# --- 14.7 a catalog for 2570 -------------------------------------------------------------------
def test_a_copy_is_marked_as_a_copy_in_thai_digits_and_carries_the_template() -> None:
    fw69 = resources.bundled_frameworks()[2569]
    data = copy_framework(fw69, 2570)
    assert data["title"] == "ITA ปี ๒๕๗๐ (คัดลอกจากปี ๒๕๖๙ ยังไม่ยืนยัน)"
    assert not any(ch.isascii() and ch.isdigit() for ch in data["title"] + data["source"])
    fw70 = framework_from_dict(data)
    assert fw70.status == "copy" and data["copied_from"] == 2569
    assert "ป.ป.ช. ยังไม่ได้ประกาศ" in status_text(fw70) and "๒๕๗๐" in status_text(fw70)
    assert status_text(fw69) == ""
    groups = data["issues"]["groups"]
    assert [g["questions"] for g in groups] == [g["questions"] for g in fw69.raw["issues"]["groups"]]
    assert {p for g in groups for p in g["provenance"].values()} == {"copied"}
    assert resources.issue_templates({2570: fw70})[2570] == resources.issue_templates()[2569]


def test_copying_2567_takes_its_template_from_the_bundled_list() -> None:
    template = resources.issue_templates()[2567]
    data = copy_framework(resources.bundled_frameworks()[2567], 2568,
                          issues=[{"title": t, "questions": c} for t, c in template])
    assert [g["questions"] for g in data["issues"]["groups"]] == [c for _t, c in template]
    assert "issues" not in copy_framework(resources.bundled_frameworks()[2566], 2567)


# --- 14.12 tidy-up -----------------------------------------------------------------------------
def test_the_2568_o5_remark_is_a_note_not_the_title() -> None:
    o5 = resources.bundled_frameworks()[2568].question("o5")
    assert o5 is not None
    assert o5.text == "แผนยุทธศาสตร์หรือแผนพัฒนาหน่วยงาน"
    assert o5.note == "สำหรับ อปท. คือแผนพัฒนาท้องถิ่น"


def test_items_about_the_previous_fiscal_year_say_how_sure_that_is() -> None:
    bundled = resources.bundled_frameworks()
    for year, code in ((2568, "o13"), (2568, "o15"), (2568, "o19"), (2569, "o7")):
        q = bundled[year].question(code)
        assert q is not None and q.reports_on == "previous_fiscal_year", (year, code)
        assert q.reports_on_provenance == "inferred", (year, code)  # FRAMEWORKS.md does not label them
    for code in ("o12", "o14", "o18", "o22", "o24"):  # labelled by the 2569 source
        q = bundled[2569].question(code)
        assert q is not None and (q.reports_on, q.reports_on_provenance) == ("previous_fiscal_year", "single")
    assert bundled[2568].question("o12").reports_on == ""  # type: ignore[union-attr]


# --- 14.1 which item a document is evidence for ------------------------------------------------
def test_a_document_answers_the_item_of_the_ita_year_it_is_published_for() -> None:
    catalogs = dict(resources.bundled_frameworks())
    # FY 2569's analysis and measures are evidence for ITA 2569 (O25), not for 2568's catalog
    assert evidence_item(catalogs, "analysis", 2569) == (2569, "o25")
    assert evidence_item(catalogs, "implementation", 2569, "half") == (2569, "o26")
    # the year-end report of FY 2569 answers ITA 2570, which has no catalog yet
    assert evidence_item(catalogs, "implementation", 2569, "year") is None
    # ITA 2568 does not say which items the two documents are (unresolved): no guess
    assert evidence_item(catalogs, "analysis", 2568) is None
    # 2567's catalog: the year-end report of FY 2566 is its o35
    assert evidence_item(catalogs, "implementation", 2566, "year") == (2567, "o35")
    # a copy of 2569 for 2570 not yet edited is last year's list: no guessed item from it
    copied = copy_framework(catalogs[2569], 2570)
    catalogs[2570] = framework_from_dict(copied)
    assert evidence_item(catalogs, "analysis", 2570) is None
    # once the clerk has edited it from NACC's publication, its items count
    catalogs[2570] = framework_from_dict({**copied, "status": "edited"})
    assert evidence_item(catalogs, "analysis", 2570) == (2570, "o25")
    assert evidence_item(catalogs, "implementation", 2569, "year") == (2570, "o26")
    assert evidence_item(catalogs, "something", 2569) is None


def test_the_suggested_file_name_carries_the_item_of_the_year_published_for() -> None:
    from ita_desktop.domain.framework import evidence_file_name

    catalogs = dict(resources.bundled_frameworks())
    assert evidence_file_name(catalogs, "analysis", 2569) == "O25_2569_analysis.pdf"
    assert evidence_file_name(catalogs, "implementation", 2569, "half") == "O26_2569_report_half.pdf"
    # FY 2568's year-end report answers ITA 2569's o26, not 2567's o35 (the result it analysed)
    assert evidence_file_name(catalogs, "implementation", 2568, "year") == "O26_2568_report_year.pdf"
    # no catalog of ITA 2570 yet, and 2568 names no item: no guessed item in the name
    assert evidence_file_name(catalogs, "implementation", 2569, "year") == "2569_report_year.pdf"
    assert evidence_file_name(catalogs, "analysis", 2568) == "2568_analysis.pdf"
