"""Pages: A4, the clerk's margins, orientation, and page numbers drawn with the shaped primitive."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from io import BytesIO
from typing import BinaryIO

from reportlab import rl_config
from reportlab.lib.pagesizes import A4, landscape, portrait
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate
from reportlab.platypus.doctemplate import LayoutError

from ita_desktop.report.options import ReportError
from ita_desktop.report.text import LogicalLine, Span, TextStyle, draw_segments, layout, line_x
from ita_desktop.thai.digits import digits_for_print

# Streams are deflated only, not also ASCII85-encoded: reportlab's encoder is pure Python
# (a tenth of a large report's time) and makes the file a quarter larger; a PDF is binary.
rl_config.useA85 = 0


@dataclass(frozen=True)
class PageSetup:
    orientation: str  # portrait | landscape
    top_cm: float
    bottom_cm: float
    left_cm: float
    right_cm: float
    page_numbers: str  # dash | of | none
    number_style: TextStyle
    thai_digits: bool = True
    first_numbered: int = 2
    title: str = ""
    author: str = ""
    subject: str = ""
    watermark: str = ""  # "ฉบับร่าง" until the document is approved
    front_matter: bool = False  # the story starts on front-matter pages (cover, คำนำ, สารบัญ)
    two_passes: bool = False  # the contents need the page numbers of a first pass

    @property
    def size(self) -> tuple[float, float]:
        width, height = landscape(A4) if self.orientation == "landscape" else portrait(A4)
        return float(width), float(height)

    @property
    def frame_width(self) -> float:
        return float(self.size[0] - (self.left_cm + self.right_cm) * cm)

    @property
    def frame_height(self) -> float:
        return float(self.size[1] - (self.top_cm + self.bottom_cm) * cm)

    def number_text(self, page: int, total: int) -> str:
        text = f"หน้า {page} จาก {total}" if self.page_numbers == "of" else f"- {page} -"
        return digits_for_print(text, self.thai_digits)


THAI_LETTER_NUMBERS = "กขคงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ"


@dataclass
class BookState:
    """What a first layout pass learns for the second: where each contents entry landed
    (body page numbers), how many front matter and body pages there are."""

    toc: dict[str, int] = field(default_factory=dict)
    front_pages: int = 0
    body_pages: int = 0
    final: bool = False  # the pass whose numbers are printed


class TocEntry(Flowable):  # type: ignore[misc]
    """An invisible mark: records the body page it lands on under `key`. It goes with what
    follows it: a heading moved to the next page takes its mark along (else the contents
    named the page before the section's)."""

    def __init__(self, key: str, state: BookState) -> None:
        super().__init__()
        self.key = key
        self.state = state
        self.width = self.height = 0
        self.keepWithNext = True

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.state.toc[self.key] = self.canv.getPageNumber() - self.state.front_pages


def front_number(index: int) -> str:
    """ก ข ค … for front matter pages (1-based index)."""
    letters = THAI_LETTER_NUMBERS
    return letters[(index - 1) % len(letters)] * (1 + (index - 1) // len(letters))


def _draw_text_centred(canv: Canvas, setup: PageSetup, size: tuple[float, float], text: str) -> None:
    width, height = size
    style = setup.number_style.with_(align="center")
    lay = layout([[LogicalLine([Span(text)])]], style, float(width))
    top = height - (setup.top_cm * cm - lay.height) / 2  # centred in the top margin
    lay.draw(canv, 0, top)


def _draw_watermark(canv: Canvas, setup: PageSetup, size: tuple[float, float]) -> None:
    """"ฉบับร่าง" across the page, drawn as glyph outlines: seen and printed, but no text that
    search would find or copying would pick up before the page's first words."""
    width, height = size
    style = setup.number_style.with_(size=setup.number_style.size * 7, align="center", bold=True)
    lay = layout([[LogicalLine([Span(setup.watermark)])]], style, float(max(width, height)))
    canv.saveState()
    canv.translate(width / 2, height / 2)
    canv.rotate(35)
    top = lay.height / 2
    for i, line in enumerate(lay.lines):
        top -= line.gap_before if i else 0.0
        draw_segments(canv, line.segments, -max(width, height) / 2 + line_x(lay, i),
                      top - line.ascent, gray=0.88, outlines=True)
        top -= line.height
    canv.restoreState()


def build(story: Callable[[BookState], list[Flowable]], setup: PageSetup, out: str | BinaryIO) -> int:
    """Lay the story out on pages and write the PDF; returns the number of pages.

    Page numbers that must be known before they are printed ("หน้า ๒ จาก ๑๒", the contents)
    come from a first pass; the story is then laid out again with them."""
    state = BookState()
    if setup.page_numbers == "of" or setup.two_passes:
        _build_once(story(state), setup, BytesIO(), state)
    state.final = True
    return _build_once(story(state), setup, out, state)


def _build_once(flowables: list[Flowable], setup: PageSetup, out: str | BinaryIO, state: BookState) -> int:
    width, height = setup.size
    doc = BaseDocTemplate(out, pagesize=(width, height), leftMargin=setup.left_cm * cm,
                          rightMargin=setup.right_cm * cm, topMargin=setup.top_cm * cm,
                          bottomMargin=setup.bottom_cm * cm, title=setup.title,
                          author=setup.author, subject=setup.subject, creator="ITA Desktop",
                          pageCompression=1,
                          # else the canvas names Helvetica, which is not embedded (preflight)
                          initialFontName=setup.number_style.family.regular.name)
    counts = {"front": 0, "body": 0, "pages": 0}
    known = BookState(dict(state.toc), state.front_pages, state.body_pages, state.final)

    def template(kind: str, orientation: str) -> PageTemplate:
        size = landscape(A4) if orientation == "landscape" else portrait(A4)
        frame = Frame(setup.left_cm * cm, setup.bottom_cm * cm,
                      size[0] - (setup.left_cm + setup.right_cm) * cm,
                      size[1] - (setup.top_cm + setup.bottom_cm) * cm, id=f"{kind}-{orientation}",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

        def on_page(canv: Canvas, _doc: BaseDocTemplate) -> None:
            counts["pages"] = canv.getPageNumber()
            page_size = (float(size[0]), float(size[1]))
            if setup.watermark:
                _draw_watermark(canv, setup, page_size)
            if kind == "front":
                counts["front"] += 1
                state.front_pages = counts["front"]
                if counts["front"] > 1 and setup.page_numbers != "none":  # the cover has none
                    # the cover is unnumbered; คำนำ is ก
                    _draw_text_centred(canv, setup, page_size, f"- {front_number(counts['front'] - 1)} -")
                return
            counts["body"] += 1
            if setup.page_numbers != "none" and counts["body"] >= setup.first_numbered:
                _draw_text_centred(canv, setup, page_size,
                                   setup.number_text(counts["body"], known.body_pages or counts["body"]))

        return PageTemplate(id=f"{kind}-{orientation}", frames=[frame], onPage=on_page, pagesize=size)

    templates = [template("body", setup.orientation)]
    for kind, orientation in (("front", "portrait"), ("body", "portrait"), ("body", "landscape")):
        if f"{kind}-{orientation}" != templates[0].id:
            templates.append(template(kind, orientation))
    if setup.front_matter:
        templates.sort(key=lambda t: t.id != "front-portrait")
    doc.addPageTemplates(templates)
    try:
        doc.build(flowables)
    except LayoutError as exc:
        raise ReportError("จัดหน้าไม่ได้: มีส่วนที่สูงเกินหนึ่งหน้า ลองลดขนาดตัวอักษรหรือระยะขอบ") from exc
    state.body_pages = counts["body"]
    state.front_pages = counts["front"]
    return counts["pages"]
