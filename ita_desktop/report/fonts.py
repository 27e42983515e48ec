"""Font faces for the print engine: registration with reportlab, HarfBuzz shaping, sizes.

A `Face` is one TTF file (regular or bold) known to reportlab (for embedding and subsetting)
and to HarfBuzz (for shaping). Glyphs that have no Unicode code point (Thai contextual forms
such as `uni0E48.small`) get a private code point so reportlab can embed them; `tounicode.py`
maps those back to real characters for text extraction.

Sizes are asked for as "TH Sarabun PSK points" (the size clerks know: 16 body, 14 tables,
18 headings) and converted to this face's points by the measured height of Thai consonants:
TH Sarabun New's consonants are 0.4055 em tall (measured on TLWG Laksaman, a metric
derivative of TH Sarabun New, 0.610 em, whose glyphs TLWG scaled up by 150.42 %), Sarabun's
0.592 em, so TH Sarabun PSK 16 looks like Sarabun 11.
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

import uharfbuzz as hb
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from ita_desktop.paths import font_path
from ita_desktop.report import tounicode
from ita_desktop.report.fontfiles import installed_families

PSK_THAI_HEIGHT_EM = 0.610 / 1.5042
_HEIGHT_SAMPLE = "กนมอบดค"
# The features reportlab passes to HarfBuzz; ours are the same so widths agree.
FEATURES = {"kern": True, "liga": True, "dlig": True}
PRIVATE_START = 0xE000
PRIVATE_END = 0xF8FF


class FontError(Exception):
    """A font cannot be used; the message is Thai and meant for the clerk."""


@dataclass(frozen=True)
class Glyph:
    code: int  # the code point reportlab knows the glyph by (private for contextual forms)
    advance: float  # in 1/1000 em
    x_offset: float
    y_offset: float
    post: float = 0.0  # TJ adjustment after the glyph: its PDF width - advance + x_offset


@dataclass
class Face:
    """One TTF face, shaped with HarfBuzz and embedded by reportlab."""

    name: str  # reportlab font name, unique per file
    path: Path
    ttf: TTFont
    hb_font: hb.Font
    upem: int
    thai_height: float  # em
    ascent: float  # em, for line boxes
    descent: float  # em, negative
    _cache: dict[str, tuple[Glyph, ...]] = field(default_factory=dict)
    _private: dict[int, int] = field(default_factory=dict)  # glyph id -> private code
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def shape(self, text: str) -> tuple[Glyph, ...]:
        """Glyphs of `text` in visual order, positions in 1/1000 em (cached per text)."""
        glyphs = self._cache.get(text)
        if glyphs is None:
            glyphs = self._shape(text)
            if len(self._cache) > 200_000:
                self._cache.clear()
            self._cache[text] = glyphs
        return glyphs

    def width(self, text: str, size: float) -> float:
        """Width in points of `text` at `size` points, as drawn."""
        return sum(g.advance for g in self.shape(text)) * size / 1000.0

    def missing(self, text: str) -> list[str]:
        """Characters of `text` this face has no glyph for."""
        cmap = self.ttf.face.charToGlyph
        return sorted({ch for ch in text if ord(ch) not in cmap and not ch.isspace()})

    def _shape(self, text: str) -> tuple[Glyph, ...]:
        if not text:
            return ()
        buf = hb.Buffer()
        buf.add_str(text)
        buf.guess_segment_properties()
        hb.shape(self.hb_font, buf, FEATURES)
        scale = 1000.0 / self.upem
        out = []
        for info, pos in zip(buf.glyph_infos, buf.glyph_positions):
            code = self._code_of(info.codepoint, text, info.cluster, pos.x_advance)
            x_offset = pos.x_offset
            if pos.x_advance == 0 and x_offset > 0:
                # PDF readers (PDFium) order extracted characters by their origin: a mark
                # set right of the next letter's origin would come out after that letter.
                # Sarabun Bold shifts some marks right by at most 0.011 em: draw them at the pen.
                x_offset = 0
            advance = pos.x_advance * scale
            pdf_width = self.ttf.face.charWidths.get(code, self.ttf.face.defaultWidth)
            out.append(Glyph(code, advance, x_offset * scale, pos.y_offset * scale,
                             pdf_width - advance + x_offset * scale))
        return tuple(out)

    def _code_of(self, gid: int, text: str, cluster: int, advance: int) -> int:
        face = self.ttf.face
        codes = face.glyphToChar.get(gid)
        if codes:
            return int(codes[0])
        with self._lock:
            code = self._private.get(gid)
            if code is None:
                code = self._add_private(gid, text[cluster:cluster + 1], advance)
            return code

    def _add_private(self, gid: int, cluster_text: str, advance: int) -> int:
        # reportlab embeds glyphs by code point: give this contextual glyph a private one.
        face = self.ttf.face
        code = PRIVATE_START
        while code in face.charToGlyph:
            code += 1
        if code > PRIVATE_END:
            raise FontError("แบบอักษรมีรูปอักขระพิเศษมากเกินไป")
        face.charToGlyph[code] = gid
        face.glyphToChar.setdefault(gid, []).append(code)
        face.charWidths[code] = advance * 1000.0 / self.upem
        name = self.hb_font.glyph_to_string(gid)
        tounicode.remember(self.ttf.face.name, code, tounicode.text_of_glyph_name(name) or cluster_text)
        self._private[gid] = code
        return code


@dataclass
class Family:
    """Regular and bold faces of one typeface, with the size conversion from PSK points."""

    label: str
    regular: Face
    bold: Face

    def face(self, bold: bool) -> Face:
        return self.bold if bold else self.regular

    def points(self, psk_points: float) -> float:
        """This family's point size that looks like TH Sarabun PSK at `psk_points`."""
        return round(psk_points * PSK_THAI_HEIGHT_EM / self.regular.thai_height, 2)


_faces: dict[Path, Face] = {}
_faces_lock = threading.Lock()


def load_face(path: Path) -> Face:
    """Register a TTF file with reportlab and HarfBuzz once per process."""
    path = Path(path).resolve()
    with _faces_lock:
        face = _faces.get(path)
        if face is not None:
            return face
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise FontError(f"เปิดไฟล์แบบอักษร {path.name} ไม่ได้: {exc.strerror or exc}") from exc
        reason = embedding_refusal(data)
        if reason:
            raise FontError(f"แบบอักษร {path.name} ไม่อนุญาตให้ฝังในไฟล์ PDF ({reason})")
        name = f"ita-{len(_faces) + 1}-{re.sub(r'[^A-Za-z0-9]+', '', path.stem)[:40]}"
        try:
            ttf = TTFont(name, str(path), shapable=False)
        except TTFError as exc:
            if "embedding" in str(exc):
                raise FontError(f"แบบอักษร {path.name} ไม่อนุญาตให้ฝังในไฟล์ PDF") from exc
            raise FontError(f"ไฟล์แบบอักษร {path.name} ใช้ไม่ได้") from exc
        pdfmetrics.registerFont(ttf)
        hb_face = hb.Face(data)
        hb_font = hb.Font(hb_face)
        upem = hb_face.upem
        heights = []
        for ch in _HEIGHT_SAMPLE:
            gid = hb_font.get_nominal_glyph(ord(ch))
            if gid:
                extents = hb_font.get_glyph_extents(gid)
                if extents is not None:
                    heights.append(-extents.height / upem)
        if not heights:
            raise FontError(f"แบบอักษร {path.name} ไม่มีอักษรไทย")
        face = Face(name=name, path=path, ttf=ttf, hb_font=hb_font, upem=upem,
                    thai_height=sum(heights) / len(heights),
                    ascent=ttf.face.ascent / 1000.0, descent=ttf.face.descent / 1000.0)
        _faces[path] = face
        return face


def embedding_refusal(data: bytes) -> str:
    """Why the font's licence (OS/2 fsType) forbids embedding it in a PDF, or ''.

    reportlab 5.1 embeds restricted fonts anyway, so we read the flag ourselves: bit 1
    restricted licence, bit 8 no subsetting (we always subset), bit 9 bitmap only."""
    try:
        blob = hb.Face(data).reference_table("OS/2")
        table = bytes(blob.data) if blob is not None else b""
    except Exception:
        table = b""
    if len(table) < 10:
        return ""
    fs_type = int.from_bytes(table[8:10], "big")
    if fs_type & 0x000F == 0x0002:
        return "สัญญาอนุญาตห้ามฝัง"
    if fs_type & 0x0100:
        return "สัญญาอนุญาตห้ามตัดเฉพาะอักษรที่ใช้"
    if fs_type & 0x0200:
        return "อนุญาตให้ฝังเฉพาะภาพบิตแมป"
    return ""


def sarabun() -> Family:
    """The embedded Sarabun (OFL) shipped with the app."""
    return Family("Sarabun", load_face(font_path("Sarabun-Regular.ttf")),
                  load_face(font_path("Sarabun-Bold.ttf")))


def family(choice: str = "") -> Family:
    """'' or 'Sarabun' for the embedded font; an installed family's label; or a TTF path.

    Raises FontError (Thai) when it is not found or its licence forbids embedding."""
    if not choice or choice.lower() == "sarabun":
        return sarabun()
    installed = installed_families()
    if choice in installed:
        regular, bold = installed[choice]
        return Family(choice, load_face(regular), load_face(bold))
    path = Path(choice)
    if path.suffix.lower() == ".ttf" and path.is_file():
        bold_path = path.with_name(path.stem + " Bold.ttf")
        if not bold_path.is_file():
            bold_path = path.with_name(path.stem + "-Bold.ttf")
        face = load_face(path)
        return Family(path.stem, face, load_face(bold_path) if bold_path.is_file() else face)
    known = ", ".join(["Sarabun", *installed]) or "Sarabun"
    raise FontError(f"ไม่พบแบบอักษร «{choice}» ในเครื่องนี้ (มี: {known})")
