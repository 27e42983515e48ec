"""รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน: table and blocks layouts."""
from __future__ import annotations

from dataclasses import replace

from reportlab.lib.units import cm
from reportlab.platypus import Flowable

from ita_desktop.domain import models as m
from ita_desktop.report.builder import Plan, ReportBuilder
from ita_desktop.report.flowables import ReportTable, Stack, TextBlock, WithTail
from ita_desktop.report.fonts import Family
from ita_desktop.report.options import ReportOptions
from ita_desktop.report.pages import BookState
from ita_desktop.report.text import (
    LogicalLine,
    Para,
    Span,
    TextLayout,
    TextStyle,
    junction_gap,
    layout,
    paras_of_plain,
)


class Implementation(ReportBuilder):
    """Builds the story of one implementation report from an office file and options."""

    def __init__(self, data: m.OfficeFile, opts: ReportOptions, family: Family) -> None:
        super().__init__(data, opts, family)
        missing = [self._seq_text(i) for i, x in enumerate(self.measures, 1)
                   if self.data.result(x.id, self.opts.round) is None]
        if len(missing) == len(self.measures):
            self.warnings.append(f"ยังไม่ได้กรอกผลการดำเนินการ{m.ROUND_NAMES[self.opts.round]}ของมาตรการใดเลย")
        elif missing:
            self.warnings.append(f"ยังไม่ได้กรอกผลการดำเนินการ{m.ROUND_NAMES[self.opts.round]}ของมาตรการที่ {', '.join(missing)}")

    # --- table layout ---------------------------------------------------------------
    def table_cells(self) -> tuple[list[list[Para]], list[list[list[Para]]]]:
        keys = self.opts.columns
        header = [paras_of_plain(self.pr(self.opts.heading(k))) for k in keys]
        rows = [[self.cell_paras(k, seq, x) for k in keys] for seq, x in enumerate(self.measures, 1)]
        return header, rows

    def plan_table(self, avail_for: dict[str, float]) -> Plan:
        header, rows = self.table_cells()
        return self.plan_columns(header, rows, list(self.opts.columns), avail_for,
                                 self.opts.page_orientation())

    def table_story(self, frame_width: float, plan: Plan, state: BookState,
                    portrait_frame: tuple[float, float]) -> list[Flowable]:
        header, rows = self.table_cells()
        style = self.style(plan.table_psk)
        head_style = self.style(plan.table_psk, bold=True, align="center")
        report = self.mark("report", m.DOCUMENT_NAMES["implementation"], state)  # first in the contents
        keys = list(self.opts.columns)
        # a row split at a page foot starts with its measure's name; the next page says "(ต่อ)"
        table = ReportTable(plan.widths, header, rows, style, head_style,
                            tail=self.signature_block(frame_width, state), empty_mark=self.opts.empty_mark,
                            title_column=keys.index("title") if "title" in keys else None,
                            titles_continued=[self.continued_title(seq, x) for seq, x in enumerate(self.measures, 1)])
        self.warnings += self.cut_word_warnings([(row, keys[col], word) for row, col, word in table.forced_cells()])
        body = [report, *self.title_blocks(), *self.intro_block(), table]
        return self.assemble(state, body, plan.orientation, portrait_frame)

    # --- blocks layout --------------------------------------------------------------
    def block_keys(self) -> list[str]:
        """The fields under each measure: the chosen columns (no ลำดับ), and its indicator
        when the plan links measures to indicators."""
        keys = [k for k in self.opts.columns if k != "seq"] or ["title"]
        linked = any(self.indicator_of(x) is not None for x in self.measures)
        if linked and "indicator" not in keys:
            keys.insert(keys.index("title") + 1 if "title" in keys else 0, "indicator")
        return keys

    def blocks_story(self, frame_width: float, state: BookState,
                     portrait_frame: tuple[float, float]) -> list[Flowable]:
        style = self.style(self.opts.body_size)
        field_style = style.with_(paragraph_gap=0.0)
        story: list[Flowable] = [self.mark("report", m.DOCUMENT_NAMES["implementation"], state),
                                 *self.title_blocks(), *self.intro_block()]
        keys = self.block_keys()
        # the long "มาตรการ โครงการ หรือกิจกรรม…" once, as the heading of the list of measures;
        # each measure then opens with its (numbered) title in bold
        lead = "title" if "title" in keys else ""
        if lead:
            heading = [[LogicalLine([Span(self.pr(self.opts.heading(lead)), bold=True)])]]
            story.append(TextBlock(heading, style.with_(align="center"), space_before=0.3 * style.leading,
                                   space_after=0.2 * style.leading))
        blocks: list[TextBlock] = []
        owners: list[tuple[int, str]] = []  # (measure index, field) of each block
        for seq, measure in enumerate(self.measures, 1):
            for n, key in enumerate(keys):
                owners.append((seq - 1, key))
                body = self.cell_paras(key, seq, measure, self.opts.empty_mark)
                gap = (0.8 if n == 0 and seq > 1 else 0.2) * style.leading
                if key == lead:
                    paras = [[LogicalLine([replace(sp, bold=True) for sp in line.spans], line.label, True)
                              for line in para] for para in body]
                    title = TextBlock(paras, field_style, space_before=gap)
                    title.keepWithNext = True  # a measure's title never ends a page alone
                    blocks.append(title)
                    continue
                heading = [[LogicalLine([Span(self.pr(self.opts.heading(key)), bold=True)])]]
                blocks.append(TextBlock([*heading, *body], field_style, space_before=gap,
                                        prepared=_under_heading(heading, body, field_style, frame_width),
                                        body_indent=BODY_INDENT))
        # a field's first line right under the last line of the one before must not read
        # as its continuation (same left edge, Thai letters meeting inside a word)
        previous = next((f for f in reversed(story) if isinstance(f, TextBlock)), None)
        for block in blocks:
            if previous is not None:
                upper, lower = previous.layout_for(frame_width), block.layout_for(frame_width)
                if upper.lines and lower.lines:
                    extra = junction_gap(upper, len(upper.lines) - 1, lower, 0)
                    if extra > block.spaceBefore + previous.spaceAfter:
                        block.spaceBefore = extra
            previous = block
        cuts = [(row, key, word) for block, (row, key) in zip(blocks, owners)
                for word in block.layout_for(frame_width).forced_splits]
        self.warnings += self.cut_word_warnings(cuts, blocks=True)
        measures_story: list[Flowable] = []
        for n, (block, (row, _key)) in enumerate(zip(blocks, owners)):
            measures_story.append(block)
            if n + 1 == len(owners) or owners[n + 1][0] != row:  # the measure's last field
                measures_story += self._photos_after(row, style, portrait_frame)
        tail = self.signature_block(frame_width, state)
        if tail is not None:
            last = measures_story.pop()
            if isinstance(last, TextBlock):
                measures_story.append(WithTail(last, tail))
            else:  # the last photos' row: the signatures never start a page alone
                gap, last.spaceBefore = last.getSpaceBefore(), 0.0
                measures_story.append(Stack([last, tail], space_before=gap))
        story.extend(measures_story)
        return self.assemble(state, story, self.opts.page_orientation(), portrait_frame)

    def photos_inline(self) -> bool:
        """The blocks layout prints each measure's photos under its text, not on pages at the end."""
        return self.opts.with_photos and self.opts.layout == "blocks"

    def _photos_after(self, index: int, style: TextStyle, portrait_frame: tuple[float, float]) -> list[Flowable]:
        """The measure's photos (with_photos, blocks layout) as rows of the 2 × 3 pages' cells,
        headed "ภาพกิจกรรม" like a field; the heading goes with the first row, never alone at a
        page foot."""
        if not self.photos_inline():
            return []
        from ita_desktop.report.photos import block_grid, measure_photo_rows

        rows: list[Flowable] = list(measure_photo_rows(self, index + 1, self.measures[index],
                                                       block_grid(self, portrait_frame)))
        if not rows:
            return []
        heading = TextBlock([[LogicalLine([Span(self.pr("ภาพกิจกรรม"), bold=True)])]], style.with_(paragraph_gap=0.0))
        rows[0].spaceBefore = 0.2 * style.leading
        rows[0] = Stack([heading, rows[0]], space_before=0.2 * style.leading)
        return rows


BODY_INDENT = 0.75 * cm  # a field's text under its heading, in the blocks layout


def _under_heading(heading: list[Para], body: list[Para], style: TextStyle, width: float) -> TextLayout:
    """A heading at the margin and its field's text indented under it: the next heading,
    further left than the text above it, never reads as that text running on (a blank line
    was put there instead, a gap with no heading)."""
    head = layout(heading, style, width)
    text = layout(body, style, width - BODY_INDENT)
    lines = [*head.lines, *(replace(line, indent=line.indent + BODY_INDENT) for line in text.lines)]
    return TextLayout(lines, width, "left", [*head.forced_splits, *text.forced_splits])
