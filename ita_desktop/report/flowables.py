"""Platypus flowables that draw through the shaped-line primitive (report.text).

Each one lays its text out once per width and, when split across pages, hands over lines that
are already made: a continued paragraph or table row is never shaped or broken again.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from reportlab.platypus import Flowable

from ita_desktop.report.text import (
    LogicalLine,
    Para,
    Span,
    TextLayout,
    TextStyle,
    junction_gap,
    layout,
)

MIN_HEAD_LINES = 2  # a paragraph split across pages leaves at least this many lines behind
STUB_LINES = 4  # a table row split at a page foot leaves at least this many lines there


class TextBlock(Flowable):  # type: ignore[misc]
    """Paragraphs of Thai text (a title, an intro, a field of a measure)."""

    def __init__(self, paras: Sequence[Para], style: TextStyle, *, first_indent: float = 0.0,
                 space_before: float = 0.0, space_after: float = 0.0,
                 prepared: TextLayout | None = None, body_indent: float = 0.0) -> None:
        super().__init__()
        self.paras = list(paras)
        # the paragraphs after the first (a field's heading) are indented this much: the Word
        # writer's to know (the PDF's lines of such a block come `prepared`)
        self.body_indent = body_indent
        self.style = style
        self.first_indent = first_indent
        self.spaceBefore = space_before
        self.spaceAfter = space_after
        self._layout = prepared
        self._for_width = prepared.width if prepared else -1.0

    def layout_for(self, width: float) -> TextLayout:
        if self._layout is None or abs(self._for_width - width) > 0.01:
            self._layout = layout(self.paras, self.style, width, self.first_indent)
            self._for_width = width
        return self._layout

    def top_inset(self) -> float:
        """Room above the first line for marks stacked higher than the line box (ที่ ปั้น):
        a block at the top of the frame must not reach into the top margin."""
        face = self.style.family.face(self.style.bold)
        top = float(face.ttf.face.bbox[3]) / 1000.0 * self.style.size
        lay = self._layout
        ascent = lay.lines[0].ascent if lay is not None and lay.lines else face.ascent * self.style.size
        return max(0.0, top - ascent)

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        lay = self.layout_for(aw)
        self.height = lay.height + (self.top_inset() if lay.lines else 0.0)
        return aw, self.height

    def split(self, aw: float, ah: float) -> list[Flowable]:
        lay = self.layout_for(aw)
        head, rest = lay.split_kept(ah - self.top_inset(), MIN_HEAD_LINES)
        if not head.lines or not rest.lines:
            return []
        return [TextBlock([], self.style, prepared=head, space_before=self.spaceBefore),
                TextBlock([], self.style, prepared=rest, space_after=self.spaceAfter)]

    def draw(self) -> None:
        assert self._layout is not None
        self._layout.draw(self.canv, 0, self.height - self.top_inset())


@dataclass
class Cell:
    layout: TextLayout


@dataclass
class _Prepared:
    """A part of a table made by split(): its rows are already laid out."""

    header: list[Cell]
    rows: list[list[Cell]]
    groups: list[object]
    continued: dict[object, Cell]
    row_continued: list[Cell | None]
    heights: list[float]  # of the rows, as the part measures them (see _heights)


class ReportTable(Flowable):  # type: ignore[misc]
    """A table of Thai text: fixed column widths, header repeated on every page (its text
    centred in the header row), rows that continue on the next page, and an optional `tail`
    (signatures) kept with its last row. An empty cell prints `empty_mark` centred, so that it
    does not look like lost data ("" leaves it blank).

    With `groups` (a key per row), the first column spans the rows of a group: its text is in
    the group's first row, no rule is drawn between the group's rows in that column, and
    after a page break the group's `continued` text ("… (ต่อ)") heads the rest.

    With `title_column` and `titles_continued` (one per row), a row split across pages starts
    with its whole title (the measure's name) and the next page's part says "… (ต่อ)"."""

    PAD_X = 4.0
    PAD_Y = 3.0

    def __init__(self, widths: Sequence[float], header: Sequence[Sequence[Para]],
                 rows: Sequence[Sequence[Sequence[Para]]], style: TextStyle, header_style: TextStyle,
                 tail: Flowable | None = None, *, groups: Sequence[object] | None = None,
                 continued: Mapping[object, Sequence[Para]] | None = None,
                 prepared: _Prepared | None = None, empty_mark: str = "-",
                 title_column: int | None = None,
                 titles_continued: Sequence[Sequence[Para] | None] | None = None) -> None:
        super().__init__()
        self.widths = list(widths)
        self.style = style
        self.header_style = header_style
        self.tail = tail
        self.title_column = title_column
        if prepared is not None:
            self.header_cells, self.rows = prepared.header, prepared.rows
            self.groups, self.continued = prepared.groups, prepared.continued
            self.row_continued = prepared.row_continued
            self._row_heights: list[float] | None = prepared.heights
            self.source: tuple[list[Sequence[Para]], list[Sequence[Sequence[Para]]]] | None = None
            return
        self._row_heights = None
        # the texts as given (the Word writer reads them, and the rows' heights: report/word.py)
        self.source = (list(header), list(rows))
        self.empty_mark = empty_mark
        self.header_cells = [Cell(layout(p, header_style, w - 2 * self.PAD_X)) for p, w in zip(header, self.widths)]
        self.groups = list(groups) if groups is not None else [None] * len(rows)
        mark = [[LogicalLine([Span(empty_mark)])]] if empty_mark.strip() else []
        self.rows = []
        for i, row in enumerate(rows):
            cells = []
            for c, (p, w) in enumerate(zip(row, self.widths)):
                if _blank(p) and mark and not (c == 0 and self._same_group(i)):
                    cells.append(Cell(layout(mark, style.with_(align="center"), w - 2 * self.PAD_X)))
                else:
                    cells.append(Cell(layout(p, style, w - 2 * self.PAD_X)))
            self.rows.append(cells)
        self.continued = {key: Cell(layout(p, style, self.widths[0] - 2 * self.PAD_X))
                          for key, p in (continued or {}).items()}
        self.row_continued = [None] * len(self.rows)
        if title_column is not None and titles_continued is not None:
            width = self.widths[title_column] - 2 * self.PAD_X
            self.row_continued = [Cell(layout(p, style, width)) if p else None
                                  for p in list(titles_continued)[:len(self.rows)]]
            self.row_continued += [None] * (len(self.rows) - len(self.row_continued))

    def _part(self, rows: list[list[Cell]], groups: list[object], row_continued: list[Cell | None],
              heights: list[float]) -> _Prepared:
        return _Prepared(self.header_cells, rows, groups, self.continued, row_continued, heights)

    def _same_group(self, i: int) -> bool:
        """Does row i continue the group of row i - 1 (no rule between them in column 0)?"""
        return i > 0 and self.groups[i] is not None and self.groups[i] == self.groups[i - 1]

    # --- sizes ---
    def _heights(self) -> list[float]:
        """The rows' heights, measured once for the table and handed on to the parts it splits
        into: every page's wrap and split re-measuring every row left made a long table's cost
        grow with the square of its length."""
        if self._row_heights is None:
            self._row_heights = [self._row_height(r) for r in self.rows]
        return self._row_heights

    def _row_height(self, cells: Sequence[Cell]) -> float:
        return max((c.layout.height for c in cells), default=0.0) + 2 * self.PAD_Y + self._extra(cells)

    def _extra(self, cells: Sequence[Cell]) -> float:
        """Space above a row of a one-column table whose first line would read as the
        continuation of the line drawn just before it (the row above, or the header)."""
        if len(self.widths) != 1 or cells is self.header_cells:
            return 0.0
        rows = [self.header_cells, *self.rows]
        index = next((i for i, r in enumerate(rows) if r is cells), 0)
        if index == 0:
            return 0.0
        upper, lower = rows[index - 1][0].layout, cells[0].layout
        if not upper.lines or not lower.lines:
            return 0.0
        return junction_gap(upper, len(upper.lines) - 1, lower, 0)

    def header_height(self) -> float:
        return self._row_height(self.header_cells)

    def _tail_height(self, aw: float, ah: float) -> float:
        if self.tail is None:
            return 0.0
        _w, h = self.tail.wrap(aw, ah)
        return float(h + self.tail.getSpaceBefore())

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = sum(self.widths)
        self.body_height = self.header_height() + sum(self._heights())
        self.height = self.body_height + self._tail_height(aw, ah)
        return self.width, self.height

    def forced_splits(self) -> list[str]:
        return [word for _row, _col, word in self.forced_cells()]

    def forced_cells(self) -> list[tuple[int, int, str]]:
        """(row, column, word) of every word split because its column is too narrow; row -1
        is the header, row i the i-th row given (before any page break)."""
        out = []
        for r, row in enumerate([self.header_cells, *self.rows], -1):
            for c, cell in enumerate(row):
                out += [(r, c, word) for word in cell.layout.forced_splits]
        return out

    # --- splitting ---
    def _split_rows(self, room: float, at_top: bool) -> tuple[int, list[list[Cell]], list[list[Cell]], bool] | None:
        """Rows (and a first part of one row) that fit in `room` below the header, on a page
        that has other things above the table or not (`at_top`):
        (index of the first row not wholly kept, head rows, rest rows, was that row split)."""
        used = 0.0
        heights = self._heights()
        for i, row in enumerate(self.rows):
            h = heights[i]
            if used + h <= room + 1e-6:
                used += h
                continue
            left = room - used - 2 * self.PAD_Y - self._extra(row)  # the space kept above it
            if self._may_leave(left, h, at_top):
                # at the top of a page nothing is gained by waiting: a row that cannot be
                # split by the rules against lone lines is split as it fits
                for kept in (True, False) if at_top else (True,):
                    parts = [c.layout.split_kept(left, MIN_HEAD_LINES) if kept else c.layout.split(left)
                             for c in row]
                    heads = [Cell(head) for head, _rest in parts]
                    rests = [Cell(rest) for _head, rest in parts]
                    self._keep_title(i, row, left, heads, rests, at_top)
                    self._keep_group(i, row, left, heads, rests, at_top)
                    if any(c.layout.lines for c in heads) and any(c.layout.lines for c in rests):
                        return i, [*self.rows[:i], heads], [rests, *self.rows[i + 1:]], True
            if i == 0:
                return None
            return i, self.rows[:i], self.rows[i:], False
        return len(self.rows), self.rows, [], False

    def _keep_title(self, i: int, row: Sequence[Cell], left: float, heads: list[Cell], rests: list[Cell],
                    at_top: bool) -> None:
        """Row i is split with `left` points on this page: its title is printed whole there,
        and the part on the next page says whose row it is ("… (ต่อ)"); a title with no room
        here sends the row to the next page, unless the row is the first on a page as empty as
        the next (then the title is cut as it fits)."""
        c = self.title_column
        if c is None or not any(cell.layout.lines for k, cell in enumerate(heads) if k != c):
            return
        # the title itself would go on over the page
        if rests[c].layout.lines and not self._whole_here(i, row, c, left, heads, rests, at_top):
            return
        more = self.row_continued[i]
        if not rests[c].layout.lines and more is not None:
            rests[c] = more

    def _keep_group(self, i: int, row: Sequence[Cell], left: float, heads: list[Cell], rests: list[Cell],
                    at_top: bool) -> None:
        """Row i starts its group and is split: the group's name is printed whole on this page
        (the next one says "(ต่อ)"); a name with no room here sends the row to the next page,
        unless the row is the first on a page as empty as the next."""
        if self.groups[i] is None or self._same_group(i) or not rests[0].layout.lines:
            return  # not a group's first row, or its name is whole on this page
        if not any(cell.layout.lines for cell in heads[1:]):
            return
        self._whole_here(i, row, 0, left, heads, rests, at_top)

    def _whole_here(self, i: int, row: Sequence[Cell], col: int, left: float, heads: list[Cell],
                    rests: list[Cell], at_top: bool) -> bool:
        """Cell `col` of split row i printed whole on this page. With no room for it here the
        row goes to the next page (False), unless the row is the first on a page as empty as
        the next: the next page gives it no more room, so it is cut as it fits."""
        cell = row[col].layout
        if cell.height <= left + 1e-6:
            heads[col], rests[col] = Cell(cell), Cell(TextLayout([], cell.width, cell.align))
        elif at_top and i == 0:
            head, rest = cell.split(left)
            heads[col], rests[col] = Cell(head), Cell(rest)
        else:
            heads[:] = [Cell(TextLayout([], c.layout.width, c.layout.align)) for c in row]
            return False
        return True

    def _may_leave(self, left: float, row_height: float, at_top: bool) -> bool:
        """May a row be split with `left` points of it at this page foot? Not a stub of a few
        lines under the repeated header (it reads as a torn row); and a row the next page holds
        whole goes there rather than leave less than a third of it behind, when that leaves
        no more than a quarter of the page empty."""
        if left < MIN_HEAD_LINES * self.style.leading - 1e-6:
            return False
        if at_top:  # the next page would give the row no more room
            return True
        if left < STUB_LINES * self.style.leading - 1e-6:
            return False
        fresh = self._fresh_room()
        if fresh is None:
            return True
        fits_next = row_height <= fresh - self.header_height() + 1e-6
        return not (fits_next and left < (row_height - 2 * self.PAD_Y) / 3 and left < fresh / 4)

    def _fresh_room(self) -> float | None:
        """The height of an empty frame (the next page's), when the page template says it."""
        frame = self._doctemplateAttr("frame")
        room = getattr(frame, "_aH", None)
        return float(room) if isinstance(room, (int, float)) else None

    def split(self, aw: float, ah: float) -> list[Flowable]:
        room = ah - self.header_height()
        if room <= 0:
            return []
        fresh = self._fresh_room()
        at_top = fresh is not None and ah >= fresh - 1e-6
        parts = self._split_rows(room, at_top)
        if parts is None:
            return []
        i, first, rest, row_split = parts
        if not rest:
            if self.tail is None:
                return []
            # all rows fit but the tail does not: carry the end of the last row over with it
            carry = MIN_HEAD_LINES * self.style.leading + 2 * self.PAD_Y
            total = sum(self._heights())
            parts = self._split_rows(min(room, total - carry), at_top)
            if parts is None:
                return []
            i, first, rest, row_split = parts
            if not rest:
                return []
        head_groups = self.groups[:i + 1] if row_split else self.groups[:i]
        rest_groups = self.groups[i:]
        head_more = self.row_continued[:i + 1] if row_split else self.row_continued[:i]
        rest_more = self.row_continued[i:]
        key = rest_groups[0]
        if (key is not None and head_groups and head_groups[-1] == key and key in self.continued
                and not (row_split and rest[0][0].layout.lines)):  # the rest of a split name stays
            # the group goes on after the page break: its cell says so
            rest = [[self.continued[key], *rest[0][1:]], *rest[1:]]
        heights = self._heights()
        # a split row's two parts are new rows (measured below, with each part's first row:
        # what stands above that row changed)
        head_heights = heights[:i] + ([0.0] if row_split else [])
        rest_heights = [0.0, *heights[i + 1:]] if row_split else heights[i:]
        tables = [ReportTable(self.widths, [], [], self.style, self.header_style, None, title_column=self.title_column,
                              prepared=self._part(first, head_groups, head_more, head_heights)),
                  ReportTable(self.widths, [], [], self.style, self.header_style, self.tail, title_column=self.title_column,
                              prepared=self._part(rest, rest_groups, rest_more, rest_heights))]
        for table in tables:
            ends = {0, len(table.rows) - 1} if table is tables[0] and row_split else {0} if table.rows else set()
            for k in ends:
                table._heights()[k] = table._row_height(table.rows[k])
        return tables

    # --- drawing ---
    def _draw_row(self, cells: Sequence[Cell], top: float, height: float, shade: bool) -> None:
        canv = self.canv
        x = 0.0
        if shade:
            canv.setFillGray(0.9)
            canv.rect(0, top - height, sum(self.widths), height, stroke=0, fill=1)
            canv.setFillGray(0)
        extra = self._extra(cells)
        tallest = max((c.layout.height for c in cells), default=0.0)
        for cell, w in zip(cells, self.widths):
            # a heading shorter than its neighbours sits in the middle of the header row
            drop = (tallest - cell.layout.height) / 2 if cells is self.header_cells else 0.0
            cell.layout.draw(canv, x + self.PAD_X, top - self.PAD_Y - extra - drop)
            x += w

    def draw(self) -> None:
        canv = self.canv
        top = self.height
        rows = [(self.header_cells, True)] + [(r, False) for r in self.rows]
        heights = [self._row_height(r) for r, _ in rows]
        y = top
        for (cells, shade), h in zip(rows, heights):
            self._draw_row(cells, y, h, shade)
            y -= h
        canv.setLineWidth(0.6)
        canv.setStrokeGray(0)
        bottom = top - sum(heights)
        width = sum(self.widths)
        canv.line(0, top, width, top)
        canv.line(0, top - heights[0], width, top - heights[0])
        canv.line(0, bottom, width, bottom)
        y = top - heights[0]
        for i, h in enumerate(heights[1:]):
            if i:  # the rule above row i (the header's rule is drawn above)
                canv.line(self.widths[0] if self._same_group(i) else 0, y, width, y)
            y -= h
        x = 0.0
        for w in [0.0, *self.widths]:
            x += w
            canv.line(x, top, x, bottom)
        if self.tail is not None:
            self.tail.wrapOn(canv, width, self.height)
            self.tail.drawOn(canv, 0, bottom - self.tail.getSpaceBefore() - self.tail.height)


def _blank(paras: Sequence[Para]) -> bool:
    return not any(line.label.strip() or any(span.text.strip() for span in line.spans)
                   for para in paras for line in para)


class WithTail(Flowable):  # type: ignore[misc]
    """A text block followed by a tail (signatures) that must not start a page alone."""

    def __init__(self, body: TextBlock, tail: Flowable) -> None:
        super().__init__()
        self.body = body
        self.tail = tail

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        _w, bh = self.body.wrap(aw, ah)
        _w, th = self.tail.wrap(aw, ah)
        self.width = aw
        self.body_height = bh
        self.height = bh + self.tail.getSpaceBefore() + th
        return aw, self.height

    def split(self, aw: float, ah: float) -> list[Flowable]:
        self.wrap(aw, ah)
        if self.body_height <= ah:
            # the body fits but the tail does not: take its last lines over with the tail
            lay = self.body.layout_for(aw)
            room = lay.height - MIN_HEAD_LINES * self.body.style.leading
        else:
            room = ah
        parts = self.body.split(aw, room)
        if len(parts) != 2:
            return []
        return [parts[0], WithTail(parts[1], self.tail)]

    def draw(self) -> None:
        self.body.drawOn(self.canv, 0, self.height - self.body_height)
        self.tail.drawOn(self.canv, 0, 0)

    def getSpaceBefore(self) -> float:
        return float(self.body.getSpaceBefore())


class Columns(Flowable):  # type: ignore[misc]
    """Text layouts side by side (signature blocks); never split."""

    def __init__(self, blocks: Sequence[Sequence[TextLayout]], widths: Sequence[float],
                 space_before: float = 0.0, texts: Sequence[Sequence[Para]] | None = None) -> None:
        super().__init__()
        self.blocks = [list(b) for b in blocks]  # one list of layouts per column
        self.texts = [list(t) for t in texts] if texts is not None else None  # their paragraphs, as given
        self.align = blocks[0][0].align if blocks and blocks[0] else "left"
        self.widths = list(widths)
        self.spaceBefore = space_before

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = sum(self.widths)
        self.height = max((sum(lay.height for lay in b) for b in self.blocks), default=0.0)
        return self.width, self.height

    def draw(self) -> None:
        x = 0.0
        for block, w in zip(self.blocks, self.widths):
            y = self.height
            for lay in block:
                lay.draw(self.canv, x, y)
                y -= lay.height
            x += w


class Stack(Flowable):  # type: ignore[misc]
    """Flowables drawn one under another as one unsplittable unit."""

    def __init__(self, items: Sequence[Flowable], space_before: float = 0.0) -> None:
        super().__init__()
        self.items = list(items)
        self.spaceBefore = space_before

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        self.sizes = [item.wrap(aw, ah) for item in self.items]
        self.height = sum(h + item.getSpaceBefore() for (w, h), item in zip(self.sizes, self.items))
        return aw, self.height

    def draw(self) -> None:
        y = self.height
        for (w, h), item in zip(self.sizes, self.items):
            y -= item.getSpaceBefore() + h
            item.drawOn(self.canv, (self.width - w) / 2, y)
