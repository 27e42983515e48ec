"""The print engine: the only package that imports reportlab.

    build_pdf(data, options, out) -> RenderResult

A report is a pure function of the office's data and the options: no Qt, no database.
reportlab's font state is global and not thread-safe: one render at a time per process.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from ita_desktop.domain import models as m
from ita_desktop.report.options import OptionsError, ReportError, ReportOptions

__all__ = ["OptionsError", "RenderResult", "ReportError", "ReportOptions", "build_pdf"]


@dataclass
class RenderResult:
    pages: int
    orientation: str
    table_size: float | None  # TH Sarabun PSK points the table was set in
    widths_mm: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def build_pdf(data: m.OfficeFile, options: ReportOptions, out: str | Path | BinaryIO) -> RenderResult:
    """Write the report chosen by `options` to `out` (a path or a binary file object).

    Raises OptionsError or ReportError with a Thai message; FontError for a font that
    cannot be embedded."""
    from reportlab.lib.units import mm

    from ita_desktop.report import fonts
    from ita_desktop.report.builder import page_setup
    from ita_desktop.report.implementation import Implementation
    from ita_desktop.report.pages import build

    options.validate()
    try:
        family = fonts.family(options.font)
    except fonts.FontError as exc:
        raise ReportError(str(exc)) from exc
    title = m.DOCUMENT_NAMES[options.document]
    author = data.office.full_name
    target = str(out) if isinstance(out, Path) else out
    avail = {o: page_setup(options, family, o, title, author).frame_width for o in ("portrait", "landscape")}
    if options.document == "analysis":
        from ita_desktop.report.analysis import Analysis

        analysis = Analysis(data, options, family)
        plan = analysis.plan_measures(avail)
        setup = page_setup(options, family, plan.orientation, title, author)
        pages = build(lambda: analysis.story(setup.frame_width, plan), setup, target)
        widths = {k: round(w / mm, 1) for k, w in zip(options.analysis_columns, plan.widths)}
        return RenderResult(pages, plan.orientation, plan.table_psk, widths,
                            _unique(plan.warnings + analysis.warnings))
    report = Implementation(data, options, family)
    if options.layout == "table":
        plan = report.plan_table(avail)
        setup = page_setup(options, family, plan.orientation, title, author)
        pages = build(lambda: report.table_story(setup.frame_width, plan), setup, target)
        widths = {k: round(w / mm, 1) for k, w in zip(options.columns, plan.widths)}
        return RenderResult(pages, plan.orientation, plan.table_psk, widths,
                            _unique(plan.warnings + report.warnings))
    setup = page_setup(options, family, options.page_orientation(), title, author)
    pages = build(lambda: report.blocks_story(setup.frame_width), setup, target)
    return RenderResult(pages, setup.orientation, None, {}, _unique(report.warnings))


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
