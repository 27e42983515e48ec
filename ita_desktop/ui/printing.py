"""Printing a report's PDF on paper: A4, the whole page, one page at a time.

QtPdf renders each page to an image at the printer's resolution, at most 300 dpi (what text looks
like from a laser printer; the driver stretches it to a finer printer's resolution), and the
image is drawn over the full sheet, so the margins on paper are the PDF's own, exactly. Text
pages go as 8-bit grey images, pages with colour (a logo) as 24-bit RGB. Copies and collation
are done here when the driver cannot, page ranges are honoured, duplex is the driver's.

One job, one sheet orientation, set before the job starts (changing the page layout in the middle
of a job is ignored by some Windows drivers): landscape when every page printed is landscape,
otherwise portrait, and a landscape page (a wide table in a booklet) is turned a quarter onto the
portrait sheet, its top along the left edge, as PDF viewers' "auto-rotate" does.

What Windows receives (Qt 6's QWin32PrintEngine::drawPixmap): every image is copied into
2048-pixel tiles of 32-bit RGB and sent with StretchBlt, whatever its own format, so the spool
holds about 4 bytes per pixel: 35 MB per A4 sheet at 300 dpi, 139 MB at 600 dpi. The image's
format still matters before that: no alpha channel (an image with one sends the page through
Qt's alpha path, rasterised again at the printer's own resolution) and no rotation by the
painter (a rotated painter makes the same engine transform the pixmap itself).
"""
from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QMarginsF,
    QObject,
    QRect,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QTransform
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPrintSupport import QPrinter

MAX_DPI = 300  # the raster's resolution at most; the benchmark passes 600 for the old figures
BAND = 1024  # pixel rows rendered at a time


class PrintError(Exception):
    """Printing did not happen; the message is Thai."""


def load_pdf(data: bytes, parent: QObject | None = None) -> tuple[QPdfDocument, QBuffer]:
    """A QPdfDocument read from bytes (keep the buffer alive as long as the document)."""
    doc = QPdfDocument() if parent is None else QPdfDocument(parent)
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    doc.load(buffer)
    if doc.status() != QPdfDocument.Status.Ready:
        raise PrintError("อ่านไฟล์ PDF ของรายงานไม่ได้")
    return doc, buffer


def on_white(image: QImage) -> QImage:
    """QtPdf leaves the page transparent: paint white under it, in place (no second copy)."""
    painter = QPainter(image)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_DestinationOver)
    painter.fillRect(image.rect(), Qt.GlobalColor.white)
    painter.end()
    return image


def has_colour(doc: QPdfDocument, index: int) -> bool:
    """Does the page hold colour (a logo, a photo)? Judged on a small rendering."""
    thumb = doc.render(index, QSize(120, 170))
    for y in range(0, thumb.height(), 2):
        for x in range(0, thumb.width(), 2):
            c = thumb.pixelColor(x, y)
            if c.alpha() > 0 and max(abs(c.red() - c.green()), abs(c.green() - c.blue())) > 24:
                return True
    return False


def pages_to_print(printer: QPrinter, page_count: int) -> list[int]:
    """0-based pages chosen in the print dialog (all, a range, or the current page)."""
    if printer.printRange() == QPrinter.PrintRange.PageRange:
        first, last = printer.fromPage(), printer.toPage()
        if first <= 0:
            first = 1
        if last <= 0 or last > page_count:
            last = page_count
        return list(range(first - 1, last))
    return list(range(page_count))


def is_pdf_printer(printer: QPrinter) -> bool:
    """A 'Microsoft Print to PDF'-like printer: the clerk should rather use Save as PDF (text
    stays text there)."""
    name = (printer.printerName() or "").lower()
    return printer.outputFormat() == QPrinter.OutputFormat.PdfFormat or "pdf" in name


def raster_dpi(printer: QPrinter, max_dpi: int = MAX_DPI) -> int:
    """The resolution pages are rendered at: the printer's, at most `max_dpi`."""
    resolution = printer.resolution()
    return min(resolution, max_dpi) if resolution > 0 else max_dpi


def is_landscape(doc: QPdfDocument, index: int) -> bool:
    size = doc.pagePointSize(index)
    return size.width() > size.height()


def sheet_orientation(doc: QPdfDocument, pages: list[int]) -> QPageLayout.Orientation:
    """The job's one orientation: landscape when every page is (the table report alone: a
    landscape job as from any program), otherwise portrait, so a portrait page is never turned
    (it would come out upside down from a driver that turns landscape the other way)."""
    if all(is_landscape(doc, p) for p in pages):
        return QPageLayout.Orientation.Landscape
    return QPageLayout.Orientation.Portrait


def page_bands(doc: QPdfDocument, index: int, dpi: int, colour: bool,
               turned: bool = False) -> Iterator[tuple[QRectF, QImage]]:
    """The page rendered at `dpi` in bands of BAND rows (a whole A4 page at 600 dpi is 140 MB in
    colour): each band as an image without alpha, Grayscale8 or RGB888 when `colour`, with where
    it goes on the sheet in fractions of the sheet's width and height. `turned`: the page turned a
    quarter counter-clockwise (a landscape page on a portrait sheet, its top along the left edge);
    the image is turned here, not the painter (see above)."""
    size_pt = doc.pagePointSize(index)
    target = QSize(round(size_pt.width() / 72 * dpi), round(size_pt.height() / 72 * dpi))
    w, h = target.width(), target.height()
    quarter = QTransform().rotate(-90)
    for top in range(0, h, BAND):
        rows = min(BAND, h - top)
        options = QPdfDocumentRenderOptions()
        options.setScaledSize(target)
        options.setScaledClipRect(QRect(0, top, w, rows))
        band = on_white(doc.render(index, QSize(w, rows), options))
        band = band.convertToFormat(QImage.Format.Format_RGB888 if colour
                                    else QImage.Format.Format_Grayscale8)
        if turned:  # the band's top row goes to its left column: a strip across the sheet
            yield QRectF(top / h, 0, rows / h, 1), band.transformed(quarter)  # exact, same format
        else:
            yield QRectF(0, top / h, 1, rows / h), band


def print_pdf(data: bytes, printer: QPrinter, max_dpi: int = MAX_DPI) -> int:
    """Print the PDF's pages chosen on `printer`; returns the number of sheets sent.
    Text pages go in greyscale, pages with colour (a logo on the cover) in colour; pages at most
    `max_dpi` (the printer's resolution when lower)."""
    doc, _buffer = load_pdf(data)
    pages = pages_to_print(printer, doc.pageCount())
    if not pages:
        raise PrintError("ไม่มีหน้าที่เลือกให้พิมพ์")
    dpi = raster_dpi(printer, max_dpi)
    copies = 1
    if not printer.supportsMultipleCopies():
        copies = max(1, printer.copyCount())
    order: list[int] = []
    if printer.collateCopies():
        for _ in range(copies):
            order += pages
    else:
        for p in pages:
            order += [p] * copies
    orientation = sheet_orientation(doc, pages)
    wide_sheets = orientation == QPageLayout.Orientation.Landscape
    printer.setFullPage(True)
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation,
                                      QMarginsF(0, 0, 0, 0)))
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError("เริ่มพิมพ์ไม่ได้: ตรวจสอบเครื่องพิมพ์")
    colours: dict[int, bool] = {}
    sent = 0
    for index in order:
        if sent:
            printer.newPage()
        if index not in colours:
            colours[index] = has_colour(doc, index)
        turned = not wide_sheets and is_landscape(doc, index)
        rect = QRectF(painter.viewport())
        for where, band in page_bands(doc, index, dpi, colours[index], turned):
            # NoFormatConversion: the Windows engine keeps the 8-bit band (not a 32-bit copy)
            # in the page it records until newPage
            painter.drawImage(QRectF(rect.x() + where.x() * rect.width(),
                                     rect.y() + where.y() * rect.height(),
                                     where.width() * rect.width(), where.height() * rect.height()),
                              band, QRectF(band.rect()), Qt.ImageConversionFlag.NoFormatConversion)
            del band
        sent += 1
    painter.end()
    return sent
