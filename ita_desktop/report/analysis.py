"""การวิเคราะห์ผลการประเมิน ITA และมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน (seed 004).

Cover; introduction with the scores; ภาพที่ ๑ (total and tools) and ภาพที่ ๒ (the ten
indicators) as charts or the clerk's images; the indicator scores by tool; per group (an issue
or an indicator) its questions and scores and the texts ข้อที่ต้องพัฒนา / รักษาระดับ; the measures
of the plan with their group spanning its rows ("(ต่อ)" after a page break); signatures.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Image, NextPageTemplate, PageBreak, Spacer

from ita_desktop.domain import models as m
from ita_desktop.domain.framework import Framework, FrameworkError, framework_from_dict
from ita_desktop.domain.grouping import UNLINKED
from ita_desktop.domain.scoring import compute
from ita_desktop.report.builder import Plan, ReportBuilder
from ita_desktop.report.charts import Bar, BarChart
from ita_desktop.report.flowables import ReportTable, TextBlock
from ita_desktop.report.fonts import Family
from ita_desktop.report.options import (
    ANALYSIS_COVER,
    ANALYSIS_INTRO,
    ANALYSIS_INTRO_NO_SCORE,
    ANALYSIS_PREFACE,
    ANALYSIS_SECTIONS,
    ANALYSIS_TITLE,
    ReportError,
    ReportOptions,
)
from ita_desktop.report.pages import BookState
from ita_desktop.report.text import (
    LogicalLine,
    Para,
    Span,
    TextStyle,
    paras_of_markup,
    paras_of_plain,
    widest_word,
)
from ita_desktop.thai.digits import format_score, to_arabic_digits, to_thai_digits

TOOLS = ("IIT", "EIT", "OIT")
GROUP_TEXTS = (  # field, heading
    ("to_fix", "ข้อบกพร่อง/จุดอ่อนที่ต้องแก้ไขเร่งด่วน"),
    ("to_improve", "ข้อที่ต้องพัฒนา"),
    ("to_keep", "รักษาระดับ"),
    ("approach", "แนวทางการนำผลการวิเคราะห์ไปสู่การปฏิบัติ"),
)
NO_MEASURES_YET = ("ยังไม่ได้กำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. {} "
                   "โดยจะนำผลการวิเคราะห์ข้างต้นเสนอที่ประชุมเพื่อพิจารณากำหนดมาตรการต่อไป")


class Analysis(ReportBuilder):
    """Builds the story of the analysis + measures document."""

    default_title = ANALYSIS_TITLE
    default_cover = ANALYSIS_COVER
    default_preface = ANALYSIS_PREFACE
    has_cover = True
    default_intro = ANALYSIS_INTRO
    default_intro_no_score = ANALYSIS_INTRO_NO_SCORE
    signature_round = False
    needs_measures = False  # printed for the meeting that chooses the measures

    def __init__(self, data: m.OfficeFile, opts: ReportOptions, family: Family) -> None:
        super().__init__(data, opts, family)
        if self.assessment is None:
            self.warnings.append("มาตรการปีนี้ยังไม่ได้อ้างอิงผลการประเมิน ITA: ไม่มีคะแนนให้วิเคราะห์")
        if self.framework is None:
            raise ReportError("ไม่มีรายการตัวชี้วัดและข้อคำถามของปีประเมินนี้")
        self.fw: Framework = self.framework
        self.groups = self.data.groups_of(self.plan.id)
        self.group_rank = {g.id: n for n, g in enumerate(self.groups)}
        # the measures table reads issue by issue (๑ → ๗), the unlinked last; sorted() keeps
        # the clerk's order within an issue
        self.measures = sorted(self.measures, key=self.group_order)

    # --- numbers --------------------------------------------------------------------
    def score(self, value: Decimal | None) -> str:
        return format_score(value, self.thai) if value is not None else "-"

    def number(self, n: int) -> str:
        return to_thai_digits(str(n)) if self.thai else str(n)

    def code(self, code: str) -> str:
        """A question code as the catalog writes it ("o7"), its digits as chosen ("o๗"): a code
        is otherwise kept as typed, like a URL."""
        return re.sub(r"[0-9]+", lambda d: self.number(int(d.group(0))), code)

    def question_scores(self) -> dict[str, Decimal | None]:
        if self.assessment is None:
            return {}
        return {code.lower(): s.score for code, s in self.data.question_scores_of(self.assessment.id).items()}

    # --- parts ----------------------------------------------------------------------
    def heading(self, text: str, space_before: float = 0.6) -> TextBlock:
        style = self.style(self.opts.body_size, bold=True)
        block = TextBlock([[LogicalLine([Span(self.pr(text), bold=True)])]], style,
                          space_before=space_before * style.leading, space_after=0.2 * style.leading)
        block.keepWithNext = True  # a heading never ends a page
        return block

    def paragraph(self, text: str, indent: bool = True) -> TextBlock:
        from reportlab.lib.units import cm

        style = self.style(self.opts.body_size)
        return TextBlock(paras_of_markup(self.pr(text)), style, first_indent=2.5 * cm if indent else 0.0,
                         space_after=0.3 * style.leading)

    def chart_style(self) -> TextStyle:
        return self.style(max(self.opts.table_size - 2, 12))

    def figure(self, n: int, bars: list[Bar], caption: str, image: str, frame_width: float,
               legend: dict[str, str] | None = None) -> list[Flowable]:
        small = self.chart_style()
        if image:
            try:
                reader = ImageReader(image)
                w, h = reader.getSize()
                scale = min(frame_width / w, 0.45 * frame_width / h, 1.0 * frame_width / w)
                chart: Flowable = Image(image, w * scale, h * scale)
            except Exception as exc:
                raise ReportError(f"อ่านไฟล์ภาพ {image} ไม่ได้") from exc
        else:
            chart = BarChart(bars, small, 0.5 * frame_width, lambda v: self.score(v), legend=legend)
        cap_style = self.style(self.opts.body_size, align="center")
        caption_block = TextBlock([[LogicalLine([Span(self.pr(f"ภาพที่ {n} {caption}"))])]], cap_style,
                                  space_before=0.2 * cap_style.leading, space_after=0.6 * cap_style.leading)
        return [Spacer(1, 6), chart, caption_block]

    def charts(self, frame_width: float) -> list[Flowable]:
        total = [Bar("คะแนนรวม", self.total_score(), "total")]
        tools = [Bar(t, self.tool_score(t), t) for t in TOOLS]
        scores = self.indicator_scores()
        small = self.chart_style()
        slot = (frame_width - 60) / max(len(self.fw.indicators), 1) - 4
        names = [f"{self.number(i.no)} {self.pr(i.name)}" for i in self.fw.indicators]
        # a name whose words do not fit under its bar would be cut: then the number alone
        if any(widest_word(paras_of_plain(n), small) > slot for n in names):
            names = [self.number(i.no) for i in self.fw.indicators]
        indicators = [Bar(n, scores.get(i.no), i.tool) for n, i in zip(names, self.fw.indicators)]
        legend = {t: t for t in TOOLS}
        return [*self.figure(1, total + tools, "ผลการประเมินในภาพรวมและรายเครื่องมือ", self.opts.figure1,
                             frame_width),
                *self.figure(2, indicators, "ผลการประเมินรายตัวชี้วัด", self.opts.figure2, frame_width, legend)]

    def indicator_table(self, frame_width: float) -> Flowable:
        scores = self.indicator_scores()
        header = [paras_of_plain(self.pr(h)) for h in ("แบบสำรวจ", "ตัวชี้วัดที่", "รายละเอียดตัวชี้วัด", "คะแนน")]
        rows, groups = [], []
        for tool in TOOLS:
            for n, ind in enumerate(self.fw.indicators_of(tool)):
                rows.append([paras_of_plain(tool if n == 0 else ""), paras_of_plain(self.number(ind.no)),
                             paras_of_plain(self.pr(ind.name)), paras_of_plain(self.score(scores.get(ind.no)))])
                groups.append(tool)
        return self.table(header, rows, groups, {}, frame_width, [0.14, 0.12, 0.56, 0.18])

    def previous(self) -> tuple[m.Assessment, Framework] | None:
        """The latest ITA result in the file before the one analysed, with its catalog."""
        a = self.assessment
        older = [x for x in self.data.live_assessments() if a is not None and x.ita_year < a.ita_year]
        prev = max(older, key=lambda x: x.ita_year) if older else None
        snap = self.data.framework_of(prev) if prev is not None else None
        if prev is None or snap is None:
            return None
        try:
            return prev, framework_from_dict(snap.data)
        except FrameworkError:
            return None

    def trend_table(self, frame_width: float) -> list[Flowable]:
        """This year against the year before (total, tools, indicators), as the assessment page
        shows it; nothing when the file holds one result only."""
        found = self.previous()
        if found is None or self.assessment is None:
            return []
        prev, fw = found
        typed = {no: s.score for no, s in self.data.indicator_scores_of(prev.id).items() if s.score is not None}
        computed = compute(fw, typed)
        before: list[tuple[str, Decimal | None]] = [
            ("คะแนนรวม", prev.total if prev.total is not None else computed.shown_total),
            *((t, getattr(prev, t.lower()) if getattr(prev, t.lower()) is not None else computed.shown_tool(t))
              for t in TOOLS),
            *((f"{self.number(i.no)} {i.name}", typed.get(i.no)) for i in self.fw.indicators)]
        now = [self.total_score(), *(self.tool_score(t) for t in TOOLS),
               *(self.indicator_scores().get(i.no) for i in self.fw.indicators)]
        header = [paras_of_plain(self.pr(h)) for h in (
            "ผลการประเมิน", f"ปี {prev.ita_year}", f"ปี {self.assessment.ita_year}", "เพิ่ม/ลด")]
        rows = []
        for (label, was), is_ in zip(before, now):
            change = "-" if was is None or is_ is None else (
                ("+" if is_ > was else "") + self.score(is_ - was))
            rows.append([paras_of_plain(self.pr(label)), paras_of_plain(self.score(was)),
                         paras_of_plain(self.score(is_)), paras_of_plain(self.pr(change))])
        return [self.heading(f"ผลการประเมินเทียบกับปี พ.ศ. {prev.ita_year}", space_before=0.3),
                self.table(header, rows, [None] * len(rows), {}, frame_width, [0.46, 0.18, 0.18, 0.18])]

    def analysis_groups(self) -> list[tuple[str, list[str], m.AnalysisGroup | None]]:
        """(title, question codes, the group's texts) per issue, or per indicator when the plan
        has no issues of its own."""
        out: list[tuple[str, list[str], m.AnalysisGroup | None]] = []
        for n, g in enumerate(self.groups, 1):
            codes = list(g.questions)
            if not codes and g.indicator is not None:
                codes = [q.code for q in self.fw.questions_of(g.indicator)]
            out.append((f"ประเด็นที่ {n} {g.title}", codes, g))
        if not out:
            out = [(f"ตัวชี้วัดที่ {ind.no} {ind.name}", [q.code for q in self.fw.questions_of(ind.no)], None)
                   for ind in self.fw.indicators]
        return out

    def group_section(self, title: str, codes: list[str], group: m.AnalysisGroup | None,
                      frame_width: float) -> list[Flowable]:
        scores = self.question_scores()
        header = [paras_of_plain(self.pr(h)) for h in ("เครื่องมือการประเมิน", "ข้อคำถาม", "คะแนน")]
        rows, groups = [], []
        by_tool: dict[str, list[str]] = {t: [] for t in TOOLS}
        for code in codes:
            q = self.fw.question(code)
            ind = self.fw.indicator(q.indicator) if q else None
            tool = ind.tool if ind is not None else code[:1].upper() + "IT"
            by_tool.setdefault(tool, []).append(code)
        for tool, tool_codes in by_tool.items():
            for n, code in enumerate(tool_codes):
                q = self.fw.question(code)
                text = f"ข้อ {self.code(q.code if q else code)} {q.text if q else ''}".strip()
                rows.append([paras_of_plain(tool if n == 0 else ""), paras_of_plain(self.pr(text)),
                             paras_of_plain(self.score(scores.get(code.lower())))])
                groups.append(tool)
        story: list[Flowable] = [self.heading(title)]
        if rows:
            story.append(self.table(header, rows, groups, {}, frame_width, [0.2, 0.64, 0.16]))
        for field, heading in GROUP_TEXTS:
            text = getattr(group, field) if group is not None else ""
            if text.strip():
                story.append(self.heading(heading, space_before=0.3))
                story.append(self.paragraph(text, indent=False))
        return story

    def table(self, header: list[list[Para]], rows: list[list[list[Para]]], groups: Sequence[object],
              continued: dict[object, list[Para]], frame_width: float, shares: list[float],
              tail: Flowable | None = None) -> ReportTable:
        style = self.style(self.opts.table_size)
        head_style = self.style(self.opts.table_size, bold=True, align="center")
        return ReportTable([frame_width * s for s in shares], header, rows, style, head_style, tail,
                           groups=groups, continued=continued)

    def measure_rows(self) -> tuple[list[str], list[list[Para]], list[list[list[Para]]], list[object],
                                    dict[object, list[Para]], list[list[Para]]]:
        """The measures table: its columns, heading, rows (in the order of the issues), each
        row's group, the groups' and the titles' "(ต่อ)" texts."""
        keys = list(self.opts.analysis_columns)
        spans = keys[0] == "group"
        header = [paras_of_plain(self.pr(self.column_heading(k))) for k in keys]
        rows: list[list[list[Para]]] = []
        groups: list[object] = []
        titles_continued: list[list[Para]] = []
        continued: dict[object, list[Para]] = {}
        previous: object = None
        within: dict[str, int] = {}
        for seq, x in enumerate(self.measures, 1):
            key = self.group_key(x)
            within[key] = within.get(key, 0) + 1
            number = within[key] if self.opts.measure_numbers == "issue" else seq
            text = self.group_text(key)
            row = []
            for k in keys:
                if k == "group":
                    first = not spans or key != previous
                    row.append(paras_of_plain(self.pr(text)) if first else [])
                else:
                    row.append(self.cell_paras(k, number, x))
            continued[key] = paras_of_plain(self.pr(f"{text} (ต่อ)"))
            titles_continued.append(self.continued_title(number, x))
            rows.append(row)
            groups.append(key if spans else None)
            previous = key
        return keys, header, rows, groups, continued, titles_continued

    def column_heading(self, key: str) -> str:
        """A column's heading; the group column of a plan without issues lists indicators."""
        if key == "group" and not self.groups and key not in self.opts.headings:
            return "ตัวชี้วัดที่"
        return self.opts.heading(key)

    def group_key(self, x: m.Measure) -> str:
        """The group a measure is printed under: its issue (ประเด็น); in a plan without issues,
        its indicator; "" for the last group, of the measures linked to none."""
        if self.groups:
            return x.group_id if x.group_id in self.group_rank else ""
        no = self.indicator_of(x)
        return f"indicator-{no}" if no is not None and self.fw.indicator(no) is not None else ""

    def group_order(self, x: m.Measure) -> int:
        key = self.group_key(x)
        if not key:
            return len(self.group_rank) + 100  # after every issue and every indicator
        if self.groups:
            return self.group_rank[key]
        return int(key.removeprefix("indicator-"))

    def group_text(self, key: str) -> str:
        if key in self.group_rank:
            n = self.group_rank[key]
            return f"{n + 1}. {self.groups[n].title}"
        if key.startswith("indicator-"):
            no = int(key.removeprefix("indicator-"))
            ind = self.fw.indicator(no)
            return f"{no}. {ind.name}" if ind is not None else str(no)
        return UNLINKED

    def plan_measures(self, avail_for: dict[str, float]) -> Plan:
        if not self.measures:
            main = self.opts.page_orientation()
            return Plan(main, self.opts.table_size, frame_width=avail_for[main])
        keys, header, rows, *_rest = self.measure_rows()
        first = self.opts.table_orientation or self.opts.page_orientation()
        plan = self.plan_columns(header, rows, keys, avail_for, first)
        plan.frame_width = avail_for[plan.orientation]
        return plan

    def measures_table(self, plan: Plan, tail: Flowable | None) -> ReportTable:
        keys, header, rows, groups, continued, titles_continued = self.measure_rows()
        style = self.style(plan.table_psk)
        head_style = self.style(plan.table_psk, bold=True, align="center")
        return ReportTable(plan.widths, header, rows, style, head_style, tail, groups=groups,
                           continued=continued, title_column=keys.index("title") if "title" in keys else None,
                           titles_continued=titles_continued)

    def template_values(self) -> dict[str, str]:
        return {**super().template_values(), "จำนวนประเด็น": self.number(len(self.analysis_groups()))}

    def section_texts(self) -> list[tuple[str, str]]:
        """(heading, lead paragraph) of the four sections: the clerk's `sections` template, a
        block per section (heading line, then its lead), blocks apart by an empty line; a block
        starting with its number ("๓.") is that section's, else the first one not yet given; a section
        the clerk left out keeps its standard text."""
        def blocks(template: str) -> dict[int, tuple[str, str]]:
            found: dict[int, tuple[str, str]] = {}
            last = 0  # the numbered section the blocks now belong to
            text = "\n".join(self.filled(template))
            for block in re.split(r"\n\s*\n", text):
                lines = [ln.strip() for ln in block.split("\n") if ln.strip()]
                if not lines:
                    continue
                number = re.match(r"([0-9๐-๙])\s*\.", lines[0])
                if not number and last:  # a further paragraph of the section's lead
                    heading, lead = found[last]
                    found[last] = (heading, "\n".join(p for p in (lead, " ".join(lines)) if p))
                    continue
                n = int(to_arabic_digits(number.group(1))) if number else min(set(range(1, 5)) - set(found) or {5})
                if 1 <= n <= 4:
                    found[n] = (lines[0], " ".join(lines[1:]))
                    last = n if number else 0
            return found

        chosen = blocks(self.opts.sections) if self.opts.sections.strip() else {}
        standard = blocks(ANALYSIS_SECTIONS)
        return [chosen.get(n) or standard[n] for n in range(1, 5)]

    # --- the document ---------------------------------------------------------------
    def story(self, frame_width: float, plan: Plan, state: BookState,
              portrait_frame: tuple[float, float]) -> list[Flowable]:
        fiscal = self.template_values()["ปีงบประมาณ"]
        sections = self.section_texts()

        def section(n: int) -> list[Flowable]:
            key, (text, lead) = f"s{n + 1}", sections[n]
            if n == 3 and not self.measures:
                lead = ""  # "how the analysis is put into practice" before "no measures yet" reads wrong
            return [self.mark(key, text, state), self.heading(text), *([self.paragraph(lead, indent=False)] if lead else [])]

        main = self.opts.page_orientation()
        body: list[Flowable] = [*self.title_blocks(), *section(0), *self.intro_block(), *self.charts(frame_width),
                                *section(1), self.indicator_table(frame_width), *self.trend_table(frame_width),
                                *section(2)]
        for title, codes, group in self.analysis_groups():
            body += self.group_section(title, codes, group, frame_width)
        if plan.orientation != main:
            # portrait text, landscape table: the measures start a page of their own
            body += [NextPageTemplate(f"body-{plan.orientation}"), PageBreak()]
        body += section(3)
        signatures = self.signature_block(plan.frame_width or frame_width, state)
        if not self.measures:
            body.append(self.paragraph(NO_MEASURES_YET.format(fiscal)))
            if signatures is not None:
                body.append(signatures)
            return self.assemble(state, body, main, portrait_frame)
        table = self.measures_table(plan, signatures)
        body.append(table)
        keys = list(self.opts.analysis_columns)
        self.warnings += self.cut_word_warnings([(row, keys[col], word) for row, col, word in table.forced_cells()])
        return self.assemble(state, body, main, portrait_frame)
