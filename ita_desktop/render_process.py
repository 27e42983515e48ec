"""The render worker's entry point: the same code as `ita-desktop render`, called in a worker
process by the print screen (reportlab's font state is global and not thread-safe, and a
long render must not freeze the window). Imports no Qt.

It sits beside cli.py, not in report/: it opens the store, and the print engine never does
(a report is a pure function of domain objects and options)."""
from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any


def render_bytes(path: str, options: dict[str, Any]) -> dict[str, Any]:
    """Render the document described by `options` from the office file at `path`.

    Returns {"pdf": bytes, "pages", "orientation", "warnings", "widths_mm"}, or
    {"error": Thai text, "detail": technical text (may be English, may be empty)}; never
    raises, so the window shows every failure as a Thai sentence."""
    def load() -> Any:
        from ita_desktop.store.db import Store

        store = Store.open_readonly(Path(path))  # the preview only reads
        try:
            return store.load()
        finally:
            store.close()
    return _render(load, options)


def render_snapshot(blob: bytes, options: dict[str, Any]) -> dict[str, Any]:
    """render_bytes for the open document's records (ita_desktop.snapshot), as the window
    holds them: the file is not read, so the preview never waits for the writer."""
    def load() -> Any:
        from ita_desktop import snapshot

        return snapshot.loads(blob)
    return _render(load, options)


def docx_snapshot(blob: bytes, options: dict[str, Any]) -> dict[str, Any]:
    """The document of `options` as a Word file from the window's records: {"docx": bytes,
    "warnings"} or {"error", "detail"} (Thai), never raising."""
    def load() -> Any:
        from ita_desktop import snapshot

        return snapshot.loads(blob)
    result = _render(load, {**options, "format": "docx"})
    if "pdf" in result:
        result["docx"] = result.pop("pdf")
    return result


def _render(load: Callable[[], Any], options: dict[str, Any]) -> dict[str, Any]:
    os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
    os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
    from ita_desktop.store.errors import thai_message

    try:
        from ita_desktop import report

        opts = report.ReportOptions.from_dict(options)
        opts.validate()
        data = load()
        out = io.BytesIO()
        build = report.build_docx if opts.format == "docx" else report.build_pdf
        result = build(data, opts, out)
    except Exception as exc:  # the boundary: whatever it is, the clerk reads Thai
        message = thai_message(exc, "" if _thai_already(exc) else "จัดหน้าเอกสาร")
        return {"error": message.text, "detail": message.detail}
    return {"pdf": out.getvalue(), "pages": result.pages, "orientation": result.orientation,
            "warnings": list(result.warnings), "widths_mm": dict(result.widths_mm)}


def _thai_already(exc: BaseException) -> bool:
    """The app's own errors say what is wrong with the options or the file, in Thai."""
    from ita_desktop.report import ReportError
    from ita_desktop.store.errors import StoreError

    return isinstance(exc, (ReportError, StoreError))


def warm_up() -> bool:
    """Load the dictionary and fonts in the worker before the first preview is asked for."""
    from ita_desktop.report import fonts
    from ita_desktop.thai import words

    words.ensure_loaded()
    fonts.sarabun()
    return True
