"""แบบฟอร์มการขออนุญาตการเผยแพร่ข้อมูลผ่านเว็บไซต์ของหน่วยงาน (PAPERWORK.md G2): one A4 page per
entry of the OIT register: a bold 18 pt title, a bordered two-column table (labels 4.5 cm, bold)
filled from the register, then three signature blocks: ผู้รับผิดชอบการให้ข้อมูล and
ผู้อนุมัติรับรอง side by side, ผู้รับผิดชอบการนำข้อมูลขึ้นเผยแพร่ centred under them. The labels
are resources/paperwork/publish-form.json, overridden by the office's Template "publish-form"."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from reportlab.lib.units import cm
from reportlab.platypus import Flowable, PageBreak

from ita_desktop.domain import models as m
from ita_desktop.domain import oit
from ita_desktop.domain.framework import code_text
from ita_desktop.report.flowables import Columns, TextBlock
from ita_desktop.report.fonts import Family
from ita_desktop.report.options import ReportError, ReportOptions
from ita_desktop.report.pages import BookState
from ita_desktop.report.paperwork import SIGN_DATE, Paperwork, catalog_for, texts
from ita_desktop.report.text import (
    LogicalLine,
    Para,
    Span,
    TextLayout,
    TextStyle,
    layout,
    paras_of_plain,
)
from ita_desktop.thai.dates import format_thai_date

LABEL_CM = 4.5
DETAILS_LINES = 6  # the รายละเอียดข้อมูล row is at least this many lines tall, to write in
PAD_X, PAD_Y = 4.0, 3.0
TITLE_AFTER_LINES = 0.6
SIGNATURES_BEFORE_LINES = 1.2


@dataclass
class FormField:
    """A row of the form: its label and value as printed, at least `lines` lines tall; the
    link row's value is its URLs, one a line."""

    label: str
    text: str
    lines: int = 1
    urls: list[str] = field(default_factory=list)


@dataclass
class FormSignature:
    role: str  # ผู้รับผิดชอบการให้ข้อมูล …, printed bold, a blank line under it
    lines: list[str]  # ลงชื่อ …, (name), ตำแหน่ง …, วันที่ …


@dataclass
class FormPage:
    """One form: what the PDF (PublishForm.page) and the Word file (report.word_paperwork)
    are both written from."""

    title: str
    fields: list[FormField]
    signatures: list[FormSignature]  # provider, approver, uploader; none without signatures


class FormTable(Flowable):  # type: ignore[misc]
    """A bordered table of label | value rows (no heading row), each row at least `min_height`.
    Split between rows; a row taller than a whole page is split between its lines."""

    def __init__(self, rows: list[tuple[TextLayout, TextLayout, float]], widths: tuple[float, float]) -> None:
        super().__init__()
        self.rows = rows
        self.widths = widths

    def _height(self, row: tuple[TextLayout, TextLayout, float]) -> float:
        label, value, least = row
        return max(label.height, value.height, least) + 2 * PAD_Y

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = sum(self.widths)
        self.height = sum(self._height(r) for r in self.rows)
        return self.width, self.height

    def split(self, aw: float, ah: float) -> list[Flowable]:
        used, n = 0.0, 0
        for row in self.rows:
            if used + self._height(row) > ah:
                break
            used += self._height(row)
            n += 1
        if n == 0:
            label, value, _least = self.rows[0]
            head, rest = value.split(ah - 2 * PAD_Y)
            if not head.lines or not rest.lines:
                return []
            empty = TextLayout([], label.width, label.align)
            return [FormTable([(label, head, 0.0)], self.widths),
                    FormTable([(empty, rest, 0.0), *self.rows[1:]], self.widths)]
        if n == len(self.rows):
            return [self]
        return [FormTable(self.rows[:n], self.widths), FormTable(self.rows[n:], self.widths)]

    def draw(self) -> None:
        canv = self.canv
        canv.setLineWidth(0.6)
        y = self.height
        for row in self.rows:
            label, value, _least = row
            h = self._height(row)
            label.draw(canv, PAD_X, y - PAD_Y)
            value.draw(canv, self.widths[0] + PAD_X, y - PAD_Y)
            canv.line(0, y, self.width, y)
            y -= h
        canv.line(0, 0, self.width, 0)
        for x in (0.0, self.widths[0], self.width):
            canv.line(x, 0, x, self.height)


class PublishForm(Paperwork):
    needs_plan = False
    numbered = False

    def __init__(self, data: m.OfficeFile, opts: ReportOptions, family: Family) -> None:
        super().__init__(data, opts, family)
        self.ita_year = opts.fiscal_year  # the register's ITA year, as the register's --year
        fw, catalogs = catalog_for(data, self.ita_year)
        rows = oit.rows(data, fw, catalogs)
        wanted = [c.strip().lower() for c in opts.items.replace(" ", ",").split(",") if c.strip()]
        if wanted:
            by_code = {r.code: r for r in rows}
            unknown = [c for c in wanted if c not in by_code]
            if unknown:
                raise ReportError(f"เกณฑ์ของปี {self.ita_year} ไม่มีข้อ {', '.join(code_text(c) for c in unknown)}")
            self.rows = [by_code[c] for c in dict.fromkeys(wanted)]
        else:
            self.rows = [r for r in rows if r.answer or r.has_url]
        if not self.rows:
            raise ReportError(f"ทะเบียน OIT ปี {self.ita_year} ยังไม่มีข้อที่ตอบแล้วหรือมี URL "
                              "(เลือกข้อที่จะพิมพ์ด้วย --items เช่น o1,o7)")
        self.labels = texts(data, "publish-form")
        self._pages: list[FormPage] | None = None

    def title(self) -> str:
        return f"{self.label('title')} {self.data.office.full_name}"

    def label(self, key: str) -> str:
        return self.pr(str(self.labels.get(key, "")))

    def _approver(self) -> m.Signatory:
        return (self.data.signatory("office", "", "", "approver")
                or m.Signatory(owner="office", role="approver"))

    def pages(self) -> list[FormPage]:
        """Every form's texts, as printed: what the PDF lays out and the Word file holds."""
        if self._pages is None:
            self._pages = [self.page_content(row) for row in self.rows]
        return self._pages

    def page_content(self, row: oit.Row) -> FormPage:
        entry = row.entry
        urls = [x.get("url", "").strip() for x in row.links if x.get("url", "").strip()]
        topic = [f"{code_text(row.code)} {row.title}"]
        topic += [f"เรื่อง «{x['title'].strip()}»" for x in row.links if x.get("title", "").strip()]
        fields = [
            FormField(self.label("office"), self.pr(self.data.office.full_name)),
            FormField(self.label("date"), self._date(row.published_on)),
            FormField(self.label("topic"), self.pr("\n".join(topic))),
            FormField(self.label("details"), self.pr(row.explanation), DETAILS_LINES),
            FormField(self.label("link"), "", urls=urls),
            FormField(self.label("note"), self.pr(entry.note), 2),
        ]
        signatures: list[FormSignature] = []
        if self.opts.signatures:
            approver = self._approver()
            for role, name, position in (("provider", entry.person, entry.position),
                                         ("approver", approver.name, approver.position),
                                         ("uploader", entry.uploader, entry.uploader_position)):
                signatures.append(FormSignature(self.label(role), [
                    *(self.pr(x) for x in self.person_lines(name, position)), SIGN_DATE]))
        return FormPage(self.label("title"), fields, signatures)

    def story(self, frame: tuple[float, float], state: BookState) -> list[Flowable]:
        story: list[Flowable] = []
        for n, page in enumerate(self.pages()):
            if n:
                story.append(PageBreak())
            story += self.page(page, frame[0])
        return story

    def page(self, page: FormPage, width: float) -> list[Flowable]:
        body = self.style(self.opts.body_size)
        bold = self.style(self.opts.body_size, bold=True)
        title = self.style(self.opts.heading_size, bold=True, align="center")
        label_w = LABEL_CM * cm
        value_w = width - label_w
        rows = []
        for f in page.fields:
            paras: list[Para] = [[LogicalLine([Span(u)]) for u in f.urls]] if f.urls else paras_of_plain(f.text)
            rows.append((layout([[LogicalLine([Span(f.label)])]], bold, label_w - 2 * PAD_X),
                         layout(paras, body, value_w - 2 * PAD_X), f.lines * body.leading))
        story: list[Flowable] = [
            TextBlock([[LogicalLine([Span(page.title)])]], title, space_after=TITLE_AFTER_LINES * title.leading),
            FormTable(rows, (label_w, value_w)),
        ]
        if page.signatures:
            story += self.signatures(page.signatures, width, body)
        return story

    def _date(self, iso: str) -> str:
        try:
            return self.pr(format_thai_date(dt.date.fromisoformat(iso), False))
        except ValueError:
            return ""

    def signatures(self, blocks: list[FormSignature], width: float, body: TextStyle) -> list[Flowable]:
        style = body.with_(align="center")
        half = width / 2

        def block(sign: FormSignature) -> list[TextLayout]:
            lines = [sign.role, "", *sign.lines]
            paras: list[Para] = [[LogicalLine([Span(x, bold=(i == 0))]) for i, x in enumerate(lines)]]
            return [layout(paras, style, half - 8)]

        both = Columns([block(blocks[0]), block(blocks[1])], [half, half],
                       space_before=SIGNATURES_BEFORE_LINES * body.leading)
        uploader = Columns([[], block(blocks[2])], [half / 2, half],
                           space_before=SIGNATURES_BEFORE_LINES * body.leading)
        return [both, uploader]
