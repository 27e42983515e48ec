"""The print engine: the only package that imports reportlab.

    build_pdf(data, options, out) -> RenderResult
    build_docx(data, options, out) -> RenderResult   (the same document as a Word file)

A report is a pure function of the office's data and the options: no Qt, no database.
reportlab's font state is global and not thread-safe: one render at a time per process.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, BinaryIO

from ita_desktop.domain import models as m
from ita_desktop.report.options import OptionsError, ReportError, ReportOptions

__all__ = ["OptionsError", "RenderResult", "ReportError", "ReportOptions", "build_docx", "build_pdf"]


@dataclass
class RenderResult:
    pages: int
    orientation: str
    table_size: float | None  # TH Sarabun PSK points the table was set in
    widths_mm: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    draft: bool = False  # printed with the "ฉบับร่าง" watermark


MAX_FIELD = 50_000  # characters of one printed field, as an exchange file allows (a long
# unbroken paste of a million letters would lay out for minutes and print thousands of pages)


def refuse_overlong_fields(data: m.OfficeFile, options: ReportOptions) -> None:
    """ReportError naming the measure (or issue) and the field that is too long to print."""
    from ita_desktop.report.options import DEFAULT_HEADINGS
    from ita_desktop.thai.digits import to_thai_digits

    plan = data.plan(options.fiscal_year)
    if plan is None:
        return

    def check(owner: str, record: m.Record) -> None:
        for f in fields(record):
            value = getattr(record, f.name)
            if isinstance(value, str) and len(value) > MAX_FIELD:
                label = options.heading(f.name) if f.name in DEFAULT_HEADINGS else f.name
                raise ReportError(to_thai_digits(
                    f"{owner} ช่อง «{label[:60]}» ยาว {len(value):,} ตัวอักษร เกินกว่าที่พิมพ์ได้ "
                    f"({MAX_FIELD:,} ตัวอักษร) โปรดตัดหรือแบ่งให้สั้นลงก่อนพิมพ์"))

    for number, measure in enumerate(data.measures_of(plan.id), 1):
        check(f"มาตรการที่ {number}", measure)
        for round_ in m.ROUNDS:
            result = data.result(measure.id, round_)
            if result is not None:
                check(f"มาตรการที่ {number} (ผลการดำเนินการ)", result)
    for number, group in enumerate(data.groups_of(plan.id), 1):
        check(f"ประเด็นที่ {number}", group)


@dataclass
class Prepared:
    """A document made ready to be written, the same for the PDF and the Word file: its builder
    (which computes every text, row, heading, number and signature), the column plan of its
    table, the page setup of each orientation and the story of each layout.
    `story(state)` is the list of flowables the PDF lays out; the Word writer reads the same."""

    builder: Any
    plan: Any  # builder.Plan, or None (the blocks layout)
    orientation: str  # of the body's first pages
    draft: bool
    title: str
    setup_for: Callable[[str], Any]
    story: Callable[[Any], list[Any]]
    column_keys: list[str]


def _family(data: m.OfficeFile, options: ReportOptions) -> Any:
    """The font family printed (the office's names kept whole by the word breaker first)."""
    from ita_desktop.report import fonts
    from ita_desktop.thai import words

    office = data.office
    if words.keep_whole([office.name, office.tambon, office.amphoe, office.changwat]):
        from ita_desktop.report.text import forget_measured_words

        forget_measured_words()
    try:
        return fonts.family(options.font)
    except fonts.FontError as exc:
        raise ReportError(str(exc)) from exc


def prepare(data: m.OfficeFile, options: ReportOptions) -> Prepared:
    """Check the options and the data and compute the document (not for the paperwork)."""
    from ita_desktop.report.builder import page_setup
    from ita_desktop.report.implementation import Implementation

    family = _family(data, options)
    if options.document == "analysis":
        from ita_desktop.report.analysis import Analysis

        builder: Any = Analysis(data, options, family)
    else:
        builder = Implementation(data, options, family)
    values = builder.template_values()
    title = f"{m.DOCUMENT_NAMES[options.document]} ปีงบประมาณ พ.ศ. {values['ปีงบประมาณ']} {data.office.full_name}"
    draft = options.draft == "yes" or (options.draft == "auto" and not builder.approved())

    def setup_for(orientation: str) -> Any:
        return replace(page_setup(options, family, orientation, title, data.office.full_name),
                       subject="ITA", watermark="ฉบับร่าง" if draft else "",
                       front_matter=options.front_matter, two_passes=options.front_matter)

    avail = {o: setup_for(o).frame_width for o in ("portrait", "landscape")}
    portrait = setup_for("portrait")
    portrait_frame = (portrait.frame_width, portrait.frame_height)
    if options.document == "analysis":
        plan = builder.plan_measures(avail)
        main = options.page_orientation()
        width = setup_for(main).frame_width
        return Prepared(builder, plan, main, draft, title, setup_for,
                        lambda state: builder.story(width, plan, state, portrait_frame),
                        list(options.analysis_columns))
    if options.layout == "table":
        plan = builder.plan_table(avail)
        width = setup_for(plan.orientation).frame_width
        return Prepared(builder, plan, plan.orientation, draft, title, setup_for,
                        lambda state: builder.table_story(width, plan, state, portrait_frame),
                        list(options.columns))
    main = options.page_orientation()
    width = setup_for(main).frame_width
    return Prepared(builder, None, main, draft, title, setup_for,
                    lambda state: builder.blocks_story(width, state, portrait_frame), [])


def build_pdf(data: m.OfficeFile, options: ReportOptions, out: str | Path | BinaryIO) -> RenderResult:
    """Write the report chosen by `options` to `out` (a path or a binary file object).

    Raises OptionsError or ReportError with a Thai message; FontError for a font that
    cannot be embedded."""
    from reportlab.lib.units import mm

    from ita_desktop.report.pages import build

    options.validate()
    refuse_overlong_fields(data, options)
    target = str(out) if isinstance(out, Path) else out
    from ita_desktop.report.paperwork import PAPERWORK, build_paperwork

    if options.document in PAPERWORK:
        result: RenderResult = build_paperwork(data, options, _family(data, options), target)
        return result
    doc = prepare(data, options)
    setup = doc.setup_for(doc.orientation)
    pages = build(doc.story, setup, target)
    builder, plan = doc.builder, doc.plan
    if plan is None:
        return RenderResult(pages, setup.orientation, None, {}, _unique(builder.warnings), doc.draft)
    widths = {k: round(w / mm, 1) for k, w in zip(doc.column_keys, plan.widths)}
    return RenderResult(pages, plan.orientation, plan.table_psk, widths,
                        _unique(plan.warnings + builder.warnings), doc.draft)


def build_docx(data: m.OfficeFile, options: ReportOptions, out: str | Path | BinaryIO) -> RenderResult:
    """Write the implementation report, the analysis document, the memo, the publishing form
    or the OIT register as a Word file (.docx): the same texts, tables, numbers and signatures
    as build_pdf, from the same builder (the photos print as PDF only: ReportError).
    `pages` of the result is 0: Word lays the pages out itself."""
    from ita_desktop.report.paperwork import PAPERWORK, WORD_PAPERWORK, build_paperwork_docx
    from ita_desktop.report.word import write_docx

    options.validate()
    if options.document in PAPERWORK and options.document not in WORD_PAPERWORK:
        from ita_desktop.report.options import option

        names = dict(option("document").choices)
        raise ReportError(f"«{names.get(options.document, options.document)}» "
                          "พิมพ์เป็น PDF ได้อย่างเดียว ส่งออกเป็นไฟล์ Word ไม่ได้ "
                          "(ภาพกิจกรรมอยู่ในไฟล์ Word ได้พร้อมรายงานผลการดำเนินการ: --with-photos)")
    refuse_overlong_fields(data, options)
    if options.document in PAPERWORK:
        result: RenderResult = build_paperwork_docx(data, options, _family(data, options), out)
        return result
    doc = prepare(data, options)
    write_docx(doc, options, out)
    builder, plan = doc.builder, doc.plan
    if plan is None:
        return RenderResult(0, doc.orientation, None, {}, _unique(builder.warnings), doc.draft)
    from reportlab.lib.units import mm

    widths = {k: round(w / mm, 1) for k, w in zip(doc.column_keys, plan.widths)}
    return RenderResult(0, plan.orientation, plan.table_psk, widths,
                        _unique(plan.warnings + builder.warnings), doc.draft)


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
