"""รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน: table and blocks layouts."""
from __future__ import annotations

from reportlab.platypus import Flowable

from ita_desktop.domain import models as m
from ita_desktop.report.builder import Plan, ReportBuilder
from ita_desktop.report.flowables import ReportTable, TextBlock, WithTail
from ita_desktop.report.fonts import Family
from ita_desktop.report.options import ReportOptions
from ita_desktop.report.pages import BookState
from ita_desktop.report.text import LogicalLine, Para, Span, junction_gap, paras_of_plain


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
        table = ReportTable(plan.widths, header, rows, style, head_style,
                            tail=self.signature_block(frame_width))
        keys = list(self.opts.columns)
        self.warnings += self.cut_word_warnings([(row, keys[col], word) for row, col, word in table.forced_cells()])
        body = [self.mark("report", m.DOCUMENT_NAMES["implementation"], state),
                *self.title_blocks(), *self.intro_block(), table]
        return self.assemble(state, body, plan.orientation, portrait_frame)

    # --- blocks layout --------------------------------------------------------------
    def blocks_story(self, frame_width: float, state: BookState,
                     portrait_frame: tuple[float, float]) -> list[Flowable]:
        style = self.style(self.opts.body_size)
        story: list[Flowable] = [self.mark("report", m.DOCUMENT_NAMES["implementation"], state),
                                 *self.title_blocks(), *self.intro_block()]
        keys = [k for k in self.opts.columns if k != "seq"] or ["title"]
        blocks: list[TextBlock] = []
        owners: list[tuple[int, str]] = []  # (measure index, field) of each block
        for seq, measure in enumerate(self.measures, 1):
            for n, key in enumerate(keys):
                owners.append((seq - 1, key))
                heading = [[LogicalLine([Span(self.pr(self.opts.heading(key)), bold=True)])]]
                body = self.cell_paras(key, seq, measure) or [[LogicalLine([Span("-")])]]
                gap = (0.8 if n == 0 and seq > 1 else 0.2) * style.leading
                block = TextBlock(heading + body, style.with_(paragraph_gap=0.0), space_before=gap)
                blocks.append(block)
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
        story.extend(blocks[:-1])
        cuts = [(row, key, word) for block, (row, key) in zip(blocks, owners)
                for word in block.layout_for(frame_width).forced_splits]
        self.warnings += self.cut_word_warnings(cuts, blocks=True)
        tail = self.signature_block(frame_width)
        story.append(WithTail(blocks[-1], tail) if tail is not None else blocks[-1])
        return self.assemble(state, story, self.opts.page_orientation(), portrait_frame)

