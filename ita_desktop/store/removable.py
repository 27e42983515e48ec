"""Is a path on a removable or network drive (where the working file should not live)?"""
from __future__ import annotations

import os
import sys
from pathlib import Path

DRIVE_REMOVABLE, DRIVE_REMOTE = 2, 4


def is_removable(path: Path) -> bool:
    """True for a USB stick or a network share (Windows drive types; on Linux the usual
    mount points). ITA_DESKTOP_REMOVABLE lists extra folders (tests, odd mounts)."""
    path = Path(path).absolute()
    extra = [Path(p) for p in os.environ.get("ITA_DESKTOP_REMOVABLE", "").split(os.pathsep) if p]
    if any(path.is_relative_to(p) for p in extra):
        return True
    if sys.platform == "win32":
        import ctypes

        anchor = path.anchor or str(path)[:3]
        if anchor.startswith("\\\\"):
            return True  # a UNC network path
        kind = ctypes.windll.kernel32.GetDriveTypeW(anchor)  # type: ignore[attr-defined]
        return kind in (DRIVE_REMOVABLE, DRIVE_REMOTE)
    return any(path.is_relative_to(p) for p in (Path("/media"), Path("/run/media"), Path("/mnt")))
