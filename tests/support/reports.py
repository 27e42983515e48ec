"""Run pdfcheck in-process and read PDFs back with pypdfium2."""
from __future__ import annotations

import contextlib
import io
import json
import re
import warnings
from pathlib import Path
from typing import Any

with warnings.catch_warnings():
    warnings.simplefilter("ignore", EncodingWarning)  # pypdfium2 reads its version file so
    import pypdfium2 as pdfium

from ita_desktop.domain.imported_text import clean_html
from tests.support import pdfcheck as _pdfcheck


def pdfcheck(pdf: Path, source: dict[str, Any] | Path | None = None, tmp: Path | None = None,
             fields: list[str] | None = None) -> tuple[int, str]:
    """(defects, report) of the checker the reports are judged by."""
    args = [str(pdf)]
    if isinstance(source, Path) and tmp is not None:
        source = json.loads(source.read_text(encoding="utf-8"))
    if isinstance(source, dict):
        source = _as_imported(source)
        assert tmp is not None
        path = tmp / (pdf.stem + ".source.json")
        path.write_text(json.dumps(source, ensure_ascii=False), encoding="utf-8")
        args.append(str(path))
    elif source is not None:
        args.append(str(source))
    if fields:
        args.append("--fields=" + ",".join(fields))
    out = io.StringIO()
    with warnings.catch_warnings(), contextlib.redirect_stdout(out):
        warnings.simplefilter("ignore", EncodingWarning)  # the checker opens JSON without encoding
        _pdfcheck.main(args)
    text = out.getvalue()
    m = re.search(r"defects=(\d+)", text)
    assert m, text
    return int(m.group(1)), text


def _as_imported(value: Any) -> Any:
    """The source as the app stores it: HTML a web form left (&amp;, <ul>) cleaned on
    import, so "Dos &amp; Don'ts" prints "Dos & Don'ts" and "amp" is no missing text."""
    if isinstance(value, str):
        return clean_html(value)
    if isinstance(value, list):
        return [_as_imported(v) for v in value]
    if isinstance(value, dict):
        return {k: _as_imported(v) for k, v in value.items()}
    return value


def page_texts(pdf: Path) -> list[str]:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    finally:
        doc.close()


def bounded_texts(pdf: Path, left: float, right: float) -> list[str]:
    """Text between two x positions (points) on every page, in drawing order."""
    doc = pdfium.PdfDocument(str(pdf))
    try:
        out = []
        for i in range(len(doc)):
            page = doc[i]
            _w, h = page.get_size()
            out.append(page.get_textpage().get_text_bounded(left=left, bottom=0, right=right, top=h))
        return out
    finally:
        doc.close()


WATERMARK_GRAY = round(0.88 * 255)  # pages.py draws "ฉบับร่าง" in 0.88 gray


def watermarked_pages(pdf: Path) -> list[bool]:
    """Per page: does it carry the draft watermark? It is drawn as glyph outlines (no text to
    find), so look for large light-gray filled paths."""
    import ctypes

    import pypdfium2.raw as raw

    doc = pdfium.PdfDocument(str(pdf))
    try:
        out = []
        for i in range(len(doc)):
            found = False
            for obj in doc[i].get_objects(max_depth=4):
                if obj.type != raw.FPDF_PAGEOBJ_PATH:
                    continue
                left, bottom, right, top = obj.get_bounds()
                rgba = [ctypes.c_uint() for _ in range(4)]
                raw.FPDFPageObj_GetFillColor(obj.raw, *(ctypes.byref(c) for c in rgba))
                if [c.value for c in rgba[:3]] == [WATERMARK_GRAY] * 3 and max(right - left, top - bottom) > 20:
                    found = True
                    break
            out.append(found)
        return out
    finally:
        doc.close()
