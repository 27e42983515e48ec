"""แนะนำมาตรการ (issue 19 items 5 and 6): a suggested measure is saved under the indicator the
dialog shows and in the ประเด็น whose weak questions it answers (asked when several do)."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from ita_desktop.domain import models as m
from ita_desktop.store.exchange import import_data, write_new_file
from ita_desktop.ui.dialogs.suggest_measures import SuggestMeasuresDialog
from ita_desktop.ui.document import Document
from tests.conftest import load_fixture


@pytest.fixture
def seed004(qtbot, tmp_path: Path) -> Iterator[Document]:
    doc = Document(write_new_file(import_data(load_fixture("seed004.json")), tmp_path / "seed004.ita"))
    yield doc
    doc.close()


def _check(dialog: SuggestMeasuresDialog, key: str) -> str:
    for i in range(dialog.list.count()):
        item = dialog.list.item(i)
        if item.data(Qt.ItemDataRole.UserRole) == key:
            item.setCheckState(Qt.CheckState.Checked)
            return item.text()
    raise AssertionError(key)


def test_suggestions_land_under_the_indicator_and_issue_shown(qtbot, seed004: Document,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    plan = seed004.data.live_plans()[0]
    dialog = SuggestMeasuresDialog(None, seed004, plan)
    qtbot.addWidget(dialog)
    asked: list[list[str]] = []

    def pick_second(title: str, groups: list[m.AnalysisGroup]) -> str:
        asked.append([g.title for g in groups])
        return groups[1].id

    monkeypatch.setattr(dialog, "ask_issue", pick_second)
    shown = {key: _check(dialog, key) for key in ("hr-plan", "no-gift", "procurement-plan")}
    assert "ตัวชี้วัดที่ ๙ ·" in shown["hr-plan"] and "ตัวชี้วัดที่ ๓" not in shown["hr-plan"]
    assert "ตัวชี้วัดที่ ๑๐ ·" in shown["no-gift"]
    dialog.add_chosen()
    added = {x.source_id: x for x in seed004.data.measures_of(plan.id) if x.source_id.startswith("library:")}
    groups = {g.id: g for g in seed004.data.groups_of(plan.id)}
    hr, gift, buy = added["library:hr-plan"], added["library:no-gift"], added["library:procurement-plan"]
    assert (hr.indicator, gift.indicator, buy.indicator) == (9, 10, 9)
    assert "o18" in groups[hr.group_id].questions and "o27" in groups[gift.group_id].questions
    assert len(asked) == 1 and len(asked[0]) == 2  # procurement: o15 sits in two issues
    assert buy.group_id == next(g.id for g in groups.values() if g.title == asked[0][1])
