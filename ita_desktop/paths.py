"""Where files are: bundled resources (frozen or not) and the user's folders."""
from __future__ import annotations

import os
import sys
from pathlib import Path


def app_root() -> Path:
    """The folder holding resources/ and fonts/: the PyInstaller bundle or the source tree."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    return app_root().joinpath("resources", *parts)


def font_path(name: str) -> Path:
    return app_root().joinpath("fonts", name)


def documents_dir() -> Path:
    """The user's Documents folder, created if missing (as Windows has it); overridable for
    tests and the frozen self-test. On Windows it is asked of the shell, because Documents is
    often redirected (OneDrive, a D: drive) and is not always HOME\\Documents."""
    override = os.environ.get("ITA_DESKTOP_DOCUMENTS")
    if override:
        return Path(override)
    docs = _windows_documents() if os.name == "nt" else None
    if docs is None:
        docs = Path.home() / "Documents"
    try:
        docs.mkdir(parents=True, exist_ok=True)
    except OSError:  # a home we cannot write to: the home itself
        return Path.home()
    return docs


def _windows_documents() -> Path | None:
    """FOLDERID_Documents from the shell (SHGetKnownFolderPath); None if it cannot say."""
    import ctypes
    import uuid
    from ctypes import wintypes

    guid = uuid.UUID("{FDD39AD0-238F-46AF-ADB4-6C85480369C7}").bytes_le
    buffer = ctypes.c_wchar_p()
    try:
        shell32 = ctypes.windll.shell32  # type: ignore[attr-defined]
        ole32 = ctypes.windll.ole32  # type: ignore[attr-defined]
        if shell32.SHGetKnownFolderPath(ctypes.c_char_p(guid), wintypes.DWORD(0), None,
                                        ctypes.byref(buffer)) != 0:
            return None
        path = buffer.value
        ole32.CoTaskMemFree(buffer)
    except (AttributeError, OSError):
        return None
    return Path(path) if path else None


def config_dir() -> Path:
    """Per-user settings folder (recent files, last file)."""
    override = os.environ.get("ITA_DESKTOP_CONFIG")
    if override:
        return Path(override)
    if os.name == "nt":
        base = Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming"))
    else:
        base = Path(os.environ.get("XDG_CONFIG_HOME", Path.home() / ".config"))
    return base / "ita-desktop"
