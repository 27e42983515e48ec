"""Measures read from a table (a Word table, a table pasted from Word or Excel) or from a
heading-style report (a bold label, then its text), as the clerk typed them last year.

Pure: a `Grid` comes in (made by ita_desktop.docx_import or domain.clipboard_tables), a list
of `ImportedMeasure` goes out, with the column mapping used so that a preview can show it and
the clerk can change it (`import_rows(grid, mapping)` again). Nothing is written here.

What real reports do, and what is done about it:

- the header is the rows Word marks «ทำซ้ำแถวหัวเรื่อง» (tblHeader), else the rows before the
  first row whose first cell is a number ("1", "๑.", "1.1"); a row spanning the whole table
  above it (a caption typed as a row) is left out; two header rows are joined "parent/child";
- the header typed again by hand at the top of each page is dropped, and so is a row whose
  title says "(ต่อ)": its texts go to the measure it continues;
- a measure merged down over several activity rows (or left empty under its first row) is
  one measure whose activity texts are joined line by line;
- numbering typed into the title ("1. จัดทำคู่มือ", "๑) ...") becomes its sequence number.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ita_desktop.domain import edits
from ita_desktop.domain import models as mo
from ita_desktop.domain.imported_text import LIST_FIELDS, split_inline_lists
from ita_desktop.domain.sortkey import key_between
from ita_desktop.thai.text import normalize_line, normalize_text

# --- fields -------------------------------------------------------------------------------
# what a column can be imported as: the Measure's texts, the Result's texts, the sequence
# number, the analysis issue (ประเด็น) and the ITA indicator
MEASURE_FIELDS = ("title", "steps", "period", "responsible", "target", "budget", "monitoring")
RESULT_FIELDS = ("output", "outcome", "status", "problems", "suggestions")
FIELDS: tuple[str, ...] = ("seq", "group", "indicator", *MEASURE_FIELDS, *RESULT_FIELDS)
FIELD_LABELS: dict[str, str] = {
    "seq": "ลำดับ",
    "group": "ประเด็น",
    "indicator": "ตัวชี้วัด ITA",
    "title": "มาตรการ/โครงการ/กิจกรรม",
    "steps": "ขั้นตอน/วิธีการ",
    "period": "ระยะเวลา",
    "responsible": "ผู้รับผิดชอบ",
    "target": "ตัวชี้วัด/เป้าหมาย",
    "budget": "งบประมาณ",
    "monitoring": "การติดตามประเมินผล",
    "output": "ผลการดำเนินการ (output)",
    "outcome": "ผลลัพธ์ (outcome)",
    "status": "สถานะ",
    "problems": "ปัญหาอุปสรรค",
    "suggestions": "ข้อเสนอแนะ",
}
IGNORE = ""  # a column mapped to nothing

# Header words, most specific first: "ผลการดำเนินการตามมาตรการ" is an output and
# "ระยะเวลาดำเนินโครงการ" a period, so the title's words come last. Matched on the header
# without spaces, lower case.
_SYNONYMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("indicator", ("ตัวชี้วัดita", "ตัวชี้วัดการประเมิน", "ตัวชี้วัดที่เกี่ยวข้อง", "indicator")),
    ("outcome", ("ผลลัพธ์", "ผลสัมฤทธิ์", "outcome")),
    ("output", ("ผลการดำเนินการ", "ผลการดำเนินงาน", "ผลการปฏิบัติ", "ผลผลิต", "output")),
    ("status", ("สถานะ", "status")),
    ("problems", ("ปัญหา", "อุปสรรค", "problem")),
    ("suggestions", ("ข้อเสนอแนะ", "แนวทางแก้ไข", "suggestion")),
    ("steps", ("ขั้นตอน", "วิธีการ", "วิธีดำเนินการ", "แนวทางการดำเนินการ", "รายละเอียด", "step")),
    ("period", ("ระยะเวลา", "ช่วงระยะเวลา", "ช่วงเวลา", "ห้วงเวลา", "กรอบเวลา", "ไตรมาส", "period", "timeline")),
    ("responsible", ("ผู้รับผิดชอบ", "หน่วยงานรับผิดชอบ", "หน่วยงานที่รับผิดชอบ", "ผู้ดำเนินการ", "responsib")),
    ("budget", ("งบประมาณ", "budget")),
    ("monitoring", ("การติดตาม", "ติดตามประเมินผล", "ติดตามผล", "monitor")),
    ("target", ("ตัวชี้วัด", "เป้าหมาย", "kpi", "target")),
    ("group", ("ประเด็น", "issue")),
    ("title", ("มาตรการ", "โครงการ", "กิจกรรม", "measure", "project", "activit")),
)
# a header that is the sequence number only when it is the whole header
_SEQ_HEADERS = {"ลำดับ", "ลำดับที่", "ที่", "ข้อ", "ข้อที่", "no", "no.", "#", "seq"}
# the words of a measures table's header (WORD.md F2): a table with two of them is one
_SIGNATURE = ("มาตรการ", "กิจกรรม", "ผู้รับผิดชอบ", "ระยะเวลา", "งบประมาณ", "ตัวชี้วัด", "ผลการดำเนินการ")


def _key(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()


def guess_field(label: str) -> str:
    """The field a header (or a heading's label) names, or IGNORE."""
    key = _key(label)
    if not key:
        return IGNORE
    if key.rstrip(".") in _SEQ_HEADERS or key in _SEQ_HEADERS:
        return "seq"
    for name, words in _SYNONYMS:
        if any(w in key for w in words):
            return name
    return IGNORE


def label_field(text: str, strict: bool = False) -> str:
    """The field a heading labels: a heading that starts with a field's word («ขั้นตอนหรือวิธี
    การปฏิบัติ», «ผู้รับผิดชอบ») or a short one that names it. A measure's title written as a
    heading names words of other fields in passing ("… ให้ครอบคลุมทุกขั้นตอนการดำเนินงาน"):
    it labels nothing. `strict`: only a heading that starts with the word ("ผู้รับผิดชอบ: …",
    not "ความโปร่งใสและลดขั้นตอน: …")."""
    key = _key(text)
    name = guess_field(text)
    if not name or name == "seq" or (len(key) <= 24 and not strict):
        return name
    for field_name, words in _SYNONYMS:
        if any(key.startswith(w) for w in words):
            return field_name
    return IGNORE


def field_of(text: str) -> str | None:
    """A field as the clerk may write it in --map: its key ("steps") or its Thai label, or
    IGNORE for "-"/"ไม่นำเข้า"; None when it is neither."""
    key = _key(text)
    if key in ("", "-", "ignore", "ไม่นำเข้า", "ไม่ใช้"):
        return IGNORE
    for name in FIELDS:
        if key in (name, _key(FIELD_LABELS[name])):
            return name
    return None


# --- cell text ------------------------------------------------------------------------------
_SPACE_RUN = re.compile(r"[ \t\u2000-\u200a\u205f]+")


def clean_text(text: str) -> str:
    """A cell's text as stored: NFC, no-break spaces as spaces, no zero-width characters,
    spaces collapsed and trimmed on each line, no empty lines at either end."""
    if not text:
        return ""
    text = normalize_text(unicodedata.normalize("NFC", text))
    lines = [_SPACE_RUN.sub(" ", line).strip() for line in text.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return "\n".join(lines)


# --- the grid ---------------------------------------------------------------------------------
@dataclass
class Grid:
    """A table as a rectangle. `rows[r][c]` is the text of the cell whose top-left corner is
    there and "" where a merged cell covers the position; `origin[r][c]` is that top-left
    corner, (r, c) itself for a cell of its own. `header_rows`: leading rows the source marks
    as headers (Word's tblHeader, HTML's <th>/<thead>); 0 when it says nothing."""

    rows: list[list[str]]
    origin: list[list[tuple[int, int]]] = field(default_factory=list)
    header_rows: int = 0

    def __post_init__(self) -> None:
        width = max((len(r) for r in self.rows), default=0)
        self.rows = [[*r, *[""] * (width - len(r))] for r in self.rows]
        if not self.origin:
            self.origin = [[(i, j) for j in range(width)] for i in range(len(self.rows))]

    @classmethod
    def plain(cls, rows: Iterable[Sequence[str]], header_rows: int = 0) -> Grid:
        """A grid with no merged cells (from tab-separated text)."""
        return cls([list(r) for r in rows], header_rows=header_rows)

    @property
    def width(self) -> int:
        return len(self.rows[0]) if self.rows else 0

    def text(self, r: int, c: int) -> str:
        """The text shown at (r, c): the merged cell's text where one covers it."""
        i, j = self.origin[r][c]
        return self.rows[i][j]

    def covered(self, r: int, c: int) -> bool:
        """Is (r, c) covered by a cell that starts elsewhere?"""
        return self.origin[r][c] != (r, c)

    def merged_down(self, r: int, c: int) -> bool:
        """Is (r, c) covered by a cell that starts in a row above?"""
        return self.origin[r][c][0] < r

    def filled(self) -> list[list[str]]:
        """The rectangle with each merged cell's text in every position it covers."""
        return [[self.text(r, c) for c in range(self.width)] for r in range(len(self.rows))]


# --- header -------------------------------------------------------------------------------------
_SEQ_ONLY = re.compile(r"^\(?[0-9๐-๙]{1,3}(?:\.[0-9๐-๙]{1,3})*[.)]?$")
_NUMBERED = re.compile(r"^\(?([0-9๐-๙]{1,3}(?:\.[0-9๐-๙]{1,3})*)(?:[.)]\s*|\s+)(?=\S)")
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_MAX_SEARCH = 8  # a header is never longer than this


def _looks_like_seq(text: str) -> bool:
    text = _key(text)
    return bool(_SEQ_ONLY.match(text))


def _first_text(grid: Grid, r: int) -> str:
    """The first non-empty cell of row r (a row may start with an empty cell before the seq)."""
    for c in range(grid.width):
        if not grid.covered(r, c) and grid.rows[r][c].strip():
            return grid.rows[r][c]
    return ""


def _is_data_row(grid: Grid, r: int) -> bool:
    first = _first_text(grid, r).strip()
    return _looks_like_seq(first.split("\n")[0]) or bool(_NUMBERED.match(first))


def _is_number_row(grid: Grid, r: int) -> bool:
    """A row of column numbers under the header ("(1)" "(2)" "(3)"…, as government forms have)."""
    cells = [grid.rows[r][c].strip() for c in range(grid.width) if not grid.covered(r, c)]
    cells = [x for x in cells if x]
    return len(cells) >= 3 and all(_looks_like_seq(x) for x in cells)


def _is_caption(grid: Grid, r: int) -> bool:
    """A row that is one cell across the whole table (a caption typed as a row)."""
    return grid.width > 1 and all(grid.origin[r][c] == grid.origin[r][0] for c in range(grid.width))


def find_header(grid: Grid) -> int:
    """How many leading rows are the header."""
    if grid.header_rows:
        return min(grid.header_rows, len(grid.rows))
    for r in range(min(len(grid.rows), _MAX_SEARCH)):
        if _is_data_row(grid, r) and not _is_number_row(grid, r):
            return r
    # no numbered row: the leading rows that name fields
    n = 0
    while n < min(len(grid.rows), 3) and any(guess_field(grid.text(n, c)) for c in range(grid.width)):
        n += 1
    return n


def header_labels(grid: Grid, header_rows: int) -> list[str]:
    """One label per column: the header rows' texts joined "parent/child" (a cell merged down
    through the header counted once), captions across the whole table left out."""
    rows = [r for r in range(header_rows)
            if not (_is_caption(grid, r) and header_rows > 1) and not _is_number_row(grid, r)]
    labels = []
    for c in range(grid.width):
        parts: list[str] = []
        seen: set[tuple[int, int]] = set()
        for r in rows:
            o = grid.origin[r][c]
            text = " ".join(grid.rows[o[0]][o[1]].split())
            if o in seen or not text:
                continue
            seen.add(o)
            if not parts or parts[-1] != text:
                parts.append(text)
        labels.append("/".join(parts))
    return labels


def guess_mapping(labels: Sequence[str]) -> dict[int, str]:
    """Column -> field from the header labels. A second title-like column ("มาตรการ" then
    "กิจกรรม") is the measure's activities: its steps."""
    mapping: dict[int, str] = {}
    for c, label in enumerate(labels):
        name = guess_field(label)
        if name == "title" and "title" in mapping.values():
            name = IGNORE if "steps" in mapping.values() else "steps"
        if name:
            mapping[c] = name
    return mapping


def apply_overrides(labels: Sequence[str], mapping: Mapping[int, str],
                    overrides: Mapping[str, str]) -> tuple[dict[int, str], list[str]]:
    """The mapping with the clerk's choices by header label (equal, else contained, spaces
    ignored); the labels that matched no column."""
    out = dict(mapping)
    unmatched = []
    keys = [_key(x) for x in labels]
    for label, name in overrides.items():
        want = _key(label)
        cols = [c for c, k in enumerate(keys) if k == want] or [c for c, k in enumerate(keys) if want and want in k]
        if not cols:
            unmatched.append(label)
        for c in cols:
            if name:
                out[c] = name
            else:
                out.pop(c, None)
    return out, unmatched


def header_signature(labels: Sequence[str]) -> str:
    """The header's labels as one key (spaces and case ignored), under which a preview can
    remember the mapping the clerk chose for tables of the same shape (WORD.md F2 §5)."""
    return "|".join(_key(x) for x in labels)


def looks_like_measures(labels: Sequence[str]) -> bool:
    """The header of a measures table: two of the signature words (WORD.md F2)."""
    text = _key(" ".join(labels))
    return sum(w in text for w in _SIGNATURE) >= 2


# --- rows -> measures -------------------------------------------------------------------------
@dataclass
class ImportedMeasure:
    """One measure read: its texts by field (FIELDS but seq), its number as written."""

    seq: str = ""
    fields: dict[str, str] = field(default_factory=dict)
    rows: list[int] = field(default_factory=list)  # the grid's rows it came from (for a preview)

    @property
    def title(self) -> str:
        return self.fields.get("title", "")


def rest_of(text: str) -> str:
    """The text without the number it starts with."""
    return split_number(text)[1]


def split_number(text: str) -> tuple[str, str]:
    """("1", "จัดทำคู่มือ") from "1. จัดทำคู่มือ", "๑) จัดทำคู่มือ", "1.1 จัดทำคู่มือ"; ("", text)
    when the text does not start with a number (a year "2568 ..." is no number)."""
    m = _NUMBERED.match(text)
    if not m:
        return "", text
    return m.group(1).translate(_THAI_DIGITS), text[m.end():]


def _seq_text(text: str) -> str:
    return _key(text).strip("().").translate(_THAI_DIGITS)


def _is_empty_mark(text: str) -> bool:
    """What a report prints in a field with nothing in it (the app's own empty mark "-")."""
    return text.strip() in {"-", "–", "—", "--", "-."}


_CONTINUED = re.compile(r"\(\s*ต่อ\s*\)|\(\s*ต่อจากหน้า[^)]*\)|^\s*ต่อ\s*$")
_MARKS = {"✓", "✔", "√", "/", "x", "X", "*", "•", "●", "■", "✗"}


def _is_continued(text: str) -> bool:
    return bool(_CONTINUED.search(text))


def _strip_continued(text: str) -> str:
    return clean_text(_CONTINUED.sub("", text))


def _append(fields: dict[str, str], name: str, text: str) -> None:
    if not text:
        return
    old = fields.get(name, "")
    if old == text or text in old.split("\n"):
        return
    fields[name] = f"{old}\n{text}" if old else text


def _is_repeated_header(grid: Grid, r: int, labels: Sequence[str], header_rows: int) -> bool:
    """A row typed again as the header (its page's first row): each non-empty cell equals the
    header's text of its column (any of its header rows)."""
    cells = [(c, _key(grid.rows[r][c])) for c in range(grid.width) if not grid.covered(r, c)]
    cells = [(c, k) for c, k in cells if k]
    if len(cells) < 2:
        return False
    for c, k in cells:
        wanted = {_key(part) for part in labels[c].split("/")} | {_key(labels[c])}
        wanted |= {_key(grid.text(h, c)) for h in range(header_rows)}
        if k not in wanted:
            return False
    return True


def _row_values(grid: Grid, r: int, mapping: Mapping[int, str], labels: Sequence[str]
                ) -> dict[str, str]:
    """The row's texts by field; columns mapped to the same field joined line by line, a tick
    in a column ("✓" under ไตรมาส 2) said as the column's label."""
    out: dict[str, str] = {}
    for c in sorted(mapping):
        name = mapping[c]
        if not name or c >= grid.width or (grid.covered(r, c) and grid.origin[r][c][0] == r):
            continue  # part of a cell spanning columns: its text is in its first column
        text = grid.rows[r][c] if not grid.covered(r, c) else ""
        if not text or (_is_empty_mark(text) and name != "seq"):
            continue
        if text.strip() in _MARKS and c < len(labels) and labels[c]:
            text = labels[c].split("/")[-1]
        _append(out, name, text)
    return out


def import_rows(grid: Grid, mapping: Mapping[int, str], header_rows: int | None = None
                ) -> list[ImportedMeasure]:
    """The measures of the grid's rows below the header, with the columns as `mapping` says."""
    n = find_header(grid) if header_rows is None else header_rows
    labels = header_labels(grid, n)
    title_cols = [c for c, f in sorted(mapping.items()) if f == "title"]
    seq_cols = [c for c, f in sorted(mapping.items()) if f == "seq"]
    group_cols = [c for c, f in sorted(mapping.items()) if f in ("group", "indicator")]
    out: list[ImportedMeasure] = []
    current: ImportedMeasure | None = None
    carried: dict[str, str] = {}  # group and indicator written once over several measures
    for r in range(n, len(grid.rows)):
        if not any(grid.rows[r]) or _is_repeated_header(grid, r, labels, n) or _is_number_row(grid, r):
            continue
        values = _row_values(grid, r, mapping, labels)
        if not values:
            continue
        title = values.get("title", "")
        seq = values.pop("seq", "")
        continued = any(_is_continued(grid.rows[r][c]) for c in [*title_cols, *seq_cols])
        merged = any(grid.merged_down(r, c) for c in title_cols)
        if current is not None and (continued or merged or not (title or seq)):
            # the same measure: (ต่อ), merged down, or its title left empty under it
            if continued:
                title = _strip_continued(title)
                if title and title != current.title and split_number(title)[1] != current.title:
                    _append(current.fields, "title", title)
                values.pop("title", None)
            for name, text in values.items():
                if name in ("group", "indicator") and any(grid.merged_down(r, c) for c in group_cols):
                    continue
                if name != "title":
                    _append(current.fields, name, _strip_continued(text) if continued else text)
            current.rows.append(r)
            continue
        current = ImportedMeasure(rows=[r])
        if title:
            number, rest = split_number(title)
            values["title"] = rest
            seq = seq or number
        current.seq = _seq_text(seq.split("\n")[0]) if seq else ""
        for name in ("group", "indicator"):
            if values.get(name):
                carried[name] = values[name]
            elif carried.get(name):
                values[name] = carried[name]
        current.fields = {k: v for k, v in values.items() if v}
        out.append(current)
    return [x for x in out if x.fields]  # a row with a number and nothing else is no measure


@dataclass
class TableImport:
    """What one table gave: its header, the mapping used, the measures."""

    grid: Grid
    header_rows: int
    labels: list[str]
    mapping: dict[int, str]
    measures: list[ImportedMeasure]
    unmatched: list[str] = field(default_factory=list)  # --map labels no column has

    def mapping_text(self) -> list[str]:
        """«header» → field label, one line per mapped column (for the clerk)."""
        out = []
        for c in sorted(self.mapping):
            label = self.labels[c] if c < len(self.labels) and self.labels[c] else f"คอลัมน์ {c + 1}"
            out.append(f"«{label}» → {FIELD_LABELS.get(self.mapping[c], self.mapping[c])}")
        return out


def read_table(grid: Grid, overrides: Mapping[str, str] | None = None) -> TableImport:
    """Header, guessed mapping (with the clerk's overrides) and the measures of one table."""
    n = find_header(grid)
    labels = header_labels(grid, n)
    mapping, unmatched = apply_overrides(labels, guess_mapping(labels), overrides or {})
    return TableImport(grid, n, labels, mapping, import_rows(grid, mapping, n), unmatched)


# --- heading-style reports -------------------------------------------------------------------------
@dataclass
class Block:
    """A heading and the paragraphs under it. level 0 = text before any heading; `how` says
    what made it a heading: "style" (Heading n, outlineLvl), "bold", "number", "cell" (the
    left cell of a two-column label | text table)."""

    heading: str
    level: int = 1
    body: list[str] = field(default_factory=list)
    how: str = "style"


_LABEL_VALUE = re.compile(r"^([^:：]{2,60})\s*[:：]\s*(\S.*)$", re.S)


def _label_and_value(text: str) -> tuple[str, str]:
    """("responsible", "สำนักปลัด") from "ผู้รับผิดชอบ : สำนักปลัด"; ("", text) otherwise."""
    m = _LABEL_VALUE.match(text)
    if m:
        name = label_field(m.group(1), strict=True)
        if name and name != "seq":
            return name, m.group(2).strip()
    return "", text


def blocks_from_table(grid: Grid) -> list[Block]:
    """A two-column table of label | text (one measure per table, as some offices lay out their
    reports) as blocks; [] when the table is not one."""
    if grid.width != 2 or len(grid.rows) < 2:
        return []
    labelled = sum(1 for r in range(len(grid.rows)) if guess_field(grid.rows[r][0]) not in ("", "seq"))
    if labelled < 2:
        return []
    return [Block(grid.rows[r][0], 2, [grid.rows[r][1]] if grid.rows[r][1] else [], "cell")
            for r in range(len(grid.rows)) if not grid.covered(r, 0) or grid.rows[r][1]]


# the signatures under the last measure: "(ลงชื่อ)....", a dotted line, "ผู้รายงาน"
_SIGNATURE_LINE = re.compile(r"^\(?\s*ลงชื่อ|^[.\s…]{8,}|^\(?(?:ผู้รายงาน|ผู้จัดทำ|ผู้เสนอ|ผู้อนุมัติ|ผู้ตรวจสอบ|ผู้รับรอง)")


def import_blocks(blocks: Sequence[Block]) -> list[ImportedMeasure]:
    """Measures from a heading-style report. A heading that labels the title («มาตรการ โครงการ
    หรือกิจกรรม…») starts a measure whose title is the text under it; a numbered heading that
    labels nothing ("๑. มาตรการเปิดเผยข้อมูล") is itself a measure's title; the other labels
    («ขั้นตอน…», «ผู้รับผิดชอบ», «ผลการดำเนินการ (output)») give that field the text under them.
    Text before the first measure (the cover, the report's title) and from the signatures on
    is left out."""
    out: list[ImportedMeasure] = []
    current: ImportedMeasure | None = None
    for i, block in enumerate(blocks):
        heading = clean_text(block.heading)
        body = [t for t in (clean_text(x) for x in block.body) if t and not _is_empty_mark(t)]
        if _SIGNATURE_LINE.match(heading):
            current = None
            continue
        name, inline = _label_and_value(heading) if heading else ("", "")
        if not name:
            name = label_field(rest_of(heading)) if len(heading) <= 160 and block.level > 0 else IGNORE
            inline = ""
        number, rest = split_number(heading)
        if name == "title" and not number:
            current = ImportedMeasure(rows=[i])
            out.append(current)
            text = inline or (body.pop(0) if body else "")
            current.seq, current.fields["title"] = split_number(text)
            body = [x for x in body if x]
            name = "steps" if body else ""
        elif number and block.level > 0 and (name in ("", "title") or block.how == "number"):
            current = ImportedMeasure(seq=number, fields={"title": rest}, rows=[i])
            out.append(current)
            name = ""
        elif current is None:
            continue
        else:
            current.rows.append(i)
            if inline:
                _append(current.fields, name, inline)
            elif not name and heading:
                body.insert(0, heading)  # a bold line inside a measure's text is text
        for text in body:
            if _SIGNATURE_LINE.match(text):
                current = None
                break
            label, value = _label_and_value(text)
            if label:
                _append(current.fields, label, value)
                name = label
            elif name:
                _append(current.fields, name, text)
            else:
                _append(current.fields, "steps", text)
    return [x for x in out if x.fields.get("title")]


# --- a whole document -------------------------------------------------------------------------
@dataclass
class DocumentImport:
    """What a document gave: "table" mode (its measures tables) or "headings" mode."""

    mode: str
    tables: list[TableImport]
    measures: list[ImportedMeasure]


def import_document(tables: Sequence[Grid], blocks: Sequence[Block],
                    overrides: Mapping[str, str] | None = None) -> DocumentImport:
    """Table mode when a table's header looks like a measures table (each such table read in
    turn, one after the other), else heading mode over the blocks (in which the reader put
    label | text tables as blocks, blocks_from_table)."""
    read = [read_table(g, overrides) for g in tables if g.rows]
    chosen = [t for t in read if looks_like_measures(t.labels) and t.measures]
    if chosen:
        return DocumentImport("table", chosen, [x for t in chosen for x in t.measures])
    return DocumentImport("headings", [], import_blocks(blocks))


# --- into the file ----------------------------------------------------------------------------
_STATUS_WORDS = (("done", ("แล้วเสร็จ", "เสร็จสิ้น", "ดำเนินการแล้ว", "done")),
                 ("in_progress", ("อยู่ระหว่าง", "กำลังดำเนินการ", "in progress")),
                 ("not_started", ("ยังไม่ได้ดำเนินการ", "ยังไม่ดำเนินการ", "not started")))
_INDICATOR_NO = re.compile(r"^(?:ตัวชี้วัด(?:ที่)?)?\s*([0-9๐-๙]{1,2})(?![0-9๐-๙])")


def status_of(text: str) -> str:
    """A status key (models.STATUS_NAMES) from what a report says, "" when it says none."""
    key = _key(text)
    for name, words in _STATUS_WORDS:
        if any(_key(w) in key for w in words):
            return name
    return ""


def indicator_of(text: str) -> int | None:
    """The ITA indicator a cell names by number ("๙", "ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล")."""
    m = _INDICATOR_NO.match(" ".join(text.split()))
    if not m:
        return None
    no = int(m.group(1).translate(_THAI_DIGITS))
    return no if 1 <= no <= 10 else None


def add_imported(data: mo.OfficeFile, fiscal_year: int, measures: Sequence[ImportedMeasure],
                 round_: str = "year", split_lists: bool = False) -> list[mo.Record]:
    """Put imported measures at the end of the plan of `fiscal_year` (a new plan, based on the
    latest ITA result before that year the file has, if there is none), their outputs and
    outcomes as the results of `round_`, an issue written in the table as the plan's analysis
    group of that title (made when the plan has none). Returns every record made or changed,
    for the store to write in one transaction. Texts are normalised as on any import; with
    `split_lists`, lists typed inline go one item a line (domain.imported_text)."""
    changed: list[mo.Record] = []
    plan = data.plan(fiscal_year)
    if plan is None:
        earlier = [a for a in data.live_assessments() if a.ita_year < fiscal_year]
        plan = edits.add_plan(data, fiscal_year, earlier[-1] if earlier else None)
        changed.append(plan)
    groups = {_key(g.title): g for g in data.groups_of(plan.id)}
    last_group = data.groups_of(plan.id)[-1].sort_key if groups else None

    def long(text: str, name: str, kind: type[mo.Record]) -> str:
        text = normalize_text(text).strip("\n")
        return split_inline_lists(text) if split_lists and name in LIST_FIELDS.get(kind, ()) else text

    last: mo.Measure | None = None
    for item in measures:
        f = item.fields
        measure = edits.add_measure(data, plan, after=last)
        last = measure
        measure.title = normalize_line(f.get("title", "").replace("\n", " "))
        for name in MEASURE_FIELDS[1:]:
            if name in mo.MEASURE_LINE_FIELDS:  # the app's one-line fields: a merged measure's lines side by side
                lines = [x.strip() for x in f.get(name, "").split("\n") if x.strip()]
                setattr(measure, name, normalize_line(" / ".join(dict.fromkeys(lines))))
            else:
                setattr(measure, name, long(f.get(name, ""), name, mo.Measure))
        measure.indicator = indicator_of(f.get("indicator", "")) if f.get("indicator") else None
        group_title = normalize_line(f.get("group", ""))
        if group_title:
            number, rest = split_number(group_title)
            group = groups.get(_key(group_title)) or groups.get(_key(rest))
            if group is None:
                last_group = key_between(last_group, None)
                group = mo.AnalysisGroup(id=mo.new_id(), plan_id=plan.id, sort_key=last_group,
                                         title=rest or group_title)  # printed numbers are the report's
                data.groups.append(group)
                changed.append(group)
                groups[_key(group_title)] = groups[_key(rest)] = group
            measure.group_id = group.id
            if measure.indicator is None and not number:
                measure.indicator = indicator_of(group_title)
        changed.append(measure)
        if any(f.get(name) for name in RESULT_FIELDS):
            result = edits.result_for(data, measure, round_)
            for name in ("output", "outcome", "problems", "suggestions"):
                setattr(result, name, long(f.get(name, ""), name, mo.Result))
            result.status = status_of(f.get("status", ""))
            changed.append(result)
    return changed
