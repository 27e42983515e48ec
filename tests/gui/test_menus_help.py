"""Menus a clerk can follow (issue 19 item 14): the menu paths the README names exist, every
button of the yearly job is reachable from a menu with its shortcut, and ช่วยเหลือ › วิธีใช้
walks the yearly job in Thai, naming only menu paths that exist."""
from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtGui import QKeySequence

from ita_desktop.ui import visible_texts
from tests.conftest import FIXTURES

ROOT = Path(__file__).resolve().parents[2]
MENUS = ["แฟ้ม", "แก้ไข", "ผลการประเมิน", "มาตรการ", "ทะเบียน OIT", "ช่วยเหลือ"]
_PATH = re.compile(r"(" + "|".join(MENUS) + r") › ([\u0e00-\u0e7f]+(?: [\u0e00-\u0e7f]+)*)")


def _actions(window) -> dict[tuple[str, str], object]:
    found = {}
    for top in window.menuBar().actions():
        for action in top.menu().actions():
            if not action.isSeparator():
                found[(top.text(), action.text().rstrip("…"))] = action
    return found


def _paths(text: str) -> list[tuple[str, str]]:
    return [(menu, item.strip()) for menu, item in _PATH.findall(text)]


def _exists(actions: dict[tuple[str, str], object], menu: str, item: str) -> bool:
    return any(m == menu and text.startswith(item) for m, text in actions)


def test_menus_name_what_the_readme_says(window):
    assert [a.text() for a in window.menuBar().actions()] == MENUS
    actions = _actions(window)
    said = _paths((ROOT / "README.md").read_text(encoding="utf-8"))
    assert ("ผลการประเมิน", "วางคะแนนจากตาราง") in said and ("มาตรการ", "ประเด็นการวิเคราะห์") in said
    missing = [f"{m} › {i}" for m, i in said if not _exists(actions, m, i)]
    assert missing == []
    # no file open: the job's items wait for one; help does not
    assert not actions[("มาตรการ", "เพิ่มมาตรการ")].isEnabled()
    assert not actions[("ผลการประเมิน", "วางคะแนนจากตาราง")].isEnabled()
    assert actions[("ช่วยเหลือ", "วิธีใช้")].isEnabled()


def test_the_yearly_job_is_reachable_from_the_menus_with_shortcuts(window, tmp_path, monkeypatch):
    assert window.import_json_to(FIXTURES / "seed004.json", tmp_path / "โนนคูณ.ita")
    actions = _actions(window)
    for menu, item in [("ผลการประเมิน", "เพิ่มผลการประเมิน"), ("ผลการประเมิน", "วางคะแนนจากตาราง"),
                       ("มาตรการ", "เพิ่มปีงบประมาณ"), ("มาตรการ", "เพิ่มมาตรการ"),
                       ("มาตรการ", "แนะนำมาตรการ"), ("มาตรการ", "ประเด็นการวิเคราะห์"),
                       ("มาตรการ", "ผู้ลงนามในเอกสาร"), ("แฟ้ม", "พิมพ์เอกสาร"),
                       ("แฟ้ม", "ตรวจความครบถ้วนของข้อมูล"), ("ช่วยเหลือ", "วิธีใช้")]:
        action = actions[(menu, item)]
        assert not action.shortcut().isEmpty(), f"{menu} › {item} has no shortcut"
    keys = [a.shortcut().toString() for a in actions.values() if not a.shortcut().isEmpty()]
    assert len(keys) == len(set(keys)), keys
    assert actions[("ช่วยเหลือ", "วิธีใช้")].shortcut() == QKeySequence("F1")
    # the issues of the analysis: the plan page with its ประเด็น tab
    actions[("มาตรการ", "ประเด็นการวิเคราะห์")].trigger()
    assert window.pages.currentWidget() is window.plan_page
    assert window.plan_page.right.currentWidget() is window.plan_page.groups
    actions[("มาตรการ", "ผู้ลงนามในเอกสาร")].trigger()
    assert window.plan_page.right.currentIndex() == 1
    # the paste dialog opens from the menu, on the scores page
    opened = []
    monkeypatch.setattr(window.assessment_page, "paste_dialog", lambda: opened.append("paste"))
    actions[("ผลการประเมิน", "วางคะแนนจากตาราง")].trigger()
    assert opened == ["paste"] and window.pages.currentWidget() is window.assessment_page
    count = len(window.doc.data.measures_of(window.plan_page.plan.id))
    actions[("มาตรการ", "เพิ่มมาตรการ")].trigger()
    assert len(window.doc.data.measures_of(window.plan_page.plan.id)) == count + 1


def test_help_walks_the_yearly_job_in_thai(qtbot, window):
    actions = _actions(window)
    actions[("ช่วยเหลือ", "วิธีใช้")].trigger()
    dialog = window.help_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.addWidget(dialog)
    assert visible_texts.problems(dialog) == []
    text = dialog.text.toPlainText()
    for step in ("ข้อมูลหน่วยงาน", "ผลการประเมิน", "ประเด็น", "มาตรการ", "ตรวจความครบถ้วน", "พิมพ์", "อนุมัติ",
                 "แฟลชไดรฟ์"):
        assert step in text, step
    # the steps are numbered in Thai digits, as the rest of the text (a clerk saw "1." … "8.")
    assert "๑." in text and "๘." in text and not any(f"{n}." in text for n in range(1, 9))
    said = _paths(text)
    assert len(said) >= 6
    missing = [f"{m} › {i}" for m, i in said if not _exists(actions, m, i)]
    assert missing == []
    dialog.close()


def test_an_imported_json_is_saved_in_documents_not_beside_it(qtbot, window, tmp_path, monkeypatch):
    """A clerk importing a JSON from the program's folder was offered to save the office file
    there; the new file goes to Documents."""
    from PySide6.QtWidgets import QFileDialog

    from tests.conftest import FIXTURES

    documents = tmp_path / "documents"
    documents.mkdir()
    monkeypatch.setenv("ITA_DESKTOP_DOCUMENTS", str(documents))
    offered: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *_a, **_k: (str(FIXTURES / "seed004.json"), "")))

    def save(_parent, _title, suggested, _filter):
        offered.append(suggested)
        return "", ""
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save))
    window.import_json()
    assert offered == [str(documents / "seed004.ita")]


def test_a_menu_item_whose_button_is_disabled_says_why(qtbot, window, tmp_path):
    """วางคะแนนจากตาราง… with no result yet: the page's button is disabled with a reason; the
    menu item says that reason instead of doing nothing."""
    assert window.new_file_at(tmp_path / "ใหม่.ita")
    actions = _actions(window)
    window.statusBar().clearMessage()
    actions[("ผลการประเมิน", "วางคะแนนจากตาราง")].trigger()
    assert window.statusBar().currentMessage(), "the menu item said nothing"
