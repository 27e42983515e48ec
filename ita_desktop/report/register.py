"""ทะเบียนการเปิดเผยข้อมูลสาธารณะ (OIT) of one ITA year (PAPERWORK.md G3, output 1): a landscape
table ข้อ | รายการ | มี/ไม่มี | URL | คำอธิบาย | ผู้รับผิดชอบ with its header repeated on every
page. URLs have no spaces: the line breaker breaks them at / . - _ ? & = and, when a piece is
still wider than its cell, between any two characters (report.text), never past the cell."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from reportlab.platypus import Flowable

from ita_desktop.domain import models as m
from ita_desktop.domain import oit
from ita_desktop.domain.framework import code_text
from ita_desktop.report.builder import Plan
from ita_desktop.report.flowables import ReportTable, TextBlock
from ita_desktop.report.fonts import Family
from ita_desktop.report.options import ReportError, ReportOptions
from ita_desktop.report.pages import BookState
from ita_desktop.report.paperwork import Paperwork, catalog_for
from ita_desktop.report.text import LogicalLine, Para, Span, paras_of_plain

_LONG_PIECE = re.compile(r"([^/.\-_?&=]{16})")
COLUMNS = ("code", "title", "answer", "url", "explanation", "responsible")
HEADINGS = ("ข้อ", "รายการ", "มี/ไม่มี", "URL", "คำอธิบาย", "ผู้รับผิดชอบ")
READINESS_BEFORE_LINES, READINESS_AFTER_LINES = 0.2, 0.5


@dataclass
class RegisterRow:
    code: str
    title: str
    answer: str  # มี, ไม่มี, or "" (not yet checked)
    urls: list[str]
    explanation: str
    responsible: str
    continued: str  # the row's title where the PDF continues it on the next page


@dataclass
class RegisterContent:
    """The register as printed (domain.oit.rows): what the PDF (Register.story) and the Word
    file (report.word_paperwork) are both written from."""

    title: list[str]  # the heading lines
    readiness: str
    headings: list[str]
    rows: list[RegisterRow]


class Register(Paperwork):
    needs_plan = False
    orientation = "landscape"
    column_keys = COLUMNS

    def __init__(self, data: m.OfficeFile, opts: ReportOptions, family: Family) -> None:
        # ข้อ and มี/ไม่มี at a width that reads well: the planner would narrow them to the
        # widest word and set "มี/ไม่มี" on three lines
        super().__init__(data, replace(opts, widths_mm={"code": 12.0, "answer": 15.0}), family)
        self.ita_year = opts.fiscal_year  # the register's --year is the ITA year
        fw, catalogs = catalog_for(data, self.ita_year)
        self.rows = oit.rows(data, fw, catalogs)
        if not self.rows:
            raise ReportError(f"เกณฑ์ของปี {self.ita_year} ไม่มีรายการข้อ OIT")
        self._planned: Plan | None = None
        self._content: RegisterContent | None = None

    def title(self) -> str:
        return f"ทะเบียนการเปิดเผยข้อมูลสาธารณะ (OIT) ประจำปี พ.ศ. {self.ita_year} {self.data.office.full_name}"

    # --- the table ------------------------------------------------------------------
    def content(self) -> RegisterContent:
        """The register's texts as printed: what the PDF lays out and the Word file holds."""
        if self._content is None:
            rows = [RegisterRow(
                code=code_text(row.code),
                title=self.pr(row.title),
                # an item not yet checked prints an empty answer, not "ยังไม่ตรวจ"
                answer=oit.ANSWERS[row.answer] if row.answer else "",
                urls=[x.get("url", "").strip() for x in row.links if x.get("url", "").strip()],
                explanation=self.pr(row.explanation),
                responsible=self.pr(row.responsible),
                continued=self.pr(f"{code_text(row.code)} {row.title} (ต่อ)"),
            ) for row in self.rows]
            title = [self.pr(x) for x in (f"ทะเบียนการเปิดเผยข้อมูลสาธารณะ (OIT) ประจำปี พ.ศ. {self.ita_year}",
                                          *self.office_lines())]
            self._content = RegisterContent(title, self.readiness_line(), list(HEADINGS), rows)
        return self._content

    def cells(self, planning: bool = False) -> tuple[list[list[Para]], list[list[list[Para]]]]:
        """The table's cells. `planning`: URLs with a space in every long piece, so that the
        column planner sizes the columns as if they broke between words (a URL piece wider than
        its column breaks between letters when it is set, which the planner would otherwise
        take for a word cut, narrowing the other columns to make room for it)."""
        c = self.content()
        header = [paras_of_plain(h) for h in c.headings]
        rows = []
        for row in c.rows:
            urls = [_LONG_PIECE.sub(r"\1 ", u) for u in row.urls] if planning else row.urls
            rows.append([
                paras_of_plain(row.code),
                paras_of_plain(row.title),
                paras_of_plain(row.answer),
                [[LogicalLine([Span(u)]) for u in urls]] if urls else [],
                paras_of_plain(row.explanation),
                paras_of_plain(row.responsible),
            ])
        return header, rows

    def table_plan(self) -> Plan:
        if self._planned is None:
            from reportlab.lib.pagesizes import A4, landscape
            from reportlab.lib.units import cm

            width = float(landscape(A4)[0]) - (self.opts.margin_left_cm + self.opts.margin_right_cm) * cm
            header, rows = self.cells(planning=True)
            self._planned = self.plan_columns(header, rows, list(COLUMNS), {"landscape": width}, "landscape")
        return self._planned

    def readiness_line(self) -> str:
        r = oit.readiness(self.rows)
        n = self._seq_text  # each count in the document's digits ("URL 2" would keep its 2)
        off_site = f"มี URL แต่อยู่นอกเว็บไซต์หลัก {n(r.off_site)} ข้อ " if r.off_site else ""
        return (f"ความพร้อม: มีและมี URL แล้ว {n(r.with_url)} ข้อ {off_site}มีแต่ยังไม่มี URL {n(r.without_url)} ข้อ "
                f"ไม่มี {n(r.absent)} ข้อ ยังไม่ตรวจ {n(r.unchecked)} ข้อ (ทั้งหมด {n(r.total)} ข้อ)")

    def story(self, frame: tuple[float, float], state: BookState) -> list[Flowable]:
        plan = self.table_plan()
        c = self.content()
        header, rows = self.cells()
        heading = self.style(self.opts.heading_size, bold=True, align="center")
        body = self.style(self.opts.body_size, align="center")
        table = ReportTable(plan.widths, header, rows, self.style(plan.table_psk),
                            self.style(plan.table_psk, bold=True, align="center"), empty_mark="",
                            title_column=1,
                            titles_continued=[paras_of_plain(r.continued) for r in c.rows])
        for _row, _col, word in table.forced_cells():
            if not word.isascii():  # a URL broken between letters is expected; Thai cut is not
                self.warnings.append(f"คำว่า «{word[:30]}» ถูกตัดกลางคำเพราะคอลัมน์แคบ")
        return [TextBlock([[LogicalLine([Span(line)]) for line in c.title]], heading),
                TextBlock([[LogicalLine([Span(c.readiness)])]], body,
                          space_before=READINESS_BEFORE_LINES * body.leading,
                          space_after=READINESS_AFTER_LINES * body.leading),
                table]
