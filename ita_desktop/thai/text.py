"""Normalisation of text as it enters the file.

Invisible characters make reportlab lose text and make equal texts merge as different, so
they are removed once, on input; stored text is always normalised.
"""
from __future__ import annotations

import re

_REMOVE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = {0x00A0: " ", 0x2007: " ", 0x202F: " ", 0x3000: " ", 0x0009: "\t"}
_DOUBLE_E = re.compile("\u0e40\u0e40")  # เเ typed as two sara e -> แ
_NIKHAHIT_AA = re.compile("\u0e4d\u0e32")  # ํ + า typed apart -> ำ


def normalize_text(text: str) -> str:
    """Return text as stored: no zero-width or soft-hyphen characters, plain spaces,
    composed sara am and sara ae, Unix newlines."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_REMOVE).translate(_SPACES)
    text = _NIKHAHIT_AA.sub("\u0e33", text)
    text = _DOUBLE_E.sub("\u0e41", text)
    return text


def normalize_line(text: str) -> str:
    """normalize_text for one-line fields: newlines become spaces, ends trimmed."""
    return " ".join(normalize_text(text).replace("\n", " ").split(" ")).strip()
