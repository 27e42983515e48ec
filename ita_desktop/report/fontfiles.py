"""Where TH Sarabun fonts a clerk installed live (no reportlab: the print dialog lists them)."""
from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

# Families a clerk may have installed, by the file names their installers use.
KNOWN_INSTALLED = (
    ("TH Sarabun New", ("THSarabunNew.ttf",), ("THSarabunNew Bold.ttf", "THSarabunNew-Bold.ttf")),
    ("TH SarabunPSK", ("THSarabun.ttf", "THSarabunPSK.ttf"),
     ("THSarabun Bold.ttf", "THSarabunPSK-Bold.ttf", "THSarabun-Bold.ttf")),
)


def font_dirs() -> list[Path]:
    """Where fonts are installed on this PC (Windows first, then Linux for tests)."""
    dirs: list[Path] = []
    extra = os.environ.get("ITA_DESKTOP_FONT_DIRS")
    if extra:
        dirs += [Path(p) for p in extra.split(os.pathsep) if p]
    windir = os.environ.get("WINDIR")
    if windir:
        dirs.append(Path(windir) / "Fonts")
    local = os.environ.get("LOCALAPPDATA")
    if local:
        dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    dirs += [Path.home() / ".fonts", Path.home() / ".local/share/fonts", Path("/usr/share/fonts")]
    return [d for d in dirs if d.is_dir()]


def _find(dirs: Iterable[Path], names: Iterable[str]) -> Path | None:
    wanted = {n.lower() for n in names}
    for d in dirs:
        try:
            for p in d.rglob("*.ttf"):
                if p.name.lower() in wanted:
                    return p
        except OSError:
            continue
    return None


def installed_families() -> dict[str, tuple[Path, Path]]:
    """TH Sarabun fonts found on this PC: label -> (regular, bold). Not checked for licence."""
    dirs = font_dirs()
    found = {}
    for label, regular, bold in KNOWN_INSTALLED:
        r = _find(dirs, regular)
        b = _find(dirs, bold)
        if r is not None:
            found[label] = (r, b or r)
    return found
