"""The booklet around a document: cover, คำนำ, สารบัญ (front matter numbered ก ข ค) and ภาคผนวก.

The contents take their page numbers from a first layout pass (pages.BookState); the body may
switch orientation (portrait text, landscape table) by page templates named
"front-portrait", "body-portrait" and "body-landscape".
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from io import BytesIO

from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Image, NextPageTemplate, PageBreak, Spacer

from ita_desktop.report.flowables import TextBlock
from ita_desktop.report.pages import BookState, TocEntry, front_number
from ita_desktop.report.text import LogicalLine, Para, Span, TextLayout, TextStyle, layout


def lines_to_paras(lines: Sequence[str]) -> list[Para]:
    """Template lines; an empty line starts a new paragraph."""
    paras: list[Para] = []
    current: Para = []
    for line in lines:
        if not line.strip():
            if current:
                paras.append(current)
                current = []
            continue
        current.append(LogicalLine([Span(line)]))
    if current:
        paras.append(current)
    return paras


EMBLEM_HEIGHT = 120.0  # points: the office's emblem (ตราสัญลักษณ์), or room to paste one


def cover(lines: Sequence[str], style: TextStyle, logo: bytes | None, warnings: list[str]) -> list[Flowable]:
    """The cover page's flowables (the caller ends the page): the emblem at the top (left
    blank for one stamped or pasted on when the file has none), the title block centred in
    the page below it."""
    emblem: Flowable = Spacer(1, EMBLEM_HEIGHT)
    if logo:
        try:
            w, h = ImageReader(BytesIO(logo)).getSize()
            scale = min(EMBLEM_HEIGHT / w, EMBLEM_HEIGHT / h)
            emblem = Image(BytesIO(logo), w * scale, h * scale)
        except Exception:
            warnings.append("อ่านภาพตราสัญลักษณ์ของหน่วยงานไม่ได้ จึงไม่ได้พิมพ์บนปก")
    text = TextBlock(lines_to_paras(lines), style.with_(paragraph_gap=1.5))
    return [CoverPage(emblem, text)]


class CoverPage(Flowable):  # type: ignore[misc]
    """The whole first page: the emblem's area at its top, the text in the page's middle
    (lower when it is too tall to fit between the emblem and the middle)."""

    def __init__(self, emblem: Flowable, text: TextBlock) -> None:
        super().__init__()
        self.emblem = emblem
        self.text = text

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width, self.height = aw, ah
        self.emblem_size = self.emblem.wrap(aw, ah)
        self.text_size = self.text.wrap(aw, max(ah - EMBLEM_HEIGHT, 1.0))
        return aw, ah

    def draw(self) -> None:
        ew, eh = self.emblem_size
        top = self.height - (EMBLEM_HEIGHT - eh) / 2
        self.emblem.drawOn(self.canv, (self.width - ew) / 2, top - eh)
        tw, th = self.text_size
        room = self.height - EMBLEM_HEIGHT
        below = max(0.0, min((self.height - th) / 2, room - th))  # the page's middle, under the emblem
        self.text.drawOn(self.canv, (self.width - tw) / 2, below)


class FrontEntry(TocEntry):
    """A contents entry on a front matter page: recorded as 0 for ก, -1 for ข … (the cover,
    page 1, has no number), the body's pages being 1, 2 …"""

    def draw(self) -> None:
        self.state.toc[self.key] = 2 - self.canv.getPageNumber()


def front_label(n: int) -> str:
    """A FrontEntry's page as printed: ก ข ค …"""
    return front_number(1 - n)


class Contents(Flowable):  # type: ignore[misc]
    """สารบัญ: entries with their body page numbers, right-aligned after a dotted leader.
    Entries are read at layout time, so the story may add them after this flowable is made."""

    def __init__(self, entries: list[tuple[str, str]], state: BookState, style: TextStyle,
                 number: Callable[[int], str]) -> None:
        super().__init__()
        self.entries = entries
        self.state = state
        self.style = style
        self.number = number

    def _rows(self, width: float) -> list[tuple[TextLayout, TextLayout]]:
        num_w = self.style.size * 3
        rows = []
        for key, text in self.entries:
            page = self.state.toc.get(key)
            label = self.number(page) if page is not None else "…"
            rows.append((layout([[LogicalLine([Span(text)])]], self.style, width - num_w - 12),
                         layout([[LogicalLine([Span(label)])]], self.style.with_(align="right"), num_w)))
        return rows

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        self.rows = self._rows(aw)
        self.height = sum(max(t.height, n.height) + 0.3 * self.style.leading for t, n in self.rows)
        return aw, self.height

    def draw(self) -> None:
        canv = self.canv
        y = self.height
        num_w = self.style.size * 3
        for text, num in self.rows:
            text.draw(canv, 0, y)
            last = text.lines[-1] if text.lines else None
            if last is not None:
                base = y - text.height + (last.height - last.ascent)
                start = last.indent + last.width + 4
                canv.saveState()
                canv.setDash(1, 2)
                canv.setLineWidth(0.6)
                canv.line(start, base, self.width - num_w - 4, base)
                canv.restoreState()
            num.draw(canv, self.width - num_w, y - text.height + num.height)
            y -= max(text.height, num.height) + 0.3 * self.style.leading


def page_heading(text: str, style: TextStyle) -> TextBlock:
    return TextBlock([[LogicalLine([Span(text)])]], style.with_(align="center", bold=True),
                     space_after=style.leading)


def appendix_pages(paths: Sequence[str], frame: tuple[float, float], heading: Flowable) -> list[Flowable]:
    """ภาคผนวก: each image on its own portrait page, as large as the page allows."""
    story: list[Flowable] = [NextPageTemplate("body-portrait"), PageBreak(), heading]
    width, height = frame
    for n, path in enumerate(paths):
        reader = ImageReader(path)
        w, h = reader.getSize()
        room = height - (60 if n == 0 else 0)
        scale = min(width / w, room / h)
        if n:
            story.append(PageBreak())
        story.append(Image(path, w * scale, h * scale))
    return story
