"""Smoke test of the frozen app, on Linux, with one command (about a minute):

    python packaging/smoke_test.py [--no-build]

Builds packaging/ita-desktop.spec with PyInstaller (into build/pyinstaller), then runs
`ita-desktop-cli --self-test` of the frozen folder:
- in a network namespace with no interfaces (`unshare -n`, needs root or user namespaces),
- with HOME, TMPDIR, XDG_* and the app's data folders pointed at empty folders,
- under `strace -f`, so that every file opened for writing and every socket connect is seen.
It fails if the self-test fails, if anything is written outside those folders, if a
`pythainlp-data` folder appears anywhere, or if an internet socket is connected.
Needs: pyinstaller (pip), strace and util-linux's unshare (Debian: apt-get install strace).
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "build" / "pyinstaller"
DIST = BUILD / "dist" / "ITA Desktop"
# written by the system, not by us: the namespace's own files, shared memory for the worker's
# semaphores, and character devices
ALLOWED_SYSTEM = ("/dev/", "/proc/", "/sys/")


def build() -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--distpath", str(BUILD / "dist"),
                    "--workpath", str(BUILD / "work"), str(ROOT / "packaging" / "ita-desktop.spec")],
                   check=True, cwd=ROOT, capture_output=True)
    return time.perf_counter() - start


def folder_size(path: Path) -> int:
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def main(argv: list[str]) -> int:
    for tool in ("strace", "unshare"):
        if shutil.which(tool) is None:
            print(f"smoke test needs {tool}")
            return 2
    if "--no-build" not in argv or not DIST.exists():
        print(f"build: {build():.0f} s")
    print(f"frozen folder: {folder_size(DIST) / 1e6:.0f} MB ({DIST})")
    sandbox = Path(tempfile.mkdtemp(prefix="ita-smoke-"))
    dirs = {name: sandbox / name for name in ("home", "tmp", "config", "documents", "runtime", "out")}
    for d in dirs.values():
        d.mkdir()
    dirs["runtime"].chmod(0o700)
    env = {
        "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8",
        "HOME": str(dirs["home"]), "TMPDIR": str(dirs["tmp"]), "TEMP": str(dirs["tmp"]),
        "XDG_CONFIG_HOME": str(dirs["config"]), "XDG_DATA_HOME": str(dirs["config"]),
        "XDG_CACHE_HOME": str(dirs["tmp"]), "XDG_RUNTIME_DIR": str(dirs["runtime"]),
        "ITA_DESKTOP_CONFIG": str(dirs["config"]), "ITA_DESKTOP_DOCUMENTS": str(dirs["documents"]),
        "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8",
    }
    trace = sandbox / "strace.log"
    already = (Path.home() / "pythainlp-data").exists()
    exe = DIST / "ita-desktop-cli"
    cmd = ["unshare", "-n", "strace", "-f", "-qq", "-o", str(trace), "-e", "trace=openat,open,creat,connect,mkdir",
           str(exe), "--self-test", "--out", str(dirs["out"])]
    start = time.perf_counter()
    run = subprocess.run(cmd, env=env, capture_output=True, text=True, encoding="utf-8")
    elapsed = time.perf_counter() - start
    print(run.stdout.strip())
    problems = []
    if run.returncode != 0 or "ผลการทดสอบตัวเอง: ผ่าน" not in run.stdout:
        problems.append(f"self-test failed (exit {run.returncode}): {run.stderr.strip()[-400:]}")
    allowed = [str(sandbox), *ALLOWED_SYSTEM]
    written, inside, connects = set(), set(), []
    for line in trace.read_text(encoding="utf-8", errors="replace").splitlines():
        if "connect(" in line and ("AF_INET" in line or "AF_INET6" in line):
            connects.append(line)
        m = re.search(r'(?:open(?:at)?|creat|mkdir)\((?:AT_FDCWD, )?"([^"]+)"(.*)', line)
        if not m:
            continue
        path, rest = m.group(1), m.group(2)
        writing = "mkdir(" in line or "creat(" in line or any(f in rest for f in ("O_WRONLY", "O_RDWR", "O_CREAT"))
        if writing and "= -1" not in rest:
            (inside if any(path.startswith(a) for a in allowed) else written).add(path)
    print(f"files opened for writing: {len(inside)} inside the sandbox, {len(written)} outside; "
          f"internet connects: {len(connects)}")
    if written:
        problems.append("written outside the sandbox: " + ", ".join(sorted(written)[:10]))
    if connects:
        problems.append(f"network tried {len(connects)} times: {connects[0][:200]}")
    if (dirs["home"] / "pythainlp-data").exists() or (not already and (Path.home() / "pythainlp-data").exists()):
        problems.append("a pythainlp-data folder appeared")
    print(f"self-test in the sandbox: {elapsed:.1f} s (strace slows it)")
    # figures, in the same sandbox without strace: window shown, and a first PDF from a cold process
    demo = dirs["out"] / "ตัวอย่าง.ita"
    if demo.exists():
        shown = []
        for _ in range(3):
            r = subprocess.run(["unshare", "-n", str(DIST / "ita-desktop"), str(demo)],
                               env={**env, "ITA_DESKTOP_QUIT_WHEN_SHOWN": f"{time.time():.3f}"},
                               capture_output=True, text=True, encoding="utf-8", timeout=120)
            m = re.search(r"window shown ([0-9.]+) s", r.stdout)
            if m:
                shown.append(float(m.group(1)))
        if shown:
            print(f"frozen start-up to the window (offscreen, demo file): {sorted(shown)[len(shown) // 2]:.2f} s "
                  f"({', '.join(f'{r:.2f}' for r in shown)})")
        else:
            problems.append("the windowed exe did not report its window")
        runs = []
        for n in range(3):
            t = time.perf_counter()
            r = subprocess.run(["unshare", "-n", str(exe), "render", str(demo), "--year", "2568",
                                "-o", str(dirs["out"] / f"first{n}.pdf")], env=env, capture_output=True, timeout=120)
            runs.append(time.perf_counter() - t)
            if r.returncode:
                problems.append(f"render failed: {r.stderr[-300:]!r}")
        print(f"first PDF from a cold frozen process (render command): {sorted(runs)[1]:.2f} s "
              f"({', '.join(f'{r:.2f}' for r in runs)})")
    for p in problems:
        print("FAIL:", p)
    print("smoke test:", "passed" if not problems else "FAILED")
    shutil.rmtree(sandbox, ignore_errors=True)
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
