"""The packaging files as Windows reads them.

- packaging/installer.nsi: makensis reads a script without a byte-order mark in the system's
  code page (CP874 on a Thai Windows, CP1252 on the CI runner), so the Thai in it became
  "Bad text encoding" or garbage. It is compiled here with both code pages against a stand-in
  of the frozen folder (three small files: nothing is built), and its Thai read back.
  What it does on install, upgrade and uninstall is read from the script: DPI-aware, the old
  _internal removed before the new files and nothing else removed recursively, the size and
  icon in Settings › Apps, the Start-menu names the READMEs tell the clerk.
- the icon (tools/make_icon.py): a .ico with the sizes Windows asks for, in both exes
  (packaging/ita-desktop.spec), the installer and its shortcuts.
- .github/workflows/windows.yml, read as text (no YAML parser is a dependency): the Python
  setup-python installed runs the tests, the self-test log is UTF-8, the windowed exe runs the
  self-test too, the runner's own NSIS builds the installer, the version comes from pyproject.toml.
- the self-test's print-worker step with no stdout and stderr, as in the windowed exe.
"""
from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NSI = ROOT / "packaging" / "installer.nsi"
SPEC = ROOT / "packaging" / "ita-desktop.spec"
ICO = ROOT / "resources" / "icons" / "ita-desktop.ico"
READMES = (ROOT / "README.md", ROOT / "packaging" / "README.md")
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
    (tree / "resources" / "icons").mkdir(parents=True)
    shutil.copyfile(ICO, tree / "resources" / "icons" / ICO.name)
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
    step = step_with('ita-desktop-cli.exe" --self-test')
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


def test_the_workflow_runs_the_self_test_in_the_windowed_exe() -> None:
    """What the shortcuts start has no console: the self-test runs there too, waited for
    (a windowed exe returns at once), and its log must show no stdout, and a print worker
    that is the same exe with no stdout and no console window of its own."""
    step = step_with("selftest-windowed\\self-test.log")
    line = next(x for x in step.splitlines() if "Start-Process" in x)
    assert '"build\\pyinstaller\\dist\\ITA Desktop\\ita-desktop.exe"' in line
    assert '"--self-test","--out","build\\selftest-windowed"' in line
    assert "-Wait" in line and "-PassThru" in line
    assert "$p.ExitCode -ne 0" in step and "-Encoding utf8" in step
    assert "stdout=none\\)" in step
    assert "worker=ita-desktop\\.exe stdout=none console=none" in step
    assert "build/selftest-windowed/" in step_with("upload-artifact")


# --- what the installer does ----------------------------------------------------------------
def script() -> str:
    """installer.nsi without its comments."""
    lines = NSI.read_text(encoding="utf-8-sig").splitlines()
    return "\n".join(re.sub(r"\s+;.*$", "", x) for x in lines if not x.lstrip().startswith(";"))


def defined(name: str) -> str:
    found = re.findall(rf'(?m)^\s*!define {name} "([^"]*)"', script())
    assert len(found) == 1, name
    return found[0]


def test_the_installer_is_dpi_aware_and_replaces_the_old_internal_folder() -> None:
    """Upgrade: the old _internal goes before the new files are copied (an old module or DLL
    the new version no longer has would still be loaded). Nothing else is removed
    recursively: the clerk's files are in Documents and %APPDATA%\\ita-desktop."""
    text = script()
    assert re.search(r"(?m)^ManifestDPIAware true$", text)
    section = text[text.index('Section "ITA Desktop"'):]
    section = section[:section.index("SectionEnd")]
    first_file = section.index('File "${APPDIR}')
    rmdir = section.find('RMDir /r "$INSTDIR\\_internal"')
    assert 0 <= rmdir < first_file
    assert section.index("Call WaitUntilClosed") < rmdir, "a running app is closed first"
    assert sorted(set(re.findall(r"RMDir /r (\S+)", text))) == ['"$INSTDIR\\_internal"']
    assert "Call un.WaitUntilClosed" in text


def test_the_uninstall_entry_has_its_size_icon_and_version() -> None:
    text = script()
    assert '!include "FileFunc.nsh"' in text
    size = re.search(r'\$\{GetSize\} "\$INSTDIR" "/S=0K" (\$\d)', text)
    assert size, "EstimatedSize is measured with FileFunc's GetSize, in KB"
    assert f'WriteRegDWORD HKCU "${{UNINSTKEY}}" "EstimatedSize" "{size.group(1)}"' in text
    assert text.index("WriteUninstaller") < size.start(), "measured with the uninstaller in"
    for value in ("DisplayName", "DisplayVersion", "Publisher", "DisplayIcon", "UninstallString"):
        assert f'WriteRegStr HKCU "${{UNINSTKEY}}" "{value}"' in text, value
    for value in ("NoModify", "NoRepair"):
        assert f'WriteRegDWORD HKCU "${{UNINSTKEY}}" "{value}" 1' in text, value
    assert defined("UNINSTKEY").startswith("Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\")


def test_the_installer_uses_the_app_icon_everywhere() -> None:
    """The installer and uninstaller themselves, the shortcuts, the .ita file type and the
    Settings › Apps entry show the icon installed beside the exes."""
    text = script()
    icon = (NSI.parent / defined("ICON").replace("\\", "/")).resolve()
    assert icon == ICO.resolve()
    assert '!define MUI_ICON "${ICON}"' in text and '!define MUI_UNICON "${ICON}"' in text
    assert 'File "/oname=ita-desktop.ico" "${ICON}"' in text
    shortcuts = re.findall(r'(?m)^\s*CreateShortcut "([^"]+)" "([^"]+)" "[^"]*" "([^"]+)" 0$', text)
    assert len(shortcuts) == 3
    for link, target, link_icon in shortcuts:
        if target.endswith("ita-desktop.exe"):
            assert link_icon == "$INSTDIR\\ita-desktop.ico", link
    assert 'DefaultIcon" "" "$INSTDIR\\ita-desktop.ico,0"' in text
    assert '"DisplayIcon" "$INSTDIR\\ita-desktop.ico"' in text
    assert 'Delete "$INSTDIR\\ita-desktop.ico"' in text


def test_the_readmes_name_the_start_menu_entries_the_installer_makes() -> None:
    """What the READMEs tell the clerk to click is what the installer creates (and removes)."""
    text = script()
    folder, app, uninstall = defined("SMFOLDER"), defined("SHORTCUT"), defined("UNSHORTCUT")
    assert uninstall == "ถอนการติดตั้ง ITA Desktop"
    assert 'CreateShortcut "$SMPROGRAMS\\${SMFOLDER}\\${SHORTCUT}.lnk" "$INSTDIR\\ita-desktop.exe"' in text
    assert 'CreateShortcut "$SMPROGRAMS\\${SMFOLDER}\\${UNSHORTCUT}.lnk" "$INSTDIR\\uninstall.exe"' in text
    assert 'CreateShortcut "$DESKTOP\\${SHORTCUT}.lnk"' in text
    for link in ("${SMFOLDER}\\${SHORTCUT}", "${SMFOLDER}\\${UNSHORTCUT}"):
        assert f'Delete "$SMPROGRAMS\\{link}.lnk"' in text
    for readme in READMES:
        body = readme.read_text(encoding="utf-8")
        assert f"Start › {folder} › {app}" in body, readme
        assert f"Start › {folder} › {uninstall}" in body, readme
        # every Start-menu path the README names is one of those
        for path in re.findall(r"Start › ([^*`\n]+?)(?=[*`]|\s*[(,.;:]|$)", body, re.M):
            assert path.strip() in (f"{folder} › {app}", f"{folder} › {uninstall}"), (readme, path)


# --- the icon and the frozen build ------------------------------------------------------------
def test_the_icon_holds_the_sizes_windows_asks_for() -> None:
    """ICONDIR, then one ICONDIRENTRY per image: 16-256 px, 32-bit; BMP entries below 256 px
    (height doubled for the mask), PNG at 256 px; each image inside the file."""
    data = ICO.read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    assert (reserved, kind) == (0, 1)
    sizes = []
    for i in range(count):
        width, height, colours, _, planes, bits, length, offset = struct.unpack_from(
            "<BBBBHHII", data, 6 + 16 * i)
        size = width or 256
        assert (width, colours, planes, bits) == (height, 0, 1, 32)
        assert 6 + 16 * count <= offset and offset + length <= len(data)
        image = data[offset:offset + length]
        if size == 256:
            assert image.startswith(b"\x89PNG\r\n\x1a\n")
            assert struct.unpack_from(">II", image, 16) == (256, 256)
        else:
            assert struct.unpack_from("<Iii", image, 0) == (40, size, 2 * size)
        sizes.append(size)
    assert sorted(sizes) == [16, 24, 32, 48, 64, 256]
    assert (ICO.parent / "ita-desktop-256.png").read_bytes().startswith(b"\x89PNG")


def test_the_spec_gives_both_exes_the_icon() -> None:
    text = SPEC.read_text(encoding="utf-8")
    path = re.search(r'(?m)^ICON = ROOT((?: / "[^"]+")+)$', text)
    assert path, "ICON = ROOT / ... in the spec"
    parts = re.findall(r'"([^"]+)"', path.group(1))
    assert ROOT.joinpath(*parts) == ICO and ICO.is_file()
    assert re.search(r"common = dict\([^)]*icon=str\(ICON\)", text, re.S)
    exes = re.findall(r"(?m)^\w+ = EXE\((.*)\)", text)
    assert len(exes) == 2 and all("**common" in exe for exe in exes)
    assert '(str(ROOT / "resources"), "resources")' in text, "the window's icon is in the folder"


WORKER_WITHOUT_STREAMS = r"""
import os, sys
from pathlib import Path
assert sys.stdout is None and sys.stderr is None, "started with fds 1 and 2 closed"
# as in the windowed exe, Python has no stdout and stderr. The fds are held by /dev/null,
# not inherited (Python opens files non-inheritable): a C library's stray write goes nowhere,
# and the worker process is started with none either, as from the windowed exe on Windows
assert [os.open(os.devnull, os.O_WRONLY) for _ in range(2)] == [1, 2]
from ita_desktop import selftest
from ita_desktop.paths import resource_path
from ita_desktop.store import exchange
from ita_desktop.store.db import Store
work = Path(sys.argv[1])
demo = work / "demo.ita"
exchange.import_json(resource_path("demo", "demo-office.json"), demo).close()
store = Store.open(demo)
data = store.load()
store.close()
try:
    detail = "passed: " + selftest.worker_step(demo, data, work)
except BaseException as exc:
    detail = f"failed: {exc!r}"
(work / "result.txt").write_text(detail, encoding="utf-8")
"""


@pytest.mark.skipif(os.name == "nt", reason="closes the streams with a POSIX shell")
def test_the_self_tests_worker_step_runs_with_no_stdout_or_stderr(tmp_path: Path) -> None:
    """The windowed exe's Python has sys.stdout and sys.stderr None, and so has the print
    worker it spawns. Here a Python started with fds 1 and 2 closed runs the self-test's
    worker step: the demo renders through the worker, which reports it had no stdout."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ITA_DESKTOP_CONFIG=str(tmp_path / "config"),
               ITA_DESKTOP_DOCUMENTS=str(tmp_path / "documents"))
    done = subprocess.run(["/bin/sh", "-c", 'exec "$0" "$@" >&- 2>&-', sys.executable, "-c",
                           WORKER_WITHOUT_STREAMS, str(tmp_path)],
                          cwd=ROOT, env=env, stdin=subprocess.DEVNULL, capture_output=True, timeout=180)
    assert done.returncode == 0 and done.stdout == done.stderr == b""
    result = (tmp_path / "result.txt").read_text(encoding="utf-8")
    assert result.startswith("passed: preview.pdf"), result
    assert result.endswith(f"worker={Path(sys.executable).name} stdout=none console=none"), result


def test_the_workflow_installs_and_uninstalls_into_a_thai_folder_without_questions() -> None:
    step = step_with('"/S","/D=$dir"')
    assert "0x0E07" in step and "uninstall.exe" in step and '"_?=$dir"' in step
    assert "EstimatedSize" in step and "Classes\\.ita" in step
    assert "0x0E07" in step_with("Self-test from a Thai folder")
    window = step_with("Remove-Item Env:QT_QPA_PLATFORM")
    assert "blank or non-Thai texts: 0" in window
    for name, text in steps().items():  # a crash box must not hold the job for an hour
        if "--self-test" in text or '"/S"' in text:
            assert "timeout-minutes:" in text, name


def test_every_question_the_installer_asks_has_a_silent_answer() -> None:
    text = NSI.read_text(encoding="utf-8-sig")
    boxes = re.findall(r"MessageBox [^\n]*", text)
    assert boxes and all("/SD " in box for box in boxes), boxes
