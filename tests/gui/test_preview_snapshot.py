"""The print screen hands the render worker the open document's snapshot (ita_desktop/
snapshot.py), made when the render starts: what was typed a moment ago is in the preview
without the writer being waited for, and the worker never reads the file."""
from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from ita_desktop import render_process, snapshot
from ita_desktop.store.db import Store
from ita_desktop.ui import render_worker
from ita_desktop.ui.main_window import MainWindow
from tests.conftest import FIXTURES
from tests.gui.test_print_messages import InlinePool

PDF = {"pdf": b"%PDF-1.4\n", "pages": 1, "orientation": "portrait", "warnings": []}


def test_the_preview_shows_what_the_window_holds_without_waiting_for_the_writer(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rendered: list[Any] = []

    def render_snapshot(blob: bytes, options: dict[str, Any]) -> dict[str, Any]:
        rendered.append(snapshot.loads(blob))
        return dict(PDF)

    def render_bytes(path: str, options: dict[str, Any]) -> dict[str, Any]:
        raise AssertionError("the worker read the file")
    monkeypatch.setattr(render_process, "render_snapshot", render_snapshot)
    monkeypatch.setattr(render_process, "render_bytes", render_bytes)
    monkeypatch.setattr(render_worker.RenderWorker, "pool", lambda self: InlinePool(lambda fn, *args: fn(*args)))
    w = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.show()
    assert w.import_json_to(FIXTURES / "seed002.json", tmp_path / "ข้อมูล.ita")
    real_save_all = Store.save_all

    def slow_save_all(self: Store, records: object) -> None:  # a slow stick
        time.sleep(1.5)
        real_save_all(self, records)
    monkeypatch.setattr(Store, "save_all", slow_save_all)
    measure = w.doc.data.measures_of(w.doc.data.live_plans()[0].id)[0]
    w.doc.set_field(measure, "period", "ตลอดปีงบประมาณ พ.ศ. ๒๕๖๘ (เพิ่งพิมพ์)")
    start = time.monotonic()
    screen = w.print_report()
    qtbot.addWidget(screen)
    qtbot.waitUntil(lambda: screen.rendered is not None, timeout=5000)
    assert time.monotonic() - start < 1.0  # the writer is still committing the edit
    shown = rendered[-1].measures_of(rendered[-1].live_plans()[0].id)[0]
    assert shown.period == "ตลอดปีงบประมาณ พ.ศ. ๒๕๖๘ (เพิ่งพิมพ์)"
    # options changed close together: one snapshot, made when the render starts
    count = len(rendered)
    with qtbot.waitSignal(screen.preview_ready, timeout=5000):
        screen.layout_kind.setCurrentIndex(screen.layout_kind.findData("blocks"))
        screen.digits.setCurrentIndex(screen.digits.findData("arabic"))
    assert len(rendered) == count + 1
    screen.close()
    w.close_document()
