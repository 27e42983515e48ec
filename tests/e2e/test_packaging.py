"""The packaging files as Windows reads them.

- packaging/installer.nsi: makensis reads a script without a byte-order mark in the system's
  code page (CP874 on a Thai Windows, CP1252 on the CI runner), so the Thai in it became
  "Bad text encoding" or garbage. It is compiled here with both code pages against a stand-in
  of the frozen folder (three small files: nothing is built), and its Thai read back.
- .github/workflows/windows.yml, read as text (no YAML parser is a dependency): the Python
  setup-python installed runs the tests, the self-test log is UTF-8, the runner's own NSIS
  builds the installer, the version comes from pyproject.toml.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NSI = ROOT / "packaging" / "installer.nsi"
WORKFLOW = ROOT / ".github" / "workflows" / "windows.yml"
BOM = b"\xef\xbb\xbf"
RUNNER_NSIS = r"C:\Program Files (x86)\NSIS\makensis.exe"  # where windows-2022 has it
THAI = re.compile("[\u0e01-\u0e5b]+")


def version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def makensis() -> str:
    found = shutil.which("makensis") or (RUNNER_NSIS if os.name == "nt" and Path(RUNNER_NSIS).is_file() else None)
    if found is None:
        pytest.skip("makensis is not installed (Debian: apt-get install nsis; Windows: NSIS 3)")
    return found


def stand_in(tmp_path: Path) -> Path:
    """What the installer packs from the PyInstaller folder: two exes and _internal/."""
    app = tmp_path / "ITA Desktop"
    (app / "_internal").mkdir(parents=True)
    for name in ("ita-desktop.exe", "ita-desktop-cli.exe"):
        (app / name).write_bytes(b"MZ stand-in")
    (app / "_internal" / "base_library.zip").write_bytes(b"stand-in")
    return app


def compile_nsi(tmp_path: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([makensis(), "-V2", "-WX", *options, str(NSI)], capture_output=True,
                          text=True, encoding="utf-8", errors="replace", timeout=120)


def test_the_installer_script_starts_with_a_utf8_bom() -> None:
    raw = NSI.read_bytes()
    assert raw.startswith(BOM), "makensis reads a script without a BOM in the system code page"
    raw[len(BOM):].decode("utf-8")  # and the rest is UTF-8


@pytest.mark.parametrize("code_page", ["CP1252", "CP874"])
def test_the_installer_builds_in_a_windows_code_page(tmp_path: Path, code_page: str) -> None:
    """-INPUTCHARSET is what makensis assumes for a script without a BOM: the system's ANSI
    code page on Windows. The BOM must win over it, warnings count as errors."""
    out = tmp_path / "out"
    out.mkdir()
    done = compile_nsi(tmp_path, "-INPUTCHARSET", code_page, f"-DVERSION={version()}",
                       f"-DAPPDIR={stand_in(tmp_path)}", f"-DOUTDIR={out}")
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert (out / f"ITA-Desktop-{version()}-setup.exe").stat().st_size > 10_000


@pytest.mark.parametrize("code_page", ["CP1252", "CP874"])
def test_the_installer_thai_reaches_nsis_intact(tmp_path: Path, code_page: str) -> None:
    """The script as makensis understood it (-PPO: preprocess only, written as UTF-8) holds
    every Thai word of the file: shortcut names, pages, messages, the file type's name."""
    utf8_out = ["-OUTPUTCHARSET", "UTF8"] if os.name == "nt" else []  # elsewhere always UTF-8
    done = compile_nsi(tmp_path, "-INPUTCHARSET", code_page, *utf8_out, "-PPO")
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    source = NSI.read_text(encoding="utf-8-sig")
    words = set(THAI.findall("\n".join(line for line in source.splitlines()
                                       if not line.lstrip().startswith(";"))))
    assert len(words) >= 10
    assert sorted(w for w in words if w not in done.stdout) == []


def test_the_installer_takes_its_version_from_pyproject(tmp_path: Path) -> None:
    """Built by hand without /DVERSION, the installer's name carries pyproject's version (a
    copy of the script beside a pyproject.toml of another version shows it is read)."""
    tree = tmp_path / "tree"
    (tree / "packaging").mkdir(parents=True)
    shutil.copyfile(NSI, tree / "packaging" / NSI.name)
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    (tree / "pyproject.toml").write_text(pyproject.replace(f'version = "{version()}"', 'version = "7.8.9"', 1),
                                         encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    done = subprocess.run([makensis(), "-V2", "-WX", f"-DAPPDIR={stand_in(tmp_path)}", f"-DOUTDIR={out}",
                           str(tree / "packaging" / NSI.name)],
                          capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=120)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert [p.name for p in out.iterdir()] == ["ITA-Desktop-7.8.9-setup.exe"]


# --- the Windows workflow ------------------------------------------------------------------
def steps() -> dict[str, str]:
    """Each step's text by its name (or its `uses:`), from the workflow file."""
    text = WORKFLOW.read_text(encoding="utf-8")
    found: dict[str, str] = {}
    for chunk in re.split(r"\n(?=      - )", text.split("\n    steps:\n", 1)[1]):
        head = re.match(r"\s*- (?:name|uses): (.+)", chunk)
        assert head, chunk
        found[head.group(1).strip()] = chunk
    return found


def step_with(needle: str) -> str:
    matching = [text for text in steps().values() if needle in text]
    assert len(matching) == 1, f"one step should contain {needle!r}"
    return matching[0]


def test_the_workflow_runs_the_tests_with_the_python_setup_python_installed() -> None:
    """`py` (the launcher) starts the newest Python on the runner, not the 3.11 setup-python
    put first on PATH; dev.py makes .venv with the Python that runs it."""
    text = WORKFLOW.read_text(encoding="utf-8")
    assert 'python-version: "3.11"' in text
    assert not re.search(r"(?m)(^|[\s;&|])py(\.exe)?\s", text), "the py launcher picks its own Python"
    assert re.search(r"(?m)^\s+run: python dev\.py test\b", step_with("dev.py test"))


def test_the_workflow_keeps_the_self_test_log_in_utf8() -> None:
    """The frozen exe ignores PYTHON* variables (PyInstaller starts Python isolated) and its
    output to a pipe is in the runner's ANSI code page: Thai became "?" in a log teed from it.
    The self-test writes its own log as UTF-8 into --out, which the artifact takes."""
    step = step_with("--self-test")
    assert "--out build\\selftest" in step
    line = next(x for x in step.splitlines() if "--self-test" in x)
    assert "|" not in line and ">" not in line, "its output is not what is kept"
    assert "build/selftest/" in step_with("upload-artifact")


def test_the_workflow_builds_with_the_runners_nsis_and_pyprojects_version() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    assert "choco" not in text, "windows-2022 ships NSIS; choco downloads it again (and may fail)"
    step = step_with("makensis")
    assert '"C:\\Program Files (x86)\\NSIS\\makensis.exe"' in step
    assert not re.search(r"\d+\.\d+\.\d+", step), "the version is read, not written here"
    assert "pyproject.toml" in step and "tomllib" in step
    assert "/DVERSION=$version" in step
