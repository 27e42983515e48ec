"""Reading the app's .docx files in tests: their XML parts and Word's rules for Thai that every
run must keep (WORD.md F1): <w:cs/> on Thai runs only, no language per run, complex-script
twins of size and bold, rPr children in schema order."""
from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from lxml import etree

from ita_desktop.report.docx_xml import RPR_ORDER

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {"w": W, "r": R}
THAI = re.compile(r"[\u0E00-\u0E7F]")


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def text(el: Any) -> str:
    return "".join(t.text or "" for t in el.iter(q("t")))


def parts(path: Path, word_only: bool = True) -> dict[str, Any]:
    """The file's XML parts by name: those under word/, or every .xml and .rels."""
    def wanted(name: str) -> bool:
        if word_only:
            return name.endswith(".xml") and name.startswith("word/")
        return name.endswith((".xml", ".rels"))
    with zipfile.ZipFile(path) as z:
        return {name: etree.fromstring(z.read(name)) for name in z.namelist() if wanted(name)}


def check_scripts(run: Any, *where: object) -> None:
    """A Thai run carries <w:cs/> and no Latin; any other run none; no run its own language."""
    said = text(run)
    if not said.strip():
        return
    cs = run.find("w:rPr/w:cs", NS)
    if THAI.search(said):
        assert cs is not None, (*where, said)
        assert not re.search(r"[A-Za-z0-9]", said), (*where, "a Thai run holds Latin", said)
    else:
        assert cs is None, (*where, said)
    assert run.find("w:rPr/w:lang", NS) is None  # inherited (docDefaults bidi th-TH)


def check_twins_and_order(root: Any, tags: Iterable[str], *where: object) -> None:
    """Each size/bold/italic of a run has its complex-script twin of the same value, and every
    rPr's children are in the schema's order (a property out of place is ignored by Word)."""
    for tag in tags:
        for el in root.iter(q(tag)):
            if el.getparent().tag != q("rPr"):
                continue
            found = el.getparent().find(f"w:{tag}Cs", NS)
            assert found is not None, (*where, tag)
            assert found.get(q("val")) == el.get(q("val")), (*where, tag)
    for rpr in root.iter(q("rPr")):
        found_tags = [c.tag.rsplit("}", 1)[1] for c in rpr]
        known = [t for t in found_tags if t in RPR_ORDER]
        assert known == sorted(known, key=RPR_ORDER.index), (*where, found_tags)
