"""The render worker's entry point: the same code as `ita-desktop render`, called in a worker
process by the print screen (reportlab's font state is global and not thread-safe, and a
long render must not freeze the window). Imports no Qt."""
from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any


def render_bytes(path: str, options: dict[str, Any]) -> dict[str, Any]:
    """Render the document described by `options` from the office file at `path`.

    Returns {"pdf": bytes, "pages", "orientation", "warnings", "widths_mm"}, or
    {"error": Thai text, "detail": technical text (may be English, may be empty)}; never
    raises, so the window shows every failure as a Thai sentence."""
    os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
    os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
    from ita_desktop.store.errors import thai_message

    try:
        from ita_desktop import report
        from ita_desktop.store.db import Store

        opts = report.ReportOptions.from_dict(options)
        opts.validate()
        store = Store.open_readonly(Path(path))  # the preview only reads
        try:
            data = store.load()
        finally:
            store.close()
        out = io.BytesIO()
        result = report.build_pdf(data, opts, out)
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
