"""Pasting the indicator table of a real report (seed 004): a row whose number and tool match
the catalog is read even when its wording differs, with a note; what was read and the
score-like lines that were not are listed for the clerk before anything is stored."""
from __future__ import annotations

from decimal import Decimal

from ita_desktop.domain.paste import parse_scores
from ita_desktop.resources import bundled_frameworks

SEED004_INDICATORS = (
    "แบบสำรวจ\tตัวชี้วัดที่\tรายละเอียดตัวชี้วัด\tคะแนน\n"
    "IIT\t๑\tการปฏิบัติหน้าที่\t๙๔.๘๒\n"
    "\t๒\tการใช้งบประมาณ\t๙๓.๘๓\n"
    "\t๓\tการใช้อำนาจ\t๙๕.๖๘\n"
    "\t๔\tการใช้ทรัพย์สินของราชการ\t๘๔.๒๐\n"
    "\t๕\tการแก้ปัญหาการทุจริต\t๙๓.๓๓\n"
    "EIT\t๖\tคุณภาพการดำเนินงาน\t๙๕.๒๑\n"
    "\t๗\tประสิทธิภาพการสื่อสาร\t๙๑.๕๖\n"
    "\t๘\tการปรับปรุงการทำงาน\t๗๕.๘๑\n"
    "OIT\t๙\tการเปิดเผยข้อมูล\t๕๐\n"
    "\t๑๐\tการป้องกันการทุจริต\t๔๕\n"
    "-เจ้าหน้าที่ของหน่วยงาน ต้องให้บริการแก่บุคคลภายนอก เป็นไปตามขั้นตอนและระยะเวลา\n"
    "ข้อ e๓ ท่านเคยถูกเจ้าหน้าที่เรียกรับสินบน\n")


def test_indicator_row_with_other_wording_is_read_when_number_and_tool_match():
    got = parse_scores(SEED004_INDICATORS, bundled_frameworks()[2567])
    assert got.indicators[5] == Decimal("93.33")
    assert len(got.indicators) == 10
    row = next(r for r in got.rows if r.key == 5)
    assert "การแก้ปัญหาการทุจริต" in row.note and "การแก้ไขปัญหาการทุจริต" in row.note


def test_rows_read_and_score_like_lines_not_read_apart_from_prose():
    got = parse_scores(SEED004_INDICATORS, bundled_frameworks()[2567])
    assert [r.key for r in got.rows] == list(range(1, 11))
    assert all(r.score is not None for r in got.rows)
    # the question row without a score is listed; the heading and the prose are not
    assert len(got.unread_scores) == 1 and "e๓" in got.unread_scores[0]


def test_a_written_tool_that_differs_is_not_read():
    fw = bundled_frameworks()[2567]
    got = parse_scores("EIT ๕ ความพึงพอใจของผู้รับบริการ ๙๓.๓๓\n", fw)
    assert 5 not in got.indicators and got.problems


def test_the_total_line_of_a_pasted_table_is_read_as_the_total():
    """A clerk pasted the indicator table with its last row "คะแนนรวม 72.97": it was refused as
    "ไม่พบรหัสข้อคำถามหรือตัวชี้วัด" (with an Arabic line number)."""
    fw = bundled_frameworks()[2567]
    got = parse_scores(SEED004_INDICATORS + "\nคะแนนรวม\t72.97\n", fw)
    assert got.total == {"total": Decimal("72.97")} and got.rows[-1].key == "total"
    assert parse_scores("ผลคะแนน ITA ๗๒.๙๗ คะแนน", fw).total == {"total": Decimal("72.97")}
    refused = parse_scores("รวม ๑๒๓.๔๕", fw)
    assert not refused.total and refused.problems
    assert parse_scores("ไม่มีรหัส 12.00", fw).problems[0].startswith("บรรทัด ๑:")
