"""A word cut in the middle because its column is too narrow: the warning says which measure
(its number and title), which column (its printed heading) and which word, in Thai, so the
clerk can find it on the page and fix the width."""
from __future__ import annotations

import io
import re

from ita_desktop.domain import models as m
from ita_desktop.report import ReportOptions, build_pdf, fonts
from ita_desktop.report import text as T
from ita_desktop.store.exchange import import_data
from tests.conftest import load_fixture

CUT = "ถูกตัดกลางคำ"
QUOTED = re.compile("«([^»]+)»")


def _render(data: m.OfficeFile, **kw) -> list[str]:
    kw.setdefault("draft", "no")
    opts = ReportOptions(fiscal_year=data.live_plans()[0].fiscal_year, **kw)
    return build_pdf(data, opts, io.BytesIO()).warnings


def _measures(data: m.OfficeFile) -> list[m.Measure]:
    return data.measures_of(data.live_plans()[0].id)


def test_the_layout_reports_each_cut_word_once_and_whole():
    fam = fonts.sarabun()
    style = T.TextStyle(fam, fam.points(16))
    lay = T.layout(T.paras_of_plain("ดู ผลสัมฤทธิ์ประชาสัมพันธ์"), style, 25)
    assert len(lay.lines) > 4  # each word split more than once…
    assert lay.forced_splits == ["ผลสัมฤทธิ์", "ประชาสัมพันธ์"]  # …and named once, whole


def test_a_narrow_table_column_names_measure_column_and_word():
    data = import_data(load_fixture("seed002.json"))
    first = _measures(data)[0]
    first.responsible = "สำนักงานปลัดองค์การบริหารส่วนตำบล"
    warnings = [w for w in _render(data, widths_mm={"responsible": 8.0}) if CUT in w]
    assert warnings
    named = [w for w in warnings if w.startswith("มาตรการที่ ๑ ")]
    assert named, warnings
    w = named[0]
    title = re.sub(r"^[๐-๙0-9]+\.\s*", "", first.title)
    quoted = QUOTED.findall(w)
    assert quoted[0].rstrip("…") and title.startswith(quoted[0].rstrip("…"))  # the measure's title
    assert "คอลัมน์ «ผู้รับผิดชอบ»" in w  # the printed heading
    cut = QUOTED.findall(w.split("คำว่า ", 1)[1])
    assert cut and all(word in first.responsible and len(word) > 2 for word in cut), w
    # no warning without a place: every cut word is named where it is
    for line in warnings:
        assert "คำว่า «" in line or line.startswith(("และอีก", "คอลัมน์ «")), line


def test_a_custom_heading_is_the_one_named():
    data = import_data(load_fixture("seed002.json"))
    for x in _measures(data):
        x.responsible = "สำนักงานปลัดองค์การบริหารส่วนตำบล"
    warnings = _render(data, widths_mm={"responsible": 8.0}, headings={"responsible": "ผู้รับผิดชอบหลัก"},
                       digits="arabic")
    assert any(w.startswith("มาตรการที่ 1 ") and "คอลัมน์ «ผู้รับผิดชอบหลัก»" in w and "คำว่า «" in w
               for w in warnings), warnings
    # a cut in the heading itself names the heading
    assert any(w.startswith("หัวคอลัมน์ «ผู้รับผิดชอบหลัก»") for w in warnings), warnings
    # at most three places, then how many more
    cut = [w for w in warnings if "คำว่า «" in w]
    assert len(cut) <= 3
    assert any(w.startswith("และอีก ") for w in warnings), warnings


def test_the_analysis_measures_table_names_them_too():
    data = import_data(load_fixture("seed004.json"))
    warnings = _render(data, document="analysis", widths_mm={"responsible": 8.0})
    assert any(w.startswith("มาตรการที่ ") and "คอลัมน์ «ผู้รับผิดชอบ»" in w and "คำว่า «" in w
               for w in warnings), warnings


def test_blocks_name_the_measure_and_the_heading():
    data = import_data(load_fixture("seed002.json"))
    second = _measures(data)[1]
    long_word = "https://www.example.go.th/" + "a" * 160
    second.steps = "ดูได้ที่ " + long_word
    warnings = _render(data, layout="blocks")
    named = [w for w in warnings if w.startswith("มาตรการที่ ๒ ") and "ตัดกลางคำ" in w]
    assert named, warnings
    assert "หัวข้อ «ขั้นตอนหรือวิธีการปฏิบัติ»" in named[0]
    assert QUOTED.findall(named[0])[-1].rstrip("…") in long_word  # a long word, shortened
