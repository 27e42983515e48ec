"""Every item model of the app passes Qt's model tester (QAbstractItemModelTester, through
pytest-qt's qtmodeltester), filled from the demo office. The tester stays attached while the
model is edited and reloaded, so the signals of each change are checked too; Qt's C++ tester
reports by qWarning, which fails the test (qt_log_level_fail = WARNING), and the Python port
asserts directly."""
from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from ita_desktop.domain import edits
from ita_desktop.domain.framework import Framework, framework_from_dict
from ita_desktop.paths import resource_path
from ita_desktop.store.exchange import import_data, write_new_file
from ita_desktop.ui.document import Document
from ita_desktop.ui.models.measures import MeasureListModel
from ita_desktop.ui.models.scores import ERROR_BG, IndicatorScoreModel, QuestionScoreModel

TESTERS = pytest.mark.parametrize("force_py", [False, True], ids=["qt-tester", "python-tester"])


@pytest.fixture
def demo(qtbot, tmp_path: Path) -> Iterator[Document]:
    """The demo office as the app opens it: 8 measures and the 2567 ITA scores."""
    doc_json = json.loads(resource_path("demo", "demo-office.json").read_text(encoding="utf-8"))
    store = write_new_file(import_data(doc_json), tmp_path / "ตัวอย่าง.ita")
    doc = Document(store)
    yield doc
    doc.close()


def _scored(doc: Document) -> tuple[Framework, int]:
    a = doc.data.live_assessments()[0]
    snap = doc.data.framework_of(a)
    assert snap is not None
    return framework_from_dict(snap.data), len(doc.data.question_scores_of(a.id))


@TESTERS
def test_the_measure_list(qtmodeltester, demo: Document, force_py: bool) -> None:
    plan = demo.data.live_plans()[0]
    model = MeasureListModel(demo, plan)
    assert model.rowCount() == 8 and model.columnCount() == 4
    qtmodeltester.check(model, force_py=force_py)
    added = demo.edit("เพิ่มมาตรการ", lambda: [edits.add_measure(demo.data, plan)])
    model.reload()
    assert model.rowCount() == 9 and model.rows[-1] is added[0]
    assert model.data(model.index(8, 1), Qt.ItemDataRole.ForegroundRole) is not None  # no title yet
    demo.undo_stack.undo()
    model.reload()
    assert model.rowCount() == 8


@TESTERS
@pytest.mark.parametrize("kind", [IndicatorScoreModel, QuestionScoreModel])
def test_the_score_tables(qtmodeltester, demo: Document, force_py: bool,
                          kind: type[IndicatorScoreModel | QuestionScoreModel]) -> None:
    fw, _ = _scored(demo)
    a = demo.data.live_assessments()[0]
    model = kind(demo, a, fw)
    assert model.rowCount() == len(model.keys()) > 0
    qtmodeltester.check(model, force_py=force_py)
    score = model.index(0, model.SCORE_COL)
    # a wrong number stays in the cell, red, with the reason as its tip
    assert model.setData(score, "๙๙x")
    assert model.data(score, Qt.ItemDataRole.BackgroundRole) == ERROR_BG
    assert model.data(score, Qt.ItemDataRole.ToolTipRole)
    # a right one is stored (one undo step) and the cell is plain again
    assert model.setData(score, "77.5")
    assert model.score_of(model.keys()[0]) == Decimal("77.5")
    assert model.data(score, Qt.ItemDataRole.BackgroundRole) is None
    assert not model.setData(model.index(0, 0), "x")  # only the score column is editable
    # the scores are read once per change of the file: an undo, or an edit made elsewhere
    # (a merge, the paste dialog), shows at once
    demo.undo_stack.undo()
    assert model.score_of(model.keys()[0]) != Decimal("77.5")
    demo.undo_stack.redo()
    assert model.data(score) == "77.50"
