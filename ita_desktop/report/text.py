"""The shaped-line primitive: every piece of Thai text in a report is laid out and drawn here.

Text is cut into words by pythainlp newmm, each word shaped by HarfBuzz in its own face (bold
lead-ins in the bold face) and lines are filled greedily with those measured widths. A line,
once made, is a list of shaped segments that is drawn as it is: splitting a table row or a
paragraph across pages only moves lines, it never shapes or breaks them again.

Glyphs are written with our own text operators (one TJ per run, HarfBuzz offsets as TJ
adjustments and text rise), using reportlab only for font subsetting and embedding. reportlab's
own text drawing (`drawString`, Paragraph) is never used for Thai: it does not shape, or
shapes words twice when it splits them (see docs/typesetting.md).
"""
from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from reportlab.pdfgen.canvas import Canvas

from ita_desktop.domain import markup
from ita_desktop.report.fonts import Face, Family
from ita_desktop.thai import words as thai_words

_THAI_LETTER = re.compile(r"[\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e4e]")
_LATIN = re.compile(r"[A-Za-z]")
_THAI_ANY = re.compile(r"[\u0e00-\u0e7f]")
_SPACE_KEEP = re.compile(r"(\s+)")
# invisible or control characters that must never reach the PDF
_INVISIBLE = re.compile(r"[\u0000-\u0008\u000b-\u001f\u007f\u00ad\u200b-\u200d\u2060\ufeff]")
_OPEN = set("(“‘[{\"'")
_BREAK_AFTER = set(")”’],;/")


@dataclass(frozen=True)
class TextStyle:
    """How a block of text looks. size and leading in points (of the family's own size)."""

    family: Family
    size: float
    bold: bool = False
    align: str = "left"  # left, center, right
    leading_factor: float = 1.3
    paragraph_gap: float = 0.35  # in lines, between paragraphs of markup

    @property
    def leading(self) -> float:
        return self.size * self.leading_factor

    def with_(self, **changes: object) -> TextStyle:
        values = {k: getattr(self, k) for k in ("family", "size", "bold", "align",
                                                "leading_factor", "paragraph_gap")}
        values.update(changes)
        return TextStyle(**values)


@dataclass(frozen=True)
class Span:
    text: str
    bold: bool = False


@dataclass
class LogicalLine:
    """One line of the source: an optional label (bullet or number, hanging) and spans."""

    spans: list[Span]
    label: str = ""
    label_bold: bool = False


Para = list[LogicalLine]


@dataclass
class Segment:
    """Shaped glyphs of one face, drawn together."""

    face: Face
    size: float
    text: str
    width: float


@dataclass
class LineBox:
    segments: list[Segment]
    width: float
    indent: float
    gap_before: float
    height: float
    ascent: float

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.segments)


@dataclass
class TextLayout:
    """Lines made for one width; split() moves whole lines, draw() writes them."""

    lines: list[LineBox]
    width: float
    align: str = "left"
    forced_splits: list[str] = field(default_factory=list)

    @property
    def height(self) -> float:
        return sum(line.gap_before + line.height for line in self.lines)

    def natural_width(self) -> float:
        return max((line.indent + line.width for line in self.lines), default=0.0)

    def split(self, available: float) -> tuple[TextLayout, TextLayout]:
        """Lines that fit in `available` points, and the rest (its first gap dropped)."""
        used = 0.0
        n = 0
        for line in self.lines:
            step = (line.gap_before if n else 0.0) + line.height
            if used + step > available + 1e-6:
                break
            used += step
            n += 1
        head = TextLayout(self.lines[:n], self.width, self.align)
        rest = [*self.lines[n:]]
        if rest:
            first = rest[0]
            rest[0] = LineBox(first.segments, first.width, first.indent, 0.0, first.height, first.ascent)
        return head, TextLayout(rest, self.width, self.align)

    def split_kept(self, available: float, min_lines: int = 2, min_letters: int = 12
                   ) -> tuple[TextLayout, TextLayout]:
        """split(), but neither part may be a lone line or a scrap of a few letters (a reader
        loses the thread, and a checker reading across the page break loses the words)."""
        head, rest = self.split(available)
        if not head.lines or not rest.lines:
            return head, rest

        def small(part: TextLayout) -> bool:
            return len(part.lines) < min_lines or _letters(part) < min_letters

        while small(rest) and len(head.lines) > 1:
            head, rest = self.split(head.height - head.lines[-1].height - 0.01)
        if small(head) or small(rest):
            return TextLayout([], self.width, self.align), self._whole()
        return head, rest

    def _whole(self) -> TextLayout:
        return TextLayout(list(self.lines), self.width, self.align, list(self.forced_splits))

    def draw(self, canv: Canvas, x: float, top: float, gray: float = 0.0) -> None:
        """Draw with the first line's top at `top` (PDF coordinates, y up)."""
        y = top
        for i, line in enumerate(self.lines):
            if i:
                y -= line.gap_before
            baseline = y - line.ascent
            if self.align == "center":
                lx = x + (self.width - line.width) / 2
            elif self.align == "right":
                lx = x + self.width - line.width
            else:
                lx = x + line.indent
            draw_segments(canv, line.segments, lx, baseline, gray)
            y -= line.height


_LETTER = re.compile(r"[\u0e01-\u0e4e\u0e50-\u0e59A-Za-z0-9]")


def _letters(lay: TextLayout) -> int:
    return sum(len(_LETTER.findall(line.text)) for line in lay.lines)


# --- breaking ---------------------------------------------------------------------------
@dataclass
class _Atom:
    text: str
    bold: bool
    space: bool


@dataclass
class _Word:
    atoms: list[_Atom]
    space_before: bool
    thai_join: bool  # Thai letters meet here: a break must be a newmm boundary in context

    @property
    def text(self) -> str:
        return "".join(a.text for a in self.atoms)


def clean(text: str) -> str:
    """Printable text: tabs as spaces, invisible characters dropped."""
    return _INVISIBLE.sub("", text.replace("\t", " ").replace("\r", ""))


def _script(text: str) -> str:
    """thai, latin, or neutral (spaces, digits, punctuation go with either)."""
    if _THAI_ANY.search(text):
        return "thai"
    return "latin" if _LATIN.search(text) else "neutral"


def _breakable(left: str, right: str) -> bool:
    """May a line break between these two characters (no space between them)?"""
    lt, rt = bool(_THAI_LETTER.match(left)), bool(_THAI_LETTER.match(right))
    if lt and rt:
        return True
    if lt and (right in _OPEN or _LATIN.match(right)):
        return True
    if rt and (left in _BREAK_AFTER or _LATIN.match(left)):
        return True
    return left == "/" and not right.isdigit()


def _words(spans: Sequence[Span]) -> list[_Word]:
    """Unbreakable words of a logical line, with what lies between them (a fresh list)."""
    return list(_words_cached(tuple(spans)))


@lru_cache(maxsize=8192)
def _words_cached(spans: tuple[Span, ...]) -> tuple[_Word, ...]:
    return tuple(_make_words(spans))


def _make_words(spans: Sequence[Span]) -> list[_Word]:
    atoms: list[_Atom] = []
    for span in spans:
        text = clean(span.text)
        if not text:
            continue
        atoms.extend(_Atom(tok, span.bold, tok.isspace()) for tok in _tokens(text) if tok)
    out: list[_Word] = []
    pending_space = False
    for atom in atoms:
        if atom.space:
            pending_space = True
            continue
        if out and not pending_space:
            prev = out[-1].atoms[-1].text
            if not _breakable(prev[-1], atom.text[0]):
                out[-1].atoms.append(atom)
                continue
            join = bool(_THAI_LETTER.match(prev[-1]) and _THAI_LETTER.match(atom.text[0]))
            out.append(_Word([atom], False, join))
        else:
            # a break at a space between Thai words reads as a join too (the space is
            # not printed at the line end), so it must be a word boundary without the space
            join = bool(out) and bool(_THAI_LETTER.match(out[-1].atoms[-1].text[-1])
                                      and _THAI_LETTER.match(atom.text[0]))
            out.append(_Word([atom], pending_space and bool(out), join))
        pending_space = False
    return out


@lru_cache(maxsize=20000)
def _tokens(text: str) -> tuple[str, ...]:
    """newmm words of a text (whitespace kept), cached: a report measures each cell at
    several sizes and widths before it draws it."""
    return tuple(thai_words.words(text) if _THAI_LETTER.search(text) else _split_spaces(text))


def _split_spaces(text: str) -> list[str]:
    """Text cut at whitespace, the whitespace kept as its own tokens."""
    return [t for t in _SPACE_KEEP.split(text) if t]




def _normalize(text: str) -> str:
    from pythainlp.util import normalize

    return str(normalize(text))


@lru_cache(maxsize=4096)
def _join_ok(left: str, right: str) -> bool:
    """Does newmm, reading the words around the break as a reader's checker would, see a word
    boundary there? (Word cutting can differ with context; we break only where it agrees.)"""
    left = left[-30:]
    right = right[:30]
    ctx = _normalize(left + right)
    cut = len(left) if ctx == left + right else len(_normalize(left))
    pos = 0
    for tok in thai_words.words(ctx):
        pos += len(tok)
        if pos == cut:
            return True
        if pos > cut:
            return False
    return False


@lru_cache(maxsize=4096)
def _clusters(text: str) -> tuple[str, ...]:
    """Thai character clusters (a consonant never parted from its marks)."""
    from pythainlp.tokenize import subword_tokenize

    return tuple(subword_tokenize(text, engine="tcc"))


class _LineMaker:
    def __init__(self, style: TextStyle, width: float) -> None:
        self.style = style
        self.width = width
        self.lines: list[LineBox] = []
        self.forced: list[str] = []
        self.ascent = style.family.regular.ascent * style.size + (style.leading - style.size * (
            style.family.regular.ascent - style.family.regular.descent)) / 2

    def face(self, bold: bool) -> Face:
        return self.style.family.face(bold or self.style.bold)

    def atom_width(self, atom: _Atom) -> float:
        return self.face(atom.bold).width(atom.text, self.style.size)

    def word_width(self, word: _Word) -> float:
        return sum(self.atom_width(a) for a in word.atoms)

    def space_width(self, bold: bool) -> float:
        return self.face(bold).width(" ", self.style.size)

    def emit(self, parts: list[tuple[str, bool]], indent: float, gap: float) -> None:
        segments: list[Segment] = []
        for text, bold in parts:
            if not text:
                continue
            face = self.face(bold)
            w = face.width(text, self.style.size)
            # one segment (one PDF text object) per face and script: PDFium guesses word
            # spacing per text object from its first letters, and put false spaces and line
            # breaks into Thai after Latin letters in the same object
            if segments and segments[-1].face is face and _script(text) in (
                    "neutral", _script(segments[-1].text)):
                last = segments[-1]
                segments[-1] = Segment(face, last.size, last.text + text, last.width + w)
            else:
                segments.append(Segment(face, self.style.size, text, w))
        self.lines.append(LineBox(segments, sum(s.width for s in segments), indent, gap,
                                  self.style.leading, self.ascent))

    def logical_line(self, line: LogicalLine, gap: float, first_indent: float = 0.0) -> None:
        words = _words(line.spans)
        label_parts: list[tuple[str, bool]] = []
        hang = 0.0
        if line.label:
            label = clean(line.label)
            label_parts = [(label, line.label_bold)]
            hang = self.face(line.label_bold).width(label, self.style.size)
            if hang > self.width / 2:
                hang = 0.0
        if not words:
            if label_parts:
                self.emit(label_parts, 0.0, gap)
            else:
                self.emit([], 0.0, gap)  # an empty line keeps its place
            return
        widths = [self.word_width(w) for w in words]
        if first_indent and not label_parts:
            label_parts = [("", False)]
            hang = 0.0
        first = True
        cut: set[int] = set()  # words already split (and reported)
        i = 0
        while i < len(words):
            avail = self.width - (hang if not first or label_parts else 0.0) - (first_indent if first else 0.0)
            parts: list[tuple[str, bool]] = list(label_parts) if first else []
            used = 0.0
            j = i
            while j < len(words):
                w = words[j]
                space = self.space_width(w.atoms[0].bold) if (j > i and w.space_before) else 0.0
                if used + space + widths[j] <= avail + 1e-6:
                    used += space + widths[j]
                    j += 1
                    continue
                break
            if j == i:
                # a single word wider than the line: split at character clusters (forced);
                # reported once, whole (its rest may be split again on the next line)
                if i not in cut:
                    cut.add(i)
                    self.forced.append(words[i].text)
                taken, rest = self._force(words[i], avail)
                parts += taken
                words[i] = rest
                # a rest longer than any line can hold is not shaped whole again: that made a
                # long unbroken text cost the square of its length
                widths[i] = math.inf if len(rest.text) > self._max_chars(avail) else self.word_width(rest)
                self.emit(parts, first_indent if first else hang, gap if first else 0.0)
                first = False
                continue
            if j < len(words) and words[j].thai_join:
                j = self._agreeable_break(words, i, j)
            for k in range(i, j):
                w = words[k]
                if k > i and w.space_before:
                    parts.append((" ", w.atoms[0].bold))
                parts += [(a.text, a.bold) for a in w.atoms]
            self.emit(parts, first_indent if first else hang, gap if first else 0.0)
            first = False
            i = j

    def _agreeable_break(self, words: list[_Word], i: int, j: int) -> int:
        """The last break at or before j (after i) that newmm agrees with in context."""
        for k in range(j, i, -1):
            if not words[k].thai_join:
                return k
            left = _chunk_back(words, k)
            right = _chunk_forward(words, k)
            if _join_ok(left, right):
                return k
        return j

    def _max_chars(self, avail: float) -> int:
        """More characters than a line of `avail` points can hold: a cluster is at most six
        characters and at least a tenth of an em wide."""
        return int(60 * avail / self.style.size) + 8

    def _force(self, word: _Word, avail: float) -> tuple[list[tuple[str, bool]], _Word]:
        taken: list[tuple[str, bool]] = []
        used = 0.0
        atoms = list(word.atoms)
        while atoms:
            atom = atoms[0]
            k, pieces = self._fit_clusters(atom, avail - used, bool(taken))
            if k:
                taken.append(("".join(pieces[:k]), atom.bold))
                used += self.face(atom.bold).width(taken[-1][0], self.style.size)
            if k < len(pieces):
                atoms[0] = _Atom("".join(pieces[k:]), atom.bold, False)
                break
            atoms.pop(0)
        return taken, _Word(atoms, False, False)

    def _fit_clusters(self, atom: _Atom, room: float, started: bool) -> tuple[int, tuple[str, ...]]:
        """How many of the atom's leading character clusters fit in `room` (at least one on an
        empty line), and the clusters. Only the start of a long atom is clustered, in a window
        twice as long each time it all fits: clustering the whole rest for every line made a
        long unbroken text cost the square of its length."""
        window = max(8, int(4 * room / self.style.size) + 8)  # a line of Thai, with room to spare
        face = self.face(atom.bold)
        while True:
            if len(atom.text) > window:
                # the last cluster of the window may go on past it: it stays with the rest
                head = _clusters(atom.text[:window])[:-1]
                pieces = (*head, atom.text[sum(map(len, head)):])
            else:
                pieces = _clusters(atom.text)
            k, used = 0, 0.0
            while k < len(pieces):
                w = face.width(pieces[k], self.style.size)
                if used + w > room and (started or k):
                    break
                used += w
                k += 1
            if len(atom.text) <= window or k < len(pieces) - 1:
                return k, pieces
            window *= 2


def _chunk_back(words: list[_Word], k: int) -> str:
    out = ""
    for w in reversed(words[:k]):
        out = w.text + out
        if w.space_before or len(out) >= 30:
            break
    return out


def _chunk_forward(words: list[_Word], k: int) -> str:
    out = words[k].text
    for w in words[k + 1:]:
        if w.space_before or len(out) >= 30:
            break
        out += w.text
    return out


def layout(paras: Sequence[Para], style: TextStyle, width: float,
           first_indent: float = 0.0) -> TextLayout:
    """Break paragraphs into lines of at most `width` points; `first_indent` indents the
    first line of each paragraph (Thai official letters indent it)."""
    maker = _LineMaker(style, max(width, 1.0))
    for p, para in enumerate(paras):
        for n, line in enumerate(para):
            gap = style.paragraph_gap * style.leading if (p and n == 0) else 0.0
            maker.logical_line(line, gap, first_indent if n == 0 else 0.0)
    lay = TextLayout(maker.lines, width, style.align, maker.forced)
    for i in range(1, len(lay.lines)):
        extra = junction_gap(lay, i - 1, lay, i)
        if extra:
            box = lay.lines[i]
            lay.lines[i] = LineBox(box.segments, box.width, box.indent, max(box.gap_before, extra),
                                   box.height, box.ascent)
    return lay


JOIN_GAP_EM = 2.5


def reads_as_join(upper: str, lower: str) -> bool:
    """Would a reader (or a checker) take these two lines for one sentence wrapped inside a
    word? Only where Thai letters meet and newmm sees no word boundary between them."""
    upper, lower = upper.rstrip(), lower.lstrip()
    if not upper or not lower:
        return False
    if not (_THAI_LETTER.match(upper[-1]) and _THAI_LETTER.match(lower[0])):
        return False
    return not _join_ok(re.split(r"\s", upper)[-1], re.split(r"\s", lower)[0])


def line_x(lay: TextLayout, i: int) -> float:
    line = lay.lines[i]
    if lay.align == "center":
        return (lay.width - line.width) / 2
    if lay.align == "right":
        return lay.width - line.width
    return line.indent


def junction_gap(upper: TextLayout, i: int, lower: TextLayout, j: int, x_shift: float = 0.0) -> float:
    """Space needed before line j of `lower` so that it does not read as the continuation of
    line i of `upper` (same left edge, Thai letters meeting inside a word): 0 when none is."""
    if abs(line_x(upper, i) - (line_x(lower, j) + x_shift)) >= 4:
        return 0.0
    if not reads_as_join(upper.lines[i].text, lower.lines[j].text):
        return 0.0
    size = max(s.size for s in lower.lines[j].segments) if lower.lines[j].segments else lower.lines[j].height / 1.3
    return JOIN_GAP_EM * size


def paras_of_markup(text: str) -> list[Para]:
    """The clerk's markup (domain.markup) as paragraphs of logical lines."""
    out: list[Para] = []
    for para in markup.parse(text):
        lines = []
        for line in para:
            spans = [Span(r.text, r.bold) for r in line.runs]
            lines.append(LogicalLine(spans, line.label, False))
        out.append(lines)
    return out


def paras_of_plain(text: str, bold: bool = False) -> list[Para]:
    """Plain text: each line a logical line, blank lines separate paragraphs."""
    out: list[Para] = []
    current: Para = []
    for raw in (text or "").split("\n"):
        if not raw.strip():
            if current:
                out.append(current)
                current = []
            continue
        current.append(LogicalLine([Span(raw, bold)]))
    if current:
        out.append(current)
    return out


def widest_word(paras: Sequence[Para], style: TextStyle) -> float:
    """The width of the widest unbreakable word (labels included): a column's minimum.

    Words that only a context-blind cut separates (องค์กรปกครองส่วน|ท้องถิ่น) count as one,
    as a reader sees them; newmm is asked only about runs wider than the widest word so far."""
    maker = _LineMaker(style, 1e9)
    widest = 0.0
    for para in paras:
        for line in para:
            label = maker.face(line.label_bold).width(clean(line.label), style.size) if line.label else 0.0
            words = _words(line.spans)
            widths = [maker.word_width(w) for w in words]
            if widths:
                widths[0] += label
            widest = max([widest, label, *widths])
            # runs of words with no space between them, where Thai letters meet
            start = 0
            for k in range(1, len(words) + 1):
                if k < len(words) and words[k].thai_join and not words[k].space_before:
                    continue
                if k - start > 1 and sum(widths[start:k]) > widest:
                    width = widths[start]
                    for j in range(start + 1, k):
                        if _join_ok(_chunk_back(words, j), _chunk_forward(words, j)):
                            widest = max(widest, width)
                            width = 0.0
                        width += widths[j]
                    widest = max(widest, width)
                start = k
    return widest


def single_line_width(paras: Sequence[Para], style: TextStyle) -> float:
    """Width of the longest logical line set without breaks: a column's natural width."""
    maker = _LineMaker(style, 1e9)
    for para in paras:
        for line in para:
            maker.logical_line(line, 0.0)
    return max((line.indent + line.width for line in maker.lines), default=0.0)


# --- drawing ----------------------------------------------------------------------------
def _num(v: float) -> str:
    text = f"{v:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def draw_segments(canv: Canvas, segments: Sequence[Segment], x: float, baseline: float,
                  gray: float = 0.0) -> None:
    """Write shaped segments as PDF text starting at (x, baseline), in black.

    One TJ per segment and font subset; HarfBuzz's x offsets become TJ adjustments (in 1/1000
    of the font size, positive moves left) and y offsets text rise."""
    if not segments or not any(s.text.strip() for s in segments):
        return
    doc = canv._doc
    ops = [f"q {_num(gray)} g BT", f"1 0 0 1 {_num(x)} {_num(baseline)} Tm"]
    current_font = None
    rise = 0.0
    for seg in segments:
        glyphs = seg.face.shape(seg.text)
        if not glyphs:
            continue
        ttf = seg.face.ttf
        codes = "".join([chr(g.code) for g in glyphs])
        k = 0
        for subset, data in ttf.splitString(codes, doc):
            font = (ttf.getSubsetInternalName(subset, doc), seg.size)
            if font != current_font:
                ops.append(f"{font[0]} {_num(seg.size)} Tf")
                current_font = font
            items: list[str] = []
            run = bytearray()
            pending = 0.0
            for byte in data:
                g = glyphs[k]
                k += 1
                r = g.y_offset * seg.size / 1000.0 if g.y_offset else 0.0
                if r != rise:
                    if run:
                        items.append(_string(run))
                        run = bytearray()
                    if pending:
                        items.append(_num(pending))
                        pending = 0.0
                    if items:
                        ops.append(f"[{' '.join(items)}] TJ")
                        items = []
                    ops.append(f"{_num(r)} Ts")
                    rise = r
                pending -= g.x_offset
                if abs(pending) > 1e-6:
                    if run:
                        items.append(_string(run))
                        run = bytearray()
                    items.append(_num(pending))
                run.append(byte)
                pending = g.post
            if run:
                items.append(_string(run))
            if abs(pending) > 1e-6:
                items.append(_num(pending))
            if items:
                ops.append(f"[{' '.join(items)}] TJ")
    if rise:
        ops.append("0 Ts")
    ops.append("ET Q")
    canv.addLiteral("\n".join(ops))


_ESCAPES = {0x28: "\\(", 0x29: "\\)", 0x5C: "\\\\"}


def _string(data: bytearray) -> str:
    """A PDF literal string of glyph codes."""
    out = []
    for b in data:
        if b in _ESCAPES:
            out.append(_ESCAPES[b])
        elif 32 <= b < 127:
            out.append(chr(b))
        else:
            out.append(f"\\{b:03o}")
    return "(" + "".join(out) + ")"
