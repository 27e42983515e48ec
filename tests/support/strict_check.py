"""The strict checker (holes inside cells, Latin words cut, compounds broken) until it
replaces tests/support/pdfcheck.py: then it is that one. The source is handed over as it was
printed (reports.pdfcheck rewrites it as the app would import it)."""
from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import re
import warnings
from pathlib import Path
from types import ModuleType
from typing import Any

from tests.support import reports

STRICT = Path("/work/shared/tools/pdfcheck_strict.py")


def _strict_module() -> ModuleType:
    current = reports._pdfcheck
    if "holes" in Path(current.__file__ or "").read_text(encoding="utf-8") or not STRICT.is_file():
        return current  # the suite's checker is the strict one (or it is all there is)
    spec = importlib.util.spec_from_file_location("pdfcheck_strict", STRICT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def strict_pdfcheck(pdf: Path, source: dict[str, Any], tmp: Path,
                    fields: list[str] | None = None) -> tuple[int, str, dict[str, int]]:
    """(defects, report, figures) where figures holds holes, midword and compound_breaks."""
    path = tmp / (pdf.stem + ".source.json")
    path.write_text(json.dumps(source, ensure_ascii=False), encoding="utf-8")
    args = [str(pdf), str(path)] + (["--fields=" + ",".join(fields)] if fields else [])
    out = io.StringIO()
    with warnings.catch_warnings(), contextlib.redirect_stdout(out):
        warnings.simplefilter("ignore", EncodingWarning)  # the old checker opens JSON so
        _strict_module().main(args)
    text = out.getvalue()
    last = text.strip().splitlines()[-1]
    m = re.search(r"defects=(\d+)", last)
    assert m, text
    figures = {key: int(f.group(1)) for key in ("holes", "midword", "compound_breaks")
               if (f := re.search(rf"\b{key}=(\d+)", last))}
    return int(m.group(1)), text, figures
