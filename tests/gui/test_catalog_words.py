"""The catalog editor's question table in Thai (issue 19 item 12): the provenance of each
question reads คัดลอก… / มีแหล่งอ้างอิง / แหล่งเดียว / อนุมาน, not copied/sourced/single/inferred,
and the catalog saved keeps the keys it had."""
from __future__ import annotations

from pytestqt.qtbot import QtBot

from ita_desktop.domain.framework import PROVENANCE
from ita_desktop.resources import all_frameworks
from ita_desktop.ui.dialogs.catalog_editor import Q_COLUMNS, CatalogEditor


def test_question_provenance_and_report_column_read_in_thai(qtbot: QtBot) -> None:
    editor = CatalogEditor()
    qtbot.addWidget(editor)
    editor.year.setCurrentIndex(editor.year.findData(2569))
    col, rep = Q_COLUMNS.index("provenance"), Q_COLUMNS.index("reports_on")
    shown = {editor.questions.item(r, col).text() for r in range(editor.questions.rowCount())}
    assert shown and shown <= set(PROVENANCE.values()), shown
    assert len(shown) >= 2
    reports = {editor.questions.item(r, rep).text() for r in range(editor.questions.rowCount())} - {""}
    assert reports == {"ใช่"}
    legend = " ".join(w.text() for w in editor.findChildren(type(editor.status)) if "ที่มา:" in w.text())
    assert "sourced" not in legend and "แหล่งเดียว" in legend
    # what is saved keeps the keys
    raw = {q["code"]: q for q in all_frameworks()[2569].raw["questions"]}
    for q in editor.collect()["questions"]:
        assert q["provenance"] == raw[q["code"]].get("provenance", "sourced"), q["code"]
        assert q.get("reports_on", "") == raw[q["code"]].get("reports_on", "")
    editor.add_question()
    assert editor.questions.item(editor.questions.rowCount() - 1, col).text() == PROVENANCE["single"]
    # only ใช่ says yes: a clerk typing ไม่ there means no
    first_yes = next(r for r in range(editor.questions.rowCount()) if editor.questions.item(r, rep).text())
    editor.questions.item(first_yes, rep).setText("ไม่")
    code = editor.questions.item(first_yes, Q_COLUMNS.index("code")).text().lower()
    assert "reports_on" not in next(q for q in editor.collect()["questions"] if q["code"] == code)
