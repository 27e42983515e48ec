"""Every dialog fits the clerk's screen: a 1366×768 laptop less the taskbar, at 100 % and at
125 % scaling (1366×728 and 1093×582 logical pixels), with its window frame, nothing squeezed
or cut, no horizontal scroll bar, and a title the title bar shows whole.

Each screen is a fresh process (Qt fixes its scale factor at start): tests/support/dialog_fit.py
opens the dialogs as a clerk does and measures them."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit

from ita_desktop.ui.main_window import MainWindow
from tests.conftest import FIXTURES

ROOT = Path(__file__).resolve().parents[2]
SCREENS = {"100%": ("1", 1366, 728), "125%": ("1.25", 1366, 728)}  # device pixels, taskbar off
AVAILABLE = {"100%": (1366, 728), "125%": (1093, 582)}
DIALOGS = ("print_report", "print_report_analysis", "catalog_editor", "catalog_copy_year", "merge_review",
           "suggest_measures", "add_division", "rename_division", "removable_folders",
           # the pages' own dialogs
           "add_assessment", "paste_scores", "add_plan", "help")


@pytest.fixture(scope="module", params=sorted(SCREENS))
def measured(request, tmp_path_factory) -> tuple[str, dict[str, Any]]:
    scale, width, height = SCREENS[request.param]
    tmp = tmp_path_factory.mktemp("fit")
    config = tmp / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": width,
                                               "height": height, "logicalDpi": 96, "dpr": 1}]}),
                      encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", QT_SCALE_FACTOR=scale,
               ITA_DESKTOP_CONFIG=str(tmp / "config"), ITA_DESKTOP_DOCUMENTS=str(tmp / "documents"))
    out = tmp / "fit.json"
    run = subprocess.run([sys.executable, "-m", "tests.support.dialog_fit", str(out)], cwd=ROOT, env=env,
                         capture_output=True, text=True, encoding="utf-8", timeout=240)
    assert run.returncode == 0, run.stderr[-3000:]
    return request.param, json.loads(out.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", DIALOGS)
def test_dialog_fits_the_screen(measured, name: str) -> None:
    screen, results = measured
    found = results[name]
    assert tuple(found["available"]) == AVAILABLE[screen]
    assert found["problems"] == [], f"{name} at {screen}: " + "; ".join(found["problems"])


def test_the_print_screen_uses_the_room_it_has(measured) -> None:
    """Not a postage stamp either: the preview gets most of a 100 % screen."""
    screen, results = measured
    width, height = results["print_report"]["size"]
    avail_w, avail_h = AVAILABLE[screen]
    assert width >= min(1200, avail_w - 40) and height >= min(650, avail_h - 60)


def test_a_division_is_added_and_renamed_through_a_named_dialog(qtbot, tmp_path: Path) -> None:
    window = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    assert window.import_json_to(FIXTURES / "seed002.json", tmp_path / "ข้อมูล.ita")
    page, doc = window.office_page, window.doc
    assert doc is not None
    seen: list[tuple[str, str]] = []

    def answer(text: str) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog):
            QTimer.singleShot(20, lambda: answer(text))
            return
        edit = dialog.findChild(QLineEdit)
        seen.append((dialog.windowTitle(), edit.text()))
        edit.setText(text)
        dialog.accept()

    def names() -> list[str]:
        return [d.name for d in doc.data.live_divisions()]

    QTimer.singleShot(0, lambda: answer("  กองสวัสดิการสังคม  "))
    page.add_division()
    assert "กองสวัสดิการสังคม" in names()
    page.divisions.setCurrentRow(names().index("กองสวัสดิการสังคม"))
    QTimer.singleShot(0, lambda: answer("กองสวัสดิการสังคมและสังคมสงเคราะห์"))
    page.rename_division()
    assert "กองสวัสดิการสังคมและสังคมสงเคราะห์" in names() and "กองสวัสดิการสังคม" not in names()
    assert seen == [("เพิ่มกองหรือส่วนราชการ", ""), ("เปลี่ยนชื่อกองหรือส่วนราชการ", "กองสวัสดิการสังคม")]
    window.close_document()
