"""แยกเป็นข้อ ๆ: lists typed inline, as real reports' text comes, go one item a line when the
clerk says yes, at paste and at JSON import."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData

from ita_desktop.store.db import Store
from ita_desktop.ui import main_window as main_window_module
from ita_desktop.ui.dialogs.split_lists import SplitListsDialog
from ita_desktop.ui.main_window import MainWindow
from ita_desktop.ui.widgets import rich_text
from ita_desktop.ui.widgets.rich_text import RichTextEdit
from tests.conftest import FIXTURES

INLINE = ("๑.จัดประชุมประจำเดือนเพื่อสร้างกระบวนการปฏิบัติงาน ๒.นำปัญหา ข้อเสนอแนะที่ได้แจ้งเวียน"
          "ให้บุคลากรภายในได้รับทราบ")
SPLIT = "๑.จัดประชุมประจำเดือนเพื่อสร้างกระบวนการปฏิบัติงาน\n๒.นำปัญหา ข้อเสนอแนะที่ได้แจ้งเวียนให้บุคลากรภายในได้รับทราบ"


def _paste(qtbot, text: str, html: str = "") -> str:
    ed = RichTextEdit()
    qtbot.addWidget(ed)
    ed.set_markup("")
    mime = QMimeData()
    if html:
        mime.setHtml(html)
    mime.setText(text)
    ed.edit.insertFromMimeData(mime)
    return ed.markup()


@pytest.mark.parametrize("answer", [True, False])
def test_paste_asks_and_splits_only_on_yes(qtbot, monkeypatch, answer: bool) -> None:
    asked: list[list[tuple[str, str]]] = []
    monkeypatch.setattr(rich_text, "ask_split_lists", lambda _parent, ex: asked.append(ex) or answer)
    assert _paste(qtbot, INLINE) == (SPLIT if answer else INLINE)
    assert asked == [[(INLINE, SPLIT)]]


def test_paste_without_a_list_asks_nothing_and_decodes_entities(qtbot, monkeypatch) -> None:
    monkeypatch.setattr(rich_text, "ask_split_lists", lambda *_a: pytest.fail("asked"))
    assert _paste(qtbot, "Dos &amp; Don&#39;ts ไตรมาสที่ ๑ - ๔") == "Dos & Don'ts ไตรมาสที่ ๑ - ๔"
    # a web page's own text, its entities double-encoded
    assert _paste(qtbot, "", html="<p>Dos &amp;amp; Don'ts</p>") == "Dos & Don'ts"


def test_the_question_shows_before_and_after_in_thai(qtbot) -> None:
    dialog = SplitListsDialog(None, [(INLINE, SPLIT), (INLINE, SPLIT)])
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "แยกเป็นข้อ ๆ"
    assert dialog.yes.text().startswith("ใช่") and dialog.no.text().startswith("ไม่")
    assert dialog.before.toPlainText().replace("\u200b", "") == INLINE
    assert dialog.after.toPlainText().replace("\u200b", "").split("\n") == SPLIT.split("\n")


@pytest.mark.parametrize("answer", [True, False])
def test_json_import_asks_once_and_splits_on_yes(qtbot, window: MainWindow, tmp_path: Path, monkeypatch,
                                                 answer: bool) -> None:
    asked: list[int] = []
    monkeypatch.setattr(main_window_module, "ask_split_lists", lambda _p, ex: asked.append(len(ex)) or answer)
    out = tmp_path / "โนนสูง.ita"
    assert window.import_json_to(FIXTURES / "seed000.json", out, split_lists=None)
    assert len(asked) == 1 and asked[0] >= 3
    window.close_document()
    store = Store.open(out)
    try:
        steps = store.load().measures[0].steps
    finally:
        store.close()
    assert ("\n๒. แจกเวียน" in steps) is answer
