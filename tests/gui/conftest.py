"""Fixtures of the GUI tests: the main window of a fresh settings file, and message boxes that
record what they would have said instead of waiting for a click."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from ita_desktop import app as appmod
from ita_desktop.thai import words
from ita_desktop.ui.main_window import MainWindow


def start_app(qtbot, argv: list[str] | None = None) -> MainWindow:
    """The window as a clerk starts the app: through the one start every start path uses."""
    window = appmod.start(argv or [])
    assert window is not None, "a fresh start must not hand over to another running app"
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def message_boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    for name in ("warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, _n=name, **k: shown.append(str(a[2])))
    return shown


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:
    """1093×590: a 1366×768 screen at 125 %."""
    words.ensure_loaded()
    w = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.resize(1093, 590)
    w.show()
    yield w
    w.close_document()
