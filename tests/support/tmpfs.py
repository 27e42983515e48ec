"""A small disk of its own for a test: a tmpfs mounted at a folder (Linux, root), so that a
full disk or a write-protected stick is real, not simulated. Skips the test elsewhere."""
from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest


@contextlib.contextmanager
def mounted(folder: Path, size: str) -> Iterator[Path]:
    """`folder` (made here) as a tmpfs of `size` ("300k", "2m") while the block runs."""
    if not sys.platform.startswith("linux") or os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("a small disk is a tmpfs, which only root can mount (Linux)")
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                          capture_output=True, text=True, encoding="utf-8")
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield folder
    finally:
        if subprocess.run(["umount", str(folder)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def write_protect(folder: Path) -> None:
    """Remount the tmpfs read-only, as a stick with its switch on."""
    assert subprocess.run(["mount", "-o", "remount,ro", str(folder)], capture_output=True).returncode == 0


def fill(folder: Path) -> None:
    """Write until the disk is full."""
    with (folder / "filler").open("wb", buffering=0) as fh, contextlib.suppress(OSError):
        while True:
            fh.write(b"\0" * 4096)
