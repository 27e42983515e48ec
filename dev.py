"""Developer bootstrap: needs only Python 3.11+.

    python dev.py app     set up .venv (first time) and run the app
    python dev.py test    set up .venv (first time) and run the test suite

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


def setup() -> None:
    if sys.version_info < (3, 11):
        sys.exit("ITA Desktop needs Python 3.11 or newer")
    if not PY.exists():
        subprocess.check_call([sys.executable, "-m", "venv", str(VENV)])
    marker = (ROOT / "pyproject.toml").read_bytes()
    if not STAMP.exists() or STAMP.read_bytes() != marker:
        subprocess.check_call([str(PY), "-m", "pip", "install", "-q", "--upgrade", "pip"])
        subprocess.check_call([str(PY), "-m", "pip", "install", "-q", "-e", f"{ROOT}[test]"])
        STAMP.write_bytes(marker)


def main(argv: list[str]) -> int:
    cmd = argv[0] if argv else "app"
    setup()
    env = dict(os.environ, PYTHAINLP_READ_ONLY="1", PYTHAINLP_OFFLINE="1", PYTHONUTF8="0")
    if cmd == "app":
        return subprocess.call([str(PY), "-m", "ita_desktop", *argv[1:]], env=env)
    if cmd == "test":
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        return subprocess.call(
            [str(PY), "-X", "warn_default_encoding", "-W", "error::EncodingWarning",
             "-m", "pytest", "-p", "no:cacheprovider", *argv[1:]],
            cwd=ROOT, env=env)
    sys.exit(f"unknown command {cmd!r}: use 'app' or 'test'")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
