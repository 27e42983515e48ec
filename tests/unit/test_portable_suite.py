"""The suite runs on Windows too (the CI runs `python dev.py test` there): no test may use what
only POSIX has, nor make a file Windows cannot name, unless it skips on Windows.

The test files (tests/**/*.py) are read with `ast`, not imported. A heuristic, by design:

1. POSIX only: `signal.X` (or `from signal import X`) for a signal Windows lacks (every SIG*
   but SIGABRT SIGBREAK SIGFPE SIGILL SIGINT SIGSEGV SIGTERM) or a signal function it lacks
   (alarm, pause, setitimer…), and the os functions it lacks (fork, killpg, mkfifo, mknod,
   getuid, geteuid, setsid…). To end a process use `Popen.kill()` (SIGKILL / TerminateProcess).
2. File names: a string literal (an f-string's text parts) that names a file: an operand of
   `/` (joining a path), the argument of Path(), open(), joinpath(), with_name(), with_stem(),
   with_suffix(), os.mkdir(), os.makedirs(), or any literal passed to a call that ends in an
   extension ("x.ita", "a.ita-journal"); not the pattern of glob(), rglob(), fnmatch(),
   match(), re.* nor pytest's match=. It may not hold any of <>:"|?* or a control character,
   be a device name (CON, PRN, AUX, NUL, COM1-9, LPT1-9, with or without an extension), or end
   in a dot or a space. A drive ("C:") or long-path prefix ("\\\\?\\") is allowed.

Either is allowed where the test skips on Windows: a skipif on the test or its class, or the
module's pytestmark, that names the platform (sys.platform, os.name, platform.system, "win32",
"nt", "posix"); an `if`, `and`/`or` or conditional expression whose condition names it or asks
hasattr(signal|os, …) (which way the branch goes is not checked); a test body that calls
pytest.skip under such an `if`; or a helper that is used only where it is allowed. Names built
at run time (chr(), joins) are not seen. This file is not scanned: its examples are bad on
purpose.
"""
from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

WINDOWS_SIGNALS = {"SIGABRT", "SIGBREAK", "SIGFPE", "SIGILL", "SIGINT", "SIGSEGV", "SIGTERM"}
POSIX_SIGNAL_FUNCTIONS = {"alarm", "pause", "setitimer", "getitimer", "siginterrupt", "pthread_kill",
                          "pthread_sigmask", "sigpending", "sigwait", "sigwaitinfo", "sigtimedwait"}
POSIX_OS = {"fork", "forkpty", "killpg", "mkfifo", "mknod", "getuid", "geteuid", "getgid", "getegid",
            "setsid", "getpgid", "setpgid", "getpgrp", "chown", "lchown", "fchown", "wait3", "wait4",
            "getloadavg", "sync", "pipe2", "openpty", "nice", "setuid", "seteuid"}
BAD_CHARS = set('<>:"|?*') | {chr(i) for i in range(32)}
DEVICES = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
EXTENSION = re.compile(r"\.[A-Za-z0-9][A-Za-z0-9_-]{0,15}$")
NAME_TAKERS = {"Path", "PurePath", "open", "joinpath", "with_name", "with_stem", "with_suffix", "mkdir",
               "makedirs"}
PATTERN_TAKERS = {"glob", "rglob", "fnmatch", "fnmatchcase", "match", "fullmatch", "search", "compile",
                  "sub", "findall", "split", "raises", "warns", "skip", "skipif", "xfail"}
PLATFORM = re.compile(r"sys\.platform|os\.name|platform\.system|\bwin32\b|['\"](?:nt|posix)['\"]"
                      r"|hasattr\((?:signal|os)\b")


def mentions_platform(node: ast.AST) -> bool:
    return bool(PLATFORM.search(ast.unparse(node)))


def is_platform_skip(decorator: ast.AST) -> bool:
    text = ast.unparse(decorator)
    return "skip" in text and bool(PLATFORM.search(text))


def called_name(call: ast.Call) -> str:
    f = call.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""


def literal_text(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
    return None


def bad_name(text: str, whole_path: bool) -> str | None:
    """Why Windows cannot make this name (or path), or None."""
    text = re.sub(r"^(?:\\\\\?\\|//\?/)", "", text)  # the long-path prefix
    text = re.sub(r"^[A-Za-z]:(?=[\\/]|$)", "", text)  # a drive
    parts = re.split(r"[\\/]", text) if whole_path else [text]
    for part in parts:
        if part in ("", ".", ".."):
            continue
        chars = sorted(set(part) & BAD_CHARS)
        if chars:
            return "holds " + " ".join(repr(c) for c in chars)
        if part.split(".")[0].rstrip(" ").upper() in DEVICES:
            return "is a device name"
        if part[-1] in ". ":
            return "ends in a dot or a space"
    return None


class Module:
    def __init__(self, source: str) -> None:
        self.tree = ast.parse(source)
        self.parent: dict[int, ast.AST] = {}
        for node in ast.walk(self.tree):
            for child in ast.iter_child_nodes(node):
                self.parent[id(child)] = node
        self.marked = any(
            isinstance(n, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "pytestmark" for t in n.targets)
            and mentions_platform(n.value) and "skip" in ast.unparse(n.value) for n in self.tree.body)
        self.helpers = {n.name: n for n in self.tree.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
                        and not n.name.startswith("test_")}

    def ancestors(self, node: ast.AST) -> Iterator[tuple[ast.AST, ast.AST]]:
        """(ancestor, the child of it on the way down to node)."""
        while id(node) in self.parent:
            up = self.parent[id(node)]
            yield up, node
            node = up

    def guarded(self, node: ast.AST, seen: frozenset[str] = frozenset()) -> bool:
        if self.marked:
            return True
        outermost: ast.AST | None = None
        for up, child in self.ancestors(node):
            if isinstance(up, ast.If | ast.IfExp | ast.While) and child is not up.test and mentions_platform(up.test):
                return True
            if isinstance(up, ast.BoolOp):
                before = up.values[:up.values.index(child)] if child in up.values else []
                if any(mentions_platform(v) for v in before):
                    return True
            if isinstance(up, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                if any(is_platform_skip(d) for d in up.decorator_list):
                    return True
                if isinstance(up, ast.FunctionDef | ast.AsyncFunctionDef) and self.skips_in_body(up):
                    return True
                outermost = up
        if isinstance(outermost, ast.FunctionDef | ast.AsyncFunctionDef) and outermost.name in self.helpers \
                and outermost.name not in seen:
            uses = [n for n in ast.walk(self.tree) if isinstance(n, ast.Name) and n.id == outermost.name]
            return bool(uses) and all(self.guarded(u, seen | {outermost.name}) for u in uses)
        return False

    @staticmethod
    def skips_in_body(function: ast.AST) -> bool:
        return any(isinstance(n, ast.If) and mentions_platform(n.test) and any(
            isinstance(c, ast.Call) and called_name(c) == "skip" for s in n.body for c in ast.walk(s))
            for n in ast.walk(function))

    def posix_only(self) -> Iterator[tuple[ast.AST, str]]:
        for node in ast.walk(self.tree):
            names: list[tuple[str, str]] = []
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                names = [(node.value.id, node.attr)]
            elif isinstance(node, ast.ImportFrom) and node.module in ("signal", "os"):
                names = [(node.module, a.name) for a in node.names]
            for module, name in names:
                posix_signal = name.startswith("SIG") and not name.startswith("SIG_") and name not in WINDOWS_SIGNALS
                if module == "signal" and (posix_signal or name in POSIX_SIGNAL_FUNCTIONS):
                    yield node, f"signal.{name} does not exist on Windows"
                elif module == "os" and name in POSIX_OS:
                    yield node, f"os.{name} does not exist on Windows"

    def file_names(self) -> Iterator[tuple[ast.AST, str]]:
        for node in ast.walk(self.tree):
            text = literal_text(node)
            if text is None or isinstance(self.parent.get(id(node)), ast.JoinedStr):
                continue
            up = self.parent.get(id(node))
            call = up if isinstance(up, ast.Call) else None
            if call is None and isinstance(up, ast.keyword) and isinstance(self.parent.get(id(up)), ast.Call):
                if up.arg == "match":
                    continue
                call = self.parent[id(up)]  # type: ignore[assignment]
            if isinstance(up, ast.BinOp) and isinstance(up.op, ast.Div):
                why = bad_name(text, whole_path=True)
            elif call is not None and node is not call.func:
                taker = called_name(call)
                if taker in PATTERN_TAKERS or (isinstance(call.func, ast.Attribute)
                                               and ast.unparse(call.func.value) == "re"):
                    continue
                if taker in NAME_TAKERS:
                    why = bad_name(text, whole_path=True)
                elif "\n" not in text and len(text) <= 200 and EXTENSION.search(text):
                    why = bad_name(text, whole_path=False)
                else:
                    continue
            else:
                continue
            if why:
                yield node, f"file name {text!r} {why} on Windows"

    def findings(self) -> list[tuple[int, str]]:
        found = [*self.posix_only(), *self.file_names()]
        return sorted({(getattr(n, "lineno", 0), why) for n, why in found if not self.guarded(n)})


def suite_files() -> list[Path]:
    return sorted(p for p in (ROOT / "tests").rglob("*.py") if p.resolve() != Path(__file__).resolve())


def test_no_test_needs_posix_or_makes_a_name_windows_refuses() -> None:
    found = [f"{path.relative_to(ROOT).as_posix()}:{line}: {why}"
             for path in suite_files() for line, why in Module(path.read_text(encoding="utf-8")).findings()]
    assert len(suite_files()) > 30
    assert found == []


# --- the heuristic itself -----------------------------------------------------------------
@pytest.mark.parametrize("source", [
    "import signal\ndef test_x(proc):\n    proc.send_signal(signal.SIGKILL)\n",
    "from signal import SIGSTOP\n",
    "import os\ndef test_x(p):\n    os.mkfifo(p)\n",
    "def _make(p):\n    os.mkfifo(p)\ndef test_x(p):\n    _make(p)\n",
    'def test_x(tmp_path):\n    (tmp_path / "a|b.ita").write_text("")\n',
    'def test_x(tmp_path):\n    _hostile(tmp_path, "it\'s \\"x\\".ita", [])\n',
    'def test_x(tmp_path):\n    Path(tmp_path, f"{1}?.pdf")\n',
    'def test_x(tmp_path):\n    (tmp_path / "con.ita").touch()\n',
    'def test_x(tmp_path):\n    (tmp_path / "name.").touch()\n',
])
def test_the_heuristic_finds(source: str) -> None:
    assert Module(source).findings() != []


@pytest.mark.parametrize("source", [
    "import os, signal\n@pytest.mark.skipif(os.name != 'posix', reason='x')\n"
    "def test_x(proc):\n    proc.send_signal(signal.SIGKILL)\n",
    "import sys, signal\npytestmark = pytest.mark.skipif(sys.platform == 'win32', reason='x')\n"
    "def test_x(proc):\n    proc.send_signal(signal.SIGKILL)\n",
    "import os\ndef test_x(p):\n    if os.name == 'posix':\n        os.mkfifo(p)\n",
    "import os, sys\ndef test_x(p):\n    if sys.platform == 'win32':\n        pytest.skip('x')\n    os.mkfifo(p)\n",
    "import os, sys\ndef x():\n    if not sys.platform.startswith('linux') or os.geteuid() != 0:\n        pass\n",
    "import os\ndef _make(p):\n    os.mkfifo(p)\n@pytest.mark.skipif(os.name != 'posix', reason='x')\n"
    "def test_x(p):\n    _make(p)\n",
    "import signal\ndef test_x(proc):\n    proc.send_signal(signal.SIGTERM)\n    proc.kill()\n",
    'def test_x(tmp_path):\n    list(tmp_path.glob("crash-*.txt"))\n    (tmp_path / "ก อบต #2.ita").touch()\n',
    'def test_x():\n    with pytest.raises(ValueError, match="a|b.txt"):\n        pass\n',
    'def test_x():\n    Path("C:\\\\x\\\\y.ita")\n    Path("\\\\\\\\?\\\\C:\\\\long.ita")\n',
])
def test_the_heuristic_allows(source: str) -> None:
    assert Module(source).findings() == []
