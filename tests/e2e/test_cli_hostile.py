"""The headless commands against hostile input and a hostile machine: a bug, an output that is
a device or a folder, an input that is a FIFO, settings of the wrong kind, a full disk.

Whatever happens: no Python traceback, a Thai message, an exit code that says what kind of
failure it was, every file as it was (bytes and mtime) and no temporary file left behind."""
from __future__ import annotations

import errno
import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from ita_desktop import cli
from ita_desktop.store import errors
from tests.conftest import FIXTURES
from tests.support import tmpfs

THAI_UNEXPECTED = "ไม่คาดคิด"  # crash.thai_message
Snapshot = dict[str, tuple[int, bytes | None, int]]


# --- helpers ----------------------------------------------------------------------------------
def snapshot(folder: Path) -> Snapshot:
    """Every entry under `folder`: its kind and, for a file, its bytes and mtime."""
    out: Snapshot = {}
    for path in sorted(folder.rglob("*")):
        st = path.lstat()
        regular = stat.S_ISREG(st.st_mode)
        out[str(path.relative_to(folder))] = (stat.S_IFMT(st.st_mode), path.read_bytes() if regular else None,
                                              st.st_mtime_ns if regular else 0)
    return out


def run(*args: str, cwd: Path, timeout: float = 120, env: dict[str, str] | None = None
        ) -> subprocess.CompletedProcess[str]:
    """The command as a user runs it; a command that blocks fails the test (it does not hang it)."""
    full_env = dict(os.environ, PYTHONIOENCODING="utf-8", **(env or {}))
    try:
        return subprocess.run([sys.executable, "-m", "ita_desktop", *args], cwd=cwd, env=full_env,
                              capture_output=True, text=True, encoding="utf-8", timeout=timeout)
    except subprocess.TimeoutExpired:
        pytest.fail(f"ita-desktop {' '.join(args)} blocked for {timeout} s")


def call(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """cli.main in this process: (exit code, stdout, stderr); an exception fails the test."""
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def assert_thai_refusal(code: int, err: str, expected_code: int = 2) -> None:
    assert code == expected_code, err
    assert "Traceback" not in err
    assert any("\u0e01" <= ch <= "\u0e5b" for ch in err), err


def crash_reports(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "config" / "crash-reports").glob("crash-*.txt"))


@pytest.fixture(scope="module")
def seed_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An office file with measures (made once; tests copy it)."""
    folder = tmp_path_factory.mktemp("seed")
    ita = folder / "seed.ita"
    r = run("import-json", str(FIXTURES / "seed004.json"), "-o", str(ita), cwd=folder,
            env={"ITA_DESKTOP_CONFIG": str(folder / "config")})
    assert r.returncode == 0, r.stderr
    return ita


@pytest.fixture(scope="module")
def theirs_file(seed_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Another copy of the seed office with one measure changed: merging it writes."""
    from ita_desktop.store.db import Store

    path = tmp_path_factory.mktemp("theirs") / "theirs.ita"
    shutil.copyfile(seed_file, path)
    store = Store.open(path)
    data = store.load()
    x = data.measures_of(data.live_plans()[0].id)[0]
    x.title = "มาตรการที่แก้ในอีกเครื่อง"
    store.save(x)
    store.close()
    return path


@pytest.fixture
def work(tmp_path: Path, seed_file: Path, theirs_file: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with mine.ita, theirs.ita and an old out.pdf and out.json; the system temporary
    folder is a private one, so that a file left there is seen."""
    folder = tmp_path / "work"
    folder.mkdir()
    shutil.copyfile(seed_file, folder / "mine.ita")
    shutil.copyfile(theirs_file, folder / "theirs.ita")
    (folder / "out.pdf").write_bytes(b"%PDF-1.4 an old report\n")
    (folder / "out.json").write_text('{"old": true}\n', encoding="utf-8")
    systemp = tmp_path / "systemp"
    systemp.mkdir()
    monkeypatch.setenv("TMPDIR", str(systemp))
    monkeypatch.setattr("tempfile.tempdir", str(systemp))
    return folder


def no_leftovers(tmp_path: Path) -> None:
    assert list((tmp_path / "systemp").iterdir()) == []


# --- 1. an unexpected exception in any command -------------------------------------------------
def _boom(*_args: Any, **_kwargs: Any) -> Any:
    raise KeyError("forced bug")


def _half_pdf(_data: Any, _opts: Any, out: Path) -> Any:
    Path(out).write_bytes(b"%PDF-1.4 half")  # a bug after the output was begun
    raise KeyError("forced bug")


BUGS: dict[str, tuple[str, Callable[..., Any], Callable[[Path], list[str]]]] = {
    "new": ("ita_desktop.store.db.Store._migrate_from", _boom, lambda w: ["new", str(w / "new.ita")]),
    "export-json": ("ita_desktop.store.exchange.export_data", _boom,
                    lambda w: ["export-json", str(w / "mine.ita"), "-o", str(w / "out.json")]),
    "import-json": ("ita_desktop.store.exchange.import_data", _boom,
                    lambda w: ["import-json", str(FIXTURES / "seed004.json"), "-o", str(w / "new.ita")]),
    "check": ("ita_desktop.store.check.check_store", _boom, lambda w: ["check", str(w / "mine.ita")]),
    "render": ("ita_desktop.report.build_pdf", _half_pdf,
               lambda w: ["render", str(w / "mine.ita"), "--year", "2568", "-o", str(w / "out.pdf")]),
    "merge": ("ita_desktop.store.merge._log", _boom,  # inside the merge's transaction, after its writes
              lambda w: ["merge", str(w / "mine.ita"), str(w / "theirs.ita"), "--prefer", "theirs"]),
    "merge -o": ("ita_desktop.store.merge._log", _boom,
                 lambda w: ["merge", str(w / "mine.ita"), str(w / "theirs.ita"), "-o", str(w / "merged.ita")]),
}


@pytest.mark.parametrize("command", list(BUGS))
def test_a_bug_in_any_command_is_a_thai_message_and_a_crash_report(
        command: str, work: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    target, bug, argv = BUGS[command]
    before = snapshot(work)
    monkeypatch.setattr(target, bug)
    code, _out, err = call(argv(work), capsys)
    assert_thai_refusal(code, err, expected_code=1)
    assert THAI_UNEXPECTED in err
    reports = crash_reports(tmp_path)
    assert len(reports) == 1 and str(reports[0]) in err
    text = reports[0].read_text(encoding="utf-8")
    assert "Traceback" in text and "KeyError: 'forced bug'" in text
    assert snapshot(work) == before
    no_leftovers(tmp_path)


# --- 2. an output that is not a regular file or a new name -------------------------------------
def _special(kind: str, work: Path) -> str:
    if kind == "empty":
        return ""
    path = work / f"target-{kind}"
    if kind == "folder":
        path.mkdir()
        (path / "inside.txt").write_text("x", encoding="utf-8")
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "link-to-device":  # as /dev/full would be, without risking the real one
        path.symlink_to(os.devnull)
    elif kind == "device":
        if os.geteuid() != 0:
            pytest.skip("making a device node needs root")
        os.mknod(path, stat.S_IFCHR | 0o600, os.makedev(1, 7))  # what /dev/full is
    elif kind == "missing-folder":
        return str(work / "no such folder" / "out")
    elif kind == "dangling-link":
        path.symlink_to(work / "nowhere")
    return str(path)


OUTPUT_COMMANDS: dict[str, Callable[[Path, str], list[str]]] = {
    "render": lambda w, o: ["render", str(w / "mine.ita"), "--year", "2568", "-o", o],
    "export-json": lambda w, o: ["export-json", str(w / "mine.ita"), "-o", o],
    "import-json": lambda w, o: ["import-json", str(FIXTURES / "seed004.json"), "-o", o],
    "merge -o": lambda w, o: ["merge", str(w / "mine.ita"), str(w / "theirs.ita"), "--prefer", "theirs", "-o", o],
    "new": lambda w, o: ["new", o],
}


@pytest.mark.skipif(os.name != "posix", reason="FIFOs, device nodes and symlinks as POSIX has them")
@pytest.mark.parametrize("kind", ["empty", "folder", "fifo", "link-to-device", "device", "missing-folder",
                                  "dangling-link"])
@pytest.mark.parametrize("command", list(OUTPUT_COMMANDS))
def test_an_output_that_is_not_a_regular_file_is_refused(
        command: str, kind: str, work: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = _special(kind, work)
    before = snapshot(work)
    code, _out, err = call(OUTPUT_COMMANDS[command](work, target), capsys)
    assert_thai_refusal(code, err)
    assert snapshot(work) == before  # the FIFO is a FIFO, the folder holds what it held
    assert crash_reports(tmp_path) == []
    no_leftovers(tmp_path)


@pytest.mark.parametrize("argv", [
    ["render", "{w}/mine.ita", "--year", "2568", "-o", "{w}/mine.ita"],
    ["render", "{w}/mine.ita", "--year", "2568", "-o", "{w}/theirs.ita"],  # another office's file
    ["export-json", "{w}/mine.ita", "-o", "{w}/mine.ita"],
    ["export-json", "{w}/mine.ita", "-o", "{w}/theirs.ita"],
    ["merge", "{w}/mine.ita", "{w}/theirs.ita", "--prefer", "theirs", "-o", "{w}/theirs.ita"],
])
def test_an_output_never_replaces_an_input_or_an_office_file(
        argv: list[str], work: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(work)
    code, _out, err = call([a.replace("{w}", str(work)) for a in argv], capsys)
    assert_thai_refusal(code, err)
    assert snapshot(work) == before
    no_leftovers(tmp_path)


# --- 3. an input that is a FIFO or a device ----------------------------------------------------
INPUT_COMMANDS: dict[str, Callable[[Path, Path], list[str]]] = {
    "check": lambda w, p: ["check", str(p)],
    "export-json": lambda w, p: ["export-json", str(p), "-o", str(w / "new.json")],
    "render": lambda w, p: ["render", str(p), "--year", "2568", "-o", str(w / "new.pdf")],
    "merge mine": lambda w, p: ["merge", str(p), str(w / "theirs.ita")],
    "merge theirs": lambda w, p: ["merge", str(w / "mine.ita"), str(p)],
    "import-json": lambda w, p: ["import-json", str(p), "-o", str(w / "new.ita")],
    "render --settings": lambda w, p: ["render", str(w / "mine.ita"), "--year", "2568", "--settings", str(p),
                                       "-o", str(w / "new.pdf")],
}


@pytest.mark.skipif(os.name != "posix", reason="FIFOs and device nodes as POSIX has them")
@pytest.mark.parametrize("kind", ["fifo", "device", "folder", "fifo journal"])
@pytest.mark.parametrize("command", list(INPUT_COMMANDS))
def test_an_input_that_is_not_a_regular_file_is_refused_before_it_is_opened(
        command: str, kind: str, work: Path, tmp_path: Path) -> None:
    path = work / "odd.ita"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        path.symlink_to("/dev/zero")  # reads forever
    elif kind == "folder":
        path.mkdir()
    else:  # a regular file whose journal is a FIFO: SQLite would open it to roll it back
        if command in ("import-json", "render --settings"):
            pytest.skip("not an office file")
        shutil.copyfile(work / "mine.ita", path)
        os.mkfifo(work / "odd.ita-journal")
    before = snapshot(work)
    r = run(*INPUT_COMMANDS[command](work, path), cwd=work, timeout=60)
    assert_thai_refusal(r.returncode, r.stderr)
    assert snapshot(work) == before
    no_leftovers(tmp_path)


@pytest.mark.skipif(os.name != "posix", reason="FIFOs as POSIX has them")
def test_a_merge_whose_backup_name_is_a_fifo_is_refused(work: Path, tmp_path: Path) -> None:
    os.mkfifo(work / "mine.ita.before-merge")  # where the merge would copy the file first
    before = snapshot(work)
    r = run("merge", str(work / "mine.ita"), str(work / "theirs.ita"), "--prefer", "theirs", cwd=work, timeout=60)
    assert_thai_refusal(r.returncode, r.stderr)
    assert "before-merge" in r.stderr
    assert snapshot(work) == before
    no_leftovers(tmp_path)


# --- 4. settings of the wrong kind; a file whose values are of the wrong kind --------------------
BAD_SETTINGS: dict[str, tuple[bytes, str]] = {
    "list for an object": (b'{"headings": ["title"]}', "headings"),
    "string for a number": (b'{"body_size": "16"}', "body_size"),
    "null for a list": (b'{"columns": null}', "columns"),
    "null for a number": (b'{"margin_top_cm": null}', "margin_top_cm"),
    "number for a string": (b'{"title": 5}', "title"),
    "object for a bool": (b'{"signatures": {}}', "signatures"),
    "bool for a number": (b'{"table_size": true}', "table_size"),
    "number in a list": (b'{"columns": ["title", 3]}', "columns"),
    "list in an object": (b'{"widths_mm": {"title": [40]}}', "widths_mm"),
    "deep nesting": (b'{"headings": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", "--settings"),
    "nested objects": (b'{"headings": ' + b'{"a":' * 200 + b"1" + b"}" * 200 + b"}", "headings"),
    "huge float": (b'{"body_size": 1e400}', "body_size"),
    "huge integer": (b'{"heading_size": 1' + b"0" * 400 + b"}", "heading_size"),
    "very long integer": (b'{"heading_size": 1' + b"0" * 5000 + b"}", "--settings"),
    "NaN": (b'{"body_size": NaN}', "body_size"),
    "non-UTF-8": (b'{"title": "\xff\xfe"}', "--settings"),
    "lone surrogate": (b'{"title": "\\ud800"}', "title"),
    "top level list": (b'[{"title": "x"}]', "--settings"),
    "empty file": (b"", "--settings"),
    "unknown setting": (b'{"colour": "red"}', "colour"),
    "empty analysis columns": (b'{"analysis_columns": []}', "analysis_columns"),
    "huge string": (b'{"division": "' + b"a" * 2_000_000 + b'"}', "--settings"),
}


@pytest.mark.parametrize("case", list(BAD_SETTINGS))
def test_settings_of_the_wrong_kind_are_refused_naming_the_setting(
        case: str, work: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    raw, name = BAD_SETTINGS[case]
    settings = work / "settings.json"
    settings.write_bytes(raw)
    before = snapshot(work)
    code, _out, err = call(["render", str(work / "mine.ita"), "--year", "2568", "--document", "analysis",
                            "--settings", str(settings), "-o", str(work / "new.pdf")], capsys)
    assert_thai_refusal(code, err)
    assert name in err and "ค่าตั้ง" in err
    assert len(err) < 2000  # the message names the setting; it does not echo the file
    assert snapshot(work) == before
    assert crash_reports(tmp_path) == []
    no_leftovers(tmp_path)


def test_settings_saved_by_notepad_with_a_bom_are_read(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings = work / "settings.json"
    settings.write_bytes(b"\xef\xbb\xbf" + json.dumps({"digits": "arabic", "body_size": 16}).encode())
    code, _out, err = call(["render", str(work / "mine.ita"), "--year", "2568", "--settings", str(settings),
                            "-o", str(work / "new.pdf")], capsys)
    assert code == 0, err
    assert (work / "new.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("option", ["--year", "--body-size", "--width"])
def test_numbers_out_of_any_range_on_the_command_line_are_refused(
        option: str, work: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    value = "title=1e400" if option == "--width" else "1e400"
    before = snapshot(work)
    code, _out, err = call(["render", str(work / "mine.ita"), "--year", "2568", option, value,
                            "-o", str(work / "new.pdf")], capsys)
    assert_thai_refusal(code, err)
    assert snapshot(work) == before
    no_leftovers(tmp_path)


@pytest.mark.parametrize("command", ["export-json", "check", "render", "merge theirs"])
def test_a_logo_stored_as_text_is_no_traceback(
        command: str, work: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    odd = work / "odd.ita"
    shutil.copyfile(work / "mine.ita", odd)
    conn = sqlite3.connect(odd)
    conn.execute("UPDATE office SET logo = 'abc'")
    conn.commit()
    conn.close()
    before = snapshot(work)
    argv = {"export-json": ["export-json", str(odd), "-o", str(work / "odd.json")],
            "check": ["check", str(odd)],
            "render": ["render", str(odd), "--year", "2568", "-o", str(work / "odd.pdf")],
            "merge theirs": ["merge", str(work / "mine.ita"), str(odd), "-o", str(work / "merged.ita")]}[command]
    code, _out, err = call(argv, capsys)
    assert "Traceback" not in err
    if command == "export-json":
        assert_thai_refusal(code, err)
        assert "odd.ita" in err
        assert snapshot(work) == before
    else:
        assert code in (0, 1, 2, 3), err
    no_leftovers(tmp_path)


# --- 5. a full disk ----------------------------------------------------------------------------
@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A tmpfs of 2 MB at tmp_path/disk (needs root; skipped otherwise)."""
    with tmpfs.mounted(tmp_path / "disk", "2m") as disk:
        yield disk


def fill(disk: Path, leave: int) -> None:
    """Fill `disk` up, then free `leave` bytes (a save gets that far before the disk is full)."""
    filler = disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o644)
    block = b"\0" * 4096
    try:
        while True:
            os.write(fd, block)
    except OSError as exc:
        assert exc.errno == errno.ENOSPC
    finally:
        os.close(fd)
    if leave:
        os.truncate(filler, max(0, filler.stat().st_size - leave))


FULL_DISK: dict[str, Callable[[Path, Path], list[str]]] = {
    "new": lambda w, d: ["new", str(d / "new.ita")],
    "merge": lambda w, d: ["merge", str(d / "mine.ita"), str(w / "theirs.ita"), "--prefer", "theirs"],
    "merge -o": lambda w, d: ["merge", str(w / "mine.ita"), str(w / "theirs.ita"), "--prefer", "theirs",
                              "-o", str(d / "merged.ita")],
    "render": lambda w, d: ["render", str(w / "mine.ita"), "--year", "2568", "-o", str(d / "out.pdf")],
    "export-json": lambda w, d: ["export-json", str(w / "mine.ita"), "-o", str(d / "out.json")],
    "import-json": lambda w, d: ["import-json", str(FIXTURES / "seed004.json"), "-o", str(d / "new.ita")],
}


@pytest.mark.parametrize("leave", [0, 8 * 1024, 24 * 1024])  # less than any output (PDF ~45 KB)
@pytest.mark.parametrize("command", list(FULL_DISK))
def test_a_full_disk_leaves_the_old_file_and_nothing_else(
        command: str, leave: int, work: Path, small_disk: Path, tmp_path: Path) -> None:
    shutil.copyfile(work / "mine.ita", small_disk / "mine.ita")  # the file merged into in place
    shutil.copyfile(work / "out.pdf", small_disk / "out.pdf")  # an old report, an old export
    shutil.copyfile(work / "out.json", small_disk / "out.json")
    shutil.copyfile(work / "theirs.ita", small_disk / "merged.ita")  # an old merge result
    fill(small_disk, leave)
    before = snapshot(small_disk)
    r = run(*FULL_DISK[command](work, small_disk), cwd=work, timeout=120)
    assert_thai_refusal(r.returncode, r.stderr)
    if command == "import-json":  # store/exchange.py says it in its own words
        assert errors.DISK_FULL in r.stderr or "ดิสก์เต็ม" in r.stderr, r.stderr
    else:
        assert errors.DISK_FULL in r.stderr, r.stderr
    assert snapshot(small_disk) == before
    no_leftovers(tmp_path)


def test_the_full_disk_helper_really_fills_the_disk(small_disk: Path) -> None:
    fill(small_disk, 0)
    with pytest.raises(OSError) as info:
        (small_disk / "more").write_bytes(b"x" * 8192)
    assert info.value.errno == errno.ENOSPC


@pytest.mark.parametrize("argv, said", [
    (["render", "x.ita"], "ยังไม่ได้ระบุ"),
    (["merge", "a.ita", "b.ita", "--prefer", "both"], "ไม่รู้จักค่า «both»"),
    (["check", "a.ita", "--zzz"], "ไม่รู้จักตัวเลือก --zzz"),
])
def test_a_mistyped_command_is_told_in_thai(argv: list[str], said: str,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        cli.main(argv)
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert said in err and "usage:" not in err and "error:" not in err
