"""The rooms of the package and the rules between them, read with `ast`:

- domain/ is plain data and pure functions: no Qt, no SQLite, no print engine, and no file
  I/O (catalogs, the measure library and the issue templates are read by
  ita_desktop/resources.py and handed in);
- thai/ is text helpers: no Qt, no store, no print engine;
- report/ is a pure function of domain objects and options: it never opens the store
  (the render worker's entry point, which does, is ita_desktop/render_process.py) and
  imports no Qt;
- store/ is the only SQLite code and never shows a window.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

import ita_desktop

PACKAGE = Path(ita_desktop.__file__).parent

# room -> modules it must not import (a module and everything under it)
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "domain": ("PySide6", "sqlite3", "sqlite_utils", "reportlab", "ita_desktop.store",
               "ita_desktop.report", "ita_desktop.ui", "ita_desktop.render_process",
               # file I/O by proxy
               "ita_desktop.resources", "ita_desktop.paths", "ita_desktop.safe_files",
               "shutil", "tempfile"),
    "thai": ("PySide6", "sqlite3", "sqlite_utils", "reportlab", "ita_desktop.store",
             "ita_desktop.report", "ita_desktop.ui"),
    "report": ("PySide6", "sqlite3", "sqlite_utils", "ita_desktop.store", "ita_desktop.ui",
               "ita_desktop.render_process"),
    "store": ("PySide6", "ita_desktop.ui", "ita_desktop.report"),
}
# calls that read or write files: open(), Path.open/read_text/read_bytes, anything write_*
_FILE_CALLS = {"open", "read_text", "read_bytes"}


def imports(tree: ast.AST) -> list[tuple[int, list[str]]]:
    """Each import statement anywhere in the file (lazy imports too): its line and the modules
    it may load, `from ita_desktop import store` naming ita_desktop.store as well."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, [alias.name]) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            assert node.level == 0, "the package uses absolute imports"
            found.append((node.lineno, [node.module, *(f"{node.module}.{a.name}" for a in node.names)]))
    return found


def crossings(tree: ast.AST, banned: tuple[str, ...]) -> list[tuple[int, str]]:
    """The imports of `tree` that reach a banned module, once per statement."""
    return [(line, hit[0]) for line, modules in imports(tree)
            if (hit := [m for m in modules if any(m == b or m.startswith(b + ".") for b in banned)])]


def file_calls(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        if name in _FILE_CALLS or name.startswith("write_"):
            found.append((node.lineno, name))
    return found


def _offences(room: str) -> list[str]:
    out = []
    for path in sorted((PACKAGE / room).rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        out += [f"{rel}:{line}: imports {module}" for line, module in crossings(tree, FORBIDDEN[room])]
        if room == "domain":
            out += [f"{rel}:{line}: calls {name}()" for line, name in file_calls(tree)]
    return out


def test_the_rules_find_what_they_are_meant_to_find() -> None:
    code = ("import PySide6.QtCore\nfrom ita_desktop import store\nfrom ita_desktop.store.db import Store\n"
            "def f():\n    import sqlite3\n    from ita_desktop.storey import x\n"
            "open(p); p.read_text(encoding='utf-8'); p.read_bytes(); safe.write_text_atomically(p, t)\n"
            "text.replace('a', 'b'); json.loads(s)\n")
    tree = ast.parse(code)
    assert [module for _, module in crossings(tree, FORBIDDEN["domain"])] == [
        "PySide6.QtCore", "ita_desktop.store", "ita_desktop.store.db", "sqlite3"]
    assert [name for _, name in file_calls(tree)] == [
        "open", "read_text", "read_bytes", "write_text_atomically"]


@pytest.mark.parametrize("room", sorted(FORBIDDEN))
def test_each_room_keeps_to_its_layer(room: str) -> None:
    assert (PACKAGE / room).is_dir()
    offences = _offences(room)
    assert offences == [], f"{room}/ crosses its layer:\n" + "\n".join(offences)
