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

import itertools
import re
import threading
from dataclasses import dataclass, field, replace
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
SARA_AM = "\u0e33"
SARA_AA = "\u0e32"
NIKHAHIT = "\u0e4d"


class FontError(Exception):
    """A font cannot be used; the message is Thai and meant for the clerk."""


@dataclass(frozen=True)
class Glyph:
    code: int  # the code point reportlab knows the glyph by (private for contextual forms)
    advance: float  # in 1/1000 em
    x_offset: float
    y_offset: float
    post: float = 0.0  # TJ adjustment after the glyph: its PDF width - advance + x_offset
    outline: bool = False  # drawn as a filled outline, not as text (see _give_back_sara_am)


PathOp = tuple[str, tuple[float, ...]]  # "m" | "l" | "c" (cubic) | "h", points in 1/1000 em


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
    _advances: dict[str, float] = field(default_factory=dict)  # text -> its width in 1/1000 em
    _private: dict[int, int] = field(default_factory=dict)  # glyph id -> private code
    _aliases: dict[tuple[int, str], int] = field(default_factory=dict)  # (code, text) -> code
    _outlines: dict[int, tuple[PathOp, ...]] = field(default_factory=dict)
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
        units = self._advances.get(text)
        if units is None:  # asked for every word at every width tried: added up once
            units = self._advances[text] = sum(g.advance for g in self.shape(text))
            if len(self._advances) > 200_000:
                self._advances.clear()
        return units * size / 1000.0

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
        out: list[Glyph] = []
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
        if SARA_AM in text:
            self._give_back_sara_am(text, [info.cluster for info in buf.glyph_infos], out)
        return tuple(out)

    def _give_back_sara_am(self, text: str, clusters: list[int], glyphs: list[Glyph]) -> None:
        """HarfBuzz draws ำ as nikhahit (alone or in a ligature with a tone mark) + sara aa,
        which a PDF reader would give back as two characters: search for ดำเนินการ would find
        nothing. Within a cluster that holds ำ, the sara aa is drawn under a code whose text
        is ำ, a nikhahit+tone ligature under one whose text is the tone (น้ำ comes out in
        typed order), and a lone nikhahit as an outline: a glyph whose text is empty comes
        out of PDFium as its control-character code, and out of poppler as a space."""
        starts = [*sorted(set(clusters)), len(text)]
        for start, end in itertools.pairwise(starts):
            count = text[start:end].count(SARA_AM)
            if not count:
                continue
            members = [i for i, c in enumerate(clusters) if c == start]
            texts = {i: tounicode.text_of(self.ttf.face.name, glyphs[i].code) for i in members}
            marks = [i for i in members if NIKHAHIT in texts[i]][:count]
            vowels = [i for i in members if texts[i] == SARA_AA][:count]
            for mark, vowel in zip(marks, vowels):
                rest = texts[mark].replace(NIKHAHIT, "", 1)
                glyphs[mark] = self._alias(glyphs[mark], rest) if rest else replace(glyphs[mark], outline=True)
                glyphs[vowel] = self._alias(glyphs[vowel], SARA_AM)

    def outline(self, code: int) -> tuple[PathOp, ...]:
        """The outline of the glyph drawn for `code`, in 1/1000 em from its origin."""
        ops = self._outlines.get(code)
        if ops is None:
            pen = _OutlinePen(1000.0 / self.upem)
            self.hb_font.draw_glyph_with_pen(self.ttf.face.charToGlyph.get(code, 0), pen)
            ops = self._outlines[code] = tuple(pen.ops)
        return ops

    def _alias(self, glyph: Glyph, text: str) -> Glyph:
        """`glyph` under a private code of its own that extracts as `text`."""
        face = self.ttf.face
        with self._lock:
            code = self._aliases.get((glyph.code, text))
            if code is None:
                width = face.charWidths.get(glyph.code, face.defaultWidth)
                code = self._new_private_code(face.charToGlyph[glyph.code], width, text)
                self._aliases[(glyph.code, text)] = code
        return Glyph(code, glyph.advance, glyph.x_offset, glyph.y_offset, glyph.post)

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
        name = self.hb_font.glyph_to_string(gid)
        code = self._new_private_code(gid, advance * 1000.0 / self.upem,
                                      tounicode.text_of_glyph_name(name) or cluster_text)
        self.ttf.face.glyphToChar.setdefault(gid, []).append(code)
        self._private[gid] = code
        return code

    def _new_private_code(self, gid: int, width: float, text: str) -> int:
        """A free private code point for glyph `gid`, `width` wide, extracted as `text`."""
        face = self.ttf.face
        code = PRIVATE_START
        while code in face.charToGlyph:
            code += 1
        if code > PRIVATE_END:
            raise FontError("แบบอักษรมีรูปอักขระพิเศษมากเกินไป")
        face.charToGlyph[code] = gid
        face.charWidths[code] = width
        tounicode.remember(face.name, code, text)
        return code


class _OutlinePen:
    """Collects HarfBuzz's drawing of a glyph as PDF path operations (quadratic curves made
    cubic), scaled from font units."""

    def __init__(self, scale: float) -> None:
        self.scale = scale
        self.ops: list[PathOp] = []
        self.at = (0.0, 0.0)

    def moveTo(self, p: tuple[float, float]) -> None:  # the pen protocol's names
        self.at = (p[0] * self.scale, p[1] * self.scale)
        self.ops.append(("m", self.at))

    def lineTo(self, p: tuple[float, float]) -> None:
        self.at = (p[0] * self.scale, p[1] * self.scale)
        self.ops.append(("l", self.at))

    def qCurveTo(self, *points: tuple[float, float]) -> None:
        # HarfBuzz gives one control point and the end point
        (cx, cy), (ex, ey) = [(x * self.scale, y * self.scale) for x, y in points[-2:]]
        (sx, sy) = self.at
        self.ops.append(("c", (sx + 2 * (cx - sx) / 3, sy + 2 * (cy - sy) / 3,
                               ex + 2 * (cx - ex) / 3, ey + 2 * (cy - ey) / 3, ex, ey)))
        self.at = (ex, ey)

    def curveTo(self, *points: tuple[float, float]) -> None:
        flat = tuple(v * self.scale for point in points[-3:] for v in point)
        self.ops.append(("c", flat))
        self.at = (flat[4], flat[5])

    def closePath(self) -> None:
        self.ops.append(("h", ()))


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
