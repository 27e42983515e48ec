"""Replacing and deleting files while Windows antivirus or the indexer holds them, simulated
on Linux: os.replace / os.unlink raise what Windows raises for the first calls (issue 18)."""
from __future__ import annotations

import ast
import errno
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ita_desktop import resources, safe_files
from ita_desktop.domain import framework
from ita_desktop.safe_files import (
    RETRY_DELAYS,
    delete_with_retry,
    replace_with_retry,
    write_bytes_atomically,
)
from ita_desktop.store import exchange
from ita_desktop.store.db import Store
from tests.conftest import FIXTURES

PACKAGE = Path(safe_files.__file__).parent


@pytest.fixture
def slept(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The waits the retries asked for; nothing actually waits."""
    waits: list[float] = []
    monkeypatch.setattr(safe_files, "sleep", waits.append)
    return waits


def sharing_violation() -> OSError:
    """What Windows raises while another process has the file open without sharing it,
    without the PermissionError class (errno unset): only `winerror` says it will pass."""
    exc = OSError("The process cannot access the file because it is being used by another process")
    exc.winerror = 32  # type: ignore[attr-defined]
    return exc


def held(monkeypatch: pytest.MonkeyPatch, name: str, times: int,
         error: Callable[[], OSError] = lambda: PermissionError(errno.EACCES, "held by antivirus")) -> list[int]:
    """os.<name> fails with `error` for its first `times` calls, then works."""
    real = getattr(os, name)
    calls = [0]

    def flaky(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        if calls[0] <= times:
            raise error()
        return real(*args, **kwargs)

    monkeypatch.setattr(os, name, flaky)
    return calls


def _pair(tmp_path: Path) -> tuple[Path, Path]:
    src, dst = tmp_path / "new", tmp_path / "target"
    src.write_text("new", encoding="utf-8")
    dst.write_text("old", encoding="utf-8")
    return src, dst


def test_the_retry_window_is_long_enough_for_a_slow_stick_and_a_scan() -> None:
    assert 8 <= sum(RETRY_DELAYS) <= 12
    assert RETRY_DELAYS[0] <= 0.1  # a short hold costs little
    assert list(RETRY_DELAYS) == sorted(RETRY_DELAYS)


@pytest.mark.parametrize("error", [lambda: PermissionError(errno.EACCES, "Access is denied"),
                                   sharing_violation])
def test_replace_succeeds_after_transient_holds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                slept: list[float], error: Callable[[], OSError]) -> None:
    src, dst = _pair(tmp_path)
    calls = held(monkeypatch, "replace", 4, error)
    replace_with_retry(src, dst)
    assert calls[0] == 5 and dst.read_text(encoding="utf-8") == "new" and not src.exists()
    assert slept == list(RETRY_DELAYS[:4])


def test_replace_gives_up_with_the_error_after_the_window(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          slept: list[float]) -> None:
    src, dst = _pair(tmp_path)
    calls = held(monkeypatch, "replace", 10**6, sharing_violation)
    with pytest.raises(OSError, match="being used by another process") as info:
        replace_with_retry(src, dst)
    assert getattr(info.value, "winerror", None) == 32
    assert calls[0] == len(RETRY_DELAYS) + 1 and slept == list(RETRY_DELAYS)
    assert dst.read_text(encoding="utf-8") == "old" and src.exists()


@pytest.mark.parametrize("error", [
    lambda: FileNotFoundError(errno.ENOENT, "No such file or directory"),
    lambda: OSError(errno.ENOSPC, "No space left on device"),
    lambda: OSError(errno.EROFS, "Read-only file system"),
    lambda: OSError(errno.ENAMETOOLONG, "File name too long"),
], ids=["missing", "disk-full", "read-only", "name-too-long"])
def test_errors_that_never_pass_are_not_retried(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                slept: list[float], error: Callable[[], OSError]) -> None:
    src, dst = _pair(tmp_path)
    calls = held(monkeypatch, "replace", 10**6, error)
    with pytest.raises(OSError) as info:
        replace_with_retry(src, dst)
    assert type(info.value) is type(error()) and calls[0] == 1 and slept == []
    calls = held(monkeypatch, "unlink", 10**6, error)
    if isinstance(error(), FileNotFoundError):
        delete_with_retry(src)  # a missing file is already what a delete wants
    else:
        with pytest.raises(OSError):
            delete_with_retry(src)
    assert calls[0] == 1 and slept == []


def test_delete_is_retried_and_a_missing_file_is_fine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      slept: list[float]) -> None:
    path = tmp_path / "scanned.part"
    path.write_bytes(b"x")
    calls = held(monkeypatch, "unlink", 3, sharing_violation)
    delete_with_retry(path)
    assert not path.exists() and calls[0] == 4 and len(slept) == 3
    delete_with_retry(path)  # already gone
    delete_with_retry(tmp_path / "never-was")


def test_delete_gives_up_after_the_window(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          slept: list[float]) -> None:
    path = tmp_path / "held"
    path.write_bytes(b"x")
    held(monkeypatch, "unlink", 10**6)
    with pytest.raises(PermissionError):
        delete_with_retry(path)
    assert path.exists() and slept == list(RETRY_DELAYS)


def _left_beside(folder: Path, *keep: str) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


def test_write_bytes_atomically_waits_for_a_held_target(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        slept: list[float]) -> None:
    target = tmp_path / "รายงานผลการดำเนินงาน.pdf"
    target.write_bytes(b"old")
    held(monkeypatch, "replace", 2)
    write_bytes_atomically(target, b"new")
    assert target.read_bytes() == b"new" and len(slept) == 2
    assert _left_beside(tmp_path) == [target.name]


def test_a_long_thai_name_still_gets_a_temporary_name_that_fits(tmp_path: Path) -> None:
    target = tmp_path / ("ก" * 80 + ".json")  # 240 bytes in UTF-8: "+.tmp" would not fit
    write_bytes_atomically(target, b"{}")
    assert target.read_bytes() == b"{}" and _left_beside(tmp_path) == [target.name]


def test_a_failed_write_leaves_the_old_target_and_no_temporary_file(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch,
                                                                    slept: list[float]) -> None:
    target = tmp_path / "out.json"
    target.write_bytes(b"old")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError, match="No space"):
        write_bytes_atomically(target, b"new")
    assert target.read_bytes() == b"old" and _left_beside(tmp_path) == ["out.json"] and slept == []
    monkeypatch.undo()
    monkeypatch.setattr(safe_files, "sleep", slept.append)
    held(monkeypatch, "replace", 10**6)  # held for good: the old target stays, the temp goes
    with pytest.raises(PermissionError):
        write_bytes_atomically(target, b"new")
    assert target.read_bytes() == b"old" and _left_beside(tmp_path) == ["out.json"]


# --- the call sites ------------------------------------------------------------------------
def _catalog() -> dict[str, Any]:
    return framework.copy_framework(resources.bundled_frameworks()[2569], 2570)


def test_a_catalog_saved_while_antivirus_holds_the_old_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           slept: list[float]) -> None:
    data = _catalog()
    path = resources.save_user_framework(data)
    data["title"] = data["title"] + " (แก้ไข)"
    held(monkeypatch, "replace", 3)
    assert resources.save_user_framework(data) == path
    assert json.loads(path.read_text(encoding="utf-8"))["title"].endswith("(แก้ไข)") and len(slept) == 3
    # a disk that fills up while writing: the catalog kept before is whole
    monkeypatch.setattr(os, "fsync", lambda fd: (_ for _ in ()).throw(OSError(errno.ENOSPC, "No space")))
    data["title"] = "อีกครั้ง"
    with pytest.raises(OSError, match="No space"):
        resources.save_user_framework(data)
    assert json.loads(path.read_text(encoding="utf-8"))["title"].endswith("(แก้ไข)")
    assert _left_beside(path.parent) == [path.name]


def test_a_json_export_onto_a_held_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        slept: list[float]) -> None:
    store = exchange.import_json(FIXTURES / "seed004.json", tmp_path / "a.ita")
    out = tmp_path / "usb" / "ส่งอำเภอ.json"
    out.parent.mkdir()
    out.write_text("old", encoding="utf-8")
    try:
        held(monkeypatch, "replace", 2, sharing_violation)
        exchange.export_json(store, out)
        assert json.loads(out.read_text(encoding="utf-8"))["format"] == "ita-desktop" and len(slept) == 2
        out.write_text("old", encoding="utf-8")
        monkeypatch.setattr(os, "fsync", lambda fd: (_ for _ in ()).throw(OSError(errno.ENOSPC, "No space")))
        with pytest.raises(OSError, match="No space"):
            exchange.export_json(store, out)
    finally:
        store.close()
    assert out.read_text(encoding="utf-8") == "old" and _left_beside(out.parent) == [out.name]


def test_an_import_renamed_into_place_while_held(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 slept: list[float]) -> None:
    calls = held(monkeypatch, "replace", 2, sharing_violation)
    store = exchange.import_json(FIXTURES / "seed004.json", tmp_path / "นำเข้า.ita")
    store.close()
    assert calls[0] >= 3 and len(slept) == 2
    assert Store.open_readonly(tmp_path / "นำเข้า.ita").load().office.name
    assert _left_beside(tmp_path, "config", "documents") == ["นำเข้า.ita"]


# --- the rule ------------------------------------------------------------------------------
# Renaming, replacing or deleting a file goes through safe_files: anywhere else, a file an
# antivirus scanner is still reading makes the operation fail on Windows. Writing a target
# directly (write_text/write_bytes) leaves it half-written when the write fails.
ALLOWED = {
    ("crash.py", "write_text"): "the crash report: a new file with a unique name, best effort",
    ("selftest.py", "write_text"): "the self-test's own log in its work folder",
    ("selftest.py", "write_bytes"): "the self-test's preview PDF in its work folder",
}
_OS_CALLS = {"replace", "rename", "renames", "remove", "unlink"}


def _offences(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        name, owner = node.func.attr, node.func.value
        owner_name = owner.id if isinstance(owner, ast.Name) else ""
        if (owner_name == "os" and name in _OS_CALLS) or (owner_name == "shutil" and name == "move"):
            found.append((node.lineno, f"{owner_name}.{name}"))
        elif owner_name in ("os", "shutil", "safe_files"):
            continue
        elif name in ("rename", "unlink", "write_text", "write_bytes"):
            found.append((node.lineno, name))
        elif name == "replace" and len(node.args) == 1 and not node.keywords:
            found.append((node.lineno, name))  # Path.replace(target); str.replace takes two
    return found


def test_the_rule_finds_what_it_is_meant_to_find() -> None:
    code = ("os.replace(a, b); os.remove(a); shutil.move(a, b); p.rename(q); p.replace(q); "
            "p.unlink(missing_ok=True); p.write_text('x'); s.replace('a', 'b'); "
            "dataclasses.replace(r, rev=''); safe_files.replace_with_retry(a, b)")
    assert [what for _, what in _offences(ast.parse(code))] == [
        "os.replace", "os.remove", "shutil.move", "rename", "replace", "unlink", "write_text"]


def test_only_safe_files_renames_replaces_or_deletes_files() -> None:
    offences = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel == "safe_files.py":
            continue
        for line, what in _offences(ast.parse(path.read_text(encoding="utf-8"))):
            if (rel, what) not in ALLOWED:
                offences.append(f"{rel}:{line}: {what}")
    assert offences == [], "use ita_desktop.safe_files instead:\n" + "\n".join(offences)
