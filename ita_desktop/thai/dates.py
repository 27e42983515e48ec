"""Buddhist-era dates, fiscal years and quarters, never through the OS locale."""
from __future__ import annotations

import datetime as dt
import re

from ita_desktop.thai.digits import to_arabic_digits, to_thai_digits

BE_OFFSET = 543
MONTHS = ("มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม",
          "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม")
MONTHS_SHORT = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.",
                "ต.ค.", "พ.ย.", "ธ.ค.")


def be_year(date: dt.date) -> int:
    return date.year + BE_OFFSET


def format_thai_date(date: dt.date, thai_digits: bool = True, short: bool = False) -> str:
    """"๑๕ มกราคม ๒๕๖๘" (or "๑๕ ม.ค. ๒๕๖๘" when short)."""
    month = (MONTHS_SHORT if short else MONTHS)[date.month - 1]
    text = f"{date.day} {month} {be_year(date)}"
    return to_thai_digits(text) if thai_digits else text


def fiscal_year(date: dt.date) -> int:
    """B.E. fiscal year N runs from 1 October of N-1 to 30 September of N."""
    return be_year(date) + (1 if date.month >= 10 else 0)


def fiscal_year_range(fy_be: int) -> tuple[dt.date, dt.date]:
    return dt.date(fy_be - BE_OFFSET - 1, 10, 1), dt.date(fy_be - BE_OFFSET, 9, 30)


def fiscal_quarter(date: dt.date) -> int:
    """Quarter 1 = ต.ค.–ธ.ค., 2 = ม.ค.–มี.ค., 3 = เม.ย.–มิ.ย., 4 = ก.ค.–ก.ย."""
    return ((date.month - 10) % 12) // 3 + 1


def round_period(fy_be: int, round_key: str) -> tuple[dt.date, dt.date]:
    """Reporting period of a round: 'half' = 1 Oct – 31 Mar, 'year' = the fiscal year."""
    start, end = fiscal_year_range(fy_be)
    if round_key == "half":
        return start, dt.date(start.year + 1, 3, 31)
    return start, end


_DATE_RE = re.compile(r"^\s*(\d{1,2})\s*([^\d\s]+)\s*(\d{4})\s*$")


class DateError(ValueError):
    """Not a date; the message is Thai."""


def parse_thai_date(text: str) -> dt.date:
    """Read "๑๕ มกราคม ๒๕๖๘", "15 ม.ค. 2568" or "15/1/2568" (B.E. years)."""
    raw = to_arabic_digits((text or "").strip())
    parts = re.split(r"[/\-.]", raw)
    try:
        if len(parts) == 3 and all(p.strip().isdigit() for p in parts):
            day, month, year = (int(p) for p in parts)
        else:
            m = _DATE_RE.match(raw)
            if not m:
                raise DateError(f"«{text}» ไม่ใช่วันที่ (ตัวอย่าง ๑๕ มกราคม ๒๕๖๘)")
            day, year = int(m.group(1)), int(m.group(3))
            name = m.group(2)
            if name in MONTHS:
                month = MONTHS.index(name) + 1
            elif name in MONTHS_SHORT or name + "." in MONTHS_SHORT:
                month = (MONTHS_SHORT.index(name) if name in MONTHS_SHORT
                         else MONTHS_SHORT.index(name + ".")) + 1
            else:
                raise DateError(f"ไม่รู้จักชื่อเดือน «{name}»")
        if year < 2400:
            raise DateError("ปีต้องเป็นพุทธศักราช เช่น ๒๕๖๘")
        return dt.date(year - BE_OFFSET, month, day)
    except ValueError as exc:
        if isinstance(exc, DateError):
            raise
        raise DateError(f"«{text}» ไม่มีวันที่นี้ในปฏิทิน") from None


def period_text(start: dt.date, end: dt.date, thai_digits: bool = True) -> str:
    """"๑ ตุลาคม ๒๕๖๗ ถึง ๓๑ มีนาคม ๒๕๖๘"."""
    return f"{format_thai_date(start, thai_digits)} ถึง {format_thai_date(end, thai_digits)}"


def digits(text: str, thai: bool) -> str:
    return to_thai_digits(text) if thai else text
