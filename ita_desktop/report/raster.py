"""A chart drawn by the PDF's own code into a picture (PNG), for the Word file.

`RasterCanvas` takes the few canvas calls charts.BarChart makes (lines, rectangles, grey
fills, dashes, a rectangular clip) and the shaped text of report.text (glyph outlines from
HarfBuzz, placed as the PDF places them), and paints them with Pillow: no renderPM backend,
no PDF rasteriser, nothing the frozen app does not already ship. Drawn at three times the
resolution and scaled down, so edges are smooth.
"""
from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from PIL import Image, ImageChops, ImageDraw

SUPERSAMPLE = 3
CURVE_STEPS = 8


@dataclass(frozen=True)
class _State:
    line_width: float = 1.0
    stroke: float = 0.0  # grey: 0 black, 1 white
    fill: float = 0.0
    dash: tuple[float, ...] = ()
    clip: tuple[float, float, float, float] | None = None  # x0, y0, x1, y1 in points


class _Path:
    def __init__(self) -> None:
        self.rects: list[tuple[float, float, float, float]] = []

    def rect(self, x: float, y: float, w: float, h: float) -> None:
        self.rects.append((min(x, x + w), min(y, y + h), max(x, x + w), max(y, y + h)))


class RasterCanvas:
    """Points (y up, as a PDF page) painted on a white picture `width` × `height` points at `dpi`."""

    def __init__(self, width: float, height: float, dpi: int) -> None:
        self.scale = dpi / 72.0 * SUPERSAMPLE
        self.width, self.height, self.dpi = width, height, dpi
        self.image = Image.new("L", (max(1, round(width * self.scale)), max(1, round(height * self.scale))), 255)
        self.draw = ImageDraw.Draw(self.image)
        self.state = _State()
        self.saved: list[_State] = []

    # --- the canvas calls charts.BarChart makes -------------------------------------------
    def saveState(self) -> None:
        self.saved.append(self.state)

    def restoreState(self) -> None:
        self.state = self.saved.pop() if self.saved else _State()

    def setLineWidth(self, width: float) -> None:
        self.state = replace(self.state, line_width=width)

    def setStrokeGray(self, gray: float) -> None:
        self.state = replace(self.state, stroke=gray)

    def setFillGray(self, gray: float) -> None:
        self.state = replace(self.state, fill=gray)

    def setDash(self, array: Any = (), phase: float = 0) -> None:
        dash: tuple[float, ...] = (float(array), float(array)) if isinstance(array, (int, float)) \
            else tuple(float(a) for a in array)
        self.state = replace(self.state, dash=dash)

    def beginPath(self) -> _Path:
        return _Path()

    def clipPath(self, path: _Path, stroke: int = 0, fill: int = 0) -> None:
        clip = self.state.clip
        for r in path.rects:
            clip = r if clip is None else (max(clip[0], r[0]), max(clip[1], r[1]),
                                           min(clip[2], r[2]), min(clip[3], r[3]))
        self.state = replace(self.state, clip=clip)

    def rect(self, x: float, y: float, w: float, h: float, stroke: int = 1, fill: int = 0) -> None:
        x0, y0, x1, y1 = min(x, x + w), min(y, y + h), max(x, x + w), max(y, y + h)
        clip = self.state.clip
        if fill:
            fx0, fy0, fx1, fy1 = (x0, y0, x1, y1) if clip is None else (
                max(x0, clip[0]), max(y0, clip[1]), min(x1, clip[2]), min(y1, clip[3]))
            if fx1 > fx0 and fy1 > fy0:
                a, b = self._xy(fx0, fy1), self._xy(fx1, fy0)
                self.draw.rectangle([a, b], fill=self._grey(self.state.fill))
        if stroke:
            for seg in ((x0, y0, x1, y0), (x1, y0, x1, y1), (x1, y1, x0, y1), (x0, y1, x0, y0)):
                self.line(*seg)

    def line(self, x1: float, y1: float, x2: float, y2: float) -> None:
        clipped = _clip_line(x1, y1, x2, y2, self.state.clip)
        if clipped is None:
            return
        x1, y1, x2, y2 = clipped
        width = max(1, round(self.state.line_width * self.scale))
        colour = self._grey(self.state.stroke)
        for a, b in _dashes(x1, y1, x2, y2, self.state.dash):
            self.draw.line([self._xy(*a), self._xy(*b)], fill=colour, width=width)

    # --- shaped text (report.text.draw_segments hands its segments here) ---------------------
    def draw_shaped(self, segments: Sequence[Any], x: float, baseline: float, gray: float = 0.0,
                    stretch: float = 0.0) -> None:
        """Each glyph's outline filled where the PDF would draw it; `stretch` spread between
        the glyphs that take room, as draw_segments spreads it."""
        shaped = [seg.face.shape(seg.text) for seg in segments]
        count = sum(1 for glyphs in shaped for g in glyphs if g.advance > 0)
        spread = stretch / (count - 1) if stretch and count > 1 else 0.0
        pen = x
        for seg, glyphs in zip(segments, shaped):
            scale = seg.size / 1000.0
            for g in glyphs:
                self._glyph(seg.face.outline(g.code), pen + g.x_offset * scale, baseline + g.y_offset * scale,
                            scale, gray)
                pen += g.advance * scale + (spread if g.advance > 0 else 0.0)

    def _glyph(self, ops: Sequence[tuple[str, tuple[float, ...]]], gx: float, gy: float, scale: float,
               gray: float) -> None:
        contours: list[list[tuple[float, float]]] = []
        current: list[tuple[float, float]] = []
        last = (0.0, 0.0)
        for op, values in ops:
            if op == "m":
                if len(current) > 2:
                    contours.append(current)
                current = [self._xy(gx + values[0] * scale, gy + values[1] * scale)]
                last = (values[0], values[1])
            elif op == "l":
                current.append(self._xy(gx + values[0] * scale, gy + values[1] * scale))
                last = (values[0], values[1])
            elif op == "c":
                x0, y0 = last
                x1, y1, x2, y2, x3, y3 = values
                for k in range(1, CURVE_STEPS + 1):
                    t = k / CURVE_STEPS
                    u = 1 - t
                    px = u ** 3 * x0 + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t ** 3 * x3
                    py = u ** 3 * y0 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t ** 3 * y3
                    current.append(self._xy(gx + px * scale, gy + py * scale))
                last = (x3, y3)
            elif op == "h" and len(current) > 2:
                contours.append(current)
                current = []
        if len(current) > 2:
            contours.append(current)
        if not contours:
            return
        xs = [p[0] for c in contours for p in c]
        ys = [p[1] for c in contours for p in c]
        left, top = int(min(xs)) - 1, int(min(ys)) - 1
        size = (int(max(xs)) - left + 2, int(max(ys)) - top + 2)
        mask = Image.new("1", size, 0)
        for contour in contours:  # even-odd: a counter (the hole of อ) cancels its letter
            one = Image.new("1", size, 0)
            ImageDraw.Draw(one).polygon([(px - left, py - top) for px, py in contour], fill=1)
            mask = ImageChops.logical_xor(mask, one)
        self.image.paste(self._grey(gray), (left, top, left + size[0], top + size[1]), mask)

    # --- helpers -------------------------------------------------------------------------------
    def _xy(self, x: float, y: float) -> tuple[float, float]:
        return x * self.scale, (self.height - y) * self.scale

    @staticmethod
    def _grey(gray: float) -> int:
        return max(0, min(255, round(gray * 255)))

    def png(self) -> bytes:
        image = self.image.resize((max(1, round(self.width * self.dpi / 72)), max(1, round(self.height * self.dpi / 72))),
                                  Image.Resampling.LANCZOS)
        out = io.BytesIO()
        image.save(out, "PNG", dpi=(self.dpi, self.dpi))
        return out.getvalue()


def _clip_line(x1: float, y1: float, x2: float, y2: float,
               clip: tuple[float, float, float, float] | None) -> tuple[float, float, float, float] | None:
    """The part of the segment inside `clip` (Liang–Barsky), None when none is."""
    if clip is None:
        return x1, y1, x2, y2
    dx, dy = x2 - x1, y2 - y1
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, x1 - clip[0]), (dx, clip[2] - x1), (-dy, y1 - clip[1]), (dy, clip[3] - y1)):
        if p == 0:
            if q < 0:
                return None
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return None
    return x1 + t0 * dx, y1 + t0 * dy, x1 + t1 * dx, y1 + t1 * dy


def _dashes(x1: float, y1: float, x2: float, y2: float, dash: tuple[float, ...]
            ) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """The drawn pieces of a line with the dash pattern (on, off, …) in points."""
    length = ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5
    if not dash or length == 0 or sum(dash) <= 0:
        return [((x1, y1), (x2, y2))]
    pieces = []
    pos, k = 0.0, 0
    while pos < length:
        step = dash[k % len(dash)]
        end = min(pos + step, length)
        if k % 2 == 0:
            a, b = pos / length, end / length
            pieces.append(((x1 + a * (x2 - x1), y1 + a * (y2 - y1)), (x1 + b * (x2 - x1), y1 + b * (y2 - y1))))
        pos, k = end, k + 1
    return pieces


def chart_png(chart: Any, width: float, dpi: int = 200) -> bytes:
    """`chart` (a flowable that draws through the calls above: charts.BarChart) as a PNG
    `width` points wide, at `dpi`."""
    chart.wrap(width, float(chart.chart_height))
    canvas = RasterCanvas(width, float(chart.height), dpi)
    chart.canv = canvas
    try:
        chart.draw()
    finally:
        del chart.canv
    return canvas.png()
