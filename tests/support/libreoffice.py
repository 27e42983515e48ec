"""LibreOffice converting the app's .docx files to PDF for the checks (skipped where soffice is
missing). TH SarabunPSK is not on a Linux test machine: Sarabun stands in for it."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

_FONTS = ('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
          '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
          '<alias binding="same"><family>TH SarabunPSK</family><prefer><family>Sarabun</family>'
          '</prefer></alias></fontconfig>')


def convert_to_pdf(docs: list[Path], folder: Path) -> Path:
    """Each .docx as a PDF of the same stem in folder/lo (its own LibreOffice profile)."""
    assert SOFFICE is not None
    out = folder / "lo"
    conf = folder / "fonts.conf"
    conf.write_text(_FONTS, encoding="utf-8")
    env = {**os.environ, "FONTCONFIG_FILE": str(conf)}
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{folder / 'profile'}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out), *map(str, docs)],
                   check=True, capture_output=True, timeout=240, env=env)
    return out
