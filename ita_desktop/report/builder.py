"""What every printed document shares: the plan and its ITA result, digits, styles, template
values, titles, signatures and table column planning."""
from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Callable, Sequence
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
from ita_desktop.domain.scoring import Computed, compute, level_of
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
    TextStyle,
    layout,
    paras_of_markup,
    paras_of_plain,
    single_line_width,
    widest_word,
)
from ita_desktop.resources import bundled_frameworks
from ita_desktop.thai.dates import (
    MONTHS,
    fiscal_year_range,
    format_thai_date,
    period_text,
    round_period,
)
from ita_desktop.thai.digits import digits_for_print

PAD = ReportTable.PAD_X
SIGNATURES_ENTRY = "ลงนามผู้จัดทำ ผู้เสนอ และผู้อนุมัติ"  # the signatures' line in สารบัญ
SIZE_STEP = 0.5
HEADER_LINES = 3  # a table's heading, repeated on every page, wraps to at most this many lines
BALANCE_STEP = 0.5 * mm  # width handed out at a time while balancing the columns
MAX_SHARES = 2.5  # no column wider than this many equal shares of the width while others want room


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
        if not self.measures and self.needs_measures:
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
            "คะแนน": _score_text(self.total_score()),
            "IIT": _score_text(self.tool_score("IIT")),
            "EIT": _score_text(self.tool_score("EIT")),
            "OIT": _score_text(self.tool_score("OIT")),
            "ระดับ": self.level(),
            "รอบ": m.ROUND_NAMES[self.opts.round],
            "ช่วงเวลา": period_text(start, end, thai_digits=False),
            "วันที่": format_thai_date(dt.date.today(), thai_digits=False),
            "เดือนปี": self._month_year(),
        }
        return {k: self.pr(v) for k, v in values.items()}

    # --- the ITA result: as typed, else computed from the indicator scores --------------
    def indicator_scores(self) -> dict[int, Decimal | None]:
        if self.assessment is None:
            return {}
        return {no: s.score for no, s in self.data.indicator_scores_of(self.assessment.id).items()}

    def computed(self) -> Computed | None:
        if self.framework is None:
            return None
        return compute(self.framework, {k: v for k, v in self.indicator_scores().items() if v is not None})

    def tool_score(self, tool: str) -> Decimal | None:
        """The tool's score as NACC printed it, else computed from the indicator scores."""
        a = self.assessment
        typed: Decimal | None = getattr(a, tool.lower(), None) if a is not None else None
        if typed is not None:
            return typed
        computed = self.computed()
        return computed.shown_tool(tool) if computed is not None else None

    def total_score(self) -> Decimal | None:
        a = self.assessment
        if a is not None and a.total is not None:
            return a.total
        computed = self.computed()
        return computed.shown_total if computed is not None else None

    def level(self) -> str:
        """The level as typed, else by the year's rules from the total and the tool scores
        (below the first level that asks for each tool's score, the total alone decides)."""
        a = self.assessment
        if a is not None and a.level.strip():
            return a.level.strip()
        total = self.total_score()
        if total is None or self.framework is None or not self.framework.levels:
            return ""
        tools = {t.code: self.tool_score(t.code) for t in self.framework.tools}
        return level_of(self.framework, total, {k: v for k, v in tools.items() if v is not None})

    def _approved_on(self) -> dt.date | None:
        """The day the file says this document was approved, if it says one."""
        round_ = self.opts.round if self.signature_round else ""
        for d in self.data.documents:
            if (d.plan_id == self.plan.id and not d.deleted and d.document == self.opts.document
                    and d.round == round_ and d.approved_on):
                try:
                    return dt.date.fromisoformat(d.approved_on)
                except ValueError:
                    continue
        return None

    def _sign_day(self) -> dt.date | None:
        try:
            return dt.date.fromisoformat(self.opts.sign_date) if self.opts.sign_date else None
        except ValueError:
            return None

    def _month_year(self) -> str:
        """The document's month (คำนำ): the signing date chosen, the approval, else the
        round's last day; for the analysis, made during its fiscal year, today's month within
        that year. Never a day outside the document's period (a report of FY2568 printed in
        December 2026; an analysis of FY2570 dated at the end of a year just begun)."""
        day = self._sign_day() or self._approved_on()
        if day is None and self.opts.document == "analysis":
            first, last = fiscal_year_range(self.plan.fiscal_year)
            day = min(max(self._today(), first), last)
        day = day or round_period(self.plan.fiscal_year, self.opts.round)[1]
        return f"{MONTHS[day.month - 1]} {day.year + 543}"

    @staticmethod
    def _today() -> dt.date:
        return dt.date.today()

    def continued_title(self, seq: int, measure: m.Measure) -> list[Para]:
        """What heads the rest of a measure's row on the next page: its title, then "(ต่อ)"."""
        title = markup.plain_text(self.cell_text("title", seq, measure)).strip()
        return paras_of_plain(self.pr(f"{title} (ต่อ)")) if title else []

    def cell_text(self, key: str, seq: int, measure: m.Measure) -> str:
        """The markup printed for one field of one measure."""
        result = self.data.result(measure.id, self.opts.round)
        if key == "seq":
            return str(seq)
        if key == "indicator":
            no = self.indicator_of(measure)
            if no is None:
                return ""
            ind = self.framework.indicator(no) if self.framework else None
            return f"ตัวชี้วัดที่ {no} {ind.name}" if ind else f"ตัวชี้วัดที่ {no}"
        if key == "group":
            group = next((g for g in self.data.groups if g.id == measure.group_id and not g.deleted), None)
            return group.title if group else ""
        if key == "title":
            title = measure.title
            if self.opts.number_titles and "seq" not in self.opts.columns and not markup.starts_with_number(title):
                # "-จัดทำ…" typed as a bullet: the number takes its place ("๖. จัดทำ…", not "๖. -จัดทำ…")
                title = f"{seq}. {_LEAD_BULLET.sub('', title)}"
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

    def indicator_of(self, measure: m.Measure) -> int | None:
        """The indicator a measure answers: its own, or its ประเด็น's."""
        if measure.indicator is not None:
            return measure.indicator
        group = next((g for g in self.data.groups if g.id == measure.group_id and not g.deleted), None)
        return group.indicator if group is not None else None

    def cell_paras(self, key: str, seq: int, measure: m.Measure, empty: str = "") -> list[Para]:
        """A field as printed; `empty` is printed for a field with nothing in it."""
        text = self.pr(self.cell_text(key, seq, measure))
        if not text.strip():
            text = empty
        return paras_of_markup(text)

    # --- styles ---------------------------------------------------------------------
    def style(self, psk: float, bold: bool = False, align: str = "left") -> TextStyle:
        return TextStyle(self.family, self.family.points(psk), bold=bold, align=align)

    # --- parts ----------------------------------------------------------------------
    default_title = DEFAULT_TITLE
    default_intro = DEFAULT_INTRO
    default_intro_no_score = DEFAULT_INTRO_NO_SCORE
    signature_round = True  # the implementation report is signed per round
    needs_measures = True  # a report of what was done needs something done

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
        # คำนำ and สารบัญ head the contents (pages ก ข); the body's own entries (sections,
        # signatures, appendix) were marked while the body was made
        for n, (key, text) in enumerate((("preface", "คำนำ"), ("contents", "สารบัญ"))):
            if all(k != key for k, _t in self.toc):
                self.toc.insert(n, (key, self.pr(text)))

        def page_label(n: int) -> str:
            return booklet.front_label(n) if n <= 0 else self.pr(str(n))
        story: list[Flowable] = [*self.cover_page(), PageBreak(), booklet.FrontEntry("preface", state),
                                 booklet.page_heading(self.pr("คำนำ"), heading),
                                 TextBlock(paras_of_plain(preface), body, first_indent=2.5 * cm,
                                           space_after=2 * body.leading),
                                 TextBlock([[LogicalLine([Span(line)]) for line in sign if line]],
                                           body.with_(align="right")),
                                 PageBreak(), booklet.FrontEntry("contents", state),
                                 booklet.page_heading(self.pr("สารบัญ"), heading),
                                 TextBlock([[LogicalLine([Span(self.pr("หน้า"), bold=True)])]],
                                           body.with_(align="right")),
                                 booklet.Contents(self.toc, state, body, page_label)]
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
        if self.opts.with_photos and self.opts.document == "implementation" and not self.photos_inline():
            from ita_desktop.report.photos import photo_pages

            photos = photo_pages(self, portrait_frame[0])  # ภาพกิจกรรม after the report, portrait
            if photos:
                story += [NextPageTemplate("body-portrait"), PageBreak(), *photos]
        if self.opts.appendix:
            style = self.style(self.opts.heading_size)
            heading = booklet.page_heading(self.pr("ภาคผนวก"), style)
            try:
                story += booklet.appendix_pages(self.opts.appendix, portrait_frame,
                                                Stack([self.mark("appendix", "ภาคผนวก", state), heading]))
            except OSError as exc:
                raise ReportError(f"อ่านภาพในภาคผนวกไม่ได้: {exc}") from exc
        return story

    def photos_inline(self) -> bool:
        """Are the measures' photos printed with each measure (not on pages after the body)?"""
        return False

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
            has_score = self.total_score() is not None
            template = self.default_intro if has_score else self.default_intro_no_score
        text = " ".join(self.filled(template))
        if not text.strip():
            return []
        style = self.style(self.opts.body_size)
        return [TextBlock(paras_of_plain(text), style, first_indent=2.5 * cm,
                          space_after=0.5 * style.leading)]

    def signature_block(self, width: float, state: BookState | None = None) -> Flowable | None:
        """The signatures; with `state`, an entry of the contents."""
        if not self.opts.signatures:
            return None
        round_ = self.opts.round if self.signature_round else ""
        people = self.data.signatories_for(self.plan.id, self.opts.document, round_)
        shown = [s for s in people if s.name.strip() or s.position.strip()] or people
        style = self.style(self.opts.body_size, align="center")

        def paras(sig: m.Signatory) -> list[Para]:
            return [[LogicalLine([Span(self.pr(line))]) for line in self.signature_lines(sig)]]

        approver = next((s for s in shown if s.role == "approver"), None)
        others = [s for s in shown if s.role != "approver"]
        items: list[Flowable] = [self.mark("signatures", SIGNATURES_ENTRY, state)] if state is not None else []
        half = width / 2
        if others:
            texts = [paras(s) for s in others[:2]]
            items.append(Columns([[layout(t, style, half)] for t in texts], [half] * len(texts),
                                 space_before=style.leading, texts=texts))
        if approver is not None:
            text = [*paras(approver), [LogicalLine([Span(self._date_line())])]]
            items.append(Columns([[layout(text[:1], style, half), layout(text[1:], style, half)]], [half],
                                 space_before=1.5 * style.leading, texts=[text]))
        return Stack(items, space_before=style.leading)

    @staticmethod
    def signature_lines(sig: m.Signatory) -> list[str]:
        """One signatory's lines; a name or a position not in the file is a dotted line to
        write it on by hand."""
        dots = "." * 40
        lines = [f"(ลงชื่อ){dots}{m.ROLE_NAMES.get(sig.role, '')}",
                 f"({sig.name.strip()})" if sig.name.strip() else f"({dots})"]
        position = [p.strip() for p in sig.position.split("\n") if p.strip()]
        return lines + (position or [f"ตำแหน่ง {dots}"])

    def _date_line(self) -> str:
        day = self._sign_day() or self._approved_on()
        if day is not None:
            return self.pr("วันที่ " + format_thai_date(day, False))
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
        word and wide enough for its heading in three lines, the rest by amount of text;
        smaller type down to the floor, then landscape; then taller headings; then (with a
        warning) words split."""
        orientations = [first_choice]
        if orientations[0] == "portrait":
            orientations.append("landscape")
        sizes = []
        size = self.opts.table_size
        while size >= min(PSK_FLOOR, self.opts.table_size) - 1e-6:
            sizes.append(round(size, 2))
            size -= SIZE_STEP
        last = orientations[-1]
        tries: list[tuple[str, float, int | None]] = [(o, psk, HEADER_LINES) for o in orientations for psk in sizes]
        # a heading repeated on every page may grow rather than a word be cut
        tries += [(last, psk, lines) for lines in (HEADER_LINES + 1, HEADER_LINES + 2, None) for psk in sizes]
        measured: dict[float, _Columns] = {}
        for orientation, psk, lines in tries:
            cols = measured.setdefault(psk, self._measure_columns(header, rows, psk))
            widths, fits = self._widths(cols, keys, avail_for[orientation], lines)
            if fits:
                return self._plan(orientation, psk, widths, first_choice)
        psk = sizes[-1]
        widths, _fits = self._widths(measured[psk], keys, avail_for[last], None)
        plan = self._plan(last, psk, widths, first_choice)
        # which words get cut, and where, is said once the table is laid out (cut_word_warnings)
        for i, (width, least) in self._narrow_fixed.items():
            plan.warnings.append(
                f"คอลัมน์ «{_short(self.pr(self.opts.heading(keys[i])), 40)}» กำหนดกว้าง {self.pr(_num(width / mm))} มม. "
                f"แคบกว่าคำที่ยาวที่สุดในคอลัมน์ ({self.pr(_num(least / mm))} มม.)")
        return plan

    def _plan(self, orientation: str, psk: float, widths: list[float], first_choice: str) -> Plan:
        """The plan, with what it changed from the clerk's choice said."""
        plan = Plan(orientation, psk, widths)
        if psk < self.opts.table_size:
            plan.warnings.append(f"ลดขนาดตัวอักษรในตารางเหลือ {self.pr(_num(psk))} พอยต์ เพื่อให้ทุกคำพอดีคอลัมน์")
        if orientation != first_choice:
            plan.warnings.append("เปลี่ยนเป็นกระดาษแนวนอน เพราะคอลัมน์ไม่พอในแนวตั้ง")
        return plan

    def _measure_columns(self, header: Sequence[Sequence[Para]], rows: Sequence[Sequence[Sequence[Para]]],
                         psk: float) -> _Columns:
        style, head_style = self.style(psk), self.style(psk, bold=True)
        cols = _Columns(style, head_style, list(header), [[r[c] for r in rows] for c in range(len(header))])
        for c, cells in enumerate(cols.cells):
            cols.least.append(max([widest_word(header[c], head_style)]
                                  + [widest_word(p, style) for p in cells]) + 2 * PAD)
            lines = [[single_line_width([[line]], style) for para in p for line in para] for p in cells]
            heading = single_line_width(header[c], head_style)
            cols.lines.append(lines)
            cols.longest.append(max([heading, *(w for cell in lines for w in cell)]) + 2 * PAD)
            cols.text.append(sum(w for cell in lines for w in cell) + heading + 1.0)
        return cols

    def _widths(self, cols: _Columns, keys: list[str], avail: float, header_lines: int | None
                ) -> tuple[list[float], bool]:
        """Widths for `avail` points and whether every word fits (and every heading in
        `header_lines` lines; None: any number)."""
        n = len(keys)
        mins = [max(cols.least[c], cols.heading_width(c, header_lines)) for c in range(n)]
        most = avail * min(1.0, MAX_SHARES / n)
        maxs = [max(min(cols.longest[c], most), mins[c]) for c in range(n)]
        fixed = {i: self.opts.widths_mm[k] * mm for i, k in enumerate(keys) if k in self.opts.widths_mm}
        self._narrow_fixed = {i: (w, cols.least[i]) for i, w in fixed.items() if w < cols.least[i] - 0.01}
        free = avail - sum(fixed.values())
        loose = [i for i in range(n) if i not in fixed]
        if sum(mins[i] for i in loose) > free + 0.01:
            if header_lines is not None:
                return [], False
            # words will be split. A column's minimum counts at most an equal share: one very
            # long word (a pasted URL, a text with no spaces) left the other columns 1 pt wide
            share = max(free, 1.0) / len(loose) if loose else free
            capped = {i: min(mins[i], share) for i in loose}
            if sum(capped.values()) <= free + 0.01:
                shares = _share(free, [capped[i] for i in loose], [max(maxs[i], capped[i]) for i in loose],
                                [cols.text[i] for i in loose])
                given = dict(zip(loose, shares))
                return [fixed.get(i, given.get(i, 0.0)) for i in range(n)], False
            scale = max(free, 1.0) / sum(capped.values())
            return [fixed.get(i, capped.get(i, 0.0) * scale) for i in range(n)], False
        for _round in range(3):
            shares = _balance(free, [mins[i] for i in loose], [maxs[i] for i in loose],
                              [cols.lines[i] for i in loose], [cols.text[i] for i in loose])
            given = dict(zip(loose, shares))
            widths = [fixed.get(i, given.get(i, 0.0)) for i in range(n)]
            if self._narrow_fixed and header_lines is not None:
                return widths, False  # a column the clerk fixed cuts words: no short heading helps
            # the widest word is an estimate (a hanging number narrows every line of its
            # item): the words must fit as the table will really set them
            need = {i: cols.width_for_words(i, widths[i], max(most, widths[i])) for i in loose}
            short = {i: w for i, w in need.items() if w > widths[i] + 0.01}
            if not short:
                return widths, not self._narrow_fixed
            for i, w in short.items():
                mins[i] = max(mins[i], w)
                maxs[i] = max(maxs[i], mins[i])
            if sum(mins[i] for i in loose) > free + 0.01:
                return widths, False
        return widths, False


@dataclass
class _Columns:
    """What a table's columns hold at one type size, measured once for all the widths tried:
    widest word, longest line and amount of text per column (points, padding included)."""

    style: TextStyle
    head_style: TextStyle
    header: list[Sequence[Para]]
    cells: list[list[Sequence[Para]]]
    least: list[float] = field(default_factory=list)
    longest: list[float] = field(default_factory=list)
    text: list[float] = field(default_factory=list)
    lines: list[list[list[float]]] = field(default_factory=list)  # [column][row]: its lines unbroken
    _headings: dict[tuple[int, int], float] = field(default_factory=dict)

    def heading_width(self, c: int, lines: int | None) -> float:
        """The narrowest width that sets column c's heading in at most `lines` lines."""
        if lines is None:
            return 0.0
        if (c, lines) not in self._headings:
            self._headings[(c, lines)] = _narrowest(
                lambda w: len(layout(self.header[c], self.head_style, w - 2 * PAD).lines) <= lines,
                self.least[c], self.longest[c])
        return self._headings[(c, lines)]

    def width_for_words(self, c: int, width: float, most: float) -> float:
        """`width` when no word of column c is cut there, else the narrowest width up to
        `most` where none is (infinite when even `most` cuts one)."""
        def whole(w: float) -> bool:
            return not any(layout(p, self.style, w - 2 * PAD).forced_splits for p in self.cells[c])
        if whole(width):
            return width
        if not whole(most):
            return math.inf
        return _narrowest(whole, width, most)


def _narrowest(ok: Callable[[float], bool], low: float, high: float) -> float:
    """The narrowest width in [low, high] (to a quarter point) where ok() holds, or high."""
    if ok(low) or high <= low:
        return low
    if not ok(high):
        return high
    while high - low > 0.25:
        mid = (low + high) / 2
        if ok(mid):
            high = mid
        else:
            low = mid
    return high


def _balance(avail: float, mins: list[float], maxs: list[float], lines: list[list[list[float]]],
             weights: list[float]) -> list[float]:
    """Widths that make the table short: from the minimums, each step of width goes to the
    column where it shortens the rows most (a row is as tall as its tallest cell, so width
    goes where the text is, row by row); once no step helps, the rest by amount of text.
    `lines[c][r]` are the unbroken widths of the logical lines of column c in row r."""
    widths = list(mins)
    rows = max((len(col) for col in lines), default=0)

    def cell(c: int, r: int, width: float) -> float:  # lines of a cell, as a fraction
        room = max(width - 2 * PAD, 1.0) * 0.95  # a line ends short of the edge by part of a word
        return sum(max(1.0, w / room) for w in lines[c][r]) if r < len(lines[c]) else 0.0

    heights = [[cell(c, r, widths[c]) for c in range(len(widths))] for r in range(rows)]
    step = BALANCE_STEP
    while avail - sum(widths) >= step:
        # each row's tallest cell (which column), and the tallest of the other cells
        tops = []
        for h in heights:
            first = max(range(len(h)), key=h.__getitem__)
            tops.append((h[first], first, max((x for k, x in enumerate(h) if k != first), default=0.0)))
        best, gain = -1, 0.01
        for c in range(len(widths)):
            if widths[c] + step > maxs[c]:
                continue
            shorter = 0.0
            for r, (tallest, first, second) in enumerate(tops):
                shorter += tallest - max(cell(c, r, widths[c] + step), second if c == first else tallest)
            if shorter > gain:
                best, gain = c, shorter
        if best < 0:
            break
        widths[best] += step
        for r in range(rows):
            heights[r][best] = cell(best, r, widths[best])
    return _share(avail, widths, [max(x, w) for x, w in zip(maxs, widths)], weights)


def _share(avail: float, mins: list[float], maxs: list[float], weights: list[float]) -> list[float]:
    """Width by the text each column holds: each column its weight's share of `avail`, never
    less than its minimum nor more than its maximum (what those take or leave goes to the
    others by weight); what is left when every column has its maximum goes by width."""
    n = len(mins)
    settled: dict[int, float] = {}
    while True:
        free = [i for i in range(n) if i not in settled]
        room = avail - sum(settled.values())
        total = sum(weights[i] for i in free)
        share = {i: room * weights[i] / total if total > 0 else room / len(free) for i in free}
        low = {i: mins[i] for i in free if share[i] < mins[i]}
        high = {i: maxs[i] for i in free if share[i] > maxs[i]}
        if not free or not (low or high):
            break
        settled.update(low or high)
    widths = [settled.get(i, share.get(i, 0.0)) for i in range(n)]
    extra = avail - sum(widths)
    if extra > 0.01 and not share:
        total = sum(widths)
        widths = [w + extra * w / total if total > 0 else w + extra / n for w in widths]
    return widths


_NUMBERED = re.compile(r"^\s*[0-9๐-๙]+[.)]\s*")  # "๑. " before a measure's title
_LEAD_BULLET = re.compile(r"^\s*[-•–]\s*")  # "-" or "•" typed before a title
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


def _score_text(value: Decimal | None) -> str:
    return f"{value:.2f}" if value is not None else ""


def _percent(value: Decimal) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def page_setup(opts: ReportOptions, family: Family, orientation: str, title: str, author: str) -> PageSetup:
    return PageSetup(orientation=orientation, top_cm=opts.margin_top_cm, bottom_cm=opts.margin_bottom_cm,
                     left_cm=opts.margin_left_cm, right_cm=opts.margin_right_cm,
                     page_numbers=opts.page_numbers,
                     number_style=TextStyle(family, family.points(opts.body_size)),
                     thai_digits=opts.digits == "thai", title=title, author=author)
