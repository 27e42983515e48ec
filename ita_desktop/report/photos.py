"""ภาพกิจกรรม (PAPERWORK.md G4): for each measure with photos of the round, A4 portrait pages
titled "ภาพกิจกรรม" and the measure's title, photos in 2 columns × 3 rows (or 2 × 2), each scaled
to fit its cell whole (never cropped) and centred, its caption (at most two lines) under it; a
measure's photos going on to the next page repeat the title with "(ต่อ)". The same pages may
follow the implementation report (`with_photos`)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

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


@dataclass
class _Shot:
    image: ImageReader | None
    caption: TextLayout


class PhotoPage(Flowable):  # type: ignore[misc]
    """One page of photos: the title at the top, then the grid, row by row."""

    def __init__(self, title: TextLayout, shots: Sequence[_Shot], columns: int, rows: int,
                 caption_height: float) -> None:
        super().__init__()
        self.title, self.shots = title, list(shots)
        self.columns, self.rows, self.caption_height = columns, rows, caption_height

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width, self.height = aw, ah
        return aw, ah

    def draw(self) -> None:
        canv = self.canv
        self.title.draw(canv, 0, self.height)
        top = self.height - self.title.height - 0.3 * cm
        cell_w = (self.width - GUTTER * (self.columns - 1)) / self.columns
        room = top / self.rows  # a row's share of the page
        box_h = room - self.caption_height - CAPTION_GAP - ROW_GAP
        if self.rows > 2:  # 2 × 3: 4:3 cells (7.8 × 5.85 cm in a 16 cm text width)
            box_h = min(box_h, cell_w * 0.75)
        row_h = box_h + self.caption_height + CAPTION_GAP + ROW_GAP
        for n, shot in enumerate(self.shots):
            row, col = divmod(n, self.columns)
            x = col * (cell_w + GUTTER)
            y_top = top - row * row_h
            if shot.image is not None:
                w, h = shot.image.getSize()
                scale = min(cell_w / w, box_h / h)  # the whole photo, letterboxed
                pw, ph = w * scale, h * scale
                # on the cell's foot: the caption right under it, a row's captions on one line
                canv.drawImage(shot.image, x + (cell_w - pw) / 2, y_top - box_h, pw, ph, mask="auto")
            shot.caption.draw(canv, x, y_top - box_h - CAPTION_GAP)


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


def photo_pages(builder: ReportBuilder, frame_width: float) -> list[Flowable]:
    """The photo pages of the builder's measures for its round (the caller starts the first
    page); [] when no measure has photos."""
    opts = builder.opts
    columns, rows = 2, 3 if opts.photos_per_page == "6" else 2
    per_page = columns * rows
    title_style = builder.style(opts.heading_size, bold=True, align="center")
    caption_style = builder.style(CAPTION_PSK, align="center")
    cell_w = (frame_width - GUTTER * (columns - 1)) / columns
    caption_height = CAPTION_LINES * caption_style.leading
    pages: list[Flowable] = []
    for seq, measure in enumerate(builder.measures, 1):
        photos = builder.data.photos_of(measure.id, opts.round)
        if not photos:
            continue
        name = markup.plain_text(builder.pr(builder.cell_text("title", seq, measure))).strip()
        shots = []
        for photo in photos:
            found = builder.data.attachment(photo.attachment_id)
            reader = image_reader(found.data if found is not None else None)
            if reader is None:
                builder.warnings.append(f"อ่านภาพกิจกรรมของมาตรการที่ {builder.pr(str(seq))} ไม่ได้ "
                                        f"({(found.name if found else '') or 'ไม่พบไฟล์'}) จึงเว้นที่ไว้")
            shots.append(_Shot(reader, _caption(builder.pr(photo.caption), caption_style, cell_w, builder)))
        for start in range(0, len(shots), per_page):
            more = " (ต่อ)" if start else ""
            title = layout([[LogicalLine([Span("ภาพกิจกรรม")])], [LogicalLine([Span(name + more)])]],
                           title_style.with_(paragraph_gap=0.0), frame_width)
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
