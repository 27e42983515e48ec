"""The WordprocessingML python-docx 1.2.0 has no API for, for Thai (docs WORD.md §F1, E0–E3).

Word takes a Thai run's font, size, bold and language from the complex-script slots only when
the run says `<w:cs/>` (MS-OI29500 §2.1.88); without it Thai falls into hAnsi. So every run and
style carries the same face in all four rFonts slots, sz with szCs and b with bCs; Thai runs
(and only they) say `<w:cs/>`; the bidi language is th-TH (docDefaults and themeFontLang, never
per run) and compatibilityMode 15 (else Word does not break Thai lines between words). Runs
are split only where the script changes, never inside a Thai word (Word does not break a Thai
word that spans runs). Property children go in schema order: a property out of place may be
ignored. `<w:noProof/>` is never written (it also turns off Thai line breaking).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Twips

A4_TWIPS = (11906, 16838)  # width, height of portrait A4
DEFAULT_MARGINS_CM = (2.5, 2.0, 3.0, 2.0)  # top, bottom, left, right
HEADER_DISTANCE_CM = 1.25

# w:rPr children in the order of the schema (CT_RPr, ECMA-376 §17.3.2.28)
RPR_ORDER = ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
             "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden",
             "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect",
             "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout",
             "specVanish", "oMath")
# w:trPr children (CT_TrPrBase)
TRPR_ORDER = ("cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter", "cantSplit",
              "trHeight", "tblHeader", "tblCellSpacing", "jc", "hidden", "ins", "del", "trPrChange")
# w:tcPr children (CT_TcPr)
TCPR_ORDER = ("cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
              "textDirection", "tcFitText", "vAlign", "hideMark")
# w:tblPr children (CT_TblPr)
TBLPR_ORDER = ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
               "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd",
               "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription")

_THEME_FONT_ATTRS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")
_THAI = re.compile(r"[\u0E00-\u0E7F]")
_NEUTRAL = " \u00A0\t"


def set_child(parent: Any, tag: str, order: Sequence[str], **attrs: str) -> Any:
    """The child `w:tag` of `parent` (made, in schema order, when missing) with `attrs` set."""
    el = parent.find(qn(f"w:{tag}"))
    if el is None:
        el = OxmlElement(f"w:{tag}")
        later = order[order.index(tag) + 1:]
        for child in parent:
            name = child.tag.rsplit("}", 1)[-1]
            if name in later:
                child.addprevious(el)
                break
        else:
            parent.append(el)
    for key, value in attrs.items():
        el.set(qn(f"w:{key}"), value)
    return el


def _set_fonts(rpr: Any, font: str) -> None:
    fonts = set_child(rpr, "rFonts", RPR_ORDER)
    for attr in _THEME_FONT_ATTRS:
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{slot}"), font)
    fonts.attrib.pop(qn("w:hint"), None)


def _twin(rpr: Any, latin: str, complex_: str) -> None:
    """`complex_` beside `latin` with the same value (szCs = sz, bCs = b)."""
    el = rpr.find(qn(f"w:{latin}"))
    if el is None:
        return
    twin = set_child(rpr, complex_, RPR_ORDER)
    value = el.get(qn("w:val"))
    if value is not None:
        twin.set(qn("w:val"), value)


def half_points(size_pt: float) -> str:
    """A size as Word stores it: whole half-points (16 → "32"; python-docx truncates instead)."""
    return str(round(size_pt * 2))


def thaiize(document: Any, font: str = "TH SarabunPSK", size_pt: float = 16.0,
            margins_cm: tuple[float, float, float, float] = DEFAULT_MARGINS_CM) -> None:
    """Make python-docx's default document a Thai one (E0): the font in every slot of the
    defaults and of every style, the complex-script twins, the th-TH bidi language,
    compatibilityMode 15, no proofState; A4 and the office's margins (top, bottom, left, right)."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    _set_fonts(rpr, font)
    set_child(rpr, "sz", RPR_ORDER, val=half_points(size_pt))
    set_child(rpr, "szCs", RPR_ORDER, val=half_points(size_pt))
    set_child(rpr, "lang", RPR_ORDER, val="en-US", eastAsia="en-US", bidi="th-TH")
    # single line spacing, nothing after a paragraph (the template's 1.15 lines and 10 pt are
    # Word 2007's Latin defaults)
    ppr_default = defaults.find(qn("w:pPrDefault"))
    if ppr_default is None:
        ppr_default = OxmlElement("w:pPrDefault")
        rpr_default.addnext(ppr_default)
    ppr = ppr_default.find(qn("w:pPr"))
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        ppr_default.append(ppr)
    spacing = ppr.find(qn("w:spacing"))
    if spacing is None:
        spacing = OxmlElement("w:spacing")
        ppr.append(spacing)
    spacing.attrib.clear()
    for key, value in (("after", "0"), ("line", "240"), ("lineRule", "auto")):
        spacing.set(qn(f"w:{key}"), value)
    # every rPr of every style: its own, its paragraph mark's, a table style's conditional ones
    for srpr in (r for style in styles.findall(qn("w:style")) for r in style.iter(qn("w:rPr"))):
        _set_fonts(srpr, font)
        _twin(srpr, "sz", "szCs")
        _twin(srpr, "b", "bCs")
        _twin(srpr, "i", "iCs")
        color = srpr.find(qn("w:color"))
        if color is not None:  # headings: black, not the theme's blue
            for attr in ("themeColor", "themeShade", "themeTint"):
                color.attrib.pop(qn(f"w:{attr}"), None)
            color.set(qn("w:val"), "000000")
    for name, size in (("Heading 1", 18.0), ("Heading 2", 16.0), ("Title", 20.0)):
        try:
            st = document.styles[name]
        except KeyError:
            continue
        srpr = st.element.get_or_add_rPr()
        set_child(srpr, "b", RPR_ORDER)
        set_child(srpr, "bCs", RPR_ORDER)
        set_child(srpr, "sz", RPR_ORDER, val=half_points(size))
        set_child(srpr, "szCs", RPR_ORDER, val=half_points(size))
    settings = document.settings.element
    for proof in settings.findall(qn("w:proofState")):
        settings.remove(proof)
    compat = settings.find(qn("w:compat"))
    if compat is None:
        compat = OxmlElement("w:compat")
        settings.append(compat)
    mode = None
    for setting in compat.findall(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            mode = setting
    if mode is None:
        mode = OxmlElement("w:compatSetting")
        compat.append(mode)
    mode.set(qn("w:name"), "compatibilityMode")
    mode.set(qn("w:uri"), "http://schemas.microsoft.com/office/word")
    mode.set(qn("w:val"), "15")
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is None:
        theme_lang = OxmlElement("w:themeFontLang")
        compat.addnext(theme_lang)
    theme_lang.attrib.pop(qn("w:eastAsia"), None)
    theme_lang.set(qn("w:val"), "en-US")
    theme_lang.set(qn("w:bidi"), "th-TH")
    section = document.sections[0]
    page_setup(section, False, margins_cm)
    _drop_template_leftovers(document)


def _drop_template_leftovers(document: Any) -> None:
    """Parts of python-docx's template that would contradict the above: Word 2010's copy of
    the styles (stylesWithEffects, still Calibri and Cordia New) and the template's thumbnail."""
    part = document.part
    for rid, rel in list(part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            part.drop_rel(rid)
    package_rels = part.package.rels
    for rid, rel in list(package_rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            package_rels.pop(rid)


def page_setup(section: Any, landscape: bool, margins_cm: tuple[float, float, float, float]) -> None:
    """A4 in the orientation, the margins (top, bottom, left, right), header 1.25 cm from the edge."""
    width, height = A4_TWIPS
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width = Twips(height if landscape else width)
    section.page_height = Twips(width if landscape else height)
    top, bottom, left, right = margins_cm
    section.top_margin, section.bottom_margin = Cm(top), Cm(bottom)
    section.left_margin, section.right_margin = Cm(left), Cm(right)
    section.header_distance = section.footer_distance = Cm(HEADER_DISTANCE_CM)


def landscape_section(document: Any, landscape: bool,
                      margins_cm: tuple[float, float, float, float] = DEFAULT_MARGINS_CM) -> Any:
    """A new section from a new page, A4 landscape (or back to portrait), its headers those of
    the section before."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    page_setup(section, landscape, margins_cm)
    return section


def script_runs(text: str) -> list[tuple[str, bool]]:
    """`text` cut where the script changes: (piece, is Thai). A space takes the script of the
    character before it (at the start, of the one after); digits and ASCII punctuation are
    Latin, as Word itself writes them."""
    runs: list[tuple[str, bool]] = []
    pending = ""  # leading neutrals, before any script is known
    for ch in text:
        if ch in _NEUTRAL:
            if runs:
                runs[-1] = (runs[-1][0] + ch, runs[-1][1])
            else:
                pending += ch
            continue
        thai = bool(_THAI.match(ch))
        if runs and runs[-1][1] == thai:
            runs[-1] = (runs[-1][0] + ch, thai)
        else:
            runs.append((pending + ch, thai))
            pending = ""
    if pending:
        runs.append((pending, False))
    return runs


def run_properties(run: Any, font: str, bold: bool, size_pt: float | None, thai: bool) -> None:
    """A run's rPr (E1): the face in all four slots, b + bCs, sz + szCs, <w:cs/> for Thai."""
    rpr = run._r.get_or_add_rPr()
    _set_fonts(rpr, font)
    if bold:
        set_child(rpr, "b", RPR_ORDER)
        set_child(rpr, "bCs", RPR_ORDER)
    if size_pt is not None:
        set_child(rpr, "sz", RPR_ORDER, val=half_points(size_pt))
        set_child(rpr, "szCs", RPR_ORDER, val=half_points(size_pt))
    if thai:
        set_child(rpr, "cs", RPR_ORDER)


def add_text(paragraph: Any, text: str, bold: bool = False, size_pt: float | None = None,
             font: str = "TH SarabunPSK") -> None:
    """`text` at the end of `paragraph`, a run per script; a "\\n" is a line break, a "\\t"
    a tab."""
    for n, line in enumerate(text.split("\n")):
        if n:
            run = paragraph.add_run()
            run_properties(run, font, bold, size_pt, False)
            run.add_break()
        for piece, thai in script_runs(line):
            parts = piece.split("\t")
            for k, part in enumerate(parts):
                if k:
                    tab = paragraph.add_run()
                    run_properties(tab, font, bold, size_pt, thai)
                    tab.add_tab()
                if part:
                    run = paragraph.add_run(part)
                    run_properties(run, font, bold, size_pt, thai)


HYPERLINK_COLOUR = "0563C1"  # Word's own Hyperlink style


def add_hyperlink(paragraph: Any, url: str, text: str, bold: bool = False, size_pt: float | None = None,
                  font: str = "TH SarabunPSK") -> None:
    """`text` at the end of `paragraph` as a link to `url` (an external relationship): a run per
    script, as add_text writes them, blue and underlined as Word shows a link."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.text.run import Run

    rid = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rid)
    link.set(qn("w:history"), "1")
    paragraph._p.append(link)
    for piece, thai in script_runs(text):
        r = OxmlElement("w:r")
        link.append(r)
        run = Run(r, paragraph)
        run.text = piece
        run_properties(run, font, bold, size_pt, thai)
        rpr = r.get_or_add_rPr()
        set_child(rpr, "color", RPR_ORDER, val=HYPERLINK_COLOUR)
        set_child(rpr, "u", RPR_ORDER, val="single")


def header_rows(table: Any, n: int) -> None:
    """The first `n` rows repeat at the top of every page (tblHeader), no other row."""
    for i, row in enumerate(table.rows):
        trpr = row._tr.get_or_add_trPr()
        found = trpr.find(qn("w:tblHeader"))
        if i < n:
            set_child(trpr, "tblHeader", TRPR_ORDER, val="true")
        elif found is not None:
            trpr.remove(found)


def cant_split(row: Any) -> None:
    """The row is kept on one page."""
    set_child(row._tr.get_or_add_trPr(), "cantSplit", TRPR_ORDER, val="true")


def fixed_widths(table: Any, widths_twips: Sequence[int]) -> None:
    """Fixed layout, the table as wide as its columns, each gridCol and every cell's tcW (a
    merged cell: the columns it spans), as Word (tcW) and LibreOffice (gridCol) read them."""
    table.autofit = False
    tblpr = table._tbl.tblPr
    set_child(tblpr, "tblW", TBLPR_ORDER, w=str(sum(widths_twips)), type="dxa")
    set_child(tblpr, "tblLayout", TBLPR_ORDER, type="fixed")
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths_twips):
        col.set(qn("w:w"), str(width))
    for tr in table._tbl.findall(qn("w:tr")):
        c = 0
        for tc in tr.findall(qn("w:tc")):
            tcpr = tc.get_or_add_tcPr()
            span_el = tcpr.find(qn("w:gridSpan"))
            span = int(span_el.get(qn("w:val"))) if span_el is not None else 1
            set_child(tcpr, "tcW", TCPR_ORDER, w=str(sum(widths_twips[c:c + span])), type="dxa")
            c += span


def vertical_merge(cell: Any, first: bool) -> None:
    """The cell starts (`first`) or continues a cell spanning the rows down."""
    tcpr = cell._tc.get_or_add_tcPr()
    el = set_child(tcpr, "vMerge", TCPR_ORDER)
    if first:
        el.set(qn("w:val"), "restart")
    else:
        el.attrib.pop(qn("w:val"), None)


def cell_margins(table: Any, top_bottom: int, left_right: int) -> None:
    """The padding inside every cell of the table, in twips."""
    mar = set_child(table._tbl.tblPr, "tblCellMar", TBLPR_ORDER)
    for edge, value in (("top", top_bottom), ("left", left_right), ("bottom", top_bottom), ("right", left_right)):
        set_child(mar, edge, ("top", "start", "left", "bottom", "end", "right"), w=str(value), type="dxa")


def shade(cell: Any, fill: str) -> None:
    set_child(cell._tc.get_or_add_tcPr(), "shd", TCPR_ORDER, val="clear", color="auto", fill=fill)


def v_align(cell: Any, value: str) -> None:
    set_child(cell._tc.get_or_add_tcPr(), "vAlign", TCPR_ORDER, val=value)


def no_borders(table: Any) -> None:
    """A table for placing text side by side (the signatures), no rules drawn."""
    borders = set_child(table._tbl.tblPr, "tblBorders", TBLPR_ORDER)
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = borders.find(qn(f"w:{side}"))
        if el is None:
            el = OxmlElement(f"w:{side}")
            borders.append(el)
        el.set(qn("w:val"), "nil")


def table_centred(table: Any) -> None:
    set_child(table._tbl.tblPr, "jc", TBLPR_ORDER, val="center")


def add_field(paragraph: Any, instruction: str, shown: str, font: str, size_pt: float | None) -> None:
    """A field (PAGE, NUMPAGES, PAGEREF …) showing `shown` until Word updates it."""
    def run_with(child: Any) -> None:
        run = paragraph.add_run()
        run_properties(run, font, False, size_pt, False)
        run._r.append(child)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    run_with(sep)
    add_text(paragraph, shown, size_pt=size_pt, font=font)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def page_number_format(section: Any, fmt: str, start: int | None = None) -> None:
    """Page numbers of the section in `fmt` (decimal, thaiNumbers, thaiLetters), restarting at
    `start` when given."""
    sectpr = section._sectPr
    el = sectpr.find(qn("w:pgNumType"))
    if el is None:
        el = OxmlElement("w:pgNumType")
        # pgNumType comes after pgMar/paperSrc/pgBorders/lnNumType and before cols
        cols = sectpr.find(qn("w:cols"))
        if cols is not None:
            cols.addprevious(el)
        else:
            sectpr.append(el)
    el.set(qn("w:fmt"), fmt)
    if start is not None:
        el.set(qn("w:start"), str(start))


def bookmark(paragraph: Any, name: str, ident: int) -> None:
    """A bookmark around the paragraph's content (a PAGEREF's target)."""
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(ident))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(ident))
    p = paragraph._p
    ppr = p.find(qn("w:pPr"))
    if ppr is not None:
        ppr.addnext(start)
    else:
        p.insert(0, start)
    p.append(end)


def update_fields_on_open(document: Any) -> None:
    """Word recomputes the fields (the contents' page numbers) when the file is opened."""
    settings = document.settings.element
    el = settings.find(qn("w:updateFields"))
    if el is None:
        el = OxmlElement("w:updateFields")
        # CT_Settings: … updateFields, hdrShapeDefaults, footnotePr, endnotePr, compat …
        later = [settings.find(qn(f"w:{t}")) for t in ("hdrShapeDefaults", "footnotePr", "endnotePr", "compat")]
        found = next((x for x in later if x is not None), None)
        if found is not None:
            found.addprevious(el)
        else:
            settings.append(el)
    el.set(qn("w:val"), "true")
