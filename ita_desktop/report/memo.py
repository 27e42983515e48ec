"""บันทึกข้อความ asking the head of the office to approve a document and allow it on the website
(PAPERWORK.md G1): แบบที่ ๒๙ of the ระเบียบงานสารบรรณ as typed on a computer. Margins top 1.5,
left 3, right 2, bottom 2 cm; the emblem (the office supplies it: never bundled) 1.5 cm high at
the top left with "บันทึกข้อความ" bold 29 pt centred beside it; the labels ส่วนราชการ ที่ วันที่
เรื่อง bold 20 pt, each blank followed by a dotted leader (no solid rule); เรียน and the
paragraphs 6 pt apart, first lines indented 2.5 cm; the preparer's signature centred about
10.5 cm from the paper's left edge; below it the head's opinion, ☐ ทราบ ☐ อนุมัติ ☐ อื่น ๆ and
the head's signature. Sizes are TH Sarabun PSK points (family.points). Geometry marked [I] in
PAPERWORK.md is a default, and the wording is resources/paperwork/memo.json, overridden key by
key by the office's Template "memo"."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reportlab.lib.units import cm
from reportlab.platypus import Flowable

from ita_desktop.domain import models as m
from ita_desktop.report.flowables import TextBlock
from ita_desktop.report.fonts import Family
from ita_desktop.report.options import ReportOptions, option
from ita_desktop.report.pages import BookState
from ita_desktop.report.paperwork import SIGN_DATE, Paperwork, fill, image_reader, texts
from ita_desktop.report.text import LogicalLine, Span, TextLayout, TextStyle, layout, paras_of_plain
from ita_desktop.thai.dates import format_thai_date

TOP_CM = 1.5  # the memo's top margin when the clerk kept the reports' default
EMBLEM_CM = 1.5
DATE_TAB_CM = 8.5  # "วันที่" on the ที่ line, from the left margin [I]
SIGN_CENTRE_CM = 7.5  # the signature block's centre from the left margin (10.5 cm from the edge) [I]
SIGN_WIDTH_CM = 8.0
BEFORE = 6.0  # points before เรื่อง, เรียน and each paragraph ("1 Enter + Before 6 pt")
FIRST_INDENT_CM = 2.5  # a paragraph's first line
HEADING_LINE = 35.0  # "บันทึกข้อความ" 29 pt on a line of exactly 35 pt
SIGN_BLANK_LINES = 3  # empty 16 pt lines above a signature block, to sign in
OPINION_BEFORE_LINES = 1.5  # the head's opinion: lines of space after the preparer's block
CHOICES_BEFORE_LINES = 0.3


@dataclass
class MemoField:
    """A header line: (label, value, the label's x in cm from the left margin) each, the
    value's blank dotted up to the next label or the right margin."""

    parts: list[tuple[str, str, float]]
    space_before: float = 0.0


@dataclass
class MemoContent:
    """What the memo says, as printed: the PDF (Memo.story) and the Word file
    (report.word_paperwork) are both written from this."""

    heading: str
    emblem: bytes | None  # the office's picture, when its Template names one
    fields: list[MemoField]  # ส่วนราชการ; ที่ … วันที่ …; เรื่อง
    to: str  # "เรียน  …"
    paragraphs: list[str]
    signed: bool  # the signature blocks and the approval area are printed
    preparer: list[str]  # the preparer's block: (name), position
    opinion: str  # the head's opinion's label
    choices: list[str]  # ทราบ, อนุมัติ, อื่น ๆ: each after a box
    approver: list[str]  # the head's block: (name), position, the date to write


@dataclass
class _Part:
    """A label and its value on a header line, the value's blank dotted up to `stop`."""

    label: TextLayout
    value: TextLayout
    x: float
    stop: float


class FieldLine(Flowable):  # type: ignore[misc]
    """A header line of the memo: labels (bold 20 pt) and values (16 pt) on one baseline, each
    value followed by dots up to the next label or the right margin. A long value wraps under
    itself; the dots follow its last line."""

    GAP = 6.0  # between a label and its value

    def __init__(self, parts: list[tuple[str, str, float]], label_style: TextStyle, value_style: TextStyle,
                 space_before: float = 0.0) -> None:
        super().__init__()
        self.items = parts  # (label, value, x of the label from the left margin)
        self.label_style, self.value_style = label_style, value_style
        self.spaceBefore = space_before

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        self.parts: list[_Part] = []
        for n, (label, value, x) in enumerate(self.items):
            stop = self.items[n + 1][2] if n + 1 < len(self.items) else aw
            lab = layout([[LogicalLine([Span(label)])]], self.label_style, aw)
            start = x + lab.natural_width() + self.GAP
            val = layout(paras_of_plain(value), self.value_style, max(stop - start - self.GAP, 10.0))
            self.parts.append(_Part(lab, val, x, stop))
        self.ascent = max(max(p.label.lines[0].ascent, p.value.lines[0].ascent if p.value.lines else 0.0)
                          for p in self.parts)
        self.height = self.ascent + max(max(p.label.height - p.label.lines[0].ascent,
                                            p.value.height - p.value.lines[0].ascent if p.value.lines
                                            else self.value_style.leading - self.ascent)
                                        for p in self.parts)
        return aw, self.height

    def draw(self) -> None:
        baseline = self.height - self.ascent
        face = self.value_style.family.regular
        dot = face.width(".", self.value_style.size)
        for p in self.parts:
            p.label.draw(self.canv, p.x, baseline + p.label.lines[0].ascent)
            start = p.x + p.label.natural_width() + self.GAP
            end, last_base = start, baseline
            if p.value.lines:
                p.value.draw(self.canv, start, baseline + p.value.lines[0].ascent)
                last = p.value.lines[-1]
                last_base = baseline - (p.value.height - last.height)
                end = start + last.indent + last.width + 2.0
            count = int((p.stop - end - 4.0) / dot)
            if count > 0:
                # the blank's dots as text: the form's จุดไข่ปลา, and no rule a checker would
                # take for a table border
                dots = layout([[LogicalLine([Span("." * count)])]], self.value_style, count * dot + 10.0)
                if dots.lines:
                    dots.draw(self.canv, end, last_base + dots.lines[0].ascent)


class Choices(Flowable):  # type: ignore[misc]
    """☐ ทราบ ☐ อนุมัติ ☐ อื่น ๆ …: the boxes drawn (Sarabun has no ☐ glyph), each label after
    its box, the last one with a dotted blank to the right margin."""

    def __init__(self, labels: list[str], style: TextStyle, space_before: float = 0.0, indent: float = 0.0) -> None:
        super().__init__()
        self.labels, self.style, self.spaceBefore, self.indent = labels, style, space_before, indent

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        self.layouts = [layout([[LogicalLine([Span(x)])]], self.style, aw) for x in self.labels]
        self.height = self.style.leading
        return aw, self.height

    def draw(self) -> None:
        canv = self.canv
        box = 0.55 * self.style.size
        x = self.indent
        top = self.height
        dot = self.style.family.regular.width(".", self.style.size)
        for n, lay in enumerate(self.layouts):
            if not lay.lines:
                continue
            baseline = top - lay.lines[0].ascent
            canv.setLineWidth(0.6)
            canv.rect(x, baseline, box, box, stroke=1, fill=0)
            x += box + 0.35 * self.style.size
            lay.draw(canv, x, top)
            x += lay.natural_width() + 1.2 * self.style.size
            if n == len(self.layouts) - 1:
                count = int((self.width - x) / dot)
                if count > 0:
                    dots = layout([[LogicalLine([Span("." * count)])]], self.style, count * dot + 10.0)
                    if dots.lines:
                        dots.draw(canv, x - 0.8 * self.style.size, top)


class Emblem(Flowable):  # type: ignore[misc]
    """The first line: the office's emblem at the left (when it supplied one) and
    "บันทึกข้อความ" centred on the text block, its line 35 pt tall ("Exactly 35 pt")."""

    def __init__(self, heading: TextLayout, image: object | None, line: float) -> None:
        super().__init__()
        self.heading, self.image, self.line = heading, image, line

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        self.size = EMBLEM_CM * cm
        self.height = max(self.line, self.size if self.image is not None else 0.0)
        return aw, self.height

    def draw(self) -> None:
        if self.image is not None:
            w, h = self.image.getSize()  # type: ignore[attr-defined]
            scale = self.size / h
            self.canv.drawImage(self.image, 0, self.height - self.size, w * scale, self.size, mask="auto")
        lay = self.heading
        # the heading's baseline where a 35 pt line centred on the emblem puts it
        top = self.height - (self.height - self.line) / 2 - (self.line - lay.height) / 2
        lay.draw(self.canv, 0, top)


class Memo(Paperwork):
    """The memo for `opts.memo_for` of the fiscal year's plan (and round, for the report)."""

    def __init__(self, data: m.OfficeFile, opts: ReportOptions, family: Family) -> None:
        super().__init__(data, opts, family)
        self.words = texts(data, "memo")
        self.round_ = opts.round if opts.memo_for == "implementation" else ""
        self._content: MemoContent | None = None

    def title(self) -> str:
        return f"บันทึกข้อความ {self.subject()}"

    def top_margin_cm(self) -> float:
        default = option("margin_top_cm").default
        return TOP_CM if self.opts.margin_top_cm == default else self.opts.margin_top_cm

    def values(self) -> dict[str, str]:
        office = self.data.office
        values = dict(self.template_values())
        document = m.DOCUMENT_NAMES[self.opts.memo_for]
        if self.opts.memo_for == "analysis":
            document = "การวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ และมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
        values.update({
            "เอกสาร": document,
            "รอบ": m.ROUND_NAMES[self.round_] if self.round_ else "",
            "ผู้บริหาร": self.head_of_office(),
            "เว็บไซต์": office.website.strip(),
            "โทร": f"โทร. {office.phone.strip()}" if office.phone.strip() else "",
            "อีเมล": f"อีเมล {office.email.strip()}" if office.email.strip() else "",
        })
        approver = self._people().get("approver")
        if approver is not None and approver.position.strip():
            values["ผู้บริหาร"] = approver.position.strip().split("\n")[0]
        return {k: self.pr(v) for k, v in values.items()}

    def _people(self) -> dict[str, m.Signatory]:
        return {s.role: s for s in self.data.signatories_for(self.plan.id, self.opts.memo_for, self.round_)}

    def _own(self) -> dict[str, object]:
        doc = self.words.get(self.opts.memo_for)
        return doc if isinstance(doc, dict) else {}

    def subject(self) -> str:
        return fill(str(self._own().get("subject", "")), self.values())

    def _date(self) -> str:
        if self.opts.sign_date:
            return self.pr(format_thai_date(dt.date.fromisoformat(self.opts.sign_date), False))
        return ""

    def emblem(self) -> bytes | None:
        """The emblem's picture (JPEG or PNG bytes) the office's Template names, or None."""
        aid = str(self.words.get("emblem") or "")
        found = self.data.attachment(aid)
        data = found.data if found is not None else None
        if image_reader(data) is None:
            if aid:
                self.warnings.append("ไม่พบภาพครุฑที่กำหนดไว้ในแบบบันทึกข้อความ จึงพิมพ์โดยไม่มีครุฑ")
            return None
        return data

    def content(self) -> MemoContent:
        """Every text of the memo, as printed (digits as chosen, placeholders filled): what the
        PDF lays out and the Word file holds. Computed once."""
        if self._content is not None:
            return self._content
        values = self.values()
        fields = [
            MemoField([("ส่วนราชการ", fill(str(self.words.get("department", "")), values), 0.0)], BEFORE),
            MemoField([("ที่", self.pr(fill(str(self.words.get("number", "")), values)), 0.0),
                       ("วันที่", self._date(), DATE_TAB_CM)]),
            MemoField([("เรื่อง", self.subject(), 0.0)]),
        ]
        paragraphs = self._own().get("paragraphs", [])
        body = [x for x in (fill(str(t), values) for t in (paragraphs if isinstance(paragraphs, list) else [])) if x]
        people = self._people()
        preparer = people.get("preparer", m.Signatory(role="preparer"))
        approver = people.get("approver", m.Signatory(role="approver"))
        choices = self.words.get("choices", [])
        self._content = MemoContent(
            heading="บันทึกข้อความ",
            emblem=self.emblem(),
            fields=fields,
            to="เรียน  " + fill(str(self.words.get("to", "")), values),
            paragraphs=body,
            signed=self.opts.signatures,
            preparer=[self.pr(x) for x in self.person_lines(preparer.name, preparer.position)],
            opinion=self.pr(str(self.words.get("opinion", "ความเห็น"))),
            choices=[self.pr(str(x)) for x in choices] if isinstance(choices, list) else [],
            approver=[self.pr(x) for x in (*self.person_lines(approver.name, approver.position), SIGN_DATE)],
        )
        return self._content

    def story(self, frame: tuple[float, float], state: BookState) -> list[Flowable]:
        width = frame[0]
        c = self.content()
        body = self.style(16)
        label = self.style(20, bold=True)
        heading = self.style(29, bold=True, align="center")
        head = layout([[LogicalLine([Span(c.heading)])]], heading, width)
        story: list[Flowable] = [Emblem(head, image_reader(c.emblem), HEADING_LINE)]
        story += [FieldLine([(lab, value, x * cm) for lab, value, x in f.parts], label, body,
                            space_before=f.space_before) for f in c.fields]
        story.append(TextBlock([[LogicalLine([Span(c.to)])]], body, space_before=BEFORE))
        story += [TextBlock(paras_of_plain(text), body.with_(align="justify"), first_indent=FIRST_INDENT_CM * cm,
                            space_before=BEFORE) for text in c.paragraphs]
        if c.signed:
            story += self.signatures(width, body, c)
        return story

    def _block(self, lines: list[str], style: TextStyle, width: float, blank: int,
               space_before: float) -> Flowable:
        """A signature block centred SIGN_CENTRE_CM from the left margin, `blank` empty lines
        above it for the signature."""
        w = SIGN_WIDTH_CM * cm
        paras = [[LogicalLine([Span(x)]) for x in lines]]
        return _Offset(TextBlock(paras, style.with_(align="center")), SIGN_CENTRE_CM * cm - w / 2, w,
                       space_before + blank * style.leading)

    def signatures(self, width: float, body: TextStyle, c: MemoContent) -> list[Flowable]:
        out: list[Flowable] = [self._block(c.preparer, body, width, SIGN_BLANK_LINES, BEFORE)]
        # the head's answer: an opinion to write, the boxes, and the head's signature
        dot = body.family.regular.width(".", body.size)
        first = layout([[LogicalLine([Span(c.opinion)])]], body, width)
        count = int((width - first.natural_width() - 12) / dot)
        out.append(TextBlock([[LogicalLine([Span(f"{c.opinion} " + "." * count)])]], body,
                             space_before=OPINION_BEFORE_LINES * body.leading))
        out.append(TextBlock([[LogicalLine([Span("." * int((width - 4) / dot))])]], body))
        if c.choices:
            out.append(Choices(c.choices, body, space_before=CHOICES_BEFORE_LINES * body.leading))
        out.append(self._block(c.approver, body, width, SIGN_BLANK_LINES, 0.0))
        return out

    def person_lines(self, name: str, position: str, sign: str = "ลงชื่อ") -> list[str]:
        """A memo is signed above the name: no "ลงชื่อ" line, the position without "ตำแหน่ง"."""
        lines = [f"({name.strip()})" if name.strip() else f"({'.' * 40})"]
        positions = [p.strip() for p in position.split("\n") if p.strip()]
        return [*lines, *(positions or ["ตำแหน่ง " + "." * 40])]


class _Offset(Flowable):  # type: ignore[misc]
    """A flowable set `width` wide at `x` from the left margin, kept whole."""

    def __init__(self, inner: TextBlock, x: float, width: float, space_before: float) -> None:
        super().__init__()
        self.inner, self.x, self.inner_width, self.spaceBefore = inner, x, width, space_before

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        _w, self.height = self.inner.wrap(self.inner_width, ah)
        self.width = aw
        return aw, self.height

    def draw(self) -> None:
        self.inner.drawOn(self.canv, self.x, 0)
