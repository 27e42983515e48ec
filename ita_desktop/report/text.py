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
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache

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
# a run of 12 or more characters with no space and no Thai (a URL, an e-mail address, a file
# path): it breaks at its own break points, never makes a column wide
_LONG_RUN = re.compile(r"[^\s\u0e00-\u0e7f]{12,}")
_RUN_BREAK_AFTER = set("/\\._?&=#,;|~+")
# PDFium reads a hyphen that ends a line as a soft one (copied text loses it): a URL breaks
# before its hyphens and its @; a hyphenated Latin word (Anti-Corruption) after its hyphens
_RUN_BREAK_BEFORE = set("-@")
_HYPHENATED = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)+")
# what marks a run as an address, not words and punctuation ("Communication):")
_URLISH = re.compile(r"://|www\.|@|[/?&=_%]|[A-Za-z0-9]\.[A-Za-z]{2}")
# a Latin token counts for a column's minimum width with at most this many characters
SHORT_TOKEN = 20
_THAI_WORD = re.compile(r"[\u0e01-\u0e3a\u0e40-\u0e4e]+")
_COMBINING = re.compile(r"[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u0300-\u036f]")

# what a Thai reader keeps on one line (see _glue)
_DIGIT = "0-9\u0e50-\u0e59"
_NUMBER = re.compile(rf"[{_DIGIT}][{_DIGIT},.]*")
_STARTS_NUMBER = re.compile(rf"[{_DIGIT}]|[A-Za-z]{{1,3}}[{_DIGIT}]")  # ๑, 2568, O7, IIT12
_MONTHS = frozenset(["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม", "ม.ค.", "ก.พ.", "มี.ค.",
    "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."])
_ERAS = ("พ.ศ.", "พ.ศ", "ค.ศ.", "ร.ศ.", "จ.ศ.")
_UNITS = frozenset(["วัน", "วันทำการ", "คน", "ครั้ง", "เดือน", "ปี", "บาท", "ราย", "แห่ง",
    "ชั่วโมง", "นาที", "เรื่อง", "ฉบับ", "ชุด", "เล่ม", "หน่วย", "ไตรมาส", "โครงการ", "กิจกรรม",
    "ตำแหน่ง", "หมู่บ้าน", "ครัวเรือน", "ช่องทาง", "ประเภท", "ระดับ", "คะแนน", "ข้อ", "น.",
    "ล้าน", "พัน", "หมื่น", "แสน", "%", "เปอร์เซ็นต์"])
_BEFORE_NUMBER = frozenset(["ข้อ", "ที่", "ร้อยละ", "หมู่", "หมู่ที่", "เลขที่", "ฉบับที่",
    "ครั้งที่", "ลำดับที่", "ไตรมาสที่", "ตัวชี้วัดที่", "มาตรการที่", "จำนวน"])
_NO_LINE_START = tuple(":;,)]}”’!?%ๆฯ")


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
    stretch: float = 0.0  # points a justified line is widened by, between its letters

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

    @cached_property
    def height(self) -> float:
        # asked for every row at every wrap of a table: counted once (the lines never change
        # once laid out; split() makes new layouts)
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
            rest[0] = LineBox(first.segments, first.width, first.indent, 0.0, first.height, first.ascent,
                              first.stretch)
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
            draw_segments(canv, line.segments, lx, baseline, gray, stretch=line.stretch)
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
    soft: bool = False  # a space inside a kept-together group where it may still part first


@dataclass
class _Word:
    atoms: list[_Atom]
    space_before: bool
    thai_join: bool  # Thai letters meet here: a break must be a newmm boundary in context
    run: bool = False  # a piece of a URL, an e-mail address or a code: cut with no hyphen

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
    return _keep_together(_split_long_runs(out))


def _run_breaks(text: str) -> list[int]:
    """Offsets where a long run with no space (a URL, an e-mail address, a file path, a long
    Latin token) may break: after / . _ ? & = and the like, before - and @ (a hyphenated word:
    after its hyphens); never inside "://" or a number, never leaving one character alone."""
    out = []
    for m in _LONG_RUN.finditer(text):
        run = m.group()
        if not _LATIN.search(run):
            continue
        if _HYPHENATED.fullmatch(run):
            out += [m.start() + p for p in range(2, len(run) - 1) if run[p - 1] == "-"]
            continue
        for p in range(2, len(run) - 1):
            left, right = run[p - 1], run[p]
            number = left in ".," and right.isdigit() and run[p - 2].isdigit()
            stop = _RUN_BREAK_AFTER | _RUN_BREAK_BEFORE
            if (right in _RUN_BREAK_BEFORE and left not in stop) or (
                    left in _RUN_BREAK_AFTER and right not in stop and not number):
                out.append(m.start() + p)
    return out


def _split_long_runs(words: list[_Word]) -> list[_Word]:
    """The words with long runs (URLs, e-mail addresses) cut at their break points; the
    pieces of a URL-like run are marked: cut between letters they take no hyphen (a hyphen
    added inside a URL makes another address)."""
    out: list[_Word] = []
    for word in words:
        offsets = _run_breaks(word.text) if len(word.text) >= 12 else []
        pieces = _split_word(word, offsets) if offsets else [word]
        if len(word.text) >= 12 and any(_URLISH.search(m.group()) and not _HYPHENATED.fullmatch(m.group())
                                        for m in _LONG_RUN.finditer(word.text)):
            for piece in pieces:
                piece.run = not _THAI_ANY.search(piece.text)
        out += pieces
    return out


def _split_word(word: _Word, offsets: list[int]) -> list[_Word]:
    """A word cut into words at these offsets (break opportunities with no space)."""
    out = [_Word([], word.space_before, word.thai_join)]
    pos = 0
    for atom in word.atoms:
        end = pos + len(atom.text)
        start = 0
        for o in offsets:
            if pos <= o < end and o > 0:
                if o - pos > start:
                    out[-1].atoms.append(_Atom(atom.text[start:o - pos], atom.bold, False))
                out.append(_Word([], False, False))
                start = o - pos
        out[-1].atoms.append(_Atom(atom.text[start:], atom.bold, atom.space, atom.soft))
        pos = end
    return [w for w in out if w.atoms]


def _glue(left: str, group: str, right: _Word) -> str:
    """Must `right` stay on the line of the word before it (`left`, the end of `group`)?
    "strong": a day and its month, a number and its unit, พ.ศ. and its year, ข้อ and its
    number, a colon or a closing mark with what it closes; "soft": a month and its year (they
    part, at the space, only when the whole date is wider than a line); "" when they may part."""
    text = right.text
    first = right.atoms[0].text
    if text.startswith(_NO_LINE_START):
        return "strong"
    if not _STARTS_NUMBER.match(text):
        number = _NUMBER.fullmatch(left)
        if number and len(left) <= 2 and first in _MONTHS:
            return "strong"
        if (number and first in _UNITS) or (number and first in "-–"):
            return "strong"
        return "soft" if left in _MONTHS and text.startswith(_ERAS) else ""
    if left.endswith(_ERAS) or left in _BEFORE_NUMBER or re.search(rf"[{_DIGIT}]\s*[-–]$", group):
        return "strong"
    return "soft" if left in _MONTHS else ""


def _keep_together(words: list[_Word]) -> list[_Word]:
    """Words a Thai reader keeps on one line merged into one unbreakable word (a space kept
    between them is an atom of it)."""
    out: list[_Word] = []
    last = ""
    ordinal = False  # `last` is an ordinal ที่ kept with its word (ไตรมาสที่ ๑)
    for k, word in enumerate(words):
        kind = _glue(last, out[-1].text, word) if out else ""
        if ordinal and kind:
            kind = "soft"  # ไตรมาสที่ / ๑ rather than ไตรมาส / ที่ ๑
        ordinal = bool(out) and word.text == "ที่" and not word.space_before and k + 1 < len(words) \
            and bool(_STARTS_NUMBER.match(words[k + 1].text))
        if ordinal:
            kind = "strong"
        if kind:
            merged = out[-1]
            if word.space_before:
                merged.atoms.append(_Atom(" ", word.atoms[0].bold, True, kind == "soft"))
            merged.atoms.extend(word.atoms)
        else:
            out.append(_Word(list(word.atoms), word.space_before, word.thai_join, word.run))
        last = word.text
    return out


@lru_cache(maxsize=20000)
def _tokens(text: str) -> tuple[str, ...]:
    """newmm words of a text (whitespace kept), cached: a report measures each cell at
    several sizes and widths before it draws it."""
    return tuple(thai_words.words(text) if _THAI_LETTER.search(text) else _split_spaces(text))


def forget_measured_words() -> None:
    """The words kept whole changed (another office's place names): cut texts anew."""
    for cached in (_tokens, _words_cached, _join_ok):
        cached.cache_clear()
    _widest.clear()
    _laid_out.clear()


def _split_spaces(text: str) -> list[str]:
    """Text cut at whitespace, the whitespace kept as its own tokens."""
    return [t for t in _SPACE_KEEP.split(text) if t]




def _normalize(text: str) -> str:
    from pythainlp.util import normalize

    return str(normalize(text))


@lru_cache(maxsize=4096)
def _join_ok(left: str, right: str) -> bool:
    """Does newmm, reading the words around the break as a reader's checker would, see a word
    boundary there, and is it no break inside one of the words we keep whole? (Word cutting
    can differ with context; we break only where both agree.)"""
    left = left[-30:]
    right = right[:30]
    ctx = _normalize(left + right)
    cut = len(left) if ctx == left + right else len(_normalize(left))
    newmm = thai_words.newmm_words(ctx)
    if not _boundary_at(newmm, cut):
        return False
    # our cut differs from newmm's only around a word kept whole
    return not thai_words.has_kept_word(ctx) or _boundary_at(thai_words.words(ctx), cut)


def _boundary_at(tokens: Sequence[str], cut: int) -> bool:
    pos = 0
    for tok in tokens:
        pos += len(tok)
        if pos >= cut:
            return pos == cut
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
        self.spaces_only = False  # break only at spaces (a centred title, see _balanced_line)
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
        if self.spaces_only:
            words = _joined_at_spaces(words)
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
        whole = [w.text for w in words]  # as reported when a word is cut
        cut: set[int] = set()  # words already cut (and reported)
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
                # a single word wider than the line: cut where it hurts least (_force); a word
                # cut inside is reported once, whole (its rest may be cut again on the next line)
                taken, rest, inside = self._force(words[i], avail)
                if inside and i not in cut:
                    cut.add(i)
                    self.forced.append(whole[i])
                parts += taken
                words[i] = rest
                # a rest longer than any line can hold is not shaped whole again: that made a
                # long unbroken text cost the square of its length
                widths[i] = math.inf if len(rest.text) > self._max_chars(avail) else self.word_width(rest)
                self.emit(parts, first_indent if first else hang, gap if first else 0.0)
                first = False
                if not rest.atoms:
                    i += 1
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

    def _force(self, word: _Word, avail: float) -> tuple[list[tuple[str, bool]], _Word, bool]:
        """The longest head of a word wider than the line that fits in `avail`, cut at the best
        kind of place where anything fits (see _cut_places): a space of a kept-together group
        first, then where a reader accepts a break inside a word, then between syllables, and
        only as a last resort between character clusters (Latin: letters, the head then ends
        with a hyphen, as English is hyphenated). An empty line always takes something.
        Returns the head, the rest and whether a word was cut inside.

        Only the start of a long word is looked at, in a window twice as long each time it all
        fits: looking at the whole rest for every line made a long unbroken text cost the
        square of its length."""
        limit = min(len(word.text), max(8, self._max_chars(avail)))
        window = min(limit, max(8, int(4 * avail / self.style.size) + 8))  # a line of Thai, and more
        while window < limit and self._head_width(word, window) <= avail:
            window *= 2
        places = _cut_places(word, min(window, limit))
        text = word.text
        hyphen = self.face(word.atoms[0].bold).width("-", self.style.size)

        def head_width(offset: int) -> float:
            return self._head_width(word, offset) + (hyphen if _latin_cut(text, offset, word) else 0.0)

        for rank, offsets in enumerate(places):
            lo, hi = 0, len(offsets)  # the last offset whose head fits: widths grow with offsets
            while lo < hi:
                mid = (lo + hi) // 2
                if head_width(offsets[mid][0]) <= avail + 1e-6:
                    lo = mid + 1
                else:
                    hi = mid
            if lo:
                return (*self._cut(word, *offsets[lo - 1]), rank >= _CUT_INSIDE)
        nearest = min((o for offsets in places for o in offsets), default=(len(text), 0))
        return (*self._cut(word, *nearest), True)

    def _head_width(self, word: _Word, offset: int) -> float:
        """The width of the word's first `offset` characters, each atom in its own face."""
        width, pos = 0.0, 0
        for atom in word.atoms:
            if pos + len(atom.text) <= offset:
                width += self.atom_width(atom)
            else:
                if offset > pos:
                    width += self.face(atom.bold).width(atom.text[:offset - pos], self.style.size)
                break
            pos += len(atom.text)
        return width

    @staticmethod
    def _cut(word: _Word, offset: int, skip: int) -> tuple[list[tuple[str, bool]], _Word]:
        """The word's head up to `offset`, and its rest without the `skip` characters (a space)
        that begin it."""
        head: list[tuple[str, bool]] = []
        rest: list[_Atom] = []
        pos = 0
        for atom in word.atoms:
            end = pos + len(atom.text)
            if end <= offset:
                head.append((atom.text, atom.bold))
            elif pos >= offset:
                rest.append(atom)
            else:
                head.append((atom.text[:offset - pos], atom.bold))
                rest.append(_Atom(atom.text[offset - pos:], atom.bold, False))
            pos = end
        if skip and rest and rest[0].space:
            rest.pop(0)
        if _latin_cut(word.text, offset, word):
            head.append(("-", head[-1][1]))
        return head, _Word(rest, False, False, word.run)


def _latin_cut(text: str, offset: int, word: _Word | None = None) -> bool:
    """Is this a cut between two Latin letters of a word (it takes a hyphen; a URL's piece not)?"""
    if word is not None and word.run:
        return False
    return 0 < offset < len(text) and bool(_LATIN.match(text[offset - 1]) and _LATIN.match(text[offset]))


# kinds of places where a word too wide for its line is cut, best first (see _cut_places);
# from _CUT_INSIDE on, the word is cut inside and the clerk is told
_SOFT_SPACE, _SPACE, _ACCEPTED, _SYLLABLE, _CLUSTER = range(5)
_CUT_INSIDE = _ACCEPTED


def _cut_places(word: _Word, limit: int) -> list[list[tuple[int, int]]]:
    """(offset, characters skipped there) of the places where a word may be cut, by kind, in
    its first `limit` characters: the spaces of a kept-together group (a month and its year
    first); where a reader accepts a break inside a word (between the words of a compound:
    องค์การ|บริหาร|ส่วน|ตำบล; after a Latin hyphen; after an abbreviation's period); between
    syllables; between character clusters, or letters of a Latin word."""
    places: list[list[tuple[int, int]]] = [[] for _ in range(5)]
    pos = 0
    prev: _Atom | None = None
    for k, atom in enumerate(word.atoms):
        if pos >= limit:
            break
        text = atom.text
        if atom.space:
            # never before a colon or a closing mark: no line starts with one
            if k + 1 < len(word.atoms) and not word.atoms[k + 1].text.startswith(_NO_LINE_START):
                places[_SOFT_SPACE if atom.soft else _SPACE].append((pos, len(text)))
        else:
            if prev is not None and not prev.space:
                thai_after_period = prev.text.endswith(".") and bool(_THAI_LETTER.match(text))
                # where Thai meets digits or Latin (…123456|ตลอด) no Thai word is cut
                scripts_meet = bool(_THAI_LETTER.match(prev.text[-1])) != bool(_THAI_LETTER.match(text[0]))
                kind = _ACCEPTED if thai_after_period else _SYLLABLE if scripts_meet else _CLUSTER
                places[kind].append((pos, 0))
            for kind, offset in _inner_places(text[:limit - pos + 8], len(text) > limit - pos + 8):
                places[kind].append((pos + offset, 0))
        prev = atom
        pos += len(text)
    for offsets in places:
        offsets.sort()
    return places


def _inner_places(text: str, truncated: bool) -> list[tuple[int, int]]:
    """(kind, offset) of the places inside one atom (a newmm word, or a run of other
    characters); `truncated`: the text goes on (its last cluster may be incomplete)."""
    out: list[tuple[int, int]] = []
    if not truncated and _THAI_WORD.fullmatch(text) and _THAI_LETTER.match(text):
        accepted, syllables = thai_words.break_points(text)
        out += [(_ACCEPTED, o) for o in accepted] + [(_SYLLABLE, o) for o in syllables]
    if _THAI_LETTER.search(text):
        taken = {o for _k, o in out}
        pos = 0
        for c in _clusters(text)[:-1]:  # the last one ends the text, or may go on past it
            pos += len(c)
            if pos not in taken:
                out.append((_CLUSTER, pos))
        return out
    for i in range(1, len(text)):
        if _COMBINING.match(text[i]):
            continue
        hyphen = text[i - 1] == "-" and text[i].isalpha() and i > 1
        out.append((_ACCEPTED if hyphen else _CLUSTER, i))
    return out


def _joined_at_spaces(words: list[_Word]) -> list[_Word]:
    """The words with every break that is not at a space taken away."""
    out: list[_Word] = []
    for word in words:
        if out and not word.space_before:
            out[-1] = _Word(out[-1].atoms + word.atoms, out[-1].space_before, out[-1].thai_join)
        else:
            out.append(word)
    return out


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


def _paras_key(paras: Sequence[Para]) -> tuple[object, ...]:
    return tuple(tuple((tuple(line.spans), line.label, line.label_bold) for line in para) for para in paras)


def _style_key(style: TextStyle) -> tuple[object, ...]:
    return (style.family.regular.name, style.family.bold.name, style.size, style.bold, style.align,
            style.leading_factor, style.paragraph_gap)


_laid_out: dict[tuple[object, ...], TextLayout] = {}


def layout(paras: Sequence[Para], style: TextStyle, width: float,
           first_indent: float = 0.0) -> TextLayout:
    """Break paragraphs into lines of at most `width` points; `first_indent` indents the
    first line of each paragraph (Thai official letters indent it).

    Made once per text, style and width: a table's planning lays out every cell at the widths
    it tries, and the table is then set at one of them (a layout never changes once made)."""
    key = (_paras_key(paras), _style_key(style), width, first_indent)
    made = _laid_out.get(key)
    if made is None:
        if len(_laid_out) > 20_000:
            _laid_out.clear()
        made = _laid_out[key] = _layout(paras, style, width, first_indent)
    return made


def _layout(paras: Sequence[Para], style: TextStyle, width: float, first_indent: float) -> TextLayout:
    maker = _LineMaker(style, max(width, 1.0))
    for p, para in enumerate(paras):
        for n, line in enumerate(para):
            gap = style.paragraph_gap * style.leading if (p and n == 0) else 0.0
            indent = first_indent if n == 0 else 0.0
            if style.align == "center":
                _balanced_line(maker, line, gap, indent)
            else:
                start = len(maker.lines)
                maker.logical_line(line, gap, indent)
                if style.align == "justify":
                    _justify(maker.lines[start:-1], maker.width, style.size)
    # no extra space between the lines of one text: a hole inside a table cell reads as two
    # texts; a line broken inside a word is avoided when the lines are made (_force)
    return TextLayout(maker.lines, width, style.align, maker.forced)


JUSTIFY_MAX_EM = 0.1  # the most a justified line opens between two letters; a line that
# would need more (a long word went to the next line) stays ragged


def _justify(lines: Sequence[LineBox], width: float, size: float) -> None:
    """Thai distributed lines (Word's thaiDistribute): each line but a paragraph's last filled
    to the full width by spreading the room left between its letters (never between a letter
    and its marks); spaces between letters too small for PDF readers to take for a space."""
    for line in lines:
        room = width - line.indent - line.width
        gaps = _letter_count(line.segments) - 1
        if room > 0.01 and gaps > 0 and room / gaps <= JUSTIFY_MAX_EM * size:
            line.stretch = room


def _letter_count(segments: Sequence[Segment]) -> int:
    """The glyphs of a line that take room (marks sit on their letter)."""
    return sum(1 for seg in segments for g in seg.face.shape(seg.text) if g.advance > 0)


def _balanced_line(maker: _LineMaker, line: LogicalLine, gap: float, indent: float) -> None:
    """A centred line (a title) broken as a careful typesetter would: as many lines as
    filling them would give, breaking at spaces (phrase boundaries) when that gives no more
    lines, and the lines as even as they can be (the narrowest width that needs no more)."""
    width = maker.width

    def lines(w: float, spaces_only: bool) -> int | None:
        trial = _LineMaker(maker.style, w)
        trial.spaces_only = spaces_only
        trial.logical_line(line, 0.0, indent)
        return None if trial.forced else len(trial.lines)

    count = lines(width, False)
    if count is None or count < 2:
        maker.logical_line(line, gap, indent)
        return
    spaces_only = lines(width, True) == count
    lo, hi = width / count, width
    for _ in range(12):
        mid = (lo + hi) / 2
        if lines(mid, spaces_only) == count:
            hi = mid
        else:
            lo = mid
    maker.width, maker.spaces_only = hi, spaces_only
    try:
        maker.logical_line(line, gap, indent)
    finally:
        maker.width, maker.spaces_only = width, False


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


_widest: dict[tuple[object, ...], float] = {}


def widest_word(paras: Sequence[Para], style: TextStyle) -> float:
    """_widest_word, once per text and style: a report's cells repeat (a division's name, a
    period), and each is measured at every type size tried."""
    key = (_paras_key(paras), _style_key(style))
    width = _widest.get(key)
    if width is None:
        if len(_widest) > 20_000:
            _widest.clear()
        width = _widest[key] = _widest_word(paras, style)
    return width


def _widest_word(paras: Sequence[Para], style: TextStyle) -> float:
    """The width of the widest Thai word or short token (labels included): a column's minimum.

    Words that only a context-blind cut separates (องค์กรปกครองส่วน|ท้องถิ่น) count as one,
    as a reader sees them; newmm is asked only about runs wider than the widest word so far.
    A long run with no space (a URL) counts by its widest piece between its break points, a
    Latin token by at most SHORT_TOKEN characters, a date by its day and month (the year
    may go to the next line)."""
    maker = _LineMaker(style, 1e9)
    widest = 0.0
    for para in paras:
        for line in para:
            label = maker.face(line.label_bold).width(clean(line.label), style.size) if line.label else 0.0
            words = _words(line.spans)
            widths = [_least_width(maker, w) for w in words]
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


def _least_width(maker: _LineMaker, word: _Word) -> float:
    """The width a word needs on its own: its widest group between soft spaces, a Latin token
    counted with at most SHORT_TOKEN characters."""
    groups: list[list[_Atom]] = [[]]
    for atom in word.atoms:
        if atom.soft:
            groups.append([])
        else:
            groups[-1].append(atom)
    widest = 0.0
    for group in groups:
        width = 0.0
        for atom in group:
            text = atom.text
            if len(text) > SHORT_TOKEN and not _THAI_ANY.search(text):
                text = text[:SHORT_TOKEN]
            width += maker.face(atom.bold).width(text, maker.style.size)
        widest = max(widest, width)
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
                  gray: float = 0.0, outlines: bool = False, stretch: float = 0.0) -> None:
    """Write shaped segments as PDF text starting at (x, baseline), in black.

    One TJ per segment and font subset; HarfBuzz's x offsets become TJ adjustments (in 1/1000
    of the font size, positive moves left) and y offsets text rise. Glyphs marked `outline`
    (all of them with `outlines`: a watermark no reader may take for text) are drawn as
    filled paths after the text, where the pen had them; the text skips their advance.
    `stretch` (a justified line) is spread evenly after every glyph followed by one that
    takes room: marks stay on their letter."""
    if not segments or not any(s.text.strip() for s in segments):
        return
    raster = getattr(canv, "draw_shaped", None)
    if raster is not None:  # a chart painted as a picture for the Word file (report/raster.py)
        raster(segments, x, baseline, gray, stretch)
        return
    spread = 0.0
    if stretch:
        gaps = _letter_count(segments) - 1
        spread = stretch / gaps if gaps > 0 else 0.0
    shaped = [seg.face.shape(seg.text) for seg in segments]
    # after which glyphs (by their place in the line) the spread goes: before each glyph that
    # takes room, but the first
    spaced = [g.advance > 0 for glyphs in shaped for g in glyphs]
    opens = [spread > 0 and any(spaced[i + 1:i + 2]) for i in range(len(spaced))]
    index = 0
    doc = canv._doc
    ops = [f"1 0 0 1 {_num(x)} {_num(baseline)} Tm"]
    outlined = []  # (face, code, x, y, size) of glyphs drawn as outlines
    current_font = None
    rise = 0.0
    pen = x  # the current glyph's origin, in points
    skip = 0.0  # advance of the outline glyphs since the last glyph written as text
    for seg, glyphs in zip(segments, shaped):
        scale = seg.size / 1000.0
        extra = spread / scale  # the spread in 1/1000 em of this segment
        drawn = []  # glyphs written as text, with the advance skipped before each
        for g in glyphs:
            opened = opens[index]
            index += 1
            if g.outline or outlines:
                outlined.append((seg.face, g.code, pen + g.x_offset * scale,
                                 baseline + g.y_offset * scale, seg.size))
                skip += g.advance + (extra if opened else 0.0)
            else:
                drawn.append((replace(g, post=g.post - extra) if opened else g, skip))
                skip = 0.0
            pen += g.advance * scale + (spread if opened else 0.0)
        ttf = seg.face.ttf
        codes = "".join([chr(g.code) for g, _skip in drawn])
        k = 0
        for subset, data in ttf.splitString(codes, doc) if drawn else ():
            font = (ttf.getSubsetInternalName(subset, doc), seg.size)
            if font != current_font:
                ops.append(f"{font[0]} {_num(seg.size)} Tf")
                current_font = font
            items: list[str] = []
            run = bytearray()
            pending = 0.0
            for byte in data:
                g, skipped = drawn[k]
                k += 1
                pending -= skipped
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
    text = ["BT", *ops, "ET"] if len(ops) > 1 else []
    canv.addLiteral("\n".join([f"q {_num(gray)} g", *text]))
    for face, code, gx, gy, size in outlined:
        form = _glyph_form(canv, face, code)
        em = f"{size / 1000.0:.6f}".rstrip("0")
        canv.addLiteral(f"q {em} 0 0 {em} {_num(gx)} {_num(gy)} cm")
        canv.doForm(form)
        canv.addLiteral("Q")
    canv.addLiteral("Q")


def _glyph_form(canv: Canvas, face: Face, code: int) -> str:
    """The name of a form that fills the glyph's outline (in 1/1000 em), made once per PDF:
    a glyph drawn many times costs one small `Do` each."""
    name = f"glyph-{face.name}-{code:x}"
    if not canv.hasForm(name):
        canv.beginForm(name, -1000, -1000, 2000, 2000)
        # whole units: 1/1000 em is 0.08 pt even at the watermark's size
        ops = [" ".join([*(str(round(v)) for v in values), op]) for op, values in face.outline(code)]
        canv.addLiteral("\n".join([*ops, "f"]))
        canv.endForm()
    return name


# glyph code (a byte) -> how a PDF literal string writes it: printable ASCII as itself, the
# delimiters escaped, the rest as octal
_LITERAL = {b: {0x28: "\\(", 0x29: "\\)", 0x5C: "\\\\"}.get(b, chr(b) if 32 <= b < 127 else f"\\{b:03o}")
            for b in range(256)}


def _string(data: bytearray) -> str:
    """A PDF literal string of glyph codes."""
    return "(" + data.decode("latin-1").translate(_LITERAL) + ")"
