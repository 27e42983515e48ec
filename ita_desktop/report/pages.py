"""Pages: A4, the clerk's margins, orientation, and page numbers drawn with the shaped primitive."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO
from typing import BinaryIO

from reportlab.lib.pagesizes import A4, landscape, portrait
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate
from reportlab.platypus.doctemplate import LayoutError

from ita_desktop.report.options import ReportError
from ita_desktop.report.text import LogicalLine, Span, TextStyle, layout
from ita_desktop.thai.digits import digits_for_print


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
        if self.page_numbers == "of":
            text = f"หน้า {page} จาก {total}"
        else:
            text = f"- {page} -"
        return digits_for_print(text, self.thai_digits)


def _draw_number(canv: Canvas, setup: PageSetup, total: int) -> None:
    page = canv.getPageNumber()
    if setup.page_numbers == "none" or page < setup.first_numbered:
        return
    width, height = setup.size
    style = setup.number_style.with_(align="center")
    lay = layout([[LogicalLine([Span(setup.number_text(page, total))])]], style, float(width))
    # centred in the top margin
    top = height - (setup.top_cm * cm - lay.height) / 2
    lay.draw(canv, 0, top)


def build(story: Callable[[], list[Flowable]], setup: PageSetup, out: str | BinaryIO) -> int:
    """Lay the story out on pages and write the PDF; returns the number of pages.

    "หน้า ๒ จาก ๑๒" needs the total first: the story is then laid out twice."""
    total = 0
    if setup.page_numbers == "of":
        total = _build_once(story(), setup, BytesIO(), 0)
    return _build_once(story(), setup, out, total)


def _build_once(flowables: list[Flowable], setup: PageSetup, out: str | BinaryIO, total: int) -> int:
    width, height = setup.size
    doc = BaseDocTemplate(out, pagesize=(width, height), leftMargin=setup.left_cm * cm,
                          rightMargin=setup.right_cm * cm, topMargin=setup.top_cm * cm,
                          bottomMargin=setup.bottom_cm * cm, title=setup.title,
                          author=setup.author, creator="ITA Desktop", pageCompression=1)
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    pages = {"n": 0}

    def on_page(canv: Canvas, _doc: BaseDocTemplate) -> None:
        pages["n"] = canv.getPageNumber()
        _draw_number(canv, setup, total)

    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=on_page)])
    try:
        doc.build(flowables)
    except LayoutError as exc:
        raise ReportError("จัดหน้าไม่ได้: มีส่วนที่สูงเกินหนึ่งหน้า ลองลดขนาดตัวอักษรหรือระยะขอบ") from exc
    return pages["n"]
