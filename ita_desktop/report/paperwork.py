"""The paperwork around the ITA documents (issue 16, PAPERWORK.md G1–G4): the OIT register,
the memo asking the head of the office to approve and publish a document, the publishing
form and the activity photos. Each is a `render --document` choice built by this engine: the
same shaped lines, tables and page templates as the reports, no second engine.

A document's wording is data: a bundled default in resources/paperwork/<key>.json, overridden
key by key by the office's Template record (`OfficeFile.template(key)`).
"""
from __future__ import annotations

import re
from dataclasses import replace
from io import BytesIO
from typing import Any, BinaryIO

from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable

from ita_desktop.domain import models as m
from ita_desktop.domain import oit
from ita_desktop.domain.framework import Framework, FrameworkError, framework_from_dict
from ita_desktop.report.builder import Plan, ReportBuilder, page_setup
from ita_desktop.report.fonts import Family
from ita_desktop.report.options import ReportError, ReportOptions
from ita_desktop.report.pages import BookState, build

PAPERWORK = ("oit-register", "memo", "publish-form", "photos")
TITLES = {
    "oit-register": "ทะเบียนการเปิดเผยข้อมูลสาธารณะ (OIT)",
    "memo": "บันทึกข้อความ",
    "publish-form": "แบบฟอร์มการขออนุญาตการเผยแพร่ข้อมูลผ่านเว็บไซต์ของหน่วยงาน",
    "photos": "ภาพกิจกรรม",
}
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
DOTS = "." * 40  # a blank to write on by hand, as the reports' signature lines have
SIGN_DATE = "วันที่ ........ เดือน .................... พ.ศ. ........"  # under a signature


def texts(data: m.OfficeFile, key: str) -> dict[str, Any]:
    """The wording of paperwork `key`: the bundled default, each key the office set in its
    Template record taking its place (a dict value merged one level down)."""
    from ita_desktop.resources import paperwork_texts

    out = paperwork_texts(key)
    for name, value in data.template(key).items():
        if isinstance(value, dict) and isinstance(out.get(name), dict):
            out[name] = {**out[name], **value}
        else:
            out[name] = value
    return out


def fill(text: str, values: dict[str, str]) -> str:
    """`text` with its {placeholders} filled ('' for an unknown one), spaces tidied."""
    filled = _PLACEHOLDER.sub(lambda x: values.get(x.group(1), ""), text)
    return re.sub(r"[ \t]{2,}", " ", filled).strip()


def image_reader(data: bytes | None) -> ImageReader | None:
    """A JPEG or PNG as reportlab draws it, or None when the bytes are not a picture. A photo
    a phone took on its side carries an EXIF orientation, which reportlab ignores: it is
    turned upright first."""
    if not data:
        return None
    try:
        from PIL import Image, ImageOps

        with Image.open(BytesIO(data)) as img:
            if img.getexif().get(0x0112, 1) not in (1, None):
                return ImageReader(ImageOps.exif_transpose(img))
        reader = ImageReader(BytesIO(data))
        reader.getSize()
    except Exception:
        return None
    return reader


class Paperwork(ReportBuilder):
    """What the four documents share with the reports (styles, digits, table planning,
    signature lines). The register and the form are of an ITA year and need no plan."""

    needs_plan = True
    needs_measures = False
    orientation = "portrait"
    numbered = True  # page numbers as the clerk chose (a form is a sheet of its own: none)
    column_keys: tuple[str, ...] = ()  # of the table, for the widths the render command prints

    def __init__(self, data: m.OfficeFile, opts: ReportOptions, family: Family) -> None:
        if self.needs_plan:
            super().__init__(data, opts, family)
            return
        # ReportBuilder's own state without a plan: the table planner only reads these
        self.data, self.opts, self.family = data, opts, family
        self.thai = opts.digits == "thai"
        self.warnings = []
        self._narrow_fixed = {}
        self.toc = []
        self.division_name = ""

    def story(self, frame: tuple[float, float], state: BookState) -> list[Flowable]:
        raise NotImplementedError

    def title(self) -> str:
        return f"{TITLES[self.opts.document]} {self.data.office.full_name}"

    def top_margin_cm(self) -> float:
        return self.opts.margin_top_cm

    def table_plan(self) -> Plan | None:
        return None

    def office_lines(self) -> list[str]:
        office = self.data.office
        place = " ".join(x for x in (f"อำเภอ{office.amphoe}" if office.amphoe else "",
                                     f"จังหวัด{office.changwat}" if office.changwat else "") if x)
        return [x for x in (office.full_name, place) if x]

    def head_of_office(self) -> str:
        """How the head of the office is addressed: นายกองค์การบริหารส่วนตำบล…, นายกเทศมนตรีตำบล…"""
        office = self.data.office
        heads = {"sao": "นายกองค์การบริหารส่วนตำบล", "tambon_municipality": "นายกเทศมนตรีตำบล",
                 "town_municipality": "นายกเทศมนตรีเมือง", "city_municipality": "นายกเทศมนตรีนคร",
                 "pao": "นายกองค์การบริหารส่วนจังหวัด"}
        return heads.get(office.kind, "หัวหน้าหน่วยงาน ") + office.name

    def person_lines(self, name: str, position: str, sign: str = "ลงชื่อ") -> list[str]:
        """A signature block: the line to sign on, the name in brackets, the position (dotted
        blanks for what the file does not hold)."""
        lines = [f"{sign} {DOTS}", f"({name.strip()})" if name.strip() else f"({DOTS})"]
        positions = [p.strip() for p in position.split("\n") if p.strip()]
        return lines + ([f"ตำแหน่ง {p}" if n == 0 else p for n, p in enumerate(positions)]
                        or [f"ตำแหน่ง {DOTS}"])


def catalog_for(data: m.OfficeFile, ita_year: int) -> tuple[Framework, dict[int, Framework]]:
    """The catalog of ITA year `ita_year`, chosen as the register page chooses it
    (oit.catalog_for: the one its result was scored with, else this PC's), and every catalog
    known (this PC's, and those only the file holds), for oit.rows."""
    from ita_desktop.resources import all_frameworks

    catalogs = all_frameworks()
    for snap in data.frameworks:
        if snap.deleted or snap.ita_year in catalogs:
            continue
        try:
            catalogs[snap.ita_year] = framework_from_dict(snap.data)
        except FrameworkError:
            continue
    fw = oit.catalog_for(data, ita_year, catalogs)
    if fw is None:
        years = ", ".join(str(y) for y in sorted(catalogs)) or "ไม่มี"
        raise ReportError(f"ไม่มีเกณฑ์การประเมินของปี {ita_year} จึงไม่รู้รายการข้อ OIT (มีเกณฑ์ของปี: {years})")
    return fw, catalogs


def _setup_for(builder: Paperwork, data: m.OfficeFile, opts: ReportOptions, family: Family,
               draft: bool) -> Any:
    """The page setup of the paperwork's pages in an orientation (builder.PageSetup)."""
    def setup_for(orientation: str) -> Any:
        setup = replace(page_setup(opts, family, orientation, builder.title(), data.office.full_name),
                        top_cm=builder.top_margin_cm(), subject="ITA", watermark="ฉบับร่าง" if draft else "")
        return setup if builder.numbered else replace(setup, page_numbers="none")
    return setup_for


def _result(builder: Paperwork, pages: int, draft: bool) -> Any:
    from reportlab.lib.units import mm

    from ita_desktop.report import RenderResult

    plan = builder.table_plan()
    widths = {k: round(w / mm, 1) for k, w in zip(builder.column_keys, plan.widths)} if plan else {}
    warnings = list(dict.fromkeys((plan.warnings if plan else []) + builder.warnings))
    return RenderResult(pages, builder.orientation, plan.table_psk if plan else None, widths, warnings, draft)


def build_paperwork(data: m.OfficeFile, opts: ReportOptions, family: Family, out: str | BinaryIO) -> Any:
    """Write paperwork `opts.document` to `out`; returns a RenderResult."""
    builder = _builder(data, opts, family)
    # paperwork is signed on paper: "ฉบับร่าง" only when asked for
    draft = opts.draft == "yes"
    setup = _setup_for(builder, data, opts, family, draft)(builder.orientation)
    frame = (setup.frame_width, setup.frame_height)
    pages = build(lambda state: builder.story(frame, state), setup, out)
    return _result(builder, pages, draft)


WORD_PAPERWORK = ("oit-register", "memo", "publish-form")  # the photos print as PDF only


def build_paperwork_docx(data: m.OfficeFile, opts: ReportOptions, family: Family, out: Any) -> Any:
    """Write paperwork `opts.document` (not the photos) as a Word file from the same texts as
    its PDF (the builder's content); returns a RenderResult (pages 0: Word lays them out)."""
    from ita_desktop.report import Prepared
    from ita_desktop.report.word_paperwork import write_paperwork_docx

    builder = _builder(data, opts, family)
    draft = opts.draft == "yes"
    setup_for = _setup_for(builder, data, opts, family, draft)
    plan = builder.table_plan()
    doc = Prepared(builder, plan, builder.orientation, draft, builder.title(), setup_for,
                   lambda state: [], list(builder.column_keys))
    write_paperwork_docx(doc, opts, out)
    return _result(builder, 0, draft)


def _builder(data: m.OfficeFile, opts: ReportOptions, family: Family) -> Paperwork:
    if opts.document == "oit-register":
        from ita_desktop.report.register import Register

        return Register(data, opts, family)
    if opts.document == "memo":
        from ita_desktop.report.memo import Memo

        return Memo(data, opts, family)
    if opts.document == "publish-form":
        from ita_desktop.report.publish_form import PublishForm

        return PublishForm(data, opts, family)
    from ita_desktop.report.photos import PhotoPages

    return PhotoPages(data, opts, family)
