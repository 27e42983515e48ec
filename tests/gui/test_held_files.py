"""Files the window writes while Windows antivirus holds the target, simulated on Linux
(os.replace raises PermissionError for the first calls): they end written, and a write that
fails leaves the old file (issue 18)."""
from __future__ import annotations

import errno
import json
import os
from pathlib import Path
from typing import Any

import pytest

from ita_desktop import safe_files
from ita_desktop.ui.dialogs.catalog_editor import CatalogEditor


def _held(monkeypatch: pytest.MonkeyPatch, times: int) -> list[int]:
    real = os.replace
    calls = [0]

    def flaky(*args: Any) -> None:
        calls[0] += 1
        if calls[0] <= times:
            raise PermissionError(errno.EACCES, "held by antivirus")
        real(*args)

    monkeypatch.setattr(os, "replace", flaky)
    return calls


def test_catalog_export_onto_a_held_file_and_onto_a_full_stick(qtbot, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    slept: list[float] = []
    monkeypatch.setattr(safe_files, "sleep", slept.append)
    editor = CatalogEditor()
    qtbot.addWidget(editor)
    editor.year.setCurrentIndex(editor.year.findData(2569))
    out = tmp_path / "usb" / "ita-2569.json"
    out.parent.mkdir()
    out.write_text("old", encoding="utf-8")
    calls = _held(monkeypatch, 3)
    assert editor.export_file(out), editor.status.text()
    assert json.loads(out.read_text(encoding="utf-8"))["ita_year"] == 2569
    assert calls[0] == 4 and len(slept) == 3
    # the stick fills up while the new catalog is written: the old file stays whole
    monkeypatch.undo()
    monkeypatch.setattr(safe_files, "sleep", slept.append)
    out.write_text("old", encoding="utf-8")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    assert not editor.export_file(out)
    assert "ส่งออก" in editor.status.text()
    assert out.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in out.parent.iterdir()) == [out.name]
    editor.close()
