"""The headless commands; with no command, the window opens.

    ita-desktop [FILE]                         open the app (optionally a file)
    ita-desktop new FILE                       create an empty office file
    ita-desktop export-json FILE -o OUT.json   everything in the file, as JSON
    ita-desktop import-json IN.json -o FILE    a new office file from JSON
    ita-desktop check FILE                     integrity and what is still missing
    ita-desktop --self-test [--out DIR]        check this installation (offscreen), print a verdict
    ita-desktop render FILE --year 2568 -o OUT.pdf [options]
                                               print a report as PDF (no Qt is loaded)
    ita-desktop merge MINE THEIRS [--prefer mine|theirs] [-o OUT]
                                               merge another copy (exit 3: conflicts left)

Exit codes: 0 ok, 1 the check found missing data or warnings, 2 bad input or a file error.
Messages are Thai (the clerk's language) with the English command names.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ita_desktop.report.options import COLUMN_KEYS

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_CONFLICTS = 0, 1, 2, 3


def _print(text: str, err: bool = False) -> None:
    stream = sys.stderr if err else sys.stdout
    if stream is None:  # a windowed (frozen) build has no console streams
        return
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
    g = sub.add_parser("merge", help="merge another copy of the office's file")
    g.add_argument("mine", type=Path)
    g.add_argument("theirs", type=Path)
    g.add_argument("--prefer", choices=("mine", "theirs"), help="how to settle conflicts")
    g.add_argument("-o", "--output", type=Path, help="write the result here (default: in place)")
    r = sub.add_parser("render", help="print a report as PDF")
    r.add_argument("file", type=Path)
    r.add_argument("-o", "--output", type=Path, required=True)
    r.add_argument("--year", required=True, help="fiscal year (B.E.), e.g. 2568")
    r.add_argument("--document", default=None, help="implementation | analysis")
    r.add_argument("--round", default=None, help="half | year")
    r.add_argument("--layout", default=None, help="table | blocks")
    r.add_argument("--columns", help="comma separated: " + ",".join(COLUMN_KEYS))
    r.add_argument("--heading", action="append", default=[], metavar="KEY=TEXT")
    r.add_argument("--width", action="append", default=[], metavar="KEY=MM")
    r.add_argument("--orientation", default=None, help="portrait | landscape")
    r.add_argument("--digits", default=None, help="thai | arabic")
    r.add_argument("--division", default=None, help="division name printed above the office")
    r.add_argument("--only-division", action="store_true", help="only that division's measures")
    r.add_argument("--no-numbers", action="store_true", help="do not number the titles")
    r.add_argument("--title", help="title template (lines separated by \\n)")
    r.add_argument("--intro", help="intro paragraph template")
    r.add_argument("--body-size", help="TH Sarabun PSK points (16)")
    r.add_argument("--table-size", help="TH Sarabun PSK points (14)")
    r.add_argument("--heading-size", help="TH Sarabun PSK points (18)")
    r.add_argument("--font", default=None, help="Sarabun, or an installed TH Sarabun New/PSK")
    r.add_argument("--margins", help="top,bottom,left,right in cm (2.5,2,3,2)")
    r.add_argument("--page-numbers", default=None, help="dash | of | none")
    r.add_argument("--no-signatures", action="store_true")
    r.add_argument("--no-cover", action="store_true", help="analysis: no cover page")
    r.add_argument("--figure1", help="analysis: an image instead of chart 1 (total and tools)")
    r.add_argument("--figure2", help="analysis: an image instead of chart 2 (indicators)")
    r.add_argument("--front-matter", action="store_true", help="cover, คำนำ and สารบัญ numbered ก ข ค")
    r.add_argument("--appendix", action="append", default=[], metavar="IMAGE", help="an appendix page")
    r.add_argument("--draft", default=None, help="auto (until approved in the file) | yes | no")
    r.add_argument("--table-orientation", default=None, help="analysis: landscape measures table")
    r.add_argument("--sign-date", help="date on the signature line, e.g. 30/9/2568")
    r.add_argument("--settings", type=Path, help="options as JSON (ReportOptions fields)")
    return p


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    commands = {"new", "export-json", "import-json", "check", "render", "merge", "-h", "--help"}
    if argv and argv[0] == "--self-test":
        from ita_desktop import selftest

        return selftest.main(argv[1:], _print)
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


class _BadOption(ValueError):
    pass


def _number(value: str | None, option: str) -> float | None:
    if value is None:
        return None
    from ita_desktop.thai.digits import NumberError, parse_decimal

    try:
        return float(parse_decimal(value))
    except NumberError as exc:
        raise _BadOption(f"{option}: {exc}") from None


def _pairs(items: list[str], option: str) -> dict[str, str]:
    out = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise _BadOption(f"{option}: ต้องเขียนเป็น KEY=ค่า เช่น title=มาตรการ ไม่ใช่ «{item}»")
        out[key.strip()] = value
    return out


def render_options(args: argparse.Namespace) -> Any:
    """ReportOptions from the command line (and --settings); raises _BadOption in Thai."""
    from ita_desktop.report.options import OptionsError, ReportOptions

    base: dict[str, Any] = {}
    if args.settings is not None:
        try:
            base = json.loads(args.settings.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise _BadOption(f"--settings: อ่านไฟล์ค่าตั้ง {args.settings} ไม่ได้ ({exc})") from None
        if not isinstance(base, dict):
            raise _BadOption("--settings: ไฟล์ค่าตั้งต้องเป็น JSON object")
    year = _number(args.year, "--year")
    if year is None or year != int(year) or not 2500 <= year <= 2700:
        raise _BadOption(f"--year: ปีงบประมาณต้องเป็นปี พ.ศ. เช่น 2568 ไม่ใช่ «{args.year}»")
    base["fiscal_year"] = int(year)
    # options given on the command line win over the settings file; the rest keep its values
    for name in ("document", "round", "layout", "orientation", "digits", "page_numbers", "font"):
        value = getattr(args, name)
        if value is not None:
            base[name] = value
    if args.columns is not None:
        base["columns"] = [c.strip() for c in args.columns.split(",") if c.strip()]
    if args.heading:
        base["headings"] = {**base.get("headings", {}), **_pairs(args.heading, "--heading")}
    if args.width:
        widths = {k: _number(v, f"--width {k}") for k, v in _pairs(args.width, "--width").items()}
        base["widths_mm"] = {**base.get("widths_mm", {}), **widths}
    if args.division is not None:
        base["division"] = args.division
    if args.only_division:
        base["filter_division"] = True
    if args.no_numbers:
        base["number_titles"] = False
    if args.no_signatures:
        base["signatures"] = False
    if args.no_cover:
        base["cover"] = False
    for name in ("figure1", "figure2"):
        if getattr(args, name):
            base[name] = getattr(args, name)
    if args.front_matter:
        base["front_matter"] = True
    if args.appendix:
        base["appendix"] = list(args.appendix)
    for name in ("draft", "table_orientation"):
        if getattr(args, name) is not None:
            base[name] = getattr(args, name)
    if args.sign_date:
        from ita_desktop.thai.dates import DateError, parse_thai_date

        try:
            base["sign_date"] = parse_thai_date(args.sign_date).isoformat()
        except DateError as exc:
            raise _BadOption(f"--sign-date: {exc}") from None
    if args.title is not None:
        base["title"] = args.title.replace("\\n", "\n")
    if args.intro is not None:
        base["intro"] = args.intro
    for name in ("body_size", "table_size", "heading_size"):
        value = _number(getattr(args, name), "--" + name.replace("_", "-"))
        if value is not None:
            base[name] = value
    if args.margins:
        parts = args.margins.split(",")
        if len(parts) != 4:
            raise _BadOption("--margins: ต้องมี ๔ ค่า บน,ล่าง,ซ้าย,ขวา (ซม.) เช่น 2.5,2,3,2")
        values = [_number(p, "--margins") for p in parts]
        for key, value in zip(("margin_top_cm", "margin_bottom_cm", "margin_left_cm", "margin_right_cm"), values):
            base[key] = value
    try:
        opts = ReportOptions.from_dict(base)
        opts.validate()
    except OptionsError as exc:
        raise _BadOption(str(exc)) from None
    return opts


def _render(args: argparse.Namespace) -> int:
    from ita_desktop.report import ReportError, build_pdf
    from ita_desktop.store.db import Store, replace_with_retry

    try:
        opts = render_options(args)
    except _BadOption as exc:
        _print(f"ผิดพลาด: {exc}", err=True)
        return EXIT_ERROR
    store = Store.open_readonly(args.file)  # printing never writes the file
    try:
        data = store.load()
    finally:
        store.close()
    tmp = args.output.with_name(args.output.name + ".part")
    try:
        result = build_pdf(data, opts, tmp)
    except ReportError as exc:
        tmp.unlink(missing_ok=True)
        _print(f"ผิดพลาด: {exc}", err=True)
        return EXIT_ERROR
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    try:
        replace_with_retry(tmp, args.output)
    except OSError:
        tmp.unlink(missing_ok=True)
        _print(f"ผิดพลาด: เขียนทับ {args.output} ไม่ได้ (ไฟล์อาจเปิดอยู่ในโปรแกรมอ่าน PDF)", err=True)
        return EXIT_ERROR
    orientation = "แนวนอน" if result.orientation == "landscape" else "แนวตั้ง"
    _print(f"พิมพ์เป็น {args.output} แล้ว: {result.pages} หน้า กระดาษ{orientation}")
    if result.widths_mm:
        _print("ความกว้างคอลัมน์ (มม.): " + ", ".join(f"{k} {v}" for k, v in result.widths_mm.items()))
    for warning in result.warnings:
        _print(f"คำเตือน: {warning}", err=True)
    return EXIT_OK


def _short(text: str, limit: int = 60) -> str:
    """One line of at most about `limit` characters, cut at a space when there is one."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit] + "…"


def _merge(args: argparse.Namespace) -> int:
    from ita_desktop.store import merge
    from ita_desktop.store.db import Store

    target = args.mine
    if args.output is not None:
        source = Store.open_readonly(args.mine)  # only copied: the result goes to OUT
        try:
            source.copy_to(args.output)
        finally:
            source.close()
        target = args.output
    store = Store.open(target)
    try:
        plan = merge.plan_merge(store, args.theirs)
        if not plan.same_office:
            _print(f"ผิดพลาด: ไฟล์ «{args.theirs.name}» เป็นของหน่วยงานอื่น ({plan.offices[1]}) ไม่ใช่ {plan.offices[0]}",
                   err=True)
            return EXIT_ERROR
        if not plan.related:
            _print("คำเตือน: สองไฟล์นี้สร้างแยกกัน (ไม่ได้คัดลอกมาจากกัน) มาตรการที่พิมพ์ไว้ทั้งสองไฟล์"
                   " จะกลายเป็นสองรายการ", err=True)
        _print(plan.summary())
        for c in plan.conflicts:
            _print(f"ขัดแย้ง: {_short(c.label)} ช่อง{merge.field_label(c.field)}: "
                   f"ไฟล์นี้ «{_short(merge.shown_value(c.field, c.mine))}» / "
                   f"อีกไฟล์ «{_short(merge.shown_value(c.field, c.theirs))}»")
        counts = merge.apply_merge(store, plan, args.prefer, partial=True)
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


def _run(args: argparse.Namespace) -> int:
    from ita_desktop.store.db import Store

    if args.command == "render":  # imports only what printing needs
        return _render(args)
    if args.command == "merge":
        return _merge(args)
    from ita_desktop.store import check, exchange

    if args.command == "new":
        Store.create(args.file).close()
        _print(f"สร้างไฟล์ {args.file} แล้ว")
        return EXIT_OK
    if args.command == "export-json":
        store = Store.open_readonly(args.file)
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
        store = Store.open_readonly(args.file)
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
