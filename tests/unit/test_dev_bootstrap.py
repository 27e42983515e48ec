"""dev.py, the README's two commands: what a fresh Linux machine without X libraries is told."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
import dev  # noqa: E402


def test_missing_x_libraries_are_named_with_the_packages_to_install(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("the X11 plugin is Linux only")
    listing = ("\tlibxcb-icccm.so.4 => not found\n"
               "\tlibxcb1.so.1 => /lib/x86_64-linux-gnu/libxcb1.so.1 (0x0)\n")
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setattr(dev, "setup", lambda: None)
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: subprocess.CompletedProcess(a, 0, listing, ""))
    with pytest.raises(SystemExit) as stop:
        dev.main(["app"])
    message = str(stop.value.code)
    assert "libxcb-icccm.so.4" in message
    assert "apt-get install" in message and "libxcb-icccm4" in message and "libxcb-keysyms1" in message
