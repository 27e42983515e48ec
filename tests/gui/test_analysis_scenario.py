"""Issue 19 as a clerk walks it, through the window the app's real start opens: a new file, the ITA 2567 result with the
scores pasted from seed 004's tables, a plan for FY 2568 with the seven issues of the template
and their suggested texts, suggested measures saved under the indicator shown and linked to
their issue, then the analysis booklet: contents against the real pages, measures by issue."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from ita_desktop.domain import models as m
from ita_desktop.report import ReportOptions, build_pdf
from ita_desktop.resources import bundled_frameworks
from ita_desktop.store.exchange import import_data
from ita_desktop.thai.digits import to_thai_digits
from ita_desktop.ui.pages.assessment import PasteScoresDialog
from tests.conftest import load_fixture
from tests.gui.test_clerk_start import close, start
from tests.support.reports import pdfcheck
from tests.unit.test_analysis_print import _assert_contents_match_pages, _table_text
from tests.unit.test_paste_rows import SEED004_INDICATORS


def _question_table() -> str:
    seed = import_data(load_fixture("seed004.json"))
    a = seed.live_assessments()[0]
    return "\n".join(f"{code.upper()}\t{q.score}" for code, q in seed.question_scores_of(a.id).items()
                     if q.score is not None)


def test_the_whole_analysis_as_a_clerk_walks_it(qtbot, fresh_home: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    window = start(qtbot)  # the README command's start, on a fresh home (the demo opens first)
    assert window.new_file_at(tmp_path / "โนนคูณ.ita")
    doc = window.doc
    office = doc.data.office
    doc.set_field(office, "name", "องค์การบริหารส่วนตำบลโนนคูณ")
    # the result and its scores, pasted
    page = window.assessment_page
    a = page.create_assessment(2567, bundled_frameworks()[2567])
    doc.set_field(a, "total", Decimal("72.97"))
    for text in (SEED004_INDICATORS, _question_table()):
        dialog = PasteScoresDialog(page, page.fw)
        qtbot.addWidget(dialog)
        dialog.text.setPlainText(text)
        assert dialog.pasted is not None and dialog.table.rowCount() > 0
        page.apply_pasted(dialog.pasted)
    assert len(doc.data.indicator_scores_of(a.id)) == 10 and len(doc.data.question_scores_of(a.id)) == 59
    # the plan, its seven issues and their texts
    plan = window.plan_page.create_plan(2568, a.id)
    panel = window.plan_page.groups
    assert panel.status.text() == ""
    panel.create_groups("issues")
    groups = doc.data.groups_of(plan.id)
    assert len(groups) == 7
    assert panel.fill_suggestions()
    assert all(g.to_fix or g.to_improve or g.to_keep for g in groups)
    # suggested measures: the indicator shown, the issue asked when two answer
    dialog = window.plan_page.suggest_measures()
    assert dialog is not None
    qtbot.addWidget(dialog)
    asked: list[int] = []

    def first_issue(_title: str, choices: list[m.AnalysisGroup]) -> str:
        asked.append(len(choices))
        return choices[0].id
    monkeypatch.setattr(dialog, "ask_issue", first_issue)
    shown = {}
    for i in range(dialog.list.count()):
        item = dialog.list.item(i)
        key = item.data(Qt.ItemDataRole.UserRole)
        if key in ("hr-plan", "no-gift", "procurement-plan"):
            item.setCheckState(Qt.CheckState.Checked)
            shown[key] = item.text()
    assert len(shown) == 3
    dialog.add_chosen()
    dialog.close()
    assert asked and all(n >= 2 for n in asked)  # procurement answers two issues: asked which
    added = {x.source_id.removeprefix("library:"): x for x in doc.data.measures_of(plan.id)}
    for key, text in shown.items():
        x = added[key]
        assert f"ตัวชี้วัดที่ {to_thai_digits(str(x.indicator))} ·" in text, (key, text)
        assert x.group_id in {g.id for g in groups}, key
    assert (added["hr-plan"].indicator, added["no-gift"].indicator) == (9, 10)
    # the booklet
    out = tmp_path / "การวิเคราะห์.pdf"
    build_pdf(doc.data, ReportOptions(fiscal_year=2568, document="analysis", front_matter=True, draft="no"), out)
    assert _assert_contents_match_pages(out) >= 5
    table = _table_text(out)
    rank = {g.id: n for n, g in enumerate(groups)}
    ordered = sorted(added.values(), key=lambda x: rank[x.group_id])
    where = [table.index("".join(x.title.split())[:15]) for x in ordered]
    assert where == sorted(where)
    assert "มาตรการที่ยังไม่ได้ระบุประเด็น" not in table
    defects, report = pdfcheck(out, None, tmp_path)
    assert defects == 0, report
    assert isinstance(office, m.Office)
    # the check: nothing left outside an issue, no text quoting an old score
    from ita_desktop.domain import checks

    said = [f.message for f in checks.check_data(doc.data)]
    assert not any("ยังไม่ได้ระบุประเด็น" in t or "คะแนนที่เปลี่ยนไปแล้ว" in t for t in said), said
    # next year's catalog, named in Thai digits
    editor = window.edit_catalogs()
    qtbot.addWidget(editor)
    editor.year.setCurrentIndex(editor.year.findData(2569))
    assert editor.copy_to_year(2570), editor.status.text()
    assert editor.title.text().startswith("ITA ปี ๒๕๗๐")
    editor.close()
    close(qtbot, window)
