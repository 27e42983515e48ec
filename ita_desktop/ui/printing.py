"""Printing a report's PDF on paper: A4, the whole page, one page at a time.

QtPdf renders each page to an image at the printer's resolution (at most 600 dpi) and the image
is drawn over the full sheet, so the margins on paper are the PDF's own, exactly. Text pages go
out in greyscale (4× less memory than colour); copies and collation are done here when the
driver cannot, page ranges are honoured, duplex is the driver's.
"""
from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPrintSupport import QPrinter

MAX_DPI = 600
BAND = 1024  # pixel rows rendered at a time


class PrintError(Exception):
    """Printing did not happen; the message is Thai."""


def load_pdf(data: bytes, parent: object | None = None) -> tuple[QPdfDocument, QBuffer]:
    """A QPdfDocument read from bytes (keep the buffer alive as long as the document)."""
    doc = QPdfDocument(parent)  # type: ignore[arg-type]
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


def print_pdf(data: bytes, printer: QPrinter) -> int:
    """Print the PDF's pages chosen on `printer`; returns the number of sheets sent.
    Text pages go in greyscale, pages with colour (a logo on the cover) in colour."""
    doc, _buffer = load_pdf(data)
    pages = pages_to_print(printer, doc.pageCount())
    if not pages:
        raise PrintError("ไม่มีหน้าที่เลือกให้พิมพ์")
    dpi = min(printer.resolution(), MAX_DPI)
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
    painter = QPainter()
    first = True
    sent = 0
    for index in order:
        size_pt = doc.pagePointSize(index)
        landscape = size_pt.width() > size_pt.height()
        layout = QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                             QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait,
                             QMarginsF(0, 0, 0, 0))
        printer.setFullPage(True)
        if first:
            printer.setPageLayout(layout)
            if not painter.begin(printer):
                raise PrintError("เริ่มพิมพ์ไม่ได้: ตรวจสอบเครื่องพิมพ์")
            first = False
        else:
            printer.setPageLayout(layout)
            printer.newPage()
        target = QSize(round(size_pt.width() / 72 * dpi), round(size_pt.height() / 72 * dpi))
        colour = has_colour(doc, index)
        rect = painter.viewport()
        scale_x = rect.width() / target.width()
        scale_y = rect.height() / target.height()
        # in bands: a whole A4 page at 600 dpi is 140 MB in colour; a band is a fraction
        for top in range(0, target.height(), BAND):
            height = min(BAND, target.height() - top)
            options = QPdfDocumentRenderOptions()
            options.setScaledSize(target)
            options.setScaledClipRect(QRect(0, top, target.width(), height))
            band = on_white(doc.render(index, QSize(target.width(), height), options))
            if not colour:
                band = band.convertToFormat(QImage.Format.Format_Grayscale8)
            painter.drawImage(QRectF(rect.x(), rect.y() + top * scale_y, target.width() * scale_x,
                                     height * scale_y), band)
            del band
        sent += 1
    painter.end()
    return sent
