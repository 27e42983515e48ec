"""The headless commands; with no command, the window opens.

    ita-desktop [FILE]                         open the app (optionally a file)
    ita-desktop new FILE                       create an empty office file
    ita-desktop export-json FILE -o OUT.json   everything in the file, as JSON
    ita-desktop import-json IN.json -o FILE    a new office file from JSON
    ita-desktop check FILE                     integrity and what is still missing
        [--document analysis|implementation [--year 2568] [--round half|year]]
    ita-desktop --self-test [--out DIR]        check this installation (offscreen), print a verdict
    ita-desktop render FILE --year 2568 -o OUT.pdf [options]   (-o OUT.docx: a Word file)
                                               print a report as PDF (no Qt is loaded)
    ita-desktop merge MINE THEIRS [--prefer mine|theirs] [-o OUT]
                                               merge another copy (exit 3: conflicts left)
    ita-desktop import-docx REPORT.docx --into FILE --year 2569 [--map "หัวคอลัมน์=field,…"]
        [--append] [--round half|year] [--split-lists]
                                               last year's report (Word) as the measures of a year
    ita-desktop catalog copy 2569 2570         a new year's ITA catalog, a copy until edited
    ita-desktop catalog import FILE [--replace]
                                               take a catalog file (from the district office)
    ita-desktop catalog export 2569 -o OUT.json
                                               a year's catalog as a file

Exit codes: 0 ok, 1 the check found missing data or warnings (or an unexpected error: a crash
report was written), 2 bad input or a file error, 3 the merge left conflicts.
Messages are Thai (the clerk's language) with the English command names.

Whatever the input, no command ends in a Python traceback or loses data: an input must be a
regular file (a FIFO or a device would block or never end) and is refused before it is opened;
an output must be a new name or a regular file, never an input or an office file, and is written
in a private folder beside it and renamed over it only when complete, so a full disk or an
error leaves the old file and nothing else; an unexpected error becomes a Thai message and a
crash report (ita_desktop.crash) with the traceback for whoever maintains the program.
"""
from __future__ import annotations

import argparse
import contextlib
import math
import os
import re
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, NoReturn

from ita_desktop.report import options as declared
from ita_desktop.report.options import Option, option

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_CONFLICTS = 0, 1, 2, 3
EXIT_CRASH = 1  # an unexpected error: told in Thai, the traceback in a crash report
EXIT_INTERRUPTED = 130  # Ctrl+C, as shells count it


def _print(text: str, err: bool = False) -> None:
    stream = sys.stderr if err else sys.stdout
    if stream is None:  # a windowed (frozen) build has no console streams
        return
    try:
        stream.write(text + "\n")
    except UnicodeEncodeError:  # a cp874/cp1252 console on Windows: never crash on Thai
        enc = stream.encoding or "ascii"
        stream.write(text.encode(enc, "replace").decode(enc) + "\n")


class _ThaiParser(argparse.ArgumentParser):
    """argparse, with its complaints said in Thai (what was wrong stays quoted as typed)."""

    def error(self, message: str) -> NoReturn:
        missing = re.match(r"the following arguments are required: (.*)", message)
        choice = re.match(r"argument (\S+): invalid choice: '?([^']*)'? \(choose from (.*)\)", message)
        unknown = re.match(r"unrecognized arguments: (.*)", message)
        if missing:
            thai = f"ยังไม่ได้ระบุ {missing.group(1)}"
        elif choice:
            thai = f"{choice.group(1)} ไม่รู้จักค่า «{choice.group(2)}» ใช้ได้: {choice.group(3)}"
        elif unknown:
            thai = f"ไม่รู้จักตัวเลือก {unknown.group(1)}"
        else:
            thai = f"คำสั่งไม่ถูกต้อง ({message})"
        _print(f"ผิดพลาด: {thai}\nดูวิธีใช้: {self.prog} --help", err=True)
        raise SystemExit(EXIT_ERROR)


def _parser() -> argparse.ArgumentParser:
    # file names stay text until checked: Path("") would quietly become "." (this folder)
    p = _ThaiParser(prog="ita-desktop", description="ITA Desktop")
    sub = p.add_subparsers(dest="command", parser_class=_ThaiParser)
    n = sub.add_parser("new", help="create an empty office file")
    n.add_argument("file")
    e = sub.add_parser("export-json", help="export everything in FILE as JSON")
    e.add_argument("file")
    e.add_argument("-o", "--output", required=True)
    i = sub.add_parser("import-json", help="create FILE from an exchange JSON file")
    i.add_argument("json")
    i.add_argument("-o", "--output", required=True)
    i.add_argument("--split-lists", action="store_true",
                   help="lists typed inline in one paragraph go one item a line")
    c = sub.add_parser("check", help="integrity and completeness report")
    c.add_argument("file")
    c.add_argument("--document", choices=("analysis", "implementation"),
                   help="check what this document needs (default: the one due today)")
    c.add_argument("--year", help="the fiscal year of that document (default: the latest)")
    c.add_argument("--round", choices=("half", "year"), default="year", help="round of the report")
    g = sub.add_parser("merge", help="merge another copy of the office's file")
    g.add_argument("mine")
    g.add_argument("theirs")
    g.add_argument("--prefer", choices=("mine", "theirs"), help="how to settle conflicts")
    g.add_argument("-o", "--output", help="write the result here (default: in place)")
    d = sub.add_parser("import-docx", help="measures from a report in Word (.docx) into a year's plan")
    d.add_argument("docx")
    d.add_argument("--into", required=True, help="the office file (.ita) to add the measures to")
    d.add_argument("--year", required=True, help="the fiscal year (B.E.) whose plan gets the measures")
    d.add_argument("--map", default="", metavar="HEADER=FIELD,…",
                   help="what a column is, by its header: FIELD is seq, group, indicator, title, steps,"
                        " period, responsible, target, budget, monitoring, output, outcome, status,"
                        " problems, suggestions, or - to leave the column out")
    d.add_argument("--append", action="store_true",
                   help="add after the measures the plan already has (otherwise refused)")
    d.add_argument("--round", choices=("half", "year"), default="year",
                   help="the round the outputs and outcomes belong to")
    d.add_argument("--split-lists", action="store_true",
                   help="lists typed inline in one paragraph go one item a line")
    k = sub.add_parser("catalog", help="ITA catalogs: copy a year, import, export")
    ks = k.add_subparsers(dest="catalog_command", parser_class=_ThaiParser, required=True,
                          metavar="copy|import|export")
    kc = ks.add_parser("copy", help="copy the catalog of year FROM as year TO")
    kc.add_argument("from_year")
    kc.add_argument("to_year")
    ki = ks.add_parser("import", help="take a catalog file as this PC's catalog of its year")
    ki.add_argument("file")
    ki.add_argument("--replace", action="store_true", help="replace the catalog of that year edited here")
    ke = ks.add_parser("export", help="write the catalog of YEAR to a file")
    ke.add_argument("year")
    ke.add_argument("-o", "--output", required=True)
    r = sub.add_parser("render", help="print a report as PDF (or as a Word file: --format docx)")
    r.add_argument("file")
    r.add_argument("-o", "--output", required=True)
    r.add_argument("--year", required=True, help=option("fiscal_year").help)
    r.add_argument("--margins", help=option("margin_top_cm").help)
    _option_arguments(r)
    r.add_argument("--settings", help="options as JSON (ReportOptions fields)")
    return p


# Flags written by hand: --year (required, a B.E. year; the plan to print, not an option that
# is saved) and --margins (one flag for the four margins: top,bottom,left,right). Every other
# flag of `render` comes from its option's declaration (report/options.py OPTIONS).
_BY_HAND = ("--year", "--margins")


def _option_arguments(r: argparse.ArgumentParser) -> None:
    """One argument per declared option with a flag of its own, as its kind wants."""
    for opt in declared.OPTIONS:
        if not opt.flag or opt.flag in _BY_HAND:
            continue
        dest = opt.name
        if opt.kind == "bool":
            r.add_argument(opt.flag, dest=dest, action="store_true", help=opt.flag_help() or None)
        elif opt.kind in ("files", "headings", "widths"):
            r.add_argument(opt.flag, dest=dest, action="append", default=[], metavar=opt.metavar or None,
                           help=opt.flag_help() or None)
        else:
            r.add_argument(opt.flag, dest=dest, default=None, help=opt.flag_help() or None)


def _flagged(exc: Exception) -> str:
    """An OptionsError as the command line says it: its flag in front, not its Thai label (an
    option only a settings file sets: its label and its key)."""
    from ita_desktop.report.options import OptionsError, option_or_none

    opt = option_or_none(exc.option) if isinstance(exc, OptionsError) else None
    if opt is None or not isinstance(exc, OptionsError):
        return str(exc)
    if not opt.flag:
        return f"{opt.label} (ค่าตั้ง {opt.name}): {exc.text}"
    if sum(other.flag == opt.flag for other in declared.OPTIONS) > 1:
        return f"{opt.flag} ({opt.label}): {exc.text}"
    return f"{opt.flag}: {exc.text}"


def main(argv: list[str] | None = None) -> int:
    own_process = argv is None  # the program's own command line, not a caller's (tests)
    argv = sys.argv[1:] if argv is None else argv
    commands = {"new", "export-json", "import-json", "import-docx", "check", "render", "merge", "catalog",
                "-h", "--help"}
    if argv and argv[0] == "--self-test":
        from ita_desktop import selftest

        return _guarded(lambda: selftest.main(argv[1:], _print), "ทดสอบตัวเอง")
    if not argv or argv[0] not in commands:
        from ita_desktop.app import main as app_main

        return app_main(argv)
    args = _parser().parse_args(argv)
    code = _guarded(lambda: _run(args), _doing(args))
    if own_process and args.command == "render":
        _end_without_teardown(code)
    return code


def _end_without_teardown(code: int) -> None:
    """End the process now: the PDF is written and closed, and freeing every object the
    print engine made (fonts, caches) one by one took longer than the work itself did."""
    import logging

    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


# --- the net under every command --------------------------------------------------------------
class _RefusedError(Exception):
    """Input refused, or a file error explained; str(exc) is Thai for the clerk (exit 2)."""


class _BadOptionError(_RefusedError):
    """A render option that cannot be used; the message names it."""


def _guarded(command: Callable[[], int], doing: str) -> int:
    """Run a command; whatever goes wrong ends as a Thai message and an exit code, never a
    traceback. `doing` (Thai) begins a message about the disk: "พิมพ์เป็นไฟล์ «x.pdf»"."""
    import sqlite3

    from ita_desktop.report.options import ReportError
    from ita_desktop.store.errors import UNEXPECTED, StoreError, thai_message

    try:
        return command()
    except (_RefusedError, StoreError, ReportError) as exc:  # the message is already Thai
        _print(f"ผิดพลาด: {exc}", err=True)
        return EXIT_ERROR
    except KeyboardInterrupt:
        _print("หยุดตามที่สั่ง (Ctrl+C) งานนี้ไม่สำเร็จ ไฟล์เดิมยังอยู่ครบ", err=True)
        return EXIT_INTERRUPTED
    except (OSError, sqlite3.Error, MemoryError) as exc:
        if thai_message(exc).text == UNEXPECTED:  # not a failure of the disk or the file we know of
            return _crashed(exc)
        message = thai_message(exc, doing)
        _print(f"ผิดพลาด: {message.text}", err=True)
        if message.detail:
            _print(f"รายละเอียด: {message.detail}", err=True)
        return EXIT_ERROR
    except Exception as exc:  # a bug: the clerk is told in Thai, the maintainer gets the traceback
        return _crashed(exc)


def _crash_report(exc: BaseException) -> Path | None:
    from ita_desktop import crash

    try:
        return crash.write_report(crash.report_text(type(exc), exc, exc.__traceback__))
    except Exception:  # no crash report must hide the message
        return None


def _crashed(exc: BaseException) -> int:
    from ita_desktop import crash

    _print(f"ผิดพลาด: {crash.thai_message(_crash_report(exc))}", err=True)
    return EXIT_CRASH


def _name(raw: str | None) -> str:
    return Path(raw).name or str(raw) if raw else ""


def _doing(args: argparse.Namespace) -> str:
    """What the command was doing, for a message about the disk ("พิมพ์เป็นไฟล์ «x.pdf» ไม่ได้: …")."""
    out = getattr(args, "output", None)
    if args.command == "new":
        return f"สร้างไฟล์ «{_name(args.file)}»"
    if args.command == "export-json":
        return f"ส่งออกเป็นไฟล์ «{_name(out)}»"
    if args.command == "import-json":
        return f"นำเข้าเป็นไฟล์ «{_name(out)}»"
    if args.command == "render":
        return f"พิมพ์เป็นไฟล์ «{_name(out)}»"
    if args.command == "import-docx":
        return f"นำเข้ามาตรการจาก «{_name(args.docx)}» ไปยังไฟล์ «{_name(args.into)}»"
    if args.command == "merge":
        return f"รวมข้อมูลเข้าไฟล์ «{_name(out or args.mine)}»"
    if args.command == "catalog":
        if args.catalog_command == "export":
            return f"ส่งออกเกณฑ์เป็นไฟล์ «{_name(out)}»"
        return "บันทึกเกณฑ์" if args.catalog_command == "copy" else f"นำเข้าเกณฑ์จาก «{_name(args.file)}»"
    return f"ตรวจไฟล์ «{_name(getattr(args, 'file', ''))}»"


# --- what a file name may name --------------------------------------------------------------
def _not_regular(mode: int) -> str:
    """What a file that is not a regular file is, in Thai."""
    if stat.S_ISDIR(mode):
        return "โฟลเดอร์"
    if stat.S_ISFIFO(mode):
        return "ท่อส่งข้อมูล (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "อุปกรณ์ (device)"
    if stat.S_ISSOCK(mode):
        return "ซ็อกเก็ต (socket)"
    return "สิ่งที่ไม่ใช่ไฟล์"


def _stat_error(raw: str, exc: OSError | ValueError) -> _RefusedError:
    from ita_desktop.store.errors import thai_message

    if isinstance(exc, ValueError):  # a NUL in the name
        return _RefusedError(f"ชื่อไฟล์ «{raw!r}» มีอักขระที่ใช้ในชื่อไฟล์ไม่ได้")
    return _RefusedError(thai_message(exc, f"ใช้ไฟล์ «{raw}»").text)


def _input(raw: str | None, label: str = "", office: bool = False) -> Path:
    """`raw` as a file to read, after it is seen to be a regular file (a FIFO or a device would
    block or never end). For an office file, the journal or WAL beside it too: SQLite opens them."""
    where = f"{label}: " if label else ""
    if raw is None or not raw.strip():
        raise _RefusedError(f"{where}ไม่ได้ระบุชื่อไฟล์")
    path = Path(raw)
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise _RefusedError(f"{where}ไม่พบไฟล์ {raw}") from None
    except (OSError, ValueError) as exc:
        raise _stat_error(raw, exc) from None
    if stat.S_ISDIR(mode):
        raise _RefusedError(f"{where}«{raw}» เป็นโฟลเดอร์ ไม่ใช่ไฟล์")
    if not stat.S_ISREG(mode):
        raise _RefusedError(f"{where}«{raw}» ไม่ใช่ไฟล์ธรรมดา แต่เป็น{_not_regular(mode)} จึงไม่เปิด")
    if office:
        for suffix in ("-journal", "-wal", "-shm"):
            side = path.with_name(path.name + suffix)
            try:
                mode = os.stat(side).st_mode
            except OSError:
                continue
            if not stat.S_ISREG(mode):
                raise _RefusedError(f"{where}ข้างไฟล์ «{path.name}» มี «{side.name}» ที่ไม่ใช่ไฟล์ธรรมดา"
                               f" (เป็น{_not_regular(mode)}) จึงไม่เปิดไฟล์นี้ ย้ายไฟล์ไปไว้ในโฟลเดอร์อื่นแล้วลองอีกครั้ง")
    return path


def _output(raw: str | None, label: str, inputs: Sequence[Path] = (), what: str = "") -> Path:
    """`raw` as a file to write: a new name in a folder that exists, or a regular file. Never
    one of `inputs`; with `what` (what is written, in Thai), never an office file either."""
    where = f"{label}: " if label else ""
    if raw is None or not raw.strip():
        raise _RefusedError(f"{where}ไม่ได้ระบุชื่อไฟล์ที่จะบันทึก")
    path = Path(raw)
    if raw.endswith(("/", os.sep)) or path.name in ("", ".", ".."):
        raise _RefusedError(f"{where}«{raw}» เป็นชื่อโฟลเดอร์ ต้องระบุชื่อไฟล์")
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        if os.path.lexists(path):
            raise _RefusedError(f"{where}«{raw}» เป็นทางลัด (symbolic link) ที่ชี้ไปยังสิ่งที่ไม่มีอยู่"
                           " ระบุชื่อไฟล์อื่น") from None
        if not path.parent.is_dir():
            raise _RefusedError(f"{where}ไม่พบโฟลเดอร์ {path.parent} ที่จะบันทึกไฟล์ «{path.name}»") from None
        return path
    except (OSError, ValueError) as exc:
        raise _stat_error(raw, exc) from None
    if stat.S_ISDIR(mode):
        raise _RefusedError(f"{where}«{raw}» เป็นโฟลเดอร์ ต้องระบุชื่อไฟล์ในโฟลเดอร์นั้น")
    if not stat.S_ISREG(mode):
        raise _RefusedError(f"{where}«{raw}» ไม่ใช่ไฟล์ธรรมดา แต่เป็น{_not_regular(mode)} จึงไม่บันทึกทับ")
    for source in inputs:
        with contextlib.suppress(OSError):
            if os.path.samefile(path, source):
                raise _RefusedError(f"{where}«{raw}» เป็นไฟล์ต้นทางของคำสั่งนี้ จึงไม่บันทึกทับ ใช้ชื่ออื่น")
    if what and _is_office_file(path):
        raise _RefusedError(f"{where}«{raw}» เป็นไฟล์ข้อมูลของหน่วยงาน จึงไม่บันทึก{what}ทับ ใช้ชื่ออื่น")
    return path


def _is_office_file(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


@contextlib.contextmanager
def _staged(out: Path, busy: str = "") -> Iterator[Path]:
    """A path to write `out` at: in a new private folder beside it, renamed over `out` when the
    block ends without an error. The folder always goes: a full disk, a bug or a refusal leaves
    the old `out` and nothing else. `busy`: why the rename may fail (Windows: open elsewhere)."""
    from ita_desktop.safe_files import fsync_dir, replace_with_retry
    from ita_desktop.store.errors import thai_message

    folder = Path(tempfile.mkdtemp(prefix=".ita-", suffix=".part", dir=out.parent))
    try:
        staged = folder / out.name
        yield staged
        try:
            replace_with_retry(staged, out)
        except PermissionError as exc:
            raise _RefusedError(f"บันทึกทับ {out} ไม่ได้ ({busy})" if busy
                           else thai_message(exc, f"บันทึกทับ «{out.name}»").text) from None
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    fsync_dir(out.parent)


# --- render -------------------------------------------------------------------------------
def _number(value: str | None, option: str) -> float | None:
    if value is None:
        return None
    from ita_desktop.thai.digits import NumberError, parse_decimal

    try:
        number = float(parse_decimal(value))
    except NumberError as exc:
        raise _BadOptionError(f"{option}: {exc}") from None
    if not math.isfinite(number):
        raise _BadOptionError(f"{option}: «{value}» ใหญ่เกินกว่าจะเป็นค่าที่ใช้ได้")
    return number


def _pairs(items: list[str], option: str) -> dict[str, str]:
    out = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise _BadOptionError(f"{option}: ต้องเขียนเป็น KEY=ค่า เช่น title=มาตรการ ไม่ใช่ «{item}»")
        out[key.strip()] = value
    return out


def _settings(raw: str) -> dict[str, Any]:
    """The options of a --settings file: a regular file, not too big, each value of its kind."""
    from ita_desktop.report.options import SETTINGS_MAX_BYTES, OptionsError, parse_settings

    path = _input(raw, "--settings")
    try:
        if path.stat().st_size > SETTINGS_MAX_BYTES:
            raise _BadOptionError(f"--settings: ไฟล์ค่าตั้ง «{path.name}» ใหญ่เกินไป (เกิน ๑ เมกะไบต์)"
                             " ไม่ใช่ไฟล์ค่าตั้งของโปรแกรม")
        with path.open("rb") as fh:
            data = fh.read(SETTINGS_MAX_BYTES + 1)
    except OSError as exc:
        from ita_desktop.store.errors import thai_message

        raise _BadOptionError(f"--settings: {thai_message(exc, f'อ่านไฟล์ค่าตั้ง «{path.name}»')}") from None
    try:
        return parse_settings(data)
    except OptionsError as exc:
        raise _BadOptionError(f"--settings: {exc}") from None


def _from_flag(opt: Option, given: Any, base: dict[str, Any]) -> Any:
    """The value the flag of `opt` gives (`given`: what argparse read), over what the settings
    file gave (`base`)."""
    kind, flag = opt.kind, opt.flag
    if kind == "bool":
        return not flag.startswith("--no-")
    if kind == "number":
        return _number(given, flag)
    if kind == "columns":
        return [c.strip() for c in given.split(",") if c.strip()]
    if kind == "files":
        return list(given)
    if kind == "headings":
        return {**base.get(opt.name, {}), **_pairs(given, flag)}
    if kind == "widths":
        numbers = {k: _number(v, f"{flag} {k}") for k, v in _pairs(given, flag).items()}
        return {**base.get(opt.name, {}), **numbers}
    if kind == "date":
        from ita_desktop.thai.dates import DateError, parse_thai_date

        if not given.strip():
            return ""
        try:
            return parse_thai_date(given).isoformat()
        except DateError as exc:
            raise _BadOptionError(f"{flag}: {exc}") from None
    if kind == "template":
        return given.replace("\\n", "\n")  # a new line typed in a shell
    return given


def render_options(args: argparse.Namespace) -> Any:
    """ReportOptions from the command line (and --settings); raises _BadOptionError in Thai."""
    from ita_desktop.report.options import OptionsError, ReportOptions

    base: dict[str, Any] = {} if args.settings is None else _settings(args.settings)
    year = _number(args.year, "--year")
    if year is None or year != int(year) or not 2500 <= year <= 2700:
        raise _BadOptionError(f"--year: ปีงบประมาณต้องเป็นปี พ.ศ. เช่น 2568 ไม่ใช่ «{args.year}»")
    base["fiscal_year"] = int(year)
    # options given on the command line win over the settings file; the rest keep its values
    for opt in declared.OPTIONS:
        if not opt.flag or opt.flag in _BY_HAND:
            continue
        given = getattr(args, opt.name, None)
        if given is None or given is False or given == []:
            continue
        base[opt.name] = _from_flag(opt, given, base)
    if args.margins:
        parts = args.margins.split(",")
        if len(parts) != 4:
            raise _BadOptionError("--margins: ต้องมี ๔ ค่า บน,ล่าง,ซ้าย,ขวา (ซม.) เช่น 2.5,2,3,2")
        values = [_number(p, "--margins") for p in parts]
        base.update(zip(("margin_top_cm", "margin_bottom_cm", "margin_left_cm", "margin_right_cm"), values))
    try:
        opts = ReportOptions.from_dict(base)
        opts.validate()
    except OptionsError as exc:
        raise _BadOptionError(_flagged(exc)) from None
    return opts


def _render(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from ita_desktop.report import build_docx, build_pdf
    from ita_desktop.store.db import Store

    source = _input(args.file, office=True)
    opts = render_options(args)
    if args.format is None and str(args.output).lower().endswith(".docx"):
        opts = replace(opts, format="docx")  # -o NAME.docx: the Word file
    word = opts.format == "docx"
    out = _output(args.output, "-o", inputs=[source], what="ไฟล์ Word" if word else "รายงาน PDF")
    store = Store.open_readonly(source)  # printing never writes the file
    try:
        data = store.load()
    finally:
        store.close()
    with _staged(out, busy="ไฟล์อาจเปิดอยู่ใน Word" if word else "ไฟล์อาจเปิดอยู่ในโปรแกรมอ่าน PDF") as staged:
        result = (build_docx if word else build_pdf)(data, opts, staged)
    orientation = "แนวนอน" if result.orientation == "landscape" else "แนวตั้ง"
    if word:
        _print(f"บันทึกเป็นไฟล์ Word {out} แล้ว: กระดาษ{orientation} แบบอักษร {opts.word_font}")
    else:
        _print(f"พิมพ์เป็น {out} แล้ว: {result.pages} หน้า กระดาษ{orientation}")
    if result.widths_mm:
        _print("ความกว้างคอลัมน์ (มม.): " + ", ".join(f"{k} {v}" for k, v in result.widths_mm.items()))
    for warning in result.warnings:
        _print(f"คำเตือน: {warning}", err=True)
    return EXIT_OK


# --- merge --------------------------------------------------------------------------------
def _short(text: str, limit: int = 60) -> str:
    """One line of at most about `limit` characters, cut at a space when there is one."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit] + "…"


def _merge(args: argparse.Namespace) -> int:
    from ita_desktop.store.db import Store
    from ita_desktop.store.merge import scratch_folder

    mine, theirs = _input(args.mine, office=True), _input(args.theirs, office=True)
    out = None if args.output is None else _output(args.output, "-o", inputs=[mine, theirs])
    if out is None:  # the merge first copies the file to MINE.before-merge
        backup = mine.with_name(mine.name + ".before-merge")
        with contextlib.suppress(OSError):
            mode = os.stat(backup).st_mode
            if not stat.S_ISREG(mode):
                raise _RefusedError(f"ข้างไฟล์ «{mine.name}» มี «{backup.name}» ที่ไม่ใช่ไฟล์ธรรมดา (เป็น{_not_regular(mode)})"
                               " ซึ่งการรวมข้อมูลต้องใช้เก็บสำเนาสำรอง จึงไม่รวมข้อมูล ย้ายหรือลบสิ่งนั้นแล้วลองอีกครั้ง")
    with scratch_folder() as work:  # the other file's checked copy, gone afterwards
        if out is None:
            return _merge_into(mine, theirs, args.prefer, work, in_place=True)
        with _staged(out) as staged:  # OUT appears whole, or not at all
            source = Store.open_readonly(mine)  # only copied: the result goes to OUT
            try:
                source.copy_to(staged)
            finally:
                source.close()
            return _merge_into(staged, theirs, args.prefer, work, in_place=False)


def _merge_into(target: Path, theirs: Path, prefer: str | None, work: Path, in_place: bool) -> int:
    from ita_desktop.safe_files import delete_with_retry
    from ita_desktop.store import merge
    from ita_desktop.store.db import Store

    store = Store.open(target)
    try:
        plan = merge.plan_merge(store, theirs, work)
        if not plan.same_office:
            raise _RefusedError(f"ไฟล์ «{theirs.name}» เป็นของหน่วยงานอื่น ({plan.offices[1]}) ไม่ใช่ {plan.offices[0]}")
        if not plan.related:
            _print("คำเตือน: สองไฟล์นี้สร้างแยกกัน (ไม่ได้คัดลอกมาจากกัน) มาตรการที่พิมพ์ไว้ทั้งสองไฟล์"
                   " จะกลายเป็นสองรายการ", err=True)
        _print(plan.summary())
        for c in plan.conflicts:
            _print(f"ขัดแย้ง: {_short(c.label)} ช่อง{merge.field_label(c.field)}: "
                   f"ไฟล์นี้ «{_short(merge.shown_value(c.field, c.mine))}» / "
                   f"อีกไฟล์ «{_short(merge.shown_value(c.field, c.theirs))}»")
        backup = target.with_name(target.name + ".before-merge")
        had_backup = os.path.lexists(backup)
        try:
            counts = merge.apply_merge(store, plan, prefer, partial=True)
        except BaseException:
            # the merge was rolled back: the file is as it was, so a backup made for it now
            # is not needed (and after a full disk it may be cut short)
            if in_place and not had_backup:
                with contextlib.suppress(OSError):
                    delete_with_retry(backup)
            raise
    finally:
        store.close()
    _print(f"รวมข้อมูลแล้ว: เพิ่ม {counts['added']} แก้ไข {counts['taken'] + counts['merged']} "
           f"ตัดสินขัดแย้ง {counts['conflicts']} ช่อง")
    if counts["left"]:
        # everything else is in; the undecided fields keep this file's value until chosen
        _print(f"ยังไม่ได้เลือก {counts['left']} ช่องที่ขัดแย้ง (คงค่าของไฟล์นี้ไว้): ใช้ --prefer mine หรือ"
               " --prefer theirs หรือรวมในโปรแกรมเพื่อเลือกทีละช่อง", err=True)
        return EXIT_CONFLICTS
    return EXIT_OK


# --- the other commands ---------------------------------------------------------------------
def _export(args: argparse.Namespace) -> int:
    from ita_desktop.store import exchange
    from ita_desktop.store.db import Store

    source = _input(args.file, office=True)
    out = _output(args.output, "-o", inputs=[source], what="ไฟล์ JSON")
    store = Store.open_readonly(source)
    try:
        with _staged(out) as staged:
            try:
                exchange.export_json(store, staged)
            except (TypeError, ValueError, AttributeError) as exc:
                # a value of a kind this program never writes (a logo stored as text, say):
                # damage, or a bug; the report says which to whoever maintains the program
                report = _crash_report(exc)
                raise _RefusedError(f"ไฟล์ «{source.name}» มีข้อมูลบางช่องที่ไม่ใช่ชนิดที่โปรแกรมบันทึกไว้ (ไฟล์อาจเสียหาย"
                               " หรือถูกแก้ด้วยโปรแกรมอื่น) จึงส่งออกไม่ได้ ไฟล์ไม่ได้ถูกแก้ไข"
                               + (f"\nรายละเอียดสำหรับผู้ดูแลโปรแกรมบันทึกไว้ที่ {report}" if report else "")) from None
    finally:
        store.close()
    _print(f"ส่งออกเป็น {out} แล้ว")
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    from ita_desktop.store import exchange

    source = _input(args.json)
    out = _output(args.output, "-o", inputs=[source])
    if out.exists():
        raise _RefusedError(f"มีไฟล์ชื่อนี้อยู่แล้ว: {out}")
    with _staged(out) as staged:
        exchange.import_json(source, staged, split_lists=args.split_lists).close()
    _print(f"นำเข้าเป็นไฟล์ {out} แล้ว")
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    from ita_desktop.store import check
    from ita_desktop.store.db import Store
    from ita_desktop.thai.digits import to_thai_digits

    store = Store.open_readonly(_input(args.file, office=True))
    try:
        findings = check.check_store(store, printing=_printing(args, store))
    finally:
        store.close()
    for f in findings:
        _print(str(f))
    errors = [f for f in findings if f.level == "error"]
    if errors:
        return EXIT_ERROR
    if findings:
        _print(f"พบ {to_thai_digits(str(len(findings)))} รายการที่ควรตรวจสอบ")
        return EXIT_FINDINGS
    _print("ไฟล์สมบูรณ์ ข้อมูลครบถ้วน")
    return EXIT_OK


def _printing(args: argparse.Namespace, store: Any) -> Any:
    """The document `check --document` asks about (its plan at the document's stage), or None."""
    from ita_desktop.domain.checks import Printing
    from ita_desktop.thai.digits import to_thai_digits

    if not getattr(args, "document", None):
        if getattr(args, "year", None):
            raise _RefusedError("--year ใช้คู่กับ --document (เช่น --document analysis --year 2570)")
        return None  # the stage of each plan by today's date
    plans = store.load().live_plans()
    if not plans:
        raise _RefusedError("ไฟล์นี้ยังไม่มีมาตรการของปีงบประมาณใด: เพิ่มปีงบประมาณก่อนตรวจเอกสาร")
    year = _year(args.year, "ปีงบประมาณ") if args.year else max((p.fiscal_year for p in plans), default=0)
    plan = next((p for p in plans if p.fiscal_year == year), None)
    if plan is None:
        raise _RefusedError(f"ไม่มีมาตรการของปีงบประมาณ {to_thai_digits(str(year))} ในไฟล์นี้")
    return Printing(plan.id, args.document, args.round if args.document == "implementation" else "")


# --- import-docx ------------------------------------------------------------------------------
def _column_map(raw: str) -> dict[str, str]:
    """--map "ชื่อหัวคอลัมน์=field,…": a comma parts two pairs only where another "header=" follows,
    so a header may hold a comma. FIELD is a field's key or its Thai label, "-" for none."""
    from ita_desktop.domain.table_import import FIELD_LABELS, field_of

    out: dict[str, str] = {}
    for pair in re.split(r"[,;](?=[^,;=]*=)", raw or ""):
        if not pair.strip():
            continue
        header, sep, name = pair.rpartition("=")
        field = field_of(name) if sep else None
        if not header.strip() or field is None:
            choices = ", ".join(f"{k} ({v})" for k, v in FIELD_LABELS.items())
            raise _RefusedError(f"--map: «{pair.strip()}» ต้องเขียนเป็น ชื่อหัวคอลัมน์=ช่อง"
                                f" โดยช่องเป็นหนึ่งใน {choices} หรือ - เพื่อไม่นำเข้าคอลัมน์นั้น")
        out[header.strip()] = field
    return out


def _import_docx(args: argparse.Namespace) -> int:
    from ita_desktop.docx_import import DocxImportError, read_docx
    from ita_desktop.domain import table_import as ti
    from ita_desktop.store.db import Store
    from ita_desktop.thai.digits import to_thai_digits

    source = _input(args.docx, "ไฟล์ Word")
    target = _input(args.into, "--into", office=True)
    year = _year(args.year, "--year ปีงบประมาณ")
    overrides = _column_map(args.map)
    try:
        doc = read_docx(source)
    except DocxImportError as exc:
        raise _RefusedError(str(exc)) from None
    got = ti.import_document(doc.tables, doc.blocks, overrides)
    thai_year = to_thai_digits(str(year))
    if not got.measures:
        raise _RefusedError(f"ไม่พบมาตรการใน «{source.name}»: ไม่มีตารางที่หัวตารางมีคำอย่าง มาตรการ กิจกรรม"
                            " ผู้รับผิดชอบ ระยะเวลา และไม่มีหัวข้อ «มาตรการ/โครงการ/กิจกรรม» ไฟล์ไม่ได้ถูกแก้ไข")
    store = Store.open(target)
    try:
        data = store.load()
        plan = data.plan(year)
        if plan is not None and data.measures_of(plan.id) and not args.append:
            count = to_thai_digits(str(len(data.measures_of(plan.id))))
            raise _RefusedError(f"ปีงบประมาณ {thai_year} ในไฟล์ «{target.name}» มีมาตรการอยู่แล้ว {count} รายการ"
                                " จึงไม่นำเข้าทับ: ใช้ --append เพื่อเพิ่มต่อท้าย หรือระบุปีอื่น ไฟล์ไม่ได้ถูกแก้ไข")
        new_plan = plan is None
        records = ti.add_imported(data, year, got.measures, round_=args.round,
                                  split_lists=args.split_lists)
        store.save_all(records)  # one transaction: all of it, or nothing
    finally:
        store.close()
    count = to_thai_digits(str(len(got.measures)))
    where = f"แผนใหม่ของปีงบประมาณ {thai_year}" if new_plan else f"ปีงบประมาณ {thai_year}"
    _print(f"นำเข้ามาตรการ {count} รายการจาก «{source.name}» ไปยัง{where} ในไฟล์ «{target.name}» แล้ว")
    if got.mode == "table":
        for n, table in enumerate(got.tables, 1):
            label = f"ตารางที่ {to_thai_digits(str(n))}" if len(got.tables) > 1 else "ตาราง"
            _print(f"{label} ({to_thai_digits(str(len(table.measures)))} มาตรการ) อ่านคอลัมน์ดังนี้:")
            for line in table.mapping_text():
                _print(f"  {line}")
            skipped = [x for c, x in enumerate(table.labels) if x and c not in table.mapping]
            if skipped:
                _print("  ไม่ได้นำเข้าคอลัมน์: " + ", ".join(f"«{x}»" for x in skipped))
        unmatched = {x for t in got.tables for x in t.unmatched}
        for label in sorted(unmatched):
            _print(f"คำเตือน: --map «{label}» ไม่ตรงกับหัวคอลัมน์ใดในตาราง", err=True)
    else:
        _print("อ่านจากหัวข้อในเอกสาร (ไม่พบตารางมาตรการ)")
        if overrides:
            _print("คำเตือน: --map ใช้กับตารางเท่านั้น เอกสารนี้อ่านจากหัวข้อ", err=True)
    _print("มาตรการที่นำเข้า (ตามลำดับในไฟล์ Word):")
    for i, item in enumerate(got.measures, 1):
        _print(f"  {to_thai_digits(str(i))}. {_short(item.title)}")
    return EXIT_OK


# --- catalogs ---------------------------------------------------------------------------------
def _year(raw: str, what: str) -> int:
    """A B.E. year as typed (Arabic or Thai digits)."""
    from ita_desktop.thai.digits import to_arabic_digits

    text = to_arabic_digits(str(raw).strip())
    if not text.isdigit() or not 2500 <= int(text) <= 2700:
        raise _RefusedError(f"{what} «{raw}» ไม่ใช่ปี พ.ศ. (เช่น 2570)")
    return int(text)


def _catalog(args: argparse.Namespace) -> int:
    from ita_desktop import resources
    from ita_desktop.domain.framework import FrameworkError, copy_framework, status_text
    from ita_desktop.thai.digits import to_thai_digits

    def thai(year: int) -> str:
        return to_thai_digits(str(year))

    catalogs = resources.all_frameworks()
    if args.catalog_command == "copy":
        source, target = _year(args.from_year, "ปีต้นทาง"), _year(args.to_year, "ปีใหม่")
        fw = catalogs.get(source)
        if fw is None:
            raise _RefusedError(f"ไม่มีเกณฑ์ปี {thai(source)} ที่จะคัดลอก (มีปี "
                                + " ".join(thai(y) for y in sorted(catalogs)) + ")")
        if target in catalogs:
            raise _RefusedError(f"มีเกณฑ์ปี {thai(target)} อยู่แล้ว จึงไม่คัดลอกทับ"
                                " (แก้ไขได้ในหน้าเกณฑ์การประเมินของโปรแกรม)")
        template = resources.issue_templates(catalogs).get(source)
        data = copy_framework(fw, target, [{"title": t, "questions": c} for t, c in template or []])
        path = resources.save_user_framework(data)
        copied = resources.load_framework_file(path)
        _print(f"คัดลอกเกณฑ์ปี {thai(source)} เป็นเกณฑ์ปี {thai(target)} แล้ว: {path}")
        _print(f"หมายเหตุ: {status_text(copied)}")
        return EXIT_OK
    if args.catalog_command == "import":
        source_file = _input(args.file)
        try:
            fw = resources.load_framework_file(source_file)
        except FrameworkError as exc:
            raise _RefusedError(f"นำเข้า «{source_file.name}» ไม่ได้: {exc}") from None
        if resources.is_user_framework(fw.ita_year) and not args.replace:
            raise _RefusedError(f"เครื่องนี้มีเกณฑ์ปี {thai(fw.ita_year)} ที่แก้ไขไว้แล้ว จึงไม่นำเข้าทับ"
                                " (ใช้ --replace เพื่อแทนที่)")
        resources.save_user_framework(fw.raw)
        _print(f"นำเข้าเกณฑ์ปี {thai(fw.ita_year)} จาก «{source_file.name}» แล้ว")
        if status_text(fw):
            _print(f"หมายเหตุ: {status_text(fw)}")
        return EXIT_OK
    year = _year(args.year, "ปี")
    fw = catalogs.get(year)
    if fw is None:
        raise _RefusedError(f"ไม่มีเกณฑ์ปี {thai(year)} (มีปี " + " ".join(thai(y) for y in sorted(catalogs)) + ")")
    out = _output(args.output, "-o", what="ไฟล์เกณฑ์")
    data = dict(fw.raw)
    template = resources.issue_templates(catalogs).get(year)
    if "issues" not in data and template:  # 2567's lives in the bundled list: the file carries it
        data["issues"] = {"source": "แม่แบบประเด็นที่มากับโปรแกรม",
                          "groups": [{"title": t, "questions": c} for t, c in template]}
    with _staged(out) as staged:
        resources.write_catalog(staged, data)
    _print(f"ส่งออกเกณฑ์ปี {thai(year)} เป็น {out} แล้ว")
    return EXIT_OK


def _run(args: argparse.Namespace) -> int:
    if args.command == "render":  # imports only what printing needs
        return _render(args)
    if args.command == "merge":
        return _merge(args)
    if args.command == "new":
        from ita_desktop.store.db import Store

        path = _output(args.file, "new")
        Store.create(path).close()
        _print(f"สร้างไฟล์ {path} แล้ว")
        return EXIT_OK
    if args.command == "export-json":
        return _export(args)
    if args.command == "import-json":
        return _import(args)
    if args.command == "import-docx":
        return _import_docx(args)
    if args.command == "check":
        return _check(args)
    if args.command == "catalog":
        return _catalog(args)
    return EXIT_ERROR
