"""The headless commands; with no command, the window opens.

    ita-desktop [FILE]                         open the app (optionally a file)
    ita-desktop new FILE                       create an empty office file
    ita-desktop export-json FILE -o OUT.json   everything in the file, as JSON
    ita-desktop import-json IN.json -o FILE    a new office file from JSON
    ita-desktop check FILE                     integrity and what is still missing

Exit codes: 0 ok, 1 the check found missing data or warnings, 2 bad input or a file error.
Messages are Thai (the clerk's language) with the English command names.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _print(text: str, err: bool = False) -> None:
    stream = sys.stderr if err else sys.stdout
    try:
        stream.write(text + "\n")
    except UnicodeEncodeError:  # a cp874/cp1252 console on Windows: never crash on Thai
        enc = stream.encoding or "ascii"
        stream.write(text.encode(enc, "replace").decode(enc) + "\n")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="ita-desktop", description="ITA Desktop")
    sub = p.add_subparsers(dest="command")
    n = sub.add_parser("new", help="create an empty office file")
    n.add_argument("file", type=Path)
    e = sub.add_parser("export-json", help="export everything in FILE as JSON")
    e.add_argument("file", type=Path)
    e.add_argument("-o", "--output", type=Path, required=True)
    i = sub.add_parser("import-json", help="create FILE from an exchange JSON file")
    i.add_argument("json", type=Path)
    i.add_argument("-o", "--output", type=Path, required=True)
    c = sub.add_parser("check", help="integrity and completeness report")
    c.add_argument("file", type=Path)
    return p


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    commands = {"new", "export-json", "import-json", "check", "-h", "--help"}
    if not argv or argv[0] not in commands:
        from ita_desktop.app import main as app_main

        return app_main(argv)
    args = _parser().parse_args(argv)
    from ita_desktop.store.errors import StoreError

    try:
        return _run(args)
    except StoreError as exc:
        _print(f"ผิดพลาด: {exc}", err=True)
        return EXIT_ERROR
    except OSError as exc:
        _print(f"ผิดพลาด: อ่านหรือเขียนไฟล์ไม่ได้: {exc}", err=True)
        return EXIT_ERROR


def _run(args: argparse.Namespace) -> int:
    from ita_desktop.store import check, exchange
    from ita_desktop.store.db import Store

    if args.command == "new":
        Store.create(args.file).close()
        _print(f"สร้างไฟล์ {args.file} แล้ว")
        return EXIT_OK
    if args.command == "export-json":
        store = Store.open(args.file)
        try:
            exchange.export_json(store, args.output)
        finally:
            store.close()
        _print(f"ส่งออกเป็น {args.output} แล้ว")
        return EXIT_OK
    if args.command == "import-json":
        exchange.import_json(args.json, args.output).close()
        _print(f"นำเข้าเป็นไฟล์ {args.output} แล้ว")
        return EXIT_OK
    if args.command == "check":
        store = Store.open(args.file)
        try:
            findings = check.check_store(store)
        finally:
            store.close()
        for f in findings:
            _print(str(f))
        errors = [f for f in findings if f.level == "error"]
        if errors:
            return EXIT_ERROR
        if findings:
            _print(f"พบ {len(findings)} รายการที่ควรตรวจสอบ")
            return EXIT_FINDINGS
        _print("ไฟล์สมบูรณ์ ข้อมูลครบถ้วน")
        return EXIT_OK
    return EXIT_ERROR
