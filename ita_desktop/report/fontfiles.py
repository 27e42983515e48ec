"""Where TH Sarabun fonts a clerk installed live (no reportlab: the print dialog lists them).

Fonts are known by the family and style written in their `name` table, not by their file
names: Windows renames fonts installed "for this user only" (THSarabunNew_0.ttf), and other
installers use names of their own. Only the name table is read (HarfBuzz maps the file and
reads that table alone), and what a file says is kept per (path, size, time), so a Windows
Fonts folder of 500+ files is scanned once per process.
"""
from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path

# Families a clerk may have installed, by the spellings their name tables use
# (compared without spaces, hyphens or underscores, ignoring case).
KNOWN_FAMILIES = {
    "thsarabunnew": "TH Sarabun New",
    "thsarabunpsk": "TH SarabunPSK",
}
FONT_SUFFIXES = (".ttf", ".otf")  # not .ttc: the print engine embeds the first font of a file
_REGULAR = {"regular", "normal", "book", "roman", "plain", ""}
_NAME_IDS = (1, 2, 16, 17)  # family, subfamily, typographic family, typographic subfamily

Style = tuple[str, bool]  # (family label, bold)
_cache: dict[str, tuple[int, int, Style | None]] = {}


def font_dirs() -> list[Path]:
    """Where fonts are installed on this PC: on Windows the system Fonts folder and the
    per-user one (fonts installed "for this user only"); elsewhere the usual Linux folders."""
    dirs: list[Path] = []
    extra = os.environ.get("ITA_DESKTOP_FONT_DIRS")
    if extra:
        dirs += [Path(p) for p in extra.split(os.pathsep) if p]
    if sys.platform == "win32":
        windir = os.environ.get("WINDIR") or os.environ.get("SYSTEMROOT")
        if windir:
            dirs.append(Path(windir) / "Fonts")
        local = os.environ.get("LOCALAPPDATA")
        dirs.append((Path(local) if local else Path.home() / "AppData" / "Local")
                    / "Microsoft" / "Windows" / "Fonts")
    else:
        dirs += [Path.home() / ".fonts", Path.home() / ".local/share/fonts", Path("/usr/share/fonts")]
    return [d for d in dirs if d.is_dir()]


def _font_files(folder: Path) -> Iterator[tuple[str, int, int]]:
    """(path, size, mtime_ns) of the font files under `folder`, in name order."""
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name.lower())
    except OSError:
        return
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from _font_files(Path(entry.path))
            elif entry.name.lower().endswith(FONT_SUFFIXES):
                st = entry.stat()
                yield entry.path, st.st_size, st.st_mtime_ns
        except OSError:
            continue


def _names(path: str) -> dict[int, list[str]]:
    """The family and subfamily names in the font's name table, in every language."""
    import uharfbuzz as hb

    face = hb.Face(hb.Blob.from_file_path(path))  # mapped, not read: only the name table is touched
    if "glyf" not in face.table_tags:  # PostScript outlines or not a font: reportlab cannot embed it
        return {}
    names: dict[int, list[str]] = {}
    for entry in face.list_names():
        name_id = int(entry.name_id)
        if name_id in _NAME_IDS:
            text = face.get_name(entry.name_id, entry.language)
            if text:
                names.setdefault(name_id, []).append(text)
    return names


def _squash(text: str) -> str:
    return re.sub(r"[\s_\-]+", "", text).lower()


def identify(names: dict[int, list[str]]) -> Style | None:
    """(label, bold) when the names say TH Sarabun New or PSK, regular or bold (not italic)."""
    for family_id, style_id in ((16, 17), (1, 2)):
        styles = [_squash(s) for s in names.get(style_id) or names.get(2, [])]
        for family in names.get(family_id, []):
            squashed = _squash(family)
            bold_in_family = squashed.endswith("bold")
            label = KNOWN_FAMILIES.get(squashed.removesuffix("bold"))
            if label is None:
                continue
            if any("italic" in s or "oblique" in s for s in styles):
                return None
            if bold_in_family or "bold" in styles:
                return label, True
            if not styles or any(s in _REGULAR for s in styles):
                return label, False
            return None  # another weight (Light, Thin, ...)
    return None


def identify_file(path: str, size: int, mtime_ns: int) -> Style | None:
    """What the font file at `path` is (cached); None for other fonts and broken files."""
    cached = _cache.get(path)
    if cached is not None and cached[:2] == (size, mtime_ns):
        return cached[2]
    try:
        style = identify(_names(path))
    except Exception:  # a damaged or unreadable file is skipped, whatever the error
        style = None
    _cache[path] = (size, mtime_ns, style)
    return style


def installed_families() -> dict[str, tuple[Path, Path]]:
    """TH Sarabun fonts found on this PC: label -> (regular, bold); bold is the regular file
    when no bold is installed. Not checked for licence."""
    found: dict[Style, Path] = {}
    for folder in font_dirs():
        for path, size, mtime_ns in _font_files(folder):
            style = identify_file(path, size, mtime_ns)
            if style is not None and style not in found:
                found[style] = Path(path)
    families = {}
    for label in KNOWN_FAMILIES.values():
        regular = found.get((label, False))
        if regular is not None:
            families[label] = (regular, found.get((label, True), regular))
    return families
