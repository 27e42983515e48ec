"""The implementation report and the analysis document as a Word file (.docx, issue 17).

Nothing here decides what the document says: the builder that makes the PDF computes it
(report.prepare) and this module reads the same story of flowables, in order: its paragraphs
(TextBlock: the spans, bold, alignment, indents), its tables (ReportTable: the texts as given,
the planned column widths, the issue spanning its rows, the empty-field mark), the signatures
(Columns), the cover, the contents, the charts (drawn by the PDF's own code and rasterised),
pictures and photos, and where a page breaks or turns landscape. Word then lays out the
pages itself, in the font the office's PCs have (`word_font`, TH SarabunPSK): sizes are
written in TH Sarabun PSK points, as the clerk chose them. The Thai rules of Word
(docs WORD.md §F1) are report.docx_xml's.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any, BinaryIO

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.shared import Pt, Twips
from reportlab.platypus import Flowable, Image, NextPageTemplate, PageBreak, Spacer

from ita_desktop.report import docx_xml as dx
from ita_desktop.report.booklet import EMBLEM_HEIGHT, Contents, CoverPage
from ita_desktop.report.charts import BarChart
from ita_desktop.report.flowables import (
    MIN_HEAD_LINES,
    STUB_LINES,
    Columns,
    ReportTable,
    Stack,
    TextBlock,
    WithTail,
    _blank,
)
from ita_desktop.report.options import WORD_FONT, ReportError, ReportOptions
from ita_desktop.report.pages import BookState, TocEntry
from ita_desktop.report.raster import chart_png
from ita_desktop.report.text import LogicalLine, Para, TextLayout, TextStyle

HEADER_FILL = "E6E6E6"  # the PDF's header row: grey 0.9
CELL_PAD_TWIPS = (60, 80)  # a cell's top/bottom and left/right padding: the PDF's 3 and 4 points
CHART_DPI = 200
_ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
          "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.THAI_JUSTIFY}
# a paragraph with a first-line indent (ย่อหน้า: the intro, คำนำ) is set Thai-distributed, as a
# letter typed in Word is (WORD.md E2); cells and headings stay left-aligned


def write_docx(doc: Any, opts: ReportOptions, out: str | Path | BinaryIO) -> None:
    """Write the prepared document (report.Prepared) as .docx to `out`."""
    writer = _Writer(doc, opts)
    writer.walk(doc.story(BookState(final=True)))
    writer.finish()
    writer.document.save(str(out) if isinstance(out, Path) else out)


def _lines_text(lay: TextLayout) -> str:
    """The text of laid-out lines (a caption, a photo page's title): lines joined, with a
    space where the break was between two Latin words or at a space."""
    out = ""
    for line in lay.lines:
        text = line.text.strip()
        if out and text and not ("\u0e00" <= out[-1] <= "\u0e7f" and "\u0e00" <= text[0] <= "\u0e7f"):
            out += " "
        out += text
    return out


class _Writer:
    def __init__(self, doc: Any, opts: ReportOptions) -> None:
        self.doc = doc
        self.opts = opts
        self.builder = doc.builder
        self.family = self.builder.family
        self.font = opts.word_font.strip() or WORD_FONT
        self.margins = (opts.margin_top_cm, opts.margin_bottom_cm, opts.margin_left_cm, opts.margin_right_cm)
        self.document = Document()
        dx.thaiize(self.document, self.font, self._psk_of(opts.body_size, psk=True), self.margins)
        props = self.document.core_properties  # not python-docx's own (its author, 2013)
        office = self.builder.data.office.full_name
        props.title, props.subject, props.comments = doc.title, "ITA", ""
        props.author = props.last_modified_by = office
        props.created = props.modified = dt.datetime.now(dt.UTC).replace(microsecond=0)
        first = "portrait" if opts.front_matter else doc.orientation
        self.orientation = first
        self.kind = "front" if opts.front_matter else "body"
        self.pending_template: tuple[str, str] | None = None
        self.break_pending = False
        self.space_pending = 0.0
        self.marks: list[str] = []  # contents keys waiting for the next paragraph
        self.bookmark_id = 0
        self.sections: list[tuple[Any, str, str, bool]] = []  # (section, kind, orientation, first of its kind)
        section = self.document.sections[0]
        dx.page_setup(section, first == "landscape", self.margins)
        self.sections.append((section, self.kind, first, True))
        self.last_paragraph: Any = None
        # the body's paragraph python-docx's template starts with
        for p in list(self.document.paragraphs):
            p._p.getparent().remove(p._p)

    # --- sizes ------------------------------------------------------------------------
    def _psk_of(self, size: float, psk: bool = False) -> float:
        """A style's size in TH Sarabun PSK points (whole or half: what Word stores)."""
        value = size if psk else size / (self.family.points(100.0) / 100.0)
        return round(value * 2) / 2

    def psk(self, style: TextStyle) -> float:
        return self._psk_of(style.size)

    def text_width_twips(self) -> int:
        width, _height = dx.A4_TWIPS
        if self.orientation == "landscape":
            width = dx.A4_TWIPS[1]
        return round(width - (self.margins[2] + self.margins[3]) / 2.54 * 1440)

    def frame_height_pt(self) -> float:
        return float(self.doc.setup_for(self.orientation).frame_height)

    # --- the story ----------------------------------------------------------------------
    def walk(self, story: Sequence[Flowable]) -> None:
        for f in story:
            if isinstance(f, NextPageTemplate):
                kind, _sep, orientation = str(f.action[1]).partition("-")
                self.pending_template = (kind, orientation)
            elif isinstance(f, PageBreak):
                self.page_break()
            elif isinstance(f, TocEntry):
                self.marks.append(f.key)
            elif isinstance(f, TextBlock):
                self.text_block(f)
            elif isinstance(f, ReportTable):
                self.table(f)
            elif isinstance(f, WithTail):
                self.walk([f.body, f.tail])
            elif isinstance(f, Stack):
                if f.items:
                    self.space_pending += f.getSpaceBefore()
                self.walk(f.items)
            elif isinstance(f, Columns):
                self.columns(f)
            elif isinstance(f, CoverPage):
                self.cover(f)
            elif isinstance(f, Contents):
                self.contents(f)
            elif isinstance(f, BarChart):
                self.chart(f)
            elif isinstance(f, Image):
                self.image(f)
            elif isinstance(f, Spacer):
                self.space_pending += float(f.height)
            else:
                self.other(f)

    def other(self, f: Flowable) -> None:
        from ita_desktop.report.photos import PhotoPage, PhotoRow, photo_rows

        if isinstance(f, PhotoRow):
            self.space_pending += f.getSpaceBefore()
            self.photo_row(f)
        elif isinstance(f, PhotoPage):
            style = self.builder.style(self.opts.heading_size, bold=True, align="center")
            for line in f.title.lines:
                p = self.paragraph(style)
                dx.add_text(p, line.text.strip(), True, self.psk(style), self.font)
            width = float(self.doc.setup_for("portrait").frame_width)
            from ita_desktop.report.photos import TITLE_GAP, Grid, _caption_height

            grid = Grid.for_page(width, self.frame_height_pt() - f.title.height - TITLE_GAP, f.columns, f.rows,
                                 _caption_height(self.builder))
            # Word's lines are its own: photos a little smaller keep a page's rows on that page
            grid = dataclasses.replace(grid, box_h=0.9 * grid.box_h)
            for row in photo_rows(f.shots, grid):
                self.photo_row(row)

    # --- pages and sections ----------------------------------------------------------------
    def page_break(self) -> None:
        if self.pending_template is not None:
            kind, orientation = self.pending_template
            self.pending_template = None
            if orientation != self.orientation or kind != self.kind:
                self.new_section(kind, orientation)
                return
        self.break_pending = True

    def new_section(self, kind: str, orientation: str) -> None:
        first = kind != self.kind  # the body after the front matter: its numbers start at 1
        self.orientation, self.kind = orientation, kind
        section = dx.landscape_section(self.document, orientation == "landscape", self.margins)
        self.sections.append((section, kind, orientation, first))
        self.break_pending = False

    def finish(self) -> None:
        """Page numbers and the draft mark in every section's header."""
        # python-docx's Section objects follow the body's last sectPr as sections are added:
        # the document's sections, in order, are the ones recorded
        for section, (_old, kind, _orientation, first) in zip(self.document.sections, self.sections):
            self.header(section, kind, first)
        if self.opts.front_matter:
            dx.update_fields_on_open(self.document)

    def header(self, section: Any, kind: str, restart: bool) -> None:
        """The header of a section: the page number centred ("- ๒ -", "หน้า ๒ จาก ๑๒"; from
        the second page of the body or of the front matter, like the PDF's) and "ฉบับร่าง"
        at the right until the document is approved."""
        thai = self.opts.digits == "thai"
        if kind == "front":
            dx.page_number_format(section, "thaiLetters", 0)
        else:
            dx.page_number_format(section, "thaiNumbers" if thai else "decimal", 1 if restart else None)
        section.different_first_page_header_footer = restart and self.opts.page_numbers != "none"
        section.header.is_linked_to_previous = False
        size = self._psk_of(self.opts.body_size, psk=True)
        width = self.text_width_twips_of(section)
        draft = "ฉบับร่าง" if self.doc.draft else ""
        targets = [(section.header, True)]
        if section.different_first_page_header_footer:
            section.first_page_header.is_linked_to_previous = False
            targets.append((section.first_page_header, False))
        for header, numbered in targets:
            p = header.paragraphs[0]
            p.style = self.document.styles["Normal"]  # the Header style's tab stops are for Letter paper
            p.paragraph_format.tab_stops.add_tab_stop(Twips(width // 2), WD_TAB_ALIGNMENT.CENTER)
            p.paragraph_format.tab_stops.add_tab_stop(Twips(width), WD_TAB_ALIGNMENT.RIGHT)
            dx.add_text(p, "\t", size_pt=size, font=self.font)
            if numbered and self.opts.page_numbers != "none":
                numbers = "thaiNumbers" if thai and kind == "body" else ""
                if self.opts.page_numbers == "of" and kind == "body":
                    dx.add_text(p, "หน้า ", size_pt=size, font=self.font)
                    dx.add_field(p, "PAGE", "", self.font, size)
                    dx.add_text(p, " จาก ", size_pt=size, font=self.font)
                    dx.add_field(p, "NUMPAGES" + (r" \* ThaiArabic" if numbers else ""), "", self.font, size)
                else:
                    dx.add_text(p, "- ", size_pt=size, font=self.font)
                    dx.add_field(p, "PAGE", "", self.font, size)
                    dx.add_text(p, " -", size_pt=size, font=self.font)
            if draft:
                dx.add_text(p, "\t" + draft, bold=True, size_pt=size, font=self.font)

    def text_width_twips_of(self, section: Any) -> int:
        return int(section.page_width.twips - section.left_margin.twips - section.right_margin.twips)

    # --- paragraphs -----------------------------------------------------------------------
    def paragraph(self, style: TextStyle | None = None, container: Any = None) -> Any:
        """A new paragraph at the end of the body (or of `container`, a cell), taking the
        page break, the space and the contents marks waiting for it."""
        if container is None:
            p = self.document.add_paragraph()
            if self.break_pending:
                p.paragraph_format.page_break_before = True
                self.break_pending = False
            for key in self.marks:
                self.bookmark_id += 1
                dx.bookmark(p, _bookmark_name(key), self.bookmark_id)
            self.marks = []
            self.last_paragraph = p
        else:
            p = container.add_paragraph()
        fmt = p.paragraph_format
        fmt.space_before = Pt(0)
        fmt.space_after = Pt(0)
        if style is not None:
            p.alignment = _ALIGN.get(style.align, WD_ALIGN_PARAGRAPH.LEFT)
        return p

    def before_table(self) -> None:
        """A table can take no page break of its own: a break waiting goes into an empty
        paragraph before it (as do contents marks)."""
        if self.break_pending or self.marks:
            self.paragraph()

    def take_space(self) -> float:
        space, self.space_pending = self.space_pending, 0.0
        return space

    def lines(self, paras: Sequence[Para], style: TextStyle, *, first_indent: float = 0.0,
              space_before: float = 0.0, space_after: float = 0.0, body_indent: float = 0.0,
              container: Any = None, first_container_paragraph: Any = None, keep: bool = False) -> list[Any]:
        """Paragraphs of Thai text: a Word paragraph per logical line (a line break in a
        paragraph of the markup is a new line; a labelled line hangs after its label)."""
        size = self.psk(style)
        gap = style.paragraph_gap * style.leading
        made: list[Any] = []
        for n, para in enumerate(paras):
            indent = body_indent if n else 0.0
            for k, line in enumerate(para):
                if first_container_paragraph is not None and not made:
                    p = first_container_paragraph
                    p.paragraph_format.space_before = Pt(0)
                    p.paragraph_format.space_after = Pt(0)
                    p.alignment = _ALIGN.get(style.align, WD_ALIGN_PARAGRAPH.LEFT)
                else:
                    p = self.paragraph(style, container)
                fmt = p.paragraph_format
                before = (space_before + (self.take_space() if container is None else 0.0)) if not made \
                    else (gap if k == 0 else 0.0)
                fmt.space_before = Pt(round(before, 1))
                if indent:
                    fmt.left_indent = Pt(indent)
                if line.label:
                    hang = self.hang(line, style)
                    fmt.left_indent = Pt(indent + hang)
                    fmt.first_line_indent = Pt(-hang)
                    fmt.tab_stops.add_tab_stop(Pt(indent + hang))
                    dx.add_text(p, line.label + "\t", line.label_bold or style.bold, size, self.font)
                elif first_indent and k == 0:
                    fmt.first_line_indent = Pt(first_indent)
                    if style.align == "left":
                        p.alignment = WD_ALIGN_PARAGRAPH.THAI_JUSTIFY
                self.spans(p, line, style, size)
                if keep:
                    fmt.keep_with_next = True
                made.append(p)
        if made and space_after:
            made[-1].paragraph_format.space_after = Pt(round(space_after, 1))
        return made

    def spans(self, p: Any, line: LogicalLine, style: TextStyle, size: float) -> None:
        if not line.spans and not line.label:
            dx.add_text(p, "", size_pt=size, font=self.font)
        for span in line.spans:
            dx.add_text(p, span.text, span.bold or style.bold, size, self.font)

    def hang(self, line: LogicalLine, style: TextStyle) -> float:
        """Room for a line's label ("๑.", "-"): its width and a little space, as the PDF hangs it."""
        face = self.family.face(line.label_bold or style.bold)
        em = self.psk(style)  # a TH Sarabun PSK point size is larger than the Sarabun one it looks like
        return max(float(face.width(line.label, style.size)) + 0.5 * em, 1.2 * em)

    def text_block(self, f: TextBlock) -> None:
        paras = f.paras
        if not paras:
            return
        self.lines(paras, f.style, first_indent=f.first_indent, space_before=f.getSpaceBefore(),
                   space_after=f.getSpaceAfter(), body_indent=f.body_indent,
                   keep=bool(getattr(f, "keepWithNext", False)))

    # --- tables -----------------------------------------------------------------------------
    def twips(self, widths_pt: Sequence[float]) -> list[int]:
        """Column widths in twips: the PDF's plan, as the text width of these pages holds it."""
        total = sum(widths_pt)
        room = self.text_width_twips()
        scale = room / (total * 20) if total * 20 > room else 1.0
        return [int(w * 20 * scale) for w in widths_pt]

    def new_table(self, rows: int, widths: list[int], borders: bool = True) -> Any:
        self.before_table()
        table = self.document.add_table(rows=rows, cols=len(widths))
        if borders:
            table.style = self.document.styles["Table Grid"]
        dx.cell_margins(table, *CELL_PAD_TWIPS)
        dx.fixed_widths(table, widths)
        return table

    def table(self, f: ReportTable) -> None:
        if f.source is None:
            return
        header, rows = f.source
        widths = self.twips(f.widths)
        space = self.take_space() + f.getSpaceBefore()
        table = self.new_table(1 + len(rows), widths)
        if space and self.last_paragraph is not None:
            fmt = self.last_paragraph.paragraph_format
            fmt.space_after = Pt(round((fmt.space_after.pt if fmt.space_after else 0.0) + space, 1))
        head_style, style = f.header_style, f.style
        for c, paras in enumerate(header):
            cell = table.rows[0].cells[c]
            self.lines(paras, head_style.with_(align="center"), container=cell,
                       first_container_paragraph=cell.paragraphs[0])
            dx.shade(cell, HEADER_FILL)
            dx.v_align(cell, "center")
        dx.header_rows(table, 1)
        dx.cant_split(table.rows[0])
        heights = f._heights()
        # a row the PDF would never split (too few lines for a part on each page) is kept
        # whole (cantSplit); a longer one may break across pages as it does in the PDF
        whole = (STUB_LINES + MIN_HEAD_LINES) * style.leading + 2 * f.PAD_Y
        mark = f.empty_mark.strip()
        groups = f.groups
        for i, row in enumerate(rows):
            tr = table.rows[i + 1]
            same = i > 0 and groups[i] is not None and groups[i] == groups[i - 1]
            goes_on = i + 1 < len(rows) and groups[i] is not None and groups[i + 1] == groups[i]
            for c, paras in enumerate(row):
                cell = tr.cells[c]
                if c == 0 and (same or goes_on):
                    dx.vertical_merge(cell, not same)
                if c == 0 and same:
                    dx.add_text(cell.paragraphs[0], "", size_pt=self.psk(style))
                    continue
                if _blank(paras) and mark:
                    p = cell.paragraphs[0]
                    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                    dx.add_text(p, f.empty_mark, size_pt=self.psk(style), font=self.font)
                    continue
                self.lines(paras, style, container=cell, first_container_paragraph=cell.paragraphs[0])
            if i < len(heights) and heights[i] <= whole:
                dx.cant_split(tr)
        dx.fixed_widths(table, widths)  # the cells made since have their tcW too
        if f.tail is not None:
            self.walk([f.tail])

    def columns(self, f: Columns) -> None:
        """Signature blocks side by side: a table without rules, centred like the PDF's."""
        if not f.texts:
            return
        widths = self.twips(f.widths)
        space = self.take_space() + f.getSpaceBefore()
        table = self.new_table(1, widths, borders=False)
        dx.no_borders(table)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        dx.cant_split(table.rows[0])
        style = self.builder.style(self.opts.body_size, align=f.align)
        for c, paras in enumerate(f.texts):
            cell = table.rows[0].cells[c]
            made = self.lines(paras, style, container=cell, first_container_paragraph=cell.paragraphs[0])
            if made:
                made[0].paragraph_format.space_before = Pt(round(space, 1))
            for p in made[1:]:
                p.paragraph_format.space_before = Pt(0)
        # the table's cells keep with the text above: a signature never opens a page alone
        if self.last_paragraph is not None:
            self.last_paragraph.paragraph_format.keep_with_next = True
        dx.fixed_widths(table, widths)

    # --- pictures ----------------------------------------------------------------------------
    def picture(self, data: bytes | str, width_pt: float, height_pt: float | None = None,
                container: Any = None, align: str = "center") -> None:
        p = self.paragraph(None, container) if container is None else container.paragraphs[0]
        p.alignment = _ALIGN[align]
        if container is None:
            p.paragraph_format.space_before = Pt(round(self.take_space(), 1))
        run = p.add_run()
        stream = _picture_stream(data)
        run.add_picture(stream, width=Pt(width_pt), height=Pt(height_pt) if height_pt else None)

    def image(self, f: Image) -> None:
        source = f.filename if isinstance(f.filename, str) else getattr(f, "_file", None)
        data: bytes | str
        if isinstance(source, str):
            data = source
        elif hasattr(f.filename, "getvalue"):
            data = f.filename.getvalue()
        else:
            return
        width, height = float(f.drawWidth), float(f.drawHeight)
        if height > 0.8 * self.frame_height_pt():  # a page-high picture (ภาคผนวก) and Word's own line heights
            width, height = 0.95 * width, 0.95 * height
        self.picture(data, width, height)

    def chart(self, f: BarChart) -> None:
        width = float(self.doc.setup_for(self.orientation).frame_width)
        png = chart_png(f, width, CHART_DPI)
        self.picture(png, width, float(f.chart_height))

    def cover(self, f: CoverPage) -> None:
        """The emblem at the top (or its room left blank), the title block in the page's middle."""
        logo = self.builder.data.office.logo
        used = 0.0
        if logo and isinstance(f.emblem, Image):
            self.picture(logo, float(f.emblem.drawWidth), float(f.emblem.drawHeight))
            used = float(f.emblem.drawHeight)
        width = float(self.doc.setup_for(self.orientation).frame_width)
        text_h = f.text.layout_for(width).height
        below = max(0.0, (self.frame_height_pt() - text_h) / 2 - EMBLEM_HEIGHT)
        self.space_pending += EMBLEM_HEIGHT - used + below
        self.text_block(f.text)

    def contents(self, f: Contents) -> None:
        """สารบัญ: each entry, a dotted leader and its page (a PAGEREF to the entry's bookmark,
        which Word fills in when the file is opened)."""
        style = f.style
        size = self.psk(style)
        width = self.text_width_twips()
        for key, text in f.entries:
            p = self.paragraph(style)
            p.paragraph_format.space_after = Pt(round(0.3 * style.leading, 1))
            p.paragraph_format.tab_stops.add_tab_stop(Twips(width), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
            dx.add_text(p, text + "\t", size_pt=size, font=self.font)
            # "…" until Word updates the field (it asks when the file is opened), as the PDF's
            # contents before its page numbers are known
            dx.add_field(p, f"PAGEREF {_bookmark_name(key)} \\h", "…", self.font, size)

    def photo_row(self, row: Any) -> None:
        from ita_desktop.report.photos import GUTTER

        grid = row.grid
        cols = grid.columns
        widths_pt = [grid.cell_w + (GUTTER if c < cols - 1 else 0.0) for c in range(cols)]
        table = self.new_table(1, self.twips(widths_pt), borders=False)
        dx.no_borders(table)
        dx.cant_split(table.rows[0])
        cap = self.builder.style(14.0, align="center")
        for c, shot in enumerate(row.shots):
            cell = table.rows[0].cells[c]
            if shot.image is not None:
                w, h = shot.image.getSize()
                scale = min(grid.cell_w / w, grid.box_h / h)
                self.picture(_reader_png(shot.image), w * scale, h * scale, container=cell)
            caption = _lines_text(shot.caption)
            if caption:
                p = self.paragraph(cap, cell)
                dx.add_text(p, caption, size_pt=self.psk(cap), font=self.font)
        dx.fixed_widths(table, self.twips(widths_pt))


def _bookmark_name(key: str) -> str:
    return "_ita_" + "".join(ch if ch.isalnum() else "_" for ch in key)[:30]


def _picture_stream(data: bytes | str) -> io.BytesIO:
    """A picture Word takes (PNG or JPEG; any other kind Pillow reads becomes PNG)."""
    raw = Path(data).read_bytes() if isinstance(data, str) else data
    if raw[:8] == b"\x89PNG\r\n\x1a\n" or raw[:3] == b"\xff\xd8\xff":
        return io.BytesIO(raw)
    from PIL import Image as PILImage

    try:
        with PILImage.open(io.BytesIO(raw)) as img:
            out = io.BytesIO()
            img.convert("RGBA" if "A" in img.getbands() else "RGB").save(out, "PNG")
    except Exception as exc:
        raise ReportError("อ่านไฟล์ภาพไม่ได้") from exc
    out.seek(0)
    return out


def _reader_png(reader: Any) -> bytes:
    from PIL import Image as PILImage

    w, h = reader.getSize()
    img = PILImage.frombytes("RGB", (w, h), reader.getRGBData())
    out = io.BytesIO()
    img.save(out, "JPEG", quality=88)
    return out.getvalue()


__all__ = ["write_docx"]
