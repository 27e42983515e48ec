"""Draws the application icon with Qt and writes it as a multi-size Windows .ico.

    python tools/make_icon.py [OUTDIR]          # default: resources/icons

A deep-blue rounded square with a white page and a green check mark: the office's ITA
data, done. Each size is drawn on its own grid (no downscaled 256 px picture: at 16 px the
page and the check are whole pixels); "ITA" in Sarabun Bold is on the page from 48 px up.
Writes ita-desktop.ico (16, 24, 32, 48, 64, 256 px; 32-bit BMP entries, the 256 px one PNG,
as Windows' own icons are) and ita-desktop-256.png. Deterministic: run it again after a
change of design and commit both files (tests/e2e/test_packaging.py reads the .ico).
"""
from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZES = (16, 24, 32, 48, 64, 256)
BLUE_TOP, BLUE_BOTTOM = "#2b62b8", "#123a7a"
GREEN = "#1f9d55"
FOLD = "#c7d5ee"
INK = "#123a7a"


def draw(size: int):  # -> QImage
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import (
        QBrush,
        QColor,
        QFont,
        QImage,
        QLinearGradient,
        QPainter,
        QPainterPath,
        QPen,
    )

    s = float(size)
    img = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing)

    # the tile
    inset = 0.0 if size <= 24 else round(s * 0.03)
    tile = QRectF(inset, inset, s - 2 * inset, s - 2 * inset)
    grad = QLinearGradient(0, 0, 0, s)
    grad.setColorAt(0, QColor(BLUE_TOP))
    grad.setColorAt(1, QColor(BLUE_BOTTOM))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(grad))
    p.drawRoundedRect(tile, s * 0.2, s * 0.2)

    # the page, on whole pixels, its top right corner folded
    left, right = round(s * 0.22), s - round(s * 0.22)
    top, bottom = round(s * 0.12), s - round(s * 0.12)
    fold = max(3, round(s * 0.17))
    page = QPainterPath()
    page.moveTo(left, top)
    page.lineTo(right - fold, top)
    page.lineTo(right, top + fold)
    page.lineTo(right, bottom)
    page.lineTo(left, bottom)
    page.closeSubpath()
    p.setBrush(QColor("white"))
    p.drawPath(page)
    corner = QPainterPath()
    corner.moveTo(right - fold, top)
    corner.lineTo(right - fold, top + fold)
    corner.lineTo(right, top + fold)
    corner.closeSubpath()
    p.setBrush(QColor(FOLD))
    p.drawPath(corner)

    width = right - left
    if size >= 48:  # "ITA" at the top of the page
        from PySide6.QtGui import QFontDatabase

        fid = QFontDatabase.addApplicationFont(str(ROOT / "fonts" / "Sarabun-Bold.ttf"))
        family = QFontDatabase.applicationFontFamilies(fid)[0] if fid >= 0 else "Sans"
        font = QFont(family)
        font.setPixelSize(round(s * 0.2))
        font.setWeight(QFont.Weight.Bold)
        p.setFont(font)
        p.setPen(QColor(INK))
        p.drawText(QRectF(left, top + s * 0.05, width - fold * 0.55, s * 0.24),
                   Qt.AlignmentFlag.AlignCenter, "ITA")
    elif size >= 32:  # two lines of "text"
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(FOLD))
        bar = max(2, round(s * 0.06))
        for i, length in enumerate((width - fold - 3, width - 6)):
            p.drawRect(QRectF(left + 3, top + 4 + i * (bar + 2), length, bar))

    # the check mark
    pen = QPen(QColor(GREEN), max(2.0, s * (0.11 if size <= 24 else 0.095)))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    low = 0.5 if size >= 32 else 0.36  # where the check starts, down the page
    a = QPointF(left + width * 0.2, top + (bottom - top) * (low + 0.2))
    b = QPointF(left + width * 0.42, top + (bottom - top) * (low + 0.36))
    c = QPointF(left + width * 0.82, top + (bottom - top) * low)
    check = QPainterPath(a)
    check.lineTo(b)
    check.lineTo(c)
    p.drawPath(check)
    p.end()
    return img.convertToFormat(QImage.Format.Format_ARGB32)


def png_bytes(img) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    img.save(buf, "PNG")
    buf.close()
    return bytes(data.data())


def bmp_entry(img) -> bytes:
    """An icon image as Windows stores it: BITMAPINFOHEADER (height doubled for the mask),
    32-bit BGRA rows bottom up, then the 1-bit AND mask (all 0: the alpha channel rules)."""
    size = img.width()
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    rows = []
    for y in reversed(range(size)):
        line = img.constScanLine(y)  # ARGB32: B, G, R, A in memory on little-endian machines
        rows.append(bytes(line)[: size * 4])
    mask_row = ((size + 31) // 32) * 4
    return header + b"".join(rows) + bytes(mask_row * size)


def ico_bytes(images: dict[int, object]) -> bytes:
    """ICONDIR, one ICONDIRENTRY per size, then the images (PNG from 256 px, else BMP)."""
    frames = [(size, png_bytes(img) if size >= 256 else bmp_entry(img)) for size, img in images.items()]
    offset = 6 + 16 * len(frames)
    head = struct.pack("<HHH", 0, 1, len(frames))
    entries = b""
    for size, data in frames:
        dim = 0 if size >= 256 else size  # 0 means 256
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    return head + entries + b"".join(data for _, data in frames)


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    out = Path(argv[0]) if argv else ROOT / "resources" / "icons"
    out.mkdir(parents=True, exist_ok=True)
    images = {size: draw(size) for size in SIZES}
    (out / "ita-desktop.ico").write_bytes(ico_bytes(images))
    (out / "ita-desktop-256.png").write_bytes(png_bytes(images[256]))
    if os.environ.get("ITA_ICON_PREVIEW"):  # every size as a PNG, to look at
        for size, img in images.items():
            (out / f"preview-{size}.png").write_bytes(png_bytes(img))
    print(f"wrote {out / 'ita-desktop.ico'} ({', '.join(map(str, SIZES))} px) and ita-desktop-256.png")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
