"""Test fonts: a copy of the bundled Sarabun whose name table says another family and style
(as TH Sarabun New or PSK would), written by hand so the tests need no font library."""
from __future__ import annotations

import struct
from pathlib import Path

from ita_desktop.paths import font_path


def name_table(names: dict[int, str], mac: bool = False) -> bytes:
    """A format-0 name table: Windows (platform 3, UTF-16BE, en-US) or Mac Roman records."""
    records, strings = [], b""
    for name_id, text in sorted(names.items()):
        data = text.encode("mac_roman") if mac else text.encode("utf-16-be")
        platform, encoding, language = (1, 0, 0) if mac else (3, 1, 0x0409)
        records.append(struct.pack(">6H", platform, encoding, language, name_id, len(data), len(strings)))
        strings += data
    header = struct.pack(">3H", 0, len(records), 6 + 12 * len(records))
    return header + b"".join(records) + strings


def renamed_font(target: Path, family: str, style: str = "Regular", *, bold_source: bool = False,
                 typographic: bool = False, mac: bool = False) -> Path:
    """Sarabun (Regular or Bold outlines) saved at `target` with the given family and style
    (name IDs 1/2, or 16/17 with a legacy family name in 1/2 when `typographic`)."""
    data = bytearray(font_path("Sarabun-Bold.ttf" if bold_source else "Sarabun-Regular.ttf").read_bytes())
    names = {1: family, 2: style, 4: f"{family} {style}", 6: family.replace(" ", "") + "-" + style}
    if typographic:
        names.update({1: family + " Legacy", 2: "Regular", 16: family, 17: style})
    table = name_table(names, mac)
    count = struct.unpack_from(">H", data, 4)[0]
    for i in range(count):
        rec = 12 + 16 * i
        if data[rec:rec + 4] == b"name":
            while len(data) % 4:
                data.append(0)
            offset = len(data)
            data += table
            checksum = sum(struct.unpack(f">{(len(table) + 3) // 4}L", table.ljust((len(table) + 3) // 4 * 4, b"\0")))
            struct.pack_into(">3L", data, rec + 4, checksum & 0xFFFFFFFF, offset, len(table))
            break
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(bytes(data))
    return target
