"""ToUnicode maps that give back real Thai characters for contextual glyphs.

reportlab writes each subset's ToUnicode map from the code points it knows glyphs by. Our
contextual glyphs (`uni0E48.small`, `uni0E4D0E49`, `uni0E0D.descless`) live at private code
points, so without help a PDF reader would extract U+E000… instead of ่ or ญ. We replace
reportlab's module-level `makeToUnicodeCMap` (reportlab 5.1, `TTFont.addObjects` calls it by
that name) with one that maps our private code points to the characters the glyph stands for.
The sara aa HarfBuzz draws for ำ (after a nikhahit) gets a private code too, mapped to ำ
(fonts.py `Face._give_back_sara_am`).
tests/unit/test_report_engine.py (the canary) fails if reportlab stops calling it.
"""
from __future__ import annotations

import re
import threading

from reportlab.pdfbase import ttfonts

_lock = threading.Lock()
_texts: dict[str, dict[int, str]] = {}  # face name -> private code -> text
NIKHAHIT = "\u0e4d"
_NAME = re.compile(r"^uni((?:[0-9A-Fa-f]{4})+)(?:[._].*)?$")
_UNAME = re.compile(r"^u([0-9A-Fa-f]{4,6})(?:[._].*)?$")


def text_of_glyph_name(name: str) -> str:
    """'uni0E48.small' -> '่', 'uni0E4D0E49' -> '้ํ'; '' when the name tells nothing."""
    m = _NAME.match(name or "")
    if m:
        hexes = m.group(1)
        text = "".join(chr(int(hexes[i:i + 4], 16)) for i in range(0, len(hexes), 4))
        if len(text) > 1 and NIKHAHIT in text:
            # nikhahit + tone ligature comes from tone + sara am: give the tone first, as typed
            text = text.replace(NIKHAHIT, "") + NIKHAHIT
        return text
    m = _UNAME.match(name or "")
    if m:
        return chr(int(m.group(1), 16))
    return ""


def remember(face_name: bytes | str, code: int, text: str) -> None:
    key = face_name.decode("latin-1") if isinstance(face_name, bytes) else face_name
    with _lock:
        _texts.setdefault(key, {})[code] = text


def text_of(face_name: bytes | str, code: int) -> str:
    """The text glyph code `code` of a face extracts as."""
    key = face_name.decode("latin-1") if isinstance(face_name, bytes) else face_name
    with _lock:
        return _texts.get(key, {}).get(code, chr(code))


def _utf16_hex(text: str) -> str:
    data = text.encode("utf-16-be")
    return data.hex().upper()


def make_to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's CMap, with private code points replaced by the text they stand for."""
    face_name = fontname.split("+", 1)[1] if "+" in fontname else fontname
    texts = _texts.get(face_name, {})
    entries = []
    for i, v in enumerate(subset):
        text = texts.get(v) or chr(v)
        entries.append(f"<{i:02X}> <{_utf16_hex(text)}>")
    cmap = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
    ]
    # a bfchar block holds at most 100 entries
    for start in range(0, len(entries), 100):
        chunk = entries[start:start + 100]
        cmap += [f"{len(chunk)} beginbfchar", *chunk, "endbfchar"]
    cmap += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(cmap)


def install() -> None:
    """Make reportlab write our ToUnicode maps (idempotent)."""
    ttfonts.makeToUnicodeCMap = make_to_unicode_cmap


def installed() -> bool:
    return ttfonts.makeToUnicodeCMap is make_to_unicode_cmap


install()
