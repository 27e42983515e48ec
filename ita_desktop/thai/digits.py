"""Thai and Arabic digits, and reading numbers typed in any of the ways a clerk types them."""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_THAI = str.maketrans("0123456789", THAI_DIGITS)
_TO_ARABIC = str.maketrans(THAI_DIGITS, "0123456789")
# What the number row and the full stop produce when the Kedmanee (Thai) layout is on:
# keys 1..0 give ๅ / - ภ ถ ุ ึ ค ต จ and "." gives ใ.
_KEDMANEE = str.maketrans("ๅ/-ภถุึคตจใ", "1234567890.")
_KEDMANEE_ONLY = set("ๅภถุึคตจใ")


def to_thai_digits(text: str) -> str:
    return text.translate(_TO_THAI)


def to_arabic_digits(text: str) -> str:
    return text.translate(_TO_ARABIC)


class NumberError(ValueError):
    """The text is not a number; the message is Thai and meant for the clerk."""


def parse_decimal(text: str) -> Decimal:
    """Read a decimal typed with Arabic or Thai digits, or on the Thai keyboard's number row.

    Raises NumberError with a Thai message when the text is not a number.
    """
    raw = (text or "").strip().replace(",", "").replace(" ", "")
    if not raw:
        raise NumberError("ยังไม่ได้กรอกตัวเลข")
    if any(ch in _KEDMANEE_ONLY for ch in raw) and all(ch in "ๅ/-ภถุึคตจใ" for ch in raw):
        raw = raw.translate(_KEDMANEE)
    raw = raw.translate(_TO_ARABIC)
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise NumberError(f"«{text.strip()}» ไม่ใช่ตัวเลข") from None
    if not value.is_finite():
        raise NumberError(f"«{text.strip()}» ไม่ใช่ตัวเลข")
    return value


def parse_score(text: str) -> Decimal:
    """A score 0–100 with at most two decimals, as NACC prints it."""
    value = parse_decimal(text)
    if value < 0 or value > 100:
        raise NumberError("คะแนนต้องอยู่ระหว่าง ๐ ถึง ๑๐๐")
    if value != value.quantize(Decimal("0.01")):
        raise NumberError("คะแนนมีทศนิยมได้ไม่เกิน ๒ ตำแหน่ง")
    return value.quantize(Decimal("0.01"))


def format_score(value: Decimal | None, thai: bool = True) -> str:
    """Two decimals, as printed by NACC (๗๒.๙๗)."""
    if value is None:
        return ""
    text = f"{value:.2f}"
    return to_thai_digits(text) if thai else text


# Spans whose digits are part of a name or an address and stay as typed: URLs, e-mail
# addresses, and codes such as "ISO 9001", "E-Service 4.0", "COVID-19", "Web 2.0", "A4".
_PROTECTED = re.compile(
    r"(?:https?://|www\.)[^\s<>\"“”]+"
    r"|[A-Za-z0-9._%+-]+@[\w-]+(?:\.[\w-]+)+"  # ASCII before @: \w let a Thai run backtrack
    r"|\b[A-Za-z][A-Za-z-]*(?:[ -]?[0-9๐-๙]+(?:[.:][0-9๐-๙]+)*)+\b",
)


def protected_spans(text: str) -> list[tuple[int, int]]:
    """Where digits must not be switched: (start, end) of URLs, e-mails and codes."""
    return [m.span() for m in _PROTECTED.finditer(text)]


def digits_for_print(text: str, thai: bool) -> str:
    """The text with its digits printed Thai (๑๒๓) or Arabic (123); protected spans keep the
    digits the clerk typed. The stored text never changes: this is for printing only."""
    convert = to_thai_digits if thai else to_arabic_digits
    out: list[str] = []
    pos = 0
    for start, end in protected_spans(text):
        out.append(convert(text[pos:start]))
        out.append(text[start:end])
        pos = end
    out.append(convert(text[pos:]))
    return "".join(out)
