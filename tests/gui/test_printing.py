"""ui/printing.py on a QPrinter writing PDF (the measurable stand-in for a Windows printer): the
raster resolution cap, 8-bit grey for pages without colour, and mixed orientation in one job
printed on sheets of one orientation (a page of the other orientation is turned 90°)."""
from __future__ import annotations

import warnings
from io import BytesIO
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrinter
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

from ita_desktop.ui.printing import MAX_DPI, has_colour, load_pdf, page_bands, print_pdf

with warnings.catch_warnings():
    warnings.simplefilter("ignore", EncodingWarning)
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

BAR = 20  # points: a black bar along the top edge of every test page


def _pdf(*pages: str) -> bytes:
    """One page per word: 'portrait', 'landscape', or 'colour' (portrait, with a red square).
    Every page has a black bar along its top edge; a landscape page also has a black square at
    its left end under the bar, so the way it was turned can be told."""
    out = BytesIO()
    c = canvas.Canvas(out, pagesize=A4)
    for kind in pages:
        w, h = landscape(A4) if kind == "landscape" else A4
        c.setPageSize((w, h))
        c.rect(0, h - BAR, w, BAR, stroke=0, fill=1)
        if kind == "landscape":
            c.rect(0, h - BAR - 50, 50, 50, stroke=0, fill=1)
        if kind == "colour":
            c.setFillColorRGB(0.9, 0.1, 0.1)
            c.rect(200, 300, 150, 150, stroke=0, fill=1)
            c.setFillColorRGB(0, 0, 0)
        c.showPage()
    c.save()
    return out.getvalue()


def _printer(tmp: Path, name: str, dpi: int, grey: bool = False) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setResolution(dpi)
    if grey:
        printer.setColorMode(QPrinter.ColorMode.GrayScale)
    printer.setOutputFileName(str(tmp / name))
    return printer


def _images(pdf: Path, page: int) -> list[tuple[int, int, int, int]]:
    """(width px, height px, bits per pixel, colour space) of the page's images."""
    doc = pdfium.PdfDocument(str(pdf))
    try:
        out = []
        for image in doc[page].get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]):
            meta = image.get_metadata()
            w, h = image.get_px_size()
            out.append((w, h, meta.bits_per_pixel, meta.colorspace))
        return out
    finally:
        doc.close()


def _sheets(pdf: Path) -> list[tuple[float, float]]:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return [doc[i].get_size() for i in range(len(doc))]
    finally:
        doc.close()


def _dark(pdf: Path, page: int) -> tuple[set[tuple[int, int]], tuple[int, int, int, int], int, int]:
    """Dark pixels of the page rendered at 72 dpi (1 px = 1 pt), their bounding box, page size."""
    doc = pdfium.PdfDocument(str(pdf))
    try:
        image = doc[page].render(scale=1).to_pil().convert("L")
    finally:
        doc.close()
    w, h = image.size
    px = image.load()
    dark = {(x, y) for y in range(h) for x in range(w) if px[x, y] < 100}
    xs = [x for x, _ in dark]
    ys = [y for _, y in dark]
    return dark, (min(xs), min(ys), max(xs), max(ys)), w, h


def test_the_raster_is_at_most_300_dpi_and_the_printers_own_below(qapp, tmp_path):
    assert MAX_DPI == 300
    data = _pdf("portrait")
    # a 600 dpi printer gets a 300 dpi image of the A4 page, stretched over the sheet
    assert print_pdf(data, _printer(tmp_path, "600.pdf", 600)) == 1
    images = _images(tmp_path / "600.pdf", 0)
    assert {w for w, *_ in images} == {2480}
    assert sum(h for _, h, *_ in images) == 3508
    assert _sheets(tmp_path / "600.pdf") == [pytest.approx(A4, abs=1)]
    # a 150 dpi printer gets 150 dpi
    print_pdf(data, _printer(tmp_path, "150.pdf", 150))
    images = _images(tmp_path / "150.pdf", 0)
    assert {w for w, *_ in images} == {1240}
    assert sum(h for _, h, *_ in images) == 1754


def test_the_cap_is_a_parameter_for_the_benchmark(qapp, tmp_path):
    print_pdf(_pdf("portrait"), _printer(tmp_path, "cap.pdf", 600), max_dpi=100)
    assert {w for w, *_ in _images(tmp_path / "cap.pdf", 0)} == {827}


def test_grey_pages_are_8_bit_grey_images_colour_pages_rgb(qapp, tmp_path):
    doc, _buffer = load_pdf(_pdf("portrait", "colour", "landscape"))
    assert [has_colour(doc, i) for i in range(3)] == [False, True, False]
    for index, turned in ((0, False), (1, False), (2, True)):
        colour = has_colour(doc, index)
        bands = list(page_bands(doc, index, 100, colour, turned))
        want = QImage.Format.Format_RGB888 if colour else QImage.Format.Format_Grayscale8
        assert {band.format() for _, band in bands} == {want}
        # the bands tile the sheet: fractions of its width and height that add up to the whole
        if turned:
            assert sum(where.width() for where, _ in bands) == pytest.approx(1.0)
            assert {where.height() for where, _ in bands} == {1.0}
        else:
            assert sum(where.height() for where, _ in bands) == pytest.approx(1.0)
            assert {where.width() for where, _ in bands} == {1.0}
    # a Grayscale8 image painted on a printer arrives as an 8-bit grey image (Qt's PDF engine
    # writes grey when the printer is set to greyscale; in colour it writes every image as RGB)
    print_pdf(_pdf("portrait"), _printer(tmp_path, "grey.pdf", 100, grey=True))
    images = _images(tmp_path / "grey.pdf", 0)
    assert images and all(bpp == 8 and space == pdfium_c.FPDF_COLORSPACE_DEVICEGRAY
                           for _, _, bpp, space in images)
    # and it is the page: the bar along the top, nothing else
    _, box, w, _h = _dark(tmp_path / "grey.pdf", 0)
    assert box[0] <= 1 and box[1] <= 1 and box[2] >= w - 2 and box[3] == pytest.approx(BAR, abs=2)
    # the colour page keeps its red
    print_pdf(_pdf("colour"), _printer(tmp_path, "colour.pdf", 100))
    doc2 = pdfium.PdfDocument(str(tmp_path / "colour.pdf"))
    try:
        r, g, b = doc2[0].render(scale=1).to_pil().convert("RGB").getpixel((275, 842 - 375))
    finally:
        doc2.close()
    assert r > 180 and g < 80 and b < 80


def test_a_landscape_page_in_a_portrait_job_is_turned_onto_portrait_paper(qapp, tmp_path):
    out = tmp_path / "mixed.pdf"
    assert print_pdf(_pdf("portrait", "landscape", "portrait"), _printer(tmp_path, "mixed.pdf", 72)) == 3
    # every sheet is portrait A4: no page layout changes in the middle of the job
    assert _sheets(out) == [pytest.approx(A4, abs=1)] * 3
    for page in (0, 2):
        _, box, w, _h = _dark(out, page)
        assert box[1] <= 1 and box[3] == pytest.approx(BAR, abs=2) and box[2] >= w - 2
    # the landscape page turned a quarter counter-clockwise: its top along the sheet's left
    # edge (the usual way a landscape page lies in a bound booklet), its left end at the bottom
    dark, box, w, h = _dark(out, 1)
    assert box[0] <= 1 and box[1] <= 1 and box[3] >= h - 2
    assert box[2] == pytest.approx(BAR + 50, abs=2)
    assert (BAR + 25, h - 10) in dark and (BAR + 25, 10) not in dark


def test_a_job_of_landscape_pages_only_goes_on_landscape_sheets(qapp, tmp_path):
    """The table report alone: a landscape job as from any program (the driver's own landscape
    handling, duplex and finishing as the clerk knows them); nothing is turned."""
    out = tmp_path / "wide.pdf"
    assert print_pdf(_pdf("landscape", "landscape"), _printer(tmp_path, "wide.pdf", 72)) == 2
    assert _sheets(out) == [pytest.approx(landscape(A4), abs=1)] * 2
    dark, box, w, _h = _dark(out, 1)
    assert box[0] <= 1 and box[1] <= 1 and box[2] >= w - 2
    assert box[3] == pytest.approx(BAR + 50, abs=2) and (25, BAR + 25) in dark


def test_a_portrait_cover_before_landscape_tables_keeps_the_job_portrait(qapp, tmp_path):
    """The booklet: a portrait cover and mostly landscape tables. The sheets stay portrait so no
    portrait page is ever turned (upside down on a driver that turns landscape the other way)."""
    out = tmp_path / "booklet.pdf"
    data = _pdf("portrait", "landscape", "landscape", "landscape")
    assert print_pdf(data, _printer(tmp_path, "booklet.pdf", 72)) == 4
    assert _sheets(out) == [pytest.approx(A4, abs=1)] * 4
    _, box, w, _h = _dark(out, 0)
    assert box[3] == pytest.approx(BAR, abs=2) and box[2] >= w - 2
    for page in (1, 2, 3):
        dark, box, _w, h = _dark(out, page)
        assert box[0] <= 1 and box[3] >= h - 2 and (BAR + 25, h - 10) in dark
    # a page range of tables only is a landscape job again
    ranged = _printer(tmp_path, "tables.pdf", 72)
    ranged.setPrintRange(QPrinter.PrintRange.PageRange)
    ranged.setFromTo(2, 3)
    assert print_pdf(data, ranged) == 2
    assert _sheets(tmp_path / "tables.pdf") == [pytest.approx(landscape(A4), abs=1)] * 2
