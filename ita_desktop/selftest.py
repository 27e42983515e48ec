"""`ita-desktop --self-test`: does this installation work, with nothing downloaded?

Offscreen: checks the bundled fonts and data, creates the demo office in a scratch folder,
renders both documents in this process and once through the print screen's worker process,
reads the PDFs' text back with QtPdf, opens the main window on the demo, saves a copy and
merges an edit made in it back, and prints a verdict
(exit code 0 = ผ่าน, 1 = ไม่ผ่าน), also kept as UTF-8 in self-test.log beside the PDFs.
Used by the frozen build's smoke test, the Windows CI and on a clerk's PC.
"""
from __future__ import annotations

import contextlib
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from ita_desktop import __version__

PUA = range(0xE000, 0xF900)


class Check:
    def __init__(self, out: Callable[[str], None]) -> None:
        self.out = out
        self.failed = 0

    def run(self, label: str, fn: Callable[[], str]) -> None:
        start = time.perf_counter()
        try:
            detail = fn()
        except Exception as exc:
            self.failed += 1
            self.out(f"✗ {label}: {exc}")
            self.out("  " + traceback.format_exc().strip().replace("\n", "\n  "))
            return
        self.out(f"✓ {label} ({time.perf_counter() - start:.1f} s){': ' + detail if detail else ''}")


def pdf_text(path: Path) -> str:
    """All text of a PDF, read with QtPdf (what the app's preview uses)."""
    from PySide6.QtPdf import QPdfDocument

    doc = QPdfDocument()
    doc.load(str(path))
    if doc.status() != QPdfDocument.Status.Ready:
        raise RuntimeError(f"QtPdf อ่าน {path.name} ไม่ได้")
    text = "\n".join(doc.getAllText(i).text() for i in range(doc.pageCount()))
    doc.close()
    return text


def check_text(path: Path, words: list[str]) -> str:
    from pythainlp.util import normalize

    text = normalize(pdf_text(path))
    if any(ord(ch) in PUA for ch in text):
        raise RuntimeError(f"{path.name}: มีอักขระที่อ่านไม่ได้ (private use) ในข้อความ")
    missing = [w for w in words if normalize(w) not in text.replace("\n", "")]
    if missing:
        raise RuntimeError(f"{path.name}: ไม่พบข้อความ {', '.join(missing)}")
    return f"{path.name} {path.stat().st_size // 1024} KB"


def worker_facts() -> dict[str, object]:
    """Run in the print screen's worker process: how it was started. From the windowed exe it
    has no stdout/stderr (None) and must have no console window of its own."""
    console = 0
    if os.name == "nt":
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        kernel32.GetConsoleWindow.restype = ctypes.c_void_p
        console = kernel32.GetConsoleWindow() or 0
    return {"exe": Path(sys.executable).name, "stdout": sys.stdout is not None,
            "stderr": sys.stderr is not None, "console": console}


def worker_step(demo: Path, data: object, work: Path) -> str:
    """Render the demo's default document through the print screen's worker, started as the
    window starts it (RenderWorker: a spawned process of this exe), then ask that same
    process how it runs. Fails if the PDF is wrong, or if a process without a console (the
    windowed exe) got a worker with a console window of its own. Ends with an ASCII summary,
    `worker=EXE stdout=none|open console=none|shared|own` (the Windows workflow reads it)."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from ita_desktop.domain import models as m
    from ita_desktop.report import ReportOptions
    from ita_desktop.ui.render_worker import RenderWorker

    QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(data, m.OfficeFile)
    result: dict[str, object] = {}
    loop = QEventLoop()
    rw = RenderWorker(delay_ms=0)

    def finished(outcome: dict[str, object]) -> None:
        result.update(outcome)
        loop.quit()

    def failed(error: str, _detail: str) -> None:
        result.update(error=error)
        loop.quit()

    rw.finished.connect(finished)
    rw.failed.connect(failed)
    QTimer.singleShot(120_000, loop.quit)
    opts = ReportOptions(fiscal_year=data.live_plans()[-1].fiscal_year)
    rw.request(str(demo), opts.to_dict(), now=True)
    loop.exec()
    try:
        if "pdf" not in result:
            raise RuntimeError(str(result.get("error", "หมดเวลารอ")))
        facts = rw.pool().submit(worker_facts).result(timeout=60)
    finally:
        rw.shutdown()
    path = work / "preview.pdf"
    path.write_bytes(result["pdf"])  # type: ignore[arg-type]
    detail = check_text(path, [data.office.name])
    mine = worker_facts()["console"]
    theirs = facts["console"]
    console = "none" if not theirs else "shared" if theirs == mine else "own"
    if console == "own":
        raise RuntimeError(f"โปรเซสจัดหน้า ({facts['exe']}) เปิดหน้าต่างคอนโซลของตัวเอง")
    return (f"{detail}; worker={facts['exe']} stdout={'open' if facts['stdout'] else 'none'} "
            f"console={console}")


LOG_NAME = "self-test.log"


def _logged(out: Callable[[str], None], log: Path) -> Callable[[str], None]:
    """`out`, and each line also into `log` as UTF-8: what the console shows is in its code
    page (a frozen exe's output to a pipe or file is in the ANSI code page, where Thai is "?")."""
    with contextlib.suppress(OSError):
        log.write_text("", encoding="utf-8")

    def both(line: str) -> None:
        out(line)
        with contextlib.suppress(OSError), log.open("a", encoding="utf-8") as fh:
            fh.write(line + "\n")
    return both


def main(argv: list[str], out: Callable[[str], None]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    keep = argv[argv.index("--out") + 1] if "--out" in argv and argv.index("--out") + 1 < len(argv) else ""
    work = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="ita-selftest-"))
    work.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("ITA_DESKTOP_CONFIG", str(work / "config"))
    os.environ.setdefault("ITA_DESKTOP_DOCUMENTS", str(work / "documents"))
    os.environ["ITA_DESKTOP_NO_DIALOGS"] = "1"
    out = _logged(out, work / LOG_NAME)
    out(f"ITA Desktop {__version__} ทดสอบตัวเอง ({'frozen' if getattr(sys, 'frozen', False) else 'python'}, "
        f"{sys.platform}{', stdout=none' if sys.stdout is None else ''}); ไฟล์ทดสอบอยู่ที่ {work}")
    check = Check(out)
    demo = work / "ตัวอย่าง.ita"
    state: dict[str, object] = {}

    def files() -> str:
        from ita_desktop.paths import font_path, resource_path

        needed = [font_path("Sarabun-Regular.ttf"), font_path("Sarabun-Bold.ttf"),
                  resource_path("demo", "demo-office.json"), resource_path("schema", "ita-desktop-1.schema.json")]
        missing = [str(p) for p in needed if not p.is_file()]
        if missing:
            raise RuntimeError("ไม่พบไฟล์ " + ", ".join(missing))
        frameworks = sorted(p.name for p in resource_path("frameworks").glob("*.json"))
        if not frameworks:
            raise RuntimeError("ไม่พบรายการตัวชี้วัด (resources/frameworks)")
        return ", ".join(frameworks)

    def dictionary() -> str:
        from ita_desktop.thai import words

        tokens = [t for t in words.words("การประเมินคุณธรรมและความโปร่งใส") if t.strip()]
        if len(tokens) < 3:
            raise RuntimeError(f"ตัดคำไม่ได้: {tokens}")
        return "|".join(tokens)

    def demo_file() -> str:
        from ita_desktop.paths import resource_path
        from ita_desktop.safe_files import delete_with_retry
        from ita_desktop.store import exchange

        delete_with_retry(demo)
        exchange.import_json(resource_path("demo", "demo-office.json"), demo).close()
        from ita_desktop.store.db import Store

        store = Store.open(demo)
        try:
            data = store.load()
        finally:
            store.close()
        state["data"] = data
        return f"{data.office.full_name}, {len(data.measures)} มาตรการ"

    def render(document: str) -> Callable[[], str]:
        def run() -> str:
            from ita_desktop.domain import models as m
            from ita_desktop.report import ReportOptions, build_pdf

            data = state["data"]
            assert isinstance(data, m.OfficeFile)
            plan = data.live_plans()[-1]
            path = work / f"{document}.pdf"
            build_pdf(data, ReportOptions(fiscal_year=plan.fiscal_year, document=document), path)
            first = data.measures_of(plan.id)[0].title[:12]
            return check_text(path, [data.office.name, first])
        return run

    def word() -> str:
        """The report as a Word file: python-docx's template must be in the frozen app."""
        import zipfile

        from ita_desktop.domain import models as m
        from ita_desktop.report import ReportOptions, build_docx

        data = state["data"]
        assert isinstance(data, m.OfficeFile)
        plan = data.live_plans()[-1]
        path = work / "report.docx"
        build_docx(data, ReportOptions(fiscal_year=plan.fiscal_year), path)
        with zipfile.ZipFile(path) as z:
            body = z.read("word/document.xml").decode("utf-8")
        if data.office.name not in body or "<w:cs/>" not in body:
            raise AssertionError("ไฟล์ Word ไม่มีชื่อหน่วยงานหรือไม่ได้ตั้งค่าอักษรไทย")
        return f"{path.name} {path.stat().st_size // 1024} KB"

    def window() -> str:
        """The window as the clerk's start opens it, read back: a blank or English window
        (every label empty once, through a translator) fails here."""
        from PySide6.QtWidgets import QApplication

        from ita_desktop import app as appmod
        from ita_desktop.ui import visible_texts

        win = appmod.start([str(demo)])
        if win is None:
            raise RuntimeError("โปรแกรมอีกตัวหนึ่งรับงานไป ไม่ได้เปิดหน้าต่างใหม่")
        try:
            QApplication.processEvents()
            if win.doc is None:
                raise RuntimeError("เปิดไฟล์ตัวอย่างในหน้าต่างไม่ได้")
            problems = []
            for row in range(win.nav.count()):
                win.nav.setCurrentRow(row)
                QApplication.processEvents()
                problems += visible_texts.problems(win)
            screen = win.print_report()
            if screen is None:
                raise RuntimeError("เปิดหน้าจอพิมพ์ไม่ได้")
            QApplication.processEvents()
            problems += [f"หน้าจอพิมพ์: {p}" for p in visible_texts.problems(screen)]
            screen.reject()
            if problems:
                raise RuntimeError("ข้อความบนหน้าจอว่างหรือไม่ใช่ภาษาไทย: " + "; ".join(problems[:8]))
            icon = QApplication.windowIcon()
            if icon.isNull() or not icon.availableSizes():
                raise RuntimeError("ไม่พบไอคอนของโปรแกรม (resources/icons/ita-desktop.ico)")
            shown = len(visible_texts.texts(win)) + len(visible_texts.texts(screen))
            return f"{QApplication.font().family()}, {win.windowTitle()}, ข้อความ {shown} รายการ"
        finally:
            win.close()

    def copy_and_merge() -> str:
        from ita_desktop.store import merge
        from ita_desktop.store.db import Store

        copy = work / "สำเนา.ita"
        store = Store.open(demo)
        try:
            store.copy_to(copy)  # the USB stick's safe copy: temporary name, flush, check, rename
        finally:
            store.close()
        other = Store.open(copy)
        try:
            data = other.load()
            x = data.measures_of(data.live_plans()[-1].id)[0]
            x.period = "แก้ในสำเนา"
            other.save(x)
        finally:
            other.close()
        store = Store.open(demo)
        try:
            plan = merge.plan_merge(store, copy, work / "merge")
            merge.apply_merge(store, plan)
            again = merge.plan_merge(store, copy, work / "merge2")
            merged = next(y for y in store.load().measures if y.id == x.id)
        finally:
            store.close()
        if merged.period != "แก้ในสำเนา" or not again.empty:
            raise RuntimeError("รวมข้อมูลจากสำเนาไม่ถูกต้อง")
        return plan.summary()

    check.run("ไฟล์ของโปรแกรม", files)
    check.run("พจนานุกรมตัดคำ", dictionary)
    check.run("สร้างไฟล์ตัวอย่าง", demo_file)
    if "data" in state:
        check.run("พิมพ์รายงานผลการดำเนินการ", render("implementation"))
        check.run("พิมพ์เอกสารการวิเคราะห์", render("analysis"))
        check.run("บันทึกเป็นไฟล์ Word", word)
        check.run("จัดหน้าในโปรเซสแยก (หน้าจอพิมพ์)", lambda: worker_step(demo, state["data"], work))
        check.run("หน้าต่างโปรแกรม", window)
        check.run("บันทึกสำเนาและรวมข้อมูล", copy_and_merge)
    verdict = "ผ่าน" if not check.failed else f"ไม่ผ่าน ({check.failed} รายการ)"
    out(f"ผลการทดสอบตัวเอง: {verdict}")
    return 0 if not check.failed else 1
