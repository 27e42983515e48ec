"""A table pasted from Word or Excel, from the formats the clipboard offers (WORD.md F3).

Pure: the formats come in as bytes or text (the UI reads them off its QMimeData), a `Grid`
(domain.table_import) goes out. Tried in this order by `best_table`:

1. Excel's "XML Spreadsheet" (SpreadsheetML 2003): typed values at full precision, sparse
   cells (ss:Index), merges (ss:MergeAcross, ss:MergeDown). A DTD or an entity is refused,
   nothing is fetched from the network.
2. HTML ("HTML Format" / text/html), Word's and Excel's: the part between
   <!--StartFragment--> and <!--EndFragment-->, its first table, colspan/rowspan kept as merged
   cells, <p> and <br> as new lines, a cell holding only &nbsp; empty.
3. Tab-separated text (Excel's "Text"; a cell with a new line, a tab or a quote is quoted).

Word's plain text is not read first on purpose: a cell with two paragraphs there looks like
two rows.
"""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from typing import Any

from lxml import etree  # type: ignore[import-untyped]
from lxml import html as lxml_html

from ita_desktop.domain.table_import import Grid, clean_text

SS = "urn:schemas-microsoft-com:office:spreadsheet"
_SS = f"{{{SS}}}"
MAX_ROWS = 10_000  # a measures table has tens of rows; more is a mistake or an attack
MAX_COLUMNS = 200
MAX_BYTES = 50 * 1024 * 1024


class ClipboardTableError(ValueError):
    """What was pasted cannot be read as a table; str() is Thai for the clerk."""


def _too_big(rows: int, cols: int) -> ClipboardTableError:
    return ClipboardTableError(
        f"ตารางที่วางใหญ่เกินไป ({rows:,} แถว {cols:,} คอลัมน์) วางได้ไม่เกิน {MAX_ROWS:,} แถว"
        f" {MAX_COLUMNS} คอลัมน์ เลือกเฉพาะส่วนของตารางที่ต้องการแล้วคัดลอกใหม่")


class _Builder:
    """Cells placed at (row, col) with their spans; then a Grid."""

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], str] = {}
        self.origin: dict[tuple[int, int], tuple[int, int]] = {}
        self.height = 0
        self.width = 0

    def taken(self, r: int, c: int) -> bool:
        return (r, c) in self.origin

    def put(self, r: int, c: int, text: str, rowspan: int = 1, colspan: int = 1) -> None:
        rowspan, colspan = max(rowspan, 1), max(colspan, 1)
        if r + rowspan > MAX_ROWS or c + colspan > MAX_COLUMNS:
            raise _too_big(r + rowspan, c + colspan)
        self.cells[(r, c)] = text
        for i in range(r, r + rowspan):
            for j in range(c, c + colspan):
                self.origin.setdefault((i, j), (r, c))
        self.height = max(self.height, r + rowspan)
        self.width = max(self.width, c + colspan)

    def grid(self, header_rows: int = 0) -> Grid:
        rows = [[self.cells.get((r, c), "") for c in range(self.width)] for r in range(self.height)]
        origin = [[self.origin.get((r, c), (r, c)) for c in range(self.width)] for r in range(self.height)]
        # a position two spans claim keeps the first; its own text, if any, is lost as in Excel
        for r in range(self.height):
            for c in range(self.width):
                if origin[r][c] != (r, c):
                    rows[r][c] = ""
        # trailing empty rows (a selection one row too long) go
        while rows and not any(rows[-1]) and all(o == (len(rows) - 1, j) for j, o in enumerate(origin[-1])):
            rows.pop()
            origin.pop()
        return Grid(rows, origin, header_rows=min(header_rows, len(rows)))


def _int(value: str | None, default: int = 0) -> int:
    try:
        return int(str(value).strip()) if value not in (None, "") else default
    except ValueError:
        return default


# --- SpreadsheetML ------------------------------------------------------------------------------
_DTD = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.I)


def _xml_parser() -> Any:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           dtd_validation=False, huge_tree=False, remove_comments=True,
                           remove_pis=True)


def table_from_spreadsheetml(xml: bytes | str) -> Grid:
    """The first worksheet's table of an "XML Spreadsheet" clipboard format."""
    data = xml.encode("utf-8") if isinstance(xml, str) else bytes(xml)
    if len(data) > MAX_BYTES:
        raise ClipboardTableError("ข้อมูลที่วางใหญ่เกินไป (เกิน 50 MB)")
    probe = data.replace(b"\x00", b"")  # UTF-16 too
    if _DTD.search(probe):
        raise ClipboardTableError("ข้อมูลตารางที่วางมีการประกาศ DTD/ENTITY ซึ่ง Excel ไม่ใส่ไว้ จึงไม่อ่าน")
    if isinstance(xml, str):
        data = re.sub(rb"^\s*<\?xml[^>]*\?>", b"", data)  # an str's declared encoding is moot
    try:
        root = etree.fromstring(data, _xml_parser())
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise ClipboardTableError(f"อ่านตารางจาก Excel ไม่ได้: ข้อมูลไม่ใช่ XML ที่ถูกต้อง ({exc})") from None
    doc = root.getroottree().docinfo
    if doc.doctype or doc.internalDTD is not None or doc.externalDTD is not None:
        raise ClipboardTableError("ข้อมูลตารางที่วางมีการประกาศ DTD ซึ่ง Excel ไม่ใส่ไว้ จึงไม่อ่าน")
    table = next(iter(root.iter(f"{_SS}Table")), None)
    if table is None:
        raise ClipboardTableError("ข้อมูลจาก Excel ไม่มีตาราง (ss:Table)")
    out = _Builder()
    r = -1
    for row in table.iter(f"{_SS}Row"):
        r = _int(row.get(f"{_SS}Index"), r + 2) - 1
        if r < 0 or r >= MAX_ROWS:
            raise _too_big(r + 1, out.width)
        c = -1
        for cell in row.iterchildren(f"{_SS}Cell"):
            c = _int(cell.get(f"{_SS}Index"), c + 2) - 1
            while out.taken(r, c) and out.origin[(r, c)] != (r, c):
                c += 1  # a cell merged down from above holds this place: Excel skips it
            if c < 0 or c >= MAX_COLUMNS:
                raise _too_big(r + 1, c + 1)
            across = _int(cell.get(f"{_SS}MergeAcross"))
            down = _int(cell.get(f"{_SS}MergeDown"))
            texts = ["".join(d.itertext()) for d in cell.iterchildren(f"{_SS}Data")]
            out.put(r, c, clean_text("".join(texts)), down + 1, across + 1)
            c += across
        out.height = max(out.height, r + 1)
    return out.grid()


# --- HTML ---------------------------------------------------------------------------------------
_START, _END = "<!--StartFragment-->", "<!--EndFragment-->"
_BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "ul", "ol",
           "blockquote", "pre", "dd", "dt"}
_SKIP = {"style", "script", "head", "title", "xml"}
_WS = re.compile(r"[ \t\r\n\f]+")


def _fragment(text: str) -> str:
    start, end = text.find(_START), text.find(_END)
    if start >= 0 and end > start:
        text = text[start + len(_START):end]
    if not re.search(r"<table\b", text, re.I) and re.search(r"<tr\b", text, re.I):
        text = f"<table>{text}</table>"  # Excel starts its fragment inside the <table>
    return text


def _cell_text(cell: Any) -> str:
    """The cell's text: runs of white space as one space (Word wraps its HTML source), a new
    line at each <br> and between blocks (<p>, <div>…)."""
    parts: list[str] = []

    def walk(el: Any) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        local = tag.rsplit("}", 1)[-1].split(":")[-1].lower()
        if local in _SKIP or not tag:  # comments, processing instructions
            if el.tail:
                parts.append(_WS.sub(" ", el.tail))
            return
        if local == "br" or local in _BLOCKS:
            parts.append("\n")
        if el.text:
            parts.append(_WS.sub(" ", el.text))
        for child in el:
            walk(child)
        if local in _BLOCKS:
            parts.append("\n")
        if el.tail:
            parts.append(_WS.sub(" ", el.tail))

    if cell.text:
        parts.append(_WS.sub(" ", cell.text))
    for child in cell:
        walk(child)
    text = "".join(parts)
    text = re.sub(r" *\n *", "\n", text)
    text = re.sub(r"\n{2,}", "\n", text)  # an empty <p> between paragraphs is spacing
    return clean_text(text)


def _rows_of(table: Any) -> list[Any]:
    rows = []
    for child in table:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag == "tr":
            rows.append(child)
        elif tag in ("thead", "tbody", "tfoot"):
            rows += [tr for tr in child if isinstance(tr.tag, str) and tr.tag.lower() == "tr"]
    return rows


def table_from_html(html: str | bytes) -> Grid:
    """The first table of a clipboard's HTML (Word's <table class=MsoTableGrid>, Excel's)."""
    if isinstance(html, bytes):
        if len(html) > MAX_BYTES:
            raise ClipboardTableError("ข้อมูลที่วางใหญ่เกินไป (เกิน 50 MB)")
        html = html.decode("utf-8", errors="replace")
    if len(html) > MAX_BYTES:
        raise ClipboardTableError("ข้อมูลที่วางใหญ่เกินไป (เกิน 50 MB)")
    text = _fragment(html)
    if not text.strip():
        raise ClipboardTableError("สิ่งที่วางไม่มีตาราง")
    try:
        parser = lxml_html.HTMLParser(no_network=True, remove_comments=False, huge_tree=False)
        root = lxml_html.fromstring(text, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise ClipboardTableError(f"อ่านตารางที่วางไม่ได้ ({exc})") from None
    tables = [root] if isinstance(root.tag, str) and root.tag.lower() == "table" else []
    table = tables[0] if tables else next(iter(root.iter("table")), None)
    if table is None:
        raise ClipboardTableError("สิ่งที่วางไม่มีตาราง")
    out = _Builder()
    header_rows, in_header = 0, True
    rows = _rows_of(table)
    for r, tr in enumerate(rows):
        if r >= MAX_ROWS:
            raise _too_big(r + 1, out.width)
        c = 0
        cells = [x for x in tr if isinstance(x.tag, str) and x.tag.lower() in ("td", "th")]
        heading = bool(cells) and (tr.getparent().tag.lower() == "thead"
                                   or all(x.tag.lower() == "th" for x in cells))
        if in_header and heading:
            header_rows = r + 1
        else:
            in_header = False
        for cell in cells:
            while out.taken(r, c):
                c += 1
            colspan = min(_int(cell.get("colspan"), 1), MAX_COLUMNS)
            rowspan = min(_int(cell.get("rowspan"), 1), len(rows) - r)  # as browsers do
            out.put(r, c, _cell_text(cell), rowspan, colspan)
            c += max(colspan, 1)
        out.height = max(out.height, r + 1)
    return out.grid(header_rows)


# --- tab-separated text --------------------------------------------------------------------------
def table_from_tsv(text: str | bytes) -> Grid:
    """Excel's "Text": a tab between cells, a new line between rows, a cell holding a new line,
    a tab or a quote in double quotes (quotes inside doubled)."""
    if isinstance(text, bytes):
        if len(text) > MAX_BYTES:
            raise ClipboardTableError("ข้อมูลที่วางใหญ่เกินไป (เกิน 50 MB)")
        bom16 = text[:2] in (b"\xff\xfe", b"\xfe\xff")
        text = text.decode("utf-16" if bom16 else "utf-8-sig", errors="replace")
    text = text.replace("\x00", "")
    if len(text) > MAX_BYTES:
        raise ClipboardTableError("ข้อมูลที่วางใหญ่เกินไป (เกิน 50 MB)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    csv.field_size_limit(MAX_BYTES)
    rows = []
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter="\t", strict=False):
            rows.append([clean_text(x) for x in row])
            if len(rows) > MAX_ROWS or len(row) > MAX_COLUMNS:
                raise _too_big(len(rows), len(row))
    except csv.Error as exc:
        raise ClipboardTableError(f"อ่านข้อความที่วางเป็นตารางไม่ได้ ({exc})") from None
    while rows and not any(rows[-1]):
        rows.pop()
    return Grid.plain(rows)


# --- the clipboard as a whole --------------------------------------------------------------------
def _kind(name: str) -> str:
    low = name.lower()
    if "xml spreadsheet" in low:
        return "spreadsheetml"
    if "html" in low:
        return "html"
    if low in ("text/plain", "text", "unicodetext", "cf_unicodetext", "cf_text") or low.startswith("text/plain"):
        return "tsv"
    return ""


_READERS = {"spreadsheetml": table_from_spreadsheetml, "html": table_from_html, "tsv": table_from_tsv}


def best_table(formats: Mapping[str, bytes | str]) -> Grid | None:
    """The table of the richest format the clipboard holds (SpreadsheetML, then HTML, then
    tab-separated text); a format that cannot be read gives way to the next. None when none
    holds a table; ClipboardTableError when the only ones there are refused."""
    found = {kind: value for name, value in formats.items() if (kind := _kind(name))}
    refused: ClipboardTableError | None = None
    for kind in ("spreadsheetml", "html", "tsv"):
        if kind not in found or not found[kind]:
            continue
        try:
            grid = _READERS[kind](found[kind])
        except ClipboardTableError as exc:
            refused = refused or exc
            continue
        if grid.rows and grid.width:
            return grid
    if refused is not None:
        raise refused
    return None
