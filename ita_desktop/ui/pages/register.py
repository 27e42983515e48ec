"""ทะเบียนการเปิดเผยข้อมูล (OIT): for each OIT item of an ITA year, what ITAS asks (มี/ไม่มี,
URLs on the main website, a คำอธิบาย) and the office's notes; readiness at a glance; what ITAS
takes copied; the register as CSV. The rules live in domain/oit.py; this page only shows and
edits them, each change one undo step."""
from __future__ import annotations

import csv
import datetime as dt
import io
import mimetypes
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ita_desktop.domain import edits, oit
from ita_desktop.domain import models as m
from ita_desktop.domain.framework import Framework, code_text
from ita_desktop.paths import documents_dir
from ita_desktop.safe_files import write_bytes_atomically, write_text_atomically
from ita_desktop.store.errors import thai_message
from ita_desktop.thai.dates import DateError, fiscal_year, parse_thai_date
from ita_desktop.thai.digits import to_thai_digits
from ita_desktop.thai.text import normalize_line
from ita_desktop.ui import background
from ita_desktop.ui.document import Document
from ita_desktop.ui.widgets.fields import (
    FieldNote,
    LineField,
    MultiLineField,
    explain_disabled,
    show_status,
)
from ita_desktop.ui.widgets.photos import size_text

MAX_EVIDENCE_BYTES = 10_000_000  # a scanned PDF of a few pages; the file travels on USB sticks
ANSWER_MARKS = {"yes": "มี", "no": "ไม่มี", "": "—"}


def _catalogs() -> dict[int, Framework]:
    from ita_desktop.resources import all_frameworks

    return all_frameworks()


class LinksTable(QTableWidget):
    """The URLs of an item, one row each (URL, the page's title on the site), with a note
    per row: not on the main website, or what the last check said."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 3, parent)
        self.setHorizontalHeaderLabels([self.tr("URL"), self.tr("ชื่อหน้าบนเว็บไซต์"), self.tr("ตรวจ")])
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        self.setColumnWidth(1, 120)
        self.setColumnWidth(2, 80)  # what the check said: cut here, whole in its tooltip
        self.setMinimumWidth(160)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.verticalHeader().setVisible(False)
        self.setFixedHeight(self.fontMetrics().lineSpacing() * 6)

    def show_links(self, links: list[dict[str, str]], website: str) -> None:
        self.blockSignals(True)
        self.setRowCount(len(links))
        for row, link in enumerate(links):
            url = link.get("url", "")
            for col, text in ((0, url), (1, link.get("title", ""))):
                item = QTableWidgetItem(text)
                item.setToolTip(text)  # a long URL is cut in the cell
                self.setItem(row, col, item)
            notes = []
            if url and not oit.on_main_site(url, website):
                notes.append(self.tr("ไม่อยู่บนเว็บไซต์หลัก"))
            if link.get("check"):
                notes.append(link["check"])
            note = QTableWidgetItem(" · ".join(notes))
            note.setFlags(note.flags() & ~Qt.ItemFlag.ItemIsEditable)
            if url and not oit.on_main_site(url, website):
                note.setForeground(Qt.GlobalColor.darkRed)
            note.setToolTip(note.text())
            self.setItem(row, 2, note)
        self.blockSignals(False)

    def links(self, old: list[dict[str, str]]) -> list[dict[str, str]]:
        """The rows as links, keeping what the last check said of a URL that did not change."""
        out = []
        for row in range(self.rowCount()):
            url_item, title_item = self.item(row, 0), self.item(row, 1)
            url = normalize_line(url_item.text() if url_item else "")
            title = normalize_line(title_item.text() if title_item else "")
            link = {"url": url, "title": title}
            before = old[row] if row < len(old) else {}
            if before.get("url") == url:
                link.update({k: v for k, v in before.items() if k not in ("url", "title")})
            out.append(link)
        return out


class AppDocumentsBox(QGroupBox):
    """The app's own documents that answer the item: their URL and publishing date are typed
    here once and kept on the document's record, where the print screen's approval is (one
    place: the register, the document and its draft mark agree)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("เอกสารจากโปรแกรมที่ตอบข้อนี้"))
        self.form = QFormLayout(self)
        self.doc: Document | None = None
        self.shown: list[tuple[str, str, str]] = []  # (plan id, document, round) of the rows built
        self.fields: list[tuple[oit.AppDocument, QLabel, LineField, LineField, FieldNote]] = []

    def show_documents(self, doc: Document, documents: list[oit.AppDocument]) -> None:
        self.doc = doc
        keys = [(d.plan.id, d.document, d.round) for d in documents]
        if keys != self.shown:  # rebuilt for another item only: typing keeps its field
            self.shown = keys
            while self.form.rowCount():
                self.form.removeRow(0)
            self.fields = []
            for d in documents:
                state = QLabel()
                state.setWordWrap(True)
                url = LineField(placeholder=self.tr("URL ของไฟล์ PDF บนเว็บไซต์หลัก"))
                day = LineField(placeholder=self.tr("เช่น ๒๒ ธ.ค. ๒๕๖๘"))
                note = FieldNote()
                i = len(self.fields)
                url.committed.connect(lambda v, i=i: self._set(i, "url", v))
                day.committed.connect(lambda v, i=i: self._date_typed(i, v))
                self.form.addRow(state)
                self.form.addRow(self.tr("ลิงก์ (URL)"), url)
                self.form.addRow(self.tr("วันที่เผยแพร่"), day)
                self.form.addRow("", note)
                self.fields.append((d, state, url, day, note))
        else:
            self.fields = [(d, state, url, day, note)
                           for d, (_old, state, url, day, note) in zip(documents, self.fields, strict=True)]
        for d, state, url, day, _note in self.fields:
            issued = d.issued
            approved = oit.short_date(issued.approved_on) if issued is not None else ""
            state.setText(f"<b>{d.name}</b> — " + (self.tr("อนุมัติแล้ว ") + approved if approved else
                                                  self.tr("ยังไม่อนุมัติ (พิมพ์เป็นฉบับร่าง)")))
            url.set_value(issued.url if issued is not None else "")
            day.set_value(oit.short_date(issued.published_on) if issued is not None else "")
        self.setVisible(bool(documents))

    def _issued(self, i: int) -> m.IssuedDocument:
        """The document's record, made as the print screen makes it when there is none yet."""
        assert self.doc is not None
        d = self.fields[i][0]
        if d.issued is not None and self.doc.data.holds(d.issued):
            return d.issued
        doc = self.doc

        def create() -> list[m.Record]:
            rec = next((x for x in doc.data.documents if x.id == d.issued_id), None)
            if rec is None:
                rec = m.IssuedDocument(id=d.issued_id, plan_id=d.plan.id, document=d.document, round=d.round)
                doc.data.documents.append(rec)
            rec.deleted = False
            return [rec]
        made = doc.edit(self.tr("บันทึกการเผยแพร่เอกสาร"), create)[0]
        assert isinstance(made, m.IssuedDocument)
        d.issued = made
        return made

    def _set(self, i: int, field: str, value: str) -> None:
        if self.doc is None:
            return
        issued = self._issued(i)
        self.doc.set_field(issued, field, value, self.tr("บันทึกการเผยแพร่เอกสาร"))
        self.doc.notify([issued])

    def _date_typed(self, i: int, text: str) -> None:
        day = _typed_day(text, self.fields[i][4])
        if day is not None:
            self._set(i, "published_on", day)


class EntryEditor(QScrollArea):
    """Every field of one register entry."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc: Document | None = None
        self.row: oit.Row | None = None
        self.setWidgetResizable(True)
        # the fields narrow with the window (a long URL is cut in its cell, whole in its editor)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        self.setWidget(body)
        outer = QVBoxLayout(body)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-weight: bold;")
        outer.addWidget(self.heading)
        self.hint = QLabel()  # the period the item asks for, where its URL comes from
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555;")
        outer.addWidget(self.hint)
        review_row = QHBoxLayout()
        self.review = QLabel()
        self.review.setWordWrap(True)
        self.review.setStyleSheet("color: #8a5a00; font-weight: bold;")
        self.reviewed = QPushButton(self.tr("ตรวจแล้ว"))
        self.reviewed.setToolTip(self.tr("ลิงก์และข้อมูลที่ยกมาจากปีก่อนยังใช้ได้"))
        self.reviewed.clicked.connect(lambda: self._set("review", ""))
        review_row.addWidget(self.review, 1)
        review_row.addWidget(self.reviewed)
        outer.addLayout(review_row)
        self.documents = AppDocumentsBox()
        outer.addWidget(self.documents)
        self.inputs = QWidget()
        outer.addWidget(self.inputs)
        form = QFormLayout(self.inputs)
        form.setContentsMargins(0, 0, 0, 0)
        self.answer = QComboBox()
        for key in ("", "yes", "no"):
            self.answer.addItem(m.OIT_ANSWERS[key], key)
        self.answer.currentIndexChanged.connect(lambda _i: self._set("answer", self.answer.currentData()))
        form.addRow(self.tr("คำตอบใน ITAS"), self.answer)
        self.links = LinksTable()
        self.links.itemChanged.connect(lambda _item: self._links_edited())
        form.addRow(self.tr("ลิงก์ (URL)"), self.links)
        link_buttons = QHBoxLayout()
        add = QPushButton(self.tr("เพิ่มลิงก์"))
        add.clicked.connect(self.add_link)
        self.remove_link_button = QPushButton(self.tr("ลบลิงก์ที่เลือก"))
        self.remove_link_button.clicked.connect(self.remove_link)
        link_buttons.addWidget(add)
        link_buttons.addWidget(self.remove_link_button)
        link_buttons.addStretch(1)
        form.addRow("", link_buttons)
        self.location = LineField(placeholder=self.tr("เช่น หน้าแรก > ข้อมูลพื้นฐาน > โครงสร้าง"))
        self.period = LineField()
        self.published = LineField(placeholder=self.tr("เช่น ๑๕ ต.ค. ๒๕๖๘"))
        self.published_note = FieldNote()
        form.addRow(self.tr("ตำแหน่งบนเว็บไซต์"), self.location)
        form.addRow(self.tr("ช่วงเวลาของข้อมูล"), self.period)
        form.addRow(self.tr("วันที่เผยแพร่"), self.published)
        form.addRow("", self.published_note)
        self.division = QComboBox()
        self.division.currentIndexChanged.connect(lambda _i: self._set("division_id", self.division.currentData() or ""))
        form.addRow(self.tr("กองที่รับผิดชอบ"), self.division)
        self.person = LineField(placeholder=self.tr("ผู้รับผิดชอบการให้ข้อมูล"))
        self.position = LineField()
        self.uploader = LineField(placeholder=self.tr("ผู้รับผิดชอบการนำข้อมูลขึ้นเผยแพร่"))
        self.uploader_position = LineField()
        form.addRow(self.tr("ผู้รับผิดชอบ"), self.person)
        form.addRow(self.tr("ตำแหน่ง"), self.position)
        form.addRow(self.tr("ผู้นำขึ้นเว็บไซต์"), self.uploader)
        form.addRow(self.tr("ตำแหน่ง"), self.uploader_position)
        self.explanation = MultiLineField(lines=4)
        form.addRow(self.tr("คำอธิบาย"), self.explanation)
        draft_row = QHBoxLayout()
        self.use_draft = QPushButton(self.tr("แก้จากคำอธิบายที่ร่างให้"))
        self.use_draft.setToolTip(self.tr("คำอธิบายที่ร่างจากตำแหน่งบนเว็บไซต์ ช่วงเวลา และวันที่เผยแพร่ "
                                          "ใส่ลงช่องเพื่อแก้ไขต่อ"))
        self.use_draft.clicked.connect(self._take_draft)
        self.drafted = QLabel()
        self.drafted.setWordWrap(True)
        self.drafted.setStyleSheet("color: #555;")
        draft_row.addWidget(self.use_draft)
        draft_row.addWidget(self.drafted, 1)
        form.addRow("", draft_row)
        self.note = MultiLineField(lines=2)
        form.addRow(self.tr("หมายเหตุ"), self.note)
        evidence_row = QHBoxLayout()
        self.evidence = QLabel()
        self.evidence.setWordWrap(True)
        attach = QPushButton(self.tr("แนบไฟล์…"))
        attach.clicked.connect(self.choose_evidence)
        self.open_evidence = QPushButton(self.tr("เปิดดู"))
        self.open_evidence.clicked.connect(self.show_evidence)
        self.drop_evidence = QPushButton(self.tr("นำออก"))
        self.drop_evidence.clicked.connect(lambda: self._set("evidence_id", ""))
        evidence_row.addWidget(self.evidence, 1)
        for b in (attach, self.open_evidence, self.drop_evidence):
            evidence_row.addWidget(b)
        form.addRow(self.tr("ไฟล์หลักฐาน"), evidence_row)
        for name, widget in (("location", self.location), ("period", self.period), ("person", self.person),
                             ("position", self.position), ("uploader", self.uploader),
                             ("uploader_position", self.uploader_position), ("explanation", self.explanation),
                             ("note", self.note)):
            widget.committed.connect(lambda v, f=name: self._set(f, v))
        self.published.committed.connect(self._published_typed)
        outer.addStretch(1)

    # --- showing -------------------------------------------------------------------------
    def show_row(self, doc: Document, row: oit.Row | None, reason: str) -> None:
        self.doc, self.row = doc, row
        live = row is not None and doc.data.holds(row.entry)
        if row is None:
            self.heading.setText(reason)
            self.hint.setText("")
        else:
            self.heading.setText(f"{code_text(row.code)} {row.title}")
            hint = [oit.period_hint(row.question, row.entry.ita_year)]
            if row.measures:
                hint.append(self.tr("มาตรการที่ตอบข้อนี้: ") + ", ".join(f"«{t}»" for t in row.measures))
            if not live:
                hint.append(reason)
            self.hint.setText(" · ".join(hint))
        explain_disabled(self.inputs, "" if live else reason)
        self.documents.show_documents(doc, row.documents if row is not None else [])
        review = row.entry.review if row is not None and live else ""
        self.review.setText(review)
        self.review.setVisible(bool(review))
        self.reviewed.setVisible(bool(review))
        self.refresh()

    def refresh(self) -> None:
        if self.doc is None:
            return
        data = self.doc.data
        row = self.row
        entry = row.entry if row is not None else m.OitEntry()
        self.answer.blockSignals(True)
        self.answer.setCurrentIndex(max(0, self.answer.findData(entry.answer)))
        self.answer.blockSignals(False)
        self.links.show_links(entry.links, data.office.website)
        self.remove_link_button.setEnabled(bool(entry.links))
        self.location.set_value(entry.location)
        self.period.setPlaceholderText(self.tr("เช่น ต.ค. ๒๕๖๘ – ก.ย. ๒๕๖๙ (ข้อนี้: ")
                                       + oit.period_hint(row.question if row else None, entry.ita_year or 0) + ")")
        self.period.set_value(entry.period)
        self.published.set_value(oit.short_date(entry.published_on))
        self.published_note.show_problem(None)
        self.division.blockSignals(True)
        self.division.clear()
        self.division.addItem(self.tr("(ไม่ระบุ)"), "")
        for d in data.live_divisions():
            self.division.addItem(d.name, d.id)
        self.division.setCurrentIndex(max(0, self.division.findData(entry.division_id)))
        self.division.blockSignals(False)
        for name, widget in (("person", self.person), ("position", self.position), ("uploader", self.uploader),
                             ("uploader_position", self.uploader_position)):
            widget.set_value(getattr(entry, name))
        draft = oit.draft_explanation(entry, row.question if row else None,
                                      row.links if row else None, row.published_on if row else None)
        self.explanation.setPlaceholderText(draft or self.tr("พิมพ์ตำแหน่งบนเว็บไซต์ ช่วงเวลา และวันที่เผยแพร่ "
                                                             "แล้วโปรแกรมจะร่างคำอธิบายให้"))
        self.explanation.set_value(entry.explanation)
        self.explanation.viewport().update()  # a new placeholder is not painted by itself
        self.drafted.setText(self.tr("ยังไม่ได้พิมพ์เอง: ITAS จะได้คำอธิบายที่ร่างให้ (ตัวจาง)")
                             if not entry.explanation and draft else "")
        self.use_draft.setEnabled(bool(draft) and not entry.explanation)
        self.note.set_value(entry.note)
        att = data.attachment(entry.evidence_id)
        self.evidence.setText(f"{att.name} ({size_text(len(att.data or b''))})" if att else self.tr("ยังไม่มี"))
        self.open_evidence.setEnabled(att is not None)
        self.drop_evidence.setEnabled(att is not None)

    # --- edits -----------------------------------------------------------------------------
    def _set(self, field: str, value: object) -> None:
        if self.doc is not None and self.row is not None and self.doc.data.holds(self.row.entry):
            self.doc.set_field(self.row.entry, field, value, self.tr("แก้ไขทะเบียนการเปิดเผยข้อมูล"))

    def _links_edited(self) -> None:
        """The links as typed; the first URL typed for an item not yet answered answers it «มี»
        (a page that shows it exists), in the same undo step."""
        if self.doc is None or self.row is None or not self.doc.data.holds(self.row.entry):
            return
        entry, links = self.row.entry, self.links.links(self.row.entry.links)
        if entry.answer or not any(x["url"].strip() for x in links):
            self._set("links", links)
            return

        def answer() -> list[m.Record]:
            entry.links, entry.answer = links, "yes"
            return [entry]
        self.doc.notify(self.doc.edit(self.tr("แก้ไขทะเบียนการเปิดเผยข้อมูล"), answer))

    def add_link(self) -> None:
        if self.row is None:
            return
        site = self.doc.data.office.website if self.doc else ""
        start = site.rstrip("/") + "/" if site else "https://"
        self._set("links", [*[dict(x) for x in self.row.entry.links], {"url": start, "title": ""}])
        last = self.links.rowCount() - 1
        item = self.links.item(last, 0) if last >= 0 else None
        if item is not None:
            self.links.setCurrentCell(last, 0)
            self.links.editItem(item)

    def remove_link(self) -> None:
        if self.row is None or not self.row.entry.links:
            return
        at = self.links.currentRow()
        at = at if 0 <= at < len(self.row.entry.links) else len(self.row.entry.links) - 1
        self._set("links", [dict(x) for i, x in enumerate(self.row.entry.links) if i != at])

    def _published_typed(self, text: str) -> None:
        day = _typed_day(text, self.published_note)
        if day is not None:
            self._set("published_on", day)

    def _take_draft(self) -> None:
        if self.row is not None:
            self._set("explanation", self.explanation.placeholderText())

    def choose_evidence(self) -> None:
        path, _f = QFileDialog.getOpenFileName(self, self.tr("เลือกไฟล์หลักฐาน"), str(documents_dir()),
                                               self.tr("PDF หรือรูปภาพ (*.pdf *.png *.jpg *.jpeg)"))
        if path:
            self.attach_evidence(Path(path))

    def attach_evidence(self, path: Path) -> bool:
        """Copy a file into the office file as this entry's evidence; a Thai message when it cannot."""
        if self.doc is None or self.row is None:
            return False
        try:
            size = path.stat().st_size
            if size > MAX_EVIDENCE_BYTES:
                raise ValueError(self.tr("ไฟล์ใหญ่เกิน ") + size_text(MAX_EVIDENCE_BYTES)
                                 + self.tr(" ลดขนาดหรือแนบเฉพาะหน้าที่เกี่ยวข้อง"))
            content = path.read_bytes()[:MAX_EVIDENCE_BYTES + 1]
        except (OSError, ValueError) as exc:
            text = str(exc) if isinstance(exc, ValueError) else thai_message(exc, "อ่านไฟล์").text
            QMessageBox.warning(self, self.tr("แนบไฟล์ไม่ได้"), text)
            return False
        doc, entry = self.doc, self.row.entry
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"

        def attach() -> list[m.Record]:
            att = edits.attach(doc.data, path.name, mime, content)
            entry.evidence_id = att.id
            return [att, entry]
        doc.notify(doc.edit(self.tr("แนบไฟล์หลักฐาน"), attach))
        return True

    def show_evidence(self) -> None:
        """Open the evidence in the PC's viewer, from a copy in the temporary folder."""
        if self.doc is None or self.row is None:
            return
        att = self.doc.data.attachment(self.row.entry.evidence_id)
        if att is None or att.data is None:
            return
        import tempfile

        folder = Path(tempfile.mkdtemp(prefix="ita-evidence-"))
        target = folder / (Path(att.name).name or "evidence")
        try:
            write_bytes_atomically(target, att.data)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("เปิดไฟล์ไม่ได้"), thai_message(exc, "เปิดไฟล์").text)
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))


def _typed_day(text: str, note: FieldNote) -> str | None:
    """A date typed in Thai as ISO ('' for none), or None with the problem shown under the field."""
    if not text.strip():
        note.show_problem(None)
        return ""
    try:
        day = parse_thai_date(text)
    except DateError as exc:
        note.show_problem(("missing", str(exc)))
        return None
    note.show_problem(None)
    return day.isoformat()


class RegisterPage(QWidget):
    """The register of one ITA year: its items on the left, the chosen one's fields on the right."""

    COLUMNS = ("ข้อ", "รายการ", "คำตอบ", "URL", "ต้องตรวจ")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc: Document | None = None
        self.catalogs: dict[int, Framework] | None = None
        self.fw: Framework | None = None
        self.rows: list[oit.Row] = []
        self._stale = False
        self._years_for: Document | None = None  # the file whose years the year list shows
        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("ปีประเมิน ITA")))
        self.years = QComboBox()
        self.years.currentIndexChanged.connect(lambda _i: self.refresh())
        top.addWidget(self.years)
        self.make_button = QPushButton(self.tr("สร้างทะเบียนปีนี้"))
        self.make_button.setToolTip(self.tr("สร้างรายการทุกข้อ OIT ของปีนี้ ยก URL ของข้อเดิมมาจากปีก่อน"))
        self.make_button.clicked.connect(self.make_register)
        top.addWidget(self.make_button)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        top.addWidget(self.summary, 1)
        outer.addLayout(top)
        self.site_note = QLabel()
        self.site_note.setWordWrap(True)
        self.site_note.setStyleSheet("color: #8a5a00;")
        outer.addWidget(self.site_note)
        split = QSplitter(Qt.Orientation.Horizontal)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in self.COLUMNS])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for col in (0, 2, 3, 4):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.currentCellChanged.connect(lambda *_a: self._row_chosen())
        split.addWidget(self.table)
        self.editor = EntryEditor()
        split.addWidget(self.editor)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        outer.addWidget(split, 1)
        buttons = QHBoxLayout()
        self.copy_button = QPushButton(self.tr("คัดลอกสำหรับ ITAS"))
        self.copy_button.setToolTip(self.tr("คำตอบ URL และคำอธิบายของข้อที่เลือก ไปวางในระบบ ITAS"))
        self.copy_button.clicked.connect(self.copy_for_itas)
        self.copy_urls_button = QPushButton(self.tr("คัดลอกเฉพาะ URL"))
        self.copy_urls_button.clicked.connect(self.copy_urls)
        self.copy_text_button = QPushButton(self.tr("คัดลอกเฉพาะคำอธิบาย"))
        self.copy_text_button.clicked.connect(self.copy_explanation)
        self.check_button = QPushButton(self.tr("ตรวจลิงก์"))
        self.check_button.setToolTip(self.tr("เปิดทุกลิงก์ของปีนี้ทางอินเทอร์เน็ตเพื่อดูว่าเปิดได้หรือไม่ "
                                             "(ใช้อินเทอร์เน็ตเฉพาะตอนกดปุ่มนี้)"))
        self.check_button.clicked.connect(self.check_links)
        self.csv_button = QPushButton(self.tr("ส่งออก CSV…"))
        self.csv_button.clicked.connect(self.export_csv)
        self.print_button = QPushButton(self.tr("พิมพ์ทะเบียน…"))
        self.print_button.clicked.connect(self.print_register)
        self.form_button = QPushButton(self.tr("พิมพ์แบบขออนุญาตเผยแพร่…"))
        self.form_button.setToolTip(self.tr("แบบฟอร์มการขออนุญาตการเผยแพร่ข้อมูลผ่านเว็บไซต์ของข้อที่เลือก"))
        self.form_button.clicked.connect(self.print_form)
        for b in (self.copy_button, self.copy_urls_button, self.copy_text_button, self.check_button, self.csv_button,
                  self.print_button, self.form_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        outer.addLayout(buttons)

    # --- binding -------------------------------------------------------------------------
    def set_document(self, doc: Document) -> None:
        # filled when first shown: opening a file reads no catalog for a page not looked at
        self.doc = doc
        doc.changed.connect(self._changed)
        self._years_for = None
        if self.isVisible():
            self._show_file()
        else:
            self._stale = True

    def _show_file(self) -> None:
        if self._years_for is not self.doc:
            self._years_for = self.doc
            self._fill_years()
        self.refresh()

    def _changed(self, _records: list[m.Record]) -> None:
        # a hidden page is brought up to date when it is shown: typing a measure never waits for it
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self._show_file()

    def catalogs_changed(self) -> None:
        """A catalog was saved in the catalog editor: read them again."""
        self.catalogs = None
        if self.doc is not None:
            self._fill_years()
            self.refresh()

    def _all_catalogs(self) -> dict[int, Framework]:
        if self.catalogs is None:
            self.catalogs = _catalogs()
        return self.catalogs

    def _fill_years(self) -> None:
        assert self.doc is not None
        data = self.doc.data
        years = sorted({*self._all_catalogs(), *oit.register_years(data),
                        *(a.ita_year for a in data.live_assessments())})
        years = [y for y in years if oit.catalog_for(data, y, self._all_catalogs()) is not None]
        with_register = oit.register_years(data)
        this_year = fiscal_year(dt.date.today())
        default = max(with_register) if with_register else max((y for y in years if y <= this_year), default=0)
        self.years.blockSignals(True)
        self.years.clear()
        for y in reversed(years):
            self.years.addItem(to_thai_digits(str(y)), y)
        self.years.setCurrentIndex(max(0, self.years.findData(default)))
        self.years.blockSignals(False)

    def year(self) -> int:
        value = self.years.currentData()
        return int(value) if value else 0

    def refresh(self) -> None:
        if self.doc is None:
            return
        data = self.doc.data
        year = self.year()
        self.fw = oit.catalog_for(data, year, self._all_catalogs()) if year else None
        self.rows = oit.rows(data, self.fw, self._all_catalogs()) if self.fw else []
        made = bool(data.oit_entries_of(year))
        missing = [r for r in self.rows if not data.holds(r.entry)]
        self.make_button.setVisible(bool(missing))
        self.make_button.setText(self.tr("สร้างทะเบียนปีนี้") if not made else self.tr("เพิ่มข้อที่ยังไม่มี"))
        if not self.rows:
            self.summary.setText(self.tr("ยังไม่มีรายการข้อ OIT ของปีนี้ในเกณฑ์การประเมิน"))
        elif not made:
            self.summary.setText(self.tr("ยังไม่ได้สร้างทะเบียนของปีนี้ — กด «สร้างทะเบียนปีนี้»"))
        else:
            last = oit.last_year_catalog(data, year, self._all_catalogs())
            ready = oit.readiness(self.rows, oit.last_year_scores(data, self.fw, last) if self.fw else {})
            off_site = f" · URL นอกเว็บไซต์หลัก {ready.off_site}" if ready.off_site else ""
            self.summary.setText(to_thai_digits(
                f"{len(self.rows)} ข้อ: มีพร้อม URL {ready.with_url}{off_site} · มีแต่ยังไม่ใส่ URL {ready.without_url}"
                f" · ไม่มี {ready.absent} · ยังไม่ตรวจ {ready.unchecked}"))
        site = data.office.website
        foreign = sum(1 for r in self.rows if r.foreign_links)
        if not site:
            self.site_note.setText(self.tr("ยังไม่ได้ระบุเว็บไซต์หลักของหน่วยงาน (หน้า «ข้อมูลหน่วยงาน») "
                                           "โปรแกรมจึงยังตรวจไม่ได้ว่า URL อยู่บนเว็บไซต์หลักหรือไม่"))
        elif foreign:
            self.site_note.setText(to_thai_digits(f"{foreign} ข้อมี URL ที่ไม่อยู่บนเว็บไซต์หลัก ({oit.host_of(site)})"
                                                  " ITAS ตรวจเฉพาะเว็บไซต์หลักของหน่วยงาน"))
        else:
            self.site_note.setText("")
        self.site_note.setVisible(bool(self.site_note.text()))
        current = self.table.currentRow()
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.rows))
        for i, row in enumerate(self.rows):
            urls = sum(1 for x in row.links if x.get("url", "").strip())
            flags = []
            if row.entry.review:
                flags.append(self.tr("ยกมา"))
            if row.foreign_links:
                flags.append(self.tr("นอกเว็บหลัก"))
            if row.answer == "yes" and not urls:
                flags.append(self.tr("ไม่มี URL"))
            cells = (code_text(row.code), row.title, ANSWER_MARKS.get(row.answer, ""),
                     to_thai_digits(str(urls)) if urls else "", " · ".join(flags))
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text if col == 1 else self._flag_help(row) if col == 4 else "")
                if col == 4 and flags:
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.table.setItem(i, col, item)
        self.table.blockSignals(False)
        if self.rows:
            self.table.setCurrentCell(min(max(current, 0), len(self.rows) - 1), 0)
        self._row_chosen()

    def _flag_help(self, row: oit.Row) -> str:
        """The list's short marks in full."""
        out = []
        if row.entry.review:
            out.append(row.entry.review)
        if row.foreign_links:
            out.append(self.tr("URL ไม่อยู่บนเว็บไซต์หลัก: ") + ", ".join(row.foreign_links))
        if row.answer == "yes" and not row.has_url:
            out.append(self.tr("ตอบ «มี» แต่ยังไม่ใส่ URL"))
        return "\n".join(out)

    def current(self) -> oit.Row | None:
        i = self.table.currentRow()
        return self.rows[i] if 0 <= i < len(self.rows) else None

    def select(self, code: str) -> None:
        for i, row in enumerate(self.rows):
            if row.code == code.lower():
                self.table.setCurrentCell(i, 0)
                return

    def _row_chosen(self) -> None:
        if self.doc is None:
            return
        row = self.current()
        if row is None:
            reason = self.summary.text()
        elif not self.doc.data.holds(row.entry):
            reason = self.tr("ยังไม่ได้สร้างทะเบียนของปีนี้ — กด «สร้างทะเบียนปีนี้» ก่อน")
        else:
            reason = ""
        self.editor.show_row(self.doc, row, reason)
        for b in (self.copy_button, self.copy_urls_button, self.copy_text_button):
            explain_disabled(b, "" if row is not None and self.doc.data.holds(row.entry) else
                             self.tr("เลือกข้อในทะเบียนที่สร้างแล้วก่อน"))
        has_links = any(x.get("url", "").strip() for r in self.rows for x in r.entry.links)
        explain_disabled(self.check_button, "" if has_links else self.tr("ยังไม่มี URL ในทะเบียนปีนี้"))
        made = self.doc.data.oit_entries_of(self.year())
        explain_disabled(self.csv_button, "" if self.rows else self.tr("ยังไม่มีทะเบียนของปีนี้"))
        explain_disabled(self.print_button, "" if made else self.tr("ยังไม่ได้สร้างทะเบียนของปีนี้"))
        explain_disabled(self.form_button, "" if made and row is not None and self.doc.data.holds(row.entry)
                         else self.tr("เลือกข้อในทะเบียนที่สร้างแล้วก่อน"))

    # --- actions -------------------------------------------------------------------------
    def make_register(self) -> list[m.OitEntry]:
        if self.doc is None or self.fw is None:
            return []
        doc, fw = self.doc, self.fw
        previous = oit.previous_register(doc.data, fw.ita_year, self._all_catalogs())
        made: list[m.OitEntry] = []

        def make() -> list[m.Record]:
            made.extend(edits.make_register(doc.data, oit.make_register(doc.data, fw, previous)))
            return list(made)
        doc.notify(doc.edit(self.tr("สร้างทะเบียนการเปิดเผยข้อมูล"), make))
        carried = sum(1 for e in made if e.links)
        show_status(self, to_thai_digits(f"สร้างทะเบียนปี {fw.ita_year} แล้ว {len(made)} ข้อ")
                    + (to_thai_digits(f" ยก URL มาจากปีก่อน {carried} ข้อ (ตรวจอีกครั้ง)") if carried else ""))
        return made

    def _print(self, document: str) -> QDialog | None:
        """The print screen on `document` of this year (through the window: it keeps the options)."""
        window = self.window()
        print_report = getattr(window, "print_report", None)
        dialog = print_report() if print_report is not None else None
        show = getattr(dialog, "show_document", None)
        if show is not None:
            show(document, self.year())
        return dialog if isinstance(dialog, QDialog) else None

    def print_register(self) -> QDialog | None:
        return self._print("oit-register")

    def print_form(self) -> QDialog | None:
        row = self.current()
        dialog = self._print("publish-form")
        fields = getattr(dialog, "fields", {})
        if row is not None and "items" in fields:
            fields["items"].put(row.code)
        return dialog

    def edit_memo_wording(self) -> QDialog | None:
        return self._wording("memo")

    def edit_form_wording(self) -> QDialog | None:
        return self._wording("publish-form")

    def _wording(self, key: str) -> QDialog | None:
        if self.doc is None:
            return None
        from ita_desktop.ui.dialogs.wording import WordingDialog

        dialog = WordingDialog(self, self.doc, key)
        dialog.open()
        return dialog

    def copy_for_itas(self) -> None:
        row = self.current()
        if row is not None:
            QGuiApplication.clipboard().setText(oit.itas_text(row))
            said = (self.tr(" แล้ว — วางในระบบ ITAS ได้") if row.answer == "no" or (row.answer == "yes" and row.has_url)
                    else self.tr(" แล้ว — แต่ข้อนี้ยังไม่ได้ตอบ มี/ไม่มี หรือยังไม่มี URL"))
            show_status(self, self.tr("คัดลอกข้อ ") + code_text(row.code) + said)

    def copy_urls(self) -> None:
        row = self.current()
        if row is not None:
            urls = [x["url"].strip() for x in row.links if x.get("url", "").strip()]
            QGuiApplication.clipboard().setText("\n".join(urls))
            show_status(self, to_thai_digits(f"คัดลอก URL {len(urls)} รายการแล้ว"))

    def copy_explanation(self) -> None:
        row = self.current()
        if row is not None:
            QGuiApplication.clipboard().setText(row.explanation)
            show_status(self, self.tr("คัดลอกคำอธิบายแล้ว"))

    def csv_text(self) -> str:
        out = io.StringIO()
        csv.writer(out, lineterminator="\r\n").writerows(oit.csv_rows(self.rows))
        return "\ufeff" + out.getvalue()  # the BOM: Excel reads the file as UTF-8 (Thai)

    def export_csv(self) -> None:
        if not self.rows:
            return
        name = f"ทะเบียน OIT {to_thai_digits(str(self.year()))}.csv"
        path, _f = QFileDialog.getSaveFileName(self, self.tr("ส่งออกทะเบียนเป็น CSV"),
                                               str(documents_dir() / name), self.tr("CSV (*.csv)"))
        if path:
            self.write_csv(Path(path))

    def write_csv(self, path: Path) -> bool:
        try:
            write_text_atomically(path, self.csv_text())
        except OSError as exc:
            QMessageBox.warning(self, self.tr("ส่งออกไม่สำเร็จ"), thai_message(exc, "บันทึกไฟล์").text)
            return False
        show_status(self, self.tr("บันทึก ") + path.name + self.tr(" แล้ว"))
        return True

    def check_links(self) -> None:
        """Open every URL of the year's register (the only network use of the app, on the
        clerk's request; bounded in time), then keep what each check said beside its URL."""
        if self.doc is None:
            return
        from ita_desktop import linkcheck

        doc = self.doc
        entries = [r.entry for r in self.rows if doc.data.holds(r.entry)]
        urls = sorted({x["url"].strip() for e in entries for x in e.links if x.get("url", "").strip()})
        if not urls:
            return
        stamp = dt.datetime.now().isoformat(timespec="minutes")

        def done(results: list[linkcheck.LinkResult]) -> None:
            said = {r.url: r for r in results}
            changed = []
            for e in entries:
                links = [dict(x) for x in e.links]
                for link in links:
                    result = said.get(link.get("url", "").strip())
                    if result is not None:
                        link["check"] = result.message
                        link["checked"] = stamp
                if links != e.links:
                    changed.append((e, links))

            def keep() -> list[m.Record]:
                for e, links in changed:
                    e.links = links
                return [e for e, _l in changed]
            doc.notify(doc.edit(self.tr("ตรวจลิงก์"), keep))
            bad = sum(1 for r in results if not r.ok)
            show_status(self, to_thai_digits(f"ตรวจ {len(results)} ลิงก์: เปิดได้ {len(results) - bad}"
                                             f" เปิดไม่ได้ {bad}"))
        background.run(self, self.tr("กำลังตรวจลิงก์…"), lambda: linkcheck.check_links(urls), done)
