"""Thai wraps between words where Qt has no libthai (Windows), thanks to break markers.

A stub libthai.so.0 without the symbols Qt looks up is put first on LD_LIBRARY_PATH, so
Qt's Thai line breaking is off as on Windows; the check runs in a child process.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CHILD = r"""
import sys
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QTextLayout, QTextOption
app = QGuiApplication([])
fid = QFontDatabase.addApplicationFont(sys.argv[1])
font = QFont(QFontDatabase.applicationFontFamilies(fid)[0], 12)
from ita_desktop.thai.words import with_break_markers
text = "การปฏิบัติงานหรือให้บริการของเจ้าหน้าที่ในหน่วยงานของท่านเป็นไปตามขั้นตอนและระยะเวลา"
for label, t in (("plain", text), ("marked", with_break_markers(text))):
    layout = QTextLayout(t, font)
    opt = QTextOption()
    opt.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(opt)
    layout.beginLayout()
    lines = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(150)
        lines.append(t[line.textStart():line.textStart() + line.textLength()])
    layout.endLayout()
    print(label, "|".join(l.replace("\u200b", "") for l in lines))
"""


@pytest.mark.skipif(sys.platform != "linux" or shutil.which("cc") is None, reason="needs Linux and a C compiler")
def test_break_markers_wrap_thai_without_libthai(tmp_path: Path) -> None:
    stub_src = tmp_path / "stub.c"
    stub_src.write_text("int ita_desktop_stub_libthai;\n", encoding="utf-8")
    subprocess.run(["cc", "-shared", "-fPIC", "-o", str(tmp_path / "libthai.so.0"), str(stub_src)], check=True)
    shutil.copy(tmp_path / "libthai.so.0", tmp_path / "libthai.so")
    env = dict(os.environ, LD_LIBRARY_PATH=f"{tmp_path}:{os.environ.get('LD_LIBRARY_PATH', '')}",
               QT_QPA_PLATFORM="offscreen")
    font = Path(__file__).resolve().parents[2] / "fonts" / "Sarabun-Regular.ttf"
    out = subprocess.run([sys.executable, "-c", CHILD, str(font)], env=env, capture_output=True,
                         text=True, encoding="utf-8", timeout=60, check=True).stdout
    plain = next(row for row in out.splitlines() if row.startswith("plain ")).split(" ", 1)[1].split("|")
    marked = next(row for row in out.splitlines() if row.startswith("marked ")).split(" ", 1)[1].split("|")
    # without libthai and without markers the Thai run cannot break between words:
    # it overflows as one line (or is cut anywhere); with markers it wraps at words
    from ita_desktop.thai.words import words

    boundaries = set()
    pos = 0
    text = "".join(marked)
    for w in words(text):
        pos += len(w)
        boundaries.add(pos)
    assert len(marked) >= 3
    ends = [sum(len(x) for x in marked[: i + 1]) for i in range(len(marked) - 1)]
    assert all(e in boundaries for e in ends), (marked, ends)
    assert len(plain) == 1 or not all(
        sum(len(x) for x in plain[: i + 1]) in boundaries for i in range(len(plain) - 1))
