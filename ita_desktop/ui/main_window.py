"""The main window: navigation, menus, open/new/save-as, recent files, drag and drop."""
from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QWidget,
)

from ita_desktop import __version__
from ita_desktop.domain import models as m
from ita_desktop.domain.imported_text import list_splits
from ita_desktop.paths import documents_dir
from ita_desktop.safe_files import delete_with_retry, replace_with_retry
from ita_desktop.store import exchange, merge
from ita_desktop.store.db import (
    FILE_SUFFIX,
    Store,
    can_write_beside,
    copy_file,
    leftover_copy,
)
from ita_desktop.store.errors import FolderGoneError, thai_message
from ita_desktop.store.removable import is_removable
from ita_desktop.thai.digits import to_thai_digits
from ita_desktop.ui import background
from ita_desktop.ui.background import EXPECTED
from ita_desktop.ui.dialogs.catalog_editor import CatalogEditor
from ita_desktop.ui.dialogs.findings import findings_dialog
from ita_desktop.ui.dialogs.fit import fit_to_screen
from ita_desktop.ui.dialogs.help import HelpDialog
from ita_desktop.ui.dialogs.merge_history import show_merge_history
from ita_desktop.ui.dialogs.merge_review import MergeReviewDialog
from ita_desktop.ui.dialogs.removable_folders import RemovableFoldersDialog, marked_folders
from ita_desktop.ui.dialogs.split_lists import ask_split_lists
from ita_desktop.ui.document import Document
from ita_desktop.ui.pages.assessment import AssessmentPage
from ita_desktop.ui.pages.office import OfficePage
from ita_desktop.ui.pages.plan import PlanPage
from ita_desktop.ui.pages.register import RegisterPage

if TYPE_CHECKING:
    from ita_desktop.ui.dialogs.print_report import PrintReportDialog

MAX_RECENT = 8
FILE_FILTER = "ไฟล์ ITA Desktop (*.ita)"


def say_failure(parent: QWidget, title: str, exc: BaseException, before: str = "") -> None:
    """A failure in Thai (errors.thai_message: never Python's English as the message); the
    technical text, if any, comes last for whoever supports the office."""
    message = thai_message(exc)
    body = before + message.text
    if message.detail:
        body += "\n\nรายละเอียดสำหรับผู้ดูแลโปรแกรม: " + message.detail
    QMessageBox.warning(parent, title, body)


def _origin_key(local: Path) -> str:
    """The settings key under which a local working copy remembers the stick's file."""
    return "origin/" + str(local).replace("/", "|").replace("\\", "|")


class MainWindow(QMainWindow):
    """Thai main window over one open Document.

    Signals:
        document_opened(object): the Document just opened (tests and the app wait on it).
        closed(): the window was closed (its file closed too).
    """

    document_opened = Signal(object)
    closed = Signal()

    def __init__(self, settings: QSettings) -> None:
        super().__init__()
        self.settings = settings
        self.doc: Document | None = None
        self.lock: QLockFile | None = None
        self._save_failure_shown = False
        self.closing = False  # inside closeEvent's questions
        self.close_after_back = False  # the window closes once the pending write-back is done
        self.help_dialog: HelpDialog | None = None
        self.setAcceptDrops(True)

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(190)
        self.pages = QStackedWidget()
        self.office_page = OfficePage()
        self.assessment_page = AssessmentPage()
        self.plan_page = PlanPage()
        self.register_page = RegisterPage()
        for title, page in ((self.tr("ข้อมูลหน่วยงาน"), self.office_page),
                            (self.tr("ผลการประเมิน ITA"), self.assessment_page),
                            (self.tr("มาตรการและผลการดำเนินการ"), self.plan_page),
                            (self.tr("ทะเบียนการเปิดเผยข้อมูล (OIT)"), self.register_page)):
            self.nav.addItem(title)
            self.pages.addWidget(page)
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        central = QWidget()
        lay = QHBoxLayout(central)
        lay.addWidget(self.nav)
        lay.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self._build_menus()
        self.statusBar()  # made now: made at the first message, it shrank the pages that moment
        self.nav.setCurrentRow(0)
        self.set_enabled(False)
        self._update_title()
        self._restore_geometry()

    # --- menus ------------------------------------------------------------------------
    def _action(self, text: str, slot: object,
                shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None) -> QAction:
        act = QAction(text, self)
        if shortcut is not None:
            act.setShortcut(shortcut)
        act.triggered.connect(slot)
        return act

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("แฟ้ม"))
        file_menu.addAction(self._action(self.tr("สร้างไฟล์ใหม่…"), self.new_file, QKeySequence.StandardKey.New))
        file_menu.addAction(self._action(self.tr("เปิด…"), self.open_dialog, QKeySequence.StandardKey.Open))
        self.recent_menu = QMenu(self.tr("เปิดไฟล์ล่าสุด"), self)
        self.recent_menu.setObjectName("recent_files")
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        self.save_action = self._action(self.tr("บันทึก"), self.save, QKeySequence.StandardKey.Save)
        self.save_as_action = self._action(self.tr("บันทึกเป็น…"), self.save_as, QKeySequence("Ctrl+Shift+S"))
        file_menu.addAction(self.save_action)
        file_menu.addAction(self.save_as_action)
        self.copy_action = self._action(self.tr("บันทึกสำเนาไปที่ (แฟลชไดรฟ์)…"), self.save_copy_dialog)
        self.back_action = self._action(self.tr("บันทึกกลับไปที่ต้นฉบับในแฟลชไดรฟ์"), self.save_back)
        file_menu.addAction(self.copy_action)
        file_menu.addAction(self.back_action)
        file_menu.addSeparator()
        self.merge_action = self._action(self.tr("รวมข้อมูลจากไฟล์อื่น…"), self.merge_dialog)
        file_menu.addAction(self.merge_action)
        file_menu.addAction(self._action(self.tr("ประวัติการรวมข้อมูล…"), lambda: show_merge_history(self)))
        self.import_action = self._action(self.tr("นำเข้าจากไฟล์ JSON…"), self.import_json)
        self.export_action = self._action(self.tr("ส่งออกเป็นไฟล์ JSON…"), self.export_json)
        self.check_action = self._action(self.tr("ตรวจความครบถ้วนของข้อมูล"), self.check_file)
        file_menu.addAction(self.import_action)
        self.import_docx_action = self._action(self.tr("นำเข้ามาตรการจากไฟล์ Word…"), self.import_docx)
        file_menu.addAction(self.import_docx_action)
        file_menu.addAction(self.export_action)
        file_menu.addAction(self.check_action)
        file_menu.addAction(self._action(self.tr("เกณฑ์การประเมิน (ตัวชี้วัดและข้อคำถาม)…"), self.edit_catalogs))
        file_menu.addAction(self._action(self.tr("โฟลเดอร์ที่ถือว่าเป็นแฟลชไดรฟ์…"), self.edit_removable_folders))
        file_menu.addSeparator()
        self.print_action = self._action(self.tr("พิมพ์เอกสาร…"), self.print_report,
                                         QKeySequence.StandardKey.Print)
        file_menu.addAction(self.print_action)
        file_menu.addAction(self._action(self.tr("ถ้อยคำของบันทึกข้อความขออนุมัติ…"), self.edit_memo_wording))
        file_menu.addSeparator()
        file_menu.addAction(self._action(self.tr("ออกจากโปรแกรม"), self.close, QKeySequence.StandardKey.Quit))
        edit_menu = self.menuBar().addMenu(self.tr("แก้ไข"))
        self.undo_action = self._action(self.tr("เลิกทำ"), self.undo, QKeySequence.StandardKey.Undo)
        self.redo_action = self._action(self.tr("ทำซ้ำ"), self.redo, QKeySequence("Ctrl+Y"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        # the buttons of the yearly job, each reachable from a menu with its shortcut
        self.job_actions: list[QAction] = []
        for menu_name, items in (
                (self.tr("ผลการประเมิน"), [
                    (self.tr("เพิ่มผลการประเมิน…"), 1, "assessment_page", "add_assessment", "Ctrl+Shift+I"),
                    (self.tr("วางคะแนนจากตาราง…"), 1, "assessment_page", "paste_dialog", "Ctrl+Shift+V")]),
                (self.tr("มาตรการ"), [
                    (self.tr("เพิ่มปีงบประมาณ…"), 2, "plan_page", "add_plan", "Ctrl+Shift+Y"),
                    (self.tr("เพิ่มมาตรการ"), 2, "plan_page", "add_measure", "Ctrl+M"),
                    (self.tr("แนะนำมาตรการ…"), 2, "plan_page", "suggest_measures", "Ctrl+Shift+M"),
                    (self.tr("วางตารางมาตรการจาก Word หรือ Excel…"), 2, "plan_page", "paste_table", "Ctrl+Shift+T"),
                    (self.tr("ประเด็นการวิเคราะห์"), 2, "plan_page", "show_groups", "Ctrl+G"),
                    (self.tr("ผู้ลงนามในเอกสาร"), 2, "plan_page", "show_signatories", "Ctrl+Shift+L")]),
                (self.tr("ทะเบียน OIT"), [
                    (self.tr("สร้างทะเบียนปีนี้"), 3, "register_page", "make_register", "Ctrl+Shift+R"),
                    (self.tr("คัดลอกสำหรับ ITAS"), 3, "register_page", "copy_for_itas", "Ctrl+Shift+C"),
                    (self.tr("ส่งออก CSV…"), 3, "register_page", "export_csv", "Ctrl+Shift+E"),
                    (self.tr("ถ้อยคำของแบบขออนุญาตเผยแพร่…"), 3, "register_page", "edit_form_wording",
                     "Ctrl+Shift+F")])):
            menu = self.menuBar().addMenu(menu_name)
            for text, row, page, method, key in items:
                act = self._action(text, lambda _c=False, r=row, p=page, f=method, t=text: self._on_page(r, p, f, t),
                                   QKeySequence(key))
                menu.addAction(act)
                self.job_actions.append(act)
        self.check_action.setShortcut(QKeySequence("F7"))
        help_menu = self.menuBar().addMenu(self.tr("ช่วยเหลือ"))
        help_menu.addAction(self._action(self.tr("วิธีใช้"), self.show_help, QKeySequence("F1")))
        help_menu.addAction(self._action(self.tr("เกี่ยวกับ ITA Desktop"), self.about))
        self._refresh_recent()

    def set_enabled(self, on: bool) -> None:
        for w in (self.nav, self.pages):
            w.setEnabled(on)
        for a in (self.save_action, self.save_as_action, self.export_action, self.check_action,
                  self.print_action, self.merge_action, self.copy_action, self.back_action,
                  self.undo_action, self.redo_action, *self.job_actions):
            a.setEnabled(on)
        self.back_action.setEnabled(on and self.doc is not None and self.origin_of(self.doc.path) is not None)

    def undo(self) -> None:
        self._commit_focused()
        if self.doc:
            self.doc.undo_stack.undo()

    def redo(self) -> None:
        self._commit_focused()
        if self.doc:
            self.doc.undo_stack.redo()

    def _commit_focused(self) -> None:
        """Typing not yet committed (the idle pause) is committed before undo/save."""
        w: QWidget | None = self.focusWidget()
        while w is not None:
            commit = getattr(w, "commit", None)
            if callable(commit):
                commit()
                return
            w = w.parentWidget()

    # --- files ---------------------------------------------------------------------------
    def open_file(self, path: Path) -> bool:
        """Open an office file; on any problem say why and keep the current file open.
        A file on a USB stick or a network drive is worked on as a local copy (offered); a
        complete copy left by an interrupted save is offered for recovery."""
        path = Path(path).absolute()
        if self.doc is not None and path == self.doc.path:
            return True
        if not self.confirm_save_back():
            return False
        self.offer_recovery(path)
        if path.exists() and not can_write_beside(path):  # write-protected stick, CD, no rights
            local = self.offer_local_copy(path, read_only=True)
            if local is None:
                return False
            path = local
        elif is_removable(path, extra_folders=marked_folders(self.settings)) and path.exists():
            local = self.offer_local_copy(path)
            if local is not None:
                path = local
        stick = self.origin_of(path)
        lock = QLockFile(str(path) + ".lock")
        lock.setStaleLockTime(0)
        if not lock.tryLock(100):
            QMessageBox.warning(self, self.tr("เปิดไฟล์"),
                                self.tr("ไฟล์นี้เปิดอยู่ในหน้าต่างอื่นหรือโปรแกรมอื่น:\n") + str(path))
            return False
        try:
            doc = Document.open(path, self)  # reads everything: damage shows here, not later
        except EXPECTED as exc:
            lock.unlock()
            say_failure(self, self.tr("เปิดไฟล์ไม่ได้"), exc)
            return False
        self.close_document()
        self.lock = lock
        self._attach(doc)
        self.offer_kept_edits()
        if stick is not None and stick.exists():  # a local copy kept from before: the stick may be newer
            self.take_news_from_stick(stick, self.tr("ไฟล์ในแฟลชไดรฟ์มีการแก้ไขใหม่"),
                                      self.tr("ที่สำเนาในเครื่องนี้ยังไม่มี"), self.tr("รวมเข้ามาตอนนี้หรือไม่"))
        if self.doc and self.doc.migrated_backup:
            self.statusBar().showMessage(self.tr("ปรับรูปแบบไฟล์เป็นรุ่นปัจจุบันแล้ว สำรองไฟล์เดิมไว้ที่ ")
                                         + str(self.doc.migrated_backup), 10000)
        return True

    def _attach(self, doc: Document) -> None:
        self.doc = doc
        self.back_pending = False  # edits of a local copy not yet written back to the stick
        if self.origin_of(doc.path) is not None:  # a local copy of a stick's file
            doc.changed.connect(self._note_back_pending)
        doc.save_failed.connect(self._save_failed)
        doc.undo_stack.cleanChanged.connect(self._update_title)
        doc.undo_stack.canUndoChanged.connect(self.undo_action.setEnabled)
        doc.undo_stack.canRedoChanged.connect(self.redo_action.setEnabled)
        self._name_steps()  # then the step's name: "เลิกทำ: รวมข้อมูลจาก …"
        doc.undo_stack.undoTextChanged.connect(self._name_steps)  # a method: disconnected with the window
        doc.undo_stack.redoTextChanged.connect(self._name_steps)
        for page in (self.office_page, self.assessment_page, self.plan_page, self.register_page):
            page.set_document(doc)
            for area in [page, *page.findChildren(QScrollArea)]:  # a new file starts at the top,
                if isinstance(area, QScrollArea):                 # not where the last one was
                    area.verticalScrollBar().setValue(0)
        self.set_enabled(True)
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        self._remember(doc.path)
        self._update_title()
        self.document_opened.emit(doc)

    def _name_steps(self, *_args: object) -> None:
        stack = self.doc.undo_stack if self.doc else None
        for action, word, text in ((self.undo_action, self.tr("เลิกทำ"), stack.undoText() if stack else ""),
                                   (self.redo_action, self.tr("ทำซ้ำ"), stack.redoText() if stack else "")):
            action.setText(f"{word}: {text}" if text else word)

    def close_document(self) -> None:
        """Close the open file once what is queued is on disk (the window paints meanwhile);
        raises the writer's error if stopping it fails."""
        if self.doc is None:
            return
        self._commit_focused()
        background.call(self, self.tr("กำลังบันทึก…"), self.doc.settled())  # a failed save is in unsaved()
        try:
            self.doc.close()
        finally:
            self.doc = None  # widgets still holding it see doc.closed and ignore late commits
            if self.lock:
                self.lock.unlock()
                self.lock = None
        self.set_enabled(False)

    def refresh_display(self) -> None:
        """Redraw every page (the word-break dictionary arrived: Thai can now wrap)."""
        if self.doc is not None:
            self.doc.notify([])

    def _update_title(self, *_args: object) -> None:
        name = self.doc.path.name if self.doc else self.tr("ยังไม่ได้เปิดไฟล์")
        origin = self.origin_of(self.doc.path) if self.doc else None
        if origin is not None:  # the clerk must know the stick's file is not the one being edited
            name += self.tr(" — สำเนาในเครื่องนี้ของไฟล์ในแฟลชไดรฟ์ ") + str(origin)
        self.setWindowTitle(f"{name} — ITA Desktop")

    def _save_failed(self, message: str) -> None:
        if self._save_failure_shown:  # one message for a run of failed saves, not one per key
            return
        self._save_failure_shown = True
        try:
            QMessageBox.critical(self, self.tr("บันทึกไม่สำเร็จ"),
                                 self.tr("บันทึกการแก้ไขลงไฟล์ไม่ได้ การแก้ไขยังอยู่ในหน้าต่างนี้ "
                                         "โปรดใช้ «บันทึกเป็น…» ไปยังที่อื่น\n\n") + message)
        finally:
            self._save_failure_shown = False

    def offer_kept_edits(self) -> bool:
        """Edits a failed save kept (the PC was switched off before they reached the file):
        offer them back at the next open of that file."""
        if self.doc is None:
            return False
        kept = self.doc.kept_edits()
        if not kept:
            return False
        answer = QMessageBox.question(
            self, self.tr("พบการแก้ไขที่ยังไม่ได้บันทึก"),
            self.tr(f"ครั้งก่อนบันทึกการแก้ไข {to_thai_digits(str(len(kept)))} รายการลงไฟล์นี้ไม่สำเร็จ "
                    "โปรแกรมเก็บสำรองไว้\nนำการแก้ไขเหล่านั้นกลับมาใส่ในไฟล์นี้หรือไม่ "
                    "(ตอบ ไม่ = ทิ้งการแก้ไขเหล่านั้น)"))
        if answer != QMessageBox.StandardButton.Yes:
            self.doc.forget_kept()
            return False
        self.doc.restore_kept(kept)
        background.call(self, self.tr("กำลังบันทึก…"), self.doc.settled())
        if self.doc.unsaved():  # still failing: the recovery file stays, the message has been shown
            return False
        self.doc.forget_kept()
        self.refresh_display()
        return True

    def save(self) -> None:
        """Everything is committed as the clerk types; Ctrl+S waits until it is on disk."""
        if self.doc is None:
            return
        self._commit_focused()
        try:  # what a failed save left out is written again, or said
            background.call(self, self.tr("กำลังบันทึก…"), self.doc.save_now())
        except EXPECTED as exc:
            say_failure(self, self.tr("บันทึกไม่สำเร็จ"), exc, self.tr(
                "ยังบันทึกการแก้ไขลงไฟล์ไม่ได้ การแก้ไขยังอยู่ในหน้าต่างนี้ ใช้ «บันทึกเป็น…» ไปยังที่อื่นได้: "))
            return
        self.doc.undo_stack.setClean()
        self.statusBar().showMessage(self.tr("บันทึกแล้ว: ") + str(self.doc.path), 4000)

    def offer_recovery(self, path: Path) -> bool:
        """A `*.ita-saving` next to the file is a complete copy a save did not finish renaming."""
        leftover = leftover_copy(path)
        if leftover is None:
            return False
        answer = QMessageBox.question(
            self, self.tr("พบสำเนาที่บันทึกค้างไว้"),
            self.tr(f"พบไฟล์ «{leftover.name}» ที่การบันทึกครั้งก่อนเขียนเสร็จแต่ยังไม่ได้แทนที่ไฟล์เดิม\n"
                    "ใช้สำเนานี้แทนไฟล์เดิมหรือไม่ (ตอบ ไม่ = ลบสำเนานี้ทิ้ง)"))
        try:
            if answer == QMessageBox.StandardButton.Yes:
                if path.exists():
                    copy_file(path, path.with_name(path.name + ".before-recovery"))
                replace_with_retry(leftover, path)
                return True
            delete_with_retry(leftover)
        except OSError as exc:
            say_failure(self, self.tr("กู้คืนไม่ได้"), exc)
        return False

    def offer_local_copy(self, path: Path, read_only: bool = False) -> Path | None:
        """Work on a copy in Documents; แฟ้ม › บันทึกกลับไปที่ต้นฉบับ writes it back. A file
        whose place cannot be written (`read_only`) can only be worked on that way. A copy this
        PC made of the same file before is continued, not copied again: it may hold work not
        yet written back (what the stick has newer is offered after the open)."""
        kept = self._kept_local_copy(path)
        where = kept or self._new_local_name(path)
        if read_only:
            title = self.tr("ไฟล์อยู่ในที่ที่เขียนไม่ได้")
            ask = self.tr(f"«{path.name}» อยู่ในแฟลชไดรฟ์หรือแผ่นที่ป้องกันการเขียน หรือในโฟลเดอร์ที่ไม่มีสิทธิ์เขียน "
                          "จึงบันทึกการแก้ไขลงไฟล์นี้ไม่ได้\n")
        else:
            title = self.tr("ไฟล์อยู่ในแฟลชไดรฟ์หรือไดรฟ์เครือข่าย")
            ask = self.tr("ปลอดภัยกว่าหากแฟลชไดรฟ์ถูกถอดระหว่างทำงาน: ทำงานกับสำเนาในเครื่องนี้ "
                          "แล้วบันทึกกลับไปที่แฟลชไดรฟ์เมื่อทำเสร็จ (แฟ้ม › บันทึกกลับไปที่ต้นฉบับในแฟลชไดรฟ์)\n\n")
        if kept:
            ask += self.tr(f"เครื่องนี้มีสำเนาของไฟล์นี้อยู่แล้วที่ «{kept}»\nทำงานต่อกับสำเนานั้นหรือไม่")
        else:
            ask += self.tr(f"คัดลอกมาไว้ที่ «{where}» แล้วทำงานกับสำเนานั้นหรือไม่")
        if QMessageBox.question(self, title, ask) != QMessageBox.StandardButton.Yes:
            return None
        if kept:
            return kept
        local = where

        def copy_here() -> None:  # on a worker thread: a stick can be slow
            local.parent.mkdir(parents=True, exist_ok=True)
            source = Store.open_readonly(path)  # only read: never upgraded or written in place
            try:
                source.copy_to(local)
            finally:
                source.close()
        try:
            background.call(self, self.tr("กำลังคัดลอกไฟล์มาไว้ในเครื่องนี้…"), copy_here)
        except EXPECTED as exc:
            say_failure(self, self.tr("คัดลอกไม่ได้"), exc)
            return None
        self.settings.setValue(_origin_key(local), str(path))
        return local

    @staticmethod
    def _new_local_name(path: Path) -> Path:
        local = documents_dir() / path.name
        number = 1
        while local.exists():  # never over an earlier copy: it may hold work not written back
            suffix = "" if number == 1 else f" {number}"
            local = local.with_name(f"{path.stem} (สำเนาจากแฟลชไดรฟ์{suffix}){path.suffix}")
            number += 1
        return local

    def _kept_local_copy(self, path: Path) -> Path | None:
        """The local copy this PC made of the stick's file at `path` before, if it is still there."""
        for key in self.settings.allKeys():
            if key.startswith("origin/") and str(self.settings.value(key, "")) == str(path):
                local = Path(key[len("origin/"):].replace("|", os.sep))
                if not local.is_absolute():  # a settings file from the other system's paths
                    continue
                if local.is_file() and self.origin_of(local) == path:
                    return local
        return None

    def origin_of(self, path: Path) -> Path | None:
        value = self.settings.value(_origin_key(path), "")
        return Path(str(value)) if value else None

    def take_news_from_stick(self, stick: Path, title: str, lacks: str, question: str) -> MergeReviewDialog | None:
        """When the stick's file has changes the open file lacks (another PC wrote them: told by
        revision history, not clocks), offer to merge them; the review dialog, or None when
        there is nothing new or the clerk declined."""
        assert self.doc is not None
        try:
            plan = background.call(self, self.tr("กำลังอ่านไฟล์ในแฟลชไดรฟ์…"), self.doc.plan_merge(stick))
        except EXPECTED:
            return None  # unreadable or gone: writing back says why, opening needs nothing from it
        if plan.empty or not plan.related:
            return None
        count = len(plan.added) + len(plan.taken) + len(plan.merged)
        answer = QMessageBox.question(
            self, title,
            self.tr(f"«{stick}» มีการแก้ไขจากเครื่องอื่น {to_thai_digits(str(count))} รายการ {lacks}\n\n") + question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes)
        if answer != QMessageBox.StandardButton.Yes:
            return None
        return self.merge_from(stick)

    def save_back(self) -> bool:
        """Write the local working copy back to where it came from (the USB stick). What another
        PC wrote to the stick's file since is never dropped: it is merged in first (the review
        opens; accepting it writes back)."""
        if self.doc is None:
            return False
        origin = self.origin_of(self.doc.path)
        if origin is None:
            QMessageBox.information(self, self.tr("บันทึกกลับ"), self.tr("ไฟล์นี้ไม่ได้เปิดจากแฟลชไดรฟ์"))
            return False
        self._commit_focused()
        if origin.exists():
            review = self.take_news_from_stick(
                origin, self.tr("ไฟล์ในแฟลชไดรฟ์มีการแก้ไขจากเครื่องอื่น"),
                self.tr("ที่บันทึกหลังจากคัดลอกมา และเครื่องนี้ยังไม่มี ถ้าบันทึกทับ การแก้ไขเหล่านั้นจะหายไป"),
                self.tr("รวมการแก้ไขเหล่านั้นเข้ามาก่อน แล้วจึงบันทึกกลับหรือไม่ (ตอบ ยกเลิก = ยังไม่บันทึกกลับ)"))
            if review is not None:
                self.close_after_back = self.closing
                review.accepted.connect(self._save_back_after_review, Qt.ConnectionType.QueuedConnection)
                review.rejected.connect(self._forget_close_after_back)
                return False
            if self._stick_has_news(origin):  # declined, or the review refused: nothing written
                return False
        if self._write_copy(origin, self.tr("บันทึกกลับไปที่แฟลชไดรฟ์")) is None:
            return False
        self.back_pending = False
        QMessageBox.information(self, self.tr("บันทึกกลับแล้ว"),
                                self.tr(f"บันทึกกลับลงแฟลชไดรฟ์แล้ว: «{origin}»\nถอดแฟลชไดรฟ์ได้อย่างปลอดภัย"))
        return True

    def _save_back_after_review(self) -> None:
        # the merge the write-back asked for is in: write back now, and when the clerk was
        # closing the window, finish closing (no second quit needed)
        closing, self.close_after_back = self.close_after_back, False
        if self.save_back() and closing:
            self.close()

    def _forget_close_after_back(self) -> None:
        self.close_after_back = False

    def _stick_has_news(self, stick: Path) -> bool:
        assert self.doc is not None
        try:
            plan = background.call(self, self.tr("กำลังอ่านไฟล์ในแฟลชไดรฟ์…"), self.doc.plan_merge(stick))
        except EXPECTED:
            return False
        return plan.related and not plan.empty

    def _note_back_pending(self, records: list[m.Record]) -> None:
        if records:  # a refresh that touched nothing is no edit to write back
            self.back_pending = True

    def confirm_save_back(self) -> bool:
        """Before the local copy of a stick's file is closed: offer to write it back.
        False when the clerk cancels (or writing back failed: the window stays)."""
        if self.doc is None or not self.back_pending:
            return True
        origin = self.origin_of(self.doc.path)
        if origin is None:
            return True
        answer = QMessageBox.question(
            self, self.tr("บันทึกกลับไปที่แฟลชไดรฟ์"),
            self.tr("ยังไม่ได้บันทึกการแก้ไขกลับไปที่ «") + str(origin) + self.tr("»\n"
                    "บันทึกกลับตอนนี้หรือไม่ (ตอบ ไม่ = เก็บไว้เฉพาะในเครื่องนี้ ที่ «") + str(self.doc.path) + "»)",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No | QMessageBox.StandardButton.Cancel)
        if answer == QMessageBox.StandardButton.Yes:
            return self.save_back()
        return answer == QMessageBox.StandardButton.No

    def _write_copy(self, target: Path, title: str) -> Path | None:
        """Everything typed so far, copied safely to `target` (`.ita` added); None on failure,
        said in Thai once, with the old target left whole. A stick that is not there (or was
        pulled during the write) is asked for: ลองอีกครั้ง once it is plugged in."""
        assert self.doc is not None
        if target.suffix.lower() != FILE_SUFFIX:
            target = target.with_name(target.name + FILE_SUFFIX)
        if Path(os.path.abspath(target)) == Path(os.path.abspath(self.doc.path)) or (
                target.exists() and os.path.samefile(target, self.doc.path)):
            # the open file itself: replacing it under its own connection would lose later edits
            QMessageBox.information(self, title, self.tr("ไฟล์นี้คือไฟล์ที่เปิดอยู่ การแก้ไขบันทึกลงไฟล์นี้อยู่แล้ว "
                                                         "ถ้าต้องการสำเนา ให้เลือกชื่อหรือโฟลเดอร์อื่น"))
            return None
        self._commit_focused()
        while True:
            try:  # the window's state, with edits a failed save left out
                background.call(self, self.tr("กำลังบันทึก…"), self.doc.write_copy(target))
            except EXPECTED as exc:
                if self._retry_write(target, title, exc):
                    continue
                return None
            self._remember_folder(target.parent)
            return target

    def _retry_write(self, target: Path, title: str, exc: BaseException) -> bool:
        """Say why a copy could not be written; True when the clerk asks to try again."""
        kept = self.tr("\n\nการแก้ไขทั้งหมดยังอยู่ครบในเครื่องนี้ («") + str(self.doc.path if self.doc else "") + "»)"
        if isinstance(exc, FolderGoneError):
            text = self.tr(f"ไม่พบแฟลชไดรฟ์ (หรือโฟลเดอร์ «{target.parent}») — เสียบแฟลชไดรฟ์แล้วกด ลองอีกครั้ง")
        else:
            message = thai_message(exc)
            old = self.tr("ไฟล์เดิมในแฟลชไดรฟ์ยังอยู่ครบ") if target.exists() else self.tr("ไม่ได้สร้างไฟล์ใดไว้")
            text = self.tr("เขียนไฟล์ «") + str(target) + self.tr("» ไม่สำเร็จ: ") + message.text + "\n" + old
            if not is_removable(target, extra_folders=marked_folders(self.settings)) and message.detail \
                    and message.text.startswith("เกิดข้อผิดพลาด"):
                text += self.tr("\n\nรายละเอียดสำหรับผู้ดูแลโปรแกรม: ") + message.detail
        answer = QMessageBox.warning(self, title, text + kept,
                                     QMessageBox.StandardButton.Retry | QMessageBox.StandardButton.Cancel,
                                     QMessageBox.StandardButton.Retry)
        return answer == QMessageBox.StandardButton.Retry

    def save_copy_to(self, target: Path) -> bool:
        """A complete copy (for a USB stick); the open file stays the one being worked on."""
        if self.doc is None:
            return False
        written = self._write_copy(target, self.tr("บันทึกสำเนา"))
        if written is None:
            return False
        if is_removable(written, extra_folders=marked_folders(self.settings)):
            QMessageBox.information(self, self.tr("บันทึกสำเนาแล้ว"), self.tr(
                f"บันทึกสำเนาลงแฟลชไดรฟ์แล้ว: «{written}»\nถอดแฟลชไดรฟ์ได้อย่างปลอดภัย "
                "ไฟล์ที่เปิดทำงานอยู่ยังเป็นไฟล์เดิมในเครื่องนี้"))
        else:
            self.statusBar().showMessage(self.tr("บันทึกสำเนาแล้ว: ") + str(written), 8000)
        return True

    def save_copy_dialog(self) -> None:
        if self.doc is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("บันทึกสำเนาไปที่"),
                                              str(Path(self._start_folder()) / self.doc.path.name),
                                              self.tr(FILE_FILTER))
        if path:
            self.save_copy_to(Path(path))

    def save_as(self) -> None:
        if self.doc is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("บันทึกเป็น"), self._start_folder(),
                                              self.tr(FILE_FILTER))
        if path:
            self.save_as_path(Path(path))

    def save_as_path(self, target: Path) -> bool:
        written = self._write_copy(target, self.tr("บันทึกเป็น"))
        return written is not None and self.open_file(written)

    def _start_folder(self) -> str:
        """Where the file dialogs open: the stick the open file came from, else the folder used
        last (while it exists), else the open file's folder, else Documents."""
        origin = self.origin_of(self.doc.path) if self.doc else None
        last = Path(str(self.settings.value("last_folder", "") or ""))
        for folder in (origin.parent if origin else None, last if last.is_absolute() else None):
            if folder is not None and folder.is_dir():
                return str(folder)
        return str(self.doc.path.parent if self.doc else documents_dir())

    def _remember_folder(self, folder: Path) -> None:
        self.settings.setValue("last_folder", str(folder))

    def open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("เปิดไฟล์"), self._start_folder(),
                                              self.tr(FILE_FILTER))
        if path:
            self._remember_folder(Path(path).parent)
            self.open_file(Path(path))

    def new_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("สร้างไฟล์ใหม่"), str(documents_dir()),
                                              self.tr(FILE_FILTER))
        if path:
            self.new_file_at(Path(path))

    def new_file_at(self, path: Path) -> bool:
        if path.suffix.lower() != FILE_SUFFIX:
            path = path.with_name(path.name + FILE_SUFFIX)
        try:
            Store.create(path).close()
        except EXPECTED as exc:
            say_failure(self, self.tr("สร้างไฟล์ใหม่"), exc)
            return False
        ok = self.open_file(path)
        if ok:
            self.nav.setCurrentRow(0)
        return ok

    def import_json(self) -> None:
        src, _ = QFileDialog.getOpenFileName(self, self.tr("นำเข้าจาก JSON"), self._start_folder(),
                                             self.tr("ไฟล์ JSON (*.json)"))
        if not src:
            return
        # the new office file goes where the clerk's files are (Documents), not beside the
        # JSON (a stick, Downloads, or the program's own folder)
        suggested = documents_dir() / Path(src).with_suffix(FILE_SUFFIX).name
        out, _ = QFileDialog.getSaveFileName(self, self.tr("บันทึกข้อมูลที่นำเข้าเป็นไฟล์"),
                                             str(suggested), self.tr(FILE_FILTER))
        if out:
            self.import_json_to(Path(src), Path(out), split_lists=None)

    def import_docx(self) -> QDialog | None:
        """Last year's report from Word: its measures shown before they go into a plan."""
        if self.doc is None:
            return None
        src, _ = QFileDialog.getOpenFileName(self, self.tr("นำเข้ามาตรการจากไฟล์ Word"), self._start_folder(),
                                             self.tr("เอกสาร Word (*.docx *.doc)"))
        return self.import_docx_from(Path(src)) if src else None

    def import_docx_from(self, src: Path) -> QDialog | None:
        from ita_desktop.docx_import import DocxImportError, read_docx
        from ita_desktop.ui.dialogs.table_import import TableImportDialog

        if self.doc is None:
            return None
        try:  # read on a worker thread: a long report takes a moment
            found = background.call(self, self.tr("กำลังอ่านไฟล์ Word…"), lambda: read_docx(src))
        except DocxImportError as exc:
            QMessageBox.warning(self, self.tr("นำเข้าไม่ได้"), str(exc))
            return None
        except EXPECTED as exc:
            say_failure(self, self.tr("นำเข้าไม่ได้"), exc)
            return None
        page = self.plan_page
        year = page.plan.fiscal_year if page.plan is not None else 0
        dialog = TableImportDialog(self, self.doc, src.name, found.tables, found.blocks, fiscal_year=year,
                                   settings=self.settings)
        if not dialog.measures:
            QMessageBox.warning(self, self.tr("นำเข้าไม่ได้"), self.tr(
                "ไม่พบตารางมาตรการหรือหัวข้อมาตรการในไฟล์นี้ (ตารางต้องมีหัวตาราง เช่น มาตรการ/โครงการ ผู้รับผิดชอบ ระยะเวลา)"))
            dialog.deleteLater()
            return None
        dialog.finished.connect(lambda _r: self._after_import(dialog))
        dialog.open()
        return dialog

    def _after_import(self, dialog: QDialog) -> None:
        plans = [r for r in getattr(dialog, "imported", []) if isinstance(r, m.Measure)]
        if plans:
            self.nav.setCurrentRow(2)
            page = self.plan_page  # the year the measures went to, not the one shown before
            index = page.plans.findData(plans[0].plan_id)
            if index >= 0:
                page.plans.setCurrentIndex(index)
            self.statusBar().showMessage(self.tr("นำเข้าแล้ว ") + to_thai_digits(str(len(plans)))
                                         + self.tr(" มาตรการ (เลิกทำได้ด้วย Ctrl+Z)"), 10000)

    def import_json_to(self, src: Path, out: Path, split_lists: bool | None = False) -> bool:
        """`split_lists` None: ask whether lists typed inline go one item a line."""
        try:  # read and checked on a worker thread
            data = background.call(self, self.tr("กำลังนำเข้าข้อมูล…"),
                                   lambda: exchange.import_data(exchange.read_json(src)))
        except EXPECTED as exc:
            say_failure(self, self.tr("นำเข้าไม่สำเร็จ"), exc)
            return False
        splits = list_splits(data)
        if split_lists is None:
            split_lists = ask_split_lists(self, [(s.before, s.after) for s in splits])
        if split_lists:
            for split in splits:
                split.apply()
        try:  # a new file, made on a worker thread; then opened
            background.call(self, self.tr("กำลังนำเข้าข้อมูล…"), lambda: exchange.write_new_file(data, out).close())
        except EXPECTED as exc:
            say_failure(self, self.tr("นำเข้าไม่สำเร็จ"), exc)
            return False
        return self.open_file(out)

    def export_json(self) -> None:
        if self.doc is None:
            return
        out, _ = QFileDialog.getSaveFileName(self, self.tr("ส่งออกเป็น JSON"),
                                             str(self.doc.path.with_suffix(".json")),
                                             self.tr("ไฟล์ JSON (*.json)"))
        if out:
            self.export_json_to(Path(out))

    def export_json_to(self, out: Path) -> background.Operation[None] | None:
        """The file as JSON, written in the background (after the edits queued so far)."""
        if self.doc is None:
            return None
        self._commit_focused()
        return background.run(
            self, self.tr("กำลังส่งออกเป็นไฟล์ JSON…"), self.doc.export_json(out),
            on_done=lambda _r: self.statusBar().showMessage(self.tr("ส่งออกแล้ว: ") + str(out), 5000),
            on_error=lambda exc: say_failure(self, self.tr("ส่งออกไม่สำเร็จ"), exc))

    def check_file(self) -> QDialog | None:
        """The completeness check; double-clicking an item goes to its field."""
        if self.doc is None:
            return None
        self._commit_focused()
        try:
            findings = background.call(self, self.tr("กำลังตรวจความครบถ้วนของข้อมูล…"), self.doc.check())
        except EXPECTED as exc:
            say_failure(self, self.tr("ตรวจความครบถ้วนไม่ได้"), exc)
            return None
        dialog, view = findings_dialog(self, findings, self.tr("ดับเบิลคลิกรายการเพื่อไปยังช่องที่ต้องแก้"),
                                       lambda item: self.go_to(*item.data(Qt.ItemDataRole.UserRole)))
        # a window beside the main one, not a modal one: the clerk fixes what it lists while
        # it stays open (modal, it let the field be found but not typed in)
        dialog.setModal(False)
        dialog.show()
        self.check_view = view
        return dialog

    def merge_dialog(self) -> None:
        if self.doc is None:
            return
        path, _ = QFileDialog.getOpenFileName(self, self.tr("รวมข้อมูลจากไฟล์อื่น"), self._start_folder(),
                                              self.tr(FILE_FILTER))
        if path:
            self.merge_from(Path(path))

    def merge_from(self, path: Path) -> MergeReviewDialog | None:
        """Review what another copy brings; the merge is applied when the dialog is accepted,
        as one undo step, after a backup copy of this file."""
        if self.doc is None:
            return None
        if path.resolve() == self.doc.path.resolve():
            QMessageBox.warning(self, self.tr("รวมข้อมูล"), self.tr("เลือกไฟล์อื่น ไม่ใช่ไฟล์ที่เปิดอยู่"))
            return None
        self._commit_focused()
        try:
            plan = background.call(self, self.tr("กำลังอ่านไฟล์ที่จะรวม…"), self.doc.plan_merge(path))
        except EXPECTED as exc:
            say_failure(self, self.tr("รวมข้อมูลไม่ได้"), exc)
            return None
        no, yes = QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes
        # a copy of this file (plan.related) is never asked about, whatever its office record
        # says; the questions default to No (Enter or Escape merges nothing)
        if not plan.same_office and QMessageBox.question(
                self, self.tr("หน่วยงานไม่ตรงกัน"),
                self.tr("อีกไฟล์น่าจะเป็นของหน่วยงานอื่น:\n") + f"\nไฟล์นี้: {plan.offices[0]}\n"
                f"อีกไฟล์: {plan.offices[1]}\n\n" + self.tr(
                    "ถ้ารวม ข้อมูลของหน่วยงานนั้นจะปนเข้ามาในไฟล์นี้ ต้องการรวมต่อหรือไม่"),
                yes | no, no) != yes:
            return None
        if plan.nothing_new:
            ahead = plan.mine_ahead
            QMessageBox.information(self, self.tr("รวมข้อมูล"), self.tr(
                "สองไฟล์มีข้อมูลตรงกันแล้ว ไม่มีอะไรต้องรวม") if not ahead else self.tr(
                "อีกไฟล์เก่ากว่า ไม่มีอะไรใหม่ให้รับ — ไฟล์นี้มีการแก้ไขที่อีกไฟล์ยังไม่มี ")
                + to_thai_digits(str(ahead)) + self.tr(" รายการ"))
            return None
        if plan.same_office and not plan.related and QMessageBox.question(
                self, self.tr("ไฟล์ที่สร้างแยกกัน"),
                self.tr("อีกไฟล์เป็นของหน่วยงานเดียวกันแต่ไม่ได้คัดลอกมาจากไฟล์นี้ (สร้างแยกกัน)\n"
                        "มาตรการที่พิมพ์ซ้ำกันในสองไฟล์จะกลายเป็นสองรายการ ต้องการรวมต่อหรือไม่"),
                yes | no, no) != yes:
            return None
        dialog = MergeReviewDialog(self, plan)
        dialog.accepted.connect(lambda: self.apply_merge(plan, partial=dialog.partial))
        dialog.open()
        return dialog

    def apply_merge(self, plan: merge.MergePlan, partial: bool = False) -> bool:
        """The merge the clerk reviewed: the file (a backup, then one transaction), then memory
        as the file holds it, one undo step (Document.apply_merge); the window paints meanwhile."""
        doc = self.doc
        if doc is None:
            return False
        try:
            background.call(self, self.tr("กำลังรวมข้อมูล…"), doc.apply_merge(
                plan, partial, self.tr("รวมข้อมูลจาก ") + Path(plan.source).name))
        except EXPECTED as exc:  # said only once the writer is done: the file is as it was
            say_failure(self, self.tr("รวมข้อมูลไม่สำเร็จ"), exc, self.tr("ไฟล์นี้ยังเหมือนก่อนรวม: "))
            return False
        self.refresh_display()
        left = len(plan.unresolved)
        self.statusBar().showMessage(self.tr("รวมข้อมูลแล้ว: ") + to_thai_digits(plan.summary()) + (
            self.tr(f" (ยังไม่ได้เลือก {to_thai_digits(str(left))} ช่อง คงค่าของไฟล์นี้ไว้"
                    " จะถามอีกครั้งเมื่อรวมกับไฟล์นั้น)") if left else ""),
            12000)
        return True

    def edit_catalogs(self) -> CatalogEditor:
        """The catalogs of every ITA year, editable; not tied to the open file."""
        editor = CatalogEditor(self)
        editor.finished.connect(lambda _r: self._catalogs_edited())
        editor.open()
        return editor

    def edit_removable_folders(self) -> RemovableFoldersDialog:
        """Folders whose files are worked on as a local copy, as a stick's (not tied to a file)."""
        dialog = RemovableFoldersDialog(self, self.settings)
        dialog.open()
        return dialog

    def edit_memo_wording(self) -> QDialog | None:
        """The memo that asks the head to approve and publish a document (printed from the print screen)."""
        if self.doc is None:
            return None
        return self.register_page.edit_memo_wording()

    def _catalogs_edited(self) -> None:
        """A catalog saved in the editor: the pages that list its items read them again."""
        self.assessment_page.refresh_catalogs()
        self.register_page.catalogs_changed()
        self.plan_page.editor.catalogs_changed()

    def go_to(self, record_id: str, field: str = "") -> bool:
        """Show the record (a measure, a ประเด็น, a plan, an assessment or the office) and put
        the cursor in its field; False when the record is gone."""
        if self.doc is None or not record_id:
            return False
        data = self.doc.data
        record = next((r for r in data.all_records() if r.id == record_id and not r.deleted), None)
        if record is None:
            return False
        if isinstance(record, m.Office):
            self.nav.setCurrentRow(0)
            office = self.office_page
            widget: QWidget | None
            if field.startswith("signatory:"):
                widget = office.sig_fields.get(field.split(":", 1)[1], (None, None))[0]
            else:
                widget = getattr(office, field, None) if field in ("name", "tambon", "amphoe", "changwat") else None
            if widget is not None:
                self._show_and_focus(widget)
            return True
        if isinstance(record, (m.Assessment, m.IndicatorScore, m.QuestionScore)):
            self.nav.setCurrentRow(1)
            apage = self.assessment_page
            aid = record.id if isinstance(record, m.Assessment) else getattr(record, "assessment_id", "")
            index = apage.years.findData(aid)
            if index >= 0:
                apage.years.setCurrentIndex(index)
            target = {"indicators": apage.indicator_view, "questions": apage.question_view,
                      "level": apage.level}.get(field) or apage.typed.get(field)
            if target is not None:
                self._show_and_focus(target)
            return True
        if isinstance(record, m.OitEntry):
            self.nav.setCurrentRow(3)
            register = self.register_page
            register.years.setCurrentIndex(max(0, register.years.findData(record.ita_year)))
            register.select(record.code)
            target = {"answer": register.editor.answer, "links": register.editor.links}.get(field)
            if target is not None:
                self._show_and_focus(target)
            return True
        plan_id = record.id if isinstance(record, m.Plan) else getattr(record, "plan_id", "")
        self.nav.setCurrentRow(2)
        page = self.plan_page
        index = page.plans.findData(plan_id)
        if index >= 0:
            page.plans.setCurrentIndex(index)
        if isinstance(record, m.Measure):
            page.select(record)
            page.right.setCurrentIndex(0)
            editor = page.editor
            found = (editor.fields.get(field) or {"indicator": editor.indicator, "group": editor.group}.get(field)
                     or editor.result_widgets.get("year", {}).get(field))
            widget = found if isinstance(found, QWidget) else None
            if widget is not None:
                if field in ("output", "outcome"):
                    editor.rounds.setCurrentIndex(m.ROUNDS.index("year"))
                self._show_and_focus(widget)
            return True
        if isinstance(record, m.AnalysisGroup):
            page.right.setCurrentIndex(page.right.indexOf(page.groups))
            groups = data.groups_of(plan_id)
            page.groups.list.setCurrentRow(next((i for i, g in enumerate(groups) if g.id == record.id), 0))
            widget = page.groups.texts.get(field)
            if widget is not None:
                self._show_and_focus(widget)
            return True
        if isinstance(record, m.Plan):
            # signatories and approval: ผู้ลงนามในเอกสาร; anything else: the measure list
            page.right.setCurrentIndex(1 if field in ("signatories", "approval") else 0)
            return True
        return True

    def _show_and_focus(self, widget: QWidget) -> None:
        """Scroll the page to the widget and put the cursor there (the check's list, beside
        the window, gives the keyboard back to it)."""
        self.activateWindow()
        parent = widget.parentWidget()
        while parent is not None:
            area = parent.parentWidget()
            if isinstance(area, QScrollArea):
                area.ensureWidgetVisible(widget)
                break
            parent = area
        widget.setFocus()

    def print_report(self) -> PrintReportDialog | None:
        """The implementation report's options; the PDF is made by a worker process."""
        if self.doc is None:
            return None
        self._commit_focused()
        # imported on first use: the print engine's options, the worker and Qt's PDF view are
        # a tenth of the start-up's imports
        from ita_desktop.ui.dialogs.print_report import PrintReportDialog

        dialog = PrintReportDialog(self, self.doc, self.settings)
        dialog.saved.connect(lambda path: self.statusBar().showMessage(self.tr("บันทึกแล้ว: ") + path, 8000))
        dialog.open()
        return dialog

    def _on_page(self, row: int, page: str, method: str, text: str = "") -> None:
        """A menu item of a page's button: show the page, then do what the button does; when
        the page's button is disabled, say why (its tooltip) instead of doing nothing."""
        if self.doc is None:
            return
        self._commit_focused()
        self.nav.setCurrentRow(row)
        widget = getattr(self, page)
        name = text.rstrip("…")
        button = next((b for b in widget.findChildren(QPushButton) if b.text().rstrip("…") == name), None)
        if button is not None and not button.isEnabled():
            self.statusBar().showMessage(button.toolTip() or self.tr(f"«{name}» ยังใช้ไม่ได้ตอนนี้"), 10000)
            return
        getattr(widget, method)()

    def show_help(self) -> HelpDialog:
        """ช่วยเหลือ › วิธีใช้: the yearly job step by step (beside the window, not modal)."""
        if self.help_dialog is None:
            self.help_dialog = HelpDialog(self)
        self.help_dialog.show()
        self.help_dialog.raise_()
        return self.help_dialog

    def about(self) -> None:
        QMessageBox.about(self, self.tr("เกี่ยวกับ ITA Desktop"),
                          self.tr("ITA Desktop รุ่น ") + __version__ + "\n"
                          + self.tr("จัดเก็บข้อมูล ITA ของหน่วยงาน และจัดทำเอกสารประจำปี\n"
                                    "แบบอักษร Sarabun: SIL Open Font License 1.1"))

    # --- recent files ----------------------------------------------------------------------
    def recent_files(self) -> list[str]:
        value = self.settings.value("recent_files", [])
        if isinstance(value, str):
            return [value]
        return [str(v) for v in value] if isinstance(value, (list, tuple)) else []

    def _remember(self, path: Path) -> None:
        files = [str(path)] + [f for f in self.recent_files() if f != str(path)]
        self.settings.setValue("recent_files", files[:MAX_RECENT])
        self.settings.setValue("last_file", str(path))
        self.settings.sync()
        self._refresh_recent()

    def _refresh_recent(self) -> None:
        self.recent_menu.clear()
        files = self.recent_files()
        for f in files:
            act = self.recent_menu.addAction(f)
            act.triggered.connect(lambda _c=False, p=f: self.open_file(Path(p)))
        self.recent_menu.setEnabled(bool(files))

    # --- window events -----------------------------------------------------------------
    def _restore_geometry(self) -> None:
        """Where the clerk left the window; the first time, 1200×720 or what the screen has
        (a 1366×768 screen at 125 % has 1093×582 above the taskbar)."""
        saved = self.settings.value("window/geometry")
        if saved is not None and self.restoreGeometry(saved):
            return
        fit_to_screen(self, 1200, 720)

    def _remember_geometry(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile() and urls[0].toLocalFile().lower().endswith(FILE_SUFFIX):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        urls = event.mimeData().urls()
        if urls:
            path = Path(urls[0].toLocalFile())
            QTimer.singleShot(0, lambda: self.open_file(path))
            event.acceptProposedAction()

    def confirm_unsaved(self) -> bool:
        """Edits a failed save left out: offer Save as before the window closes (they are
        also in the recovery file, offered at the next open). False: stay open."""
        if self.doc is None:
            return True
        with contextlib.suppress(*EXPECTED):  # the disk may have room again
            background.call(self, self.tr("กำลังบันทึก…"), self.doc.save_now())
        pending = self.doc.unsaved()
        if not pending:
            return True
        answer = QMessageBox.question(
            self, self.tr("ยังมีการแก้ไขที่บันทึกไม่ได้"),
            self.tr(f"การแก้ไข {to_thai_digits(str(len(pending)))} รายการยังบันทึกลงไฟล์ไม่ได้\n"
                    "บันทึกเป็นไฟล์ใหม่ในที่อื่นก่อนปิดหรือไม่ (ตอบ ไม่ = ปิดเลย "
                    "โปรแกรมจะเสนอการแก้ไขที่เก็บสำรองไว้เมื่อเปิดไฟล์นี้ครั้งหน้า)"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No | QMessageBox.StandardButton.Cancel)
        if answer == QMessageBox.StandardButton.Yes:
            self.save_as()
            return False  # the window stays with the new file (or the old one if cancelled)
        return answer == QMessageBox.StandardButton.No

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closing = True  # a write-back that first opens a merge review closes after it
        try:
            leave = self.confirm_save_back() and self.confirm_unsaved()
        finally:
            self.closing = False
        if not leave:
            event.ignore()
            return
        try:
            self.close_document()
        except EXPECTED as exc:
            say_failure(self, self.tr("ปิดไฟล์"), exc, self.tr("บันทึกไม่สำเร็จ: "))
            event.ignore()
            return
        self._remember_geometry()
        event.accept()
        self.closed.emit()



