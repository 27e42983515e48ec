"""Bar charts of ITA scores, drawn as vectors: legible on a mono laser printer (hatching rather
than colour, a value on every bar, the 85-point line), every label through the shaped primitive."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from ita_desktop.report.text import LogicalLine, Span, TextLayout, TextStyle, layout

# hatching per tool, so bars read apart without colour
HATCHES = {"total": "solid", "IIT": "diagonal", "EIT": "horizontal", "OIT": "cross"}


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal | None
    kind: str  # total, IIT, EIT, OIT


def _text(text: str, style: TextStyle, width: float) -> TextLayout:
    return layout([[LogicalLine([Span(text)])]], style, width)


def hatch(canv: Canvas, kind: str, x: float, y: float, w: float, h: float) -> None:
    """Fill a rectangle with the pattern of `kind` (outline included)."""
    canv.saveState()
    canv.setLineWidth(0.6)
    if kind == "solid":
        canv.setFillGray(0.35)
        canv.rect(x, y, w, h, stroke=1, fill=1)
        canv.restoreState()
        return
    path = canv.beginPath()
    path.rect(x, y, w, h)
    canv.clipPath(path, stroke=0, fill=0)
    canv.setLineWidth(0.5)
    step = 3.5
    if kind in ("diagonal", "cross"):
        d = -h
        while d < w:
            canv.line(x + d, y, x + d + h, y + h)
            d += step
    if kind == "cross":
        d = 0.0
        while d < w + h:
            canv.line(x + d, y, x + d - h, y + h)
            d += step
    if kind == "horizontal":
        yy = y + step / 2
        while yy < y + h:
            canv.line(x, yy, x + w, yy)
            yy += step
    canv.restoreState()
    canv.saveState()
    canv.setLineWidth(0.6)
    canv.rect(x, y, w, h, stroke=1, fill=0)
    canv.restoreState()


class BarChart(Flowable):  # type: ignore[misc]
    """Vertical bars 0–100 with values on top, x labels below, a dashed line at `threshold`
    and a legend of the hatches used."""

    def __init__(self, bars: Sequence[Bar], style: TextStyle, height: float,
                 fmt: Callable[[Decimal], str], threshold: Decimal | None = Decimal(85),
                 legend: dict[str, str] | None = None) -> None:
        super().__init__()
        self.bars = list(bars)
        self.style = style
        self.chart_height = height
        self.fmt = fmt
        self.threshold = threshold
        self.legend = legend or {}

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        self.height = self.chart_height
        return aw, self.height

    def draw(self) -> None:
        canv = self.canv
        small = self.style
        axis_w = _text(self.fmt(Decimal(100)).split(".")[0], small, 100).natural_width() + 6
        right_w = _text(self.fmt(Decimal(85)).split(".")[0], small, 100).natural_width() + 6
        plot_right = self.width - right_w
        slot = (plot_right - axis_w) / max(len(self.bars), 1)
        labels = [_text(b.label, small.with_(align="center"), slot - 4) for b in self.bars]
        label_h = max((lay.height for lay in labels), default=0.0)
        legend_h = small.leading * 1.4 if self.legend else 0.0
        bottom = label_h + 4 + legend_h
        top_room = small.leading * 1.2
        plot_h = self.height - bottom - top_room
        x0 = axis_w
        canv.saveState()
        canv.setLineWidth(0.3)
        canv.setStrokeGray(0.6)
        for tick in range(0, 101, 20):
            y = bottom + plot_h * tick / 100
            canv.line(x0, y, plot_right, y)
            lab = _text(self.fmt(Decimal(tick)).split(".")[0], small.with_(align="right"), axis_w - 4)
            lab.draw(canv, 0, y + lab.height / 2)
        canv.restoreState()
        for i, (bar, lab) in enumerate(zip(self.bars, labels)):
            x = x0 + i * slot
            bw = slot * 0.6
            bx = x + (slot - bw) / 2
            if bar.value is not None:
                h = plot_h * float(bar.value) / 100
                if h > 0:
                    hatch(canv, HATCHES.get(bar.kind, "diagonal"), bx, bottom, bw, h)
                val = _text(self.fmt(bar.value), small.with_(align="center"), slot)
                val.draw(canv, x, bottom + h + val.height + 1 - 2)
            lab.draw(canv, x + 2, bottom - 3)
        canv.setLineWidth(0.8)
        canv.line(x0, bottom, plot_right, bottom)
        canv.line(x0, bottom, x0, bottom + plot_h)
        if self.threshold is not None:
            y = bottom + plot_h * float(self.threshold) / 100
            canv.saveState()
            canv.setDash(4, 2)
            canv.setLineWidth(0.9)
            canv.line(x0, y, plot_right, y)
            canv.restoreState()
            lab = _text(self.fmt(self.threshold).split(".")[0], small, right_w)
            lab.draw(canv, plot_right + 4, y + lab.height / 2)
        if self.legend:
            x = x0
            for kind, text in self.legend.items():
                hatch(canv, HATCHES.get(kind, "diagonal"), x, 2, 14, small.size * 0.9)
                lay = _text(text, small, 200)
                lay.draw(canv, x + 18, 2 + lay.height - small.size * 0.15)
                x += 18 + lay.natural_width() + 16
