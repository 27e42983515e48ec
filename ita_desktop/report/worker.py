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

    Returns {"pdf": bytes, "pages", "orientation", "warnings", "widths_mm"} or {"error": Thai text};
    never raises for the clerk's mistakes, so the window can show them."""
    os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
    os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
    from ita_desktop.report import ReportError, ReportOptions, build_pdf
    from ita_desktop.store.db import Store
    from ita_desktop.store.errors import StoreError

    try:
        opts = ReportOptions.from_dict(options)
        opts.validate()
        store = Store.open(Path(path))
        try:
            data = store.load()
        finally:
            store.close()
        out = io.BytesIO()
        result = build_pdf(data, opts, out)
    except (ReportError, StoreError) as exc:
        return {"error": str(exc)}
    except OSError as exc:
        return {"error": f"อ่านไฟล์ไม่ได้: {exc}"}
    return {"pdf": out.getvalue(), "pages": result.pages, "orientation": result.orientation,
            "warnings": list(result.warnings), "widths_mm": dict(result.widths_mm)}


def warm_up() -> bool:
    """Load the dictionary and fonts in the worker before the first preview is asked for."""
    from ita_desktop.report import fonts
    from ita_desktop.thai import words

    words.ensure_loaded()
    fonts.sarabun()
    return True
