"""ภาพกิจกรรม (PAPERWORK.md G4): for each measure with photos of the round, A4 portrait pages
titled "ภาพกิจกรรม" and the measure's title, photos in 2 columns × 3 rows (or 2 × 2), each scaled
to fit its cell whole (never cropped) and centred, its caption (at most two lines) under it; a
measure's photos going on to the next page repeat the title with "(ต่อ)". The same pages may
follow the implementation report in the table layout (`with_photos`); in the blocks layout each
measure's photos follow its text instead, in rows of the 2 × 3 pages' cells.

One way of drawing a grid: `PhotoRow`, a row of cells that is never split (a row with no room
left on a page moves whole to the next one); the pages draw their rows with it, the blocks
layout puts the rows in its story."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, PageBreak

from ita_desktop.domain import markup
from ita_desktop.domain import models as m
from ita_desktop.report.builder import ReportBuilder
from ita_desktop.report.options import ReportError
from ita_desktop.report.pages import BookState
from ita_desktop.report.paperwork import Paperwork, image_reader
from ita_desktop.report.text import LogicalLine, Span, TextLayout, TextStyle, layout
from ita_desktop.thai import words as thai_words

GUTTER = 0.4 * cm  # between the two columns
ROW_GAP = 0.4 * cm  # under a caption
CAPTION_GAP = 0.15 * cm  # between a photo and its caption
CAPTION_LINES = 2
CAPTION_PSK = 14.0
TITLE_GAP = 0.3 * cm  # under a photo page's title


@dataclass
class _Shot:
    image: ImageReader | None
    caption: TextLayout


@dataclass(frozen=True)
class Grid:
    """The cells of a photo grid: `columns` cells of `cell_w` side by side, each a box of
    `box_h` for the photo and `caption_height` for its caption under it."""

    columns: int
    cell_w: float
    box_h: float
    caption_height: float

    @property
    def row_height(self) -> float:
        return float(self.box_h + self.caption_height + CAPTION_GAP + ROW_GAP)

    @classmethod
    def for_page(cls, width: float, height: float, columns: int, rows: int, caption_height: float) -> Grid:
        """The grid that puts `rows` rows in `height` (a page under its title): 2 × 3 has 4:3
        cells (7.8 × 5.85 cm in a 16 cm text width), 2 × 2 the rows' whole share."""
        cell_w = (width - GUTTER * (columns - 1)) / columns
        box_h = height / rows - caption_height - CAPTION_GAP - ROW_GAP
        if rows > 2:
            box_h = min(box_h, cell_w * 0.75)
        return cls(columns, cell_w, box_h, caption_height)


class PhotoRow(Flowable):  # type: ignore[misc]
    """One row of a photo grid, never split: a row with no room at a page foot moves whole to
    the next page. Each photo is scaled to fit its box whole (letterboxed, never cropped) and
    centred on the box's foot, its caption right under it, so a row's captions share a line."""

    def __init__(self, shots: Sequence[_Shot], grid: Grid, space_before: float = 0.0, fit: bool = False) -> None:
        super().__init__()
        self.shots = list(shots)
        self.grid = replace(grid, box_h=min(grid.box_h, max(
            (grid.cell_w * s.image.getSize()[1] / s.image.getSize()[0] for s in self.shots if s.image is not None),
            default=grid.box_h))) if fit else grid
        self.spaceBefore = space_before

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width, self.height = aw, self.grid.row_height
        return aw, self.height

    def split(self, aw: float, ah: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        canv, grid = self.canv, self.grid
        top = self.height
        for col, shot in enumerate(self.shots):
            x = col * (grid.cell_w + GUTTER)
            if shot.image is not None:
                w, h = shot.image.getSize()
                scale = min(grid.cell_w / w, grid.box_h / h)  # the whole photo, letterboxed
                pw, ph = w * scale, h * scale
                canv.drawImage(shot.image, x + (grid.cell_w - pw) / 2, top - grid.box_h, pw, ph, mask="auto")
            shot.caption.draw(canv, x, top - grid.box_h - CAPTION_GAP)


def photo_rows(shots: Sequence[_Shot], grid: Grid, fit: bool = False) -> list[PhotoRow]:
    """The grid's rows; with `fit`, each row only as tall as its tallest photo at the cell's
    width (a row of wide photos leaves no empty band above them)."""
    return [PhotoRow(shots[i:i + grid.columns], grid, fit=fit) for i in range(0, len(shots), grid.columns)]


class PhotoPage(Flowable):  # type: ignore[misc]
    """One page of photos: the title at the top, then the grid's rows (PhotoRow) sharing the
    rest of the page."""

    def __init__(self, title: TextLayout, shots: Sequence[_Shot], columns: int, rows: int,
                 caption_height: float) -> None:
        super().__init__()
        self.title, self.shots = title, list(shots)
        self.columns, self.rows, self.caption_height = columns, rows, caption_height

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width, self.height = aw, ah
        return aw, ah

    def draw(self) -> None:
        self.title.draw(self.canv, 0, self.height)
        top = self.height - self.title.height - TITLE_GAP
        grid = Grid.for_page(self.width, top, self.columns, self.rows, self.caption_height)
        for row in photo_rows(self.shots, grid):
            row.wrap(self.width, top)
            top -= row.height
            row.drawOn(self.canv, 0, top)


def _caption(text: str, style: TextStyle, width: float, builder: ReportBuilder) -> TextLayout:
    """The caption in at most CAPTION_LINES lines: a longer one is shortened at a word with "…"."""
    paras = [[LogicalLine([Span(" ".join(text.split()))])]]
    lay = layout(paras, style, width)
    if len(lay.lines) <= CAPTION_LINES:
        return lay
    words = thai_words.words(" ".join(text.split()))
    keep = len(words)
    while keep > 1:
        keep -= 1
        short = "".join(words[:keep]).rstrip() + "…"
        lay = layout([[LogicalLine([Span(short)])]], style, width)
        if len(lay.lines) <= CAPTION_LINES:
            break
    builder.warnings.append(f"คำบรรยายภาพ «{text[:30]}…» ยาวเกิน {builder.pr(str(CAPTION_LINES))} บรรทัด "
                            "จึงพิมพ์เพียงส่วนต้น")
    return lay


def _shots(builder: ReportBuilder, seq: int, measure: m.Measure, width: float) -> list[_Shot]:
    """The measure's photos of the builder's round, each with its caption `width` wide."""
    caption_style = builder.style(CAPTION_PSK, align="center")
    shots = []
    for photo in builder.data.photos_of(measure.id, builder.opts.round):
        found = builder.data.attachment(photo.attachment_id)
        reader = image_reader(found.data if found is not None else None)
        if reader is None:
            builder.warnings.append(f"อ่านภาพกิจกรรมของมาตรการที่ {builder.pr(str(seq))} ไม่ได้ "
                                    f"({(found.name if found else '') or 'ไม่พบไฟล์'}) จึงเว้นที่ไว้")
        shots.append(_Shot(reader, _caption(builder.pr(photo.caption), caption_style, width, builder)))
    return shots


def _caption_height(builder: ReportBuilder) -> float:
    return CAPTION_LINES * builder.style(CAPTION_PSK, align="center").leading


def _title(builder: ReportBuilder, name: str, width: float) -> TextLayout:
    style = builder.style(builder.opts.heading_size, bold=True, align="center").with_(paragraph_gap=0.0)
    return layout([[LogicalLine([Span("ภาพกิจกรรม")])], [LogicalLine([Span(name)])]], style, width)


def block_grid(builder: ReportBuilder, page: tuple[float, float]) -> Grid:
    """The grid of photos under a measure in the blocks layout: 2 columns with the cells of
    the 2 × 3 pages on a portrait `page` (frame width, height) under a two-line title."""
    width, height = page
    top = height - _title(builder, "ภาพกิจกรรม", width).height - TITLE_GAP
    return Grid.for_page(width, top, 2, 3, _caption_height(builder))


def measure_photo_rows(builder: ReportBuilder, seq: int, measure: m.Measure, grid: Grid) -> list[PhotoRow]:
    """The measure's photos of the round as grid rows ([] when it has none)."""
    return photo_rows(_shots(builder, seq, measure, grid.cell_w), grid, fit=True)


def photo_pages(builder: ReportBuilder, frame_width: float) -> list[Flowable]:
    """The photo pages of the builder's measures for its round (the caller starts the first
    page); [] when no measure has photos."""
    columns, rows = 2, 3 if builder.opts.photos_per_page == "6" else 2
    per_page = columns * rows
    cell_w = (frame_width - GUTTER * (columns - 1)) / columns
    caption_height = _caption_height(builder)
    pages: list[Flowable] = []
    for seq, measure in enumerate(builder.measures, 1):
        shots = _shots(builder, seq, measure, cell_w)
        if not shots:
            continue
        name = markup.plain_text(builder.pr(builder.cell_text("title", seq, measure))).strip()
        for start in range(0, len(shots), per_page):
            title = _title(builder, name + (" (ต่อ)" if start else ""), frame_width)
            if pages:
                pages.append(PageBreak())
            pages.append(PhotoPage(title, shots[start:start + per_page], columns, rows, caption_height))
    return pages


def _round_name(builder: ReportBuilder) -> str:
    return m.ROUND_NAMES[builder.opts.round]


class PhotoPages(Paperwork):
    """ภาพกิจกรรม of the fiscal year's measures, for the round."""

    def title(self) -> str:
        return f"ภาพกิจกรรม ปีงบประมาณ พ.ศ. {self.plan.fiscal_year} {_round_name(self)} {self.data.office.full_name}"

    def story(self, frame: tuple[float, float], state: BookState) -> list[Flowable]:
        self.warnings.clear()
        pages = photo_pages(self, frame[0])
        if not pages:
            raise ReportError(f"ยังไม่มีภาพกิจกรรมของมาตรการใด{_round_name(self)} "
                              f"ปีงบประมาณ {self.pr(str(self.plan.fiscal_year))}")
        return pages
