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

from tests.support import pdfcheck as _pdfcheck


def pdfcheck(pdf: Path, source: dict[str, Any] | Path | None = None, tmp: Path | None = None,
             fields: list[str] | None = None) -> tuple[int, str]:
    """(defects, report) of the checker the reports are judged by."""
    args = [str(pdf)]
    if isinstance(source, dict):
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
