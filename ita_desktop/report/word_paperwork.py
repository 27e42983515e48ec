"""The memo, the publishing form and the OIT register as a Word file (.docx, issue 17).

Nothing here decides what a document says: its builder computes the texts once (Memo.content,
PublishForm.pages, Register.content and its column plan) and the PDF is laid out from the same
objects. This module places them the way a clerk would type them in Word (PAPERWORK.md G1–G3):

- the memo: the label lines' blanks a right tab with a dot leader (จุดไข่ปลา, no rule), the
  paragraphs Thai-distributed with their first line indented 2.5 cm and 6 pt before, the
  signature blocks on a centre tab about 10.5 cm from the paper's edge, ☐ in a font that has it;
- the form: one page per entry, a bordered two-column table, the URLs as hyperlinks, the three
  signature blocks in a borderless table;
- the register: a landscape section, its table's header row repeated, fixed column widths
  (the PDF's plan), the URLs as hyperlinks.

Every run goes through report.docx_xml (Word's rules for Thai, WORD.md §F1) and the plumbing of
report.word (the base document, page numbers and the draft mark in the header, cells).
"""
from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any, BinaryIO

from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.shared import Cm, Pt, Twips

from ita_desktop.report import docx_xml as dx
from ita_desktop.report.builder import Plan
from ita_desktop.report.memo import (
    BEFORE,
    EMBLEM_CM,
    FIRST_INDENT_CM,
    HEADING_LINE,
    SIGN_CENTRE_CM,
    MemoContent,
)
from ita_desktop.report.options import ReportOptions
from ita_desktop.report.publish_form import FormPage, FormSignature
from ita_desktop.report.register import RegisterContent
from ita_desktop.report.text import LogicalLine, Para, Span, paras_of_plain
from ita_desktop.report.word import HEADER_FILL, _picture_stream, _Writer

BOX = "\u2610"  # ☐: TH SarabunPSK has no such glyph
BOX_FONT = "Segoe UI Symbol"  # on every Windows since 7; LibreOffice falls back to a font that has it
BOX_PT = 11.0  # as tall as the letters of 16 pt TH SarabunPSK (a Latin 11 pt), as the PDF's box is
EMBLEM_RAISE_PT = 11.0  # "บันทึกข้อความ" raised beside the 1.5 cm emblem, to sit at its middle


def write_paperwork_docx(doc: Any, opts: ReportOptions, out: str | Path | BinaryIO) -> None:
    """Write the prepared paperwork (report.Prepared of a Paperwork builder) as .docx to `out`."""
    builder = doc.builder
    adjusted = dataclasses.replace(opts, front_matter=False, margin_top_cm=builder.top_margin_cm(),
                                   page_numbers=opts.page_numbers if builder.numbered else "none")
    if opts.document == "memo":
        adjusted = dataclasses.replace(adjusted, body_size=16.0)  # the memo's sizes are the ระเบียบ's
    writer = _PaperworkWriter(doc, adjusted)
    if opts.document == "memo":
        writer.memo(builder.content())
    elif opts.document == "publish-form":
        writer.forms(builder.pages())
    else:
        writer.register(builder.content(), builder.table_plan())
    writer.finish()
    writer.document.save(str(out) if isinstance(out, Path) else out)


class _PaperworkWriter(_Writer):
    # --- helpers ------------------------------------------------------------------------
    def text(self, p: Any, text: str, bold: bool = False, size: float | None = None) -> None:
        dx.add_text(p, text, bold, size, self.font)

    def twips_cm(self, value: float) -> int:
        return round(value / 2.54 * 1440)

    def dotted_to(self, p: Any, stop_twips: int, align: Any = WD_TAB_ALIGNMENT.RIGHT) -> None:
        """A tab stop at `stop_twips` whose blank is filled with dots (a dotted leader)."""
        p.paragraph_format.tab_stops.add_tab_stop(Twips(stop_twips), align, WD_TAB_LEADER.DOTS)

    def url_paragraph(self, p: Any, url: str, size: float) -> None:
        dx.add_hyperlink(p, url, url, size_pt=size, font=self.font)

    # --- the memo ------------------------------------------------------------------------
    def memo(self, c: MemoContent) -> None:
        width = self.text_width_twips()
        p = self.paragraph()
        if c.emblem is not None:
            # the emblem inline at the left, the heading on a centre tab in the middle of the text
            p.paragraph_format.tab_stops.add_tab_stop(Twips(width // 2), WD_TAB_ALIGNMENT.CENTER)
            p.add_run().add_picture(_picture_stream(c.emblem), height=Cm(EMBLEM_CM))
            self.text(p, "\t" + c.heading, True, 29.0)
            for run in p.runs[1:]:
                dx.set_child(run._r.get_or_add_rPr(), "position", dx.RPR_ORDER,
                             val=dx.half_points(EMBLEM_RAISE_PT))
        else:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            p.paragraph_format.line_spacing = Pt(HEADING_LINE)
            self.text(p, c.heading, True, 29.0)
        for f in c.fields:
            p = self.paragraph()
            p.paragraph_format.space_before = Pt(f.space_before)
            if len(f.parts) == 1 and f.parts[0][1]:
                # a long value (the subject) wraps under itself, as in the PDF
                label_size = self.builder.style(20, bold=True).size
                hang = float(self.family.face(True).width(f.parts[0][0] + " ", label_size))
                p.paragraph_format.left_indent = Pt(round(hang, 1))
                p.paragraph_format.first_line_indent = Pt(-round(hang, 1))
            for n, (label, value, _x) in enumerate(f.parts):
                # the blank up to the next label (or the right margin) dotted
                stop = self.twips_cm(f.parts[n + 1][2]) if n + 1 < len(f.parts) else width
                self.dotted_to(p, stop, WD_TAB_ALIGNMENT.LEFT if n + 1 < len(f.parts) else WD_TAB_ALIGNMENT.RIGHT)
                self.text(p, label + " ", True, 20.0)
                if value:
                    self.text(p, value + " ", False, 16.0)
                self.text(p, "\t", False, 16.0)
        p = self.paragraph()
        p.paragraph_format.space_before = Pt(BEFORE)
        self.text(p, c.to, False, 16.0)
        for text in c.paragraphs:
            for line in (x for x in text.split("\n") if x.strip()):
                p = self.paragraph()
                fmt = p.paragraph_format
                fmt.space_before = Pt(BEFORE)
                fmt.first_line_indent = Cm(FIRST_INDENT_CM)
                p.alignment = WD_ALIGN_PARAGRAPH.THAI_JUSTIFY
                self.text(p, line, False, 16.0)
        if c.signed:
            self.memo_signatures(c, width)

    def signature_block(self, lines: list[str], blank: int, before: float) -> None:
        """`blank` empty lines to sign in, then the lines centred on a tab about 10.5 cm from
        the paper's left edge (memo.SIGN_CENTRE_CM from the margin), kept together."""
        centre = self.twips_cm(SIGN_CENTRE_CM)
        for n in range(blank):
            p = self.paragraph()
            p.paragraph_format.space_before = Pt(before if n == 0 else 0)
            p.paragraph_format.keep_with_next = True
            self.text(p, "", False, 16.0)
        for n, line in enumerate(lines):
            p = self.paragraph()
            if not blank and n == 0:
                p.paragraph_format.space_before = Pt(before)
            p.paragraph_format.tab_stops.add_tab_stop(Twips(centre), WD_TAB_ALIGNMENT.CENTER)
            p.paragraph_format.keep_with_next = n + 1 < len(lines)
            self.text(p, "\t" + line, False, 16.0)

    def memo_signatures(self, c: MemoContent, width: int) -> None:
        from ita_desktop.report.memo import (
            CHOICES_BEFORE_LINES,
            OPINION_BEFORE_LINES,
            SIGN_BLANK_LINES,
        )

        line = self.builder.style(16).leading  # the PDF's line, for its spaces counted in lines
        self.signature_block(c.preparer, SIGN_BLANK_LINES, BEFORE)
        # the head's answer: an opinion to write on dotted lines, the boxes, the head's signature
        p = self.paragraph()
        p.paragraph_format.space_before = Pt(round(OPINION_BEFORE_LINES * line, 1))
        p.paragraph_format.keep_with_next = True
        self.dotted_to(p, width)
        self.text(p, c.opinion + " \t", False, 16.0)
        p = self.paragraph()
        p.paragraph_format.keep_with_next = True
        self.dotted_to(p, width)
        self.text(p, "\t", False, 16.0)
        if c.choices:
            p = self.paragraph()
            p.paragraph_format.space_before = Pt(round(CHOICES_BEFORE_LINES * line, 1))
            p.paragraph_format.keep_with_next = True
            self.dotted_to(p, width)
            for n, label in enumerate(c.choices):
                dx.add_text(p, BOX, size_pt=BOX_PT, font=BOX_FONT)
                self.text(p, " " + label + (" \t" if n + 1 == len(c.choices) else "    "), False, 16.0)
        self.signature_block(c.approver, SIGN_BLANK_LINES, 0.0)

    # --- the publishing form ----------------------------------------------------------------
    def forms(self, pages: list[FormPage]) -> None:
        from ita_desktop.report.publish_form import (
            LABEL_CM,
            PAD_Y,
            SIGNATURES_BEFORE_LINES,
            TITLE_AFTER_LINES,
        )

        body_psk = self._psk_of(self.opts.body_size, psk=True)
        head_psk = self._psk_of(self.opts.heading_size, psk=True)
        body = self.builder.style(self.opts.body_size)
        bold = self.builder.style(self.opts.body_size, bold=True)
        title = self.builder.style(self.opts.heading_size, bold=True)
        width = self.text_width_twips()
        label_w = self.twips_cm(LABEL_CM)
        for n, page in enumerate(pages):
            if n:
                self.break_pending = True
            p = self.paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.space_after = Pt(round(TITLE_AFTER_LINES * title.leading, 1))
            self.text(p, page.title, True, head_psk)
            table = self.new_table(len(page.fields), [label_w, width - label_w])
            for row, f in zip(table.rows, page.fields):
                label, value = row.cells
                self.lines([[LogicalLine([Span(f.label)])]], bold, container=label,
                           first_container_paragraph=label.paragraphs[0])
                if f.urls:
                    for k, url in enumerate(f.urls):
                        q = value.paragraphs[0] if k == 0 else value.add_paragraph()
                        self.url_paragraph(q, url, body_psk)
                else:
                    paras: list[Para] = paras_of_plain(f.text) or [[LogicalLine([])]]
                    self.lines(paras, body, container=value, first_container_paragraph=value.paragraphs[0])
                if f.lines > 1:  # room to write in, as tall as the PDF's
                    row.height = Pt(round(f.lines * body.leading + 2 * PAD_Y, 1))
                    row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
                dx.v_align(label, "top")
            dx.fixed_widths(table, [label_w, width - label_w])
            if page.signatures:
                self.form_signatures(page.signatures, width, SIGNATURES_BEFORE_LINES * body.leading)

    def form_signatures(self, blocks: list[FormSignature], width: int, before: float) -> None:
        """ผู้รับผิดชอบการให้ข้อมูล | ผู้อนุมัติรับรอง side by side, ผู้รับผิดชอบการนำข้อมูล
        ขึ้นเผยแพร่ centred under them: a borderless table of two rows."""
        half = width // 2
        table = self.new_table(2, [half, half], borders=False)
        dx.no_borders(table)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        style = self.builder.style(self.opts.body_size, align="center")
        under = table.rows[1].cells[0].merge(table.rows[1].cells[1])
        for cell, sign, space in ((table.rows[0].cells[0], blocks[0], before),
                                  (table.rows[0].cells[1], blocks[1], before), (under, blocks[2], before)):
            paras: list[Para] = [[LogicalLine([Span(sign.role, bold=True)]), LogicalLine([]),
                                  *(LogicalLine([Span(x)]) for x in sign.lines)]]
            made = self.lines(paras, style, container=cell, first_container_paragraph=cell.paragraphs[0])
            if made:
                made[0].paragraph_format.space_before = Pt(round(space, 1))
        for row in table.rows:
            dx.cant_split(row)
        if self.last_paragraph is not None:
            self.last_paragraph.paragraph_format.keep_with_next = True
        dx.fixed_widths(table, [half, half])

    # --- the register -------------------------------------------------------------------------
    def register(self, c: RegisterContent, plan: Plan) -> None:
        from ita_desktop.report.register import READINESS_AFTER_LINES, READINESS_BEFORE_LINES

        head_psk = self._psk_of(self.opts.heading_size, psk=True)
        body_psk = self._psk_of(self.opts.body_size, psk=True)
        for line in c.title:
            p = self.paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            self.text(p, line, True, head_psk)
        p = self.paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        leading = self.builder.style(self.opts.body_size).leading
        p.paragraph_format.space_before = Pt(round(READINESS_BEFORE_LINES * leading, 1))
        p.paragraph_format.space_after = Pt(round(READINESS_AFTER_LINES * leading, 1))
        self.text(p, c.readiness, False, body_psk)
        widths = self.twips(plan.widths)
        table = self.new_table(1 + len(c.rows), widths)
        style = self.builder.style(plan.table_psk)
        head = self.builder.style(plan.table_psk, bold=True, align="center")
        size = self.psk(style)
        for cell, text in zip(table.rows[0].cells, c.headings):
            self.lines(paras_of_plain(text), head, container=cell, first_container_paragraph=cell.paragraphs[0])
            dx.shade(cell, HEADER_FILL)
            dx.v_align(cell, "center")
        dx.header_rows(table, 1)
        dx.cant_split(table.rows[0])
        for tr, row in zip(table.rows[1:], c.rows):
            cells = tr.cells
            for k, url in enumerate(row.urls):  # the URL column: each URL a link of its own line
                q = cells[3].paragraphs[0] if k == 0 else cells[3].add_paragraph()
                self.url_paragraph(q, url, size)
            texts = (row.code, row.title, row.answer, row.explanation, row.responsible)
            for cell, text in zip((cells[0], cells[1], cells[2], cells[4], cells[5]), texts):
                paras: list[Para] = paras_of_plain(text) or [[LogicalLine([])]]
                self.lines(paras, style, container=cell, first_container_paragraph=cell.paragraphs[0])
            if sum(map(len, texts)) + sum(map(len, row.urls)) < 300:
                dx.cant_split(tr)  # a short row kept on one page; a long one may break, as in the PDF
        dx.fixed_widths(table, widths)


__all__ = ["write_paperwork_docx"]
