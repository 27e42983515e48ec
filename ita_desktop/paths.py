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
    """The user's documents folder (overridable for tests and the frozen self-test)."""
    override = os.environ.get("ITA_DESKTOP_DOCUMENTS")
    if override:
        return Path(override)
    home = Path.home()
    docs = home / "Documents"
    return docs if docs.is_dir() else home


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
