"""What every printed document shares: the plan and its ITA result, digits, styles, template
values, titles, signatures and table column planning."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from reportlab.lib.units import cm, mm
from reportlab.platypus import Flowable, NextPageTemplate, PageBreak

from ita_desktop.domain import markup
from ita_desktop.domain import models as m
from ita_desktop.domain.framework import (
    Framework,
    FrameworkError,
    framework_from_dict,
)
from ita_desktop.report import booklet
from ita_desktop.report.flowables import Columns, ReportTable, Stack, TextBlock
from ita_desktop.report.fonts import Family
from ita_desktop.report.options import (
    DEFAULT_INTRO,
    DEFAULT_INTRO_NO_SCORE,
    DEFAULT_TITLE,
    IMPLEMENTATION_COVER,
    IMPLEMENTATION_PREFACE,
    PSK_FLOOR,
    ReportError,
    ReportOptions,
    fill_template,
)
from ita_desktop.report.pages import BookState, PageSetup, TocEntry
from ita_desktop.report.text import (
    LogicalLine,
    Para,
    Span,
    TextLayout,
    TextStyle,
    layout,
    paras_of_markup,
    paras_of_plain,
    single_line_width,
    widest_word,
)
from ita_desktop.resources import bundled_frameworks
from ita_desktop.thai.dates import MONTHS, format_thai_date, period_text, round_period
from ita_desktop.thai.digits import digits_for_print

PAD = ReportTable.PAD_X
SIZE_STEP = 0.5


@dataclass
class Plan:
    """What was decided before drawing: page orientation, table type size, column widths."""

    orientation: str
    table_psk: float
    widths: list[float] = field(default_factory=list)
    frame_width: float = 0.0  # of the pages the table is set on
    warnings: list[str] = field(default_factory=list)


class ReportBuilder:
    """What every document needs: the plan and its ITA result, the office, digits, styles,
    template values, titles and signatures. Subclasses build the story."""

    def __init__(self, data: m.OfficeFile, opts: ReportOptions, family: Family) -> None:
        self.data = data
        self.opts = opts
        self.family = family
        self.thai = opts.digits == "thai"
        self.warnings: list[str] = []
        self._narrow_fixed: dict[int, tuple[float, float]] = {}  # column: (fixed width, its widest word)
        self.toc: list[tuple[str, str]] = []  # contents entries (key, text) in story order
        plan = data.plan(opts.fiscal_year)
        if plan is None:
            years = ", ".join(str(p.fiscal_year) for p in data.live_plans()) or "ไม่มี"
            raise ReportError(f"แฟ้มนี้ไม่มีมาตรการของปีงบประมาณ {opts.fiscal_year} (มี: {years})")
        self.plan = plan
        self.assessment = data.assessment_by_id(plan.based_on) if plan.based_on else None
        self.framework = self._framework()
        self.division = self._division()
        self.measures = [x for x in data.measures_of(plan.id) if self._in_division(x)]
        if not self.measures:
            raise ReportError("ไม่มีมาตรการที่จะพิมพ์" + (" ของ" + self.division_name if self.division_name else ""))

    # --- data -----------------------------------------------------------------------
    def _framework(self) -> Framework | None:
        if self.assessment is not None:
            snap = self.data.framework_of(self.assessment)
            if snap is not None:
                try:
                    return framework_from_dict(snap.data)
                except FrameworkError:
                    pass
        bundled = bundled_frameworks()
        year = self.opts.fiscal_year - 1
        if year in bundled:
            return bundled[year]
        older = [y for y in bundled if y <= year]
        return bundled[max(older)] if older else None

    def _division(self) -> m.Division | None:
        want = self.opts.division.strip()
        if not want:
            self.division_name = ""
            return None
        for d in self.data.live_divisions():
            if want in (d.id, d.name):
                self.division_name = d.name
                return d
        self.division_name = want
        return None

    def _in_division(self, measure: m.Measure) -> bool:
        if not self.opts.filter_division or not self.division_name:
            return True
        if self.division is not None and self.division.id in (measure.responsible_main + measure.responsible_support):
            return True
        return self.division_name in measure.responsible

    def pr(self, text: str) -> str:
        """Text as printed: digits switched, protected spans kept."""
        return digits_for_print(text or "", self.thai)

    def filled(self, template: str) -> list[str]:
        """A template's lines with its placeholders filled, its own digits ("ภาพที่ ๑") printed
        as the clerk chose, like every other text."""
        return [self.pr(line) for line in fill_template(template, self.template_values())]

    def _seq_text(self, seq: int) -> str:
        return self.pr(str(seq))

    def template_values(self) -> dict[str, str]:
        office = self.data.office
        start, end = round_period(self.plan.fiscal_year, self.opts.round)
        a = self.assessment
        values = {
            "หน่วยงาน": office.full_name,
            "หน่วยงานย่อ": office.short_name,
            "ส่วนราชการ": self.division_name,
            "ตำบล": office.tambon,
            "อำเภอ": office.amphoe,
            "จังหวัด": office.changwat,
            "ปีงบประมาณ": str(self.plan.fiscal_year),
            "ปีประเมิน": str(a.ita_year if a else self.plan.fiscal_year - 1),
            "คะแนน": f"{a.total:.2f}" if a is not None and a.total is not None else "",
            "IIT": f"{a.iit:.2f}" if a is not None and a.iit is not None else "",
            "EIT": f"{a.eit:.2f}" if a is not None and a.eit is not None else "",
            "OIT": f"{a.oit:.2f}" if a is not None and a.oit is not None else "",
            "ระดับ": a.level if a is not None else "",
            "รอบ": m.ROUND_NAMES[self.opts.round],
            "ช่วงเวลา": period_text(start, end, thai_digits=False),
            "วันที่": format_thai_date(dt.date.today(), thai_digits=False),
            "เดือนปี": self._month_year(),
        }
        return {k: self.pr(v) for k, v in values.items()}

    def _month_year(self) -> str:
        try:
            day = dt.date.fromisoformat(self.opts.sign_date) if self.opts.sign_date else dt.date.today()
        except ValueError:
            day = dt.date.today()
        return f"{MONTHS[day.month - 1]} {day.year + 543}"

    def cell_text(self, key: str, seq: int, measure: m.Measure) -> str:
        """The markup printed for one field of one measure."""
        result = self.data.result(measure.id, self.opts.round)
        if key == "seq":
            return str(seq)
        if key == "indicator":
            if measure.indicator is None:
                return ""
            ind = self.framework.indicator(measure.indicator) if self.framework else None
            return f"ตัวชี้วัดที่ {measure.indicator} {ind.name}" if ind else f"ตัวชี้วัดที่ {measure.indicator}"
        if key == "group":
            group = next((g for g in self.data.groups if g.id == measure.group_id and not g.deleted), None)
            return group.title if group else ""
        if key == "title":
            title = measure.title
            if self.opts.number_titles and "seq" not in self.opts.columns and not markup.starts_with_number(title):
                title = f"{seq}. {title}"
            return title
        if key == "period":
            return (result.period if result and result.period else measure.period)
        if key == "responsible":
            if measure.responsible:
                return measure.responsible
            names = {d.id: d.name for d in self.data.divisions}
            main = [names[i] for i in measure.responsible_main if i in names]
            support = [names[i] for i in measure.responsible_support if i in names]
            text = " ".join(main)
            if support:
                text += ("\n" if text else "") + "สนับสนุน: " + " ".join(support)
            return text
        if key in ("steps", "budget", "target", "monitoring"):
            return str(getattr(measure, key))
        if result is None:
            return ""
        if key == "status":
            return m.STATUS_NAMES.get(result.status, "")
        if key == "progress":
            return "" if result.percent is None else f"ร้อยละ {_percent(result.percent)}"
        return str(getattr(result, key))

    def cell_paras(self, key: str, seq: int, measure: m.Measure) -> list[Para]:
        text = self.pr(self.cell_text(key, seq, measure))
        return paras_of_markup(text)

    # --- styles ---------------------------------------------------------------------
    def style(self, psk: float, bold: bool = False, align: str = "left") -> TextStyle:
        return TextStyle(self.family, self.family.points(psk), bold=bold, align=align)

    # --- parts ----------------------------------------------------------------------
    default_title = DEFAULT_TITLE
    default_intro = DEFAULT_INTRO
    default_intro_no_score = DEFAULT_INTRO_NO_SCORE
    signature_round = True  # the implementation report is signed per round

    default_cover = IMPLEMENTATION_COVER
    default_preface = IMPLEMENTATION_PREFACE
    has_cover = False  # without front matter: does the document open with a cover page?

    # --- the booklet ------------------------------------------------------------------
    def mark(self, key: str, text: str, state: BookState) -> TocEntry:
        """A contents entry at this point of the story."""
        if all(k != key for k, _t in self.toc):
            self.toc.append((key, self.pr(text)))
        return TocEntry(key, state)

    def cover_page(self) -> list[Flowable]:
        template = self.opts.cover_text or self.default_cover
        style = self.style(self.opts.heading_size + 4, bold=True, align="center")
        return booklet.cover(self.filled(template), style,
                             self.data.office.logo, self.warnings)

    def front_matter(self, state: BookState) -> list[Flowable]:
        """Cover, คำนำ and สารบัญ on portrait pages numbered ก ข ค."""
        body = self.style(self.opts.body_size)
        heading = self.style(self.opts.heading_size)
        values = self.template_values()
        preface = " ".join(self.filled(self.opts.preface or self.default_preface))
        sign = [values["หน่วยงาน"], values["เดือนปี"]]
        story: list[Flowable] = [*self.cover_page(), PageBreak(),
                                 booklet.page_heading(self.pr("คำนำ"), heading),
                                 TextBlock(paras_of_plain(preface), body, first_indent=2.5 * cm,
                                           space_after=2 * body.leading),
                                 TextBlock([[LogicalLine([Span(line)]) for line in sign if line]],
                                           body.with_(align="right")),
                                 PageBreak(), booklet.page_heading(self.pr("สารบัญ"), heading),
                                 TextBlock([[LogicalLine([Span(self.pr("หน้า"), bold=True)])]],
                                           body.with_(align="right")),
                                 booklet.Contents(self.toc, state, body, lambda n: self.pr(str(n)))]
        return story

    def assemble(self, state: BookState, body: list[Flowable], orientation: str,
                 portrait_frame: tuple[float, float]) -> list[Flowable]:
        """The whole story: front matter or cover, the body, and the appendix."""
        story: list[Flowable] = []
        if self.opts.front_matter:
            story += self.front_matter(state)
            story += [NextPageTemplate(f"body-{orientation}"), PageBreak()]
        elif self.opts.cover if self.opts.cover is not None else self.has_cover:
            story += [*self.cover_page(), PageBreak()]
        story += body
        if self.opts.appendix:
            style = self.style(self.opts.heading_size)
            heading = booklet.page_heading(self.pr("ภาคผนวก"), style)
            try:
                story += booklet.appendix_pages(self.opts.appendix, portrait_frame,
                                                Stack([self.mark("appendix", "ภาคผนวก", state), heading]))
            except OSError as exc:
                raise ReportError(f"อ่านภาพในภาคผนวกไม่ได้: {exc}") from exc
        return story

    def approved(self) -> bool:
        round_ = self.opts.round if self.signature_round else ""
        return any(d.plan_id == self.plan.id and not d.deleted and d.document == self.opts.document
                   and d.round == round_ and d.approved_on for d in self.data.documents)

    def title_blocks(self) -> list[Flowable]:
        template = self.opts.title if self.opts.title.strip() and self.opts.title != DEFAULT_TITLE else self.default_title
        lines = self.filled(template)
        style = self.style(self.opts.heading_size, bold=True, align="center")
        paras = [[LogicalLine([Span(line)]) for line in lines if line]]
        return [TextBlock(paras, style, space_after=0.4 * style.leading)]

    def intro_block(self) -> list[Flowable]:
        template = self.opts.intro
        if not template:
            has_score = self.assessment is not None and self.assessment.total is not None
            template = self.default_intro if has_score else self.default_intro_no_score
        text = " ".join(self.filled(template))
        if not text.strip():
            return []
        style = self.style(self.opts.body_size)
        return [TextBlock(paras_of_plain(text), style, first_indent=2.5 * cm,
                          space_after=0.5 * style.leading)]

    def signature_block(self, width: float) -> Flowable | None:
        if not self.opts.signatures:
            return None
        round_ = self.opts.round if self.signature_round else ""
        people = self.data.signatories_for(self.plan.id, self.opts.document, round_)
        shown = [s for s in people if s.name.strip() or s.position.strip()] or people
        style = self.style(self.opts.body_size, align="center")
        dots = "." * 40

        def block(sig: m.Signatory, w: float) -> list[TextLayout]:
            lines = [f"(ลงชื่อ){dots}{m.ROLE_NAMES.get(sig.role, '')}",
                     f"({sig.name.strip()})" if sig.name.strip() else f"({dots})"]
            lines += [p for p in sig.position.split("\n") if p.strip()]
            paras = [[LogicalLine([Span(self.pr(line))]) for line in lines]]
            return [layout(paras, style, w)]

        approver = next((s for s in shown if s.role == "approver"), None)
        others = [s for s in shown if s.role != "approver"]
        items: list[Flowable] = []
        half = width / 2
        if others:
            items.append(Columns([block(s, half) for s in others[:2]], [half] * len(others[:2]),
                                 space_before=style.leading))
        if approver is not None:
            date_line = self._date_line()
            lay = block(approver, half)
            lay.append(layout([[LogicalLine([Span(date_line)])]], style, half))
            items.append(Columns([lay], [half], space_before=1.5 * style.leading))
        return Stack(items, space_before=style.leading)

    def _date_line(self) -> str:
        if self.opts.sign_date:
            try:
                return self.pr("วันที่ " + format_thai_date(dt.date.fromisoformat(self.opts.sign_date), False))
            except ValueError:
                pass
        issued = next((d for d in self.data.documents if d.plan_id == self.plan.id and not d.deleted
                       and d.document == self.opts.document and d.round == self.opts.round
                       and d.approved_on), None)
        if issued is not None:
            try:
                return self.pr("วันที่ " + format_thai_date(dt.date.fromisoformat(issued.approved_on), False))
            except ValueError:
                pass
        return "วันที่ ........ เดือน .............................. พ.ศ. ............"

    # --- words cut in the middle ------------------------------------------------------
    def cut_word_warnings(self, cuts: Sequence[tuple[int, str, str]], blocks: bool = False) -> list[str]:
        """Where words were cut in the middle, for the clerk to find and fix: the measure
        (its number and title), the column (its printed heading) and the word, at most three
        places and then how many more. `cuts` are (measure index or -1 for the table's
        heading row, column key, word); `blocks` for the layout with a heading per field."""
        words: dict[tuple[int, str], list[str]] = {}
        for row, key, word in cuts:
            if word not in words.setdefault((row, key), []):
                words[(row, key)].append(word)
        places: list[str] = []
        for (row, key), cut in words.items():
            heading = _short(self.pr(self.opts.heading(key)), 40)
            if row < 0:
                where = f"หัวคอลัมน์ «{heading}»"
            else:
                x = self.measures[row]
                title = _short(_NUMBERED.sub("", markup.plain_text(self.pr(x.title))), 40)
                where = (f"มาตรการที่ {self._seq_text(row + 1)} «{title}» "
                         + ("หัวข้อ" if blocks else "คอลัมน์") + f" «{heading}»")
            why = "ยาวกว่าบรรทัดจึงถูกตัดกลางคำ" if blocks else "ถูกตัดกลางคำเพราะคอลัมน์แคบ"
            named = ", ".join(f"«{_short(w, 30)}»" for w in cut[:3]) + (" …" if len(cut) > 3 else "")
            places.append(f"{where}: คำว่า {named} {why}")
        if not places:
            return []
        out = places[:3]
        fix = ("แก้ได้โดยเว้นวรรคในคำที่ยาว" if blocks
               else "แก้ได้โดยลดจำนวนคอลัมน์ หรือให้คอลัมน์นั้นกว้างขึ้น")
        more = len(places) - len(out)
        out.append(f"และอีก {self.pr(str(more))} แห่ง; {fix}" if more else fix)
        return out

    # --- tables -------------------------------------------------------------------
    def plan_columns(self, header: Sequence[Sequence[Para]], rows: Sequence[Sequence[Sequence[Para]]],
                     keys: list[str], avail_for: dict[str, float], first_choice: str) -> Plan:
        """Choose orientation, type size and column widths: every column at least its widest
        word, the rest by amount of text; smaller type down to the floor, then landscape,
        then (with a warning) words split."""
        orientations = [first_choice]
        if orientations[0] == "portrait":
            orientations.append("landscape")
        sizes = []
        size = self.opts.table_size
        while size >= min(PSK_FLOOR, self.opts.table_size) - 1e-6:
            sizes.append(round(size, 2))
            size -= SIZE_STEP
        for orientation in orientations:
            for psk in sizes:
                widths, fits = self._widths(header, rows, keys, psk, avail_for[orientation])
                if fits:
                    plan = Plan(orientation, psk, widths)
                    if psk < self.opts.table_size:
                        plan.warnings.append(f"ลดขนาดตัวอักษรในตารางเหลือ {self.pr(_num(psk))} พอยต์ เพื่อให้ทุกคำพอดีคอลัมน์")
                    if orientation != orientations[0]:
                        plan.warnings.append("เปลี่ยนเป็นกระดาษแนวนอน เพราะคอลัมน์ไม่พอในแนวตั้ง")
                    return plan
        orientation = orientations[-1]
        psk = sizes[-1]
        widths, _fits = self._widths(header, rows, keys, psk, avail_for[orientation])
        plan = Plan(orientation, psk, widths)
        # which words get cut, and where, is said once the table is laid out (cut_word_warnings)
        for i, (width, least) in self._narrow_fixed.items():
            plan.warnings.append(
                f"คอลัมน์ «{_short(self.pr(self.opts.heading(keys[i])), 40)}» กำหนดกว้าง {self.pr(_num(width / mm))} มม. "
                f"แคบกว่าคำที่ยาวที่สุดในคอลัมน์ ({self.pr(_num(least / mm))} มม.)")
        return plan

    def _widths(self, header: Sequence[Sequence[Para]], rows: Sequence[Sequence[Sequence[Para]]],
                keys: list[str], psk: float, avail: float) -> tuple[list[float], bool]:
        style = self.style(psk)
        head_style = self.style(psk, bold=True)
        n = len(keys)
        mins, maxs, weights = [], [], []
        for c in range(n):
            cells = [r[c] for r in rows]
            mins.append(max([widest_word(header[c], head_style)] + [widest_word(p, style) for p in cells]) + 2 * PAD)
            lines = [single_line_width(p, style) for p in cells]
            maxs.append(max(max(lines, default=0.0) + 2 * PAD, mins[-1]))
            weights.append(sum(lines) + 1.0)
        fixed = {i: self.opts.widths_mm[k] * mm for i, k in enumerate(keys) if k in self.opts.widths_mm}
        self._narrow_fixed = {i: (w, mins[i]) for i, w in fixed.items() if w < mins[i] - 0.01}
        fits = not self._narrow_fixed
        free = avail - sum(fixed.values())
        loose = [i for i in range(n) if i not in fixed]
        if sum(mins[i] for i in loose) > free + 0.01:
            # words will be split. A column's minimum counts at most an equal share: one very
            # long word (a pasted URL, a text with no spaces) left the other columns 1 pt wide
            share = max(free, 1.0) / len(loose) if loose else free
            capped = {i: min(mins[i], share) for i in loose}
            if sum(capped.values()) <= free + 0.01:
                shares = _share(free, [capped[i] for i in loose], [max(maxs[i], capped[i]) for i in loose],
                                [weights[i] for i in loose])
                given = dict(zip(loose, shares))
                return [fixed.get(i, given.get(i, 0.0)) for i in range(n)], False
            scale = max(free, 1.0) / sum(capped.values())
            widths = [fixed.get(i, capped.get(i, 0.0) * scale) for i in range(n)]
            return widths, False
        shares = _share(free, [mins[i] for i in loose], [maxs[i] for i in loose], [weights[i] for i in loose])
        widths = []
        it = iter(shares)
        for i in range(n):
            widths.append(fixed[i] if i in fixed else next(it))
        return widths, fits



def _share(avail: float, mins: list[float], maxs: list[float], weights: list[float]) -> list[float]:
    """Give each column its minimum, then the rest by content, never more than its longest
    line needs until every column has that; what is left then goes by width."""
    widths = list(mins)
    extra = avail - sum(widths)
    active = [i for i in range(len(widths)) if maxs[i] - widths[i] > 0.01]
    while extra > 0.01 and active:
        total = sum(weights[i] for i in active)
        given = 0.0
        for i in active:
            add = min(extra * weights[i] / total, maxs[i] - widths[i])
            widths[i] += add
            given += add
        extra -= given
        active = [i for i in active if maxs[i] - widths[i] > 0.01]
        if given < 1e-6:
            break
    if extra > 0.01:
        total = sum(widths)
        widths = [w + extra * w / total for w in widths]
    return widths


_NUMBERED = re.compile(r"^\s*[0-9๐-๙]+[.)]\s*")  # "๑. " before a measure's title
_LEADING_VOWELS = "เแโใไ"


def _short(text: str, limit: int) -> str:
    """`text` on one line, cut to about `limit` letters with "…" (never between a letter and
    its marks, after a space when there is one near the end)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    while cut and unicodedata.category(text[len(cut)]) in ("Mn", "Mc"):
        cut = cut[:-1]
    return cut.rstrip(_LEADING_VOWELS + " ") + "…"


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _percent(value: Decimal) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def page_setup(opts: ReportOptions, family: Family, orientation: str, title: str, author: str) -> PageSetup:
    return PageSetup(orientation=orientation, top_cm=opts.margin_top_cm, bottom_cm=opts.margin_bottom_cm,
                     left_cm=opts.margin_left_cm, right_cm=opts.margin_right_cm,
                     page_numbers=opts.page_numbers,
                     number_style=TextStyle(family, family.points(opts.body_size)),
                     thai_digits=opts.digits == "thai", title=title, author=author)
