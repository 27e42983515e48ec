"""Shared fixtures. Qt runs offscreen; nothing touches the real home or documents folder."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
os.environ["ITA_DESKTOP_NO_DIALOGS"] = "1"

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ITA_DESKTOP_CONFIG", str(tmp_path / "config"))
    monkeypatch.setenv("ITA_DESKTOP_DOCUMENTS", str(tmp_path / "documents"))


@pytest.fixture
def fresh_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A new user's home: no settings, no Documents folder yet (the app makes it)."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("USERPROFILE", str(home))
    monkeypatch.delenv("ITA_DESKTOP_DOCUMENTS", raising=False)  # the real Documents of that home
    return home


def load_fixture(name: str) -> dict:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


@pytest.fixture
def seed004() -> dict:
    return load_fixture("seed004.json")


def type_text(widget, text: str) -> None:
    """Type text as key events (QTest's keyClicks only knows ASCII keys)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown if ord(ch) > 127 else 0,
                                                     Qt.KeyboardModifier.NoModifier, ch))
