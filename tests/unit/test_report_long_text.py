"""Text a clerk should not type but might paste: a very long run of letters without a space.
It prints in time linear in its length, beside columns of a readable width, and a field past
the print cap is refused naming the measure and the field."""
from __future__ import annotations

from pathlib import Path

import pytest

from ita_desktop.domain import models as m
from ita_desktop.report import MAX_FIELD, ReportOptions, build_pdf
from ita_desktop.report import text as report_text
from ita_desktop.report.options import ReportError
from ita_desktop.store import exchange
from ita_desktop.thai.digits import digits_for_print, protected_spans

ROOT = Path(__file__).resolve().parents[2]


def demo() -> m.OfficeFile:
    return exchange.import_data(exchange.read_json(ROOT / "resources" / "demo" / "demo-office.json"))


def first_measure(data: m.OfficeFile) -> tuple[m.Plan, m.Measure]:
    plan = data.live_plans()[-1]
    return plan, data.measures_of(plan.id)[0]


def test_a_long_unbroken_text_prints_beside_readable_columns(tmp_path: Path, monkeypatch) -> None:
    data = demo()
    plan, measure = first_measure(data)
    measure.steps = "กขคงจฉชซ" * 2_500  # 20,000 letters, no break anywhere
    seen: list[int] = []
    real = report_text._clusters
    monkeypatch.setattr(report_text, "_clusters", lambda t: seen.append(len(t)) or real(t))
    widths: list[list[float]] = []
    from ita_desktop.report import flowables

    real_init = flowables.ReportTable.__init__

    def spy(self, *a, **k):
        real_init(self, *a, **k)
        widths.append(list(self.widths))
    monkeypatch.setattr(flowables.ReportTable, "__init__", spy)
    result = build_pdf(data, ReportOptions(fiscal_year=plan.fiscal_year), tmp_path / "a.pdf")
    assert (tmp_path / "a.pdf").stat().st_size > 0
    assert any("ถูกตัดกลางคำ" in w for w in result.warnings)
    mm = 72 / 25.4
    assert min(min(w) for w in widths) > 10 * mm  # no column squeezed to a point's width
    assert sum(seen) < 5 * 20_000  # each letter clustered a few times, not once per line


def test_a_field_past_the_print_cap_is_refused_naming_it(tmp_path: Path) -> None:
    data = demo()
    plan, measure = first_measure(data)
    measure.steps = "ก" * (MAX_FIELD + 1)
    with pytest.raises(ReportError, match="มาตรการที่ ๑ ช่อง «ขั้นตอน"):
        build_pdf(data, ReportOptions(fiscal_year=plan.fiscal_year), tmp_path / "a.pdf")
    assert not (tmp_path / "a.pdf").exists()


def test_e_mail_addresses_still_keep_their_digits() -> None:
    text = "ติดต่อ saraban2568@nonkhun.go.th หรือ ๐๔๓"
    start, end = protected_spans(text)[0]
    assert text[start:end] == "saraban2568@nonkhun.go.th"
    assert "saraban2568@" in digits_for_print(text, thai=True)
    assert protected_spans("ก" * 5_000 + "@x.th") == []  # Thai before @ is no address


def test_a_line_with_no_room_left_still_takes_one_cluster() -> None:
    """A frame narrower than the first-line indent gives a negative room: the window that
    doubled from nothing never grew, and the layout hung."""
    from ita_desktop.report import fonts

    style = report_text.TextStyle(fonts.family("Sarabun"), 16)
    maker = report_text._LineMaker(style, 100)
    word = report_text._Word([report_text._Atom("กขคง" * 20, False, False)], False, False)
    head, rest, inside = maker._force(word, -40)
    assert head == [("ก", False)] and rest.text == ("กขคง" * 20)[1:] and inside
