"""The files the domain works from: bundled resources and the clerk's own catalogs.

The one module that reads them, so that domain/ does no file I/O and receives parsed data:

- ITA year catalogs: the bundled ones (resources/frameworks/*.json) and the ones the clerk
  made or imported (<config>/frameworks/ita-<year>.json, which replace the bundled year);
  catalogs are written here too, whole or not at all (safe_files);
- the measure library (resources/library/measures.json);
- the issue templates of the analysis document (resources/library/issues.json, and the
  "issues" a year's catalog carries, which take its place for that year).
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from ita_desktop.domain.framework import (
    Framework,
    FrameworkError,
    catalog_text,
    framework_from_dict,
)
from ita_desktop.domain.grouping import IssueTemplate, catalog_template, templates_from_dict
from ita_desktop.domain.library import LibraryMeasure, measures_from_dict
from ita_desktop.paths import config_dir, resource_path
from ita_desktop.safe_files import write_text_atomically


def _json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


# --- catalogs ------------------------------------------------------------------------------
def load_framework_file(path: Path) -> Framework:
    """A catalog file, checked; raises FrameworkError (Thai) if it cannot be read or used."""
    try:
        data = _json(path)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FrameworkError(f"อ่านไฟล์เกณฑ์ไม่ได้: {exc}") from None
    return framework_from_dict(data)


def bundled_frameworks() -> dict[int, Framework]:
    """The catalogs shipped in resources/frameworks, by ITA year."""
    out: dict[int, Framework] = {}
    for path in sorted(resource_path("frameworks").glob("*.json")):
        fw = load_framework_file(path)
        out[fw.ita_year] = fw
    return out


def user_frameworks_dir() -> Path:
    """Catalogs the clerk made or imported (they override the bundled year)."""
    return config_dir() / "frameworks"


def all_frameworks() -> dict[int, Framework]:
    """Bundled catalogs, with the clerk's own catalog of a year in place of the bundled one.
    A broken user file is skipped (the editor reports it when opened)."""
    out = bundled_frameworks()
    folder = user_frameworks_dir()
    if folder.is_dir():
        for path in sorted(folder.glob("ita-*.json")):
            try:
                fw = load_framework_file(path)
            except FrameworkError:
                continue
            out[fw.ita_year] = fw
    return out


def is_user_framework(year: int) -> bool:
    return (user_frameworks_dir() / f"ita-{year}.json").is_file()


def write_catalog(path: Path, data: dict[str, Any]) -> None:
    """Write a catalog's JSON file whole: a held or full target keeps its old text."""
    write_text_atomically(path, catalog_text(data))


def save_user_framework(data: dict[str, Any]) -> Path:
    """Check a catalog and keep it as the clerk's catalog of its year; returns the file.
    Raises FrameworkError (Thai) without writing anything when it is not valid. Stored scores
    never change: every assessment keeps the snapshot it was scored with."""
    fw = framework_from_dict(data)
    folder = user_frameworks_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"ita-{fw.ita_year}.json"
    write_catalog(path, data)  # whole, or the one kept before stays
    return path


# --- the analysis helpers ------------------------------------------------------------------
@lru_cache(maxsize=1)
def measure_library() -> tuple[LibraryMeasure, ...]:
    """The bundled measure library (read once: it ships with the program)."""
    return measures_from_dict(_json(resource_path("library", "measures.json")))


def issue_templates(catalogs: dict[int, Framework] | None = None) -> dict[int, IssueTemplate]:
    """The issue template of each ITA year that has one: (title, question codes) per issue.
    A catalog's own template (bundled 2568/2569, or one the clerk edited or copied) comes
    before the bundled list's template of that year."""
    out = templates_from_dict(_json(resource_path("library", "issues.json")))
    for year, fw in (all_frameworks() if catalogs is None else catalogs).items():
        template = catalog_template(fw)
        if template is not None:
            out[year] = template
    return out


# --- Thai words the line breaker keeps whole -------------------------------------------------
def thai_extra_words() -> list[str]:
    """The bundled list of words (resources/words/thai-extra-words.txt) kept whole on top of
    newmm, each with "|" where a reader accepts a break inside it."""
    text = resource_path("words", "thai-extra-words.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


# --- the paperwork's wording (issue 16) ------------------------------------------------------
def paperwork_texts(key: str) -> dict[str, Any]:
    """The bundled default wording of paperwork `key` (resources/paperwork/<key>.json: the
    memo, the publishing form), a fresh copy: the office's Template record overrides it."""
    data = _json(resource_path("paperwork", f"{key}.json"))
    return dict(data) if isinstance(data, dict) else {}
