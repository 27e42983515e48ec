"""ข้อมูลหน่วยงาน: the office, its divisions and its default signatories."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ita_desktop.domain import edits
from ita_desktop.domain import models as m
from ita_desktop.ui.dialogs.ask import ask_text
from ita_desktop.ui.document import Document
from ita_desktop.ui.widgets.fields import LineField, MultiLineField, explain_disabled

MAX_LOGO_BYTES = 2_000_000


class OfficePage(QScrollArea):
    """Form of the office record, divisions list and default signatories."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc: Document | None = None
        self.setWidgetResizable(True)
        body = QWidget()
        self.setWidget(body)
        outer = QVBoxLayout(body)

        box = QGroupBox(self.tr("หน่วยงาน"))
        form = QFormLayout(box)
        self.kind = QComboBox()
        for key, full, short in m.OFFICE_KINDS:
            self.kind.addItem(f"{full} ({short})", key)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.name = LineField(placeholder=self.tr("ชื่อ ไม่ต้องพิมพ์คำนำหน้า เช่น โนนคูณ"))
        self.tambon = LineField()
        self.amphoe = LineField()
        self.changwat = LineField()
        self.website = LineField(placeholder=self.tr("เช่น https://www.nonkhun.go.th — เว็บไซต์หลักที่ ITAS ตรวจข้อ OIT"))
        self.phone = LineField(placeholder=self.tr("สำหรับบันทึกข้อความ เช่น ๐ ๔๕๖๑ ๒๓๔๕"))
        self.email = LineField()
        self.full_name = QLabel()
        self.full_name.setWordWrap(True)
        form.addRow(self.tr("ประเภท"), self.kind)
        form.addRow(self.tr("ชื่อหน่วยงาน"), self.name)
        form.addRow(self.tr("ชื่อเต็ม"), self.full_name)
        form.addRow(self.tr("ตำบล"), self.tambon)
        form.addRow(self.tr("อำเภอ"), self.amphoe)
        form.addRow(self.tr("จังหวัด"), self.changwat)
        form.addRow(self.tr("เว็บไซต์หลัก"), self.website)
        form.addRow(self.tr("โทรศัพท์"), self.phone)
        form.addRow(self.tr("อีเมล"), self.email)
        for field, widget in (("name", self.name), ("tambon", self.tambon),
                              ("amphoe", self.amphoe), ("changwat", self.changwat),
                              ("website", self.website), ("phone", self.phone), ("email", self.email)):
            widget.committed.connect(lambda text, f=field: self._set_office(f, text))
        logo_row = QHBoxLayout()
        self.logo = QLabel(self.tr("ไม่มีรูป"))
        self.logo.setFixedSize(96, 96)
        self.logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo.setStyleSheet("border: 1px solid #bbb;")
        choose = QPushButton(self.tr("เลือกรูป…"))
        choose.clicked.connect(self.choose_logo)
        remove = QPushButton(self.tr("นำออก"))
        remove.clicked.connect(lambda: self._set_logo(None, ""))
        logo_row.addWidget(self.logo)
        logo_row.addWidget(choose)
        logo_row.addWidget(remove)
        logo_row.addStretch(1)
        form.addRow(self.tr("ตราสัญลักษณ์"), logo_row)
        outer.addWidget(box)

        div_box = QGroupBox(self.tr("กอง / ส่วนราชการ"))
        div_lay = QHBoxLayout(div_box)
        self.divisions = QListWidget()
        self.divisions.setMaximumHeight(150)
        buttons = QVBoxLayout()
        self.division_buttons: dict[str, QPushButton] = {}
        for key, text, slot in (("add", self.tr("เพิ่ม…"), self.add_division),
                                ("rename", self.tr("เปลี่ยนชื่อ…"), self.rename_division),
                                ("remove", self.tr("ลบ"), self.remove_division)):
            b = QPushButton(text)
            b.clicked.connect(slot)
            buttons.addWidget(b)
            self.division_buttons[key] = b
        self.divisions.currentRowChanged.connect(lambda _r: self._update_division_buttons())
        buttons.addStretch(1)
        div_lay.addWidget(self.divisions, 1)
        div_lay.addLayout(buttons)
        outer.addWidget(div_box)

        sig_box = QGroupBox(self.tr("ผู้ลงนามตั้งต้น (เอกสารแต่ละฉบับแก้ไขได้เอง)"))
        sig_form = QFormLayout(sig_box)
        self.sig_fields: dict[str, tuple[LineField, MultiLineField]] = {}
        for role in m.ROLES:
            name = LineField(placeholder=self.tr("ชื่อ-นามสกุล"))
            position = MultiLineField(lines=2)
            position.setPlaceholderText(self.tr("ตำแหน่ง (พิมพ์ได้ ๒ บรรทัด)"))
            name.committed.connect(lambda t, r=role: self._set_sig(r, "name", t))
            position.committed.connect(lambda t, r=role: self._set_sig(r, "position", t))
            sig_form.addRow(m.ROLE_NAMES[role], name)
            sig_form.addRow(self.tr("ตำแหน่ง"), position)
            self.sig_fields[role] = (name, position)
        outer.addWidget(sig_box)
        outer.addStretch(1)

    # --- binding ---------------------------------------------------------------------
    def _update_division_buttons(self) -> None:
        """Rename and remove need a chosen division (as the measure list's buttons do)."""
        why = "" if self.divisions.currentItem() is not None else (
            self.tr("ยังไม่มีกอง/ส่วนราชการ — กด «เพิ่ม…»") if self.divisions.count() == 0
            else self.tr("เลือกกอง/ส่วนราชการในรายการก่อน"))
        for key in ("rename", "remove"):
            explain_disabled(self.division_buttons[key], why)

    def set_document(self, doc: Document) -> None:
        self.doc = doc
        doc.changed.connect(lambda _r: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        if self.doc is None:
            return
        data = self.doc.data
        o = data.office
        self.kind.blockSignals(True)
        self.kind.setCurrentIndex(max(0, self.kind.findData(o.kind)))
        self.kind.blockSignals(False)
        self.name.set_value(o.name)
        self.tambon.set_value(o.tambon)
        self.amphoe.set_value(o.amphoe)
        self.changwat.set_value(o.changwat)
        self.website.set_value(o.website)
        self.phone.set_value(o.phone)
        self.email.set_value(o.email)
        self.full_name.setText(o.full_name if o.name else "")
        if o.logo:
            pix = QPixmap()
            pix.loadFromData(o.logo)
            self.logo.setPixmap(pix.scaled(92, 92, Qt.AspectRatioMode.KeepAspectRatio,
                                           Qt.TransformationMode.SmoothTransformation))
        else:
            self.logo.setPixmap(QPixmap())
            self.logo.setText(self.tr("ไม่มีรูป"))
        current = self.divisions.currentRow()
        self.divisions.clear()
        for d in data.live_divisions():
            item = QListWidgetItem(d.name)
            item.setData(Qt.ItemDataRole.UserRole, d.id)
            self.divisions.addItem(item)
        self.divisions.setCurrentRow(min(current, self.divisions.count() - 1))
        self._update_division_buttons()
        for role, (name, position) in self.sig_fields.items():
            sig = data.signatory("office", "", "", role)
            name.set_value(sig.name if sig else "")
            position.set_value(sig.position if sig else "")

    # --- edits -------------------------------------------------------------------------
    def _set_office(self, field: str, value: object) -> None:
        assert self.doc is not None
        self.doc.set_field(self.doc.data.office, field, value, self.tr("แก้ไขข้อมูลหน่วยงาน"))

    def _kind_changed(self) -> None:
        self._set_office("kind", self.kind.currentData())

    def _set_sig(self, role: str, field: str, value: str) -> None:
        assert self.doc is not None
        doc = self.doc
        sig = doc.data.signatory("office", "", "", role)
        if sig is None:
            def create() -> list[m.Record]:
                rec = edits.signatory_for(doc.data, "office", "", "", role)
                setattr(rec, field, value)
                return [rec]
            doc.edit(self.tr("แก้ไขผู้ลงนาม"), create)
        else:
            doc.set_field(sig, field, value, self.tr("แก้ไขผู้ลงนาม"))

    def choose_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("เลือกตราสัญลักษณ์"), "",
                                              self.tr("รูปภาพ (*.png *.jpg *.jpeg)"))
        if path:
            self.load_logo(Path(path))

    def load_logo(self, path: Path) -> bool:
        try:
            data = path.read_bytes()
        except OSError as exc:
            QMessageBox.warning(self, self.tr("ตราสัญลักษณ์"), self.tr("อ่านไฟล์ไม่ได้: ") + str(exc))
            return False
        pix = QPixmap()
        if len(data) > MAX_LOGO_BYTES or not pix.loadFromData(data):
            QMessageBox.warning(self, self.tr("ตราสัญลักษณ์"),
                                self.tr("ใช้ได้เฉพาะไฟล์ PNG หรือ JPG ขนาดไม่เกิน ๒ MB"))
            return False
        mime = "image/png" if data[:8] == b"\x89PNG\r\n\x1a\n" else "image/jpeg"
        self._set_logo(data, mime)
        return True

    def _set_logo(self, data: bytes | None, mime: str) -> None:
        assert self.doc is not None
        office = self.doc.data.office

        def change() -> list[m.Record]:
            office.logo, office.logo_mime = data, mime
            return [office]
        self.doc.edit(self.tr("เปลี่ยนตราสัญลักษณ์"), change)

    def _current_division(self) -> m.Division | None:
        item = self.divisions.currentItem()
        if item is None or self.doc is None:
            return None
        did = item.data(Qt.ItemDataRole.UserRole)
        return next((d for d in self.doc.data.divisions if d.id == did), None)

    def add_division(self) -> None:
        name = ask_text(self, self.tr("เพิ่มกองหรือส่วนราชการ"), self.tr("ชื่อกองหรือส่วนราชการ"),
                        placeholder=self.tr("เช่น กองคลัง หรือ สำนักปลัด"),
                        note=self.tr("ชื่อนี้ใช้เลือกผู้รับผิดชอบมาตรการ และพิมพ์ในนามของกองบนเอกสาร"))
        if name and self.doc is not None:
            doc = self.doc
            doc.edit(self.tr("เพิ่มกอง"), lambda: [edits.add_division(doc.data, name)])

    def rename_division(self) -> None:
        div = self._current_division()
        if div is None or self.doc is None:
            return
        name = ask_text(self, self.tr("เปลี่ยนชื่อกองหรือส่วนราชการ"),
                        self.tr(f"ชื่อใหม่ของ «{div.name}»"), text=div.name)
        if name and name != div.name:
            self.doc.set_field(div, "name", name, self.tr("เปลี่ยนชื่อกอง"))

    def remove_division(self) -> None:
        div = self._current_division()
        if div is not None and self.doc is not None:
            self.doc.set_field(div, "deleted", True, self.tr("ลบกอง"))
