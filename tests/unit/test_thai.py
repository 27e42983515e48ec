from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ita_desktop.thai.dates import (
    DateError,
    fiscal_quarter,
    fiscal_year,
    fiscal_year_range,
    format_thai_date,
    parse_thai_date,
    round_period,
)
from ita_desktop.thai.digits import (
    NumberError,
    parse_decimal,
    parse_score,
    to_arabic_digits,
    to_thai_digits,
)
from ita_desktop.thai.text import normalize_line, normalize_text


@pytest.mark.parametrize("typed, value", [
    ("72.97", "72.97"), ("๗๒.๙๗", "72.97"), ("ึ/ใตึ", "72.97"), ("ๅจจ", "100"),
    (" 50 ", "50"), ("๐", "0"), ("85.5", "85.5"), ("ภถ", "45"),
])
def test_numbers_in_every_way_a_clerk_types_them(typed: str, value: str) -> None:
    assert parse_decimal(typed) == Decimal(value)


@pytest.mark.parametrize("typed", ["100.01", "-1", "abc", "", "1e3", "NaN", "50.123"])
def test_bad_scores_are_refused_with_a_thai_reason(typed: str) -> None:
    with pytest.raises(NumberError) as exc:
        parse_score(typed)
    assert any("\u0e00" <= ch <= "\u0e7f" for ch in str(exc.value))


def test_digits_round_trip() -> None:
    assert to_thai_digits("2568 ISO 9001") == "๒๕๖๘ ISO ๙๐๐๑"
    assert to_arabic_digits("๒๕๖๘") == "2568"


def test_buddhist_era_dates_and_fiscal_year() -> None:
    d = dt.date(2025, 1, 15)
    assert format_thai_date(d) == "๑๕ มกราคม ๒๕๖๘"
    assert format_thai_date(d, thai_digits=False, short=True) == "15 ม.ค. 2568"
    assert fiscal_year(dt.date(2024, 10, 1)) == 2568
    assert fiscal_year(dt.date(2025, 9, 30)) == 2568
    assert fiscal_year_range(2568) == (dt.date(2024, 10, 1), dt.date(2025, 9, 30))
    assert [fiscal_quarter(dt.date(2025, mo, 1)) for mo in (10, 12, 1, 4, 7, 9)] == [1, 1, 2, 3, 4, 4]
    assert round_period(2568, "half") == (dt.date(2024, 10, 1), dt.date(2025, 3, 31))


@pytest.mark.parametrize("text", ["๑๕ มกราคม ๒๕๖๘", "15 ม.ค. 2568", "15/1/2568", "๑๕ ม.ค ๒๕๖๘"])
def test_parse_thai_dates(text: str) -> None:
    assert parse_thai_date(text) == dt.date(2025, 1, 15)


@pytest.mark.parametrize("text", ["31 กุมภาพันธ์ 2568", "15 มกราคม 2025", "พรุ่งนี้"])
def test_impossible_dates_are_refused(text: str) -> None:
    with pytest.raises(DateError):
        parse_thai_date(text)


def test_normalisation_removes_what_breaks_print_and_merge() -> None:
    raw = "น\u0e4d\u0e32\u200bเเก้\u00a0ไข\ufeff\u00ad\r\nบรรทัด"
    assert normalize_text(raw) == "น\u0e33แก้ ไข\nบรรทัด"
    assert normalize_line("  ก\n ข  ") == "ก  ข"
