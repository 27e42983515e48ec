"""Last year's report as Word wrote it (.docx): its tables and its headings (WORD.md F2).

No Qt. `read_docx(path)` gives an `ImportedDoc`: every table as a `Grid` (domain.table_import)
built from the real w:tc elements (a gridSpan is a cell spanning columns, a vMerge
continuation belongs to the cell it continues, gridBefore/gridAfter keep the rectangle), and
the paragraphs as `Block`s under their headings (Heading n styles or outlineLvl, else a
paragraph bold from end to end, else numbered lines "๑." when the document has neither).
`domain.table_import.import_document` turns either into measures.

What is not a .docx is refused in Thai, never with a traceback: an old .doc (an OLE compound
file, also what Word makes of a password-protected .docx), any other file, a damaged zip, a
file over 50 MB, a document.xml that unpacks to more than 200 MB (a zip bomb).
"""
from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ita_desktop.domain.table_import import Block, Grid, blocks_from_table, clean_text

MAX_FILE = 50 * 1024 * 1024
MAX_DOCUMENT_XML = 200 * 1024 * 1024
MAX_UNPACKED = 300 * 1024 * 1024  # every part together (python-docx reads them all)
MAX_PARTS = 10_000
MAX_GRID = 200  # columns of a table
MAX_ROWS = 10_000

SAVE_AS_DOCX = "เปิดไฟล์ใน Word แล้วเลือก บันทึกเป็น › เอกสาร Word (*.docx) แล้วนำเข้าไฟล์ .docx นั้น"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


class DocxImportError(ValueError):
    """The file cannot be read as a Word document; str() is Thai for the clerk."""


@dataclass
class ImportedDoc:
    """What a .docx holds for import: its tables (nested ones after the table holding them)
    and its paragraphs as blocks under their headings, in the document's order (a two-column
    label | text table among them as blocks)."""

    tables: list[Grid] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    landscape: bool = False  # a section of the document is landscape (a wide table)

    @property
    def headings(self) -> list[Block]:
        """The blocks that have a heading (text before the first heading left out)."""
        return [b for b in self.blocks if b.level > 0]


# --- opening ----------------------------------------------------------------------------------
def _check_container(path: Path) -> None:
    name = path.name
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise DocxImportError(f"เปิดไฟล์ «{name}» ไม่ได้ ({exc.strerror or exc})") from None
    if size > MAX_FILE:
        raise DocxImportError(f"ไฟล์ «{name}» ใหญ่เกิน {MAX_FILE // (1024 * 1024)} MB จึงไม่นำเข้า"
                              " (รายงานที่มีแต่ข้อความและตารางมักไม่ถึง 5 MB: ลบรูปภาพออกหรือบันทึกเฉพาะส่วนตาราง)")
    if head.startswith(_OLE):
        raise DocxImportError(f"ไฟล์ «{name}» เป็นเอกสาร Word รุ่นเก่า (.doc) หรือเอกสารที่ตั้งรหัสผ่านไว้"
                              f" ซึ่งโปรแกรมอ่านไม่ได้: {SAVE_AS_DOCX} (ถ้าตั้งรหัสผ่านไว้ ให้เอารหัสผ่านออกก่อน)")
    if not head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        what = "ไฟล์ RTF" if head.startswith(b"{\\rtf") else "ไฟล์ที่ไม่ใช่เอกสาร Word (.docx)"
        raise DocxImportError(f"ไฟล์ «{name}» เป็น{what} จึงนำเข้าไม่ได้: {SAVE_AS_DOCX}")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_PARTS:
                raise DocxImportError(f"ไฟล์ «{name}» มีส่วนประกอบมากผิดปกติ ({len(infos):,} ส่วน) จึงไม่นำเข้า")
            names = {i.filename for i in infos}
            if "word/document.xml" not in names and "[Content_Types].xml" not in names:
                raise DocxImportError(f"ไฟล์ «{name}» เป็นไฟล์ zip ที่ไม่ใช่เอกสาร Word จึงนำเข้าไม่ได้: {SAVE_AS_DOCX}")
            total = 0
            for info in infos:
                total += info.file_size
                if info.filename.lower().endswith("document.xml") and info.file_size > MAX_DOCUMENT_XML:
                    raise DocxImportError(
                        f"เนื้อหาของไฟล์ «{name}» เมื่อแตกออกใหญ่ถึง {info.file_size // (1024 * 1024):,} MB"
                        f" (เกิน {MAX_DOCUMENT_XML // (1024 * 1024)} MB) ไฟล์อาจเสียหายหรือถูกสร้างขึ้นเพื่อโจมตี จึงไม่นำเข้า")
                if info.flag_bits & 0x1:
                    raise DocxImportError(f"ไฟล์ «{name}» ถูกเข้ารหัสไว้ จึงอ่านไม่ได้: เอารหัสผ่านออกแล้ว{SAVE_AS_DOCX}")
            if total > MAX_UNPACKED:
                raise DocxImportError(
                    f"เนื้อหาของไฟล์ «{name}» เมื่อแตกออกใหญ่ถึง {total // (1024 * 1024):,} MB"
                    f" (เกิน {MAX_UNPACKED // (1024 * 1024)} MB) ไฟล์อาจเสียหายหรือถูกสร้างขึ้นเพื่อโจมตี จึงไม่นำเข้า")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError) as exc:
        if isinstance(exc, DocxImportError):
            raise
        raise DocxImportError(f"ไฟล์ «{name}» เสียหาย (เปิดเป็นไฟล์ zip ของ Word ไม่ได้) จึงนำเข้าไม่ได้:"
                              " ลองเปิดใน Word แล้วบันทึกใหม่เป็น .docx") from None
    except OSError as exc:
        raise DocxImportError(f"อ่านไฟล์ «{name}» ไม่ได้ ({exc.strerror or exc})") from None


def _open(path: Path) -> Any:
    import docx  # python-docx: loaded only when a document is imported

    _check_container(path)
    try:
        return docx.Document(str(path))
    except MemoryError:
        raise DocxImportError(f"ไฟล์ «{path.name}» ใหญ่เกินกว่าหน่วยความจำของเครื่องจะอ่านได้") from None
    except Exception as exc:  # python-docx and lxml raise many kinds on a damaged package
        text = str(exc)
        if "content type" in text and "not a Word file" in text:
            raise DocxImportError(f"ไฟล์ «{path.name}» ไม่ใช่เอกสาร Word (อาจเป็นไฟล์ Excel หรือ PowerPoint):"
                                  f" {SAVE_AS_DOCX}") from None
        raise DocxImportError(f"ไฟล์ «{path.name}» เสียหาย อ่านเนื้อหาไม่ได้ ({type(exc).__name__})"
                              " ลองเปิดใน Word แล้วบันทึกใหม่เป็น .docx") from None


# --- text of paragraphs ------------------------------------------------------------------------
_SKIPPED = {_w("del"), _w("moveFrom"), _w("rPr"), _w("pPr"), _w("instrText"), _w("delText"),
            _w("txbxContent"), f"{{{_MC}}}Fallback", _w("footnoteReference"), _w("commentReference")}


def _paragraph_text(p: Any) -> str:
    """What the paragraph shows: its text (inserted text too, deleted text not), tabs as
    spaces, line breaks as new lines; text boxes and field codes left out."""
    parts: list[str] = []

    def walk(el: Any) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIPPED:
                continue
            if tag == _w("t"):
                parts.append(child.text or "")
            elif tag in (_w("tab"), _w("ptab")):
                parts.append(" ")
            elif tag in (_w("br"), _w("cr")):
                parts.append("\n")
            elif tag == _w("noBreakHyphen"):
                parts.append("-")
            elif tag != _w("p"):
                walk(child)

    walk(p)
    return "".join(parts)


def _content(el: Any) -> Iterator[Any]:
    """The paragraphs and tables of a body or a cell in order, through content controls
    (w:sdt), custom XML and tracked insertions."""
    for child in el:
        tag = child.tag
        if tag in (_w("p"), _w("tbl")):
            yield child
        elif tag in (_w("sdt"), _w("customXml"), _w("ins"), _w("sdtContent")):
            yield from _content(child)


def _on(el: Any) -> bool:
    """A toggle property (w:b, w:tblHeader…) present and not switched off."""
    if el is None:
        return False
    return (el.get(_w("val")) or "true").lower() not in ("0", "false", "off", "none")


def _val(el: Any, default: int = 0) -> int:
    if el is None:
        return default
    try:
        return int(el.get(_w("val")) or default)
    except ValueError:
        return default


# --- tables ------------------------------------------------------------------------------------------
def _cell_text(tc: Any) -> str:
    lines = []
    for item in _content(tc):
        if item.tag == _w("p"):
            lines.append(_paragraph_text(item))
        else:  # a nested table: one line per row, its cells separated by spaces
            grid = _grid(item)
            lines += [" ".join(x for x in row if x) for row in grid.rows]
    return clean_text("\n".join(lines))


def _rows(tbl: Any) -> Iterator[Any]:
    for child in tbl:
        if child.tag == _w("tr"):
            yield child
        elif child.tag in (_w("sdt"), _w("customXml"), _w("sdtContent")):
            yield from _rows(child)


def _cells(tr: Any) -> Iterator[Any]:
    for child in tr:
        if child.tag == _w("tc"):
            yield child
        elif child.tag in (_w("sdt"), _w("customXml"), _w("sdtContent")):
            yield from _cells(child)


def _grid(tbl: Any) -> Grid:
    """The table as a Grid: one entry per w:tc, a gridSpan spanning columns, a vMerge
    continuation (and a legacy hMerge continuation) covered by the cell it continues, whose
    text it adds to when it has any."""
    texts: dict[tuple[int, int], str] = {}
    origin: dict[tuple[int, int], tuple[int, int]] = {}
    header_rows, in_header = 0, True
    r = -1
    width = 0
    for r, tr in enumerate(_rows(tbl)):
        if r >= MAX_ROWS:
            break
        pr = tr.find(_w("trPr"))
        before = _val(pr.find(_w("gridBefore")) if pr is not None else None)
        after = _val(pr.find(_w("gridAfter")) if pr is not None else None)
        if in_header and pr is not None and _on(pr.find(_w("tblHeader"))):
            header_rows = r + 1
        else:
            in_header = False
        c = min(max(before, 0), MAX_GRID)
        for tc in _cells(tr):
            tcpr = tc.find(_w("tcPr"))
            span = max(1, min(_val(tcpr.find(_w("gridSpan")) if tcpr is not None else None, 1), MAX_GRID))
            vmerge = tcpr.find(_w("vMerge")) if tcpr is not None else None
            hmerge = tcpr.find(_w("hMerge")) if tcpr is not None else None
            text = _cell_text(tc)
            above = origin.get((r - 1, c))
            if vmerge is not None and (vmerge.get(_w("val")) or "continue") == "continue" and above:
                home = above
            elif hmerge is not None and (hmerge.get(_w("val")) or "continue") == "continue" and c and (r, c - 1) in origin:
                home = origin[(r, c - 1)]
            else:
                home = (r, c)
                texts[home] = text
                text = ""
            if text and home != (r, c):
                texts[home] = f"{texts[home]}\n{text}" if texts[home] else text
            for j in range(c, min(c + span, MAX_GRID)):
                origin[(r, j)] = home
            c += span
        width = max(width, min(c + max(after, 0), MAX_GRID))
    height = min(r + 1, MAX_ROWS)
    rows = [[texts.get((i, j), "") if origin.get((i, j), (i, j)) == (i, j) else ""
             for j in range(width)] for i in range(height)]
    where = [[origin.get((i, j), (i, j)) for j in range(width)] for i in range(height)]
    return Grid(rows, where, header_rows=header_rows)


# --- headings -----------------------------------------------------------------------------------------
@dataclass
class _Style:
    name: str = ""
    based_on: str = ""
    outline: int | None = None  # 0-based as stored; 9 = body text
    bold: bool | None = None


class _Styles:
    """The document's paragraph and character styles, by id, with what they inherit."""

    def __init__(self, document: Any) -> None:
        self.by_id: dict[str, _Style] = {}
        try:
            root = document.styles.element
        except Exception:  # no styles part: Word always writes one, other programs may not
            return
        for st in root.iterchildren(_w("style")):
            sid = st.get(_w("styleId")) or ""
            name = st.find(_w("name"))
            based = st.find(_w("basedOn"))
            ppr, rpr = st.find(_w("pPr")), st.find(_w("rPr"))
            outline = ppr.find(_w("outlineLvl")) if ppr is not None else None
            bold = None
            if rpr is not None and (rpr.find(_w("b")) is not None or rpr.find(_w("bCs")) is not None):
                bold = _on(rpr.find(_w("b"))) or _on(rpr.find(_w("bCs")))
            self.by_id[sid] = _Style(
                name=(name.get(_w("val")) if name is not None else "") or "",
                based_on=(based.get(_w("val")) if based is not None else "") or "",
                outline=_val(outline) if outline is not None else None, bold=bold)

    def _chain(self, sid: str) -> Iterator[_Style]:
        seen: set[str] = set()
        while sid and sid in self.by_id and sid not in seen and len(seen) < 20:
            seen.add(sid)
            yield self.by_id[sid]
            sid = self.by_id[sid].based_on

    def level(self, sid: str) -> int:
        """The heading level a paragraph style gives (1 = Heading 1), 0 for none."""
        for st in self._chain(sid):
            m = re.fullmatch(r"heading\s*([1-9])", st.name.strip().lower())
            if m:
                return int(m.group(1))
            if st.outline is not None:
                return st.outline + 1 if st.outline < 9 else 0
        return 0

    def bold(self, sid: str) -> bool:
        return next((st.bold for st in self._chain(sid) if st.bold is not None), False)


_BOLD_HEADING = 1000  # a bold paragraph longer than this is emphasis, not a heading (a title may be long)
_NUMBERED_HEADING = re.compile(r"^[0-9๐-๙]{1,3}\.(?![0-9๐-๙])")
_NUMBERED_SUB = re.compile(r"^[0-9๐-๙]{1,3}\.[0-9๐-๙]{1,3}")


def _is_bold(p: Any, styles: _Styles, para_style: str) -> bool:
    """Is every run with text in the paragraph bold (w:b or, for Thai, w:bCs)?"""
    runs = [r for r in p.iter(_w("r")) if any((t.text or "").strip() for t in r.iter(_w("t")))]
    if not runs:
        return False
    base = styles.bold(para_style)
    for run in runs:
        rpr = run.find(_w("rPr"))
        bold = base
        if rpr is not None:
            rstyle = rpr.find(_w("rStyle"))
            if rstyle is not None and styles.bold(rstyle.get(_w("val")) or ""):
                bold = True
            b, bcs = rpr.find(_w("b")), rpr.find(_w("bCs"))
            if b is not None or bcs is not None:
                bold = _on(b) or _on(bcs)
        if not bold:
            return False
    return True


@dataclass
class _Para:
    text: str
    level: int  # from a style or outlineLvl
    bold: bool


def _paragraph(p: Any, styles: _Styles) -> _Para:
    ppr = p.find(_w("pPr"))
    sid = ""
    level = 0
    if ppr is not None:
        pstyle = ppr.find(_w("pStyle"))
        sid = (pstyle.get(_w("val")) if pstyle is not None else "") or ""
        outline = ppr.find(_w("outlineLvl"))
        if outline is not None:
            level = _val(outline) + 1 if _val(outline) < 9 else 0
    if not level:
        level = styles.level(sid) if sid else 0
    text = clean_text(_paragraph_text(p))
    return _Para(text, level, bool(text) and _is_bold(p, styles, sid))


def _blocks(items: list[_Para | Grid]) -> list[Block]:
    """The paragraphs grouped under their headings: a paragraph with a heading style or an
    outline level; a paragraph bold from end to end (a level below the styled ones: offices
    style the report's title and make the labels bold); numbered lines "๑." only when the
    document has neither."""
    paras = [x for x in items if isinstance(x, _Para)]
    deepest = max((x.level for x in paras), default=0)
    by_number = not deepest and not any(x.bold and len(x.text) <= _BOLD_HEADING for x in paras)
    out: list[Block] = [Block("", 0, [], "")]
    for item in items:
        if isinstance(item, Grid):
            table_blocks = blocks_from_table(item)
            if table_blocks:
                out += table_blocks
            else:  # a table inside the text: its rows as lines of the block it is in
                out[-1].body += [" ".join(x for x in row if x) for row in item.rows if any(row)]
            continue
        if not item.text:
            continue
        if item.level:
            out.append(Block(item.text, item.level, [], "style"))
        elif item.bold and len(item.text) <= _BOLD_HEADING:
            level = deepest + (2 if _NUMBERED_SUB.match(item.text) else 1)
            out.append(Block(item.text, level, [], "bold"))
        elif by_number and _NUMBERED_HEADING.match(item.text):
            out.append(Block(item.text, 1, [], "number"))
        else:
            out[-1].body.append(item.text)
    return [b for b in out if b.heading or b.body]


def read_docx(path: Path | str) -> ImportedDoc:
    """The tables and blocks of a .docx; DocxImportError (Thai) when it is not one."""
    path = Path(path)
    document = _open(path)
    try:
        body = document.element.body
        styles = _Styles(document)
        doc = ImportedDoc()
        items: list[_Para | Grid] = []
        for el in _content(body):
            if el.tag == _w("p"):
                items.append(_paragraph(el, styles))
            else:
                grid = _grid(el)
                items.append(grid)
        for tbl in body.iter(_w("tbl")):  # every table, nested ones after their holder
            doc.tables.append(_grid(tbl))
        doc.blocks = _blocks(items)
        for sect in body.iter(_w("sectPr")):
            size = sect.find(_w("pgSz"))
            if size is not None and (size.get(_w("orient")) == "landscape" or
                                     _val_of(size, "w") > _val_of(size, "h") > 0):
                doc.landscape = True
        return doc
    except (RecursionError, MemoryError):
        raise DocxImportError(f"ไฟล์ «{path.name}» มีโครงสร้างซ้อนกันลึกหรือใหญ่ผิดปกติ จึงไม่นำเข้า") from None
    except (AttributeError, TypeError, ValueError, LookupError) as exc:  # parts missing or not Word's
        raise DocxImportError(f"ไฟล์ «{path.name}» เสียหาย อ่านเนื้อหาไม่ได้ ({type(exc).__name__})"
                              " ลองเปิดใน Word แล้วบันทึกใหม่เป็น .docx") from None


def _val_of(el: Any, attr: str) -> int:
    try:
        return int(el.get(_w(attr)) or 0)
    except ValueError:
        return 0
