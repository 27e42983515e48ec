"""The analysis groups (ประเด็น) as a clerk manages them: create by indicator asks whether to
replace the groups there are; add, delete, rename, move, each one undo step; each issue's
question scores shown; a ⚠ in the list for texts quoting changed scores; one field's
suggestion again on request; the status line follows the file."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from ita_desktop.resources import bundled_frameworks
from tests.conftest import FIXTURES


def _panel(window, tmp_path: Path):
    assert window.import_json_to(FIXTURES / "seed004.json", tmp_path / "โนนคูณ.ita")
    panel = window.plan_page.groups
    assert len(panel.doc.data.groups_of(panel.plan.id)) == 7
    return panel


def _titles(panel) -> list[str]:
    return [g.title for g in panel.doc.data.groups_of(panel.plan.id)]


def test_create_by_indicator_asks_replace_or_add(window, tmp_path, monkeypatch):
    panel = _panel(window, tmp_path)
    stack = panel.doc.undo_stack
    before = _titles(panel)
    monkeypatch.setattr(panel, "ask_replace_or_add", lambda: None)  # cancelled: nothing changes
    panel.create_groups("indicator")
    assert _titles(panel) == before
    monkeypatch.setattr(panel, "ask_replace_or_add", lambda: "replace")
    panel.create_groups("indicator")
    assert len(_titles(panel)) == 10 and _titles(panel)[0].startswith("ตัวชี้วัดที่ ๑ ")
    stack.undo()
    assert _titles(panel) == before
    monkeypatch.setattr(panel, "ask_replace_or_add", lambda: "add")
    panel.create_groups("indicator")
    assert len(_titles(panel)) == 17 and _titles(panel)[:7] == before
    stack.undo()
    assert _titles(panel) == before


def test_add_delete_move_rename_are_one_undo_step_each(window, tmp_path):
    panel = _panel(window, tmp_path)
    stack, data, plan = panel.doc.undo_stack, panel.doc.data, panel.plan
    before = _titles(panel)
    count = stack.count()
    panel.add_group()
    assert len(_titles(panel)) == 8 and stack.count() == count + 1
    assert panel.list.currentRow() == 7 and panel.group.title == _titles(panel)[7] == "ประเด็นใหม่"
    stack.undo()
    assert _titles(panel) == before
    # delete the first issue: its measures lose the link (undo gives it back)
    first = data.groups_of(plan.id)[0]
    linked = [x for x in data.measures_of(plan.id) if x.group_id == first.id]
    panel.list.setCurrentRow(0)
    panel.delete_group()
    assert _titles(panel) == before[1:] and all(x.group_id == "" for x in linked)
    stack.undo()
    assert _titles(panel) == before and all(x.group_id == first.id for x in linked)
    # move the second up
    panel.list.setCurrentRow(1)
    panel.move_group(-1)
    assert _titles(panel) == [before[1], before[0], *before[2:]]
    assert panel.list.currentRow() == 0
    stack.undo()
    assert _titles(panel) == before
    # rename from the list's button: the title field takes the keyboard
    panel.list.setCurrentRow(2)
    panel.rename_group()
    panel.title.set_value("ประเด็นที่ ๓ ช่องทางการเผยแพร่")
    panel.title.committed.emit("ประเด็นที่ ๓ ช่องทางการเผยแพร่")
    assert _titles(panel)[2] == "ประเด็นที่ ๓ ช่องทางการเผยแพร่"
    assert panel.list.item(2).text().replace("\u200b", "").endswith("ช่องทางการเผยแพร่")


def test_scores_shown_stale_marked_and_one_field_suggested_again(window, tmp_path):
    panel = _panel(window, tmp_path)
    data, plan = panel.doc.data, panel.plan
    panel.list.setCurrentRow(0)
    shown = panel.scores.text().replace("\u200b", "")
    assert "I1" in shown and "๙๕.๑๙" in shown and "O7" in shown and "๐.๐๐" in shown
    # a text quoting a score that changed since: ⚠ in the list
    group = data.groups_of(plan.id)[0]
    panel.doc.set_field(group, "to_fix", "- ข้อ O7 แผนยุทธศาสตร์ (ได้ ๑๐.๐๐ คะแนน)")
    assert panel.list.item(0).text().startswith("⚠")
    assert not panel.list.item(1).text().startswith("⚠")
    # suggest that one field again: the quoted score is the one in the file now
    panel.list.setCurrentRow(0)
    panel.suggest_field("to_fix")
    assert "ยังไม่ได้เปิดเผยข้อมูล «แผนยุทธศาสตร์" in group.to_fix  # o7 scored 0: not published (issue 14.4)
    assert "๑๐.๐๐" not in group.to_fix
    assert not panel.list.item(0).text().startswith("⚠")


def test_status_line_follows_the_result(window, tmp_path):
    assert window.new_file_at(tmp_path / "ใหม่.ita")
    plan = window.plan_page.create_plan(2568, "")
    panel = window.plan_page.groups
    assert "ต้องมีผลการประเมิน ITA" in panel.status.text()
    fw = bundled_frameworks()[2567]
    a = window.assessment_page.create_assessment(2567, fw)
    assert "ต้องมีผลการประเมิน ITA" not in panel.status.text()
    assert panel.link_button.isVisible() or not panel.link_button.isHidden()
    panel.link_result()
    assert plan.based_on == a.id
    assert panel.status.text() == "" and panel.by_indicator.isEnabled()
    assert Decimal(0) == Decimal(0)


def test_filling_suggestions_without_question_scores_says_what_is_missing(window, tmp_path):
    """A clerk pressed เติมข้อความแนะนำ on empty fields and read "ไม่มีช่องว่างให้เติม": the
    texts come from the question scores, which were not typed yet."""
    panel = _panel(window, tmp_path)
    a = panel.doc.data.assessment_by_id(panel.plan.based_on)
    for score in panel.doc.data.question_scores_of(a.id).values():
        score.score = None
    for g in panel.doc.data.groups_of(panel.plan.id):
        for field in ("to_fix", "to_improve", "to_keep"):
            setattr(g, field, "")
    assert panel.fill_suggestions() == []
    assert "ยังไม่มีคะแนนรายข้อ" in panel.status.text()
