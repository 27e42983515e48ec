"""Developer bootstrap: needs only Python 3.11+.

    python dev.py app     set up .venv (first time) and run the app
    python dev.py test    set up .venv (first time) and run the test suite
    python dev.py lint    ruff over the tree, mypy --strict over the whole package

Everything else (pip install, pytest options) lives here so the README's two commands stay two.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PY = VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
STAMP = VENV / ".installed"
# checked by mypy --strict: the whole package
STRICT_TYPED = ["ita_desktop"]


def setup() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 -- dev.py runs before any version is known
        sys.exit("ITA Desktop needs Python 3.11 or newer")
    if not PY.exists():
        subprocess.check_call([sys.executable, "-m", "venv", str(VENV)])
    marker = (ROOT / "pyproject.toml").read_bytes()
    if not STAMP.exists() or STAMP.read_bytes() != marker:
        print("Setting up ITA Desktop (first time only, about a minute)…  "
              "กำลังติดตั้งโปรแกรม (ครั้งแรกเท่านั้น ประมาณหนึ่งนาที)…", flush=True)
        subprocess.check_call([str(PY), "-m", "pip", "install", "-q", "--upgrade", "pip"])
        subprocess.check_call([str(PY), "-m", "pip", "install", "-q", "-e", f"{ROOT}[test]"])
        STAMP.write_bytes(marker)


# What Qt's X11 (xcb) platform plugin loads that a fresh Debian may lack (ldd of the plugin)
LINUX_PACKAGES = ["libegl1", "libgl1", "libfontconfig1", "libglib2.0-0", "libdbus-1-3",
                  "libxkbcommon-x11-0", "libx11-xcb1", "libxcb-cursor0", "libxcb-icccm4",
                  "libxcb-image0", "libxcb-keysyms1", "libxcb-randr0", "libxcb-render-util0",
                  "libxcb-shape0", "libxcb-sync1", "libxcb-xfixes0", "libxcb-xkb1", "libxcb-glx0"]


def missing_window_libraries() -> list[str]:
    """Libraries Qt's xcb plugin needs and cannot find (Linux only): Qt's own message is an
    abort with "could not load the Qt platform plugin", which says nothing of what to install."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM", "xcb") != "xcb":
        return []
    plugin = next(VENV.glob("lib/python*/site-packages/PySide6/Qt/plugins/platforms/libqxcb.so"), None)
    if plugin is None:
        return []
    try:
        listing = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True).stdout
    except OSError:
        return []
    return [line.split()[0] for line in listing.splitlines() if "not found" in line]


def main(argv: list[str]) -> int:
    cmd = argv[0] if argv else "app"
    setup()
    env = dict(os.environ, PYTHAINLP_READ_ONLY="1", PYTHAINLP_OFFLINE="1", PYTHONUTF8="0")
    if cmd == "app":
        missing = missing_window_libraries()
        if missing:
            sys.exit("The window needs system libraries that are missing: " + " ".join(missing)
                     + "\nOn Debian or Ubuntu: sudo apt-get install " + " ".join(LINUX_PACKAGES))
        return subprocess.call([str(PY), "-m", "ita_desktop", *argv[1:]], env=env)
    if cmd == "test":
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        return subprocess.call(
            [str(PY), "-X", "warn_default_encoding", "-W", "error::EncodingWarning",
             "-m", "pytest", "-p", "no:cacheprovider", *argv[1:]],
            cwd=ROOT, env=env)
    if cmd == "lint":
        ruff = subprocess.call([str(PY), "-m", "ruff", "check", "."], cwd=ROOT)
        typed = subprocess.call([str(PY), "-m", "mypy", *STRICT_TYPED], cwd=ROOT)
        return ruff or typed
    sys.exit(f"unknown command {cmd!r}: use 'app', 'test' or 'lint'")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
